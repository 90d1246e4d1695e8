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

/* How long a connection waits for the write lock before it gives up. */
#define BUSY_TIMEOUT_MS 30000
/* Between two tries it naps a random time from BUSY_NAP_US to twice that;
 * after BUSY_AGING_US of waiting the naps shrink in proportion, down to
 * BUSY_NAP_MIN_US, so the longest waiters try most often. The first nap was
 * 4 ms while each commit waited for an fsync; without one (synchronous=
 * NORMAL) a commit holds the lock about 0.1 ms. Measured with 50 processes
 * (BENCHMARKS.md): 1.5 ms cut the p99 of paced answers from about 8 to 4-6
 * ms; 0.5 ms made it 4 times worse, the wake-ups of 50 waiters taking the
 * two cores from the lock holder. */
#ifndef BUSY_NAP_US
#define BUSY_NAP_US     1500
#endif
#define BUSY_AGING_US   100000
#define BUSY_NAP_MIN_US 200

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

/* Whether the folder holding path is on a read-only file system. SQLite
 * retries a failed read-write open as read-only, so the errno it keeps is that
 * of the retry (ENOENT for a file it was to create), not EROFS. */
static bool folder_readonly(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	char *dir;
	bool ro;

	if (path == NULL)
		return false;
	dir = slash == NULL   ? xstrdup(".")
	      : slash == path ? xstrdup("/")
			      : xstrndup(path, (size_t)(slash - path));
	ro = access(dir, W_OK) != 0 && errno == EROFS;
	free(dir);
	return ro;
}

/*
 * The kind of db's last error. SQLite reports a full tmpfs or a read-only
 * file system in several ways: SQLITE_FULL from a write, but SQLITE_IOERR or
 * SQLITE_CANTOPEN when the -shm or -wal file beside the database cannot be
 * created or grown; the errno it saw, or the folder, tells them apart.
 */
static enum store_failure failure_of(sqlite3 *db, const char *path)
{
	int primary = sqlite3_extended_errcode(db) & 0xff;
	int sys = 0;

	if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL)
		sys = sqlite3_system_errno(db);
	if (primary == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		return STORE_FAILURE_FULL;
	if (primary == SQLITE_READONLY || sys == EROFS)
		return STORE_FAILURE_READONLY;
	if ((primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR) && folder_readonly(path))
		return STORE_FAILURE_READONLY;
	if (primary == SQLITE_CANTOPEN)
		return STORE_FAILURE_CANTOPEN;
	if (primary == SQLITE_IOERR)
		return STORE_FAILURE_IO;
	return STORE_FAILURE_OTHER;
}

char *store_error_text(sqlite3 *db, const char *path)
{
	int sys;
	const char *why;

	if (db == NULL)
		return xstrdup("out of memory opening the database");
	sys = sqlite3_system_errno(db);
	why = sys ? strerror(sys) : "unknown cause";
	switch (failure_of(db, path)) {
	case STORE_FAILURE_FULL:
		return xasprintf("disk full: cannot write %s (free space on its file system and "
				 "try again)",
				 path);
	case STORE_FAILURE_READONLY:
		return xasprintf("read-only: cannot write %s (the file or its file system is "
				 "read-only)",
				 path);
	case STORE_FAILURE_CANTOPEN:
		return xasprintf("cannot open %s or the -wal/-shm files beside it: %s", path, why);
	case STORE_FAILURE_IO:
		return xasprintf("disk error reading or writing %s: %s", path, why);
	default:
		return xstrdup(sqlite3_errmsg(db));
	}
}

/* Records the kind of the store's last error and returns its text. */
static char *store_error(struct store *store)
{
	store->failure = failure_of(store->db, store->path);
	return store_error_text(store->db, store->path);
}

enum store_failure store_last_failure(const struct store *store)
{
	return store ? store->failure : STORE_FAILURE_NONE;
}

int store_fail(struct store *store, char **cause, const char *what)
{
	char *text;

	if (store == NULL || store->db == NULL) {
		*cause = xasprintf("%s: no database", what);
		return -1;
	}
	text = store_error(store);
	*cause = xasprintf("%s: %s", what, text);
	free(text);
	return -1;
}

