/* Flowing text and page models down A4 pages; see flow.h. */
#include "reports/flow.h"

#include "core/page.h"
#include "core/xmalloc.h"

#define BOX_BAR   4.0  /* the solid bar on the left of a "Tänk på" box */
#define BOX_PAD   9.0  /* inner space above, below and on the right */
#define BOX_INSET 16.0 /* from the box's left edge to its text */

void flow_init(struct flow *f, struct pdf *pdf, double left, double width, double top,
	       double bottom, double size)
{
	memset(f, 0, sizeof(*f));
	f->pdf = pdf;
	f->left = left;
	f->width = width;
	f->top = top;
	f->bottom = bottom;
	f->size = size;
	f->leading = size * 1.42;
	f->y = top;
	f->box_label = "Tänk på";
}

static double usable_bottom(const struct flow *f)
{
	return f->bottom - (f->in_box ? BOX_PAD : 0);
}

/* Draws the part of the current box that is on this page, ending at y. */
static void box_segment(struct flow *f, double end)
{
	double h = end - f->box_top;

	if (h <= 0)
		return;
	pdf_rect(f->pdf, f->left, f->box_top, f->width, h, 0.9, 0);
	pdf_fill_rect(f->pdf, f->left, f->box_top, BOX_BAR, h, 0);
}

void flow_page(struct flow *f)
{
	if (f->overflow)
		return;
	if (f->started && f->single_page) {
		f->overflow = true;
		return;
	}
	if (f->started && f->in_box)
		box_segment(f, f->y + BOX_PAD);
	pdf_page_add(f->pdf);
	f->started = true;
	f->y = f->top;
	if (f->on_page)
		f->on_page(f, f->ctx);
	if (f->in_box) {
		f->box_top = f->y;
		f->box_page = pdf_page_count(f->pdf) - 1;
		f->y += BOX_PAD;
	}
}

bool flow_need(struct flow *f, double h)
{
	if (f->overflow)
		return false;
	if (!f->started)
		flow_page(f);
	/* A piece taller than a whole page goes where it starts. */
	if (f->y + h > usable_bottom(f) + 0.01 && f->y > f->top + (f->in_box ? BOX_PAD : 0) + 0.01)
		flow_page(f);
	else if (f->y + h > usable_bottom(f) + 0.01 && f->single_page)
		f->overflow = true;
	return !f->overflow;
}

void flow_gap(struct flow *f, double h)
{
	if (f->overflow || !f->started)
		return;
	if (f->y <= f->top + 0.01)
		return;
	f->y += h;
}

void flow_lines(struct flow *f, const struct pdf_layout *layout, double x, size_t min_lines)
{
	size_t keep = min_lines < layout->n_lines ? min_lines : layout->n_lines;

	if (layout->n_lines == 0 || !flow_need(f, (double)keep * layout->leading))
		return;
	for (size_t i = 0; i < layout->n_lines; i++) {
		if (!flow_need(f, layout->leading))
			return;
		pdf_layout_draw(f->pdf, layout, i, i + 1, x, f->y, PDF_LEFT, 0);
		f->y += layout->leading;
	}
}

void flow_text(struct flow *f, enum pdf_font font, double size, double indent, const char *text,
	       double space_after)
{
	struct pdf_layout l = {0};
	double x = f->left + (f->in_box ? BOX_INSET : 0) + indent;
	double w = f->width - (f->in_box ? BOX_INSET + BOX_PAD : 0) - indent;

	pdf_layout_text(f->pdf, font, text, size, size * 1.35, w, &l);
	flow_lines(f, &l, x, 2);
	pdf_layout_release(&l);
	flow_gap(f, space_after);
}

/* --- the page model ----------------------------------------------------- */

/* The spans of a block as pdf spans; link targets follow their text in
 * parentheses. Strings made here are kept in *extra (caller frees). */
static struct pdf_span *block_spans(const struct page_block *b, size_t *n, char ***extra,
				    size_t *n_extra)
{
	struct pdf_span *spans = xcalloc(2 * b->n_spans + 1, sizeof(*spans));

	*n = 0;
	*extra = xcalloc(b->n_spans + 1, sizeof(char *));
	*n_extra = 0;
	for (size_t i = 0; i < b->n_spans; i++) {
		const struct page_span *s = &b->spans[i];
		/* Emphasis is printed bold: italics are hard to read for many. */
		enum pdf_font font =
		    s->flags & (PAGE_SPAN_STRONG | PAGE_SPAN_EMPH) ? PDF_BOLD : PDF_REGULAR;

		spans[*n].text = s->text;
		spans[*n].len = s->len;
		spans[*n].font = font;
		(*n)++;
		if (s->url && strncmp(s->url, "mailto:", 7) != 0 &&
		    (s->len != strlen(s->url) || memcmp(s->text, s->url, s->len) != 0)) {
			char *e = xasprintf(" (%s)", s->url);

			(*extra)[(*n_extra)++] = e;
			spans[*n].text = e;
			spans[*n].len = strlen(e);
			spans[*n].font = PDF_REGULAR;
			(*n)++;
		}
	}
	return spans;
}

