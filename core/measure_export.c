/*
 * The responses behind the measures, row by row, for the `responses` CSV
 * (measure.h). Each response names the smallest unit at or above its
 * person's with at least k active people, never a smaller one.
 */
#include "measure.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "measure_internal.h"
#include "store_internal.h"
#include "unit.h"
#include "xmalloc.h"

/* The reporting path of every unit id: itself when it has at least k active
 * people (with those below it), else its nearest such ancestor, else "". */
struct report_units {
	const char **path; /* by unit id; points into units */
	bool *in_scope;    /* by unit id */
	size_t n;
	struct unit *units;
	size_t n_units;
};

static int report_units_init(struct store *store, const struct measure_scope *scope,
			     struct report_units *r, char **cause)
{
	const char *scope_path = NULL;
	long long max_id = 0;
	size_t *at;

	memset(r, 0, sizeof(*r));
	if (measure_unit_tree(store, &r->units, &r->n_units, cause) < 0)
		return -1;
	for (size_t i = 0; i < r->n_units; i++) {
		if (r->units[i].id > max_id)
			max_id = r->units[i].id;
		if (r->units[i].id == scope->unit_id)
			scope_path = r->units[i].path;
	}
	if (scope->unit_id && scope_path == NULL) {
		*cause = xstrdup("no such unit");
		return -1;
	}
	r->n = (size_t)max_id + 1;
	r->path = xcalloc(r->n, sizeof(*r->path));
	r->in_scope = xcalloc(r->n, sizeof(*r->in_scope));
	at = xcalloc(r->n, sizeof(*at));
	for (size_t i = 0; i < r->n_units; i++)
		at[r->units[i].id] = i;
	/* Tree order: a parent's answer is known before its children's. */
	for (size_t i = 0; i < r->n_units; i++) {
		const struct unit *u = &r->units[i];
		size_t plen = scope_path ? strlen(scope_path) : 0;

		if (u->head_count_tree >= scope->k)
			r->path[u->id] = u->path;
		else if (u->parent_id)
			r->path[u->id] = r->path[u->parent_id];
		else
			r->path[u->id] = "";
		r->in_scope[u->id] =
		    scope_path == NULL || u->id == scope->unit_id ||
		    (strncmp(u->path, scope_path, plen) == 0 && u->path[plen] == '/');
	}
	free(at);
	return 0;
}

static void report_units_release(struct report_units *r)
{
	free(r->path);
	free(r->in_scope);
	unit_list_free(&r->units, r->n_units);
	memset(r, 0, sizeof(*r));
}

int measure_responses(struct store *store, const struct measure_scope *scope,
		      int (*fn)(void *ctx, const struct measure_response_row *row), void *ctx,
		      char **cause)
{
	struct report_units ru;
	sqlite3_stmt *st;
	char from[DAY_ISO_SIZE], until[DAY_ISO_SIZE];
	int rc = -1, step;

	if (report_units_init(store, scope, &ru, cause) < 0) {
		report_units_release(&ru);
		return -1;
	}
	day_format(scope->from_day, from);
	day_format(scope->to_day + 1, until);
	st = store_stmt(
	    store,
	    "SELECT a.id, c.slug, q.name, v.version, IFNULL(q.topic, ''), a.kind, a.source,"
	    "  r.answered, r.mark, IFNULL(p.unit_id, IFNULL(a.unit_id, 0))"
	    " FROM response r JOIN attempt a ON a.id = r.attempt_id"
	    " JOIN course c ON c.id = a.course_id"
	    " JOIN question_version v ON v.id = r.question_version_id"
	    " JOIN question q ON q.id = v.question_id"
	    " LEFT JOIN person p ON p.id = a.person_id"
	    " WHERE r.mark >= 0 AND r.answered >= ?1 AND r.answered < ?2"
	    " ORDER BY r.attempt_id, r.position",
	    cause);
	if (st == NULL)
		goto cleanup;
	store_bind_text(st, 1, from);
	store_bind_text(st, 2, until);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct measure_response_row row;
		long long unit = sqlite3_column_int64(st, 9);
		int stop;

		if (unit > 0 && (size_t)unit < ru.n) {
			if (!ru.in_scope[unit])
				continue;
			row.unit = ru.path[unit] ? ru.path[unit] : "";
		} else {
			if (scope->unit_id)
				continue;
			row.unit = "";
		}
		row.attempt_id = sqlite3_column_int64(st, 0);
		row.course = (const char *)sqlite3_column_text(st, 1);
		row.question = (const char *)sqlite3_column_text(st, 2);
		row.version = sqlite3_column_int(st, 3);
		row.topic = (const char *)sqlite3_column_text(st, 4);
		row.kind = (const char *)sqlite3_column_text(st, 5);
		row.source = (const char *)sqlite3_column_text(st, 6);
		row.answered = (const char *)sqlite3_column_text(st, 7);
		row.mark = sqlite3_column_double(st, 8);
		stop = fn(ctx, &row);
		if (stop) {
			store_done(st);
			rc = stop;
			goto cleanup;
		}
	}
	store_done(st);
	if (step != SQLITE_DONE) {
		store_fail(store, cause, "reading responses");
		goto cleanup;
	}
	rc = 0;
cleanup:
	report_units_release(&ru);
	return rc;
}
