/*
 * Tests of the library's answers to calls out of turn and to values
 * it does not know: documented errors, never a guess.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "timeline/timeline.h"

static const char one[] =
    "timeline: one\nmilestones:\n"
    "  - id: a\n    title: A\n    date: 2026-05\n";
static const char two[] =
    "timeline: two\nmilestones:\n"
    "  - id: b\n    title: B\n    date: {after: one/a, offset: 1m}\n";

/* A set of the two texts above, loaded and, when resolve, resolved. */
static struct tl_set *
load_two(int resolve)
{
	struct tl_set *set;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, "one.yaml", one, strlen(one),
	    NULL), 0);
	assert_int_equal(tl_set_load_buffer(set, "two.yaml", two, strlen(two),
	    NULL), 0);
	if (resolve) {
		assert_int_equal(tl_set_index(set, NULL), 0);
		assert_int_equal(tl_set_resolve(set, NULL), 0);
		assert_int_equal(tl_set_order(set), 0);
	}
	return set;
}

static void
stages_out_of_turn_are_refused(void **state)
{
	struct tl_set *set = load_two(0);
	struct tl_diags *diags;
	struct tl_diff *d;
	struct tl_edit_change *changes;
	const struct tl_milestone *m;
	struct tl_edit_options o;
	char suggest[64], why[TL_WHY_SIZE], *out;
	size_t n, len;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	/* Warnings need windows: a set only loaded has none. */
	assert_int_equal(tl_set_warn(set, tl_day_from_ymd(2027, 1, 1),
	    diags), TL_EINVAL);
	assert_int_equal(tl_diags_count(diags), 0);
	assert_int_equal(tl_diff(&d, set, set, NULL), TL_EINVAL);
	assert_null(d);
	assert_int_equal(tl_edit_find(set, "a", &m, suggest,
	    sizeof(suggest)), TL_EINVAL);
	assert_null(m);
	assert_string_equal(suggest, "");
	assert_int_equal(tl_edit_changes(set, set, NULL, &changes, &n),
	    TL_EINVAL);
	assert_int_equal(tl_edit_options_init(&o, TL_EDIT_OPTIONS_VERSION),
	    0);
	o.kind = TL_EDIT_MOVE;
	o.when = "2027";
	assert_int_equal(tl_edit_apply(set, NULL, one, strlen(one), &o, &out,
	    &len, why), TL_EINVAL);
	assert_null(out);
	tl_diags_free(diags);
	tl_set_free(set);
}

static void
an_unknown_kind_of_edit_is_refused(void **state)
{
	struct tl_set *set = load_two(1);
	const struct tl_milestone *m;
	struct tl_edit_options o;
	char suggest[64], why[TL_WHY_SIZE], *out;
	size_t len;
	static const int kinds[] = { 0, 42, -1 };
	size_t i;

	(void)state;
	assert_int_equal(tl_edit_find(set, "a", &m, suggest,
	    sizeof(suggest)), 0);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		assert_int_equal(tl_edit_options_init(&o,
		    TL_EDIT_OPTIONS_VERSION), 0);
		o.kind = kinds[i];
		o.when = "2027";
		o.today = tl_day_from_ymd(2026, 1, 1);
		assert_int_equal(tl_edit_apply(set, m, one, strlen(one), &o,
		    &out, &len, why), TL_EINVAL);
		assert_null(out);
		assert_string_equal(why, "unknown kind of edit");
	}
	tl_set_free(set);
}

static void
reload_refuses_other_texts_given_in_memory(void **state)
{
	struct tl_set *set = load_two(1), *after;
	struct tl_diags *diags;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	/* two.yaml was given in memory: it is not read from the disk. */
	assert_int_equal(tl_edit_reload(set, "one.yaml", one, strlen(one),
	    &after, diags), TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_diags_count(diags), 0);
	tl_diags_free(diags);
	tl_set_free(set);
}

/*
 * The edit of a file through its descriptor refuses what the edit of a
 * text refuses, a descriptor that is no regular file it can read, and a
 * region that is not there; loading from a descriptor refuses a
 * negative one or no name.
 */
static void
edits_of_files_refuse_bad_arguments(void **state)
{
	struct tl_set *loaded = load_two(0), *set = load_two(1), *after;
	struct tl_diags *diags;
	const struct tl_milestone *m;
	struct tl_edit_options o;
	struct tl_edit_region r;
	char suggest[64], why[TL_WHY_SIZE];
	FILE *fp, *tmp;
	int dir;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_non_null(tmp = tmpfile());
	assert_int_equal(tl_edit_options_init(&o, TL_EDIT_OPTIONS_VERSION),
	    0);
	o.when = "2027";
	o.today = tl_day_from_ymd(2026, 1, 1);
	assert_int_equal(tl_edit_find(set, "a", &m, suggest,
	    sizeof(suggest)), 0);
	/* A set only loaded, then a descriptor that is none or a
	 * directory: nothing is written, and the region is empty. */
	assert_int_equal(tl_edit_file(loaded, m, -1, &o, fileno(tmp), &r,
	    why), TL_EINVAL);
	assert_null(r.was);
	assert_int_equal(tl_edit_file(set, m, -1, &o, fileno(tmp), &r, why),
	    TL_EIO);
	assert_null(r.now);
	assert_true((dir = open(".", O_RDONLY)) >= 0);
	assert_int_equal(tl_edit_file(set, m, dir, &o, fileno(tmp), &r, why),
	    TL_EIO);
	/* The file is what could not be read, not the new text. */
	assert_string_equal(why, TL_EDIT_NOT_READ);
	close(dir);
	assert_int_equal(lseek(fileno(tmp), 0, SEEK_END), 0);
	tl_edit_region_dispose(NULL);
	tl_edit_region_dispose(&r);
	assert_int_equal(tl_edit_reload_fd(set, NULL, fileno(tmp), &after,
	    diags), TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_edit_reload_fd(set, "one.yaml", -1, &after,
	    diags), TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_edit_reload_region(set, "one.yaml", fileno(tmp),
	    NULL, &after, diags), TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_edit_reload_region(set, NULL, fileno(tmp), &r,
	    &after, diags), TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_set_load_fd(loaded, NULL, fileno(tmp), diags),
	    TL_EINVAL);
	assert_int_equal(tl_set_load_fd(loaded, "x.yaml", -1, diags),
	    TL_EINVAL);
	/* Indexed, a set takes no more files. */
	assert_int_equal(tl_set_load_fd(set, "x.yaml", fileno(tmp), diags),
	    TL_EINVAL);
	assert_int_equal(tl_diags_count(diags), 0);
	/* A region's diff that cannot be written. */
	memset(&r, 0, sizeof(r));
	r.was = "a\n";
	r.waslen = 2;
	r.now = "b\n";
	r.nowlen = 2;
	r.diff_line = 1;
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		assert_int_equal(tl_edit_region_diff(fp, "one.yaml", &r),
		    TL_EIO);
		fclose(fp);
	}
	fclose(tmp);
	tl_diags_free(diags);
	tl_set_free(loaded);
	tl_set_free(set);
}

