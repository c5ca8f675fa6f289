/*
 * Fuzz target: the whole pipeline on a file in memory.  Load, resolve,
 * warn, then every exporter (the picture and the page included) to a
 * memory stream, each in one of its variants that bytes of the input
 * choose (so that a run is short and the corpus covers them all) --
 * also when the data has errors: the CLI exports nothing then, but the
 * library's exporters must be safe on any resolved set, so they run all
 * the same.  Each output is checked for the properties of its format
 * (fuzz_util.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* The text exports drawn: colour off and on, narrow and wide, --long. */
static const struct {
	unsigned width;
	enum tl_color color;
	int long_format;
} text_variants[] = {
	{ 40, TL_COLOR_NEVER, 1 },
	{ 40, TL_COLOR_ALWAYS, 1 },
	{ 120, TL_COLOR_NEVER, 1 },
	{ 120, TL_COLOR_ALWAYS, 1 },
	{ 80, TL_COLOR_NEVER, 0 },
};

/* A stream into memory; *buf and *len are valid after fclose. */
static FILE *
open_memory(char **buf, size_t *len)
{
	FILE *fp;

	*buf = NULL;
	*len = 0;
	if ((fp = open_memstream(buf, len)) == NULL)
		fuzz_fail("open_memstream failed", NULL, 0);
	return fp;
}

static void
export_json(const struct tl_selection *sel)
{
	char *buf;
	size_t len;
	FILE *fp = open_memory(&buf, &len);
	int error = tl_export_json(fp, sel, NULL);

	if (fclose(fp) != 0)
		fuzz_fail("fclose of a memory stream", NULL, 0);
	if (error == 0)
		fuzz_check_json(buf, len);
	else if (error != TL_ENOMEM)
		fuzz_fail("tl_export_json failed", NULL, 0);
	free(buf);
}

static void
export_text(const struct tl_selection *sel, int32_t today, unsigned variant)
{
	struct tl_text_options opts;
	char *buf;
	size_t len, i;
	FILE *fp;
	int error;

	if (tl_text_options_init(&opts, TL_TEXT_OPTIONS_VERSION) != 0)
		fuzz_fail("tl_text_options_init refused its own version",
		    NULL, 0);
	/* One variant an input keeps each run short; inputs vary it. */
	i = variant % (sizeof(text_variants) / sizeof(text_variants[0]));
	opts.today = today;
	opts.width = text_variants[i].width;
	opts.color = text_variants[i].color;
	opts.long_format = text_variants[i].long_format;
	fp = open_memory(&buf, &len);
	error = tl_export_text(fp, sel, &opts);
	if (fclose(fp) != 0)
		fuzz_fail("fclose of a memory stream", NULL, 0);
	if (error == 0)
		fuzz_check_text(buf, len, opts.width,
		    opts.color == TL_COLOR_ALWAYS, opts.long_format);
	else if (error != TL_ENOMEM)
		fuzz_fail("tl_export_text failed", NULL, 0);
	free(buf);
}

/*
 * The picture (at the narrowest and the default width) and the page:
 * well-formed XML, nothing written for an empty selection.
 */
static void
export_picture(const struct tl_selection *sel, int32_t today,
    unsigned variant)
{
	static const unsigned widths[] = { TL_PICTURE_WIDTH_MIN, 1200 };
	struct tl_svg_options svg;
	struct tl_html_options page;
	char *buf;
	size_t len, i;
	FILE *fp;
	int error, html;

	/* The page, or the picture at one of two widths. */
	html = variant % 3 == 2;
	i = variant % 3 == 1;
	fp = open_memory(&buf, &len);
	if (html) {
		tl_html_options_init(&page, TL_HTML_OPTIONS_VERSION);
		page.today = today;
		error = tl_export_html(fp, sel, &page);
	} else {
		tl_svg_options_init(&svg, TL_SVG_OPTIONS_VERSION);
		svg.today = today;
		svg.width = widths[i];
		error = tl_export_svg(fp, sel, &svg);
	}
	if (fclose(fp) != 0)
		fuzz_fail("fclose of a memory stream", NULL, 0);
	if (error == 0) {
		fuzz_check_xml(buf, len, html);
	} else if (error != TL_ENOMEM) {
		fuzz_fail("the picture failed", tl_strerror(error),
		    strlen(tl_strerror(error)));
	}
	free(buf);
}

