/*
 * Tests for time zones (src/zone.c): which zones exist, and which
 * wall-clock times fall in a daylight-saving gap or fold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "timeline/date.h"
#include "zone.h"

/* tl_zone_check() on year-month-day at hour:minute. */
static int
check(const char *zone, int y, int m, int d, int hour, int minute)
{
	return tl_zone_check(zone, tl_day_from_ymd(y, m, d),
	    hour * 60 + minute);
}

static void
zone_knows_common_zones(void **state)
{
	(void)state;
	assert_int_equal(check("Asia/Tokyo", 2026, 5, 1, 9, 30), TL_ZONE_OK);
	assert_int_equal(check("America/New_York", 2026, 5, 1, 9, 30),
	    TL_ZONE_OK);
	assert_int_equal(check("Europe/Berlin", 2026, 5, 1, 9, 30), TL_ZONE_OK);
	assert_int_equal(check("America/Argentina/Buenos_Aires", 2026, 5, 1,
	    9, 30), TL_ZONE_OK);
	assert_int_equal(check("Etc/GMT-14", 2026, 5, 1, 9, 30), TL_ZONE_OK);
}

/*
 * Where a tz file's table of 32-bit times ends, in 2038, libical started
 * some zones' last rules with the wrong offset and time of day: the
 * changes of Atlantic/Azores and Australia/Lord_Howe from 2038 on fell
 * at the wrong hour.  Each is checked against the tz database's own
 * rules (Python's zoneinfo gives the same), before and after 2038.
 */
static void
zone_changes_after_2037_follow_the_rules(void **state)
{
	int y;

	(void)state;
	for (y = 2036; y <= 2045; y++) {
		/* Azores: back at 01:00 on the last Sunday of October. */
		int oct = 31 - (int)((tl_day_from_ymd(y, 10, 31) + 1) % 7);

		assert_int_equal(check("Atlantic/Azores", y, 10, oct, 0, 30),
		    TL_ZONE_FOLD);
		assert_int_equal(check("Atlantic/Azores", y, 10, oct, 3, 0),
		    TL_ZONE_OK);
	}
	/* Lord Howe: 02:00 to 02:30 on the first Sunday of October. */
	assert_int_equal(check("Australia/Lord_Howe", 2037, 10, 4, 2, 15),
	    TL_ZONE_GAP);
	assert_int_equal(check("Australia/Lord_Howe", 2039, 10, 2, 2, 15),
	    TL_ZONE_GAP);
	assert_int_equal(check("Australia/Lord_Howe", 2039, 10, 2, 10, 0),
	    TL_ZONE_OK);
	/* And back, 01:30 to 02:00 twice, on the first Sunday of April. */
	assert_int_equal(check("Australia/Lord_Howe", 2040, 4, 1, 1, 45),
	    TL_ZONE_FOLD);
}

static void
zone_knows_zones_outside_zone_tab(void **state)
{
	(void)state;
	/* zone.tab lists places; these are zones all the same. */
	assert_int_equal(check("UTC", 2026, 5, 1, 0, 0), TL_ZONE_OK);
	assert_int_equal(check("Etc/UTC", 2026, 5, 1, 0, 0), TL_ZONE_OK);
	assert_int_equal(check("GMT", 2026, 5, 1, 0, 0), TL_ZONE_OK);
	assert_int_equal(check("US/Pacific", 2026, 5, 1, 0, 0), TL_ZONE_OK);
	/* Asked twice, libical's cache of such zones answers the same. */
	assert_int_equal(check("US/Pacific", 2026, 5, 1, 0, 0), TL_ZONE_OK);
}

