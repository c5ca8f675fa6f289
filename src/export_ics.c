/*
 * The iCalendar exporter (SPEC section 6): one VCALENDAR holding a
 * VTIMEZONE for each zone used and a VEVENT for each milestone.
 *
 * Values are built with libical; content lines are written here, one
 * property at a time, because libical 3.0 leaves control characters in
 * some values and folds lines where it likes.  Nothing but the zones
 * used is held in memory: each event is written as it is made.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "timeline/timeline.h"
#include "set_internal.h"
#include "utf8.h"
#include "zone.h"

/* Octets in a content line before its CRLF (RFC 5545, 3.1). */
#define ICS_LINE_OCTETS 75

/*
 * A property whose value is TEXT by default though not every parser
 * knows it (X- properties, RFC 7986's NAME): ical.js reads such a value
 * raw, escapes and all, unless VALUE=TEXT says what it is.
 */
#define X_TEXT(name) name ";VALUE=TEXT"

/* U+FFFD, written for anything text may not hold. */
#define REPLACEMENT "\xef\xbf\xbd"

/*
 * libical's truncation of a VTIMEZONE goes wrong after about 2582.
 * Every rule change the tz database knows lies before this year, so
 * starting a zone's rules here still covers any later event.
 */
#define ZONE_RULES_SETTLED 2400

/* A growable byte string, always NUL-terminated once anything is put. */
struct buf {
	char *data;
	size_t len, cap;
};

/* A zone used by timed milestones, and the day of its first event. */
struct zone_use {
	const char *name;
	int32_t first_day;
};

/*
 * The writer's buffers, each with one use, kept from line to line so
 * that writing allocates only while a line is longer than any before.
 */
struct ics {
	FILE *out;
	struct buf value;	/* a value being put together, raw */
	struct buf text;	/* text, cleaned */
	struct buf scratch;	/* a value, escaped, or a property's name */
	struct buf line;	/* the content line being written */
};

