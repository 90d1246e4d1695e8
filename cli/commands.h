/* The top-level commands; each lives in cli/cmd_NAME.c. */
#ifndef VAKSAM_COMMANDS_H
#define VAKSAM_COMMANDS_H

#include "cli/cli.h"

int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_kiosk(struct cli *cli, int argc, char **argv);
int cmd_staff(struct cli *cli, int argc, char **argv);
int cmd_units(struct cli *cli, int argc, char **argv);
int cmd_config(struct cli *cli, int argc, char **argv);
int cmd_content(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_restore(struct cli *cli, int argc, char **argv);
int cmd_print(struct cli *cli, int argc, char **argv);
int cmd_paper(struct cli *cli, int argc, char **argv);
int cmd_verify(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_gdpr(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_assign(struct cli *cli, int argc, char **argv);
int cmd_survey(struct cli *cli, int argc, char **argv);

#endif
