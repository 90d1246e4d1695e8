/*
 * One-time codes (TOTP): codes made by `oathtool --totp -b SECRET` (an
 * independent implementation) are accepted within one step of drift; a code
 * used once is refused; a code two steps off is refused; the secret is
 * stored only sealed, and a sealed secret copied to another person does not
 * open; enrolling makes a new secret; the kiosk flow for a coordinator (PIN,
 * then code) and a coordinator without a secret.
 *
 * Demo: 2001 (coordinator, PIN 1357) and 9001 (admin) have the secret
 * JBSWY3DPEHPK3PXP; 1001 is staff.
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
#include <time.h>

#include "core/demo.h"
#include "core/login.h"
#include "core/person.h"
#include "core/store_internal.h"
#include "core/totp.h"
#include "core/xmalloc.h"

#include "fixture.h"

#define T0 "2030-01-01T08:00:00"   /* a step boundary: 1893484800 / 30 */
#define T0_OATH "2030-01-01 08:00:00 UTC"

static int setup(void **state)
{
	struct test_db *f = xcalloc(1, sizeof(*f));

	setenv("VAKSAM_NOW", T0, 1);
	test_db_open(f, "sectotp", true);
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

/* The code oathtool makes for secret at T0 + offset seconds, into out. */
static void oathtool(const char *secret, int offset, char out[TOTP_DIGITS + 1])
{
	char *cmd = xasprintf("oathtool --totp -b '%s' -N '%s + %d seconds'", secret, T0_OATH,
			      offset);
	FILE *p = popen(cmd, "r");
	char line[64] = "";

	assert_non_null(p);
	assert_non_null(fgets(line, sizeof(line), p));
	assert_int_equal(pclose(p), 0);
	line[strcspn(line, "\r\n")] = '\0';
	assert_int_equal(strlen(line), TOTP_DIGITS);
	memcpy(out, line, TOTP_DIGITS + 1);
	free(cmd);
}

/* A six-digit code that is not code. */
static const char *other_than(const char *code)
{
	return strcmp(code, "111111") != 0 ? "111111" : "222222";
}

static int check(struct store *store, long long id, const char *code)
{
	char *cause = NULL;
	int r = totp_check(store, id, code, &cause);

	if (r < 0)
		fail_msg("%s", cause);
	return r;
}

static void test_oathtool_codes_accepted_once(void **state)
{
	struct test_db *f = *state;
	long long maria = id_of(f->store, "2001");
	char code[TOTP_DIGITS + 1], mine[TOTP_DIGITS + 1];

	oathtool(TOTP_DEMO_SECRET, 0, code);
	assert_int_equal(totp_code_at(TOTP_DEMO_SECRET, 1893484800LL, mine), 0);
	assert_string_equal(code, mine);
	assert_int_equal(check(f->store, maria, other_than(code)), 0);
	assert_int_equal(check(f->store, maria, code), 1);
	/* The same code again: refused, also a moment later in the same step. */
	assert_int_equal(check(f->store, maria, code), 0);
	setenv("VAKSAM_NOW", "2030-01-01T08:00:20", 1);
	assert_int_equal(check(f->store, maria, code), 0);
	/* The next step's code works once. */
	setenv("VAKSAM_NOW", "2030-01-01T08:00:30", 1);
	oathtool(TOTP_DEMO_SECRET, 30, code);
	assert_int_equal(check(f->store, maria, code), 1);
	assert_int_equal(check(f->store, maria, code), 0);
}

static void test_one_step_of_drift(void **state)
{
	struct test_db *f = *state;
	long long maria = id_of(f->store, "2001"), per = id_of(f->store, "9001");
	char behind[TOTP_DIGITS + 1], ahead[TOTP_DIGITS + 1], far[TOTP_DIGITS + 1],
		far_ahead[TOTP_DIGITS + 1];

	setenv("VAKSAM_NOW", "2030-01-01T08:01:00", 1);
	/* A phone 30 s behind or ahead is fine. */
	oathtool(TOTP_DEMO_SECRET, 60 - 30, behind);
	oathtool(TOTP_DEMO_SECRET, 60 + 30, ahead);
	/* Two steps off is not. */
	oathtool(TOTP_DEMO_SECRET, 60 - 60, far);
	oathtool(TOTP_DEMO_SECRET, 60 + 60, far_ahead);
	assert_int_equal(check(f->store, per, far), 0);
	assert_int_equal(check(f->store, per, far_ahead), 0);
	assert_int_equal(check(f->store, per, behind), 1);
	assert_int_equal(check(f->store, maria, ahead), 1);
	/* After the step ahead was used, an older step's code is refused. */
	assert_int_equal(check(f->store, maria, behind), 0);
}

static void test_malformed_codes(void **state)
{
	struct test_db *f = *state;
	long long maria = id_of(f->store, "2001");
	char code[TOTP_DIGITS + 1], spaced[16];

	oathtool(TOTP_DEMO_SECRET, 0, code);
	assert_int_equal(check(f->store, maria, ""), 0);
	assert_int_equal(check(f->store, maria, "12345"), 0);
	assert_int_equal(check(f->store, maria, "1234567"), 0);
	assert_int_equal(check(f->store, maria, "12a456"), 0);
	/* Not enrolled: staff. */
	assert_int_equal(check(f->store, id_of(f->store, "1001"), code), 0);
	/* A code typed with a space in the middle still works. */
	snprintf(spaced, sizeof(spaced), "%.3s %s", code, code + 3);
	assert_int_equal(check(f->store, maria, spaced), 1);
}

/* Whether the file at path holds the bytes needle. */
static bool file_has(const char *path, const void *needle, size_t m)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;
	bool found = false;

	if (fp == NULL)
		return false;
	buf = xmalloc(1 << 22);
	n = fread(buf, 1, 1 << 22, fp);
	fclose(fp);
	for (size_t i = 0; i + m <= n && !found; i++)
		found = memcmp(buf + i, needle, m) == 0;
	free(buf);
	return found;
}

