/*
 * Measuring knowledge: levels per person, unit and topic; pre/post gain per
 * course; completion and overdue against assignments. Each measure has a pure
 * function with the definition (tested against hand-computed numbers) and a
 * store function that gathers the data and aggregates it over the unit tree
 * with small-group suppression (suppress.h).
 *
 * Definitions
 *
 *  Level of a person in a topic over a window of days [from, to]: the mean
 *  mark (share right, 0..1) of the person's latest answer to each question
 *  of that topic answered in the window, kiosk and paper alike (pre-tests,
 *  quizzes and refresh quizzes all count). A question is identified across
 *  its versions. Answers without a mark (essays) do not count. The person's
 *  overall level is the same over every question, whatever its topic.
 *  Reports use a window of 12 months ending on the day asked for.
 *
 *  Level of a unit in a topic: the mean of the levels of the people behind
 *  it — everyone with at least one answer in that topic in the window whose
 *  current unit is the unit or one below it (people who have left count in
 *  their last unit: the figure describes the answers given in the window).
 *  An anonymous paper sheet counts as one person of the unit it was printed
 *  for.
 *
 *  Gain of a course: over the people whose first finished quiz at the course
 *  (or a translation of it) falls in the period and who finished a pre-test
 *  of the course before it: pre = mean score of their latest such pre-test,
 *  post = mean score of that first quiz (percent), and Hake's normalised
 *  gain g = (post - pre) / (100 - pre), undefined when pre is 100.
 *
 *  Assignment: every all-staff course (audience all, not a translation) is
 *  assigned to everyone, every coordinators' course to coordinators and
 *  admins, due due_days (default 60) after the later of the day the person
 *  joined (person.created) and the day the course was introduced (see
 *  assignment.h); `vaksam assign` adds assignments or sets other due dates.
 *
 *  Completion on day d, for a person assigned a course: the latest pass of
 *  the course or a translation on or before d. With no pass: overdue when d
 *  is after the due date, else pending. With a pass: refresh due when the
 *  course refreshes (refresh_months of the course, or the setting
 *  refresh_months for all-staff courses) and d is on or after the pass plus
 *  that many months, else done. Per unit and course: the share of the
 *  assigned people active on d who have passed (done or refresh due), and
 *  the overdue people (overdue or refresh due).
 */
#ifndef VAKSAM_MEASURE_H
#define VAKSAM_MEASURE_H

#include <stdbool.h>
#include <stddef.h>

#include "suppress.h"

struct store;

/* Months in the window of a level, and quarters in a trend. */
#define MEASURE_WINDOW_MONTHS  12
#define MEASURE_TREND_QUARTERS 8
#define MEASURE_DUE_DAYS       60

/* ------------------------------------------------------------------ */
/* Pure definitions                                                   */

/* One answer of one person. */
struct measure_answer {
	long long question_id; /* the question, across versions */
	size_t topic;          /* index of its topic, or MEASURE_NO_TOPIC */
	long long at;          /* when answered, seconds since the epoch */
	double mark;           /* 0..1 */
};

#define MEASURE_NO_TOPIC ((size_t)-1)

/* Sorts answers by question, then time, as measure_person_levels needs. */
void measure_answers_sort(struct measure_answer *answers, size_t n);

/*
 * The levels of one person over [from_day, to_day]: level[t] for topic t
 * (t < n_topics) and the overall level in level[n_topics], each the mean of
 * the latest mark per question answered in the window (0..1), or NAN when
 * the person answered none there; count[t] is the number of questions
 * behind it. answers must be sorted with measure_answers_sort; level and
 * count have n_topics + 1 entries.
 */
void measure_person_levels(const struct measure_answer *answers, size_t n, size_t n_topics,
			   int from_day, int to_day, double *level, int *count);

/* Hake's normalised gain from mean scores in percent; NAN when pre >= 100. */
double measure_normalised_gain(double pre, double post);

enum completion_state {
	COMPLETION_PENDING,     /* not passed, not yet due */
	COMPLETION_OVERDUE,     /* not passed, due date passed */
	COMPLETION_DONE,        /* passed, not due for refresh */
	COMPLETION_REFRESH_DUE, /* passed, but the refresh is due */
};

/* The state on day d of an assignment due on due_day, whose latest pass on
 * or before d was on pass_day (INT_MIN when none), for a course that
 * refreshes after refresh_months (0: never). */
enum completion_state measure_completion_state(int d, int due_day, int pass_day,
					       int refresh_months);
/* "pending", "overdue", "done", "refresh_due". */
const char *completion_state_name(enum completion_state s);
bool completion_state_passed(enum completion_state s);
bool completion_state_overdue(enum completion_state s);

/* ------------------------------------------------------------------ */
/* Tables over the unit tree                                          */

/* What a report covers. */
struct measure_scope {
	long long unit_id; /* 0: the whole organisation; else this unit and below */
	int from_day;      /* first day of the period */
	int to_day;        /* last day of the period (inclusive) */
	long k;            /* small-group threshold (suppress_threshold) */
};

