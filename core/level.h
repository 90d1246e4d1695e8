/*
 * Knowledge levels. A person's level in a topic is the share right of their
 * latest answer to each question of that topic over the last 12 months, from
 * every source (kiosk and paper, pre-tests included): the mean mark of those
 * answers, 0..1. Essays and questions without a topic do not count. A
 * question's identity spans its versions, so a reworded question's new answer
 * replaces the old one. The figures are measure_person's (measure.h), the
 * same definition the reports and "Min kunskap" use; this module is the
 * short list the home screen shows: the topics answered, by Swedish name.
 */
#ifndef VAKSAM_LEVEL_H
#define VAKSAM_LEVEL_H

#include <stddef.h>

struct store;

struct level {
	char *topic;   /* owned; the topic's slug */
	char *name_sv; /* owned; its Swedish name (the slug when the topic is unknown) */
	char *name_en; /* owned; its English name (likewise) */
	double level;  /* 0..1 */
	int questions; /* distinct questions behind the figure */
};

/* The levels of a person per topic, by slug. *out is a new array; free with
 * level_list_free(). Returns 0 or -1 with *cause. */
int level_person(struct store *store, long long person_id, struct level **out, size_t *n,
		 char **cause);
void level_list_free(struct level **levels, size_t n);

#include "banned.h"

#endif
