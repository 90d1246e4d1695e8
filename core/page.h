/*
 * The page model: one lesson page or handout, parsed from Markdown with md4c
 * into a flat list of blocks, each a list of inline spans. The kiosk (curses)
 * and the PDF printouts both render from this model, and the readability
 * figure (LIX) is computed from it; nothing here knows about a screen or
 * paper.
 *
 * The Markdown accepted is CommonMark without raw HTML and without indented
 * code blocks (an indented line is ordinary text; code needs ``` fences):
 * paragraphs, headings, bullet and numbered lists, block quotes, emphasis,
 * strong, code spans, links and fenced code. Raw HTML shows as text; an image
 * shows as its alt text; thematic breaks are dropped.
 *
 * Block quotes are "Tänk på" boxes. The model flattens them: every block has
 * a box number, 0 outside any block quote, else the 1-based number of the
 * outermost block quote it stands in. A paragraph inside a box has type
 * PAGE_QUOTE; a heading or list item inside one keeps its own type. A
 * renderer draws consecutive blocks with the same non-zero box in one box.
 *
 * A zero-initialised struct page is a valid empty page; page_release()
 * accepts it. Every string in the model is NUL-terminated UTF-8 owned by it.
 */
#ifndef VAKSAM_PAGE_H
#define VAKSAM_PAGE_H

#include <stdbool.h>
#include <stddef.h>

enum page_block_type {
	PAGE_PARAGRAPH, /* text; depth > 0 when it continues a list item */
	PAGE_HEADING,   /* level 1-6 */
	PAGE_BULLET,    /* an item of a bullet list */
	PAGE_NUMBERED,  /* an item of a numbered list; number holds its number */
	PAGE_QUOTE,     /* a paragraph inside a block quote ("Tänk på" box) */
	PAGE_CODE,      /* a fenced code block: one span, lines separated by '\n' */
};

/* Flags of a span (page_span.flags). */
#define PAGE_SPAN_EMPH 0x1u   /* *emphasis* */
#define PAGE_SPAN_STRONG 0x2u /* **strong** */
#define PAGE_SPAN_CODE 0x4u   /* `code` */

struct page_span {
	char *text;     /* owned; may hold '\n' for a hard line break */
	size_t len;     /* bytes of text */
	unsigned flags; /* PAGE_SPAN_* */
	char *url;      /* owned; the link target when the span is link text, else NULL */
};

struct page_block {
	enum page_block_type type;
	int level;  /* PAGE_HEADING: 1-6; else 0 */
	int depth;  /* list nesting: 0 outside lists, 1 in a top-level list item */
	int number; /* PAGE_NUMBERED: the item's number; else 0 */
	int box;    /* 0, or the 1-based number of the block quote it stands in */
	struct page_span *spans; /* owned, n_spans entries */
	size_t n_spans;
};

struct page {
	struct page_block *blocks; /* owned, n_blocks entries */
	size_t n_blocks;
};

/*
 * Parses len bytes of Markdown into *out, which must be zero-initialised or
 * released. Returns 0, or -1 with *cause set (caller frees) and *out empty.
 * Every input that is not too large parses; there are no syntax errors in
 * Markdown.
 */
int page_parse(const char *markdown, size_t len, struct page *out, char **cause);

/* Frees the model and leaves page zero-initialised. */
void page_release(struct page *page);

/* Returns the block's text without its marks, spans joined; newly allocated,
 * caller frees. */
char *page_block_text(const struct page_block *block);

/*
 * Placeholders: `{{key}}`, key made of a-z, 0-9 and '_' (1-64 characters).
 * page_placeholder_at() returns true when s starts with a placeholder and
 * then sets *key_len to the key's length (the key starts at s + 2 and the
 * placeholder is *key_len + 4 bytes long).
 */
bool page_placeholder_at(const char *s, size_t *key_len);

/*
 * Looks up the value of a placeholder key; returns a string the caller of
 * page_fill() does not free, or NULL to leave the placeholder as written.
 */
typedef const char *(*page_lookup_fn)(const char *key, void *ctx);

/* Returns a newly allocated copy of text with every placeholder the lookup
 * knows replaced by its value; caller frees. */
char *page_fill(const char *text, page_lookup_fn lookup, void *ctx);

/* Fills the placeholders of every span's text and link target in place. */
void page_fill_placeholders(struct page *page, page_lookup_fn lookup, void *ctx);

#include "banned.h"

#endif
