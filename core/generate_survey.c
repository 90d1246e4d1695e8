/*
 * The demo generator's culture survey rounds: one round each autumn that
 * falls inside the history, a random part of the people present taking
 * part, their answers following their security culture, the year and a bias
 * of each item (people say they know more than they do). Sheets are stored
 * as survey.h stores them. See generate.h; generate.c builds the people.
 */
#include "generate.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "day.h"
#include "generate_internal.h"
#include "store_internal.h"
#include "survey.h"
#include "xmalloc.h"

struct gen_item {
	long long id;
	int area, dimension;
	bool reverse;
	double bias;
};

static int load_survey(struct gen *g, long long *survey_id, struct gen_item **items, size_t *n,
		       char **cause)
{
	sqlite3_stmt *st = store_stmt(g->store, "SELECT min(id) FROM survey", cause);
	int rc;

	*items = NULL;
	*n = 0;
	*survey_id = 0;
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		*survey_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (*survey_id == 0)
		return 0;
	st = store_stmt(g->store,
			"SELECT id, area, dimension, reverse FROM survey_item"
			" WHERE survey_id = ?1 AND NOT retired ORDER BY position, id",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *survey_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gen_item *it;
		enum survey_area a;
		enum survey_dimension d;

		*items = xreallocarray(*items, *n + 1, sizeof(**items));
		it = &(*items)[(*n)++];
		it->id = sqlite3_column_int64(st, 0);
		if (survey_area_parse((const char *)sqlite3_column_text(st, 1), &a) < 0)
			a = SURVEY_AREA_PASSWORDS;
		if (survey_dimension_parse((const char *)sqlite3_column_text(st, 2), &d) < 0)
			d = SURVEY_KNOWLEDGE;
		it->area = (int)a;
		it->dimension = (int)d;
		it->reverse = sqlite3_column_int(st, 3) != 0;
		/* People know more than they do; reporting is the weak spot. */
		it->bias = (d == SURVEY_KNOWLEDGE  ? 0.4
			    : d == SURVEY_ATTITUDE ? 0.3
						   : -0.2) +
			   (a == SURVEY_AREA_INCIDENTS   ? -0.3
			    : a == SURVEY_AREA_PASSWORDS ? 0.1
							 : 0) +
			   0.2 * rng_normal(&g->rng);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(g->store, cause, "reading survey items");
	return 0;
}

/* One round: participants in a random order, each sheet stored for the
 * smallest unit with k people and k participants so far (survey.h). */
static int survey_round(struct gen *g, long long round_id, int opens, double year_index,
			const struct gen_item *items, size_t n_items, char **cause)
{
	long *head = xcalloc(g->n_units, sizeof(*head));
	long *took = xcalloc(g->n_units, sizeof(*took));
	size_t *order = xcalloc(g->n_people ? g->n_people : 1, sizeof(*order));
	long long *ids = xcalloc(n_items ? n_items : 1, sizeof(*ids));
	int *values = xcalloc(n_items ? n_items : 1, sizeof(*values));
	size_t n = 0;
	int rc = -1;

	for (size_t i = 0; i < n_items; i++)
		ids[i] = items[i].id;
	for (size_t i = 0; i < g->n_people; i++) {
		const struct gen_person *p = &g->people[i];

		if (p->joined > opens || p->left <= opens)
			continue;
		for (size_t u = p->unit; u != SIZE_MAX; u = g->units[u].parent)
			head[u]++;
		if (rng_unit(&g->rng) < 0.55 + 0.15 * g->units[p->unit].diligence)
			order[n++] = i;
	}
	rng_shuffle(&g->rng, order, n);
	for (size_t k = 0; k < n; k++) {
		const struct gen_person *p = &g->people[order[k]];
		long long unit_id = 0, sheet_id = 0;

		for (size_t u = p->unit; u != SIZE_MAX; u = g->units[u].parent)
			took[u]++;
		for (size_t u = p->unit; u != SIZE_MAX; u = g->units[u].parent) {
			if (head[u] >= g->k && took[u] >= g->k) {
				unit_id = g->units[u].id;
				break;
			}
		}
		for (size_t i = 0; i < n_items; i++) {
			double s = 3.0 + 0.8 * p->culture + 0.25 * year_index + items[i].bias +
				   1.0 * rng_normal(&g->rng);
			int v = (int)lround(s);

			v = v < 1 ? 1 : v > 5 ? 5 : v;
			values[i] = items[i].reverse ? 6 - v : v;
			if (rng_unit(&g->rng) < 0.03)
				values[i] = 0;
		}
		while (sheet_id == 0)
			sheet_id = (long long)(rng_next(&g->rng) & INT64_MAX);
		if (survey_store_participation(g->store, round_id, p->id, cause) < 0 ||
		    survey_store_sheet(g->store, sheet_id, round_id, unit_id, ids, values, n_items,
				       cause) < 0)
			goto cleanup;
		g->stats->participants++;
		g->stats->sheets++;
	}
	rc = 0;
cleanup:
	free(head);
	free(took);
	free(order);
	free(ids);
	free(values);
	return rc;
}

int gen_surveys(struct gen *g, char **cause)
{
	struct gen_item *items = NULL;
	size_t n_items = 0;
	long long survey_id = 0;
	int y0, y1, m, d, rc = -1;

	if (load_survey(g, &survey_id, &items, &n_items, cause) < 0)
		return -1;
	if (survey_id == 0 || n_items == 0) {
		free(items);
		return 0;
	}
	day_to_civil(g->start, &y0, &m, &d);
	day_to_civil(g->today, &y1, &m, &d);
	for (int y = y0; y <= y1; y++) {
		int opens = day_from_civil(y, 9, 1), closes = day_from_civil(y, 10, 31);
		char name[32], o[DAY_ISO_SIZE], c[DAY_ISO_SIZE];
		sqlite3_stmt *st;
		long long round_id;

		if (opens < g->start + 30 || opens > g->today)
			continue;
		snprintf(name, sizeof(name), "%d", y);
		st = store_stmt(g->store,
				"INSERT INTO survey_round (survey_id, name, opens, closes)"
				" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
				cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, survey_id);
		store_bind_text(st, 2, name);
		store_bind_text(st, 3, day_format(opens, o));
		store_bind_text(st, 4, day_format(closes, c));
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_done(st);
			store_fail(g->store, cause, "adding survey round");
			goto cleanup;
		}
		store_done(st);
		if (sqlite3_changes(g->store->db) == 0)
			continue;
		round_id = sqlite3_last_insert_rowid(g->store->db);
		g->stats->rounds++;
		if (survey_round(g, round_id, opens, (double)(opens - g->start) / 365.25, items,
				 n_items, cause) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	free(items);
	return rc;
}
