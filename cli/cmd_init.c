/* `vaksam init [--demo]`: the only command that creates a database. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "core/demo.h"
#include "core/store.h"

int cmd_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "demo", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_command self = { "init", cmd_init, "[--demo] [--db FILE]", "" };
	struct store *store = NULL;
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
	if (demo && demo_populate(store, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("created %s (schema %d) and its key %s.key\n", cli->db_path,
	       store_schema_version(store), cli->db_path);
	if (demo) {
		printf("demo organisation added; try the kiosk with:\n");
		for (const struct demo_login *l = demo_logins(); l->employee_no; l++)
			printf("  %-12s employee %s, PIN %s\n", l->role, l->employee_no, l->pin);
	}
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	return rc;
}
