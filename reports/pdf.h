/*
 * A small document layer over libharu for everything vaksam prints: A4 pages,
 * the embedded DejaVu Sans fonts in UTF-8, wrapped text that is measured
 * before it is drawn (so a caller can paginate and nothing is ever clipped),
 * boxes and lines, QR codes drawn as vector rectangles, and writing the file
 * safely.
 *
 * Coordinates are PostScript points (1/72 inch) measured from the TOP-LEFT
 * corner of the page, y growing downwards; the layer turns them into PDF's
 * bottom-up space. PDF_MM() converts millimetres.
 *
 * Errors: libharu reports through a handler that records the first error and
 * counts the rest (no longjmp); drawing calls therefore return nothing, and
 * pdf_write() refuses to write a document in which anything failed. Text from
 * the database is cleaned while it is laid out: C0 and C1 control characters,
 * DEL and bidirectional overrides and isolates are dropped ('\n' is a line
 * break, a tab is a space).
 *
 * Fonts: DejaVuSans.ttf and DejaVuSans-Bold.ttf from the folder in
 * $VAKSAM_FONT_DIR, else /usr/share/fonts/truetype/dejavu (fonts-dejavu-core).
 */
#ifndef VAKSAM_REPORTS_PDF_H
#define VAKSAM_REPORTS_PDF_H

#include <stdbool.h>
#include <stddef.h>

#define PDF_MM(mm)    ((mm)*72.0 / 25.4)
#define PDF_A4_WIDTH  595.276
#define PDF_A4_HEIGHT 841.89

/* The smallest printed side of a QR symbol without its quiet zone, and the
 * quiet zone in modules, as the print rules ask. */
#define PDF_QR_MIN_MM 25.0
#define PDF_QR_QUIET  4

enum pdf_font { PDF_REGULAR, PDF_BOLD, PDF_FONT_COUNT };

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

/* A run of text in one font; text need not be NUL-terminated. */
struct pdf_span {
	const char *text; /* not owned */
	size_t len;       /* bytes */
	enum pdf_font font;
};

/* Document information written into the PDF. */
struct pdf_meta {
	const char *title;   /* required */
	const char *author;  /* the organisation */
	const char *subject; /* may be NULL */
	long long created;   /* seconds since the epoch (UTC) */
};

struct pdf;
struct outfile_policy;

/*
 * Starts a document with compression on, the UTF-8 encoder and both fonts
 * embedded. On success *out is a new document the caller frees with
 * pdf_free(). Returns -1 with *cause (caller frees) when a font cannot be
 * loaded.
 */
int pdf_new(const struct pdf_meta *meta, struct pdf **out, char **cause);
/* Whether pages added from now on have their content compressed (on after
 * pdf_new); fonts, images and metadata stay compressed either way. */
void pdf_compress_pages(struct pdf *pdf, bool on);
/* Frees the document and sets *pdf to NULL; accepts NULL. */
void pdf_free(struct pdf **pdf);

/* Adds an A4 portrait page and makes it current; returns its index. */
size_t pdf_page_add(struct pdf *pdf);
/* Makes an earlier page current again (for footers drawn at the end). */
void pdf_page_select(struct pdf *pdf, size_t index);
size_t pdf_page_count(const struct pdf *pdf);
/* While muted, drawing calls do nothing (measure a layout by running it). */
void pdf_mute(struct pdf *pdf, bool muted);

/*
 * Writes the document to path under the rules of core/outfile.h with mode
 * 0600: a symbolic link, a non-regular file and a missing folder are
 * refused; a temporary file is written beside it and renamed into place, so
 * a failure leaves no half-written file. Returns 0, or -1 with *cause
 * (caller frees), also when any libharu call failed while the document was
 * built.
 */
int pdf_write(struct pdf *pdf, const char *path, char **cause);
/* The same with a file policy (outfile_policy_load: 0660 and the file_group
 * setting's group when it is set); NULL is mode 0600. */
int pdf_write_policy(struct pdf *pdf, const char *path, const struct outfile_policy *policy,
		     char **cause);
/* Whether a libharu call has failed so far; *cause describes the first. */
bool pdf_failed(const struct pdf *pdf, char **cause);

/* Width in points of len bytes of UTF-8 text in a font and size. */
double pdf_text_width(struct pdf *pdf, enum pdf_font font, double size, const char *text,
		      size_t len);

/* --- wrapped text ------------------------------------------------------ */

