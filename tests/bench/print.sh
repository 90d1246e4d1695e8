#!/bin/bash
# A figure, not a test: pages per second of `vaksam print badges` and
# `vaksam print quiz` for a unit of 1,000 people, and how long `vaksam content
# build` takes for the whole course library (content/) on a database that
# already holds it (the usual case: an update of the texts; nothing changed
# is written again). Seconds are wall time, with user+system CPU time beside
# them because CPU time does not grow with the machine's load the way wall
# time does. Pages are counted in the PDF with qpdf.
#
# Two cases. The 1,000-people figure is the reprint case, people who already
# have a PIN: the fixture copies one Argon2id PIN string made by `init
# --demo` into their credential rows with sqlite3 (printing only asks
# whether a PIN exists; nobody logs in with it). First cards, for people
# without a PIN, also make an activation code each and a second PDF of
# slips; they are measured on 1,000 people too (ACTIVATION=1000; pages
# counted in both files). An activation code
# is stored as a keyed BLAKE2b (core/credential.h), microseconds each, so
# first cards cost about what reprints do, plus the slips document (its
# fonts) and a second transaction's rows; until codes were Argon2id (19 MiB,
# 2 passes) they cost 2 pages per CPU second.
# Prints Markdown rows for tests/bench/run.sh. Usage: print.sh [VAKSAM]; RUNS=5.
set -u
bin=${1:-${VAKSAM:-build/vaksam}}
runs=${RUNS:-5}
activation=${ACTIVATION:-1000}
root=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d /tmp/vaksam-bench-print.XXXXXX)
trap 'rm -rf "$T"' EXIT
db=$T/p.db

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

"$bin" init --db "$db" >/dev/null 2>&1 || { echo "| print, content build | failed | | init failed |"; exit 0; }
"$bin" config set organisation "Benchkommun" --db "$db" >/dev/null 2>&1
{
	printf 'Anställningsnummer;Namn;Enhet\n'
	awk 'BEGIN { for (i = 0; i < 1000; i++) printf "P%05d;Person Nummer %d Åkesson;Socialförvaltningen/Hemtjänst Öst\n", i, i }'
	awk -v n="$activation" 'BEGIN { for (i = 0; i < n; i++) printf "N%05d;Ny Person %d;Socialförvaltningen/Nyanställda\n", i, i }'
} >"$T/roster.csv"
"$bin" staff import "$T/roster.csv" --db "$db" >/dev/null 2>&1 || { echo "| print | failed | | staff import failed |"; exit 0; }
unit="Socialförvaltningen/Hemtjänst Öst"
"$bin" init --demo --db "$T/demo.db" >/dev/null 2>&1
pin=$(sqlite3 "$T/demo.db" "SELECT pin_hash FROM credential WHERE pin_hash IS NOT NULL LIMIT 1")
if [ -z "$pin" ]; then
	echo "| print badges | failed | | no PIN hash in the demo database for the fixture |"
	exit 0
fi
sqlite3 "$db" "INSERT INTO credential (person_id, pin_hash, pin_set)
	SELECT id, '$pin', '2026-01-01T00:00:00Z' FROM person WHERE employee_no LIKE 'P%'
	ON CONFLICT (person_id) DO UPDATE SET pin_hash = excluded.pin_hash, pin_set = excluded.pin_set" || exit 0
course=$(ls "$root/content/courses" | head -1)

# timed NAME CMD...: appends "wall_s cpu_s" of one run of CMD to $T/NAME.
timed() {
	local name=$1
	shift
	/usr/bin/time -f "%e %U %S" -o "$T/time" "$@" >"$T/out" 2>&1 || {
		echo "failed: $* : $(head -2 "$T/out")" >&2
		return 1
	}
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$T/time" >>"$T/$name"
}

for i in $(seq "$runs"); do
	timed badges "$bin" print badges --unit "$unit" -o "$T/badges.pdf" --db "$db" || break
	timed first "$bin" print badges --unit "Socialförvaltningen/Nyanställda" -o "$T/first.pdf" \
		--slips "$T/slips.pdf" --db "$db" || break
	timed quiz "$bin" print quiz "$course" --unit "$unit" -o "$T/quiz.pdf" --db "$db" || break
	timed build "$bin" content build --db "$db" || break
done 2>"$T/err"
if [ -s "$T/err" ]; then
	echo "| print badges, print quiz, content build | failed | | $(head -1 "$T/err") |"
	exit 0
fi

per() { awk -v p="$1" -v s="$2" 'BEGIN { printf "%d", (s > 0) ? p / s : 0 }'; }
row() { # NAME LABEL PDF [SECOND_PDF, whose pages count too]
	local wall cpu pages
	wall=$(awk '{ print $1 }' "$T/$1" | median)
	cpu=$(awk '{ print $2 }' "$T/$1" | median)
	pages=$(qpdf --show-npages "$3")
	[ -n "${4:-}" ] && pages=$((pages + $(qpdf --show-npages "$4")))
	echo "| $2 | $(per "$pages" "$wall") pages/s | ≥ 500 pages/s | $runs runs; $pages pages in $wall s (CPU $cpu s, $(per "$pages" "$cpu") pages per CPU second); $(($(stat -c %s "$3") / 1024)) KiB |"
}
row badges "\`print badges\`, 1,000 people (reprint: they have PINs)" "$T/badges.pdf"
row first "\`print badges\`, $activation new people (first cards and activation slips)" "$T/first.pdf" "$T/slips.pdf"
row quiz "\`print quiz $course\`, 1,000 people" "$T/quiz.pdf"
courses=$(ls -d "$root"/content/courses/*/ | wc -l)
echo "| \`content build\` of the whole library | $(awk '{ print $1 * 1000 }' "$T/build" | median) ms | ≤ 200 ms | $runs runs on a database that already holds it; CPU $(awk '{ print $2 * 1000 }' "$T/build" | median) ms; $courses courses and the surveys |"
