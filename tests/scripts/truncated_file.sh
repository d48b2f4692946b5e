#!/bin/sh
# tests: truncated_file.sh HLFFI GOOD.hl WORK_DIR
# Cuts a valid .hl file in half and checks that `hlffi dump` and `hlffi verify` refuse it with
# exit 1 and a message, rather than crashing or printing a partial dump.
hlffi=$1 good=$2 dir=$3
# Without the input, half of nothing is an empty file that the checks below would still pass on.
if [ ! -s "$good" ]; then
  echo "truncated_file.sh: $good is missing or empty (build the haxe_programs target)" >&2
  exit 1
fi
mkdir -p "$dir" || exit 1
cut="$dir/truncated.hl"
size=$(wc -c < "$good")
head -c $((size / 2)) "$good" > "$cut" || exit 1
here=$(dirname "$0")
sh "$here/expect_exit.sh" 1 "" "truncated.hl" -- "$hlffi" dump "$cut" || exit 1
sh "$here/expect_exit.sh" 1 "" "truncated.hl" -- "$hlffi" verify "$cut" || exit 1
