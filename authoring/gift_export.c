/*
 * Writing questions as GIFT. The layout is Moodle's own export (name, text,
 * then one answer a line inside the braces), with two differences that make
 * the output read back exactly: newlines inside texts are written as \n so
 * every question stays one block, and the answer block always comes last, so
 * a missing-word stem keeps its "_____" as text.
 *
 * Some questions cannot be said in GIFT at all (a matching left side holding
 * "->", a weight above 100% with decimals); gift_export() reports those
 * instead of writing something that reads back differently.
 */
#include "authoring/gift.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* Writes s with GIFT's reserved characters escaped and newlines as \n. */
static void put_escaped(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') {
			strbuf_addstr(out, "\\n");
			continue;
		}
		if (strchr("\\:#=~{}", *s))
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
}

/* True when Moodle would take the start of s for a [format] tag and strip it. */
static bool starts_with_format_tag(const char *s)
{
	static const char *const tags[] = {"[moodle]", "[html]", "[plain]", "[markdown]"};

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		if (strncmp(s, tags[i], strlen(tags[i])) == 0)
			return true;
	}
	return false;
}

/* Writes a text that the reader passes through parse_text_with_format(). */
static void put_text(struct strbuf *out, const char *s, enum question_format format, bool tag)
{
	if (tag || starts_with_format_tag(s))
		strbuf_addf(out, "[%s]", question_format_name(format));
	put_escaped(out, s);
}

static void put_feedback(struct strbuf *out, const char *feedback, enum question_format format)
{
	if (feedback[0] == '\0')
		return;
	strbuf_addch(out, '#');
	put_text(out, feedback, format, false);
}

static void put_general_feedback(struct strbuf *out, const struct question *q, const char *indent)
{
	if (q->general_feedback == NULL || q->general_feedback[0] == '\0')
		return;
	strbuf_addf(out, "%s####", indent);
	put_text(out, q->general_feedback, q->format, false);
	if (indent[0])
		strbuf_addch(out, '\n');
}

/*
 * Writes fraction as the N of a %N% weight: the shortest plain decimal that
 * reads back to the same fraction (the reader divides N by 100 and keeps 15
 * significant digits, so every fraction read from GIFT has one), else the
 * closest one to 13 decimals. Moodle's
 * weight pattern allows at most two digits before a decimal point.
 */
static int put_weight(struct strbuf *out, double fraction, char **cause)
{
	char buf[64], near[64] = "";

	for (int prec = 0; prec <= 20; prec++) {
		const char *dot;
		int len = snprintf(buf, sizeof(buf), "%.*f", prec, fraction * 100);

		if (len < 0 || (size_t)len >= sizeof(buf))
			break;
		dot = strchr(buf, '.');
		if (dot && dot - buf - (buf[0] == '-') > 2)
			break;
		if (prec == 13)
			memcpy(near, buf, (size_t)len + 1);
		if (question_number_canonical(strtod(buf, NULL) / 100) != fraction)
			continue;
		strbuf_addf(out, "%%%s%%", buf);
		return 0;
	}
	if (near[0] && isfinite(fraction)) {
		size_t len = strlen(near);

		while (len > 1 && near[len - 1] == '0')
			near[--len] = '\0';
		if (near[len - 1] == '.')
			near[--len] = '\0';
		strbuf_addf(out, "%%%s%%", near);
		return 0;
	}
	*cause = xasprintf("weight %g%% cannot be written in GIFT", fraction * 100);
	return -1;
}

/* Writes into buf (64 bytes) the shortest number that reads back to x. */
static void format_number(char *buf, double x)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, 64, "%.*g", prec, x);
		if (question_number_canonical(strtod(buf, NULL)) == question_number_canonical(x))
			break;
	}
}

/*
 * Writes a range as Moodle does, value:tolerance, when that reads back to
 * exactly min and max, else as min..max; a single value alone.
 */
static void put_range(struct strbuf *out, double min, double max)
{
	char a[64], b[64], lo[64], hi[64];
	double mid = min / 2 + max / 2, tol = max / 2 - min / 2, x, t;

	format_number(lo, min);
	if (min == max) {
		strbuf_addstr(out, lo);
		return;
	}
	format_number(hi, max);
	format_number(a, mid);
	format_number(b, tol);
	x = strtod(a, NULL);
	t = strtod(b, NULL);
	/* The shorter of the two exact forms, value:tolerance on a tie. */
	if (isfinite(x) && isfinite(t) && question_number_canonical(x - fabs(t)) == min &&
	    question_number_canonical(x + fabs(t)) == max &&
	    strlen(a) + strlen(b) <= strlen(lo) + strlen(hi) + 1)
		strbuf_addf(out, "%s:%s", a, b);
	else
		strbuf_addf(out, "%s..%s", lo, hi);
}

