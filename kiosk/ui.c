/*
 * Drawing helpers the screens share: the content area, scrolling that
 * follows the focus, progress bars, and the lesson renderer that lays a page
 * model (core/page.h) out as lines: headings, paragraphs, bullet and
 * numbered lists, "Tänk på" boxes for block quotes, emphasis as underline,
 * strong as bold, links as their text followed by the address.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

int ui_top(void)
{
	return 1;
}

int ui_bottom(void)
{
	return LINES - 2;
}

void ui_draw_doc(const struct doc *d, int top, int y, int x, int rows, int width)
{
	for (int r = 0; r < rows; r++) {
		size_t i = (size_t)top + (size_t)r;

		if (top < 0 || i >= d->n)
			break;
		text_draw_line(y + r, x, &d->lines[i], width);
	}
}

void ui_follow(int *top, int first, int last, int rows, int n_lines)
{
	int max_top = n_lines - rows;

	if (rows < 1)
		rows = 1;
	if (last - first + 1 > rows) {
		if (first < *top || first >= *top + rows)
			*top = first;
	} else {
		if (first < *top)
			*top = first;
		if (last >= *top + rows)
			*top = last - rows + 1;
	}
	if (max_top < 0)
		max_top = 0;
	if (*top > max_top)
		*top = max_top;
	if (*top < 0)
		*top = 0;
}

bool ui_find_tag(const struct doc *d, int tag, int *first, int *last)
{
	bool found = false;

	for (size_t i = 0; i < d->n; i++) {
		if (d->lines[i].tag != tag)
			continue;
		if (!found)
			*first = (int)i;
		*last = (int)i;
		found = true;
	}
	return found;
}

void ui_bar(struct cellbuf *b, double share, int width)
{
	int done;

	if (share < 0)
		share = 0;
	if (share > 1)
		share = 1;
	done = (int)(share * width + 0.5);
	cellbuf_add(b, L'[', ROLE_NORMAL, 0);
	for (int i = 0; i < width; i++)
		cellbuf_add(b, i < done ? L'#' : L'.', i < done ? ROLE_PROGRESS : ROLE_DIM, 0);
	cellbuf_add(b, L']', ROLE_NORMAL, 0);
}

void ui_para(struct doc *d, const char *text, int indent, int width, enum theme_role role, int tag)
{
	struct cellbuf b = {0};

	if (text)
		text_decode(text, strlen(text), true, &b, role, 0);
	doc_wrap(d, b.cells, b.n, indent, indent, width, tag);
	cellbuf_release(&b);
}

void ui_date(const char *stored, char *buf, size_t size)
{
	snprintf(buf, size, "%.10s", stored ? stored : "");
}

/* ---- The lesson renderer ----------------------------------------------- */

/* The cells of a block's spans. */
static void block_cells(const struct page_block *blk, struct cellbuf *b, enum theme_role base)
{
	for (size_t i = 0; i < blk->n_spans; i++) {
		const struct page_span *sp = &blk->spans[i];
		enum theme_role role = base;
		unsigned flags = 0;

		if (sp->flags & PAGE_SPAN_STRONG)
			flags |= CELL_BOLD;
		if (sp->flags & PAGE_SPAN_EMPH)
			flags |= CELL_UNDER;
		if (sp->flags & PAGE_SPAN_CODE)
			role = ROLE_CODE;
		if (sp->url)
			role = ROLE_LINK;
		text_decode(sp->text, sp->len, true, b, role, flags);
		/* A link is its text plus the address, unless they are the same:
		 * nobody can click on a terminal. */
		if (sp->url && strcmp(sp->url, sp->text) != 0) {
			cellbuf_addstr(b, " (", ROLE_DIM, 0);
			cellbuf_addstr(b, sp->url, ROLE_DIM, 0);
			cellbuf_addstr(b, ")", ROLE_DIM, 0);
		}
	}
}

static bool is_item(const struct page_block *blk)
{
	return blk->type == PAGE_BULLET || blk->type == PAGE_NUMBERED;
}

/* Whether a blank line goes between prev and blk. */
static bool blank_between(const struct page_block *prev, const struct page_block *blk)
{
	if (prev == NULL)
		return false;
	if (prev->type == PAGE_HEADING)
		return false;
	/* A list stays together, with its items' continuation paragraphs. */
	if ((is_item(prev) || (prev->depth > 0 && prev->type == PAGE_PARAGRAPH)) &&
	    (is_item(blk) || (blk->depth > 0 && blk->type == PAGE_PARAGRAPH)))
		return false;
	return true;
}

