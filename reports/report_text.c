/*
 * Plain-text tables for the command line (report.h): cells are collected,
 * then printed with columns padded to their widest cell, counted in
 * characters (UTF-8), numbers right-aligned. Control characters in cells are
 * shown as '?', so text from the database cannot move the cursor.
 */
#include "reports/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

void report_text_init(struct report_text *t, char decimal)
{
	memset(t, 0, sizeof(*t));
	t->decimal = decimal;
}

void report_text_release(struct report_text *t)
{
	for (size_t i = 0; i < t->n_cells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

static void add(struct report_text *t, char *cell)
{
	if (t->n_cells == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->cells = xreallocarray(t->cells, t->alloc, sizeof(*t->cells));
	}
	/* Control characters would move the cursor: show them as '?'. */
	for (unsigned char *p = (unsigned char *)cell; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
	t->cells[t->n_cells++] = cell;
}

static void text_header(void *ctx, const char *const *columns, size_t n)
{
	struct report_text *t = ctx;

	t->columns = n;
	for (size_t i = 0; i < n; i++)
		add(t, xstrdup(columns[i]));
}

static void text_text(void *ctx, const char *text)
{
	add(ctx, xstrdup(text ? text : ""));
}

static void text_integer(void *ctx, long long v)
{
	add(ctx, xasprintf("%lld", v));
}

static void text_real(void *ctx, double v, int decimals)
{
	struct report_text *t = ctx;
	char buf[64];

	add(t, xstrdup(isnan(v) ? "-" : report_number(v, decimals, t->decimal, buf, sizeof(buf))));
}

static void text_empty(void *ctx)
{
	add(ctx, xstrdup(""));
}

static void text_end_row(void *ctx)
{
	(void)ctx;
}

struct report_sink report_text_sink(struct report_text *t)
{
	struct report_sink s = {t,         text_header, text_text,   text_integer,
				text_real, text_empty,  text_end_row};

	return s;
}

/* Characters (not bytes) in a UTF-8 string. */
static size_t width_of(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool numeric(const char *s)
{
	if (*s == '-' && s[1])
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == ',' || *s == '.'))
			return false;
	return true;
}

/* Writes a line without its trailing spaces. */
static void put_line(struct strbuf *line, FILE *fp)
{
	while (line->len && line->buf[line->len - 1] == ' ')
		line->len--;
	line->buf[line->len] = '\0';
	fputs(line->buf, fp);
	fputc('\n', fp);
	strbuf_reset(line);
}

void report_text_print(struct report_text *t, FILE *fp)
{
	struct strbuf line = STRBUF_INIT;
	size_t *width;

	if (t->columns == 0) {
		report_text_release(t);
		return;
	}
	width = xcalloc(t->columns, sizeof(*width));
	for (size_t i = 0; i < t->n_cells; i++) {
		size_t w = width_of(t->cells[i]);

		if (w > width[i % t->columns])
			width[i % t->columns] = w;
	}
	for (size_t i = 0; i < t->n_cells; i++) {
		size_t col = i % t->columns, pad = width[col] - width_of(t->cells[i]);
		bool last = col == t->columns - 1;
		bool right = i >= t->columns && numeric(t->cells[i]);

		if (right)
			strbuf_addf(&line, "%*s", (int)pad, "");
		strbuf_addstr(&line, t->cells[i]);
		if (!right)
			strbuf_addf(&line, "%*s", (int)pad, "");
		if (!last) {
			strbuf_addstr(&line, "  ");
			continue;
		}
		put_line(&line, fp);
		/* Underline the header. */
		if (i == t->columns - 1) {
			for (size_t c = 0; c < t->columns; c++) {
				for (size_t k = 0; k < width[c]; k++)
					strbuf_addch(&line, '-');
				strbuf_addstr(&line, "  ");
			}
			put_line(&line, fp);
		}
	}
	free(width);
	strbuf_release(&line);
	report_text_release(t);
}
