#!/usr/bin/env bash
# The self-contained wheel, tested as a user on another machine would meet it (run by scripts/test.sh):
#   1. scripts/build-wheel.sh builds and repairs the wheel (dist/);
#   2. the wheel holds no third-party word list (SentiWS, BPW), no lexicon data file at all (the built-in
#      lexicon is compiled in; the only tables are the team's own evaluation corpus, stimmung/data/eval)
#      and the grafted libraries in stimmung.libs/;
#   3. it is installed into a fresh venv, and in a private mount namespace (unshare --mount) every file of
#      the system's Boost, ICU, spdlog and fmt libraries is covered by an empty file, so that the dynamic
#      loader cannot load them; a control check shows that loading the system ICU really fails there, then
#      stimmung is imported, scores a sentence and the CLI runs, and /proc/self/maps must show those
#      libraries loaded only from the wheel's stimmung.libs/.
# Step 3 needs root (or a user namespace) for unshare and mount; without that it is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

./scripts/build-wheel.sh dist
wheel=$(ls dist/stimmung-*.whl)

echo "==> wheel contents"
"$PYTHON" - "$wheel" <<'PY'
import re, sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
third_party = [n for n in names if re.search(r"sentiws|bpw", n, re.I)
               or (re.search(r"\.(txt|tsv)$", n) and ".dist-info/" not in n
                   and n not in ("stimmung/data/eval/dev.tsv", "stimmung/data/eval/test.tsv"))]
if third_party:
    sys.exit(f"third-party word lists or lexicon files in the wheel: {third_party}")
libs = sorted(n.split("/")[-1] for n in names if n.startswith("stimmung.libs/") and not n.endswith("/"))
print("stimmung.libs/: " + ", ".join(libs))
for want in ("libboost_locale", "libicuuc", "libicudata", "libspdlog", "libfmt"):
    if not any(l.startswith(want) for l in libs):
        sys.exit(f"{want} is not in the wheel's stimmung.libs/")
for meta in ("LICENSE",):
    if not any(n.endswith(".dist-info/licenses/" + meta) or n.endswith(".dist-info/" + meta) for n in names):
        sys.exit(f"{meta} is not in the wheel's metadata")
PY

venv=build/wheel-test-venv
echo "==> fresh venv $venv with the wheel"
rm -rf "$venv"
"$PYTHON" -m venv "$venv"
"$venv/bin/python" -m pip install -q "$wheel"

if [ "$(id -u)" -ne 0 ] || ! unshare --mount --propagation private true 2>/dev/null; then
  echo "SKIPPED: the hidden-libraries check needs 'unshare --mount' (root); the wheel was built and installed only"
  exit 0
fi

# Every real file of the libraries (symlinks resolved), wherever the loader could find them.
mapfile -t hide < <(for d in /lib /usr/lib /usr/local/lib /lib64 /usr/lib64; do
    [ -d "$d" ] && find "$d" \( -name 'libboost_*.so*' -o -name 'libicu*.so*' -o -name 'libspdlog*.so*' \
      -o -name 'libfmt*.so*' \) \( -type f -o -type l \) -exec realpath -e {} + 2>/dev/null
  done | sort -u)
[ ${#hide[@]} -gt 0 ] || { echo "found no system copies of the libraries to hide"; exit 1; }
echo "==> hiding ${#hide[@]} system library files in a private mount namespace"
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT
unshare --mount --propagation private env EMPTY="$empty" VENV="$PWD/$venv" CHECK="$PWD/scripts/wheel_check.py" bash -euo pipefail -c '
  for f in "$@"; do mount --bind "$EMPTY" "$f"; done
  cd /  # not the checkout: python/stimmung must not shadow the installed package
  "$VENV/bin/python" "$CHECK"
  echo "Die Nervosität an den Börsen steigt." | "$VENV/bin/stimmung" score - --lines --level sentence --quiet
  "$VENV/bin/stimmung" --version
' bash "${hide[@]}"
echo "wheel OK: $(basename "$wheel") works with the system Boost, ICU, spdlog and fmt hidden"
