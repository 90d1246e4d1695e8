/*
 * Attempts, lesson progress, course status and levels (core/attempt.h,
 * core/progress.h, core/level.h) on a demo database with two small courses
 * built through the catalog: "prov" (a description, single, multi, matching,
 * short answer, essay; pass mark 75, pre-test 2) and its English translation
 * "prov-en", and "steg2", which requires "prov".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/attempt.h"
#include "core/catalog.h"
#include "core/demo.h"
#include "core/level.h"
#include "core/person.h"
#include "core/progress.h"
#include "core/store_internal.h"
#include "core/xmalloc.h"

#include "fixture.h"

struct fixture {
	struct test_db t;
	long long anna; /* 1001 */
	long long prov, prov_en, steg2;
};

static void q_single(struct question *q, const char *id, const char *topic)
{
	memset(q, 0, sizeof(*q));
	q->id = xstrdup(id);
	q->category = xstrdup(topic);
	q->type = QUESTION_SINGLE;
	q->stem = xasprintf("Stem of %s", id);
	q->general_feedback = xstrdup("");
	question_add_answer(q, "right", 1, "yes");
	question_add_answer(q, "wrong", 0, "no");
	question_add_answer(q, "other", 0, "no");
}

static void build(struct fixture *f)
{
	struct question qs[6], en[1], s2[1];
	const char *topics[] = {"grunder", "incidenter"};
	const char *req[] = {"prov"};
	struct catalog_build_page pages[] = {
	    {"One", "Text **one**."}, {"Two", "> Think."}, {"Three", "Last."}};
	struct catalog_build_topic t[] = {{"grunder", "Grunder", "Basics"},
					  {"incidenter", "Incidenter", "Incidents"}};
	struct catalog_build_course c[3];
	char *cause = NULL;

	memset(qs, 0, sizeof(qs));
	qs[0].id = xstrdup("intro");
	qs[0].category = xstrdup("grunder");
	qs[0].type = QUESTION_DESCRIPTION;
	qs[0].stem = xstrdup("Read this.");
	qs[0].general_feedback = xstrdup("");
	q_single(&qs[1], "single", "grunder");
	qs[2].id = xstrdup("multi");
	qs[2].category = xstrdup("grunder");
	qs[2].type = QUESTION_MULTI;
	qs[2].stem = xstrdup("Which?");
	qs[2].general_feedback = xstrdup("");
	question_add_answer(&qs[2], "a", 0.5, "");
	question_add_answer(&qs[2], "b", 0.5, "");
	question_add_answer(&qs[2], "c", -1, "");
	qs[3].id = xstrdup("match");
	qs[3].category = xstrdup("incidenter");
	qs[3].type = QUESTION_MATCHING;
	qs[3].stem = xstrdup("Pair.");
	qs[3].general_feedback = xstrdup("");
	question_add_pair(&qs[3], "x", "1");
	question_add_pair(&qs[3], "y", "2");
	question_add_pair(&qs[3], "", "3");
	qs[4].id = xstrdup("short");
	qs[4].category = xstrdup("incidenter");
	qs[4].type = QUESTION_SHORTANSWER;
	qs[4].stem = xstrdup("Word?");
	qs[4].general_feedback = xstrdup("");
	question_add_answer(&qs[4], "rapportera", 1, "");
	qs[5].id = xstrdup("essay");
	qs[5].category = xstrdup("incidenter");
	qs[5].type = QUESTION_ESSAY;
	qs[5].stem = xstrdup("Write.");
	qs[5].general_feedback = xstrdup("");
	q_single(&en[0], "single", "grunder");
	q_single(&s2[0], "s2", "incidenter");

	memset(c, 0, sizeof(c));
	c[0] = (struct catalog_build_course){.slug = "prov",
					     .title = "Prov",
					     .language = "sv",
					     .audience = "all",
					     .version = 1,
					     .pass_mark = 75,
					     .minutes = 5,
					     .pretest = 2,
					     .topics = topics,
					     .n_topics = 2,
					     .pages = pages,
					     .n_pages = 3,
					     .questions = qs,
					     .n_questions = 6};
	c[1] = (struct catalog_build_course){.slug = "prov-en",
					     .title = "Test",
					     .language = "en",
					     .translation_of = "prov",
					     .audience = "all",
					     .version = 1,
					     .pass_mark = 75,
					     .minutes = 5,
					     .topics = topics,
					     .n_topics = 1,
					     .pages = pages,
					     .n_pages = 1,
					     .questions = en,
					     .n_questions = 1};
	c[2] = (struct catalog_build_course){.slug = "steg2",
					     .title = "Steg 2",
					     .language = "sv",
					     .audience = "all",
					     .version = 1,
					     .pass_mark = 50,
					     .minutes = 5,
					     .topics = topics + 1,
					     .n_topics = 1,
					     .requires = req,
					     .n_requires = 1,
					     .pages = pages,
					     .n_pages = 1,
					     .questions = s2,
					     .n_questions = 1};
	if (catalog_build(f->t.store, t, 2, c, 3, NULL, &cause) < 0)
		fail_msg("%s", cause);
	for (size_t i = 0; i < 6; i++)
		question_release(&qs[i]);
	question_release(&en[0]);
	question_release(&s2[0]);
}

