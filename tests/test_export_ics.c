/*
 * Tests for the iCalendar exporter (src/export_ics.c): the mapping of
 * each date to events, text escaping, line folding, time zones, errors,
 * and text that tries to break out of its property.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "pipeline.h"
#include "set_internal.h"
#include "utf8.h"
#include "hostile.h"

/*
 * Allocation failures.  This test links with --wrap for malloc, calloc
 * and realloc, so the library's own allocations (not libical's or the C
 * library's) come here, and the one after allocs_left more fails.
 */
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);

static long allocs_left = -1;	/* -1: none fails */

static int
alloc_fails(void)
{
	if (allocs_left < 0)
		return 0;
	if (allocs_left == 0)
		return 1;
	allocs_left--;
	return 0;
}

void *
__wrap_malloc(size_t size)
{
	return alloc_fails() ? NULL : __real_malloc(size);
}

void *
__wrap_calloc(size_t count, size_t size)
{
	return alloc_fails() ? NULL : __real_calloc(count, size);
}

void *
__wrap_realloc(void *p, size_t size)
{
	return alloc_fails() ? NULL : __real_realloc(p, size);
}

/* An export held in memory. */
struct out {
	char *text;
	size_t len;
	int rc;
};

/* Loads YAML text, which must hold no error, into a resolved set. */
static struct tl_set *
load_text(const char *yaml)
{
	struct tl_set *set;
	struct tl_diags *diags;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "test.yaml", yaml,
	    strlen(yaml), diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	if (tl_diags_errors(diags) > 0) {
		char buf[512];

		tl_diag_format(buf, sizeof(buf), tl_diags_get(diags, 0));
		fail_msg("unexpected error: %s", buf);
	}
	tl_diags_free(diags);
	return set;
}

/* Loads tests/ics/NAME (a file or a directory) into a resolved set. */
static struct tl_set *
load_fixture(const char *name)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char path[512];

	snprintf(path, sizeof(path), "%s/ics/%s", TESTS_DIR, name);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_path(set, path, diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

/*
 * Exports what filter selects of set (all for NULL) into memory, with
 * opts as given (NULL for the defaults).
 */
static struct out
export_selected(const struct tl_set *set, const struct tl_filter *filter,
    const struct tl_ics_options *opts)
{
	struct out o = { NULL, 0, 0 };
	struct tl_selection *sel = NULL;
	FILE *fp;

	fp = open_memstream(&o.text, &o.len);
	assert_non_null(fp);
	/* A selection fails as an export does when memory runs out. */
	if ((o.rc = tl_select(&sel, set, filter)) == 0)
		o.rc = tl_export_ics(fp, sel, opts);
	tl_selection_free(sel);
	assert_int_equal(fclose(fp), 0);
	return o;
}

/* Exports what filter selects of set (all for NULL) into memory. */
static struct out
export_filtered(const struct tl_set *set, const struct tl_filter *filter,
    enum tl_ics_spans spans, int64_t stamp)
{
	struct tl_ics_options opts = TL_ICS_OPTIONS_INIT;

	opts.spans = spans;
	opts.dtstamp = stamp;
	return export_selected(set, filter, &opts);
}

static struct out
export_with(const struct tl_set *set, enum tl_ics_spans spans,
    int64_t stamp)
{
	return export_filtered(set, NULL, spans, stamp);
}

/* tl_export_ics_check() over the whole of set. */
static int
check_all(const struct tl_set *set, const struct tl_ics_options *opts,
    struct tl_diags *diags)
{
	struct tl_selection *sel;
	int error;

	if ((error = tl_select(&sel, set, NULL)) < 0)
		return error;
	error = tl_export_ics_check(sel, opts, diags);
	tl_selection_free(sel);
	return error;
}

/* Whether a diagnostic of diags holds text. */
static int
has_message(const struct tl_diags *diags, const char *text)
{
	size_t i;

	for (i = 0; i < tl_diags_count(diags); i++)
		if (strstr(tl_diags_get(diags, i)->message, text) != NULL)
			return 1;
	return 0;
}

static struct out
export_auto(const struct tl_set *set)
{
	return export_with(set, TL_ICS_SPANS_AUTO, 0);
}

/*
 * Returns the content lines of text, unfolded, as one string with a NUL
 * after each line and an empty line at the end (free it).
 */
static char *
unfold(const char *text, size_t len)
{
	char *u = malloc(len + 2), *p = u;
	size_t i;

	assert_non_null(u);
	for (i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') {
			i++;
			if (i + 1 < len && text[i + 1] == ' ')
				i++;	/* a fold: the line goes on */
			else
				*p++ = '\0';
			continue;
		}
		*p++ = text[i];
	}
	*p++ = '\0';
	*p = '\0';
	return u;
}

/* The next line of an unfolded text, or NULL at its end. */
static const char *
next_line(const char *line)
{
	line += strlen(line) + 1;
	return *line ? line : NULL;
}

/*
 * The value of the calendar's own property NAME (with its parameters,
 * as written), or NULL.  The pointer lives as long as u.
 */
static const char *
cal_prop(const char *u, const char *name)
{
	const char *line;
	size_t nlen = strlen(name);
	int depth = 0;

	for (line = u; line != NULL; line = next_line(line)) {
		if (strncmp(line, "BEGIN:", 6) == 0)
			depth++;
		else if (strncmp(line, "END:", 4) == 0)
			depth--;
		else if (depth == 1 && strncmp(line, name, nlen) == 0 &&
		    line[nlen] == ':')
			return line + nlen + 1;
	}
	return NULL;
}

/*
 * The value of the first property NAME in the VEVENT with this UID, or
 * NULL.  The pointer lives as long as u.
 */
static const char *
event_prop(const char *u, const char *uid, const char *name)
{
	const char *line, *value = NULL;
	char want[256];
	size_t nlen = strlen(name);
	int inside = 0, mine = 0;

	snprintf(want, sizeof(want), "UID:%s", uid);
	for (line = u; line != NULL; line = next_line(line)) {
		if (strcmp(line, "BEGIN:VEVENT") == 0) {
			inside = 1;
			mine = 0;
			value = NULL;
		} else if (strcmp(line, "END:VEVENT") == 0) {
			if (mine)
				return value;
			inside = 0;
		} else if (inside && strcmp(line, want) == 0) {
			mine = 1;
		} else if (inside && value == NULL &&
		    strncmp(line, name, nlen) == 0 && line[nlen] == ':') {
			value = line + nlen + 1;
		}
	}
	return NULL;
}

/* Asserts that the event uid has property name equal to value. */
static void
assert_event(const char *u, const char *uid, const char *name,
    const char *value)
{
	const char *got = event_prop(u, uid, name);

	if (got == NULL)
		fail_msg("%s: no %s", uid, name);
	if (strcmp(got, value) != 0)
		fail_msg("%s: %s is '%s', want '%s'", uid, name, got, value);
}

/* Counts the unfolded lines equal to line. */
static size_t
count_lines(const char *u, const char *line)
{
	const char *l;
	size_t n = 0;

	for (l = u; l != NULL; l = next_line(l))
		n += strcmp(l, line) == 0;
	return n;
}

/*
 * Asserts what RFC 5545 asks of every physical line: CRLF at the end and
 * nowhere else, at most 75 octets, a fold continued after one space,
 * and (asked here) valid UTF-8 on each line by itself.
 */
static void
assert_well_formed(const char *text, size_t len)
{
	size_t i = 0, start, end, k, n;
	uint32_t cp;

	assert_true(len >= 2);
	assert_memory_equal(text + len - 2, "\r\n", 2);
	while (i < len) {
		start = i;
		while (i < len && text[i] != '\r' && text[i] != '\n')
			i++;
		end = i;
		if (i + 1 >= len || text[i] != '\r' || text[i + 1] != '\n')
			fail_msg("bare CR or LF at octet %zu", i);
		i += 2;
		if (end - start > 75)
			fail_msg("line at octet %zu has %zu octets", start,
			    end - start);
		for (k = start; k < end; k += n) {
			n = tl_utf8_decode(text + k, end - k, &cp);
			if (cp == TL_UTF8_INVALID)
				fail_msg("line at octet %zu splits a character",
				    start);
			if (cp < 0x20 && cp != '\t')
				fail_msg("control character in line at %zu",
				    start);
		}
	}
}

static void
out_free(struct out *o)
{
	free(o->text);
	o->text = NULL;
}

/* One expected event: UID, then DTSTART and DTEND for auto, always, never. */
struct span_case {
	const char *id;
	const char *start;
	const char *end[3];
};

