/*
 * Tests of resolution (src/resolve.c): references within and across
 * timelines, cycles, the precision of relative dates through chains,
 * long chains, and the warnings that depend on the day.
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

struct fixture {
	struct tl_set *set;
	struct tl_diags *diags;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(tl_set_new(&f->set), 0);
	assert_int_equal(tl_diags_new(&f->diags), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tl_set_free(f->set);
	tl_diags_free(f->diags);
	free(f);
	return 0;
}

static void
dump(const struct tl_diags *diags)
{
	char line[2048];
	size_t i;

	for (i = 0; i < tl_diags_count(diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		print_message("  [%s] %s\n", tl_diags_get(diags, i)->code, line);
	}
}

/* Loads text under name; the file itself must hold no error. */
static void
load_as(struct fixture *f, const char *name, const char *text)
{
	assert_int_equal(tl_set_load_buffer(f->set, name, text, strlen(text),
	    f->diags), 0);
}

static void
resolve(struct fixture *f)
{
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	tl_diags_sort(f->diags);
}

static void
assert_count(const struct tl_diags *diags, size_t n)
{
	if (tl_diags_count(diags) != n) {
		dump(diags);
		fail_msg("%zu diagnostics, want %zu", tl_diags_count(diags), n);
	}
}

static void
assert_diag(const struct tl_diags *diags, size_t i, enum tl_level level,
    const char *code, const char *file, uint32_t line, uint32_t col)
{
	const struct tl_diag *d;

	if (i >= tl_diags_count(diags)) {
		dump(diags);
		fail_msg("no diagnostic %zu", i);
	}
	d = tl_diags_get(diags, i);
	if (d->level != level || strcmp(d->code, code) != 0 ||
	    strcmp(d->file, file) != 0 || d->line != line || d->col != col) {
		dump(diags);
		fail_msg("diagnostic %zu is [%s] %s:%u:%u, want [%s] %s:%u:%u",
		    i, d->code, d->file, (unsigned)d->line, (unsigned)d->col,
		    code, file, (unsigned)line, (unsigned)col);
	}
}

/* The resolved milestone 'id' of timeline 'timeline', or NULL. */
static const struct tl_milestone *
find(const struct tl_set *set, const char *timeline, const char *id)
{
	size_t i;

	for (i = 0; i < tl_set_count(set); i++) {
		const struct tl_milestone *m = tl_set_milestone(set, i);
		if (strcmp(tl_milestone_timeline(m)->name, timeline) == 0 &&
		    strcmp(tl_milestone_id(m), id) == 0)
			return m;
	}
	return NULL;
}

/* Asserts the window of a milestone, days written as text. */
static void
assert_window(const struct tl_set *set, const char *timeline, const char *id,
    const char *first, const char *last, enum tl_precision prec,
    int approximate)
{
	const struct tl_milestone *m = find(set, timeline, id);
	const struct tl_window *w;
	char a[16], b[16];

	if (m == NULL)
		fail_msg("no resolved milestone %s/%s", timeline, id);
	w = tl_milestone_window(m);
	tl_day_format(a, sizeof(a), w->start);
	tl_day_format(b, sizeof(b), w->end);
	if (strcmp(a, first) != 0 || strcmp(b, last) != 0 ||
	    w->precision != prec ||
	    !!(w->flags & TL_WIN_APPROX) != !!approximate)
		fail_msg("%s/%s: %s..%s precision %d approx %d, want "
		    "%s..%s precision %d approx %d", timeline, id, a, b,
		    w->precision, !!(w->flags & TL_WIN_APPROX),
		    first, last, prec, approximate);
}

