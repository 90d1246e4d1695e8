/*
 * Units as a tree (förvaltning, enhet, arbetslag ...). A unit is named by its
 * path from the root, parts joined by '/', e.g. "Socialförvaltningen/Hemtjänst
 * Norr". Paths are normalised: parts trimmed, empty parts refused.
 */
#ifndef VAKSAM_UNIT_H
#define VAKSAM_UNIT_H

#include <stddef.h>

struct store;

struct unit {
	long long id;
	long long parent_id; /* 0 for a root unit */
	char *name;          /* owned: the last part of the path */
	char *path;          /* owned */
	int depth;           /* 0 for a root unit */
	int head_count;      /* active people in this unit alone */
	int head_count_tree; /* active people in this unit and below */
};

/*
 * Normalises a unit path into a newly allocated string (caller frees).
 * Returns NULL and sets *cause when the path is empty or has an empty part.
 */
char *unit_path_normalise(const char *path, char **cause);
/* Finds or creates the unit at path and its parents; inside the caller's
 * transaction. Sets *id. */
int unit_ensure(struct store *store, const char *path, long long *id, char **cause);
/* Sets *id to the unit at path, or 0 when there is none. */
int unit_find(struct store *store, const char *path, long long *id, char **cause);
/* All units in tree order (parents before children, siblings in Swedish order)
 * with head counts. *out is a new array the caller frees with unit_list_free(). */
int unit_list(struct store *store, struct unit **out, size_t *n, char **cause);
void unit_list_free(struct unit **units, size_t n);

#include "banned.h"

#endif
