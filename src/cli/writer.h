/*
 * A stream whose bytes a second thread writes to a file, so that an
 * exporter formats the next megabytes while the kernel copies the last
 * ones into the page cache.
 */
#ifndef TIMELINE_CLI_WRITER_H
#define TIMELINE_CLI_WRITER_H

#include <stdio.h>

/*
 * Opens a stream that writes to fd, which stays open (the caller closes
 * it).  Output is handed over in blocks of a megabyte: the thread starts
 * with the first full block, so a small output is written on the
 * caller's thread, at fclose().  With flush_early, the thread asks the
 * kernel to start writing each few megabytes to the disk, so that a
 * final fsync() has little left to wait for.
 *
 * A failed write is reported by the next fwrite() or fflush() or by
 * fclose(), with the write's errno.  Returns NULL with errno set when
 * memory runs out.
 */
FILE *cli_writer_open(int fd, int flush_early);

#endif
