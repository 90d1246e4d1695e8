/*
 * The document layer over libharu: the document, pages, graphics, QR codes
 * and writing the file; see pdf.h for the coordinate system and the error
 * rule. Text layout is in pdf_layout.c.
 */
#include "reports/pdf.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <qrencode.h>
#include <time.h>
#include <unistd.h>

#include "core/outfile.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "reports/pdf_impl.h"

#define FONT_DIR_DEFAULT "/usr/share/fonts/truetype/dejavu"

static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user_data)
{
	struct pdf_error *e = user_data;

	if (e->count++ == 0) {
		e->code = code;
		e->detail = detail;
	}
}

bool pdf_failed(const struct pdf *pdf, char **cause)
{
	if (pdf->err.count == 0)
		return false;
	if (cause)
		*cause = xasprintf("PDF library error 0x%04X (detail %u)", (unsigned)pdf->err.code,
				   (unsigned)pdf->err.detail);
	return true;
}

static const char *font_dir(void)
{
	const char *dir = getenv("VAKSAM_FONT_DIR");

	return dir && *dir ? dir : FONT_DIR_DEFAULT;
}

static int font_load(struct pdf *pdf, enum pdf_font which, const char *file, char **cause)
{
	char *path = xasprintf("%s/%s", font_dir(), file);
	const char *name;
	int rc = -1;

	if (access(path, R_OK) != 0) {
		*cause = xasprintf("font %s: %s (install fonts-dejavu-core or set VAKSAM_FONT_DIR)",
				   path, strerror(errno));
		goto cleanup;
	}
	name = HPDF_LoadTTFontFromFile(pdf->doc, path, HPDF_TRUE);
	pdf->fonts[which] = name ? HPDF_GetFont(pdf->doc, name, "UTF-8") : NULL;
	if (pdf->fonts[which] == NULL) {
		*cause = xasprintf("font %s could not be loaded", path);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(path);
	return rc;
}

static void set_date(struct pdf *pdf, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;
	HPDF_Date d;

	if (gmtime_r(&t, &tm) == NULL)
		return;
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf->doc, HPDF_INFO_CREATION_DATE, d);
}

int pdf_new(const struct pdf_meta *meta, struct pdf **out, char **cause)
{
	struct pdf *pdf = xcalloc(1, sizeof(*pdf));

	*out = NULL;
	pdf->doc = HPDF_New(on_hpdf_error, &pdf->err);
	if (pdf->doc == NULL) {
		*cause = xstrdup("the PDF library could not start");
		free(pdf);
		return -1;
	}
	HPDF_SetCompressionMode(pdf->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf->doc);
	/* Without it the document information would be mojibake. */
	HPDF_SetCurrentEncoder(pdf->doc, "UTF-8");
	if (font_load(pdf, PDF_REGULAR, "DejaVuSans.ttf", cause) < 0 ||
	    font_load(pdf, PDF_BOLD, "DejaVuSans-Bold.ttf", cause) < 0) {
		pdf_free(&pdf);
		return -1;
	}
	HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_TITLE, meta->title);
	if (meta->author)
		HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_AUTHOR, meta->author);
	if (meta->subject)
		HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_SUBJECT, meta->subject);
	HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_CREATOR, "vaksam " VAKSAM_VERSION);
	set_date(pdf, meta->created);
	if (pdf_failed(pdf, cause)) {
		pdf_free(&pdf);
		return -1;
	}
	*out = pdf;
	return 0;
}

void pdf_compress_pages(struct pdf *pdf, bool on)
{
	HPDF_SetCompressionMode(pdf->doc,
				on ? HPDF_COMP_ALL : HPDF_COMP_IMAGE | HPDF_COMP_METADATA);
}

void pdf_free(struct pdf **pdf)
{
	if (pdf == NULL || *pdf == NULL)
		return;
	if ((*pdf)->doc)
		HPDF_Free((*pdf)->doc);
	free((*pdf)->pages);
	free(*pdf);
	*pdf = NULL;
}

