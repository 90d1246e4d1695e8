/* Reading one course folder; see course_source.h. */
#include "authoring/course_source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

#define FILE_MAX (4u << 20)

enum key_kind { K_ID, K_TEXT, K_CHOICE, K_INT, K_LIST };

struct key_def {
	const char *name;
	bool required;
	enum key_kind kind;
	const char *choices; /* K_CHOICE: '|'-separated */
	int lo, hi;          /* K_INT: range */
	bool percent;        /* K_INT: a trailing '%' is allowed */
};

static const struct key_def keys[] = {
	{ "id", true, K_ID, NULL, 0, 0 },
	{ "title", true, K_TEXT, NULL, 0, 0 },
	{ "language", true, K_CHOICE, "sv|en", 0, 0 },
	{ "translation_of", false, K_ID, NULL, 0, 0 },
	{ "audience", true, K_CHOICE, "all|coordinators", 0, 0 },
	{ "version", true, K_INT, NULL, 1, 1000000, true },
	{ "pass_mark", true, K_INT, NULL, 1, 100, true },
	{ "minutes", true, K_INT, NULL, 1, 600, true },
	{ "topics", true, K_LIST, NULL, 0, 0 },
	{ "requires", false, K_LIST, NULL, 0, 0 },
	{ "pretest", false, K_INT, NULL, 0, 1000, true },
	{ "refresh_months", false, K_INT, NULL, 1, 120, true },
	{ "due_days", false, K_INT, NULL, 1, 3650, true },
	{ "feedback", false, K_CHOICE, "each|end", 0, 0 },
	{ "order", false, K_INT, NULL, 1, 999, false },
};

/* --- helpers ----------------------------------------------------------- */

int course_read_file(const char *path, char **out, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;

	*out = NULL;
	*len = 0;
	if (fp == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (sb.len + n > FILE_MAX) {
			fclose(fp);
			strbuf_release(&sb);
			errno = EFBIG;
			return -1;
		}
		strbuf_add(&sb, buf, n);
	}
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		strbuf_release(&sb);
		errno = e ? e : EIO;
		return -1;
	}
	fclose(fp);
	*len = sb.len;
	*out = strbuf_detach(&sb);
	return 0;
}

bool course_id_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > COURSE_ID_MAX || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-' && s[i + 1] == '-')
			return false;
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	}
	return true;
}

int course_check_text(const char *text, size_t len, const char *file, int first_line,
		      struct diag_list *diags)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, line_start = 0;
	int line = first_line;

	while (i < len) {
		unsigned long c = s[i];
		size_t n = 1;

		if (c == '\n') {
			line++;
			line_start = ++i;
			continue;
		}
		if (c >= 0x80) {
			size_t need = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
							: (c & 0xF8) == 0xF0 ? 4 : 0;

			if (need == 0 || i + need > len)
				goto bad_utf8;
			c &= need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07;
			for (n = 1; n < need; n++) {
				if ((s[i + n] & 0xC0) != 0x80)
					goto bad_utf8;
				c = (c << 6) | (s[i + n] & 0x3F);
			}
			if ((need == 2 && c < 0x80) || (need == 3 && c < 0x800) ||
			    (need == 4 && c < 0x10000) || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
				goto bad_utf8;
		}
		/* Control characters and bidirectional overrides can hide or
		 * reorder text on a terminal; tabs and CR (of CRLF) are fine. */
		if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
		    (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
			diag_add(diags, DIAG_ERROR, file, line,
				 frontmatter_column(text + line_start, i - line_start),
				 "control character U+%04lX in the text", c);
			return -1;
		}
		i += n;
		continue;
bad_utf8:
		diag_add(diags, DIAG_ERROR, file, line,
			 frontmatter_column(text + line_start, i - line_start),
			 "the file is not UTF-8 text here (byte 0x%02X)", s[i]);
		return -1;
	}
	return 0;
}