static const struct span_case span_cases[] = {
	{ "day", "20251210", { "20251211", "20251211", "20251211" } },
	{ "approx-day", "20260115", { "20260116", "20260116", "20260116" } },
	{ "month", "20260501", { "20260601", "20260601", "20260502" } },
	{ "approx-month", "20261201", { "20270101", "20270101", "20261202" } },
	{ "quarter", "20260701", { "20260702", "20261001", "20260702" } },
	{ "half", "20260701", { "20260702", "20270101", "20260702" } },
	{ "year", "20270101", { "20270102", "20280101", "20270102" } },
	{ "range", "20280101", { "20300701", "20300701", "20280102" } },
	{ "approx-range", "20260701", { "20270701", "20270701", "20260702" } },
	{ "about-a-year-on", "20261201",
	    { "20270101", "20270101", "20261202" } },
	{ "weeks-before", "20251126", { "20251127", "20251127", "20251127" } },
	{ "leap-day", "20280229", { "20280301", "20280301", "20280301" } },
	{ "leap-february", "20280201",
	    { "20280301", "20280301", "20280202" } },
	{ "february", "20270201", { "20270301", "20270301", "20270202" } },
	{ "new-years-eve", "20261231", { "20270101", "20270101", "20270101" } },
	{ "december", "20261201", { "20270101", "20270101", "20261202" } },
};

static void
ics_maps_every_precision_by_span_policy(void **state)
{
	static const enum tl_ics_spans policies[] = {
		TL_ICS_SPANS_AUTO, TL_ICS_SPANS_ALWAYS, TL_ICS_SPANS_NEVER
	};
	struct tl_set *set = load_fixture("precisions.yaml");
	struct out o;
	char uid[128], *u;
	size_t p, i;

	(void)state;
	for (p = 0; p < 3; p++) {
		o = export_with(set, policies[p], 0);
		assert_int_equal(o.rc, 0);
		u = unfold(o.text, o.len);
		assert_int_equal(count_lines(u, "BEGIN:VEVENT"),
		    sizeof(span_cases) / sizeof(span_cases[0]));
		for (i = 0; i < sizeof(span_cases) / sizeof(span_cases[0]);
		    i++) {
			snprintf(uid, sizeof(uid), "%s@precisions.timeline",
			    span_cases[i].id);
			assert_event(u, uid, "DTSTART;VALUE=DATE",
			    span_cases[i].start);
			assert_event(u, uid, "DTEND;VALUE=DATE",
			    span_cases[i].end[p]);
		}
		free(u);
		out_free(&o);
	}
	tl_set_free(set);
}

