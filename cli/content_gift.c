/*
 * The GIFT commands of `vaksam content`; see content_gift.h. This is the
 * boundary: the parser only collects diagnostics, and they are printed here.
 */
#include "cli/content_gift.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/gift.h"
#include "core/xmalloc.h"

struct gift_command {
	const char *name;  /* subcommand, for messages */
	const char *usage; /* arguments */
	const char *help;  /* what it does, for --help */
};

static const struct gift_command dump_command = {
    "dump",
    "[--strict] FILE.gift|COURSE_DIR",
    "Prints every question of a GIFT file (for a course folder, its quiz.gift) as one\n"
    "JSON object a line: id, category, type, format, stem, general_feedback, and\n"
    "answers, pairs or numbers. Problems go to stderr as FILE:LINE:COL: error|warning.\n"
    "Needs no database. Exit status 1 when the file has errors, 2 on wrong usage.\n"
    "\n"
    "  --strict   also require vaksam's course rules: every question has a unique\n"
    "             ::name::\n",
};

static const struct gift_command export_command = {
    "export-gift",
    "[--strict] FILE.gift|COURSE_DIR",
    "Reads a GIFT file (for a course folder, its quiz.gift) and writes its questions\n"
    "back as GIFT in a regular layout; reading the output gives the same questions.\n"
    "Writes nothing when the file has errors (exit status 1); 2 on wrong usage.\n"
    "\n"
    "  --strict   also require vaksam's course rules: every question has a unique\n"
    "             ::name::\n",
};

static int usage_error(const struct gift_command *cmd, const char *what, const char *arg)
{
	fprintf(stderr, "vaksam: content %s: %s%s%s\nusage: vaksam content %s %s\n", cmd->name,
		what, arg ? " " : "", arg ? arg : "", cmd->name, cmd->usage);
	return 2;
}

/*
 * Parses the arguments, then the file, printing its diagnostics. Returns
 * false when the command is done already (--help, wrong usage), true when
 * the file was read; *status is the exit status so far either way.
 */
static bool load(const struct gift_command *cmd, int argc, char **argv, struct gift_file *file,
		 int *status)
{
	struct diag_list diags = DIAG_LIST_INIT;
	const char *path = NULL;
	unsigned flags = 0;
	bool options = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (options && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			printf("usage: vaksam content %s %s\n\n%s", cmd->name, cmd->usage,
			       cmd->help);
			*status = 0;
			return false;
		} else if (options && strcmp(a, "--strict") == 0) {
			flags |= GIFT_STRICT;
		} else if (options && strcmp(a, "--") == 0) {
			options = false;
		} else if (options && a[0] == '-' && a[1] != '\0') {
			*status = usage_error(cmd, "unknown option", a);
			return false;
		} else if (path == NULL) {
			path = a;
		} else {
			*status = usage_error(cmd, "more than one file given:", a);
			return false;
		}
	}
	if (path == NULL) {
		*status = usage_error(cmd, "no file given", NULL);
		return false;
	}
	*status = gift_parse_path(path, flags, file, &diags) < 0 ? 1 : 0;
	diag_sort(&diags);
	diag_print(&diags, stderr);
	diag_list_release(&diags);
	return true;
}

/* Returns 1 if stdout could not be written, else status. */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("vaksam: cannot write the output\n", stderr);
		return 1;
	}
	return status;
}

int content_dump_main(int argc, char **argv)
{
	struct gift_file file = GIFT_FILE_INIT;
	int status = 0;

	if (!load(&dump_command, argc, argv, &file, &status))
		return status;
	/* Questions without errors are printed even when others have some. */
	for (size_t i = 0; i < file.n; i++) {
		char *line = question_to_json_string(&file.questions[i]);

		puts(line);
		free(line);
	}
	gift_file_release(&file);
	return finish(status);
}

int content_export_gift_main(int argc, char **argv)
{
	struct gift_file file = GIFT_FILE_INIT;
	struct strbuf out = STRBUF_INIT;
	char *cause = NULL;
	int status = 0;

	if (!load(&export_command, argc, argv, &file, &status) || status != 0)
		goto cleanup;
	if (gift_export(file.questions, file.n, &out, &cause) < 0) {
		fprintf(stderr, "vaksam: content export-gift: %s\n", cause);
		free(cause);
		status = 1;
		goto cleanup;
	}
	fwrite(out.buf, 1, out.len, stdout);
	status = finish(status);
cleanup:
	strbuf_release(&out);
	gift_file_release(&file);
	return status;
}
