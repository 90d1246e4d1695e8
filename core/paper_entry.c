/*
 * Keyed paper answers: reading the keys typed for each printed question,
 * marking them, and recording an entered sheet as a finished paper attempt.
 * paper.c prints and loads the sheets; see paper.h for the keys and rules.
 */
#include "paper.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "attempt.h"
#include "audit.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

void paper_answer_release(struct paper_answer *answer)
{
	free(answer->chosen);
	free(answer->match);
	free(answer->text);
	memset(answer, 0, sizeof(*answer));
}

/* --- keys ------------------------------------------------------------------ */

/* Copies the letters of keys upper-cased, skipping spaces and commas; '-'
 * and '?' are kept. Returns -1 with *why for anything else. */
static int keys_normalise(const char *keys, struct strbuf *out, bool allow_dash, char **why)
{
	for (const unsigned char *p = (const unsigned char *)(keys ? keys : ""); *p; p++) {
		if (*p == ' ' || *p == ',' || *p == '\t' || *p == ';')
			continue;
		if (isalpha(*p) && *p < 0x80)
			strbuf_addch(out, (char)toupper(*p));
		else if (*p == '-' && allow_dash)
			strbuf_addch(out, '-');
		else {
			*why = *p >= 0x20 && *p < 0x7f
				   ? xasprintf("'%c' is not a box letter", *p)
				   : xstrdup("the keys hold a character that is not a box letter");
			return -1;
		}
	}
	return 0;
}

static int key_index(const struct paper_item *it, char key, size_t *k, char **why)
{
	if (key < 'A' || key > 'Z' || (size_t)(key - 'A') >= it->n_choices) {
		*why = it->n_choices > 0 ? xasprintf("'%c' is not a box of this question (A-%c)",
						     key, paper_key(it->n_choices - 1))
					 : xasprintf("'%c' is not a box of this question", key);
		return -1;
	}
	*k = (size_t)(key - 'A');
	return 0;
}

int paper_answer_parse(const struct paper_item *item, const char *keys, struct paper_answer *out,
		       char **why)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	if (item->kind == PAPER_WRITE) {
		strbuf_addstr(&sb, keys ? keys : "");
		strbuf_trim(&sb);
		if (sb.len == 0)
			out->blank = true;
		else
			out->text = strbuf_detach(&sb);
		strbuf_release(&sb);
		return 0;
	}
	if (keys_normalise(keys, &sb, true, why) < 0)
		goto cleanup;
	if (sb.len == 0 || (sb.len == 1 && sb.buf[0] == '-')) {
		out->blank = true;
		if (item->kind == PAPER_PAIRS) {
			out->n_match = item->q.n_pairs;
			out->match = xcalloc(out->n_match ? out->n_match : 1, sizeof(int));
			for (size_t i = 0; i < out->n_match; i++)
				out->match[i] = -1;
		}
		rc = 0;
		goto cleanup;
	}
	if (item->kind == PAPER_PAIRS) {
		if (sb.len != item->n_left) {
			*why =
			    xasprintf("a matching question needs %zu letters, one for each numbered"
				      " item ('-' for a blank one); got %zu",
				      item->n_left, sb.len);
			goto cleanup;
		}
		out->n_match = item->q.n_pairs;
		out->match = xcalloc(out->n_match ? out->n_match : 1, sizeof(int));
		for (size_t i = 0; i < out->n_match; i++)
			out->match[i] = -1;
		out->blank = true;
		for (size_t n = 0; n < item->n_left; n++) {
			size_t k;

			if (sb.buf[n] == '-')
				continue;
			if (key_index(item, sb.buf[n], &k, why) < 0)
				goto cleanup;
			out->match[item->left[n]] = (int)item->choice[k];
			out->blank = false;
		}
		rc = 0;
		goto cleanup;
	}
	/* PAPER_ONE and PAPER_MANY: distinct letters. */
	out->chosen = xcalloc(sb.len, sizeof(size_t));
	for (size_t i = 0; i < sb.len; i++) {
		size_t k;

		if (sb.buf[i] == '-') {
			*why = xstrdup("'-' stands alone, for no box ticked");
			goto cleanup;
		}
		if (key_index(item, sb.buf[i], &k, why) < 0)
			goto cleanup;
		for (size_t j = 0; j < i; j++) {
			if (sb.buf[j] == sb.buf[i]) {
				*why = xasprintf("'%c' is given twice", sb.buf[i]);
				goto cleanup;
			}
		}
		out->chosen[out->n_chosen++] = item->choice[k];
	}
	if (item->kind == PAPER_ONE && out->n_chosen > 1) {
		/* Several boxes ticked where one was asked for: no mark. */
		out->spoilt = true;
		out->n_chosen = 0;
	}
	rc = 0;
