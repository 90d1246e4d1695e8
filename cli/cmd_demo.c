/*
 * `vaksam demo generate --staff N --years Y [--seed S]`: a generated
 * organisation with years of training history (core/generate.h), for
 * demonstrations, tests and benchmarks. stdout: one line of counts.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/generate.h"
#include "core/store.h"
#include "core/xmalloc.h"

#define PREFIX "vaksam demo"

static int demo_generate(struct cli *cli, int argc, char **argv);

static const struct cli_command demo_commands[] = {
    {"generate", demo_generate, "--staff N --years Y [--seed S] [--db FILE]",
     "Add a generated organisation of N active people with Y years of courses, paper "
     "quizzes and survey rounds (deterministic for a seed and a day; nobody gets a PIN).",
     0},
    {NULL, NULL, NULL, NULL, 0},
};

/* Reads a whole number from lo to hi; returns -1 when text is not one. */
static int number(const char *text, long long lo, long long hi, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno || end == text || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int demo_generate(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"staff", required_argument, NULL, 'n'},
	    {"years", required_argument, NULL, 'y'},
	    {"seed", required_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	const struct cli_command *self = &demo_commands[0];
	struct generate_options opt = {0, 0, 1, NULL};
	struct generate_stats stats;
	struct store *store = NULL;
	char *cause = NULL, *survey_dir = NULL;
	long long v;
	int c, rc = EXIT_REFUSED;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (number(optarg, 1, 1000000, &v) < 0)
				return cli_usage_error(PREFIX, self, "--staff must be 1-1000000");
			opt.staff = (long)v;
			break;
		case 'y':
			if (number(optarg, 1, 20, &v) < 0)
				return cli_usage_error(PREFIX, self, "--years must be 1-20");
			opt.years = (int)v;
			break;
		case 's':
			if (number(optarg, 0, 9223372036854775807LL, &v) < 0)
				return cli_usage_error(PREFIX, self,
						       "--seed must be a whole number");
			opt.seed = (unsigned long long)v;
			break;
		default:
			return cli_usage_error(PREFIX, self, "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(PREFIX, self, "unexpected argument '%s'", argv[optind]);
	if (opt.staff == 0 || opt.years == 0)
		return cli_usage_error(PREFIX, self, "--staff and --years are required");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	survey_dir = xasprintf("%s/surveys", cli_content_dir(cli));
	opt.survey_dir = survey_dir;
	if (generate_run(store, &opt, &stats, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("generated %ld units, %ld people (%ld left, %ld coordinators and admins), "
	       "%ld attempts (%ld on paper), %ld responses, %ld completions, "
	       "%ld survey rounds with %ld sheets\n",
	       stats.units, stats.people, stats.left, stats.coordinators, stats.attempts,
	       stats.paper_attempts, stats.responses, stats.completions, stats.rounds,
	       stats.sheets);
	rc = EXIT_OK;
cleanup:
	free(survey_dir);
	store_close(&store);
	return rc;
}

int cmd_demo(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, PREFIX, demo_commands, argc - 1, argv + 1);
}
