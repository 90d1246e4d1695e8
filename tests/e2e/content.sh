#!/bin/bash
# End-to-end tests of `vaksam content check` and `vaksam content build`:
# the bundled library checks clean, every malformed fixture fails at the
# right FILE:LINE:COL, and building is idempotent, versions edited questions,
# keeps old versions for past responses, retires removed questions and
# writes nothing when the check fails.
. "$(dirname "$0")/lib.sh"

FIX=$ROOT/tests/fixtures/content

# --- the bundled library ------------------------------------------------

vk content check --content "$ROOT/content"
expect_eq "bundled content: check exits 0" 0 "$rc"
if grep -q ' 0 errors' "$T/out"; then pass "bundled content: no errors"; else
	fail "bundled content: no errors" "$(grep -c ': error: ' "$T/err") errors"
	grep ': error: ' "$T/err" | head -20
fi
# Only all-staff pages and handouts get LIX warnings.
n=$(grep -c 'LIX' "$T/err")
expect_eq "bundled content: no LIX warning on all-staff courses" 0 "$n"
[ "$n" -gt 0 ] && grep 'LIX' "$T/err"
grep ': warning: ' "$T/err" | sed 's/^/  (warning) /'

# Every page's figure, and the authors' Python script agrees exactly.
vk content check --lix "$ROOT/content"
pages=$(grep -c '^/.*: LIX ' "$T/out")
if [ "$pages" -gt 0 ]; then pass "--lix prints a figure per page ($pages)"; else fail "--lix prints a figure per page"; fi
grep ': LIX ' "$T/out" | sed "s|^$ROOT/||" | sort >"$T/lix-c"
(cd "$ROOT" && python3 tests/tools/lix.py content/courses/*/course.md content/courses/*/handout.md) |
	sort >"$T/lix-py"
if cmp -s "$T/lix-c" "$T/lix-py"; then pass "lix.py agrees with the C checker on every bundled page"; else
	fail "lix.py agrees with the C checker" "$(diff "$T/lix-c" "$T/lix-py" | head -10)"
fi

# --- fixtures -----------------------------------------------------------

vk content check "$FIX"
expect_eq "fixture library checks clean" "0:checked 2 courses: 0 errors, 0 warnings" "$rc:$(cat "$T/out")"

