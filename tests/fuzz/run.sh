#!/bin/bash
# `make fuzz FUZZ_SECONDS=N`: builds every tests/fuzz/fuzz_*.c with clang's
# libFuzzer, ASan and UBSan, and runs each for N seconds on its corpus
# (tests/fuzz/corpus/NAME). New crashes are written to tests/fuzz/crashes/NAME,
# which `make test` replays from then on; they are seeds here too, because
# clang's UBSan catches more than gcc's (a zero offset on NULL, for one).
# Not part of CI: it takes long. See tests/fuzz/README.md.
#
# Usage: run.sh [SECONDS] [NAME...]   (NAME is gift, roster, ...; default all)
# FUZZ_OUT=DIR puts the build, the grown corpora and the logs elsewhere than
# tests/fuzz/out, so two runs can go on at once in separate folders.
set -u
secs=${1:-60}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/../.." || exit 2
out=${FUZZ_OUT:-tests/fuzz/out}
mkdir -p "$out/obj"
pkgs="ncursesw sqlite3 libqrencode libsodium md4c libcjson liboath"
# UBSan must not recover, or libFuzzer never sees undefined behaviour as a crash.
cflags="-std=c17 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="$cflags -I. $(pkg-config --cflags $pkgs)"
cflags="$cflags -DVAKSAM_VERSION=\"fuzz\" -DVAKSAM_SRCDIR=\"$PWD\" -DVAKSAM_DATADIR=\"/nonexistent\""
cflags="$cflags -DVAKSAM_LOCALEDIR=\"/nonexistent\""
libs="$(pkg-config --libs $pkgs) -lhpdf -lcsv -lm -pthread"

# The program's library, as the Makefile links the unit tests: every layer
# but cli/main.c. Compiled once with coverage hooks, again only when a source
# or header is newer than the last build.
srcs=$(ls core/*.c authoring/*.c kiosk/*.c reports/*.c cli/*.c | grep -v '^cli/main\.c$')
stamp="$out/obj/.stamp"
if [ ! -f "$stamp" ] || [ -n "$(find core authoring kiosk reports cli -newer "$stamp" -name '*.[ch]' | head -1)" ]; then
	echo "building the library with coverage hooks"
	rm -f "$out"/obj/*.o
	# shellcheck disable=SC2086
	printf '%s\n' $srcs | xargs -P "${FUZZ_JOBS:-2}" -I{} sh -c \
		'o="$1/obj/$(echo "$2" | tr / _).o"; clang $3 -fsanitize=fuzzer-no-link -c -o "$o" "$2" || exit 255' \
		sh "$out" {} "$cflags" || exit 1
	touch "$stamp"
fi

# Longest input per target: enough for a real file's structure, short enough
# to keep executions fast. A page or a course file is a few kilobytes.
max_len() {
	case $1 in
	gift | page) echo 8192 ;;
	frontmatter | layout | roster | paper_csv) echo 4096 ;;
	*) echo 4096 ;;
	esac
}

targets=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}
for short in $targets; do
	name=fuzz_$short
	log="$out/$name.log"
	echo "building $name"
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer -o "$out/$name" "tests/fuzz/$name.c" "$out"/obj/*.o $libs || exit 1
	mkdir -p "tests/fuzz/corpus/$short" "tests/fuzz/crashes/$short" "$out/corpus-$short"
	dict=()
	[ -f "tests/fuzz/dict/$short.dict" ] && dict=(-dict="tests/fuzz/dict/$short.dict")
	echo "running $name for ${secs}s"
	"$out/$name" -max_total_time="$secs" -max_len="$(max_len "$short")" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
		-artifact_prefix="tests/fuzz/crashes/$short/" \
		"$out/corpus-$short" "tests/fuzz/corpus/$short" "tests/fuzz/crashes/$short" >"$log" 2>&1
	tail -3 "$log"
	execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$')
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(echo "$last" | grep -Eo 'cov: [0-9]+' | grep -Eo '[0-9]+')
	ft=$(echo "$last" | grep -Eo 'ft: [0-9]+' | grep -Eo '[0-9]+')
	[ -z "$execs" ] && execs=$(echo "$last" | grep -Eo '^#[0-9]+' | tr -d '#')
	rate=$(( ${execs:-0} / (secs > 0 ? secs : 1) ))
	crashes=$(grep -c 'Test unit written to' "$log")
	echo "| $short | $secs | ${execs:-?} | $rate | ${cov:-?} | ${ft:-?} | $crashes |" >"$out/$name.row"
done
printf '| target | seconds | executions | exec/s | cov | ft | new crashes |\n|---|---|---|---|---|---|---|\n' \
	>"$out/summary.md"
cat "$out"/fuzz_*.row >>"$out/summary.md" 2>/dev/null
cat "$out/summary.md"
