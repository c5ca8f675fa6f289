/*
 * Time zones: whether an IANA zone exists (libical's list of the
 * system's tz database) and whether a wall-clock time occurs in it once,
 * never or twice (the zone's own file, tzif.c).
 */
/* readlink() is in POSIX.1-2001. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libical/ical.h>

#include "timeline/common.h"
#include "timeline/date.h"
#include "suggest.h"
#include "tzif.h"
#include "zone.h"

/* The longest zone name accepted; real ones stay under 40 bytes. */
#define ZONE_NAME_MAX (TL_ZONE_NAME_SIZE - 1)

/* A zone found: libical's (its place, its list), and its changes. */
struct tl_zone {
	icaltimezone *ical;
	struct tl_tzif *changes;
};

/* Far enough either side of a wall-clock time to see any one change. */
#define ZONE_PROBE_SECONDS (30 * 3600)

const char *
tl_zone_label(const char *name, char buf[TL_ZONE_LABEL_SIZE])
{
	const char *p;
	int hours;

	if (strncmp(name, "Etc/GMT", 7) != 0)
		return name;
	p = name + 7;
	if ((*p != '+' && *p != '-') || p[1] < '1' || p[1] > '9')
		return name;
	hours = p[1] - '0';
	if (p[2] >= '0' && p[2] <= '9')
		hours = hours * 10 + (p[2] - '0');
	if (p[hours > 9 ? 3 : 2] != '\0' || hours > 14)
		return name;
	memcpy(buf, "UTC", 3);
	buf[3] = *p == '+' ? '-' : '+';
	if (hours > 9) {
		buf[4] = '1';
		buf[5] = (char)('0' + hours - 10);
		buf[6] = '\0';
	} else {
		buf[4] = (char)('0' + hours);
		buf[5] = '\0';
	}
	return buf;
}

/*
 * True when name can be an IANA zone's name: parts of letters, digits,
 * '_', '-' and '+' joined by '/'.  libical opens the file of that name
 * under the zone directory, so nothing else ("..", a device) may reach it.
 */
static int
zone_name_valid(const char *name)
{
	static const char *const files[] = {
		"localtime", "posixrules", "posix", "right"
	};
	const char *p, *part;
	size_t i, len;

	if (name == NULL)
		return 0;
	len = strlen(name);
	if (len == 0 || len > ZONE_NAME_MAX)
		return 0;
	part = name;
	for (p = name; ; p++) {
		if (*p == '/' || *p == '\0') {
			if (p == part)
				return 0;
			if (*p == '\0')
				break;
			part = p + 1;
			continue;
		}
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
		    *p == '+'))
			return 0;
	}
	/*
	 * These are files of the database, not zones: the machine's own
	 * zone, a copy of a default rule, and whole copies of the database.
	 */
	len = strcspn(name, "/");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (strlen(files[i]) == len && memcmp(files[i], name, len) == 0)
			return 0;
	return 1;
}

/* libical's zone of that name, or NULL. */
static icaltimezone *
zone_find(const char *name)
{
	icaltimezone *zone;

	if (!zone_name_valid(name))
		return NULL;
	icalerror_set_errors_are_fatal(0);
	zone = icaltimezone_get_builtin_timezone(name);
	icalerror_clear_errno();
	return zone;
}

/*
 * Whether obs is one that libical makes up where a tz file's table of
 * 32-bit times ends: its onset at 2^31 seconds after the epoch, 03:14:07
 * UTC on 19 January 2038, in local time (18 to 20 January, for offsets
 * of up to 14 hours either way; the seconds stay 7).
 */
static int
made_at_2038(icalcomponent *obs)
{
	icalproperty *p;
	struct icaltimetype t;

	p = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
	if (p == NULL)
		return 0;
	t = icalproperty_get_dtstart(p);
	return t.year == 2038 && t.month == 1 && t.day >= 18 &&
	    t.day <= 20 && t.second == 7;
}

/*
 * The latest onset of obs, in local time: its last RDATE, or the UNTIL
 * of a rule that ends (Debian 12's libical, 3.0.16, gives the years to
 * 2037 so; UNTIL is UTC, at the offset before the change), else its
 * DTSTART.
 */
