/* `vaksam config get|set|list`: settings kept in the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/outfile.h"
#include "core/setting.h"
#include "core/store.h"

static int config_get(struct cli *cli, int argc, char **argv);
static int config_set(struct cli *cli, int argc, char **argv);
static int config_list(struct cli *cli, int argc, char **argv);

static const struct cli_command config_commands[] = {
	{ "get", config_get, "KEY", "Print the value of a setting (its default when unset)." },
	{ "set", config_set, "KEY VALUE", "Change a setting; the value is checked first." },
	{ "list", config_list, "", "Every setting with its value and what it is for." },
	{ NULL, NULL, NULL, NULL },
};

static int config_get(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	char *cause = NULL, *value;
	int rc = EXIT_REFUSED;

	(void)argv;
	if (argc != 2)
		return cli_usage_error("vaksam config", &config_commands[0], "expected one KEY");
	if (setting_def_find(argv[1]) == NULL) {
		fprintf(stderr, "vaksam: unknown setting '%s' (see 'vaksam config list')\n", argv[1]);
		return EXIT_REFUSED;
	}
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	value = setting_get(store, argv[1], &cause);
	if (value) {
		printf("%s\n", value);
		rc = EXIT_OK;
	} else if (cause) {
		rc = cli_fail(cause);
	} else {
		fprintf(stderr, "vaksam: %s is not set\n", argv[1]);
	}
	free(value);
	store_close(&store);
	return rc;
}

static int config_set(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	char *cause = NULL;
	int rc = EXIT_OK;

	if (argc != 3)
		return cli_usage_error("vaksam config", &config_commands[1], "expected KEY VALUE");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (setting_set(store, argv[1], argv[2], &cause) < 0) {
		rc = cli_fail(cause);
	} else if (strcmp(argv[1], OUTFILE_GROUP_SETTING) == 0) {
		/* A new group applies to the database, its WAL and key at once. */
		struct outfile_policy policy;

		if (outfile_policy_load(store, &policy, &cause) < 0 ||
		    outfile_secure_store(store, &policy, &cause) < 0)
			rc = cli_fail(cause);
	}
	store_close(&store);
	return rc;
}

static int config_list(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	const struct setting_def *defs;
	size_t n;

	(void)argv;
	if (argc != 1)
		return cli_usage_error("vaksam config", &config_commands[2], "no arguments expected");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	defs = setting_defs(&n);
	/* Tab-separated: key, value (empty when unset), description. */
	for (size_t i = 0; i < n; i++) {
		char *cause = NULL;
		char *value = setting_get(store, defs[i].key, &cause);

		printf("%s\t%s\t%s\n", defs[i].key, value ? value : "", defs[i].help);
		free(value);
		free(cause);
	}
	store_close(&store);
	return EXIT_OK;
}

int cmd_config(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "vaksam config", config_commands, argc - 1, argv + 1);
}
