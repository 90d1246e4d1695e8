/*
 * Settings: key/value pairs kept in the database (organisation name, incident
 * contact, idle timeout, small-group threshold, handout_url ...). Each known
 * key has a description and a validator; `vaksam config` refuses unknown keys
 * and bad values, so the kiosk never meets a setting it cannot use.
 */
#ifndef VAKSAM_SETTING_H
#define VAKSAM_SETTING_H

#include <stddef.h>

struct store;

struct setting_def {
	const char *key;
	const char *default_value; /* NULL: no default */
	const char *help;          /* one English sentence */
	int (*valid)(const char *value, char **cause); /* NULL: any text */
};

/* The known settings, in display order; *n receives their count. */
const struct setting_def *setting_defs(size_t *n);
const struct setting_def *setting_def_find(const char *key);

/* Returns a newly allocated value (the default when unset, NULL when neither);
 * caller frees. */
char *setting_get(struct store *store, const char *key, char **cause);
/* Reads an integer setting, falling back to the default; -1 on error. */
int setting_get_int(struct store *store, const char *key, long *out, char **cause);
/* Validates and stores a value (its own transaction when none is open). */
int setting_set(struct store *store, const char *key, const char *value, char **cause);
/* Stores a value without validation inside the caller's transaction (init). */
int setting_put(struct store *store, const char *key, const char *value, char **cause);
/* Whether a key has a stored or default value. */
int setting_is_defined(struct store *store, const char *key);

#include "banned.h"

#endif
