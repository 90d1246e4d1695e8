/*
 * Survey results per unit and scale (survey.h has the definitions). A
 * sheet's score on a scale is the mean of its answers to that scale's items
 * after reverse scoring; a unit's figure is the mean over the sheets stored
 * at the unit or below, with those sheets as the people behind it.
 */
#include "survey.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "itemstats.h"
#include "measure_internal.h"
#include "store_internal.h"
#include "xmalloc.h"

const char *survey_scale_key(size_t s)
{
	if (s == 0)
		return "all";
	if (s <= SURVEY_DIMENSION_COUNT)
		return survey_dimension_key((enum survey_dimension)(s - 1));
	if (s < SURVEY_N_SCALES)
		return survey_area_key((enum survey_area)(s - 1 - SURVEY_DIMENSION_COUNT));
	return "?";
}

const char *survey_scale_name_sv(size_t s)
{
	if (s == 0)
		return "Hela enkäten";
	if (s <= SURVEY_DIMENSION_COUNT)
		return survey_dimension_name_sv((enum survey_dimension)(s - 1));
	if (s < SURVEY_N_SCALES)
		return survey_area_name_sv((enum survey_area)(s - 1 - SURVEY_DIMENSION_COUNT));
	return "?";
}

static void round_release(struct survey_round *r)
{
	free(r->name);
	free(r->survey);
	free(r->title);
	memset(r, 0, sizeof(*r));
}

void survey_results_release(struct survey_results *r)
{
	round_release(&r->round);
	round_release(&r->prev);
	measure_units_free(&r->units, r->n_units);
	free(r->cells);
	free(r->prev_cells);
	for (size_t i = 0; i < r->n_items; i++) {
		free(r->items[i].name);
		free(r->items[i].text);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

/* Loads the round named name (NULL: the latest with sheets), or, with
 * before set, the latest round of the same survey that opened before it. */
static int load_round(struct store *store, const char *name, const struct survey_round *before,
		      struct survey_round *out, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT r.id, r.name, s.slug, s.title, r.opens, r.closes,"
		       "  (SELECT count(*) FROM survey_participation p WHERE p.round_id = r.id),"
		       "  (SELECT count(*) FROM survey_sheet h WHERE h.round_id = r.id)"
		       " FROM survey_round r JOIN survey s ON s.id = r.survey_id"
		       " WHERE (?1 IS NULL OR r.name = ?1)"
		       "  AND (?2 IS NULL OR (s.slug = ?2 AND r.opens < ?3))"
		       "  AND (?1 IS NOT NULL OR EXISTS (SELECT 1 FROM survey_sheet h WHERE "
		       "h.round_id = r.id))"
		       " ORDER BY r.opens DESC, r.id DESC LIMIT 1",
		       cause);
	char opens[DAY_ISO_SIZE];
	int step;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, name);
	if (before) {
		store_bind_text(st, 2, before->survey);
		store_bind_text(st, 3, day_format(before->opens, opens));
	}
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = store_column_text(st, 1);
		out->survey = store_column_text(st, 2);
		out->title = store_column_text(st, 3);
		if (day_parse((const char *)sqlite3_column_text(st, 4), &out->opens) < 0)
			out->opens = 0;
		if (day_parse((const char *)sqlite3_column_text(st, 5), &out->closes) < 0)
			out->closes = 0;
		out->participants = sqlite3_column_int64(st, 6);
		out->sheets = sqlite3_column_int64(st, 7);
	}
	store_done(st);
	if (step == SQLITE_DONE)
		return 1;
	if (step != SQLITE_ROW)
		return store_fail(store, cause, "reading rounds");
	return 0;
}

