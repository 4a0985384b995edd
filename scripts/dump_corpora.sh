#!/usr/bin/env bash
# Dumps the full output of the scorer (every score with %.17g, every cue with all fields, every sentence
# boundary) on every corpus the tests use, one file per corpus, into OUT_DIR. Run it before and after a
# change that must not alter the output, then compare: cmp OLD_DIR/* NEW_DIR/* (or diff -r).
# Usage: scripts/dump_corpora.sh BUILD_DIR OUT_DIR   (BUILD_DIR configured with -DSTIMMUNG_BUILD_TESTING=ON)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
out=$2
shared=${STIMMUNG_SHARED_DIR:-../shared}
dump="$build/tests/cpp/stimmung_dump"
mkdir -p "$out"
"$dump" tsv=5,6 < tests/data/minimal_pairs.tsv > "$out/minimal_pairs.txt"
# The boundary set: comment lines and the sentence-start marks removed, documents separated by %%%.
grep -v '^#' tests/data/sentence_boundaries.txt | sed 's/␞//g' | "$dump" docs > "$out/sentence_boundaries.txt"
python3 - python/stimmung/data/sample_corpus.jsonl > "$out/sample_corpus.in" <<'PY'
import json, sys
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
sys.stdout.write("\n%%%\n".join(texts))
PY
"$dump" docs < "$out/sample_corpus.in" > "$out/sample_corpus.txt"
if [ -d "$shared" ]; then
  "$dump" tsv=5 < "$shared/gold/seed_sentences.tsv" > "$out/seed_sentences.txt"
  first=1
  for f in "$shared"/seeds/*.txt; do
    [ $first -eq 1 ] || printf '\n%%%%%%\n'
    first=0
    cat "$f"
  done > "$out/seeds.in"
  "$dump" docs < "$out/seeds.in" > "$out/seeds.txt"
fi
wc -l "$out"/*.txt
