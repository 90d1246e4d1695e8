/*
 * For login.c and login_lock.c only: the failure counters and locks that
 * login.c's checks reserve and settle (see "Lockouts" in login.h), and the
 * small helpers both files use.
 */
#ifndef VAKSAM_LOGIN_INTERNAL_H
#define VAKSAM_LOGIN_INTERNAL_H

#include "login.h"

/* "number" or "badge". */
const char *login_via_name(enum login_via via);
/* Returns a newly allocated "YYYY-MM-DDTHH:MM:SSZ" for t (UTC); caller frees. */
char *login_time_text(long long t);

/* The counter of a typed employee number, and of a badge holder: keyed
 * BLAKE2b (hex) into subject, so the table holds nothing typed. */
void login_subject_number(const struct store *store, const char *number, char subject[65]);
void login_subject_badge(const struct store *store, long long person_id, char subject[65]);

/*
 * Reserves one attempt for the ticket before a secret is checked, in one
 * BEGIN IMMEDIATE transaction: refuses while locked, and while
 * LOGIN_MAX_FAILURES attempts are already counted (wrong ones, or ones still
 * being checked elsewhere or lost with a killed kiosk), starting the lock
 * then if none is running; otherwise counts this attempt. step names the
 * check for the audit log ("pin", "activation", "totp"). Returns LOGIN_OK
 * (go on and check), LOGIN_LOCKED or LOGIN_ERROR.
 */
enum login_result login_lock_reserve(struct store *store, const struct login_ticket *ticket,
				     const char *step, char **cause);
/* A reserved attempt turned out wrong: records login.fail and, at the
 * limit, starts the lock (login.lockout). Returns LOGIN_REFUSED or
 * LOGIN_ERROR. */
enum login_result login_lock_settle_wrong(struct store *store, const struct login_ticket *ticket,
					  const char *step, char **cause);
/* A reserved attempt was right but logs nobody in yet: gives it back. In
 * its own transaction. Returns 0 or -1 with *cause. */
int login_lock_give_back(struct store *store, const struct login_ticket *ticket, char **cause);
/* A whole login succeeded (inside the caller's transaction): the counter
 * and its lock history go; last_seen and login.ok (detail "via=X" + how)
 * are written. Returns 0 or -1 with *cause. */
int login_lock_success(struct store *store, const struct login_ticket *ticket, const char *how,
		       char **cause);

#include "banned.h"

#endif
