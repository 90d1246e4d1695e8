/*
 * The SQLite store: opening, connection settings, the key file, migrations,
 * transactions and a cache of prepared statements. See store.h for the
 * invariants every connection keeps.
 */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "schema.h"
#include "strbuf.h"
#include "xmalloc.h"

#define BUSY_TIMEOUT_MS 10000

static char *key_path(const char *db_path)
{
	return xasprintf("%s.key", db_path);
}

/* Creates FILE.key with mode 0600 and fresh random bytes; refuses an existing one. */
static int key_create(struct store *store, char **cause)
{
	char *path = key_path(store->path);
	int fd = -1;
	int rc = -1;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	randombytes_buf(store->key, sizeof(store->key));
	if (write(fd, store->key, sizeof(store->key)) != (ssize_t)sizeof(store->key) ||
	    fsync(fd) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	store->has_key = true;
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

/* Loads FILE.key if it is there; a missing key is not an error here (nothing
 * that needs it will verify), but a short or unreadable one is. */
static int key_load(struct store *store, char **cause)
{
	char *path = key_path(store->path);
	int fd = -1;
	int rc = -1;
	ssize_t n;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			rc = 0;
		else
			*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	n = read(fd, store->key, sizeof(store->key));
	if (n != (ssize_t)sizeof(store->key)) {
		*cause = xasprintf("%s: key file is damaged (expected %zu bytes)", path,
				   sizeof(store->key));
		goto cleanup;
	}
	store->has_key = true;
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

int store_fail(struct store *store, char **cause, const char *what)
{
	*cause = xasprintf("%s: %s", what, store && store->db ? sqlite3_errmsg(store->db) : "no database");
	return -1;
}

int store_exec(struct store *store, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(store->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		*cause = xasprintf("%s", err ? err : sqlite3_errmsg(store->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

sqlite3_stmt *store_stmt(struct store *store, const char *sql, char **cause)
{
	sqlite3_stmt *stmt = NULL;

	for (size_t i = 0; i < store->n_stmts; i++) {
		if (store->stmts[i].sql == sql) {
			sqlite3_reset(store->stmts[i].stmt);
			sqlite3_clear_bindings(store->stmts[i].stmt);
			return store->stmts[i].stmt;
		}
	}
	if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
	    SQLITE_OK) {
		store_fail(store, cause, "prepare");
		return NULL;
	}
	if (store->n_stmts == store->alloc_stmts) {
		store->alloc_stmts = store->alloc_stmts ? store->alloc_stmts * 2 : 32;
		store->stmts = xreallocarray(store->stmts, store->alloc_stmts, sizeof(*store->stmts));
	}
	store->stmts[store->n_stmts].sql = sql;
	store->stmts[store->n_stmts].stmt = stmt;
	store->n_stmts++;
	return stmt;
}

void store_done(sqlite3_stmt *stmt)
{
	if (stmt) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(stmt, idx);
	return sqlite3_bind_text(stmt, idx, text, -1, SQLITE_TRANSIENT);
}

char *store_column_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return t ? xstrdup((const char *)t) : NULL;
}

static int user_version(struct store *store, int *out, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		store_fail(store, cause, "reading schema version");
		goto cleanup;
	}
	*out = sqlite3_column_int(st, 0);
	rc = 0;
cleanup:
	sqlite3_finalize(st);
	return rc;
}

int store_migrate_to(struct store *store, int target, char **cause)
{
	int v = 0;

	for (;;) {
		char pragma[64];

		if (store_begin(store, cause) < 0)
			return -1;
		/* Re-read inside the transaction: another process may have migrated. */
		if (user_version(store, &v, cause) < 0)
			goto fail;
		if (v >= target) {
			store_rollback(store);
			return 0;
		}
		if (store_exec(store, schema_step(v + 1), cause) < 0) {
			char *inner = *cause;
			*cause = xasprintf("migration %d: %s", v + 1, inner);
			free(inner);
			goto fail;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if (store_exec(store, pragma, cause) < 0 || store_commit(store, cause) < 0)
			goto fail;
	}
fail:
	store_rollback(store);
	return -1;
}

static int store_configure(struct store *store, char **cause)
{
	sqlite3_extended_result_codes(store->db, 1);
	sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
	if (collate_register(store->db) != SQLITE_OK)
		return store_fail(store, cause, "registering collation");
	if (store_exec(store, "PRAGMA foreign_keys = ON", cause) < 0)
		return -1;
	if (!store->readonly && store_exec(store, "PRAGMA journal_mode = WAL", cause) < 0)
		return -1;
	if (store_exec(store, "PRAGMA synchronous = FULL; PRAGMA secure_delete = ON", cause) < 0)
		return -1;
	return 0;
}

int store_open(const char *path, enum store_open_mode mode, struct store **out, char **cause)
{
	struct store *store = xcalloc(1, sizeof(*store));
	struct stat st;
	int flags = SQLITE_OPEN_READWRITE;
	int version = 0;
	int rc = -1;
	mode_t old_umask = 0;
	bool created = false;

	*out = NULL;
	store->path = xstrdup(path);
	if (sodium_init() < 0) {
		*cause = xstrdup("libsodium could not be initialised");
		goto cleanup;
	}
	if (mode == STORE_CREATE_NEW) {
		char *kp = key_path(path);
		bool key_exists = lstat(kp, &st) == 0;

		free(kp);
		if (lstat(path, &st) == 0) {
			*cause = xasprintf("%s: a database already exists; it was left untouched", path);
			goto cleanup;
		}
		if (key_exists) {
			*cause = xasprintf("%s.key: a key file already exists without its database; "
					   "move it away first", path);
			goto cleanup;
		}
		flags |= SQLITE_OPEN_CREATE;
	} else {
		if (stat(path, &st) != 0) {
			*cause = xasprintf("%s: no such database (create one with 'vaksam init')", path);
			goto cleanup;
		}
		if (mode == STORE_OPEN_READONLY) {
			flags = SQLITE_OPEN_READONLY;
			store->readonly = true;
		}
	}
	/* The database and its WAL hold personal data: owner-only by default. */
	old_umask = umask(077);
	if (sqlite3_open_v2(path, &store->db, flags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		umask(old_umask);
		store_fail(store, cause, path);
		goto cleanup;
	}
	created = mode == STORE_CREATE_NEW;
	if (store_configure(store, cause) < 0)
		goto cleanup_umask;
	if (mode == STORE_CREATE_NEW) {
		if (key_create(store, cause) < 0)
			goto cleanup_umask;
	} else if (key_load(store, cause) < 0) {
		goto cleanup_umask;
	}
	if (user_version(store, &version, cause) < 0)
		goto cleanup_umask;
	if (version > schema_latest()) {
		*cause = xasprintf("%s: made by a newer vaksam (schema %d, this one knows %d); "
				   "left untouched",
				   path, version, schema_latest());
		goto cleanup_umask;
	}
	if (version < schema_latest()) {
		if (store->readonly) {
			*cause = xasprintf("%s: schema %d needs an upgrade, which a read-only "
					   "database cannot take",
					   path, version);
			goto cleanup_umask;
		}
		if (store_migrate_to(store, schema_latest(), cause) < 0)
			goto cleanup_umask;
	}
	*out = store;
	store = NULL;
	rc = 0;
cleanup_umask:
	umask(old_umask);
cleanup:
	if (store && created && store->db) {
		/* A failed init leaves nothing behind. */
		char *kp = key_path(path);
		sqlite3_close(store->db);
		store->db = NULL;
		unlink(path);
		if (store->has_key)
			unlink(kp);
		free(kp);
	}
	store_close(&store);
	return rc;
}

void store_close(struct store **storep)
{
	struct store *store = *storep;

	if (store == NULL)
		return;
	for (size_t i = 0; i < store->n_stmts; i++)
		sqlite3_finalize(store->stmts[i].stmt);
	free(store->stmts);
	if (store->db)
		sqlite3_close(store->db);
	sodium_memzero(store->key, sizeof(store->key));
	free(store->path);
	free(store);
	*storep = NULL;
}

int store_begin(struct store *store, char **cause)
{
	if (store_exec(store, "BEGIN IMMEDIATE", cause) < 0)
		return -1;
	store->in_txn = true;
	return 0;
}

int store_commit(struct store *store, char **cause)
{
	if (store_exec(store, "COMMIT", cause) < 0)
		return -1;
	store->in_txn = false;
	return 0;
}

void store_rollback(struct store *store)
{
	if (store && store->db && !sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	if (store)
		store->in_txn = false;
}

const char *store_path(const struct store *store)
{
	return store->path;
}

int store_schema_version(struct store *store)
{
	int v = -1;
	char *cause = NULL;

	if (user_version(store, &v, &cause) < 0)
		free(cause);
	return v;
}

int store_schema_latest(void)
{
	return schema_latest();
}

bool store_has_key(const struct store *store)
{
	return store->has_key;
}

void store_keyed_hash(const struct store *store, const void *data, size_t len,
		      unsigned char out[32])
{
	crypto_generichash(out, 32, data, len, store->key, sizeof(store->key));
}

long long store_time(void)
{
	const char *env = getenv("VAKSAM_NOW");

	if (env && *env) {
		struct tm tm;
		const char *end;

		memset(&tm, 0, sizeof(tm));
		end = strptime(env, "%Y-%m-%dT%H:%M:%S", &tm);
		if (end == NULL)
			end = strptime(env, "%Y-%m-%d", &tm);
		if (end != NULL)
			return (long long)timegm(&tm);
	}
	return (long long)time(NULL);
}

char *store_now(void)
{
	time_t t = (time_t)store_time();
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}
