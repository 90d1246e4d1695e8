#!/bin/bash
# Login credentials end to end: `staff badge` and `staff reset-pin` on a demo
# database. The badge hash is recomputed here independently (keyed BLAKE2b
# with the key file, in Python) to show what the database holds; the login
# steps themselves (identify with the printed code lower-cased and spaced,
# PINs, activation, expiry) run in tests/unit/test_login.c, which calls the
# same commands and core/login.c directly.
. "$(dirname "$0")/lib.sh"
db=$T/d.db

# The keyed BLAKE2b of a code, as core/credential.c stores it.
token_hash() {
	python3 -c 'import hashlib, sys
key = open(sys.argv[1], "rb").read()
print(hashlib.blake2b(sys.argv[2].encode(), digest_size=32, key=key).hexdigest())' "$db.key" "$1"
}
# The value after "LABEL:" in the last command's output.
field() { sed -n "s/^$1: *//p" "$T/out"; }
badge_hash_of() {
	sqlite3 "$db" "SELECT badge_hash FROM credential JOIN person p ON p.id = person_id WHERE employee_no = '$1'"
}
# grep -a for each argument in the database and its WAL after a checkpoint.
in_clear() {
	sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	local s
	for s in "$@"; do
		grep -aqF -- "$s" "$db" "$db-wal" 2>/dev/null && return 0
	done
	return 1
}

vk init --demo --db "$db"
expect_eq "init --demo" 0 "$rc"

vk staff help
check "help lists badge" grep -q '^  badge ' "$T/out"
check "help lists reset-pin" grep -q '^  reset-pin ' "$T/out"

# A badge for 1001, who has a PIN: a badge code and no activation code.
vk staff badge 1001 --db "$db"
expect_eq "staff badge exits 0" 0 "$rc"
label=$(field "Badge code")
code=$(printf '%s' "$label" | tr -d ' ')
check "badge code is VKB + 26 base32 + check" grep -qxE 'VKB[A-Z2-7]{26}[0-9A-Z]' <<<"$code"
check "label grouped by four" grep -qxE '([0-9A-Z]{4} ){7}[0-9A-Z]{2}' <<<"$label"
check "employee named" grep -q '^Employee: *1001 Anna Lindqvist$' "$T/out"
check "no activation code for a person with a PIN" test -z "$(field "Activation code")"
expect_eq "badge stored as keyed BLAKE2b of the code" "$(token_hash "$code")" "$(badge_hash_of 1001)"
if in_clear "$code" "${code:3:26}" "$label"; then
	fail "badge not in clear" "found in the database or WAL"
else
	pass "badge not in clear"
fi
expect_eq "PIN kept" 1 \
	"$(sqlite3 "$db" "SELECT pin_hash IS NOT NULL FROM credential c JOIN person p ON p.id = c.person_id WHERE employee_no = '1001'")"

# A second badge revokes the first.
old=$code
vk staff badge 1001 --db "$db"
code=$(field "Badge code" | tr -d ' ')
check "second badge differs" test "$code" != "$old"
expect_eq "new badge stored" "$(token_hash "$code")" "$(badge_hash_of 1001)"
expect_eq "old badge no longer stored" 0 \
	"$(sqlite3 "$db" "SELECT count(*) FROM credential WHERE badge_hash = '$(token_hash "$old")'")"

# A badge for 1002, who has no PIN: an activation code too, 30 days.
VAKSAM_NOW=2030-01-01T08:00:00 "$VAKSAM" staff badge 1002 --db "$db" >"$T/out" 2>"$T/err"
expect_eq "badge without PIN exits 0" 0 "$?"
act=$(field "Activation code")
check "activation code: 10 unambiguous characters, grouped" \
	grep -qxE '[2-9A-HJKMNP-Z]{5} [2-9A-HJKMNP-Z]{5}' <<<"$act"
check "valid 30 days" grep -q '^Valid until: *2030-01-31 08:00 UTC, single use$' "$T/out"
expect_eq "activation stored as keyed BLAKE2b with its expiry" "$(token_hash "${act// /}")|2030-01-31T08:00:00Z" \
	"$(sqlite3 "$db" "SELECT activation_hash, activation_expires FROM credential c JOIN person p ON p.id = c.person_id WHERE employee_no = '1002'")"
badge1002=$(field "Badge code" | tr -d ' ')
if in_clear "$act" "${act// /}" "$badge1002"; then
	fail "activation code not in clear" "found in the database or WAL"
else
	pass "activation code not in clear"
fi

# reset-pin: the PIN is gone, a new activation code is printed, the badge stays.
vk staff reset-pin 1001 --db "$db"
expect_eq "reset-pin exits 0" 0 "$rc"
act=$(field "Activation code")
check "reset-pin prints an activation code" grep -qxE '[2-9A-HJKMNP-Z]{5} [2-9A-HJKMNP-Z]{5}' <<<"$act"
check "reset-pin prints no badge" test -z "$(field "Badge code")"
expect_eq "PIN cleared, activation stored, badge kept" "1|$(token_hash "${act// /}")|$(token_hash "$code")" \
	"$(sqlite3 "$db" "SELECT pin_hash IS NULL, activation_hash, badge_hash FROM credential c JOIN person p ON p.id = c.person_id WHERE employee_no = '1001'")"
if in_clear "$act" "${act// /}"; then fail "reset code not in clear" "found"; else pass "reset code not in clear"; fi

# Refusals: unknown and inactive people (exit 1, nothing changed), usage (exit 2).
before=$(dbdump "$db")
vk staff badge 7777 --db "$db"
expect_eq "unknown employee refused" 1 "$rc"
check "unknown employee named" grep -q "no person with employee number '7777'" "$T/err"
check "nothing printed for an unknown employee" test ! -s "$T/out"
vk staff reset-pin 7777 --db "$db"
expect_eq "reset-pin unknown employee refused" 1 "$rc"
expect_eq "refusals changed nothing" "$before" "$(dbdump "$db")"
sqlite3 "$db" "UPDATE person SET active = 0 WHERE employee_no = '1003'"
vk staff badge 1003 --db "$db"
expect_eq "inactive person refused" 1 "$rc"
check "inactive named" grep -q "inactive" "$T/err"
vk staff badge --db "$db"
expect_eq "badge without employee is usage" 2 "$rc"
check "usage line" grep -q '^usage: vaksam staff badge EMPLOYEE' "$T/err"
vk staff badge 1001 1002 --db "$db"
expect_eq "two employees is usage" 2 "$rc"
vk staff reset-pin --all --db "$db"
expect_eq "unknown option is usage" 2 "$rc"
vk staff badge 1001 --db "$T/missing.db"
expect_eq "missing database refused" 1 "$rc"

# Without the key file nothing is issued.
mv "$db.key" "$T/key.moved"
before=$(dbdump "$db")
vk staff badge 1001 --db "$db"
expect_eq "no key: refused" 1 "$rc"
check "no key: says so" grep -q "key file missing" "$T/err"
expect_eq "no key: nothing changed" "$before" "$(dbdump "$db")"
mv "$T/key.moved" "$db.key"
