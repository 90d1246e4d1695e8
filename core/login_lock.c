/*
 * Failure counters and locks of the login (table login_lock), and what
 * `vaksam staff unlock` and `gdpr erase` do with them. The scheme is
 * described under "Lockouts" in login.h: each check reserves its attempt in
 * one BEGIN IMMEDIATE transaction before any Argon2id work, and settles it
 * afterwards; one row per way in, keyed by ticket->subject.
 */
#include "login_internal.h"

#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "person.h"
#include "store_internal.h"
#include "xmalloc.h"

static int key_check(struct store *store, char **cause)
{
	if (store_has_key(store))
		return 0;
	*cause = xasprintf("%s.key: key file missing; nobody can log in", store_path(store));
	return -1;
}

/* Returns a newly allocated "YYYY-MM-DDTHH:MM:SSZ" for t (UTC); caller frees. */
char *login_time_text(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

const char *login_via_name(enum login_via via)
{
	return via == LOGIN_VIA_BADGE ? "badge" : "number";
}

/* Fills subject with the keyed BLAKE2b (hex) of a label, so the table
 * holds neither typed numbers nor anything that can be guessed offline. */
static void subject_of(const struct store *store, const char *label, char subject[65])
{
	unsigned char h[32];

	store_keyed_hash(store, label, strlen(label), h);
	sodium_bin2hex(subject, 65, h, sizeof(h));
}

void login_subject_number(const struct store *store, const char *number, char subject[65])
{
	char *label = xasprintf("vaksam:login:number:%s", number);

	subject_of(store, label, subject);
	free(label);
}

void login_subject_badge(const struct store *store, long long person_id, char subject[65])
{
	char *label = xasprintf("vaksam:login:badge:%lld", person_id);

	subject_of(store, label, subject);
	free(label);
}

/* One counter as read inside a transaction. */
struct lock_row {
	int failures;
	int locks;
	bool locked; /* locked_until is later than now */
};

static int lock_row_read(struct store *store, const char *subject, const char *now,
			 struct lock_row *row, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT failures, locks, IFNULL(locked_until > ?2, 0)"
				      " FROM login_lock WHERE subject = ?1",
				      cause);
	int rc;

	memset(row, 0, sizeof(*row));
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, subject);
	store_bind_text(st, 2, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		row->failures = sqlite3_column_int(st, 0);
		row->locks = sqlite3_column_int(st, 1);
		row->locked = sqlite3_column_int(st, 2) != 0;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading a login counter");
	return 0;
}

/* Writes a counter (insert or update). locked_until may be NULL to keep it. */
static int lock_row_write(struct store *store, const struct login_ticket *ticket, int failures,
			  int locks, const char *locked_until, const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store,
		"INSERT INTO login_lock (subject, person_id, via, failures, locks, locked_until, updated)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (subject) DO UPDATE SET"
		" person_id = IFNULL(?2, person_id), failures = ?4, locks = ?5,"
		" locked_until = IFNULL(?6, locked_until), updated = ?7",
		cause);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, ticket->subject);
	if (ticket->person_id > 0)
		sqlite3_bind_int64(st, 2, ticket->person_id);
	store_bind_text(st, 3, login_via_name(ticket->via));
	sqlite3_bind_int(st, 4, failures);
	sqlite3_bind_int(st, 5, locks);
	store_bind_text(st, 6, locked_until);
	store_bind_text(st, 7, now);
	rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? 0 : store_fail(store, cause, "writing a login counter");
}

/* Starts a lock on the ticket's counter (inside a transaction): 15 minutes
 * doubled for every lock before it; counts start again from zero. */
static int lock_start(struct store *store, const struct login_ticket *ticket,
		      const struct lock_row *row, const char *now, char **cause)
{
	int doublings = row->locks < LOGIN_LOCK_MAX_DOUBLINGS ? row->locks : LOGIN_LOCK_MAX_DOUBLINGS;
	long long minutes = (long long)LOGIN_LOCK_MINUTES << doublings;
	char *until = login_time_text(store_time() + minutes * 60);
	int rc = lock_row_write(store, ticket, 0, row->locks + 1, until, now, cause);

	free(until);
	if (rc == 0)
		rc = audit_recordf(store, ticket->person_id, AUDIT_LOGIN_LOCKOUT, ticket->person_id,
				   cause, "via=%s minutes=%lld", login_via_name(ticket->via), minutes);
	return rc;
}

/*
 * Reserves one attempt for the ticket before a secret is checked, in one
 * BEGIN IMMEDIATE transaction: refuses while locked, and while
 * LOGIN_MAX_FAILURES attempts are already counted (wrong ones, or ones still
 * being checked elsewhere or lost with a killed kiosk), starting the lock
 * then if none is running. Otherwise counts this attempt. Returns LOGIN_OK
 * (go on and check), LOGIN_LOCKED or LOGIN_ERROR.
 */
enum login_result login_lock_reserve(struct store *store, const struct login_ticket *ticket,
				      const char *step, char **cause)
{
	struct lock_row row;
	enum login_result result = LOGIN_ERROR;
	char *now = store_now();

	if (store_begin(store, cause) < 0)
		goto cleanup;
	if (lock_row_read(store, ticket->subject, now, &row, cause) < 0)
		goto rollback;
	if (row.locked || row.failures >= LOGIN_MAX_FAILURES) {
		if (!row.locked && lock_start(store, ticket, &row, now, cause) < 0)
			goto rollback;
		if (audit_recordf(store, ticket->person_id, AUDIT_LOGIN_FAIL, ticket->person_id,
				  cause, "via=%s step=%s locked", login_via_name(ticket->via), step) < 0 ||
		    store_commit(store, cause) < 0)
			goto rollback;
		result = LOGIN_LOCKED;
		goto cleanup;
	}
	if (lock_row_write(store, ticket, row.failures + 1, row.locks, NULL, now, cause) < 0 ||
	    store_commit(store, cause) < 0)
		goto rollback;
	result = LOGIN_OK;
	goto cleanup;
rollback:
	store_rollback(store);
cleanup:
	free(now);
	return result;
}

