/*
 * Unit tests of core/roster.c: encoding, delimiter and header detection,
 * the forbidden characters, and parsing from memory (line numbers, quoting,
 * limits, rejected rows). The database side is covered by tests/e2e/roster.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/diag.h"
#include "core/roster.h"
#include "core/strbuf.h"

/* A string literal and its length in bytes. */
#define LIT(s) s, sizeof(s) - 1

/* A parsed roster and its diagnostics, released by the teardown. */
struct fixture {
	struct roster roster;
	struct diag_list diags;
	int rc;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	roster_release(&f->roster);
	diag_list_release(&f->diags);
	free(f);
	return 0;
}

static struct fixture *parse(void **state, const char *data, size_t len)
{
	struct fixture *f = *state;

	roster_release(&f->roster);
	diag_list_release(&f->diags);
	f->rc = roster_parse("t.csv", data, len, &f->roster, &f->diags);
	return f;
}

static struct fixture *parse_str(void **state, const char *data)
{
	return parse(state, data, strlen(data));
}

/* Asserts diagnostic i is an error at line:col whose message contains part. */
static void assert_diag(const struct fixture *f, size_t i, int line, int col, const char *part)
{
	assert_true(i < f->diags.n);
	assert_int_equal(f->diags.items[i].severity, DIAG_ERROR);
	assert_int_equal(f->diags.items[i].line, line);
	assert_int_equal(f->diags.items[i].col, col);
	if (strstr(f->diags.items[i].message, part) == NULL)
		fail_msg("message '%s' lacks '%s'", f->diags.items[i].message, part);
}

static void test_encoding(void **state)
{
	size_t bom = 99;

	(void)state;
	assert_int_equal(roster_detect_encoding(LIT("a;b\n"), &bom), ROSTER_UTF8);
	assert_int_equal(bom, 0);
	assert_int_equal(roster_detect_encoding(LIT(""), &bom), ROSTER_UTF8);
	assert_int_equal(roster_detect_encoding(LIT("\xc3\x85sa"), &bom), ROSTER_UTF8);
	assert_int_equal(roster_detect_encoding(LIT("\xef\xbb\xbfnamn"), &bom), ROSTER_UTF8_BOM);
	assert_int_equal(bom, 3);
	/* A BOM says UTF-8 even when the rest is broken: never guessed as 1252. */
	assert_int_equal(roster_detect_encoding(LIT("\xef\xbb\xbf\xe5"), &bom), ROSTER_UTF8_BOM);
	/* Windows-1252: å ä ö Å Ä Ö, € and a dash. */
	assert_int_equal(roster_detect_encoding(LIT("\xe5\xe4\xf6\xc5\xc4\xd6 \x80 \x96"), &bom),
			 ROSTER_CP1252);
	assert_int_equal(bom, 0);
	/* Valid UTF-8 next to a stray byte: a damaged UTF-8 file. */
	assert_int_equal(roster_detect_encoding(LIT("\xc3\xa5 \xe5"), &bom), ROSTER_INVALID);
	/* A byte Windows-1252 leaves undefined. */
	assert_int_equal(roster_detect_encoding(LIT("\xe5\x81"), &bom), ROSTER_INVALID);
	/* Overlong encodings, surrogates and truncated sequences are not UTF-8. */
	assert_int_equal(roster_detect_encoding(LIT("\xc0\xaf"), &bom), ROSTER_CP1252);
	assert_int_equal(roster_detect_encoding(LIT("\xed\xa0\x80"), &bom), ROSTER_CP1252);
	assert_int_equal(roster_detect_encoding(LIT("ok \xc3"), &bom), ROSTER_CP1252);
}

