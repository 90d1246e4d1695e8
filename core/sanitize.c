/* Cleaning hostile text; see sanitize.h for what counts as dangerous. */
#include "sanitize.h"

#include <string.h>

#include "strbuf.h"
#include "xmalloc.h"

/*
 * Decodes one UTF-8 character at s (n bytes available). Returns its length
 * and sets *cp, or returns 0 when the bytes at s are not a valid, shortest
 * encoding of a scalar value (then the caller treats s[0] as one bad byte).
 */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool sanitize_is_dangerous_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f || cp == 0x061c ||
	       cp == 0x2028 || cp == 0x2029;
}

/* Whether cp is allowed through by flags although it is dangerous. */
static bool kept(uint32_t cp, int flags)
{
	return (cp == '\n' && (flags & SANITIZE_KEEP_NEWLINE)) ||
	       (cp == '\t' && (flags & SANITIZE_KEEP_TAB));
}

/*
 * Scans len bytes of text. For each clean run calls nothing; returns the
 * offset of the first offending character at or after from (len when none)
 * and its length and code point through *bad_len and *bad_cp.
 */
static size_t next_bad(const unsigned char *s, size_t len, size_t from, int flags,
		       size_t *bad_len, uint32_t *bad_cp)
{
	size_t i = from;

	while (i < len) {
		uint32_t cp = 0;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			*bad_len = 1;
			*bad_cp = s[i];
			return i;
		}
		if (sanitize_is_dangerous_cp(cp) && !kept(cp, flags)) {
			*bad_len = n;
			*bad_cp = cp;
			return i;
		}
		i += n;
	}
	*bad_len = 0;
	*bad_cp = 0;
	return len;
}

char *sanitize_textn(const char *text, size_t len, int flags)
{
	const unsigned char *s = (const unsigned char *)text;
	struct strbuf out = STRBUF_INIT;
	size_t i = 0;

	if (text == NULL)
		return xstrdup("");
	strbuf_grow(&out, len);
	while (i < len) {
		size_t bad_len;
		uint32_t cp;
		size_t bad = next_bad(s, len, i, flags, &bad_len, &cp);

		strbuf_add(&out, text + i, bad - i);
		if (bad == len)
			break;
		if (!(flags & SANITIZE_DROP))
			strbuf_addch(&out, SANITIZE_REPLACEMENT);
		i = bad + bad_len;
	}
	return strbuf_detach(&out);
}

char *sanitize_text(const char *text, int flags)
{
	return sanitize_textn(text, text ? strlen(text) : 0, flags);
}

bool sanitize_is_clean(const char *text, int flags, size_t *offset, uint32_t *cp)
{
	size_t len = text ? strlen(text) : 0, bad_len;
	uint32_t bad_cp;
	size_t bad = next_bad((const unsigned char *)text, len, 0, flags, &bad_len, &bad_cp);

	if (bad == len)
		return true;
	if (offset)
		*offset = bad;
	if (cp)
		*cp = bad_cp;
	return false;
}

int sanitize_fputs(const char *text, int flags, FILE *fp)
{
	char *clean = sanitize_text(text, flags);
	int rc = fputs(clean, fp);

	free(clean);
	return rc;
}

bool sanitize_csv_needs_quote(const char *text)
{
	return text && text[0] && strchr("=+-@\t\r", text[0]) != NULL;
}

char *sanitize_csv_cell(const char *text)
{
	if (text == NULL)
		return xstrdup("");
	if (sanitize_csv_needs_quote(text))
		return xasprintf("'%s", text);
	return xstrdup(text);
}
