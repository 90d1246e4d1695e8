/*
 * The open course: its lesson pages (parsed into the page model) and the
 * questions an attempt asks, with the placeholders ({{organisation}} ...)
 * filled from the settings. From the store through the catalog, or, for
 * `content preview`, straight from a course folder.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "authoring/course_source.h"
#include "core/catalog.h"
#include "core/setting.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"

/* Placeholder lookup: a setting's value, cached for the session. In a
 * preview there is no database: defaults only, others stay as written. */
static const char *lookup_setting(const char *key, void *ctx)
{
	struct app *app = ctx;
	char *value = NULL, *cause = NULL;

	for (size_t i = 0; i < app->n_settings; i++)
		if (strcmp(app->settings[i].key, key) == 0)
			return app->settings[i].value;
	if (app->store) {
		value = setting_get(app->store, key, &cause);
		free(cause);
	} else {
		const struct setting_def *def = setting_def_find(key);

		if (def && def->default_value)
			value = xstrdup(def->default_value);
	}
	app->settings = xreallocarray(app->settings, app->n_settings + 1, sizeof(*app->settings));
	app->settings[app->n_settings].key = xstrdup(key);
	app->settings[app->n_settings].value = value;
	app->n_settings++;
	return value;
}

char *kcourse_fill(struct app *app, const char *text)
{
	return page_fill(text ? text : "", lookup_setting, app);
}

/* Replaces *s with its filled copy. */
static void fill_in_place(struct app *app, char **s)
{
	char *filled;

	if (*s == NULL)
		return;
	filled = kcourse_fill(app, *s);
	free(*s);
	*s = filled;
}

static void question_fill(struct app *app, struct question *q)
{
	fill_in_place(app, &q->stem);
	fill_in_place(app, &q->general_feedback);
	for (size_t i = 0; i < q->n_answers; i++) {
		fill_in_place(app, &q->answers[i].text);
		fill_in_place(app, &q->answers[i].feedback);
	}
	for (size_t i = 0; i < q->n_pairs; i++) {
		fill_in_place(app, &q->pairs[i].left);
		fill_in_place(app, &q->pairs[i].right);
	}
	for (size_t i = 0; i < q->n_numbers; i++)
		fill_in_place(app, &q->numbers[i].feedback);
}

void kcourse_release(struct kcourse *c)
{
	free(c->slug);
	free(c->title);
	free(c->language);
	for (size_t i = 0; i < c->n_pages; i++) {
		free(c->pages[i].title);
		page_release(&c->pages[i].page);
	}
	free(c->pages);
	for (size_t i = 0; i < c->n_questions; i++) {
		free(c->questions[i].topic);
		question_release(&c->questions[i].q);
	}
	free(c->questions);
	memset(c, 0, sizeof(*c));
}

/* Adds a lesson page from its title and Markdown. */
static int add_page(struct app *app, const char *title, const char *markdown, char **cause)
{
	struct kcourse *c = &app->course;
	struct kpage *p;

	c->pages = xreallocarray(c->pages, c->n_pages + 1, sizeof(*c->pages));
	p = &c->pages[c->n_pages];
	memset(p, 0, sizeof(*p));
	if (page_parse(markdown ? markdown : "", markdown ? strlen(markdown) : 0, &p->page, cause) <
	    0)
		return -1;
	page_fill_placeholders(&p->page, lookup_setting, app);
	p->title = kcourse_fill(app, title);
	c->n_pages++;
	return 0;
}

/* Takes q (moved, left zeroed) as a question of the open course. */
static struct kquestion *add_question(struct app *app, long long version_id, const char *topic,
				      struct question *q)
{
	struct kcourse *c = &app->course;
	struct kquestion *k;

	c->questions = xreallocarray(c->questions, c->n_questions + 1, sizeof(*c->questions));
	k = &c->questions[c->n_questions++];
	k->version_id = version_id;
	k->topic = topic ? xstrdup(topic) : NULL;
	k->q = *q;
	memset(q, 0, sizeof(*q));
	question_fill(app, &k->q);
	return k;
}

/* The errors of a course folder as compiler-style lines under a lead line;
 * newly allocated. */
static char *preview_errors(const char *dir, struct diag_list *diags)
{
	struct strbuf sb = STRBUF_INIT;

	diag_sort(diags);
	strbuf_addf(&sb, "%s has %zu error%s; nothing to preview until they are fixed:", dir,
		    diags->errors, diags->errors == 1 ? "" : "s");
	for (size_t i = 0; i < diags->n; i++) {
		const struct diag *d = &diags->items[i];

		if (d->severity != DIAG_ERROR)
			continue;
		strbuf_addf(&sb, "\n%s", d->file && *d->file ? d->file : dir);
		if (d->line > 0)
			strbuf_addf(&sb, ":%d", d->line);
		if (d->line > 0 && d->col > 0)
			strbuf_addf(&sb, ":%d", d->col);
		strbuf_addf(&sb, ": error: %s", d->message);
	}
	return strbuf_detach(&sb);
}

