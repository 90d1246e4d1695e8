/* Unit tests for core/scancode: ISO/IEC 7064 MOD 37,36 and code parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/scancode.h"

/* Published examples of MOD 37,36: the GRid example from ISO 7064's own use
 * (A1-2425G-ABC1234002-M) and vectors from independent implementations. */
static void test_check_char_known(void **state)
{
	static const struct {
		const char *in;
		char check;
	} cases[] = {
		{ "A12425GABC1234002", 'M' }, { "RABD", 'A' }, { "X0H", 'X' },   { "9", 'J' },
		{ "TBR", '1' },               { "OW", 'N' },   { "1M", 'Q' },    { "WP8Z0", '9' },
		{ "B3739U6CR", 'K' },         { "EFWW032G2TI", 'U' },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(scancode_check_char(cases[i].in, strlen(cases[i].in)),
				 cases[i].check);
	/* Lower case counts as upper case; anything else is refused. */
	assert_int_equal(scancode_check_char("a12425gabc1234002", 17), 'M');
	assert_int_equal(scancode_check_char("A-1", 3), '\0');
}

static void test_make_and_parse(void **state)
{
	struct scancode sc;
	char *code;

	(void)state;
	code = scancode_make('B', "abc123");
	assert_non_null(code);
	assert_int_equal(strlen(code), 3 + 6 + 1);
	assert_memory_equal(code, "VKBABC123", 9);
	assert_int_equal(code[9], scancode_check_char("VKBABC123", 9));
	assert_int_equal(scancode_parse(code, &sc), SCANCODE_OK);
	assert_int_equal(sc.kind, 'B');
	assert_string_equal(sc.payload, "ABC123");
	assert_string_equal(sc.text, code);
	free(code);

	assert_null(scancode_make('B', ""));
	assert_null(scancode_make('b', "X"));
	assert_null(scancode_make('B', "A-B"));
	assert_null(scancode_make('B', "ÅÄÖ"));
}

static void test_course_code(void **state)
{
	char *a, *b, *c;
	struct scancode sc;

	(void)state;
	a = scancode_course("gdpr-vardag");
	b = scancode_course("gdprvardag");
	c = scancode_course("gdpr-vardagx");
	assert_non_null(a);
	assert_memory_equal(a, "VKCGDPRVARDAG", 13);
	assert_int_equal(strlen(a), 14);
	/* Ids that differ only by hyphens collide: content check refuses them. */
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(scancode_parse(a, &sc), SCANCODE_OK);
	assert_int_equal(sc.kind, 'C');
	assert_string_equal(sc.payload, "GDPRVARDAG");
	assert_null(scancode_course("Gdpr"));
	assert_null(scancode_course("gdpr_vardag"));
	free(a);
	free(b);
	free(c);
}

static void test_parse_forms(void **state)
{
	struct scancode sc;
	char *code = scancode_make('C', "NATFISKE");
	char *grouped;
	char lower[64];

	(void)state;
	grouped = scancode_group(code);
	assert_string_equal(grouped, "VKCN ATFI SKE7");
	assert_int_equal(scancode_parse(grouped, &sc), SCANCODE_OK);
	assert_string_equal(sc.text, code);

	/* Caps Lock and a scanner's Enter. */
	for (size_t i = 0; code[i]; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	lower[strlen(code)] = '\0';
	assert_int_equal(scancode_parse(lower, &sc), SCANCODE_OK);
	assert_int_equal(scancode_parse("  VKCN ATFI\tSKE7\r\n", &sc), SCANCODE_OK);

	/* One wrong character, a swap of neighbours: mistyped, not unknown. */
	assert_int_equal(scancode_parse("VKCNATFISKA7", &sc), SCANCODE_MISTYPED);
	assert_int_equal(scancode_parse("VKCNATFSIKE7", &sc), SCANCODE_MISTYPED);
	assert_int_equal(sc.kind, 'C');

	/* Not codes at all: an employee number, wrong prefix, symbols. */
	assert_int_equal(scancode_parse("1001", &sc), SCANCODE_MALFORMED);
	assert_int_equal(scancode_parse("", &sc), SCANCODE_MALFORMED);
	assert_int_equal(scancode_parse("VKC", &sc), SCANCODE_MALFORMED);
	assert_int_equal(scancode_parse("VK1AB", &sc), SCANCODE_MALFORMED);
	assert_int_equal(scancode_parse("XKCNATFISKE7", &sc), SCANCODE_MALFORMED);
	assert_int_equal(scancode_parse("VKC-NATFISKE7", &sc), SCANCODE_MALFORMED);
	assert_int_equal(scancode_parse("VKCNATFISKE7VKCNATFISKE7VKCNATFISKE7VKCNATFISKE7"
					"VKCNATFISKE7VKCNATFISKE7",
					&sc),
			 SCANCODE_MALFORMED);
	free(code);
	free(grouped);
}

/* Every single-character substitution and every adjacent swap of a code is
 * detected, as ISO 7064 promises for the hybrid systems. */
static void test_detects_errors(void **state)
{
	char *code = scancode_make('B', "Q7ZX2M4KPA9T3RWV5N8YJ6HC2D");
	size_t len = strlen(code);
	char buf[SCANCODE_MAX + 1];
	struct scancode sc;

	(void)state;
	for (size_t i = 0; i < len; i++) {
		for (const char *a = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"; *a; a++) {
			if (*a == code[i])
				continue;
			memcpy(buf, code, len + 1);
			buf[i] = *a;
			assert_int_not_equal(scancode_parse(buf, &sc), SCANCODE_OK);
		}
		if (i + 1 < len && code[i] != code[i + 1]) {
			memcpy(buf, code, len + 1);
			buf[i] = code[i + 1];
			buf[i + 1] = code[i];
			assert_int_not_equal(scancode_parse(buf, &sc), SCANCODE_OK);
		}
	}
	free(code);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_char_known), cmocka_unit_test(test_make_and_parse),
		cmocka_unit_test(test_course_code),      cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_detects_errors),
	};
	return cmocka_run_group_tests_name("scancode", tests, NULL, NULL);
}