static void layout_block(struct flow *f, const struct page_block *b, double size, double leading,
			 double width, struct pdf_layout *l)
{
	struct pdf_span *spans;
	char **extra;
	size_t n, n_extra;

	spans = block_spans(b, &n, &extra, &n_extra);
	if (b->type == PAGE_HEADING)
		for (size_t i = 0; i < n; i++)
			spans[i].font = PDF_BOLD;
	pdf_layout_spans(f->pdf, spans, n, size, leading, width, l);
	for (size_t i = 0; i < n_extra; i++)
		free(extra[i]);
	free(extra);
	free(spans);
}

static double heading_size(const struct flow *f, int level)
{
	return level <= 1 ? f->size * 1.7 : level == 2 ? f->size * 1.3 : f->size * 1.1;
}

static bool is_item(const struct page_block *b)
{
	return b->type == PAGE_BULLET || b->type == PAGE_NUMBERED;
}

static void box_begin(struct flow *f)
{
	double label = f->size * 1.35;

	if (!flow_need(f, 2 * BOX_PAD + label + 2 * f->leading))
		return;
	f->in_box = true;
	f->box_top = f->y;
	f->box_page = pdf_page_count(f->pdf) - 1;
	f->y += BOX_PAD;
	pdf_text(f->pdf, PDF_BOLD, f->size, f->left + BOX_INSET, f->y, 0, PDF_LEFT, f->box_label);
	f->y += label;
}

static void box_end(struct flow *f, double last_gap)
{
	if (!f->in_box)
		return;
	f->y -= last_gap;
	if (!f->overflow)
		box_segment(f, f->y + BOX_PAD);
	f->y += BOX_PAD;
	f->in_box = false;
}

/* Places one block; returns the space it added after itself. */
static double place_block(struct flow *f, const struct page_block *b, const struct page_block *next)
{
	double x = f->left + (f->in_box ? BOX_INSET : 0);
	double w = f->width - (f->in_box ? BOX_INSET + BOX_PAD : 0);
	double step = f->size * 1.6, gap, before;
	struct pdf_layout l = {0};

	switch (b->type) {
	case PAGE_HEADING: {
		double hs = heading_size(f, b->level);

		flow_gap(f, b->level <= 2 ? f->size * 0.7 : f->size * 0.45);
		layout_block(f, b, hs, hs * 1.25, w, &l);
		/* Keep a heading with the first lines after it. */
		flow_need(f, pdf_layout_height(&l, 0, l.n_lines) + 2 * f->leading);
		flow_lines(f, &l, x, l.n_lines);
		gap = f->size * 0.35;
		break;
	}
	case PAGE_BULLET:
	case PAGE_NUMBERED: {
		double tx = x + (double)(b->depth > 0 ? b->depth : 1) * step;

		layout_block(f, b, f->size, f->leading, w - (tx - x), &l);
		if (l.n_lines && flow_need(f, (l.n_lines > 1 ? 2 : 1) * f->leading)) {
			if (b->type == PAGE_BULLET) {
				pdf_text(f->pdf, PDF_BOLD, f->size, tx - step * 0.7,
					 f->y + (f->leading - f->size * 1.164) / 2, 0, PDF_LEFT,
					 "•");
			} else {
				char num[16];

				snprintf(num, sizeof(num), "%d.", b->number);
				pdf_text(f->pdf, PDF_REGULAR, f->size, tx - step - 4,
					 f->y + (f->leading - f->size * 1.164) / 2, step, PDF_RIGHT,
					 num);
			}
		}
		flow_lines(f, &l, tx, 2);
		gap = next && is_item(next) && next->box == b->box ? f->size * 0.3 : f->size * 0.6;
		break;
	}
	case PAGE_CODE:
		layout_block(f, b, f->size * 0.9, f->size * 1.25, w - step, &l);
		flow_lines(f, &l, x + step, 2);
		gap = f->size * 0.6;
		break;
	case PAGE_PARAGRAPH:
	case PAGE_QUOTE:
	default: {
		double tx = x + (double)b->depth * step;

		layout_block(f, b, f->size, f->leading, w - (tx - x), &l);
		flow_lines(f, &l, tx, 2);
		gap = next && is_item(next) && b->depth > 0 ? f->size * 0.3 : f->size * 0.6;
		break;
	}
	}
	pdf_layout_release(&l);
	before = f->y;
	flow_gap(f, gap);
	return f->y - before;
}

void flow_page_model(struct flow *f, const struct page *page, bool skip_title)
{
	bool skipped = !skip_title;
	double last_gap = 0;

	for (size_t i = 0; i < page->n_blocks && !f->overflow; i++) {
		const struct page_block *b = &page->blocks[i];
		const struct page_block *next =
		    i + 1 < page->n_blocks ? &page->blocks[i + 1] : NULL;

		if (!skipped && b->type == PAGE_HEADING && b->level == 1 && b->box == 0) {
			skipped = true;
			continue;
		}
		if (b->box != 0 && !f->in_box)
			box_begin(f);
		last_gap = place_block(f, b, next);
		if (f->in_box && (next == NULL || next->box != b->box)) {
			box_end(f, last_gap);
			flow_gap(f, f->size * 0.8);
		}
	}
	if (f->in_box)
		box_end(f, last_gap);
}
