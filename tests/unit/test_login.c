/*
 * Logging in: badge codes (base32, scan-code form), identification by number
 * and badge, PIN checks, activation codes (single use, 30 days), PIN rules,
 * revocation, reset, and `vaksam staff badge` / `reset-pin` called directly.
 * Each test gets a fresh demo database (1001 has PIN 2468; 1002 has no PIN).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/staff_credential.h"
#include "core/badge.h"
#include "core/credential.h"
#include "core/demo.h"
#include "core/login.h"
#include "core/person.h"
#include "core/scancode.h"
#include "core/store_internal.h"
#include "core/xmalloc.h"

struct fixture {
	char dir[64];
	char *db;
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *cause = NULL;

	unsetenv("VAKSAM_NOW");
	snprintf(f->dir, sizeof(f->dir), "/tmp/vaksam-login.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/t.db", f->dir);
	if (store_open(f->db, STORE_CREATE_NEW, &f->store, &cause) < 0 ||
	    demo_populate(f->store, &cause) < 0)
		fail_msg("%s", cause);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	unsetenv("VAKSAM_NOW");
	store_close(&f->store);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

static long long person_id_of(struct store *store, const char *employee_no)
{
	struct person p;
	char *cause = NULL;
	long long id;

	assert_int_equal(person_find(store, employee_no, &p, &cause), 1);
	id = p.id;
	person_release(&p);
	return id;
}

/* Issues a badge in its own transaction; fills *issued. */
static void issue_badge(struct store *store, const char *employee_no, struct login_issued *issued)
{
	char *cause = NULL;

	assert_int_equal(store_begin(store, &cause), 0);
	if (login_issue_badge(store, person_id_of(store, employee_no), issued, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(store_commit(store, &cause), 0);
}

static void reset_pin(struct store *store, const char *employee_no, struct login_issued *issued)
{
	char *cause = NULL;

	assert_int_equal(store_begin(store, &cause), 0);
	if (login_reset_pin(store, person_id_of(store, employee_no), issued, &cause) < 0)
		fail_msg("%s", cause);
	assert_int_equal(store_commit(store, &cause), 0);
}

static enum login_result identify(struct store *store, const char *typed,
				  struct login_ticket *ticket)
{
	char *cause = NULL;
	enum login_result r = login_identify(store, typed, ticket, &cause);

	if (r == LOGIN_ERROR)
		fail_msg("%s", cause);
	return r;
}

static enum login_result check_pin(struct store *store, const struct login_ticket *t,
				   const char *pin, long long *id)
{
	char *cause = NULL;
	enum login_result r = login_check_pin(store, t, pin, id, &cause);

	if (r == LOGIN_ERROR)
		fail_msg("%s", cause);
	return r;
}

static enum login_result check_activation(struct store *store, const struct login_ticket *t,
					  const char *code)
{
	char *cause = NULL;
	enum login_result r = login_check_activation(store, t, code, &cause);

	if (r == LOGIN_ERROR)
		fail_msg("%s", cause);
	return r;
}

static enum login_result set_pin(struct store *store, const struct login_ticket *t,
				 const char *code, const char *pin, long long *id)
{
	const char *why = NULL;
	char *cause = NULL;
	enum login_result r = login_set_pin(store, t, code, pin, id, &why, &cause);

	if (r == LOGIN_ERROR)
		fail_msg("%s", cause);
	assert_true((r == LOGIN_WEAK_PIN) == (why != NULL));
	return r;
}

/* A newly allocated copy in lower case with a space after every third
 * character, as a person might type it. */
static char *mangle(const char *code)
{
	char *out = xmalloc(strlen(code) * 2 + 1);
	size_t n = 0;

	for (size_t i = 0; code[i]; i++) {
		out[n++] = (char)tolower((unsigned char)code[i]);
		if (i % 3 == 2)
			out[n++] = ' ';
	}
	out[n] = '\0';
	return out;
}

/* RFC 4648 section 10 test vectors. */
static void test_base32_rfc4648(void **state)
{
	static const char *const vectors[][2] = {
		{ "", "" },          { "f", "MY" },           { "fo", "MZXQ" },
		{ "foo", "MZXW6" },  { "foob", "MZXW6YQ" },   { "fooba", "MZXW6YTB" },
		{ "foobar", "MZXW6YTBOI" },
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		size_t n = badge_base32_encode((const unsigned char *)vectors[i][0],
					       strlen(vectors[i][0]), out, sizeof(out));

		assert_int_equal(n, strlen(vectors[i][1]));
		assert_string_equal(out, vectors[i][1]);
	}
	/* Sixteen 0xff bytes: 25 "7"s, then 111 and two zero bits: "4". */
	{
		unsigned char ff[16];

		memset(ff, 0xff, sizeof(ff));
		assert_int_equal(badge_base32_encode(ff, sizeof(ff), out, sizeof(out)), 26);
		assert_string_equal(out, "77777777777777777777777774");
	}
	/* Too small a buffer: nothing written. */
	assert_int_equal(badge_base32_encode((const unsigned char *)"foobar", 6, out, 10), 0);
}

static void test_badge_code_format(void **state)
{
	char *a = badge_code_new(), *b = badge_code_new();
	struct scancode sc;
	char canon[BADGE_CODE_LEN + 1];

	(void)state;
	assert_int_equal(strlen(a), BADGE_CODE_LEN);
	assert_memory_equal(a, "VKB", 3);
	for (size_t i = 3; i < 3 + BADGE_PAYLOAD_LEN; i++)
		assert_true((a[i] >= 'A' && a[i] <= 'Z') || (a[i] >= '2' && a[i] <= '7'));
	/* 128 bits in 26 characters: the last payload character ends in two zero bits. */
	{
		char last = a[2 + BADGE_PAYLOAD_LEN];
		int v = last >= 'A' ? last - 'A' : last - '2' + 26;

		assert_int_equal(v & 3, 0);
	}
	assert_int_equal(scancode_parse(a, &sc), SCANCODE_OK);
	assert_int_equal(sc.kind, 'B');
	assert_string_not_equal(a, b);
	assert_int_equal(badge_code_read(a, canon), BADGE_WELL_FORMED);
	assert_string_equal(canon, a);
	free(a);
	free(b);
}

static void test_badge_code_read(void **state)
{
	char *code = badge_code_new();
	char *label = badge_code_label(code);
	char *typed = mangle(code);
	char *course = scancode_course("phishing");
	char *short_badge = scancode_make('B', "ABC234");
	char *not_base32 = scancode_make('B', "ABCDEFGHIJKLMNOPQRSTUVWXY0");
	char canon[BADGE_CODE_LEN + 1];

	(void)state;
	/* The label groups by four and reads back, in any case, with a scanner's CR/LF. */
	assert_int_equal(strlen(label), BADGE_CODE_LEN + (BADGE_CODE_LEN - 1) / 4);
	assert_int_equal(label[4], ' ');
	assert_int_equal(badge_code_read(label, canon), BADGE_WELL_FORMED);
	assert_string_equal(canon, code);
	assert_int_equal(badge_code_read(typed, canon), BADGE_WELL_FORMED);
	assert_string_equal(canon, code);
	{
		char *scanned = xasprintf("%s\r\n", code);

		assert_int_equal(badge_code_read(scanned, canon), BADGE_WELL_FORMED);
		free(scanned);
	}
	/* One character changed, or two neighbours swapped: mistyped. */
	for (size_t i = 3; i < BADGE_CODE_LEN; i++) {
		char *bad = xstrdup(code);

		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		assert_int_equal(badge_code_read(bad, canon), BADGE_MISTYPED);
		assert_string_equal(canon, "");
		free(bad);
	}
	assert_int_equal(badge_code_read("1001", canon), BADGE_NOT_A_CODE);
	assert_int_equal(badge_code_read("  0042 ", canon), BADGE_NOT_A_CODE);
	assert_int_equal(badge_code_read("", canon), BADGE_NOT_A_CODE);
	assert_int_equal(badge_code_read(course, canon), BADGE_FOREIGN);
	assert_int_equal(badge_code_read(short_badge, canon), BADGE_FOREIGN);
	assert_int_equal(badge_code_read(not_base32, canon), BADGE_FOREIGN);
	free(code);
	free(label);
	free(typed);
	free(course);
	free(short_badge);
	free(not_base32);
}

static void test_badge_identifies(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t;
	long long id = -1, anna = person_id_of(f->store, "1001");
	char *typed, *label;

	issue_badge(f->store, "1001", &issued);
	assert_non_null(issued.badge);
	assert_null(issued.activation); /* 1001 has a PIN */
	assert_null(issued.activation_expires);

	assert_int_equal(identify(f->store, issued.badge, &t), LOGIN_OK);
	assert_int_equal(t.person_id, anna);
	assert_int_equal(t.via, LOGIN_VIA_BADGE);
	assert_true(t.has_pin);
	typed = mangle(issued.badge);
	assert_int_equal(identify(f->store, typed, &t), LOGIN_OK);
	assert_int_equal(t.person_id, anna);
	label = badge_code_label(issued.badge);
	assert_int_equal(identify(f->store, label, &t), LOGIN_OK);
	assert_int_equal(t.person_id, anna);

	assert_int_equal(check_pin(f->store, &t, "1357", &id), LOGIN_REFUSED);
	assert_int_equal(id, 0);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_OK);
	assert_int_equal(id, anna);

	/* The same badge with one character wrong: mistyped, not refused. */
	typed[5] = typed[5] == 'a' ? 'b' : 'a';
	assert_int_equal(identify(f->store, typed, &t), LOGIN_BAD_CODE);
	assert_int_equal(t.person_id, 0);
	free(typed);
	free(label);
	login_issued_release(&issued);
}

static void test_unknown_badge_refused(void **state)
{
	struct fixture *f = *state;
	char *unknown = badge_code_new();
	char *course = scancode_course("phishing");
	struct login_ticket t;

	assert_int_equal(identify(f->store, unknown, &t), LOGIN_REFUSED);
	assert_int_equal(t.person_id, 0);
	assert_int_equal(identify(f->store, course, &t), LOGIN_REFUSED);
	assert_int_equal(identify(f->store, "   ", &t), LOGIN_REFUSED);
	free(unknown);
	free(course);
}

static void test_new_badge_revokes_old(void **state)
{
	struct fixture *f = *state;
	struct login_issued first = LOGIN_ISSUED_INIT, second = LOGIN_ISSUED_INIT;
	struct login_ticket t;

	issue_badge(f->store, "1001", &first);
	issue_badge(f->store, "1001", &second);
	assert_string_not_equal(first.badge, second.badge);
	assert_int_equal(identify(f->store, first.badge, &t), LOGIN_REFUSED);
	assert_int_equal(t.person_id, 0);
	assert_int_equal(identify(f->store, second.badge, &t), LOGIN_OK);
	assert_int_equal(t.person_id, person_id_of(f->store, "1001"));
	login_issued_release(&first);
	login_issued_release(&second);
}

static void test_number_login(void **state)
{
	struct fixture *f = *state;
	struct login_ticket t;
	long long id = -1;

	assert_int_equal(identify(f->store, " 1001\r\n", &t), LOGIN_OK);
	assert_int_equal(t.via, LOGIN_VIA_NUMBER);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_OK);
	assert_int_equal(id, person_id_of(f->store, "1001"));
	assert_int_equal(check_pin(f->store, &t, "2469", &id), LOGIN_REFUSED);
	assert_int_equal(id, 0);
	/* last_seen recorded on success. */
	{
		struct person p;
		char *cause = NULL;

		assert_int_equal(person_find(f->store, "1001", &p, &cause), 1);
		assert_non_null(p.last_seen);
		person_release(&p);
	}
}

