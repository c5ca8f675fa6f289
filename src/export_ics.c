/*
 * The iCalendar exporter (SPEC section 6): one VCALENDAR holding a
 * VTIMEZONE for each zone used and a VEVENT for each milestone.
 *
 * Values are built with libical; content lines are written here, one
 * property at a time, because libical 3.0 leaves control characters in
 * some values and folds lines where it likes.  Nothing but the zones
 * used and the SEQUENCE of relative milestones is held in memory: each
 * event is written as it is made.  Milestones are read only through
 * their public accessors (timeline/set.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "timeline/timeline.h"
#include "buf.h"
#include "utf8.h"
#include "tzif.h"
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

/* The last year whose times libical writes (later ones come out as 0). */
#define ZONE_ONSETS_LAST 3000

/* The highest SEQUENCE written: RFC 5545's INTEGER is 32 bits. */
#define SEQUENCE_MAX INT32_MAX

/* A SEQUENCE being found, in struct seq_memo: the path is a cycle. */
#define SEQUENCE_BUSY UINT32_MAX

/* Seconds in a day. */
#define DAY_SECONDS 86400

/*
 * A zone used by timed milestones: its name as written, the name the
 * calendar gives it (the current one for an old name: calendar servers
 * that know zones by their current names read others as UTC), and the
 * days of its first and last events.
 */
struct zone_use {
	const char *name;
	char tzid[TL_ZONE_NAME_SIZE];
	int32_t first_day, last_day;
};

/*
 * The SEQUENCE of each relative milestone met so far, by its address
 * (open addressing, cap a power of two, at most half full), and the
 * path of references being followed.  Each relative milestone is
 * followed once, so a chain of any length costs its length once.
 */
struct seq_memo {
	const struct tl_milestone **keys;	/* NULL: a free slot */
	uint32_t *values;
	size_t cap, count;
	const struct tl_milestone **path;
	size_t pathcap;
};

/* How an event is timed, as written. */
enum when_kind {
	WHEN_DAYS,		/* all day: DATE values, DTEND exclusive */
	WHEN_LOCAL,		/* wall-clock time with TZID */
	WHEN_UTC		/* UTC: a time that occurs twice */
};

/* DTSTART and DTEND of an event. */
struct when {
	enum when_kind kind;
	int32_t day, end_day;	/* days (see date.h) */
	int32_t sec, end_sec;	/* seconds into the day; unused for DAYS */
	int end_utc;		/* LOCAL: DTEND in UTC, not on the wall clock */
	int out_of_utc;		/* TL_ERANGE of a time: it is in 0001-9999 on
				   the wall clock, not in UTC (-1: before,
				   1: after) */
};

/*
 * The writer's buffers, each with one use, kept from line to line so
 * that writing allocates only while a line is longer than any before.
 */
struct ics {
	FILE *out;
	struct tl_buf value;	/* a value being put together, raw */
	struct tl_buf text;	/* text, cleaned */
	struct tl_buf scratch;	/* a value, escaped, or a property's name */
	struct tl_buf line;	/* the content line being written */
	struct seq_memo seq;
	struct tl_zone_memo zones;	/* of timed milestones, each found once */
	struct tl_history *history;	/* a milestone's, read at once */
	size_t history_cap;
	const struct zone_use *uses;	/* by name */
	size_t nuses;
};

/*
 * Copies untrusted text into b as iCalendar text may hold it: invalid
 * UTF-8 and control characters become U+FFFD.  A multi-line text keeps
 * LF and tab (but no LF at its end), and a CR just before an LF is
 * dropped.  The checker refuses all of these already; this keeps a set
 * that skipped it from writing a raw line break into the file.
 */
static int
clean_text(struct tl_buf *b, const char *s, int multiline)
{
	size_t i, n, len;
	uint32_t cp;
	int error;

	if ((error = tl_buf_clear(b)) < 0)
		return error;
	len = s ? strlen(s) : 0;
	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (multiline && cp == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		if (cp == TL_UTF8_INVALID || (tl_is_control(cp) &&
		    !(multiline && (cp == '\n' || cp == '\t'))))
			error = tl_buf_puts(b, REPLACEMENT);
		else
			error = tl_buf_put(b, s + i, n);
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

	if ((error = tl_buf_clear(&w->line)) < 0 ||
	    (error = tl_buf_puts(&w->line, name)) < 0 ||
	    (error = tl_buf_put(&w->line, ":", 1)) < 0 ||
	    (error = tl_buf_puts(&w->line, value)) < 0)
		return error;
	write_folded(w->out, w->line.data, w->line.len);
	return 0;
}

/* Whether c is a hexadecimal digit. */
static int
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
	    (c >= 'a' && c <= 'f');
}

/*
 * Appends a link to b as a URI (RFC 3986): the bytes of letters beyond
 * ASCII, the characters a URI never holds (space, " < > \\ ^ ` { | }), a
 * '%' that starts no escape and a '#' after the fragment's, as %XX; the
 * rest, the link's own escapes included, as written.
 */
static int
append_uri(struct tl_buf *b, const char *link)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char esc[3];
	int error = 0, fragment = 0, keep;

	for (p = (const unsigned char *)link; *p != '\0' && error == 0; p++) {
		keep = *p > 0x20 && *p < 0x7f &&
		    strchr("\"<>\\^`{|}", *p) == NULL;
		if (*p == '%' && !(is_hex(p[1]) && is_hex(p[2])))
			keep = 0;
		if (*p == '#' && fragment++ > 0)
			keep = 0;
		if (keep) {
			error = tl_buf_put(b, (const char *)p, 1);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[*p >> 4];
		esc[2] = hex[*p & 15];
		error = tl_buf_put(b, esc, 3);
	}
	return error;
}

/*
 * Escapes text, already clean, as a TEXT value (\\ \; \, \n) by way of
 * libical, and appends it to b.
 */
static int
append_escaped(struct tl_buf *b, const char *text)
{
	icalvalue *v;
	char *s = NULL;
	int error = TL_ENOMEM;

	if ((v = icalvalue_new_text(text)) == NULL)
		goto out;
	if ((s = icalvalue_as_ical_string_r(v)) == NULL)
		goto out;
	error = tl_buf_puts(b, s);
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
	    (error = tl_buf_clear(&w->scratch)) < 0 ||
	    (error = append_escaped(&w->scratch, w->text.data)) < 0)
		return error;
	return put(w, name, w->scratch.data);
}

/*
 * Writes a DATE (sec < 0) or a DATE-TIME value of day at sec seconds
 * into it, local or (utc) in UTC, formatted by libical.
 */
