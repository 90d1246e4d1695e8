#!/bin/bash
# Paper quizzes end to end: print a unit's sheets (recorded with course,
# version, person or unit; QR codes decode to the recorded codes), key the
# answers back with `paper import` (CSV as Swedish Excel writes it), and find
# paper attempts scored like kiosk attempts, a completion for a passed
# personal sheet, none for an anonymous one; the same sheet again is refused;
# bad CSV names line and column and writes nothing; a sheet of an older
# course version scores against the version printed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/print.lib"

print_db || exit 1
mkdir -p "$T/pdf"
unit="Socialförvaltningen/Hemtjänst Söder"
q() { sqlite3 "$db" "$1"; }
unit_id=$(q "SELECT id FROM unit WHERE path = '$unit'")
mk_course "$T/c" pappersprov "Pappersprov för hemtjänsten" 1
vk content build "$T/c" --db "$db"
expect_eq "fixture course builds" 0 "$rc"

# --- printing ---------------------------------------------------------------------
vk print quiz pappersprov --db "$db"
expect_eq "quiz without --unit: usage error" 2 "$rc"
vk print quiz ingen-kurs --unit "$unit" --db "$db"
expect_eq "quiz of an unknown course refused" 1 "$rc"
vk print quiz pappersprov --unit "Ingen/Sådan" --db "$db"
expect_eq "quiz for an unknown unit refused" 1 "$rc"
q "INSERT INTO unit (parent_id, name, path, created) VALUES (NULL, 'Tom', 'Tom', '2026-01-01T00:00:00Z')"
vk print quiz pappersprov --unit Tom --db "$db"
expect_eq "quiz for an empty unit refused" 1 "$rc"
check "empty unit: anonymous sheets suggested" grep -q "no active people.*--anonymous" "$T/err"
vk print quiz pappersprov --unit "$unit" --anonymous 0 --db "$db"
expect_eq "--anonymous 0: usage error" 2 "$rc"
expect_eq "no sheet recorded by refusals" 0 "$(q 'SELECT count(*) FROM paper_sheet')"

vkin "$T/pdf" print quiz pappersprov --unit "$unit" --db "$db"
expect_eq "quiz sheets printed" 0 "$rc"
sheets=$T/pdf/quiz-pappersprov-hemtjanst-soder.pdf
expect_eq "quiz default path" "quiz-pappersprov-hemtjanst-soder.pdf" "$(cat "$T/out")"
n_people=$(q "SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.active AND u.path = '$unit'")
expect_eq "a sheet per person, recorded" "$n_people" "$(q 'SELECT count(*) FROM paper_sheet')"
expect_eq "sheets record the people of the unit" \
	"$(q "SELECT p.id FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.active AND u.path = '$unit' ORDER BY p.id")" \
	"$(q 'SELECT person_id FROM paper_sheet ORDER BY person_id')"
expect_eq "sheets record course and version" "pappersprov|1|75" \
	"$(q 'SELECT DISTINCT c.slug, s.course_version, s.pass_mark FROM paper_sheet s JOIN course c ON c.id = s.course_id')"
expect_eq "essays and descriptions stay off paper" 7 \
	"$(q "SELECT DISTINCT json_array_length(plan, '\$.items') FROM paper_sheet")"
expect_eq "sheet QR codes decode to the recorded codes, in order" \
	"$(q 'SELECT code FROM paper_sheet ORDER BY id')" "$(qr "$sheets")"
expect_eq "sheet codes are VKS codes" "" "$(q 'SELECT code FROM paper_sheet' | grep -Ev '^VKS[0-9A-Z]{9}$')"
check "quiz sheets pass qpdf" qpdf --check "$sheets"
expect_eq "quiz sheets are 0600" 600 "$(stat -c %a "$sheets")"
txt=$(pdftext "$sheets")
while IFS='|' read -r name code; do
	case "$txt" in *"Namn: $name"*) pass "sheet names $name" ;; *) fail "sheet names $name" ;; esac
	g=$(sed -E 's/(....)/\1 /g; s/ $//' <<<"$code")
	case "$txt" in *"$g"*) pass "sheet prints its code $g" ;; *) fail "sheet prints its code $g" ;; esac
