/*
 * A growable NUL-terminated byte string, in the style of git's strbuf.
 * `struct strbuf sb = STRBUF_INIT;` needs no other set-up; strbuf_release()
 * may be called on an initialised but unused buffer, so cleanup paths can
 * release unconditionally. buf is never NULL: it points at a static empty
 * string until the first append.
 */
#ifndef VAKSAM_STRBUF_H
#define VAKSAM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc; /* bytes allocated, 0 while buf is the static empty string */
	size_t len;   /* bytes used, not counting the terminating NUL */
	char *buf;    /* owned by the strbuf once alloc > 0 */
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb);
/* Frees the buffer and leaves sb as STRBUF_INIT. */
void strbuf_release(struct strbuf *sb);
/* Returns the buffer (caller frees) and leaves sb as STRBUF_INIT. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Removes leading and trailing ASCII white space. */
void strbuf_trim(struct strbuf *sb);

#include "banned.h"

#endif
