/*
 * `vaksam report pdf|csv|items`: the management-review appendix as PDF, its
 * figures as CSV for spreadsheets, and the item analysis of a course as a
 * plain-text table. Every export is recorded in the audit log first
 * (report.export, with the kind and the unit id), and written with the
 * output-file rules of core/outfile.h.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/audit.h"
#include "core/day.h"
#include "core/itemstats.h"
#include "core/measure.h"
#include "core/outfile.h"
#include "core/setting.h"
#include "core/store.h"
#include "core/suppress.h"
#include "core/survey.h"
#include "core/unit.h"
#include "core/xmalloc.h"
#include "reports/report.h"

#define PREFIX "vaksam report"

static int report_pdf_main(struct cli *cli, int argc, char **argv);
static int report_csv_main(struct cli *cli, int argc, char **argv);
static int report_items_main(struct cli *cli, int argc, char **argv);

static const struct cli_command report_commands[] = {
    {"pdf", report_pdf_main, "[--unit PATH] [--from DATE] [--to DATE] [-o FILE]",
     "Write the appendix for the management review (default: the last 12 months, compared "
     "with the 12 before; -o default report-DATE.pdf).",
     0},
    {"csv", report_csv_main,
     "completion|levels|gains|items|survey|responses [--unit PATH] [--from DATE] [--to DATE]"
     " [--round NAME] [-o FILE] [--delimiter C] [--no-bom] [--decimal-point]",
     "Write the figures behind the report as CSV (UTF-8 with BOM, ';' and decimal comma by "
     "default; stdout without -o).",
     0},
    {"items", report_items_main, "COURSE [--from DATE] [--to DATE] [--csv]",
     "Item analysis of a course's quiz: facility, discrimination, alpha; flags questions to "
     "review.",
     0},
    {NULL, NULL, NULL, NULL, 0},
};

/* Options shared by the subcommands. */
struct report_args {
	const char *unit;
	const char *from, *to;
	const char *output;
	const char *round;
	struct report_csv_options csv;
	bool csv_wanted;
	bool decimal_given;
	const char *positional;
};

enum { OPT_UNIT = 1000, OPT_FROM, OPT_TO, OPT_DELIM, OPT_NOBOM, OPT_POINT, OPT_CSV, OPT_ROUND };

static int parse_args(const struct cli_command *self, int argc, char **argv, bool positional,
		      struct report_args *a)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, OPT_UNIT},
	    {"from", required_argument, NULL, OPT_FROM},
	    {"to", required_argument, NULL, OPT_TO},
	    {"output", required_argument, NULL, 'o'},
	    {"delimiter", required_argument, NULL, OPT_DELIM},
	    {"no-bom", no_argument, NULL, OPT_NOBOM},
	    {"decimal-point", no_argument, NULL, OPT_POINT},
	    {"csv", no_argument, NULL, OPT_CSV},
	    {"round", required_argument, NULL, OPT_ROUND},
	    {NULL, 0, NULL, 0},
	};
	struct report_csv_options defaults = REPORT_CSV_DEFAULTS;
	int c;

	memset(a, 0, sizeof(*a));
	a->csv = defaults;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case OPT_UNIT:
			a->unit = optarg;
			break;
		case OPT_FROM:
			a->from = optarg;
			break;
		case OPT_TO:
			a->to = optarg;
			break;
		case 'o':
			a->output = optarg;
			break;
		case OPT_DELIM:
			if (strlen(optarg) != 1 || strchr("\"\r\n", optarg[0]))
				return cli_usage_error(
				    PREFIX, self, "--delimiter takes one character (not a quote)");
			a->csv.delimiter = optarg[0];
			break;
		case OPT_NOBOM:
			a->csv.bom = false;
			break;
		case OPT_POINT:
			a->csv.decimal = '.';
			a->decimal_given = true;
			break;
		case OPT_CSV:
			a->csv_wanted = true;
			break;
		case OPT_ROUND:
			a->round = optarg;
			break;
		default:
			return cli_usage_error(PREFIX, self, "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	/* getopt_long moves options before the other arguments. */
	if (positional) {
		if (optind >= argc)
			return cli_usage_error(PREFIX, self, "what? (see the usage)");
		a->positional = argv[optind++];
	}
	if (optind < argc)
		return cli_usage_error(PREFIX, self, "unexpected argument '%s'", argv[optind]);
	if (a->csv.delimiter == a->csv.decimal)
		return cli_usage_error(
		    PREFIX, self,
		    "the delimiter '%c' is also the decimal mark: add --decimal-point",
		    a->csv.delimiter);
	return 0;
}

/* Fills the scope from the options: unit, period (default the 12 months to
 * today) and threshold. Prints the problem and returns an exit code, or 0. */
