/* Readability (LIX) as content/README.md defines it; see lix.h. */
#include "authoring/lix.h"

#include <string.h>

#include "core/page.h"
#include "core/strbuf.h"

/*
 * Decodes the UTF-8 character at s (of at most n bytes) into *cp and returns
 * its length; an invalid byte is returned as itself with length 1, which no
 * rule below takes for a letter.
 */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned long c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		len = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		c &= 0x07;
	} else {
		*cp = 0xFFFFFFFFul;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFFFFFFul;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFFFFFFul;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
}

static bool is_letter(unsigned long c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
		return true;
	if (c == 0xAA || c == 0xB5 || c == 0xBA)
		return true;
	if (c >= 0xC0 && c <= 0x24F) /* Latin-1 letters and Latin Extended-A/B */
		return c != 0xD7 && c != 0xF7;
	if (c >= 0x370 && c <= 0x3FF) /* Greek */
		return c != 0x375 && c != 0x37E && c != 0x384 && c != 0x385 && c != 0x387;
	if (c >= 0x400 && c <= 0x481) /* Cyrillic letters */
		return true;
	if (c >= 0x48A && c <= 0x52F)
		return true;
	return false;
}

static bool is_space(unsigned long c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0;
}

/* Closing marks skipped when looking for a sentence end; opening marks
 * skipped when looking for "www." at the start of a token. */
static bool is_closer(unsigned long c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
	       c == 0xBB;
}

static bool is_opener(unsigned long c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
	       c == 0xAB || c == 0x201D;
}

struct sentence_state {
	int words_in_sentence;
};

/* Counts one token of n bytes. */
static void count_token(struct lix *acc, struct sentence_state *st, const unsigned char *t,
			size_t n)
{
	unsigned long cp, last = 0;
	size_t i = 0, len;
	int letters = 0;
	bool opening = true;

	/* A bare URL is neither a word nor the end of a sentence. */
	for (i = 0; i + 3 <= n; i++)
		if (memcmp(t + i, "://", 3) == 0)
			return;
	i = 0;
	while (i < n) {
		len = utf8_next(t + i, n - i, &cp);
		if (opening && is_opener(cp)) {
			i += len;
			continue;
		}
		if (opening && n - i >= 4 && (memcmp(t + i, "www.", 4) == 0 ||
					     memcmp(t + i, "WWW.", 4) == 0))
			return;
		opening = false;
		if (is_letter(cp))
			letters++;
		if (!is_closer(cp))
			last = cp;
		i += len;
	}
	if (letters > 0) {
		acc->words++;
		if (letters > 6)
			acc->long_words++;
		st->words_in_sentence++;
	}
	if ((last == '.' || last == '!' || last == '?' || last == ':') &&
	    st->words_in_sentence > 0) {
		acc->sentences++;
		st->words_in_sentence = 0;
	}
}

void lix_add_text(struct lix *acc, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	struct sentence_state st = { 0 };
	const unsigned char *s;
	size_t i = 0, start = 0, n;

	/* Placeholders go first: "Ring {{incident_phone}}." ends with "Ring.". */
	for (const char *p = text; *p;) {
		size_t key;

		if (page_placeholder_at(p, &key)) {
			p += key + 4;
			continue;
		}
		strbuf_addch(&sb, *p++);
	}
	s = (const unsigned char *)sb.buf;
	n = sb.len;
	while (i < n) {
		unsigned long cp;
		size_t len = utf8_next(s + i, n - i, &cp);

		if (is_space(cp)) {
			if (i > start)
				count_token(acc, &st, s + start, i - start);
			start = i + len;
		}
		i += len;
	}
	if (n > start)
		count_token(acc, &st, s + start, n - start);
	if (st.words_in_sentence > 0)
		acc->sentences++;
	strbuf_release(&sb);
}

void lix_add_page(struct lix *acc, const struct page *page)
{
	for (size_t i = 0; i < page->n_blocks; i++) {
		char *text;

		if (page->blocks[i].type == PAGE_CODE)
			continue;
		text = page_block_text(&page->blocks[i]);
		lix_add_text(acc, text);
		free(text);
	}
}

double lix_value(const struct lix *acc)
{
	if (acc->words == 0)
		return 0.0;
	return (double)acc->words / (acc->sentences > 0 ? acc->sentences : 1) +
	       100.0 * acc->long_words / acc->words;
}

bool lix_skipped_title(const char *title)
{
	static const char *const names[] = { "Källor", "källor", "KÄLLOR",
					     "Sources", "sources", "SOURCES" };
	size_t n;

	while (*title == ' ' || *title == '\t')
		title++;
	n = strlen(title);
	while (n > 0 && (title[n - 1] == ' ' || title[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], title, n) == 0)
			return true;
	return false;
}
