#!/bin/bash
# The generator, assignments and culture-survey commands end to end:
# `demo generate` (realistic, deterministic per seed, nobody gets a PIN,
# refusals), `assign` (counts, the completion figures follow, bad input), and
# `survey check|build|open|close|list`. The measures themselves are tested
# against hand-computed numbers in tests/unit/test_measure.c,
# test_itemstats.c and test_survey.c; the exports in report.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/measure.lib"

db=$T/g.db
if gen_db "$db" 150 2 5; then pass "demo generate 150 staff, 2 years"; else fail "demo generate" "see above"; exit 1; fi
q() { sqlite3 "$db" "$1"; }

check "generate prints its counts" grep -Eq '^generated [0-9]+ units, [0-9]+ people \([0-9]+ left, [0-9]+ coordinators and admins\), [0-9]+ attempts \([0-9]+ on paper\), [0-9]+ responses, [0-9]+ completions, [0-9]+ survey rounds with [0-9]+ sheets$' "$T/gen.out"
expect_eq "150 active generated people" 150 "$(q "SELECT count(*) FROM person WHERE active AND employee_no LIKE '7%'")"
check "some have left (inactive, with a date)" test "$(q "SELECT count(*) FROM person WHERE NOT active AND left_at IS NOT NULL AND employee_no LIKE '7%'")" -gt 0
check "some joined during the years" test "$(q "SELECT count(*) FROM person WHERE active AND created > '2024-01-01' AND employee_no LIKE '7%'")" -gt 0
expect_eq "no generated person has a PIN, badge or activation code" 0 \
	"$(q "SELECT count(*) FROM credential c JOIN person p ON p.id = c.person_id WHERE p.employee_no LIKE '7%'")"
check "coordinators" test "$(q "SELECT count(*) FROM person WHERE role = 'coordinator' AND employee_no LIKE '7%'")" -gt 0
check "a unit tree three levels deep or two" test "$(q "SELECT count(*) FROM unit WHERE path LIKE '%/%'")" -gt 5
check "pre-tests score lower than quizzes" test "$(q "SELECT (SELECT avg(score) FROM attempt WHERE kind = 'pre') < (SELECT avg(score) FROM attempt WHERE kind = 'quiz')")" = 1
check "refresh quizzes" test "$(q "SELECT count(*) FROM attempt WHERE kind = 'refresh'")" -gt 0
check "paper attempts" test "$(q "SELECT count(*) FROM attempt WHERE source = 'paper'")" -gt 0
check "anonymous paper sheets" test "$(q "SELECT count(*) FROM attempt WHERE source = 'paper' AND person_id IS NULL AND unit_id IS NOT NULL")" -gt 0
expect_eq "every paper attempt has its printed sheet" \
	"$(q "SELECT count(*) FROM attempt WHERE source = 'paper'")" \
	"$(q "SELECT count(*) FROM paper_sheet WHERE attempt_id IS NOT NULL")"
expect_eq "completions only for passed quizzes and refreshes" 0 \
	"$(q "SELECT count(*) FROM completion c JOIN attempt a ON a.id = c.attempt_id WHERE NOT a.passed OR a.kind = 'pre'")"
expect_eq "every response is stored as the kiosk stores answers" 0 \
	"$(q "SELECT count(*) FROM response WHERE json_valid(answer) = 0 OR mark < 0 OR mark > 1")"
expect_eq "every response belongs to a planned question" 0 \
	"$(q "SELECT count(*) FROM response r JOIN attempt a ON a.id = r.attempt_id WHERE instr(a.plan, '\"v\":' || r.question_version_id || '}') = 0")"
check "survey rounds" test "$(q "SELECT count(*) FROM survey_round")" -ge 1
check "survey sheets" test "$(q "SELECT count(*) FROM survey_sheet")" -gt 0
expect_eq "one participation per sheet" "$(q "SELECT count(*) FROM survey_sheet")" "$(q "SELECT count(*) FROM survey_participation")"
check "courses introduced on given days" test "$(q "SELECT count(*) FROM course_intro")" -gt 0

