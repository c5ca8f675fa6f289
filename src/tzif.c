/*
 * Reading a zone's file of the tz database (TZif, RFC 8536): the table
 * of changes of its version 2 part (64-bit times), and the POSIX TZ
 * string of its footer, the yearly rule after the table's last change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "timeline/common.h"
#include "timeline/date.h"
#include "tzif.h"

/* Far larger than any zone's file (the largest are under 4 KiB). */
#define TZIF_FILE_MAX (1024 * 1024)

#define DAY_SECONDS 86400

struct tzif_type {
	int32_t off;		/* seconds east of UTC */
	int dst;
	char abbr[TL_TZIF_ABBR_SIZE];
};

/* A day of a year in a TZ string's rule, and the time of day of it. */
struct rule_day {
	char form;		/* 'J' (1-365, no 29 February), 'n' (0-365),
				 * 'M' (month, week, weekday) */
	int n, month, week, weekday;
	int32_t time;		/* seconds after midnight, local */
};

struct tl_tzif {
	int64_t *at;		/* the table's changes, in order */
	unsigned char *type;	/* the type in force from each */
	size_t n;
	struct tzif_type *types;
	size_t ntypes;
	/* The footer's rule, when it has one. */
	int footer, footer_dst;
	struct tzif_type std, summer;
	struct rule_day start, end;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Days from 1970-01-01 to the day (year, month, mday) of years 1-9999. */
static int64_t
epoch_days(int year, int month, int mday)
{
	return (int64_t)tl_day_from_ymd(year, month, mday) -
	    tl_day_from_ymd(1970, 1, 1);
}

/* The year (1-9999, the nearest where t falls outside) of instant t. */
static int
year_of(int64_t t)
{
	int64_t day = (t >= 0 ? t : t - (DAY_SECONDS - 1)) / DAY_SECONDS +
	    tl_day_from_ymd(1970, 1, 1);
	int year, month, mday;

	if (day < TL_DAY_MIN)
		return 1;
	if (day > TL_DAY_MAX)
		return 9999;
	tl_day_to_ymd((int32_t)day, &year, &month, &mday);
	return year;
}

/* A TZ string's name: letters, or anything but '>' within '<' '>'. */
static const char *
tz_name(const char *s, char *out)
{
	size_t n = 0;

	if (*s == '<') {
		for (s++; *s != '\0' && *s != '>'; s++)
			if (n < TL_TZIF_ABBR_SIZE - 1)
				out[n++] = *s;
		if (*s++ != '>')
			return NULL;
	} else {
		for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z');
		    s++)
			if (n < TL_TZIF_ABBR_SIZE - 1)
				out[n++] = *s;
	}
	out[n] = '\0';
	return n >= 3 ? s : NULL;
}

/* [+-]h[h[h]][:mm[:ss]], hours at most max, in seconds. */
static const char *
tz_seconds(const char *s, int max, int32_t *out)
{
	int sign = 1, part, i, v;
	int32_t total = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (part = 0; part < 3; part++) {
		if (part > 0 && *s != ':')
			break;
		if (part > 0)
			s++;
		for (i = 0, v = 0; i < (part == 0 ? 3 : 2) && *s >= '0' &&
		    *s <= '9'; i++)
			v = v * 10 + (*s++ - '0');
		if (i == 0 || (part == 0 ? v > max : v > 59))
			return NULL;
		total += v * (part == 0 ? 3600 : part == 1 ? 60 : 1);
	}
	*out = sign * total;
	return s;
}

static const char *
tz_number(const char *s, int lo, int hi, int *out)
{
	int v = 0, i;

	for (i = 0; i < 3 && *s >= '0' && *s <= '9'; i++)
		v = v * 10 + (*s++ - '0');
	if (i == 0 || v < lo || v > hi)
		return NULL;
	*out = v;
	return s;
}

/* ",Jn", ",n" or ",Mm.w.d", then "/time" (02:00 when left out). */
static const char *
tz_rule(const char *s, struct rule_day *r)
{
	if (*s++ != ',')
		return NULL;
	r->form = *s == 'J' || *s == 'M' ? *s++ : 'n';
	if (r->form == 'M') {
		if ((s = tz_number(s, 1, 12, &r->month)) == NULL ||
		    *s++ != '.' || (s = tz_number(s, 1, 5, &r->week)) == NULL ||
		    *s++ != '.' || (s = tz_number(s, 0, 6, &r->weekday)) == NULL)
			return NULL;
	} else if ((s = tz_number(s, r->form == 'J' ? 1 : 0, 365,
	    &r->n)) == NULL) {
		return NULL;
	}
	r->time = 2 * 3600;
	if (*s == '/')
		s = tz_seconds(s + 1, 167, &r->time);
	return s;
}

