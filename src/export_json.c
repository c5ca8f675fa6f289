/*
 * The JSON exporter (SPEC section 6): the loaded timelines and the
 * milestones in order, with their fields as written and their windows.
 */
#include <stdio.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/export.h"
#include "utf8.h"

static const char *const precision_names[] = {
	"day", "month", "quarter", "half", "year", "range"
};

/*
 * Writes s as a JSON string.  Control characters, U+2028 and U+2029 (which
 * JavaScript would read as line ends) are escaped; invalid UTF-8, which a
 * checked set never holds, becomes U+FFFD.
 */
static void
json_string(FILE *out, const char *s)
{
	size_t len = strlen(s), i = 0, run = 0, n;
	uint32_t cp;

	putc('"', out);
	while (i + run < len) {
		unsigned char c = (unsigned char)s[i + run];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			run++;
			continue;
		}
		if (run > 0)
			fwrite(s + i, 1, run, out);
		i += run;
		run = 0;
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (cp == '"')
			fputs("\\\"", out);
		else if (cp == '\\')
			fputs("\\\\", out);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp == TL_UTF8_INVALID)
			fputs("\\ufffd", out);
		else if (tl_is_control(cp))
			fprintf(out, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, n, out);
		i += n;
	}
	if (run > 0)
		fwrite(s + i, 1, run, out);
	putc('"', out);
}

static void
json_key(FILE *out, const char *key)
{
	fprintf(out, ",\"%s\":", key);
}

static void
json_day(FILE *out, int32_t day)
{
	char buf[16];

	tl_day_format(buf, sizeof(buf), day);
	fprintf(out, "\"%s\"", buf);
}

static void
json_strings(FILE *out, const char *key, const struct tl_milestone *m,
    size_t n, const char *(*get)(const struct tl_milestone *, size_t))
{
	size_t i;

	if (n == 0)
		return;
	json_key(out, key);
	putc('[', out);
	for (i = 0; i < n; i++) {
		if (i)
			putc(',', out);
		json_string(out, get(m, i));
	}
	putc(']', out);
}

static void
json_optional(FILE *out, const char *key, const char *value)
{
	if (value == NULL)
		return;
	json_key(out, key);
	json_string(out, value);
}

static void
json_milestone(FILE *out, const struct tl_milestone *m)
{
	const struct tl_window *w = tl_milestone_window(m);
	struct tl_history h;
	size_t i, n;
	int time;

	fputs("{\"timeline\":", out);
	json_string(out, tl_milestone_timeline(m)->name);
	json_optional(out, "id", tl_milestone_id(m));
	json_optional(out, "title", tl_milestone_title(m));
	switch (tl_milestone_date_kind(m)) {
	case TL_DATE_RANGE:
		json_optional(out, "start", tl_milestone_date(m));
		json_optional(out, "end", tl_milestone_end(m));
		break;
	case TL_DATE_RELATIVE:
		json_key(out, "date");
		fprintf(out, "{\"%s\":", tl_milestone_before(m) ? "before" :
		    "after");
		json_string(out, tl_milestone_date(m));
		fputs(",\"offset\":", out);
		json_string(out, tl_milestone_end(m));
		putc('}', out);
		break;
	default:
		json_optional(out, "date", tl_milestone_date(m));
		break;
	}
	if ((time = tl_milestone_time(m)) >= 0) {
		json_key(out, "time");
		fprintf(out, "\"%02d:%02d\"", time / 60, time % 60);
		json_optional(out, "timezone", tl_milestone_timezone(m));
	}
	json_optional(out, "status", tl_status_name(tl_milestone_status(m)));
	json_strings(out, "tags", m, tl_milestone_tag_count(m),
	    tl_milestone_tag);
	json_optional(out, "location", tl_milestone_location(m));
	json_strings(out, "links", m, tl_milestone_link_count(m),
	    tl_milestone_link);
	json_optional(out, "description", tl_milestone_description(m));
	if (tl_milestone_noted(m) != TL_DAY_NONE) {
		json_key(out, "noted");
		json_day(out, tl_milestone_noted(m));
	}
	if ((n = tl_milestone_history_count(m)) > 0) {
		json_key(out, "history");
		putc('[', out);
		for (i = 0; i < n; i++) {
			tl_milestone_history(m, i, &h);
			fputs(i ? ",{\"date\":" : "{\"date\":", out);
			json_string(out, h.date);
			if (h.noted != TL_DAY_NONE) {
				json_key(out, "noted");
				json_day(out, h.noted);
			}
			putc('}', out);
		}
		putc(']', out);
	}
	json_key(out, "window");
	fputs("{\"start\":", out);
	json_day(out, w->start);
	fputs(",\"end\":", out);
	json_day(out, w->end);
	fprintf(out, ",\"precision\":\"%s\",\"approximate\":%s}}",
	    precision_names[w->precision <= TL_PREC_RANGE ? w->precision : 0],
	    (w->flags & TL_WIN_APPROX) ? "true" : "false");
}

int
tl_export_json(FILE *out, const struct tl_set *set)
{
	const struct tl_timeline *t;
	size_t i, n;

	fputs("{\"timelines\":[", out);
	n = tl_set_timeline_count(set);
	for (i = 0; i < n; i++) {
		t = tl_set_timeline(set, i);
		fputs(i ? ",\n{\"timeline\":" : "\n{\"timeline\":", out);
		json_string(out, t->name);
		json_key(out, "file");
		json_string(out, t->file);
		if (t->title != NULL) {
			json_key(out, "title");
			json_string(out, t->title);
		}
		if (t->description != NULL) {
			json_key(out, "description");
			json_string(out, t->description);
		}
		if (t->url != NULL) {
			json_key(out, "url");
			json_string(out, t->url);
		}
		putc('}', out);
	}
	fputs("],\n\"milestones\":[", out);
	n = tl_set_count(set);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", out);
		json_milestone(out, tl_set_milestone(set, i));
	}
	fputs("]}\n", out);
	if (fflush(out) != 0 || ferror(out))
		return TL_EIO;
	return 0;
}
