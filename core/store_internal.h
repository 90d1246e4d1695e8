/*
 * For core/ only: the SQLite handle behind a store, a cache of prepared
 * statements, and helpers that turn SQLite errors into causes. Nothing
 * outside core/ may include this file (tests may).
 */
#ifndef VAKSAM_STORE_INTERNAL_H
#define VAKSAM_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "store.h"

#define STORE_KEY_BYTES 32

struct store_stmt {
	const char *sql;    /* the literal the statement was prepared from (not owned) */
	sqlite3_stmt *stmt; /* owned */
};

struct store {
	sqlite3 *db;                      /* owned */
	char *path;                       /* owned */
	bool readonly;
	bool in_txn;                      /* a transaction this store began is open */
	bool has_key;
	enum store_failure failure;         /* the kind of the last error a cause was made for */
	long long busy_since_us;            /* when the current wait for a lock began */
	unsigned busy_seed;                 /* rand_r state for the naps while waiting */
	unsigned char key[STORE_KEY_BYTES]; /* the secret from FILE.key */
	struct store_stmt *stmts;         /* owned cache, n_stmts entries */
	size_t n_stmts, alloc_stmts;
};

/*
 * Returns a reset prepared statement for sql, which must be a string literal
 * (the cache keys on it); the statement stays owned by the store. Callers
 * reset it again when done (store_done), on every path, so no read
 * transaction is left open. Returns NULL and sets *cause on error.
 */
sqlite3_stmt *store_stmt(struct store *store, const char *sql, char **cause);
/* Resets a statement from store_stmt and clears its bindings. Accepts NULL. */
void store_done(sqlite3_stmt *stmt);
/* Sets *cause to "what: " and the words of store_error_text(); returns -1. */
int store_fail(struct store *store, char **cause, const char *what);
/*
 * Returns the plain words for db's last error, naming path: "disk full:
 * cannot write PATH ...", "read-only: ...", or SQLite's message for other
 * errors. Every SQLite error that leaves core goes through here. Newly
 * allocated; caller frees. db may be NULL (out of memory at open).
 */
char *store_error_text(sqlite3 *db, const char *path);
/* Runs SQL without results (several statements allowed). */
int store_exec(struct store *store, const char *sql, char **cause);
/* Binds a text or NULL. */
int store_bind_text(sqlite3_stmt *stmt, int idx, const char *text);
/* Returns a newly allocated copy of a text column, or NULL for NULL; caller frees. */
char *store_column_text(sqlite3_stmt *stmt, int col);

/* Migrates to the given version (tests use this to build old databases). */
int store_migrate_to(struct store *store, int target, char **cause);

/* Registers the "sv" collation and sv_fold() on a connection. */
int collate_register(sqlite3 *db);

/* Stable bytes of the keyed BLAKE2b of data under the store key (32 bytes). */
void store_keyed_hash(const struct store *store, const void *data, size_t len,
		      unsigned char out[32]);

#endif
