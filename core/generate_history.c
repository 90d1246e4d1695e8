/*
 * The demo generator's history: who took which course when, how they
 * answered and what they passed. See generate.h for the model; generate.c
 * builds the people first, generate_survey.c adds the culture survey rounds.
 *
 * Answers follow a two-parameter logistic model: the chance of a right
 * answer is 1 / (1 + exp(-a (theta + L - b))), with the person's ability
 * theta (their unit's effect included), L the state of learning (0 before
 * a course, +2.3 after the lessons, +2.7 at a refresh a year later,
 * when the questions are met again, plus 0.15 for each year since the start:
 * the organisation learns), and the question's difficulty b and slope a. A
 * few questions are broken on purpose: far too easy, far too hard, or
 * answered at random (a = 0).
 */
#include "generate.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assignment.h"
#include "attempt.h"
#include "day.h"
#include "generate_internal.h"
#include "question.h"
#include "scancode.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

#define REFRESH_QUESTIONS 6
#define MAX_TRIES         3
/* The state of learning L: before the lessons, after them, a year later. */
#define PRE_LEARNING     0.0
#define QUIZ_LEARNING    2.3
#define REFRESH_LEARNING 2.7

/* ------------------------------------------------------------------ */
/* Courses and prepared answers                                       */

static void variant_set(struct gen_variant *v, const struct question *q,
			const struct question_response *r)
{
	v->json = attempt_answer_to_json(q, r);
	v->mark = question_score(q, r);
	if (v->mark < 0)
		v->mark = 0;
}

static void add_wrong(struct gen_question *gq, const struct question *q,
		      const struct question_response *r)
{
	gq->wrong = xreallocarray(gq->wrong, gq->n_wrong + 1, sizeof(*gq->wrong));
	variant_set(&gq->wrong[gq->n_wrong++], q, r);
}

/* A right answer and some wrong ones, as the kiosk would store them. */
static void prepare_variants(struct gen_question *gq, const struct question *q)
{
	struct question_response r = {0};
	int best = question_best_answer(q);

	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE: {
		size_t pick = best < 0 ? 0 : (size_t)best;

		r.chosen = &pick;
		r.n_chosen = 1;
		variant_set(&gq->right, q, &r);
		for (size_t i = 0; i < q->n_answers; i++) {
			size_t other = i;

			if ((int)i == best || q->answers[i].fraction >= 1.0)
				continue;
			r.chosen = &other;
			add_wrong(gq, q, &r);
		}
		break;
	}
	case QUESTION_MULTI: {
		size_t *chosen = xcalloc(q->n_answers + 1, sizeof(*chosen));
		size_t n = 0, pos = SIZE_MAX;

		for (size_t i = 0; i < q->n_answers; i++) {
			if (q->answers[i].fraction > 0) {
				chosen[n++] = i;
				if (pos == SIZE_MAX)
					pos = i;
			}
		}
		r.chosen = chosen;
		r.n_chosen = n;
		variant_set(&gq->right, q, &r);
		/* Half right, and one wrong choice alone. */
		for (size_t i = 0; i < q->n_answers; i++) {
			if (q->answers[i].fraction <= 0) {
				size_t two[2] = {pos == SIZE_MAX ? 0 : pos, i};

				r.chosen = two;
				r.n_chosen = 2;
				add_wrong(gq, q, &r);
				r.chosen = &two[1];
				r.n_chosen = 1;
				add_wrong(gq, q, &r);
				break;
			}
		}
		free(chosen);
		break;
	}
	case QUESTION_SHORTANSWER: {
		char *text = xstrdup(best >= 0 ? q->answers[best].text : "");

		for (char *p = text; *p; p++)
			if (*p == '*')
				*p = 'x';
		r.text = text;
		variant_set(&gq->right, q, &r);
		r.text = "vet inte";
		add_wrong(gq, q, &r);
		free(text);
		break;
	}
	case QUESTION_NUMERICAL: {
		char num[64];
		const struct question_number *e = best >= 0 ? &q->numbers[best] : NULL;

		snprintf(num, sizeof(num), "%.10g",
			 e && e->has_range ? (e->min + e->max) / 2 : 0.0);
		r.text = num;
		variant_set(&gq->right, q, &r);
		r.text = "987654321";
		add_wrong(gq, q, &r);
		break;
	}
	case QUESTION_MATCHING: {
		int *match = xcalloc(q->n_pairs + 1, sizeof(*match));
		size_t lefts = 0;

		for (size_t i = 0; i < q->n_pairs; i++) {
			match[i] = q->pairs[i].left[0] ? (int)i : -1;
			lefts += q->pairs[i].left[0] != '\0';
		}
		r.match = match;
		r.n_match = q->n_pairs;
		variant_set(&gq->right, q, &r);
		/* Swap the first two left items' partners. */
		if (lefts >= 2) {
			size_t a = SIZE_MAX, b = SIZE_MAX;

			for (size_t i = 0; i < q->n_pairs; i++) {
				if (match[i] < 0)
					continue;
				if (a == SIZE_MAX)
					a = i;
				else if (b == SIZE_MAX)
					b = i;
			}
			match[a] = (int)b;
			match[b] = (int)a;
			add_wrong(gq, q, &r);
		}
		free(match);
		break;
	}
	case QUESTION_ESSAY:
	case QUESTION_DESCRIPTION:
		break;
	}
	if (gq->n_wrong == 0) {
		/* No way to be wrong was found: an empty answer scores 0. */
		struct question_response none = {0};

		add_wrong(gq, q, &none);
	}
}