/*
 * A row of every per-unit table, in tree order. Row 0 is the scope: the
 * whole organisation (id 0, path "", holding the people without a unit) or
 * the unit asked for; every other row is a unit below it, its parent an
 * earlier row.
 */
struct measure_unit {
	long long id;
	char *path;    /* owned */
	char *name;    /* owned; "" for the organisation */
	int depth;     /* 0 for row 0 */
	size_t parent; /* index of the parent row; SUPPRESS_TOP for row 0 */
};

/* One figure with the people behind it. */
struct measure_cell {
	long n;                    /* people behind the figure (after suppression still
				      filled in; do not show it when hidden) */
	double value;              /* the figure; NAN when n is 0 */
	enum suppress_state state; /* whether it may be shown */
};

struct measure_topic {
	char *slug;    /* owned */
	char *name_sv; /* owned */
	char *name_en; /* owned */
};

/* One point of a trend: the window (from, to] ends on `to`. */
struct measure_window {
	int from_day, to_day;
};

struct measure_levels {
	struct measure_unit *units; /* owned, n_units rows */
	size_t n_units;
	struct measure_topic *topics; /* owned, n_topics (those with questions) */
	size_t n_topics;
	struct measure_window current, previous;
	/* n_units x (n_topics + 1) cells, row-major; the last column is the
	 * overall level. Values are levels in percent (0..100). */
	struct measure_cell *cells;
	struct measure_cell *prev_cells; /* the same for the previous window */
	/* The scope's levels at the end of each of the last quarters: trend[q *
	 * (n_topics + 1) + t], each over a 12-month window. */
	struct measure_window *quarters; /* owned, n_quarters */
	size_t n_quarters;
	struct measure_cell *trend;
};

/*
 * Levels of the units in scope per topic, for the window of 12 months
 * ending on scope->to_day, the 12 months before it, and the quarter ends of
 * the last MEASURE_TREND_QUARTERS quarters. Suppressed per topic column over
 * the unit tree. Fills *out (release with measure_levels_release). Returns
 * 0 or -1 with *cause.
 */
int measure_levels(struct store *store, const struct measure_scope *scope,
		   struct measure_levels *out, char **cause);
void measure_levels_release(struct measure_levels *l);

/* The levels of one person for the kiosk's "Min kunskap": per topic over the
 * 12 months ending on day (level NAN and count 0 where nothing was
 * answered). topics and the arrays are new; free with measure_person_free. */
struct measure_person_level {
	struct measure_topic topic; /* owned */
	double level;               /* percent, or NAN */
	int questions;              /* questions behind it */
};
int measure_person(struct store *store, long long person_id, int day,
		   struct measure_person_level **out, size_t *n, char **cause);
void measure_person_free(struct measure_person_level **levels, size_t n);

/*
 * The history of one person's levels for "Min kunskap": at each of
 * MEASURE_TREND_QUARTERS points (oldest first: the ends of the quarters
 * before, then day itself), the level per topic and overall over the 12
 * months ending there, as measure_person defines it, so the last point
 * equals measure_person(day). Fills *out (release with
 * measure_person_history_release). Returns 0 or -1 with *cause.
 */
struct measure_person_history {
	struct measure_topic *topics; /* owned, n_topics (those with questions) */
	size_t n_topics;
	struct measure_window *points; /* owned, n_points, oldest first */
	size_t n_points;
	/* n_points x (n_topics + 1), row-major; the last column is the overall
	 * level. level in percent, NAN where count is 0; count the questions. */
	double *level;
	int *count;
};
int measure_person_history(struct store *store, long long person_id, int day,
			   struct measure_person_history *out, char **cause);
void measure_person_history_release(struct measure_person_history *h);

struct measure_course {
	long long id;       /* the base course (not a translation) */
	char *slug;         /* owned */
	char *title;        /* owned */
	bool coordinators;  /* audience coordinators */
	int due_days;       /* days to pass it after being assigned */
	int refresh_months; /* 0 when it does not refresh */
	int introduced;     /* day the course was introduced */
	int position;
};

/* A gain figure. */
struct measure_gain_cell {
	long n;           /* people with both a pre-test and a quiz */
	double pre, post; /* mean scores in percent (NAN when n is 0) */
	double gain;      /* normalised gain, or NAN */
	enum suppress_state state;
};

struct measure_gains {
	struct measure_unit *units; /* owned */
	size_t n_units;
	struct measure_course *courses; /* owned: courses with a pre-test */
	size_t n_courses;
	struct measure_gain_cell *cells;      /* n_units x n_courses, the period */
	struct measure_gain_cell *prev_cells; /* the same for the previous period */
	/* The scope (row 0) over every course, pairs pooled (n counts pairs).
	 * Hidden also when the total minus the shown courses would describe
	 * fewer than k people: those with a pair in a hidden course. */
	struct measure_gain_cell total, prev_total;
	struct measure_window current, previous;
};

