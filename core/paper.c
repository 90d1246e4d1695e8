/*
 * Paper quiz sheets: creating a sheet when it is printed (its code and plan)
 * and loading it again by id or by its scanned code. paper_entry.c reads the
 * keys written on a sheet and records them; see paper.h for the rules.
 */
#include "paper.h"

#include <cJSON.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "store_internal.h"
#include "xmalloc.h"

static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

char paper_key(size_t k)
{
	return k < PAPER_MAX_KEYS ? (char)('A' + k) : '?';
}

bool paper_kind_of(enum question_type type, enum paper_kind *kind)
{
	switch (type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
		*kind = PAPER_ONE;
		return true;
	case QUESTION_MULTI:
		*kind = PAPER_MANY;
		return true;
	case QUESTION_MATCHING:
		*kind = PAPER_PAIRS;
		return true;
	case QUESTION_SHORTANSWER:
	case QUESTION_NUMERICAL:
		*kind = PAPER_WRITE;
		return true;
	case QUESTION_ESSAY:
	case QUESTION_DESCRIPTION:
		break;
	}
	return false;
}

/* --- releasing ------------------------------------------------------------ */

static void item_release(struct paper_item *it)
{
	question_release(&it->q);
	free(it->choice);
	free(it->left);
	free(it->order);
	memset(it, 0, sizeof(*it));
}

void paper_sheet_release(struct paper_sheet *sheet)
{
	if (sheet == NULL)
		return;
	free(sheet->code);
	free(sheet->course_slug);
	free(sheet->course_title);
	free(sheet->person_name);
	free(sheet->employee_no);
	free(sheet->unit_path);
	free(sheet->printed);
	free(sheet->entered);
	for (size_t i = 0; i < sheet->n_items; i++)
		item_release(&sheet->items[i]);
	free(sheet->items);
	memset(sheet, 0, sizeof(*sheet));
}

/* --- the plan -------------------------------------------------------------- */

static void shuffle(int *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = randombytes_uniform((uint32_t)i);
		int t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* The plan of a new sheet as JSON in attempt.plan's form:
 * {"items":[{"v":version_id,"o":[order...]}, ...]}. Newly allocated. */
static char *plan_make(const struct catalog_questions *questions, size_t *n_items)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(root, "items");
	char *copy;

	*n_items = 0;
	for (size_t i = 0; i < questions->n; i++) {
		const struct question *q = &questions->items[i].q;
		enum paper_kind kind;
		cJSON *it;
		size_t n = 0;

		if (!paper_kind_of(q->type, &kind))
			continue;
		if (q->type == QUESTION_SINGLE || q->type == QUESTION_MULTI)
			n = q->n_answers;
		else if (q->type == QUESTION_MATCHING)
			n = q->n_pairs;
		it = cJSON_CreateObject();
		cJSON_AddNumberToObject(it, "v", (double)questions->items[i].version_id);
		if (n > 0) {
			int *order = xreallocarray(NULL, n, sizeof(int));
			cJSON *o = cJSON_AddArrayToObject(it, "o");

			for (size_t k = 0; k < n; k++)
				order[k] = (int)k;
			/* Authors often write the right answer first: never print it there
			 * on every sheet. */
			shuffle(order, n);
			for (size_t k = 0; k < n; k++)
				cJSON_AddItemToArray(o, cJSON_CreateNumber(order[k]));
			free(order);
		}
		cJSON_AddItemToArray(items, it);
		(*n_items)++;
	}
	copy = xjson_print(root);
	cJSON_Delete(root);
	return copy;
}

