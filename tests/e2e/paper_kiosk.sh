#!/bin/bash
# Paper sheets back into the kiosk, as a coordinator does it: print a unit's
# quiz sheets, read their codes from the rendered pages with zbarimg, scan
# one at the kiosk (typed into the home screen's field, as a USB scanner
# types) and key its answers; enter another with `paper import`; the unit's
# figures hold both; the same sheet again is refused at the kiosk and in CSV.
# Staff have no way in; a sheet of a unit the coordinator does not cover and
# a mistyped code are refused with their own messages.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/print.lib"
. "$(dirname "$0")/kiosk.lib"

print_db || exit 1
# kiosk.lib's q() and kiosk_start use $T/d.db, which print_db made.
unit="Socialförvaltningen/Hemtjänst Norr"
other="Socialförvaltningen/Hemtjänst Söder"
mk_course "$T/c" pappersprov "Pappersprov för hemtjänsten" 1
vk content build "$T/c" --db "$db"
expect_eq "fixture course builds" 0 "$rc"

# --- print and read the codes as a scanner would -------------------------------
vk print quiz pappersprov --unit "$unit" -o "$T/sheets.pdf" --db "$db"
expect_eq "unit's sheets printed" 0 "$rc"
vk print quiz pappersprov --anonymous 1 --unit "$other" -o "$T/other.pdf" --db "$db"
expect_eq "another unit's sheets printed" 0 "$rc"
mapfile -t codes < <(qr "$T/sheets.pdf")
expect_eq "every sheet's QR decodes to its recorded code" \
	"$(q "SELECT s.code FROM paper_sheet s JOIN unit u ON u.id = s.unit_id WHERE u.path = '$unit' ORDER BY s.id")" \
	"$(printf '%s\n' "${codes[@]}")"
