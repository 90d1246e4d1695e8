/*
 * The page model built from md4c's callbacks; see page.h.
 *
 * md4c reports nested blocks (document, quote, list, item, paragraph ...);
 * the builder keeps a small state (list stack, quote depth, the leaf block
 * being filled) and appends one flat block per leaf. In a tight list the
 * text of an item arrives with no paragraph around it, in a loose list
 * inside one: either way the item's first text goes to the item's own block,
 * and later paragraphs of the same item become PAGE_PARAGRAPH with its depth.
 */
#include "page.h"

#include <md4c.h>
#include <string.h>

#include "strbuf.h"
#include "xmalloc.h"

#define PAGE_MAX_LISTS 64

struct list_state {
	bool ordered;
	int next; /* number of the next item */
};

struct builder {
	struct page *page;
	struct page_block *leaf; /* the block being filled, or NULL */
	bool item_fresh;         /* leaf is a list item that has had no paragraph yet */
	struct list_state lists[PAGE_MAX_LISTS];
	int n_lists;     /* nesting depth of lists; may exceed PAGE_MAX_LISTS */
	int quote_depth;
	int box;         /* the current outermost quote's number, when quote_depth > 0 */
	int n_boxes;
	int emph, strong, code; /* span nesting counts */
	char *url;       /* owned; target of the link being read, or NULL */
	bool hard_break; /* a line break pending (ignored at the end of a block) */
};

/* --- spans and blocks ------------------------------------------------- */

static struct page_block *block_open(struct builder *b, enum page_block_type type)
{
	struct page *page = b->page;
	struct page_block *blk;

	page->blocks = xreallocarray(page->blocks, page->n_blocks + 1, sizeof(*page->blocks));
	blk = &page->blocks[page->n_blocks++];
	memset(blk, 0, sizeof(*blk));
	blk->type = type;
	blk->depth = b->n_lists;
	blk->box = b->quote_depth > 0 ? b->box : 0;
	b->leaf = blk;
	b->item_fresh = false;
	b->hard_break = false;
	return blk;
}

static void block_close(struct builder *b)
{
	struct page_block *blk = b->leaf;

	/* A code block's text ends with the newline of its last line. */
	if (blk && blk->type == PAGE_CODE && blk->n_spans == 1) {
		struct page_span *sp = &blk->spans[0];

		if (sp->len > 0 && sp->text[sp->len - 1] == '\n')
			sp->text[--sp->len] = '\0';
	}
	b->leaf = NULL;
	b->item_fresh = false;
	b->hard_break = false;
}

static unsigned current_flags(const struct builder *b)
{
	return (b->emph ? PAGE_SPAN_EMPH : 0u) | (b->strong ? PAGE_SPAN_STRONG : 0u) |
	       (b->code ? PAGE_SPAN_CODE : 0u);
}

static bool same_url(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Appends text to the leaf's last span when flags and link agree, else to a
 * new span. */
static void span_append(struct builder *b, unsigned flags, const char *text, size_t len)
{
	struct page_block *blk;
	struct page_span *sp;

	if (len == 0)
		return;
	if (b->leaf == NULL)
		block_open(b, b->quote_depth > 0 ? PAGE_QUOTE : PAGE_PARAGRAPH);
	blk = b->leaf;
	sp = blk->n_spans ? &blk->spans[blk->n_spans - 1] : NULL;
	if (sp == NULL || sp->flags != flags || !same_url(sp->url, b->url)) {
		blk->spans = xreallocarray(blk->spans, blk->n_spans + 1, sizeof(*blk->spans));
		sp = &blk->spans[blk->n_spans++];
		sp->text = xstrdup("");
		sp->len = 0;
		sp->flags = flags;
		sp->url = b->url ? xstrdup(b->url) : NULL;
	}
	sp->text = xreallocarray(sp->text, sp->len + len + 1, 1);
	memcpy(sp->text + sp->len, text, len);
	sp->len += len;
	sp->text[sp->len] = '\0';
}

static void text_add(struct builder *b, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	if (b->hard_break) {
		b->hard_break = false;
		span_append(b, current_flags(b), "\n", 1);
	}
	/* Text stays a C string: a NUL byte becomes U+FFFD, as CommonMark says. */
	while (nul) {
		span_append(b, current_flags(b), text, (size_t)(nul - text));
		span_append(b, current_flags(b), "\xEF\xBF\xBD", 3);
		len -= (size_t)(nul - text) + 1;
		text = nul + 1;
		nul = memchr(text, '\0', len);
	}
	span_append(b, current_flags(b), text, len);
}

/* --- entities ---------------------------------------------------------- */

static void utf8_put(struct strbuf *sb, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		strbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (char)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (char)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (char)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3F)));
	}
}