static void
resolve_places_relative_dates(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;

	load_as(f, "a.yaml", "timeline: a\nmilestones:\n"
	    "  - id: summit\n    title: S\n    date: 2025-12-10\n"
	    "  - id: drm\n    title: D\n"
	    "    date: {after: summit, offset: ~1y}\n"
	    "  - id: before\n    title: B\n"
	    "    date: {before: summit, offset: 2w}\n");
	resolve(f);
	assert_count(f->diags, 0);
	assert_window(f->set, "a", "drm", "2026-12-01", "2026-12-31",
	    TL_PREC_MONTH, 1);
	assert_window(f->set, "a", "before", "2025-11-26", "2025-11-26",
	    TL_PREC_DAY, 0);
	m = find(f->set, "a", "drm");
	assert_int_equal(tl_milestone_date_kind(m), TL_DATE_RELATIVE);
	assert_string_equal(tl_milestone_date(m), "summit");
	assert_string_equal(tl_milestone_end(m), "~1y");
	assert_int_equal(tl_milestone_before(m), 0);
	assert_int_equal(tl_milestone_before(find(f->set, "a", "before")), 1);
}

static void
resolve_names_every_member_of_a_cycle(void **state)
{
	struct fixture *f = *state;
	const char *msg;

	load_as(f, "c.yaml", "timeline: c\nmilestones:\n"
	    "  - id: one\n    title: 1\n    date: {after: three, offset: 1d}\n"
	    "  - id: two\n    title: 2\n    date: {after: one, offset: 1w}\n"
	    "  - id: three\n    title: 3\n"
	    "    date: {before: two, offset: 1m}\n"
	    "  - id: fine\n    title: F\n    date: 2027\n");
	resolve(f);
	assert_count(f->diags, 1);
	/* At the member found first in the file, at its id. */
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "cycle", "c.yaml", 3, 9);
	msg = tl_diags_get(f->diags, 0)->message;
	assert_non_null(strstr(msg, "one"));
	assert_non_null(strstr(msg, "two"));
	assert_non_null(strstr(msg, "three"));
	assert_string_equal(msg, "cycle of relative dates: one -> three -> "
	    "two -> one");
	/* Members of the cycle have no window and are not ordered. */
	assert_int_equal(tl_set_count(f->set), 1);
	assert_non_null(find(f->set, "c", "fine"));
}

static void
resolve_reports_a_self_reference(void **state)
{
	struct fixture *f = *state;

	load_as(f, "s.yaml", "timeline: s\nmilestones:\n"
	    "  - id: me\n    title: M\n    date: {after: me, offset: 0d}\n");
	resolve(f);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "cycle", "s.yaml", 3, 9);
	assert_non_null(strstr(tl_diags_get(f->diags, 0)->message, "me"));
	assert_int_equal(tl_set_count(f->set), 0);
}

static void
resolve_names_cycle_members_across_timelines(void **state)
{
	struct fixture *f = *state;
	const char *msg;

	load_as(f, "b.yaml", "timeline: beta\nmilestones:\n"
	    "  - id: y\n    title: Y\n    date: {after: alpha/x, offset: 1d}\n");
	load_as(f, "a.yaml", "timeline: alpha\nmilestones:\n"
	    "  - id: x\n    title: X\n    date: {after: beta/y, offset: 1d}\n");
	resolve(f);
	assert_count(f->diags, 1);
	/* The first file named holds the member reported. */
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "cycle", "b.yaml", 3, 9);
	msg = tl_diags_get(f->diags, 0)->message;
	assert_non_null(strstr(msg, "y -> alpha/x -> y"));
}

static void
resolve_reports_missing_references_at_the_reference(void **state)
{
	struct fixture *f = *state;

	load_as(f, "a.yaml", "timeline: a\nmilestones:\n"
	    "  - id: x\n    title: X\n    date: {after: ghost, offset: 1d}\n"
	    "  - id: y\n    title: Y\n"
	    "    date: {before: nowhere/x, offset: 1d}\n"
	    "  - id: z\n    title: Z\n    date: {after: b/ghost, offset: 1d}\n"
	    "  - id: hangs\n    title: H\n    date: {after: x, offset: 1d}\n");
	load_as(f, "b.yaml", "timeline: b\nmilestones:\n"
	    "  - id: real\n    title: R\n    date: 2027\n");
	resolve(f);
	assert_count(f->diags, 3);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "missing-reference", "a.yaml",
	    5, 19);
	assert_non_null(strstr(tl_diags_get(f->diags, 0)->message, "ghost"));
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "missing-reference", "a.yaml",
	    8, 20);
	assert_non_null(strstr(tl_diags_get(f->diags, 1)->message,
	    "nowhere/x"));
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "missing-reference", "a.yaml",
	    11, 19);
	/* Only b/real has a window. */
	assert_int_equal(tl_set_count(f->set), 1);
}

