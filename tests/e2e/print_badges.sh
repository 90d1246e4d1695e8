#!/bin/bash
# Login cards and activation slips: a selector is required; 20 people make 3
# sheets; every QR code decodes to a new badge code that the login core's
# lookup (keyed BLAKE2b under FILE.key, as credential.badge_hash stores it)
# finds for exactly that person; printing again revokes the old card; people
# without a PIN need --slips, and their codes are only on the slips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/print.lib"

print_db || exit 1
mkdir -p "$T/pdf"
creds() { sqlite3 "$db" "SELECT person_id, badge_hash, activation_hash FROM credential ORDER BY person_id"; }

# --- refusals ----------------------------------------------------------------
vk print badges --db "$db"
expect_eq "badges without a selector: usage error" 2 "$rc"
check "the selector is asked for" grep -q "whose cards" "$T/err"
vk print badges --all --unit "Socialförvaltningen" --db "$db"
expect_eq "two selectors: usage error" 2 "$rc"
vk print badges --unit "Ingen/Sådan" --db "$db"
expect_eq "unknown unit refused" 1 "$rc"
sqlite3 "$db" "INSERT INTO unit (parent_id, name, path, created) VALUES (NULL, 'Tomma enheten', 'Tomma enheten', '2026-01-01T00:00:00Z')"
vk print badges --unit "Tomma enheten" --db "$db"
expect_eq "empty unit refused" 1 "$rc"
check "empty unit said" grep -q "no active people" "$T/err"
vk print badges --employee 4242 --db "$db"
expect_eq "unknown employee refused" 1 "$rc"
before=$(creds)
vk print badges --unit "Socialförvaltningen" -o "$T/pdf/x.pdf" --db "$db"
expect_eq "people without PIN need --slips" 1 "$rc"
check "--slips asked for" grep -q -- "--slips FILE" "$T/err"
expect_eq "nothing revoked when refused" "$before" "$(creds)"
check "no card file when refused" test ! -e "$T/pdf/x.pdf"
vk print badges --unit "Socialförvaltningen" -o "$T/saknas/x.pdf" --slips "$T/pdf/s.pdf" --db "$db"
expect_eq "cards in a missing folder refused" 1 "$rc"
expect_eq "nothing revoked when the file cannot be written" "$before" "$(creds)"
check "no slips left behind" test ! -e "$T/pdf/s.pdf"

# --- 20 people -------------------------------------------------------------------
mapfile -t emps < <(sqlite3 "$db" "SELECT employee_no FROM person WHERE active ORDER BY employee_no LIMIT 20")
args=()
for e in "${emps[@]}"; do args+=(--employee "$e"); done
with_pin=$(sqlite3 "$db" "SELECT count(*) FROM person p JOIN credential c ON c.person_id = p.id WHERE c.pin_hash IS NOT NULL AND p.employee_no IN ($(printf "'%s'," "${emps[@]}" | sed 's/,$//'))")
vkin "$T/pdf" print badges "${args[@]}" --slips slips.pdf --db "$db"
expect_eq "20 cards printed" 0 "$rc"
cards=$T/pdf/badges-employees.pdf
expect_eq "cards default path and slips path" "badges-employees.pdf
slips.pdf" "$(cat "$T/out")"
expect_eq "20 people make 3 badge sheets" 3 "$(pages "$cards")"
check "cards pass qpdf" qpdf --check "$cards"
check "slips pass qpdf" qpdf --check "$T/pdf/slips.pdf"
expect_eq "cards are 0600" 600 "$(stat -c %a "$cards")"
expect_eq "slips are 0600" 600 "$(stat -c %a "$T/pdf/slips.pdf")"
mapfile -t codes < <(qr "$cards")
expect_eq "20 QR codes decode" 20 "${#codes[@]}"
owners=""
okform=0
for c in "${codes[@]}"; do
	grep -Eq '^VKB[A-Z2-7]{26}[0-9A-Z]$' <<<"$c" && okform=$((okform + 1))
	owners="$owners$(badge_owner "$c")
"
done
expect_eq "every code is a badge code" 20 "$okform"
expect_eq "every code identifies its person through the stored badge hash" \
	"$(printf '%s\n' "${emps[@]}" | sort)" "$(printf '%s' "$owners" | sort)"
txt=$(pdftext "$cards")
for e in "${emps[@]}"; do
	name=$(sqlite3 "$db" "SELECT name FROM person WHERE employee_no = '$e'")
	case "$txt" in *"$name"*) ;; *) fail "card shows $name" ;; esac
done
pass "every card shows its name"
case "$txt" in *"$(sed -E 's/(....)/\1 /g; s/ $//' <<<"${codes[0]}")"*) pass "card prints what its QR holds" ;;
	*) fail "card prints what its QR holds" ;; esac