static int
put_time(struct ics *w, const char *name, int32_t day, int32_t sec, int utc)
{
	struct icaltimetype t;
	char *s;
	int year, month, mday, error;

	tl_day_to_ymd(day, &year, &month, &mday);
	t = sec < 0 ? icaltime_null_date() : icaltime_null_time();
	t.year = year;
	t.month = month;
	t.day = mday;
	if (sec >= 0) {
		t.hour = sec / 3600;
		t.minute = sec / 60 % 60;
		t.second = sec % 60;
		if (utc)
			t.zone = icaltimezone_get_utc_timezone();
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

	if ((error = tl_buf_clear(&w->scratch)) < 0)
		return error;
	if ((s = icalproperty_get_property_name_r(p)) == NULL)
		return TL_ENOMEM;
	error = tl_buf_puts(&w->scratch, s);
	free(s);
	for (param = icalproperty_get_first_parameter(p, ICAL_ANY_PARAMETER);
	    param != NULL && error == 0;
	    param = icalproperty_get_next_parameter(p, ICAL_ANY_PARAMETER)) {
		if ((s = icalparameter_as_ical_string_r(param)) == NULL)
			return TL_ENOMEM;
		if ((error = tl_buf_put(&w->scratch, ";", 1)) == 0)
			error = tl_buf_puts(&w->scratch, s);
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

/* True when t is one of the RDATEs of observance obs. */
static int
has_rdate(icalcomponent *obs, struct icaltimetype t)
{
	struct icaldatetimeperiodtype when;
	icalproperty *p;

	for (p = icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY);
	    p != NULL;
	    p = icalcomponent_get_next_property(obs, ICAL_RDATE_PROPERTY)) {
		when = icalproperty_get_rdate(p);
		if (!icaltime_is_null_time(when.time) &&
		    icaltime_compare(when.time, t) == 0)
			return 1;
	}
	return 0;
}

/*
 * Adds t to the RDATEs of observance obs, after the others, unless it is
 * one of them already.  Returns 0 or TL_ENOMEM.
 */
static int
add_rdate(icalcomponent *obs, struct icaltimetype t)
{
	struct icaldatetimeperiodtype when;
	icalproperty *rdate;

	if (has_rdate(obs, t))
		return 0;
	when.time = t;
	when.period = icalperiodtype_null_period();
	if ((rdate = icalproperty_new_rdate(when)) == NULL)
		return TL_ENOMEM;
	icalcomponent_add_property(obs, rdate);
	return 0;
}

/*
 * Rewrites the bounded RRULE rrule of observance obs as RDATEs, one for
 * each onset, DTSTART's first.  Returns 0, TL_ENOMEM, or TL_ELIMIT for
 * a rule with too many onsets.
 */
static int
unroll_rule(icalcomponent *obs, icalproperty *rrule)
{
	struct icalrecurrencetype rule = icalproperty_get_rrule(rrule);
	struct icaltimetype t;
	icalrecur_iterator *it;
	int n = 0, error = 0;

	rule.until = local_until(obs, rule);
	if ((it = icalrecur_iterator_new(rule, onset(obs))) == NULL)
		return TL_ENOMEM;
	for (t = icalrecur_iterator_next(it); !icaltime_is_null_time(t);
	    t = icalrecur_iterator_next(it)) {
		if (++n > RULE_OCCURRENCES_MAX) {
			error = TL_ELIMIT;
			break;
		}
		if ((error = add_rdate(obs, t)) < 0)
			break;
	}
	icalrecur_iterator_free(it);
	if (error == 0) {
		icalcomponent_remove_property(obs, rrule);
		icalproperty_free(rrule);
	}
	return error;
}

/*
 * Makes the onset of observance obs one of its RDATEs, the first, when
 * it has any.  RFC 5545 counts DTSTART as an onset whatever else is
 * listed, but ical.js (so Thunderbird), Android and older libical read
 * only the RDATEs of an observance that has them, and would miss the
 * first change; libical's truncation of a zone leaves such observances
 * wherever a zone's changes follow no yearly rule.  Returns 0 or
 * TL_ENOMEM.
 */
static int
list_onset(icalcomponent *obs)
{
	icalproperty *p;
	size_t i, n = 0;
	int error;

	for (p = icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY);
	    p != NULL;
	    p = icalcomponent_get_next_property(obs, ICAL_RDATE_PROPERTY))
		n++;
	if (n == 0 || has_rdate(obs, onset(obs)))
		return 0;
	if ((error = add_rdate(obs, onset(obs))) < 0)
		return error;
	/* The others after it, in their order: libical only appends. */
	for (i = 0; i < n; i++) {
		p = icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY);
		icalcomponent_remove_property(obs, p);
		icalcomponent_add_property(obs, p);
	}
	return 0;
}

/*
 * Leaves vtz with no bounded RRULE, saying the same (see above), and
 * with the onset of every observance that has RDATEs among them.
 */
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
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		while ((p = find_rule(obs, 1)) != NULL)
			if ((error = unroll_rule(obs, p)) < 0)
				return error;
		if ((error = list_onset(obs)) < 0)
			return error;
	}
	return 0;
}

/* True when obs changes nothing: TZOFFSETFROM equals TZOFFSETTO, and it
 * has no rule or list of dates. */
static int
changes_nothing(icalcomponent *obs)
{
	icalproperty *from, *to;

	from = icalcomponent_get_first_property(obs,
	    ICAL_TZOFFSETFROM_PROPERTY);
	to = icalcomponent_get_first_property(obs, ICAL_TZOFFSETTO_PROPERTY);
	return from != NULL && to != NULL &&
	    icalproperty_get_tzoffsetfrom(from) ==
	    icalproperty_get_tzoffsetto(to) &&
	    icalcomponent_get_first_property(obs, ICAL_RRULE_PROPERTY) ==
	    NULL &&
	    icalcomponent_get_first_property(obs, ICAL_RDATE_PROPERTY) == NULL;
}

/*
 * libical's truncation puts first an observance that only says the
 * offset at its start.  Where the zone's own changes begin by 'by'
 * anyway (a zone with summer time, truncated a year before its first
 * event's), that observance goes, and the zone reads as calendar
 * programs write one: a STANDARD and a DAYLIGHT, each with its rule.
 * Readers that take only one of each (npm's icalendar, reputedly
 * Outlook), or misread a rule that starts in the year of the event
 * (ts-ics), then read it right.  A zone that never changes keeps its
 * one observance.
 */
static void
drop_lead(icalcomponent *vtz, struct icaltimetype by)
{
	icalcomponent *obs, *lead = NULL;
	int early = 0;

	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		if (lead == NULL || icaltime_compare(onset(obs),
		    onset(lead)) < 0)
			lead = obs;
	}
	if (lead == NULL || !changes_nothing(lead))
		return;
	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		if (obs != lead && icaltime_compare(onset(obs), by) <= 0)
			early = 1;
	if (early) {
		icalcomponent_remove_component(vtz, lead);
		icalcomponent_free(lead);
	}
}

/*
 * Drops the observances after the first that change nothing: tzdata's
 * files end some zones (Asia/Bangkok) with such a change at the end of
 * 32-bit time, 2038-01-19 03:14:07 UTC.  Readers gain nothing from one,
 * and one reader (the icalendar gem of Debian 12) fails on the file.
 */
static void
drop_idle(icalcomponent *vtz)
{
	icalcomponent *obs, *first, *idle;

	do {
		first = idle = NULL;
		for (obs = icalcomponent_get_first_component(vtz,
		    ICAL_ANY_COMPONENT); obs != NULL;
		    obs = icalcomponent_get_next_component(vtz,
		    ICAL_ANY_COMPONENT))
			if (first == NULL || icaltime_compare(onset(obs),
			    onset(first)) < 0)
				first = obs;
		for (obs = icalcomponent_get_first_component(vtz,
		    ICAL_ANY_COMPONENT); obs != NULL && idle == NULL;
		    obs = icalcomponent_get_next_component(vtz,
		    ICAL_ANY_COMPONENT))
			if (obs != first && changes_nothing(obs))
				idle = obs;
		if (idle != NULL) {
			icalcomponent_remove_component(vtz, idle);
			icalcomponent_free(idle);
		}
	} while (idle != NULL);
}

/* The instant of the local time t read as UTC, in seconds since 1970. */
static int64_t
local_seconds(struct icaltimetype t)
{
	return ((int64_t)tl_day_from_ymd(t.year, t.month, t.day) -
	    tl_day_from_ymd(1970, 1, 1)) * DAY_SECONDS + t.hour * 3600 +
	    t.minute * 60 + t.second;
}

/* Splits seconds counted from day 0 into a day and seconds into it. */
static void
split_seconds(int64_t t, int32_t *day, int32_t *sec)
{
	int64_t d = t / DAY_SECONDS, r = t % DAY_SECONDS;

	if (r < 0) {
		r += DAY_SECONDS;
		d--;
	}
	*day = (int32_t)d;
	*sec = (int32_t)r;
}

/*
 * The wall-clock time of instant t (seconds since 1970) at offset, as a
 * local time (libical's conversion goes wrong after about 2582).
 */
static struct icaltimetype
wall_time(int64_t t, int32_t offset)
{
	struct icaltimetype w = icaltime_null_time();
	int32_t day, sec;

	split_seconds(t + offset + (int64_t)tl_day_from_ymd(1970, 1, 1) *
	    DAY_SECONDS, &day, &sec);
	if (day < TL_DAY_MIN || day > TL_DAY_MAX)
		return w;
	tl_day_to_ymd(day, &w.year, &w.month, &w.day);
	w.hour = sec / 3600;
	w.minute = sec / 60 % 60;
	w.second = sec % 60;
	return w;
}

/*
 * Takes onset t of an observance (local, before the change, at offset
 * from) as *best when it is the latest at or before instant at so far;
 * returns whether it did.
 */