/* An unknown number looks like a known one until the PIN step, which refuses
 * it after the same Argon2id work. */
static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_unknown_number_same_answer(void **state)
{
	struct fixture *f = *state;
	struct login_ticket known, unknown;
	double t_known = 1e9, t_unknown = 1e9;
	long long id = -1;

	assert_int_equal(identify(f->store, "1001", &known), LOGIN_OK);
	assert_int_equal(identify(f->store, "99999", &unknown), LOGIN_OK);
	assert_int_equal(unknown.person_id, 0);
	assert_true(unknown.has_pin);
	assert_int_equal(unknown.via, known.via);
	for (int i = 0; i < 3; i++) {
		double t0 = seconds(), t1;

		assert_int_equal(check_pin(f->store, &known, "1111", &id), LOGIN_REFUSED);
		t1 = seconds();
		if (t1 - t0 < t_known)
			t_known = t1 - t0;
		assert_int_equal(check_pin(f->store, &unknown, "2468", &id), LOGIN_REFUSED);
		assert_int_equal(id, 0);
		t0 = seconds();
		if (t0 - t1 < t_unknown)
			t_unknown = t0 - t1;
	}
	/* One Argon2id verification each (tens of ms): within a factor of two.
	 * This also catches a dummy hash whose cost no longer matches. */
	print_message("PIN check: known %.1f ms, unknown %.1f ms\n", t_known * 1e3,
		      t_unknown * 1e3);
	assert_true(t_unknown > t_known / 2 && t_unknown < t_known * 2);
	/* The PIN step's activation variant does the same. */
	assert_int_equal(check_activation(f->store, &unknown, "ABCDE FGHJK"), LOGIN_REFUSED);
}

