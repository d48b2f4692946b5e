#!/bin/sh
# Golden tests of tests/haxe/<NAME>: runs `hlffi run ${HL_DIR}/NAME.hl` (compiled at build time by
# tests/haxe_programs.cmake) in a scratch folder and compares it with expected.stdout/.stderr/.exit,
# which the reference HashLink produced (make_expected.sh). The result is then checked against
# known-failures.txt: a listed program must fail and an unlisted one must pass, so a new failure and
# a newly passing program both fail (update the list in the same commit), as conformance/check.sh.
#
# usage: run_golden.sh HLFFI_EXE HL_DIR WORK_DIR [NAME ...]   (default: every folder with a Main.hx)
# env:   GOLDEN_TIMEOUT  seconds per program (default 10)
#        GOLDEN_KNOWN    known-failures file (default: known-failures.txt next to this script)
#        GOLDEN_VERBOSE  0 to leave out the diffs of failing programs
#
# Comparison, as tests/conformance/programs/run.sh: stdout byte for byte; where expected.stderr is
# non-empty or expected.exit is non-zero, stderr and the exit code too; a timeout or a death by signal
# always fails. Exception: a folder with a file `mode` reading `crash` holds a program on which the
# reference dies from a signal (e.g. stack overflow -> SIGSEGV); there only the reproducible part is
# checked: stdout must start with expected.stdout, the exit status must be non-zero, and no timeout.
# Last line: "N passed, M failed (K known)"; exit status 1 if the results differ from the list.
set -u
if [ $# -lt 3 ]; then
	echo "usage: $0 HLFFI_EXE HL_DIR WORK_DIR [NAME ...]" >&2
	exit 2
fi
exe=$1 hldir=$2 work=$3
shift 3
root=$(cd "$(dirname "$0")" && pwd)
known=${GOLDEN_KNOWN:-$root/known-failures.txt}
TIMEOUT=${GOLDEN_TIMEOUT:-10}
TZ=UTC
LC_ALL=C
export TZ LC_ALL
mkdir -p "$work" || exit 2
work=$(cd "$work" && pwd)
# Programs run in a scratch folder, so relative paths are made absolute first.
case "$exe" in /*) ;; */*) exe=$(pwd)/$exe ;; esac
case "$hldir" in /*) ;; *) hldir=$(pwd)/$hldir ;; esac

if [ $# -eq 0 ]; then
	for d in "$root"/*/; do
		[ -f "$d/Main.hx" ] && set -- "$@" "$(basename "$d")"
	done
fi

is_known() {
	grep -v '^#' "$known" 2>/dev/null | sed 's/[[:space:]].*//' | grep -qx "$1"
}

passed=0 failed=0 known_n=0 status=0
for name in "$@"; do
	name=${name%/}
	dir=$root/$name
	hl=$hldir/$name.hl
	run=$work/$name
	rm -rf "$run"
	mkdir -p "$run/cwd"
	reason=""
	if [ ! -f "$dir/Main.hx" ]; then
		reason="no such test"
	elif [ ! -f "$dir/expected.stdout" ]; then
		reason="no expected.stdout"
	elif [ ! -f "$hl" ]; then
		reason="$hl missing (build the haxe_programs target)"
	else
		(cd "$run/cwd" && exec timeout "$TIMEOUT" "$exe" run "$hl" </dev/null >"$run/stdout" 2>"$run/stderr")
		rc=$?
		echo "$rc" >"$run/exit"
		want_rc=0
		[ -f "$dir/expected.exit" ] && want_rc=$(tr -d ' \n\r' <"$dir/expected.exit")
		mode=$(cat "$dir/mode" 2>/dev/null | tr -d ' \n\r')
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
			reason="timeout after ${TIMEOUT}s"
		elif [ "$mode" = crash ]; then
			n=$(wc -c <"$dir/expected.stdout")
			if [ "$rc" -eq 0 ]; then
				reason="exit code 0, expected a failure (the reference dies from a signal)"
			elif ! head -c "$n" "$run/stdout" | cmp -s "$dir/expected.stdout" -; then
				reason="stdout does not start with expected.stdout"
			fi
		elif [ "$rc" -gt 128 ]; then
			reason="killed by signal $((rc - 128))"
		elif ! cmp -s "$dir/expected.stdout" "$run/stdout"; then
			reason="stdout differs"
		elif [ -s "$dir/expected.stderr" ] || [ "$want_rc" != 0 ]; then
			if [ "$rc" != "$want_rc" ]; then
				reason="exit code $rc, expected $want_rc"
			elif ! cmp -s "$dir/expected.stderr" "$run/stderr"; then
				reason="stderr differs"
			fi
		fi
	fi

	if [ -z "$reason" ]; then
		passed=$((passed + 1))
		if is_known "$name"; then
			echo "PASS $name -- NOW PASSING: remove it from $known"
			status=1
		else
			echo "PASS $name"
		fi
	else
		failed=$((failed + 1))
		if is_known "$name"; then
			known_n=$((known_n + 1))
			echo "FAIL $name ($reason) -- known failure"
		else
			echo "FAIL $name ($reason) -- NEW FAILURE (not in $known)"
			status=1
		fi
		if [ "${GOLDEN_VERBOSE:-1}" != 0 ] && [ -f "$run/stdout" ]; then
			for s in stdout stderr; do
				if ! cmp -s "$dir/expected.$s" "$run/$s"; then
					echo "  $s diff (expected, actual):"
					diff "$dir/expected.$s" "$run/$s" | head -n 20 | sed 's/^/    /'
				fi
			done
			echo "  exit: expected $want_rc, actual $(cat "$run/exit")"
		fi
	fi
done
echo "$passed passed, $failed failed ($known_n known)"
exit $status