static void test_secret_sealed(void **state)
{
	struct test_db *f = *state;
	long long maria = id_of(f->store, "2001"), henrik = id_of(f->store, "2002");
	char code[TOTP_DIGITS + 1];
	char *cause = NULL, *wal = xasprintf("%s-wal", f->db);
	static const unsigned char raw[] = { 'H', 'e', 'l', 'l', 'o', '!', 0xde, 0xad, 0xbe, 0xef };

	assert_int_equal(store_exec(f->store, "PRAGMA wal_checkpoint(TRUNCATE)", &cause), 0);
	assert_false(file_has(f->db, TOTP_DEMO_SECRET, strlen(TOTP_DEMO_SECRET)));
	assert_false(file_has(f->db, raw, sizeof(raw)));
	assert_false(file_has(wal, raw, sizeof(raw)));
	/* Henrik gets Maria's sealed secret copied over his: it does not open. */
	assert_int_equal(store_exec(f->store,
				    "UPDATE totp SET secret_box = (SELECT secret_box FROM totp t"
				    " JOIN person p ON p.id = t.person_id WHERE p.employee_no = '2001')"
				    " WHERE person_id = (SELECT id FROM person WHERE employee_no = '2002')",
				    &cause),
			 0);
	oathtool(TOTP_DEMO_SECRET, 0, code);
	assert_int_equal(check(f->store, henrik, code), 0);
	assert_int_equal(check(f->store, maria, code), 1);
	free(wal);
}