static int
consider(struct icaltimetype t, int32_t from, int64_t at, int64_t *best,
    int *found)
{
	int64_t u;

	if (icaltime_is_null_time(t) || t.year < 1 || t.year > 9999)
		return 0;
	u = local_seconds(t) - from;
	if (u > at || (*found && u <= *best))
		return 0;
	*best = u;
	*found = 1;
	return 1;
}

/* Whether day mday of a month of mlen days is the one by_day names. */
static int
weekday_matches(short by_day, int mday, int mlen, int weekday)
{
	int pos = icalrecurrencetype_day_position(by_day);

	/* ICAL_SUNDAY_WEEKDAY is 1; weekday is 0 for Sunday. */
	if ((int)icalrecurrencetype_day_day_of_week(by_day) - 1 != weekday)
		return 0;
	if (pos > 0)
		return (mday - 1) / 7 + 1 == pos;
	if (pos < 0)
		return (mlen - mday) / 7 + 1 == -pos;
	return 1;
}

/* Whether rule r (yearly) falls on day mday of a month of mlen days. */
static int
rule_day(const struct icalrecurrencetype *r, int mday, int mlen,
    int weekday, int start_day)
{
	int i, ok;

	if (r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		for (i = 0, ok = 0; i < ICAL_BY_MONTHDAY_SIZE &&
		    r->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
			ok |= r->by_month_day[i] == mday ||
			    r->by_month_day[i] == mday - mlen - 1;
		if (!ok)
			return 0;
	}
	if (r->by_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
		for (i = 0, ok = 0; i < ICAL_BY_DAY_SIZE &&
		    r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
			ok |= weekday_matches(r->by_day[i], mday, mlen, weekday);
		return ok;
	}
	return r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    mday == start_day;
}

/*
 * Considers (see consider()) each onset in year of the observance that
 * starts at start, at offset from, by its yearly rule r: the rules of
 * time zones give months, weekdays (the last Sunday) and days of the
 * month.  Returns whether one was taken; -1 for a rule of another kind,
 * which this does not read.
 */
static int
consider_rule(const struct icalrecurrencetype *r, struct icaltimetype start,
    int year, int32_t from, int64_t at, int64_t *best, int *found)
{
	struct icaltimetype t = start;
	int i, month, mday, mlen, weekday, took = 0;
	int32_t first;

	if (r->freq != ICAL_YEARLY_RECURRENCE || r->interval > 1 ||
	    r->count != 0 || !icaltime_is_null_time(r->until) ||
	    r->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r->by_week_no[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r->by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r->by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX)
		return -1;
	if (year < start.year || year > 9999)
		return 0;
	for (i = 0; i < ICAL_BY_MONTH_SIZE; i++) {
		if (r->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX)
			month = i == 0 ? start.month : 0;
		else if (r->by_month[i] == ICAL_RECURRENCE_ARRAY_MAX)
			month = 0;
		else
			month = icalrecurrencetype_month_month(r->by_month[i]);
		if (month < 1 || month > 12)
			break;
		mlen = tl_days_in_month(year, month);
		first = tl_day_from_ymd(year, month, 1);
		for (mday = 1; mday <= mlen; mday++) {
			/* Day 0 (1 January of year 1) was a Monday. */
			weekday = (int)((first + mday) % 7);
			if (!rule_day(r, mday, mlen, weekday, start.day))
				continue;
			t.year = year;
			t.month = month;
			t.day = mday;
			if (icaltime_compare(t, start) >= 0)
				took |= consider(t, from, at, best, found);
		}
	}
	return took;
}

/*
 * The offset vtz gives at instant at, as RFC 5545 reads it: that of
 * the observance whose onset (DTSTART, an RDATE or one of its RRULE's)
 * comes last at or before it.  *found is 0 when none does; *unread is
 * set when a rule is of a kind consider_rule() does not read.
 */
static int32_t
vtz_offset(icalcomponent *vtz, int64_t at, int *found, int *unread)
{
	struct icalrecurrencetype rule;
	struct icaltimetype start;
	icalcomponent *obs;
	icalproperty *p;
	int64_t best = 0;
	int32_t from, offset = 0;
	int took, year, y, r;

	*found = 0;
	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT)) {
		if ((p = icalcomponent_get_first_property(obs,
		    ICAL_TZOFFSETFROM_PROPERTY)) == NULL)
			continue;
		from = icalproperty_get_tzoffsetfrom(p);
		/* Before the walks below: libical's component has one
		 * cursor for its properties, which onset() would move. */
		start = onset(obs);
		took = consider(start, from, at, &best, found);
		for (p = icalcomponent_get_first_property(obs,
		    ICAL_RDATE_PROPERTY); p != NULL;
		    p = icalcomponent_get_next_property(obs,
		    ICAL_RDATE_PROPERTY))
			took |= consider(icalproperty_get_rdate(p).time, from,
			    at, &best, found);
		/* The onsets of a rule in the year of at, and the one before. */
		year = wall_time(at, from).year;
		for (p = icalcomponent_get_first_property(obs,
		    ICAL_RRULE_PROPERTY); p != NULL;
		    p = icalcomponent_get_next_property(obs,
		    ICAL_RRULE_PROPERTY)) {
			rule = icalproperty_get_rrule(p);
			for (y = year - 1; y <= year; y++) {
				if ((r = consider_rule(&rule, start, y,
				    from, at, &best, found)) < 0)
					*unread = 1;
				took |= r > 0;
			}
		}
		if (took && (p = icalcomponent_get_first_property(obs,
		    ICAL_TZOFFSETTO_PROPERTY)) != NULL)
			offset = icalproperty_get_tzoffsetto(p);
	}
	return offset;
}

/*
 * Whether the VTIMEZONE vtz, read as RFC 5545 reads it, gives the
 * offsets of the zone's own file (changes) from instant from to instant
 * to: it starts by from, and is right at each change, just before it,
 * and halfway to the next.  libical's rules, guessed from the file, miss
 * some changes (Asia/Jerusalem in 2013-2016, America/Sao_Paulo in 2014).
 */
static int
vtimezone_right(icalcomponent *vtz, const struct tl_tzif *changes,
    int64_t from, int64_t to)
{
	struct tl_tzif_change c;
	int64_t t = from, next, mid;
	int right, more, found, unread = 0;

	right = vtz_offset(vtz, from, &found, &unread) ==
	    tl_tzif_offset(changes, from, NULL) && found;
	do {
		more = tl_tzif_next(changes, t, to, &c);
		next = more ? c.at : to;
		mid = t + (next - t) / 2;
		right = right && vtz_offset(vtz, mid, &found, &unread) ==
		    tl_tzif_offset(changes, mid, NULL);
		if (more)
			right = right && vtz_offset(vtz, c.at - 1, &found,
			    &unread) == c.before && vtz_offset(vtz, c.at,
			    &found, &unread) == c.after;
		t = next;
	} while (right && more);
	return right && !unread;
}

/*
 * Adds to vtz the observance of a change at instant at from one offset
 * to another (dst: to summer time), or that change's onset to the one
 * that has the same offsets as RDATE.  0 or TL_ENOMEM.
 */
static int
add_change(icalcomponent *vtz, int64_t at, int32_t before, int32_t after,
    int dst)
{
	icalcomponent_kind kind = dst ? ICAL_XDAYLIGHT_COMPONENT :
	    ICAL_XSTANDARD_COMPONENT;
	icalcomponent *obs;
	icalproperty *from, *to;

	for (obs = icalcomponent_get_first_component(vtz, kind); obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, kind)) {
		from = icalcomponent_get_first_property(obs,
		    ICAL_TZOFFSETFROM_PROPERTY);
		to = icalcomponent_get_first_property(obs,
		    ICAL_TZOFFSETTO_PROPERTY);
		if (from != NULL && to != NULL &&
		    icalproperty_get_tzoffsetfrom(from) == before &&
		    icalproperty_get_tzoffsetto(to) == after)
			return add_rdate(obs, wall_time(at, before));
	}
	if ((obs = icalcomponent_new(kind)) == NULL ||
	    (from = icalproperty_new_tzoffsetfrom(before)) == NULL ||
	    (to = icalproperty_new_tzoffsetto(after)) == NULL) {
		if (obs != NULL)
			icalcomponent_free(obs);
		return TL_ENOMEM;
	}
	icalcomponent_add_property(obs, icalproperty_new_dtstart(
	    wall_time(at, before)));
	icalcomponent_add_property(obs, from);
	icalcomponent_add_property(obs, to);
	icalcomponent_add_component(vtz, obs);
	return 0;
}

