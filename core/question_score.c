/*
 * Scoring with Moodle's rules, and the matching of typed answers that it
 * needs: short answers with Moodle's case-insensitive wildcard compare,
 * numbers with a decimal point or comma. See question.h.
 */
#include "question.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xmalloc.h"

static bool type_has_answers(enum question_type t)
{
	return t == QUESTION_SINGLE || t == QUESTION_MULTI || t == QUESTION_TRUEFALSE ||
	       t == QUESTION_SHORTANSWER;
}

bool question_is_scored(const struct question *q)
{
	return q->type != QUESTION_ESSAY && q->type != QUESTION_DESCRIPTION;
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* PHP's trim() set, which Moodle applies to typed responses. */
static bool is_trim_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\v';
}

/*
 * Decodes one UTF-8 sequence at s (n bytes left, n > 0) into *cp and returns
 * its length. A byte that does not start a valid sequence decodes alone to a
 * private value, so invalid input still compares byte by byte.
 */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		goto invalid;
	}
	if (len > n)
		goto invalid;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto invalid;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		goto invalid;
	*cp = c;
	return len;
invalid:
	*cp = 0x110000u + s[0];
	return 1;
}

/* Simple case folding for the scripts a Swedish kiosk meets. */
static uint32_t fold_case(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0xc0)
		return c;
	if (c <= 0xde)
		return c == 0xd7 ? c : c + 32;
	if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return (c % 2 == 0) ? c + 1 : c;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c % 2 == 1) ? c + 1 : c;
	if (c == 0x130)
		return 'i';
	if (c == 0x178)
		return 0xff;
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

#define GLOB_STAR UINT32_MAX

/* Decodes and case-folds s[0..n); returns a new array (caller frees) of *len entries. */
static uint32_t *fold_text(const char *s, size_t n, bool pattern, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t *out = xreallocarray(NULL, n + 1, sizeof(*out));
	size_t k = 0, i = 0;

	while (i < n) {
		uint32_t cp;

		if (pattern && p[i] == '\\' && i + 1 < n && p[i + 1] == '*') {
			out[k++] = '*';
			i += 2;
			continue;
		}
		if (pattern && p[i] == '*') {
			if (k == 0 || out[k - 1] != GLOB_STAR)
				out[k++] = GLOB_STAR;
			i++;
			continue;
		}
		i += utf8_decode(p + i, n - i, &cp);
		out[k++] = fold_case(cp);
	}
	*len = k;
	return out;
}

/*
 * Moodle turns a short answer into the regular expression ^bit.*bit$ with the
 * u and i flags, so a star matches any run of characters except a newline.
 * This is the same match, done as dynamic programming over the response.
 */
static bool glob_match(const uint32_t *pat, size_t np, const uint32_t *s, size_t ns)
{
	bool *row = xcalloc(ns + 1, sizeof(*row));
	bool *next = xcalloc(ns + 1, sizeof(*next));
	bool result;

	row[0] = true;
	for (size_t i = 0; i < np; i++) {
		if (pat[i] == GLOB_STAR) {
			next[0] = row[0];
			for (size_t j = 1; j <= ns; j++)
				next[j] = row[j] || (next[j - 1] && s[j - 1] != '\n');
		} else {
			next[0] = false;
			for (size_t j = 1; j <= ns; j++)
				next[j] = row[j - 1] && s[j - 1] == pat[i];
		}
		bool *tmp = row;
		row = next;
		next = tmp;
	}
	result = row[ns];
	free(row);
	free(next);
	return result;
}

int question_find_answer(const struct question *q, const char *response)
{
	size_t start = 0, end, ns;
	uint32_t *s;
	int found = -1;

	if (response == NULL || q->type != QUESTION_SHORTANSWER)
		return -1;
	end = strlen(response);
	while (start < end && is_trim_space((unsigned char)response[start]))
		start++;
	while (end > start && is_trim_space((unsigned char)response[end - 1]))
		end--;
	s = fold_text(response + start, end - start, false, &ns);
	for (size_t i = 0; i < q->n_answers && found < 0; i++) {
		size_t np;
		uint32_t *pat =
		    fold_text(q->answers[i].text, strlen(q->answers[i].text), true, &np);

		if (glob_match(pat, np, s, ns))
			found = (int)i;
		free(pat);
	}
	free(s);
	return found;
}

