/*
 * Badge codes: making and reading them; see badge.h. The scan-code rules
 * (prefix, check character, any case, spaces) come from scancode.c.
 */
#include "badge.h"

#include <sodium.h>
#include <string.h>

#include "scancode.h"
#include "xmalloc.h"

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Whether c is a character of the RFC 4648 base32 alphabet (upper case). */
static int is_base32(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
}

size_t badge_base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz)
{
	size_t need = (n * 8 + 4) / 5;
	unsigned int acc = 0; /* bits not yet written, at the low end */
	int bits = 0;
	size_t len = 0;

	if (outsz < need + 1)
		return 0;
	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[len++] = base32_alphabet[(acc >> bits) & 31];
		}
		acc &= (1u << bits) - 1; /* keep only what is still to write */
	}
	/* The last group is padded with zero bits on the right. */
	if (bits > 0)
		out[len++] = base32_alphabet[(acc << (5 - bits)) & 31];
	out[len] = '\0';
	return len;
}

char *badge_code_new(void)
{
	unsigned char random[BADGE_RANDOM_BYTES];
	char payload[BADGE_PAYLOAD_LEN + 1];
	char *code;

	randombytes_buf(random, sizeof(random));
	badge_base32_encode(random, sizeof(random), payload, sizeof(payload));
	code = scancode_make(SCANCODE_BADGE, payload);
	sodium_memzero(random, sizeof(random));
	sodium_memzero(payload, sizeof(payload));
	/* The payload is 26 characters of A-Z2-7: scancode_make cannot refuse it. */
	if (code == NULL)
		abort();
	return code;
}

enum badge_read badge_code_read(const char *typed, char out[BADGE_CODE_LEN + 1])
{
	struct scancode sc;
	enum scancode_status st = scancode_parse(typed, &sc);
	enum badge_read result = BADGE_FOREIGN;

	out[0] = '\0';
	if (st == SCANCODE_MALFORMED)
		return BADGE_NOT_A_CODE;
	if (st == SCANCODE_MISTYPED) {
		result = BADGE_MISTYPED;
		goto cleanup;
	}
	if (sc.kind != SCANCODE_BADGE || strlen(sc.payload) != BADGE_PAYLOAD_LEN)
		goto cleanup;
	for (size_t i = 0; i < BADGE_PAYLOAD_LEN; i++)
		if (!is_base32(sc.payload[i]))
			goto cleanup;
	memcpy(out, sc.text, BADGE_CODE_LEN + 1);
	result = BADGE_WELL_FORMED;
cleanup:
	sodium_memzero(&sc, sizeof(sc));
	return result;
}

char *badge_code_label(const char *code)
{
	return scancode_group(code);
}
