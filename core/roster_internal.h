/*
 * For roster*.c and their tests only: the text helpers roster_detect.c
 * shares with the parser in roster.c.
 */
#ifndef VAKSAM_ROSTER_INTERNAL_H
#define VAKSAM_ROSTER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/*
 * Decodes one strict UTF-8 character (no overlong forms, surrogates or
 * values past U+10FFFF) from s, which has n > 0 bytes. Returns its length
 * and sets *cp, or returns 0 for an invalid sequence.
 */
size_t roster_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Returns the offset of the first invalid UTF-8 byte, or len when valid. */
size_t roster_utf8_invalid_at(const char *text, size_t len);
/* Characters (code points) in valid UTF-8 text of len bytes. */
size_t roster_utf8_chars(const char *text, size_t len);
/* Space, tab, CR or LF: what libcsv skips before a row. */
bool roster_is_blank_byte(char c);
/* Appends value (len bytes) to sb quoted for a message: at most 40
 * characters, anything unprintable or forbidden shown as U+XXXX or \xNN. */
void roster_quote_value(struct strbuf *sb, const char *value, size_t len);
/* Converts Windows-1252 in (len bytes) to newly allocated, NUL-terminated
 * UTF-8 in *out (caller frees), *out_len bytes. Returns 0, or -1 with *bad
 * set to the offset of an unconvertible byte (len when iconv itself
 * failed). */
int roster_cp1252_to_utf8(const char *in, size_t len, char **out, size_t *out_len,
			  size_t *bad);

#include "banned.h"

#endif
