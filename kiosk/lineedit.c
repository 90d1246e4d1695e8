/* The line editor; see lineedit.h. */
#include "kiosk/lineedit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "kiosk/text.h"
#include "kiosk/theme.h"

/* The dot shown for each character of a secret. */
#define SECRET_DOT L'\x2022'

void lineedit_init(struct lineedit *e, size_t max, bool multiline, bool secret)
{
	memset(e, 0, sizeof(*e));
	e->max = max;
	e->multiline = multiline;
	e->secret = secret;
}

void lineedit_clear(struct lineedit *e)
{
	if (e->buf)
		memset(e->buf, 0, e->alloc * sizeof(*e->buf));
	e->len = 0;
	e->cur = 0;
}

void lineedit_release(struct lineedit *e)
{
	lineedit_clear(e);
	free(e->buf);
	memset(e, 0, sizeof(*e));
}

static void insert(struct lineedit *e, wchar_t ch)
{
	if (e->len >= e->max)
		return;
	if (e->len == e->alloc) {
		size_t alloc = e->alloc ? e->alloc * 2 : 32;
		wchar_t *nb = xreallocarray(NULL, alloc, sizeof(wchar_t));

		/* Copy and wipe rather than realloc, so no old copy of a PIN stays. */
		if (e->len)
			memcpy(nb, e->buf, e->len * sizeof(wchar_t));
		if (e->buf) {
			memset(e->buf, 0, e->alloc * sizeof(wchar_t));
			free(e->buf);
		}
		e->buf = nb;
		e->alloc = alloc;
	}
	memmove(e->buf + e->cur + 1, e->buf + e->cur, (e->len - e->cur) * sizeof(wchar_t));
	e->buf[e->cur++] = ch;
	e->len++;
}

static void erase_at(struct lineedit *e, size_t at)
{
	if (at >= e->len)
		return;
	memmove(e->buf + at, e->buf + at + 1, (e->len - at - 1) * sizeof(wchar_t));
	e->len--;
	e->buf[e->len] = 0;
}

size_t utf8_encode(wchar_t ch, char *out)
{
	unsigned long c = (unsigned long)ch;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

char *lineedit_text(const struct lineedit *e)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < e->len; i++) {
		char u[5];
		size_t n = utf8_encode(e->buf[i], u);

		strbuf_add(&sb, u, n);
	}
	return strbuf_detach(&sb);
}

void lineedit_set(struct lineedit *e, const char *text)
{
	struct cellbuf b = {0};

	lineedit_clear(e);
	if (text)
		text_decode(text, strlen(text), e->multiline, &b, ROLE_NORMAL, 0);
	for (size_t i = 0; i < b.n; i++)
		insert(e, b.cells[i].ch);
	cellbuf_release(&b);
}

bool lineedit_empty(const struct lineedit *e)
{
	return e->len == 0;
}

/* Row and column of every position 0..len when wrapped at width w
 * (character wrap; '\n' ends a row). Fills rows[i], cols[i]. */
static void layout(const struct lineedit *e, int w, int *rows, int *cols)
{
	int r = 0, c = 0;

	for (size_t i = 0; i <= e->len; i++) {
		int cw = i < e->len ? (e->secret ? 1 : text_wcwidth(e->buf[i])) : 1;

		if (e->multiline && c + cw > w && c > 0) {
			r++;
			c = 0;
		}
		rows[i] = r;
		cols[i] = c;
		if (i == e->len)
			break;
		if (e->buf[i] == L'\n') {
			r++;
			c = 0;
		} else {
			c += cw;
		}
	}
}

/* Moves the cursor one row up (dir -1) or down (+1) in a multi-line field. */
static bool move_row(struct lineedit *e, int dir)
{
	int w = e->width > 0 ? e->width : 60;
	int *rows = xreallocarray(NULL, e->len + 1, sizeof(int));
	int *cols = xreallocarray(NULL, e->len + 1, sizeof(int));
	int want_r, want_c;
	size_t best = e->cur;
	bool found = false;

	layout(e, w, rows, cols);
	want_r = rows[e->cur] + dir;
	want_c = cols[e->cur];
	for (size_t i = 0; i <= e->len; i++) {
		if (rows[i] != want_r)
			continue;
		if (!found || cols[i] <= want_c) {
			best = i;
			found = true;
		}
	}
	free(rows);
	free(cols);
	if (!found)
		return false;
	e->cur = best;
	return true;
}