size_t pdf_page_add(struct pdf *pdf)
{
	HPDF_Page page = HPDF_AddPage(pdf->doc);

	if (page) {
		HPDF_Page_SetWidth(page, (HPDF_REAL)PDF_A4_WIDTH);
		HPDF_Page_SetHeight(page, (HPDF_REAL)PDF_A4_HEIGHT);
	}
	if (pdf->n_pages == pdf->alloc_pages) {
		pdf->alloc_pages = pdf->alloc_pages ? 2 * pdf->alloc_pages : 16;
		pdf->pages = xreallocarray(pdf->pages, pdf->alloc_pages, sizeof(*pdf->pages));
	}
	pdf->pages[pdf->n_pages++] = page;
	pdf->page = page;
	pdf->muted_page = NULL;
	return pdf->n_pages - 1;
}

void pdf_page_select(struct pdf *pdf, size_t index)
{
	if (index < pdf->n_pages)
		pdf->page = pdf->pages[index];
}

size_t pdf_page_count(const struct pdf *pdf)
{
	return pdf->n_pages;
}

void pdf_mute(struct pdf *pdf, bool muted)
{
	/* Every drawing call does nothing without a current page. */
	if (muted && pdf->page) {
		pdf->muted_page = pdf->page;
		pdf->page = NULL;
	} else if (!muted && pdf->muted_page) {
		pdf->page = pdf->muted_page;
		pdf->muted_page = NULL;
	}
}

/* --- writing ------------------------------------------------------------- */

static int save_bytes(struct pdf *pdf, unsigned char **data, size_t *len, char **cause)
{
	HPDF_UINT32 size, got;

	*data = NULL;
	*len = 0;
	if (HPDF_SaveToStream(pdf->doc) != HPDF_OK || pdf_failed(pdf, cause)) {
		if (*cause == NULL)
			pdf_failed(pdf, cause);
		if (*cause == NULL)
			*cause = xstrdup("the PDF could not be made");
		return -1;
	}
	size = HPDF_GetStreamSize(pdf->doc);
	*data = xmalloc(size ? size : 1);
	got = size;
	if (HPDF_ReadFromStream(pdf->doc, *data, &got) != HPDF_OK && got != size) {
		*cause = xstrdup("the PDF could not be read back from memory");
		free(*data);
		*data = NULL;
		return -1;
	}
	*len = got;
	return 0;
}

int pdf_write(struct pdf *pdf, const char *path, char **cause)
{
	return pdf_write_policy(pdf, path, NULL, cause);
}

int pdf_write_policy(struct pdf *pdf, const char *path, const struct outfile_policy *policy,
		     char **cause)
{
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = -1;

	*cause = NULL;
	if (outfile_check(path, cause) < 0)
		return -1;
	if (pdf_failed(pdf, cause) || save_bytes(pdf, &data, &len, cause) < 0)
		return -1;
	rc = outfile_write(path, policy, data, len, cause);
	free(data);
	return rc;
}

/* --- graphics ------------------------------------------------------------ */

