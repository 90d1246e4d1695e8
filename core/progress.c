/* Lesson progress and course status; see progress.h. */
#include "progress.h"

#include <stdlib.h>
#include <string.h>

#include "setting.h"
#include "store_internal.h"
#include "xmalloc.h"

/* A course row before the choice of one version per translation group. */
struct row {
	long long id;
	char *slug, *title, *language, *group;
	bool coordinators;
	int position, pretest, refresh_months, pages, questions;
};

static void row_release(struct row *r)
{
	free(r->slug);
	free(r->title);
	free(r->language);
	free(r->group);
}

void course_status_release(struct course_status *s)
{
	if (s == NULL)
		return;
	free(s->slug);
	free(s->group);
	free(s->title);
	free(s->language);
	free(s->passed_at);
	free(s->requires_title);
	memset(s, 0, sizeof(*s));
}

void progress_courses_free(struct course_status **list, size_t n)
{
	if (*list == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		course_status_release(&(*list)[i]);
	free(*list);
	*list = NULL;
}

int progress_get(struct store *store, long long person_id, long long course_id, int *page_no,
		 int *pages_seen, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT page_no, pages_seen FROM lesson_progress"
				      " WHERE person_id = ?1 AND course_id = ?2",
				      cause);
	int rc;

	*page_no = 0;
	*pages_seen = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*page_no = sqlite3_column_int(st, 0);
		*pages_seen = sqlite3_column_int(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading lesson progress");
	return rc == SQLITE_ROW;
}

int progress_set(struct store *store, long long person_id, long long course_id, int page_no,
		 char **cause)
{
	sqlite3_stmt *st;
	char *now = NULL;
	int rc = -1;

	if (store_begin(store, cause) < 0)
		return -1;
	st = store_stmt(store,
			"INSERT INTO lesson_progress (person_id, course_id, page_no, pages_seen,"
			" updated) VALUES (?1, ?2, ?3, ?3, ?4) ON CONFLICT (person_id, course_id)"
			" DO UPDATE SET page_no = ?3, pages_seen = max(pages_seen, ?3),"
			" updated = ?4",
			cause);
	if (st == NULL)
		goto cleanup;
	now = store_now();
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	sqlite3_bind_int(st, 3, page_no);
	store_bind_text(st, 4, now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(store, cause, "saving lesson progress");
		goto cleanup;
	}
	store_done(st);
	if (store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0)
		store_rollback(store);
	free(now);
	return rc;
}

int progress_latest(struct store *store, long long person_id, long long *course_id, int *page_no,
		    char **updated, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT course_id, page_no, updated FROM lesson_progress"
				      " WHERE person_id = ?1 ORDER BY updated DESC LIMIT 1",
				      cause);
	int rc;

	*course_id = 0;
	*page_no = 0;
	*updated = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*course_id = sqlite3_column_int64(st, 0);
		*page_no = sqlite3_column_int(st, 1);
		*updated = store_column_text(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading lesson progress");
	return rc == SQLITE_ROW;
}

/* Reads the course rows the person may see. *out is a new array. */
static int load_rows(struct store *store, bool coordinator, long long only_id, struct row **out,
		     size_t *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT c.id, c.slug, c.title, c.language, coalesce(c.translation_of, c.slug),"
	    " c.audience = 'coordinators', c.position, c.pretest,"
	    " coalesce(c.refresh_months, 0),"
	    " (SELECT count(*) FROM lesson_page p WHERE p.course_id = c.id),"
	    " (SELECT count(*) FROM question q JOIN question_version qv"
	    "   ON qv.question_id = q.id AND qv.version = q.current_version"
	    "   WHERE q.course_id = c.id AND q.retired = 0 AND qv.type <> 'description')"
	    " FROM course c WHERE c.retired = 0 AND (c.audience = 'all' OR ?1)"
	    " AND (?2 = 0 OR c.id = ?2)"
	    " ORDER BY c.audience = 'coordinators', c.position, c.title COLLATE sv, c.id",
	    cause);
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, coordinator);
	sqlite3_bind_int64(st, 2, only_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct row *r;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->slug = store_column_text(st, 1);
		r->title = store_column_text(st, 2);
		r->language = store_column_text(st, 3);
		r->group = store_column_text(st, 4);
		r->coordinators = sqlite3_column_int(st, 5) != 0;
		r->position = sqlite3_column_int(st, 6);
		r->pretest = sqlite3_column_int(st, 7);
		r->refresh_months = sqlite3_column_int(st, 8);
		r->pages = sqlite3_column_int(st, 9);
		r->questions = sqlite3_column_int(st, 10);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < *n; i++)
			row_release(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
		return store_fail(store, cause, "reading courses");
	}
	return 0;
}

