/* The access check; see access.h for the rules. */
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "xmalloc.h"

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Runs a statement with ?1 bound to id and collects column 0 of every row
 * into a newly allocated array. Returns 0 or -1 with *cause. */
static int collect_ids(struct store *store, sqlite3_stmt *st, long long id, long long **out,
		       size_t *n, const char *what, char **cause)
{
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(store, cause, what);
	}
	return 0;
}

void access_release(struct access *a)
{
	free(a->units);
	free(a->roots);
	memset(a, 0, sizeof(*a));
}

void access_cli(struct access *out)
{
	memset(out, 0, sizeof(*out));
	out->role = ROLE_ADMIN;
	out->active = true;
	out->all = true;
}

int access_load(struct store *store, long long viewer_id, struct access *out, char **cause)
{
	struct person p;
	sqlite3_stmt *st;
	int found;

	access_release(out);
	out->viewer_id = viewer_id;
	if (viewer_id <= 0)
		return 0;
	found = person_get(store, viewer_id, &p, cause);
	if (found < 0)
		return -1;
	if (found == 0)
		return 0;
	out->role = p.role;
	out->active = p.active;
	person_release(&p);
	if (!out->active || out->role == ROLE_STAFF)
		return 0;
	if (out->role == ROLE_ADMIN) {
		out->all = true;
		return 0;
	}
	/* A coordinator: the scope given, else the own unit. */
	st = store_stmt(store,
			"SELECT unit_id FROM coordinator_scope WHERE person_id = ?1"
			" UNION SELECT unit_id FROM person WHERE id = ?1 AND unit_id IS NOT NULL"
			"   AND NOT EXISTS (SELECT 1 FROM coordinator_scope WHERE person_id = ?1)"
			" ORDER BY 1",
			cause);
	if (st == NULL ||
	    collect_ids(store, st, viewer_id, &out->roots, &out->n_roots, "reading scopes", cause) <
		    0)
		return -1;
	st = store_stmt(store,
			"WITH RECURSIVE covered(id) AS ("
			"  SELECT unit_id FROM coordinator_scope WHERE person_id = ?1"
			"  UNION SELECT unit_id FROM person WHERE id = ?1 AND unit_id IS NOT NULL"
			"    AND NOT EXISTS (SELECT 1 FROM coordinator_scope WHERE person_id = ?1)"
			"  UNION SELECT u.id FROM unit u JOIN covered c ON u.parent_id = c.id)"
			" SELECT id FROM covered ORDER BY id",
			cause);
	if (st == NULL ||
	    collect_ids(store, st, viewer_id, &out->units, &out->n_units, "reading units", cause) < 0)
		return -1;
	return 0;
}

bool access_unit(const struct access *a, long long unit_id)
{
	if (!a->active || unit_id <= 0)
		return false;
	if (a->all)
		return true;
	return a->n_units > 0 &&
	       bsearch(&unit_id, a->units, a->n_units, sizeof(*a->units), cmp_id) != NULL;
}

int access_person(struct store *store, const struct access *a, long long person_id,
		  enum access_kind kind, char **cause)
{
	sqlite3_stmt *st;
	long long unit_id = 0;
	int rc;

	if (!a->active || person_id <= 0)
		return 0;
	if (a->viewer_id > 0 && person_id == a->viewer_id)
		return 1;
	if (kind == ACCESS_PERSON_DETAIL && !a->all)
		return 0;
	st = store_stmt(store, "SELECT IFNULL(unit_id, 0) FROM person WHERE id = ?1", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		unit_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading a person");
	if (rc == SQLITE_DONE)
		return 0;
	if (a->all)
		return 1;
	return access_unit(a, unit_id) ? 1 : 0;
}

int access_people(struct store *store, const struct access *a, const struct person_filter *filter,
		  struct person **out, size_t *n, char **cause)
{
	struct person *all = NULL;
	size_t n_all = 0, kept = 0;

	*out = NULL;
	*n = 0;
	if (!a->active)
		return 0;
	if (person_list(store, filter, &all, &n_all, cause) < 0)
		return -1;
	for (size_t i = 0; i < n_all; i++) {
		bool visible = a->all || (a->viewer_id > 0 && all[i].id == a->viewer_id) ||
			       access_unit(a, all[i].unit_id);

		if (visible) {
			if (kept != i)
				all[kept] = all[i];
			kept++;
		} else {
			person_release(&all[i]);
		}
	}
	if (kept == 0) {
		free(all);
		return 0;
	}
	*out = all;
	*n = kept;
	return 0;
}

int access_scope_set(struct store *store, long long person_id, const long long *unit_ids,
		     size_t n, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "DELETE FROM coordinator_scope WHERE person_id = ?1",
				      cause);
	char *now;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "changing a scope");
	now = store_now();
	for (size_t i = 0; i < n; i++) {
		st = store_stmt(store,
				"INSERT OR IGNORE INTO coordinator_scope (person_id, unit_id, granted)"
				" VALUES (?1, ?2, ?3)",
				cause);
		if (st == NULL) {
			free(now);
			return -1;
		}
		sqlite3_bind_int64(st, 1, person_id);
		sqlite3_bind_int64(st, 2, unit_ids[i]);
		store_bind_text(st, 3, now);
		rc = sqlite3_step(st);
		store_done(st);
		if (rc != SQLITE_DONE) {
			free(now);
			return store_fail(store, cause, "changing a scope");
		}
	}
	free(now);
	return 0;
}

int access_scope_get(struct store *store, long long person_id, long long **ids, size_t *n,
		     char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store, "SELECT unit_id FROM coordinator_scope WHERE person_id = ?1 ORDER BY unit_id",
		cause);

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	return collect_ids(store, st, person_id, ids, n, "reading a scope", cause);
}
