/*
 * Credentials: PINs, activation codes and badge tokens. One module, used by
 * the kiosk, printing and the security commands.
 *
 * Storage rule: a PIN (and an activation code) is stored as Argon2id
 * (crypto_pwhash_str, OWASP's minimum cost: 19 MiB, 2 passes) over a keyed
 * BLAKE2b of the secret, keyed with FILE.key. Codes that must be looked up
 * (badge tokens) are stored as keyed BLAKE2b only. Without the key file
 * nothing verifies, so a stolen database alone does not allow offline
 * guessing of short PINs. Nothing stores a weaker form.
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
