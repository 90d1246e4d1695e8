/*
 * `vaksam survey check|build|open|close|list`: culture surveys
 * (content/surveys/README.md) and their rounds. check and build read the
 * survey files in DIR, default the surveys folder of the content.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/day.h"
#include "core/store.h"
#include "core/survey.h"
#include "core/xmalloc.h"

#define PREFIX "vaksam survey"

static int survey_check_main(struct cli *cli, int argc, char **argv);
static int survey_build_main(struct cli *cli, int argc, char **argv);
static int survey_open_main(struct cli *cli, int argc, char **argv);
static int survey_close_main(struct cli *cli, int argc, char **argv);
static int survey_list_main(struct cli *cli, int argc, char **argv);

static const struct cli_command survey_commands[] = {
    {"check", survey_check_main, "[DIR]",
     "Check the survey files like a compiler (FILE:LINE:COL: error: ...).", 0},
    {"build", survey_build_main, "[DIR]", "Build the surveys into the database.", 0},
    {"open", survey_open_main, "NAME [--survey ID] --from DATE --to DATE",
     "Open a round: the kiosk offers the survey to everyone who has not taken part.", 0},
    {"close", survey_close_main, "NAME", "Close a round today.", 0},
    {"list", survey_list_main, "",
     "The rounds, tab-separated: name, survey, opens, closes, participants, sheets.", 0},
    {NULL, NULL, NULL, NULL, 0},
};

/* Reads the surveys of argv[1] or the content folder; prints diagnostics. */
static int read_defs(struct cli *cli, const struct cli_command *self, int argc, char **argv,
		     struct survey_def **defs, size_t *n)
{
	struct diag_list diags = DIAG_LIST_INIT;
	char *dir;
	int rc;

	if (argc > 2)
		return cli_usage_error(PREFIX, self, "unexpected argument '%s'", argv[2]);
	if (argc == 2 && argv[1][0] == '-')
		return cli_usage_error(PREFIX, self, "unknown option '%s'", argv[1]);
	dir = argc == 2 ? xstrdup(argv[1]) : xasprintf("%s/surveys", cli_content_dir(cli));
	rc = survey_read_dir(dir, defs, n, &diags);
	diag_sort(&diags);
	diag_print(&diags, stderr);
	if (rc == 0 && *n == 0) {
		fprintf(stderr, "vaksam: %s: no survey files\n", dir);
		rc = -1;
	}
	diag_list_release(&diags);
	free(dir);
	return rc < 0 ? EXIT_REFUSED : EXIT_OK;
}

static int survey_check_main(struct cli *cli, int argc, char **argv)
{
	struct survey_def *defs = NULL;
	size_t n = 0;
	int rc = read_defs(cli, &survey_commands[0], argc, argv, &defs, &n);

	if (rc == EXIT_OK) {
		for (size_t i = 0; i < n; i++)
			printf("%s: %zu items\n", defs[i].file, defs[i].n_items);
	}
	survey_defs_free(&defs, n);
	return rc;
}

static int survey_build_main(struct cli *cli, int argc, char **argv)
{
	struct survey_def *defs = NULL;
	struct store *store = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc = read_defs(cli, &survey_commands[1], argc, argv, &defs, &n);

	if (rc != EXIT_OK)
		goto cleanup;
	if (cli_open_store(cli, &store) < 0) {
		rc = EXIT_REFUSED;
		goto cleanup;
	}
	if (survey_build(store, defs, n, &cause) < 0) {
		fprintf(stderr, "%s\nvaksam: nothing was built\n", cause);
		free(cause);
		rc = EXIT_REFUSED;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++)
		printf("built %s: %zu items\n", defs[i].slug, defs[i].n_items);
cleanup:
	survey_defs_free(&defs, n);
	store_close(&store);
	return rc;
}

static int survey_open_main(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"survey", required_argument, NULL, 's'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	const struct cli_command *self = &survey_commands[2];
	const char *survey = "sakerhetskultur", *from = NULL, *to = NULL;
	struct store *store = NULL;
	char *cause = NULL;
	int c, rc, opens, closes;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's')
			survey = optarg;
		else if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else
			return cli_usage_error(PREFIX, self, "unknown option '%s'",
					       argv[optind - 1]);
	}
	if (optind + 1 != argc)
		return cli_usage_error(PREFIX, self, "give the round one name");
	if (from == NULL || day_parse(from, &opens) < 0 || to == NULL || day_parse(to, &closes) < 0)
		return cli_usage_error(PREFIX, self, "--from and --to want dates YYYY-MM-DD");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	rc = survey_round_open(store, survey, argv[optind], opens, closes, &cause);
	if (rc != 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("opened round %s of %s, %s to %s\n", argv[optind], survey, from, to);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	return rc;
}

static int survey_close_main(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	char *cause = NULL;
	int rc;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(PREFIX, &survey_commands[3], "give the round's name");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	rc = survey_round_close(store, argv[1], day_today() - 1, &cause);
	if (rc != 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("closed round %s\n", argv[1]);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	return rc;
}

static int survey_list_main(struct cli *cli, int argc, char **argv)
{
	struct survey_round *rounds = NULL;
	struct store *store = NULL;
	char *cause = NULL;
	size_t n = 0;
	int rc;

	if (argc != 1)
		return cli_usage_error(PREFIX, &survey_commands[4], "unexpected argument '%s'",
				       argv[1]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (survey_rounds(store, &rounds, &n, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		char o[DAY_ISO_SIZE], c[DAY_ISO_SIZE];

		printf("%s\t%s\t%s\t%s\t%ld\t%ld\n", rounds[i].name, rounds[i].survey,
		       day_format(rounds[i].opens, o), day_format(rounds[i].closes, c),
		       rounds[i].participants, rounds[i].sheets);
	}
	rc = EXIT_OK;
cleanup:
	survey_rounds_free(&rounds, n);
	store_close(&store);
	return rc;
}

int cmd_survey(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, PREFIX, survey_commands, argc - 1, argv + 1);
}
