/*
 * libFuzzer target for the GIFT reader. Any bytes must parse without a
 * crash, leak or undefined behaviour; and every question read must survive
 * two round trips unchanged: through its JSON form, and through export-gift
 * (written as GIFT, then read again). A difference aborts, so the fuzzer
 * reports it like a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "authoring/gift.h"
#include "core/question.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_json(const struct question *q)
{
	struct question back = {0};
	char *json = question_to_json_string(q), *cause = NULL;

	if (question_from_json_string(json, &back, &cause) < 0 || !question_equal(q, &back)) {
		fprintf(stderr, "JSON round trip differs: %s (%s)\n", json, cause ? cause : "");
		abort();
	}
	free(json);
	question_release(&back);
}

static void check_export(const struct gift_file *file)
{
	struct strbuf out = STRBUF_INIT;
	struct gift_file again = GIFT_FILE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	char *cause = NULL;

	if (gift_export(file->questions, file->n, &out, &cause) < 0) {
		/* Some questions cannot be said in GIFT; the writer must say so. */
		free(cause);
		strbuf_release(&out);
		return;
	}
	if (gift_parse(out.buf, out.len, "export", 0, &again, &diags) < 0 || again.n != file->n) {
		fprintf(stderr, "export does not read back:\n%s\n", out.buf);
		diag_print(&diags, stderr);
		abort();
	}
	for (size_t i = 0; i < file->n; i++) {
		if (!question_equal(&file->questions[i], &again.questions[i])) {
			char *a = question_to_json_string(&file->questions[i]);
			char *b = question_to_json_string(&again.questions[i]);

			fprintf(stderr, "export round trip differs:\n%s\n%s\nvia:\n%s\n", a, b,
				out.buf);
			abort();
		}
	}
	gift_file_release(&again);
	diag_list_release(&diags);
	strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gift_file file = GIFT_FILE_INIT;
	struct diag_list diags = DIAG_LIST_INIT;

	gift_parse((const char *)data, size, "fuzz.gift", size % 2 ? GIFT_STRICT : 0, &file,
		   &diags);
	for (size_t i = 0; i < file.n; i++)
		check_json(&file.questions[i]);
	check_export(&file);
	gift_file_release(&file);
	diag_list_release(&diags);
	return 0;
}