static int
buf_put(struct buf *b, const char *s, size_t len)
{
	size_t cap;
	char *p;

	if (len >= SIZE_MAX / 2 - b->len)
		return TL_ENOMEM;
	if (b->len + len + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + len + 1)
			cap *= 2;
		if ((p = realloc(b->data, cap)) == NULL)
			return TL_ENOMEM;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

static int
buf_puts(struct buf *b, const char *s)
{
	return buf_put(b, s, strlen(s));
}

/* Empties b, keeping its memory, and makes it an empty string. */
static int
buf_clear(struct buf *b)
{
	b->len = 0;
	return buf_put(b, "", 0);
}

static void
buf_dispose(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/*
 * Copies untrusted text into b as iCalendar text may hold it: invalid
 * UTF-8 and control characters become U+FFFD.  A multi-line text keeps
 * LF and tab (but no LF at its end), and a CR just before an LF is
 * dropped.  The checker refuses all of these already; this keeps a set
 * that skipped it from writing a raw line break into the file.
 */
static int
clean_text(struct buf *b, const char *s, int multiline)
{
	size_t i, n, len;
	uint32_t cp;
	int error;

	if ((error = buf_clear(b)) < 0)
		return error;
	len = s ? strlen(s) : 0;
	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (multiline && cp == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		if (cp == TL_UTF8_INVALID || (tl_is_control(cp) &&
		    !(multiline && (cp == '\n' || cp == '\t'))))
			error = buf_puts(b, REPLACEMENT);
		else
			error = buf_put(b, s + i, n);
		if (error < 0)
			return error;
	}
	/* A block of text ends with a line break that is not content. */
	while (multiline && b->len > 0 && b->data[b->len - 1] == '\n')
		b->data[--b->len] = '\0';
	return 0;
}

/*
 * Writes one content line, folded before ICS_LINE_OCTETS octets and
 * never inside a UTF-8 sequence; a folded line goes on after CRLF and
 * one space, which counts towards its octets.
 */
static void
write_folded(FILE *out, const char *s, size_t len)
{
	size_t room = ICS_LINE_OCTETS, n, back;

	while (len > room) {
		n = room;
		for (back = 0; back < 3 &&
		    ((unsigned char)s[n] & 0xc0) == 0x80; back++)
			n--;
		if (((unsigned char)s[n] & 0xc0) == 0x80)
			n = room;	/* not UTF-8 after all: cut anyway */
		fwrite(s, 1, n, out);
		fputs("\r\n ", out);
		s += n;
		len -= n;
		room = ICS_LINE_OCTETS - 1;
	}
	fwrite(s, 1, len, out);
	fputs("\r\n", out);
}

/* Writes "NAME:VALUE"; name may carry parameters ("DTSTART;VALUE=DATE"). */
static int
put(struct ics *w, const char *name, const char *value)
{
	int error;

	if ((error = buf_clear(&w->line)) < 0 ||
	    (error = buf_puts(&w->line, name)) < 0 ||
	    (error = buf_put(&w->line, ":", 1)) < 0 ||
	    (error = buf_puts(&w->line, value)) < 0)
		return error;
	write_folded(w->out, w->line.data, w->line.len);
	return 0;
}

/*
 * Escapes text, already clean, as a TEXT value (\\ \; \, \n) by way of
 * libical, and appends it to b.
 */
static int
append_escaped(struct buf *b, const char *text)
{
	icalvalue *v;
	char *s = NULL;
	int error = TL_ENOMEM;

	if ((v = icalvalue_new_text(text)) == NULL)
		goto out;
	if ((s = icalvalue_as_ical_string_r(v)) == NULL)
		goto out;
	error = buf_puts(b, s);
out:
	free(s);
	if (v != NULL)
		icalvalue_free(v);
	return error;
}

/*
 * Writes untrusted text (w->value's included) as a TEXT property; name
 * must not be w->scratch's.
 */
static int
put_text(struct ics *w, const char *name, const char *text, int multiline)
{
	int error;

	if ((error = clean_text(&w->text, text, multiline)) < 0 ||
	    (error = buf_clear(&w->scratch)) < 0 ||
	    (error = append_escaped(&w->scratch, w->text.data)) < 0)
		return error;
	return put(w, name, w->scratch.data);
}

/*
 * Writes a DATE (minute < 0) or a local DATE-TIME value of day at
 * minute, formatted by libical.
 */
static int
put_time(struct ics *w, const char *name, int32_t day, int minute)
{
	struct icaltimetype t;
	char *s;
	int year, month, mday, error;

	tl_day_to_ymd(day, &year, &month, &mday);
	t = minute < 0 ? icaltime_null_date() : icaltime_null_time();
	t.year = year;
	t.month = month;
	t.day = mday;
	if (minute >= 0) {
		t.hour = minute / 60;
		t.minute = minute % 60;
	}
	if ((s = icaltime_as_ical_string_r(t)) == NULL)
		return TL_ENOMEM;
	error = put(w, name, s);
	free(s);
	return error;
}

/* Writes one property of a libical component. */
static int
put_property(struct ics *w, icalproperty *p)
{
	icalparameter *param;
	char *s;
	int error;

	if ((error = buf_clear(&w->scratch)) < 0)
		return error;
	if ((s = icalproperty_get_property_name_r(p)) == NULL)
		return TL_ENOMEM;
	error = buf_puts(&w->scratch, s);
	free(s);
	for (param = icalproperty_get_first_parameter(p, ICAL_ANY_PARAMETER);
	    param != NULL && error == 0;
	    param = icalproperty_get_next_parameter(p, ICAL_ANY_PARAMETER)) {
		if ((s = icalparameter_as_ical_string_r(param)) == NULL)
			return TL_ENOMEM;
		if ((error = buf_put(&w->scratch, ";", 1)) == 0)
			error = buf_puts(&w->scratch, s);
		free(s);
	}
	if (error < 0)
		return error;
	if ((s = icalproperty_get_value_as_string_r(p)) == NULL)
		return TL_ENOMEM;
	error = put(w, w->scratch.data, s);
	free(s);
	return error;
}

/* Writes a libical component and what it holds. */
static int
put_component(struct ics *w, icalcomponent *c)
{
	const char *kind = icalcomponent_kind_to_string(icalcomponent_isa(c));
	icalproperty *p;
	icalcomponent *child;
	int error;

	if ((error = put(w, "BEGIN", kind)) < 0)
		return error;
	for (p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY);
	    p != NULL;
	    p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY))
		if ((error = put_property(w, p)) < 0)
			return error;
	for (child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT);
	    child != NULL;
	    child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		if ((error = put_component(w, child)) < 0)
			return error;
	return put(w, "END", kind);
}

/*
 * The most occurrences a bounded rule of a zone may have; the tz
 * database's last for about 60 years.
 */
#define RULE_OCCURRENCES_MAX 1000

