/*
 * Tests of the text exporter: golden files of whole runs, and the
 * properties every output must have (width, no raw control characters).
 *
 * Each case loads tests/text/NAME.yaml (or the directory tests/text/NAME)
 * and compares the output byte for byte with tests/text/STEM.wWIDTH.txt,
 * STEM.wWIDTH.color.txt and STEM.long.wWIDTH.txt.  To regenerate them
 * after a deliberate change of layout, run the test with UPDATE_GOLDEN=1
 * and review the difference (git diff tests/text) before committing.
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
#include "utf8.h"
#include "width.h"

#define TEXT_DIR TESTS_DIR "/text/"

struct text_case {
	const char *stem;	/* golden files are STEM.*.txt */
	const char *input;	/* a file or directory in tests/text */
	int year, month, day;	/* today */
	const char *tag;	/* select milestones with this tag */
	int full;		/* every width, colour and --long; else w80 */
};

static const struct text_case cases[] = {
	{ "rust-for-linux", "rust-for-linux.yaml", 2026, 11, 23, NULL, 1 },
	/* The rule comes first, then last. */
	{ "rust-for-linux-2020", "rust-for-linux.yaml", 2020, 1, 1, NULL, 0 },
	{ "rust-for-linux-2031", "rust-for-linux.yaml", 2031, 6, 1, NULL, 0 },
	/* Today opens the year 2025, before its first milestone. */
	{ "dates-2025", "dates.yaml", 2025, 2, 1, NULL, 0 },
	{ "dates", "dates.yaml", 2026, 11, 23, NULL, 1 },
	{ "unicode", "unicode.yaml", 2026, 11, 23, NULL, 1 },
	{ "several", "several", 2026, 11, 23, NULL, 1 },
	{ "empty", "rust-for-linux.yaml", 2026, 11, 23, "no-such-tag", 1 },
	/* Labels of names that share a long prefix. */
	{ "prefix", "prefix", 2026, 11, 23, NULL, 1 },
	/* The title line names only the timelines shown. */
	{ "prefix-shared", "prefix", 2026, 11, 23, "shared", 0 },
	/* Labels that only a number tells apart at 40 columns. */
	{ "collide", "collide", 2026, 11, 23, NULL, 0 },
	/* --long whole: history, location, noted, links. */
	{ "history", "history.yaml", 2026, 11, 23, NULL, 1 },
	/* Times of day and ranges within a month or a year. */
	{ "when", "when.yaml", 2026, 11, 23, NULL, 1 },
	/* Words longer than a row, a cluster longer than a row. */
	{ "long-words", "long-words.yaml", 2026, 11, 23, NULL, 1 },
};

struct variant {
	unsigned width;
	int color;
	int long_format;
};

static const struct variant full_variants[] = {
	{ 40, 0, 0 }, { 80, 0, 0 }, { 120, 0, 0 },
	{ 40, 1, 0 }, { 80, 1, 0 }, { 120, 1, 0 },
	{ 40, 0, 1 }, { 80, 0, 1 }, { 120, 0, 1 }, { 80, 1, 1 },
};

static const struct variant short_variants[] = {
	{ 80, 0, 0 },
};

/* Loads a case's input, resolved and selected; fails on any error. */
static struct tl_set *
load_case(const struct text_case *c)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	char path[512], line[512];
	size_t i;

	snprintf(path, sizeof(path), "%s%s", TEXT_DIR, c->input);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_path(set, path, diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	for (i = 0; i < tl_diags_count(diags); i++) {
		const struct tl_diag *d = tl_diags_get(diags, i);

		if (d->level != TL_LEVEL_ERROR)
			continue;
		tl_diag_format(line, sizeof(line), d);
		print_error("%s\n", line);
	}
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

/* Runs the exporter over the milestones tagged tag (all for NULL) into
 * a string the caller frees. */
static char *
render(const struct tl_set *set, const char *tag,
    const struct tl_text_options *o, size_t *len)
{
	struct tl_filter filter = TL_FILTER_INIT;
	struct tl_selection *sel;
	const char *tags[1];
	char *buf;
	FILE *f;
	long n;

	if (tag != NULL) {
		tags[0] = tag;
		filter.tags = tags;
		filter.ntags = 1;
	}
	assert_int_equal(tl_select(&sel, set, &filter), 0);
	/* A temporary file rather than a memory stream: the compiler cannot
	 * follow a memory stream's buffer and warns about it. */
	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(tl_export_text(f, sel, o), 0);
	tl_selection_free(sel);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, f);
	assert_int_equal(*len, (size_t)n);
	buf[*len] = '\0';
	assert_int_equal(fclose(f), 0);
	return buf;
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, (size_t)n, f);
	assert_int_equal(*len, (size_t)n);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Compares out with a golden file, or rewrites it under UPDATE_GOLDEN. */
