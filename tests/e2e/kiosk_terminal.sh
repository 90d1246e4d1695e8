#!/bin/bash
# The kiosk and its terminal: resizing during a lesson and a question
# (100x30, 60x20 and back), a clear message below 80x24, TERM=vt100 without
# colours, colour roles with tmux-256color, F2 for English, and help.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

kiosk_db || exit 1
kiosk_start
check "login" login 1001 2468
keys Enter
wait_until "Gör förtestet" 20
keys "$(menu_digit "Läs lektionerna")"
wait_for "lesson at 80x24" "Sida 1 av 3"

# Colours are roles: the title line has a colour with tmux-256color.
$KTMUX capture-pane -p -e -t k | head -1 | grep -q $'\e\\[[0-9;]*4[0-7]m' && pass "colour in the title line" ||
	fail "colour in the title line" "$($KTMUX capture-pane -p -e -t k | head -1 | od -c | head -3)"

# Resize during a lesson.
$KTMUX resize-window -t k -x 100 -y 30
wait_for "lesson redrawn at 100x30" "Sida 1 av 3 *$"
[ "$(screen | wc -l)" -ge 30 ] && pass "30 rows used" || fail "30 rows used" "$(screen | wc -l)"
wait_for "the bottom bar moves with the window" "F10 Logga ut"
screen | sed -n 30p | grep -q "F10 Logga ut" && pass "bar on the last row" || fail "bar on the last row" "$(screen | tail -2)"
$KTMUX resize-window -t k -x 60 -y 20
wait_for "below 80x24 a clear message" "Fönstret är för litet"
wait_for "it says the size needed and the size now" "minst 80 × 24 tecken \(nu 60 × 20\)"
keys Right
$KTMUX resize-window -t k -x 80 -y 24
wait_for "the session continues when the window grows" "Sida 1 av 3"
keys Right
wait_for "keys work again" "Sida 2 av 3"

# Resize during a question.
keys Escape
wait_until "Gör kunskapstestet" 10
keys "$(menu_digit "Gör kunskapstestet")"
wait_until "Kunskapstestet har" 10
keys Enter
wait_until "Kunskapstest · fråga|Nu kommer några" 10
screen | grep -q "Nu kommer några" && keys Enter
wait_until "Kunskapstest · fråga" 10
stem=$(stem_line)
$KTMUX resize-window -t k -x 100 -y 30
wait_for "question redrawn at 100x30" "Kunskapstest · fråga 1 av 7"
$KTMUX resize-window -t k -x 60 -y 20
wait_for "question: too small" "Fönstret är för litet"
$KTMUX resize-window -t k -x 80 -y 24
wait_for "question back at 80x24" "Kunskapstest · fråga 1 av 7"
[ "$(stem_line)" = "$stem" ] && pass "the same question after resizing" || fail "the same question after resizing" "$(stem_line)"
k=$(quiz_step)
case "$k" in stuck*|unknown) fail "answering after a resize" "$k" ;; *) pass "answering after a resize" ;; esac

# Help, and back to the same place.
wait_until "Kunskapstest · fråga 2 av 7|Nu kommer några" 10
screen | grep -q "Nu kommer några" && keys Enter
wait_until "Kunskapstest · fråga 2 av 7" 10
keys F1
wait_for "F1 opens help" "Hjälp"
wait_for "help explains the quiz" "En fråga i taget"
keys Escape
wait_for "Esc closes help at the same question" "Kunskapstest · fråga 2 av 7"

# F2: English for the session.
keys F2
wait_for "F2 shows English" "question 2 of 7"
wait_for "English bar" "F2 Svenska"
keys F2
wait_for "F2 again shows Swedish" "fråga 2 av 7"
keys F10
wait_until "Du är utloggad" 10
keys F10
wait_gone "Skanna ditt kort" 20

# TERM=vt100: no colours, the same information.
KTERM=vt100
kiosk_start
wait_for "vt100: login screen" "Anställningsnummer eller kort"
check "vt100: login" login 1001 2468
wait_for "vt100: back at the open question" "Kunskapstest · fråga 2 av 7"
keys Escape
wait_for "vt100: course menu" "Fortsätt kunskapstestet"
$KTMUX capture-pane -p -e -t k | grep -q $'\e\\[[0-9;]*3[0-7]m' && fail "vt100: no colours" "colour codes seen" ||
	pass "vt100: no colours"
$KTMUX capture-pane -p -e -t k | grep "Fortsätt kunskapstestet" | grep -q $'\e\\[[0-9;]*7m' &&
	pass "vt100: the selection in reverse video" || fail "vt100: the selection in reverse video"
screen | grep -q "> [0-9]  Fortsätt kunskapstestet" && pass "vt100: the selection marked in text too" ||
	fail "vt100: the selection marked in text too"
keys "$(menu_digit "Fortsätt läsa")"
wait_for "vt100: lesson where it was left" "Sida 2 av 3"
keys Left
wait_for "vt100: lesson page 1" "Sida 1 av 3"
wait_for "vt100: Tänk på box" "Tänk på"
keys F2
wait_for "vt100: F2 shows English" "Page 1 of 3"
keys F10
wait_until "Du är utloggad" 10
keys F10
wait_gone "Skanna ditt kort" 20
asan_check "no sanitizer report"
