/*
 * A line editor for typed answers and the login fields: UTF-8 in and out,
 * a cursor that moves by characters (Left/Right, Home/End), Backspace and
 * Delete, and for essays several lines (Enter starts a new one, Up/Down move
 * between rows). A secret field shows one dot per character. Drawing is
 * stateless: the visible part follows the cursor.
 */
#ifndef VAKSAM_KIOSK_LINEEDIT_H
#define VAKSAM_KIOSK_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

struct lineedit {
	wchar_t *buf; /* owned, len characters (not NUL-terminated) */
	size_t len, alloc;
	size_t cur;     /* cursor, 0..len */
	size_t max;     /* most characters accepted */
	bool multiline; /* Enter inserts a newline */
	bool secret;    /* drawn as dots */
	bool digits;    /* only 0-9 accepted */
	int width;      /* columns of the field's layout, for Up/Down; the screen
			   sets it before passing keys */
};

enum lineedit_result {
	LINEEDIT_UNHANDLED, /* not an editing key: the screen decides */
	LINEEDIT_CHANGED,   /* text or cursor changed */
	LINEEDIT_ENTER,     /* Enter in a single-line field */
};

void lineedit_init(struct lineedit *e, size_t max, bool multiline, bool secret);
void lineedit_release(struct lineedit *e);
/* Empties the field, wiping what was there (it may be a PIN). */
void lineedit_clear(struct lineedit *e);
/* Replaces the text with a UTF-8 string, cursor at the end. */
void lineedit_set(struct lineedit *e, const char *text);
enum lineedit_result lineedit_key(struct lineedit *e, wint_t key, bool func);
/* Returns the text as newly allocated UTF-8; caller frees. */
char *lineedit_text(const struct lineedit *e);
bool lineedit_empty(const struct lineedit *e);
/*
 * Draws the field at row y, column x, w columns wide and h rows high (1 for
 * a single line) with the input role, and sets *cy, *cx to where the cursor
 * belongs.
 */
void lineedit_draw(const struct lineedit *e, int y, int x, int w, int h, int *cy, int *cx);

/* Encodes one character as UTF-8 into out (at least 5 bytes); returns bytes. */
size_t utf8_encode(wchar_t ch, char *out);

#endif
