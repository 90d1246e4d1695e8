/*
 * Attempts at a course's questions and the responses given in them.
 *
 * An attempt is planned when it starts: which question versions are asked,
 * in which order, and in which order each question's choices are shown. The
 * plan is stored with the attempt (column `plan`, JSON), so a kiosk session
 * that ends for any reason resumes the same attempt with the same order.
 *
 * Invariants:
 * - every response is committed in its own BEGIN IMMEDIATE transaction the
 *   moment it is given, and a question is answered at most once per attempt
 *   (UNIQUE (attempt_id, question_version_id));
 * - a person has at most one open (unfinished) kiosk attempt per course and
 *   kind; attempt_start() returns the open one instead of starting another;
 * - finishing computes the score from the stored responses (unanswered scored
 *   questions count as 0, essays and descriptions do not count), sets passed
 *   against the course's pass mark and, for a passed quiz or refresh, records
 *   a completion, all in one transaction.
 *
 * Answers are stored as JSON (see attempt_answer_to_json), in the indexes of
 * the question as built, never in display order, so a shuffled plan does not
 * change what an answer means.
 */
#ifndef VAKSAM_ATTEMPT_H
#define VAKSAM_ATTEMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "question.h"

struct store;

enum attempt_kind { ATTEMPT_PRE, ATTEMPT_QUIZ, ATTEMPT_REFRESH };
enum attempt_source { ATTEMPT_KIOSK, ATTEMPT_PAPER };

/* One planned question. */
struct attempt_item {
	long long version_id; /* question_version.id asked */
	int *order;           /* owned; display order of the choices: order[k] is an index
				 into answers[] (single, multi) or pairs[] (matching, the
				 right-hand sides); NULL when n_order is 0 */
	size_t n_order;
};

struct attempt {
	long long id;
	long long person_id; /* 0 for an anonymous paper sheet */
	long long course_id;
	int course_version;
	enum attempt_kind kind;
	enum attempt_source source;
	char *started;              /* owned */
	char *finished;             /* owned; NULL while the attempt is open */
	double score;               /* percent, 0..100; meaningful once finished */
	bool passed;                /* meaningful once finished */
	struct attempt_item *items; /* owned; the plan, n_items entries */
	size_t n_items;
	/* Open kiosk attempts: where the person was (attempt_save_place). */
	bool has_place; /* place and draft were saved */
	size_t place;   /* the plan position last shown */
	char *draft;    /* owned; text typed there but not sent, or NULL */
};

/* A stored response. */
struct attempt_response {
	size_t position;      /* index in the plan */
	long long version_id; /* question_version.id answered */
	char *answer;         /* owned; JSON as attempt_answer_to_json writes it */
	double mark;          /* 0..1, or QUESTION_UNSCORED */
	char *answered;       /* owned; UTC time */
};

/* A decoded answer; owns its arrays. question_response_view() lends them out. */
struct attempt_answer {
	size_t *chosen; /* owned, n_chosen entries */
	size_t n_chosen;
	char *text; /* owned; NULL when none */
	int *match; /* owned, n_match entries */
	size_t n_match;
};

/* Per topic, for a result screen. */
struct attempt_topic {
	char *topic;  /* owned; "" for questions without a topic */
	double marks; /* sum of marks */
	int right;    /* questions with full marks */
	int total;    /* scored questions asked */
};

const char *attempt_kind_name(enum attempt_kind kind);

/*
 * Starts an attempt for person at a course, or returns the open one of the
 * same kind (another kiosk may have just started it). The plan holds the
 * course's current questions: for ATTEMPT_PRE a random n_pre of the scored
 * ones in course order; for ATTEMPT_REFRESH the scored ones in refresh order
 * (leitner.h: what the person got wrong last time first); otherwise all of
 * them, shuffled (a description stays before the question that follows it).
 * Choices of single, multi and matching questions are shuffled. Fills *out (released with
 * attempt_release). Returns 0, or -1 with *cause.
 */
int attempt_start(struct store *store, long long person_id, long long course_id,
		  enum attempt_kind kind, size_t n_pre, struct attempt *out, char **cause);

/* Finds the person's most recent open kiosk attempt at a course (any kind).
 * Returns 1 and fills *out, 0 when there is none, -1 on error. */
