/*
 * GDPR: the schema check (every table classified; a new table with personal
 * data that is missing from the register extract fails it); the extract
 * (everything on the person, no secret); erase (the name and employee
 * number nowhere in the database file or its WAL, answers kept only as
 * anonymous unit statistics, the audit chain intact, a reason that names
 * the person refused); purge (exact counts on a fixed data set, dry run
 * changes nothing, completions kept unless asked, the chain verifies); the
 * retention period arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attempt.h"
#include "core/audit.h"
#include "core/credential.h"
#include "core/demo.h"
#include "core/gdpr.h"
#include "core/login.h"
#include "core/person.h"
#include "core/store_internal.h"
#include "core/unit.h"
#include "core/xmalloc.h"

#include "fixture.h"

#define NUMBER "7700771"
#define NAME "Zäta Testsdotter"
#define DRAFT  "Utkast: jag, " NAME ", glömde skärmlåset"

struct fixture {
	struct test_db t;
	long long zeta; /* the person erased in the tests */
};

static void exec_ok(struct store *store, const char *sql)
{
	char *cause = NULL;

	if (store_exec(store, sql, &cause) < 0)
		fail_msg("%s: %s", sql, cause);
}

static long long scalar(struct store *store, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(store->db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * A course with two questions (single choice, essay); Zäta (in Hemtjänst
 * Norr) with a PIN, a finished quiz with both answers (the essay names
 * her), an unfinished attempt, a completion, a lesson position, a
 * certificate and a paper sheet; Anna (1001) with one finished quiz.
 */
static void fixture_data(struct fixture *f)
{
	long long unit = 0;
	char *cause = NULL, *sql;

	assert_int_equal(unit_find(f->t.store, "Socialförvaltningen/Hemtjänst Norr", &unit, &cause),
			 0);
	assert_int_equal(store_begin(f->t.store, &cause), 0);
	assert_int_equal(person_add(f->t.store, NUMBER, NAME, unit, ROLE_STAFF, &f->zeta, &cause),
			 0);
	assert_int_equal(credential_set_pin(f->t.store, f->zeta, "4826", &cause), 0);
	assert_int_equal(store_commit(f->t.store, &cause), 0);
	exec_ok(
	    f->t.store,
	    "INSERT INTO course (id, slug, title, language, audience, version, pass_mark, minutes)"
	    " VALUES (1, 'natfiske', 'Nätfiske', 'sv', 'all', 1, 50, 10);"
	    "INSERT INTO question (id, course_id, name, position, current_version)"
	    " VALUES (1, 1, 'q1', 1, 1), (2, 1, 'q2', 2, 1);"
	    "INSERT INTO question_version (id, question_id, version, type, body, hash, created)"
	    " VALUES (1, 1, 1, 'single', '{}', 'h1', '2029-01-01T00:00:00Z'),"
	    "        (2, 2, 1, 'essay', '{}', 'h2', '2029-01-01T00:00:00Z');");
	sql = xasprintf(
		"INSERT INTO attempt (id, person_id, unit_id, course_id, course_version, kind, source,"
		" started, finished, score, passed) VALUES"
		" (1, %lld, NULL, 1, 1, 'quiz', 'kiosk', '2029-05-02T10:11:12Z',"
		"  '2029-05-02T10:20:00Z', 100, 1),"
		" (2, %lld, NULL, 1, 1, 'quiz', 'kiosk', '2029-06-01T09:00:00Z', NULL, NULL, NULL),"
		" (3, (SELECT id FROM person WHERE employee_no = '1001'), NULL, 1, 1, 'quiz', 'kiosk',"
		"  '2029-05-03T08:00:00Z', '2029-05-03T08:10:00Z', 50, 1);"
		"INSERT INTO response (attempt_id, question_version_id, position, answer, mark, answered)"
		" VALUES (1, 1, 1, '{\"chosen\":[1]}', 1, '2029-05-02T10:15:00Z'),"
		"        (1, 2, 2, '{\"text\":\"Jag heter " NAME ", nr " NUMBER "\"}', NULL,"
		"         '2029-05-02T10:19:00Z'),"
		"        (2, 1, 1, '{\"chosen\":[0]}', 0, '2029-06-01T09:01:00Z'),"
		"        (3, 1, 1, '{\"chosen\":[0]}', 0, '2029-05-03T08:05:00Z');"
		"INSERT INTO completion (person_id, course_id, attempt_id, passed_at, score)"
		" VALUES (%lld, 1, 1, '2029-05-02T10:20:00Z', 100);"
		"INSERT INTO lesson_progress (person_id, course_id, page_no, pages_seen, updated)"
		" VALUES (%lld, 1, 3, 3, '2029-05-02T10:05:00Z');"
		"INSERT INTO certificate (id, code, person_id, kind, issued)"
		" VALUES (1, 'VKVTESTCODE1', %lld, 'course', '2029-05-03T00:00:00Z');"
		"INSERT INTO certificate_course (certificate_id, position, course_id, completion_id,"
		" title, passed_at, score) VALUES (1, 1, 1, 1, 'Nätfiske', '2029-05-02T10:20:00Z', 100);"
		"INSERT INTO paper_sheet (code, course_id, course_version, pass_mark, person_id, unit_id,"
		" plan, printed) VALUES ('VKSTESTSHEET', 1, 1, 50, %lld, %lld, '[]',"
		" '2029-04-01T00:00:00Z');",
		f->zeta, f->zeta, f->zeta, f->zeta, f->zeta, f->zeta, unit);
	exec_ok(f->t.store, sql);
	free(sql);
	/* The unfinished attempt holds text typed at the essay but not sent. */
	exec_ok(f->t.store, "UPDATE attempt SET plan = '{\"items\":[{\"v\":1},{\"v\":2}]}'"
			    " WHERE id = 2");
	assert_int_equal(attempt_save_place(f->t.store, 2, 1, DRAFT, &cause), 0);
	assert_int_equal(
	    audit_record(f->t.store, f->zeta, AUDIT_LOGIN_OK, f->zeta, "via=number", &cause), 0);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	setenv("VAKSAM_NOW", "2030-01-01T08:00:00", 1);
	test_db_open(&f->t, "secgdpr", true);
	fixture_data(f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unsetenv("VAKSAM_NOW");
	test_db_close(&f->t);
	free(f);
	return 0;
}

static void test_schema_check(void **state)
{
	struct fixture *f = *state;
	char *problems = NULL, *cause = NULL;

	assert_int_equal(gdpr_schema_check(f->t.store, &problems, &cause), 0);
	if (problems)
		fail_msg("%s", problems);
	/* A new table about people, not in the registry: caught. */
	exec_ok(f->t.store, "CREATE TABLE shoe_size (person_id INTEGER REFERENCES person(id),"
			    " size INTEGER)");
	assert_int_equal(gdpr_schema_check(f->t.store, &problems, &cause), 0);
	assert_non_null(problems);
	assert_non_null(strstr(problems, "shoe_size"));
	free(problems);
	exec_ok(f->t.store, "DROP TABLE shoe_size");
	/* Also one that reaches people only through another table. */
	exec_ok(f->t.store, "CREATE TABLE attempt_note (attempt_id INTEGER REFERENCES attempt(id),"
			    " note TEXT)");
	assert_int_equal(gdpr_schema_check(f->t.store, &problems, &cause), 0);
	assert_non_null(problems);
	assert_non_null(strstr(problems, "attempt_note"));
	free(problems);
	exec_ok(f->t.store, "DROP TABLE attempt_note");
	/* And one nobody classified at all. */
	exec_ok(f->t.store, "CREATE TABLE misc (x TEXT)");
	assert_int_equal(gdpr_schema_check(f->t.store, &problems, &cause), 0);
	assert_non_null(problems);
	assert_non_null(strstr(problems, "misc"));
	free(problems);
}

static const struct gdpr_section *section(const struct gdpr_extract *x, const char *table)
{
	for (size_t i = 0; i < x->n_sections; i++)
		if (strcmp(x->sections[i].info->table, table) == 0)
			return &x->sections[i];
	fail_msg("no section %s", table);
	return NULL;
}

/* The cell of column label in row r of a section, or NULL when empty. */
static const char *cell(const struct gdpr_section *s, size_t r, const char *label)
{
	for (size_t c = 0; c < s->n_columns; c++)
		if (strcmp(s->columns[c], label) == 0)
			return s->cells[r * s->n_columns + c];
	fail_msg("no column %s", label);
	return NULL;
}

static void test_extract(void **state)
{
	struct fixture *f = *state;
	struct gdpr_extract x;
	char *cause = NULL;
	size_t n;

	if (gdpr_extract(f->t.store, f->zeta, "sv", &x, &cause) < 0)
		fail_msg("%s", cause);
	/* Every personal table of the registry has a section. */
	gdpr_registry("sv", &n);
	assert_string_equal(section(&x, "person")->cells[1], NAME);
	assert_string_equal(section(&x, "person")->columns[0], "Anställningsnummer");
	assert_int_equal(section(&x, "attempt")->n_rows, 2);
	/* The unsent draft of the unfinished attempt (the second, by start). */
	assert_null(cell(section(&x, "attempt"), 0, "Skrivet men inte skickat"));
	assert_string_equal(cell(section(&x, "attempt"), 1, "Skrivet men inte skickat"), DRAFT);
	assert_int_equal(section(&x, "response")->n_rows, 3);
	assert_int_equal(section(&x, "completion")->n_rows, 1);
	assert_int_equal(section(&x, "certificate_course")->n_rows, 1);
	assert_int_equal(section(&x, "paper_sheet")->n_rows, 1);
	assert_int_equal(section(&x, "audit")->n_rows, 1);
	assert_string_equal(section(&x, "credential")->cells[0], "ja");
	assert_non_null(section(&x, "person")->info->legal_basis);
	assert_non_null(strstr(gdpr_texts("sv")->rights, "IMY"));
	assert_non_null(strstr(gdpr_texts("en")->rights, "IMY"));
	/* No secret in any cell. */
	for (size_t i = 0; i < x.n_sections; i++) {
		const struct gdpr_section *s = &x.sections[i];

		for (size_t c = 0; c < s->n_rows * s->n_columns; c++)
			if (s->cells[c])
				assert_null(strstr(s->cells[c], "$argon2"));
	}
	gdpr_extract_release(&x);
	/* English labels. */
	if (gdpr_extract(f->t.store, f->zeta, "en", &x, &cause) < 0)
		fail_msg("%s", cause);
	assert_string_equal(section(&x, "person")->columns[0], "Employee number");
	assert_string_equal(section(&x, "credential")->cells[0], "yes");
	assert_string_equal(cell(section(&x, "attempt"), 1, "Typed but not sent"), DRAFT);
	gdpr_extract_release(&x);
}

/* Whether the file at path holds text. */
static bool file_has(const char *path, const char *text)
{
	FILE *fp = fopen(path, "rb");
	size_t m = strlen(text), n = 0, cap = 1 << 16, got;
	char *buf = xmalloc(cap);
	bool found = false;

	if (fp == NULL) {
		free(buf);
		return false;
	}
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xreallocarray(buf, cap *= 2, 1);
	}
	fclose(fp);
	for (size_t i = 0; i + m <= n && !found; i++)
		found = memcmp(buf + i, text, m) == 0;
	free(buf);
	return found;
}

static void test_erase(void **state)
{
	struct fixture *f = *state;
	struct gdpr_erase_counts c;
	struct audit_verify_result v;
	char *cause = NULL, *wal = xasprintf("%s-wal", f->t.db);
	long long people = scalar(f->t.store, "SELECT count(*) FROM person");
	static const char *const traces[] = { NAME, NUMBER, "Zäta", "Testsdotter" };

	/* A reason that names the person is refused, and nothing changes. */
	assert_int_equal(gdpr_erase(f->t.store, f->zeta, "begärt av " NAME, 0, &c, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(gdpr_erase(f->t.store, f->zeta, "ärende " NUMBER, 0, &c, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(gdpr_erase(f->t.store, f->zeta, "TESTSDOTTER slutade", 0, &c, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM person"), people);

	if (gdpr_erase(f->t.store, f->zeta, "begäran enligt art. 17, dnr KS 2030/12", 0, &c,
		       &cause) < 0)
		fail_msg("%s", cause);
	assert_true(c.wal_truncated);
	assert_int_equal(c.attempts_anonymised, 1);
	assert_int_equal(c.attempts_removed, 1);
	assert_int_equal(c.answers_cleared, 1);
	assert_int_equal(c.completions_removed, 1);
	assert_int_equal(c.certificates_removed, 1);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM person"), people - 1);
	/* The answers stay as anonymous unit statistics. */
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM attempt WHERE id = 1 AND"
					    " person_id IS NULL AND unit_id IS NOT NULL AND"
					    " started = '2029-05-02T00:00:00Z'"),
			 1);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM response WHERE attempt_id = 1"),
			 2);
	assert_int_equal(scalar(f->t.store, "SELECT mark FROM response WHERE attempt_id = 1 AND"
					    " question_version_id = 1"),
			 1);
	assert_int_equal(
	    scalar(f->t.store, "SELECT count(*) FROM paper_sheet WHERE person_id IS NULL"), 1);
	/* Anna's data untouched. */
	assert_int_equal(scalar(f->t.store,
				"SELECT count(*) FROM attempt WHERE id = 3 AND"
				" person_id IS NOT NULL AND started = '2029-05-03T08:00:00Z'"),
			 1);
	/* Nothing of her name or number in the database or its WAL. */
	for (size_t i = 0; i < sizeof(traces) / sizeof(traces[0]); i++) {
		if (file_has(f->t.db, traces[i]) || file_has(wal, traces[i]))
			fail_msg("'%s' is still in the database or WAL", traces[i]);
	}
	/* And after closing (a last checkpoint) too. */
	store_close(&f->t.store);
	for (size_t i = 0; i < sizeof(traces) / sizeof(traces[0]); i++)
		assert_false(file_has(f->t.db, traces[i]) || file_has(wal, traces[i]));
	assert_int_equal(store_open(f->t.db, STORE_OPEN_EXISTING, &f->t.store, &cause), 0);
	/* The audit chain is intact and records the erase by id. */
	assert_int_equal(audit_verify(f->t.store, &v, &cause), 0);
	assert_true(v.ok);
	audit_verify_release(&v);
	assert_int_equal(
	    scalar(f->t.store, "SELECT count(*) FROM audit WHERE action = 'gdpr.erase'"), 1);
	free(wal);
}

/* Purge on a fixed data set, the counts worked out by hand:
 *   cutoff 2029-06-01T00:00:00Z (now 2032-06-01, "36m");
 *   responses of attempts finished before it: attempts 1 (2) and 3 (1);
 *     attempt 2 is unfinished but started 2029-06-01T09:00 (after): 3;
 *   audit: 3 entries written before the cutoff, then the fixture's entry of
 *     2030 and later ones stay: 3;
 *   lesson positions updated before it: Zäta's of 2029-05-02: 1;
 *   login counters: one old and one running lock (kept): 1;
 *   completions before it: Zäta's: 1 (kept unless dropped). */
static void test_purge_counts(void **state)
{
	struct fixture *f = *state;
	struct gdpr_purge_counts c;
	struct audit_verify_result v;
	char *cause = NULL, *cutoff;

	exec_ok(f->t.store,
		"INSERT INTO login_lock (subject, via, failures, locks, locked_until,"
		" updated) VALUES ('a', 'number', 2, 0, NULL, '2029-01-01T00:00:00Z'),"
		" ('b', 'number', 0, 3, '2040-01-01T00:00:00Z', '2029-01-01T00:00:00Z'),"
		" ('c', 'badge', 1, 0, NULL, '2031-01-01T00:00:00Z')");
	/* Three audit entries from before, written with the clock back then;
	 * they have to come first in the chain, so the fixture's entry goes. */
	setenv("VAKSAM_NOW", "2029-01-01T08:00:00", 1);
	exec_ok(f->t.store, "INSERT INTO audit_purge_gate VALUES (1); DELETE FROM audit;"
			    " DELETE FROM audit_purge_gate; DELETE FROM audit_head");
	for (int i = 0; i < 3; i++)
		assert_int_equal(audit_record(f->t.store, 0, "test.old", 0, NULL, &cause), 0);
	setenv("VAKSAM_NOW", "2030-01-01T08:00:00", 1);
	assert_int_equal(audit_record(f->t.store, 0, "test.new", 0, NULL, &cause), 0);

	setenv("VAKSAM_NOW", "2032-06-01T00:00:00", 1);
	cutoff = gdpr_cutoff("36m", &cause);
	assert_string_equal(cutoff, "2029-06-01T00:00:00Z");
	assert_int_equal(gdpr_purge(f->t.store, cutoff, true, true, 0, &c, &cause), 0);
	assert_int_equal(c.responses, 3);
	assert_int_equal(c.audit_entries, 3);
	assert_int_equal(c.lesson_positions, 1);
	assert_int_equal(c.login_counters, 1);
	assert_int_equal(c.completions_kept, 1);
	assert_int_equal(c.completions_removed, 0);
	/* The dry run changed nothing. */
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM response"), 4);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM audit"), 4);
	/* Every attempt gets an unsent draft; the old ones' drafts must go. */
	exec_ok(f->t.store, "UPDATE attempt SET plan = json_set(CASE WHEN json_valid(plan) THEN"
			    " plan ELSE '{}' END, '$.draft', 'utkast')");
	/* The real run removes exactly that. */
	assert_int_equal(gdpr_purge(f->t.store, cutoff, true, false, 0, &c, &cause), 0);
	assert_int_equal(scalar(f->t.store,
				"SELECT count(*) FROM attempt WHERE json_extract(plan, '$.draft')"
				" IS NOT NULL AND IFNULL(finished, started) < '2029-06-01'"),
			 0);
	assert_true(scalar(f->t.store, "SELECT count(*) FROM attempt WHERE"
				       " json_extract(plan, '$.draft') IS NOT NULL") > 0);
	assert_int_equal(c.responses, 3);
	assert_int_equal(c.audit_entries, 3);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM response"), 1);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM lesson_progress"), 0);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM login_lock"), 2);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM completion"), 1);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM attempt"), 3);
	/* Left: the 2030 entry, the anchor and the purge entry. */
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM audit"), 3);
	assert_int_equal(audit_verify(f->t.store, &v, &cause), 0);
	assert_true(v.ok);
	audit_verify_release(&v);
	/* Dropping completions too. */
	assert_int_equal(gdpr_purge(f->t.store, cutoff, false, false, 0, &c, &cause), 0);
	assert_int_equal(c.completions_removed, 1);
	assert_int_equal(c.responses, 0);
	assert_int_equal(scalar(f->t.store, "SELECT count(*) FROM completion"), 0);
	assert_int_equal(audit_verify(f->t.store, &v, &cause), 0);
	assert_true(v.ok);
	audit_verify_release(&v);
	free(cutoff);
}

