/*
 * Tests for dates, windows and offsets (src/date.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "timeline/common.h"
#include "timeline/date.h"

/* Parses text, which must be valid, and returns its window. */
static struct tl_window
parse(const char *text)
{
	struct tl_window w;
	char why[TL_WHY_SIZE] = "";

	memset(&w, 0xaa, sizeof(w));
	if (tl_date_parse(&w, text, strlen(text), why) != 0)
		fail_msg("'%s' was refused: %s", text, why);
	return w;
}

/* Asserts that text is refused as a date with exactly this reason. */
static void
assert_date_refused(const char *text, const char *reason)
{
	struct tl_window w;
	char why[TL_WHY_SIZE] = "";

	memset(&w, 0, sizeof(w));
	assert_int_equal(tl_date_parse(&w, text, strlen(text), why),
	    TL_EINVAL);
	assert_string_equal(why, reason);
}

/* Asserts that text is refused as a day with exactly this reason. */
static void
assert_day_refused(const char *text, const char *reason)
{
	int32_t day = 0;
	char why[TL_WHY_SIZE] = "";

	assert_int_equal(tl_day_parse(&day, text, strlen(text), why),
	    TL_EINVAL);
	assert_string_equal(why, reason);
}

static void
assert_window(const struct tl_window *w, const char *first,
    const char *last, enum tl_precision prec, unsigned flags)
{
	char buf[16];

	tl_day_format(buf, sizeof(buf), w->start);
	assert_string_equal(buf, first);
	tl_day_format(buf, sizeof(buf), w->end);
	assert_string_equal(buf, last);
	assert_int_equal(w->precision, prec);
	assert_int_equal(w->flags, flags);
	if (prec != TL_PREC_RANGE) {
		assert_int_equal(w->start_precision, prec);
		assert_int_equal(w->end_precision, prec);
	}
}

static void
assert_parses_to(const char *text, const char *first, const char *last,
    enum tl_precision prec, unsigned flags)
{
	struct tl_window w = parse(text);

	assert_window(&w, first, last, prec, flags);
}

static struct tl_offset
offset(const char *text)
{
	struct tl_offset off;
	char why[TL_WHY_SIZE] = "";

	if (tl_offset_parse(&off, text, strlen(text), why) != 0)
		fail_msg("offset '%s' was refused: %s", text, why);
	return off;
}

static void
assert_offset_refused(const char *text, const char *reason)
{
	struct tl_offset off;
	char why[TL_WHY_SIZE] = "";

	assert_int_equal(tl_offset_parse(&off, text, strlen(text), why),
	    TL_EINVAL);
	assert_string_equal(why, reason);
}

/* The window of the date ref moved by the offset off. */
static struct tl_window
moved(const char *ref, const char *off, int before)
{
	struct tl_window r = parse(ref), w;
	struct tl_offset o = offset(off);
	char why[TL_WHY_SIZE] = "";

	if (tl_window_relative(&w, &r, &o, before, why) != 0)
		fail_msg("%s %s %s failed: %s", off, before ? "before" :
		    "after", ref, why);
	return w;
}

static void
assert_moved(const char *ref, const char *off, int before,
    const char *first, const char *last, enum tl_precision prec,
    unsigned flags)
{
	struct tl_window w = moved(ref, off, before);

	assert_window(&w, first, last, prec, flags);
}

static struct tl_window
range(const char *start, const char *end)
{
	struct tl_window s = parse(start), e = parse(end), w;
	char why[TL_WHY_SIZE] = "";

	if (tl_window_range(&w, &s, &e, why) != 0)
		fail_msg("%s to %s failed: %s", start, end, why);
	return w;
}

static void
assert_words(const struct tl_window *w, int with_year, const char *words)
{
	char buf[64];

	assert_int_equal(tl_window_words(buf, sizeof(buf), w, with_year),
	    strlen(words));
	assert_string_equal(buf, words);
}

/* Calendar arithmetic. */

static void
date_day_max_is_9999_12_31(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(TL_DAY_MAX, 3652058);
	assert_int_equal(tl_day_from_ymd(9999, 12, 31), TL_DAY_MAX);
	assert_int_equal(tl_day_from_ymd(1, 1, 1), TL_DAY_MIN);
	tl_day_to_ymd(TL_DAY_MAX, &y, &m, &d);
	assert_int_equal(y, 9999);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	tl_day_to_ymd(TL_DAY_MIN, &y, &m, &d);
	assert_int_equal(y, 1);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
}

static void
date_knows_leap_years(void **state)
{
	(void)state;
	assert_true(tl_is_leap_year(2024));
	assert_true(tl_is_leap_year(2000));
	assert_true(tl_is_leap_year(4));
	assert_false(tl_is_leap_year(2100));
	assert_false(tl_is_leap_year(1900));
	assert_false(tl_is_leap_year(2027));
	assert_int_equal(tl_days_in_month(2024, 2), 29);
	assert_int_equal(tl_days_in_month(2100, 2), 28);
	assert_int_equal(tl_days_in_month(2026, 4), 30);
	assert_int_equal(tl_days_in_month(2026, 12), 31);
	assert_int_equal(tl_days_in_month(2026, 0), 0);
	assert_int_equal(tl_days_in_month(2026, 13), 0);
}

static void
date_counts_known_days(void **state)
{
	(void)state;
	/* 1970-01-01 is 719162 days after 0001-01-01. */
	assert_int_equal(tl_day_from_ymd(1970, 1, 1), 719162);
	assert_int_equal(tl_day_from_ymd(2000, 3, 1) -
	    tl_day_from_ymd(2000, 2, 28), 2);
	assert_int_equal(tl_day_from_ymd(2100, 3, 1) -
	    tl_day_from_ymd(2100, 2, 28), 1);
	assert_int_equal(tl_day_from_ymd(2026, 1, 1) -
	    tl_day_from_ymd(2025, 1, 1), 365);
	assert_int_equal(tl_day_from_ymd(2025, 1, 1) -
	    tl_day_from_ymd(2024, 1, 1), 366);
}