/* The items of a round's survey, every one that has an answer or is current. */
static int load_items(struct store *store, long long round_id, struct survey_results *out,
		      char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT i.id, i.name, i.text, i.area, i.dimension, i.reverse FROM survey_item i"
	    " JOIN survey_round r ON r.survey_id = i.survey_id WHERE r.id = ?1"
	    "  AND (NOT i.retired OR EXISTS (SELECT 1 FROM survey_answer a"
	    "   JOIN survey_sheet h ON h.id = a.sheet_id WHERE a.item_id = i.id AND h.round_id = "
	    "?1))"
	    " ORDER BY i.position, i.id",
	    cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, round_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct survey_item_result *it;

		out->items = xreallocarray(out->items, out->n_items + 1, sizeof(*out->items));
		it = &out->items[out->n_items++];
		memset(it, 0, sizeof(*it));
		it->id = sqlite3_column_int64(st, 0);
		it->name = store_column_text(st, 1);
		it->text = store_column_text(st, 2);
		if (survey_area_parse((const char *)sqlite3_column_text(st, 3), &it->area) < 0)
			it->area = SURVEY_AREA_PASSWORDS;
		if (survey_dimension_parse((const char *)sqlite3_column_text(st, 4),
					   &it->dimension) < 0)
			it->dimension = SURVEY_KNOWLEDGE;
		it->reverse = sqlite3_column_int(st, 5) != 0;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading survey items");
	return 0;
}

static size_t item_index(const struct survey_results *r, long long id)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (r->items[i].id == id)
			return i;
	return SIZE_MAX;
}

/* Own sums per row and scale. */
struct scale_acc {
	long *n;         /* sheets with an answer on the scale */
	double *sum;     /* sum of their scale scores */
	double *fav;     /* answers scoring 4 or 5 */
	double *answers; /* answers */
};

/* Adds one sheet (answers in score[] per item, 0 when none) to row. */
static void add_sheet(const struct survey_results *r, const int *score, size_t row,
		      struct scale_acc *acc)
{
	double sum[SURVEY_N_SCALES] = {0}, fav[SURVEY_N_SCALES] = {0};
	int cnt[SURVEY_N_SCALES] = {0};

	for (size_t i = 0; i < r->n_items; i++) {
		size_t scales[3] = {0, 1 + (size_t)r->items[i].dimension,
				    1 + SURVEY_DIMENSION_COUNT + (size_t)r->items[i].area};

		if (score[i] == 0)
			continue;
		for (int k = 0; k < 3; k++) {
			sum[scales[k]] += score[i];
			cnt[scales[k]]++;
			fav[scales[k]] += score[i] >= 4;
		}
	}
	for (size_t s = 0; s < SURVEY_N_SCALES; s++) {
		size_t at = row * SURVEY_N_SCALES + s;

		if (cnt[s] == 0)
			continue;
		acc->n[at]++;
		acc->sum[at] += sum[s] / cnt[s];
		acc->fav[at] += fav[s];
		acc->answers[at] += cnt[s];
	}
}

/* Reads every sheet of a round in scope into acc; with items set, also the
 * per-item sums and the complete sheets for alpha. */
static int read_sheets(struct store *store, struct survey_results *r, long long round_id,
		       const struct measure_rowmap *map, struct scale_acc *acc, bool items,
		       double **matrix, size_t *n_complete, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT h.id, IFNULL(h.unit_id, 0), a.item_id, a.value"
		       " FROM survey_sheet h JOIN survey_answer a ON a.sheet_id = h.id"
		       " WHERE h.round_id = ?1 ORDER BY h.id",
		       cause);
	int *score = xcalloc(r->n_items ? r->n_items : 1, sizeof(*score));
	long long sheet = 0;
	size_t row = SIZE_MAX, alloc = 0;
	bool have = false;
	int rc;

	if (st == NULL) {
		free(score);
		return -1;
	}
	sqlite3_bind_int64(st, 1, round_id);
	for (;;) {
		long long id = 0;

		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		/* Finish the previous sheet. */
		if (have && (rc != SQLITE_ROW || id != sheet)) {
			if (row != SIZE_MAX) {
				bool complete = true;

				add_sheet(r, score, row, acc);
				for (size_t i = 0; items && i < r->n_items; i++) {
					struct survey_cell *c = &r->items[i].cell;

					if (score[i] == 0) {
						complete = false;
						continue;
					}
					c->n++;
					c->mean += score[i];
					c->favourable += score[i] >= 4;
				}
				if (items && complete && r->n_items) {
					if (*n_complete == alloc) {
						alloc = alloc ? alloc * 2 : 256;
						*matrix = xreallocarray(*matrix, alloc * r->n_items,
									sizeof(double));
					}
					for (size_t i = 0; i < r->n_items; i++)
						(*matrix)[*n_complete * r->n_items + i] = score[i];
					(*n_complete)++;
				}
			}
			have = false;
		}
		if (rc != SQLITE_ROW)
			break;
		if (!have) {
			sheet = id;
			row = measure_rowmap_get(map, sqlite3_column_int64(st, 1));
			memset(score, 0, (r->n_items ? r->n_items : 1) * sizeof(*score));
			have = true;
		}
		{
			size_t i = item_index(r, sqlite3_column_int64(st, 2));
			int v = sqlite3_column_int(st, 3);

			if (i != SIZE_MAX && v >= 1 && v <= SURVEY_SCALE_POINTS)
				score[i] = survey_score(v, r->items[i].reverse);
		}
	}
	store_done(st);
	free(score);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading survey answers");
	return 0;
}

