/*
 * `vaksam staff unlock EMPLOYEE`, `vaksam staff totp EMPLOYEE` and
 * `vaksam staff scope EMPLOYEE [UNIT...]`. Each change runs in one
 * transaction with its audit entry; secrets are printed only after the
 * transaction committed, since nothing can show them again. Text from the
 * database or the command line is cleaned before it is printed.
 */
#include "cli/staff_security.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/login.h"
#include "core/person.h"
#include "core/sanitize.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/totp.h"
#include "core/unit.h"
#include "core/xmalloc.h"

#define PREFIX "vaksam staff"

static const struct cli_command unlock_command = {
	.name = "unlock", .fn = staff_unlock_main, .usage = STAFF_UNLOCK_USAGE,
	.help = STAFF_UNLOCK_HELP
};
static const struct cli_command totp_command = {
	.name = "totp", .fn = staff_totp_main, .usage = STAFF_TOTP_USAGE, .help = STAFF_TOTP_HELP
};
static const struct cli_command scope_command = {
	.name = "scope", .fn = staff_scope_main, .usage = STAFF_SCOPE_USAGE, .help = STAFF_SCOPE_HELP
};

/* Prints "vaksam: BEFORE'ARG'AFTER" with arg cleaned; returns EXIT_REFUSED. */
static int refuse(const char *before, const char *arg, const char *after)
{
	char *clean = sanitize_text(arg, 0);

	fprintf(stderr, "vaksam: %s%s%s\n", before, clean, after);
	free(clean);
	return EXIT_REFUSED;
}

/* Finds the person named on the command line; prints why not. Returns 1
 * found (release *p), 0 not (message printed), -1 error (printed). */
static int find_person(struct store *store, const char *employee_no, struct person *p)
{
	char *cause = NULL;
	int found = person_find(store, employee_no, p, &cause);

	if (found < 0)
		cli_fail(cause);
	else if (found == 0)
		refuse("no person with employee number '", employee_no, "'");
	return found;
}

/* One line about a lock, into sb. */
static void describe_lock(struct strbuf *sb, const char *via, const struct login_lock_info *info)
{
	if (info->locked_until)
		strbuf_addf(sb, "%s locked until %s", via, info->locked_until);
	else if (info->failures > 0)
		strbuf_addf(sb, "%s not locked, %d wrong in a row", via, info->failures);
	else
		strbuf_addf(sb, "%s not locked", via);
}

int staff_unlock_main(struct cli *cli, int argc, char **argv)
{
	struct login_lock_info by_number = { 0, 0, NULL }, by_badge = { 0, 0, NULL };
	struct strbuf sb = STRBUF_INIT;
	struct store *store = NULL;
	struct person p;
	char *cause = NULL, *name = NULL;
	int cleared = 0, rc = EXIT_REFUSED;

	memset(&p, 0, sizeof(p));
	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(PREFIX, &unlock_command, "expected EMPLOYEE");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (find_person(store, argv[1], &p) <= 0)
		goto cleanup;
	if (store_begin(store, &cause) < 0 ||
	    login_lock_read(store, p.id, LOGIN_VIA_NUMBER, &by_number, &cause) < 0 ||
	    login_lock_read(store, p.id, LOGIN_VIA_BADGE, &by_badge, &cause) < 0 ||
	    login_unlock(store, p.id, &cleared, &cause) < 0 || store_commit(store, &cause) < 0) {
		store_rollback(store);
		rc = cli_fail(cause);
		goto cleanup;
	}
	name = sanitize_text(p.name, 0);
	describe_lock(&sb, "number", &by_number);
	strbuf_addstr(&sb, "; ");
	describe_lock(&sb, "badge", &by_badge);
	printf("%s\t%s\tunlocked (before: %s)\n", p.employee_no, name, sb.buf);
	rc = EXIT_OK;
cleanup:
	free(name);
	strbuf_release(&sb);
	login_lock_info_release(&by_number);
	login_lock_info_release(&by_badge);
	person_release(&p);
	store_close(&store);
	return rc;
}

