/*
 * Logging in at the kiosk: an employee number or a scanned badge code, then a
 * PIN. A person without a PIN first gives the one-time activation code that
 * was handed over with the badge, then chooses a PIN. The answer never tells
 * whether an employee number exists.
 *
 * The kiosk drives it in steps:
 *   login_identify()      number or badge text -> a login_ticket (never says
 *                         "unknown": an unknown number gets a ticket that
 *                         fails at the PIN step, after similar work)
 *   login_check_pin()     ticket + PIN -> person id, or refused
 *   login_check_activation() / login_set_pin() for a person without a PIN
 */
#ifndef VAKSAM_LOGIN_H
#define VAKSAM_LOGIN_H

#include <stdbool.h>

struct store;

enum login_via { LOGIN_VIA_NUMBER, LOGIN_VIA_BADGE };

enum login_result {
	LOGIN_OK,              /* identified / PIN right / code right */
	LOGIN_REFUSED,         /* wrong PIN, unknown number, wrong code: one message */
	LOGIN_NEEDS_ACTIVATION,/* identified a person who has no PIN yet */
	LOGIN_BAD_CODE,        /* a scanned code whose check character is wrong */
	LOGIN_LOCKED,          /* too many failures (the security issue) */
	LOGIN_ERROR            /* the store failed; *cause says why */
};

struct login_ticket {
	long long person_id;   /* 0 when the number was not found (kept secret) */
	enum login_via via;
	bool has_pin;
};

/*
 * Reads what was typed or scanned at the login prompt: a badge code (VKB...,
 * any case, spaces ignored) or an employee number. Fills *ticket. Returns
 * LOGIN_OK (ask for the PIN), LOGIN_NEEDS_ACTIVATION (ask for the
 * activation code), LOGIN_BAD_CODE (a mistyped badge) or LOGIN_ERROR. An
 * unknown number returns LOGIN_OK with person_id 0, so the screen is the same.
 */
enum login_result login_identify(struct store *store, const char *typed,
				 struct login_ticket *ticket, char **cause);
/* Checks the PIN; LOGIN_OK sets *person_id and records last_seen. */
enum login_result login_check_pin(struct store *store, const struct login_ticket *ticket,
				  const char *pin, long long *person_id, char **cause);
/* Checks a one-time activation code (single use, 30 days). */
enum login_result login_check_activation(struct store *store, const struct login_ticket *ticket,
					 const char *code, char **cause);
/* Sets the first PIN after a good activation code and uses the code up.
 * Returns LOGIN_REFUSED with *why (static English) for a trivial PIN. */
enum login_result login_set_pin(struct store *store, const struct login_ticket *ticket,
				const char *pin, const char **why, char **cause);

/* For `staff badge` and `print badges`: issues a new badge token (revoking the
 * old one) and, for a person without a PIN, a new activation code. *badge and
 * *activation are newly allocated (the latter NULL when the person has a PIN);
 * caller frees. Inside the caller's transaction. */
int login_issue_badge(struct store *store, long long person_id, char **badge, char **activation,
		      char **cause);
/* For `staff reset-pin`: clears the PIN and returns a new activation code. */
int login_reset_pin(struct store *store, long long person_id, char **activation, char **cause);

#include "banned.h"

#endif