static long long course_id(struct store *store, const char *slug)
{
	struct catalog_course cc = {0};
	char *cause = NULL;
	long long id;

	assert_int_equal(catalog_course_find(store, slug, &cc, &cause), 1);
	id = cc.id;
	catalog_course_release(&cc);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct person p = {0};
	char *cause = NULL;

	unsetenv("VAKSAM_NOW");
	test_db_open(&f->t, "attempt", true);
	build(f);
	assert_int_equal(person_find(f->t.store, "1001", &p, &cause), 1);
	f->anna = p.id;
	person_release(&p);
	f->prov = course_id(f->t.store, "prov");
	f->prov_en = course_id(f->t.store, "prov-en");
	f->steg2 = course_id(f->t.store, "steg2");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	unsetenv("VAKSAM_NOW");
	test_db_close(&f->t);
	free(f);
	return 0;
}

/* The question of a plan item. */
static void item_question(struct fixture *f, const struct attempt_item *it, struct question *q)
{
	struct catalog_question cq = {0};
	char *cause = NULL;

	assert_int_equal(catalog_question_version(f->t.store, it->version_id, &cq, &cause), 1);
	*q = cq.q;
	memset(&cq.q, 0, sizeof(cq.q));
	catalog_question_release(&cq);
}

/* Answers item pos: rightly when right, else wrongly. Returns the mark. */
static double answer(struct fixture *f, const struct attempt *a, size_t pos, bool right)
{
	struct question q = {0};
	struct question_response r = {0};
	size_t chosen[2];
	int match[3] = {-1, -1, -1};
	double mark;
	char *json, *cause = NULL;

	item_question(f, &a->items[pos], &q);
	switch (q.type) {
	case QUESTION_SINGLE:
		chosen[0] = right ? 0 : 1;
		r.chosen = chosen;
		r.n_chosen = 1;
		break;
	case QUESTION_MULTI:
		chosen[0] = 0;
		chosen[1] = right ? 1 : 2;
		r.chosen = chosen;
		r.n_chosen = 2;
		break;
	case QUESTION_MATCHING:
		match[0] = right ? 0 : 1;
		match[1] = right ? 1 : 0;
		r.match = match;
		r.n_match = 3;
		break;
	default:
		r.text = right ? "Rapportera" : "vänta";
		break;
	}
	if (q.type == QUESTION_DESCRIPTION) {
		question_release(&q);
		return QUESTION_UNSCORED;
	}
	mark = question_score(&q, &r);
	json = attempt_answer_to_json(&q, &r);
	assert_int_equal(
	    attempt_answer(f->t.store, a->id, pos, a->items[pos].version_id, json, mark, &cause),
	    0);
	free(json);
	question_release(&q);
	return mark;
}

