/*
 * A person's progress: where they are in a course's lessons (table
 * lesson_progress, one row per person and course), and the status of each
 * course they are meant to take, for the kiosk's home screen.
 *
 * Translations: a course and its translations (translation_of) form one
 * group; passing any version counts for the group, and the list shows the
 * version in the session's language when there is one.
 */
#ifndef VAKSAM_PROGRESS_H
#define VAKSAM_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct store;

/* Reads the place in a course's lessons: *page_no (1-based) and the highest
 * page reached. Returns 1, 0 when the person never opened the lessons (both
 * set to 0), -1 on error. */
int progress_get(struct store *store, long long person_id, long long course_id, int *page_no,
		 int *pages_seen, char **cause);
/* Records that the person is on page_no (1-based); pages_seen only grows.
 * Its own BEGIN IMMEDIATE transaction. */
int progress_set(struct store *store, long long person_id, long long course_id, int page_no,
		 char **cause);
/* The course the person last read a lesson page in, and when; 1, 0 or -1.
 * *updated is newly allocated (caller frees). */
int progress_latest(struct store *store, long long person_id, long long *course_id, int *page_no,
		    char **updated, char **cause);

enum course_state {
	COURSE_NOT_STARTED,
	COURSE_IN_PROGRESS,
	COURSE_PASSED,
	COURSE_REFRESH_DUE,
	COURSE_LOCKED,
};

/* The latest completion of any course of a translation group (group = the
 * root course's slug): returns 1 and fills *completion_id (when not NULL),
 * *at (newly allocated, caller frees) and *score; 0 when there is none; -1. */
int progress_group_completion(struct store *store, long long person_id, const char *group,
			      long long *completion_id, char **at, double *score, char **cause);

struct course_status {
	long long course_id; /* the version shown (session language when there is one) */
	char *slug;          /* owned */
	char *group;         /* owned: the translation group (translation_of, else slug) */
	char *title;         /* owned */
	char *language;      /* owned: "sv" or "en" */
	bool coordinators;   /* audience coordinators */
	int position;        /* programme order */
	int pages;           /* lesson pages */
	int questions;       /* scored questions in the quiz */
	int pretest;         /* pre-test questions, 0 for none */
	int pages_seen;      /* highest lesson page reached */
	int answered;        /* questions answered in the open quiz attempt */
	bool open_attempt;   /* an unfinished kiosk attempt exists */
	bool pre_done;       /* a finished pre-test exists for the group */
	bool quiz_tried;     /* a finished quiz or refresh exists for the group */
	double last_score;   /* percent of the latest finished quiz, when quiz_tried */
	enum course_state state;
	char *passed_at;      /* owned; latest completion in the group, or NULL */
	double passed_score;  /* its score */
	char *requires_title; /* owned; first unmet requirement when locked, else NULL */
};

/*
 * The courses person_id is meant to take (audience all, and coordinators'
 * courses for coordinators and admins), one per translation group in the
 * language lang ("sv" or "en") when there is one, in programme order: all-staff
 * courses first, then the coordinators' programme, each by position and title.
 * *out is a new array; free with progress_courses_free().
 */
int progress_courses(struct store *store, long long person_id, const char *lang,
		     struct course_status **out, size_t *n, char **cause);
void progress_courses_free(struct course_status **list, size_t n);

/* The status of one course (by id, in any language) as progress_courses would
 * report it. Returns 1, 0 when the course is not one of the person's, -1. */
int progress_course(struct store *store, long long person_id, long long course_id,
		    struct course_status *out, char **cause);
void course_status_release(struct course_status *s);

#include "banned.h"

#endif