static void
unified_diff_reports_a_failed_write(void **state)
{
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (fp == NULL)
		skip();
	assert_int_equal(tl_edit_unified_diff(fp, "one.yaml", one,
	    strlen(one), two, strlen(two)), TL_EIO);
	fclose(fp);
}

static void
unknown_values_get_no_name(void **state)
{
	(void)state;
	assert_null(tl_status_name((enum tl_status)99));
	assert_null(tl_status_name(TL_STATUS_COUNT));
	assert_string_equal(tl_status_name(TL_STATUS_AT_RISK), "at-risk");
	/* An unknown name is a bad argument, not a lack of memory. */
	assert_int_equal(tl_status_from_name("at-risk"), TL_STATUS_AT_RISK);
	assert_int_equal(tl_status_from_name("At-Risk"), TL_EINVAL);
	assert_int_equal(tl_status_from_name(""), TL_EINVAL);
	assert_int_equal(tl_filter_init(NULL, TL_FILTER_VERSION), TL_EINVAL);
	assert_int_equal(tl_svg_options_init(NULL, TL_SVG_OPTIONS_VERSION),
	    TL_EINVAL);
	assert_int_equal(tl_edit_options_init(NULL, TL_EDIT_OPTIONS_VERSION),
	    TL_EINVAL);
}

/* A set that was only checked holds no texts: nothing shows it. */
static void
a_set_only_checked_is_not_selected_or_compared(void **state)
{
	struct tl_set *set, *full = load_two(1);
	struct tl_selection *sel;
	struct tl_diff *d;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_set_flags(set, TL_SET_CHECK_ONLY), 0);
	assert_int_equal(tl_set_load_buffer(set, "one.yaml", one, strlen(one),
	    NULL), 0);
	/* Once a file is loaded, the flags are those it was read with. */
	assert_int_equal(tl_set_set_flags(set, 0), TL_EINVAL);
	assert_int_equal(tl_set_index(set, NULL), 0);
	assert_int_equal(tl_set_resolve(set, NULL), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_select(&sel, set, NULL), TL_EINVAL);
	assert_null(sel);
	assert_int_equal(tl_diff(&d, set, full, NULL), TL_EINVAL);
	assert_null(d);
	assert_int_equal(tl_diff(&d, full, set, NULL), TL_EINVAL);
	assert_int_equal(tl_diff(&d, full, full, NULL), 0);
	tl_diff_free(d);
	tl_set_free(set);
	tl_set_free(full);
}

/* The names a directory's load reads, which diff --since reads too. */
static void
timeline_file_names(void **state)
{
	(void)state;
	assert_true(tl_is_timeline_file_name("plan.yaml"));
	assert_true(tl_is_timeline_file_name("plan.yml"));
	assert_true(tl_is_timeline_file_name("a.b.yaml"));
	assert_false(tl_is_timeline_file_name(".plan.yaml"));
	assert_false(tl_is_timeline_file_name(".yaml"));
	assert_false(tl_is_timeline_file_name("Plan.YAML"));
	assert_false(tl_is_timeline_file_name("plan.yaml~"));
	assert_false(tl_is_timeline_file_name("plan.json"));
	assert_false(tl_is_timeline_file_name("yaml"));
	assert_false(tl_is_timeline_file_name(""));
}

/* The header's version is the one the build gives the library. */
static void
header_and_library_versions_agree(void **state)
{
	char v[32];

	(void)state;
	snprintf(v, sizeof(v), "%d.%d.%d", TL_VERSION_MAJOR,
	    TL_VERSION_MINOR, TL_VERSION_PATCH);
	assert_string_equal(tl_version(), v);
}

/* Flags are set before anything is loaded, and only those known. */
static void
flags_are_set_before_loading(void **state)
{
	struct tl_set *set;
	struct tl_selection *sel;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_set_flags(set, 0x80), TL_EINVAL);
	assert_int_equal(tl_set_load_buffer(set, "one.yaml", one, strlen(one),
	    NULL), 0);
	/* Too late: the set keeps the texts it read, and shows them. */
	assert_int_equal(tl_set_set_flags(set, TL_SET_CHECK_ONLY), TL_EINVAL);
	assert_int_equal(tl_set_index(set, NULL), 0);
	assert_int_equal(tl_set_resolve(set, NULL), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	tl_selection_free(sel);
	tl_set_free(set);
}