static void test_inactive_refused(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t, before;
	long long id = -1, anna = person_id_of(f->store, "1001");
	char *cause = NULL;

	issue_badge(f->store, "1001", &issued);
	assert_int_equal(identify(f->store, "1001", &before), LOGIN_OK);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(person_set_active(f->store, anna, false, &cause), 0);
	assert_int_equal(store_commit(f->store, &cause), 0);

	/* By number: the same answer as an unknown number, then refused. */
	assert_int_equal(identify(f->store, "1001", &t), LOGIN_OK);
	assert_int_equal(t.person_id, 0);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_REFUSED);
	/* A ticket taken before the person was made inactive no longer works. */
	assert_int_equal(check_pin(f->store, &before, "2468", &id), LOGIN_REFUSED);
	/* By badge: refused like an unknown badge. */
	assert_int_equal(identify(f->store, issued.badge, &t), LOGIN_REFUSED);
	login_issued_release(&issued);
}

static void test_activation_flow(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t, by_badge;
	long long id = -1, mo = person_id_of(f->store, "1002");
	char *typed, *label;

	issue_badge(f->store, "1002", &issued);
	assert_non_null(issued.activation);
	assert_int_equal(strlen(issued.activation), LOGIN_ACTIVATION_LEN);
	for (const char *p = issued.activation; *p; p++)
		assert_non_null(strchr("23456789ABCDEFGHJKMNPQRSTUVWXYZ", *p));
	label = login_activation_label(issued.activation);
	assert_int_equal(strlen(label), LOGIN_ACTIVATION_LEN + 1);
	assert_int_equal(label[5], ' ');

	/* A badge alone is not enough: the person has no PIN. */
	assert_int_equal(identify(f->store, issued.badge, &by_badge), LOGIN_NEEDS_ACTIVATION);
	assert_int_equal(by_badge.person_id, mo);
	assert_false(by_badge.has_pin);
	assert_int_equal(check_pin(f->store, &by_badge, "", &id), LOGIN_REFUSED);
	assert_int_equal(identify(f->store, "1002", &t), LOGIN_NEEDS_ACTIVATION);

	assert_int_equal(check_activation(f->store, &t, "2345678923"), LOGIN_REFUSED);
	assert_int_equal(check_activation(f->store, &t, "short"), LOGIN_REFUSED);
	typed = mangle(label);
	assert_int_equal(check_activation(f->store, &t, typed), LOGIN_OK);
	assert_int_equal(check_activation(f->store, &by_badge, issued.activation), LOGIN_OK);

	/* Trivial PINs refused without using the code up. */
	assert_int_equal(set_pin(f->store, &t, typed, "1234", &id), LOGIN_WEAK_PIN);
	assert_int_equal(set_pin(f->store, &t, typed, "0000", &id), LOGIN_WEAK_PIN);
	assert_int_equal(set_pin(f->store, &t, typed, "7777", &id), LOGIN_WEAK_PIN);
	assert_int_equal(set_pin(f->store, &t, typed, "876543", &id), LOGIN_WEAK_PIN);
	assert_int_equal(set_pin(f->store, &t, typed, "12a4", &id), LOGIN_WEAK_PIN);
	assert_int_equal(set_pin(f->store, &t, typed, "123", &id), LOGIN_WEAK_PIN);
	assert_int_equal(set_pin(f->store, &t, typed, "123456789", &id), LOGIN_WEAK_PIN);
	assert_int_equal(id, 0);
	/* A wrong code cannot set a PIN. */
	assert_int_equal(set_pin(f->store, &t, "2345678923", "4711", &id), LOGIN_REFUSED);
	assert_int_equal(set_pin(f->store, &t, typed, "4711", &id), LOGIN_OK);
	assert_int_equal(id, mo);

	/* Single use: the code is gone, and the person now has a PIN. */
	assert_int_equal(check_activation(f->store, &t, typed), LOGIN_REFUSED);
	assert_int_equal(set_pin(f->store, &by_badge, typed, "5820", &id), LOGIN_REFUSED);
	assert_int_equal(identify(f->store, "1002", &t), LOGIN_OK);
	assert_int_equal(check_pin(f->store, &t, "4711", &id), LOGIN_OK);
	assert_int_equal(identify(f->store, issued.badge, &by_badge), LOGIN_OK);
	assert_int_equal(check_pin(f->store, &by_badge, "4711", &id), LOGIN_OK);
	assert_int_equal(id, mo);
	free(typed);
	free(label);
	login_issued_release(&issued);
}

