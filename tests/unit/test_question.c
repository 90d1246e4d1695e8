/*
 * Unit tests for core/question.c: the model, its JSON form and Moodle's
 * scoring rules for every question type.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/question.h"

static void make_single(struct question *q)
{
	memset(q, 0, sizeof(*q));
	q->type = QUESTION_SINGLE;
	q->stem = strdup("Vad gör du?");
	q->general_feedback = strdup("");
	question_add_answer(q, "Rapporterar", 1, "Rätt.");
	question_add_answer(q, "Väntar", 0, "Fel.");
	question_add_answer(q, "Raderar", -0.5, "Fel, och värre.");
}

static void test_release_zeroed(void **state)
{
	struct question q = {0};

	(void)state;
	question_release(&q);
	question_release(&q);
	assert_null(q.answers);
}

static void test_names(void **state)
{
	enum question_type t;
	enum question_format f;

	(void)state;
	assert_string_equal(question_type_name(QUESTION_SHORTANSWER), "shortanswer");
	assert_string_equal(question_format_name(QUESTION_FORMAT_MARKDOWN), "markdown");
	assert_int_equal(question_type_from_name("numerical", &t), 0);
	assert_int_equal(t, QUESTION_NUMERICAL);
	assert_int_equal(question_type_from_name("Numerical", &t), -1);
	assert_int_equal(question_format_from_name("html", &f), 0);
	assert_int_equal(f, QUESTION_FORMAT_HTML);
	assert_int_equal(question_format_from_name(NULL, &f), -1);
}

static void test_json_single(void **state)
{
	struct question q, back = {0};
	char *json, *again, *cause = NULL;

	(void)state;
	make_single(&q);
	q.id = strdup("q1");
	json = question_to_json_string(&q);
	assert_string_equal(
	    json, "{\"id\":\"q1\",\"category\":null,\"type\":\"single\",\"format\":\"moodle\","
		  "\"stem\":\"Vad gör du?\",\"general_feedback\":\"\",\"answers\":["
		  "{\"text\":\"Rapporterar\",\"fraction\":1,\"feedback\":\"Rätt.\"},"
		  "{\"text\":\"Väntar\",\"fraction\":0,\"feedback\":\"Fel.\"},"
		  "{\"text\":\"Raderar\",\"fraction\":-0.5,\"feedback\":\"Fel, och värre.\"}]}");
	assert_int_equal(question_from_json_string(json, &back, &cause), 0);
	assert_true(question_equal(&q, &back));
	again = question_to_json_string(&back);
	assert_string_equal(json, again);
	free(json);
	free(again);
	question_release(&q);
	question_release(&back);
}

static void test_json_numerical_and_matching(void **state)
{
	struct question q = {0}, back = {0};
	char *json, *cause = NULL;

	(void)state;
	q.type = QUESTION_NUMERICAL;
	q.category = strdup("cat");
	q.stem = strdup("1 till 5?");
	question_add_number(&q, true, 1, 5, 1, "");
	question_add_number(&q, false, 0, 0, 0, "Fel");
	json = question_to_json_string(&q);
	assert_non_null(
	    strstr(json, "\"numbers\":[{\"min\":1,\"max\":5,\"fraction\":1,\"feedback\":\"\"},"
			 "{\"min\":null,\"max\":null,\"fraction\":0,\"feedback\":\"Fel\"}]"));
	assert_null(strstr(json, "\"answers\""));
	assert_int_equal(question_from_json_string(json, &back, &cause), 0);
	assert_true(question_equal(&q, &back));
	assert_false(back.numbers[1].has_range);
	free(json);
	question_release(&q);
	question_release(&back);

	q.type = QUESTION_MATCHING;
	q.stem = strdup("Para ihop");
	question_add_pair(&q, "a", "1");
	question_add_pair(&q, "", "2");
	json = question_to_json_string(&q);
	assert_non_null(strstr(json, "\"pairs\":[{\"left\":\"a\",\"right\":\"1\"},"
				     "{\"left\":\"\",\"right\":\"2\"}]"));
	assert_int_equal(question_from_json_string(json, &back, &cause), 0);
	assert_true(question_equal(&q, &back));
	free(json);
	question_release(&q);
	question_release(&back);
}

static void test_canonical_numbers(void **state)
{
	struct question q = {0}, back = {0};
	char *json, *cause = NULL;

	(void)state;
	assert_true(question_number_canonical(0.1 + 0.2) == 0.3);
	assert_false(signbit(question_number_canonical(-0.0)));
	assert_true(question_number_canonical(1822) == 1822);
	/* JSON keeps 15 digits, so what the model stores must read back equal. */
	q.type = QUESTION_NUMERICAL;
	question_add_number(&q, true, 3.14 - 0.005, 3.14 + 0.005, 1, "");
	question_add_number(&q, true, 1e-300, 1.7976931348623157e308,
			    strtod("33.33333", NULL) / 100, "");
	json = question_to_json_string(&q);
	assert_int_equal(question_from_json_string(json, &back, &cause), 0);
	assert_true(question_equal(&q, &back));
	assert_true(q.numbers[0].min == 3.135);
	free(json);
	question_release(&q);
	question_release(&back);
}

