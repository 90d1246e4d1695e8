/*
 * Logging in at the kiosk: an employee number or a scanned badge code, then a
 * PIN. A person without a PIN first gives the one-time activation code that
 * was handed over with the badge, then chooses a PIN, so a badge taken from a
 * printer is not enough to take over an account. Inactive people cannot log
 * in; they are refused exactly like unknown ones.
 *
 * The kiosk drives it in steps:
 *   login_identify()         number or badge text -> a login_ticket. Never
 *                            says "unknown number": an unknown or inactive
 *                            number gets a ticket that fails at the PIN step
 *                            after the same Argon2id work as a real check.
 *   login_check_pin()        ticket + PIN -> person id, or refused
 *   login_check_activation() ticket + activation code -> right or refused
 *                            (does not use the code up)
 *   login_set_pin()          ticket + the same activation code + new PIN ->
 *                            PIN stored, code used up, person logged in
 *   login_check_totp()       after LOGIN_NEEDS_TOTP: ticket + six-digit code
 *                            -> person id (coordinators and admins)
 *
 * What the screens may tell apart: LOGIN_OK, LOGIN_NEEDS_ACTIVATION,
 * LOGIN_BAD_CODE ("mistyped, scan again"), LOGIN_WEAK_PIN (say *why),
 * LOGIN_LOCKED ("too many attempts, try later"), LOGIN_NEEDS_TOTP (ask for
 * the code), LOGIN_NO_TOTP and LOGIN_ERROR. Every other failure is
 * LOGIN_REFUSED and gets one message.
 * The one thing an observer can learn is that a number or badge leads to the
 * activation step, i.e. that it belongs to someone who has no PIN yet; the
 * issue's flow asks for exactly that, and the code itself is still needed.
 *
 * Secrets: badge codes and activation codes are stored only as keyed
 * BLAKE2b, PINs only as Argon2id over keyed BLAKE2b (credential.h says why
 * codes need no Argon2id); nothing here logs or keeps them. Without the key
 * file every step returns LOGIN_ERROR.
 *
 * Two factors: coordinators and admins give a six-digit one-time code
 * (TOTP, totp.h) after the PIN. For them login_check_pin (and
 * login_set_pin) answers LOGIN_NEEDS_TOTP instead of LOGIN_OK, and only
 * login_check_totp() logs them in; LOGIN_NO_TOTP says the PIN was right but
 * no one-time code is set up yet (an admin runs `vaksam staff totp`). The
 * PIN step's success is remembered in this process only, for
 * LOGIN_TOTP_SECONDS, and only for that ticket: a kiosk serves one person at
 * a time. login_abandon() forgets it (logout, idle timeout).
 *
 * Lockouts: five wrong secrets in a row (PINs, activation codes and one-time
 * codes alike) after one employee number lock that way in for 15 minutes,
 * then 30, 60, ... (doubling each time, until a login succeeds or an admin
 * runs `vaksam staff unlock`). Badge logins keep their own counter, so typing
 * a colleague's number cannot lock them out of their badge. Numbers nobody
 * has lock exactly like real ones, so a lock says nothing about whether a
 * number exists. The counter lives in the database (table login_lock), so a
 * lock survives a restart. Each check first reserves its attempt: in one
 * BEGIN IMMEDIATE transaction it checks the lock and raises the count, and
 * only then checks the secret (Argon2id for a PIN), outside the write lock; a
 * right secret gives the reservation back. So parallel kiosks cannot race
 * past the limit (at most five checks are ever in flight), a kiosk killed
 * mid-check has used up an attempt, and no write lock is held during the
 * 40 ms of Argon2id.
 *
 * Audit: every success (login.ok), failure (login.fail) and lock
 * (login.lockout) is recorded with the person's internal id (none for an
 * unknown number) and the way in, never what was typed.
 */
#ifndef VAKSAM_LOGIN_H
#define VAKSAM_LOGIN_H

#include <stdbool.h>

struct store;

enum login_via { LOGIN_VIA_NUMBER, LOGIN_VIA_BADGE };

enum login_result {
	LOGIN_OK,               /* identified / PIN right / code right / PIN set */
	LOGIN_REFUSED,          /* wrong PIN, unknown number or badge, inactive person,
				   wrong, used or expired activation code: one message */
	LOGIN_NEEDS_ACTIVATION, /* identified a person who has no PIN yet */
	LOGIN_BAD_CODE,         /* a scanned code whose check character is wrong */
	LOGIN_WEAK_PIN,         /* login_set_pin: the new PIN is too easy; see *why */
	LOGIN_LOCKED,           /* too many failures: refused until the lock ends, even
				   with the right secret (same for known and unknown) */
	LOGIN_ERROR,            /* the store failed or the key is missing; *cause says why */
	LOGIN_NEEDS_TOTP,       /* PIN right; a coordinator or admin: ask for the
				   six-digit one-time code, then login_check_totp */
	LOGIN_NO_TOTP           /* PIN right, but this role needs a one-time code and
				   none is set up: not logged in; say "ask an
				   administrator to run vaksam staff totp" */
};