void pdf_rect(struct pdf *pdf, double x, double y, double w, double h, double line_width,
	      double gray)
{
	if (pdf->page == NULL)
		return;
	HPDF_Page_SetLineWidth(pdf->page, (HPDF_REAL)line_width);
	HPDF_Page_SetGrayStroke(pdf->page, (HPDF_REAL)gray);
	HPDF_Page_SetDash(pdf->page, NULL, 0, 0);
	HPDF_Page_Rectangle(pdf->page, (HPDF_REAL)x, (HPDF_REAL)(PDF_A4_HEIGHT - y - h),
			    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(pdf->page);
}

void pdf_fill_rect(struct pdf *pdf, double x, double y, double w, double h, double gray)
{
	if (pdf->page == NULL)
		return;
	HPDF_Page_SetGrayFill(pdf->page, (HPDF_REAL)gray);
	HPDF_Page_Rectangle(pdf->page, (HPDF_REAL)x, (HPDF_REAL)(PDF_A4_HEIGHT - y - h),
			    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(pdf->page);
	HPDF_Page_SetGrayFill(pdf->page, 0);
}

void pdf_line(struct pdf *pdf, double x1, double y1, double x2, double y2, double line_width,
	      double dash)
{
	HPDF_UINT16 pattern[2];

	if (pdf->page == NULL)
		return;
	HPDF_Page_SetLineWidth(pdf->page, (HPDF_REAL)line_width);
	HPDF_Page_SetGrayStroke(pdf->page, 0);
	if (dash > 0) {
		pattern[0] = pattern[1] = (HPDF_UINT16)(dash < 1 ? 1 : dash);
		HPDF_Page_SetDash(pdf->page, pattern, 2, 0);
	} else {
		HPDF_Page_SetDash(pdf->page, NULL, 0, 0);
	}
	HPDF_Page_MoveTo(pdf->page, (HPDF_REAL)x1, (HPDF_REAL)(PDF_A4_HEIGHT - y1));
	HPDF_Page_LineTo(pdf->page, (HPDF_REAL)x2, (HPDF_REAL)(PDF_A4_HEIGHT - y2));
	HPDF_Page_Stroke(pdf->page);
	if (dash > 0)
		HPDF_Page_SetDash(pdf->page, NULL, 0, 0);
}

static QRcode *qr_encode(const char *data, char **cause)
{
	/* casesensitive = 1: never upper-case the payload (URLs, tokens). */
	QRcode *qr = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	if (qr == NULL)
		*cause = xasprintf("cannot make a QR code of %zu bytes: %s", strlen(data),
				   strerror(errno));
	return qr;
}

/* Modules are whole multiples of 1/150 inch and codes start on that grid,
 * so a page rendered or printed at 150, 300 or 600 dpi has modules of whole
 * device pixels: sharp edges, no grey seams for a scanner to stumble on. */
#define QR_GRID (72.0 / 150.0)

static double qr_module(int width, double min_mm)
{
	double m;

	if (min_mm < PDF_QR_MIN_MM)
		min_mm = PDF_QR_MIN_MM;
	m = PDF_MM(min_mm) / (double)width;
	return ceil(m / QR_GRID - 1e-9) * QR_GRID;
}

static double qr_snap(double v)
{
	return round(v / QR_GRID) * QR_GRID;
}

int pdf_qr_make(const char *data, double min_mm, struct pdf_qr *qr, char **cause)
{
	QRcode *code = qr_encode(data, cause);

	qr->code = code;
	if (code == NULL) {
		qr->module = qr->side = 0;
		return -1;
	}
	qr->module = qr_module(code->width, min_mm);
	qr->side = qr->module * (code->width + 2 * PDF_QR_QUIET);
	return 0;
}

void pdf_qr_release(struct pdf_qr *qr)
{
	if (qr->code)
		QRcode_free(qr->code);
	qr->code = NULL;
	qr->module = qr->side = 0;
}

/* Whether module r, c is dark: bit 0; the other bits are flags. */
#define QR_DARK(code, r, c) ((code)->data[(r) * (code)->width + (c)] & 1)

/* Whether row r holds a run of dark modules from c0 to just before c1 and
 * no further on either side. */
static bool qr_run_at(const QRcode *code, int r, int c0, int c1)
{
	int w = code->width;

	if ((c0 > 0 && QR_DARK(code, r, c0 - 1)) || (c1 < w && QR_DARK(code, r, c1)))
		return false;
	for (int c = c0; c < c1; c++)
		if (!QR_DARK(code, r, c))
			return false;
	return true;
}

/* Appends v (0 <= v < 1000, a module count) and a space. */
static char *qr_put(char *p, int v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	*p++ = ' ';
	return p;
}

/* Appends "x y w h.01 re" in module units; snprintf would cost more than
 * all the rest of drawing the code. */
static void qr_rect(struct strbuf *sb, int x, int y, int w, int h)
{
	char line[32], *p = line;

	p = qr_put(p, x);
	p = qr_put(p, y);
	p = qr_put(p, w);
	p = qr_put(p, h);
	memcpy(p - 1, ".01 re\n", 7);
	strbuf_add(sb, line, (size_t)(p - 1 + 7 - line));
}

void pdf_qr_draw(struct pdf *pdf, const struct pdf_qr *qr, double x, double y)
{
	const QRcode *code = qr->code;
	HPDF_Stream stream;
	struct strbuf sb = STRBUF_INIT;
	unsigned char *done;
	double m = qr->module;
	bool first = true;
	int w;

	if (pdf->page == NULL || code == NULL)
		return;
	w = code->width;
	/* Marks the dark modules already drawn by a taller rectangle. */
	done = xcalloc((size_t)w * (size_t)w, 1);
	/* Module units from here on, rows downwards: coordinates are small
	 * whole numbers, so the page's content stays short (less to write and
	 * to compress), and the symbol stays on the 1/150 inch grid. */
	HPDF_Page_GSave(pdf->page);
	HPDF_Page_Concat(pdf->page, (HPDF_REAL)m, 0, 0, (HPDF_REAL)-m,
			 (HPDF_REAL)(qr_snap(x) + PDF_QR_QUIET * m),
			 (HPDF_REAL)(PDF_A4_HEIGHT - (qr_snap(y) + PDF_QR_QUIET * m)));
	HPDF_Page_SetGrayFill(pdf->page, 0);
	for (int r = 0; r < w; r++) {
		for (int c = 0; c < w;) {
			int start, rows = 1;

			if (!QR_DARK(code, r, c) || done[r * w + c]) {
				c++;
				continue;
			}
			start = c;
			while (c < w && QR_DARK(code, r, c))
				c++;
			/* The same run in the rows below joins this rectangle. */
			while (r + rows < w && !done[(r + rows) * w + start] &&
			       qr_run_at(code, r + rows, start, c)) {
				memset(done + (r + rows) * w + start, 1, (size_t)(c - start));
				rows++;
			}
			/* A hundredth of a module taller, so renderers leave no
			 * seams between rows. The first rectangle goes through
			 * libharu, which so learns that a path is open; the rest
			 * are collected as text (below). */
			if (first)
				HPDF_Page_Rectangle(pdf->page, (HPDF_REAL)start, (HPDF_REAL)r,
						    (HPDF_REAL)(c - start),
						    (HPDF_REAL)(rows + 0.01));
			else
				qr_rect(&sb, start, r, c - start, rows);
			first = false;
		}
	}
	/* HPDF_Page_Rectangle clears a 512-byte buffer and formats four reals
	 * for every call, most of the cost of drawing a code; the same
	 * operators are written to the page's content stream in one piece
	 * instead (hpdf_pages.h, installed with libharu, names the stream). */
	stream = ((HPDF_PageAttr)pdf->page->attr)->stream;
	if (sb.len) {
		HPDF_STATUS st =
		    HPDF_Stream_Write(stream, (const HPDF_BYTE *)sb.buf, (HPDF_UINT)sb.len);

		if (st != HPDF_OK && pdf->err.count++ == 0)
			pdf->err.code = st;
	}
	HPDF_Page_Fill(pdf->page);
	HPDF_Page_GRestore(pdf->page);
	strbuf_release(&sb);
	free(done);
}

int pdf_qr_side(const char *data, double min_mm, double *side, char **cause)
{
	struct pdf_qr qr = PDF_QR_INIT;

	if (pdf_qr_make(data, min_mm, &qr, cause) < 0)
		return -1;
	*side = qr.side;
	pdf_qr_release(&qr);
	return 0;
}

int pdf_qr(struct pdf *pdf, const char *data, double min_mm, double x, double y, char **cause)
{
	struct pdf_qr qr = PDF_QR_INIT;

	if (pdf_qr_make(data, min_mm, &qr, cause) < 0)
		return -1;
	pdf_qr_draw(pdf, &qr, x, y);
	pdf_qr_release(&qr);
	return 0;
}
