/*
 * The measures against numbers computed by hand on a small fixed data set.
 *
 * Today is 2025-06-30 (VAKSAM_NOW). The period is the default one, the 12
 * months 2024-07-01 .. 2025-06-30; the previous period is 2023-07-01 ..
 * 2024-06-30. The small-group threshold is 3 (the lowest allowed), so that a
 * handful of people shows every rule.
 *
 * Units: A (with A/A1 and A/A2) and B. People (all joined 2023-01-01):
 *   A/A1: p1, p2, p3, p11 (p11 joined 2025-06-10)
 *   A/A2: p4, p5, p6 (p6 left 2025-01-31)
 *   B:    p7, p9, p10 (p10 is a coordinator)
 *   no unit: p8
 * and one anonymous paper sheet printed for B.
 *
 * Topics losenord and natfiske. Course 2 ("levelcourse", coordinators)
 * holds the questions q1, q2 (losenord), q3, q6 (natfiske) and the essay q4;
 * q1 has two versions. Answers (day: question mark):
 *   p1  2024-03-01 q3 1 | 2025-01-10 q1(v1) 0 | 2025-03-01 q1(v2) 1, q2 1, q3 0
 *   p2  2025-02-01 q1 0.5, q2 0
 *   p3  2025-04-01 q1 1, q3 1
 *   p4  2025-05-01 q1 0, q2 0, q3 1
 *   p5  2025-05-02 q1 1, q2 1, q3 1
 *   p6  2024-06-15 q1 1
 *   p7  2025-06-30 q1 1
 *   p8  2025-01-01 q3 0
 *   p9  2025-03-03 q1 0
 *   p10 2025-03-03 q1 1, q3 1
 *   sheet (B) 2025-05-10 q1 1, q3 0
 *   and an essay answer of p1 (no mark), which never counts.
 *
 * Person levels in the period (latest answer per question, mean):
 *   p1: los (1 + 1)/2 = 1, nat 0, all 2/3      p2: los 0.25, all 0.25
 *   p3: los 1, nat 1, all 1                     p4: los 0, nat 1, all 1/3
 *   p5: 1, 1, 1                                 p6: nothing (answer in 2024-06)
 *   p7: los 1, all 1                            p8: nat 0, all 0
 *   p9: los 0, all 0                            p10: los 1, nat 1, all 1
 *   sheet: los 1, nat 0, all 0.5
 *
 * Units, before suppression (n, mean):
 *   losenord: A1 3 (1 + .25 + 1)/3 = .75; A2 2 (0 + 1)/2; A 5 3.25/5 = 65%;
 *             B 4 (1 + 0 + 1 + 1)/4 = 75%; organisation 9 6.25/9 = 69.444%
 *   natfiske: A1 2, A2 2, A 4 (0 + 1 + 1 + 1)/4 = 75%; B 2 (p10, sheet);
 *             organisation 7 (A 4, B 2, p8) 4/7 = 57.143%
 *   all:      A1 3 (2/3 + .25 + 1)/3; A2 2; A 5 3.25/5 = 65%; B 4 2.5/4;
 *             organisation 10 (A 5, B 4, p8) 5.75/10 = 57.5%
 * Suppression with k = 3:
 *   losenord: A2 small (2). A's residual is A minus A1 = 2 people (A2), so
 *             A1 is hidden too (secondary). The organisation's residual is
 *             9 - 5 - 4 = 0: A and B stay.
 *   natfiske: A1, A2, B small. The organisation's residual is 7 - 4 = 3
 *             (B's 2 and p8): not below 3, so A stays.
 *   all:      A2 small; the organisation's residual 10 - 5 - 4 = 1 (p8):
 *             the smaller shown child, B (4), is hidden; A's residual 2
 *             hides A1.
 *
 * The trend's point 2025-03-31 covers 2024-04-01 .. 2025-03-31: p1 2/3,
 * p2 0.25, p6 1, p8 0, p9 0, p10 1: 6 people, 2.916667/6 = 48.611%.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/assignment.h"
#include "core/day.h"
#include "core/leitner.h"
#include "core/measure.h"
#include "core/measure_internal.h"
#include "core/store_internal.h"
#include "core/suppress.h"
#include "core/xmalloc.h"

#define EPS                    1e-3
#define assert_near(a, b, eps) near_at((a), (b), (eps), #a, __FILE__, __LINE__)

static void near_at(double a, double b, double eps, const char *what, const char *file, int line)
{
	if (!(fabs(a - b) <= eps)) {
		print_error("%s: %.6f, expected %.6f\n", what, a, b);
		_fail(file, line);
	}
}

static int D(const char *iso)
{
	int d = 0;

	assert_int_equal(day_parse(iso, &d), 0);
	return d;
}

/* ------------------------------------------------------------------ */
/* Days                                                               */

static void test_days(void **state)
{
	char buf[DAY_ISO_SIZE];
	long long t;
	int y, m, d;

	(void)state;
	assert_int_equal(day_from_civil(1970, 1, 1), 0);
	assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2); /* 2000 is a leap year */
	assert_int_equal(D("1900-03-01") - D("1900-02-28"), 1);
	day_to_civil(D("2024-02-29"), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20240229);
	assert_string_equal(day_format(day_add_months(D("2025-01-31"), 1), buf), "2025-02-28");
	assert_string_equal(day_format(day_add_months(D("2024-02-29"), 12), buf), "2025-02-28");
	assert_string_equal(day_format(day_add_months(D("2025-03-15"), -15), buf), "2023-12-15");
	assert_string_equal(day_format(day_quarter_start(D("2025-06-30")), buf), "2025-04-01");
	assert_int_equal(day_parse("2025-02-29", &d), -1);
	assert_int_equal(day_parse("2025-13-01", &d), -1);
	assert_int_equal(day_parse("25-01-01", &d), -1);
	assert_int_equal(day_parse_time("2025-06-30T12:00:01Z", &t), 0);
	assert_true(t == (long long)D("2025-06-30") * 86400 + 12 * 3600 + 1);
	assert_int_equal(day_parse_time("2025-06-30Tnoon", &t), -1);
}

