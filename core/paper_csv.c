/*
 * Paper answers in bulk: reading the CSV a coordinator keys (or exports from
 * a spreadsheet) and entering every sheet in one transaction. See paper.h
 * for the format. libcsv's field pointers are copied at once; a parse error
 * stops reading and nothing after it is used.
 */
#include "paper.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "roster.h"
#include "store.h"
#include "strbuf.h"
#include "xmalloc.h"

struct parse {
	struct paper_rows *out;
	struct diag_list *diags;
	int line;     /* physical line being fed */
	int row_line; /* line the current row started on */
	bool mid_row; /* a row spans lines (a quoted line break) */
	bool row_ended;
	bool failed;
	char **fields; /* the row being read */
	size_t n_fields, alloc_fields;
};

void paper_rows_release(struct paper_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		for (size_t f = 0; f < rows->rows[i].n_fields; f++)
			free(rows->rows[i].fields[f]);
		free(rows->rows[i].fields);
	}
	free(rows->rows);
	free(rows->file);
	memset(rows, 0, sizeof(*rows));
}

static size_t utf8_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void on_field(void *data, size_t len, void *vctx)
{
	struct parse *ctx = vctx;
	const char *s = data ? data : "";

	if (ctx->failed)
		return;
	if (ctx->n_fields == 0 && !ctx->mid_row)
		ctx->row_line = ctx->line;
	ctx->mid_row = true;
	if (utf8_chars(s, len) > PAPER_CSV_FIELD_MAX) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->out->file, ctx->row_line,
			 (int)ctx->n_fields + 1, "the field is longer than %d characters",
			 PAPER_CSV_FIELD_MAX);
		ctx->failed = true;
		return;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			diag_add(ctx->diags, DIAG_ERROR, ctx->out->file, ctx->row_line,
				 (int)ctx->n_fields + 1, "the field holds a control character");
			ctx->failed = true;
			return;
		}
	}
	if (ctx->n_fields == ctx->alloc_fields) {
		ctx->alloc_fields = ctx->alloc_fields ? 2 * ctx->alloc_fields : 16;
		ctx->fields = xreallocarray(ctx->fields, ctx->alloc_fields, sizeof(char *));
	}
	ctx->fields[ctx->n_fields++] = xstrndup(s, len);
}

static void on_row(int term, void *vctx)
{
	struct parse *ctx = vctx;
	struct paper_rows *out = ctx->out;
	bool blank = true;

	(void)term;
	ctx->row_ended = true;
	ctx->mid_row = false;
	if (ctx->failed) {
		for (size_t i = 0; i < ctx->n_fields; i++)
			free(ctx->fields[i]);
		ctx->n_fields = 0;
		return;
	}
	for (size_t i = 0; i < ctx->n_fields && blank; i++)
		blank = ctx->fields[i][0] == '\0';
	if (blank) {
		for (size_t i = 0; i < ctx->n_fields; i++)
			free(ctx->fields[i]);
		ctx->n_fields = 0;
		return;
	}
	if (out->n == out->alloc) {
		out->alloc = out->alloc ? 2 * out->alloc : 32;
		out->rows = xreallocarray(out->rows, out->alloc, sizeof(*out->rows));
	}
	out->rows[out->n].line = ctx->row_line;
	/* The row takes the field strings over; the array is reused. */
	out->rows[out->n].fields = xreallocarray(NULL, ctx->n_fields, sizeof(*ctx->fields));
	for (size_t i = 0; i < ctx->n_fields; i++)
		out->rows[out->n].fields[i] = ctx->fields[i];
	out->rows[out->n].n_fields = ctx->n_fields;
	out->n++;
	ctx->n_fields = 0;
}

/* Feeds libcsv one physical line at a time, so every row knows its line. */
static void parse_lines(struct parse *ctx, struct csv_parser *p, const char *data, size_t len)
{
	size_t pos = 0;

	ctx->line = 1;
	while (pos < len && !ctx->failed) {
		size_t end = pos, got;
		bool broke = false;

		while (end < len && data[end] != '\n' && data[end] != '\r')
			end++;
		if (end < len) {
			if (data[end] == '\r' && end + 1 < len && data[end + 1] == '\n')
				end++;
			end++;
			broke = true;
		}
		if (!ctx->mid_row)
			ctx->row_line = ctx->line;
		/* libcsv grows its field buffer by this much when it is full:
		 * its default 128 bytes made a 1 MB field cost thousands of
		 * copies (minutes under ASan); a whole line is at most one. */
		csv_set_blk_size(p, end - pos > 128 ? end - pos : 128);
		got = csv_parse(p, data + pos, end - pos, on_field, on_row, ctx);
		if (got < end - pos && !ctx->failed) {
			diag_add(ctx->diags, DIAG_ERROR, ctx->out->file, ctx->line,
				 (int)ctx->n_fields + 1, "%s",
				 csv_error(p) == CSV_EPARSE
				     ? "a quote inside an unquoted field, or text after a closing"
				       " quote"
				     : csv_strerror(csv_error(p)));
			ctx->failed = true;
			return;
		}
		if (broke)
			ctx->line++;
		pos = end;
	}
	if (!ctx->failed && csv_fini(p, on_field, on_row, ctx) != 0 && !ctx->failed) {
		diag_add(ctx->diags, DIAG_ERROR, ctx->out->file, ctx->row_line,
			 (int)ctx->n_fields + 1, "a quoted field that is never closed starts here");
		ctx->failed = true;
	}
}