static int load_questions(struct gen *g, struct gen_course *c, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    g->store,
	    "SELECT v.id, v.body FROM question q JOIN question_version v"
	    "  ON v.question_id = q.id AND v.version = q.current_version"
	    " WHERE q.course_id = ?1 AND NOT q.retired AND v.type NOT IN ('essay', 'description')"
	    " ORDER BY q.position, q.id",
	    cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct question q = {0};
		struct gen_question *gq;
		char *inner = NULL;
		double u;

		if (question_from_json_string((const char *)sqlite3_column_text(st, 1), &q,
					      &inner) < 0) {
			free(inner);
			continue;
		}
		c->questions =
		    xreallocarray(c->questions, c->n_questions + 1, sizeof(*c->questions));
		gq = &c->questions[c->n_questions++];
		memset(gq, 0, sizeof(*gq));
		gq->version_id = sqlite3_column_int64(st, 0);
		gq->slope = 1.2;
		gq->difficulty = 0.5 + 0.6 * rng_normal(&g->rng);
		u = rng_unit(&g->rng);
		if (u < 0.04)
			gq->difficulty = -4.5; /* everyone knows it */
		else if (u < 0.07)
			gq->difficulty = 3.2; /* almost nobody does */
		else if (u < 0.10)
			gq->slope = 0; /* a coin toss: misleading or badly keyed */
		prepare_variants(gq, &q);
		question_release(&q);
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(g->store, cause, "reading questions");
	return 0;
}

void gen_free_courses(struct gen *g)
{
	for (size_t i = 0; i < g->n_courses; i++) {
		struct gen_course *c = &g->courses[i];

		for (size_t k = 0; k < c->n_questions; k++) {
			free(c->questions[k].right.json);
			for (size_t w = 0; w < c->questions[k].n_wrong; w++)
				free(c->questions[k].wrong[w].json);
			free(c->questions[k].wrong);
		}
		free(c->questions);
	}
	free(g->courses);
	g->courses = NULL;
	g->n_courses = 0;
}