# Deterministic for a seed (and a day); another seed differs.
tables="SELECT * FROM person; SELECT * FROM unit; SELECT * FROM attempt; SELECT * FROM response;
	SELECT * FROM completion; SELECT * FROM paper_sheet; SELECT * FROM survey_round;
	SELECT * FROM survey_sheet ORDER BY id; SELECT * FROM survey_answer; SELECT * FROM survey_participation;"
if gen_db "$T/g2.db" 150 2 5; then
	expect_eq "the same seed gives the same database" "$(sqlite3 "$db" "$tables" | md5sum)" \
		"$(sqlite3 "$T/g2.db" "$tables" | md5sum)"
else
	fail "second generate" "see above"
fi
if gen_db "$T/g3.db" 150 2 6; then
	check "another seed gives another history" test "$(sqlite3 "$db" "$tables" | md5sum)" != "$(sqlite3 "$T/g3.db" "$tables" | md5sum)"
else
	fail "third generate" "see above"
fi

# Refusals.
before=$(dbdump "$db" | md5sum)
vk demo generate --staff 10 --years 1 --db "$db"
expect_eq "a second generated organisation is refused" 1 "$rc"
check "... saying why" grep -q "already holds a generated organisation" "$T/err"
expect_eq "... and changes nothing" "$before" "$(dbdump "$db" | md5sum)"
"$VAKSAM" init --db "$T/empty.db" >/dev/null 2>&1
sqlite3 "$T/empty.db" "PRAGMA foreign_keys = OFF; DELETE FROM course;"
vk demo generate --staff 10 --years 1 --db "$T/empty.db"
expect_eq "a database without courses is refused" 1 "$rc"
check "... saying to build content" grep -q "content build" "$T/err"
vk demo generate --staff 0 --years 1 --db "$db"
expect_eq "--staff 0 is a usage error" 2 "$rc"
vk demo generate --staff 10 --db "$db"
expect_eq "--years is required" 2 "$rc"
vk demo generate --staff 10 --years 1 --seed x --db "$db"
expect_eq "a bad seed is a usage error" 2 "$rc"
vk demo nosuch --db "$db"
expect_eq "an unknown demo command is a usage error" 2 "$rc"
vk demo generate --staff 10 --years 1 --db "$T/missing.db"
expect_eq "a missing database is refused" 1 "$rc"

# --- assign ---------------------------------------------------------------------
unit=$(q "SELECT u.path FROM unit u JOIN person p ON p.unit_id = u.id WHERE p.active GROUP BY u.id ORDER BY count(*) DESC, u.path LIMIT 1")
want=$(q "SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.active AND (u.path = '$unit' OR u.path LIKE '$unit/%')")
vk assign samordnare-roll --unit "$unit" --due 2026-03-31 --db "$db"
expect_eq "assign to a unit" 0 "$rc"
expect_eq "assign says how many" "$want people assigned samordnare-roll, due 2026-03-31" "$(cat "$T/out")"
expect_eq "one assignment row each, with the date" "$want" \
	"$(q "SELECT count(*) FROM assignment a JOIN course c ON c.id = a.course_id WHERE c.slug = 'samordnare-roll' AND a.due = '2026-03-31'")"
vk report csv completion --unit "$unit" --db "$db" -o "$T/c.csv"
expect_eq "completion of the unit counts the new assignments" "$want" \
	"$(csv_py "$T/c.csv" "print(next(r['assigned'] for r in rows if r['period'] == 'current' and r['course'] == 'samordnare-roll' and r['unit'] == '$unit'))")"