static struct icaltimetype
latest_onset(icalcomponent *obs)
{
	icalproperty *p, *from;
	struct icaltimetype t = icaltime_null_time(), r;

	p = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
	if (p != NULL)
		t = icalproperty_get_dtstart(p);
	for (p = icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY);
	    p != NULL;
	    p = icalcomponent_get_next_property(obs, ICAL_RDATE_PROPERTY)) {
		r = icalproperty_get_rdate(p).time;
		if (!icaltime_is_null_time(r) && icaltime_compare(r, t) > 0)
			t = r;
	}
	from = icalcomponent_get_first_property(obs,
	    ICAL_TZOFFSETFROM_PROPERTY);
	for (p = icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY);
	    p != NULL;
	    p = icalcomponent_get_next_property(obs, ICAL_RRULE_PROPERTY)) {
		r = icalproperty_get_rrule(p).until;
		if (icaltime_is_null_time(r))
			continue;
		if (!r.is_date && icaltime_is_utc(r) && from != NULL) {
			icaltime_adjust(&r, 0, 0, 0,
			    icalproperty_get_tzoffsetfrom(from));
			r.zone = NULL;
		}
		if (icaltime_compare(r, t) > 0)
			t = r;
	}
	return t;
}

/* The offset a property of kind of obs gives, or INT_MIN. */
static int
obs_offset(icalcomponent *obs, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(obs, kind);

	if (p == NULL)
		return INT_MIN;
	return kind == ICAL_TZOFFSETFROM_PROPERTY ?
	    icalproperty_get_tzoffsetfrom(p) : icalproperty_get_tzoffsetto(p);
}

/*
 * Mends the observance bad, made at 2038 (above), from the one before
 * it that changes to the same offset the same way: bad's rule carries
 * that change on, but libical gave it the offset after the change as
 * the offset before it, and 03:14:07 UTC as its time of day.  bad takes
 * the earlier one's offset before the change and its time of day, and
 * starts at its rule's first change after that one's.
 */
static void
mend_observance(icalcomponent *vtz, icalcomponent *bad)
{
	icalcomponent *obs, *like = NULL;
	icalproperty *rrule, *p;
	icalrecur_iterator *it;
	struct icaltimetype last, t, best = icaltime_null_time();
	icalcomponent_kind kind = icalcomponent_isa(bad);
	int to = obs_offset(bad, ICAL_TZOFFSETTO_PROPERTY), from;

	rrule = icalcomponent_get_first_property(bad, ICAL_RRULE_PROPERTY);
	if (rrule == NULL || to == INT_MIN)
		return;
	for (obs = icalcomponent_get_first_component(vtz, kind); obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, kind)) {
		if (obs == bad || made_at_2038(obs) ||
		    obs_offset(obs, ICAL_TZOFFSETTO_PROPERTY) != to ||
		    obs_offset(obs, ICAL_TZOFFSETFROM_PROPERTY) == to)
			continue;
		last = latest_onset(obs);
		if (last.year <= 2038 && (like == NULL ||
		    icaltime_compare(last, best) > 0)) {
			like = obs;
			best = last;
		}
	}
	if (like == NULL)
		return;
	from = obs_offset(like, ICAL_TZOFFSETFROM_PROPERTY);
	/* The first change of the rule after the earlier one's last. */
	t = best;
	t.year++;
	t.month = 1;
	t.day = 1;
	if ((it = icalrecur_iterator_new(icalproperty_get_rrule(rrule),
	    t)) == NULL)
		return;
	t = icalrecur_iterator_next(it);
	icalrecur_iterator_free(it);
	if (icaltime_is_null_time(t))
		return;
	t.hour = best.hour;
	t.minute = best.minute;
	t.second = best.second;
	if ((p = icalcomponent_get_first_property(bad,
	    ICAL_TZOFFSETFROM_PROPERTY)) != NULL)
		icalproperty_set_tzoffsetfrom(p, from);
	if ((p = icalcomponent_get_first_property(bad,
	    ICAL_DTSTART_PROPERTY)) != NULL)
		icalproperty_set_dtstart(p, t);
}

void
tl_zone_mend(icalcomponent *vtz)
{
	icalcomponent *obs;

	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		if (made_at_2038(obs))
			mend_observance(vtz, obs);
}

/*
 * Why the zone file at path, which could not be read, could not: 0 when
 * it is not there to be read (no such zone here), else TL_ENOMEM, or
 * TL_EIO with errno set (too many files open, no permission): the zone
 * may be one all the same.
 */
