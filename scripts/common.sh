# shellcheck shell=bash
# scripts: helpers sourced by the other scripts (not run on its own).

# The repository root, whatever the caller's working directory.
HLFFI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Parallel build and test jobs (CI machines have 2 cores).
HLFFI_JOBS="${HLFFI_JOBS:-$(nproc)}"

# configure DIR [cmake -D options...]: Ninja for a new build folder; an existing one keeps the
# generator it was made with (cmake refuses to switch), so re-running is always safe.
configure() {
  local dir=$1
  shift
  local gen=()
  if [[ ! -f $dir/CMakeCache.txt ]]; then gen=(-G Ninja); fi
  cmake -S "$HLFFI_ROOT" -B "$dir" "${gen[@]}" "$@"
}
