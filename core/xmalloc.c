/* Allocation wrappers that never return NULL; see xmalloc.h. */
#include "xmalloc.h"

#include <cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void xmalloc_die(const char *what, size_t n)
{
	fprintf(stderr, "vaksam: out of memory (%s of %zu bytes)\n", what, n);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		xmalloc_die("zero-size malloc", size);
	p = malloc(size);
	if (p == NULL)
		xmalloc_die("malloc", size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		xmalloc_die("zero-size calloc", 0);
	p = calloc(nmemb, size);
	if (p == NULL)
		xmalloc_die("calloc", nmemb * size);
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		xmalloc_die("zero-size realloc", 0);
	if (SIZE_MAX / nmemb < size)
		xmalloc_die("realloc overflow", SIZE_MAX);
	p = realloc(ptr, nmemb * size);
	if (p == NULL)
		xmalloc_die("realloc", nmemb * size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		xmalloc_die("format", 0);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

char *xjson_print(const struct cJSON *json)
{
	char *text = cJSON_PrintUnformatted(json);
	char *copy;

	/* cJSON returns NULL only when malloc fails. */
	if (text == NULL) {
		fputs("vaksam: out of memory\n", stderr);
		exit(1);
	}
	copy = xstrdup(text);
	cJSON_free(text);
	return copy;
}
