/*
 * Online backup and restore of the database with SQLite's backup API. A
 * backup is safe while kiosks write: it copies a consistent snapshot. It
 * copies the database only; the key file is backed up separately (a backup
 * that travels with its key would let whoever holds it guess PINs offline).
 */
#ifndef VAKSAM_BACKUP_H
#define VAKSAM_BACKUP_H

#include <stdbool.h>

struct store;

struct backup_info {
	int schema;         /* user_version of the copy */
	long long pages;    /* pages copied */
	long long bytes;    /* size of the copy */
};

/* Copies the open store to dest, which must not exist (mode 0600; a symlink is
 * refused). The copy is checked with PRAGMA integrity_check. */
int backup_write(struct store *store, const char *dest, struct backup_info *info, char **cause);
/* Whether any process has the database at path open (its WAL index is locked).
 * Returns 1 in use, 0 not, -1 on error. */
int backup_in_use(const char *path, char **cause);
/* Replaces the database at dest with the backup at src. Refuses when dest is in
 * use, when src is not a sound vaksam database, or is from a newer vaksam. */
int backup_restore(const char *src, const char *dest, struct backup_info *info, char **cause);

#include "banned.h"

#endif
