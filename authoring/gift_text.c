/*
 * Cells, spans and source positions for the GIFT reader; see gift_text.h.
 */
#include "authoring/gift_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

/* ---- the source ---- */

void gift_source_locate(const struct gift_source *src, size_t pos, int *line, int *col)
{
	size_t lo = 0, hi = src->n_lines, start, chars = 0;

	if (src->n_lines == 0) {
		*line = 1;
		*col = 1;
		return;
	}
	/* The last line start that is <= pos. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->line_starts[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	start = src->line_starts[lo];
	if (pos > src->len)
		pos = src->len;
	for (size_t i = start; i < pos; i++) {
		if ((src->buf[i] & 0xc0) != 0x80)
			chars++;
	}
	*line = lo + 1 > (size_t)INT32_MAX ? INT32_MAX : (int)(lo + 1);
	*col = chars + 1 > (size_t)INT32_MAX ? INT32_MAX : (int)(chars + 1);
}

void gift_source_diag(struct gift_source *src, enum diag_severity sev, size_t pos, const char *fmt,
		      ...)
{
	va_list ap;
	char *msg;
	int line, col;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	gift_source_locate(src, pos, &line, &col);
	diag_add(src->diags, sev, src->file, line, col, "%s", msg);
	if (sev == DIAG_ERROR)
		src->errors++;
	free(msg);
}

/* ---- cells ---- */

void gift_cells_push(struct gift_cells *cells, unsigned char c, bool lit, size_t pos)
{
	if (cells->n == cells->alloc) {
		cells->alloc = cells->alloc ? cells->alloc * 2 : 64;
		cells->c = xreallocarray(cells->c, cells->alloc, sizeof(*cells->c));
	}
	cells->c[cells->n].c = c;
	cells->c[cells->n].lit = lit;
	cells->c[cells->n].pos = pos;
	cells->n++;
}

void gift_cells_append(struct gift_cells *cells, struct gift_span s)
{
	for (size_t i = 0; i < s.n; i++)
		gift_cells_push(cells, s.c[i].c, s.c[i].lit, s.c[i].pos);
}

void gift_cells_release(struct gift_cells *cells)
{
	free(cells->c);
	memset(cells, 0, sizeof(*cells));
}

struct gift_span gift_cells_span(const struct gift_cells *cells, size_t pos)
{
	struct gift_span s = {cells->c, cells->n, cells->n ? cells->c[0].pos : pos};

	return s;
}

/* ---- spans ---- */

/* PHP's trim() removes exactly these. */
static bool is_php_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\v';
}

size_t gift_span_pos(struct gift_span s, size_t i)
{
	if (i < s.n)
		return s.c[i].pos;
	return s.n ? s.c[s.n - 1].pos + 1 : s.pos;
}

struct gift_span gift_span_sub(struct gift_span s, size_t from, size_t to)
{
	struct gift_span r;

	if (to > s.n)
		to = s.n;
	if (from > to)
		from = to;
	r.c = s.c ? s.c + from : NULL; /* an empty span may have no cells at all */
	r.n = to - from;
	r.pos = gift_span_pos(s, from);
	return r;
}

struct gift_span gift_span_trim(struct gift_span s)
{
	size_t a = 0, b = s.n;

	while (a < b && !s.c[a].lit && is_php_space(s.c[a].c))
		a++;
	while (b > a && !s.c[b - 1].lit && is_php_space(s.c[b - 1].c))
		b--;
	return gift_span_sub(s, a, b);
}

size_t gift_span_find(struct gift_span s, unsigned char ch, size_t from)
{
	for (size_t i = from; i < s.n; i++) {
		if (s.c[i].c == ch && !s.c[i].lit)
			return i;
	}
	return GIFT_NPOS;
}

static bool span_has_at(struct gift_span s, size_t i, const char *str, size_t len)
{
	if (i + len > s.n)
		return false;
	for (size_t k = 0; k < len; k++) {
		if (s.c[i + k].lit || s.c[i + k].c != (unsigned char)str[k])
			return false;
	}
	return true;
}

size_t gift_span_find_str(struct gift_span s, const char *str)
{
	size_t len = strlen(str);

	for (size_t i = 0; i + len <= s.n; i++) {
		if (span_has_at(s, i, str, len))
			return i;
	}
	return GIFT_NPOS;
}

size_t gift_span_rfind_str(struct gift_span s, const char *str)
{
	size_t len = strlen(str);

	for (size_t i = s.n >= len ? s.n - len + 1 : 0; i-- > 0;) {
		if (span_has_at(s, i, str, len))
			return i;
	}
	return GIFT_NPOS;
}

bool gift_span_starts(struct gift_span s, const char *str)
{
	return span_has_at(s, 0, str, strlen(str));
}

