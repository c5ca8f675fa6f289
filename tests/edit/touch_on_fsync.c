/*
 * A test shim, loaded with LD_PRELOAD: after the first successful
 * fsync() of a process, it appends a line to the file named by
 * TL_TOUCH_FILE, as another program writing the file at that moment
 * would.  It lets a test reach the moment between the writing of the
 * new text and its rename.
 */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
fsync(int fd)
{
	static int done;
	int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	const char *path = getenv("TL_TOUCH_FILE");
	FILE *fp;
	int rc = real(fd);

	if (rc == 0 && !done && path != NULL &&
	    (fp = fopen(path, "a")) != NULL) {
		done = 1;
		fputs("# written by someone else meanwhile\n", fp);
		fclose(fp);
	}
	return rc;
}
