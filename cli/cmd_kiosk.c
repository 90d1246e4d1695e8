/* `vaksam kiosk`: until the kiosk lands, a message that says so. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/store.h"

int cmd_kiosk(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;

	(void)argc;
	(void)argv;
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	printf("vaksam kiosk: the database %s is ready (schema %d).\n"
	       "The kiosk screens are not built yet; see issue 5.\n",
	       cli->db_path, store_schema_version(store));
	store_close(&store);
	return EXIT_OK;
}
