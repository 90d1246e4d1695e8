/*
 * Moodle's GIFT question format: reading a .gift file into struct question
 * and writing questions back as GIFT.
 *
 * The reader follows Moodle's own importer (question/format/gift/format.php
 * with qformat_default's line handling) rule for rule, quirks included, so a
 * file means the same here as in Moodle: blocks of lines separated by blank
 * lines, // comment lines, ::name::, [format] tags, the first {...} answer
 * block (text after it makes a missing-word question with _____ in the stem),
 * #### general feedback, escapes \~ \= \# \{ \} \: \\ \n, $CATEGORY: lines,
 * CRLF, CR-only and a UTF-8 byte order mark. On top of that it reports, with
 * file, line and column, what Moodle would reject or silently mangle.
 *
 * Lower layers never print: problems go into a struct diag_list.
 */
#ifndef VAKSAM_GIFT_H
#define VAKSAM_GIFT_H

#include <stddef.h>

#include "core/diag.h"
#include "core/question.h"
#include "core/strbuf.h"

/* The questions read from one file, in file order. */
struct gift_file {
	struct question *questions; /* owned array of n entries */
	size_t n;
	size_t alloc;
};

#define GIFT_FILE_INIT                                                                             \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/*
 * Flags for gift_parse(). GIFT_STRICT adds vaksam's course rules on top of
 * GIFT as errors: every question has a ::name::, and no name is used twice in
 * the file (without it a repeated name is only a warning, as Moodle allows it).
 */
#define GIFT_STRICT 0x1u

/*
 * Parses len bytes of text (need not be NUL-terminated) named filename in
 * diagnostics. Appends every question that has no error to out (which must be
 * GIFT_FILE_INIT or released) and every problem to diags, with 1-based line
 * and column (in characters). Returns 0 when no error was reported, -1
 * otherwise; out holds the good questions either way.
 */
int gift_parse(const char *text, size_t len, const char *filename, unsigned flags,
	       struct gift_file *out, struct diag_list *diags);

/*
 * Reads and parses path: a .gift file, or a course folder, whose quiz.gift is
 * read. A file that cannot be read is reported in diags as an error without
 * a line (file name: error: cannot read ...). Returns as gift_parse() does.
 */
int gift_parse_path(const char *path, unsigned flags, struct gift_file *out,
		    struct diag_list *diags);

/* Frees every question and leaves f as GIFT_FILE_INIT. */
void gift_file_release(struct gift_file *f);

/*
 * Appends questions[0..n) to out as GIFT that gift_parse() reads back into
 * equal questions (question_equal), with a $CATEGORY: line wherever the
 * category changes. Returns 0, or -1 with *cause set to a newly allocated
 * message (caller frees) when a question cannot be written in GIFT (for
 * instance a category that goes back to none); out may then hold part of
 * the output.
 */
int gift_export(const struct question *questions, size_t n, struct strbuf *out, char **cause);

#endif