static int line_of(const char *data, size_t offset)
{
	int line = 1;

	for (size_t i = 0; i < offset; i++)
		line += data[i] == '\n';
	return line;
}

/* The first byte that is not part of valid UTF-8, or len. */
static size_t first_bad_utf8(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;

	while (i < len) {
		size_t n = s[i] < 0x80         ? 1
			   : (s[i] >> 5) == 6  ? 2
			   : (s[i] >> 4) == 14 ? 3
			   : (s[i] >> 3) == 30 ? 4
					       : 0;

		if (n == 0 || i + n > len)
			return i;
		for (size_t k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += n;
	}
	return len;
}

static int cp1252_to_utf8(const char *in, size_t len, char **out, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	char *src = (char *)in, *dst;
	size_t left = len, room = 4 * len + 4;

	if (cd == (iconv_t)-1)
		return -1;
	*out = xmalloc(room);
	dst = *out;
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		iconv_close(cd);
		free(*out);
		*out = NULL;
		return -1;
	}
	iconv_close(cd);
	*out_len = (size_t)(dst - *out);
	return 0;
}

static bool is_header_word(const char *field)
{
	static const char *const words[] = {"blad",     "bladkod",   "bladnummer", "kod",
					    "sheet",    "sheetcode", "sheet_code", "code",
					    "provblad", "sheet code"};
	char *f = collate_fold(field);
	bool hit = false;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !hit; i++)
		hit = strcmp(f, words[i]) == 0;
	free(f);
	return hit;
}

int paper_csv_parse(const char *file, const char *data, size_t len, struct paper_rows *out,
		    struct diag_list *diags)
{
	struct parse ctx;
	struct csv_parser p;
	enum roster_encoding enc;
	char *converted = NULL;
	size_t bom = 0, i;
	bool p_ready = false;

	memset(&ctx, 0, sizeof(ctx));
	memset(out, 0, sizeof(*out));
	out->file = xstrdup(file);
	ctx.out = out;
	ctx.diags = diags;
	if (len > PAPER_CSV_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "the file is larger than %u bytes",
			 PAPER_CSV_MAX_BYTES);
		return -1;
	}
	enc = roster_detect_encoding(data, len, &bom);
	data += bom;
	len -= bom;
	for (i = 0;
	     i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n');
	     i++)
		;
	if (i == len) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "the file is empty");
		return -1;
	}
	if (enc == ROSTER_INVALID) {
		size_t bad = first_bad_utf8(data, len);

		diag_add(diags, DIAG_ERROR, file, line_of(data, bad), 0,
			 "the file is neither UTF-8 nor Windows-1252");
		return -1;
	}
	if (enc == ROSTER_CP1252) {
		size_t n = 0;

		if (cp1252_to_utf8(data, len, &converted, &n) < 0) {
			diag_add(diags, DIAG_ERROR, file, 0, 0, "cannot convert from Windows-1252");
			return -1;
		}
		data = converted;
		len = n;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "out of memory starting the CSV parser");
		ctx.failed = true;
		goto cleanup;
	}
	p_ready = true;
	csv_set_delim(&p, (unsigned char)roster_detect_delimiter(data, len));
	parse_lines(&ctx, &p, data, len);
	if (ctx.failed)
		goto cleanup;
	/* A header row: drop it. */
	if (out->n > 0 && out->rows[0].n_fields > 0 && is_header_word(out->rows[0].fields[0])) {
		for (size_t f = 0; f < out->rows[0].n_fields; f++)
			free(out->rows[0].fields[f]);
		free(out->rows[0].fields);
		memmove(out->rows, out->rows + 1, (out->n - 1) * sizeof(*out->rows));
		out->n--;
	}
	if (out->n == 0) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "the file holds no sheets");
		ctx.failed = true;
	}
cleanup:
	if (p_ready)
		csv_free(&p);
	for (size_t f = 0; f < ctx.n_fields; f++)
		free(ctx.fields[f]);
	free(ctx.fields);
	free(converted);
	return ctx.failed ? -1 : 0;
}

int paper_csv_read_file(const char *path, struct paper_rows *out, struct diag_list *diags)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf data = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (fp == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		out->file = xstrdup(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		strbuf_add(&data, chunk, n);
		if (data.len > PAPER_CSV_MAX_BYTES)
			break;
	}
	if (ferror(fp)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		out->file = xstrdup(path);
	} else {
		rc = paper_csv_parse(path, data.buf, data.len, out, diags);
	}
	fclose(fp);
	strbuf_release(&data);
	return rc;
}

/* --- entering ------------------------------------------------------------ */

