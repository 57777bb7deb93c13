#!/usr/bin/env bash
# Builds the Debian package of PrivatePath with CPack: dist/privatepath_VERSION_ARCH.deb.
#
#   scripts/package.sh [BUILD_DIR [OUT_DIR]]
#
# BUILD_DIR (default build/, as scripts/setup.sh makes it) must be configured; the program and the
# packaging files are built there first (nothing to do when they are up to date), then CPack
# installs that build tree into a staging folder and packs it. OUT_DIR defaults to dist/.
# Needs dpkg-dev and file (dpkg-shlibdeps), which scripts/setup.sh installs. Prints the path of
# the package on its last line.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(realpath "${1:-$root/build}")"
out="$(realpath -m "${2:-$root/dist}")"

if [ ! -f "$build/CPackConfig.cmake" ]; then
  echo "package.sh: $build is not a configured build folder (run scripts/setup.sh)" >&2
  exit 2
fi
cmake --build "$build" --target privatepath packaging_files >&2
mkdir -p "$out"
# CPack's scratch folder goes into OUT_DIR; only the package is kept.
cpack --config "$build/CPackConfig.cmake" -B "$out" >&2
rm -rf "$out/_CPack_Packages"
ls -t "$out"/privatepath_*.deb | head -n 1
