/*
 * Shared by the files of the report PDF (report_pdf.c: the document, the
 * summary and the method page; report_charts.c: the chart and table pages).
 * Not a public API.
 */
#ifndef VAKSAM_REPORTS_REPORT_PDF_INTERNAL_H
#define VAKSAM_REPORTS_REPORT_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "reports/pdf.h"
#include "reports/report.h"

/* Everything the pages are drawn from. */
struct rp {
	struct store *store; /* not owned */
	struct pdf *pdf;     /* owned */
	struct measure_scope scope;
	struct report_context rc;
	char *organisation; /* owned */
	char *scope_name;   /* owned: "hela organisationen" or the unit path */
	struct measure_completion comp;
	struct measure_levels lev;
	struct measure_gains gains;
	bool has_survey;
	struct survey_results survey;
	struct itemstats_report *items; /* owned, one per course */
	size_t n_items;
	double y;      /* the cursor on the current page */
	int max_depth; /* unit rows deeper than this are left out */
};

/* Starts a page with the running head; the cursor goes to the body's top. */
void rp_page(struct rp *rp);
/* Starts a page unless h points are free below the cursor. */
void rp_need(struct rp *rp, double h);
/* A section heading (starts a page when first is set). */
void rp_heading(struct rp *rp, const char *text, bool first);
/* Wrapped text across the body width, indented; moves the cursor. */
void rp_text(struct rp *rp, enum pdf_font font, double size, double indent, const char *text,
	     double space_after);
/* A copy of text cut to width (with "…"); caller frees. */
char *rp_fit(struct rp *rp, enum pdf_font font, double size, const char *text, double width);
/* Whether unit row r is drawn in the per-unit charts. */
bool rp_unit_shown(const struct rp *rp, size_t r);
/* "82,7" or "färre än 5"/"dold" for a cell; buf of 48 bytes. */
const char *rp_cell_text(const struct rp *rp, double v, enum suppress_state s, int decimals,
			 char *buf, size_t size);

/* The chart pages (report_charts.c). */
void rp_completion_page(struct rp *rp);
void rp_levels_page(struct rp *rp);
void rp_trend_page(struct rp *rp);
void rp_gains_page(struct rp *rp);
void rp_survey_page(struct rp *rp);
void rp_items_page(struct rp *rp);
/* Items flagged over every course (for the summary). */
size_t rp_flagged_items(const struct rp *rp);

#include "core/banned.h"

#endif
