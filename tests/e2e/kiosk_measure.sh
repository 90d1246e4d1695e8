#!/bin/bash
# The kiosk's measurement screens, end to end (issues 7 and 8): "Min
# kunskap" for everyone, "Min enhet" for coordinators only, and the culture
# survey, driven in tmux and read off the screen like a person would.
#
# Data, set up by hand below (today is 2025-11-15; everyone joined
# 2025-06-01, so the two all-staff fixture courses were due 2025-07-31):
#   Hemtjänst Norr (6 people: 1001-1004, 1033, coordinator 2001)
#     1001 2025-02-10 val-ett 0 | 2025-10-01 val-ett 1, flera-val 0,
#          kort-svar (incidenter) 1; passed both courses 2025-10-01
#     1002, 1004, 1033 val-ett 1; 1003 val-ett 0; 1002 passed kioskprov
#   Hemtjänst Söder (4 people: 1005-1008), each val-ett 1: a unit of 4
# By hand, 1001 over the 12 months to today: grunder (val-ett 1, flera-val
# 0) 50 % of 2 questions, incidenter 100 % of 1, all 2/3 = 67 % of 3. At
# the end of 2025-Q1, Q2 and Q3 only the 2025-02-10 answer counts: 0 %.
# Hemtjänst Norr, grunder: (0.5 + 1 + 0 + 1 + 1) / 5 = 70 % (5 people);
# incidenter has 1 person: hidden.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

SECRET=JBSWY3DPEHPK3PXP
VAKSAM_NOW=2025-06-01T08:00:00Z kiosk_db || exit 1
export VAKSAM_NOW=2025-11-15T12:00:00Z

