/*
 * Tests of the order of milestones (SPEC section 4) and of selection
 * (src/order.c): every tie-break, the same order whatever the order of
 * loading, and tl_select() with each filter.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "pipeline.h"
#include "set_internal.h"

/* Three files whose milestones tie in every way the order knows. */
static const char *const file_names[] = { "zulu.yaml", "alpha.yaml",
    "beta.yaml" };
static const char *const file_texts[] = {
	"timeline: zulu\nmilestones:\n"
	"  - {id: same, title: Z, date: 2027-06-01}\n"
	"  - {id: month, title: ZM, date: 2027-06, tags: [x]}\n"
	"  - {id: early, title: ZE, date: 2027-05-31, status: done}\n",
	"timeline: alpha\nmilestones:\n"
	"  - {id: same, title: A, date: 2027-06-01, tags: [y]}\n"
	"  - {id: b, title: AB, date: 2027-06, status: at-risk}\n"
	"  - {id: a, title: AA, date: 2027-06, tags: [x, y]}\n"
	"  - {id: quarter, title: AQ, date: 2027-Q2}\n"
	"  - {id: range, title: AR, start: 2027-06-01, end: 2027-06-15}\n",
	"timeline: alpha-2\nmilestones:\n"
	"  - {id: a, title: A2, date: 2027-06, status: cancelled}\n"
	"  - {id: rel, title: R, date: {after: zulu/early, offset: 1d}}\n"
	"  - {id: late, title: L, date: 2028, status: slipped}\n",
};

/* The order SPEC section 4 gives them, as TIMELINE/ID. */
static const char *const expected[] = {
	"alpha/quarter",	/* Apr 1 - Jun 30: the earliest start */
	"zulu/early",		/* May 31 */
	"alpha/same",		/* Jun 1, one day: alpha before alpha-2 */
	"alpha-2/rel",		/* Jun 1, one day, id 'rel' */
	"zulu/same",		/* Jun 1, one day: zulu last */
	"alpha/range",		/* Jun 1 - Jun 15: narrower than the month */
	"alpha/a",		/* Jun 1 - Jun 30: alpha, then id a, b */
	"alpha/b",
	"alpha-2/a",		/* then timeline alpha-2 */
	"zulu/month",		/* then zulu */
	"alpha-2/late",		/* 2028 */
};
#define NEXPECTED (sizeof(expected) / sizeof(expected[0]))

struct fixture {
	struct tl_set *set;
	struct tl_diags *diags;
	struct tl_selection *sel;	/* the last selection made */
};

static void
dump(const struct tl_diags *diags)
{
	char line[2048];
	size_t i;

	for (i = 0; i < tl_diags_count(diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		print_message("  %s\n", line);
	}
}

/* Loads the three files in the order given by perm, and resolves. */
static void
load_in_order(struct fixture *f, const int perm[3])
{
	int i;

	assert_int_equal(tl_set_new(&f->set), 0);
	assert_int_equal(tl_diags_new(&f->diags), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(tl_set_load_buffer(f->set,
		    file_names[perm[i]], file_texts[perm[i]],
		    strlen(file_texts[perm[i]]), f->diags), 0);
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	if (tl_diags_errors(f->diags) != 0) {
		dump(f->diags);
		fail_msg("the files have errors");
	}
}

static void
unload(struct fixture *f)
{
	tl_selection_free(f->sel);
	f->sel = NULL;
	tl_set_free(f->set);
	tl_diags_free(f->diags);
	f->set = NULL;
	f->diags = NULL;
}

static int
setup(void **state)
{
	static const int perm[3] = { 0, 1, 2 };
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	load_in_order(f, perm);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	unload(f);
	free(f);
	return 0;
}

/* The expected names, those whose index is in keep (or all), joined. */
static void
expected_order(const size_t *keep, size_t nkeep, char *buf, size_t size)
{
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < (keep ? nkeep : NEXPECTED); i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s",
		    i ? " " : "", expected[keep ? keep[i] : i]);
}

/* The selection's milestones as "TIMELINE/ID" joined by spaces. */
static void
selected_of(const struct tl_selection *sel, char *buf, size_t size)
{
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < tl_selection_count(sel); i++) {
		const struct tl_milestone *m = tl_selection_milestone(sel, i);
		at += (size_t)snprintf(buf + at, size - at, "%s%s/%s",
		    i ? " " : "", tl_milestone_timeline(m)->name,
		    tl_milestone_id(m));
		assert_true(at < size);
	}
}