static void test_json_errors(void **state)
{
	static const char *const bad[] = {
	    "[]",
	    "{\"type\":\"quiz\"}",
	    "{\"type\":\"single\",\"format\":\"rtf\"}",
	    "{\"type\":\"single\",\"stem\":5}",
	    "{\"type\":\"single\",\"answers\":{}}",
	    "{\"type\":\"single\",\"answers\":[{\"text\":\"a\"}]}",
	    "{\"type\":\"single\",\"answers\":[1]}",
	    "{\"type\":\"numerical\",\"numbers\":[{\"min\":1,\"fraction\":1}]}",
	    "{\"type\":\"single\",\"id\":[]}",
	    "not json",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct question q;
		char *cause = NULL;

		assert_int_equal(question_from_json_string(bad[i], &q, &cause), -1);
		assert_non_null(cause);
		assert_null(q.stem);
		free(cause);
	}
}

static void test_equal(void **state)
{
	struct question a, b;

	(void)state;
	make_single(&a);
	make_single(&b);
	b.line = 7;
	assert_true(question_equal(&a, &b));
	b.answers[1].fraction = 0.1;
	assert_false(question_equal(&a, &b));
	b.answers[1].fraction = 0;
	free(b.answers[2].feedback);
	b.answers[2].feedback = strdup("x");
	assert_false(question_equal(&a, &b));
	question_release(&b);
	make_single(&b);
	b.id = strdup("x");
	assert_false(question_equal(&a, &b));
	question_release(&a);
	question_release(&b);
}

static void test_score_single(void **state)
{
	struct question q;
	size_t pick;
	struct question_response r = {&pick, 1, NULL, NULL, 0};

	(void)state;
	make_single(&q);
	pick = 0;
	assert_true(question_score(&q, &r) == 1);
	assert_string_equal(question_response_feedback(&q, &r), "Rätt.");
	pick = 1;
	assert_true(question_score(&q, &r) == 0);
	pick = 2; /* negative fractions count as 0 */
	assert_true(question_score(&q, &r) == 0);
	pick = 9;
	assert_true(question_score(&q, &r) == 0);
	assert_null(question_response_feedback(&q, &r));
	r.n_chosen = 0;
	assert_true(question_score(&q, &r) == 0);
	assert_int_equal(question_best_answer(&q), 0);
	question_release(&q);
}

static void test_score_multi(void **state)
{
	struct question q = {0};
	size_t picks[4];
	struct question_response r = {picks, 0, NULL, NULL, 0};

	(void)state;
	q.type = QUESTION_MULTI;
	question_add_answer(&q, "a", 0.5, "");
	question_add_answer(&q, "b", 0.5, "");
	question_add_answer(&q, "c", -1, "");
	question_add_answer(&q, "d", 0, "");
	picks[0] = 0;
	r.n_chosen = 1;
	assert_true(fabs(question_score(&q, &r) - 0.5) < 1e-12);
	picks[1] = 1;
	r.n_chosen = 2;
	assert_true(question_score(&q, &r) == 1);
	picks[2] = 2;
	r.n_chosen = 3;
	assert_true(question_score(&q, &r) == 0); /* 0.5 + 0.5 - 1 */
	picks[0] = 2;
	r.n_chosen = 1;
	assert_true(question_score(&q, &r) == 0); /* clamped at 0 */
	picks[0] = 0;
	picks[1] = 0; /* the same answer twice counts once */
	r.n_chosen = 2;
	assert_true(fabs(question_score(&q, &r) - 0.5) < 1e-12);
	question_release(&q);

	q.type = QUESTION_MULTI;
	question_add_answer(&q, "a", 1, "");
	question_add_answer(&q, "b", 0.5, "");
	picks[0] = 0;
	picks[1] = 1;
	r.n_chosen = 2;
	assert_true(question_score(&q, &r) == 1); /* clamped at 1 */
	question_release(&q);
}

