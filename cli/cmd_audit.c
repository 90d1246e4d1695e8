/*
 * `vaksam audit [--since DATE] [--employee N]`: the audit log, oldest first,
 * one entry a line, tab-separated: id, time (UTC), actor, action, object,
 * detail, origin. People are shown as "#ID" (the internal id the log keeps)
 * followed by "/EMPLOYEE" while the person still exists.
 *
 * `vaksam audit --verify`: checks the hash chain and its head; exit 0 when
 * intact, 1 with the first broken entry named when not.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "core/audit.h"
#include "core/person.h"
#include "core/sanitize.h"
#include "core/store.h"

static const struct cli_command self = {
	.name = "audit",
	.fn = cmd_audit,
	.usage = "[--since DATE] [--employee N] | --verify",
	.help = "Show the audit log, or verify its hash chain.",
};

/* Prints "#ID/EMPLOYEE" (or "#ID", or "-" for none). */
static void print_person(struct store *store, long long id)
{
	struct person p;
	char *cause = NULL;

	if (id <= 0) {
		fputs("-", stdout);
		return;
	}
	if (person_get(store, id, &p, &cause) == 1) {
		char *no = sanitize_text(p.employee_no, 0);

		printf("#%lld/%s", id, no);
		free(no);
		person_release(&p);
	} else {
		printf("#%lld", id);
	}
	free(cause);
}

/* Whether text is a date "YYYY-MM-DD" or a time "YYYY-MM-DDTHH:MM:SS[Z]". */
static bool valid_since(const char *text)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end && (*end == '\0' || (end[0] == 'Z' && end[1] == '\0')))
		return true;
	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%Y-%m-%d", &tm);
	return end && *end == '\0' && strlen(text) == 10;
}

static int audit_verify_main(struct store *store)
{
	struct audit_verify_result r;
	char *cause = NULL;

	if (audit_verify(store, &r, &cause) < 0)
		return cli_fail(cause);
	if (r.ok) {
		printf("audit log intact: %zu entries verified", r.checked);
		if (r.legacy)
			printf(" (%zu older entries from before the chain)", r.legacy);
		printf("\n");
		audit_verify_release(&r);
		return EXIT_OK;
	}
	fprintf(stderr, "vaksam: audit log BROKEN: %s\n", r.problem);
	printf("audit log broken after %zu good entries\n", r.checked);
	audit_verify_release(&r);
	return EXIT_REFUSED;
}

int cmd_audit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "employee", required_argument, NULL, 'e' },
		{ "verify", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	struct audit_filter filter = { NULL, 0 };
	struct audit_entry *entries = NULL;
	struct store *store = NULL;
	const char *employee = NULL;
	char *cause = NULL;
	bool verify = false;
	size_t n = 0;
	int c, rc = EXIT_REFUSED;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's')
			filter.since = optarg;
		else if (c == 'e')
			employee = optarg;
		else if (c == 'v')
			verify = true;
		else
			return cli_usage_error("vaksam", &self, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error("vaksam", &self, "unexpected argument '%s'", argv[optind]);
	if (verify && (filter.since || employee))
		return cli_usage_error("vaksam", &self, "--verify checks the whole log; no filters");
	if (filter.since && !valid_since(filter.since))
		return cli_usage_error("vaksam", &self,
				       "--since wants a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SS");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	if (verify) {
		rc = audit_verify_main(store);
		goto cleanup;
	}
	if (employee) {
		struct person p;
		int found = person_find(store, employee, &p, &cause);

		if (found < 0) {
			rc = cli_fail(cause);
			goto cleanup;
		}
		if (found == 0) {
			char *clean = sanitize_text(employee, 0);

			fprintf(stderr, "vaksam: no person with employee number '%s' (an erased "
					"person's entries stay under their internal id)\n",
				clean);
			free(clean);
			goto cleanup;
		}
		filter.person_id = p.id;
		person_release(&p);
	}
	if (audit_list(store, &filter, &entries, &n, &cause) < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		const struct audit_entry *e = &entries[i];

		printf("%lld\t", e->id);
		sanitize_fputs(e->at, 0, stdout);
		putchar('\t');
		print_person(store, e->actor_id);
		putchar('\t');
		sanitize_fputs(e->action, 0, stdout);
		putchar('\t');
		print_person(store, e->object_id);
		putchar('\t');
		sanitize_fputs(e->detail ? e->detail : "", 0, stdout);
		putchar('\t');
		sanitize_fputs(e->origin ? e->origin : "", 0, stdout);
		putchar('\n');
	}
	rc = EXIT_OK;
cleanup:
	audit_list_free(&entries, n);
	store_close(&store);
	return rc;
}