static void
resolve_does_not_look_in_other_timelines_for_a_bare_id(void **state)
{
	struct fixture *f = *state;

	load_as(f, "a.yaml", "timeline: a\nmilestones:\n"
	    "  - id: x\n    title: X\n    date: {after: only-in-b, offset: 1d}\n");
	load_as(f, "b.yaml", "timeline: b\nmilestones:\n"
	    "  - id: only-in-b\n    title: B\n    date: 2027\n");
	resolve(f);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "missing-reference", "a.yaml",
	    5, 19);
}

static void
resolve_crosses_timelines(void **state)
{
	struct fixture *f = *state;

	/* alpha -> beta -> alpha -> beta, in files named in either order. */
	load_as(f, "beta.yaml", "timeline: beta\nmilestones:\n"
	    "  - id: first\n    title: F\n"
	    "    date: {after: alpha/start, offset: 2w}\n"
	    "  - id: last\n    title: L\n"
	    "    date: {before: alpha/step, offset: 1q}\n");
	load_as(f, "alpha.yaml", "timeline: alpha\nmilestones:\n"
	    "  - id: start\n    title: S\n    date: 2027-03-15\n"
	    "  - id: step\n    title: St\n"
	    "    date: {after: beta/first, offset: 1m}\n"
	    "  - id: end\n    title: E\n"
	    "    date: {after: beta/last, offset: ~1y}\n"
	    "  - id: own\n    title: O\n"
	    "    date: {after: alpha/start, offset: 1d}\n");
	resolve(f);
	assert_count(f->diags, 0);
	assert_window(f->set, "beta", "first", "2027-03-29", "2027-03-29",
	    TL_PREC_DAY, 0);
	assert_window(f->set, "alpha", "step", "2027-04-01", "2027-04-30",
	    TL_PREC_MONTH, 0);
	assert_window(f->set, "beta", "last", "2027-01-01", "2027-03-31",
	    TL_PREC_QUARTER, 0);
	assert_window(f->set, "alpha", "end", "2028-01-01", "2028-12-31",
	    TL_PREC_YEAR, 1);
	assert_window(f->set, "alpha", "own", "2027-03-16", "2027-03-16",
	    TL_PREC_DAY, 0);
}