case "$txt" in *"Exempelkommunen"*"Personligt inloggningskort"*) pass "card has the organisation" ;; *) fail "card has the organisation" ;; esac
case "$txt" in *"aktiveringskod:"* | *"Din aktiveringskod"*) fail "no activation code on the cards" ;; *) pass "no activation code on the cards" ;; esac
no_pin=$((20 - with_pin))
expect_eq "a slip per person without a PIN" "$(( (no_pin + 2) / 3 ))" "$(pages "$T/pdf/slips.pdf")"
stxt=$(pdftext "$T/pdf/slips.pdf")
expect_eq "slips hold one code each" "$no_pin" "$(grep -o 'Din aktiveringskod [A-Z0-9]\{5\} [A-Z0-9]\{5\}' <<<"$stxt" | wc -l)"
case "$stxt" in *"Vik den här delen över koden"*) pass "slips say how to fold" ;; *) fail "slips say how to fold" ;; esac
case "$stxt" in *"Anna Lindqvist"*) fail "no slip for a person with a PIN" ;; *) pass "no slip for a person with a PIN" ;; esac
expect_eq "a new activation code for each person without a PIN" "$no_pin" \
	"$(sqlite3 "$db" "SELECT count(*) FROM credential c JOIN person p ON p.id = c.person_id WHERE c.activation_hash IS NOT NULL AND c.pin_hash IS NULL AND p.employee_no IN ($(printf "'%s'," "${emps[@]}" | sed 's/,$//'))")"
# Stored as keyed BLAKE2b in hex (core/credential.h), not as Argon2id.
expect_eq "activation codes stored as keyed BLAKE2b" "$no_pin" \
	"$(sqlite3 "$db" "SELECT count(*) FROM credential c JOIN person p ON p.id = c.person_id WHERE length(c.activation_hash) = 64 AND c.activation_hash NOT GLOB '*[^0-9a-f]*' AND c.pin_hash IS NULL AND p.employee_no IN ($(printf "'%s'," "${emps[@]}" | sed 's/,$//'))")"
expect_eq "printing is audited per person" 20 "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'print.badges'")"
if sqlite3 "$db" .dump | grep -q "${codes[0]}"; then fail "badge code not stored in clear"; else pass "badge code not stored in clear"; fi

# --- a new card revokes the old ----------------------------------------------------
old=""
for c in "${codes[@]}"; do [ "$(badge_owner "$c")" = 1001 ] && old=$c; done
vk print badges --employee 1001 -o "$T/pdf/one.pdf" --db "$db"
expect_eq "one card for a person with a PIN needs no slips" 0 "$rc"
expect_eq "one card, one sheet" 1 "$(pages "$T/pdf/one.pdf")"
new=$(qr "$T/pdf/one.pdf")
expect_eq "the new card is 1001's" 1001 "$(badge_owner "$new")"
expect_eq "the old card no longer identifies anyone" "" "$(badge_owner "$old")"

# --- a whole unit, and --all ---------------------------------------------------------
vkin "$T/pdf" print badges --unit "Socialförvaltningen/Hemtjänst Norr" --slips hn-slips.pdf --db "$db"
expect_eq "unit cards" 0 "$rc"
expect_eq "unit cards default path" "badges-hemtjanst-norr.pdf" "$(head -1 "$T/out")"
expect_eq "a card per active person of the unit" \
	"$(sqlite3 "$db" "SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.active AND u.path = 'Socialförvaltningen/Hemtjänst Norr'")" \
	"$(qr "$T/pdf/badges-hemtjanst-norr.pdf" | wc -l)"
vk print badges --all -o "$T/pdf/all.pdf" --slips "$T/pdf/all-slips.pdf" --db "$db"
expect_eq "--all" 0 "$rc"
n=$(sqlite3 "$db" "SELECT count(*) FROM person WHERE active")
expect_eq "--all: 8 cards a sheet" "$(( (n + 7) / 8 ))" "$(pages "$T/pdf/all.pdf")"

# --- kiosks keep writing while cards are made ------------------------------------------
# The codes and their hashes are made before the write transaction, so while
# `print badges --all` works another connection (a kiosk recording an answer)
# gets the write lock within its busy timeout: only the short final
# transaction holds it. A kiosk waits up to 30 s; here each try allows 5 s and
# must succeed. (Counting tries that get the lock with no wait at all no longer
# says anything: with fast activation hashes most of the run is that final
# transaction.)
"$VAKSAM" print badges --all -o "$T/pdf/all2.pdf" --slips "$T/pdf/all2-slips.pdf" --db "$db" \
	>/dev/null 2>&1 &
pb=$!
got=0
tried=0
while kill -0 "$pb" 2>/dev/null; do
	sqlite3 -cmd ".timeout 5000" "$db" "BEGIN IMMEDIATE; COMMIT;" >/dev/null 2>&1 && got=$((got + 1))
	tried=$((tried + 1))
	sleep 0.05
done
wait "$pb"
expect_eq "--all again, with another connection writing" 0 "$?"
check "other writers got the lock while cards were made ($got of $tried)" \
	test "$tried" -ge 1 -a "$got" -eq "$tried"