static int make_scope(struct store *store, const struct cli_command *self,
		      const struct report_args *a, struct measure_scope *scope)
{
	char *cause = NULL;

	memset(scope, 0, sizeof(*scope));
	measure_default_period(day_today(), &scope->from_day, &scope->to_day);
	if (a->to && day_parse(a->to, &scope->to_day) < 0)
		return cli_usage_error(PREFIX, self, "--to wants a date YYYY-MM-DD");
	if (a->to && !a->from)
		scope->from_day = day_add_months(scope->to_day, -MEASURE_WINDOW_MONTHS) + 1;
	if (a->from && day_parse(a->from, &scope->from_day) < 0)
		return cli_usage_error(PREFIX, self, "--from wants a date YYYY-MM-DD");
	if (scope->from_day > scope->to_day)
		return cli_usage_error(PREFIX, self, "--from is after --to");
	if (a->unit) {
		char *path = unit_path_normalise(a->unit, &cause);

		if (path == NULL)
			return cli_fail(cause);
		if (unit_find(store, path, &scope->unit_id, &cause) < 0) {
			free(path);
			return cli_fail(cause);
		}
		if (scope->unit_id == 0) {
			fprintf(stderr, "vaksam: no unit '%s' (see 'vaksam units')\n", path);
			free(path);
			return EXIT_REFUSED;
		}
		free(path);
	}
	scope->k = suppress_threshold(store);
	return 0;
}

static int audit_export(struct store *store, const char *kind, long long unit_id)
{
	char *cause = NULL;

	if (audit_recordf(store, 0, AUDIT_REPORT_EXPORT, 0, &cause, "kind=%s unit=%lld", kind,
			  unit_id) < 0)
		return cli_fail(cause);
	return 0;
}

