/*
 * The hash-chained audit log; see audit.h for the chain, the head and
 * purging.
 *
 * Encoding hashed for an entry, after the 32 bytes of prev_hash: each field
 * in the order id, at, actor, origin, action, object, detail, anchor as one
 * byte (0 absent, 1 present) and, when present, its 8-byte little-endian
 * length and bytes (numbers as 8 bytes little-endian), so no two different
 * entries encode alike.
 */
#include "audit.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "store_internal.h"
#include "xmalloc.h"

#define HASH_BYTES 32
#define HEX_BYTES (2 * HASH_BYTES + 1)

static char *origin_override; /* owned; NULL for "cli uid N" */

void audit_set_origin(const char *origin)
{
	free(origin_override);
	origin_override = origin ? xstrdup(origin) : NULL;
}

/* Returns a newly allocated origin text; caller frees. */
static char *origin_text(void)
{
	if (origin_override)
		return xstrdup(origin_override);
	return xasprintf("cli uid %lu", (unsigned long)getuid());
}

/* The keys of the chain and the head, derived from FILE.key. */
static void derive_key(const struct store *store, const char *label, unsigned char out[HASH_BYTES])
{
	store_keyed_hash(store, label, strlen(label), out);
}

static void put_u64(crypto_generichash_state *st, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	crypto_generichash_update(st, b, sizeof(b));
}

static void put_text(crypto_generichash_state *st, const char *s)
{
	unsigned char present = s != NULL;

	crypto_generichash_update(st, &present, 1);
	if (s) {
		put_u64(st, strlen(s));
		crypto_generichash_update(st, (const unsigned char *)s, strlen(s));
	}
}

static void put_id(crypto_generichash_state *st, long long v)
{
	unsigned char present = v != 0;

	crypto_generichash_update(st, &present, 1);
	if (v)
		put_u64(st, (uint64_t)v);
}

/* The hash of an entry whose predecessor's hash is prev. */
static void entry_hash(const unsigned char key[HASH_BYTES], const unsigned char prev[HASH_BYTES],
		       const struct audit_entry *e, unsigned char out[HASH_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, key, HASH_BYTES, HASH_BYTES);
	crypto_generichash_update(&st, prev, HASH_BYTES);
	put_u64(&st, (uint64_t)e->id);
	put_text(&st, e->at);
	put_id(&st, e->actor_id);
	put_text(&st, e->origin);
	put_text(&st, e->action);
	put_id(&st, e->object_id);
	put_text(&st, e->detail);
	put_text(&st, e->anchor);
	crypto_generichash_final(&st, out, HASH_BYTES);
}

/* The MAC of the head: the newest entry's id and hash. */
static void head_mac(const unsigned char key[HASH_BYTES], long long last_id,
		     const unsigned char last_hash[HASH_BYTES], unsigned char out[HASH_BYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, key, HASH_BYTES, HASH_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)"head", 4);
	put_u64(&st, (uint64_t)last_id);
	crypto_generichash_update(&st, last_hash, HASH_BYTES);
	crypto_generichash_final(&st, out, HASH_BYTES);
}

static void to_hex(const unsigned char bin[HASH_BYTES], char hex[HEX_BYTES])
{
	sodium_bin2hex(hex, HEX_BYTES, bin, HASH_BYTES);
}

/* Reads 64 hex digits into bin; false when text is not that. */
static bool from_hex(const char *hex, unsigned char bin[HASH_BYTES])
{
	size_t n = 0;

	if (hex == NULL || strlen(hex) != 2 * HASH_BYTES)
		return false;
	return sodium_hex2bin(bin, HASH_BYTES, hex, 2 * HASH_BYTES, NULL, &n, NULL) == 0 &&
	       n == HASH_BYTES;
}

static int require_key(struct store *store, char **cause)
{
	if (store_has_key(store))
		return 0;
	*cause = xasprintf("%s.key: key file missing; the audit log cannot be written or checked",
			   store_path(store));
	return -1;
}

struct head {
	bool present;
	long long last_id;
	unsigned char last_hash[HASH_BYTES];
	char *mac; /* owned hex */
};

static int head_read(struct store *store, struct head *h, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT last_id, last_hash, mac FROM audit_head WHERE id = 1",
				      cause);
	int rc;

	memset(h, 0, sizeof(*h));
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->present = true;
		h->last_id = sqlite3_column_int64(st, 0);
		if (!from_hex((const char *)sqlite3_column_text(st, 1), h->last_hash))
			memset(h->last_hash, 0xff, HASH_BYTES); /* never matches */
		h->mac = store_column_text(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading the audit head");
	return 0;
}