static void
zone_rejects_unknown_names(void **state)
{
	(void)state;
	assert_int_equal(check("Mars/Olympus", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("Europe/berlin", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("", 2026, 5, 1, 9, 0), TL_ZONE_UNKNOWN);
	assert_int_equal(check("Europe", 2026, 5, 1, 9, 0), TL_ZONE_UNKNOWN);
	assert_int_equal(tl_zone_check(NULL, 0, 0), TL_ZONE_UNKNOWN);
}

/*
 * A misspelt zone repeated down a file, among others, is suggested for
 * alike each time; past TL_ZONE_SEARCHES names, no more suggestions.
 */
static void
zone_memo_suggests_alike_and_within_bounds(void **state)
{
	static const char *const names[] = {
		"Europe/Londn", "Asia/Tokio", "Europe/Londn", "Mars/Olympus",
		"Europe/Londn", "asia/tokyo"
	};
	static const char *const said[] = {
		"Europe/London", "Asia/Tokyo", "Europe/London", NULL,
		"Europe/London", "Asia/Tokyo"
	};
	struct tl_zone_memo memo;
	struct tl_zone *z;
	char buf[TL_ZONE_NAME_SIZE], name[32];
	size_t i;
	int round, r;

	(void)state;
	memset(&memo, 0, sizeof(memo));
	for (round = 0; round < 2; round++)
		for (i = 0; i < 6; i++) {
			/* Found and not, as the checker asks. */
			assert_int_equal(tl_zone_memo_find(&memo, "Asia/Tokyo",
			    &z, NULL), 0);
			assert_non_null(z);
			assert_int_equal(tl_zone_memo_find(&memo, names[i], &z,
			    NULL), 0);
			assert_null(z);
			r = tl_zone_suggest(&memo, names[i], buf, sizeof(buf));
			if (said[i] == NULL) {
				assert_int_equal(r, TL_ZONE_UNKNOWN);
			} else {
				assert_int_equal(r, 0);
				assert_string_equal(buf, said[i]);
			}
		}
	/* A name the memo did not find (too long to be a zone's) does not
	 * replace the answer kept for the last unknown one. */
	assert_int_equal(tl_zone_memo_find(&memo, "Europe/Brelin", &z, NULL),
	    0);
	assert_int_equal(tl_zone_suggest(&memo, "Europe/Brelin", buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "Europe/Berlin");
	{
		char longer[200];

		memset(longer, 'x', sizeof(longer) - 1);
		longer[sizeof(longer) - 1] = '\0';
		assert_int_equal(tl_zone_memo_find(&memo, longer, &z, NULL), 0);
		assert_null(z);
		assert_int_equal(tl_zone_suggest(&memo, longer, buf,
		    sizeof(buf)), TL_ZONE_UNKNOWN);
	}
	assert_int_equal(tl_zone_suggest(&memo, "Europe/Brelin", buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "Europe/Berlin");
	/* A suggestion into a buffer too small is cut, memo or not. */
	assert_int_equal(tl_zone_suggest(&memo, "asia/tokyo", buf, 5), 0);
	assert_string_equal(buf, "Asia");
	assert_int_equal(tl_zone_suggest(&memo, "Europe/Brelin", buf, 7), 0);
	assert_string_equal(buf, "Europe");
	while (memo.searches < TL_ZONE_SEARCHES) {
		snprintf(name, sizeof(name), "Nowhere/%zu", memo.searches);
		assert_int_equal(tl_zone_suggest(&memo, name, buf,
		    sizeof(buf)), TL_ZONE_UNKNOWN);
	}
	assert_int_equal(tl_zone_suggest(&memo, "Europe/Parsi", buf,
	    sizeof(buf)), TL_ZONE_UNKNOWN);
	assert_string_equal(buf, "");
	tl_zone_memo_dispose(&memo);
	/* A memo disposed of is a new one. */
	assert_int_equal(tl_zone_suggest(&memo, "Europe/Parsi", buf,
	    sizeof(buf)), 0);
	assert_string_equal(buf, "Europe/Paris");
	tl_zone_memo_dispose(&memo);
}

static void
zone_rejects_paths_and_database_files(void **state)
{
	(void)state;
	/* Names reach the file system: nothing but a zone may be opened. */
	assert_int_equal(check("../../../dev/stdin", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("Europe/../Asia/Tokyo", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("/usr/share/zoneinfo/Asia/Tokyo", 2026, 5, 1,
	    9, 0), TL_ZONE_UNKNOWN);
	assert_int_equal(check("Asia//Tokyo", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("Asia/Tokyo/", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("Asia/Tokyo ", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("zone.tab", 2026, 5, 1, 9, 0), TL_ZONE_UNKNOWN);
	assert_int_equal(check("localtime", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("posixrules", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("right/Europe/Berlin", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
	assert_int_equal(check("posix/Asia/Tokyo", 2026, 5, 1, 9, 0),
	    TL_ZONE_UNKNOWN);
}

static void
zone_finds_spring_gap(void **state)
{
	(void)state;
	/* Berlin goes from 02:00 to 03:00 on 2027-03-28. */
	assert_int_equal(check("Europe/Berlin", 2027, 3, 28, 2, 30),
	    TL_ZONE_GAP);
	assert_int_equal(check("Europe/Berlin", 2027, 3, 28, 2, 0),
	    TL_ZONE_GAP);
	assert_int_equal(check("Europe/Berlin", 2027, 3, 28, 2, 59),
	    TL_ZONE_GAP);
	assert_int_equal(check("Europe/Berlin", 2027, 3, 28, 1, 59),
	    TL_ZONE_OK);
	assert_int_equal(check("Europe/Berlin", 2027, 3, 28, 3, 0),
	    TL_ZONE_OK);
	assert_int_equal(check("Europe/Berlin", 2027, 3, 28, 10, 0),
	    TL_ZONE_OK);
	/* New York goes from 02:00 to 03:00 on 2027-03-14. */
	assert_int_equal(check("America/New_York", 2027, 3, 14, 2, 30),
	    TL_ZONE_GAP);
	/* Tokyo keeps one offset all year. */
	assert_int_equal(check("Asia/Tokyo", 2027, 3, 28, 2, 30), TL_ZONE_OK);
}

/* The day of the last Sunday of a month of 31 days. */
static int
last_sunday(int year, int month)
{
	/* Day 0, 0001-01-01, was a Monday. */
	int32_t day = tl_day_from_ymd(year, month, 31);
	int weekday = (int)((day + 1) % 7);	/* 0 is Sunday */

	return 31 - weekday;
}

/*
 * Berlin's gap and fold year after year, from 1996 (when its present
 * rule began) to 2080 and back:
 * every year is right whatever years were asked for before it.
 */
static void
zone_finds_every_year_in_any_order(void **state)
{
	int year, pass, spring, autumn;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		for (year = 1996; year <= 2080; year++) {
			int y = pass == 0 ? year : 2080 + 1996 - year;
			spring = last_sunday(y, 3);
			autumn = last_sunday(y, 10);
			assert_int_equal(check("Europe/Berlin", y, 3, spring,
			    2, 30), TL_ZONE_GAP);
			assert_int_equal(check("Europe/Berlin", y, 3,
			    spring - 1, 2, 30), TL_ZONE_OK);
			assert_int_equal(check("Europe/Berlin", y, 10, autumn,
			    2, 30), TL_ZONE_FOLD);
			assert_int_equal(check("Europe/Berlin", y, 10,
			    autumn - 1, 2, 30), TL_ZONE_OK);
		}
	}
}

static void
zone_finds_autumn_fold(void **state)
{
	(void)state;
	/* Berlin goes from 03:00 back to 02:00 on 2027-10-31. */
	assert_int_equal(check("Europe/Berlin", 2027, 10, 31, 2, 30),
	    TL_ZONE_FOLD);
	assert_int_equal(check("Europe/Berlin", 2027, 10, 31, 2, 0),
	    TL_ZONE_FOLD);
	assert_int_equal(check("Europe/Berlin", 2027, 10, 31, 1, 59),
	    TL_ZONE_OK);
	assert_int_equal(check("Europe/Berlin", 2027, 10, 31, 3, 0),
	    TL_ZONE_OK);
	assert_int_equal(check("America/New_York", 2027, 11, 7, 1, 30),
	    TL_ZONE_FOLD);
	/* The southern hemisphere turns the other way. */
	assert_int_equal(check("Australia/Sydney", 2027, 4, 4, 2, 30),
	    TL_ZONE_FOLD);
	assert_int_equal(check("Australia/Sydney", 2027, 10, 3, 2, 30),
	    TL_ZONE_GAP);
}

static void
zone_follows_rules_into_far_years(void **state)
{
	(void)state;
	/* The last Sundays of March and October, long after 2037. */
	assert_int_equal(check("Europe/Berlin", 2099, 3, 29, 2, 30),
	    TL_ZONE_GAP);
	assert_int_equal(check("Europe/Berlin", 2600, 3, 30, 2, 30),
	    TL_ZONE_GAP);
	assert_int_equal(check("Europe/Berlin", 2600, 10, 26, 2, 30),
	    TL_ZONE_FOLD);
	assert_int_equal(check("Europe/Berlin", 9999, 3, 28, 2, 30),
	    TL_ZONE_GAP);
	assert_int_equal(check("Europe/Berlin", 9999, 10, 31, 2, 30),
	    TL_ZONE_FOLD);
	assert_int_equal(check("Europe/Berlin", 9999, 3, 27, 2, 30),
	    TL_ZONE_OK);
	assert_int_equal(check("Europe/Berlin", 9999, 12, 31, 23, 59),
	    TL_ZONE_OK);
}

static void
zone_handles_the_ends_of_the_calendar(void **state)
{
	(void)state;
	assert_int_equal(check("Europe/Berlin", 1, 1, 1, 0, 0), TL_ZONE_OK);
	assert_int_equal(check("America/New_York", 1, 1, 1, 0, 0),
	    TL_ZONE_OK);
	assert_int_equal(tl_zone_check("UTC", TL_DAY_MAX, 24 * 60 - 1),
	    TL_ZONE_OK);
}

static void
zone_says_impossible_times_never_occur(void **state)
{
	(void)state;
	assert_int_equal(tl_zone_check("UTC", 0, -1), TL_ZONE_GAP);
	assert_int_equal(tl_zone_check("UTC", 0, 24 * 60), TL_ZONE_GAP);
	assert_int_equal(tl_zone_check("UTC", -1, 0), TL_ZONE_GAP);
	assert_int_equal(tl_zone_check("UTC", TL_DAY_MAX + 1, 0), TL_ZONE_GAP);
	/* An unknown zone is reported first. */
	assert_int_equal(tl_zone_check("Mars/Olympus", -1, 0),
	    TL_ZONE_UNKNOWN);
}

/* tl_zone_offset() on year-month-day at hour:minute; *offset as left. */
static int
offset_of(const char *zone, int y, int m, int d, int hour, int minute,
    int *offset)
{
	struct tl_zone *z;
	int r;

	assert_int_equal(tl_zone_find(zone, &z), 0);
	if (z == NULL)
		return TL_ZONE_UNKNOWN;
	r = tl_zone_offset(z, tl_day_from_ymd(y, m, d), hour * 60 + minute,
	    offset);
	tl_zone_free(z);
	return r;
}

static void
zone_gives_the_offset_of_the_first_occurrence(void **state)
{
	int offset;

	(void)state;
	assert_int_equal(offset_of("Europe/Berlin", 2026, 1, 15, 9, 30,
	    &offset), TL_ZONE_OK);
	assert_int_equal(offset, 3600);
	assert_int_equal(offset_of("Europe/Berlin", 2026, 7, 1, 9, 30,
	    &offset), TL_ZONE_OK);
	assert_int_equal(offset, 7200);
	/* Twice: the first is still summer time. */
	assert_int_equal(offset_of("Europe/Berlin", 2026, 10, 25, 2, 30,
	    &offset), TL_ZONE_FOLD);
	assert_int_equal(offset, 7200);
	assert_int_equal(offset_of("America/New_York", 2026, 11, 1, 1, 30,
	    &offset), TL_ZONE_FOLD);
	assert_int_equal(offset, -4 * 3600);
	assert_int_equal(offset_of("Australia/Sydney", 2026, 4, 5, 2, 30,
	    &offset), TL_ZONE_FOLD);
	assert_int_equal(offset, 11 * 3600);
	/* Far years follow today's rules. */
	assert_int_equal(offset_of("Europe/Berlin", 2600, 10, 26, 2, 0,
	    &offset), TL_ZONE_FOLD);
	assert_int_equal(offset, 7200);
	/* Never: the offset in force before the gap (RFC 5545, 3.3.5). */
	assert_int_equal(offset_of("Europe/Berlin", 2026, 3, 29, 2, 30,
	    &offset), TL_ZONE_GAP);
	assert_int_equal(offset, 3600);
	assert_int_equal(offset_of("America/New_York", 2026, 3, 8, 2, 30,
	    &offset), TL_ZONE_GAP);
	assert_int_equal(offset, -5 * 3600);
	/* No time of any day, or no zone: the offset is left alone. */
	offset = 12345;
	assert_int_equal(offset_of("Europe/Berlin", 2026, 3, 29, 24, 0,
	    &offset), TL_ZONE_GAP);
	assert_int_equal(offset_of("Mars/Olympus", 2026, 3, 29, 2, 30,
	    &offset), TL_ZONE_UNKNOWN);
	assert_int_equal(offset, 12345);
	/* A bad name is no zone. */
	assert_int_equal(offset_of("../../../dev/stdin", 2026, 1, 1, 0, 0,
	    &offset), TL_ZONE_UNKNOWN);
	assert_int_equal(offset_of("posixrules", 2026, 1, 1, 0, 0, &offset),
	    TL_ZONE_UNKNOWN);
}

/*
 * Changes that libical's yearly rules, guessed from the tz files, miss:
 * the zone's own file has them (zdump -v lists the same).
 */
static void
zone_follows_the_files_changes_in_every_year(void **state)
{
	int offset;

	(void)state;
	/* Israel's summer time of 2014 began on Friday 28 March. */
	assert_int_equal(offset_of("Asia/Jerusalem", 2014, 3, 28, 2, 30,
	    &offset), TL_ZONE_GAP);
	assert_int_equal(offset_of("Asia/Jerusalem", 2014, 7, 15, 12, 0,
	    &offset), TL_ZONE_OK);
	assert_int_equal(offset, 3 * 3600);
	assert_int_equal(offset_of("Asia/Jerusalem", 2014, 10, 26, 1, 30,
	    &offset), TL_ZONE_FOLD);
	assert_int_equal(offset, 3 * 3600);
	/* Brazil's summer time ended on 16 February 2014. */
	assert_int_equal(offset_of("America/Sao_Paulo", 2014, 6, 10, 12, 0,
	    &offset), TL_ZONE_OK);
	assert_int_equal(offset, -3 * 3600);
	/* Easter Island, 4 September 2021, 22:00 to 23:00. */
	assert_int_equal(offset_of("Pacific/Easter", 2021, 9, 4, 22, 30,
	    &offset), TL_ZONE_GAP);
	/* Newfoundland after the table's end, in 2040: -02:30 in July. */
	assert_int_equal(offset_of("America/St_Johns", 2040, 7, 1, 12, 0,
	    &offset), TL_ZONE_OK);
	assert_int_equal(offset, -(2 * 3600 + 1800));
	assert_int_equal(offset_of("America/St_Johns", 2040, 11, 4, 1, 30,
	    &offset), TL_ZONE_FOLD);
	/* Before 1901: the zone's first offset (local mean time, Paris). */
	assert_int_equal(offset_of("Europe/Paris", 1850, 6, 1, 12, 0,
	    &offset), TL_ZONE_OK);
	assert_int_equal(offset, 561);
}

/* A memo keeps every zone a file names, each found once, and no name
 * of no zone. */
static void
zone_memo_keeps_every_zone(void **state)
{
	static const char *const names[] = {
		"Europe/Berlin", "Asia/Tokyo", "America/New_York",
		"Europe/Kiev", "Australia/Sydney", "Asia/Jerusalem",
		"America/Sao_Paulo", "Pacific/Easter", "Africa/Cairo",
		"Europe/London", "Asia/Kolkata", "America/St_Johns",
		"Asia/Tehran", "Pacific/Fiji", "Europe/Moscow", "UTC",
		"Etc/GMT+12", "America/Los_Angeles", "Asia/Kathmandu",
		"Pacific/Chatham"
	};
	struct tl_zone_memo memo;
	struct tl_zone *first[20], *z;
	const char *current;
	size_t i;
	int round;

	(void)state;
	memset(&memo, 0, sizeof(memo));
	for (round = 0; round < 2; round++)
		for (i = 0; i < 20; i++) {
			assert_int_equal(tl_zone_memo_find(&memo, names[i], &z,
			    &current), 0);
			assert_non_null(z);
			if (round == 0)
				first[i] = z;
			assert_ptr_equal(z, first[i]);
			if (i == 3)
				assert_string_equal(current, "Europe/Kyiv");
			else
				assert_null(current);
		}
	assert_int_equal(memo.count, 20);
	for (i = 0; i < 100; i++) {
		assert_int_equal(tl_zone_memo_find(&memo, "Mars/Olympus", &z,
		    NULL), 0);
		assert_null(z);
	}
	assert_int_equal(memo.count, 20);
	/* The Jerusalem gap of 2014, through a zone the memo keeps. */
	assert_int_equal(tl_zone_offset(first[5], tl_day_from_ymd(2014, 3, 28),
	    150, NULL), TL_ZONE_GAP);
	tl_zone_memo_dispose(&memo);
	assert_int_equal(memo.count, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zone_knows_common_zones),
		cmocka_unit_test(zone_follows_the_files_changes_in_every_year),
		cmocka_unit_test(zone_memo_keeps_every_zone),
		cmocka_unit_test(zone_knows_zones_outside_zone_tab),
		cmocka_unit_test(zone_changes_after_2037_follow_the_rules),
		cmocka_unit_test(zone_rejects_unknown_names),
		cmocka_unit_test(zone_memo_suggests_alike_and_within_bounds),
		cmocka_unit_test(zone_rejects_paths_and_database_files),
		cmocka_unit_test(zone_finds_spring_gap),
		cmocka_unit_test(zone_finds_autumn_fold),
		cmocka_unit_test(zone_finds_every_year_in_any_order),
		cmocka_unit_test(zone_follows_rules_into_far_years),
		cmocka_unit_test(zone_handles_the_ends_of_the_calendar),
		cmocka_unit_test(zone_says_impossible_times_never_occur),
		cmocka_unit_test(zone_gives_the_offset_of_the_first_occurrence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
