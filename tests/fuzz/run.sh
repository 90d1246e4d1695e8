#!/bin/bash
# `make fuzz FUZZ_SECONDS=N`: builds every tests/fuzz/fuzz_*.c with clang's
# libFuzzer, ASan and UBSan, and runs each for N seconds on its corpus
# (tests/fuzz/corpus/NAME). New crashes are written to tests/fuzz/crashes/NAME,
# which `make test` replays from then on. Not part of CI: it takes long.
set -u
secs=${1:-60}
cd "$(dirname "$0")/../.." || exit 2
out=tests/fuzz/out
mkdir -p "$out"
cflags="-std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -I. $(pkg-config --cflags ncursesw sqlite3 libqrencode libsodium md4c libcjson liboath)"
cflags="$cflags -DVAKSAM_VERSION=\"fuzz\" -DVAKSAM_SRCDIR=\"$PWD\" -DVAKSAM_DATADIR=\"/nonexistent\""
libs="$(pkg-config --libs ncursesw sqlite3 libqrencode libsodium md4c libcjson liboath) -lhpdf -lcsv -lm"
srcs=$(ls core/*.c authoring/*.c reports/*.c 2>/dev/null)
printf '| target | seconds | executions | coverage (cov) | features (ft) | crashes |\n|---|---|---|---|---|---|\n' >"$out/summary.md"
for f in tests/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	short=${name#fuzz_}
	echo "building $name"
	# shellcheck disable=SC2086
	clang $cflags -o "$out/$name" "$f" $srcs $libs || exit 1
	mkdir -p "tests/fuzz/corpus/$short" "tests/fuzz/crashes/$short" "$out/corpus-$short"
	echo "running $name for ${secs}s"
	"$out/$name" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="tests/fuzz/crashes/$short/" \
		"$out/corpus-$short" "tests/fuzz/corpus/$short" >"$out/$name.log" 2>&1
	tail -3 "$out/$name.log"
	execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$out/$name.log" | grep -Eo '[0-9]+$')
	last=$(grep -E '^#[0-9]+' "$out/$name.log" | tail -1)
	cov=$(echo "$last" | grep -Eo 'cov: [0-9]+' | grep -Eo '[0-9]+')
	ft=$(echo "$last" | grep -Eo 'ft: [0-9]+' | grep -Eo '[0-9]+')
	[ -z "$execs" ] && execs=$(echo "$last" | grep -Eo '^#[0-9]+' | tr -d '#')
	crashes=$(find "tests/fuzz/crashes/$short" -type f | wc -l)
	echo "| $short | $secs | ${execs:-?} | ${cov:-?} | ${ft:-?} | $crashes |" >>"$out/summary.md"
done
cat "$out/summary.md"
