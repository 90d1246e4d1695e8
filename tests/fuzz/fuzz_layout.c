/*
 * libFuzzer target: the kiosk's text layout, which needs no terminal. The
 * input is read twice:
 *  - as a lesson page in Markdown (core/page.c), laid out by the kiosk's
 *    renderer (kiosk/ui.c ui_render_page: headings, lists, "Tänk på" boxes)
 *    at several widths;
 *  - as raw text, cleaned (kiosk/text.c text_decode) and wrapped (doc_wrap)
 *    with a width, indent and hang taken from its first bytes.
 * Any bytes must lay out without a crash, a leak or undefined behaviour, and
 *  - no cell holds a control character, DEL, a C1 control or a direction
 *    override (text_decode's promise: nothing can move the cursor or turn a
 *    line around);
 *  - no line is wider than the width it was laid out for, except one that
 *    holds a single character wider than the room left;
 *  - wrapping loses and reorders nothing but the spaces and line breaks it
 *    breaks at.
 */
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/page.h"
#include "kiosk/kiosk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_cells(const struct line *l)
{
	for (size_t i = 0; i < l->n; i++) {
		wchar_t ch = l->cells[i].ch;

		if (l->cells[i].flags & CELL_ACS)
			continue;
		if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0) ||
		    (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069)) {
			fprintf(stderr, "a cell holds U+%04X\n", (unsigned)ch);
			abort();
		}
	}
}

static void check_doc(const struct doc *d, int width)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct line *l = &d->lines[i];
		int w = cellbuf_width(l->cells, l->n);

		check_cells(l);
		if (l->x < 0 || (l->x + w > width && !(l->n == 1 && w == 2))) {
			fprintf(stderr, "line %zu: x %d + width %d > %d\n", i, l->x, w, width);
			abort();
		}
	}
}

static void layout_page(const uint8_t *data, size_t size)
{
	static const int widths[] = { 20, 37, 76, 200 };
	struct page page = { 0 };
	char *cause = NULL;

	if (page_parse((const char *)data, size, &page, &cause) < 0) {
		free(cause);
		return;
	}
	for (size_t k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
		struct doc d = { 0 };

		ui_render_page(&d, &page, widths[k]);
		check_doc(&d, widths[k]);
		doc_release(&d);
	}
	page_release(&page);
}

static void wrap_text(const uint8_t *data, size_t size)
{
	struct cellbuf in = { 0 };
	struct doc d = { 0 };
	int width, indent, hang;
	size_t j = 0;

	if (size < 3)
		return;
	width = 1 + data[0] % 100;
	indent = data[1] % (width + 2);
	hang = data[2] % (width + 2);
	text_decode((const char *)data + 3, size - 3, data[0] & 0x80, &in, ROLE_NORMAL, 0);
	if (doc_wrap(&d, in.cells, in.n, indent, hang, width, 7) < 1)
		abort();
	for (size_t i = 0; i < d.n; i++) {
		const struct line *l = &d.lines[i];
		int w = cellbuf_width(l->cells, l->n);

		check_cells(l);
		if (l->tag != 7)
			abort();
		/* The first line may start past the width when indent is; then
		 * it holds at most one character. */
		if (l->x + w > width && l->n > 1) {
			fprintf(stderr, "wrapped line %zu: x %d + width %d > %d\n", i, l->x, w, width);
			abort();
		}
		for (size_t c = 0; c < l->n; c++) {
			while (j < in.n && (in.cells[j].ch == L' ' || in.cells[j].ch == L'\n'))
				j++;
			if (l->cells[c].ch == L' ')
				continue;
			if (j >= in.n || in.cells[j].ch != l->cells[c].ch) {
				fprintf(stderr, "wrapping changed the text at line %zu\n", i);
				abort();
			}
			j++;
		}
	}
	while (j < in.n && (in.cells[j].ch == L' ' || in.cells[j].ch == L'\n'))
		j++;
	if (j != in.n) {
		fprintf(stderr, "wrapping lost text\n");
		abort();
	}
	doc_release(&d);
	cellbuf_release(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;

	if (!ready) {
		/* Widths come from wcwidth(), as in the kiosk (kiosk.c). */
		setlocale(LC_CTYPE, "C.UTF-8");
		ready = true;
	}
	layout_page(data, size);
	wrap_text(data, size);
	return 0;
}