static void test_enrol_makes_new_secret(void **state)
{
	struct test_db *f = *state;
	long long maria = id_of(f->store, "2001");
	char demo_code[TOTP_DIGITS + 1], code[TOTP_DIGITS + 1];
	char *secret = NULL, *secret2 = NULL, *cause = NULL, *uri;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(totp_enrol(f->store, maria, &secret, &cause), 0);
	assert_int_equal(totp_enrol(f->store, id_of(f->store, "2002"), &secret2, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(strlen(secret), 32); /* 160 bits in base32 */
	assert_string_not_equal(secret, TOTP_DEMO_SECRET);
	assert_string_not_equal(secret, secret2);
	oathtool(TOTP_DEMO_SECRET, 0, demo_code);
	oathtool(secret, 0, code);
	if (strcmp(demo_code, code) != 0)
		assert_int_equal(check(f->store, maria, demo_code), 0);
	assert_int_equal(check(f->store, maria, code), 1);
	uri = totp_uri("vaksam", "2001 Åsa", secret);
	assert_non_null(strstr(uri, "otpauth://totp/vaksam:2001%20%C3%85sa?secret="));
	assert_non_null(strstr(uri, "&issuer=vaksam&algorithm=SHA1&digits=6&period=30"));
	totp_secret_free(&uri);
	totp_secret_free(&secret);
	totp_secret_free(&secret2);
	assert_null(secret);
}

static void test_coordinator_login_needs_code(void **state)
{
	struct test_db *f = *state;
	struct login_ticket t;
	long long id = -1;
	char *cause = NULL;
	char code[TOTP_DIGITS + 1];

	oathtool(TOTP_DEMO_SECRET, 0, code);
	assert_int_equal(login_identify(f->store, "2001", &t, &cause), LOGIN_OK);
	/* No pending PIN step: a code alone logs nobody in. */
	assert_int_equal(login_check_totp(f->store, &t, code, &id, &cause), LOGIN_REFUSED);
	assert_int_equal(login_check_pin(f->store, &t, "1357", &id, &cause), LOGIN_NEEDS_TOTP);
	assert_int_equal(id, 0);
	assert_int_equal(login_check_totp(f->store, &t, other_than(code), &id, &cause),
			 LOGIN_REFUSED);
	assert_int_equal(login_check_totp(f->store, &t, code, &id, &cause), LOGIN_OK);
	assert_int_equal(id, id_of(f->store, "2001"));
	/* The same code at the next login: refused. */
	assert_int_equal(login_identify(f->store, "2001", &t, &cause), LOGIN_OK);
	assert_int_equal(login_check_pin(f->store, &t, "1357", &id, &cause), LOGIN_NEEDS_TOTP);
	assert_int_equal(login_check_totp(f->store, &t, code, &id, &cause), LOGIN_REFUSED);
	/* The pending step ends after LOGIN_TOTP_SECONDS. */
	setenv("VAKSAM_NOW", "2030-01-01T08:05:00", 1);
	oathtool(TOTP_DEMO_SECRET, 300, code);
	assert_int_equal(login_check_totp(f->store, &t, code, &id, &cause), LOGIN_REFUSED);
	/* Staff need no code. */
	assert_int_equal(login_identify(f->store, "1001", &t, &cause), LOGIN_OK);
	assert_int_equal(login_check_pin(f->store, &t, "2468", &id, &cause), LOGIN_OK);
	assert_int_equal(id, id_of(f->store, "1001"));
}

static void test_wrong_codes_lock(void **state)
{
	struct test_db *f = *state;
	struct login_ticket t;
	long long id = -1;
	char *cause = NULL;
	char code[TOTP_DIGITS + 1];

	oathtool(TOTP_DEMO_SECRET, 0, code);
	assert_int_equal(login_identify(f->store, "2001", &t, &cause), LOGIN_OK);
	/* Knowing the PIN does not give unlimited guesses at the code. */
	for (int round = 0; round < 2; round++) {
		assert_int_equal(login_check_pin(f->store, &t, "1357", &id, &cause),
				 LOGIN_NEEDS_TOTP);
		for (int i = 0; i < 2; i++)
			assert_int_equal(login_check_totp(f->store, &t, other_than(code), &id,
							  &cause),
					 LOGIN_REFUSED);
	}
	assert_int_equal(login_check_pin(f->store, &t, "1357", &id, &cause), LOGIN_NEEDS_TOTP);
	assert_int_equal(login_check_totp(f->store, &t, other_than(code), &id, &cause),
			 LOGIN_REFUSED);
	assert_int_equal(login_check_totp(f->store, &t, code, &id, &cause), LOGIN_LOCKED);
	assert_int_equal(login_check_pin(f->store, &t, "1357", &id, &cause), LOGIN_LOCKED);
	assert_int_equal(id, 0);
}

static void test_coordinator_without_secret(void **state)
{
	struct test_db *f = *state;
	struct login_ticket t;
	long long id = -1;
	char *cause = NULL;

	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(totp_remove(f->store, id_of(f->store, "2001"), &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);
	assert_int_equal(login_identify(f->store, "2001", &t, &cause), LOGIN_OK);
	assert_int_equal(login_check_pin(f->store, &t, "1357", &id, &cause), LOGIN_NO_TOTP);
	assert_int_equal(id, 0);
	/* A wrong PIN still says only "refused". */
	assert_int_equal(login_check_pin(f->store, &t, "1358", &id, &cause), LOGIN_REFUSED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_oathtool_codes_accepted_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_step_of_drift, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_sealed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enrol_makes_new_secret, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coordinator_login_needs_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_codes_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coordinator_without_secret, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
