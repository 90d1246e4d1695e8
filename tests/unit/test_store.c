/* The store: migrations, the key file, credentials and Swedish collation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/collate.h"
#include "core/credential.h"
#include "core/person.h"
#include "core/schema.h"
#include "core/setting.h"
#include "core/store_internal.h"
#include "core/unit.h"
#include "core/xmalloc.h"

struct fixture {
	char dir[64];
	char *db;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/vaksam-unit.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/t.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

/* Whether needle occurs in the first n bytes of hay. */
static bool contains(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

static int raw_user_version(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void test_fresh_database_is_latest(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), 0);
	assert_int_equal(store_schema_version(s), schema_latest());
	assert_true(store_has_key(s));
	store_close(&s);
	assert_null(s);
	assert_int_equal(raw_user_version(f->db), schema_latest());
	/* A second init is refused and leaves the file alone. */
	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), -1);
	assert_non_null(strstr(cause, "already exists"));
	free(cause);
}

static int synchronous_of(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(s->db, "PRAGMA synchronous", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* fsync_every_commit chooses synchronous=NORMAL (1, the default) or FULL (2)
 * for every later open. */
static void test_fsync_setting(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), 0);
	assert_int_equal(synchronous_of(s), 1);
	assert_int_equal(setting_set(s, "fsync_every_commit", "yes", &cause), 0);
	store_close(&s);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), 0);
	assert_int_equal(synchronous_of(s), 2);
	assert_int_equal(setting_set(s, "fsync_every_commit", "maybe", &cause), -1);
	assert_non_null(strstr(cause, "neither yes nor no"));
	free(cause);
	cause = NULL;
	assert_int_equal(setting_set(s, "fsync_every_commit", "no", &cause), 0);
	store_close(&s);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), 0);
	assert_int_equal(synchronous_of(s), 1);
	store_close(&s);
}

static long long count_units(struct store *s)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT count(*) FROM unit", -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Two connections from store_read_twin read one snapshot: a commit made by
 * a third connection after they began is seen by neither until both end. */
static void test_read_twin_one_snapshot(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL, *twin = NULL, *writer = NULL;
	char *cause = NULL;

	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), 0);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &writer, &cause), 0);
	assert_int_equal(store_read_twin(s, &twin, &cause), 0);
	assert_non_null(twin);
	assert_int_equal(count_units(s), 0);
	assert_int_equal(store_begin(writer, &cause), 0);
	assert_int_equal(store_exec(writer,
				    "INSERT INTO unit (name, path, created) VALUES ('A', 'A', 'x')",
				    &cause),
			 0);
	assert_int_equal(store_commit(writer, &cause), 0);
	assert_int_equal(count_units(twin), 0);
	assert_int_equal(count_units(s), 0);
	store_read_end(s);
	store_read_end(twin);
	assert_int_equal(count_units(s), 1);
	assert_int_equal(count_units(twin), 1);
	/* Inside a transaction it is refused. */
	store_close(&twin);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_read_twin(s, &twin, &cause), -1);
	assert_null(twin);
	assert_non_null(strstr(cause, "already open"));
	free(cause);
	store_rollback(s);
	store_close(&writer);
	store_close(&s);
}

static void test_upgrade_from_version_1(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;
	sqlite3 *db = NULL;
	char *err = NULL;

	/* Build a version-1 database by hand, with a person in it. */
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, schema_step(1), NULL, NULL, &err), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA user_version = 1;"
				      "INSERT INTO person (employee_no, name, created)"
				      " VALUES ('0042', 'Åsa Öberg', '2025-01-01T00:00:00Z');",
				      NULL, NULL, &err),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(raw_user_version(f->db), 1);

	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), 0);
	assert_int_equal(store_schema_version(s), schema_latest());
	{
		struct person p;
		assert_int_equal(person_find(s, "0042", &p, &cause), 1);
		assert_string_equal(p.name, "Åsa Öberg");
		person_release(&p);
	}
	/* The table added by migration 2 is there. */
	assert_int_equal(store_exec(s, "SELECT count(*) FROM lesson_progress", &cause), 0);
	store_close(&s);
}

/* Migration 6 rebuilds the response table clustered on (attempt, question
 * version): every answer of a version-5 database comes through intact. */
static void test_upgrade_keeps_responses(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	for (int v = 1; v <= 5; v++)
		assert_int_equal(sqlite3_exec(db, schema_step(v), NULL, NULL, &err), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(
		db,
		"PRAGMA user_version = 5;"
		"INSERT INTO course (id, slug, title, language, audience, version,"
		" pass_mark, minutes) VALUES (1, 'c', 'C', 'sv', 'all', 1, 80, 10);"
		"INSERT INTO question (id, course_id, name, position, current_version)"
		" VALUES (1, 1, 'a', 1, 1), (2, 1, 'b', 2, 1);"
		"INSERT INTO question_version (id, question_id, version, type, body, hash,"
		" created) VALUES (1, 1, 1, 'single', '{}', 'h', 'x'),"
		" (2, 2, 1, 'single', '{}', 'h', 'x');"
		"INSERT INTO attempt (id, course_id, course_version, kind, source, started)"
		" VALUES (7, 1, 1, 'quiz', 'kiosk', 'x');"
		"INSERT INTO response (attempt_id, question_version_id, position, answer,"
		" mark, answered) VALUES (7, 2, 1, '{\"chosen\":[1]}', 0, 't1'),"
		" (7, 1, 2, '{\"chosen\":[0]}', 1, 't2');",
		NULL, NULL, &err),
	    SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), 0);
	assert_int_equal(store_schema_version(s), schema_latest());
	assert_int_equal(sqlite3_prepare_v2(s->db,
					    "SELECT group_concat(question_version_id || ':' ||"
					    " position || ':' || answer || ':' || mark || ':' ||"
					    " answered, ' ') FROM response",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
			    "1:2:{\"chosen\":[0]}:1.0:t2 2:1:{\"chosen\":[1]}:0.0:t1");
	sqlite3_finalize(st);
	/* The natural key is the table's key now: a second answer to the same
	 * question in the same attempt is refused. */
	assert_int_equal(
	    store_exec(s,
		       "INSERT INTO response (attempt_id, question_version_id,"
		       " position, answer, mark, answered) VALUES (7, 1, 3, '{}', 0, 't')",
		       &cause),
	    -1);
	free(cause);
	store_close(&s);
}