static void
resolve_keeps_the_precision_rule_through_chains(void **state)
{
	struct fixture *f = *state;

	load_as(f, "p.yaml", "timeline: p\nmilestones:\n"
	    "  - id: day\n    title: D\n    date: 2028-02-29\n"
	    /* A year from a day: month precision. */
	    "  - id: y1\n    title: Y1\n    date: {after: day, offset: 1y}\n"
	    /* Days from that month: still a month. */
	    "  - id: d1\n    title: D1\n    date: {after: y1, offset: 10d}\n"
	    /* A quarter from the month: a quarter. */
	    "  - id: q1\n    title: Q1\n    date: {after: d1, offset: ~1q}\n"
	    /* A year from the quarter: a year, approximate through ~. */
	    "  - id: y2\n    title: Y2\n    date: {after: q1, offset: 1y}\n"
	    /* Days from a year stay a year. */
	    "  - id: d2\n    title: D2\n    date: {before: y2, offset: 1d}\n"
	    /* A range counts as its start: a month. */
	    "  - id: r\n    title: R\n    start: 2030-05\n    end: 2031\n"
	    "  - id: ry\n    title: RY\n    date: {after: r, offset: 1y}\n"
	    "  - id: rd\n    title: RD\n    date: {after: r, offset: 40d}\n"
	    /* A half and weeks: a half. */
	    "  - id: h\n    title: H\n    date: 2032-H2\n"
	    "  - id: hw\n    title: HW\n    date: {after: h, offset: 30w}\n");
	resolve(f);
	assert_count(f->diags, 0);
	assert_window(f->set, "p", "y1", "2029-02-01", "2029-02-28",
	    TL_PREC_MONTH, 0);
	assert_window(f->set, "p", "d1", "2029-02-01", "2029-02-28",
	    TL_PREC_MONTH, 0);
	assert_window(f->set, "p", "q1", "2029-04-01", "2029-06-30",
	    TL_PREC_QUARTER, 1);
	assert_window(f->set, "p", "y2", "2030-01-01", "2030-12-31",
	    TL_PREC_YEAR, 1);
	assert_window(f->set, "p", "d2", "2029-01-01", "2029-12-31",
	    TL_PREC_YEAR, 1);
	assert_window(f->set, "p", "ry", "2031-05-01", "2031-05-31",
	    TL_PREC_MONTH, 0);
	assert_window(f->set, "p", "rd", "2030-06-01", "2030-06-30",
	    TL_PREC_MONTH, 0);
	assert_window(f->set, "p", "hw", "2033-01-01", "2033-06-30",
	    TL_PREC_HALF, 0);
}

static void
resolve_clamps_month_arithmetic(void **state)
{
	struct fixture *f = *state;

	load_as(f, "m.yaml", "timeline: m\nmilestones:\n"
	    "  - id: jan31\n    title: J\n    date: 2027-01-31\n"
	    "  - id: feb\n    title: F\n    date: {after: jan31, offset: 1m}\n"
	    "  - id: back\n    title: B\n"
	    "    date: {before: mar31, offset: 1m}\n"
	    "  - id: mar31\n    title: M\n    date: 2028-03-31\n");
	resolve(f);
	assert_count(f->diags, 0);
	assert_window(f->set, "m", "feb", "2027-02-01", "2027-02-28",
	    TL_PREC_MONTH, 0);
	assert_window(f->set, "m", "back", "2028-02-01", "2028-02-29",
	    TL_PREC_MONTH, 0);
}

static void
resolve_reports_a_moved_day_outside_the_calendar(void **state)
{
	struct fixture *f = *state;

	load_as(f, "r.yaml", "timeline: r\nmilestones:\n"
	    "  - id: late\n    title: L\n    date: 9999-12-01\n"
	    "  - id: later\n    title: LL\n"
	    "    date: {after: late, offset: 1m}\n"
	    "  - id: early\n    title: E\n    date: 0001-01-05\n"
	    "  - id: earlier\n    title: EE\n"
	    "    date: {before: early, offset: 1w}\n"
	    "  - id: last-day\n    title: LD\n"
	    "    date: {after: late, offset: 30d}\n");
	resolve(f);
	assert_count(f->diags, 2);
	/* At the offset, which moves the day out. */
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "offset", "r.yaml", 8, 33);
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "offset", "r.yaml", 14, 35);
	assert_window(f->set, "r", "last-day", "9999-12-31", "9999-12-31",
	    TL_PREC_DAY, 0);
}

/* Builds a file of n milestones, each placed a day after the next one
 * written; the last is a plain day (so the whole chain hangs on the file's
 * last line), or when closed hangs on the first, making a cycle. */
static char *
long_chain(size_t n, int closed)
{
	size_t cap = n * 96 + 64, len = 0, i;
	char *s = malloc(cap);

	assert_non_null(s);
	len += (size_t)snprintf(s + len, cap - len,
	    "timeline: chain\nmilestones:\n");
	for (i = 0; i + 1 < n; i++)
		len += (size_t)snprintf(s + len, cap - len,
		    "  - {id: m%zu, title: T, date: {after: m%zu, offset: 1d}}\n",
		    i, i + 1);
	if (closed)
		snprintf(s + len, cap - len, "  - {id: m%zu, title: T, "
		    "date: {after: m0, offset: 1d}}\n", n - 1);
	else
		snprintf(s + len, cap - len, "  - {id: m%zu, title: T, "
		    "date: 2000-01-01}\n", n - 1);
	return s;
}

