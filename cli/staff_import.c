/*
 * `vaksam staff import FILE.csv [--dry-run] [--skip-invalid] [--force]`:
 * reads a roster (core/roster.c), prints what is wrong with it as
 * `FILE:LINE:COL: error: message` on stderr, applies it (core/roster_apply.c)
 * and ends stdout with `N added, N updated, N deactivated, N rejected`.
 *
 * Exit codes: 0 written (or, with --dry-run, would be written), 1 refused
 * (nothing written), 2 wrong usage.
 */
#include "cli/staff_import.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/diag.h"
#include "core/roster.h"
#include "core/store.h"

#define PREFIX "vaksam staff"

static const struct cli_command import_command = {
	"import", staff_import_main, "FILE.csv [--dry-run] [--skip-invalid] [--force]",
	"Import a roster (CSV from HR or Excel): adds, updates and deactivates people."
};

static void print_help(void)
{
	printf("usage: " PREFIX " import %s\n\n"
	       "%s\n\n"
	       "Options:\n"
	       "  --dry-run       check and count everything, write nothing\n"
	       "  --skip-invalid  write the valid rows even if some rows are rejected\n"
	       "  --force         accept a roster that makes more than 10%% of the active\n"
	       "                  people (and more than 5) inactive\n"
	       "  --db FILE       the database (default $VAKSAM_DB, else ./vaksam.db)\n\n"
	       "The file is CSV separated by ';' or ',', in UTF-8 (with or without BOM)\n"
	       "or Windows-1252. Columns are found by their header, in Swedish or English:\n"
	       "  anställningsnummer / employee_id   required, text (leading zeros kept)\n"
	       "  namn / name, or förnamn + efternamn / first_name + last_name   required\n"
	       "  enhet / unit                        required, a path such as\n"
	       "                                      Socialförvaltningen/Hemtjänst Norr\n"
	       "  roll / role                         optional: medarbetare/staff,\n"
	       "                                      samordnare/coordinator,\n"
	       "                                      administratör/admin\n"
	       "Other columns are ignored. People missing from the roster become inactive;\n"
	       "nobody is deleted. The import is one transaction: nothing is written if\n"
	       "anything is refused.\n",
	       import_command.usage, import_command.help);
}

int staff_import_main(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "skip-invalid", no_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct roster_options opt = { false, false, false };
	struct roster roster = ROSTER_INIT;
	struct roster_result res;
	struct diag_list diags = DIAG_LIST_INIT;
	struct store *store = NULL;
	const char *path;
	char *cause = NULL;
	int c, rc = EXIT_REFUSED;

	optind = 0; /* glibc: start afresh, whatever parsed argv before */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			opt.dry_run = true;
			break;
		case 's':
			opt.skip_invalid = true;
			break;
		case 'f':
			opt.force = true;
			break;
		case 'd':
			cli->db_path = optarg;
			break;
		case 'h':
			print_help();
			return EXIT_OK;
		default:
			return cli_usage_error(PREFIX, &import_command, "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error(PREFIX, &import_command, "which roster file?");
	if (optind + 1 < argc)
		return cli_usage_error(PREFIX, &import_command, "unexpected argument '%s'",
				       argv[optind + 1]);
	path = argv[optind];

	if (roster_read_file(path, &roster, &diags) < 0) {
		diag_sort(&diags);
		diag_print(&diags, stderr);
		fprintf(stderr, "vaksam: %s: roster refused; nothing was written\n", path);
		goto cleanup;
	}
	diag_sort(&diags);
	diag_print(&diags, stderr);
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	if (roster_apply(store, &roster, &opt, &res, &cause) < 0) {
		cli_fail(cause);
	} else {
		if (opt.dry_run)
			printf("dry run: nothing was written\n");
		rc = EXIT_OK;
	}
	printf("%zu added, %zu updated, %zu deactivated, %zu rejected\n", res.added, res.updated,
	       res.deactivated, res.rejected);
cleanup:
	store_close(&store);
	roster_release(&roster);
	diag_list_release(&diags);
	return rc;
}