/* Lays out one block (not a box) into d for width. */
static void render_block(struct doc *d, const struct page_block *blk, int width)
{
	struct cellbuf b = {0};
	int indent = blk->depth > 0 ? (blk->depth - 1) * 3 : 0;

	switch (blk->type) {
	case PAGE_HEADING:
		block_cells(blk, &b, ROLE_HEADING);
		for (size_t i = 0; i < b.n; i++)
			b.cells[i].flags |= CELL_BOLD;
		doc_wrap(d, b.cells, b.n, 0, 0, width, -1);
		break;
	case PAGE_BULLET: {
		struct cellbuf item = {0};

		cellbuf_add(&item, ACS_C_BULLET, ROLE_NORMAL, CELL_ACS);
		cellbuf_add(&item, L' ', ROLE_NORMAL, 0);
		block_cells(blk, &item, ROLE_NORMAL);
		doc_wrap(d, item.cells, item.n, indent, indent + 2, width, -1);
		cellbuf_release(&item);
		break;
	}
	case PAGE_NUMBERED: {
		char num[16];
		int nw;

		snprintf(num, sizeof(num), "%d. ", blk->number);
		nw = (int)strlen(num);
		cellbuf_addstr(&b, num, ROLE_NORMAL, 0);
		block_cells(blk, &b, ROLE_NORMAL);
		doc_wrap(d, b.cells, b.n, indent, indent + nw, width, -1);
		break;
	}
	case PAGE_CODE:
		block_cells(blk, &b, ROLE_CODE);
		doc_wrap(d, b.cells, b.n, indent + 2, indent + 2, width, -1);
		break;
	case PAGE_PARAGRAPH:
	case PAGE_QUOTE:
	default:
		if (blk->depth > 0)
			indent = (blk->depth - 1) * 3 + 2;
		block_cells(blk, &b, ROLE_NORMAL);
		doc_wrap(d, b.cells, b.n, indent, indent, width, -1);
		break;
	}
	cellbuf_release(&b);
}

/* Draws the inner lines of a box with its frame into d. */
static void render_box(struct doc *d, const struct doc *inner, int width)
{
	struct cellbuf b = {0};
	const char *label = _("Tänk på");
	int inner_w = width - 4;
	int used;

	cellbuf_add(&b, ACS_C_ULCORNER, ROLE_BOX, CELL_ACS);
	cellbuf_add(&b, ACS_C_HLINE, ROLE_BOX, CELL_ACS);
	cellbuf_add(&b, L' ', ROLE_BOX, 0);
	cellbuf_addstr(&b, label, ROLE_BOX, CELL_BOLD);
	cellbuf_add(&b, L' ', ROLE_BOX, 0);
	used = cellbuf_width(b.cells, b.n);
	for (int i = used; i < width - 1; i++)
		cellbuf_add(&b, ACS_C_HLINE, ROLE_BOX, CELL_ACS);
	cellbuf_add(&b, ACS_C_URCORNER, ROLE_BOX, CELL_ACS);
	doc_add(d, b.cells, b.n, 0, -1);
	for (size_t l = 0; l < inner->n; l++) {
		const struct line *il = &inner->lines[l];
		int w;

		cellbuf_reset(&b);
		cellbuf_add(&b, ACS_C_VLINE, ROLE_BOX, CELL_ACS);
		cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		for (int i = 0; i < il->x; i++)
			cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		for (size_t i = 0; i < il->n; i++)
			cellbuf_add(&b, il->cells[i].ch, (enum theme_role)il->cells[i].role,
				    il->cells[i].flags);
		w = cellbuf_width(b.cells, b.n);
		for (int i = w; i < inner_w + 2; i++)
			cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		cellbuf_add(&b, ACS_C_VLINE, ROLE_BOX, CELL_ACS);
		doc_add(d, b.cells, b.n, 0, -1);
	}
	cellbuf_reset(&b);
	cellbuf_add(&b, ACS_C_LLCORNER, ROLE_BOX, CELL_ACS);
	for (int i = 1; i < width - 1; i++)
		cellbuf_add(&b, ACS_C_HLINE, ROLE_BOX, CELL_ACS);
	cellbuf_add(&b, ACS_C_LRCORNER, ROLE_BOX, CELL_ACS);
	doc_add(d, b.cells, b.n, 0, -1);
	cellbuf_release(&b);
}

void ui_render_page(struct doc *d, const struct page *page, int width)
{
	const struct page_block *prev = NULL;
	size_t i = 0;

	if (width < 20)
		width = 20;
	while (i < page->n_blocks) {
		const struct page_block *blk = &page->blocks[i];

		if (blk->box) {
			struct doc inner = {0};
			const struct page_block *iprev = NULL;
			int box = blk->box;

			while (i < page->n_blocks && page->blocks[i].box == box) {
				if (blank_between(iprev, &page->blocks[i]))
					doc_blank(&inner);
				render_block(&inner, &page->blocks[i], width - 4);
				iprev = &page->blocks[i];
				i++;
			}
			if (prev || d->n)
				doc_blank(d);
			render_box(d, &inner, width);
			doc_release(&inner);
			/* Keep a blank line after a box before what follows. */
			prev = &page->blocks[i - 1];
			continue;
		}
		if (blank_between(prev, blk) || (prev && prev->box))
			doc_blank(d);
		render_block(d, blk, width);
		prev = blk;
		i++;
	}
}
