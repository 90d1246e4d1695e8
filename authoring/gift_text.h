/*
 * Internal to the GIFT reader (authoring/gift*.c): the text of one question
 * block as cells, and the source it came from.
 *
 * Moodle reads a block by first replacing each escape (\: \# \= \{ \} \~ \n
 * and \\) with a placeholder, then cutting the text at the unescaped control
 * characters, and only at the end turning placeholders back into characters.
 * A cell is one byte of the block after escapes are resolved, with a flag
 * saying whether it came from an escape (a literal that never acts as a
 * control character or as white space to trim) and its byte offset in the
 * source, so every diagnostic can point at the right line and column.
 *
 * A gift_span is a view of cells; it owns nothing. Positions inside a span
 * are indexes; GIFT_NPOS means "not found".
 */
#ifndef VAKSAM_GIFT_TEXT_H
#define VAKSAM_GIFT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/question.h"

#define GIFT_NPOS SIZE_MAX

struct gift_cell {
	size_t pos;      /* byte offset of the cell's source text in the file */
	unsigned char c; /* the byte */
	bool lit;        /* came from an escape: never a control character */
};

struct gift_span {
	const struct gift_cell *c; /* n cells, not owned */
	size_t n;
	size_t pos; /* source offset to report for an empty span */
};

/* A growable array of cells; owns its storage. */
struct gift_cells {
	struct gift_cell *c;
	size_t n, alloc;
};

/* The file being read: where diagnostics go and how offsets become lines. */
struct gift_source {
	const char *file;         /* name for diagnostics, not owned */
	const unsigned char *buf; /* the whole file, not owned */
	size_t len;
	size_t *line_starts; /* owned; offset of each line's first byte */
	size_t n_lines;
	struct diag_list *diags; /* not owned */
	size_t errors;           /* errors reported so far (all blocks) */
	unsigned flags;          /* GIFT_* flags from gift.h */
};

/* Reports a problem at byte offset pos of the source. */
void gift_source_diag(struct gift_source *src, enum diag_severity sev, size_t pos, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));
/* Sets *line and *col (1-based, col in characters) for byte offset pos. */
void gift_source_locate(const struct gift_source *src, size_t pos, int *line, int *col);

void gift_cells_push(struct gift_cells *cells, unsigned char c, bool lit, size_t pos);
void gift_cells_append(struct gift_cells *cells, struct gift_span s);
void gift_cells_release(struct gift_cells *cells);
struct gift_span gift_cells_span(const struct gift_cells *cells, size_t pos);

/* The source position of cell i, or of the span's end when i is past it. */
size_t gift_span_pos(struct gift_span s, size_t i);
/* Cells [from, to) of s; to is clamped to s.n. */
struct gift_span gift_span_sub(struct gift_span s, size_t from, size_t to);
/* Without leading and trailing unescaped white space (PHP's trim() set). */
struct gift_span gift_span_trim(struct gift_span s);
/* Index of the first unescaped ch at or after from, or GIFT_NPOS. */
size_t gift_span_find(struct gift_span s, unsigned char ch, size_t from);
/* Index of the first / last run of unescaped cells spelling str, or GIFT_NPOS. */
size_t gift_span_find_str(struct gift_span s, const char *str);
size_t gift_span_rfind_str(struct gift_span s, const char *str);
/* True when the cells start with / spell exactly str, all unescaped. */
bool gift_span_starts(struct gift_span s, const char *str);
bool gift_span_equals(struct gift_span s, const char *str);
/* Returns the bytes as a new NUL-terminated string; caller frees. */
char *gift_span_string(struct gift_span s);
/* The same with white space trimmed, escaped or not (Moodle trims after
 * turning placeholders back into characters). Caller frees. */
char *gift_span_text(struct gift_span s);

/*
 * Moodle's parse_text_with_format(): a leading [moodle], [html], [plain] or
 * [markdown] tag is removed and sets *format (if format is not NULL);
 * otherwise *format is def. Returns the trimmed text; caller frees.
 */
char *gift_span_format_text(struct gift_span s, enum question_format def,
			    enum question_format *format);

/*
 * Splits s at every unescaped character in seps. The separator itself starts
 * the next piece when it is in keep, and is dropped otherwise. Returns a new
 * array of *n pieces (caller frees); marks[i] is set to the source offset of
 * the separator before piece i (piece 0: the start of s).
 */
struct gift_span *gift_span_split(struct gift_span s, const char *seps, const char *keep,
				  size_t **marks, size_t *n);

/*
 * Moodle's answer weight: s starting with %N% where N is -*D{1,2}(.D*)? or
 * -*D+ (its regular expression /^%\-*([0-9]{1,2})\.?([0-9]*)%/). Returns 1
 * and sets *fraction (N/100) and *rest (the cells after the closing %) when
 * s has one, 0 when it has none, -1 when it matches but N is not a number
 * Moodle can read (more than one minus sign).
 */
int gift_span_weight(struct gift_span s, double *fraction, struct gift_span *rest);

/*
 * PHP's is_numeric() followed by a conversion to float: optional white
 * space, sign, digits with one optional '.', optional exponent. Returns 0 and
 * sets *out, or -1 if text is not numeric or not finite.
 */
int gift_number(const char *text, double *out);

#endif
