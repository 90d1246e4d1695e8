/*
 * Logging in, badges and activation codes; see login.h for the flow and what
 * the screens may tell apart.
 *
 * Invariants: a badge code is stored only as its keyed BLAKE2b
 * (credential.badge_hash, unique, so it can be looked up); an activation code
 * only as keyed BLAKE2b too (older versions stored Argon2id, which still
 * verifies; credential.h says why that is enough) with its expiry time; a
 * person holds at most one of each, so issuing a new one replaces (revokes)
 * the old. Every PIN check runs exactly one Argon2id verification and every
 * code check one keyed hash, against a dummy when there is nothing real to
 * check, so the time taken does not tell whether an employee number exists.
 * Failure counters and locks follow the reserve/settle scheme described in
 * login.h; they live in login_lock.c.
 */
#include "login.h"

#include <sodium.h>
#include <string.h>

#include "audit.h"
#include "badge.h"
#include "credential.h"
#include "login_internal.h"
#include "person.h"
#include "store_internal.h"
#include "totp.h"
#include "xmalloc.h"

/*
 * An Argon2id string of a random secret nobody knows, with the cost
 * credential.c uses (m=19456 KiB, t=2, p=1): verifying a PIN against it takes
 * as long as a real check and never succeeds. If credential.c's cost changes,
 * change this too: test_unknown_number_same_answer in test_login.c fails.
 */
#define DUMMY_HASH                                                                                 \
	"$argon2id$v=19$m=19456,t=2,p=1$RJJvnb+OI9fyYhvNzUakNw$"                                   \
	"pHHyuV5IlUnFoe5bfYKTF+U+mtzHjZEfWrOaqWXJbg0"

/* Unambiguous upper case: no 0/O, 1/I/L. 31 characters, so ten of them carry
 * about 49 bits; they are single use, expire, are throttled by the lock and
 * stored keyed with FILE.key. */
static const char activation_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/* Longest employee number looked up; longer input is simply not found. */
#define EMPLOYEE_NO_MAX 64

/* What the PIN and activation steps need to know about an active person. */
struct login_row {
	bool found;               /* an active person with this id */
	enum role role;
	char *pin_hash;           /* owned; NULL when none */
	char *activation_hash;    /* owned; NULL when none */
	char *activation_expires; /* owned; NULL when none */
};

static void login_row_release(struct login_row *row)
{
	free(row->pin_hash);
	free(row->activation_hash);
	free(row->activation_expires);
	memset(row, 0, sizeof(*row));
}

/* Returns 0 or -1 with *cause. A missing key makes every step an error
 * rather than a refusal, so a broken installation is noticed. */
static int require_key(struct store *store, char **cause)
{
	if (store_has_key(store))
		return 0;
	*cause = xasprintf("%s.key: key file missing; nobody can log in", store_path(store));
	return -1;
}

/* Fills *row for person id (an active person only); id 0 finds nobody.
 * Returns 0 or -1 with *cause; release *row either way. */
static int login_row_read(struct store *store, long long id, struct login_row *row, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	memset(row, 0, sizeof(*row));
	if (id <= 0)
		return 0;
	st =
	    store_stmt(store,
		       "SELECT c.pin_hash, c.activation_hash, c.activation_expires, p.role FROM person p"
		       " LEFT JOIN credential c ON c.person_id = p.id WHERE p.id = ?1 AND p.active",
		       cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 3);

		row->found = true;
		row->pin_hash = store_column_text(st, 0);
		row->activation_hash = store_column_text(st, 1);
		row->activation_expires = store_column_text(st, 2);
		if (role == NULL || role_parse(role, &row->role) < 0)
			row->role = ROLE_STAFF;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading credential");
	return 0;
}

/* ---- the pending second factor ----------------------------------------- */

/* A right PIN of someone who still owes a one-time code. One per process:
 * a kiosk serves one person at a time. */
static struct {
	const struct store *store; /* not owned; NULL when nothing is pending */
	long long person_id;
	enum login_via via;
	char subject[65];
	long long expires;
} pending;

void login_abandon(void)
{
	sodium_memzero(&pending, sizeof(pending));
	pending.store = NULL;
}

