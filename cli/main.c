/*
 * vaksam's entry point: global options, then the command table. `vaksam`
 * with no command starts the kiosk.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/errout.h"

static const struct cli_command commands[] = {
	{ "init", cmd_init, "[--demo] [--db FILE]",
	  "Create a database, its key file (FILE.key) and build the bundled content into it." },
	{ "kiosk", cmd_kiosk, "[--locked] [--db FILE]", "Start the kiosk (the default command)." },
	{ "staff", cmd_staff, "COMMAND ...", "People: import a roster, list, set roles.", CLI_GROUP },
	{ "units", cmd_units, "[--db FILE]", "Show the unit tree with head counts." },
	{ "config", cmd_config, "get KEY | set KEY VALUE | list",
	  "Read and change settings kept in the database.", CLI_GROUP },
	{ "content", cmd_content, "COMMAND ...",
	  "Check, build, dump and export course content.", CLI_GROUP },
	{ "print", cmd_print, "handout|badges|course|quiz|certificate ...",
	  "Print handouts, login cards, course booklets, paper quizzes and certificates as PDF.", CLI_GROUP },
	{ "paper", cmd_paper, "import FILE.csv",
	  "Enter the answers of paper quiz sheets.", CLI_GROUP },
	{ "verify", cmd_verify, "CODE", "Check whether a certificate's verification code is genuine." },
	{ "backup", cmd_backup, "FILE [--db FILE]",
	  "Copy the database to FILE while kiosks run (the key file is backed up separately)." },
	{ "restore", cmd_restore, "FILE [--db FILE]",
	  "Replace the database with a backup; refused while the database is in use." },
	{ "audit", cmd_audit, "[--since DATE] [--employee N] | --verify",
	  "Show the audit log, or verify its hash chain.", 0 },
	{ "gdpr", cmd_gdpr, "export|erase|purge|inventory|check ...",
	  "Data protection: register extracts, erasure, retention, the processing record.",
	  CLI_GROUP },
	{ "report", cmd_report, "pdf|csv KIND|items COURSE ...",
	  "The management report as PDF, its figures as CSV, and item analysis.", CLI_GROUP },
	{ "assign", cmd_assign, "COURSE (--unit PATH | --role ROLE | --all) --due DATE",
	  "Assign a course, with a due date, beyond the all-staff rule.", 0 },
	{ "survey", cmd_survey, "check|build|open|close|list ...",
	  "Culture surveys and their rounds.", CLI_GROUP },
	{ "demo", cmd_demo, "generate --staff N --years Y [--seed S]",
	  "Add a generated organisation with years of training history.", CLI_GROUP },
	{ NULL, NULL, NULL, NULL },
};

/* Takes --db, --content (and their =VALUE forms) out of argv wherever they
 * stand before a "--"; returns the new argc, or -1 on a missing value. */
static int take_global_options(struct cli *cli, int argc, char **argv)
{
	int out = 0;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		const char *value = NULL;

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--db") == 0 || strncmp(a, "--db=", 5) == 0)
			slot = &cli->db_path;
		else if (strcmp(a, "--content") == 0 || strncmp(a, "--content=", 10) == 0)
			slot = &cli->content_dir;
		if (slot == NULL) {
			argv[out++] = argv[i];
			continue;
		}
		value = strchr(a, '=');
		if (value) {
			value++;
		} else {
			if (i + 1 >= argc) {
				fprintf(stderr, "vaksam: %s needs a value\n", a);
				return -1;
			}
			value = argv[++i];
		}
		if (*value == '\0') {
			fprintf(stderr, "vaksam: %s needs a value\n", a);
			return -1;
		}
		*slot = value;
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	struct cli cli = { NULL, NULL };
	const char *env;
	char *kiosk_argv[] = { "kiosk", NULL };

	/* Only the character type: numbers in CSV and SQL keep a decimal point. */
	setlocale(LC_CTYPE, "");
	errout_install();
	argc = take_global_options(&cli, argc - 1, argv + 1);
	if (argc < 0)
		return EXIT_USAGE;
	argv++;
	if (cli.db_path == NULL) {
		env = getenv("VAKSAM_DB");
		cli.db_path = env && *env ? env : "vaksam.db";
	}
	if (argc >= 1 && (strcmp(argv[0], "--version") == 0 || strcmp(argv[0], "version") == 0)) {
		printf("vaksam %s\n", VAKSAM_VERSION);
		return EXIT_OK;
	}
	if (argc == 0)
		return cmd_kiosk(&cli, 1, kiosk_argv);
	return cli_dispatch(&cli, "vaksam", commands, argc, argv);
}