int question_parse_number(const char *text, double *out)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)text;
	size_t digits = 0;
	char *end;
	int rc = -1;

	while (is_trim_space(*p) && *p)
		p++;
	if (*p == '+' || *p == '-')
		strbuf_addch(&sb, (char)*p++);
	for (;;) {
		if (*p >= '0' && *p <= '9') {
			strbuf_addch(&sb, (char)*p++);
			digits++;
			continue;
		}
		/* One space, no-break space or narrow no-break space between digit groups. */
		size_t skip = *p == ' '                                        ? 1
			      : (p[0] == 0xc2 && p[1] == 0xa0)                 ? 2
			      : (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf) ? 3
									       : 0;
		if (skip && digits && p[skip] >= '0' && p[skip] <= '9') {
			p += skip;
			continue;
		}
		break;
	}
	if (*p == '.' || *p == ',') {
		strbuf_addch(&sb, '.');
		p++;
		while (*p >= '0' && *p <= '9') {
			strbuf_addch(&sb, (char)*p++);
			digits++;
		}
	}
	if (digits == 0)
		goto cleanup;
	if (*p == 'e' || *p == 'E') {
		const unsigned char *e = p + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (*e >= '0' && *e <= '9') {
			strbuf_add(&sb, p, (size_t)(e - p));
			p = e;
			while (*p >= '0' && *p <= '9')
				strbuf_addch(&sb, (char)*p++);
		}
	}
	while (*p && is_trim_space(*p))
		p++;
	if (*p != '\0')
		goto cleanup;
	*out = strtod(sb.buf, &end);
	if (*end != '\0' || !isfinite(*out))
		goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&sb);
	return rc;
}

/* Moodle widens each range a little so that 0.1 + 0.2 still equals 0.3. */
static bool number_accepts(const struct question_number *n, double x)
{
	double eps_lo = 1e-12 * fmax(1.0, fabs(n->min));
	double eps_hi = 1e-12 * fmax(1.0, fabs(n->max));

	if (!n->has_range)
		return true;
	return x >= n->min - eps_lo && x <= n->max + eps_hi;
}

int question_find_number(const struct question *q, const char *response)
{
	double x;

	if (response == NULL || q->type != QUESTION_NUMERICAL ||
	    question_parse_number(response, &x) < 0)
		return -1;
	for (size_t i = 0; i < q->n_numbers; i++) {
		if (number_accepts(&q->numbers[i], x))
			return (int)i;
	}
	return -1;
}

static double score_multi(const struct question *q, const struct question_response *r)
{
	double sum = 0;

	for (size_t i = 0; i < r->n_chosen; i++) {
		size_t k = r->chosen[i];
		bool seen = false;

		if (k >= q->n_answers)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = r->chosen[j] == k;
		if (!seen)
			sum += q->answers[k].fraction;
	}
	return clamp01(sum);
}

static double score_matching(const struct question *q, const struct question_response *r)
{
	size_t items = 0, right = 0;

	for (size_t i = 0; i < q->n_pairs; i++) {
		int j;

		if (q->pairs[i].left[0] == '\0')
			continue;
		items++;
		if (i >= r->n_match || r->match == NULL)
			continue;
		j = r->match[i];
		/* Moodle offers equal right-hand texts once, so either pair's counts. */
		if (j >= 0 && (size_t)j < q->n_pairs &&
		    strcmp(q->pairs[j].right, q->pairs[i].right) == 0)
			right++;
	}
	return items ? (double)right / (double)items : 0;
}

double question_score(const struct question *q, const struct question_response *r)
{
	int k;

	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
		if (r->n_chosen == 0 || r->chosen == NULL || r->chosen[0] >= q->n_answers)
			return 0;
		return clamp01(q->answers[r->chosen[0]].fraction);
	case QUESTION_MULTI:
		return r->chosen ? score_multi(q, r) : 0;
	case QUESTION_SHORTANSWER:
		k = question_find_answer(q, r->text);
		return k < 0 ? 0 : clamp01(q->answers[k].fraction);
	case QUESTION_NUMERICAL:
		k = question_find_number(q, r->text);
		return k < 0 ? 0 : clamp01(q->numbers[k].fraction);
	case QUESTION_MATCHING:
		return score_matching(q, r);
	case QUESTION_ESSAY:
	case QUESTION_DESCRIPTION:
		break;
	}
	return QUESTION_UNSCORED;
}

int question_best_answer(const struct question *q)
{
	int best = -1;

	if (type_has_answers(q->type)) {
		for (size_t i = 0; i < q->n_answers; i++) {
			if (best < 0 || q->answers[i].fraction > q->answers[best].fraction)
				best = (int)i;
		}
	} else if (q->type == QUESTION_NUMERICAL) {
		for (size_t i = 0; i < q->n_numbers; i++) {
			if (best < 0 || q->numbers[i].fraction > q->numbers[best].fraction)
				best = (int)i;
		}
	}
	return best;
}

const char *question_response_feedback(const struct question *q, const struct question_response *r)
{
	int k;

	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
		if (r->n_chosen == 0 || r->chosen == NULL || r->chosen[0] >= q->n_answers)
			return NULL;
		return q->answers[r->chosen[0]].feedback;
	case QUESTION_SHORTANSWER:
		k = question_find_answer(q, r->text);
		return k < 0 ? NULL : q->answers[k].feedback;
	case QUESTION_NUMERICAL:
		k = question_find_number(q, r->text);
		return k < 0 ? NULL : q->numbers[k].feedback;
	default:
		return NULL;
	}
}