/* Reads the footer's TZ string s (NUL-ended) into z; 0, or -1. */
static int
read_footer(struct tl_tzif *z, const char *s)
{
	int32_t west;

	if (*s == '\0')
		return 0;
	memset(&z->std, 0, sizeof(z->std));
	if ((s = tz_name(s, z->std.abbr)) == NULL ||
	    (s = tz_seconds(s, 24, &west)) == NULL)
		return -1;
	z->std.off = -west;
	z->footer = 1;
	if (*s == '\0')
		return 0;
	z->summer = z->std;
	z->summer.dst = 1;
	z->summer.off = z->std.off + 3600;
	if ((s = tz_name(s, z->summer.abbr)) == NULL)
		return -1;
	if (*s != ',' && *s != '\0') {
		if ((s = tz_seconds(s, 24, &west)) == NULL)
			return -1;
		z->summer.off = -west;
	}
	/* Summer time without its rule: tzcode's default is no rule. */
	if ((s = tz_rule(s, &z->start)) == NULL ||
	    (s = tz_rule(s, &z->end)) == NULL || *s != '\0')
		return -1;
	z->footer_dst = 1;
	return 0;
}

/* The instant a rule day r of year falls at, offset being in force. */
static int64_t
rule_instant(const struct rule_day *r, int year, int32_t offset)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	int64_t day = epoch_days(year, 1, 1);
	int mday, last, first_weekday;

	if (r->form == 'J')
		day += r->n - 1 + (leap && r->n >= 60);
	else if (r->form == 'n')
		day += r->n;
	else {
		day = epoch_days(year, r->month, 1);
		last = mdays[r->month - 1] + (r->month == 2 && leap);
		/* 1970-01-01 was a Thursday (4). */
		first_weekday = (int)(((day % 7) + 7 + 4) % 7);
		mday = 1 + (r->weekday - first_weekday + 7) % 7 +
		    (r->week - 1) * 7;
		while (mday > last)
			mday -= 7;
		day += mday - 1;
	}
	return day * DAY_SECONDS + r->time - offset;
}

/* The footer rule's two changes of year: *on to summer time, *off back. */
static void
rule_changes(const struct tl_tzif *z, int year, int64_t *on, int64_t *off)
{
	*on = rule_instant(&z->start, year, z->std.off);
	*off = rule_instant(&z->end, year, z->summer.off);
}

static const struct tzif_type *
footer_type(const struct tl_tzif *z, int64_t t)
{
	int64_t on, off;
	int summer;

	if (!z->footer_dst)
		return &z->std;
	rule_changes(z, year_of(t + z->std.off), &on, &off);
	summer = on < off ? t >= on && t < off : !(t >= off && t < on);
	return summer ? &z->summer : &z->std;
}

/* The type in force at instant t. */
static const struct tzif_type *
type_at(const struct tl_tzif *z, int64_t t)
{
	size_t lo = 0, hi = z->n, mid;

	if (z->n == 0)
		return z->footer ? footer_type(z, t) : &z->types[0];
	if (t < z->at[0])
		return &z->types[0];
	/* The last change at or before t. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	if (lo == z->n - 1 && z->footer)
		return footer_type(z, t);
	return &z->types[z->type[lo]];
}

int32_t
tl_tzif_offset(const struct tl_tzif *z, int64_t t, int *dst)
{
	const struct tzif_type *type = type_at(z, t);

	if (dst != NULL)
		*dst = type->dst;
	return type->off;
}

static void
set_change(struct tl_tzif_change *c, int64_t at, int32_t before,
    const struct tzif_type *after)
{
	c->at = at;
	c->before = before;
	c->after = after->off;
	c->dst = after->dst;
	memcpy(c->abbr, after->abbr, sizeof(c->abbr));
}

int
tl_tzif_next(const struct tl_tzif *z, int64_t t, int64_t limit,
    struct tl_tzif_change *c)
{
	const struct tzif_type *before, *after;
	int64_t on, off, first, second, from = t;
	size_t i;
	int year;

	for (i = 0; i < z->n; i++) {
		if (z->at[i] <= t)
			continue;
		if (z->at[i] > limit)
			return 0;
		before = type_at(z, z->at[i] - 1);
		after = &z->types[z->type[i]];
		if (before->off != after->off) {
			set_change(c, z->at[i], before->off, after);
			return 1;
		}
	}
	if (!z->footer_dst)
		return 0;
	/* Past the table, the rule's changes, year by year. */
	if (z->n > 0 && z->at[z->n - 1] > from)
		from = z->at[z->n - 1];
	for (year = year_of(from) - 1; year <= 9999; year++) {
		rule_changes(z, year, &on, &off);
		first = on < off ? on : off;
		second = on < off ? off : on;
		if (first > limit)
			return 0;
		if (first > from) {
			t = first;
		} else if (second > from && second <= limit) {
			t = second;
		} else {
			continue;
		}
		before = type_at(z, t - 1);
		after = type_at(z, t);
		if (before->off != after->off) {
			set_change(c, t, before->off, after);
			return 1;
		}
		from = t;
		year--;
	}
	return 0;
}

