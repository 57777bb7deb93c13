#!/usr/bin/env bash
# Sets everything up, then runs the whole test suite (GoogleTest suites, CLI tests, benchmark
# smoke run). Runs without a display.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
ctest --preset default --parallel "$(nproc)" --timeout 300