/*
 * A zone's rules as libical gives them hold bounded RRULEs (with UNTIL):
 * rules that really ended, and rules cut in two at 2037, where the tz
 * database's old file format stops.  RFC 5545 wants UNTIL in UTC while
 * DTSTART is local, and dateutil (so python-icalendar, ics-py, khal)
 * refuses that mix.  So a rule cut in two is joined again, and a rule
 * that ended is written as the RDATEs of its onsets.
 */

/* The local time of a bounded rule's UNTIL in observance obs. */
static struct icaltimetype
local_until(icalcomponent *obs, struct icalrecurrencetype rule)
{
	icalproperty *from;

	/* UNTIL is UTC: in local time it falls at the offset before. */
	from = icalcomponent_get_first_property(obs,
	    ICAL_TZOFFSETFROM_PROPERTY);
	if (!rule.until.is_date && icaltime_is_utc(rule.until) &&
	    from != NULL) {
		icaltime_adjust(&rule.until, 0, 0, 0,
		    icalproperty_get_tzoffsetfrom(from));
		rule.until.zone = NULL;
	}
	return rule.until;
}

/* The onset (DTSTART) of an observance, or a null time. */
static struct icaltimetype
onset(icalcomponent *obs)
{
	icalproperty *p;

	p = icalcomponent_get_first_property(obs, ICAL_DTSTART_PROPERTY);
	return p != NULL ? icalproperty_get_dtstart(p) : icaltime_null_time();
}

/* True when two observances name the same offsets and abbreviation. */
static int
same_observance(icalcomponent *a, icalcomponent *b)
{
	static const icalproperty_kind kinds[] = {
		ICAL_TZOFFSETFROM_PROPERTY, ICAL_TZOFFSETTO_PROPERTY,
		ICAL_TZNAME_PROPERTY
	};
	icalproperty *pa, *pb;
	char *va, *vb;
	size_t i;
	int same = 1;

	if (icalcomponent_isa(a) != icalcomponent_isa(b))
		return 0;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && same; i++) {
		pa = icalcomponent_get_first_property(a, kinds[i]);
		pb = icalcomponent_get_first_property(b, kinds[i]);
		if (pa == NULL || pb == NULL) {
			same = pa == pb;
			continue;
		}
		va = icalproperty_get_value_as_string_r(pa);
		vb = icalproperty_get_value_as_string_r(pb);
		same = va != NULL && vb != NULL && strcmp(va, vb) == 0;
		free(va);
		free(vb);
	}
	return same;
}

/*
 * True when b's unbounded rule carries on a's bounded one: the same
 * rule but for UNTIL, and b's onset the rule's next after a's last.
 */
static int
carries_on(icalcomponent *a, icalproperty *ra, icalcomponent *b,
    icalproperty *rb)
{
	struct icalrecurrencetype rule = icalproperty_get_rrule(ra);
	struct icalrecurrencetype other = icalproperty_get_rrule(rb);
	struct icaltimetype until, next, t;
	icalrecur_iterator *it;
	char *sa, *sb;
	int n = 0, same;

	if (!same_observance(a, b))
		return 0;
	until = local_until(a, rule);
	rule.until = icaltime_null_time();
	sa = icalrecurrencetype_as_string_r(&rule);
	sb = icalrecurrencetype_as_string_r(&other);
	same = sa != NULL && sb != NULL && strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	if (!same || (it = icalrecur_iterator_new(rule, onset(a))) == NULL)
		return 0;
	next = onset(b);
	same = 0;
	for (t = icalrecur_iterator_next(it); !icaltime_is_null_time(t) &&
	    ++n <= RULE_OCCURRENCES_MAX; t = icalrecur_iterator_next(it))
		if (icaltime_compare(t, until) > 0) {
			same = icaltime_compare(t, next) == 0;
			break;
		}
	icalrecur_iterator_free(it);
	return same;
}

/* The first RRULE of obs that is bounded (bounded) or not, or NULL. */
static icalproperty *
find_rule(icalcomponent *obs, int bounded)
{
	icalproperty *p;

	for (p = icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY);
	    p != NULL;
	    p = icalcomponent_get_next_property(obs, ICAL_RRULE_PROPERTY))
		if (icaltime_is_null_time(icalproperty_get_rrule(p).until) ==
		    !bounded)
			return p;
	return NULL;
}

/*
 * Joins one rule cut in two in vtz: the first part loses its UNTIL and
 * the second goes.  Returns whether it found one.
 */