static void
check_golden(const char *name, const char *out, size_t len)
{
	const char *update = getenv("UPDATE_GOLDEN");
	char path[512], *want;
	size_t wlen = 0, i, line = 1;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", TEXT_DIR, name);
	if (update != NULL && *update != '\0') {
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(out, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
		return;
	}
	want = read_all(path, &wlen);
	if (want == NULL)
		fail_msg("%s is missing; run with UPDATE_GOLDEN=1", name);
	for (i = 0; i < len && i < wlen && out[i] == want[i]; i++)
		if (out[i] == '\n')
			line++;
	if (i < len || i < wlen) {
		print_error("%s differs from the output at line %zu; "
		    "if the change is meant, run with UPDATE_GOLDEN=1 and "
		    "review git diff tests/text\n--- output:\n%s", name,
		    line, out);
		free(want);
		fail();
	}
	free(want);
}

/*
 * Checks what every output must be: each line ends with a newline, has
 * no trailing space, fits the width (links in --long excepted), and
 * holds no control character but the SGR sequences colour asks for.
 */
static void
check_properties(const char *out, size_t len, const struct variant *v)
{
	size_t i = 0, start, cols, lineno = 1;
	char plain[4096];
	size_t plen;

	assert_true(len > 0);
	assert_int_equal(out[len - 1], '\n');
	while (i < len) {
		start = i;
		plen = 0;
		while (i < len && out[i] != '\n') {
			unsigned char c = (unsigned char)out[i];

			if (c == 0x1b) {
				assert_true(v->color);
				assert_true(i + 1 < len && out[i + 1] == '[');
				i += 2;
				while (i < len && ((out[i] >= '0' &&
				    out[i] <= '9') || out[i] == ';'))
					i++;
				assert_true(i < len && out[i] == 'm');
				i++;
				continue;
			}
			assert_true(c >= 0x20 && c != 0x7f);
			assert_true(plen < sizeof(plain));
			plain[plen++] = out[i++];
		}
		i++;
		cols = tl_width_text(plain, plen);
		if (plen > 0)
			assert_true(plain[plen - 1] != ' ');
		while (plen > 0 && plain[0] == ' ') {
			memmove(plain, plain + 1, --plen);
		}
		if (cols > v->width && !(v->long_format && plen > 4 &&
		    strncmp(plain, "http", 4) == 0)) {
			print_error("line %zu is %zu columns wide: %.*s\n",
			    lineno, cols, (int)(i - start), out + start);
			fail();
		}
		lineno++;
	}
}

static void
run_case(const struct text_case *c)
{
	struct tl_set *set = load_case(c);
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	const struct variant *vs = c->full ? full_variants : short_variants;
	size_t nv = c->full ? sizeof(full_variants) / sizeof(vs[0]) :
	    sizeof(short_variants) / sizeof(vs[0]);
	size_t i, len;
	char name[256], *out;

	o.today = tl_day_from_ymd(c->year, c->month, c->day);
	for (i = 0; i < nv; i++) {
		o.width = vs[i].width;
		o.color = vs[i].color ? TL_COLOR_ALWAYS : TL_COLOR_NEVER;
		o.long_format = vs[i].long_format;
		out = render(set, c->tag, &o, &len);
		snprintf(name, sizeof(name), "%s%s.w%u%s.txt", c->stem,
		    vs[i].long_format ? ".long" : "", vs[i].width,
		    vs[i].color ? ".color" : "");
		check_properties(out, len, &vs[i]);
		check_golden(name, out, len);
		free(out);
	}
	tl_set_free(set);
}

static void
text_matches_golden_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

static void
text_says_no_milestones_for_an_empty_selection(void **state)
{
	struct tl_set *set = load_case(&cases[7]);
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	size_t len;
	char *out;

	(void)state;
	o.today = tl_day_from_ymd(2026, 11, 23);
	out = render(set, cases[7].tag, &o, &len);
	assert_non_null(strstr(out, "no milestones\n"));
	assert_null(strstr(out, "today"));
	free(out);
	tl_set_free(set);
}

static void
text_draws_one_today_rule_and_flags_overdue(void **state)
{
	struct tl_set *set = load_case(&cases[0]);
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	size_t len;
	char *out, *rule, *apt, *drm;

	(void)state;
	o.today = tl_day_from_ymd(2026, 11, 23);
	o.width = 120;
	out = render(set, NULL, &o, &len);
	rule = strstr(out, "today 23 Nov 2026");
	assert_non_null(rule);
	assert_null(strstr(rule + 1, "today 23 Nov 2026"));
	assert_non_null(strstr(out, "Rust for Linux"));
	assert_non_null(strstr(out, "as of 23 Nov 2026"));
	/* May 2026 is overdue and above the rule; ~Dec 2026 below it. */
	apt = strstr(out, "Debian's APT gains hard Rust requirements");
	drm = strstr(out, "DRM to require Rust");
	assert_non_null(apt);
	assert_non_null(drm);
	assert_true(apt < rule && rule < drm);
	assert_non_null(strstr(apt, "overdue"));
	assert_true(strstr(apt, "overdue") < strchr(apt, '\n'));
	assert_non_null(strstr(drm, "~1y after tokyo-summit"));
	free(out);
	tl_set_free(set);
}

/*
 * Without a today (TL_DAY_NONE, the default) the timeline is drawn as
 * it stands: no rule of today, no "as of", nothing called overdue.
 */
static void
text_without_a_today_says_nothing_of_it(void **state)
{
	struct tl_set *set = load_case(&cases[0]);
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	size_t len, lf;
	char *out;

	(void)state;
	assert_int_equal(o.today, TL_DAY_NONE);
	for (lf = 0; lf < 2; lf++) {
		o.long_format = (int)lf;
		out = render(set, NULL, &o, &len);
		assert_non_null(strstr(out, "Rust for Linux"));
		assert_non_null(strstr(out,
		    "Debian's APT gains hard Rust requirements"));
		assert_null(strstr(out, "today"));
		assert_null(strstr(out, "as of"));
		assert_null(strstr(out, "overdue"));
		free(out);
	}
	tl_set_free(set);
}

/*
 * Hostile text: ESC, BEL, CSI (7- and 8-bit), OSC (a title change and a
 * hyperlink), DEL, line separators and bidirectional overrides.  The
 * checker reports them, but the exporter must stay safe on its own.
 */
static const char hostile[] =
    "timeline: hostile\n"
    "title: \"Evil \\e[2J\\e]0;pwned\\a title\"\n"
    "milestones:\n"
    "  - id: esc\n"
    "    title: \"red \\e[31m text \\x9b31m csi \\e]8;;http://x\\e\\\\"
    "link\\e]8;;\\e\\\\ bell \\a del \\x7f end\"\n"
    "    date: 2026-05\n"
    "    tags: [ok]\n"
    "    location: \"here \\u202e reversed \\u2066 isolate \\u2028 sep"
    " \\u2029 par \\x85 nel\"\n"
    "    links: [\"https://example.org/\\e[0m\"]\n"
    "    description: \"line one \\e[1A up\\nline two \\r\\n\\t tab"
    " \\x9d osc \\x1b\\x5d0;t\\x07\"\n"
    "  - id: nul\n"
    "    title: \"nul \\0 byte\"\n"
    "    date: 2026-06\n"
    "    history:\n"
    "      - date: 2026-04\n";

static void
assert_no_raw_controls(const char *out, size_t len, int color)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (color && out[i] == 0x1b) {
			/* Only the exporter's own SGR sequences. */
			assert_true(i + 1 < len && out[i + 1] == '[');
			for (i += 2; i < len && ((out[i] >= '0' &&
			    out[i] <= '9') || out[i] == ';'); i++)
				;
			assert_true(i < len && out[i] == 'm');
			i++;
			continue;
		}
		n = tl_utf8_decode(out + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID || (cp != '\n' &&
		    tl_is_control(cp))) {
			print_error("control U+%04X at byte %zu:\n%s\n",
			    (unsigned)cp, i, out);
			fail();
		}
		i += n;
	}
}

