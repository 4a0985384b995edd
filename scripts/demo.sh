#!/usr/bin/env bash
# Quick start, command 1: set up only what the demo needs (build prerequisites, .venv with stimmung, numpy,
# pandas; no clang, test extras or pyspark), then run the main job (score the bundled sample corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --demo
exec .venv/bin/stimmung demo "$@"
