#!/bin/bash
# Backup while writes go on, restore, and the refusals around them.
. "$(dirname "$0")/lib.sh"
db=$T/v.db
vk init --demo --db "$db"
expect_eq "init" 0 "$rc"

# A writer that keeps committing while the backup runs.
(
	for i in $(seq 1 300); do
		sqlite3 "$db" "PRAGMA busy_timeout=10000; INSERT INTO setting VALUES ('bench_$i', 'x');" >/dev/null 2>&1
	done
) &
writer=$!
sleep 0.3
vk backup "$T/b1.db" --db "$db"
expect_eq "backup during writes exits 0" 0 "$rc"
check "backup names the key file" grep -q "not in it" "$T/out"
wait $writer
expect_eq "backup passes integrity_check" ok "$(sqlite3 "$T/b1.db" 'PRAGMA integrity_check')"
expect_eq "backup is 0600" 600 "$(stat -c %a "$T/b1.db")"
check "backup holds no key" test ! -e "$T/b1.db.key"
in_backup=$(sqlite3 "$T/b1.db" "SELECT count(*) FROM setting WHERE key LIKE 'bench_%'")
expect_eq "people in the backup" 40 "$(sqlite3 "$T/b1.db" 'SELECT count(*) FROM person')"

vk backup "$T/b1.db" --db "$db"
expect_eq "backup over an existing file refused" 1 "$rc"
ln -s "$T/elsewhere" "$T/link.db"
vk backup "$T/link.db" --db "$db"
expect_eq "backup to a symlink refused" 1 "$rc"
check "symlink target not created" test ! -e "$T/elsewhere"

# Restore into a new place, with the key copied as an administrator would.
vk restore "$T/b1.db" --db "$T/r.db"
expect_eq "restore exits 0" 0 "$rc"
check "missing key warned about" grep -q "r.db.key is missing" "$T/err"
cp "$db.key" "$T/r.db.key"
expect_eq "restored rows equal the backup's" "$in_backup" \
	"$(sqlite3 "$T/r.db" "SELECT count(*) FROM setting WHERE key LIKE 'bench_%'")"
vk staff list --db "$T/r.db"
expect_eq "restored database works" 40 "$(wc -l <"$T/out")"
expect_eq "restored database is WAL" wal "$(sqlite3 "$T/r.db" 'PRAGMA journal_mode')"

# A database in use is not overwritten.
python3 - "$db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM person").fetchall()
open(sys.argv[1] + ".held", "w").close()
time.sleep(6)
PY
holder=$!
for _ in $(seq 50); do [ -e "$db.held" ] && break; sleep 0.1; done
before=$(sqlite3 "$db" "SELECT count(*) FROM setting")
vk restore "$T/b1.db" --db "$db"
expect_eq "restore over a database in use refused" 1 "$rc"
check "refusal says in use" grep -q "in use" "$T/err"
expect_eq "database in use unchanged" "$before" "$(sqlite3 "$db" "SELECT count(*) FROM setting")"
kill $holder 2>/dev/null
wait $holder 2>/dev/null

printf 'not a database' >"$T/junk.db"
vk restore "$T/junk.db" --db "$T/r2.db"
expect_eq "restore of junk refused" 1 "$rc"

# A restore into a new place (a spare machine, a lost disk) gives the files
# the modes and group of the restored file_group setting, as docs/deploy.md
# promises; the backup itself stays owner-only.
gid=$(id -g)
vk config set file_group "$gid" --db "$db"
expect_eq "file_group set" 0 "$rc"
vk backup "$T/b2.db" --db "$db"
expect_eq "a backup stays 0600 with file_group set" 600 "$(stat -c %a "$T/b2.db")"
install -m 600 "$db.key" "$T/r3.db.key"
vk restore "$T/b2.db" --db "$T/r3.db"
expect_eq "restore into a new place exits 0" 0 "$rc"
expect_eq "and warns about nothing" "" "$(cat "$T/err")"
expect_eq "restored database 0660 with the group" "660 $gid" "$(stat -c '%a %g' "$T/r3.db")"
expect_eq "its key 0640 with the group" "640 $gid" "$(stat -c '%a %g' "$T/r3.db.key")"
expect_eq "the restore is in the restored audit log" 1 \
	"$(sqlite3 "$T/r3.db" "SELECT count(*) FROM audit WHERE action = 'db.restore'")"
