/*
 * Unit tests for the GIFT reader and writer (authoring/gift*.c): the cell
 * helpers, Moodle's weight and number rules, source positions, line ends,
 * and export of questions whose text needs care to read back the same. The
 * whole-format behaviour is tested by tests/e2e/gift.sh on tests/gift/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/gift.h"
#include "authoring/gift_text.h"

/* Cells for s; a byte in lit that is 'L' marks the cell as escaped. */
static struct gift_cells make_cells(const char *s, const char *lit)
{
	struct gift_cells cells = {0};

	for (size_t i = 0; s[i]; i++)
		gift_cells_push(&cells, (unsigned char)s[i], lit && lit[i] == 'L', i);
	return cells;
}

static void test_span_ops(void **state)
{
	struct gift_cells cells = make_cells("  a~b~c ####x####y  ", "     L              ");
	struct gift_span s = gift_cells_span(&cells, 0), t;
	char *str;

	(void)state;
	t = gift_span_trim(s);
	assert_int_equal(t.n, 16);
	assert_int_equal(t.pos, 2);
	assert_int_equal(gift_span_find(s, '~', 0), 3);
	assert_int_equal(gift_span_find(s, '~', 4), GIFT_NPOS); /* cell 5 is escaped */
	assert_int_equal(gift_span_find(s, 'b', 0), 4);
	assert_int_equal(gift_span_find_str(s, "####"), 8);
	assert_int_equal(gift_span_rfind_str(s, "####"), 13);
	assert_int_equal(gift_span_rfind_str(s, "#####"), GIFT_NPOS);
	assert_true(gift_span_starts(t, "a~"));
	assert_false(gift_span_starts(t, "a~b~")); /* escaped '~' is not '~' */
	assert_false(gift_span_equals(t, "a~"));
	str = gift_span_string(gift_span_sub(s, 2, 7));
	assert_string_equal(str, "a~b~c");
	free(str);
	assert_int_equal(gift_span_sub(s, 30, 40).n, 0);
	assert_int_equal(gift_span_pos(s, 99), 20);
	gift_cells_release(&cells);

	/* Escaped white space survives the trims inside a block, but not the last one. */
	cells = make_cells("\n x \n", "L   L");
	s = gift_cells_span(&cells, 0);
	assert_int_equal(gift_span_trim(s).n, 5);
	str = gift_span_text(s);
	assert_string_equal(str, "x");
	free(str);
	gift_cells_release(&cells);
}

static void test_span_split(void **state)
{
	struct gift_cells cells = make_cells("x ~a =b =c~d", "        L   ");
	struct gift_span s = gift_cells_span(&cells, 0), *parts;
	size_t *marks, n;
	char *str;

	(void)state;
	parts = gift_span_split(s, "~=", "=", &marks, &n);
	assert_int_equal(n, 4);
	str = gift_span_string(parts[0]);
	assert_string_equal(str, "x ");
	free(str);
	str = gift_span_string(parts[2]);
	assert_string_equal(str, "=b =c"); /* the escaped '=' does not split */
	free(str);
	assert_int_equal(marks[0], 0);
	assert_int_equal(marks[1], 2);
	assert_int_equal(marks[2], 5);
	assert_int_equal(marks[3], 10);
	free(parts);
	free(marks);
	gift_cells_release(&cells);
}

static void test_span_format(void **state)
{
	static const struct {
		const char *in, *text;
		enum question_format format;
	} cases[] = {
	    {"[html]<b>x</b>", "<b>x</b>", QUESTION_FORMAT_HTML},
	    {"[markdown] **x** ", "**x**", QUESTION_FORMAT_MARKDOWN},
	    {"[plain]", "", QUESTION_FORMAT_PLAIN},
	    {"[moodle][html]x", "[html]x", QUESTION_FORMAT_MOODLE},
	    {"[HTML]x", "[HTML]x", QUESTION_FORMAT_PLAIN},
	    {"[note] x", "[note] x", QUESTION_FORMAT_PLAIN},
	    {" [html]x", "[html]x", QUESTION_FORMAT_PLAIN},
	    {"[html", "[html", QUESTION_FORMAT_PLAIN},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gift_cells cells = make_cells(cases[i].in, NULL);
		enum question_format f;
		char *text =
		    gift_span_format_text(gift_cells_span(&cells, 0), QUESTION_FORMAT_PLAIN, &f);

		assert_string_equal(text, cases[i].text);
		assert_int_equal(f, cases[i].format);
		free(text);
		gift_cells_release(&cells);
	}
}