/*
 * What login_identify learnt. The kiosk passes it back unchanged and must not
 * branch on person_id (0 for an unknown or inactive number, kept secret).
 */
struct login_ticket {
	long long person_id; /* 0 when nobody (active) was found */
	enum login_via via;
	bool has_pin;
	char subject[65];    /* names the failure counter: keyed BLAKE2b (hex) of the
				typed number, or of the badge holder; "" before
				login_identify */
};

/* Wrong secrets in a row that lock a way in. */
#define LOGIN_MAX_FAILURES 5
/* The first lock; each further one doubles (at most LOGIN_LOCK_MAX_DOUBLINGS times). */
#define LOGIN_LOCK_MINUTES 15
#define LOGIN_LOCK_MAX_DOUBLINGS 10
/* How long a right PIN waits for its one-time code. */
#define LOGIN_TOTP_SECONDS 300

/* Length of an activation code, without the grouping space. */
#define LOGIN_ACTIVATION_LEN 10
/* Days an activation code stays valid. */
#define LOGIN_ACTIVATION_DAYS 30

/*
 * Reads what was typed or scanned at the login prompt: a badge code (VKB...,
 * any case, spaces ignored) or else an employee number (surrounding white
 * space and a scanner's CR/LF ignored). Text that reads as a scan code (VK,
 * a letter and at least two more of A-Z/0-9, spaces ignored) is always taken
 * as one. Fills *ticket. Returns:
 *   LOGIN_OK                ask for the PIN (also for an unknown or inactive
 *                           number: the PIN step refuses it)
 *   LOGIN_NEEDS_ACTIVATION  ask for the activation code, then a new PIN twice
 *   LOGIN_BAD_CODE          a mistyped scan code (check character wrong)
 *   LOGIN_REFUSED           a well-formed badge nobody active holds (unknown,
 *                           revoked, inactive person), another kind of scan
 *                           code, or empty input
 *   LOGIN_ERROR             *cause set (caller frees)
 */
enum login_result login_identify(struct store *store, const char *typed,
				 struct login_ticket *ticket, char **cause);

/*
 * Checks the PIN with one Argon2id verification whether or not the ticket
 * names anyone. LOGIN_OK sets *person_id and records last_seen; LOGIN_REFUSED
 * otherwise (also when the person has no PIN or was made inactive since).
 * LOGIN_LOCKED while the ticket's way in is locked (no PIN is checked).
 * For a coordinator or admin a right PIN gives LOGIN_NEEDS_TOTP (or
 * LOGIN_NO_TOTP) and *person_id stays 0: nobody is logged in yet.
 */
enum login_result login_check_pin(struct store *store, const struct login_ticket *ticket,
				  const char *pin, long long *person_id, char **cause);

/*
 * Checks a one-time activation code (any case; spaces and hyphens ignored)
 * without using it up, so the kiosk can say "wrong code" before asking for a
 * PIN. LOGIN_OK or LOGIN_REFUSED (wrong, used, expired, or nobody); a
 * wrong code counts towards the lock like a wrong PIN (LOGIN_LOCKED).
 */
enum login_result login_check_activation(struct store *store, const struct login_ticket *ticket,
					 const char *code, char **cause);

/*
 * Sets the first PIN: checks pin with credential_pin_acceptable (LOGIN_WEAK_PIN
 * with *why, static English text, before anything else), checks the
 * activation code again, then in one BEGIN IMMEDIATE transaction stores the
 * PIN and uses the code up, so two kiosks cannot both use it. LOGIN_OK sets
 * *person_id (the person is logged in) and records last_seen. For a
 * coordinator or admin the PIN is stored and the answer is LOGIN_NEEDS_TOTP
 * or LOGIN_NO_TOTP, as from login_check_pin. LOGIN_LOCKED as there.
 */
enum login_result login_set_pin(struct store *store, const struct login_ticket *ticket,
				const char *code, const char *pin, long long *person_id,
				const char **why, char **cause);

/*
 * The second factor, after LOGIN_NEEDS_TOTP for the same ticket within
 * LOGIN_TOTP_SECONDS: checks the six-digit code (totp_check: one step of
 * drift, never the same code twice). LOGIN_OK sets *person_id, records
 * last_seen and ends the pending step. LOGIN_REFUSED for a wrong or reused
 * code (it counts towards the lock; the person may try again) or when no PIN
 * step is pending for this ticket; LOGIN_LOCKED; LOGIN_ERROR.
 */
