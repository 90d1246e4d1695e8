/*
 * `vaksam content dump` and `vaksam content export-gift`: the GIFT commands,
 * which need no database. The `vaksam content` dispatcher calls these with
 * argv[0] set to the subcommand name. Each returns the process exit code:
 * 0 success, 1 errors in the file (or it cannot be read), 2 wrong usage.
 */
#ifndef VAKSAM_CONTENT_GIFT_H
#define VAKSAM_CONTENT_GIFT_H

/* `dump [--strict] FILE.gift|COURSE_DIR`: one JSON object per question a line
 * on stdout, diagnostics on stderr as FILE:LINE:COL: error|warning: message. */
int content_dump_main(int argc, char **argv);

/* `export-gift [--strict] FILE.gift|COURSE_DIR`: the questions written back as
 * GIFT on stdout; nothing is written when the file has errors. */
int content_export_gift_main(int argc, char **argv);

#endif
