#!/bin/bash
# Proves the ssh recipe of docs/deploy.md. The sshd drop-in, the wrapper
# shell, the authorized_keys line and the terminal's ssh command are read
# from docs/deploy.md itself (paths and the account name replaced, and
# ClientAliveInterval shortened so the test is quick), so the test and the
# document cannot drift apart. Debian's own /etc/ssh/sshd_config is the main
# file, including the drop-in folder as on a real server. Then, with ssh
# inside tmux as a thin client would run it:
#  - the kiosk login appears; the database's -wal and -shm get the group;
#  - Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-D, Ctrl-], F10, ssh escapes (~. ~^Z ~C)
#    and terminal escape sequences: the same kiosk keeps answering keys and
#    the account has no process but sshd and vaksam (a shell would show);
#  - a command (with and without a terminal), sftp, and remote and local
#    forwards are refused or get the kiosk; with the account's shell set to
#    /bin/sh, ForceCommand alone still gives only the kiosk;
#  - the connection cut (the client killed at the login and in a quiz, and
#    the client frozen so that only ClientAliveInterval notices): each time
#    the kiosk ends, closes the database cleanly (SQLite removes the -wal
#    file only on a clean close), and the answer given before is kept.
# Needs root (useradd, sshd); without root it prints why it is skipped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

if [ "$(id -u)" != 0 ]; then
	echo "skipped: needs root (it adds a kiosk account and starts sshd)"
	exit 0
fi
sshd=/usr/sbin/sshd
for tool in "$sshd" ssh sftp ssh-keygen useradd groupadd python3; do
	command -v "$tool" >/dev/null || { fail "$tool is installed" "run make deps"; exit 1; }
done
doc=$ROOT/docs/deploy.md
user=vkkiosk$$
group=vkgrp$$
srv=$T/srv
home=$T/home
chmod 711 "$T"
cleanup() {
	kiosk_stop_all
	[ -s "$T/sshd.pid" ] && kill "$(cat "$T/sshd.pid")" 2>/dev/null
	# Only this run's throwaway account: its sessions, then the account.
	pkill -KILL -u "$user" 2>/dev/null
	for _ in $(seq 30); do pgrep -u "$user" >/dev/null || break; sleep 0.1; done
	userdel "$user" >/dev/null 2>&1
	groupdel "$group" >/dev/null 2>&1
	_finish
}
trap cleanup EXIT
# A timeout or Ctrl-C must still remove the account and stop sshd.
trap 'exit 143' TERM INT HUP

# ---- The recipe, read from docs/deploy.md ----------------------------------

# The first fenced block after the first line of the document containing $1.
doc_block() {
	awk -v pat="$1" 'found && /^```/ { if (inside) exit; inside = 1; next }
		inside { print; next }
		!found && index($0, pat) { found = 1 }' "$doc"
}
# The document's names, replaced by this test's.
asan="ASAN_OPTIONS=detect_leaks=1:log_path=$srv/asan UBSAN_OPTIONS=print_stacktrace=1:log_path=$srv/asan"
localise() {
	sed -e "s|/usr/local/bin/vaksam|$T/bin/vaksam|g" \
		-e "s|/usr/local/sbin/vaksam-kiosk|$T/vaksam-kiosk|g" \
		-e "s|/srv/vaksam|$srv|g" \
		-e "s|/etc/vaksam/terminal_key|$T/terminal_key|g" \
		-e "s|^Match User kiosk\$|Match User $user|" \
		-e "s|ClientAliveInterval 15\$|ClientAliveInterval 1|" \
		-e "s|ClientAliveCountMax 4\$|ClientAliveCountMax 3|" \
		-e "s|SetEnv LANG=C.UTF-8\$|SetEnv LANG=C.UTF-8 $asan|" \
		-e "s|from=\"10.20.30.41\"|from=\"127.0.0.1\"|"
}
doc_block "vaksam-kiosk.conf" | localise >"$T/vaksam-kiosk.conf"
doc_block "two-line wrapper" | sed -n "/<<'EOF'/,/^EOF\$/p" | sed '1d;$d' | localise >"$T/vaksam-kiosk"
authline=$(grep -m1 '^restrict,' "$doc" | localise)
client=$(grep -m1 '^exec ssh ' "$doc" | localise | sed 's/^exec //')
for want in "^Match User $user\$" "ForceCommand exec $T/bin/vaksam kiosk --locked" \
	"DisableForwarding yes" "ClientAliveInterval 1\$" "ClientAliveCountMax 3\$" "SetEnv LANG=C.UTF-8 "; do
	grep -q -- "$want" "$T/vaksam-kiosk.conf" || { fail "the drop-in in docs/deploy.md has /$want/" \
		"$(cat "$T/vaksam-kiosk.conf")"; exit 1; }
