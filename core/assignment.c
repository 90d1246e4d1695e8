/* Explicit assignments; the rule and its precedence are in assignment.h. */
#include "assignment.h"

#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "store_internal.h"
#include "unit.h"
#include "xmalloc.h"

/* The original course of slug (itself unless it is a translation); 0 when
 * there is none. */
static int base_course(struct store *store, const char *slug, long long *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT CASE WHEN c.translation_of IS NULL THEN c.id"
	    "  ELSE IFNULL((SELECT b.id FROM course b WHERE b.slug = c.translation_of), c.id) END"
	    " FROM course c WHERE c.slug = ?1",
	    cause);
	int rc;

	if (st == NULL)
		return -1;
	*id = 0;
	store_bind_text(st, 1, slug);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "finding course");
	return 0;
}

int assignment_set(struct store *store, const struct assignment_request *req, size_t *count,
		   char **cause)
{
	sqlite3_stmt *st;
	long long course_id = 0, unit_id = 0;
	char due[DAY_ISO_SIZE];
	char *now = NULL, *path = NULL;
	int rc = -1;

	*count = 0;
	if (base_course(store, req->course, &course_id, cause) < 0)
		return -1;
	if (course_id == 0) {
		*cause = xasprintf("no course '%s' (see 'vaksam content build')", req->course);
		return 1;
	}
	if (req->target == ASSIGNMENT_UNIT) {
		path = unit_path_normalise(req->unit_path ? req->unit_path : "", cause);
		if (path == NULL)
			return 1;
		if (unit_find(store, path, &unit_id, cause) < 0)
			goto cleanup;
		if (unit_id == 0) {
			*cause = xasprintf("no unit '%s' (see 'vaksam units')", path);
			rc = 1;
			goto cleanup;
		}
	}
	day_format(req->due_day, due);
	now = store_now();
	if (store_begin(store, cause) < 0)
		goto cleanup;
	st =
	    store_stmt(store,
		       "INSERT INTO assignment (person_id, course_id, due, assigned)"
		       " SELECT p.id, ?1, ?2, ?3 FROM person p LEFT JOIN unit u ON u.id = p.unit_id"
		       " WHERE p.active AND (?4 = 0"
		       "  OR (?4 = 1 AND u.id IS NOT NULL AND (u.path = ?5 OR substr(u.path, 1, "
		       "length(?5) + 1)"
		       "      = ?5 || '/'))"
		       "  OR (?4 = 2 AND p.role = ?6))"
		       " ON CONFLICT (person_id, course_id) DO UPDATE SET due = excluded.due,"
		       "  assigned = excluded.assigned",
		       cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, course_id);
	store_bind_text(st, 2, due);
	store_bind_text(st, 3, now);
	sqlite3_bind_int(st, 4,
			 req->target == ASSIGNMENT_ALL    ? 0
			 : req->target == ASSIGNMENT_UNIT ? 1
							  : 2);
	store_bind_text(st, 5, path ? path : "");
	store_bind_text(st, 6, role_name(req->role));
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "assigning");
		goto cleanup;
	}
	store_done(st);
	*count = (size_t)sqlite3_changes(store->db);
	if (store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0)
		store_rollback(store);
	free(now);
	free(path);
	return rc;
}

int assignment_introduce(struct store *store, long long course_id, int day, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "INSERT INTO course_intro (course_id, introduced) VALUES (?1, ?2)"
		       " ON CONFLICT (course_id) DO UPDATE SET introduced = ?2",
		       cause);
	char text[DAY_ISO_SIZE];
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	store_bind_text(st, 2, day_format(day, text));
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "recording course introduction");
	return 0;
}
