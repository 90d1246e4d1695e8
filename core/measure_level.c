/*
 * Knowledge levels per unit and topic, and per person (measure.h has the
 * definitions). One pass reads each person's answers once, with the
 * attempt_person and response_attempt indexes, and evaluates every window
 * (the period, the previous period and the quarter points) on them, so the
 * work grows with the number of answers, not with windows times answers in
 * SQL. Question versions are mapped to their question and topic in memory
 * (a few hundred rows) rather than joined per answer: on 10,000 staff × 3
 * years that join was a b-tree search for each of 3 million answers.
 */
#include "measure.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "measure_internal.h"
#include "store_internal.h"
#include "xmalloc.h"

/* What a pass over the answers needs to know and fills in. */
struct level_pass {
	size_t n_topics;
	size_t *topic_of; /* owned: topic index by question id */
	size_t n_topic_of;
	long long *question_of; /* owned: question id by question version id */
	size_t n_question_of;
	struct measure_answer *buf; /* owned scratch for one person's answers */
	size_t n_buf, alloc_buf;
	double *level; /* scratch, n_topics + 1 */
	int *count;    /* scratch, n_topics + 1 */
};

static void pass_release(struct level_pass *p)
{
	free(p->topic_of);
	free(p->question_of);
	free(p->buf);
	free(p->level);
	free(p->count);
	memset(p, 0, sizeof(*p));
}

/* Maps every question to its topic's index. */
static int pass_init(struct store *store, struct level_pass *p, const struct measure_topic *topics,
		     size_t n_topics, char **cause)
{
	sqlite3_stmt *st;
	long long max_id = 0;
	int rc;

	memset(p, 0, sizeof(*p));
	p->n_topics = n_topics;
	p->level = xcalloc(n_topics + 1, sizeof(*p->level));
	p->count = xcalloc(n_topics + 1, sizeof(*p->count));
	st = store_stmt(store, "SELECT IFNULL(max(id), 0) FROM question", cause);
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		max_id = sqlite3_column_int64(st, 0);
	store_done(st);
	p->n_topic_of = (size_t)max_id + 1;
	p->topic_of = xcalloc(p->n_topic_of, sizeof(*p->topic_of));
	st = store_stmt(store, "SELECT id, IFNULL(topic, '') FROM question", cause);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *topic = (const char *)sqlite3_column_text(st, 1);
		size_t t = MEASURE_NO_TOPIC;

		for (size_t i = 0; i < n_topics; i++) {
			if (strcmp(topics[i].slug, topic) == 0) {
				t = i;
				break;
			}
		}
		if (id >= 0 && (size_t)id < p->n_topic_of)
			p->topic_of[id] = t;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading questions");
	st = store_stmt(store, "SELECT IFNULL(max(id), 0) FROM question_version", cause);
	if (st == NULL)
		return -1;
	max_id = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		max_id = sqlite3_column_int64(st, 0);
	store_done(st);
	p->n_question_of = (size_t)max_id + 1;
	p->question_of = xcalloc(p->n_question_of, sizeof(*p->question_of));
	st = store_stmt(store, "SELECT id, question_id FROM question_version", cause);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		if (id >= 0 && (size_t)id < p->n_question_of)
			p->question_of[id] = sqlite3_column_int64(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading question versions");
	return 0;
}

/* Appends the rows of a statement (question version id, answered, mark) to
 * p->buf, each under its question. */
static int pass_read(struct store *store, struct level_pass *p, sqlite3_stmt *st, char **cause)
{
	int rc;

	p->n_buf = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct measure_answer *a;
		long long vid = sqlite3_column_int64(st, 0);
		long long qid;
		const char *when = (const char *)sqlite3_column_text(st, 1);
		long long at;

		if (vid < 0 || (size_t)vid >= p->n_question_of || p->question_of[vid] == 0)
			continue;
		qid = p->question_of[vid];
		if (when == NULL || day_parse_time(when, &at) < 0)
			continue;
		if (p->n_buf == p->alloc_buf) {
			p->alloc_buf = p->alloc_buf ? p->alloc_buf * 2 : 256;
			p->buf = xreallocarray(p->buf, p->alloc_buf, sizeof(*p->buf));
		}
		a = &p->buf[p->n_buf++];
		a->question_id = qid;
		a->topic =
		    qid >= 0 && (size_t)qid < p->n_topic_of ? p->topic_of[qid] : MEASURE_NO_TOPIC;
		a->at = at;
		a->mark = sqlite3_column_double(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading answers");
	measure_answers_sort(p->buf, p->n_buf);
	return 0;
}

/* The answers of a person, or of an anonymous attempt, from `since` on. */
static int read_person(struct store *store, struct level_pass *p, long long person_id,
		       const char *since, const char *until, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT r.question_version_id, r.answered, r.mark"
	    " FROM attempt a JOIN response r ON r.attempt_id = a.id"
	    " WHERE a.person_id = ?1 AND r.mark >= 0 AND r.answered >= ?2 AND r.answered < ?3",
	    cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, since);
	store_bind_text(st, 3, until);
	return pass_read(store, p, st, cause);
}

static int read_sheet(struct store *store, struct level_pass *p, long long attempt_id,
		      const char *since, const char *until, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT r.question_version_id, r.answered, r.mark"
	    " FROM response r"
	    " WHERE r.attempt_id = ?1 AND r.mark >= 0 AND r.answered >= ?2 AND r.answered < ?3",
	    cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, attempt_id);
	store_bind_text(st, 2, since);
	store_bind_text(st, 3, until);
	return pass_read(store, p, st, cause);
}

