/*
 * The answer block of each GIFT question type; see gift_answers.h. Each
 * function mirrors the matching branch of Moodle's readquestion(), then adds
 * the checks Moodle only makes when it saves the question (a right answer
 * must exist, weights must reach 100%) and warnings for what an author most
 * likely did not mean.
 */
#include "authoring/gift_answers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xmalloc.h"

#define FRACTION_EPS 1e-7

/* The grades Moodle's importer accepts (question_bank::fraction_options_full). */
static const double moodle_grades[] = {
    1.0, 0.9,  0.8333333, 0.8,       0.75,      0.7,   0.6666667, 0.6, 0.5,  0.4, 0.3333333,
    0.3, 0.25, 0.2,       0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0,
};

static void check_grade(struct gift_source *src, size_t pos, double fraction)
{
	for (size_t i = 0; i < sizeof(moodle_grades) / sizeof(moodle_grades[0]); i++) {
		if (fabs(fabs(fraction) - moodle_grades[i]) < 1e-5)
			return;
	}
	gift_source_diag(
	    src, DIAG_WARNING, pos,
	    "weight %g%% is not one of the grades Moodle accepts "
	    "(100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, "
	    "20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0); Moodle would reject it",
	    fraction * 100);
}

/*
 * Reads a %N% weight at the start of *a, advancing *a past it. Returns 1 when
 * there is one, 0 when not, -1 after reporting one Moodle cannot read.
 */
static int read_weight(struct gift_source *src, struct gift_span *a, double *fraction)
{
	struct gift_span rest;
	int rc = gift_span_weight(*a, fraction, &rest);

	if (rc < 0) {
		gift_source_diag(src, DIAG_ERROR, a->c[0].pos,
				 "malformed weight: write %%50%% or %%-50%% with one minus sign");
		return -1;
	}
	if (rc == 0 && a->n > 1 && a->c[0].c == '%' &&
	    gift_span_find(gift_span_sub(*a, 1, a->n), '%', 0) != GIFT_NPOS) {
		gift_source_diag(src, DIAG_WARNING, a->c[0].pos,
				 "this is not a weight Moodle reads (write %%50%% or %%33.33333%%, "
				 "with a decimal point); it is kept as answer text");
	}
	if (rc == 1) {
		check_grade(src, a->c[0].pos, *fraction);
		*a = rest;
	}
	return rc;
}

/*
 * Moodle's commentparser(): text before the first '#', feedback after it,
 * each trimmed and stripped of a [format] tag. Both newly allocated.
 */
static void split_feedback(struct gift_span a, enum question_format format, char **text,
			   char **feedback)
{
	size_t hash = gift_span_find(a, '#', 0);

	*text = gift_span_format_text(gift_span_trim(gift_span_sub(a, 0, hash)), format, NULL);
	if (hash == GIFT_NPOS)
		*feedback = xstrdup("");
	else
		*feedback = gift_span_format_text(gift_span_trim(gift_span_sub(a, hash + 1, a.n)),
						  format, NULL);
}

/* Part 0 (text before the first marker) is dropped when empty, as in Moodle,
 * where PHP's empty() also holds for "0". */
static bool part_is_empty(struct gift_span p)
{
	p = gift_span_trim(p);
	return p.n == 0 || gift_span_equals(p, "0");
}

static void report_missing_feedback(struct gift_source *src, size_t pos, const char *feedback)
{
	if (feedback[0] == '\0')
		gift_source_diag(src, DIAG_WARNING, pos, "answer has no feedback (#...)");
}

/* An error unless the best answer is worth exactly 100%. */
static int check_best(struct gift_source *src, size_t pos, double best)
{
	if (best <= 0) {
		gift_source_diag(src, DIAG_ERROR, pos, "no right answer: no answer is worth 100%%");
		return -1;
	}
	if (fabs(best - 1) > FRACTION_EPS) {
		gift_source_diag(src, DIAG_ERROR, pos,
				 "the best answer is worth %g%%; one answer must be worth 100%%",
				 best * 100);
		return -1;
	}
	return 0;
}

/* ---- multiple choice ---- */

static int check_multichoice(struct gift_source *src, size_t open_pos, const struct question *q)
{
	double best = -INFINITY, total = 0;

	for (size_t i = 0; i < q->n_answers; i++) {
		best = fmax(best, q->answers[i].fraction);
		if (q->answers[i].fraction > 0)
			total += q->answers[i].fraction;
	}
	if (q->type == QUESTION_SINGLE)
		return check_best(src, open_pos, best);
	if (total <= 0) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 "no right answer: no answer has a positive weight");
		return -1;
	}
	/* Moodle rounds the total to two decimals before it compares. */
	if (fabs(round(total * 100) / 100 - 1) > FRACTION_EPS) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 "the positive weights add up to %g%%, not 100%%", total * 100);
		return -1;
	}
	return 0;
}