static int
join_rule(icalcomponent *vtz)
{
	struct icalrecurrencetype rule;
	icalcompiter ia, ib;
	icalcomponent *a, *b;
	icalproperty *ra, *rb;

	ia = icalcomponent_begin_component(vtz, ICAL_ANY_COMPONENT);
	for (a = icalcompiter_deref(&ia); a != NULL;
	    a = icalcompiter_next(&ia)) {
		if ((ra = find_rule(a, 1)) == NULL)
			continue;
		ib = icalcomponent_begin_component(vtz, ICAL_ANY_COMPONENT);
		for (b = icalcompiter_deref(&ib); b != NULL;
		    b = icalcompiter_next(&ib)) {
			if (b == a || (rb = find_rule(b, 0)) == NULL ||
			    !carries_on(a, ra, b, rb))
				continue;
			rule = icalproperty_get_rrule(ra);
			rule.until = icaltime_null_time();
			icalproperty_set_rrule(ra, rule);
			icalcomponent_remove_component(vtz, b);
			icalcomponent_free(b);
			return 1;
		}
	}
	return 0;
}

/*
 * Rewrites the bounded RRULE rrule of observance obs as RDATEs, one for
 * each onset.  The first onset, DTSTART's, is an RDATE too: ical.js,
 * Android and older libical drop DTSTART from an observance with RDATEs.
 * Returns 0, TL_ENOMEM, or TL_ELIMIT for a rule with too many onsets.
 */
static int
unroll_rule(icalcomponent *obs, icalproperty *rrule)
{
	struct icalrecurrencetype rule = icalproperty_get_rrule(rrule);
	struct icaldatetimeperiodtype when;
	struct icaltimetype t;
	icalrecur_iterator *it;
	icalproperty *rdate;
	int n = 0, error = 0;

	rule.until = local_until(obs, rule);
	if ((it = icalrecur_iterator_new(rule, onset(obs))) == NULL)
		return TL_ENOMEM;
	when.period = icalperiodtype_null_period();
	for (t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
	    t = icalrecur_iterator_next(it)) {
		if (++n > RULE_OCCURRENCES_MAX) {
			error = TL_ELIMIT;
			break;
		}
		when.time = t;
		if ((rdate = icalproperty_new_rdate(when)) == NULL) {
			error = TL_ENOMEM;
			break;
		}
		icalcomponent_add_property(obs, rdate);
	}
	icalrecur_iterator_free(it);
	if (error == 0) {
		icalcomponent_remove_property(obs, rrule);
		icalproperty_free(rrule);
	}
	return error;
}

/* Leaves vtz with no bounded RRULE, saying the same (see above). */
static int
settle_rules(icalcomponent *vtz)
{
	icalcomponent *obs;
	icalproperty *p;
	int error;

	while (join_rule(vtz))
		;
	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		while ((p = find_rule(obs, 1)) != NULL)
			if ((error = unroll_rule(obs, p)) < 0)
				return error;
	return 0;
}

/*
 * Writes the VTIMEZONE of zone z under its plain IANA name, with the
 * rules from its first event's year on (libical would name it
 * "/freeassociation.sourceforge.net/..." and give its whole history).
 */
static int
put_vtimezone(struct ics *w, const struct zone_use *z)
{
	struct icaltimetype start;
	icalcomponent *vtz;
	icalproperty *tzid;
	int year, month, mday, error;

	icalerror_set_errors_are_fatal(0);
	/* The file was found by tl_zone_check(); it may have gone since. */
	if ((vtz = icaltzutil_fetch_timezone(z->name)) == NULL) {
		icalerror_clear_errno();
		return TL_EIO;
	}
	tl_day_to_ymd(z->first_day, &year, &month, &mday);
	if (year > ZONE_RULES_SETTLED)
		year = ZONE_RULES_SETTLED;
	if (year > 1) {
		/* From a day early, so that no event's day starts uncovered. */
		start = icaltime_null_time();
		start.year = year - 1;
		start.month = 12;
		start.day = 31;
		start.zone = icaltimezone_get_utc_timezone();
		icaltimezone_truncate_vtimezone(vtz, start,
		    icaltime_null_time(), 0);
	}
	tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (tzid != NULL)
		icalproperty_set_tzid(tzid, z->name);
	if ((error = settle_rules(vtz)) == 0)
		error = put_component(w, vtz);
	icalcomponent_free(vtz);
	icalerror_clear_errno();
	return error;
}

/* True when m has a time of day in a zone. */
static int
is_timed(const struct tl_milestone *m)
{
	return m->time >= 0 && m->time < 24 * 60 && tl_milestone_timezone(m) != NULL &&
	    m->window.precision == TL_PREC_DAY;
}