static int
unreadable(const char *path)
{
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		close(fd);
		return 0;
	}
	if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP ||
	    errno == ENAMETOOLONG)
		return 0;
	return errno == ENOMEM ? TL_ENOMEM : TL_EIO;
}

/*
 * The zone of that name, with its changes read from its file under
 * libical's zone directory (the one libical reads), or NULL when there
 * is none or its file cannot be read; *error is TL_ENOMEM when memory
 * ran out, TL_EIO (errno set) when the file is there and could not be
 * read.
 */
static struct tl_zone *
zone_open(const char *name, int *error)
{
	const char *dir = icaltzutil_get_zone_directory();
	icaltimezone *ical = zone_find(name);
	struct tl_zone *zone;
	char path[512];

	*error = 0;
	if (dir == NULL || (size_t)snprintf(path, sizeof(path), "%s/%s", dir,
	    name) >= sizeof(path))
		return NULL;
	if (ical == NULL) {
		/* libical read no such file: none, or none it could open. */
		if (zone_name_valid(name))
			*error = unreadable(path);
		return NULL;
	}
	if ((zone = malloc(sizeof(*zone))) == NULL) {
		*error = TL_ENOMEM;
		return NULL;
	}
	zone->ical = ical;
	if ((*error = tl_tzif_read(&zone->changes, path)) < 0) {
		if (*error != TL_ENOMEM)
			*error = unreadable(path);
		free(zone);
		return NULL;
	}
	return zone;
}

const struct tl_tzif *
tl_zone_changes(const struct tl_zone *zone)
{
	return zone->changes;
}

void
tl_zone_free(struct tl_zone *zone)
{
	if (zone == NULL)
		return;
	tl_tzif_free(zone->changes);
	free(zone);
}

/* The wall-clock time of minute on day, in seconds as if it were UTC. */
static int64_t
wall_time(int32_t day, int minute)
{
	return ((int64_t)day - tl_day_from_ymd(1970, 1, 1)) * 86400 +
	    minute * 60;
}

/*
 * The check of tl_zone_check() in a zone found; *first (if not NULL)
 * receives the offset from UTC in force at the time's first occurrence,
 * or for a time in a gap the offset in force before the gap.
 */
static int
zone_at(const struct tl_zone *zone, int32_t day, int minute, int *first)
{
	int64_t wall;
	int32_t before, after, offset = 0;
	int found;

	/* A time that is no time of any day never occurs. */
	if (day < TL_DAY_MIN || day > TL_DAY_MAX || minute < 0 ||
	    minute >= 24 * 60)
		return TL_ZONE_GAP;
	wall = wall_time(day, minute);

	/*
	 * The offsets in force a little before and a little after are the
	 * only candidates.  Each one that maps the wall-clock time back to
	 * an instant where that same offset holds is one occurrence: none
	 * in a gap, two in a fold.
	 */
	before = tl_tzif_offset(zone->changes, wall - ZONE_PROBE_SECONDS,
	    NULL);
	after = tl_tzif_offset(zone->changes, wall + ZONE_PROBE_SECONDS,
	    NULL);
	found = 0;
	if (tl_tzif_offset(zone->changes, wall - before, NULL) == before) {
		found++;
		offset = before;
	}
	if (after != before &&
	    tl_tzif_offset(zone->changes, wall - after, NULL) == after) {
		/* The larger offset puts the wall-clock time earlier. */
		if (found == 0 || after > offset)
			offset = after;
		found++;
	}
	/* In a gap, the offset before it: RFC 5545 reads the time so. */
	if (first != NULL)
		*first = found == 0 ? before : offset;
	if (found == 0)
		return TL_ZONE_GAP;
	return found == 1 ? TL_ZONE_OK : TL_ZONE_FOLD;
}

/* The part of a zone's name after its last '/': its city. */
static const char *
city_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash != NULL ? slash + 1 : name;
}

static const char *links_target(const struct tl_zone_links *l,
    const char *name);
static int memo_links(struct tl_zone_memo *memo,
    const struct tl_zone_links **links);

/* Whether name is a zone, or a link of the tz database's list l. */
static int
zone_known(const char *name, const struct tl_zone_links *l)
{
	return zone_find(name) != NULL || links_target(l, name) != NULL;
}

