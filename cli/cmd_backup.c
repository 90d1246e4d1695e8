/* `vaksam backup FILE` and `vaksam restore FILE`. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/audit.h"
#include "core/backup.h"
#include "core/outfile.h"
#include "core/store.h"
#include "core/xmalloc.h"

int cmd_backup(struct cli *cli, int argc, char **argv)
{
	static const struct cli_command self = { "backup", cmd_backup, "FILE [--db FILE]", "" };
	struct store *store = NULL;
	struct backup_info info;
	struct stat st;
	char *cause = NULL;
	int rc = EXIT_OK;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error("vaksam", &self, "expected the backup FILE");
	/* Refused before the audit log records a backup that will not happen. */
	if (lstat(argv[1], &st) == 0)
		return cli_fail(xasprintf("%s: exists already; choose a new name", argv[1]));
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

/*
 * Gives the restored database, its WAL and key the modes and group of the
 * restored file_group setting, as `config set file_group` would: a restore
 * into a new place (a spare machine, a lost disk) would otherwise leave a
 * root-owned 0600 file that no kiosk account can open. Only the owner (or
 * root) may change them; for anyone else the file restored into keeps its
 * modes, which were already right. Returns 0, or -1 with *cause.
 */
static int restore_modes(struct store *store, const char *db_path, char **cause)
{
	struct outfile_policy policy;
	struct stat st;

	if (stat(db_path, &st) != 0 || (geteuid() != 0 && st.st_uid != geteuid()))
		return 0;
	if (outfile_policy_load(store, &policy, cause) < 0 ||
	    outfile_secure_store(store, &policy, cause) < 0)
		return -1;
	return 0;
}

int cmd_restore(struct cli *cli, int argc, char **argv)
{
	static const struct cli_command self = { "restore", cmd_restore, "FILE [--db FILE]", "" };
	struct store *store = NULL;
	struct backup_info info;
	struct stat st;
	char *cause = NULL;
	char *key = NULL;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error("vaksam", &self, "expected the backup FILE");
	if (backup_restore(argv[1], cli->db_path, &info, &cause) < 0)
		return cli_fail(cause);
	printf("restored %s from %s: %lld pages, schema %d\n", cli->db_path, argv[1], info.pages,
	       info.schema);
	/* The data is back; what follows only warns, it cannot undo the restore. */
	if (store_open(cli->db_path, STORE_OPEN_EXISTING, &store, &cause) < 0) {
		fprintf(stderr,
			"vaksam: warning: restore not recorded in the audit log, modes not set: %s\n",
			cause);
		goto cleanup;
	}
	/* Record the restore in the restored database's own log. */
	if (audit_recordf(store, 0, AUDIT_RESTORE, 0, &cause, "schema=%d", info.schema) < 0) {
		fprintf(stderr, "vaksam: warning: restore not recorded in the audit log: %s\n", cause);
		free(cause);
		cause = NULL;
	}
	if (restore_modes(store, cli->db_path, &cause) < 0)
		fprintf(stderr, "vaksam: warning: modes and group not set: %s\n", cause);
cleanup:
	free(cause);
	store_close(&store);
	key = xasprintf("%s.key", cli->db_path);
	if (stat(key, &st) != 0)
		fprintf(stderr, "vaksam: warning: %s is missing; restore it from its own backup, or "
				"no PIN or badge will verify\n",
			key);
	free(key);
	return EXIT_OK;
}
