/*
 * For reports/pdf*.c only: the document behind struct pdf, shared by the
 * document layer (pdf.c) and the text layout (pdf_layout.c).
 */
#ifndef VAKSAM_REPORTS_PDF_IMPL_H
#define VAKSAM_REPORTS_PDF_IMPL_H

#include <hpdf.h>

#include "reports/pdf.h"

/* DejaVu Sans metrics in em, for placing baselines. */
#define FONT_ASCENT 0.928
#define FONT_HEIGHT 1.164

struct pdf_error {
	HPDF_STATUS code, detail; /* of the first error */
	int count;
};

struct pdf {
	HPDF_Doc doc;
	struct pdf_error err;
	HPDF_Font fonts[PDF_FONT_COUNT];
	HPDF_Page *pages; /* owned array; the pages belong to doc */
	size_t n_pages, alloc_pages;
	HPDF_Page page;       /* the current page, or NULL before the first or while muted */
	HPDF_Page muted_page; /* the current page while muted, else NULL */
};

#include "core/banned.h"

#endif
