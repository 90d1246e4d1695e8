#!/bin/bash
# `report csv`, `report items` and `report pdf` end to end on a generated
# history: the CSV format (BOM, ';', decimal comma, the documented columns,
# the options for other tools, formula neutralising, LibreOffice reads it),
# small-group suppression (a unit of 4 shows no figure in any CSV or in the
# PDF; no hidden figure can be worked out from the shown ones), the PDF
# (qpdf --check, renders, its headline figures equal the CSV rows), output
# files (0600, no symlinks, missing folders), the audit entry, and bad input.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/measure.lib"

db=$T/r.db
if gen_db "$db" 200 2 9; then pass "a generated history"; else fail "generate" "see above"; exit 1; fi
q() { sqlite3 "$db" "$1"; }

# A unit of four people with a history: four people move there.
q "INSERT INTO unit (parent_id, name, path, created) SELECT id, 'Fyrklövern',
	path || '/Fyrklövern', '2024-01-01T00:00:00Z' FROM unit WHERE path = 'Kommunstyrelseförvaltningen';
   UPDATE person SET unit_id = (SELECT id FROM unit WHERE path LIKE '%/Fyrklövern')
	WHERE id IN (SELECT p.id FROM person p WHERE p.active AND p.role = 'staff'
	AND EXISTS (SELECT 1 FROM attempt a WHERE a.person_id = p.id AND a.finished > '2025-01-01')
	ORDER BY p.id LIMIT 4);"
small="Kommunstyrelseförvaltningen/Fyrklövern"
expect_eq "the small unit has 4 people" 4 "$(q "SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.path = '$small'")"

# --- CSV: each kind -------------------------------------------------------------
declare -A header=(
	[completion]='"period";"date";"unit";"course";"course_title";"assigned";"passed";"overdue";"refresh_due";"completion_pct";"suppressed"'
	[levels]='"period";"from";"to";"unit";"topic";"topic_name";"people";"level_pct";"suppressed"'
	[gains]='"period";"from";"to";"unit";"course";"course_title";"people";"pre_pct";"post_pct";"normalised_gain";"suppressed"'
	[items]='"course";"question";"version";"current";"topic";"type";"attempts";"facility_pct";"sd_pct";"discrimination";"efficiency_pct";"flags";"course_attempts";"alpha";"error_ratio_pct";"standard_error_pct";"stem"'
	[survey]='"round";"opens";"closes";"unit";"scale_type";"scale";"scale_name";"sheets";"mean";"favourable_pct";"suppressed"'
	[responses]='"attempt";"course";"question";"version";"topic";"kind";"source";"answered";"mark";"unit"'
)
for kind in completion levels gains items survey responses; do
	f=$T/$kind.csv
	vk report csv $kind --db "$db" -o "$f"
	expect_eq "csv $kind exits 0" 0 "$rc"
	expect_eq "csv $kind starts with a UTF-8 BOM" "efbbbf" "$(head -c 3 "$f" | od -An -tx1 | tr -d ' \n')"
	expect_eq "csv $kind header" "${header[$kind]}" "$(head -1 "$f" | tail -c +4 | tr -d '\r')"
	check "csv $kind ends lines with CRLF" test "$(grep -c $'\r$' "$f")" = "$(wc -l <"$f")"
	expect_eq "csv $kind is 0600" 600 "$(stat -c %a "$f")"
	check "csv $kind has rows" test "$(csv_rows "$f")" -gt 0
done
units=$(($(q "SELECT count(*) FROM unit") + 1))
courses=$(q "SELECT count(*) FROM course WHERE translation_of IS NULL AND NOT retired")
topics=$(q "SELECT count(DISTINCT topic) FROM question WHERE topic IS NOT NULL")
expect_eq "completion: both periods x units x (courses + total)" $((2 * units * (courses + 1))) "$(csv_rows "$T/completion.csv")"
expect_eq "levels: both periods x units x (topics + all), and 8 quarters" \
	$((2 * units * (topics + 1) + 8 * (topics + 1))) "$(csv_rows "$T/levels.csv")"
check "numbers have a decimal comma" grep -q ';[0-9]*,[0-9];0' "$T/completion.csv"
expect_eq "responses: one row per scored response of the period" \
	"$(q "SELECT count(*) FROM response WHERE mark >= 0 AND answered >= '2024-11-16' AND answered < '2025-11-16'")" \
	"$(csv_rows "$T/responses.csv")"
