/*
 * `vaksam demo generate`: a realistic organisation and its training history
 * on a database that holds the course library, for demonstrations and for
 * the tests and benchmarks of the security and scale work.
 *
 * What it adds (in one BEGIN IMMEDIATE transaction):
 *  - a unit tree of förvaltningar, enheter and arbetslag sized to the staff,
 *    with some units too small to be shown (suppression has work to do);
 *  - staff active people with Swedish names, coordinators and admins, plus
 *    people who left during the years and people who joined; nobody gets a
 *    PIN or a badge (generated people cannot log in);
 *  - for the all-staff courses (everyone) and the coordinators' programme
 *    (coordinators and admins): pre-tests, quizzes, retries and yearly
 *    refresh quizzes, from the kiosk and on paper (units that work on paper,
 *    with anonymous sheets as well), with completions. Answers follow a
 *    simple item-response model: a person's ability, their unit's, learning
 *    in the course (pre-tests lower than quizzes), a yearly rise, question
 *    difficulty, and a few broken questions (too easy, too hard, or
 *    answered at random) for the item analysis to find;
 *  - a culture survey round each autumn that falls inside the history, with
 *    answers stored as survey.h stores them.
 *
 * Deterministic: the same seed on the same day (VAKSAM_NOW) gives the same
 * database content. It refuses a database that has no courses, or that
 * already holds a generated organisation.
 */
#ifndef VAKSAM_GENERATE_H
#define VAKSAM_GENERATE_H

struct store;

struct generate_options {
	long staff; /* active people at the end, 1..1000000 */
	int years;  /* years of history, 1..20 */
	unsigned long long seed;
	const char *survey_dir; /* content/surveys, used when no survey is built; may be NULL */
};

struct generate_stats {
	long units, people, left, coordinators;
	long attempts, paper_attempts, responses, completions;
	long rounds, participants, sheets;
};

/* Returns 0 and fills *stats, or -1 with *cause (nothing written). */
int generate_run(struct store *store, const struct generate_options *opt,
		 struct generate_stats *stats, char **cause);

#include "banned.h"

#endif
