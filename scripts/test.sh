#!/usr/bin/env bash
# Sets everything up, then runs the whole test suite (GoogleTest suites, CLI tests, benchmark
# smoke run). Runs without a display.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
# The libFuzzer targets are a separate clang build: build them before the tests, where the Fuzz
# test would otherwise compile them while the other tests run (it fuzzes only in CI, or with
# PRIVATEPATH_FUZZ=1).
if [ "${CI:-}" = "true" ] || [ "${PRIVATEPATH_FUZZ:-}" = "1" ]; then
  ./scripts/fuzz.sh --build-only
fi
export QT_QPA_PLATFORM=offscreen
ctest --preset default --parallel "$(nproc)" --timeout 300