/* The named entities a Swedish or English text is likely to hold. Others
 * stay as written. */
static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{ "amp", '&' },      { "lt", '<' },         { "gt", '>' },        { "quot", '"' },
	{ "apos", '\'' },    { "nbsp", 0xA0 },      { "shy", 0xAD },      { "ndash", 0x2013 },
	{ "mdash", 0x2014 }, { "hellip", 0x2026 },  { "lsquo", 0x2018 },  { "rsquo", 0x2019 },
	{ "ldquo", 0x201C }, { "rdquo", 0x201D },   { "laquo", 0xAB },    { "raquo", 0xBB },
	{ "aring", 0xE5 },   { "Aring", 0xC5 },     { "auml", 0xE4 },     { "Auml", 0xC4 },
	{ "ouml", 0xF6 },    { "Ouml", 0xD6 },      { "eacute", 0xE9 },   { "Eacute", 0xC9 },
	{ "uuml", 0xFC },    { "Uuml", 0xDC },      { "copy", 0xA9 },     { "euro", 0x20AC },
	{ "deg", 0xB0 },     { "sect", 0xA7 },      { "times", 0xD7 },    { "middot", 0xB7 },
};

/* Appends the entity text (e.g. "&amp;", "&#228;", "&#xE4;") decoded. */
static void entity_decode(struct strbuf *sb, const char *text, size_t len)
{
	unsigned long cp = 0;

	if (len >= 4 && text[0] == '&' && text[1] == '#' && text[len - 1] == ';') {
		bool hex = text[2] == 'x' || text[2] == 'X';
		size_t i = hex ? 3 : 2;

		if (i >= len - 1)
			goto literal;
		for (; i < len - 1; i++) {
			char c = text[i];
			unsigned d;

			if (c >= '0' && c <= '9')
				d = (unsigned)(c - '0');
			else if (hex && c >= 'a' && c <= 'f')
				d = (unsigned)(c - 'a' + 10);
			else if (hex && c >= 'A' && c <= 'F')
				d = (unsigned)(c - 'A' + 10);
			else
				goto literal;
			cp = cp * (hex ? 16 : 10) + d;
			if (cp > 0x10FFFF)
				cp = 0x110000; /* stays invalid without overflowing */
		}
		utf8_put(sb, cp);
		return;
	}
	if (len >= 3 && text[0] == '&' && text[len - 1] == ';') {
		for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
			if (strlen(entities[i].name) == len - 2 &&
			    memcmp(entities[i].name, text + 1, len - 2) == 0) {
				utf8_put(sb, entities[i].cp);
				return;
			}
		}
	}
literal:
	strbuf_add(sb, text, len);
}