static void
text_never_writes_control_characters_from_the_data(void **state)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	size_t len, i;
	char *out;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "hostile.yaml", hostile,
	    sizeof(hostile) - 1, diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_true(tl_diags_errors(diags) > 0);
	assert_true(tl_set_count(set) > 0);

	o.today = tl_day_from_ymd(2026, 11, 23);
	for (i = 0; i < 4; i++) {
		o.color = (i & 1) ? TL_COLOR_ALWAYS : TL_COLOR_NEVER;
		o.long_format = (i & 2) != 0;
		out = render(set, NULL, &o, &len);
		assert_no_raw_controls(out, len, o.color == TL_COLOR_ALWAYS);
		assert_non_null(strstr(out, "red"));
		if (o.color == TL_COLOR_NEVER)
			assert_null(memchr(out, 0x1b, len));
		free(out);
	}
	tl_diags_free(diags);
	tl_set_free(set);
}

static struct tl_set *
empty_set(void)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	tl_diags_free(diags);
	return set;
}

static void
text_reports_write_errors(void **state)
{
	struct tl_set *set = empty_set();
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	FILE *f;

	(void)state;
	o.today = tl_day_from_ymd(2026, 11, 23);
	/* A stream open only for reading refuses every write. */
	f = fopen("/dev/null", "r");
	assert_non_null(f);
	assert_int_equal(test_export_text(f, set, &o), TL_EIO);
	fclose(f);
	/* A full device fails when the buffer is flushed. */
	f = fopen("/dev/full", "w");
	if (f != NULL) {
		assert_int_equal(test_export_text(f, set, &o), TL_EIO);
		fclose(f);
	}
	tl_set_free(set);
}