static void test_plan(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0}, again = {0}, loaded = {0};
	char *cause = NULL;
	int seen_desc = -1;

	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &a, &cause),
			 0);
	assert_int_equal(a.n_items, 6);
	for (size_t i = 0; i < a.n_items; i++) {
		struct question q = {0};

		item_question(f, &a.items[i], &q);
		if (q.type == QUESTION_DESCRIPTION)
			seen_desc = (int)i;
		/* Choices of single, multi and matching are a permutation. */
		if (q.type == QUESTION_SINGLE || q.type == QUESTION_MULTI ||
		    q.type == QUESTION_MATCHING) {
			size_t n = q.type == QUESTION_MATCHING ? q.n_pairs : q.n_answers;
			bool *hit = xcalloc(n, sizeof(bool));

			assert_int_equal(a.items[i].n_order, n);
			for (size_t k = 0; k < n; k++) {
				assert_true(a.items[i].order[k] >= 0 &&
					    (size_t)a.items[i].order[k] < n);
				hit[a.items[i].order[k]] = true;
			}
			for (size_t k = 0; k < n; k++)
				assert_true(hit[k]);
			free(hit);
		} else {
			assert_int_equal(a.items[i].n_order, 0);
		}
		/* A description stays before the question that followed it. */
		if (seen_desc >= 0 && (size_t)seen_desc + 1 == i)
			assert_string_equal(q.id, "single");
		question_release(&q);
	}
	assert_true(seen_desc >= 0);
	/* Starting again returns the open attempt, plan and all. */
	assert_int_equal(
	    attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &again, &cause), 0);
	assert_int_equal(again.id, a.id);
	assert_int_equal(attempt_get(f->t.store, a.id, &loaded, &cause), 1);
	assert_int_equal(loaded.n_items, a.n_items);
	for (size_t i = 0; i < a.n_items; i++) {
		assert_int_equal(loaded.items[i].version_id, a.items[i].version_id);
		assert_int_equal(loaded.items[i].n_order, a.items[i].n_order);
		if (a.items[i].n_order)
			assert_memory_equal(loaded.items[i].order, a.items[i].order,
					    a.items[i].n_order * sizeof(int));
	}
	assert_null(loaded.finished);
	attempt_release(&a);
	attempt_release(&again);
	attempt_release(&loaded);
}

static void test_pretest_plan(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0};
	char *cause = NULL;
	int last_pos = -1;

	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_PRE, 2, &a, &cause),
			 0);
	assert_int_equal(a.kind, ATTEMPT_PRE);
	assert_int_equal(a.n_items, 2);
	for (size_t i = 0; i < a.n_items; i++) {
		struct catalog_question cq = {0};

		assert_int_equal(
		    catalog_question_version(f->t.store, a.items[i].version_id, &cq, &cause), 1);
		assert_true(question_is_scored(&cq.q));
		assert_true(cq.position > last_pos); /* course order */
		last_pos = cq.position;
		catalog_question_release(&cq);
	}
	attempt_release(&a);
}

static void test_answer_and_finish(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0}, open = {0};
	struct attempt_response *r = NULL;
	struct attempt_topic *t = NULL;
	size_t n = 0, nt = 0;
	char *cause = NULL;
	double sum = 0;
	int scored = 0;

	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &a, &cause),
			 0);
	for (size_t i = 0; i < a.n_items; i++) {
		struct question q = {0};
		double m;

		item_question(f, &a.items[i], &q);
		/* Everything right except the matching. */
		m = answer(f, &a, i, q.type != QUESTION_MATCHING);
		if (question_is_scored(&q)) {
			scored++;
			sum += m;
		}
		question_release(&q);
	}
	/* A second answer to the same question is not stored. */
	{
		size_t k = 0;
		struct question q = {0};

		for (;; k++) {
			item_question(f, &a.items[k], &q);
			if (q.type != QUESTION_DESCRIPTION)
				break;
			question_release(&q);
		}
		question_release(&q);
		assert_int_equal(
		    attempt_answer(f->t.store, a.id, k, a.items[k].version_id, "{}", 1, &cause), 1);
	}
	assert_int_equal(attempt_responses(f->t.store, a.id, &r, &n, &cause), 0);
	assert_int_equal(n, 5); /* the description has no response */
	for (size_t i = 1; i < n; i++)
		assert_true(r[i].position > r[i - 1].position);
	attempt_responses_free(&r, n);
	assert_int_equal(attempt_find_open(f->t.store, f->anna, f->prov, &open, &cause), 1);
	assert_int_equal(open.id, a.id);
	attempt_release(&open);

	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	assert_non_null(a.finished);
	assert_true(fabs(a.score - round(10000.0 * sum / scored) / 100.0) < 0.01);
	assert_int_equal(scored, 4);
	assert_true(fabs(a.score - 75.0) < 0.01);
	assert_true(a.passed); /* 75 >= pass mark 75 */
	assert_int_equal(attempt_find_open(f->t.store, f->anna, f->prov, &open, &cause), 0);
	/* Answers after the end are refused quietly. */
	assert_int_equal(
	    attempt_answer(f->t.store, a.id, 0, a.items[0].version_id, "{}", 1, &cause), 1);
	/* Finishing twice changes nothing. */
	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	{
		sqlite3_stmt *st =
		    store_stmt(f->t.store, "SELECT count(*) FROM completion", &cause);

		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 1);
		store_done(st);
	}
	assert_int_equal(attempt_topics(f->t.store, a.id, &t, &nt, &cause), 0);
	assert_int_equal(nt, 2);
	for (size_t i = 0; i < nt; i++) {
		if (strcmp(t[i].topic, "grunder") == 0) {
			assert_int_equal(t[i].right, 2);
			assert_int_equal(t[i].total, 2);
		} else {
			assert_string_equal(t[i].topic, "incidenter");
			assert_int_equal(t[i].right,
					 1); /* short answer; matching wrong; essay not */
			assert_int_equal(t[i].total, 2);
		}
	}
	attempt_topics_free(&t, nt);
	attempt_release(&a);
}

