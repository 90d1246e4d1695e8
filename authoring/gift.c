/*
 * The GIFT reader: from file bytes to blocks of lines to questions. The
 * per-type answer rules live in gift_answers.c, the cell and span helpers in
 * gift_text.c. The order of the steps is Moodle's, because several of its
 * quirks (a block ends at a line holding only "0", the first '}' closes the
 * answer block, text after it makes a missing-word stem) follow from it.
 */
#include "authoring/gift.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authoring/gift_answers.h"
#include "authoring/gift_text.h"
#include "core/xmalloc.h"

/* A ::name:: seen earlier in the file, to report names used twice. */
struct gift_name {
	char *name; /* owned */
	int line;
};

struct gift_parser {
	struct gift_source src;
	struct gift_file *out;
	bool *line_bad;          /* owned; a line with bytes that are not UTF-8 text */
	char *category;          /* owned; the $CATEGORY: in force, or NULL */
	struct gift_name *names; /* owned array */
	size_t n_names;
};

/* ---- the file as lines ---- */

/* Returns the length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] >= 0x01 && s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	return len;
}

/*
 * Moodle reads the file with PHP's file(), which splits after each "\n"; a
 * file with no "\n" at all but some "\r" (old Mac line ends) is split at
 * "\r" instead. body is where the text starts (after a byte order mark).
 */
static void split_lines(struct gift_parser *p, size_t body)
{
	struct gift_source *src = &p->src;
	unsigned char eol = memchr(src->buf + body, '\n', src->len - body) ? '\n' : '\r';
	size_t alloc = 16;

	src->line_starts = xreallocarray(NULL, alloc, sizeof(*src->line_starts));
	src->line_starts[0] = body;
	src->n_lines = 1;
	for (size_t i = body; i < src->len; i++) {
		if (src->buf[i] != eol)
			continue;
		if (src->n_lines == alloc) {
			alloc *= 2;
			src->line_starts =
			    xreallocarray(src->line_starts, alloc, sizeof(*src->line_starts));
		}
		src->line_starts[src->n_lines++] = i + 1;
	}
}

/* The bytes of line i without its line end: [*start, *end). */
static void line_range(const struct gift_source *src, size_t i, size_t *start, size_t *end)
{
	*start = src->line_starts[i];
	*end = i + 1 < src->n_lines ? src->line_starts[i + 1] - 1 : src->len;
}

static bool is_php_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\v';
}

/* Line i trimmed as PHP's trim() does. */
static void line_trimmed(const struct gift_source *src, size_t i, size_t *start, size_t *end)
{
	line_range(src, i, start, end);
	while (*start < *end && is_php_space(src->buf[*start]))
		(*start)++;
	while (*end > *start && is_php_space(src->buf[*end - 1]))
		(*end)--;
}

/* Reports NUL bytes and bytes that are not UTF-8, once per line. */
static void check_encoding(struct gift_parser *p)
{
	struct gift_source *src = &p->src;

	p->line_bad = xcalloc(src->n_lines, sizeof(*p->line_bad));
	for (size_t i = 0; i < src->n_lines; i++) {
		size_t a, b, k;

		line_range(src, i, &a, &b);
		for (k = a; k < b;) {
			size_t len = utf8_valid_len(src->buf + k, b - k);

			if (len == 0)
				break;
			k += len;
		}
		if (k < b) {
			p->line_bad[i] = true;
			if (src->buf[k] == '\0')
				gift_source_diag(src, DIAG_ERROR, k, "NUL byte in the file");
			else
				gift_source_diag(src, DIAG_ERROR, k,
						 "the file is not UTF-8 text here (byte 0x%02X)",
						 src->buf[k]);
		}
	}
}

/* ---- one block ---- */

/*
 * Builds the cells of lines [first, last]: each line trimmed, a // comment
 * line replaced by one space, lines joined with "\n", escapes resolved.
 */