/*
 * Exports sel to iCalendar: when tl_export_ics_check() finds nothing,
 * the export must not refuse it (unless it is empty).
 */
static void
export_ics(const struct tl_selection *sel, enum tl_ics_spans spans)
{
	struct tl_ics_options opts = TL_ICS_OPTIONS_INIT;
	struct tl_diags *diags;
	char *buf;
	size_t len;
	FILE *fp;
	int error, ics_ok;

	opts.spans = spans;
	if (tl_diags_new(&diags) < 0)
		return;
	if (tl_export_ics_check(sel, &opts, diags) < 0) {
		tl_diags_free(diags);
		return;
	}
	fuzz_check_diags(diags);
	ics_ok = tl_diags_count(diags) == 0;
	tl_diags_free(diags);
	opts.dtstamp = FUZZ_DTSTAMP;
	fp = open_memory(&buf, &len);
	error = tl_export_ics(fp, sel, &opts);
	if (fclose(fp) != 0)
		fuzz_fail("fclose of a memory stream", NULL, 0);
	if (error == 0) {
		fuzz_check_ics(buf, len, tl_selection_count(sel));
	} else if (error == TL_EEMPTY || error == TL_ERANGE) {
		if (error == TL_ERANGE && ics_ok)
			fuzz_fail("tl_export_ics refuses a set that "
			    "tl_export_ics_check accepts", NULL, 0);
		/* Refused before anything is written (export.h). */
		if (len != 0)
			fuzz_fail("tl_export_ics wrote something and then "
			    "refused", buf, len);
		if (error == TL_EEMPTY && tl_selection_count(sel) != 0)
			fuzz_fail("TL_EEMPTY with milestones", NULL, 0);
	} else if (error != TL_ENOMEM && error != TL_EIO) {
		/*
		 * TL_EIO: a zone file that tl_zone_check() found could not
		 * be read again; not expected here, but not the data's fault.
		 */
		fuzz_fail("tl_export_ics failed", tl_strerror(error),
		    strlen(tl_strerror(error)));
	}
	free(buf);
}

/* Runs every exporter over what filter selects of set. */
static void
export_all(const struct tl_set *set, const struct tl_filter *filter,
    enum tl_ics_spans spans, int32_t today, unsigned variant)
{
	struct tl_selection *sel;

	if (tl_select(&sel, set, filter) < 0)
		return;
	export_json(sel);
	export_text(sel, today, variant);
	export_picture(sel, today, variant / 8);
	export_ics(sel, spans);
	tl_selection_free(sel);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	struct tl_filter filter = TL_FILTER_INIT;
	int32_t today = tl_day_from_ymd(FUZZ_TODAY_YEAR, FUZZ_TODAY_MONTH,
	    FUZZ_TODAY_DAY);

	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0)
		goto out;
	if (tl_set_load_buffer(set, "fuzz.yaml", (const char *)data, size,
	    diags) < 0)
		goto out;
	if (tl_set_index(set, diags) < 0 || tl_set_resolve(set, diags) < 0 ||
	    tl_set_warn(set, today, diags) < 0 || tl_set_order(set) < 0)
		goto out;
	tl_diags_sort(diags);
	fuzz_check_diags(diags);
	fuzz_check_set(set);

	/* One span policy per input keeps each run short. */
	export_all(set, NULL, size > 0 ? (enum tl_ics_spans)(data[0] % 3) :
	    TL_ICS_SPANS_AUTO, today, size > 1 ? data[1] : 0);

	/* A selection of part of the set; the exports must still hold. */
	filter.from = today - 366;
	filter.to = today + 366;
	filter.statuses = (1u << TL_STATUS_PLANNED) | (1u << TL_STATUS_DONE) |
	    (1u << TL_STATUS_AT_RISK);
	export_all(set, &filter, TL_ICS_SPANS_ALWAYS, today,
	    size > 2 ? data[2] : 1);
	fuzz_check_set(set);
out:
	tl_diags_free(diags);
	tl_set_free(set);
	return 0;
}
