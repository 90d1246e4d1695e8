/* `vaksam staff unlock|totp|scope`: login locks, one-time codes, coordinator scopes. */
#ifndef VAKSAM_STAFF_SECURITY_H
#define VAKSAM_STAFF_SECURITY_H

#include "cli/cli.h"

#define STAFF_UNLOCK_USAGE "EMPLOYEE"
#define STAFF_UNLOCK_HELP  "Lift a login lock (both number and badge) and reset the counters."
#define STAFF_TOTP_USAGE   "EMPLOYEE [--invert] [--no-qr]"
#define STAFF_TOTP_HELP    "Enrol a coordinator or admin for one-time codes (new secret, QR)."
#define STAFF_SCOPE_USAGE  "EMPLOYEE [UNIT... | --clear]"
#define STAFF_SCOPE_HELP   "Show or set the units a coordinator covers (default: own unit)."

/* argv[0] is the subcommand name. Each returns an exit code (0, 1 refused,
 * 2 usage). */
int staff_unlock_main(struct cli *cli, int argc, char **argv);
int staff_totp_main(struct cli *cli, int argc, char **argv);
int staff_scope_main(struct cli *cli, int argc, char **argv);

#endif
