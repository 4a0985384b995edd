#!/usr/bin/env bash
# Quick start, command 1: set everything up, then run the main job (score the bundled sample corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/stimmung demo "$@"
