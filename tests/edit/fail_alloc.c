/*
 * A test shim, loaded with LD_PRELOAD: the allocation numbered by
 * TL_FAIL_AT (1 for the first malloc, calloc or realloc of the process,
 * its libraries' included) returns NULL with errno ENOMEM, as when
 * memory runs out.  With TL_FAIL_COUNT naming a file, the number of
 * allocations made is written there at exit, so that a test can fail
 * each one in turn.  glibc's own entry points do the real work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static unsigned long made, fail_at;
static int ready;

__attribute__((constructor)) static void
arm(void)
{
	const char *at = getenv("TL_FAIL_AT");

	fail_at = at != NULL ? strtoul(at, NULL, 10) : 0;
	made = 0;
	ready = 1;
}

__attribute__((destructor)) static void
count(void)
{
	const char *path = getenv("TL_FAIL_COUNT");
	unsigned long n = made;
	FILE *fp;

	ready = 0;
	if (path != NULL && (fp = fopen(path, "w")) != NULL) {
		fprintf(fp, "%lu\n", n);
		fclose(fp);
	}
}

/* Whether this allocation is the one to fail. */
static int
fails(void)
{
	if (!ready)
		return 0;
	return ++made == fail_at;
}

void *
malloc(size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(size);
}

void *
calloc(size_t n, size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_calloc(n, size);
}

void *
realloc(void *p, size_t size)
{
	if (fails()) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, size);
}