/* Selects from f's set, replacing the last selection. */
static int
select_from(struct fixture *f, const struct tl_filter *filter)
{
	tl_selection_free(f->sel);
	f->sel = NULL;
	return tl_select(&f->sel, f->set, filter);
}

static void
assert_selected(const struct tl_selection *sel, const size_t *keep,
    size_t nkeep)
{
	char got[2048], want[2048];

	selected_of(sel, got, sizeof(got));
	expected_order(keep, nkeep, want, sizeof(want));
	assert_string_equal(got, want);
}

static void
assert_order(const struct tl_set *set, const size_t *keep, size_t nkeep)
{
	struct tl_selection *all;

	assert_int_equal(tl_select(&all, set, NULL), 0);
	assert_selected(all, keep, nkeep);
	tl_selection_free(all);
}

static void
order_breaks_every_tie(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(tl_set_count(f->set), NEXPECTED);
	assert_order(f->set, NULL, 0);
}

static void
order_puts_the_narrower_window_first(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *range = NULL, *month = NULL;
	size_t i;

	for (i = 0; i < tl_set_count(f->set); i++) {
		const struct tl_milestone *m = tl_set_milestone(f->set, i);
		if (strcmp(tl_milestone_id(m), "range") == 0)
			range = m;
		else if (strcmp(tl_milestone_id(m), "a") == 0 && range != NULL &&
		    month == NULL)
			month = m;
	}
	assert_non_null(range);
	assert_non_null(month);
	assert_int_equal(tl_milestone_window(range)->start,
	    tl_milestone_window(month)->start);
	assert_true(tl_milestone_window(range)->end <
	    tl_milestone_window(month)->end);
}

static void
order_is_the_same_whatever_the_loading_order(void **state)
{
	static const int perms[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	struct fixture g;
	size_t p;

	(void)state;
	for (p = 0; p < 6; p++) {
		memset(&g, 0, sizeof(g));
		load_in_order(&g, perms[p]);
		assert_order(g.set, NULL, 0);
		unload(&g);
	}
}

static void
order_lists_timelines_by_name(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(tl_set_timeline_count(f->set), 3);
	assert_string_equal(tl_set_timeline(f->set, 0)->name, "alpha");
	assert_string_equal(tl_set_timeline(f->set, 1)->name, "alpha-2");
	assert_string_equal(tl_set_timeline(f->set, 2)->name, "zulu");
	assert_string_equal(tl_set_timeline(f->set, 0)->file, "alpha.yaml");
}

static void
select_without_a_filter_keeps_everything(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;

	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, NULL, 0);
	assert_int_equal(tl_selection_timeline_count(f->sel), 3);
}

static void
select_keeps_windows_overlapping_from_and_to(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	/* June 1 only: every window holding that day. */
	static const size_t keep[] = { 0, 2, 3, 4, 5, 6, 7, 8, 9 };

	filter.from = tl_day_from_ymd(2027, 6, 1);
	filter.to = tl_day_from_ymd(2027, 6, 1);
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, sizeof(keep) / sizeof(keep[0]));
	/* Timelines are narrowed by name only. */
	assert_int_equal(tl_selection_timeline_count(f->sel), 3);
}

static void
select_keeps_what_starts_by_to(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	/* Up to May 31: the quarter and that day. */
	static const size_t keep[] = { 0, 1 };

	filter.to = tl_day_from_ymd(2027, 5, 31);
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, sizeof(keep) / sizeof(keep[0]));
}

static void
select_keeps_what_ends_from_from(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	/* From June 16: not the range, which ends on the 15th. */
	static const size_t keep[] = { 0, 6, 7, 8, 9, 10 };

	filter.from = tl_day_from_ymd(2027, 6, 16);
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, sizeof(keep) / sizeof(keep[0]));
}

static void
select_keeps_any_of_the_tags(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	static const char *const tags[] = { "nothing", "y" };
	static const size_t keep[] = { 2, 6 };

	filter.tags = tags;
	filter.ntags = 2;
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, 2);
}

