#!/bin/sh
# install test (tests/api/cpp_api.cmake): installs the build into a temporary prefix, checks that
# libhlffi.so exports only hlffi_* symbols, then builds tests/install/host outside the tree against
# the installed files three ways (find_package(hlffi) -> hlffi::hlffi; pkg-config, shared;
# pkg-config --static with libhlffi.a) and compares each host's output with expected.stdout.
# Usage: run.sh BUILD_DIR SOURCE_DIR PROGRAM.hl
set -eu
build=$1
src=$2
hl=$3
host=$src/tests/install/host
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmake --build "$build" --target hlffi_shared hlffi_static_pkg >/dev/null
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
for f in include/hlffi.h include/hlffi.hpp; do
    [ -f "$tmp/prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
PKG_CONFIG_PATH=$(find "$tmp/prefix" -name hlffi.pc -exec dirname {} \;)
export PKG_CONFIG_PATH
libdir=$(pkg-config --variable=libdir hlffi)

extra=$(nm -D --defined-only "$libdir/libhlffi.so" | awk '{print $3}' | grep -v '^hlffi_' || true)
if [ -n "$extra" ]; then
    echo "libhlffi.so exports symbols other than hlffi_*:"; echo "$extra" | head -20
    exit 1
fi
count=$(nm -D --defined-only "$libdir/libhlffi.so" | grep -c ' T hlffi_')
[ "$count" -ge 141 ] || { echo "libhlffi.so exports only $count hlffi_* functions"; exit 1; }

check() {  # name, executable
    "$2" "$hl" >"$tmp/$1.out" 2>&1 || { echo "$1: the host failed:"; cat "$tmp/$1.out"; exit 1; }
    cmp "$tmp/$1.out" "$host/expected.stdout" || { echo "$1: output differs:"; cat "$tmp/$1.out"; exit 1; }
    echo "$1: ok"
}

cmake -S "$host" -B "$tmp/cmake" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$tmp/cmake.log" 2>&1 ||
    { cat "$tmp/cmake.log"; exit 1; }
cmake --build "$tmp/cmake" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
check find_package "$tmp/cmake/host"

# shellcheck disable=SC2046  # pkg-config output is a list of words
c++ -std=c++20 -O1 "$host/host.cpp" $(pkg-config --cflags --libs hlffi) -Wl,-rpath,"$libdir" -o "$tmp/host_pc"
check pkg-config "$tmp/host_pc"

# shellcheck disable=SC2046
c++ -std=c++20 -O1 "$host/host.cpp" $(pkg-config --cflags hlffi) "$libdir/libhlffi.a" \
    $(pkg-config --static --libs-only-l hlffi | sed 's/-lhlffi / /') -o "$tmp/host_static"
if ldd "$tmp/host_static" | grep -q libhlffi; then echo "host_static uses libhlffi.so"; exit 1; fi
check pkg-config-static "$tmp/host_static"