static void test_delimiter(void **state)
{
	(void)state;
	assert_int_equal(roster_detect_delimiter(LIT("a;b;c\n1,2;3")), ';');
	assert_int_equal(roster_detect_delimiter(LIT("a,b,c\n1;2;3")), ',');
	/* Quoted delimiters do not count. */
	assert_int_equal(roster_detect_delimiter(LIT("\"a;b;c\",d,e\n")), ',');
	assert_int_equal(roster_detect_delimiter(LIT("\"x,y,z\";d\n")), ';');
	/* Blank lines before the header are skipped; a tie or nothing gives ';'. */
	assert_int_equal(roster_detect_delimiter(LIT("\r\n\n  a,b\n")), ',');
	assert_int_equal(roster_detect_delimiter(LIT("a,b;c\n")), ';');
	assert_int_equal(roster_detect_delimiter(LIT("namn\n")), ';');
	/* Only the header line counts. */
	assert_int_equal(roster_detect_delimiter(LIT("a;b\r1,2,3,4")), ';');
}

static void test_header(void **state)
{
	static const struct {
		const char *header;
		enum roster_column col;
	} cases[] = {
		{ "Anställningsnummer", ROSTER_COL_EMPLOYEE },
		{ "ANSTÄLLNINGSNUMMER", ROSTER_COL_EMPLOYEE },
		{ "anstallningsnummer", ROSTER_COL_EMPLOYEE },
		{ "Anst.nr", ROSTER_COL_EMPLOYEE },
		{ "Anst nr", ROSTER_COL_EMPLOYEE },
		{ "Employee ID", ROSTER_COL_EMPLOYEE },
		{ "employee_id", ROSTER_COL_EMPLOYEE },
		{ "Employee-Number", ROSTER_COL_EMPLOYEE },
		{ "emp_no", ROSTER_COL_EMPLOYEE },
		{ "Personalnummer", ROSTER_COL_EMPLOYEE },
		{ "Personnummer", ROSTER_COL_NONE }, /* the national id: not wanted */
		{ "Namn", ROSTER_COL_NAME },
		{ " NAME ", ROSTER_COL_NAME },
		{ "Förnamn", ROSTER_COL_FIRST },
		{ "FÖRNAMN", ROSTER_COL_FIRST },
		{ "fornamn", ROSTER_COL_FIRST },
		{ "First name", ROSTER_COL_FIRST },
		{ "Efternamn", ROSTER_COL_LAST },
		{ "last_name", ROSTER_COL_LAST },
		{ "Surname", ROSTER_COL_LAST },
		{ "Enhet", ROSTER_COL_UNIT },
		{ "UNIT", ROSTER_COL_UNIT },
		{ "Roll", ROSTER_COL_ROLE },
		{ "role", ROSTER_COL_ROLE },
		{ "E-post", ROSTER_COL_NONE },
		{ "", ROSTER_COL_NONE },
		{ "Enhét", ROSTER_COL_UNIT },
		{ "Enhetx", ROSTER_COL_NONE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (roster_header_column(cases[i].header) != cases[i].col)
			fail_msg("header '%s': got %d, want %d", cases[i].header,
				 roster_header_column(cases[i].header), cases[i].col);
	}
}

static void test_control(void **state)
{
	static const char *const bad[] = {
		"a\tb", "a\x1b[2Jb", "a\x7f", "a\xc2\x85", ("\xe2\x80\xae" "abc"), "x\xe2\x81\xa6y",
		"x\xe2\x80\x8f", "line\xe2\x80\xa8sep",
	};
	size_t off = 0;

	(void)state;
	assert_false(roster_has_control("Åsa Öberg-Ek é ü", strlen("Åsa Öberg-Ek é ü"), &off));
	assert_false(roster_has_control("", 0, &off));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (!roster_has_control(bad[i], strlen(bad[i]), &off))
			fail_msg("case %zu not caught", i);
	}
	assert_true(roster_has_control("ab\0c", 4, &off));
	assert_int_equal(off, 2);
	assert_true(roster_has_control("Åsa\xe2\x80\xae", strlen("Åsa\xe2\x80\xae"), &off));
	assert_int_equal(off, 4);
}

