/*
 * A test shim, loaded with LD_PRELOAD: after the first successful
 * fsync() of a process, it appends a line to the file named by
 * TL_TOUCH_FILE, as another program writing the file at that moment
 * would; with TL_TOUCH_IN_PLACE set, it rewrites the file in place in
 * capitals instead, the same size, and puts back its access and
 * modification times (as touch -r would).  It lets a test reach the
 * moment between the writing of the new text and its rename.
 */
#define _GNU_SOURCE 1
#include <ctype.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
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

int
fsync(int fd)
{
	static int done;
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	const char *path = getenv("TL_TOUCH_FILE");
	FILE *fp;
	int rc = real(fd);

	if (rc != 0 || done || path == NULL)
		return rc;
	done = 1;
	if (getenv("TL_TOUCH_IN_PLACE") != NULL) {
		rewrite_in_place(path);
	} else if ((fp = fopen(path, "a")) != NULL) {
		fputs("# written by someone else meanwhile\n", fp);
		fclose(fp);
	}
	return rc;
}
