/*
 * Front matter: the `key: value` lines between two `---` lines at the top of
 * course.md. This module only splits the text and remembers where each key
 * and value stood; which keys exist and what values mean is course_source's.
 *
 * Syntax: an optional UTF-8 byte order mark; a first line `---`; then lines
 * `key: value` (key of a-z, 0-9 and '_', starting in column 1; the value is
 * the rest of the line without surrounding white space, and one pair of
 * matching "double" or 'single' quotes around it is removed), blank lines
 * and `#` comment lines; then a line `---`. CRLF line ends are accepted.
 * Columns count characters (UTF-8 code points), as an editor shows them.
 */
#ifndef VAKSAM_FRONTMATTER_H
#define VAKSAM_FRONTMATTER_H

#include <stddef.h>

#include "core/diag.h"

struct frontmatter_entry {
	char *key;     /* owned */
	char *value;   /* owned; "" for an empty value */
	int line;      /* 1-based line of the entry */
	int key_col;   /* 1-based column of the key (always 1) */
	int value_col; /* 1-based column where the value starts */
};

struct frontmatter {
	struct frontmatter_entry *entries; /* owned, n entries, in file order */
	size_t n;
	int close_line;     /* line of the closing `---`, 0 when not found */
	size_t body_offset; /* byte offset of the first line after the closing `---` */
	int body_line;      /* its line number */
};

/*
 * Reads the front matter of len bytes of text (need not be NUL-terminated)
 * named file in diagnostics into *out (zero-initialised or released).
 * Syntax problems go to diags as errors at their line and column; a repeated
 * key is an error and the first value stands. Returns 0 when no error was
 * found, -1 otherwise; *out holds what could be read either way. When there
 * is no closing `---`, body_offset is len.
 */
int frontmatter_parse(const char *text, size_t len, const char *file, struct frontmatter *out,
		      struct diag_list *diags);

/* Frees the entries and leaves fm zero-initialised. */
void frontmatter_release(struct frontmatter *fm);

/* Returns the entry for key, or NULL. Points into fm. */
const struct frontmatter_entry *frontmatter_find(const struct frontmatter *fm, const char *key);

/* The 1-based column, in characters, of byte offset off in the line that
 * starts at line_start. */
int frontmatter_column(const char *line_start, size_t off);

#include "core/banned.h"

#endif
