/*
 * The kiosk's text layer without a terminal: cleaning of control and
 * direction characters, widths of å ä ö and wide characters, wrapping by
 * display width, and the line editor's UTF-8 editing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk/lineedit.h"
#include "kiosk/text.h"
#include "core/xmalloc.h"

/* The text of a document line as UTF-8; newly allocated. */
static char *line_text(const struct line *l)
{
	char *out = xcalloc(l->n * 4 + 1, 1);
	size_t o = 0;

	for (size_t i = 0; i < l->n; i++)
		o += utf8_encode(l->cells[i].ch, out + o);
	out[o] = '\0';
	return out;
}

static void test_clean(void **state)
{
	struct cellbuf b = {0};
	const char evil[] = "A\rB\x1b[2JC\xe2\x80\xae"
			    "D\xc2\x9b"
			    "E\xff"
			    "F";

	(void)state;
	text_decode(evil, sizeof(evil) - 1, false, &b, ROLE_NORMAL, 0);
	/* CR becomes a space; ESC, U+202E and the C1 CSI become '?'; the bad
	 * byte U+FFFD. */
	assert_int_equal(b.n, 14);
	assert_int_equal(b.cells[1].ch, L' ');
	assert_int_equal(b.cells[3].ch, L'?');
	assert_int_equal(b.cells[8].ch, L'?');
	assert_int_equal(b.cells[10].ch, L'?');
	assert_int_equal(b.cells[12].ch, 0xfffd);
	for (size_t i = 0; i < b.n; i++)
		assert_true(b.cells[i].ch >= 0x20 && b.cells[i].ch != 0x7f);
	cellbuf_release(&b);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("Säkerhetsutbildning – Välj kurs"), 31);
	assert_int_equal(text_width("åäöÅÄÖé"), 7);
	assert_int_equal(text_width("日本"), 4);
	/* A combining accent takes no cell of its own. */
	assert_int_equal(text_width("e\xcc\x81"), 1);
}

static void test_wrap(void **state)
{
	struct cellbuf b = {0};
	struct doc d = {0};
	char *t;

	(void)state;
	cellbuf_addstr(&b, "Åsa och Östen läser årets säkerhetsutbildning", ROLE_NORMAL, 0);
	doc_wrap(&d, b.cells, b.n, 0, 2, 16, 7);
	assert_int_equal(d.n, 4);
	t = line_text(&d.lines[0]);
	assert_string_equal(t, "Åsa och Östen");
	free(t);
	t = line_text(&d.lines[1]);
	assert_string_equal(t, "läser årets");
	assert_int_equal(d.lines[1].x, 2);
	free(t);
	t = line_text(&d.lines[2]);
	assert_string_equal(t, "säkerhetsutbil"); /* too long for a line: broken */
	free(t);
	for (size_t i = 0; i < d.n; i++) {
		assert_true(d.lines[i].x + cellbuf_width(d.lines[i].cells, d.lines[i].n) <= 16);
		assert_int_equal(d.lines[i].tag, 7);
	}
	doc_release(&d);
	cellbuf_reset(&b);
	/* Wide characters count two columns. */
	cellbuf_addstr(&b, "日本語 日本語", ROLE_NORMAL, 0);
	doc_wrap(&d, b.cells, b.n, 0, 0, 7, -1);
	assert_int_equal(d.n, 2);
	assert_int_equal(cellbuf_width(d.lines[0].cells, d.lines[0].n), 6);
	doc_release(&d);
	cellbuf_reset(&b);
	/* A hard line break, and an empty text still gives one line. */
	text_decode("a\nb", 3, true, &b, ROLE_NORMAL, 0);
	doc_wrap(&d, b.cells, b.n, 0, 0, 40, -1);
	assert_int_equal(d.n, 2);
	doc_release(&d);
	doc_wrap(&d, NULL, 0, 0, 0, 40, -1);
	assert_int_equal(d.n, 1);
	doc_release(&d);
	cellbuf_release(&b);
}

static void test_lineedit(void **state)
{
	struct lineedit e;
	char *t;

	(void)state;
	lineedit_init(&e, 10, false, false);
	assert_int_equal(lineedit_key(&e, L'å', false), LINEEDIT_CHANGED);
	lineedit_key(&e, L'b', false);
	lineedit_key(&e, L'ö', false);
	lineedit_key(&e, 0x104 /* KEY_LEFT */, true);
	lineedit_key(&e, 127, false); /* Backspace as tmux sends it */
	t = lineedit_text(&e);
	assert_string_equal(t, "åö");
	free(t);
	assert_int_equal(lineedit_key(&e, L'\r', false), LINEEDIT_ENTER);
	assert_int_equal(lineedit_key(&e, 27, false), LINEEDIT_UNHANDLED);
	for (int i = 0; i < 20; i++)
		lineedit_key(&e, L'x', false);
	assert_int_equal(e.len, 10); /* the limit holds */
	lineedit_set(&e, "rad\x1b");
	t = lineedit_text(&e);
	assert_string_equal(t, "rad?");
	free(t);
	lineedit_release(&e);

	/* A PIN field takes digits only. */
	lineedit_init(&e, 8, false, true);
	e.digits = true;
	lineedit_key(&e, L'1', false);
	lineedit_key(&e, L'a', false);
	lineedit_key(&e, L'2', false);
	t = lineedit_text(&e);
	assert_string_equal(t, "12");
	free(t);
	lineedit_release(&e);

	/* An essay keeps its newlines. */
	lineedit_init(&e, 100, true, false);
	lineedit_key(&e, L'a', false);
	assert_int_equal(lineedit_key(&e, L'\r', false), LINEEDIT_CHANGED);
	lineedit_key(&e, L'b', false);
	t = lineedit_text(&e);
	assert_string_equal(t, "a\nb");
	free(t);
	lineedit_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_wrap),
	    cmocka_unit_test(test_lineedit),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
