/*
 * A test shim, loaded with LD_PRELOAD, that puts another program's save
 * at a chosen moment of an edit:
 *
 *   TL_RACE_FILE, TL_RACE_WITH, TL_RACE_AT: just before the file named
 *   TL_RACE_FILE (as the program names it) is opened for the
 *   TL_RACE_AT-th time (default 2: the edit's own reading, after the
 *   loading), the file TL_RACE_WITH is renamed over it, as an editor
 *   saves;
 *   TL_OPEN_LOG: the name of every file opened is appended to this file,
 *   one a line;
 *   TL_CLOCK_AHEAD: CLOCK_REALTIME reads this many seconds later than it
 *   is, so that every file looks that much older to the program.
 */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef int (*open_fn)(const char *, int, ...);
typedef int (*clock_fn)(clockid_t, struct timespec *);

/* Appends path to the log, with the real open() (no recursion). */
static void
log_open(open_fn real, const char *path)
{
	const char *log = getenv("TL_OPEN_LOG");
	int fd;

	if (log == NULL || (fd = real(log, O_WRONLY | O_APPEND | O_CREAT |
	    O_CLOEXEC, 0644)) < 0)
		return;
	if (write(fd, path, strlen(path)) < 0 || write(fd, "\n", 1) < 0)
		fputs("race_on_open: cannot write the log\n", stderr);
	close(fd);
}

/* Renames TL_RACE_WITH over path at its TL_RACE_AT-th opening. */
static void
race(const char *path)
{
	static int seen;
	const char *file = getenv("TL_RACE_FILE");
	const char *with = getenv("TL_RACE_WITH");
	const char *at = getenv("TL_RACE_AT");

	if (file == NULL || with == NULL || strcmp(path, file) != 0)
		return;
	if (++seen == (at != NULL ? strtol(at, NULL, 10) : 2) &&
	    rename(with, path) < 0)
		perror("race_on_open: rename");
}

static int
shim_open(const char *name, const char *path, int flags, va_list ap)
{
	open_fn real = (open_fn)dlsym(RTLD_NEXT, name);
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE))
		mode = (mode_t)va_arg(ap, int);
	race(path);
	log_open(real, path);
	return real(path, flags, mode);
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = shim_open("open", path, flags, ap);
	va_end(ap);
	return fd;
}

int
open64(const char *path, int flags, ...)
{
	va_list ap;
	int fd;

	va_start(ap, flags);
	fd = shim_open("open64", path, flags, ap);
	va_end(ap);
	return fd;
}

int
clock_gettime(clockid_t id, struct timespec *ts)
{
	clock_fn real = (clock_fn)dlsym(RTLD_NEXT, "clock_gettime");
	const char *ahead = getenv("TL_CLOCK_AHEAD");
	int rc = real(id, ts);

	if (rc == 0 && id == CLOCK_REALTIME && ahead != NULL)
		ts->tv_sec += strtol(ahead, NULL, 10);
	return rc;
}