/*
 * Writes name into out (size bytes) in the capitals zone names use, and
 * returns whether the result is a zone: all in capitals (UTC, CET), else
 * each part between '/', '_' and '-' capitalised, a part of three
 * letters or fewer tried in capitals too (Zulu, Etc/UTC, US/Pacific).
 */
static int
recased_zone(const char *name, const struct tl_zone_links *l, char *out,
    size_t size)
{
	size_t i, len = strlen(name), start, end;
	unsigned mask, k = 0;

	if (len == 0 || len >= size)
		return 0;
	for (i = 0; i <= len; i++)
		out[i] = (char)tl_ascii_upper((unsigned char)name[i]);
	if (zone_known(out, l))
		return 1;
	/* Bit k of mask: the k-th short part in capitals (of the first
	 * four; the others are only capitalised). */
	for (mask = 0; mask < 16; mask++) {
		k = 0;
		for (start = 0; start < len; start = end + 1) {
			end = start + strcspn(name + start, "/_-");
			for (i = start; i < end; i++)
				out[i] = (char)(i == start ||
				    (end - start <= 3 && k < 4 &&
				    (mask >> k & 1)) ?
				    tl_ascii_upper((unsigned char)name[i]) :
				    tl_ascii_lower((unsigned char)name[i]));
			k += end - start <= 3;
		}
		if (zone_known(out, l))
			return 1;
		/* Every choice for the short parts is tried. */
		if (k < 4 && mask + 1 >= 1u << k)
			break;
	}
	return 0;
}

static int zone_search(struct tl_zone_memo *memo, const char *name,
    char *buf, size_t size);

int
tl_zone_suggest(struct tl_zone_memo *memo, const char *name, char *buf,
    size_t size)
{
	int error;

	if (strcmp(name, memo->unknown) != 0)
		return zone_search(memo, name, buf, size);
	if (!memo->suggested) {
		if ((error = zone_search(memo, name, memo->suggestion,
		    sizeof(memo->suggestion))) < 0 &&
		    error != TL_ZONE_UNKNOWN)
			return error;
		memo->suggested = 1;
		memo->suggest_result = error;
	}
	snprintf(buf, size, "%s", memo->suggestion);
	return memo->suggest_result;
}

