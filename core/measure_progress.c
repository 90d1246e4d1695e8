/*
 * Gains per course and completion against assignments, per unit (measure.h
 * has the definitions). Completion walks the people once, with their manual
 * assignments and passes read per person through indexes; gains are one
 * query with a window function.
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

/* The base course of each course id (translations map to their original). */
struct basemap {
	long long *base; /* owned; base[course id] */
	size_t n;
};

static int basemap_init(struct store *store, struct basemap *m, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT c.id, CASE WHEN c.translation_of IS NULL THEN c.id"
	    "  ELSE IFNULL((SELECT b.id FROM course b WHERE b.slug = c.translation_of), c.id) END"
	    " FROM course c ORDER BY c.id DESC",
	    cause);
	int rc;

	m->base = NULL;
	m->n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);

		if (m->base == NULL) {
			m->n = (size_t)id + 1;
			m->base = xcalloc(m->n, sizeof(*m->base));
		}
		if (id >= 0 && (size_t)id < m->n)
			m->base[id] = sqlite3_column_int64(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading courses");
	return 0;
}

static long long basemap_get(const struct basemap *m, long long course_id)
{
	return course_id >= 0 && (size_t)course_id < m->n ? m->base[course_id] : course_id;
}

/* ------------------------------------------------------------------ */
/* Gains                                                              */

void measure_gains_release(struct measure_gains *g)
{
	measure_units_free(&g->units, g->n_units);
	measure_courses_free(&g->courses, g->n_courses);
	free(g->cells);
	free(g->prev_cells);
	memset(g, 0, sizeof(*g));
}

/* Sums per row and course: people, pre scores, post scores. */
struct gain_acc {
	long *n;
	double *pre, *post;
};

static void gain_cells(const struct gain_acc *a, const struct measure_unit *units, size_t n_units,
		       size_t n_courses, long k, struct measure_gain_cell *cells)
{
	size_t rows = n_units ? n_units : 1;
	long *own_n = xcalloc(rows, sizeof(*own_n));
	double *pre = xcalloc(rows, sizeof(*pre)), *post = xcalloc(rows, sizeof(*post));
	struct measure_cell *tmp = xcalloc(rows, sizeof(*tmp));

	for (size_t c = 0; c < n_courses; c++) {
		for (size_t r = 0; r < n_units; r++) {
			own_n[r] = a->n[r * n_courses + c];
			pre[r] = a->pre[r * n_courses + c];
			post[r] = a->post[r * n_courses + c];
		}
		measure_column(units, n_units, own_n, pre, k, 1.0, tmp, 1, 0);
		for (size_t r = 0; r < n_units; r++) {
			struct measure_gain_cell *g = &cells[r * n_courses + c];

			g->n = tmp[r].n;
			g->pre = tmp[r].value;
			g->state = tmp[r].state;
		}
		measure_column(units, n_units, own_n, post, k, 1.0, tmp, 1, 0);
		for (size_t r = 0; r < n_units; r++) {
			struct measure_gain_cell *g = &cells[r * n_courses + c];

			g->post = tmp[r].value;
			g->gain = measure_normalised_gain(g->pre, g->post);
		}
	}
	free(own_n);
	free(pre);
	free(post);
	free(tmp);
}

/*
 * The scope's gain over every course: the pairs of row 0 of every course
 * together. The total minus the shown courses pools the hidden ones, so the
 * total is hidden too unless the people with a pair in a hidden course are
 * none or at least k. masks[i] has bit c set when person i has a pair in
 * course c (courses past 64 count as one group in bit 63).
 */
static void gain_total(const struct measure_gain_cell *cells, size_t n_courses, long k,
		       const uint64_t *masks, size_t n_masks, struct measure_gain_cell *total)
{
	double pre = 0, post = 0;
	uint64_t hidden = 0;
	long people = 0;

	memset(total, 0, sizeof(*total));
	for (size_t c = 0; c < n_courses; c++) {
		const struct measure_gain_cell *g = &cells[c];

		if (g->n == 0)
			continue;
		total->n += g->n;
		pre += g->pre * (double)g->n;
		post += g->post * (double)g->n;
		if (g->state != SUPPRESS_SHOWN)
			hidden |= (uint64_t)1 << (c < 63 ? c : 63);
	}
	for (size_t i = 0; i < n_masks; i++)
		people += (masks[i] & hidden) != 0;
	total->pre = total->n ? pre / (double)total->n : NAN;
	total->post = total->n ? post / (double)total->n : NAN;
	total->gain = measure_normalised_gain(total->pre, total->post);
	if (total->n > 0 && total->n < k)
		total->state = SUPPRESS_SMALL;
	else if (people > 0 && people < k)
		total->state = SUPPRESS_SECONDARY;
	else
		total->state = SUPPRESS_SHOWN;
}

