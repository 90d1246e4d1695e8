/*
 * Culture surveys: reading the survey files in content/surveys and building them into the
 * store. The format is documented in content/surveys/README.md; the
 * anonymity rules of the stored answers are in survey.h (survey_take.c).
 */
#include "survey.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

static const char *const area_keys[SURVEY_AREA_COUNT] = {"passwords", "email", "information",
							 "mobile", "incidents"};
static const char *const area_names[SURVEY_AREA_COUNT] = {"Lösenord", "E-post och länkar",
							  "Informationshantering", "Mobilt arbete",
							  "Incidentrapportering"};
static const char *const dim_keys[SURVEY_DIMENSION_COUNT] = {"knowledge", "attitude", "behaviour"};
static const char *const dim_names[SURVEY_DIMENSION_COUNT] = {"Kunskap", "Attityd", "Beteende"};

static const char *const default_scale_sv[SURVEY_SCALE_POINTS] = {
    "Stämmer inte alls", "Stämmer ganska dåligt", "Varken eller", "Stämmer ganska bra",
    "Stämmer helt"};
static const char *const default_scale_en[SURVEY_SCALE_POINTS] = {
    "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"};

const char *survey_area_key(enum survey_area a)
{
	return (unsigned)a < SURVEY_AREA_COUNT ? area_keys[a] : "?";
}

const char *survey_area_name_sv(enum survey_area a)
{
	return (unsigned)a < SURVEY_AREA_COUNT ? area_names[a] : "?";
}

const char *survey_dimension_key(enum survey_dimension d)
{
	return (unsigned)d < SURVEY_DIMENSION_COUNT ? dim_keys[d] : "?";
}

const char *survey_dimension_name_sv(enum survey_dimension d)
{
	return (unsigned)d < SURVEY_DIMENSION_COUNT ? dim_names[d] : "?";
}

int survey_area_parse(const char *text, enum survey_area *out)
{
	for (int i = 0; i < SURVEY_AREA_COUNT; i++) {
		if (strcmp(text, area_keys[i]) == 0) {
			*out = (enum survey_area)i;
			return 0;
		}
	}
	return -1;
}

int survey_dimension_parse(const char *text, enum survey_dimension *out)
{
	for (int i = 0; i < SURVEY_DIMENSION_COUNT; i++) {
		if (strcmp(text, dim_keys[i]) == 0) {
			*out = (enum survey_dimension)i;
			return 0;
		}
	}
	return -1;
}

int survey_score(int value, bool reverse)
{
	return reverse ? SURVEY_SCALE_POINTS + 1 - value : value;
}

void survey_def_release(struct survey_def *def)
{
	free(def->file);
	free(def->slug);
	free(def->title);
	free(def->language);
	for (int i = 0; i < SURVEY_SCALE_POINTS; i++)
		free(def->scale[i]);
	free(def->intro);
	for (size_t i = 0; i < def->n_items; i++) {
		free(def->items[i].name);
		free(def->items[i].text);
	}
	free(def->items);
	memset(def, 0, sizeof(*def));
}

/* One line of the file, without its line ending. */
struct line {
	const char *s;
	size_t len;
	int no;
};

/* Splits text into lines (LF, CRLF or CR); *out is new (free()). */
static size_t split_lines(const char *text, size_t len, struct line **out)
{
	size_t n = 0, alloc = 64, i = 0;
	struct line *lines = xcalloc(alloc, sizeof(*lines));

	while (i < len) {
		size_t start = i;

		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		if (n == alloc) {
			alloc *= 2;
			lines = xreallocarray(lines, alloc, sizeof(*lines));
		}
		lines[n].s = text + start;
		lines[n].len = i - start;
		lines[n].no = (int)n + 1;
		n++;
		if (i < len && text[i] == '\r') {
			i++;
			if (i < len && text[i] == '\n')
				i++;
		} else if (i < len) {
			i++;
		}
	}
	*out = lines;
	return n;
}

static bool blank(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (l->s[i] != ' ' && l->s[i] != '\t')
			return false;
	return true;
}

/* A trimmed copy of s[0..len); caller frees. */
static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/* Splits "key: value" at the first colon when key is a lower-case word.
 * Returns false for anything else. *key and *value are new. */
