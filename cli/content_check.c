/* `vaksam content check` and `vaksam content build`; see content_check.h. */
#include "cli/content_check.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "authoring/library.h"
#include "core/store.h"

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

/* Loads and checks the paths (or the content folder); prints diagnostics. */
static void load_and_check(struct cli *cli, int argc, char **argv, int first,
			   struct library *lib, struct diag_list *diags)
{
	char *fallback[1];

	if (first < argc) {
		library_load(lib, argv + first, (size_t)(argc - first), diags);
	} else {
		fallback[0] = (char *)cli_content_dir(cli);
		library_load(lib, fallback, 1, diags);
	}
	library_check(lib, diags);
	diag_sort(diags);
	diag_print(diags, stderr);
}

int content_check_cmd(struct cli *cli, int argc, char **argv)
{
	struct library lib = LIBRARY_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	bool lix = false;
	int first, rc = EXIT_OK;

	if (read_args(&check_self, argc, argv, true, &lix, &first, &rc) < 0)
		return rc;
	load_and_check(cli, argc, argv, first, &lib, &diags);
	if (lix)
		print_figures(&lib);
	printf("checked %zu course%s: %zu error%s, %zu warning%s\n", lib.n_courses,
	       lib.n_courses == 1 ? "" : "s", diags.errors, diags.errors == 1 ? "" : "s",
	       diags.warnings, diags.warnings == 1 ? "" : "s");
	if (diags.errors > 0)
		rc = EXIT_REFUSED;
	library_release(&lib);
	diag_list_release(&diags);
	return rc;
}

int content_build_cmd(struct cli *cli, int argc, char **argv)
{
	struct library lib = LIBRARY_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog_stats stats;
	struct store *store = NULL;
	char *cause = NULL;
	bool lix = false;
	int first, rc = EXIT_REFUSED;

	if (read_args(&build_self, argc, argv, false, &lix, &first, &rc) < 0)
		return rc;
	load_and_check(cli, argc, argv, first, &lib, &diags);
	if (diags.errors > 0) {
		fprintf(stderr, "vaksam: content check failed with %zu error%s; nothing was built\n",
			diags.errors, diags.errors == 1 ? "" : "s");
		goto cleanup;
	}
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	if (library_build(&lib, store, &stats, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("built %zu course%s: %d added, %d changed, %d unchanged; questions: %d added, "
	       "%d new versions, %d retired\n",
	       lib.n_courses, lib.n_courses == 1 ? "" : "s", stats.courses_added,
	       stats.courses_changed, stats.courses_unchanged, stats.questions_added,
	       stats.versions_added, stats.questions_retired);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	library_release(&lib);
	diag_list_release(&diags);
	return rc;
}
