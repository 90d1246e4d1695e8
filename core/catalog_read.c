/*
 * The read side of the course catalog: courses, pages, handouts, questions
 * and topics for the kiosk, print and reports; see catalog.h. Every query
 * resets its statement on every path, so no read transaction stays open.
 */
#include "catalog.h"

#include <string.h>

#include "store_internal.h"
#include "xmalloc.h"

/* Reads a list of texts from a statement bound to one course id. */
static int text_list(struct store *store, sqlite3_stmt *st, long long id, char ***out, size_t *n,
		     char **cause)
{
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = store_column_text(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading course list");
	return 0;
}

#define COURSE_COLUMNS                                                                     \
	"SELECT c.id, c.slug, c.title, c.language, c.translation_of, c.audience, c.feedback," \
	" c.version, c.pass_mark, c.minutes, c.pretest, c.refresh_months, c.due_days,"       \
	" c.position, EXISTS (SELECT 1 FROM handout h WHERE h.course_id = c.id) FROM course c"

static void course_from_row(sqlite3_stmt *st, struct catalog_course *c)
{
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->slug = store_column_text(st, 1);
	c->title = store_column_text(st, 2);
	c->language = store_column_text(st, 3);
	c->translation_of = store_column_text(st, 4);
	c->audience = store_column_text(st, 5);
	c->feedback = store_column_text(st, 6);
	c->version = sqlite3_column_int(st, 7);
	c->pass_mark = sqlite3_column_int(st, 8);
	c->minutes = sqlite3_column_int(st, 9);
	c->pretest = sqlite3_column_int(st, 10);
	c->refresh_months = sqlite3_column_int(st, 11);
	c->due_days = sqlite3_column_int(st, 12);
	c->position = sqlite3_column_int(st, 13);
	c->has_handout = sqlite3_column_int(st, 14) != 0;
}

/* Adds topics and requirements to a course read from a row. */
static int course_lists(struct store *store, struct catalog_course *c, char **cause)
{
	if (text_list(store,
		      store_stmt(store,
				 "SELECT topic FROM course_topic WHERE course_id = ?1 ORDER BY rowid",
				 cause),
		      c->id, &c->topics, &c->n_topics, cause) < 0)
		return -1;
	return text_list(store,
			 store_stmt(store,
				    "SELECT requires FROM course_require WHERE course_id = ?1"
				    " ORDER BY rowid",
				    cause),
			 c->id, &c->requires, &c->n_requires, cause);
}

void catalog_course_release(struct catalog_course *c)
{
	free(c->slug);
	free(c->title);
	free(c->language);
	free(c->translation_of);
	free(c->audience);
	free(c->feedback);
	for (size_t i = 0; i < c->n_topics; i++)
		free(c->topics[i]);
	free(c->topics);
	for (size_t i = 0; i < c->n_requires; i++)
		free(c->requires[i]);
	free(c->requires);
	memset(c, 0, sizeof(*c));
}

int catalog_courses_load(struct store *store, struct catalog_courses *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      COURSE_COLUMNS " WHERE c.retired = 0"
						     " ORDER BY c.audience, c.position, c.slug",
				      cause);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->items = xreallocarray(out->items, out->n + 1, sizeof(*out->items));
		course_from_row(st, &out->items[out->n++]);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		catalog_courses_release(out);
		return store_fail(store, cause, "reading courses");
	}
	for (size_t i = 0; i < out->n; i++) {
		if (course_lists(store, &out->items[i], cause) < 0) {
			catalog_courses_release(out);
			return -1;
		}
	}
	return 0;
}

void catalog_courses_release(struct catalog_courses *list)
{
	for (size_t i = 0; i < list->n; i++)
		catalog_course_release(&list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* Steps a bound single-course query. */
static int course_one(struct store *store, sqlite3_stmt *st, struct catalog_course *out,
		      char **cause)
{
	int rc = sqlite3_step(st);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW)
		course_from_row(st, out);
	store_done(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_fail(store, cause, "reading course");
	if (course_lists(store, out, cause) < 0) {
		catalog_course_release(out);
		return -1;
	}
	return 1;
}

int catalog_course_find(struct store *store, const char *slug, struct catalog_course *out,
			char **cause)
{
	sqlite3_stmt *st = store_stmt(store, COURSE_COLUMNS " WHERE c.slug = ?1", cause);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, slug);
	return course_one(store, st, out, cause);
}

int catalog_course_get(struct store *store, long long id, struct catalog_course *out,
		       char **cause)
{
	sqlite3_stmt *st = store_stmt(store, COURSE_COLUMNS " WHERE c.id = ?1", cause);

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return course_one(store, st, out, cause);
}

int catalog_course_by_code(struct store *store, const char *text, enum scancode_status *status,
			   struct catalog_course *out, char **cause)
{
	sqlite3_stmt *st;
	struct scancode sc;
	long long found = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	*status = scancode_parse(text, &sc);
	if (*status != SCANCODE_OK || sc.kind != SCANCODE_COURSE)
		return 0;
	/* The payload is the slug without hyphens: compare in C, where
	 * scancode_course() defines it. Content check keeps these unique. */
	st = store_stmt(store, "SELECT id, slug FROM course WHERE retired = 0", cause);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && found == 0) {
		const char *slug = (const char *)sqlite3_column_text(st, 1);
		char *code = slug ? scancode_course(slug) : NULL;

		if (code && strcmp(code, sc.text) == 0)
			found = sqlite3_column_int64(st, 0);
		free(code);
	}
	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(store, cause, "reading courses");
	if (found == 0)
		return 0;
	return catalog_course_get(store, found, out, cause);
}

