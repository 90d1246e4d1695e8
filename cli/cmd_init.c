/* `vaksam init [--demo]`: the only command that creates a database. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "authoring/library.h"
#include "cli/commands.h"
#include "core/diag.h"
#include "core/demo.h"
#include "core/store.h"
#include "core/totp.h"
#include "core/survey.h"
#include "core/xmalloc.h"

/* Removes a database that init made but could not finish, with its key. */
static void remove_database(const char *path)
{
	const char *suffixes[] = { "", "-wal", "-shm", ".key" };

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);

		unlink(p);
		free(p);
	}
}

/* Builds the culture surveys of content_dir/surveys, when there are any. */
static int build_surveys(struct store *store, const char *content_dir, struct diag_list *diags,
			 char **cause)
{
	char *dir = xasprintf("%s/surveys", content_dir);
	struct survey_def *defs = NULL;
	struct stat st;
	size_t n = 0;
	int rc = 0;

	if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (survey_read_dir(dir, &defs, &n, diags) < 0)
			rc = -1;
		else if (n > 0)
			rc = survey_build(store, defs, n, cause);
		survey_defs_free(&defs, n);
	}
	free(dir);
	return rc;
}

int cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_command self = { "init", cmd_init, "[--demo] [--db FILE]", "" };
	struct store *store = NULL;
	struct diag_list diags = DIAG_LIST_INIT;
	char *cause = NULL;
	int demo = 0, c, rc = EXIT_REFUSED;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			demo = 1;
		else
			return cli_usage_error("vaksam", &self, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("vaksam", &self, "unexpected argument '%s'", argv[optind]);
	if (store_open(cli->db_path, STORE_CREATE_NEW, &store, &cause) < 0)
		return cli_fail(cause);
	/* The bundled course library; a library that fails its check writes
	 * nothing, and init fails rather than leave a half-made database. */
	if (library_build_dir(store, cli_content_dir(cli), &diags, &cause) < 0) {
		diag_sort(&diags);
		diag_print(&diags, stderr);
		rc = cli_fail(cause ? cause : xstrdup("the bundled content did not build"));
		store_close(&store);
		remove_database(cli->db_path);
		goto cleanup;
	}
	if (build_surveys(store, cli_content_dir(cli), &diags, &cause) < 0) {
		diag_sort(&diags);
		diag_print(&diags, stderr);
		rc = cli_fail(cause ? cause : xstrdup("the bundled surveys did not build"));
		store_close(&store);
		remove_database(cli->db_path);
		goto cleanup;
	}
	if (demo && demo_populate(store, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("created %s (schema %d) and its key %s.key; courses built from %s\n", cli->db_path,
	       store_schema_version(store), cli->db_path, cli_content_dir(cli));
	if (demo) {
		printf("demo organisation added; try the kiosk with:\n");
		for (const struct demo_login *l = demo_logins(); l->employee_no; l++)
			printf("  %-12s employee %s, PIN %s\n", l->role, l->employee_no, l->pin);
		printf("coordinator and admin also give a one-time code: run\n"
		       "  oathtool --totp -b %s\n"
		       "or add that key to an authenticator app\n",
		       TOTP_DEMO_SECRET);
	}
	rc = EXIT_OK;
cleanup:
	diag_list_release(&diags);
	store_close(&store);
	return rc;
}
