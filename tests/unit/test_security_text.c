/*
 * Hostile text and output files: the sanitiser makes names with ESC, CR,
 * BS, C1 controls, DEL, bidi overrides and invalid UTF-8 harmless and keeps
 * Swedish text as it is; the CSV neutraliser quotes formulas; output files
 * refuse symbolic links, hard links and missing folders, and get mode 0600
 * (or 0660 and a group) whatever existed before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/outfile.h"
#include "core/sanitize.h"
#include "core/store.h"
#include "core/xmalloc.h"

#include "fixture.h"

static void same(const char *in, int flags, const char *want)
{
	char *out = sanitize_text(in, flags);

	assert_string_equal(out, want);
	free(out);
}

static void test_controls_replaced(void **state)
{
	(void)state;
	/* ESC starts a sequence, CR and BS overwrite, U+202E reverses. */
	same("Anna\x1b[2J\x1b]0;owned\x07Lind", 0, "Anna?[2J?]0;owned?Lind");
	same("Eva\rMallory", 0, "Eva?Mallory");
	same("Bo\b\b\bXY", 0, "Bo???XY");
	same("Ali \xe2\x80\xae" "dnuL", 0, "Ali ?dnuL");
	same("a\xe2\x80\xaa" "b\xe2\x80\xac" "c\xe2\x81\xa6" "d\xe2\x81\xa9" "e", 0, "a?b?c?d?e");
	same("x\xe2\x80\x8fy\xd8\x9cz", 0, "x?y?z"); /* RLM, ALM */
	same("l1\xe2\x80\xa8l2", 0, "l1?l2");        /* line separator */
	same("del\x7f", 0, "del?");
	/* C1 as UTF-8 (U+009B CSI) and as a bare byte. */
	same("c1\xc2\x9b" "31m", 0, "c1?31m");
	same("bare\x9b" "31m", 0, "bare?31m");
	/* Invalid UTF-8: overlong, surrogate, truncated, beyond U+10FFFF. */
	same("\xc0\xaf", 0, "??");
	same("\xed\xa0\x80", 0, "???");
	same("ok\xe2\x82", 0, "ok??");
	same("\xf4\x90\x80\x80", 0, "????");
	/* Drop instead of replace. */
	same("Eva\rMallory\xe2\x80\xae", SANITIZE_DROP, "EvaMallory");
}

static void test_text_kept(void **state)
{
	(void)state;
	same("Åsa Öberg-Ängström, é ü – ”citat” € 日本", 0,
	     "Åsa Öberg-Ängström, é ü – ”citat” € 日本");
	same("rad 1\nrad 2\tflik", 0, "rad 1?rad 2?flik");
	same("rad 1\nrad 2\tflik", SANITIZE_KEEP_NEWLINE | SANITIZE_KEEP_TAB,
	     "rad 1\nrad 2\tflik");
	same("", 0, "");
	same(NULL, 0, "");
	{
		char *out = sanitize_textn("a\0b", 3, 0);

		assert_string_equal(out, "a?b");
		free(out);
	}
}

static void test_is_clean(void **state)
{
	size_t off = 0;
	uint32_t cp = 0;

	(void)state;
	assert_true(sanitize_is_clean("Åsa Öberg", 0, &off, &cp));
	assert_false(sanitize_is_clean("Åsa\x1b[31m", 0, &off, &cp));
	assert_int_equal(off, 4);
	assert_int_equal(cp, 0x1b);
	assert_false(sanitize_is_clean("ab\xe2\x80\xae", 0, &off, &cp));
	assert_int_equal(off, 2);
	assert_int_equal(cp, 0x202e);
	assert_false(sanitize_is_clean("x\n", 0, NULL, NULL));
	assert_true(sanitize_is_clean("x\n", SANITIZE_KEEP_NEWLINE, NULL, NULL));
	assert_true(sanitize_is_dangerous_cp(0x2066));
	assert_false(sanitize_is_dangerous_cp(0xe5));
}

static void csv(const char *in, const char *want)
{
	char *out = sanitize_csv_cell(in);

	assert_string_equal(out, want);
	free(out);
}

static void test_csv_formulas(void **state)
{
	(void)state;
	csv("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")");
	csv("+46 70", "'+46 70");
	csv("-2+3", "'-2+3");
	csv("@SUM(A1)", "'@SUM(A1)");
	csv("\t=1", "'\t=1");
	csv("\r=1", "'\r=1");
	csv("Anna Lindqvist", "Anna Lindqvist");
	csv("a=b", "a=b");
	csv("", "");
	assert_true(sanitize_csv_needs_quote("=1"));
	assert_false(sanitize_csv_needs_quote("1"));
}

struct dir {
	char path[64];
};

static int dir_setup(void **state)
{
	struct dir *d = xcalloc(1, sizeof(*d));

	test_dir_make(d->path, sizeof(d->path), "outfile");
	*state = d;
	return 0;
}

