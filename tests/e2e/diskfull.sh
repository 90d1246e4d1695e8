#!/bin/bash
# Disk full and read-only: with the database on a small tmpfs that fills up,
# and on a tmpfs remounted read-only, the kiosk and the commands say so
# clearly, exit 1, and lose nothing already saved (sqlite3 .dump compared
# before and after; integrity_check).
#
#  1. Full, nothing running: every command that opens the database.
#  2. Full while a kiosk runs (it holds the database, so SQLite's -shm is
#     there and the WAL, emptied first, must grow): an answer cannot be saved,
#     the kiosk says the disk is full and does not acknowledge it; the
#     answers before it stay; once space is freed the same answer is saved.
#  3. Read-only: the tmpfs remounted read-only (a mount with files open for
#     writing cannot be, so nothing runs then): the commands and the kiosk's
#     start say so.
#
# Mounting needs root (tests run as root in CI); where it is not allowed the
# suite prints a "skipped" line. SQLite's mode=ro URI is not covered: vaksam
# opens plain paths, never URIs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

mnt=$T/mnt
mkdir -p "$mnt"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=6m,mode=0700 tmpfs "$mnt" 2>"$T/mount.err"; then
	echo "skipped: cannot mount a tmpfs here ($(id -un); $(cat "$T/mount.err" 2>/dev/null))"
	exit 0
fi
cleanup() {
	$KTMUX kill-server >/dev/null 2>&1
	umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
	_finish
}
trap cleanup EXIT

db=$mnt/d.db
# A second database off the tmpfs, to back up onto it.
vk init --db "$T/o.db" --content "$ROOT/tests/fixtures/kiosk"
expect_eq "init off the tmpfs" 0 "$rc"
vk init --demo --db "$db"
expect_eq "init on the tmpfs" 0 "$rc"
vk content build "$ROOT/tests/fixtures/kiosk" --db "$db"
expect_eq "fixture course built" 0 "$rc"
printf 'Anställningsnummer;Namn;Enhet\n7001;Ny Person;Enhet X\n' >"$T/roster.csv"

fill() { dd if=/dev/zero of="$mnt/filler" bs=4k >/dev/null 2>&1; sync; }
unfill() { rm -f "$mnt/filler"; }
is_full() { [ "$(df --output=avail "$mnt" | tail -1 | tr -d ' ')" -eq 0 ]; }

# cmd_says NAME PATTERN ARGS...: the command exits 1 and says PATTERN.
cmd_says() {
	local name=$1 re=$2
	shift 2
	vk "$@"
	if [ "$rc" = 1 ] && grep -Eiq -- "$re" "$T/err"; then
		pass "$name"
	else
		fail "$name" "exit $rc, stderr: $(head -3 "$T/err")"
	fi
}

# The commands that write, and one that only reads, on a full disk.
commands_on() {
	local what=$1 re=$2
	cmd_says "$what: config set says so" "$re" config set organisation "Annan kommun" --db "$db"
	cmd_says "$what: staff import says so" "$re" staff import "$T/roster.csv" --force --db "$db"
	cmd_says "$what: assign says so" "$re" assign kioskprov --all --due 2030-01-01 --db "$db"
	cmd_says "$what: staff unlock says so" "$re" staff unlock 1001 --db "$db"
}

full_re='full|no space'
ro_re='read-only|readonly'

# ---- 1. Full, nothing running -------------------------------------------

before=$(dbdump "$db")
fill
check "the tmpfs is full" is_full
commands_on "full" "$full_re"
cmd_says "full: content build says so" "$full_re" content build "$ROOT/tests/fixtures/kiosk" --db "$db"
cmd_says "full: staff list says so" "$full_re" staff list --db "$db"
cmd_says "full: backup onto the full disk says so" "$full_re" backup "$mnt/b.db" --db "$db"
check "no half backup left behind" test ! -e "$mnt/b.db"
cmd_says "full: backup from elsewhere onto the full disk says so" "$full_re" backup "$mnt/b2.db" --db "$T/o.db"
check "no half backup of it left behind" test ! -e "$mnt/b2.db"
cmd_says "full: init on the full disk says so" "$full_re" init --db "$mnt/n.db"
check "no half database left behind" test ! -e "$mnt/n.db"
check "no key left behind" test ! -e "$mnt/n.db.key"
check "the messages name the file" grep -q "$mnt/n.db" "$T/err"
check "and no SQLite jargon" sh -c "! grep -Eiq 'disk I/O error|unable to open' '$T/err'"
unfill
expect_eq "full: nothing lost or changed" "$before" "$(dbdump "$db")"
expect_eq "full: integrity_check" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"

