/*
 * The database fixture the unit tests share: a private temporary directory
 * holding a new store (t.db and its key file t.db.key), filled with the demo
 * organisation (demo.h: units and people) when asked, and removed again with
 * everything in the directory.
 *
 * Header-only on purpose: the Makefile builds each tests/unit/test_*.c as its
 * own binary linked with the library objects, so static inline helpers need
 * no extra object file or rule. Include it after <cmocka.h> and the headers
 * it needs (setjmp.h, stdarg.h, stddef.h, stdint.h). Any failure fails the
 * running test through cmocka.
 */
#ifndef VAKSAM_TESTS_FIXTURE_H
#define VAKSAM_TESTS_FIXTURE_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/demo.h"
#include "core/person.h"
#include "core/store.h"
#include "core/xmalloc.h"

/* A temporary directory and the store inside it. Zero-initialise, then
 * test_db_open(); test_db_close() releases it. */
struct test_db {
	char dir[64];        /* /tmp/vaksam-TAG.XXXXXX, made unique */
	char *db;            /* owned; DIR/t.db */
	struct store *store; /* open between test_db_open and test_db_close */
};

/* Makes a fresh private directory /tmp/vaksam-TAG.XXXXXX in dir (size
 * bytes); tag names the test in leftover directory names. */
static inline void test_dir_make(char *dir, size_t size, const char *tag)
{
	int n = snprintf(dir, size, "/tmp/vaksam-%s.XXXXXX", tag);

	assert_true(n > 0 && (size_t)n < size);
	assert_non_null(mkdtemp(dir));
}

/* Removes dir and everything in it. */
static inline void test_dir_remove(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* Creates the directory and a new store in it (its key file beside it),
 * with the demo organisation when demo is true. */
static inline void test_db_open(struct test_db *t, const char *tag, bool demo)
{
	char *cause = NULL;

	test_dir_make(t->dir, sizeof(t->dir), tag);
	t->db = xasprintf("%s/t.db", t->dir);
	if (store_open(t->db, STORE_CREATE_NEW, &t->store, &cause) < 0 ||
	    (demo && demo_populate(t->store, &cause) < 0))
		fail_msg("%s", cause);
}

/* Closes the store (when open) and removes the directory with its files. */
static inline void test_db_close(struct test_db *t)
{
	store_close(&t->store);
	test_dir_remove(t->dir);
	free(t->db);
	t->db = NULL;
}

/* The id of the person with employee_no; fails the test when there is none. */
static inline long long test_person_id(struct store *store, const char *employee_no)
{
	struct person p = {0};
	char *cause = NULL;
	long long id;

	if (person_find(store, employee_no, &p, &cause) != 1)
		fail_msg("no person %s: %s", employee_no, cause ? cause : "");
	id = p.id;
	person_release(&p);
	return id;
}

#endif
