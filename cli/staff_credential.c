/*
 * `vaksam staff badge EMPLOYEE` and `vaksam staff reset-pin EMPLOYEE`: each
 * runs in one transaction and prints the new codes only after it committed,
 * since nothing can show them again (only their hashes are stored).
 */
#include "cli/staff_credential.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/badge.h"
#include "core/login.h"
#include "core/person.h"
#include "core/store.h"

#define PREFIX "vaksam staff"

enum credential_action { ACTION_BADGE, ACTION_RESET_PIN };

static const struct cli_command badge_command = { "badge", staff_badge_main, STAFF_BADGE_USAGE,
						  STAFF_BADGE_HELP };
static const struct cli_command reset_pin_command = { "reset-pin", staff_reset_pin_main,
						      STAFF_RESET_PIN_USAGE, STAFF_RESET_PIN_HELP };

/* Prints what was issued for p; the codes grouped as on the printed label. */
static void print_issued(const struct person *p, const struct login_issued *issued)
{
	printf("Employee:        %s %s\n", p->employee_no, p->name);
	if (issued->badge) {
		char *label = badge_code_label(issued->badge);

		printf("Badge code:      %s\n", label);
		free(label);
	}
	if (issued->activation) {
		char *label = login_activation_label(issued->activation);

		printf("Activation code: %s\n", label);
		printf("Valid until:     %.10s %.5s UTC, single use\n", issued->activation_expires,
		       issued->activation_expires + 11);
		free(label);
	}
	if (issued->badge)
		printf("Any earlier badge of %s no longer works.\n", p->employee_no);
	if (issued->activation)
		printf("Give the activation code to the person privately, apart from any badge;"
		       " it cannot be shown again.\n");
}

static int credential_main(struct cli *cli, const struct cli_command *cmd,
			   enum credential_action action, int argc, char **argv)
{
	struct login_issued issued = LOGIN_ISSUED_INIT;
	struct store *store = NULL;
	struct person p;
	char *cause = NULL;
	int found, rc = EXIT_REFUSED;

	memset(&p, 0, sizeof(p));
	if (argc < 2)
		return cli_usage_error(PREFIX, cmd, "which employee?");
	if (argv[1][0] == '-' && argv[1][1] != '\0')
		return cli_usage_error(PREFIX, cmd, "unknown option '%s'", argv[1]);
	if (argc > 2)
		return cli_usage_error(PREFIX, cmd, "unexpected argument '%s'", argv[2]);
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (store_begin(store, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	found = person_find(store, argv[1], &p, &cause);
	if (found < 0)
		goto fail;
	if (found == 0) {
		fprintf(stderr, "vaksam: no person with employee number '%s'\n", argv[1]);
		goto rollback;
	}
	if (!p.active) {
		fprintf(stderr, "vaksam: employee %s is inactive and cannot log in\n",
			p.employee_no);
		goto rollback;
	}
	if (action == ACTION_BADGE) {
		if (login_issue_badge(store, p.id, &issued, &cause) < 0)
			goto fail;
	} else if (login_reset_pin(store, p.id, &issued, &cause) < 0) {
		goto fail;
	}
	if (store_commit(store, &cause) < 0)
		goto fail;
	print_issued(&p, &issued);
	rc = EXIT_OK;
	goto cleanup;
fail:
	rc = cli_fail(cause);
rollback:
	store_rollback(store);
cleanup:
	login_issued_release(&issued);
	person_release(&p);
	store_close(&store);
	return rc;
}

int staff_badge_main(struct cli *cli, int argc, char **argv)
{
	return credential_main(cli, &badge_command, ACTION_BADGE, argc, argv);
}

int staff_reset_pin_main(struct cli *cli, int argc, char **argv)
{
	return credential_main(cli, &reset_pin_command, ACTION_RESET_PIN, argc, argv);
}