static int put_choices(struct strbuf *out, const struct question *q, char **cause)
{
	bool eq_done = false;

	for (size_t i = 0; i < q->n_answers; i++) {
		const struct question_answer *a = &q->answers[i];

		strbuf_addch(out, '\t');
		if (q->type == QUESTION_SINGLE && a->fraction == 1 && !eq_done) {
			strbuf_addch(out, '=');
			eq_done = true;
		} else {
			strbuf_addch(out, '~');
			if ((a->fraction != 0 || a->text[0] == '%') &&
			    put_weight(out, a->fraction, cause) < 0)
				return -1;
		}
		put_text(out, a->text, q->format, false);
		put_feedback(out, a->feedback, q->format);
		strbuf_addch(out, '\n');
	}
	if (q->type == QUESTION_SINGLE && !eq_done) {
		*cause = xstrdup("a single-answer question needs an answer worth 100%");
		return -1;
	}
	if (q->n_answers < 2) {
		*cause = xstrdup("a multiple-choice question needs at least two answers");
		return -1;
	}
	return 0;
}

static int put_shortanswer(struct strbuf *out, const struct question *q, char **cause)
{
	bool arrow = false;

	for (size_t i = 0; i < q->n_answers; i++)
		arrow |= strstr(q->answers[i].text, "->") || strstr(q->answers[i].feedback, "->");
	if (arrow && q->n_answers != 1) {
		*cause = xstrdup("a short answer or its feedback holds '->', which GIFT would read "
				 "as a matching pair");
		return -1;
	}
	if (q->n_answers == 0) {
		*cause = xstrdup("a short-answer question needs an answer");
		return -1;
	}
	/* One answer can be written without '=', which keeps "->" from meaning matching. */
	if (arrow) {
		const struct question_answer *a = &q->answers[0];

		if ((a->fraction != 1 || a->text[0] == '%') &&
		    put_weight(out, a->fraction, cause) < 0)
			return -1;
		put_text(out, a->text, q->format, false);
		put_feedback(out, a->feedback, q->format);
		put_general_feedback(out, q, "");
		return 0;
	}
	strbuf_addch(out, '\n');
	for (size_t i = 0; i < q->n_answers; i++) {
		const struct question_answer *a = &q->answers[i];

		strbuf_addstr(out, "\t=");
		if ((a->fraction != 1 || a->text[0] == '%') &&
		    put_weight(out, a->fraction, cause) < 0)
			return -1;
		put_text(out, a->text, q->format, false);
		put_feedback(out, a->feedback, q->format);
		strbuf_addch(out, '\n');
	}
	put_general_feedback(out, q, "\t");
	return 0;
}

static int put_truefalse(struct strbuf *out, const struct question *q, char **cause)
{
	const struct question_answer *t = NULL, *f = NULL, *right, *wrong;

	for (size_t i = 0; i < q->n_answers; i++) {
		if (strcmp(q->answers[i].text, "true") == 0)
			t = &q->answers[i];
		else if (strcmp(q->answers[i].text, "false") == 0)
			f = &q->answers[i];
	}
	if (q->n_answers != 2 || !t || !f || t->fraction + f->fraction != 1 ||
	    (t->fraction != 1 && f->fraction != 1)) {
		*cause = xstrdup("a true/false question needs the answers \"true\" and \"false\", "
				 "one of them worth 100%");
		return -1;
	}
	right = t->fraction == 1 ? t : f;
	wrong = t->fraction == 1 ? f : t;
	strbuf_addstr(out, t->fraction == 1 ? "TRUE" : "FALSE");
	if (wrong->feedback[0] || right->feedback[0]) {
		strbuf_addch(out, '#');
		put_text(out, wrong->feedback, q->format, false);
	}
	put_feedback(out, right->feedback, q->format);
	put_general_feedback(out, q, "");
	return 0;
}

