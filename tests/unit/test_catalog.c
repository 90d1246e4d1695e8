/* Unit tests for core/catalog: building courses and reading them back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/catalog.h"
#include "core/store.h"
#include "core/xmalloc.h"

struct fixture {
	char dir[64];
	char *path;
	struct store *store;
	struct question q[3];
	const char *topics[2];
	const char *requires[1];
	struct catalog_build_page pages[2];
	struct catalog_build_topic topic_defs[2];
	struct catalog_build_course courses[2];
};

static void make_question(struct question *q, const char *name, const char *topic,
			  const char *stem)
{
	memset(q, 0, sizeof(*q));
	q->id = xstrdup(name);
	q->category = topic ? xstrdup(topic) : NULL;
	q->type = QUESTION_SINGLE;
	q->stem = xstrdup(stem);
	q->general_feedback = xstrdup("");
	question_add_answer(q, "Ja", 1, "Rätt.");
	question_add_answer(q, "Nej", 0, "Fel.");
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;

	snprintf(f->dir, sizeof(f->dir), "/tmp/vaksam-catalog.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = xasprintf("%s/t.db", f->dir);
	assert_int_equal(store_open(f->path, STORE_CREATE_NEW, &f->store, &cause), 0);

	make_question(&f->q[0], "q-ett", "grunder", "Fråga ett?");
	make_question(&f->q[1], "q-tva", "analogt", "Fråga två?");
	make_question(&f->q[2], "q-tre", "analogt", "Fråga tre?");
	f->topics[0] = "grunder";
	f->topics[1] = "analogt";
	f->requires[0] = "forsta-kursen";
	f->pages[0] = (struct catalog_build_page){ "Sida ett", "Text *ett*.\n" };
	f->pages[1] = (struct catalog_build_page){ "Källor", "- [IMY](https://imy.se)\n" };
	f->topic_defs[0] = (struct catalog_build_topic){ "grunder", "Grunder", "Basics" };
	f->topic_defs[1] = (struct catalog_build_topic){ "analogt", "Papper", "Paper" };

	f->courses[0] = (struct catalog_build_course){
		.slug = "forsta-kursen", .title = "Första kursen", .language = "sv",
		.audience = "all", .version = 1, .pass_mark = 80, .minutes = 10, .pretest = 2,
		.refresh_months = 12, .topics = f->topics, .n_topics = 2, .pages = f->pages,
		.n_pages = 2, .handout = "# Kom ihåg\n", .questions = f->q, .n_questions = 3,
	};
	f->courses[1] = (struct catalog_build_course){
		.slug = "andra", .title = "Andra", .language = "en", .audience = "coordinators",
		.translation_of = NULL, .feedback = "end", .version = 2, .pass_mark = 70,
		.minutes = 5, .topics = f->topics, .n_topics = 1, .requires = f->requires,
		.n_requires = 1, .pages = f->pages, .n_pages = 1, .questions = f->q,
		.n_questions = 1,
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *p;

	store_close(&f->store);
	for (int i = 0; i < 3; i++)
		question_release(&f->q[i]);
	for (size_t i = 0; i < 4; i++) {
		static const char *const suffix[] = { "", "-wal", "-shm", ".key" };

		p = xasprintf("%s%s", f->path, suffix[i]);
		unlink(p);
		free(p);
	}
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void build(struct fixture *f, struct catalog_stats *stats)
{
	char *cause = NULL;
	int rc = catalog_build(f->store, f->topic_defs, 2, f->courses, 2, stats, &cause);

	if (rc != 0)
		fail_msg("catalog_build: %s", cause);
}

static void test_build_and_read(void **state)
{
	struct fixture *f = *state;
	struct catalog_stats stats;
	struct catalog_courses list = { 0 };
	struct catalog_pages pages = { 0 };
	struct catalog_questions qs = { 0 };
	struct catalog_topics topics = { 0 };
	char *cause = NULL, *handout = NULL;

	build(f, &stats);
	assert_int_equal(stats.courses_added, 2);
	assert_int_equal(stats.questions_added, 4);

	assert_int_equal(catalog_courses_load(f->store, &list, &cause), 0);
	assert_int_equal(list.n, 2);
	/* "all" first, then by position. */
	assert_string_equal(list.items[0].slug, "forsta-kursen");
	assert_int_equal(list.items[0].position, 0);
	assert_int_equal(list.items[0].pretest, 2);
	assert_int_equal(list.items[0].refresh_months, 12);
	assert_int_equal(list.items[0].due_days, 0);
	assert_string_equal(list.items[0].feedback, "each");
	assert_true(list.items[0].has_handout);
	assert_int_equal(list.items[0].n_topics, 2);
	assert_string_equal(list.items[0].topics[1], "analogt");
	assert_string_equal(list.items[1].slug, "andra");
	assert_int_equal(list.items[1].position, 1);
	assert_string_equal(list.items[1].feedback, "end");
	assert_null(list.items[1].translation_of);
	assert_int_equal(list.items[1].n_requires, 1);
	assert_string_equal(list.items[1].requires[0], "forsta-kursen");
	assert_false(list.items[1].has_handout);

	assert_int_equal(catalog_pages_load(f->store, list.items[0].id, &pages, &cause), 0);
	assert_int_equal(pages.n, 2);
	assert_int_equal(pages.items[1].page_no, 2);
	assert_string_equal(pages.items[0].title, "Sida ett");
	assert_string_equal(pages.items[0].body, "Text *ett*.\n");
	assert_int_equal(catalog_handout_load(f->store, list.items[0].id, &handout, &cause), 1);
	assert_string_equal(handout, "# Kom ihåg\n");
	free(handout);
	assert_int_equal(catalog_handout_load(f->store, list.items[1].id, &handout, &cause), 0);
	assert_null(handout);

	assert_int_equal(catalog_questions_load(f->store, list.items[0].id, &qs, &cause), 0);
	assert_int_equal(qs.n, 3);
	assert_string_equal(qs.items[1].name, "q-tva");
	assert_string_equal(qs.items[1].topic, "analogt");
	assert_string_equal(qs.items[1].q.category, "analogt");
	assert_int_equal(qs.items[1].version, 1);
	assert_true(question_equal(&qs.items[1].q, &f->q[1]));

	assert_int_equal(catalog_topics_load(f->store, &topics, &cause), 0);
	assert_int_equal(topics.n, 2);
	assert_string_equal(topics.items[0].slug, "analogt");
	assert_string_equal(topics.items[0].name_en, "Paper");

	catalog_topics_release(&topics);
	catalog_questions_release(&qs);
	catalog_pages_release(&pages);
	catalog_courses_release(&list);
	catalog_courses_release(&list); /* accepts a released list */
}

