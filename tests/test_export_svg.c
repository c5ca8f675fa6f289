/*
 * Tests for the picture and page exporters (src/export_svg.c,
 * src/export_html.c) on what no checked file could hold: control
 * characters, bidirectional overrides, invalid UTF-8 and a title of
 * 64 KiB stay text in well-formed XML (read back by xmllint); and on
 * their contract: an empty set, a width out of range and an unknown
 * options version write nothing, a failed write is TL_EIO.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "set_internal.h"
#include "utf8.h"
#include "hostile.h"
#include "pipeline.h"

#define LONG_TITLE 65536

enum format { SVG, HTML };

/* Runs an exporter on the whole set into memory; returns its code, the
 * text in *text. */
static int
export(enum format f, struct tl_set *set, unsigned width, char **text,
    size_t *len)
{
	struct tl_svg_options svg;
	struct tl_html_options html;
	struct tl_selection *sel;
	FILE *fp;
	int error;

	*text = NULL;
	set->stage = TL_STAGE_ORDERED;
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_non_null(fp = open_memstream(text, len));
	if (f == SVG) {
		assert_int_equal(tl_svg_options_init(&svg,
		    TL_SVG_OPTIONS_VERSION), 0);
		svg.today = tl_day_from_ymd(2026, 6, 15);
		svg.width = width;
		error = tl_export_svg(fp, sel, &svg);
	} else {
		assert_int_equal(tl_html_options_init(&html,
		    TL_HTML_OPTIONS_VERSION), 0);
		html.today = tl_day_from_ymd(2026, 6, 15);
		html.width = width;
		error = tl_export_html(fp, sel, &html);
	}
	assert_int_equal(fclose(fp), 0);
	tl_selection_free(sel);
	return error;
}

/* Valid UTF-8, nothing raw that XML 1.0 refuses or a reader would
 * obey: no control character but the line feed and the tab (the page's
 * script is indented with tabs), no override; the one bidirectional
 * control is the exporter's isolate around data text (U+2068 to U+2069),
 * in pairs, never nested. */
static void
assert_clean(const char *text, size_t len, int tabs)
{
	size_t i, n;
	uint32_t cp;
	int isolated = 0;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(text + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID)
			fail_msg("invalid UTF-8 at byte %zu", i);
		if ((cp == 0x2068 && !isolated) || (cp == 0x2069 &&
		    isolated)) {
			isolated = !isolated;
			continue;
		}
		if (cp != '\n' && (cp != '\t' || !tabs) && tl_is_control(cp))
			fail_msg("raw U+%04X at byte %zu", (unsigned)cp, i);
		if (cp == 0xfffe || cp == 0xffff)
			fail_msg("U+%04X at byte %zu", (unsigned)cp, i);
	}
	if (isolated)
		fail_msg("an isolate left open");
}

/* xmllint reads text as well-formed XML (skipped without xmllint). */
static void
assert_xml(const char *text, size_t len)
{
	char path[] = "/tmp/test_export_svg.XXXXXX", cmd[128];
	int fd, status;

	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		return;
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
	status = system(cmd);
	unlink(path);
	assert_int_equal(status, 0);
}

static void
hostile_stays_text(void **state)
{
	static const enum format formats[] = { SVG, HTML };
	struct hostile h;
	struct tl_set *set;
	char *text;
	size_t len, i;

	(void)state;
	for (i = 0; i < 2; i++) {
		hostile_init(&h, NULL);
		assert_int_equal(tl_set_new(&set), 0);
		assert_int_equal(tl_set_push(set, h.m), 0);
		assert_int_equal(export(formats[i], set, 1200, &text, &len), 0);
		assert_clean(text, len, formats[i] == HTML);
		assert_xml(text, len);
		/* The title, its controls replaced, is the tooltip,
		 * isolated from the date after it. */
		assert_non_null(strstr(text, "<title>\xe2\x81\xa8"
		    "Title  BEGIN:VEVENT  "
		    "UID:injected\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xe2\x81\xa9 "
		    "\xe2\x80\x94 "));
		free(text);
		tl_set_free(set);
	}
}

/* A milestone of one timeline with the given title, in storage. */
static struct tl_milestone *
make(void *storage, struct tl_timeline_rec *tl, const char *id,
    const char *title, int month)
{
	struct tl_milestone *m = storage;
	char *p = m->text;
	size_t n;

	memset(m, 0, sizeof(*m));
	m->timeline = &tl->pub;
	n = strlen(id) + 1;
	memcpy(p, id, n);
	p += n;
	n = strlen(title) + 1;
	memcpy(p, title, n);
	p += n;
	memcpy(p, "2026-05", 8);
	m->noted = TL_DAY_NONE;
	m->time = -1;
	m->window.start = tl_day_from_ymd(2026, month, 1);
	m->window.end = tl_day_from_ymd(2026, month, 28);
	m->window.precision = TL_PREC_MONTH;
	m->window.start_precision = m->window.end_precision = TL_PREC_MONTH;
	m->resolved = 1;
	return m;
}

