#!/bin/bash
# Logging in at the kiosk: a wrong PIN is refused, a badge code from
# `staff badge` logs in, a person without a PIN needs the activation code and
# then chooses a PIN (a trivial one is refused), and secrets never show.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kiosk_db || exit 1
"$VAKSAM" staff badge 1001 --db "$T/d.db" >"$T/badge1001" 2>&1
badge=$(sed -n 's/^Badge code: *//p' "$T/badge1001")
"$VAKSAM" staff badge 1002 --db "$T/d.db" >"$T/badge1002" 2>&1
act=$(sed -n 's/^Activation code: *//p' "$T/badge1002")
[ -n "$badge" ] && [ -n "$act" ] && pass "staff badge gives a badge and an activation code" ||
	fail "staff badge gives a badge and an activation code" "$(cat "$T/badge1002")"

kiosk_start
wait_for "login screen" "Anställningsnummer eller kort"
wait_for "the demo logins are shown" "nummer 9001, PIN-kod 9753"

# A wrong PIN, and an unknown number, get the same refusal.
typ 1001; keys Enter
wait_for "PIN step shows the number" "Anställningsnummer: 1001"
typ 1111; keys Enter
wait_for "a wrong PIN is refused" "Numret eller PIN-koden stämmer inte"
screen | grep -q "Anna Lindqvist" && fail "nobody is logged in after a wrong PIN" || pass "nobody is logged in after a wrong PIN"
typ 999999; keys Enter
wait_until "PIN-kod:" 20
typ 2468; keys Enter
wait_for "an unknown number gets the same message" "Numret eller PIN-koden stämmer inte"
expect_eq "no session after refusals" 0 "$(q "SELECT count(*) FROM person WHERE last_seen IS NOT NULL")"

# A badge, typed as a scanner types it (the printed groups, any case).
typ "$(echo "$badge" | tr 'A-Z' 'a-z')"
wait_until "•" 5
screen | grep -qi "$(echo "$badge" | cut -c1-9)" && fail "a badge code shows as dots" "code visible" ||
	pass "a badge code shows as dots"
keys Enter
wait_for "a badge is read" "Kortet är läst"
screen | grep -q "1001" && fail "the badge step does not show the number" || pass "the badge step does not show the number"
typ 2468; keys Enter
wait_for "a badge and PIN log in" "Anna Lindqvist"
keys F10
wait_for "F10 logs out" "Du är utloggad"

# A mistyped badge is told apart from a wrong one.
bad="${badge%?}$( [ "${badge: -1}" = A ] && echo B || echo A)"
typ "$bad"; keys Enter
wait_for "a mistyped badge is told apart" "Koden lästes inte rätt"

# 1002 has no PIN: the badge alone is not enough, the activation code is needed.
typ 1002; keys Enter
wait_for "no PIN: the activation code is asked for" "Du har ingen PIN-kod ännu"
typ "WRONG12345"; keys Enter
wait_for "a wrong activation code is refused" "Aktiveringskoden stämmer inte"
typ "$act"; keys Enter
wait_for "then a new PIN is asked for" "Välj en egen PIN-kod"
typ 1234; keys Enter
wait_for "the new PIN is asked for twice" "Skriv samma PIN-kod en gång till"
typ 1234; keys Enter
wait_for "a trivial PIN is refused" "för lätt att gissa"
typ 2580; keys Enter
wait_until "Skriv samma PIN-kod" 10
typ 2581; keys Enter
wait_for "two different PINs are refused" "PIN-koderna var inte lika"
typ 2580; keys Enter
wait_until "Skriv samma PIN-kod" 10
typ 2580; keys Enter
wait_for "the new PIN logs in" "Mohammed Al-Hassan"
wait_for "and says it is saved" "Din PIN-kod är sparad"
expect_eq "the activation code is used up" "1|" "$(q "SELECT pin_hash IS NOT NULL, activation_hash FROM credential c JOIN person p ON p.id = c.person_id WHERE p.employee_no = '1002'")"
for secret in 2580 "$act"; do
	grep -qa -- "$secret" "$T/d.db" "$T/d.db-wal" 2>/dev/null && fail "no secret in the database files" "$secret found" ||
		pass "no secret in the database files"
done
keys F10
wait_until "Du är utloggad" 10
check "the chosen PIN works next time" login 1002 2580
keys F10
wait_until "Du är utloggad" 10

# A coordinator gives a one-time code after the PIN (demo secret).
typ 2001; keys Enter
wait_until "PIN-kod:" 20
typ 1357; keys Enter
wait_for "a coordinator is asked for a one-time code" "Engångskod:"
wait_for "... and the demo says how to get it" "oathtool --totp -b JBSWY3DPEHPK3PXP"
screen | grep -q "Maria Svensson" && fail "not logged in before the code" || pass "not logged in before the code"
code=$(oathtool --totp -b JBSWY3DPEHPK3PXP)
typ "$(printf '%06d' $(( (10#$code + 1) % 1000000 )))"; keys Enter
wait_for "a wrong one-time code is refused" "Engångskoden stämmer inte"
typ "$code"; keys Enter
wait_for "the right one-time code logs in" "Maria Svensson"
keys F10
wait_until "Du är utloggad" 10

# Once the PIN is set, the number leads to the PIN step, not to activation.
typ 1002; keys Enter
wait_for "a person with a PIN is asked for the PIN" "PIN-kod:"
keys Escape
wait_for "Esc starts over" "Skanna ditt kort"
keys F10
wait_gone "Skanna ditt kort" 20 && pass "the kiosk quits" || fail "the kiosk quits"

# The demo logins are shown only while all three still work: once an admin
# resets one of their PINs, the next start shows none.
"$VAKSAM" staff reset-pin 9001 --db "$T/d.db" >"$T/reset9001" 2>&1
expect_eq "staff reset-pin 9001" 0 "$?"
kiosk_start
wait_for "login screen after a demo PIN was reset" "Anställningsnummer eller kort"
screen | grep -Eq "Det här är en demo|nummer [0-9]+, PIN-kod" &&
	fail "a reset demo PIN hides the demo logins" "$(screen)" ||
	pass "a reset demo PIN hides the demo logins"
keys F10
wait_gone "Skanna ditt kort" 20 && pass "the kiosk quits again" || fail "the kiosk quits again"
asan_check "no sanitizer report"