static void test_activation_expires(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t;
	long long id = -1;

	setenv("VAKSAM_NOW", "2030-01-01T08:00:00", 1);
	issue_badge(f->store, "1002", &issued);
	assert_string_equal(issued.activation_expires, "2030-01-31T08:00:00Z");
	assert_int_equal(identify(f->store, "1002", &t), LOGIN_NEEDS_ACTIVATION);
	setenv("VAKSAM_NOW", "2030-01-31T07:59:59", 1);
	assert_int_equal(check_activation(f->store, &t, issued.activation), LOGIN_OK);
	setenv("VAKSAM_NOW", "2030-01-31T08:00:00", 1);
	assert_int_equal(check_activation(f->store, &t, issued.activation), LOGIN_REFUSED);
	assert_int_equal(set_pin(f->store, &t, issued.activation, "4711", &id), LOGIN_REFUSED);
	/* A new code (here with reset-pin) works again for 30 days. */
	login_issued_release(&issued);
	reset_pin(f->store, "1002", &issued);
	assert_null(issued.badge);
	assert_string_equal(issued.activation_expires, "2030-03-02T08:00:00Z");
	assert_int_equal(set_pin(f->store, &t, issued.activation, "4711", &id), LOGIN_OK);
	login_issued_release(&issued);
}

