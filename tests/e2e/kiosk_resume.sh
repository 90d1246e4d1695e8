#!/bin/bash
# Resume: whoever leaves (logout, Esc, kill -9) comes back to the same lesson
# page or the same question of the same attempt, with earlier answers kept.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kiosk_db || exit 1
kiosk_start
check "login" login 1001 2468
keys Enter
wait_until "Gör förtestet" 20
keys "$(menu_digit "Läs lektionerna")"
wait_for "lessons open on page 1" "Sida 1 av 3"
keys Right
wait_for "right arrow turns the page" "Sida 2 av 3"
keys F10
wait_for "logged out from a lesson" "Du är utloggad"
check "login again" login 1001 2468
wait_for "back on the same lesson page" "Sida 2 av 3"
wait_for "welcomed back" "Välkommen tillbaka"
keys Left
wait_for "left arrow turns back" "Sida 1 av 3"
keys Escape
wait_for "Esc goes to the course menu" "Fortsätt läsa på sida 1 av 3"

# Start the quiz and answer a few questions.
keys "$(menu_digit "Gör kunskapstestet")"
wait_for "quiz intro" "Kunskapstestet har 7 frågor"
keys Enter
kinds=""
for i in 1 2 3; do
	wait_until "Kunskapstest · fråga|Nu kommer några" 20
	kinds="$kinds $(quiz_step)"
done
wait_until "Kunskapstest · fråga|Nu kommer några" 20
# Step past a description here: this part is about questions (descriptions
# have their own part below).
if screen | grep -q "Nu kommer några"; then
	keys Enter
	wait_until "Kunskapstest · fråga" 20
fi
before=$(stem_line)
header=$(screen | sed -n 2p | sed 's/ *Kioskens provkurs//')
answered=$(q "SELECT count(*) FROM response")
[ "$answered" -ge 2 ] && pass "answers committed as given ($answered)" || fail "answers committed as given" "$answered"
attempt=$(q "SELECT id FROM attempt WHERE kind = 'quiz'")
plan=$(q "SELECT plan FROM attempt WHERE kind = 'quiz'")

# Esc pauses: the course menu offers to continue.
keys Escape
wait_for "Esc in the quiz keeps the answers" "Dina svar är sparade"
wait_for "the menu offers to continue the quiz" "Fortsätt kunskapstestet \($answered av 7"
keys "$(menu_digit "Fortsätt kunskapstestet")"
wait_for "continuing shows the same question" "$(printf '%s' "$before" | sed 's/[][\.*^$?+(){}|]/\\&/g')"

# kill -9 in the middle of the quiz.
pid=$(kiosk_pid)
[ -n "$pid" ] && kill -9 "$pid"
i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && fail "kiosk killed" || pass "kiosk killed"
expect_eq "answers survive kill -9" "$answered" "$(q "SELECT count(*) FROM response")"
expect_eq "integrity after kill -9" ok "$(q "PRAGMA integrity_check")"

kiosk_start
check "login after the kill" login 1001 2468
wait_for "the same question after kill -9" "$(printf '%s' "$before" | sed 's/[][\.*^$?+(){}|]/\\&/g')"
wait_for "the same question number" "$(printf '%s' "$header" | sed 's/^ *//')"
expect_eq "the same attempt, no new one" "$attempt" "$(q "SELECT group_concat(id) FROM attempt WHERE kind = 'quiz'")"
expect_eq "the same plan" "$plan" "$(q "SELECT plan FROM attempt WHERE id = $attempt")"

# Finish: the earlier answers count in the result.
for i in $(seq 1 8); do
	screen | grep -q "Resultat" && break
	wait_until "Kunskapstest · fråga|Nu kommer några|Resultat" 20
	screen | grep -q "Resultat" && break
	quiz_step >/dev/null
done
wait_for "the quiz finishes with every answer kept" "Du fick 100 %"
expect_eq "one response per question" 7 "$(q "SELECT count(*) FROM response WHERE attempt_id = $attempt")"
expect_eq "no response twice" 0 "$(q "SELECT count(*) FROM (SELECT question_version_id FROM response GROUP BY attempt_id, question_version_id HAVING count(*) > 1)")"

# Try again: a new attempt, shuffled afresh.
keys "$(menu_digit "Gör testet igen")"
wait_for "try again starts a new attempt" "Kunskapstestet har 7 frågor"
expect_eq "a second attempt" 2 "$(q "SELECT count(*) FROM attempt WHERE kind = 'quiz'")"
attempt2=$(q "SELECT id FROM attempt WHERE kind = 'quiz' AND finished IS NULL")

