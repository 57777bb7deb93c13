#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz: clang with ASan and UBSan, the core library only) into
# build-fuzz/ and runs each for SECONDS (default 60), all at once, then prints each target's
# executions per second and total executions. The corpus of each target starts from
# tests/fuzz/corpus (hostile seeds), the bundled examples and lessons and tests/data, and grows in
# build-fuzz/corpus/TARGET. A crash, hang (over 10 s) or sanitizer report fails the run; the input
# is in build-fuzz/artifacts/TARGET/ (reproduce: build-fuzz/tests/fuzz/TARGET FILE). Every crash
# becomes a regression test: the input in tests/data/fuzz/, a test in tests/core/FuzzRegressionTest.cpp.
#
#   scripts/fuzz.sh [SECONDS]          build and run
#   scripts/fuzz.sh --ctest [SECONDS]  the same, for ctest's `Fuzz` test (label fuzz): skipped
#                                      (exit 77) unless CI=true or PRIVATEPATH_FUZZ=1
#   scripts/fuzz.sh --build-only       only build the targets (scripts/test.sh does it before the
#                                      tests, so the Fuzz test's time goes to fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=0
if [ "${1:-}" = "--build-only" ]; then
  build_only=1
  shift
fi

if [ "${1:-}" = "--ctest" ]; then
  shift
  if [ "${CI:-}" != "true" ] && [ "${PRIVATEPATH_FUZZ:-}" != "1" ]; then
    echo "fuzzing skipped: set CI=true or PRIVATEPATH_FUZZ=1 to run it"
    exit 77
  fi
fi
seconds="${1:-60}"
build="${PRIVATEPATH_FUZZ_BUILD:-build-fuzz}"
targets=(fuzz_load fuzz_roundtrip fuzz_reports fuzz_import_terraform fuzz_import_aws)

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$build" -G Ninja -DPRIVATEPATH_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"
if [ "$build_only" = 1 ]; then
  exit 0
fi

seeds=(tests/fuzz/corpus resources/examples resources/lessons tests/data)
pids=()
for target in "${targets[@]}"; do
  mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
  # The first directory is the corpus libFuzzer adds to; the others are only read. The importers
  # have their own dictionary (the keys of Terraform's JSON and of AWS describe output).
  dict=tests/fuzz/privatepath.dict
  if [ -f "tests/fuzz/$target.dict" ]; then dict="tests/fuzz/$target.dict"; fi
  "$build/tests/fuzz/$target" "$build/corpus/$target" "${seeds[@]}" \
    -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/artifacts/$target/" -print_final_stats=1 \
    >"$build/$target.log" 2>&1 &
  pids+=($!)
done

failed=0
printf '%-22s %10s %14s %s\n' target 'execs/s' executions result
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  status=0
  wait "${pids[$i]}" || status=$?
  log="$build/$target.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status, log $log)"
    failed=1
  fi
  printf '%-22s %10s %14s %s\n' "$target" "${rate:-?}" "${execs:-?}" "$result"
done
if [ "$failed" -ne 0 ]; then
  for target in "${targets[@]}"; do
    grep -q -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$build/$target.log" && tail -n 60 "$build/$target.log"
  done
  exit 1
fi
