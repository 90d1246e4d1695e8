/*
 * The store: one SQLite file and its secret key file (FILE.key beside it).
 * This is the only public face of the database; no SQLite type crosses it,
 * so another backend could stand behind the same functions. Domain modules in
 * core/ (unit, person, credential, setting, ...) use store_internal.h for SQL.
 *
 * Invariants: every connection runs with WAL, foreign_keys=ON,
 * synchronous=FULL and a busy timeout; every write transaction starts with
 * BEGIN IMMEDIATE; migrations are numbered on PRAGMA user_version.
 */
#ifndef VAKSAM_STORE_H
#define VAKSAM_STORE_H

#include <stdbool.h>

struct store;

enum store_open_mode {
	STORE_OPEN_EXISTING, /* refuse a missing file */
	STORE_CREATE_NEW,    /* refuse an existing file; create database and key */
	STORE_OPEN_READONLY  /* an existing file, read only */
};

/*
 * Opens (or creates) the database at path and migrates it to the current
 * schema. A database from a newer vaksam is refused and left untouched.
 * On success *out is a new store the caller closes with store_close(). On
 * failure returns -1 and sets *cause (caller frees).
 */
int store_open(const char *path, enum store_open_mode mode, struct store **out, char **cause);
/* Closes the store and sets *store to NULL; accepts NULL. */
void store_close(struct store **store);

/*
 * Opens a second connection (*twin, the caller closes it) to the database
 * of store and starts a read transaction on both that sees the same
 * snapshot, so that two threads can read one consistent state at once. End
 * each with store_read_end(). store must have no transaction open. A short
 * write lock (no write) pins the snapshot while both begin; on a read-only
 * database nobody can write, so none is needed.
 */
int store_read_twin(struct store *store, struct store **twin, char **cause);
/* Ends a read transaction (store_read_twin's, or any other that wrote
 * nothing); a failure leaves nothing to report. */
void store_read_end(struct store *store);

/* What kind of failure the last cause from this store was, so that a boundary
 * can say it in its own words (the kiosk in Swedish). Reset when a
 * transaction begins. */
enum store_failure {
	STORE_FAILURE_NONE,
	STORE_FAILURE_FULL,     /* the disk is full */
	STORE_FAILURE_READONLY, /* the file or its file system is read-only */
	STORE_FAILURE_CANTOPEN, /* the file or the ones beside it cannot be opened */
	STORE_FAILURE_IO,       /* another disk error */
	STORE_FAILURE_OTHER
};
enum store_failure store_last_failure(const struct store *store);

/* Starts a write transaction with BEGIN IMMEDIATE. */
int store_begin(struct store *store, char **cause);
int store_commit(struct store *store, char **cause);
/* Rolls back if a transaction is open; safe to call at any time. */
void store_rollback(struct store *store);

const char *store_path(const struct store *store);
/* The schema version the file is at, and the one this vaksam writes. */
int store_schema_version(struct store *store);
int store_schema_latest(void);
/* Whether the key file was found and loaded. */
bool store_has_key(const struct store *store);

/* Returns a newly allocated "YYYY-MM-DDTHH:MM:SSZ" for now (UTC); caller frees.
 * VAKSAM_NOW (same format) overrides the clock for tests. */
char *store_now(void);
/* Seconds since the epoch, honouring VAKSAM_NOW. */
long long store_time(void);

#include "banned.h"

#endif
