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
#include "suggest.h"

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
	int fd, error;

	if (tl_set_find_file(set, (uint64_t)st->st_dev,
	    (uint64_t)st->st_ino) >= 0)
		return 0;	/* already read */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (file_error(set, diags, path, "cannot read: ",
		    tl_errno_text(errno)) < 0)
			return TL_ENOMEM;
		return TL_EIO;
	}
	/* A terminal named as a file (a link to /dev/tty among the files
	 * of a repository) would wait for someone to type. */
	if (S_ISCHR(st->st_mode) && isatty(fd)) {
		close(fd);
		if (file_error(set, diags, path, "cannot read: it is a "
		    "terminal (give - to read what is typed)", "") < 0)
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

int
tl_is_timeline_file_name(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return 0;
	return (len > 5 && strcmp(name + len - 5, ".yaml") == 0) ||
	    (len > 4 && strcmp(name + len - 4, ".yml") == 0);
}

/* Whether name ends in .yaml or .yml with a letter in capitals
 * (Roadmap.YAML): not a timeline file, but surely meant as one. */
static int
is_timeline_name_in_capitals(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.' || tl_is_timeline_file_name(name))
		return 0;
	return (len > 5 && tl_same_but_case(name + len - 5, 5, ".yaml")) ||
	    (len > 4 && tl_same_but_case(name + len - 4, 4, ".yml"));
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The name of entry name in directory dir as diagnostics show it: dir,
 * '/', name ("dir//" and "dir" name their entries alike).  NULL when
 * memory runs out.
 */
static char *
entry_path(const char *dir, const char *name)
{
	size_t dlen = strlen(dir), nlen = strlen(name);
	char *full;

	while (dlen > 0 && dir[dlen - 1] == '/')
		dlen--;
	if ((full = malloc(dlen + nlen + 2)) == NULL)
		return NULL;
	memcpy(full, dir, dlen);
	full[dlen] = '/';
	memcpy(full + dlen + 1, name, nlen + 1);
	return full;
}

/* Frees a list of n names. */
static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/* Appends the entry name of directory path to the list of n names with
 * room for *cap.  0 or TL_ENOMEM. */
static int
push_name(char ***names, size_t *n, size_t *cap, const char *path,
    const char *name)
{
	char **grown;

	if (*n == *cap) {
		size_t more = *cap ? *cap * 2 : 16;

		if (more > SIZE_MAX / sizeof(**names) ||
		    (grown = realloc(*names, more * sizeof(**names))) == NULL)
			return TL_ENOMEM;
		*names = grown;
		*cap = more;
	}
	if (((*names)[*n] = entry_path(path, name)) == NULL)
		return TL_ENOMEM;
	(*n)++;
	return 0;
}

/*
 * Lists the timeline files of the open directory dir, named path, in
 * byte order of their names, into *names (n of them), and the files
 * named as timeline files in capitals (Roadmap.YAML) into *odd (nodd
 * of them).  0 or TL_ENOMEM.
 */
static int
list_dir(DIR *dir, const char *path, char ***names, size_t *n, char ***odd,
    size_t *nodd)
{
	struct dirent *de;
	size_t cap = 0, oddcap = 0;
	int error = 0;

	*names = *odd = NULL;
	*n = *nodd = 0;
	while (error == 0 && (de = readdir(dir)) != NULL) {
		if (tl_is_timeline_file_name(de->d_name))
			error = push_name(names, n, &cap, path, de->d_name);
		else if (is_timeline_name_in_capitals(de->d_name))
			error = push_name(odd, nodd, &oddcap, path,
			    de->d_name);
	}
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), name_cmp);
	if (*nodd > 1)
		qsort(*odd, *nodd, sizeof(**odd), name_cmp);
	return error;
}

