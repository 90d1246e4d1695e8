/*
 * Reading a staff roster: libcsv parsing into checked rows, using the
 * detection in roster_detect.c. No SQL here (roster_apply.c writes). See
 * roster.h for the file format and the rules.
 *
 * Line numbers: libcsv does not report positions, so the data is fed one
 * physical line at a time and the parser tracks which line each field
 * starts on. A field's callback comes at the delimiter or line break that
 * ends it, so the next field starts on the line being fed then; a row
 * starts on the first line fed after the previous row ended that holds
 * something other than white space.
 */
#include "roster.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roster_internal.h"
#include "strbuf.h"
#include "unit.h"
#include "xmalloc.h"

/* One field of the row being read: its text is in parse.text at off. */
struct field {
	size_t off;  /* offset of the NUL-terminated text in parse.text */
	size_t len;  /* bytes, not counting the NUL; the text may hold NULs */
	int line;    /* physical line the field starts on */
	bool bad;    /* already reported (encoding or length) */
};

struct parse {
	struct roster *roster;   /* not owned */
	struct diag_list *diags; /* not owned */
	bool failed;             /* the file is refused: ignore the rest */
	bool header_done;
	int header_end_line;     /* line the header row ended on */
	int n_header;            /* fields in the header */
	int line;                /* physical line of the data being fed */
	int next_field_line;     /* line the next field starts on */
	bool mid_row;            /* a row has begun and not ended */
	bool row_ended;          /* a row ended in the line being fed */
	struct strbuf text;      /* the current row's fields */
	struct field *fields;    /* owned array of n_fields entries */
	size_t n_fields, alloc_fields;
};

static const char *const column_names[ROSTER_COL_COUNT] = {
	[ROSTER_COL_NONE] = "other",
	[ROSTER_COL_EMPLOYEE] = "employee number",
	[ROSTER_COL_NAME] = "name",
	[ROSTER_COL_FIRST] = "first name",
	[ROSTER_COL_LAST] = "last name",
	[ROSTER_COL_UNIT] = "unit",
	[ROSTER_COL_ROLE] = "role",
};

/* The physical line (1-based) of byte offset off in data. */
static int line_of(const char *data, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n' || (data[i] == '\r' && data[i + 1] != '\n'))
			line++;
	}
	return line;
}

static const char *field_text(const struct parse *ctx, size_t i)
{
	return ctx->text.buf + ctx->fields[i].off;
}

/* The field without leading and trailing ASCII white space. */
static void field_trimmed(const struct parse *ctx, size_t i, const char **s, size_t *len)
{
	const char *b = field_text(ctx, i), *e = b + ctx->fields[i].len;

	while (b < e && roster_is_blank_byte(*b))
		b++;
	while (e > b && roster_is_blank_byte(e[-1]))
		e--;
	*s = b;
	*len = (size_t)(e - b);
}

static void on_field(void *data, size_t len, void *vctx)
{
	struct parse *ctx = vctx;
	struct field *f;

	if (ctx->failed)
		return;
	if (ctx->n_fields == ctx->alloc_fields) {
		ctx->alloc_fields = ctx->alloc_fields ? ctx->alloc_fields * 2 : 16;
		ctx->fields = xreallocarray(ctx->fields, ctx->alloc_fields, sizeof(*ctx->fields));
	}
	f = &ctx->fields[ctx->n_fields++];
	f->off = ctx->text.len;
	f->len = len;
	f->line = ctx->next_field_line;
	f->bad = false;
	strbuf_add(&ctx->text, data, len);
	strbuf_addch(&ctx->text, '\0');
	/* The next field starts after this delimiter, on the line being fed. */
	ctx->next_field_line = ctx->line;
}

static bool row_is_blank(const struct parse *ctx)
{
	for (size_t i = 0; i < ctx->n_fields; i++) {
		const char *s;
		size_t len;

		field_trimmed(ctx, i, &s, &len);
		if (len)
			return false;
	}
	return true;
}

/* Checks the encoding and length of field i, reporting a problem once.
 * Returns false when the field is unusable. */
