#!/usr/bin/env bash
# Benchmarks (separate from the tests): installs what they need (Debian's libbenchmark-dev, the package
# in .venv, vaderSentiment from PyPI for comparison), builds the Google Benchmark binary in Release, then
# runs benchmarks/run.py, which prints the rates and ratios and writes benchmarks/RESULTS.md.
# Extra arguments go to run.py (e.g. --mb 5 for a quicker run).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if ! dpkg-query -W -f='${Status}' libbenchmark-dev 2>/dev/null | grep -q "ok installed"; then
  echo "==> installing libbenchmark-dev"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libbenchmark-dev
fi
.venv/bin/python -c 'import vaderSentiment' 2>/dev/null || .venv/bin/python -m pip install -q vaderSentiment
echo "==> building the C++ benchmarks"
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTIMMUNG_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/bench
exec .venv/bin/python benchmarks/run.py "$@"
