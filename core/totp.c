/* TOTP secrets and codes; see totp.h for the invariants. */
#include "totp.h"

#include <errno.h>
#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>
#include <string.h>

#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

#define KDF_CONTEXT "vaksamTO"
#define QR_QUIET 4

static void oath_ready(void)
{
	static bool ready;

	if (!ready) {
		oath_init();
		ready = true;
	}
}

void totp_secret_free(char **s)
{
	if (*s) {
		sodium_memzero(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

/* The per-person key that seals a secret. */
static void person_key(const struct store *store, long long person_id,
		       unsigned char key[crypto_secretbox_KEYBYTES])
{
	crypto_kdf_derive_from_key(key, crypto_secretbox_KEYBYTES, (uint64_t)person_id, KDF_CONTEXT,
				   store->key);
}

/*
 * Decodes base32 (any case, spaces and '=' ignored) into a newly allocated
 * buffer of *len bytes (wipe and free it). Returns NULL when it is not base32.
 */
static unsigned char *secret_decode(const char *b32, size_t *len)
{
	char *clean = xmalloc(strlen(b32) + 1), *raw = NULL;
	unsigned char *copy = NULL;
	size_t n = 0;

	oath_ready();
	for (const char *p = b32; *p; p++) {
		if (*p == ' ' || *p == '=')
			continue;
		clean[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	}
	clean[n] = '\0';
	if (n > 0 && oath_base32_decode(clean, n, &raw, len) == OATH_OK && *len > 0) {
		copy = xmalloc(*len);
		memcpy(copy, raw, *len);
	}
	if (raw) {
		sodium_memzero(raw, *len);
		free(raw);
	}
	sodium_memzero(clean, n);
	free(clean);
	return copy;
}

/* Returns a newly allocated base32 text of raw bytes (no padding). */
static char *secret_encode(const unsigned char *raw, size_t len)
{
	char *out = NULL, *copy;
	size_t n = 0;

	oath_ready();
	if (oath_base32_encode((const char *)raw, len, &out, &n) != OATH_OK) {
		fprintf(stderr, "vaksam: out of memory\n");
		exit(1);
	}
	while (n > 0 && out[n - 1] == '=')
		n--;
	copy = xstrndup(out, n);
	sodium_memzero(out, n);
	free(out);
	return copy;
}

/* Seals raw and stores it for person_id, resetting the last step. */
static int secret_store(struct store *store, long long person_id, const unsigned char *raw,
			size_t len, char **cause)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	size_t box_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = xmalloc(box_len);
	sqlite3_stmt *st;
	char *now = NULL;
	int rc = -1;

	if (!store_has_key(store)) {
		*cause = xasprintf("%s.key: key file missing; a one-time code secret cannot be "
				   "stored",
				   store_path(store));
		goto cleanup;
	}
	person_key(store, person_id, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, raw, len, box, key);
	sodium_memzero(key, sizeof(key));
	st = store_stmt(store,
			"INSERT INTO totp (person_id, secret_box, enrolled, last_step)"
			" VALUES (?1, ?2, ?3, 0) ON CONFLICT (person_id) DO UPDATE SET"
			" secret_box = ?2, enrolled = ?3, last_step = 0",
			cause);
	if (st == NULL)
		goto cleanup;
	now = store_now();
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_blob(st, 2, box, (int)box_len, SQLITE_TRANSIENT);
	store_bind_text(st, 3, now);
	rc = sqlite3_step(st);
	store_done(st);
	rc = rc == SQLITE_DONE ? 0 : store_fail(store, cause, "storing a one-time code secret");
cleanup:
	free(now);
	free(box);
	return rc;
}

int totp_enrol(struct store *store, long long person_id, char **secret_b32, char **cause)
{
	unsigned char raw[TOTP_SECRET_BYTES];
	int rc;

	*secret_b32 = NULL;
	randombytes_buf(raw, sizeof(raw));
	rc = secret_store(store, person_id, raw, sizeof(raw), cause);
	if (rc == 0)
		*secret_b32 = secret_encode(raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	return rc;
}

int totp_set_secret(struct store *store, long long person_id, const char *secret_b32,
		    char **cause)
{
	size_t len = 0;
	unsigned char *raw = secret_decode(secret_b32, &len);
	int rc;

	if (raw == NULL) {
		*cause = xstrdup("a one-time code secret must be base32");
		return -1;
	}
	rc = secret_store(store, person_id, raw, len, cause);
	sodium_memzero(raw, len);
	free(raw);
	return rc;
}

int totp_remove(struct store *store, long long person_id, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "DELETE FROM totp WHERE person_id = ?1", cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? 0 : store_fail(store, cause, "removing a one-time code secret");
}

int totp_is_enrolled(struct store *store, long long person_id, bool *enrolled, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT 1 FROM totp WHERE person_id = ?1", cause);
	int rc;

	*enrolled = false;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	*enrolled = rc == SQLITE_ROW;
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading one-time code secrets");
	return 0;
}

/* The code of raw for time step `step`, into out. */
static int code_for_step(const unsigned char *raw, size_t len, long long step,
			 char out[TOTP_DIGITS + 1])
{
	oath_ready();
	return oath_totp_generate((const char *)raw, len, (time_t)(step * TOTP_STEP_SECONDS),
				  TOTP_STEP_SECONDS, OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS,
				  out) == OATH_OK
		       ? 0
		       : -1;
}

int totp_code_at(const char *secret_b32, long long when, char out[TOTP_DIGITS + 1])
{
	size_t len = 0;
	unsigned char *raw = secret_decode(secret_b32, &len);
	int rc;

	if (raw == NULL)
		return -1;
	rc = code_for_step(raw, len, when / TOTP_STEP_SECONDS, out);
	sodium_memzero(raw, len);
	free(raw);
	return rc;
}

/* Reads six digits (spaces ignored) into out; false when it is not that. */
static bool code_normalise(const char *typed, char out[TOTP_DIGITS + 1])
{
	size_t n = 0;

	for (const char *p = typed; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			continue;
		if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
			return false;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == TOTP_DIGITS;
}

/*
 * Opens person_id's secret into a newly allocated buffer (*len bytes; wipe
 * and free it) and reads the last step. Returns 1 found, 0 not enrolled or
 * not openable, -1 with *cause.
 */
static int secret_open(struct store *store, long long person_id, unsigned char **raw,
		       size_t *len, long long *last_step, char **cause)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	sqlite3_stmt *st = store_stmt(
		store, "SELECT secret_box, last_step FROM totp WHERE person_id = ?1", cause);
	const unsigned char *box;
	int rc, box_len, found = 0;

	*raw = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		box = sqlite3_column_blob(st, 0);
		box_len = sqlite3_column_bytes(st, 0);
		*last_step = sqlite3_column_int64(st, 1);
		if (box && box_len > (int)(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)) {
			*len = (size_t)box_len - crypto_secretbox_NONCEBYTES -
			       crypto_secretbox_MACBYTES;
			*raw = xmalloc(*len);
			person_key(store, person_id, key);
			if (crypto_secretbox_open_easy(*raw, box + crypto_secretbox_NONCEBYTES,
						       (size_t)box_len - crypto_secretbox_NONCEBYTES,
						       box, key) == 0) {
				found = 1;
			} else {
				free(*raw);
				*raw = NULL;
			}
			sodium_memzero(key, sizeof(key));
		}
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading a one-time code secret");
	return found;
}

int totp_check(struct store *store, long long person_id, const char *code, char **cause)
{
	char typed[TOTP_DIGITS + 1], expect[TOTP_DIGITS + 1];
	unsigned char *raw = NULL;
	size_t len = 0;
	long long last_step = 0, now_step, accepted = 0;
	bool well_formed;
	sqlite3_stmt *st;
	int found, rc;

	if (!store_has_key(store)) {
		*cause = xasprintf("%s.key: key file missing; one-time codes cannot be checked",
				   store_path(store));
		return -1;
	}
	well_formed = code_normalise(code ? code : "", typed);
	found = secret_open(store, person_id, &raw, &len, &last_step, cause);
	if (found < 0)
		return -1;
	now_step = store_time() / TOTP_STEP_SECONDS;
	/* Every candidate step is computed, so the time taken does not depend
	 * on which one matched. */
	for (long long step = now_step - TOTP_WINDOW; found && step <= now_step + TOTP_WINDOW;
	     step++) {
		if (code_for_step(raw, len, step, expect) < 0)
			continue;
		if (well_formed && sodium_memcmp(expect, typed, TOTP_DIGITS) == 0 &&
		    step > last_step && accepted == 0)
			accepted = step;
	}
	sodium_memzero(expect, sizeof(expect));
	sodium_memzero(typed, sizeof(typed));
	if (raw) {
		sodium_memzero(raw, len);
		free(raw);
	}
	if (accepted == 0)
		return 0;
	/* Compare and set: a second use of the same code, here or at another
	 * kiosk at the same moment, changes nothing and is refused. */
	st = store_stmt(store,
			"UPDATE totp SET last_step = ?2 WHERE person_id = ?1 AND last_step < ?2",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, accepted);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "recording a one-time code");
	return sqlite3_changes(store->db) == 1 ? 1 : 0;
}

/* Appends s percent-encoded (RFC 3986: unreserved characters kept). */
static void add_encoded(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~') {
			strbuf_addch(sb, (char)*p);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[*p >> 4]);
			strbuf_addch(sb, hex[*p & 15]);
		}
	}
}