static int
zone_cmp(const void *a, const void *b)
{
	return strcmp(((const struct zone_use *)a)->name,
	    ((const struct zone_use *)b)->name);
}

/*
 * Checks that every milestone can be written, and lists the zones used
 * in *zones (by name, *nzones of them; free it).  Returns TL_EEMPTY,
 * TL_ERANGE (a window ends on 9999-12-31), TL_EINVAL (an unknown zone),
 * TL_ENOMEM, or 0.
 */
static int
survey(const struct tl_selection *sel, struct zone_use **zones, size_t *nzones)
{
	const struct tl_milestone *m;
	struct zone_use *list = NULL, *grown;
	size_t i, j, n = 0, cap = 0;
	int error = 0;

	if (tl_selection_count(sel) == 0) {
		error = TL_EEMPTY;
		goto out;
	}
	for (i = 0; i < tl_selection_count(sel); i++) {
		m = tl_selection_milestone(sel, i);
		if (m->window.end >= TL_DAY_MAX) {
			error = TL_ERANGE;
			goto out;
		}
		if (m->window.start < TL_DAY_MIN ||
		    m->window.start > m->window.end) {
			error = TL_EINVAL;
			goto out;
		}
		if (!is_timed(m))
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(list[j].name, tl_milestone_timezone(m)) == 0)
				break;
		if (j == n) {
			/* Its name goes to the file system: check it first. */
			if (tl_zone_check(tl_milestone_timezone(m), m->window.start,
			    m->time) == TL_ZONE_UNKNOWN) {
				error = TL_EINVAL;
				goto out;
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				grown = realloc(list, cap * sizeof(*list));
				if (grown == NULL) {
					error = TL_ENOMEM;
					goto out;
				}
				list = grown;
			}
			list[n].name = tl_milestone_timezone(m);
			list[n].first_day = m->window.start;
			n++;
		}
		if (m->window.start < list[j].first_day)
			list[j].first_day = m->window.start;
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), zone_cmp);
out:
	if (error < 0) {
		free(list);
		list = NULL;
		n = 0;
	}
	*zones = list;
	*nzones = n;
	return error;
}

/* Appends a day as "2026-05-31". */
static int
append_day(struct buf *b, int32_t day)
{
	char s[16];

	return buf_put(b, s, tl_day_format(s, sizeof(s), day));
}

/*
 * Appends the date as written, in X-TIMELINE-DATE's form ("~2026-12",
 * "2026-Q3/2027-H1", "after:tokyo-summit ~1y") or, with words, as the
 * description gives it ("2026-Q3 to 2027-H1", "~1y after tokyo-summit").
 */
static int
append_written(struct buf *b, const struct tl_milestone *m, int words)
{
	const char *date = tl_milestone_date(m);
	const char *end = tl_milestone_end(m) ? tl_milestone_end(m) : "";
	int error;

	switch (m->date_kind) {
	case TL_DATE_RANGE:
		if ((error = buf_puts(b, date)) < 0 ||
		    (error = buf_puts(b, words ? " to " : "/")) < 0)
			return error;
		return buf_puts(b, end);
	case TL_DATE_RELATIVE:
		if (words) {
			if ((error = buf_puts(b, end)) < 0 ||
			    (error = buf_puts(b,
			    tl_milestone_before(m) ? " before " : " after ")) < 0)
				return error;
			return buf_puts(b, date);
		}
		if ((error = buf_puts(b,
		    tl_milestone_before(m) ? "before:" : "after:")) < 0 ||
		    (error = buf_puts(b, date)) < 0 ||
		    (error = buf_put(b, " ", 1)) < 0)
			return error;
		return buf_puts(b, end);
	default:
		return buf_puts(b, date);
	}
}

/* True when a date is a day written without ~: no words are added. */
static int
is_exact_day(const struct tl_milestone *m)
{
	return m->window.precision == TL_PREC_DAY &&
	    !(m->window.flags & TL_WIN_APPROX);
}

/*
 * The DESCRIPTION: the milestone's own description, then the date as
 * written with its window, the day it was noted, earlier estimates and
 * links, one to a line.
 */