/* Reads the file at path whole: malloc'd into *data, *len bytes. */
static int
slurp(const char *path, unsigned char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	int error = TL_EIO;

	*data = NULL;
	*len = 0;
	if (f == NULL)
		return TL_EIO;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && st.st_size <= TZIF_FILE_MAX) {
		*len = (size_t)st.st_size;
		if ((*data = malloc(*len)) == NULL)
			error = TL_ENOMEM;
		else if (fread(*data, 1, *len, f) == *len)
			error = 0;
	}
	fclose(f);
	if (error != 0) {
		free(*data);
		*data = NULL;
	}
	return error;
}

/* The counts of a TZif header at p. */
struct counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

static int
header(const unsigned char *p, size_t left, struct counts *c)
{
	if (left < 44 || memcmp(p, "TZif", 4) != 0)
		return -1;
	c->isut = be32(p + 20);
	c->isstd = be32(p + 24);
	c->leap = be32(p + 28);
	c->time = be32(p + 32);
	c->type = be32(p + 36);
	c->chars = be32(p + 40);
	if (c->type == 0 || c->type > 256 || c->time > 100000 ||
	    c->chars > 1000 || c->leap > 1000 || c->isut > c->type ||
	    c->isstd > c->type)
		return -1;
	return 0;
}

/* Bytes of the data block after a header, with times of tsize bytes. */
static size_t
block_size(const struct counts *c, size_t tsize)
{
	return c->time * (tsize + 1) + c->type * 6 + c->chars +
	    c->leap * (tsize + 4) + c->isstd + c->isut;
}

/* Fills z from the data block at p (times of tsize bytes). */
static int
read_block(struct tl_tzif *z, const struct counts *c, const unsigned char *p,
    size_t tsize)
{
	const unsigned char *types = p + c->time * (tsize + 1);
	const unsigned char *chars = types + c->type * 6;
	size_t i, at, len;

	for (i = 0; i < c->time; i++) {
		z->at[i] = tsize == 8 ? be64(p + i * 8) :
		    (int64_t)(int32_t)be32(p + i * 4);
		z->type[i] = p[c->time * tsize + i];
		if (z->type[i] >= c->type || (i > 0 && z->at[i] <= z->at[i - 1]))
			return -1;
	}
	for (i = 0; i < c->type; i++) {
		z->types[i].off = (int32_t)be32(types + i * 6);
		z->types[i].dst = types[i * 6 + 4] != 0;
		at = types[i * 6 + 5];
		if (at >= c->chars || z->types[i].off < -26 * 3600 ||
		    z->types[i].off > 26 * 3600)
			return -1;
		for (len = 0; at + len < c->chars && chars[at + len] != '\0' &&
		    len < TL_TZIF_ABBR_SIZE - 1; len++)
			z->types[i].abbr[len] = (char)chars[at + len];
		z->types[i].abbr[len] = '\0';
	}
	z->n = c->time;
	z->ntypes = c->type;
	return 0;
}

/*
 * Parses the n bytes of a TZif file at p into *out: its version 2 part
 * and footer where it has them, else its version 1 part.
 */
static int
parse(struct tl_tzif **out, const unsigned char *p, size_t n)
{
	struct counts c;
	struct tl_tzif *z;
	size_t tsize = 4, at = 44, size, end;
	char footer[128];

	*out = NULL;
	if (header(p, n, &c) < 0 || (size = block_size(&c, 4)) > n - at)
		return TL_EIO;
	if (p[4] >= '2') {
		at += size;
		if (header(p + at, n - at, &c) < 0)
			return TL_EIO;
		at += 44;
		tsize = 8;
		if ((size = block_size(&c, 8)) > n - at)
			return TL_EIO;
	}
	if ((z = calloc(1, sizeof(*z))) == NULL ||
	    (c.time > 0 && ((z->at = malloc(c.time * sizeof(*z->at))) ==
	    NULL || (z->type = malloc(c.time)) == NULL)) ||
	    (z->types = calloc(c.type, sizeof(*z->types))) == NULL) {
		tl_tzif_free(z);
		return TL_ENOMEM;
	}
	if (read_block(z, &c, p + at, tsize) < 0)
		goto bad;
	/* The footer: "\nTZ string\n". */
	at += size;
	if (tsize == 8 && at < n) {
		if (p[at] != '\n')
			goto bad;
		for (end = at + 1; end < n && p[end] != '\n'; end++)
			;
		if (end == n || end - at - 1 >= sizeof(footer))
			goto bad;
		memcpy(footer, p + at + 1, end - at - 1);
		footer[end - at - 1] = '\0';
		if (read_footer(z, footer) < 0)
			goto bad;
	}
	*out = z;
	return 0;
bad:
	tl_tzif_free(z);
	return TL_EIO;
}

int
tl_tzif_read(struct tl_tzif **out, const char *path)
{
	unsigned char *data;
	size_t len;
	int error;

	*out = NULL;
	if ((error = slurp(path, &data, &len)) < 0)
		return error;
	error = parse(out, data, len);
	free(data);
	return error;
}

void
tl_tzif_free(struct tl_tzif *z)
{
	if (z == NULL)
		return;
	free(z->at);
	free(z->type);
	free(z->types);
	free(z);
}
