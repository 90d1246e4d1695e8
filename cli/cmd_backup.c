/* `vaksam backup FILE` and `vaksam restore FILE`. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "core/audit.h"
#include "core/backup.h"
#include "core/store.h"

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct cli_command self = { "backup", cmd_backup, "FILE [--db FILE]", "" };
	struct store *store = NULL;
	struct backup_info info;
	char *cause = NULL;
	int rc = EXIT_OK;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error("vaksam", &self, "expected the backup FILE");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	/* A backup is a copy of everything: it is recorded like an export. */
	if (audit_recordf(store, 0, AUDIT_BACKUP, 0, &cause, "backup") < 0 ||
	    backup_write(store, argv[1], &info, &cause) < 0)
		rc = cli_fail(cause);
	else
		printf("%s: %lld pages, %lld bytes, schema %d (the key file %s.key is not in it: "
		       "back it up separately)\n",
		       argv[1], info.pages, info.bytes, info.schema, cli->db_path);
	store_close(&store);
	return rc;
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	static const struct cli_command self = { "restore", cmd_restore, "FILE [--db FILE]", "" };
	struct backup_info info;
	struct stat st;
	char *cause = NULL;
	char key[4096];

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error("vaksam", &self, "expected the backup FILE");
	if (backup_restore(argv[1], cli->db_path, &info, &cause) < 0)
		return cli_fail(cause);
	printf("restored %s from %s: %lld pages, schema %d\n", cli->db_path, argv[1], info.pages,
	       info.schema);
	{
		struct store *store = NULL;

		/* Record the restore in the restored database's own log. */
		if (store_open(cli->db_path, STORE_OPEN_EXISTING, &store, &cause) < 0 ||
		    audit_recordf(store, 0, AUDIT_RESTORE, 0, &cause, "schema=%d", info.schema) < 0) {
			fprintf(stderr, "vaksam: warning: restore not recorded in the audit log: %s\n",
				cause);
			free(cause);
		}
		store_close(&store);
	}
	snprintf(key, sizeof(key), "%s.key", cli->db_path);
	if (stat(key, &st) != 0)
		fprintf(stderr, "vaksam: warning: %s is missing; restore it from its own backup, or "
				"no PIN or badge will verify\n",
			key);
	return EXIT_OK;
}