static int report_pdf_main(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &report_commands[0];
	struct report_args a;
	struct report_pdf_options opt;
	struct measure_scope scope;
	struct store *store = NULL;
	char *cause = NULL, *path = NULL;
	char today[DAY_ISO_SIZE];
	int rc;

	rc = parse_args(self, argc, argv, false, &a);
	if (rc)
		return rc;
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	rc = make_scope(store, self, &a, &scope);
	if (rc)
		goto cleanup;
	path = a.output ? xstrdup(a.output)
			: xasprintf("report-%s.pdf", day_format(day_today(), today));
	if (outfile_check(path, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	rc = audit_export(store, "pdf", scope.unit_id);
	if (rc)
		goto cleanup;
	opt.unit_id = scope.unit_id;
	opt.from_day = scope.from_day;
	opt.to_day = scope.to_day;
	opt.path = path;
	if (report_pdf(store, &opt, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s\n", path);
	rc = EXIT_OK;
cleanup:
	free(path);
	store_close(&store);
	return rc;
}

/* Writes the items CSV of every course, or of one. */
static int items_csv(struct store *store, const char *only, const struct measure_scope *scope,
		     const struct report_sink *sink, char **cause)
{
	struct measure_course *courses = NULL;
	size_t n = 0;
	int rc = -1;

	report_rows_items_header(sink);
	if (only) {
		struct itemstats_report r;
		int found =
		    itemstats_course(store, only, scope->from_day, scope->to_day, &r, cause);

		if (found != 0) {
			if (found > 0)
				*cause = xasprintf("no course '%s'", only);
			return -1;
		}
		report_rows_items(&r, sink);
		itemstats_report_release(&r);
		return 0;
	}
	/* Every course, translations included (their questions differ). */
	if (measure_courses(store, &courses, &n, cause) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct itemstats_report r;

		if (itemstats_course(store, courses[i].slug, scope->from_day, scope->to_day, &r,
				     cause) != 0)
			goto cleanup;
		report_rows_items(&r, sink);
		itemstats_report_release(&r);
	}
	rc = 0;
cleanup:
	measure_courses_free(&courses, n);
	return rc;
}

static int write_kind(struct store *store, const char *kind, const struct report_args *a,
		      const struct measure_scope *scope, const struct report_context *rc,
		      const struct report_sink *sink, char **cause)
{
	if (strcmp(kind, "completion") == 0) {
		struct measure_completion c;

		if (measure_completion(store, scope, &c, cause) < 0)
			return -1;
		report_rows_completion(&c, rc, sink);
		measure_completion_release(&c);
	} else if (strcmp(kind, "levels") == 0) {
		struct measure_levels l;

		if (measure_levels(store, scope, &l, cause) < 0)
			return -1;
		report_rows_levels(&l, rc, sink);
		measure_levels_release(&l);
	} else if (strcmp(kind, "gains") == 0) {
		struct measure_gains g;

		if (measure_gains(store, scope, &g, cause) < 0)
			return -1;
		report_rows_gains(&g, rc, sink);
		measure_gains_release(&g);
	} else if (strcmp(kind, "items") == 0) {
		return items_csv(store, NULL, scope, sink, cause);
	} else if (strcmp(kind, "survey") == 0) {
		struct survey_results s;
		int found = survey_results(store, scope->unit_id, a->round, scope->k, &s, cause);

		if (found < 0 || (found > 0 && a->round))
			return -1;
		if (found > 0) {
			/* No round has answers yet: an empty table. */
			free(*cause);
			*cause = NULL;
			report_rows_survey(NULL, rc, sink);
			return 0;
		}
		report_rows_survey(&s, rc, sink);
		survey_results_release(&s);
	} else {
		return report_rows_responses(store, scope, rc, sink, cause);
	}
	return 0;
}

static int report_csv_main(struct cli *cli, int argc, char **argv)
{
	static const char *const kinds[] = {"completion", "levels", "gains",
					    "items",      "survey", "responses"};
	const struct cli_command *self = &report_commands[1];
	struct report_args a;
	struct measure_scope scope;
	struct report_context ctx;
	struct report_csv w;
	struct report_sink sink;
	struct outfile_policy policy = OUTFILE_POLICY_DEFAULT;
	struct store *store = NULL;
	FILE *fp = stdout;
	char *cause = NULL, *organisation = NULL;
	bool known = false;
	int rc;

	rc = parse_args(self, argc, argv, true, &a);
	if (rc)
		return rc;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
		known |= strcmp(a.positional, kinds[i]) == 0;
	if (!known)
		return cli_usage_error(PREFIX, self, "unknown kind '%s'", a.positional);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	rc = make_scope(store, self, &a, &scope);
	if (rc)
		goto cleanup;
	organisation = setting_get(store, "organisation", &cause);
	free(cause);
	cause = NULL;
	ctx.organisation = organisation;
	ctx.k = scope.k;
	if (a.output) {
		if (outfile_policy_load(store, &policy, &cause) < 0 ||
		    outfile_check(a.output, &cause) < 0) {
			rc = cli_fail(cause);
			goto cleanup;
		}
	}
	rc = audit_export(store, a.positional, scope.unit_id);
	if (rc)
		goto cleanup;
	if (a.output) {
		fp = outfile_fopen(a.output, &policy, 0, &cause);
		if (fp == NULL) {
			rc = cli_fail(cause);
			goto cleanup;
		}
	}
	report_csv_init(&w, fp, &a.csv);
	sink = report_csv_sink(&w);
	if (write_kind(store, a.positional, &a, &scope, &ctx, &sink, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	if (fflush(fp) != 0 || w.failed) {
		fprintf(stderr, "vaksam: %s: could not write the file\n",
			a.output ? a.output : "stdout");
		rc = EXIT_REFUSED;
		goto cleanup;
	}
	rc = EXIT_OK;
cleanup:
	if (fp != stdout && fp && fclose(fp) != 0 && rc == EXIT_OK) {
		fprintf(stderr, "vaksam: %s: could not write the file\n", a.output);
		rc = EXIT_REFUSED;
	}
	free(organisation);
	store_close(&store);
	return rc;
}

static int report_items_main(struct cli *cli, int argc, char **argv)
{
	const struct cli_command *self = &report_commands[2];
	struct report_args a;
	struct measure_scope scope;
	struct store *store = NULL;
	char *cause = NULL;
	int rc;

	rc = parse_args(self, argc, argv, true, &a);
	if (rc)
		return rc;
	if (a.unit)
		return cli_usage_error(PREFIX, self, "item analysis covers everyone: no --unit");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	rc = make_scope(store, self, &a, &scope);
	if (rc)
		goto cleanup;
	/* Without dates: every attempt ever. */
	if (!a.from && !a.to) {
		scope.from_day = day_from_civil(1970, 1, 1);
		scope.to_day = day_from_civil(9999, 12, 31);
	}
	if (a.csv_wanted) {
		struct report_csv w;
		struct report_sink sink;

		report_csv_init(&w, stdout, &a.csv);
		sink = report_csv_sink(&w);
		if (items_csv(store, a.positional, &scope, &sink, &cause) < 0) {
			rc = cli_fail(cause);
			goto cleanup;
		}
	} else {
		struct itemstats_report r;
		int found =
		    itemstats_course(store, a.positional, scope.from_day, scope.to_day, &r, &cause);

		if (found != 0) {
			if (found > 0) {
				fprintf(stderr, "vaksam: no course '%s'\n", a.positional);
				rc = EXIT_REFUSED;
			} else {
				rc = cli_fail(cause);
			}
			goto cleanup;
		}
		report_items_text(&r, stdout);
		itemstats_report_release(&r);
	}
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	return rc;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, PREFIX, report_commands, argc - 1, argv + 1);
}
