/*
 * Diagnostics collected while reading a file: each names the file, line and
 * column, as a compiler does. Lower layers only add to a list; the command
 * line (the boundary) prints them as `FILE:LINE:COL: error|warning: message`.
 */
#ifndef VAKSAM_DIAG_H
#define VAKSAM_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_WARNING, DIAG_ERROR };

struct diag {
	char *file;     /* owned; may be "" when no file is involved */
	int line;       /* 1-based, 0 when not known */
	int col;        /* 1-based, 0 when not known */
	enum diag_severity severity;
	char *message;  /* owned */
};

struct diag_list {
	struct diag *items; /* owned array of n entries */
	size_t n;
	size_t alloc;
	size_t errors;   /* how many entries are DIAG_ERROR */
	size_t warnings; /* how many entries are DIAG_WARNING */
};

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0 }

void diag_add(struct diag_list *list, enum diag_severity sev, const char *file, int line,
	      int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Appends copies of every entry of src to dst. */
void diag_merge(struct diag_list *dst, const struct diag_list *src);
/* Sorts by file, line, column, keeping the order of equal positions. */
void diag_sort(struct diag_list *list);
/* Writes one line per entry; control characters in messages are shown as '?'. */
void diag_print(const struct diag_list *list, FILE *out);
void diag_list_release(struct diag_list *list);

#include "banned.h"

#endif
