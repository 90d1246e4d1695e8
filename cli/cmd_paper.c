/*
 * `vaksam paper import FILE.csv`: the answers of paper quiz sheets, one row
 * per sheet (sheet code, then the keys of each question), entered in one
 * transaction (core/paper.h). Problems are printed as FILE:LINE:COL: error:
 * and then nothing is written. stdout has one line per sheet entered,
 * tab-separated: sheet code, employee number (or "anonymous"), course, score
 * in percent, passed|not passed, then the total.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/diag.h"
#include "core/paper.h"
#include "core/store.h"

#define PREFIX "vaksam paper"

static int paper_import_main(struct cli *cli, int argc, char **argv);

static const struct cli_command paper_commands[] = {
    {"import", paper_import_main, "FILE.csv",
     "Enter paper quiz answers: a row per sheet, the sheet code and then one cell of keys"
     " per question (A, AC for several boxes, BAC for matching, '-' for blank)."},
    {NULL, NULL, NULL, NULL},
};

static int paper_import_main(struct cli *cli, int argc, char **argv)
{
	struct paper_rows rows;
	struct paper_import_result res;
	struct diag_list diags = DIAG_LIST_INIT;
	struct store *store = NULL;
	char *cause = NULL;
	size_t passed = 0, completed = 0;
	int rc = EXIT_REFUSED;

	memset(&rows, 0, sizeof(rows));
	memset(&res, 0, sizeof(res));
	if (argc != 2)
		return cli_usage_error(PREFIX, &paper_commands[0],
				       argc < 2 ? "which file?" : "unexpected argument '%s'",
				       argc < 2 ? "" : argv[2]);
	if (argv[1][0] == '-' && argv[1][1] != '\0')
		return cli_usage_error(PREFIX, &paper_commands[0], "unknown option '%s'", argv[1]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (paper_csv_read_file(argv[1], &rows, &diags) < 0)
		goto cleanup;
	if (paper_import(store, &rows, &diags, &res, &cause) < 0) {
		if (cause)
			cli_fail(cause);
		goto cleanup;
	}
	for (size_t i = 0; i < res.n; i++) {
		const struct paper_entered *e = &res.sheets[i];

		printf("%s\t%s\t%s\t%.2f\t%s\n", e->code,
		       e->employee_no ? e->employee_no : "anonymous", e->course_slug,
		       e->result.score, e->result.passed ? "passed" : "not passed");
		passed += e->result.passed;
		completed += e->result.completed;
	}
	printf("%zu sheets entered, %zu passed, %zu completions\n", res.n, passed, completed);
	rc = EXIT_OK;
cleanup:
	diag_print(&diags, stderr);
	if (rc != EXIT_OK && diags.errors)
		fprintf(stderr, "vaksam: nothing was entered\n");
	diag_list_release(&diags);
	paper_import_result_release(&res);
	paper_rows_release(&rows);
	store_close(&store);
	return rc;
}

int cmd_paper(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, PREFIX, paper_commands, argc - 1, argv + 1);
}
