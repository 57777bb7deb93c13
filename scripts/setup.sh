#!/usr/bin/env bash
# Installs every package PrivatePath needs on Debian 12 and builds it (preset "default", into
# build/). Safe to run again: packages already present are not reinstalled, the build is
# incremental. Needs root for apt-get (uses sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev
  libboost-graph-dev nlohmann-json3-dev
  # Graphviz lays out the graph between containers when designs are imported or arranged.
  libgraphviz-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libpng-dev libharfbuzz-dev
  libxml2-utils poppler-utils librsvg2-bin
  # tests/cli/CiFormatsCliTest validates SARIF against the OASIS schema with Python's jsonschema.
  python3-jsonschema
  # The Debian package (scripts/package.sh) and its test: CPack's dpkg-shlibdeps needs dpkg-dev
  # and file; the launcher, AppStream metadata and manual page are checked with these validators.
  dpkg-dev file desktop-file-utils appstream groff-base
  # The fuzz targets (scripts/fuzz.sh): clang with libFuzzer and the ASan/UBSan runtimes.
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# ccache, where a developer has it, makes rebuilds in a fresh clone cheap; CI works without it.
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake --preset default "${launcher[@]}"
cmake --build --preset default