int gen_load_courses(struct gen *g, char **cause)
{
	sqlite3_stmt *st;
	long long *base_of = NULL;
	int rc, last_all = -1;
	long default_refresh = 12;

	st = store_stmt(g->store, "SELECT value FROM setting WHERE key = 'refresh_months'", cause);
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		default_refresh = strtol((const char *)sqlite3_column_text(st, 0), NULL, 10);
	store_done(st);
	st = store_stmt(g->store,
			"SELECT c.id, c.audience = 'coordinators', c.pass_mark, c.pretest,"
			"  c.refresh_months, IFNULL(c.due_days, 60), c.position,"
			"  (SELECT b.id FROM course b WHERE b.slug = c.translation_of)"
			" FROM course c WHERE NOT c.retired ORDER BY c.position, c.id",
			cause);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gen_course *c;

		g->courses = xreallocarray(g->courses, g->n_courses + 1, sizeof(*g->courses));
		base_of = xreallocarray(base_of, g->n_courses + 1, sizeof(*base_of));
		c = &g->courses[g->n_courses];
		memset(c, 0, sizeof(*c));
		c->id = sqlite3_column_int64(st, 0);
		c->coordinators = sqlite3_column_int(st, 1) != 0;
		c->pass_mark = sqlite3_column_int(st, 2);
		c->pretest = sqlite3_column_int(st, 3);
		c->refresh_months = sqlite3_column_type(st, 4) != SQLITE_NULL
					? sqlite3_column_int(st, 4)
				    : c->coordinators ? 0
						      : (int)default_refresh;
		c->due_days = sqlite3_column_int(st, 5);
		c->position = sqlite3_column_int(st, 6);
		c->english = SIZE_MAX;
		base_of[g->n_courses] = sqlite3_column_int64(st, 7);
		c->is_translation = sqlite3_column_type(st, 7) != SQLITE_NULL;
		g->n_courses++;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(base_of);
		return store_fail(g->store, cause, "reading courses");
	}
	for (size_t i = 0; i < g->n_courses; i++) {
		if (!g->courses[i].is_translation)
			continue;
		for (size_t j = 0; j < g->n_courses; j++)
			if (g->courses[j].id == base_of[i])
				g->courses[j].english = i;
	}
	free(base_of);
	for (size_t i = 0; i < g->n_courses; i++) {
		if (load_questions(g, &g->courses[i], cause) < 0)
			return -1;
		if (!g->courses[i].is_translation && !g->courses[i].coordinators)
			last_all = (int)i;
	}
	/* Courses are introduced at the start; the coordinators' programme a
	 * month later; the last all-staff course a year later, so that one
	 * course shows people catching up. */
	for (size_t i = 0; i < g->n_courses; i++) {
		struct gen_course *c = &g->courses[i];

		c->introduced = g->start;
		if (c->coordinators)
			c->introduced = g->start + 30;
		if ((int)i == last_all && g->opt->years >= 2)
			c->introduced = day_add_months(g->start, 12);
		if (!c->is_translation &&
		    assignment_introduce(g->store, c->id, c->introduced, cause) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Attempts                                                           */

static double logistic(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

/* Where an attempt is taken and by whom. */
struct sitting {
	const struct gen_person *person; /* NULL for an anonymous paper sheet */
	size_t unit;
	double theta;
	const struct gen_course *course; /* the version taken (maybe a translation) */
	const char *kind;                /* "pre", "quiz", "refresh" */
	bool paper;
	long long start; /* seconds */
	double learning; /* L */
};

/* Writes one finished attempt with its responses; returns its score in
 * percent (and the day it was finished in *finished_day), or -1. wrong[k]
 * is set for each question index answered wrong. */
static double sit(struct gen *g, const struct sitting *s, const size_t *which, size_t n,
		  bool *wrong, int *finished_day, char **cause)
{
	struct strbuf plan = STRBUF_INIT;
	char started[32], finished[32], when[32];
	long long attempt_id, t = s->start, end;
	double sum = 0, score;
	sqlite3_stmt *st;
	const struct gen_variant **chosen = xcalloc(n ? n : 1, sizeof(*chosen));
	long long *times = xcalloc(n ? n : 1, sizeof(*times));

	strbuf_addstr(&plan, "{\"items\":[");
	for (size_t i = 0; i < n; i++) {
		const struct gen_question *q = &s->course->questions[which[i]];
		double p = q->slope == 0
			       ? 0.5
			       : logistic(q->slope * (s->theta + s->learning - q->difficulty));
		bool right = rng_unit(&g->rng) < p;

		chosen[i] = right ? &q->right : &q->wrong[rng_below(&g->rng, q->n_wrong)];
		sum += chosen[i]->mark;
		if (wrong)
			wrong[which[i]] = chosen[i]->mark < 1.0;
		t += 20 + (long long)rng_below(&g->rng, 70);
		times[i] = t;
		strbuf_addf(&plan, "%s{\"v\":%lld}", i ? "," : "", q->version_id);
	}
	strbuf_addstr(&plan, "]}");
	score = n ? round(100.0 * sum / (double)n * 100.0) / 100.0 : 0;
	end = t + 10;
	/* A paper sheet is keyed in by a coordinator a few days later. */
	if (s->paper)
		end = s->start + 86400LL * (1 + (long long)rng_below(&g->rng, 6)) + 3600;
	gen_time(s->start, started);
	gen_time(end, finished);
	*finished_day = (int)(end / 86400);
	st = store_stmt(
	    g->store,
	    "INSERT INTO attempt (person_id, unit_id, course_id, course_version, kind,"
	    " source, started, finished, score, passed, plan)"
	    " VALUES (?1, ?2, ?3, (SELECT version FROM course WHERE id = ?3), ?4, ?5, ?6,"
	    " ?7, ?8, ?9, ?10)",
	    cause);
	if (st == NULL)
		goto fail;
	if (s->person)
		sqlite3_bind_int64(st, 1, s->person->id);
	sqlite3_bind_int64(st, 2, g->units[s->unit].id);
	sqlite3_bind_int64(st, 3, s->course->id);
	store_bind_text(st, 4, s->kind);
	store_bind_text(st, 5, s->paper ? "paper" : "kiosk");
	store_bind_text(st, 6, started);
	store_bind_text(st, 7, finished);
	sqlite3_bind_double(st, 8, score);
	sqlite3_bind_int(st, 9,
			 strcmp(s->kind, "pre") != 0 && score + 1e-9 >= s->course->pass_mark);
	store_bind_text(st, 10, plan.buf);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		store_fail(g->store, cause, "adding attempt");
		goto fail;
	}
	store_done(st);
	attempt_id = sqlite3_last_insert_rowid(g->store->db);
	for (size_t i = 0; i < n; i++) {
		st = store_stmt(
		    g->store,
		    "INSERT INTO response (attempt_id, question_version_id, position, answer,"
		    " mark, answered) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		    cause);
		if (st == NULL)
			goto fail;
		gen_time(s->paper ? end : times[i], when);
		sqlite3_bind_int64(st, 1, attempt_id);
		sqlite3_bind_int64(st, 2, s->course->questions[which[i]].version_id);
		sqlite3_bind_int(st, 3, (int)i);
		sqlite3_bind_text(st, 4, chosen[i]->json, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 5, chosen[i]->mark);
		store_bind_text(st, 6, when);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_done(st);
			store_fail(g->store, cause, "adding response");
			goto fail;
		}
		store_done(st);
	}
	g->stats->attempts++;
	g->stats->paper_attempts += s->paper;
	g->stats->responses += (long)n;
	if (s->paper) {
		/* The printed sheet behind a paper attempt. */
		char payload[16], printed[32];
		char *code;
		static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

		for (int i = 0; i < 8; i++)
			payload[i] = alphabet[rng_below(&g->rng, sizeof(alphabet) - 1)];
		payload[8] = '\0';
		code = scancode_make(SCANCODE_SHEET, payload);
		gen_time(s->start - 86400 * 3, printed);
		st = store_stmt(
		    g->store,
		    "INSERT OR IGNORE INTO paper_sheet (code, course_id, course_version,"
		    " pass_mark, person_id, unit_id, plan, printed, attempt_id, entered)"
		    " VALUES (?1, ?2, (SELECT version FROM course WHERE id = ?2), ?3, ?4, ?5,"
		    " ?6, ?7, ?8, ?9)",
		    cause);
		if (st == NULL) {
			free(code);
			goto fail;
		}
		store_bind_text(st, 1, code);
		sqlite3_bind_int64(st, 2, s->course->id);
		sqlite3_bind_int(st, 3, s->course->pass_mark);
		if (s->person)
			sqlite3_bind_int64(st, 4, s->person->id);
		sqlite3_bind_int64(st, 5, g->units[s->unit].id);
		store_bind_text(st, 6, plan.buf);
		store_bind_text(st, 7, printed);
		sqlite3_bind_int64(st, 8, attempt_id);
		store_bind_text(st, 9, finished);
		free(code);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_done(st);
			store_fail(g->store, cause, "adding paper sheet");
			goto fail;
		}
		store_done(st);
	}
	if (s->person && strcmp(s->kind, "pre") != 0 && score + 1e-9 >= s->course->pass_mark) {
		st = store_stmt(
		    g->store,
		    "INSERT INTO completion (person_id, course_id, attempt_id, passed_at,"
		    " score) VALUES (?1, ?2, ?3, ?4, ?5)",
		    cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, s->person->id);
		sqlite3_bind_int64(st, 2, s->course->id);
		sqlite3_bind_int64(st, 3, attempt_id);
		store_bind_text(st, 4, finished);
		sqlite3_bind_double(st, 5, score);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_done(st);
			store_fail(g->store, cause, "adding completion");
			goto fail;
		}
		store_done(st);
		g->stats->completions++;
	}
	strbuf_release(&plan);
	free(chosen);
	free(times);
	return score;
fail:
	strbuf_release(&plan);
	free(chosen);
	free(times);
	return -1;
}

