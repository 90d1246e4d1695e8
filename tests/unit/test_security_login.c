/*
 * Login lockouts: five wrong secrets after an employee number lock that way
 * in for 15 minutes (then 30, ...), with the right PIN refused meanwhile;
 * the lock survives a restart (the store closed and opened again); the
 * badge keeps its own counter; unknown numbers lock alike; wrong activation
 * codes count; unlock works; parallel processes cannot race past the limit;
 * every attempt is in the audit log and no secret is.
 *
 * The clock is moved with VAKSAM_NOW. Each test gets a fresh demo database
 * (1001 staff, PIN 2468; 1002 no PIN; 2001 coordinator, PIN 1357, TOTP).
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
#include <sys/wait.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/demo.h"
#include "core/login.h"
#include "core/person.h"
#include "core/store_internal.h"
#include "core/xmalloc.h"

#include "fixture.h"

static int setup(void **state)
{
	struct test_db *f = xcalloc(1, sizeof(*f));

	setenv("VAKSAM_NOW", "2030-01-01T08:00:00", 1);
	test_db_open(f, "seclogin", true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct test_db *f = *state;

	unsetenv("VAKSAM_NOW");
	login_abandon();
	test_db_close(f);
	free(f);
	return 0;
}

static void at(const char *when)
{
	setenv("VAKSAM_NOW", when, 1);
}

static long long id_of(struct store *store, const char *employee_no)
{
	struct person p;
	char *cause = NULL;
	long long id;

	assert_int_equal(person_find(store, employee_no, &p, &cause), 1);
	id = p.id;
	person_release(&p);
	return id;
}

static enum login_result identify(struct store *store, const char *typed, struct login_ticket *t)
{
	char *cause = NULL;
	enum login_result r = login_identify(store, typed, t, &cause);

	if (r == LOGIN_ERROR)
		fail_msg("%s", cause);
	return r;
}

/* Identifies typed and checks pin in one go, as the kiosk does. */
static enum login_result try_pin(struct store *store, const char *typed, const char *pin)
{
	struct login_ticket t;
	long long id = -1;
	char *cause = NULL;
	enum login_result r;

	memset(&t, 0, sizeof(t));
	r = identify(store, typed, &t);
	if (r != LOGIN_OK)
		return r;
	r = login_check_pin(store, &t, pin, &id, &cause);
	if (r == LOGIN_ERROR)
		fail_msg("%s", cause);
	assert_true((r == LOGIN_OK) == (id > 0));
	return r;
}

static int count_audit(struct store *store, const char *action, long long object)
{
	sqlite3_stmt *st = NULL;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(store->db,
					    "SELECT count(*) FROM audit WHERE action = ?1"
					    " AND IFNULL(object_id, 0) = ?2",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, object);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void reopen(struct test_db *f)
{
	char *cause = NULL;

	store_close(&f->store);
	if (store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause) < 0)
		fail_msg("%s", cause);
}

static void test_five_wrong_lock_fifteen_minutes(void **state)
{
	struct test_db *f = *state;
	long long anna = id_of(f->store, "1001");

	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
	/* The right PIN is refused until the lock ends. */
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	at("2030-01-01T08:14:59");
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	/* The lock outlives a restart. */
	reopen(f);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	at("2030-01-01T08:15:00");
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
	assert_int_equal(count_audit(f->store, AUDIT_LOGIN_FAIL, anna), 5 + 3);
	assert_int_equal(count_audit(f->store, AUDIT_LOGIN_LOCKOUT, anna), 1);
	assert_int_equal(count_audit(f->store, AUDIT_LOGIN_OK, anna), 1);
}

static void test_lock_doubles(void **state)
{
	struct test_db *f = *state;

	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
	at("2030-01-01T08:15:00");
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
	/* The second lock lasts 30 minutes. */
	at("2030-01-01T08:44:59");
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	at("2030-01-01T08:45:00");
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
	/* The third one hour. */
	at("2030-01-01T09:44:59");
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	at("2030-01-01T09:45:00");
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
	/* A success starts over: five more, and 15 minutes again. */
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
	at("2030-01-01T10:00:00");
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
}

static void test_fewer_than_five_do_not_lock(void **state)
{
	struct test_db *f = *state;

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
			assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
		/* A right PIN resets the count. */
		assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
	}
}

static void test_badge_keeps_its_own_counter(void **state)
{
	struct test_db *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	char *cause = NULL;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(login_issue_badge(f->store, id_of(f->store, "1001"), &issued, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	/* A colleague types 1001 five times wrong: the number locks... */
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "0000"), LOGIN_REFUSED);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	/* ...but Anna's badge and PIN still work, and after a restart too. */
	assert_int_equal(try_pin(f->store, issued.badge, "2468"), LOGIN_OK);
	reopen(f);
	assert_int_equal(try_pin(f->store, issued.badge, "2468"), LOGIN_OK);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	/* And the badge locks on its own. */
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, issued.badge, "0000"), LOGIN_REFUSED);
	assert_int_equal(try_pin(f->store, issued.badge, "2468"), LOGIN_LOCKED);
	login_issued_release(&issued);
}

static void test_unknown_number_locks_alike(void **state)
{
	struct test_db *f = *state;

	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "99999", "1111"), LOGIN_REFUSED);
	assert_int_equal(try_pin(f->store, "99999", "2468"), LOGIN_LOCKED);
	/* Other numbers are not affected. */
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
	/* An over-long number too. */
	{
		char longer[200];

		memset(longer, '7', sizeof(longer) - 1);
		longer[sizeof(longer) - 1] = '\0';
		for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
			assert_int_equal(try_pin(f->store, longer, "1111"), LOGIN_REFUSED);
		assert_int_equal(try_pin(f->store, longer, "1111"), LOGIN_LOCKED);
	}
}

