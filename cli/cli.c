/* Shared command-line plumbing: dispatch, usage errors, opening the store. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/store.h"
#include "core/xmalloc.h"

static void print_table(FILE *out, const char *prefix, const struct cli_command *table)
{
	for (const struct cli_command *c = table; c->name; c++) {
		char left[64];

		snprintf(left, sizeof(left), "%s", c->name);
		fprintf(out, "  %-14s %s\n", left, c->help);
	}
	fprintf(out, "\nRun '%s COMMAND --help' for the options of a command.\n", prefix);
}

int cli_usage_error(const char *prefix, const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("vaksam: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "usage: %s %s %s\n", prefix, cmd->name, cmd->usage);
	return EXIT_USAGE;
}

bool cli_wants_help(const char *prefix, const struct cli_command *cmd, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			printf("usage: %s %s %s\n\n%s\n", prefix, cmd->name, cmd->usage, cmd->help);
			return true;
		}
	}
	return false;
}

int cli_dispatch(struct cli *cli, const char *prefix, const struct cli_command *table, int argc,
		 char **argv)
{
	if (argc < 1 || strcmp(argv[0], "help") == 0 || strcmp(argv[0], "--help") == 0 ||
	    strcmp(argv[0], "-h") == 0) {
		if (argc >= 2 && strcmp(argv[0], "help") == 0) {
			for (const struct cli_command *c = table; c->name; c++) {
				if (strcmp(c->name, argv[1]) == 0) {
					printf("usage: %s %s %s\n\n%s\n", prefix, c->name, c->usage,
					       c->help);
					return EXIT_OK;
				}
			}
		}
		if (argc < 1) {
			fprintf(stderr, "usage: %s COMMAND [OPTIONS]\n\nCommands:\n", prefix);
			print_table(stderr, prefix, table);
			return EXIT_USAGE;
		}
		printf("usage: %s COMMAND [OPTIONS]\n\nCommands:\n", prefix);
		print_table(stdout, prefix, table);
		return EXIT_OK;
	}
	for (const struct cli_command *c = table; c->name; c++) {
		if (strcmp(c->name, argv[0]) == 0) {
			/* A group passes --help on: its own table lists its
			 * subcommands ("vaksam staff --help"), or the subcommand
			 * shows its options ("vaksam staff import --help"). */
			if (!(c->flags & CLI_GROUP) && cli_wants_help(prefix, c, argc, argv))
				return EXIT_OK;
			return c->fn(cli, argc, argv);
		}
	}
	fprintf(stderr, "vaksam: '%s' is not a command of '%s'. See '%s help'.\n", argv[0], prefix,
		prefix);
	return EXIT_USAGE;
}

int cli_fail(char *cause)
{
	fprintf(stderr, "vaksam: %s\n", cause ? cause : "failed");
	free(cause);
	return EXIT_REFUSED;
}

int cli_open_store(struct cli *cli, struct store **out)
{
	char *cause = NULL;

	if (store_open(cli->db_path, STORE_OPEN_EXISTING, out, &cause) < 0) {
		cli_fail(cause);
		return -1;
	}
	return 0;
}

const char *cli_content_dir(struct cli *cli)
{
	static char installed[] = VAKSAM_DATADIR "/content";
	static char source[] = VAKSAM_SRCDIR "/content";
	struct stat st;

	if (cli->content_dir)
		return cli->content_dir;
	if (stat(installed, &st) == 0 && S_ISDIR(st.st_mode))
		return installed;
	return source;
}