int measure_gains(struct store *store, const struct measure_scope *scope, struct measure_gains *out,
		  char **cause)
{
	struct measure_course *all = NULL;
	size_t n_all = 0;
	struct measure_rowmap map = {0};
	struct gain_acc cur = {0}, prev = {0};
	struct basemap bm = {0};
	long long *people = NULL;
	size_t n_people = 0, alloc_people = 0;
	double *pre = NULL;
	uint64_t *masks = NULL;
	bool *done = NULL;
	sqlite3_stmt *st;
	int rc = -1, step, snapshot = 0;

	memset(out, 0, sizeof(*out));
	step = measure_units(store, scope->unit_id, &out->units, &out->n_units, cause);
	if (step != 0) {
		if (step > 0)
			*cause = xstrdup("no such unit");
		return -1;
	}
	out->current.from_day = scope->from_day;
	out->current.to_day = scope->to_day;
	measure_previous_period(scope->from_day, scope->to_day, &out->previous.from_day,
				&out->previous.to_day);
	snapshot = measure_snapshot_begin(store, cause);
	if (snapshot < 0 || measure_courses(store, &all, &n_all, cause) < 0)
		goto cleanup;
	/* Only courses with a pre-test have gains. */
	st = store_stmt(store, "SELECT pretest FROM course WHERE id = ?1", cause);
	if (st == NULL)
		goto cleanup;
	out->courses = xcalloc(n_all ? n_all : 1, sizeof(*out->courses));
	for (size_t i = 0; i < n_all; i++) {
		int pretest = 0;

		sqlite3_bind_int64(st, 1, all[i].id);
		if (sqlite3_step(st) == SQLITE_ROW)
			pretest = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (pretest > 0) {
			out->courses[out->n_courses++] = all[i];
			memset(&all[i], 0, sizeof(all[i]));
		}
	}
	store_done(st);
	measure_rowmap_init(&map, out->units, out->n_units);
	{
		size_t cells =
		    (out->n_units ? out->n_units : 1) * (out->n_courses ? out->n_courses : 1);

		cur.n = xcalloc(cells, sizeof(long));
		cur.pre = xcalloc(cells, sizeof(double));
		cur.post = xcalloc(cells, sizeof(double));
		prev.n = xcalloc(cells, sizeof(long));
		prev.pre = xcalloc(cells, sizeof(double));
		prev.post = xcalloc(cells, sizeof(double));
	}
	if (basemap_init(store, &bm, cause) < 0)
		goto cleanup;
	/* People one by one: their finished pre-tests and quizzes in time order. */
	st = store_stmt(store, "SELECT id, IFNULL(unit_id, 0) FROM person ORDER BY id", cause);
	if (st == NULL)
		goto cleanup;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n_people == alloc_people) {
			alloc_people = alloc_people ? alloc_people * 2 : 1024;
			people = xreallocarray(people, alloc_people, 2 * sizeof(*people));
		}
		people[2 * n_people] = sqlite3_column_int64(st, 0);
		people[2 * n_people + 1] = sqlite3_column_int64(st, 1);
		n_people++;
	}
	store_done(st);
	if (step != SQLITE_DONE) {
		store_fail(store, cause, "reading people");
		goto cleanup;
	}
	pre = xcalloc(out->n_courses ? out->n_courses : 1, sizeof(*pre));
	/* Which courses each person has a pair in: this period, then the last. */
	masks = xcalloc(2 * (n_people ? n_people : 1), sizeof(*masks));
	done = xcalloc(out->n_courses ? out->n_courses : 1, sizeof(*done));
	for (size_t i = 0; i < n_people; i++) {
		size_t row = measure_rowmap_get(&map, people[2 * i + 1]);

		if (row == SIZE_MAX)
			continue;
		for (size_t c = 0; c < out->n_courses; c++) {
			pre[c] = NAN;
			done[c] = false;
		}
		st = store_stmt(store,
				"SELECT course_id, kind = 'pre', substr(finished, 1, 10), score"
				" FROM attempt WHERE person_id = ?1 AND finished IS NOT NULL"
				"  AND kind IN ('pre', 'quiz') ORDER BY finished, id",
				cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, people[2 * i]);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			long long base = basemap_get(&bm, sqlite3_column_int64(st, 0));
			size_t c = SIZE_MAX, at;
			struct gain_acc *acc;
			int d;

			for (size_t k = 0; k < out->n_courses; k++)
				if (out->courses[k].id == base)
					c = k;
			if (c == SIZE_MAX || done[c])
				continue;
			if (sqlite3_column_int(st, 1)) {
				/* The latest pre-test before the first quiz counts. */
				pre[c] = sqlite3_column_double(st, 3);
				continue;
			}
			done[c] = true;
			if (isnan(pre[c]) ||
			    day_parse((const char *)sqlite3_column_text(st, 2), &d) < 0)
				continue;
			if (d >= out->current.from_day && d <= out->current.to_day)
				acc = &cur;
			else if (d >= out->previous.from_day && d <= out->previous.to_day)
				acc = &prev;
			else
				continue;
			at = row * out->n_courses + c;
			masks[(acc == &cur ? 0 : n_people) + i] |= (uint64_t)1 << (c < 63 ? c : 63);
			acc->n[at]++;
			acc->post[at] += sqlite3_column_double(st, 3);
			acc->pre[at] += pre[c];
		}
		store_done(st);
		if (step != SQLITE_DONE) {
			store_fail(store, cause, "reading attempts");
			goto cleanup;
		}
	}
	out->cells =
	    xcalloc(out->n_units * (out->n_courses ? out->n_courses : 1), sizeof(*out->cells));
	out->prev_cells =
	    xcalloc(out->n_units * (out->n_courses ? out->n_courses : 1), sizeof(*out->prev_cells));
	gain_cells(&cur, out->units, out->n_units, out->n_courses, scope->k, out->cells);
	gain_cells(&prev, out->units, out->n_units, out->n_courses, scope->k, out->prev_cells);
	gain_total(out->cells, out->n_courses, scope->k, masks, n_people, &out->total);
	gain_total(out->prev_cells, out->n_courses, scope->k, masks + n_people, n_people,
		   &out->prev_total);
	rc = 0;