enum login_result login_check_totp(struct store *store, const struct login_ticket *ticket,
				   const char *code, long long *person_id, char **cause);

/* Forgets a pending one-time-code step (logout, idle timeout, Escape). */
void login_abandon(void);

/* What `vaksam staff unlock` shows: a way in's lock. */
struct login_lock_info {
	int failures;        /* wrong secrets since the last success or lock */
	int locks;           /* locks in a row (the next lasts 15 min << locks) */
	char *locked_until;  /* owned; NULL when not locked now */
};
/*
 * Reads the lock of person_id's way in `via` (by number: the counter of
 * their employee number). Fills *info (release with login_lock_info_release).
 * Returns 0 or -1 with *cause.
 */
int login_lock_read(struct store *store, long long person_id, enum login_via via,
		    struct login_lock_info *info, char **cause);
void login_lock_info_release(struct login_lock_info *info);
/*
 * For `vaksam staff unlock`: clears both counters and locks of person_id
 * (number and badge) and records login.unlock. Inside the caller's
 * transaction. Sets *cleared to the number of counters removed. Returns 0 or
 * -1 with *cause.
 */
int login_unlock(struct store *store, long long person_id, int *cleared, char **cause);
/* For `gdpr erase`: removes every counter of person_id, also the one of their
 * employee number made before they had it, without an audit entry (the
 * erase records its own). Inside the caller's transaction. */
int login_forget(struct store *store, long long person_id, char **cause);

/* Codes just issued; every field newly allocated or NULL. Print them once and
 * release: nothing can show them again. */
struct login_issued {
	char *badge;              /* canonical VKB... code; NULL from login_reset_pin */
	char *activation;         /* LOGIN_ACTIVATION_LEN characters; NULL when the
				     person has a PIN */
	char *activation_expires; /* "YYYY-MM-DDTHH:MM:SSZ" (UTC); NULL with activation */
};
#define LOGIN_ISSUED_INIT { NULL, NULL, NULL }
/* Wipes and frees the fields; leaves *issued as LOGIN_ISSUED_INIT. */
void login_issued_release(struct login_issued *issued);

/*
 * For `staff badge` and `print badges`: issues a new badge code for an
 * existing person, revoking the old one, and for a person without a PIN a
 * new activation code (replacing any earlier one), and records staff.badge
 * in the audit log (actor: the command line). Runs inside the caller's
 * transaction (store_begin). Fills *issued (release it on every path);
 * returns 0, or -1 with *cause. An activation code costs one keyed BLAKE2b
 * (microseconds), not Argon2id.
 */
int login_issue_badge(struct store *store, long long person_id, struct login_issued *issued,
		      char **cause);

/*
 * The same in two halves, so that `print badges` makes the codes and their
 * hashes before its write transaction and kiosks are not kept waiting for
 * the write lock meanwhile (this mattered most while activation codes were
 * hashed with Argon2id; it still keeps the transaction to the writes).
 * login_badge_prepare() reads whether the person has a PIN and makes the
 * codes and their hashes, outside any transaction; login_issue_prepared()
 * stores them inside the caller's transaction, asking again about the PIN
 * (a code made for someone who has set a PIN since is dropped; someone whose
 * PIN was cleared since gets a code hashed there). It moves the codes into
 * *issued. Both return 0 or -1 with *cause; release *prep on every path.
 */
struct login_prepared {
	long long person_id;
	char *badge;           /* canonical VKB... code */
	char *badge_hash;      /* keyed BLAKE2b of badge */
	char *activation;      /* NULL when the person had a PIN */
	char *activation_hash; /* keyed BLAKE2b (hex) of activation, NULL with it */
};
#define LOGIN_PREPARED_INIT { 0, NULL, NULL, NULL, NULL }
int login_badge_prepare(struct store *store, long long person_id, struct login_prepared *prep,
			char **cause);
int login_issue_prepared(struct store *store, struct login_prepared *prep,
			 struct login_issued *issued, char **cause);
/* Wipes the codes and frees every field; person_id stays. */
void login_prepared_release(struct login_prepared *prep);

/*
 * For `staff reset-pin`: clears the PIN and makes a new activation code
 * (issued->activation and activation_expires; the badge stays valid) and
 * records staff.reset-pin. Inside the caller's transaction. Returns 0, or -1 with *cause.
 */
int login_reset_pin(struct store *store, long long person_id, struct login_issued *issued,
		    char **cause);

/* Returns a newly allocated activation code grouped for print ("ABCDE
 * FGHJK"); caller frees. */
char *login_activation_label(const char *code);

#include "banned.h"

#endif
