/*
 * A course as its author wrote it: the folder content/courses/<id>/ read
 * into memory, with the line and column of everything a diagnostic may need
 * to name.
 *
 * - course.md: front matter (authoring/frontmatter.h) whose keys and values
 *   are checked here, then the lesson pages: every line that starts with
 *   "# " outside a ``` or ~~~ fence begins a page and is its title;
 * - quiz.gift: read with gift_parse() in strict mode (every question named,
 *   no name twice);
 * - handout.md: optional, kept as Markdown.
 *
 * course_source_read() reports what can be seen in one course alone. What
 * needs the whole library (requires, translation_of, scan-code collisions,
 * topics) and the rules on questions and readability are library.c's.
 */
#ifndef VAKSAM_COURSE_SOURCE_H
#define VAKSAM_COURSE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "authoring/frontmatter.h"
#include "authoring/gift.h"
#include "core/diag.h"

/* Where a front matter value stood, for diagnostics. */
struct course_pos {
	int line, col;
};

struct course_page {
	char *title;    /* owned; the heading text after "# " */
	char *markdown; /* owned; the page's lines after its heading */
	int line;       /* line of the heading in course.md */
	int body_line;  /* line where markdown starts */
};

/* One entry of a comma list (topics, requires). */
struct course_ref {
	char *name; /* owned */
	struct course_pos pos;
};

struct course_source {
	char *dir;          /* owned; the folder as given */
	char *folder;       /* owned; its last path component */
	char *course_path;  /* owned; dir/course.md */
	char *quiz_path;    /* owned; dir/quiz.gift */
	char *handout_path; /* owned; dir/handout.md */

	struct frontmatter fm; /* the raw front matter, for positions */
	/* The values (NULL or 0 when missing or invalid). */
	char *id, *title, *language, *translation_of, *audience, *feedback;
	int version, pass_mark, minutes;
	int pretest;        /* 0 when not given */
	int refresh_months; /* 0 when not given */
	int due_days;       /* 0 when not given */
	int order;          /* place in the course list, 1-999; 0 when not given */
	struct course_ref *topics; /* owned, n_topics entries */
	size_t n_topics;
	struct course_ref *requires; /* owned, n_requires entries */
	size_t n_requires;

	struct course_page *pages; /* owned, n_pages entries */
	size_t n_pages;
	char *course_text;  /* owned; course.md as read (placeholder scan) */
	size_t body_offset; /* where the lessons start in course_text */
	int body_line;

	bool has_quiz;
	struct gift_file quiz; /* the questions without errors */

	char *handout; /* owned; handout.md, or NULL when there is none */
};

/*
 * Reads the course folder dir into *out (zero-initialised or released) and
 * appends every problem to diags. Returns 0 when course.md could be read
 * (even with errors in it), -1 when the folder has no readable course.md.
 */
int course_source_read(const char *dir, struct course_source *out, struct diag_list *diags);

/*
 * The course.md part of course_source_read(): reads len bytes of text as the
 * course.md of folder dir (front matter, values, lesson pages) without
 * touching the file system for quiz or handout. Returns -1 when the text is
 * not UTF-8 (reported), else 0. Used by the reader and the fuzz target.
 */
int course_source_parse(const char *dir, const char *text, size_t len, struct course_source *out,
			struct diag_list *diags);

/* Frees everything and leaves cs zero-initialised. */
void course_source_release(struct course_source *cs);

/* Where key's value stood, or the first line of course.md when the key is
 * missing. */
struct course_pos course_source_pos(const struct course_source *cs, const char *key);

/* Whether s is a valid course id: a-z and 0-9 in groups joined by single
 * hyphens, at most COURSE_ID_MAX characters. */
#define COURSE_ID_MAX 40
bool course_id_valid(const char *s);

/*
 * Reads a whole file into a newly allocated NUL-terminated buffer (caller
 * frees) and its length. Returns 0, or -1 with errno set; a file of more
 * than 4 MiB is refused with EFBIG.
 */
int course_read_file(const char *path, char **out, size_t *len);

/* Reports the first invalid UTF-8 sequence or control character of text as
 * an error at its line and column; returns -1 then, else 0. */
int course_check_text(const char *text, size_t len, const char *file, int first_line,
		      struct diag_list *diags);

#include "core/banned.h"

#endif