static void test_parse_basic(void **state)
{
	struct fixture *f = parse_str(state, "\xef\xbb\xbf"
					     "Anställningsnummer;Namn;Enhet;Roll;Övrigt\r\n"
					     "007;\"Ek; Anna \"\"Ankan\"\"\";Soc/Hemtjänst Norr ;samordnare;x\r\n"
					     "\r\n"
					     "008;Bo Berg;;;\r\n"
					     ";;;;\r\n"
					     "009;Cissi;  Soc / Syd ;ADMIN");

	assert_int_equal(f->rc, 0);
	assert_int_equal(f->diags.n, 0);
	assert_int_equal(f->roster.encoding, ROSTER_UTF8_BOM);
	assert_int_equal(f->roster.delim, ';');
	assert_int_equal(f->roster.cols[ROSTER_COL_EMPLOYEE], 1);
	assert_int_equal(f->roster.cols[ROSTER_COL_ROLE], 4);
	assert_int_equal(f->roster.n_rows, 3);
	assert_string_equal(f->roster.rows[0].employee_no, "007");
	assert_string_equal(f->roster.rows[0].name, "Ek; Anna \"Ankan\"");
	assert_string_equal(f->roster.rows[0].unit_path, "Soc/Hemtjänst Norr");
	assert_true(f->roster.rows[0].has_role);
	assert_int_equal(f->roster.rows[0].role, ROLE_COORDINATOR);
	assert_int_equal(f->roster.rows[1].line, 4);
	assert_null(f->roster.rows[1].unit_path);
	assert_false(f->roster.rows[1].has_role);
	assert_int_equal(f->roster.rows[2].line, 6);
	assert_string_equal(f->roster.rows[2].unit_path, "Soc/Syd");
	assert_int_equal(f->roster.rows[2].role, ROLE_ADMIN);
}

static void test_parse_lines(void **state)
{
	/* Quoted line breaks (LF, CRLF and a lone CR) count as physical lines. */
	struct fixture *f = parse_str(state, "anstnr,namn,enhet,kommentar\n"
					     "1,A,U,\"one\ntwo\r\nthree\rfour\"\n"
					     "\n"
					     "2,B,U,\"x\"\r\n"
					     "3,\"C\n"
					     "D\",U,\"\n"
					     "\"\n"
					     ",E,U,\n"
					     "5,\"F\",U,\"a,\n\n"
					     "b\",\x01\n");

	assert_int_equal(f->rc, 0);
	assert_int_equal(f->roster.delim, ',');
	assert_int_equal(f->roster.n_rows, 5);
	assert_int_equal(f->roster.rows[0].line, 2);
	assert_int_equal(f->roster.rows[1].line, 7);
	assert_int_equal(f->roster.rows[2].line, 8);
	assert_int_equal(f->roster.n_rejected, 3);
	assert_int_equal(f->diags.n, 3);
	/* The name "C\nD" holds a line break: rejected on the line it starts. */
	assert_diag(f, 0, 8, 2, "control");
	assert_diag(f, 1, 11, 1, "empty employee number");
	/* The extra field starts on line 14, after a field spanning three lines. */
	assert_diag(f, 2, 14, 5, "the row has 5 fields");
	assert_int_equal(f->roster.rows[4].line, 12);
}

static void test_parse_cp1252(void **state)
{
	struct fixture *f = parse_str(state, "Anst.nr;F\xf6rnamn;Efternamn;Enhet\r\n"
					     "1;\xc5sa;\xd6" "berg \x96 \xc4ng;Milj\xf6\r\n");

	assert_int_equal(f->rc, 0);
	assert_int_equal(f->roster.encoding, ROSTER_CP1252);
	assert_int_equal(f->roster.n_rows, 1);
	assert_string_equal(f->roster.rows[0].name, "Åsa Öberg – Äng");
	assert_string_equal(f->roster.rows[0].unit_path, "Miljö");
}