struct course_pos course_source_pos(const struct course_source *cs, const char *key)
{
	const struct frontmatter_entry *e = frontmatter_find(&cs->fm, key);
	struct course_pos pos = { 1, 1 };

	if (e) {
		pos.line = e->line;
		pos.col = e->value_col;
	}
	return pos;
}

/* --- front matter values ----------------------------------------------- */

static bool choice_ok(const char *choices, const char *value)
{
	size_t n = strlen(value);

	for (const char *p = choices; *p;) {
		const char *bar = strchr(p, '|');
		size_t m = bar ? (size_t)(bar - p) : strlen(p);

		if (m == n && memcmp(p, value, n) == 0)
			return true;
		p += m + (bar ? 1 : 0);
	}
	return false;
}

static int int_value(const char *value, int lo, int hi, bool percent, int *out)
{
	long v = 0;
	size_t n = strlen(value);

	if (percent && n > 0 && value[n - 1] == '%')
		n--;
	if (n == 0 || n > 9)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (value[i] < '0' || value[i] > '9')
			return -1;
		v = v * 10 + (value[i] - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static bool slug_valid(const char *s)
{
	if (*s == '\0' || strlen(s) > 40)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return false;
	return true;
}

/* Splits a comma list into refs with their positions; reports empty items,
 * bad names and repeats. */
static void read_list(struct course_source *cs, const struct frontmatter_entry *e,
		      bool course_ids, struct course_ref **out, size_t *n, struct diag_list *diags)
{
	const char *v = e->value;
	size_t i = 0, len = strlen(v);

	while (i <= len) {
		size_t start = i, end, s, t;
		char *name;
		struct course_pos pos;

		while (i < len && v[i] != ',')
			i++;
		end = i;
		s = start;
		while (s < end && (v[s] == ' ' || v[s] == '\t'))
			s++;
		t = end;
		while (t > s && (v[t - 1] == ' ' || v[t - 1] == '\t'))
			t--;
		pos.line = e->line;
		pos.col = e->value_col + frontmatter_column(v, s) - 1;
		i++;
		if (s == t) {
			/* "requires:" with nothing is an empty list, not an error. */
			if (len > 0)
				diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
					 "empty entry in the list of %s", e->key);
			continue;
		}
		name = xstrndup(v + s, t - s);
		if (course_ids ? !course_id_valid(name) : !slug_valid(name)) {
			diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
				 "'%s' is not a valid %s (a-z, 0-9 and '-')", name,
				 course_ids ? "course id" : "topic");
			free(name);
			continue;
		}
		for (size_t k = 0; k < *n; k++) {
			if (strcmp((*out)[k].name, name) == 0) {
				diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
					 "'%s' is listed twice in %s", name, e->key);
				free(name);
				name = NULL;
				break;
			}
		}
		if (name == NULL)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[*n].name = name;
		(*out)[*n].pos = pos;
		(*n)++;
	}
}