static bool field_check(struct parse *ctx, size_t i)
{
	struct roster *r = ctx->roster;
	struct field *f = &ctx->fields[i];
	const char *text = field_text(ctx, i);
	int col = (int)i + 1;

	if (f->bad)
		return false;
	if (r->encoding == ROSTER_UTF8_BOM || r->encoding == ROSTER_INVALID) {
		size_t at = roster_utf8_invalid_at(text, f->len);

		if (at < f->len) {
			diag_add(ctx->diags, DIAG_ERROR, r->file, f->line, col,
				 r->encoding == ROSTER_UTF8_BOM
					 ? "invalid UTF-8 (byte 0x%02X) in a file marked as UTF-8 by "
					   "its byte order mark"
					 : "invalid UTF-8 (byte 0x%02X); the file is neither UTF-8 nor "
					   "Windows-1252",
				 (unsigned char)text[at]);
			f->bad = true;
			return false;
		}
	}
	if (roster_utf8_chars(text, f->len) > ROSTER_FIELD_MAX) {
		diag_add(ctx->diags, DIAG_ERROR, r->file, f->line, col,
			 "field is longer than %d characters", ROSTER_FIELD_MAX);
		f->bad = true;
		return false;
	}
	return true;
}

/* Reads the header row: which column holds what. */
static void header_row(struct parse *ctx)
{
	struct roster *r = ctx->roster;
	int *cols = r->cols;

	if (row_is_blank(ctx))
		return;
	ctx->header_done = true;
	ctx->header_end_line = ctx->line;
	r->header_line = ctx->fields[0].line;
	ctx->n_header = (int)ctx->n_fields;
	for (size_t i = 0; i < ctx->n_fields; i++) {
		enum roster_column c;
		const char *s;
		size_t len;
		char *name;

		if (!field_check(ctx, i)) {
			ctx->failed = true;
			continue;
		}
		field_trimmed(ctx, i, &s, &len);
		name = xstrndup(s, len);
		c = roster_header_column(name);
		free(name);
		if (c == ROSTER_COL_NONE)
			continue;
		if (cols[c]) {
			diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->fields[i].line, (int)i + 1,
				 "a second %s column (column %d is one already)", column_names[c],
				 cols[c]);
			ctx->failed = true;
			continue;
		}
		cols[c] = (int)i + 1;
	}
	if (ctx->failed)
		return;
	if (cols[ROSTER_COL_NAME]) {
		/* A full name wins over its parts. */
		cols[ROSTER_COL_FIRST] = cols[ROSTER_COL_LAST] = 0;
	}
	if (!cols[ROSTER_COL_EMPLOYEE])
		diag_add(ctx->diags, DIAG_ERROR, r->file, r->header_line, 1,
			 "no employee number column (anställningsnummer or employee_id)");
	if (!cols[ROSTER_COL_NAME] && !cols[ROSTER_COL_FIRST] && !cols[ROSTER_COL_LAST])
		diag_add(ctx->diags, DIAG_ERROR, r->file, r->header_line, 1,
			 "no name column (namn or name, or förnamn and efternamn)");
	else if (!cols[ROSTER_COL_NAME] && !cols[ROSTER_COL_LAST])
		diag_add(ctx->diags, DIAG_ERROR, r->file, r->header_line, 1,
			 "a first name column but no last name column (efternamn or last_name)");
	else if (!cols[ROSTER_COL_NAME] && !cols[ROSTER_COL_FIRST])
		diag_add(ctx->diags, DIAG_ERROR, r->file, r->header_line, 1,
			 "a last name column but no first name column (förnamn or first_name)");
	if (!cols[ROSTER_COL_UNIT])
		diag_add(ctx->diags, DIAG_ERROR, r->file, r->header_line, 1,
			 "no unit column (enhet or unit)");
	if (!cols[ROSTER_COL_EMPLOYEE] || !cols[ROSTER_COL_UNIT] ||
	    (!cols[ROSTER_COL_NAME] && (!cols[ROSTER_COL_FIRST] || !cols[ROSTER_COL_LAST])))
		ctx->failed = true;
}

/*
 * Returns a newly allocated trimmed copy of the field in column c of the
 * current row (caller frees), "" when it is empty, or NULL when the column
 * is absent or the field is unusable (then *bad is set and the problem
 * reported).
 */