int catalog_pages_load(struct store *store, long long course_id, struct catalog_pages *out,
		       char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT page_no, title, body FROM lesson_page"
				      " WHERE course_id = ?1 ORDER BY page_no",
				      cause);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct catalog_page *p;

		out->items = xreallocarray(out->items, out->n + 1, sizeof(*out->items));
		p = &out->items[out->n++];
		p->page_no = sqlite3_column_int(st, 0);
		p->title = store_column_text(st, 1);
		p->body = store_column_text(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		catalog_pages_release(out);
		return store_fail(store, cause, "reading lesson pages");
	}
	return 0;
}

void catalog_pages_release(struct catalog_pages *pages)
{
	for (size_t i = 0; i < pages->n; i++) {
		free(pages->items[i].title);
		free(pages->items[i].body);
	}
	free(pages->items);
	memset(pages, 0, sizeof(*pages));
}

int catalog_handout_load(struct store *store, long long course_id, char **out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT body FROM handout WHERE course_id = ?1", cause);
	int rc;

	*out = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = store_column_text(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading handout");
	return *out != NULL;
}

/* Fills an item from a row: question id, version id, version, position,
 * name, topic, body. Returns -1 with *cause when the body is not valid. */
static int question_from_row(sqlite3_stmt *st, struct catalog_question *item, char **cause)
{
	const char *body = (const char *)sqlite3_column_text(st, 6);

	memset(item, 0, sizeof(*item));
	item->question_id = sqlite3_column_int64(st, 0);
	item->version_id = sqlite3_column_int64(st, 1);
	item->version = sqlite3_column_int(st, 2);
	item->position = sqlite3_column_int(st, 3);
	item->name = store_column_text(st, 4);
	item->topic = store_column_text(st, 5);
	if (question_from_json_string(body ? body : "", &item->q, cause) < 0) {
		catalog_question_release(item);
		return -1;
	}
	free(item->q.category);
	item->q.category = item->topic ? xstrdup(item->topic) : NULL;
	return 0;
}

int catalog_questions_load(struct store *store, long long course_id,
			   struct catalog_questions *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT q.id, qv.id, qv.version, q.position, q.name, q.topic,"
				      " qv.body FROM question q JOIN question_version qv"
				      "  ON qv.question_id = q.id AND qv.version = q.current_version"
				      " WHERE q.course_id = ?1 AND q.retired = 0"
				      " ORDER BY q.position, q.id",
				      cause);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct catalog_question item;
		char *err = NULL;

		if (question_from_row(st, &item, &err) < 0) {
			*cause = xasprintf("question body in the database is damaged: %s", err);
			free(err);
			store_done(st);
			catalog_questions_release(out);
			return -1;
		}
		out->items = xreallocarray(out->items, out->n + 1, sizeof(*out->items));
		out->items[out->n++] = item;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		catalog_questions_release(out);
		return store_fail(store, cause, "reading questions");
	}
	return 0;
}

int catalog_question_version(struct store *store, long long version_id,
			     struct catalog_question *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT q.id, qv.id, qv.version, q.position, q.name, q.topic,"
				      " qv.body FROM question_version qv"
				      " JOIN question q ON q.id = qv.question_id WHERE qv.id = ?1",
				      cause);
	char *err = NULL;
	int rc, found = 0;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, version_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (question_from_row(st, out, &err) < 0) {
			store_done(st);
			*cause = xasprintf("question body in the database is damaged: %s", err);
			free(err);
			return -1;
		}
		found = 1;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading question version");
	return found;
}

void catalog_question_release(struct catalog_question *item)
{
	free(item->name);
	free(item->topic);
	question_release(&item->q);
	memset(item, 0, sizeof(*item));
}

void catalog_questions_release(struct catalog_questions *list)
{
	for (size_t i = 0; i < list->n; i++)
		catalog_question_release(&list->items[i]);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

int catalog_topics_load(struct store *store, struct catalog_topics *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store, "SELECT slug, name_sv, name_en FROM topic ORDER BY slug", cause);
	int rc;

	memset(out, 0, sizeof(*out));
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct catalog_topic *t;

		out->items = xreallocarray(out->items, out->n + 1, sizeof(*out->items));
		t = &out->items[out->n++];
		t->slug = store_column_text(st, 0);
		t->name_sv = store_column_text(st, 1);
		t->name_en = store_column_text(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		catalog_topics_release(out);
		return store_fail(store, cause, "reading topics");
	}
	return 0;
}

void catalog_topics_release(struct catalog_topics *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].slug);
		free(list->items[i].name_sv);
		free(list->items[i].name_en);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}
