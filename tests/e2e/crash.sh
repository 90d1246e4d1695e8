#!/bin/bash
# Crash: sessions killed with SIGKILL at random moments while answering lose
# nothing that was acknowledged, and leave a sound database.
#
# Part 1 (at least 100 kills, CRASH_KILLS): tests/tools/answer_load answers
# through the kiosk's own core path (core/attempt.h: attempt_start resumes
# the open attempt, attempt_answer commits each answer in its own BEGIN
# IMMEDIATE transaction, attempt_finish) and prints "ACK" only after a
# commit returned, as the kiosk shows feedback only after it. Six such
# sessions run at once, so kills also land while another one holds the
# write lock, and each is killed at a random moment (0-250 ms, seeded by
# CRASH_SEED) after its first answer was acknowledged. One more session
# is killed at a known point (right after its second acknowledged answer),
# so that resuming the attempt a kill left open is checked every run.
# Driving the real kiosk through tmux a hundred times would take minutes (a
# login costs an Argon2id hash), so the real kiosk gets part 2.
#
# Part 2 (CRASH_KIOSK_ROUNDS, default 4): the real kiosk in tmux, logged in,
# answering the fixture course, killed at a random moment after an answer
# was typed. The screen left behind says whether the answer was acknowledged
# (its feedback was shown); the database must hold every acknowledged answer
# and at most the one more that was committed but not yet shown.
#
# Afterwards: PRAGMA integrity_check and foreign_key_check are clean, every
# acknowledged answer is stored, none twice, and the killed attempts resume.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kills=${CRASH_KILLS:-120}
rounds=${CRASH_KIOSK_ROUNDS:-4}
helper=$("$ROOT/tests/tools/answer_load.sh" "$VAKSAM" "$T/tools" 2>"$T/helper.err")
if [ -z "$helper" ] || [ ! -x "$helper" ]; then
	fail "build tests/tools/answer_load" "$(head -20 "$T/helper.err")"
	exit 1
fi
pass "build tests/tools/answer_load"
# The sessions killed at random run the optimised build's helper when there
# is one beside the sanitizer build: a process ended by SIGKILL cannot report
# a leak, and the sanitizers' start-up cost (about 0.6 s of CPU each) times
# 120 kills would be most of this suite. The sessions checked afterwards,
# and the concurrency suite on the same code path, run under the sanitizers.
fast=$helper
case "$VAKSAM" in
*/san/vaksam)
	opt=${VAKSAM%/san/vaksam}/vaksam
	if [ -x "$opt" ]; then
		fast=$("$ROOT/tests/tools/answer_load.sh" "$opt" "$T/tools-opt" 2>"$T/helper.err") ||
			fast=$helper
	fi
	;;
esac
kiosk_db || exit 1
db=$T/d.db

# Milliseconds, for the random moments, from $RANDOM seeded with CRASH_SEED
# (printed, so that a failing run can be repeated as far as timing allows).
seed=${CRASH_SEED:-$(date +%s)}
RANDOM=$seed
echo "info: CRASH_SEED=$seed"
# rand_ms N sets $ms to 0..N-1 (in this shell: a $(...) subshell would not
# advance the seeded sequence).
rand_ms() { ms=$(((RANDOM * 32768 + RANDOM) % $1)); }
ms_sleep() { sleep "$(awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }')"; }

# ---- Part 1: the core path, killed at random ----------------------------

acks=$T/acks
: >"$acks"
: >"$T/errors"
killed=0
early=0
# waitfor_acks FILE N PID: waits (up to 60 s) until FILE holds N "ACK" lines
# or PID is gone.
waitfor_acks() {
	local i=0
	local n=0
	while [ $i -lt 600 ] && kill -0 "$3" 2>/dev/null; do
		# The file may not be there yet: the helper's shell opens it.
		n=$(grep -c '^ACK' "$1" 2>/dev/null)
		[ "${n:-0}" -ge "$2" ] && break
		sleep 0.05
		i=$((i + 1))
	done
}
# One session: starts a helper for employee $1, waits until it has
# acknowledged its first answer, then kills it after $3 ms (a random 0-250,
# drawn by the caller from the seeded $RANDOM).
session() {
	local emp=$1 out=$T/run.$1.$2 pid
	"$fast" --db "$db" --employee "$emp" --answers 100000 --seed "$2" >"$out" 2>"$out.err" &
	pid=$!
	waitfor_acks "$out" 1 "$pid"
	ms_sleep "$3"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	echo "$?" >"$out.rc"
}
# Six people at a time: kills also land while another session holds the
# write lock, and a round costs the start-up of one process, not six.
people="1002 1003 1005 1006 1007 1008"
round=0
while [ "$killed" -lt "$kills" ]; do
	round=$((round + 1))
	spids=""
	for emp in $people; do
		rand_ms 250
		session "$emp" "$round" "$ms" &
		spids="$spids $!"
	done
	wait $spids
	for emp in $people; do
		out=$T/run.$emp.$round
		# Exit 137 is SIGKILL; anything else means it ended on its own
		# (an error, or a sanitizer report) before the kill.
		if [ "$(cat "$out.rc")" = 137 ]; then
			killed=$((killed + 1))
		else
			early=$((early + 1))
			[ -s "$out.err" ] && cp "$out.err" "$T/early.$emp.$round.err"
		fi
		# Every session is killed after its first acknowledged answer.
		grep -q '^ACK' "$out" || echo "ERR no answer acknowledged before the kill" >>"$T/errors"
		grep '^ACK' "$out" >>"$acks"
		grep '^ERR' "$out" >>"$T/errors"
		rm -f "$out" "$out.err" "$out.rc"
	done
