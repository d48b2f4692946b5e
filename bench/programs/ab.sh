#!/usr/bin/env bash
# Benchmark A/B: times two VM commands on the same .hl files, alternating (A, B, A, B, ...),
# and prints per benchmark the median wall time and the median CPU time (user + sys) of each and
# the ratios A/B. On a loaded machine CPU time is the steadier column: wall time also counts the
# time spent waiting for a core.
#
# Usage: ab.sh "A COMMAND" "B COMMAND" HL_DIR [name ...]
#   HL_DIR holds <name>.hl compiled by run.sh (BENCH_BUILD=HL_DIR) or by the tests' build
#   (<build>/hl/bench_<name>.hl is also found). Default names: every bench/programs/<name>.
#   RUNS=N runs of each command per benchmark (default 7). Every run's stdout must equal
#   <name>/expected.stdout, else the row says WRONG and the exit status is 1.
# e.g. RUNS=7 bench/programs/ab.sh "build-h8/hlffi run" "build-h8nosp/hlffi run" build-h8/hl
set -uo pipefail
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
if (($# < 3)); then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
a=$1 b=$2 hl=$3
shift 3
runs=${RUNS:-7}
if (($# == 0)); then
  for d in "$here"/*/Main.hx; do d=${d%/Main.hx}; set -- "$@" "${d##*/}"; done
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# one CMD FILE NAME: runs it, prints "wall cpu" in seconds, or "WRONG" if its output is not the
# expected one. Runs in a subshell: the command is its child, whose CPU time the subshell's
# cutime/cstime (/proc/<its pid>/stat fields 16, 17) gain when it has been waited for.
one() {
  local cmd=$1 file=$2 name=$3 me=$BASHPID t0 t1 c0 c1
  c0=$(awk '{ print $16 + $17 }' "/proc/$me/stat")
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  $cmd "$file" >"$tmp/out" 2>/dev/null </dev/null
  t1=$(date +%s%N)
  c1=$(awk '{ print $16 + $17 }' "/proc/$me/stat")
  if ! cmp -s "$tmp/out" "$here/$name/expected.stdout"; then echo WRONG; return; fi
  awk -v a="$t0" -v b="$t1" -v c="$c0" -v d="$c1" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.4f %.4f\n", (b - a) / 1e9, (d - c) / hz }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "A: $a    B: $b    ($runs runs each, alternating, medians)"
printf '%-13s | %8s %8s %6s | %8s %8s %6s\n' name "A wall" "B wall" "A/B" "A cpu" "B cpu" "A/B"
status=0
for n in "$@"; do
  f=$hl/$n.hl
  [[ -f $f ]] || f=$hl/bench_$n.hl
  if [[ ! -f $f ]]; then printf '%-13s | no %s.hl in %s\n' "$n" "$n" "$hl"; status=1; continue; fi
  aw=() ac=() bw=() bc=() bad=""
  for ((i = 0; i < runs; i++)); do
    read -r w c < <(one "$a" "$f" "$n")
    [[ $w == WRONG || -z ${c:-} ]] && bad=A
    aw+=("$w") ac+=("${c:-0}")
    read -r w c < <(one "$b" "$f" "$n")
    [[ $w == WRONG || -z ${c:-} ]] && bad=B
    bw+=("$w") bc+=("${c:-0}")
  done
  if [[ -n $bad ]]; then printf '%-13s | WRONG output from %s\n' "$n" "$bad"; status=1; continue; fi
  maw=$(median "${aw[@]}") mbw=$(median "${bw[@]}") mac=$(median "${ac[@]}") mbc=$(median "${bc[@]}")
  awk -v n="$n" -v aw="$maw" -v bw="$mbw" -v ac="$mac" -v bc="$mbc" 'BEGIN {
    printf "%-13s | %8.3f %8.3f %6.3f | %8.3f %8.3f %6.3f\n", n, aw, bw, aw / bw, ac, bc, (bc > 0 ? ac / bc : 0) }'
done
exit $status