static void pending_set(const struct store *store, const struct login_ticket *ticket)
{
	pending.store = store;
	pending.person_id = ticket->person_id;
	pending.via = ticket->via;
	memcpy(pending.subject, ticket->subject, sizeof(pending.subject));
	pending.expires = store_time() + LOGIN_TOTP_SECONDS;
}

static bool pending_matches(const struct store *store, const struct login_ticket *ticket)
{
	return pending.store != NULL && pending.store == store &&
	       pending.person_id == ticket->person_id && ticket->person_id > 0 &&
	       pending.via == ticket->via && strcmp(pending.subject, ticket->subject) == 0 &&
	       store_time() < pending.expires;
}

/*
 * After a right PIN (or a first PIN just set): logs staff in, sends
 * coordinators and admins to the one-time code step. The reservation of the
 * attempt is still counted. Returns the result for the caller.
 */
static enum login_result login_after_pin(struct store *store, const struct login_ticket *ticket,
					 const struct login_row *row, const char *how,
					 long long *person_id, char **cause)
{
	bool enrolled = false;

	if (row->role == ROLE_STAFF) {
		if (store_begin(store, cause) < 0)
			return LOGIN_ERROR;
		if (login_lock_success(store, ticket, how, cause) < 0 || store_commit(store, cause) < 0) {
			store_rollback(store);
			return LOGIN_ERROR;
		}
		*person_id = ticket->person_id;
		return LOGIN_OK;
	}
	if (login_lock_give_back(store, ticket, cause) < 0 ||
	    totp_is_enrolled(store, ticket->person_id, &enrolled, cause) < 0)
		return LOGIN_ERROR;
	if (!enrolled) {
		if (audit_recordf(store, ticket->person_id, AUDIT_LOGIN_FAIL, ticket->person_id,
				  cause, "via=%s step=totp not-enrolled", login_via_name(ticket->via)) < 0)
			return LOGIN_ERROR;
		return LOGIN_NO_TOTP;
	}
	pending_set(store, ticket);
	return LOGIN_NEEDS_TOTP;
}

/*
 * Reads a typed activation code into out (LOGIN_ACTIVATION_LEN + 1 bytes):
 * any case, spaces, tabs, hyphens and a trailing CR/LF ignored. Returns
 * false when it cannot be a code of ours.
 */
static bool activation_normalise(const char *typed, char out[LOGIN_ACTIVATION_LEN + 1])
{
	size_t len = 0;

	out[0] = '\0';
	for (const char *p = typed; *p; p++) {
		char c = *p;

		if (c == ' ' || c == '\t' || c == '-' || c == '\r' || c == '\n')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (strchr(activation_alphabet, c) == NULL || len == LOGIN_ACTIVATION_LEN) {
			sodium_memzero(out, LOGIN_ACTIVATION_LEN + 1);
			out[0] = '\0';
			return false;
		}
		out[len++] = c;
	}
	out[len] = '\0';
	return len == LOGIN_ACTIVATION_LEN;
}

/*
 * Checks an activation code for the ticket with exactly one keyed-hash
 * verification (Argon2id for a code stored by an older version). Fills
 * *row (release it on every path) for login_set_pin's compare-and-set.
 * Returns LOGIN_OK, LOGIN_REFUSED or LOGIN_ERROR.
 */
static enum login_result activation_verify(struct store *store, const struct login_ticket *ticket,
					   const char *code, struct login_row *row, char **cause)
{
	char norm[LOGIN_ACTIVATION_LEN + 1];
	char *now = NULL;
	bool well_formed, usable, match;

	memset(row, 0, sizeof(*row));
	if (require_key(store, cause) < 0 ||
	    login_row_read(store, ticket->person_id, row, cause) < 0)
		return LOGIN_ERROR;
	well_formed = activation_normalise(code, norm);
	now = store_now();
	usable = well_formed && row->found && row->pin_hash == NULL &&
		 row->activation_hash != NULL && row->activation_expires != NULL &&
		 strcmp(now, row->activation_expires) < 0;
	free(now);
	/* The caller has reserved this attempt (lock_reserve) and settles it. */
	match = credential_verify_code(store, usable ? row->activation_hash : NULL,
				       well_formed ? norm : "-");
	sodium_memzero(norm, sizeof(norm));
	return usable && match ? LOGIN_OK : LOGIN_REFUSED;
}

