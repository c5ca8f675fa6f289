/*
 * Time zones, from the system's tz database: the names and places by way
 * of libical, the offsets from each zone's file (tzif.c).  src/zone.c and
 * src/export_ics.c are the only files that include libical.
 */
#ifndef TIMELINE_ZONE_H
#define TIMELINE_ZONE_H

#include <stddef.h>
#include <stdint.h>

struct tl_tzif;

enum tl_zone_result {
	TL_ZONE_OK = 0,		/* the wall-clock time occurs once */
	TL_ZONE_UNKNOWN,	/* no such IANA zone */
	TL_ZONE_GAP,		/* the time is skipped (clocks go forward) */
	TL_ZONE_FOLD		/* the time occurs twice (clocks go back) */
};

/*
 * Tells whether the IANA zone 'name' exists and whether the wall-clock
 * time 'minute' (minutes after midnight) on 'day' (see date.h) occurs
 * in it once, never, or twice.  Returns an enum tl_zone_result, or
 * TL_ENOMEM.  A name that is not a zone's (".." or a device under the
 * zone directory included) is TL_ZONE_UNKNOWN, and so is a zone whose
 * file cannot be read; a minute outside 0-1439 or a day outside
 * TL_DAY_MIN-TL_DAY_MAX never occurs (TL_ZONE_GAP).  It asks libical's
 * built-in zones, a cache shared by the whole process, and sets
 * libical's errors not to be fatal (icalerror_set_errors_are_fatal(0)).
 */
int tl_zone_check(const char *name, int32_t day, int minute);

struct tl_zone_memo;

/*
 * Writes into buf (size bytes) the IANA zone that name was probably
 * meant to be ("asia/tokyo", "Europe/Tokio": a letter's case or up to
 * two edits away; an old name in other capitals, "us/pacific", as
 * well).  memo keeps the database's list of old names for later calls,
 * and the answer for the last name tl_zone_memo_find() found no zone
 * for.  A search looks at every zone's name, so a memo searches for
 * TL_ZONE_SEARCHES names at most: a file with more unknown zones than
 * that gets no more suggestions, and stays quick.  Returns 0,
 * TL_ZONE_UNKNOWN when none is close, or TL_ENOMEM.
 */
#define TL_ZONE_SEARCHES ((size_t)4096)

int tl_zone_suggest(struct tl_zone_memo *memo, const char *name, char *buf,
    size_t size);

/* Room for what tl_zone_label() writes: "UTC-12" and its NUL. */
#define TL_ZONE_LABEL_SIZE 8

/*
 * Mends a VTIMEZONE that libical read from the tz database (icalcomponent
 * of libical): where a tz file's table of 32-bit times ends, in 2038,
 * libical starts the rule of a zone's last changes with the wrong offset
 * before the change and at 03:14:07 UTC as its time of day, so that its
 * changes from 2038 on fall at the wrong time (Atlantic/Azores,
 * Australia/Lord_Howe).  Each such observance takes both from the one
 * before it that makes the same change.
 */
struct icalcomponent_impl;
void tl_zone_mend(struct icalcomponent_impl *vtz);

/*
 * The zone's name as a reader should see it: an Etc/GMT zone of whole
 * hours as the offset it is ("UTC-12" for Etc/GMT+12, whose sign is
 * POSIX's, the reverse of the way people write it), written into buf;
 * any other name as it is.
 */
const char *tl_zone_label(const char *name, char buf[TL_ZONE_LABEL_SIZE]);

/* Room for the longest zone name accepted and its NUL. */
#define TL_ZONE_NAME_SIZE 129

/*
 * Writes into buf (size bytes) the name under which the tz database
 * lists the zone that name is an old name of (Europe/Kiev is a link to
 * Europe/Kyiv, US/Pacific to America/Los_Angeles): a name that libical
 * finds but does not list, whose file is a link to one it lists.
 * Returns 1 when it did, else 0 (a listed name, UTC, an unknown name).
 */
int tl_zone_current_name(const char *name, char *buf, size_t size);

/* A zone found once and asked many times: its changes, read once. */
struct tl_zone;

/*
 * Finds the IANA zone 'name' into *zone (tl_zone_free() it), NULL when
 * there is none (as TL_ZONE_UNKNOWN).  0, TL_ENOMEM, or TL_EIO with
 * errno set when its file is there and cannot be read (too many files
 * open, no permission).
 */
int tl_zone_find(const char *name, struct tl_zone **zone);

void tl_zone_free(struct tl_zone *zone);

/* The changes of zone's offsets, as its file lists them. */
const struct tl_tzif *tl_zone_changes(const struct tl_zone *zone);

/*
 * Tells, as tl_zone_check() does, how often the wall-clock time occurs in
 * zone; *offset receives the offset from UTC, in seconds east of
 * Greenwich, in force at its first occurrence (the earlier instant of a
 * fold), so that the instant is the wall-clock time minus *offset.  For
 * a time in a gap (TL_ZONE_GAP) it is the offset in force before the
 * gap, which places the time as RFC 5545 (3.3.5) does: 02:30 on the
 * night New York skips from 02:00 to 03:00 is 07:30 UTC.  A minute or a
 * day that is no time of any day leaves *offset alone.
 */
int tl_zone_offset(const struct tl_zone *zone, int32_t day, int minute,
    int *offset);

/*
 * Whether the change of offset around the time of day minute on day in
 * zone (a gap or a fold) starts or ends summer time, rather than moving
 * the zone's standard time (Samoa skipping 30 December 2011).
 */
int tl_zone_dst_changes(const struct tl_zone *zone, int32_t day,
    int minute);

/*
 * The zones a file names, each looked up once: finding a zone costs a
 * search of libical's list and a read of its file, and telling an old
 * name a look at the file system, where a file that gives many
 * milestones a time names a few zones over and over.  It keeps every
 * zone found (a hash table that grows; names of no zone are not kept);
 * zero it before its first use, and tl_zone_memo_dispose() it after its
 * last.
 */
struct tl_zone_seen;
struct tl_zone_links;

struct tl_zone_memo {
	struct tl_zone_seen *slots;	/* cap of them, or NULL */
	size_t cap, count;
	struct tl_zone_links *links;	/* tzdata.zi's, once a name needs */
	int links_read;			/* them (NULL: none) */
	/* The last name of no zone, so that a misspelling repeated down a
	 * file is looked up and suggested for once ("": none yet); what
	 * tl_zone_suggest() gave for it when suggested is set; and how
	 * many names tl_zone_suggest() has searched for. */
	char unknown[TL_ZONE_NAME_SIZE];
	int suggested, suggest_result;
	char suggestion[TL_ZONE_NAME_SIZE];
	size_t searches;
};

/*
 * As tl_zone_find(), through memo, which keeps the zone found; *current
 * (if not NULL) receives the name tl_zone_current_name() gives for name,
 * or NULL when it gives none.  0, TL_ENOMEM, or TL_EIO (errno set) as
 * tl_zone_find() gives it.
 */
int tl_zone_memo_find(struct tl_zone_memo *memo, const char *name,
    struct tl_zone **zone, const char **current);

/* Frees the zones memo keeps, and empties it. */
void tl_zone_memo_dispose(struct tl_zone_memo *memo);

#endif