static void
text_rejects_bad_arguments(void **state)
{
	struct tl_set *set = empty_set();
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	o.version = TL_TEXT_OPTIONS_VERSION + 1;
	assert_int_equal(test_export_text(f, set, &o), TL_EINVAL);
	assert_int_equal(tl_text_options_init(&o, o.version), TL_EINVAL);
	assert_int_equal(tl_text_options_init(&o, TL_TEXT_OPTIONS_VERSION), 0);
	o.today = TL_DAY_MIN - 1;
	assert_int_equal(test_export_text(f, set, &o), TL_EINVAL);
	o.today = TL_DAY_MAX + 1;
	assert_int_equal(test_export_text(f, set, &o), TL_EINVAL);
	o.today = TL_DAY_MAX;
	assert_int_equal(test_export_text(f, set, &o), 0);
	fclose(f);
	tl_set_free(set);
}

/* Renders case c (by stem) without colour at a width, short or long. */
static char *
render_case(const char *stem, unsigned width, int long_format)
{
	struct tl_text_options o;
	struct tl_set *set = NULL;
	size_t i, len;
	char *out;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (strcmp(cases[i].stem, stem) == 0)
			break;
	assert_true(i < sizeof(cases) / sizeof(cases[0]));
	set = load_case(&cases[i]);
	assert_int_equal(tl_text_options_init(&o, TL_TEXT_OPTIONS_VERSION), 0);
	o.today = tl_day_from_ymd(cases[i].year, cases[i].month,
	    cases[i].day);
	o.width = width;
	o.long_format = long_format;
	out = render(set, cases[i].tag, &o, &len);
	tl_set_free(set);
	return out;
}

