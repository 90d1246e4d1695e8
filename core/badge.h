/*
 * Badge codes: the login token on a staff card, as a scan code.
 *
 * A badge code is `VKB` + 128 random bits (libsodium randombytes) in
 * upper-case base32 (RFC 4648 alphabet A-Z2-7, no padding: 26 characters)
 * + the ISO 7064 MOD 37,36 check character of scancode.h: 30 characters of
 * A-Z and 0-9 only, so a USB scanner types it the same on any layout. The
 * printed label groups it by four with spaces; reading accepts any case,
 * with or without the spaces.
 *
 * This module only makes and reads the text. Storage (keyed BLAKE2b only,
 * never the code) and lookup are login.c's; nothing here touches the store.
 */
#ifndef VAKSAM_BADGE_H
#define VAKSAM_BADGE_H

#include <stddef.h>

#define BADGE_RANDOM_BYTES 16 /* 128 bits */
#define BADGE_PAYLOAD_LEN  26 /* base32 characters for 16 bytes, unpadded */
#define BADGE_CODE_LEN     30 /* VKB + payload + check character */

enum badge_read {
	BADGE_NOT_A_CODE, /* not a scan code at all: take it as an employee number */
	BADGE_MISTYPED,   /* has the form of a scan code, but its check character is wrong */
	BADGE_FOREIGN,    /* a well-formed scan code that is not one of our badges
			     (another kind, or a payload of the wrong length or alphabet) */
	BADGE_WELL_FORMED /* a badge code in canonical form: whether it is known is
			     for the store to say */
};

/*
 * Writes the RFC 4648 base32 encoding of n bytes of in (upper case, no
 * padding) into out, which holds outsz bytes, and NUL-terminates it. Returns
 * the number of characters written, or 0 when out is too small.
 */
size_t badge_base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz);

/* Returns a newly allocated fresh badge code (canonical: upper case, no
 * spaces, BADGE_CODE_LEN characters); caller frees, ideally after
 * sodium_memzero, since the code is a secret until it is printed. */
char *badge_code_new(void);

/*
 * Reads text typed or scanned at the login prompt. On BADGE_WELL_FORMED the
 * canonical code is in out (BADGE_CODE_LEN + 1 bytes); otherwise out holds an
 * empty string.
 */
enum badge_read badge_code_read(const char *typed, char out[BADGE_CODE_LEN + 1]);

/* Returns a newly allocated copy of a code grouped by four with spaces, as
 * printed on a label ("VKBM ZXW6 ..."); caller frees. */
char *badge_code_label(const char *code);

#include "banned.h"

#endif