static void test_versions(void **state)
{
	struct fixture *f = *state;
	struct catalog_stats stats;
	struct catalog_course c = { 0 };
	struct catalog_questions qs = { 0 };
	struct catalog_question old = { 0 };
	char *cause = NULL;
	long long v1;

	build(f, &stats);
	build(f, &stats);
	assert_int_equal(stats.courses_unchanged, 2);
	assert_int_equal(stats.versions_added + stats.questions_added + stats.questions_retired, 0);

	assert_int_equal(catalog_course_find(f->store, "forsta-kursen", &c, &cause), 1);
	assert_int_equal(catalog_questions_load(f->store, c.id, &qs, &cause), 0);
	v1 = qs.items[0].version_id;
	catalog_questions_release(&qs);

	/* A new text is a new version; a new topic alone is not. */
	free(f->q[0].stem);
	f->q[0].stem = xstrdup("Fråga ett, ny?");
	free(f->q[2].category);
	f->q[2].category = xstrdup("grunder");
	f->courses[0].n_questions = 2; /* q-tre removed from the first course */
	build(f, &stats);
	assert_int_equal(stats.courses_changed, 2);
	assert_int_equal(stats.versions_added, 2); /* q-ett in both courses */
	assert_int_equal(stats.questions_retired, 1);

	assert_int_equal(catalog_questions_load(f->store, c.id, &qs, &cause), 0);
	assert_int_equal(qs.n, 2);
	assert_int_equal(qs.items[0].version, 2);
	assert_string_equal(qs.items[0].q.stem, "Fråga ett, ny?");
	catalog_questions_release(&qs);

	/* The old version still reads back as it was. */
	assert_int_equal(catalog_question_version(f->store, v1, &old, &cause), 1);
	assert_int_equal(old.version, 1);
	assert_string_equal(old.q.stem, "Fråga ett?");
	catalog_question_release(&old);
	assert_int_equal(catalog_question_version(f->store, 999999, &old, &cause), 0);

	/* The retired question comes back with its history; its topic moved. */
	f->courses[0].n_questions = 3;
	build(f, &stats);
	assert_int_equal(stats.versions_added, 0);
	assert_int_equal(catalog_questions_load(f->store, c.id, &qs, &cause), 0);
	assert_int_equal(qs.n, 3);
	assert_int_equal(qs.items[2].version, 1);
	assert_string_equal(qs.items[2].topic, "grunder");
	catalog_questions_release(&qs);
	catalog_course_release(&c);
}

static void test_lookup(void **state)
{
	struct fixture *f = *state;
	struct catalog_course c = { 0 }, other = { 0 }, other2 = { 0 };
	enum scancode_status st;
	char *cause = NULL;
	char *code = scancode_course("forsta-kursen");
	char *grouped = scancode_group(code);
	char bad[64];

	build(f, NULL);
	assert_int_equal(catalog_course_by_code(f->store, grouped, &st, &c, &cause), 1);
	assert_int_equal(st, SCANCODE_OK);
	assert_string_equal(c.slug, "forsta-kursen");
	catalog_course_release(&c);

	snprintf(bad, sizeof(bad), "%s", code);
	bad[4] = bad[4] == 'X' ? 'Y' : 'X';
	assert_int_equal(catalog_course_by_code(f->store, bad, &st, &c, &cause), 0);
	assert_int_equal(st, SCANCODE_MISTYPED);
	assert_int_equal(catalog_course_by_code(f->store, "1001", &st, &c, &cause), 0);
	assert_int_equal(st, SCANCODE_MALFORMED);
	free(code);
	code = scancode_course("okand-kurs");
	assert_int_equal(catalog_course_by_code(f->store, code, &st, &c, &cause), 0);
	assert_int_equal(st, SCANCODE_OK);
	free(code);

	assert_int_equal(catalog_course_find(f->store, "finns-inte", &c, &cause), 0);
	assert_int_equal(catalog_course_find(f->store, "andra", &c, &cause), 1);
	assert_int_equal(catalog_course_get(f->store, c.id, &other, &cause), 1);
	assert_string_equal(other.title, "Andra");
	assert_int_equal(catalog_course_get(f->store, c.id + 100, &other2, &cause), 0);
	catalog_course_release(&other);
	catalog_course_release(&c);
	free(grouped);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_build_and_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
	};
	return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