/* Returns a newly allocated, decoded copy of an md4c attribute. */
static char *attribute_copy(const MD_ATTRIBUTE *attr)
{
	struct strbuf sb = STRBUF_INIT;

	if (attr->substr_offsets == NULL || attr->substr_types == NULL) {
		strbuf_add(&sb, attr->text, attr->size);
		return strbuf_detach(&sb);
	}
	for (size_t i = 0; attr->substr_offsets[i] < attr->size; i++) {
		MD_OFFSET from = attr->substr_offsets[i];
		MD_OFFSET to = attr->substr_offsets[i + 1];

		if (to > attr->size)
			to = attr->size;
		switch (attr->substr_types[i]) {
		case MD_TEXT_ENTITY:
			entity_decode(&sb, attr->text + from, to - from);
			break;
		case MD_TEXT_NULLCHAR:
			utf8_put(&sb, 0xFFFD);
			break;
		default:
			strbuf_add(&sb, attr->text + from, to - from);
			break;
		}
	}
	return strbuf_detach(&sb);
}

/* --- md4c callbacks ---------------------------------------------------- */

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct builder *b = ud;

	switch (type) {
	case MD_BLOCK_QUOTE:
		block_close(b);
		if (b->quote_depth++ == 0)
			b->box = ++b->n_boxes;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		block_close(b);
		if (b->n_lists < PAGE_MAX_LISTS) {
			struct list_state *l = &b->lists[b->n_lists];

			l->ordered = type == MD_BLOCK_OL;
			l->next = 1;
			if (l->ordered) {
				unsigned start = ((const MD_BLOCK_OL_DETAIL *)detail)->start;

				l->next = start > 999999999u ? 999999999 : (int)start;
			}
		}
		b->n_lists++;
		break;
	case MD_BLOCK_LI: {
		struct list_state *l =
			b->n_lists > 0 && b->n_lists <= PAGE_MAX_LISTS ? &b->lists[b->n_lists - 1] : NULL;
		struct page_block *blk;

		block_close(b);
		blk = block_open(b, l && l->ordered ? PAGE_NUMBERED : PAGE_BULLET);
		if (l && l->ordered) {
			blk->number = l->next;
			if (l->next < 999999999)
				l->next++;
		}
		b->item_fresh = true;
		break;
	}
	case MD_BLOCK_H:
		block_close(b);
		block_open(b, PAGE_HEADING)->level = (int)((const MD_BLOCK_H_DETAIL *)detail)->level;
		break;
	case MD_BLOCK_CODE:
		block_close(b);
		block_open(b, PAGE_CODE);
		break;
	case MD_BLOCK_P:
	case MD_BLOCK_HTML:
		if (b->leaf && b->item_fresh) {
			b->item_fresh = false;
			break;
		}
		block_close(b);
		block_open(b, b->quote_depth > 0 ? PAGE_QUOTE : PAGE_PARAGRAPH);
		break;
	default: /* document, thematic break; tables are not enabled */
		block_close(b);
		break;
	}
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct builder *b = ud;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
		block_close(b);
		b->quote_depth--;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		block_close(b);
		b->n_lists--;
		break;
	default:
		block_close(b);
		break;
	}
	return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct builder *b = ud;

	switch (type) {
	case MD_SPAN_EM:
		b->emph++;
		break;
	case MD_SPAN_STRONG:
		b->strong++;
		break;
	case MD_SPAN_CODE:
		b->code++;
		break;
	case MD_SPAN_A:
		free(b->url);
		b->url = attribute_copy(&((const MD_SPAN_A_DETAIL *)detail)->href);
		break;
	default: /* images show their alt text */
		break;
	}
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct builder *b = ud;

	(void)detail;
	switch (type) {
	case MD_SPAN_EM:
		b->emph--;
		break;
	case MD_SPAN_STRONG:
		b->strong--;
		break;
	case MD_SPAN_CODE:
		b->code--;
		break;
	case MD_SPAN_A:
		free(b->url);
		b->url = NULL;
		break;
	default:
		break;
	}
	return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
	struct builder *b = ud;
	struct strbuf sb = STRBUF_INIT;

	switch (type) {
	case MD_TEXT_BR:
		b->hard_break = true;
		break;
	case MD_TEXT_SOFTBR:
		text_add(b, " ", 1);
		break;
	case MD_TEXT_NULLCHAR:
		utf8_put(&sb, 0xFFFD);
		text_add(b, sb.buf, sb.len);
		break;
	case MD_TEXT_ENTITY:
		entity_decode(&sb, text, size);
		text_add(b, sb.buf, sb.len);
		break;
	default: /* normal, code, raw HTML shown as text */
		if (size > 0)
			text_add(b, text, size);
		break;
	}
	strbuf_release(&sb);
	return 0;
}