cleanup:
	if (rc < 0)
		paper_answer_release(out);
	strbuf_release(&sb);
	return rc;
}

static void answer_view(const struct paper_answer *a, struct question_response *r)
{
	memset(r, 0, sizeof(*r));
	r->chosen = a->chosen;
	r->n_chosen = a->n_chosen;
	r->text = a->text;
	r->match = a->match;
	r->n_match = a->n_match;
}

double paper_answer_mark(const struct paper_item *item, const struct paper_answer *answer)
{
	struct question_response r;
	double mark;

	answer_view(answer, &r);
	mark = question_score(&item->q, &r);
	return mark == QUESTION_UNSCORED ? 0 : mark;
}

/* --- entering sheets ----------------------------------------------------------- */

static int insert_attempt(struct store *store, const struct paper_sheet *sheet, const char *plan,
			  const char *now, long long *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "INSERT INTO attempt (person_id, unit_id, course_id,"
				      " course_version, kind, source, started, plan)"
				      " VALUES (?1, ?2, ?3, ?4, 'quiz', 'paper', ?5, ?6)",
				      cause);

	if (st == NULL)
		return -1;
	if (sheet->person_id)
		sqlite3_bind_int64(st, 1, sheet->person_id);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, sheet->unit_id);
	sqlite3_bind_int64(st, 3, sheet->course_id);
	sqlite3_bind_int(st, 4, sheet->course_version);
	store_bind_text(st, 5, now);
	store_bind_text(st, 6, plan);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		return store_fail(store, cause, "recording paper attempt");
	}
	store_done(st);
	*id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

static int insert_response(struct store *store, long long attempt_id, size_t position,
			   const struct paper_item *it, const struct paper_answer *a, double mark,
			   const char *now, char **cause)
{
	struct question_response r;
	sqlite3_stmt *st;
	char *json;
	int step;

	answer_view(a, &r);
	json = attempt_answer_to_json(&it->q, &r);
	st = store_stmt(store,
			"INSERT INTO response (attempt_id, question_version_id, position, answer,"
			" mark, answered) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			cause);
	if (st == NULL) {
		free(json);
		return -1;
	}
	sqlite3_bind_int64(st, 1, attempt_id);
	sqlite3_bind_int64(st, 2, it->version_id);
	sqlite3_bind_int64(st, 3, (long long)position);
	store_bind_text(st, 4, json);
	sqlite3_bind_double(st, 5, mark);
	store_bind_text(st, 6, now);
	step = sqlite3_step(st);
	store_done(st);
	free(json);
	if (step != SQLITE_DONE)
		return store_fail(store, cause, "recording paper answer");
	return 0;
}

/* The sheet's stored plan, as the attempt's plan. Newly allocated. */
static int sheet_plan(struct store *store, long long sheet_id, char **plan, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT plan FROM paper_sheet WHERE id = ?1", cause);

	*plan = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sheet_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*plan = store_column_text(st, 0);
	store_done(st);
	if (*plan == NULL) {
		*cause = xstrdup("the sheet is no longer in the database");
		return -1;
	}
	return 0;
}

/* Marks the sheet entered unless it already is (checked inside the
 * transaction, so two kiosks cannot both enter it). Returns 0, 1 when it was
 * already entered (nothing written, *cause says when), -1. */
static int sheet_claim(struct store *store, const struct paper_sheet *sheet, const char *now,
		       char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "UPDATE paper_sheet SET entered = ?2"
				      " WHERE id = ?1 AND attempt_id IS NULL AND entered IS NULL",
				      cause);
	int step;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sheet->id);
	store_bind_text(st, 2, now);
	step = sqlite3_step(st);
	store_done(st);
	if (step != SQLITE_DONE)
		return store_fail(store, cause, "recording sheet entry");
	if (sqlite3_changes(store->db) == 1)
		return 0;
	st = store_stmt(store, "SELECT entered FROM paper_sheet WHERE id = ?1", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sheet->id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*cause = xasprintf("sheet %s was already entered on %.10s", sheet->code,
				   (const char *)sqlite3_column_text(st, 0));
	else
		*cause = xasprintf("sheet %s was already entered", sheet->code);
	store_done(st);
	return 1;
}