struct pdf_frag {
	char *text; /* owned, cleaned, NUL-terminated */
	enum pdf_font font;
	double x; /* offset from the left edge of the text box */
};

struct pdf_line {
	size_t first, n; /* fragments of the line in pdf_layout.frags */
	double width;
};

/*
 * Text broken into lines that fit a width: words are separated by ASCII
 * spaces, '\n' forces a break, and a word wider than the whole line is split
 * between characters. A zero-initialised struct is an empty layout.
 */
struct pdf_layout {
	struct pdf_frag *frags; /* owned */
	size_t n_frags, alloc_frags;
	struct pdf_line *lines; /* owned */
	size_t n_lines, alloc_lines;
	double size;    /* font size */
	double leading; /* distance between baselines */
};

/*
 * Lays spans out in lines no wider than width, in size pt with the given
 * leading, into *out (zero-initialised or released). Empty text gives no
 * lines.
 */
void pdf_layout_spans(struct pdf *pdf, const struct pdf_span *spans, size_t n, double size,
		      double leading, double width, struct pdf_layout *out);
/* The same for one NUL-terminated text in one font. */
void pdf_layout_text(struct pdf *pdf, enum pdf_font font, const char *text, double size,
		     double leading, double width, struct pdf_layout *out);
/* The height of lines [from, to): (to - from) * leading. */
double pdf_layout_height(const struct pdf_layout *layout, size_t from, size_t to);
/* Draws lines [from, to) with the top of the first line box at top. */
void pdf_layout_draw(struct pdf *pdf, const struct pdf_layout *layout, size_t from, size_t to,
		     double x, double top, enum pdf_align align, double width);
void pdf_layout_release(struct pdf_layout *layout);

/* Draws one line of text (not wrapped) with the top of its line box at top;
 * align against x (PDF_LEFT), the middle of [x, x + width] or its right end. */
void pdf_text(struct pdf *pdf, enum pdf_font font, double size, double x, double top, double width,
	      enum pdf_align align, const char *text);
/* The same, rotated 180 degrees about the centre of the box (for folded slips). */
void pdf_text_upside_down(struct pdf *pdf, enum pdf_font font, double size, double x, double top,
			  double width, const char *text);

/* --- graphics ------------------------------------------------------------ */

/* Outlines a rectangle; gray 0 is black, 1 white. */
void pdf_rect(struct pdf *pdf, double x, double y, double w, double h, double line_width,
	      double gray);
void pdf_fill_rect(struct pdf *pdf, double x, double y, double w, double h, double gray);
/* A straight line; dash 0 draws it solid, else dashes of that length. */
void pdf_line(struct pdf *pdf, double x1, double y1, double x2, double y2, double line_width,
	      double dash);

/*
 * A QR code encoded once, so that a layout can ask for its size and then
 * draw it without encoding it again (encoding tries all eight masks, the
 * dearest part of a badge card).
 */
struct pdf_qr {
	void *code;    /* owned QRcode; NULL when released */
	double module; /* side of a module in points */
	double side;   /* side in points, quiet zone included */
};
#define PDF_QR_INIT { NULL, 0, 0 }

/*
 * Encodes data as a QR code (error correction M, case kept, byte mode hint)
 * sized so that the symbol itself is at least min_mm wide (never below
 * PDF_QR_MIN_MM). Fills *qr (release it with pdf_qr_release); returns -1
 * with *cause when data cannot be encoded.
 */
int pdf_qr_make(const char *data, double min_mm, struct pdf_qr *qr, char **cause);
/* Draws it with its top-left corner (quiet zone included) at x, y: one
 * filled rectangle per run of dark modules, runs of equal extent in
 * neighbouring rows drawn as one. */
void pdf_qr_draw(struct pdf *pdf, const struct pdf_qr *qr, double x, double y);
/* Frees the code; leaves *qr as PDF_QR_INIT. Accepts a released one. */
void pdf_qr_release(struct pdf_qr *qr);

/* pdf_qr_make's side of data, for a layout that draws it elsewhere. Returns
 * -1 with *cause when data cannot be encoded. */
int pdf_qr_side(const char *data, double min_mm, double *side, char **cause);
/* Encodes and draws in one step (pdf_qr_make, pdf_qr_draw). */
int pdf_qr(struct pdf *pdf, const char *data, double min_mm, double x, double y, char **cause);

#include "core/banned.h"

#endif
