/*
 * Diff: what changed between two versions of the data (timeline(5),
 * "DIFF"; timeline(1), "diff").
 *
 * Milestones are matched by TIMELINE/ID.  Each one that differs is one
 * change: a kind for its date (added, removed, later, earlier, narrowed,
 * widened, firmed, softened, or none when the date did not change), a
 * status change, and the names of other fields that changed.
 *
 * Thread safety: a diff only reads its sets, and is read-only once
 * made: several threads may diff the same sets and read one diff at the
 * same time, as long as no thread changes the sets meanwhile.  The
 * library starts no thread.
 *
 * See timeline(5), "DIFF", for the kinds and the JSON form, and
 * timeline(1), "diff", for the text.
 */
#ifndef TIMELINE_DIFF_H
#define TIMELINE_DIFF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "date.h"
#include "export.h"
#include "set.h"

#ifdef __cplusplus
extern "C" {
#endif

enum tl_diff_kind {
	TL_DIFF_NONE = 0,	/* the window is the same (status or fields) */
	TL_DIFF_ADDED,		/* only in the new version */
	TL_DIFF_REMOVED,	/* only in the old version */
	TL_DIFF_LATER,		/* s1 >= s0 and e1 >= e0 */
	TL_DIFF_EARLIER,	/* s1 <= s0 and e1 <= e0 */
	TL_DIFF_NARROWED,	/* inside the old window */
	TL_DIFF_WIDENED,	/* around the old window */
	TL_DIFF_FIRMED,		/* the same days, no longer approximate */
	TL_DIFF_SOFTENED	/* the same days, now approximate */
};

/* Bits of tl_change.fields: the other fields that changed. */
#define TL_FIELD_TITLE		0x01
#define TL_FIELD_TAGS		0x02
#define TL_FIELD_LINKS		0x04
#define TL_FIELD_LOCATION	0x08
#define TL_FIELD_DESCRIPTION	0x10
#define TL_FIELD_TIME		0x20
#define TL_FIELD_TIMEZONE	0x40
#define TL_FIELD_COUNT		7

/*
 * One milestone that differs.  before is NULL for an added milestone,
 * after for a removed one; both point into the sets given to tl_diff().
 */
struct tl_change {
	const struct tl_milestone *before;
	const struct tl_milestone *after;
	enum tl_diff_kind kind;
	int status_changed;	/* both versions have it, statuses differ */
	unsigned fields;	/* TL_FIELD_* */
};

struct tl_diff_options {
	unsigned version;	/* TL_DIFF_OPTIONS_VERSION */
};

#define TL_DIFF_OPTIONS_VERSION 1

/*
 * Fills *opts with the defaults for the given version.  Returns 0, or
 * TL_EINVAL for a version this library does not know.
 */
TL_EXTERN int tl_diff_options_init(struct tl_diff_options *opts,
    unsigned version);

struct tl_diff;

/*
 * Compares two resolved sets (see tl_set_resolve(); they need not be
 * ordered, and a set with errors holds only its milestones with a window),
 * the old version 'before' and the new one 'after', and stores in *out
 * the list of changes, in the order of timeline(5) "ORDER": by the new
 * window, a removed milestone by its old one.  Every milestone of
 * either set (one with a window) is compared.  opts may be NULL for the
 * defaults.
 *
 * The diff points into both sets: free it before either set.  Returns
 * 0, TL_EINVAL (a bad opts version, a set not resolved, or one loaded
 * with TL_SET_CHECK_ONLY), or
 * TL_ENOMEM; on failure *out is NULL.  tl_diff_free() accepts NULL.
 */
TL_EXTERN int tl_diff(struct tl_diff **out, const struct tl_set *before,
    const struct tl_set *after, const struct tl_diff_options *opts);
TL_EXTERN void tl_diff_free(struct tl_diff *diff);

/* The number of changes, and change i (i < the count; NULL for i from
 * the count on). */
TL_EXTERN size_t tl_diff_count(const struct tl_diff *diff);
TL_EXTERN const struct tl_change *tl_diff_change(const struct tl_diff *diff,
    size_t i);

/*
 * The kind of a change from window before to window after, by the rules
 * above: TL_DIFF_NONE when they hold the same days with the same
 * approximation (precision aside: a range over May 2026 is May 2026).
 */
TL_EXTERN enum tl_diff_kind tl_diff_windows(const struct tl_window *before,
    const struct tl_window *after);

/* "later", "firmed", ...; NULL for TL_DIFF_NONE.  Static strings. */
TL_EXTERN const char *tl_diff_kind_name(enum tl_diff_kind kind);

/* "title", "tags", ... for one TL_FIELD_* bit; NULL for another value. */
TL_EXTERN const char *tl_diff_field_name(unsigned field);

/*
 * Writes the shift from day 'from' to day 'to' in words into buf, like
 * snprintf (NUL-terminated, cut to size, returns the length needed):
 *
 *	"+12 days", "-1 day"	less than two whole months apart
 *	"+6 months"		less than 24 whole months apart
 *	"+2 years"		otherwise, in whole years (months / 12)
 *
 * Whole months count as timeline(5) moves a date by months, clamping
 * to a month's last day: N months lie between the two days
 * when the earlier one moved N months is not past the later one (Jan
 * 31 to Feb 28 is one month).  What is left over is dropped: 2 months
 * and 20 days is "+2 months", 35 months is "+2 years".  Equal days give
 * "+0 days".
 */
TL_EXTERN size_t tl_diff_shift_words(char *buf, size_t size, int32_t from,
    int32_t to);

enum tl_diff_format {
	TL_DIFF_TEXT = 0,	/* one line per change, for a terminal */
	TL_DIFF_MARKDOWN,	/* a list, for release notes */
	TL_DIFF_JSON		/* {"changes": [...]} */
};

struct tl_diff_write_options {
	unsigned version;	/* TL_DIFF_WRITE_OPTIONS_VERSION */
	enum tl_diff_format format;
	enum tl_color color;	/* text only; default TL_COLOR_NEVER */
};

#define TL_DIFF_WRITE_OPTIONS_VERSION 1

/*
 * Fills *opts with the defaults (text, no colour) for the given version.
 * Returns 0, or TL_EINVAL for a version this library does not know.
 */
TL_EXTERN int tl_diff_write_options_init(struct tl_diff_write_options *opts,
    unsigned version);

/*
 * Writes the diff to out in the format asked (timeline(1), "diff"):
 * nothing at all for text and Markdown when there is no change.  Text
 * and JSON carry slugs, status names and dates, never free text from
 * the data; Markdown leads each line with the milestone's title, its
 * markup characters escaped and its control characters written as
 * U+FFFD.  opts may be NULL for the defaults.  Returns 0, TL_EINVAL
 * (a bad opts version or format) or TL_EIO (a write failed).
 */
TL_EXTERN int tl_diff_write(FILE *out, const struct tl_diff *diff,
    const struct tl_diff_write_options *opts);

#ifdef __cplusplus
}
#endif

#endif
