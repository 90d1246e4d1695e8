/* Online backup and restore; see backup.h. */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schema.h"
#include "store_internal.h"
#include "xmalloc.h"

/* SQLite's unix VFS holds a read lock on this byte of FILE-shm for as long as
 * a connection has a WAL database open (the "dead man switch" byte,
 * UNIX_SHM_DMS in os_unix.c: 120 + 8). A write lock that would conflict tells
 * us another process has the database open. */
#define SHM_DMS_OFFSET 128

int backup_in_use(const char *path, char **cause)
{
	char *shm = xasprintf("%s-shm", path);
	struct flock fl;
	int fd, rc = -1;

	fd = open(shm, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		/* No shared-memory file: nobody has it open in WAL mode. */
		rc = errno == ENOENT ? 0 : -1;
		if (rc < 0)
			*cause = xasprintf("%s: %s", shm, strerror(errno));
		goto cleanup;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = SHM_DMS_OFFSET;
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) < 0) {
		*cause = xasprintf("%s: %s", shm, strerror(errno));
		goto cleanup;
	}
	rc = fl.l_type != F_UNLCK;
cleanup:
	if (fd >= 0)
		close(fd);
	free(shm);
	return rc;
}

/* Copies all of src into dst (at dst_path), waiting on busy pages rather than
 * failing. */
static int copy_db(sqlite3 *src, sqlite3 *dst, const char *dst_path, long long *pages, char **cause)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc;

	if (b == NULL) {
		*cause = xasprintf("backup: %s", sqlite3_errmsg(dst));
		return -1;
	}
	do {
		/* Small steps let kiosks write between them. */
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	*pages = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		char *text = store_error_text(dst, dst_path);

		*cause = xasprintf("backup: %s", text);
		free(text);
		return -1;
	}
	return 0;
}

static int check_copy(sqlite3 *db, const char *path, int *schema, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		*cause = xasprintf("%s: not a readable database: %s", path, sqlite3_errmsg(db));
		goto cleanup;
	}
	if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
		*cause = xasprintf("%s: integrity check failed: %s", path, sqlite3_column_text(st, 0));
		goto cleanup;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		*cause = xasprintf("%s: %s", path, sqlite3_errmsg(db));
		goto cleanup;
	}
	*schema = sqlite3_column_int(st, 0);
	if (*schema < 1) {
		*cause = xasprintf("%s: not a vaksam database", path);
		goto cleanup;
	}
	if (*schema > schema_latest()) {
		*cause = xasprintf("%s: made by a newer vaksam (schema %d, this one knows %d)", path,
				   *schema, schema_latest());
		goto cleanup;
	}
	rc = 0;
cleanup:
	sqlite3_finalize(st);
	return rc;
}

int backup_write(struct store *store, const char *dest, struct backup_info *info, char **cause)
{
	sqlite3 *dst = NULL;
	struct stat st;
	mode_t old;
	int rc = -1;

	memset(info, 0, sizeof(*info));
	if (lstat(dest, &st) == 0) {
		*cause = xasprintf("%s: exists already; choose a new name", dest);
		return -1;
	}
	old = umask(077);
	if (sqlite3_open_v2(dest, &dst,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
			    NULL) != SQLITE_OK) {
		*cause = store_error_text(dst, dest);
		umask(old);
		goto cleanup;
	}
	umask(old);
	sqlite3_busy_timeout(dst, 10000);
	if (copy_db(store->db, dst, dest, &info->pages, cause) < 0 ||
	    check_copy(dst, dest, &info->schema, cause) < 0)
		goto cleanup;
	/* The copy is a single file: no WAL beside it. */
	sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	rc = 0;
cleanup:
	sqlite3_close(dst);
	if (rc < 0 && dst != NULL)
		unlink(dest);
	if (rc == 0 && stat(dest, &st) == 0)
		info->bytes = (long long)st.st_size;
	return rc;
}

int backup_restore(const char *src, const char *dest, struct backup_info *info, char **cause)
{
	sqlite3 *from = NULL, *to = NULL;
	struct stat st;
	mode_t old;
	int in_use, rc = -1;

	memset(info, 0, sizeof(*info));
	if (lstat(src, &st) != 0) {
		*cause = xasprintf("%s: %s", src, strerror(errno));
		return -1;
	}
	if (lstat(dest, &st) == 0 && S_ISLNK(st.st_mode)) {
		*cause = xasprintf("%s: is a symbolic link; refused", dest);
		return -1;
	}
	in_use = backup_in_use(dest, cause);
	if (in_use < 0)
		return -1;
	if (in_use) {
		*cause = xasprintf("%s: in use by a running vaksam (kiosk?); stop it first", dest);
		return -1;
	}
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", src, sqlite3_errmsg(from));
		goto cleanup;
	}
	if (check_copy(from, src, &info->schema, cause) < 0)
		goto cleanup;
	old = umask(077);
	if (sqlite3_open_v2(dest, &to,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
			    NULL) != SQLITE_OK) {
		*cause = store_error_text(to, dest);
		umask(old);
		goto cleanup;
	}
	umask(old);
	sqlite3_busy_timeout(to, 10000);
	if (copy_db(from, to, dest, &info->pages, cause) < 0)
		goto cleanup;
	if (sqlite3_exec(to, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_error_text(to, dest);
		goto cleanup;
	}
	rc = 0;
cleanup:
	sqlite3_close(from);
	sqlite3_close(to);
	if (rc == 0 && stat(dest, &st) == 0)
		info->bytes = (long long)st.st_size;
	return rc;
}
