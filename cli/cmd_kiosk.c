/*
 * `vaksam kiosk [--locked]`: the kiosk on this terminal. `--locked` is for
 * shared terminals (an ssh ForceCommand or a console autologin): raw input,
 * no way out but logging out, and the session ends cleanly on SIGHUP and
 * SIGTERM.
 *
 * `vaksam content preview COURSE_DIR`: the same screens for one course read
 * from its folder, with no database; answers are not stored.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "core/store.h"
#include "kiosk/run.h"

int cmd_kiosk(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"locked", no_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_command self = {"kiosk", cmd_kiosk, "[--locked] [--db FILE]", "",
						0};
	struct kiosk_options ko = {false, NULL};
	struct store *store = NULL;
	char *cause = NULL;
	int c, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	if (cli_wants_help("vaksam", &self, argc, argv))
		return EXIT_OK;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'l')
			ko.locked = true;
		else
			return cli_usage_error("vaksam", &self, "unknown option '%s'",
					       argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("vaksam", &self, "unexpected argument '%s'", argv[optind]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (kiosk_run(store, &ko, &cause) < 0)
		rc = cli_fail(cause);
	store_close(&store);
	return rc;
}

int kiosk_preview_main(int argc, char **argv)
{
	static const struct cli_command self = {
	    "preview", NULL, "COURSE_DIR",
	    "Show a course in the kiosk's screens straight from its folder (needs no "
	    "database).",
	    0};
	struct kiosk_options ko = {false, NULL};
	struct stat st;
	char *cause = NULL;

	if (cli_wants_help("vaksam content", &self, argc, argv))
		return EXIT_OK;
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error("vaksam content", &self, "give one course folder");
	if (stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: not a course folder\n", argv[1]);
		return EXIT_REFUSED;
	}
	ko.preview_dir = argv[1];
	if (kiosk_run(NULL, &ko, &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}