/* Running sums of one window: per row and column, people and levels. */
struct level_acc {
	long *n;     /* rows x cols */
	double *sum; /* rows x cols */
};

static void acc_init(struct level_acc *a, size_t rows, size_t cols)
{
	a->n = xcalloc(rows * cols, sizeof(*a->n));
	a->sum = xcalloc(rows * cols, sizeof(*a->sum));
}

static void acc_release(struct level_acc *a)
{
	free(a->n);
	free(a->sum);
	a->n = NULL;
	a->sum = NULL;
}

/* Adds one person's levels over window w to row of acc. */
static void acc_add(struct level_pass *p, struct level_acc *acc, size_t row,
		    struct measure_window w)
{
	size_t cols = p->n_topics + 1;

	measure_person_levels(p->buf, p->n_buf, p->n_topics, w.from_day, w.to_day, p->level,
			      p->count);
	for (size_t t = 0; t < cols; t++) {
		if (p->count[t] == 0)
			continue;
		acc->n[row * cols + t]++;
		acc->sum[row * cols + t] += p->level[t];
	}
}

/* Turns an accumulator into suppressed cells over the unit tree. */
static void acc_cells(const struct level_acc *acc, const struct measure_unit *units, size_t n_units,
		      size_t cols, long k, struct measure_cell *cells)
{
	long *own_n = xcalloc(n_units ? n_units : 1, sizeof(*own_n));
	double *own_sum = xcalloc(n_units ? n_units : 1, sizeof(*own_sum));

	for (size_t t = 0; t < cols; t++) {
		for (size_t r = 0; r < n_units; r++) {
			own_n[r] = acc->n[r * cols + t];
			own_sum[r] = acc->sum[r * cols + t];
		}
		measure_column(units, n_units, own_n, own_sum, k, 100.0, cells, cols, t);
	}
	free(own_n);
	free(own_sum);
}

void measure_levels_release(struct measure_levels *l)
{
	measure_units_free(&l->units, l->n_units);
	measure_topics_free(&l->topics, l->n_topics);
	free(l->cells);
	free(l->prev_cells);
	free(l->quarters);
	free(l->trend);
	memset(l, 0, sizeof(*l));
}

int measure_levels(struct store *store, const struct measure_scope *scope,
		   struct measure_levels *out, char **cause)
{
	struct level_pass pass = {0};
	struct level_acc cur = {0}, prev = {0}, trend = {0};
	struct measure_rowmap map = {0};
	struct measure_window prev_w;
	sqlite3_stmt *st;
	char since[DAY_ISO_SIZE], until[DAY_ISO_SIZE];
	size_t cols;
	int first_day, rc = -1, step, snapshot = 0;

	memset(out, 0, sizeof(*out));
	step = measure_units(store, scope->unit_id, &out->units, &out->n_units, cause);
	if (step != 0) {
		if (step > 0)
			*cause = xstrdup("no such unit");
		return -1;
	}
	if (measure_topics(store, &out->topics, &out->n_topics, cause) < 0)
		goto cleanup;
	cols = out->n_topics + 1;
	out->current.from_day = scope->from_day;
	out->current.to_day = scope->to_day;
	measure_previous_period(scope->from_day, scope->to_day, &prev_w.from_day, &prev_w.to_day);
	out->previous = prev_w;
	out->n_quarters = MEASURE_TREND_QUARTERS;
	out->quarters = xcalloc(out->n_quarters, sizeof(*out->quarters));
	measure_quarters(scope->to_day, out->quarters, out->n_quarters);
	first_day = prev_w.from_day;
	if (out->quarters[0].from_day < first_day)
		first_day = out->quarters[0].from_day;
	day_format(first_day, since);
	day_format(scope->to_day + 1, until);

