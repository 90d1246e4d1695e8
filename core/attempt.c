/* Attempts and responses; see attempt.h for the invariants. */
#include "attempt.h"

#include <cJSON.h>
#include <math.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "leitner.h"
#include "store_internal.h"
#include "xmalloc.h"

static const char *const kind_names[] = {"pre", "quiz", "refresh"};

/* One question as the planner sees it. */
struct cand {
	long long version_id;
	enum question_type type;
	size_t n_answers, n_pairs;
};

const char *attempt_kind_name(enum attempt_kind kind)
{
	return kind_names[kind];
}

static int kind_parse(const char *s, enum attempt_kind *out)
{
	for (size_t i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (s && strcmp(s, kind_names[i]) == 0) {
			*out = (enum attempt_kind)i;
			return 0;
		}
	}
	return -1;
}

static void shuffle_ints(int *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = randombytes_uniform((uint32_t)i);
		int t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}

static void item_release(struct attempt_item *it)
{
	free(it->order);
	it->order = NULL;
	it->n_order = 0;
}

void attempt_release(struct attempt *a)
{
	if (a == NULL)
		return;
	free(a->started);
	free(a->finished);
	for (size_t i = 0; i < a->n_items; i++)
		item_release(&a->items[i]);
	free(a->items);
	free(a->draft);
	memset(a, 0, sizeof(*a));
}

/* The order of a question's choices: shuffled for single, multi and matching;
 * true/false keeps true first. */
static void plan_order(const struct cand *c, struct attempt_item *it)
{
	size_t n = 0;

	it->version_id = c->version_id;
	if (c->type == QUESTION_SINGLE || c->type == QUESTION_MULTI)
		n = c->n_answers;
	else if (c->type == QUESTION_MATCHING)
		n = c->n_pairs;
	it->n_order = n;
	it->order = NULL;
	if (n == 0)
		return;
	it->order = xreallocarray(NULL, n, sizeof(int));
	for (size_t k = 0; k < n; k++)
		it->order[k] = (int)k;
	shuffle_ints(it->order, n);
}

static char *plan_to_json(const struct attempt *a)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *items = cJSON_AddArrayToObject(root, "items");
	char *copy;

	for (size_t i = 0; i < a->n_items; i++) {
		cJSON *it = cJSON_CreateObject();

		cJSON_AddNumberToObject(it, "v", (double)a->items[i].version_id);
		if (a->items[i].n_order) {
			cJSON *o = cJSON_AddArrayToObject(it, "o");

			for (size_t k = 0; k < a->items[i].n_order; k++)
				cJSON_AddItemToArray(o, cJSON_CreateNumber(a->items[i].order[k]));
		}
		cJSON_AddItemToArray(items, it);
	}
	copy = xjson_print(root);
	cJSON_Delete(root);
	return copy;
}

/* Reads a plan; a damaged one gives an empty plan and -1. */
static int plan_from_json(const char *text, struct attempt *a)
{
	cJSON *root = text ? cJSON_Parse(text) : NULL;
	cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
	cJSON *at = cJSON_GetObjectItemCaseSensitive(root, "at");
	cJSON *draft = cJSON_GetObjectItemCaseSensitive(root, "draft");
	cJSON *it;
	size_t n = 0;

	if (!cJSON_IsArray(items)) {
		cJSON_Delete(root);
		return -1;
	}
	if (cJSON_IsNumber(at) && at->valuedouble >= 0) {
		a->has_place = true;
		a->place = (size_t)at->valuedouble;
		if (cJSON_IsString(draft) && draft->valuestring[0])
			a->draft = xstrdup(draft->valuestring);
	}
	a->n_items = (size_t)cJSON_GetArraySize(items);
	a->items = a->n_items ? xcalloc(a->n_items, sizeof(*a->items)) : NULL;
	cJSON_ArrayForEach(it, items)
	{
		cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "v");
		cJSON *o = cJSON_GetObjectItemCaseSensitive(it, "o");
		struct attempt_item *dst = &a->items[n++];
		cJSON *k;

		dst->version_id = cJSON_IsNumber(v) ? (long long)v->valuedouble : 0;
		if (cJSON_IsArray(o) && cJSON_GetArraySize(o) > 0) {
			dst->n_order = (size_t)cJSON_GetArraySize(o);
			dst->order = xreallocarray(NULL, dst->n_order, sizeof(int));
			dst->n_order = 0;
			cJSON_ArrayForEach(k, o) dst->order[dst->n_order++] =
			    cJSON_IsNumber(k) ? k->valueint : -1;
		}
	}
	cJSON_Delete(root);
	return 0;
}