static void
select_keeps_any_of_many_tags_and_leaves_their_list(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	static char names[1000][8];
	const char *tags[1000];
	static const size_t keep[] = { 6, 9 };
	size_t i;

	/* Tags no milestone carries, in no order, 'x' twice among them. */
	for (i = 0; i < 1000; i++) {
		snprintf(names[i], sizeof(names[i]), "t%zu", (i * 7919) % 1000);
		tags[i] = names[i];
	}
	tags[500] = "x";
	tags[3] = "x";
	filter.tags = tags;
	filter.ntags = 1000;
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, 2);
	/* The caller's list is as it was. */
	assert_string_equal(tags[0], "t0");
	assert_string_equal(tags[1], "t919");
	assert_string_equal(tags[3], "x");
	assert_string_equal(tags[999], "t81");
}

static void
select_keeps_any_of_the_statuses(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	static const size_t keep[] = { 1, 7, 10 };

	filter.statuses = (1u << TL_STATUS_DONE) | (1u << TL_STATUS_AT_RISK) |
	    (1u << TL_STATUS_SLIPPED);
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, 3);
}

static void
select_keeps_timelines_and_narrows_their_list(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	static const char *const names[] = { "zulu", "alpha-2", "absent" };
	static const size_t keep[] = { 1, 3, 4, 8, 9, 10 };

	filter.timelines = names;
	filter.ntimelines = 3;
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, 6);
	assert_int_equal(tl_selection_timeline_count(f->sel), 2);
	assert_string_equal(tl_selection_timeline(f->sel, 0)->name, "alpha-2");
	assert_string_equal(tl_selection_timeline(f->sel, 1)->name, "zulu");
}

static void
select_requires_every_given_filter(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	static const char *const tags[] = { "x", "y" };
	static const char *const names[] = { "zulu" };
	/* Tagged x or y, and overlapping June 2: not alpha/same. */
	static const size_t keep[] = { 6, 9 };

	filter.tags = tags;
	filter.ntags = 2;
	filter.statuses = 1u << TL_STATUS_PLANNED;
	filter.from = tl_day_from_ymd(2027, 6, 2);
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep, 2);
	/* A second selection of the same set: zulu only. */
	filter.timelines = names;
	filter.ntimelines = 1;
	assert_int_equal(select_from(f, &filter), 0);
	assert_selected(f->sel, keep + 1, 1);
	assert_int_equal(tl_selection_timeline_count(f->sel), 1);
}

static void
select_leaves_the_set_unchanged(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;
	static const char *const names[] = { "zulu" };

	filter.timelines = names;
	filter.ntimelines = 1;
	filter.from = tl_day_from_ymd(2030, 1, 1);
	assert_int_equal(select_from(f, &filter), 0);
	assert_int_equal(tl_selection_count(f->sel), 0);
	assert_int_equal(tl_set_count(f->set), NEXPECTED);
	assert_int_equal(tl_set_timeline_count(f->set), 3);
	assert_order(f->set, NULL, 0);
	assert_int_equal(select_from(f, NULL), 0);
	assert_selected(f->sel, NULL, 0);
	assert_int_equal(tl_selection_timeline_count(f->sel), 3);
}

static void
select_refuses_a_set_not_ordered(void **state)
{
	struct tl_selection *sel = NULL;
	struct tl_diags *diags;
	struct tl_set *set;
	struct tl_filter filter;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_select(&sel, set, NULL), TL_EINVAL);
	assert_null(sel);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_select(&sel, set, NULL), TL_EINVAL);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_set_order(set), TL_EINVAL);
	assert_int_equal(tl_filter_init(&filter, 99), TL_EINVAL);
	assert_int_equal(tl_filter_init(&filter, TL_FILTER_VERSION), 0);
	filter.version = 99;
	assert_int_equal(tl_select(&sel, set, &filter), TL_EINVAL);
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_int_equal(tl_selection_count(sel), 0);
	assert_ptr_equal(tl_selection_set(sel), set);
	tl_selection_free(sel);
	tl_selection_free(NULL);
	tl_diags_free(diags);
	tl_set_free(set);
}

static void
select_may_leave_nothing(void **state)
{
	struct fixture *f = *state;
	struct tl_filter filter = TL_FILTER_INIT;

	filter.from = tl_day_from_ymd(2030, 1, 1);
	assert_int_equal(select_from(f, &filter), 0);
	assert_int_equal(tl_selection_count(f->sel), 0);
	assert_int_equal(tl_selection_timeline_count(f->sel), 3);
}

/* A deterministic pseudo-random number below n. */
static unsigned
next_random(uint32_t *state, unsigned n)
{
	*state = *state * 1664525u + 1013904223u;
	return (*state >> 8) % n;
}

