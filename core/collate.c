/* Swedish collation and folding; see collate.h. */
#include "collate.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

/* Decodes one UTF-8 sequence; invalid bytes come back as themselves. */
static uint32_t utf8_next(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *s = *p;
	uint32_t c = *s;
	int n = 0;

	if (c < 0x80)
		n = 0;
	else if ((c & 0xe0) == 0xc0)
		n = 1, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 2, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 3, c &= 0x07;
	else {
		*p = s + 1;
		return c;
	}
	if (end - s <= n) {
		*p = s + 1;
		return *s;
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p = s + 1;
			return *s;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*p = s + n + 1;
	return c;
}

/* Lower case for ASCII and Latin-1, which is what Swedish names use. */
static uint32_t fold_case(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	return c;
}

/* Maps a lower-case letter to the letter it sorts as in Swedish. */
static uint32_t fold_accent(uint32_t c)
{
	switch (c) {
	case 0xe0: case 0xe1: case 0xe2: case 0xe3: return 'a';
	case 0xe7: return 'c';
	case 0xe8: case 0xe9: case 0xea: case 0xeb: return 'e';
	case 0xec: case 0xed: case 0xee: case 0xef: return 'i';
	case 0xf1: return 'n';
	case 0xf2: case 0xf3: case 0xf4: case 0xf5: return 'o';
	case 0xf9: case 0xfa: case 0xfb: return 'u';
	case 0xfc: case 0xfd: case 0xff: return 'y';
	case 0xe6: return 0xe4; /* æ as ä */
	case 0xf8: return 0xf6; /* ø as ö */
	case 0xdf: return 's';
	default: return c;
	}
}

/* The primary weight: spaces and punctuation, then digits, then a-z å ä ö. */
static uint32_t weight(uint32_t c)
{
	c = fold_accent(fold_case(c));
	if (c >= 'a' && c <= 'z')
		return 1000 + (c - 'a');
	if (c == 0xe5)
		return 1026; /* å */
	if (c == 0xe4)
		return 1027; /* ä */
	if (c == 0xf6)
		return 1028; /* ö */
	if (c >= '0' && c <= '9')
		return 900 + (c - '0');
	if (c < 0x80)
		return c;
	return 2000 + c;
}

int collate_sv(const char *a, size_t alen, const char *b, size_t blen)
{
	const unsigned char *pa = (const unsigned char *)a, *ea = pa + alen;
	const unsigned char *pb = (const unsigned char *)b, *eb = pb + blen;
	int c;

	while (pa < ea && pb < eb) {
		uint32_t wa = weight(utf8_next(&pa, ea));
		uint32_t wb = weight(utf8_next(&pb, eb));

		if (wa != wb)
			return wa < wb ? -1 : 1;
	}
	if (pa < ea)
		return 1;
	if (pb < eb)
		return -1;
	c = memcmp(a, b, alen < blen ? alen : blen);
	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static void put_utf8(struct strbuf *sb, uint32_t c)
{
	if (c < 0x80) {
		strbuf_addch(sb, (char)c);
	} else if (c < 0x800) {
		strbuf_addch(sb, (char)(0xc0 | (c >> 6)));
		strbuf_addch(sb, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		strbuf_addch(sb, (char)(0xe0 | (c >> 12)));
		strbuf_addch(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (c & 0x3f)));
	} else {
		strbuf_addch(sb, (char)(0xf0 | (c >> 18)));
		strbuf_addch(sb, (char)(0x80 | ((c >> 12) & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (c & 0x3f)));
	}
}

char *collate_fold(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);

	while (p < end) {
		uint32_t c = fold_case(utf8_next(&p, end));

		/* Keep å ä ö: they are letters of their own in Swedish. */
		if (c != 0xe5 && c != 0xe4 && c != 0xf6)
			c = fold_accent(c);
		put_utf8(&sb, c);
	}
	return strbuf_detach(&sb);
}

static int sqlite_collate_sv(void *unused, int alen, const void *a, int blen, const void *b)
{
	(void)unused;
	return collate_sv(a, (size_t)alen, b, (size_t)blen);
}

static void sqlite_sv_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t;
	char *folded;

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (t == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	folded = collate_fold((const char *)t);
	sqlite3_result_text(ctx, folded, -1, free);
}

int collate_register(sqlite3 *db)
{
	int rc = sqlite3_create_collation_v2(db, "sv", SQLITE_UTF8, NULL, sqlite_collate_sv, NULL);

	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_function(db, "sv_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				       sqlite_sv_fold, NULL, NULL);
}