/* Warnings need a today of 0001-9999: TL_DAY_NONE and days out of the
 * range are refused, with no warning said. */
static void
warnings_need_a_today(void **state)
{
	static const int32_t days[] = {
		TL_DAY_NONE, TL_DAY_MIN - 1, TL_DAY_MAX + 1, INT32_MAX
	};
	struct tl_set *set = load_two(1);
	struct tl_diags *diags;
	size_t i;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_int_equal(tl_set_warn(set, days[i], diags), TL_EINVAL);
		assert_int_equal(tl_diags_count(diags), 0);
	}
	assert_int_equal(tl_set_warn(set, TL_DAY_MAX, diags), 0);
	tl_diags_free(diags);
	tl_set_free(set);
}

/* Limits hold for the files loaded after them, and only while loading. */
static void
limits_are_set_while_loading(void **state)
{
	struct tl_set *set = load_two(0);

	(void)state;
	assert_int_equal(tl_set_set_limit(set, TL_LIMIT_MILESTONES, 5), 0);
	assert_int_equal(tl_set_set_limit(set, (enum tl_limit)7, 5),
	    TL_EINVAL);
	assert_int_equal(tl_set_index(set, NULL), 0);
	assert_int_equal(tl_set_set_limit(set, TL_LIMIT_MILESTONES, 5),
	    TL_EINVAL);
	tl_set_free(set);
}

/* Values out of range get NULL or TL_EINVAL, never a stray pointer. */
static void
indexes_and_arguments_out_of_range_are_refused(void **state)
{
	struct tl_set *set;
	struct tl_diags *diags;
	struct tl_selection *sel;
	struct tl_filter filter = TL_FILTER_INIT;
	const struct tl_milestone *m;
	static const char tagged[] = "timeline: t\nmilestones:\n"
	    "  - id: a\n    title: A\n    date: 2026-05\n    tags: [x]\n"
	    "    links: [https://example.org/]\n";

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, NULL, one, strlen(one),
	    diags), TL_EINVAL);
	assert_int_equal(tl_set_load_buffer(set, "n.yaml", NULL, 1, diags),
	    TL_EINVAL);
	assert_int_equal(tl_set_load_buffer(set, "t.yaml", tagged,
	    strlen(tagged), diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_set_order(set), 0);
	m = tl_set_milestone(set, 0);
	assert_string_equal(tl_milestone_tag(m, 0), "x");
	assert_null(tl_milestone_tag(m, 1));
	assert_null(tl_milestone_tag(m, 5));
	assert_string_equal(tl_milestone_link(m, 0), "https://example.org/");
	assert_null(tl_milestone_link(m, 1));
	assert_int_equal(tl_diags_count(diags), 0);
	assert_null(tl_diags_get(diags, 0));
	assert_null(tl_diags_get(diags, 1000));
	assert_int_equal(tl_diags_add(diags, (enum tl_level)7, "x", NULL, 0,
	    0, 0, "made up"), TL_EINVAL);
	assert_int_equal(tl_diags_count(diags), 0);
	assert_int_equal(tl_export_json(stdout, NULL, NULL), TL_EINVAL);
	assert_int_equal(tl_export_ics(stdout, NULL, NULL), TL_EINVAL);
	assert_int_equal(tl_export_svg(stdout, NULL, NULL), TL_EINVAL);
	assert_int_equal(tl_export_html(stdout, NULL, NULL), TL_EINVAL);
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_int_equal(tl_export_json(NULL, sel, NULL), TL_EINVAL);
	tl_selection_free(sel);
	/* A list of names counted but not given. */
	filter.ntags = 2;
	assert_int_equal(tl_select(&sel, set, &filter), TL_EINVAL);
	assert_null(sel);
	filter.ntags = 0;
	filter.ntimelines = 1;
	assert_int_equal(tl_select(&sel, set, &filter), TL_EINVAL);
	assert_null(sel);
	tl_diags_free(diags);
	tl_set_free(set);
}

/*
 * tl_diags_escape() keeps a name whole whenever it fits with its NUL,
 * and else cuts it between characters, ending with "...".
 */
static void
escaped_names_are_whole_when_they_fit(void **state)
{
	static const char *const texts[] = { "plan.yaml", ("\x1b" "abc"),
	    "d\xc3\xa9j\xc3\xa0.yaml", "a\nb\xff" };
	static const char *const escaped[] = { "plan.yaml", "\\x1babc",
	    "d\xc3\xa9j\xc3\xa0.yaml", "a\\nb\\xff" };
	char buf[64];
	size_t i, size, whole, n;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		whole = strlen(escaped[i]);
		for (size = 1; size < sizeof(buf); size++) {
			memset(buf, '#', sizeof(buf));
			tl_diags_escape(buf, size, texts[i], strlen(texts[i]));
			n = strlen(buf);
			assert_true(n < size);
			if (whole < size) {
				assert_string_equal(buf, escaped[i]);
			} else if (size < 4) {
				assert_string_equal(buf, "");
			} else {
				/* A cut: a whole escape, then "...". */
				assert_true(n >= 3);
				assert_memory_equal(buf + n - 3, "...", 3);
				assert_memory_equal(buf, escaped[i], n - 3);
				assert_true(n + 10 > size);
			}
		}
	}
	buf[0] = '#';
	tl_diags_escape(buf, 0, "x", 1);
	assert_int_equal(buf[0], '#');
}

