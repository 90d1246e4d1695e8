#!/bin/bash
# Printed codes at the real kiosk, as a USB scanner would type them: a badge
# QR decoded from the printed card logs its person in after the PIN; a card
# and slip for someone without a PIN lead through the activation code on the
# slip to a PIN of their own; a handout's course QR opens the course.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/print.lib"
. "$(dirname "$0")/kiosk.lib"

print_db || exit 1
mkdir -p "$T/pdf"

# A card for 1001, who has PIN 2468.
vk print badges --employee 1001 -o "$T/pdf/card.pdf" --db "$db"
expect_eq "card printed" 0 "$rc"
code=$(qr "$T/pdf/card.pdf")
expect_eq "card QR decodes to 1001's badge" 1001 "$(badge_owner "$code")"

kiosk_start
wait_for "kiosk login screen" "Anställningsnummer eller kort"
typ "$code"
keys Enter
wait_for "the scanned card asks for the PIN" "PIN-kod:"
typ 2468
keys Enter
wait_for "the card logs 1001 in" "Logga ut" 30
wait_for "the kiosk shows whose session it is" "Anna Lindqvist"

# A handout's course code opens the course from the home screen's scan field.
vk print handout incidenter -o "$T/pdf/h.pdf" --db "$db"
course=$(qr "$T/pdf/h.pdf" | grep '^VKC')
expect_eq "handout course QR" "$(course_code incidenter)" "$course"
typ "$course"
keys Enter
wait_for "the handout code opens the course (its pre-test is offered)" "Gör förtestet"
keys F10
wait_for "logged out" "Anställningsnummer eller kort"

# Someone without a PIN: card plus slip, then the activation code from the slip.
emp=$(sqlite3 "$db" "SELECT p.employee_no FROM person p LEFT JOIN credential c ON c.person_id = p.id WHERE p.active AND c.pin_hash IS NULL ORDER BY p.employee_no LIMIT 1")
name=$(sqlite3 "$db" "SELECT name FROM person WHERE employee_no = '$emp'")
vk print badges --employee "$emp" -o "$T/pdf/card2.pdf" --slips "$T/pdf/slip2.pdf" --db "$db"
expect_eq "card and slip printed" 0 "$rc"
code2=$(qr "$T/pdf/card2.pdf")
act=$(pdftext "$T/pdf/slip2.pdf" | grep -o 'Din aktiveringskod [A-Z0-9]\{5\} [A-Z0-9]\{5\}' | cut -d' ' -f3-)
check "the slip holds an activation code" test -n "$act"
kiosk_start
wait_until "Anställningsnummer eller kort"
typ "$code2"
keys Enter
wait_for "a card without a PIN asks for the activation code" "Aktiveringskod:"
typ "$act"
keys Enter
wait_for "the slip's code is accepted" "Ny PIN-kod:"
typ 2580
keys Enter
wait_for "the PIN is asked again" "Ny PIN-kod igen:"
typ 2580
keys Enter
wait_for "card + slip + own PIN log in" "Logga ut" 30
wait_for "as the person on the card" "$name"
asan_check "no sanitizer report from the kiosk"