int gift_answers_multichoice(struct gift_source *src, struct gift_span block, size_t open_pos,
			     struct question *q)
{
	size_t *marks, n, first = 0, errors = src->errors;
	struct gift_span *parts = gift_span_split(block, "~=", "=", &marks, &n);
	int rc = -1;

	/* A '=' anywhere makes it single-answer; the weights do not matter. */
	q->type = gift_span_find(block, '=', 0) != GIFT_NPOS ? QUESTION_SINGLE : QUESTION_MULTI;
	if (part_is_empty(parts[0]))
		first = 1;
	else
		gift_source_diag(src, DIAG_WARNING, marks[0],
				 "text before the first '~' or '=' is read as a wrong answer");
	if (n - first < 2) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 "a multiple-choice question needs at least two answers");
		goto cleanup;
	}
	for (size_t i = first; i < n; i++) {
		struct gift_span a = gift_span_trim(parts[i]), rest;
		double fraction = 0, ignored;
		char *text, *feedback;

		if (a.n > 0 && a.c[0].c == '=' && !a.c[0].lit) {
			fraction = 1;
			a = gift_span_sub(a, 1, a.n);
			if (gift_span_weight(a, &ignored, &rest) == 1)
				gift_source_diag(
				    src, DIAG_WARNING, gift_span_pos(a, 0),
				    "'=' always means 100%%, so this weight is read as "
				    "answer text (write ~%%50%% for a partly right answer)");
		} else if (read_weight(src, &a, &fraction) < 0) {
			continue;
		}
		split_feedback(a, q->format, &text, &feedback);
		if (text[0] == '\0')
			gift_source_diag(src, DIAG_ERROR, marks[i], "empty answer");
		report_missing_feedback(src, marks[i], feedback);
		question_add_answer(q, text, fraction, feedback);
		free(text);
		free(feedback);
	}
	if (src->errors == errors)
		rc = check_multichoice(src, open_pos, q);
cleanup:
	free(parts);
	free(marks);
	return rc;
}

/* ---- matching ---- */

int gift_answers_matching(struct gift_source *src, struct gift_span block, size_t open_pos,
			  struct question *q)
{
	size_t *marks, n, first = 0, errors = src->errors, lefts = 0;
	struct gift_span *parts = gift_span_split(block, "=", "", &marks, &n);
	int rc = -1;

	q->type = QUESTION_MATCHING;
	if (part_is_empty(parts[0]))
		first = 1;
	if (n - first < 2) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 "a matching question needs at least two pairs");
		goto cleanup;
	}
	for (size_t i = first; i < n; i++) {
		struct gift_span a = gift_span_trim(parts[i]);
		size_t arrow = gift_span_find_str(a, "->");
		size_t hash = gift_span_find(a, '#', 0);
		char *left, *right;

		if (arrow == GIFT_NPOS) {
			gift_source_diag(src, DIAG_ERROR, marks[i],
					 "a matching pair needs '->' between its two sides");
			continue;
		}
		if (hash != GIFT_NPOS)
			gift_source_diag(src, DIAG_WARNING, a.c[hash].pos,
					 "matching pairs have no feedback: '#' is part of the text "
					 "(write \\# to say so)");
		left = gift_span_format_text(gift_span_sub(a, 0, arrow), q->format, NULL);
		right = gift_span_text(gift_span_sub(a, arrow + 2, a.n));
		if (right[0] == '\0')
			gift_source_diag(src, DIAG_ERROR, a.c[arrow].pos,
					 "nothing after '->' in this pair");
		if (left[0] != '\0')
			lefts++;
		question_add_pair(q, left, right);
		free(left);
		free(right);
	}
	if (src->errors != errors)
		goto cleanup;
	if (lefts == 0) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 "no right answer: every pair has an empty left side");
		goto cleanup;
	}
	if (lefts == 1)
		gift_source_diag(src, DIAG_WARNING, open_pos,
				 "only one pair to match; Moodle needs at least two");
	rc = 0;
cleanup:
	free(parts);
	free(marks);
	return rc;
}

/* ---- true/false ---- */

int gift_answers_truefalse(struct gift_source *src, struct gift_span block, size_t open_pos,
			   struct question *q)
{
	size_t h1 = gift_span_find(block, '#', 0);
	size_t h2 = h1 == GIFT_NPOS ? GIFT_NPOS : gift_span_find(block, '#', h1 + 1);
	char *answer, *wrong, *right;
	bool is_true;

