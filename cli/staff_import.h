/* `vaksam staff import`: the roster import's command-line entry point. */
#ifndef VAKSAM_STAFF_IMPORT_H
#define VAKSAM_STAFF_IMPORT_H

#include "cli/cli.h"

/* argv[0] is "import". Returns an exit code (0, 1 refused, 2 usage). */
int staff_import_main(struct cli *cli, int argc, char **argv);

#endif