done < <(q "SELECT p.name, s.code FROM paper_sheet s JOIN person p ON p.id = s.person_id")
for want in "Kunskapstest på papper" "Pappersprov för hemtjänsten" "Sant" "Falskt" \
	"Svar att välja" "Flera svar kan vara rätt" "Svar och förklaringar" "Rätt svar:" \
	"Lämnas ut när provbladet är inlämnat" "Enhet: Socialförvaltningen / Hemtjänst Söder"; do
	case "$txt" in *"$want"*) pass "sheet text: $want" ;; *) fail "sheet text: $want" ;; esac
done
case "$txt" in *"Beskriv med egna ord"*) fail "no essay on paper" ;; *) pass "no essay on paper" ;; esac
pages_total=$(pages "$sheets")
expect_eq "sheets and explanations on leaves of their own (even page count)" 0 "$((pages_total % 2))"
expect_eq "print audited" 1 "$(q "SELECT count(*) FROM audit WHERE action = 'print.quiz'")"

vk print quiz pappersprov --unit "$unit" --anonymous 3 -o "$T/pdf/anon.pdf" --db "$db"
expect_eq "anonymous sheets printed" 0 "$rc"
expect_eq "anonymous sheets recorded for the unit" "3|$unit_id" \
	"$(q 'SELECT count(*), unit_id FROM paper_sheet WHERE person_id IS NULL')"
expect_eq "anonymous QR codes" "$(q 'SELECT code FROM paper_sheet WHERE person_id IS NULL ORDER BY id')" \
	"$(qr "$T/pdf/anon.pdf")"
case "$(pdftext "$T/pdf/anon.pdf")" in *"Anonymt blad"*) pass "anonymous sheet says so" ;; *) fail "anonymous sheet says so" ;; esac

# --- the round trip ---------------------------------------------------------------
mapfile -t personal < <(q 'SELECT code FROM paper_sheet WHERE person_id IS NOT NULL ORDER BY id')
mapfile -t anon < <(q 'SELECT code FROM paper_sheet WHERE person_id IS NULL ORDER BY id')
s1=${personal[0]}
s1_person=$(q "SELECT person_id FROM paper_sheet WHERE code = '$s1'")
# As Swedish Excel saves "CSV UTF-8": BOM, ';', CRLF, a header row.
{
	printf '\xef\xbb\xbfBladkod;F1;F2;F3;F4;F5;F6;F7\r\n'
	printf '%s\r\n' "$(right_keys "$s1")"
	printf '%s\r\n' "$(wrong_keys "${anon[0]}")"
} >"$T/round.csv"
vk paper import "$T/round.csv" --db "$db"
expect_eq "paper import exits 0" 0 "$rc"
check "import lists the personal sheet" grep -qP "^$s1\t[0-9]+\tpappersprov\t100.00\tpassed$" "$T/out"
check "import lists the anonymous sheet" grep -qP "^${anon[0]}\tanonymous\tpappersprov\t0.00\tnot passed$" "$T/out"
expect_eq "import ends with the total" "2 sheets entered, 1 passed, 1 completions" "$(tail -1 "$T/out")"
a1=$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s1'")
expect_eq "personal paper attempt" "$s1_person|$unit_id|1|quiz|paper|100.0|1" \
	"$(q "SELECT person_id, unit_id, course_version, kind, source, score, passed FROM attempt WHERE id = $a1")"
expect_eq "attempt finished" 1 "$(q "SELECT finished IS NOT NULL FROM attempt WHERE id = $a1")"
expect_eq "a response per printed question, full marks" "7|7.0" \
	"$(q "SELECT count(*), sum(mark) FROM response WHERE attempt_id = $a1")"
expect_eq "responses answer the versions printed" 0 \
	"$(q "SELECT count(*) FROM response r WHERE r.attempt_id = $a1 AND r.question_version_id NOT IN (SELECT json_extract(j.value, '\$.v') FROM paper_sheet s, json_each(s.plan, '\$.items') j WHERE s.code = '$s1')")"
expect_eq "the passed personal sheet completes the course" "$s1_person|$a1|100.0" \
	"$(q "SELECT c.person_id, c.attempt_id, c.score FROM completion c JOIN course k ON k.id = c.course_id WHERE k.slug = 'pappersprov'")"
