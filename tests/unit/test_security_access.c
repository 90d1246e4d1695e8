/*
 * Access: a coordinator of one unit sees the status of the people of that
 * unit and the units below it, never another unit's people nor anyone's
 * scores; with units given by `staff scope` exactly those (and below);
 * staff see only themselves; admins and the command line everything; an
 * inactive or unknown viewer nothing. Also `vaksam staff scope` itself.
 *
 * Demo: 2001 coordinator of Socialförvaltningen/Hemtjänst Norr (with 1001-1004
 * and 1033); 1005 is in Hemtjänst Söder; 1013 in Barn- och
 * utbildningsförvaltningen/Centrumskolan; 9001 admin.
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

#include "cli/cli.h"
#include "cli/staff_security.h"
#include "core/access.h"
#include "core/audit.h"
#include "core/demo.h"
#include "core/person.h"
#include "core/store_internal.h"
#include "core/unit.h"
#include "core/xmalloc.h"

#include "fixture.h"

#define NORR "Socialförvaltningen/Hemtjänst Norr"

static int setup(void **state)
{
	struct test_db *f = xcalloc(1, sizeof(*f));

	test_db_open(f, "secaccess", true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct test_db *f = *state;

	test_db_close(f);
	free(f);
	return 0;
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

static long long unit_of(struct store *store, const char *path)
{
	long long id = 0;
	char *cause = NULL;

	assert_int_equal(unit_find(store, path, &id, &cause), 0);
	assert_true(id > 0);
	return id;
}

static void load(struct store *store, const char *employee_no, struct access *a)
{
	char *cause = NULL;

	if (access_load(store, id_of(store, employee_no), a, &cause) < 0)
		fail_msg("%s", cause);
}

static int sees(struct store *store, const struct access *a, const char *employee_no,
		enum access_kind kind)
{
	char *cause = NULL;
	int r = access_person(store, a, id_of(store, employee_no), kind, &cause);

	if (r < 0)
		fail_msg("%s", cause);
	return r;
}

static int by_number(const void *a, const void *b)
{
	return strcmp(((const struct person *)a)->employee_no, ((const struct person *)b)->employee_no);
}

/* The people a viewer can list, as "1001 1002 ..." in employee-number order. */
static char *visible(struct store *store, const struct access *a, const char *unit_path)
{
	struct person_filter filter = { unit_path, true };
	struct person *people = NULL;
	char *cause = NULL, *out = xstrdup("");
	size_t n = 0;

	if (access_people(store, a, &filter, &people, &n, &cause) < 0)
		fail_msg("%s", cause);
	if (n)
		qsort(people, n, sizeof(*people), by_number);
	for (size_t i = 0; i < n; i++) {
		char *next = xasprintf("%s%s%s", out, *out ? " " : "", people[i].employee_no);

		free(out);
		out = next;
	}
	person_list_free(&people, n);
	return out;
}

static void test_coordinator_sees_own_unit_only(void **state)
{
	struct test_db *f = *state;
	struct access a = ACCESS_INIT;
	char *list;

	load(f->store, "2001", &a);
	assert_true(a.active);
	assert_false(a.all);
	list = visible(f->store, &a, NULL);
	assert_string_equal(list, "1001 1002 1003 1004 1033 2001");
	free(list);
	/* Asking for another unit by path gives nobody. */
	list = visible(f->store, &a, "Socialförvaltningen/Hemtjänst Söder");
	assert_string_equal(list, "");
	free(list);
	list = visible(f->store, &a, "Barn- och utbildningsförvaltningen");
	assert_string_equal(list, "");
	free(list);
	assert_int_equal(sees(f->store, &a, "1001", ACCESS_PERSON_STATUS), 1);
	assert_int_equal(sees(f->store, &a, "1005", ACCESS_PERSON_STATUS), 0);
	assert_int_equal(sees(f->store, &a, "1013", ACCESS_PERSON_STATUS), 0);
	assert_int_equal(sees(f->store, &a, "9001", ACCESS_PERSON_STATUS), 0);
	/* Never another person's scores or answers. */
	assert_int_equal(sees(f->store, &a, "1001", ACCESS_PERSON_DETAIL), 0);
	assert_int_equal(sees(f->store, &a, "2001", ACCESS_PERSON_DETAIL), 1);
	assert_true(access_unit(&a, unit_of(f->store, NORR)));
	assert_false(access_unit(&a, unit_of(f->store, "Socialförvaltningen")));
	assert_false(access_unit(&a, unit_of(f->store, "Socialförvaltningen/Hemtjänst Söder")));
	assert_int_equal(a.n_roots, 1);
	assert_int_equal(a.roots[0], unit_of(f->store, NORR));
	access_release(&a);
}

