/*
 * The set: owns timelines and milestones, reads paths into them, and
 * finds milestones by id.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "timeline/common.h"
#include "load.h"
#include "set_internal.h"

int
tl_set_new(struct tl_set **out)
{
	struct tl_set *set;

	*out = NULL;
	if ((set = calloc(1, sizeof(*set))) == NULL)
		return TL_ENOMEM;
	set->max_file_bytes = TL_DEFAULT_MAX_FILE_BYTES;
	set->max_milestones = TL_DEFAULT_MAX_MILESTONES;
	set->pipeline_min = TL_PIPELINE_MIN_BYTES;
	*out = set;
	return 0;
}

int
tl_set_set_limit(struct tl_set *set, enum tl_limit which, uint64_t value)
{
	switch (which) {
	case TL_LIMIT_FILE_BYTES:
		if (value < 1 || value > TL_DEFAULT_MAX_FILE_BYTES)
			return TL_ERANGE;
		set->max_file_bytes = value;
		return 0;
	case TL_LIMIT_MILESTONES:
		if (value < 1 || value > TL_DEFAULT_MAX_MILESTONES)
			return TL_ERANGE;
		set->max_milestones = value;
		return 0;
	}
	return TL_ERANGE;
}

void
tl_set_set_flags(struct tl_set *set, unsigned flags)
{
	set->flags = flags;
}

void
tl_set_free(struct tl_set *set)
{
	if (set == NULL)
		return;
	tl_arena_dispose(&set->arena);
	free(set->items);
	free(set->timelines);
	free(set->by_name);
	free(set->relatives);
	free(set->ids.entries);
	free(set->files);
	free(set);
}

/* Grows *items (of *cap elements of size) to hold one more; 0 or -1. */
static int
grow(void *items, size_t *cap, size_t count, size_t size)
{
	void **p = items;
	void *grown;
	size_t ncap;

	if (count < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap > SIZE_MAX / size)
		return -1;
	if ((grown = realloc(*p, ncap * size)) == NULL)
		return -1;
	*p = grown;
	*cap = ncap;
	return 0;
}

/* Makes room in *items (of *cap elements of size) for need; 0 or -1. */
static int
reserve(void *items, size_t *cap, size_t need, size_t size)
{
	void **p = items;
	void *grown;

	if (need <= *cap)
		return 0;
	if (need > SIZE_MAX / size)
		return -1;
	if ((grown = realloc(*p, need * size)) == NULL)
		return -1;
	*p = grown;
	*cap = need;
	return 0;
}

int
tl_set_take_part(struct tl_set *set, struct tl_set *part)
{
	size_t i;

	if (part->count > SIZE_MAX - set->count ||
	    part->nrelatives > SIZE_MAX - set->nrelatives ||
	    set->nrelatives + part->nrelatives > UINT32_MAX ||
	    reserve(&set->items, &set->cap, set->count + part->count,
	    sizeof(*set->items)) < 0 ||
	    reserve(&set->relatives, &set->rcap, set->nrelatives +
	    part->nrelatives, sizeof(*set->relatives)) < 0)
		return TL_ENOMEM;
	if (part->count > 0)
		memcpy(set->items + set->count, part->items,
		    part->count * sizeof(*set->items));
	set->count += part->count;
	for (i = 0; i < part->nrelatives; i++) {
		set->relatives[set->nrelatives] = part->relatives[i];
		part->relatives[i].m->aux = (uint32_t)set->nrelatives;
		set->nrelatives++;
	}
	set->read += part->read;
	tl_arena_adopt(&set->arena, &part->arena);
	part->count = part->nrelatives = 0;
	part->read = 0;
	return 0;
}

void
tl_set_part_init(struct tl_set *part, const struct tl_set *set)
{
	memset(part, 0, sizeof(*part));
	part->flags = set->flags;
	part->max_file_bytes = set->max_file_bytes;
	part->max_milestones = UINT64_MAX;
	part->pipeline_min = UINT64_MAX;
	/* Read only: the timelines of the files read before. */
	part->timelines = set->timelines;
	part->ntimelines = set->ntimelines;
}

void
tl_set_part_dispose(struct tl_set *part)
{
	tl_arena_dispose(&part->arena);
	free(part->items);
	free(part->relatives);
	memset(part, 0, sizeof(*part));
}

int
tl_set_push(struct tl_set *set, struct tl_milestone *m)
{
	if (grow(&set->items, &set->cap, set->count, sizeof(*set->items)) < 0)
		return TL_ENOMEM;
	set->items[set->count++] = m;
	return 0;
}

int
tl_set_push_timeline(struct tl_set *set, struct tl_timeline_rec *t)
{
	if (grow(&set->timelines, &set->tcap, set->ntimelines,
	    sizeof(*set->timelines)) < 0)
		return TL_ENOMEM;
	set->timelines[set->ntimelines++] = t;
	return 0;
}

