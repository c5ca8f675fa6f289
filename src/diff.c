/*
 * Diff of two versions of the data: milestones matched by TIMELINE/ID,
 * each difference classified, and the list written as text, Markdown
 * or JSON (SPEC section 9).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/diff.h"
#include "set_internal.h"
#include "utf8.h"

struct tl_diff {
	struct tl_change *changes;
	size_t count;
};

static const char *const kind_names[] = {
	NULL, "added", "removed", "later", "earlier", "narrowed", "widened",
	"firmed", "softened"
};

static const char *const field_names[TL_FIELD_COUNT] = {
	"title", "tags", "links", "location", "description", "time",
	"timezone"
};

static const char *const precision_names[] = {
	"day", "month", "quarter", "half", "year", "range"
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define WORDS_SIZE 128

int
tl_diff_options_init(struct tl_diff_options *opts, unsigned version)
{
	if (opts == NULL || version != TL_DIFF_OPTIONS_VERSION)
		return TL_EINVAL;
	memset(opts, 0, sizeof(*opts));
	opts->version = version;
	return 0;
}

int
tl_diff_write_options_init(struct tl_diff_write_options *opts,
    unsigned version)
{
	if (version != TL_DIFF_WRITE_OPTIONS_VERSION)
		return TL_EINVAL;
	memset(opts, 0, sizeof(*opts));
	opts->version = version;
	opts->format = TL_DIFF_TEXT;
	opts->color = TL_COLOR_NEVER;
	return 0;
}

const char *
tl_diff_kind_name(enum tl_diff_kind kind)
{
	return (size_t)kind < NELEM(kind_names) ? kind_names[kind] : NULL;
}

const char *
tl_diff_field_name(unsigned field)
{
	size_t i;

	for (i = 0; i < TL_FIELD_COUNT; i++)
		if (field == 1u << i)
			return field_names[i];
	return NULL;
}

enum tl_diff_kind
tl_diff_windows(const struct tl_window *o, const struct tl_window *n)
{
	int oa = (o->flags & TL_WIN_APPROX) != 0;
	int na = (n->flags & TL_WIN_APPROX) != 0;

	if (o->start == n->start && o->end == n->end) {
		if (oa == na)
			return TL_DIFF_NONE;
		return na ? TL_DIFF_SOFTENED : TL_DIFF_FIRMED;
	}
	if (n->start >= o->start && n->end >= o->end)
		return TL_DIFF_LATER;
	if (n->start <= o->start && n->end <= o->end)
		return TL_DIFF_EARLIER;
	if (n->start >= o->start && n->end <= o->end)
		return TL_DIFF_NARROWED;
	return TL_DIFF_WIDENED;
}

/* Texts that may be absent (NULL) are equal when both are absent. */
static int
text_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* Whether two walks of lists of the same length differ. */
static int
lists_differ(struct tl_list *a, struct tl_list *b)
{
	const char *x, *y;

	while ((x = tl_list_next(a)) != NULL && (y = tl_list_next(b)) != NULL)
		if (strcmp(x, y) != 0)
			return 1;
	return 0;
}

static int
tags_differ(const struct tl_milestone *a, const struct tl_milestone *b)
{
	struct tl_list x, y;

	if (tl_milestone_tag_count(a) != tl_milestone_tag_count(b))
		return 1;
	tl_milestone_tags(a, &x);
	tl_milestone_tags(b, &y);
	return lists_differ(&x, &y);
}

static int
links_differ(const struct tl_milestone *a, const struct tl_milestone *b)
{
	struct tl_list x, y;

	if (tl_milestone_link_count(a) != tl_milestone_link_count(b))
		return 1;
	tl_milestone_links(a, &x);
	tl_milestone_links(b, &y);
	return lists_differ(&x, &y);
}

static unsigned
fields_changed(const struct tl_milestone *a, const struct tl_milestone *b)
{
	unsigned f = 0;

	if (text_differs(tl_milestone_title(a), tl_milestone_title(b)))
		f |= TL_FIELD_TITLE;
	if (tags_differ(a, b))
		f |= TL_FIELD_TAGS;
	if (links_differ(a, b))
		f |= TL_FIELD_LINKS;
	if (text_differs(tl_milestone_location(a), tl_milestone_location(b)))
		f |= TL_FIELD_LOCATION;
	if (text_differs(tl_milestone_description(a),
	    tl_milestone_description(b)))
		f |= TL_FIELD_DESCRIPTION;
	if (tl_milestone_time(a) != tl_milestone_time(b))
		f |= TL_FIELD_TIME;
	if (text_differs(tl_milestone_timezone(a), tl_milestone_timezone(b)))
		f |= TL_FIELD_TIMEZONE;
	return f;
}

