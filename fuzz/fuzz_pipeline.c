/*
 * Fuzz target: the whole pipeline on a file in memory.  Load, resolve,
 * warn, then every exporter to a memory stream -- also when the data
 * has errors: the CLI exports nothing then, but the library's exporters
 * must be safe on any resolved set, so they run all the same.  Each
 * output is checked for the properties of its format (fuzz_util.c).
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
export_json(const struct tl_set *set)
{
	char *buf;
	size_t len;
	FILE *fp = open_memory(&buf, &len);
	int error = tl_export_json(fp, set);

	if (fclose(fp) != 0)
		fuzz_fail("fclose of a memory stream", NULL, 0);
	if (error == 0)
		fuzz_check_json(buf, len);
	else if (error != TL_ENOMEM)
		fuzz_fail("tl_export_json failed", NULL, 0);
	free(buf);
}

static void
export_text(const struct tl_set *set, int32_t today)
{
	struct tl_text_options opts = TL_TEXT_OPTIONS_INIT;
	char *buf;
	size_t len, i;
	FILE *fp;
	int error;

	for (i = 0; i < sizeof(text_variants) / sizeof(text_variants[0]); i++) {
		opts.today = today;
		opts.width = text_variants[i].width;
		opts.color = text_variants[i].color;
		opts.long_format = text_variants[i].long_format;
		fp = open_memory(&buf, &len);
		error = tl_export_text(fp, set, &opts);
		if (fclose(fp) != 0)
			fuzz_fail("fclose of a memory stream", NULL, 0);
		if (error == 0)
			fuzz_check_text(buf, len, opts.width,
			    opts.color == TL_COLOR_ALWAYS, opts.long_format);
		else if (error != TL_ENOMEM)
			fuzz_fail("tl_export_text failed", NULL, 0);
		free(buf);
	}
}

/*
 * ics_ok: tl_export_ics_check() found nothing, so the export must not
 * refuse the set (unless it is empty).
 */
static void
export_ics(const struct tl_set *set, enum tl_ics_spans spans, int ics_ok)
{
	struct tl_ics_options opts = TL_ICS_OPTIONS_INIT;
	char *buf;
	size_t len;
	FILE *fp;
	int error;

	opts.spans = spans;
	opts.dtstamp = FUZZ_DTSTAMP;
	fp = open_memory(&buf, &len);
	error = tl_export_ics(fp, set, &opts);
	if (fclose(fp) != 0)
		fuzz_fail("fclose of a memory stream", NULL, 0);
	if (error == 0) {
		fuzz_check_ics(buf, len, tl_set_count(set));
	} else if (error == TL_EEMPTY || error == TL_ERANGE) {
		if (error == TL_ERANGE && ics_ok)
			fuzz_fail("tl_export_ics refuses a set that "
			    "tl_export_ics_check accepts", NULL, 0);
		/* Refused before anything is written (export.h). */
		if (len != 0)
			fuzz_fail("tl_export_ics wrote something and then "
			    "refused", buf, len);
		if (error == TL_EEMPTY && tl_set_count(set) != 0)
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL, *ics_diags = NULL;
	struct tl_filter filter = TL_FILTER_INIT;
	int32_t today = tl_day_from_ymd(FUZZ_TODAY_YEAR, FUZZ_TODAY_MONTH,
	    FUZZ_TODAY_DAY);

	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0 ||
	    tl_diags_new(&ics_diags) < 0)
		goto out;
	if (tl_set_load_buffer(set, "fuzz.yaml", (const char *)data, size,
	    diags) < 0)
		goto out;
	if (tl_set_resolve(set, diags) < 0 ||
	    tl_set_warn(set, today, diags) < 0)
		goto out;
	if (tl_export_ics_check(set, ics_diags) < 0)
		goto out;
	fuzz_check_diags(ics_diags);
	tl_diags_sort(diags);
	fuzz_check_diags(diags);
	fuzz_check_set(set);

	export_json(set);
	export_text(set, today);
	/* One span policy per input keeps each run short. */
	export_ics(set, size > 0 ? (enum tl_ics_spans)(data[0] % 3) :
	    TL_ICS_SPANS_AUTO, tl_diags_count(ics_diags) == 0);

	/* A selection narrows the set; the exports must still hold. */
	filter.from = today - 366;
	filter.to = today + 366;
	filter.statuses = (1u << TL_STATUS_PLANNED) | (1u << TL_STATUS_DONE) |
	    (1u << TL_STATUS_AT_RISK);
	tl_set_select(set, &filter);
	fuzz_check_set(set);
	export_json(set);
	export_ics(set, TL_ICS_SPANS_ALWAYS, tl_diags_count(ics_diags) == 0);
out:
	tl_diags_free(ics_diags);
	tl_diags_free(diags);
	tl_set_free(set);
	return 0;
}