static int dir_teardown(void **state)
{
	struct dir *d = *state;

	test_dir_remove(d->path);
	free(d);
	return 0;
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

static void write_text(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(chmod(path, mode), 0);
}

static char *read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	char buf[256];
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return xstrdup(buf);
}

static void test_outfile_refuses_links(void **state)
{
	struct dir *d = *state;
	char *target = xasprintf("%s/target", d->path), *sym = xasprintf("%s/out.pdf", d->path);
	char *hard = xasprintf("%s/hard.pdf", d->path), *text, *cause = NULL;
	FILE *fp;

	write_text(target, "precious", 0644);
	assert_int_equal(symlink(target, sym), 0);
	assert_int_equal(outfile_check(sym, &cause), -1);
	assert_non_null(strstr(cause, "symbolic link"));
	free(cause);
	cause = NULL;
	assert_int_equal(outfile_open(sym, NULL, 0, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(outfile_write(sym, NULL, "x", 1, &cause), -1);
	free(cause);
	cause = NULL;
	text = read_text(target);
	assert_string_equal(text, "precious");
	free(text);
	/* A hard link to someone else's file is refused too. */
	assert_int_equal(link(target, hard), 0);
	fp = outfile_fopen(hard, NULL, 0, &cause);
	assert_null(fp);
	assert_non_null(strstr(cause, "hard links"));
	free(cause);
	free(target);
	free(sym);
	free(hard);
}

static void test_outfile_modes(void **state)
{
	struct dir *d = *state;
	char *path = xasprintf("%s/report.csv", d->path), *missing = xasprintf("%s/no/x.csv", d->path);
	struct outfile_policy group;
	char *cause = NULL, *text;
	FILE *fp;
	int fd;

	/* New: 0600 whatever the umask. */
	umask(0);
	fp = outfile_fopen(path, NULL, 0, &cause);
	assert_non_null(fp);
	fputs("new", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(mode_of(path), 0600);
	/* Existing and world-readable: truncated, and 0600 again. */
	write_text(path, "old old old old", 0644);
	fp = outfile_fopen(path, NULL, 0, &cause);
	assert_non_null(fp);
	fputs("new", fp);
	assert_int_equal(fclose(fp), 0);
	text = read_text(path);
	assert_string_equal(text, "new");
	free(text);
	assert_int_equal(mode_of(path), 0600);
	/* Exclusive: an existing file is left alone. */
	assert_int_equal(outfile_open(path, NULL, OUTFILE_EXCLUSIVE, &cause), -1);
	free(cause);
	cause = NULL;
	/* A missing folder is not created. */
	assert_int_equal(outfile_open(missing, NULL, 0, &cause), -1);
	free(cause);
	cause = NULL;
	/* With a group: 0660 and that group (gid 0 exists everywhere). */
	assert_int_equal(outfile_policy_for_group("0", &group, &cause), 0);
	assert_int_equal(group.mode, 0660);
	fd = outfile_open(path, &group, 0, &cause);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(mode_of(path), 0660);
	assert_int_equal(outfile_policy_for_group("no-such-group-here", &group, &cause), -1);
	free(cause);
	cause = NULL;
	/* Whole-file writes: atomic, with the mode. */
	assert_int_equal(outfile_write(path, NULL, "whole", 5, &cause), 0);
	text = read_text(path);
	assert_string_equal(text, "whole");
	free(text);
	assert_int_equal(mode_of(path), 0600);
	umask(022);
	free(path);
	free(missing);
}

static void test_outfile_secure_store(void **state)
{
	struct dir *d = *state;
	char *db = xasprintf("%s/v.db", d->path), *key = xasprintf("%s/v.db.key", d->path);
	struct outfile_policy group;
	struct store *store = NULL;
	char *cause = NULL;

	umask(0);
	assert_int_equal(store_open(db, STORE_CREATE_NEW, &store, &cause), 0);
	assert_int_equal(mode_of(db), 0600);
	assert_int_equal(mode_of(key), 0600);
	assert_int_equal(outfile_policy_for_group("0", &group, &cause), 0);
	assert_int_equal(outfile_secure_store(store, &group, &cause), 0);
	assert_int_equal(mode_of(db), 0660);
	assert_int_equal(mode_of(key), 0640);
	assert_int_equal(outfile_secure_store(store, NULL, &cause), 0);
	assert_int_equal(mode_of(db), 0600);
	assert_int_equal(mode_of(key), 0600);
	store_close(&store);
	umask(022);
	free(db);
	free(key);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_replaced),
		cmocka_unit_test(test_text_kept),
		cmocka_unit_test(test_is_clean),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test_setup_teardown(test_outfile_refuses_links, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_outfile_modes, dir_setup, dir_teardown),
		cmocka_unit_test_setup_teardown(test_outfile_secure_store, dir_setup, dir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
