/* Unit tests for authoring/frontmatter and the course.md part of
 * authoring/course_source: values, positions and page splitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "authoring/course_source.h"
#include "authoring/frontmatter.h"

static bool has_diag(const struct diag_list *d, int line, int col, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->items[i].line == line && d->items[i].col == col &&
		    strstr(d->items[i].message, needle))
			return true;
	return false;
}

static void test_frontmatter(void **state)
{
	/* BOM, CRLF, quotes, a comment, a blank line, UTF-8 columns. */
	const char text[] = "\xEF\xBB\xBF---\r\n"
			    "title: \"Säker: kurs\"\r\n"
			    "# a comment\r\n"
			    "\r\n"
			    "språk: sv\r\n"
			    "topics:   a, b  \r\n"
			    "topics: c\r\n"
			    "---\r\n"
			    "# Sida\r\n";
	struct frontmatter fm;
	struct diag_list d = DIAG_LIST_INIT;
	const struct frontmatter_entry *e;

	(void)state;
	assert_int_equal(frontmatter_parse(text, sizeof(text) - 1, "c.md", &fm, &d), -1);
	assert_int_equal(fm.n, 2);
	e = frontmatter_find(&fm, "title");
	assert_non_null(e);
	assert_string_equal(e->value, "Säker: kurs");
	assert_int_equal(e->line, 2);
	assert_int_equal(e->value_col, 9);
	e = frontmatter_find(&fm, "topics");
	assert_string_equal(e->value, "a, b");
	assert_int_equal(e->value_col, 11);
	/* "språk" is not a key (å is not a-z); the second topics is refused. */
	assert_true(has_diag(&d, 5, 4, "a key is made of a-z"));
	assert_true(has_diag(&d, 7, 1, "given twice (first on line 6)"));
	assert_int_equal(fm.close_line, 8);
	assert_int_equal(fm.body_line, 9);
	assert_memory_equal(text + fm.body_offset, "# Sida", 6);
	frontmatter_release(&fm);
	diag_list_release(&d);

	/* No opening line; an unclosed one. */
	assert_int_equal(frontmatter_parse("# Sida\n", 7, "c.md", &fm, &d), -1);
	assert_true(has_diag(&d, 1, 1, "must start with"));
	frontmatter_release(&fm);
	diag_list_release(&d);
	assert_int_equal(frontmatter_parse("---\nid: x\n", 10, "c.md", &fm, &d), -1);
	assert_true(has_diag(&d, 1, 1, "not closed"));
	assert_int_equal(fm.n, 1);
	frontmatter_release(&fm);
	diag_list_release(&d);
}

static const char course_md[] = "---\n"
				"id: min-kurs\n"
				"title: Min kurs\n"
				"language: sv\n"
				"audience: all\n"
				"version: 2\n"
				"pass_mark: 80%\n"
				"minutes: 10\n"
				"topics: grunder, analogt\n"
				"requires: a-kurs, b-kurs\n"
				"feedback: end\n"
				"---\n"
				"\n"
				"# Första sidan\n"
				"\n"
				"Text.\n"
				"\n"
				"```\n"
				"# inte en sida\n"
				"```\n"
				"# Andra sidan ##\n"
				"Mer text.\n";

static void test_course_values(void **state)
{
	struct course_source cs;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(course_source_parse("/nowhere/min-kurs", course_md, sizeof(course_md) - 1,
					     &cs, &d),
			 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(cs.id, "min-kurs");
	assert_string_equal(cs.folder, "min-kurs");
	assert_string_equal(cs.course_path, "/nowhere/min-kurs/course.md");
	assert_int_equal(cs.version, 2);
	assert_int_equal(cs.pass_mark, 80);
	assert_int_equal(cs.pretest, 0);
	assert_string_equal(cs.feedback, "end");
	assert_int_equal(cs.n_topics, 2);
	assert_string_equal(cs.topics[1].name, "analogt");
	assert_int_equal(cs.topics[1].pos.line, 9);
	assert_int_equal(cs.topics[1].pos.col, 18);
	assert_int_equal(cs.n_requires, 2);
	assert_int_equal(cs.requires[1].pos.col, 19);
	/* A "# " line inside a fence is not a page; a closing ## is dropped. */
	assert_int_equal(cs.n_pages, 2);
	assert_string_equal(cs.pages[0].title, "Första sidan");
	assert_int_equal(cs.pages[0].line, 14);
	assert_string_equal(cs.pages[0].markdown, "\nText.\n\n```\n# inte en sida\n```\n");
	assert_string_equal(cs.pages[1].title, "Andra sidan");
	assert_int_equal(cs.pages[1].line, 21);
	assert_string_equal(cs.pages[1].markdown, "Mer text.\n");
	course_source_release(&cs);
	diag_list_release(&d);
}

static void test_course_errors(void **state)
{
	const char bad[] = "---\n"
			   "id: Fel_Id\n"
			   "language: de\n"
			   "audience: all\n"
			   "version: 0\n"
			   "topics: a,,b\n"
			   "requires: x--y, sig\n"
			   "colour: blå\n"
			   "---\n"
			   "före\n"
			   "# \n";
	struct course_source cs;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	course_source_parse("dir/sig", bad, sizeof(bad) - 1, &cs, &d);
	assert_true(has_diag(&d, 2, 5, "not a valid course id"));
	assert_true(has_diag(&d, 3, 11, "language must be sv or en"));
	assert_true(has_diag(&d, 5, 10, "version must be a whole number from 1"));
	assert_true(has_diag(&d, 6, 11, "empty entry"));
	assert_true(has_diag(&d, 7, 11, "'x--y' is not a valid course id"));
	assert_true(has_diag(&d, 8, 1, "unknown front matter key 'colour'"));
	assert_true(has_diag(&d, 1, 1, "no 'title'"));
	assert_true(has_diag(&d, 10, 1, "text before the first lesson page"));
	assert_true(has_diag(&d, 11, 1, "needs a title"));
	assert_null(cs.id);
	assert_int_equal(cs.n_topics, 2);
	course_source_release(&cs);
	diag_list_release(&d);

	/* Not UTF-8, and a bidirectional override. */
	course_source_parse("dir/x", "---\nid: x\xff\n", 11, &cs, &d);
	assert_true(has_diag(&d, 2, 6, "not UTF-8"));
	course_source_release(&cs);
	diag_list_release(&d);
	course_source_parse("dir/x", "---\ntitle: a\xE2\x80\xAE\n", 16, &cs, &d);
	assert_true(has_diag(&d, 2, 9, "U+202E"));
	course_source_release(&cs);
	diag_list_release(&d);

	assert_true(course_id_valid("a-1-b"));
	assert_false(course_id_valid("-a"));
	assert_false(course_id_valid("a-"));
	assert_false(course_id_valid("a--b"));
	assert_false(course_id_valid("Ab"));
	assert_false(course_id_valid(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frontmatter),
		cmocka_unit_test(test_course_values),
		cmocka_unit_test(test_course_errors),
	};
	return cmocka_run_group_tests_name("course_source", tests, NULL, NULL);
}
