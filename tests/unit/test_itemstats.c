/*
 * Item analysis against a worked example: 10 people x 5 items.
 *
 * The marks (rows are people, columns items; 0.5 is a half-right answer):
 *
 *   p1  1 1 1   1 0        totals T = 4, 3, 3, 3, 5, 1, 1, 4.5, 1, 3.5
 *   p2  1 1 1   0 0
 *   p3  1 1 0   1 0
 *   p4  1 0 1   0 1
 *   p5  1 1 1   1 1
 *   p6  0 1 0   0 0
 *   p7  1 0 0   0 0
 *   p8  1 1 1   1 0.5
 *   p9  0 0 0   1 0
 *   p10 1 1 0.5 1 0
 *
 * Computed by hand for item 1 (and checked, with every other figure, by an
 * independent Python program using the statistics module: correlation,
 * stdev, variance):
 *   x1 = 1 1 1 1 1 0 1 1 0 1, mean 0.8; rest = T - x1 = 3 2 2 2 4 1 0 3.5 1 2.5,
 *   mean 2.1. C(x1, rest) = 2.2 / 9 = 0.24444; V(x1) = 1.6 / 9 = 0.17778;
 *   V(rest) = 13.4 / 9 = 1.48889; r = 0.24444 / sqrt(0.17778 * 1.48889)
 *   = 0.47513, so D1 = 47.51. Sorted margins give Cmax = 0.35556, so
 *   DE1 = 100 * 0.24444 / 0.35556 = 68.75.
 *   Alpha: sum of item variances 0.177778 + 0.233333 + 0.247222 + 0.266667
 *   + 0.180556 = 1.105556; V(T) = 2.155556; alpha = 5/4 * (1 - 1.105556 /
 *   2.155556) = 0.608892; ER = 100 * sqrt(1 - 0.608892) = 62.5386;
 *   SD(T) in percent of the maximum 5 = 100 * sqrt(2.155556) / 5 = 29.3636,
 *   SE = 0.625386 * 29.3636 = 18.3636.
 *
 * Python gave (facility, SD, D, DE per item):
 *   item1 80 42.163702 47.512763 68.750000
 *   item2 70 48.304589 29.403618 34.782609
 *   item3 55 49.721446 62.085590 67.213115
 *   item4 60 51.639778 20.272121 23.076923
 *   item5 25 42.491829 27.827153 40.740741
 *   alpha 0.608892 ER 62.538648 SE 18.363611; test mean 58, median 60,
 *   sd 29.363621 (percent).
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
#include <limits.h>

#include "core/itemstats.h"
#include "core/store_internal.h"
#include "core/xmalloc.h"

static const double example[10][5] = {
    {1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}, {1, 1, 0, 1, 0},   {1, 0, 1, 0, 1}, {1, 1, 1, 1, 1},
    {0, 1, 0, 0, 0}, {1, 0, 0, 0, 0}, {1, 1, 1, 1, 0.5}, {0, 0, 0, 1, 0}, {1, 1, 0.5, 1, 0},
};

static const double expect_item[5][4] = {
    {80, 42.163702, 47.512763, 68.750000}, {70, 48.304589, 29.403618, 34.782609},
    {55, 49.721446, 62.085590, 67.213115}, {60, 51.639778, 20.272121, 23.076923},
    {25, 42.491829, 27.827153, 40.740741},
};

#define EPS 1e-4

/* assert_float_equal rounds to float; this keeps doubles and says what differs. */
#define assert_near(a, b, eps) near_at((a), (b), (eps), #a, __FILE__, __LINE__)

static void near_at(double a, double b, double eps, const char *what, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%s: %.6f, expected %.6f\n", what, a, b);
		_fail(file, line);
	}
}

static void check_example(const struct itemstats_item *items, const struct itemstats_test *t)
{
	for (int p = 0; p < 5; p++) {
		assert_int_equal(items[p].n, 10);
		assert_near(items[p].facility, expect_item[p][0], EPS);
		assert_near(items[p].sd, expect_item[p][1], EPS);
		assert_near(items[p].discrimination, expect_item[p][2], EPS);
		assert_near(items[p].efficiency, expect_item[p][3], EPS);
		/* Facility 25..80, D above 20 everywhere: nothing to flag. */
		assert_int_equal(items[p].flags, 0);
	}
	assert_int_equal(t->n, 10);
	assert_int_equal(t->n_alpha, 10);
	assert_int_equal(t->items_alpha, 5);
	assert_near(t->alpha, 0.608892, EPS);
	assert_near(t->error_ratio, 62.538648, EPS);
	assert_near(t->se, 18.363611, EPS);
	assert_near(t->mean, 58.0, EPS);
	assert_near(t->median, 60.0, EPS);
	assert_near(t->sd, 29.363621, EPS);
}

