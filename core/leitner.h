/*
 * Refresh quizzes with Leitner boxes. Every question of a course a person
 * has answered sits in a box from 1 to LEITNER_BOXES: a fully right answer
 * (mark 1) moves it up one box, anything else sends it back to box 1. A
 * question in box k is due again 2^(k-1) x LEITNER_BASE_DAYS days after its
 * last answer. A question never answered is in box 0 and counts as if in
 * box 1 when first answered.
 *
 * The boxes are not stored: they are replayed from the person's responses
 * (kiosk and paper alike) whenever a refresh quiz is planned, so they can
 * never disagree with the answers.
 *
 * Order of a refresh quiz: first the questions the person got wrong last
 * time (box 1), then questions never answered, then the other questions
 * that are due, then the rest; within each group by box, then due day, then
 * course order.
 */
#ifndef VAKSAM_LEITNER_H
#define VAKSAM_LEITNER_H

#include <stdbool.h>
#include <stddef.h>

struct store;

#define LEITNER_BOXES     5
#define LEITNER_BASE_DAYS 30

struct leitner_card {
	long long question_id;
	long long version_id; /* the question's current version */
	int position;         /* course order */
	int box;              /* 0 = never answered, else 1..LEITNER_BOXES */
	int last_day;         /* day of the last answer (0 when box is 0) */
	int due_day;          /* last_day + interval (0 when box is 0) */
};

/* The box after an answer given in box (0 counts as 1). */
int leitner_step(int box, bool right);
/* Days until a question in box is due again: 2^(box-1) x base_days. */
int leitner_interval(int box, int base_days);
/* Replays answers (right[i] on day[i], oldest first) into *card's box,
 * last_day and due_day. */
void leitner_replay(const bool *right, const int *day, size_t n, int base_days,
		    struct leitner_card *card);
/* Sorts cards into the order of a refresh quiz on day today. */
void leitner_order(struct leitner_card *cards, size_t n, int today);

/* The cards of person at course (current, scored questions), in refresh
 * order on day today. *out is new (free()). Returns 0 or -1 with *cause. */
int leitner_cards(struct store *store, long long person_id, long long course_id, int today,
		  struct leitner_card **out, size_t *n, char **cause);

/*
 * The question versions of a refresh quiz: the first want cards in refresh
 * order (all when want is 0). *version_ids is new (free()). For the kiosk's
 * attempt planner. Returns 0 or -1 with *cause.
 */
int leitner_plan(struct store *store, long long person_id, long long course_id, int today,
		 size_t want, long long **version_ids, size_t *n, char **cause);

#include "banned.h"

#endif
