/*
 * The pure definitions of the measures (see measure.h) and the helpers the
 * store functions share: the rows of a scope, topics, courses, windows and
 * aggregation over the unit tree with suppression.
 */
#include "measure.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "day.h"
#include "measure_internal.h"
#include "setting.h"
#include "store_internal.h"
#include "unit.h"
#include "xmalloc.h"

/* ------------------------------------------------------------------ */
/* Pure definitions                                                   */

static int cmp_answer(const void *a, const void *b)
{
	const struct measure_answer *x = a, *y = b;

	if (x->question_id != y->question_id)
		return x->question_id < y->question_id ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

void measure_answers_sort(struct measure_answer *answers, size_t n)
{
	if (n > 1)
		qsort(answers, n, sizeof(*answers), cmp_answer);
}

static int day_of(long long at)
{
	return (int)(at >= 0 ? at / 86400 : (at - 86399) / 86400);
}

void measure_person_levels(const struct measure_answer *answers, size_t n, size_t n_topics,
			   int from_day, int to_day, double *level, int *count)
{
	for (size_t t = 0; t <= n_topics; t++) {
		level[t] = 0;
		count[t] = 0;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i, use = SIZE_MAX;

		while (j < n && answers[j].question_id == answers[i].question_id)
			j++;
		/* The latest answer on or before the window's end, if it is inside. */
		for (size_t k = j; k-- > i;) {
			int d = day_of(answers[k].at);

			if (d <= to_day) {
				if (d >= from_day)
					use = k;
				break;
			}
		}
		if (use != SIZE_MAX) {
			size_t t = answers[use].topic;

			if (t < n_topics) {
				level[t] += answers[use].mark;
				count[t]++;
			}
			level[n_topics] += answers[use].mark;
			count[n_topics]++;
		}
		i = j;
	}
	for (size_t t = 0; t <= n_topics; t++)
		level[t] = count[t] ? level[t] / count[t] : NAN;
}

double measure_normalised_gain(double pre, double post)
{
	if (isnan(pre) || isnan(post) || pre >= 100.0)
		return NAN;
	return (post - pre) / (100.0 - pre);
}

enum completion_state measure_completion_state(int d, int due_day, int pass_day, int refresh_months)
{
	if (pass_day == INT_MIN || pass_day > d)
		return d > due_day ? COMPLETION_OVERDUE : COMPLETION_PENDING;
	if (refresh_months > 0 && d >= day_add_months(pass_day, refresh_months))
		return COMPLETION_REFRESH_DUE;
	return COMPLETION_DONE;
}

const char *completion_state_name(enum completion_state s)
{
	switch (s) {
	case COMPLETION_PENDING:
		return "pending";
	case COMPLETION_OVERDUE:
		return "overdue";
	case COMPLETION_DONE:
		return "done";
	case COMPLETION_REFRESH_DUE:
		return "refresh_due";
	}
	return "?";
}

bool completion_state_passed(enum completion_state s)
{
	return s == COMPLETION_DONE || s == COMPLETION_REFRESH_DUE;
}

bool completion_state_overdue(enum completion_state s)
{
	return s == COMPLETION_OVERDUE || s == COMPLETION_REFRESH_DUE;
}

void measure_default_period(int today, int *from_day, int *to_day)
{
	*to_day = today;
	*from_day = day_add_months(today, -MEASURE_WINDOW_MONTHS) + 1;
}

void measure_previous_period(int from_day, int to_day, int *prev_from, int *prev_to)
{
	int to_plus = to_day + 1;
	int months = 0;

	*prev_to = from_day - 1;
	/* Whole months when the period is whole months (the default), so the
	 * previous year is a calendar year too; else the same number of days. */
	for (int m = 1; m <= 120; m++) {
		if (day_add_months(from_day, m) == to_plus) {
			months = m;
			break;
		}
	}
	if (months)
		*prev_from = day_add_months(from_day, -months);
	else
		*prev_from = from_day - (to_day - from_day + 1);
}

struct measure_window measure_window_ending(int to_day)
{
	struct measure_window w;

	w.to_day = to_day;
	w.from_day = day_add_months(to_day, -MEASURE_WINDOW_MONTHS) + 1;
	return w;
}

void measure_quarters(int to_day, struct measure_window *out, size_t n)
{
	int start = day_quarter_start(to_day);

	/* The newest point is to_day itself (the quarter so far); each older one
	 * is the last day of a quarter. */
	for (size_t i = n; i-- > 0;) {
		int end = i == n - 1 ? to_day : start - 1;

		out[i] = measure_window_ending(end);
		if (i != n - 1)
			start = day_quarter_start(end);
	}
}

/* ------------------------------------------------------------------ */
/* Rows, topics, courses                                              */

void measure_units_free(struct measure_unit **units, size_t n)
{
	if (*units == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*units)[i].path);
		free((*units)[i].name);
	}
	free(*units);
	*units = NULL;
}