done
echo "info: part 1 took ${SECONDS}s"
[ "$early" -eq 0 ] && pass "$killed sessions killed with SIGKILL while answering" ||
	fail "sessions killed while answering" "$early ended before the kill: $(cat "$T"/early.*.err 2>/dev/null | head -20)"
[ -s "$T/errors" ] && fail "no error shown to a session" "$(head -5 "$T/errors")" ||
	pass "no error shown to a session"

expect_eq "integrity_check after $killed kills" ok "$(q 'PRAGMA integrity_check')"
expect_eq "foreign_key_check after the kills" "" "$(q 'PRAGMA foreign_key_check')"

# Every acknowledged answer is stored, with the version it answered.
n_acks=$(wc -l <"$acks")
[ "$n_acks" -ge "$killed" ] && pass "answers acknowledged before the kills ($n_acks)" ||
	fail "answers acknowledged before the kills" "only $n_acks"
missing=$(acks_missing "$db" <"$acks")
expect_eq "every acknowledged answer is in the database" 0 "$missing"
expect_eq "no answer acknowledged twice" 0 "$(sort "$acks" | uniq -d | wc -l)"

# What is stored beyond the acknowledged answers: at most one answer per
# kill (committed, then killed before it could be shown).
stored=$(q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id
	JOIN person p ON p.id = a.person_id WHERE p.employee_no IN ('1002', '1003', '1005', '1006', '1007', '1008')")
extra=$((stored - n_acks))
[ "$extra" -ge 0 ] && [ "$extra" -le "$killed" ] &&
	pass "stored answers = acknowledged + at most one per kill ($stored = $n_acks + $extra)" ||
	fail "stored answers = acknowledged + at most one per kill" "$stored stored, $n_acks acknowledged, $killed kills"
expect_eq "no question answered twice in an attempt" 0 \
	"$(q 'SELECT count(*) FROM (SELECT 1 FROM response GROUP BY attempt_id, question_version_id HAVING count(*) > 1)')"
expect_eq "no plan position answered twice" 0 \
	"$(q 'SELECT count(*) FROM (SELECT 1 FROM response GROUP BY attempt_id, position HAVING count(*) > 1)')"
expect_eq "at most one open attempt per person, course and kind" 0 \
	"$(q "SELECT count(*) FROM (SELECT 1 FROM attempt WHERE finished IS NULL AND source = 'kiosk'
		GROUP BY person_id, course_id, kind HAVING count(*) > 1)")"
expect_eq "every finished attempt has a score" 0 \
	"$(q 'SELECT count(*) FROM attempt WHERE finished IS NOT NULL AND score IS NULL')"
expect_eq "every completion belongs to a passed attempt" 0 \
	"$(q 'SELECT count(*) FROM completion c JOIN attempt a ON a.id = c.attempt_id WHERE a.passed IS NOT 1')"
# The people killed at random go on cleanly, wherever their kill left them.
for emp in $people; do
	"$helper" --db "$db" --employee "$emp" --answers 3 >"$T/after.$emp" 2>&1
	expect_eq "$emp answers again after the kills, clean" 0 "$?"
	check "$emp: no answer refused as given before" grep -q ' dups=0 ' "$T/after.$emp"
done

# A kill at a known point: 1004 stops right after its second acknowledged
# answer (--hang-after) and is killed there, so its attempt is open with two
# answers in it. A new session resumes that attempt and answers a question
# that was not answered yet.
"$helper" --db "$db" --employee 1004 --course kioskprov --answers 1000 --hang-after 2 \
	>"$T/hang.out" 2>"$T/hang.err" &
pid=$!
waitfor_acks "$T/hang.out" 2 "$pid"
sleep 0.2
check "1004 waits after its second answer" kill -0 "$pid"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_eq "1004 killed with SIGKILL" 137 "$?"
expect_eq "1004 had two answers acknowledged" 2 "$(grep -c '^ACK' "$T/hang.out")"
open_id=$(grep -m1 '^ACK' "$T/hang.out" | awk '{ print $2 }')
expect_eq "the kill left 1004's attempt open, with both answers" "open 2" \
	"$(q "SELECT CASE WHEN finished IS NULL THEN 'open' ELSE 'finished' END || ' ' ||
		(SELECT count(*) FROM response WHERE attempt_id = a.id) FROM attempt a WHERE id = ${open_id:-0}")"
"$helper" --db "$db" --employee 1004 --course kioskprov --answers 1 >"$T/resume.out" 2>&1
expect_eq "a session after the kill runs clean" 0 "$?"
check "it reports no duplicate" grep -q ' dups=0 ' "$T/resume.out"
expect_eq "it resumes the attempt the kill left open" "$open_id" \
	"$(grep -m1 '^ACK' "$T/resume.out" | awk '{ print $2 }')"
pos=$(grep -m1 '^ACK' "$T/resume.out" | awk '{ print $3 }')
grep '^ACK' "$T/hang.out" | awk '{ print $3 }' | grep -qx -- "${pos:-x}" &&
	fail "it answers a question not answered before" "position $pos again" ||
	pass "it answers a question not answered before (position $pos)"
expect_eq "the resumed attempt holds three answers" 3 \
	"$(q "SELECT count(*) FROM response WHERE attempt_id = ${open_id:-0}")"

# ---- Part 2: the real kiosk in tmux, killed at random --------------------

# The number of stored responses of 1001's kiosk attempts.
stored_1001() {
	q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id
		JOIN person p ON p.id = a.person_id WHERE p.employee_no = '1001'"
}

# The fixture course's scan code (ISO 7064 MOD 37,36, see core/scancode.h):
# typed into the home screen's code field, it opens the course.
code=$(scan_code VKCKIOSKPROV)

# From wherever the login lands, to a question of the fixture quiz; each
# step waits for its screen to go, so no key lands on the wrong screen.
to_question() {
	local i=0 s
	while [ $i -lt 30 ]; do
		s=$(screen)
		case "$s" in
		*"Kunskapstest · fråga"* | *"Nu kommer några"*) return 0 ;;
		*"Kunskapstestet har"*) keys Enter; wait_gone "Kunskapstestet har" 10 ;;
		*"Gör testet igen"*) keys "$(menu_digit "Gör testet igen")"; wait_gone "Gör testet igen" 10 ;;
		*"Fortsätt kunskapstestet"*)
			keys "$(menu_digit "Fortsätt kunskapstestet")"
			wait_gone "Fortsätt kunskapstestet" 10 ;;
		*"Gör kunskapstestet"*)
			keys "$(menu_digit "Gör kunskapstestet")"
			wait_gone "Gör kunskapstestet" 10 ;;
		*"Dina kurser"*) typ "$code"; keys Enter; wait_gone "Dina kurser" 10 ;;
		*) sleep 0.3 ;;
		esac
		i=$((i + 1))
	done
	return 1
}