static char *used_field(struct parse *ctx, enum roster_column c, bool *bad)
{
	struct roster *r = ctx->roster;
	int col = r->cols[c];
	const char *s;
	size_t len, at;

	if (col == 0 || (size_t)col > ctx->n_fields)
		return NULL;
	if (ctx->fields[col - 1].bad)
		return NULL;
	field_trimmed(ctx, (size_t)col - 1, &s, &len);
	if (roster_has_control(s, len, &at)) {
		struct strbuf msg = STRBUF_INIT;
		uint32_t cp = (unsigned char)s[at];

		roster_utf8_decode((const unsigned char *)s + at, len - at, &cp);
		roster_quote_value(&msg, s, len);
		diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->fields[col - 1].line, col,
			 "the %s holds a control or direction character (U+%04X), which could "
			 "change what the kiosk shows: %s",
			 column_names[c], (unsigned)cp, msg.buf);
		strbuf_release(&msg);
		*bad = true;
		return NULL;
	}
	return xstrndup(s, len);
}

/* Reports an empty required field in column c. */
static void report_empty(struct parse *ctx, enum roster_column c)
{
	int col = ctx->roster->cols[c];

	diag_add(ctx->diags, DIAG_ERROR, ctx->roster->file, ctx->fields[col - 1].line, col,
		 "empty %s", column_names[c]);
}

/* Reads the name, from one column or from first and last name. */
static char *row_name(struct parse *ctx, bool *bad)
{
	const int *cols = ctx->roster->cols;
	char *first, *last, *name;

	if (cols[ROSTER_COL_NAME]) {
		name = used_field(ctx, ROSTER_COL_NAME, bad);
		if (name && !*name) {
			report_empty(ctx, ROSTER_COL_NAME);
			*bad = true;
		}
		return name;
	}
	first = used_field(ctx, ROSTER_COL_FIRST, bad);
	last = used_field(ctx, ROSTER_COL_LAST, bad);
	name = NULL;
	if (first && last) {
		if (!*first && !*last) {
			report_empty(ctx, ROSTER_COL_FIRST);
			*bad = true;
		}
		name = *first && *last ? xasprintf("%s %s", first, last)
				       : xstrdup(*first ? first : last);
	}
	free(first);
	free(last);
	return name;
}

/* Checks the row's length against the header. */
static void row_shape(struct parse *ctx, bool *bad)
{
	struct roster *r = ctx->roster;
	size_t n = ctx->n_fields;

	for (int c = ROSTER_COL_EMPLOYEE; c < ROSTER_COL_COUNT; c++) {
		if (r->cols[c] && (size_t)r->cols[c] > n) {
			diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->fields[n - 1].line, r->cols[c],
				 "the row ends after %zu field%s, without the %s (column %d)", n,
				 n == 1 ? "" : "s", column_names[c], r->cols[c]);
			*bad = true;
			break;
		}
	}
	for (size_t i = (size_t)ctx->n_header; i < n; i++) {
		const char *s;
		size_t len;

		field_trimmed(ctx, i, &s, &len);
		if (len) {
			diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->fields[i].line, (int)i + 1,
				 "the row has %zu fields but the header only %d (a delimiter "
				 "inside an unquoted value?)",
				 n, ctx->n_header);
			*bad = true;
			break;
		}
	}
}

static void roster_push(struct roster *r, const struct roster_row *row)
{
	if (r->n_rows == r->alloc_rows) {
		r->alloc_rows = r->alloc_rows ? r->alloc_rows * 2 : 64;
		r->rows = xreallocarray(r->rows, r->alloc_rows, sizeof(*r->rows));
	}
	r->rows[r->n_rows++] = *row;
	if (row->rejected)
		r->n_rejected++;
}