int store_exec(struct store *store, const char *sql, char **cause)
{
	char *err = NULL;

	if (sqlite3_exec(store->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		/* SQLite's own words serve for a mistake in SQL; a full or
		 * read-only disk gets plain words naming the file. */
		if (failure_of(store->db, store->path) == STORE_FAILURE_OTHER && err != NULL) {
			store->failure = STORE_FAILURE_OTHER;
			*cause = xstrdup(err);
		} else {
			*cause = store_error(store);
		}
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

/* Starts a read transaction now: a deferred BEGIN takes its snapshot at
 * the first read. */
static int read_begin(struct store *store, char **cause)
{
	if (store_exec(store, "BEGIN DEFERRED", cause) < 0)
		return -1;
	if (store_exec(store, "SELECT count(*) FROM sqlite_schema", cause) < 0) {
		store_rollback(store);
		return -1;
	}
	return 0;
}

int store_read_twin(struct store *store, struct store **twin, char **cause)
{
	struct store *pin = NULL, *other = NULL;
	int rc = -1;

	*twin = NULL;
	if (!sqlite3_get_autocommit(store->db)) {
		*cause = xstrdup("a transaction is already open");
		return -1;
	}
	if (store_open(store->path, store->readonly ? STORE_OPEN_READONLY : STORE_OPEN_EXISTING,
		       &other, cause) < 0)
		goto cleanup;
	/* While pin holds the write lock no commit can land, so both readers
	 * start on the last committed state. */
	if (!store->readonly) {
		if (store_open(store->path, STORE_OPEN_EXISTING, &pin, cause) < 0 ||
		    store_begin(pin, cause) < 0)
			goto cleanup;
	}
	if (read_begin(store, cause) < 0)
		goto cleanup;
	if (read_begin(other, cause) < 0) {
		store_rollback(store);
		goto cleanup;
	}
	*twin = other;
	other = NULL;
	rc = 0;
cleanup:
	if (pin)
		store_rollback(pin);
	store_close(&pin);
	store_close(&other);
	return rc;
}

void store_read_end(struct store *store)
{
	/* Nothing was written, so ending it cannot lose anything. */
	if (store && !sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
}

/* Whether sqlite3_config() has run (before the first open). */
static bool sqlite_configured;

static long long monotonic_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * Waits for a lock another connection holds; returns nonzero to try again.
 * SQLite's own busy timeout backs off to 100 ms between tries, so with many
 * kiosks writing at once the connections that have waited longest try
 * least often and lose the lock to newcomers again and again: under load a
 * few of them starved past the timeout and a person saw "database is
 * locked". Here the naps are random (no two waiters in step) and get
 * shorter the longer a connection has waited, so an old waiter is the one
 * most likely to find the lock free.
 */
static int store_busy(void *arg, int count)
{
	struct store *store = arg;
	long long now = monotonic_us(), waited, nap_us = BUSY_NAP_US;
	struct timespec nap;

	if (count == 0)
		store->busy_since_us = now;
	waited = now - store->busy_since_us;
	if (waited >= (long long)BUSY_TIMEOUT_MS * 1000)
		return 0;
	if (waited > BUSY_AGING_US)
		nap_us = BUSY_NAP_US * BUSY_AGING_US / waited;
	if (nap_us < BUSY_NAP_MIN_US)
		nap_us = BUSY_NAP_MIN_US;
	nap_us += rand_r(&store->busy_seed) % nap_us;
	nap.tv_sec = 0;
	nap.tv_nsec = (long)nap_us * 1000L;
	nanosleep(&nap, NULL);
	return 1;
}

static int store_configure(struct store *store, char **cause)
{
	sqlite3_extended_result_codes(store->db, 1);
	store->busy_seed = (unsigned)getpid() ^ (unsigned)monotonic_us();
	sqlite3_busy_handler(store->db, store_busy, store);
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

/*
 * Chooses how commits reach the disk, from the setting fsync_every_commit
 * (read here with plain SQL: the setting module sits above the store).
 * FULL fsyncs the WAL on every commit: an answer survives a power cut, but
 * the write lock is held for one fsync (7 ms median on the benchmark's disk),
 * which caps a whole server at about 140 answers a second and made the p99
 * latency with 50 kiosks about a second. NORMAL, the default, fsyncs only at
 * checkpoints: a commit is still atomic and survives a killed process (the
 * crash suite kills kiosks 120 times), and the file is never corrupted; a
 * power cut or kernel crash may lose the last commits before a checkpoint.
 * A change of the setting takes effect when a process next opens the store.
 */
static int store_choose_sync(struct store *store, char **cause)
{
	sqlite3_stmt *st = NULL;
	bool full = false;
	int rc;

	if (sqlite3_prepare_v2(store->db,
			       "SELECT value FROM setting WHERE key = 'fsync_every_commit'", -1,
			       &st, NULL) != SQLITE_OK)
		return store_fail(store, cause, "reading fsync_every_commit");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		full = strcmp((const char *)sqlite3_column_text(st, 0), "yes") == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading fsync_every_commit");
	return store_exec(store, full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
			  cause);
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
		if (S_ISDIR(st.st_mode)) {
			*cause = xasprintf("%s: is a folder, not a database", path);
			goto cleanup;
		}
		if (mode == STORE_OPEN_READONLY) {
			flags = SQLITE_OPEN_READONLY;
			store->readonly = true;
		}
	}
	/* SQLite's memory statistics take a global mutex on every allocation;
	 * nothing reads them. Must be set before SQLite initialises, i.e. at
	 * the first open, which is always on the main thread. */
	if (!sqlite_configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		sqlite_configured = true;
	}
	/* The database and its WAL hold personal data: owner-only by default.
	 * A store belongs to one thread (ARCHITECTURE.md), so its connection
	 * needs no mutex of its own: NOMUTEX saves a lock and an unlock around
	 * every call, a tenth of `report pdf` in two threads. */
	old_umask = umask(077);
	if (sqlite3_open_v2(path, &store->db, flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		umask(old_umask);
		*cause = store_error_text(store->db, path);
		goto cleanup;
	}
	created = mode == STORE_CREATE_NEW;
	/* On a read-only file system SQLite quietly opens the file read-only;
	 * say so now rather than fail later on the -shm file or a write. */
	if (!store->readonly && sqlite3_db_readonly(store->db, "main") == 1) {
		*cause = xasprintf("read-only: cannot write %s (the file or its file system is "
				   "read-only)",
				   path);
		store->failure = STORE_FAILURE_READONLY;
		goto cleanup_umask;
	}
	/* 16 KiB pages for a new database: the reports read every answer of
	 * three years, and with 4 KiB pages a fifth of their time went to
	 * reading pages one system call each (BENCHMARKS.md). Must come before
	 * anything is written; an older database keeps its 4 KiB pages until a
	 * VACUUM. */
	if (created && store_exec(store, "PRAGMA page_size = 16384", cause) < 0)
		goto cleanup_umask;
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
	if (store_choose_sync(store, cause) < 0)
		goto cleanup_umask;
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
	store->failure = STORE_FAILURE_NONE;
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
