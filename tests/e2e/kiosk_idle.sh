#!/bin/bash
# Idle timeout and the next person: a countdown first (its text changes at
# most every 10 s), then logout; afterwards neither the screen nor the whole
# scrollback (capture-pane -S -) holds a trace of the person, with
# TERM=tmux-256color and with TERM=linux, after an idle logout and after F10.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kiosk_db || exit 1
"$VAKSAM" config set idle_timeout 5 --db "$T/d.db" >/dev/null 2>&1
expect_eq "a short idle timeout for the test" 5 "$(q "SELECT value FROM setting WHERE key = 'idle_timeout'")"

# No trace: the person's name, number or course status.
no_trace() { # TEST-NAME
	local h re="$name|Anställningsnummer: $num|Inte påbörjad|Påbörjad|Godkänd|Din kunskapsnivå|Kunskapstest"
	h=$(history)
	if printf '%s\n' "$h" | grep -Eq "$re"; then
		fail "$1" "found in the scrollback:"
		printf '%s\n' "$h" | grep -En "$re" | head -5
	else
		pass "$1"
	fi
}

# Each terminal type starts on a fresh database.
for term in tmux-256color linux; do
	num=1001 pin=2468 name="Anna Lindqvist"
	KTERM=$term
	rm -f "$T"/d.db*
	kiosk_db || exit 1
	"$VAKSAM" config set idle_timeout 5 --db "$T/d.db" >/dev/null 2>&1
	kiosk_start
	check "$term: login" login "$num" "$pin"
	wait_for "$term: home" "Inte påbörjad"
	# A key during the countdown keeps the session.
	wait_for "$term: the countdown warns first" "Du loggas ut om [0-9]+ sekunder"
	keys Down
	wait_gone "Du loggas ut om" 5 && pass "$term: a key keeps the session" || fail "$term: a key keeps the session"
	screen | grep -q "$name" && pass "$term: still logged in" || fail "$term: still logged in"
	# Leave it: logged out after the timeout, with a message that names nobody.
	wait_for "$term: idle logout" "Du loggades ut eftersom ingen tangent" 15
	wait_for "$term: the login screen is back" "Anställningsnummer eller kort"
	screen | grep -q "$name" && fail "$term: no name on screen" || pass "$term: no name on screen"
	no_trace "$term: no trace in the scrollback after an idle logout"

	# The same after a lesson and an explicit logout.
	check "$term: login again" login "$num" "$pin"
	keys Enter
	wait_until "Gör förtestet" 10
	keys "$(menu_digit "Läs lektionerna")"
	wait_until "Sida 1 av 3" 10
	keys Down Down Down
	keys F10
	wait_for "$term: F10 logs out" "Du är utloggad"
	no_trace "$term: no trace in the scrollback after F10"
	screen | grep -q "Välkommen till provkursen" && fail "$term: no lesson text left" || pass "$term: no lesson text left"

	# Half a login is wiped too.
	typ "$num"
	keys Enter
	wait_until "Anställningsnummer: $num" 10
	wait_for "$term: a half-done login is cleared when idle" "Skanna ditt kort" 15
	screen | grep -q "Anställningsnummer: $num" && fail "$term: the number is gone" || pass "$term: the number is gone"
	keys F10
	wait_gone "Skanna ditt kort" 20
done

# The countdown text changes at most every 10 s (whole tens only).
"$VAKSAM" config set idle_timeout 31 --db "$T/d.db" >/dev/null 2>&1
KTERM=tmux-256color
kiosk_start
check "login for the countdown" login 1001 2468
wait_for "countdown from 30" "Du loggas ut om 30 sekunder" 15
seen=""
for i in $(seq 1 150); do
	v=$(screen | sed -n 's/.*Du loggas ut om \([0-9]*\) sekunder.*/\1/p')
	[ -n "$v" ] && case " $seen " in *" $v "*) ;; *) seen="$seen $v" ;; esac
	screen | grep -q "Du loggades ut" && break
	sleep 0.2
done
expect_eq "the countdown shows 30, 20, 10" " 30 20 10" "$seen"
wait_for "and then logs out" "Du loggades ut eftersom"
keys F10
wait_gone "Skanna ditt kort" 20
asan_check "no sanitizer report"
