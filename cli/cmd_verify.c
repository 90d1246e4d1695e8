/*
 * `vaksam verify CODE`: whether a certificate's verification code is
 * genuine, and what it certifies. The code may be typed in any case, with or
 * without the spaces of the printed grouping (several arguments are joined).
 * Exit 0 when genuine, 1 when not (unknown, mistyped or not a certificate
 * code), 2 on wrong usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "core/certificate.h"
#include "core/store.h"
#include "core/strbuf.h"

/* What was typed, safe to print: anything but printable ASCII becomes '?'. */
static void clean(struct strbuf *sb)
{
	for (size_t i = 0; i < sb->len; i++)
		if ((unsigned char)sb->buf[i] < 0x20 || (unsigned char)sb->buf[i] > 0x7e)
			sb->buf[i] = '?';
}

int cmd_verify(struct cli *cli, int argc, char **argv)
{
	static const struct cli_command self = {
	    "verify", cmd_verify, "CODE",
	    "Check whether a certificate's verification code is genuine."};
	struct strbuf typed = STRBUF_INIT;
	struct certificate cert;
	enum scancode_status status;
	struct store *store = NULL;
	char *cause = NULL;
	int found, rc = EXIT_REFUSED;

	memset(&cert, 0, sizeof(cert));
	if (argc < 2)
		return cli_usage_error("vaksam", &self, "which code?");
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			strbuf_release(&typed);
			return cli_usage_error("vaksam", &self, "unknown option '%s'", argv[i]);
		}
		strbuf_addf(&typed, "%s%s", i > 1 ? " " : "", argv[i]);
	}
	if (cli_open_store(cli, &store) < 0)
		goto cleanup;
	found = certificate_find(store, typed.buf, &status, &cert, &cause);
	if (found < 0) {
		rc = cli_fail(cause);
		goto cleanup;
	}
	clean(&typed);
	if (status == SCANCODE_MALFORMED) {
		printf("NOT GENUINE: '%s' is not a certificate verification code (VKV...)\n",
		       typed.buf);
		goto cleanup;
	}
	if (status == SCANCODE_MISTYPED) {
		printf("NOT GENUINE: '%s' is mistyped (its check character does not match);"
		       " check the code and try again\n",
		       typed.buf);
		goto cleanup;
	}
	if (found == 0) {
		printf("NOT GENUINE: no certificate has the code %s\n", typed.buf);
		goto cleanup;
	}
	printf("GENUINE: certificate %s issued %.10s\n", cert.code, cert.issued);
	if (cert.person_id)
		printf("holder:\t%s (employee %s)%s%s\n", cert.person_name, cert.employee_no,
		       cert.unit_path ? ", " : "", cert.unit_path ? cert.unit_path : "");
	else
		printf("holder:\t(the person's record has since been erased)\n");
	printf("certifies:\t%s\n",
	       cert.programme ? "the completed coordinators' programme" : "a passed course");
	for (size_t i = 0; i < cert.n_courses; i++)
		printf("course:\t%s\t%s\tpassed %.10s\tscore %.0f%%\n",
		       cert.courses[i].slug ? cert.courses[i].slug : "-", cert.courses[i].title,
		       cert.courses[i].passed_at, cert.courses[i].score);
	rc = EXIT_OK;
cleanup:
	certificate_release(&cert);
	store_close(&store);
	strbuf_release(&typed);
	return rc;
}
