/* The unit tree; see unit.h. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "collate.h"
#include "strbuf.h"
#include "xmalloc.h"

char *unit_path_normalise(const char *path, char **cause)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = path;

	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		const char *s = p, *e = p + len;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (s == e) {
			*cause = xasprintf(*path ? "unit path '%s' has an empty part"
						 : "unit path is empty%s",
					   path);
			strbuf_release(&out);
			return NULL;
		}
		if (out.len)
			strbuf_addch(&out, '/');
		strbuf_add(&out, s, (size_t)(e - s));
		if (!slash)
			break;
		p = slash + 1;
	}
	return strbuf_detach(&out);
}

int unit_find(struct store *store, const char *path, long long *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT id FROM unit WHERE path = ?1", cause);
	int rc;

	if (st == NULL)
		return -1;
	*id = 0;
	store_bind_text(st, 1, path);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "finding unit");
	return 0;
}

int unit_ensure(struct store *store, const char *raw_path, long long *id, char **cause)
{
	char *path = unit_path_normalise(raw_path, cause);
	char *now = NULL;
	long long parent = 0;
	int rc = -1;
	size_t i = 0;

	if (path == NULL)
		return -1;
	if (unit_find(store, path, id, cause) < 0)
		goto cleanup;
	if (*id) {
		rc = 0;
		goto cleanup;
	}
	now = store_now();
	/* Walk the prefixes, creating each missing one below the last. */
	for (;;) {
		long long uid = 0;
		char *prefix;
		const char *name;

		while (path[i] && path[i] != '/')
			i++;
		prefix = xstrndup(path, i);
		name = strrchr(prefix, '/');
		name = name ? name + 1 : prefix;
		if (unit_find(store, prefix, &uid, cause) < 0) {
			free(prefix);
			goto cleanup;
		}
		if (uid == 0) {
			sqlite3_stmt *st = store_stmt(
				store,
				"INSERT INTO unit (parent_id, name, path, created) VALUES (?1, ?2, ?3, ?4)",
				cause);
			if (st == NULL) {
				free(prefix);
				goto cleanup;
			}
			if (parent)
				sqlite3_bind_int64(st, 1, parent);
			store_bind_text(st, 2, name);
			store_bind_text(st, 3, prefix);
			store_bind_text(st, 4, now);
			if (sqlite3_step(st) != SQLITE_DONE) {
				store_done(st);
				free(prefix);
				store_fail(store, cause, "creating unit");
				goto cleanup;
			}
			store_done(st);
			uid = sqlite3_last_insert_rowid(store->db);
		}
		free(prefix);
		parent = uid;
		if (!path[i])
			break;
		i++;
	}
	*id = parent;
	rc = 0;
cleanup:
	free(now);
	free(path);
	return rc;
}

static int unit_cmp_path(const void *a, const void *b)
{
	const struct unit *ua = a, *ub = b;
	const char *pa = ua->path, *pb = ub->path;

	/* Compare part by part so that a parent comes before its children and
	 * siblings follow Swedish order. */
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

/*
 * Fills head_count_tree for units in tree order (unit_cmp_path): each
 * unit's own head count plus those of every unit whose path lies below its
 * path. In that order a unit's descendants follow it in one run, so a stack
 * of the path ancestors of the current unit is enough: a unit leaving the
 * stack has its sum complete and adds it to the unit under it, its nearest
 * ancestor. One pass, O(units x depth).
 */
static void unit_sum_trees(struct unit *units, size_t n)
{
	size_t *stack = xcalloc(n ? n : 1, sizeof(*stack));
	size_t depth = 0;

	for (size_t i = 0; i <= n; i++) {
		/* i == n flushes the stack. */
		while (depth > 0) {
			const struct unit *top = &units[stack[depth - 1]];
			size_t len = strlen(top->path);

			if (i < n && strncmp(units[i].path, top->path, len) == 0 &&
			    units[i].path[len] == '/')
				break;
			depth--;
			if (depth > 0)
				units[stack[depth - 1]].head_count_tree += top->head_count_tree;
		}
		if (i == n)
			break;
		units[i].head_count_tree = units[i].head_count;
		stack[depth++] = i;
	}
	free(stack);
}

int unit_list(struct store *store, struct unit **out, size_t *n, char **cause)
{
	/* One pass over person: its active people counted per unit. */
	sqlite3_stmt *st = store_stmt(
		store,
		"SELECT u.id, IFNULL(u.parent_id, 0), u.name, u.path, IFNULL(c.n, 0)"
		" FROM unit u LEFT JOIN (SELECT unit_id, count(*) AS n FROM person"
		"  WHERE active GROUP BY unit_id) c ON c.unit_id = u.id",
		cause);
	struct unit *units = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct unit *u;

		if (count == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			units = xreallocarray(units, alloc, sizeof(*units));
		}
		u = &units[count++];
		u->id = sqlite3_column_int64(st, 0);
		u->parent_id = sqlite3_column_int64(st, 1);
		u->name = store_column_text(st, 2);
		u->path = store_column_text(st, 3);
		u->depth = 0;
		for (const char *p = u->path; *p; p++)
			u->depth += *p == '/';
		u->head_count = sqlite3_column_int(st, 4);
		u->head_count_tree = 0;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		unit_list_free(&units, count);
		return store_fail(store, cause, "listing units");
	}
	if (count)
		qsort(units, count, sizeof(*units), unit_cmp_path);
	unit_sum_trees(units, count);
	*out = units;
	*n = count;
	return 0;
}

void unit_list_free(struct unit **units, size_t n)
{
	if (*units == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*units)[i].name);
		free((*units)[i].path);
	}
	free(*units);
	*units = NULL;
}