static void test_periods(void **state)
{
	char a[DAY_ISO_SIZE], b[DAY_ISO_SIZE];
	struct measure_window q[MEASURE_TREND_QUARTERS];
	int from, to, pf, pt;

	(void)state;
	measure_default_period(D("2025-06-30"), &from, &to);
	assert_string_equal(day_format(from, a), "2024-07-01");
	measure_previous_period(from, to, &pf, &pt);
	assert_string_equal(day_format(pf, a), "2023-07-01");
	assert_string_equal(day_format(pt, b), "2024-06-30");
	/* Not whole months: the same number of days before. */
	measure_previous_period(D("2025-01-10"), D("2025-01-19"), &pf, &pt);
	assert_string_equal(day_format(pf, a), "2024-12-31");
	assert_string_equal(day_format(pt, b), "2025-01-09");
	measure_quarters(D("2025-06-30"), q, MEASURE_TREND_QUARTERS);
	assert_string_equal(day_format(q[0].to_day, a), "2023-09-30");
	assert_string_equal(day_format(q[0].from_day, b), "2022-10-01");
	assert_string_equal(day_format(q[6].to_day, a), "2025-03-31");
	assert_string_equal(day_format(q[7].to_day, a), "2025-06-30");
	assert_string_equal(day_format(q[7].from_day, b), "2024-07-01");
}

/* ------------------------------------------------------------------ */
/* Pure definitions                                                   */

/* p1's answers: q1 wrong then right, q2 right, q3 right long ago then wrong. */
static void test_person_levels(void **state)
{
	struct measure_answer a[] = {
	    {3, 1, (long long)D("2025-03-01") * 86400, 0},
	    {1, 0, (long long)D("2025-03-01") * 86400, 1},
	    {1, 0, (long long)D("2025-01-10") * 86400, 0},
	    {2, 0, (long long)D("2025-03-01") * 86400, 1},
	    {3, 1, (long long)D("2024-03-01") * 86400, 1},
	    {9, MEASURE_NO_TOPIC, (long long)D("2025-03-01") * 86400, 0.5},
	};
	double level[3];
	int count[3];

	(void)state;
	measure_answers_sort(a, 6);
	measure_person_levels(a, 6, 2, D("2024-07-01"), D("2025-06-30"), level, count);
	/* losenord: latest q1 = 1, q2 = 1; natfiske: latest q3 = 0; overall
	 * adds the question without a topic: (1 + 1 + 0 + 0.5) / 4. */
	assert_near(level[0], 1.0, 1e-9);
	assert_int_equal(count[0], 2);
	assert_near(level[1], 0.0, 1e-9);
	assert_int_equal(count[1], 1);
	assert_near(level[2], 2.5 / 4, 1e-9);
	assert_int_equal(count[2], 4);
	/* A window ending 2025-02-01: q1's latest is then the wrong answer, and
	 * q3's latest (2024-03-01) is before the window: losenord 0, nothing in
	 * natfiske. */
	measure_person_levels(a, 6, 2, D("2024-07-01"), D("2025-02-01"), level, count);
	assert_near(level[0], 0.0, 1e-9);
	assert_int_equal(count[1], 0);
	assert_true(isnan(level[1]));
	/* A window holding only 2024-03-01: q3's latest answer up to its end is
	 * the right one. */
	measure_person_levels(a, 6, 2, D("2023-07-01"), D("2024-06-30"), level, count);
	assert_near(level[1], 1.0, 1e-9);
	assert_int_equal(count[0], 0);
}

static void test_gain(void **state)
{
	(void)state;
	/* (70 - 40) / (100 - 40) = 0.5 */
	assert_near(measure_normalised_gain(40, 70), 0.5, 1e-12);
	/* A loss is negative: (30 - 50) / 50 = -0.4 */
	assert_near(measure_normalised_gain(50, 30), -0.4, 1e-12);
	assert_true(isnan(measure_normalised_gain(100, 100)));
	assert_true(isnan(measure_normalised_gain(NAN, 50)));
}

static void test_completion_state(void **state)
{
	int d = D("2025-06-30");

	(void)state;
	assert_int_equal(measure_completion_state(d, D("2025-07-01"), INT_MIN, 12),
			 COMPLETION_PENDING);
	/* Due on the day itself is not yet overdue. */
	assert_int_equal(measure_completion_state(d, d, INT_MIN, 12), COMPLETION_PENDING);
	assert_int_equal(measure_completion_state(d, d - 1, INT_MIN, 12), COMPLETION_OVERDUE);
	/* Passed 2024-06-30 + 12 months = 2025-06-30: the refresh is due today. */
	assert_int_equal(measure_completion_state(d, 0, D("2024-06-30"), 12),
			 COMPLETION_REFRESH_DUE);
	assert_int_equal(measure_completion_state(d, 0, D("2024-07-01"), 12), COMPLETION_DONE);
	assert_int_equal(measure_completion_state(d, 0, D("2020-01-01"), 0), COMPLETION_DONE);
	/* A pass after the day does not count on the day. */
	assert_int_equal(measure_completion_state(d, d - 1, d + 1, 12), COMPLETION_OVERDUE);
	assert_string_equal(completion_state_name(COMPLETION_REFRESH_DUE), "refresh_due");
}

/* Leitner: right, right, wrong, right from box 0 gives 2, 3, 1, 2; box 2 is
 * due 2^1 x 30 = 60 days after the last answer. */
static void test_leitner_pure(void **state)
{
	bool right[] = {true, true, false, true};
	int days[] = {100, 130, 200, 210};
	struct leitner_card c = {0};
	struct leitner_card cards[4] = {
	    {1, 11, 1, 3, 0, 150}, /* box 3, due day 150 */
	    {2, 12, 2, 0, 0, 0},   /* never answered */
	    {3, 13, 3, 1, 0, 400}, /* got wrong, due later */
	    {4, 14, 4, 2, 0, 500}, /* box 2, not due on day 300 */
	};

	(void)state;
	assert_int_equal(leitner_step(0, true), 2);
	assert_int_equal(leitner_step(4, true), 5);
	assert_int_equal(leitner_step(5, true), 5);
	assert_int_equal(leitner_step(5, false), 1);
	assert_int_equal(leitner_interval(1, 30), 30);
	assert_int_equal(leitner_interval(5, 30), 480);
	leitner_replay(right, days, 4, 30, &c);
	assert_int_equal(c.box, 2);
	assert_int_equal(c.last_day, 210);
	assert_int_equal(c.due_day, 270);
	leitner_replay(right, days, 0, 30, &c);
	assert_int_equal(c.box, 0);
	/* Refresh order on day 300: wrong (3), never answered (2), due (1), rest (4). */
	leitner_order(cards, 4, 300);
	assert_int_equal(cards[0].question_id, 3);
	assert_int_equal(cards[1].question_id, 2);
	assert_int_equal(cards[2].question_id, 1);
	assert_int_equal(cards[3].question_id, 4);
}