/* The place and the draft of an open attempt: saved, read back, kept only
 * while it is open, and left out once it is finished. */
static void test_place_and_draft(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0}, b = {0};
	char *cause = NULL;

	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &a, &cause),
			 0);
	assert_false(a.has_place);
	assert_null(a.draft);
	assert_int_equal(
	    attempt_save_place(f->t.store, a.id, 2, "Mitt utkast: åäö \"citat\"", &cause), 0);
	assert_int_equal(attempt_get(f->t.store, a.id, &b, &cause), 1);
	assert_true(b.has_place);
	assert_int_equal(b.place, 2);
	assert_string_equal(b.draft, "Mitt utkast: åäö \"citat\"");
	/* The plan itself is unchanged by it. */
	assert_int_equal(b.n_items, a.n_items);
	for (size_t i = 0; i < a.n_items; i++)
		assert_int_equal(b.items[i].version_id, a.items[i].version_id);
	attempt_release(&b);
	/* A place without text clears the draft. */
	assert_int_equal(attempt_save_place(f->t.store, a.id, 3, NULL, &cause), 0);
	assert_int_equal(attempt_get(f->t.store, a.id, &b, &cause), 1);
	assert_int_equal(b.place, 3);
	assert_null(b.draft);
	attempt_release(&b);
	assert_int_equal(attempt_save_place(f->t.store, a.id, 1, "kvar", &cause), 0);
	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	assert_int_equal(attempt_get(f->t.store, a.id, &b, &cause), 1);
	assert_false(b.has_place);
	assert_null(b.draft);
	attempt_release(&b);
	/* A finished attempt is left alone. */
	assert_int_equal(attempt_save_place(f->t.store, a.id, 0, "sent", &cause), 0);
	assert_int_equal(attempt_get(f->t.store, a.id, &b, &cause), 1);
	assert_false(b.has_place);
	attempt_release(&b);
	attempt_release(&a);
}

static void test_pretest_never_passes(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0}, latest = {0};
	char *cause = NULL;

	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_PRE, 2, &a, &cause),
			 0);
	for (size_t i = 0; i < a.n_items; i++)
		answer(f, &a, i, true);
	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	assert_true(fabs(a.score - 100) < 0.01);
	assert_false(a.passed);
	assert_int_equal(
	    attempt_latest_finished(f->t.store, f->anna, f->prov, ATTEMPT_PRE, &latest, &cause), 1);
	assert_int_equal(latest.id, a.id);
	attempt_release(&latest);
	attempt_release(&a);
}

static void test_answer_json(void **state)
{
	struct question q = {0};
	struct attempt_answer a = {0};
	struct question_response r = {0}, back = {0};
	int match[3] = {1, 0, -1};
	char *json;

	(void)state;
	q.type = QUESTION_MATCHING;
	r.match = match;
	r.n_match = 3;
	json = attempt_answer_to_json(&q, &r);
	assert_string_equal(json, "{\"match\":[1,0,-1]}");
	assert_int_equal(attempt_answer_parse(json, &a), 0);
	attempt_answer_view(&a, &back);
	assert_int_equal(back.n_match, 3);
	assert_int_equal(back.match[0], 1);
	assert_int_equal(back.match[2], -1);
	attempt_answer_release(&a);
	free(json);
	q.type = QUESTION_ESSAY;
	r = (struct question_response){.text = "rad 1\nrad 2 \"åäö\""};
	json = attempt_answer_to_json(&q, &r);
	assert_int_equal(attempt_answer_parse(json, &a), 0);
	assert_string_equal(a.text, "rad 1\nrad 2 \"åäö\"");
	attempt_answer_release(&a);
	free(json);
	assert_int_equal(attempt_answer_parse("not json", &a), -1);
	attempt_answer_release(&a);
}

