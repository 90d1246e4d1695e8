/*
 * Scan codes: every code vaksam prints for a barcode scanner or for typing.
 *
 * A code is `VK`, a kind letter, a payload and one check character, using
 * only the upper-case letters A-Z and the digits 0-9: a USB scanner types
 * through the terminal's keyboard layout, and only those characters come out
 * the same on Swedish and US layouts. Kinds: B badge, C course, S paper
 * sheet, V certificate.
 *
 * The check character is ISO/IEC 7064 MOD 37,36 (the hybrid system over the
 * alphabet 0-9A-Z) computed over everything before it, `VK` and the kind
 * included. It catches every single mistyped character and every swap of two
 * neighbours, so the kiosk can tell a mistyped code from an unknown one.
 *
 * Parsing accepts any case and ignores the spaces a printed label uses for
 * grouping (and a trailing CR/LF a scanner may send). Nothing here allocates
 * except the functions that say so.
 */
#ifndef VAKSAM_SCANCODE_H
#define VAKSAM_SCANCODE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest code accepted, in characters, `VK` and check character included. */
#define SCANCODE_MAX 64
/* Longest payload: the code minus `VK`, the kind and the check character. */
#define SCANCODE_PAYLOAD_MAX (SCANCODE_MAX - 4)

#define SCANCODE_BADGE 'B'
#define SCANCODE_COURSE 'C'
#define SCANCODE_SHEET 'S'
#define SCANCODE_CERTIFICATE 'V'

enum scancode_status {
	SCANCODE_OK,        /* well formed and the check character agrees */
	SCANCODE_MISTYPED,  /* looks like a code, but the check character disagrees */
	SCANCODE_MALFORMED, /* not a scan code at all (wrong prefix, characters, length) */
};

struct scancode {
	char kind;                              /* 'A'..'Z' */
	char payload[SCANCODE_PAYLOAD_MAX + 1]; /* upper case, NUL-terminated */
	char text[SCANCODE_MAX + 1];            /* the whole code, normalised */
};

/*
 * Returns the ISO/IEC 7064 MOD 37,36 check character ('0'-'9', 'A'-'Z') for
 * the first len characters of s, or '\0' if one of them is not in 0-9A-Z
 * (lower case letters count as their upper-case forms).
 */
char scancode_check_char(const char *s, size_t len);

/*
 * Returns a newly allocated code `VK` + kind + payload + check character;
 * caller frees. The payload is upper-cased. Returns NULL when kind is not
 * an upper-case letter, the payload is empty, holds anything but letters
 * a-z/A-Z and digits, or the code would be longer than SCANCODE_MAX.
 */
char *scancode_make(char kind, const char *payload);

/*
 * Returns a newly allocated course code: `VKC` + the course id upper-cased
 * without hyphens + check character; caller frees. NULL when the id holds
 * anything but a-z, 0-9 and '-', or is too long. Two ids that differ only by
 * hyphens give the same code.
 */
char *scancode_course(const char *course_id);

/*
 * Reads text typed or scanned at a kiosk into *out. Case is ignored, and so
 * are spaces, tabs and a trailing CR or LF. Returns SCANCODE_OK with *out
 * filled, SCANCODE_MISTYPED when the text has the form of a code but its
 * check character is wrong (*out is filled with what was read), or
 * SCANCODE_MALFORMED (*out undefined).
 */
enum scancode_status scancode_parse(const char *text, struct scancode *out);

/*
 * Returns a newly allocated copy of code split into groups of four
 * characters by single spaces, as printed under a QR code ("VKCI NCID ENTE
 * RQ"); caller frees. scancode_parse() reads it back.
 */
char *scancode_group(const char *code);

#include "banned.h"

#endif
