/*
 * Writing output files safely: every PDF, CSV and export vaksam writes, and
 * the modes of the database, its WAL and its key.
 *
 * Rules:
 *   - a path is used exactly as given on the command line, never built from
 *     data;
 *   - an existing path that is a symbolic link is refused (lstat, then
 *     O_NOFOLLOW, then fstat compared with the lstat: no race lets a link
 *     slip in), as is one that is not a regular file or has other hard links
 *     (a hard link to someone else's file would otherwise be overwritten);
 *   - a missing folder is an error, never created;
 *   - files are written with mode 0600, or 0660 and a group when the
 *     setting "file_group" names one (for kiosk accounts that share the
 *     database); the mode is set with fchmod, whatever the umask and
 *     whatever mode an existing file had.
 *
 * Nothing here prints; errors come back as *cause (caller frees).
 */
#ifndef VAKSAM_OUTFILE_H
#define VAKSAM_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct store;

/* How files are to be written. */
struct outfile_policy {
	mode_t mode; /* 0600, or 0660 with a group */
	gid_t gid;   /* (gid_t)-1: leave the group as it is */
};
#define OUTFILE_POLICY_DEFAULT { 0600, (gid_t)-1 }

/* The name of the setting that holds the group (see outfile_policy_load). */
#define OUTFILE_GROUP_SETTING "file_group"

/*
 * Fills *policy from the "file_group" setting: unset or empty gives
 * OUTFILE_POLICY_DEFAULT, a group name (or number) gives mode 0660 and that
 * group. A group that does not exist is an error. Returns 0 or -1 with
 * *cause.
 */
int outfile_policy_load(struct store *store, struct outfile_policy *policy, char **cause);
/* The same from a group name (NULL or "" for the default). */
int outfile_policy_for_group(const char *group, struct outfile_policy *policy, char **cause);

/* Flags for outfile_open(). */
enum {
	OUTFILE_EXCLUSIVE = 1 << 0 /* refuse an existing file (O_EXCL) */
};

/*
 * Checks an output path before any work is done: refuses a symbolic link,
 * an existing non-regular file or one with other hard links, and a folder
 * that does not exist. Returns 0 or -1 with *cause ("PATH: why").
 */
int outfile_check(const char *path, char **cause);

/*
 * Opens path for writing under the rules above and returns the descriptor
 * (close it yourself), or -1 with *cause. An existing regular file is
 * truncated only after it has been checked (unless OUTFILE_EXCLUSIVE, which
 * refuses it); the mode and group of policy (NULL: the default) are set on
 * the open descriptor.
 */
int outfile_open(const char *path, const struct outfile_policy *policy, int flags, char **cause);
/* The same as a stdio stream ("w"); NULL with *cause. Close it with fclose
 * and check the result: a full disk shows there. */
FILE *outfile_fopen(const char *path, const struct outfile_policy *policy, int flags,
		    char **cause);

/*
 * Writes len bytes to path in one go: checks path, writes a temporary file
 * beside it with the policy's mode, fsyncs it and renames it into place, so
 * a failure leaves no half-written file and a link made meanwhile is
 * replaced, not followed. Returns 0 or -1 with *cause. (For PDFs: build the
 * bytes with HPDF_SaveToStream/HPDF_ReadFromStream and pass them here.)
 */
int outfile_write(const char *path, const struct outfile_policy *policy, const void *data,
		  size_t len, char **cause);

/*
 * Applies policy to the database file, its -wal and -shm (when present) and
 * its key file: mode 0600 (key 0600) by default; with a group, 0660 for the
 * database files and 0640 for the key (kiosks read it, never write it).
 * Returns 0 or -1 with *cause. Changing the group needs the owner (or root).
 */
int outfile_secure_store(struct store *store, const struct outfile_policy *policy, char **cause);

#include "banned.h"

#endif
