/*
 * Reading TZif files (src/tzif.c): files made here, byte by byte, with
 * the footers the tz database writes (rules by month and weekday, by day
 * of the year, at negative times and at 24:00 and later), a table of
 * changes before the footer, and files that are not TZif.  The expected
 * instants were worked out by hand; glibc, given the footers as TZ,
 * agrees, and so does Python's zoneinfo reading the same files, but for
 * the zero-based day of the year, which it takes a day early.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "timeline/common.h"
#include "timeline/date.h"
#include "tzif.h"

/* Seconds since 1970 of a UTC time. */
static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	return ((int64_t)tl_day_from_ymd(y, mo, d) -
	    tl_day_from_ymd(1970, 1, 1)) * 86400 + h * 3600 + mi * 60;
}

static void
put32(unsigned char **p, uint32_t v)
{
	(*p)[0] = (unsigned char)(v >> 24);
	(*p)[1] = (unsigned char)(v >> 16);
	(*p)[2] = (unsigned char)(v >> 8);
	(*p)[3] = (unsigned char)v;
	*p += 4;
}

static void
put_header(unsigned char **p, uint32_t ntimes, uint32_t ntypes,
    uint32_t nchars)
{
	memcpy(*p, "TZif2", 5);
	memset(*p + 5, 0, 15);
	*p += 20;
	put32(p, 0);		/* isut */
	put32(p, 0);		/* isstd */
	put32(p, 0);		/* leap */
	put32(p, ntimes);
	put32(p, ntypes);
	put32(p, nchars);
}

/*
 * Writes a TZif file of version 2: ntimes changes at[] to types[] (each
 * of offsets off[], summer time dst[], the abbreviation "Z"), then the
 * footer; returns its path (a temporary file; unlink and free it).
 */
static char *
make_file(size_t ntimes, const int64_t *at, const unsigned char *type,
    size_t ntypes, const int32_t *off, const int *dst, const char *footer)
{
	unsigned char buf[4096], *p = buf;
	char *path = strdup("/tmp/test_tzif.XXXXXX");
	size_t i;
	int fd;

	assert_non_null(path);
	/* Version 1: one type, the abbreviation "Z". */
	put_header(&p, 0, 1, 2);
	put32(&p, 0);
	*p++ = 0;
	*p++ = 0;
	memcpy(p, "Z", 2);
	p += 2;
	put_header(&p, (uint32_t)ntimes, (uint32_t)ntypes, 2);
	for (i = 0; i < ntimes; i++) {
		put32(&p, (uint32_t)((uint64_t)at[i] >> 32));
		put32(&p, (uint32_t)at[i]);
	}
	for (i = 0; i < ntimes; i++)
		*p++ = type[i];
	for (i = 0; i < ntypes; i++) {
		put32(&p, (uint32_t)off[i]);
		*p++ = (unsigned char)dst[i];
		*p++ = 0;
	}
	memcpy(p, "Z", 2);
	p += 2;
	*p++ = '\n';
	memcpy(p, footer, strlen(footer));
	p += strlen(footer);
	*p++ = '\n';
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, buf, (size_t)(p - buf)), p - buf);
	close(fd);
	return path;
}

/* The zone of a file with no table, only footer. */
static struct tl_tzif *
footer_zone(const char *footer)
{
	static const int32_t off[] = { 0 };
	static const int dst[] = { 0 };
	struct tl_tzif *z;
	char *path = make_file(0, NULL, NULL, 1, off, dst, footer);

	assert_int_equal(tl_tzif_read(&z, path), 0);
	unlink(path);
	free(path);
	return z;
}

/* The next change after t: its instant, and the offsets either side. */
static void
assert_next(const struct tl_tzif *z, int64_t t, int64_t at, int32_t before,
    int32_t after)
{
	struct tl_tzif_change c;

	assert_int_equal(tl_tzif_next(z, t, t + 400 * 86400, &c), 1);
	assert_int_equal(c.at, at);
	assert_int_equal(c.before, before);
	assert_int_equal(c.after, after);
}

static void
footer_by_month_and_weekday(void **state)
{
	struct tl_tzif *z = footer_zone("EST5EDT,M3.2.0,M11.1.0");
	int dst;

	(void)state;
	assert_int_equal(tl_tzif_offset(z, utc(2026, 1, 15, 12, 0), &dst),
	    -5 * 3600);
	assert_int_equal(dst, 0);
	assert_int_equal(tl_tzif_offset(z, utc(2026, 7, 1, 12, 0), &dst),
	    -4 * 3600);
	assert_int_equal(dst, 1);
	/* The second Sunday of March, 02:00 EST; the first of November,
	 * 02:00 EDT. */
	assert_next(z, utc(2026, 1, 1, 0, 0), utc(2026, 3, 8, 7, 0),
	    -5 * 3600, -4 * 3600);
	assert_next(z, utc(2026, 3, 8, 7, 0), utc(2026, 11, 1, 6, 0),
	    -4 * 3600, -5 * 3600);
	/* Far years follow the rule too. */
	assert_next(z, utc(9000, 1, 1, 0, 0), utc(9000, 3, 9, 7, 0),
	    -5 * 3600, -4 * 3600);
	tl_tzif_free(z);
}

