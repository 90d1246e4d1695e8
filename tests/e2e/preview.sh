#!/bin/bash
# `vaksam content preview COURSE_DIR`: a course shown in the kiosk's own
# screens straight from its folder, at 80x24, with no database. Reads the
# screen with capture-pane as an author would: lesson pages with å ä ö and
# "Sida n av m", questions, the result; checks that no database file appears
# and that a broken folder gives compiler-style errors instead of a kiosk.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

# The preview runs in its own empty folder, so any file it wrote would show.
mkdir -p "$T/run"
preview_start() {
	$KTMUX kill-server >/dev/null 2>&1
	KSERVERS=$((KSERVERS + 1))
	KTMUX="tmux -L vk$$-$KSERVERS -f /dev/null"
	$KTMUX new-session -d -s k -x 80 -y 24 -c "$T/run" \
		"env -u LANGUAGE -u VAKSAM_DB LANG=C.UTF-8 TERM=$KTERM VAKSAM_LOCALEDIR=$T/locale \
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:log_path=$T/asan \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}:log_path=$T/asan \
		$VAKSAM content preview $1; echo PREVIEW-EXIT=\$?; sleep 30"
}

# ---- A bundled course: the first all-staff course of the library ---------
course="$ROOT/content/courses/infosak-grunder"
pages=$(grep -c '^# ' "$course/course.md")
title=$(sed -n 's/^title: //p' "$course/course.md")
preview_start "$course"
wait_for "the course opens in the preview" "$title"
wait_for "the header says it is a preview" "Förhandsvisning"
wait_for "the menu counts the pages" "Läs lektionerna \($pages sidor\)"
keys "$(menu_digit "Läs lektionerna")"
wait_for "first lesson page, page n of m" "Sida 1 av $pages"
wait_for "the first heading with å ä ö" "Vad är informationssäkerhet\?"
wait_for "body text with å ä ö, wrapped" "Du arbetar med information varje dag"
wait_for "the bottom bar names the page keys" "Enter Vidare .*←→ Sida"
# No line is wider than the terminal, and nothing is cut in a word.
wide=$(screen | python3 -c 'import sys; print(sum(len(l.rstrip("\n")) > 80 for l in sys.stdin))')
expect_eq "no line wider than 80 columns" 0 "$wide"
# Step through every page with → (the key the bar names) and read each title.
n=1
while [ "$n" -lt "$pages" ]; do
	n=$((n + 1))
	keys Right
	wait_until "Sida $n av $pages" 10 || break
done
wait_for "→ reaches the last page" "Sida $pages av $pages"
last_title=$(grep '^# ' "$course/course.md" | tail -1 | sed 's/^# //')
wait_for "the last page shows its own title" "$(printf '%s' "$last_title" | sed 's/[][\.*^$?+(){}|]/\\&/g')"
keys Left
wait_for "← goes back a page" "Sida $((pages - 1)) av $pages"
keys Escape
wait_for "Esc returns to the course menu" "Gör kunskapstestet"

# The questions, in file order.
nq=$("$VAKSAM" content dump "$course/quiz.gift" | grep -vc '"type":"description"')
keys "$(menu_digit "Gör kunskapstestet")"
wait_for "the quiz intro counts the questions" "Kunskapstestet har $nq frågor"
wait_for "the intro says answers are not stored" "förhandsvisning: svaren sparas inte"
keys Enter
wait_for "question 1 of n" "fråga 1 av $nq"
stem4=$("$VAKSAM" content dump "$course/quiz.gift" | head -1 |
	python3 -c 'import json,sys; print(" ".join(json.loads(sys.stdin.read())["stem"].split()[0:4]))')
wait_for "the first question's own text" "$stem4"
keys 1
wait_for "an answer gets feedback" "Rätt!|Fel\.|Inte rätt|Delvis"
wait_for "the bar names the next key" "Enter Nästa fråga"
keys Enter
wait_for "question 2 of n" "fråga 2 av $nq"
keys Escape
wait_for "Esc leaves the quiz for the course menu" "Avsluta förhandsvisningen"
keys "$(menu_digit "Avsluta förhandsvisningen")"
wait_for "leaving the preview ends the program" "PREVIEW-EXIT=0"
expect_eq "no file written (no database)" "" "$(ls -A "$T/run")"

# ---- The fixture: every question type, placeholders from defaults -------
fixture="$ROOT/tests/fixtures/kiosk/courses/kioskprov"
preview_start "$fixture"
wait_for "the fixture opens" "Kioskens provkurs"
keys "$(menu_digit "Läs lektionerna")"
wait_for "fixture page 1 of 3" "Sida 1 av 3"
wait_for "a placeholder is filled from the default" "testa kiosken hos Exempelkommunen"
wait_for "a block quote is a Tänk på box" "Tänk på"
wait_for "a link shows its address" "IMY.*imy\.se"
keys Enter
wait_until "Sida 2 av 3|Slut på sidan|nedanför" 5
# Enter scrolls to the end of a long page, then turns it.
for i in 1 2 3 4; do screen | grep -q "Sida 2 av 3" && break; keys Enter; sleep 0.2; done
wait_for "Enter reaches page 2" "Sida 2 av 3"
wait_for "Swedish names on page 2" "Åsa, Östen och Ärla"
keys Escape
keys "$(menu_digit "Gör kunskapstestet")"
wait_for "fixture quiz intro" "Kunskapstestet har 7 frågor"
keys Enter
wait_for "a description comes first, unnumbered" "Nu kommer några frågor om grunderna"
kinds=""
for i in $(seq 1 9); do
	screen | grep -q "Resultat" && break
	wait_until "fråga [0-9]+ av 7|Nu kommer några|Resultat" 10
	screen | grep -q "Resultat" && break
	kinds="$kinds $(quiz_step)"
done
expect_eq "every question type answered by keys" \
	" description single multi truefalse matching shortanswer numerical essay" "$kinds"
wait_for "the preview shows a result" "Du fick 100 %"
keys F10
wait_for "F10 ends the preview" "PREVIEW-EXIT=0"
expect_eq "still no file written" "" "$(ls -A "$T/run")"

# ---- A broken folder: errors with file and line, and no kiosk -------------
mkdir -p "$T/broken"
cp -r "$fixture" "$T/broken/kioskprov"
printf '\n::trasig:: En fråga utan slut {\n  =Ja\n' >>"$T/broken/kioskprov/quiz.gift"
( cd "$T/run" && "$VAKSAM" content preview "$T/broken/kioskprov" >"$T/out" 2>"$T/err" </dev/null )
expect_eq "a broken course is refused" 1 "$?"
if grep -Eq "quiz\.gift:[0-9]+(:[0-9]+)?: error: " "$T/err"; then
	pass "the error names file and line"
else
	fail "the error names file and line" "$(cat "$T/err")"
fi
expect_eq "nothing on stdout (no kiosk was drawn)" "" "$(cat "$T/out")"
( cd "$T/run" && "$VAKSAM" content preview "$T/nowhere" >"$T/out" 2>"$T/err" </dev/null )
expect_eq "a missing folder is refused" 1 "$?"
grep -q "nowhere" "$T/err" && pass "the message names the folder" || fail "names the folder" "$(cat "$T/err")"
expect_eq "no file written by the refusals" "" "$(ls -A "$T/run")"
asan_check "no sanitizer report"
