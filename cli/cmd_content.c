/* `vaksam content ...`: the authoring commands. */
#include "cli/commands.h"
#include "cli/content_check.h"
#include "cli/content_gift.h"
#include "kiosk/run.h"

static int content_dump(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	return content_dump_main(argc, argv);
}

static int content_export(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	return content_export_gift_main(argc, argv);
}

static int content_preview(struct cli *cli, int argc, char **argv)
{
	(void)cli;
	return kiosk_preview_main(argc, argv);
}

static const struct cli_command content_commands[] = {
	{ "check", content_check_cmd, CONTENT_CHECK_USAGE, CONTENT_CHECK_HELP, 0 },
	{ "build", content_build_cmd, CONTENT_BUILD_USAGE, CONTENT_BUILD_HELP, 0 },
	{ "dump", content_dump, "FILE.gift|COURSE_DIR",
	  "Print the parsed questions as JSON Lines (needs no database)." },
	{ "export-gift", content_export, "FILE.gift|COURSE_DIR",
	  "Write the questions back as GIFT." },
	{ "preview", content_preview, "COURSE_DIR",
	  "Show a course in the kiosk's screens, straight from its folder (needs no database)." },
	{ NULL, NULL, NULL, NULL },
};

int cmd_content(struct cli *cli, int argc, char **argv)
{
	return cli_dispatch(cli, "vaksam content", content_commands, argc - 1, argv + 1);
}
