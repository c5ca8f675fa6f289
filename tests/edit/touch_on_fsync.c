/*
 * A test shim, loaded with LD_PRELOAD: after the first successful
 * fsync() of a process, it appends a line to the file named by
 * TL_TOUCH_FILE, as another program writing the file at that moment
 * would; with TL_TOUCH_IN_PLACE set, it rewrites the file in place in
 * capitals instead, the same size, and puts back its access and
 * modification times (as touch -r would).  It lets a test reach the
 * moment between the writing of the new text and its rename.  With
 * TL_TOUCH_ON_COPY set, the change comes instead at the first
 * copy_file_range(), before it copies: while the edit reads the file,
 * copying the bytes that it keeps into the new text.  With
 * TL_TOUCH_ON_PREAD=N, it comes before the Nth pread() of the process:
 * while a dry run, which copies nothing, reads the file (N=1: to edit
 * it; later: to load it again as the edit would make it).  With
 * TL_KILL_ON_FSYNC set, the process is killed (SIGKILL, which no
 * handler sees) at its first fsync() instead, before it syncs.  With
 * TL_PAUSE_ON_RENAME=FILE set, it creates FILE at its first rename(),
 * after every check of the edit, and then waits, up to 10 s, until FILE
 * is gone before it renames: another edit of the same file can be run
 * meanwhile.
 */
#define _GNU_SOURCE 1
#include <ctype.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Rewrites the file in capitals, its size and times kept. */
static void
rewrite_in_place(const char *path)
{
	struct stat st;
	struct timespec times[2];
	char buf[4096];
	ssize_t n, i;
	int fd;

	if ((fd = open(path, O_RDWR)) < 0)
		return;
	if (fstat(fd, &st) == 0 &&
	    (n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			buf[i] = (char)toupper((unsigned char)buf[i]);
		times[0] = st.st_atim;
		times[1] = st.st_mtim;
		if (pwrite(fd, buf, (size_t)n, 0) == n)
			futimens(fd, times);
	}
	close(fd);
}

/* Changes the file named by TL_TOUCH_FILE, once. */
static void
touch(void)
{
	static int done;
	const char *path = getenv("TL_TOUCH_FILE");
	FILE *fp;

	if (done || path == NULL)
		return;
	done = 1;
	if (getenv("TL_TOUCH_IN_PLACE") != NULL) {
		rewrite_in_place(path);
	} else if ((fp = fopen(path, "a")) != NULL) {
		fputs("# written by someone else meanwhile\n", fp);
		fclose(fp);
	}
}

/* Creates the file named by TL_PAUSE_ON_RENAME, and waits until it is
 * gone (at most 10 s). */
static void
pause_here(void)
{
	const char *mark = getenv("TL_PAUSE_ON_RENAME");
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	int fd, i;

	if (mark == NULL || (fd = open(mark, O_WRONLY | O_CREAT, 0600)) < 0)
		return;
	close(fd);
	for (i = 0; i < 1000 && access(mark, F_OK) == 0; i++)
		nanosleep(&tick, NULL);
}

int
fsync(int fd)
{
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	int rc;

	if (getenv("TL_KILL_ON_FSYNC") != NULL)
		raise(SIGKILL);
	rc = real(fd);

	if (rc == 0 && getenv("TL_TOUCH_ON_COPY") == NULL)
		touch();
	return rc;
}

ssize_t
copy_file_range(int in, off_t *in_off, int out, off_t *out_off,
    size_t len, unsigned flags)
{
	ssize_t (*real)(int, off_t *, int, off_t *, size_t, unsigned) =
	    (ssize_t (*)(int, off_t *, int, off_t *, size_t, unsigned))
	    dlsym(RTLD_NEXT, "copy_file_range");

	if (getenv("TL_TOUCH_ON_COPY") != NULL)
		touch();
	return real(in, in_off, out, out_off, len, flags);
}

ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	static long count;
	ssize_t (*real)(int, void *, size_t, off_t) =
	    (ssize_t (*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT,
	    "pread");
	const char *at = getenv("TL_TOUCH_ON_PREAD");

	if (at != NULL && ++count == atol(at))
		touch();
	return real(fd, buf, n, off);
}

int
rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) =
	    (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");

	pause_here();
	return real(from, to);
}