static void test_weight(void **state)
{
	static const struct {
		const char *in;
		int rc;
		double fraction;
		const char *rest;
	} cases[] = {
	    {"%50%a", 1, 0.5, "a"},   {"%-100%a", 1, -1, "a"},
	    {"%100%a", 1, 1, "a"},    {"%33.33333%a", 1, 0.3333333, "a"},
	    {"%5%", 1, 0.05, ""},     {"%5.%x", 1, 0.05, "x"},
	    {"%150%x", 1, 1.5, "x"},  {"%--50%x", -1, 0, NULL},
	    {"%100.5%x", 0, 0, NULL}, {"%33,3%x", 0, 0, NULL},
	    {"%%x", 0, 0, NULL},      {"%-%x", 0, 0, NULL},
	    {"50%x", 0, 0, NULL},     {"%50", 0, 0, NULL},
	    {"% 50%x", 0, 0, NULL},   {"%1.2.3%", 0, 0, NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gift_cells cells = make_cells(cases[i].in, NULL);
		struct gift_span rest = {0};
		double f = 99;
		int rc = gift_span_weight(gift_cells_span(&cells, 0), &f, &rest);

		if (rc != cases[i].rc)
			fail_msg("'%s': rc %d, expected %d", cases[i].in, rc, cases[i].rc);
		if (rc == 1) {
			char *s = gift_span_string(rest);

			assert_true(fabs(f - cases[i].fraction) < 1e-12);
			assert_string_equal(s, cases[i].rest);
			free(s);
		}
		gift_cells_release(&cells);
	}
}

static void test_number(void **state)
{
	static const struct {
		const char *in;
		int rc;
		double value;
	} cases[] = {
	    {"5", 0, 5},      {" -3.5 ", 0, -3.5}, {"+2", 0, 2},   {".5", 0, 0.5}, {"5.", 0, 5},
	    {"1e3", 0, 1000}, {"1E-2", 0, 0.01},   {"", -1, 0},    {"3,5", -1, 0}, {"0x10", -1, 0},
	    {"1e", -1, 0},    {".", -1, 0},        {"inf", -1, 0}, {"nan", -1, 0}, {"1e400", -1, 0},
	    {"--1", -1, 0},   {"1 2", -1, 0},      {"*", -1, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double x = -99;
		int rc = gift_number(cases[i].in, &x);

		if (rc != cases[i].rc)
			fail_msg("'%s': rc %d, expected %d", cases[i].in, rc, cases[i].rc);
		if (rc == 0)
			assert_true(x == cases[i].value);
	}
}

/* Parses text; returns the rc and leaves results in *f and *d. */
static int parse(const char *text, size_t len, unsigned flags, struct gift_file *f,
		 struct diag_list *d)
{
	return gift_parse(text, len, "t.gift", flags, f, d);
}

static const struct diag *first_of(const struct diag_list *d, enum diag_severity sev)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->items[i].severity == sev)
			return &d->items[i];
	}
	return NULL;
}

static void expect_error_at(const char *text, size_t len, int line, int col)
{
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	const struct diag *e;

	assert_int_equal(parse(text, len, 0, &f, &d), -1);
	e = first_of(&d, DIAG_ERROR);
	assert_non_null(e);
	if (e->line != line || e->col != col)
		fail_msg("error '%s' at %d:%d, expected %d:%d", e->message, e->line, e->col, line,
			 col);
	assert_string_equal(e->file, "t.gift");
	gift_file_release(&f);
	diag_list_release(&d);
}