static int person_is_coordinator(struct store *store, long long person_id, bool *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT role FROM person WHERE id = ?1", cause);
	const char *role;

	*out = false;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		role = (const char *)sqlite3_column_text(st, 0);
		*out = role && strcmp(role, "staff") != 0;
	}
	store_done(st);
	return 0;
}

int progress_group_completion(struct store *store, long long person_id, const char *group,
			      long long *completion_id, char **at, double *score, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT id, passed_at, score FROM completion WHERE person_id = ?1"
				      " AND course_id IN (SELECT id FROM course"
				      "  WHERE coalesce(translation_of, slug) = ?2)"
				      " ORDER BY passed_at DESC, id DESC LIMIT 1",
				      cause);
	int rc;

	*at = NULL;
	*score = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, group);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (completion_id)
			*completion_id = sqlite3_column_int64(st, 0);
		*at = store_column_text(st, 1);
		*score = sqlite3_column_double(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading completions");
	return rc == SQLITE_ROW;
}

/* Whether at + months is before now. */
static int refresh_due(struct store *store, const char *at, int months, bool *due, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT strftime('%s', ?1, '+' || ?2 || ' months')"
				      " < strftime('%s', ?3)",
				      cause);
	char *now = store_now();

	*due = false;
	if (st == NULL) {
		free(now);
		return -1;
	}
	store_bind_text(st, 1, at);
	sqlite3_bind_int(st, 2, months);
	store_bind_text(st, 3, now);
	if (sqlite3_step(st) == SQLITE_ROW)
		*due = sqlite3_column_int(st, 0) != 0;
	store_done(st);
	free(now);
	return 0;
}

/* Attempts of the group: pre_done, quiz_tried and last_score. */
static int group_attempts(struct store *store, long long person_id, const char *group,
			  struct course_status *s, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT kind, score FROM attempt WHERE person_id = ?1"
				      " AND finished IS NOT NULL AND course_id IN (SELECT id"
				      "  FROM course WHERE coalesce(translation_of, slug) = ?2)"
				      " ORDER BY finished, id",
				      cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, group);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);

		if (kind && strcmp(kind, "pre") == 0) {
			s->pre_done = true;
		} else {
			s->quiz_tried = true;
			s->last_score = sqlite3_column_double(st, 1);
		}
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading attempts");
	return 0;
}

/* The open kiosk attempt at a course: open_attempt and answered. */
static int open_attempt(struct store *store, long long person_id, long long course_id,
			struct course_status *s, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT a.kind, (SELECT count(*) FROM response r"
				      " WHERE r.attempt_id = a.id) FROM attempt a"
				      " WHERE a.person_id = ?1 AND a.course_id = ?2"
				      " AND a.finished IS NULL AND a.source = 'kiosk'"
				      " ORDER BY a.id DESC LIMIT 1",
				      cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);

		s->open_attempt = true;
		/* A pre-test's answers are not steps of the course itself. */
		if (kind && strcmp(kind, "pre") != 0)
			s->answered = sqlite3_column_int(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading attempts");
	return 0;
}

/* The title of a group's course in lang, else of its original; caller frees. */
static char *group_title(struct store *store, const char *group, const char *lang)
{
	char *cause = NULL;
	char *title = NULL;
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT title FROM course WHERE coalesce(translation_of, slug)"
		       " = ?1 ORDER BY language = ?2 DESC, translation_of IS NULL DESC"
		       " LIMIT 1",
		       &cause);

	if (st == NULL) {
		free(cause);
		return xstrdup(group);
	}
	store_bind_text(st, 1, group);
	store_bind_text(st, 2, lang);
	if (sqlite3_step(st) == SQLITE_ROW)
		title = store_column_text(st, 0);
	store_done(st);
	return title ? title : xstrdup(group);
}

/* The first requirement of a course whose group the person has not passed;
 * sets *title (newly allocated) or leaves it NULL. */