void paper_import_result_release(struct paper_import_result *res)
{
	for (size_t i = 0; i < res->n; i++) {
		free(res->sheets[i].code);
		free(res->sheets[i].employee_no);
		free(res->sheets[i].course_slug);
	}
	free(res->sheets);
	memset(res, 0, sizeof(*res));
}

/* Checks one row against its sheet; adds diagnostics. Returns true when
 * the row can be entered. */
static bool row_check(const struct paper_rows *rows, const struct paper_row *row,
		      const struct paper_sheet *sheet, size_t n_answers, struct diag_list *diags)
{
	bool ok = true;

	if (n_answers != sheet->n_items) {
		diag_add(diags, DIAG_ERROR, rows->file, row->line,
			 (int)(n_answers < sheet->n_items ? n_answers + 2 : sheet->n_items + 2),
			 "sheet %s has %zu questions, but the row has %zu answers", sheet->code,
			 sheet->n_items, n_answers);
		return false;
	}
	for (size_t i = 0; i < sheet->n_items; i++) {
		struct paper_answer a;
		char *why = NULL;

		if (paper_answer_parse(&sheet->items[i], row->fields[i + 1], &a, &why) < 0) {
			diag_add(diags, DIAG_ERROR, rows->file, row->line, (int)i + 2,
				 "question %zu: %s", i + 1, why);
			free(why);
			ok = false;
			continue;
		}
		paper_answer_release(&a);
	}
	return ok;
}

int paper_import(struct store *store, const struct paper_rows *rows, struct diag_list *diags,
		 struct paper_import_result *res, char **cause)
{
	long long *seen = xcalloc(rows->n + 1, sizeof(long long));
	int *seen_line = xcalloc(rows->n + 1, sizeof(int));
	size_t errors_before = diags->errors;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	res->sheets = xcalloc(rows->n + 1, sizeof(*res->sheets));
	if (store_begin(store, cause) < 0)
		goto cleanup;
	for (size_t r = 0; r < rows->n; r++) {
		const struct paper_row *row = &rows->rows[r];
		struct paper_sheet sheet;
		enum scancode_status status;
		size_t n_answers = row->n_fields - 1;
		bool dup = false;
		int found;

		/* Empty cells after the last answer are what spreadsheets write. */
		while (n_answers > 0 && row->fields[n_answers][0] == '\0')
			n_answers--;
		found = paper_sheet_find(store, row->fields[0], &status, &sheet, cause);
		if (found < 0)
			goto cleanup;
		if (status == SCANCODE_MALFORMED) {
			diag_add(diags, DIAG_ERROR, rows->file, row->line, 1,
				 "'%.40s' is not a sheet code (VKS...)", row->fields[0]);
			continue;
		}
		if (status == SCANCODE_MISTYPED) {
			diag_add(diags, DIAG_ERROR, rows->file, row->line, 1,
				 "sheet code '%.40s' is mistyped: its check character does not"
				 " match",
				 row->fields[0]);
			continue;
		}
		if (found == 0) {
			diag_add(diags, DIAG_ERROR, rows->file, row->line, 1,
				 "no sheet '%.40s' (sheets are made by 'vaksam print quiz')",
				 row->fields[0]);
			continue;
		}
		for (size_t j = 0; j < r && !dup; j++) {
			if (seen[j] == sheet.id) {
				diag_add(diags, DIAG_ERROR, rows->file, row->line, 1,
					 "sheet %s is on line %d too", sheet.code, seen_line[j]);
				dup = true;
			}
		}
		seen[r] = sheet.id;
		seen_line[r] = row->line;
		if (dup) {
			paper_sheet_release(&sheet);
			continue;
		}
		if (sheet.attempt_id || sheet.entered) {
			diag_add(diags, DIAG_ERROR, rows->file, row->line, 1,
				 "sheet %s was already entered on %.10s; a sheet is entered once",
				 sheet.code, sheet.entered ? sheet.entered : "an earlier day");
			paper_sheet_release(&sheet);
			continue;
		}
		if (row_check(rows, row, &sheet, n_answers, diags) &&
		    diags->errors == errors_before) {
			struct paper_entered *e = &res->sheets[res->n];
			int recorded;

			recorded =
			    paper_sheet_record(store, &sheet, (const char *const *)row->fields + 1,
					       0, &e->result, cause);
			if (recorded < 0) {
				paper_sheet_release(&sheet);
				goto cleanup;
			}
			if (recorded == 1) {
				diag_add(diags, DIAG_ERROR, rows->file, row->line, 1, "%s", *cause);
				free(*cause);
				*cause = NULL;
			} else {
				e->code = xstrdup(sheet.code);
				e->employee_no =
				    sheet.employee_no ? xstrdup(sheet.employee_no) : NULL;
				e->course_slug = xstrdup(sheet.course_slug);
				res->n++;
			}
		}
		paper_sheet_release(&sheet);
	}
	if (diags->errors > errors_before)
		goto cleanup;
	if (store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0) {
		store_rollback(store);
		paper_import_result_release(res);
	}
	free(seen);
	free(seen_line);
	return rc;
}