/* Gains per course and unit over the period of scope and the period of the
 * same length before it. Returns 0 or -1 with *cause. */
int measure_gains(struct store *store, const struct measure_scope *scope, struct measure_gains *out,
		  char **cause);
void measure_gains_release(struct measure_gains *g);

struct measure_completion_cell {
	long people;   /* people behind the figure (in the total column, people
			  with at least one assignment) */
	long assigned; /* assignments (per course: the people assigned) */
	long passed;   /* done or refresh due */
	long overdue;  /* overdue or refresh due */
	long refresh_due;
	double share; /* passed / assigned in percent; NAN when none assigned */
	enum suppress_state state;
};

struct measure_completion {
	struct measure_unit *units; /* owned */
	size_t n_units;
	struct measure_course *courses; /* owned: base courses */
	size_t n_courses;
	/* n_units x (n_courses + 1): the last column adds up the all-staff
	 * courses (assigned = person-course pairs; people = distinct people,
	 * who decide suppression); the coordinators' programme has only its
	 * own columns. Each column is suppressed over the unit tree, and a
	 * total is hidden as well when it would give away hidden course cells
	 * of its row (total minus the shown courses). */
	struct measure_completion_cell *cells;      /* on the period's last day */
	struct measure_completion_cell *prev_cells; /* on the day before the period */
	int day, prev_day;
};

/* Completion per unit and course on scope->to_day and on the day before
 * scope->from_day. Returns 0 or -1 with *cause. */
int measure_completion(struct store *store, const struct measure_scope *scope,
		       struct measure_completion *out, char **cause);
void measure_completion_release(struct measure_completion *c);

/* One assignment of one person, for the coordinator's "Min enhet". */
struct measure_person_course {
	long long course_id; /* base course */
	int due_day;
	int pass_day; /* INT_MIN when never passed (on or before the day) */
	enum completion_state state;
};
/* The assignments of a person on day d (new array; free()). Returns 0 or -1. */
int measure_person_completion(struct store *store, long long person_id, int d,
			      struct measure_person_course **out, size_t *n, char **cause);

/*
 * Makes every read that follows, until measure_snapshot_end(), see one
 * snapshot of the database (a read transaction): the figures of one report
 * agree with each other while kiosks keep writing, and the thousands of small
 * reads of a report take the file's shared lock once instead of once each.
 * Returns 1 when it began the transaction, 0 when one was already open (then
 * measure_snapshot_end() leaves it alone), -1 on error.
 */
int measure_snapshot_begin(struct store *store, char **cause);
/* Ends the read transaction measure_snapshot_begin() returned `began` for. */
void measure_snapshot_end(struct store *store, int began);

/* The base courses in programme order (new array; free with
 * measure_courses_free). */
int measure_courses(struct store *store, struct measure_course **out, size_t *n, char **cause);
void measure_courses_free(struct measure_course **courses, size_t n);
/* The topics in the order of content/topics.conf as built (the topic table),
 * then those only questions name. */
int measure_topics(struct store *store, struct measure_topic **out, size_t *n, char **cause);
void measure_topics_free(struct measure_topic **topics, size_t n);
/* The rows of a scope (see struct measure_unit); *out new, free with
 * measure_units_free. Returns 1 when scope_unit is not a unit. */
int measure_units(struct store *store, long long scope_unit, struct measure_unit **out, size_t *n,
		  char **cause);
void measure_units_free(struct measure_unit **units, size_t n);

/* One response, for the `responses` export. Pointers are valid during the
 * callback only. */
struct measure_response_row {
	long long attempt_id;
	const char *course;   /* course slug */
	const char *question; /* the question's name */
	int version;          /* question version answered */
	const char *topic;    /* "" when none */
	const char *kind;     /* pre, quiz, refresh */
	const char *source;   /* kiosk, paper */
	const char *answered; /* UTC time */
	double mark;          /* 0..1 */
	const char *unit;     /* reporting unit path; "" for the whole organisation */
};

/*
 * Calls fn for every scored response answered in the period whose person's
 * current unit (or anonymous sheet's unit) is in scope, attempt by attempt
 * in id order. No row names a person, and none names a small group: the
 * unit given is the smallest unit at or above the person's own with at
 * least scope->k active people. fn returns 0 to go on, anything else to
 * stop (then that value is returned). Returns 0, or -1 with *cause.
 */
int measure_responses(struct store *store, const struct measure_scope *scope,
		      int (*fn)(void *ctx, const struct measure_response_row *row), void *ctx,
		      char **cause);

/* The default period: the 12 months ending today (to = today, from = the
 * day after today minus 12 months). */
void measure_default_period(int today, int *from_day, int *to_day);
/* The period of the same length just before [from, to]. */
void measure_previous_period(int from_day, int to_day, int *prev_from, int *prev_to);

#include "banned.h"

#endif
