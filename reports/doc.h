/*
 * What every printout shares: the page frame (margins, running head and
 * foot), placeholders filled from the settings, dates in Swedish, a labelled
 * QR code, and safe default file names.
 *
 * Printed material speaks Swedish; messages to the administrator (causes)
 * are English.
 */
#ifndef VAKSAM_REPORTS_DOC_H
#define VAKSAM_REPORTS_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/outfile.h"
#include "reports/pdf.h"

struct store;

/* The frame of an A4 page with running head and foot. */
#define DOC_MARGIN PDF_MM(18)
#define DOC_TOP    PDF_MM(14)
#define DOC_BOTTOM (PDF_A4_HEIGHT - PDF_MM(14))
#define DOC_WIDTH  (PDF_A4_WIDTH - 2 * DOC_MARGIN)
/* Where the body starts below the running head, and ends above the foot. */
#define DOC_BODY_TOP    (DOC_TOP + 26)
#define DOC_BODY_BOTTOM (DOC_BOTTOM - 22)

/* Placeholders ({{key}}) filled from the settings; values are cached. */
struct doc_fill {
	struct store *store;   /* not owned */
	char **keys, **values; /* owned, n entries; a value may be NULL (not set) */
	size_t n;
	char *missing; /* owned; comma list of keys used but not set, or NULL */
};

void doc_fill_init(struct doc_fill *fill, struct store *store);
/* A page_lookup_fn: the setting's value, or NULL (placeholder kept). */
const char *doc_fill_lookup(const char *key, void *ctx);
void doc_fill_release(struct doc_fill *fill);

/* Writes "28 november 2026" for the date at the start of an ISO text into
 * buf (at least 32 bytes); the text itself when it is not a date. */
char *doc_date_sv(const char *iso, char *buf, size_t size);
/* Writes "2026-11-28" from an ISO time into buf (at least 11 bytes). */
char *doc_date_iso(const char *iso, char *buf, size_t size);

/* Returns a newly allocated file-name part made of a-z, 0-9 and '-' from
 * text ("Hemtjänst Norr" -> "hemtjanst-norr"); "x" when nothing is left. */
char *doc_slug(const char *text);

/* Draws the running head: left in bold, right in regular, and a rule. */
void doc_head(struct pdf *pdf, const char *left, const char *right);
/* Draws the running foot: left text and right text (e.g. "Sida 2 av 3"). */
void doc_foot(struct pdf *pdf, const char *left, const char *right);

/*
 * Draws a QR code of data at x, y (top-left, quiet zone included; symbol at
 * least min_mm) and beside it, in the column [x + side + gap, x + side +
 * gap + label_width], the label lines: a heading in bold, then what the
 * code holds in plain text (shown as given, e.g. grouped), then a note.
 * Any of heading, shown and note may be NULL. Sets *height to the taller of
 * code and label. Returns -1 with *cause when the code cannot be made.
 */
int doc_qr_labelled(struct pdf *pdf, const char *data, double min_mm, double x, double y,
		    double label_width, double size, const char *heading, const char *shown,
		    const char *note, double *height, char **cause);
/* The height doc_qr_labelled() would use, without drawing. */
int doc_qr_labelled_height(struct pdf *pdf, const char *data, double min_mm, double label_width,
			   double size, const char *heading, const char *shown, const char *note,
			   double *height, char **cause);

/*
 * Before any work (and before anything is issued or revoked): checks that
 * path may be written (core/outfile.h) and loads the file policy (mode 0600,
 * or 0660 and the file_group setting's group). Returns 0 or -1 with *cause.
 */
int doc_output_prepare(struct store *store, const char *path, struct outfile_policy *policy,
		       char **cause);

/* The organisation's name from the settings (never NULL); caller frees. */
char *doc_organisation(struct store *store);

#include "core/banned.h"

#endif