/* The yearly rise: the organisation learns. */
static double trend(const struct gen *g, long long when)
{
	return 0.15 * (double)((int)(when / 86400) - g->start) / 365.25;
}

/* A time on day during working hours. */
static long long work_time(struct gen *g, int day)
{
	return (long long)day * 86400 + 7 * 3600 + (long long)rng_below(&g->rng, 8 * 3600);
}

/*
 * A person takes a course on day: a pre-test at the kiosk (when the course
 * has one and the person does not work on paper), then the quiz, retried
 * until passed or MAX_TRIES. Returns the day passed, INT_MIN when not, or
 * INT_MIN + 1 on error. wrong[] gets the questions wrong in the last try.
 */
static int take_course(struct gen *g, const struct gen_person *p, const struct gen_course *c,
		       int day, int end, bool paper, bool *wrong, char **cause)
{
	size_t n = c->n_questions;
	size_t *order = xcalloc(n ? n : 1, sizeof(*order));
	struct sitting s = {p, p->unit, p->theta, c, "pre", false, 0, 0};
	int done = INT_MIN, fin;

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	s.start = work_time(g, day);
	if (c->pretest > 0 && !paper && n) {
		size_t k = (size_t)c->pretest < n ? (size_t)c->pretest : n;

		rng_shuffle(&g->rng, order, n);
		s.learning = PRE_LEARNING + trend(g, s.start);
		if (sit(g, &s, order, k, NULL, &fin, cause) < 0)
			goto error;
		s.start += 600 + (long long)rng_below(&g->rng, 1800);
	}
	s.kind = "quiz";
	s.paper = paper;
	for (int tries = 0; tries < MAX_TRIES; tries++) {
		double score;

		rng_shuffle(&g->rng, order, n);
		s.learning = QUIZ_LEARNING + 0.35 * tries + trend(g, s.start);
		score = sit(g, &s, order, n, wrong, &fin, cause);
		if (score < 0)
			goto error;
		if (score + 1e-9 >= c->pass_mark) {
			done = fin;
			break;
		}
		/* Another go after some days, if still employed. */
		day = (int)(s.start / 86400) + 1 + (int)rng_below(&g->rng, 10);
		if (day > end)
			break;
		s.start = work_time(g, day);
	}
	/* Now and then an anonymous sheet is filled in for the same unit. */
	if (paper && rng_unit(&g->rng) < 0.08) {
		double theta = g->units[p->unit].effect + rng_normal(&g->rng);
		struct sitting a = {
		    NULL,   p->unit, theta,          c,
		    "quiz", true,    s.start + 3600, QUIZ_LEARNING + trend(g, s.start)};

		if (sit(g, &a, order, n, NULL, &fin, cause) < 0)
			goto error;
	}
	free(order);
	return done;
error:
	free(order);
	return INT_MIN + 1;
}