/* Reads the row of an attempt query: id, person_id, course_id,
 * course_version, kind, source, started, finished, score, passed, plan. */
static void attempt_from_row(sqlite3_stmt *st, struct attempt *a)
{
	const char *kind = (const char *)sqlite3_column_text(st, 4);
	const char *source = (const char *)sqlite3_column_text(st, 5);

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->person_id = sqlite3_column_int64(st, 1);
	a->course_id = sqlite3_column_int64(st, 2);
	a->course_version = sqlite3_column_int(st, 3);
	if (kind_parse(kind, &a->kind) < 0)
		a->kind = ATTEMPT_QUIZ;
	a->source = source && strcmp(source, "paper") == 0 ? ATTEMPT_PAPER : ATTEMPT_KIOSK;
	a->started = store_column_text(st, 6);
	a->finished = store_column_text(st, 7);
	a->score = sqlite3_column_double(st, 8);
	a->passed = sqlite3_column_int(st, 9) != 0;
	plan_from_json((const char *)sqlite3_column_text(st, 10), a);
}

#define ATTEMPT_COLUMNS                                                                            \
	"SELECT id, person_id, course_id, course_version, kind, source, started, finished,"        \
	" score, passed, plan FROM attempt "

/* Runs a one-row attempt query whose parameters are already bound. */
static int attempt_query_one(struct store *store, sqlite3_stmt *st, struct attempt *out,
			     char **cause)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		attempt_from_row(st, out);
		store_done(st);
		return 1;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading attempt");
	return 0;
}

int attempt_get(struct store *store, long long id, struct attempt *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, ATTEMPT_COLUMNS "WHERE id = ?1", cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return attempt_query_one(store, st, out, cause);
}

int attempt_find_open(struct store *store, long long person_id, long long course_id,
		      struct attempt *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      ATTEMPT_COLUMNS
				      "WHERE person_id = ?1 AND course_id = ?2 AND finished IS NULL"
				      " AND source = 'kiosk' ORDER BY id DESC LIMIT 1",
				      cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	return attempt_query_one(store, st, out, cause);
}

int attempt_find_any_open(struct store *store, long long person_id, struct attempt *out,
			  char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    ATTEMPT_COLUMNS "WHERE person_id = ?1 AND finished IS NULL AND source = 'kiosk'"
			    " ORDER BY coalesce((SELECT max(answered) FROM response r"
			    " WHERE r.attempt_id = attempt.id), started) DESC, id DESC"
			    " LIMIT 1",
	    cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	return attempt_query_one(store, st, out, cause);
}

int attempt_latest_finished(struct store *store, long long person_id, long long course_id,
			    enum attempt_kind kind, struct attempt *out, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       ATTEMPT_COLUMNS "WHERE person_id = ?1 AND course_id = ?2 AND kind = ?3"
				       " AND finished IS NOT NULL ORDER BY finished DESC, id DESC"
				       " LIMIT 1",
		       cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	store_bind_text(st, 3, kind_names[kind]);
	return attempt_query_one(store, st, out, cause);
}

/* The course's current questions in course order. *out is a new array. */
static int load_candidates(struct store *store, long long course_id, struct cand **out, size_t *n,
			   char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT qv.id, qv.body FROM question q"
				      " JOIN question_version qv ON qv.question_id = q.id"
				      "  AND qv.version = q.current_version"
				      " WHERE q.course_id = ?1 AND q.retired = 0"
				      " ORDER BY q.position, q.id",
				      cause);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct question q = {0};
		char *err = NULL;

		if (question_from_json_string((const char *)sqlite3_column_text(st, 1), &q, &err) <
		    0) {
			/* A body the builder wrote is valid JSON; skip one that is not. */
			free(err);
			continue;
		}
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		(*out)[*n].version_id = sqlite3_column_int64(st, 0);
		(*out)[*n].type = q.type;
		(*out)[*n].n_answers = q.n_answers;
		(*out)[*n].n_pairs = q.n_pairs;
		(*n)++;
		question_release(&q);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(store, cause, "reading questions");
	}
	return 0;
}

