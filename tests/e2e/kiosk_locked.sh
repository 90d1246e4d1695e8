#!/bin/bash
# --locked, for shared terminals: Ctrl-C, Ctrl-Z and Ctrl-\ are plain keys
# that do nothing; F10 at the login screen does not quit; SIGHUP ends the
# kiosk cleanly with the answer given just before kept; when the terminal
# goes away (the tmux pane killed) no vaksam process is left after 2 s.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kiosk_db || exit 1
alive() { kill -0 "$1" 2>/dev/null; }
gone_within() { # PID SECONDS
	local i=0
	while alive "$1" && [ $i -lt $(($2 * 10)) ]; do sleep 0.1; i=$((i + 1)); done
	! alive "$1"
}

kiosk_start --locked
wait_for "locked: login screen" "Anställningsnummer eller kort"
screen | grep -q "F10 Avsluta" && fail "locked: no way to quit offered" || pass "locked: no way to quit offered"
pid=$(kiosk_pid)
[ -n "$pid" ] && pass "locked: kiosk running" || fail "locked: kiosk running"
keys C-c
keys C-z
keys 'C-\'
keys F10
keys C-d
# Keys are read in order: once help opens, the keys before it were handled.
keys '?'
wait_until "Tangenter som alltid fungerar" 10
keys Escape
alive "$pid" && pass "locked: Ctrl-C, Ctrl-Z, Ctrl-\\, Ctrl-D and F10 leave it running" ||
	fail "locked: Ctrl-C, Ctrl-Z, Ctrl-\\, Ctrl-D and F10 leave it running"
wait_for "locked: still at the login screen" "Anställningsnummer eller kort"
[ "$(ps -o stat= -p "$pid" | cut -c1)" != T ] && pass "locked: not stopped by Ctrl-Z" ||
	fail "locked: not stopped by Ctrl-Z" "$(ps -o stat= -p "$pid")"

check "locked: login" login 1001 2468
keys C-c C-z 'C-\'
wait_for "locked: keys do nothing while logged in" "Anna Lindqvist"
keys Enter
wait_until "Gör förtestet" 20
keys "$(menu_digit "Gör kunskapstestet")"
wait_until "Kunskapstestet har" 10
keys Enter
wait_until "Kunskapstest · fråga|Nu kommer några" 10
screen | grep -q "Nu kommer några" && keys Enter
wait_until "Kunskapstest · fråga" 10
answer_right >/dev/null
wait_until "Nästa fråga|Se resultatet" 20
# SIGHUP right after the answer: it was committed before the feedback showed.
kill -HUP "$pid"
gone_within "$pid" 5 && pass "SIGHUP ends the kiosk" || fail "SIGHUP ends the kiosk"
expect_eq "the answer given just before SIGHUP is kept" 1 "$(q "SELECT count(*) FROM response")"
expect_eq "integrity after SIGHUP" ok "$(q "PRAGMA integrity_check")"
wait_gone "Anna Lindqvist" 5 && pass "the screen is cleared on exit" || fail "the screen is cleared on exit" "$(screen)"
history | grep -q "Anna Lindqvist" && fail "no name in the scrollback after SIGHUP" ||
	pass "no name in the scrollback after SIGHUP"

# SIGTERM the same way.
kiosk_start --locked
check "locked: login again" login 1001 2468
pid=$(kiosk_pid)
wait_for "back at the open question" "Kunskapstest · fråga 2 av 7|Nu kommer några"
kill -TERM "$pid"
gone_within "$pid" 5 && pass "SIGTERM ends the kiosk" || fail "SIGTERM ends the kiosk"

# The terminal goes away: the pane is killed; nothing is left running.
kiosk_start --locked
check "locked: login for the hang-up" login 1001 2468
pid=$(kiosk_pid)
$KTMUX kill-pane -t k 2>/dev/null || $KTMUX kill-server
gone_within "$pid" 2 && pass "no vaksam process 2 s after the terminal went away" ||
	{ fail "no vaksam process 2 s after the terminal went away" "$(ps -o pid,stat,pcpu,cmd -p "$pid")"; kill -9 "$pid"; }
pgrep -f "kiosk --db $T/d.db" >/dev/null && fail "no kiosk left on this database" || pass "no kiosk left on this database"

# The terminal goes away and no hang-up signal gets through (SIGHUP blocked,
# as under a wrapper that swallows it): input returns an error and the kiosk
# exits at once instead of spinning.
$KTMUX kill-server 2>/dev/null
python3 - "$VAKSAM" "$T/d.db" "$T/asan" >"$T/pty.out" 2>&1 <<'PY'
import os, pty, select, signal, sys, time
vaksam, db, asan = sys.argv[1:4]
pid, fd = pty.fork()
if pid == 0:
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP])
    env = dict(os.environ, LANG="C.UTF-8", TERM="vt100",
               ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "detect_leaks=1") + ":log_path=" + asan)
    os.execve(vaksam, [vaksam, "kiosk", "--locked", "--db", db], env)
seen, t0 = b"", time.time()
while b"Anst" not in seen and time.time() - t0 < 20:
    r, _, _ = select.select([fd], [], [], 0.5)
    if r:
        try:
            seen += os.read(fd, 4096)
        except OSError:
            break
os.close(fd)
t1 = time.time()
while time.time() - t1 < 5:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("exited after %.1f s" % (time.time() - t1))
        sys.exit(0)
    time.sleep(0.05)
os.kill(pid, signal.SIGKILL)
print("still running after 5 s")
sys.exit(1)
PY
rc=$?
if [ $rc -eq 0 ] && awk '/exited after/ {exit !($3 <= 2.0)}' "$T/pty.out"; then
	pass "input gone: the kiosk exits within 2 s ($(cat "$T/pty.out"))"
else
	fail "input gone: the kiosk exits within 2 s" "$(cat "$T/pty.out")"
fi
asan_check "no sanitizer report"