/* A refresh quiz: the questions got wrong last time first, then others. */
static int take_refresh(struct gen *g, const struct gen_person *p, const struct gen_course *c,
			int day, int end, bool *wrong, char **cause)
{
	size_t n = c->n_questions, k = 0;
	size_t *order = xcalloc(n ? n : 1, sizeof(*order));
	size_t want = n < REFRESH_QUESTIONS ? n : REFRESH_QUESTIONS;
	struct sitting s = {p, p->unit, p->theta, c, "refresh", false, 0, 0};
	int done = INT_MIN, fin;

	for (size_t i = 0; i < n; i++)
		if (wrong[i])
			order[k++] = i;
	rng_shuffle(&g->rng, order, k);
	for (size_t i = 0; i < n; i++)
		if (!wrong[i])
			order[k++] = i;
	if (want > 0 && n > 0) {
		for (int tries = 0; tries < 2; tries++) {
			double score;

			s.start = work_time(g, day);
			s.learning = REFRESH_LEARNING + 0.4 * tries + trend(g, s.start);
			score = sit(g, &s, order, want, wrong, &fin, cause);
			if (score < 0) {
				done = INT_MIN + 1;
				break;
			}
			if (score + 1e-9 >= c->pass_mark) {
				done = fin;
				break;
			}
			day += 5 + (int)rng_below(&g->rng, 10);
			if (day > end)
				break;
		}
	}
	free(order);
	return done;
}

