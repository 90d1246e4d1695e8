/*
 * Login cards ("inloggningskort"): 85 × 54 mm, eight to an A4 sheet with cut
 * marks. Each card has the organisation, the person's name and unit, and a
 * QR code of a NEW badge code (login_issue_badge: printing revokes the old
 * card) with the code printed beside it in groups of four.
 *
 * People who have no PIN yet get a new one-time activation code as well.
 * Those are printed only on separate slips (--slips FILE), to be handed over
 * apart from the cards: each slip has the name on one panel and the code on
 * another, with a patterned cover panel that folds over the code. Printing
 * cards for people without a PIN and without a slips file is refused, since
 * their new activation codes would be lost.
 *
 * Everything happens in one transaction that is committed only after the
 * files were written, so a failure revokes no card.
 */
#ifndef VAKSAM_REPORTS_BADGE_H
#define VAKSAM_REPORTS_BADGE_H

#include <stdbool.h>
#include <stddef.h>

struct store;

#define BADGECARD_PER_SHEET 8

/* Whose cards to print: exactly one of the three. */
struct badgecard_selection {
	const char *unit_path;        /* the unit and its sub-units, or NULL */
	const char *const *employees; /* employee numbers, n_employees of them */
	size_t n_employees;
	bool all; /* every active person */
};

struct badgecard_result {
	size_t cards;  /* people */
	size_t sheets; /* A4 pages of cards */
	size_t slips;  /* activation slips */
};

/*
 * Issues new badges for the selected active people, writes the cards to
 * path and, when slips_path is not NULL, the activation slips of people
 * without a PIN to slips_path. Returns 0 with *res filled, or -1 with *cause
 * (nothing revoked, no file left behind).
 */
int badgecard_print(struct store *store, const struct badgecard_selection *sel, const char *path,
		    const char *slips_path, struct badgecard_result *res, char **cause);

#include "core/banned.h"

#endif