static int sheet_link(struct store *store, long long sheet_id, long long attempt_id, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store, "UPDATE paper_sheet SET attempt_id = ?2 WHERE id = ?1", cause);
	int step;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sheet_id);
	sqlite3_bind_int64(st, 2, attempt_id);
	step = sqlite3_step(st);
	store_done(st);
	return step == SQLITE_DONE ? 0 : store_fail(store, cause, "recording sheet entry");
}

int paper_sheet_record(struct store *store, const struct paper_sheet *sheet,
		       const char *const *keys, long long actor_id, struct paper_result *result,
		       char **cause)
{
	struct paper_answer *answers = xcalloc(sheet->n_items + 1, sizeof(*answers));
	double *marks = xcalloc(sheet->n_items + 1, sizeof(double));
	char *plan = NULL, *now = NULL, *why = NULL;
	double sum = 0, score;
	sqlite3_stmt *st;
	int rc = -1, claimed;

	memset(result, 0, sizeof(*result));
	if (sheet->attempt_id || sheet->entered) {
		*cause = xasprintf("sheet %s was already entered on %.10s", sheet->code,
				   sheet->entered ? sheet->entered : "an earlier day");
		rc = 1;
		goto cleanup;
	}
	for (size_t i = 0; i < sheet->n_items; i++) {
		if (paper_answer_parse(&sheet->items[i], keys ? keys[i] : NULL, &answers[i], &why) <
		    0) {
			*cause = xasprintf("question %zu: %s", i + 1, why);
			goto cleanup;
		}
		marks[i] = paper_answer_mark(&sheet->items[i], &answers[i]);
		sum += marks[i];
		result->answered += !answers[i].blank;
	}
	score = sheet->n_items ? 100.0 * sum / (double)sheet->n_items : 0;
	/* Two decimals, as attempt_finish() stores kiosk scores. */
	score = round(score * 100.0) / 100.0;
	result->score = score;
	result->passed = score + 1e-9 >= (double)sheet->pass_mark;
	if (sheet_plan(store, sheet->id, &plan, cause) < 0)
		goto cleanup;
	now = store_now();
	claimed = sheet_claim(store, sheet, now, cause);
	if (claimed != 0) {
		rc = claimed;
		goto cleanup;
	}
	if (insert_attempt(store, sheet, plan, now, &result->attempt_id, cause) < 0 ||
	    sheet_link(store, sheet->id, result->attempt_id, cause) < 0)
		goto cleanup;
	for (size_t i = 0; i < sheet->n_items; i++)
		if (insert_response(store, result->attempt_id, i, &sheet->items[i], &answers[i],
				    marks[i], now, cause) < 0)
			goto cleanup;
	st = store_stmt(store,
			"UPDATE attempt SET finished = ?2, score = ?3, passed = ?4 WHERE id = ?1",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, result->attempt_id);
	store_bind_text(st, 2, now);
	sqlite3_bind_double(st, 3, score);
	sqlite3_bind_int(st, 4, result->passed);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "finishing paper attempt");
		goto cleanup;
	}
	store_done(st);
	if (result->passed && sheet->person_id) {
		if (attempt_record_completion(store, sheet->person_id, sheet->course_id,
					      result->attempt_id, now, score, cause) < 0)
			goto cleanup;
		result->completed = true;
	}
	if (audit_recordf(store, actor_id, AUDIT_PAPER_ENTRY, sheet->person_id, cause,
			  "sheet=%lld attempt=%lld", sheet->id, result->attempt_id) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc != 0)
		memset(result, 0, sizeof(*result));
	for (size_t i = 0; i < sheet->n_items; i++)
		paper_answer_release(&answers[i]);
	free(answers);
	free(marks);
	free(plan);
	free(now);
	free(why);
	return rc;
}

int paper_sheet_enter(struct store *store, const struct paper_sheet *sheet, const char *const *keys,
		      long long actor_id, struct paper_result *result, char **cause)
{
	int rc;

	if (store_begin(store, cause) < 0)
		return -1;
	rc = paper_sheet_record(store, sheet, keys, actor_id, result, cause);
	if (rc != 0) {
		store_rollback(store);
		return rc;
	}
	if (store_commit(store, cause) < 0) {
		store_rollback(store);
		memset(result, 0, sizeof(*result));
		return -1;
	}
	return 0;
}
