/*
 * Output files written whole or not at all.
 */
#ifndef TIMELINE_CLI_OUTPUT_H
#define TIMELINE_CLI_OUTPUT_H

#include <stdio.h>

struct cli_output {
	FILE *fp;		/* where to write */
	char *target;		/* the file replaced at the end, or NULL */
	char *temp;		/* the temporary file beside it, or NULL */
	int is_stdout;
	int no_temp;		/* open failed: no temporary file beside */
};

/*
 * Opens where an export goes: standard output for NULL or "-"; the
 * descriptor itself when path names one of the process's own
 * (/dev/stdout, /dev/fd/N, /proc/self/fd/N, or a link to one); else a
 * temporary file beside path (the file a symbolic link points to), or
 * path itself when it exists and is not a regular file (a device, a
 * pipe).  Returns 0, or -1 with errno set (and no_temp when what failed
 * was making the temporary file).
 */
int cli_output_open(struct cli_output *o, const char *path);

/*
 * Finishes: flushes, and when ok renames the temporary file into place
 * (keeping the mode of a replaced file; a new one gets 0666 less the
 * umask).  When !ok or anything fails, the temporary file is removed and
 * the target left as it was.  Returns 0, or -1 with errno set.
 */
int cli_output_close(struct cli_output *o, int ok);

#endif
