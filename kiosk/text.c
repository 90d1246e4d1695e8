/*
 * Cleaning, measuring, wrapping and drawing text; see text.h. The UTF-8
 * decoder is our own so that invalid input is handled the same under any
 * locale; widths come from the C library (LC_CTYPE is UTF-8 in the kiosk).
 */
#include "kiosk/text.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* Decodes one UTF-8 sequence at s (len bytes left); sets *used. Returns
 * U+FFFD for an invalid or overlong sequence (consuming one byte). */
static wchar_t utf8_next(const unsigned char *s, size_t len, size_t *used)
{
	unsigned c = s[0];
	unsigned need, cp, min;

	*used = 1;
	if (c < 0x80)
		return (wchar_t)c;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return 0xfffd;
	}
	if (len < need + 1)
		return 0xfffd;
	for (unsigned i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0xfffd;
	*used = need + 1;
	return (wchar_t)cp;
}

/* The character as it may be shown: controls and direction overrides become '?'. */
static wchar_t clean(wchar_t ch)
{
	if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0))
		return L'?';
	if ((ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069))
		return L'?';
	if (ch == 0x200e || ch == 0x200f || ch == 0x061c)
		return L'?';
	return ch;
}

int text_wcwidth(wchar_t ch)
{
	int w = wcwidth(ch);

	return w < 0 ? 1 : w;
}

void cellbuf_add(struct cellbuf *b, wchar_t ch, enum theme_role role, unsigned flags)
{
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? b->alloc * 2 : 64;
		b->cells = xreallocarray(b->cells, b->alloc, sizeof(*b->cells));
	}
	b->cells[b->n].ch = ch;
	b->cells[b->n].role = (uint8_t)role;
	b->cells[b->n].flags = (uint8_t)flags;
	b->n++;
}

void text_decode(const char *s, size_t len, bool keep_newlines, struct cellbuf *out,
		 enum theme_role role, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len && p[i]) {
		size_t used;
		wchar_t ch = utf8_next(p + i, len - i, &used);

		i += used;
		if (ch == L'\n' && keep_newlines) {
			cellbuf_add(out, L'\n', role, flags);
			continue;
		}
		if (ch == L'\t' || ch == L'\n' || ch == L'\r')
			ch = L' ';
		ch = clean(ch);
		/* Combining marks and other zero-width characters are dropped: a
		 * cell holds one spacing character (content is written in NFC). */
		if (wcwidth(ch) == 0)
			continue;
		cellbuf_add(out, ch, role, flags);
	}
}

void cellbuf_addstr(struct cellbuf *b, const char *s, enum theme_role role, unsigned flags)
{
	if (s)
		text_decode(s, strlen(s), false, b, role, flags);
}

void cellbuf_reset(struct cellbuf *b)
{
	b->n = 0;
}

void cellbuf_release(struct cellbuf *b)
{
	free(b->cells);
	memset(b, 0, sizeof(*b));
}

int cellbuf_width(const struct cell *cells, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n; i++)
		w += (cells[i].flags & CELL_ACS) ? 1 : text_wcwidth(cells[i].ch);
	return w;
}

int text_width(const char *s)
{
	struct cellbuf b = {0};
	int w;

	cellbuf_addstr(&b, s, ROLE_NORMAL, 0);
	w = cellbuf_width(b.cells, b.n);
	cellbuf_release(&b);
	return w;
}

struct line *doc_add(struct doc *d, const struct cell *cells, size_t n, int x, int tag)
{
	struct line *l;

	if (d->n == d->alloc) {
		d->alloc = d->alloc ? d->alloc * 2 : 64;
		d->lines = xreallocarray(d->lines, d->alloc, sizeof(*d->lines));
	}
	l = &d->lines[d->n++];
	memset(l, 0, sizeof(*l));
	l->x = x;
	l->tag = tag;
	l->n = n;
	if (n) {
		l->cells = xreallocarray(NULL, n, sizeof(*cells));
		memcpy(l->cells, cells, n * sizeof(*cells));
	}
	return l;
}

void doc_blank(struct doc *d)
{
	doc_add(d, NULL, 0, 0, -1);
}