int attempt_find_open(struct store *store, long long person_id, long long course_id,
		      struct attempt *out, char **cause);
/* Finds the person's most recent open kiosk attempt at any course. */
int attempt_find_any_open(struct store *store, long long person_id, struct attempt *out,
			  char **cause);
/* Loads an attempt by id. Returns 1, 0 when not found, -1 on error. */
int attempt_get(struct store *store, long long id, struct attempt *out, char **cause);
/* The person's latest finished attempt of a kind at a course: 1, 0 or -1. */
int attempt_latest_finished(struct store *store, long long person_id, long long course_id,
			    enum attempt_kind kind, struct attempt *out, char **cause);

/*
 * Commits one response in its own transaction (BEGIN IMMEDIATE). answer is
 * JSON from attempt_answer_to_json; mark is 0..1 or QUESTION_UNSCORED.
 * Returns 0, 1 when that question was already answered in the attempt (the
 * first answer stands), or -1 with *cause.
 */
int attempt_answer(struct store *store, long long attempt_id, size_t position, long long version_id,
		   const char *answer, double mark, char **cause);

/*
 * Remembers where the person is in an open attempt: the plan position shown
 * (a description has no response, so this is the only trace of having
 * reached one) and what has been typed there but not sent (draft, may be
 * NULL), so that a session ended by SIGHUP, SIGTERM or a lost connection
 * resumes on the same screen with the same text. Kept in the plan (members
 * "at" and "draft"), in its own BEGIN IMMEDIATE transaction; a finished
 * attempt is left alone and attempt_finish() drops both. Returns 0 or -1.
 */
int attempt_save_place(struct store *store, long long attempt_id, size_t position,
		       const char *draft, char **cause);

/* The responses of an attempt in plan order. *out is a new array; free with
 * attempt_responses_free(). */
int attempt_responses(struct store *store, long long attempt_id, struct attempt_response **out,
		      size_t *n, char **cause);
void attempt_responses_free(struct attempt_response **responses, size_t n);

/*
 * Finishes an open attempt: score from the stored responses, passed against
 * the course's pass mark (a pre-test never passes), a completion for a passed
 * quiz or refresh. Updates *a. Finishing a finished attempt changes nothing.
 */
int attempt_finish(struct store *store, struct attempt *a, char **cause);
/* Records that person passed course with attempt_id at passed_at (UTC text)
 * with score, inside the caller's transaction: the kiosk's finish and a
 * keyed paper sheet both end here. */
int attempt_record_completion(struct store *store, long long person_id, long long course_id,
			      long long attempt_id, const char *passed_at, double score,
			      char **cause);

/* Right/total per topic of an attempt, by topic name. *out is a new array;
 * free with attempt_topics_free(). */
int attempt_topics(struct store *store, long long attempt_id, struct attempt_topic **out, size_t *n,
		   char **cause);
/*
 * Counts one scored question of an attempt into *topics (n entries, grown
 * as needed; free with attempt_topics_free()). Questions are grouped by
 * topic (NULL counts as ""), in the order first met; mark is what it got,
 * with an unanswered question (answered false) or QUESTION_UNSCORED counting
 * as 0, and full marks as right. The caller leaves out the questions that
 * are not scored (question_is_scored). attempt_topics() and the kiosk's
 * result screen both count with it.
 */
void attempt_topics_add(struct attempt_topic **topics, size_t *n, const char *topic, bool answered,
			double mark);
void attempt_topics_free(struct attempt_topic **topics, size_t n);

/* Releases every field and leaves a zeroed; accepts a zeroed struct. */
void attempt_release(struct attempt *a);

/* Returns the answer as newly allocated JSON (caller frees):
 * {"chosen":[...]}, {"text":"..."} or {"match":[...]} by question type. */
char *attempt_answer_to_json(const struct question *q, const struct question_response *r);
/* Decodes JSON into *out (zeroed first). Returns 0, or -1 for bad JSON. */
int attempt_answer_parse(const char *json, struct attempt_answer *out);
/* Fills a question_response whose pointers borrow from a. */
void attempt_answer_view(const struct attempt_answer *a, struct question_response *r);
void attempt_answer_release(struct attempt_answer *a);

#include "banned.h"

#endif