/* The set of one file held in text, resolved and ordered, with no error. */
static struct tl_set *
load_text(const char *name, const char *text)
{
	struct tl_set *set;
	struct tl_diags *diags;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, name, text, strlen(text),
	    diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

/*
 * A fixed offset reads as people write it in the tooltip and the table:
 * Etc/GMT+12 is UTC-12 (the zone's sign is POSIX's, inverted).
 */
static void
fixed_offsets_read_as_utc_offsets(void **state)
{
	static const char yaml[] =
	    "timeline: cfp\nmilestones:\n"
	    "  - {id: due, title: Due, date: 2026-02-15, time: \"23:59\",\n"
	    "     timezone: Etc/GMT+12}\n"
	    "  - {id: dawn, title: Dawn, date: 2026-03-01, time: \"06:00\",\n"
	    "     timezone: Etc/GMT-14}\n";
	static const enum format formats[] = { SVG, HTML };
	struct tl_set *set;
	char *text;
	size_t len, i;

	(void)state;
	for (i = 0; i < 2; i++) {
		set = load_text("cfp.yaml", yaml);
		assert_int_equal(export(formats[i], set, 1200, &text, &len), 0);
		assert_non_null(strstr(text, "15 Feb 2026 23:59 UTC-12"));
		assert_non_null(strstr(text, "1 Mar 2026 06:00 UTC+14"));
		assert_null(strstr(text, "Etc/GMT"));
		free(text);
		tl_set_free(set);
	}
}

/* No today (TL_DAY_NONE, or a day outside 0001-9999): no today line,
 * nothing said of today at an edge, and no milestone called overdue. */
static void
no_today_draws_none(void **state)
{
	static const char yaml[] =
	    "timeline: t\nmilestones:\n"
	    "  - {id: a, title: A, date: 2026-03-01}\n";
	static const int32_t days[] = { TL_DAY_NONE, -1, TL_DAY_MAX + 1 };
	struct tl_svg_options o;
	struct tl_selection *sel;
	struct tl_set *set = load_text("t.yaml", yaml);
	char *text = NULL;
	size_t len, i;
	FILE *fp;

	(void)state;
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_int_equal(tl_select(&sel, set, NULL), 0);
		assert_int_equal(tl_svg_options_init(&o,
		    TL_SVG_OPTIONS_VERSION), 0);
		o.today = days[i];
		assert_non_null(fp = open_memstream(&text, &len));
		assert_int_equal(tl_export_svg(fp, sel, &o), 0);
		assert_int_equal(fclose(fp), 0);
		assert_null(strstr(text, "today"));
		assert_null(strstr(text, "overdue"));
		free(text);
		tl_selection_free(sel);
	}
	tl_set_free(set);
}

static void
long_title_is_cut_in_its_label(void **state)
{
	static const unsigned widths[] = { 480, 1200, 2400 };
	struct tl_timeline_rec tl;
	struct tl_set *set;
	char *title, *text, *label, *end;
	void *a, *b;
	size_t len, i;

	(void)state;
	memset(&tl, 0, sizeof(tl));
	tl.pub.name = "long";
	tl.pub.file = "long.yaml";
	assert_non_null(title = malloc(LONG_TITLE + 1));
	/* "Long <U+65E5> <U+202E>": wide text and a bidi override. */
	for (i = 0; i + 12 <= LONG_TITLE; i += 12)
		memcpy(title + i, "Long \xe6\x97\xa5 \xe2\x80\xae ", 12);
	memset(title + i, 'x', LONG_TITLE - i);
	title[LONG_TITLE] = '\0';
	assert_non_null(a = malloc(sizeof(struct tl_milestone) + LONG_TITLE +
	    64));
	assert_non_null(b = malloc(sizeof(struct tl_milestone) + 64));
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_push(set, make(a, &tl, "a", title, 5)), 0);
	assert_int_equal(tl_set_push(set, make(b, &tl, "b", "Short", 6)), 0);
	for (i = 0; i < 3; i++) {
		assert_int_equal(export(SVG, set, widths[i], &text, &len), 0);
		assert_clean(text, len, 0);
		assert_xml(text, len);
		assert_true(len > LONG_TITLE);
		/* The label: its date, then the title cut with an
		 * ellipsis, inside the title's isolate, then "overdue"
		 * (May 2026 ended before 15 June), which is not cut. */
		assert_non_null(label = strstr(text, "<tspan class=\"dt\">"
		    "May 2026</tspan> <tspan>\xe2\x81\xa8Long "));
		assert_non_null(end = strstr(label, "</text>"));
		assert_true(end - label < 1000);
		assert_non_null(strstr(label, "\xe2\x80\xa6\xe2\x81\xa9"
		    "</tspan> <tspan class=\"ov\">overdue</tspan></text>"));
		assert_null(strstr(text, "\xe2\x80\xae"));
		free(text);
	}
	tl_set_free(set);
	free(a);
	free(b);
	free(title);
}

