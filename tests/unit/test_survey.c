/*
 * The culture survey: the file format, building, rounds, taking it once,
 * the unit a sheet counts for, results computed by hand, and a test on the
 * schema that answers cannot be linked to people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/day.h"
#include "core/store_internal.h"
#include "core/strbuf.h"
#include "core/survey.h"
#include "core/xmalloc.h"

#define assert_near(a, b, eps) near_at((a), (b), (eps), #a, __FILE__, __LINE__)

static void near_at(double a, double b, double eps, const char *what, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%s: %.6f, expected %.6f\n", what, a, b);
		_fail(file, line);
	}
}

static bool diag_has(const struct diag_list *d, int line, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if ((line == 0 || d->items[i].line == line) && strstr(d->items[i].message, needle))
			return true;
	return false;
}

/* The bundled survey: no error, no warning, 25 items, 10 reverse-scored,
 * every focus area with knowledge, attitude and behaviour. */
static void test_bundled(void **state)
{
	struct survey_def def;
	struct diag_list diags = DIAG_LIST_INIT;
	size_t reverse = 0;

	(void)state;
	assert_int_equal(
	    survey_read_file(VAKSAM_SRCDIR "/content/surveys/sakerhetskultur.md", &def, &diags), 0);
	if (diags.n)
		diag_print(&diags, stderr);
	assert_int_equal(diags.n, 0);
	assert_string_equal(def.slug, "sakerhetskultur");
	assert_string_equal(def.scale[4], "Stämmer helt");
	assert_int_equal(def.n_items, 25);
	for (size_t i = 0; i < def.n_items; i++)
		reverse += def.items[i].reverse;
	assert_int_equal(reverse, 10);
	assert_string_equal(def.items[0].name, "pw-dela-k");
	assert_true(def.items[0].reverse);
	assert_int_equal(def.items[0].dimension, SURVEY_KNOWLEDGE);
	assert_int_equal(def.items[24].area, SURVEY_AREA_INCIDENTS);
	assert_non_null(strstr(def.intro, "anonyma"));
	survey_def_release(&def);
	diag_list_release(&diags);
}

static const char bad_survey[] = "---\n"                   /* 1 */
				 "id: prov\n"              /* 2 */
				 "title: Prov\n"           /* 3 */
				 "language: de\n"          /* 4 */
				 "version: 1\n"            /* 5 */
				 "colour: red\n"           /* 6 */
				 "---\n"                   /* 7 */
				 "\n"                      /* 8 */
				 "## a-1\n"                /* 9 */
				 "area: passwords\n"       /* 10 */
				 "\n"                      /* 11 */
				 "Text.\n"                 /* 12 */
				 "## a-1\r\n"              /* 13 */
				 "area: cooking\r\n"       /* 14 */
				 "dimension: attitude\r\n" /* 15 */
				 "reverse: maybe\r\n"      /* 16 */
				 "\r\n"                    /* 17 */
				 "## Bad Id\n"             /* 18 */
				 "dimension: behaviour\n"  /* 19 */
				 "area: email\n";          /* 20 */

static void test_errors(void **state)
{
	struct survey_def def;
	struct diag_list diags = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(survey_parse("prov.md", bad_survey, sizeof(bad_survey) - 1, &def, &diags),
			 -1);
	assert_true(diag_has(&diags, 4, "language must be sv or en"));
	assert_true(diag_has(&diags, 6, "unknown front matter key 'colour'"));
	assert_true(diag_has(&diags, 9, "has no dimension"));
	assert_true(diag_has(&diags, 13, "used twice (first on line 9)"));
	assert_true(diag_has(&diags, 14, "unknown area 'cooking'"));
	assert_true(diag_has(&diags, 16, "reverse must be yes or no"));
	assert_true(diag_has(&diags, 13, "has no text"));
	assert_true(diag_has(&diags, 18, "may hold only a-z"));
	survey_def_release(&def);
	diag_list_release(&diags);
}

/* A small survey for the store tests: two passwords items (knowledge, and
 * behaviour reverse-scored) and one incidents attitude item. */