/* Fills a->items from the candidates following the rules of attempt_start;
 * a refresh takes the order of refresh (the Leitner order of leitner.h). */
static void plan_build(struct attempt *a, const struct cand *c, size_t n, size_t n_pre,
		       const long long *refresh, size_t n_refresh)
{
	size_t *pick = xreallocarray(NULL, n ? n : 1, sizeof(size_t));
	size_t m = 0;

	if (refresh) {
		for (size_t r = 0; r < n_refresh; r++)
			for (size_t i = 0; i < n; i++)
				if (c[i].version_id == refresh[r] && m < n) {
					pick[m++] = i;
					break;
				}
	} else if (a->kind == ATTEMPT_PRE) {
		/* A random subset of the scored questions, kept in course order. */
		int *idx = xreallocarray(NULL, n ? n : 1, sizeof(int));
		bool *take = xcalloc(n ? n : 1, sizeof(bool));
		size_t k = 0;

		for (size_t i = 0; i < n; i++)
			if (c[i].type != QUESTION_ESSAY && c[i].type != QUESTION_DESCRIPTION)
				idx[k++] = (int)i;
		shuffle_ints(idx, k);
		for (size_t i = 0; i < k && i < n_pre; i++)
			take[idx[i]] = true;
		for (size_t i = 0; i < n; i++)
			if (take[i])
				pick[m++] = i;
		free(idx);
		free(take);
	} else {
		/* Groups: a description and the question after it stay together. */
		size_t *start = xreallocarray(NULL, n ? n : 1, sizeof(size_t));
		int *order;
		size_t g = 0;

		for (size_t i = 0; i < n; i++) {
			start[g++] = i;
			while (i + 1 < n && c[i].type == QUESTION_DESCRIPTION)
				i++;
		}
		order = xreallocarray(NULL, g ? g : 1, sizeof(int));
		for (size_t i = 0; i < g; i++)
			order[i] = (int)i;
		shuffle_ints(order, g);
		for (size_t i = 0; i < g; i++) {
			size_t s = start[order[i]];
			size_t e = (size_t)order[i] + 1 < g ? start[order[i] + 1] : n;

			for (size_t j = s; j < e; j++)
				pick[m++] = j;
		}
		free(order);
		free(start);
	}
	a->n_items = m;
	a->items = m ? xcalloc(m, sizeof(*a->items)) : NULL;
	for (size_t i = 0; i < m; i++)
		plan_order(&c[pick[i]], &a->items[i]);
	free(pick);
}

/* Finds an open attempt of a kind inside the caller's transaction. */
static int find_open_kind(struct store *store, long long person_id, long long course_id,
			  enum attempt_kind kind, struct attempt *out, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       ATTEMPT_COLUMNS "WHERE person_id = ?1 AND course_id = ?2 AND kind = ?3"
				       " AND finished IS NULL AND source = 'kiosk'"
				       " ORDER BY id DESC LIMIT 1",
		       cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	store_bind_text(st, 3, kind_names[kind]);
	return attempt_query_one(store, st, out, cause);
}

int attempt_start(struct store *store, long long person_id, long long course_id,
		  enum attempt_kind kind, size_t n_pre, struct attempt *out, char **cause)
{
	struct cand *cands = NULL;
	size_t n_cands = 0;
	sqlite3_stmt *st;
	char *plan = NULL, *now = NULL;
	int found, rc = -1;

