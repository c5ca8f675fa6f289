/*
 * The inside of a set, shared by the modules that fill and order it.
 */
#ifndef TIMELINE_SET_INTERNAL_H
#define TIMELINE_SET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "timeline/set.h"
#include "arena.h"

/* A timeline as the set keeps it. */
struct tl_timeline_rec {
	struct tl_timeline pub;	/* first: the pointer handed out */
	uint32_t file_index;	/* for diagnostics' order */
	const struct tl_set *set; /* its set, once resolved */
	uint8_t duplicate;	/* unnamed, or its name was taken by an
				   earlier file: never found */
	uint8_t cut;		/* its file could not be read to its end */
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
 * this order: id, title, date, end (TL_MS_END), timezone (TL_MS_TIMEZONE),
 * the tags, the links, for each history entry its date and its noted day
 * ("" when none), then location and description (when their bits are
 * set): what is long comes last, so that the lists are found quickly.
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
	return p + strlen(p) + 1;
}

/* A text of a record in the making: len bytes at s, or s NULL. */
struct tl_ms_text {
	const char *s;
	size_t len;
};

/*
 * Everything a milestone record holds, for tl_milestone_new(): the
 * optional texts are NULL when absent; history holds two texts an
 * entry, its date and its noted day (empty when none).
 */
struct tl_ms_parts {
	const struct tl_timeline *timeline;
	uint32_t line, col;		/* of the id's value */
	struct tl_window window;
	int32_t noted;
	int time;			/* minutes, or -1 */
	uint8_t status, date_kind, before, flawed;
	uint8_t resolved;		/* TL_RES_* */
	struct tl_ms_text id, title, date, end;
	struct tl_ms_text description, location, timezone;
	const struct tl_ms_text *tags, *links, *history;
	size_t ntags, nlinks, nhistory;
};

/*
 * Lays out a milestone as one compact record in arena (the one place
 * that writes records).  A text stops at a NUL it holds.  Returns NULL
 * when memory runs out or a count does not fit the record.
 */
struct tl_milestone *tl_milestone_new(struct tl_arena *arena,
    const struct tl_ms_parts *p);

/*
 * Every text of a record, found in one walk, for exporters that write
 * them all: absent texts have s NULL; tags and links are ready to walk;
 * history is the first history entry's date text.
 */
struct tl_ms_view {
	struct tl_ms_text id, title, date, end, timezone;
	struct tl_ms_text location, description;
	struct tl_list tags, links;
	const char *history;
};

void tl_milestone_view(const struct tl_milestone *m, struct tl_ms_view *v);

/*
 * Reads a milestone's history oldest first, the whole of it costing its
 * length: tl_ms_history_first() is where its first entry stands, and
 * each tl_ms_history_next() fills *out with the entry at 'at' and
 * returns where the next one stands (tl_milestone_history_count() of
 * them).
 */
const char *tl_ms_history_first(const struct tl_milestone *m);
const char *tl_ms_history_next(const char *at, struct tl_history *out);

/* A relative date and what it names. */
struct tl_relative {
	struct tl_milestone *m;
	struct tl_milestone *target;	/* found by tl_set_resolve() */
	uint32_t ref_line, ref_col;	/* of the reference's value */
	uint32_t offset_line, offset_col;	/* of the offset's value */
};

/*
 * Milestone lookup by (timeline, id) while resolving: every milestone's
 * hash and place in set->items, sorted by hash, so that building it
 * reads memory in order and a lookup is a binary search.  Eight bytes a
 * milestone; freed before the set is ordered (which moves the items).
 */
/* An entry: the hash in the high 32 bits, the index in set->items in the
 * low ones, so that sorted entries are in (hash, place) order. */
#define TL_ID_HASH(e) ((uint32_t)((e) >> 32))
#define TL_ID_ITEM(e) ((uint32_t)(e))

struct tl_id_index {
	uint64_t *entries;
	size_t count;
};

/* How far along the pipeline a set is; each stage needs the one before. */
enum tl_stage {
	TL_STAGE_LOADING = 0,		/* files may be loaded */
	TL_STAGE_INDEXED,		/* tl_set_index() */
	TL_STAGE_RESOLVED,		/* tl_set_resolve() */
	TL_STAGE_ORDERED,		/* tl_set_order() */
	TL_STAGE_FAILED			/* memory ran out: read and free */
};

