/*
 * People: staff, coordinators and admins. The employee number is text (leading
 * zeros matter) and unique; people are never deleted by an import, only made
 * inactive, so their training history stays.
 */
#ifndef VAKSAM_PERSON_H
#define VAKSAM_PERSON_H

#include <stdbool.h>
#include <stddef.h>

struct store;

enum role { ROLE_STAFF, ROLE_COORDINATOR, ROLE_ADMIN };

struct person {
	long long id;
	char *employee_no; /* owned */
	char *name;        /* owned */
	long long unit_id; /* 0 when none */
	char *unit_path;   /* owned; NULL when none */
	enum role role;
	bool active;
	char *created;   /* owned */
	char *last_seen; /* owned; NULL when never */
};

/* "staff", "coordinator", "admin". */
const char *role_name(enum role role);
/* Parses English or Swedish role names, case- and accent-insensitive
 * (staff/medarbetare, coordinator/samordnare, admin/administratör).
 * Returns 0, or -1 for an unknown name. */
int role_parse(const char *text, enum role *out);

/* Finds an active or inactive person by employee number. Returns 1 when found
 * (filling *out, which the caller releases), 0 when not found, -1 on error. */
int person_find(struct store *store, const char *employee_no, struct person *out, char **cause);
/* The same by internal id. */
int person_get(struct store *store, long long id, struct person *out, char **cause);

struct person_filter {
	const char *unit_path; /* NULL for every unit; else this unit and below */
	bool include_inactive;
};
/* People sorted by name in Swedish order. *out is a new array; free with
 * person_list_free(). */
int person_list(struct store *store, const struct person_filter *filter, struct person **out,
		size_t *n, char **cause);
void person_list_free(struct person **people, size_t n);
void person_release(struct person *p);

/* Adds a person (inside the caller's transaction); sets *id. */
int person_add(struct store *store, const char *employee_no, const char *name, long long unit_id,
	       enum role role, long long *id, char **cause);
/* Updates name, unit, role and makes the person active (inside the caller's
 * transaction). */
int person_update(struct store *store, long long id, const char *name, long long unit_id,
		  enum role role, char **cause);
int person_set_role(struct store *store, long long id, enum role role, char **cause);
int person_set_active(struct store *store, long long id, bool active, char **cause);
int person_touch(struct store *store, long long id, char **cause);
/* Counts active people. */
int person_count_active(struct store *store, long long *n, char **cause);

#include "banned.h"

#endif
