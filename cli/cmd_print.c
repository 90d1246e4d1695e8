/*
 * `vaksam print KIND ...`: printed material as PDF (reports/). Every kind
 * writes to -o FILE, else to KIND-NAME.pdf in the current folder, and prints
 * the path it wrote on stdout. A path that is a symbolic link, or in a folder
 * that does not exist, is refused; files are written with mode 0600.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/store.h"
#include "core/unit.h"
#include "core/xmalloc.h"
#include "reports/badge.h"
#include "reports/booklet.h"
#include "reports/certificate.h"
#include "reports/doc.h"
#include "reports/handout.h"
#include "reports/quizsheet.h"

#define PREFIX "vaksam print"

static int print_handout(struct cli *cli, int argc, char **argv);
static int print_badges(struct cli *cli, int argc, char **argv);
static int print_course(struct cli *cli, int argc, char **argv);
static int print_quiz(struct cli *cli, int argc, char **argv);
static int print_certificate(struct cli *cli, int argc, char **argv);

static const struct cli_command print_commands[] = {
    {"handout", print_handout, "(COURSE | --all) [-o FILE]",
     "A course's handout on one A4 page with its QR codes; --all every handout."},
    {"badges", print_badges,
     "(--unit PATH | --employee N [--employee N ...] | --all) [-o FILE] [--slips FILE]",
     "Login cards, 8 to a sheet; issues new badge codes and revokes the old cards."},
    {"course", print_course, "COURSE [-o FILE]",
     "The whole course as a booklet, ending with the way to the paper quiz."},
    {"quiz", print_quiz, "COURSE --unit PATH [--anonymous N] [-o FILE]",
     "Paper quiz sheets: one per person of the unit, or N anonymous ones."},
    {"certificate", print_certificate, "EMPLOYEE (COURSE | --programme) [-o FILE]",
     "A certificate (intyg) with a verification code."},
    {NULL, NULL, NULL, NULL},
};

enum {
	OPT_OUTPUT = 'o',
	OPT_ALL = 'a',
	OPT_UNIT = 'u',
	OPT_EMPLOYEE = 'e',
	OPT_SLIPS = 's',
	OPT_ANONYMOUS = 'n',
	OPT_PROGRAMME = 'p'
};

static const struct option print_options[] = {
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"all", no_argument, NULL, OPT_ALL},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"employee", required_argument, NULL, OPT_EMPLOYEE},
    {"slips", required_argument, NULL, OPT_SLIPS},
    {"anonymous", required_argument, NULL, OPT_ANONYMOUS},
    {"programme", no_argument, NULL, OPT_PROGRAMME},
    {"program", no_argument, NULL, OPT_PROGRAMME},
    {NULL, 0, NULL, 0},
};

/* What the options of one kind gave; unit is normalised and owned. */
struct print_args {
	const char *output;
	bool all, programme;
	char *unit;
	const char **employees; /* owned array of borrowed strings */
	size_t n_employees;
	const char *slips;
	long anonymous; /* -1 when not given */
	const char *positional[2];
	size_t n_positional;
};

static void args_release(struct print_args *a)
{
	free(a->unit);
	free(a->employees);
}

/* Which options a kind accepts. */
#define ACCEPT(c) (strchr(accepted, (c)) != NULL)

/*
 * Parses argv for one kind. accepted lists the option letters it takes;
 * max_positional how many plain arguments. Returns 0, or an exit code after
 * printing a usage error.
 */
