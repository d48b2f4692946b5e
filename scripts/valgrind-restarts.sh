#!/usr/bin/env bash
# scripts: restart leaves nothing behind. Runs the host programs of tests/hosts under
# valgrind --leak-check=full, SESSIONS sessions each (default 100), in every restart mode:
#   restart from the file     restart_host api_restart.hl file N
#   restart from one module   restart_host api_restart.hl module N  (compiled once, freed at the end)
#   threaded mode             threaded_host api_threaded.hl N
#   blocking main(), sleeping blocking_host api_blocking.hl sleep N
#   blocking main(), spinning blocking_host api_blocking.hl spin N
# A run fails on any definitely or indirectly lost byte and on any memory error valgrind reports
# (--error-exitcode), as well as on the host's own checks. Prints each run's LEAK SUMMARY.
# Usage: scripts/valgrind-restarts.sh BUILD_DIR [SESSIONS]
#   BUILD_DIR: a build with HLFFI_TESTS=ON and no sanitizer (valgrind cannot run ASan/TSan code),
#   the hosts and haxe_programs built. Logs go to BUILD_DIR/valgrind/<run>.log.
set -uo pipefail

if (($# < 1 || $# > 2)); then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
build=$(cd "$1" && pwd) || exit 2
sessions=${2:-100}
hosts=$build/tests
hl=$build/hl
logs=$build/valgrind
mkdir -p "$logs"
command -v valgrind >/dev/null || { echo "valgrind-restarts: valgrind not found" >&2; exit 2; }

# The leak kinds that count as errors are exactly the two the issue names: still-reachable memory
# at exit would be a library global, which --show-leak-kinds=all would list in the log.
vg=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1
    --show-leak-kinds=definite,indirect --fair-sched=yes)

failed=0
# run NAME HOST ARGS...: one host program under valgrind; prints its LEAK SUMMARY lines.
run() {
  local name=$1 host=$2
  shift 2
  local log=$logs/$name.log t0=$SECONDS status=0
  "${vg[@]}" --log-file="$log" "$hosts/$host" "$@" >"$logs/$name.out" 2>&1 || status=$?
  echo "=== $name: $host $* (exit $status, $((SECONDS - t0)) s)"
  # Every byte freed: valgrind prints "All heap blocks were freed" instead of a LEAK SUMMARY.
  grep -E 'LEAK SUMMARY|definitely lost:|indirectly lost:|possibly lost:|still reachable:|All heap blocks were freed|ERROR SUMMARY' "$log" | sed 's/^==[0-9]*== */  /'
  tail -n 1 "$logs/$name.out" | sed 's/^/  host: /'
  if ((status != 0)); then
    failed=1
    echo "  FAILED: see $log and $logs/$name.out"
  fi
}

run restart_file restart_host "$hl/api_restart.hl" file "$sessions"
run restart_module restart_host "$hl/api_restart.hl" module "$sessions"
run threaded threaded_host "$hl/api_threaded.hl" "$sessions"
run blocking_sleep blocking_host "$hl/api_blocking.hl" sleep "$sessions"
run blocking_spin blocking_host "$hl/api_blocking.hl" spin "$sessions"
exit $failed
