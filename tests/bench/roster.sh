#!/bin/bash
# A figure, not a test: how long `vaksam staff import` takes for a 10,000-row
# roster (semicolon, UTF-8 with BOM, 60 units, Swedish names), on a new
# database and as a re-import where about 1,000 people moved or changed
# role, 200 left and 200 joined. Prints Markdown rows for tests/bench/run.sh:
#   | figure | median | target | notes |
# Usage: tests/bench/roster.sh [VAKSAM] (default build/vaksam); RUNS=5.
set -u
bin=${1:-${VAKSAM:-build/vaksam}}
runs=${RUNS:-5}
T=$(mktemp -d /tmp/vaksam-bench-roster.XXXXXX)
trap 'rm -rf "$T"' EXIT

# roster FILE SEED: 10,000 rows numbered from SEED; every tenth row of the
# re-import (SEED 200) has another unit; every 50th (40th in the re-import)
# is a coordinator.
roster() {
	awk -v seed="$2" 'BEGIN {
		split("Anna Åsa Björn Märta Örjan Per Eva Karl Ingrid Lars", first, " ")
		split("Öberg Ängström Lind Ek Åkesson Berg Dahl Holm Nyström Sjö", last, " ")
		split("Socialförvaltningen Barn- och utbildningsförvaltningen Kommunledningskontoret Tekniska förvaltningen Kultur- och fritidsförvaltningen Miljö- och byggförvaltningen", dept, " ")
		printf "\xef\xbb\xbfAnställningsnummer;Förnamn;Efternamn;Enhet;Roll;E-post\r\n"
		for (i = seed; i < seed + 10000; i++) {
			u = (i * 7 + (seed == 200 && i % 10 == 0)) % 60
			role = i % (seed == 200 ? 40 : 50) == 0 ? "samordnare" : "medarbetare"
			printf "%06d;%s;%s;%s/Enhet %02d;%s;x%d@example.se\r\n", i,
			       first[i % 10 + 1], last[int(i / 10) % 10 + 1],
			       dept[u % 6 + 1], u, role, i
		}
	}' >"$1"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# time_import FILE [SETUP-FILE]: seconds for one import on a new database.
time_import() {
	local db=$T/b.db start end
	rm -f "$db" "$db.key" "$db-wal" "$db-shm"
	"$bin" init --db "$db" >/dev/null 2>&1 || { echo "init failed" >&2; return 1; }
	if [ $# -gt 1 ]; then
		"$bin" staff import "$2" --db "$db" >/dev/null 2>&1 || return 1
	fi
	start=$(date +%s%N)
	"$bin" staff import "$1" --db "$db" >"$T/out" 2>"$T/err" || {
		echo "import failed: $(cat "$T/err")" >&2
		return 1
	}
	end=$(date +%s%N)
	awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

roster "$T/first.csv" 0
roster "$T/second.csv" 200
for i in $(seq "$runs"); do time_import "$T/first.csv"; done >"$T/t1" || exit 1
first_counts=$(tail -n 1 "$T/out")
for i in $(seq "$runs"); do time_import "$T/second.csv" "$T/first.csv"; done >"$T/t2" || exit 1
second_counts=$(tail -n 1 "$T/out")
echo "| staff import, 10,000-row roster, new database | $(median <"$T/t1") s | < 5 s | $runs runs; $first_counts |"
echo "| staff import, 10,000-row re-import | $(median <"$T/t2") s | < 5 s | $runs runs; $second_counts |"
