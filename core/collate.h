/*
 * Swedish alphabetical order: a-z, then å ä ö, case-insensitive; é sorts as
 * e, ü as y, æ as ä, ø as ö. SQLite's NOCASE and lower() are ASCII-only and
 * glibc's C.UTF-8 puts Ä before Å, so vaksam brings its own. Ties are broken
 * by the bytes, so the order is total.
 */
#ifndef VAKSAM_COLLATE_H
#define VAKSAM_COLLATE_H

#include <stddef.h>

/* Compares two UTF-8 strings of the given byte lengths in Swedish order. */
int collate_sv(const char *a, size_t alen, const char *b, size_t blen);
/* Returns a newly allocated case- and accent-folded copy (Å→å, é→e); caller frees.
 * Used for matching headers and searching names. */
char *collate_fold(const char *s);

#include "banned.h"

#endif
