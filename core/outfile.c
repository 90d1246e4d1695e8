/* Output files written safely; see outfile.h for the rules. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "setting.h"
#include "store.h"
#include "xmalloc.h"

int outfile_policy_for_group(const char *group, struct outfile_policy *policy, char **cause)
{
	struct group gr, *found = NULL;
	char buf[4096];
	char *end;
	long gid;

	policy->mode = 0600;
	policy->gid = (gid_t)-1;
	if (group == NULL || *group == '\0')
		return 0;
	errno = 0;
	gid = strtol(group, &end, 10);
	if (*end == '\0' && end != group && errno == 0 && gid >= 0) {
		policy->gid = (gid_t)gid;
	} else {
		if (getgrnam_r(group, &gr, buf, sizeof(buf), &found) != 0 || found == NULL) {
			*cause = xasprintf("file_group: no group '%s' on this machine", group);
			return -1;
		}
		policy->gid = found->gr_gid;
	}
	policy->mode = 0660;
	return 0;
}

int outfile_policy_load(struct store *store, struct outfile_policy *policy, char **cause)
{
	char *err = NULL;
	char *group = setting_get(store, OUTFILE_GROUP_SETTING, &err);
	int rc;

	if (group == NULL && err != NULL) {
		*cause = err;
		return -1;
	}
	rc = outfile_policy_for_group(group, policy, cause);
	free(group);
	return rc;
}

/* Splits path into a newly allocated folder ("." when none); caller frees. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int outfile_check(const char *path, char **cause)
{
	struct stat st;
	char *dir;
	int rc = -1;

	if (path == NULL || *path == '\0') {
		*cause = xstrdup("an empty output path");
		return -1;
	}
	if (path[strlen(path) - 1] == '/') {
		*cause = xasprintf("%s: is a folder, not a file", path);
		return -1;
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			*cause = xasprintf("%s: is a symbolic link; refusing to write through it",
					   path);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			*cause = xasprintf("%s: exists and is not a regular file", path);
			return -1;
		}
		if (st.st_nlink > 1) {
			*cause = xasprintf("%s: has other hard links; refusing to overwrite it", path);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	dir = folder_of(path);
	if (stat(dir, &st) != 0)
		*cause = xasprintf("%s: folder %s: %s", path, dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		*cause = xasprintf("%s: %s is not a folder", path, dir);
	else
		rc = 0;
	free(dir);
	return rc;
}

/* Sets mode and group on an open descriptor. */
static int apply_policy(int fd, const char *path, const struct outfile_policy *policy,
			char **cause)
{
	if (policy->gid != (gid_t)-1 && fchown(fd, (uid_t)-1, policy->gid) != 0) {
		*cause = xasprintf("%s: cannot give it group %ld: %s", path, (long)policy->gid,
				   strerror(errno));
		return -1;
	}
	if (fchmod(fd, policy->mode) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int outfile_open(const char *path, const struct outfile_policy *policy, int flags, char **cause)
{
	static const struct outfile_policy fallback = OUTFILE_POLICY_DEFAULT;
	struct stat before, after;
	bool existed;
	int fd, oflags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC;

	if (policy == NULL)
		policy = &fallback;
	if (outfile_check(path, cause) < 0)
		return -1;
	existed = lstat(path, &before) == 0;
	if (existed && (flags & OUTFILE_EXCLUSIVE)) {
		*cause = xasprintf("%s: exists already; it was left untouched", path);
		return -1;
	}
	if (!existed || (flags & OUTFILE_EXCLUSIVE))
		oflags |= O_EXCL;
	/* Created owner-only; the policy's mode is set once it is ours. */
	fd = open(path, oflags, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			*cause = xasprintf("%s: is a symbolic link; refusing to write through it",
					   path);
		else
			*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &after) != 0 || !S_ISREG(after.st_mode) || after.st_nlink > 1 ||
	    (existed && (after.st_dev != before.st_dev || after.st_ino != before.st_ino))) {
		*cause = xasprintf("%s: changed while it was being opened; refusing it", path);
		close(fd);
		return -1;
	}
	if (existed && ftruncate(fd, 0) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (apply_policy(fd, path, policy, cause) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

FILE *outfile_fopen(const char *path, const struct outfile_policy *policy, int flags,
		    char **cause)
{
	int fd = outfile_open(path, policy, flags, cause);
	FILE *fp;

	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "w");
	if (fp == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
	}
	return fp;
}

static int write_all(int fd, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int outfile_write(const char *path, const struct outfile_policy *policy, const void *data,
		  size_t len, char **cause)
{
	static const struct outfile_policy fallback = OUTFILE_POLICY_DEFAULT;
	char *dir = NULL, *tmp = NULL;
	const char *base;
	int fd = -1, rc = -1;

	if (policy == NULL)
		policy = &fallback;
	*cause = NULL;
	if (outfile_check(path, cause) < 0)
		return -1;
	dir = folder_of(path);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp); /* 0600 whatever the umask, O_EXCL */
	if (fd < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto cleanup;
	}
	if (apply_policy(fd, path, policy, cause) < 0)
		goto cleanup;
	if (write_all(fd, data, len) < 0 || fsync(fd) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	if (close(fd) != 0) {
		fd = -1;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	fd = -1;
	/* rename() replaces a link made since the check; it never follows one. */
	if (rename(tmp, path) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	free(tmp);
	tmp = NULL;
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(dir);
	return rc;
}

/* Sets mode and group on one existing file (a missing one is skipped). */
static int secure_one(const char *path, mode_t mode, gid_t gid, char **cause)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct outfile_policy p = { mode, gid };
	int rc;

	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	rc = apply_policy(fd, path, &p, cause);
	close(fd);
	return rc;
}

int outfile_secure_store(struct store *store, const struct outfile_policy *policy, char **cause)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	static const struct outfile_policy fallback = OUTFILE_POLICY_DEFAULT;
	const char *db = store_path(store);
	char *key;
	int rc;

	if (policy == NULL)
		policy = &fallback;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *path = xasprintf("%s%s", db, suffixes[i]);

		rc = secure_one(path, policy->mode, policy->gid, cause);
		free(path);
		if (rc < 0)
			return -1;
	}
	key = xasprintf("%s.key", db);
	rc = secure_one(key, policy->gid == (gid_t)-1 ? 0600 : 0640, policy->gid, cause);
	free(key);
	return rc;
}