/* Reads one data row into the roster, rejecting it with reasons if need be. */
static void data_row(struct parse *ctx)
{
	struct roster *r = ctx->roster;
	struct roster_row row;
	bool bad = false;
	char *unit = NULL, *role = NULL;
	int col;

	if (row_is_blank(ctx))
		return;
	memset(&row, 0, sizeof(row));
	row.line = ctx->fields[0].line;
	for (size_t i = 0; i < ctx->n_fields; i++)
		bad |= !field_check(ctx, i);
	row_shape(ctx, &bad);

	row.employee_no = used_field(ctx, ROSTER_COL_EMPLOYEE, &bad);
	if (row.employee_no) {
		row.employee_line = ctx->fields[r->cols[ROSTER_COL_EMPLOYEE] - 1].line;
		if (!*row.employee_no) {
			report_empty(ctx, ROSTER_COL_EMPLOYEE);
			bad = true;
			free(row.employee_no);
			row.employee_no = NULL;
		}
	}
	row.name = row_name(ctx, &bad);

	unit = used_field(ctx, ROSTER_COL_UNIT, &bad);
	if (unit && *unit) {
		char *cause = NULL;

		col = r->cols[ROSTER_COL_UNIT];
		row.unit_path = unit_path_normalise(unit, &cause);
		if (row.unit_path == NULL) {
			diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->fields[col - 1].line, col,
				 "%s", cause);
			free(cause);
			bad = true;
		}
	}

	role = used_field(ctx, ROSTER_COL_ROLE, &bad);
	if (role && *role) {
		col = r->cols[ROSTER_COL_ROLE];
		if (role_parse(role, &row.role) == 0) {
			row.has_role = true;
		} else {
			struct strbuf msg = STRBUF_INIT;

			roster_quote_value(&msg, role, strlen(role));
			diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->fields[col - 1].line, col,
				 "unknown role %s (use medarbetare/staff, samordnare/coordinator or "
				 "administratör/admin)",
				 msg.buf);
			strbuf_release(&msg);
			bad = true;
		}
	}

	if (bad) {
		/* Keep only the employee number: it shields the person from
		 * being deactivated. */
		row.rejected = true;
		free(row.name);
		row.name = NULL;
		free(row.unit_path);
		row.unit_path = NULL;
		row.has_role = false;
	}
	roster_push(r, &row);
	free(unit);
	free(role);
}

static void on_row(int c, void *vctx)
{
	struct parse *ctx = vctx;

	(void)c;
	ctx->row_ended = true;
	if (!ctx->failed && ctx->n_fields) {
		if (!ctx->header_done)
			header_row(ctx);
		else
			data_row(ctx);
	}
	ctx->n_fields = 0;
	strbuf_reset(&ctx->text);
}

static int row_cmp_employee(const void *a, const void *b)
{
	const struct roster_row *ra = *(const struct roster_row *const *)a;
	const struct roster_row *rb = *(const struct roster_row *const *)b;
	int c = strcmp(ra->employee_no, rb->employee_no);

	if (c)
		return c;
	return (ra->line > rb->line) - (ra->line < rb->line);
}

/* Rejects every row whose employee number is on another row too. */
static void find_duplicates(struct parse *ctx)
{
	struct roster *r = ctx->roster;
	struct roster_row **v;
	size_t n = 0;
	int col = r->cols[ROSTER_COL_EMPLOYEE];

	if (r->n_rows < 2)
		return;
	v = xreallocarray(NULL, r->n_rows, sizeof(*v));
	for (size_t i = 0; i < r->n_rows; i++) {
		if (r->rows[i].employee_no)
			v[n++] = &r->rows[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), row_cmp_employee);
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;

		while (b < n && strcmp(v[a]->employee_no, v[b]->employee_no) == 0)
			b++;
		for (size_t j = a; b - a > 1 && j < b; j++) {
			struct roster_row *row = v[j];
			struct strbuf msg = STRBUF_INIT;

			roster_quote_value(&msg, row->employee_no, strlen(row->employee_no));
			diag_add(ctx->diags, DIAG_ERROR, r->file, row->employee_line, col,
				 j == a ? "employee number %s is on line %d too"
					: "employee number %s is already on line %d",
				 msg.buf, j == a ? v[a + 1]->line : v[a]->line);
			strbuf_release(&msg);
			if (!row->rejected) {
				row->rejected = true;
				r->n_rejected++;
				free(row->name);
				row->name = NULL;
				free(row->unit_path);
				row->unit_path = NULL;
			}
		}
		a = b;
	}
	free(v);
}