bool gift_span_equals(struct gift_span s, const char *str)
{
	return s.n == strlen(str) && span_has_at(s, 0, str, s.n);
}

char *gift_span_string(struct gift_span s)
{
	char *out = xmalloc(s.n + 1);

	for (size_t i = 0; i < s.n; i++)
		out[i] = (char)s.c[i].c;
	out[s.n] = '\0';
	return out;
}

char *gift_span_text(struct gift_span s)
{
	size_t a = 0, b = s.n;

	while (a < b && is_php_space(s.c[a].c))
		a++;
	while (b > a && is_php_space(s.c[b - 1].c))
		b--;
	return gift_span_string(gift_span_sub(s, a, b));
}

char *gift_span_format_text(struct gift_span s, enum question_format def,
			    enum question_format *format)
{
	static const struct {
		const char *tag;
		enum question_format format;
	} tags[] = {
	    {"[moodle]", QUESTION_FORMAT_MOODLE},
	    {"[html]", QUESTION_FORMAT_HTML},
	    {"[plain]", QUESTION_FORMAT_PLAIN},
	    {"[markdown]", QUESTION_FORMAT_MARKDOWN},
	};
	enum question_format f = def;

	/* Moodle compares the text up to the first ']' with the names. */
	if (s.n > 0 && s.c[0].c == '[') {
		size_t close = gift_span_find(s, ']', 0);

		for (size_t i = 0; close != GIFT_NPOS && i < sizeof(tags) / sizeof(tags[0]); i++) {
			if (close + 1 == strlen(tags[i].tag) && gift_span_starts(s, tags[i].tag)) {
				f = tags[i].format;
				s = gift_span_sub(s, close + 1, s.n);
				break;
			}
		}
	}
	if (format)
		*format = f;
	return gift_span_text(s);
}

struct gift_span *gift_span_split(struct gift_span s, const char *seps, const char *keep,
				  size_t **marks, size_t *n)
{
	size_t count = 1, k = 0, start = 0;
	struct gift_span *out;

	for (size_t i = 0; i < s.n; i++) {
		if (!s.c[i].lit && s.c[i].c && strchr(seps, s.c[i].c))
			count++;
	}
	out = xreallocarray(NULL, count, sizeof(*out));
	*marks = xreallocarray(NULL, count, sizeof(**marks));
	(*marks)[0] = gift_span_pos(s, 0);
	for (size_t i = 0; i < s.n; i++) {
		if (s.c[i].lit || !s.c[i].c || !strchr(seps, s.c[i].c))
			continue;
		out[k++] = gift_span_sub(s, start, i);
		(*marks)[k] = s.c[i].pos;
		start = strchr(keep, s.c[i].c) ? i : i + 1;
	}
	out[k++] = gift_span_sub(s, start, s.n);
	*n = k;
	return out;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

int gift_span_weight(struct gift_span s, double *fraction, struct gift_span *rest)
{
	size_t i = 1, minus = 0, digits = 0, close;
	char *number;
	double value;
	int rc;

	if (s.n == 0 || s.c[0].c != '%')
		return 0;
	while (i < s.n && s.c[i].c == '-') {
		i++;
		minus++;
	}
	while (i < s.n && is_digit(s.c[i].c)) {
		i++;
		digits++;
	}
	if (digits == 0 || i >= s.n)
		return 0;
	if (s.c[i].c == '.' && digits <= 2) {
		i++;
		while (i < s.n && is_digit(s.c[i].c))
			i++;
	}
	if (i >= s.n || s.c[i].c != '%')
		return 0;
	close = i;
	if (minus > 1)
		return -1;
	number = gift_span_string(gift_span_sub(s, 1, close));
	rc = gift_number(number, &value);
	free(number);
	if (rc < 0)
		return -1;
	*fraction = value / 100;
	*rest = gift_span_sub(s, close + 1, s.n);
	return 1;
}

int gift_number(const char *text, double *out)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *start, *end;
	size_t digits = 0;
	char *copy, *stop;
	int rc = -1;

	while (*p && is_php_space(*p))
		p++;
	start = p;
	if (*p == '+' || *p == '-')
		p++;
	while (is_digit(*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (is_digit(*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		const unsigned char *e = p + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (is_digit(*e)) {
			while (is_digit(*e))
				e++;
			p = e;
		}
	}
	end = p;
	while (*p && is_php_space(*p))
		p++;
	if (*p != '\0')
		return -1;
	copy = xstrndup((const char *)start, (size_t)(end - start));
	*out = strtod(copy, &stop);
	if (*stop == '\0' && isfinite(*out))
		rc = 0;
	free(copy);
	return rc;
}