done
pass "the sshd drop-in is read from docs/deploy.md"
expect_eq "the wrapper is read from docs/deploy.md" \
	"#!/bin/sh|exec $T/bin/vaksam kiosk --locked --db $srv/vaksam.db" "$(paste -sd'|' "$T/vaksam-kiosk")"
case "$authline" in 'restrict,pty,from="127.0.0.1" ssh-ed25519 '*) pass "the key line is read from docs/deploy.md" ;;
*) fail "the key line is read from docs/deploy.md" "$authline"; exit 1 ;; esac
case "$client" in "ssh -e none -tt -i $T/terminal_key "*) pass "the terminal's ssh command is read from docs/deploy.md" ;;
*) fail "the terminal's ssh command is read from docs/deploy.md" "$client"; exit 1 ;; esac

# ---- The server side, as section 2 and 3 set it up -------------------------

# The binary where the kiosk account can run it, wherever the checkout is.
install -d -m 755 "$T/bin"
install -m 755 "$VAKSAM" "$T/bin/vaksam"
groupadd "$group" || { fail "groupadd" ""; exit 1; }
install -d -m 2770 -g "$group" "$srv"
"$VAKSAM" init --demo --content "$ROOT/tests/fixtures/kiosk" --db "$srv/vaksam.db" >"$T/init.out" 2>&1 ||
	{ fail init "$(cat "$T/init.out")"; exit 1; }
vk config set file_group "$group" --db "$srv/vaksam.db"
expect_eq "config set file_group" 0 "$rc"
expect_eq "database 0660 with the group" "660 $group" "$(stat -c '%a %G' "$srv/vaksam.db")"
expect_eq "key 0640 with the group (kiosks read it)" "640 $group" "$(stat -c '%a %G' "$srv/vaksam.db.key")"

chmod 755 "$T/vaksam-kiosk"
install -d -m 755 "$home" "$home/.ssh"
useradd --no-create-home --home-dir "$home" --shell "$T/vaksam-kiosk" --groups "$group" "$user" ||
	{ fail "useradd" ""; exit 1; }
usermod -p '*' "$user"
ssh-keygen -q -t ed25519 -N '' -C terminal-1 -f "$T/terminal_key"
ssh-keygen -q -t ed25519 -N '' -f "$T/host_key"
echo "${authline%% ssh-ed25519 *} $(cat "$T/terminal_key.pub")" >"$home/.ssh/authorized_keys"
chmod 644 "$home/.ssh/authorized_keys"

