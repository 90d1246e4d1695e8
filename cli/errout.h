/*
 * The command line's stderr, cleaned: whatever a command prints there passes
 * through sanitize.h first, so an argument, a path or a value echoed in an
 * error message cannot put a terminal escape sequence, a carriage return or
 * a direction override on the administrator's screen. One guard at the
 * boundary instead of one call at each of the many messages.
 */
#ifndef VAKSAM_ERROUT_H
#define VAKSAM_ERROUT_H

/* Replaces stderr with a cleaning stream over file descriptor 2, written a
 * line at a time. Keeps the old stderr when that fails. */
void errout_install(void);

#include "core/banned.h"

#endif