other_code=$(qr "$T/other.pdf" | head -1)
s1=${codes[0]}
s2=${codes[1]}
s1_person=$(q "SELECT p.employee_no FROM paper_sheet s JOIN person p ON p.id = s.person_id WHERE s.code = '$s1'")
s1_name=$(q "SELECT p.name FROM paper_sheet s JOIN person p ON p.id = s.person_id WHERE s.code = '$s1'")
IFS=';' read -r -a k1 <<<"$(right_keys "$s1")"
n_items=$((${#k1[@]} - 1))
expect_eq "the sheet has seven questions on paper" 7 "$n_items"

# --- staff have no paper entry -------------------------------------------------------
kiosk_start
login 1001 2468 || fail "staff login"
wait_for "staff home" "Dina kurser|Kurser för alla"
check "staff see no paper key" sh -c "! $KTMUX capture-pane -p -t k | grep -q 'F6 Papper'"
keys F6
sleep 0.5
check "F6 does nothing for staff" sh -c "! $KTMUX capture-pane -p -t k | grep -q 'Lägg in ett pappersblad'"
typ "$s1"
keys Enter
wait_for "a sheet code at staff's home opens nothing" "Ingen kurs har koden $s1"
keys F10
wait_until "Anställningsnummer eller kort"

# --- the coordinator keys one sheet ----------------------------------------------------
kiosk_start
# Coordinators give a one-time code after the PIN (the demo secret), for the
# clock the kiosk runs on (VAKSAM_NOW).
wait_until "Anställningsnummer eller kort"
typ 2001
keys Enter
wait_until "PIN-kod:"
typ 1357
keys Enter
wait_until "Engångskod:"
typ "$(oathtool --totp -b --now "$(sed 's/T/ /; s/Z/ UTC/' <<<"$VAKSAM_NOW")" JBSWY3DPEHPK3PXP)"
keys Enter
wait_for "coordinator logged in" "Maria Svensson" 30
wait_for "coordinator home offers paper entry in the bar" "F6 Papper"
# The scanner types the code into the home screen's field (lower case and
# grouped here, as a person copying the label would).
typ "$(tr 'A-Z' 'a-z' <<<"$s1" | sed -E 's/(....)/\1 /g')"
keys Enter
wait_for "the scanned sheet opens at its first question" "Fråga 1 av $n_items"
wait_for "the sheet's person is named" "$s1_name \\($s1_person\\)"
wait_for "the course is named" "Pappersprov för hemtjänsten"
# A letter that is not on the question never gets in.
typ "Z"
wait_for "a letter not on the sheet is refused" "Frågan har bara rutorna A–"
for ((i = 1; i <= n_items; i++)); do
	wait_until "Fråga $i av $n_items" 10 || fail "question $i shown"
	typ "${k1[$i]}"
	keys Enter
done
wait_for "the review lists the answers" "Stämmer svaren med bladet"
wait_for "the review shows the first answer's letter" "1\. \[${k1[1]}\]"
expect_eq "nothing saved before S" "" "$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s1'")"
# Change the first answer from the review, then put it back.
keys Enter
wait_for "Enter on the review changes the focused answer" "Fråga 1 av $n_items"
keys BSpace
typ "${k1[1]}"
keys Enter
wait_for "back on the review after the change" "Stämmer svaren med bladet"
keys S
wait_for "the sheet is saved" "Bladet är sparat"
wait_for "its result is shown" "Resultat: 100 %"
wait_for "a personal passed sheet completes the course" "Kursen är klar"
a1=$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$s1'")
check "the kiosk's sheet is an attempt" test -n "$a1"
expect_eq "kiosk entry: a paper attempt of the person, passed" "$s1_person|paper|quiz|100.0|1" \
	"$(q "SELECT p.employee_no, a.source, a.kind, a.score, a.passed FROM attempt a JOIN person p ON p.id = a.person_id WHERE a.id = ${a1:-0}")"
expect_eq "a response per printed question" "$n_items" "$(q "SELECT count(*) FROM response WHERE attempt_id = ${a1:-0}")"
expect_eq "the entry is audited with the coordinator as actor" 1 \
	"$(q "SELECT count(*) FROM audit a JOIN person p ON p.id = a.actor_id WHERE a.action = 'paper.entry' AND p.employee_no = '2001'")"

# The same sheet again, with the paper screen's own field this time.
keys Enter
wait_for "Enter takes the next sheet" "Bladkod:"
typ "$s1"
keys Enter
wait_for "the same sheet again is refused at the kiosk" "Bladet $s1 lades redan in 2026-11-28"
# One character changed: the check character tells it was mistyped.
bad=${s1:0:5}$(if [ "${s1:5:1}" = 2 ]; then echo 3; else echo 2; fi)${s1:6}
typ "$bad"
keys Enter
wait_for "a mistyped code is told apart" "Koden lästes inte rätt"
# A well-formed code with a right check character that no sheet has.
unknown=$(scan_code VKSZZZZZZZZ)
typ "$unknown"
keys Enter
wait_for "an unknown code is told apart from a mistyped one" "Inget provblad har koden $unknown"
typ "$other_code"
keys Enter
wait_for "a sheet of a unit not covered is refused" "Inte din enhet: bladet hör till $other"
expect_eq "the other unit's sheet was not entered" "" "$(q "SELECT attempt_id FROM paper_sheet WHERE code = '$other_code'")"
keys Escape
wait_for "Esc goes home" "F6 Papper"
keys F10
wait_until "Anställningsnummer eller kort"
asan_check "kiosk ran clean under the sanitizers"

# --- the second sheet by CSV --------------------------------------------------------
printf '%s\r\n' "$(right_keys "$s2")" >"$T/one.csv"
vk paper import "$T/one.csv" --db "$db"
expect_eq "the second sheet by CSV" 0 "$rc"
check "CSV entry listed" grep -q "^$s2" "$T/out"

# --- the unit's figures hold both ------------------------------------------------------
vk report csv completion --unit "$unit" --no-bom -o "$T/completion.csv" --db "$db"
expect_eq "completion figures written" 0 "$rc"
row=$(grep '"current"' "$T/completion.csv" | grep '"pappersprov"' | grep -F "\"$unit\"")
expect_eq "the unit's completion counts both paper sheets" 2 "$(cut -d';' -f7 <<<"$row")"
vk report csv responses --unit "$unit" --no-bom -o "$T/responses.csv" --db "$db"
expect_eq "responses written" 0 "$rc"
expect_eq "both sheets' answers reach the measurement" $((2 * n_items)) \
	"$(grep -c ';"paper";' "$T/responses.csv")"

# --- the same sheets again by CSV -------------------------------------------------------
before=$(dbdump "$db")
{
	printf '%s\r\n' "$(right_keys "$s1")"
	printf '%s\r\n' "$(right_keys "$s2")"
} >"$T/again.csv"
vk paper import "$T/again.csv" --db "$db"
expect_eq "the same sheets again by CSV refused" 1 "$rc"
check "the kiosk's sheet is refused by CSV" grep -q "again.csv:1:1: error: sheet $s1 was already entered" "$T/err"
check "the CSV's sheet is refused by CSV" grep -q "again.csv:2:1: error: sheet $s2 was already entered" "$T/err"
expect_eq "a refused import changes nothing" "$before" "$(dbdump "$db")"
