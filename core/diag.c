/* Compiler-style diagnostics; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void diag_add(struct diag_list *list, enum diag_severity sev, const char *file, int line,
	      int col, const char *fmt, ...)
{
	va_list ap;
	struct diag *d;

	if (list->n == list->alloc) {
		list->alloc = list->alloc ? list->alloc * 2 : 8;
		list->items = xreallocarray(list->items, list->alloc, sizeof(*list->items));
	}
	d = &list->items[list->n++];
	d->file = xstrdup(file ? file : "");
	d->line = line;
	d->col = col;
	d->severity = sev;
	va_start(ap, fmt);
	d->message = xvasprintf(fmt, ap);
	va_end(ap);
	if (sev == DIAG_ERROR)
		list->errors++;
	else
		list->warnings++;
}

void diag_merge(struct diag_list *dst, const struct diag_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct diag *d = &src->items[i];
		diag_add(dst, d->severity, d->file, d->line, d->col, "%s", d->message);
	}
}

static int diag_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void diag_sort(struct diag_list *list)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < list->n; i++) {
		struct diag tmp = list->items[i];
		size_t j = i;

		while (j > 0 && diag_cmp(&list->items[j - 1], &tmp) > 0) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = tmp;
	}
}

static void diag_put_clean(const char *s, FILE *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, out);
}

void diag_print(const struct diag_list *list, FILE *out)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct diag *d = &list->items[i];

		if (d->file[0]) {
			diag_put_clean(d->file, out);
			if (d->line > 0)
				fprintf(out, ":%d", d->line);
			if (d->line > 0 && d->col > 0)
				fprintf(out, ":%d", d->col);
			fputs(": ", out);
		}
		fputs(d->severity == DIAG_ERROR ? "error: " : "warning: ", out);
		diag_put_clean(d->message, out);
		fputc('\n', out);
	}
}

void diag_list_release(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}
