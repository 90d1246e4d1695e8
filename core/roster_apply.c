/*
 * Writing a parsed roster (roster.c) to the store through the person and
 * unit API, in one transaction. Either every change is written or none is:
 * a refusal or any store error rolls back, and so does a dry run, after
 * doing all the same work so that its counts are the real ones.
 *
 * People are matched by employee number (exact text). Units are created in
 * sorted path order, so the same roster gives the same unit ids whatever its
 * row order.
 */
#include "roster.h"

#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "person.h"
#include "store.h"
#include "unit.h"
#include "xmalloc.h"

/* A refusal when more than this share of active people would leave ... */
#define LEAVERS_PERCENT 10
/* ... and more than this many. */
#define LEAVERS_MIN 5

static int person_cmp_employee(const void *a, const void *b)
{
	const struct person *pa = *(const struct person *const *)a;
	const struct person *pb = *(const struct person *const *)b;

	return strcmp(pa->employee_no, pb->employee_no);
}

static int key_cmp_employee(const void *key, const void *elem)
{
	const struct person *p = *(const struct person *const *)elem;

	return strcmp(key, p->employee_no);
}

/* The person with this employee number, or NULL. by_no is sorted. */
static struct person *person_lookup(struct person **by_no, size_t n, const char *employee_no)
{
	struct person **found;

	if (n == 0)
		return NULL;
	found = bsearch(employee_no, by_no, n, sizeof(*by_no), key_cmp_employee);
	return found ? *found : NULL;
}

static int row_cmp_unit(const void *a, const void *b)
{
	const struct roster_row *ra = *(const struct roster_row *const *)a;
	const struct roster_row *rb = *(const struct roster_row *const *)b;

	return strcmp(ra->unit_path, rb->unit_path);
}

/*
 * Finds or creates the unit of every row that is to be written, once per
 * distinct path. Fills unit_ids (one entry per roster row; 0 for no unit).
 */
static int ensure_units(struct store *store, const struct roster *roster, long long *unit_ids,
			char **cause)
{
	const struct roster_row **v = xreallocarray(NULL, roster->n_rows, sizeof(*v));
	size_t n = 0;
	int rc = -1;
	long long id = 0;

	for (size_t i = 0; i < roster->n_rows; i++) {
		if (!roster->rows[i].rejected && roster->rows[i].unit_path)
			v[n++] = &roster->rows[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), row_cmp_unit);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i - 1]->unit_path, v[i]->unit_path) != 0) {
			if (unit_ensure(store, v[i]->unit_path, &id, cause) < 0)
				goto cleanup;
		}
		unit_ids[v[i] - roster->rows] = id;
	}
	rc = 0;
cleanup:
	free(v);
	return rc;
}

/* Writes one valid row; counts it in *res. */
static int apply_row(struct store *store, const struct roster_row *row, long long unit_id,
		     struct person *p, struct roster_result *res, char **cause)
{
	enum role role;

	if (p == NULL) {
		role = row->has_role ? row->role : ROLE_STAFF;
		if (person_add(store, row->employee_no, row->name, unit_id, role, NULL, cause) < 0)
			return -1;
		res->added++;
		return 0;
	}
	role = row->has_role ? row->role : p->role;
	if (p->active && p->unit_id == unit_id && p->role == role &&
	    strcmp(p->name, row->name) == 0) {
		res->unchanged++;
		return 0;
	}
	if (person_update(store, p->id, row->name, unit_id, role, cause) < 0)
		return -1;
	res->updated++;
	return 0;
}

int roster_apply(struct store *store, const struct roster *roster,
		 const struct roster_options *opt, struct roster_result *res, char **cause)
{
	struct person_filter all = { NULL, true };
	struct person *people = NULL;
	struct person **by_no = NULL;
	bool *listed = NULL;
	long long *unit_ids = NULL;
	size_t n_people = 0, leavers = 0;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	res->rejected = roster->n_rejected;
	if (roster->n_rejected && !opt->skip_invalid) {
		*cause = xasprintf("%s: %zu row%s rejected; nothing was written (--skip-invalid "
				   "imports the valid rows)",
				   roster->file, roster->n_rejected,
				   roster->n_rejected == 1 ? "" : "s");
		return -1;
	}
	if (store_begin(store, cause) < 0)
		return -1;
	if (person_list(store, &all, &people, &n_people, cause) < 0)
		goto cleanup;

	if (n_people) {
		by_no = xreallocarray(NULL, n_people, sizeof(*by_no));
		listed = xcalloc(n_people, sizeof(*listed));
		for (size_t i = 0; i < n_people; i++)
			by_no[i] = &people[i];
		qsort(by_no, n_people, sizeof(*by_no), person_cmp_employee);
	}
	/* Everyone on a row, rejected or not, stays as active as they are. */
	for (size_t i = 0; i < roster->n_rows; i++) {
		const struct roster_row *row = &roster->rows[i];
		struct person *p;

		if (row->employee_no == NULL)
			continue;
		p = person_lookup(by_no, n_people, row->employee_no);
		if (p)
			listed[p - people] = true;
	}
	for (size_t i = 0; i < n_people; i++) {
		if (people[i].active) {
			res->active_before++;
			leavers += !listed[i];
		}
	}
	if (!opt->force && leavers > LEAVERS_MIN &&
	    leavers * 100 > res->active_before * LEAVERS_PERCENT) {
		*cause = xasprintf("%s: %zu of the %zu active people (%zu%%) are not in the roster "
				   "and would become inactive; nothing was written. Check that the "
				   "roster is complete, or use --force to import it anyway",
				   roster->file, leavers, res->active_before,
				   leavers * 100 / res->active_before);
		goto cleanup;
	}

	if (roster->n_rows) {
		unit_ids = xcalloc(roster->n_rows, sizeof(*unit_ids));
		if (ensure_units(store, roster, unit_ids, cause) < 0)
			goto cleanup;
	}
	for (size_t i = 0; i < roster->n_rows; i++) {
		const struct roster_row *row = &roster->rows[i];

		if (row->rejected)
			continue;
		if (apply_row(store, row, unit_ids[i],
			      person_lookup(by_no, n_people, row->employee_no), res, cause) < 0)
			goto cleanup;
	}
	for (size_t i = 0; i < n_people; i++) {
		if (people[i].active && !listed[i]) {
			if (person_set_active(store, people[i].id, false, cause) < 0)
				goto cleanup;
			res->deactivated++;
		}
	}
	if (opt->dry_run) {
		store_rollback(store);
	} else if (audit_recordf(store, 0, AUDIT_ROSTER_IMPORT, 0, cause,
				 "added=%zu updated=%zu deactivated=%zu rejected=%zu", res->added,
				 res->updated, res->deactivated, res->rejected) < 0 ||
		   store_commit(store, cause) < 0) {
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (rc < 0) {
		size_t rejected = res->rejected, active = res->active_before;

		store_rollback(store);
		memset(res, 0, sizeof(*res));
		res->rejected = rejected;
		res->active_before = active;
	}
	free(unit_ids);
	free(listed);
	free(by_no);
	person_list_free(&people, n_people);
	return rc;
}
