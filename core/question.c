/*
 * The question model: building, releasing, comparing, JSON in and out, and
 * Moodle-compatible scoring. See question.h for the invariants.
 */
#include "question.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xmalloc.h"

static const char *const type_names[] = {
	[QUESTION_SINGLE] = "single",
	[QUESTION_MULTI] = "multi",
	[QUESTION_TRUEFALSE] = "truefalse",
	[QUESTION_SHORTANSWER] = "shortanswer",
	[QUESTION_MATCHING] = "matching",
	[QUESTION_NUMERICAL] = "numerical",
	[QUESTION_ESSAY] = "essay",
	[QUESTION_DESCRIPTION] = "description",
};

static const char *const format_names[] = {
	[QUESTION_FORMAT_MOODLE] = "moodle",
	[QUESTION_FORMAT_HTML] = "html",
	[QUESTION_FORMAT_PLAIN] = "plain",
	[QUESTION_FORMAT_MARKDOWN] = "markdown",
};

#define N_TYPES (sizeof(type_names) / sizeof(type_names[0]))
#define N_FORMATS (sizeof(format_names) / sizeof(format_names[0]))

/* ---- building and releasing ---- */

void question_release(struct question *q)
{
	for (size_t i = 0; i < q->n_answers; i++) {
		free(q->answers[i].text);
		free(q->answers[i].feedback);
	}
	for (size_t i = 0; i < q->n_pairs; i++) {
		free(q->pairs[i].left);
		free(q->pairs[i].right);
	}
	for (size_t i = 0; i < q->n_numbers; i++)
		free(q->numbers[i].feedback);
	free(q->answers);
	free(q->pairs);
	free(q->numbers);
	free(q->id);
	free(q->category);
	free(q->stem);
	free(q->general_feedback);
	memset(q, 0, sizeof(*q));
}

double question_number_canonical(double x)
{
	char buf[40];

	if (!isfinite(x) || x == 0)
		return x == 0 ? 0.0 : x;
	snprintf(buf, sizeof(buf), "%.15g", x);
	return strtod(buf, NULL);
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

void question_add_answer(struct question *q, const char *text, double fraction,
			 const char *feedback)
{
	struct question_answer *a;

	q->answers = xreallocarray(q->answers, q->n_answers + 1, sizeof(*q->answers));
	a = &q->answers[q->n_answers++];
	a->text = dup_or_empty(text);
	a->fraction = question_number_canonical(fraction);
	a->feedback = dup_or_empty(feedback);
}

void question_add_pair(struct question *q, const char *left, const char *right)
{
	struct question_pair *p;

	q->pairs = xreallocarray(q->pairs, q->n_pairs + 1, sizeof(*q->pairs));
	p = &q->pairs[q->n_pairs++];
	p->left = dup_or_empty(left);
	p->right = dup_or_empty(right);
}

void question_add_number(struct question *q, bool has_range, double min, double max,
			 double fraction, const char *feedback)
{
	struct question_number *n;

	q->numbers = xreallocarray(q->numbers, q->n_numbers + 1, sizeof(*q->numbers));
	n = &q->numbers[q->n_numbers++];
	n->has_range = has_range;
	n->min = has_range ? question_number_canonical(min) : 0;
	n->max = has_range ? question_number_canonical(max) : 0;
	n->fraction = question_number_canonical(fraction);
	n->feedback = dup_or_empty(feedback);
}

/* ---- names ---- */

const char *question_type_name(enum question_type type)
{
	return (size_t)type < N_TYPES ? type_names[type] : "single";
}

const char *question_format_name(enum question_format format)
{
	return (size_t)format < N_FORMATS ? format_names[format] : "moodle";
}

int question_type_from_name(const char *name, enum question_type *out)
{
	for (size_t i = 0; name && i < N_TYPES; i++) {
		if (strcmp(name, type_names[i]) == 0) {
			*out = (enum question_type)i;
			return 0;
		}
	}
	return -1;
}

int question_format_from_name(const char *name, enum question_format *out)
{
	for (size_t i = 0; name && i < N_FORMATS; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum question_format)i;
			return 0;
		}
	}
	return -1;
}

