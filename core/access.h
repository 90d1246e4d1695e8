/*
 * Who may see whose data: the one access check in core that every screen
 * and every query for people's data passes.
 *
 * Roles (person.role):
 *   staff        their own data, nothing of anyone else;
 *   coordinator  their own data, and for the units they cover the people's
 *                names and completion status (passed, not yet, overdue) and
 *                unit figures, never another person's scores or answers;
 *   admin        everything; admins work through the command line, which
 *                needs write access to the database and its key file
 *                (access_cli), or through the kiosk with the same rights.
 * An inactive or unknown viewer has no rights at all.
 *
 * A coordinator covers their own unit and every unit below it, or, when an
 * admin has given them units with `vaksam staff scope EMPLOYEE UNIT...`,
 * exactly those units and every unit below them (instead of their own, not as
 * well). Nothing else: never a sibling, a parent, or another förvaltning.
 *
 * Use: struct access a = ACCESS_INIT; access_load(store, viewer, &a, &cause);
 * ... access_person(...) / access_unit(...) / access_people(...) ...;
 * access_release(&a). Load it again after anything that changes roles,
 * units or scopes (the kiosk does at every login).
 */
#ifndef VAKSAM_ACCESS_H
#define VAKSAM_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "person.h"

struct store;

/* What is asked for about a person. */
enum access_kind {
	ACCESS_PERSON_STATUS, /* name, unit, completion status, overdue (coordinator view) */
	ACCESS_PERSON_DETAIL  /* scores, answers, levels, attempts, history (own data) */
};

struct access {
	long long viewer_id; /* the person looking; 0 for the command line */
	enum role role;
	bool active;         /* false: no rights at all */
	bool all;            /* every unit and person (admin, command line) */
	long long *units;    /* owned, sorted: the unit ids covered, subtrees included */
	size_t n_units;
	long long *roots;    /* owned: the top units covered (scope or own unit) */
	size_t n_roots;
};
#define ACCESS_INIT { 0, ROLE_STAFF, false, false, NULL, 0, NULL, 0 }

/*
 * Loads the rights of viewer_id into *out (zero-initialised or released).
 * An unknown or inactive viewer gets no rights (returns 0, out->active
 * false). Returns 0 or -1 with *cause (caller frees).
 */
int access_load(struct store *store, long long viewer_id, struct access *out, char **cause);
/* The rights of the command line (an admin with the key file): everything. */
void access_cli(struct access *out);
void access_release(struct access *a);

/* Whether the viewer may see figures of unit_id (and its people's status). */
bool access_unit(const struct access *a, long long unit_id);
/*
 * Whether the viewer may see `kind` data of person_id. Returns 1 allowed,
 * 0 refused (also for an unknown person), -1 with *cause on error.
 */
int access_person(struct store *store, const struct access *a, long long person_id,
		  enum access_kind kind, char **cause);
/*
 * The people the viewer may see the status of (their own entry included),
 * filtered like person_list (filter may be NULL) and sorted by name. *out
 * as person_list: free with person_list_free(). Returns 0 or -1 with *cause.
 */
int access_people(struct store *store, const struct access *a, const struct person_filter *filter,
		  struct person **out, size_t *n, char **cause);

/* --- scopes (`vaksam staff scope`) ------------------------------------- */

/* Replaces the units given to a coordinator (n may be 0: back to their own
 * unit). Inside the caller's transaction. Returns 0 or -1 with *cause. */
int access_scope_set(struct store *store, long long person_id, const long long *unit_ids,
		     size_t n, char **cause);
/* The units given to person_id (not their subtrees); *ids newly allocated
 * (caller frees), *n may be 0. Returns 0 or -1 with *cause. */
int access_scope_get(struct store *store, long long person_id, long long **ids, size_t *n,
		     char **cause);

#include "banned.h"

#endif
