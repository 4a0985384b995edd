#!/usr/bin/env bash
# Builds the documentation site (Sphinx + MyST, docs/) into build/docs/html with warnings as errors.
# The API reference is generated from the docstrings of the stimmung installed in .venv, so run
# scripts/setup.sh first (scripts/test.sh does); the `docs` extra is installed here when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "no .venv: run ./scripts/setup.sh first"; exit 1; }
if ! .venv/bin/python -c 'import sphinx, myst_parser, furo' 2>/dev/null; then
  echo "==> installing the docs extra"
  .venv/bin/python -m pip install -q ".[docs]"
fi
echo "==> sphinx-build (warnings are errors)"
rm -rf build/docs
.venv/bin/python -m sphinx -W --keep-going -q -b html "$PWD/docs" "$PWD/build/docs/html" -d "$PWD/build/docs/doctrees"
echo "docs: build/docs/html/index.html"
