#!/usr/bin/env bash
# Quick start, command 2: set everything up, then run every test: the lint gate (ruff, mypy), the C++ suite
# (ctest), the hardening checks, the self-contained wheel with the system libraries hidden, the Python suite
# (pytest, against the installed package) and the documentation build (warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

# First, as it takes seconds: the rules and the strict modules are declared in pyproject.toml.
echo "==> lint: ruff check, mypy"
.venv/bin/ruff check .
.venv/bin/mypy

echo "==> C++ build and ctest"
cmake -S . -B build/tests -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTIMMUNG_BUILD_TESTING=ON >/dev/null
cmake --build build/tests
ctest --test-dir build/tests --output-on-failure
./scripts/test-hardening.sh   # sanitizers, fuzzing (FUZZ_SECONDS per target), install + consumer

echo "==> self-contained wheel"
./scripts/test-wheel.sh

echo "==> pytest"
.venv/bin/python -m pytest tests/python -q

./scripts/build-docs.sh
