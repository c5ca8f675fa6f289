/*
 * The inside of a set, shared by the modules that fill and order it.
 */
#ifndef TIMELINE_SET_INTERNAL_H
#define TIMELINE_SET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "timeline/set.h"
#include "arena.h"

/* A timeline as the set keeps it. */
struct tl_timeline_rec {
	struct tl_timeline pub;	/* first: the pointer handed out */
	uint32_t file_index;	/* for diagnostics' order */
	uint8_t selected;
	uint8_t duplicate;	/* its name was taken by an earlier file */
};

/* A relative date waiting for its reference. */
struct tl_relative {
	struct tl_milestone *m;
	uint32_t ref_line, ref_col;	/* of the reference's value */
};

/* Milestone lookup by (timeline, id): open addressing. */
struct tl_id_table {
	struct tl_milestone **slots;
	size_t cap;		/* a power of two, or 0 */
	size_t count;
};

struct tl_set {
	struct tl_arena arena;		/* records and strings */
	struct tl_milestone **items;	/* loaded, then ordered */
	size_t count, cap;
	struct tl_timeline_rec **timelines; /* in file order */
	size_t ntimelines, tcap;
	struct tl_timeline_rec **by_name; /* selected, in name order */
	size_t nby_name;
	struct tl_relative *relatives;
	size_t nrelatives, rcap;
	struct tl_id_table ids;
	struct tl_set_file *files;	/* every file read, for deduplication */
	size_t nfiles, fcap;
	int resolved;
};

struct tl_set_file {
	const char *name;
	uint64_t dev, ino;
};

/* Milestone states in tl_milestone.resolved. */
#define TL_RES_PENDING	0	/* a relative date not yet computed */
#define TL_RES_DONE	1	/* the window is known */
#define TL_RES_ACTIVE	2	/* on the path being resolved */
#define TL_RES_FAILED	3	/* no window: an error was reported */

/* Registers a new file; returns its index, or -1 when memory runs out. */
int tl_set_add_file(struct tl_set *set, const char *name, uint64_t dev,
    uint64_t ino, uint32_t *index);

/* Appends a milestone to the set; 0 or TL_ENOMEM. */
int tl_set_push(struct tl_set *set, struct tl_milestone *m);

/* Appends a timeline to the set; 0 or TL_ENOMEM. */
int tl_set_push_timeline(struct tl_set *set, struct tl_timeline_rec *t);

/* Appends a pending relative date; 0 or TL_ENOMEM. */
int tl_set_push_relative(struct tl_set *set, struct tl_milestone *m,
    uint32_t line, uint32_t col);

/*
 * Finds the milestone 'id' of timeline t, or NULL.  tl_id_insert adds m
 * unless its id is taken, and then returns the earlier milestone through
 * *taken; 0 or TL_ENOMEM.
 */
struct tl_milestone *tl_id_find(const struct tl_id_table *ids,
    const struct tl_timeline *t, const char *id, size_t idlen);
int tl_id_insert(struct tl_id_table *ids, struct tl_milestone *m,
    struct tl_milestone **taken);

/* Finds a timeline by name among those loaded first under it, or NULL. */
struct tl_timeline_rec *tl_set_find_timeline(const struct tl_set *set,
    const char *name, size_t len);

/* The file index of a milestone's timeline. */
static inline uint32_t
tl_ms_file_index(const struct tl_milestone *m)
{
	return ((const struct tl_timeline_rec *)(const void *)m->timeline)->file_index;
}

/* Orders the set's milestones (SPEC section 4). */
void tl_order_sort(struct tl_set *set);

#endif
