/*
 * Unit tests for authoring/lix: the readability index on examples counted by
 * hand. LIX = words / sentences + 100 * long words / words, long = more than
 * 6 letters (see content/README.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "authoring/lix.h"
#include "core/page.h"

static void add_markdown(struct lix *acc, const char *md)
{
	struct page page = { 0 };
	char *cause = NULL;

	assert_int_equal(page_parse(md, strlen(md), &page, &cause), 0);
	lix_add_page(acc, &page);
	page_release(&page);
}

/*
 * The worked example, block by block (L = long word):
 *   "Lösenord"                               1 word (L), 1 sentence (block end)
 *   "Ett bra lösenord(L) är långt."          5 words, sentence ends at "långt."
 *   "Använd en lösenordshanterare(L)!"       3 words, sentence ends at "!"
 *   "Dela aldrig koden"                      3 words, 1 sentence (block end)
 *   "Ring {{…}} vid frågor: det går fort."   placeholder gone; 6 words,
 *                                            sentences end at "frågor:" and "fort."
 *   "Läs mer på <URL> och IMY:s sida."       URL and link target gone; 6 words,
 *                                            1 sentence
 *   the code block                           not counted
 * words 1+8+3+6+6 = 24, long words 1+2 = 3, sentences 1+2+1+2+1 = 7
 * LIX = 24/7 + 100*3/24 = 3.428571 + 12.5 = 15.928571
 */
static void test_worked_example(void **state)
{
	struct lix acc = LIX_INIT;

	(void)state;
	add_markdown(&acc, "# Lösenord\n"
			   "\n"
			   "Ett bra **lösenord** är långt. Använd en *lösenordshanterare*!\n"
			   "\n"
			   "- Dela aldrig koden\n"
			   "- Ring {{incident_phone}} vid frågor: det går fort.\n"
			   "\n"
			   "Läs mer på https://www.imy.se och [IMY:s sida](https://imy.se/x).\n"
			   "\n"
			   "```\n"
			   "Det här är kod. Den räknas inte alls.\n"
			   "```\n");
	assert_int_equal(acc.words, 24);
	assert_int_equal(acc.long_words, 3);
	assert_int_equal(acc.sentences, 7);
	assert_true(fabs(lix_value(&acc) - (24.0 / 7 + 12.5)) < 1e-9);
}

static void test_sentence_rules(void **state)
{
	struct lix acc = LIX_INIT;

	(void)state;
	/* "6." holds no letter but ends the sentence: words Lagen gäller från
	 * artikel(L) | Sedan kommer mer -> 7 words, 1 long, 2 sentences. */
	lix_add_text(&acc, "Lagen gäller från artikel 6. Sedan kommer mer");
	assert_int_equal(acc.words, 7);
	assert_int_equal(acc.long_words, 1);
	assert_int_equal(acc.sentences, 2);

	/* Closing quotes and brackets are looked through; letters only count:
	 * ”Stopp.” | sa hon (e-postadressen). -> 4 words, 1 long (13 letters),
	 * 2 sentences. */
	memset(&acc, 0, sizeof(acc));
	lix_add_text(&acc, "\xE2\x80\x9DStopp.\xE2\x80\x9D sa hon (e-postadressen).");
	assert_int_equal(acc.words, 4);
	assert_int_equal(acc.long_words, 1);
	assert_int_equal(acc.sentences, 2);

	/* Bare URLs go; marks without a word before them end nothing; a mark
	 * in the middle of a run of marks counts once. */
	memset(&acc, 0, sizeof(acc));
	lix_add_text(&acc, "... www.imy.se. – Se (https://imy.se) nu! !");
	assert_int_equal(acc.words, 2);
	assert_int_equal(acc.sentences, 1);

	/* Exactly 6 letters is not long, 7 is; å ä ö é are letters. */
	memset(&acc, 0, sizeof(acc));
	lix_add_text(&acc, "Använd blåsöra idé.");
	assert_int_equal(acc.words, 3);
	assert_int_equal(acc.long_words, 1);
	assert_int_equal(acc.sentences, 1);
	assert_true(fabs(lix_value(&acc) - (3.0 + 100.0 / 3)) < 1e-9);
}

static void test_empty_and_titles(void **state)
{
	struct lix acc = LIX_INIT;

	(void)state;
	assert_true(lix_value(&acc) == 0.0);
	lix_add_text(&acc, "2026 – 72 h.");
	assert_int_equal(acc.words, 1);
	lix_add_text(&acc, "{{organisation}}");
	assert_int_equal(acc.words, 1);

	assert_true(lix_skipped_title("Källor"));
	assert_true(lix_skipped_title(" Sources "));
	assert_false(lix_skipped_title("Källorna"));
	assert_false(lix_skipped_title("Om källor"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_sentence_rules),
		cmocka_unit_test(test_empty_and_titles),
	};
	return cmocka_run_group_tests_name("lix", tests, NULL, NULL);
}
