/*
 * floor_write: the floor of writing an output file.  Writes BYTES bytes
 * to a temporary file beside FILE in 64 KiB fwrite() calls, flushes it,
 * fsyncs it and renames it over FILE: the work 'timeline export -o FILE'
 * does for its output, without formatting anything.
 *
 *   floor_write -o FILE BYTES
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK ((size_t)64 * 1024)

static int
parse_bytes(const char *s, unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

/* Fills buf with lines of printable text, as JSON output would be. */
static void
fill(char *buf, size_t size)
{
	static const char line[] =
	    "    {\"id\": \"kernel-release-1a\", \"title\": \"Merge window\"},\n";
	size_t i;

	for (i = 0; i < size; i++)
		buf[i] = line[i % (sizeof(line) - 1)];
}

/* Writes bytes bytes to the open stream fp in CHUNK calls. */
static int
put_bytes(FILE *fp, const char *buf, unsigned long long bytes)
{
	size_t n;

	while (bytes > 0) {
		n = bytes < CHUNK ? (size_t)bytes : CHUNK;
		if (fwrite(buf, 1, n, fp) != n)
			return -1;
		bytes -= n;
	}
	return 0;
}

static int
write_file(const char *target, unsigned long long bytes, const char *buf)
{
	char *temp = NULL;
	FILE *fp = NULL;
	mode_t mask;
	size_t len = strlen(target) + 16;
	int fd, status = -1;

	if ((temp = malloc(len)) == NULL) {
		fputs("floor_write: out of memory\n", stderr);
		return -1;
	}
	snprintf(temp, len, "%s.tmp.XXXXXX", target);
	if ((fd = mkstemp(temp)) < 0) {
		fprintf(stderr, "floor_write: %s: %s\n", temp, strerror(errno));
		goto out;
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "floor_write: %s: %s\n", temp, strerror(errno));
		close(fd);
		unlink(temp);
		goto out;
	}
	if (put_bytes(fp, buf, bytes) < 0 || fflush(fp) != 0 ||
	    fsync(fileno(fp)) < 0) {
		fprintf(stderr, "floor_write: %s: %s\n", temp, strerror(errno));
		fclose(fp);
		unlink(temp);
		goto out;
	}
	if (fclose(fp) != 0) {
		fprintf(stderr, "floor_write: %s: %s\n", temp, strerror(errno));
		unlink(temp);
		goto out;
	}
	mask = umask(0);
	umask(mask);
	if (chmod(temp, 0666 & ~mask) < 0 || rename(temp, target) < 0) {
		fprintf(stderr, "floor_write: %s: %s\n", target,
		    strerror(errno));
		unlink(temp);
		goto out;
	}
	status = 0;
out:
	free(temp);
	return status;
}

int
main(int argc, char **argv)
{
	static char buf[CHUNK];
	unsigned long long bytes;

	if (argc != 4 || strcmp(argv[1], "-o") != 0 ||
	    parse_bytes(argv[3], &bytes) < 0) {
		fputs("usage: floor_write -o FILE BYTES\n", stderr);
		return 2;
	}
	fill(buf, sizeof(buf));
	return write_file(argv[2], bytes, buf) < 0 ? 1 : 0;
}
