/*
 * CSV output for the report rows (report.h). Text cells are quoted by
 * libcsv (csv_fwrite doubles quotes and always quotes); numbers are written
 * bare, with the chosen decimal mark, so spreadsheets read them as numbers.
 * Formula neutralising (a CSV injection defence) applies to text cells only:
 * a cell starting with = + - @ tab or CR gets a leading apostrophe, which
 * spreadsheets show as text and never evaluate.
 */
#include "reports/report.h"

#include <csv.h>
#include <math.h>
#include <string.h>

#include "core/xmalloc.h"

void report_csv_init(struct report_csv *w, FILE *fp, const struct report_csv_options *opt)
{
	w->fp = fp;
	w->opt = *opt;
	w->cells = 0;
	w->failed = false;
	if (opt->bom && fputs("\xEF\xBB\xBF", fp) == EOF)
		w->failed = true;
}

char *report_csv_neutralise(const char *text, bool *allocated)
{
	*allocated = false;
	if (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
	    text[0] == '\t' || text[0] == '\r') {
		*allocated = true;
		return xasprintf("'%s", text);
	}
	return (char *)text;
}

static void sep(struct report_csv *w)
{
	if (w->cells++ && fputc(w->opt.delimiter, w->fp) == EOF)
		w->failed = true;
}

static void csv_text(void *ctx, const char *text)
{
	struct report_csv *w = ctx;
	bool allocated;
	char *safe;

	sep(w);
	if (text == NULL)
		return;
	safe = report_csv_neutralise(text, &allocated);
	if (csv_fwrite(w->fp, safe, strlen(safe)) != 0)
		w->failed = true;
	if (allocated)
		free(safe);
}

static void csv_integer(void *ctx, long long v)
{
	struct report_csv *w = ctx;

	sep(w);
	if (fprintf(w->fp, "%lld", v) < 0)
		w->failed = true;
}

static void csv_real(void *ctx, double v, int decimals)
{
	struct report_csv *w = ctx;
	char buf[64];

	sep(w);
	if (isnan(v))
		return;
	if (fputs(report_number(v, decimals, w->opt.decimal, buf, sizeof(buf)), w->fp) == EOF)
		w->failed = true;
}

static void csv_empty(void *ctx)
{
	sep(ctx);
}

static void csv_end_row(void *ctx)
{
	struct report_csv *w = ctx;

	if (fputs("\r\n", w->fp) == EOF)
		w->failed = true;
	w->cells = 0;
}

static void csv_header(void *ctx, const char *const *columns, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_text(ctx, columns[i]);
	csv_end_row(ctx);
}

struct report_sink report_csv_sink(struct report_csv *w)
{
	struct report_sink s = {w,        csv_header, csv_text,   csv_integer,
				csv_real, csv_empty,  csv_end_row};

	return s;
}
