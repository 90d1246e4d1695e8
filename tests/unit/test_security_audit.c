/*
 * The audit log: entries chain and verify; an entry changed, removed from
 * the middle, or the newest ones removed outside vaksam (with the triggers
 * dropped, as someone with sqlite3 could) is detected; UPDATE and DELETE are
 * refused by triggers; purging removes the oldest prefix, writes an anchor
 * and still verifies, also when everything is purged and when purged twice;
 * without the key nothing is written.
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

#include "core/audit.h"
#include "core/store_internal.h"
#include "core/xmalloc.h"

#include "fixture.h"

static int setup(void **state)
{
	struct test_db *f = xcalloc(1, sizeof(*f));

	setenv("VAKSAM_NOW", "2030-01-01T08:00:00", 1);
	test_db_open(f, "secaudit", false);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct test_db *f = *state;

	unsetenv("VAKSAM_NOW");
	audit_set_origin(NULL);
	test_db_close(f);
	free(f);
	return 0;
}

/* Writes n entries, one a day from day `from` of January 2030. */
static void write_entries(struct store *store, int from, int n)
{
	char *cause = NULL;

	for (int i = 0; i < n; i++) {
		char when[32];

		snprintf(when, sizeof(when), "2030-01-%02dT08:00:00", from + i);
		setenv("VAKSAM_NOW", when, 1);
		if (audit_recordf(store, 7, "test.thing", 8, &cause, "n=%d", from + i) < 0)
			fail_msg("%s", cause);
	}
}

/* Returns whether the log verifies; on failure *bad_id gets the entry. */
static bool verifies(struct store *store, long long *bad_id)
{
	struct audit_verify_result r;
	char *cause = NULL;
	bool ok;

	if (audit_verify(store, &r, &cause) < 0)
		fail_msg("%s", cause);
	ok = r.ok;
	if (!ok)
		print_message("verify: %s\n", r.problem);
	if (bad_id)
		*bad_id = r.bad_id;
	audit_verify_release(&r);
	return ok;
}

static void exec_ok(struct store *store, const char *sql)
{
	char *cause = NULL;

	if (store_exec(store, sql, &cause) < 0)
		fail_msg("%s: %s", sql, cause);
}

