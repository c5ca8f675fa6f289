/*
 * The set: owns timelines and milestones, reads paths into them, and
 * finds milestones by id.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "timeline/common.h"
#include "diag_internal.h"
#include "load.h"
#include "node.h"
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
	part->threaded = 1;
}

void
tl_set_part_dispose(struct tl_set *part)
{
	tl_arena_dispose(&part->arena);
	free(part->items);
	free(part->relatives);
	free(part->timelines);
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

/* Reports a read error of a file that was read whole; error, or that. */
static int
read_failed(struct tl_set *set, struct tl_diags *diags, const char *path,
    FILE *fp, int error)
{
	if (error == 0 && ferror(fp)) {
		if (file_error(set, diags, path, "cannot read: ",
		    strerror(EIO)) < 0)
			return TL_ENOMEM;
		return TL_EIO;
	}
	return error;
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
	error = read_failed(set, diags, path, fp, error);
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

/*
 * Small files of a directory are read side by side, a window of them at
 * a time: this thread opens and registers each in order, threads load
 * each into a part of its own (timeline names left to compare), and
 * this thread joins the parts in order, comparing the names then.  What
 * comes out is what reading them one after another gives; when the
 * milestone limit would be passed, the rest is read one after another.
 */
#define DIR_WINDOW 256
#define DIR_THREADS_MAX 4

struct dir_job {
	const char *path;		/* as diagnostics name it */
	uint32_t index;			/* in set->files */
	FILE *fp;			/* NULL: it could not be opened */
	struct tl_set part;
	struct tl_diags *diags;
	int error;
	int skipped;			/* read before, under another name */
};

struct dir_window {
	struct dir_job *jobs;
	size_t n;
	pthread_mutex_t lock;
	size_t next;			/* the next job to take */
};

static void *
dir_worker(void *arg)
{
	struct dir_window *w = arg;
	struct dir_job *job;
	size_t j;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		j = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (j >= w->n)
			break;
		job = &w->jobs[j];
		if (!job->skipped && job->fp != NULL && job->error == 0)
			job->error = tl_load_file(&job->part,
			    job->path, job->index, job->fp, job->diags);
	}
	return NULL;
}

size_t
tl_set_threads(const struct tl_set *set, size_t max)
{
	long n;

	if (set->parts > 0)
		return set->parts < max ? set->parts : max;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : (size_t)n < max ? (size_t)n : max;
}

int
tl_set_two_threads(const struct tl_set *set, size_t n, size_t min)
{
	return set->parts > 1 ||
	    (n >= min && sysconf(_SC_NPROCESSORS_ONLN) > 1);
}

/*
 * Joins job's part to the set, or, once the milestone limit is near
 * (*in_turn), reads its file again on this thread.  Returns the file's
 * error, as load_one() would.
 */
static int
dir_join(struct tl_set *set, struct dir_job *job, struct tl_diags *diags,
    int *in_turn)
{
	struct tl_timeline_rec *t;
	int error = job->error;

	if (error == TL_ENOMEM)
		return error;
	if (!*in_turn && job->part.read > set->max_milestones - set->read)
		*in_turn = 1;
	if (*in_turn) {
		rewind(job->fp);
		error = tl_load_file(set, job->path, job->index, job->fp,
		    diags);
		return read_failed(set, diags, job->path, job->fp, error);
	}
	/* load() adds the file's timeline to its part last. */
	t = job->part.ntimelines > 0 ? job->part.timelines[0] : NULL;
	if (tl_diags_append(diags, job->diags) < 0 ||
	    (t != NULL && (tl_check_unique(set, diags, t, job->path,
	    job->index) < 0 || tl_set_push_timeline(set, t) < 0)) ||
	    tl_set_take_part(set, &job->part) < 0)
		return TL_ENOMEM;
	return read_failed(set, diags, job->path, job->fp, error);
}

/*
 * Reads the regular files names[0..n) (each stat'ed in st) side by
 * side, in windows; returns the first error as the loop of load_dir()
 * would.
 */
