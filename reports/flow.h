/*
 * Flowing text down A4 pages: a column with a frame on every page, a cursor
 * that moves down as blocks are placed, and page breaks where the next piece
 * does not fit. Renders the page model of core/page.h (lesson pages and
 * handouts): headings, paragraphs, bullet and numbered lists, fenced code,
 * and block quotes as "Tänk på" boxes.
 *
 * In single-page mode a page break is not made: the flow records an
 * overflow and stops drawing, so a caller can refuse a handout that does not
 * fit rather than clip it.
 */
#ifndef VAKSAM_REPORTS_FLOW_H
#define VAKSAM_REPORTS_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "reports/pdf.h"

struct page;
struct flow;

/* Called after a page has been added (draw running heads; may move f->y). */
typedef void (*flow_page_fn)(struct flow *f, void *ctx);

struct flow {
	struct pdf *pdf;       /* not owned */
	double left, width;    /* the text column, points */
	double top, bottom;    /* the frame on each page: first and last usable y */
	double y;              /* where the next block goes */
	double size;           /* body text size, points */
	double leading;        /* body line distance, points */
	bool single_page;      /* a needed page break is an overflow */
	bool overflow;         /* set once something did not fit (single_page) */
	bool started;          /* a page has been added */
	const char *box_label; /* over block quotes; "Tänk på" unless set */
	flow_page_fn on_page;  /* may be NULL */
	void *ctx;             /* for on_page */
	/* A "Tänk på" box being drawn: its segment on the current page. */
	bool in_box;
	double box_top;
	size_t box_page;
};

/* Sets up a flow; no page is added until something is placed (or
 * flow_page() is called). */
void flow_init(struct flow *f, struct pdf *pdf, double left, double width, double top,
	       double bottom, double size);
/* Starts a new page (an overflow in single-page mode). */
void flow_page(struct flow *f);
/* Makes sure h points are free below the cursor, starting a page if not.
 * Returns false when the flow has overflowed. */
bool flow_need(struct flow *f, double h);
/* Adds vertical space, dropped at the top of a page. */
void flow_gap(struct flow *f, double h);
/* Places laid-out lines at x, splitting them over pages as needed; keeps
 * at least min_lines together at the start. */
void flow_lines(struct flow *f, const struct pdf_layout *layout, double x, size_t min_lines);
/* Lays out and places text in a font and size across the column (indent
 * from the left), then adds space_after. */
void flow_text(struct flow *f, enum pdf_font font, double size, double indent, const char *text,
	       double space_after);
/* Renders a page model. A first level-1 heading is skipped when
 * skip_title is true (the caller printed the title itself). */
void flow_page_model(struct flow *f, const struct page *page, bool skip_title);

#include "core/banned.h"

#endif
