/* The cleaned stderr; see errout.h. */
#define _GNU_SOURCE /* fopencookie */
#include "cli/errout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/sanitize.h"

/* Writes the cleaned bytes to descriptor 2. Reports len written whatever the
 * cleaning changed, since the caller counts its own bytes. */
static ssize_t errout_write(void *cookie, const char *buf, size_t len)
{
	char *clean = sanitize_textn(buf, len, SANITIZE_KEEP_NEWLINE | SANITIZE_KEEP_TAB);
	size_t n = strlen(clean), done = 0;

	(void)cookie;
	while (done < n) {
		ssize_t w = write(STDERR_FILENO, clean + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	free(clean);
	return (ssize_t)len;
}

void errout_install(void)
{
	static const cookie_io_functions_t io = {NULL, errout_write, NULL, NULL};
	FILE *fp = fopencookie(NULL, "w", io);

	if (fp == NULL)
		return;
	/* Whole lines: a message written a byte at a time (diag_print's fputc)
	 * must reach the cleaning with its UTF-8 characters in one piece. */
	setvbuf(fp, NULL, _IOLBF, 65536);
	stderr = fp;
}