static const char small_survey[] = "---\n"
				   "id: liten\n"
				   "title: Liten enkät\n"
				   "language: sv\n"
				   "version: 1\n"
				   "---\n"
				   "Inledning.\n"
				   "\n"
				   "## k1\n"
				   "area: passwords\n"
				   "dimension: knowledge\n"
				   "\n"
				   "Jag vet.\n"
				   "## b1\n"
				   "area: passwords\n"
				   "dimension: behaviour\n"
				   "reverse: yes\n"
				   "\n"
				   "Jag slarvar.\n"
				   "## a1\n"
				   "area: incidents\n"
				   "dimension: attitude\n"
				   "\n"
				   "Det är bra att rapportera.\n";

/* The id must be the file's name. */
static void test_id_file(void **state)
{
	struct survey_def def;
	struct diag_list diags = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(
	    survey_parse("annan.md", small_survey, sizeof(small_survey) - 1, &def, &diags), -1);
	assert_true(diag_has(&diags, 2, "is not the file's name"));
	survey_def_release(&def);
	diag_list_release(&diags);
}

struct fixture {
	char dir[64];
	char *db;
	struct store *store;
	struct survey_def def;
	long long items[3];
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct diag_list diags = DIAG_LIST_INIT;
	char *cause = NULL;
	char sql[512];
	sqlite3_stmt *st;

	setenv("VAKSAM_NOW", "2025-06-30T12:00:00Z", 1);
	snprintf(f->dir, sizeof(f->dir), "/tmp/vaksam-survey.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/t.db", f->dir);
	if (store_open(f->db, STORE_CREATE_NEW, &f->store, &cause) < 0)
		fail_msg("%s", cause);
	/* U (6 people: p1-p6) with U/S holding p7-p10 (4 people); p11 in V alone. */
	assert_int_equal(
	    store_exec(f->store,
		       "INSERT INTO unit VALUES (1, NULL, 'U', 'U', '2024-01-01'),"
		       " (2, 1, 'S', 'U/S', '2024-01-01'), (3, NULL, 'V', 'V', '2024-01-01');",
		       &cause),
	    0);
	for (int p = 1; p <= 11; p++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO person (id, employee_no, name, unit_id, created) VALUES"
			 " (%d, 'E%d', 'P%d', %d, '2024-01-01T00:00:00Z');",
			 p, p, p,
			 p <= 6    ? 1
			 : p <= 10 ? 2
				   : 3);
		assert_int_equal(store_exec(f->store, sql, &cause), 0);
	}
	assert_int_equal(
	    survey_parse("liten.md", small_survey, sizeof(small_survey) - 1, &f->def, &diags), 0);
	diag_list_release(&diags);
	assert_int_equal(survey_build(f->store, &f->def, 1, &cause), 0);
	st = store_stmt(f->store, "SELECT id FROM survey_item ORDER BY position", &cause);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		f->items[i] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	survey_def_release(&f->def);
	store_close(&f->store);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db);
	free(f);
	unsetenv("VAKSAM_NOW");
	return 0;
}