/* Looks up an active person by employee number or by badge hash (exactly one
 * of the two is non-NULL). Fills person_id and has_pin when found. Returns 1
 * found, 0 not, -1 with *cause. */
static int login_lookup(struct store *store, const char *employee_no, const char *badge_hash,
			struct login_ticket *ticket, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (employee_no)
		st = store_stmt(store,
				"SELECT p.id, c.pin_hash IS NOT NULL FROM person p"
				" LEFT JOIN credential c ON c.person_id = p.id"
				" WHERE p.employee_no = ?1 AND p.active",
				cause);
	else
		st = store_stmt(store,
				"SELECT p.id, c.pin_hash IS NOT NULL FROM credential c"
				" JOIN person p ON p.id = c.person_id"
				" WHERE c.badge_hash = ?1 AND p.active",
				cause);
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, employee_no ? employee_no : badge_hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ticket->person_id = sqlite3_column_int64(st, 0);
		ticket->has_pin = sqlite3_column_int(st, 1) != 0;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "looking up a login");
	return rc == SQLITE_ROW;
}

/* The employee-number half of login_identify. */
static enum login_result identify_number(struct store *store, const char *typed,
					 struct login_ticket *ticket, char **cause)
{
	size_t start = 0, end = strlen(typed);
	char *number;
	int found = 0;

	while (start < end && strchr(" \t\r\n", typed[start]))
		start++;
	while (end > start && strchr(" \t\r\n", typed[end - 1]))
		end--;
	if (start == end)
		return LOGIN_REFUSED;
	number = xstrndup(typed + start, end - start);
	/* The counter belongs to the number typed, whether anyone has it or not. */
	login_subject_number(store, number, ticket->subject);
	if (end - start <= EMPLOYEE_NO_MAX)
		found = login_lookup(store, number, NULL, ticket, cause);
	free(number);
	if (found < 0)
		return LOGIN_ERROR;
	if (found == 0) {
		/* Unknown or inactive: looks like someone with a PIN. */
		ticket->person_id = 0;
		ticket->has_pin = true;
		return LOGIN_OK;
	}
	return ticket->has_pin ? LOGIN_OK : LOGIN_NEEDS_ACTIVATION;
}

enum login_result login_identify(struct store *store, const char *typed,
				 struct login_ticket *ticket, char **cause)
{
	char code[BADGE_CODE_LEN + 1];
	char *hash;
	int found;

	login_abandon();
	ticket->person_id = 0;
	ticket->via = LOGIN_VIA_NUMBER;
	ticket->has_pin = true;
	ticket->subject[0] = '\0';
	if (require_key(store, cause) < 0)
		return LOGIN_ERROR;
	switch (badge_code_read(typed, code)) {
	case BADGE_NOT_A_CODE:
		return identify_number(store, typed, ticket, cause);
	case BADGE_MISTYPED:
		ticket->via = LOGIN_VIA_BADGE;
		return LOGIN_BAD_CODE;
	case BADGE_FOREIGN:
		ticket->via = LOGIN_VIA_BADGE;
		return LOGIN_REFUSED;
	case BADGE_WELL_FORMED:
		break;
	}
	ticket->via = LOGIN_VIA_BADGE;
	hash = credential_token_hash(store, code);
	sodium_memzero(code, sizeof(code));
	found = login_lookup(store, NULL, hash, ticket, cause);
	free(hash);
	if (found < 0)
		return LOGIN_ERROR;
	if (found == 0) {
		/* An unknown or revoked badge: 128 random bits cannot be guessed,
		 * so there is no counter, but the attempt is recorded. */
		ticket->person_id = 0;
		if (audit_record(store, 0, AUDIT_LOGIN_FAIL, 0, "via=badge step=badge unknown",
				 cause) < 0)
			return LOGIN_ERROR;
		return LOGIN_REFUSED;
	}
	login_subject_badge(store, ticket->person_id, ticket->subject);
	return ticket->has_pin ? LOGIN_OK : LOGIN_NEEDS_ACTIVATION;
}