static int args_parse(const struct cli_command *cmd, int argc, char **argv, const char *accepted,
		      size_t max_positional, struct print_args *a)
{
	char *cause = NULL;
	int c;

	memset(a, 0, sizeof(*a));
	a->anonymous = -1;
	optind = 0; /* glibc: start afresh */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", print_options, NULL)) != -1) {
		if (c == ':')
			return cli_usage_error(PREFIX, cmd, "%s needs a value", argv[optind - 1]);
		if (c == '?' || !ACCEPT(c))
			return cli_usage_error(PREFIX, cmd, "unknown option '%s'",
					       argv[optind - 1]);
		switch (c) {
		case OPT_OUTPUT:
			a->output = optarg;
			break;
		case OPT_ALL:
			a->all = true;
			break;
		case OPT_PROGRAMME:
			a->programme = true;
			break;
		case OPT_UNIT:
			free(a->unit);
			a->unit = unit_path_normalise(optarg, &cause);
			if (a->unit == NULL) {
				cli_usage_error(PREFIX, cmd, "--unit: %s", cause);
				free(cause);
				return EXIT_USAGE;
			}
			break;
		case OPT_EMPLOYEE:
			a->employees =
			    xreallocarray(a->employees, a->n_employees + 1, sizeof(char *));
			a->employees[a->n_employees++] = optarg;
			break;
		case OPT_SLIPS:
			a->slips = optarg;
			break;
		case OPT_ANONYMOUS: {
			char *end;

			a->anonymous = strtol(optarg, &end, 10);
			if (end == optarg || *end || a->anonymous < 1 || a->anonymous > 10000)
				return cli_usage_error(
				    PREFIX, cmd, "--anonymous needs a number from 1 to 10000");
			break;
		}
		default:
			break;
		}
	}
	for (int i = optind; i < argc; i++) {
		if (a->n_positional == max_positional)
			return cli_usage_error(PREFIX, cmd, "unexpected argument '%s'", argv[i]);
		a->positional[a->n_positional++] = argv[i];
	}
	if (a->output && *a->output == '\0')
		return cli_usage_error(PREFIX, cmd, "-o needs a file name");
	return 0;
}

/* Returns -o FILE, or a newly allocated KIND-NAME.pdf; caller frees. */
static char *output_path(const struct print_args *a, const char *kind, const char *name)
{
	char *slug, *path;

	if (a->output)
		return xstrdup(a->output);
	slug = doc_slug(name);
	path = xasprintf("%s-%s.pdf", kind, slug);
	free(slug);
	return path;
}

/* Opens the store and checks the unit given, when one was. */
static int open_with_unit(struct cli *cli, const char *unit, struct store **store)
{
	char *cause = NULL;
	long long id = 0;

	if (cli_open_store(cli, store) < 0)
		return -1;
	if (unit == NULL)
		return 0;
	if (unit_find(*store, unit, &id, &cause) < 0) {
		cli_fail(cause);
		store_close(store);
		return -1;
	}
	if (id == 0) {
		fprintf(stderr, "vaksam: no unit '%s' (see 'vaksam units')\n", unit);
		store_close(store);
		return -1;
	}
	return 0;
}

static void warn(char *warning)
{
	if (warning)
		fprintf(stderr, "vaksam: warning: %s\n", warning);
	free(warning);
}