/* ---- JSON out ---- */

/* cJSON returns NULL only when malloc fails; treat that like xmalloc does. */
static void *json_check(void *p)
{
	if (p == NULL) {
		fputs("vaksam: out of memory (cJSON)\n", stderr);
		exit(1);
	}
	return p;
}

static void json_add_string_or_null(cJSON *obj, const char *key, const char *s)
{
	if (s)
		json_check(cJSON_AddStringToObject(obj, key, s));
	else
		json_check(cJSON_AddNullToObject(obj, key));
}

/* Adds a number, written as 0 when it is -0 so equal questions print the same. */
static void json_add_number(cJSON *obj, const char *key, double x)
{
	json_check(cJSON_AddNumberToObject(obj, key, x == 0 ? 0.0 : x));
}

static bool type_has_answers(enum question_type t)
{
	return t == QUESTION_SINGLE || t == QUESTION_MULTI || t == QUESTION_TRUEFALSE ||
	       t == QUESTION_SHORTANSWER;
}

cJSON *question_to_json(const struct question *q)
{
	cJSON *obj = json_check(cJSON_CreateObject());
	cJSON *list, *item;

	json_add_string_or_null(obj, "id", q->id);
	json_add_string_or_null(obj, "category", q->category);
	json_check(cJSON_AddStringToObject(obj, "type", question_type_name(q->type)));
	json_check(cJSON_AddStringToObject(obj, "format", question_format_name(q->format)));
	json_check(cJSON_AddStringToObject(obj, "stem", q->stem ? q->stem : ""));
	json_check(cJSON_AddStringToObject(obj, "general_feedback",
					   q->general_feedback ? q->general_feedback : ""));
	if (type_has_answers(q->type)) {
		list = json_check(cJSON_AddArrayToObject(obj, "answers"));
		for (size_t i = 0; i < q->n_answers; i++) {
			item = json_check(cJSON_CreateObject());
			cJSON_AddItemToArray(list, item);
			json_check(cJSON_AddStringToObject(item, "text", q->answers[i].text));
			json_add_number(item, "fraction", q->answers[i].fraction);
			json_check(cJSON_AddStringToObject(item, "feedback", q->answers[i].feedback));
		}
	} else if (q->type == QUESTION_MATCHING) {
		list = json_check(cJSON_AddArrayToObject(obj, "pairs"));
		for (size_t i = 0; i < q->n_pairs; i++) {
			item = json_check(cJSON_CreateObject());
			cJSON_AddItemToArray(list, item);
			json_check(cJSON_AddStringToObject(item, "left", q->pairs[i].left));
			json_check(cJSON_AddStringToObject(item, "right", q->pairs[i].right));
		}
	} else if (q->type == QUESTION_NUMERICAL) {
		list = json_check(cJSON_AddArrayToObject(obj, "numbers"));
		for (size_t i = 0; i < q->n_numbers; i++) {
			const struct question_number *n = &q->numbers[i];

			item = json_check(cJSON_CreateObject());
			cJSON_AddItemToArray(list, item);
			if (n->has_range) {
				json_add_number(item, "min", n->min);
				json_add_number(item, "max", n->max);
			} else {
				json_check(cJSON_AddNullToObject(item, "min"));
				json_check(cJSON_AddNullToObject(item, "max"));
			}
			json_add_number(item, "fraction", n->fraction);
			json_check(cJSON_AddStringToObject(item, "feedback", n->feedback));
		}
	}
	return obj;
}

char *question_to_json_string(const struct question *q)
{
	cJSON *obj = question_to_json(q);
	char *printed = json_check(cJSON_PrintUnformatted(obj));
	char *out = xstrdup(printed);

	cJSON_free(printed);
	cJSON_Delete(obj);
	return out;
}

/* ---- JSON in ---- */

/*
 * Reads obj[key] as a string. Missing or null gives def (which may be NULL);
 * another type is an error. Returns 0 and sets *out to a new copy or NULL.
 */
