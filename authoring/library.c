/* Loading a course library and building it into the store; see library.h.
 * The checks are in library_check.c. */
#include "authoring/library.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

/* --- topics.conf ------------------------------------------------------- */

static char *trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static bool topic_slug_valid(const char *s)
{
	if (*s == '\0' || strlen(s) > 40)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return false;
	return true;
}

/* Reads `slug = Swedish name | English name` at line (n bytes). */
static void topic_line(struct library *lib, const char *path, int line, const char *s, size_t n,
		       struct diag_list *diags)
{
	const char *eq = memchr(s, '=', n);
	const char *bar = eq ? memchr(eq, '|', n - (size_t)(eq - s)) : NULL;
	char *slug, *sv, *en;

	if (eq == NULL || bar == NULL) {
		diag_add(diags, DIAG_ERROR, path, line, 1,
			 "expected 'slug = Swedish name | English name'");
		return;
	}
	slug = trimmed(s, (size_t)(eq - s));
	sv = trimmed(eq + 1, (size_t)(bar - eq - 1));
	en = trimmed(bar + 1, n - (size_t)(bar - s) - 1);
	if (!topic_slug_valid(slug)) {
		diag_add(diags, DIAG_ERROR, path, line, 1,
			 "'%s' is not a valid topic slug (a-z, 0-9, '-' and '_')", slug);
		goto cleanup;
	}
	if (*sv == '\0' || *en == '\0' || strchr(en, '|')) {
		diag_add(diags, DIAG_ERROR, path, line, frontmatter_column(s, (size_t)(eq - s) + 1),
			 "a topic needs one Swedish and one English name, separated by '|'");
		goto cleanup;
	}
	for (size_t i = 0; i < lib->n_topics; i++) {
		if (strcmp(lib->topics[i].slug, slug) == 0) {
			if (strcmp(lib->topics[i].name_sv, sv) != 0 ||
			    strcmp(lib->topics[i].name_en, en) != 0)
				diag_add(diags, DIAG_ERROR, path, line, 1,
					 "the topic '%s' is defined twice", slug);
			goto cleanup;
		}
	}
	lib->topics = xreallocarray(lib->topics, lib->n_topics + 1, sizeof(*lib->topics));
	lib->topics[lib->n_topics].slug = slug;
	lib->topics[lib->n_topics].name_sv = sv;
	lib->topics[lib->n_topics].name_en = en;
	lib->n_topics++;
	return;
cleanup:
	free(slug);
	free(sv);
	free(en);
}

int library_read_topics(struct library *lib, const char *path, struct diag_list *diags)
{
	char *text = NULL;
	size_t len, pos = 0;
	int line = 1;

	for (size_t i = 0; i < lib->n_topic_files; i++)
		if (strcmp(lib->topic_files[i], path) == 0)
			return 0;
	if (course_read_file(path, &text, &len) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	lib->topic_files =
		xreallocarray(lib->topic_files, lib->n_topic_files + 1, sizeof(*lib->topic_files));
	lib->topic_files[lib->n_topic_files++] = xstrdup(path);
	if (course_check_text(text, len, path, 1, diags) < 0) {
		free(text);
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		size_t lead = strspn(s, " \t");

		if (lead < n && s[lead] != '#' && s[lead] != '\r')
			topic_line(lib, path, line, s, n, diags);
		pos += n + (nl ? 1 : 0);
		line++;
	}
	free(text);
	return 0;
}

/* --- folders ----------------------------------------------------------- */

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the sorted names of the sub-folders of dir (newly allocated
 * array of newly allocated names; caller frees), or -1. */
static int sub_folders(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	*out = NULL;
	*n = 0;
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (is_dir(p)) {
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			(*out)[(*n)++] = xstrdup(de->d_name);
		}
		free(p);
	}
	closedir(d);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), name_cmp);
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void course_add(struct library *lib, const char *dir, struct diag_list *diags)
{
	struct course_source cs;

	if (course_source_read(dir, &cs, diags) < 0) {
		course_source_release(&cs);
		return;
	}
	lib->courses = xreallocarray(lib->courses, lib->n_courses + 1, sizeof(*lib->courses));
	lib->courses[lib->n_courses++] = cs;
}