/* ------------------------------------------------------------------ */
/* Suppression                                                        */

static void test_suppress(void **state)
{
	(void)state;
	{
		/* root(0) -> A(3 people), B -> B1(14), B2(13). A is small; the
		 * root's residual is 30 - 27 = 3 < 5, so B is hidden, and with it
		 * B1 and B2, which would otherwise add up to B. */
		struct suppress_node n[] = {
		    {SUPPRESS_TOP, 0, 0, 0}, {0, 3, 0, 0},  {0, 0, 0, 0},
		    {2, 14, 0, 0},           {2, 13, 0, 0},
		};
		suppress_tree(n, 5, 5);
		assert_int_equal(n[0].n, 30);
		assert_int_equal(n[2].n, 27);
		assert_int_equal(n[0].state, SUPPRESS_SHOWN);
		assert_int_equal(n[1].state, SUPPRESS_SMALL);
		assert_int_equal(n[2].state, SUPPRESS_SECONDARY);
		assert_int_equal(n[3].state, SUPPRESS_SECONDARY);
		assert_int_equal(n[4].state, SUPPRESS_SECONDARY);
	}
	{
		/* Two people directly in the root and two shown children of 10:
		 * the root minus its children would show the two; the first of
		 * the equal children is hidden. */
		struct suppress_node n[] = {
		    {SUPPRESS_TOP, 2, 0, 0},
		    {0, 10, 0, 0},
		    {0, 10, 0, 0},
		};
		suppress_tree(n, 3, 5);
		assert_int_equal(n[1].state, SUPPRESS_SECONDARY);
		assert_int_equal(n[2].state, SUPPRESS_SHOWN);
	}
	{
		/* An empty child is no secret and cannot cover for a small one. */
		struct suppress_node n[] = {
		    {SUPPRESS_TOP, 0, 0, 0},
		    {0, 0, 0, 0},
		    {0, 4, 0, 0},
		    {0, 6, 0, 0},
		};
		suppress_tree(n, 4, 5);
		assert_int_equal(n[1].state, SUPPRESS_SHOWN);
		assert_int_equal(n[1].n, 0);
		assert_int_equal(n[2].state, SUPPRESS_SMALL);
		assert_int_equal(n[3].state, SUPPRESS_SECONDARY);
	}
	{
		/* Two small children together make a group of 6: safe to derive. */
		struct suppress_node n[] = {
		    {SUPPRESS_TOP, 0, 0, 0},
		    {0, 3, 0, 0},
		    {0, 3, 0, 0},
		    {0, 10, 0, 0},
		};
		suppress_tree(n, 4, 5);
		assert_int_equal(n[3].state, SUPPRESS_SHOWN);
	}
	{
		/* A threshold below 3 is raised to 3. */
		struct suppress_node n[] = {{SUPPRESS_TOP, 2, 0, 0}};
		suppress_tree(n, 1, 1);
		assert_int_equal(n[0].state, SUPPRESS_SMALL);
	}
}

/* ------------------------------------------------------------------ */
/* The fixture                                                        */

