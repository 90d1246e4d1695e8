#!/bin/bash
# The kiosk, end to end: 1001 logs in, takes the pre-test, pages through the
# lessons, passes the quiz with the right answers (every question type, by
# keys) and sees that it passed; the completion and every response are in the
# database. Then the home screen shows the course passed and the levels.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kiosk_db || exit 1

kiosk_start
wait_for "demo logins shown" "nummer 1001, PIN-kod 2468"
check "login as 1001" login 1001 2468
wait_for "home lists the course" "Kioskens provkurs"
wait_for "home shows not started" "Inte påbörjad"
wait_for "locked course names what it requires" "Låst: gör först Kioskens provkurs"
screen | grep -q "Anna Lindqvist" && pass "name in the title line" || fail "name in the title line"

keys Enter
wait_for "course screen offers the pre-test first" "> 1  Gör förtestet \(3 frågor\)"
keys Enter
wait_for "pre-test is explained as a starting point" "startpunkt"
keys Enter

# Pre-test: three questions, no feedback until the end.
kinds=""
for i in 1 2 3 4 5 6; do
	wait_until "Förtest · fråga|Förtestet är klart" || break
	screen | grep -q "Förtestet är klart" && break
	before=$(stem_line)
	kinds="$kinds $(answer_right)"
	i=0
	while [ "$(stem_line)" = "$before" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	if screen | grep -q "Förtest · fråga" && screen | grep -q "Rätt!"; then
		fail "pre-test gives no feedback" "feedback shown"
	fi
done
case "$kinds" in *unknown*) fail "pre-test questions known" "$kinds" ;; esac
wait_for "pre-test result" "Förtestet är klart"
wait_for "pre-test result reviews the answers" "Dina svar"
expect_eq "pre-test had 3 answers" 3 "$(q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id WHERE a.kind = 'pre'")"
expect_eq "pre-test finished at 100" "100.0" "$(q "SELECT score FROM attempt WHERE kind = 'pre'")"

# Lessons.
keys Enter
wait_for "lesson page 1" "Sida 1 av 3"
wait_for "placeholder filled from settings" "kiosken hos Exempelkommunen"
wait_for "block quote drawn as a Tänk på box" "Tänk på ─"
wait_for "link shown with its address" "IMY \(https://www.imy.se\)"
expect_eq "page 1 stored" 1 "$(q "SELECT page_no FROM lesson_progress")"
keys Enter
wait_for "lesson page 2" "Sida 2 av 3"
wait_for "long page says more follows" "Mer text nedanför"
expect_eq "page 2 stored" 2 "$(q "SELECT page_no FROM lesson_progress")"
keys Enter
wait_for "Enter scrolls a long page first" "Sista raden på den långa sidan"
wait_for "still page 2" "Sida 2 av 3"
keys Enter
wait_for "lesson page 3" "Sida 3 av 3"
wait_for "the last page leads to the quiz" "Enter: till kunskapstestet"
keys Enter
wait_for "quiz intro" "Kunskapstestet har 7 frågor"
keys Enter

# The quiz: every question answered rightly, with feedback after each.
kinds=""
for i in $(seq 1 12); do
	wait_until "Kunskapstest · fråga|Kunskapstest +Kioskens|Resultat" || break
	screen | grep -q "Resultat" && break
	k=$(answer_right)
	kinds="$kinds $k"
	[ "$k" = description ] && { wait_gone "Nu kommer några frågor" 10; continue; }
	if wait_until "Nästa fråga|Se resultatet" 20; then
		if [ "$k" = essay ]; then
			screen | grep -q "Ditt svar är sparat" || fail "essay saved message"
		else
			screen | grep -q "Rätt!" || { fail "feedback says right for $k"; screen; }
		fi
		keys Enter
	else
		fail "feedback after $k" "$(screen)"
		break
	fi
done
for k in single multi truefalse matching shortanswer numerical essay description; do
	case " $kinds " in *" $k "*) pass "answered a $k question" ;; *) fail "answered a $k question" "kinds:$kinds" ;; esac
