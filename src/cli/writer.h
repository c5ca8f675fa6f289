/*
 * A stream whose bytes a second thread writes to a file, so that an
 * exporter formats the next megabytes while the last ones are written.
 */
#ifndef TIMELINE_CLI_WRITER_H
#define TIMELINE_CLI_WRITER_H

#include <stdio.h>

/*
 * Opens a stream that writes to fd, which stays open (the caller closes
 * it).  Output is handed over in blocks of a megabyte to the thread,
 * which starts with the first full block or at fclose().  With
 * new_file, fd is a regular file just created, empty, that the caller
 * syncs when done: whole blocks then go straight to the disk where the
 * file system allows it, and otherwise the kernel is asked to start
 * writing each few megabytes, so that the final fsync() has little left
 * to wait for.
 *
 * A failed write is reported by the next fwrite() or fflush() or by
 * fclose(), with the write's errno.  Returns NULL with errno set when
 * memory runs out.
 */
FILE *cli_writer_open(int fd, int new_file);

#endif
