/*
 * The demo logins' check (core/demo.c): true on a fresh `init --demo`
 * database, false once any of the three PINs is changed (even set again to
 * the same digits), cleared, or its person made inactive, or when the key
 * file is another; a database without the recorded fingerprint (an older
 * `init --demo`) falls back to verifying the PINs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/credential.h"
#include "core/demo.h"
#include "core/person.h"
#include "core/store_internal.h"
#include "core/xmalloc.h"
#include "fixture.h"

struct fixture {
	struct test_db t;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	test_db_open(&f->t, "demo", true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	test_db_close(&f->t);
	free(f);
	return 0;
}

static int works(struct fixture *f)
{
	char *cause = NULL;
	int rc = demo_logins_work(f->t.store, &cause);

	if (rc < 0)
		fail_msg("%s", cause);
	return rc;
}

static void exec_sql(struct fixture *f, const char *sql)
{
	char *cause = NULL;

	if (store_exec(f->t.store, sql, &cause) < 0)
		fail_msg("%s", cause);
}

static void set_pin(struct fixture *f, const char *employee_no, const char *pin)
{
	char *cause = NULL;

	if (credential_set_pin(f->t.store, test_person_id(f->t.store, employee_no), pin, &cause) <
	    0)
		fail_msg("%s", cause);
}

static void test_fresh_demo_works(void **state)
{
	struct fixture *f = *state;
	char *cause = NULL;

	assert_int_equal(works(f), 1);
	/* The published PINs do work, which is what the check stands for. */
	for (const struct demo_login *l = demo_logins(); l->employee_no; l++)
		assert_int_equal(credential_check_pin(f->t.store,
						      test_person_id(f->t.store, l->employee_no),
						      l->pin, &cause),
				 1);
}

static void test_changed_pin_hides(void **state)
{
	struct fixture *f = *state;

	set_pin(f, "9001", "8642");
	assert_int_equal(works(f), 0);
}

static void test_same_pin_again_hides(void **state)
{
	struct fixture *f = *state;

	/* A fresh salt makes a new hash: the check cannot tell it is the same. */
	set_pin(f, "2001", "1357");
	assert_int_equal(works(f), 0);
}

static void test_cleared_pin_hides(void **state)
{
	struct fixture *f = *state;

	exec_sql(f, "UPDATE credential SET pin_hash = NULL WHERE person_id ="
		    " (SELECT id FROM person WHERE employee_no = '1001')");
	assert_int_equal(works(f), 0);
}

static void test_inactive_person_hides(void **state)
{
	struct fixture *f = *state;

	exec_sql(f, "UPDATE person SET active = 0 WHERE employee_no = '1001'");
	assert_int_equal(works(f), 0);
}

static void test_other_key_hides(void **state)
{
	struct fixture *f = *state;

	/* Another key file: no PIN verifies, and no fingerprint matches. */
	f->t.store->key[0] ^= 1;
	assert_int_equal(works(f), 0);
	f->t.store->key[0] ^= 1;
	assert_int_equal(works(f), 1);
}

static void test_no_fingerprint_verifies_pins(void **state)
{
	struct fixture *f = *state;

	/* A database from before the fingerprint: the PINs are verified. */
	exec_sql(f, "DELETE FROM setting WHERE key = 'demo_fingerprint'");
	assert_int_equal(works(f), 1);
	set_pin(f, "2001", "1357");
	assert_int_equal(works(f), 1);
	set_pin(f, "2001", "8642");
	assert_int_equal(works(f), 0);
}

static void test_forged_fingerprint_hides(void **state)
{
	struct fixture *f = *state;

	exec_sql(f, "UPDATE setting SET value = substr(value, 2) || '0'"
		    " WHERE key = 'demo_fingerprint'");
	assert_int_equal(works(f), 0);
	exec_sql(f, "UPDATE setting SET value = 'x' WHERE key = 'demo_fingerprint'");
	assert_int_equal(works(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fresh_demo_works, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changed_pin_hides, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_pin_again_hides, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cleared_pin_hides, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_inactive_person_hides, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_other_key_hides, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_fingerprint_verifies_pins, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_forged_fingerprint_hides, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