/* tl_zone_suggest()'s search, its answer written into buf. */
static int
zone_search(struct tl_zone_memo *memo, const char *name, char *buf,
    size_t size)
{
	const struct tl_zone_links *links;
	icalarray *zones;
	const char **names, *best, *city;
	char recased[64];
	size_t i, n = 0;
	int error;

	buf[0] = '\0';
	if (memo->searches >= TL_ZONE_SEARCHES)
		return TL_ZONE_UNKNOWN;
	memo->searches++;
	icalerror_set_errors_are_fatal(0);
	/* Zone names that libical takes but does not list (UTC, Zulu,
	 * US/Pacific) are found by their capitals alone, as are old names
	 * known only from tzdata.zi. */
	if ((error = memo_links(memo, &links)) < 0)
		return error;
	if (recased_zone(name, links, recased, sizeof(recased))) {
		snprintf(buf, size, "%s", recased);
		return 0;
	}
	if ((zones = icaltimezone_get_builtin_timezones()) == NULL ||
	    zones->num_elements == 0)
		return TL_ZONE_UNKNOWN;
	if ((names = malloc(2 * zones->num_elements * sizeof(*names))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < zones->num_elements; i++) {
		icaltimezone *zone = icalarray_element_at(zones, i);
		const char *location = icaltimezone_get_location(zone);
		if (location != NULL)
			names[n++] = location;
	}
	/* The whole name, else its city in whatever region it is. */
	if ((best = tl_closest(name, strlen(name), names, n)) == NULL) {
		for (i = 0; i < n; i++)
			names[n + i] = city_of(names[i]);
		city = city_of(name);
		best = tl_closest(city, strlen(city), names + n, n);
		/* Short names are near too many: one edit at most there. */
		if (best != NULL &&
		    !tl_same_but_case(city, strlen(city), best) &&
		    tl_edit_distance(city, strlen(city), best,
		    strlen(best)) > 1)
			best = NULL;
		/* A city lies inside its zone's name: give the name. */
		for (i = 0; best != NULL && i < n; i++)
			if (names[n + i] == best) {
				best = names[i];
				break;
			}
	}
	if (best != NULL)
		snprintf(buf, size, "%s", best);
	free(names);
	icalerror_clear_errno();
	return best != NULL ? 0 : TL_ZONE_UNKNOWN;
}

/*
 * Whether libical has a place for zone: it reads the zones the tz
 * database lists (zone.tab) with their places, and a zone it found by a
 * name not listed joins its list without one.
 */
static int
has_place(icaltimezone *zone)
{
	return icaltimezone_get_latitude(zone) != 0.0 ||
	    icaltimezone_get_longitude(zone) != 0.0;
}

/* Whether the tz database lists a zone of that name. */
static int
zone_listed(const char *name)
{
	icalarray *zones = icaltimezone_get_builtin_timezones();
	icaltimezone *zone;
	const char *location;
	size_t i;

	for (i = 0; zones != NULL && i < zones->num_elements; i++) {
		zone = icalarray_element_at(zones, i);
		location = icaltimezone_get_location(zone);
		if (location != NULL && strcmp(location, name) == 0 &&
		    has_place(zone))
			return 1;
	}
	return 0;
}

/* The largest tzdata.zi read (Debian's is about 110 KiB). */
#define ZONE_ZI_MAX ((long)4 << 20)

/*
 * The links of the tz database, from the "L TARGET NAME" lines of its
 * tzdata.zi: a system may leave out the files of old names (Debian 13
 * moved them to the tzdata-legacy package) while that list still holds
 * them, so an old name stays known, as the name of its target.
 */
struct tl_zone_links {
	char *text;			/* the file, its fields NUL-ended */
	const char **names;		/* count pairs: name, then target */
	size_t count;
};

static void
links_free(struct tl_zone_links *l)
{
	if (l == NULL)
		return;
	free(l->text);
	free(l->names);
	free(l);
}

static int
by_link_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The next field of the line at *p, NUL-ended in place, or NULL. */
static const char *
zi_field(char **p)
{
	char *f = *p;

	while (*f == ' ' || *f == '\t')
		f++;
	if (*f == '\0' || *f == '\n')
		return NULL;
	*p = f + strcspn(f, " \t\n");
	if (**p != '\0')
		*(*p)++ = '\0';
	return f;
}

/*
 * Reads the links of tzdata.zi in the zone directory into *out (NULL
 * when there is no such file, or it holds none).  0, or TL_ENOMEM.
 */
static int
links_read(struct tl_zone_links **out)
{
	const char *dir = icaltzutil_get_zone_directory();
	struct tl_zone_links *l = NULL;
	const char *target, *name, **grown;
	char path[512], *p, *next;
	size_t cap = 0, n;
	long size;
	FILE *f;

	*out = NULL;
	if (dir == NULL || (size_t)snprintf(path, sizeof(path),
	    "%s/tzdata.zi", dir) >= sizeof(path) ||
	    (f = fopen(path, "rb")) == NULL)
		return 0;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 ||
	    size > ZONE_ZI_MAX || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return 0;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (l->text = malloc((size_t)size + 1)) == NULL)
		goto oom;
	n = fread(l->text, 1, (size_t)size, f);
	l->text[n] = '\0';
	for (p = l->text; *p != '\0'; p = next) {
		next = p + strcspn(p, "\n");
		if (*next == '\n')
			*next++ = '\0';
		if (p[0] != 'L' || (p[1] != ' ' && p[1] != '\t'))
			continue;
		p++;
		if ((target = zi_field(&p)) == NULL ||
		    (name = zi_field(&p)) == NULL ||
		    !zone_name_valid(target) || !zone_name_valid(name))
			continue;
		if (l->count * 2 == cap) {
			cap = cap ? cap * 2 : 512;
			if ((grown = realloc(l->names, cap *
			    sizeof(*grown))) == NULL)
				goto oom;
			l->names = grown;
		}
		l->names[l->count * 2] = name;
		l->names[l->count * 2 + 1] = target;
		l->count++;
	}
	fclose(f);
	if (l->count == 0) {
		links_free(l);
		return 0;
	}
	qsort(l->names, l->count, 2 * sizeof(*l->names), by_link_name);
	*out = l;
	return 0;
oom:
	fclose(f);
	links_free(l);
	return TL_ENOMEM;
}

