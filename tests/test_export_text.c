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
};

struct variant {
	unsigned width;
	int color;
	int long_format;
};

static const struct variant full_variants[] = {
	{ 40, 0, 0 }, { 80, 0, 0 }, { 120, 0, 0 },
	{ 40, 1, 0 }, { 80, 1, 0 }, { 120, 1, 0 },
	{ 40, 0, 1 }, { 80, 0, 1 }, { 80, 1, 1 },
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
	o.today = TL_DAY_NONE;
	assert_int_equal(test_export_text(f, set, &o), TL_EINVAL);
	o.today = TL_DAY_MAX;
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
		cmocka_unit_test(
		    text_never_writes_control_characters_from_the_data),
		cmocka_unit_test(text_reports_write_errors),
		cmocka_unit_test(text_rejects_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