enum lineedit_result lineedit_key(struct lineedit *e, wint_t key, bool func)
{
	if (func) {
		switch (key) {
		case KEY_LEFT:
			if (e->cur > 0)
				e->cur--;
			return LINEEDIT_CHANGED;
		case KEY_RIGHT:
			if (e->cur < e->len)
				e->cur++;
			return LINEEDIT_CHANGED;
		case KEY_HOME:
			e->cur = 0;
			return LINEEDIT_CHANGED;
		case KEY_END:
			e->cur = e->len;
			return LINEEDIT_CHANGED;
		case KEY_BACKSPACE:
			if (e->cur > 0)
				erase_at(e, --e->cur);
			return LINEEDIT_CHANGED;
		case KEY_DC:
			erase_at(e, e->cur);
			return LINEEDIT_CHANGED;
		case KEY_UP:
		case KEY_DOWN:
			if (e->multiline && move_row(e, key == KEY_UP ? -1 : 1))
				return LINEEDIT_CHANGED;
			return LINEEDIT_UNHANDLED;
		case KEY_ENTER:
			break;
		default:
			return LINEEDIT_UNHANDLED;
		}
	}
	if (key == L'\n' || key == L'\r' || (func && key == KEY_ENTER)) {
		if (!e->multiline)
			return LINEEDIT_ENTER;
		insert(e, L'\n');
		return LINEEDIT_CHANGED;
	}
	if (key == 127 || key == 8) {
		if (e->cur > 0)
			erase_at(e, --e->cur);
		return LINEEDIT_CHANGED;
	}
	if (key == 21) { /* Ctrl-U empties the field, as in a shell */
		lineedit_clear(e);
		return LINEEDIT_CHANGED;
	}
	if (key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
		return LINEEDIT_UNHANDLED;
	if (e->digits && (key < L'0' || key > L'9'))
		return LINEEDIT_CHANGED; /* swallowed: a PIN holds digits only */
	if (text_wcwidth((wchar_t)key) == 0 || wcwidth((wchar_t)key) < 0)
		return LINEEDIT_CHANGED;
	insert(e, (wchar_t)key);
	return LINEEDIT_CHANGED;
}

void lineedit_draw(const struct lineedit *e, int y, int x, int w, int h, int *cy, int *cx)
{
	int *rows, *cols;
	int top = 0, off = 0;

	if (w < 1)
		w = 1;
	if (h < 1)
		h = 1;
	rows = xreallocarray(NULL, e->len + 1, sizeof(int));
	cols = xreallocarray(NULL, e->len + 1, sizeof(int));
	layout(e, w, rows, cols);
	for (int r = 0; r < h; r++)
		text_fill(y + r, x, w, ROLE_INPUT);
	if (e->multiline) {
		if (rows[e->cur] >= h)
			top = rows[e->cur] - h + 1;
	} else if (cols[e->cur] >= w) {
		off = cols[e->cur] - w + 1;
	}
	theme_set(ROLE_INPUT);
	for (size_t i = 0; i < e->len; i++) {
		int r = rows[i] - top, c = cols[i] - off;
		wchar_t ch = e->secret ? SECRET_DOT : e->buf[i];
		cchar_t cc;
		wchar_t wc[2] = {ch, L'\0'};

		if (e->buf[i] == L'\n' || r < 0 || r >= h || c < 0 || c + text_wcwidth(ch) > w)
			continue;
		setcchar(&cc, wc, theme_attr(ROLE_INPUT), theme_pair(ROLE_INPUT), NULL);
		mvadd_wch(y + r, x + c, &cc);
	}
	attr_set(A_NORMAL, 0, NULL);
	*cy = y + rows[e->cur] - top;
	*cx = x + cols[e->cur] - off;
	if (*cx >= x + w)
		*cx = x + w - 1;
	free(rows);
	free(cols);
}
