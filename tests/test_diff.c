/*
 * Tests of the diff (src/diff.c): every kind, firmed and softened, a
 * status or fields alone, the order of changes, added and removed
 * milestones, the shift in words, and what each format writes.
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

struct pair {
	struct tl_set *before, *after;
	struct tl_diff *diff;
};

/* Loads one file's text into a resolved set without errors. */
static struct tl_set *
load(const char *name, const char *text)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char line[512];
	size_t i;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, name, text, strlen(text),
	    diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	for (i = 0; i < tl_diags_count(diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		print_message("%s\n", line);
	}
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

/* Diffs two texts of timeline t; milestones are a YAML flow list. */
static void
pair_diff(struct pair *p, const char *old, const char *new)
{
	char a[2048], b[2048];

	snprintf(a, sizeof(a), "timeline: t\nmilestones:\n%s", old);
	snprintf(b, sizeof(b), "timeline: t\nmilestones:\n%s", new);
	p->before = load("old.yaml", a);
	p->after = load("new.yaml", b);
	assert_int_equal(tl_diff(&p->diff, p->before, p->after, NULL), 0);
}

static void
pair_free(struct pair *p)
{
	tl_diff_free(p->diff);
	tl_set_free(p->before);
	tl_set_free(p->after);
}

/* The one change of a diff of one milestone, written as dates. */
static const struct tl_change *
one_change(struct pair *p, const char *old_date, const char *new_date)
{
	char a[256], b[256];

	snprintf(a, sizeof(a), "  - {id: m, title: M, %s}\n", old_date);
	snprintf(b, sizeof(b), "  - {id: m, title: M, %s}\n", new_date);
	pair_diff(p, a, b);
	assert_int_equal(tl_diff_count(p->diff), 1);
	return tl_diff_change(p->diff, 0);
}

static void
expect_kind(const char *old_date, const char *new_date,
    enum tl_diff_kind kind)
{
	struct pair p;
	const struct tl_change *c = one_change(&p, old_date, new_date);

	assert_int_equal(c->kind, kind);
	assert_non_null(c->before);
	assert_non_null(c->after);
	assert_int_equal(c->status_changed, 0);
	assert_int_equal(c->fields, 0);
	pair_free(&p);
}

static void
diff_classifies_every_kind_of_move(void **state)
{
	(void)state;
	expect_kind("date: 2026-Q1", "date: 2026-Q2", TL_DIFF_LATER);
	expect_kind("date: 2026-06", "date: 2026-03", TL_DIFF_EARLIER);
	expect_kind("date: 2026", "date: 2026-Q2", TL_DIFF_NARROWED);
	expect_kind("date: 2026-05", "date: 2026-Q2", TL_DIFF_WIDENED);
	/* The first that holds: an end that moves out is later. */
	expect_kind("date: 2026-Q3", "start: 2026-Q3, end: 2026-Q4",
	    TL_DIFF_LATER);
	/* ... and a start that moves in, end kept, is later too. */
	expect_kind("date: 2026", "date: 2026-H2", TL_DIFF_LATER);
	expect_kind("date: 2026", "date: 2026-H1", TL_DIFF_EARLIER);
}

static void
diff_firms_and_softens_the_same_window(void **state)
{
	(void)state;
	expect_kind("date: ~2026-09", "date: 2026-09", TL_DIFF_FIRMED);
	expect_kind("date: 2026-09-01", "date: ~2026-09-01",
	    TL_DIFF_SOFTENED);
	expect_kind("start: ~2026-07, end: 2026-09",
	    "start: 2026-07, end: 2026-09", TL_DIFF_FIRMED);
	/* A window that moves and firms is a move. */
	expect_kind("date: ~2026-09", "date: 2026-10", TL_DIFF_LATER);
}

static void
diff_windows_of_the_same_days_do_not_differ(void **state)
{
	struct tl_window a, b;
	char why[TL_WHY_SIZE];

	(void)state;
	assert_int_equal(tl_date_parse(&a, "2026-05", 7, why), 0);
	b = a;
	b.precision = b.start_precision = b.end_precision = TL_PREC_RANGE;
	assert_int_equal(tl_diff_windows(&a, &b), TL_DIFF_NONE);
	assert_int_equal(tl_diff_windows(&a, &a), TL_DIFF_NONE);
}

static void
diff_reports_a_status_alone(void **state)
{
	struct pair p;
	const struct tl_change *c;

	(void)state;
	c = one_change(&p, "date: 2026-05", "date: 2026-05, status: done");
	assert_int_equal(c->kind, TL_DIFF_NONE);
	assert_int_equal(c->status_changed, 1);
	assert_int_equal(tl_milestone_status(c->before), TL_STATUS_PLANNED);
	assert_int_equal(tl_milestone_status(c->after), TL_STATUS_DONE);
	assert_int_equal(c->fields, 0);
	pair_free(&p);
}

static void
diff_names_each_changed_field(void **state)
{
	static const struct {
		const char *old, *new;
		unsigned field;
	} cases[] = {
		{ "", "", 0 },
		{ "", "tags: [a]", TL_FIELD_TAGS },
		{ "tags: [a, b]", "tags: [b, a]", TL_FIELD_TAGS },
		{ "links: [https://a.example]", "links: [https://b.example]",
		    TL_FIELD_LINKS },
		{ "location: Tokyo", "location: Paris", TL_FIELD_LOCATION },
		{ "location: Tokyo", "", TL_FIELD_LOCATION },
		{ "description: a", "description: b", TL_FIELD_DESCRIPTION },
		{ "time: '09:00', timezone: UTC",
		    "time: '10:00', timezone: UTC", TL_FIELD_TIME },
		{ "time: '09:00', timezone: UTC",
		    "time: '09:00', timezone: Asia/Tokyo", TL_FIELD_TIMEZONE },
		{ "noted: 2026-01-01", "noted: 2026-02-01", 0 },
	};
	struct pair p;
	char a[512], b[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(a, sizeof(a), "  - {id: m, title: M, date: 2026-05-04"
		    "%s%s}\n", *cases[i].old ? ", " : "", cases[i].old);
		snprintf(b, sizeof(b), "  - {id: m, title: M, date: 2026-05-04"
		    "%s%s}\n", *cases[i].new ? ", " : "", cases[i].new);
		pair_diff(&p, a, b);
		if (cases[i].field == 0) {
			assert_int_equal(tl_diff_count(p.diff), 0);
		} else {
			assert_int_equal(tl_diff_count(p.diff), 1);
			assert_int_equal(tl_diff_change(p.diff, 0)->kind,
			    TL_DIFF_NONE);
			assert_int_equal(tl_diff_change(p.diff, 0)->fields,
			    cases[i].field);
		}
		pair_free(&p);
	}
	pair_diff(&p, "  - {id: m, title: M, date: 2026}\n",
	    "  - {id: m, title: N, date: 2027, status: slipped}\n");
	assert_int_equal(tl_diff_change(p.diff, 0)->kind, TL_DIFF_LATER);
	assert_int_equal(tl_diff_change(p.diff, 0)->status_changed, 1);
	assert_int_equal(tl_diff_change(p.diff, 0)->fields, TL_FIELD_TITLE);
	pair_free(&p);
	assert_string_equal(tl_diff_field_name(TL_FIELD_TIMEZONE),
	    "timezone");
	assert_null(tl_diff_field_name(TL_FIELD_TITLE | TL_FIELD_TAGS));
}

static void
diff_lists_added_and_removed(void **state)
{
	struct pair p;
	const struct tl_change *c;

	(void)state;
	pair_diff(&p, "  - {id: gone, title: G, date: 2026-03}\n"
	    "  - {id: kept, title: K, date: 2026-04}\n",
	    "  - {id: kept, title: K, date: 2026-04}\n"
	    "  - {id: new, title: N, date: 2026-02}\n");
	assert_int_equal(tl_diff_count(p.diff), 2);
	c = tl_diff_change(p.diff, 0);
	assert_int_equal(c->kind, TL_DIFF_ADDED);
	assert_null(c->before);
	assert_string_equal(tl_milestone_id(c->after), "new");
	c = tl_diff_change(p.diff, 1);
	assert_int_equal(c->kind, TL_DIFF_REMOVED);
	assert_null(c->after);
	assert_string_equal(tl_milestone_id(c->before), "gone");
	pair_free(&p);
}

static void
diff_matches_by_timeline_and_id(void **state)
{
	struct tl_set *a, *b;
	struct tl_diff *d;

	(void)state;
	/* The same id in another timeline is another milestone. */
	a = load("a.yaml", "timeline: one\nmilestones:\n"
	    "  - {id: m, title: M, date: 2026}\n");
	b = load("b.yaml", "timeline: two\nmilestones:\n"
	    "  - {id: m, title: M, date: 2026}\n");
	assert_int_equal(tl_diff(&d, a, b, NULL), 0);
	assert_int_equal(tl_diff_count(d), 2);
	assert_int_equal(tl_diff_change(d, 0)->kind, TL_DIFF_REMOVED);
	assert_int_equal(tl_diff_change(d, 1)->kind, TL_DIFF_ADDED);
	tl_diff_free(d);
	/* A set against itself: nothing. */
	assert_int_equal(tl_diff(&d, a, a, NULL), 0);
	assert_int_equal(tl_diff_count(d), 0);
	tl_diff_free(d);
	tl_set_free(a);
	tl_set_free(b);
}

/* The milestone change i is listed by: the new one, else the old. */
static const struct tl_milestone *
change_of(const struct tl_diff *d, size_t i)
{
	const struct tl_change *c = tl_diff_change(d, i);

	return c->after != NULL ? c->after : c->before;
}

static void
diff_orders_by_new_window_and_removed_by_old(void **state)
{
	static const char *const order[] = {
		"a",	/* new Jan 1 - Mar 31 */
		"gone",	/* old Feb */
		"b",	/* new Mar: ties on start with c, d; narrowest first */
		"c",	/* new Mar 1 - Jun 30, id c */
		"d",	/* the same window, id d */
		"e",	/* new 2027 */
	};
	struct pair p;
	size_t i;

	(void)state;
	pair_diff(&p,
	    "  - {id: e, title: E, date: 2026-01}\n"
	    "  - {id: d, title: D, date: 2026-01}\n"
	    "  - {id: c, title: C, date: 2026-01}\n"
	    "  - {id: b, title: B, date: 2026-01}\n"
	    "  - {id: gone, title: G, date: 2026-02}\n"
	    "  - {id: a, title: A, date: 2025}\n",
	    "  - {id: e, title: E, date: 2027}\n"
	    "  - {id: d, title: D, start: 2026-03, end: 2026-06}\n"
	    "  - {id: c, title: C, start: 2026-03, end: 2026-06}\n"
	    "  - {id: b, title: B, date: 2026-03}\n"
	    "  - {id: a, title: A, date: 2026-Q1}\n");
	assert_int_equal(tl_diff_count(p.diff), 6);
	for (i = 0; i < 6; i++)
		assert_string_equal(tl_milestone_id(change_of(p.diff, i)),
		    order[i]);
	pair_free(&p);
}

static void
diff_shift_in_words(void **state)
{
	static const struct {
		int y0, m0, d0, y1, m1, d1;
		const char *words;
	} cases[] = {
		{ 2026, 1, 10, 2026, 1, 22, "+12 days" },
		{ 2026, 1, 22, 2026, 1, 21, "-1 day" },
		{ 2026, 1, 22, 2026, 1, 22, "+0 days" },
		{ 2026, 12, 1, 2027, 6, 1, "+6 months" },
		{ 2026, 6, 1, 2026, 3, 1, "-3 months" },
		{ 2026, 1, 1, 2026, 3, 1, "+2 months" },
		{ 2026, 1, 1, 2026, 2, 28, "+58 days" },	/* 1 month */
		{ 2026, 1, 31, 2026, 3, 30, "+58 days" },	/* 1 month */
		{ 2026, 1, 31, 2026, 3, 31, "+2 months" },
		{ 2026, 12, 31, 2027, 2, 28, "+2 months" },	/* clamped */
		{ 2026, 1, 1, 2026, 3, 21, "+2 months" },	/* 20 days off */
		{ 2026, 1, 1, 2027, 12, 1, "+23 months" },
		{ 2026, 1, 1, 2028, 1, 1, "+2 years" },
		{ 2026, 1, 1, 2028, 12, 31, "+2 years" },	/* 35 months */
		{ 2028, 3, 1, 2025, 3, 1, "-3 years" },
		{ 1, 1, 1, 9999, 12, 31, "+9998 years" },
	};
	char buf[64];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = tl_diff_shift_words(buf, sizeof(buf),
		    tl_day_from_ymd(cases[i].y0, cases[i].m0, cases[i].d0),
		    tl_day_from_ymd(cases[i].y1, cases[i].m1, cases[i].d1));
		assert_string_equal(buf, cases[i].words);
		assert_int_equal(n, strlen(cases[i].words));
	}
	/* Cut to the buffer like snprintf, the length needed returned. */
	n = tl_diff_shift_words(buf, 4, 0, 10);
	assert_string_equal(buf, "+10");
	assert_int_equal(n, 8);
}