static void test_parse_invalid_utf8(void **state)
{
	struct fixture *f = parse_str(state, "anstnr;namn;enhet\n"
					     "1;\xc3\xa5sa;U\n"
					     "2;B;U\xff\n");

	assert_int_equal(f->roster.encoding, ROSTER_INVALID);
	assert_int_equal(f->rc, 0);
	assert_int_equal(f->roster.n_rejected, 1);
	assert_diag(f, 0, 3, 3, "invalid UTF-8 (byte 0xFF)");

	/* In the header the whole file is refused. */
	f = parse_str(state, "\xef\xbb\xbf"
			     "anstnr;n\xe5mn;enhet\n1;A;U\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 1, 2, "byte order mark");
}

static void test_parse_field_length(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct fixture *f;

	strbuf_addstr(&sb, "anstnr;namn;enhet\n1;");
	for (int i = 0; i < ROSTER_FIELD_MAX; i++)
		strbuf_addstr(&sb, "ö"); /* 1000 characters, 2000 bytes: fine */
	strbuf_addstr(&sb, ";U\n2;");
	for (int i = 0; i <= ROSTER_FIELD_MAX; i++)
		strbuf_addch(&sb, 'x');
	strbuf_addstr(&sb, ";U\n");
	f = parse(state, sb.buf, sb.len);
	assert_int_equal(f->rc, 0);
	assert_int_equal(f->roster.n_rows, 2);
	assert_false(f->roster.rows[0].rejected);
	assert_true(f->roster.rows[1].rejected);
	assert_int_equal(f->diags.n, 1);
	assert_diag(f, 0, 3, 2, "longer than 1000 characters");
	strbuf_release(&sb);
}

static void test_parse_refused(void **state)
{
	struct fixture *f;

	f = parse_str(state, "");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 1, 1, "empty");
	f = parse_str(state, "\xef\xbb\xbf \r\n\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 1, 1, "empty");
	f = parse_str(state, "\n\nanstnr;namn;enhet\n\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 4, 1, "no people");
	f = parse_str(state, "anstnr;namn\n1;A\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 1, 1, "no unit column");
	f = parse_str(state, "anstnr;förnamn;enhet\n1;A;U\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 1, 1, "no last name column");
	f = parse_str(state, "anstnr;namn;enhet;Name\n1;A;U;B\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 1, 4, "a second name column");
	f = parse_str(state, "anstnr;namn;enhet\n1;A;U\n2;\"B\"x;U\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 3, 2, "quote");
	f = parse_str(state, "anstnr;namn;enhet\n1;A;U\n2;B;\"U\n3;C;U\n");
	assert_int_equal(f->rc, -1);
	assert_diag(f, 0, 3, 3, "never closed");
}

static void test_parse_duplicates(void **state)
{
	struct fixture *f = parse_str(state, "anstnr;namn;enhet\n"
					     "01;A;U\n"
					     "1;B;U\n"
					     "01;C;U\n"
					     "01;D;U\n");

	assert_int_equal(f->rc, 0);
	assert_int_equal(f->roster.n_rejected, 3);
	assert_false(f->roster.rows[1].rejected);
	assert_diag(f, 0, 2, 1, "on line 4 too");
	assert_diag(f, 1, 4, 1, "already on line 2");
	assert_diag(f, 2, 5, 1, "already on line 2");
	/* A rejected row keeps its employee number, which shields the person. */
	assert_string_equal(f->roster.rows[0].employee_no, "01");
	assert_null(f->roster.rows[0].name);
}

static void test_parse_first_last(void **state)
{
	struct fixture *f = parse_str(state, "efternamn,förnamn,anstnr,enhet,namn\n"
					     "Ek,Anna,1,U,Anna Ek-Lund\n");

	/* A full name column wins over first and last name. */
	assert_int_equal(f->rc, 0);
	assert_string_equal(f->roster.rows[0].name, "Anna Ek-Lund");

	f = parse_str(state, "efternamn,förnamn,anstnr,enhet\n"
			     "Ek,Anna,1,U\n"
			     ",Bo,2,U\n"
			     ",,3,U\n");
	assert_int_equal(f->rc, 0);
	assert_string_equal(f->roster.rows[0].name, "Anna Ek");
	assert_string_equal(f->roster.rows[1].name, "Bo");
	assert_true(f->roster.rows[2].rejected);
	assert_diag(f, 0, 4, 2, "empty first name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_delimiter),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_control),
		cmocka_unit_test_setup_teardown(test_parse_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_cp1252, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_field_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_first_last, setup, teardown),
	};

	return cmocka_run_group_tests_name("roster", tests, NULL, NULL);
}