static void test_new_badge_replaces_activation(void **state)
{
	struct fixture *f = *state;
	struct login_issued first = LOGIN_ISSUED_INIT, second = LOGIN_ISSUED_INIT;
	struct login_ticket t;

	issue_badge(f->store, "1002", &first);
	issue_badge(f->store, "1002", &second);
	assert_int_equal(identify(f->store, second.badge, &t), LOGIN_NEEDS_ACTIVATION);
	assert_int_equal(check_activation(f->store, &t, first.activation), LOGIN_REFUSED);
	assert_int_equal(check_activation(f->store, &t, second.activation), LOGIN_OK);
	login_issued_release(&first);
	login_issued_release(&second);
}

static void test_reset_pin(void **state)
{
	struct fixture *f = *state;
	struct login_issued badge = LOGIN_ISSUED_INIT, reset = LOGIN_ISSUED_INIT;
	struct login_ticket t;
	long long id = -1;

	issue_badge(f->store, "1001", &badge);
	reset_pin(f->store, "1001", &reset);
	assert_null(reset.badge);
	assert_non_null(reset.activation);
	/* The old PIN no longer works by number or badge; the badge still identifies. */
	assert_int_equal(identify(f->store, "1001", &t), LOGIN_NEEDS_ACTIVATION);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_REFUSED);
	assert_int_equal(identify(f->store, badge.badge, &t), LOGIN_NEEDS_ACTIVATION);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_REFUSED);
	assert_int_equal(set_pin(f->store, &t, reset.activation, "5820", &id), LOGIN_OK);
	assert_int_equal(identify(f->store, "1001", &t), LOGIN_OK);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_REFUSED);
	assert_int_equal(check_pin(f->store, &t, "5820", &id), LOGIN_OK);
	login_issued_release(&badge);
	login_issued_release(&reset);
}