/* The target of the link name in l, or NULL. */
static const char *
links_target(const struct tl_zone_links *l, const char *name)
{
	const char **hit;

	if (l == NULL || !zone_name_valid(name))
		return NULL;
	hit = bsearch(&name, l->names, l->count, 2 * sizeof(*l->names),
	    by_link_name);
	return hit != NULL ? hit[1] : NULL;
}

/*
 * The zone that tzdata.zi's list l makes name a link of, whose name goes
 * into target; NULL (target emptied) when there is none.
 */
static struct tl_zone *
zone_open_link(const char *name, const struct tl_zone_links *l,
    char target[TL_ZONE_NAME_SIZE], int *error)
{
	struct tl_zone *zone;
	const char *t;

	target[0] = '\0';
	*error = 0;
	if ((t = links_target(l, name)) == NULL ||
	    (zone = zone_open(t, error)) == NULL)
		return NULL;
	snprintf(target, TL_ZONE_NAME_SIZE, "%s", t);
	return zone;
}

/* memo's links of tzdata.zi, read at the first call.  0, or TL_ENOMEM. */
static int
memo_links(struct tl_zone_memo *memo, const struct tl_zone_links **links)
{
	int error;

	if (!memo->links_read) {
		if ((error = links_read(&memo->links)) < 0)
			return error;
		memo->links_read = 1;
	}
	*links = memo->links;
	return 0;
}

/*
 * Whether current is the name to write for name: a listed zone, while
 * name is not listed.  Copies it into buf if so.
 */
static int
current_for(const char *name, const char *current, char *buf, size_t size)
{
	if (!zone_name_valid(current) || !zone_listed(current) ||
	    zone_listed(name) ||
	    (size_t)snprintf(buf, size, "%s", current) >= size)
		return 0;
	return 1;
}

/*
 * Joins the link target of name (relative to name's directory, as the
 * tz database's links are) into out: "US/Pacific" and
 * "../America/Los_Angeles" give "America/Los_Angeles".  0, or -1 when
 * it leaves the database or does not fit.
 */
static int
link_target(const char *name, const char *target, char *out, size_t size)
{
	size_t dir = strlen(name), len;

	while (dir > 0 && name[dir - 1] != '/')
		dir--;
	while (strncmp(target, "../", 3) == 0) {
		if (dir == 0)
			return -1;
		dir--;
		while (dir > 0 && name[dir - 1] != '/')
			dir--;
		target += 3;
	}
	len = strlen(target);
	if (target[0] == '/' || dir + len >= size)
		return -1;
	memcpy(out, name, dir);
	memcpy(out + dir, target, len + 1);
	return 0;
}

int
tl_zone_current_name(const char *name, char *buf, size_t size)
{
	const char *dir = icaltzutil_get_zone_directory();
	char path[512], target[ZONE_NAME_MAX + 1], current[ZONE_NAME_MAX + 1];
	struct tl_zone_links *l;
	const char *t;
	ssize_t n;
	int r;

	if (dir == NULL || !zone_name_valid(name) ||
	    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return 0;
	/* Listed zones are files; old names, links to them, or only
	 * lines of tzdata.zi where their files are left out. */
	if ((n = readlink(path, target, sizeof(target) - 1)) > 0) {
		target[n] = '\0';
		return link_target(name, target, current,
		    sizeof(current)) == 0 &&
		    current_for(name, current, buf, size);
	}
	if (access(path, F_OK) == 0 || links_read(&l) < 0)
		return 0;
	r = (t = links_target(l, name)) != NULL &&
	    current_for(name, t, buf, size);
	links_free(l);
	return r;
}

int
tl_zone_check(const char *name, int32_t day, int minute)
{
	struct tl_zone *zone;
	int r, error;

	if ((error = tl_zone_find(name, &zone)) < 0)
		return error;
	if (zone == NULL)
		return TL_ZONE_UNKNOWN;
	r = zone_at(zone, day, minute, NULL);
	tl_zone_free(zone);
	return r;
}

int
tl_zone_find(const char *name, struct tl_zone **zone)
{
	struct tl_zone_links *l;
	char target[TL_ZONE_NAME_SIZE];
	int error;

	if ((*zone = zone_open(name, &error)) != NULL || error != 0 ||
	    !zone_name_valid(name))
		return error;
	if ((error = links_read(&l)) < 0)
		return error;
	*zone = zone_open_link(name, l, target, &error);
	links_free(l);
	return error;
}

int
tl_zone_offset(const struct tl_zone *zone, int32_t day, int minute,
    int *offset)
{
	return zone_at(zone, day, minute, offset);
}

int
tl_zone_dst_changes(const struct tl_zone *zone, int32_t day, int minute)
{
	int64_t wall = wall_time(day, minute);
	int dst0 = 0, dst1 = 0;

	(void)tl_tzif_offset(zone->changes, wall - ZONE_PROBE_SECONDS, &dst0);
	(void)tl_tzif_offset(zone->changes, wall + ZONE_PROBE_SECONDS, &dst1);
	return dst0 != dst1;
}

/* A zone a memo keeps: its name as asked, and its current name. */
struct tl_zone_seen {
	char *name;			/* NULL: a free slot */
	struct tl_zone *zone;
	char current[TL_ZONE_NAME_SIZE];	/* or "" */
};

/* FNV-1a of the len bytes at s. */
static size_t
name_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return (size_t)h;
}