static int
put_description(struct ics *w, const struct tl_milestone *m)
{
	struct buf *b = &w->value;
	const char *desc = tl_milestone_description(m);
	struct tl_history entry, *h = &entry;
	char hm[16];
	size_t i, len;
	int error;

	if ((error = buf_clear(b)) < 0)
		return error;
	if (desc != NULL) {
		len = strlen(desc);
		while (len > 0 && (desc[len - 1] == '\n' ||
		    desc[len - 1] == '\r'))
			len--;
		if (len > 0 && ((error = buf_put(b, desc, len)) < 0 ||
		    (error = buf_puts(b, "\n\n")) < 0))
			return error;
	}
	if ((error = buf_puts(b, "Date: ")) < 0 ||
	    (error = append_written(b, m, 1)) < 0)
		return error;
	if (is_timed(m)) {
		snprintf(hm, sizeof(hm), " %02d:%02d", m->time / 60,
		    m->time % 60);
		if ((error = buf_puts(b, hm)) < 0 ||
		    (error = buf_put(b, " ", 1)) < 0 ||
		    (error = buf_puts(b, tl_milestone_timezone(m))) < 0)
			return error;
	}
	if (!(is_exact_day(m) && m->date_kind == TL_DATE_PLAIN)) {
		if ((error = buf_puts(b, " (")) < 0 ||
		    (error = append_day(b, m->window.start)) < 0)
			return error;
		if (m->window.end != m->window.start &&
		    ((error = buf_puts(b, " to ")) < 0 ||
		    (error = append_day(b, m->window.end)) < 0))
			return error;
		if ((m->window.flags & TL_WIN_APPROX) &&
		    (error = buf_puts(b, ", approximate")) < 0)
			return error;
		if ((error = buf_put(b, ")", 1)) < 0)
			return error;
	}
	if (m->noted != TL_DAY_NONE &&
	    ((error = buf_puts(b, "\nNoted: ")) < 0 ||
	    (error = append_day(b, m->noted)) < 0))
		return error;
	for (i = 0; i < m->nhistory; i++) {
		tl_milestone_history(m, i, &entry);
		if ((error = buf_puts(b, "\nEarlier estimate: ")) < 0 ||
		    (error = buf_puts(b, h->date ? h->date : "")) < 0)
			return error;
		if (h->noted != TL_DAY_NONE &&
		    ((error = buf_puts(b, ", noted ")) < 0 ||
		    (error = append_day(b, h->noted)) < 0))
			return error;
	}
	for (i = 0; i < m->nlinks; i++)
		if ((error = buf_puts(b, "\nLink: ")) < 0 ||
		    (error = buf_puts(b, tl_milestone_link(m, i))) < 0)
			return error;
	return put_text(w, "DESCRIPTION", b->data, 1);
}

/* SUMMARY: the title, and the date in words unless it is an exact day. */
static int
put_summary(struct ics *w, const struct tl_milestone *m)
{
	char when[128];
	int error;

	if ((error = buf_clear(&w->value)) < 0 ||
	    (error = buf_puts(&w->value, tl_milestone_title(m))) < 0)
		return error;
	if (!is_exact_day(m)) {
		tl_window_words(when, sizeof(when), &m->window, 1);
		if ((error = buf_puts(&w->value, " (")) < 0 ||
		    (error = buf_puts(&w->value, when)) < 0 ||
		    (error = buf_put(&w->value, ")", 1)) < 0)
			return error;
	}
	return put_text(w, "SUMMARY", w->value.data, 0);
}

/* DTSTART and DTEND: the days the event covers, or its hour. */
static int
put_when(struct ics *w, const struct tl_milestone *m,
    enum tl_ics_spans spans)
{
	int32_t day = m->window.start, last;
	int end, whole, error;

	if (is_timed(m)) {
		if ((error = buf_clear(&w->value)) < 0 ||
		    (error = buf_puts(&w->value, "DTSTART;TZID=")) < 0 ||
		    (error = buf_puts(&w->value, tl_milestone_timezone(m))) < 0 ||
		    (error = put_time(w, w->value.data, day, m->time)) < 0)
			return error;
		/* An hour later on the wall clock, maybe the next day. */
		end = m->time + 60;
		if (end >= 24 * 60) {
			end -= 24 * 60;
			day++;
		}
		if ((error = buf_clear(&w->value)) < 0 ||
		    (error = buf_puts(&w->value, "DTEND;TZID=")) < 0 ||
		    (error = buf_puts(&w->value, tl_milestone_timezone(m))) < 0)
			return error;
		return put_time(w, w->value.data, day, end);
	}
	switch (spans) {
	case TL_ICS_SPANS_ALWAYS:
		whole = 1;
		break;
	case TL_ICS_SPANS_NEVER:
		whole = 0;
		break;
	default:
		/* No banner for months: a wide single date is its first day. */
		whole = m->window.precision == TL_PREC_RANGE ||
		    m->window.precision == TL_PREC_DAY ||
		    m->window.precision == TL_PREC_MONTH;
		break;
	}
	last = whole ? m->window.end : m->window.start;
	if ((error = put_time(w, "DTSTART;VALUE=DATE", day, -1)) < 0)
		return error;
	return put_time(w, "DTEND;VALUE=DATE", last + 1, -1);
}