/* Whether needle occurs in the file at path. */
static bool file_contains(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	size_t m = strlen(needle), n = 0, cap = 1 << 16;
	char *buf = xmalloc(cap);
	bool found = false;
	size_t got;

	if (fp == NULL) {
		free(buf);
		return false;
	}
	while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			buf = xreallocarray(buf, cap *= 2, 1);
	}
	fclose(fp);
	for (size_t i = 0; i + m <= n && !found; i++)
		found = memcmp(buf + i, needle, m) == 0;
	free(buf);
	return found;
}

static void test_nothing_in_clear(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	char *wal = xasprintf("%s-wal", f->db);
	char *cause = NULL;
	char *badge, *activation, *payload;

	issue_badge(f->store, "1002", &issued);
	badge = xstrdup(issued.badge);
	activation = xstrdup(issued.activation);
	payload = xstrndup(badge + 3, BADGE_PAYLOAD_LEN);
	login_issued_release(&issued);
	/* Before and after a checkpoint: neither the database nor its WAL. */
	assert_false(file_contains(f->db, badge) || file_contains(wal, badge));
	assert_false(file_contains(f->db, payload) || file_contains(wal, payload));
	assert_false(file_contains(f->db, activation) || file_contains(wal, activation));
	store_close(&f->store);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause), 0);
	assert_int_equal(store_exec(f->store, "PRAGMA wal_checkpoint(TRUNCATE)", &cause), 0);
	assert_false(file_contains(f->db, badge) || file_contains(f->db, payload) ||
		     file_contains(f->db, activation));
	free(wal);
	free(badge);
	free(activation);
	free(payload);
}

static void test_no_key_no_login(void **state)
{
	struct fixture *f = *state;
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct login_ticket t;
	char *key = xasprintf("%s.key", f->db), *moved = xasprintf("%s.moved", f->db);
	char *cause = NULL;
	long long id = -1;

	issue_badge(f->store, "1001", &issued);
	store_close(&f->store);
	assert_int_equal(rename(key, moved), 0);
	assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause), 0);
	assert_int_equal(login_identify(f->store, issued.badge, &t, &cause), LOGIN_ERROR);
	assert_non_null(strstr(cause, "key"));
	free(cause);
	cause = NULL;
	t.person_id = 1;
	t.via = LOGIN_VIA_NUMBER;
	t.has_pin = true;
	assert_int_equal(login_check_pin(f->store, &t, "2468", &id, &cause), LOGIN_ERROR);
	free(cause);
	cause = NULL;
	login_issued_release(&issued);
	assert_int_equal(store_begin(f->store, &cause), 0);
	assert_int_equal(login_issue_badge(f->store, 1, &issued, &cause), -1);
	store_rollback(f->store);
	assert_null(issued.badge);
	free(cause);
	free(key);
	free(moved);
}