done
wait_for "result shows the score" "Du fick 100 %"
wait_for "result says passed" "Godkänt!"
wait_for "result shows right/total per topic" "Incidenter och rapportering +2 av 2 rätt"
wait_for "result shows the gain since the pre-test" "Förtestet: 100 %. Nu: 100 %"

# The database.
expect_eq "one completion" 1 "$(q "SELECT count(*) FROM completion c JOIN person p ON p.id = c.person_id JOIN course k ON k.id = c.course_id WHERE p.employee_no = '1001' AND k.slug = 'kioskprov'")"
expect_eq "quiz passed at 100" "100.0|1" "$(q "SELECT score, passed FROM attempt WHERE kind = 'quiz'")"
expect_eq "every quiz answer stored" 7 "$(q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id WHERE a.kind = 'quiz'")"
expect_eq "every scored answer full marks" 6 "$(q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id WHERE a.kind = 'quiz' AND r.mark = 1")"
expect_eq "essay stored with its lines" 1 "$(q "SELECT count(*) FROM response WHERE mark IS NULL AND answer LIKE '%min chef.\\nSedan byter jag lösenord: åäö.%'")"
expect_eq "responses name their question versions" 0 "$(q "SELECT count(*) FROM response r LEFT JOIN question_version v ON v.id = r.question_version_id WHERE v.id IS NULL")"
expect_eq "choice order stored in the plan" 1 "$(q "SELECT count(*) FROM attempt WHERE kind = 'quiz' AND plan LIKE '%\"o\":[%'")"
expect_eq "all pages seen" 3 "$(q "SELECT pages_seen FROM lesson_progress")"

# Home again: passed, the next course unlocked, levels per topic.
keys Enter
wait_for "home shows passed with date and score" "Godkänd [0-9]{4}-[0-9]{2}-[0-9]{2}, 100 %"
wait_for "the next course is open now" "Provkursens fortsättning"
screen | grep -q "Låst:" && fail "next course unlocked" "still locked" || pass "next course unlocked"
wait_for "level per topic" "Grundläggande informationssäkerhet +\[##########\] 100 %"

# The next course says `feedback: end`: no feedback after the answer, a
# review of every answer with the result.
keys Down Enter
wait_for "the next course opens" "Provkursens fortsättning"
keys "$(menu_digit "Gör kunskapstestet")"
wait_for "a quiz of one question, in the singular" "Kunskapstestet har 1 fråga\."
wait_for "feedback comes at the end" "Du får se vad som var rätt när du har svarat"
keys Enter
wait_until "När rapporterar du en incident" 10
keys "$(choice_digit Direkt)"
wait_for "straight to the result, no feedback between" "Resultat"
wait_for "the result reviews the answers" "Dina svar"
wait_for "with the feedback held back" "Rätt. Ju förr desto bättre."
expect_eq "the second course completed" 1 "$(q "SELECT count(*) FROM completion c JOIN course k ON k.id = c.course_id WHERE k.slug = 'kioskprov-steg2'")"
keys "$(menu_digit "Tillbaka till dina kurser")"
wait_until "Dina kurser" 10

# A course code, scanned as a handout's QR gives it (here typed in lower
# case with the label's spaces), opens that course; a mistyped one does not.
code=$(scan_code VKCKIOSKPROVSTEG2)
typ "$(echo "$code" | tr 'A-Z' 'a-z' | sed -E 's/(....)/\1 /g')"
keys Enter
wait_for "a course code opens its course" "Ungefär 5 minuter"
keys Escape
wait_until "Dina kurser" 10
typ "${code%?}$( [ "${code: -1}" = A ] && echo B || echo A)"
keys Enter
wait_for "a mistyped course code is told apart" "Koden lästes inte rätt"
typ "VKBAAAA"
keys Enter
wait_for "another kind of code is refused" "Det är ingen kurskod|Ingen kurs har koden|Koden lästes inte rätt"

# Logging out with q leaves no name behind.
keys q
wait_for "q at home logs out" "Du är utloggad"
screen | grep -q "Anna Lindqvist" && fail "no name after logout" || pass "no name after logout"
keys F10
wait_gone "Anställningsnummer" 20 && pass "F10 at the login screen quits" || fail "F10 at the login screen quits"
asan_check "no sanitizer report"
