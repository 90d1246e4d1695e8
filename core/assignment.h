/*
 * Assignments: who must pass which course, and by when. Completion and
 * overdue are measured against them (measure.h).
 *
 * The rule needs no rows: every all-staff course is assigned to everyone,
 * every coordinators' course to coordinators and admins, due the course's
 * due_days (default 60) after the later of the day the person joined and the
 * day the course was introduced. A course is introduced on the day stored in
 * course_intro, else the day its first question version was built.
 *
 * Rows in the table `assignment` come from `vaksam assign`: they assign a
 * course to people the rule does not cover (a coordinators' course to a
 * whole unit, say) or set another due date. A row wins over the rule.
 * Translations are assigned through their original course.
 */
#ifndef VAKSAM_ASSIGNMENT_H
#define VAKSAM_ASSIGNMENT_H

#include <stddef.h>

#include "person.h"

struct store;

enum assignment_target {
	ASSIGNMENT_ALL,  /* every active person */
	ASSIGNMENT_UNIT, /* active people of a unit and below */
	ASSIGNMENT_ROLE, /* active people with a role */
};

struct assignment_request {
	const char *course; /* course id (slug); a translation means its original */
	enum assignment_target target;
	const char *unit_path; /* ASSIGNMENT_UNIT */
	enum role role;        /* ASSIGNMENT_ROLE */
	int due_day;           /* day number (day.h) */
};

/*
 * Assigns the course to every active person the request names, due on
 * req->due_day, replacing the due date of earlier rows; one BEGIN IMMEDIATE
 * transaction. Sets *count to the people assigned. Returns 0, 1 when the
 * course or unit does not exist (*cause says which), -1 with *cause on a
 * store error.
 */
int assignment_set(struct store *store, const struct assignment_request *req, size_t *count,
		   char **cause);

/* Records the day a course was introduced, inside the caller's transaction
 * (the generator backdates its courses with it). */
int assignment_introduce(struct store *store, long long course_id, int day, char **cause);

#include "banned.h"

#endif
