/*
 * Cleaning hostile text. Everything that comes from the database, a roster,
 * course content or the command line is cleaned before it reaches a
 * terminal, a PDF, a log or stderr: a carriage return or backspace in a name
 * overwrites other text on screen, ESC starts a terminal escape sequence, and
 * U+202E turns the rest of a line around.
 *
 * What is dangerous (sanitize_is_dangerous_cp):
 *   - C0 controls U+0000-U+001F and DEL U+007F;
 *   - C1 controls U+0080-U+009F (as UTF-8, and as the single bytes
 *     0x80-0x9F some terminals read as CSI and friends: these are invalid
 *     UTF-8 and so replaced anyway);
 *   - bidirectional embeddings and overrides U+202A-U+202E and isolates
 *     U+2066-U+2069, and the invisible direction marks U+200E, U+200F and
 *     U+061C;
 *   - the line and paragraph separators U+2028 and U+2029.
 * Invalid UTF-8 (stray bytes, overlong forms, surrogates, beyond U+10FFFF)
 * is treated the same way, one replacement per bad byte.
 *
 * Every function here is pure: no allocation failure is reported (xmalloc
 * exits), no state is kept, and nothing is printed except by
 * sanitize_fputs().
 */
#ifndef VAKSAM_SANITIZE_H
#define VAKSAM_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Flags for sanitize_text(). */
enum {
	SANITIZE_KEEP_NEWLINE = 1 << 0, /* keep '\n' (multi-line text such as a lesson) */
	SANITIZE_KEEP_TAB = 1 << 1,     /* keep '\t' */
	SANITIZE_DROP = 1 << 2          /* drop dangerous characters instead of
					   writing SANITIZE_REPLACEMENT */
};

/* What a dangerous character or bad byte becomes unless SANITIZE_DROP. */
#define SANITIZE_REPLACEMENT '?'

/* Whether a code point is one of those listed above. */
bool sanitize_is_dangerous_cp(uint32_t cp);

/*
 * Returns a newly allocated copy of the first len bytes of text with every
 * dangerous character and invalid byte replaced (or dropped, see flags);
 * caller frees. A NUL byte inside len counts as a control character.
 */
char *sanitize_textn(const char *text, size_t len, int flags);
/* The same for a NUL-terminated string; NULL gives "". */
char *sanitize_text(const char *text, int flags);

/*
 * Returns true when text (NUL-terminated) holds nothing that sanitize_text
 * would change with the given flags. Otherwise returns false and sets
 * *offset to the byte offset of the first offending character and *cp to
 * its code point (or the bad byte's value for invalid UTF-8); either may be
 * NULL.
 */
bool sanitize_is_clean(const char *text, int flags, size_t *offset, uint32_t *cp);

/* Writes sanitize_text(text, flags) to fp; returns what fputs returns. */
int sanitize_fputs(const char *text, int flags, FILE *fp);

/*
 * For CSV exports: returns a newly allocated copy of a TEXT cell with a
 * leading apostrophe when it starts with '=', '+', '-', '@', a tab or a
 * carriage return, so a spreadsheet does not run it as a formula (OWASP "CSV
 * injection"); caller frees. Never apply it to numbers: they are written as
 * numbers. Quoting is the CSV writer's job (libcsv's csv_fwrite).
 */
char *sanitize_csv_cell(const char *text);
/* Whether sanitize_csv_cell would change text. */
bool sanitize_csv_needs_quote(const char *text);

#include "banned.h"

#endif