static const char *const fixture_sql[] = {
    "INSERT INTO unit (id, parent_id, name, path, created) VALUES"
    " (1, NULL, 'A', 'A', '2023-01-01T00:00:00Z'),"
    " (2, 1, 'A1', 'A/A1', '2023-01-01T00:00:00Z'),"
    " (3, 1, 'A2', 'A/A2', '2023-01-01T00:00:00Z'),"
    " (4, NULL, 'B', 'B', '2023-01-01T00:00:00Z');",
    "INSERT INTO person (id, employee_no, name, unit_id, role, active, created, left_at)"
    " VALUES"
    " (1, 'E1', 'P1', 2, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (2, 'E2', 'P2', 2, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (3, 'E3', 'P3', 2, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (4, 'E4', 'P4', 3, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (5, 'E5', 'P5', 3, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (6, 'E6', 'P6', 3, 'staff', 0, '2023-01-01T00:00:00Z', '2025-01-31T08:00:00Z'),"
    " (7, 'E7', 'P7', 4, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (8, 'E8', 'P8', NULL, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (9, 'E9', 'P9', 4, 'staff', 1, '2023-01-01T00:00:00Z', NULL),"
    " (10, 'E10', 'P10', 4, 'coordinator', 1, '2023-01-01T00:00:00Z', NULL),"
    " (11, 'E11', 'P11', 2, 'staff', 1, '2025-06-10T00:00:00Z', NULL);",
    "INSERT INTO topic VALUES ('losenord', 'Lösenord', 'Passwords'),"
    " ('natfiske', 'Nätfiske', 'Phishing'), ('oanvand', 'Oanvänd', 'Unused');",
    "INSERT INTO course (id, slug, title, language, audience, version, pass_mark, minutes,"
    " pretest, refresh_months, due_days, position) VALUES"
    " (1, 'gaincourse', 'Gain course', 'sv', 'all', 1, 80, 10, 2, 12, 30, 1),"
    " (2, 'levelcourse', 'Level course', 'sv', 'coordinators', 1, 80, 10, 0, NULL, 60, 2);",
    "INSERT INTO course (id, slug, title, language, translation_of, audience, version,"
    " pass_mark, minutes, pretest, position) VALUES"
    " (3, 'gaincourse-en', 'Gain course (en)', 'en', 'gaincourse', 'all', 1, 80, 10, 2, 1);",
    "INSERT INTO course_intro VALUES (1, '2024-01-01'), (2, '2024-01-01');",
    "INSERT INTO question (id, course_id, name, topic, position, current_version) VALUES"
    " (1, 2, 'q1', 'losenord', 1, 2), (2, 2, 'q2', 'losenord', 2, 1),"
    " (3, 2, 'q3', 'natfiske', 3, 1), (4, 2, 'q4', 'natfiske', 4, 1),"
    " (6, 2, 'q6', 'natfiske', 6, 1), (5, 1, 'q5', 'losenord', 1, 1);",
    "INSERT INTO question_version (id, question_id, version, type, body, hash, created) VALUES"
    " (1, 1, 1, 'single', '{}', 'a', '2024-01-01T00:00:00Z'),"
    " (7, 1, 2, 'single', '{}', 'b', '2024-06-01T00:00:00Z'),"
    " (2, 2, 1, 'single', '{}', 'c', '2024-01-01T00:00:00Z'),"
    " (3, 3, 1, 'single', '{}', 'd', '2024-01-01T00:00:00Z'),"
    " (4, 4, 1, 'essay', '{}', 'e', '2024-01-01T00:00:00Z'),"
    " (6, 6, 1, 'single', '{}', 'f', '2024-01-01T00:00:00Z'),"
    " (5, 5, 1, 'single', '{}', 'g', '2024-01-01T00:00:00Z');",
    /* Attempts holding the answers that levels read (course 2, refresh). */
    "INSERT INTO attempt (id, person_id, unit_id, course_id, course_version, kind, source,"
    " started, finished) VALUES"
    " (101, 1, 2, 2, 1, 'refresh', 'kiosk', '2024-03-01T09:00:00Z', '2024-03-01T10:00:00Z'),"
    " (102, 1, 2, 2, 1, 'refresh', 'kiosk', '2025-01-10T09:00:00Z', '2025-01-10T10:00:00Z'),"
    " (103, 1, 2, 2, 1, 'refresh', 'kiosk', '2025-03-01T09:00:00Z', '2025-03-01T10:00:00Z'),"
    " (104, 2, 2, 2, 1, 'refresh', 'kiosk', '2025-02-01T09:00:00Z', '2025-02-01T10:00:00Z'),"
    " (105, 3, 2, 2, 1, 'refresh', 'kiosk', '2025-04-01T09:00:00Z', '2025-04-01T10:00:00Z'),"
    " (106, 4, 3, 2, 1, 'refresh', 'kiosk', '2025-05-01T09:00:00Z', '2025-05-01T10:00:00Z'),"
    " (107, 5, 3, 2, 1, 'refresh', 'kiosk', '2025-05-02T09:00:00Z', '2025-05-02T10:00:00Z'),"
    " (108, 6, 3, 2, 1, 'refresh', 'kiosk', '2024-06-15T09:00:00Z', '2024-06-15T10:00:00Z'),"
    " (109, 7, 4, 2, 1, 'refresh', 'kiosk', '2025-06-30T09:00:00Z', '2025-06-30T10:00:00Z'),"
    " (110, 8, NULL, 2, 1, 'refresh', 'kiosk', '2025-01-01T09:00:00Z',"
    "  '2025-01-01T10:00:00Z'),"
    " (111, 9, 4, 2, 1, 'refresh', 'kiosk', '2025-03-03T09:00:00Z', '2025-03-03T10:00:00Z'),"
    " (112, 10, 4, 2, 1, 'refresh', 'kiosk', '2025-03-03T09:00:00Z', '2025-03-03T10:00:00Z'),"
    " (113, NULL, 4, 2, 1, 'quiz', 'paper', '2025-05-10T09:00:00Z', '2025-05-10T10:00:00Z');",
    "INSERT INTO response (attempt_id, question_version_id, position, answer, mark, answered)"
    " VALUES"
    " (101, 3, 0, '{}', 1, '2024-03-01T09:10:00Z'),"
    " (102, 1, 0, '{}', 0, '2025-01-10T09:10:00Z'),"
    " (103, 7, 0, '{}', 1, '2025-03-01T09:10:00Z'),"
    " (103, 2, 1, '{}', 1, '2025-03-01T09:11:00Z'),"
    " (103, 3, 2, '{}', 0, '2025-03-01T09:12:00Z'),"
    " (103, 4, 3, '{}', NULL, '2025-03-01T09:13:00Z'),"
    " (104, 7, 0, '{}', 0.5, '2025-02-01T09:10:00Z'),"
    " (104, 2, 1, '{}', 0, '2025-02-01T09:11:00Z'),"
    " (105, 7, 0, '{}', 1, '2025-04-01T09:10:00Z'),"
    " (105, 3, 1, '{}', 1, '2025-04-01T09:11:00Z'),"
    " (106, 7, 0, '{}', 0, '2025-05-01T09:10:00Z'),"
    " (106, 2, 1, '{}', 0, '2025-05-01T09:11:00Z'),"
    " (106, 3, 2, '{}', 1, '2025-05-01T09:12:00Z'),"
    " (107, 7, 0, '{}', 1, '2025-05-02T09:10:00Z'),"
    " (107, 2, 1, '{}', 1, '2025-05-02T09:11:00Z'),"
    " (107, 3, 2, '{}', 1, '2025-05-02T09:12:00Z'),"
    " (108, 1, 0, '{}', 1, '2024-06-15T09:10:00Z'),"
    " (109, 7, 0, '{}', 1, '2025-06-30T09:10:00Z'),"
    " (110, 3, 0, '{}', 0, '2025-01-01T09:10:00Z'),"
    " (111, 7, 0, '{}', 0, '2025-03-03T09:10:00Z'),"
    " (112, 7, 0, '{}', 1, '2025-03-03T09:10:00Z'),"
    " (112, 3, 1, '{}', 1, '2025-03-03T09:11:00Z'),"
    " (113, 7, 0, '{}', 1, '2025-05-10T09:10:00Z'),"
    " (113, 3, 1, '{}', 0, '2025-05-10T09:11:00Z');",
    /* Course 1: scores only, for gains. p2's quiz is in the English
     * translation (course 3): it counts for the original. */
    "INSERT INTO attempt (id, person_id, unit_id, course_id, course_version, kind, source,"
    " started, finished, score, passed) VALUES"
    " (201, 1, 2, 1, 1, 'pre', 'kiosk', '2025-01-10T09:00:00Z', '2025-01-10T09:30:00Z', 40, 0),"
    " (202, 1, 2, 1, 1, 'quiz', 'kiosk', '2025-03-01T10:00:00Z', '2025-03-01T10:30:00Z', 80,"
    "  1),"
    " (203, 1, 2, 1, 1, 'quiz', 'kiosk', '2025-03-05T10:00:00Z', '2025-03-05T10:30:00Z', 100,"
    "  1),"
    " (204, 2, 2, 1, 1, 'pre', 'kiosk', '2025-02-01T09:00:00Z', '2025-02-01T09:30:00Z', 20, 0),"
    " (205, 2, 2, 3, 1, 'quiz', 'kiosk', '2025-02-01T12:00:00Z', '2025-02-01T12:30:00Z', 60,"
    "  0),"
    " (206, 3, 2, 1, 1, 'quiz', 'kiosk', '2025-04-01T10:00:00Z', '2025-04-01T10:30:00Z', 90,"
    "  1),"
    " (207, 4, 3, 1, 1, 'pre', 'kiosk', '2025-05-01T09:00:00Z', '2025-05-01T09:30:00Z', 60, 0),"
    " (208, 4, 3, 1, 1, 'quiz', 'kiosk', '2025-05-01T13:00:00Z', '2025-05-01T13:30:00Z', 70,"
    "  0),"
    " (209, 4, 3, 1, 1, 'quiz', 'kiosk', '2025-05-02T13:00:00Z', '2025-05-02T13:30:00Z', 90,"
    "  1),"
    " (210, 5, 3, 1, 1, 'pre', 'kiosk', '2024-05-01T09:00:00Z', '2024-05-01T09:30:00Z', 50, 0),"
    " (211, 5, 3, 1, 1, 'quiz', 'kiosk', '2024-05-02T09:00:00Z', '2024-05-02T09:30:00Z', 100,"
    "  1),"
    " (212, 7, 4, 1, 1, 'pre', 'kiosk', '2025-06-01T09:00:00Z', '2025-06-01T09:30:00Z', 30, 0);",
    "INSERT INTO completion (person_id, course_id, attempt_id, passed_at, score) VALUES"
    " (1, 1, 202, '2025-03-01T10:30:00Z', 80),"
    " (1, 1, 203, '2025-03-05T10:30:00Z', 100),"
    " (2, 3, NULL, '2024-02-01T10:00:00Z', 85),"
    " (4, 1, 209, '2025-05-02T13:30:00Z', 90),"
    " (5, 1, 211, '2024-05-02T09:30:00Z', 100);",
    "INSERT INTO assignment (person_id, course_id, due, assigned) VALUES"
    " (8, 1, '2025-12-31', '2025-01-01T00:00:00Z');",
    NULL,
};