cleanup:
	measure_snapshot_end(store, snapshot);
	if (rc < 0)
		measure_gains_release(out);
	measure_courses_free(&all, n_all);
	measure_rowmap_release(&map);
	free(cur.n);
	free(cur.pre);
	free(cur.post);
	free(prev.n);
	free(prev.pre);
	free(prev.post);
	free(bm.base);
	free(people);
	free(pre);
	free(masks);
	free(done);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Completion                                                         */

/* One person as completion needs them. */
struct who {
	long long id;
	long long unit_id;
	bool coordinator; /* coordinator or admin */
	int joined;       /* day of person.created */
	int left;         /* day of left_at, INT_MAX while employed */
};

/* Whether the person was employed on day d. */
static bool who_active(const struct who *w, int d)
{
	return w->joined <= d && d < w->left;
}

/* Everything known about one person's assignments: per base course, the
 * manual due day and its day of assignment, and the passes. */
struct person_state {
	int *manual_due;      /* per course index, INT_MIN when none */
	int *manual_assigned; /* day it was assigned */
	int *passes;          /* owned list of (course index, day) pairs */
	size_t n_passes, alloc_passes;
};

static int person_state_read(struct store *store, const struct basemap *bm,
			     const struct measure_course *courses, size_t n_courses,
			     long long person_id, struct person_state *ps, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	for (size_t c = 0; c < n_courses; c++)
		ps->manual_due[c] = INT_MIN;
	ps->n_passes = 0;
	st = store_stmt(
	    store, "SELECT course_id, due, assigned FROM assignment WHERE person_id = ?1", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long base = basemap_get(bm, sqlite3_column_int64(st, 0));
		int due, assigned;

		if (day_parse((const char *)sqlite3_column_text(st, 1), &due) < 0 ||
		    day_parse((const char *)sqlite3_column_text(st, 2), &assigned) < 0)
			continue;
		for (size_t c = 0; c < n_courses; c++) {
			if (courses[c].id == base) {
				ps->manual_due[c] = due;
				ps->manual_assigned[c] = assigned;
			}
		}
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading assignments");
	st = store_stmt(store, "SELECT course_id, passed_at FROM completion WHERE person_id = ?1",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long base = basemap_get(bm, sqlite3_column_int64(st, 0));
		int d;

		if (day_parse((const char *)sqlite3_column_text(st, 1), &d) < 0)
			continue;
		for (size_t c = 0; c < n_courses; c++) {
			if (courses[c].id != base)
				continue;
			if (ps->n_passes == ps->alloc_passes) {
				ps->alloc_passes = ps->alloc_passes ? ps->alloc_passes * 2 : 16;
				ps->passes =
				    xreallocarray(ps->passes, ps->alloc_passes, 2 * sizeof(int));
			}
			ps->passes[2 * ps->n_passes] = (int)c;
			ps->passes[2 * ps->n_passes + 1] = d;
			ps->n_passes++;
		}
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading completions");
	return 0;
}

/* Whether course c is assigned to the person on day d; sets *due. */
static bool assigned_on(const struct who *w, const struct measure_course *course,
			const struct person_state *ps, size_t c, int d, int *due)
{
	if (ps->manual_due[c] != INT_MIN && ps->manual_assigned[c] <= d) {
		*due = ps->manual_due[c];
		return true;
	}
	if (course->coordinators && !w->coordinator)
		return false;
	if (course->introduced > d)
		return false;
	*due = (w->joined > course->introduced ? w->joined : course->introduced) + course->due_days;
	return true;
}

static int latest_pass(const struct person_state *ps, size_t c, int d)
{
	int best = INT_MIN;

	for (size_t i = 0; i < ps->n_passes; i++)
		if ((size_t)ps->passes[2 * i] == c && ps->passes[2 * i + 1] <= d &&
		    ps->passes[2 * i + 1] > best)
			best = ps->passes[2 * i + 1];
	return best;
}

static int who_read(sqlite3_stmt *st, struct who *w)
{
	const char *created = (const char *)sqlite3_column_text(st, 3);
	const char *left = (const char *)sqlite3_column_text(st, 4);
	const char *role = (const char *)sqlite3_column_text(st, 2);
	bool active = sqlite3_column_int(st, 5) != 0;

	w->id = sqlite3_column_int64(st, 0);
	w->unit_id = sqlite3_column_int64(st, 1);
	w->coordinator = role && (strcmp(role, "coordinator") == 0 || strcmp(role, "admin") == 0);
	if (created == NULL || day_parse(created, &w->joined) < 0)
		w->joined = INT_MIN;
	if (left == NULL || day_parse(left, &w->left) < 0)
		w->left = active ? INT_MAX : INT_MIN;
	return 0;
}

#define WHO_SQL "SELECT id, IFNULL(unit_id, 0), role, created, left_at, active FROM person"

void measure_completion_release(struct measure_completion *c)
{
	measure_units_free(&c->units, c->n_units);
	measure_courses_free(&c->courses, c->n_courses);
	free(c->cells);
	free(c->prev_cells);
	memset(c, 0, sizeof(*c));
}

/* Own counts per row and column: people, passed, overdue, refresh due,
 * assignments (the last differs from people only in the total column). */
enum { CC_PEOPLE, CC_PASSED, CC_OVERDUE, CC_REFRESH, CC_PAIRS, CC_WIDTH };

/*
 * Suppressed cells of a completion table. Each column is suppressed over the
 * unit tree; then, because the last column adds up the all-staff course
 * columns (in_total), a row whose
 * total is shown while course cells are hidden would give away the hidden
 * ones (total minus the shown): unless a hidden cell of that row covers at
 * least k people, the total is hidden too, and the columns are suppressed
 * again, until nothing changes.
 */
static void completion_cells(const double *own, const struct measure_unit *units, size_t n_units,
			     size_t cols, const bool *in_total, long k,
			     struct measure_completion_cell *cells)
{
	size_t rows = n_units ? n_units : 1;
	struct suppress_node *nodes = xcalloc(rows, sizeof(*nodes));
	double *sums = xcalloc(rows * CC_WIDTH, sizeof(*sums));
	bool *forced = xcalloc(rows * cols, sizeof(*forced));
	bool *column = xcalloc(rows, sizeof(*column));
	bool changed = true;

	while (changed) {
		changed = false;
		for (size_t c = 0; c < cols; c++) {
			for (size_t r = 0; r < n_units; r++) {
				nodes[r].parent = units[r].parent;
				nodes[r].own = (long)own[(r * cols + c) * CC_WIDTH + CC_PEOPLE];
				column[r] = forced[r * cols + c];
				for (int w = 0; w < CC_WIDTH; w++)
					sums[r * CC_WIDTH + w] = own[(r * cols + c) * CC_WIDTH + w];
			}
			suppress_tree_forced(nodes, n_units, k, column);
			measure_tree_sums(units, n_units, sums, CC_WIDTH);
			for (size_t r = 0; r < n_units; r++) {
				struct measure_completion_cell *cell = &cells[r * cols + c];
				const double *s = &sums[r * CC_WIDTH];

				cell->people = nodes[r].n;
				cell->assigned = (long)s[CC_PAIRS];
				cell->passed = (long)s[CC_PASSED];
				cell->overdue = (long)s[CC_OVERDUE];
				cell->refresh_due = (long)s[CC_REFRESH];
				cell->share =
				    cell->assigned ? 100.0 * s[CC_PASSED] / s[CC_PAIRS] : NAN;
				cell->state = nodes[r].state;
			}
		}
		for (size_t r = 0; r < n_units; r++) {
			struct measure_completion_cell *total = &cells[r * cols + cols - 1];
			long largest = 0;
			bool hidden = false;

			if (total->state != SUPPRESS_SHOWN)
				continue;
			for (size_t c = 0; c + 1 < cols; c++) {
				const struct measure_completion_cell *cell = &cells[r * cols + c];

				if (!in_total[c] || cell->state == SUPPRESS_SHOWN ||
				    cell->people == 0)
					continue;
				hidden = true;
				if (cell->people > largest)
					largest = cell->people;
			}
			if (hidden && largest < k) {
				forced[r * cols + cols - 1] = true;
				changed = true;
			}
		}
	}
	free(nodes);
	free(sums);
	free(forced);
	free(column);
}

/* Adds person w's assignments on day d to the own counts of row. The last
 * column adds up the all-staff courses (not the coordinators' programme,
 * whose few people would otherwise hide the total of every small unit). */
static void completion_add(const struct who *w, const struct measure_course *courses,
			   size_t n_courses, const struct person_state *ps, int d, double *own,
			   size_t row)
{
	size_t cols = n_courses + 1;
	double *total = &own[(row * cols + n_courses) * CC_WIDTH];
	bool any = false;

	if (!who_active(w, d))
		return;
	for (size_t c = 0; c < n_courses; c++) {
		double *cell = &own[(row * cols + c) * CC_WIDTH];
		bool counts = !courses[c].coordinators;
		enum completion_state s;
		int due;

		if (!assigned_on(w, &courses[c], ps, c, d, &due))
			continue;
		s = measure_completion_state(d, due, latest_pass(ps, c, d),
					     courses[c].refresh_months);
		cell[CC_PEOPLE] += 1;
		cell[CC_PAIRS] += 1;
		cell[CC_PASSED] += completion_state_passed(s);
		cell[CC_OVERDUE] += completion_state_overdue(s);
		cell[CC_REFRESH] += s == COMPLETION_REFRESH_DUE;
		if (!counts)
			continue;
		total[CC_PAIRS] += 1;
		total[CC_PASSED] += completion_state_passed(s);
		total[CC_OVERDUE] += completion_state_overdue(s);
		total[CC_REFRESH] += s == COMPLETION_REFRESH_DUE;
		any = true;
	}
	if (any)
		total[CC_PEOPLE] += 1;
}

int measure_completion(struct store *store, const struct measure_scope *scope,
		       struct measure_completion *out, char **cause)
{
	struct measure_rowmap map = {0};
	struct basemap bm = {0};
	struct person_state ps = {0};
	struct who *people = NULL;
	size_t n_people = 0, alloc = 0, cols;
	double *own = NULL, *own_prev = NULL;
	bool *in_total = NULL;
	sqlite3_stmt *st;
	int rc = -1, step, snapshot = 0;

	memset(out, 0, sizeof(*out));
	step = measure_units(store, scope->unit_id, &out->units, &out->n_units, cause);
	if (step != 0) {
		if (step > 0)
			*cause = xstrdup("no such unit");
		return -1;
	}
	out->day = scope->to_day;
	out->prev_day = scope->from_day - 1;
	snapshot = measure_snapshot_begin(store, cause);
	if (snapshot < 0 || measure_courses(store, &out->courses, &out->n_courses, cause) < 0 ||
	    basemap_init(store, &bm, cause) < 0)
		goto cleanup;
	cols = out->n_courses + 1;
	measure_rowmap_init(&map, out->units, out->n_units);
	ps.manual_due = xcalloc(cols, sizeof(int));
	ps.manual_assigned = xcalloc(cols, sizeof(int));
	own = xcalloc(out->n_units * cols * CC_WIDTH, sizeof(double));
	own_prev = xcalloc(out->n_units * cols * CC_WIDTH, sizeof(double));
	st = store_stmt(store, WHO_SQL " ORDER BY id", cause);
	if (st == NULL)
		goto cleanup;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (n_people == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			people = xreallocarray(people, alloc, sizeof(*people));
		}
		who_read(st, &people[n_people++]);
	}
	store_done(st);
	if (step != SQLITE_DONE) {
		store_fail(store, cause, "reading people");
		goto cleanup;
	}
	for (size_t i = 0; i < n_people; i++) {
		size_t row = measure_rowmap_get(&map, people[i].unit_id);

		if (row == SIZE_MAX ||
		    (!who_active(&people[i], out->day) && !who_active(&people[i], out->prev_day)))
			continue;
		if (person_state_read(store, &bm, out->courses, out->n_courses, people[i].id, &ps,
				      cause) < 0)
			goto cleanup;
		completion_add(&people[i], out->courses, out->n_courses, &ps, out->day, own, row);
		completion_add(&people[i], out->courses, out->n_courses, &ps, out->prev_day,
			       own_prev, row);
	}
	out->cells = xcalloc(out->n_units * cols, sizeof(*out->cells));
	out->prev_cells = xcalloc(out->n_units * cols, sizeof(*out->prev_cells));
	in_total = xcalloc(cols, sizeof(*in_total));
	for (size_t c = 0; c < out->n_courses; c++)
		in_total[c] = !out->courses[c].coordinators;
	completion_cells(own, out->units, out->n_units, cols, in_total, scope->k, out->cells);
	completion_cells(own_prev, out->units, out->n_units, cols, in_total, scope->k,
			 out->prev_cells);
	rc = 0;
cleanup:
	measure_snapshot_end(store, snapshot);
	if (rc < 0)
		measure_completion_release(out);
	measure_rowmap_release(&map);
	free(bm.base);
	free(ps.manual_due);
	free(ps.manual_assigned);
	free(ps.passes);
	free(people);
	free(own);
	free(own_prev);
	free(in_total);
	return rc;
}

int measure_person_completion(struct store *store, long long person_id, int d,
			      struct measure_person_course **out, size_t *n, char **cause)
{
	struct measure_course *courses = NULL;
	size_t n_courses = 0, count = 0;
	struct basemap bm = {0};
	struct person_state ps = {0};
	struct measure_person_course *list = NULL;
	struct who w;
	sqlite3_stmt *st;
	int rc = -1, step;

	*out = NULL;
	*n = 0;
	st = store_stmt(store, WHO_SQL " WHERE id = ?1", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		who_read(st, &w);
	store_done(st);
	if (step == SQLITE_DONE)
		return 0;
	if (step != SQLITE_ROW)
		return store_fail(store, cause, "reading person");
	if (measure_courses(store, &courses, &n_courses, cause) < 0 ||
	    basemap_init(store, &bm, cause) < 0)
		goto cleanup;
	ps.manual_due = xcalloc(n_courses + 1, sizeof(int));
	ps.manual_assigned = xcalloc(n_courses + 1, sizeof(int));
	if (person_state_read(store, &bm, courses, n_courses, person_id, &ps, cause) < 0)
		goto cleanup;
	list = xcalloc(n_courses + 1, sizeof(*list));
	for (size_t c = 0; c < n_courses; c++) {
		int due;

		if (!assigned_on(&w, &courses[c], &ps, c, d, &due))
			continue;
		list[count].course_id = courses[c].id;
		list[count].due_day = due;
		list[count].pass_day = latest_pass(&ps, c, d);
		list[count].state = measure_completion_state(d, due, list[count].pass_day,
							     courses[c].refresh_months);
		count++;
	}
	*out = list;
	*n = count;
	list = NULL;
	rc = 0;
cleanup:
	free(list);
	measure_courses_free(&courses, n_courses);
	free(bm.base);
	free(ps.manual_due);
	free(ps.manual_assigned);
	free(ps.passes);
	return rc;
}
