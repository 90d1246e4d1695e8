#!/bin/bash
# Static checks over the sources (no binary needed):
#   - cppcheck with warnings and portability checks; any finding fails
#     (suppress a false positive in place with "// cppcheck-suppress ID");
#   - no call of sprintf, vsprintf, strcpy or strcat anywhere (core/banned.h
#     makes them compile errors; this also catches a file that forgot it);
#   - only kiosk/ includes <curses.h>.
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2
dirs="core cli authoring kiosk reports"

if command -v cppcheck >/dev/null; then
	# The same include paths and feature macros the build uses.
	incs=$(pkg-config --cflags-only-I ncursesw sqlite3 libqrencode libsodium md4c libcjson liboath 2>/dev/null)
	if cppcheck --error-exitcode=1 --enable=warning,portability --inline-suppr -q \
		-I. $incs -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 $dirs >"$T/cppcheck" 2>&1; then
		pass "cppcheck clean"
	else
		fail "cppcheck clean" "$(head -40 "$T/cppcheck")"
	fi
else
	fail "cppcheck clean" "cppcheck is not installed (make deps)"
fi

# Calls only: the name followed by "(", not inside a longer word such as
# snprintf; banned.h, which defines the macros, is the one exception.
grep -rnE --include='*.c' --include='*.h' '(^|[^A-Za-z0-9_])(v?sprintf|strcpy|strcat)[[:space:]]*\(' \
	$dirs tests/unit tests/fuzz 2>/dev/null | grep -v '^core/banned.h:' >"$T/banned"
if [ -s "$T/banned" ]; then
	fail "no sprintf/strcpy/strcat" "$(head -20 "$T/banned")"
else
	pass "no sprintf/strcpy/strcat"
fi

grep -rlE --include='*.c' --include='*.h' '#[[:space:]]*include[[:space:]]*[<"](n?curses(w)?/)?n?curses\.h' \
	core cli authoring reports >"$T/curses"
if [ -s "$T/curses" ]; then
	fail "curses only in kiosk/" "$(cat "$T/curses")"
else
	pass "curses only in kiosk/"
fi

# Every Swedish text the kiosk and the printouts show has its English
# translation: F2 must never leave a Swedish line on an English screen.
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -o "$T/all.pot" kiosk/*.c reports/*.c 2>"$T/xgettext"
	if msgcmp po/en.po "$T/all.pot" >"$T/msgcmp" 2>&1; then
		pass "po/en.po translates every message"
	else
		fail "po/en.po translates every message" "$(grep -B1 'not defined' "$T/msgcmp" | head -20)"
	fi
else
	fail "po/en.po translates every message" "gettext tools are not installed (make deps)"
fi
