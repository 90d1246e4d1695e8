/*
 * The question model: building, releasing, comparing, JSON in and out.
 * Scoring is in question_score.c. See question.h for the invariants.
 */
#include "question.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static const char *const type_names[] = {
    [QUESTION_SINGLE] = "single",       [QUESTION_MULTI] = "multi",
    [QUESTION_TRUEFALSE] = "truefalse", [QUESTION_SHORTANSWER] = "shortanswer",
    [QUESTION_MATCHING] = "matching",   [QUESTION_NUMERICAL] = "numerical",
    [QUESTION_ESSAY] = "essay",         [QUESTION_DESCRIPTION] = "description",
};

static const char *const format_names[] = {
    [QUESTION_FORMAT_MOODLE] = "moodle",
    [QUESTION_FORMAT_HTML] = "html",
    [QUESTION_FORMAT_PLAIN] = "plain",
    [QUESTION_FORMAT_MARKDOWN] = "markdown",
};

#define N_TYPES   (sizeof(type_names) / sizeof(type_names[0]))
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
	double r;

	if (!isfinite(x) || x == 0)
		return x == 0 ? 0.0 : x;
	snprintf(buf, sizeof(buf), "%.15g", x);
	r = strtod(buf, NULL);
	/* Near DBL_MAX, rounding up overflows: take the largest 15-digit number. */
	return isfinite(r) ? r : copysign(1.79769313486231e308, x);
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
			json_check(
			    cJSON_AddStringToObject(item, "feedback", q->answers[i].feedback));
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
	char *out = xjson_print(obj);

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
	static const cJSON empty = {.type = cJSON_Array};

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
	cJSON_ArrayForEach(item, list)
	{
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
	cJSON_ArrayForEach(item, list)
	{
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
	cJSON_ArrayForEach(item, list)
	{
		const cJSON *min, *max;
		double lo = 0, hi = 0, fraction;
		bool has_range;

		if (!cJSON_IsObject(item)) {
			*cause = xstrdup("an entry of \"numbers\" is not an object");
			return -1;
		}
		min = cJSON_GetObjectItemCaseSensitive(item, "min");
		max = cJSON_GetObjectItemCaseSensitive(item, "max");
		has_range =
		    !(min == NULL || cJSON_IsNull(min)) || !(max == NULL || cJSON_IsNull(max));
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