/* Writes a diff in a format into a string (malloc'd). */
static char *
written(const struct tl_diff *d, enum tl_diff_format format,
    enum tl_color color)
{
	struct tl_diff_write_options o;
	char *text = NULL;
	size_t len;
	FILE *fp;

	assert_int_equal(tl_diff_write_options_init(&o,
	    TL_DIFF_WRITE_OPTIONS_VERSION), 0);
	o.format = format;
	o.color = color;
	assert_non_null(fp = open_memstream(&text, &len));
	assert_int_equal(tl_diff_write(fp, d, &o), 0);
	assert_int_equal(fclose(fp), 0);
	return text;
}

static void
diff_writes_each_format(void **state)
{
	struct pair p;
	char *s;

	(void)state;
	pair_diff(&p, "  - {id: drm-rust, title: D, date: ~2026-12}\n",
	    "  - {id: drm-rust, title: E, date: 2027-06, status: slipped}\n");
	s = written(p.diff, TL_DIFF_TEXT, TL_COLOR_NEVER);
	assert_string_equal(s, "t/drm-rust  later  ~Dec 2026 -> Jun 2027 "
	    "(+6 months)  planned -> slipped  changed: title\n");
	free(s);
	s = written(p.diff, TL_DIFF_MARKDOWN, TL_COLOR_ALWAYS);
	assert_string_equal(s, "- **E** (`t/drm-rust`) later: \\~Dec 2026 "
	    "-> Jun 2027 (+6 months); planned -> slipped; changed: title\n");
	free(s);
	s = written(p.diff, TL_DIFF_TEXT, TL_COLOR_ALWAYS);
	assert_string_equal(s, "t/drm-rust  \033[35mlater\033[0m  ~Dec 2026 "
	    "-> Jun 2027 (\033[2m+6 months\033[0m)  \033[2mplanned\033[0m -> "
	    "\033[35mslipped\033[0m  changed: \033[2mtitle\033[0m\n");
	free(s);
	s = written(p.diff, TL_DIFF_JSON, TL_COLOR_ALWAYS);
	assert_string_equal(s, "{\"changes\":[\n{\"milestone\":\"t/drm-rust\","
	    "\"kind\":\"later\",\"old\":{\"start\":\"2026-12-01\",\"end\":"
	    "\"2026-12-31\",\"precision\":\"month\",\"approximate\":true},"
	    "\"new\":{\"start\":\"2027-06-01\",\"end\":\"2027-06-30\","
	    "\"precision\":\"month\",\"approximate\":false},\"status\":"
	    "[\"planned\",\"slipped\"],\"fields\":[\"title\"]}]}\n");
	free(s);
	pair_free(&p);
}

