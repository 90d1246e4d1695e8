/*
 * Credentials: PINs, activation codes and badge tokens. One module, used by
 * the kiosk, printing and the security commands.
 *
 * Storage rule: a PIN is stored as Argon2id (crypto_pwhash_str, OWASP's
 * minimum cost: 19 MiB, 2 passes) over a keyed BLAKE2b of the secret, keyed
 * with FILE.key. Codes that must be looked up (badge tokens) and activation
 * codes are stored as keyed BLAKE2b only. An activation code needs no
 * Argon2id: it is 10 random characters from a 31-letter alphabet (about 49
 * bits), single use and expires; online guesses are throttled by login_lock,
 * and the hash is keyed with FILE.key, so a stolen database alone allows no
 * guessing at all. Argon2id's cost is for low-entropy PINs (and made a first
 * card cost tens of milliseconds to print). Activation codes stored as
 * Argon2id by older versions still verify. Without the key file nothing
 * verifies, so a stolen database alone does not allow offline guessing of
 * short PINs. Nothing stores a weaker form.
 */
#ifndef VAKSAM_CREDENTIAL_H
#define VAKSAM_CREDENTIAL_H

#include <stdbool.h>

struct store;

/* Returns a newly allocated Argon2id string for secret, or NULL with *cause
 * when the store has no key. */
char *credential_hash_secret(struct store *store, const char *secret, char **cause);
/* True when secret matches the stored Argon2id string (false without a key). */
bool credential_verify_secret(struct store *store, const char *hash, const char *secret);
/* Returns a newly allocated hex keyed BLAKE2b of a token, for lookups. */
char *credential_token_hash(struct store *store, const char *token);

/* Returns a newly allocated hex keyed BLAKE2b of an activation code (the
 * form credential_token_hash makes), or NULL with *cause when the store has
 * no key. */
char *credential_code_hash(struct store *store, const char *code, char **cause);
/*
 * True when code matches stored: a keyed BLAKE2b in hex, compared in
 * constant time, or an Argon2id string ("$argon2...") stored by an older
 * version. With stored NULL it does the work of a keyed check against a hash
 * nothing matches and returns false, so a check with nobody behind it takes
 * as long as a real one. False without a key or with code NULL.
 */
bool credential_verify_code(struct store *store, const char *stored, const char *code);

/* Whether a PIN is acceptable: 4-8 digits, not a trivial one (0000, 1234,
 * repeated digits, straight runs up or down). Sets *why (static English text)
 * when it is not. */
bool credential_pin_acceptable(const char *pin, const char **why);

/* Sets the PIN of a person (inside the caller's transaction). */
int credential_set_pin(struct store *store, long long person_id, const char *pin, char **cause);
/* Returns 1 when the PIN matches, 0 when not (or no PIN is set), -1 on error. */
int credential_check_pin(struct store *store, long long person_id, const char *pin, char **cause);
/* Whether the person has a PIN. */
int credential_has_pin(struct store *store, long long person_id, bool *has, char **cause);

#include "banned.h"

#endif