/* A reserved attempt turned out wrong: records the failure and, at the
 * limit, starts the lock. Returns LOGIN_REFUSED or LOGIN_ERROR. */
enum login_result login_lock_settle_wrong(struct store *store, const struct login_ticket *ticket,
					   const char *step, char **cause)
{
	struct lock_row row;
	char *now = store_now();
	int rc = -1;

	if (store_begin(store, cause) < 0)
		goto cleanup;
	if (audit_recordf(store, ticket->person_id, AUDIT_LOGIN_FAIL, ticket->person_id, cause,
			  "via=%s step=%s", login_via_name(ticket->via), step) < 0 ||
	    lock_row_read(store, ticket->subject, now, &row, cause) < 0 ||
	    (!row.locked && row.failures >= LOGIN_MAX_FAILURES &&
	     lock_start(store, ticket, &row, now, cause) < 0) ||
	    store_commit(store, cause) < 0) {
		store_rollback(store);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(now);
	return rc == 0 ? LOGIN_REFUSED : LOGIN_ERROR;
}

/* A reserved attempt was right but does not log in yet (an activation code
 * checked, a PIN waiting for its one-time code): gives the attempt back. */
int login_lock_give_back(struct store *store, const struct login_ticket *ticket, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store,
			"UPDATE login_lock SET failures = max(failures - 1, 0) WHERE subject = ?1",
			cause);
	if (st == NULL)
		goto rollback;
	store_bind_text(st, 1, ticket->subject);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_fail(store, cause, "writing a login counter");
		goto rollback;
	}
	if (store_commit(store, cause) < 0)
		goto rollback;
	return 0;
rollback:
	store_rollback(store);
	return -1;
}

/* A whole login succeeded (inside a transaction): the counter goes, with
 * its lock history; last_seen and the audit entry are written. */
int login_lock_success(struct store *store, const struct login_ticket *ticket,
			 const char *how, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "DELETE FROM login_lock WHERE subject = ?1", cause);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, ticket->subject);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "writing a login counter");
	if (person_touch(store, ticket->person_id, cause) < 0)
		return -1;
	return audit_recordf(store, ticket->person_id, AUDIT_LOGIN_OK, ticket->person_id, cause,
			     "via=%s%s", login_via_name(ticket->via), how);
}

/* ---- `staff unlock` and `gdpr erase` ------------------------------------ */

void login_lock_info_release(struct login_lock_info *info)
{
	free(info->locked_until);
	memset(info, 0, sizeof(*info));
}

/* The subject of person_id's way in via; -1 with *cause, 0 for nobody. */
static int subject_for(struct store *store, long long person_id, enum login_via via,
		       char subject[65], char **cause)
{
	struct person p;
	int found;

	memset(&p, 0, sizeof(p));
	if (via == LOGIN_VIA_BADGE) {
		login_subject_badge(store, person_id, subject);
		return 1;
	}
	found = person_get(store, person_id, &p, cause);
	if (found > 0)
		login_subject_number(store, p.employee_no, subject);
	person_release(&p);
	return found;
}

int login_lock_read(struct store *store, long long person_id, enum login_via via,
		    struct login_lock_info *info, char **cause)
{
	char subject[65];
	char *now;
	sqlite3_stmt *st;
	int rc;

	memset(info, 0, sizeof(*info));
	if (key_check(store, cause) < 0)
		return -1;
	rc = subject_for(store, person_id, via, subject, cause);
	if (rc <= 0)
		return rc;
	st = store_stmt(store,
			"SELECT failures, locks, CASE WHEN locked_until > ?2 THEN locked_until END"
			" FROM login_lock WHERE subject = ?1",
			cause);
	if (st == NULL)
		return -1;
	now = store_now();
	store_bind_text(st, 1, subject);
	store_bind_text(st, 2, now);
	free(now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		info->failures = sqlite3_column_int(st, 0);
		info->locks = sqlite3_column_int(st, 1);
		info->locked_until = store_column_text(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading a login counter");
	return 0;
}

/* Deletes the counters of person_id; sets *cleared. */
static int counters_delete(struct store *store, long long person_id, int *cleared, char **cause)
{
	char number[65], badge[65];
	sqlite3_stmt *st;
	int rc;

	*cleared = 0;
	if (key_check(store, cause) < 0)
		return -1;
	rc = subject_for(store, person_id, LOGIN_VIA_NUMBER, number, cause);
	if (rc < 0)
		return -1;
	if (rc == 0)
		number[0] = '\0';
	login_subject_badge(store, person_id, badge);
	st = store_stmt(store,
			"DELETE FROM login_lock WHERE person_id = ?1 OR subject = ?2 OR subject = ?3",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, number);
	store_bind_text(st, 3, badge);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "clearing login counters");
	*cleared = sqlite3_changes(store->db);
	return 0;
}

int login_unlock(struct store *store, long long person_id, int *cleared, char **cause)
{
	if (counters_delete(store, person_id, cleared, cause) < 0)
		return -1;
	return audit_recordf(store, 0, AUDIT_LOGIN_UNLOCK, person_id, cause, "counters=%d",
			     *cleared);
}

int login_forget(struct store *store, long long person_id, char **cause)
{
	int cleared;

	return counters_delete(store, person_id, &cleared, cause);
}
