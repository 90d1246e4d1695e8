/*
 * Paper quiz sheets: one per person of a unit (name printed) or N anonymous
 * ones for a unit. Each sheet is recorded (core/paper.h) and carries its
 * sheet code as a QR code and as text, the questions with lettered boxes to
 * tick (the letters are the keys a coordinator types), and after it, on a
 * page of its own, the explanations to hand out once the sheet is in.
 *
 * Every sheet starts on a new page; every page repeats the sheet code and
 * the name in its running head, so loose pages can be matched.
 */
#ifndef VAKSAM_REPORTS_QUIZSHEET_H
#define VAKSAM_REPORTS_QUIZSHEET_H

#include <stddef.h>

struct store;

struct quizsheet_request {
	const char *course;    /* course slug */
	const char *unit_path; /* the unit (and its sub-units, for personal sheets) */
	size_t anonymous;      /* 0: one sheet per active person; else this many anonymous */
};

struct quizsheet_result {
	size_t sheets;
	size_t pages;
};

/*
 * Records the sheets and writes them to path, in one transaction committed
 * only after the file was written. Returns 0 with *res filled, or -1 with
 * *cause (an unknown course or unit, a unit without active people, ...).
 */
int quizsheet_print(struct store *store, const struct quizsheet_request *req, const char *path,
		    struct quizsheet_result *res, char **cause);

#include "core/banned.h"

#endif