static long long count(struct store *store, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(store->db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void test_build_and_rounds(void **state)
{
	struct fixture *f = *state;
	struct survey_form form;
	struct survey_round *rounds = NULL;
	size_t n = 0;
	char *cause = NULL;
	int values[3] = {4, 2, 5};

	/* Building again changes nothing. */
	assert_int_equal(survey_build(f->store, &f->def, 1, &cause), 0);
	assert_int_equal(count(f->store, "SELECT count(*) FROM survey_item"), 3);
	/* No round: nothing to take. */
	assert_int_equal(survey_pending(f->store, 1, day_today(), &form, &cause), 0);
	assert_int_equal(
	    survey_round_open(f->store, "liten", "2025", day_today() - 29, day_today(), &cause), 0);
	assert_int_equal(
	    survey_round_open(f->store, "liten", "2025", day_today(), day_today(), &cause), 1);
	free(cause);
	cause = NULL;
	assert_int_equal(
	    survey_round_open(f->store, "saknas", "x", day_today(), day_today(), &cause), 1);
	free(cause);
	cause = NULL;
	assert_int_equal(survey_pending(f->store, 1, day_today(), &form, &cause), 1);
	assert_string_equal(form.title, "Liten enkät");
	assert_string_equal(form.intro, "Inledning.");
	assert_string_equal(form.scale[0], "Stämmer inte alls");
	assert_int_equal(form.n_items, 3);
	assert_string_equal(form.items[1].text, "Jag slarvar.");
	assert_true(form.items[1].reverse);
	assert_int_equal(survey_submit(f->store, form.round_id, 1, f->items, values, 3, &cause), 0);
	/* Once per round. */
	assert_int_equal(survey_submit(f->store, form.round_id, 1, f->items, values, 3, &cause), 1);
	free(cause);
	cause = NULL;
	survey_form_release(&form);
	assert_int_equal(survey_pending(f->store, 1, day_today(), &form, &cause), 0);
	/* Another person still has it; a value out of range is refused. */
	assert_int_equal(survey_pending(f->store, 2, day_today(), &form, &cause), 1);
	values[0] = 6;
	assert_int_equal(survey_submit(f->store, form.round_id, 2, f->items, values, 3, &cause), 1);
	free(cause);
	cause = NULL;
	survey_form_release(&form);
	assert_int_equal(survey_rounds(f->store, &rounds, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rounds[0].participants, 1);
	assert_int_equal(rounds[0].sheets, 1);
	survey_rounds_free(&rounds, n);
	/* A closed round is no longer offered, and refuses answers. */
	assert_int_equal(survey_round_close(f->store, "2025", day_today() - 1, &cause), 0);
	assert_int_equal(survey_pending(f->store, 2, day_today(), &form, &cause), 0);
	values[0] = 3;
	assert_int_equal(survey_submit(f->store, 1, 2, f->items, values, 3, &cause), 1);
	free(cause);
	cause = NULL;
	/* The item b1 has answers now: it may not become a knowledge item. */
	f->def.items[1].dimension = SURVEY_KNOWLEDGE;
	assert_int_equal(survey_build(f->store, &f->def, 1, &cause), -1);
	assert_non_null(strstr(cause, "give it a new id"));
	free(cause);
}

/*
 * Which unit a sheet counts for (k = 5). p7-p10 are in U/S (4 people: too
 * few on its own), so they count for U (10 people) once U has 5
 * participants; until then for the organisation. p11 is alone in V: always
 * the organisation.
 */
static void test_sheet_unit(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;
	long long unit = -1;
	int values[3] = {3, 3, 3};

	assert_int_equal(
	    survey_round_open(f->store, "liten", "r", day_today(), day_today(), &cause), 0);
	assert_int_equal(survey_sheet_unit(f->store, 1, 7, 5, &unit, &cause), 0);
	assert_int_equal(unit, 0);
	for (int p = 1; p <= 4; p++)
		assert_int_equal(survey_submit(f->store, 1, p, f->items, values, 3, &cause), 0);
	/* Four sheets so far, all counting for the organisation. */
	assert_int_equal(count(f->store, "SELECT count(*) FROM survey_sheet WHERE unit_id IS NULL"),
			 4);
	/* The fifth participant of U: now U has 5 and 10 people. U/S alone
	 * never has 5 people. */
	assert_int_equal(survey_sheet_unit(f->store, 1, 7, 5, &unit, &cause), 0);
	assert_int_equal(unit, 1);
	assert_int_equal(survey_submit(f->store, 1, 7, f->items, values, 3, &cause), 0);
	assert_int_equal(count(f->store, "SELECT count(*) FROM survey_sheet WHERE unit_id = 1"), 1);
	assert_int_equal(survey_sheet_unit(f->store, 1, 11, 5, &unit, &cause), 0);
	assert_int_equal(unit, 0);
}

/*
 * The schema test of unlinkability:
 *  - survey_sheet and survey_answer have no column that names a person or a
 *    time, and no foreign key to person;
 *  - survey_participation has no column but round and person, and no
 *    foreign key to a sheet; no table refers to both person and sheet;
 *  - survey_answer and survey_participation have no rowid (WITHOUT ROWID),
 *    and sheet ids, and the order rows are read back in, do not follow the
 *    order people answered in.
 */
static void test_unlinkable(void **state)
{
	struct fixture *f = *state;
	static const char *const anonymous[] = {"survey_sheet", "survey_answer"};
	static const char *const forbidden[] = {"person", "employee", "name",     "time",
						"date",   "created",  "answered", "when",
						"seen",   "login",    "session",  "attempt"};
	long long inserted[10];
	char *cause = NULL;
	int values[3] = {5, 1, 4};
	sqlite3_stmt *st;
	bool ascending = true, same_order = true;
	size_t k = 0;

	for (size_t t = 0; t < 2; t++) {
		char *sql = xasprintf("SELECT name FROM pragma_table_info('%s')", anonymous[t]);

		assert_int_equal(sqlite3_prepare_v2(f->store->db, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(st, 0);

			for (size_t i = 0; i < sizeof(forbidden) / sizeof(*forbidden); i++)
				if (strstr(col, forbidden[i]))
					fail_msg("%s.%s looks like %s", anonymous[t], col,
						 forbidden[i]);
			if (strcmp(col, "at") == 0)
				fail_msg("%s.at is a time", anonymous[t]);
		}
		sqlite3_finalize(st);
		free(sql);
		sql = xasprintf("SELECT count(*) FROM pragma_foreign_key_list('%s')"
				" WHERE \"table\" NOT IN ('survey_round', 'unit', 'survey_sheet',"
				" 'survey_item')",
				anonymous[t]);
		assert_int_equal(count(f->store, sql), 0);
		free(sql);
	}
	assert_int_equal(count(f->store, "SELECT count(*) FROM pragma_table_info("
					 "'survey_participation') WHERE name NOT IN ('round_id', "
					 "'person_id')"),
			 0);
	assert_int_equal(count(f->store, "SELECT count(*) FROM pragma_foreign_key_list("
					 "'survey_participation') WHERE \"table\" NOT IN ("
					 "'survey_round', 'person')"),
			 0);
	/* No table refers to both a person and a sheet. */
	assert_int_equal(count(f->store,
			       "SELECT count(*) FROM sqlite_schema m WHERE m.type = 'table'"
			       " AND EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) k"
			       "  WHERE k.\"table\" = 'person')"
			       " AND EXISTS (SELECT 1 FROM pragma_foreign_key_list(m.name) k"
			       "  WHERE k.\"table\" = 'survey_sheet')"),
			 0);
	/* No trigger could copy answers elsewhere. */
	assert_int_equal(count(f->store, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
					 " AND tbl_name LIKE 'survey%'"),
			 0);
	/* WITHOUT ROWID: there is no hidden insertion counter. */
	assert_int_not_equal(
	    sqlite3_prepare_v2(f->store->db, "SELECT rowid FROM survey_answer", -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_finalize(st);
	assert_int_not_equal(sqlite3_prepare_v2(f->store->db,
						"SELECT rowid FROM survey_participation", -1, &st,
						NULL),
			     SQLITE_OK);
	sqlite3_finalize(st);

	/* Ten people answer one after the other; note each new sheet's id. */
	assert_int_equal(
	    survey_round_open(f->store, "liten", "r", day_today(), day_today(), &cause), 0);
	for (int p = 1; p <= 10; p++) {
		assert_int_equal(survey_submit(f->store, 1, p, f->items, values, 3, &cause), 0);
		inserted[p - 1] = 0;
		/* The new sheet is the one id not seen before. */
		assert_int_equal(
		    sqlite3_prepare_v2(f->store->db, "SELECT id FROM survey_sheet", -1, &st, NULL),
		    SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			long long id = sqlite3_column_int64(st, 0);
			bool seen = false;

			for (int q = 0; q < p - 1; q++)
				seen |= inserted[q] == id;
			if (!seen)
				inserted[p - 1] = id;
		}
		sqlite3_finalize(st);
		assert_true(inserted[p - 1] > 0);
	}
	for (int p = 1; p < 10; p++)
		ascending &= inserted[p] > inserted[p - 1];
	/* Ten random ids in rising order: a chance of 1 in 10! = 3628800. */
	assert_false(ascending);
	assert_int_equal(sqlite3_prepare_v2(f->store->db,
					    "SELECT sheet_id FROM survey_answer GROUP BY sheet_id",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		same_order &= sqlite3_column_int64(st, 0) == inserted[k++];
	sqlite3_finalize(st);
	assert_false(same_order);
	/* Participation is kept in person order, not in answer order. */
	assert_int_equal(count(f->store, "SELECT count(*) FROM survey_participation"), 10);
}

/*
 * Results by hand. Five people of U answer (p6 takes part without
 * answering). Scores after reversing b1 (6 - value):
 *          k1 b1 a1   sheet mean   k1 = knowledge, b1 = behaviour,
 *   p1     5  5  4    14/3         a1 = attitude; passwords = k1, b1;
 *   p2     4  4  4    4            incidents = a1
 *   p3     3  3  3    3
 *   p4     2  2  5    3
 *   p5     1  1  2    4/3
 * all: (14/3 + 4 + 3 + 3 + 4/3) / 5 = 3.2; knowledge and behaviour 3.0;
 * attitude (4 + 4 + 3 + 5 + 2)/5 = 3.6; passwords 3.0; incidents 3.6.
 * Favourable (4 or 5) answers: 3 + 3 + 0 + 1 + 0 = 7 of 15 = 46.667%.
 * The first four sheets count for the organisation and p5's for U (the
 * fifth participant), so U has 1 sheet (small); the organisation has 5.
 * Alpha: item variances 2.5, 2.5, 1.3 (sum 6.3), totals 14 12 9 9 4 with
 * variance 14.3: 3/2 x (1 - 6.3/14.3) = 0.839161.
 */
static void test_results(void **state)
{
	struct fixture *f = *state;
	static const int answers[6][3] = {{5, 1, 4}, {4, 2, 4}, {3, 3, 3},
					  {2, 4, 5}, {1, 5, 2}, {0, 0, 0}};
	struct survey_results r;
	char *cause = NULL;

	assert_int_equal(
	    survey_round_open(f->store, "liten", "r", day_today(), day_today(), &cause), 0);
	for (int p = 0; p < 6; p++)
		assert_int_equal(survey_submit(f->store, 1, p + 1, f->items, answers[p], 3, &cause),
				 0);
	assert_int_equal(survey_results(f->store, 0, NULL, 5, &r, &cause), 0);
	assert_string_equal(r.round.name, "r");
	assert_false(r.has_prev);
	assert_int_equal(r.round.sheets, 5);
	assert_int_equal(r.round.participants, 6);
	assert_int_equal(r.n_units, 4);
	assert_int_equal(r.cells[0].n, 5);
	assert_int_equal(r.cells[0].state, SUPPRESS_SHOWN);
	assert_near(r.cells[0].mean, 3.2, 1e-9);
	assert_near(r.cells[0].favourable, 700.0 / 15, 1e-9);
	assert_near(r.cells[1].mean, 3.0, 1e-9); /* knowledge */
	assert_near(r.cells[2].mean, 3.6, 1e-9); /* attitude */
	assert_near(r.cells[3].mean, 3.0, 1e-9); /* behaviour */
	assert_near(r.cells[4].mean, 3.0, 1e-9); /* passwords */
	assert_near(r.cells[8].mean, 3.6, 1e-9); /* incidents */
	assert_string_equal(survey_scale_key(8), "incidents");
	assert_string_equal(survey_scale_name_sv(2), "Attityd");
	/* U: one sheet. */
	assert_int_equal(r.cells[1 * SURVEY_N_SCALES].n, 1);
	assert_int_equal(r.cells[1 * SURVEY_N_SCALES].state, SUPPRESS_SMALL);
	assert_near(r.alpha, 0.839161, 1e-6);
	assert_int_equal(r.alpha_n, 5);
	assert_int_equal(r.active, 11);
	assert_int_equal(r.participants, 6);
	/* Per item: b1 reversed: 5 4 3 2 1 -> mean 3. */
	assert_int_equal(r.n_items, 3);
	assert_near(r.items[1].cell.mean, 3.0, 1e-9);
	assert_near(r.items[2].cell.favourable, 60.0, 1e-9);
	survey_results_release(&r);
	assert_int_equal(survey_results(f->store, 0, "saknas", 5, &r, &cause), 1);
	free(cause);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bundled),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_id_file),
	    cmocka_unit_test_setup_teardown(test_build_and_rounds, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sheet_unit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unlinkable, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_results, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
