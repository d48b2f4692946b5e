#!/usr/bin/env bash
# scripts: sets up, then builds and runs every test twice: a Release build (build/) and an
# ASan+UBSan build (build-asan/). Exits non-zero if a build or any test fails.
# HLFFI_JOBS=N sets the parallelism (default: all cores).
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$HLFFI_ROOT/scripts/setup-debian.sh"

summaries=()
failed=0
# run_suite NAME DIR [cmake options...]: build everything, run ctest, keep its summary lines.
run_suite() {
  local name=$1 dir=$2
  shift 2
  echo "=== $name: configure and build ($dir)"
  configure "$dir" -DHLFFI_TESTS=ON "$@"
  cmake --build "$dir" -j "$HLFFI_JOBS"
  echo "=== $name: ctest"
  local log=$dir/ctest-summary.log status=0
  # A per-test timeout turns a hang into a failure instead of a stuck CI job.
  (cd "$dir" && ctest --output-on-failure -j "$HLFFI_JOBS" --timeout 900) 2>&1 | tee "$log" || status=$?
  if ((status != 0)); then failed=1; fi
  summaries+=("--- $name: $(grep -E 'tests passed|tests failed' "$log" | tail -1 || true)")
  summaries+=("$(grep -A 1000 -E 'The following tests FAILED' "$log" || true)")
  summaries+=("$(grep -E 'Total Test time' "$log" | tail -1 || true)")
}

run_suite "Release" "$HLFFI_ROOT/build" -DCMAKE_BUILD_TYPE=Release -DHLFFI_SANITIZE=OFF
# Sanitizers need no -O0: RelWithDebInfo keeps them fast and still gives line numbers.
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
  run_suite "ASan+UBSan" "$HLFFI_ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHLFFI_SANITIZE=ON

# Threads under ThreadSanitizer: the tests that run Haxe threads (conformance, 47_threads among
# them), several VMs at once (Lifecycle.*, Modules.*: also from one shared module), interrupts from another thread (Interrupt.*) and the
# threaded-mode host programs (hosts.*). Only what they need is built.
echo "=== TSan: configure and build ($HLFFI_ROOT/build-tsan)"
configure "$HLFFI_ROOT/build-tsan" -DHLFFI_TESTS=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHLFFI_TSAN=ON
cmake --build "$HLFFI_ROOT/build-tsan" -j "$HLFFI_JOBS" --target api_tests hlffi_cli haxe_programs \
  restart_host threaded_host blocking_host
echo "=== TSan: ctest"
tsan_log=$HLFFI_ROOT/build-tsan/ctest-summary.log
tsan_status=0
(cd "$HLFFI_ROOT/build-tsan" && TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 suppressions=$HLFFI_ROOT/scripts/tsan.supp}" \
  ctest --output-on-failure -j "$HLFFI_JOBS" --timeout 900 -R '^(Lifecycle\..*|Modules\..*|Interrupt\..*|hosts\..*|conformance\.all)$') 2>&1 |
  tee "$tsan_log" || tsan_status=$?
if ((tsan_status != 0)); then failed=1; fi
summaries+=("--- TSan (threads): $(grep -E 'tests passed|tests failed' "$tsan_log" | tail -1 || true)")

echo
echo "=== summary"
for s in "${summaries[@]}"; do
  if [[ -n $s ]]; then echo "$s"; fi
done
exit "$failed"
