#!/bin/bash
# GIFT conformance: `vaksam content dump` and `content export-gift` on the
# fixtures in tests/gift/.
#   tests/gift/NAME.gift       must dump to tests/gift/NAME.jsonl (compared as JSON),
#                              and read the same with CRLF line ends and with a BOM
#   tests/gift/bad/NAME.gift   must fail (exit 1) with the first error at the
#                              "LINE:COL: error" in tests/gift/bad/NAME.expect
#   every good fixture, Moodle's examples and the course quizzes:
#                              dump(export-gift(x)) == dump(x)
# Then Moodle's own cases: ../shared/reference/gift/check-dump.py, when present.
. "$(dirname "$0")/lib.sh"

G=$ROOT/tests/gift

# Prints the JSON Lines of file $1 in one canonical form (sorted keys, numbers
# as floats), so two dumps compare equal exactly when their questions do.
canon() {
	python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        obj = json.loads(line, parse_int=float)
        print(json.dumps(obj, sort_keys=True, ensure_ascii=False))
' "$1"
}

# dump FILE OUT: runs the dump, canonical JSON in OUT; returns the exit status.
dump() {
	"$VAKSAM" content dump "$1" >"$T/raw" 2>"$T/err"
	local rc=$?
	canon "$T/raw" >"$2" 2>>"$T/err" || return 99
	return $rc
}

# ---- good fixtures ----
for f in "$G"/*.gift; do
	name=$(basename "$f" .gift)
	if ! dump "$f" "$T/got"; then
		fail "dump $name" "exit status $? ($(head -c 300 "$T/err"))"
		continue
	fi
	canon "$G/$name.jsonl" >"$T/want"
	if cmp -s "$T/want" "$T/got"; then
		pass "dump $name"
	else
		fail "dump $name" "$(diff "$T/want" "$T/got" | head -c 600)"
	fi

	# The same file with CRLF line ends, and with a byte order mark, reads the same.
	sed 's/\r$//; s/$/\r/' "$f" >"$T/crlf.gift"
	if dump "$T/crlf.gift" "$T/got2" && cmp -s "$T/got" "$T/got2"; then
		pass "crlf $name"
	else
		fail "crlf $name" "differs with CRLF line ends"
	fi
	{ printf '\357\273\277'; cat "$f"; } >"$T/bom.gift"
	case "$name" in bom) cp "$f" "$T/bom.gift" ;; esac
	if dump "$T/bom.gift" "$T/got2" && cmp -s "$T/got" "$T/got2"; then
		pass "bom $name"
	else
		fail "bom $name" "differs with a byte order mark"
	fi
done

# ---- malformed fixtures ----
for f in "$G"/bad/*.gift; do
	name=$(basename "$f" .gift)
	"$VAKSAM" content dump "$f" >/dev/null 2>"$T/err"
	rc=$?
	want=$(cat "$G/bad/$name.expect")
	got=$(grep -m1 -E '^.*:[0-9]+:[0-9]+: error: ' "$T/err" | sed -E 's/^.*:([0-9]+):([0-9]+): error: .*$/\1:\2: error/')
	if [ $rc -eq 1 ] && [ "$got" = "$want" ]; then
		pass "bad $name"
	else
		fail "bad $name" "exit $rc, first error [$got], expected [$want]: $(head -c 300 "$T/err")"
	fi
done

# ---- round trip through export-gift ----
rt_files=("$G"/*.gift "$ROOT"/content/courses/*/quiz.gift)
[ -f "$ROOT/../shared/reference/gift/moodle-examples.gift" ] &&
	rt_files+=("$ROOT/../shared/reference/gift/moodle-examples.gift")
for f in "${rt_files[@]}"; do
	[ -f "$f" ] || continue
	name=${f#"$ROOT"/}
	dump "$f" "$T/a"
	if ! "$VAKSAM" content export-gift "$f" >"$T/x.gift" 2>"$T/err"; then
		fail "round trip $name" "export-gift failed: $(head -c 300 "$T/err")"
		continue
	fi
	if dump "$T/x.gift" "$T/b" && cmp -s "$T/a" "$T/b"; then
		pass "round trip $name"
	else
		fail "round trip $name" "$(diff "$T/a" "$T/b" | head -c 600)"
	fi
done

# ---- the command line ----
vk content dump --help
expect_eq "dump --help exits 0" 0 "$rc"
grep -q '^usage: vaksam content dump' "$T/out" && pass "dump --help prints usage" ||
	fail "dump --help prints usage" "$(head -3 "$T/out")"
vk content export-gift --help
expect_eq "export-gift --help exits 0" 0 "$rc"
vk content dump
expect_eq "dump without a file exits 2" 2 "$rc"
vk content dump a.gift b.gift
expect_eq "dump with two files exits 2" 2 "$rc"
vk content dump --bogus "$G/single.gift"
expect_eq "dump with an unknown option exits 2" 2 "$rc"
vk content dump "$T/does-not-exist.gift"
expect_eq "dump of a missing file exits 1" 1 "$rc"
grep -q 'does-not-exist.gift: error: cannot read' "$T/err" && pass "missing file is reported" ||
	fail "missing file is reported" "$(cat "$T/err")"
vk content export-gift "$G/bad/second_block.gift"
expect_eq "export-gift of a bad file exits 1" 1 "$rc"
expect_eq "export-gift of a bad file writes nothing" 0 "$(wc -c <"$T/out")"

# A course folder means its quiz.gift.
mkdir -p "$T/course"
cp "$G/swedish.gift" "$T/course/quiz.gift"
vk content dump "$T/course"
if [ "$rc" = 0 ] && [ "$(wc -l <"$T/out")" = 4 ]; then pass "dump of a course folder"; else
	fail "dump of a course folder" "exit $rc: $(head -c 200 "$T/err")"; fi

# Diagnostics name the file, line and column; --strict adds the course rules.
printf '::a:: x {T#w#r}\n\n::a:: y {T#w#r}\n\nno name {T#w#r}\n' >"$T/dup.gift"
vk content dump "$T/dup.gift"
expect_eq "repeated name is a warning" 0 "$rc"
grep -q "dup.gift:3:3: warning: question name 'a' is already used on line 1" "$T/err" &&
	pass "repeated name warning names the place" || fail "repeated name warning" "$(cat "$T/err")"
vk content dump --strict "$T/dup.gift"
expect_eq "repeated name is an error with --strict" 1 "$rc"
grep -q "dup.gift:5:1: error: question has no ::name::" "$T/err" &&
	pass "--strict requires names" || fail "--strict requires names" "$(cat "$T/err")"

# ---- Moodle's own GIFT tests ----
checker=$ROOT/../shared/reference/gift/check-dump.py
if [ -f "$checker" ]; then
	python3 "$checker" "$VAKSAM" >"$T/check" 2>&1
	line=$(tail -1 "$T/check")
	case "$line" in
	*" passed, 0 failed") pass "moodle cases: $line" ;;
	*) fail "moodle cases" "$(tail -20 "$T/check")" ;;
	esac
else
	echo "note: $checker not found; Moodle's cases skipped"
fi
