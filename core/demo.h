/*
 * The demo organisation for `vaksam init --demo` and `make run`: three
 * förvaltningar with two or three units each and about 40 people with
 * Swedish names. Three of them have known PINs so anyone can try the kiosk:
 * staff 1001 (PIN 2468), coordinator 2001 (PIN 1357) and admin 9001 (PIN 9753).
 */
#ifndef VAKSAM_DEMO_H
#define VAKSAM_DEMO_H

struct store;

struct demo_login {
	const char *employee_no;
	const char *pin;
	const char *role; /* English role name */
};

/* The demo logins, ended by a zeroed entry. */
const struct demo_login *demo_logins(void);
/* Adds the demo organisation and settings inside one transaction, and
 * records the fingerprint of the demo PINs that demo_logins_work() checks. */
int demo_populate(struct store *store, char **cause);
/*
 * Whether every demo login still works as published: the three people are
 * active and still have the PINs `init --demo` gave them. Cheap (no
 * Argon2id) on a database made by this version: see demo.c. Returns 1 when
 * they work, 0 when not, -1 with *cause on a store error.
 */
int demo_logins_work(struct store *store, char **cause);

#include "banned.h"

#endif