/* Fills the choices of an item from its question and plan order. */
static void item_layout(struct paper_item *it)
{
	const struct question *q = &it->q;
	size_t n;

	if (!paper_kind_of(q->type, &it->kind))
		it->kind = PAPER_WRITE;
	switch (q->type) {
	case QUESTION_TRUEFALSE:
		/* True first, as the kiosk shows it. */
		it->n_choices = q->n_answers < 2 ? q->n_answers : 2;
		it->choice = xcalloc(2, sizeof(size_t));
		it->choice[0] = 0;
		it->choice[1] = 1;
		break;
	case QUESTION_SINGLE:
	case QUESTION_MULTI:
		n = q->n_answers;
		it->choice = xcalloc(n ? n : 1, sizeof(size_t));
		for (size_t k = 0; k < n; k++) {
			size_t idx = k;

			if (it->n_order == n && it->order[k] >= 0 && (size_t)it->order[k] < n)
				idx = (size_t)it->order[k];
			it->choice[it->n_choices++] = idx;
		}
		break;
	case QUESTION_MATCHING:
		n = q->n_pairs;
		it->choice = xcalloc(n ? n : 1, sizeof(size_t));
		it->left = xcalloc(n ? n : 1, sizeof(size_t));
		for (size_t i = 0; i < n; i++)
			if (q->pairs[i].left[0] != '\0')
				it->left[it->n_left++] = i;
		/* Equal right-hand texts are offered once, as Moodle does. */
		for (size_t k = 0; k < n; k++) {
			size_t idx = k;
			bool seen = false;

			if (it->n_order == n && it->order[k] >= 0 && (size_t)it->order[k] < n)
				idx = (size_t)it->order[k];
			for (size_t c = 0; c < it->n_choices && !seen; c++)
				seen =
				    strcmp(q->pairs[it->choice[c]].right, q->pairs[idx].right) == 0;
			if (!seen)
				it->choice[it->n_choices++] = idx;
		}
		break;
	default:
		break;
	}
}

/* Reads a stored plan into items, loading each question version. */
static int plan_load(struct store *store, const char *text, struct paper_sheet *sheet, char **cause)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
	cJSON *it;
	int rc = -1;

	if (!cJSON_IsArray(items)) {
		*cause = xasprintf("sheet %s: its stored plan is damaged", sheet->code);
		goto cleanup;
	}
	sheet->items = xcalloc((size_t)cJSON_GetArraySize(items) + 1, sizeof(*sheet->items));
	cJSON_ArrayForEach(it, items)
	{
		cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "v");
		cJSON *o = cJSON_GetObjectItemCaseSensitive(it, "o");
		struct paper_item *dst = &sheet->items[sheet->n_items];
		struct catalog_question cq;
		cJSON *k;
		int found;

		memset(&cq, 0, sizeof(cq));
		dst->version_id = cJSON_IsNumber(v) ? (long long)v->valuedouble : 0;
		found = catalog_question_version(store, dst->version_id, &cq, cause);
		if (found < 0)
			goto cleanup;
		if (found == 0) {
			*cause = xasprintf("sheet %s: question version %lld is missing",
					   sheet->code, dst->version_id);
			goto cleanup;
		}
		dst->q = cq.q;
		memset(&cq.q, 0, sizeof(cq.q));
		catalog_question_release(&cq);
		sheet->n_items++;
		if (cJSON_IsArray(o) && cJSON_GetArraySize(o) > 0) {
			dst->order =
			    xreallocarray(NULL, (size_t)cJSON_GetArraySize(o), sizeof(int));
			cJSON_ArrayForEach(k, o) dst->order[dst->n_order++] =
			    cJSON_IsNumber(k) ? k->valueint : -1;
		}
		item_layout(dst);
	}
	rc = 0;
cleanup:
	cJSON_Delete(root);
	return rc;
}

/* --- reading sheets -------------------------------------------------------- */

#define SHEET_SELECT                                                                               \
	"SELECT s.id, s.code, s.course_id, c.slug, c.title, s.course_version, s.pass_mark,"        \
	" IFNULL(s.person_id, 0), p.name, p.employee_no, s.unit_id, u.path, s.printed,"            \
	" IFNULL(s.attempt_id, 0), s.entered, s.plan FROM paper_sheet s"                           \
	" JOIN course c ON c.id = s.course_id LEFT JOIN person p ON p.id = s.person_id"            \
	" LEFT JOIN unit u ON u.id = s.unit_id "

static int sheet_query(struct store *store, sqlite3_stmt *st, struct paper_sheet *out, char **cause)
{
	char *plan;
	int rc = sqlite3_step(st);

	memset(out, 0, sizeof(*out));
	if (rc != SQLITE_ROW) {
		store_done(st);
		return rc == SQLITE_DONE ? 0 : store_fail(store, cause, "reading sheet");
	}
	out->id = sqlite3_column_int64(st, 0);
	out->code = store_column_text(st, 1);
	out->course_id = sqlite3_column_int64(st, 2);
	out->course_slug = store_column_text(st, 3);
	out->course_title = store_column_text(st, 4);
	out->course_version = sqlite3_column_int(st, 5);
	out->pass_mark = sqlite3_column_int(st, 6);
	out->person_id = sqlite3_column_int64(st, 7);
	out->person_name = store_column_text(st, 8);
	out->employee_no = store_column_text(st, 9);
	out->unit_id = sqlite3_column_int64(st, 10);
	out->unit_path = store_column_text(st, 11);
	out->printed = store_column_text(st, 12);
	out->attempt_id = sqlite3_column_int64(st, 13);
	out->entered = store_column_text(st, 14);
	plan = store_column_text(st, 15);
	/* Reset before loading questions: no read transaction stays open. */
	store_done(st);
	rc = plan_load(store, plan, out, cause);
	free(plan);
	if (rc < 0) {
		paper_sheet_release(out);
		return -1;
	}
	return 1;
}