/* Common start of every check: the key, a ticket from login_identify, and a
 * reserved attempt. Returns LOGIN_OK to go on. */
static enum login_result check_start(struct store *store, const struct login_ticket *ticket,
				     const char *step, char **cause)
{
	if (require_key(store, cause) < 0)
		return LOGIN_ERROR;
	if (ticket->subject[0] == '\0')
		return LOGIN_REFUSED;
	return login_lock_reserve(store, ticket, step, cause);
}

enum login_result login_check_pin(struct store *store, const struct login_ticket *ticket,
				  const char *pin, long long *person_id, char **cause)
{
	struct login_row row;
	enum login_result result;
	bool usable, match;

	*person_id = 0;
	memset(&row, 0, sizeof(row));
	login_abandon();
	result = check_start(store, ticket, "pin", cause);
	if (result != LOGIN_OK)
		return result;
	result = LOGIN_ERROR;
	if (login_row_read(store, ticket->person_id, &row, cause) < 0)
		goto cleanup;
	usable = row.found && row.pin_hash != NULL;
	match = credential_verify_secret(store, usable ? row.pin_hash : DUMMY_HASH, pin);
	if (!usable || !match) {
		result = login_lock_settle_wrong(store, ticket, "pin", cause);
		goto cleanup;
	}
	result = login_after_pin(store, ticket, &row, "", person_id, cause);
cleanup:
	login_row_release(&row);
	return result;
}

enum login_result login_check_activation(struct store *store, const struct login_ticket *ticket,
					 const char *code, char **cause)
{
	struct login_row row;
	enum login_result result = check_start(store, ticket, "activation", cause);

	if (result != LOGIN_OK)
		return result;
	result = activation_verify(store, ticket, code, &row, cause);
	login_row_release(&row);
	if (result == LOGIN_REFUSED)
		return login_lock_settle_wrong(store, ticket, "activation", cause);
	if (result == LOGIN_OK && login_lock_give_back(store, ticket, cause) < 0)
		return LOGIN_ERROR;
	return result;
}

enum login_result login_set_pin(struct store *store, const struct login_ticket *ticket,
				const char *code, const char *pin, long long *person_id,
				const char **why, char **cause)
{
	struct login_row row;
	enum login_result result;
	char *hash = NULL, *now = NULL;
	sqlite3_stmt *st;
	int rc;

	*person_id = 0;
	*why = NULL;
	memset(&row, 0, sizeof(row));
	login_abandon();
	if (!credential_pin_acceptable(pin, why))
		return LOGIN_WEAK_PIN;
	result = check_start(store, ticket, "activation", cause);
	if (result != LOGIN_OK)
		return result;
	result = activation_verify(store, ticket, code, &row, cause);
	if (result == LOGIN_REFUSED)
		result = login_lock_settle_wrong(store, ticket, "activation", cause);
	if (result != LOGIN_OK)
		goto cleanup;
	/* Hash before taking the write lock: Argon2id takes tens of ms. */
	result = LOGIN_ERROR;
	hash = credential_hash_secret(store, pin, cause);
	if (hash == NULL || store_begin(store, cause) < 0)
		goto cleanup;
	/* Compare and set: only if the code checked above is still the one
	 * stored, unused and unexpired, and the person still active. */
	st = store_stmt(store,
			"UPDATE credential SET pin_hash = ?2, pin_set = ?3, activation_hash = NULL,"
			" activation_expires = NULL WHERE person_id = ?1 AND pin_hash IS NULL"
			" AND activation_hash = ?4 AND activation_expires > ?3"
			" AND EXISTS (SELECT 1 FROM person WHERE id = ?1 AND active)",
			cause);
	if (st == NULL)
		goto rollback;
	now = store_now();
	sqlite3_bind_int64(st, 1, ticket->person_id);
	store_bind_text(st, 2, hash);
	store_bind_text(st, 3, now);
	store_bind_text(st, 4, row.activation_hash);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE) {
		store_fail(store, cause, "storing PIN");
		goto rollback;
	}
	if (sqlite3_changes(store->db) != 1) {
		/* Another kiosk used the code in the meantime. */
		store_rollback(store);
		result = login_lock_settle_wrong(store, ticket, "activation", cause);
		goto cleanup;
	}
	if (store_commit(store, cause) < 0)
		goto rollback;
	result = login_after_pin(store, ticket, &row, " first-pin", person_id, cause);
	goto cleanup;