static int put_matching(struct strbuf *out, const struct question *q, char **cause)
{
	strbuf_addch(out, '\n');
	for (size_t i = 0; i < q->n_pairs; i++) {
		if (strstr(q->pairs[i].left, "->")) {
			*cause = xstrdup("the left side of a matching pair holds '->'");
			return -1;
		}
		strbuf_addstr(out, "\t=");
		put_text(out, q->pairs[i].left, q->format, false);
		strbuf_addstr(out, " -> ");
		put_escaped(out, q->pairs[i].right);
		strbuf_addch(out, '\n');
	}
	put_general_feedback(out, q, "\t");
	return 0;
}

static int put_numerical(struct strbuf *out, const struct question *q, char **cause)
{
	strbuf_addstr(out, "#\n");
	for (size_t i = 0; i < q->n_numbers; i++) {
		const struct question_number *n = &q->numbers[i];

		strbuf_addch(out, '\t');
		/* Everything after a '~' is the catch-all, so only the last one may use it. */
		if (!n->has_range && n->fraction == 0 && i + 1 == q->n_numbers) {
			strbuf_addch(out, '~');
			strbuf_addch(out, '#');
			put_text(out, n->feedback, q->format, false);
			strbuf_addch(out, '\n');
			continue;
		}
		strbuf_addch(out, '=');
		if (n->fraction != 1 && put_weight(out, n->fraction, cause) < 0)
			return -1;
		if (!n->has_range) {
			strbuf_addch(out, '*');
		} else {
			put_range(out, n->min, n->max);
		}
		put_feedback(out, n->feedback, q->format);
		strbuf_addch(out, '\n');
	}
	put_general_feedback(out, q, "\t");
	return 0;
}

/* Whether the stem needs its [format] tag even in the default format. */
static bool stem_needs_tag(const struct question *q)
{
	const char *stem = q->stem ? q->stem : "";

	if (q->format != QUESTION_FORMAT_MOODLE || starts_with_format_tag(stem))
		return true;
	if (q->id)
		return false;
	/* Without a name, the line must not read as a comment, a blank line, "0",
	 * or (first in the file) a byte order mark. */
	return strncmp(stem, "//", 2) == 0 || strncmp(stem, "\xef\xbb\xbf", 3) == 0 ||
	       (q->type == QUESTION_DESCRIPTION && (stem[0] == '\0' || strcmp(stem, "0") == 0));
}

static int put_question(struct strbuf *out, const struct question *q, char **cause)
{
	int rc = 0;

	if (q->id) {
		strbuf_addstr(out, "::");
		put_escaped(out, q->id);
		strbuf_addstr(out, "::");
	}
	put_text(out, q->stem ? q->stem : "", q->format, stem_needs_tag(q));
	if (q->type == QUESTION_DESCRIPTION) {
		strbuf_addch(out, '\n');
		return 0;
	}
	strbuf_addch(out, '{');
	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_MULTI:
		strbuf_addch(out, '\n');
		rc = put_choices(out, q, cause);
		put_general_feedback(out, q, "\t");
		break;
	case QUESTION_TRUEFALSE:
		rc = put_truefalse(out, q, cause);
		break;
	case QUESTION_SHORTANSWER:
		rc = put_shortanswer(out, q, cause);
		break;
	case QUESTION_MATCHING:
		rc = put_matching(out, q, cause);
		break;
	case QUESTION_NUMERICAL:
		rc = put_numerical(out, q, cause);
		break;
	case QUESTION_ESSAY:
	case QUESTION_DESCRIPTION:
		put_general_feedback(out, q, "");
		break;
	}
	strbuf_addstr(out, "}\n");
	return rc;
}

int gift_export(const struct question *questions, size_t n, struct strbuf *out, char **cause)
{
	const char *category = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct question *q = &questions[i];
		char *why = NULL;

		if (q->category == NULL && category != NULL) {
			*cause =
			    xasprintf("question %zu has no category after one with a category; "
				      "GIFT cannot go back to none",
				      i + 1);
			return -1;
		}
		if (q->category && (category == NULL || strcmp(q->category, category) != 0)) {
			strbuf_addstr(out, "$CATEGORY: ");
			put_escaped(out, q->category);
			strbuf_addstr(out, "\n\n");
			category = q->category;
		}
		if (put_question(out, q, &why) < 0) {
			*cause = xasprintf("question %zu%s%s%s: %s", i + 1, q->id ? " (" : "",
					   q->id ? q->id : "", q->id ? ")" : "", why);
			free(why);
			return -1;
		}
		strbuf_addch(out, '\n');
	}
	return 0;
}
