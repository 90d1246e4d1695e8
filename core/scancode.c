/*
 * Scan codes with an ISO/IEC 7064 MOD 37,36 check character; see scancode.h.
 *
 * The hybrid system with M = 36: start with P = M; for each character of
 * value v, S = (P + v) mod M, taken as M when it is 0, and P = 2S mod (M+1).
 * The check character is the one whose value c makes (P + c) mod M equal 1,
 * that is c = (M + 1 - P) mod M. Example (GRid, ISO 7064's own use case):
 * "A12425GABC1234002" gets the check character "M".
 */
#include "scancode.h"

#include <string.h>

#include "strbuf.h"
#include "xmalloc.h"

#define MOD 36

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* The value 0-35 of a character, or -1. Lower case counts as upper case. */
static int char_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return -1;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

char scancode_check_char(const char *s, size_t len)
{
	int p = MOD;

	for (size_t i = 0; i < len; i++) {
		int v = char_value(s[i]);
		int sum;

		if (v < 0)
			return '\0';
		sum = (p + v) % MOD;
		if (sum == 0)
			sum = MOD;
		p = (2 * sum) % (MOD + 1);
	}
	return alphabet[(MOD + 1 - p) % MOD];
}

char *scancode_make(char kind, const char *payload)
{
	size_t n = strlen(payload);
	char buf[SCANCODE_MAX + 1];
	size_t len = 0;

	if (kind < 'A' || kind > 'Z' || n == 0 || n > SCANCODE_PAYLOAD_MAX)
		return NULL;
	buf[len++] = 'V';
	buf[len++] = 'K';
	buf[len++] = kind;
	for (size_t i = 0; i < n; i++) {
		if (char_value(payload[i]) < 0)
			return NULL;
		buf[len++] = upper(payload[i]);
	}
	buf[len] = scancode_check_char(buf, len);
	buf[len + 1] = '\0';
	return xstrdup(buf);
}

char *scancode_course(const char *course_id)
{
	char payload[SCANCODE_PAYLOAD_MAX + 1];
	size_t len = 0;

	for (const char *p = course_id; *p; p++) {
		if (*p == '-')
			continue;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return NULL;
		if (len == SCANCODE_PAYLOAD_MAX)
			return NULL;
		payload[len++] = *p;
	}
	payload[len] = '\0';
	return scancode_make(SCANCODE_COURSE, payload);
}

enum scancode_status scancode_parse(const char *text, struct scancode *out)
{
	char buf[SCANCODE_MAX + 1];
	size_t len = 0;
	size_t n = strlen(text);

	/* A scanner ends its input with Enter. */
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		n--;
	for (size_t i = 0; i < n; i++) {
		char c = text[i];

		if (c == ' ' || c == '\t')
			continue;
		if (char_value(c) < 0 || len == SCANCODE_MAX)
			return SCANCODE_MALFORMED;
		buf[len++] = upper(c);
	}
	buf[len] = '\0';
	/* VK, a kind letter, at least one payload character, the check. */
	if (len < 5 || buf[0] != 'V' || buf[1] != 'K' || buf[2] < 'A' || buf[2] > 'Z')
		return SCANCODE_MALFORMED;
	out->kind = buf[2];
	memcpy(out->payload, buf + 3, len - 4);
	out->payload[len - 4] = '\0';
	memcpy(out->text, buf, len + 1);
	if (scancode_check_char(buf, len - 1) != buf[len - 1])
		return SCANCODE_MISTYPED;
	return SCANCODE_OK;
}

char *scancode_group(const char *code)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; code[i]; i++) {
		if (i > 0 && i % 4 == 0)
			strbuf_addch(&sb, ' ');
		strbuf_addch(&sb, code[i]);
	}
	return strbuf_detach(&sb);
}