# The complete example course of content/README.md, cut out of the README.
mkdir -p "$T/readme/courses/rent-skrivbord"
cp "$ROOT/content/topics.conf" "$T/readme/"
for f in course.md quiz.gift handout.md; do
	awk -v want="$f" '
		/^<!-- example: / { name = $3; next }
		/^```/ { if (inside) { inside = 0; name = ""; next } if (name == want) { inside = 1; next } }
		inside { print }' "$ROOT/content/README.md" >"$T/readme/courses/rent-skrivbord/$f"
done
vk content check "$T/readme"
expect_eq "README example course checks clean" "0:checked 1 course: 0 errors, 0 warnings" \
	"$rc:$(cat "$T/out")"
for f in course.md quiz.gift handout.md; do
	if cmp -s "$T/readme/courses/rent-skrivbord/$f" "$FIX/courses/rent-skrivbord/$f"; then
		pass "README example $f is the fixture's"
	else
		fail "README example $f is the fixture's" "$(diff "$T/readme/courses/rent-skrivbord/$f" "$FIX/courses/rent-skrivbord/$f" | head -5)"
	fi
done

# Each malformed course fails with exit 1 at the position in its expect file.
for dir in "$FIX"/bad/*/; do
	name=$(basename "$dir")
	want=$(cat "$dir/expect")
	(cd "$FIX/bad" && "$VAKSAM" content check "$name" >"$T/out" 2>"$T/err")
	rc=$?
	if [ "$rc" = 1 ] && grep -Fxq -- "$want" "$T/err"; then
		pass "bad/$name: $want"
	else
		fail "bad/$name" "rc=$rc, expected [$want], got [$(head -3 "$T/err")]"
	fi
done

# Warnings do not fail the check.
(cd "$FIX/warn" && "$VAKSAM" content check varningar >"$T/out" 2>"$T/err")
rc=$?
expect_eq "warnings only: exit 0" 0 "$rc"
while IFS= read -r want; do
	if grep -Fxq -- "$want" "$T/err"; then pass "warn: $want"; else fail "warn: $want" "$(cat "$T/err")"; fi
done <"$FIX/warn/varningar/expect"

# Usage errors.
vk content check --bogus
expect_eq "unknown option: exit 2" 2 "$rc"
vk content check "$T/does-not-exist"
expect_eq "missing path: exit 1" 1 "$rc"

# --- building -----------------------------------------------------------

DB=$T/build.db
vk init --db "$DB"
expect_eq "init" 0 "$rc"
cp -R "$FIX" "$T/lib"
rm -rf "$T/lib/bad" "$T/lib/warn"

vk content build --db "$DB" "$T/lib"
expect_eq "build fixtures: exit 0" 0 "$rc"
check "build reports two courses" grep -q '^built 2 courses' "$T/out"
dbdump "$DB" >"$T/dump1"
vk content build --db "$DB" "$T/lib"
expect_eq "second build: nothing changed" \
	"0:built 2 courses: 0 added, 0 changed, 2 unchanged; questions: 0 added, 0 new versions, 0 retired" \
	"$rc:$(cat "$T/out")"
dbdump "$DB" >"$T/dump2"
if cmp -s "$T/dump1" "$T/dump2"; then pass "second build: sqlite3 .dump unchanged"; else
	fail "second build: sqlite3 .dump unchanged" "$(diff "$T/dump1" "$T/dump2" | head -5)"
fi

q() { sqlite3 "$DB" "$1"; }
# (init may have built the bundled library too: look at the fixtures only.)
MINE="(SELECT id FROM course WHERE slug IN ('las-dorren', 'rent-skrivbord'))"
expect_eq "course rows" "las-dorren|1|coordinators|rent-skrivbord
rent-skrivbord|0|all|" "$(q "SELECT c.slug, c.position, c.audience, group_concat(r.requires) FROM course c LEFT JOIN course_require r ON r.course_id = c.id WHERE c.id IN $MINE GROUP BY c.id ORDER BY c.slug")"
expect_eq "lesson pages stored" 5 "$(q "SELECT count(*) FROM lesson_page WHERE course_id IN $MINE")"
expect_eq "handout stored" 1 "$(q "SELECT count(*) FROM handout WHERE course_id IN $MINE")"
expect_eq "topics stored from topics.conf" "Papper, samtal och lokaler|Paper, conversations and premises" \
	"$(q "SELECT name_sv || '|' || name_en FROM topic WHERE slug = 'analogt'")"
expect_eq "questions stored with topics" "rs-lunch|analogt|1 rs-para|grunder|1" \
	"$(q "SELECT group_concat(name || '|' || topic || '|' || current_version, ' ') FROM (SELECT * FROM question WHERE name IN ('rs-lunch','rs-para') ORDER BY position)")"
check "question body is the JSON of core/question.h" test "$(q "SELECT json_extract(body, '$.type') || json_extract(body, '$.id') FROM question_version qv JOIN question q ON q.id = qv.question_id WHERE q.name = 'rs-lunch'")" = "singlers-lunch"

# A past response to version 1 of rs-lunch.
old_vid=$(q "SELECT qv.id FROM question_version qv JOIN question q ON q.id = qv.question_id WHERE q.name = 'rs-lunch' AND qv.version = 1")
q "INSERT INTO attempt (course_id, course_version, kind, source, started)
   SELECT id, version, 'quiz', 'kiosk', '2026-01-01T10:00:00Z' FROM course WHERE slug = 'rent-skrivbord';
   INSERT INTO response (attempt_id, question_version_id, position, answer, mark, answered)
   VALUES (last_insert_rowid(), $old_vid, 0, '{\"chosen\":[0]}', 1, '2026-01-01T10:01:00Z');"
versions_before=$(q "SELECT count(*) FROM question_version")

# Edit one question's text: exactly one new version.
sed -i 's/På bordet ligger en lista med namn på brukare/På bordet ligger en lista med namn på elever/' \
	"$T/lib/courses/rent-skrivbord/quiz.gift"
vk content build --db "$DB" "$T/lib"
expect_eq "edited question: one new version" \
	"0:built 2 courses: 0 added, 1 changed, 1 unchanged; questions: 0 added, 1 new versions, 0 retired" \
	"$rc:$(cat "$T/out")"
expect_eq "question_version rows +1" $((versions_before + 1)) "$(q "SELECT count(*) FROM question_version")"
expect_eq "rs-lunch is at version 2" 2 "$(q "SELECT current_version FROM question WHERE name = 'rs-lunch'")"
expect_eq "other questions still at version 1" 0 "$(q "SELECT count(*) FROM question WHERE course_id IN $MINE AND name != 'rs-lunch' AND current_version != 1")"
expect_eq "the old response still resolves to the text it answered" "1|1" \
	"$(q "SELECT qv.version, instr(json_extract(qv.body, '$.stem'), 'brukare') > 0 FROM response r JOIN question_version qv ON qv.id = r.question_version_id")"
expect_eq "the new version holds the new text" 1 \
	"$(q "SELECT instr(json_extract(body, '$.stem'), 'elever') > 0 FROM question_version qv JOIN question q ON q.id = qv.question_id WHERE q.name = 'rs-lunch' AND qv.version = 2")"

# Remove a question: retired, not deleted.
awk 'BEGIN { skip = 0 } /^::rs-kort-stund::/ { skip = 1 } skip && /^$/ { skip = 0; next } !skip' \
	"$T/lib/courses/rent-skrivbord/quiz.gift" >"$T/quiz" && mv "$T/quiz" "$T/lib/courses/rent-skrivbord/quiz.gift"
vk content build --db "$DB" "$T/lib"
expect_eq "removed question: retired" \
	"0:built 2 courses: 0 added, 1 changed, 1 unchanged; questions: 0 added, 0 new versions, 1 retired" \
	"$rc:$(cat "$T/out")"
expect_eq "retired row kept with its version" "1|1" \
	"$(q "SELECT q.retired, count(qv.id) FROM question q JOIN question_version qv ON qv.question_id = q.id WHERE q.name = 'rs-kort-stund'")"

# A build that fails the check writes nothing.
dbdump "$DB" >"$T/dump3"
sed -i 's/^minutes: 10$/minutes: 10\ncolour: blå/' "$T/lib/courses/rent-skrivbord/course.md"
sed -i 's/Receptionen tar emot/Receptionen tar alltid emot/' "$T/lib/courses/las-dorren/quiz.gift"
vk content build --db "$DB" "$T/lib"
expect_eq "failing build: exit 1" 1 "$rc"
check "failing build names the error" grep -q "rent-skrivbord/course.md:9:1: error: unknown front matter key 'colour'" "$T/err"
dbdump "$DB" >"$T/dump4"
if cmp -s "$T/dump3" "$T/dump4"; then pass "failing build: database unchanged"; else
	fail "failing build: database unchanged" "$(diff "$T/dump3" "$T/dump4" | head -5)"
fi

# Building needs an existing database.
vk content build --db "$T/none.db" "$T/lib"
expect_eq "build refuses a missing database" 1 "$rc"

# The bundled library builds, and a second build is a no-op.
DB2=$T/bundled.db
vk init --db "$DB2"
vk content build --db "$DB2" --content "$ROOT/content"
expect_eq "bundled content builds" 0 "$rc"
n_dirs=$(find "$ROOT/content/courses" -mindepth 1 -maxdepth 1 -type d | wc -l)
expect_eq "every bundled course is in the database" "$n_dirs" "$(sqlite3 "$DB2" "SELECT count(*) FROM course")"
# survey_build() stamps survey.built on every build, changed or not (see
# core/survey.c); everything else must stay byte-for-byte the same.
survey_dump() { dbdump "$1" | sed -E "/^INSERT INTO survey VALUES/s/'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z'\)/'(built)')/"; }
survey_dump "$DB2" >"$T/b1"
vk content build --db "$DB2" --content "$ROOT/content"
survey_dump "$DB2" >"$T/b2"
if cmp -s "$T/b1" "$T/b2"; then pass "bundled content: second build leaves .dump equal"; else
	fail "bundled content: second build leaves .dump equal" "$(diff "$T/b1" "$T/b2" | head -5)"
fi

# --- course order -------------------------------------------------------

# The bundled courses stand in the order of their `order`; translations
# beside their originals; coordinator courses after, in their requires chain.
expect_eq "bundled courses: positions follow order" \
	"all|1|infosak-grunder all|1|infosec-basics all|2|gdpr-everyday all|2|gdpr-vardag all|3|incidenter all|3|incidents all|4|natfiske all|4|phishing all|5|losenord all|6|behorigheter all|7|analog-vardag all|8|mobilt-arbete coordinators|9|samordnare-roll coordinators|10|informationsklassning coordinators|11|behandlingsregister coordinators|12|incidenthantering coordinators|13|nis2 coordinators|14|sakerhetskultur coordinators|15|tvafaktor-kontinuitet" \
	"$(sqlite3 "$DB2" "SELECT group_concat(audience || '|' || position || '|' || slug, ' ') FROM (SELECT * FROM course ORDER BY audience, position, slug)")"
expect_eq "bundled courses: no two originals share a position" "" \
	"$(sqlite3 "$DB2" "SELECT group_concat(slug) FROM course WHERE translation_of IS NULL GROUP BY position HAVING count(*) > 1")"

# A translation without order takes its original's, also when it is built
# alone (the original's stored position stands in).
cp -R "$ROOT/content" "$T/ord-bundled"
sed -i '/^order:/d' "$T/ord-bundled/courses/phishing/course.md"
vk content build --db "$DB2" --content "$T/ord-bundled"
expect_eq "translation without order: built" 0 "$rc"
expect_eq "translation without order: takes its original's position" 4 \
	"$(sqlite3 "$DB2" "SELECT position FROM course WHERE slug = 'phishing'")"
vk content build --db "$DB2" "$T/ord-bundled/courses/phishing"
expect_eq "translation built alone: unchanged (same position)" \
	"0:built 1 course: 0 added, 0 changed, 1 unchanged; questions: 0 added, 0 new versions, 0 retired" \
	"$rc:$(cat "$T/out")"

# Bad order values fail at their line and column (rent-skrivbord's order
# goes on line 9, its value at column 8).
cp -R "$FIX" "$T/ord"
rm -rf "$T/ord/bad" "$T/ord/warn"
RS=$T/ord/courses/rent-skrivbord/course.md
cp "$RS" "$T/rs-orig"
for value in 0 1000 -1 2.5 5% abc; do
	sed "s/^minutes: 10\$/minutes: 10\norder: $value/" "$T/rs-orig" >"$RS"
	vk content check "$T/ord"
	want="$RS:9:8: error: order must be a whole number from 1 to 999, not '$value'"
	if [ "$rc" = 1 ] && grep -Fxq -- "$want" "$T/err"; then pass "order: $value is an error at 9:8"; else
		fail "order: $value is an error at 9:8" "rc=$rc, expected [$want], got [$(head -3 "$T/err")]"
	fi
done
sed "s/^minutes: 10\$/minutes: 10\norder:/" "$T/rs-orig" >"$RS"
vk content check "$T/ord"
expect_eq "order with no value: error at 9:7" "1:$RS:9:7: error: 'order' has no value" "$rc:$(grep ': error: ' "$T/err")"
sed "s/^minutes: 10\$/minutes: 10\norder: 999/" "$T/rs-orig" >"$RS"
vk content check "$T/ord"
expect_eq "order: 999 is fine" "0:checked 2 courses: 0 errors, 0 warnings" "$rc:$(cat "$T/out")"

# An order before a required course's: a warning, and the requirement wins.
DB3=$T/order.db
vk init --db "$DB3"
sed "s/^minutes: 10\$/minutes: 10\norder: 5/" "$T/rs-orig" >"$RS"
sed -i 's/^minutes: 15$/minutes: 15\norder: 3/' "$T/ord/courses/las-dorren/course.md"
vk content build --db "$DB3" "$T/ord"
expect_eq "order below a required course's: builds" 0 "$rc"
check "order below a required course's: warning at order" grep -Fxq \
	"$T/ord/courses/las-dorren/course.md:9:8: warning: order 3 is not after the order of 'rent-skrivbord' (5), which this course requires; the course is placed after it" "$T/err"
expect_eq "order below a required course's: placed after it" "rent-skrivbord|5 las-dorren|6" \
	"$(sqlite3 "$DB3" "SELECT group_concat(slug || '|' || position, ' ') FROM (SELECT * FROM course WHERE slug IN ('las-dorren', 'rent-skrivbord') ORDER BY position)")"
sed -i '/^order: 3$/d' "$T/ord/courses/las-dorren/course.md"
vk content build --db "$DB3" "$T/ord"
expect_eq "no order: one after the course it requires" "rent-skrivbord|5 las-dorren|6" \
	"$(sqlite3 "$DB3" "SELECT group_concat(slug || '|' || position, ' ') FROM (SELECT * FROM course WHERE slug IN ('las-dorren', 'rent-skrivbord') ORDER BY position)")"

# --- surveys ------------------------------------------------------------

# Without a PATH, check and build take the content folder's surveys too.
DB4=$T/surveys.db
vk init --db "$DB4"
sqlite3 "$DB4" "DELETE FROM survey_item; DELETE FROM survey;"
vk content check --content "$ROOT/content"
check "check without PATH counts the surveys" grep -q '^checked [0-9]* courses and 1 survey: 0 errors' "$T/out"
vk content build --db "$DB4" --content "$ROOT/content"
expect_eq "build without PATH: exit 0" 0 "$rc"
check "build without PATH reports the survey" grep -qx 'built survey sakerhetskultur: 25 items' "$T/out"
expect_eq "build without PATH: the survey and its items are stored" "sakerhetskultur|25" \
	"$(sqlite3 "$DB4" "SELECT s.slug || '|' || count(i.id) FROM survey s JOIN survey_item i ON i.survey_id = s.id AND NOT i.retired GROUP BY s.id")"
vk content build --db "$DB4" "$ROOT/content"
check "build with a PATH leaves the surveys alone" sh -c "! grep -q survey '$T/out'"

# An error in a survey file: reported at FILE:LINE:COL, nothing written.
cp -R "$ROOT/content" "$T/sv-bad"
awk '/^## pw-dela-a$/ { item = 1 } item && /^area: passwords$/ { print "area: lösenord"; item = 0; next } { print }' \
	"$ROOT/content/surveys/sakerhetskultur.md" >"$T/sv-bad/surveys/sakerhetskultur.md"
sed -i 's/^order: 6$/order: 16/' "$T/sv-bad/courses/behorigheter/course.md"
line=$(grep -n '^area: lösenord$' "$T/sv-bad/surveys/sakerhetskultur.md" | cut -d: -f1)
survey_dump "$DB4" >"$T/s1"
vk content build --db "$DB4" --content "$T/sv-bad"
expect_eq "bad survey: exit 1" 1 "$rc"
check "bad survey: error at FILE:LINE:COL" grep -Fxq \
	"$T/sv-bad/surveys/sakerhetskultur.md:$line:7: error: unknown area 'lösenord' (passwords, email, information, mobile, incidents)" "$T/err"
check "bad survey: nothing was built" grep -q 'nothing was built' "$T/err"
survey_dump "$DB4" >"$T/s2"
if cmp -s "$T/s1" "$T/s2"; then pass "bad survey: database unchanged (courses too)"; else
	fail "bad survey: database unchanged (courses too)" "$(diff "$T/s1" "$T/s2" | head -5)"
fi

# An answered item may not change its meaning: refused, and nothing written.
cp -R "$ROOT/content" "$T/sv-moved"
sqlite3 "$DB4" "INSERT INTO survey_round (survey_id, name, opens, closes) SELECT id, 'r1', '2026-01-01', '2026-01-31' FROM survey;
	INSERT INTO survey_sheet (id, round_id) SELECT 7, id FROM survey_round WHERE name = 'r1';
	INSERT INTO survey_answer (sheet_id, item_id, value) SELECT 7, id, 4 FROM survey_item WHERE name = 'pw-dela-a';"
awk '/^## pw-dela-a$/ { item = 1 } item && /^dimension: attitude$/ { print "dimension: behaviour"; item = 0; next } { print }' \
	"$ROOT/content/surveys/sakerhetskultur.md" >"$T/sv-moved/surveys/sakerhetskultur.md"
sed -i 's/^order: 6$/order: 16/' "$T/sv-moved/courses/behorigheter/course.md"
survey_dump "$DB4" >"$T/s3"
vk content build --db "$DB4" --content "$T/sv-moved"
expect_eq "answered item changed: exit 1" 1 "$rc"
check "answered item changed: named at FILE:LINE" grep -q "^$T/sv-moved/surveys/sakerhetskultur.md:[0-9]*:1: error: item 'pw-dela-a' has answers" "$T/err"
survey_dump "$DB4" >"$T/s4"
if cmp -s "$T/s3" "$T/s4"; then pass "answered item changed: database unchanged (courses too)"; else
	fail "answered item changed: database unchanged (courses too)" "$(diff "$T/s3" "$T/s4" | head -5)"
fi