static void
resolve_follows_a_chain_of_100000_without_recursion(void **state)
{
	struct fixture *f = *state;
	char *text = long_chain(100000, 0);

	/* A recursive resolver would overflow the stack here. */
	load_as(f, "chain.yaml", text);
	resolve(f);
	free(text);
	assert_count(f->diags, 0);
	assert_int_equal(tl_set_count(f->set), 100000);
	/* m0 is 99999 days after 2000-01-01. */
	assert_int_equal(tl_milestone_window(find(f->set, "chain", "m0"))->start,
	    tl_day_from_ymd(2000, 1, 1) + 99999);
	/* In order: the plain day first, m0 last. */
	assert_string_equal(tl_milestone_id(tl_set_milestone(f->set, 0)),
	    "m99999");
	assert_string_equal(tl_milestone_id(tl_set_milestone(f->set, 99999)),
	    "m0");
}

static void
resolve_reports_a_long_cycle_once(void **state)
{
	struct fixture *f = *state;
	char *text = long_chain(5000, 1);
	const char *msg;

	load_as(f, "cycle.yaml", text);
	free(text);
	resolve(f);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "cycle", "cycle.yaml", 3, 10);
	/* The message stays one line of bounded length. */
	assert_true(strlen(tl_diags_get(f->diags, 0)->message) < 1100);
	assert_null(strchr(tl_diags_get(f->diags, 0)->message, '\n'));
	/* and says that it leaves members out: the whole list would not
	 * fit, so it ends with an ellipsis rather than a cut name. */
	msg = tl_diags_get(f->diags, 0)->message;
	assert_true(strlen(msg) > 8);
	assert_string_equal(msg + strlen(msg) - 7, " -> ...");
	assert_int_equal(tl_set_count(f->set), 0);
}

static void
resolve_refers_to_the_first_of_duplicate_timelines(void **state)
{
	struct fixture *f = *state;

	load_as(f, "a.yaml", "timeline: same\nmilestones:\n"
	    "  - id: x\n    title: X\n    date: 2027-01-01\n");
	load_as(f, "b.yaml", "timeline: same\nmilestones:\n"
	    "  - id: x\n    title: X2\n    date: 2028-01-01\n");
	load_as(f, "c.yaml", "timeline: c\nmilestones:\n"
	    "  - id: y\n    title: Y\n    date: {after: same/x, offset: 1d}\n");
	resolve(f);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "duplicate-timeline", "b.yaml",
	    1, 11);
	assert_window(f->set, "c", "y", "2027-01-02", "2027-01-02",
	    TL_PREC_DAY, 0);
}

static void
resolve_runs_once(void **state)
{
	struct fixture *f = *state;

	load_as(f, "a.yaml", "timeline: a\nmilestones:\n"
	    "  - id: x\n    title: X\n    date: {after: ghost, offset: 1d}\n");
	assert_int_equal(tl_set_resolve(f->set, f->diags), TL_EINVAL);
	resolve(f);
	/* Each stage once, in order: a second call changes nothing. */
	assert_int_equal(tl_set_index(f->set, f->diags), TL_EINVAL);
	assert_int_equal(tl_set_resolve(f->set, f->diags), TL_EINVAL);
	assert_int_equal(tl_set_load_buffer(f->set, "b.yaml", "", 0,
	    f->diags), TL_EINVAL);
	assert_int_equal(tl_set_load_path(f->set, "-", f->diags), TL_EINVAL);
	assert_count(f->diags, 1);
}