static int step_done(struct store *store, sqlite3_stmt *st, const char *what, char **cause)
{
	int rc = sqlite3_step(st);

	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, what);
	return 0;
}

/* Appends e (id, at and origin are filled in here) inside an open transaction. */
static int append(struct store *store, struct audit_entry *e, char **cause)
{
	unsigned char chain_key[HASH_BYTES], hkey[HASH_BYTES], prev[HASH_BYTES], hash[HASH_BYTES],
		mac[HASH_BYTES];
	char prev_hex[HEX_BYTES], hash_hex[HEX_BYTES], mac_hex[HEX_BYTES];
	struct head h;
	sqlite3_stmt *st;
	long long max_id = 0;
	int rc;

	if (head_read(store, &h, cause) < 0)
		return -1;
	free(h.mac);
	st = store_stmt(store, "SELECT IFNULL(max(id), 0) FROM audit", cause);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		max_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(store, cause, "reading the audit log");
	/* Never reuse an id, even of entries removed behind vaksam's back. */
	e->id = (max_id > h.last_id ? max_id : h.last_id) + 1;
	if (h.present)
		memcpy(prev, h.last_hash, HASH_BYTES);
	else
		memset(prev, 0, HASH_BYTES);
	derive_key(store, "vaksam:audit-chain:1", chain_key);
	derive_key(store, "vaksam:audit-head:1", hkey);
	entry_hash(chain_key, prev, e, hash);
	head_mac(hkey, e->id, hash, mac);
	to_hex(prev, prev_hex);
	to_hex(hash, hash_hex);
	to_hex(mac, mac_hex);
	sodium_memzero(chain_key, sizeof(chain_key));
	sodium_memzero(hkey, sizeof(hkey));

	st = store_stmt(store,
			"INSERT INTO audit (id, at, actor_id, origin, action, object_id, detail, anchor,"
			" prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, e->id);
	store_bind_text(st, 2, e->at);
	if (e->actor_id)
		sqlite3_bind_int64(st, 3, e->actor_id);
	store_bind_text(st, 4, e->origin);
	store_bind_text(st, 5, e->action);
	if (e->object_id)
		sqlite3_bind_int64(st, 6, e->object_id);
	store_bind_text(st, 7, e->detail);
	store_bind_text(st, 8, e->anchor);
	store_bind_text(st, 9, prev_hex);
	store_bind_text(st, 10, hash_hex);
	if (step_done(store, st, "writing the audit log", cause) < 0)
		return -1;
	st = store_stmt(store,
			"INSERT INTO audit_head (id, last_id, last_hash, mac) VALUES (1, ?1, ?2, ?3)"
			" ON CONFLICT (id) DO UPDATE SET last_id = ?1, last_hash = ?2, mac = ?3",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, e->id);
	store_bind_text(st, 2, hash_hex);
	store_bind_text(st, 3, mac_hex);
	return step_done(store, st, "writing the audit head", cause);
}

/* Records an entry with an optional anchor. */
static int record(struct store *store, long long actor_id, const char *action,
		  long long object_id, const char *detail, const char *anchor, char **cause)
{
	struct audit_entry e;
	bool own = !store->in_txn;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	if (require_key(store, cause) < 0)
		return -1;
	if (own && store_begin(store, cause) < 0)
		return -1;
	e.at = store_now();
	e.origin = origin_text();
	e.actor_id = actor_id > 0 ? actor_id : 0;
	e.object_id = object_id > 0 ? object_id : 0;
	e.action = (char *)action;
	e.detail = (char *)detail;
	e.anchor = (char *)anchor;
	if (append(store, &e, cause) < 0)
		goto cleanup;
	if (own && store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0 && own)
		store_rollback(store);
	free(e.at);
	free(e.origin);
	return rc;
}

int audit_record(struct store *store, long long actor_id, const char *action, long long object_id,
		 const char *detail, char **cause)
{
	return record(store, actor_id, action, object_id, detail, NULL, cause);
}

int audit_recordf(struct store *store, long long actor_id, const char *action,
		  long long object_id, char **cause, const char *fmt, ...)
{
	va_list ap;
	char *detail;
	int rc;

	va_start(ap, fmt);
	detail = xvasprintf(fmt, ap);
	va_end(ap);
	rc = record(store, actor_id, action, object_id, detail, NULL, cause);
	free(detail);
	return rc;
}

#define ENTRY_COLUMNS "id, at, actor_id, origin, action, object_id, detail, anchor"

static void entry_from_row(sqlite3_stmt *st, struct audit_entry *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->at = store_column_text(st, 1);
	e->actor_id = sqlite3_column_int64(st, 2);
	e->origin = store_column_text(st, 3);
	e->action = store_column_text(st, 4);
	e->object_id = sqlite3_column_int64(st, 5);
	e->detail = store_column_text(st, 6);
	e->anchor = store_column_text(st, 7);
}

static void entry_release(struct audit_entry *e)
{
	free(e->at);
	free(e->origin);
	free(e->action);
	free(e->detail);
	free(e->anchor);
	memset(e, 0, sizeof(*e));
}

int audit_list(struct store *store, const struct audit_filter *filter, struct audit_entry **out,
	       size_t *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT " ENTRY_COLUMNS " FROM audit"
				      " WHERE (?1 IS NULL OR at >= ?1)"
				      "   AND (?2 IS NULL OR actor_id = ?2 OR object_id = ?2)"
				      " ORDER BY id",
				      cause);
	struct audit_entry *entries = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, filter ? filter->since : NULL);
	if (filter && filter->person_id)
		sqlite3_bind_int64(st, 2, filter->person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			entries = xreallocarray(entries, alloc, sizeof(*entries));
		}
		entry_from_row(st, &entries[count++]);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		audit_list_free(&entries, count);
		return store_fail(store, cause, "reading the audit log");
	}
	*out = entries;
	*n = count;
	return 0;
}