/*
 * A value quoted in a message is cut after 60 characters, never inside
 * one as a reader sees it: an accent, a flag's second letter, a skin
 * tone or a spacing vowel sign goes with what it is part of, or all of
 * it goes.  What is shown as an escape (a zero-width space, a joiner)
 * is a character of its own, and a character longer than the whole
 * room is cut rather than dropped.
 */
static void
quoted_values_are_cut_between_whole_characters(void **state)
{
	static const char *const tails[] = {
		"e\xcc\x81\xcc\x81",		/* e and two accents */
		"\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5",	/* the flag JP */
		"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",	/* thumbs up, a tone */
		"\xe0\xa4\x95\xe0\xa4\xbf",	/* Devanagari ki */
	};
	char text[160], buf[TL_QUOTE_SIZE], want[128];
	size_t i;

	(void)state;
	memset(want, 'a', 59);
	memcpy(want + 59, "...", 4);
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		memset(text, 'a', 59);
		snprintf(text + 59, sizeof(text) - 59, "%sbbb", tails[i]);
		assert_string_equal(tl_diags_quote(buf, text, strlen(text)),
		    want);
	}
	/* Escapes stand alone: the letter before them stays. */
	memset(text, 'a', 58);
	snprintf(text + 58, sizeof(text) - 58, "b\xe2\x80\x8b\xe2\x80\x8b"
	    "\xe2\x80\x8b");
	assert_string_equal(tl_diags_quote(buf, text, strlen(text)) + 58,
	    "b\\u{200b}...");
	/* One character of 70 code points: cut, not dropped. */
	memcpy(text, "e", 1);
	for (i = 0; i < 70; i++)
		memcpy(text + 1 + 2 * i, "\xcc\x81", 2);
	text[141] = '\0';
	assert_int_equal(strncmp(tl_diags_quote(buf, text, strlen(text)),
	    "e\xcc\x81", 3), 0);
	/* A character that ends at the 60th is kept whole. */
	memset(text, 'a', 58);
	snprintf(text + 58, sizeof(text) - 58, "%sbbb", tails[1]);
	assert_string_equal(tl_diags_quote(buf, text, strlen(text)) + 58,
	    "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5...");
}

/*
 * A mark that has no character of its own before it (at the start, or
 * after an escape) would sit on the quote or on the escape's '}': it is
 * shown as an escape too.  After a letter or an emoji it stays.
 */
static void
quoted_values_escape_marks_that_stand_alone(void **state)
{
	char buf[TL_QUOTE_SIZE];
	const char *text;

	(void)state;
	text = "\xcc\x81title";
	assert_string_equal(tl_diags_quote(buf, text, strlen(text)),
	    "\\u{0301}title");
	text = "\xef\xb8\x8f";
	assert_string_equal(tl_diags_quote(buf, text, strlen(text)),
	    "\\u{fe0f}");
	text = "a\xe2\x80\x8b\xcc\x81" "b";
	assert_string_equal(tl_diags_quote(buf, text, strlen(text)),
	    "a\\u{200b}\\u{0301}b");
	text = "e\xcc\x81 \xe2\x9d\xa4\xef\xb8\x8f";
	assert_string_equal(tl_diags_quote(buf, text, strlen(text)), text);
}

/*
 * A diagnostic's pointer outlives the growth of its list and a sort: it
 * still points to the same diagnostic, whose index the sort changed.
 */
static void
diagnostics_stay_where_they_are(void **state)
{
	struct tl_diags *diags;
	const struct tl_diag *first;
	size_t i;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_ERROR, "x", "z.yaml", 1,
	    9, 1, "the last of all"), 0);
	first = tl_diags_get(diags, 0);
	for (i = 0; i < 1000; i++)
		assert_int_equal(tl_diags_add(diags, TL_LEVEL_WARNING, "y",
		    "a.yaml", 0, (uint32_t)i + 1, 1, "number %zu", i), 0);
	assert_string_equal(first->message, "the last of all");
	assert_string_equal(first->file, "z.yaml");
	tl_diags_sort(diags);
	assert_string_equal(first->message, "the last of all");
	assert_ptr_equal(tl_diags_get(diags, 1000), first);
	assert_string_equal(tl_diags_get(diags, 0)->message, "number 0");
	/* A note goes to the one added last, wherever the sort put it. */
	assert_int_equal(tl_diags_note(diags, "a.yaml", 7, 7, "here"), 0);
	assert_string_equal(tl_diags_get(diags, 999)->note, "here");
	assert_null(first->note);
	tl_diags_free(diags);
}

/* A message is one line, whatever the caller's format put in it. */
static void
a_message_stays_one_line(void **state)
{
	struct tl_diags *diags;
	char line[256];

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_ERROR, "x", "f.yaml", 0,
	    3, 5, "two\nlines and \x1b[2J and %s", "\xff!"), 0);
	assert_string_equal(tl_diags_get(diags, 0)->message,
	    "two\\nlines and \\x1b[2J and \\xff!");
	tl_diag_format(line, sizeof(line), tl_diags_get(diags, 0));
	assert_null(strchr(line, '\n'));
	tl_diags_free(diags);
}

/*
 * Without a list of diagnostics, the stages find the problems all the
 * same and keep none: a file that cannot be read, errors, warnings.
 */
