#!/bin/bash
# A figure, not a test: how long committing one kiosk answer takes with 1, 10
# and 50 processes answering at once, and how many busy errors ("database is
# locked") reach a person. tests/tools/answer_load answers through the
# kiosk's own core path (core/attempt.h: one BEGIN IMMEDIATE transaction per
# answer, WAL), built with the same flags as BINARY. The default setting
# fsync_every_commit=no (synchronous=NORMAL: survives a killed process, a
# power cut may lose the last commits) is measured at every load; the last
# row repeats 50 paced processes with fsync_every_commit=yes (synchronous=
# FULL, one fsync per answer) for the ratio between the two in one run.
#
# Two loads:
#  - "flat out": every process answers with no pause, all starting together:
#    a saturated write lock, far beyond what people can type (the capacity
#    figure of docs/scaling.md comes from here);
#  - "paced": each process pauses THINK_MS (default 100 ms) before each
#    answer, still 50-100 times faster than a person reading a question.
# Latency is the time attempt_answer() takes, waiting for the lock included;
# p50 and p99 over all answers of a run, then the median over RUNS runs.
# Prints Markdown rows for tests/bench/run.sh. Usage: answer_latency.sh [VAKSAM];
# RUNS=3, ANSWERS=40 (50 × 40 = 2,000 commits a run; with an fsync each
# about 15 s on a 7 ms-fsync disk, which keeps `make bench` near 10 minutes),
# THINK_MS=100.
set -u
bin=${1:-${VAKSAM:-build/vaksam}}
runs=${RUNS:-3}
answers=${ANSWERS:-40}
think_ms=${THINK_MS:-100}
root=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/vaksam-bench-answer.XXXXXX)
trap 'rm -rf "$T"' EXIT

helper=$("$root/tests/tools/answer_load.sh" "$bin" "$T/tools" 2>"$T/helper.err")
if [ -z "$helper" ]; then
	echo "| answer commit latency | not measured | | tests/tools/answer_load did not build: $(head -1 "$T/helper.err") |"
	exit 0
fi
"$bin" init --db "$T/base.db" >/dev/null 2>&1
{
	printf 'Anställningsnummer;Namn;Enhet\n'
	for i in $(seq 1 50); do printf 'B%03d;Person %d;Förvaltningen/Enhet %d\n' "$i" "$i" $((i % 7)); done
} >"$T/roster.csv"
"$bin" staff import "$T/roster.csv" --db "$T/base.db" >/dev/null 2>&1

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# one_run PROCS THINK_US: prints "p50_us p99_us max_us errors elapsed_ms", the
# time from the common start to the last process done.
one_run() {
	local n=$1 think=$2 db=$T/run.db start t0 t1 i
	rm -f "$db" "$db-wal" "$db-shm" "$T"/lat "$T"/out.*
	cp "$T/base.db" "$db"
	cp "$T/base.db.key" "$db.key"
	"$bin" config set fsync_every_commit "$fsync" --db "$db" >/dev/null 2>&1
	start=$(($(date +%s%3N) + 1500))
	for i in $(seq 1 "$n"); do
		"$helper" --db "$db" --employee "$(printf 'B%03d' "$i")" --answers "$answers" \
			--start-at "$start" --think-us "$think" --latency "$T/lat.$i" --seed "$i" \
			>"$T/out.$i" 2>&1 &
	done
	wait
	t1=$(($(date +%s%3N) - start))
	cat "$T"/lat.* >"$T/lat"
	sort -n "$T/lat" | awk -v errs="$(cat "$T"/out.* | grep -c '^ERR')" -v el="$t1" '
		{ v[NR] = $1 }
		END {
			p50 = v[int((NR + 1) / 2)]; p99 = v[int(NR * 0.99 + 0.99)]
			printf "%d %d %d %d %d\n", p50, p99, v[NR], errs, el
		}'
	rm -f "$T"/lat.*
}

row() { # LABEL PROCS THINK_MS
	local label=$1 n=$2 think=$3 p50 p99 max errs secs rate
	: >"$T/rows"
	for _ in $(seq "$runs"); do
		one_run "$n" $((think * 1000)) >>"$T/rows"
	done
	p50=$(awk '{ print $1 }' "$T/rows" | median)
	p99=$(awk '{ print $2 }' "$T/rows" | median)
	max=$(awk '{ print $3 }' "$T/rows" | sort -n | tail -1)
	errs=$(awk '{ s += $4 } END { print s }' "$T/rows")
	secs=$(awk '{ print $5 }' "$T/rows" | median)
	rate=$(awk -v n="$n" -v a="$answers" -v ms="$secs" 'BEGIN { if (ms > 0) printf "%d", n * a * 1000 / ms; else print "?" }')
	printf '| answer commit latency, %s | p50 %.1f ms, p99 %.1f ms | p99 ≤ 5 ms at 50; 0 busy errors | %d × %d answers, %d runs; slowest %.0f ms; busy errors %d; about %s answers/s |\n' \
		"$label" "$(awk -v x="$p50" 'BEGIN { print x / 1000 }')" "$(awk -v x="$p99" 'BEGIN { print x / 1000 }')" \
		"$n" "$answers" "$runs" "$(awk -v x="$max" 'BEGIN { print x / 1000 }')" "$errs" "$rate"
}

fsync=no
row "1 process, flat out" 1 0
row "10 processes, flat out" 10 0
row "50 processes, flat out" 50 0
row "50 processes, paced (${think_ms} ms between answers)" 50 "$think_ms"
fsync=yes
row "50 processes, paced, fsync_every_commit=yes" 50 "$think_ms"
