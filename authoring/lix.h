/*
 * LIX, the Swedish readability index (Björnsson 1968), exactly as
 * content/README.md defines it for vaksam:
 *
 *   LIX = words / sentences + 100 * long words / words
 *
 * - The text is a page's headings, paragraphs, list items and quotes as the
 *   page model (core/page.h) holds them: Markdown marks and link targets are
 *   already gone; code blocks are left out. `{{placeholders}}` are removed,
 *   and so is every bare URL: a token that contains "://" or starts with
 *   "www." (after any opening quote or bracket).
 * - Tokens are separated by white space (space, tab, line breaks, no-break
 *   space). A word is a token that holds at least one letter; it is long
 *   when it holds more than 6 letters. Letters are those of the Latin,
 *   Greek and Cyrillic alphabets (å ä ö é ü ... included); digits and marks
 *   are not letters.
 * - A sentence ends at a token whose last character, after any closing
 *   quotes and brackets, is '.', '!', '?' or ':', provided a word came since
 *   the last sentence end. The end of a heading, list item or paragraph also
 *   ends a sentence that has words and no such mark.
 * - A page without words has LIX 0.
 *
 * tests/tools/lix.py computes the same figures for authors without a build.
 */
#ifndef VAKSAM_LIX_H
#define VAKSAM_LIX_H

#include <stdbool.h>
#include <stddef.h>

struct page;

struct lix {
	int words;
	int long_words;
	int sentences;
};

#define LIX_INIT { 0, 0, 0 }

/* Adds one block of text (a heading, paragraph, list item or quote). */
void lix_add_text(struct lix *acc, const char *text);
/* Adds every block of a page except code blocks. */
void lix_add_page(struct lix *acc, const struct page *page);
/* The index: words / sentences + 100 * long words / words; 0 without words. */
double lix_value(const struct lix *acc);

/* Whether a lesson page with this title is left out of readability figures
 * (the sources page: "Källor" or "Sources"). */
bool lix_skipped_title(const char *title);

#include "core/banned.h"

#endif
