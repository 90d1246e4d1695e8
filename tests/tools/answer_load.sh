#!/bin/bash
# Builds tests/tools/answer_load.c against the objects of the vaksam build
# that made BINARY, with the same flags (the sanitizer build for
# BUILD/san/vaksam, the optimised one for BUILD/vaksam), and prints the
# helper's path. Without those objects (an installed vaksam) it compiles the
# sources instead. Usage: tests/tools/answer_load.sh BINARY OUT_DIR
set -u
bin=$1
out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(cd "$(dirname "$bin")" && pwd)
pkgs="ncursesw sqlite3 libqrencode libsodium md4c libcjson liboath"
flags="-std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
 -Wformat=2 -Wno-missing-field-initializers -Werror -O2 -g -I$root $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lhpdf -lcsv -lm -pthread"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [ -d "$dir/core" ] && [ "$(basename "$dir")" = san ]; then
	objdir=$dir
	flags="$flags $san"
elif [ -d "$dir/obj/core" ]; then
	objdir=$dir/obj
else
	objdir=
fi
mkdir -p "$out"
helper=$out/answer_load
if [ -n "$objdir" ]; then
	objs=$(ls "$objdir"/core/*.o "$objdir"/authoring/*.o "$objdir"/kiosk/*.o \
		"$objdir"/reports/*.o "$objdir"/cli/*.o 2>/dev/null | grep -v '/cli/main\.o$')
else
	objs=$(ls "$root"/core/*.c)
fi
# shellcheck disable=SC2086
cc $flags -o "$helper" "$root/tests/tools/answer_load.c" $objs $libs >&2 || exit 1
echo "$helper"