	memset(out, 0, sizeof(*out));
	if (store_begin(store, cause) < 0)
		return -1;
	found = find_open_kind(store, person_id, course_id, kind, out, cause);
	if (found != 0) {
		store_rollback(store);
		return found < 0 ? -1 : 0;
	}
	if (load_candidates(store, course_id, &cands, &n_cands, cause) < 0)
		goto cleanup;
	st = store_stmt(store, "SELECT version FROM course WHERE id = ?1", cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, course_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_done(st);
		*cause = xstrdup("no such course");
		goto cleanup;
	}
	out->course_version = sqlite3_column_int(st, 0);
	store_done(st);
	out->person_id = person_id;
	out->course_id = course_id;
	out->kind = kind;
	out->source = ATTEMPT_KIOSK;
	if (kind == ATTEMPT_REFRESH) {
		/* What was wrong last time first (leitner.h). */
		static const long long none[1] = {0};
		long long *ids = NULL;
		size_t n_ids = 0;

		if (leitner_plan(store, person_id, course_id, day_today(), 0, &ids, &n_ids, cause) <
		    0)
			goto cleanup;
		plan_build(out, cands, n_cands, n_pre, ids ? ids : none, n_ids);
		free(ids);
	} else {
		plan_build(out, cands, n_cands, n_pre, NULL, 0);
	}
	plan = plan_to_json(out);
	now = store_now();
	st = store_stmt(store,
			"INSERT INTO attempt (person_id, unit_id, course_id, course_version, kind,"
			" source, started, plan) VALUES (?1, (SELECT unit_id FROM person"
			" WHERE id = ?1), ?2, ?3, ?4, 'kiosk', ?5, ?6)",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	sqlite3_bind_int(st, 3, out->course_version);
	store_bind_text(st, 4, kind_names[kind]);
	store_bind_text(st, 5, now);
	store_bind_text(st, 6, plan);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "starting attempt");
		goto cleanup;
	}
	store_done(st);
	out->id = sqlite3_last_insert_rowid(store->db);
	out->started = now;
	now = NULL;
	if (store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0) {
		store_rollback(store);
		attempt_release(out);
	}
	free(cands);
	free(plan);
	free(now);
	return rc;
}

int attempt_answer(struct store *store, long long attempt_id, size_t position, long long version_id,
		   const char *answer, double mark, char **cause)
{
	sqlite3_stmt *st;
	char *now = NULL;
	int rc = -1, step;

	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store,
			"INSERT INTO response (attempt_id, question_version_id, position, answer,"
			" mark, answered) SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1"
			" FROM attempt WHERE id = ?1 AND finished IS NULL)"
			" ON CONFLICT (attempt_id, question_version_id) DO NOTHING",
			cause);
	if (st == NULL)
		goto cleanup;
	now = store_now();
	sqlite3_bind_int64(st, 1, attempt_id);
	sqlite3_bind_int64(st, 2, version_id);
	sqlite3_bind_int64(st, 3, (long long)position);
	store_bind_text(st, 4, answer);
	if (mark == QUESTION_UNSCORED || isnan(mark))
		sqlite3_bind_null(st, 5);
	else
		sqlite3_bind_double(st, 5, mark);
	store_bind_text(st, 6, now);
	step = sqlite3_step(st);
	store_done(st);
	if (step != SQLITE_DONE) {
		store_fail(store, cause, "saving answer");
		goto cleanup;
	}
	rc = sqlite3_changes(store->db) == 1 ? 0 : 1;
	if (store_commit(store, cause) < 0)
		rc = -1;
cleanup:
	if (rc < 0)
		store_rollback(store);
	free(now);
	return rc;
}

int attempt_save_place(struct store *store, long long attempt_id, size_t position,
		       const char *draft, char **cause)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store,
			"UPDATE attempt SET plan = json_set(plan, '$.at', ?2, '$.draft', ?3)"
			" WHERE id = ?1 AND finished IS NULL AND json_valid(plan)",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, attempt_id);
	sqlite3_bind_int64(st, 2, (long long)position);
	if (draft && *draft)
		store_bind_text(st, 3, draft);
	else
		sqlite3_bind_null(st, 3);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "saving the place in an attempt");
		goto cleanup;
	}
	store_done(st);
	rc = store_commit(store, cause);
cleanup:
	if (rc < 0)
		store_rollback(store);
	return rc;
}

void attempt_responses_free(struct attempt_response **responses, size_t n)
{
	if (*responses == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*responses)[i].answer);
		free((*responses)[i].answered);
	}
	free(*responses);
	*responses = NULL;
}