/* The counting rule the result screen shares with attempt_topics(). */
static void test_topics_add(void **state)
{
	struct attempt_topic *t = NULL;
	size_t n = 0;

	(void)state;
	attempt_topics_add(&t, &n, "grunder", true, 1.0);
	attempt_topics_add(&t, &n, NULL, true, 0.5);
	attempt_topics_add(&t, &n, "grunder", false, 1.0);              /* not answered */
	attempt_topics_add(&t, &n, "grunder", true, QUESTION_UNSCORED); /* not marked */
	attempt_topics_add(&t, &n, "", true, 1.0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].topic, "grunder");
	assert_int_equal(t[0].right, 1);
	assert_int_equal(t[0].total, 3);
	assert_true(fabs(t[0].marks - 1.0) < 1e-9);
	assert_string_equal(t[1].topic, "");
	assert_int_equal(t[1].right, 1);
	assert_int_equal(t[1].total, 2);
	assert_true(fabs(t[1].marks - 1.5) < 1e-9);
	attempt_topics_free(&t, n);
	assert_null(t);
}

static void test_progress(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL, *updated = NULL;
	int page, seen;
	long long course;

	assert_int_equal(progress_get(f->t.store, f->anna, f->prov, &page, &seen, &cause), 0);
	assert_int_equal(progress_set(f->t.store, f->anna, f->prov, 3, &cause), 0);
	assert_int_equal(progress_set(f->t.store, f->anna, f->prov, 2, &cause), 0);
	assert_int_equal(progress_get(f->t.store, f->anna, f->prov, &page, &seen, &cause), 1);
	assert_int_equal(page, 2);
	assert_int_equal(seen, 3); /* only grows */
	assert_int_equal(progress_latest(f->t.store, f->anna, &course, &page, &updated, &cause), 1);
	assert_int_equal(course, f->prov);
	assert_non_null(updated);
	free(updated);
}

static const struct course_status *find(const struct course_status *l, size_t n, const char *group)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i].group, group) == 0)
			return &l[i];
	return NULL;
}

static void test_course_status(void **state)
{
	struct fixture *f = *state;
	struct course_status *l = NULL;
	const struct course_status *p, *s;
	struct attempt a = {0};
	size_t n = 0;
	char *cause = NULL;

	assert_int_equal(progress_courses(f->t.store, f->anna, "sv", &l, &n, &cause), 0);
	assert_int_equal(n, 2); /* prov and its translation are one group */
	p = find(l, n, "prov");
	s = find(l, n, "steg2");
	assert_non_null(p);
	assert_non_null(s);
	assert_string_equal(p->slug, "prov");
	assert_int_equal(p->state, COURSE_NOT_STARTED);
	assert_int_equal(p->pages, 3);
	assert_int_equal(p->questions, 5); /* the description is not a step */
	assert_int_equal(s->state, COURSE_LOCKED);
	assert_string_equal(s->requires_title, "Prov");
	assert_true(l[0].position <= l[1].position);
	progress_courses_free(&l, n);

	/* English: the translation shows instead. */
	assert_int_equal(progress_courses(f->t.store, f->anna, "en", &l, &n, &cause), 0);
	assert_string_equal(find(l, n, "prov")->slug, "prov-en");
	progress_courses_free(&l, n);

	/* Reading makes it in progress; passing the translation passes the group. */
	assert_int_equal(progress_set(f->t.store, f->anna, f->prov, 1, &cause), 0);
	assert_int_equal(progress_courses(f->t.store, f->anna, "sv", &l, &n, &cause), 0);
	assert_int_equal(find(l, n, "prov")->state, COURSE_IN_PROGRESS);
	assert_int_equal(find(l, n, "prov")->pages_seen, 1);
	progress_courses_free(&l, n);
	assert_int_equal(
	    attempt_start(f->t.store, f->anna, f->prov_en, ATTEMPT_QUIZ, 0, &a, &cause), 0);
	answer(f, &a, 0, true);
	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	assert_true(a.passed);
	attempt_release(&a);
	assert_int_equal(progress_courses(f->t.store, f->anna, "sv", &l, &n, &cause), 0);
	p = find(l, n, "prov");
	assert_int_equal(p->state, COURSE_PASSED);
	assert_non_null(p->passed_at);
	assert_true(fabs(p->passed_score - 100) < 0.01);
	assert_int_equal(find(l, n, "steg2")->state, COURSE_NOT_STARTED);
	progress_courses_free(&l, n);

	/* Thirteen months later an all-staff course is due again. */
	setenv("VAKSAM_NOW", "2099-01-01T00:00:00Z", 1);
	assert_int_equal(progress_courses(f->t.store, f->anna, "sv", &l, &n, &cause), 0);
	assert_int_equal(find(l, n, "prov")->state, COURSE_REFRESH_DUE);
	progress_courses_free(&l, n);
	unsetenv("VAKSAM_NOW");
}