static int print_handout(struct cli *cli, int argc, char **argv)
{
	struct print_args a;
	struct store *store = NULL;
	char *path = NULL, *cause = NULL, *warning = NULL;
	int rc;

	rc = args_parse(&print_commands[0], argc, argv, "oa", 1, &a);
	if (rc)
		goto cleanup;
	if (a.all == (a.n_positional == 1)) {
		rc = cli_usage_error(PREFIX, &print_commands[0],
				     a.all ? "give a course or --all, not both" : "which course?");
		goto cleanup;
	}
	rc = EXIT_REFUSED;
	path = output_path(&a, "handout", a.all ? "all" : a.positional[0]);
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	if (handout_print(store, a.all ? NULL : a.positional[0], path, &warning, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	warn(warning);
	printf("%s\n", path);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	free(path);
	args_release(&a);
	return rc;
}

static int print_badges(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = &print_commands[1];
	struct badgecard_selection sel;
	struct badgecard_result res;
	struct print_args a;
	struct store *store = NULL;
	char *path = NULL, *cause = NULL, *name = NULL;
	int selectors, rc;

	rc = args_parse(cmd, argc, argv, "oaues", 0, &a);
	if (rc)
		goto cleanup;
	selectors = (a.unit != NULL) + (a.n_employees > 0) + a.all;
	if (selectors != 1) {
		rc = cli_usage_error(PREFIX, cmd,
				     selectors
					 ? "give only one of --unit, --employee and --all"
					 : "whose cards? Give --unit PATH, --employee N or --all"
					   " (printing revokes the old cards)");
		goto cleanup;
	}
	rc = EXIT_REFUSED;
	if (a.unit) {
		const char *last = strrchr(a.unit, '/');

		name = xstrdup(last ? last + 1 : a.unit);
	} else if (a.n_employees == 1) {
		name = xstrdup(a.employees[0]);
	} else {
		name = xstrdup(a.all ? "all" : "employees");
	}
	path = output_path(&a, "badges", name);
	if (a.slips && strcmp(a.slips, path) == 0) {
		rc = cli_usage_error(PREFIX, cmd, "--slips must name another file than the cards");
		goto cleanup;
	}
	if (open_with_unit(cli, a.unit, &store) < 0)
		goto cleanup;
	memset(&sel, 0, sizeof(sel));
	sel.unit_path = a.unit;
	sel.employees = a.employees;
	sel.n_employees = a.n_employees;
	sel.all = a.all;
	if (badgecard_print(store, &sel, path, a.slips, &res, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s\n", path);
	if (a.slips && res.slips)
		printf("%s\n", a.slips);
	fprintf(stderr,
		"vaksam: %zu cards on %zu sheets, %zu activation slips; earlier cards of"
		" these people no longer work\n",
		res.cards, res.sheets, res.slips);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	free(path);
	free(name);
	args_release(&a);
	return rc;
}

static int print_course(struct cli *cli, int argc, char **argv)
{
	struct print_args a;
	struct store *store = NULL;
	char *path = NULL, *cause = NULL, *warning = NULL;
	size_t pages = 0;
	int rc;

	rc = args_parse(&print_commands[2], argc, argv, "o", 1, &a);
	if (rc)
		goto cleanup;
	if (a.n_positional != 1) {
		rc = cli_usage_error(PREFIX, &print_commands[2], "which course?");
		goto cleanup;
	}
	rc = EXIT_REFUSED;
	path = output_path(&a, "course", a.positional[0]);
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	if (booklet_print(store, a.positional[0], path, &pages, &warning, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	warn(warning);
	printf("%s\n", path);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	free(path);
	args_release(&a);
	return rc;
}

static int print_quiz(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = &print_commands[3];
	struct quizsheet_request req;
	struct quizsheet_result res;
	struct print_args a;
	struct store *store = NULL;
	char *path = NULL, *cause = NULL, *name = NULL;
	int rc;

	rc = args_parse(cmd, argc, argv, "oun", 1, &a);
	if (rc)
		goto cleanup;
	if (a.n_positional != 1) {
		rc = cli_usage_error(PREFIX, cmd, "which course?");
		goto cleanup;
	}
	if (a.unit == NULL) {
		rc = cli_usage_error(PREFIX, cmd, "for which unit? Give --unit PATH");
		goto cleanup;
	}
	rc = EXIT_REFUSED;
	{
		const char *last = strrchr(a.unit, '/');

		name = xasprintf("%s-%s", a.positional[0], last ? last + 1 : a.unit);
	}
	path = output_path(&a, "quiz", name);
	if (open_with_unit(cli, a.unit, &store) < 0)
		goto cleanup;
	req.course = a.positional[0];
	req.unit_path = a.unit;
	req.anonymous = a.anonymous > 0 ? (size_t)a.anonymous : 0;
	if (quizsheet_print(store, &req, path, &res, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s\n", path);
	fprintf(stderr, "vaksam: %zu sheets on %zu pages recorded\n", res.sheets, res.pages);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	free(path);
	free(name);
	args_release(&a);
	return rc;
}

static int print_certificate(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *cmd = &print_commands[4];
	struct print_args a;
	struct store *store = NULL;
	char *path = NULL, *cause = NULL, *name = NULL, *code = NULL;
	int rc;

	rc = args_parse(cmd, argc, argv, "op", 2, &a);
	if (rc)
		goto cleanup;
	if (a.n_positional == 0) {
		rc = cli_usage_error(PREFIX, cmd, "which employee?");
		goto cleanup;
	}
	if (a.programme == (a.n_positional == 2)) {
		rc = cli_usage_error(PREFIX, cmd,
				     a.programme ? "give a course or --programme, not both"
						 : "for which course? Give COURSE or --programme");
		goto cleanup;
	}
	rc = EXIT_REFUSED;
	name = xasprintf("%s-%s", a.positional[0], a.programme ? "programme" : a.positional[1]);
	path = output_path(&a, "certificate", name);
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	if (certificate_print(store, a.positional[0], a.programme ? NULL : a.positional[1], path,
			      &code, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s\n", path);
	fprintf(stderr, "vaksam: verification code %s\n", code);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	free(path);
	free(name);
	free(code);
	args_release(&a);
	return rc;
}

int cmd_print(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, PREFIX, print_commands, argc - 1, argv + 1);
}