static void
diff_writes_nothing_much_when_nothing_changed(void **state)
{
	struct pair p;
	char *s;

	(void)state;
	pair_diff(&p, "  - {id: m, title: M, date: 2026}\n",
	    "  - {id: m, title: M, date: 2026}\n");
	assert_int_equal(tl_diff_count(p.diff), 0);
	s = written(p.diff, TL_DIFF_TEXT, TL_COLOR_ALWAYS);
	assert_string_equal(s, "");
	free(s);
	s = written(p.diff, TL_DIFF_MARKDOWN, TL_COLOR_NEVER);
	assert_string_equal(s, "");
	free(s);
	s = written(p.diff, TL_DIFF_JSON, TL_COLOR_NEVER);
	assert_string_equal(s, "{\"changes\":[]}\n");
	free(s);
	pair_free(&p);
}

static void
diff_options_check_their_version(void **state)
{
	struct tl_diff_options o;
	struct tl_diff_write_options w;
	struct tl_diff *d = (struct tl_diff *)&o;
	struct tl_set *set;

	(void)state;
	assert_int_equal(tl_diff_options_init(&o, 2), TL_EINVAL);
	assert_int_equal(tl_diff_write_options_init(&w, 0), TL_EINVAL);
	assert_int_equal(tl_diff_options_init(&o, TL_DIFF_OPTIONS_VERSION),
	    0);
	assert_int_equal(o.version, TL_DIFF_OPTIONS_VERSION);
	assert_int_equal(tl_set_new(&set), 0);
	/* A set not yet resolved has no windows to compare. */
	assert_int_equal(tl_diff(&d, set, set, &o), TL_EINVAL);
	assert_null(d);
	assert_int_equal(tl_set_index(set, NULL), 0);
	assert_int_equal(tl_set_resolve(set, NULL), 0);
	assert_int_equal(tl_diff(&d, set, set, &o), 0);
	assert_int_equal(tl_diff_write(stdout, d, NULL), 0);
	tl_diff_free(d);
	o.version = 99;
	assert_int_equal(tl_diff(&d, set, set, &o), TL_EINVAL);
	assert_null(d);
	tl_set_free(set);
	tl_diff_free(NULL);
	assert_null(tl_diff_kind_name(TL_DIFF_NONE));
	assert_string_equal(tl_diff_kind_name(TL_DIFF_SOFTENED), "softened");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diff_classifies_every_kind_of_move),
		cmocka_unit_test(diff_firms_and_softens_the_same_window),
		cmocka_unit_test(diff_windows_of_the_same_days_do_not_differ),
		cmocka_unit_test(diff_reports_a_status_alone),
		cmocka_unit_test(diff_names_each_changed_field),
		cmocka_unit_test(diff_lists_added_and_removed),
		cmocka_unit_test(diff_matches_by_timeline_and_id),
		cmocka_unit_test(diff_orders_by_new_window_and_removed_by_old),
		cmocka_unit_test(diff_shift_in_words),
		cmocka_unit_test(diff_writes_each_format),
		cmocka_unit_test(diff_writes_nothing_much_when_nothing_changed),
		cmocka_unit_test(diff_options_check_their_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
