#!/usr/bin/env bash
# Sets everything up, then opens the PrivatePath editor on a bundled example. Extra arguments
# go to privatepath instead (e.g. `./scripts/run.sh check design.privatepath`). Without a
# display (no X11 or Wayland), it checks the bundled examples on the command line instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if (($#)); then
  exec ./build/bin/privatepath "$@"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: checking the bundled examples instead of opening the editor."
  exec ./build/bin/privatepath check resources/examples/*.privatepath
fi
exec ./build/bin/privatepath resources/examples/s3-gateway-endpoint.privatepath