/* The line of out holding s, as a new string; fails when there is none. */
static char *
line_with(const char *out, const char *s)
{
	const char *at = strstr(out, s), *start, *end;
	char *line;

	if (at == NULL) {
		print_error("no line holds \"%s\" in:\n%s\n", s, out);
		fail();
	}
	for (start = at; start > out && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	assert_non_null(end);
	line = strndup(start, (size_t)(end - start));
	assert_non_null(line);
	return line;
}

/*
 * The labels of out's milestone lines, in order, into labels[]; returns
 * how many lines have one.
 */
static size_t
labels_of(const char *out, char labels[][64], size_t max)
{
	const char *line = out, *end, *open, *close;
	size_t n = 0;

	for (; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		open = memchr(line, '[', (size_t)(end - line));
		if (open == NULL)
			continue;
		close = memchr(open, ']', (size_t)(end - open));
		assert_non_null(close);
		assert_true(n < max && close - open < 64);
		snprintf(labels[n++], 64, "%.*s", (int)(close - open - 1),
		    open + 1);
	}
	return n;
}

/*
 * tests/text/prefix holds five timelines of one milestone each: three
 * whose names share 28 bytes, and debian-apt and debian-rust;
 * tests/text/collide four whose labels in six columns would both be
 * "q…b1c…" but for a number.  One line each, each label different, at
 * every width.
 */
static void
text_labels_tell_timelines_with_a_shared_prefix_apart(void **state)
{
	static const struct {
		const char *stem;
		size_t lines;
	} inputs[] = { { "prefix", 5 }, { "collide", 4 } };
	char labels[8][64];
	unsigned width;
	size_t i, j, k, n;
	char *out;

	(void)state;
	for (k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
		for (width = 40; width <= 130; width += 3) {
			out = render_case(inputs[k].stem, width, 0);
			n = labels_of(out, labels, 8);
			assert_int_equal(n, inputs[k].lines);
			for (i = 0; i < n; i++)
				for (j = i + 1; j < n; j++)
					if (strcmp(labels[i], labels[j]) == 0) {
						print_error("width %u: \"%s\" "
						    "twice\n%s", width,
						    labels[i], out);
						fail();
					}
			free(out);
		}
	}
	/* At 40 columns the numbers are what tells two of them apart. */
	out = render_case("collide", 40, 0);
	assert_non_null(strstr(out, "[q-a\xe2\x80\xa6#1]"));
	assert_non_null(strstr(out, "[q-z\xe2\x80\xa6#3]"));
	free(out);
}

static void
text_title_line_names_only_the_timelines_shown(void **state)
{
	char *out = render_case("prefix-shared", 120, 0), *title;

	(void)state;
	title = line_with(out, "as of 23 Nov 2026");
	assert_non_null(strstr(title, "Long name one"));
	assert_non_null(strstr(title, "Long name two"));
	assert_non_null(strstr(title, "Long name three"));
	assert_null(strstr(title, "APT"));
	assert_null(strstr(title, "Rust in Debian"));
	free(title);
	free(out);
	out = render_case("prefix", 120, 0);
	title = line_with(out, "as of 23 Nov 2026");
	assert_non_null(strstr(title, "APT"));
	assert_non_null(strstr(title, "Rust in Debian"));
	free(title);
	free(out);
}

/* Counts the lines of out that hold s. */
static size_t
lines_with(const char *out, const char *s)
{
	size_t n = 0;
	const char *line = out, *end;

	char *copy;

	for (; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		copy = strndup(line, (size_t)(end - line));
		assert_non_null(copy);
		if (strstr(copy, s) != NULL)
			n++;
		free(copy);
	}
	return n;
}

static void
text_tags_are_cut_with_a_mark_never_dropped(void **state)
{
	static const char *const stems[] = {
		"rust-for-linux", "several", "prefix", "history", "when",
		"dates", "unicode"
	};
	struct tl_set *set;
	unsigned width;
	size_t i, k, c, tagged;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(stems) / sizeof(stems[0]); i++) {
		for (c = 0; strcmp(cases[c].stem, stems[i]) != 0; c++)
			;
		set = load_case(&cases[c]);
		for (k = 0, tagged = 0; k < tl_set_count(set); k++)
			if (tl_milestone_tag_count(tl_set_milestone(set,
			    k)) > 0)
				tagged++;
		tl_set_free(set);
		assert_true(tagged > 0);
		/* Each tagged milestone's line shows its tags or "#…". */
		for (width = 40; width <= 120; width += 7) {
			out = render_case(stems[i], width, 0);
			if (lines_with(out, "  #") != tagged) {
				print_error("%s at %u: %zu tagged lines, "
				    "want %zu\n%s", stems[i], width,
				    lines_with(out, "  #"), tagged, out);
				fail();
			}
			free(out);
		}
	}
}

