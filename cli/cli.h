/*
 * The command line: git-style subcommands dispatched from tables. This layer
 * is the boundary where errors are reported: it prints results on stdout and
 * diagnostics on stderr, and turns causes into exit codes.
 *
 * Exit codes: 0 success, 1 refused input or failed check, 2 wrong usage.
 * Output is English (administrators and scripts read it).
 */
#ifndef VAKSAM_CLI_H
#define VAKSAM_CLI_H

#include <stdbool.h>

struct store;

enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

/* Global options, taken out of argv before a command runs. */
struct cli {
	const char *db_path;     /* --db, else $VAKSAM_DB, else ./vaksam.db (not owned) */
	const char *content_dir; /* --content, else installed, else source tree (not owned) */
};

struct cli_command {
	const char *name;
	int (*fn)(struct cli *cli, int argc, char **argv); /* argv[0] is the command name */
	const char *usage; /* one line of arguments, e.g. "FILE.csv [--dry-run]" */
	const char *help;  /* one sentence for `vaksam help` */
	unsigned flags;    /* CLI_GROUP: has subcommands that handle --help themselves */
};

#define CLI_GROUP 1u

/*
 * Runs the command of table named argv[0] (prefix is "vaksam" or e.g.
 * "vaksam staff" for messages). Handles "help", "--help" and unknown names.
 */
int cli_dispatch(struct cli *cli, const char *prefix, const struct cli_command *table, int argc,
		 char **argv);
/* Prints "vaksam: message" and the usage line to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *prefix, const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints usage and help on stdout when argv holds --help or -h; returns true then. */
bool cli_wants_help(const char *prefix, const struct cli_command *cmd, int argc, char **argv);
/* Prints "vaksam: cause" to stderr, frees cause, returns EXIT_REFUSED. */
int cli_fail(char *cause);
/* Opens the database named by the global options (never creates one). On
 * failure prints the cause and returns -1. */
int cli_open_store(struct cli *cli, struct store **out);
/* The content folder: --content, else PREFIX/share/vaksam/content if present,
 * else the source tree's content/. Not owned. */
const char *cli_content_dir(struct cli *cli);

#include "core/banned.h"

#endif
