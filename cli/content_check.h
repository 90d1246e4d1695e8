/*
 * `vaksam content check [--lix] [PATH...]` and `vaksam content build
 * [PATH...]`: the compiler-like checker of course folders and the builder
 * that puts them into the database. Both read the content folder when no
 * PATH is given, and then its culture surveys (the .md files in surveys/)
 * too. See authoring/library.h for what a PATH may be.
 */
#ifndef VAKSAM_CONTENT_CHECK_H
#define VAKSAM_CONTENT_CHECK_H

#include "cli/cli.h"

#define CONTENT_CHECK_USAGE "[--lix] [PATH...]"
#define CONTENT_CHECK_HELP                                                              \
	"Check course folders like a compiler: FILE:LINE:COL: error|warning: message; " \
	"exit 1 on any error. --lix prints the readability of every page."
#define CONTENT_BUILD_USAGE "[PATH...] [--db FILE]"
#define CONTENT_BUILD_HELP                                                                \
	"Check the course folders and build them into the database in one transaction; " \
	"nothing is written when the check finds an error. Without PATH the content "     \
	"folder's surveys are checked and built too (before the courses, in a "           \
	"transaction of their own)."

/* argv[0] is the command name. Return an exit code (cli.h). */
int content_check_cmd(struct cli *cli, int argc, char **argv);
int content_build_cmd(struct cli *cli, int argc, char **argv);

#endif