static void
warn_reports_overdue_and_early_milestones_at_their_id(void **state)
{
	struct fixture *f = *state;
	int32_t today = tl_day_from_ymd(2026, 11, 24);

	load_as(f, "w.yaml", "timeline: w\nmilestones:\n"
	    "  - id: late\n    title: L\n    date: 2026-05\n"
	    "  - id: risky\n    title: R\n    date: 2026-Q3\n"
	    "    status: at-risk\n"
	    "  - id: ends-today\n    title: T\n    date: 2026-11-24\n"
	    "  - id: slipped\n    title: S\n    date: 2026-01\n"
	    "    status: slipped\n"
	    "  - id: early\n    title: E\n    date: 2026-11-25\n"
	    "    status: done\n"
	    "  - id: done-now\n    title: D\n    date: 2026-11\n"
	    "    status: done\n"
	    "  - id: rel\n    title: Rel\n"
	    "    date: {after: late, offset: 1d}\n");
	resolve(f);
	assert_count(f->diags, 0);
	assert_int_equal(tl_set_warn(f->set, today, f->diags), 0);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 4);
	assert_diag(f->diags, 0, TL_LEVEL_WARNING, "overdue", "w.yaml", 3, 9);
	assert_string_equal(tl_diags_get(f->diags, 0)->message,
	    "'late' is planned but its window ended 2026-05-31 (overdue)");
	assert_diag(f->diags, 1, TL_LEVEL_WARNING, "overdue", "w.yaml", 6, 9);
	assert_diag(f->diags, 2, TL_LEVEL_WARNING, "done-early", "w.yaml", 17,
	    9);
	assert_diag(f->diags, 3, TL_LEVEL_WARNING, "overdue", "w.yaml", 25, 9);
	assert_int_equal(tl_diags_warnings(f->diags), 4);
	assert_int_equal(tl_diags_errors(f->diags), 0);
	assert_true(tl_milestone_is_overdue(find(f->set, "w", "late"), today));
	assert_false(tl_milestone_is_overdue(find(f->set, "w", "ends-today"),
	    today));
	assert_true(tl_milestone_is_overdue(find(f->set, "w", "ends-today"),
	    today + 1));
	assert_false(tl_milestone_is_overdue(find(f->set, "w", "slipped"),
	    today));
}

static void
resolve_tells_what_a_relative_date_hangs_on(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;

	load_as(f, "a.yaml",
	    "timeline: a\nmilestones:\n"
	    "  - id: base\n    title: B\n    date: 2026-01-10\n"
	    "  - id: next\n    title: N\n"
	    "    date: {after: base, offset: 1d}\n");
	load_as(f, "b.yaml",
	    "timeline: b\nmilestones:\n"
	    "  - id: far\n    title: F\n"
	    "    date: {before: a/next, offset: 1w}\n");
	/* Before resolving, nothing is known. */
	assert_int_equal(tl_set_count(f->set), 3);
	assert_null(tl_milestone_reference(tl_set_milestone(f->set, 1)));
	resolve(f);
	assert_count(f->diags, 0);
	assert_null(tl_milestone_reference(find(f->set, "a", "base")));
	m = tl_milestone_reference(find(f->set, "a", "next"));
	assert_ptr_equal(m, find(f->set, "a", "base"));
	m = tl_milestone_reference(find(f->set, "b", "far"));
	assert_ptr_equal(m, find(f->set, "a", "next"));
	assert_ptr_equal(tl_milestone_reference(m), find(f->set, "a", "base"));
}

