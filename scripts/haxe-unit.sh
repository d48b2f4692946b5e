#!/usr/bin/env bash
# scripts: builds Haxe 4.2.5's own unit suite (tests/unit) for HashLink the way Haxe's CI does
# (tests/runci/targets/Hl.hx: `haxe compile-hl.hxml -D github -D Linux`, then run bin/unit.hl)
# and runs it under hlffi, printing utest's summary and the run's exit code.
#
# usage: scripts/haxe-unit.sh HAXE_SOURCE_DIR UTEST_DIR [RUNNER]
#   HAXE_SOURCE_DIR  a checkout of HaxeFoundation/haxe at tag 4.2.5 (only tests/unit is used)
#   UTEST_DIR        a checkout of haxe-utest/utest at 559b24c9a36533281ba7a2eed8aab83ed6b872b4,
#                    the commit tests/unit/compile-each.hxml pins
#   RUNNER           what runs the .hl: a path to an hlffi binary (`run` is added), or any other
#                    command taking FILE.hl (e.g. /opt/hlref/bin/hlref). Default: build/hlffi.
# env: HLFFI_UNIT_WORK  scratch folder to use and keep (default: a temporary one, removed)
#      HLFFI_UNIT_TIMEOUT  seconds the run may take (default 1800)
#      HLFFI_UNIT_CLASSES  a subset: space-separated regular expressions over the test classes'
#                          full names (unit.TestBytes, unit.issues.Issue1234, unit.spec.TestDate...).
#                          The suite is then compiled with scripts/haxe-unit/UnitSubset.hx as main
#                          (the suite's own classes and options, only the main differs), which runs
#                          the classes matching any of them and writes each test's time to stderr.
#      (HLFFI_LAZY_NATIVES=1 is passed through: natives missing from hlffi throw when called)
#
# Nothing is downloaded and the given folders are not written: tests/unit is copied into the
# scratch folder and compiled there (its paths are relative, so the program is the same), and
# utest is laid out as a local haxelib repository (HAXELIB_PATH) that `-lib utest:git:...`
# resolves without a network. The run happens in a writable scratch folder with TZ=UTC.
# Exit: the runner's exit code (utest exits 0 only when every assertion passed), 2 on usage or
# compile errors.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ $# -lt 2 || $# -gt 3 ]]; then
  sed -n '6,13p' "$0" >&2
  exit 2
fi
haxe_src=$(cd "$1" 2>/dev/null && pwd) || { echo "haxe-unit: no folder $1" >&2; exit 2; }
utest_src=$(cd "$2" 2>/dev/null && pwd) || { echo "haxe-unit: no folder $2" >&2; exit 2; }
runner=${3:-$root/build/hlffi}
[[ -f $haxe_src/tests/unit/compile-hl.hxml ]] || { echo "haxe-unit: $haxe_src/tests/unit/compile-hl.hxml not found" >&2; exit 2; }
[[ -f $utest_src/haxelib.json && -d $utest_src/src/utest ]] || { echo "haxe-unit: $utest_src is not a utest checkout" >&2; exit 2; }
command -v haxe >/dev/null || { echo "haxe-unit: haxe not found (apt-get install haxe)" >&2; exit 2; }

# An hlffi binary runs programs through its `run` command; anything else is used as given.
read -r -a run_cmd <<<"$runner"
# The run happens in a scratch folder: a relative path to the runner must not break it.
if [[ ${run_cmd[0]} == */* && -e ${run_cmd[0]} ]]; then
  run_cmd[0]=$(cd "$(dirname "${run_cmd[0]}")" && pwd)/$(basename "${run_cmd[0]}")
fi
case $(basename "${run_cmd[0]}") in
  hlffi*) [[ ${#run_cmd[@]} -eq 1 ]] && run_cmd+=(run) ;;
esac
[[ -x ${run_cmd[0]} ]] || command -v "${run_cmd[0]}" >/dev/null || { echo "haxe-unit: cannot run ${run_cmd[0]}" >&2; exit 2; }

if [[ -n ${HLFFI_UNIT_WORK:-} ]]; then
  work=$HLFFI_UNIT_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# Local haxelib repository: <repo>/utest/.current names the version folder `git`, which holds
# the checkout (what `haxelib git utest URL COMMIT` would have made).
rm -rf "$work/haxelib" "$work/unit" "$work/run"
mkdir -p "$work/haxelib/utest" "$work/run"
cp -R "$utest_src" "$work/haxelib/utest/git"
printf git >"$work/haxelib/utest/.current"
cp -R "$haxe_src/tests/unit" "$work/unit"
rm -rf "$work/unit/bin"

hxml=compile-hl.hxml
program=bin/unit.hl
subset=()
if [[ -n ${HLFFI_UNIT_CLASSES:-} ]]; then
  read -r -a subset <<<"$HLFFI_UNIT_CLASSES"
  # The suite's own options without its main and output (haxe refuses a second --main).
  hxml=compile-subset.hxml
  program=bin/subset.hl
  { grep -v -e '^--main' -e '^-hl ' "$work/unit/compile-hl.hxml"
    echo "-p $root/scripts/haxe-unit"
    echo "--main UnitSubset"
    echo "-hl $program"; } >"$work/unit/$hxml"
fi

echo "haxe-unit: compiling tests/unit (haxe $hxml -D github -D Linux)"
if ! (cd "$work/unit" && HAXELIB_PATH=$work/haxelib haxe "$hxml" -D github -D Linux >"$work/compile.log" 2>&1); then
  grep -v ': Warning : ' "$work/compile.log" >&2
  echo "haxe-unit: compile failed" >&2
  exit 2
fi

echo "haxe-unit: running ${run_cmd[*]} $program ${subset[*]}"
(cd "$work/run" && TZ=UTC timeout "${HLFFI_UNIT_TIMEOUT:-1800}" "${run_cmd[@]}" "$work/unit/$program" "${subset[@]}" </dev/null >"$work/run.log" 2>&1)
rc=$?
cat "$work/run.log"
echo "haxe-unit: summary"
grep -E '^(assertations|successes|failures|errors): ' "$work/run.log" || echo "(no utest summary: the run ended early)"
echo "exit code: $rc"
exit "$rc"