static void
footer_south_and_fifth_week(void **state)
{
	/* Summer time across the new year; the fifth week is the last. */
	struct tl_tzif *z = footer_zone("AEST-10AEDT,M10.1.0,M4.1.0/3");
	struct tl_tzif *n = footer_zone("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1");

	(void)state;
	assert_int_equal(tl_tzif_offset(z, utc(2026, 1, 15, 0, 0), NULL),
	    11 * 3600);
	assert_int_equal(tl_tzif_offset(z, utc(2026, 7, 1, 0, 0), NULL),
	    10 * 3600);
	/* The first Sunday of April 2026 (the 5th), 03:00 AEDT. */
	assert_next(z, utc(2026, 1, 1, 0, 0), utc(2026, 4, 4, 16, 0),
	    11 * 3600, 10 * 3600);
	/* Nuuk: the last Sunday of March (the 29th) at -02:00, so 22:00
	 * the day before, -03 (01:00 UTC). */
	assert_next(n, utc(2026, 1, 1, 0, 0), utc(2026, 3, 29, 1, 0),
	    -3 * 3600, -2 * 3600);
	/* The last Sunday of October (the 25th) at -01:00 -02. */
	assert_next(n, utc(2026, 3, 29, 1, 0), utc(2026, 10, 25, 1, 0),
	    -2 * 3600, -3 * 3600);
	tl_tzif_free(z);
	tl_tzif_free(n);
}

static void
footer_by_day_of_year(void **state)
{
	/* Iran's rule until 2022: day 79 and day 263 (29 February never
	 * counted) at 24:00, a day's end. */
	struct tl_tzif *z = footer_zone("<+0330>-3:30<+0430>,J79/24,J263/24");
	/* Zero-based days count 29 February: day 59 is 1 March in 2024. */
	struct tl_tzif *n = footer_zone("XST-1XDT,59/12,300/12");

	(void)state;
	/* 21 March 2020, 00:00 +0330 (a leap year: still 20 March's end). */
	assert_next(z, utc(2020, 1, 1, 0, 0), utc(2020, 3, 20, 20, 30),
	    12600, 16200);
	assert_next(z, utc(2020, 3, 21, 0, 0), utc(2020, 9, 20, 19, 30),
	    16200, 12600);
	assert_next(n, utc(2024, 1, 1, 0, 0), utc(2024, 2, 29, 11, 0),
	    3600, 7200);
	assert_next(n, utc(2023, 1, 1, 0, 0), utc(2023, 3, 1, 11, 0),
	    3600, 7200);
	tl_tzif_free(z);
	tl_tzif_free(n);
}

static void
table_then_footer(void **state)
{
	/* Local mean time, then +01, then a change to +02 in 2000 that
	 * only the table knows, then the footer's rule. */
	static const int64_t at[2] = { -2000000000LL, 946684800LL };
	static const unsigned char type[2] = { 1, 2 };
	static const int32_t off[3] = { 561, 3600, 7200 };
	static const int dst[3] = { 0, 0, 0 };
	struct tl_tzif *z;
	struct tl_tzif_change c;
	char *path = make_file(2, at, type, 3, off, dst,
	    "EET-2EEST,M3.5.0/3,M10.5.0/4");
	int count = 0;
	int64_t t;

	(void)state;
	assert_int_equal(tl_tzif_read(&z, path), 0);
	unlink(path);
	free(path);
	/* Before the first change: the first type. */
	assert_int_equal(tl_tzif_offset(z, utc(1850, 6, 1, 0, 0), NULL), 561);
	assert_int_equal(tl_tzif_offset(z, utc(1990, 6, 1, 0, 0), NULL),
	    3600);
	/* After the table's last change, the rule: summer time in July. */
	assert_int_equal(tl_tzif_offset(z, utc(2001, 7, 1, 0, 0), NULL),
	    3 * 3600);
	assert_next(z, utc(1999, 1, 1, 0, 0), 946684800LL, 3600, 7200);
	/* Each year of the rule brings two changes, none from the table. */
	for (t = utc(2000, 1, 1, 0, 0); tl_tzif_next(z, t,
	    utc(2010, 1, 1, 0, 0), &c); t = c.at)
		count++;
	assert_int_equal(count, 20);
	tl_tzif_free(z);
}

static void
what_is_not_tzif_is_refused(void **state)
{
	static const int32_t off[] = { 0 };
	static const int dst[] = { 0 };
	static const char *const footers[] = {
		"EST5EDT,M13.2.0,M11.1.0", "EST", "EST5EDT,M3.2.0",
		"EST5EDT,M3.2.0,M11.1.0,", "<EST5"
	};
	struct tl_tzif *z = (struct tl_tzif *)&z;
	char *path;
	size_t i;
	FILE *f;

	(void)state;
	assert_int_equal(tl_tzif_read(&z, "/nonexistent/zone"), TL_EIO);
	assert_null(z);
	for (i = 0; i < sizeof(footers) / sizeof(footers[0]); i++) {
		path = make_file(0, NULL, NULL, 1, off, dst, footers[i]);
		assert_int_equal(tl_tzif_read(&z, path), TL_EIO);
		unlink(path);
		free(path);
	}
	/* A text file, and a TZif file cut short. */
	path = strdup("/tmp/test_tzif.XXXXXX");
	assert_non_null(path);
	close(mkstemp(path));
	assert_non_null(f = fopen(path, "w"));
	fputs("TZif2 but not more\n", f);
	fclose(f);
	assert_int_equal(tl_tzif_read(&z, path), TL_EIO);
	unlink(path);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(footer_by_month_and_weekday),
		cmocka_unit_test(footer_south_and_fifth_week),
		cmocka_unit_test(footer_by_day_of_year),
		cmocka_unit_test(table_then_footer),
		cmocka_unit_test(what_is_not_tzif_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