static void test_chain_verifies(void **state)
{
	struct test_db *f = *state;
	struct audit_entry *e = NULL;
	struct audit_filter filter = { "2030-01-03", 0 };
	char *cause = NULL;
	size_t n = 0;

	assert_true(verifies(f->store, NULL)); /* empty */
	write_entries(f->store, 1, 5);
	assert_true(verifies(f->store, NULL));
	assert_int_equal(audit_list(f->store, &filter, &e, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(e[0].at, "2030-01-03T08:00:00Z");
	assert_int_equal(e[0].actor_id, 7);
	assert_int_equal(e[0].object_id, 8);
	assert_string_equal(e[0].detail, "n=3");
	assert_non_null(strstr(e[0].origin, "cli uid "));
	audit_list_free(&e, n);
	filter.since = NULL;
	filter.person_id = 9;
	assert_int_equal(audit_list(f->store, &filter, &e, &n, &cause), 0);
	assert_int_equal(n, 0);
	audit_list_free(&e, n);
	audit_set_origin("kiosk");
	assert_int_equal(audit_record(f->store, 0, "test.kiosk", 0, NULL, &cause), 0);
	assert_true(verifies(f->store, NULL));
}

static void test_triggers_refuse_changes(void **state)
{
	struct test_db *f = *state;
	char *cause = NULL;

	write_entries(f->store, 1, 3);
	assert_int_equal(store_exec(f->store, "UPDATE audit SET detail = 'x' WHERE id = 2", &cause),
			 -1);
	assert_non_null(strstr(cause, "append-only"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_exec(f->store, "DELETE FROM audit WHERE id = 2", &cause), -1);
	free(cause);
	assert_true(verifies(f->store, NULL));
}

static void test_edit_detected(void **state)
{
	struct test_db *f = *state;
	long long bad = 0;

	write_entries(f->store, 1, 5);
	exec_ok(f->store, "DROP TRIGGER audit_no_update;"
			  "UPDATE audit SET detail = 'n=33' WHERE id = 3");
	assert_false(verifies(f->store, &bad));
	assert_int_equal(bad, 3);
}

static void test_actor_change_detected(void **state)
{
	struct test_db *f = *state;
	long long bad = 0;

	write_entries(f->store, 1, 5);
	exec_ok(f->store, "DROP TRIGGER audit_no_update;"
			  "UPDATE audit SET actor_id = NULL WHERE id = 4");
	assert_false(verifies(f->store, &bad));
	assert_int_equal(bad, 4);
}

static void test_rehash_without_key_detected(void **state)
{
	struct test_db *f = *state;
	long long bad = 0;

	/* Someone changes an entry and copies the next entry's prev_hash
	 * over: the hash itself (keyed) still does not match. */
	write_entries(f->store, 1, 3);
	exec_ok(f->store, "DROP TRIGGER audit_no_update;"
			  "UPDATE audit SET detail = 'n=9', hash = (SELECT prev_hash FROM audit"
			  " WHERE id = 3) WHERE id = 2");
	assert_false(verifies(f->store, &bad));
	assert_int_equal(bad, 2);
}

static void test_removal_detected(void **state)
{
	struct test_db *f = *state;
	long long bad = 0;

	write_entries(f->store, 1, 5);
	exec_ok(f->store, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 3");
	assert_false(verifies(f->store, &bad));
	assert_int_equal(bad, 4);
}

static void test_oldest_removed_detected(void **state)
{
	struct test_db *f = *state;
	long long bad = 0;

	write_entries(f->store, 1, 5);
	exec_ok(f->store, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id <= 2");
	assert_false(verifies(f->store, &bad));
	assert_int_equal(bad, 3);
}

static void test_newest_removed_detected(void **state)
{
	struct test_db *f = *state;
	char *cause = NULL;

	write_entries(f->store, 1, 5);
	exec_ok(f->store, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5");
	assert_false(verifies(f->store, NULL));
	/* vaksam goes on writing: the id is not reused and the gap shows. */
	assert_int_equal(audit_record(f->store, 0, "test.after", 0, NULL, &cause), 0);
	assert_false(verifies(f->store, NULL));
}

static void test_head_forged_detected(void **state)
{
	struct test_db *f = *state;

	write_entries(f->store, 1, 5);
	/* Remove the newest and point the head at the one before, copying its
	 * hash: the head's MAC (keyed) gives it away. */
	exec_ok(f->store, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 5;"
			  "UPDATE audit_head SET last_id = 4, last_hash = (SELECT hash FROM audit"
			  " WHERE id = 4)");
	assert_false(verifies(f->store, NULL));
}

static void test_purge_anchor(void **state)
{
	struct test_db *f = *state;
	struct audit_entry *e = NULL;
	char *cause = NULL;
	long long removed = -1;
	size_t n = 0;

	write_entries(f->store, 1, 10);
	setenv("VAKSAM_NOW", "2030-02-01T08:00:00", 1);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(audit_purge_before(f->store, "2030-01-05T00:00:00Z", 0, true, &removed,
					    &cause),
			 0);
	assert_int_equal(removed, 4);
	store_rollback(f->store);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(audit_purge_before(f->store, "2030-01-05T00:00:00Z", 0, false, &removed,
					    &cause),
			 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(removed, 4);
	assert_true(verifies(f->store, NULL));
	assert_int_equal(audit_list(f->store, NULL, &e, &n, &cause), 0);
	assert_int_equal(n, 7); /* 6 kept and the anchor */
	assert_string_equal(e[0].detail, "n=5");
	assert_string_equal(e[6].action, AUDIT_PURGE_ANCHOR);
	assert_non_null(e[6].anchor);
	assert_string_equal(e[6].detail, "removed 4 entries before 2030-01-05T00:00:00Z");
	audit_list_free(&e, n);
	/* A second purge, past the first anchor, and then everything. */
	write_entries(f->store, 20, 2);
	setenv("VAKSAM_NOW", "2030-03-01T08:00:00", 1);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(audit_purge_before(f->store, "2030-01-08T00:00:00Z", 0, false, &removed,
					    &cause),
			 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(removed, 3);
	assert_true(verifies(f->store, NULL));
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(audit_purge_before(f->store, "2031-01-01T00:00:00Z", 0, false, &removed,
					    &cause),
			 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(removed, 7);
	assert_true(verifies(f->store, NULL));
	/* Tampering after a purge is still caught. */
	write_entries(f->store, 25, 3);
	exec_ok(f->store, "DROP TRIGGER audit_no_update;"
			  "UPDATE audit SET detail = 'x' WHERE action = 'audit.purge'");
	assert_false(verifies(f->store, NULL));
}

/* A clock that went back once: the purge stops at the first newer entry,
 * so no hole is cut into the chain. */
static void test_purge_is_a_prefix(void **state)
{
	struct test_db *f = *state;
	char *cause = NULL;
	long long removed = -1;

	write_entries(f->store, 1, 3);
	write_entries(f->store, 20, 1);
	write_entries(f->store, 4, 3); /* written after, dated before */
	setenv("VAKSAM_NOW", "2030-02-01T08:00:00", 1);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(audit_purge_before(f->store, "2030-01-10T00:00:00Z", 0, false, &removed,
					    &cause),
			 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(removed, 3);
	assert_true(verifies(f->store, NULL));
}

static void test_no_key_no_audit(void **state)
{
	struct test_db *f = *state;
	struct audit_verify_result r;
	char *cause = NULL, *key = xasprintf("%s.key", f->db);

	write_entries(f->store, 1, 2);
	store_close(&f->store);
	assert_int_equal(unlink(key), 0);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause), 0);
	assert_int_equal(audit_record(f->store, 0, "test.x", 0, NULL, &cause), -1);
	assert_non_null(strstr(cause, "key file missing"));
	free(cause);
	cause = NULL;
	assert_int_equal(audit_verify(f->store, &r, &cause), -1);
	free(cause);
	free(key);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_chain_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_triggers_refuse_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_actor_change_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rehash_without_key_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removal_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oldest_removed_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newest_removed_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head_forged_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge_anchor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge_is_a_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_key_no_audit, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
