#!/usr/bin/env bash
# A long fuzzing campaign (not part of the CI runs of scripts/test-hardening.sh, which stay short): each
# libFuzzer target for a number of executions or seconds, at the lowest CPU priority, then the Python
# reader harness (hypothesis) with many examples. Each run's figures (executions, exec/s, crashes, corpus)
# are appended to the table in fuzz/README.md.
#   scripts/fuzz-campaign.sh                        every target, 10 million executions each
#   RUNS=1000000 scripts/fuzz-campaign.sh score     fuzz_score only, a million executions
#   SECONDS_EACH=3600 scripts/fuzz-campaign.sh      at most an hour per target (whichever limit comes first)
#   READER_EXAMPLES=20000 (default)                 examples per reader property test ("readers" target)
#   MAX_LEN=4096 (default, as in CI)                 libFuzzer's -max_len; executions slow down as the
#                                                   working corpus grows inputs towards it
#   TIMEOUT=600 (default)                           libFuzzer's -timeout per input, in seconds of wall
#                                                   clock: a campaign paused with SIGSTOP (to free a core
#                                                   for a while) must not report the paused input as a hang
# Two targets can run at once (`scripts/fuzz-campaign.sh score & scripts/fuzz-campaign.sh split`; start the
# second after the first has built). `kill -USR1 <pid of the fuzz_* process>` stops a campaign early and
# gracefully: libFuzzer prints its figures, exits 0, and the row records the executions reached.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10000000}
SECONDS_EACH=${SECONDS_EACH:-0}
READER_EXAMPLES=${READER_EXAMPLES:-20000}
MAX_LEN=${MAX_LEN:-4096}
TIMEOUT=${TIMEOUT:-600}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(score split lexicon readers)

cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSTIMMUNG_BUILD_FUZZERS=ON -DSTIMMUNG_INSTALL=OFF >/dev/null
cmake --build build/fuzz -j2 --target fuzz_score fuzz_split fuzz_lexicon >/dev/null

readme=fuzz/README.md
# The commit the targets were built from (marked * when the checkout had changes).
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- cpp fuzz || echo '*')
record() {  # target, executions, exec/s, exec per CPU second, crashes, seconds, corpus
  echo "| $(date -u +%Y-%m-%d) | $commit | $1 | $2 | $3 | $4 | $5 | $6 | $7 |" | tee -a "$readme"
}
# Executions per CPU second of the process (user + system), from the /usr/bin/time file $1: on a shared
# machine exec/s (wall clock) says how busy the machine was as much as how fast the target is.
per_cpu_second() {
  awk -v n="$2" '{ cpu = $1 + $2 } END { if (cpu > 0 && n > 0) printf "%d", n / cpu; else print "?" }' "$1"
}

for target in "${targets[@]}"; do
  if [ "$target" = readers ]; then
    start=$SECONDS
    status=0
    STIMMUNG_FUZZ_EXAMPLES=$READER_EXAMPLES nice -n 19 .venv/bin/python -m pytest -q -p no:cacheprovider \
      tests/python/test_reader_fuzz.py >build/fuzz/campaign-readers.log 2>&1 || status=$?
    took=$((SECONDS - start))
    n_tests=$(grep -c "^@fuzz" tests/python/test_reader_fuzz.py)
    execs=$((READER_EXAMPLES * n_tests))
    crashes=$([ $status -eq 0 ] && echo 0 || echo "1 (see build/fuzz/campaign-readers.log)")
    record "readers (hypothesis, $n_tests properties)" "$execs" "$((execs / (took > 0 ? took : 1)))" "-" "$crashes" "$took" "-"
    continue
  fi
  bin=build/fuzz/fuzz/fuzz_$target
  work=build/fuzz/campaign-$target
  mkdir -p "$work" build/fuzz/artifacts
  log=build/fuzz/campaign-$target.log
  limit=(-runs="$RUNS")
  [ "$SECONDS_EACH" -gt 0 ] && limit+=(-max_total_time="$SECONDS_EACH")
  start=$SECONDS
  status=0
  # The working corpus is kept between campaigns (build/fuzz/campaign-*), the seeds stay as committed.
  nice -n 19 /usr/bin/time -f "%U %S" -o "$work.time" "$bin" "${limit[@]}" -max_len="$MAX_LEN" -timeout="$TIMEOUT" -rss_limit_mb=4096 -dict=fuzz/stimmung.dict \
    -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" "$work" "fuzz/corpus/$target" \
    >"$log" 2>&1 || status=$?
  took=$((SECONDS - start))
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  rate=$(awk '/stat::average_exec_per_sec/ {print $2}' "$log")
  corpus=$(ls "$work" | wc -l)
  crashes=$([ $status -eq 0 ] && echo 0 || echo "1 (build/fuzz/artifacts/$target-*)")
  name=fuzz_$target
  [ "$MAX_LEN" = 4096 ] || name="$name (-max_len=$MAX_LEN)"
  record "$name" "${execs:-?}" "${rate:-?}" "$(per_cpu_second "$work.time" "${execs:-0}")" "$crashes" "$took" "$corpus"
done