static void block_cells(struct gift_parser *p, size_t first, size_t last, struct gift_cells *cells)
{
	const unsigned char *buf = p->src.buf;

	for (size_t i = first; i <= last; i++) {
		size_t a, b;

		line_trimmed(&p->src, i, &a, &b);
		if (i > first)
			gift_cells_push(cells, '\n', false, a > 0 ? a - 1 : 0);
		if (b - a >= 2 && buf[a] == '/' && buf[a + 1] == '/') {
			gift_cells_push(cells, ' ', false, a);
			continue;
		}
		for (size_t k = a; k < b; k++) {
			unsigned char next = k + 1 < b ? buf[k + 1] : 0;

			if (buf[k] == '\\' && next == '\\') {
				gift_cells_push(cells, '\\', true, k++);
			} else if (buf[k] == '\\' && next && strchr(":#={}~", next)) {
				gift_cells_push(cells, next, true, k++);
			} else if (buf[k] == '\\' && next == 'n') {
				gift_cells_push(cells, '\n', true, k++);
			} else {
				gift_cells_push(cells, buf[k], false, k);
			}
		}
	}
}

static void set_category(struct gift_parser *p, struct gift_span s)
{
	struct gift_span rest = gift_span_trim(gift_span_sub(s, strlen("$CATEGORY:"), s.n));
	size_t nl = gift_span_find(rest, '\n', 0);

	free(p->category);
	p->category = gift_span_text(rest);
	if (nl != GIFT_NPOS)
		gift_source_diag(&p->src, DIAG_ERROR, gift_span_pos(rest, nl + 1),
				 "this line is read as part of the $CATEGORY: name above; "
				 "put a blank line after the $CATEGORY: line");
	else if (p->category[0] == '\0')
		gift_source_diag(&p->src, DIAG_ERROR, s.c[0].pos, "$CATEGORY: without a name");
	if (p->category[0] == '\0') {
		free(p->category);
		p->category = NULL;
	}
}

/* Reads ::name:: at the start of *text, advancing *text past it. */
static void read_name(struct gift_parser *p, struct gift_span *text, struct question *q)
{
	struct gift_span rest;
	size_t end;
	int line, col;

	if (!gift_span_starts(*text, "::")) {
		if (p->src.flags & GIFT_STRICT)
			gift_source_diag(&p->src, DIAG_ERROR, text->c[0].pos,
					 "question has no ::name:: (every question needs one)");
		return;
	}
	rest = gift_span_sub(*text, 2, text->n);
	end = gift_span_find_str(rest, "::");
	if (end == GIFT_NPOS) {
		/* Moodle drops the "::" and keeps the rest as question text. */
		gift_source_diag(&p->src, DIAG_WARNING, text->c[0].pos,
				 "'::' opens a question name but no '::' closes it");
		*text = rest;
		return;
	}
	q->id = gift_span_text(gift_span_sub(rest, 0, end));
	*text = gift_span_trim(gift_span_sub(rest, end + 2, rest.n));
	if (q->id[0] == '\0') {
		free(q->id);
		q->id = NULL;
		gift_source_diag(&p->src, p->src.flags & GIFT_STRICT ? DIAG_ERROR : DIAG_WARNING,
				 rest.pos, "empty question name");
		return;
	}
	gift_source_locate(&p->src, rest.pos, &line, &col);
	for (size_t i = 0; i < p->n_names; i++) {
		if (strcmp(p->names[i].name, q->id) == 0) {
			gift_source_diag(&p->src,
					 p->src.flags & GIFT_STRICT ? DIAG_ERROR : DIAG_WARNING,
					 rest.pos, "question name '%s' is already used on line %d",
					 q->id, p->names[i].line);
			return;
		}
	}
	p->names = xreallocarray(p->names, p->n_names + 1, sizeof(*p->names));
	p->names[p->n_names].name = xstrdup(q->id);
	p->names[p->n_names].line = line;
	p->n_names++;
}

/*
 * Finds the answer block: the first '{' and the first '}'. Returns 1 with
 * *open and *close set, 0 when there are no braces (a description), -1 after
 * reporting braces that do not pair up. Moodle would read a second block or
 * a '{' inside the block as text; that is nearly always a mistake, so it is
 * an error here.
 */