a2=$(q "SELECT attempt_id FROM paper_sheet WHERE code = '${anon[0]}'")
expect_eq "anonymous paper attempt counts for the unit only" "|$unit_id|paper|0.0|0" \
	"$(q "SELECT person_id, unit_id, source, score, passed FROM attempt WHERE id = $a2")"
expect_eq "one completion only" 1 "$(q 'SELECT count(*) FROM completion')"
expect_eq "entry audited" 2 "$(q "SELECT count(*) FROM audit WHERE action = 'paper.entry'")"
# Stored answers decode as the kiosk's do (attempt_answer_to_json).
check "single-choice answer stored as chosen index" sh -c \
	"sqlite3 '$db' \"SELECT answer FROM response WHERE attempt_id = $a1 AND position = 0\" | grep -Eq '^\\{\"chosen\":\\[[0-9]+\\]\\}\$'"
check "short answer stored as text" sh -c \
	"sqlite3 '$db' \"SELECT answer FROM response WHERE attempt_id = $a1 AND position = 4\" | grep -q 'nätfiske'"

# Paper answers count in the same measurement as the kiosk's.
vk report csv responses -o "$T/responses.csv" --db "$db"
expect_eq "report csv responses works" 0 "$rc"
expect_eq "paper answers reach the measurement" 14 "$(grep -c ';"paper";' "$T/responses.csv")"

before=$(dbdump "$db")
vk paper import "$T/round.csv" --db "$db"
expect_eq "the same sheets again refused" 1 "$rc"
check "already entered said, with line and column" grep -q "round.csv:2:1: error: sheet $s1 was already entered" "$T/err"
check "every refused row reported" grep -q "round.csv:3:1: error: sheet ${anon[0]} was already entered" "$T/err"
expect_eq "nothing written the second time" "$before" "$(dbdump "$db")"

# --- bad input: line and column, nothing written -----------------------------------------
s2=${personal[1]}
good2=$(right_keys "$s2")
bad_csv() { # NAME EXPECTED-DIAGNOSTIC CONTENT
	printf '%s' "$3" >"$T/bad.csv"
	before=$(dbdump "$db")
	vk paper import "$T/bad.csv" --db "$db"
	expect_eq "$1: refused" 1 "$rc"
	if grep -qF -- "$2" "$T/err"; then pass "$1: says $2"; else fail "$1: says $2" "$(cat "$T/err")"; fi
	expect_eq "$1: nothing written" "$before" "$(dbdump "$db")"
}
unknown=$(python3 - <<'EOF'
A = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
body = 'VKSZZZZZZZZ'
p = 36
for c in body:
    t = (p + A.index(c)) % 36
    p = ((t or 36) * 2) % 37
print(body + A[(1 - p) % 36])
EOF
)
bad_csv "unknown sheet" "bad.csv:1:1: error: no sheet '$unknown'" "$unknown;A;A;A;AAA;x;1;A
"
mistyped="${s2:0:11}$( [ "${s2:11:1}" = A ] && echo B || echo A)"
bad_csv "mistyped sheet code" "bad.csv:2:1: error: sheet code '$mistyped' is mistyped" "$good2
$mistyped;A;A;A;AAA;x;1;A
"
bad_csv "not a sheet code" "bad.csv:1:1: error: 'hej' is not a sheet code" "hej;A
"
bad_csv "unknown box letter" "bad.csv:1:2: error: question 1: 'Z' is not a box of this question" \
	"$(sed -E 's/^([^;]*);[^;]*/\1;Z/' <<<"$good2")
"
bad_csv "too few answers" "bad.csv:1:5: error: sheet $s2 has 7 questions, but the row has 3 answers" \
	"$(cut -d';' -f1-4 <<<"$good2")
"
bad_csv "too many answers" "bad.csv:1:9: error: sheet $s2 has 7 questions, but the row has 8 answers" "$good2;A
"
bad_csv "matching needs a letter per item" "bad.csv:1:5: error: question 4: a matching question needs 3 letters" \
	"$(awk -F';' -v OFS=';' '{$5="AB"; print}' <<<"$good2")
"
bad_csv "a letter twice" "bad.csv:1:3: error: question 2: 'A' is given twice" \
	"$(awk -F';' -v OFS=';' '{$3="AA"; print}' <<<"$good2")