static void test_unlock(void **state)
{
	struct test_db *f = *state;
	struct login_lock_info info;
	long long anna = id_of(f->store, "1001");
	char *cause = NULL;
	int cleared = -1;

	for (int i = 0; i < LOGIN_MAX_FAILURES; i++)
		assert_int_equal(try_pin(f->store, "1001", "1111"), LOGIN_REFUSED);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
	assert_int_equal(login_lock_read(f->store, anna, LOGIN_VIA_NUMBER, &info, &cause), 0);
	assert_non_null(info.locked_until);
	assert_string_equal(info.locked_until, "2030-01-01T08:15:00Z");
	assert_int_equal(info.locks, 1);
	login_lock_info_release(&info);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(login_unlock(f->store, anna, &cleared, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(cleared, 1);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
	assert_int_equal(count_audit(f->store, AUDIT_LOGIN_UNLOCK, anna), 1);
	assert_int_equal(login_lock_read(f->store, anna, LOGIN_VIA_NUMBER, &info, &cause), 0);
	assert_null(info.locked_until);
	assert_int_equal(info.failures, 0);
	login_lock_info_release(&info);
}

static void test_wrong_activation_codes_count(void **state)
{
	struct test_db *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t;
	const char *why = NULL;
	char *cause = NULL;
	long long id = 0;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(login_issue_badge(f->store, id_of(f->store, "1002"), &issued, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(identify(f->store, "1002", &t), LOGIN_NEEDS_ACTIVATION);
	/* A right code checked does not count. */
	assert_int_equal(login_check_activation(f->store, &t, issued.activation, &cause), LOGIN_OK);
	for (int i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
		assert_int_equal(login_check_activation(f->store, &t, "2345678923", &cause),
				 LOGIN_REFUSED);
	/* The fifth wrong one through login_set_pin. */
	assert_int_equal(login_set_pin(f->store, &t, "2345678923", "4711", &id, &why, &cause),
			 LOGIN_REFUSED);
	assert_int_equal(login_check_activation(f->store, &t, issued.activation, &cause),
			 LOGIN_LOCKED);
	assert_int_equal(login_set_pin(f->store, &t, issued.activation, "4711", &id, &why, &cause),
			 LOGIN_LOCKED);
	assert_int_equal(id, 0);
	at("2030-01-01T08:15:00");
	assert_int_equal(login_set_pin(f->store, &t, issued.activation, "4711", &id, &why, &cause),
			 LOGIN_OK);
	assert_int_equal(id, id_of(f->store, "1002"));
	login_issued_release(&issued);
}

/* Ten processes try a wrong PIN for 1001 at the same moment: at most five
 * are checked, the rest find the lock. */
static void test_parallel_cannot_race_past(void **state)
{
	struct test_db *f = *state;
	enum { N = 10 };
	pid_t pids[N];
	int refused = 0, locked = 0;

	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			struct store *s = NULL;
			char *cause = NULL;
			int r = 100;

			if (store_open(f->db, STORE_OPEN_EXISTING, &s, &cause) == 0)
				r = (int)try_pin(s, "1001", "1111");
			store_close(&s);
			_exit(r);
		}
	}
	for (int i = 0; i < N; i++) {
		int status = 0;

		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		if (WEXITSTATUS(status) == LOGIN_REFUSED)
			refused++;
		else if (WEXITSTATUS(status) == LOGIN_LOCKED)
			locked++;
		else
			fail_msg("child ended with %d", WEXITSTATUS(status));
	}
	print_message("parallel: %d checked, %d locked out\n", refused, locked);
	assert_int_equal(refused + locked, N);
	assert_true(refused <= LOGIN_MAX_FAILURES);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_LOCKED);
}

/* The audit log says what happened and holds no PIN or typed text. */
static void test_audit_holds_no_secret(void **state)
{
	struct test_db *f = *state;
	struct audit_entry *e = NULL;
	struct audit_verify_result v;
	char *cause = NULL;
	size_t n = 0;

	assert_int_equal(try_pin(f->store, "1001", "8642"), LOGIN_REFUSED);
	assert_int_equal(try_pin(f->store, "77777", "8642"), LOGIN_REFUSED);
	assert_int_equal(try_pin(f->store, "1001", "2468"), LOGIN_OK);
	assert_int_equal(audit_list(f->store, NULL, &e, &n, &cause), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_null(strstr(e[i].detail, "8642"));
		assert_null(strstr(e[i].detail, "2468"));
		assert_null(strstr(e[i].detail, "77777"));
		assert_null(strstr(e[i].detail, "1001"));
	}
	assert_string_equal(e[0].action, AUDIT_LOGIN_FAIL);
	assert_int_equal(e[0].object_id, id_of(f->store, "1001"));
	assert_string_equal(e[0].detail, "via=number step=pin");
	assert_int_equal(e[1].object_id, 0); /* nobody has 77777 */
	assert_string_equal(e[2].action, AUDIT_LOGIN_OK);
	audit_list_free(&e, n);
	assert_int_equal(audit_verify(f->store, &v, &cause), 0);
	assert_true(v.ok);
	assert_int_equal(v.checked, 3);
	audit_verify_release(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_five_wrong_lock_fifteen_minutes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_doubles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fewer_than_five_do_not_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_badge_keeps_its_own_counter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_number_locks_alike, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unlock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_activation_codes_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parallel_cannot_race_past, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_holds_no_secret, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
