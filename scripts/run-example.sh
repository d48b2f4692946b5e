#!/usr/bin/env bash
# scripts: sets up, builds, and runs the main example: the C host examples/hello_host.c running
# the Haxe program examples/hello/Main.hx.
# Contract with examples/CMakeLists.txt: target hello_hl compiles examples/hello/Main.hx into
# build/examples/hello.hl, target hello_host links build/examples/hello_host. Change both together.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$HLFFI_ROOT/scripts/setup-debian.sh"
build=$HLFFI_ROOT/build
configure "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j "$HLFFI_JOBS" --target hello_host hello_hl

program=$build/examples/hello.hl
if [[ ! -f $program ]]; then
  echo "run-example: $program was not built (see the contract at the top of this script)" >&2
  exit 1
fi
echo "=== $build/examples/hello_host $program"
"$build/examples/hello_host" "$program"
