/*
 * libFuzzer target: course.md as authoring reads it — the front matter
 * (authoring/frontmatter.c), the checks of its keys and values and the split
 * into lesson pages (authoring/course_source.c). Any input must give
 * diagnostics, never a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>

#include "authoring/course_source.h"
#include "core/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct course_source cs;
	struct frontmatter fm;
	struct diag_list diags = DIAG_LIST_INIT;

	/* The bare front matter parser, then the whole course.md reader. */
	frontmatter_parse((const char *)data, size, "course.md", &fm, &diags);
	for (size_t i = 0; i < fm.n; i++)
		(void)frontmatter_find(&fm, fm.entries[i].key);
	frontmatter_release(&fm);
	course_source_parse("fuzz-course", (const char *)data, size, &cs, &diags);
	for (size_t i = 0; i < cs.n_topics; i++)
		(void)course_source_pos(&cs, "topics");
	course_source_release(&cs);
	diag_sort(&diags);
	diag_list_release(&diags);
	return 0;
}
