/*
 * One-time codes (TOTP, RFC 6238) for coordinators and admins: 6 digits,
 * 30-second steps, HMAC-SHA1 as every authenticator app expects, with one
 * step of clock drift either way. Codes are computed with liboath.
 *
 * Invariants:
 *   - the secret is stored only encrypted: crypto_secretbox (XSalsa20 +
 *     Poly1305) under a key derived from FILE.key and the person's id
 *     (crypto_kdf, context "vaksamTO"), so a stolen database alone holds no
 *     usable secret and a secret copied to another person's row does not
 *     open;
 *   - the last accepted time step is stored and a code is accepted only for
 *     a later step (compare-and-set in one UPDATE), so a code cannot be used
 *     twice, not even by two kiosks at once;
 *   - enrolling always makes a new random secret (160 bits); the demo secret
 *     is set only by demo_populate.
 *
 * Secrets returned to callers are for showing once at enrolment: wipe them
 * with sodium_memzero before freeing (totp_secret_free does).
 */
#ifndef VAKSAM_TOTP_H
#define VAKSAM_TOTP_H

#include <stdbool.h>

struct store;

#define TOTP_DIGITS 6
#define TOTP_STEP_SECONDS 30
#define TOTP_WINDOW 1             /* steps of drift accepted either way */
#define TOTP_SECRET_BYTES 20      /* 160 bits, as RFC 4226 recommends */
#define TOTP_DEMO_SECRET "JBSWY3DPEHPK3PXP"

/*
 * Makes a new random secret for person_id and stores it encrypted, replacing
 * any earlier one (and its last step). Inside the caller's transaction.
 * On success *secret_b32 is the new secret in base32 (newly allocated; show
 * it once, then totp_secret_free). Returns 0 or -1 with *cause.
 */
int totp_enrol(struct store *store, long long person_id, char **secret_b32, char **cause);
/* Stores a given base32 secret (the demo's). Inside the caller's transaction. */
int totp_set_secret(struct store *store, long long person_id, const char *secret_b32,
		    char **cause);
/* Removes a person's secret (inside the caller's transaction). */
int totp_remove(struct store *store, long long person_id, char **cause);
/* Whether person_id has a secret. Returns 0 or -1 with *cause. */
int totp_is_enrolled(struct store *store, long long person_id, bool *enrolled, char **cause);

/*
 * Checks a code typed by person_id (6 digits; spaces ignored) against the
 * time steps now-1, now and now+1 (store_time(), so VAKSAM_NOW moves it).
 * Accepts it only for a step later than the last accepted one, and records
 * that step. Returns 1 accepted, 0 refused (wrong, reused, too old or new,
 * not enrolled), -1 with *cause on error. Works with or without an open
 * transaction.
 */
int totp_check(struct store *store, long long person_id, const char *code, char **cause);

/*
 * Returns a newly allocated otpauth:// URI for an authenticator app
 * (otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30),
 * issuer and account percent-encoded; caller wipes and frees (it holds the
 * secret).
 */
char *totp_uri(const char *issuer, const char *account, const char *secret_b32);

/*
 * Draws text as a QR code (error correction M) for a terminal, two module
 * rows per line with the half-block characters U+2580, U+2584 and U+2588,
 * with a quiet zone of 4 modules. Light modules are drawn as blocks (right on
 * the usual light-on-dark terminal); invert draws the dark ones instead (for
 * dark-on-light terminals). *out is newly allocated, lines end in '\n'.
 * Returns 0 or -1 with *cause.
 */
int totp_qr_text(const char *text, bool invert, char **out, char **cause);

/* Wipes and frees a secret or URI; accepts NULL, sets *s to NULL. */
void totp_secret_free(char **s);

/* The code for a base32 secret at a time (seconds since the epoch), into
 * out (TOTP_DIGITS + 1 bytes). For tests and the demo. Returns 0 or -1. */
int totp_code_at(const char *secret_b32, long long when, char out[TOTP_DIGITS + 1]);

#include "banned.h"

#endif
