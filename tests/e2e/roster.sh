#!/bin/bash
# End-to-end tests of `vaksam staff import` (issue 2) with the rosters in
# tests/fixtures/roster (see README.md there). Each case starts from a new
# database made by `vaksam init`, imports, and checks the exact people and
# units with sqlite3; a refused roster must name its line and column and leave
# `sqlite3 DB .dump` byte for byte as it was.
. "$(dirname "$0")/lib.sh"

F=$ROOT/tests/fixtures/roster
DB=$T/x.db

fresh() {
	rm -f "$DB" "$DB.key" "$DB-wal" "$DB-shm"
	"$VAKSAM" init --db "$DB" >"$T/init.out" 2>&1 || fail "init" "$(cat "$T/init.out")"
}
import() { vk staff import "$@" --db "$DB"; }
# employee_no|name|unit path|role|active, by employee number.
people() {
	sqlite3 "$DB" "SELECT p.employee_no, p.name, IFNULL(u.path, ''), p.role, p.active
	               FROM person p LEFT JOIN unit u ON u.id = p.unit_id ORDER BY p.employee_no"
}
units() { sqlite3 "$DB" "SELECT path FROM unit ORDER BY path"; }
last_line() { tail -n 1 "$T/out"; }

# A good import: exit 0 and the counts line.
ok_import() { # NAME COUNTS ARGS...
	local name=$1 counts=$2
	shift 2
	import "$@"
	expect_eq "$name: exit" 0 "$rc"
	expect_eq "$name: counts" "$counts" "$(last_line)"
}

# A refused import: exit 1, the exact diagnostics, and an unchanged database.
refused() { # NAME FILE EXPECTED-STDERR-LINES [ARGS...]
	local name=$1 file=$2 expected=$3 before after
	shift 3
	before=$(dbdump "$DB")
	import "$F/$file" "$@"
	expect_eq "$name: exit" 1 "$rc"
	expect_eq "$name: diagnostics" "$expected" "$(grep -v '^vaksam: ' "$T/err")"
	after=$(dbdump "$DB")
	if [ "$before" = "$after" ]; then pass "$name: database unchanged"; else
		fail "$name: database unchanged" "$(diff <(echo "$before") <(echo "$after") | head -5)"; fi
}

# --- good rosters --------------------------------------------------------------

fresh
ok_import "semicolon+BOM+CRLF" "4 added, 0 updated, 0 deactivated, 0 rejected" "$F/semicolon-bom.csv"
expect_eq "semicolon+BOM+CRLF: people" "1001|Åsa Öberg|Socialförvaltningen/Hemtjänst Norr|coordinator|1
1002|Per Ärlig|Socialförvaltningen/Hemtjänst Norr|staff|1
1003|Lind; Märta|Socialförvaltningen/Hemtjänst Syd|staff|1
1004|Örjan Åkesson|Kommunledningskontoret/IT|admin|1" "$(people)"
expect_eq "semicolon+BOM+CRLF: units" "Kommunledningskontoret
Kommunledningskontoret/IT
Socialförvaltningen
Socialförvaltningen/Hemtjänst Norr
Socialförvaltningen/Hemtjänst Syd" "$(units)"
# Units are created parents first, in sorted path order, whatever the row order.
expect_eq "semicolon+BOM+CRLF: unit tree" "1|0|Kommunledningskontoret
2|1|IT
3|0|Socialförvaltningen
4|3|Hemtjänst Norr
5|3|Hemtjänst Syd" "$(sqlite3 "$DB" "SELECT id, IFNULL(parent_id, 0), name FROM unit ORDER BY id")"
vk staff list --db "$DB"
expect_eq "semicolon+BOM+CRLF: staff list (Swedish order)" "1003	Lind; Märta	Socialförvaltningen/Hemtjänst Syd	staff	yes
1002	Per Ärlig	Socialförvaltningen/Hemtjänst Norr	staff	yes
1001	Åsa Öberg	Socialförvaltningen/Hemtjänst Norr	coordinator	yes
1004	Örjan Åkesson	Kommunledningskontoret/IT	admin	yes" "$(cat "$T/out")"
ok_import "same roster again changes nothing" "0 added, 0 updated, 0 deactivated, 0 rejected" \
	"$F/semicolon-bom.csv"

fresh
if iconv -f UTF-8 -t UTF-8 <"$F/cp1252.csv" >/dev/null 2>&1; then
	fail "cp1252 fixture" "the fixture is valid UTF-8; it must be Windows-1252"
else
	pass "cp1252 fixture is not UTF-8"
