/*
 * The course catalog in the store: courses, their topics, requirements,
 * lesson pages, handouts and versioned questions. This is the only module
 * with SQL for those tables. Two sides:
 *
 * - catalog_build() writes what authoring read from the course folders, in
 *   one transaction. It is idempotent: building the same content again
 *   changes nothing in the file (a course whose source hash is unchanged is
 *   not touched). A question is identified by its name within its course; a
 *   changed text, answer or feedback makes a new question_version (the old
 *   one stays, so past responses keep what they answered); a question no
 *   longer in the file is retired, never deleted.
 * - the read functions the kiosk, print and reports use. They carry no
 *   SQLite types. Every struct they fill owns its strings and is released
 *   with the matching _release function, which accepts a zero-initialised
 *   struct and leaves it zero-initialised.
 *
 * A question version's body is question_to_json() of the question with its
 * category left out (null): the topic is a property of the question
 * (question.topic), so moving a question to another topic does not make a
 * new version.
 */
#ifndef VAKSAM_CATALOG_H
#define VAKSAM_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "question.h"
#include "scancode.h"

struct store;

/* --- building --------------------------------------------------------- */

struct catalog_build_topic {
	const char *slug;    /* not owned */
	const char *name_sv; /* not owned */
	const char *name_en; /* not owned */
};

struct catalog_build_page {
	const char *title; /* not owned */
	const char *body;  /* not owned; Markdown without the title line */
};

/* One course as authoring read it. Nothing here is owned by the struct. */
struct catalog_build_course {
	const char *slug, *title, *language, *audience;
	const char *translation_of; /* NULL when none */
	const char *feedback;       /* "each" or "end"; NULL means "each" */
	int version, pass_mark, minutes;
	int pretest;        /* 0: none */
	int refresh_months; /* 0: not set (the setting's default applies) */
	int due_days;       /* 0: not set */
	int order;          /* 1-999 from the front matter; 0: not given */
	const char *const *topics;
	size_t n_topics;
	const char *const *requires;
	size_t n_requires;
	const struct catalog_build_page *pages;
	size_t n_pages;
	const char *handout; /* Markdown, or NULL */
	/* The quiz in file order; each question's id is its name (required)
	 * and its category its topic (may be NULL). */
	const struct question *questions;
	size_t n_questions;
};

struct catalog_stats {
	int courses_added, courses_changed, courses_unchanged;
	int questions_added;   /* new names */
	int versions_added;    /* new versions of existing questions */
	int questions_retired; /* names no longer in their file */
};

/*
 * Writes topics and courses into the store. Runs in its own BEGIN IMMEDIATE
 * transaction, or inside the caller's when one is open (then the caller
 * commits or rolls back). On error nothing is written (its own transaction
 * is rolled back) and -1 is returned with *cause set (caller frees). stats
 * may be NULL.
 *
 * A course's position (programme order) is the larger of
 * - its order: the course's own, else (for a translation) the order of the
 *   course it translates, else 0; when that course is not among those
 *   built, its position in the store stands in for its order;
 * - its chain of requirements: 0 for a course that requires nothing, else
 *   one more than the highest position among the courses it requires (a
 *   course not among those built counts with its position in the store).
 * So a course without any order keeps the length of its chain, and a
 * course is never placed before a course it requires.
 */
int catalog_build(struct store *store, const struct catalog_build_topic *topics, size_t n_topics,
		  const struct catalog_build_course *courses, size_t n_courses,
		  struct catalog_stats *stats, char **cause);

/* --- reading ---------------------------------------------------------- */