struct fixture {
	char dir[64];
	char *db;
	struct store *store;
	struct measure_scope scope;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;

	setenv("VAKSAM_NOW", "2025-06-30T12:00:00Z", 1);
	snprintf(f->dir, sizeof(f->dir), "/tmp/vaksam-measure.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/t.db", f->dir);
	if (store_open(f->db, STORE_CREATE_NEW, &f->store, &cause) < 0)
		fail_msg("%s", cause);
	for (size_t i = 0; fixture_sql[i]; i++)
		if (store_exec(f->store, fixture_sql[i], &cause) < 0)
			fail_msg("%s", cause);
	f->scope.unit_id = 0;
	measure_default_period(day_today(), &f->scope.from_day, &f->scope.to_day);
	f->scope.k = 3;
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
	unsetenv("VAKSAM_NOW");
	return 0;
}

/* Row index of a unit path among the rows (row 0 is the organisation). */
static size_t row_of(const struct measure_unit *units, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(units[i].path, path) == 0)
			return i;
	fail_msg("no row %s", path);
	return 0;
}

static void expect_cell(const struct measure_cell *c, long n, enum suppress_state state,
			double value)
{
	assert_int_equal(c->n, n);
	assert_int_equal(c->state, state);
	if (!isnan(value))
		assert_near(c->value, value, EPS);
}

