/* Credential storage and verification; see credential.h for the rules. */
#include "credential.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "xmalloc.h"

/* OWASP's minimum for Argon2id: 19 MiB and 2 passes, so that 50 logins at
 * once stay within memory on a small server. */
#define PIN_OPSLIMIT 2
#define PIN_MEMLIMIT (19u * 1024u * 1024u)

/* The keyed BLAKE2b of secret, as hex, into out (65 bytes). */
static void keyed_hex(const struct store *store, const char *secret, char out[65])
{
	unsigned char h[32];

	store_keyed_hash(store, secret, strlen(secret), h);
	sodium_bin2hex(out, 65, h, sizeof(h));
	sodium_memzero(h, sizeof(h));
}

char *credential_hash_secret(struct store *store, const char *secret, char **cause)
{
	char pre[65];
	char out[crypto_pwhash_STRBYTES];

	if (!store_has_key(store)) {
		*cause = xasprintf("%s.key: key file missing; secrets cannot be stored",
				   store_path(store));
		return NULL;
	}
	keyed_hex(store, secret, pre);
	if (crypto_pwhash_str_alg(out, pre, strlen(pre), PIN_OPSLIMIT, PIN_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		sodium_memzero(pre, sizeof(pre));
		*cause = xstrdup("out of memory while hashing a secret");
		return NULL;
	}
	sodium_memzero(pre, sizeof(pre));
	return xstrdup(out);
}

bool credential_verify_secret(struct store *store, const char *hash, const char *secret)
{
	char pre[65];
	bool ok;

	if (!store_has_key(store) || hash == NULL || secret == NULL)
		return false;
	keyed_hex(store, secret, pre);
	ok = crypto_pwhash_str_verify(hash, pre, strlen(pre)) == 0;
	sodium_memzero(pre, sizeof(pre));
	return ok;
}

char *credential_token_hash(struct store *store, const char *token)
{
	char hex[65];

	keyed_hex(store, token, hex);
	return xstrdup(hex);
}

char *credential_code_hash(struct store *store, const char *code, char **cause)
{
	if (!store_has_key(store)) {
		*cause = xasprintf("%s.key: key file missing; secrets cannot be stored",
				   store_path(store));
		return NULL;
	}
	return credential_token_hash(store, code);
}

/* The prefix of every crypto_pwhash_str string: older versions stored
 * activation codes this way. */
#define ARGON2_PREFIX "$argon2"

bool credential_verify_code(struct store *store, const char *stored, const char *code)
{
	/* What a check with nobody behind it compares against: no code hashes
	 * to all zeros in practice, and the answer is false anyway. */
	static const unsigned char dummy[32];
	unsigned char want[32], got[32];
	size_t n = 0;
	bool ok;

	if (!store_has_key(store) || code == NULL)
		return false;
	if (stored && strncmp(stored, ARGON2_PREFIX, strlen(ARGON2_PREFIX)) == 0)
		return credential_verify_secret(store, stored, code);
	memcpy(want, dummy, sizeof(want));
	if (stored != NULL) {
		if (strlen(stored) != 2 * sizeof(want))
			return false;
		if (sodium_hex2bin(want, sizeof(want), stored, 2 * sizeof(want), NULL, &n, NULL) !=
			0 ||
		    n != sizeof(want))
			return false;
	}
	store_keyed_hash(store, code, strlen(code), got);
	ok = crypto_verify_32(want, got) == 0 && stored != NULL;
	sodium_memzero(got, sizeof(got));
	return ok;
}

bool credential_pin_acceptable(const char *pin, const char **why)
{
	size_t n = strlen(pin);
	bool same = true, up = true, down = true;

	if (n < 4 || n > 8) {
		*why = "a PIN has 4 to 8 digits";
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (pin[i] < '0' || pin[i] > '9') {
			*why = "a PIN has only digits";
			return false;
		}
		if (i > 0) {
			same = same && pin[i] == pin[0];
			up = up && pin[i] == pin[i - 1] + 1;
			down = down && pin[i] == pin[i - 1] - 1;
		}
	}
	if (same) {
		*why = "a PIN of one digit repeated is too easy to guess";
		return false;
	}
	if (up || down) {
		*why = "a PIN of digits in a row is too easy to guess";
		return false;
	}
	return true;
}

int credential_set_pin(struct store *store, long long person_id, const char *pin, char **cause)
{
	char *hash = credential_hash_secret(store, pin, cause);
	char *now = NULL;
	sqlite3_stmt *st;
	int rc = -1;

	if (hash == NULL)
		return -1;
	st = store_stmt(store,
			"INSERT INTO credential (person_id, pin_hash, pin_set) VALUES (?1, ?2, ?3)"
			" ON CONFLICT (person_id) DO UPDATE SET pin_hash = ?2, pin_set = ?3,"
			" activation_hash = NULL, activation_expires = NULL",
			cause);
	if (st == NULL)
		goto cleanup;
	now = store_now();
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, hash);
	store_bind_text(st, 3, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "storing PIN");
		goto cleanup;
	}
	store_done(st);
	rc = 0;
cleanup:
	free(now);
	free(hash);
	return rc;
}

int credential_check_pin(struct store *store, long long person_id, const char *pin, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT pin_hash FROM credential WHERE person_id = ?1",
				      cause);
	char *hash = NULL;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		hash = store_column_text(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading credential");
	rc = credential_verify_secret(store, hash, pin) ? 1 : 0;
	free(hash);
	return rc;
}

int credential_has_pin(struct store *store, long long person_id, bool *has, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store, "SELECT pin_hash IS NOT NULL FROM credential WHERE person_id = ?1", cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	*has = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading credential");
	return 0;
}
