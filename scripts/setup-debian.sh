#!/usr/bin/env bash
# scripts: installs the Debian bookworm packages hlffi needs (as root, or through sudo).
# Idempotent and quick when everything is there: apt runs only for packages still missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build   # compilers and the build
  haxe                                # compiles the test, bench and example programs at build time
  libgtest-dev libbenchmark-dev       # tests and bench/
  libdouble-conversion-dev            # shortest round-trip float printing (std natives)
  libpcre2-dev                        # EReg (std regexp natives)
  libffi-dev                          # calls to natives of unknown signature
  nettle-dev zlib1g-dev               # lib fmt natives: MD5/SHA-1 digests; zlib streams, CRC-32, Adler-32
  clang libclang-rt-dev               # the libFuzzer target (fuzz/); its runtimes are only a Recommends of clang
  python3                             # tools/hldump.py
  valgrind                            # scripts/valgrind-restarts.sh (ctest hosts.valgrind_restarts)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "setup-debian: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "setup-debian: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y "${missing[@]}"
