#!/usr/bin/env bash
# Builds the Debian package of PrivatePath with CPack: dist/privatepath_VERSION_ARCH.deb.
#
#   scripts/package.sh [--no-build] [BUILD_DIR [OUT_DIR]]
#
# BUILD_DIR (default build/, as scripts/setup.sh makes it) must be configured; the program and the
# packaging files are built there first (nothing to do when they are up to date; --no-build skips
# this, for the package test, which must not rebuild the program under the other tests), then
# CPack installs that build tree into a staging folder and packs it. OUT_DIR defaults to dist/.
# Needs dpkg-dev and file (dpkg-shlibdeps), which scripts/setup.sh installs. Prints the path of
# the package on its last line.
set -euo pipefail
build_first=1
if [ "${1:-}" = "--no-build" ]; then
  build_first=0
  shift
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath "${1:-$root/build}")"
out="$(realpath -m "${2:-$root/dist}")"

if [ ! -f "$build/CPackConfig.cmake" ]; then
  echo "package.sh: $build is not a configured build folder (run scripts/setup.sh)" >&2
  exit 2
fi
if ((build_first)); then
  cmake --build "$build" --target privatepath packaging_files >&2
fi
mkdir -p "$out"
# CPack's scratch folder goes into OUT_DIR; only the package is kept.
cpack --config "$build/CPackConfig.cmake" -B "$out" >&2
rm -rf "$out/_CPack_Packages"
ls -t "$out"/privatepath_*.deb | head -n 1