static void
problems_without_a_list_are_dropped(void **state)
{
	static const char bad[] = "timeline: t\nmilestones:\n"
	    "  - id: a\n    title: A\n    date: 2026-02-30\n"
	    "  - id: b\n    title: B\n    date: {after: nope, offset: 1w}\n"
	    "  - id: c\n    title: C\n    date: 2020-01-01\n";
	struct tl_set *set;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_path(set, "/nonexistent/t.yaml", NULL),
	    TL_ENOENT);
	assert_int_equal(tl_set_load_buffer(set, "bad.yaml", bad, strlen(bad),
	    NULL), 0);
	assert_int_equal(tl_set_load_buffer(set, "empty.yaml", "", 0, NULL),
	    0);
	assert_int_equal(tl_set_index(set, NULL), 0);
	assert_int_equal(tl_set_resolve(set, NULL), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_set_warn(set, tl_day_from_ymd(2026, 12, 1), NULL),
	    0);
	assert_int_equal(tl_set_count(set), 1);
	assert_int_equal(tl_diags_add(NULL, TL_LEVEL_ERROR, "x", "f", 0, 1, 1,
	    "kept nowhere"), 0);
	assert_int_equal(tl_diags_note(NULL, "f", 1, 1, "nowhere"), 0);
	tl_set_free(set);
}

/* No bytes at all, with no buffer: an empty file, not a crash. */
static void
an_empty_text_needs_no_buffer(void **state)
{
	struct tl_set *set;
	struct tl_diags *diags;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, "e.yaml", NULL, 0, diags), 0);
	assert_int_equal(tl_diags_errors(diags), 1);
	assert_string_equal(tl_diags_get(diags, 0)->file, "e.yaml");
	tl_diags_free(diags);
	tl_set_free(set);
}

/*
 * An edit's today is a day of 0001-9999, and so is its noted day when
 * one is given: another value is refused, never written as an empty
 * noted day, and tl_edit_verify() refuses it alike.
 */
static void
an_edit_needs_a_today_and_a_noted_day(void **state)
{
	static const int32_t days[] = {
		TL_DAY_NONE, TL_DAY_MIN - 5, TL_DAY_MAX + 1, INT32_MAX
	};
	static const enum tl_edit_kind kinds[] = {
		TL_EDIT_MOVE, TL_EDIT_DONE, TL_EDIT_STATUS
	};
	struct tl_set *set = load_two(1);
	const struct tl_milestone *m;
	struct tl_edit_options o;
	char suggest[64], why[TL_WHY_SIZE], *out;
	size_t len, i, k;

	(void)state;
	assert_int_equal(tl_edit_find(set, "a", &m, suggest,
	    sizeof(suggest)), 0);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
			assert_int_equal(tl_edit_options_init(&o,
			    TL_EDIT_OPTIONS_VERSION), 0);
			o.kind = kinds[k];
			o.when = kinds[k] == TL_EDIT_MOVE ? "2027" :
			    kinds[k] == TL_EDIT_DONE ? "2026-01-01" : NULL;
			o.status = kinds[k] == TL_EDIT_STATUS ?
			    TL_STATUS_AT_RISK : -1;
			o.today = days[i];
			assert_int_equal(tl_edit_apply(set, m, one,
			    strlen(one), &o, &out, &len, why), TL_EINVAL);
			assert_null(out);
			assert_string_equal(why, "today is not a day");
			assert_int_equal(tl_edit_verify(m, set, &o, why),
			    TL_EINVAL);
			assert_string_equal(why, "today is not a day");
		}
	}
	/* TL_DAY_NONE is no noted day: noted today.  Others are refused. */
	for (i = 1; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_int_equal(tl_edit_options_init(&o,
		    TL_EDIT_OPTIONS_VERSION), 0);
		o.when = "2027";
		o.today = tl_day_from_ymd(2026, 6, 1);
		o.noted = days[i];
		assert_int_equal(tl_edit_apply(set, m, one, strlen(one), &o,
		    &out, &len, why), TL_EINVAL);
		assert_null(out);
		assert_string_equal(why, "noted is not a day");
		assert_int_equal(tl_edit_verify(m, set, &o, why), TL_EINVAL);
		assert_string_equal(why, "noted is not a day");
	}
	/* The first and the last day are days. */
	o.noted = TL_DAY_MIN;
	o.today = TL_DAY_MAX;
	assert_int_equal(tl_edit_apply(set, m, one, strlen(one), &o, &out,
	    &len, why), 0);
	assert_non_null(strstr(out, "noted: 0001-01-01\n"));
	free(out);
	tl_set_free(set);
}

/* Writes text into a new file of the temporary directory, named in
 * path (a template ending in XXXXXX). */
static void
temporary_file(char *path, const char *text)
{
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
}

/*
 * A file read from standard input cannot be read again: a set that
 * holds one is not loaded again by tl_edit_reload(), unless it is the
 * file whose new text is given.
 */
static void
reload_refuses_standard_input_read_before(void **state)
{
	char in[] = "/tmp/tl-misuse-in-XXXXXX";
	char disk[] = "/tmp/tl-misuse-disk-XXXXXX";
	struct tl_set *set, *after;
	struct tl_diags *diags;
	int saved, fd;

	(void)state;
	temporary_file(in, one);
	temporary_file(disk, two);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_new(&set), 0);
	/* Standard input is that file for the whole test: read again, it
	 * would give nothing (and wait for nothing). */
	assert_true((saved = dup(STDIN_FILENO)) >= 0);
	assert_true((fd = open(in, O_RDONLY)) >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(close(fd), 0);
	assert_int_equal(tl_set_load_path(set, "-", diags), 0);
	assert_int_equal(tl_set_load_path(set, disk, diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_diags_count(diags), 0);
	assert_int_equal(tl_edit_reload(set, disk, two, strlen(two), &after,
	    diags), TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_diags_count(diags), 0);
	/* Its own new text is given: the file on the disk is read again. */
	assert_int_equal(tl_edit_reload(set, "-", one, strlen(one), &after,
	    diags), 0);
	assert_int_equal(tl_diags_count(diags), 0);
	assert_int_equal(tl_set_count(after), 2);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	assert_int_equal(close(saved), 0);
	unlink(in);
	unlink(disk);
	tl_set_free(after);
	tl_set_free(set);
	tl_diags_free(diags);
}

/* Loads text as name into a set of its own, its problems into diags. */
static void
load_alone(const char *name, const char *text, struct tl_diags *diags)
{
	struct tl_set *set;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, name, text, strlen(text),
	    diags), 0);
	tl_set_free(set);
}