emp=$(q "SELECT employee_no FROM person WHERE active LIMIT 1 OFFSET 7")
name=$(q "SELECT name FROM person WHERE active LIMIT 1 OFFSET 7")
check "responses name no employee number" bash -c "! grep -q '\"$emp\"' '$T/responses.csv'"
check "responses name no person" bash -c "! grep -q '$name' '$T/responses.csv'"
check "responses never name the small unit" bash -c "! grep -q 'Fyrklövern' '$T/responses.csv'"

# --- suppression ----------------------------------------------------------------
for kind in completion levels gains survey; do
	out=$(csv_py "$T/$kind.csv" "
n = {'completion': 'assigned', 'levels': 'people', 'gains': 'people', 'survey': 'sheets'}['$kind']
bad = [r for r in rows if r['unit'] == '$small' and r['suppressed'] != '1' and r[n] not in ('', '0')]
print(len([r for r in rows if r['unit'] == '$small']), len(bad))")
	set -- $out
	check "$kind: the small unit has rows" test "${1:-0}" -gt 0
	expect_eq "$kind: the small unit shows no figure" 0 "${2:-x}"
done
expect_eq "hidden figures are empty cells" 0 "$(csv_py "$T/completion.csv" "
print(len([r for r in rows if r['suppressed'] == '1' and (r['assigned'] or r['completion_pct'])]))")"
# No hidden figure can be derived: for every shown figure, the figure minus its
# shown sub-units covers nobody or at least 5 people (own people included).
for kind in completion levels gains survey; do
	expect_eq "$kind: what a shown figure minus its shown children covers is 0 or >= 5" "[]" \
		"$(csv_py "$T/$kind.csv" "
org = rows[0]['unit']
n = {'completion': 'assigned', 'levels': 'people', 'gains': 'people', 'survey': 'sheets'}['$kind']
key = {'completion': ('period', 'course'), 'levels': ('period', 'from', 'topic'), 'gains': ('period', 'course'), 'survey': ('round', 'scale_type', 'scale')}['$kind']
def parent(u):
    return org if '/' not in u else u.rsplit('/', 1)[0]
groups = {}
for r in rows:
    groups.setdefault(tuple(r[k] for k in key), []).append(r)
bad = []
for g, rs in groups.items():
    shown = {r['unit']: int(r[n]) for r in rs if r['suppressed'] == '0' and r[n] != ''}
    for u, v in shown.items():
        kids = [w for r in rs for w in [r['unit']] if w != org and w != u and parent(w) == u and w in shown] if u != org else [w for w in shown if w != org and '/' not in w]
        rest = v - sum(shown[k] for k in kids)
        if 0 < rest < 5:
            bad.append((g, u, rest))
print(bad[:3])")"
done
check "some figures are hidden to protect others (dold)" test "$(csv_py "$T/levels.csv" "print(sum(1 for r in rows if r['suppressed'] == '1' and r['people'] == ''))")" -gt 0

# --- options for other tools ------------------------------------------------------
vk report csv completion --no-bom --delimiter , --decimal-point --db "$db" -o "$T/c2.csv"
expect_eq "--no-bom --delimiter , --decimal-point" 0 "$rc"
expect_eq "... no BOM" '"period"' "$(head -c 8 "$T/c2.csv")"
check "... commas and decimal points" grep -q ',[0-9]*\.[0-9],0' "$T/c2.csv"
expect_eq "... the same figures" "$(csv_py "$T/completion.csv" "print([[v.replace(',', '.') if k.endswith('_pct') else v for k, v in r.items()] for r in rows])" | md5sum)" \
	"$(python3 -c "import csv, sys; print([list(r.values()) for r in csv.DictReader(open(sys.argv[1], newline=''))])" "$T/c2.csv" | md5sum)"
vk report csv completion --delimiter , --db "$db"
expect_eq "a comma delimiter needs --decimal-point" 2 "$rc"
vk report csv levels --db "$db"
expect_eq "csv to stdout without -o" 0 "$rc"
expect_eq "... the same as the file" "$(md5sum <"$T/levels.csv")" "$(md5sum <"$T/out")"

# Formula neutralising: text cells, never numbers.
"$VAKSAM" config set organisation "=HYPERLINK(\"http://x\")" --db "$db" >/dev/null
vk report csv completion --db "$db" -o "$T/c3.csv"
check "a text cell starting with = gets an apostrophe" grep -q '"'"'"'=HYPERLINK(""http://x"")"' "$T/c3.csv"
expect_eq "numbers are never neutralised" 0 "$(grep -c ";'" "$T/c3.csv")"
"$VAKSAM" config set organisation "Exempelkommunen" --db "$db" >/dev/null

# LibreOffice, reading as Swedish Excel does (';', UTF-8, language sv-SE = 1053),
# finds the right rows and columns, and the share as a number.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$T/lo"
	(cd "$T/lo" && HOME=$T/lo timeout 180 soffice --headless --infilter="CSV:59,34,76,1,,1053" \
		--convert-to xlsx "$T/completion.csv" --outdir "$T/lo" >/dev/null 2>&1)
	if [ -f "$T/lo/completion.xlsx" ]; then
		expect_eq "LibreOffice: rows, columns, and the share is a number" \
			"$(wc -l <"$T/completion.csv") 11 n" \
			"$(python3 - "$T/lo/completion.xlsx" <<'EOF'
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml').decode()
rows = re.findall(r'<row [^>]*>(.*?)</row>', x, re.S)
first = re.findall(r'<c r="([A-Z]+)1"', x)
cell = re.search(r'<c r="J2"([^>]*)>', x)
print(len(rows), len(first), 's' if cell and 't="s"' in cell.group(1) else 'n')
EOF
)"
	else
		fail "LibreOffice converts the CSV" "no xlsx written"
	fi
