#!/bin/sh
# tests: expect_exit.sh CODE STDOUT_WANTED STDERR_WANTED -- COMMAND [ARGS...]
# Runs COMMAND and fails unless it exits with CODE, its stdout contains STDOUT_WANTED and its
# stderr contains STDERR_WANTED (an empty pattern matches anything).
want_code=$1 want_out=$2 want_err=$3
shift 3
[ "$1" = "--" ] && shift
errfile=$(mktemp) || exit 1
out=$("$@" 2>"$errfile")
code=$?
err=$(cat "$errfile")
rm -f "$errfile"
fail() {
  echo "FAILED: $1" >&2
  echo "--- exit $code; stdout:" >&2; printf '%s\n' "$out" >&2
  echo "--- stderr:" >&2; printf '%s\n' "$err" >&2
  exit 1
}
[ "$code" -eq "$want_code" ] || fail "exit code $code, expected $want_code"
case "$out" in *"$want_out"*) ;; *) fail "stdout lacks '$want_out'" ;; esac
case "$err" in *"$want_err"*) ;; *) fail "stderr lacks '$want_err'" ;; esac
exit 0