/*
 * Two sets number their files from 0 each, and a caller's own
 * diagnostics may take any number: sorted, the diagnostics of files
 * that share a number stay together, in the order the first of each
 * was added; a file's own invalid YAML still comes first in it.
 */
static void
files_that_share_an_index_stay_apart(void **state)
{
	static const char a[] = "timeline: a\nmilestones:\n"
	    "  - {id: x, title: X, date: 2026-13}\n\n\n\n"
	    "  - {id: y, title: Y, date: 2026-14}\n";
	static const char b[] = "timeline: b\nmilestones:\n\n\n"
	    "  - {id: x, title: X, date: 2026-15}\n  - [\n";
	static const struct {
		const char *file;
		uint32_t line;
	} want[] = {
		{ "a.yaml", 3 }, { "a.yaml", 7 }, { "b.yaml", 7 },
		{ "b.yaml", 5 }, { "zz.ini", 2 }, { "0.ini", 1 },
		{ "c.yaml", 1 }
	};
	struct tl_diags *diags;
	const struct tl_diag *d;
	size_t i;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_WARNING, "mine",
	    "c.yaml", 1, 1, 1, "of another index"), 0);
	load_alone("a.yaml", a, diags);
	load_alone("b.yaml", b, diags);
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_WARNING, "mine",
	    "zz.ini", 0, 2, 1, "the caller's own"), 0);
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_WARNING, "mine",
	    "0.ini", 0, 1, 1, "added last"), 0);
	assert_int_equal(tl_diags_count(diags), 7);
	tl_diags_sort(diags);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		d = tl_diags_get(diags, i);
		assert_string_equal(d->file, want[i].file);
		assert_int_equal(d->line, want[i].line);
	}
	/* Sorted again, with more: the same order. */
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_WARNING, "mine",
	    "a.yaml", 0, 9, 1, "a's last"), 0);
	tl_diags_sort(diags);
	assert_int_equal(tl_diags_get(diags, 2)->line, 9);
	assert_string_equal(tl_diags_get(diags, 3)->file, "b.yaml");
	tl_diags_free(diags);
}

/*
 * Two buffers of one name are two files of the set: the second is not
 * skipped, and the notes of problems between them, though they name
 * the same place, are kept.
 */
static void
buffers_of_one_name_are_two_files(void **state)
{
	static const char v1[] = "timeline: one\nmilestones:\n"
	    "  - id: a\n    title: A\n    date: 2026-05\n"
	    "    status: cancelled\n";
	static const char v2[] = "timeline: one\nmilestones:\n"
	    "  - id: z\n    title: Z\n    date: 2027-05\n";
	static const char v3[] = "timeline: two\nmilestones:\n"
	    "  - id: b\n    title: B\n    date: {after: one/a, offset: 1m}\n";
	struct tl_set *set;
	struct tl_diags *diags;
	const struct tl_diag *d;

	(void)state;
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, "one.yaml", v1, strlen(v1),
	    diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "one.yaml", v2, strlen(v2),
	    diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "one.yaml", v3, strlen(v3),
	    diags), 0);
	assert_int_equal(tl_set_file_count(set), 3);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_diags_count(diags), 1);
	d = tl_diags_get(diags, 0);
	assert_string_equal(d->code, "duplicate-timeline");
	assert_int_equal(d->file_index, 1);
	assert_int_equal(d->line, 1);
	assert_int_equal(d->col, 11);
	assert_non_null(d->note);
	assert_string_equal(d->note_file, "one.yaml");
	assert_int_equal(d->note_line, 1);
	assert_int_equal(d->note_col, 11);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_set_warn(set, tl_day_from_ymd(2026, 1, 1),
	    diags), 0);
	assert_int_equal(tl_diags_count(diags), 2);
	d = tl_diags_get(diags, 1);
	assert_string_equal(d->code, "cancelled-reference");
	assert_int_equal(d->file_index, 2);
	assert_non_null(d->note);
	assert_int_equal(d->note_line, d->line);
	assert_int_equal(d->note_col, d->col);
	tl_diags_free(diags);
	tl_set_free(set);
}

/*
 * What a set, a selection or a diff is given stays its own: the name
 * and text of a buffer, and the file and text that tl_edit_reload()
 * reads, may be freed after the call, and so may the old set.
 */