void audit_list_free(struct audit_entry **entries, size_t n)
{
	if (*entries == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		entry_release(&(*entries)[i]);
	free(*entries);
	*entries = NULL;
}

void audit_verify_release(struct audit_verify_result *result)
{
	free(result->problem);
	result->problem = NULL;
}

/* Marks the result failed at entry id (0: not an entry) with a message. */
static void verify_fail(struct audit_verify_result *r, long long id, char *problem)
{
	if (!r->ok) {
		free(problem);
		return;
	}
	r->ok = false;
	r->bad_id = id;
	r->problem = problem;
}

/* The newest anchor in the log, into bin; false when there is none. */
static int latest_anchor(struct store *store, unsigned char bin[HASH_BYTES], bool *found,
			 long long *anchor_id, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store, "SELECT id, anchor FROM audit WHERE anchor IS NOT NULL ORDER BY id DESC LIMIT 1",
		cause);
	int rc;

	*found = false;
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = true;
		*anchor_id = sqlite3_column_int64(st, 0);
		if (!from_hex((const char *)sqlite3_column_text(st, 1), bin))
			memset(bin, 0xff, HASH_BYTES);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading the audit log");
	return 0;
}

int audit_verify(struct store *store, struct audit_verify_result *r, char **cause)
{
	unsigned char chain_key[HASH_BYTES], hkey[HASH_BYTES], expect[HASH_BYTES],
		anchor[HASH_BYTES], last_hash[HASH_BYTES];
	struct head h;
	sqlite3_stmt *st = NULL;
	bool have_anchor = false, started = false;
	long long anchor_id = 0, last_id = 0;
	int rc = -1, step;

	memset(r, 0, sizeof(*r));
	memset(&h, 0, sizeof(h));
	r->ok = true;
	if (require_key(store, cause) < 0)
		return -1;
	derive_key(store, "vaksam:audit-chain:1", chain_key);
	derive_key(store, "vaksam:audit-head:1", hkey);
	if (head_read(store, &h, cause) < 0 ||
	    latest_anchor(store, anchor, &have_anchor, &anchor_id, cause) < 0)
		goto cleanup;
	st = store_stmt(store, "SELECT " ENTRY_COLUMNS ", prev_hash, hash FROM audit ORDER BY id",
			cause);
	if (st == NULL)
		goto cleanup;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && r->ok) {
		struct audit_entry e;
		unsigned char prev[HASH_BYTES], stored[HASH_BYTES], computed[HASH_BYTES];
		const char *prev_hex = (const char *)sqlite3_column_text(st, 8);
		const char *hash_hex = (const char *)sqlite3_column_text(st, 9);

		if (hash_hex == NULL && prev_hex == NULL && !started) {
			r->legacy++; /* written before the chain existed */
			continue;
		}
		entry_from_row(st, &e);
		if (!from_hex(prev_hex, prev) || !from_hex(hash_hex, stored)) {
			verify_fail(r, e.id, xasprintf("entry %lld has no valid hash", e.id));
		} else if (!started) {
			/* The first chained entry follows the newest purge anchor, or
			 * nothing at all. */
			static const unsigned char zero[HASH_BYTES];

			if (have_anchor && sodium_memcmp(prev, anchor, HASH_BYTES) != 0)
				verify_fail(r, e.id,
					    xasprintf("entry %lld does not follow the purge anchor in "
						      "entry %lld: older entries were removed or changed",
						      e.id, anchor_id));
			else if (!have_anchor && sodium_memcmp(prev, zero, HASH_BYTES) != 0)
				verify_fail(r, e.id,
					    xasprintf("entries before %lld were removed outside "
						      "vaksam (no purge anchor)",
						      e.id));
		} else if (sodium_memcmp(prev, expect, HASH_BYTES) != 0) {
			verify_fail(r, e.id,
				    xasprintf("entry %lld does not follow entry %lld: an entry "
					      "between them was removed or changed",
					      e.id, last_id));
		}
		if (r->ok) {
			entry_hash(chain_key, prev, &e, computed);
			if (sodium_memcmp(computed, stored, HASH_BYTES) != 0)
				verify_fail(r, e.id,
					    xasprintf("entry %lld was changed after it was written",
						      e.id));
		}
		started = true;
		memcpy(expect, stored, HASH_BYTES);
		memcpy(last_hash, stored, HASH_BYTES);
		last_id = e.id;
		r->checked++;
		entry_release(&e);
	}
	store_done(st);
	if (step != SQLITE_DONE && step != SQLITE_ROW) {
		store_fail(store, cause, "reading the audit log");
		goto cleanup;
	}
	if (r->ok && (started || h.present)) {
		unsigned char mac[HASH_BYTES], stored_mac[HASH_BYTES];

		if (!h.present)
			verify_fail(r, 0, xstrdup("the audit head is missing"));
		else if (!started)
			verify_fail(r, 0, xstrdup("every audit entry was removed outside vaksam"));
		else if (h.last_id != last_id || sodium_memcmp(h.last_hash, last_hash, HASH_BYTES))
			verify_fail(r, 0,
				    xasprintf("the newest entries after %lld were removed outside "
					      "vaksam (the head names entry %lld)",
					      last_id, h.last_id));
		else {
			head_mac(hkey, h.last_id, h.last_hash, mac);
			if (!from_hex(h.mac, stored_mac) ||
			    sodium_memcmp(mac, stored_mac, HASH_BYTES) != 0)
				verify_fail(r, 0, xstrdup("the audit head was changed"));
		}
	}
	rc = 0;