void doc_release(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i].cells);
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

static int cell_width(const struct cell *c)
{
	return (c->flags & CELL_ACS) ? 1 : text_wcwidth(c->ch);
}

size_t doc_wrap(struct doc *d, const struct cell *cells, size_t n, int indent, int hang, int width,
		int tag)
{
	size_t added = 0, i = 0;
	int x = indent;

	if (width < 1)
		width = 1;
	while (i < n || added == 0) {
		int room = width - x;
		size_t start = i, end = i, last_break = 0;
		int w = 0;
		bool have_break = false;

		if (room < 1)
			room = 1;
		/* Leading spaces of a continuation line are dropped. */
		if (added > 0)
			while (start < n && cells[start].ch == L' ' &&
			       !(cells[start].flags & CELL_ACS))
				start++;
		end = start;
		while (end < n && cells[end].ch != L'\n') {
			int cw = cell_width(&cells[end]);

			if (w + cw > room)
				break;
			if (cells[end].ch == L' ') {
				last_break = end;
				have_break = true;
			}
			w += cw;
			end++;
		}
		if (end < n && cells[end].ch != L'\n' && cells[end].ch != L' ' && have_break &&
		    last_break > start)
			end = last_break; /* break at the last space that fits */
		else if (end == start && end < n && cells[end].ch != L'\n')
			end = start + 1; /* a character wider than the room */
		{
			size_t e = end;

			while (e > start && cells[e - 1].ch == L' ')
				e--; /* no trailing spaces */
			/* Empty text may come as a NULL array: no offset on it. */
			doc_add(d, e > start ? cells + start : NULL, e - start, x, tag);
		}
		added++;
		i = end;
		if (i < n && (cells[i].ch == L'\n' || cells[i].ch == L' '))
			i++;
		x = hang;
		if (i >= n)
			break;
	}
	return added;
}

static const cchar_t *acs_char(wchar_t code)
{
	switch (code) {
	case ACS_C_HLINE:
		return WACS_HLINE;
	case ACS_C_VLINE:
		return WACS_VLINE;
	case ACS_C_ULCORNER:
		return WACS_ULCORNER;
	case ACS_C_URCORNER:
		return WACS_URCORNER;
	case ACS_C_LLCORNER:
		return WACS_LLCORNER;
	case ACS_C_LRCORNER:
		return WACS_LRCORNER;
	default:
		return WACS_BULLET;
	}
}

int text_draw_cells(int y, int x, const struct cell *cells, size_t n, int maxw)
{
	int used = 0;

	for (size_t i = 0; i < n; i++) {
		const struct cell *c = &cells[i];
		int cw = cell_width(c);
		attr_t a;

		if (used + cw > maxw)
			break;
		a = theme_attr((enum theme_role)c->role);
		if (c->flags & CELL_BOLD)
			a |= A_BOLD;
		if (c->flags & CELL_UNDER)
			a |= A_UNDERLINE;
		attr_set(a, theme_pair((enum theme_role)c->role), NULL);
		if (c->flags & CELL_ACS) {
			mvadd_wch(y, x + used, acs_char(c->ch));
		} else {
			cchar_t cc;
			wchar_t wc[2] = {c->ch, L'\0'};

			setcchar(&cc, wc, a, theme_pair((enum theme_role)c->role), NULL);
			mvadd_wch(y, x + used, &cc);
		}
		used += cw;
	}
	attr_set(A_NORMAL, 0, NULL);
	return used;
}

int text_draw(int y, int x, const char *s, int maxw, enum theme_role role)
{
	struct cellbuf b = {0};
	int w;

	cellbuf_addstr(&b, s, role, 0);
	w = text_draw_cells(y, x, b.cells, b.n, maxw);
	cellbuf_release(&b);
	return w;
}

void text_draw_line(int y, int x0, const struct line *l, int maxw)
{
	if (l->x >= maxw)
		return;
	text_draw_cells(y, x0 + l->x, l->cells, l->n, maxw - l->x);
}

void text_fill(int y, int x, int w, enum theme_role role)
{
	theme_set(role);
	for (int i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
	attr_set(A_NORMAL, 0, NULL);
}