static void test_positions(void **state)
{
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	static const char text[] = "// c\n\n  ::q1:: Är det så?\t{T#a#b}\n";

	(void)state;
	/* Columns count characters, not bytes; a tab is one. */
	expect_error_at("åäö {~a", strlen("åäö {~a"), 1, 5);
	expect_error_at("a\n\nÅsa\t{~x}", strlen("a\n\nÅsa\t{~x}"), 3, 5);
	expect_error_at("\xef\xbb\xbfQ{~a}", 8, 1, 2);        /* after a BOM */
	expect_error_at("Q{T}\r\n\r\nQ2 {~a}\r\n", 17, 3, 4); /* CRLF */
	expect_error_at("Q{T}\r\rQ2 {~a}\r", 14, 3, 4);       /* CR only */
	expect_error_at("Q{T}\n\nQ2 {=a ~b}\n\n}", 19, 5, 1);
	expect_error_at("ok {T}\n\nbad \xff\xfe {T}", 18, 3, 5);
	expect_error_at("ok {T}\n\nnul \0 {T}", 17, 3, 5);

	assert_int_equal(parse(text, sizeof(text) - 1, 0, &f, &d), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.questions[0].line, 3);
	assert_int_equal(f.questions[0].col, 3);
	assert_string_equal(f.questions[0].id, "q1");
	assert_string_equal(f.questions[0].stem, "Är det så?");
	assert_int_equal(d.n, 0);
	gift_file_release(&f);
	diag_list_release(&d);
}

static void test_line_ends(void **state)
{
	static const char crlf[] = "\xef\xbb\xbf::a:: x {T}\r\n\r\n::b::\r\ny\r\n{F}\r\n";
	static const char cr[] = "::a:: x {T}\r\r::b::\ry\r{F}\r";
	const char *texts[] = {crlf, cr};
	size_t lens[] = {sizeof(crlf) - 1, sizeof(cr) - 1};

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct gift_file f = GIFT_FILE_INIT;
		struct diag_list d = DIAG_LIST_INIT;

		assert_int_equal(parse(texts[i], lens[i], 0, &f, &d), 0);
		assert_int_equal(f.n, 2);
		assert_string_equal(f.questions[0].id, "a");
		assert_string_equal(f.questions[1].stem, "y");
		assert_int_equal(f.questions[1].line, 3);
		assert_int_equal(f.questions[1].col, 1);
		gift_file_release(&f);
		diag_list_release(&d);
	}
}

static void test_zero_line_and_empty(void **state)
{
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	static const char text[] = "Q1 {=a}\n0\nQ2 {=b}\n";

	(void)state;
	assert_int_equal(parse("", 0, 0, &f, &d), 0);
	assert_int_equal(parse(NULL, 0, 0, &f, &d), 0);
	assert_int_equal(parse("// only a comment\n\n   \n", 23, 0, &f, &d), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(d.n, 0);
	/* Moodle ends a question at a line holding only "0", as at a blank line. */
	assert_int_equal(parse(text, sizeof(text) - 1, 0, &f, &d), 0);
	assert_int_equal(f.n, 2);
	diag_sort(&d);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[1].line, 2);
	assert_non_null(strstr(d.items[1].message, "'0'"));
	gift_file_release(&f);
	diag_list_release(&d);
}

static void test_names_and_strict(void **state)
{
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	static const char dup[] = "::a:: x {T#w#r}\n\n::a:: y {T#w#r}\n";
	static const char unnamed[] = "x {T#w#r}\n";

	(void)state;
	assert_int_equal(parse(dup, sizeof(dup) - 1, 0, &f, &d), 0);
	assert_int_equal(f.n, 2);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 3);
	gift_file_release(&f);
	diag_list_release(&d);

	assert_int_equal(parse(dup, sizeof(dup) - 1, GIFT_STRICT, &f, &d), -1);
	assert_int_equal(f.n, 1);
	gift_file_release(&f);
	diag_list_release(&d);

	assert_int_equal(parse(unnamed, sizeof(unnamed) - 1, 0, &f, &d), 0);
	assert_int_equal(parse(unnamed, sizeof(unnamed) - 1, GIFT_STRICT, &f, &d), -1);
	gift_file_release(&f);
	diag_list_release(&d);
}

