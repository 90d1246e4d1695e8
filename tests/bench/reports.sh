#!/bin/bash
# A figure, not a test: `vaksam report pdf` and each `vaksam report csv KIND`
# on 10,000 staff × 3 years of generated history (`vaksam demo generate`),
# each against the same aggregates computed by bare SQL in the sqlite3 shell
# (tests/bench/sql/KIND.sql: written by hand, no suppression, no formatting,
# each run in a sqlite3 shell of its own;
# the PDF's baseline is every aggregate it draws: completion, levels with
# their quarters, gains, items and the survey), ratio measured in the same
# run; and the database's size per staff-year.
# Prints Markdown rows for tests/bench/run.sh. Usage: reports.sh [VAKSAM];
# RUNS=3, BARE_RUNS=1 (the bare SQL of levels alone takes one to several
# minutes: its windows × answers join), STAFF=10000, YEARS=3.
set -u
bin=${1:-${VAKSAM:-build/vaksam}}
runs=${RUNS:-3}
bare_runs=${BARE_RUNS:-1}
staff=${STAFF:-10000}
years=${YEARS:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
sql=$root/tests/bench/sql
T=$(mktemp -d /tmp/vaksam-bench-reports.XXXXXX)
trap 'rm -rf "$T"' EXIT
db=$T/r.db

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
secs() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }

"$bin" init --db "$db" >/dev/null 2>&1 || { echo "| report pdf | failed | | init failed |"; exit 0; }
t0=$(date +%s%N)
if ! "$bin" demo generate --staff "$staff" --years "$years" --seed 1 --db "$db" >"$T/gen.out" 2>&1; then
	echo "| report pdf, report csv | not measured | | \`demo generate\` failed: $(head -1 "$T/gen.out") |"
	exit 0
fi
gen=$(secs $(($(date +%s%N) - t0)))
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
bytes=$(stat -c %s "$db")
people=$(sqlite3 "$db" "SELECT count(*) FROM person")
responses=$(sqlite3 "$db" "SELECT count(*) FROM response")
top=$(sqlite3 "$db" "SELECT name || ' ' || (sum(pgsize) * 100 / $bytes) || ' %' FROM dbstat GROUP BY name
	ORDER BY sum(pgsize) DESC LIMIT 4" 2>/dev/null | paste -sd, | sed 's/,/, /g')
echo "| database size per staff-year | $((bytes / (staff * years))) bytes | reported | $staff staff × $years years ($people people with leavers and joiners, $responses responses): $((bytes / 1048576)) MiB; largest: ${top:-dbstat not available}; \`demo generate\` took $gen s |"

# time_cmd OUT-FILE CMD...: "wall_ns cpu_ns" of one run of CMD (CPU: user +
# system, from /usr/bin/time; it grows far less than wall time when the shared
# machine is loaded, so the ratios are given on both).
time_cmd() {
	local t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f "%U %S" -o "$T/cpu" "${@:2}" >"$1" 2>&1 || { echo "failed: ${*:2}" >&2; head -3 "$1" >&2; }
	t1=$(date +%s%N)
	echo "$((t1 - t0)) $(awk '{ printf "%.0f", ($1 + $2) * 1e9 }' "$T/cpu")"
}
# bare KIND: one run of tests/bench/sql/KIND.sql in the sqlite3 shell.
bare() {
	time_cmd "$T/sql.out" sqlite3 -batch -init /dev/null "$db" <"$sql/$1.sql"
}
med() { awk -v c="$2" '{ print $c }' "$1" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

# Each CSV and its bare SQL, alternating, so both see the same load.
pdf_kinds="completion levels gains items survey"
: >"$T/rows"
for kind in completion levels gains items survey responses; do
	: >"$T/k"
	: >"$T/k.sql"
	for i in $(seq "$runs"); do
		time_cmd "$T/out" "$bin" report csv "$kind" -o "$T/$kind.csv" --db "$db" >>"$T/k"
		rm -f "$T/$kind.csv"
		[ "$i" -le "$bare_runs" ] && bare "$kind" >>"$T/k.sql"
	done 2>>"$T/err"
	echo "$kind $(med "$T/k.sql" 1) $(med "$T/k.sql" 2)" >>"$T/bare"
	echo "| \`report csv $kind\` | $(secs "$(med "$T/k" 1)") s | ≤ 1.5× bare SQL | $runs runs; bare SQL ($bare_runs run) $(secs "$(med "$T/k.sql" 1)") s, ratio $(ratio "$(med "$T/k" 1)" "$(med "$T/k.sql" 1)")×; CPU $(secs "$(med "$T/k" 2)") s against $(secs "$(med "$T/k.sql" 2)") s, ratio $(ratio "$(med "$T/k" 2)" "$(med "$T/k.sql" 2)")× |" >>"$T/rows"
done

# The PDF against the sum of the bare SQL of every aggregate it draws,
# measured above in this run.
for i in $(seq "$runs"); do
	time_cmd "$T/out" "$bin" report pdf -o "$T/r$i.pdf" --db "$db" >>"$T/pdf"
done 2>>"$T/err"
p=$(med "$T/pdf" 1)
pc=$(med "$T/pdf" 2)
ps=$(awk -v k="$pdf_kinds" 'BEGIN { split(k, a, " "); for (i in a) want[a[i]] = 1 } want[$1] { s += $2 } END { printf "%.0f", s }' "$T/bare")
psc=$(awk -v k="$pdf_kinds" 'BEGIN { split(k, a, " "); for (i in a) want[a[i]] = 1 } want[$1] { s += $3 } END { printf "%.0f", s }' "$T/bare")
pages=$(qpdf --show-npages "$T/r1.pdf" 2>/dev/null || echo "?")
echo "| \`report pdf\`, $staff staff × $years years | $(secs "$p") s | ≤ 1 s; ≤ 2× bare SQL | $runs runs, $pages pages; CPU $(secs "$pc") s; bare SQL for the same aggregates $(secs "$ps") s (CPU $(secs "$psc") s), ratio $(ratio "$p" "$ps")× (CPU $(ratio "$pc" "$psc")×) |"
cat "$T/rows"
[ -s "$T/err" ] && sed 's/^/# /' "$T/err" | head -5 >&2
exit 0
