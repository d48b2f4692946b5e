#!/bin/sh
# Regenerates expected.stdout/.stderr/.exit of tests/haxe/<name> by running the REFERENCE HashLink
# (never hlffi; never edit the files by hand). Same conditions as the shared conformance corpus:
# compiled from inside its folder, run in a scratch folder, TZ=UTC LC_ALL=C, stdin /dev/null.
# usage: make_expected.sh [NAME ...]      env: HLREF (default /opt/hlref/bin/hlref)
set -u
HLREF=${HLREF:-/opt/hlref/bin/hlref}
root=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TZ=UTC LC_ALL=C
export TZ LC_ALL
[ $# -eq 0 ] && set -- $(cd "$root" && for d in */; do [ -f "$d/Main.hx" ] && echo "${d%/}"; done)
for n in "$@"; do
	n=${n%/}
	d=$root/$n
	(cd "$d" && haxe -hl "$tmp/$n.hl" -main Main) || { echo "compile error: $n" >&2; exit 1; }
	mkdir -p "$tmp/run_$n"
	(cd "$tmp/run_$n" && timeout 20 "$HLREF" "$tmp/$n.hl" </dev/null >"$d/expected.stdout" 2>"$d/expected.stderr")
	echo $? >"$d/expected.exit"
	echo "$n: exit $(cat "$d/expected.exit")"
done