char *totp_uri(const char *issuer, const char *account, const char *secret_b32)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "otpauth://totp/");
	add_encoded(&sb, issuer);
	strbuf_addch(&sb, ':');
	add_encoded(&sb, account);
	strbuf_addstr(&sb, "?secret=");
	strbuf_addstr(&sb, secret_b32);
	strbuf_addstr(&sb, "&issuer=");
	add_encoded(&sb, issuer);
	strbuf_addf(&sb, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP_SECONDS);
	return strbuf_detach(&sb);
}

int totp_qr_text(const char *text, bool invert, char **out, char **cause)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct strbuf sb = STRBUF_INIT;
	int side;

	*out = NULL;
	if (qr == NULL) {
		*cause = xasprintf("cannot draw a QR code: %s", strerror(errno));
		return -1;
	}
	side = qr->width + 2 * QR_QUIET;
	for (int y = 0; y < side; y += 2) {
		for (int x = 0; x < side; x++) {
			bool drawn[2];

			for (int k = 0; k < 2; k++) {
				int r = y + k - QR_QUIET, c = x - QR_QUIET;
				bool dark = r >= 0 && r < qr->width && c >= 0 && c < qr->width &&
					    (qr->data[r * qr->width + c] & 1);

				/* A row beyond the last one is quiet zone too. */
				drawn[k] = invert ? dark : !dark;
			}
			if (drawn[0] && drawn[1])
				strbuf_addstr(&sb, "\xe2\x96\x88"); /* U+2588 full block */
			else if (drawn[0])
				strbuf_addstr(&sb, "\xe2\x96\x80"); /* U+2580 upper half */
			else if (drawn[1])
				strbuf_addstr(&sb, "\xe2\x96\x84"); /* U+2584 lower half */
			else
				strbuf_addch(&sb, ' ');
		}
		strbuf_addch(&sb, '\n');
	}
	QRcode_free(qr);
	*out = strbuf_detach(&sb);
	return 0;
}
