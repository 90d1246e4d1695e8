/*
 * Item analysis of a quiz, as Moodle's quiz statistics defines it
 * (docs.moodle.org/dev/Quiz_statistics_calculations), so authors who know
 * Moodle read the same numbers here.
 *
 * Data: S attempts (rows) by P items (columns); x[s][p] is the mark of
 * attempt s on item p, in [0, 1] (every item's maximum is 1), or NAN when
 * the attempt did not include the item. T(s) is the attempt's total, the sum
 * of its marks; the rest of the test for item p is X_p(s) = T(s) - x[s][p].
 * Variances and covariances divide by S - 1. For item p, over the attempts
 * that include it (S_p of them):
 *
 *   facility            F_p  = 100 * mean(x_p)                  (max mark 1)
 *   standard deviation  SD_p = 100 * sqrt(V(x_p))
 *   discrimination      D_p  = 100 * C(x_p, X_p) / sqrt(V(x_p) V(X_p))
 *                              (Pearson r of the item with the rest of the test)
 *   discriminative      DE_p = 100 * C(x_p, X_p) / Cmax(x_p, X_p), where Cmax
 *     efficiency               is the covariance after sorting x_p and X_p
 *                              separately into the same order (the largest
 *                              covariance those marks allow)
 *
 * D and DE are undefined (NAN) when a variance is 0 or S_p < 2.
 *
 * For the test, over the attempts that answered the most common set of items
 * (normally every attempt since the quiz last changed; the first such set on
 * a tie), with P' items in that set and T' their totals:
 *
 *   Cronbach's alpha    a  = P'/(P'-1) * (1 - sum_p V(x_p) / V(T'))
 *                            (Moodle's coefficient of internal consistency
 *                            is 100 * a)
 *   error ratio         ER = 100 * sqrt(1 - a)          (a clamped to [0, 1])
 *   standard error      SE = ER/100 * SD(T'), in percent of the maximum total
 *
 * mean, median and sd of the test are in percent of each attempt's maximum
 * (its number of items), over every attempt.
 *
 * Flags for the authors, only when at least ITEMSTATS_MIN_FLAG attempts
 * include the item: facility above 95 (too easy) or below 20 (too hard),
 * discrimination below 20, and negative discrimination (the key may be
 * wrong).
 */
#ifndef VAKSAM_ITEMSTATS_H
#define VAKSAM_ITEMSTATS_H

#include <stdbool.h>
#include <stddef.h>

struct store;

#define ITEMSTATS_MIN_FLAG           10
#define ITEMSTATS_EASY               95.0
#define ITEMSTATS_HARD               20.0
#define ITEMSTATS_LOW_DISCRIMINATION 20.0

enum itemstats_flag {
	ITEMSTATS_FLAG_EASY = 1 << 0,     /* facility above 95 */
	ITEMSTATS_FLAG_HARD = 1 << 1,     /* facility below 20 */
	ITEMSTATS_FLAG_LOW_DISC = 1 << 2, /* discrimination below 20 (or undefined) */
	ITEMSTATS_FLAG_NEGATIVE = 1 << 3, /* discrimination below 0 */
};

struct itemstats_item {
	size_t n;              /* attempts that include the item */
	double facility;       /* percent */
	double sd;             /* percent of the maximum mark */
	double discrimination; /* -100..100, or NAN */
	double efficiency;     /* percent, or NAN */
	unsigned flags;        /* enum itemstats_flag */
};

struct itemstats_test {
	size_t n;           /* attempts */
	size_t n_alpha;     /* attempts behind alpha (those with the common item set) */
	size_t items_alpha; /* items in that set */
	double mean;        /* percent */
	double median;      /* percent */
	double sd;          /* percent */
	double alpha;       /* Cronbach's alpha, or NAN (fewer than 2 items or attempts,
			       or no variance in the totals) */
	double error_ratio; /* percent, or NAN */
	double se;          /* percent of the maximum total, or NAN */
};

/*
 * Computes the statistics of n_items items over n_attempts attempts; marks
 * is row-major (marks[s * n_items + p]) with NAN for an item an attempt did
 * not include. items must have n_items entries. Pure: no allocation escapes.
 */
void itemstats_compute(const double *marks, size_t n_attempts, size_t n_items,
		       struct itemstats_item *items, struct itemstats_test *test);

/* Pearson's r of x and y over n pairs; NAN when a variance is 0 or n < 2. */
double itemstats_pearson(const double *x, const double *y, size_t n);

/* The English words of a flag set ("too easy, low discrimination"), or "". */
const char *itemstats_flag_text(unsigned flags, char *buf, size_t size);
/* The same in Swedish ("för lätt, låg diskriminering"), for the PDF. */
const char *itemstats_flag_text_sv(unsigned flags, char *buf, size_t size);

/* One row of a course's item analysis. */
struct itemstats_row {
	long long question_id;
	long long version_id;
	char *name;   /* owned: the question's ::name:: */
	int version;  /* question_version.version */
	char *topic;  /* owned; "" when none */
	char *type;   /* owned: "single", "multi", ... */
	char *stem;   /* owned: the question text, for the report */
	bool current; /* the question's current version and not retired */
	struct itemstats_item stats;
};

struct itemstats_report {
	long long course_id;
	char *course_slug;          /* owned */
	char *course_title;         /* owned */
	struct itemstats_row *rows; /* owned, in course order, then by version */
	size_t n_rows;
	struct itemstats_test test;
};

/*
 * The item analysis of course (its slug) over the population Moodle uses
 * by default: each person's first finished quiz attempt at the course
 * (kiosk or paper; an anonymous paper sheet counts as a person of its own),
 * finished on a day in [from_day, to_day] (use INT_MIN/INT_MAX for all
 * time). Pre-tests and refresh quizzes ask a subset and are left out. Every
 * question version answered in the population is an item of its own, so a
 * corrected question starts afresh. Fills *out (release with
 * itemstats_report_release). Returns 0, 1 when there is no such course, -1
 * with *cause on a store error.
 */
int itemstats_course(struct store *store, const char *course, int from_day, int to_day,
		     struct itemstats_report *out, char **cause);
void itemstats_report_release(struct itemstats_report *r);

#include "banned.h"

#endif