static int find_block(struct gift_parser *p, struct gift_span text, size_t *open, size_t *close)
{
	size_t again;

	*open = gift_span_find(text, '{', 0);
	*close = gift_span_find(text, '}', 0);
	if (*open == GIFT_NPOS && *close == GIFT_NPOS)
		return 0;
	if (*open == GIFT_NPOS || (*close != GIFT_NPOS && *close < *open)) {
		gift_source_diag(&p->src, DIAG_ERROR, text.c[*close].pos,
				 "'}' without an opening '{' (write \\} for a literal brace)");
		return -1;
	}
	if (*close == GIFT_NPOS) {
		gift_source_diag(&p->src, DIAG_ERROR, text.c[*open].pos,
				 "'{' is never closed with '}' (write \\{ for a literal brace)");
		return -1;
	}
	again = gift_span_find(text, '{', *open + 1);
	if (again != GIFT_NPOS && again < *close) {
		gift_source_diag(&p->src, DIAG_ERROR, text.c[again].pos,
				 "'{' inside an answer block (write \\{ for a literal brace)");
		return -1;
	}
	if (again == GIFT_NPOS)
		again = gift_span_find(text, '}', *close + 1);
	if (again != GIFT_NPOS) {
		gift_source_diag(&p->src, DIAG_ERROR, text.c[again].pos,
				 "a second answer block; a question has one (write \\{ and \\} for "
				 "literal braces, and separate questions with a blank line)");
		return -1;
	}
	return 1;
}

/* Moodle's choice of question type from the text of the answer block. */
static int read_answers(struct gift_parser *p, struct gift_span answers, size_t open_pos,
			struct question *q)
{
	struct gift_span check = answers;
	size_t hash;

	if (answers.n == 0) {
		q->type = QUESTION_ESSAY;
		return 0;
	}
	if (answers.c[0].c == '#' && !answers.c[0].lit)
		return gift_answers_numerical(&p->src, answers, open_pos, q);
	if (gift_span_find(answers, '~', 0) != GIFT_NPOS)
		return gift_answers_multichoice(&p->src, answers, open_pos, q);
	if (gift_span_find(answers, '=', 0) != GIFT_NPOS &&
	    gift_span_find_str(answers, "->") != GIFT_NPOS)
		return gift_answers_matching(&p->src, answers, open_pos, q);
	hash = gift_span_find(answers, '#', 0);
	if (hash != GIFT_NPOS)
		check = gift_span_trim(gift_span_sub(answers, 0, hash));
	if (gift_span_equals(check, "T") || gift_span_equals(check, "TRUE") ||
	    gift_span_equals(check, "F") || gift_span_equals(check, "FALSE"))
		return gift_answers_truefalse(&p->src, answers, open_pos, q);
	return gift_answers_shortanswer(&p->src, answers, open_pos, q);
}

/* Reads one question from the trimmed, non-empty text of its block. */
static void read_question(struct gift_parser *p, struct gift_span text)
{
	struct question q = {0};
	struct gift_cells stem = {0};
	struct gift_span answers = {0}, feedback = {0};
	size_t errors = p->src.errors, open = 0, close = 0, gf;
	int has_block;

	gift_source_locate(&p->src, text.c[0].pos, &q.line, &q.col);
	read_name(p, &text, &q);
	has_block = find_block(p, text, &open, &close);
	if (has_block < 0)
		goto cleanup;
	if (has_block == 0) {
		gift_cells_append(&stem, text);
	} else {
		answers = gift_span_trim(gift_span_sub(text, open + 1, close));
		gift_cells_append(&stem, gift_span_sub(text, 0, open));
		/* Text after the block makes a missing-word question. */
		if (close + 1 < text.n) {
			for (int i = 0; i < 5; i++)
				gift_cells_push(&stem, '_', false, text.c[open].pos);
			gift_cells_append(&stem, gift_span_sub(text, close + 1, text.n));
		}
		gf = gift_span_rfind_str(answers, "####");
		if (gf != GIFT_NPOS) {
			feedback = gift_span_sub(answers, gf + 4, answers.n);
			answers = gift_span_trim(gift_span_sub(answers, 0, gf));
		}
	}
	q.stem = gift_span_format_text(gift_cells_span(&stem, text.pos), QUESTION_FORMAT_MOODLE,
				       &q.format);
	q.general_feedback = gift_span_format_text(feedback, q.format, NULL);
	if (has_block == 0)
		q.type = QUESTION_DESCRIPTION;
	else if (read_answers(p, answers, text.c[open].pos, &q) < 0)
		goto cleanup;
	if (q.stem[0] == '\0')
		gift_source_diag(&p->src, DIAG_WARNING, gift_span_pos(text, 0),
				 "question has no text");
	if (p->src.errors == errors) {
		q.category = p->category ? xstrdup(p->category) : NULL;
		if (p->out->n == p->out->alloc) {
			p->out->alloc = p->out->alloc ? 2 * p->out->alloc : 16;
			p->out->questions = xreallocarray(p->out->questions, p->out->alloc,
							  sizeof(*p->out->questions));
		}
		p->out->questions[p->out->n++] = q;
		memset(&q, 0, sizeof(q));
	}
cleanup:
	gift_cells_release(&stem);
	question_release(&q);
}