# sshd: this test's listener, then Debian's main file with its Include
# pointed at a folder holding the document's drop-in. UsePAM no: PAM session
# modules (pam_loginuid) fail in containers; it changes nothing the recipe
# relies on.
mkdir -p /run/sshd "$T/sshd_config.d"
cp "$T/vaksam-kiosk.conf" "$T/sshd_config.d/vaksam-kiosk.conf"
main=/etc/ssh/sshd_config
grep -q '^Include /etc/ssh/sshd_config.d/\*.conf' "$main" 2>/dev/null ||
	{ fail "Debian's $main includes sshd_config.d" "$(head -20 "$main" 2>&1)"; exit 1; }
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
started=no
for _ in 1 2 3 4 5; do
	port=$(free_port)
	{
		printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\nPidFile %s\n' "$port" "$T/host_key" "$T/sshd.pid"
		printf 'UsePAM no\nLogLevel VERBOSE\nAllowUsers %s\n' "$user"
		sed "s|^Include /etc/ssh/sshd_config.d/\*.conf|Include $T/sshd_config.d/*.conf|" "$main"
	} >"$T/sshd_config"
	if ! "$sshd" -t -f "$T/sshd_config" 2>"$T/sshd.err"; then
		fail "sshd accepts the configuration" "$(cat "$T/sshd.err")"
		exit 1
	fi
	"$sshd" -f "$T/sshd_config" -E "$T/sshd.log" && { started=yes; break; }
done
expect_eq "sshd starts on a loopback port" yes "$started"
for _ in $(seq 50); do [ -s "$T/sshd.pid" ] && break; sleep 0.1; done
"$sshd" -T -f "$T/sshd_config" -C "user=$user,host=x,addr=127.0.0.1" >"$T/effective"
check "the kiosk account gets the ForceCommand" grep -q "^forcecommand exec $T/bin/vaksam kiosk --locked" "$T/effective"
check "forwarding disabled for it" grep -q "^disableforwarding yes" "$T/effective"
check "client alive interval set for it" grep -q "^clientaliveinterval 1\$" "$T/effective"
"$sshd" -T -f "$T/sshd_config" -C "user=someone,host=x,addr=127.0.0.1" >"$T/effective.other"
check "the Match block ends with the drop-in (others keep Debian's values)" \
	grep -q "^x11forwarding yes" "$T/effective.other"

SSHOPT="-p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes"
SSH="ssh -e none -i $T/terminal_key $SSHOPT $user@127.0.0.1"

# Processes of the account other than sshd and vaksam (a shell would show).
others() { ps -u "$user" -o comm= 2>/dev/null | grep -v -e '^sshd$' -e '^vaksam$' | tr '\n' ' '; }
kiosk_pids() { pgrep -u "$user" -x vaksam | paste -sd' '; }
client_pid() { pgrep -P "$($KTMUX list-panes -t k -F '#{pane_pid}' 2>/dev/null)" -x ssh; }
# The terminal's session: the document's command in a fresh tmux server.
start_client() { # [REMOTE-COMMAND]
	kiosk_stop_all
	KSERVERS=$((KSERVERS + 1))
	KTMUX="tmux -L vk$$-$KSERVERS -f /dev/null"
	$KTMUX new-session -d -s k -x 80 -y 24 \
		"env LANG=C.UTF-8 TERM=$KTERM ${client% *} $SSHOPT $user@127.0.0.1 ${1:-}; echo SSH-EXIT=\$?; sleep 60"
}
wait_gone_pids() { # SECONDS: until the account has no vaksam process
	local i=0
	while [ -n "$(kiosk_pids)" ] && [ $i -lt $(($1 * 10)) ]; do sleep 0.1; i=$((i + 1)); done
	[ -z "$(kiosk_pids)" ]
}
# SQLite deletes the -wal file when the last connection closes normally; a
# kiosk killed or stuck would leave it.
closed_cleanly() { # NAME
	if [ ! -e "$srv/vaksam.db-wal" ]; then pass "$1"; else fail "$1" "$(ls -l "$srv")"; fi
}

# ---- In, and no way out to a shell ---------------------------------------

start_client
wait_for "ssh reaches the kiosk login" "Anställningsnummer eller kort" 30
pid=$(kiosk_pids)
expect_eq "no shell behind the kiosk" "" "$(others)"
expect_eq "the kiosk's -wal has the group (setgid folder)" "660 $group" "$(stat -c '%a %G' "$srv/vaksam.db-wal")"
expect_eq "the kiosk's -shm has the group" "660 $group" "$(stat -c '%a %G' "$srv/vaksam.db-shm")"
for k in C-c C-z 'C-\' C-d F10 'C-]'; do
	keys "$k"
	sleep 0.3
