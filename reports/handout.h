/*
 * Handouts: a course's handout.md on one A4 page, for staff who work on
 * paper. The page has the organisation's name, the handout (its first "# "
 * heading as the title, else the course title), the placeholders filled from
 * the settings (incident contact and the like), and at the foot a QR code
 * that opens the course at the kiosk (VKC...), plus a second one with the
 * handout_url setting ({course} replaced by the course id) when it is set;
 * each code has what it holds printed beside it.
 *
 * Body text is set at 13 pt, or 12.5 or 12 pt when needed to fit; a handout
 * that does not fit one page at 12 pt is refused, naming the course, never
 * clipped.
 */
#ifndef VAKSAM_REPORTS_HANDOUT_H
#define VAKSAM_REPORTS_HANDOUT_H

struct store;

/* The smallest body size a handout may be set in. */
#define HANDOUT_MIN_SIZE 12.0

/*
 * Writes the handout of course_slug, or of every course that has one when
 * course_slug is NULL, to path (see pdf_write for the file rules). Returns
 * 0; *warning (newly allocated, or NULL) names placeholders with no setting.
 * Returns -1 with *cause for an unknown course, a course without a handout,
 * one that does not fit, or a failure to write.
 */
int handout_print(struct store *store, const char *course_slug, const char *path, char **warning,
		  char **cause);

#include "core/banned.h"

#endif