fi
ok_import "Windows-1252" "3 added, 0 updated, 0 deactivated, 0 rejected" "$F/cp1252.csv"
expect_eq "Windows-1252: people" "2001|Åsa Ängström|Barn- och utbildningsförvaltningen/Förskola Ön|staff|1
2002|Björn Öst|Barn- och utbildningsförvaltningen/Förskola Ön|staff|1
2003|Märta Ås – Ekström|Miljö- och byggförvaltningen|staff|1" "$(people)"

fresh
ok_import "quoted newlines" "3 added, 0 updated, 0 deactivated, 0 rejected" "$F/quoted-newline.csv"
expect_eq "quoted newlines: people" '3001|Ek, Anna|IT|staff|1
3002|Bo Ek|IT|staff|1
3003|Cecilia "Cissi" Ek|IT/Drift|staff|1' "$(people)"

fresh
ok_import "first and last name" "3 added, 0 updated, 0 deactivated, 0 rejected" "$F/first-last.csv"
expect_eq "first and last name: people" "4001|Anna Svensson|Kultur- och fritidsförvaltningen/Bibliotek|staff|1
4002|Karl-Erik von Essen|Kultur- och fritidsförvaltningen/Bibliotek|staff|1
4003|Mononym|Kultur- och fritidsförvaltningen|staff|1" "$(people)"

fresh
ok_import "English headers" "4 added, 0 updated, 0 deactivated, 0 rejected" "$F/english.csv"
expect_eq "English headers: people" "5001|Alice Andersson|Social Services/Home Care|coordinator|1
5002|Bob Berg|Social Services/Home Care|staff|1
5003|Carol Carlsson|IT|admin|1
5004|Dan Dahl|IT|staff|1" "$(people)"

fresh
ok_import "leading zeros" "4 added, 0 updated, 0 deactivated, 0 rejected" "$F/leading-zeros.csv"
expect_eq "leading zeros: people" "00012|Tolv Nollor|Ekonomi|staff|1
0007|Sju Nollsju|Ekonomi|staff|1
007|Sju Nolltvå|Ekonomi|staff|1
7|Sju Utan|Ekonomi|staff|1" "$(people)"
expect_eq "leading zeros: stored as text" "text text text text" \
	"$(sqlite3 "$DB" "SELECT typeof(employee_no) FROM person ORDER BY employee_no" | tr '\n' ' ' | sed 's/ $//')"

# --- re-import -------------------------------------------------------------------

fresh
ok_import "re-import: first" "10 added, 0 updated, 0 deactivated, 0 rejected" "$F/reimport-1.csv"
before=$(dbdump "$DB")
import "$F/reimport-2.csv" --dry-run
expect_eq "re-import: dry run exit" 0 "$rc"
expect_eq "re-import: dry run output" "dry run: nothing was written
1 added, 5 updated, 2 deactivated, 0 rejected" "$(cat "$T/out")"
expect_eq "re-import: dry run writes nothing" "$before" "$(dbdump "$DB")"
ok_import "re-import: moves, roles, leavers" "1 added, 5 updated, 2 deactivated, 0 rejected" \
	"$F/reimport-2.csv"
expect_eq "re-import: people" "6001|Anna Ahl|Socialförvaltningen/Hemtjänst Syd|staff|1
6002|Bengt Berg|Socialförvaltningen/Hemtjänst Norr|coordinator|1
6003|Cissi Cron|Socialförvaltningen/Hemtjänst Syd|staff|1
6004|David Dahl|Socialförvaltningen/Hemtjänst Syd|staff|1
6005|Eva Ek Lund|Socialförvaltningen/Hemtjänst Syd|staff|1
6006|Fredrik Falk|Kommunledningskontoret/IT|admin|1
6007|Greta Gran|Kommunledningskontoret/IT/Support|staff|1
6008|Hans Hed|Kommunledningskontoret/Ekonomi|staff|1
6009|Ida Ist|Kommunledningskontoret/Ekonomi|staff|0
6010|Jan Jarl|Kommunledningskontoret/Ekonomi|staff|0
6011|Kim Kula|Kommunledningskontoret/Ekonomi|staff|1" "$(people)"
expect_eq "re-import: leavers have left_at" "6009 6010" \
	"$(sqlite3 "$DB" "SELECT employee_no FROM person WHERE left_at IS NOT NULL ORDER BY 1" | tr '\n' ' ' | sed 's/ $//')"
vk staff list --db "$DB"
expect_eq "re-import: staff list shows the active" "9" "$(wc -l <"$T/out")"
ok_import "re-import: no role column keeps roles" "1 added, 1 updated, 1 deactivated, 0 rejected" \
	"$F/reimport-3-norole.csv"
