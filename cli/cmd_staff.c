/* `vaksam staff ...`: people. The roster import lives in staff_import.c. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/commands.h"
#include "cli/staff_credential.h"
#include "cli/staff_import.h"
#include "cli/staff_security.h"
#include "core/audit.h"
#include "core/person.h"
#include "core/sanitize.h"
#include "core/store.h"
#include "core/unit.h"

static int staff_list(struct cli *cli, int argc, char **argv);
static int staff_role(struct cli *cli, int argc, char **argv);

static const struct cli_command staff_commands[] = {
	{ "import", staff_import_main, "FILE.csv [--dry-run] [--skip-invalid] [--force]",
	  "Import a roster (CSV from HR or Excel): adds, updates and deactivates people." },
	{ "list", staff_list, "[--unit PATH] [--all]",
	  "Active people (with --all also inactive), tab-separated, sorted by name." },
	{ "role", staff_role, "EMPLOYEE staff|coordinator|admin", "Set a person's role." },
	{ "badge", staff_badge_main, STAFF_BADGE_USAGE, STAFF_BADGE_HELP },
	{ "reset-pin", staff_reset_pin_main, STAFF_RESET_PIN_USAGE, STAFF_RESET_PIN_HELP },
	{ "unlock", staff_unlock_main, STAFF_UNLOCK_USAGE, STAFF_UNLOCK_HELP, 0 },
	{ "totp", staff_totp_main, STAFF_TOTP_USAGE, STAFF_TOTP_HELP, 0 },
	{ "scope", staff_scope_main, STAFF_SCOPE_USAGE, STAFF_SCOPE_HELP, 0 },
	{ NULL, NULL, NULL, NULL },
};

static int staff_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "unit", required_argument, NULL, 'u' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct person_filter filter = { NULL, false };
	struct store *store = NULL;
	struct person *people = NULL;
	char *unit = NULL, *cause = NULL;
	size_t n = 0;
	int c, rc = EXIT_REFUSED;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'u') {
			free(unit);
			unit = unit_path_normalise(optarg, &cause);
			if (unit == NULL) {
				fprintf(stderr, "vaksam: %s\n", cause);
				free(cause);
				return EXIT_USAGE;
			}
		} else if (c == 'a') {
			filter.include_inactive = true;
		} else {
			free(unit);
			return cli_usage_error("vaksam staff", &staff_commands[1], "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind < argc) {
		free(unit);
		return cli_usage_error("vaksam staff", &staff_commands[1], "unexpected argument '%s'",
				       argv[optind]);
	}
	if (cli_open_store(cli, &store) < 0) {
		free(unit);
		return EXIT_REFUSED;
	}
	if (unit) {
		long long id = 0;

		if (unit_find(store, unit, &id, &cause) < 0) {
			rc = cli_fail(cause);
			goto cleanup;
		}
		if (id == 0) {
			fprintf(stderr, "vaksam: no unit '%s' (see 'vaksam units')\n", unit);
			goto cleanup;
		}
	}
	filter.unit_path = unit;
	if (person_list(store, &filter, &people, &n, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	/* Names and units come from rosters: clean them before the terminal. */
	for (size_t i = 0; i < n; i++) {
		sanitize_fputs(people[i].employee_no, 0, stdout);
		putchar('\t');
		sanitize_fputs(people[i].name, 0, stdout);
		putchar('\t');
		sanitize_fputs(people[i].unit_path ? people[i].unit_path : "", 0, stdout);
		printf("\t%s\t%s\n", role_name(people[i].role), people[i].active ? "yes" : "no");
	}
	rc = EXIT_OK;
cleanup:
	person_list_free(&people, n);
	store_close(&store);
	free(unit);
	return rc;
}

static int staff_role(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct person p;
	enum role role;
	char *cause = NULL;
	int found, rc = EXIT_REFUSED;

	if (argc != 3)
		return cli_usage_error("vaksam staff", &staff_commands[2], "expected EMPLOYEE ROLE");
	if (role_parse(argv[2], &role) < 0)
		return cli_usage_error("vaksam staff", &staff_commands[2], "unknown role '%s'",
				       argv[2]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	found = person_find(store, argv[1], &p, &cause);
	if (found < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	if (found == 0) {
		fprintf(stderr, "vaksam: no person with employee number '%s'\n", argv[1]);
		goto cleanup;
	}
	if (store_begin(store, &cause) < 0 || person_set_role(store, p.id, role, &cause) < 0 ||
	    audit_recordf(store, 0, AUDIT_STAFF_ROLE, p.id, &cause, "role=%s", role_name(role)) < 0 ||
	    store_commit(store, &cause) < 0) {
		store_rollback(store);
		rc = cli_fail(cause);
		goto cleanup_person;
	}
	sanitize_fputs(p.employee_no, 0, stdout);
	putchar('\t');
	sanitize_fputs(p.name, 0, stdout);
	printf("\t%s\n", role_name(role));
	rc = EXIT_OK;
cleanup_person:
	person_release(&p);
cleanup:
	store_close(&store);
	return rc;
}

int cmd_staff(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "vaksam staff", staff_commands, argc - 1, argv + 1);
}
