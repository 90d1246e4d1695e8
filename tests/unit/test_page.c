/* Unit tests for core/page: the Markdown page model and placeholders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/page.h"

static void parse(const char *md, struct page *page)
{
	char *cause = NULL;

	assert_int_equal(page_parse(md, strlen(md), page, &cause), 0);
	assert_null(cause);
}

static void test_blocks(void **state)
{
	struct page page = { 0 };
	const char *md = "# Rubrik\n"
			 "\n"
			 "Ett stycke som\nfortsätter.\n"
			 "\n"
			 "## Gör så här\n"
			 "\n"
			 "3. Stanna.\n"
			 "4. Kontrollera.\n"
			 "\n"
			 "- en punkt\n"
			 "- en till\n"
			 "\n"
			 "> Tänk på att fråga.\n"
			 ">\n"
			 "> - även här\n"
			 "\n"
			 "```\nkod  rad 1\nrad 2\n```\n";

	(void)state;
	parse(md, &page);
	assert_int_equal(page.n_blocks, 10);
	assert_int_equal(page.blocks[0].type, PAGE_HEADING);
	assert_int_equal(page.blocks[0].level, 1);
	assert_string_equal(page.blocks[0].spans[0].text, "Rubrik");
	assert_int_equal(page.blocks[1].type, PAGE_PARAGRAPH);
	assert_int_equal(page.blocks[1].n_spans, 1);
	/* A soft line break is a space. */
	assert_string_equal(page.blocks[1].spans[0].text, "Ett stycke som fortsätter.");
	assert_int_equal(page.blocks[2].type, PAGE_HEADING);
	assert_int_equal(page.blocks[2].level, 2);
	assert_int_equal(page.blocks[3].type, PAGE_NUMBERED);
	assert_int_equal(page.blocks[3].number, 3);
	assert_int_equal(page.blocks[3].depth, 1);
	assert_string_equal(page.blocks[3].spans[0].text, "Stanna.");
	assert_int_equal(page.blocks[4].number, 4);
	assert_int_equal(page.blocks[5].type, PAGE_BULLET);
	assert_string_equal(page.blocks[5].spans[0].text, "en punkt");
	assert_int_equal(page.blocks[6].type, PAGE_BULLET);
	assert_int_equal(page.blocks[6].box, 0);
	/* The quote: a paragraph and a list item in box 1. */
	assert_int_equal(page.blocks[7].type, PAGE_QUOTE);
	assert_int_equal(page.blocks[7].box, 1);
	assert_string_equal(page.blocks[7].spans[0].text, "Tänk på att fråga.");
	assert_int_equal(page.blocks[8].type, PAGE_BULLET);
	assert_int_equal(page.blocks[8].box, 1);
	assert_int_equal(page.blocks[9].type, PAGE_CODE);
	assert_string_equal(page.blocks[9].spans[0].text, "kod  rad 1\nrad 2");
	page_release(&page);
	page_release(&page); /* accepts a released page */
}

static void test_spans(void **state)
{
	struct page page = { 0 };
	const struct page_block *b;

	(void)state;
	parse("Läs *noga* och **alltid** `kod` på [IMY:s webbplats](https://www.imy.se/ \"t\") "
	      "&amp; &#228;&#xE5; &bogus; slut  \nny rad",
	      &page);
	assert_int_equal(page.n_blocks, 1);
	b = &page.blocks[0];
	assert_int_equal(b->n_spans, 9);
	assert_string_equal(b->spans[0].text, "Läs ");
	assert_int_equal(b->spans[0].flags, 0);
	assert_string_equal(b->spans[1].text, "noga");
	assert_int_equal(b->spans[1].flags, PAGE_SPAN_EMPH);
	assert_int_equal(b->spans[3].flags, PAGE_SPAN_STRONG);
	assert_string_equal(b->spans[5].text, "kod");
	assert_int_equal(b->spans[5].flags, PAGE_SPAN_CODE);
	assert_string_equal(b->spans[7].text, "IMY:s webbplats");
	assert_string_equal(b->spans[7].url, "https://www.imy.se/");
	assert_null(b->spans[6].url);
	assert_string_equal(b->spans[8].text, " & äå &bogus; slut\nny rad");
	assert_int_equal(b->spans[8].len, strlen(b->spans[8].text));
	page_release(&page);
}

static void test_nested_lists(void **state)
{
	struct page page = { 0 };

	(void)state;
	/* A loose list whose item has a second paragraph and a nested list. */
	parse("1. Första\n\n   mer text\n\n   - inre\n2. Andra\n\n<b>html</b> ---\n\n---\n", &page);
	assert_int_equal(page.n_blocks, 5);
	assert_int_equal(page.blocks[0].type, PAGE_NUMBERED);
	assert_string_equal(page.blocks[0].spans[0].text, "Första");
	assert_int_equal(page.blocks[1].type, PAGE_PARAGRAPH);
	assert_int_equal(page.blocks[1].depth, 1);
	assert_int_equal(page.blocks[2].type, PAGE_BULLET);
	assert_int_equal(page.blocks[2].depth, 2);
	assert_int_equal(page.blocks[3].type, PAGE_NUMBERED);
	assert_int_equal(page.blocks[3].number, 2);
	/* Raw HTML is text; the thematic break is dropped. */
	assert_int_equal(page.blocks[4].type, PAGE_PARAGRAPH);
	assert_string_equal(page.blocks[4].spans[0].text, "<b>html</b> ---");
	page_release(&page);

	/* Indented text is not code. */
	parse("    indragen text\n", &page);
	assert_int_equal(page.n_blocks, 1);
	assert_int_equal(page.blocks[0].type, PAGE_PARAGRAPH);
	page_release(&page);

	parse("", &page);
	assert_int_equal(page.n_blocks, 0);
	page_release(&page);
}

static const char *lookup(const char *key, void *ctx)
{
	(void)ctx;
	if (strcmp(key, "incident_phone") == 0)
		return "08-123 45";
	if (strcmp(key, "organisation") == 0)
		return "Alingsås kommun";
	return NULL;
}

static void test_placeholders(void **state)
{
	struct page page = { 0 };
	size_t n;
	char *s;

	(void)state;
	assert_true(page_placeholder_at("{{dpo_email}} x", &n));
	assert_int_equal(n, 9);
	assert_false(page_placeholder_at("{{ dpo }}", &n));
	assert_false(page_placeholder_at("{{Dpo}}", &n));
	assert_false(page_placeholder_at("{{}}", &n));
	assert_false(page_placeholder_at("{{abc", &n));
	assert_false(page_placeholder_at("{x}}", &n));

	s = page_fill("Ring {{incident_phone}} i {{organisation}}, {{okänd}} {{nope}}.", lookup,
		      NULL);
	assert_string_equal(s, "Ring 08-123 45 i Alingsås kommun, {{okänd}} {{nope}}.");
	free(s);

	parse("Ring **{{incident_phone}}** eller [mejla](mailto:{{incident_email}}) "
	      "{{organisation}}.",
	      &page);
	page_fill_placeholders(&page, lookup, NULL);
	assert_string_equal(page.blocks[0].spans[1].text, "08-123 45");
	assert_int_equal(page.blocks[0].spans[1].len, 9);
	assert_string_equal(page.blocks[0].spans[3].url, "mailto:{{incident_email}}");
	s = page_block_text(&page.blocks[0]);
	assert_string_equal(s, "Ring 08-123 45 eller mejla Alingsås kommun.");
	free(s);
	page_release(&page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_nested_lists),
		cmocka_unit_test(test_placeholders),
	};
	return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