rollback:
	store_rollback(store);
cleanup:
	free(now);
	free(hash);
	login_row_release(&row);
	return result;
}

enum login_result login_check_totp(struct store *store, const struct login_ticket *ticket,
				   const char *code, long long *person_id, char **cause)
{
	struct login_row row;
	enum login_result result;
	int ok;

	*person_id = 0;
	memset(&row, 0, sizeof(row));
	if (require_key(store, cause) < 0)
		return LOGIN_ERROR;
	if (!pending_matches(store, ticket)) {
		login_abandon();
		return LOGIN_REFUSED;
	}
	result = login_lock_reserve(store, ticket, "totp", cause);
	if (result == LOGIN_LOCKED)
		login_abandon();
	if (result != LOGIN_OK)
		return result;
	result = LOGIN_ERROR;
	if (login_row_read(store, ticket->person_id, &row, cause) < 0)
		goto cleanup;
	ok = row.found ? totp_check(store, ticket->person_id, code, cause) : 0;
	if (ok < 0)
		goto cleanup;
	if (ok == 0) {
		if (!row.found)
			login_abandon();
		result = login_lock_settle_wrong(store, ticket, "totp", cause);
		goto cleanup;
	}
	if (store_begin(store, cause) < 0)
		goto cleanup;
	if (login_lock_success(store, ticket, " totp", cause) < 0 || store_commit(store, cause) < 0) {
		store_rollback(store);
		goto cleanup;
	}
	login_abandon();
	*person_id = ticket->person_id;
	result = LOGIN_OK;
cleanup:
	login_row_release(&row);
	return result;
}

