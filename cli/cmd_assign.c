/*
 * `vaksam assign COURSE (--unit PATH | --role ROLE | --all) --due DATE`:
 * assigns a course with a due date to the active people named, beyond the
 * rule that assigns all-staff courses to everyone (core/assignment.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "core/assignment.h"
#include "core/day.h"
#include "core/person.h"
#include "core/store.h"

int cmd_assign(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"unit", required_argument, NULL, 'u'},
	    {"role", required_argument, NULL, 'r'},
	    {"all", no_argument, NULL, 'a'},
	    {"due", required_argument, NULL, 'd'},
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_command self = {
	    "assign", cmd_assign, "COURSE (--unit PATH | --role ROLE | --all) --due DATE", "", 0};
	struct assignment_request req;
	struct store *store = NULL;
	char *cause = NULL;
	const char *due = NULL;
	int selectors = 0, c, rc;
	size_t count = 0;

	memset(&req, 0, sizeof(req));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u':
			req.target = ASSIGNMENT_UNIT;
			req.unit_path = optarg;
			selectors++;
			break;
		case 'r':
			req.target = ASSIGNMENT_ROLE;
			if (role_parse(optarg, &req.role) < 0)
				return cli_usage_error(
				    "vaksam", &self,
				    "unknown role '%s' (staff, coordinator, admin)", optarg);
			selectors++;
			break;
		case 'a':
			req.target = ASSIGNMENT_ALL;
			selectors++;
			break;
		case 'd':
			due = optarg;
			break;
		default:
			return cli_usage_error("vaksam", &self, "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("vaksam", &self, "which course?");
	req.course = argv[optind++];
	if (optind < argc)
		return cli_usage_error("vaksam", &self, "unexpected argument '%s'", argv[optind]);
	if (selectors != 1)
		return cli_usage_error("vaksam", &self,
				       "give exactly one of --unit, --role and --all");
	if (due == NULL || day_parse(due, &req.due_day) < 0 || due[10] != '\0')
		return cli_usage_error("vaksam", &self, "--due wants a date YYYY-MM-DD");
	if (cli_open_store(cli, &store) < 0)
		return EXIT_REFUSED;
	rc = assignment_set(store, &req, &count, &cause);
	if (rc != 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	printf("%zu people assigned %s, due %s\n", count, req.course, due);
	rc = EXIT_OK;
cleanup:
	store_close(&store);
	return rc;
}