static int json_get_text(const cJSON *obj, const char *key, const char *def, bool null_ok,
			 char **out, char **cause)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (v == NULL || (cJSON_IsNull(v) && null_ok)) {
		*out = def ? xstrdup(def) : NULL;
		return 0;
	}
	if (!cJSON_IsString(v)) {
		*cause = xasprintf("\"%s\" must be a string%s", key, null_ok ? " or null" : "");
		return -1;
	}
	*out = xstrdup(v->valuestring);
	return 0;
}

static int json_get_number(const cJSON *obj, const char *key, double *out, char **cause)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
		*cause = xasprintf("\"%s\" must be a number", key);
		return -1;
	}
	*out = v->valuedouble;
	return 0;
}

static const cJSON *json_get_list(const cJSON *obj, const char *key, char **cause)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	static const cJSON empty = { .type = cJSON_Array };

	if (v == NULL || cJSON_IsNull(v))
		return &empty;
	if (!cJSON_IsArray(v)) {
		*cause = xasprintf("\"%s\" must be a list", key);
		return NULL;
	}
	return v;
}

static int json_read_answers(const cJSON *obj, struct question *q, char **cause)
{
	const cJSON *list = json_get_list(obj, "answers", cause);
	const cJSON *item;
	char *text = NULL, *feedback = NULL;
	double fraction;

	if (list == NULL)
		return -1;
	cJSON_ArrayForEach(item, list) {
		if (!cJSON_IsObject(item)) {
			*cause = xstrdup("an entry of \"answers\" is not an object");
			return -1;
		}
		if (json_get_text(item, "text", "", false, &text, cause) < 0 ||
		    json_get_number(item, "fraction", &fraction, cause) < 0 ||
		    json_get_text(item, "feedback", "", false, &feedback, cause) < 0) {
			free(text);
			free(feedback);
			return -1;
		}
		question_add_answer(q, text, fraction, feedback);
		free(text);
		free(feedback);
		text = feedback = NULL;
	}
	return 0;
}

static int json_read_pairs(const cJSON *obj, struct question *q, char **cause)
{
	const cJSON *list = json_get_list(obj, "pairs", cause);
	const cJSON *item;
	char *left = NULL, *right = NULL;

	if (list == NULL)
		return -1;
	cJSON_ArrayForEach(item, list) {
		if (!cJSON_IsObject(item)) {
			*cause = xstrdup("an entry of \"pairs\" is not an object");
			return -1;
		}
		if (json_get_text(item, "left", "", false, &left, cause) < 0 ||
		    json_get_text(item, "right", "", false, &right, cause) < 0) {
			free(left);
			free(right);
			return -1;
		}
		question_add_pair(q, left, right);
		free(left);
		free(right);
		left = right = NULL;
	}
	return 0;
}

static int json_read_numbers(const cJSON *obj, struct question *q, char **cause)
{
	const cJSON *list = json_get_list(obj, "numbers", cause);
	const cJSON *item;
	char *feedback = NULL;

	if (list == NULL)
		return -1;
	cJSON_ArrayForEach(item, list) {
		const cJSON *min, *max;
		double lo = 0, hi = 0, fraction;
		bool has_range;

		if (!cJSON_IsObject(item)) {
			*cause = xstrdup("an entry of \"numbers\" is not an object");
			return -1;
		}
		min = cJSON_GetObjectItemCaseSensitive(item, "min");
		max = cJSON_GetObjectItemCaseSensitive(item, "max");
		has_range = !(min == NULL || cJSON_IsNull(min)) || !(max == NULL || cJSON_IsNull(max));
		if (has_range && (json_get_number(item, "min", &lo, cause) < 0 ||
				  json_get_number(item, "max", &hi, cause) < 0))
			return -1;
		if (json_get_number(item, "fraction", &fraction, cause) < 0 ||
		    json_get_text(item, "feedback", "", false, &feedback, cause) < 0)
			return -1;
		question_add_number(q, has_range, lo, hi, fraction, feedback);
		free(feedback);
		feedback = NULL;
	}
	return 0;
}

