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
# A description is text only: a resume goes to the question after it.
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
keys F10
wait_until "Du är utloggad" 10
keys F10
wait_gone "Skanna ditt kort" 20
asan_check "no sanitizer report"