# Stops the kiosk with a signal and waits until it is gone.
stop_kiosk() {
	local pid i=0
	pid=$(kiosk_pid)
	[ -n "$pid" ] && kill "-$1" "$pid"
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
restart_login() {
	kiosk_start
	login 1001 2468 || fail "login after a restart" "$(screen)"
}

# In the second attempt: leave on the description and on the essay.
keys Enter
seen_desc=0
seen_essay=0
for i in $(seq 1 12); do
	wait_until "Kunskapstest · fråga|Nu kommer några|Resultat" 20
	s=$(screen)
	case "$s" in *Resultat*) break ;; esac
	if [ $seen_desc = 0 ] && printf '%s' "$s" | grep -q "Nu kommer några frågor"; then
		# A description has no answer, but it is a place: whoever leaves
		# while reading it comes back to it, not to the question after it.
		seen_desc=1
		stop_kiosk 9
		restart_login
		wait_for "back on the description after kill -9" "Nu kommer några frågor om grunderna"
		wait_for "the description's key is in the bar" "Enter Vidare"
		keys Enter
		wait_for "Enter leaves the description" "Kunskapstest · fråga"
		next=$(stem_line)
		keys F10
		wait_until "Du är utloggad" 10
		login 1001 2468
		wait_for "past the description, back on the question after it" \
			"$(printf '%s' "$next" | sed 's/[][\.*^$?+(){}|]/\\&/g')"
		screen | grep -q "Nu kommer några" && fail "the description is not shown again" ||
			pass "the description is not shown again"
		continue
	fi
	if [ $seen_essay = 0 ] && printf '%s' "$s" | grep -q "Beskriv med egna ord"; then
		# An essay typed but not sent survives the ssh session dying.
		seen_essay=1
		typ "Jag drar ur kabeln och ringer IT-stöd. Åäö."
		wait_for "the essay text is on screen" "drar ur kabeln"
		stop_kiosk HUP
		expect_eq "SIGHUP saves the draft (only the typed text)" \
			"Jag drar ur kabeln och ringer IT-stöd. Åäö." \
			"$(q "SELECT json_extract(plan, '\$.draft') FROM attempt WHERE id = $attempt2")"
		expect_eq "no response for an unsent essay" 0 \
			"$(q "SELECT count(*) FROM response r JOIN question_version v ON v.id = r.question_version_id WHERE r.attempt_id = $attempt2 AND v.type = 'essay'")"
		restart_login
		wait_for "the essay comes back after SIGHUP" "Beskriv med egna ord"
		wait_for "with the text typed" "Jag drar ur kabeln och ringer IT-stöd\. Åäö\."
		wait_for "and says so" "Texten du skrev finns kvar"
		# Keep typing, pause, then kill -9: the pause saved it.
		typ " Sedan byter jag lösenord."
		wait_for "more text typed" "byter jag lösenord"
		sleep 2.5
		stop_kiosk 9
		expect_eq "a pause in typing saves the draft (kill -9 after it)" \
			"Jag drar ur kabeln och ringer IT-stöd. Åäö. Sedan byter jag lösenord." \
			"$(q "SELECT json_extract(plan, '\$.draft') FROM attempt WHERE id = $attempt2")"
		restart_login
		wait_for "the longer text is back after kill -9" "Sedan byter jag lösenord\."
		keys Tab
		wait_for "Tab sends the essay" "Nästa fråga|Se resultatet"
		expect_eq "the sent essay is the whole text" \
			"Jag drar ur kabeln och ringer IT-stöd. Åäö. Sedan byter jag lösenord." \
			"$(q "SELECT json_extract(r.answer, '\$.text') FROM response r JOIN question_version v ON v.id = r.question_version_id WHERE r.attempt_id = $attempt2 AND v.type = 'essay'")"
		keys Enter
		wait_gone "Nästa fråga|Se resultatet" 10
		continue
	fi
	quiz_step >/dev/null
done
expect_eq "the description part ran" 1 "$seen_desc"
expect_eq "the essay part ran" 1 "$seen_essay"
wait_for "the second attempt finishes" "Du fick 100 %"
expect_eq "a finished attempt keeps no place or draft" 1 \
	"$(q "SELECT json_type(plan, '\$.at') IS NULL AND json_type(plan, '\$.draft') IS NULL FROM attempt WHERE id = $attempt2")"
keys F10
wait_until "Du är utloggad" 10
keys F10
wait_gone "Skanna ditt kort" 20
asan_check "no sanitizer report"