/* The slot of name in slots (cap a power of two): its own, or free. */
static struct tl_zone_seen *
memo_slot(struct tl_zone_seen *slots, size_t cap, const char *name,
    size_t len)
{
	size_t i = name_hash(name, len) & (cap - 1);

	while (slots[i].name != NULL && strcmp(slots[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/* Doubles memo's table (16 slots at first).  0, or TL_ENOMEM. */
static int
memo_grow(struct tl_zone_memo *memo)
{
	size_t cap = memo->cap ? memo->cap * 2 : 16, i;
	struct tl_zone_seen *slots = calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return TL_ENOMEM;
	for (i = 0; i < memo->cap; i++)
		if (memo->slots[i].name != NULL)
			*memo_slot(slots, cap, memo->slots[i].name,
			    strlen(memo->slots[i].name)) = memo->slots[i];
	free(memo->slots);
	memo->slots = slots;
	memo->cap = cap;
	return 0;
}

int
tl_zone_memo_find(struct tl_zone_memo *memo, const char *name,
    struct tl_zone **found, const char **current)
{
	struct tl_zone_seen *seen;
	struct tl_zone *zone;
	const struct tl_zone_links *links;
	char target[TL_ZONE_NAME_SIZE] = "";
	size_t len = strlen(name);
	int error;

	*found = NULL;
	if (current != NULL)
		*current = NULL;
	/* No zone has a longer name: nothing to keep. */
	if (len > ZONE_NAME_MAX)
		return 0;
	if ((memo->count + 1) * 2 > memo->cap && memo_grow(memo) < 0)
		return TL_ENOMEM;
	seen = memo_slot(memo->slots, memo->cap, name, len);
	if (seen->name == NULL) {
		/* Unknown names are not kept, but for the last: a hostile
		 * file may hold millions, real zones number a few hundred. */
		if (strcmp(name, memo->unknown) == 0)
			return 0;
		if ((zone = zone_open(name, &error)) == NULL && error == 0 &&
		    (error = memo_links(memo, &links)) == 0)
			zone = zone_open_link(name, links, target, &error);
		if (zone == NULL) {
			if (error == 0) {
				memcpy(memo->unknown, name, len + 1);
				memo->suggested = 0;
			}
			return error;
		}
		if ((seen->name = malloc(len + 1)) == NULL) {
			tl_zone_free(zone);
			return TL_ENOMEM;
		}
		memcpy(seen->name, name, len + 1);
		seen->zone = zone;
		memo->count++;
		/* A zone with a place is listed, so its name is current:
		 * only the others are looked at on the file system. */
		if (target[0] != '\0' ? !current_for(name, target,
		    seen->current, sizeof(seen->current)) :
		    has_place(zone->ical) ||
		    !tl_zone_current_name(name, seen->current,
		    sizeof(seen->current)))
			seen->current[0] = '\0';
	}
	if (current != NULL && seen->current[0] != '\0')
		*current = seen->current;
	*found = seen->zone;
	return 0;
}

void
tl_zone_memo_dispose(struct tl_zone_memo *memo)
{
	size_t i;

	for (i = 0; i < memo->cap; i++) {
		free(memo->slots[i].name);
		tl_zone_free(memo->slots[i].zone);
	}
	free(memo->slots);
	links_free(memo->links);
	memset(memo, 0, sizeof(*memo));
}
