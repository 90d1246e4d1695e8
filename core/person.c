/* People; see person.h. */
#include "person.h"

#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "store_internal.h"
#include "xmalloc.h"

static const struct {
	enum role role;
	const char *names[4];
} role_names[] = {
	{ ROLE_STAFF, { "staff", "medarbetare", "anställd", "personal" } },
	{ ROLE_COORDINATOR, { "coordinator", "samordnare", "informationssäkerhetssamordnare", NULL } },
	{ ROLE_ADMIN, { "admin", "administrator", "administratör", NULL } },
};

const char *role_name(enum role role)
{
	switch (role) {
	case ROLE_COORDINATOR: return "coordinator";
	case ROLE_ADMIN: return "admin";
	case ROLE_STAFF: break;
	}
	return "staff";
}

int role_parse(const char *text, enum role *out)
{
	char *folded = collate_fold(text);
	char *s = folded, *e;
	int rc = -1;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	for (size_t i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		for (size_t j = 0; j < 4 && role_names[i].names[j]; j++) {
			char *f = collate_fold(role_names[i].names[j]);
			bool match = strcmp(f, s) == 0;

			free(f);
			if (match) {
				*out = role_names[i].role;
				rc = 0;
				goto cleanup;
			}
		}
	}
cleanup:
	free(folded);
	return rc;
}

static enum role role_from_db(const char *s)
{
	enum role r = ROLE_STAFF;

	if (s)
		role_parse(s, &r);
	return r;
}

#define PERSON_COLUMNS                                                                          \
	"p.id, p.employee_no, p.name, IFNULL(p.unit_id, 0), u.path, p.role, p.active, p.created, " \
	"p.last_seen"

static void person_from_row(sqlite3_stmt *st, struct person *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->employee_no = store_column_text(st, 1);
	p->name = store_column_text(st, 2);
	p->unit_id = sqlite3_column_int64(st, 3);
	p->unit_path = store_column_text(st, 4);
	p->role = role_from_db((const char *)sqlite3_column_text(st, 5));
	p->active = sqlite3_column_int(st, 6) != 0;
	p->created = store_column_text(st, 7);
	p->last_seen = store_column_text(st, 8);
}

static int person_one(struct store *store, sqlite3_stmt *st, struct person *out, char **cause)
{
	int rc = sqlite3_step(st);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		person_from_row(st, out);
		store_done(st);
		return 1;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading person");
	return 0;
}

int person_find(struct store *store, const char *employee_no, struct person *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT " PERSON_COLUMNS " FROM person p"
				      " LEFT JOIN unit u ON u.id = p.unit_id WHERE p.employee_no = ?1",
				      cause);

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, employee_no);
	return person_one(store, st, out, cause);
}

int person_get(struct store *store, long long id, struct person *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT " PERSON_COLUMNS " FROM person p"
				      " LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = ?1",
				      cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return person_one(store, st, out, cause);
}

int person_list(struct store *store, const struct person_filter *filter, struct person **out,
		size_t *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store,
		"SELECT " PERSON_COLUMNS " FROM person p LEFT JOIN unit u ON u.id = p.unit_id"
		" WHERE (?1 OR p.active)"
		"   AND (?2 IS NULL OR u.path = ?2 OR substr(u.path, 1, length(?2) + 1) = ?2 || '/')"
		" ORDER BY p.name COLLATE sv, p.employee_no",
		cause);
	struct person *people = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, filter && filter->include_inactive);
	store_bind_text(st, 2, filter ? filter->unit_path : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			people = xreallocarray(people, alloc, sizeof(*people));
		}
		person_from_row(st, &people[count++]);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		person_list_free(&people, count);
		return store_fail(store, cause, "listing people");
	}
	*out = people;
	*n = count;
	return 0;
}

void person_release(struct person *p)
{
	free(p->employee_no);
	free(p->name);
	free(p->unit_path);
	free(p->created);
	free(p->last_seen);
	memset(p, 0, sizeof(*p));
}

void person_list_free(struct person **people, size_t n)
{
	if (*people == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		person_release(&(*people)[i]);
	free(*people);
	*people = NULL;
}

static int step_done(struct store *store, sqlite3_stmt *st, char **cause, const char *what)
{
	int rc = sqlite3_step(st);

	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, what);
	return 0;
}

int person_add(struct store *store, const char *employee_no, const char *name, long long unit_id,
	       enum role role, long long *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "INSERT INTO person (employee_no, name, unit_id, role, created)"
				      " VALUES (?1, ?2, ?3, ?4, ?5)",
				      cause);
	char *now;
	int rc;

	if (st == NULL)
		return -1;
	now = store_now();
	store_bind_text(st, 1, employee_no);
	store_bind_text(st, 2, name);
	if (unit_id)
		sqlite3_bind_int64(st, 3, unit_id);
	store_bind_text(st, 4, role_name(role));
	store_bind_text(st, 5, now);
	free(now);
	rc = step_done(store, st, cause, "adding person");
	if (rc == 0 && id)
		*id = sqlite3_last_insert_rowid(store->db);
	return rc;
}

int person_update(struct store *store, long long id, const char *name, long long unit_id,
		  enum role role, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "UPDATE person SET name = ?2, unit_id = ?3, role = ?4, active = 1,"
				      " left_at = NULL WHERE id = ?1",
				      cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, name);
	if (unit_id)
		sqlite3_bind_int64(st, 3, unit_id);
	store_bind_text(st, 4, role_name(role));
	return step_done(store, st, cause, "updating person");
}

int person_set_role(struct store *store, long long id, enum role role, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "UPDATE person SET role = ?2 WHERE id = ?1", cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, role_name(role));
	return step_done(store, st, cause, "setting role");
}

int person_set_active(struct store *store, long long id, bool active, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store,
		"UPDATE person SET active = ?2,"
		" left_at = CASE WHEN ?2 THEN NULL ELSE IFNULL(left_at, ?3) END WHERE id = ?1",
		cause);
	char *now;

	if (st == NULL)
		return -1;
	now = store_now();
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, active);
	store_bind_text(st, 3, now);
	free(now);
	return step_done(store, st, cause, "setting active");
}

int person_touch(struct store *store, long long id, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "UPDATE person SET last_seen = ?2 WHERE id = ?1", cause);
	char *now;

	if (st == NULL)
		return -1;
	now = store_now();
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, now);
	free(now);
	return step_done(store, st, cause, "updating last seen");
}

int person_count_active(struct store *store, long long *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT count(*) FROM person WHERE active", cause);
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(store, cause, "counting people");
	return 0;
}