/*
 * Loads n milestones in two timelines, with dates of every form in
 * years 1 to spread_years (or all on 2000-03-01 when one_day), and
 * checks that every neighbour pair is in SPEC order.
 */
/* Variants of a large set: long ids. */
#define LONG_IDS 1

static void
assert_large_set_ordered(size_t n, unsigned spread_years, int one_day,
    int variant)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char *text[2] = { NULL, NULL };
	size_t len[2], i;
	uint32_t seed = 12345;
	FILE *fp[2];
	int t;

	for (t = 0; t < 2; t++) {
		assert_non_null(fp[t] = open_memstream(&text[t], &len[t]));
		fprintf(fp[t], "timeline: t%d\nmilestones:\n", t);
	}
	for (i = 0; i < n; i++) {
		FILE *out = fp[next_random(&seed, 2)];
		unsigned year = one_day ? 2000 : 1 + next_random(&seed,
		    spread_years);
		unsigned form = one_day ? 0 : next_random(&seed, 4);

		/* Long ids share their first 8 bytes: strcmp() decides. */
		fprintf(out, (variant & LONG_IDS) ? "  - {id: milestone-%zu, "
		    "title: T, " : "  - {id: m%zu, title: T, ", i);
		if (form == 0)
			fprintf(out, "date: %04u-03-01}\n", year);
		else if (form == 1)
			fprintf(out, "date: %04u-%02u}\n", year,
			    1 + next_random(&seed, 12));
		else if (form == 2)
			fprintf(out, "date: %04u}\n", year);
		else
			fprintf(out, "start: %04u-01-01, end: %04u-Q%u}\n",
			    year, year, 1 + next_random(&seed, 4));
	}
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	for (t = 0; t < 2; t++) {
		char name[16];
		assert_int_equal(fclose(fp[t]), 0);
		snprintf(name, sizeof(name), "t%d.yaml", t);
		assert_int_equal(tl_set_load_buffer(set, name, text[t], len[t],
		    diags), 0);
		free(text[t]);
	}
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_diags_count(diags), 0);
	assert_int_equal(tl_set_count(set), n);
	for (i = 1; i < n; i++) {
		const struct tl_milestone *a = tl_set_milestone(set, i - 1);
		const struct tl_milestone *b = tl_set_milestone(set, i);
		const struct tl_window *wa = tl_milestone_window(a);
		const struct tl_window *wb = tl_milestone_window(b);
		int c = strcmp(tl_milestone_timeline(a)->name,
		    tl_milestone_timeline(b)->name);

		if (wa->start < wb->start || (wa->start == wb->start &&
		    (wa->end < wb->end || (wa->end == wb->end && (c < 0 ||
		    (c == 0 && strcmp(tl_milestone_id(a),
		    tl_milestone_id(b)) < 0))))))
			continue;
		fail_msg("milestones %zu and %zu are out of order", i - 1, i);
	}
	tl_diags_free(diags);
	tl_set_free(set);
}

static void
order_sorts_large_sets(void **state)
{
	int v;

	(void)state;
	for (v = 0; v < 2; v++) {
		/* Windows over the whole calendar: buckets wider than a
		 * day. */
		assert_large_set_ordered(20000, 9999, 0, v);
		/* Over twenty years: a bucket a day, many in each. */
		assert_large_set_ordered(20000, 20, 0, v);
		/* All on one day: one bucket, ordered by timeline and id. */
		assert_large_set_ordered(5000, 1, 1, v);
		/* Either side of the size that takes the bucket sort. */
		assert_large_set_ordered(4095, 3, 0, v);
		assert_large_set_ordered(4096, 3, 0, v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(order_breaks_every_tie),
		T(order_puts_the_narrower_window_first),
		T(order_is_the_same_whatever_the_loading_order),
		T(order_lists_timelines_by_name),
		T(select_without_a_filter_keeps_everything),
		T(select_keeps_windows_overlapping_from_and_to),
		T(select_keeps_what_starts_by_to),
		T(select_keeps_what_ends_from_from),
		T(select_keeps_any_of_the_tags),
		T(select_keeps_any_of_many_tags_and_leaves_their_list),
		T(select_keeps_any_of_the_statuses),
		T(select_keeps_timelines_and_narrows_their_list),
		T(select_requires_every_given_filter),
		T(select_leaves_the_set_unchanged),
		T(select_may_leave_nothing),
#undef T
		cmocka_unit_test(select_refuses_a_set_not_ordered),
		cmocka_unit_test(order_sorts_large_sets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