static void test_units(void **state)
{
	struct fixture *f = *state;
	struct measure_unit *u = NULL;
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(measure_units(f->store, 0, &u, &n, &cause), 0);
	/* Tree order: organisation, A, A/A1, A/A2, B. */
	assert_int_equal(n, 5);
	assert_string_equal(u[0].path, "");
	assert_string_equal(u[1].path, "A");
	assert_string_equal(u[2].path, "A/A1");
	assert_string_equal(u[4].path, "B");
	assert_int_equal(u[2].parent, 1);
	assert_int_equal(u[1].parent, 0);
	assert_int_equal(u[2].depth, 2);
	measure_units_free(&u, n);
	assert_int_equal(measure_units(f->store, 1, &u, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(u[0].path, "A");
	assert_int_equal(u[0].parent, SUPPRESS_TOP);
	assert_int_equal(u[1].depth, 1);
	measure_units_free(&u, n);
	assert_int_equal(measure_units(f->store, 99, &u, &n, &cause), 1);
}

static void test_levels(void **state)
{
	struct fixture *f = *state;
	struct measure_levels l;
	char *cause = NULL;
	size_t org, a, a1, a2, b, cols;

	if (measure_levels(f->store, &f->scope, &l, &cause) < 0)
		fail_msg("%s", cause);
	/* Topics with questions, in the topic table's order. */
	assert_int_equal(l.n_topics, 2);
	assert_string_equal(l.topics[0].slug, "losenord");
	assert_string_equal(l.topics[1].name_sv, "Nätfiske");
	cols = l.n_topics + 1;
	org = row_of(l.units, l.n_units, "");
	a = row_of(l.units, l.n_units, "A");
	a1 = row_of(l.units, l.n_units, "A/A1");
	a2 = row_of(l.units, l.n_units, "A/A2");
	b = row_of(l.units, l.n_units, "B");
	/* losenord */
	expect_cell(&l.cells[org * cols + 0], 9, SUPPRESS_SHOWN, 100.0 * 6.25 / 9);
	expect_cell(&l.cells[a * cols + 0], 5, SUPPRESS_SHOWN, 65.0);
	expect_cell(&l.cells[a1 * cols + 0], 3, SUPPRESS_SECONDARY, 75.0);
	expect_cell(&l.cells[a2 * cols + 0], 2, SUPPRESS_SMALL, 50.0);
	expect_cell(&l.cells[b * cols + 0], 4, SUPPRESS_SHOWN, 75.0);
	/* natfiske */
	expect_cell(&l.cells[org * cols + 1], 7, SUPPRESS_SHOWN, 100.0 * 4 / 7);
	expect_cell(&l.cells[a * cols + 1], 4, SUPPRESS_SHOWN, 75.0);
	expect_cell(&l.cells[a1 * cols + 1], 2, SUPPRESS_SMALL, 50.0);
	expect_cell(&l.cells[b * cols + 1], 2, SUPPRESS_SMALL, 50.0);
	/* overall */
	expect_cell(&l.cells[org * cols + 2], 10, SUPPRESS_SHOWN, 57.5);
	expect_cell(&l.cells[a * cols + 2], 5, SUPPRESS_SHOWN, 65.0);
	expect_cell(&l.cells[a1 * cols + 2], 3, SUPPRESS_SECONDARY, 100.0 * (2.0 / 3 + 1.25) / 3);
	expect_cell(&l.cells[a2 * cols + 2], 2, SUPPRESS_SMALL, NAN);
	expect_cell(&l.cells[b * cols + 2], 4, SUPPRESS_SECONDARY, 62.5);
	/* The previous period holds p1's 2024-03-01 answer (natfiske 1) and
	 * p6's 2024-06-15 one (losenord 1): two people, both small. */
	expect_cell(&l.prev_cells[org * cols + 2], 2, SUPPRESS_SMALL, 100.0);
	expect_cell(&l.prev_cells[org * cols + 0], 1, SUPPRESS_SMALL, 100.0);
	/* The trend: the last point is the period itself. */
	assert_int_equal(l.n_quarters, MEASURE_TREND_QUARTERS);
	expect_cell(&l.trend[7 * cols + 2], 10, SUPPRESS_SHOWN, 57.5);
	expect_cell(&l.trend[6 * cols + 2], 6, SUPPRESS_SHOWN, 100.0 * 2.916667 / 6);
	expect_cell(&l.trend[0 * cols + 2], 0, SUPPRESS_SHOWN, NAN);
	assert_true(isnan(l.trend[0 * cols + 2].value));
	measure_levels_release(&l);

	/* Scope A only: A is row 0 and keeps its figures; A1 stays hidden. */
	f->scope.unit_id = 1;
	if (measure_levels(f->store, &f->scope, &l, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(l.n_units, 3);
	expect_cell(&l.cells[0 * cols + 0], 5, SUPPRESS_SHOWN, 65.0);
	expect_cell(&l.cells[1 * cols + 0], 3, SUPPRESS_SECONDARY, 75.0);
	/* A's trend at 2025-03-31: p1 (2/3), p2 (0.25) and p6 (1, answered
	 * 2024-06-15, before leaving): (2/3 + 1.25) / 3 = 63.889%. */
	expect_cell(&l.trend[6 * cols + 2], 3, SUPPRESS_SHOWN, 100.0 * (2.0 / 3 + 1.25) / 3);
	measure_levels_release(&l);
	f->scope.unit_id = 0;
}

static void test_person_level(void **state)
{
	struct fixture *f = *state;
	struct measure_person_level *l = NULL;
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(measure_person(f->store, 1, D("2025-06-30"), &l, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(l[0].topic.slug, "losenord");
	assert_near(l[0].level, 100.0, 1e-9);
	assert_int_equal(l[0].questions, 2);
	assert_near(l[1].level, 0.0, 1e-9);
	measure_person_free(&l, n);
	/* p6 answered nothing in the 12 months to today. */
	assert_int_equal(measure_person(f->store, 6, D("2025-06-30"), &l, &n, &cause), 0);
	assert_true(isnan(l[0].level));
	assert_int_equal(l[0].questions, 0);
	measure_person_free(&l, n);
}

/*
 * p1's history (topics losenord, natfiske; the last column overall):
 *   2025-06-30 (2024-07-01 ..): q1 1, q2 1, q3 0: los 100 (2), nat 0 (1), all 2/3
 *   2025-03-31 (2024-04-01 ..): the same latest answers
 *   2024-12-31 (2024-01-01 ..): only q3's 2024-03-01 answer, 1: nat 100, los none
 *   2024-03-31 (2023-04-01 ..): the same; 2023-12-31 and before: nothing.
 */
static void test_person_history(void **state)
{
	struct fixture *f = *state;
	struct measure_person_history h;
	char *cause = NULL;
	size_t cols;

	if (measure_person_history(f->store, 1, D("2025-06-30"), &h, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(h.n_topics, 2);
	assert_string_equal(h.topics[0].slug, "losenord");
	assert_int_equal(h.n_points, MEASURE_TREND_QUARTERS);
	cols = h.n_topics + 1;
	assert_int_equal(h.points[7].to_day, D("2025-06-30"));
	assert_int_equal(h.points[5].to_day, D("2024-12-31"));
	assert_near(h.level[7 * cols + 0], 100.0, 1e-9);
	assert_int_equal(h.count[7 * cols + 0], 2);
	assert_near(h.level[7 * cols + 1], 0.0, 1e-9);
	assert_near(h.level[7 * cols + 2], 200.0 / 3, 1e-9);
	assert_int_equal(h.count[7 * cols + 2], 3);
	assert_near(h.level[6 * cols + 2], 200.0 / 3, 1e-9);
	assert_true(isnan(h.level[5 * cols + 0]));
	assert_int_equal(h.count[5 * cols + 0], 0);
	assert_near(h.level[5 * cols + 1], 100.0, 1e-9);
	assert_near(h.level[2 * cols + 1], 100.0, 1e-9);
	assert_int_equal(h.count[1 * cols + 2], 0);
	assert_true(isnan(h.level[0 * cols + 2]));
	measure_person_history_release(&h);
}

/*
 * Gains of gaincourse in the period: p1 (pre 40, first quiz 80; the second
 * quiz, 100, does not count), p2 (pre 20, quiz 60 in the English version),
 * p4 (pre 60, first quiz 70). p3 has no pre-test and p7 no quiz: not
 * counted. Means: pre (40 + 20 + 60)/3 = 40, post (80 + 60 + 70)/3 = 70,
 * g = (70 - 40)/(100 - 40) = 0.5. All three are in A (A1 has 2, A2 1: both
 * small; A's residual is 3). The previous period has p5 alone (small).
 */
static void test_gains(void **state)
{
	struct fixture *f = *state;
	struct measure_gains g;
	char *cause = NULL;
	size_t org, a, a1;

	if (measure_gains(f->store, &f->scope, &g, &cause) < 0)
		fail_msg("%s", cause);
	/* Only gaincourse has a pre-test; the translation is not a course of its own. */
	assert_int_equal(g.n_courses, 1);
	assert_string_equal(g.courses[0].slug, "gaincourse");
	org = row_of(g.units, g.n_units, "");
	a = row_of(g.units, g.n_units, "A");
	a1 = row_of(g.units, g.n_units, "A/A1");
	assert_int_equal(g.cells[org].n, 3);
	assert_int_equal(g.cells[org].state, SUPPRESS_SHOWN);
	assert_near(g.cells[org].pre, 40.0, 1e-9);
	assert_near(g.cells[org].post, 70.0, 1e-9);
	assert_near(g.cells[org].gain, 0.5, 1e-9);
	assert_int_equal(g.cells[a].n, 3);
	assert_int_equal(g.cells[a].state, SUPPRESS_SHOWN);
	assert_int_equal(g.cells[a1].n, 2);
	assert_int_equal(g.cells[a1].state, SUPPRESS_SMALL);
	assert_int_equal(g.prev_cells[org].n, 1);
	assert_int_equal(g.prev_cells[org].state, SUPPRESS_SMALL);
	assert_near(g.prev_cells[org].gain, 1.0, 1e-9);
	/* One course: the total over courses is that course. */
	assert_int_equal(g.total.n, 3);
	assert_int_equal(g.total.state, SUPPRESS_SHOWN);
	assert_near(g.total.gain, 0.5, 1e-9);
	assert_int_equal(g.prev_total.state, SUPPRESS_SMALL);
	measure_gains_release(&g);
}

/*
 * Completion on 2025-06-30. gaincourse (all staff, due 30 days after the
 * later of joining and 2024-01-01, refresh after 12 months):
 *   p1 passed 2025-03-05: done           p2 passed 2024-02-01 (in English):
 *   p3 no pass, due 2024-01-31: overdue     refresh due since 2025-02-01
 *   p11 joined 2025-06-10, due 2025-07-10: pending
 *   p4 passed 2025-05-02: done           p5 passed 2024-05-02: refresh due
 *   p6 left 2025-01-31: not counted      p7, p9, p10: overdue
 *   p8: manual assignment due 2025-12-31: pending
 * A1: 4 assigned, 2 passed (p1, p2), overdue p2, p3 -> 50%
 * A2: 2 assigned (p4, p5): small
 * A:  6 assigned, 4 passed -> 66.667%; overdue p2, p3, p5; refresh due 2
 * B:  3 assigned, 0 passed, 3 overdue
 * organisation: 10 assigned (with p8), 4 passed -> 40%, 6 overdue.
 * Suppression (k 3): the organisation's residual is 10 - 6 - 3 = 1 (p8),
 * so B (3, the smaller child) is hidden; A's residual 6 - 4 = 2 hides A1.
 * levelcourse (coordinators) is assigned to p10 alone: small everywhere.
 *
 * On 2024-06-30 (the day before the period): p11 has not joined, p6 has
 * not left, p8's manual row did not exist (assigned 2025-01-01), so p8 is
 * under the rule and overdue. Passes by then: p2 (2024-02-01, done), p5
 * (2024-05-02, done). A1 3 (1 passed), A2 3 (1), A 6 (2), B 3 (0),
 * organisation 10 (2): 20%. The organisation's residual 1 (p8) hides B.
 */
static void test_completion(void **state)
{
	struct fixture *f = *state;
	struct measure_completion c;
	char *cause = NULL;
	size_t org, a, a1, a2, b, cols;

	if (measure_completion(f->store, &f->scope, &c, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(c.n_courses, 2);
	assert_string_equal(c.courses[0].slug, "gaincourse");
	assert_string_equal(c.courses[1].slug, "levelcourse");
	assert_int_equal(c.courses[0].refresh_months, 12);
	assert_int_equal(c.courses[1].refresh_months, 0);
	cols = c.n_courses + 1;
	org = row_of(c.units, c.n_units, "");
	a = row_of(c.units, c.n_units, "A");
	a1 = row_of(c.units, c.n_units, "A/A1");
	a2 = row_of(c.units, c.n_units, "A/A2");
	b = row_of(c.units, c.n_units, "B");
	{
		const struct measure_completion_cell *o = &c.cells[org * cols];

		assert_int_equal(o->assigned, 10);
		assert_int_equal(o->passed, 4);
		assert_int_equal(o->overdue, 6);
		assert_int_equal(o->refresh_due, 2);
		assert_near(o->share, 40.0, 1e-9);
		assert_int_equal(o->state, SUPPRESS_SHOWN);
	}
	assert_int_equal(c.cells[a * cols].assigned, 6);
	assert_int_equal(c.cells[a * cols].passed, 4);
	assert_int_equal(c.cells[a * cols].overdue, 3);
	assert_int_equal(c.cells[a * cols].state, SUPPRESS_SHOWN);
	assert_int_equal(c.cells[a1 * cols].assigned, 4);
	assert_near(c.cells[a1 * cols].share, 50.0, 1e-9);
	assert_int_equal(c.cells[a1 * cols].state, SUPPRESS_SECONDARY);
	assert_int_equal(c.cells[a2 * cols].state, SUPPRESS_SMALL);
	assert_int_equal(c.cells[b * cols].assigned, 3);
	assert_int_equal(c.cells[b * cols].overdue, 3);
	assert_int_equal(c.cells[b * cols].state, SUPPRESS_SECONDARY);
	/* levelcourse: p10 alone. */
	assert_int_equal(c.cells[org * cols + 1].assigned, 1);
	assert_int_equal(c.cells[org * cols + 1].state, SUPPRESS_SMALL);
	/* The total adds up the all-staff courses only: here gaincourse. Had it
	 * counted levelcourse too, the total minus gaincourse would give away
	 * p10's hidden levelcourse figure (and the total would be hidden). */
	assert_int_equal(c.cells[org * cols + 2].assigned, 10);
	assert_int_equal(c.cells[org * cols + 2].people, 10);
	assert_int_equal(c.cells[org * cols + 2].overdue, 6);
	assert_near(c.cells[org * cols + 2].share, 40.0, 1e-9);
	assert_int_equal(c.cells[org * cols + 2].state, SUPPRESS_SHOWN);
	assert_int_equal(c.cells[b * cols + 2].state, SUPPRESS_SECONDARY);
	/* The day before the period. */
	assert_int_equal(c.prev_cells[org * cols].assigned, 10);
	assert_int_equal(c.prev_cells[org * cols].passed, 2);
	assert_near(c.prev_cells[org * cols].share, 20.0, 1e-9);
	assert_int_equal(c.prev_cells[a2 * cols].assigned, 3);
	assert_int_equal(c.prev_cells[a2 * cols].state, SUPPRESS_SHOWN);
	assert_int_equal(c.prev_cells[b * cols].state, SUPPRESS_SECONDARY);
	measure_completion_release(&c);
}

/*
 * The row rule for totals. A new all-staff course (4), not yet introduced
 * (so the rule assigns it to nobody), is assigned by hand to p1 and p2
 * only. At the organisation its cell has 2 people: small. The total of the
 * organisation (gaincourse + course 4: 12 assignments) minus gaincourse
 * (10) would give away course 4's 2 people, so the total is hidden too,
 * and with it every total below.
 */
static void test_completion_total(void **state)
{
	struct fixture *f = *state;
	struct measure_completion c;
	char *cause = NULL;
	size_t cols, course4 = 0;

	if (store_exec(
		f->store,
		"INSERT INTO course (id, slug, title, language, audience, version, pass_mark,"
		" minutes, position) VALUES (4, 'newcourse', 'New', 'sv', 'all', 1, 80, 10, 3);"
		"INSERT INTO course_intro VALUES (4, '2026-01-01');"
		"INSERT INTO assignment VALUES (1, 4, '2025-12-31', '2025-06-01T00:00:00Z'),"
		" (2, 4, '2025-12-31', '2025-06-01T00:00:00Z');",
		&cause) < 0)
		fail_msg("%s", cause);
	if (measure_completion(f->store, &f->scope, &c, &cause) < 0)
		fail_msg("%s", cause);
	cols = c.n_courses + 1;
	for (size_t i = 0; i < c.n_courses; i++)
		if (strcmp(c.courses[i].slug, "newcourse") == 0)
			course4 = i;
	assert_int_equal(c.cells[course4].people, 2);
	assert_int_equal(c.cells[course4].state, SUPPRESS_SMALL);
	assert_int_equal(c.cells[0].state, SUPPRESS_SHOWN); /* gaincourse */
	assert_int_equal(c.cells[cols - 1].assigned, 12);
	assert_int_equal(c.cells[cols - 1].state, SUPPRESS_SECONDARY);
	for (size_t r = 1; r < c.n_units; r++)
		assert_int_not_equal(c.cells[r * cols + cols - 1].state, SUPPRESS_SHOWN);
	measure_completion_release(&c);
}

static void test_person_completion(void **state)
{
	struct fixture *f = *state;
	struct measure_person_course *pc = NULL;
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(measure_person_completion(f->store, 2, D("2025-06-30"), &pc, &n, &cause),
			 0);
	/* A staff member: gaincourse only, refresh due. */
	assert_int_equal(n, 1);
	assert_int_equal(pc[0].course_id, 1);
	assert_int_equal(pc[0].due_day, D("2024-01-31"));
	assert_int_equal(pc[0].pass_day, D("2024-02-01"));
	assert_int_equal(pc[0].state, COMPLETION_REFRESH_DUE);
	free(pc);
	/* The coordinator has levelcourse too, due 2024-01-01 + 60 days. */
	assert_int_equal(measure_person_completion(f->store, 10, D("2025-06-30"), &pc, &n, &cause),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(pc[1].course_id, 2);
	assert_int_equal(pc[1].due_day, D("2024-03-01"));
	assert_int_equal(pc[1].state, COMPLETION_OVERDUE);
	free(pc);
}

/* `vaksam assign levelcourse --unit B --due 2025-12-31`: p7, p9 and p10 get
 * it with the new date, so B has 3 pending and nobody overdue there. A
 * translation's slug assigns the original. */
static void test_assign(void **state)
{
	struct fixture *f = *state;
	struct assignment_request req = {"levelcourse", ASSIGNMENT_UNIT, "B", ROLE_STAFF,
					 D("2025-12-31")};
	struct measure_completion c;
	size_t count = 0, b, cols;
	char *cause = NULL;

	assert_int_equal(assignment_set(f->store, &req, &count, &cause), 0);
	assert_int_equal(count, 3);
	if (measure_completion(f->store, &f->scope, &c, &cause) < 0)
		fail_msg("%s", cause);
	cols = c.n_courses + 1;
	b = row_of(c.units, c.n_units, "B");
	assert_int_equal(c.cells[b * cols + 1].assigned, 3);
	assert_int_equal(c.cells[b * cols + 1].overdue, 0);
	assert_int_equal(c.cells[b * cols + 1].state, SUPPRESS_SHOWN);
	measure_completion_release(&c);

	req.course = "gaincourse-en";
	req.target = ASSIGNMENT_ROLE;
	req.role = ROLE_COORDINATOR;
	assert_int_equal(assignment_set(f->store, &req, &count, &cause), 0);
	assert_int_equal(count, 1);
	req.course = "nosuch";
	assert_int_equal(assignment_set(f->store, &req, &count, &cause), 1);
	free(cause);
	cause = NULL;
	req.course = "levelcourse";
	req.target = ASSIGNMENT_UNIT;
	req.unit_path = "Nowhere";
	assert_int_equal(assignment_set(f->store, &req, &count, &cause), 1);
	free(cause);
}

/*
 * p1's cards at levelcourse on 2025-06-30: q1 wrong (2025-01-10) then right
 * (2025-03-01, version 2): box 2, due 2025-04-30; q2 right: box 2, due
 * 2025-04-30; q3 right (2024-03-01) then wrong (2025-03-01): box 1; q6
 * never answered: box 0; q4 is an essay and is left out. Refresh order: q3
 * (wrong), q6 (new), q1 and q2 (due, in course order).
 */
static void test_leitner_store(void **state)
{
	struct fixture *f = *state;
	struct leitner_card *cards = NULL;
	long long *ids = NULL;
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(leitner_cards(f->store, 1, 2, D("2025-06-30"), &cards, &n, &cause), 0);
	assert_int_equal(n, 4);
	assert_int_equal(cards[0].question_id, 3);
	assert_int_equal(cards[0].box, 1);
	assert_int_equal(cards[1].question_id, 6);
	assert_int_equal(cards[1].box, 0);
	assert_int_equal(cards[2].question_id, 1);
	assert_int_equal(cards[2].box, 2);
	assert_int_equal(cards[2].version_id, 7);
	assert_int_equal(cards[2].due_day, D("2025-04-30"));
	assert_int_equal(cards[3].question_id, 2);
	free(cards);
	assert_int_equal(leitner_plan(f->store, 1, 2, D("2025-06-30"), 2, &ids, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 3);
	assert_int_equal(ids[1], 6);
	free(ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_days),
	    cmocka_unit_test(test_periods),
	    cmocka_unit_test(test_person_levels),
	    cmocka_unit_test(test_gain),
	    cmocka_unit_test(test_completion_state),
	    cmocka_unit_test(test_leitner_pure),
	    cmocka_unit_test(test_suppress),
	    cmocka_unit_test_setup_teardown(test_units, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_person_level, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_person_history, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_gains, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_completion, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_completion_total, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_person_completion, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_assign, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_leitner_store, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