static void cut(const char *now, const char *period, const char *want)
{
	char *cause = NULL, *got;

	setenv("VAKSAM_NOW", now, 1);
	got = gdpr_cutoff(period, &cause);
	if (want == NULL) {
		assert_null(got);
		free(cause);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_cutoff(void **state)
{
	(void)state;
	cut("2030-03-31T12:00:00", "1m", "2030-02-28T12:00:00Z");
	cut("2032-03-31T12:00:00", "1m", "2032-02-29T12:00:00Z");
	cut("2030-03-31T12:00:00", "36m", "2027-03-31T12:00:00Z");
	cut("2030-01-15T00:00:00", "13m", "2028-12-15T00:00:00Z");
	cut("2030-01-15T00:00:00", "3y", "2027-01-15T00:00:00Z");
	cut("2030-01-15T00:00:00", "90d", "2029-10-17T00:00:00Z");
	cut("2030-01-15T00:00:00", "36", NULL);
	cut("2030-01-15T00:00:00", "0m", NULL);
	cut("2030-01-15T00:00:00", "m", NULL);
	cut("2030-01-15T00:00:00", "36mm", NULL);
	cut("2030-01-15T00:00:00", "-3m", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extract, setup, teardown),
		cmocka_unit_test_setup_teardown(test_erase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge_counts, setup, teardown),
		cmocka_unit_test(test_cutoff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