static void test_escapes_and_category(void **state)
{
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	static const char text[] = "$CATEGORY: a\\:b\n\n"
				   "::n\\:1:: A \\\\ B \\{x\\} C\\nD \\# \\= \\~ \\q{\n"
				   "=r\\=1#fb \\# \\n end\n"
				   "~w#x\n}\n";

	(void)state;
	assert_int_equal(parse(text, sizeof(text) - 1, 0, &f, &d), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.questions[0].category, "a:b");
	assert_string_equal(f.questions[0].id, "n:1");
	assert_string_equal(f.questions[0].stem, "A \\ B {x} C\nD # = ~ \\q");
	assert_string_equal(f.questions[0].answers[0].text, "r=1");
	assert_string_equal(f.questions[0].answers[0].feedback, "fb # \n end");
	gift_file_release(&f);
	diag_list_release(&d);
}

/* Exports qs, parses the result, and checks every question reads back equal. */
static void expect_round_trip(const struct question *qs, size_t n)
{
	struct strbuf out = STRBUF_INIT;
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	char *cause = NULL;

	if (gift_export(qs, n, &out, &cause) != 0)
		fail_msg("export refused: %s", cause);
	if (parse(out.buf, out.len, 0, &f, &d) != 0 || f.n != n)
		fail_msg("export does not read back:\n%s", out.buf);
	for (size_t i = 0; i < n; i++) {
		if (!question_equal(&qs[i], &f.questions[i])) {
			char *a = question_to_json_string(&qs[i]);
			char *b = question_to_json_string(&f.questions[i]);

			fail_msg("question %zu differs:\n%s\n%s\nfrom:\n%s", i, a, b, out.buf);
		}
	}
	strbuf_release(&out);
	gift_file_release(&f);
	diag_list_release(&d);
}

static void init_question(struct question *q, enum question_type type, const char *id,
			  const char *stem)
{
	memset(q, 0, sizeof(*q));
	q->type = type;
	q->id = id ? strdup(id) : NULL;
	q->stem = strdup(stem);
	q->general_feedback = strdup("");
}

static void test_export_tricky_texts(void **state)
{
	struct question qs[9];

	(void)state;
	init_question(&qs[0], QUESTION_MULTI, NULL, "// not a comment {braces} a::b #=~ \\ end");
	question_add_answer(&qs[0], "[html]looks like a tag", 1, "[plain]so does this");
	question_add_answer(&qs[0], "%50%looks like a weight", 0, "");
	question_add_answer(&qs[0], "two\nlines", -0.5, "-> arrow");
	init_question(&qs[1], QUESTION_DESCRIPTION, NULL, "");
	init_question(&qs[2], QUESTION_DESCRIPTION, NULL, "0");
	init_question(&qs[3], QUESTION_SHORTANSWER, "sa", "Pil?");
	question_add_answer(&qs[3], "a->b", 1, "x -> y");
	init_question(&qs[4], QUESTION_TRUEFALSE, "tf", "[html] in the stem");
	question_add_answer(&qs[4], "true", 0, "");
	question_add_answer(&qs[4], "false", 1, "only the right one");
	init_question(&qs[5], QUESTION_NUMERICAL, "num", "Tal");
	question_add_number(&qs[5], false, 0, 0, 0.5, "any, first");
	question_add_number(&qs[5], true, 0.1, 0.30000000000000004, 1, "");
	question_add_number(&qs[5], true, -1e21, 2.5e-7, 0.25, "wide");
	question_add_number(&qs[5], false, 0, 0, 0, "");
	init_question(&qs[6], QUESTION_SINGLE, "two-right", "Två rätt");
	question_add_answer(&qs[6], "a", 1, "");
	question_add_answer(&qs[6], "b", 1, "");
	/* As the reader makes it: the weight's digits divided by 100. */
	question_add_answer(&qs[6], "c", strtod("33.33333", NULL) / 100, "");
	init_question(&qs[7], QUESTION_ESSAY, NULL, "Skriv");
	free(qs[7].general_feedback);
	qs[7].general_feedback = strdup("[markdown] ####gf");
	qs[7].format = QUESTION_FORMAT_PLAIN;
	init_question(&qs[8], QUESTION_MATCHING, "m", "Para");
	question_add_pair(&qs[8], "[moodle]l1", "->r1 = ~");
	question_add_pair(&qs[8], "l2-", "r2");
	question_add_pair(&qs[8], "", "extra");
	for (size_t i = 0; i < 9; i++) {
		free(qs[i].category);
		qs[i].category = strdup(i < 4 ? "kat 1" : "kat: 2");
	}
	expect_round_trip(qs, 9);
	for (size_t i = 0; i < 9; i++)
		question_release(&qs[i]);
}