/* Wipes and frees a secret string; accepts NULL. */
static void secret_free(char **s)
{
	if (*s) {
		sodium_memzero(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

void login_issued_release(struct login_issued *issued)
{
	secret_free(&issued->badge);
	secret_free(&issued->activation);
	free(issued->activation_expires);
	issued->activation_expires = NULL;
}

/* Returns a newly allocated random activation code; caller frees (wiped). */
static char *activation_code_new(void)
{
	char *code = xmalloc(LOGIN_ACTIVATION_LEN + 1);

	for (size_t i = 0; i < LOGIN_ACTIVATION_LEN; i++)
		code[i] = activation_alphabet[randombytes_uniform(sizeof(activation_alphabet) - 1)];
	code[LOGIN_ACTIVATION_LEN] = '\0';
	return code;
}

/* Stores an activation code made (and hashed) earlier for person_id,
 * replacing any earlier one; moves code into issued->activation and sets
 * ->activation_expires. Inside the caller's transaction. Returns 0 or -1
 * with *cause. */
static int activation_store(struct store *store, long long person_id, char **code, const char *hash,
			    struct login_issued *issued, char **cause)
{
	char *expires = login_time_text(store_time() + (long long)LOGIN_ACTIVATION_DAYS * 86400);
	sqlite3_stmt *st = NULL;
	int rc = -1;

	st = store_stmt(store,
			"INSERT INTO credential (person_id, activation_hash, activation_expires)"
			" VALUES (?1, ?2, ?3) ON CONFLICT (person_id) DO UPDATE SET"
			" activation_hash = ?2, activation_expires = ?3",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, hash);
	store_bind_text(st, 3, expires);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(store, cause, "storing an activation code");
		goto cleanup;
	}
	secret_free(&issued->activation);
	free(issued->activation_expires);
	issued->activation = *code;
	issued->activation_expires = expires;
	*code = expires = NULL;
	rc = 0;
cleanup:
	free(expires);
	return rc;
}

/* Makes, hashes and stores a new activation code for person_id. Inside the
 * caller's transaction. Returns 0 or -1 with *cause. */
static int activation_issue(struct store *store, long long person_id, struct login_issued *issued,
			    char **cause)
{
	char *code = activation_code_new();
	char *hash = credential_code_hash(store, code, cause);
	int rc = -1;

	if (hash && activation_store(store, person_id, &code, hash, issued, cause) == 0)
		rc = 0;
	secret_free(&code);
	free(hash);
	return rc;
}

void login_prepared_release(struct login_prepared *prep)
{
	secret_free(&prep->badge);
	free(prep->badge_hash);
	prep->badge_hash = NULL;
	secret_free(&prep->activation);
	free(prep->activation_hash);
	prep->activation_hash = NULL;
}

int login_badge_prepare(struct store *store, long long person_id, struct login_prepared *prep,
			char **cause)
{
	bool has_pin;
	int rc = -1;

	login_prepared_release(prep);
	prep->person_id = person_id;
	if (require_key(store, cause) < 0 ||
	    credential_has_pin(store, person_id, &has_pin, cause) < 0)
		goto cleanup;
	prep->badge = badge_code_new();
	prep->badge_hash = credential_token_hash(store, prep->badge);
	if (!has_pin) {
		prep->activation = activation_code_new();
		prep->activation_hash = credential_code_hash(store, prep->activation, cause);
		if (prep->activation_hash == NULL)
			goto cleanup;
	}
	rc = 0;
cleanup:
	if (rc < 0)
		login_prepared_release(prep);
	return rc;
}

int login_issue_prepared(struct store *store, struct login_prepared *prep,
			 struct login_issued *issued, char **cause)
{
	char *now = NULL;
	sqlite3_stmt *st;
	bool has_pin;
	int rc = -1;

	st = store_stmt(
	    store,
	    "INSERT INTO credential (person_id, badge_hash, badge_issued) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (person_id) DO UPDATE SET badge_hash = ?2, badge_issued = ?3",
	    cause);
	if (st == NULL)
		goto cleanup;
	now = store_now();
	sqlite3_bind_int64(st, 1, prep->person_id);
	store_bind_text(st, 2, prep->badge_hash);
	store_bind_text(st, 3, now);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(store, cause, "storing a badge");
		goto cleanup;
	}
	rc = -1;
	/* Asked again inside the transaction: the person may have set a PIN
	 * (then no activation code is needed) or had it reset since. */
	if (credential_has_pin(store, prep->person_id, &has_pin, cause) < 0)
		goto cleanup;
	if (!has_pin && prep->activation_hash) {
		if (activation_store(store, prep->person_id, &prep->activation,
				     prep->activation_hash, issued, cause) < 0)
			goto cleanup;
	} else if (!has_pin && activation_issue(store, prep->person_id, issued, cause) < 0) {
		goto cleanup;
	}
	if (audit_record(store, 0, AUDIT_STAFF_BADGE, prep->person_id,
			 has_pin ? "badge" : "badge+activation", cause) < 0)
		goto cleanup;
	secret_free(&issued->badge);
	issued->badge = prep->badge;
	prep->badge = NULL;
	rc = 0;
cleanup:
	free(now);
	return rc;
}

int login_issue_badge(struct store *store, long long person_id, struct login_issued *issued,
		      char **cause)
{
	struct login_prepared prep = LOGIN_PREPARED_INIT;
	int rc = -1;

	if (login_badge_prepare(store, person_id, &prep, cause) == 0 &&
	    login_issue_prepared(store, &prep, issued, cause) == 0)
		rc = 0;
	login_prepared_release(&prep);
	return rc;
}

int login_reset_pin(struct store *store, long long person_id, struct login_issued *issued,
		    char **cause)
{
	sqlite3_stmt *st;
	int rc;

	if (require_key(store, cause) < 0)
		return -1;
	st = store_stmt(store,
			"INSERT INTO credential (person_id) VALUES (?1) ON CONFLICT (person_id)"
			" DO UPDATE SET pin_hash = NULL, pin_set = NULL",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "clearing a PIN");
	if (activation_issue(store, person_id, issued, cause) < 0)
		return -1;
	return audit_record(store, 0, AUDIT_STAFF_RESET_PIN, person_id, NULL, cause);
}

char *login_activation_label(const char *code)
{
	size_t n = strlen(code);
	size_t half = (n + 1) / 2;

	return xasprintf("%.*s %s", (int)half, code, code + half);
}
