/*
 * libFuzzer target: `vaksam paper import` as far as it goes without a
 * database: the CSV reader (core/paper_csv.c), the sheet code reader
 * (core/scancode.c) on each row's first cell, and the keys of every other
 * cell read against one printed question of each kind (paper_answer_parse,
 * paper_answer_mark in core/paper_entry.c). Any bytes must give rows or
 * diagnostics, never a crash, a leak or undefined behaviour; a row read has
 * NUL-terminated fields, a mark is within 0..1, and a blank answer marks 0.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/paper.h"
#include "core/question.h"
#include "core/scancode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { N_ITEMS = 5 };

static struct paper_item items[N_ITEMS];

static size_t *indexes(size_t n, const size_t *v)
{
	size_t *out = calloc(n, sizeof(size_t));

	if (out == NULL)
		abort();
	memcpy(out, v, n * sizeof(size_t));
	return out;
}

/* One printed question of each kind, with its boxes in a shuffled order. */
static void items_init(void)
{
	static bool done;
	static const size_t one[] = { 2, 0, 3, 1 }, many[] = { 4, 1, 0, 3, 2 };
	static const size_t right[] = { 3, 1, 0, 2 }, left[] = { 0, 1, 2 };
	struct question *q;

	if (done)
		return;
	done = true;
	q = &items[0].q;
	q->type = QUESTION_SINGLE;
	question_add_answer(q, "Låser skärmen", 1, "Rätt.");
	question_add_answer(q, "Låter den stå", 0, "Nej.");
	question_add_answer(q, "Stänger av", 0, "");
	question_add_answer(q, "Går därifrån", 0, "");
	items[0].kind = PAPER_ONE;
	items[0].n_choices = 4;
	items[0].choice = indexes(4, one);

	q = &items[1].q;
	q->type = QUESTION_MULTI;
	question_add_answer(q, "Namn", 0.5, "");
	question_add_answer(q, "Personnummer", 0.5, "");
	question_add_answer(q, "Växelnumret", -1, "");
	question_add_answer(q, "Väder", -0.5, "");
	question_add_answer(q, "Kaffe", 0, "");
	items[1].kind = PAPER_MANY;
	items[1].n_choices = 5;
	items[1].choice = indexes(5, many);

	q = &items[2].q;
	q->type = QUESTION_MATCHING;
	question_add_pair(q, "Läckt lista", "Konfidentialitet");
	question_add_pair(q, "Ändrad siffra", "Riktighet");
	question_add_pair(q, "Servern nere", "Tillgänglighet");
	question_add_pair(q, "", "Spårbarhet");
	items[2].kind = PAPER_PAIRS;
	items[2].n_choices = 4;
	items[2].choice = indexes(4, right);
	items[2].n_left = 3;
	items[2].left = indexes(3, left);

	q = &items[3].q;
	q->type = QUESTION_SHORTANSWER;
	question_add_answer(q, "rapportera", 1, "");
	question_add_answer(q, "rapp*", 0.5, "");
	items[3].kind = PAPER_WRITE;

	q = &items[4].q;
	q->type = QUESTION_NUMERICAL;
	question_add_number(q, true, 72, 72, 1, "");
	question_add_number(q, true, 24, 48, 0.5, "");
	question_add_number(q, false, 0, 0, 0, "");
	items[4].kind = PAPER_WRITE;
}

static void check_keys(const char *keys)
{
	for (size_t k = 0; k < N_ITEMS; k++) {
		struct paper_answer a;
		char *why = NULL;
		double mark;

		if (paper_answer_parse(&items[k], keys, &a, &why) < 0) {
			if (why == NULL || *why == '\0') {
				fprintf(stderr, "keys '%s' refused without a reason\n", keys);
				abort();
			}
			free(why);
			paper_answer_release(&a);
			continue;
		}
		mark = paper_answer_mark(&items[k], &a);
		if (isnan(mark) || mark < 0 || mark > 1 || (a.blank && mark != 0)) {
			fprintf(stderr, "keys '%s' on item %zu give the mark %g\n", keys, k, mark);
			abort();
		}
		for (size_t i = 0; i < a.n_chosen; i++)
			if (a.chosen[i] >= items[k].q.n_answers)
				abort();
		for (size_t i = 0; i < a.n_match; i++)
			if (a.match[i] >= (int)items[k].q.n_pairs)
				abort();
		paper_answer_release(&a);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct paper_rows rows = { 0 };
	struct diag_list diags = DIAG_LIST_INIT;
	int rc;

	items_init();
	rc = paper_csv_parse("fuzz.csv", (const char *)data, size, &rows, &diags);
	if (rc < 0 && diags.errors == 0) {
		fprintf(stderr, "a file refused without a diagnostic\n");
		abort();
	}
	for (size_t r = 0; r < rows.n; r++) {
		const struct paper_row *row = &rows.rows[r];
		struct scancode code;

		if (row->line < 1)
			abort();
		for (size_t f = 0; f < row->n_fields; f++)
			if (row->fields[f] == NULL || strlen(row->fields[f]) > 4 * PAPER_CSV_FIELD_MAX)
				abort();
		if (row->n_fields == 0)
			continue;
		if (scancode_parse(row->fields[0], &code) != SCANCODE_MALFORMED &&
		    strlen(code.text) > SCANCODE_MAX)
			abort();
		for (size_t f = 1; f < row->n_fields && f < 40; f++)
			check_keys(row->fields[f]);
	}
	paper_rows_release(&rows);
	diag_list_release(&diags);
	return 0;
}