/* Suppressed cells of one accumulator. */
static void scale_cells(const struct scale_acc *acc, const struct survey_results *r, long k,
			struct survey_cell *cells)
{
	size_t rows = r->n_units ? r->n_units : 1;
	long *own_n = xcalloc(rows, sizeof(*own_n));
	double *own = xcalloc(rows, sizeof(*own));
	double *fav = xcalloc(rows * 2, sizeof(*fav));
	struct measure_cell *tmp = xcalloc(rows, sizeof(*tmp));

	for (size_t s = 0; s < SURVEY_N_SCALES; s++) {
		for (size_t u = 0; u < r->n_units; u++) {
			own_n[u] = acc->n[u * SURVEY_N_SCALES + s];
			own[u] = acc->sum[u * SURVEY_N_SCALES + s];
			fav[2 * u] = acc->fav[u * SURVEY_N_SCALES + s];
			fav[2 * u + 1] = acc->answers[u * SURVEY_N_SCALES + s];
		}
		measure_column(r->units, r->n_units, own_n, own, k, 1.0, tmp, 1, 0);
		measure_tree_sums(r->units, r->n_units, fav, 2);
		for (size_t u = 0; u < r->n_units; u++) {
			struct survey_cell *c = &cells[u * SURVEY_N_SCALES + s];

			c->n = tmp[u].n;
			c->mean = tmp[u].value;
			c->state = tmp[u].state;
			c->favourable =
			    fav[2 * u + 1] > 0 ? 100.0 * fav[2 * u] / fav[2 * u + 1] : NAN;
		}
	}
	free(own_n);
	free(own);
	free(fav);
	free(tmp);
}

static void acc_alloc(struct scale_acc *a, size_t rows)
{
	size_t n = (rows ? rows : 1) * SURVEY_N_SCALES;

	a->n = xcalloc(n, sizeof(*a->n));
	a->sum = xcalloc(n, sizeof(*a->sum));
	a->fav = xcalloc(n, sizeof(*a->fav));
	a->answers = xcalloc(n, sizeof(*a->answers));
}

static void acc_free(struct scale_acc *a)
{
	free(a->n);
	free(a->sum);
	free(a->fav);
	free(a->answers);
}

/* Active people in scope, and those of them who took part in round. */
static int count_people(struct store *store, long long scope_unit, long long round_id, long *active,
			long *took_part, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT count(*), sum(EXISTS (SELECT 1 FROM survey_participation sp"
		       "   WHERE sp.round_id = ?2 AND sp.person_id = p.id))"
		       " FROM person p LEFT JOIN unit v ON v.id = p.unit_id"
		       " WHERE p.active AND (?1 = 0 OR v.id = ?1 OR substr(v.path, 1,"
		       "  length((SELECT path FROM unit WHERE id = ?1)) + 1)"
		       "  = (SELECT path FROM unit WHERE id = ?1) || '/')",
		       cause);
	int step;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, scope_unit);
	sqlite3_bind_int64(st, 2, round_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*active = sqlite3_column_int64(st, 0);
		*took_part = sqlite3_column_int64(st, 1);
	}
	store_done(st);
	if (step != SQLITE_ROW)
		return store_fail(store, cause, "counting participants");
	return 0;
}