static void test_units_below_are_covered(void **state)
{
	struct test_db *f = *state;
	struct access a = ACCESS_INIT;
	long long team = 0, id = 0;
	char *cause = NULL, *list;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(unit_ensure(f->store, NORR "/Nattpatrullen", &team, &cause), 0);
	assert_int_equal(person_add(f->store, "5001", "Natt Uggla", team, ROLE_STAFF, &id, &cause),
			 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	load(f->store, "2001", &a);
	assert_true(access_unit(&a, team));
	assert_int_equal(sees(f->store, &a, "5001", ACCESS_PERSON_STATUS), 1);
	list = visible(f->store, &a, NORR "/Nattpatrullen");
	assert_string_equal(list, "5001");
	free(list);
	access_release(&a);
}

static void test_scope_replaces_own_unit(void **state)
{
	struct test_db *f = *state;
	struct access a = ACCESS_INIT;
	long long maria = id_of(f->store, "2001");
	long long bou = unit_of(f->store, "Barn- och utbildningsförvaltningen");
	char *cause = NULL, *list;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(access_scope_set(f->store, maria, &bou, 1, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	load(f->store, "2001", &a);
	list = visible(f->store, &a, NULL);
	assert_string_equal(list, "1013 1014 1015 1016 1017 1018 1019 1020 1021 1022 1023 1034 "
				  "2001 2002");
	free(list);
	assert_int_equal(sees(f->store, &a, "1001", ACCESS_PERSON_STATUS), 0);
	assert_int_equal(sees(f->store, &a, "1013", ACCESS_PERSON_STATUS), 1);
	access_release(&a);
	/* Cleared: back to the own unit. */
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(access_scope_set(f->store, maria, NULL, 0, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	load(f->store, "2001", &a);
	assert_int_equal(sees(f->store, &a, "1001", ACCESS_PERSON_STATUS), 1);
	assert_int_equal(sees(f->store, &a, "1013", ACCESS_PERSON_STATUS), 0);
	access_release(&a);
}

static void test_staff_see_only_themselves(void **state)
{
	struct test_db *f = *state;
	struct access a = ACCESS_INIT;
	char *list;

	load(f->store, "1001", &a);
	list = visible(f->store, &a, NULL);
	assert_string_equal(list, "1001");
	free(list);
	assert_int_equal(sees(f->store, &a, "1001", ACCESS_PERSON_DETAIL), 1);
	assert_int_equal(sees(f->store, &a, "1002", ACCESS_PERSON_STATUS), 0);
	assert_false(access_unit(&a, unit_of(f->store, NORR)));
	access_release(&a);
}

static void test_admin_and_cli_see_all(void **state)
{
	struct test_db *f = *state;
	struct access a = ACCESS_INIT;

	load(f->store, "9001", &a);
	assert_true(a.all);
	assert_int_equal(sees(f->store, &a, "1013", ACCESS_PERSON_DETAIL), 1);
	access_release(&a);
	access_cli(&a);
	assert_int_equal(sees(f->store, &a, "1005", ACCESS_PERSON_DETAIL), 1);
	assert_true(access_unit(&a, unit_of(f->store, NORR)));
	access_release(&a);
}

static void test_inactive_or_unknown_see_nothing(void **state)
{
	struct test_db *f = *state;
	struct access a = ACCESS_INIT;
	char *cause = NULL, *list;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(person_set_active(f->store, id_of(f->store, "2001"), false, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	load(f->store, "2001", &a);
	assert_false(a.active);
	list = visible(f->store, &a, NULL);
	assert_string_equal(list, "");
	free(list);
	assert_int_equal(sees(f->store, &a, "2001", ACCESS_PERSON_DETAIL), 0);
	access_release(&a);
	assert_int_equal(access_load(f->store, 999999, &a, &cause), 0);
	assert_false(a.active);
	assert_int_equal(sees(f->store, &a, "1001", ACCESS_PERSON_STATUS), 0);
	access_release(&a);
	assert_int_equal(access_load(f->store, 0, &a, &cause), 0);
	assert_false(a.active);
	access_release(&a);
}

/* `vaksam staff scope` through its entry point, as the command line runs it. */
static int run(struct test_db *f, int argc, const char **args)
{
	struct cli cli = { f->db, NULL };
	char *argv[8];

	for (int i = 0; i < argc; i++)
		argv[i] = (char *)args[i];
	argv[argc] = NULL;
	return staff_scope_main(&cli, argc, argv);
}

static void test_scope_command(void **state)
{
	struct test_db *f = *state;
	const char *set[] = { "scope", "2001", "Socialförvaltningen", NORR };
	const char *bad[] = { "scope", "2001", "Socialförvaltningen", "Ingen Sådan Enhet" };
	const char *staff[] = { "scope", "1001", "Socialförvaltningen" };
	const char *show[] = { "scope", "2001" };
	const char *clear[] = { "scope", "2001", "--clear" };
	long long *ids = NULL;
	size_t n = 0;
	char *cause = NULL;

	store_close(&f->store);
	assert_int_equal(run(f, 4, set), EXIT_OK);
	assert_int_equal(run(f, 4, bad), EXIT_REFUSED);
	assert_int_equal(run(f, 3, staff), EXIT_REFUSED);
	assert_int_equal(run(f, 2, show), EXIT_OK);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause), 0);
	assert_int_equal(access_scope_get(f->store, id_of(f->store, "2001"), &ids, &n, &cause), 0);
	assert_int_equal(n, 2); /* the bad one changed nothing */
	free(ids);
	store_close(&f->store);
	assert_int_equal(run(f, 3, clear), EXIT_OK);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause), 0);
	assert_int_equal(access_scope_get(f->store, id_of(f->store, "2001"), &ids, &n, &cause), 0);
	assert_int_equal(n, 0);
	free(ids);
	/* Both changes are in the audit log. */
	{
		struct audit_entry *e = NULL;
		struct audit_filter filter = { NULL, id_of(f->store, "2001") };
		size_t k = 0;

		assert_int_equal(audit_list(f->store, &filter, &e, &k, &cause), 0);
		assert_int_equal(k, 2);
		assert_string_equal(e[0].action, AUDIT_ACCESS_SCOPE);
		assert_string_equal(e[1].detail, "units=own");
		audit_list_free(&e, k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_coordinator_sees_own_unit_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units_below_are_covered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_replaces_own_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_staff_see_only_themselves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_admin_and_cli_see_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inactive_or_unknown_see_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_command, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