static void known_add(struct library *lib, const char *id)
{
	for (size_t i = 0; i < lib->n_known; i++)
		if (strcmp(lib->known[i], id) == 0)
			return;
	lib->known = xreallocarray(lib->known, lib->n_known + 1, sizeof(*lib->known));
	lib->known[lib->n_known++] = xstrdup(id);
}

/* Reads every course folder under dir; folders without course.md are an
 * error when strict (a content folder's courses/), else skipped. */
static void courses_dir(struct library *lib, const char *dir, bool strict,
			struct diag_list *diags)
{
	char **names;
	size_t n;

	if (sub_folders(dir, &names, &n) < 0) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot read: %s", strerror(errno));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *sub = xasprintf("%s/%s", dir, names[i]);
		char *md = xasprintf("%s/course.md", sub);

		if (is_file(md))
			course_add(lib, sub, diags);
		else if (strict)
			diag_add(diags, DIAG_ERROR, sub, 0, 0, "a course folder needs a course.md");
		free(md);
		free(sub);
	}
	free_names(names, n);
}

/* Looks for topics.conf in the given folders (relative to base). */
static void find_topics(struct library *lib, const char *base, const char *const *ups,
			size_t n_ups, struct diag_list *diags)
{
	for (size_t i = 0; i < n_ups; i++) {
		char *p = xasprintf("%s/%stopics.conf", base, ups[i]);

		if (is_file(p)) {
			library_read_topics(lib, p, diags);
			free(p);
			return;
		}
		free(p);
	}
	diag_add(diags, DIAG_ERROR, base, 0, 0,
		 "no topics.conf found (looked in the folder and the ones above)");
}

static void siblings_known(struct library *lib, const char *course_dir)
{
	char *parent = xasprintf("%s/..", course_dir);
	char **names;
	size_t n;

	if (sub_folders(parent, &names, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			char *md = xasprintf("%s/%s/course.md", parent, names[i]);

			if (is_file(md))
				known_add(lib, names[i]);
			free(md);
		}
		free_names(names, n);
	}
	free(parent);
}

int library_load(struct library *lib, char *const *paths, size_t n_paths,
		 struct diag_list *diags)
{
	int rc = 0;

	for (size_t i = 0; i < n_paths; i++) {
		size_t len = strlen(paths[i]);
		char *path, *probe;
		struct stat st;

		while (len > 1 && paths[i][len - 1] == '/')
			len--;
		path = xstrndup(paths[i], len);
		if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			if (stat(path, &st) != 0)
				diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
					 strerror(errno));
			else
				diag_add(diags, DIAG_ERROR, path, 0, 0, "not a folder");
			rc = -1;
			free(path);
			continue;
		}
		probe = xasprintf("%s/course.md", path);
		if (is_file(probe)) {
			static const char *const ups[] = { "", "../../", "../" };

			course_add(lib, path, diags);
			find_topics(lib, path, ups, 3, diags);
			siblings_known(lib, path);
		} else {
			free(probe);
			probe = xasprintf("%s/courses", path);
			if (is_dir(probe)) {
				static const char *const here[] = { "" };

				courses_dir(lib, probe, true, diags);
				find_topics(lib, path, here, 1, diags);
			} else {
				static const char *const up[] = { "", "../", "../../" };
				size_t before = lib->n_courses;

				courses_dir(lib, path, false, diags);
				if (lib->n_courses == before) {
					diag_add(diags, DIAG_ERROR, path, 0, 0,
						 "neither a course folder (no course.md) nor a "
						 "content folder (no courses/)");
					rc = -1;
				} else {
					find_topics(lib, path, up, 3, diags);
				}
			}
		}
		free(probe);
		free(path);
	}
	return rc;
}