static int load_preview(struct app *app, char **cause)
{
	struct course_source cs = {0};
	struct diag_list diags = DIAG_LIST_INIT;
	struct kcourse *c = &app->course;
	int rc = -1;

	if (course_source_read(app->preview_dir, &cs, &diags) < 0) {
		*cause = xasprintf("%s: no readable course.md", app->preview_dir);
		goto cleanup;
	}
	if (diags.errors > 0) {
		/* A broken course would show as something else than what staff
		 * get after a build (which refuses it): say where, and show
		 * nothing. */
		*cause = preview_errors(app->preview_dir, &diags);
		goto cleanup;
	}
	c->slug = xstrdup(cs.id ? cs.id : cs.folder);
	c->title = xstrdup(cs.title ? cs.title : cs.folder);
	c->language = xstrdup(cs.language ? cs.language : "sv");
	c->version = cs.version;
	c->pass_mark = cs.pass_mark;
	c->minutes = cs.minutes;
	c->pretest = cs.pretest;
	c->feedback_end = cs.feedback && strcmp(cs.feedback, "end") == 0;
	for (size_t i = 0; i < cs.n_pages; i++)
		if (add_page(app, cs.pages[i].title, cs.pages[i].markdown, cause) < 0)
			goto cleanup;
	/* Preview questions get made-up version ids: their place in the file. */
	for (size_t i = 0; i < cs.quiz.n; i++)
		add_question(app, (long long)i + 1, cs.quiz.questions[i].category,
			     &cs.quiz.questions[i]);
	rc = 0;
cleanup:
	course_source_release(&cs);
	diag_list_release(&diags);
	return rc;
}

int kcourse_load(struct app *app, long long course_id, char **cause)
{
	struct catalog_course cc = {0};
	struct catalog_pages pages = {0};
	struct kcourse *c = &app->course;
	int found, rc = -1;

	kcourse_release(c);
	if (app->preview)
		return load_preview(app, cause);
	found = catalog_course_get(app->store, course_id, &cc, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xstrdup("no such course");
		return -1;
	}
	c->id = cc.id;
	c->slug = xstrdup(cc.slug);
	c->title = kcourse_fill(app, cc.title);
	c->language = xstrdup(cc.language);
	c->version = cc.version;
	c->pass_mark = cc.pass_mark;
	c->minutes = cc.minutes;
	c->pretest = cc.pretest;
	c->feedback_end = cc.feedback && strcmp(cc.feedback, "end") == 0;
	if (catalog_pages_load(app->store, course_id, &pages, cause) < 0)
		goto cleanup;
	for (size_t i = 0; i < pages.n; i++)
		if (add_page(app, pages.items[i].title, pages.items[i].body, cause) < 0)
			goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0)
		kcourse_release(c);
	catalog_pages_release(&pages);
	catalog_course_release(&cc);
	return rc;
}

const struct kquestion *kcourse_question(struct app *app, long long version_id, char **cause)
{
	struct catalog_question cq = {0};
	const struct kquestion *k = NULL;
	int found;

	for (size_t i = 0; i < app->course.n_questions; i++)
		if (app->course.questions[i].version_id == version_id)
			return &app->course.questions[i];
	if (app->preview) {
		*cause = xstrdup("no such question");
		return NULL;
	}
	found = catalog_question_version(app->store, version_id, &cq, cause);
	if (found == 1)
		k = add_question(app, version_id, cq.topic, &cq.q);
	else if (found == 0)
		*cause = xstrdup("a question of this attempt is missing");
	catalog_question_release(&cq);
	return k;
}

char *kcourse_topic_name(struct app *app, const char *slug)
{
	struct catalog_topics topics = {0};
	char *cause = NULL, *name = NULL;

	if (slug == NULL || *slug == '\0')
		return xstrdup(_("Övrigt"));
	if (app->store && catalog_topics_load(app->store, &topics, &cause) == 0) {
		for (size_t i = 0; i < topics.n; i++)
			if (strcmp(topics.items[i].slug, slug) == 0)
				name =
				    xstrdup(strcmp(app->lang, "en") == 0 ? topics.items[i].name_en
									 : topics.items[i].name_sv);
	}
	free(cause);
	catalog_topics_release(&topics);
	return name ? name : xstrdup(slug);
}