# ---- 2. Full while the kiosk runs ----------------------------------------

code=$(scan_code VKCKIOSKPROV)

kstart() {
	$KTMUX kill-server >/dev/null 2>&1
	$KTMUX new-session -d -s k -x 80 -y 24 \
		"env -u LANGUAGE LANG=C.UTF-8 TERM=$KTERM VAKSAM_LOCALEDIR=$T/locale \
		ASAN_OPTIONS=detect_leaks=1:log_path=$T/asan UBSAN_OPTIONS=print_stacktrace=1:log_path=$T/asan \
		$VAKSAM kiosk --db $db; sleep 30"
}
responses() { sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM response"; }

kstart
check "kiosk login" login 1001 2468
typ "$code"
keys Enter
wait_until "Gör kunskapstestet" 20
keys "$(menu_digit "Gör kunskapstestet")"
wait_until "Kunskapstestet har" 20
keys Enter
# past_description: goes on from a description (text only, nothing saved).
past_description() {
	while wait_until "Kunskapstest · fråga|Nu kommer några" 20 && screen | grep -q "Nu kommer några"; do
		keys Enter
		wait_gone "Nu kommer några" 10
	done
}
past_description
quiz_step >/dev/null
past_description
saved=$(responses)
expect_eq "one answer saved before the disk fills" 1 "$saved"

# Empty the WAL, so the next commit must grow it, then fill the disk.
sqlite3 -cmd ".timeout 5000" "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
expect_eq "WAL emptied" 0 "$(stat -c %s "$db-wal")"
stem=$(stem_line)
fill
check "the tmpfs is full with the kiosk running" is_full
answer_right >/dev/null
wait_for "the kiosk says the disk is full, in Swedish" "Disken är full" 20
screen | grep -F "Disken är full" | sed 's/^/info: status line: /'
screen | grep -Eq "Nästa fråga|Se resultatet" && fail "answer not acknowledged on a full disk" "feedback shown" ||
	pass "answer not acknowledged on a full disk"
check "the question stays on screen" wait_until "$(printf '%s' "$stem" | sed 's/[][\.*^$?+(){}|]/\\&/g')" 5
expect_eq "nothing saved on a full disk, nothing lost" "$saved" "$(responses)"
commands_on "full, kiosk running" "$full_re"

unfill
# The answer given is still on screen: send it again as a person would.
case "$(screen)" in
*"[x]"*) keys Enter ;;
*"Svara med siffran"*) answer_right >/dev/null ;;
*"Beskriv med egna ord"*) keys Tab ;;
*) keys Enter ;;
esac
wait_for "after space is freed the same answer is saved" "Nästa fråga|Se resultatet" 20
expect_eq "the answer is in the database" $((saved + 1)) "$(responses)"
keys F10
wait_until "Du är utloggad" 20
$KTMUX kill-server >/dev/null 2>&1
i=0
while pgrep -f "$VAKSAM kiosk --db $db" >/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "full, kiosk: integrity_check" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"

# ---- 3. Read-only --------------------------------------------------------

before=$(dbdump "$db")
if mount -o remount,ro "$mnt" 2>"$T/mount.err"; then
	pass "tmpfs remounted read-only"
	commands_on "read-only" "$ro_re"
	cmd_says "read-only: content build says so" "$ro_re" content build "$ROOT/tests/fixtures/kiosk" --db "$db"
	cmd_says "read-only: staff list says so" "$ro_re" staff list --db "$db"
	cmd_says "read-only: backup of it says so" "$ro_re" backup "$T/b.db" --db "$db"
	cmd_says "read-only: backup onto it says so" "$ro_re" backup "$mnt/b3.db" --db "$T/o.db"
	cmd_says "read-only: restore onto it says so" "$ro_re" restore "$T/o.db" --db "$mnt/r.db"
	cmd_says "read-only: init on it says so" "$ro_re" init --db "$mnt/n.db"
	check "and no SQLite jargon" sh -c "! grep -Eiq 'disk I/O error|unable to open' '$T/err'"
	kstart
	wait_for "read-only: the kiosk says so and does not start" "$ro_re" 20
	check "read-only: no kiosk left running" wait_gone "Anställningsnummer" 1
	$KTMUX kill-server >/dev/null 2>&1
	mount -o remount,rw "$mnt"
	expect_eq "read-only: nothing lost or changed" "$before" "$(dbdump "$db")"
	expect_eq "read-only: integrity_check" ok "$(sqlite3 "$db" 'PRAGMA integrity_check')"
else
	fail "tmpfs remounted read-only" "$(cat "$T/mount.err")"
fi
asan_check "no sanitizer report from the kiosk"
