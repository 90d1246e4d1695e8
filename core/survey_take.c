/*
 * Survey rounds and taking a survey: the kiosk's side of survey.h. The
 * anonymity rules (random sheet ids, no person, day or time with an answer,
 * the unit a sheet counts for) are documented in survey.h and kept here.
 */
#include "survey.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "store_internal.h"
#include "suppress.h"
#include "xmalloc.h"

int survey_round_open(struct store *store, const char *survey, const char *name, int opens,
		      int closes, char **cause)
{
	sqlite3_stmt *st;
	long long survey_id = 0;
	char o[DAY_ISO_SIZE], c[DAY_ISO_SIZE];
	int rc = -1, step;

	if (closes < opens) {
		*cause = xstrdup("a round cannot close before it opens");
		return 1;
	}
	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store, "SELECT id FROM survey WHERE slug = ?1", cause);
	if (st == NULL)
		goto cleanup;
	store_bind_text(st, 1, survey);
	if (sqlite3_step(st) == SQLITE_ROW)
		survey_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (survey_id == 0) {
		*cause = xasprintf("no survey '%s' (build content/surveys first)", survey);
		rc = 1;
		goto cleanup;
	}
	st = store_stmt(store,
			"INSERT INTO survey_round (survey_id, name, opens, closes)"
			" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, survey_id);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, day_format(opens, o));
	store_bind_text(st, 4, day_format(closes, c));
	step = sqlite3_step(st);
	store_done(st);
	if (step != SQLITE_DONE) {
		store_fail(store, cause, "opening round");
		goto cleanup;
	}
	if (sqlite3_changes(store->db) == 0) {
		*cause = xasprintf("a round named '%s' exists already", name);
		rc = 1;
		goto cleanup;
	}
	if (store_commit(store, cause) < 0)
		goto cleanup;
	return 0;
cleanup:
	store_rollback(store);
	return rc;
}

int survey_round_close(struct store *store, const char *name, int closes, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store, "UPDATE survey_round SET closes = ?2 WHERE name = ?1", cause);
	char c[DAY_ISO_SIZE];
	int step;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, day_format(closes, c));
	step = sqlite3_step(st);
	store_done(st);
	if (step != SQLITE_DONE)
		return store_fail(store, cause, "closing round");
	if (sqlite3_changes(store->db) == 0) {
		*cause = xasprintf("no round '%s'", name);
		return 1;
	}
	return 0;
}

void survey_rounds_free(struct survey_round **rounds, size_t n)
{
	if (*rounds == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*rounds)[i].name);
		free((*rounds)[i].survey);
		free((*rounds)[i].title);
	}
	free(*rounds);
	*rounds = NULL;
}

int survey_rounds(struct store *store, struct survey_round **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT r.id, r.name, s.slug, s.title, r.opens, r.closes,"
	    "  (SELECT count(*) FROM survey_participation p WHERE p.round_id = r.id),"
	    "  (SELECT count(*) FROM survey_sheet h WHERE h.round_id = r.id)"
	    " FROM survey_round r JOIN survey s ON s.id = r.survey_id ORDER BY r.opens, r.id",
	    cause);
	struct survey_round *rounds = NULL;
	size_t count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct survey_round *r;

		rounds = xreallocarray(rounds, count + 1, sizeof(*rounds));
		r = &rounds[count++];
		r->id = sqlite3_column_int64(st, 0);
		r->name = store_column_text(st, 1);
		r->survey = store_column_text(st, 2);
		r->title = store_column_text(st, 3);
		if (day_parse((const char *)sqlite3_column_text(st, 4), &r->opens) < 0)
			r->opens = 0;
		if (day_parse((const char *)sqlite3_column_text(st, 5), &r->closes) < 0)
			r->closes = 0;
		r->participants = sqlite3_column_int64(st, 6);
		r->sheets = sqlite3_column_int64(st, 7);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		survey_rounds_free(&rounds, count);
		return store_fail(store, cause, "listing rounds");
	}
	*out = rounds;
	*n = count;
	return 0;
}

void survey_form_release(struct survey_form *form)
{
	free(form->round_name);
	free(form->title);
	free(form->intro);
	for (int i = 0; i < SURVEY_SCALE_POINTS; i++)
		free(form->scale[i]);
	for (size_t i = 0; i < form->n_items; i++)
		free(form->items[i].text);
	free(form->items);
	memset(form, 0, sizeof(*form));
}

