/* `vaksam staff badge` and `vaksam staff reset-pin`: new login credentials. */
#ifndef VAKSAM_STAFF_CREDENTIAL_H
#define VAKSAM_STAFF_CREDENTIAL_H

#include "cli/cli.h"

#define STAFF_BADGE_USAGE     "EMPLOYEE"
#define STAFF_BADGE_HELP      "New badge code (revokes the old); an activation code if no PIN."
#define STAFF_RESET_PIN_USAGE "EMPLOYEE"
#define STAFF_RESET_PIN_HELP  "Clear a PIN and issue a new activation code."

/* argv[0] is "badge" / "reset-pin". Each returns an exit code (0, 1 refused,
 * 2 usage) and prints the new codes on stdout once they are committed. */
int staff_badge_main(struct cli *cli, int argc, char **argv);
int staff_reset_pin_main(struct cli *cli, int argc, char **argv);

#endif
