#!/bin/sh
# Runs the conformance suite (tests/conformance/programs) on `hlffi run` and compares the set of
# failing programs with tests/conformance/known-failures.txt: a new failure and a newly passing
# program both fail this test, so every change in conformance shows up in review (update the list
# in the same commit).
# usage: check.sh HLFFI_EXE CONFORMANCE_DIR WORK_DIR [known-failures file] [TEST ...]
#   CONFORMANCE_DIR  the folder holding run.sh and the NN_x programs (tests/conformance/programs)
set -u
if [ $# -lt 3 ]; then
	echo "usage: $0 HLFFI_EXE CONFORMANCE_DIR WORK_DIR [known-failures file] [TEST ...]" >&2
	exit 2
fi
exe=$1 corpus=$2 work=$3
known=${4:-$(dirname "$0")/known-failures.txt}
[ $# -ge 4 ] && shift 4 || shift $#
for f in "$exe" "$corpus/run.sh" "$known"; do
	if [ ! -f "$f" ]; then
		echo "check.sh: $f does not exist" >&2
		exit 1
	fi
done
mkdir -p "$work" || exit 1
out=$work/run.log
CONF_BUILD=$work sh "$corpus/run.sh" "$exe run" "$@" >"$out" 2>&1
cat "$out"
actual=$(grep '^FAIL ' "$out" | sed 's/^FAIL \([^ ]*\).*/\1/' | sort)
expected=$(grep -v '^#' "$known" | sed 's/[[:space:]].*//' | grep -v '^$' | sort)
if [ $# -gt 0 ]; then
	# Only the selected programs count.
	expected=$(for t in "$@"; do echo "$expected" | grep -x "$t"; done | sort)
fi
new=$(comm -13 "$(printf '%s\n' "$expected" >"$work/exp"; echo "$work/exp")" "$(printf '%s\n' "$actual" >"$work/act"; echo "$work/act")" | grep -v '^$')
fixed=$(comm -23 "$work/exp" "$work/act" | grep -v '^$')
status=0
if [ -n "$new" ]; then
	echo "NEW FAILURES (not in $known):"; echo "$new"; status=1
fi
if [ -n "$fixed" ]; then
	echo "NOW PASSING (remove from $known):"; echo "$fixed"; status=1
fi
if ! grep -q 'passed, .* failed' "$out"; then
	echo "the conformance runner did not finish"; status=1
fi
exit $status