static bool key_value(const struct line *l, char **key, char **value, int *value_col)
{
	size_t i = 0;

	while (i < l->len && ((l->s[i] >= 'a' && l->s[i] <= 'z') || l->s[i] == '_'))
		i++;
	if (i == 0 || i >= l->len || l->s[i] != ':')
		return false;
	*key = xstrndup(l->s, i);
	*value = trimmed(l->s + i + 1, l->len - i - 1);
	*value_col = (int)(i + 2);
	while ((size_t)*value_col <= l->len && l->s[*value_col - 1] == ' ')
		(*value_col)++;
	return true;
}

static bool valid_slug(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* The file name without folders and ".md". */
static char *file_stem(const char *file)
{
	const char *base = strrchr(file, '/');
	size_t len;

	base = base ? base + 1 : file;
	len = strlen(base);
	if (len > 3 && strcmp(base + len - 3, ".md") == 0)
		len -= 3;
	return xstrndup(base, len);
}

/* Joins lines [from, to) as paragraphs: lines with a space, paragraphs with
 * a blank line. */
static char *paragraphs(const struct line *lines, size_t from, size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	bool gap = false;

	for (size_t i = from; i < to; i++) {
		char *t;

		if (blank(&lines[i])) {
			gap = sb.len > 0;
			continue;
		}
		t = trimmed(lines[i].s, lines[i].len);
		if (sb.len)
			strbuf_addstr(&sb, gap ? "\n\n" : " ");
		strbuf_addstr(&sb, t);
		free(t);
		gap = false;
	}
	return strbuf_detach(&sb);
}

static int parse_front(const char *file, const struct line *lines, size_t n, size_t *at,
		       struct survey_def *out, struct diag_list *diags)
{
	size_t i = 1;
	bool seen[5] = {false};
	static const char *const keys[5] = {"id", "title", "language", "version", "scale"};
	int errors = 0;

	if (n == 0 || lines[0].len != 3 || memcmp(lines[0].s, "---", 3) != 0) {
		diag_add(diags, DIAG_ERROR, file, 1, 1,
			 "a survey starts with front matter ('---')");
		return -1;
	}
	for (; i < n; i++) {
		char *key = NULL, *value = NULL;
		int k = -1, col = 1;

		if (lines[i].len == 3 && memcmp(lines[i].s, "---", 3) == 0)
			break;
		if (blank(&lines[i]))
			continue;
		if (!key_value(&lines[i], &key, &value, &col)) {
			diag_add(diags, DIAG_ERROR, file, lines[i].no, 1,
				 "expected 'key: value' in the front matter");
			errors++;
			continue;
		}
		for (int j = 0; j < 5; j++)
			if (strcmp(key, keys[j]) == 0)
				k = j;
		if (k < 0) {
			diag_add(diags, DIAG_ERROR, file, lines[i].no, 1,
				 "unknown front matter key '%s'", key);
			errors++;
		} else if (seen[k]) {
			diag_add(diags, DIAG_ERROR, file, lines[i].no, 1, "'%s' given twice", key);
			errors++;
		} else {
			seen[k] = true;
			switch (k) {
			case 0:
				out->slug = value;
				value = NULL;
				break;
			case 1:
				out->title = value;
				value = NULL;
				break;
			case 2:
				if (strcmp(value, "sv") != 0 && strcmp(value, "en") != 0) {
					diag_add(diags, DIAG_ERROR, file, lines[i].no, col,
						 "language must be sv or en");
					errors++;
				} else {
					out->language = value;
					value = NULL;
				}
				break;
			case 3: {
				char *end;
				long v = strtol(value, &end, 10);

				if (end == value || *end || v < 1 || v > 100000) {
					diag_add(diags, DIAG_ERROR, file, lines[i].no, col,
						 "version must be a whole number from 1");
					errors++;
				}
				out->version = (int)v;
				break;
			}
			case 4: {
				const char *p = value;
				int m = 0;

				for (;;) {
					const char *bar = strchr(p, '|');
					size_t len = bar ? (size_t)(bar - p) : strlen(p);

					if (m < SURVEY_SCALE_POINTS)
						out->scale[m] = trimmed(p, len);
					m++;
					if (!bar)
						break;
					p = bar + 1;
				}
				if (m != SURVEY_SCALE_POINTS) {
					diag_add(diags, DIAG_ERROR, file, lines[i].no, col,
						 "scale needs %d labels separated by '|', not %d",
						 SURVEY_SCALE_POINTS, m);
					errors++;
				}
				for (int j = 0; j < SURVEY_SCALE_POINTS && j < m; j++) {
					if (out->scale[j][0] == '\0') {
						diag_add(diags, DIAG_ERROR, file, lines[i].no, col,
							 "scale label %d is empty", j + 1);
						errors++;
						break;
					}
				}
				break;
			}
			}
		}
		free(key);
		free(value);
	}
	if (i >= n) {
		diag_add(diags, DIAG_ERROR, file, (int)n, 1,
			 "the front matter is not closed ('---')");
		return -1;
	}
	for (int j = 0; j < 4; j++) {
		if (!seen[j]) {
			diag_add(diags, DIAG_ERROR, file, 1, 1, "front matter lacks '%s'", keys[j]);
			errors++;
		}
	}
	if (out->slug) {
		char *stem = file_stem(file);

		if (!valid_slug(out->slug)) {
			diag_add(diags, DIAG_ERROR, file, 2, 1,
				 "id '%s' may hold only a-z, 0-9 and '-'", out->slug);
			errors++;
		} else if (strcmp(stem, out->slug) != 0) {
			diag_add(diags, DIAG_ERROR, file, 2, 1,
				 "id '%s' is not the file's name (%s)", out->slug, stem);
			errors++;
		}
		free(stem);
	}
	if (out->scale[0] == NULL) {
		const char *const *def = out->language && strcmp(out->language, "en") == 0
					     ? default_scale_en
					     : default_scale_sv;

		for (int j = 0; j < SURVEY_SCALE_POINTS; j++)
			out->scale[j] = xstrdup(def[j]);
	} else {
		for (int j = 0; j < SURVEY_SCALE_POINTS; j++)
			if (out->scale[j] == NULL)
				out->scale[j] = xstrdup("");
	}
	*at = i + 1;
	return errors ? -1 : 0;
}

/* Reads the item starting with the heading at lines[*at]. */
static int parse_item(const char *file, const struct line *lines, size_t n, size_t *at,
		      struct survey_def *out, struct diag_list *diags)
{
	size_t i = *at, text_from;
	struct survey_def_item item = {0};
	bool has_area = false, has_dim = false, has_rev = false;
	int errors = 0;

	item.line = lines[i].no;
	item.name = trimmed(lines[i].s + 3, lines[i].len - 3);
	if (!valid_slug(item.name)) {
		diag_add(diags, DIAG_ERROR, file, lines[i].no, 4,
			 "item id '%s' may hold only a-z, 0-9 and '-'", item.name);
		errors++;
	}
	for (size_t j = 0; j < out->n_items; j++) {
		if (strcmp(out->items[j].name, item.name) == 0) {
			diag_add(diags, DIAG_ERROR, file, lines[i].no, 4,
				 "item id '%s' is used twice (first on line %d)", item.name,
				 out->items[j].line);
			errors++;
		}
	}
	for (i++; i < n; i++) {
		char *key = NULL, *value = NULL;
		int col = 1;

		if (blank(&lines[i]))
			continue;
		if (!key_value(&lines[i], &key, &value, &col))
			break;
		if (strcmp(key, "area") == 0) {
			has_area = true;
			if (survey_area_parse(value, &item.area) < 0) {
				diag_add(
				    diags, DIAG_ERROR, file, lines[i].no, col,
				    "unknown area '%s' (passwords, email, information, mobile, "
				    "incidents)",
				    value);
				errors++;
			}
		} else if (strcmp(key, "dimension") == 0) {
			has_dim = true;
			if (survey_dimension_parse(value, &item.dimension) < 0) {
				diag_add(diags, DIAG_ERROR, file, lines[i].no, col,
					 "unknown dimension '%s' (knowledge, attitude, behaviour)",
					 value);
				errors++;
			}
		} else if (strcmp(key, "reverse") == 0) {
			has_rev = true;
			if (strcmp(value, "yes") == 0)
				item.reverse = true;
			else if (strcmp(value, "no") != 0) {
				diag_add(diags, DIAG_ERROR, file, lines[i].no, col,
					 "reverse must be yes or no");
				errors++;
			}
		} else {
			diag_add(diags, DIAG_ERROR, file, lines[i].no, 1, "unknown item key '%s'",
				 key);
			errors++;
		}
		free(key);
		free(value);
	}
	(void)has_rev;
	text_from = i;
	while (i < n && !(lines[i].len >= 3 && memcmp(lines[i].s, "## ", 3) == 0))
		i++;
	item.text = paragraphs(lines, text_from, i);
	if (!has_area) {
		diag_add(diags, DIAG_ERROR, file, item.line, 1, "item '%s' has no area", item.name);
		errors++;
	}
	if (!has_dim) {
		diag_add(diags, DIAG_ERROR, file, item.line, 1, "item '%s' has no dimension",
			 item.name);
		errors++;
	}
	if (item.text[0] == '\0') {
		diag_add(diags, DIAG_ERROR, file, item.line, 1, "item '%s' has no text", item.name);
		errors++;
	}
	out->items = xreallocarray(out->items, out->n_items + 1, sizeof(*out->items));
	out->items[out->n_items++] = item;
	*at = i;
	return errors ? -1 : 0;
}

int survey_parse(const char *file, const char *text, size_t len, struct survey_def *out,
		 struct diag_list *diags)
{
	struct line *lines = NULL;
	size_t n, i = 0, intro_from;
	int rc = 0;
	bool cover[SURVEY_AREA_COUNT][SURVEY_DIMENSION_COUNT] = {{false}};
	size_t reversed = 0;

	memset(out, 0, sizeof(*out));
	out->file = xstrdup(file);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (memchr(text, '\0', len)) {
		diag_add(diags, DIAG_ERROR, file, 1, 1, "the file holds a NUL byte");
		out->intro = xstrdup("");
		return -1;
	}
	n = split_lines(text, len, &lines);
	if (parse_front(file, lines, n, &i, out, diags) < 0)
		rc = -1;
	intro_from = i;
	while (i < n && !(lines[i].len >= 3 && memcmp(lines[i].s, "## ", 3) == 0))
		i++;
	out->intro = paragraphs(lines, intro_from, i);
	while (i < n)
		if (parse_item(file, lines, n, &i, out, diags) < 0)
			rc = -1;
	if (out->n_items == 0) {
		diag_add(diags, DIAG_ERROR, file, (int)n, 1, "the survey has no items ('## id')");
		rc = -1;
	}
	for (size_t j = 0; j < out->n_items; j++) {
		cover[out->items[j].area][out->items[j].dimension] = true;
		reversed += out->items[j].reverse;
	}
	if (rc == 0) {
		for (int a = 0; a < SURVEY_AREA_COUNT; a++)
			for (int d = 0; d < SURVEY_DIMENSION_COUNT; d++)
				if (!cover[a][d])
					diag_add(diags, DIAG_WARNING, file, 1, 1,
						 "no %s item about %s", dim_keys[d], area_keys[a]);
		if (reversed == 0)
			diag_add(diags, DIAG_WARNING, file, 1, 1,
				 "no reverse-scored item: add some worded negatively");
	}
	free(lines);
	return rc;
}

int survey_read_file(const char *path, struct survey_def *out, struct diag_list *diags)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t got;
	int rc;

	if (fp == NULL) {
		memset(out, 0, sizeof(*out));
		diag_add(diags, DIAG_ERROR, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while ((got = fread(buf, 1, sizeof(buf), fp)) > 0) {
		strbuf_add(&sb, buf, got);
		if (sb.len > 1024 * 1024)
			break;
	}
	fclose(fp);
	if (sb.len > 1024 * 1024) {
		memset(out, 0, sizeof(*out));
		diag_add(diags, DIAG_ERROR, path, 0, 0, "the file is larger than 1 MB");
		strbuf_release(&sb);
		return -1;
	}
	rc = survey_parse(path, sb.buf, sb.len, out, diags);
	strbuf_release(&sb);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void survey_defs_free(struct survey_def **defs, size_t n)
{
	if (*defs == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		survey_def_release(&(*defs)[i]);
	free(*defs);
	*defs = NULL;
}

int survey_read_dir(const char *dir, struct survey_def **out, size_t *n, struct diag_list *diags)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t count = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0 ||
		    strcmp(e->d_name, "README.md") == 0 || e->d_name[0] == '.')
			continue;
		names = xreallocarray(names, count + 1, sizeof(*names));
		names[count++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (count)
		qsort(names, count, sizeof(*names), cmp_str);
	*out = xcalloc(count ? count : 1, sizeof(**out));
	for (size_t i = 0; i < count; i++) {
		if (survey_read_file(names[i], &(*out)[i], diags) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	*n = count;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Building                                                           */

static int build_one(struct store *store, const struct survey_def *def, const char *now,
		     char **cause)
{
	struct strbuf scale = STRBUF_INIT;
	sqlite3_stmt *st;
	long long survey_id = 0;
	int rc = -1;

	for (int i = 0; i < SURVEY_SCALE_POINTS; i++) {
		if (i)
			strbuf_addch(&scale, '|');
		strbuf_addstr(&scale, def->scale[i]);
	}
	st = store_stmt(
	    store,
	    "INSERT INTO survey (slug, title, language, version, intro, scale, built)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (slug) DO UPDATE SET"
	    " title = ?2, language = ?3, version = ?4, intro = ?5, scale = ?6, built = ?7",
	    cause);
	if (st == NULL)
		goto cleanup;
	store_bind_text(st, 1, def->slug);
	store_bind_text(st, 2, def->title);
	store_bind_text(st, 3, def->language);
	sqlite3_bind_int(st, 4, def->version);
	store_bind_text(st, 5, def->intro);
	store_bind_text(st, 6, scale.buf);
	store_bind_text(st, 7, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "storing survey");
		goto cleanup;
	}
	store_done(st);
	st = store_stmt(store, "SELECT id FROM survey WHERE slug = ?1", cause);
	if (st == NULL)
		goto cleanup;
	store_bind_text(st, 1, def->slug);
	if (sqlite3_step(st) == SQLITE_ROW)
		survey_id = sqlite3_column_int64(st, 0);
	store_done(st);
	st = store_stmt(store, "UPDATE survey_item SET retired = 1 WHERE survey_id = ?1", cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, survey_id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "retiring survey items");
		goto cleanup;
	}
	store_done(st);
	for (size_t i = 0; i < def->n_items; i++) {
		const struct survey_def_item *it = &def->items[i];
		int step;

		/* An item with answers keeps what its answers mean. */
		st = store_stmt(
		    store,
		    "SELECT i.area, i.dimension, i.reverse FROM survey_item i"
		    " WHERE i.survey_id = ?1 AND i.name = ?2"
		    "  AND EXISTS (SELECT 1 FROM survey_answer a WHERE a.item_id = i.id)",
		    cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, survey_id);
		store_bind_text(st, 2, it->name);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW && (strcmp((const char *)sqlite3_column_text(st, 0),
						  survey_area_key(it->area)) != 0 ||
					   strcmp((const char *)sqlite3_column_text(st, 1),
						  survey_dimension_key(it->dimension)) != 0 ||
					   (sqlite3_column_int(st, 2) != 0) != it->reverse)) {
			store_done(st);
			*cause =
			    xasprintf("%s:%d:1: error: item '%s' has answers: its area, dimension "
				      "and reverse flag cannot change; give it a new id",
				      def->file, it->line, it->name);
			goto cleanup;
		}
		store_done(st);
		st = store_stmt(
		    store,
		    "INSERT INTO survey_item (survey_id, name, position, area, dimension,"
		    " reverse, text, retired) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)"
		    " ON CONFLICT (survey_id, name) DO UPDATE SET position = ?3, area = ?4,"
		    " dimension = ?5, reverse = ?6, text = ?7, retired = 0",
		    cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, survey_id);
		store_bind_text(st, 2, it->name);
		sqlite3_bind_int(st, 3, (int)i + 1);
		store_bind_text(st, 4, survey_area_key(it->area));
		store_bind_text(st, 5, survey_dimension_key(it->dimension));
		sqlite3_bind_int(st, 6, it->reverse);
		store_bind_text(st, 7, it->text);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_done(st);
			store_fail(store, cause, "storing survey item");
			goto cleanup;
		}
		store_done(st);
	}
	rc = 0;
cleanup:
	strbuf_release(&scale);
	return rc;
}

int survey_build(struct store *store, const struct survey_def *defs, size_t n, char **cause)
{
	char *now = store_now();
	int rc = -1;

	if (store_begin(store, cause) < 0)
		goto cleanup;
	for (size_t i = 0; i < n; i++)
		if (build_one(store, &defs[i], now, cause) < 0)
			goto cleanup;
	if (store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0)
		store_rollback(store);
	free(now);
	return rc;
}
