/*
 * Allocation wrappers. They never return NULL: on failure they print one line
 * to stderr and exit(1), because a training kiosk that has run out of memory
 * cannot do anything useful. Zero sizes are a programming error.
 */
#ifndef VAKSAM_XMALLOC_H
#define VAKSAM_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
/* Resizes an array of nmemb elements of size bytes; checks for overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/* Returns a newly allocated copy; caller frees. */
char *xstrdup(const char *s);
/* Returns a newly allocated copy of at most n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
struct cJSON;
/* json printed without spaces, as a string for free() (cJSON's own buffer
 * needs cJSON_free, which callers would mix up). json stays the caller's. */
char *xjson_print(const struct cJSON *json);

#include "banned.h"

#endif