static void test_score_truefalse(void **state)
{
	struct question q = {0};
	size_t pick = 1;
	struct question_response r = {&pick, 1, NULL, NULL, 0};

	(void)state;
	q.type = QUESTION_TRUEFALSE;
	question_add_answer(&q, "true", 0, "Nej, det går att förfalska.");
	question_add_answer(&q, "false", 1, "Rätt.");
	assert_true(question_score(&q, &r) == 1);
	assert_string_equal(question_response_feedback(&q, &r), "Rätt.");
	pick = 0;
	assert_true(question_score(&q, &r) == 0);
	assert_string_equal(question_response_feedback(&q, &r), "Nej, det går att förfalska.");
	assert_int_equal(question_best_answer(&q), 1);
	question_release(&q);
}

static void test_score_shortanswer(void **state)
{
	struct question q = {0};
	struct question_response r = {NULL, 0, NULL, NULL, 0};

	(void)state;
	q.type = QUESTION_SHORTANSWER;
	question_add_answer(&q, "Frog", 1, "Good!");
	question_add_answer(&q, "Cat", 0.5, "Cats.");
	question_add_answer(&q, "Göte*borg", 1, "Stad");
	question_add_answer(&q, "a\\*b", 1, "literal star");
	question_add_answer(&q, "*", 0, "Completely wrong");

	r.text = "  frog ";
	assert_true(question_score(&q, &r) == 1);
	assert_string_equal(question_response_feedback(&q, &r), "Good!");
	r.text = "CAT";
	assert_true(question_score(&q, &r) == 0.5);
	r.text = "GÖTEBORG"; /* case folding beyond ASCII */
	assert_true(question_score(&q, &r) == 1);
	r.text = "göte-stora-borg";
	assert_true(question_score(&q, &r) == 1);
	r.text = "göte\nborg"; /* Moodle's '.' does not match a newline, not even for '*' */
	assert_int_equal(question_find_answer(&q, r.text), -1);
	r.text = "a*b";
	assert_int_equal(question_find_answer(&q, r.text), 3);
	r.text = "axb";
	assert_int_equal(question_find_answer(&q, r.text), 4);
	r.text = "dog";
	assert_true(question_score(&q, &r) == 0);
	assert_string_equal(question_response_feedback(&q, &r), "Completely wrong");
	r.text = NULL;
	assert_true(question_score(&q, &r) == 0);
	assert_int_equal(question_find_answer(&q, NULL), -1);
	question_release(&q);

	/* Moodle takes the first answer that matches, not the best one. */
	q.type = QUESTION_SHORTANSWER;
	question_add_answer(&q, "*", 0, "");
	question_add_answer(&q, "right", 1, "");
	r.text = "right";
	assert_true(question_score(&q, &r) == 0);
	question_release(&q);

	q.type = QUESTION_SHORTANSWER;
	question_add_answer(&q, "ÅÄÖ ÉÜ ŁŽ ΣΩ ЖЯ Ё", 1, "");
	r.text = "åäö éü łž σω жя ё";
	assert_true(question_score(&q, &r) == 1);
	r.text = "\xff\xfe"; /* not UTF-8: compared byte for byte, no crash */
	assert_true(question_score(&q, &r) == 0);
	question_release(&q);
}