/* Runs a staff subcommand as main() would, with its stdout in a file; returns
 * the exit code and a newly allocated copy of what it printed in *out. */
static int run_cli(struct fixture *f, int (*fn)(struct cli *, int, char **), const char *cmd,
		   const char *employee_no, char **out)
{
	struct cli cli = { f->db, NULL };
	char *path = xasprintf("%s/stdout", f->dir);
	char *argv[] = { (char *)cmd, (char *)employee_no, NULL };
	int saved, fd, rc;
	FILE *fp;
	long len;

	store_close(&f->store); /* the command opens its own */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	rc = fn(&cli, employee_no ? 2 : 1, argv);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	*out = xcalloc(1, (size_t)len + 1);
	assert_int_equal(fread(*out, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	free(path);
	{
		char *cause = NULL;

		assert_int_equal(store_open(f->db, STORE_OPEN_EXISTING, &f->store, &cause), 0);
	}
	return rc;
}

/* A newly allocated copy of the text after "label" on its line, or NULL. */
static char *field(const char *text, const char *label)
{
	const char *p = strstr(text, label), *end;

	if (p == NULL)
		return NULL;
	p += strlen(label);
	while (*p == ' ')
		p++;
	end = strchr(p, '\n');
	return xstrndup(p, end ? (size_t)(end - p) : strlen(p));
}

static void test_cli_badge_and_reset(void **state)
{
	struct fixture *f = *state;
	struct login_ticket t;
	long long id = -1;
	char *out = NULL, *badge, *typed, *activation;

	/* staff badge 1001: a badge only (1001 has a PIN); the printed code,
	 * lower-cased and spaced differently, identifies 1001. */
	assert_int_equal(run_cli(f, staff_badge_main, "badge", "1001", &out), EXIT_OK);
	badge = field(out, "Badge code:");
	assert_non_null(badge);
	assert_null(strstr(out, "Activation code:"));
	typed = mangle(badge);
	assert_int_equal(identify(f->store, typed, &t), LOGIN_OK);
	assert_int_equal(t.person_id, person_id_of(f->store, "1001"));
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_OK);
	free(out);

	/* reset-pin 1001: the old PIN fails; the printed code sets a new one. */
	assert_int_equal(run_cli(f, staff_reset_pin_main, "reset-pin", "1001", &out), EXIT_OK);
	assert_null(strstr(out, "Badge code:"));
	activation = field(out, "Activation code:");
	assert_non_null(activation);
	assert_int_equal(identify(f->store, typed, &t), LOGIN_NEEDS_ACTIVATION);
	assert_int_equal(check_pin(f->store, &t, "2468", &id), LOGIN_REFUSED);
	assert_int_equal(set_pin(f->store, &t, activation, "5820", &id), LOGIN_OK);
	assert_int_equal(check_pin(f->store, &t, "5820", &id), LOGIN_OK);
	free(out);
	free(activation);

	/* staff badge for someone without a PIN prints an activation code too. */
	assert_int_equal(run_cli(f, staff_badge_main, "badge", "1002", &out), EXIT_OK);
	activation = field(out, "Activation code:");
	assert_non_null(activation);
	free(activation);
	free(out);

	/* The earlier badge of 1001 is not revoked by someone else's. */
	assert_int_equal(identify(f->store, typed, &t), LOGIN_OK);
	free(typed);
	free(badge);

	/* Unknown employee: refused; no employee: usage. */
	assert_int_equal(run_cli(f, staff_badge_main, "badge", "7777", &out), EXIT_REFUSED);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(run_cli(f, staff_reset_pin_main, "reset-pin", NULL, &out), EXIT_USAGE);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base32_rfc4648),
		cmocka_unit_test(test_badge_code_format),
		cmocka_unit_test(test_badge_code_read),
		cmocka_unit_test_setup_teardown(test_badge_identifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_badge_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_badge_revokes_old, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_number_same_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inactive_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_activation_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_activation_expires, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_badge_replaces_activation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_pin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_in_clear, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_key_no_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cli_badge_and_reset, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