done
# ssh's escapes are only seen right after Enter: without -e none, ~. would
# cut the session and ~ Ctrl-Z would stop the client.
keys Enter
typ "~."
keys Enter
typ "~"
keys C-z
keys Enter
typ "~C"
keys Enter
typ "$(printf '\033[2J\033]2;x\007\033[?1049l')"
keys Escape ':' '!' 's' 'h' Enter
# Keys are read in order: once help opens, every key before it was handled.
keys '?'
wait_for "the kiosk still answers keys (help opens)" "Tangenter som alltid fungerar" 10
keys Escape
expect_eq "after Ctrl-C, Ctrl-Z, Ctrl-\\, escapes: the same kiosk" "$pid" "$(kiosk_pids)"
[ -n "$pid" ] && [ "$(ps -o stat= -p "$pid" | cut -c1)" != T ] && pass "not stopped by Ctrl-Z" ||
	fail "not stopped by Ctrl-Z" "$(ps -o stat= -p "${pid:-1}")"
expect_eq "and still no shell" "" "$(others)"
wait_for "the login is still there, ':!sh' only text in its field" "Anställningsnummer: \\[:!sh" 10
screen | grep -q "SSH-EXIT" && fail "the ssh session is still open" "it ended" || pass "the ssh session is still open"

# Asking for a command, a subsystem or a forward gets the kiosk, or nothing.
$SSH -T 'echo SHELL-REACHED; id' </dev/null >"$T/cmd.out" 2>&1
grep -q SHELL-REACHED "$T/cmd.out" && fail "a command does not reach a shell" "$(cat "$T/cmd.out")" ||
	pass "a command does not reach a shell"
check "without a terminal the kiosk says so" grep -q "needs a terminal" "$T/cmd.out"
timeout 20 sftp -b /dev/null -i "$T/terminal_key" -P "$port" -o StrictHostKeyChecking=no \
	-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes "$user@127.0.0.1" >"$T/sftp.out" 2>&1
rc=$?
[ $rc -ne 0 ] && [ $rc -ne 124 ] && pass "sftp is refused" || fail "sftp is refused" "rc $rc: $(cat "$T/sftp.out")"
timeout 20 $SSH -N -o ExitOnForwardFailure=yes -R 127.0.0.1:0:127.0.0.1:22 >"$T/fwd.out" 2>&1
rc=$?
[ $rc = 255 ] && grep -q "forwarding failed" "$T/fwd.out" && pass "a remote forward is refused" ||
	fail "a remote forward is refused" "rc $rc: $(cat "$T/fwd.out")"
lport=$(free_port)
${SSH/ssh /ssh -o LogLevel=INFO } -N -L "127.0.0.1:$lport:127.0.0.1:$port" >"$T/lfwd.out" 2>&1 &
fwd=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$lport") 2>/dev/null && break; sleep 0.1; done
timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$lport && head -c 20 <&3" >"$T/local.out" 2>/dev/null
kill "$fwd" 2>/dev/null
wait "$fwd" 2>/dev/null
if grep -q SSH "$T/local.out"; then fail "a local forward is refused" "it carried: $(cat "$T/local.out")"
elif ! grep -q "open failed" "$T/lfwd.out"; then fail "a local forward is refused" "$(cat "$T/lfwd.out")"
else pass "a local forward is refused"; fi

# ---- The connection cut ---------------------------------------------------

# 1. The client dies at the login screen: sshd sees the connection close.
kill -9 "$(client_pid)"
if wait_gone_pids 10; then pass "client killed: no vaksam process left"; else
	fail "client killed: no vaksam process left" "$(ps -u "$user" -o pid,stat,comm)"; fi