static void
history_range_reads_what_history_reads(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;
	struct tl_history one, all[4];
	size_t i;

	load_as(f, "h.yaml",
	    "timeline: h\nmilestones:\n"
	    "  - id: m\n    title: M\n    date: 2027\n"
	    "    tags: [a, b]\n    links: [https://example.org/]\n"
	    "    history:\n"
	    "      - date: 2026-Q1\n        noted: 2025-01-10\n"
	    "      - date: ~2026-05\n"
	    "      - date: 2026-H2\n        noted: 2025-09-01\n");
	resolve(f);
	assert_count(f->diags, 0);
	m = find(f->set, "h", "m");
	assert_int_equal(tl_milestone_history_count(m), 3);
	memset(all, 0xa5, sizeof(all));
	tl_milestone_history_range(m, 0, 3, all);
	for (i = 0; i < 3; i++) {
		tl_milestone_history(m, i, &one);
		assert_ptr_equal(all[i].date, one.date);
		assert_memory_equal(&all[i].window, &one.window,
		    sizeof(one.window));
		assert_int_equal(all[i].noted, one.noted);
	}
	assert_string_equal(all[1].date, "~2026-05");
	assert_int_equal(all[1].noted, TL_DAY_NONE);
	/* A part of it, from its middle; and nothing at all. */
	tl_milestone_history_range(m, 1, 2, all + 2);
	assert_string_equal(all[2].date, "~2026-05");
	assert_string_equal(all[3].date, "2026-H2");
	tl_milestone_history_range(m, 3, 0, NULL);
}

/* Every text of a record read back, whatever it holds: the walks of the
 * lists give what the accessors give. */
static void
records_read_back_every_text(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;
	struct tl_list it;
	const char *t;
	size_t i;

	load_as(f, "r.yaml",
	    "timeline: r\nmilestones:\n"
	    "  - id: m\n    title: M\n    start: 2026-Q1\n    end: 2026-Q3\n"
	    "    description: |\n      Long\n      text.\n"
	    "    location: Here\n"
	    "    tags: [a, b, c]\n"
	    "    links: [https://example.org/1, https://example.org/2]\n"
	    "    history:\n      - date: 2025\n"
	    "  - id: t\n    title: T\n    date: 2026-05-01\n"
	    "    time: \"10:00\"\n    timezone: Europe/Berlin\n"
	    "    location: There\n");
	resolve(f);
	assert_count(f->diags, 0);
	m = find(f->set, "r", "m");
	assert_string_equal(tl_milestone_date(m), "2026-Q1");
	assert_string_equal(tl_milestone_end(m), "2026-Q3");
	assert_null(tl_milestone_timezone(m));
	assert_string_equal(tl_milestone_description(m), "Long\ntext.\n");
	assert_string_equal(tl_milestone_location(m), "Here");
	for (i = 0, tl_milestone_tags(m, &it); (t = tl_list_next(&it)) != NULL;
	    i++)
		assert_ptr_equal(t, tl_milestone_tag(m, i));
	assert_int_equal(i, 3);
	assert_null(tl_list_next(&it));
	for (i = 0, tl_milestone_links(m, &it); (t = tl_list_next(&it)) != NULL;
	    i++)
		assert_ptr_equal(t, tl_milestone_link(m, i));
	assert_int_equal(i, 2);
	assert_string_equal(tl_milestone_link(m, 1), "https://example.org/2");
	m = find(f->set, "r", "t");
	assert_string_equal(tl_milestone_timezone(m), "Europe/Berlin");
	assert_string_equal(tl_milestone_location(m), "There");
	assert_null(tl_milestone_description(m));
	assert_null(tl_milestone_end(m));
	tl_milestone_tags(m, &it);
	assert_null(tl_list_next(&it));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(resolve_places_relative_dates),
		T(resolve_names_every_member_of_a_cycle),
		T(resolve_reports_a_self_reference),
		T(resolve_names_cycle_members_across_timelines),
		T(resolve_reports_missing_references_at_the_reference),
		T(resolve_does_not_look_in_other_timelines_for_a_bare_id),
		T(resolve_crosses_timelines),
		T(resolve_keeps_the_precision_rule_through_chains),
		T(resolve_clamps_month_arithmetic),
		T(resolve_reports_a_moved_day_outside_the_calendar),
		T(resolve_follows_a_chain_of_100000_without_recursion),
		T(resolve_reports_a_long_cycle_once),
		T(resolve_refers_to_the_first_of_duplicate_timelines),
		T(resolve_runs_once),
		T(resolve_tells_what_a_relative_date_hangs_on),
		T(history_range_reads_what_history_reads),
		T(records_read_back_every_text),
		T(warn_reports_overdue_and_early_milestones_at_their_id),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
