/*
 * A zone's changes of offset as the tz database's file for it lists them
 * (TZif, RFC 8536): its table of changes, then the yearly rule of its
 * footer for the years after.  The checks and the calendar's VTIMEZONEs
 * read offsets here; libical's reading of the same files guesses yearly
 * rules from the table and misses some changes.
 */
#ifndef TIMELINE_TZIF_H
#define TIMELINE_TZIF_H

#include <stdint.h>

struct tl_tzif;

/* Room for a zone's abbreviation ("CEST", "+0530") and its NUL. */
#define TL_TZIF_ABBR_SIZE 16

/* One change of offset: at an instant, from one offset to another. */
struct tl_tzif_change {
	int64_t at;		/* seconds since 1970 UTC */
	int32_t before, after;	/* offsets from UTC, seconds east */
	int dst;		/* summer time after the change */
	char abbr[TL_TZIF_ABBR_SIZE];	/* after the change, or "" */
};

/*
 * Reads the TZif file at path into *out (tl_tzif_free() it).  0;
 * TL_ENOMEM; TL_EIO when it cannot be read or is not a TZif file.
 */
int tl_tzif_read(struct tl_tzif **out, const char *path);

void tl_tzif_free(struct tl_tzif *z);

/*
 * The offset from UTC in force at instant t (seconds since 1970 UTC), in
 * seconds east; *dst (if not NULL) receives whether it is summer time.
 */
int32_t tl_tzif_offset(const struct tl_tzif *z, int64_t t, int *dst);

/*
 * The first change after instant t and at or before limit, into *c.
 * Returns 1, or 0 when there is none.
 */
int tl_tzif_next(const struct tl_tzif *z, int64_t t, int64_t limit,
    struct tl_tzif_change *c);

#endif