static void
date_round_trips_every_day_in_range(void **state)
{
	int32_t day = 0;
	int y = 1, m = 1, d = 1;

	(void)state;

	/*
	 * Walk the calendar one day at a time beside the day count, so every
	 * day of 0001-9999 is checked both ways.
	 */
	for (day = TL_DAY_MIN; day <= TL_DAY_MAX; day++) {
		int yy, mm, dd;

		if (tl_day_from_ymd(y, m, d) != day)
			fail_msg("%04d-%02d-%02d is not day %d", y, m, d,
			    (int)day);
		tl_day_to_ymd(day, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			fail_msg("day %d gave %04d-%02d-%02d", (int)day, yy,
			    mm, dd);
		if (++d > tl_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(y, 10000);
}

static void
date_formats_days(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(tl_day_format(buf, sizeof(buf),
	    tl_day_from_ymd(2026, 5, 31)), 10);
	assert_string_equal(buf, "2026-05-31");
	tl_day_format(buf, sizeof(buf), TL_DAY_MIN);
	assert_string_equal(buf, "0001-01-01");
	tl_day_format(buf, sizeof(buf), TL_DAY_MAX);
	assert_string_equal(buf, "9999-12-31");
	/* Too small a buffer gets no part of the date: "9999" would read
	 * as a year. */
	assert_int_equal(tl_day_format(buf, 5, TL_DAY_MAX), 10);
	assert_string_equal(buf, "");
	assert_int_equal(tl_day_format(buf, 10, TL_DAY_MAX), 10);
	assert_string_equal(buf, "");
	assert_int_equal(tl_day_format(buf, 11, TL_DAY_MAX), 10);
	assert_string_equal(buf, "9999-12-31");
	/* Asked for the length alone, as of snprintf. */
	assert_int_equal(tl_day_format(NULL, 0, TL_DAY_MAX), 10);
	buf[0] = 'x';
	assert_int_equal(tl_day_format(buf, 0, TL_DAY_MIN), 10);
	assert_int_equal(buf[0], 'x');
	assert_int_equal(tl_day_format(NULL, 0, TL_DAY_NONE), 0);
	/* Days that are none of 0001-9999 are written as nothing. */
	assert_int_equal(tl_day_format(buf, sizeof(buf), TL_DAY_NONE), 0);
	assert_string_equal(buf, "");
	assert_int_equal(tl_day_format(buf, sizeof(buf), TL_DAY_MAX + 1), 0);
	assert_string_equal(buf, "");
	assert_int_equal(tl_day_format(buf, sizeof(buf), -1), 0);
	assert_string_equal(buf, "");
}

/* Parsing dates. */

static void
date_parses_each_form(void **state)
{
	(void)state;
	assert_parses_to("2025-12-10", "2025-12-10", "2025-12-10",
	    TL_PREC_DAY, 0);
	assert_parses_to("2026-05", "2026-05-01", "2026-05-31",
	    TL_PREC_MONTH, 0);
	assert_parses_to("2026-02", "2026-02-01", "2026-02-28",
	    TL_PREC_MONTH, 0);
	assert_parses_to("2024-02", "2024-02-01", "2024-02-29",
	    TL_PREC_MONTH, 0);
	assert_parses_to("2026-Q1", "2026-01-01", "2026-03-31",
	    TL_PREC_QUARTER, 0);
	assert_parses_to("2026-Q2", "2026-04-01", "2026-06-30",
	    TL_PREC_QUARTER, 0);
	assert_parses_to("2026-Q3", "2026-07-01", "2026-09-30",
	    TL_PREC_QUARTER, 0);
	assert_parses_to("2026-Q4", "2026-10-01", "2026-12-31",
	    TL_PREC_QUARTER, 0);
	assert_parses_to("2026-H1", "2026-01-01", "2026-06-30",
	    TL_PREC_HALF, 0);
	assert_parses_to("2026-H2", "2026-07-01", "2026-12-31",
	    TL_PREC_HALF, 0);
	assert_parses_to("2026", "2026-01-01", "2026-12-31",
	    TL_PREC_YEAR, 0);
	assert_parses_to("0001", "0001-01-01", "0001-12-31",
	    TL_PREC_YEAR, 0);
	assert_parses_to("9999-12-31", "9999-12-31", "9999-12-31",
	    TL_PREC_DAY, 0);
	assert_parses_to("9999", "9999-01-01", "9999-12-31",
	    TL_PREC_YEAR, 0);
}

static void
date_tilde_marks_approximate(void **state)
{
	(void)state;
	assert_parses_to("~2026-12", "2026-12-01", "2026-12-31",
	    TL_PREC_MONTH, TL_WIN_APPROX);
	assert_parses_to("~2025-12-10", "2025-12-10", "2025-12-10",
	    TL_PREC_DAY, TL_WIN_APPROX);
	assert_parses_to("~2026-Q3", "2026-07-01", "2026-09-30",
	    TL_PREC_QUARTER, TL_WIN_APPROX);
	assert_parses_to("~2026-H2", "2026-07-01", "2026-12-31",
	    TL_PREC_HALF, TL_WIN_APPROX);
	assert_parses_to("~2026", "2026-01-01", "2026-12-31",
	    TL_PREC_YEAR, TL_WIN_APPROX);
}

static void
date_accepts_february_29_in_leap_years(void **state)
{
	(void)state;
	assert_parses_to("2024-02-29", "2024-02-29", "2024-02-29",
	    TL_PREC_DAY, 0);
	assert_parses_to("2000-02-29", "2000-02-29", "2000-02-29",
	    TL_PREC_DAY, 0);
}

static void
date_rejects_february_29_in_common_years(void **state)
{
	(void)state;
	assert_date_refused("2100-02-29", "February 2100 has 28 days");
	assert_date_refused("2027-02-29", "February 2027 has 28 days");
}

static void
date_rejects_february_30(void **state)
{
	(void)state;
	assert_date_refused("2026-02-30", "February 2026 has 28 days");
	assert_date_refused("2024-02-30", "February 2024 has 29 days");
}

static void
date_rejects_days_past_the_month(void **state)
{
	(void)state;
	assert_date_refused("2026-01-32", "January 2026 has 31 days");
	assert_date_refused("2026-04-31", "April 2026 has 30 days");
	assert_date_refused("2026-12-99", "December 2026 has 31 days");
	assert_date_refused("2026-05-00", "day 00 does not exist");
}

static void
date_rejects_months_outside_01_12(void **state)
{
	(void)state;
	assert_date_refused("2026-13", "month 13 is not 01-12");
	assert_date_refused("2026-00", "month 00 is not 01-12");
	assert_date_refused("2026-13-01", "month 13 is not 01-12");
	/* A lone digit gets its 0 when that makes a date. */
	assert_date_refused("2026-5", "the month must have two digits: did "
	    "you mean '2026-05'?");
	assert_date_refused("~2026-5-9", "the month must have two digits: "
	    "did you mean '~2026-05-09'?");
	assert_date_refused("2026-2-30", "the month must have two digits, "
	    "01-12");
	assert_date_refused("2026-5-", "the month must have two digits, "
	    "01-12");
	assert_date_refused("2026-005",
	    "the month must have two digits, 01-12");
	assert_date_refused("2026-05-1",
	    "the day must have two digits: did you mean '2026-05-01'?");
	assert_date_refused("2026-05-1x",
	    "the day must have two digits, like 05");
	assert_date_refused("2026-05-010",
	    "the day must have two digits, like 05");
	assert_date_refused("2026-05-",
	    "the day must have two digits, like 05");
}

static void
date_rejects_bad_quarters_and_halves(void **state)
{
	(void)state;
	assert_date_refused("2026-Q0", "quarter must be Q1-Q4");
	assert_date_refused("2026-Q5", "quarter must be Q1-Q4");
	assert_date_refused("2026-Q", "quarter must be Q1-Q4");
	assert_date_refused("2026-Q12", "quarter must be Q1-Q4");
	assert_date_refused("2026-H0", "half must be H1 or H2");
	assert_date_refused("2026-H3", "half must be H1 or H2");
	assert_date_refused("2026-H", "half must be H1 or H2");
}

static void
date_requires_upper_case_q_and_h(void **state)
{
	(void)state;
	assert_date_refused("2026-q3", "'q' must be upper case (Q3)");
	assert_date_refused("2026-h2", "'h' must be upper case (H2)");
	assert_date_refused("2026-q9", "'q' must be upper case (Qn)");
	assert_date_refused("2026-h", "'h' must be upper case (Hn)");
}

static void
date_rejects_years_outside_0001_9999(void **state)
{
	(void)state;
	assert_date_refused("0000", "year 0000 is before 0001");
	assert_date_refused("0000-01-01", "year 0000 is before 0001");
	assert_date_refused("10000", "the year must have four digits");
	assert_date_refused("10000-01-01", "the year must have four digits");
	assert_date_refused("999", "the year must have four digits");
	assert_date_refused("202-01", "the year must have four digits");
	assert_date_refused("20260", "the year must have four digits");
	assert_date_refused("-2026", "no sign is allowed before the year");
	assert_date_refused("+2026", "no sign is allowed before the year");
	assert_date_refused("~-2026", "no sign is allowed before the year");
}

/* A date not known, a season, a week, a fiscal year or a part of a
 * year without its year, and ordinal days, each told how to be written. */
static void
date_reads_windows_in_words(void **state)
{
	(void)state;
	assert_date_refused("TBD", "not known yet? write the window it "
	    "surely falls in, ~ when it is about (YYYY, ~YYYY-H2)");
	assert_date_refused("?", "not known yet? write the window it "
	    "surely falls in, ~ when it is about (YYYY, ~YYYY-H2)");
	assert_date_refused("next year", "'next' counts from a day the file "
	    "does not keep: write the window meant (~YYYY, YYYY-Q2)");
	assert_date_refused("sometime This spring", "'This' counts from a day "
	    "the file does not keep: write the window meant (~YYYY, "
	    "YYYY-Q2)");
	assert_date_refused("nextyear", "expected YYYY, YYYY-MM, YYYY-MM-DD, "
	    "YYYY-Qn or YYYY-Hn");
	assert_date_refused("Q3", "a quarter needs its year: YYYY-Q3");
	assert_date_refused("h2", "a half needs its year: YYYY-H2");
	assert_date_refused("Summer 2027", "a season is no window here: "
	    "write its months (start: and end:) or quarter, ~2027-Q3");
	assert_date_refused("fall-2026", "a season is no window here: "
	    "write its months (start: and end:) or quarter, ~2026-Q4");
	assert_date_refused("FY2027", "a fiscal year is no window here: "
	    "write its first and last months as start: and end:");
	/* Counted from today, a date would move each day. */
	assert_date_refused("about a year away", "it counts from today: "
	    "write the window meant (~YYYY, YYYY-Q2), or {after: ID, "
	    "offset: ~1y}");
	assert_date_refused("tomorrow", "it counts from today: write the "
	    "window meant (~YYYY, YYYY-Q2), or {after: ID, offset: ~1y}");
	assert_date_refused("in 3 months", "it counts from today: write the "
	    "window meant (~YYYY, YYYY-Q2), or {after: ID, offset: ~1y}");
	assert_date_refused("2 weeks ago", "it counts from today: write the "
	    "window meant (~YYYY, YYYY-Q2), or {after: ID, offset: ~1y}");
	/* A date with words around it: the window alone, ~ when about. */
	assert_date_refused("around 2026-06", "did you mean '~2026-06'? (~ "
	    "marks a date as about)");
	assert_date_refused("2026-Q3 (tentative)", "did you mean '~2026-Q3'? "
	    "(~ marks a date as about)");
	assert_date_refused("no earlier than 2026-05", "a date is the whole "
	    "window it names: write '2026-05', and the rest in the "
	    "description");
	assert_date_refused("~2026-06 or later", "a date is the whole window "
	    "it names: write '~2026-06', and the rest in the description");
	assert_date_refused("around May 2026", "expected YYYY, YYYY-MM, "
	    "YYYY-MM-DD, YYYY-Qn or YYYY-Hn");
	assert_date_refused("by 2026-06 or 2026-07", "expected YYYY, "
	    "YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn");
	/* A date moved by an offset: the offset counts from a milestone. */
	assert_date_refused("2026-02-26 + 1w", "an offset counts from a "
	    "milestone: {after: ID, offset: 1w}; or write the date it gives");
	assert_date_refused("~2026-02+~2m", "an offset counts from a "
	    "milestone: {after: ID, offset: ~2m}; or write the date it gives");
	assert_day_refused("2026-02-26+1w", "expected a day, YYYY-MM-DD");
	/* An offset alone, as a length ("end: 3w"). */
	assert_date_refused("3w", "an offset counts from a milestone: "
	    "{after: ID, offset: 3w}; or write the date it gives");
	assert_date_refused("~1y", "an offset counts from a milestone: "
	    "{after: ID, offset: ~1y}; or write the date it gives");
	assert_date_refused("3", "the year must have four digits");
	assert_day_refused("10d", "expected a day, YYYY-MM-DD");
	/* Where only a day will do, that is said. */
	assert_day_refused("yesterday", "expected a day, YYYY-MM-DD");
	assert_day_refused("around 2026-06-01", "expected a day, YYYY-MM-DD");
	assert_day_refused("by 2026-06-01", "expected a day, YYYY-MM-DD");
	/* ISO 8601 weeks: Monday to Sunday, week 1 holds 4 January. */
	assert_date_refused("2027-W20", "a week is written as its days: "
	    "start: 2027-05-17 and end: 2027-05-23");
	assert_date_refused("2026-W53", "a week is written as its days: "
	    "start: 2026-12-28 and end: 2027-01-03");
	assert_date_refused("2027-W01", "a week is written as its days: "
	    "start: 2027-01-04 and end: 2027-01-10");
	assert_date_refused("2027-W20-3", "did you mean '2027-05-19'?");
	assert_date_refused("2027-W53", "2027 has no week 53");
	assert_date_refused("2027-W00", "2027 has no week 00");
	/* At the calendar's ends, its limits are said. */
	assert_date_refused("0000-W01", "year 0000 is before 0001");
	assert_date_refused("0001-W01", "a week is written as its days: "
	    "start: 0001-01-01 and end: 0001-01-07");
	assert_date_refused("9999-W52", "expected YYYY, YYYY-MM, YYYY-MM-DD, "
	    "YYYY-Qn or YYYY-Hn");
	assert_date_refused("9999-W52-5", "did you mean '9999-12-31'?");
	assert_date_refused("1st May 2027", "did you mean '2027-05-01'?");
	assert_date_refused("May 22nd, 2027", "did you mean '2027-05-22'?");
	assert_date_refused("~May 3rd 2027", "did you mean '~2027-05-03'?");
	assert_date_refused("3rd quarter 2027", "did you mean '2027-Q3'?");
}

static void
date_rejects_trailing_text(void **state)
{
	(void)state;
	assert_date_refused("2026x", "unexpected 'x' after the year");
	assert_date_refused("2026-05x", "unexpected 'x' after the month");
	assert_date_refused("2026-05-10T09:30", "write the day as date: "
	    "2026-05-10 and the time as time: \"09:30\" with a timezone: "
	    "(an IANA name)");
	/* The zone a timestamp ends with is named as the tz database
	 * names it (whole hours east of UTC with the sign turned). */
	assert_date_refused("2026-05-10T09:30:00Z", "write the day as date: "
	    "2026-05-10 and the time as time: \"09:30\" with timezone: UTC");
	assert_date_refused("2026-05-10 09:30:00 +02:00", "write the day as "
	    "date: 2026-05-10 and the time as time: \"09:30\" with timezone: "
	    "Etc/GMT-2");
	assert_date_refused("2026-05-10T09:30:00.5-0700", "write the day as "
	    "date: 2026-05-10 and the time as time: \"09:30\" with timezone: "
	    "Etc/GMT+7");
	/* West of UTC the tz database stops at Etc/GMT+12. */
	assert_date_refused("2026-05-10T09:30-13:00", "write the day as date: "
	    "2026-05-10 and the time as time: \"09:30\" with a timezone: "
	    "(an IANA name)");
	assert_date_refused("2026-05-10T09:30+14:00", "write the day as date: "
	    "2026-05-10 and the time as time: \"09:30\" with timezone: "
	    "Etc/GMT-14");
	assert_date_refused("2026-05-10T09:30+05:30", "write the day as date: "
	    "2026-05-10 and the time as time: \"09:30\" with a timezone: "
	    "(an IANA name)");
	assert_date_refused("2026-Q3-01", "unexpected '-' after the quarter");
	assert_date_refused("2026-H1x", "unexpected 'x' after the half");
	assert_date_refused("2026/05", "did you mean '2026-05'?");
	assert_date_refused("2026-05\x01", "unexpected text after the month");
	assert_date_refused("2026-", "expected YYYY, YYYY-MM, YYYY-MM-DD, "
	    "YYYY-Qn or YYYY-Hn");
	assert_date_refused("2026-Mai", "expected YYYY, YYYY-MM, YYYY-MM-DD, "
	    "YYYY-Qn or YYYY-Hn");
	assert_date_refused("2026~", "unexpected '~' after the year");
}

static void
date_rejects_white_space(void **state)
{
	(void)state;
	assert_date_refused(" 2026", "no white space is allowed in a date");
	assert_date_refused("2026 ", "no white space is allowed in a date");
	assert_date_refused("2026-05-10\n",
	    "no white space is allowed in a date");
	assert_date_refused("2026- 05", "did you mean '2026-05'?");
	assert_date_refused("2026-Q 3", "no white space is allowed in a date");
	assert_date_refused("2026-05- 1",
	    "no white space is allowed in a date");
	assert_date_refused("~ 2026", "no white space is allowed in a date");
	assert_date_refused("\t2026", "no white space is allowed in a date");
}

static void
date_rejects_empty_and_lone_tildes(void **state)
{
	(void)state;
	assert_date_refused("", "expected YYYY, YYYY-MM, YYYY-MM-DD, "
	    "YYYY-Qn or YYYY-Hn");
	assert_date_refused("~", "a date must follow the ~");
	assert_date_refused("~~2026", "only one ~ is allowed");
	assert_date_refused("tomorrow", "it counts from today: write the "
	    "window meant (~YYYY, YYYY-Q2), or {after: ID, offset: ~1y}");
}

static void
date_reads_only_len_bytes(void **state)
{
	const char text[] = "2026-05-10 and more";
	struct tl_window w;
	char why[TL_WHY_SIZE];
	char unterminated[7];

	(void)state;
	assert_int_equal(tl_date_parse(&w, text, 10, why), 0);
	assert_window(&w, "2026-05-10", "2026-05-10", TL_PREC_DAY, 0);
	assert_int_equal(tl_date_parse(&w, text, 7, why), 0);
	assert_window(&w, "2026-05-01", "2026-05-31", TL_PREC_MONTH, 0);
	assert_int_equal(tl_date_parse(&w, text, 4, why), 0);
	assert_window(&w, "2026-01-01", "2026-12-31", TL_PREC_YEAR, 0);
	assert_int_equal(tl_date_parse(&w, text, 0, why), TL_EINVAL);
	assert_int_equal(tl_date_parse(&w, text, 9, why), TL_EINVAL);
	assert_string_equal(why,
	    "the day must have two digits: did you mean '2026-05-01'?");

	/* A buffer with no NUL at all. */
	memcpy(unterminated, "2026-Q3", 7);
	assert_int_equal(tl_date_parse(&w, unterminated, 7, why), 0);
	assert_window(&w, "2026-07-01", "2026-09-30", TL_PREC_QUARTER, 0);
	assert_int_equal(tl_date_parse(&w, unterminated, 6, why), TL_EINVAL);
	assert_string_equal(why, "quarter must be Q1-Q4");
}

static void
date_rejects_nul_inside_the_text(void **state)
{
	struct tl_window w;
	char why[TL_WHY_SIZE];

	(void)state;
	assert_int_equal(tl_date_parse(&w, "2026\0-05", 8, why), TL_EINVAL);
	assert_string_equal(why, "unexpected text after the year");
}

static void
date_leaves_window_alone_on_failure(void **state)
{
	struct tl_window w, before;
	char why[TL_WHY_SIZE];

	(void)state;
	memset(&w, 0x5a, sizeof(w));
	before = w;
	assert_int_equal(tl_date_parse(&w, "2026-13", 7, why), TL_EINVAL);
	assert_memory_equal(&w, &before, sizeof(w));
}

/* Parsing days. */

static void
day_parse_accepts_only_plain_days(void **state)
{
	int32_t day = 0;
	char why[TL_WHY_SIZE];

	(void)state;
	assert_int_equal(tl_day_parse(&day, "2025-12-16", 10, why), 0);
	assert_int_equal(day, tl_day_from_ymd(2025, 12, 16));
	assert_int_equal(tl_day_parse(&day, "~2025-12-16", 11, why),
	    TL_EINVAL);
	assert_string_equal(why,
	    "a day YYYY-MM-DD is expected here, without ~");
	assert_int_equal(tl_day_parse(&day, "2025-12-16T10:00Z", 17, why),
	    TL_EINVAL);
	assert_string_equal(why, "a day is expected here, without a time: "
	    "write 2025-12-16");
	assert_int_equal(tl_day_parse(&day, "2025-12", 7, why), TL_EINVAL);
	assert_string_equal(why,
	    "a day YYYY-MM-DD is expected here, not a month");
	assert_int_equal(tl_day_parse(&day, "2025", 4, why), TL_EINVAL);
	assert_string_equal(why,
	    "a day YYYY-MM-DD is expected here, not a year");
	assert_int_equal(tl_day_parse(&day, "2025-Q1", 7, why), TL_EINVAL);
	assert_string_equal(why,
	    "a day YYYY-MM-DD is expected here, not a quarter");
	assert_int_equal(tl_day_parse(&day, "2026-02-30", 10, why),
	    TL_EINVAL);
	assert_string_equal(why, "February 2026 has 28 days");
	assert_int_equal(tl_day_parse(&day, "2025-12-16x", 10, why), 0);
	assert_int_equal(day, tl_day_from_ymd(2025, 12, 16));
}

/* Parsing offsets. */

static void
offset_parses_each_unit(void **state)
{
	static const struct {
		const char *text;
		unsigned count, unit, approximate;
	} cases[] = {
		{ "10d", 10, TL_UNIT_DAY, 0 },
		{ "2w", 2, TL_UNIT_WEEK, 0 },
		{ "1m", 1, TL_UNIT_MONTH, 0 },
		{ "3q", 3, TL_UNIT_QUARTER, 0 },
		{ "1y", 1, TL_UNIT_YEAR, 0 },
		{ "~1y", 1, TL_UNIT_YEAR, 1 },
		{ "0d", 0, TL_UNIT_DAY, 0 },
		{ "9999y", 9999, TL_UNIT_YEAR, 0 },
		{ "0007w", 7, TL_UNIT_WEEK, 0 },
		/* The value counts, not the digits written. */
		{ "00001d", 1, TL_UNIT_DAY, 0 },
		{ "09999d", 9999, TL_UNIT_DAY, 0 },
		{ "0000000000000000000002q", 2, TL_UNIT_QUARTER, 0 },
		{ "00000m", 0, TL_UNIT_MONTH, 0 },
		{ "~0m", 0, TL_UNIT_MONTH, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tl_offset off = offset(cases[i].text);

		assert_int_equal(off.count, cases[i].count);
		assert_int_equal(off.unit, cases[i].unit);
		assert_int_equal(off.approximate, cases[i].approximate);
	}
}

static void
offset_rejects_signs_spaces_and_junk(void **state)
{
	static const char form[] = "an offset is a whole number and a unit "
	    "d, w, m, q or y, like 10d or ~1y";

	(void)state;
	assert_offset_refused("+2w", "no sign is allowed");
	assert_offset_refused("-1d", "no sign is allowed");
	assert_offset_refused("~-1d", "no sign is allowed");
	assert_offset_refused(" 1d", "no white space is allowed in an offset");
	assert_offset_refused("1d ", "no white space is allowed in an offset");
	assert_offset_refused("10000d", "the number must be 0-9999");
	assert_offset_refused("010000d", "the number must be 0-9999");
	assert_offset_refused("1x", "unknown unit 'x': use d, w, m, q or y");
	assert_offset_refused("1D", "the unit must be lower case (d)");
	assert_offset_refused("1Y", "the unit must be lower case (y)");
	assert_offset_refused("10", "the unit is missing: d, w, m, q or y");
	assert_offset_refused("1dd", "unexpected 'd' after the unit");
	assert_offset_refused("1d\x01", "unexpected text after the unit");
	assert_offset_refused("", form);
	assert_offset_refused("~", form);
	assert_offset_refused("d", form);
	assert_offset_refused("~y", form);
	assert_offset_refused("1.5y", "the number must be whole, 0-9999");
	assert_offset_refused("1,5y", "the number must be whole, 0-9999");
	assert_offset_refused("~~1y", "only one ~ is allowed");
}

static void
offset_in_words_gets_the_offset_meant(void **state)
{
	(void)state;
	assert_offset_refused("3 weeks", "did you mean '3w'?");
	assert_offset_refused("3weeks", "did you mean '3w'?");
	assert_offset_refused("~2 Months", "did you mean '~2m'?");
	assert_offset_refused("1 day", "did you mean '1d'?");
	assert_offset_refused("10days", "did you mean '10d'?");
	assert_offset_refused("1 quarter", "did you mean '1q'?");
	assert_offset_refused("~1 year", "did you mean '~1y'?");
	assert_offset_refused("2yrs", "did you mean '2y'?");
	assert_offset_refused("1 d", "no white space is allowed in an offset "
	    "(did you mean '1d'?)");
	/* Not a unit: the reasons as before. */
	assert_offset_refused("3 weekz", "no white space is allowed in an "
	    "offset");
	assert_offset_refused("3wee", "unexpected 'e' after the unit");
	assert_offset_refused("3 weeks later", "no white space is allowed in "
	    "an offset");
}

static void
date_part_of_year_in_words_gets_a_hint(void **state)
{
	static const char early[] = "write a half, quarter or month of 2028, "
	    "~ when it is about (2028-H1, ~2028-Q1, 2028-02)";
	static const char mid[] = "write a half, quarter or month of 2028, "
	    "~ when it is about (2028-H1, ~2028-Q2, 2028-06)";
	static const char late[] = "write a half, quarter or month of 2028, "
	    "~ when it is about (2028-H2, ~2028-Q4, 2028-11)";
	static const char end[] = "write a half, quarter or month of 2028, "
	    "~ when it is about (2028-H2, ~2028-Q4, 2028-12)";

	(void)state;
	assert_date_refused("second half of 2027", "did you mean '2027-H2'?");
	assert_date_refused("First Half 2027", "did you mean '2027-H1'?");
	assert_date_refused("~2nd half of 2027", "did you mean '~2027-H2'?");
	assert_date_refused("3rd quarter of 2026", "did you mean '2026-Q3'?");
	assert_date_refused("fourth quarter, 2026", "did you mean "
	    "'2026-Q4'?");
	assert_date_refused("early 2028", early);
	assert_date_refused("mid-2028", mid);
	assert_date_refused("~late 2028", late);
	assert_date_refused("end of 2028", end);
	/* A third half is no half; other words are no part of a year. */
	assert_date_refused("third half of 2027", "expected YYYY, YYYY-MM, "
	    "YYYY-MM-DD, YYYY-Qn or YYYY-Hn");
	assert_date_refused("sometime 2028", "a date is the whole window "
	    "it names: write '2028', and the rest in the description");
}

static void
offset_reads_only_len_bytes(void **state)
{
	struct tl_offset off;
	char why[TL_WHY_SIZE];
	char unterminated[3];

	(void)state;
	memcpy(unterminated, "12w", 3);
	assert_int_equal(tl_offset_parse(&off, unterminated, 3, why), 0);
	assert_int_equal(off.count, 12);
	assert_int_equal(off.unit, TL_UNIT_WEEK);
	assert_int_equal(tl_offset_parse(&off, unterminated, 2, why),
	    TL_EINVAL);
	assert_string_equal(why, "the unit is missing: d, w, m, q or y");
	assert_int_equal(tl_offset_parse(&off, "1d\0", 3, why), TL_EINVAL);
}

/* Ranges. */

static void
range_spans_start_to_end(void **state)
{
	struct tl_window w;

	(void)state;
	w = range("2026-Q3", "2027-H1");
	assert_window(&w, "2026-07-01", "2027-06-30", TL_PREC_RANGE, 0);
	assert_int_equal(w.start_precision, TL_PREC_QUARTER);
	assert_int_equal(w.end_precision, TL_PREC_HALF);

	/* The same window at both ends is a valid range. */
	w = range("2026-05", "2026-05");
	assert_window(&w, "2026-05-01", "2026-05-31", TL_PREC_RANGE, 0);

	/* The end may overlap the start. */
	w = range("2026-05-10", "2026-05");
	assert_window(&w, "2026-05-10", "2026-05-31", TL_PREC_RANGE, 0);
	assert_int_equal(w.start_precision, TL_PREC_DAY);
	assert_int_equal(w.end_precision, TL_PREC_MONTH);
}

static void
range_is_approximate_if_either_end_is(void **state)
{
	struct tl_window w;

	(void)state;
	w = range("~2028", "2030-06");
	assert_window(&w, "2028-01-01", "2030-06-30", TL_PREC_RANGE,
	    TL_WIN_APPROX | TL_WIN_START_APPROX);
	w = range("2028", "~2030-06");
	assert_window(&w, "2028-01-01", "2030-06-30", TL_PREC_RANGE,
	    TL_WIN_APPROX | TL_WIN_END_APPROX);
	w = range("~2028", "~2030-06");
	assert_window(&w, "2028-01-01", "2030-06-30", TL_PREC_RANGE,
	    TL_WIN_APPROX | TL_WIN_START_APPROX | TL_WIN_END_APPROX);
}

static void
range_rejects_end_before_start(void **state)
{
	struct tl_window s = parse("2027-04-01"), e = parse("2027-03"), w;
	char why[TL_WHY_SIZE];

	(void)state;
	assert_int_equal(tl_window_range(&w, &s, &e, why), TL_EINVAL);
	assert_string_equal(why,
	    "the end (2027-03-31) is before the start (2027-04-01)");
	s = parse("2027");
	e = parse("2026-H2");
	assert_int_equal(tl_window_range(&w, &s, &e, why), TL_EINVAL);
	assert_string_equal(why,
	    "the end (2026-12-31) is before the start (2027-01-01)");
}

/* Relative windows: arithmetic. */

static void
relative_moves_by_days_and_weeks(void **state)
{
	(void)state;
	assert_moved("2027-01-31", "2w", 1, "2027-01-17", "2027-01-17",
	    TL_PREC_DAY, 0);
	assert_moved("2027-01-31", "10d", 0, "2027-02-10", "2027-02-10",
	    TL_PREC_DAY, 0);
	assert_moved("2024-02-28", "1d", 0, "2024-02-29", "2024-02-29",
	    TL_PREC_DAY, 0);
	assert_moved("2026-12-31", "1d", 0, "2027-01-01", "2027-01-01",
	    TL_PREC_DAY, 0);
	assert_moved("2026-05-10", "0d", 0, "2026-05-10", "2026-05-10",
	    TL_PREC_DAY, 0);
	assert_moved("0001-01-01", "9999w", 0, "0192-08-20", "0192-08-20",
	    TL_PREC_DAY, 0);
}

static void
relative_clamps_to_the_last_day_of_the_month(void **state)
{
	(void)state;
	/* Jan 31 + 1m is Feb 28: the month of February. */
	assert_moved("2027-01-31", "1m", 0, "2027-02-01", "2027-02-28",
	    TL_PREC_MONTH, 0);
	/* Mar 31 - 1m is Feb 28 (29 in a leap year). */
	assert_moved("2027-03-31", "1m", 1, "2027-02-01", "2027-02-28",
	    TL_PREC_MONTH, 0);
	assert_moved("2028-03-31", "1m", 1, "2028-02-01", "2028-02-29",
	    TL_PREC_MONTH, 0);
	/* Oct 31 + 1m is Nov 30, not Dec 1. */
	assert_moved("2026-10-31", "1m", 0, "2026-11-01", "2026-11-30",
	    TL_PREC_MONTH, 0);
	/* Aug 31 + 1q is Nov 30, in Q4. */
	assert_moved("2026-08-31", "1q", 0, "2026-10-01", "2026-12-31",
	    TL_PREC_QUARTER, 0);
	/* Mar 31 + 1q is Jun 30, still in Q2 rather than Jul 1 in Q3. */
	assert_moved("2026-03-31", "1q", 0, "2026-04-01", "2026-06-30",
	    TL_PREC_QUARTER, 0);
	assert_moved("2026-09-30", "1q", 1, "2026-04-01", "2026-06-30",
	    TL_PREC_QUARTER, 0);
	/* Feb 29 + 1y is Feb 28; Feb 29 - 4y is Feb 29. */
	assert_moved("2028-02-29", "1y", 0, "2029-02-01", "2029-02-28",
	    TL_PREC_MONTH, 0);
	assert_moved("2028-02-29", "4y", 1, "2024-02-01", "2024-02-29",
	    TL_PREC_MONTH, 0);
	/* Months cross year boundaries both ways. */
	assert_moved("2026-11-30", "3m", 0, "2027-02-01", "2027-02-28",
	    TL_PREC_MONTH, 0);
	assert_moved("2026-01-15", "13m", 1, "2024-12-01", "2024-12-31",
	    TL_PREC_MONTH, 0);
}

static void
relative_follows_the_examples(void **state)
{
	(void)state;
	assert_moved("2025-12-10", "~1y", 0, "2026-12-01", "2026-12-31",
	    TL_PREC_MONTH, TL_WIN_APPROX);
	assert_moved("2027-01-31", "~1q", 0, "2027-04-01", "2027-06-30",
	    TL_PREC_QUARTER, TL_WIN_APPROX);
	assert_moved("2026", "1m", 0, "2026-01-01", "2026-12-31",
	    TL_PREC_YEAR, 0);
	assert_moved("2026-Q3", "1y", 0, "2027-01-01", "2027-12-31",
	    TL_PREC_YEAR, 0);
}

static void
relative_is_approximate_if_reference_or_offset_is(void **state)
{
	(void)state;
	assert_moved("~2026-05", "1m", 0, "2026-06-01", "2026-06-30",
	    TL_PREC_MONTH, TL_WIN_APPROX);
	assert_moved("2026-05", "~1m", 0, "2026-06-01", "2026-06-30",
	    TL_PREC_MONTH, TL_WIN_APPROX);
	assert_moved("~2026-05", "~1m", 0, "2026-06-01", "2026-06-30",
	    TL_PREC_MONTH, TL_WIN_APPROX);
	assert_moved("2026-05", "1m", 0, "2026-06-01", "2026-06-30",
	    TL_PREC_MONTH, 0);
}

/* Relative windows: the precision rule. */

static void
relative_takes_the_coarser_precision(void **state)
{
	static const struct {
		const char *ref, *off;
		enum tl_precision prec;
	} cases[] = {
		{ "2026-05-10", "1d", TL_PREC_DAY },
		{ "2026-05-10", "1w", TL_PREC_DAY },
		{ "2026-05-10", "1m", TL_PREC_MONTH },
		{ "2026-05-10", "1q", TL_PREC_QUARTER },
		{ "2026-05-10", "1y", TL_PREC_MONTH },	/* the exception */
		{ "2026-05", "1d", TL_PREC_MONTH },
		{ "2026-05", "1w", TL_PREC_MONTH },
		{ "2026-05", "1m", TL_PREC_MONTH },
		{ "2026-05", "1q", TL_PREC_QUARTER },
		{ "2026-05", "1y", TL_PREC_MONTH },	/* the exception */
		{ "2026-Q2", "1d", TL_PREC_QUARTER },
		{ "2026-Q2", "1w", TL_PREC_QUARTER },
		{ "2026-Q2", "1m", TL_PREC_QUARTER },
		{ "2026-Q2", "1q", TL_PREC_QUARTER },
		{ "2026-Q2", "1y", TL_PREC_YEAR },
		{ "2026-H1", "1d", TL_PREC_HALF },
		{ "2026-H1", "1w", TL_PREC_HALF },
		{ "2026-H1", "1m", TL_PREC_HALF },
		{ "2026-H1", "1q", TL_PREC_HALF },
		{ "2026-H1", "1y", TL_PREC_YEAR },
		{ "2026", "1d", TL_PREC_YEAR },
		{ "2026", "1w", TL_PREC_YEAR },
		{ "2026", "1m", TL_PREC_YEAR },
		{ "2026", "1q", TL_PREC_YEAR },
		{ "2026", "1y", TL_PREC_YEAR },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tl_window w = moved(cases[i].ref, cases[i].off, 0);

		if (w.precision != cases[i].prec)
			fail_msg("%s after %s: precision %u, expected %u",
			    cases[i].off, cases[i].ref, w.precision,
			    (unsigned)cases[i].prec);
		assert_int_equal(w.start_precision, w.precision);
		assert_int_equal(w.end_precision, w.precision);
	}
}

static void
relative_windows_are_whole_periods(void **state)
{
	(void)state;
	assert_moved("2026-05-10", "1q", 0, "2026-07-01", "2026-09-30",
	    TL_PREC_QUARTER, 0);
	assert_moved("2026-H1", "1q", 0, "2026-01-01", "2026-06-30",
	    TL_PREC_HALF, 0);
	assert_moved("2026-H1", "2q", 0, "2026-07-01", "2026-12-31",
	    TL_PREC_HALF, 0);
	assert_moved("2026-Q2", "1y", 1, "2025-01-01", "2025-12-31",
	    TL_PREC_YEAR, 0);
	assert_moved("2026", "1y", 1, "2025-01-01", "2025-12-31",
	    TL_PREC_YEAR, 0);
	assert_moved("2026-Q1", "1d", 1, "2025-10-01", "2025-12-31",
	    TL_PREC_QUARTER, 0);
}

static void
relative_counts_a_range_as_its_start(void **state)
{
	struct tl_window r, w;
	struct tl_offset o;
	char why[TL_WHY_SIZE];

	(void)state;
	r = range("2026-05-10", "2027-H1");
	o = offset("1y");
	assert_int_equal(tl_window_relative(&w, &r, &o, 0, why), 0);
	assert_window(&w, "2027-05-01", "2027-05-31", TL_PREC_MONTH, 0);

	o = offset("2w");
	assert_int_equal(tl_window_relative(&w, &r, &o, 0, why), 0);
	assert_window(&w, "2026-05-24", "2026-05-24", TL_PREC_DAY, 0);

	r = range("2026-Q3", "~2026-12-01");
	o = offset("1m");
	assert_int_equal(tl_window_relative(&w, &r, &o, 1, why), 0);
	assert_window(&w, "2026-04-01", "2026-06-30", TL_PREC_QUARTER,
	    TL_WIN_APPROX);

	r = range("2026", "2030");
	o = offset("~1y");
	assert_int_equal(tl_window_relative(&w, &r, &o, 0, why), 0);
	assert_window(&w, "2027-01-01", "2027-12-31", TL_PREC_YEAR,
	    TL_WIN_APPROX);
}

static void
relative_rejects_moved_days_outside_the_calendar(void **state)
{
	static const struct {
		const char *ref, *off;
		int before;
		const char *reason;
	} cases[] = {
		{ "9999-12-31", "1d", 0,
		    "the moved day falls after 9999-12-31" },
		{ "9999-12-25", "1w", 0,
		    "the moved day falls after 9999-12-31" },
		{ "9999-12", "1m", 0, "the moved day falls after 9999-12-31" },
		{ "9999-Q4", "1q", 0, "the moved day falls after 9999-12-31" },
		{ "9999", "1y", 0, "the moved day falls after 9999-12-31" },
		{ "0001", "9999y", 0, "the moved day falls after 9999-12-31" },
		{ "0001-01-01", "1d", 1,
		    "the moved day falls before 0001-01-01" },
		{ "0001-01", "1m", 1,
		    "the moved day falls before 0001-01-01" },
		{ "0001-Q1", "1q", 1,
		    "the moved day falls before 0001-01-01" },
		{ "0001", "1y", 1, "the moved day falls before 0001-01-01" },
		{ "9999", "9999y", 1,
		    "the moved day falls before 0001-01-01" },
		{ "0100-01-01", "9999w", 1,
		    "the moved day falls before 0001-01-01" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tl_window r = parse(cases[i].ref), w;
		struct tl_offset o = offset(cases[i].off);
		char why[TL_WHY_SIZE] = "";

		assert_int_equal(tl_window_relative(&w, &r, &o,
		    cases[i].before, why), TL_ERANGE);
		assert_string_equal(why, cases[i].reason);
	}
}

static void
relative_reaches_the_calendar_edges(void **state)
{
	(void)state;
	assert_moved("9999-12-30", "1d", 0, "9999-12-31", "9999-12-31",
	    TL_PREC_DAY, 0);
	assert_moved("0001-01-02", "1d", 1, "0001-01-01", "0001-01-01",
	    TL_PREC_DAY, 0);
	assert_moved("0001-01-31", "9998y", 0, "9999-01-01", "9999-01-31",
	    TL_PREC_MONTH, 0);
	assert_moved("9999-12-31", "9998y", 1, "0001-12-01", "0001-12-31",
	    TL_PREC_MONTH, 0);
	assert_moved("9999-Q4", "9999q", 1, "7500-01-01", "7500-03-31",
	    TL_PREC_QUARTER, 0);
}

/* Words. */

static void
words_name_each_precision_with_year(void **state)
{
	struct tl_window w;

	(void)state;
	w = parse("2025-12-10");
	assert_words(&w, 1, "10 Dec 2025");
	w = parse("2025-12-05");
	assert_words(&w, 1, "5 Dec 2025");
	w = parse("2026-12");
	assert_words(&w, 1, "Dec 2026");
	w = parse("2026-01");
	assert_words(&w, 1, "Jan 2026");
	w = parse("2026-Q3");
	assert_words(&w, 1, "Q3 2026");
	w = parse("2026-H2");
	assert_words(&w, 1, "H2 2026");
	w = parse("2026");
	assert_words(&w, 1, "2026");
	w = parse("0042");
	assert_words(&w, 1, "0042");
}

static void
words_name_each_precision_without_year(void **state)
{
	struct tl_window w;

	(void)state;
	w = parse("2025-12-10");
	assert_words(&w, 0, "10 Dec");
	w = parse("2026-05");
	assert_words(&w, 0, "May");
	w = parse("2026-Q1");
	assert_words(&w, 0, "Q1");
	w = parse("2026-H1");
	assert_words(&w, 0, "H1");
	w = parse("2026");
	assert_words(&w, 0, "2026");
}

static void
words_mark_approximate_dates(void **state)
{
	struct tl_window w;

	(void)state;
	w = parse("~2026-12");
	assert_words(&w, 1, "~Dec 2026");
	assert_words(&w, 0, "~Dec");
	w = parse("~2026-12-10");
	assert_words(&w, 0, "~10 Dec");
	w = parse("~2026-Q4");
	assert_words(&w, 1, "~Q4 2026");
	w = parse("~2026-H1");
	assert_words(&w, 0, "~H1");
	w = parse("~2026");
	assert_words(&w, 0, "~2026");
	w = moved("2025-12-10", "~1y", 0);
	assert_words(&w, 1, "~Dec 2026");
}

static void
words_name_both_ends_of_a_range(void **state)
{
	struct tl_window w;

	(void)state;
	w = range("2026-Q3", "2027-H1");
	assert_words(&w, 1, "Q3 2026 \xe2\x80\x93 H1 2027");
	assert_words(&w, 0, "Q3 2026 \xe2\x80\x93 H1 2027");
	w = range("2028", "2030-06");
	assert_words(&w, 0, "2028 \xe2\x80\x93 Jun 2030");
	w = range("~2028", "2030-06-15");
	assert_words(&w, 1, "~2028 \xe2\x80\x93 15 Jun 2030");
	/* Within one year, the year once; within one month, the days. */
	w = range("2026-05-10", "~2026-05");
	assert_words(&w, 0, "10 May \xe2\x80\x93 ~May 2026");
	w = range("2026-03", "2026-05");
	assert_words(&w, 1, "Mar \xe2\x80\x93 May 2026");
	w = range("2026-07-20", "2026-08-05");
	assert_words(&w, 1, "20 Jul \xe2\x80\x93 5 Aug 2026");
	w = range("2026-11-20", "~2026-11-25");
	assert_words(&w, 1, "20\xe2\x80\x93~25 Nov 2026");
	w = range("2026", "2026-Q3");
	assert_words(&w, 1, "2026 \xe2\x80\x93 Q3 2026");
	/* Both ends one period: named once. */
	w = range("2027-05-03", "2027-05-03");
	assert_words(&w, 1, "3 May 2027");
	w = range("2027-05", "2027-05");
	assert_words(&w, 0, "May 2027");
	w = range("~2027", "~2027");
	assert_words(&w, 1, "~2027");
	w = range("2027-05", "~2027-05");
	assert_words(&w, 1, "May \xe2\x80\x93 ~May 2027");
}

static void
words_cut_to_fit_small_buffers(void **state)
{
	struct tl_window w = parse("~2026-12");
	char buf[16];

	(void)state;
	assert_int_equal(tl_window_words(buf, 5, &w, 1), 9);
	assert_string_equal(buf, "~Dec");
	assert_int_equal(tl_window_words(buf, 1, &w, 1), 9);
	assert_string_equal(buf, "");
	assert_int_equal(tl_window_words(NULL, 0, &w, 1), 9);
	assert_int_equal(tl_window_words(buf, 10, &w, 1), 9);
	assert_string_equal(buf, "~Dec 2026");
	assert_int_equal(tl_window_words(buf, 9, &w, 1), 9);
	assert_string_equal(buf, "~Dec 202");
}

static void
words_never_cut_inside_the_dash(void **state)
{
	struct tl_window w = range("2026-Q3", "2027-H1");
	char buf[16];
	size_t size;

	(void)state;
	/* "Q3 2026 " is 8 bytes; the dash takes bytes 8-10. */
	for (size = 9; size <= 11; size++) {
		assert_int_equal(tl_window_words(buf, size, &w, 1), 19);
		assert_string_equal(buf, "Q3 2026 ");
	}
	assert_int_equal(tl_window_words(buf, 12, &w, 1), 19);
	assert_string_equal(buf, "Q3 2026 \xe2\x80\x93");
}

static void
date_says_how_to_write_dates_written_another_way(void **state)
{
	(void)state;
	assert_date_refused("May 2026", "did you mean '2026-05'?");
	assert_date_refused("sep. 2026", "did you mean '2026-09'?");
	assert_date_refused("~December 2026", "did you mean '~2026-12'?");
	assert_date_refused("Q3 2026", "did you mean '2026-Q3'?");
	assert_date_refused("q3-2026", "did you mean '2026-Q3'?");
	assert_date_refused("2026 H2", "did you mean '2026-H2'?");
	assert_date_refused("01.05.2026",
	    "dates are written YYYY-MM-DD (did you mean '2026-05-01'?)");
	/* Both readings are days: both are offered. */
	assert_date_refused("05/01/2026", "dates are written YYYY-MM-DD, year "
	    "first: '2026-01-05' or '2026-05-01'?");
	assert_date_refused("~12/03/2026", "dates are written YYYY-MM-DD, "
	    "year first: '~2026-03-12' or '~2026-12-03'?");
	assert_date_refused("05/05/2026", "dates are written YYYY-MM-DD "
	    "(did you mean '2026-05-05'?)");
	/* A quarter or half that no year has. */
	assert_date_refused("Q5 2026", "quarter must be Q1-Q4");
	assert_date_refused("H3-2026", "half must be H1 or H2");
	assert_date_refused("Q10 2026", "quarter must be Q1-Q4");
	assert_date_refused("Q52026", "quarter must be Q1-Q4");
	assert_date_refused("12/03/0000", "dates are written YYYY-MM-DD, "
	    "year first");
	/* Slashes, year last: a day above 12 tells which is the month. */
	assert_date_refused("03/15/2026", "dates are written YYYY-MM-DD "
	    "(did you mean '2026-03-15'?)");
	assert_date_refused("15/03/2026", "dates are written YYYY-MM-DD "
	    "(did you mean '2026-03-15'?)");
	assert_date_refused("02/30/2026", "dates are written YYYY-MM-DD, year "
	    "first");
	assert_date_refused("31.04.2026", "dates are written YYYY-MM-DD, year "
	    "first");
	assert_date_refused("05/2026", "dates are written YYYY-MM, year first "
	    "(did you mean '2026-05'?)");
	assert_date_refused("~5.2026", "dates are written YYYY-MM, year first "
	    "(did you mean '~2026-05'?)");
	assert_date_refused("13/2026", "dates are written YYYY-MM, year "
	    "first");
	assert_date_refused("2026/05/01", "did you mean '2026-05-01'?");
	assert_date_refused("2026.5", "did you mean '2026-05'?");
	assert_date_refused("2026-05-01T10:00", "write the day as date: "
	    "2026-05-01 and the time as time: \"10:00\" with a timezone: "
	    "(an IANA name)");
	/* What is suggested is a date: none for what would be none. */
	assert_date_refused("2026.13", "dates are written YYYY-MM-DD, with "
	    "hyphens");
	assert_date_refused("2026/00", "dates are written YYYY-MM-DD, with "
	    "hyphens");
	assert_date_refused("2026/02/30", "dates are written YYYY-MM-DD, "
	    "with hyphens");
	assert_date_refused("0000.05", "dates are written YYYY-MM-DD, with "
	    "hyphens");
	assert_date_refused("2024/02/29", "did you mean '2024-02-29'?");
	assert_date_refused("2026-02-30T10:00:00Z", "no such day or time: "
	    "write date: YYYY-MM-DD and time: \"HH:MM\", apart");
	assert_date_refused("2026-05-01T25:00:00Z", "no such day or time: "
	    "write date: YYYY-MM-DD and time: \"HH:MM\", apart");
	assert_date_refused("2026-05-01T23:60", "no such day or time: "
	    "write date: YYYY-MM-DD and time: \"HH:MM\", apart");
	/* Not another notation: the usual reason stands. */
	assert_date_refused("Mai 2026",
	    "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn");
	assert_date_refused("2026-q3", "'q' must be upper case (Q3)");
}

static void
date_says_how_to_write_a_day_in_words(void **state)
{
	(void)state;
	assert_date_refused("1 May 2026", "did you mean '2026-05-01'?");
	assert_date_refused("May 1, 2026", "did you mean '2026-05-01'?");
	assert_date_refused("~2026 May 1", "did you mean '~2026-05-01'?");
	assert_date_refused("2026-May", "did you mean '2026-05'?");
	assert_date_refused("20260501", "did you mean '2026-05-01'?");
	assert_date_refused("31 Feb 2026", "February 2026 has 28 days");
	assert_date_refused("20261301", "dates are written YYYY-MM-DD, with "
	    "hyphens");
	/* A day 0 or a year 0000 is not a day written another way. */
	assert_date_refused("0 May 2026", "the year must have four digits");
	assert_date_refused("1 May 0000", "the year must have four digits");
}

static void
date_names_a_dash_that_is_not_a_hyphen(void **state)
{
	(void)state;
	assert_date_refused("2026\xe2\x80\x93" "05\xe2\x80\x93" "01",
	    "U+2013 EN DASH is not '-' (did you mean '2026-05-01'?)");
	assert_date_refused("2026\xe2\x80\x91Q3",
	    "U+2011 NON-BREAKING HYPHEN is not '-' (did you mean '2026-Q3'?)");
	assert_date_refused("2026\xe2\x88\x92" "13",
	    "U+2212 MINUS SIGN is not '-'; month 13 is not 01-12");
	assert_date_refused("2026-05\xc2\xa0",
	    "it holds U+00A0 NO-BREAK SPACE (did you mean '2026-05'?)");
	assert_date_refused("2026-Q3\xe2\x80\x8b",
	    "it holds U+200B ZERO WIDTH SPACE (did you mean '2026-Q3'?)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_day_max_is_9999_12_31),
		cmocka_unit_test(offset_in_words_gets_the_offset_meant),
		cmocka_unit_test(date_part_of_year_in_words_gets_a_hint),
		cmocka_unit_test(date_knows_leap_years),
		cmocka_unit_test(date_counts_known_days),
		cmocka_unit_test(date_round_trips_every_day_in_range),
		cmocka_unit_test(date_formats_days),
		cmocka_unit_test(date_says_how_to_write_dates_written_another_way),
		cmocka_unit_test(date_says_how_to_write_a_day_in_words),
		cmocka_unit_test(date_names_a_dash_that_is_not_a_hyphen),
		cmocka_unit_test(date_parses_each_form),
		cmocka_unit_test(date_tilde_marks_approximate),
		cmocka_unit_test(date_accepts_february_29_in_leap_years),
		cmocka_unit_test(date_rejects_february_29_in_common_years),
		cmocka_unit_test(date_rejects_february_30),
		cmocka_unit_test(date_rejects_days_past_the_month),
		cmocka_unit_test(date_rejects_months_outside_01_12),
		cmocka_unit_test(date_rejects_bad_quarters_and_halves),
		cmocka_unit_test(date_requires_upper_case_q_and_h),
		cmocka_unit_test(date_rejects_years_outside_0001_9999),
		cmocka_unit_test(date_rejects_trailing_text),
		cmocka_unit_test(date_reads_windows_in_words),
		cmocka_unit_test(date_rejects_white_space),
		cmocka_unit_test(date_rejects_empty_and_lone_tildes),
		cmocka_unit_test(date_reads_only_len_bytes),
		cmocka_unit_test(date_rejects_nul_inside_the_text),
		cmocka_unit_test(date_leaves_window_alone_on_failure),
		cmocka_unit_test(day_parse_accepts_only_plain_days),
		cmocka_unit_test(offset_parses_each_unit),
		cmocka_unit_test(offset_rejects_signs_spaces_and_junk),
		cmocka_unit_test(offset_reads_only_len_bytes),
		cmocka_unit_test(range_spans_start_to_end),
		cmocka_unit_test(range_is_approximate_if_either_end_is),
		cmocka_unit_test(range_rejects_end_before_start),
		cmocka_unit_test(relative_moves_by_days_and_weeks),
		cmocka_unit_test(relative_clamps_to_the_last_day_of_the_month),
		cmocka_unit_test(relative_follows_the_examples),
		cmocka_unit_test(
		    relative_is_approximate_if_reference_or_offset_is),
		cmocka_unit_test(relative_takes_the_coarser_precision),
		cmocka_unit_test(relative_windows_are_whole_periods),
		cmocka_unit_test(relative_counts_a_range_as_its_start),
		cmocka_unit_test(
		    relative_rejects_moved_days_outside_the_calendar),
		cmocka_unit_test(relative_reaches_the_calendar_edges),
		cmocka_unit_test(words_name_each_precision_with_year),
		cmocka_unit_test(words_name_each_precision_without_year),
		cmocka_unit_test(words_mark_approximate_dates),
		cmocka_unit_test(words_name_both_ends_of_a_range),
		cmocka_unit_test(words_cut_to_fit_small_buffers),
		cmocka_unit_test(words_never_cut_inside_the_dash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