int survey_results(struct store *store, long long scope_unit, const char *round, long k,
		   struct survey_results *out, char **cause)
{
	struct measure_rowmap map = {0};
	struct scale_acc cur = {0}, prev = {0};
	double *matrix = NULL;
	size_t n_complete = 0;
	int rc = -1, step;

	memset(out, 0, sizeof(*out));
	out->alpha = NAN;
	step = load_round(store, round, NULL, &out->round, cause);
	if (step != 0) {
		if (step > 0)
			*cause = round ? xasprintf("no survey round '%s'", round)
				       : xstrdup("no survey round with answers");
		return step;
	}
	step = load_round(store, NULL, &out->round, &out->prev, cause);
	if (step < 0)
		goto cleanup;
	out->has_prev = step == 0;
	step = measure_units(store, scope_unit, &out->units, &out->n_units, cause);
	if (step != 0) {
		if (step > 0) {
			*cause = xstrdup("no such unit");
			rc = 1;
		}
		goto cleanup;
	}
	if (load_items(store, out->round.id, out, cause) < 0)
		goto cleanup;
	measure_rowmap_init(&map, out->units, out->n_units);
	acc_alloc(&cur, out->n_units);
	acc_alloc(&prev, out->n_units);
	if (read_sheets(store, out, out->round.id, &map, &cur, true, &matrix, &n_complete, cause) <
	    0)
		goto cleanup;
	if (out->has_prev) {
		/* The previous round's items may differ: match them by name. */
		struct survey_results tmp = {0};

		tmp.n_units = out->n_units;
		tmp.units = out->units;
		if (load_items(store, out->prev.id, &tmp, cause) < 0 ||
		    read_sheets(store, &tmp, out->prev.id, &map, &prev, false, NULL, NULL, cause) <
			0) {
			tmp.units = NULL;
			tmp.n_units = 0;
			survey_results_release(&tmp);
			goto cleanup;
		}
		tmp.units = NULL;
		tmp.n_units = 0;
		survey_results_release(&tmp);
	}
	out->cells = xcalloc(out->n_units * SURVEY_N_SCALES, sizeof(*out->cells));
	out->prev_cells = xcalloc(out->n_units * SURVEY_N_SCALES, sizeof(*out->prev_cells));
	scale_cells(&cur, out, k, out->cells);
	if (out->has_prev)
		scale_cells(&prev, out, k, out->prev_cells);
	for (size_t i = 0; i < out->n_items; i++) {
		struct survey_cell *c = &out->items[i].cell;
		struct suppress_node node = {SUPPRESS_TOP, c->n, 0, SUPPRESS_SHOWN};

		suppress_tree(&node, 1, k);
		c->state = node.state;
		c->favourable = c->n ? 100.0 * c->favourable / (double)c->n : NAN;
		c->mean = c->n ? c->mean / (double)c->n : NAN;
	}
	/* Reliability of the whole survey over the complete sheets in scope. */
	out->alpha_n = (long)n_complete;
	if (n_complete >= (size_t)k && out->n_items >= 2) {
		struct itemstats_item *tmp_items = xcalloc(out->n_items, sizeof(*tmp_items));
		struct itemstats_test t;

		itemstats_compute(matrix, n_complete, out->n_items, tmp_items, &t);
		out->alpha = t.alpha;
		free(tmp_items);
	}
	if (count_people(store, scope_unit, out->round.id, &out->active, &out->participants,
			 cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc != 0)
		survey_results_release(out);
	measure_rowmap_release(&map);
	acc_free(&cur);
	acc_free(&prev);
	free(matrix);
	return rc;
}
