/* Settings kept in the database; see setting.h. */
#include "setting.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "sanitize.h"
#include "store_internal.h"
#include "xmalloc.h"

static int valid_int(const char *value, long lo, long hi, char **cause)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < lo || v > hi) {
		*cause = xasprintf("'%s' is not a whole number from %ld to %ld", value, lo, hi);
		return -1;
	}
	return 0;
}

static int valid_idle(const char *value, char **cause)
{
	return valid_int(value, 5, 3600, cause);
}

static int valid_threshold(const char *value, char **cause)
{
	/* Never below 3: smaller groups identify people. */
	return valid_int(value, 3, 1000, cause);
}

static int valid_months(const char *value, char **cause)
{
	return valid_int(value, 1, 120, cause);
}

static int valid_url(const char *value, char **cause)
{
	if (strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0) {
		*cause = xasprintf("'%s' is not an http(s) URL", value);
		return -1;
	}
	for (const char *p = value; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			*cause = xstrdup("a URL may not hold spaces or control characters");
			return -1;
		}
	}
	return 0;
}

/* Refuses what must not reach a terminal, a PDF or a log: control
 * characters, direction overrides and marks, and invalid UTF-8 (sanitize.h). */
static int valid_chars(const char *value, char **cause)
{
	size_t off = 0;
	uint32_t cp = 0;

	if (sanitize_is_clean(value, 0, &off, &cp))
		return 0;
	if (cp >= 0x80 && cp == (unsigned char)value[off])
		*cause = xasprintf("the value is not valid UTF-8 (byte %zu)", off + 1);
	else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		*cause = xasprintf("the value holds a control character (U+%04X at byte %zu)",
				   (unsigned)cp, off + 1);
	else
		*cause = xasprintf("the value holds a direction or other invisible control "
				   "character (U+%04X at byte %zu)",
				   (unsigned)cp, off + 1);
	return -1;
}

static int valid_email(const char *value, char **cause)
{
	const char *at = strchr(value, '@');

	if (valid_chars(value, cause) < 0)
		return -1;
	if (at == NULL || at == value || strchr(at, '.') == NULL || strchr(value, ' ')) {
		*cause = xasprintf("'%s' is not an e-mail address", value);
		return -1;
	}
	return 0;
}

static int valid_text(const char *value, char **cause)
{
	if (*value == '\0') {
		*cause = xstrdup("the value is empty");
		return -1;
	}
	if (valid_chars(value, cause) < 0)
		return -1;
	if (strlen(value) > 200) {
		*cause = xstrdup("the value is longer than 200 bytes");
		return -1;
	}
	return 0;
}

static int valid_yes_no(const char *value, char **cause)
{
	if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0) {
		*cause = xasprintf("'%s' is neither yes nor no", value);
		return -1;
	}
	return 0;
}

static int valid_group(const char *value, char **cause)
{
	struct outfile_policy policy;

	return outfile_policy_for_group(value, &policy, cause);
}

static const struct setting_def defs[] = {
	{ "organisation", "Exempelkommunen", "the organisation's name, on screens and printouts",
	  valid_text },
	{ "incident_phone", NULL, "phone number where staff report an incident", valid_text },
	{ "incident_email", NULL, "e-mail address where staff report an incident", valid_email },
	{ "dpo_email", NULL, "e-mail of the data protection officer (dataskyddsombud)",
	  valid_email },
	{ "servicedesk_phone", NULL, "phone number of the IT service desk", valid_text },
	{ "idle_timeout", "300", "seconds without a key before the kiosk logs out", valid_idle },
	{ "small_group", "5", "figures from fewer people than this are suppressed (at least 3)",
	  valid_threshold },
	{ "handout_url", NULL,
	  "URL template for phones on handouts, {course} replaced by the course id", valid_url },
	{ "refresh_months", "12", "default months before a passed course is due again",
	  valid_months },
	{ "retention_months", "36", "months that responses and audit entries are kept",
	  valid_months },
	{ "keep_completions", "yes",
	  "yes: a purge keeps completions as proof of training; no: they are purged too",
	  valid_yes_no },
	{ "fsync_every_commit", "no",
	  "yes: each answer waits for the disk (survives a power cut, slow on slow disks); "
	  "no: survives a killed kiosk, a power cut may lose the last seconds",
	  valid_yes_no },
	{ "file_group", NULL,
	  "group that may read and write the database and PDFs (mode 0660); unset: owner only",
	  valid_group },
};

const struct setting_def *setting_defs(size_t *n)
{
	*n = sizeof(defs) / sizeof(defs[0]);
	return defs;
}

const struct setting_def *setting_def_find(const char *key)
{
	for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (strcmp(defs[i].key, key) == 0)
			return &defs[i];
	return NULL;
}

char *setting_get(struct store *store, const char *key, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT value FROM setting WHERE key = ?1", cause);
	const struct setting_def *def;
	char *value = NULL;
	int rc;

	if (st == NULL)
		return NULL;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		value = store_column_text(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_fail(store, cause, "reading setting");
		return NULL;
	}
	if (value == NULL && (def = setting_def_find(key)) && def->default_value)
		value = xstrdup(def->default_value);
	return value;
}

int setting_get_int(struct store *store, const char *key, long *out, char **cause)
{
	char *value = setting_get(store, key, cause);
	char *end;
	int rc = -1;

	if (value == NULL) {
		if (*cause == NULL)
			*cause = xasprintf("setting %s has no value", key);
		return -1;
	}
	*out = strtol(value, &end, 10);
	if (end != value && *end == '\0')
		rc = 0;
	else
		*cause = xasprintf("setting %s is not a number", key);
	free(value);
	return rc;
}

int setting_put(struct store *store, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "INSERT INTO setting (key, value) VALUES (?1, ?2)"
				      " ON CONFLICT (key) DO UPDATE SET value = ?2",
				      cause);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "storing setting");
	return 0;
}

int setting_set(struct store *store, const char *key, const char *value, char **cause)
{
	const struct setting_def *def = setting_def_find(key);
	char *inner = NULL;

	if (def == NULL) {
		*cause = xasprintf("unknown setting '%s' (see 'vaksam config list')", key);
		return -1;
	}
	if (def->valid && def->valid(value, &inner) < 0) {
		*cause = xasprintf("%s: %s", key, inner);
		free(inner);
		return -1;
	}
	if (store_begin(store, cause) < 0)
		return -1;
	if (setting_put(store, key, value, cause) < 0 || store_commit(store, cause) < 0) {
		store_rollback(store);
		return -1;
	}
	return 0;
}

int setting_is_defined(struct store *store, const char *key)
{
	char *cause = NULL;
	char *v = setting_get(store, key, &cause);
	int defined = v != NULL;

	free(v);
	free(cause);
	return defined;
}
