/*
 * The set: owns the timelines and milestones that the loader adds, and
 * hands them out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
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
	*out = set;
	return 0;
}

int
tl_set_set_limit(struct tl_set *set, enum tl_limit which, uint64_t value)
{
	/* A limit holds for the files loaded after it. */
	if (set->stage != TL_STAGE_LOADING)
		return TL_EINVAL;
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
	return TL_EINVAL;
}

int
tl_set_set_flags(struct tl_set *set, unsigned flags)
{
	/* The flags say how files are read: none may be read yet. */
	if (set->stage != TL_STAGE_LOADING || set->nfiles > 0 ||
	    (flags & ~(unsigned)TL_SET_CHECK_ONLY) != 0)
		return TL_EINVAL;
	set->flags = flags;
	return 0;
}

void
tl_set_free(struct tl_set *set)
{
	if (set == NULL)
		return;
	tl_arena_dispose(&set->arena);
	tl_arena_dispose(&set->read_scratch);
	tl_arena_dispose(&set->read_header);
	free(set->items);
	free(set->timelines);
	free(set->by_name);
	free(set->relatives);
	free(set->ids.entries);
	free(set->files);
	free(set->file_slots);
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
    const uint32_t ref[2], const uint32_t offset[2])
{
	struct tl_relative *r;

	if (grow(&set->relatives, &set->rcap, set->nrelatives,
	    sizeof(*set->relatives)) < 0)
		return TL_ENOMEM;
	m->aux = (uint32_t)set->nrelatives;
	r = &set->relatives[set->nrelatives++];
	r->m = m;
	r->target = NULL;
	r->ref_line = ref[0];
	r->ref_col = ref[1];
	r->offset_line = offset[0];
	r->offset_col = offset[1];
	return 0;
}

/* The first slot to look at for a file of device dev, inode ino. */
static size_t
file_slot(const struct tl_set *set, uint64_t dev, uint64_t ino)
{
	uint64_t h = (ino ^ (dev * 0x9e3779b97f4a7c15ULL)) *
	    0xff51afd7ed558ccdULL;

	return (size_t)(h >> 32) & (set->nslots - 1);
}

long
tl_set_find_file(const struct tl_set *set, uint64_t dev, uint64_t ino)
{
	const struct tl_set_file *f;
	size_t i;

	if (set->nslots == 0)
		return -1;
	for (i = file_slot(set, dev, ino); set->file_slots[i] != 0;
	    i = (i + 1) & (set->nslots - 1)) {
		f = &set->files[set->file_slots[i] - 1];
		if (f->dev == dev && f->ino == ino)
			return (long)set->file_slots[i] - 1;
	}
	return -1;
}

/* Makes room in the table of files for one more, at most half full. */
static int
grow_file_slots(struct tl_set *set)
{
	uint32_t *slots;
	size_t n, i, k;

	if ((set->nfiles + 1) * 2 <= set->nslots)
		return 0;
	n = set->nslots ? set->nslots * 2 : 16;
	if ((slots = calloc(n, sizeof(*slots))) == NULL)
		return TL_ENOMEM;
	free(set->file_slots);
	set->file_slots = slots;
	set->nslots = n;
	for (k = 0; k < set->nfiles; k++) {
		for (i = file_slot(set, set->files[k].dev, set->files[k].ino);
		    slots[i] != 0; i = (i + 1) & (n - 1))
			;
		slots[i] = (uint32_t)k + 1;
	}
	return 0;
}

int
tl_set_add_file(struct tl_set *set, const char *name, uint64_t dev,
    uint64_t ino, uint32_t *index)
{
	struct tl_set_file *f;
	size_t i;

	if (grow(&set->files, &set->fcap, set->nfiles,
	    sizeof(*set->files)) < 0 || grow_file_slots(set) < 0)
		return TL_ENOMEM;
	f = &set->files[set->nfiles];
	if ((f->name = tl_arena_strndup(&set->arena, name,
	    strlen(name))) == NULL)
		return TL_ENOMEM;
	f->dev = dev;
	f->ino = ino;
	for (i = file_slot(set, dev, ino); set->file_slots[i] != 0;
	    i = (i + 1) & (set->nslots - 1))
		;
	set->file_slots[i] = (uint32_t)set->nfiles + 1;
	*index = (uint32_t)set->nfiles++;
	return 0;
}

size_t
tl_set_count(const struct tl_set *set)
{
	return set->count;
}

const struct tl_milestone *
tl_set_milestone(const struct tl_set *set, size_t i)
{
	return i < set->count ? set->items[i] : NULL;
}

size_t
tl_set_timeline_count(const struct tl_set *set)
{
	return set->nby_name;
}

const struct tl_timeline *
tl_set_timeline(const struct tl_set *set, size_t i)
{
	return i < set->nby_name ? &set->by_name[i]->pub : NULL;
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
