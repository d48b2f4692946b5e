#!/bin/sh
# The repository stands alone: no file may send a reader (or a test) to the sibling `shared`
# folder of the machine it was developed on. Fails listing the lines that do.
# usage: stands_alone.sh SOURCE_DIR
set -u
src=${1:?usage: $0 SOURCE_DIR}
# The patterns are written so that this file does not match them itself.
hits=$(grep -rnI -e '\.\./shared' -e '/work/[s]hared' --exclude-dir='build*' --exclude-dir=.git "$src")
if [ -n "$hits" ]; then
	echo "files that point outside the repository:"
	echo "$hits"
	exit 1
fi
echo "ok"
