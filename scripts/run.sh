#!/usr/bin/env bash
# Sets everything up, then runs PrivatePath on the bundled examples. Until the editor lands this
# is `privatepath check` on every example; extra arguments go to privatepath instead.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if (($#)); then
  exec ./build/bin/privatepath "$@"
fi
exec ./build/bin/privatepath check resources/examples/*.privatepath
