#!/usr/bin/env bash
# Sets up everything stimmung needs on Debian 12: the Debian packages (only those missing), a virtual
# environment in .venv and the stimmung package built from this checkout. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" || missing+=("$1"); }
for p in g++ ninja-build pkg-config libboost-locale-dev libicu-dev libspdlog-dev libfmt-dev libgtest-dev \
         libgmock-dev; do
  need "$p"
done
# A cmake or Python that is already on the PATH (pyenv, pip) serves as well as Debian's.
command -v cmake >/dev/null || need cmake
# clang and its runtimes: libFuzzer targets and the sanitizer build. Java: the local Spark session.
need clang
need libclang-rt-14-dev
command -v java >/dev/null || need default-jre-headless
command -v python3 >/dev/null || need python3
python3 -c 'import venv, ensurepip' 2>/dev/null || need python3-venv
python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))' \
  2>/dev/null || need python3-dev
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> building and installing stimmung into .venv"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q ".[test]"
