/*
 * The course booklet: a whole course on paper for people who will never use
 * the kiosk. A cover with the title, the time it takes and the course QR
 * code; the lesson pages in order, each starting on a new page, with
 * "Tänk på" boxes; and at the end how to take the paper quiz, with the
 * course QR code again. Running head and "Sida n av m" on every page.
 */
#ifndef VAKSAM_REPORTS_BOOKLET_H
#define VAKSAM_REPORTS_BOOKLET_H

#include <stddef.h>

struct store;

/*
 * Writes the booklet of course_slug to path. Returns 0 (*pages set;
 * *warning newly allocated or NULL, naming placeholders without a setting),
 * or -1 with *cause.
 */
int booklet_print(struct store *store, const char *course_slug, const char *path, size_t *pages,
		  char **warning, char **cause);

#include "core/banned.h"

#endif