struct tl_set {
	struct tl_arena arena;		/* records and strings */
	struct tl_milestone **items;	/* loaded, then ordered */
	size_t count, cap;
	struct tl_timeline_rec **timelines; /* in file order */
	size_t ntimelines, tcap;
	struct tl_timeline_rec **by_name; /* named once, in name order */
	size_t nby_name;
	struct tl_relative *relatives;
	size_t nrelatives, rcap;
	struct tl_id_index ids;
	unsigned flags;			/* TL_SET_* */
	uint64_t max_file_bytes;	/* see tl_set_set_limit() */
	uint64_t max_milestones;
	uint64_t read;			/* milestone items read so far */
	size_t loaded;			/* see tl_set_loaded_count() */
	struct tl_set_file *files;	/* every file read, for deduplication */
	size_t nfiles, fcap;
	uint32_t *file_slots;		/* by device, inode: index + 1 */
	size_t nslots;			/* a power of two, or 0 */
	enum tl_stage stage;
	/* The reader's space for one file's trees, emptied and kept for
	 * the next file: a directory of many small files would otherwise
	 * take it from the system and give it back for each. */
	struct tl_arena read_scratch, read_header;
};

struct tl_set_file {
	const char *name;
	uint64_t dev, ino;	/* of the file on the disk, else one of: */
};

/* The device of a text given in memory, and of standard input ("-"):
 * neither can be read again by its name. */
#define TL_FILE_DEV_BUFFER	UINT64_MAX
#define TL_FILE_DEV_STDIN	(UINT64_MAX - 1)

/* Milestone states in tl_milestone.resolved. */
#define TL_RES_PENDING	0	/* a relative date not yet computed */
#define TL_RES_DONE	1	/* the window is known */
#define TL_RES_ACTIVE	2	/* on the path being resolved */
#define TL_RES_FAILED	3	/* no window: an error was reported */

/*
 * The index of the file read from device dev, inode ino, or -1 when
 * none was (in constant time: a directory of many files is read in
 * time linear in their number).
 */
long tl_set_find_file(const struct tl_set *set, uint64_t dev, uint64_t ino);

struct tl_source;

/*
 * Loads the text of src (source.h) under the name 'name', as
 * tl_set_load_fd() loads a file: the editor's new text, read from the
 * old file and the new lines without being written.  Returns as
 * tl_set_load_fd() does.
 */
int tl_set_load_source(struct tl_set *set, const char *name,
    struct tl_source *src, struct tl_diags *diags);

/* Registers a new file, its index in *index; 0 or TL_ENOMEM. */
int tl_set_add_file(struct tl_set *set, const char *name, uint64_t dev,
    uint64_t ino, uint32_t *index);

/* Appends a milestone to the set; 0 or TL_ENOMEM. */
int tl_set_push(struct tl_set *set, struct tl_milestone *m);

/* Appends a timeline to the set; 0 or TL_ENOMEM. */
int tl_set_push_timeline(struct tl_set *set, struct tl_timeline_rec *t);

/* Appends a pending relative date, setting m->aux, with where its
 * reference (ref[0], line, and ref[1], column) and its offset are
 * written; 0 or TL_ENOMEM. */
int tl_set_push_relative(struct tl_set *set, struct tl_milestone *m,
    const uint32_t ref[2], const uint32_t offset[2]);

/* Finds the milestone 'id' of timeline t, or NULL. */
struct tl_milestone *tl_id_find(const struct tl_set *set,
    const struct tl_timeline *t, const char *id, size_t idlen);

/* The hash of a milestone's (timeline, id). */
uint32_t tl_id_hash(const struct tl_timeline *t, const char *id, size_t len);

/* Frees the id index. */
void tl_id_dispose(struct tl_set *set);

/* Whether set has been resolved (and may be ordered): its windows known. */
static inline int
tl_set_is_resolved(const struct tl_set *set)
{
	return set->stage == TL_STAGE_RESOLVED ||
	    set->stage == TL_STAGE_ORDERED;
}

/* Finds a timeline by name among those loaded first under it, or NULL;
 * after tl_set_index(). */
struct tl_timeline_rec *tl_set_find_timeline(const struct tl_set *set,
    const char *name, size_t len);

/* The status that len bytes at word name in any case, or that other
 * trackers call so ("completed", "blocked"); TL_EINVAL for other words
 * (tl_status_meant() also takes a status misspelt). */
int tl_status_word(const char *word, size_t len);

/* Reports a problem of milestone m at line:col of its file; 0 or
 * TL_ENOMEM. */
int tl_ms_diag(struct tl_diags *diags, enum tl_level level, const char *code,
    const struct tl_milestone *m, uint32_t line, uint32_t col,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* The record of a milestone's timeline. */
static inline const struct tl_timeline_rec *
tl_ms_timeline_rec(const struct tl_milestone *m)
{
	return (const struct tl_timeline_rec *)(const void *)m->timeline;
}

/* The file index of a milestone's timeline. */
static inline uint32_t
tl_ms_file_index(const struct tl_milestone *m)
{
	const void *tl = m->timeline;

	return ((const struct tl_timeline_rec *)tl)->file_index;
}


/* errno value e described in English, whatever the locale (common.c). */
const char *tl_errno_text(int e);

#endif