static void
text_shows_times_and_short_ranges(void **state)
{
	char *out = render_case("when", 80, 0);

	(void)state;
	assert_non_null(strstr(out, "\n  10 Dec 09:30 Asia/Tokyo\n"));
	assert_non_null(strstr(out, "\n  31 Dec 00:00 UTC\n"));
	/* Etc/GMT+12 is UTC-12: the zone's sign is POSIX's, inverted. */
	assert_non_null(strstr(out, "\n  11 Dec 23:59 UTC-12\n"));
	assert_non_null(strstr(out, "\n  31 Dec 00:00 UTC+14\n"));
	assert_null(strstr(out, "Etc/GMT"));
	assert_non_null(strstr(out, "\n  20\xe2\x80\x93" "25 Jul 2026\n"));
	assert_non_null(strstr(out, "\n  ~6\xe2\x80\x93" "10 Jul 2026\n"));
	assert_non_null(strstr(out, "\n  Mar \xe2\x80\x93 May 2026\n"));
	assert_non_null(strstr(out, "\n  20 Jul \xe2\x80\x93 5 Aug 2026\n"));
	assert_non_null(strstr(out, "\n  Q3 \xe2\x80\x93 ~Q4 2026\n"));
	assert_non_null(strstr(out, "\n  Sep 2026\n"));
	assert_non_null(strstr(out, "\n  Nov 2026 \xe2\x80\x93 Feb 2027\n"));
	assert_non_null(strstr(out,
	    "\n  28 Dec 2026 \xe2\x80\x93 3 Jan 2027\n"));
	assert_non_null(strstr(out, "\n  2026 \xe2\x80\x93 Q3 2026\n"));
	free(out);
}

/*
 * Joins the rows of out into one line of words (each run of white space
 * and line ends one space), so that wrapped text reads whole again.
 */
static char *
joined(const char *out)
{
	char *j = malloc(strlen(out) + 1), *p = j;

	assert_non_null(j);
	for (; *out != '\0'; out++) {
		if (*out == ' ' || *out == '\n') {
			if (p > j && p[-1] != ' ')
				*p++ = ' ';
		} else {
			*p++ = *out;
		}
	}
	*p = '\0';
	return j;
}

static void
text_long_format_loses_nothing(void **state)
{
	static const unsigned widths[] = { 40, 50, 80, 120 };
	static const char *const whole[] = {
		"The long-awaited release that slipped again and again",
		"(was Mar 2027)",
		"#release #tokyo #a-rather-long-tag-name",
		"Tokyo International Forum, Hall B7, 3-5-1 Marunouchi, "
		    "Chiyoda City, Tokyo 100-0005, Japan",
		"noted 2 Nov 2026 \xc2\xb7 earlier Mar 2027 (noted 9 Sep "
		    "2026), 2027, 15 Dec 2026 (noted 30 Jun 2026), ~Q3 2026 "
		    "(noted 20 Feb 2026), May 2026 (noted 15 Oct 2025), "
		    "Q1 2026 (noted 1 Jun 2025)",
		"Planned for the spring of 2026, then the summer, then the "
		    "end of the year; each estimate is kept in the history "
		    "below.",
		"noted 1 Oct 2026 \xc2\xb7 earlier 20 Nov 2026 (noted 1 Aug "
		    "2026)",
	};
	static const char *const links[] = {
		"https://example.org/\n",
		"https://example.org/releases/2027/the-long-awaited-release/"
		    "notes.html\n",
		"\nhttps://example.org/a/very/long/link/that/is/wider/than/any/"
		    "width/a/terminal/gives/it/and/must/stand/whole/on/a/line/"
		    "of/its/own.html\n",
	};
	size_t w, i;
	char *out, *j;

	(void)state;
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		out = render_case("history", widths[w], 1);
		j = joined(out);
		for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
			if (strstr(j, whole[i]) == NULL) {
				print_error("width %u lost \"%s\":\n%s",
				    widths[w], whole[i], out);
				fail();
			}
		/* Each link whole on a line of its own. */
		for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
			assert_non_null(strstr(out, links[i]));
		assert_null(strstr(out, "\xe2\x80\xa6"));
		free(j);
		free(out);
	}
}

