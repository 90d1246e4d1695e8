/*
 * libFuzzer target: the Markdown page model (core/page.c over md4c), its
 * placeholder filling and the readability count on it (authoring/lix.c).
 * Any input must give a model, never a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lix.h"
#include "core/page.h"

static const char *lookup(const char *key, void *ctx)
{
	(void)ctx;
	/* A value that is itself Markdown and a placeholder must stay text. */
	return strcmp(key, "organisation") == 0 ? "**{{organisation}}** [x](y)" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page page = { 0 };
	struct lix acc = LIX_INIT;
	char *cause = NULL;
	char *text;

	if (page_parse((const char *)data, size, &page, &cause) < 0) {
		free(cause);
		return 0;
	}
	lix_add_page(&acc, &page);
	(void)lix_value(&acc);
	page_fill_placeholders(&page, lookup, NULL);
	for (size_t i = 0; i < page.n_blocks; i++) {
		const struct page_block *b = &page.blocks[i];

		if (b->type == PAGE_HEADING && (b->level < 1 || b->level > 6))
			abort();
		for (size_t j = 0; j < b->n_spans; j++)
			if (strlen(b->spans[j].text) != b->spans[j].len)
				abort();
		text = page_block_text(b);
		lix_add_text(&acc, text);
		free(text);
	}
	page_release(&page);
	return 0;
}
