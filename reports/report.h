/*
 * The management report and its data exports. Core computes the measures
 * (core/measure.h, itemstats.h, survey.h); this layer turns them into rows
 * and pages, and never talks SQL.
 *
 * Producers and outputs meet at struct report_sink: a producer
 * (report_rows_*) emits a header and rows of typed cells, and an output
 * writes them as CSV (report_csv_sink) or as a plain-text table
 * (report_text_sink). The PDF (report_pdf) draws from the same measure
 * structs with the same formatting helpers, so every figure it shows is a
 * row of one of the CSV kinds.
 *
 * Suppressed figures: in CSV an empty cell and 1 in the `suppressed`
 * column; in text and PDF "färre än K" (K the threshold) for a small group
 * and "dold" for a figure hidden so that a small one cannot be worked out.
 */
#ifndef VAKSAM_REPORTS_REPORT_H
#define VAKSAM_REPORTS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/itemstats.h"
#include "core/measure.h"
#include "core/survey.h"

struct store;

/* ------------------------------------------------------------------ */
/* Rows and their outputs                                             */

struct report_sink {
	void *ctx;
	/* Called once before the rows. */
	void (*header)(void *ctx, const char *const *columns, size_t n);
	void (*text)(void *ctx, const char *text); /* NULL text: empty cell */
	void (*integer)(void *ctx, long long value);
	void (*real)(void *ctx, double value, int decimals); /* NAN: empty cell */
	void (*empty)(void *ctx);
	void (*end_row)(void *ctx);
};

struct report_csv_options {
	char delimiter; /* ';' by default */
	char decimal;   /* ',' by default, '.' with --decimal-point */
	bool bom;       /* a UTF-8 byte order mark first (default) */
};

#define REPORT_CSV_DEFAULTS                                                                        \
	{                                                                                          \
		';', ',', true                                                                     \
	}

/* A CSV writer over fp: quoted by libcsv, CRLF line ends, formula
 * neutralising of text cells (a leading = + - @ tab or CR gets an
 * apostrophe in front); numbers are written bare with the decimal mark
 * chosen. */
struct report_csv {
	FILE *fp; /* not owned */
	struct report_csv_options opt;
	size_t cells; /* cells written in the current row */
	bool failed;  /* a write failed */
};

/* Sets up w and writes the byte order mark when asked. */
void report_csv_init(struct report_csv *w, FILE *fp, const struct report_csv_options *opt);
/* The sink that writes to w. */
struct report_sink report_csv_sink(struct report_csv *w);
/* Returns the text with formula characters neutralised (newly allocated
 * when it changed; else text itself). For tests. */
char *report_csv_neutralise(const char *text, bool *allocated);

/* A plain-text table: cells collected, then printed with aligned columns. */
struct report_text {
	char **cells; /* owned, rows x columns */
	size_t n_cells, alloc;
	size_t columns;
	char decimal;
};

void report_text_init(struct report_text *t, char decimal);
struct report_sink report_text_sink(struct report_text *t);
/* Prints the table (header underlined) to fp and releases it. */
void report_text_print(struct report_text *t, FILE *fp);
void report_text_release(struct report_text *t);

/* ------------------------------------------------------------------ */
/* The kinds of rows (columns documented in README.md)                */

/* What every producer needs besides its data. */
struct report_context {
	const char *organisation; /* the name of row 0 when the scope is the organisation */
	long k;                   /* the small-group threshold */
};

void report_rows_completion(const struct measure_completion *c, const struct report_context *rc,
			    const struct report_sink *out);
void report_rows_levels(const struct measure_levels *l, const struct report_context *rc,
			const struct report_sink *out);
void report_rows_gains(const struct measure_gains *g, const struct report_context *rc,
		       const struct report_sink *out);
/* Item statistics of several courses; header written once. */
void report_rows_items_header(const struct report_sink *out);
void report_rows_items(const struct itemstats_report *r, const struct report_sink *out);
/* s NULL (no round with answers yet) writes the header only. */
void report_rows_survey(const struct survey_results *s, const struct report_context *rc,
			const struct report_sink *out);
/* Streams every response in scope (see measure_responses in measure.h). */
int report_rows_responses(struct store *store, const struct measure_scope *scope,
			  const struct report_context *rc, const struct report_sink *out,
			  char **cause);

/* The plain-text table of `vaksam report items COURSE`. */
void report_items_text(const struct itemstats_report *r, FILE *fp);

/* ------------------------------------------------------------------ */
/* Formatting shared by text, CSV and PDF                             */

/* "72,5" (decimal ',' or '.'), or "" for NAN; buf of at least 48 bytes. */
const char *report_number(double v, int decimals, char decimal, char *buf, size_t size);
/* The Swedish words for a hidden figure: "färre än 5" or "dold". */
const char *report_hidden_sv(enum suppress_state s, long k, char *buf, size_t size);
/* The row name of unit row r: the organisation's name for row 0 of the
 * whole organisation, else the unit's path. */
const char *report_unit_name(const struct measure_unit *u, const struct report_context *rc);

/* ------------------------------------------------------------------ */
/* The PDF                                                            */

struct report_pdf_options {
	long long unit_id; /* 0: the whole organisation */
	int from_day, to_day;
	const char *path; /* where to write */
};

/* Builds the management-review appendix and writes it to opt->path.
 * Returns 0, or -1 with *cause (nothing written). */
int report_pdf(struct store *store, const struct report_pdf_options *opt, char **cause);

#include "core/banned.h"

#endif