/* Feeds data to libcsv one physical line at a time (see the top). */
static void parse_lines(struct parse *ctx, struct csv_parser *p, const char *data, size_t len)
{
	struct roster *r = ctx->roster;
	size_t pos = 0;

	ctx->line = 1;
	while (pos < len && !ctx->failed) {
		size_t end = pos, got;
		bool broke = false, content = false;

		while (end < len && data[end] != '\n' && data[end] != '\r') {
			content |= data[end] != ' ' && data[end] != '\t';
			end++;
		}
		if (end < len) {
			if (data[end] == '\r' && end + 1 < len && data[end + 1] == '\n')
				end++;
			end++;
			broke = true;
		}
		if (!ctx->mid_row)
			ctx->next_field_line = ctx->line;
		ctx->row_ended = false;
		/* libcsv grows its field buffer by this much when it is full:
		 * its default 128 bytes made a 1 MB field cost thousands of
		 * copies (minutes under ASan); a whole line is at most one. */
		csv_set_blk_size(p, end - pos > 128 ? end - pos : 128);
		got = csv_parse(p, data + pos, end - pos, on_field, on_row, ctx);
		if (got < end - pos && !ctx->failed) {
			if (csv_error(p) == CSV_EPARSE)
				diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->line,
					 (int)ctx->n_fields + 1,
					 "a quote inside an unquoted field, or text after a closing "
					 "quote (quote the whole field and double any quotes in it)");
			else
				diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->line,
					 (int)ctx->n_fields + 1, "%s", csv_strerror(csv_error(p)));
			ctx->failed = true;
			return;
		}
		if (ctx->row_ended)
			ctx->mid_row = false;
		else if (content)
			ctx->mid_row = true;
		if (broke)
			ctx->line++;
		pos = end;
	}
	if (!ctx->failed && csv_fini(p, on_field, on_row, ctx) != 0 && !ctx->failed) {
		diag_add(ctx->diags, DIAG_ERROR, r->file, ctx->next_field_line,
			 (int)ctx->n_fields + 1, "a quoted field that is never closed starts here");
		ctx->failed = true;
	}
}

int roster_parse(const char *file, const char *data, size_t len, struct roster *out,
		 struct diag_list *diags)
{
	struct parse ctx;
	struct csv_parser p;
	bool p_ready = false;
	char *converted = NULL;
	size_t bom = 0, i;

	memset(&ctx, 0, sizeof(ctx));
	strbuf_init(&ctx.text);
	ctx.roster = out;
	ctx.diags = diags;
	out->file = xstrdup(file);
	out->encoding = roster_detect_encoding(data, len, &bom);
	data += bom;
	len -= bom;
	for (i = 0; i < len && roster_is_blank_byte(data[i]); i++)
		;
	if (i == len) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "the file is empty");
		ctx.failed = true;
		goto cleanup;
	}
	if (out->encoding == ROSTER_CP1252) {
		size_t bad, conv_len = 0;

		if (roster_cp1252_to_utf8(data, len, &converted, &conv_len, &bad) < 0) {
			diag_add(diags, DIAG_ERROR, file, bad < len ? line_of(data, bad) : 0, 0,
				 "cannot convert from Windows-1252");
			ctx.failed = true;
			goto cleanup;
		}
		data = converted;
		len = conv_len;
	}
	out->delim = roster_detect_delimiter(data, len);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "out of memory starting the CSV parser");
		ctx.failed = true;
		goto cleanup;
	}
	p_ready = true;
	csv_set_delim(&p, (unsigned char)out->delim);
	parse_lines(&ctx, &p, data, len);
	if (ctx.failed)
		goto cleanup;
	if (!ctx.header_done) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "the file has no header row");
		ctx.failed = true;
	} else if (out->n_rows == 0) {
		diag_add(diags, DIAG_ERROR, file, ctx.header_end_line + 1, 1,
			 "no people after the header");
		ctx.failed = true;
	} else {
		find_duplicates(&ctx);
	}
cleanup:
	if (p_ready)
		csv_free(&p);
	free(converted);
	free(ctx.fields);
	strbuf_release(&ctx.text);
	return ctx.failed ? -1 : 0;
}

int roster_read_file(const char *path, struct roster *out, struct diag_list *diags)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf data = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = -1;

	if (fp == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		out->file = xstrdup(path);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (data.len + n > ROSTER_FILE_MAX) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
				 "the file is larger than %u MiB; is it really a roster?",
				 ROSTER_FILE_MAX / (1024 * 1024));
			out->file = xstrdup(path);
			goto cleanup;
		}
		strbuf_add(&data, chunk, n);
	}
	if (ferror(fp)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		out->file = xstrdup(path);
		goto cleanup;
	}
	rc = roster_parse(path, data.buf, data.len, out, diags);
cleanup:
	fclose(fp);
	strbuf_release(&data);
	return rc;
}

void roster_release(struct roster *roster)
{
	for (size_t i = 0; i < roster->n_rows; i++) {
		free(roster->rows[i].employee_no);
		free(roster->rows[i].name);
		free(roster->rows[i].unit_path);
	}
	free(roster->rows);
	free(roster->file);
	memset(roster, 0, sizeof(*roster));
}