int staff_totp_main(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct person p;
	const char *employee = NULL;
	char *cause = NULL, *secret = NULL, *uri = NULL, *qr = NULL, *name = NULL;
	bool invert = false, no_qr = false;
	int rc = EXIT_REFUSED;

	memset(&p, 0, sizeof(p));
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--invert") == 0)
			invert = true;
		else if (strcmp(argv[i], "--no-qr") == 0)
			no_qr = true;
		else if (argv[i][0] == '-')
			return cli_usage_error(PREFIX, &totp_command, "unknown option '%s'", argv[i]);
		else if (employee == NULL)
			employee = argv[i];
		else
			return cli_usage_error(PREFIX, &totp_command, "unexpected argument '%s'",
					       argv[i]);
	}
	if (employee == NULL)
		return cli_usage_error(PREFIX, &totp_command, "which employee?");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (find_person(store, employee, &p) <= 0)
		goto cleanup;
	if (!p.active) {
		rc = refuse("employee ", p.employee_no, " is inactive and cannot log in");
		goto cleanup;
	}
	if (p.role == ROLE_STAFF) {
		rc = refuse("employee ", p.employee_no,
			    " is staff; one-time codes are for coordinators and admins "
			    "(see 'vaksam staff role')");
		goto cleanup;
	}
	if (store_begin(store, &cause) < 0 || totp_enrol(store, p.id, &secret, &cause) < 0 ||
	    audit_record(store, 0, AUDIT_TOTP_ENROL, p.id, NULL, &cause) < 0 ||
	    store_commit(store, &cause) < 0) {
		store_rollback(store);
		rc = cli_fail(cause);
		goto cleanup;
	}
	uri = totp_uri("vaksam", p.employee_no, secret);
	if (!no_qr && totp_qr_text(uri, invert, &qr, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	name = sanitize_text(p.name, 0);
	printf("Employee:  %s %s\n", p.employee_no, name);
	printf("Secret:    %s\n", secret);
	printf("URI:       %s\n", uri);
	if (qr)
		printf("\n%s\n", qr);
	printf("Scan the code with an authenticator app (or type the secret), then log in with a "
	       "code from it.\nAny earlier secret of %s no longer works. Codes: %d digits, every "
	       "%d seconds.\n",
	       p.employee_no, TOTP_DIGITS, TOTP_STEP_SECONDS);
	rc = EXIT_OK;
cleanup:
	totp_secret_free(&secret);
	totp_secret_free(&uri);
	totp_secret_free(&qr);
	free(name);
	person_release(&p);
	store_close(&store);
	return rc;
}

/* Prints what a coordinator covers: the roots, then how many units. */
static int print_scope(struct store *store, const struct person *p)
{
	struct access a = ACCESS_INIT;
	struct unit *units = NULL;
	long long *given = NULL;
	size_t n_units = 0, n_given = 0;
	char *cause = NULL, *name = sanitize_text(p->name, 0);
	int rc = EXIT_REFUSED;

	if (access_load(store, p->id, &a, &cause) < 0 ||
	    access_scope_get(store, p->id, &given, &n_given, &cause) < 0 ||
	    unit_list(store, &units, &n_units, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%s\t%s\t%s\t%s\n", p->employee_no, name, role_name(p->role),
	       n_given ? "units given with staff scope" : "own unit");
	for (size_t r = 0; r < a.n_roots; r++) {
		for (size_t i = 0; i < n_units; i++) {
			size_t below = 0, len;
			char *path;

			if (units[i].id != a.roots[r])
				continue;
			len = strlen(units[i].path);
			for (size_t j = 0; j < n_units; j++)
				below += strncmp(units[j].path, units[i].path, len) == 0 &&
					 units[j].path[len] == '/';
			path = sanitize_text(units[i].path, 0);
			printf("covers\t%s\t(and %zu units below)\n", path, below);
			free(path);
		}
	}
	if (p->role == ROLE_ADMIN)
		printf("covers\teverything (admin)\n");
	else if (p->role == ROLE_STAFF)
		printf("covers\tonly their own data (staff)\n");
	rc = EXIT_OK;
cleanup:
	free(name);
	free(given);
	unit_list_free(&units, n_units);
	access_release(&a);
	return rc;
}

int staff_scope_main(struct cli *cli, int argc, char **argv)
{
	struct store *store = NULL;
	struct person p;
	struct strbuf ids = STRBUF_INIT;
	long long *units = NULL;
	size_t n = 0;
	bool clear = false;
	char *cause = NULL;
	int rc = EXIT_REFUSED;

	memset(&p, 0, sizeof(p));
	if (argc < 2 || argv[1][0] == '-')
		return cli_usage_error(PREFIX, &scope_command, "expected EMPLOYEE [UNIT...]");
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--clear") == 0)
			clear = true;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage_error(PREFIX, &scope_command, "unknown option '%s'", argv[i]);
	}
	if (clear && argc > 3)
		return cli_usage_error(PREFIX, &scope_command, "--clear takes no units");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (find_person(store, argv[1], &p) <= 0)
		goto cleanup;
	if (argc == 2) {
		rc = print_scope(store, &p);
		goto cleanup;
	}
	if (p.role != ROLE_COORDINATOR) {
		rc = refuse("employee ", p.employee_no,
			    " is not a coordinator; only coordinators are given units "
			    "(admins see everything, staff only themselves)");
		goto cleanup;
	}
	units = xcalloc((size_t)argc, sizeof(*units));
	for (int i = 2; i < argc && !clear; i++) {
		char *path = unit_path_normalise(argv[i], &cause);
		long long id = 0;

		if (path == NULL) {
			rc = cli_fail(cause);
			goto cleanup;
		}
		if (unit_find(store, path, &id, &cause) < 0) {
			free(path);
			rc = cli_fail(cause);
			goto cleanup;
		}
		free(path);
		if (id == 0) {
			rc = refuse("no unit '", argv[i], "' (see 'vaksam units'); nothing was changed");
			goto cleanup;
		}
		units[n++] = id;
		strbuf_addf(&ids, "%s%lld", ids.len ? "," : "", id);
	}
	if (store_begin(store, &cause) < 0 || access_scope_set(store, p.id, units, n, &cause) < 0 ||
	    audit_recordf(store, 0, AUDIT_ACCESS_SCOPE, p.id, &cause, "units=%s",
			  n ? ids.buf : "own") < 0 ||
	    store_commit(store, &cause) < 0) {
		store_rollback(store);
		rc = cli_fail(cause);
		goto cleanup;
	}
	rc = print_scope(store, &p);
cleanup:
	free(units);
	strbuf_release(&ids);
	person_release(&p);
	store_close(&store);
	return rc;
}