expect_eq "re-import: roles kept, leaver back, newcomer staff" "6001|Anna Ahl|Socialförvaltningen/Hemtjänst Syd|staff|1
6002|Bengt Berg|Socialförvaltningen/Hemtjänst Norr|coordinator|1
6003|Cissi Cron|Socialförvaltningen/Hemtjänst Syd|staff|1
6004|David Dahl|Socialförvaltningen/Hemtjänst Syd|staff|1
6005|Eva Ek Lund|Socialförvaltningen/Hemtjänst Syd|staff|1
6006|Fredrik Falk|Kommunledningskontoret/IT|admin|1
6007|Greta Gran|Kommunledningskontoret/IT/Support|staff|1
6008|Hans Hed|Kommunledningskontoret/Ekonomi|staff|1
6009|Ida Ist|Kommunledningskontoret/Ekonomi|staff|1
6010|Jan Jarl|Kommunledningskontoret/Ekonomi|staff|0
6011|Kim Kula|Kommunledningskontoret/Ekonomi|staff|0
6012|Lo Lind|Kommunledningskontoret/IT|staff|1" "$(people)"
expect_eq "re-import: nobody deleted" "12" "$(sqlite3 "$DB" "SELECT count(*) FROM person")"

# --skip-invalid: valid rows are written, rejected ones reported, and the people
# of rejected rows are left as they are (not deactivated).
fresh
import "$F/reimport-1.csv"
refused "skip-invalid: refused without the option" reimport-invalid-row.csv \
	"$F/reimport-invalid-row.csv:4:4: error: unknown role 'chef' (use medarbetare/staff, samordnare/coordinator or administratör/admin)
$F/reimport-invalid-row.csv:12:1: error: empty employee number"
ok_import "skip-invalid" "0 added, 1 updated, 0 deactivated, 2 rejected" \
	"$F/reimport-invalid-row.csv" --skip-invalid
expect_eq "skip-invalid: rejected rows reported" "2" "$(grep -c ': error: ' "$T/err")"
expect_eq "skip-invalid: people" "6003|Cissi Cron|Socialförvaltningen/Hemtjänst Syd|coordinator|1
6004|David Dahl|Socialförvaltningen/Hemtjänst Norr|staff|1" "$(people | grep -E '^600[34]')"
expect_eq "skip-invalid: nobody deactivated" "10" "$(sqlite3 "$DB" "SELECT count(*) FROM person WHERE active")"

fresh
ok_import "skip-invalid on bad rows" "2 added, 0 updated, 0 deactivated, 5 rejected" \
	"$F/bad-rows.csv" --skip-invalid
expect_eq "skip-invalid on bad rows: people" "9001|Anna Ahl|IT|staff|1
9007|Gun Gran|Ekonomi|coordinator|1" "$(people)"
expect_eq "skip-invalid on bad rows: units" "Ekonomi
IT" "$(units)"

# --- partial roster -------------------------------------------------------------

fresh
ok_import "partial: base" "20 added, 0 updated, 0 deactivated, 0 rejected" "$F/partial-base.csv"
refused "partial: stopped" partial.csv ""
grep -q "8 of the 20 active people (40%) are not in the roster" "$T/err" &&
	grep -q -- "--force" "$T/err" && pass "partial: says why and how" ||
	fail "partial: says why and how" "$(cat "$T/err")"
refused "partial: dry run stopped too" partial.csv "" --dry-run
ok_import "partial: --force --dry-run" "0 added, 0 updated, 8 deactivated, 0 rejected" \
	"$F/partial.csv" --force --dry-run
expect_eq "partial: still 20 active" "20" "$(sqlite3 "$DB" "SELECT count(*) FROM person WHERE active")"
ok_import "partial: --force" "0 added, 0 updated, 8 deactivated, 0 rejected" "$F/partial.csv" --force
expect_eq "partial: 12 active, 20 kept" "12|20" \
	"$(sqlite3 "$DB" "SELECT sum(active), count(*) FROM person")"

# The thresholds: 5 leavers are fine however few people there are; of 60,
# 6 (10%) are fine and 7 are not.
fresh
import "$F/partial-base.csv"
head -n 16 "$F/partial-base.csv" >"$T/fifteen.csv"
ok_import "partial: 5 of 20 may leave" "0 added, 0 updated, 5 deactivated, 0 rejected" "$T/fifteen.csv"
fresh
{
	echo "anstnr;namn;enhet"
	for i in $(seq 1 60); do echo "$((1000 + i));Person $i;Lag $((i % 4))"; done
} >"$T/sixty.csv"
import "$T/sixty.csv"
head -n 54 "$T/sixty.csv" >"$T/fifty-three.csv"
head -n 55 "$T/sixty.csv" >"$T/fifty-four.csv"
import "$T/fifty-three.csv"
expect_eq "partial: 7 of 60 refused" 1 "$rc"
ok_import "partial: 6 of 60 accepted" "0 added, 0 updated, 6 deactivated, 0 rejected" \
	"$T/fifty-four.csv"