static void test_export_refuses(void **state)
{
	struct question qs[2];
	struct strbuf out = STRBUF_INIT;
	char *cause = NULL;

	(void)state;
	init_question(&qs[0], QUESTION_MATCHING, "m", "x");
	question_add_pair(&qs[0], "a->b", "c");
	question_add_pair(&qs[0], "d", "e");
	assert_int_equal(gift_export(qs, 1, &out, &cause), -1);
	assert_non_null(strstr(cause, "->"));
	free(cause);
	question_release(&qs[0]);

	init_question(&qs[0], QUESTION_MULTI, "w", "x");
	question_add_answer(&qs[0], "a", 1.005, ""); /* %100.5% is not a weight Moodle reads */
	question_add_answer(&qs[0], "b", 0, "");
	assert_int_equal(gift_export(qs, 1, &out, &cause), -1);
	free(cause);
	question_release(&qs[0]);

	init_question(&qs[0], QUESTION_ESSAY, "a", "x");
	qs[0].category = strdup("c");
	init_question(&qs[1], QUESTION_ESSAY, "b", "y");
	assert_int_equal(gift_export(qs, 2, &out, &cause), -1);
	assert_non_null(strstr(cause, "question 2"));
	free(cause);
	question_release(&qs[0]);
	question_release(&qs[1]);

	init_question(&qs[0], QUESTION_SHORTANSWER, "s", "x");
	question_add_answer(&qs[0], "a->b", 1, "");
	question_add_answer(&qs[0], "c", 1, "");
	assert_int_equal(gift_export(qs, 1, &out, &cause), -1);
	free(cause);
	question_release(&qs[0]);
	strbuf_release(&out);
}

static void test_parse_path(void **state)
{
	struct gift_file f = GIFT_FILE_INIT;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(gift_parse_path("/nonexistent/quiz.gift", 0, &f, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 0);
	assert_string_equal(d.items[0].file, "/nonexistent/quiz.gift");
	diag_list_release(&d);
	/* A folder is read as its quiz.gift. */
	assert_int_equal(gift_parse_path("/nonexistent-dir-is-not-a-dir", 0, &f, &d), -1);
	diag_list_release(&d);
	assert_int_equal(gift_parse_path("/tmp", 0, &f, &d), -1);
	assert_string_equal(d.items[0].file, "/tmp/quiz.gift");
	diag_list_release(&d);
	gift_file_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_span_ops),
	    cmocka_unit_test(test_span_split),
	    cmocka_unit_test(test_span_format),
	    cmocka_unit_test(test_weight),
	    cmocka_unit_test(test_number),
	    cmocka_unit_test(test_positions),
	    cmocka_unit_test(test_line_ends),
	    cmocka_unit_test(test_zero_line_and_empty),
	    cmocka_unit_test(test_names_and_strict),
	    cmocka_unit_test(test_escapes_and_category),
	    cmocka_unit_test(test_export_tricky_texts),
	    cmocka_unit_test(test_export_refuses),
	    cmocka_unit_test(test_parse_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