else
	pass "LibreOffice check skipped: soffice not installed (libreoffice-calc-nogui)"
fi

# --- report items ---------------------------------------------------------------
vk report items losenord --db "$db"
expect_eq "report items" 0 "$rc"
check "... a header row" grep -q '^#  *question  *v  *n  *facility  *sd  *disc  *eff  *flags' "$T/out"
expect_eq "... one row per question answered" \
	"$(q "SELECT count(*) FROM question_version v JOIN question q ON q.id = v.question_id JOIN course c ON c.id = q.course_id WHERE c.slug = 'losenord' AND v.type NOT IN ('essay', 'description') AND EXISTS (SELECT 1 FROM response r WHERE r.question_version_id = v.id)")" \
	"$(grep -Ec '^ *[0-9]+  ' "$T/out")"
check "... Cronbach's alpha" grep -q "Cronbach's alpha: 0\.[0-9]" "$T/out"
vk report items losenord --csv --db "$db"
expect_eq "report items --csv" "${header[items]}" "$(head -1 "$T/out" | tail -c +4 | tr -d '\r')"
vk report items nosuch --db "$db"
expect_eq "report items of an unknown course" 1 "$rc"
vk report items --db "$db"
expect_eq "report items needs a course" 2 "$rc"

# --- scope -----------------------------------------------------------------------
vk report csv levels --unit Socialförvaltningen --db "$db" -o "$T/l2.csv"
expect_eq "--unit limits the rows to the unit and below" 0 "$(csv_py "$T/l2.csv" "
print(len([r for r in rows if not r['unit'].startswith('Socialförvaltningen')]))")"
vk report csv levels --unit Ingenstans --db "$db"
expect_eq "an unknown unit is refused" 1 "$rc"

# --- the PDF ---------------------------------------------------------------------
pdf=$T/r.pdf
vk report pdf --db "$db" -o "$pdf"
expect_eq "report pdf" 0 "$rc"
expect_eq "... prints the path" "$pdf" "$(cat "$T/out")"
check "... passes qpdf --check" qpdf --check "$pdf"
# qpdf does not parse page contents; poppler does, and says "Syntax Error" for
# a broken operator (a NaN coordinate once came out as garbage on the gains page).
expect_eq "... every page's content parses" 0 "$(pdftotext "$pdf" /dev/null 2>&1 | grep -c 'Syntax Error')"
expect_eq "... is 0600" 600 "$(stat -c %a "$pdf")"
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
check "... at least 8 pages" test "${pages:-0}" -ge 8
pdftoppm -r 40 -png "$pdf" "$T/page" 2>/dev/null
expect_eq "... every page renders" "$pages" "$(ls "$T"/page-*.png 2>/dev/null | wc -l)"
txt=$(pdftotext -layout "$pdf" - 2>/dev/null)
for want in "Bilaga till ledningens genomgång – Exempelkommunen" "Genomförande per enhet" \
	"Kunskapsnivå per enhet och ämne" "Kunskapsnivå över tid" "Förbättring i kurserna" \
	"Säkerhetskultur" "Frågor att se över" "Metod" "Små grupper" "färre än 5"; do
	case "$txt" in *"$want"*) pass "pdf text: $want" ;; *) fail "pdf text: $want" "not in pdftotext" ;; esac