static void test_worked_example(void **state)
{
	struct itemstats_item items[5];
	struct itemstats_test t;

	(void)state;
	itemstats_compute(&example[0][0], 10, 5, items, &t);
	check_example(items, &t);
}

/* Pearson's r by hand: x = 0 0 1 1, y = 1 2 3 4: means 0.5 and 2.5,
 * C = (0.75 + 0.25 + 0.25 + 0.75) / 3 = 2/3, V(x) = 1/3, V(y) = 5/3,
 * r = (2/3) / sqrt(5/9) = 0.894427. A constant gives NAN. */
static void test_pearson(void **state)
{
	double x[] = {0, 0, 1, 1}, y[] = {1, 2, 3, 4}, c[] = {1, 1, 1, 1};

	(void)state;
	assert_near(itemstats_pearson(x, y, 4), 0.894427, 1e-6);
	assert_true(isnan(itemstats_pearson(c, y, 4)));
	assert_true(isnan(itemstats_pearson(x, y, 1)));
}

/*
 * Flags on 12 attempts of 3 items. Item 1 is right for everyone (facility
 * 100: too easy; no variance, so D is undefined and counts as low). Item 2
 * is right exactly for the six attempts that get item 3 wrong, so it runs
 * against the rest of the test (negative discrimination). Item 3 splits the
 * group evenly (facility 50) and agrees with nothing but itself and item 1's
 * constant, so its rest (1 + item 2) runs against it too.
 */
static void test_flags(void **state)
{
	double m[12][3];
	struct itemstats_item items[3];
	struct itemstats_test t;
	char buf[128];

	(void)state;
	for (int s = 0; s < 12; s++) {
		m[s][0] = 1;
		m[s][2] = s < 6 ? 1 : 0;
		m[s][1] = s < 6 ? 0 : 1;
	}
	itemstats_compute(&m[0][0], 12, 3, items, &t);
	assert_near(items[0].facility, 100, EPS);
	assert_true(isnan(items[0].discrimination));
	assert_int_equal(items[0].flags, ITEMSTATS_FLAG_EASY | ITEMSTATS_FLAG_LOW_DISC);
	/* x2 against rest = 1 + x3 = 2 - x2: r = -1. */
	assert_near(items[1].discrimination, -100, EPS);
	assert_true(items[1].flags & ITEMSTATS_FLAG_NEGATIVE);
	assert_true(items[1].flags & ITEMSTATS_FLAG_LOW_DISC);
	assert_string_equal(itemstats_flag_text(items[1].flags, buf, sizeof(buf)),
			    "negative discrimination");
	assert_string_equal(itemstats_flag_text(items[0].flags, buf, sizeof(buf)),
			    "too easy, low discrimination");
	assert_string_equal(itemstats_flag_text_sv(items[0].flags, buf, sizeof(buf)),
			    "för lätt, skiljer dåligt");
	/* Totals are all 2: no variance, so alpha is undefined. */
	assert_true(isnan(t.alpha));
	/* Fewer than ITEMSTATS_MIN_FLAG attempts: no flags at all. */
	itemstats_compute(&m[0][0], 9, 3, items, &t);
	assert_int_equal(items[0].flags, 0);
}

/*
 * Missing items: the example plus two attempts that skipped item 5 (NAN)
 * and answered items 1-4 right. Alpha uses the most common item set, the
 * ten complete attempts, so it stays 0.608892; item 5 keeps its figures
 * (its ten answers are the same); the test mean covers all 12 attempts:
 * (10 * 58 + 2 * 100) / 12 = 65.
 */
static void test_missing(void **state)
{
	double m[12][5];
	struct itemstats_item items[5];
	struct itemstats_test t;

	(void)state;
	memcpy(m, example, sizeof(example));
	for (int s = 10; s < 12; s++) {
		for (int p = 0; p < 4; p++)
			m[s][p] = 1;
		m[s][4] = NAN;
	}
	itemstats_compute(&m[0][0], 12, 5, items, &t);
	assert_int_equal(t.n, 12);
	assert_int_equal(t.n_alpha, 10);
	assert_near(t.alpha, 0.608892, EPS);
	assert_near(t.mean, 65.0, EPS);
	assert_int_equal(items[4].n, 10);
	assert_near(items[4].facility, 25, EPS);
	assert_near(items[4].discrimination, 27.827153, EPS);
	assert_int_equal(items[0].n, 12);
}

/* The same example through the store: ten people's first quiz attempts at a
 * course. Person 1 also has a later second attempt with everything right,
 * and person 2 a pre-test: neither may change a figure. An attempt finished
 * outside the window asked for leaves the population. */
struct fixture {
	char dir[64];
	char *db;
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;
	char sql[1024];

