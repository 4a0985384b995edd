#!/usr/bin/env bash
# Sets up stimmung on Debian 12: the Debian packages (only those missing), a virtual environment in .venv
# and the stimmung package built from this checkout. Safe to run again.
#   ./scripts/setup.sh          everything the tests need: clang (fuzzing, sanitizers), Java (Spark), and
#                               the package with its test and docs extras (pyspark, Jupyter, Sphinx, ...)
#   ./scripts/setup.sh --demo   only what `stimmung demo` needs: the build prerequisites and the package
#                               with its runtime dependencies (numpy, pandas)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
[ "${1:-}" = "--demo" ] && mode=demo
start=$SECONDS
step() { echo "==> [$((SECONDS - start))s] $*"; }

missing=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" || missing+=("$1"); }
# Build prerequisites of the package (README, "Install").
for p in g++ ninja-build pkg-config libboost-locale-dev libicu-dev libspdlog-dev libfmt-dev; do
  need "$p"
done
# A cmake or Python that is already on the PATH (pyenv, pip) serves as well as Debian's.
command -v cmake >/dev/null || need cmake
command -v python3 >/dev/null || need python3
python3 -c 'import venv, ensurepip' 2>/dev/null || need python3-venv
python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))' \
  2>/dev/null || need python3-dev
if [ "$mode" = full ]; then
  need libgtest-dev
  need libgmock-dev
  # clang and its runtimes: libFuzzer targets and the sanitizer build. Java: the local Spark session.
  need clang
  need libclang-rt-14-dev
  command -v java >/dev/null || need default-jre-headless
fi
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  step "creating .venv"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "$mode" = demo ]; then
  target="."
  step "building stimmung (C++ core and Python extension, about a minute) and installing it with numpy and pandas"
else
  target=".[test,docs]"
  step "building stimmung and installing it with the test and docs extras (pyspark, Jupyter, Sphinx, ...)"
fi
# A dot every 10 s, so a first build never looks stuck; pip stays quiet unless it fails.
( while sleep 10; do printf '.'; done ) &
ticker=$!
trap 'kill $ticker 2>/dev/null || true' EXIT
CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} .venv/bin/python -m pip install -q "$target"
kill $ticker 2>/dev/null || true
echo
step "stimmung is installed in .venv ($(du -sh .venv | cut -f1))"