done
check "pdf metadata title" grep -q "^Title: *Informationssäkerhet – kunskap, genomförande och kultur" <<<"$(pdfinfo "$pdf" 2>/dev/null)"
expect_eq "the small unit shows no figure in the PDF" "" \
	"$(grep 'Fyrklövern' <<<"$txt" | grep -E '[0-9]+,[0-9]|[0-9]{2,}')"
check "the small unit is marked 'färre än 5'" grep -q 'Fyrklövern *färre än 5' <<<"$txt"
# The headline figures are rows of the CSVs.
share=$(csv_py "$T/completion.csv" "print(next(r['completion_pct'] for r in rows if r['period'] == 'current' and r['course'] == 'all' and r['unit'] == 'Exempelkommunen'))")
level=$(csv_py "$T/levels.csv" "print(next(r['level_pct'] for r in rows if r['period'] == 'current' and r['topic'] == 'all' and r['unit'] == 'Exempelkommunen'))")
gain=$(csv_py "$T/gains.csv" "print(next(r['normalised_gain'] for r in rows if r['period'] == 'current' and r['course'] == 'all'))")
mean=$(csv_py "$T/survey.csv" "print(next(r['mean'] for r in rows if r['scale'] == 'all' and r['unit'] == 'Exempelkommunen'))")
page1=$(pdftotext -layout -f 1 -l 1 "$pdf" - 2>/dev/null)
# A pooled total over courses may be hidden in a small organisation.
[ -n "$gain" ] && gain="g = $gain" || gain="dold"
for fig in "$share %" "$level %" "$gain" "$mean av 5"; do
	case "$page1" in *"$fig"*) pass "headline figure $fig is in the CSV" ;; *) fail "headline figure $fig" "not on page 1" ;; esac
done
check "the audit log records the exports" test "$(q "SELECT count(*) FROM audit WHERE action = 'report.export'")" -ge 9
(cd "$T" && "$VAKSAM" report pdf --db "$db" >/dev/null 2>&1)
check "the default file name is report-DATE.pdf" test -f "$T/report-2025-11-15.pdf"
vk report pdf --unit Socialförvaltningen --from 2025-01-01 --to 2025-06-30 --db "$db" -o "$T/s.pdf"
expect_eq "report pdf for a unit and a period" 0 "$rc"
check "... names them" grep -q "Socialförvaltningen. Period: 1 januari 2025 – 30 juni 2025" <<<"$(pdftotext -f 1 -l 1 "$T/s.pdf" - 2>/dev/null | tr '\n' ' ')"

# --- bad input -------------------------------------------------------------------
vk report csv nosuch --db "$db"
expect_eq "an unknown kind is a usage error" 2 "$rc"
vk report csv levels --from 2025-13-01 --db "$db"
expect_eq "a bad date is a usage error" 2 "$rc"
vk report csv levels --from 2025-06-01 --to 2025-01-01 --db "$db"
expect_eq "--from after --to is a usage error" 2 "$rc"
vk report pdf --db "$db" -o "$T/nofolder/r.pdf"
expect_eq "an output in a missing folder is refused" 1 "$rc"
ln -s "$T/elsewhere.csv" "$T/link.csv"
vk report csv levels --db "$db" -o "$T/link.csv"
expect_eq "an output that is a symbolic link is refused" 1 "$rc"
check "... and nothing is written through it" test ! -e "$T/elsewhere.csv"
vk report pdf --db "$T/missing.db"
expect_eq "a missing database is refused" 1 "$rc"