static int first_unmet(struct store *store, long long person_id, long long course_id,
		       const char *lang, char **title, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "SELECT coalesce((SELECT coalesce(c.translation_of, c.slug) FROM course c"
	    "  WHERE c.slug = r.requires), r.requires) AS grp FROM course_require r"
	    " WHERE r.course_id = ?1 AND NOT EXISTS (SELECT 1 FROM completion k"
	    "  JOIN course c2 ON c2.id = k.course_id WHERE k.person_id = ?2"
	    "  AND coalesce(c2.translation_of, c2.slug) = coalesce((SELECT"
	    "  coalesce(c.translation_of, c.slug) FROM course c WHERE c.slug = r.requires),"
	    "  r.requires)) ORDER BY r.requires LIMIT 1",
	    cause);
	char *group = NULL;
	int rc;

	*title = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	sqlite3_bind_int64(st, 2, person_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		group = store_column_text(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading requirements");
	if (group) {
		*title = group_title(store, group, lang);
		free(group);
	}
	return 0;
}

/* Fills the status of a chosen course row. */
static int status_fill(struct store *store, long long person_id, const struct row *r,
		       const char *lang, struct course_status *s, char **cause)
{
	int page_no;
	int found;

	memset(s, 0, sizeof(*s));
	s->course_id = r->id;
	s->slug = xstrdup(r->slug);
	s->group = xstrdup(r->group);
	s->title = xstrdup(r->title);
	s->language = xstrdup(r->language);
	s->coordinators = r->coordinators;
	s->position = r->position;
	s->pages = r->pages;
	s->questions = r->questions;
	s->pretest = r->pretest;
	if (progress_get(store, person_id, r->id, &page_no, &s->pages_seen, cause) < 0)
		return -1;
	if (s->pages_seen > s->pages)
		s->pages_seen = s->pages;
	if (open_attempt(store, person_id, r->id, s, cause) < 0 ||
	    group_attempts(store, person_id, r->group, s, cause) < 0)
		return -1;
	found =
	    progress_group_completion(store, person_id, r->group, NULL, &s->passed_at,
				      &s->passed_score, cause);
	if (found < 0)
		return -1;
	if (found) {
		int months = r->refresh_months;
		bool due = false;

		if (months == 0 && !r->coordinators) {
			long v = 12;
			char *ignored = NULL;

			if (setting_get_int(store, "refresh_months", &v, &ignored) < 0)
				free(ignored);
			months = (int)v;
		}
		if (months > 0 && refresh_due(store, s->passed_at, months, &due, cause) < 0)
			return -1;
		s->state = due ? COURSE_REFRESH_DUE : COURSE_PASSED;
		return 0;
	}
	if (first_unmet(store, person_id, r->id, lang, &s->requires_title, cause) < 0)
		return -1;
	if (s->requires_title)
		s->state = COURSE_LOCKED;
	else if (s->pages_seen > 0 || s->open_attempt || s->pre_done || s->quiz_tried)
		s->state = COURSE_IN_PROGRESS;
	else
		s->state = COURSE_NOT_STARTED;
	return 0;
}

/* Index of the row to show for group g: lang first, then the original. */
static size_t pick_version(const struct row *rows, size_t n, const char *group, const char *lang)
{
	size_t best = n;
	int best_rank = -1;

	for (size_t i = 0; i < n; i++) {
		int rank;

		if (strcmp(rows[i].group, group) != 0)
			continue;
		rank = (strcmp(rows[i].language, lang) == 0) * 2 +
		       (strcmp(rows[i].slug, rows[i].group) == 0);
		if (rank > best_rank) {
			best_rank = rank;
			best = i;
		}
	}
	return best;
}

int progress_courses(struct store *store, long long person_id, const char *lang,
		     struct course_status **out, size_t *n, char **cause)
{
	struct row *rows = NULL;
	size_t n_rows = 0;
	bool coordinator;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (person_is_coordinator(store, person_id, &coordinator, cause) < 0 ||
	    load_rows(store, coordinator, 0, &rows, &n_rows, cause) < 0)
		return -1;
	*out = n_rows ? xcalloc(n_rows, sizeof(**out)) : NULL;
	/* Rows come in programme order; the original of a group sets its place. */
	for (size_t i = 0; i < n_rows; i++) {
		size_t pick;
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			if (strcmp(rows[j].group, rows[i].group) == 0)
				seen = true;
		if (seen)
			continue;
		pick = pick_version(rows, n_rows, rows[i].group, lang);
		if (status_fill(store, person_id, &rows[pick], lang, &(*out)[*n], cause) < 0) {
			(*n)++;
			goto cleanup;
		}
		(*n)++;
	}
	rc = 0;
cleanup:
	if (rc < 0) {
		progress_courses_free(out, *n);
		*n = 0;
	}
	for (size_t i = 0; i < n_rows; i++)
		row_release(&rows[i]);
	free(rows);
	return rc;
}

int progress_course(struct store *store, long long person_id, long long course_id,
		    struct course_status *out, char **cause)
{
	struct row *rows = NULL;
	size_t n_rows = 0;
	bool coordinator;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (person_is_coordinator(store, person_id, &coordinator, cause) < 0 ||
	    load_rows(store, coordinator, course_id, &rows, &n_rows, cause) < 0)
		return -1;
	if (n_rows == 0) {
		rc = 0;
		goto cleanup;
	}
	if (status_fill(store, person_id, &rows[0], rows[0].language, out, cause) < 0) {
		course_status_release(out);
		goto cleanup;
	}
	rc = 1;
cleanup:
	for (size_t i = 0; i < n_rows; i++)
		row_release(&rows[i]);
	free(rows);
	return rc;
}