struct catalog_course {
	long long id;
	char *slug;           /* owned */
	char *title;          /* owned */
	char *language;       /* owned; "sv" or "en" */
	char *translation_of; /* owned; NULL when none */
	char *audience;       /* owned; "all" or "coordinators" */
	char *feedback;       /* owned; "each" or "end" */
	int version, pass_mark, minutes;
	int pretest;        /* 0: no pre-test */
	int refresh_months; /* 0: not set; use the refresh_months setting */
	int due_days;       /* 0: not set */
	int position;       /* programme order, see catalog_build() */
	bool has_handout;
	char **topics;      /* owned, n_topics slugs */
	size_t n_topics;
	char **requires;    /* owned, n_requires course slugs */
	size_t n_requires;
};

struct catalog_courses {
	struct catalog_course *items; /* owned, n entries */
	size_t n;
};

struct catalog_page {
	int page_no; /* 1-based */
	char *title; /* owned */
	char *body;  /* owned; Markdown, parse with page_parse() */
};

struct catalog_pages {
	struct catalog_page *items; /* owned, n entries in page order */
	size_t n;
};

struct catalog_question {
	long long question_id; /* question.id */
	long long version_id;  /* question_version.id of the current version */
	int version;           /* its version number */
	int position;          /* order in the quiz file, 0-based */
	char *name;            /* owned; the ::name:: */
	char *topic;           /* owned; NULL when the question has none */
	struct question q;     /* owned; q.category is the topic as well */
};

struct catalog_questions {
	struct catalog_question *items; /* owned, n entries in quiz order */
	size_t n;
};

struct catalog_topic {
	char *slug, *name_sv, *name_en; /* owned */
};

struct catalog_topics {
	struct catalog_topic *items; /* owned, n entries ordered by slug */
	size_t n;
};

/* Every course that is not retired, ordered by audience ("all" first),
 * position, then slug. Returns 0, or -1 with *cause. */
int catalog_courses_load(struct store *store, struct catalog_courses *out, char **cause);
void catalog_courses_release(struct catalog_courses *list);

/* One course by slug or by id. Return 1 and fill *out, 0 when there is no
 * such course, -1 with *cause on error. */
int catalog_course_find(struct store *store, const char *slug, struct catalog_course *out,
			char **cause);
int catalog_course_get(struct store *store, long long id, struct catalog_course *out,
		       char **cause);
/*
 * One course by a scanned or typed code (any case, spaces allowed). *status
 * says what the text was: SCANCODE_MALFORMED (not a code), SCANCODE_MISTYPED
 * (bad check character) or SCANCODE_OK. Returns 1 and fills *out when it is
 * the code of a course, 0 otherwise (also for a valid code of another kind
 * or an unknown course), -1 with *cause on error.
 */
int catalog_course_by_code(struct store *store, const char *text, enum scancode_status *status,
			   struct catalog_course *out, char **cause);
void catalog_course_release(struct catalog_course *course);

/* The lesson pages of a course in order. 0, or -1 with *cause. */
int catalog_pages_load(struct store *store, long long course_id, struct catalog_pages *out,
		       char **cause);
void catalog_pages_release(struct catalog_pages *pages);

/* The handout's Markdown: 1 and *out newly allocated (caller frees), 0 when
 * the course has none, -1 with *cause. */
int catalog_handout_load(struct store *store, long long course_id, char **out, char **cause);

/* The current, not retired questions of a course in quiz order. 0 or -1. */
int catalog_questions_load(struct store *store, long long course_id,
			   struct catalog_questions *out, char **cause);
void catalog_questions_release(struct catalog_questions *list);

/*
 * Any version of a question by question_version.id, current or not, retired
 * or not (a past response keeps the version it answered). Returns 1 and
 * fills *out (zero-initialised or released; out->q.category is the
 * question's topic), 0 when there is no such version, -1 with *cause.
 */
int catalog_question_version(struct store *store, long long version_id,
			     struct catalog_question *out, char **cause);
void catalog_question_release(struct catalog_question *item);

/* Every topic. 0, or -1 with *cause. */
int catalog_topics_load(struct store *store, struct catalog_topics *out, char **cause);
void catalog_topics_release(struct catalog_topics *list);

#include "banned.h"

#endif