/*
 * Emoji are measured as the widest emoji face draws them, 1.25 em: a
 * label of 60 of one emoji is cut where they fit in its 400 px at that
 * width (at 1 em, more were kept than fit).
 */
static void
emoji_label_fits(const char *emoji)
{
	struct tl_timeline_rec tl;
	struct tl_set *set;
	char title[60 * 4 + 1], *text, *label, *end, *p;
	void *a;
	size_t len, i, kept = 0, n = strlen(emoji);

	memset(&tl, 0, sizeof(tl));
	tl.pub.name = "emoji";
	tl.pub.file = "emoji.yaml";
	for (i = 0; i < 60; i++)
		memcpy(title + n * i, emoji, n);
	title[60 * n] = '\0';
	assert_non_null(a = malloc(sizeof(struct tl_milestone) +
	    sizeof(title) + 64));
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_push(set, make(a, &tl, "a", title, 5)), 0);
	assert_int_equal(export(SVG, set, 1600, &text, &len), 0);
	assert_non_null(label = strstr(text, "<tspan class=\"dt\">"));
	assert_non_null(end = strstr(label, "</text>"));
	for (p = label; (p = strstr(p, emoji)) != NULL && p < end; p += n)
		kept++;
	/*
	 * Cut, and the emoji at 15 px each (1.25 em of 12 px) fit beside
	 * "May 2026 " (59 px in DejaVu Sans) in the 400 px of a label: 22
	 * at most (20 kept; at 1 em it kept 25).
	 */
	assert_true(kept > 10 && kept < 60);
	assert_true(kept * 15 + 59 <= 400);
	free(text);
	tl_set_free(set);
	free(a);
}

static void
emoji_are_measured_wide(void **state)
{
	/* A rocket (U+1F680), a star (U+2B50) and a watch (U+231A). */
	static const char *const emoji[] = {
		"\xf0\x9f\x9a\x80", "\xe2\xad\x90", "\xe2\x8c\x9a"
	};
	size_t e;

	(void)state;
	for (e = 0; e < 3; e++)
		emoji_label_fits(emoji[e]);
}

/* Nothing selected: a picture and a page that say so, whole. */
/*
 * Years before 1000 are written with four digits on the axis and in the
 * words for screen readers, as everywhere else ("Mar 0012", not "Mar 12",
 * which reads as a day of March); a year axis counts "0050", "0100".
 */
static void
early_years_have_four_digits(void **state)
{
	static const char days[] =
	    "timeline: t\nmilestones:\n"
	    "  - {id: a, title: Day one, date: 0012-03-01}\n"
	    "  - {id: b, title: Day ten, date: 0012-03-10}\n";
	static const char years[] =
	    "timeline: t\nmilestones:\n"
	    "  - {id: a, title: First, date: 0001-01-01}\n"
	    "  - {id: b, title: Later, date: 0400-06-01}\n";
	struct tl_set *set;
	char *text;
	size_t len;

	(void)state;
	set = load_text("t.yaml", days);
	assert_int_equal(export(SVG, set, 1200, &text, &len), 0);
	assert_non_null(strstr(text, "<desc>Timeline chart of 2 milestones, "
	    "Mar 0012."));
	assert_non_null(strstr(text, ">Mar 0012<"));
	assert_null(strstr(text, ">Mar 12<"));
	free(text);
	tl_set_free(set);
	set = load_text("t.yaml", years);
	assert_int_equal(export(SVG, set, 1200, &text, &len), 0);
	assert_non_null(strstr(text, "from Jan 0001 to Jun 0400"));
	assert_non_null(strstr(text, ">0100<"));
	assert_null(strstr(text, ">100<"));
	free(text);
	tl_set_free(set);
}

