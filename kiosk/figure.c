/*
 * Figures on the measurement screens ("Min kunskap", "Min enhet"): labels in
 * fixed columns, a bar with its percentage, and the words a hidden figure
 * shows instead of a number. A hidden figure never carries a number of its
 * own, not even the count of people behind it: the screen says only that
 * there are fewer than the threshold.
 */
#include "kiosk/kiosk.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xmalloc.h"

void figure_label(struct cellbuf *b, const char *text, int width, enum theme_role role,
		  unsigned flags)
{
	struct cellbuf t = {0};
	int w = 0;

	/* One column stays blank, so the next figure never touches the label. */
	width--;
	cellbuf_addstr(&t, text, role, flags);
	for (size_t i = 0; i < t.n; i++) {
		int cw = text_wcwidth(t.cells[i].ch);

		/* Leave room for the ellipsis when the rest does not fit. */
		if (w + cw > width || (w + cw == width && cellbuf_width(t.cells + i, t.n - i) > cw)) {
			if (w < width) {
				cellbuf_add(b, L'…', role, flags);
				w++;
			}
			break;
		}
		cellbuf_add(b, t.cells[i].ch, t.cells[i].role, t.cells[i].flags);
		w += cw;
	}
	for (; w <= width; w++)
		cellbuf_add(b, L' ', ROLE_NORMAL, 0);
	cellbuf_release(&t);
}

void figure_percent(struct cellbuf *b, double percent, int bar)
{
	char buf[32];

	ui_bar(b, percent / 100.0, bar);
	snprintf(buf, sizeof(buf), " %3.0f %%", floor(percent + 0.5));
	cellbuf_addstr(b, buf, ROLE_NORMAL, CELL_BOLD);
}

void figure_hidden(struct cellbuf *b, long k)
{
	char *text = xasprintf(_("färre än %ld"), k);

	cellbuf_addstr(b, text, ROLE_DIM, 0);
	free(text);
}

void figure_heading(struct doc *d, const char *text, int width)
{
	struct cellbuf b = {0};

	if (d->n)
		doc_blank(d);
	cellbuf_addstr(&b, text, ROLE_HEADING, CELL_BOLD);
	doc_wrap(d, b.cells, b.n, 0, 0, width, -1);
	cellbuf_release(&b);
}
