#!/usr/bin/env bash
# scripts: builds the libFuzzer target (fuzz/, clang) in build-fuzz/ and fuzzes the reader and
# verifier for SECONDS (default 600). New inputs go to build-fuzz/fuzz/corpus, findings to
# build-fuzz/fuzz/artifacts/ (replay one with: build-fuzz/fuzz/reader_fuzzer FILE).
# Extra arguments are passed to libFuzzer, e.g. scripts/fuzz.sh 60 -jobs=2.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seconds=${1:-600}
shift || true
"$HLFFI_ROOT/scripts/setup-debian.sh"
build=$HLFFI_ROOT/build-fuzz
if [[ ! -f $build/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ configure "$build" -DHLFFI_FUZZ=ON -DHLFFI_TESTS=OFF
fi
cmake --build "$build" -j "$HLFFI_JOBS" --target reader_fuzzer reader_fuzzer_seeds

dir=$build/fuzz
mkdir -p "$dir/corpus" "$dir/artifacts"
# The first folder receives new inputs; the seeds stay as built.
"$dir/reader_fuzzer" "$dir/corpus" "$dir/seeds" \
  -dict="$HLFFI_ROOT/fuzz/hl.dict" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$dir/artifacts/" "$@"
