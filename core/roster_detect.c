/*
 * The byte-level side of reading a roster: UTF-8 checks, encoding and
 * delimiter detection, header names, forbidden characters and the
 * Windows-1252 conversion. See roster.h for the rules.
 */
#include "roster.h"

#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "roster_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

/* How many characters of a value an error message quotes. */
#define QUOTE_MAX 40

/* Header keys, folded as header_key() folds. */
static const struct {
	const char *key;
	enum roster_column column;
} header_keys[] = {
	{ "anstallningsnummer", ROSTER_COL_EMPLOYEE },
	{ "anstallningsnr", ROSTER_COL_EMPLOYEE },
	{ "anstallningsid", ROSTER_COL_EMPLOYEE },
	{ "anstnr", ROSTER_COL_EMPLOYEE },
	{ "anstnummer", ROSTER_COL_EMPLOYEE },
	{ "personalnummer", ROSTER_COL_EMPLOYEE },
	{ "personalnr", ROSTER_COL_EMPLOYEE },
	{ "employeeid", ROSTER_COL_EMPLOYEE },
	{ "employeeno", ROSTER_COL_EMPLOYEE },
	{ "employeenr", ROSTER_COL_EMPLOYEE },
	{ "employeenumber", ROSTER_COL_EMPLOYEE },
	{ "empid", ROSTER_COL_EMPLOYEE },
	{ "empno", ROSTER_COL_EMPLOYEE },
	{ "staffid", ROSTER_COL_EMPLOYEE },
	{ "namn", ROSTER_COL_NAME },
	{ "name", ROSTER_COL_NAME },
	{ "fullname", ROSTER_COL_NAME },
	{ "fulltnamn", ROSTER_COL_NAME },
	{ "fullstandigtnamn", ROSTER_COL_NAME },
	{ "fornamn", ROSTER_COL_FIRST },
	{ "firstname", ROSTER_COL_FIRST },
	{ "givenname", ROSTER_COL_FIRST },
	{ "efternamn", ROSTER_COL_LAST },
	{ "lastname", ROSTER_COL_LAST },
	{ "surname", ROSTER_COL_LAST },
	{ "familyname", ROSTER_COL_LAST },
	{ "enhet", ROSTER_COL_UNIT },
	{ "unit", ROSTER_COL_UNIT },
	{ "organisationsenhet", ROSTER_COL_UNIT },
	{ "orgenhet", ROSTER_COL_UNIT },
	{ "orgunit", ROSTER_COL_UNIT },
	{ "roll", ROSTER_COL_ROLE },
	{ "role", ROSTER_COL_ROLE },
};

size_t roster_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
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

size_t roster_utf8_invalid_at(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t k = roster_utf8_decode(s + i, len - i, &cp);

		if (k == 0)
			return i;
		i += k;
	}
	return len;
}

size_t roster_utf8_chars(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xc0) != 0x80;
	return n;
}

/* The bytes Windows-1252 leaves undefined. */
static bool cp1252_undefined(unsigned char c)
{
	return c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d;
}

enum roster_encoding roster_detect_encoding(const char *data, size_t len, size_t *bom_len)
{
	const unsigned char *s = (const unsigned char *)data;
	bool valid = true, multibyte = false, undefined = false;
	size_t i = 0;

	*bom_len = 0;
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		*bom_len = 3;
		return ROSTER_UTF8_BOM;
	}
	while (i < len) {
		uint32_t cp;
		size_t k;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = roster_utf8_decode(s + i, len - i, &cp);
		if (k) {
			multibyte = true;
			i += k;
		} else {
			valid = false;
			undefined |= cp1252_undefined(s[i]);
			i++;
		}
	}
	if (valid)
		return ROSTER_UTF8;
	if (!multibyte && !undefined)
		return ROSTER_CP1252;
	return ROSTER_INVALID;
}

bool roster_is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char roster_detect_delimiter(const char *data, size_t len)
{
	size_t i = 0, semicolons = 0, commas = 0;
	bool quoted = false;

	/* Skip blank lines before the header, as libcsv does. */
	while (i < len && roster_is_blank_byte(data[i]))
		i++;
	for (; i < len; i++) {
		char c = data[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ';')
			semicolons++;
		else if (!quoted && c == ',')
			commas++;
	}
	return commas > semicolons ? ',' : ';';
}

/* Returns a newly allocated matching key for a header (caller frees): folded,
 * å ä → a, ö → o, and only letters and digits kept. */
static char *header_key(const char *header)
{
	char *folded = collate_fold(header);
	struct strbuf key = STRBUF_INIT;

	for (const char *p = folded; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			strbuf_addch(&key, (char)c);
		} else if (c == 0xc3 && (p[1] == '\xa5' || p[1] == '\xa4')) {
			strbuf_addch(&key, 'a'); /* å ä */
			p++;
		} else if (c == 0xc3 && p[1] == '\xb6') {
			strbuf_addch(&key, 'o'); /* ö */
			p++;
		} else if (c >= 0x80) {
			strbuf_addch(&key, (char)c); /* other letters never match a key */
		}
	}
	free(folded);
	return strbuf_detach(&key);
}

enum roster_column roster_header_column(const char *header)
{
	char *key = header_key(header);
	enum roster_column col = ROSTER_COL_NONE;

	for (size_t i = 0; i < sizeof(header_keys) / sizeof(header_keys[0]); i++) {
		if (strcmp(key, header_keys[i].key) == 0) {
			col = header_keys[i].column;
			break;
		}
	}
	free(key);
	return col;
}

/* Characters that would let a name change what the kiosk shows. */
static bool is_forbidden(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c ||
	       c == 0x2028 || c == 0x2029;
}

bool roster_has_control(const char *text, size_t len, size_t *offset)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = s[i];
		size_t k = roster_utf8_decode(s + i, len - i, &cp);

		if (k == 0)
			k = 1; /* invalid bytes are reported elsewhere */
		else if (is_forbidden(cp)) {
			*offset = i;
			return true;
		}
		i += k;
	}
	return false;
}

void roster_quote_value(struct strbuf *sb, const char *value, size_t len)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t i = 0, chars = 0;

	strbuf_addch(sb, '\'');
	while (i < len) {
		uint32_t cp;
		size_t k = roster_utf8_decode(s + i, len - i, &cp);

		if (chars++ == QUOTE_MAX) {
			strbuf_addstr(sb, "...");
			break;
		}
		if (k == 0) {
			strbuf_addf(sb, "\\x%02X", s[i]);
			k = 1;
		} else if (is_forbidden(cp)) {
			strbuf_addf(sb, "U+%04X", (unsigned)cp);
		} else {
			strbuf_add(sb, s + i, k);
		}
		i += k;
	}
	strbuf_addch(sb, '\'');
}

int roster_cp1252_to_utf8(const char *in, size_t len, char **out, size_t *out_len,
			  size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	size_t cap = len * 3 + 1; /* € and friends take three bytes */
	char *buf, *inp = (char *)in, *outp;
	size_t inleft = len, outleft = cap;
	int rc = -1;

	*out = NULL;
	*bad = len;
	if (cd == (iconv_t)-1)
		return -1;
	buf = xmalloc(cap);
	outp = buf;
	if (iconv(cd, &inp, &inleft, &outp, &outleft) == (size_t)-1) {
		*bad = (size_t)(inp - in);
		free(buf);
		goto cleanup;
	}
	*outp = '\0';
	*out = buf;
	*out_len = (size_t)(outp - buf);
	rc = 0;
cleanup:
	iconv_close(cd);
	return rc;
}