/* Fills the items of survey_id into form. */
static int form_items(struct store *store, long long survey_id, struct survey_form *form,
		      char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT id, text, area, dimension, reverse FROM survey_item"
				      " WHERE survey_id = ?1 AND NOT retired ORDER BY position, id",
				      cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, survey_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct survey_form_item *it;

		form->items = xreallocarray(form->items, form->n_items + 1, sizeof(*form->items));
		it = &form->items[form->n_items++];
		it->id = sqlite3_column_int64(st, 0);
		it->text = store_column_text(st, 1);
		if (survey_area_parse((const char *)sqlite3_column_text(st, 2), &it->area) < 0)
			it->area = SURVEY_AREA_PASSWORDS;
		if (survey_dimension_parse((const char *)sqlite3_column_text(st, 3),
					   &it->dimension) < 0)
			it->dimension = SURVEY_KNOWLEDGE;
		it->reverse = sqlite3_column_int(st, 4) != 0;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading survey items");
	return 0;
}

int survey_pending(struct store *store, long long person_id, int today, struct survey_form *out,
		   char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT r.id, r.name, s.id, s.title, s.intro, s.scale FROM survey_round r"
		       " JOIN survey s ON s.id = r.survey_id"
		       " WHERE r.opens <= ?2 AND r.closes >= ?2"
		       "  AND NOT EXISTS (SELECT 1 FROM survey_participation p"
		       "   WHERE p.round_id = r.id AND p.person_id = ?1)"
		       " ORDER BY r.closes, r.id LIMIT 1",
		       cause);
	char day[DAY_ISO_SIZE];
	long long survey_id = 0;
	int step;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, day_format(today, day));
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *scale = (const char *)sqlite3_column_text(st, 5);
		const char *p = scale ? scale : "";

		out->round_id = sqlite3_column_int64(st, 0);
		out->round_name = store_column_text(st, 1);
		survey_id = sqlite3_column_int64(st, 2);
		out->title = store_column_text(st, 3);
		out->intro = store_column_text(st, 4);
		for (int i = 0; i < SURVEY_SCALE_POINTS; i++) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);

			out->scale[i] = xstrndup(p, len);
			p = bar ? bar + 1 : p + len;
		}
	}
	store_done(st);
	if (step == SQLITE_DONE)
		return 0;
	if (step != SQLITE_ROW)
		return store_fail(store, cause, "finding survey rounds");
	if (form_items(store, survey_id, out, cause) < 0) {
		survey_form_release(out);
		return -1;
	}
	return 1;
}

int survey_sheet_unit(struct store *store, long long round_id, long long person_id, long k,
		      long long *unit_id, char **cause)
{
	sqlite3_stmt *st;
	char *path = NULL;
	int step, rc = -1;

	*unit_id = 0;
	st = store_stmt(
	    store, "SELECT u.path FROM person p JOIN unit u ON u.id = p.unit_id WHERE p.id = ?1",
	    cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		path = store_column_text(st, 0);
	store_done(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(store, cause, "reading person");
	if (path == NULL)
		return 0;
	/* From the person's own unit upwards. */
	for (;;) {
		long long id = 0, people = 0, took_part = 0, self = 0;
		char *slash;

		st = store_stmt(
		    store,
		    "SELECT u.id,"
		    " (SELECT count(*) FROM person p JOIN unit v ON v.id = p.unit_id WHERE p.active"
		    "   AND (v.path = u.path OR substr(v.path, 1, length(u.path) + 1) = u.path || "
		    "'/')),"
		    " (SELECT count(*) FROM survey_participation sp JOIN person p ON p.id = "
		    "sp.person_id"
		    "   JOIN unit v ON v.id = p.unit_id WHERE sp.round_id = ?2"
		    "   AND (v.path = u.path OR substr(v.path, 1, length(u.path) + 1) = u.path || "
		    "'/')),"
		    " EXISTS (SELECT 1 FROM survey_participation sp WHERE sp.round_id = ?2"
		    "   AND sp.person_id = ?3)"
		    " FROM unit u WHERE u.path = ?1",
		    cause);
		if (st == NULL)
			goto cleanup;
		store_bind_text(st, 1, path);
		sqlite3_bind_int64(st, 2, round_id);
		sqlite3_bind_int64(st, 3, person_id);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			people = sqlite3_column_int64(st, 1);
			took_part = sqlite3_column_int64(st, 2);
			self = sqlite3_column_int64(st, 3);
		}
		store_done(st);
		if (step != SQLITE_ROW && step != SQLITE_DONE) {
			store_fail(store, cause, "counting participants");
			goto cleanup;
		}
		/* Count this person once, whether or not they are recorded yet. */
		if (!self)
			took_part++;
		if (id && people >= k && took_part >= k) {
			*unit_id = id;
			break;
		}
		slash = strrchr(path, '/');
		if (slash == NULL)
			break;
		*slash = '\0';
	}
	rc = 0;
cleanup:
	free(path);
	return rc;
}

int survey_store_participation(struct store *store, long long round_id, long long person_id,
			       char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store, "INSERT INTO survey_participation (round_id, person_id) VALUES (?1, ?2)", cause);
	int step;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, person_id);
	step = sqlite3_step(st);
	store_done(st);
	if (step != SQLITE_DONE)
		return store_fail(store, cause, "recording participation");
	return 0;
}

