#!/bin/bash
# A new user's walkthrough of a real course (issue 5's acceptance: "Tried as
# a new user would, a course can be finished at 80x24 with nothing but the
# bottom bar for help"). On a plain `init --demo` database with the bundled
# library: read a demo login off the login screen, log in, open the first
# all-staff course, take the pre-test, read every lesson page, pass the quiz
# with the right answers taken from `vaksam content dump`, see the result and
# the home status "Godkänd". Every key pressed must be named in the bottom bar
# at that moment; typed text only goes where the screen asks for it.
#
# WALK_RECORD=DIR keeps every screen seen (NNN.txt) for docs/kiosk-walkthrough.md.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

record=${WALK_RECORD:-}
[ -n "$record" ] && mkdir -p "$record"
shots=0
snap() { # keeps the screen as seen before the next action
	[ -n "$record" ] || return 0
	shots=$((shots + 1))
	{ echo "# $1"; screen; } >"$record/$(printf %03d "$shots").txt"
}

keys_pressed=0
keys_unnamed=0
# The bar's name for a key: what a person would look for on the bottom line.
bar_name() {
	case "$1" in
	[1-9]) echo "1-9" ;;
	[A-Z]) echo "A-Z" ;;
	Enter) echo "Enter" ;;
	Up | Down) echo "↑↓" ;;
	Left | Right) echo "←→" ;;
	Escape) echo "Esc" ;;
	Tab) echo "Tab" ;;
	Space) echo "Mellanslag" ;;
	*) echo "?$1" ;;
	esac
}
# Presses a key after checking that the bottom bar names it now.
press() {
	local name bar
	name=$(bar_name "$1")
	bar=$(screen | tail -1)
	keys_pressed=$((keys_pressed + 1))
	case "$bar" in
	*"$name "*) ;;
	*)
		keys_unnamed=$((keys_unnamed + 1))
		fail "key $1 is named in the bar" "bar is [$bar]"
		screen | sed 's/^/  | /'
		;;
	esac
	keys "$1"
}
# Types text where the screen asks for it (a field and a "Skriv ..." line).
type_in() {
	if screen | grep -Eq "Skriv|skriv"; then
		typ "$1"
	else
		fail "typing is asked for on screen" "$(screen | head -8)"
		typ "$1"
	fi
}

# ---- A fresh demo database with the bundled library ---------------------
vk init --demo --db "$T/d.db"
expect_eq "init --demo" 0 "$rc"
course=infosak-grunder
dir="$ROOT/content/courses/$course"
title=$(sed -n 's/^title: //p' "$dir/course.md")
"$VAKSAM" content dump "$dir/quiz.gift" >"$T/dump.jsonl" 2>"$T/err"
expect_eq "the course's questions are dumped" 0 "$?"
grep -q '^audience: all' "$dir/course.md" && pass "$course is an all-staff course" ||
	fail "$course is an all-staff course"
pages=$(grep -c '^# ' "$dir/course.md")

kiosk_start
wait_for "the login screen" "Anställningsnummer eller kort"
snap "Inloggning"
# The demo login is read off the screen, as a visitor would.
line=$(screen | grep -E "nummer [0-9]+, PIN-kod [0-9]+ +\(medarbetare\)" | head -1)
num=$(printf '%s' "$line" | sed -E 's/.*nummer ([0-9]+),.*/\1/')
pin=$(printf '%s' "$line" | sed -E 's/.*PIN-kod ([0-9]+).*/\1/')
[ -n "$num" ] && [ -n "$pin" ] && pass "a staff demo login is shown ($num)" ||
	fail "a staff demo login is shown" "$(screen)"
type_in "$num"
press Enter
wait_for "the PIN step asks for the PIN" "Skriv din PIN-kod"
snap "PIN-kod"
type_in "$pin"
press Enter
wait_for "logged in: the course list" "Dina kurser"
snap "Hem: dina kurser"

# ---- Open the course: it is the focused one, or down the list ------------
for i in $(seq 1 20); do
	screen | grep -q "> $title" && break
	press Down
	sleep 0.1
done
wait_for "the course is focused" "> $title"
press Enter
wait_for "the course screen" "Gör förtestet"
snap "Kursen"