"
bad_csv "the same sheet twice" "bad.csv:3:1: error: sheet $s2 is on line 1 too" "$good2

$good2
"
bad_csv "empty file" "bad.csv:1:1: error: the file is empty" "
"
bad_csv "broken quoting" "bad.csv:1:" "$s2;\"A;B
"
bad_csv "a good row and a bad one" "bad.csv:2:1: error: no sheet" "$good2
$unknown;A
"
expect_eq "the good row of a refused file was not entered" "" "$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s2'")"
vk paper import "$T/missing.csv" --db "$db"
expect_eq "a missing file refused" 1 "$rc"
vk paper import --db "$db"
expect_eq "import without a file: usage error" 2 "$rc"

# --- scoring as the kiosk does: partial marks, several boxes on a single choice ----------------
# Multiple answers with one of the two right boxes: 0.5; the rest right.
partial=$(python3 - "$good2" <<'EOF'
import sys
f = sys.argv[1].split(';')
f[2] = f[2][:1]          # question 2 (multi): one right box of two
print(';'.join(f))
EOF
)
printf '%s\n' "$partial" | iconv -f UTF-8 -t WINDOWS-1252 >"$T/partial.csv"
vk paper import "$T/partial.csv" --db "$db"
expect_eq "Windows-1252 CSV imports" 0 "$rc"
a3=$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s2'")
expect_eq "half a mark for half the boxes" "0.5" "$(q "SELECT mark FROM response WHERE attempt_id = $a3 AND position = 1")"
expect_eq "score over the printed questions" "92.86|1" "$(q "SELECT score, passed FROM attempt WHERE id = $a3")"
s3=${personal[2]}
spoilt=$(right_keys "$s3" | awk -F';' -v OFS=';' '{$2="AB"; print}')
printf 'blad,f1,f2,f3,f4,f5,f6,f7\n%s\n' "$(tr ';' ',' <<<"$spoilt")" >"$T/spoilt.csv"
vk paper import "$T/spoilt.csv" --db "$db"
expect_eq "comma-separated CSV imports" 0 "$rc"
a4=$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s3'")
expect_eq "two boxes on a single choice score 0" "0.0" "$(q "SELECT mark FROM response WHERE attempt_id = $a4 AND position = 0")"

# --- an older course version scores against the version printed -----------------------------
s4=${personal[3]:-${anon[1]}}
old_keys=$(right_keys "$s4")
old_version=$(q "SELECT json_extract(plan, '\$.items[0].v') FROM paper_sheet WHERE code = '$s4'")
rm -rf "$T/c"
mk_course "$T/c" pappersprov "Pappersprov för hemtjänsten" 2 v2
vk content build "$T/c" --db "$db"
expect_eq "version 2 builds" 0 "$rc"
expect_eq "the changed question has a new version" 2 \
	"$(q "SELECT q.current_version FROM question q JOIN course c ON c.id = q.course_id WHERE c.slug = 'pappersprov' AND q.name = 'en-ratt'")"
new_version=$(q "SELECT qv.id FROM question q JOIN question_version qv ON qv.question_id = q.id AND qv.version = q.current_version JOIN course c ON c.id = q.course_id WHERE c.slug = 'pappersprov' AND q.name = 'en-ratt'")
printf '%s\n' "$old_keys" >"$T/old.csv"
vk paper import "$T/old.csv" --db "$db"
expect_eq "a version-1 sheet imports after version 2" 0 "$rc"
a5=$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s4'")
expect_eq "scored against the version printed" "1|100.0" "$(q "SELECT course_version, score FROM attempt WHERE id = $a5")"
expect_eq "the response keeps the old question version" "$old_version" \
	"$(q "SELECT question_version_id FROM response WHERE attempt_id = $a5 AND position = 0")"
[ "$old_version" != "$new_version" ] && pass "old and new versions differ" || fail "old and new versions differ"
vk print quiz pappersprov --unit "$unit" --anonymous 1 -o "$T/pdf/v2.pdf" --db "$db"
expect_eq "a new sheet after the change" "2|$new_version" \
	"$(q "SELECT course_version, json_extract(plan, '\$.items[0].v') FROM paper_sheet ORDER BY id DESC LIMIT 1")"