static void
sets_keep_copies_of_what_they_are_given(void **state)
{
	char disk[] = "/tmp/tl-misuse-disk-XXXXXX";
	struct tl_set *set, *after;
	struct tl_diags *diags;
	struct tl_selection *sel;
	char *name, *text, *file;
	FILE *fp;

	(void)state;
	temporary_file(disk, two);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_new(&set), 0);
	assert_non_null(name = strdup("one.yaml"));
	assert_non_null(text = strdup(one));
	assert_int_equal(tl_set_load_buffer(set, name, text, strlen(text),
	    diags), 0);
	memset(text, 'x', strlen(text));
	memset(name, 'y', strlen(name));
	free(text);
	free(name);
	assert_int_equal(tl_set_load_path(set, disk, diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_string_equal(tl_milestone_timeline(tl_set_milestone(set,
	    0))->file, "one.yaml");
	/* The file given in memory is the one replaced. */
	assert_non_null(file = strdup("one.yaml"));
	assert_non_null(text = strdup(one));
	assert_int_equal(tl_edit_reload(set, file, text, strlen(text),
	    &after, diags), 0);
	memset(text, 'x', strlen(text));
	memset(file, 'y', strlen(file));
	free(text);
	free(file);
	tl_set_free(set);
	assert_int_equal(tl_diags_count(diags), 0);
	assert_int_equal(tl_select(&sel, after, NULL), 0);
	assert_non_null(fp = fopen("/dev/null", "w"));
	assert_int_equal(tl_export_json(fp, sel, NULL), 0);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(tl_milestone_id(tl_selection_milestone(sel, 1)),
	    "b");
	assert_string_equal(tl_milestone_timeline(tl_selection_milestone(sel,
	    0))->file, "one.yaml");
	tl_selection_free(sel);
	tl_set_free(after);
	tl_diags_free(diags);
	unlink(disk);
}

/* An index from the count on gives NULL, never what lies past a list. */
static void
indexes_past_the_count_give_null(void **state)
{
	struct tl_set *set = load_two(1), *empty;
	struct tl_selection *sel;
	struct tl_diff *d;

	(void)state;
	assert_int_equal(tl_set_count(set), 2);
	assert_non_null(tl_set_milestone(set, 1));
	assert_null(tl_set_milestone(set, 2));
	assert_null(tl_set_milestone(set, SIZE_MAX));
	assert_int_equal(tl_set_timeline_count(set), 2);
	assert_non_null(tl_set_timeline(set, 1));
	assert_null(tl_set_timeline(set, 2));
	assert_null(tl_set_timeline(set, SIZE_MAX));
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_non_null(tl_selection_milestone(sel, 1));
	assert_null(tl_selection_milestone(sel, 2));
	assert_null(tl_selection_milestone(sel, SIZE_MAX));
	assert_non_null(tl_selection_timeline(sel, 1));
	assert_null(tl_selection_timeline(sel, 2));
	assert_null(tl_selection_timeline(sel, SIZE_MAX));
	tl_selection_free(sel);
	assert_int_equal(tl_diff(&d, set, set, NULL), 0);
	assert_int_equal(tl_diff_count(d), 0);
	assert_null(tl_diff_change(d, 0));
	assert_null(tl_diff_change(d, SIZE_MAX));
	tl_diff_free(d);
	/* A set with nothing in it has no list at all. */
	assert_int_equal(tl_set_new(&empty), 0);
	assert_null(tl_set_milestone(empty, 0));
	assert_null(tl_set_timeline(empty, 0));
	tl_set_free(empty);
	tl_set_free(set);
}

/*
 * A filter's statuses that name no status there is are refused; bits
 * beyond the statuses beside some of them (a complement) are left out.
 */
static void
unknown_status_bits_are_refused(void **state)
{
	struct tl_set *set = load_two(1);
	struct tl_selection *sel;
	struct tl_filter f = TL_FILTER_INIT;

	(void)state;
	f.statuses = 1u << 20;
	assert_int_equal(tl_select(&sel, set, &f), TL_EINVAL);
	assert_null(sel);
	f.statuses = ~(1u << TL_STATUS_DONE);
	assert_int_equal(tl_select(&sel, set, &f), 0);
	assert_int_equal(tl_selection_count(sel), 2);
	tl_selection_free(sel);
	f.statuses = (1u << TL_STATUS_COUNT) - 1;
	assert_int_equal(tl_select(&sel, set, &f), 0);
	assert_int_equal(tl_selection_count(sel), 2);
	tl_selection_free(sel);
	f.statuses = 1u << TL_STATUS_DONE;
	assert_int_equal(tl_select(&sel, set, &f), 0);
	assert_int_equal(tl_selection_count(sel), 0);
	tl_selection_free(sel);
	tl_set_free(set);
}

/*
 * A name of a known timeline with a wrong id is taken for a milestone
 * of that timeline: an id close to one of it, or none at all ("a/").
 */
static void
a_known_timeline_is_kept_in_suggestions(void **state)
{
	static const char a[] = "timeline: a\nmilestones:\n"
	    "  - {id: x, title: X, date: 2026-05}\n"
	    "  - {id: kickoff, title: K, date: 2026-06}\n";
	static const char b[] = "timeline: b\nmilestones:\n"
	    "  - {id: x, title: X, date: 2026-06}\n"
	    "  - {id: y, title: Y, date: 2026-07}\n";
	struct tl_set *set;
	const struct tl_milestone *m;
	char suggest[64];

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, "a.yaml", a, strlen(a),
	    NULL), 0);
	assert_int_equal(tl_set_load_buffer(set, "b.yaml", b, strlen(b),
	    NULL), 0);
	assert_int_equal(tl_set_index(set, NULL), 0);
	assert_int_equal(tl_set_resolve(set, NULL), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_edit_find(set, "a/", &m, suggest,
	    sizeof(suggest)), TL_ENOENT);
	assert_null(m);
	assert_string_equal(suggest, "a/x");
	assert_int_equal(tl_edit_find(set, "a/kickof", &m, suggest,
	    sizeof(suggest)), TL_ENOENT);
	assert_string_equal(suggest, "a/kickoff");
	/* Nothing of a is close: another timeline's may be. */
	assert_int_equal(tl_edit_find(set, "a/y", &m, suggest,
	    sizeof(suggest)), TL_ENOENT);
	assert_string_equal(suggest, "b/y");
	/* An id alone gets an id alone, when only one timeline has it. */
	assert_int_equal(tl_edit_find(set, "kickof", &m, suggest,
	    sizeof(suggest)), TL_ENOENT);
	assert_string_equal(suggest, "kickoff");
	assert_int_equal(tl_edit_find(set, "yy", &m, suggest,
	    sizeof(suggest)), TL_ENOENT);
	assert_string_equal(suggest, "y");
	/* x is in both: the suggestion names its timeline. */
	assert_int_equal(tl_edit_find(set, "xx", &m, suggest,
	    sizeof(suggest)), TL_ENOENT);
	assert_true(strcmp(suggest, "a/x") == 0 || strcmp(suggest, "b/x") == 0);
	/* Too small for the id: the name is cut, never the id. */
	assert_int_equal(tl_edit_find(set, "kickof", &m, suggest, 7),
	    TL_ENOENT);
	assert_string_equal(suggest, "...");
	tl_set_free(set);
}