/* Orders milestones by TIMELINE/ID, to match the two versions. */
static int
name_cmp(const void *pa, const void *pb)
{
	return tl_milestone_name_cmp(*(const struct tl_milestone *const *)pa,
	    *(const struct tl_milestone *const *)pb);
}

/* The milestone a change is listed by: the new one, else the old. */
static const struct tl_milestone *
change_key(const struct tl_change *c)
{
	return c->after != NULL ? c->after : c->before;
}

/*
 * The order of SPEC section 4 on each change's milestone: window start,
 * end, timeline name, id.  TIMELINE/ID is unique, so no two changes tie.
 */
static int
change_cmp(const void *pa, const void *pb)
{
	const struct tl_milestone *a = change_key(pa), *b = change_key(pb);
	const struct tl_window *wa = tl_milestone_window(a);
	const struct tl_window *wb = tl_milestone_window(b);

	if (wa->start != wb->start)
		return wa->start < wb->start ? -1 : 1;
	if (wa->end != wb->end)
		return wa->end < wb->end ? -1 : 1;
	return name_cmp(&a, &b);
}

/* The set's milestones in TIMELINE/ID order, in *out (malloc'd). */
static int
by_name(const struct tl_milestone ***out, const struct tl_set *set)
{
	size_t i, n = tl_set_count(set);

	*out = NULL;
	if (n == 0)
		return 0;
	if ((*out = calloc(n, sizeof(**out))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < n; i++)
		(*out)[i] = tl_set_milestone(set, i);
	qsort(*out, n, sizeof(**out), name_cmp);
	return 0;
}

int
tl_diff(struct tl_diff **out, const struct tl_set *before,
    const struct tl_set *after, const struct tl_diff_options *opts)
{
	const struct tl_milestone **a = NULL, **b = NULL;
	struct tl_diff *d = NULL;
	struct tl_change c;
	size_t na = tl_set_count(before), nb = tl_set_count(after);
	size_t i = 0, j = 0;
	int error, cmp;

	*out = NULL;
	if ((opts != NULL && opts->version != TL_DIFF_OPTIONS_VERSION) ||
	    !tl_set_is_resolved(before) || !tl_set_is_resolved(after) ||
	    ((before->flags | after->flags) & TL_SET_CHECK_ONLY))
		return TL_EINVAL;
	if ((error = by_name(&a, before)) < 0 ||
	    (error = by_name(&b, after)) < 0)
		goto out;
	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (na + nb > 0 && (d->changes = calloc(na + nb,
	    sizeof(*d->changes))) == NULL)) {
		error = TL_ENOMEM;
		goto out;
	}
	while (i < na || j < nb) {
		memset(&c, 0, sizeof(c));
		cmp = i == na ? 1 : j == nb ? -1 : name_cmp(&a[i], &b[j]);
		if (cmp < 0) {
			c.before = a[i++];
			c.kind = TL_DIFF_REMOVED;
		} else if (cmp > 0) {
			c.after = b[j++];
			c.kind = TL_DIFF_ADDED;
		} else {
			c.before = a[i++];
			c.after = b[j++];
			c.kind = tl_diff_windows(tl_milestone_window(c.before),
			    tl_milestone_window(c.after));
			c.status_changed = tl_milestone_status(c.before) !=
			    tl_milestone_status(c.after);
			c.fields = fields_changed(c.before, c.after);
			if (c.kind == TL_DIFF_NONE && !c.status_changed &&
			    c.fields == 0)
				continue;
		}
		d->changes[d->count++] = c;
	}
	if (d->count > 1)
		qsort(d->changes, d->count, sizeof(*d->changes), change_cmp);
	*out = d;
	d = NULL;
out:
	tl_diff_free(d);
	free(a);
	free(b);
	return error;
}