# --- bad rosters ----------------------------------------------------------------
# Each on a database that already holds people, so "unchanged" means something.

fresh
import "$F/reimport-1.csv"
refused "missing column" bad-missing-column.csv \
	"$F/bad-missing-column.csv:1:1: error: no unit column (enhet or unit)"
refused "empty employee number" bad-empty-employee.csv \
	"$F/bad-empty-employee.csv:4:1: error: empty employee number"
refused "same employee number twice" bad-duplicate.csv \
	"$F/bad-duplicate.csv:2:2: error: employee number '8001' is on line 5 too
$F/bad-duplicate.csv:5:2: error: employee number '8001' is already on line 2"
refused "invalid UTF-8" bad-invalid-utf8.csv \
	"$F/bad-invalid-utf8.csv:3:2: error: invalid UTF-8 (byte 0xC3); the file is neither UTF-8 nor Windows-1252"
refused "over-long field" bad-long-field.csv \
	"$F/bad-long-field.csv:3:4: error: field is longer than 1000 characters"
refused "empty file" bad-empty.csv "$F/bad-empty.csv:1:1: error: the file is empty"
refused "only a header" bad-header-only.csv \
	"$F/bad-header-only.csv:2:1: error: no people after the header"
refused "control characters" bad-control.csv \
	"$F/bad-control.csv:3:2: error: the name holds a control or direction character (U+202E), which could change what the kiosk shows: 'Bo U+202EGREBU+202C Berg'
$F/bad-control.csv:4:2: error: the name holds a control or direction character (U+001B), which could change what the kiosk shows: 'CeciliaU+001B[2J Cron'
$F/bad-control.csv:5:3: error: the unit holds a control or direction character (U+0085), which could change what the kiosk shows: 'ITU+0085/Drift'"
if LC_ALL=C grep -q $'\xe2\x80\xae\|\x1b' "$T/err"; then
	fail "control characters: not echoed" "$(cat -v "$T/err")"
else
	pass "control characters: not echoed"
fi
refused "line numbers after quoted newlines" bad-after-newline.csv \
	"$F/bad-after-newline.csv:5:1: error: empty employee number"
refused "stray quote" bad-quote.csv \
	"$F/bad-quote.csv:3:2: error: a quote inside an unquoted field, or text after a closing quote (quote the whole field and double any quotes in it)"
refused "unclosed quote" bad-unclosed-quote.csv \
	"$F/bad-unclosed-quote.csv:3:2: error: a quoted field that is never closed starts here"
refused "bad rows" bad-rows.csv \
	"$F/bad-rows.csv:3:4: error: unknown role 'chef' (use medarbetare/staff, samordnare/coordinator or administratör/admin)
$F/bad-rows.csv:4:2: error: empty name
$F/bad-rows.csv:5:3: error: the row ends after 2 fields, without the unit (column 3)
$F/bad-rows.csv:6:3: error: unit path 'IT//Drift' has an empty part
$F/bad-rows.csv:7:5: error: the row has 5 fields but the header only 4 (a delimiter inside an unquoted value?)"
expect_eq "bad rows: counts on stdout" "0 added, 0 updated, 0 deactivated, 5 rejected" "$(last_line)"
refused "bad rows, dry run" bad-rows.csv "$(grep -v '^vaksam: ' "$T/err")" --dry-run
refused "missing file" no-such-file.csv "$F/no-such-file.csv: error: cannot open: No such file or directory"

# --- usage ------------------------------------------------------------------------

vk staff import --help
expect_eq "--help: exit" 0 "$rc"
grep -q "^usage: vaksam staff import FILE.csv" "$T/out" && pass "--help: usage" || fail "--help: usage" "$(cat "$T/out")"
vk staff help import
grep -q "^usage: vaksam staff import FILE.csv" "$T/out" && pass "help import: usage" || fail "help import: usage" "$(cat "$T/out")"
import
expect_eq "no file: exit" 2 "$rc"
import "$F/english.csv" --frobnicate
expect_eq "unknown option: exit" 2 "$rc"
import "$F/english.csv" "$F/english.csv"
expect_eq "two files: exit" 2 "$rc"
vk staff import "$F/english.csv" --db "$T/none.db"
expect_eq "no database: exit" 1 "$rc"
check "no database: not created" test ! -e "$T/none.db"