/*
 * A VTIMEZONE named tzid made from the changes of the zone's own file
 * from instant from to instant to: the offset in force at from, then
 * one observance for each kind of change, its onsets as RDATEs.  NULL
 * when memory ran out.
 */
static icalcomponent *
vtimezone_from_changes(const char *tzid, const struct tl_tzif *changes,
    int64_t from, int64_t to)
{
	struct tl_tzif_change c;
	icalcomponent *vtz, *obs;
	icalproperty *p;
	int32_t offset;
	int dst, back, error = 0;

	if ((vtz = icalcomponent_new_vtimezone()) == NULL ||
	    (p = icalproperty_new_tzid(tzid)) == NULL) {
		if (vtz != NULL)
			icalcomponent_free(vtz);
		return NULL;
	}
	icalcomponent_add_property(vtz, p);
	/* Readers (python-icalendar) take summer time as an offset from
	 * the standard one before it: start in standard time, up to two
	 * years earlier. */
	for (back = 0; back < 8; back++) {
		if ((void)tl_tzif_offset(changes, from, &dst), !dst)
			break;
		from -= 92 * DAY_SECONDS;
	}
	offset = tl_tzif_offset(changes, from, &dst);
	error = add_change(vtz, from - 1, offset, offset, dst);
	while (error == 0 && tl_tzif_next(changes, from, to, &c)) {
		error = add_change(vtz, c.at, c.before, c.after, c.dst);
		from = c.at;
	}
	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    error == 0 && obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		error = list_onset(obs);
	if (error != 0) {
		icalcomponent_free(vtz);
		return NULL;
	}
	return vtz;
}

/* The instant 00:00 UTC of day. */
static int64_t
day_instant(int32_t day)
{
	return ((int64_t)day - tl_day_from_ymd(1970, 1, 1)) * DAY_SECONDS;
}

/* The instant of the first onset of observance obs (its DTSTART). */
static int64_t
first_onset(icalcomponent *obs)
{
	icalproperty *p;

	p = icalcomponent_get_first_property(obs, ICAL_TZOFFSETFROM_PROPERTY);
	return local_seconds(onset(obs)) -
	    (p != NULL ? icalproperty_get_tzoffsetfrom(p) : 0);
}

/* The first observance of vtz that starts after instant to, or NULL. */
static icalcomponent *
starting_after(icalcomponent *vtz, int64_t to)
{
	icalcomponent *obs;

	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		if (first_onset(obs) > to)
			return obs;
	return NULL;
}

/*
 * Sets observance obs, which starts at instant u, to the change of the
 * zone's own file within a day of u: its onset on the wall clock before
 * it, and its offsets.  Returns whether the file has such a change.
 */
static int
mend_onset(icalcomponent *obs, const struct tl_tzif *changes, int64_t u)
{
	struct tl_tzif_change c;
	icalproperty *p;

	if (!tl_tzif_next(changes, u - DAY_SECONDS - 1, u + DAY_SECONDS, &c))
		return 0;
	if ((p = icalcomponent_get_first_property(obs,
	    ICAL_DTSTART_PROPERTY)) != NULL)
		icalproperty_set_dtstart(p, wall_time(c.at, c.before));
	if ((p = icalcomponent_get_first_property(obs,
	    ICAL_TZOFFSETFROM_PROPERTY)) != NULL)
		icalproperty_set_tzoffsetfrom(p, c.before);
	if ((p = icalcomponent_get_first_property(obs,
	    ICAL_TZOFFSETTO_PROPERTY)) != NULL)
		icalproperty_set_tzoffsetto(p, c.after);
	return 1;
}

/*
 * Mends the observances of vtz that start after instant to, the last
 * event's, when they give other offsets than the zone's own file in the
 * year after the last of them starts: each takes the change of the file
 * nearest its onset, and when that is not enough they are dropped (no
 * event reads them).  Readers that take the last rules for the zone's
 * (Emacs) read them for every year.  libical 3.0.16 reads
 * America/St_Johns' rule for after 2037 an hour off (summer at -01:30,
 * from 01:00).
 */
static void
mend_tail(icalcomponent *vtz, const struct tl_tzif *changes, int64_t from,
    int64_t to)
{
	icalcomponent *obs;
	int64_t last = to, u, until;

	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		if ((u = first_onset(obs)) > last)
			last = u;
	until = last + 366 * DAY_SECONDS;
	if (last == to || last >= day_instant(tl_day_from_ymd(
	    ZONE_ONSETS_LAST - 1, 1, 1)) ||
	    vtimezone_right(vtz, changes, from, until))
		return;
	for (obs = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    obs != NULL;
	    obs = icalcomponent_get_next_component(vtz, ICAL_ANY_COMPONENT))
		if ((u = first_onset(obs)) > to)
			(void)mend_onset(obs, changes, u);
	if (vtimezone_right(vtz, changes, from, until))
		return;
	while ((obs = starting_after(vtz, to)) != NULL) {
		icalcomponent_remove_component(vtz, obs);
		icalcomponent_free(obs);
	}
}

/*
 * Replaces *vtz by one made from the zone's own file when it does not
 * give that file's offsets over the days of the zone's events, first to
 * last.  0 or TL_ENOMEM.
 */
static int
settle_offsets(struct ics *w, const struct zone_use *z, int32_t first,
    int32_t last, icalcomponent **vtz)
{
	struct tl_zone *zone;
	icalcomponent *made;
	int64_t from, to, limit;
	int error;

	if ((error = tl_zone_memo_find(&w->zones, z->name, &zone, NULL)) < 0)
		return error;
	if (zone == NULL)
		return 0;
	/* The events' instants lie a day either side of their days. */
	from = day_instant(first > TL_DAY_MIN ? first - 1 : TL_DAY_MIN);
	to = day_instant(last < TL_DAY_MAX - 1 ? last + 2 : TL_DAY_MAX);
	/* libical writes no time after the year 3000: the offsets are
	 * made right up to its end, and past it libical's rules stay
	 * where they were right (America/St_Johns' summers are an hour off
	 * there), the offset of its end where they were not. */
	limit = day_instant(tl_day_from_ymd(ZONE_ONSETS_LAST, 12, 31));
	if (from >= limit)
		return 0;
	if (to > limit)
		to = limit;
	mend_tail(*vtz, tl_zone_changes(zone), from, to);
	if (vtimezone_right(*vtz, tl_zone_changes(zone), from, to))
		return 0;
	if ((made = vtimezone_from_changes(z->tzid, tl_zone_changes(zone),
	    from, to)) == NULL)
		return TL_ENOMEM;
	icalcomponent_free(*vtz);
	*vtz = made;
	return 0;
}

/*
 * Writes the VTIMEZONE of the zone uses[i] names, under its plain IANA
 * name (libical would name it "/freeassociation.sourceforge.net/..."),
 * with the rules from the year before the first event of any name of it
 * on (libical would give its whole history); once for names that share
 * it.
 */
static int
put_vtimezone(struct ics *w, size_t i)
{
	const struct zone_use *z = &w->uses[i];
	struct icaltimetype start;
	icalcomponent *vtz;
	icalproperty *tzid;
	int32_t first = z->first_day, last = z->last_day;
	int year, month, mday, error;
	size_t j;

	for (j = 0; j < w->nuses; j++) {
		if (strcmp(w->uses[j].tzid, z->tzid) != 0)
			continue;
		if (j < i)
			return 0;
		if (w->uses[j].first_day < first)
			first = w->uses[j].first_day;
		if (w->uses[j].last_day > last)
			last = w->uses[j].last_day;
	}
	icalerror_set_errors_are_fatal(0);
	/* The file was found by tl_zone_check(); it may have gone since. */
	if ((vtz = icaltzutil_fetch_timezone(z->tzid)) == NULL) {
		icalerror_clear_errno();
		return TL_EIO;
	}
	tl_zone_mend(vtz);
	tl_day_to_ymd(first, &year, &month, &mday);
	if (year > ZONE_RULES_SETTLED)
		year = ZONE_RULES_SETTLED;
	start = icaltime_null_time();
	if (year > 2) {
		/* The year before the first event's, from a day early: each
		 * rule starts before any event, and the first changes of
		 * that year cover every event's day (drop_lead()). */
		start.year = year - 2;
		start.month = 12;
		start.day = 31;
		start.zone = icaltimezone_get_utc_timezone();
		icaltimezone_truncate_vtimezone(vtz, start,
		    icaltime_null_time(), 0);
	}
	tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (tzid != NULL)
		icalproperty_set_tzid(tzid, z->tzid);
	if ((error = settle_rules(vtz)) == 0) {
		if (year > 2) {
			start.year = year - 1;
			start.zone = NULL;
			drop_lead(vtz, start);
		}
		drop_idle(vtz);
		if ((error = settle_offsets(w, z, first, last, &vtz)) == 0)
			error = put_component(w, vtz);
	}
	icalcomponent_free(vtz);
	icalerror_clear_errno();
	return error;
}