void
tl_diff_free(struct tl_diff *diff)
{
	if (diff == NULL)
		return;
	free(diff->changes);
	free(diff);
}

size_t
tl_diff_count(const struct tl_diff *diff)
{
	return diff->count;
}

const struct tl_change *
tl_diff_change(const struct tl_diff *diff, size_t i)
{
	return i < diff->count ? &diff->changes[i] : NULL;
}

/* The day 'months' months after day (before it when negative), clamped
 * to the month's last day; past TL_DAY_MAX or before 1 gives -1. */
static int32_t
add_months(int32_t day, long months)
{
	int y, m, d, dim;
	long total;

	tl_day_to_ymd(day, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + months;
	if (total < 12 || total >= 10000 * 12)
		return -1;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	dim = tl_days_in_month(y, m);
	return tl_day_from_ymd(y, m, d > dim ? dim : d);
}

size_t
tl_diff_shift_words(char *buf, size_t size, int32_t from, int32_t to)
{
	int32_t a = from <= to ? from : to, b = from <= to ? to : from;
	char sign = from <= to ? '+' : '-';
	int ya, ma, da, yb, mb, db, r;
	long n;

	tl_day_to_ymd(a, &ya, &ma, &da);
	tl_day_to_ymd(b, &yb, &mb, &db);
	n = ((long)yb - ya) * 12 + (mb - ma);
	if (n > 0 && add_months(a, n) > b)
		n--;
	if (n < 2)
		r = snprintf(buf, size, "%c%ld day%s", sign, (long)(b - a),
		    b - a == 1 ? "" : "s");
	else if (n < 24)
		r = snprintf(buf, size, "%c%ld months", sign, n);
	else
		r = snprintf(buf, size, "%c%ld years", sign, n / 12);
	return r < 0 ? 0 : (size_t)r;
}

/* Writing. */

/*
 * ANSI colours as the text timeline uses them (src/export_text.c): the
 * eight basic colours and dim only, reset before each line ends.
 */
#define SGR_DIM	"2"

static const char *const kind_sgr[] = {
	NULL,	/* none */
	"32",	/* added: green */
	"31",	/* removed: red */
	"35",	/* later: magenta, as slipped */
	"32",	/* earlier: green */
	"36",	/* narrowed: cyan */
	"33",	/* widened: yellow */
	"36",	/* firmed: cyan */
	"33"	/* softened: yellow */
};

static const char *const status_sgr[TL_STATUS_COUNT] = {
	NULL,	/* planned */
	"32",	/* done */
	"33",	/* at-risk */
	"35",	/* slipped */
	"31"	/* cancelled */
};

struct writer {
	FILE *out;
	enum tl_diff_format format;
	int color;
	size_t name_cols;	/* the widest TIMELINE/ID */
	size_t kind_cols;	/* the widest kind; 0 when none has one */
};

/* Writes s in the colour sgr (NULL: plain). */
static void
put_sgr(struct writer *w, const char *sgr, const char *s)
{
	if (w->color && sgr != NULL)
		fprintf(w->out, "\033[%sm%s\033[0m", sgr, s);
	else
		fputs(s, w->out);
}

static void
put_spaces(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

/*
 * Writes a window in words; in Markdown a '~' is escaped, since some
 * renderers read "~Dec 2026 -> ~Jun 2027" as struck through.
 */
static void
put_window(struct writer *w, const struct tl_window *win)
{
	char words[WORDS_SIZE];
	const char *p;

	tl_window_words(words, sizeof(words), win, 1);
	for (p = words; *p != '\0'; p++) {
		if (*p == '~' && w->format == TL_DIFF_MARKDOWN)
			putc('\\', w->out);
		putc(*p, w->out);
	}
}

/* The dates of a change: one window, or "OLD -> NEW (SHIFT)". */
static void
put_dates(struct writer *w, const struct tl_change *c)
{
	const struct tl_window *o, *n;
	char shift[64];

	if (c->before == NULL || c->after == NULL || c->kind == TL_DIFF_NONE) {
		put_window(w, tl_milestone_window(change_key(c)));
		return;
	}
	o = tl_milestone_window(c->before);
	n = tl_milestone_window(c->after);
	put_window(w, o);
	fputs(" -> ", w->out);
	put_window(w, n);
	if (o->start != n->start) {
		tl_diff_shift_words(shift, sizeof(shift), o->start, n->start);
		fputs(" (", w->out);
		put_sgr(w, SGR_DIM, shift);
		putc(')', w->out);
	} else if (o->end != n->end) {
		tl_diff_shift_words(shift, sizeof(shift), o->end, n->end);
		fputs(" (end ", w->out);
		put_sgr(w, SGR_DIM, shift);
		putc(')', w->out);
	}
}

static void
put_status(struct writer *w, const struct tl_change *c)
{
	enum tl_status s = tl_milestone_status(c->after);

	put_sgr(w, SGR_DIM, tl_status_name(tl_milestone_status(c->before)));
	fputs(" -> ", w->out);
	put_sgr(w, status_sgr[s], tl_status_name(s));
}

static void
put_fields(struct writer *w, unsigned fields)
{
	size_t i;
	int first = 1;

	fputs("changed: ", w->out);
	for (i = 0; i < TL_FIELD_COUNT; i++) {
		if (!(fields & (1u << i)))
			continue;
		if (!first)
			fputs(", ", w->out);
		put_sgr(w, SGR_DIM, field_names[i]);
		first = 0;
	}
}

static void
put_name(FILE *out, const struct tl_milestone *m)
{
	fputs(tl_milestone_timeline(m)->name, out);
	putc('/', out);
	fputs(tl_milestone_id(m), out);
}

static size_t
name_len(const struct tl_milestone *m)
{
	return strlen(tl_milestone_timeline(m)->name) + 1 +
	    strlen(tl_milestone_id(m));
}

/* Whether CommonMark reads cp as white space (Unicode's Zs). */
static int
markdown_space(uint32_t cp)
{
	return cp == 0x20 || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000;
}

/*
 * Writes a title for Markdown, between "**" and "**": the characters
 * that would make markup of it (emphasis, code, links, HTML, entities
 * such as &amp;, tables, strike-through) escaped with a backslash, as
 * CommonMark reads them; white space at either end as a character
 * reference, since "**" next to white space opens or closes nothing; a
 * control character or invalid UTF-8, which a checked set never holds,
 * as U+FFFD.
 */
static void
put_markdown_text(FILE *out, const char *s)
{
	size_t len = strlen(s), i, n, lead, tail;
	uint32_t cp;

	/* The white space that ends s starts at tail. */
	for (i = tail = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (!markdown_space(cp))
			tail = i + n;
	}
	for (i = 0, lead = 1; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		lead = lead && markdown_space(cp);
		if (cp == TL_UTF8_INVALID || tl_is_control(cp)) {
			fputs("\xef\xbf\xbd", out);
			continue;
		}
		if (lead || i >= tail) {
			fprintf(out, "&#x%" PRIX32 ";", cp);
			continue;
		}
		if (n == 1 && strchr("\\`*_[]<>~|&", s[i]) != NULL)
			putc('\\', out);
		fwrite(s + i, 1, n, out);
	}
}

/*
 * Text: "T/ID  KIND  DATES  STATUS  changed: FIELDS", the names and
 * kinds padded to columns.  Markdown: "- **TITLE** (`T/ID`) KIND:
 * DATES; STATUS; changed: FIELDS", for release notes.
 */
static void
put_line(struct writer *w, const struct tl_change *c)
{
	const struct tl_milestone *m = change_key(c);
	const char *kind = tl_diff_kind_name(c->kind);
	const char *sep = w->format == TL_DIFF_MARKDOWN ? "; " : "  ";

	if (w->format == TL_DIFF_MARKDOWN) {
		fputs("- **", w->out);
		put_markdown_text(w->out, tl_milestone_title(m));
		fputs("** (`", w->out);
		put_name(w->out, m);
		fputs("`)", w->out);
		if (kind != NULL) {
			putc(' ', w->out);
			fputs(kind, w->out);
		}
		fputs(": ", w->out);
	} else {
		put_name(w->out, m);
		put_spaces(w->out, w->name_cols - name_len(m) + 2);
		if (w->kind_cols > 0) {
			put_sgr(w, kind_sgr[c->kind], kind != NULL ? kind : "");
			put_spaces(w->out, w->kind_cols -
			    (kind != NULL ? strlen(kind) : 0) + 2);
		}
	}
	put_dates(w, c);
	if (c->status_changed) {
		fputs(sep, w->out);
		put_status(w, c);
	}
	if (c->fields != 0) {
		fputs(sep, w->out);
		put_fields(w, c->fields);
	}
	putc('\n', w->out);
}

/* Writes s as a JSON string; a checked set only has slugs here, but
 * quotes, backslashes and control bytes are escaped all the same. */
static void
json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(out, "\\u%04x", ch);
		else
			putc(ch, out);
	}
	putc('"', out);
}

