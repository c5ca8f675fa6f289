/*
 * The inside of a set, shared by the modules that fill and order it.
 */
#ifndef TIMELINE_SET_INTERNAL_H
#define TIMELINE_SET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "timeline/set.h"
#include "arena.h"

/*
 * Files from this size on (and pipes, whose size is unknown) are read by
 * two threads when there are two processors: one parses while the other
 * checks.  Smaller files are not worth a thread.
 */
#define TL_PIPELINE_MIN_BYTES ((uint64_t)256 * 1024)

/* A timeline as the set keeps it. */
struct tl_timeline_rec {
	struct tl_timeline pub;	/* first: the pointer handed out */
	uint32_t file_index;	/* for diagnostics' order */
	uint8_t selected;
	uint8_t duplicate;	/* its name was taken by an earlier file */
};

/* Bits of tl_milestone.fields: which optional texts are stored. */
#define TL_MS_END		0x01
#define TL_MS_DESCRIPTION	0x02
#define TL_MS_LOCATION		0x04
#define TL_MS_TIMEZONE		0x08
#define TL_MS_BEFORE		0x10	/* a relative date's 'before' */
#define TL_MS_FLAWED		0x80	/* had errors: no warnings */

/*
 * A milestone, kept compact because a set may hold millions: a small
 * fixed part, then its texts one after another, each NUL-terminated, in
 * this order: id, title, date, end (TL_MS_END), description, location,
 * timezone (when their bits are set), the tags, the links, then for each
 * history entry its date and its noted day ("" when none).
 */
struct tl_milestone {
	const struct tl_timeline *timeline;
	struct tl_window window;
	int32_t noted;
	uint32_t line, col;		/* of the id's value */
	uint32_t aux;			/* relative: index in set->relatives */
	uint16_t ntags, nlinks, nhistory;
	int16_t time;
	uint8_t status, date_kind, resolved, fields;
	char text[];
};

/* 48 bytes before the texts on common platforms: keep it so. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct tl_milestone) <= 48,
    "struct tl_milestone grew");

/* Skips one stored text. */
static inline const char *
tl_ms_next(const char *p)
{
	while (*p != '\0')
		p++;
	return p + 1;
}

/*
 * Every text of a record, found in one pass: an exporter that writes
 * them all in turn need not walk the record again for each.  Absent
 * optional texts are NULL; lists points at the first tag, then come the
 * links, then the history's (date, noted) pairs, each a text.
 */
struct tl_ms_texts {
	const char *id, *title, *date;
	const char *end, *description, *location, *timezone;
	const char *lists;
};

static inline void
tl_ms_texts(const struct tl_milestone *m, struct tl_ms_texts *t)
{
	const char *p;

	t->id = m->text;
	t->title = tl_ms_next(t->id);
	t->date = tl_ms_next(t->title);
	p = tl_ms_next(t->date);
	t->end = t->description = t->location = t->timezone = NULL;
	if (m->fields & TL_MS_END) {
		t->end = p;
		p = tl_ms_next(p);
	}
	if (m->fields & TL_MS_DESCRIPTION) {
		t->description = p;
		p = tl_ms_next(p);
	}
	if (m->fields & TL_MS_LOCATION) {
		t->location = p;
		p = tl_ms_next(p);
	}
	if (m->fields & TL_MS_TIMEZONE) {
		t->timezone = p;
		p = tl_ms_next(p);
	}
	t->lists = p;
}

/* A relative date and what it names. */
struct tl_relative {
	struct tl_milestone *m;
	struct tl_milestone *target;	/* found by tl_set_resolve() */
	uint32_t ref_line, ref_col;	/* of the reference's value */
};

/*
 * Milestone lookup by (timeline, id) while resolving: every milestone's
 * hash and place in set->items, sorted by hash, so that building it
 * reads memory in order and a lookup is a binary search.  Eight bytes a
 * milestone; freed before the set is ordered (which moves the items).
 */
struct tl_id_entry {
	uint32_t hash;
	uint32_t item;			/* index in set->items */
};

struct tl_id_index {
	struct tl_id_entry *entries;
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
	struct tl_id_index ids;
	unsigned flags;			/* TL_SET_* */
	uint64_t max_file_bytes;	/* see tl_set_set_limit() */
	uint64_t max_milestones;
	uint64_t read;			/* milestone items read so far */
	uint64_t pipeline_min;		/* files this large use two threads */
	size_t parts;			/* threads that read a large file:
					   0, one a processor (at most 4) */
	size_t read_in_parts;		/* files read so, not read again */
	int defer_unique;		/* timeline names are compared when
					   a part is joined, not when read */
	int threaded;			/* other threads check meanwhile */
	size_t read_chunk;		/* most bytes libyaml gets a read, or
					   0: what it asks (tests cut small
					   files with a few) */
	size_t loaded;			/* see tl_set_loaded_count() */
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

/*
 * A part: a set of its own that one thread fills with the milestones of
 * a stretch of a large file, handed to the whole set in file order.
 * tl_set_part_init() prepares part to check into on behalf of set;
 * tl_set_take_part() moves its milestones, relative dates and memory to
 * the end of set (0, or TL_ENOMEM and nothing moves; its timelines are
 * the caller's to join); tl_set_part_dispose() frees what is left.
 */
void tl_set_part_init(struct tl_set *part, const struct tl_set *set);
int tl_set_take_part(struct tl_set *set, struct tl_set *part);
void tl_set_part_dispose(struct tl_set *part);

/*
 * Threads that share a task: set->parts when it is set (tests ask for
 * threads on small inputs so), else one a processor; from 1 to max.
 */
size_t tl_set_threads(const struct tl_set *set, size_t max);

/*
 * Whether a task over n milestones is shared with a second thread: when
 * set->parts asks for more than one, or when n is at least min and there
 * are several processors.
 */
int tl_set_two_threads(const struct tl_set *set, size_t n, size_t min);

/* Appends a milestone to the set; 0 or TL_ENOMEM. */
int tl_set_push(struct tl_set *set, struct tl_milestone *m);

/* Appends a timeline to the set; 0 or TL_ENOMEM. */
int tl_set_push_timeline(struct tl_set *set, struct tl_timeline_rec *t);

/* Appends a pending relative date, setting m->aux; 0 or TL_ENOMEM. */
int tl_set_push_relative(struct tl_set *set, struct tl_milestone *m,
    uint32_t line, uint32_t col);

/*
 * Builds the id index, reporting every milestone whose id is taken in its
 * timeline by an earlier one (which is dropped from the set).  Returns 0
 * or TL_ENOMEM.
 */
int tl_id_index_build(struct tl_set *set, struct tl_diags *diags);

/* Finds the milestone 'id' of timeline t, or NULL. */
struct tl_milestone *tl_id_find(const struct tl_set *set,
    const struct tl_timeline *t, const char *id, size_t idlen);

/* The hash of a milestone's (timeline, id). */
uint32_t tl_id_hash(const struct tl_timeline *t, const char *id, size_t len);

/* Frees the id index. */
void tl_id_dispose(struct tl_set *set);

/* Finds a timeline by name among those loaded first under it, or NULL. */
struct tl_timeline_rec *tl_set_find_timeline(const struct tl_set *set,
    const char *name, size_t len);

/* The file index of a milestone's timeline. */
static inline uint32_t
tl_ms_file_index(const struct tl_milestone *m)
{
	return ((const struct tl_timeline_rec *)(const void *)m->timeline)->file_index;
}

/* Orders the set's milestones (SPEC section 4); 0 or TL_ENOMEM. */
int tl_order_sort(struct tl_set *set);

#endif