pid() { q "SELECT id FROM person WHERE employee_no = '$1'"; }
qv() { q "SELECT v.id FROM question_version v JOIN question q ON q.id = v.question_id JOIN course c ON c.id = q.course_id WHERE c.slug = 'kioskprov' AND q.name = '$1'"; }
# answer EMPLOYEE DAY QUESTION MARK...: one finished quiz attempt with its answers.
n_att=0
answer() {
	local who=$1 day=$2 pos=0
	shift 2
	n_att=$((n_att + 1))
	q "INSERT INTO attempt (id, person_id, unit_id, course_id, course_version, kind, source, started, finished, score, passed)
	   SELECT $((1000 + n_att)), id, unit_id, (SELECT id FROM course WHERE slug = 'kioskprov'), 1, 'quiz', 'kiosk',
	   '${day}T09:00:00Z', '${day}T09:30:00Z', 0, 0 FROM person WHERE employee_no = '$who'"
	while [ $# -ge 2 ]; do
		pos=$((pos + 1))
		q "INSERT INTO response (attempt_id, question_version_id, position, answer, mark, answered)
		   VALUES ($((1000 + n_att)), $(qv "$1"), $pos, '{}', $2, '${day}T09:0${pos}:00Z')"
		shift 2
	done
}
passed() {
	q "INSERT INTO completion (person_id, course_id, passed_at, score)
	   VALUES ($(pid "$1"), (SELECT id FROM course WHERE slug = '$2'), '${3}T10:00:00Z', 100)"
}
answer 1001 2025-02-10 val-ett 0
answer 1001 2025-10-01 val-ett 1 flera-val 0 kort-svar 1
for e in 1002 1004 1033; do answer $e 2025-10-02 val-ett 1; done
answer 1003 2025-10-02 val-ett 0
for e in 1005 1006 1007 1008; do answer $e 2025-10-03 val-ett 1; done
passed 1001 kioskprov 2025-10-01
passed 1001 kioskprov-steg2 2025-10-01
passed 1002 kioskprov 2025-10-02

# What the kiosk showed, every frame read, for the checks on what must
# never be shown.
seen() { screen | tee -a "$T/seen.txt"; }
# The screen without the title line, the status line and the key bar.
body() { screen | sed -n "2,$((24 - 2))p"; }
# Everything on a scrolling screen: the view, then page after page.
whole() {
	local i=0
	body
	while screen | grep -q "(mer nedanför)" && [ $i -lt 8 ]; do
		keys NPage
		sleep 0.3
		body
		i=$((i + 1))
	done
	screen >>"$T/seen.txt"
}
totp() { oathtool --totp -b "$SECRET" --now "$(echo "$VAKSAM_NOW" | sed 's/T/ /; s/Z/ UTC/')"; }
coord_login() {
	wait_until "Anställningsnummer eller kort" || return 1
	typ 2001; keys Enter
	wait_until "PIN-kod:" || return 1
	typ 1357; keys Enter
	# The PIN check is slow on purpose (Argon2id), slower still on a loaded
	# machine under the sanitizers.
	wait_until "Skriv engångskoden" 90 || return 1
	typ "$(totp)"; keys Enter
	wait_until "Logga ut" 60 && return 0
	# Under heavy load a code typed while the PIN was still being checked
	# can be lost; an unchanged, empty field gets it once more.
	screen | grep -q "Engångskod: *$" || return 1
	typ "$(totp)"; keys Enter
	wait_until "Logga ut" 60
}
# The figure the CSV export has for a unit, topic (or course) and column.
csv_cell() { # FILE UNIT KEYCOL KEY COLUMN
	python3 - "$@" <<'PY'
import csv, sys
f, unit, keycol, key, col = sys.argv[1:]
with open(f, encoding='utf-8-sig', newline='') as fh:
    for r in csv.DictReader(fh, delimiter=';'):
        if r['period'] == 'current' and r['unit'] == unit and r[keycol] == key:
            print(r[col]); break
PY
}
NORR="Socialförvaltningen/Hemtjänst Norr"
SODER_NAMES="Jonas Berg|Fatima Yilmaz|Lars Ström|Maja Ekström"

# ---- Staff: Min kunskap, and no Min enhet --------------------------------
kiosk_start
check "staff logs in" login 1001 2468
wait_for "home offers Min kunskap in the bar" "k Kunskap"
seen | tail -1 | grep -q "e Enhet" && fail "staff has no Min enhet in the bar" || pass "staff has no Min enhet in the bar"
keys k
wait_for "Min kunskap opens" "Andel rätt av dina senaste svar"
seen >/dev/null
wait_for "overall level 67 % of 3 questions (by hand: 2/3)" "> Alla områden +\[#######\.\.\.\] +67 %  \(3 frågor\)"
wait_for "grunder 50 % of 2 questions" "Grundläggande informationssäkerhet +\[#####\.\.\.\.\.\] +50 %  \(2 frågor\)"
wait_for "incidenter 100 % of 1 question" "Incidenter och rapportering +\[##########\] 100 %  \(1 fråga\)"
keys Down
wait_for "the history follows the focused topic" "Så har det gått över tid: Grundläggande informationssäkerhet"
hist_labels=$(screen | grep -E "K1 2025 +K2 2025 +K3 2025 +I dag")
hist_values=$(screen | grep -A2 -E "K1 2025 +K2 2025" | tail -1)
[ -n "$hist_labels" ] && pass "history labelled per quarter" || fail "history labelled per quarter" "$(screen)"
# The last four points: Q1, Q2, Q3 2025 hold only the 0 of 2025-02-10; today 50 %.
expect_eq "history values per quarter" "0 % 0 % 0 % 50 %" "$(echo "$hist_values" | grep -oE '[0-9]+ %' | tail -4 | tr '\n' ' ' | sed 's/ $//')"
keys Escape
wait_for "Esc goes back home" "Kurskod:"
keys e
sleep 0.5
seen | grep -q "Andel klara med kurserna" && fail "e does not open Min enhet for staff" "$(screen)" || pass "e does not open Min enhet for staff"
keys Escape F10
wait_for "staff logs out" "Du är utloggad"

# ---- Coordinator of Hemtjänst Norr (own unit, the default scope) ----------
"$VAKSAM" report csv levels --unit "$NORR" --decimal-point -o "$T/levels_norr.csv" --db "$T/d.db" 2>"$T/err" ||
	fail "levels csv" "$(cat "$T/err")"
"$VAKSAM" report csv completion --unit "$NORR" --decimal-point -o "$T/comp_norr.csv" --db "$T/d.db" 2>"$T/err" ||
	fail "completion csv" "$(cat "$T/err")"
kiosk_start
check "coordinator logs in with a one-time code" coord_login
wait_for "home offers Min enhet to a coordinator" "Tryck e för Min enhet"
# At 80 columns every screen key of a coordinator's home fits in the bar.
wait_for "the coordinator's keys fit in the bar" "^Enter Öppna  k Kunskap  F6 Papper  e Enhet  \? Hjälp  F2 English  F10 Logga ut"
keys k
wait_for "no answers yet: a plain sentence" "Du har inte svarat på några frågor ännu"
keys Escape
wait_until "Kurskod:"
keys e
wait_for "Min enhet opens on the coordinator's unit" "^  Hemtjänst Norr *$"
norr=$(whole)
# Figures as the CSV export has them (rounded as the screen rounds).
lv=$(csv_cell "$T/levels_norr.csv" "$NORR" topic grunder level_pct)
np=$(csv_cell "$T/levels_norr.csv" "$NORR" topic grunder people)
expect_eq "csv agrees with the hand count (grunder 70 %, 5 people)" "70.0|5" "$lv|$np"
echo "$norr" | grep -qE "Grundläggande informationssäkerhet +\[#######\.\.\.\] +$(printf '%.0f' "$lv") %  \($np personer\)" &&
	pass "unit level per topic as in the csv" || fail "unit level per topic as in the csv" "$norr"
echo "$norr" | grep -qE "Incidenter och rapportering +färre än 5" &&
	pass "a topic with one person shows färre än 5" || fail "a topic with one person shows färre än 5" "$norr"
cp=$(csv_cell "$T/comp_norr.csv" "$NORR" course kioskprov completion_pct)
co=$(csv_cell "$T/comp_norr.csv" "$NORR" course kioskprov overdue)
echo "$norr" | grep -qE "Kioskens provkurs +\[###\.+\] +$(printf '%.0f' "$cp") %  $co försenade  \(6 personer\)" &&
	pass "completion per course as in the csv ($cp %, $co overdue)" || fail "completion per course as in the csv" "$cp $co: $norr"
echo "$norr" | grep -qE "Anna Lindqvist +Klar *$" && pass "a person who passed: Klar" || fail "a person who passed: Klar" "$norr"
echo "$norr" | grep -qE "Mohammed Al-Hassan +Försenad: Provkursens fortsättning" &&
	pass "an overdue person and the course left" || fail "an overdue person and the course left" "$norr"
people_lines=$(echo "$norr" | grep -E "Lindqvist|Al-Hassan|Öberg|Åkesson|Eklund|Svensson  ")
[ "$(echo "$people_lines" | wc -l)" -ge 6 ] && pass "every person of the unit listed" || fail "every person of the unit listed" "$people_lines"
echo "$people_lines" | grep -q "[0-9]" && fail "no score or figure per person" "$people_lines" || pass "no score or figure per person"
keys Right
sleep 0.5
seen | grep -q "^  Hemtjänst Norr *$" && pass "one unit only: the arrows stay on it" || fail "one unit only" "$(screen)"
keys Escape
wait_until "Kurskod:"
keys F6
sleep 1
seen >/dev/null
keys Escape Escape
sleep 0.5
seen >/dev/null
if grep -Eq "Hemtjänst Söder|$SODER_NAMES|Centrumskolan|Barn- och utbildning" "$T/seen.txt"; then
	fail "nothing of another unit on any screen" "$(grep -E "Hemtjänst Söder|$SODER_NAMES|Centrumskolan" "$T/seen.txt" | head -3)"
else
	pass "nothing of another unit on any screen"
fi
keys F10
wait_until "Du är utloggad" 10

# ---- A scope over Socialförvaltningen: a unit of 4 shows no figure -------
vk staff scope 2001 Socialförvaltningen --db "$T/d.db"
expect_eq "scope set" 0 "$rc"
"$VAKSAM" report csv levels --unit Socialförvaltningen --decimal-point -o "$T/levels_soc.csv" --db "$T/d.db" 2>/dev/null
# A new login needs a new time step for its one-time code.
export VAKSAM_NOW=2025-11-15T12:05:00Z
kiosk_start
check "coordinator logs in again" coord_login
keys e
wait_for "the scope's top unit comes first" "^  Socialförvaltningen *$"
wait_for "several units: the arrows change unit" "←→ Byt enhet"
for i in 1 2 3 4; do
	screen | grep -q "^  Hemtjänst Söder *$" && break
	keys Right
	sleep 0.4
done
wait_for "the unit of 4 is in the new scope" "^  Hemtjänst Söder *$"
soder=$(whole)
echo "$soder" | grep -q "färre än 5" && pass "the unit of 4 shows färre än 5" || fail "the unit of 4 shows färre än 5" "$soder"
# Any digit but the threshold's own in "färre än 5" would be a figure.
if echo "$soder" | sed 's/färre än 5//g' | grep -q "[0-9]"; then
	fail "no figure anywhere on the unit of 4's screen" "$(echo "$soder" | sed 's/färre än 5//g' | grep "[0-9]")"
else
	pass "no figure anywhere on the unit of 4's screen"
fi
echo "$soder" | grep -qE "Jonas Berg +Försenad" && pass "the unit of 4's people and their status" || fail "the unit of 4's people and their status" "$soder"
expect_eq "the csv hides the unit of 4 as well" 1 "$(csv_cell "$T/levels_soc.csv" "Socialförvaltningen/Hemtjänst Söder" topic grunder suppressed)"
# Complementary rule: Socialförvaltningen minus Norr would give Söder's 4.
expect_eq "the csv hides Norr's grunder to protect Söder" 1 "$(csv_cell "$T/levels_soc.csv" "$NORR" topic grunder suppressed)"
keys Left
wait_for "back to Norr" "^  Hemtjänst Norr *$"
wait_for "so Norr's grunder shows färre än 5 in this scope" "Grundläggande informationssäkerhet +färre än 5"
keys Escape F10
wait_until "Du är utloggad" 10

# ---- The culture survey: offered, taken once, stored without the person --
mkdir -p "$T/surveys"
cat >"$T/surveys/provenkat.md" <<'MD'
---
id: provenkat
title: Provenkät om vardagen
language: sv
version: 1
scale: Stämmer inte alls | Stämmer ganska dåligt | Varken eller | Stämmer ganska bra | Stämmer helt
---

Det finns inga rätta svar. Dina svar är anonyma.

## pw-a
area: passwords
dimension: attitude

Det är fel att låna ut sitt lösenord.

## mail-b
area: email
dimension: behaviour
reverse: yes

Det händer att jag klickar på länkar utan att titta först.

## inc-k
area: incidents
dimension: knowledge

Jag vet vem jag ska ringa om något händer.
MD
vk survey build "$T/surveys" --db "$T/d.db"
expect_eq "test survey built" 0 "$rc"
vk survey open "Hösten 2025" --survey provenkat --from 2025-11-01 --to 2025-11-30 --db "$T/d.db"
expect_eq "round opened" 0 "$rc"
export VAKSAM_NOW=2025-11-15T12:10:00Z
kiosk_start
check "staff logs in for the survey" login 1001 2468
wait_for "home offers the open survey" "Enkäten \"Provenkät om vardagen\" är öppen"
wait_for "the survey key is in the bar" "s Enkät"
keys s
wait_for "the survey's introduction" "Enkäten har 3 påståenden"
keys Enter
wait_for "the first statement, numbered" "Påstående 1 av 3"
wait_for "the statement's text" "Det är fel att låna ut sitt lösenord"
wait_for "the five labels with their keys" "5  Stämmer helt"
screen | grep -q "1  Stämmer inte alls" && pass "label 1 shown" || fail "label 1 shown"
keys 5
wait_for "a key answers and moves on" "Påstående 2 av 3"
keys 2
wait_for "the third statement" "Påstående 3 av 3"
keys Left
wait_for "left goes back to the one before" "Påstående 2 av 3"
wait_for "the earlier answer is marked" "2  Stämmer ganska dåligt  \(ditt svar\)"
keys 1
wait_for "answering again moves on" "Påstående 3 av 3"
keys 4
wait_for "the review lists every answer" "Dina svar"
wait_for "review: the changed answer" "→ 1 Stämmer inte alls"
wait_for "review: the send button is focused" "> Skicka svaren"
expect_eq "nothing stored before sending" "0|0" "$(q "SELECT (SELECT count(*) FROM survey_participation), (SELECT count(*) FROM survey_answer)")"
keys Enter
wait_for "thanks after sending" "Tack! Dina svar är sparade utan ditt namn"
wait_until "Kurskod:"
screen | grep -q "Enkät" && fail "the survey is not offered after taking it" "$(screen)" || pass "the survey is not offered after taking it"
expect_eq "participation recorded once" 1 "$(q "SELECT count(*) FROM survey_participation p JOIN person e ON e.id = p.person_id WHERE e.employee_no = '1001'")"
expect_eq "the answers stored as given" "1,4,5" "$(q "SELECT group_concat(value, ',') FROM (SELECT a.value FROM survey_answer a ORDER BY a.value)")"
# No column of the sheet or its answers can name a person or a time.
cols=$(q "SELECT group_concat(name) FROM (SELECT name FROM pragma_table_info('survey_sheet') UNION ALL SELECT name FROM pragma_table_info('survey_answer'))")
expect_eq "stored answers carry no person and no time" "id,round_id,unit_id,sheet_id,item_id,value" "$cols"
keys F10
wait_until "Du är utloggad" 10
check "the person logs in again" login 1001 2468
wait_until "Kurskod:"
screen | grep -q "Enkät" && fail "never offered twice" "$(screen)" || pass "never offered twice"
keys s
sleep 0.5
screen | grep -q "Påstående" && fail "s does not open a taken survey" || pass "s does not open a taken survey"
keys Escape F10
wait_until "Du är utloggad" 10
asan_check "no sanitizer report"