/* How long after being assigned a course a person takes it, in days. */
static int delay_days(struct gen *g, const struct gen_unit *u, int due_days)
{
	double x = pow(rng_unit(&g->rng), 1.3) * (1.4 - 0.35 * u->diligence);

	if (x < 0.02)
		x = 0.02;
	return (int)(x * due_days);
}

static int person_history(struct gen *g, const struct gen_person *p, char **cause)
{
	const struct gen_unit *u = &g->units[p->unit];
	int end = p->left < g->today ? p->left : g->today;
	int chain = INT_MIN; /* day the previous coordinators' course was passed */
	bool chain_broken = false;

	for (size_t i = 0; i < g->n_courses; i++) {
		const struct gen_course *base = &g->courses[i];
		const struct gen_course *c = base;
		bool *wrong;
		double p_take = 0.9 + 0.06 * u->diligence;
		int start, day, passed;
		bool paper;

		if (base->is_translation || (base->coordinators && !p->coordinator))
			continue;
		if (base->coordinators && chain_broken)
			continue;
		if (p->english && base->english != SIZE_MAX)
			c = &g->courses[base->english];
		start = p->joined > base->introduced ? p->joined : base->introduced;
		if (base->coordinators && chain != INT_MIN && chain + 1 > start)
			start = chain + 1;
		if (p_take > 0.99)
			p_take = 0.99;
		if (start > end || rng_unit(&g->rng) >= (base->coordinators ? 0.95 : p_take)) {
			chain_broken |= base->coordinators;
			continue;
		}
		day = start + delay_days(g, u, base->due_days);
		if (day > end) {
			chain_broken |= base->coordinators;
			continue;
		}
		paper = u->paper && rng_unit(&g->rng) < 0.7;
		wrong = xcalloc(c->n_questions ? c->n_questions : 1, sizeof(*wrong));
		passed = take_course(g, p, c, day, end, paper, wrong, cause);
		if (passed == INT_MIN + 1) {
			free(wrong);
			return -1;
		}
		if (base->coordinators) {
			chain = passed;
			chain_broken |= passed == INT_MIN;
		}
		/* Yearly refreshes while employed. */
		while (passed != INT_MIN && base->refresh_months > 0) {
			int next = day_add_months(passed, base->refresh_months);
			int when = next - 15 + (int)(75 * pow(rng_unit(&g->rng), 2));

			if (when > end || rng_unit(&g->rng) >= 0.82)
				break;
			passed = take_refresh(g, p, c, when, end, wrong, cause);
			if (passed == INT_MIN + 1) {
				free(wrong);
				return -1;
			}
		}
		free(wrong);
	}
	return 0;
}

int gen_history(struct gen *g, char **cause)
{
	for (size_t i = 0; i < g->n_people; i++)
		if (person_history(g, &g->people[i], cause) < 0)
			return -1;
	return 0;
}