	snprintf(f->dir, sizeof(f->dir), "/tmp/vaksam-items.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/t.db", f->dir);
	if (store_open(f->db, STORE_CREATE_NEW, &f->store, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(
	    store_exec(f->store,
		       "INSERT INTO unit VALUES (1, NULL, 'U', 'U', '2024-01-01T00:00:00Z');"
		       "INSERT INTO course (id, slug, title, language, audience, version,"
		       " pass_mark, minutes, pretest) VALUES"
		       " (1, 'kurs', 'Kurs', 'sv', 'all', 1, 80, 10, 2);",
		       &cause),
	    0);
	for (int p = 1; p <= 5; p++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO question VALUES (%d, 1, 'q%d', 'grunder', %d, 1, 0);"
			 "INSERT INTO question_version VALUES (%d, %d, 1, 'single',"
			 " '{\"stem\":\"Fråga %d\"}', 'h', '2024-01-01T00:00:00Z');",
			 p, p, p, p, p, p);
		assert_int_equal(store_exec(f->store, sql, &cause), 0);
	}
	for (int s = 0; s < 10; s++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO person (id, employee_no, name, unit_id, created) VALUES"
			 " (%d, 'E%d', 'P%d', 1, '2024-01-01T00:00:00Z');"
			 "INSERT INTO attempt VALUES (%d, %d, 1, 1, 1, 'quiz', 'kiosk',"
			 " '2025-03-01T10:00:00Z', '2025-03-01T10:%02d:00Z', 0, 0, NULL);",
			 s + 1, s + 1, s + 1, s + 1, s + 1, 10 + s);
		assert_int_equal(store_exec(f->store, sql, &cause), 0);
		for (int p = 0; p < 5; p++) {
			snprintf(sql, sizeof(sql),
				 "INSERT INTO response (attempt_id, question_version_id, position,"
				 " answer, mark, answered) VALUES (%d, %d, %d, '{}', %g,"
				 " '2025-03-01T10:05:00Z');",
				 s + 1, p + 1, p, example[s][p]);
			assert_int_equal(store_exec(f->store, sql, &cause), 0);
		}
	}
	/* Person 1's second attempt and person 2's pre-test. */
	assert_int_equal(
	    store_exec(f->store,
		       "INSERT INTO attempt VALUES (50, 1, 1, 1, 1, 'quiz', 'kiosk',"
		       " '2025-04-01T10:00:00Z', '2025-04-01T10:30:00Z', 100, 1, NULL);"
		       "INSERT INTO attempt VALUES (51, 2, 1, 1, 1, 'pre', 'kiosk',"
		       " '2025-02-01T10:00:00Z', '2025-02-01T10:30:00Z', 0, 0, NULL);"
		       "INSERT INTO response (attempt_id, question_version_id, position, answer,"
		       " mark, answered) SELECT 50, id, id, '{}', 1, '2025-04-01T10:10:00Z'"
		       " FROM question_version;"
		       "INSERT INTO response (attempt_id, question_version_id, position, answer,"
		       " mark, answered) SELECT 51, id, id, '{}', 0, '2025-02-01T10:10:00Z'"
		       " FROM question_version WHERE id <= 2;",
		       &cause),
	    0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(&f->store);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

static void test_course(void **state)
{
	struct fixture *f = *state;
	struct itemstats_report r;
	struct itemstats_item items[5];
	char *cause = NULL;

	assert_int_equal(itemstats_course(f->store, "kurs", INT_MIN, INT_MAX, &r, &cause), 0);
	assert_string_equal(r.course_title, "Kurs");
	assert_int_equal(r.n_rows, 5);
	for (int p = 0; p < 5; p++) {
		items[p] = r.rows[p].stats;
		assert_int_equal(r.rows[p].version, 1);
		assert_true(r.rows[p].current);
		assert_string_equal(r.rows[p].topic, "grunder");
	}
	assert_string_equal(r.rows[2].name, "q3");
	assert_string_equal(r.rows[2].stem, "Fråga 3");
	check_example(items, &r.test);
	itemstats_report_release(&r);

	/* A window that ends before the attempts: nobody. */
	assert_int_equal(itemstats_course(f->store, "kurs", 0, 20000, &r, &cause), 0);
	assert_int_equal(r.test.n, 0);
	assert_int_equal(r.rows[0].stats.n, 0);
	itemstats_report_release(&r);

	assert_int_equal(itemstats_course(f->store, "saknas", INT_MIN, INT_MAX, &r, &cause), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_worked_example),
	    cmocka_unit_test(test_pearson),
	    cmocka_unit_test(test_flags),
	    cmocka_unit_test(test_missing),
	    cmocka_unit_test_setup_teardown(test_course, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