	snapshot = measure_snapshot_begin(store, cause);
	if (snapshot < 0)
		goto cleanup;
	if (pass_init(store, &pass, out->topics, out->n_topics, cause) < 0)
		goto cleanup;
	measure_rowmap_init(&map, out->units, out->n_units);
	acc_init(&cur, out->n_units, cols);
	acc_init(&prev, out->n_units, cols);
	acc_init(&trend, out->n_quarters, cols);

	/* People, each in their current (or last) unit. */
	st = store_stmt(store, "SELECT id, IFNULL(unit_id, 0) FROM person ORDER BY id", cause);
	if (st == NULL)
		goto cleanup;
	{
		long long *ids = NULL, *units = NULL;
		size_t n = 0, alloc = 0;

		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 1024;
				ids = xreallocarray(ids, alloc, sizeof(*ids));
				units = xreallocarray(units, alloc, sizeof(*units));
			}
			ids[n] = sqlite3_column_int64(st, 0);
			units[n] = sqlite3_column_int64(st, 1);
			n++;
		}
		store_done(st);
		if (step != SQLITE_DONE) {
			free(ids);
			free(units);
			store_fail(store, cause, "reading people");
			goto cleanup;
		}
		for (size_t i = 0; i < n; i++) {
			size_t row = measure_rowmap_get(&map, units[i]);

			if (row == SIZE_MAX)
				continue;
			if (read_person(store, &pass, ids[i], since, until, cause) < 0) {
				free(ids);
				free(units);
				goto cleanup;
			}
			if (pass.n_buf == 0)
				continue;
			acc_add(&pass, &cur, row, out->current);
			acc_add(&pass, &prev, row, out->previous);
			for (size_t q = 0; q < out->n_quarters; q++)
				acc_add(&pass, &trend, q, out->quarters[q]);
		}
		free(ids);
		free(units);
	}
	/* Anonymous paper sheets, each a person of the unit it was printed for. */
	st = store_stmt(store,
			"SELECT id, IFNULL(unit_id, 0) FROM attempt WHERE person_id IS NULL"
			" AND finished IS NOT NULL ORDER BY id",
			cause);
	if (st == NULL)
		goto cleanup;
	{
		long long *ids = NULL, *units = NULL;
		size_t n = 0, alloc = 0;

		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 256;
				ids = xreallocarray(ids, alloc, sizeof(*ids));
				units = xreallocarray(units, alloc, sizeof(*units));
			}
			ids[n] = sqlite3_column_int64(st, 0);
			units[n] = sqlite3_column_int64(st, 1);
			n++;
		}
		store_done(st);
		if (step != SQLITE_DONE) {
			free(ids);
			free(units);
			store_fail(store, cause, "reading paper sheets");
			goto cleanup;
		}
		for (size_t i = 0; i < n; i++) {
			size_t row = measure_rowmap_get(&map, units[i]);

			if (row == SIZE_MAX)
				continue;
			if (read_sheet(store, &pass, ids[i], since, until, cause) < 0) {
				free(ids);
				free(units);
				goto cleanup;
			}
			if (pass.n_buf == 0)
				continue;
			acc_add(&pass, &cur, row, out->current);
			acc_add(&pass, &prev, row, out->previous);
			for (size_t q = 0; q < out->n_quarters; q++)
				acc_add(&pass, &trend, q, out->quarters[q]);
		}
		free(ids);
		free(units);
	}

	out->cells = xcalloc(out->n_units * cols, sizeof(*out->cells));
	out->prev_cells = xcalloc(out->n_units * cols, sizeof(*out->prev_cells));
	acc_cells(&cur, out->units, out->n_units, cols, scope->k, out->cells);
	acc_cells(&prev, out->units, out->n_units, cols, scope->k, out->prev_cells);
	/* The trend is the scope's own figure at each point: one node each. */
	out->trend = xcalloc(out->n_quarters * cols, sizeof(*out->trend));
	for (size_t q = 0; q < out->n_quarters; q++) {
		for (size_t t = 0; t < cols; t++) {
			struct measure_cell *c = &out->trend[q * cols + t];
			struct suppress_node node = {SUPPRESS_TOP, trend.n[q * cols + t], 0,
						     SUPPRESS_SHOWN};

			suppress_tree(&node, 1, scope->k);
			c->n = node.n;
			c->value = c->n ? 100.0 * trend.sum[q * cols + t] / (double)c->n : NAN;
			c->state = node.state;
		}
	}
	rc = 0;