/* CATEGORIES: the tags, each escaped, joined by commas. */
static int
put_categories(struct ics *w, const struct tl_milestone *m)
{
	size_t i;
	int error;

	if ((error = buf_clear(&w->scratch)) < 0)
		return error;
	for (i = 0; i < m->ntags; i++) {
		if ((i > 0 && (error = buf_put(&w->scratch, ",", 1)) < 0) ||
		    (error = clean_text(&w->text, tl_milestone_tag(m, i), 0)) < 0 ||
		    (error = append_escaped(&w->scratch, w->text.data)) < 0)
			return error;
	}
	return put(w, "CATEGORIES", w->scratch.data);
}

static const char *
status_value(uint8_t status)
{
	switch (status) {
	case TL_STATUS_DONE:
		return "CONFIRMED";
	case TL_STATUS_CANCELLED:
		return "CANCELLED";
	default:
		return "TENTATIVE";
	}
}

/* Writes the VEVENT of m. */
static int
put_event(struct ics *w, const struct tl_milestone *m,
    const struct tl_ics_options *opts, const char *dtstamp)
{
	char seq[16];
	int error;

	if ((error = put(w, "BEGIN", "VEVENT")) < 0)
		return error;
	/* UID: ID@TIMELINE.timeline, stable across exports. */
	if ((error = buf_clear(&w->value)) < 0 ||
	    (error = buf_puts(&w->value, tl_milestone_id(m))) < 0 ||
	    (error = buf_put(&w->value, "@", 1)) < 0 ||
	    (error = buf_puts(&w->value, m->timeline->name)) < 0 ||
	    (error = buf_puts(&w->value, ".timeline")) < 0 ||
	    (error = put_text(w, "UID", w->value.data, 0)) < 0)
		return error;
	snprintf(seq, sizeof(seq), "%u", (unsigned)m->nhistory);
	if ((error = put(w, "SEQUENCE", seq)) < 0 ||
	    (error = put(w, "DTSTAMP", dtstamp)) < 0 ||
	    (error = put_when(w, m, opts->spans)) < 0 ||
	    (error = put_summary(w, m)) < 0 ||
	    (error = put_description(w, m)) < 0)
		return error;
	if (tl_milestone_location(m) != NULL && (error = put_text(w,
	    "LOCATION", tl_milestone_location(m), 0)) < 0)
		return error;
	if (m->nlinks > 0) {
		/* A URI is not escaped; a clean one holds no line break. */
		if ((error = clean_text(&w->text, tl_milestone_link(m, 0), 0)) < 0 ||
		    (error = put(w, "URL", w->text.data)) < 0)
			return error;
	}
	if (m->ntags > 0 && (error = put_categories(w, m)) < 0)
		return error;
	if ((error = buf_clear(&w->value)) < 0 ||
	    (error = append_written(&w->value, m, 0)) < 0 ||
	    (error = put_text(w, X_TEXT("X-TIMELINE-DATE"), w->value.data,
	    0)) < 0)
		return error;
	if ((error = put(w, "STATUS", status_value(m->status))) < 0 ||
	    (error = put(w, "TRANSP", "TRANSPARENT")) < 0)
		return error;
	return put(w, "END", "VEVENT");
}

/*
 * Formats opts->dtstamp as a UTC DATE-TIME into *out (free it).  Returns
 * TL_EINVAL for an instant outside years 0001-9999.
 */
static int
format_dtstamp(char **out, int64_t stamp)
{
	struct icaltimetype t;
	int64_t days = stamp / 86400, secs = stamp % 86400, day;
	int year, month, mday;

	*out = NULL;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	day = days + tl_day_from_ymd(1970, 1, 1);
	if (day < TL_DAY_MIN || day > TL_DAY_MAX)
		return TL_EINVAL;
	tl_day_to_ymd((int32_t)day, &year, &month, &mday);
	t = icaltime_null_time();
	t.year = year;
	t.month = month;
	t.day = mday;
	t.hour = (int)(secs / 3600);
	t.minute = (int)(secs / 60 % 60);
	t.second = (int)(secs % 60);
	t.zone = icaltimezone_get_utc_timezone();
	if ((*out = icaltime_as_ical_string_r(t)) == NULL)
		return TL_ENOMEM;
	return 0;
}