int survey_store_sheet(struct store *store, long long sheet_id, long long round_id,
		       long long unit_id, const long long *item_ids, const int *values, size_t n,
		       char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store, "INSERT INTO survey_sheet (id, round_id, unit_id) VALUES (?1, ?2, ?3)", cause);
	int step;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sheet_id);
	sqlite3_bind_int64(st, 2, round_id);
	if (unit_id)
		sqlite3_bind_int64(st, 3, unit_id);
	step = sqlite3_step(st);
	store_done(st);
	if (step != SQLITE_DONE)
		return store_fail(store, cause, "storing survey sheet");
	for (size_t i = 0; i < n; i++) {
		if (values[i] < 1 || values[i] > SURVEY_SCALE_POINTS)
			continue;
		st = store_stmt(
		    store,
		    "INSERT INTO survey_answer (sheet_id, item_id, value) VALUES (?1, ?2, ?3)",
		    cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, sheet_id);
		sqlite3_bind_int64(st, 2, item_ids[i]);
		sqlite3_bind_int(st, 3, values[i]);
		step = sqlite3_step(st);
		store_done(st);
		if (step != SQLITE_DONE)
			return store_fail(store, cause, "storing survey answer");
	}
	return 0;
}

/* A random positive 63-bit id. */
static long long random_id(void)
{
	uint64_t v = 0;

	while (v == 0) {
		randombytes_buf(&v, sizeof(v));
		v &= INT64_MAX;
	}
	return (long long)v;
}

int survey_submit(struct store *store, long long round_id, long long person_id,
		  const long long *item_ids, const int *values, size_t n, char **cause)
{
	sqlite3_stmt *st;
	char today[DAY_ISO_SIZE];
	long long survey_id = 0, unit_id = 0;
	long k = suppress_threshold(store);
	bool any = false;
	int step, rc = -1;

	day_format(day_today(), today);
	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store,
			"SELECT r.survey_id, EXISTS (SELECT 1 FROM survey_participation p"
			"  WHERE p.round_id = r.id AND p.person_id = ?2)"
			" FROM survey_round r WHERE r.id = ?1 AND r.opens <= ?3 AND r.closes >= ?3",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, round_id);
	sqlite3_bind_int64(st, 2, person_id);
	store_bind_text(st, 3, today);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		survey_id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1)) {
			store_done(st);
			*cause = xstrdup("the person has already taken part in this round");
			rc = 1;
			goto cleanup;
		}
	}
	store_done(st);
	if (step != SQLITE_ROW) {
		if (step == SQLITE_DONE) {
			*cause = xstrdup("the round is not open");
			rc = 1;
		} else {
			store_fail(store, cause, "reading round");
		}
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		int belongs = 0;

		if (values[i] < 0 || values[i] > SURVEY_SCALE_POINTS) {
			*cause = xasprintf("answer %zu is %d, not 0-%d", i + 1, values[i],
					   SURVEY_SCALE_POINTS);
			rc = 1;
			goto cleanup;
		}
		any |= values[i] > 0;
		st = store_stmt(store,
				"SELECT 1 FROM survey_item WHERE id = ?1 AND survey_id = ?2"
				" AND NOT retired",
				cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, item_ids[i]);
		sqlite3_bind_int64(st, 2, survey_id);
		belongs = sqlite3_step(st) == SQLITE_ROW;
		store_done(st);
		if (!belongs) {
			*cause = xasprintf("item %lld is not in the round's survey", item_ids[i]);
			rc = 1;
			goto cleanup;
		}
	}
	if (survey_sheet_unit(store, round_id, person_id, k, &unit_id, cause) < 0 ||
	    survey_store_participation(store, round_id, person_id, cause) < 0)
		goto cleanup;
	if (any) {
		long long id;

		/* A clash of random 63-bit ids is all but impossible; check anyway. */
		for (;;) {
			id = random_id();
			st = store_stmt(store, "SELECT 1 FROM survey_sheet WHERE id = ?1", cause);
			if (st == NULL)
				goto cleanup;
			sqlite3_bind_int64(st, 1, id);
			step = sqlite3_step(st);
			store_done(st);
			if (step == SQLITE_DONE)
				break;
		}
		if (survey_store_sheet(store, id, round_id, unit_id, item_ids, values, n, cause) <
		    0)
			goto cleanup;
	}
	if (store_commit(store, cause) < 0)
		goto cleanup;
	/* Best effort: move the commit out of the write-ahead log, where pages
	 * stand in commit order, into the database file, where they do not. */
	sqlite3_wal_checkpoint_v2(store->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return 0;
cleanup:
	store_rollback(store);
	return rc;
}
