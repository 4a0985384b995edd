#!/usr/bin/env bash
# Hardening checks, run by scripts/test.sh after ctest (assumes scripts/setup.sh already ran):
#   1. the C++ suite built with AddressSanitizer + UndefinedBehaviorSanitizer (g++), UB fatal;
#   2. the libFuzzer targets (clang): regression inputs once, then each target for FUZZ_SECONDS (default 60)
#      from the seed corpus, printing its executions;
#   3. `cmake --install` into a fresh prefix, and tests/consumer built against it with find_package, then
#      with stimmung as a subproject (add_subdirectory, FetchContent from a local directory);
#   4. configuration without each dependency fails with the Debian package to install, in this source tree
#      and in a consumer's find_package(stimmung).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}

echo "==> C++ tests with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTIMMUNG_BUILD_TESTING=ON \
  -DSTIMMUNG_SANITIZE=ON >/dev/null
cmake --build build/asan
ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure

echo "==> libFuzzer targets (${FUZZ_SECONDS}s each)"
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSTIMMUNG_BUILD_FUZZERS=ON -DSTIMMUNG_INSTALL=OFF >/dev/null
cmake --build build/fuzz --target fuzz_score fuzz_split fuzz_lexicon
summary=()
for target in score split lexicon; do
  bin=build/fuzz/fuzz/fuzz_$target
  # Every input that once crashed a target must keep passing (they also run in ctest).
  if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
    "$bin" fuzz/regressions/$target/* >build/fuzz/regressions-$target.log 2>&1 || {
      cat build/fuzz/regressions-$target.log; echo "fuzz_$target: a regression input fails"; exit 1; }
  fi
  # A fresh working corpus each run: new inputs go there, the seeds in fuzz/corpus stay as committed.
  work=build/fuzz/work-$target
  rm -rf "$work" && mkdir -p "$work" build/fuzz/artifacts
  log=build/fuzz/fuzz-$target.log
  if ! "$bin" -max_total_time="$FUZZ_SECONDS" -max_len=4096 -timeout=30 -rss_limit_mb=4096 \
       -dict=fuzz/stimmung.dict -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" \
       "$work" "fuzz/corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz_$target found a failure; the input is in build/fuzz/artifacts/ (add it to fuzz/regressions/$target/)"
    exit 1
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  summary+=("fuzz_$target: $execs executions in ${FUZZ_SECONDS}s")
  echo "${summary[-1]}"
done
printf '%s\n' "${summary[@]}"

echo "==> cmake --install and the find_package consumer"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The Release build of the ctest step (built here when this script runs on its own).
cmake -S . -B build/tests -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTIMMUNG_BUILD_TESTING=ON >/dev/null
cmake --build build/tests --target stimmung_core
cmake --install build/tests --prefix "$tmp/prefix" >/dev/null
for f in include/stimmung/stimmung.hpp 'lib*/libstimmung.a' share/stimmung/lexicon.tsv share/stimmung/profile_de.tsv \
         'lib*/cmake/stimmung/stimmungConfig.cmake' 'lib*/cmake/stimmung/stimmungConfigVersion.cmake' \
         'lib*/cmake/stimmung/StimmungDependencies.cmake'; do
  compgen -G "$tmp/prefix/$f" >/dev/null || { echo "missing from the install: $f"; exit 1; }
done
cmake -S tests/consumer -B "$tmp/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer"
"$tmp/consumer/stimmung_consumer"

# The same consumer with stimmung as a subproject: add_subdirectory, and FetchContent from this checkout
# (a local SOURCE_DIR, so no network). Build directories are kept in build/ for incremental reruns.
for mode in add_subdirectory fetchcontent; do
  echo "==> consumer with $mode"
  cmake -S tests/consumer -B "build/consumer-$mode" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSTIMMUNG_CONSUMER_MODE=$mode -DSTIMMUNG_SOURCE_DIR="$PWD" >/dev/null
  cmake --build "build/consumer-$mode"
  "build/consumer-$mode/stimmung_consumer"
done

# A missing dependency must stop configuration with the Debian package to install (what `pip install .`
# then shows), not CMake's generic message. CMAKE_DISABLE_FIND_PACKAGE_<name> makes it missing.
echo "==> missing dependencies name their Debian package"
for case in spdlog:libspdlog-dev ICU:libicu-dev Boost:libboost-locale-dev fmt:libfmt-dev; do
  name=${case%%:*} package=${case#*:}
  if out=$(cmake -S . -B "$tmp/missing-$name" -G Ninja -DCMAKE_DISABLE_FIND_PACKAGE_$name=TRUE 2>&1); then
    echo "configuring without $name succeeded"; exit 1
  fi
  grep -q "apt-get install.*$package" <<<"$out" || { echo "$out"; echo "no hint to install $package"; exit 1; }
  echo "without $name: asks for $package"
done
# The installed package gives the same hint to a consumer whose system lacks a library stimmung links.
for case in spdlog:libspdlog-dev ICU:libicu-dev Boost:libboost-locale-dev; do
  name=${case%%:*} package=${case#*:}
  if out=$(cmake -S tests/consumer -B "$tmp/consumer-missing-$name" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
             -DCMAKE_DISABLE_FIND_PACKAGE_$name=TRUE 2>&1); then
    echo "find_package(stimmung) without $name succeeded"; exit 1
  fi
  grep -q "apt-get install.*$package" <<<"$out" || { echo "$out"; echo "consumer: no hint to install $package"; exit 1; }
  echo "consumer without $name: asks for $package"
done
