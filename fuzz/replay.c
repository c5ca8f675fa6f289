/*
 * Runs a fuzz target on files, without libFuzzer: each argument is a
 * file, or a directory whose regular files (not starting with '.') are
 * each one input.  The test suite uses it to replay the regression
 * inputs with any compiler; a broken property aborts, as under the
 * fuzzer.
 *
 *	replay_pipeline tests/regress fuzz/regress/pipeline
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Inputs larger than this are not what the fuzzers make. */
#define REPLAY_MAX_INPUT ((size_t)16 * 1024 * 1024)

static int
replay_file(const char *path)
{
	FILE *fp;
	char *buf = NULL, *grown;
	size_t len = 0, cap = 0, n;
	int error = 0;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if (cap > REPLAY_MAX_INPUT ||
			    (grown = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "%s: too large\n", path);
				error = -1;
				goto out;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, fp);
		if (n == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		perror(path);
		error = -1;
		goto out;
	}
	/* The target sees exactly len bytes: no NUL after them. */
	if ((grown = realloc(buf, len ? len : 1)) != NULL)
		buf = grown;
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
out:
	free(buf);
	fclose(fp);
	return error;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file in dir, in byte order of the names. */
static int
replay_dir(const char *dir, size_t *count)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	char **names = NULL, **grown, *path;
	size_t n = 0, cap = 0, i, len;
	int error = 0;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				error = -1;
				goto out;
			}
			names = grown;
		}
		len = strlen(dir) + strlen(de->d_name) + 2;
		if ((path = malloc(len)) == NULL) {
			error = -1;
			goto out;
		}
		snprintf(path, len, "%s/%s", dir, de->d_name);
		names[n++] = path;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (stat(names[i], &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (replay_file(names[i]) < 0)
			error = -1;
		(*count)++;
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return error;
}

int
main(int argc, char **argv)
{
	struct stat st;
	size_t count = 0;
	int i, status = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) < 0)
				status = 1;
		} else {
			if (replay_file(argv[i]) < 0)
				status = 1;
			count++;
		}
	}
	printf("%zu inputs replayed\n", count);
	return status;
}