static void
text_was_latest_and_long_lists_newest_first(void **state)
{
	static const char *const order[] = {
		"Mar 2027 (noted 9 Sep 2026),", "2027,",
		"15 Dec 2026 (noted 30 Jun 2026),",
		"~Q3 2026 (noted 20 Feb 2026),",
		"May 2026 (noted 15 Oct 2025),",
		"Q1 2026 (noted 1 Jun 2025)"
	};
	char *out = render_case("history", 80, 0), *line, *at, *next;
	size_t i;

	(void)state;
	/* History is oldest first: the last entry is the latest. */
	line = line_with(out, "The long-awaited");
	assert_non_null(strstr(line, "(was Mar 2027)"));
	free(line);
	free(out);
	out = render_case("history", 120, 1);
	line = joined(out);
	at = strstr(line, "earlier Mar 2027");
	assert_non_null(at);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		next = strstr(at, order[i]);
		if (next == NULL) {
			print_error("\"%s\" not after \"%s\":\n%s", order[i],
			    i > 0 ? order[i - 1] : "earlier", out);
			fail();
		}
		at = next;
	}
	free(line);
	free(out);
}

/*
 * --long names the location, and "at" stays with the location's first
 * word, however long it is (a meeting's address at 40 columns).
 */
static void
text_long_names_the_location(void **state)
{
	static const char yaml[] = "timeline: t\nmilestones:\n"
	    "  - id: a\n    title: A\n    date: 2026-12-01\n"
	    "    description: The last line of the description.\n"
	    "    location: https://meet.example.com/abcdefghijklmnopqrstuvwxyz"
	    "0123456789 and the studio\n";
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	struct tl_text_options o = TL_TEXT_OPTIONS_INIT;
	size_t len;
	char *out, *line;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "t.yaml", yaml,
	    sizeof(yaml) - 1, diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	o.long_format = 1;
	o.width = 40;
	out = render(set, NULL, &o, &len);
	line = line_with(out, "at https://meet.example.com");
	assert_non_null(line);
	free(line);
	assert_null(strstr(out, " at\n"));
	assert_non_null(strstr(out, "and the studio"));
	free(out);
	tl_diags_free(diags);
	tl_set_free(set);
}

static void
text_options_have_a_version(void **state)
{
	const struct tl_text_options macro = TL_TEXT_OPTIONS_INIT;
	struct tl_text_options o;
	struct tl_set *set = empty_set();
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	assert_int_equal(macro.version, TL_TEXT_OPTIONS_VERSION);
	memset(&o, 0xa5, sizeof(o));
	assert_int_equal(tl_text_options_init(&o, TL_TEXT_OPTIONS_VERSION), 0);
	assert_int_equal(o.version, TL_TEXT_OPTIONS_VERSION);
	assert_int_equal(o.today, macro.today);
	assert_int_equal(o.width, macro.width);
	assert_int_equal(o.color, macro.color);
	assert_int_equal(o.long_format, macro.long_format);
	assert_int_equal(tl_text_options_init(&o, 0), TL_EINVAL);
	assert_int_equal(tl_text_options_init(&o, 2), TL_EINVAL);
	assert_int_equal(tl_text_options_init(NULL, 1), TL_EINVAL);
	/* The exporter refuses a version it does not know. */
	o.version = 2;
	assert_int_equal(test_export_text(f, set, &o), TL_EINVAL);
	o.version = TL_TEXT_OPTIONS_VERSION;
	assert_int_equal(test_export_text(f, set, &o), 0);
	fclose(f);
	tl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_matches_golden_files),
		cmocka_unit_test(text_says_no_milestones_for_an_empty_selection),
		cmocka_unit_test(text_draws_one_today_rule_and_flags_overdue),
		cmocka_unit_test(text_without_a_today_says_nothing_of_it),
		cmocka_unit_test(
		    text_never_writes_control_characters_from_the_data),
		cmocka_unit_test(text_reports_write_errors),
		cmocka_unit_test(text_rejects_bad_arguments),
		cmocka_unit_test(
		    text_labels_tell_timelines_with_a_shared_prefix_apart),
		cmocka_unit_test(
		    text_title_line_names_only_the_timelines_shown),
		cmocka_unit_test(text_tags_are_cut_with_a_mark_never_dropped),
		cmocka_unit_test(text_shows_times_and_short_ranges),
		cmocka_unit_test(text_long_format_loses_nothing),
		cmocka_unit_test(
		    text_was_latest_and_long_lists_newest_first),
		cmocka_unit_test(text_long_names_the_location),
		cmocka_unit_test(text_options_have_a_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