/*
 * The NULLs the headers allow: a NULL list of diagnostics, options or
 * filter, a NULL buffer of size 0, the frees of nothing; and the NULLs
 * they refuse by name.
 */
static void
the_nulls_that_headers_allow(void **state)
{
	struct tl_set *set = load_two(1), *after;
	struct tl_diags *diags;
	struct tl_selection *sel;
	struct tl_diff *d;
	struct tl_edit_change c;
	const struct tl_milestone *m;
	FILE *fp;

	(void)state;
	tl_set_free(NULL);
	tl_diags_free(NULL);
	tl_selection_free(NULL);
	tl_diff_free(NULL);
	assert_int_equal(tl_set_warn(set, TL_DAY_MAX, NULL), 0);
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_non_null(fp = fopen("/dev/null", "w"));
	assert_int_equal(tl_export_text(fp, sel, NULL), 0);
	assert_int_equal(tl_export_ics_check(sel, NULL, NULL), 0);
	assert_int_equal(tl_export_text(NULL, sel, NULL), TL_EINVAL);
	assert_int_equal(tl_export_text(fp, NULL, NULL), TL_EINVAL);
	assert_int_equal(tl_diff(&d, set, set, NULL), 0);
	assert_int_equal(tl_diff_write(fp, d, NULL), 0);
	assert_int_equal(fclose(fp), 0);
	tl_diff_free(d);
	tl_selection_free(sel);
	assert_int_equal(tl_edit_find(set, "zz", &m, NULL, 0), TL_ENOENT);
	assert_int_equal(tl_edit_find(set, "b", &m, NULL, 0), 0);
	assert_int_equal(tl_edit_reload(set, NULL, one, 1, &after, NULL),
	    TL_EINVAL);
	assert_null(after);
	assert_int_equal(tl_edit_reload(set, "two.yaml", NULL, 1, &after,
	    NULL), TL_EINVAL);
	c.before = c.after = m;
	assert_int_equal(tl_edit_change_format(NULL, 0, &c),
	    strlen("two/b: status planned -> planned"));
	assert_int_equal(tl_day_format(NULL, 0, TL_DAY_MIN), 10);
	assert_int_equal(tl_window_words(NULL, 0, tl_milestone_window(m), 1),
	    strlen("Jun 2026"));
	assert_int_equal(tl_diff_shift_words(NULL, 0, 0, 1), strlen("+1 day"));
	assert_null(tl_diags_escape(NULL, 0, "x", 1));
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_diags_add(diags, TL_LEVEL_ERROR, NULL, NULL, 0, 0,
	    0, "of no file"), 0);
	assert_int_equal(tl_diags_note(diags, NULL, 3, 4, "nowhere"), 0);
	assert_int_equal(tl_diag_format(NULL, 0, tl_diags_get(diags, 0)),
	    strlen("error: of no file"));
	assert_int_equal(tl_diag_format_note(NULL, 0, tl_diags_get(diags,
	    0)), strlen("note: nowhere"));
	tl_diags_free(diags);
	tl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stages_out_of_turn_are_refused),
		cmocka_unit_test(an_unknown_kind_of_edit_is_refused),
		cmocka_unit_test(reload_refuses_other_texts_given_in_memory),
		cmocka_unit_test(edits_of_files_refuse_bad_arguments),
		cmocka_unit_test(unified_diff_reports_a_failed_write),
		cmocka_unit_test(unknown_values_get_no_name),
		cmocka_unit_test(a_set_only_checked_is_not_selected_or_compared),
		cmocka_unit_test(limits_are_set_while_loading),
		cmocka_unit_test(flags_are_set_before_loading),
		cmocka_unit_test(header_and_library_versions_agree),
		cmocka_unit_test(timeline_file_names),
		cmocka_unit_test(warnings_need_a_today),
		cmocka_unit_test(indexes_and_arguments_out_of_range_are_refused),
		cmocka_unit_test(escaped_names_are_whole_when_they_fit),
		cmocka_unit_test(quoted_values_are_cut_between_whole_characters),
		cmocka_unit_test(quoted_values_escape_marks_that_stand_alone),
		cmocka_unit_test(diagnostics_stay_where_they_are),
		cmocka_unit_test(a_message_stays_one_line),
		cmocka_unit_test(problems_without_a_list_are_dropped),
		cmocka_unit_test(an_empty_text_needs_no_buffer),
		cmocka_unit_test(an_edit_needs_a_today_and_a_noted_day),
		cmocka_unit_test(reload_refuses_standard_input_read_before),
		cmocka_unit_test(files_that_share_an_index_stay_apart),
		cmocka_unit_test(buffers_of_one_name_are_two_files),
		cmocka_unit_test(sets_keep_copies_of_what_they_are_given),
		cmocka_unit_test(indexes_past_the_count_give_null),
		cmocka_unit_test(unknown_status_bits_are_refused),
		cmocka_unit_test(a_known_timeline_is_kept_in_suggestions),
		cmocka_unit_test(the_nulls_that_headers_allow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
