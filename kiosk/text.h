/*
 * Text for the screen: UTF-8 made safe and measured in display columns, and
 * styled text wrapped to a width.
 *
 * Everything that reaches the terminal passes through text_decode(): invalid
 * UTF-8 becomes U+FFFD, and control characters (C0, DEL, C1) and the
 * bidirectional overrides (U+202A-202E, U+2066-2069) become '?', so a name or
 * a course text can never move the cursor, overwrite other text or reverse
 * a line. Widths come from wcwidth(): å ä ö é take one column, CJK two.
 *
 * A document (struct doc) is a list of lines of cells; each cell is one
 * character with a role and flags. Screens build documents once per layout
 * (on entering, and when the width changes) and draw the visible slice.
 */
#ifndef VAKSAM_KIOSK_TEXT_H
#define VAKSAM_KIOSK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "kiosk/theme.h"

/* Cell flags. */
#define CELL_BOLD  0x1u
#define CELL_UNDER 0x2u
#define CELL_ACS   0x4u /* ch is one of the CELL_ACS_* line-drawing codes below */

enum cell_acs {
	ACS_C_HLINE = 1,
	ACS_C_VLINE,
	ACS_C_ULCORNER,
	ACS_C_URCORNER,
	ACS_C_LLCORNER,
	ACS_C_LRCORNER,
	ACS_C_BULLET
};

struct cell {
	wchar_t ch;
	uint8_t role;  /* enum theme_role */
	uint8_t flags; /* CELL_* */
};

/* A growable run of cells. */
struct cellbuf {
	struct cell *cells; /* owned */
	size_t n, alloc;
};

struct line {
	struct cell *cells; /* owned */
	size_t n;
	int x;      /* column the line starts at, relative to the document */
	bool focus; /* the line holds the focused item (cursor goes there) */
	int tag;    /* free for the screen (an item index), -1 when none */
};

struct doc {
	struct line *lines; /* owned */
	size_t n, alloc;
};

/* Decodes UTF-8 into cleaned wide characters appended to *out (see above);
 * tabs become spaces and, unless keep_newlines, newlines too. */
void text_decode(const char *s, size_t len, bool keep_newlines, struct cellbuf *out,
		 enum theme_role role, unsigned flags);
/* Display width of a cleaned character: 0, 1 or 2. */
int text_wcwidth(wchar_t ch);
/* Display width of a UTF-8 string after cleaning. */
int text_width(const char *s);

void cellbuf_add(struct cellbuf *b, wchar_t ch, enum theme_role role, unsigned flags);
void cellbuf_addstr(struct cellbuf *b, const char *s, enum theme_role role, unsigned flags);
void cellbuf_reset(struct cellbuf *b);
void cellbuf_release(struct cellbuf *b);
int cellbuf_width(const struct cell *cells, size_t n);

/*
 * Appends cells to d wrapped at width columns: the first line starts at
 * column indent, the following ones at hang. Breaks at spaces; a word
 * wider than the room is broken; '\n' forces a break. Every new line gets
 * tag. Returns the number of lines added (at least 1).
 */
size_t doc_wrap(struct doc *d, const struct cell *cells, size_t n, int indent, int hang, int width,
		int tag);
/* Appends one line holding a copy of cells at column x. */
struct line *doc_add(struct doc *d, const struct cell *cells, size_t n, int x, int tag);
/* Appends an empty line. */
void doc_blank(struct doc *d);
void doc_release(struct doc *d);

/* Draws cells at screen row y from column x, clipped to maxw columns; returns
 * the columns drawn. */
int text_draw_cells(int y, int x, const struct cell *cells, size_t n, int maxw);
/* Draws a UTF-8 string clipped to maxw columns in a role; returns the columns. */
int text_draw(int y, int x, const char *s, int maxw, enum theme_role role);
/* Draws a line of a document at screen row y, shifted by x0. */
void text_draw_line(int y, int x0, const struct line *l, int maxw);
/* Fills columns [x, x + w) of row y with spaces in a role. */
void text_fill(int y, int x, int w, enum theme_role role);

#endif