int
tl_set_push_relative(struct tl_set *set, struct tl_milestone *m,
    uint32_t line, uint32_t col)
{
	struct tl_relative *r;

	if (grow(&set->relatives, &set->rcap, set->nrelatives,
	    sizeof(*set->relatives)) < 0)
		return TL_ENOMEM;
	m->aux = (uint32_t)set->nrelatives;
	r = &set->relatives[set->nrelatives++];
	r->m = m;
	r->target = NULL;
	r->ref_line = line;
	r->ref_col = col;
	return 0;
}

int
tl_set_add_file(struct tl_set *set, const char *name, uint64_t dev,
    uint64_t ino, uint32_t *index)
{
	struct tl_set_file *f;

	if (grow(&set->files, &set->fcap, set->nfiles, sizeof(*set->files)) < 0)
		return TL_ENOMEM;
	f = &set->files[set->nfiles];
	if ((f->name = tl_arena_strndup(&set->arena, name,
	    strlen(name))) == NULL)
		return TL_ENOMEM;
	f->dev = dev;
	f->ino = ino;
	*index = (uint32_t)set->nfiles++;
	return 0;
}

struct tl_timeline_rec *
tl_set_find_timeline(const struct tl_set *set, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < set->ntimelines; i++) {
		struct tl_timeline_rec *t = set->timelines[i];
		if (!t->duplicate && strlen(t->pub.name) == len &&
		    memcmp(t->pub.name, name, len) == 0)
			return t;
	}
	return NULL;
}

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
	FILE *fp;
	int error;

	for (i = 0; i < set->nfiles; i++)
		if (set->files[i].dev == (uint64_t)st->st_dev &&
		    set->files[i].ino == (uint64_t)st->st_ino)
			return 0;	/* already read */
	if ((fp = fopen(path, "rb")) == NULL) {
		if (file_error(set, diags, path, "cannot read: ",
		    strerror(errno)) < 0)
			return TL_ENOMEM;
		return TL_EIO;
	}
	if ((error = tl_set_add_file(set, path, (uint64_t)st->st_dev,
	    (uint64_t)st->st_ino, &index)) < 0) {
		fclose(fp);
		return error;
	}
	error = tl_load_file(set, set->files[index].name, index, fp, diags);
	if (error == 0 && ferror(fp)) {
		if (file_error(set, diags, path, "cannot read: ",
		    strerror(EIO)) < 0)
			error = TL_ENOMEM;
		else
			error = TL_EIO;
	}
	fclose(fp);
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
	size_t n = 0, cap = 0, i, plen = strlen(path), len;
	struct stat st;
	int error = 0, found = 0;

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
	for (i = 0; i < n && error != TL_ENOMEM; i++) {
		int e;
		if (stat(names[i], &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		found++;
		if ((e = load_one(set, names[i], &st, diags)) < 0 &&
		    error == 0)
			error = e;
	}
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

	/* "-" is standard input, read once and named "-". */
	if (strcmp(path, "-") == 0) {
		if (fstat(fileno(stdin), &st) < 0)
			memset(&st, 0, sizeof(st));
		for (index = 0; index < set->nfiles; index++)
			if (strcmp(set->files[index].name, "-") == 0)
				return 0;
		if ((error = tl_set_add_file(set, path, UINT64_MAX - 1,
		    (uint64_t)set->nfiles, &index)) < 0)
			return error;
		error = tl_load_file(set, set->files[index].name, index, stdin,
		    diags);
		if (error == 0 && ferror(stdin)) {
			if (file_error(set, diags, path, "cannot read: ",
			    strerror(EIO)) < 0)
				return TL_ENOMEM;
			return TL_EIO;
		}
		return error;
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

	/* Texts in memory have no identity on disk: never deduplicated. */
	if ((error = tl_set_add_file(set, name, UINT64_MAX,
	    (uint64_t)set->nfiles, &index)) < 0)
		return error;
	return tl_load_text(set, set->files[index].name, index, data, len,
	    diags);
}

size_t
tl_set_count(const struct tl_set *set)
{
	return set->count;
}

const struct tl_milestone *
tl_set_milestone(const struct tl_set *set, size_t i)
{
	return set->items[i];
}

size_t
tl_set_timeline_count(const struct tl_set *set)
{
	return set->nby_name;
}

const struct tl_timeline *
tl_set_timeline(const struct tl_set *set, size_t i)
{
	return &set->by_name[i]->pub;
}

size_t
tl_set_file_count(const struct tl_set *set)
{
	return set->nfiles;
}

size_t
tl_set_loaded_count(const struct tl_set *set)
{
	return set->loaded;
}
