/* `vaksam content check` and `vaksam content build`; see content_check.h. */
#include "cli/content_check.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "authoring/library.h"
#include "core/store.h"
#include "core/survey.h"
#include "core/xmalloc.h"

/*
 * What one run read: the courses, and when no PATH was given (the whole
 * content folder) the culture surveys of its surveys/ folder as well.
 */
struct content_run {
	struct library lib;
	bool has_surveys;           /* the content folder has surveys/ */
	struct survey_def *surveys; /* owned, n_surveys entries */
	size_t n_surveys;
	struct diag_list diags;
};

#define CONTENT_RUN_INIT { LIBRARY_INIT, false, NULL, 0, DIAG_LIST_INIT }

static const struct cli_command check_self = { "check", content_check_cmd, CONTENT_CHECK_USAGE,
					       CONTENT_CHECK_HELP, 0 };
static const struct cli_command build_self = { "build", content_build_cmd, CONTENT_BUILD_USAGE,
					       CONTENT_BUILD_HELP, 0 };

/* Writes text with control characters shown as '?' (titles come from files). */
static void put_clean(const char *s, FILE *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, out);
}

static void print_figures(const struct library *lib)
{
	for (size_t i = 0; i < lib->n_figures; i++) {
		const struct library_figure *f = &lib->figures[i];

		put_clean(f->file, stdout);
		if (f->skipped)
			printf(":%d: LIX -, sources page not counted: ", f->line);
		else
			printf(":%d: LIX %.1f (%d words, %d sentences, %d long words): ", f->line,
			       lix_value(&f->lix), f->lix.words, f->lix.sentences,
			       f->lix.long_words);
		put_clean(f->title, stdout);
		putchar('\n');
	}
}

/*
 * Reads options and paths shared by check and build. Returns -1 after a
 * usage error (printed; *rc set), else 0 with the paths in argv[*first..argc).
 */
static int read_args(const struct cli_command *self, int argc, char **argv, bool allow_lix,
		     bool *lix, int *first, int *rc)
{
	static const struct option opts[] = {
		{ "lix", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'l' && allow_lix) {
			*lix = true;
			continue;
		}
		*rc = cli_usage_error("vaksam content", self, "unknown option '%s'",
				      argv[optind - 1]);
		return -1;
	}
	*first = optind;
	return 0;
}

/* Reads the surveys of content_dir/surveys, when that folder exists; their
 * problems go to run->diags. */
static void load_surveys(struct content_run *run, const char *content_dir)
{
	char *dir = xasprintf("%s/surveys", content_dir);
	struct stat st;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		run->has_surveys = true;
		survey_read_dir(dir, &run->surveys, &run->n_surveys, &run->diags);
	}
	free(dir);
}

/* Loads and checks the paths (or the content folder with its surveys) into
 * run; prints the diagnostics. */
static void load_and_check(struct cli *cli, int argc, char **argv, int first,
			   struct content_run *run)
{
	char *fallback[1];

	if (first < argc) {
		library_load(&run->lib, argv + first, (size_t)(argc - first), &run->diags);
	} else {
		fallback[0] = (char *)cli_content_dir(cli);
		library_load(&run->lib, fallback, 1, &run->diags);
		load_surveys(run, fallback[0]);
	}
	library_check(&run->lib, &run->diags);
	diag_sort(&run->diags);
	diag_print(&run->diags, stderr);
}

static void content_run_release(struct content_run *run)
{
	library_release(&run->lib);
	survey_defs_free(&run->surveys, run->n_surveys);
	run->n_surveys = 0;
	run->has_surveys = false;
	diag_list_release(&run->diags);
}

/* "19 courses" or "19 courses and 1 survey", for the summary lines. */
static void print_counts(const struct content_run *run)
{
	printf("%zu course%s", run->lib.n_courses, run->lib.n_courses == 1 ? "" : "s");
	if (run->has_surveys)
		printf(" and %zu survey%s", run->n_surveys, run->n_surveys == 1 ? "" : "s");
}

int content_check_cmd(struct cli *cli, int argc, char **argv)
{
	struct content_run run = CONTENT_RUN_INIT;
	bool lix = false;
	int first, rc = EXIT_OK;

	if (read_args(&check_self, argc, argv, true, &lix, &first, &rc) < 0)
		return rc;
	load_and_check(cli, argc, argv, first, &run);
	if (lix)
		print_figures(&run.lib);
	printf("checked ");
	print_counts(&run);
	printf(": %zu error%s, %zu warning%s\n", run.diags.errors,
	       run.diags.errors == 1 ? "" : "s", run.diags.warnings,
	       run.diags.warnings == 1 ? "" : "s");
	if (run.diags.errors > 0)
		rc = EXIT_REFUSED;
	content_run_release(&run);
	return rc;
}

int content_build_cmd(struct cli *cli, int argc, char **argv)
{
	struct content_run run = CONTENT_RUN_INIT;
	struct catalog_stats stats;
	struct store *store = NULL;
	char *cause = NULL;
	bool lix = false;
	int first, rc = EXIT_REFUSED;

	if (read_args(&build_self, argc, argv, false, &lix, &first, &rc) < 0)
		return rc;
	load_and_check(cli, argc, argv, first, &run);
	if (run.diags.errors > 0) {
		fprintf(stderr, "vaksam: content check failed with %zu error%s; nothing was built\n",
			run.diags.errors, run.diags.errors == 1 ? "" : "s");
		goto cleanup;
	}
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	/*
	 * Surveys and courses are built in two transactions (survey_build()
	 * opens its own). The surveys go first: they are the ones that can be
	 * refused by what the database holds (an answered item may not change
	 * its meaning), and then nothing at all has been written.
	 */
	if (run.n_surveys > 0 && survey_build(store, run.surveys, run.n_surveys, &cause) < 0) {
		/* The cause is FILE:LINE:COL: error: ... or a store error. */
		fprintf(stderr, "%s\nvaksam: nothing was built\n", cause);
		free(cause);
		goto cleanup;
	}
	if (library_build(&run.lib, store, &stats, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("built %zu course%s: %d added, %d changed, %d unchanged; questions: %d added, "
	       "%d new versions, %d retired\n",
	       run.lib.n_courses, run.lib.n_courses == 1 ? "" : "s", stats.courses_added,
	       stats.courses_changed, stats.courses_unchanged, stats.questions_added,
	       stats.versions_added, stats.questions_retired);
	for (size_t i = 0; i < run.n_surveys; i++)
		printf("built survey %s: %zu items\n", run.surveys[i].slug,
		       run.surveys[i].n_items);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	content_run_release(&run);
	return rc;
}
