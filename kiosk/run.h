/*
 * Starting the kiosk from the command line. This header does not include
 * <curses.h>: only kiosk/ sees the terminal library.
 */
#ifndef VAKSAM_KIOSK_RUN_H
#define VAKSAM_KIOSK_RUN_H

#include <stdbool.h>

struct store;

struct kiosk_options {
	bool locked;             /* raw input, no way out, for shared terminals */
	const char *preview_dir; /* a course folder to preview without a database */
};

/*
 * Runs the kiosk on the controlling terminal until it is left (F10 at the
 * login screen, unless locked), the terminal goes away, or SIGTERM/SIGHUP
 * arrive. store is NULL for a preview. Every exit restores the terminal.
 * Returns 0, or -1 with *cause (caller frees) when the kiosk could not start
 * (no terminal, no UTF-8 locale, unreadable course folder).
 */
int kiosk_run(struct store *store, const struct kiosk_options *opt, char **cause);

/*
 * `vaksam content preview COURSE_DIR` (cli/cmd_kiosk.c): the course in the
 * kiosk's own screens straight from its folder, without a database, so an
 * author sees what staff will see at 80x24. argv[0] is "preview". Returns
 * the exit code.
 */
int kiosk_preview_main(int argc, char **argv);

#include "core/banned.h"

#endif