int paper_sheet_get(struct store *store, long long id, struct paper_sheet *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, SHEET_SELECT "WHERE s.id = ?1", cause);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return sheet_query(store, st, out, cause);
}

int paper_sheet_find(struct store *store, const char *typed, enum scancode_status *status,
		     struct paper_sheet *out, char **cause)
{
	struct scancode sc;
	sqlite3_stmt *st;

	memset(out, 0, sizeof(*out));
	*status = scancode_parse(typed, &sc);
	if (*status == SCANCODE_OK && sc.kind != SCANCODE_SHEET)
		*status = SCANCODE_MALFORMED;
	if (*status != SCANCODE_OK)
		return 0;
	st = store_stmt(store, SHEET_SELECT "WHERE s.code = ?1", cause);
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, sc.text);
	return sheet_query(store, st, out, cause);
}

/* --- creating sheets --------------------------------------------------------- */

static char *code_new(void)
{
	char payload[PAPER_CODE_RANDOM + 1];

	for (size_t i = 0; i < PAPER_CODE_RANDOM; i++)
		payload[i] = code_alphabet[randombytes_uniform(sizeof(code_alphabet) - 1)];
	payload[PAPER_CODE_RANDOM] = '\0';
	return scancode_make(SCANCODE_SHEET, payload);
}

static int code_taken(struct store *store, const char *code, bool *taken, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT 1 FROM paper_sheet WHERE code = ?1", cause);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, code);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "checking sheet code");
	*taken = rc == SQLITE_ROW;
	return 0;
}

int paper_sheet_create(struct store *store, const struct catalog_course *course,
		       const struct catalog_questions *questions, long long person_id,
		       long long unit_id, struct paper_sheet *out, char **cause)
{
	sqlite3_stmt *st;
	char *plan = NULL, *code = NULL, *now = NULL;
	size_t n_items = 0;
	bool taken = true;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	plan = plan_make(questions, &n_items);
	if (n_items == 0) {
		*cause = xasprintf("course '%s' has no question that can be answered on paper",
				   course->slug);
		goto cleanup;
	}
	for (size_t i = 0; i < questions->n; i++) {
		const struct question *q = &questions->items[i].q;

		if ((q->type == QUESTION_SINGLE || q->type == QUESTION_MULTI) &&
		    q->n_answers > PAPER_MAX_KEYS) {
			*cause = xasprintf("course '%s': question '%s' has more than %d choices",
					   course->slug, questions->items[i].name, PAPER_MAX_KEYS);
			goto cleanup;
		}
		if (q->type == QUESTION_MATCHING && q->n_pairs > PAPER_MAX_KEYS) {
			*cause = xasprintf("course '%s': question '%s' has more than %d pairs",
					   course->slug, questions->items[i].name, PAPER_MAX_KEYS);
			goto cleanup;
		}
	}
	for (int tries = 0; taken && tries < 16; tries++) {
		free(code);
		code = code_new();
		if (code_taken(store, code, &taken, cause) < 0)
			goto cleanup;
	}
	if (taken) {
		*cause = xstrdup("could not find a free sheet code");
		goto cleanup;
	}
	now = store_now();
	st = store_stmt(
	    store,
	    "INSERT INTO paper_sheet (code, course_id, course_version, pass_mark,"
	    " person_id, unit_id, plan, printed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	    cause);
	if (st == NULL)
		goto cleanup;
	store_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, course->id);
	sqlite3_bind_int(st, 3, course->version);
	sqlite3_bind_int(st, 4, course->pass_mark);
	if (person_id)
		sqlite3_bind_int64(st, 5, person_id);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int64(st, 6, unit_id);
	store_bind_text(st, 7, plan);
	store_bind_text(st, 8, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "recording sheet");
		goto cleanup;
	}
	store_done(st);
	if (paper_sheet_get(store, sqlite3_last_insert_rowid(store->db), out, cause) != 1) {
		if (*cause == NULL)
			*cause = xstrdup("the new sheet could not be read back");
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(plan);
	free(code);
	free(now);
	return rc;
}