/* Loads every regular timeline file directly in the directory path. */
static int
load_dir(struct tl_set *set, const char *path, struct tl_diags *diags)
{
	DIR *dir;
	char **names = NULL, **odd = NULL;
	struct stat st;
	size_t n = 0, nodd = 0, i, found = 0;
	int error, e;

	if ((dir = opendir(path)) == NULL) {
		/* Out of memory is the caller's to say, not the file's. */
		if (errno == ENOMEM)
			return TL_ENOMEM;
		if (file_error(set, diags, path, "cannot read: ",
		    tl_errno_text(errno)) < 0)
			return TL_ENOMEM;
		return TL_EIO;
	}
	error = list_dir(dir, path, &names, &n, &odd, &nodd);
	closedir(dir);
	for (i = 0; i < nodd && error != TL_ENOMEM; i++)
		if (tl_diags_add(diags, TL_LEVEL_WARNING, "file", odd[i],
		    (uint32_t)set->nfiles, 0, 0, "skipped: timeline files "
		    "end in .yaml or .yml, in lower case: rename it, or "
		    "name it alone, to read it") < 0)
			error = TL_ENOMEM;
	free_names(odd, nodd);
	for (i = 0; i < n && error != TL_ENOMEM; i++) {
		if (stat(names[i], &st) < 0) {
			/* A link that leads nowhere: its milestones are
			 * missing, as they would be named alone. */
			if (file_error(set, diags, names[i], "cannot read: ",
			    tl_errno_text(errno)) < 0)
				error = TL_ENOMEM;
			else if (error == 0)
				error = TL_EIO;
			found++;
			continue;
		}
		/* Not a fifo or a device: opening one could block. */
		if (!S_ISREG(st.st_mode)) {
			if (tl_diags_add(diags, TL_LEVEL_WARNING, "file",
			    names[i], (uint32_t)set->nfiles, 0, 0, "skipped: "
			    "not a regular file (a directory, a pipe or a "
			    "device); name it alone to read it") < 0)
				error = TL_ENOMEM;
			continue;
		}
		found++;
		if ((e = load_one(set, names[i], &st, diags)) < 0 &&
		    (error == 0 || e == TL_ENOMEM))
			error = e;
	}
	free_names(names, n);
	if (found > 0 || error != 0)
		return error;
	if (file_error(set, diags, path, "no timeline files (*.yaml, *.yml) "
	    "in this directory", "") < 0)
		return TL_ENOMEM;
	return TL_ENOENT;
}

/* Loads path (see tl_set_load_path()) into a set that is loading. */
static int
load_path(struct tl_set *set, const char *path, struct tl_diags *diags)
{
	struct stat st;
	uint32_t index;
	int error;

	/* "-" is standard input, read once and named "-". */
	if (strcmp(path, "-") == 0) {
		for (index = 0; index < set->nfiles; index++)
			if (strcmp(set->files[index].name, "-") == 0)
				return 0;
		if ((error = tl_set_add_file(set, path, TL_FILE_DEV_STDIN,
		    (uint64_t)set->nfiles, &index)) < 0)
			return error;
		return tl_read_file(set, set->files[index].name, index,
		    STDIN_FILENO, diags);
	}
	if (stat(path, &st) < 0) {
		int e = errno;
		if (file_error(set, diags, path, "cannot read: ",
		    tl_errno_text(e)) < 0)
			return TL_ENOMEM;
		return e == ENOENT || e == ENOTDIR ? TL_ENOENT : TL_EIO;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(set, path, diags);
	return load_one(set, path, &st, diags);
}

int
tl_set_load_path(struct tl_set *set, const char *path,
    struct tl_diags *diags)
{
	int error;

	if (set->stage != TL_STAGE_LOADING || path == NULL)
		return TL_EINVAL;
	/* Part of a file may be in the set: it is good for nothing more. */
	if ((error = load_path(set, path, diags)) == TL_ENOMEM)
		set->stage = TL_STAGE_FAILED;
	return error;
}

int
tl_set_load_buffer(struct tl_set *set, const char *name, const char *data,
    size_t len, struct tl_diags *diags)
{
	uint32_t index;
	int error;

	if (set->stage != TL_STAGE_LOADING || name == NULL ||
	    (data == NULL && len > 0))
		return TL_EINVAL;
	/* Texts in memory have no identity on disk: never deduplicated. */
	if ((error = tl_set_add_file(set, name, TL_FILE_DEV_BUFFER,
	    (uint64_t)set->nfiles, &index)) == 0)
		error = tl_read_text(set, set->files[index].name, index, data,
		    len, diags);
	if (error == TL_ENOMEM)
		set->stage = TL_STAGE_FAILED;
	return error;
}


/*
 * Loads a text known by no name on the disk, from an open file (fd) or
 * a source (src, when not NULL): never deduplicated, as a text in
 * memory.
 */
static int
load_unnamed(struct tl_set *set, const char *name, int fd,
    struct tl_source *src, struct tl_diags *diags)
{
	uint32_t index;
	int error;

	if ((error = tl_set_add_file(set, name, TL_FILE_DEV_BUFFER,
	    (uint64_t)set->nfiles, &index)) == 0)
		error = src != NULL ? tl_read_source(set,
		    set->files[index].name, index, src, diags) :
		    tl_read_file(set, set->files[index].name, index, fd,
		    diags);
	if (error == TL_ENOMEM)
		set->stage = TL_STAGE_FAILED;
	return error;
}

int
tl_set_load_fd(struct tl_set *set, const char *name, int fd,
    struct tl_diags *diags)
{
	if (set->stage != TL_STAGE_LOADING || name == NULL || fd < 0)
		return TL_EINVAL;
	return load_unnamed(set, name, fd, NULL, diags);
}

int
tl_set_load_source(struct tl_set *set, const char *name,
    struct tl_source *src, struct tl_diags *diags)
{
	if (set->stage != TL_STAGE_LOADING || name == NULL)
		return TL_EINVAL;
	return load_unnamed(set, name, -1, src, diags);
}