	q->type = QUESTION_TRUEFALSE;
	answer =
	    gift_span_format_text(gift_span_trim(gift_span_sub(block, 0, h1)), q->format, NULL);
	/* {T#a#b}: a is shown for a wrong choice, b for the right one. */
	wrong = h1 == GIFT_NPOS
		    ? xstrdup("")
		    : gift_span_format_text(gift_span_trim(gift_span_sub(block, h1 + 1, h2)),
					    q->format, NULL);
	right = h2 == GIFT_NPOS
		    ? xstrdup("")
		    : gift_span_format_text(gift_span_trim(gift_span_sub(block, h2 + 1, block.n)),
					    q->format, NULL);
	is_true = strcmp(answer, "T") == 0 || strcmp(answer, "TRUE") == 0;
	question_add_answer(q, "true", is_true ? 1 : 0, is_true ? right : wrong);
	question_add_answer(q, "false", is_true ? 0 : 1, is_true ? wrong : right);
	if (wrong[0] == '\0')
		gift_source_diag(src, DIAG_WARNING, open_pos,
				 "no feedback for a wrong choice (the first #...)");
	if (right[0] == '\0')
		gift_source_diag(src, DIAG_WARNING, open_pos,
				 "no feedback for the right choice (the second #...)");
	free(answer);
	free(wrong);
	free(right);
	return 0;
}

/* ---- short answer ---- */

static bool is_star_only(const char *s)
{
	if (*s == '\0')
		return false;
	while (*s == '*')
		s++;
	return *s == '\0';
}

static void check_shortanswer_style(struct gift_source *src, size_t open_pos, size_t *marks,
				    size_t first, const struct question *q)
{
	static const char *const tf[] = {"t", "true", "f", "false"};

	for (size_t i = 0; i + 1 < q->n_answers; i++) {
		if (is_star_only(q->answers[i].text))
			gift_source_diag(
			    src, DIAG_WARNING, marks[first + i],
			    "the answers after '*' are never reached: the first answer "
			    "that matches gives the mark");
	}
	for (size_t i = 0; q->n_answers == 1 && i < sizeof(tf) / sizeof(tf[0]); i++) {
		if (strcasecmp(q->answers[0].text, tf[i]) == 0)
			gift_source_diag(
			    src, DIAG_WARNING, open_pos,
			    "'%s' makes a short-answer question; a true/false question "
			    "is written T, TRUE, F or FALSE in capitals",
			    q->answers[0].text);
	}
}

int gift_answers_shortanswer(struct gift_source *src, struct gift_span block, size_t open_pos,
			     struct question *q)
{
	size_t *marks, n, first = 0, errors = src->errors;
	struct gift_span *parts = gift_span_split(block, "=", "", &marks, &n);
	double best = -INFINITY;
	int rc = -1;

	q->type = QUESTION_SHORTANSWER;
	if (part_is_empty(parts[0]))
		first = 1;
	if (n - first < 1) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 "no answer: Moodle reads a lone 0 here as nothing (write {=0})");
		goto cleanup;
	}
	for (size_t i = first; i < n; i++) {
		struct gift_span a = gift_span_trim(parts[i]);
		double fraction = 1;
		char *text, *feedback;

		if (read_weight(src, &a, &fraction) < 0)
			continue;
		split_feedback(a, q->format, &text, &feedback);
		if (text[0] == '\0')
			gift_source_diag(src, DIAG_ERROR, marks[i], "empty answer");
		report_missing_feedback(src, marks[i], feedback);
		best = fmax(best, fraction);
		question_add_answer(q, text, fraction, feedback);
		free(text);
		free(feedback);
	}
	if (src->errors != errors || check_best(src, open_pos, best) < 0)
		goto cleanup;
	check_shortanswer_style(src, open_pos, marks, first, q);
	rc = 0;
cleanup:
	free(parts);
	free(marks);
	return rc;
}

/* ---- numerical ---- */