/* Tree order: part by part, so a parent comes before its children and
 * siblings follow Swedish order (as unit_list orders them). */
static int cmp_unit_path(const void *a, const void *b)
{
	const char *pa = ((const struct unit *)a)->path, *pb = ((const struct unit *)b)->path;

	for (;;) {
		const char *sa = strchr(pa, '/'), *sb = strchr(pb, '/');
		size_t la = sa ? (size_t)(sa - pa) : strlen(pa);
		size_t lb = sb ? (size_t)(sb - pb) : strlen(pb);
		int c = collate_sv(pa, la, pb, lb);

		if (c)
			return c;
		if (!sa || !sb)
			return (sa != NULL) - (sb != NULL);
		pa = sa + 1;
		pb = sb + 1;
	}
}

int measure_unit_tree(struct store *store, struct unit **out, size_t *n, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT u.id, IFNULL(u.parent_id, 0), u.name, u.path,"
		       "  (SELECT count(*) FROM person p WHERE p.unit_id = u.id AND p.active)"
		       " FROM unit u",
		       cause);
	struct unit *units = NULL;
	size_t count = 0, alloc = 0, *at = NULL;
	long long max_id = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit *u;

		if (count == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			units = xreallocarray(units, alloc, sizeof(*units));
		}
		u = &units[count++];
		memset(u, 0, sizeof(*u));
		u->id = sqlite3_column_int64(st, 0);
		u->parent_id = sqlite3_column_int64(st, 1);
		u->name = store_column_text(st, 2);
		u->path = store_column_text(st, 3);
		u->head_count = sqlite3_column_int(st, 4);
		for (const char *p = u->path; *p; p++)
			u->depth += *p == '/';
		if (u->id > max_id)
			max_id = u->id;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		unit_list_free(&units, count);
		return store_fail(store, cause, "reading units");
	}
	if (count)
		qsort(units, count, sizeof(*units), cmp_unit_path);
	/* Head counts of subtrees: children after parents, so add backwards. */
	at = xcalloc((size_t)max_id + 1, sizeof(*at));
	for (size_t i = 0; i < count; i++) {
		at[units[i].id] = i;
		units[i].head_count_tree = units[i].head_count;
	}
	for (size_t i = count; i-- > 0;)
		if (units[i].parent_id > 0 && units[i].parent_id <= max_id)
			units[at[units[i].parent_id]].head_count_tree += units[i].head_count_tree;
	free(at);
	*out = units;
	*n = count;
	return 0;
}