/* True when m has a time of day in a zone. */
static int
is_timed(const struct tl_milestone *m)
{
	int time = tl_milestone_time(m);

	return time >= 0 && time < 24 * 60 &&
	    tl_milestone_timezone(m) != NULL &&
	    tl_milestone_window(m)->precision == TL_PREC_DAY;
}

/*
 * Moves the end of a wall-clock event to UTC when its wall-clock time
 * occurs twice or never in zone: parsers disagree about such a time,
 * which RFC 5545 (3.3.5) places at its first occurrence, or for a time
 * in a gap at the offset in force before it (02:30 that does not exist
 * in New York is 07:30 UTC).  The start keeps its TZID.
 */
static void
plan_end(struct tl_zone *zone, struct when *wh)
{
	int64_t end;
	int offset = 0;

	if (tl_zone_offset(zone, wh->end_day, wh->end_sec / 60,
	    &offset) == TL_ZONE_OK)
		return;
	end = (int64_t)wh->end_day * DAY_SECONDS + wh->end_sec - offset;
	split_seconds(end, &wh->end_day, &wh->end_sec);
	wh->end_utc = 1;
}

/*
 * Whether calendar programs misread the zone of that name, so that an
 * event there is written in UTC:
 * - Etc/GMT-1 to Etc/GMT-14 (UTC+1 to UTC+14): Evolution's calendar
 *   (evolution-data-server 3.46) takes such a TZID for Etc/GMT and shows
 *   the event that many hours off.  Nothing is lost: the zone's offset
 *   never changes.
 * - CET, MET, EET and WET, zones with summer time: PHP, and so
 *   sabre/vobject (the reader of Nextcloud and Baikal), takes such a
 *   TZID for the abbreviation, an offset without summer time, and
 *   places a summer event an hour off.  (tzdata 2024b made them old
 *   names, of Europe/Brussels, Athens and Lisbon.)
 */
static int
misread_zone(const char *name)
{
	return (strncmp(name, "Etc/GMT-", 8) == 0 && name[8] >= '1' &&
	    name[8] <= '9') || strcmp(name, "CET") == 0 ||
	    strcmp(name, "MET") == 0 || strcmp(name, "EET") == 0 ||
	    strcmp(name, "WET") == 0;
}

/*
 * Whether an event at instant utc (seconds, see split_seconds()), an
 * hour long, lies in the years iCalendar writes, 0001-9999, in UTC,
 * where readers place it: 0, or TL_ERANGE with wh->out_of_utc set.
 */
static int
in_utc_years(int64_t utc, struct when *wh)
{
	int32_t day, sec;

	split_seconds(utc, &day, &sec);
	if (day < TL_DAY_MIN)
		wh->out_of_utc = -1;
	split_seconds(utc + 3600, &day, &sec);
	if (day > TL_DAY_MAX)
		wh->out_of_utc = 1;
	return wh->out_of_utc != 0 ? TL_ERANGE : 0;
}

/*
 * Plans the DTSTART and DTEND of m (SPEC section 6): its days under
 * the span policy, or its hour, in UTC when the wall-clock time occurs
 * twice, and only its end in UTC when the end's wall-clock time alone
 * occurs twice or never.  Returns 0; TL_ERANGE when the event would end
 * after 9999-12-31 (or start before 0001-01-01), on the wall clock or in
 * UTC (wh->out_of_utc says which end); TL_EINVAL for a window
 * that is not resolved or an unknown zone; TL_ENOMEM.
 */
static int
plan_when(const struct tl_milestone *m, enum tl_ics_spans spans,
    struct tl_zone_memo *zones, struct when *wh)
{
	const struct tl_window *win = tl_milestone_window(m);
	struct tl_zone *zone;
	const char *current = NULL;
	int64_t start;
	int offset = 0, whole, r, error;

	memset(wh, 0, sizeof(*wh));
	if (win->start < TL_DAY_MIN || win->end > TL_DAY_MAX ||
	    win->start > win->end)
		return TL_EINVAL;
	if (is_timed(m)) {
		if ((error = tl_zone_memo_find(zones,
		    tl_milestone_timezone(m), &zone, &current)) < 0)
			return error;
		if (zone == NULL)
			return TL_EINVAL;
		r = tl_zone_offset(zone, win->start, tl_milestone_time(m),
		    &offset);
		/*
		 * Calendars disagree about which occurrence of a repeated
		 * time is meant: the first one is written as the instant
		 * it is.  A skipped time (refused by the checker) is
		 * written as the wall clock shows it.
		 */
		wh->kind = r == TL_ZONE_FOLD || misread_zone(current != NULL ?
		    current : tl_milestone_timezone(m)) ? WHEN_UTC :
		    WHEN_LOCAL;
		start = (int64_t)win->start * DAY_SECONDS +
		    (int64_t)tl_milestone_time(m) * 60;
		if (wh->kind == WHEN_UTC)
			start -= offset;
		/* An hour later, on the wall clock or in UTC alike. */
		split_seconds(start, &wh->day, &wh->sec);
		split_seconds(start + 3600, &wh->end_day, &wh->end_sec);
		if (wh->kind == WHEN_UTC && (error = in_utc_years(start,
		    wh)) < 0)
			return error;
		if (wh->day < TL_DAY_MIN || wh->end_day > TL_DAY_MAX)
			return TL_ERANGE;
		if (wh->kind == WHEN_LOCAL)
			plan_end(zone, wh);
		if (wh->end_day < TL_DAY_MIN || wh->end_day > TL_DAY_MAX)
			return TL_ERANGE;
		/* A time written in UTC was looked at above. */
		return wh->kind == WHEN_UTC ? 0 : in_utc_years(
		    (int64_t)win->start * DAY_SECONDS +
		    (int64_t)tl_milestone_time(m) * 60 - offset, wh);
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
		whole = win->precision == TL_PREC_RANGE ||
		    win->precision == TL_PREC_DAY ||
		    win->precision == TL_PREC_MONTH;
		break;
	}
	wh->kind = WHEN_DAYS;
	wh->day = win->start;
	wh->sec = wh->end_sec = -1;
	/* The exclusive end is the day after the last one covered. */
	if ((whole ? win->end : win->start) >= TL_DAY_MAX)
		return TL_ERANGE;
	wh->end_day = (whole ? win->end : win->start) + 1;
	return 0;
}

static int
zone_cmp(const void *a, const void *b)
{
	return strcmp(((const struct zone_use *)a)->name,
	    ((const struct zone_use *)b)->name);
}

/*
 * Checks that every milestone can be written, and lists the zones that
 * wall-clock times use in *zones (by name, *nzones of them; free it).
 * Returns TL_EEMPTY, TL_ERANGE, TL_EINVAL (see plan_when()), TL_ENOMEM,
 * or 0.
 */
static int
survey(const struct tl_selection *sel, enum tl_ics_spans spans,
    struct tl_zone_memo *cache, struct zone_use **zones, size_t *nzones)
{
	const struct tl_milestone *m;
	struct zone_use *list = NULL, *grown;
	struct tl_zone *found;
	struct when wh;
	const char *zone, *current;
	size_t i, j, n = 0, cap = 0;
	int32_t day;
	int error = 0;