static void read_block(struct gift_parser *p, size_t first, size_t last)
{
	struct gift_cells cells = {0};
	struct gift_span text;

	for (size_t i = first; i <= last; i++) {
		if (p->line_bad[i])
			return;
	}
	block_cells(p, first, last, &cells);
	text = gift_span_trim(gift_cells_span(&cells, 0));
	if (text.n == 0) {
		/* Only comments. */
	} else if (gift_span_starts(text, "$CATEGORY:")) {
		set_category(p, text);
	} else {
		read_question(p, text);
	}
	gift_cells_release(&cells);
}

/* ---- public ---- */

int gift_parse(const char *text, size_t len, const char *filename, unsigned flags,
	       struct gift_file *out, struct diag_list *diags)
{
	struct gift_parser p = {0};
	size_t body = 0, first = 0;
	bool in_block = false;

	p.src.file = filename ? filename : "";
	p.src.buf = (const unsigned char *)(text ? text : "");
	p.src.len = text ? len : 0;
	p.src.diags = diags;
	p.src.flags = flags;
	p.out = out;
	if (p.src.len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		body = 3;
	split_lines(&p, body);
	check_encoding(&p);
	for (size_t i = 0; i <= p.src.n_lines; i++) {
		size_t a = 0, b = 0;
		bool blank = true;

		if (i < p.src.n_lines) {
			line_trimmed(&p.src, i, &a, &b);
			/* PHP's empty() is true for "0" too, so Moodle ends the block there. */
			blank = b == a || (b - a == 1 && p.src.buf[a] == '0');
			if (b - a == 1 && p.src.buf[a] == '0')
				gift_source_diag(&p.src, DIAG_WARNING, a,
						 "a line holding only '0' ends the question, as a "
						 "blank line does");
		}
		if (!blank && !in_block) {
			first = i;
			in_block = true;
		} else if (blank && in_block) {
			read_block(&p, first, i - 1);
			in_block = false;
		}
	}
	for (size_t i = 0; i < p.n_names; i++)
		free(p.names[i].name);
	free(p.names);
	free(p.category);
	free(p.line_bad);
	free(p.src.line_starts);
	return p.src.errors ? -1 : 0;
}

int gift_parse_path(const char *path, unsigned flags, struct gift_file *out,
		    struct diag_list *diags)
{
	struct strbuf data = STRBUF_INIT;
	char *file = NULL, chunk[65536];
	struct stat st;
	FILE *fp = NULL;
	size_t n;
	int rc = -1;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		file = xasprintf("%s%squiz.gift", path,
				 path[0] && path[strlen(path) - 1] == '/' ? "" : "/");
	else
		file = xstrdup(path);
	fp = fopen(file, "rb");
	if (fp == NULL) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "cannot read: %s", strerror(errno));
		goto cleanup;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		strbuf_add(&data, chunk, n);
	if (ferror(fp)) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "cannot read: %s", strerror(errno));
		goto cleanup;
	}
	rc = gift_parse(data.buf, data.len, file, flags, out, diags);
cleanup:
	if (fp)
		fclose(fp);
	strbuf_release(&data);
	free(file);
	return rc;
}

void gift_file_release(struct gift_file *f)
{
	for (size_t i = 0; i < f->n; i++)
		question_release(&f->questions[i]);
	free(f->questions);
	memset(f, 0, sizeof(*f));
}