static int
load_files_side_by_side(struct tl_set *set, char **names,
    const struct stat *st, size_t n, size_t threads, struct tl_diags *diags)
{
	struct dir_job *jobs;
	struct dir_window w;
	pthread_t thread[DIR_THREADS_MAX];
	size_t at, i, k, started;
	int error = 0, e, in_turn = 0;

	if ((jobs = calloc(DIR_WINDOW, sizeof(*jobs))) == NULL)
		return TL_ENOMEM;
	pthread_mutex_init(&w.lock, NULL);
	for (at = 0; at < n && error != TL_ENOMEM; at += w.n) {
		w.jobs = jobs;
		w.n = n - at < DIR_WINDOW ? n - at : DIR_WINDOW;
		w.next = 0;
		memset(jobs, 0, w.n * sizeof(*jobs));
		/* Opened and registered in order, as one after another. */
		for (i = 0; i < w.n; i++) {
			struct dir_job *job = &jobs[i];
			const struct stat *s = &st[at + i];
			for (k = 0; k < set->nfiles; k++)
				if (set->files[k].dev == (uint64_t)s->st_dev &&
				    set->files[k].ino == (uint64_t)s->st_ino)
					break;
			if ((job->skipped = k < set->nfiles))
				continue;
			if ((job->fp = fopen(names[at + i], "rb")) == NULL) {
				job->error = file_error(set, diags,
				    names[at + i], "cannot read: ",
				    strerror(errno)) < 0 ? TL_ENOMEM : TL_EIO;
				continue;
			}
			if ((e = tl_set_add_file(set, names[at + i],
			    (uint64_t)s->st_dev, (uint64_t)s->st_ino,
			    &job->index)) < 0 ||
			    tl_diags_new(&job->diags) < 0) {
				job->error = TL_ENOMEM;
				continue;
			}
			job->path = set->files[job->index].name;
			tl_set_part_init(&job->part, set);
			job->part.defer_unique = 1;
		}
		started = 0;
		for (i = 1; i < threads && i < w.n; i++)
			if (pthread_create(&thread[started], NULL, dir_worker,
			    &w) == 0)
				started++;
		(void)dir_worker(&w);
		for (i = 0; i < started; i++)
			pthread_join(thread[i], NULL);
		for (i = 0; i < w.n; i++) {
			struct dir_job *job = &jobs[i];
			if (job->skipped)
				continue;
			if (job->fp == NULL || job->diags == NULL)
				e = job->error;
			else if (error != TL_ENOMEM)
				e = dir_join(set, job, diags, &in_turn);
			else
				e = 0;
			if (e < 0 && (error == 0 || e == TL_ENOMEM))
				error = e;
			if (job->fp != NULL)
				fclose(job->fp);
			tl_set_part_dispose(&job->part);
			tl_diags_free(job->diags);
		}
	}
	pthread_mutex_destroy(&w.lock);
	free(jobs);
	return error;
}

/* Loads every timeline file directly in the directory path. */
static int
load_dir(struct tl_set *set, const char *path, struct tl_diags *diags)
{
	DIR *dir;
	struct dirent *de;
	char **names = NULL, **grown, *full;
	size_t n = 0, cap = 0, i, plen = strlen(path), len, found = 0, threads;
	struct stat *sts = NULL;
	int error = 0, small = 1;

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
	/* The regular files, in order, and whether all are small. */
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
		if ((uint64_t)sts[found].st_size >= set->pipeline_min)
			small = 0;
		names[found++] = names[i];
		if (found - 1 != i)
			names[i] = NULL;
	}
	threads = tl_set_threads(set, DIR_THREADS_MAX);
	if (found > 1 && small && threads > 1) {
		error = load_files_side_by_side(set, names, sts, found,
		    threads, diags);
	} else {
		for (i = 0; i < found && error != TL_ENOMEM; i++) {
			int e;
			if ((e = load_one(set, names[i], &sts[i], diags)) < 0 &&
			    error == 0)
				error = e;
		}
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
		return read_failed(set, diags, path, stdin, error);
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
