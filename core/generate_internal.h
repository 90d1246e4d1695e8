/*
 * Shared by generate.c (the organisation and its people),
 * generate_history.c (courses taken) and generate_survey.c (survey rounds).
 * Not a public API.
 */
#ifndef VAKSAM_GENERATE_INTERNAL_H
#define VAKSAM_GENERATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "generate.h"

/* xoshiro256**, seeded through splitmix64: fast, and the same everywhere. */
struct rng {
	uint64_t s[4];
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* Uniform in [0, n); n > 0. */
size_t rng_below(struct rng *r, size_t n);
/* Standard normal. */
double rng_normal(struct rng *r);
/* Fisher-Yates over a[0..n), drawing from r. */
void rng_shuffle(struct rng *r, size_t *a, size_t n);

struct gen_unit {
	long long id;
	size_t parent;    /* index, SIZE_MAX for a förvaltning */
	char *path;       /* owned */
	double effect;    /* added to the ability of its people */
	double diligence; /* how promptly its people take courses, about -1..1 */
	bool paper;       /* works mostly on paper */
	long people;      /* people placed here (active and left) */
	long active;      /* of them active at the end */
};

struct gen_person {
	long long id;
	size_t unit;      /* index into units */
	double theta;     /* ability */
	double culture;   /* security culture, for the survey */
	bool coordinator; /* coordinator or admin */
	bool english;     /* takes English versions when there are some */
	int joined;       /* day */
	int left;         /* day, INT_MAX while employed */
};

/* One way of answering a question, prepared once. */
struct gen_variant {
	char *json;  /* owned: the answer as attempt_answer_to_json writes it */
	double mark; /* what question_score gives it */
};

struct gen_question {
	long long version_id;
	double difficulty; /* b */
	double slope;      /* a; 0 for a question answered at random */
	struct gen_variant right;
	struct gen_variant *wrong; /* owned, n_wrong */
	size_t n_wrong;
};

struct gen_course {
	long long id;
	bool coordinators;
	size_t english; /* index of its English translation, SIZE_MAX when none */
	bool is_translation;
	int pass_mark, pretest, refresh_months, due_days, position;
	int introduced;                 /* day */
	struct gen_question *questions; /* owned: current scored questions, in order */
	size_t n_questions;
};

struct gen {
	struct store *store;
	const struct generate_options *opt;
	struct generate_stats *stats;
	struct rng rng;
	int start, today; /* days */
	struct gen_unit *units;
	size_t n_units;
	struct gen_person *people;
	size_t n_people;
	struct gen_course *courses;
	size_t n_courses;
	long k;                       /* small-group threshold */
	unsigned long long sheet_seq; /* for paper sheet codes */
};

/* generate_history.c */
int gen_load_courses(struct gen *g, char **cause);
void gen_free_courses(struct gen *g);
int gen_history(struct gen *g, char **cause);
/* generate_survey.c */
int gen_surveys(struct gen *g, char **cause);

/* "YYYY-MM-DDTHH:MM:SSZ" for seconds since the epoch into buf (32 bytes). */
void gen_time(long long seconds, char *buf);

#include "banned.h"

#endif