int measure_units(struct store *store, long long scope_unit, struct measure_unit **out, size_t *n,
		  char **cause)
{
	struct unit *all = NULL;
	size_t n_all = 0, count = 0, scope_at = SIZE_MAX;
	struct measure_unit *rows;
	long long max_id = 0;
	size_t *row_of = NULL;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (measure_unit_tree(store, &all, &n_all, cause) < 0)
		return -1;
	for (size_t i = 0; i < n_all; i++) {
		if (all[i].id > max_id)
			max_id = all[i].id;
		if (all[i].id == scope_unit)
			scope_at = i;
	}
	if (scope_unit && scope_at == SIZE_MAX) {
		rc = 1;
		goto cleanup;
	}
	rows = xcalloc(n_all + 1, sizeof(*rows));
	row_of = xcalloc((size_t)max_id + 1, sizeof(*row_of));
	for (long long i = 0; i <= max_id; i++)
		row_of[i] = SIZE_MAX;
	if (scope_unit == 0) {
		rows[0].id = 0;
		rows[0].path = xstrdup("");
		rows[0].name = xstrdup("");
		rows[0].parent = SUPPRESS_TOP;
		count = 1;
	}
	for (size_t i = 0; i < n_all; i++) {
		const struct unit *u = &all[i];
		struct measure_unit *r;
		size_t plen;

		if (scope_unit) {
			plen = strlen(all[scope_at].path);
			if (u->id != scope_unit &&
			    !(strncmp(u->path, all[scope_at].path, plen) == 0 &&
			      u->path[plen] == '/'))
				continue;
		}
		r = &rows[count];
		r->id = u->id;
		r->path = xstrdup(u->path);
		r->name = xstrdup(u->name);
		if (scope_unit) {
			r->depth = u->depth - all[scope_at].depth;
			r->parent = u->id == scope_unit ? SUPPRESS_TOP : row_of[u->parent_id];
		} else {
			r->depth = u->depth + 1;
			r->parent = u->parent_id ? row_of[u->parent_id] : 0;
		}
		row_of[u->id] = count++;
	}
	*out = rows;
	*n = count;
	rc = 0;
cleanup:
	free(row_of);
	unit_list_free(&all, n_all);
	return rc;
}

void measure_rowmap_init(struct measure_rowmap *map, const struct measure_unit *units,
			 size_t n_units)
{
	long long max_id = 0;

	for (size_t i = 0; i < n_units; i++)
		if (units[i].id > max_id)
			max_id = units[i].id;
	map->n = (size_t)max_id + 1;
	map->row = xcalloc(map->n, sizeof(*map->row));
	for (size_t i = 0; i < map->n; i++)
		map->row[i] = SIZE_MAX;
	map->none = SIZE_MAX;
	for (size_t i = 0; i < n_units; i++) {
		if (units[i].id == 0)
			map->none = i;
		else
			map->row[units[i].id] = i;
	}
}

void measure_rowmap_release(struct measure_rowmap *map)
{
	free(map->row);
	map->row = NULL;
	map->n = 0;
}

size_t measure_rowmap_get(const struct measure_rowmap *map, long long unit_id)
{
	if (unit_id <= 0)
		return map->none;
	if ((unsigned long long)unit_id >= map->n)
		return SIZE_MAX;
	return map->row[unit_id];
}

void measure_tree_sums(const struct measure_unit *units, size_t n_units, double *values,
		       size_t width)
{
	for (size_t r = n_units; r-- > 0;) {
		size_t p = units[r].parent;

		if (p == SUPPRESS_TOP)
			continue;
		for (size_t c = 0; c < width; c++)
			values[p * width + c] += values[r * width + c];
	}
}

void measure_column(const struct measure_unit *units, size_t n_units, const long *own_n,
		    const double *own_sum, long k, double scale, struct measure_cell *cells,
		    size_t stride, size_t col)
{
	struct suppress_node *nodes = xcalloc(n_units ? n_units : 1, sizeof(*nodes));
	double *sum = xcalloc(n_units ? n_units : 1, sizeof(*sum));

	for (size_t r = 0; r < n_units; r++) {
		nodes[r].parent = units[r].parent;
		nodes[r].own = own_n[r];
		sum[r] = own_sum[r];
	}
	suppress_tree(nodes, n_units, k);
	measure_tree_sums(units, n_units, sum, 1);
	for (size_t r = 0; r < n_units; r++) {
		struct measure_cell *c = &cells[r * stride + col];

		c->n = nodes[r].n;
		c->value = c->n ? scale * sum[r] / (double)c->n : NAN;
		c->state = nodes[r].state;
	}
	free(nodes);
	free(sum);
}

void measure_topics_free(struct measure_topic **topics, size_t n)
{
	if (*topics == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*topics)[i].slug);
		free((*topics)[i].name_sv);
		free((*topics)[i].name_en);
	}
	free(*topics);
	*topics = NULL;
}