static void read_value(struct course_source *cs, const struct key_def *def,
		       const struct frontmatter_entry *e, struct diag_list *diags)
{
	const char *v = e->value;
	const char *file = cs->course_path;
	int iv = 0;

	if (*v == '\0' && def->kind != K_LIST) {
		diag_add(diags, DIAG_ERROR, file, e->line, e->value_col, "'%s' has no value",
			 def->name);
		return;
	}
	switch (def->kind) {
	case K_ID:
		if (!course_id_valid(v)) {
			diag_add(diags, DIAG_ERROR, file, e->line, e->value_col,
				 "'%s' is not a valid course id (a-z and 0-9 in groups joined by "
				 "single '-', at most %d characters)",
				 v, COURSE_ID_MAX);
			return;
		}
		if (strcmp(def->name, "id") == 0)
			cs->id = xstrdup(v);
		else
			cs->translation_of = xstrdup(v);
		break;
	case K_TEXT:
		if (strlen(v) > 200) {
			diag_add(diags, DIAG_ERROR, file, e->line, e->value_col,
				 "the title is longer than 200 bytes");
			return;
		}
		cs->title = xstrdup(v);
		break;
	case K_CHOICE:
		if (!choice_ok(def->choices, v)) {
			struct strbuf sb = STRBUF_INIT;

			for (const char *p = def->choices; *p; p++)
				strbuf_addstr(&sb, *p == '|' ? " or " : (char[]){ *p, '\0' });
			diag_add(diags, DIAG_ERROR, file, e->line, e->value_col,
				 "%s must be %s, not '%s'", def->name, sb.buf, v);
			strbuf_release(&sb);
			return;
		}
		if (strcmp(def->name, "language") == 0)
			cs->language = xstrdup(v);
		else if (strcmp(def->name, "audience") == 0)
			cs->audience = xstrdup(v);
		else
			cs->feedback = xstrdup(v);
		break;
	case K_INT:
		if (int_value(v, def->lo, def->hi, def->percent, &iv) < 0) {
			diag_add(diags, DIAG_ERROR, file, e->line, e->value_col,
				 "%s must be a whole number from %d to %d, not '%s'", def->name,
				 def->lo, def->hi, v);
			return;
		}
		if (strcmp(def->name, "version") == 0)
			cs->version = iv;
		else if (strcmp(def->name, "pass_mark") == 0)
			cs->pass_mark = iv;
		else if (strcmp(def->name, "minutes") == 0)
			cs->minutes = iv;
		else if (strcmp(def->name, "pretest") == 0)
			cs->pretest = iv;
		else if (strcmp(def->name, "refresh_months") == 0)
			cs->refresh_months = iv;
		else if (strcmp(def->name, "order") == 0)
			cs->order = iv;
		else
			cs->due_days = iv;
		break;
	case K_LIST:
		if (strcmp(def->name, "topics") == 0) {
			read_list(cs, e, false, &cs->topics, &cs->n_topics, diags);
			if (cs->n_topics == 0 && *v == '\0')
				diag_add(diags, DIAG_ERROR, file, e->line, e->value_col,
					 "topics needs at least one topic from topics.conf");
		} else {
			read_list(cs, e, true, &cs->requires, &cs->n_requires, diags);
		}
		break;
	}
}

static void read_meta(struct course_source *cs, struct diag_list *diags)
{
	const size_t n_keys = sizeof(keys) / sizeof(keys[0]);

	for (size_t i = 0; i < cs->fm.n; i++) {
		const struct frontmatter_entry *e = &cs->fm.entries[i];
		const struct key_def *def = NULL;

		for (size_t k = 0; k < n_keys; k++)
			if (strcmp(keys[k].name, e->key) == 0)
				def = &keys[k];
		if (def == NULL) {
			diag_add(diags, DIAG_ERROR, cs->course_path, e->line, e->key_col,
				 "unknown front matter key '%s'", e->key);
			continue;
		}
		read_value(cs, def, e, diags);
	}
	/* Without a whole front matter its keys are not missing, it is. */
	for (size_t k = 0; k < n_keys && cs->fm.close_line > 0; k++)
		if (keys[k].required && frontmatter_find(&cs->fm, keys[k].name) == NULL)
			diag_add(diags, DIAG_ERROR, cs->course_path, 1, 1,
				 "the front matter has no '%s'", keys[k].name);
	if (cs->id && strcmp(cs->id, cs->folder) != 0) {
		struct course_pos pos = course_source_pos(cs, "id");

		diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
			 "the id '%s' must equal the folder name '%s'", cs->id, cs->folder);
	}
	if (cs->id && cs->translation_of && strcmp(cs->id, cs->translation_of) == 0) {
		struct course_pos pos = course_source_pos(cs, "translation_of");

		diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
			 "a course cannot be a translation of itself");
	}
	for (size_t i = 0; cs->id && i < cs->n_requires; i++)
		if (strcmp(cs->requires[i].name, cs->id) == 0)
			diag_add(diags, DIAG_ERROR, cs->course_path, cs->requires[i].pos.line,
				 cs->requires[i].pos.col, "a course cannot require itself");
}

