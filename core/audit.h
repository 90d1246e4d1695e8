/*
 * The audit log: append-only and hash-chained.
 *
 * Every entry records when (UTC), who (actor: a person's internal id, or none
 * for the command line, whose origin "cli uid N" says which account ran it),
 * what (an action name below) and on whom or what (object: a person's
 * internal id, or none), with a short detail. People are named by internal
 * id only, never by name or employee number, so erasing a person leaves the
 * chain intact and the log holds nothing that names them. A detail never
 * holds a secret (PIN, code, token, TOTP secret) nor a name: callers write
 * counts, kinds and ids ("via=badge", "course=12 sheets=20").
 *
 * The chain: entry N stores prev_hash = the hash of entry N-1 (32 zero bytes
 * for the first entry ever) and hash = keyed BLAKE2b-256 over prev_hash and
 * its own fields (id, at, actor, origin, action, object, detail, anchor),
 * keyed with a key derived from FILE.key, so an entry changed, inserted or
 * removed outside vaksam no longer verifies, and the chain cannot be
 * recomputed without the key file. A one-row table audit_head keeps the id
 * and hash of the newest entry under its own keyed MAC, so removing the
 * newest entries is detected too. A trigger refuses UPDATE; another refuses
 * DELETE except during audit_purge_before().
 *
 * Purging (retention): entries are removed oldest first, as one prefix of
 * the chain, and an "audit.purge" entry is appended whose anchor holds the
 * hash of the last entry removed; verification then starts from that anchor.
 *
 * Without the key file nothing can be recorded or verified (-1 with *cause).
 */
#ifndef VAKSAM_AUDIT_H
#define VAKSAM_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* Action names. Others may be added: lower case, "area.verb". */
#define AUDIT_LOGIN_OK "login.ok"           /* object: the person; detail: via */
#define AUDIT_LOGIN_FAIL "login.fail"       /* object: the person or none; detail: via, step */
#define AUDIT_LOGIN_LOCKOUT "login.lockout" /* object: the person or none; detail: via, minutes */
#define AUDIT_LOGIN_UNLOCK "login.unlock"   /* object: the person */
#define AUDIT_TOTP_ENROL "totp.enrol"       /* object: the person */
#define AUDIT_ACCESS_SCOPE "access.scope"   /* object: the coordinator; detail: unit ids */
#define AUDIT_GDPR_EXPORT "gdpr.export"     /* object: the person; detail: format */
#define AUDIT_GDPR_ERASE "gdpr.erase"       /* object: the (former) person; detail: reason */
#define AUDIT_GDPR_PURGE "gdpr.purge"       /* detail: cutoff and counts */
#define AUDIT_PURGE_ANCHOR "audit.purge"    /* anchor: hash of the last entry removed */
/* For the other helpers (see the security report): */
#define AUDIT_ROSTER_IMPORT "roster.import" /* detail: counts added/updated/deactivated */
#define AUDIT_PRINT_BADGES "print.badges"   /* object: each person, one entry each */
#define AUDIT_PRINT_QUIZ "print.quiz"       /* detail: course id, unit id, sheet count */
#define AUDIT_PAPER_ENTRY "paper.entry"     /* object: the person or none; detail: sheet id */
#define AUDIT_REPORT_EXPORT "report.export" /* detail: kind, unit id */
#define AUDIT_STAFF_BADGE "staff.badge"     /* object: the person */
#define AUDIT_STAFF_RESET_PIN "staff.reset-pin"
#define AUDIT_STAFF_ROLE "staff.role"       /* object: the person; detail: the new role */
#define AUDIT_BACKUP "db.backup"            /* a copy of the whole database was written */
#define AUDIT_RESTORE "db.restore"          /* the database was replaced by a backup */

/*
 * Where this process acts from, written into every entry: the kiosk calls
 * audit_set_origin("kiosk") once at start; the default is "cli uid N" with
 * the real user id. origin is copied.
 */
void audit_set_origin(const char *origin);

/*
 * Appends an entry. actor_id and object_id are internal person ids, 0 for
 * none; detail may be NULL. Runs inside the caller's transaction when one is
 * open (store_begin), else in its own BEGIN IMMEDIATE transaction. Returns
 * 0 or -1 with *cause (caller frees). Never pass a secret or a name.
 */
int audit_record(struct store *store, long long actor_id, const char *action, long long object_id,
		 const char *detail, char **cause);
/* The same with a printf-style detail. */
int audit_recordf(struct store *store, long long actor_id, const char *action,
		  long long object_id, char **cause, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

struct audit_entry {
	long long id;
	char *at;            /* owned: "YYYY-MM-DDTHH:MM:SSZ" */
	long long actor_id;  /* 0 for none */
	char *origin;        /* owned; may be NULL (older entries) */
	char *action;        /* owned */
	long long object_id; /* 0 for none */
	char *detail;        /* owned; may be NULL */
	char *anchor;        /* owned hex; NULL unless a purge anchor */
};

struct audit_filter {
	const char *since;    /* NULL, or entries at or after this UTC time/date text */
	long long person_id;  /* 0, or entries whose actor or object is this person */
};

/* Entries in order, oldest first. *out is a new array of *n entries; free
 * it with audit_list_free(). Returns 0 or -1 with *cause. */
int audit_list(struct store *store, const struct audit_filter *filter, struct audit_entry **out,
	       size_t *n, char **cause);
void audit_list_free(struct audit_entry **entries, size_t n);

struct audit_verify_result {
	bool ok;
	size_t checked;     /* entries whose hash was checked */
	size_t legacy;      /* entries from before the chain existed (no hash) */
	long long bad_id;   /* the first entry that fails, 0 when none or the head */
	char *problem;      /* owned: what is wrong, NULL when ok */
};
/*
 * Verifies the whole chain and the head. Returns 0 with *result filled (ok
 * or not), or -1 with *cause when it could not be checked (no key, store
 * error). Release result->problem with audit_verify_release().
 */
int audit_verify(struct store *store, struct audit_verify_result *result, char **cause);
void audit_verify_release(struct audit_verify_result *result);

/*
 * For `gdpr purge`: removes the oldest entries whose time is before cutoff
 * ("YYYY-MM-DDTHH:MM:SSZ"), as one prefix of the chain (it stops at the
 * first entry at or after cutoff, so a clock that once went back cannot cut
 * a hole), then appends an "audit.purge" anchor entry (actor actor_id) whose
 * anchor is the hash of the last entry removed and whose detail says how
 * many. Must run inside the caller's transaction. With dry_run nothing is
 * changed and no anchor is written. Sets *removed to the number of entries
 * (to be) removed. Returns 0 or -1 with *cause.
 */
int audit_purge_before(struct store *store, const char *cutoff, long long actor_id, bool dry_run,
		       long long *removed, char **cause);

#include "banned.h"

#endif