static void test_level(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0}, b = {0};
	struct level *lv = NULL;
	size_t n = 0;
	char *cause = NULL;

	/* First quiz: everything wrong, long ago (outside the 12 months). */
	setenv("VAKSAM_NOW", "2000-01-01T00:00:00Z", 1);
	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &a, &cause),
			 0);
	for (size_t i = 0; i < a.n_items; i++)
		answer(f, &a, i, false);
	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	unsetenv("VAKSAM_NOW");
	assert_int_equal(level_person(f->t.store, f->anna, &lv, &n, &cause), 0);
	assert_int_equal(n, 0);
	level_list_free(&lv, n);

	/* A pre-test now: both answers right; then only they count. */
	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_PRE, 2, &b, &cause),
			 0);
	for (size_t i = 0; i < b.n_items; i++)
		answer(f, &b, i, true);
	assert_int_equal(level_person(f->t.store, f->anna, &lv, &n, &cause), 0);
	assert_true(n >= 1);
	{
		int questions = 0;

		for (size_t i = 0; i < n; i++) {
			assert_true(fabs(lv[i].level - 1.0) < 1e-9);
			questions += lv[i].questions;
			if (strcmp(lv[i].topic, "grunder") == 0) {
				assert_string_equal(lv[i].name_sv, "Grunder");
				assert_string_equal(lv[i].name_en, "Basics");
			}
		}
		assert_int_equal(questions, 2);
	}
	level_list_free(&lv, n);

	/* The latest answer to a question counts: a wrong one now replaces it. */
	{
		struct attempt c = {0};

		assert_int_equal(
		    attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &c, &cause), 0);
		for (size_t i = 0; i < c.n_items; i++)
			answer(f, &c, i, false);
		assert_int_equal(level_person(f->t.store, f->anna, &lv, &n, &cause), 0);
		for (size_t i = 0; i < n; i++)
			assert_true(lv[i].level < 0.5);
		level_list_free(&lv, n);
		attempt_release(&c);
	}
	attempt_release(&a);
	attempt_release(&b);
}

/* A refresh asks what was wrong last time first, and no description. */
static void test_refresh_order(void **state)
{
	struct fixture *f = *state;
	struct attempt a = {0}, r = {0};
	char *cause = NULL;
	long long wrong = 0;

	assert_int_equal(attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_QUIZ, 0, &a, &cause),
			 0);
	for (size_t i = 0; i < a.n_items; i++) {
		struct question q = {0};

		item_question(f, &a.items[i], &q);
		if (q.type == QUESTION_SHORTANSWER)
			wrong = a.items[i].version_id;
		answer(f, &a, i, q.type != QUESTION_SHORTANSWER);
		question_release(&q);
	}
	assert_int_equal(attempt_finish(f->t.store, &a, &cause), 0);
	assert_int_equal(
	    attempt_start(f->t.store, f->anna, f->prov, ATTEMPT_REFRESH, 0, &r, &cause), 0);
	assert_int_equal(r.kind, ATTEMPT_REFRESH);
	assert_int_equal(r.n_items, 4); /* the scored questions */
	assert_int_equal(r.items[0].version_id, wrong);
	attempt_release(&a);
	attempt_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_plan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pretest_plan, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_and_finish, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_place_and_draft, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pretest_never_passes, setup, teardown),
	    cmocka_unit_test(test_answer_json),
	    cmocka_unit_test(test_topics_add),
	    cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_course_status, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_level, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refresh_order, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
