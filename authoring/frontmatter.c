/* Front matter of course.md; see frontmatter.h. */
#include "authoring/frontmatter.h"

#include <stdbool.h>
#include <string.h>

#include "core/xmalloc.h"

int frontmatter_column(const char *line_start, size_t off)
{
	int col = 1;

	/* Count the bytes that start a character (not UTF-8 continuations). */
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line_start[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Whether the line of n bytes is `---`, ignoring trailing white space. */
static bool is_fence(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n == 3 && memcmp(s, "---", 3) == 0;
}

static bool all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static void entry_add(struct frontmatter *fm, const char *key, size_t klen, const char *value,
		      size_t vlen, int line, int value_col)
{
	struct frontmatter_entry *e;

	fm->entries = xreallocarray(fm->entries, fm->n + 1, sizeof(*fm->entries));
	e = &fm->entries[fm->n++];
	e->key = xstrndup(key, klen);
	e->value = xstrndup(value, vlen);
	e->line = line;
	e->key_col = 1;
	e->value_col = value_col;
}

/* Reads one `key: value` line of n bytes (CR removed); reports problems. */
static void read_entry(struct frontmatter *fm, const char *s, size_t n, const char *file,
		       int line, struct diag_list *diags)
{
	size_t k = 0, v, end;

	while (k < n && is_key_char(s[k]))
		k++;
	if (k == 0) {
		if (s[0] == ' ' || s[0] == '\t')
			diag_add(diags, DIAG_ERROR, file, line, 1,
				 "a front matter line must start with its key in column 1");
		else
			diag_add(diags, DIAG_ERROR, file, line, 1,
				 "expected 'key: value' (a key of a-z, 0-9 and '_')");
		return;
	}
	if (k < n && s[k] != ':' && s[k] != ' ' && s[k] != '\t') {
		diag_add(diags, DIAG_ERROR, file, line, frontmatter_column(s, k),
			 "a key is made of a-z, 0-9 and '_' only");
		return;
	}
	if (k >= n || s[k] != ':') {
		diag_add(diags, DIAG_ERROR, file, line, frontmatter_column(s, k),
			 "expected ':' after the key '%.*s'", (int)k, s);
		return;
	}
	v = k + 1;
	while (v < n && (s[v] == ' ' || s[v] == '\t'))
		v++;
	end = n;
	while (end > v && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	for (size_t i = 0; i < fm->n; i++) {
		if (strlen(fm->entries[i].key) == k && memcmp(fm->entries[i].key, s, k) == 0) {
			diag_add(diags, DIAG_ERROR, file, line, 1,
				 "'%.*s' is given twice (first on line %d)", (int)k, s,
				 fm->entries[i].line);
			return;
		}
	}
	if (end - v >= 2 && (s[v] == '"' || s[v] == '\'') && s[end - 1] == s[v]) {
		entry_add(fm, s, k, s + v + 1, end - v - 2, line, frontmatter_column(s, v + 1));
		return;
	}
	entry_add(fm, s, k, s + v, end - v, line, frontmatter_column(s, v));
}

int frontmatter_parse(const char *text, size_t len, const char *file, struct frontmatter *out,
		      struct diag_list *diags)
{
	size_t errors = diags->errors;
	size_t pos = 0;
	int line = 1;
	bool opened = false;

	memset(out, 0, sizeof(*out));
	out->body_offset = len;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		size_t next = pos + n + (nl ? 1 : 0);
		size_t m = n;

		if (m > 0 && s[m - 1] == '\r')
			m--;
		if (memchr(s, '\0', m)) {
			diag_add(diags, DIAG_ERROR, file, line,
				 frontmatter_column(s, (size_t)((const char *)memchr(s, '\0', m) - s)),
				 "the file holds a NUL byte");
			return -1;
		}
		if (!opened) {
			if (!is_fence(s, n)) {
				diag_add(diags, DIAG_ERROR, file, line, 1,
					 "course.md must start with a front matter line '---'");
				out->body_offset = pos;
				out->body_line = line;
				return -1;
			}
			opened = true;
		} else if (is_fence(s, n)) {
			out->close_line = line;
			out->body_offset = next;
			out->body_line = line + 1;
			break;
		} else if (m > 0 && s[0] != '#' && !all_blank(s, m)) {
			read_entry(out, s, m, file, line, diags);
		}
		pos = next;
		line++;
	}
	if (!opened) {
		diag_add(diags, DIAG_ERROR, file, 1, 1,
			 "course.md must start with a front matter line '---'");
	} else if (out->close_line == 0) {
		diag_add(diags, DIAG_ERROR, file, 1, 1,
			 "the front matter is not closed with a line '---'");
		out->body_line = line;
	}
	return diags->errors > errors ? -1 : 0;
}

void frontmatter_release(struct frontmatter *fm)
{
	for (size_t i = 0; i < fm->n; i++) {
		free(fm->entries[i].key);
		free(fm->entries[i].value);
	}
	free(fm->entries);
	memset(fm, 0, sizeof(*fm));
}

const struct frontmatter_entry *frontmatter_find(const struct frontmatter *fm, const char *key)
{
	for (size_t i = 0; i < fm->n; i++)
		if (strcmp(fm->entries[i].key, key) == 0)
			return &fm->entries[i];
	return NULL;
}