cleanup:
	measure_snapshot_end(store, snapshot);
	if (rc < 0)
		measure_levels_release(out);
	measure_rowmap_release(&map);
	acc_release(&cur);
	acc_release(&prev);
	acc_release(&trend);
	pass_release(&pass);
	return rc;
}

void measure_person_free(struct measure_person_level **levels, size_t n)
{
	if (*levels == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*levels)[i].topic.slug);
		free((*levels)[i].topic.name_sv);
		free((*levels)[i].topic.name_en);
	}
	free(*levels);
	*levels = NULL;
}

int measure_person(struct store *store, long long person_id, int day,
		   struct measure_person_level **out, size_t *n, char **cause)
{
	struct measure_topic *topics = NULL;
	struct level_pass pass = {0};
	struct measure_window w = measure_window_ending(day);
	struct measure_person_level *levels = NULL;
	size_t n_topics = 0;
	char since[DAY_ISO_SIZE], until[DAY_ISO_SIZE];
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (measure_topics(store, &topics, &n_topics, cause) < 0)
		return -1;
	if (pass_init(store, &pass, topics, n_topics, cause) < 0)
		goto cleanup;
	day_format(w.from_day, since);
	day_format(w.to_day + 1, until);
	if (read_person(store, &pass, person_id, since, until, cause) < 0)
		goto cleanup;
	measure_person_levels(pass.buf, pass.n_buf, n_topics, w.from_day, w.to_day, pass.level,
			      pass.count);
	levels = xcalloc(n_topics ? n_topics : 1, sizeof(*levels));
	for (size_t t = 0; t < n_topics; t++) {
		levels[t].topic = topics[t];
		levels[t].level = pass.count[t] ? 100.0 * pass.level[t] : NAN;
		levels[t].questions = pass.count[t];
	}
	/* The strings moved into levels. */
	free(topics);
	topics = NULL;
	*out = levels;
	*n = n_topics;
	rc = 0;
cleanup:
	measure_topics_free(&topics, n_topics);
	pass_release(&pass);
	return rc;
}

void measure_person_history_release(struct measure_person_history *h)
{
	measure_topics_free(&h->topics, h->n_topics);
	free(h->points);
	free(h->level);
	free(h->count);
	memset(h, 0, sizeof(*h));
}

int measure_person_history(struct store *store, long long person_id, int day,
			   struct measure_person_history *out, char **cause)
{
	struct level_pass pass = {0};
	char since[DAY_ISO_SIZE], until[DAY_ISO_SIZE];
	size_t cols;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (measure_topics(store, &out->topics, &out->n_topics, cause) < 0)
		return -1;
	cols = out->n_topics + 1;
	out->n_points = MEASURE_TREND_QUARTERS;
	out->points = xcalloc(out->n_points, sizeof(*out->points));
	measure_quarters(day, out->points, out->n_points);
	out->level = xcalloc(out->n_points * cols, sizeof(*out->level));
	out->count = xcalloc(out->n_points * cols, sizeof(*out->count));
	if (pass_init(store, &pass, out->topics, out->n_topics, cause) < 0)
		goto cleanup;
	/* One read of the answers serves every point: the oldest window starts
	 * first and the newest ends on day. */
	day_format(out->points[0].from_day, since);
	day_format(day + 1, until);
	if (read_person(store, &pass, person_id, since, until, cause) < 0)
		goto cleanup;
	for (size_t q = 0; q < out->n_points; q++) {
		measure_person_levels(pass.buf, pass.n_buf, out->n_topics, out->points[q].from_day,
				      out->points[q].to_day, pass.level, pass.count);
		for (size_t t = 0; t < cols; t++) {
			out->count[q * cols + t] = pass.count[t];
			out->level[q * cols + t] = pass.count[t] ? 100.0 * pass.level[t] : NAN;
		}
	}
	rc = 0;
cleanup:
	if (rc < 0)
		measure_person_history_release(out);
	pass_release(&pass);
	return rc;
}