kiosk_ok=0
for r in $(seq 1 "$rounds"); do
	kiosk_start
	if ! login 1001 2468 || ! to_question; then
		fail "kiosk round $r reaches a question" "$(screen)"
		continue
	fi
	before=$(stored_1001)
	acked=0
	steps=$((RANDOM % 3))
	# A few answers acknowledged as usual, then one with a kill at a random
	# moment after its keys were sent.
	for _ in $(seq 1 "$steps"); do
		wait_until "Kunskapstest · fråga|Nu kommer några" 10 || break
		k=$(quiz_step)
		case "$k" in single | multi | truefalse | matching | shortanswer | numerical | essay) acked=$((acked + 1)) ;; esac
	done
	wait_until "Kunskapstest · fråga|Nu kommer några" 10
	stem=$(stem_line)
	k=$(answer_right)
	pid=$(kiosk_pid)
	rand_ms 400
	ms_sleep "$ms"
	[ -n "$pid" ] && kill -9 "$pid"
	i=0
	while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	# The pane keeps the last frame the killed kiosk drew.
	if [ "$k" != description ] && screen | grep -Eq "Nästa fråga|Se resultatet" &&
		screen | grep -qF -- "$stem"; then
		acked=$((acked + 1))
	fi
	after=$(stored_1001)
	d=$((after - before))
	if [ "$d" -ge "$acked" ] && [ "$d" -le $((acked + 1)) ]; then
		kiosk_ok=$((kiosk_ok + 1))
	else
		fail "kiosk round $r" "acknowledged $acked, stored $d more (kind $k)"
	fi
done
echo "info: parts 1 and 2 took ${SECONDS}s"
expect_eq "real kiosk killed $rounds times: acknowledged answers kept" "$rounds" "$kiosk_ok"
expect_eq "integrity_check after the kiosk kills" ok "$(q 'PRAGMA integrity_check')"
# The last killed session resumes at a question with its answers kept.
kiosk_start
check "login after the last kill" login 1001 2468
check "the killed quiz can be continued" to_question
asan_check "no sanitizer report from the kiosk"