int question_from_json(const cJSON *json, struct question *out, char **cause)
{
	const cJSON *v;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!cJSON_IsObject(json)) {
		*cause = xstrdup("a question must be a JSON object");
		goto cleanup;
	}
	v = cJSON_GetObjectItemCaseSensitive(json, "type");
	if (!cJSON_IsString(v) || question_type_from_name(v->valuestring, &out->type) < 0) {
		*cause = xstrdup("\"type\" must be one of single, multi, truefalse, shortanswer, "
				 "matching, numerical, essay, description");
		goto cleanup;
	}
	v = cJSON_GetObjectItemCaseSensitive(json, "format");
	if (v != NULL && !cJSON_IsNull(v) &&
	    (!cJSON_IsString(v) || question_format_from_name(v->valuestring, &out->format) < 0)) {
		*cause = xstrdup("\"format\" must be one of moodle, html, plain, markdown");
		goto cleanup;
	}
	if (json_get_text(json, "id", NULL, true, &out->id, cause) < 0 ||
	    json_get_text(json, "category", NULL, true, &out->category, cause) < 0 ||
	    json_get_text(json, "stem", "", false, &out->stem, cause) < 0 ||
	    json_get_text(json, "general_feedback", "", false, &out->general_feedback, cause) < 0)
		goto cleanup;
	if (type_has_answers(out->type) && json_read_answers(json, out, cause) < 0)
		goto cleanup;
	if (out->type == QUESTION_MATCHING && json_read_pairs(json, out, cause) < 0)
		goto cleanup;
	if (out->type == QUESTION_NUMERICAL && json_read_numbers(json, out, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0)
		question_release(out);
	return rc;
}

int question_from_json_string(const char *text, struct question *out, char **cause)
{
	cJSON *json = cJSON_Parse(text);
	int rc;

	if (json == NULL) {
		memset(out, 0, sizeof(*out));
		*cause = xstrdup("not valid JSON");
		return -1;
	}
	rc = question_from_json(json, out, cause);
	cJSON_Delete(json);
	return rc;
}

/* ---- comparing ---- */

static bool str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Compares as JSON does: NULL text and "" are the same where the schema has no null. */
static bool text_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

bool question_equal(const struct question *a, const struct question *b)
{
	if (!str_eq(a->id, b->id) || !str_eq(a->category, b->category) || a->type != b->type ||
	    a->format != b->format || !text_eq(a->stem, b->stem) ||
	    !text_eq(a->general_feedback, b->general_feedback) || a->n_answers != b->n_answers ||
	    a->n_pairs != b->n_pairs || a->n_numbers != b->n_numbers)
		return false;
	for (size_t i = 0; i < a->n_answers; i++) {
		const struct question_answer *x = &a->answers[i], *y = &b->answers[i];

		if (!text_eq(x->text, y->text) || x->fraction != y->fraction ||
		    !text_eq(x->feedback, y->feedback))
			return false;
	}
	for (size_t i = 0; i < a->n_pairs; i++) {
		if (!text_eq(a->pairs[i].left, b->pairs[i].left) ||
		    !text_eq(a->pairs[i].right, b->pairs[i].right))
			return false;
	}
	for (size_t i = 0; i < a->n_numbers; i++) {
		const struct question_number *x = &a->numbers[i], *y = &b->numbers[i];

		if (x->has_range != y->has_range || x->fraction != y->fraction ||
		    !text_eq(x->feedback, y->feedback))
			return false;
		if (x->has_range && (x->min != y->min || x->max != y->max))
			return false;
	}
	return true;
}

/* ---- scoring ---- */

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
	if ((c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14a && c <= 0x177))
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
		uint32_t *pat = fold_text(q->answers[i].text, strlen(q->answers[i].text), true, &np);

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
		size_t skip = *p == ' ' ? 1 : (p[0] == 0xc2 && p[1] == 0xa0) ? 2
			    : (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf) ? 3 : 0;
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

const char *question_response_feedback(const struct question *q,
				       const struct question_response *r)
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