	if (tl_selection_count(sel) == 0) {
		error = TL_EEMPTY;
		goto out;
	}
	for (i = 0; i < tl_selection_count(sel); i++) {
		m = tl_selection_milestone(sel, i);
		if ((error = plan_when(m, spans, cache, &wh)) < 0)
			goto out;
		/* A time written in UTC needs no zone. */
		if (wh.kind != WHEN_LOCAL)
			continue;
		zone = tl_milestone_timezone(m);
		day = tl_milestone_window(m)->start;
		for (j = 0; j < n; j++)
			if (strcmp(list[j].name, zone) == 0)
				break;
		if (j == n) {
			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				grown = realloc(list, cap * sizeof(*list));
				if (grown == NULL) {
					error = TL_ENOMEM;
					goto out;
				}
				list = grown;
			}
			/* The zone is in the memo already (plan_when()). */
			if ((error = tl_zone_memo_find(cache, zone, &found,
			    &current)) < 0)
				goto out;
			list[n].name = zone;
			snprintf(list[n].tzid, sizeof(list[n].tzid), "%s",
			    current != NULL ? current : zone);
			list[n].first_day = list[n].last_day = day;
			n++;
		}
		if (day < list[j].first_day)
			list[j].first_day = day;
		if (day > list[j].last_day)
			list[j].last_day = day;
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

/* The slot of m in memo: its own, or the free one where it would go. */
static size_t
memo_slot(const struct seq_memo *memo, const struct tl_milestone *m)
{
	uint64_t h = (uint64_t)(uintptr_t)m * UINT64_C(0x9e3779b97f4a7c15);
	size_t i = (size_t)(h >> 32) & (memo->cap - 1);

	while (memo->keys[i] != NULL && memo->keys[i] != m)
		i = (i + 1) & (memo->cap - 1);
	return i;
}

/* The SEQUENCE noted for m, or NULL. */
static const uint32_t *
memo_find(const struct seq_memo *memo, const struct tl_milestone *m)
{
	size_t i;

	if (memo->cap == 0)
		return NULL;
	i = memo_slot(memo, m);
	return memo->keys[i] != NULL ? &memo->values[i] : NULL;
}

/* Notes value as m's SEQUENCE; 0 or TL_ENOMEM. */
static int
memo_put(struct seq_memo *memo, const struct tl_milestone *m,
    uint32_t value)
{
	struct seq_memo grown;
	size_t i, j;

	if (memo->cap == 0 || (memo->count + 1) * 2 > memo->cap) {
		grown = *memo;
		grown.cap = memo->cap ? memo->cap * 2 : 64;
		if (grown.cap > SIZE_MAX / sizeof(*grown.keys))
			return TL_ENOMEM;
		grown.keys = calloc(grown.cap, sizeof(*grown.keys));
		grown.values = malloc(grown.cap * sizeof(*grown.values));
		if (grown.keys == NULL || grown.values == NULL) {
			free(grown.keys);
			free(grown.values);
			return TL_ENOMEM;
		}
		for (i = 0; i < memo->cap; i++) {
			if (memo->keys[i] == NULL)
				continue;
			j = memo_slot(&grown, memo->keys[i]);
			grown.keys[j] = memo->keys[i];
			grown.values[j] = memo->values[i];
		}
		free(memo->keys);
		free(memo->values);
		*memo = grown;
	}
	i = memo_slot(memo, m);
	if (memo->keys[i] == NULL) {
		memo->keys[i] = m;
		memo->count++;
	}
	memo->values[i] = value;
	return 0;
}

static void
memo_dispose(struct seq_memo *memo)
{
	free(memo->keys);
	free(memo->values);
	free(memo->path);
	memset(memo, 0, sizeof(*memo));
}

uint32_t
tl_ics_sequence(const struct tl_milestone *m)
{
	uint64_t seq = 0;

	/* In a resolved set, references end at a plain date: no cycle. */
	while (m != NULL) {
		seq += tl_milestone_history_count(m);
		if (seq > SEQUENCE_MAX)
			return SEQUENCE_MAX;
		if (tl_milestone_date_kind(m) != TL_DATE_RELATIVE)
			break;
		m = tl_milestone_reference(m);
	}
	return (uint32_t)seq;
}

/*
 * The SEQUENCE of m (SPEC section 6), as tl_ics_sequence() says it, for
 * every event of an export: its history entries, plus for a
 * relative date the SEQUENCE of the milestone it is placed on, whether
 * exported or not.  The chain of references is followed without
 * recursion up to a milestone whose SEQUENCE is known (a plain date or
 * one met before), and each milestone on it is noted on the way back.
 * Sums stop at SEQUENCE_MAX.  Returns 0 or TL_ENOMEM.
 */
static int
sequence(struct seq_memo *memo, const struct tl_milestone *m,
    uint32_t *out)
{
	const struct tl_milestone *cur = m, **grown;
	const uint32_t *known;
	uint64_t seq;
	size_t n = 0, cap;
	int error;

	for (;;) {
		if (tl_milestone_date_kind(cur) != TL_DATE_RELATIVE) {
			seq = tl_milestone_history_count(cur);
			break;
		}
		if ((known = memo_find(memo, cur)) != NULL) {
			/* Resolving lets no cycle through; it counts 0. */
			seq = *known == SEQUENCE_BUSY ? 0 : *known;
			break;
		}
		if (n == memo->pathcap) {
			cap = memo->pathcap ? memo->pathcap * 2 : 64;
			if (cap > SIZE_MAX / sizeof(*grown))
				return TL_ENOMEM;
			grown = realloc(memo->path, cap * sizeof(*grown));
			if (grown == NULL)
				return TL_ENOMEM;
			memo->path = grown;
			memo->pathcap = cap;
		}
		memo->path[n++] = cur;
		if ((error = memo_put(memo, cur, SEQUENCE_BUSY)) < 0)
			return error;
		if ((cur = tl_milestone_reference(cur)) == NULL) {
			seq = 0;
			break;
		}
	}
	if (seq > SEQUENCE_MAX)
		seq = SEQUENCE_MAX;
	while (n > 0) {
		cur = memo->path[--n];
		seq += tl_milestone_history_count(cur);
		if (seq > SEQUENCE_MAX)
			seq = SEQUENCE_MAX;
		if ((error = memo_put(memo, cur, (uint32_t)seq)) < 0)
			return error;
	}
	*out = (uint32_t)seq;
	return 0;
}

/* Appends a day as "2026-05-31". */
static int
append_day(struct tl_buf *b, int32_t day)
{
	char s[16];

	return tl_buf_put(b, s, tl_day_format(s, sizeof(s), day));
}

/*
 * Appends the date as written, in X-TIMELINE-DATE's form ("~2026-12",
 * "2026-Q3/2027-H1", "after:tokyo-summit ~1y") or, with words, as the
 * description gives it ("2026-Q3 to 2027-H1", "~1y after tokyo-summit").
 */
static int
append_written(struct tl_buf *b, const struct tl_milestone *m, int words)
{
	const char *date = tl_milestone_date(m);
	const char *end = tl_milestone_end(m) ? tl_milestone_end(m) : "";
	int error;

	switch (tl_milestone_date_kind(m)) {
	case TL_DATE_RANGE:
		if ((error = tl_buf_puts(b, date)) < 0 ||
		    (error = tl_buf_puts(b, words ? " to " : "/")) < 0)
			return error;
		return tl_buf_puts(b, end);
	case TL_DATE_RELATIVE:
		if (words) {
			if ((error = tl_buf_puts(b, end)) < 0 ||
			    (error = tl_buf_puts(b,
			    tl_milestone_before(m) ? " before " :
			    " after ")) < 0)
				return error;
			return tl_buf_puts(b, date);
		}
		if ((error = tl_buf_puts(b,
		    tl_milestone_before(m) ? "before:" : "after:")) < 0 ||
		    (error = tl_buf_puts(b, date)) < 0 ||
		    (error = tl_buf_put(b, " ", 1)) < 0)
			return error;
		return tl_buf_puts(b, end);
	default:
		return tl_buf_puts(b, date);
	}
}

/*
 * Appends the time of day and zone of a timed milestone
 * (" 02:30 Europe/Berlin"), or nothing; for a reader (words), an
 * Etc/GMT zone as the offset it is (tl_zone_label()).
 */
static int
append_time(struct tl_buf *b, const struct tl_milestone *m, int words)
{
	char hm[16], label[TL_ZONE_LABEL_SIZE];
	const char *zone;
	int time = tl_milestone_time(m), error;

	if (!is_timed(m))
		return 0;
	snprintf(hm, sizeof(hm), " %02d:%02d ", time / 60, time % 60);
	if ((error = tl_buf_puts(b, hm)) < 0)
		return error;
	zone = tl_milestone_timezone(m);
	return tl_buf_puts(b, words ? tl_zone_label(zone, label) : zone);
}

/* True when a date is a day written without ~: no words are added. */
static int
is_exact_day(const struct tl_milestone *m)
{
	const struct tl_window *win = tl_milestone_window(m);

	return win->precision == TL_PREC_DAY && !(win->flags & TL_WIN_APPROX);
}

/* Whether text is a day as written: YYYY-MM-DD, without ~. */
static int
is_day_text(const char *text)
{
	static const char form[] = "dddd-dd-dd";
	size_t i;

	if (text == NULL || strlen(text) != sizeof(form) - 1)
		return 0;
	for (i = 0; form[i] != '\0'; i++)
		if (form[i] == 'd' ? text[i] < '0' || text[i] > '9' :
		    text[i] != form[i])
			return 0;
	return 1;
}

/* True when a date says its window as it is: a day without ~, or a
 * range whose ends are both such days. */
static int
says_its_window(const struct tl_milestone *m)
{
	switch (tl_milestone_date_kind(m)) {
	case TL_DATE_PLAIN:
		return is_exact_day(m);
	case TL_DATE_RANGE:
		return is_day_text(tl_milestone_date(m)) &&
		    is_day_text(tl_milestone_end(m));
	default:
		return 0;
	}
}

/*
 * The DESCRIPTION: the milestone's own description, then the date as
 * written with its window (when it does not say it as it is), the day it
 * was noted, earlier estimates (newest first, though written oldest
 * first) and links, one to a line.
 */
static int
put_description(struct ics *w, const struct tl_milestone *m)
{
	struct tl_buf *b = &w->value;
	const struct tl_window *win = tl_milestone_window(m);
	const char *desc = tl_milestone_description(m), *link;
	struct tl_history *h, *grown;
	struct tl_list it;
	size_t i, len, n = tl_milestone_history_count(m), cap;
	int32_t noted = tl_milestone_noted(m);
	int error;

	if ((error = tl_buf_clear(b)) < 0)
		return error;
	if (n > w->history_cap) {
		cap = n < 16 ? 16 : n;
		if (cap > SIZE_MAX / sizeof(*grown))
			return TL_ENOMEM;
		grown = realloc(w->history, cap * sizeof(*grown));
		if (grown == NULL)
			return TL_ENOMEM;
		w->history = grown;
		w->history_cap = cap;
	}
	if (desc != NULL) {
		len = strlen(desc);
		while (len > 0 && (desc[len - 1] == '\n' ||
		    desc[len - 1] == '\r'))
			len--;
		if (len > 0 && ((error = tl_buf_put(b, desc, len)) < 0 ||
		    (error = tl_buf_puts(b, "\n\n")) < 0))
			return error;
	}
	if ((error = tl_buf_puts(b, "Date: ")) < 0 ||
	    (error = append_written(b, m, 1)) < 0 ||
	    (error = append_time(b, m, 1)) < 0)
		return error;
	if (!says_its_window(m)) {
		if ((error = tl_buf_puts(b, " (")) < 0 ||
		    (error = append_day(b, win->start)) < 0)
			return error;
		if (win->end != win->start &&
		    ((error = tl_buf_puts(b, " to ")) < 0 ||
		    (error = append_day(b, win->end)) < 0))
			return error;
		if ((win->flags & TL_WIN_APPROX) &&
		    (error = tl_buf_puts(b, ", approximate")) < 0)
			return error;
		if ((error = tl_buf_put(b, ")", 1)) < 0)
			return error;
	}
	if (noted != TL_DAY_NONE &&
	    ((error = tl_buf_puts(b, "\nNoted: ")) < 0 ||
	    (error = append_day(b, noted)) < 0))
		return error;
	/* Read in one pass, and written the other way round. */
	tl_milestone_history_range(m, 0, n, w->history);
	for (i = n; i-- > 0;) {
		h = &w->history[i];
		if ((error = tl_buf_puts(b, "\nEarlier estimate: ")) < 0 ||
		    (error = tl_buf_puts(b, h->date ? h->date : "")) < 0)
			return error;
		if (h->noted != TL_DAY_NONE &&
		    ((error = tl_buf_puts(b, ", noted ")) < 0 ||
		    (error = append_day(b, h->noted)) < 0))
			return error;
	}
	for (tl_milestone_links(m, &it); (link = tl_list_next(&it)) != NULL; )
		if ((error = tl_buf_puts(b, "\nLink: ")) < 0 ||
		    (error = tl_buf_puts(b, link)) < 0)
			return error;
	return put_text(w, "DESCRIPTION", b->data, 1);
}

/* SUMMARY: the title, and the date in words unless it is an exact day. */
static int
put_summary(struct ics *w, const struct tl_milestone *m)
{
	char when[128];
	int error;

	if ((error = tl_buf_clear(&w->value)) < 0 ||
	    (error = tl_buf_puts(&w->value, tl_milestone_title(m))) < 0)
		return error;
	if (!is_exact_day(m)) {
		tl_window_words(when, sizeof(when), tl_milestone_window(m), 1);
		if ((error = tl_buf_puts(&w->value, " (")) < 0 ||
		    (error = tl_buf_puts(&w->value, when)) < 0 ||
		    (error = tl_buf_put(&w->value, ")", 1)) < 0)
			return error;
	}
	return put_text(w, "SUMMARY", w->value.data, 0);
}

/* The TZID of timed milestone m: its zone's name in the calendar. */
static const char *
tzid_of(const struct ics *w, const struct tl_milestone *m)
{
	const char *name = tl_milestone_timezone(m);
	size_t lo = 0, hi = w->nuses, mid;
	int c;

	/* The zones are sorted by name (zone_cmp()). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, w->uses[mid].name)) == 0)
			return w->uses[mid].tzid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return name;
}

/* DTSTART and DTEND, as planned by plan_when(). */
static int
put_when(struct ics *w, const struct tl_milestone *m, const struct when *wh)
{
	int error;

	switch (wh->kind) {
	case WHEN_LOCAL:
		if ((error = tl_buf_clear(&w->value)) < 0 ||
		    (error = tl_buf_puts(&w->value, "DTSTART;TZID=")) < 0 ||
		    (error = tl_buf_puts(&w->value, tzid_of(w, m))) < 0 ||
		    (error = put_time(w, w->value.data, wh->day, wh->sec,
		    0)) < 0)
			return error;
		if (wh->end_utc)
			return put_time(w, "DTEND", wh->end_day, wh->end_sec,
			    1);
		if ((error = tl_buf_clear(&w->value)) < 0 ||
		    (error = tl_buf_puts(&w->value, "DTEND;TZID=")) < 0 ||
		    (error = tl_buf_puts(&w->value, tzid_of(w, m))) < 0)
			return error;
		return put_time(w, w->value.data, wh->end_day, wh->end_sec, 0);
	case WHEN_UTC:
		if ((error = put_time(w, "DTSTART", wh->day, wh->sec, 1)) < 0)
			return error;
		return put_time(w, "DTEND", wh->end_day, wh->end_sec, 1);
	default:
		if ((error = put_time(w, "DTSTART;VALUE=DATE", wh->day, -1,
		    0)) < 0)
			return error;
		return put_time(w, "DTEND;VALUE=DATE", wh->end_day, -1, 0);
	}
}

/* CATEGORIES: the tags, each escaped, joined by commas. */
static int
put_categories(struct ics *w, const struct tl_milestone *m)
{
	struct tl_list it;
	const char *tag;
	size_t i;
	int error;

	if ((error = tl_buf_clear(&w->scratch)) < 0)
		return error;
	for (i = 0, tl_milestone_tags(m, &it);
	    (tag = tl_list_next(&it)) != NULL; i++) {
		if ((i > 0 && (error = tl_buf_put(&w->scratch, ",", 1)) < 0) ||
		    (error = clean_text(&w->text, tag, 0)) < 0 ||
		    (error = append_escaped(&w->scratch, w->text.data)) < 0)
			return error;
	}
	return put(w, "CATEGORIES", w->scratch.data);
}

static const char *
status_value(enum tl_status status)
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
	struct when wh;
	char seq[16];
	uint32_t n;
	int error;

	if ((error = plan_when(m, opts->spans, &w->zones, &wh)) < 0 ||
	    (error = sequence(&w->seq, m, &n)) < 0)
		return error;
	if ((error = put(w, "BEGIN", "VEVENT")) < 0)
		return error;
	/* UID: ID@TIMELINE.timeline, stable across exports. */
	if ((error = tl_buf_clear(&w->value)) < 0 ||
	    (error = tl_buf_puts(&w->value, tl_milestone_id(m))) < 0 ||
	    (error = tl_buf_put(&w->value, "@", 1)) < 0 ||
	    (error = tl_buf_puts(&w->value,
	    tl_milestone_timeline(m)->name)) < 0 ||
	    (error = tl_buf_puts(&w->value, ".timeline")) < 0 ||
	    (error = put_text(w, "UID", w->value.data, 0)) < 0)
		return error;
	snprintf(seq, sizeof(seq), "%lu", (unsigned long)n);
	if ((error = put(w, "SEQUENCE", seq)) < 0 ||
	    (error = put(w, "DTSTAMP", dtstamp)) < 0 ||
	    (error = put_when(w, m, &wh)) < 0 ||
	    (error = put_summary(w, m)) < 0 ||
	    (error = put_description(w, m)) < 0)
		return error;
	if (tl_milestone_location(m) != NULL && (error = put_text(w,
	    "LOCATION", tl_milestone_location(m), 0)) < 0)
		return error;
	if (tl_milestone_link_count(m) > 0) {
		/* A URI is not escaped as text; a clean one holds no line
		 * break, and what a URI cannot hold goes in percents. */
		if ((error = clean_text(&w->text, tl_milestone_link(m, 0),
		    0)) < 0 ||
		    (error = tl_buf_clear(&w->value)) < 0 ||
		    (error = append_uri(&w->value, w->text.data)) < 0 ||
		    (error = put(w, "URL", w->value.data)) < 0)
			return error;
	}
	if (tl_milestone_tag_count(m) > 0 &&
	    (error = put_categories(w, m)) < 0)
		return error;
	if ((error = tl_buf_clear(&w->value)) < 0 ||
	    (error = append_written(&w->value, m, 0)) < 0 ||
	    (error = append_time(&w->value, m, 0)) < 0 ||
	    (error = put_text(w, X_TEXT("X-TIMELINE-DATE"), w->value.data,
	    0)) < 0)
		return error;
	if ((error = put(w, "STATUS",
	    status_value(tl_milestone_status(m)))) < 0 ||
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
	const struct tl_timeline *t =
	    tl_milestone_timeline(tl_selection_milestone(sel, 0));
	const char *name;
	size_t i;
	int error;

	for (i = 1; i < tl_selection_count(sel); i++)
		if (tl_milestone_timeline(tl_selection_milestone(sel,
		    i)) != t) {
			t = NULL;
			break;
		}
	if (t == NULL)
		name = "Timeline";
	else
		name = t->title != NULL ? t->title : t->name;
	if ((error = put(w, "BEGIN", "VCALENDAR")) < 0 ||
	    (error = put(w, "VERSION", "2.0")) < 0 ||
	    (error = tl_buf_clear(&w->value)) < 0 ||
	    (error = tl_buf_puts(&w->value, "-//timeline//timeline ")) < 0 ||
	    (error = tl_buf_puts(&w->value, tl_version())) < 0 ||
	    (error = tl_buf_puts(&w->value, "//EN")) < 0 ||
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
	static const struct tl_ics_options defaults = TL_ICS_OPTIONS_INIT;

	if (opts == NULL || version != TL_ICS_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = defaults;
	return 0;
}

/* The options to use: opts, or the defaults; NULL when opts is bad. */
static const struct tl_ics_options *
options(const struct tl_ics_options *opts)
{
	static const struct tl_ics_options defaults = TL_ICS_OPTIONS_INIT;

	if (opts == NULL)
		return &defaults;
	if (opts->version != TL_ICS_OPTIONS_VERSION ||
	    (opts->spans != TL_ICS_SPANS_AUTO &&
	    opts->spans != TL_ICS_SPANS_ALWAYS &&
	    opts->spans != TL_ICS_SPANS_NEVER))
		return NULL;
	return opts;
}

int
tl_export_ics(FILE *out, const struct tl_selection *sel,
    const struct tl_ics_options *opts)
{
	struct ics w;
	struct zone_use *zones = NULL;
	size_t i, nzones = 0;
	char *dtstamp = NULL;
	int error;

	memset(&w, 0, sizeof(w));
	w.out = out;
	if (out == NULL || sel == NULL || (opts = options(opts)) == NULL)
		return TL_EINVAL;
	icalerror_set_errors_are_fatal(0);
	if ((error = survey(sel, opts->spans, &w.zones, &zones,
	    &nzones)) < 0)
		goto out;
	if ((error = format_dtstamp(&dtstamp, opts->dtstamp)) < 0)
		goto out;
	if ((error = put_header(&w, sel)) < 0)
		goto out;
	w.uses = zones;
	w.nuses = nzones;
	for (i = 0; i < nzones; i++)
		if ((error = put_vtimezone(&w, i)) < 0)
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
	memo_dispose(&w.seq);
	tl_zone_memo_dispose(&w.zones);
	free(w.history);
	tl_buf_dispose(&w.value);
	tl_buf_dispose(&w.text);
	tl_buf_dispose(&w.scratch);
	tl_buf_dispose(&w.line);
	return error;
}

int
tl_export_ics_check(const struct tl_selection *sel,
    const struct tl_ics_options *opts, struct tl_diags *diags)
{
	const struct tl_milestone *m;
	struct tl_zone_memo zones;
	char quoted[TL_QUOTE_SIZE];
	const char *id;
	struct when wh;
	size_t i;
	int error = 0, time;

	if (sel == NULL || (opts = options(opts)) == NULL)
		return TL_EINVAL;
	memset(&zones, 0, sizeof(zones));
	for (i = 0; i < tl_selection_count(sel); i++) {
		m = tl_selection_milestone(sel, i);
		error = plan_when(m, opts->spans, &zones, &wh);
		if (error == TL_ENOMEM)
			break;
		if (error != TL_ERANGE) {
			error = 0;
			continue;
		}
		id = tl_milestone_id(m);
		tl_diags_quote(quoted, id, strlen(id));
		time = tl_milestone_time(m);
		if (wh.kind == WHEN_DAYS)
			error = tl_diags_add(diags, TL_LEVEL_ERROR,
			    "ics-end-of-time", tl_milestone_timeline(m)->file,
			    tl_milestone_file_index(m), tl_milestone_line(m),
			    tl_milestone_col(m), "'%s' ends on 9999-12-31: "
			    "iCalendar has no day after it to end the event",
			    quoted);
		else if (wh.out_of_utc != 0)
			error = tl_diags_add(diags, TL_LEVEL_ERROR,
			    "ics-end-of-time", tl_milestone_timeline(m)->file,
			    tl_milestone_file_index(m), tl_milestone_line(m),
			    tl_milestone_col(m), "'%s' at %02d:%02d %s in "
			    "UTC, where calendar programs place it, which "
			    "iCalendar cannot write", quoted, time / 60,
			    time % 60, wh.out_of_utc < 0 ? "would start "
			    "before 0001-01-01" : "would end after 9999-12-31");
		else
			error = tl_diags_add(diags, TL_LEVEL_ERROR,
			    "ics-end-of-time", tl_milestone_timeline(m)->file,
			    tl_milestone_file_index(m), tl_milestone_line(m),
			    tl_milestone_col(m), "'%s' at %02d:%02d would end "
			    "on the day after 9999-12-31, which iCalendar "
			    "cannot write", quoted, time / 60, time % 60);
		if (error < 0)
			break;
	}
	tl_zone_memo_dispose(&zones);
	return error;
}