int attempt_responses(struct store *store, long long attempt_id, struct attempt_response **out,
		      size_t *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT position, question_version_id, answer, mark, answered"
	    " FROM response WHERE attempt_id = ?1 ORDER BY position, question_version_id",
	    cause);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, attempt_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct attempt_response *r;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		r = &(*out)[(*n)++];
		r->position = (size_t)sqlite3_column_int64(st, 0);
		r->version_id = sqlite3_column_int64(st, 1);
		r->answer = store_column_text(st, 2);
		r->mark = sqlite3_column_type(st, 3) == SQLITE_NULL ? QUESTION_UNSCORED
								    : sqlite3_column_double(st, 3);
		r->answered = store_column_text(st, 4);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		attempt_responses_free(out, *n);
		*n = 0;
		return store_fail(store, cause, "reading answers");
	}
	return 0;
}

/* Whether a question version is scored (not an essay or description). */
static int version_scored(struct store *store, long long version_id, bool *scored, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store, "SELECT type FROM question_version WHERE id = ?1", cause);
	const char *type;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, version_id);
	*scored = false;
	if (sqlite3_step(st) == SQLITE_ROW) {
		type = (const char *)sqlite3_column_text(st, 0);
		*scored = type && strcmp(type, "essay") != 0 && strcmp(type, "description") != 0;
	}
	store_done(st);
	return 0;
}

int attempt_record_completion(struct store *store, long long person_id, long long course_id,
			      long long attempt_id, const char *passed_at, double score,
			      char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "INSERT INTO completion (person_id, course_id, attempt_id,"
				      " passed_at, score) VALUES (?1, ?2, ?3, ?4, ?5)",
				      cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	sqlite3_bind_int64(st, 3, attempt_id);
	store_bind_text(st, 4, passed_at);
	sqlite3_bind_double(st, 5, score);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "recording completion");
	return 0;
}

int attempt_finish(struct store *store, struct attempt *a, char **cause)
{
	struct attempt_response *resp = NULL;
	size_t n_resp = 0;
	sqlite3_stmt *st;
	double sum = 0, score;
	size_t scored = 0;
	int pass_mark = 100, rc = -1;
	bool passed;
	char *now = NULL;

	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store, "SELECT finished, score, passed FROM attempt WHERE id = ?1", cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_done(st);
		*cause = xstrdup("no such attempt");
		goto cleanup;
	}
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		/* Already finished (another session did it): report what is stored. */
		free(a->finished);
		a->finished = store_column_text(st, 0);
		a->score = sqlite3_column_double(st, 1);
		a->passed = sqlite3_column_int(st, 2) != 0;
		store_done(st);
		store_rollback(store);
		return 0;
	}
	store_done(st);
	for (size_t i = 0; i < a->n_items; i++) {
		bool s;

		if (version_scored(store, a->items[i].version_id, &s, cause) < 0)
			goto cleanup;
		scored += s;
	}
	if (attempt_responses(store, a->id, &resp, &n_resp, cause) < 0)
		goto cleanup;
	for (size_t i = 0; i < n_resp; i++)
		if (resp[i].mark != QUESTION_UNSCORED)
			sum += resp[i].mark;
	score = scored ? 100.0 * sum / (double)scored : 0;
	/* Two decimals are enough and keep stored figures stable. */
	score = round(score * 100.0) / 100.0;
	st = store_stmt(store, "SELECT pass_mark FROM course WHERE id = ?1", cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, a->course_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		pass_mark = sqlite3_column_int(st, 0);
	store_done(st);
	passed = a->kind != ATTEMPT_PRE && score + 1e-9 >= (double)pass_mark;
	now = store_now();
	st = store_stmt(store,
			"UPDATE attempt SET finished = ?2, score = ?3, passed = ?4,"
			" plan = CASE WHEN json_valid(plan) THEN json_remove(plan, '$.at',"
			" '$.draft') ELSE plan END WHERE id = ?1",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, a->id);
	store_bind_text(st, 2, now);
	sqlite3_bind_double(st, 3, score);
	sqlite3_bind_int(st, 4, passed);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "finishing attempt");
		goto cleanup;
	}
	store_done(st);
	if (passed && a->person_id &&
	    attempt_record_completion(store, a->person_id, a->course_id, a->id, now, score, cause) <
		0)
		goto cleanup;
	if (store_commit(store, cause) < 0)
		goto cleanup;
	free(a->finished);
	a->finished = now;
	now = NULL;
	a->score = score;
	a->passed = passed;
	rc = 0;
cleanup:
	if (rc < 0)
		store_rollback(store);
	attempt_responses_free(&resp, n_resp);
	free(now);
	return rc;
}