/* --- lesson pages ------------------------------------------------------ */

/* Whether the line (n bytes, CR removed) opens or closes a fence; sets the
 * fence character and length. */
static bool fence_line(const char *s, size_t n, char *ch, size_t *len)
{
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return false;
	for (k = i; k < n && s[k] == s[i]; k++)
		;
	if (k - i < 3)
		return false;
	*ch = s[i];
	*len = k - i;
	return true;
}

static void page_add(struct course_source *cs, const char *title, size_t tlen, int line)
{
	struct course_page *p;

	cs->pages = xreallocarray(cs->pages, cs->n_pages + 1, sizeof(*cs->pages));
	p = &cs->pages[cs->n_pages++];
	p->title = xstrndup(title, tlen);
	p->markdown = NULL;
	p->line = line;
	p->body_line = line + 1;
}

static void split_pages(struct course_source *cs, struct diag_list *diags)
{
	const char *text = cs->course_text + cs->body_offset;
	size_t len = strlen(text), pos = 0, page_start = 0;
	int line = cs->body_line;
	char fch = 0;
	size_t flen = 0;
	bool in_fence = false, reported = false;

	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		size_t next = pos + n + (nl ? 1 : 0);
		size_t m = n;
		char c;
		size_t l;

		if (m > 0 && s[m - 1] == '\r')
			m--;
		if (fence_line(s, m, &c, &l)) {
			if (!in_fence) {
				in_fence = true;
				fch = c;
				flen = l;
			} else if (c == fch && l >= flen) {
				in_fence = false;
			}
		} else if (!in_fence && ((m >= 2 && s[0] == '#' && (s[1] == ' ' || s[1] == '\t')) ||
					 (m == 1 && s[0] == '#'))) {
			size_t a = 1, b = m;

			if (cs->n_pages > 0)
				cs->pages[cs->n_pages - 1].markdown =
					xstrndup(text + page_start, pos - page_start);
			while (a < b && (s[a] == ' ' || s[a] == '\t'))
				a++;
			/* An optional closing sequence of '#' (CommonMark). */
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (b > a && s[b - 1] == '#') {
				size_t h = b;

				while (h > a && s[h - 1] == '#')
					h--;
				if (h == a || s[h - 1] == ' ' || s[h - 1] == '\t')
					b = h;
				while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
					b--;
			}
			if (a == b)
				diag_add(diags, DIAG_ERROR, cs->course_path, line, 1,
					 "a lesson page needs a title after '# '");
			page_add(cs, s + a, b - a, line);
			page_start = next;
		} else if (cs->n_pages == 0 && !reported && strspn(s, " \t\r") < n) {
			diag_add(diags, DIAG_ERROR, cs->course_path, line,
				 frontmatter_column(s, strspn(s, " \t")),
				 "text before the first lesson page (a page starts with '# ' and "
				 "its title)");
			reported = true;
		}
		pos = next;
		line++;
	}
	if (cs->n_pages > 0)
		cs->pages[cs->n_pages - 1].markdown = xstrndup(text + page_start, len - page_start);
	if (cs->n_pages == 0 && !reported)
		diag_add(diags, DIAG_ERROR, cs->course_path, cs->body_line, 1,
			 "course.md has no lesson pages (a page starts with '# ' and its title)");
	if (in_fence)
		diag_add(diags, DIAG_WARNING, cs->course_path, line > 1 ? line - 1 : 1, 1,
			 "a ``` code fence is not closed");
	for (size_t i = 0; i < cs->n_pages; i++)
		if (strspn(cs->pages[i].markdown, " \t\r\n") == strlen(cs->pages[i].markdown))
			diag_add(diags, DIAG_WARNING, cs->course_path, cs->pages[i].line, 1,
				 "the page '%s' is empty", cs->pages[i].title);
}

/* --- public ------------------------------------------------------------ */