static void test_parse_number(void **state)
{
	static const struct {
		const char *text;
		int rc;
		double value;
	} cases[] = {
	    {"5", 0, 5},
	    {" -3.5 ", 0, -3.5},
	    {"3,5", 0, 3.5},
	    {"+2", 0, 2},
	    {"1 822", 0, 1822},
	    {"1\xc2\xa0"
	     "822,5",
	     0, 1822.5},
	    {".5", 0, 0.5},
	    {"5.", 0, 5},
	    {"1e3", 0, 1000},
	    {"1,5e-1", 0, 0.15},
	    {"", -1, 0},
	    {"abc", -1, 0},
	    {"1..2", -1, 0},
	    {"1,2,3", -1, 0},
	    {"1  2", -1, 0},
	    {"0x10", -1, 0},
	    {"1e999", -1, 0},
	    {"-", -1, 0},
	    {",", -1, 0},
	    {"1 ", 0, 1},
	    {"1e", -1, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double x = -99;
		int rc = question_parse_number(cases[i].text, &x);

		if (rc != cases[i].rc)
			fail_msg("'%s': rc %d, expected %d", cases[i].text, rc, cases[i].rc);
		if (rc == 0 && fabs(x - cases[i].value) > 1e-12)
			fail_msg("'%s': %g, expected %g", cases[i].text, x, cases[i].value);
	}
}

static void test_score_numerical(void **state)
{
	struct question q = {0};
	struct question_response r = {NULL, 0, NULL, NULL, 0};

	(void)state;
	q.type = QUESTION_NUMERICAL;
	question_add_number(&q, true, 1822, 1822, 1, "Exakt");
	question_add_number(&q, true, 1820, 1824, 0.5, "Nära");
	question_add_number(&q, false, 0, 0, 0, "Fel");
	r.text = "1822";
	assert_true(question_score(&q, &r) == 1);
	r.text = "1822,0";
	assert_true(question_score(&q, &r) == 1);
	r.text = "1820";
	assert_true(question_score(&q, &r) == 0.5);
	assert_string_equal(question_response_feedback(&q, &r), "Nära");
	r.text = "1900";
	assert_true(question_score(&q, &r) == 0);
	assert_string_equal(question_response_feedback(&q, &r), "Fel");
	r.text = "ett tusen";
	assert_true(question_score(&q, &r) == 0);
	assert_null(question_response_feedback(&q, &r));
	assert_int_equal(question_best_answer(&q), 0);
	question_release(&q);

	/* The bounds are inclusive, with room for rounding. */
	q.type = QUESTION_NUMERICAL;
	question_add_number(&q, true, 0.3, 0.3, 1, "");
	r.text = "0.30000000000000004";
	assert_true(question_score(&q, &r) == 1);
	question_release(&q);
}

static void test_score_matching(void **state)
{
	struct question q = {0};
	int match[4];
	struct question_response r = {NULL, 0, NULL, match, 4};

	(void)state;
	q.type = QUESTION_MATCHING;
	question_add_pair(&q, "Kanada", "Ottawa");
	question_add_pair(&q, "Italien", "Rom");
	question_add_pair(&q, "Japan", "Rom"); /* same right text as Italien */
	question_add_pair(&q, "", "Oslo");     /* distractor */
	match[0] = 0;
	match[1] = 1;
	match[2] = 2;
	match[3] = -1;
	assert_true(question_score(&q, &r) == 1);
	match[1] = 2; /* the other "Rom" is just as right */
	assert_true(question_score(&q, &r) == 1);
	match[0] = 3;
	assert_true(fabs(question_score(&q, &r) - 2.0 / 3) < 1e-12);
	match[1] = -1;
	match[2] = 99;
	assert_true(question_score(&q, &r) == 0);
	r.n_match = 1;
	match[0] = 0;
	assert_true(fabs(question_score(&q, &r) - 1.0 / 3) < 1e-12);
	assert_int_equal(question_best_answer(&q), -1);
	question_release(&q);
}

static void test_unscored(void **state)
{
	struct question q = {0};
	struct question_response r = {NULL, 0, "text", NULL, 0};

	(void)state;
	q.type = QUESTION_ESSAY;
	assert_false(question_is_scored(&q));
	assert_true(question_score(&q, &r) == QUESTION_UNSCORED);
	q.type = QUESTION_DESCRIPTION;
	assert_true(question_score(&q, &r) == QUESTION_UNSCORED);
	q.type = QUESTION_SINGLE;
	assert_true(question_is_scored(&q));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_release_zeroed),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_json_single),
	    cmocka_unit_test(test_json_numerical_and_matching),
	    cmocka_unit_test(test_canonical_numbers),
	    cmocka_unit_test(test_json_errors),
	    cmocka_unit_test(test_equal),
	    cmocka_unit_test(test_score_single),
	    cmocka_unit_test(test_score_multi),
	    cmocka_unit_test(test_score_truefalse),
	    cmocka_unit_test(test_score_shortanswer),
	    cmocka_unit_test(test_parse_number),
	    cmocka_unit_test(test_score_numerical),
	    cmocka_unit_test(test_score_matching),
	    cmocka_unit_test(test_unscored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