int measure_topics(struct store *store, struct measure_topic **out, size_t *n, char **cause)
{
	static const char *const sql[2] = {
	    "SELECT t.slug, t.name_sv, t.name_en FROM topic t"
	    " WHERE EXISTS (SELECT 1 FROM question q WHERE q.topic = t.slug)"
	    " ORDER BY t.rowid",
	    "SELECT DISTINCT q.topic, q.topic, q.topic FROM question q"
	    " WHERE q.topic IS NOT NULL AND q.topic <> ''"
	    "  AND NOT EXISTS (SELECT 1 FROM topic t WHERE t.slug = q.topic)"
	    " ORDER BY q.topic",
	};
	struct measure_topic *topics = NULL;
	size_t count = 0, alloc = 0;

	*out = NULL;
	*n = 0;
	for (int q = 0; q < 2; q++) {
		sqlite3_stmt *st = store_stmt(store, sql[q], cause);
		int rc;

		if (st == NULL)
			goto fail;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (count == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				topics = xreallocarray(topics, alloc, sizeof(*topics));
			}
			topics[count].slug = store_column_text(st, 0);
			topics[count].name_sv = store_column_text(st, 1);
			topics[count].name_en = store_column_text(st, 2);
			count++;
		}
		store_done(st);
		if (rc != SQLITE_DONE) {
			store_fail(store, cause, "reading topics");
			goto fail;
		}
	}
	*out = topics;
	*n = count;
	return 0;
fail:
	measure_topics_free(&topics, count);
	return -1;
}

int measure_snapshot_begin(struct store *store, char **cause)
{
	if (!sqlite3_get_autocommit(store->db))
		return 0;
	/* EXPERIMENT */
	if (getenv("VK_CACHE") && store_exec(store, getenv("VK_CACHE"), cause) < 0)
		return -1;
	/* A deferred BEGIN takes no lock until the first read, and a reader
	 * never blocks the kiosks' writers in WAL mode. */
	if (store_exec(store, "BEGIN DEFERRED", cause) < 0)
		return -1;
	return 1;
}

void measure_snapshot_end(struct store *store, int began)
{
	if (began == 1)
		store_read_end(store);
}

void measure_courses_free(struct measure_course **courses, size_t n)
{
	if (*courses == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*courses)[i].slug);
		free((*courses)[i].title);
	}
	free(*courses);
	*courses = NULL;
}

int measure_courses(struct store *store, struct measure_course **out, size_t *n, char **cause)
{
	sqlite3_stmt *st;
	struct measure_course *courses = NULL;
	size_t count = 0, alloc = 0;
	long default_refresh = 12;
	int today = day_today(), rc;
	char *inner = NULL;

	*out = NULL;
	*n = 0;
	if (setting_get_int(store, "refresh_months", &default_refresh, &inner) < 0) {
		free(inner);
		default_refresh = 12;
	}
	st = store_stmt(
	    store,
	    "SELECT c.id, c.slug, c.title, c.audience = 'coordinators', c.due_days,"
	    "  c.refresh_months, c.position,"
	    "  COALESCE((SELECT ci.introduced FROM course_intro ci WHERE ci.course_id = c.id),"
	    "   (SELECT min(v.created) FROM question q JOIN question_version v"
	    "     ON v.question_id = q.id WHERE q.course_id = c.id), c.built)"
	    " FROM course c WHERE c.translation_of IS NULL AND NOT c.retired"
	    " ORDER BY c.audience = 'coordinators', c.position, c.title COLLATE sv, c.id",
	    cause);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct measure_course *c;
		const char *intro = (const char *)sqlite3_column_text(st, 7);

		if (count == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			courses = xreallocarray(courses, alloc, sizeof(*courses));
		}
		c = &courses[count++];
		c->id = sqlite3_column_int64(st, 0);
		c->slug = store_column_text(st, 1);
		c->title = store_column_text(st, 2);
		c->coordinators = sqlite3_column_int(st, 3) != 0;
		c->due_days = sqlite3_column_type(st, 4) == SQLITE_NULL ? MEASURE_DUE_DAYS
									: sqlite3_column_int(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			c->refresh_months = sqlite3_column_int(st, 5);
		else
			c->refresh_months = c->coordinators ? 0 : (int)default_refresh;
		c->position = sqlite3_column_int(st, 6);
		if (intro == NULL || day_parse(intro, &c->introduced) < 0)
			c->introduced = today;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		measure_courses_free(&courses, count);
		return store_fail(store, cause, "reading courses");
	}
	*out = courses;
	*n = count;
	return 0;
}