static void
json_day(FILE *out, int32_t day)
{
	char buf[16];

	tl_day_format(buf, sizeof(buf), day);
	fprintf(out, "\"%s\"", buf);
}

/* A window as the JSON export writes it, or null. */
static void
json_window(FILE *out, const struct tl_milestone *m)
{
	const struct tl_window *w;

	if (m == NULL) {
		fputs("null", out);
		return;
	}
	w = tl_milestone_window(m);
	fputs("{\"start\":", out);
	json_day(out, w->start);
	fputs(",\"end\":", out);
	json_day(out, w->end);
	fprintf(out, ",\"precision\":\"%s\",\"approximate\":%s}",
	    precision_names[w->precision < NELEM(precision_names) ?
	    w->precision : 0], (w->flags & TL_WIN_APPROX) ? "true" : "false");
}

static void
json_change(FILE *out, const struct tl_change *c)
{
	const struct tl_milestone *m = change_key(c);
	const char *kind = tl_diff_kind_name(c->kind);
	size_t i;
	int first = 1;

	fputs("{\"milestone\":\"", out);
	put_name(out, m);
	fputs("\",\"kind\":", out);
	if (kind != NULL)
		json_string(out, kind);
	else
		fputs("null", out);
	fputs(",\"old\":", out);
	json_window(out, c->before);
	fputs(",\"new\":", out);
	json_window(out, c->after);
	fputs(",\"status\":", out);
	if (c->status_changed) {
		putc('[', out);
		json_string(out,
		    tl_status_name(tl_milestone_status(c->before)));
		putc(',', out);
		json_string(out, tl_status_name(tl_milestone_status(c->after)));
		putc(']', out);
	} else {
		fputs("null", out);
	}
	fputs(",\"fields\":[", out);
	for (i = 0; i < TL_FIELD_COUNT; i++) {
		if (!(c->fields & (1u << i)))
			continue;
		if (!first)
			putc(',', out);
		json_string(out, field_names[i]);
		first = 0;
	}
	fputs("]}", out);
}