vk assign infosec-basics --role coordinator --due 2026-01-15 --db "$db"
expect_eq "assign by role (a translation assigns its original)" \
	"$(q "SELECT count(*) FROM person WHERE active AND role = 'coordinator'") people assigned infosec-basics, due 2026-01-15" "$(cat "$T/out")"
check "... stored for the original course" test "$(q "SELECT count(*) FROM assignment a JOIN course c ON c.id = a.course_id WHERE c.slug = 'infosak-grunder'")" -gt 0
vk assign losenord --all --due 2026-06-30 --db "$db"
expect_eq "assign to everyone" "$(q "SELECT count(*) FROM person WHERE active") people assigned losenord, due 2026-06-30" "$(cat "$T/out")"
vk assign losenord --due 2026-06-30 --db "$db"
expect_eq "assign needs a selector" 2 "$rc"
vk assign losenord --all --role staff --due 2026-06-30 --db "$db"
expect_eq "assign takes one selector" 2 "$rc"
vk assign losenord --all --due 30/06/2026 --db "$db"
expect_eq "assign wants an ISO date" 2 "$rc"
vk assign losenord --role boss --due 2026-06-30 --db "$db"
expect_eq "assign refuses an unknown role" 2 "$rc"
vk assign nosuch --all --due 2026-06-30 --db "$db"
expect_eq "assign refuses an unknown course" 1 "$rc"
vk assign losenord --unit "Ingenstans" --due 2026-06-30 --db "$db"
expect_eq "assign refuses an unknown unit" 1 "$rc"

# --- surveys --------------------------------------------------------------------
vk survey check --db "$db"
expect_eq "the bundled survey checks clean" 0 "$rc"
check "... 25 items" grep -q "sakerhetskultur.md: 25 items" "$T/out"
expect_eq "... without warnings" "" "$(cat "$T/err")"
mkdir -p "$T/surveys"
printf -- '---\nid: trasig\ntitle: T\nlanguage: sv\nversion: 1\n---\n## a\narea: passwords\ndimension: feelings\n\nText.\n' >"$T/surveys/trasig.md"
vk survey check "$T/surveys"
expect_eq "a bad survey fails the check" 1 "$rc"
check "... naming file, line and column" grep -q "trasig.md:9:12: error: unknown dimension 'feelings'" "$T/err"
vk survey build "$T/surveys" --db "$db"
expect_eq "a bad survey is not built" 1 "$rc"
vk survey build --db "$db"
expect_eq "survey build" 0 "$rc"
check "... says what it built" grep -q "built sakerhetskultur: 25 items" "$T/out"
vk survey list --db "$db"
expect_eq "survey list" 0 "$rc"
expect_eq "... one line per round" "$(q "SELECT count(*) FROM survey_round")" "$(wc -l <"$T/out")"
check "... with participants and sheets" grep -Eq $'^[0-9]{4}\tsakerhetskultur\t[0-9-]{10}\t[0-9-]{10}\t[0-9]+\t[0-9]+$' "$T/out"
vk survey open vinter --from 2025-11-01 --to 2025-12-15 --db "$db"
expect_eq "survey open" 0 "$rc"
vk survey open vinter --from 2025-11-01 --to 2025-12-15 --db "$db"
expect_eq "a round name is used once" 1 "$rc"
vk survey open var --from 2026-03-01 --to 2026-02-01 --db "$db"
expect_eq "a round cannot close before it opens" 1 "$rc"
vk survey open var --survey nosuch --from 2026-03-01 --to 2026-04-01 --db "$db"
expect_eq "an unknown survey is refused" 1 "$rc"
vk survey open var --db "$db"
expect_eq "open needs dates" 2 "$rc"
vk survey close vinter --db "$db"
expect_eq "survey close" 0 "$rc"
expect_eq "... closes it yesterday" "2025-11-14" "$(q "SELECT closes FROM survey_round WHERE name = 'vinter'")"
vk survey close nosuch --db "$db"
expect_eq "closing an unknown round is refused" 1 "$rc"
