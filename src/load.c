/*
 * The loader: applies the rules of PATHs (a file, a directory of them,
 * "-" for standard input, each file read once) and hands each file to
 * the reader.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "timeline/common.h"
#include "read.h"
#include "set_internal.h"

static int
file_error(struct tl_set *set, struct tl_diags *diags, const char *path,
    const char *what, const char *detail)
{
	uint32_t index = (uint32_t)set->nfiles;

	return tl_diags_add(diags, TL_LEVEL_ERROR, "file", path, index, 0, 0,
	    "%s%s", what, detail);
}

/* Loads one regular file named path. */
static int
load_one(struct tl_set *set, const char *path, const struct stat *st,
    struct tl_diags *diags)
{
	uint32_t index;
	size_t i;
	int fd, error;

	for (i = 0; i < set->nfiles; i++)
		if (set->files[i].dev == (uint64_t)st->st_dev &&
		    set->files[i].ino == (uint64_t)st->st_ino)
			return 0;	/* already read */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (file_error(set, diags, path, "cannot read: ",
		    strerror(errno)) < 0)
			return TL_ENOMEM;
		return TL_EIO;
	}
	if ((error = tl_set_add_file(set, path, (uint64_t)st->st_dev,
	    (uint64_t)st->st_ino, &index)) < 0) {
		close(fd);
		return error;
	}
	error = tl_read_file(set, set->files[index].name, index, fd, diags);
	close(fd);
	return error;
}

static int
is_timeline_name(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return 0;
	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every timeline file directly in the directory path. */
static int
load_dir(struct tl_set *set, const char *path, struct tl_diags *diags)
{
	DIR *dir;
	struct dirent *de;
	char **names = NULL, **grown, *full;
	size_t n = 0, cap = 0, i, plen = strlen(path), len, found = 0;
	struct stat *sts = NULL;
	int error = 0, e;

	if ((dir = opendir(path)) == NULL) {
		if (file_error(set, diags, path, "cannot read: ",
		    strerror(errno)) < 0)
			return TL_ENOMEM;
		return TL_EIO;
	}
	while ((de = readdir(dir)) != NULL) {
		if (!is_timeline_name(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL) {
				error = TL_ENOMEM;
				goto out;
			}
			names = grown;
		}
		len = strlen(de->d_name);
		/* The name as diagnostics show it: PATH, '/', entry. */
		if ((full = malloc(plen + len + 2)) == NULL) {
			error = TL_ENOMEM;
			goto out;
		}
		memcpy(full, path, plen);
		/* "dir/" and "dir" name their entries alike. */
		if (plen > 0 && path[plen - 1] == '/') {
			memcpy(full + plen, de->d_name, len + 1);
		} else {
			full[plen] = '/';
			memcpy(full + plen + 1, de->d_name, len + 1);
		}
		names[n++] = full;
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	/* The regular files, in order. */
	if (n > 0 && (sts = malloc(n * sizeof(*sts))) == NULL) {
		error = TL_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (stat(names[i], &sts[found]) < 0 ||
		    !S_ISREG(sts[found].st_mode)) {
			free(names[i]);
			names[i] = NULL;
			continue;
		}
		names[found++] = names[i];
		if (found - 1 != i)
			names[i] = NULL;
	}
	for (i = 0; i < found && error != TL_ENOMEM; i++)
		if ((e = load_one(set, names[i], &sts[i], diags)) < 0 &&
		    (error == 0 || e == TL_ENOMEM))
			error = e;
	if (found == 0 && error == 0) {
		if (file_error(set, diags, path, "no timeline files "
		    "(*.yaml, *.yml) in this directory", "") < 0)
			error = TL_ENOMEM;
		else
			error = TL_ENOENT;
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(sts);
	closedir(dir);
	return error;
}

int
tl_set_load_path(struct tl_set *set, const char *path,
    struct tl_diags *diags)
{
	struct stat st;
	uint32_t index;
	int error;

	if (set->stage != TL_STAGE_LOADING)
		return TL_EINVAL;
	/* "-" is standard input, read once and named "-". */
	if (strcmp(path, "-") == 0) {
		for (index = 0; index < set->nfiles; index++)
			if (strcmp(set->files[index].name, "-") == 0)
				return 0;
		if ((error = tl_set_add_file(set, path, UINT64_MAX - 1,
		    (uint64_t)set->nfiles, &index)) < 0)
			return error;
		return tl_read_file(set, set->files[index].name, index,
		    STDIN_FILENO, diags);
	}
	if (stat(path, &st) < 0) {
		int e = errno;
		if (file_error(set, diags, path, "cannot read: ",
		    strerror(e)) < 0)
			return TL_ENOMEM;
		return e == ENOENT || e == ENOTDIR ? TL_ENOENT : TL_EIO;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(set, path, diags);
	return load_one(set, path, &st, diags);
}

int
tl_set_load_buffer(struct tl_set *set, const char *name, const char *data,
    size_t len, struct tl_diags *diags)
{
	uint32_t index;
	int error;

	if (set->stage != TL_STAGE_LOADING)
		return TL_EINVAL;
	/* Texts in memory have no identity on disk: never deduplicated. */
	if ((error = tl_set_add_file(set, name, UINT64_MAX,
	    (uint64_t)set->nfiles, &index)) < 0)
		return error;
	return tl_read_text(set, set->files[index].name, index, data, len,
	    diags);
}