void library_release(struct library *lib)
{
	for (size_t i = 0; i < lib->n_topics; i++) {
		free(lib->topics[i].slug);
		free(lib->topics[i].name_sv);
		free(lib->topics[i].name_en);
	}
	free(lib->topics);
	for (size_t i = 0; i < lib->n_courses; i++)
		course_source_release(&lib->courses[i]);
	free(lib->courses);
	free_names(lib->known, lib->n_known);
	for (size_t i = 0; i < lib->n_figures; i++) {
		free(lib->figures[i].file);
		free(lib->figures[i].title);
	}
	free(lib->figures);
	free_names(lib->topic_files, lib->n_topic_files);
	memset(lib, 0, sizeof(*lib));
}

/* --- building ---------------------------------------------------------- */

int library_build(const struct library *lib, struct store *store, struct catalog_stats *stats,
		  char **cause)
{
	struct catalog_build_topic *topics = NULL;
	struct catalog_build_course *courses = NULL;
	const char **names = NULL;
	struct catalog_build_page *pages = NULL;
	size_t n_names = 0, n_pages = 0, ni = 0, pi = 0;
	int rc;

	if (lib->n_topics)
		topics = xcalloc(lib->n_topics, sizeof(*topics));
	for (size_t i = 0; i < lib->n_topics; i++) {
		topics[i].slug = lib->topics[i].slug;
		topics[i].name_sv = lib->topics[i].name_sv;
		topics[i].name_en = lib->topics[i].name_en;
	}
	/* One array each for the topic/require names and the pages of all
	 * courses; the course structs point into them. */
	for (size_t i = 0; i < lib->n_courses; i++) {
		n_names += lib->courses[i].n_topics + lib->courses[i].n_requires;
		n_pages += lib->courses[i].n_pages;
	}
	if (n_names)
		names = xcalloc(n_names, sizeof(*names));
	if (n_pages)
		pages = xcalloc(n_pages, sizeof(*pages));
	if (lib->n_courses)
		courses = xcalloc(lib->n_courses, sizeof(*courses));
	for (size_t i = 0; i < lib->n_courses; i++) {
		const struct course_source *cs = &lib->courses[i];
		struct catalog_build_course *c = &courses[i];

		c->slug = cs->id;
		c->title = cs->title;
		c->language = cs->language;
		c->audience = cs->audience;
		c->translation_of = cs->translation_of;
		c->feedback = cs->feedback;
		c->version = cs->version;
		c->pass_mark = cs->pass_mark;
		c->minutes = cs->minutes;
		c->pretest = cs->pretest;
		c->refresh_months = cs->refresh_months;
		c->due_days = cs->due_days;
		c->order = cs->order;
		c->topics = names + ni;
		c->n_topics = cs->n_topics;
		for (size_t k = 0; k < cs->n_topics; k++)
			names[ni++] = cs->topics[k].name;
		c->requires = names + ni;
		c->n_requires = cs->n_requires;
		for (size_t k = 0; k < cs->n_requires; k++)
			names[ni++] = cs->requires[k].name;
		c->pages = pages + pi;
		c->n_pages = cs->n_pages;
		for (size_t k = 0; k < cs->n_pages; k++) {
			pages[pi].title = cs->pages[k].title;
			pages[pi].body = cs->pages[k].markdown;
			pi++;
		}
		c->handout = cs->handout;
		c->questions = cs->quiz.questions;
		c->n_questions = cs->quiz.n;
	}
	rc = catalog_build(store, topics, lib->n_topics, courses, lib->n_courses, stats, cause);
	free(topics);
	free(courses);
	free(names);
	free(pages);
	return rc;
}

int library_build_dir(struct store *store, const char *content_dir, struct diag_list *diags,
		      char **cause)
{
	struct library lib = LIBRARY_INIT;
	char *paths[1];
	int rc = -1;

	paths[0] = (char *)content_dir;
	library_load(&lib, paths, 1, diags);
	library_check(&lib, diags);
	if (diags->errors > 0) {
		*cause = xasprintf("content check of %s failed with %zu error%s", content_dir,
				   diags->errors, diags->errors == 1 ? "" : "s");
		goto cleanup;
	}
	rc = library_build(&lib, store, NULL, cause);
cleanup:
	library_release(&lib);
	return rc;
}
