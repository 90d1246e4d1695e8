/*
 * How activation codes are stored: a new code as keyed BLAKE2b in hex (the
 * form credential_token_hash makes, core/credential.h says why that is
 * enough), and a code stored as Argon2id by an older version still activates
 * and is used up. Each test gets a fresh demo database (1001 has PIN 2468;
 * 1002 has no PIN).
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

#include "core/credential.h"
#include "core/demo.h"
#include "core/login.h"
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

	unsetenv("VAKSAM_NOW");
	test_db_open(&f->t, "activation", true);
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

/* The stored activation hash of person id; newly allocated, or NULL. */
static char *stored_activation(struct store *store, long long id)
{
	char *cause = NULL;
	sqlite3_stmt *st = store_stmt(
	    store, "SELECT activation_hash FROM credential WHERE person_id = ?1", &cause);
	char *hash = NULL;

	assert_non_null(st);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		hash = store_column_text(st, 0);
	store_done(st);
	return hash;
}

static void test_new_code_stored_fast(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	long long mo = test_person_id(f->t.store, "1002");
	char *cause = NULL, *hash, *want;

	assert_int_equal(store_begin(f->t.store, &cause), 0);
	assert_int_equal(login_issue_badge(f->t.store, mo, &issued, &cause), 0);
	assert_int_equal(store_commit(f->t.store, &cause), 0);
	assert_non_null(issued.activation);
	/* Exactly the keyed BLAKE2b badge tokens use: 64 hex digits. */
	hash = stored_activation(f->t.store, mo);
	want = credential_token_hash(f->t.store, issued.activation);
	assert_non_null(hash);
	assert_string_equal(hash, want);
	assert_int_equal(strlen(hash), 64);
	assert_int_equal(strspn(hash, "0123456789abcdef"), 64);
	assert_true(credential_verify_code(f->t.store, hash, issued.activation));
	assert_false(credential_verify_code(f->t.store, hash, "2345678923"));
	free(hash);
	free(want);
	login_issued_release(&issued);

	/* reset-pin stores the same form. */
	assert_int_equal(store_begin(f->t.store, &cause), 0);
	assert_int_equal(
	    login_reset_pin(f->t.store, test_person_id(f->t.store, "1001"), &issued, &cause), 0);
	assert_int_equal(store_commit(f->t.store, &cause), 0);
	hash = stored_activation(f->t.store, test_person_id(f->t.store, "1001"));
	want = credential_token_hash(f->t.store, issued.activation);
	assert_string_equal(hash, want);
	free(hash);
	free(want);
	login_issued_release(&issued);
}

static void test_verify_code_edges(void **state)
{
	struct fixture *f = *state;
	char *hash = credential_token_hash(f->t.store, "ABCDEFGHJK");
	char *cause = NULL;
	char *code_hash = credential_code_hash(f->t.store, "ABCDEFGHJK", &cause);

	assert_string_equal(code_hash, hash);
	/* Nothing stored: the dummy check never matches. */
	assert_false(credential_verify_code(f->t.store, NULL, "ABCDEFGHJK"));
	assert_false(credential_verify_code(f->t.store, hash, NULL));
	/* A stored value that is neither form never matches. */
	assert_false(credential_verify_code(f->t.store, "", "ABCDEFGHJK"));
	assert_false(credential_verify_code(f->t.store, "zz", "ABCDEFGHJK"));
	hash[63] = 'x';
	assert_false(credential_verify_code(f->t.store, hash, "ABCDEFGHJK"));
	free(hash);
	free(code_hash);
}

static void test_old_argon2_code_still_activates(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t;
	long long mo = test_person_id(f->t.store, "1002"), id = -1;
	const char *why = NULL;
	char *cause = NULL, *old, *sql, *hash;

	/* A badge and code as today, then the code replaced by one stored the
	 * way older versions did: Argon2id over the keyed BLAKE2b. */
	assert_int_equal(store_begin(f->t.store, &cause), 0);
	assert_int_equal(login_issue_badge(f->t.store, mo, &issued, &cause), 0);
	assert_int_equal(store_commit(f->t.store, &cause), 0);
	old = credential_hash_secret(f->t.store, "K7M2P9QRST", &cause);
	assert_non_null(old);
	assert_memory_equal(old, "$argon2id$", 10);
	sql = xasprintf("UPDATE credential SET activation_hash = '%s' WHERE person_id = %lld", old,
			mo);
	assert_int_equal(store_exec(f->t.store, sql, &cause), 0);
	free(sql);

	assert_int_equal(login_identify(f->t.store, "1002", &t, &cause), LOGIN_NEEDS_ACTIVATION);
	assert_int_equal(login_check_activation(f->t.store, &t, issued.activation, &cause),
			 LOGIN_REFUSED);
	assert_int_equal(login_check_activation(f->t.store, &t, "k7m2p 9qrst", &cause), LOGIN_OK);
	assert_int_equal(login_set_pin(f->t.store, &t, "K7M2P-9QRST", "4711", &id, &why, &cause),
			 LOGIN_OK);
	assert_int_equal(id, mo);
	/* Used up like any code; the PIN works. */
	hash = stored_activation(f->t.store, mo);
	assert_null(hash);
	assert_int_equal(login_identify(f->t.store, "1002", &t, &cause), LOGIN_OK);
	assert_int_equal(login_check_pin(f->t.store, &t, "4711", &id, &cause), LOGIN_OK);
	free(old);
	login_issued_release(&issued);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_new_code_stored_fast, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_verify_code_edges, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_old_argon2_code_still_activates, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