/* --- public ------------------------------------------------------------ */

int page_parse(const char *markdown, size_t len, struct page *out, char **cause)
{
	MD_PARSER parser;
	struct builder b;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > 0x7fffffffu) {
		*cause = xstrdup("the page is too large");
		return -1;
	}
	memset(&parser, 0, sizeof(parser));
	parser.flags = MD_FLAG_NOHTML | MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_COLLAPSEWHITESPACE;
	parser.enter_block = on_enter_block;
	parser.leave_block = on_leave_block;
	parser.enter_span = on_enter_span;
	parser.leave_span = on_leave_span;
	parser.text = on_text;
	memset(&b, 0, sizeof(b));
	b.page = out;
	rc = md_parse(markdown, (MD_SIZE)len, &parser, &b);
	free(b.url);
	if (rc != 0) {
		page_release(out);
		*cause = xstrdup("the Markdown parser failed (out of memory?)");
		return -1;
	}
	return 0;
}

void page_release(struct page *page)
{
	for (size_t i = 0; i < page->n_blocks; i++) {
		struct page_block *blk = &page->blocks[i];

		for (size_t j = 0; j < blk->n_spans; j++) {
			free(blk->spans[j].text);
			free(blk->spans[j].url);
		}
		free(blk->spans);
	}
	free(page->blocks);
	memset(page, 0, sizeof(*page));
}

char *page_block_text(const struct page_block *block)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < block->n_spans; i++)
		strbuf_add(&sb, block->spans[i].text, block->spans[i].len);
	return strbuf_detach(&sb);
}

bool page_placeholder_at(const char *s, size_t *key_len)
{
	size_t n = 0;

	if (s[0] != '{' || s[1] != '{')
		return false;
	while (n <= 64 && ((s[2 + n] >= 'a' && s[2 + n] <= 'z') ||
			   (s[2 + n] >= '0' && s[2 + n] <= '9') || s[2 + n] == '_'))
		n++;
	if (n == 0 || n > 64 || s[2 + n] != '}' || s[3 + n] != '}')
		return false;
	*key_len = n;
	return true;
}

char *page_fill(const char *text, page_lookup_fn lookup, void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	char key[65];

	for (const char *p = text; *p;) {
		size_t n;
		const char *value;

		if (page_placeholder_at(p, &n)) {
			memcpy(key, p + 2, n);
			key[n] = '\0';
			value = lookup(key, ctx);
			if (value) {
				strbuf_addstr(&sb, value);
				p += n + 4;
				continue;
			}
		}
		strbuf_addch(&sb, *p++);
	}
	return strbuf_detach(&sb);
}

void page_fill_placeholders(struct page *page, page_lookup_fn lookup, void *ctx)
{
	for (size_t i = 0; i < page->n_blocks; i++) {
		struct page_block *blk = &page->blocks[i];

		for (size_t j = 0; j < blk->n_spans; j++) {
			struct page_span *sp = &blk->spans[j];
			char *filled;

			if (strstr(sp->text, "{{")) {
				filled = page_fill(sp->text, lookup, ctx);
				free(sp->text);
				sp->text = filled;
				sp->len = strlen(filled);
			}
			if (sp->url && strstr(sp->url, "{{")) {
				filled = page_fill(sp->url, lookup, ctx);
				free(sp->url);
				sp->url = filled;
			}
		}
	}
}