static void
empty_set_says_no_milestones(void **state)
{
	struct tl_set *set;
	char *text;
	size_t len;

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(export(SVG, set, 1200, &text, &len), 0);
	assert_non_null(strstr(text, "<desc>Timeline chart: no milestones."
	    "</desc>"));
	assert_non_null(strstr(text, ">no milestones</text>\n</svg>\n"));
	assert_string_equal(text + len - 7, "</svg>\n");
	assert_null(strstr(text, "<g "));
	free(text);
	assert_int_equal(export(HTML, set, 1200, &text, &len), 0);
	assert_non_null(strstr(text, ">no milestones</text>"));
	assert_null(strstr(text, "tl-table"));
	assert_null(strstr(text, "<script>\n"));
	assert_string_equal(text + len - 8, "</html>\n");
	free(text);
	/* A width out of range is refused whatever is selected. */
	assert_int_equal(export(SVG, set, 100, &text, &len), TL_EINVAL);
	assert_int_equal(len, 0);
	free(text);
	tl_set_free(set);
}

static void
width_out_of_range_writes_nothing(void **state)
{
	struct hostile h;
	struct tl_set *set;
	char *text;
	size_t len;

	(void)state;
	hostile_init(&h, NULL);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_push(set, h.m), 0);
	assert_int_equal(export(SVG, set, 479, &text, &len), TL_EINVAL);
	assert_int_equal(len, 0);
	free(text);
	assert_int_equal(export(HTML, set, 20001, &text, &len), TL_EINVAL);
	assert_int_equal(len, 0);
	free(text);
	assert_int_equal(export(SVG, set, 480, &text, &len), 0);
	assert_non_null(strstr(text, "width=\"480\""));
	free(text);
	tl_set_free(set);
}

static void
options_init_checks_version(void **state)
{
	struct tl_svg_options svg;
	struct tl_html_options html;
	struct tl_selection *sel;
	struct tl_set *set;

	(void)state;
	assert_int_equal(tl_svg_options_init(&svg, 2), TL_EINVAL);
	assert_int_equal(tl_html_options_init(&html, 0), TL_EINVAL);
	assert_int_equal(tl_svg_options_init(&svg, TL_SVG_OPTIONS_VERSION), 0);
	assert_int_equal(svg.width, 1200);
	assert_int_equal(tl_html_options_init(&html, TL_HTML_OPTIONS_VERSION),
	    0);
	assert_int_equal(html.width, 1200);
	svg.version = 2;
	assert_int_equal(tl_set_new(&set), 0);
	set->stage = TL_STAGE_ORDERED;
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_int_equal(tl_export_svg(stdout, sel, &svg), TL_EINVAL);
	tl_selection_free(sel);
	tl_set_free(set);
}

static void
failed_write_is_eio(void **state)
{
	static const enum format formats[] = { SVG, HTML };
	struct tl_svg_options svg;
	struct tl_html_options html;
	struct hostile h;
	struct tl_selection *sel;
	struct tl_set *set;
	FILE *fp;
	size_t i;

	(void)state;
	if (access("/dev/full", W_OK) != 0)
		skip();
	hostile_init(&h, NULL);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_push(set, h.m), 0);
	set->stage = TL_STAGE_ORDERED;
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	assert_int_equal(tl_svg_options_init(&svg, TL_SVG_OPTIONS_VERSION), 0);
	assert_int_equal(tl_html_options_init(&html, TL_HTML_OPTIONS_VERSION),
	    0);
	for (i = 0; i < 2; i++) {
		assert_non_null(fp = fopen("/dev/full", "w"));
		assert_int_equal(formats[i] == SVG ? tl_export_svg(fp, sel,
		    &svg) : tl_export_html(fp, sel, &html), TL_EIO);
		fclose(fp);
		/* A stream whose error flag is set already (a read from a
		 * stream open for writing sets it): what was written before
		 * may be lost, as the other exporters say. */
		assert_non_null(fp = fopen("/dev/null", "w"));
		assert_int_equal(fgetc(fp), EOF);
		assert_true(ferror(fp));
		assert_int_equal(formats[i] == SVG ? tl_export_svg(fp, sel,
		    &svg) : tl_export_html(fp, sel, &html), TL_EIO);
		fclose(fp);
	}
	tl_selection_free(sel);
	tl_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hostile_stays_text),
		cmocka_unit_test(fixed_offsets_read_as_utc_offsets),
		cmocka_unit_test(no_today_draws_none),
		cmocka_unit_test(long_title_is_cut_in_its_label),
		cmocka_unit_test(emoji_are_measured_wide),
		cmocka_unit_test(early_years_have_four_digits),
		cmocka_unit_test(empty_set_says_no_milestones),
		cmocka_unit_test(width_out_of_range_writes_nothing),
		cmocka_unit_test(options_init_checks_version),
		cmocka_unit_test(failed_write_is_eio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
