/*
 * Dates, windows and offsets, as timeline(5) describes them.
 *
 * A day is a count of days since 0001-01-01 (day 0) in the proleptic
 * Gregorian calendar; 9999-12-31 is TL_DAY_MAX.  A window is the span of
 * days a written date names, inclusive at both ends.
 *
 * Thread safety: these functions keep no state; call them from any
 * thread.
 */
#ifndef TIMELINE_DATE_H
#define TIMELINE_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TL_DAY_MIN 0
#define TL_DAY_MAX 3652058	/* 9999-12-31 */
#define TL_DAY_NONE INT32_MIN	/* "no day", e.g. an absent 'noted' */

/* Precisions from finest to coarsest; TL_PREC_RANGE is a start/end pair. */
enum tl_precision {
	TL_PREC_DAY = 0,
	TL_PREC_MONTH,
	TL_PREC_QUARTER,
	TL_PREC_HALF,
	TL_PREC_YEAR,
	TL_PREC_RANGE
};

/* Bits of tl_window.flags. */
#define TL_WIN_APPROX		0x01	/* the whole window is approximate */
#define TL_WIN_START_APPROX	0x02	/* a range's start was written with ~ */
#define TL_WIN_END_APPROX	0x04	/* a range's end was written with ~ */

struct tl_window {
	int32_t start;			/* first day */
	int32_t end;			/* last day, inclusive */
	uint8_t precision;		/* enum tl_precision */
	uint8_t flags;			/* TL_WIN_* */
	uint8_t start_precision;	/* a range's start; else == precision */
	uint8_t end_precision;		/* a range's end; else == precision */
};

enum tl_unit {
	TL_UNIT_DAY = 0,
	TL_UNIT_WEEK,
	TL_UNIT_MONTH,
	TL_UNIT_QUARTER,
	TL_UNIT_YEAR
};

struct tl_offset {
	uint16_t count;		/* 0..9999 */
	uint8_t unit;		/* enum tl_unit */
	uint8_t approximate;	/* written with a leading ~ */
};

/*
 * Size of the buffer that every function here takes for the reason of a
 * failure ("February 2026 has 28 days").  Longer reasons are cut.
 */
#define TL_WHY_SIZE 96

/*
 * Converts between days and year/month/day.  tl_day_from_ymd expects a
 * valid date (see tl_days_in_month); tl_day_to_ymd any day from
 * TL_DAY_MIN to TL_DAY_MAX.
 */
TL_EXTERN int32_t tl_day_from_ymd(int year, int month, int day);
TL_EXTERN void tl_day_to_ymd(int32_t day, int *year, int *month, int *mday);
TL_EXTERN int tl_days_in_month(int year, int month);
TL_EXTERN int tl_is_leap_year(int year);

/*
 * Parses a plain date of any form ("2026-05-10", "2026-05", "2026-Q3",
 * "2026-H2", "2026", each optionally with a leading "~") of len bytes
 * (text need not be NUL-terminated).  Returns 0 and fills *out, or
 * TL_EINVAL and writes the reason, without the date itself, to why.
 */
TL_EXTERN int tl_date_parse(struct tl_window *out, const char *text,
    size_t len, char why[TL_WHY_SIZE]);

/*
 * Parses a plain day ("2025-12-16", no "~"), as 'noted' takes.  Returns
 * 0 and fills *out, or TL_EINVAL with the reason in why.
 */
TL_EXTERN int tl_day_parse(int32_t *out, const char *text, size_t len,
    char why[TL_WHY_SIZE]);

/*
 * Parses an offset ("10d", "~1y": 0-9999 and one of d w m q y).
 * Returns 0 and fills *out, or TL_EINVAL with the reason in why.
 */
TL_EXTERN int tl_offset_parse(struct tl_offset *out, const char *text,
    size_t len, char why[TL_WHY_SIZE]);

/*
 * Joins the windows of a range's start and end into *out.  Returns
 * TL_EINVAL, with the reason in why, when end finishes before start
 * begins.
 */
TL_EXTERN int tl_window_range(struct tl_window *out,
    const struct tl_window *start,
    const struct tl_window *end, char why[TL_WHY_SIZE]);

/*
 * The window of a date placed 'off' after (before == 0) or before
 * (before != 0) the window ref, by the rules of timeline(5).  Returns
 * TL_ERANGE, with the reason in why, when the moved day leaves years
 * 0001-9999.
 */
TL_EXTERN int tl_window_relative(struct tl_window *out,
    const struct tl_window *ref,
    const struct tl_offset *off, int before, char why[TL_WHY_SIZE]);

/*
 * Formats a day of TL_DAY_MIN-TL_DAY_MAX as "2026-05-31" into buf (at
 * least 11 bytes).  Returns the text's length, 10.  A buf too small for
 * it gets the empty string (no part of a date, which would read as
 * another), and the return is still 10, as with buf NULL and size 0; a
 * day outside the range, or TL_DAY_NONE, gives the empty string and 0.
 */
TL_EXTERN size_t tl_day_format(char *buf, size_t size, int32_t day);

/*
 * Writes a window in words into buf, NUL-terminated and cut to fit size,
 * and returns the length it needed (as snprintf does).  With with_year
 * the year is included: "10 Dec 2025", "~Dec 2026", "Q3 2026", "H2 2026",
 * "2026"; without: "10 Dec", "~Dec", "Q3", "H2", "2026".  A range always
 * names its years: "Q3 2026 – H1 2027", shorter within one year
 * ("Mar – May 2026", "20 Jul – 5 Aug 2026") or one month ("20–25 Jul
 * 2026"), and once when both ends are one period ("3 May 2027").  An end
 * that is a whole year keeps the long form ("2026 – Q3 2026").
 */
TL_EXTERN size_t tl_window_words(char *buf, size_t size,
    const struct tl_window *w, int with_year);

#ifdef __cplusplus
}
#endif

#endif