static char *path_join(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void read_quiz(struct course_source *cs, struct diag_list *diags)
{
	char *text = NULL;
	size_t len;

	if (course_read_file(cs->quiz_path, &text, &len) < 0) {
		if (errno == ENOENT)
			diag_add(diags, DIAG_ERROR, cs->quiz_path, 0, 0,
				 "the course has no quiz.gift");
		else
			diag_add(diags, DIAG_ERROR, cs->quiz_path, 0, 0, "cannot read: %s",
				 strerror(errno));
		return;
	}
	cs->has_quiz = true;
	gift_parse(text, len, cs->quiz_path, GIFT_STRICT, &cs->quiz, diags);
	free(text);
}

static void read_handout(struct course_source *cs, struct diag_list *diags)
{
	char *text = NULL;
	size_t len;

	if (course_read_file(cs->handout_path, &text, &len) < 0) {
		if (errno != ENOENT)
			diag_add(diags, DIAG_ERROR, cs->handout_path, 0, 0, "cannot read: %s",
				 strerror(errno));
		return;
	}
	if (course_check_text(text, len, cs->handout_path, 1, diags) < 0) {
		free(text);
		return;
	}
	/* A byte order mark is not text. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		memmove(text, text + 3, len - 2);
	cs->handout = text;
}

int course_source_parse(const char *dir, const char *text, size_t len, struct course_source *out,
			struct diag_list *diags)
{
	size_t n = strlen(dir);
	const char *slash;
	char *real;

	memset(out, 0, sizeof(*out));
	while (n > 1 && dir[n - 1] == '/')
		n--;
	out->dir = xstrndup(dir, n);
	/* The folder's own name, also when it is given as "." or "../x/..". */
	real = realpath(out->dir, NULL);
	slash = strrchr(real ? real : out->dir, '/');
	out->folder = xstrdup(slash ? slash + 1 : real ? real : out->dir);
	free(real);
	out->course_path = path_join(out->dir, "course.md");
	out->quiz_path = path_join(out->dir, "quiz.gift");
	out->handout_path = path_join(out->dir, "handout.md");
	out->course_text = xstrndup(text, len);
	/* A NUL byte would end the copy early; course_check_text reports it. */
	if (course_check_text(text, len, out->course_path, 1, diags) < 0)
		return -1;
	frontmatter_parse(text, len, out->course_path, &out->fm, diags);
	read_meta(out, diags);
	out->body_offset = out->fm.body_offset;
	out->body_line = out->fm.body_line > 0 ? out->fm.body_line : 1;
	if (out->fm.close_line > 0)
		split_pages(out, diags);
	return 0;
}

int course_source_read(const char *dir, struct course_source *out, struct diag_list *diags)
{
	char *path = path_join(dir, "course.md");
	char *text = NULL;
	size_t len;

	memset(out, 0, sizeof(*out));
	if (course_read_file(path, &text, &len) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	if (course_source_parse(dir, text, len, out, diags) == 0) {
		read_quiz(out, diags);
		read_handout(out, diags);
	}
	free(text);
	return 0;
}

void course_source_release(struct course_source *cs)
{
	free(cs->dir);
	free(cs->folder);
	free(cs->course_path);
	free(cs->quiz_path);
	free(cs->handout_path);
	frontmatter_release(&cs->fm);
	free(cs->id);
	free(cs->title);
	free(cs->language);
	free(cs->translation_of);
	free(cs->audience);
	free(cs->feedback);
	for (size_t i = 0; i < cs->n_topics; i++)
		free(cs->topics[i].name);
	free(cs->topics);
	for (size_t i = 0; i < cs->n_requires; i++)
		free(cs->requires[i].name);
	free(cs->requires);
	for (size_t i = 0; i < cs->n_pages; i++) {
		free(cs->pages[i].title);
		free(cs->pages[i].markdown);
	}
	free(cs->pages);
	free(cs->course_text);
	gift_file_release(&cs->quiz);
	free(cs->handout);
	memset(cs, 0, sizeof(*cs));
}