closed_cleanly "client killed: the kiosk closed the database cleanly"

# 2. A person answers, then the client freezes (a terminal switched off, a
# cable pulled): only ClientAliveInterval 1 x ClientAliveCountMax 3 can
# notice.
code=$(scan_code VKCKIOSKPROV)
start_client
wait_for "ssh again" "Anställningsnummer eller kort" 30
check "log in over ssh" login 1001 2468
typ "$code"
keys Enter
wait_until "Gör kunskapstestet" 20
keys "$(menu_digit "Gör kunskapstestet")"
wait_until "Kunskapstestet har" 20
keys Enter
while wait_until "Kunskapstest · fråga|Nu kommer några" 20 && screen | grep -q "Nu kommer några"; do
	keys Enter
	wait_gone "Nu kommer några" 10
done
answer_right >/dev/null
wait_for "an answer acknowledged over ssh" "Nästa fråga|Se resultatet" 20
saved=$(sqlite3 "$srv/vaksam.db" "SELECT count(*) FROM response")
[ "$saved" -ge 1 ] && pass "the answer is stored ($saved)" || fail "the answer is stored" "$saved"
cpid=$(client_pid)
kill -STOP "$cpid"
SECONDS=0
if wait_gone_pids 30; then
	pass "client frozen: the session ends by itself after ${SECONDS}s"
else
	fail "client frozen: the session ends by itself" "$(ps -u "$user" -o pid,stat,comm)"
fi
grep -q "Timeout, client not responding" "$T/sshd.log" && pass "sshd ended it for not responding" ||
	fail "sshd ended it for not responding" "$(tail -5 "$T/sshd.log")"
closed_cleanly "client frozen: the kiosk closed the database cleanly"
kill -CONT "$cpid" 2>/dev/null
wait_for "the woken terminal sees the connection gone (ssh exits 255)" "SSH-EXIT=255" 20
expect_eq "the answer is kept" "$saved" "$(sqlite3 "$srv/vaksam.db" "SELECT count(*) FROM response")"

# 3. ForceCommand alone: with the account's shell a real /bin/sh and a
# command asked for, the session still gets only the kiosk, with no shell
# left behind it (exec). Back in: the same quiz, past the answer given; then
# the client killed while logged in.
usermod -s /bin/sh "$user"
$SSH -T 'echo SHELL-REACHED; id' </dev/null >"$T/cmd2.out" 2>&1
grep -q SHELL-REACHED "$T/cmd2.out" && fail "shell /bin/sh: a command still gets no shell" "$(cat "$T/cmd2.out")" ||
	pass "shell /bin/sh: a command still gets no shell"
start_client "'echo SHELL-REACHED; exec /bin/sh -i'"
wait_for "shell /bin/sh and a command: ssh -tt gets the kiosk" "Anställningsnummer eller kort" 30
expect_eq "no shell behind it (ForceCommand's exec)" "" "$(others)"
check "log in a third time" login 1001 2468
wait_for "the quiz resumes after the cut" "Kunskapstest · fråga" 20
kill -9 "$(client_pid)"
if wait_gone_pids 10; then pass "client killed in a quiz: no vaksam process left"; else
	fail "client killed in a quiz: no vaksam process left" "$(ps -u "$user" -o pid,stat,comm)"; fi
closed_cleanly "client killed in a quiz: the kiosk closed the database cleanly"
expect_eq "nothing of the account is left" "" "$(ps -u "$user" -o comm= | grep -v '^sshd$' | tr '\n' ' ')"
expect_eq "integrity_check" ok "$(sqlite3 "$srv/vaksam.db" 'PRAGMA integrity_check')"
if ls "$srv"/asan.* >/dev/null 2>&1; then
	fail "no sanitizer report from the kiosk" "$(head -30 "$srv"/asan.*)"
else
	pass "no sanitizer report from the kiosk"
fi