static void
ics_summary_shows_uncertainty_in_words(void **state)
{
	struct tl_set *set = load_fixture("precisions.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_event(u, "day@precisions.timeline", "SUMMARY", "A day");
	assert_event(u, "approx-day@precisions.timeline", "SUMMARY",
	    "About a day (~15 Jan 2026)");
	assert_event(u, "month@precisions.timeline", "SUMMARY",
	    "A month (May 2026)");
	assert_event(u, "approx-month@precisions.timeline", "SUMMARY",
	    "About a month (~Dec 2026)");
	assert_event(u, "quarter@precisions.timeline", "SUMMARY",
	    "A quarter (Q3 2026)");
	assert_event(u, "half@precisions.timeline", "SUMMARY",
	    "A half (H2 2026)");
	assert_event(u, "year@precisions.timeline", "SUMMARY",
	    "A year (2027)");
	assert_event(u, "range@precisions.timeline", "SUMMARY",
	    "A range (2028 \xe2\x80\x93 Jun 2030)");
	assert_event(u, "about-a-year-on@precisions.timeline", "SUMMARY",
	    "About a year after the day (~Dec 2026)");
	assert_event(u, "weeks-before@precisions.timeline", "SUMMARY",
	    "Two weeks before the day");
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_keeps_the_date_as_written(void **state)
{
	struct tl_set *set = load_fixture("precisions.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_event(u, "approx-month@precisions.timeline",
	    "X-TIMELINE-DATE;VALUE=TEXT", "~2026-12");
	assert_event(u, "approx-range@precisions.timeline",
	    "X-TIMELINE-DATE;VALUE=TEXT", "2026-Q3/~2027-H1");
	assert_event(u, "about-a-year-on@precisions.timeline",
	    "X-TIMELINE-DATE;VALUE=TEXT", "after:day ~1y");
	assert_event(u, "weeks-before@precisions.timeline",
	    "X-TIMELINE-DATE;VALUE=TEXT", "before:day 2w");
	assert_event(u, "approx-month@precisions.timeline", "DESCRIPTION",
	    "Date: ~2026-12 (2026-12-01 to 2026-12-31\\, approximate)");
	assert_event(u, "about-a-year-on@precisions.timeline", "DESCRIPTION",
	    "Date: ~1y after day (2026-12-01 to 2026-12-31\\, approximate)");
	assert_event(u, "range@precisions.timeline", "DESCRIPTION",
	    "Date: 2028 to 2030-06 (2028-01-01 to 2030-06-30)");
	assert_event(u, "day@precisions.timeline", "DESCRIPTION",
	    "Date: 2025-12-10");
	free(u);
	out_free(&o);
	tl_set_free(set);
	/* A range of two days says its window as it is: not twice; one of
	 * an approximate day does not. */
	set = load_text("timeline: t\nmilestones:\n"
	    "  - {id: days, title: D, start: 2025-03-15, end: 2025-04-14}\n"
	    "  - {id: about, title: A, start: 2025-03-15, end: ~2025-04-14}\n");
	o = export_auto(set);
	u = unfold(o.text, o.len);
	assert_event(u, "days@t.timeline", "DESCRIPTION",
	    "Date: 2025-03-15 to 2025-04-14");
	assert_event(u, "about@t.timeline", "DESCRIPTION",
	    "Date: 2025-03-15 to ~2025-04-14 (2025-03-15 to 2025-04-14\\, "
	    "approximate)");
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_maps_status_and_transparency(void **state)
{
	struct tl_set *set = load_fixture("precisions.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_event(u, "day@precisions.timeline", "STATUS", "CONFIRMED");
	assert_event(u, "year@precisions.timeline", "STATUS", "CANCELLED");
	assert_event(u, "month@precisions.timeline", "STATUS", "TENTATIVE");
	assert_event(u, "quarter@precisions.timeline", "STATUS", "TENTATIVE");
	assert_event(u, "half@precisions.timeline", "STATUS", "TENTATIVE");
	assert_int_equal(count_lines(u, "TRANSP:TRANSPARENT"),
	    count_lines(u, "BEGIN:VEVENT"));
	/* Milestones are events: a VTODO would not show on the calendar. */
	assert_null(strstr(o.text, "VTODO"));
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_writes_calendar_header(void **state)
{
	struct tl_set *set = load_fixture("precisions.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);
	char prodid[64];

	(void)state;
	assert_string_equal(u, "BEGIN:VCALENDAR");
	assert_string_equal(cal_prop(u, "VERSION"), "2.0");
	snprintf(prodid, sizeof(prodid), "-//timeline//timeline %s//EN",
	    tl_version());
	assert_string_equal(cal_prop(u, "PRODID"), prodid);
	assert_string_equal(cal_prop(u, "CALSCALE"), "GREGORIAN");
	assert_string_equal(cal_prop(u, "NAME;VALUE=TEXT"),
	    "Every precision");
	assert_string_equal(cal_prop(u, "X-WR-CALNAME;VALUE=TEXT"),
	    "Every precision");
	assert_string_equal(cal_prop(u, "X-WR-CALDESC;VALUE=TEXT"),
	    "Days\\, months\\, quarters\\, halves\\, years\\, ranges and "
	    "relative dates.");
	assert_memory_equal(o.text + o.len - 15, "END:VCALENDAR\r\n", 15);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_names_calendar_of_several_timelines(void **state)
{
	struct tl_set *set = load_fixture("several");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_string_equal(cal_prop(u, "X-WR-CALNAME;VALUE=TEXT"),
	    "Timeline");
	assert_string_equal(cal_prop(u, "NAME;VALUE=TEXT"), "Timeline");
	assert_null(cal_prop(u, "X-WR-CALDESC;VALUE=TEXT"));
	assert_int_equal(count_lines(u, "UID:summit@kernel.timeline"), 1);
	assert_int_equal(count_lines(u, "UID:apt-rust@debian.timeline"), 1);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_names_untitled_calendar_by_timeline(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: untitled\n"
	    "milestones:\n"
	    "  - id: a\n"
	    "    title: A\n"
	    "    date: 2026-01-01\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_string_equal(cal_prop(u, "X-WR-CALNAME;VALUE=TEXT"),
	    "untitled");
	assert_null(cal_prop(u, "X-WR-CALDESC;VALUE=TEXT"));
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_names_calendar_by_selected_timeline(void **state)
{
	static const char *const names[] = { "debian" };
	struct tl_filter f = TL_FILTER_INIT;
	struct tl_set *set = load_fixture("several");
	struct out o;
	char *u;

	(void)state;
	f.timelines = names;
	f.ntimelines = 1;
	o = export_filtered(set, &f, TL_ICS_SPANS_AUTO, 0);
	u = unfold(o.text, o.len);
	assert_string_equal(cal_prop(u, "X-WR-CALNAME;VALUE=TEXT"),
	    "Debian");
	assert_string_equal(cal_prop(u, "X-WR-CALDESC;VALUE=TEXT"),
	    "Not the calendar's description\\, as two timelines are "
	    "exported.");
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_escapes_backslash_semicolon_comma_newline(void **state)
{
	struct tl_set *set = load_fixture("text.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_event(u, "specials@text.timeline", "SUMMARY",
	    "Back\\\\slash\\; semicolon\\, comma");
	assert_event(u, "specials@text.timeline", "LOCATION",
	    "Room 1\\; Building 2\\, Campus \\\\ West");
	assert_event(u, "specials@text.timeline", "URL",
	    "https://example.org/a?b=1;c=2");
	assert_event(u, "specials@text.timeline", "CATEGORIES", "kernel,rust");
	assert_event(u, "specials@text.timeline", "SEQUENCE", "2");
	assert_event(u, "specials@text.timeline", "DESCRIPTION",
	    "First line\\; with a semicolon.\\n"
	    "Second line\\, with a comma and a \\\\ backslash.\\n"
	    "BEGIN:VEVENT\\nUID:evil@example.org\\nEND:VEVENT\\n\\n"
	    "Date: 2026-03-01\\n"
	    "Noted: 2026-02-01\\n"
	    "Earlier estimate: 2026-02\\n"
	    "Earlier estimate: 2026-Q1\\, noted 2025-11-02\\n"
	    "Link: https://example.org/a?b=1\\;c=2\\n"
	    "Link: https://lwn.net/");
	assert_string_equal(cal_prop(u, "X-WR-CALNAME;VALUE=TEXT"),
	    "Text: escapes\\; folds\\, and more");
	/* The description's lines stay inside its one property. */
	assert_int_equal(count_lines(u, "BEGIN:VEVENT"), 7);
	assert_int_equal(count_lines(u, "UID:evil@example.org"), 0);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_folds_without_splitting_utf8(void **state)
{
	struct tl_set *set = load_fixture("text.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);
	const struct tl_milestone *m;
	const char *id;
	size_t i;
	int folded = 0;

	(void)state;
	assert_well_formed(o.text, o.len);
	for (i = 0; i + 2 < o.len; i++)
		folded += memcmp(o.text + i, "\r\n ", 3) == 0;
	assert_true(folded >= 6);
	/* Unfolded, every title is whole again. */
	for (i = 0; i < tl_set_count(set); i++) {
		m = tl_set_milestone(set, i);
		id = tl_milestone_id(m);
		if (strcmp(id, "cjk") == 0 || strcmp(id, "emoji") == 0 ||
		    strcmp(id, "emoji-shifted") == 0) {
			char uid[64];

			snprintf(uid, sizeof(uid), "%s@text.timeline", id);
			assert_event(u, uid, "SUMMARY", tl_milestone_title(m));
		}
	}
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_folds_emoji_at_every_offset(void **state)
{
	static const char crab[] = "\xf0\x9f\xa6\x80";
	char yaml[2048], title[512], uid[32];
	struct tl_set *set;
	struct out o;
	char *u;
	size_t k, i, n;

	(void)state;
	/* A title of k ASCII letters, then crabs: each k cuts elsewhere. */
	for (k = 0; k < 8; k++) {
		n = 0;
		for (i = 0; i < k; i++)
			title[n++] = 'x';
		for (i = 0; i < 60; i++) {
			memcpy(title + n, crab, 4);
			n += 4;
		}
		title[n] = '\0';
		snprintf(yaml, sizeof(yaml),
		    "timeline: fold\nmilestones:\n"
		    "  - id: m\n    title: \"%s\"\n    date: 2026-01-01\n"
		    "    location: \"%s\"\n", title, title);
		set = load_text(yaml);
		o = export_auto(set);
		assert_int_equal(o.rc, 0);
		assert_well_formed(o.text, o.len);
		u = unfold(o.text, o.len);
		snprintf(uid, sizeof(uid), "m@fold.timeline");
		assert_event(u, uid, "SUMMARY", title);
		assert_event(u, uid, "LOCATION", title);
		free(u);
		out_free(&o);
		tl_set_free(set);
	}
}

static void
ics_output_is_byte_identical_for_same_stamp(void **state)
{
	struct tl_set *set = load_fixture("timed.yaml");
	struct out a = export_with(set, TL_ICS_SPANS_AUTO, 1764547200);
	struct out b = export_with(set, TL_ICS_SPANS_AUTO, 1764547200);
	struct out c = export_with(set, TL_ICS_SPANS_AUTO, 0);

	(void)state;
	assert_int_equal(a.rc, 0);
	assert_int_equal(b.rc, 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.text, b.text, a.len);
	/* Another stamp changes DTSTAMP and nothing else. */
	assert_int_equal(a.len, c.len);
	assert_non_null(strstr(a.text, "DTSTAMP:20251201T000000Z\r\n"));
	assert_non_null(strstr(c.text, "DTSTAMP:19700101T000000Z\r\n"));
	out_free(&a);
	out_free(&b);
	out_free(&c);
	tl_set_free(set);
}

static void
ics_dtstamp_is_utc(void **state)
{
	struct tl_set *set = load_fixture("several");
	struct out o;

	(void)state;
	o = export_with(set, TL_ICS_SPANS_AUTO, -1);
	assert_int_equal(o.rc, 0);
	assert_non_null(strstr(o.text, "DTSTAMP:19691231T235959Z\r\n"));
	out_free(&o);
	o = export_with(set, TL_ICS_SPANS_AUTO, 1767225599);
	assert_non_null(strstr(o.text, "DTSTAMP:20251231T235959Z\r\n"));
	out_free(&o);
	/* An instant after 9999 cannot be written. */
	o = export_with(set, TL_ICS_SPANS_AUTO, INT64_MAX);
	assert_int_equal(o.rc, TL_EINVAL);
	assert_int_equal(o.len, 0);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_refuses_empty_selection(void **state)
{
	struct tl_filter f = TL_FILTER_INIT;
	struct tl_set *set = load_fixture("empty.yaml");
	struct out o = export_auto(set);

	(void)state;
	assert_int_equal(o.rc, TL_EEMPTY);
	assert_int_equal(o.len, 0);
	out_free(&o);
	tl_set_free(set);

	set = load_fixture("precisions.yaml");
	f.from = tl_day_from_ymd(3000, 1, 1);
	o = export_filtered(set, &f, TL_ICS_SPANS_AUTO, 0);
	assert_int_equal(o.rc, TL_EEMPTY);
	assert_int_equal(o.len, 0);
	out_free(&o);
	tl_set_free(set);
}

/* The number of diagnostics tl_export_ics_check() finds with spans. */
static size_t
check_count(const struct tl_set *set, enum tl_ics_spans spans)
{
	struct tl_ics_options opts = TL_ICS_OPTIONS_INIT;
	struct tl_diags *diags;
	size_t n;

	opts.spans = spans;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(check_all(set, &opts, diags), 0);
	n = tl_diags_count(diags);
	tl_diags_free(diags);
	return n;
}

static void
ics_refuses_event_ending_after_last_day(void **state)
{
	struct tl_ics_options opts = TL_ICS_OPTIONS_INIT;
	struct tl_set *set = load_fixture("end-of-time.yaml");
	struct tl_diags *diags;
	const struct tl_diag *d;
	struct out o;
	char *u;

	(void)state;
	/* Windows that end on 9999-12-31 as one-day events: written. */
	o = export_auto(set);
	assert_int_equal(o.rc, 0);
	u = unfold(o.text, o.len);
	assert_event(u, "last-year@end-of-time.timeline",
	    "DTSTART;VALUE=DATE", "99990101");
	assert_event(u, "last-year@end-of-time.timeline",
	    "DTEND;VALUE=DATE", "99990102");
	assert_event(u, "last-quarter@end-of-time.timeline",
	    "DTEND;VALUE=DATE", "99991002");
	/* An event may cover the last day; its end is then 9999-12-31. */
	assert_event(u, "day-before-last@end-of-time.timeline",
	    "DTEND;VALUE=DATE", "99991231");
	free(u);
	out_free(&o);
	o = export_with(set, TL_ICS_SPANS_NEVER, 0);
	assert_int_equal(o.rc, 0);
	out_free(&o);
	assert_int_equal(check_count(set, TL_ICS_SPANS_AUTO), 0);
	assert_int_equal(check_count(set, TL_ICS_SPANS_NEVER), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(check_all(set, NULL, diags), 0);
	assert_int_equal(tl_diags_count(diags), 0);
	tl_diags_free(diags);

	/* Spanned, they would end after 9999-12-31: refused. */
	o = export_with(set, TL_ICS_SPANS_ALWAYS, 0);
	assert_int_equal(o.rc, TL_ERANGE);
	assert_int_equal(o.len, 0);
	out_free(&o);
	opts.spans = TL_ICS_SPANS_ALWAYS;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(check_all(set, &opts, diags), 0);
	assert_int_equal(tl_diags_count(diags), 2);
	tl_diags_sort(diags);
	d = tl_diags_get(diags, 0);
	assert_int_equal(d->level, TL_LEVEL_ERROR);
	assert_string_equal(d->code, "ics-end-of-time");
	assert_non_null(strstr(d->file, "tests/ics/end-of-time.yaml"));
	assert_int_equal(d->line, 11);
	assert_int_equal(d->col, 9);
	assert_non_null(strstr(d->message, "'last-quarter'"));
	d = tl_diags_get(diags, 1);
	assert_int_equal(d->line, 14);
	assert_non_null(strstr(d->message, "'last-year'"));
	tl_diags_free(diags);
	tl_set_free(set);
}

static void
ics_check_passes_exportable_sets(void **state)
{
	struct tl_set *set = load_fixture("precisions.yaml");
	struct tl_diags *diags;
	struct out o;

	(void)state;
	assert_int_equal(check_count(set, TL_ICS_SPANS_AUTO), 0);
	assert_int_equal(check_count(set, TL_ICS_SPANS_ALWAYS), 0);
	tl_set_free(set);

	/*
	 * The last day itself, a range and a month up to it are spanned
	 * by default, and refused; a year is its first day, and an hour
	 * that ends by midnight is fine.
	 */
	set = load_text(
	    "timeline: last\nmilestones:\n"
	    "  - id: day\n    title: Day\n    date: 9999-12-31\n"
	    "  - id: almost\n    title: Almost\n    date: 9999-12-30\n"
	    "  - id: range\n    title: Range\n    start: 9998\n"
	    "    end: 9999\n"
	    "  - id: month\n    title: Month\n    date: 9999-12\n"
	    "  - id: year\n    title: Year\n    date: 9999\n"
	    "  - id: evening\n    title: Evening\n    date: 9999-12-31\n"
	    "    time: \"22:59\"\n    timezone: UTC\n");
	assert_int_equal(check_count(set, TL_ICS_SPANS_AUTO), 3);
	assert_int_equal(check_count(set, TL_ICS_SPANS_NEVER), 1);
	assert_int_equal(check_count(set, TL_ICS_SPANS_ALWAYS), 4);
	o = export_auto(set);
	assert_int_equal(o.rc, TL_ERANGE);
	assert_int_equal(o.len, 0);
	out_free(&o);
	tl_set_free(set);

	/* An hour that would end on the day after 9999-12-31: refused. */
	set = load_text(
	    "timeline: last\nmilestones:\n"
	    "  - id: evening\n    title: Evening\n    date: 9999-12-31\n"
	    "    time: \"22:59\"\n    timezone: UTC\n"
	    "  - id: night\n    title: Night\n    date: 9999-12-31\n"
	    "    time: \"23:30\"\n    timezone: Asia/Tokyo\n");
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(check_all(set, NULL, diags), 0);
	assert_int_equal(tl_diags_count(diags), 1);
	assert_string_equal(tl_diags_get(diags, 0)->code, "ics-end-of-time");
	assert_non_null(strstr(tl_diags_get(diags, 0)->message,
	    "'night' at 23:30 would end on the day after 9999-12-31"));
	tl_diags_free(diags);
	o = export_auto(set);
	assert_int_equal(o.rc, TL_ERANGE);
	out_free(&o);
	tl_set_free(set);
	set = load_text(
	    "timeline: last\nmilestones:\n"
	    "  - id: evening\n    title: Evening\n    date: 9999-12-31\n"
	    "    time: \"22:59\"\n    timezone: UTC\n");
	o = export_auto(set);
	assert_int_equal(o.rc, 0);
	assert_non_null(strstr(o.text,
	    "DTEND;TZID=UTC:99991231T235900\r\n"));
	out_free(&o);
	tl_set_free(set);

	/* In 0001-9999 on the wall clock, not in UTC, where calendar
	 * programs place an event (an instant in 10000 breaks them): each
	 * refused, and said at the end it falls out at. */
	set = load_text(
	    "timeline: last\nmilestones:\n"
	    "  - id: late\n    title: Late\n    date: 9999-12-31\n"
	    "    time: \"20:00\"\n    timezone: America/New_York\n"
	    "  - id: early\n    title: Early\n    date: 0001-01-01\n"
	    "    time: \"05:00\"\n    timezone: Asia/Tokyo\n"
	    "  - id: kiritimati\n    title: Early too\n"
	    "    date: 0001-01-01\n    time: \"00:15\"\n"
	    "    timezone: Etc/GMT-14\n"
	    "  - id: fine\n    title: Fine\n    date: 0001-01-01\n"
	    "    time: \"10:00\"\n    timezone: Asia/Tokyo\n");
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(check_all(set, NULL, diags), 0);
	assert_int_equal(tl_diags_count(diags), 3);
	assert_true(has_message(diags, "'late' at 20:00 would end after "
	    "9999-12-31 in UTC"));
	assert_true(has_message(diags, "'early' at 05:00 would start before "
	    "0001-01-01 in UTC"));
	assert_true(has_message(diags, "'kiritimati' at 00:15 would start "
	    "before 0001-01-01 in UTC"));
	tl_diags_free(diags);
	o = export_auto(set);
	assert_int_equal(o.rc, TL_ERANGE);
	out_free(&o);
	tl_set_free(set);
}


static void
ics_reimport_keeps_uid_and_raises_sequence(void **state)
{
	struct tl_set *before = load_text(
	    "timeline: rust\nmilestones:\n"
	    "  - id: drm\n    title: DRM requires Rust\n"
	    "    date: ~2026-Q3\n");
	struct tl_set *after = load_text(
	    "timeline: rust\nmilestones:\n"
	    "  - id: drm\n    title: DRM requires Rust for new drivers\n"
	    "    date: ~2027-Q1\n"
	    "    history:\n      - date: ~2026-Q3\n"
	    "        noted: 2026-02-01\n");
	struct out a = export_auto(before), b = export_auto(after);
	char *ua = unfold(a.text, a.len), *ub = unfold(b.text, b.len);

	(void)state;
	assert_int_equal(count_lines(ua, "UID:drm@rust.timeline"), 1);
	assert_int_equal(count_lines(ub, "UID:drm@rust.timeline"), 1);
	assert_event(ua, "drm@rust.timeline", "SEQUENCE", "0");
	assert_event(ub, "drm@rust.timeline", "SEQUENCE", "1");
	assert_event(ub, "drm@rust.timeline", "SUMMARY",
	    "DRM requires Rust for new drivers (~Q1 2027)");
	assert_event(ub, "drm@rust.timeline", "DTSTART;VALUE=DATE",
	    "20270101");
	assert_event(ub, "drm@rust.timeline", "DESCRIPTION",
	    "Date: ~2027-Q1 (2027-01-01 to 2027-03-31\\, approximate)\\n"
	    "Earlier estimate: ~2026-Q3\\, noted 2026-02-01");
	free(ua);
	free(ub);
	out_free(&a);
	out_free(&b);
	tl_set_free(before);
	tl_set_free(after);
}

/* Loads several files' YAML texts into one resolved set. */
static struct tl_set *
load_texts(const char *const *names, const char *const *yamls, size_t n)
{
	struct tl_set *set;
	struct tl_diags *diags;
	size_t i;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(tl_set_load_buffer(set, names[i], yamls[i],
		    strlen(yamls[i]), diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

/* Timeline a, whose base moved base_moves times, and b hanging on it. */
static struct tl_set *
moving_sets(int base_moves)
{
	static const char *const names[] = { "a.yaml", "b.yaml" };
	const char *yamls[2];
	char a[1024];

	snprintf(a, sizeof(a),
	    "timeline: a\nmilestones:\n"
	    "  - id: base\n    title: Base\n    date: 2026-06-10\n%s"
	    "  - id: next\n    title: Next\n"
	    "    date: {after: base, offset: 1w}\n"
	    "    history:\n      - date: 2026-05\n"
	    "  - id: last\n    title: Last\n"
	    "    date: {after: next, offset: 1m}\n",
	    base_moves == 0 ? "" : base_moves == 1 ?
	    "    history:\n      - date: 2026-Q1\n" :
	    "    history:\n      - date: 2026-Q1\n      - date: 2026-04\n");
	yamls[0] = a;
	yamls[1] =
	    "timeline: b\nmilestones:\n"
	    "  - id: far\n    title: Far\n"
	    "    date: {before: a/last, offset: 3d}\n"
	    "    history:\n      - date: 2027\n      - date: 2026-H2\n"
	    "  - id: own\n    title: Own\n    date: 2026-09-01\n";
	return load_texts(names, yamls, 2);
}

static void
ics_sequence_adds_the_reference_sequence(void **state)
{
	struct tl_set *set;
	struct out o;
	char *u, want[16];
	int moves;

	(void)state;
	for (moves = 0; moves <= 2; moves++) {
		set = moving_sets(moves);
		o = export_auto(set);
		assert_int_equal(o.rc, 0);
		u = unfold(o.text, o.len);
		/* base moved 'moves' times; next once more; last none. */
		snprintf(want, sizeof(want), "%d", moves);
		assert_event(u, "base@a.timeline", "SEQUENCE", want);
		snprintf(want, sizeof(want), "%d", moves + 1);
		assert_event(u, "next@a.timeline", "SEQUENCE", want);
		/* A chain adds up, across timelines too. */
		assert_event(u, "last@a.timeline", "SEQUENCE", want);
		snprintf(want, sizeof(want), "%d", moves + 3);
		assert_event(u, "far@b.timeline", "SEQUENCE", want);
		assert_event(u, "own@b.timeline", "SEQUENCE", "0");
		free(u);
		out_free(&o);
		tl_set_free(set);
	}
}

static void
ics_sequence_counts_a_reference_outside_the_selection(void **state)
{
	static const char *const only_b[] = { "b" };
	struct tl_filter f = TL_FILTER_INIT;
	struct tl_set *set = moving_sets(2);
	struct tl_selection *sel;
	const struct tl_milestone *m, *ref;
	struct out o;
	char *u;

	(void)state;
	f.timelines = only_b;
	f.ntimelines = 1;
	assert_int_equal(tl_select(&sel, set, &f), 0);
	assert_int_equal(tl_selection_count(sel), 2);
	/* What it hangs on is not exported, and still found. */
	m = tl_selection_milestone(sel, 0);
	assert_string_equal(tl_milestone_id(m), "far");
	ref = tl_milestone_reference(m);
	assert_non_null(ref);
	assert_string_equal(tl_milestone_id(ref), "last");
	assert_string_equal(tl_milestone_timeline(ref)->name, "a");
	assert_null(tl_milestone_reference(tl_selection_milestone(sel, 1)));
	tl_selection_free(sel);
	o = export_filtered(set, &f, TL_ICS_SPANS_AUTO, 0);
	assert_int_equal(o.rc, 0);
	u = unfold(o.text, o.len);
	assert_int_equal(count_lines(u, "BEGIN:VEVENT"), 2);
	assert_event(u, "far@b.timeline", "SEQUENCE", "5");
	free(u);
	out_free(&o);
	tl_set_free(set);
}

/* Milestones in a chain of relative dates in one timeline. */
#define CHAIN_LENGTH 100000

static void
ics_sequence_of_a_long_chain(void **state)
{
	struct buf_s {
		char *text;
		size_t len;
	} b = { NULL, 0 };
	struct tl_set *set;
	struct out o;
	FILE *fp;
	char *u, uid[64];
	clock_t t0;
	double cpu;
	long i;

	(void)state;
	fp = open_memstream(&b.text, &b.len);
	assert_non_null(fp);
	fputs("timeline: chain\nmilestones:\n"
	    "  - id: m0\n    title: T\n    date: 2026-01-01\n"
	    "    history:\n      - date: 2025\n", fp);
	/* Every thousandth link moved once: SEQUENCE grows along it. */
	for (i = 1; i < CHAIN_LENGTH; i++) {
		fprintf(fp, "  - id: m%ld\n    title: T\n"
		    "    date: {after: m%ld, offset: 0d}\n", i, i - 1);
		if (i % 1000 == 0)
			fputs("    history:\n      - date: 2025\n", fp);
	}
	assert_int_equal(fclose(fp), 0);
	set = load_text(b.text);
	free(b.text);
	assert_int_equal(tl_set_count(set), CHAIN_LENGTH);
	t0 = clock();
	o = export_auto(set);
	cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_int_equal(o.rc, 0);
	/*
	 * Following each chain from its start would take some 5e9 steps
	 * (minutes); each link is followed once, in well under a second.
	 */
	if (cpu > 20.0)
		fail_msg("exporting a chain of %d took %.1f s of CPU",
		    CHAIN_LENGTH, cpu);
	u = unfold(o.text, o.len);
	assert_event(u, "m0@chain.timeline", "SEQUENCE", "1");
	assert_event(u, "m999@chain.timeline", "SEQUENCE", "1");
	assert_event(u, "m1000@chain.timeline", "SEQUENCE", "2");
	snprintf(uid, sizeof(uid), "m%d@chain.timeline", CHAIN_LENGTH - 1);
	assert_event(u, uid, "SEQUENCE", "100");
	/* tl_ics_sequence() says what the export wrote. */
	for (i = 0; i < CHAIN_LENGTH; i += 997) {
		const struct tl_milestone *m = tl_set_milestone(set,
		    (size_t)i);
		char want[16];

		snprintf(uid, sizeof(uid), "%s@chain.timeline",
		    tl_milestone_id(m));
		snprintf(want, sizeof(want), "%lu",
		    (unsigned long)tl_ics_sequence(m));
		assert_event(u, uid, "SEQUENCE", want);
	}
	assert_int_equal(tl_ics_sequence(tl_set_milestone(set, 0)), 1);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_description_lists_history_newest_first(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: h\nmilestones:\n"
	    "  - id: m\n    title: M\n    date: 2027-Q2\n"
	    "    history:\n"
	    "      - date: 2026-H1\n        noted: 2025-01-10\n"
	    "      - date: 2026-Q4\n        noted: 2025-09-01\n"
	    "      - date: ~2027-02\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_event(u, "m@h.timeline", "DESCRIPTION",
	    "Date: 2027-Q2 (2027-04-01 to 2027-06-30)\\n"
	    "Earlier estimate: ~2027-02\\n"
	    "Earlier estimate: 2026-Q4\\, noted 2025-09-01\\n"
	    "Earlier estimate: 2026-H1\\, noted 2025-01-10");
	assert_event(u, "m@h.timeline", "SEQUENCE", "3");
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_writes_a_repeated_time_in_utc(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: fold\nmilestones:\n"
	    "  - id: berlin\n    title: B\n    date: 2026-10-25\n"
	    "    time: \"02:30\"\n    timezone: Europe/Berlin\n"
	    "  - id: sydney\n    title: S\n    date: 2026-04-05\n"
	    "    time: \"02:30\"\n    timezone: Australia/Sydney\n"
	    "  - id: sydney-once\n    title: S1\n    date: 2026-04-05\n"
	    "    time: \"03:30\"\n    timezone: Australia/Sydney\n"
	    "  - id: berlin-far\n    title: F\n    date: 2600-10-26\n"
	    "    time: \"02:00\"\n    timezone: Europe/Berlin\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_well_formed(o.text, o.len);
	/* 02:30 CEST, the first of the two, is 00:30 UTC. */
	assert_event(u, "berlin@fold.timeline", "DTSTART", "20261025T003000Z");
	assert_event(u, "berlin@fold.timeline", "DTEND", "20261025T013000Z");
	assert_null(event_prop(u, "berlin@fold.timeline",
	    "DTSTART;TZID=Europe/Berlin"));
	assert_event(u, "berlin@fold.timeline", "X-TIMELINE-DATE;VALUE=TEXT",
	    "2026-10-25 02:30 Europe/Berlin");
	assert_event(u, "sydney-once@fold.timeline",
	    "X-TIMELINE-DATE;VALUE=TEXT", "2026-04-05 03:30 Australia/Sydney");
	assert_event(u, "berlin@fold.timeline", "DESCRIPTION",
	    "Date: 2026-10-25 02:30 Europe/Berlin");
	/* 02:30 AEDT (+11) is the day before in UTC. */
	assert_event(u, "sydney@fold.timeline", "DTSTART", "20260404T153000Z");
	assert_event(u, "sydney@fold.timeline", "DTEND", "20260404T163000Z");
	/* Once that day, it keeps its zone, which is then written. */
	assert_event(u, "sydney-once@fold.timeline",
	    "DTSTART;TZID=Australia/Sydney", "20260405T033000");
	/* Far years follow the rule of today's (last Sunday of October). */
	assert_event(u, "berlin-far@fold.timeline", "DTSTART",
	    "26001026T000000Z");
	/* Berlin only at folds: no VTIMEZONE; Sydney's is there. */
	assert_int_equal(count_lines(u, "TZID:Europe/Berlin"), 0);
	assert_int_equal(count_lines(u, "TZID:Australia/Sydney"), 1);
	assert_int_equal(count_lines(u, "BEGIN:VTIMEZONE"), 1);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_writes_an_end_that_is_not_once_in_utc(void **state)
{
	struct tl_set *set = load_fixture("ends.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_well_formed(o.text, o.len);
	/* 01:30 comes twice: its first occurrence, 01:30 EDT, ends it. */
	assert_event(u, "new-york-fold@ends.timeline",
	    "DTSTART;TZID=America/New_York", "20261101T003000");
	assert_event(u, "new-york-fold@ends.timeline", "DTEND",
	    "20261101T053000Z");
	assert_null(event_prop(u, "new-york-fold@ends.timeline",
	    "DTEND;TZID=America/New_York"));
	/* 02:30 never comes: read at the offset before, EST. */
	assert_event(u, "new-york-gap@ends.timeline",
	    "DTSTART;TZID=America/New_York", "20260308T013000");
	assert_event(u, "new-york-gap@ends.timeline", "DTEND",
	    "20260308T073000Z");
	assert_event(u, "berlin-gap@ends.timeline",
	    "DTSTART;TZID=Europe/Berlin", "20260329T011500");
	assert_event(u, "berlin-gap@ends.timeline", "DTEND",
	    "20260329T011500Z");
	assert_event(u, "berlin-fold@ends.timeline",
	    "DTSTART;TZID=Europe/Berlin", "20261025T013000");
	assert_event(u, "berlin-fold@ends.timeline", "DTEND",
	    "20261025T003000Z");
	/* An end that comes once stays on the wall clock. */
	assert_event(u, "new-york-after-fold@ends.timeline",
	    "DTEND;TZID=America/New_York", "20261101T033000");
	assert_int_equal(count_lines(u, "BEGIN:VTIMEZONE"), 2);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_options_carry_a_version(void **state)
{
	static const struct tl_ics_options init = TL_ICS_OPTIONS_INIT;
	struct tl_ics_options opts, bad;
	struct tl_set *set = load_fixture("precisions.yaml");
	struct tl_diags *diags;
	struct out o, ref;

	(void)state;
	assert_int_equal(init.version, TL_ICS_OPTIONS_VERSION);
	memset(&opts, 0xa5, sizeof(opts));
	assert_int_equal(tl_ics_options_init(&opts, TL_ICS_OPTIONS_VERSION),
	    0);
	assert_int_equal(opts.version, TL_ICS_OPTIONS_VERSION);
	assert_int_equal(opts.spans, TL_ICS_SPANS_AUTO);
	assert_int_equal(opts.dtstamp, 0);
	/* An unknown version is refused and leaves the options alone. */
	bad = opts;
	assert_int_equal(tl_ics_options_init(&bad, 0), TL_EINVAL);
	assert_int_equal(tl_ics_options_init(&bad,
	    TL_ICS_OPTIONS_VERSION + 1), TL_EINVAL);
	assert_memory_equal(&bad, &opts, sizeof(opts));
	assert_int_equal(tl_ics_options_init(NULL, TL_ICS_OPTIONS_VERSION),
	    TL_EINVAL);

	/* The options as initialised, and NULL, are the defaults. */
	ref = export_selected(set, NULL, NULL);
	o = export_selected(set, NULL, &opts);
	assert_int_equal(ref.rc, 0);
	assert_int_equal(o.rc, 0);
	assert_int_equal(o.len, ref.len);
	assert_memory_equal(o.text, ref.text, ref.len);
	out_free(&o);

	/* Bad options: TL_EINVAL, nothing written. */
	bad = opts;
	bad.version = 0;
	o = export_selected(set, NULL, &bad);
	assert_int_equal(o.rc, TL_EINVAL);
	assert_int_equal(o.len, 0);
	out_free(&o);
	bad.version = TL_ICS_OPTIONS_VERSION + 1;
	o = export_selected(set, NULL, &bad);
	assert_int_equal(o.rc, TL_EINVAL);
	out_free(&o);
	bad = opts;
	bad.spans = (enum tl_ics_spans)7;
	o = export_selected(set, NULL, &bad);
	assert_int_equal(o.rc, TL_EINVAL);
	assert_int_equal(o.len, 0);
	out_free(&o);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(check_all(set, &bad, diags), TL_EINVAL);
	assert_int_equal(tl_diags_count(diags), 0);
	tl_diags_free(diags);
	out_free(&ref);
	tl_set_free(set);
}

static void
ics_writes_timed_events_with_their_zones(void **state)
{
	struct tl_set *set = load_fixture("timed.yaml");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);
	const char *line;
	size_t zones = 0;

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_well_formed(o.text, o.len);
	assert_event(u, "berlin-spring@timed.timeline",
	    "DTSTART;TZID=Europe/Berlin", "20270328T100000");
	assert_event(u, "berlin-spring@timed.timeline",
	    "DTEND;TZID=Europe/Berlin", "20270328T110000");
	/* An hour later on the wall clock is the next day here. */
	assert_event(u, "tokyo-late@timed.timeline",
	    "DTSTART;TZID=Asia/Tokyo", "20251210T233000");
	assert_event(u, "tokyo-late@timed.timeline",
	    "DTEND;TZID=Asia/Tokyo", "20251211T003000");
	assert_event(u, "utc@timed.timeline", "DTSTART;TZID=UTC",
	    "20260601T000000");
	assert_event(u, "all-day@timed.timeline", "DTSTART;VALUE=DATE",
	    "20260602");
	assert_event(u, "berlin-spring@timed.timeline", "SUMMARY",
	    "Call in Berlin on the day clocks go forward");
	assert_event(u, "berlin-spring@timed.timeline", "DESCRIPTION",
	    "Date: 2027-03-28 10:00 Europe/Berlin");
	/* The calendar keeps the zone's name; the text says UTC-12. */
	assert_event(u, "aoe-deadline@timed.timeline",
	    "DTSTART;TZID=Etc/GMT+12", "20260215T235900");
	assert_event(u, "aoe-deadline@timed.timeline", "DESCRIPTION",
	    "Date: 2026-02-15 23:59 UTC-12");

	/* One VTIMEZONE per zone, in name order, under the IANA name. */
	for (line = u; line != NULL; line = next_line(line))
		if (strcmp(line, "BEGIN:VTIMEZONE") == 0) {
			static const char *const names[] = {
				"TZID:America/New_York", "TZID:Asia/Tokyo",
				"TZID:Etc/GMT+12", "TZID:Europe/Berlin",
				"TZID:UTC"
			};

			assert_true(zones < 5);
			assert_string_equal(next_line(line), names[zones]);
			zones++;
		}
	assert_int_equal(zones, 5);
	assert_null(strstr(o.text, "freeassociation"));
	/* No UNTIL: dateutil refuses it beside a local DTSTART. */
	assert_null(strstr(o.text, "UNTIL="));
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_zone_rules_start_at_first_event(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: berlin\nmilestones:\n"
	    "  - id: call\n    title: Call\n    date: 2027-03-28\n"
	    "    time: \"10:00\"\n    timezone: Europe/Berlin\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);
	const char *line;
	int in_zone = 0;

	(void)state;
	for (line = u; line != NULL; line = next_line(line)) {
		if (strcmp(line, "BEGIN:VTIMEZONE") == 0)
			in_zone = 1;
		if (strcmp(line, "END:VTIMEZONE") == 0)
			in_zone = 0;
		/* From the changes of 2026 on: no older history. */
		if (in_zone && strncmp(line, "DTSTART:", 8) == 0)
			assert_true(strcmp(line + 8, "20260101T000000") >= 0);
	}
	/* Today's rules carry on: last Sundays of March and October,
	 * from those of the year before the event.  One STANDARD and one
	 * DAYLIGHT, as calendar programs write a zone: no observance that
	 * only says the offset at the start. */
	assert_int_equal(count_lines(u, "DTSTART:20260329T020000"), 1);
	assert_int_equal(count_lines(u,
	    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"), 1);
	assert_int_equal(count_lines(u, "DTSTART:20261025T030000"), 1);
	assert_int_equal(count_lines(u,
	    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"), 1);
	assert_int_equal(count_lines(u, "BEGIN:STANDARD"), 1);
	assert_int_equal(count_lines(u, "BEGIN:DAYLIGHT"), 1);
	assert_int_equal(count_lines(u, "BEGIN:VTIMEZONE"), 1);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

/*
 * A zone whose file ends with a change that changes nothing (tzdata's
 * Asia/Bangkok, at the end of 32-bit time, 2038-01-19 03:14:07 UTC)
 * gets one observance: the icalendar gem of Debian 12 fails on a file
 * with the empty one.
 */
static void
ics_zone_without_changes_has_one_observance(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: bkk\nmilestones:\n"
	    "  - id: m\n    title: Meeting\n    date: 2026-06-01\n"
	    "    time: \"10:00\"\n    timezone: Asia/Bangkok\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_int_equal(count_lines(u, "BEGIN:VTIMEZONE"), 1);
	assert_int_equal(count_lines(u, "BEGIN:STANDARD"), 1);
	assert_int_equal(count_lines(u, "BEGIN:DAYLIGHT"), 0);
	assert_int_equal(count_lines(u, "TZOFFSETTO:+0700"), 1);
	assert_int_equal(count_lines(u,
	    "DTSTART;TZID=Asia/Bangkok:20260601T100000"), 1);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

/*
 * Changes after 2037 follow the zone's rules (libical started some of
 * them, where a tz file's 32-bit times end, at 03:14:07 UTC with the
 * wrong offset): 00:30 on the day the Azores' clocks go back in 2040
 * occurs twice and is written in UTC; 03:00 occurs once.
 */
static void
ics_zone_changes_after_2037_follow_the_rules(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: az\nmilestones:\n"
	    "  - {id: fold, title: F, date: 2040-10-28, time: \"00:30\", "
	    "timezone: Atlantic/Azores}\n"
	    "  - {id: plain, title: P, date: 2040-10-28, time: \"03:00\", "
	    "timezone: Atlantic/Azores}\n"
	    "  - {id: lh, title: L, date: 2039-10-02, time: \"10:00\", "
	    "timezone: Australia/Lord_Howe}\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);
	const char *line;

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_event(u, "fold@az.timeline", "DTSTART", "20401028T003000Z");
	assert_event(u, "plain@az.timeline", "DTSTART;TZID=Atlantic/Azores",
	    "20401028T030000");
	/* No observance starts at 2^31 seconds, or at any odd second. */
	for (line = u; line != NULL; line = next_line(line))
		if (strncmp(line, "DTSTART:", 8) == 0)
			assert_int_equal(strncmp(line + 21, "00", 2), 0);
	/* The Azores go back from +00 at 01:00, Lord Howe forward from
	 * +10:30 at 02:00, as every year before. */
	assert_non_null(strstr(o.text, "TZOFFSETFROM:+0000\r\n"
	    "TZOFFSETTO:-0100\r\nDTSTART:20391030T010000\r\n"));
	assert_non_null(strstr(o.text, "TZOFFSETFROM:+1030\r\n"
	    "TZOFFSETTO:+1100\r\nDTSTART:20381003T020000\r\n"));
	free(u);
	out_free(&o);
	tl_set_free(set);
}

/*
 * libical gives some zones' rules in two parts, to 2037 and from 2038
 * (Lord Howe, Chatham, Santiago, Nuuk, Troll); the parts are joined
 * again, so that no change is listed twice (once as the dates of the
 * first part, once by the rule of the second, from the same day), which
 * readers that keep one of them (Emacs) misread.
 */
static void
ics_zone_rules_cut_at_2037_are_joined(void **state)
{
	static const char *const zones[] = {
		"Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago",
		"America/Nuuk", "Antarctica/Troll"
	};
	char text[2048], id[8];
	struct tl_set *set;
	struct out o;
	const char *zone, *line, *other;
	char *u;
	size_t i, n = 0;

	(void)state;
	n += (size_t)snprintf(text, sizeof(text),
	    "timeline: cut\nmilestones:\n");
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		snprintf(id, sizeof(id), "z%zu", i);
		n += (size_t)snprintf(text + n, sizeof(text) - n, "  - {id: "
		    "%s, title: T, date: 2026-11-15, time: \"12:00\", "
		    "timezone: %s}\n", id, zones[i]);
	}
	set = load_text(text);
	o = export_auto(set);
	assert_int_equal(o.rc, 0);
	u = unfold(o.text, o.len);
	assert_int_equal(count_lines(u, "BEGIN:VTIMEZONE"), 5);
	for (zone = u; zone != NULL; zone = next_line(zone)) {
		if (strcmp(zone, "BEGIN:VTIMEZONE") != 0)
			continue;
		/* Every onset once in its zone: no DTSTART twice. */
		for (line = zone; line != NULL && strcmp(line,
		    "END:VTIMEZONE") != 0; line = next_line(line)) {
			/* Each zone's rules carry on: none is listed as
			 * dates. */
			assert_false(strncmp(line, "RDATE", 5) == 0);
			if (strncmp(line, "DTSTART:", 8) != 0)
				continue;
			for (other = next_line(line); other != NULL &&
			    strcmp(other, "END:VTIMEZONE") != 0;
			    other = next_line(other))
				assert_string_not_equal(other, line);
		}
	}
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_zone_rules_that_ended_become_dates(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: ny\nmilestones:\n"
	    "  - id: call\n    title: Call\n    date: 2004-04-05\n"
	    "    time: \"12:00\"\n    timezone: America/New_York\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	/* The rules of 1987-2006: first Sunday of April, last of October,
	 * from the year before the event's. */
	assert_int_equal(count_lines(u, "DTSTART:20030406T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20030406T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20040404T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20060402T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20061029T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20070311T020000"), 0);
	/* Then those since 2007, with no end. */
	assert_int_equal(count_lines(u, "DTSTART:20070311T020000"), 1);
	assert_int_equal(count_lines(u,
	    "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"), 1);
	assert_null(strstr(o.text, "UNTIL="));
	free(u);
	out_free(&o);
	tl_set_free(set);
}

/*
 * Asserts that every observance of every VTIMEZONE in u that has RDATEs
 * lists its DTSTART among them, and no date twice; returns how many
 * observances had RDATEs.
 */
static size_t
assert_onsets_listed(const char *u)
{
	const char *line, *start = NULL, *rdates[256];
	size_t i, n = 0, observances = 0;
	int in_zone = 0, onset;

	for (line = u; line != NULL; line = next_line(line)) {
		if (strcmp(line, "BEGIN:VTIMEZONE") == 0)
			in_zone = 1;
		else if (strcmp(line, "END:VTIMEZONE") == 0)
			in_zone = 0;
		else if (in_zone && (strcmp(line, "BEGIN:STANDARD") == 0 ||
		    strcmp(line, "BEGIN:DAYLIGHT") == 0)) {
			start = NULL;
			n = 0;
		} else if (in_zone && strncmp(line, "DTSTART:", 8) == 0) {
			start = line + 8;
		} else if (in_zone && strncmp(line, "RDATE:", 6) == 0) {
			assert_true(n < sizeof(rdates) / sizeof(rdates[0]));
			for (i = 0; i < n; i++)
				if (strcmp(rdates[i], line + 6) == 0)
					fail_msg("RDATE:%s twice", line + 6);
			rdates[n++] = line + 6;
		} else if (in_zone && (strcmp(line, "END:STANDARD") == 0 ||
		    strcmp(line, "END:DAYLIGHT") == 0)) {
			assert_non_null(start);
			onset = n == 0;
			for (i = 0; i < n; i++)
				onset |= strcmp(rdates[i], start) == 0;
			if (!onset)
				fail_msg("DTSTART:%s is no RDATE", start);
			observances += n > 0;
		}
	}
	return observances;
}

static void
ics_zone_onsets_are_among_their_dates(void **state)
{
	static const char *const fixtures[] = {
		"onsets.yaml", "onsets-2026.yaml"
	};
	struct tl_set *set;
	struct out o;
	char *u;
	size_t i, observances = 0;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		set = load_fixture(fixtures[i]);
		o = export_auto(set);
		assert_int_equal(o.rc, 0);
		u = unfold(o.text, o.len);
		observances += assert_onsets_listed(u);
		free(u);
		out_free(&o);
		tl_set_free(set);
	}
	/* Some observance had RDATEs, or this tested nothing.  (Which do
	 * depends on the tz database: Casablanca's of 2026 have none in
	 * tzdata 2026f.) */
	assert_true(observances > 0);
	/* A change that no yearly rule repeats is an RDATE, once. */
	set = load_text(
	    "timeline: mx\nmilestones:\n"
	    "  - id: call\n    title: Call\n    date: 2021-07-01\n"
	    "    time: \"12:00\"\n    timezone: America/Mexico_City\n");
	o = export_auto(set);
	u = unfold(o.text, o.len);
	assert_int_equal(count_lines(u, "DTSTART:20200405T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20200405T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20210404T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20220403T020000"), 1);
	assert_int_equal(count_lines(u, "DTSTART:20201025T020000"), 1);
	assert_int_equal(count_lines(u, "RDATE:20211031T020000"), 1);
	/* The onset first, then the later dates. */
	assert_non_null(strstr(o.text, "DTSTART:20200405T020000\r\n"
	    "RDATE:20200405T020000\r\nRDATE:20210404T020000\r\n"));
	free(u);
	out_free(&o);
	tl_set_free(set);
	/* Rules that ended, written as dates, list their onset once too. */
	set = load_text(
	    "timeline: ny\nmilestones:\n"
	    "  - id: call\n    title: Call\n    date: 2004-04-05\n"
	    "    time: \"12:00\"\n    timezone: America/New_York\n");
	o = export_auto(set);
	u = unfold(o.text, o.len);
	assert_true(assert_onsets_listed(u) > 0);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_zone_rules_reach_far_years(void **state)
{
	struct tl_set *set = load_text(
	    "timeline: far\nmilestones:\n"
	    "  - id: call\n    title: Call\n    date: 9000-07-01\n"
	    "    time: \"12:00\"\n    timezone: Europe/Berlin\n");
	struct out o = export_auto(set);
	char *u = unfold(o.text, o.len);

	(void)state;
	assert_int_equal(o.rc, 0);
	assert_event(u, "call@far.timeline", "DTSTART;TZID=Europe/Berlin",
	    "90000701T120000");
	/* Rules from a settled year on, still in force in 9000. */
	assert_int_equal(count_lines(u,
	    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"), 1);
	assert_null(strstr(o.text, "00000000"));
	free(u);
	out_free(&o);
	tl_set_free(set);
}

/* U+FFFD, written in place of a control character. */
#define FFFD "\xef\xbf\xbd"

/* What the hostile milestone's UID and DESCRIPTION become. */
static const char hostile_uid[] =
    "id" FFFD "BEGIN:VEVENT@evil" FFFD FFFD "BEGIN:VTODO.timeline";
static const char hostile_description[] =
    "Text\\n\\nEND:VEVENT\\nBEGIN:VEVENT" FFFD "UID:x\t\\;\\,\\\\\\n";

static void
ics_hostile_text_cannot_inject(void **state)
{
	struct hostile h;
	struct tl_set *set;
	struct out o;
	char *u;
	const char *line;

	(void)state;
	hostile_init(&h, NULL);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_push(set, h.m), 0);
	set->stage = TL_STAGE_ORDERED;
	o = export_auto(set);
	assert_int_equal(o.rc, 0);
	/* No raw CR, LF or other control escapes its property. */
	assert_well_formed(o.text, o.len);
	u = unfold(o.text, o.len);
	assert_int_equal(count_lines(u, "BEGIN:VEVENT"), 1);
	assert_int_equal(count_lines(u, "END:VEVENT"), 1);
	assert_int_equal(count_lines(u, "BEGIN:VCALENDAR"), 1);
	assert_int_equal(count_lines(u, "END:VCALENDAR"), 1);
	for (line = u; line != NULL; line = next_line(line)) {
		assert_true(strncmp(line, "UID:injected", 12) != 0);
		assert_true(strncmp(line, "X-INJECTED", 10) != 0);
		assert_true(strncmp(line, "BEGIN:VTODO", 11) != 0);
		assert_true(strncmp(line, "DTSTART:1900", 12) != 0);
		assert_true(strncmp(line, "SEQUENCE:99", 11) != 0);
		assert_true(strncmp(line, "URL:https://evil", 16) != 0);
	}
	/* One-line text shows each control as U+FFFD; CRLF is two. */
	assert_event(u, hostile_uid, "SUMMARY",
	    "Title" FFFD FFFD "BEGIN:VEVENT" FFFD FFFD "UID:injected"
	    FFFD FFFD FFFD FFFD FFFD FFFD " (May 2026)");
	assert_event(u, hostile_uid, "LOCATION",
	    "Here" FFFD FFFD "LOCATION:There");
	/* A URI spells U+FFFD in percents. */
	assert_event(u, hostile_uid, "URL", "https://example.org/"
	    "%EF%BF%BD%EF%BF%BDURL:https://evil.example/");
	assert_event(u, hostile_uid, "CATEGORIES",
	    "a\\,b\\;c" FFFD FFFD "CATEGORIES:x,\\\\");
	/* A description keeps its lines and tabs, escaped; CRLF is LF. */
	assert_memory_equal(event_prop(u, hostile_uid, "DESCRIPTION"),
	    hostile_description, sizeof(hostile_description) - 1);
	free(u);
	out_free(&o);
	tl_set_free(set);
}

static void
ics_hostile_zone_is_refused(void **state)
{
	static const char *const zones[] = {
		"Mars/Olympus", "../../../dev/stdin", "Europe/Berlin\r\nX: 1"
	};
	struct hostile h;
	struct tl_set *set;
	struct out o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		hostile_init(&h, zones[i]);
		h.m->time = 600;
		h.m->window.end = h.m->window.start;
		h.m->window.precision = TL_PREC_DAY;
		assert_int_equal(tl_set_new(&set), 0);
		assert_int_equal(tl_set_push(set, h.m), 0);
		set->stage = TL_STAGE_ORDERED;
		o = export_auto(set);
		assert_int_equal(o.rc, TL_EINVAL);
		assert_int_equal(o.len, 0);
		out_free(&o);
		tl_set_free(set);
	}
}

static void
ics_reports_write_errors(void **state)
{
	struct tl_ics_options opts = TL_ICS_OPTIONS_INIT;
	struct tl_set *set = load_fixture("precisions.yaml");
	FILE *fp;

	(void)state;
	fp = fopen("/dev/full", "w");
	if (fp == NULL)
		skip();
	assert_int_equal(test_export_ics(fp, set, &opts), TL_EIO);
	fclose(fp);
	tl_set_free(set);
}

static void
ics_reports_every_allocation_failure(void **state)
{
	struct tl_set *set = load_fixture("timed.yaml");
	struct out ref = export_auto(set), o;
	long n;

	(void)state;
	assert_int_equal(ref.rc, 0);
	for (n = 0; n < 10000; n++) {
		allocs_left = n;
		o = export_auto(set);
		allocs_left = -1;
		if (o.rc == 0) {
			assert_int_equal(o.len, ref.len);
			assert_memory_equal(o.text, ref.text, ref.len);
			out_free(&o);
			break;
		}
		assert_int_equal(o.rc, TL_ENOMEM);
		out_free(&o);
	}
	assert_true(n > 0 && n < 10000);
	out_free(&ref);
	tl_set_free(set);
}

static void
ics_check_reports_allocation_failure(void **state)
{
	struct tl_ics_options always = TL_ICS_OPTIONS_INIT;
	struct tl_set *set = load_fixture("end-of-time.yaml");
	struct tl_diags *diags;
	long n;
	int rc;

	always.spans = TL_ICS_SPANS_ALWAYS;
	(void)state;
	for (n = 0; n < 1000; n++) {
		assert_int_equal(tl_diags_new(&diags), 0);
		allocs_left = n;
		rc = check_all(set, &always, diags);
		allocs_left = -1;
		tl_diags_free(diags);
		if (rc == 0)
			break;
		assert_int_equal(rc, TL_ENOMEM);
	}
	assert_true(n > 0 && n < 1000);
	tl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ics_maps_every_precision_by_span_policy),
		cmocka_unit_test(ics_summary_shows_uncertainty_in_words),
		cmocka_unit_test(ics_keeps_the_date_as_written),
		cmocka_unit_test(ics_maps_status_and_transparency),
		cmocka_unit_test(ics_writes_calendar_header),
		cmocka_unit_test(ics_names_calendar_of_several_timelines),
		cmocka_unit_test(ics_names_untitled_calendar_by_timeline),
		cmocka_unit_test(ics_names_calendar_by_selected_timeline),
		cmocka_unit_test(ics_escapes_backslash_semicolon_comma_newline),
		cmocka_unit_test(ics_folds_without_splitting_utf8),
		cmocka_unit_test(ics_folds_emoji_at_every_offset),
		cmocka_unit_test(ics_output_is_byte_identical_for_same_stamp),
		cmocka_unit_test(ics_dtstamp_is_utc),
		cmocka_unit_test(ics_refuses_empty_selection),
		cmocka_unit_test(ics_refuses_event_ending_after_last_day),
		cmocka_unit_test(ics_check_passes_exportable_sets),
		cmocka_unit_test(ics_reimport_keeps_uid_and_raises_sequence),
		cmocka_unit_test(ics_sequence_adds_the_reference_sequence),
		cmocka_unit_test(
		    ics_sequence_counts_a_reference_outside_the_selection),
		cmocka_unit_test(ics_sequence_of_a_long_chain),
		cmocka_unit_test(ics_description_lists_history_newest_first),
		cmocka_unit_test(ics_writes_a_repeated_time_in_utc),
		cmocka_unit_test(ics_writes_an_end_that_is_not_once_in_utc),
		cmocka_unit_test(ics_options_carry_a_version),
		cmocka_unit_test(ics_writes_timed_events_with_their_zones),
		cmocka_unit_test(ics_zone_rules_start_at_first_event),
		cmocka_unit_test(ics_zone_without_changes_has_one_observance),
		cmocka_unit_test(ics_zone_rules_cut_at_2037_are_joined),
		cmocka_unit_test(ics_zone_rules_that_ended_become_dates),
		cmocka_unit_test(ics_zone_onsets_are_among_their_dates),
		cmocka_unit_test(ics_zone_rules_reach_far_years),
		cmocka_unit_test(ics_hostile_text_cannot_inject),
		cmocka_unit_test(ics_hostile_zone_is_refused),
		cmocka_unit_test(ics_zone_changes_after_2037_follow_the_rules),
		cmocka_unit_test(ics_reports_write_errors),
		cmocka_unit_test(ics_reports_every_allocation_failure),
		cmocka_unit_test(ics_check_reports_allocation_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