/* Returns a new copy of s[0..n) without surrounding white space; caller frees. */
static char *trimmed_copy(const char *s, size_t n)
{
	static const char space[] = " \t\n\r\v";

	while (n > 0 && strchr(space, s[0])) {
		s++;
		n--;
	}
	while (n > 0 && strchr(space, s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Reads "a..b", "value:tolerance", "value" or "*" (any number) into q. */
static int read_number(struct gift_source *src, size_t pos, const char *text, double fraction,
		       const char *feedback, struct question *q)
{
	const char *dots = strstr(text, ".."), *colon = strchr(text, ':');
	char *a = NULL, *b = NULL;
	double x, y, lo, hi;
	int rc = -1;

	if (dots && dots > text) {
		a = trimmed_copy(text, (size_t)(dots - text));
		b = trimmed_copy(dots + 2, strlen(dots + 2));
	} else if (colon && colon > text) {
		a = trimmed_copy(text, (size_t)(colon - text));
		b = trimmed_copy(colon + 1, strlen(colon + 1));
	} else {
		a = trimmed_copy(text, strlen(text));
	}
	if (b && gift_number(b, &y) < 0) {
		gift_source_diag(src, DIAG_ERROR, pos, "'%s' is not a number", b);
		goto cleanup;
	}
	/* Moodle takes a value it cannot read as '*', which accepts any number. */
	if (!(dots && dots > text) && strcmp(a, "*") == 0) {
		question_add_number(q, false, 0, 0, fraction, feedback);
		rc = 0;
		goto cleanup;
	}
	if (gift_number(a, &x) < 0) {
		gift_source_diag(src, DIAG_ERROR, pos, "'%s' is not a number%s", a,
				 strchr(a, ',') ? " (GIFT writes decimals with a point: 3.14)"
						: "");
		goto cleanup;
	}
	if (dots && dots > text) {
		if (x > y)
			gift_source_diag(src, DIAG_WARNING, pos, "range %s is backwards", text);
		lo = fmin(x, y);
		hi = fmax(x, y);
	} else {
		if (!b)
			y = 0;
		if (y < 0)
			gift_source_diag(src, DIAG_WARNING, pos,
					 "negative tolerance; it is taken as %g", -y);
		lo = x - fabs(y);
		hi = x + fabs(y);
	}
	if (!isfinite(lo) || !isfinite(hi)) {
		gift_source_diag(src, DIAG_ERROR, pos, "number out of range");
		goto cleanup;
	}
	question_add_number(q, true, lo, hi, fraction, feedback);
	rc = 0;
cleanup:
	free(a);
	free(b);
	return rc;
}

/* The '~' catch-all: everything from the first '~' on, feedback after its '#'. */
static void read_catch_all(struct gift_source *src, struct gift_span wrong, struct question *q)
{
	size_t hash = gift_span_find(wrong, '#', 0);
	size_t eq = gift_span_find(wrong, '=', 0);
	char *feedback;

	if (gift_span_trim(gift_span_sub(wrong, 1, hash)).n > 0)
		gift_source_diag(src, DIAG_WARNING, wrong.c[0].pos,
				 "text between '~' and '#' is ignored (write ~#feedback)");
	if (eq != GIFT_NPOS)
		gift_source_diag(src, DIAG_WARNING, wrong.c[eq].pos,
				 "answers after '~' are read as its feedback; put ~#feedback last");
	if (hash == GIFT_NPOS)
		feedback = xstrdup("");
	else
		feedback = gift_span_format_text(
		    gift_span_trim(gift_span_sub(wrong, hash + 1, wrong.n)), q->format, NULL);
	question_add_number(q, false, 0, 0, 0, feedback);
	free(feedback);
}

int gift_answers_numerical(struct gift_source *src, struct gift_span block, size_t open_pos,
			   struct question *q)
{
	struct gift_span body = gift_span_sub(block, 1, block.n), *parts;
	size_t tilde = gift_span_find(body, '~', 0), *marks, n, first = 0, errors = src->errors;
	double best = -INFINITY;
	int rc = -1;

	q->type = QUESTION_NUMERICAL;
	parts = gift_span_split(gift_span_sub(body, 0, tilde), "=", "", &marks, &n);
	if (part_is_empty(parts[0]))
		first = 1;
	if (n - first < 1) {
		gift_source_diag(src, DIAG_ERROR, open_pos,
				 gift_span_equals(gift_span_trim(parts[0]), "0")
				     ? "Moodle cannot read a lone 0 here; write {#=0}"
				     : "a numerical question needs at least one answer");
		goto cleanup;
	}
	for (size_t i = first; i < n; i++) {
		struct gift_span a = gift_span_trim(parts[i]);
		double fraction = 1;
		char *text, *feedback;

		if (read_weight(src, &a, &fraction) < 0)
			continue;
		split_feedback(a, q->format, &text, &feedback);
		if (text[0] == '\0')
			gift_source_diag(src, DIAG_ERROR, marks[i], "empty answer");
		else if (read_number(src, marks[i], text, fraction, feedback, q) == 0)
			best = fmax(best, fraction);
		report_missing_feedback(src, marks[i], feedback);
		free(text);
		free(feedback);
	}
	if (tilde != GIFT_NPOS)
		read_catch_all(src, gift_span_sub(body, tilde, body.n), q);
	if (src->errors != errors || check_best(src, open_pos, best) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(parts);
	free(marks);
	return rc;
}