cleanup:
	store_done(st);
	free(h.mac);
	sodium_memzero(chain_key, sizeof(chain_key));
	sodium_memzero(hkey, sizeof(hkey));
	return rc;
}

int audit_purge_before(struct store *store, const char *cutoff, long long actor_id, bool dry_run,
		       long long *removed, char **cause)
{
	sqlite3_stmt *st;
	long long first_kept = 0;
	bool all = false;
	char *last_hash = NULL, *detail = NULL;
	int rc = -1, step;

	*removed = 0;
	if (require_key(store, cause) < 0)
		return -1;
	/* The prefix: every entry before the first one at or after cutoff. */
	st = store_stmt(store, "SELECT min(id) FROM audit WHERE at >= ?1", cause);
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, cutoff);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		all = sqlite3_column_type(st, 0) == SQLITE_NULL;
		first_kept = sqlite3_column_int64(st, 0);
	}
	store_done(st);
	if (step != SQLITE_ROW)
		return store_fail(store, cause, "reading the audit log");
	st = store_stmt(store,
			"SELECT count(*), (SELECT hash FROM audit WHERE ?1 OR id < ?2"
			" ORDER BY id DESC LIMIT 1) FROM audit WHERE ?1 OR id < ?2",
			cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, all);
	sqlite3_bind_int64(st, 2, first_kept);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*removed = sqlite3_column_int64(st, 0);
		last_hash = store_column_text(st, 1);
	}
	store_done(st);
	if (step != SQLITE_ROW) {
		store_fail(store, cause, "reading the audit log");
		goto cleanup;
	}
	if (dry_run) {
		rc = 0;
		goto cleanup;
	}
	if (*removed > 0) {
		/* The gate row lets the no-delete trigger through for this
		 * transaction only. */
		if (store_exec(store, "INSERT INTO audit_purge_gate (id) VALUES (1)", cause) < 0)
			goto cleanup;
		st = store_stmt(store, "DELETE FROM audit WHERE ?1 OR id < ?2", cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int(st, 1, all);
		sqlite3_bind_int64(st, 2, first_kept);
		if (step_done(store, st, "purging the audit log", cause) < 0 ||
		    store_exec(store, "DELETE FROM audit_purge_gate", cause) < 0)
			goto cleanup;
	}
	detail = xasprintf("removed %lld entries before %s", *removed, cutoff);
	rc = record(store, actor_id, AUDIT_PURGE_ANCHOR, 0, detail, last_hash, cause);
cleanup:
	free(last_hash);
	free(detail);
	return rc;
}
