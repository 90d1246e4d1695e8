#!/bin/bash
# The foundation end to end: init, demo, --db anywhere, VAKSAM_DB, refusals,
# exit codes, staff list/role, units, config, file modes.
. "$(dirname "$0")/lib.sh"
db=$T/v.db

vk init --db "$db"
expect_eq "init exits 0" 0 "$rc"
check "key file created" test -f "$db.key"
expect_eq "key file is 0600" 600 "$(stat -c %a "$db.key")"
expect_eq "database is 0600" 600 "$(stat -c %a "$db")"
expect_eq "WAL mode" wal "$(sqlite3 "$db" 'PRAGMA journal_mode')"

before=$(dbdump "$db")
vk init --db "$db"
expect_eq "second init refused" 1 "$rc"
check "second init says why" grep -q "already exists" "$T/err"
expect_eq "second init changed nothing" "$before" "$(dbdump "$db")"

vk staff list --db "$T/missing.db"
expect_eq "missing database refused" 1 "$rc"
check "missing database named" grep -q "missing.db: no such database" "$T/err"
check "no file created for a missing database" test ! -e "$T/missing.db"

demo=$T/demo.db
vk init --demo --db "$demo"
expect_eq "init --demo" 0 "$rc"
check "demo logins printed" grep -q "employee 1001, PIN 2468" "$T/out"
expect_eq "demo has about 40 people" 40 "$(sqlite3 "$demo" 'SELECT count(*) FROM person')"
expect_eq "demo has 3 förvaltningar" 3 "$(sqlite3 "$demo" 'SELECT count(*) FROM unit WHERE parent_id IS NULL')"
expect_eq "demo units 2-3 per förvaltning" "" \
	"$(sqlite3 "$demo" 'SELECT parent_id FROM unit WHERE parent_id IS NOT NULL GROUP BY parent_id HAVING count(*) NOT BETWEEN 2 AND 3')"
expect_eq "demo roles" "admin|9001
coordinator|2001
staff|1001" "$(sqlite3 "$demo" "SELECT role, employee_no FROM person WHERE employee_no IN ('1001','2001','9001') ORDER BY role")"
expect_eq "demo PINs stored as Argon2id" 3 \
	"$(sqlite3 "$demo" "SELECT count(*) FROM credential WHERE pin_hash LIKE '\$argon2id\$v=19\$m=19456,t=2,p=1\$%'")"
sqlite3 "$demo" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
if grep -aq -e 2468 -e 1357 -e 9753 "$demo"; then fail "no PIN in clear" "found a PIN in the file"; else pass "no PIN in clear"; fi

# --db anywhere among the options, and $VAKSAM_DB.
vk staff --db "$demo" list
expect_eq "--db between command words" 0 "$rc"
expect_eq "staff list has every active person" 40 "$(wc -l <"$T/out")"
VAKSAM_DB=$demo "$VAKSAM" staff list >"$T/out2" 2>&1
expect_eq "VAKSAM_DB used" "$(cat "$T/out")" "$(cat "$T/out2")"
(cd "$T" && cp "$demo" vaksam.db && cp "$demo.key" vaksam.db.key && "$VAKSAM" staff list >"$T/out3" 2>&1)
expect_eq "./vaksam.db by default" "$(cat "$T/out")" "$(cat "$T/out3")"

# Swedish order: Å Ä Ö after Z; the first and last names.
vk staff list --db "$demo"
expect_eq "sorted first" "Ahmed Ali" "$(head -1 "$T/out" | cut -f2)"
expect_eq "sorted last" "Östen Granath" "$(tail -1 "$T/out" | cut -f2)"
expect_eq "Å before Ä before Ö" "Åsa Eklund
Östen Granath" "$(cut -f2 "$T/out" | tail -2)"
vk staff list --unit "Socialförvaltningen/Hemtjänst Norr" --db "$demo"
expect_eq "list by unit" 6 "$(wc -l <"$T/out")"
check "tab-separated columns" grep -qP '^1001\tAnna Lindqvist\tSocialförvaltningen/Hemtjänst Norr\tstaff\tyes$' "$T/out"
vk staff list --unit "Ingen/Sådan" --db "$demo"
expect_eq "unknown unit refused" 1 "$rc"

vk staff role 1002 samordnare --db "$demo"
expect_eq "staff role" coordinator "$(sqlite3 "$demo" "SELECT role FROM person WHERE employee_no='1002'")"
vk staff role 1002 chef --db "$demo"
expect_eq "unknown role is usage error" 2 "$rc"
vk staff role 7777 staff --db "$demo"
expect_eq "unknown person refused" 1 "$rc"

vk units --db "$demo"
check "units tree" grep -qP '^  Hemtjänst Norr\t6$' "$T/out"
check "förvaltning total" grep -qP '^Socialförvaltningen\t14$' "$T/out"

vk config set incident_phone "0322-123 45" --db "$demo"
vk config get incident_phone --db "$demo"
expect_eq "config round trip" "0322-123 45" "$(cat "$T/out")"
vk config set small_group 2 --db "$demo"
expect_eq "small group below 3 refused" 1 "$rc"
vk config set nonsense 1 --db "$demo"
expect_eq "unknown key refused" 1 "$rc"
vk config get idle_timeout --db "$demo"
expect_eq "default shown" 300 "$(cat "$T/out")"
vk config list --db "$demo"
check "config list" grep -q "^handout_url" "$T/out"

vk frobnicate
expect_eq "unknown command is usage error" 2 "$rc"
vk --version
check "version" grep -q "^vaksam " "$T/out"
vk help
check "help lists commands" grep -q "staff" "$T/out"
vk staff list --bogus --db "$demo"
expect_eq "unknown option is usage error" 2 "$rc"
check "usage printed" grep -q "usage: vaksam staff list" "$T/err"
vk staff list --help
expect_eq "--help exits 0" 0 "$rc"
# A group's --help lists its subcommands, like a bare group name does.
for g in staff config content print paper report gdpr survey demo; do
	vk $g --help
	expect_eq "$g --help exits 0" 0 "$rc"
	check "$g --help lists subcommands" grep -q "^Commands:" "$T/out"
done
check "staff --help names unlock" grep -q "^  unlock " <("$VAKSAM" staff --help)
