/* `vaksam units`: the unit tree with head counts. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/store.h"
#include "core/unit.h"

int cmd_units(struct cli *cli, int argc, char **argv)
{
	static const struct cli_command self = { "units", cmd_units, "[--db FILE]", "" };
	struct store *store = NULL;
	struct unit *units = NULL;
	size_t n = 0;
	char *cause = NULL;
	int rc = EXIT_REFUSED;

	(void)argv;
	if (argc > 1)
		return cli_usage_error("vaksam", &self, "unexpected argument '%s'", argv[1]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (unit_list(store, &units, &n, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	/* Indented tree; the figure is the active head count of the unit and below. */
	for (size_t i = 0; i < n; i++)
		printf("%*s%s\t%d\n", units[i].depth * 2, "", units[i].name,
		       units[i].head_count_tree);
	rc = EXIT_OK;
cleanup:
	unit_list_free(&units, n);
	store_close(&store);
	return rc;
}