/* The calendar's header: what it is and what it is called. */
static int
put_header(struct ics *w, const struct tl_selection *sel)
{
	const struct tl_timeline *t = tl_selection_milestone(sel, 0)->timeline;
	const char *name;
	size_t i;
	int error;

	for (i = 1; i < tl_selection_count(sel); i++)
		if (tl_selection_milestone(sel, i)->timeline != t) {
			t = NULL;
			break;
		}
	if (t == NULL)
		name = "Timeline";
	else
		name = t->title != NULL ? t->title : t->name;
	if ((error = put(w, "BEGIN", "VCALENDAR")) < 0 ||
	    (error = put(w, "VERSION", "2.0")) < 0 ||
	    (error = buf_clear(&w->value)) < 0 ||
	    (error = buf_puts(&w->value, "-//timeline//timeline ")) < 0 ||
	    (error = buf_puts(&w->value, tl_version())) < 0 ||
	    (error = buf_puts(&w->value, "//EN")) < 0 ||
	    (error = put_text(w, "PRODID", w->value.data, 0)) < 0 ||
	    (error = put(w, "CALSCALE", "GREGORIAN")) < 0 ||
	    (error = put_text(w, X_TEXT("NAME"), name, 0)) < 0 ||
	    (error = put_text(w, X_TEXT("X-WR-CALNAME"), name, 0)) < 0)
		return error;
	if (t != NULL && t->description != NULL)
		return put_text(w, X_TEXT("X-WR-CALDESC"),
		    t->description, 1);
	return 0;
}

int
tl_ics_options_init(struct tl_ics_options *opts, unsigned version)
{
	struct tl_ics_options init = TL_ICS_OPTIONS_INIT;

	if (version != TL_ICS_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = init;
	return 0;
}

int
tl_export_ics(FILE *out, const struct tl_selection *sel,
    const struct tl_ics_options *opts)
{
	static const struct tl_ics_options defaults = TL_ICS_OPTIONS_INIT;
	struct ics w;
	struct zone_use *zones = NULL;
	size_t i, nzones = 0;
	char *dtstamp = NULL;
	int error;

	memset(&w, 0, sizeof(w));
	w.out = out;
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != TL_ICS_OPTIONS_VERSION)
		return TL_EINVAL;
	icalerror_set_errors_are_fatal(0);
	if ((error = survey(sel, &zones, &nzones)) < 0)
		goto out;
	if ((error = format_dtstamp(&dtstamp, opts->dtstamp)) < 0)
		goto out;
	if ((error = put_header(&w, sel)) < 0)
		goto out;
	for (i = 0; i < nzones; i++)
		if ((error = put_vtimezone(&w, &zones[i])) < 0)
			goto out;
	for (i = 0; i < tl_selection_count(sel); i++) {
		if ((error = put_event(&w, tl_selection_milestone(sel, i), opts,
		    dtstamp)) < 0)
			goto out;
		if (ferror(out)) {
			error = TL_EIO;
			goto out;
		}
	}
	if ((error = put(&w, "END", "VCALENDAR")) < 0)
		goto out;
	if (fflush(out) != 0 || ferror(out))
		error = TL_EIO;
out:
	free(dtstamp);
	free(zones);
	buf_dispose(&w.value);
	buf_dispose(&w.text);
	buf_dispose(&w.scratch);
	buf_dispose(&w.line);
	return error;
}

int
tl_export_ics_check(const struct tl_selection *sel,
    const struct tl_ics_options *opts, struct tl_diags *diags)
{
	const struct tl_milestone *m;
	char quoted[TL_QUOTE_SIZE];
	size_t i;
	int error;

	if (opts != NULL && opts->version != TL_ICS_OPTIONS_VERSION)
		return TL_EINVAL;
	for (i = 0; i < tl_selection_count(sel); i++) {
		m = tl_selection_milestone(sel, i);
		if (m->window.end != TL_DAY_MAX)
			continue;
		tl_diags_quote(quoted, m->text, strlen(m->text));
		error = tl_diags_add(diags, TL_LEVEL_ERROR, "ics-end-of-time",
		    m->timeline->file, tl_ms_file_index(m), m->line, m->col,
		    "'%s' ends on 9999-12-31: iCalendar has no day after it "
		    "to end the event", quoted);
		if (error < 0)
			return error;
	}
	return 0;
}