static void test_newer_database_refused(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;
	sqlite3 *db = NULL;
	char sql[64];

	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), 0);
	store_close(&s);
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", schema_latest() + 1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), -1);
	assert_null(s);
	assert_non_null(strstr(cause, "newer vaksam"));
	free(cause);
	assert_int_equal(raw_user_version(f->db), schema_latest() + 1);
}

static void test_missing_database_refused(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;

	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), -1);
	assert_non_null(strstr(cause, "no such database"));
	free(cause);
	assert_int_equal(access(f->db, F_OK), -1);
}

static void test_pin_verifies(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;
	long long unit = 0, id = 0;

	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(unit_ensure(s, "Förvaltning/Enhet", &unit, &cause), 0);
	assert_int_equal(person_add(s, "1001", "Anna", unit, ROLE_STAFF, &id, &cause), 0);
	assert_int_equal(credential_set_pin(s, id, "2468", &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(credential_check_pin(s, id, "2468", &cause), 1);
	assert_int_equal(credential_check_pin(s, id, "2469", &cause), 0);
	assert_int_equal(credential_check_pin(s, id, "", &cause), 0);
	store_close(&s);

	/* Without the key file nothing verifies. */
	{
		char *key = xasprintf("%s.key", f->db);
		char *moved = xasprintf("%s.moved", key);

		assert_int_equal(rename(key, moved), 0);
		assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &s, &cause), 0);
		assert_false(store_has_key(s));
		assert_int_equal(credential_check_pin(s, id, "2468", &cause), 0);
		store_close(&s);
		assert_int_equal(rename(moved, key), 0);
		free(key);
		free(moved);
	}
}

static void test_no_secret_in_clear(void **state)
{
	struct fixture *f = *state;
	struct store *s = NULL;
	char *cause = NULL;
	long long id = 0;
	char *hash = NULL;
	FILE *fp;
	char *buf;
	long size;

	assert_int_equal(store_open(f->db, STORE_CREATE_NEW, &s, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(person_add(s, "1001", "Anna", 0, ROLE_STAFF, &id, &cause), 0);
	assert_int_equal(credential_set_pin(s, id, "73915", &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	hash = credential_token_hash(s, "VKBSECRETTOKEN");
	assert_int_equal(strlen(hash), 64);
	assert_null(strstr(hash, "SECRET"));
	free(hash);
	assert_int_equal(store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)", &cause), 0);
	store_close(&s);

	fp = fopen(f->db, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	size = ftell(fp);
	rewind(fp);
	buf = xmalloc((size_t)size);
	assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	assert_false(contains(buf, (size_t)size, "73915"));
	assert_true(contains(buf, (size_t)size, "$argon2id$"));
	free(buf);
}

static void test_pin_rules(void **state)
{
	const char *why = NULL;

	(void)state;
	assert_true(credential_pin_acceptable("2468", &why));
	assert_true(credential_pin_acceptable("73915", &why));
	assert_false(credential_pin_acceptable("0000", &why));
	assert_false(credential_pin_acceptable("1234", &why));
	assert_false(credential_pin_acceptable("98765", &why));
	assert_false(credential_pin_acceptable("777777", &why));
	assert_false(credential_pin_acceptable("123", &why));
	assert_false(credential_pin_acceptable("123456789", &why));
	assert_false(credential_pin_acceptable("12a4", &why));
}

static void test_swedish_order(void **state)
{
	/* é sorts as e; å ä ö come after z, in that order; case is ignored. */
	const char *sorted[] = {"anna", "Bo",  "Éric", "Eva",  "Zorro",
				"åke",  "Åsa", "Ärla", "Östen"};

	(void)state;
	for (size_t i = 0; i + 1 < sizeof(sorted) / sizeof(sorted[0]); i++) {
		const char *a = sorted[i], *b = sorted[i + 1];

		assert_true(collate_sv(a, strlen(a), b, strlen(b)) < 0);
		assert_true(collate_sv(b, strlen(b), a, strlen(a)) > 0);
	}
	{
		char *f = collate_fold("ÅSA Öberg Élise");
		assert_string_equal(f, "åsa öberg elise");
		free(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fresh_database_is_latest, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_upgrade_from_version_1, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fsync_setting, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_upgrade_keeps_responses, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_twin_one_snapshot, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_database_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_pin_verifies, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_secret_in_clear, setup, teardown),
	    cmocka_unit_test(test_pin_rules),
	    cmocka_unit_test(test_swedish_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