int
tl_diff_write(FILE *out, const struct tl_diff *diff,
    const struct tl_diff_write_options *opts)
{
	struct tl_diff_write_options defaults;
	struct writer w;
	const struct tl_change *c;
	const char *kind;
	size_t i, n;

	if (opts == NULL) {
		tl_diff_write_options_init(&defaults,
		    TL_DIFF_WRITE_OPTIONS_VERSION);
		opts = &defaults;
	}
	if (opts->version != TL_DIFF_WRITE_OPTIONS_VERSION ||
	    opts->format > TL_DIFF_JSON)
		return TL_EINVAL;
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.format = opts->format;
	w.color = opts->format == TL_DIFF_TEXT &&
	    opts->color == TL_COLOR_ALWAYS;
	for (i = 0; i < diff->count; i++) {
		c = &diff->changes[i];
		if ((n = name_len(change_key(c))) > w.name_cols)
			w.name_cols = n;
		kind = tl_diff_kind_name(c->kind);
		if (kind != NULL && strlen(kind) > w.kind_cols)
			w.kind_cols = strlen(kind);
	}
	if (w.format == TL_DIFF_JSON)
		fputs("{\"changes\":[", out);
	for (i = 0; i < diff->count; i++) {
		if (w.format != TL_DIFF_JSON) {
			put_line(&w, &diff->changes[i]);
			continue;
		}
		fputs(i ? ",\n" : "\n", out);
		json_change(out, &diff->changes[i]);
	}
	if (w.format == TL_DIFF_JSON)
		fputs("]}\n", out);
	if (fflush(out) != 0 || ferror(out))
		return TL_EIO;
	return 0;
}