# ---- The pre-test, offered first ----------------------------------------
wait_for "the pre-test is the focused choice" "> 1  Gör förtestet"
press Enter
wait_for "the pre-test is explained" "startpunkt, inget prov"
snap "Förtestet förklaras"
press Enter
answered=0
# Answers the question on screen with the walk_answer.py keys.
answer_screen() {
	local out kind k
	out=$(screen | python3 "$ROOT/tests/e2e/walk_answer.py" "$T/dump.jsonl") || {
		fail "the question on screen is one of the course" "$(screen | head -12)"
		return 1
	}
	kind=$(printf '%s\n' "$out" | head -1)
	if ! grep -qx "$kind" "$T/snapped" 2>/dev/null; then
		echo "$kind" >>"$T/snapped"
		snap "Fråga av typen $kind"
	fi
	printf '%s\n' "$out" | tail -n +2 >"$T/keys"
	while IFS= read -r k; do
		case "$k" in
		TYPE:*) type_in "${k#TYPE:}" ;;
		*) press "$k" ;;
		esac
		sleep 0.1
	done <"$T/keys"
	answered=$((answered + 1))
	echo "$kind" >>"$T/kinds"
}
for i in $(seq 1 10); do
	wait_until "Förtest · fråga|Förtestet är klart" 10
	screen | grep -q "Förtestet är klart" && break
	before=$(screen | sed -n 2p)
	answer_screen || break
	wait_until "Förtestet är klart" 2 || wait_gone "^$(printf '%s' "$before" | sed 's/[][\.*^$?+(){}|]/\\&/g')\$" 10
done
wait_for "the pre-test result" "Förtestet är klart"
snap "Förtestets resultat"
wait_for "lessons are offered next" "> 1  Läs lektionerna"

# ---- Read every page with Enter ----------------------------------------
press Enter
wait_for "the first lesson page" "Sida 1 av $pages"
snap "Lektion, sida 1"
seen=""
for i in $(seq 1 120); do
	s=$(screen)
	case "$s" in *"Kunskapstestet har"*) break ;; esac
	p=$(printf '%s\n' "$s" | grep -Eo "Sida [0-9]+ av $pages" | head -1 | awk '{print $2}')
	case " $seen " in *" $p "*) ;; *) seen="$seen $p" ;; esac
	if printf '%s\n' "$s" | grep -q "Sista sidan. Enter: till kunskapstestet"; then
		snap "Sista sidan"
	fi
	press Enter
	# Wait for the frame to change, so no page goes by unread under load.
	for j in $(seq 1 50); do [ "$(screen)" != "$s" ] && break; sleep 0.1; done
done
expect_eq "every page was shown" "$(seq -s ' ' 1 "$pages")" "$(echo $seen)"
n=0
while IFS= read -r t; do
	n=$((n + 1))
done < <(grep '^# ' "$dir/course.md")
expect_eq "pages counted as in course.md" "$pages" "$n"

# ---- The quiz ------------------------------------------------------------
nq=$(grep -vc '"type":"description"' "$T/dump.jsonl")
wait_for "the quiz intro follows the last page" "Kunskapstestet har $nq frågor"
snap "Kunskapstestet förklaras"
press Enter
: >"$T/kinds"
for i in $(seq 1 40); do
	wait_until "Kunskapstest · fråga|Resultat|Godkänd|Du fick" 10
	s=$(screen)
	case "$s" in *"Du fick"*) break ;; esac
	if printf '%s\n' "$s" | tail -1 | grep -Eq "Enter (Nästa fråga|Se resultatet)"; then
		[ "$i" -le 2 ] && snap "Återkoppling"
		press Enter
		wait_gone "Enter (Nästa fråga|Se resultatet)" 10
		continue
	fi
	answer_screen || break
	wait_until "Nästa fråga|Se resultatet|Du fick" 10
done
expect_eq "every question answered" "$nq" "$(grep -vc description "$T/kinds")"
wait_for "the result: full marks" "Du fick 100 %"
wait_for "the result says passed" "Godkänt! Du har klarat kursen"
snap "Resultat"

# ---- Back home: the course is passed ------------------------------------
for i in $(seq 1 5); do
	screen | grep -q "Dina kurser" && break
	if screen | grep -Eq "> [0-9]  Tillbaka till dina kurser"; then
		press Enter
	else
		press Down
	fi
	sleep 0.2
done
wait_for "home again" "Dina kurser"
wait_for "the home status says passed" "Godkänd"
snap "Hem: godkänd"
expect_eq "every key pressed was named in the bar" 0 "$keys_unnamed"
[ "$keys_pressed" -ge 40 ] && pass "a real walk ($keys_pressed keys)" ||
	fail "a real walk" "$keys_pressed keys"

# ---- What is stored -----------------------------------------------------
pid=$(q "SELECT id FROM person WHERE employee_no = '$num'")
cid=$(q "SELECT id FROM course WHERE slug = '$course'")
expect_eq "one completion stored" 1 "$(q "SELECT count(*) FROM completion WHERE person_id = $pid AND course_id = $cid")"
expect_eq "the quiz attempt passed with 100" "1|100.0" \
	"$(q "SELECT passed, score FROM attempt WHERE person_id = $pid AND course_id = $cid AND kind = 'quiz'")"
expect_eq "every answer stored" "$nq" \
	"$(q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id WHERE a.person_id = $pid AND a.kind = 'quiz'")"
press_f10() { keys F10; }
press_f10
wait_for "logged out" "Du är utloggad"
keys F10
wait_gone "Anställningsnummer" 20
asan_check "no sanitizer report"
