/*
 * Editing a milestone in the text of its file: the new text is the old
 * one with a few splices (values replaced, keys and history entries
 * added), placed from the loader's spans, never printed again from a
 * tree, so that comments, quoting, order and line ends stay.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/diff.h"
#include "timeline/edit.h"
#include "buf.h"
#include "suggest.h"
#include "utf8.h"
#include "set_internal.h"
#include "sort.h"
#include "source.h"
#include "spans.h"

/* One change of the text: bytes [start, end) become text. */
struct splice {
	size_t start, end;
	char *text;
	size_t len;
};

#define MAX_SPLICES 8

struct editor {
	struct tl_source *src;	/* the old text */
	size_t len;
	struct tl_spans *sp;
	struct splice splices[MAX_SPLICES];
	size_t nsplices;
	char eol[3];		/* the line end of new lines */
	const struct tl_span_key *gone;	/* the key removed, or NULL */
	int json;	/* a milestone whose keys are all in double
			   quotes, as in a file written as JSON: new keys
			   and values are written so too */
	int date_quotes;	/* the quotes of the date, which a new
				   history date and noted day take
				   (TL_SPAN_PLAIN: none) */
	int noted_quotes;	/* those of noted, or else date_quotes */
	int error;	/* the first error; later splices are skipped */
	int soft;	/* the milestone's lines hold a NEL, LS or PS */
};

int
tl_edit_options_init(struct tl_edit_options *opts, unsigned version)
{
	if (opts == NULL || version != TL_EDIT_OPTIONS_VERSION)
		return TL_EINVAL;
	memset(opts, 0, sizeof(*opts));
	opts->version = version;
	opts->kind = TL_EDIT_MOVE;
	opts->status = -1;
	opts->noted = TL_DAY_NONE;
	opts->today = tl_day_from_ymd(1970, 1, 1);
	return 0;
}

/* Appends "T/ID" to buf (size bytes), after ", " when not the first. */
static void
add_name(char *buf, size_t size, const struct tl_milestone *m)
{
	const char *name = tl_milestone_timeline(m)->name;
	const char *id = tl_milestone_id(m);
	size_t used = strlen(buf);
	size_t need = (used ? 2 : 0) + strlen(name) + 1 + strlen(id);

	if (used >= 3 && strcmp(buf + used - 3, "...") == 0)
		return;		/* the list is already cut */
	/* A name goes whole or not at all, with room for ", ..." after. */
	if (used + need + 5 >= size) {
		if (used + 5 < size)
			snprintf(buf + used, size - used, "%s...",
			    used ? ", " : "");
		return;
	}
	snprintf(buf + used, size - used, "%s%s/%s", used ? ", " : "", name,
	    id);
}

/* Whether no milestone of set but m has m's id. */
static int
id_unique(const struct tl_set *set, const struct tl_milestone *m)
{
	const char *id = tl_milestone_id(m);
	size_t i, n = tl_set_count(set);

	for (i = 0; i < n; i++)
		if (tl_set_milestone(set, i) != m &&
		    strcmp(tl_milestone_id(tl_set_milestone(set, i)), id) == 0)
			return 0;
	return 1;
}

/* The closest of the milestones compared, at distance best (3: none). */
struct closest {
	const struct tl_milestone *m;
	int best;
};

/* Keeps m, at distance d, as the closest when it is closer and close
 * enough for a word of wlen bytes and a name of nlen. */
static void
consider(struct closest *c, const struct tl_milestone *m, int d,
    size_t wlen, size_t nlen)
{
	if (d < c->best && tl_suggestable(d, wlen, nlen)) {
		c->best = d;
		c->m = m;
	}
}

/* The distance from the whole of id to the whole name of m, which is
 * of another timeline than the one id names. */
static int
whole_distance(const char *id, const struct tl_milestone *m, size_t *nlen)
{
	char full[160];

	snprintf(full, sizeof(full), "%s/%s", tl_milestone_timeline(m)->name,
	    tl_milestone_id(m));
	*nlen = strlen(full);
	return tl_edit_distance(id, strlen(id), full, *nlen);
}

/*
 * How many milestones of set have the id mid, in the timeline named by
 * the first tlen bytes of timeline (any timeline when NULL), counting to
 * 2 at most; the first in *out.
 */
static size_t
find_exact(const struct tl_set *set, const char *timeline, size_t tlen,
    const char *mid, const struct tl_milestone **out)
{
	const struct tl_milestone *m;
	const char *name;
	size_t i, n = tl_set_count(set), found = 0;

	for (i = 0; i < n && found < 2; i++) {
		m = tl_set_milestone(set, i);
		name = tl_milestone_timeline(m)->name;
		if (strcmp(tl_milestone_id(m), mid) == 0 && (timeline == NULL ||
		    (strlen(name) == tlen && memcmp(name, timeline, tlen) ==
		    0)) && found++ == 0)
			*out = m;
	}
	return found;
}

/*
 * Into buf, id as names are written: ASCII letters in lower case, a
 * typographic hyphen or dash (text pasted from a document) as '-', and
 * without invisible characters (tl_utf8_fold()).  Returns whether that
 * changed anything.
 */
static int
loose_name(const char *id, char *buf, size_t size)
{
	size_t len = strlen(id), n, i;
	uint32_t first;

	if ((n = tl_utf8_fold(buf, size, id, len, &first)) >= size)
		return 0;
	for (i = 0; i < n; i++)
		if (buf[i] >= 'A' && buf[i] <= 'Z')
			buf[i] = (char)(buf[i] - 'A' + 'a');
	return n != len || memcmp(buf, id, len) != 0;
}

/* The one milestone id names as loose_name() writes it, or NULL. */
static const struct tl_milestone *
loose_match(const struct tl_set *set, const char *id)
{
	const struct tl_milestone *m = NULL;
	char loose[160];
	const char *slash;

	if (!loose_name(id, loose, sizeof(loose)))
		return NULL;
	slash = strchr(loose, '/');
	if (find_exact(set, slash != NULL ? loose : NULL, slash != NULL ?
	    (size_t)(slash - loose) : 0, slash != NULL ? slash + 1 : loose,
	    &m) != 1)
		return NULL;
	return m;
}

int
tl_edit_find(const struct tl_set *set, const char *id,
    const struct tl_milestone **out, char *suggest, size_t size)
{
	const struct tl_milestone *m, *first = NULL, *near;
	const char *slash = strchr(id, '/'), *mid;
	size_t i, n = tl_set_count(set), tlen = 0, ilen, found = 0, nlen;
	struct closest mine = { NULL, 3 }, other = { NULL, 3 };
	int d;

	*out = NULL;
	if (size > 0)
		suggest[0] = '\0';
	if (!tl_set_is_resolved(set))
		return TL_EINVAL;
	if (slash != NULL)
		tlen = (size_t)(slash - id);
	mid = slash != NULL ? slash + 1 : id;
	ilen = strlen(mid);
	/* Names near the one given are looked for only without it. */
	if (find_exact(set, slash != NULL ? id : NULL, tlen, mid, out) == 1)
		return 0;
	*out = NULL;
	for (i = 0; i < n; i++) {
		const char *tname;

		m = tl_set_milestone(set, i);
		tname = tl_milestone_timeline(m)->name;
		if (slash != NULL && (strlen(tname) != tlen ||
		    memcmp(tname, id, tlen) != 0)) {
			/* Close when the whole name is. */
			d = whole_distance(id, m, &nlen);
			consider(&other, m, d, strlen(id), nlen);
		} else if (strcmp(tl_milestone_id(m), mid) == 0) {
			if (found++ == 0)
				*out = m;
		} else {
			if (first == NULL)
				first = m;
			nlen = strlen(tl_milestone_id(m));
			d = tl_edit_distance(mid, ilen, tl_milestone_id(m),
			    nlen);
			/* The start of an id, when nothing is closer. */
			if (d > 2 && ilen >= 3 &&
			    strncmp(tl_milestone_id(m), mid, ilen) == 0)
				d = 2;
			consider(&mine, m, d, ilen, nlen);
		}
	}
	if (found == 1)
		return 0;
	*out = NULL;
	if (found > 1) {
		for (i = 0; i < n && size > 0; i++) {
			m = tl_set_milestone(set, i);
			if (strcmp(tl_milestone_id(m), mid) == 0)
				add_name(suggest, size, m);
		}
		return TL_EINVAL;
	}
	/* A timeline named is kept: one of its milestones, its first for
	 * "TIMELINE/" alone, before another timeline's. */
	if (mine.m == NULL && slash != NULL && ilen == 0)
		mine.m = first;
	m = mine.m != NULL ? mine.m : other.m;
	/* Written in capitals, or with a typographic hyphen: the name so
	 * written, before any near one. */
	if ((near = loose_match(set, id)) != NULL)
		m = near;
	if (m != NULL && size > 0) {
		/* As the user may write it: the id alone when it is. */
		if (slash == NULL && id_unique(set, m) &&
		    strlen(tl_milestone_id(m)) < size)
			memcpy(suggest, tl_milestone_id(m),
			    strlen(tl_milestone_id(m)) + 1);
		else
			add_name(suggest, size, m);
	}
	return TL_ENOENT;
}

/*
 * Whether the day a move is noted on comes before the milestone's last
 * noted day (its own, or its history's): the history would no longer
 * be oldest first.  Says so in why, with the option that sets the day:
 * --noted for a move, --today for done (noted today); or, when that
 * day is after today, that it may be wrong.
 */
static int
noted_too_early(const struct tl_milestone *m, int32_t noted, int32_t today,
    int done, char *why)
{
	struct tl_history h;
	int32_t last = tl_milestone_noted(m), entry = TL_DAY_NONE;
	size_t i, n = tl_milestone_history_count(m);
	const char *at = tl_ms_history_first(m);
	char a[16], b[16];

	/* Without its own, the newest noted day of its history. */
	for (i = 0; i < n && last == TL_DAY_NONE; i++) {
		at = tl_ms_history_next(at, &h);
		if (h.noted != TL_DAY_NONE)
			entry = h.noted;
	}
	if (last == TL_DAY_NONE)
		last = entry;
	if (last == TL_DAY_NONE || noted >= last)
		return 0;
	tl_day_format(a, sizeof(a), noted);
	tl_day_format(b, sizeof(b), last);
	if (last > today) {
		/* A day yet to come: a slip of the keyboard, more likely
		 * than a day to wait for. */
		tl_day_format(a, sizeof(a), today);
		snprintf(why, TL_WHY_SIZE, "it was noted on %.10s, after "
		    "today (%.10s): correct that, or give --today %.10s", b, a,
		    b);
	} else if (done)
		snprintf(why, TL_WHY_SIZE, "it was last noted on %.10s, after "
		    "today (%.10s): give --today %.10s or later", b, a, b);
	else
		snprintf(why, TL_WHY_SIZE, "it was last noted on %.10s, after "
		    "%.10s: give --noted a day from %.10s on", b, a, b);
	return 1;
}

/* The plain date of w's precision holding its start: "~2026-12". */
static void
window_date(char *buf, size_t size, const struct tl_window *w)
{
	const char *tilde = w->flags & TL_WIN_APPROX ? "~" : "";
	int y, m, d;
	unsigned prec = w->precision;

	tl_day_to_ymd(w->start, &y, &m, &d);
	if (prec == TL_PREC_RANGE) {
		prec = w->start_precision;
		tilde = w->flags & TL_WIN_START_APPROX ? "~" : "";
	}
	switch (prec) {
	case TL_PREC_MONTH:
		snprintf(buf, size, "%s%04d-%02d", tilde, y, m);
		break;
	case TL_PREC_QUARTER:
		snprintf(buf, size, "%s%04d-Q%d", tilde, y, (m - 1) / 3 + 1);
		break;
	case TL_PREC_HALF:
		snprintf(buf, size, "%s%04d-H%d", tilde, y, (m - 1) / 6 + 1);
		break;
	case TL_PREC_YEAR:
		snprintf(buf, size, "%s%04d", tilde, y);
		break;
	default:
		snprintf(buf, size, "%s%04d-%02d-%02d", tilde, y, m, d);
		break;
	}
}

/*
 * Whether two windows are the same date, as timeline diff sees it: the
 * same days, both with or both without '~' (a month and the range of its
 * days are one date).
 */
static int
same_window(const struct tl_window *a, const struct tl_window *b)
{
	return tl_diff_windows(a, b) == TL_DIFF_NONE;
}

/* Whether text reads back from a plain scalar as itself. */
static int
plain_safe(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '-' || *s == '?' || *s == ':')
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '~' ||
		    *p == '.' || *p == '_'))
			return 0;
	return 1;
}

/* Copies s into buf quoted as kind asks, or plain when it may be. */
static void
scalar(char *buf, size_t size, const char *s, int kind)
{
	if (kind == TL_SPAN_SINGLE)
		snprintf(buf, size, "'%s'", s);
	else if (kind == TL_SPAN_DOUBLE || !plain_safe(s))
		snprintf(buf, size, "\"%s\"", s);
	else
		snprintf(buf, size, "%s", s);
}

/* Whether c ends a line. */
static int
is_eol(int c)
{
	return c == '\n' || c == '\r';
}

/* The byte of the old text at pos (< len). */
static unsigned char
byte_at(const struct editor *ed, size_t pos)
{
	return tl_source_byte(ed->src, pos);
}

/* Whether bytes [from, to) of the old text hold a line end. */
static int
holds_eol(const struct editor *ed, size_t from, size_t to)
{
	for (; from < to; from++)
		if (is_eol(byte_at(ed, from)))
			return 1;
	return 0;
}

/* Where the spaces and tabs from pos end. */
static size_t
past_blanks(const struct editor *ed, size_t pos)
{
	while (pos < ed->len && (byte_at(ed, pos) == ' ' ||
	    byte_at(ed, pos) == '\t'))
		pos++;
	return pos;
}

/* Where the line holding pos starts. */
static size_t
line_start(const struct editor *ed, size_t pos)
{
	while (pos > 0 && byte_at(ed, pos - 1) != '\n' &&
	    byte_at(ed, pos - 1) != '\r')
		pos--;
	if (pos == 0 && ed->sp->bom > 0)
		pos = ed->sp->bom;
	return pos;
}

/* Where the line holding pos ends: at its line break, or the end. */
static size_t
line_end(const struct editor *ed, size_t pos)
{
	while (pos < ed->len && byte_at(ed, pos) != '\n' &&
	    byte_at(ed, pos) != '\r')
		pos++;
	return pos;
}

/* Where the line after the one holding pos starts, or len. */
static size_t
next_line(const struct editor *ed, size_t pos)
{
	pos = line_end(ed, pos);
	if (pos < ed->len && byte_at(ed, pos) == '\r')
		pos++;
	if (pos < ed->len && byte_at(ed, pos) == '\n')
		pos++;
	return pos;
}

/* The line end of the line holding pos, else the file's first one. */
static void
pick_eol(struct editor *ed, size_t pos)
{
	size_t e = line_end(ed, pos);

	if (e == ed->len) {
		for (e = 0; e < ed->len; e++)
			if (byte_at(ed, e) == '\n' || byte_at(ed, e) == '\r')
				break;
	}
	if (e + 1 < ed->len && byte_at(ed, e) == '\r' &&
	    byte_at(ed, e + 1) == '\n')
		memcpy(ed->eol, "\r\n", 3);
	else if (e < ed->len && byte_at(ed, e) == '\r')
		memcpy(ed->eol, "\r", 2);
	else
		memcpy(ed->eol, "\n", 2);
}

static void
splice(struct editor *ed, size_t start, size_t end, const char *text)
{
	struct splice *s;

	if (ed->error)
		return;
	if (ed->nsplices == MAX_SPLICES) {
		ed->error = TL_ELIMIT;
		return;
	}
	s = &ed->splices[ed->nsplices];
	s->start = start;
	s->end = end;
	s->len = strlen(text);
	if ((s->text = malloc(s->len + 1)) == NULL) {
		ed->error = TL_ENOMEM;
		return;
	}
	memcpy(s->text, text, s->len + 1);
	ed->nsplices++;
}

static struct tl_span_key *
key_named(struct tl_spans *sp, const char *name)
{
	size_t i;

	for (i = 0; i < sp->nkeys; i++)
		if (strcmp(sp->keys[i].name, name) == 0)
			return &sp->keys[i];
	return NULL;
}

/*
 * The column of the milestone's block mapping: where it starts, at its
 * first key or at the '?' of an explicit one ("? title"), whose text
 * stands two columns further.
 */
static size_t
key_indent(const struct editor *ed)
{
	size_t at = ed->sp->map.start;

	return at - line_start(ed, at);
}

/*
 * New lines are written into a tl_buf, as long as they need: a
 * milestone may stand any number of columns in, and its new lines with
 * it.  A failure to grow is the editor's error; later writes do nothing.
 */
static void
add_bytes(struct editor *ed, struct tl_buf *t, const char *s, size_t n)
{
	if (!ed->error && tl_buf_put(t, s, n) < 0)
		ed->error = TL_ENOMEM;
}

static void
add_text(struct editor *ed, struct tl_buf *t, const char *s)
{
	add_bytes(ed, t, s, strlen(s));
}

static void
add_spaces(struct editor *ed, struct tl_buf *t, size_t n)
{
	static const char spaces[] = "                                ";
	size_t k;

	for (; n > 0; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		add_bytes(ed, t, spaces, k);
	}
}

/* Drops the line end that t's text ends with. */
static void
drop_last_eol(const struct editor *ed, struct tl_buf *t)
{
	size_t n = strlen(ed->eol);

	if (t->data != NULL && t->len >= n) {
		t->len -= n;
		t->data[t->len] = '\0';
	}
}

/* Splices t's text in, and frees it. */
static void
splice_text(struct editor *ed, size_t start, size_t end, struct tl_buf *t)
{
	if (t->data != NULL)
		splice(ed, start, end, t->data);
	tl_buf_dispose(t);
}

/*
 * Where the ':' before k's value stands, or its value's start when
 * there is none.  Between an explicit key ("? date") and its ':' there
 * may be comments, which may hold a ':' of their own.
 */
static size_t
value_indicator(const struct editor *ed, const struct tl_span_key *k)
{
	size_t p = k->key.end;

	while (p < k->value.start && byte_at(ed, p) != ':') {
		if (byte_at(ed, p) == '#')
			p = line_end(ed, p);
		else
			p++;
	}
	return p < k->value.start ? p : k->value.start;
}

/*
 * When k's value starts on a later line than its key, where a comment
 * on the key's line starts ("date:  # agreed" above the value), else 0;
 * *eol gets where the key's line ends.
 */
static size_t
key_line_comment(const struct editor *ed, const struct tl_span_key *k,
    size_t *eol)
{
	size_t p = value_indicator(ed, k), i, c = 0;

	for (i = p; i < k->value.start; i++) {
		if (byte_at(ed, i) == '\n' || byte_at(ed, i) == '\r')
			break;
		if (c == 0 && byte_at(ed, i) == '#' && i > p &&
		    (byte_at(ed, i - 1) == ' ' || byte_at(ed, i - 1) == '\t'))
			c = i;
	}
	*eol = i;
	return p < k->value.start && i < k->value.start ? c : 0;
}

/*
 * Replaces k's value with text.  A value that starts on a later line
 * than its key is replaced from just after the colon, so that the new
 * one stands on the key's line, before the comment on that line; the
 * comment after the old value stays there, but when the value took
 * several lines of a block mapping (a mapping of its own), the comment
 * of its last line goes with the comments of the others.
 */
static void
replace_value(struct editor *ed, const struct tl_span_key *k,
    const char *text)
{
	char buf[128];
	size_t p = value_indicator(ed, k), i, end = k->value.end, c, eol;

	for (i = p; i < k->value.start; i++)
		if (byte_at(ed, i) == '\n' || byte_at(ed, i) == '\r')
			break;
	c = key_line_comment(ed, k, &eol);
	if (i < k->value.start && p < k->value.start) {
		while (end < ed->len && (byte_at(ed, end) == ' ' ||
		    byte_at(ed, end) == '\t'))
			end++;
		if (end < ed->len && byte_at(ed, end) == '#' &&
		    ed->sp->map.kind != TL_SPAN_FLOW_MAP &&
		    holds_eol(ed, k->value.start, k->value.end)) {
			while (end < ed->len && byte_at(ed, end) != '\n' &&
			    byte_at(ed, end) != '\r')
				end++;
		} else {
			end = k->value.end;
		}
		snprintf(buf, sizeof(buf), " %s", text);
		if (c > 0 && k->value.kind != TL_SPAN_BLOCK_MAP) {
			/* The comment on the key's line stays after the
			 * new value, as one after a value on that line
			 * does (of a relative date's mapping, it goes with
			 * the comments inside). */
			splice(ed, p + 1, p + 1, buf);
			splice(ed, eol, end, "");
		} else {
			splice(ed, p + 1, end, buf);
		}
	} else {
		splice(ed, k->value.start, k->value.end, text);
	}
}

/* The scalar style a new value of k takes: the old value's quotes, or
 * double quotes in a milestone written as JSON (whose old value may be
 * a number, or a relative date's mapping). */
static int
style_of(const struct editor *ed, const struct tl_span_key *k)
{
	if (ed->json)
		return TL_SPAN_DOUBLE;
	if (k->value.kind == TL_SPAN_SINGLE || k->value.kind == TL_SPAN_DOUBLE)
		return k->value.kind;
	return TL_SPAN_PLAIN;
}

/* Copies s into buf as a new value is written: in double quotes in a
 * milestone written as JSON, else plain when it may be. */
static void
new_scalar(const struct editor *ed, char *buf, size_t size, const char *s)
{
	scalar(buf, size, s, ed->json ? TL_SPAN_DOUBLE : TL_SPAN_PLAIN);
}

/*
 * The quotes of the milestone's key name (the first of names[] it has),
 * which a day moved from it or added beside it takes: a file written by
 * a program that quotes every day (for readers of YAML 1.1, which take
 * a plain day for a timestamp) stays so.  Double quotes in a milestone
 * written as JSON; otherwise, without quotes there, none (or dflt when
 * it has no such key).
 */
static int
quotes_of(struct editor *ed, const char *const names[], size_t n,
    int dflt)
{
	const struct tl_span_key *k;
	size_t i;

	if (ed->json)
		return TL_SPAN_DOUBLE;
	for (i = 0; i < n; i++)
		if ((k = key_named(ed->sp, names[i])) != NULL)
			return k->value.kind == TL_SPAN_SINGLE ||
			    k->value.kind == TL_SPAN_DOUBLE ?
			    (int)k->value.kind : TL_SPAN_PLAIN;
	return dflt;
}

/* Finds the quotes new days take: date_quotes and noted_quotes. */
static void
find_day_quotes(struct editor *ed)
{
	static const char *const date[] = { "date", "start" };
	static const char *const noted[] = { "noted" };

	ed->date_quotes = quotes_of(ed, date, 2, TL_SPAN_PLAIN);
	ed->noted_quotes = quotes_of(ed, noted, 1, ed->date_quotes);
}

/* Whether the milestone's keys are all written in double quotes: JSON
 * ({"id": "a", "date": "2027-05"}), or YAML of a program that quotes
 * every text ("id": "a" on lines of their own). */
static int
written_as_json(const struct tl_spans *sp)
{
	size_t i;

	if (sp->nkeys == 0)
		return 0;
	for (i = 0; i < sp->nkeys; i++)
		if (sp->keys[i].key.kind != TL_SPAN_DOUBLE)
			return 0;
	return 1;
}

/* Appends the name of a new key and its colon to t: "name": in a
 * milestone whose keys are all in double quotes, else name:. */
static void
add_key_head(struct editor *ed, struct tl_buf *t, const char *key)
{
	if (ed->json)
		add_text(ed, t, "\"");
	add_text(ed, t, key);
	add_text(ed, t, ed->json ? "\":" : ":");
}

/* The same, and the blank before its value. */
static void
add_key_name(struct editor *ed, struct tl_buf *t, const char *key)
{
	add_key_head(ed, t, key);
	add_text(ed, t, " ");
}

/* The milestone's last key that the edit keeps. */
static const struct tl_span_key *
last_kept(const struct editor *ed)
{
	const struct tl_span_key *k = &ed->sp->keys[ed->sp->nkeys - 1];

	return k == ed->gone && ed->sp->nkeys > 1 ? k - 1 : k;
}

/*
 * Where the entry of key k starts: at the '?' before an explicit key
 * ("? end"), else at the key.
 */
static size_t
entry_start(const struct editor *ed, const struct tl_span_key *k)
{
	size_t p = k->key.start;

	while (p > 0 && (byte_at(ed, p - 1) == ' ' ||
	    byte_at(ed, p - 1) == '\t'))
		p--;
	return p > 0 && byte_at(ed, p - 1) == '?' ? p - 1 : k->key.start;
}

/*
 * Adds "key: value" (value written as is) after the milestone's last
 * key, or a block history list when 'history' holds an entry.
 */
struct added {
	struct tl_buf text;	/* block: whole lines; flow: ", k: v" */
};

/*
 * Appends what goes before an entry added to a flow collection after
 * the entry from pos to end: ", ", or when that entry has its line to
 * itself (a JSON file printed with indentation: nothing but a comma
 * after it there, no comment, which would then follow the new entry),
 * "," and a new line indented as it is.
 */
static void
add_flow_separator(struct editor *ed, struct tl_buf *t, size_t pos,
    size_t end)
{
	size_t ls = line_start(ed, pos), p;
	char c;

	/* Tabs too: JSON is often indented with them. */
	for (p = ls; p < pos && (byte_at(ed, p) == ' ' ||
	    byte_at(ed, p) == '\t'); p++)
		;
	end = past_blanks(ed, end);
	if (end < ed->len && byte_at(ed, end) == ',')
		end = past_blanks(ed, end + 1);
	if (p < pos || ls == 0 ||
	    (end < ed->len && !is_eol(byte_at(ed, end)))) {
		add_text(ed, t, ", ");
		return;
	}
	add_text(ed, t, ",");
	add_text(ed, t, ed->eol);
	for (p = ls; p < pos; p++) {
		c = (char)byte_at(ed, p);
		add_bytes(ed, t, &c, 1);
	}
}

static void
add_key(struct editor *ed, struct added *a, const char *key,
    const char *value)
{
	if (ed->sp->map.kind == TL_SPAN_FLOW_MAP) {
		add_flow_separator(ed, &a->text,
		    entry_start(ed, last_kept(ed)), last_kept(ed)->value.end);
		add_key_name(ed, &a->text, key);
		add_text(ed, &a->text, value);
		return;
	}
	add_spaces(ed, &a->text, key_indent(ed));
	add_key_name(ed, &a->text, key);
	add_text(ed, &a->text, value);
	add_text(ed, &a->text, ed->eol);
}

/* Writes the history entry as a flow mapping: "{date: X, noted: Y}",
 * or '{"date": X, "noted": Y}' in a milestone written as JSON (date
 * and noted, or NULL, are written as values already). */
static void
flow_entry(const struct editor *ed, char *buf, size_t size,
    const char *date, const char *noted)
{
	if (ed->json)
		snprintf(buf, size, "{\"date\": %s%s%s}", date, noted ?
		    ", \"noted\": " : "", noted ? noted : "");
	else
		snprintf(buf, size, "{date: %s%s%s}", date, noted ?
		    ", noted: " : "", noted ? noted : "");
}

/*
 * A block scalar (| or >) that ends the file without a line break reads
 * without one; a line break after it would add one to its text.  Its
 * header is given the strip indicator ("|-"), which reads the same text
 * with the line break.
 */
static void
strip_block_scalar(struct editor *ed, const struct tl_span *v)
{
	size_t p;

	for (p = v->start + 1; p < ed->len && (byte_at(ed, p) == '+' ||
	    byte_at(ed, p) == '-' || (byte_at(ed, p) >= '1' &&
	    byte_at(ed, p) <= '9')); p++) {
		if (byte_at(ed, p) == '-')
			return;
		if (byte_at(ed, p) == '+') {
			splice(ed, p, p + 1, "-");
			return;
		}
	}
	splice(ed, v->start + 1, v->start + 1, "-");
}

/*
 * Whether the line starting at pos holds only a comment, indented more
 * than the milestone's keys.
 */
static int
deeper_comment(const struct editor *ed, size_t pos)
{
	size_t i = pos;

	while (i < ed->len && byte_at(ed, i) == ' ')
		i++;
	return i < ed->len && byte_at(ed, i) == '#' && i - pos > key_indent(ed);
}

/* Whether the line starting at pos holds only a comment. */
static int
comment_line(const struct editor *ed, size_t pos)
{
	while (pos < ed->len && (byte_at(ed, pos) == ' ' ||
	    byte_at(ed, pos) == '\t'))
		pos++;
	return pos < ed->len && byte_at(ed, pos) == '#';
}

/*
 * Whether the line starting at pos holds only blanks, and starts with
 * more spaces than the milestone's keys are indented: after a block
 * scalar, a line of its text (a tab after those spaces is text too).
 */
static int
deeper_blank(const struct editor *ed, size_t pos)
{
	size_t i = pos, spaces;

	while (i < ed->len && byte_at(ed, i) == ' ')
		i++;
	spaces = i - pos;
	while (i < ed->len && (byte_at(ed, i) == ' ' ||
	    byte_at(ed, i) == '\t'))
		i++;
	return (i == ed->len || is_eol(byte_at(ed, i))) &&
	    spaces > key_indent(ed);
}

/*
 * After a block scalar, the end of the run of lines of spaces (empty
 * ones among them) from pos to the last one of deeper_blank(): the
 * scalar's text holds them all, the empty lines between too.  pos when
 * the run has no such line.
 */
static size_t
past_scalar_blanks(const struct editor *ed, size_t pos)
{
	size_t end = pos, i;

	while (pos < ed->len) {
		for (i = pos; i < ed->len && (byte_at(ed, i) == ' ' ||
		    byte_at(ed, i) == '\t'); i++)
			;
		if (i < ed->len && !is_eol(byte_at(ed, i)))
			break;
		if (deeper_blank(ed, pos))
			end = next_line(ed, pos);
		pos = next_line(ed, pos);
	}
	return end;
}

/*
 * Whether the line at pos holds only blanks, more spaces than the lines
 * of the text of block scalar v are indented (the first that holds more
 * than spaces), or as many and a tab: blanks of that text, which a line
 * of as many or fewer spaces, an empty line of it, does not hold.
 */
static int
spaces_of_text(const struct editor *ed, const struct tl_span *v, size_t pos)
{
	size_t p = next_line(ed, v->start), i, n, end;
	int tab = 0;

	for (n = 0; pos + n < ed->len && byte_at(ed, pos + n) == ' '; n++)
		;
	/* A tab after the indentation is text of the scalar too. */
	for (end = pos + n; end < ed->len && (byte_at(ed, end) == ' ' ||
	    byte_at(ed, end) == '\t'); end++)
		tab |= byte_at(ed, end) == '\t';
	if (end < ed->len && !is_eol(byte_at(ed, end)))
		return 0;
	for (; p < ed->len; p = next_line(ed, p)) {
		for (i = p; i < ed->len && byte_at(ed, i) == ' '; i++)
			;
		if (i < ed->len && !is_eol(byte_at(ed, i)))
			return n > i - p || (tab && n >= i - p);
	}
	return 0;
}

/*
 * Whether the text before pos ends with a line break that libyaml reads
 * and editors do not show as one: NEL, LS or PS.
 */
static int
soft_break_before(const struct editor *ed, size_t pos)
{
	return (pos >= 2 && byte_at(ed, pos - 2) == 0xc2 &&
	    byte_at(ed, pos - 1) == 0x85) ||
	    (pos >= 3 && byte_at(ed, pos - 3) == 0xe2 &&
	    byte_at(ed, pos - 2) == 0x80 && (byte_at(ed, pos - 1) == 0xa8 ||
	    byte_at(ed, pos - 1) == 0xa9));
}

/*
 * Whether a line break (one libyaml reads: CR, LF, NEL, LS or PS) ends
 * the text before pos, but for blanks and zero-width no-break spaces
 * after it, which a block scalar does not hold.
 */
static int
break_before(const struct editor *ed, size_t pos)
{
	unsigned char c;

	while (pos > 0) {
		c = byte_at(ed, pos - 1);
		if (c == '\n' || c == '\r' || soft_break_before(ed, pos))
			return 1;
		if (c == ' ' || c == '\t')
			pos--;
		else if (pos >= 3 && byte_at(ed, pos - 3) == 0xef &&
		    byte_at(ed, pos - 2) == 0xbb && c == 0xbf)
			pos -= 3;
		else
			return 0;
	}
	return 0;
}

/*
 * Whether the new text ends a line just before pos: a splice removes
 * whole lines up to pos (from just after a line end).
 */
static int
line_ended(const struct editor *ed, size_t pos)
{
	const struct splice *s;
	size_t i;

	for (i = 0; i < ed->nsplices; i++) {
		s = &ed->splices[i];
		if (s->end == pos && s->len == 0 && s->start > 0 &&
		    s->start < pos && is_eol(byte_at(ed, s->start - 1)))
			return 1;
	}
	return 0;
}

/* Places the lines of a after the milestone's last key, and frees
 * them. */
static void
place_added(struct editor *ed, struct added *a)
{
	const struct tl_span *last = &last_kept(ed)->value;
	struct tl_buf buf = TL_BUF_INIT;
	size_t at, skipped;

	if (a->text.len == 0)
		return;
	if (ed->sp->map.kind == TL_SPAN_FLOW_MAP) {
		at = last_kept(ed)->value.end;
		splice_text(ed, at, at, &a->text);
		return;
	}
	at = next_line(ed, ed->sp->map.end > 0 ? ed->sp->map.end - 1 : 0);
	/* Comment lines indented under the last key (a list's entry put
	 * aside) stay with it, and so do the lines of spaces that end the
	 * text of a block scalar: the new keys go after them (when the
	 * scalar ends the mapping; a key removed after it took its lines). */
	for (skipped = 0; at < ed->len; skipped++) {
		if (deeper_comment(ed, at))
			at = next_line(ed, at);
		else if (last->kind == TL_SPAN_LITERAL &&
		    last_kept(ed) == &ed->sp->keys[ed->sp->nkeys - 1] &&
		    past_scalar_blanks(ed, at) > at)
			at = past_scalar_blanks(ed, at);
		else
			break;
	}
	if (at < ed->len || at == 0 || is_eol(byte_at(ed, at - 1))) {
		splice_text(ed, at, at, &a->text);
		return;
	}
	/* The last line has no line end: give it one, unless the edit
	 * removes that line... */
	if (!line_ended(ed, at)) {
		/* After NEL, LS or PS its text has its line break.  A
		 * last line of spaces deeper than its text is text too,
		 * which the added line end would lengthen, as a word's. */
		if (last->kind == TL_SPAN_LITERAL && ((skipped == 0 &&
		    !break_before(ed, at)) || (skipped > 0 &&
		    spaces_of_text(ed, last, line_start(ed, at)))))
			strip_block_scalar(ed, last);
		add_text(ed, &buf, ed->eol);
	}
	add_bytes(ed, &buf, a->text.data, a->text.len);
	/* ...and none to the new last line, as the file had. */
	drop_last_eol(ed, &buf);
	splice_text(ed, at, at, &buf);
}

/* Appends a history entry to an existing list h. */
static void
add_history_entry(struct editor *ed, const struct tl_span_key *h,
    const char *date, const char *noted)
{
	struct tl_buf buf = TL_BUF_INIT;
	char entry[256];
	size_t dash, key, at;
	int open_end;

	flow_entry(ed, entry, sizeof(entry), date, noted);
	if (h->value.kind == TL_SPAN_FLOW_SEQ) {
		if (h->nitems == 0) {
			splice(ed, h->value.close, h->value.close, entry);
		} else {
			add_flow_separator(ed, &buf, h->last.start,
			    h->last.end);
			add_text(ed, &buf, entry);
			splice_text(ed, h->last.end, h->last.end, &buf);
		}
		return;
	}
	at = next_line(ed, h->last.end > 0 ? h->last.end - 1 : 0);
	/* Comment lines indented under the last entry stay with it. */
	while (at < ed->len && deeper_comment(ed, at))
		at = next_line(ed, at);
	/* At the end of a file without a last line end: start a line, and
	 * end none, as the file had. */
	open_end = at == ed->len && at > 0 && byte_at(ed, at - 1) != '\n' &&
	    byte_at(ed, at - 1) != '\r';
	if (open_end)
		add_text(ed, &buf, ed->eol);
	dash = h->value.start - line_start(ed, h->value.start);
	key = h->last_key - line_start(ed, h->last_key);
	if (key <= dash)
		key = dash + 2;
	add_spaces(ed, &buf, dash);
	add_text(ed, &buf, "-");
	add_spaces(ed, &buf, key - dash - 1);
	if (h->last.kind != TL_SPAN_BLOCK_MAP) {
		add_text(ed, &buf, entry);
		add_text(ed, &buf, ed->eol);
	} else {
		add_key_name(ed, &buf, "date");
		add_text(ed, &buf, date);
		add_text(ed, &buf, ed->eol);
		if (noted != NULL) {
			add_spaces(ed, &buf, key);
			add_key_name(ed, &buf, "noted");
			add_text(ed, &buf, noted);
			add_text(ed, &buf, ed->eol);
		}
	}
	if (open_end)
		drop_last_eol(ed, &buf);
	splice_text(ed, at, at, &buf);
}

/*
 * How a block list is indented: its '-' past its key's column, and its
 * first item past the '-'.
 */
struct list_style {
	size_t dash, item;
};

/* The column of byte pos. */
static size_t
column(const struct editor *ed, size_t pos)
{
	return pos - line_start(ed, pos);
}

/*
 * Fills *st with the style of a block list whose key stands at column
 * key, its first '-' at dash and its first item at item.  Returns 0,
 * or -1 when that list shows none (its item on a later line).
 */
static int
style_from(const struct editor *ed, size_t key, size_t dash, size_t item,
    struct list_style *st)
{
	if (item <= dash + 1 || line_start(ed, dash) != line_start(ed, item) ||
	    column(ed, dash) < key)
		return -1;
	st->dash = column(ed, dash) - key;
	st->item = item - dash;
	return 0;
}

/*
 * The style a new history list takes: that of the milestone's own
 * block lists (tags, links), else that of the list of milestones, else
 * two spaces before and one after the '-'.
 */
static void
list_style(const struct editor *ed, struct list_style *st)
{
	const struct tl_spans *sp = ed->sp;
	const struct tl_span_key *k;
	size_t i, dash = sp->map.start;

	for (i = 0; i < sp->nkeys; i++) {
		k = &sp->keys[i];
		if (k->value.kind == TL_SPAN_BLOCK_SEQ && k->nitems > 0 &&
		    style_from(ed, key_indent(ed), k->value.start,
		    k->first.start, st) == 0)
			return;
	}
	/* The '-' before the milestone, on its line. */
	while (dash > line_start(ed, sp->map.start) &&
	    byte_at(ed, dash - 1) == ' ')
		dash--;
	if (dash > 0 && byte_at(ed, dash - 1) == '-' && style_from(ed,
	    column(ed, sp->list_key), dash - 1, sp->map.start, st) == 0)
		return;
	st->dash = 2;
	st->item = 2;
}

/* Adds a new history list holding one entry. */
static void
new_history(struct editor *ed, struct added *a, const char *date,
    const char *noted)
{
	struct list_style st;
	char entry[256];
	size_t ind;

	if (ed->sp->map.kind == TL_SPAN_FLOW_MAP) {
		char list[300];

		flow_entry(ed, entry, sizeof(entry), date, noted);
		snprintf(list, sizeof(list), "[%s]", entry);
		add_key(ed, a, "history", list);
		return;
	}
	ind = key_indent(ed);
	list_style(ed, &st);
	add_spaces(ed, &a->text, ind);
	add_key_head(ed, &a->text, "history");
	add_text(ed, &a->text, ed->eol);
	add_spaces(ed, &a->text, ind + st.dash);
	add_text(ed, &a->text, "-");
	add_spaces(ed, &a->text, st.item - 1);
	add_key_name(ed, &a->text, "date");
	add_text(ed, &a->text, date);
	add_text(ed, &a->text, ed->eol);
	if (noted != NULL) {
		add_spaces(ed, &a->text, ind + st.dash + st.item);
		add_key_name(ed, &a->text, "noted");
		add_text(ed, &a->text, noted);
		add_text(ed, &a->text, ed->eol);
	}
}

/*
 * Where the comment that follows pos on its line starts ("end: 2026-12
 * # range"), or 0 when only blanks follow it there.
 */
static size_t
line_comment(const struct editor *ed, size_t pos)
{
	pos = past_blanks(ed, pos);
	return pos < ed->len && byte_at(ed, pos) == '#' ? pos : 0;
}

/*
 * Where the ',' between the entries around [from, to) of a flow mapping
 * stands (past blanks, line ends and comments), or SIZE_MAX.
 */
static size_t
flow_comma(const struct editor *ed, size_t from, size_t to)
{
	size_t p;

	for (p = from; p < to; p++) {
		if (byte_at(ed, p) == ',')
			return p;
		if (byte_at(ed, p) == '#')
			p = line_end(ed, p);
		else if (byte_at(ed, p) != ' ' && byte_at(ed, p) != '\t' &&
		    byte_at(ed, p) != '\n' && byte_at(ed, p) != '\r')
			break;
	}
	return SIZE_MAX;
}

/*
 * Whether bytes [from, to) hold only blanks, the byte at comma, and
 * when tail, a comment to their end.
 */
static int
blank_but(const struct editor *ed, size_t from, size_t to, size_t comma,
    int tail)
{
	size_t p;

	for (p = from; p < to; p++) {
		if (tail && byte_at(ed, p) == '#')
			return 1;
		if (p != comma && byte_at(ed, p) != ' ' &&
		    byte_at(ed, p) != '\t')
			return 0;
	}
	return 1;
}

/*
 * Removes the lines of entry k of a flow mapping, when they hold it
 * alone (its separators and comment included) and the entries around
 * it keep one ',' between them.  Returns whether it did.
 */
static int
remove_flow_lines(struct editor *ed, const struct tl_span_key *k)
{
	const struct tl_spans *sp = ed->sp;
	size_t i = (size_t)(k - sp->keys), at = entry_start(ed, k);
	size_t ls = line_start(ed, at), le = line_end(ed, k->value.end);
	size_t before = SIZE_MAX, after, next_at = sp->map.close;
	int left;

	if (i + 1 < sp->nkeys)
		next_at = entry_start(ed, &sp->keys[i + 1]);
	if (i > 0)
		before = flow_comma(ed, sp->keys[i - 1].value.end, at);
	after = flow_comma(ed, k->value.end, next_at);
	if (!blank_but(ed, ls, at, before, 0) ||
	    !blank_but(ed, k->value.end, le, after, 1))
		return 0;
	/* The separators that stay, off the lines removed. */
	left = (before != SIZE_MAX && before < ls) +
	    (after != SIZE_MAX && after >= le);
	if (i + 1 < sp->nkeys ? left != (i > 0) : left > 1)
		return 0;
	splice(ed, ls, next_line(ed, le), "");
	/* The last entry gone, the one before it is last: the ',' after
	 * it goes too, unless the last had one (JSON allows none). */
	if (i + 1 == sp->nkeys && left == 1 && after == SIZE_MAX)
		splice(ed, before, before + 1, "");
	return 1;
}

/* Renames key k to name, in the quotes it had ('"start": ...' in a file
 * written as JSON, where a quoted key needs no blank after its ':'). */
static void
rename_key(struct editor *ed, const struct tl_span_key *k, const char *name)
{
	char buf[32];

	snprintf(buf, sizeof(buf), k->key.kind == TL_SPAN_DOUBLE ? "\"%s\"" :
	    k->key.kind == TL_SPAN_SINGLE ? "'%s'" : "%s", name);
	splice(ed, k->key.start, k->key.end, buf);
}

/*
 * Removes key k (of a range) from the milestone.  The comment on its
 * line stays where it stood when the key has a line of a block mapping
 * to itself; elsewhere it goes with the key, and the other keys keep
 * theirs.
 */
static void
remove_key(struct editor *ed, const struct tl_span_key *k)
{
	struct tl_spans *sp = ed->sp;
	size_t i = (size_t)(k - sp->keys), ls, p, end, next, c, eol;
	size_t at = entry_start(ed, k);

	ed->gone = k;
	if (sp->map.kind == TL_SPAN_FLOW_MAP) {
		if (remove_flow_lines(ed, k))
			return;
		/* On a line with others: up to the next entry, or from the
		 * previous one's end. */
		if (i + 1 < sp->nkeys)
			splice(ed, at, entry_start(ed, &sp->keys[i + 1]), "");
		else if (i > 0)
			splice(ed, sp->keys[i - 1].value.end, k->value.end, "");
		return;
	}
	ls = line_start(ed, at);
	for (p = ls; p < at && byte_at(ed, p) == ' '; p++)
		;
	end = next_line(ed, k->value.end > 0 ? k->value.end - 1 : 0);
	c = p == at ? key_line_comment(ed, k, &eol) : 0;
	if (c > 0) {
		/* The comment on the key's line, above its value, stays
		 * where the key stood; one after the value joins it. */
		splice(ed, at, c, "");
		splice(ed, eol, k->value.end, "");
	} else if (p == at && end == ed->len &&
	    !is_eol(byte_at(ed, end - 1)) &&
	    line_comment(ed, k->value.end) == 0 && ls > 0 &&
	    !(i > 0 && sp->keys[i - 1].value.kind == TL_SPAN_LITERAL)) {
		/* The last line, with no line end: it goes with the line
		 * end before it, and the file still ends without one (but
		 * after a block scalar, whose text holds that line end). */
		splice(ed, ls - (ls >= 2 && byte_at(ed, ls - 2) == '\r' &&
		    byte_at(ed, ls - 1) == '\n' ? 2 : 1), end, "");
	} else if (p == at && (c = line_comment(ed, k->value.end)) > 0) {
		/* The comment on its line stays there, where the key stood
		 * (the key may be gone, what was said of it is not). */
		splice(ed, at, c, "");
	} else if (p == at) {
		/* The entry begins its line: the whole lines go. */
		splice(ed, ls, end, "");
	} else if (i + 1 < sp->nkeys) {
		/* After "- ": the next key comes up to its place, unless
		 * comment lines stand between them, which stay under the
		 * '-' with the next key (the comment on the key's line
		 * goes with it). */
		next = entry_start(ed, &sp->keys[i + 1]);
		end = next_line(ed, line_end(ed, k->value.end));
		while (end < next && !comment_line(ed, end))
			end = next_line(ed, end);
		if (end >= next) {
			splice(ed, at, next, "");
			return;
		}
		while (at > ls && (byte_at(ed, at - 1) == ' ' ||
		    byte_at(ed, at - 1) == '\t'))
			at--;
		splice(ed, at, line_end(ed, k->value.end), "");
	}
}

/*
 * Whether splice a goes after b: it starts later, or where b inserts
 * text before the bytes that a replaces.
 */
static int
after_splice(const struct splice *a, const struct splice *b)
{
	return a->start > b->start || (a->start == b->start &&
	    a->end > a->start && b->end == b->start);
}

/* Sorts the splices by position (there are a few). */
static void
sort_splices(struct editor *ed)
{
	size_t i, j;
	struct splice t;

	for (i = 1; i < ed->nsplices; i++)
		for (j = i; j > 0 && after_splice(&ed->splices[j - 1],
		    &ed->splices[j]); j--) {
			t = ed->splices[j];
			ed->splices[j] = ed->splices[j - 1];
			ed->splices[j - 1] = t;
		}
}

/*
 * Sorts the splices and checks that each starts where the one before
 * ends or later.  0, or TL_EINVAL when two overlap.
 */
static int
order_splices(struct editor *ed)
{
	size_t i, at = 0;

	sort_splices(ed);
	for (i = 0; i < ed->nsplices; i++) {
		if (ed->splices[i].start < at ||
		    ed->splices[i].end < ed->splices[i].start)
			return TL_EINVAL;
		at = ed->splices[i].end;
	}
	return 0;
}

/* Whether splice s lies within bytes [from, to) of the old text. */
static int
splice_within(const struct splice *s, size_t from, size_t to)
{
	return s->start >= from && s->end <= to;
}

/* The length of bytes [from, to) of the old text once the splices
 * within them are made. */
static size_t
spliced_len(const struct editor *ed, size_t from, size_t to)
{
	size_t i, n = to - from;

	for (i = 0; i < ed->nsplices; i++)
		if (splice_within(&ed->splices[i], from, to))
			n = n + ed->splices[i].len -
			    (ed->splices[i].end - ed->splices[i].start);
	return n;
}

/*
 * Writes bytes [from, to) of the old text, with the splices within them
 * made, into buf (spliced_len() bytes, then a NUL).  0 or TL_EIO.
 */
static int
put_spliced(const struct editor *ed, size_t from, size_t to, char *buf)
{
	const struct splice *s;
	size_t i, at = from, w = 0;

	for (i = 0; i < ed->nsplices; i++) {
		s = &ed->splices[i];
		if (!splice_within(s, from, to))
			continue;
		if (tl_source_read(ed->src, at, buf + w, s->start - at) < 0)
			return TL_EIO;
		w += s->start - at;
		memcpy(buf + w, s->text, s->len);
		w += s->len;
		at = s->end;
	}
	if (tl_source_read(ed->src, at, buf + w, to - at) < 0)
		return TL_EIO;
	buf[w + to - at] = '\0';
	return 0;
}

/* Makes the new text of bytes [from, to) in *out (allocated, *outlen
 * bytes and a NUL).  0, TL_EIO or TL_ENOMEM. */
static int
build(const struct editor *ed, size_t from, size_t to, char **out,
    size_t *outlen)
{
	size_t n = spliced_len(ed, from, to);
	int error;

	if ((*out = malloc(n + 1)) == NULL)
		return TL_ENOMEM;
	if ((error = put_spliced(ed, from, to, *out)) < 0) {
		free(*out);
		*out = NULL;
		return error;
	}
	*outlen = n;
	return 0;
}

/* What the edit does to the milestone, decided before the text. */
struct plan {
	int new_date;			/* the date changes */
	int pin;			/* ...to the day a relative date
					   gives: its window, its history
					   and its noted day stay */
	int range;			/* the new date is a range */
	char start[48], end[48];	/* the new date (or its ends) */
	char old_date[48];		/* the history entry's date */
	char old_noted[16];		/* its noted, or "" */
	char noted[16];			/* the milestone's new noted */
	int32_t noted_day;		/* the same, as a day */
	int status;			/* the new status, or -1 to keep */
};

/* Says which text is not a date before why; returns TL_EINVAL. */
static int
not_a_date(char why[TL_WHY_SIZE], const char *text, size_t len)
{
	char reason[TL_WHY_SIZE];

	memcpy(reason, why, TL_WHY_SIZE);
	/* Too long with the text: the reason alone. */
	if (snprintf(why, TL_WHY_SIZE, "'%.*s' is not a date: %s",
	    len > 30 ? 30 : (int)len, text, reason) >= TL_WHY_SIZE)
		memcpy(why, reason, TL_WHY_SIZE);
	return TL_EINVAL;
}

/* Plans `status`: a new status, nothing else. */
static int
plan_status(enum tl_status st, const struct tl_edit_options *o,
    struct plan *p, char why[TL_WHY_SIZE])
{
	if (o->status < 0) {
		snprintf(why, TL_WHY_SIZE, "no status given");
		return TL_EINVAL;
	}
	if ((enum tl_status)o->status == st) {
		snprintf(why, TL_WHY_SIZE, "it is already %s",
		    tl_status_name(st));
		return TL_EEMPTY;
	}
	p->status = o->status;
	return 0;
}

/*
 * Plans `done`: done, and with a day other than the date, that day as
 * the new date.  Returns 1 when the date changes, 0 when only the
 * status does.
 */
static int
plan_done(const struct tl_window *old, enum tl_status st, int relative,
    const struct tl_edit_options *o, struct plan *p, char why[TL_WHY_SIZE])
{
	struct tl_window nw;
	char today[16];
	int32_t day;

	if (o->when != NULL) {
		if (tl_day_parse(&day, o->when, strlen(o->when), why) < 0)
			return TL_EINVAL;
		if (day > o->today) {
			tl_day_format(today, sizeof(today), o->today);
			snprintf(why, TL_WHY_SIZE, "the day is after today, "
			    "%s", today);
			return TL_EINVAL;
		}
		memset(&nw, 0, sizeof(nw));
		nw.start = nw.end = day;
		nw.precision = nw.start_precision = nw.end_precision =
		    TL_PREC_DAY;
		if (!same_window(&nw, old) || relative) {
			snprintf(p->start, sizeof(p->start), "%s", o->when);
			p->status = st == TL_STATUS_DONE ? -1 :
			    TL_STATUS_DONE;
			/* A relative date that falls on the day is written
			 * as it, as move writes it: the day it was done no
			 * longer moves with what it hung on. */
			p->pin = same_window(&nw, old);
			return 1;
		}
	}
	if (st == TL_STATUS_DONE) {
		snprintf(why, TL_WHY_SIZE, "it is already done%s",
		    o->when != NULL ? " on that day" : "");
		return TL_EEMPTY;
	}
	p->status = TL_STATUS_DONE;
	return 0;
}

/* Reads a range FROM..TO of `move` into nw and p; sets *backwards when
 * it runs backwards. */
static int
plan_range(const char *when, const char *dots, struct tl_window *nw,
    int *backwards, struct plan *p, char why[TL_WHY_SIZE])
{
	size_t len = (size_t)(dots - when);
	struct tl_window a, b;

	if (tl_date_parse(&a, when, len, why) < 0)
		return not_a_date(why, when, len);
	if (tl_date_parse(&b, dots + 2, strlen(dots + 2), why) < 0)
		return not_a_date(why, dots + 2, strlen(dots + 2));
	/* A range that runs backwards is written as asked: checking the
	 * set as it will be reports it where it stands in the file. */
	if (tl_window_range(nw, &a, &b, why) < 0) {
		*nw = a;
		*backwards = 1;
	}
	if (len >= sizeof(p->start) || strlen(dots + 2) >= sizeof(p->end)) {
		snprintf(why, TL_WHY_SIZE, "too long");
		return TL_EINVAL;
	}
	memcpy(p->start, when, len);
	snprintf(p->end, sizeof(p->end), "%s", dots + 2);
	p->range = 1;
	return 0;
}

/* Plans `move`: the new date or range, and the status it leaves.
 * Returns 1 (the date changes). */
static int
plan_move(const struct tl_window *old, enum tl_status st, int relative,
    const struct tl_edit_options *o, struct plan *p, char why[TL_WHY_SIZE])
{
	struct tl_window nw;
	const char *dots;
	char words[64];
	int backwards = 0;

	if (o->when == NULL) {
		snprintf(why, TL_WHY_SIZE, "no date given");
		return TL_EINVAL;
	}
	if ((dots = strstr(o->when, "..")) != NULL) {
		if (plan_range(o->when, dots, &nw, &backwards, p, why) < 0)
			return TL_EINVAL;
	} else {
		if (tl_date_parse(&nw, o->when, strlen(o->when), why) < 0)
			return not_a_date(why, o->when, strlen(o->when));
		snprintf(p->start, sizeof(p->start), "%s", o->when);
	}
	if (!backwards && same_window(&nw, old) && relative) {
		/* Written as the day it falls on, a relative date no longer
		 * hangs on another: the date does not move. */
		if (o->noted != TL_DAY_NONE) {
			snprintf(why, TL_WHY_SIZE, "--noted needs a new date: "
			    "written as the day it gives, the date stays");
			return TL_EINVAL;
		}
		p->pin = 1;
		if (o->status >= 0 && (enum tl_status)o->status != st)
			p->status = o->status;
		return 1;
	}
	if (!backwards && same_window(&nw, old)) {
		tl_window_words(words, sizeof(words), old, 1);
		snprintf(why, TL_WHY_SIZE, "it is already there (%s)",
		    words);
		return TL_EINVAL;
	}
	if (o->status >= 0) {
		if ((enum tl_status)o->status != st)
			p->status = o->status;
	} else if (nw.end > old->end && (st == TL_STATUS_PLANNED ||
	    st == TL_STATUS_AT_RISK)) {
		p->status = TL_STATUS_SLIPPED;
	}
	return 1;
}

/* Plans what a new date adds: the history entry of the old date and
 * its noted day, and the new noted day. */
static int
plan_history(const struct tl_milestone *m, const struct tl_edit_options *o,
    struct plan *p, char why[TL_WHY_SIZE])
{
	const struct tl_window *old = tl_milestone_window(m);

	p->new_date = 1;
	p->noted_day = o->noted != TL_DAY_NONE ? o->noted : o->today;
	if (noted_too_early(m, p->noted_day, o->today,
	    o->kind == TL_EDIT_DONE, why))
		return TL_EINVAL;
	if (tl_milestone_date_kind(m) == TL_DATE_RELATIVE)
		window_date(p->old_date, sizeof(p->old_date), old);
	else
		snprintf(p->old_date, sizeof(p->old_date), "%s",
		    tl_milestone_date(m));
	if (tl_milestone_noted(m) != TL_DAY_NONE)
		tl_day_format(p->old_noted, sizeof(p->old_noted),
		    tl_milestone_noted(m));
	tl_day_format(p->noted, sizeof(p->noted), p->noted_day);
	return 0;
}

/* Decides what the edit o does to m, or says why in why. */
static int
plan_edit(const struct tl_milestone *m, const struct tl_edit_options *o,
    struct plan *p, char why[TL_WHY_SIZE])
{
	const struct tl_window *old = tl_milestone_window(m);
	enum tl_status st = tl_milestone_status(m);
	int error;

	memset(p, 0, sizeof(*p));
	p->status = -1;
	if (o->status < -1 || o->status >= TL_STATUS_COUNT) {
		snprintf(why, TL_WHY_SIZE, "unknown status");
		return TL_EINVAL;
	}
	if (o->kind == TL_EDIT_STATUS)
		return plan_status(st, o, p, why);
	if (o->kind == TL_EDIT_DONE)
		error = plan_done(old, st, tl_milestone_date_kind(m) ==
		    TL_DATE_RELATIVE, o, p, why);
	else
		error = plan_move(old, st, tl_milestone_date_kind(m) ==
		    TL_DATE_RELATIVE, o, p, why);
	if (error <= 0)
		return error;
	if (p->pin) {
		p->new_date = 1;
		return 0;
	}
	return plan_history(m, o, p, why);
}

/* Writes the new date into the text. */
static void
edit_date(struct editor *ed, const struct plan *p)
{
	struct tl_spans *sp = ed->sp;
	struct tl_span_key *date = key_named(sp, "date");
	struct tl_span_key *start = key_named(sp, "start");
	struct tl_span_key *end = key_named(sp, "end");
	struct tl_buf line = TL_BUF_INIT;
	char v[128];
	size_t ind, at;

	if (date != NULL && !p->range) {
		scalar(v, sizeof(v), p->start, style_of(ed, date));
		replace_value(ed, date, v);
		return;
	}
	if (date != NULL) {
		/* A date becomes a range: "start" it, and an "end" after. */
		rename_key(ed, date, "start");
		scalar(v, sizeof(v), p->start, style_of(ed, date));
		replace_value(ed, date, v);
		scalar(v, sizeof(v), p->end, style_of(ed, date));
		if (sp->map.kind == TL_SPAN_FLOW_MAP) {
			add_flow_separator(ed, &line, entry_start(ed, date),
			    date->value.end);
			add_key_name(ed, &line, "end");
			add_text(ed, &line, v);
			splice_text(ed, date->value.end, date->value.end,
			    &line);
			return;
		}
		ind = key_indent(ed);
		at = next_line(ed, date->value.end > 0 ? date->value.end - 1 :
		    0);
		if (at == ed->len && at > 0 && byte_at(ed, at - 1) != '\n' &&
		    byte_at(ed, at - 1) != '\r') {
			add_text(ed, &line, ed->eol);
			add_spaces(ed, &line, ind);
			add_key_name(ed, &line, "end");
			add_text(ed, &line, v);
		} else {
			add_spaces(ed, &line, ind);
			add_key_name(ed, &line, "end");
			add_text(ed, &line, v);
			add_text(ed, &line, ed->eol);
		}
		splice_text(ed, at, at, &line);
		return;
	}
	if (start == NULL || end == NULL) {
		/* Neither form: the milestone holds no date to move. */
		ed->error = TL_ENOENT;
		return;
	}
	if (p->range) {
		scalar(v, sizeof(v), p->start, style_of(ed, start));
		replace_value(ed, start, v);
		scalar(v, sizeof(v), p->end, style_of(ed, end));
		replace_value(ed, end, v);
		return;
	}
	/* A range becomes a date: "start" becomes "date", where it stands
	 * with its comment, and "end" goes. */
	rename_key(ed, start, "date");
	scalar(v, sizeof(v), p->start, style_of(ed, start));
	replace_value(ed, start, v);
	remove_key(ed, end);
}

/* Whether day is a day of the years 0001-9999 (TL_DAY_NONE is not). */
static int
is_day(int32_t day)
{
	return day >= TL_DAY_MIN && day <= TL_DAY_MAX;
}

/*
 * Whether the options ask for an edit this version knows, with a today
 * and a noted day (when given) that are days; else why.
 */
static int
options_ok(const struct tl_edit_options *opts, char why[TL_WHY_SIZE])
{
	if (opts == NULL || opts->version != TL_EDIT_OPTIONS_VERSION) {
		snprintf(why, TL_WHY_SIZE, "unknown options version");
		return 0;
	}
	if (opts->kind != TL_EDIT_MOVE && opts->kind != TL_EDIT_DONE &&
	    opts->kind != TL_EDIT_STATUS) {
		snprintf(why, TL_WHY_SIZE, "unknown kind of edit");
		return 0;
	}
	/* Either would be written as an empty noted day. */
	if (!is_day(opts->today)) {
		snprintf(why, TL_WHY_SIZE, "today is not a day");
		return 0;
	}
	if (opts->noted != TL_DAY_NONE && !is_day(opts->noted)) {
		snprintf(why, TL_WHY_SIZE, "noted is not a day");
		return 0;
	}
	return 1;
}

/* Writes the new status: over the old value, or as a new key. */
static void
edit_status(struct editor *ed, struct added *a, enum tl_status status)
{
	const char *name = tl_status_name(status);
	struct tl_span_key *k;
	char v[64];

	if ((k = key_named(ed->sp, "status")) != NULL) {
		scalar(v, sizeof(v), name, style_of(ed, k));
		replace_value(ed, k, v);
	} else {
		new_scalar(ed, v, sizeof(v), name);
		add_key(ed, a, "status", v);
	}
}

/*
 * Writes the day the date was noted, and the old date into the history:
 * an entry of the list there is, or a new list.
 */
static void
edit_history(struct editor *ed, struct added *a, const struct plan *p)
{
	struct tl_span_key *k;
	char v[64], n[64];

	if ((k = key_named(ed->sp, "noted")) != NULL) {
		scalar(v, sizeof(v), p->noted, style_of(ed, k));
		replace_value(ed, k, v);
	} else {
		scalar(v, sizeof(v), p->noted, ed->noted_quotes);
		add_key(ed, a, "noted", v);
	}
	scalar(v, sizeof(v), p->old_date, ed->date_quotes);
	scalar(n, sizeof(n), p->old_noted, ed->noted_quotes);
	if ((k = key_named(ed->sp, "history")) != NULL &&
	    (k->value.kind == TL_SPAN_BLOCK_SEQ ||
	    k->value.kind == TL_SPAN_FLOW_SEQ))
		add_history_entry(ed, k, v, p->old_noted[0] ? n : NULL);
	else
		new_history(ed, a, v, p->old_noted[0] ? n : NULL);
}

/*
 * What every edit checks before it reads the text: the options, the
 * set, and the plan of the edit (*p).  0, or an error with why.
 */
static int
prepare(const struct tl_set *set, const struct tl_milestone *m,
    const struct tl_edit_options *opts, struct plan *p,
    char why[TL_WHY_SIZE])
{
	why[0] = '\0';
	if (!options_ok(opts, why))
		return TL_EINVAL;
	if (!tl_set_is_resolved(set)) {
		snprintf(why, TL_WHY_SIZE, "the set is not resolved");
		return TL_EINVAL;
	}
	return plan_edit(m, opts, p, why);
}

/*
 * Whether the bytes from start to end hold a NEL, LS or PS with text
 * after it on its line: YAML breaks the line there and editors do not,
 * so a line added after a key's line would land where YAML reads
 * another place (after a comment's LS, in the next milestone).  One at
 * a line's end (a blank, a BOM or another after it) splits nothing.
 */
static int
soft_break_in(const struct editor *ed, size_t start, size_t end)
{
	unsigned char b, last = 0, before = 0;
	size_t i;
	int open = 0;	/* a soft break, and nothing since but blanks */

	for (i = start; i < end; i++) {
		b = (unsigned char)byte_at(ed, i);
		if ((b == 0x85 && last == 0xc2) || ((b == 0xa8 || b == 0xa9) &&
		    last == 0x80 && before == 0xe2))
			open = 1;
		else if (b == '\n' || b == '\r')
			open = 0;
		else if (open && b != ' ' && b != '\t' && b < 0x80)
			return 1;
		before = last;
		last = b;
	}
	return 0;
}

/* Why an edit was refused for a NEL, LS or PS in the milestone. */
#define SOFT_BREAK_WHY "its lines hold a NEL, LS or PS, a line break " \
    "to YAML but not to editors: delete it"

/*
 * Finds m's spans in the old text (ed->src, ed->len) and places the
 * splices that make plan p, in order.  0, or the error of the edit.
 */
static int
place_edit(struct editor *ed, const struct tl_milestone *m,
    const struct plan *p)
{
	struct added a;
	int error;

	memset(&a, 0, sizeof(a));
	if ((ed->sp = malloc(sizeof(*ed->sp))) == NULL)
		return TL_ENOMEM;
	if ((error = tl_spans_find(ed->src, tl_milestone_id(m), ed->sp)) < 0)
		return error;
	if (ed->sp->nkeys == 0)
		return TL_ENOENT;
	if (soft_break_in(ed, ed->sp->map.start, line_end(ed,
	    ed->sp->map.end))) {
		ed->soft = 1;
		return TL_EINVAL;
	}
	pick_eol(ed, ed->sp->keys[ed->sp->nkeys - 1].key.start);
	ed->json = written_as_json(ed->sp);
	find_day_quotes(ed);
	if (p->new_date)
		edit_date(ed, p);
	if (p->status >= 0)
		edit_status(ed, &a, (enum tl_status)p->status);
	if (p->new_date && !p->pin)
		edit_history(ed, &a, p);
	place_added(ed, &a);
	tl_buf_dispose(&a.text);
	if (ed->error)
		return ed->error;
	/* A byte that could not be read was read as 0: nothing made of
	 * it may be written. */
	if (ed->src->error)
		return ed->src->error;
	return order_splices(ed);
}

static void
editor_dispose(struct editor *ed)
{
	size_t i;

	for (i = 0; i < ed->nsplices; i++)
		free(ed->splices[i].text);
	free(ed->sp);
}

/* Puts the reason for error in why, unless it holds one; error. */
static int
explain(int error, char why[TL_WHY_SIZE])
{
	if (error == TL_ENOENT)
		snprintf(why, TL_WHY_SIZE, "the file does not hold it as "
		    "loaded");
	else if (error == TL_ELIMIT)
		snprintf(why, TL_WHY_SIZE, "its mapping has too many keys");
	else if (error == TL_EIO && why[0] == '\0')
		snprintf(why, TL_WHY_SIZE, "the file cannot be read, or its "
		    "new text written");
	else if (error == TL_EINVAL && why[0] == '\0')
		snprintf(why, TL_WHY_SIZE, "the changes overlap in this file's "
		    "layout");
	return error;
}

int
tl_edit_apply(const struct tl_set *set, const struct tl_milestone *m,
    const char *data, size_t len, const struct tl_edit_options *opts,
    char **out, size_t *outlen, char why[TL_WHY_SIZE])
{
	struct tl_source src;
	struct editor ed;
	struct plan p;
	int error;

	*out = NULL;
	*outlen = 0;
	if ((error = prepare(set, m, opts, &p, why)) < 0)
		return error;
	memset(&ed, 0, sizeof(ed));
	tl_source_memory(&src, data, len);
	ed.src = &src;
	ed.len = len;
	if ((error = place_edit(&ed, m, &p)) == 0)
		error = build(&ed, 0, len, out, outlen);
	else if (ed.soft)
		snprintf(why, TL_WHY_SIZE, "%s", SOFT_BREAK_WHY);
	editor_dispose(&ed);
	return explain(error, why);
}

/*
 * Where the region of an edit starts: five line ends (LF) before the
 * first byte it changes, at most, so that a diff of the region finds
 * the context lines that one of the whole text does.
 */
static size_t
region_start(const struct editor *ed, size_t first)
{
	size_t n = 0;

	for (; first > 0; first--)
		if (byte_at(ed, first - 1) == '\n' && ++n == 6)
			break;
	return first;
}

/* Where it ends: after the fifth line end (LF) from the last byte it
 * changes, or at the end. */
static size_t
region_end(const struct editor *ed, size_t last)
{
	size_t n = 0;

	while (last < ed->len)
		if (byte_at(ed, last++) == '\n' && ++n == 5)
			break;
	return last;
}

/*
 * Counts the lines before byte 'to' (a line's start) of the old text:
 * *line as diagnostics count them (LF, CR LF or a lone CR ends one),
 * *diff_line as diff does (LF), each the number of the line at 'to'.
 * 0, TL_EIO or TL_ENOMEM.
 */
static int
count_lines(const struct editor *ed, size_t to, uint32_t *line,
    uint32_t *diff_line)
{
	char *buf;
	size_t at, n, i, lf = 0, lone = 0;
	int cr = 0;

	if ((buf = malloc(TL_SOURCE_BLOCK)) == NULL)
		return TL_ENOMEM;
	for (at = 0; at < to; at += n) {
		n = to - at < TL_SOURCE_BLOCK ? to - at : TL_SOURCE_BLOCK;
		if (tl_source_read(ed->src, at, buf, n) < 0) {
			free(buf);
			return TL_EIO;
		}
		for (i = 0; i < n; i++) {
			lone += cr && buf[i] != '\n';
			cr = buf[i] == '\r';
			lf += buf[i] == '\n';
		}
	}
	free(buf);
	/* Lines past what diagnostics count cannot be said. */
	if (lf + lone >= UINT32_MAX)
		return TL_ELIMIT;
	*line = (uint32_t)(lf + lone + 1);
	*diff_line = (uint32_t)(lf + 1);
	return 0;
}

/* Fills r with the region of the edit ed placed, old and new. */
static int
make_region(const struct editor *ed, struct tl_edit_region *r)
{
	size_t n = ed->nsplices, end;
	int error;

	r->start = region_start(ed, n > 0 ? ed->splices[0].start : 0);
	end = region_end(ed, n > 0 ? ed->splices[n - 1].end : 0);
	if ((error = count_lines(ed, r->start, &r->line, &r->diff_line)) < 0)
		return error;
	r->waslen = end - r->start;
	if ((r->was = malloc(r->waslen + 1)) == NULL)
		return TL_ENOMEM;
	if (tl_source_read(ed->src, r->start, r->was, r->waslen) < 0)
		return TL_EIO;
	r->was[r->waslen] = '\0';
	return build(ed, r->start, end, &r->now, &r->nowlen);
}

/* Writes the new text to out: the old bytes around the region. */
static int
write_edited(struct editor *ed, const struct tl_edit_region *r, int out)
{
	size_t w = 0, end = r->start + r->waslen;
	int error;

	if ((error = tl_source_copy(ed->src, 0, r->start, out, &w)) < 0 ||
	    (error = tl_write_at(out, r->now, r->nowlen, &w)) < 0 ||
	    (error = tl_source_copy(ed->src, end, ed->len - end, out,
	    &w)) < 0)
		return error;
	return 0;
}

/* Whether key name is one an edit writes (its value or itself). */
static int
edited_key(const char *name)
{
	static const char *const names[] = {
		"date", "start", "end", "status", "noted", "history"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

/* The next key of sp from *i on that no edit writes, or NULL. */
static const struct tl_span_key *
next_kept(const struct tl_spans *sp, size_t *i)
{
	while (*i < sp->nkeys && edited_key(sp->keys[*i].name))
		(*i)++;
	return *i < sp->nkeys ? &sp->keys[(*i)++] : NULL;
}

/*
 * Whether the keys of the milestone that no edit writes (nsp, in the
 * new text) read as those of the old text, in order, value for value:
 * a key added inside another's value, or a block scalar's header that
 * changes its text, changes that value.
 */
static int
same_kept_keys(const struct editor *ed, const struct tl_spans *nsp)
{
	const struct tl_span_key *a, *b;
	size_t i = 0, j = 0;

	for (;;) {
		a = next_kept(ed->sp, &i);
		b = next_kept(nsp, &j);
		if (a == NULL || b == NULL)
			return a == b;
		if (a->digest != b->digest)
			return 0;
	}
}

/*
 * Reads m back from the new text in out: 0 when the keys the edit does
 * not write read as they did, TL_EINVAL (why set) when not.
 */
static int
check_kept(const struct editor *ed, const struct tl_milestone *m, int out,
    const struct tl_edit_region *r, char why[TL_WHY_SIZE])
{
	struct tl_source ns;
	struct tl_spans *nsp;
	int error, kept;

	if ((nsp = malloc(sizeof(*nsp))) == NULL)
		return TL_ENOMEM;
	/* What was written, or without out what would be. */
	if (out >= 0)
		tl_source_file(&ns, out, ed->len - r->waslen + r->nowlen);
	else
		tl_source_spliced(&ns, ed->src->fd, ed->len, r->start,
		    r->waslen, r->now, r->nowlen);
	error = tl_spans_find(&ns, tl_milestone_id(m), nsp);
	if (error == 0 || error == TL_ENOENT || error == TL_ELIMIT) {
		kept = error == 0 && same_kept_keys(ed, nsp);
		error = ns.error;
		if (error == 0 && !kept)
			error = TL_EINVAL;
	}
	if (error == TL_EINVAL)
		snprintf(why, TL_WHY_SIZE, "%s", TL_EDIT_NOT_PLACED);
	tl_source_dispose(&ns);
	free(nsp);
	return error;
}

/*
 * Edits the file of src (ed) into out, or without out (-1) only
 * checks the new text; the region into *region.  0, or an error with
 * why set.
 */
static int
edit_file(struct editor *ed, const struct tl_milestone *m,
    const struct plan *p, int out, struct tl_edit_region *region,
    char why[TL_WHY_SIZE])
{
	int error;

	if ((error = place_edit(ed, m, p)) == TL_ELIMIT)
		return explain(error, why);
	if (ed->soft)
		snprintf(why, TL_WHY_SIZE, "%s", SOFT_BREAK_WHY);
	if (error == 0 && (error = make_region(ed, region)) == 0 &&
	    (out < 0 || (error = write_edited(ed, region, out)) == 0))
		error = check_kept(ed, m, out, region, why);
	/* A failure to read the file is told from one to write out (or
	 * read it back); without out, the file is all that is read. */
	if (error == TL_EIO)
		snprintf(why, TL_WHY_SIZE, "%s", ed->src->error != 0 ||
		    out < 0 ? TL_EDIT_NOT_READ : TL_EDIT_NOT_WRITTEN);
	else if (error == TL_ELIMIT)
		snprintf(why, TL_WHY_SIZE, "the file has more lines than "
		    "can be counted");
	else
		return explain(error, why);
	return error;
}

int
tl_edit_file(const struct tl_set *set, const struct tl_milestone *m,
    int fd, const struct tl_edit_options *opts, int out,
    struct tl_edit_region *region, char why[TL_WHY_SIZE])
{
	struct tl_source src;
	struct editor ed;
	struct stat st;
	struct plan p;
	int error;

	memset(region, 0, sizeof(*region));
	if ((error = prepare(set, m, opts, &p, why)) < 0)
		return error;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, TL_WHY_SIZE, "%s", TL_EDIT_NOT_READ);
		return TL_EIO;
	}
	/* Its offsets must fit a size_t (a 32-bit build's). */
	if ((uint64_t)st.st_size > SIZE_MAX) {
		snprintf(why, TL_WHY_SIZE, "the file is too large to edit");
		return TL_ELIMIT;
	}
	memset(&ed, 0, sizeof(ed));
	tl_source_file(&src, fd, (size_t)st.st_size);
	ed.src = &src;
	ed.len = src.len;
	error = edit_file(&ed, m, &p, out, region, why);
	editor_dispose(&ed);
	tl_source_dispose(&src);
	if (error < 0)
		tl_edit_region_dispose(region);
	return error;
}

void
tl_edit_region_dispose(struct tl_edit_region *r)
{
	if (r == NULL)
		return;
	free(r->was);
	free(r->now);
	memset(r, 0, sizeof(*r));
}

/* Whether two texts, each maybe NULL, are the same. */
static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Whether the lists that it walks give the same texts in order. */
static int
same_list(struct tl_list *a, struct tl_list *b)
{
	const char *s, *t;

	do {
		s = tl_list_next(a);
		t = tl_list_next(b);
		if (!same_text(s, t))
			return 0;
	} while (s != NULL);
	return 1;
}

/* Whether the fields that no edit changes are as they were. */
static int
kept_fields(const struct tl_milestone *m, const struct tl_milestone *n)
{
	struct tl_list a, b, c, d;

	tl_milestone_tags(m, &a);
	tl_milestone_tags(n, &b);
	tl_milestone_links(m, &c);
	tl_milestone_links(n, &d);
	return same_text(tl_milestone_title(m), tl_milestone_title(n)) &&
	    same_text(tl_milestone_description(m),
	    tl_milestone_description(n)) &&
	    same_text(tl_milestone_location(m), tl_milestone_location(n)) &&
	    same_text(tl_milestone_timezone(m), tl_milestone_timezone(n)) &&
	    tl_milestone_time(m) == tl_milestone_time(n) &&
	    same_list(&a, &b) && same_list(&c, &d);
}

/* Whether the first count entries of the histories of m and n agree. */
static int
same_history(const struct tl_milestone *m, const struct tl_milestone *n,
    size_t count)
{
	struct tl_history a, b;
	size_t i;

	for (i = 0; i < count; i++) {
		tl_milestone_history(m, i, &a);
		tl_milestone_history(n, i, &b);
		if (!same_text(a.date, b.date) || a.noted != b.noted)
			return 0;
	}
	return 1;
}

/* Whether n's date is the one p plans for m (m's own when unchanged). */
static int
placed_date(const struct tl_milestone *m, const struct tl_milestone *n,
    const struct plan *p)
{
	if (!p->new_date)
		return tl_milestone_date_kind(n) == tl_milestone_date_kind(m) &&
		    same_text(tl_milestone_date(n), tl_milestone_date(m)) &&
		    same_text(tl_milestone_end(n), tl_milestone_end(m));
	if (p->range)
		return tl_milestone_date_kind(n) == TL_DATE_RANGE &&
		    same_text(tl_milestone_date(n), p->start) &&
		    same_text(tl_milestone_end(n), p->end);
	return tl_milestone_date_kind(n) == TL_DATE_PLAIN &&
	    same_text(tl_milestone_date(n), p->start);
}

/*
 * Whether n's noted day and history are those p plans for m: as they
 * were, or, with a new date, the new noted day and one more entry, the
 * old date with its noted day.
 */
static int
placed_history(const struct tl_milestone *m, const struct tl_milestone *n,
    const struct plan *p)
{
	struct tl_history h;
	size_t count = tl_milestone_history_count(m);
	int32_t noted = TL_DAY_NONE;

	if (!p->new_date || p->pin)
		return tl_milestone_noted(n) == tl_milestone_noted(m) &&
		    tl_milestone_history_count(n) == count &&
		    same_history(m, n, count);
	if (tl_milestone_noted(n) != p->noted_day ||
	    tl_milestone_history_count(n) != count + 1 ||
	    !same_history(m, n, count))
		return 0;
	tl_milestone_history(n, count, &h);
	if (p->old_noted[0] != '\0')
		noted = tl_milestone_noted(m);
	return same_text(h.date, p->old_date) && h.noted == noted;
}

int
tl_edit_verify(const struct tl_milestone *m, const struct tl_set *after,
    const struct tl_edit_options *opts, char why[TL_WHY_SIZE])
{
	const struct tl_milestone *n = NULL;
	struct plan p;
	size_t i, count;
	int error, status;

	why[0] = '\0';
	if (!options_ok(opts, why))
		return TL_EINVAL;
	if (m == NULL || after == NULL || !tl_set_is_resolved(after)) {
		snprintf(why, TL_WHY_SIZE, "no milestone, or a set not "
		    "resolved");
		return TL_EINVAL;
	}
	if ((error = plan_edit(m, opts, &p, why)) < 0)
		return error;
	count = tl_set_count(after);
	for (i = 0; i < count && n == NULL; i++)
		if (tl_milestone_name_cmp(m, tl_set_milestone(after, i)) == 0)
			n = tl_set_milestone(after, i);
	if (n == NULL) {
		snprintf(why, TL_WHY_SIZE, "the edited text no longer holds "
		    "it");
		return TL_ENOENT;
	}
	status = p.status >= 0 ? p.status : (int)tl_milestone_status(m);
	if ((int)tl_milestone_status(n) != status || !placed_date(m, n, &p) ||
	    !placed_history(m, n, &p) || !kept_fields(m, n)) {
		snprintf(why, TL_WHY_SIZE, "%s", TL_EDIT_NOT_PLACED);
		return TL_EINVAL;
	}
	return 0;
}

/* Whether t's file was given to set as text in memory, or read from
 * standard input: either way, its name reads nothing the same. */
static int
from_memory(const struct tl_set *set, const struct tl_timeline *t)
{
	const struct tl_timeline_rec *r = (const void *)t;

	return r->file_index < set->nfiles &&
	    (set->files[r->file_index].dev == TL_FILE_DEV_BUFFER ||
	    set->files[r->file_index].dev == TL_FILE_DEV_STDIN);
}

/*
 * Loads set again (see tl_edit_reload()) with the file named 'file'
 * from the len bytes at data, or, when fd is not -1, from fd, or, when
 * src is not NULL, from src.
 */
static int
reload(const struct tl_set *set, const char *file, const char *data,
    size_t len, int fd, struct tl_source *src, struct tl_set **out,
    struct tl_diags *diags)
{
	struct tl_set *ns = NULL;
	const struct tl_timeline_rec *t;
	size_t i, n = set->ntimelines;
	const char *name;
	int error, io = 0;

	*out = NULL;
	/* A text given in memory, or standard input, cannot be read
	 * again by its name. */
	for (i = 0; i < n; i++)
		if (!set->timelines[i]->duplicate &&
		    strcmp(set->timelines[i]->pub.file, file) != 0 &&
		    from_memory(set, &set->timelines[i]->pub))
			return TL_EINVAL;
	if ((error = tl_set_new(&ns)) < 0)
		return error;
	/* As the set was read: a set for checking stays one. */
	ns->flags = set->flags;
	/* In the order they were read: diagnostics come in that order. */
	for (i = 0; i < n; i++) {
		if ((t = set->timelines[i])->duplicate)
			continue;
		name = t->pub.file;
		if (strcmp(name, file) != 0)
			error = tl_set_load_path(ns, name, diags);
		else if (src != NULL)
			error = tl_set_load_source(ns, name, src, diags);
		else if (fd >= 0)
			error = tl_set_load_fd(ns, name, fd, diags);
		else
			error = tl_set_load_buffer(ns, name, data, len, diags);
		if (error == TL_ENOMEM)
			goto out;
		if (error < 0 && io == 0)
			io = error;
	}
	if ((error = tl_set_index(ns, diags)) < 0 ||
	    (error = tl_set_resolve(ns, diags)) < 0 ||
	    (error = tl_set_order(ns)) < 0)
		goto out;
	if (io < 0) {
		error = io;
		goto out;
	}
	*out = ns;
	ns = NULL;
out:
	tl_set_free(ns);
	return error;
}

int
tl_edit_reload(const struct tl_set *set, const char *file,
    const char *data, size_t len, struct tl_set **out,
    struct tl_diags *diags)
{
	*out = NULL;
	if (file == NULL || (data == NULL && len > 0))
		return TL_EINVAL;
	return reload(set, file, data, len, -1, NULL, out, diags);
}

int
tl_edit_reload_fd(const struct tl_set *set, const char *file, int fd,
    struct tl_set **out, struct tl_diags *diags)
{
	*out = NULL;
	if (file == NULL || fd < 0)
		return TL_EINVAL;
	return reload(set, file, NULL, 0, fd, NULL, out, diags);
}

int
tl_edit_reload_region(const struct tl_set *set, const char *file, int fd,
    const struct tl_edit_region *r, struct tl_set **out,
    struct tl_diags *diags)
{
	struct tl_source src;
	struct stat st;
	int error;

	*out = NULL;
	if (file == NULL || fd < 0 || r == NULL || (r->was == NULL &&
	    r->waslen > 0) || (r->now == NULL && r->nowlen > 0))
		return TL_EINVAL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return TL_EIO;
	if ((uint64_t)st.st_size > SIZE_MAX ||
	    r->start > (size_t)st.st_size ||
	    r->waslen > (size_t)st.st_size - r->start)
		return TL_EINVAL;
	tl_source_spliced(&src, fd, (size_t)st.st_size, r->start, r->waslen,
	    r->now, r->nowlen);
	error = reload(set, file, NULL, 0, -1, &src, out, diags);
	tl_source_dispose(&src);
	return error;
}

/* A list of changes, as long as it needs: an edit moves a few. */
struct changes {
	struct tl_edit_change *v;
	size_t n, cap;
};

/* Appends the change from b to a; 0 or TL_ENOMEM. */
static int
push_change(struct changes *l, const struct tl_milestone *b,
    const struct tl_milestone *a)
{
	struct tl_edit_change *grown;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? l->cap * 2 : 8;
		if (cap > SIZE_MAX / sizeof(*grown) ||
		    (grown = realloc(l->v, cap * sizeof(*grown))) == NULL)
			return TL_ENOMEM;
		l->v = grown;
		l->cap = cap;
	}
	l->v[l->n].before = b;
	l->v[l->n++].after = a;
	return 0;
}

/* A hash of m's name, TIMELINE/ID, the same in every set. */
static uint32_t
name_hash(const struct tl_milestone *m)
{
	const char *t = tl_milestone_timeline(m)->name;
	const char *id = tl_milestone_id(m);

	return tl_id_hash(NULL, t, strlen(t)) * 0x9e3779b9u ^
	    tl_id_hash(NULL, id, strlen(id));
}

/*
 * The milestone of set named as m, or NULL; keys holds the hash of each
 * of its n milestones' names (name_hash()) over its place, sorted.
 */
static const struct tl_milestone *
named_as(const struct tl_set *set, const uint64_t *keys, size_t n,
    const struct tl_milestone *m)
{
	uint32_t h = name_hash(m);
	const struct tl_milestone *b;
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((uint32_t)(keys[mid] >> 32) < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && (uint32_t)(keys[lo] >> 32) == h; lo++) {
		b = tl_set_milestone(set, (size_t)(uint32_t)keys[lo]);
		if (tl_milestone_name_cmp(b, m) == 0)
			return b;
	}
	return NULL;
}

static int
moved(const struct tl_milestone *a, const struct tl_milestone *b)
{
	return !same_window(tl_milestone_window(a), tl_milestone_window(b));
}

/* Whether a's relative date is b's day, written as a day. */
static int
pinned(const struct tl_milestone *a, const struct tl_milestone *b)
{
	return tl_milestone_date_kind(a) == TL_DATE_RELATIVE &&
	    tl_milestone_date_kind(b) != TL_DATE_RELATIVE && !moved(a, b);
}

int
tl_edit_changes(const struct tl_set *before, const struct tl_set *after,
    const struct tl_milestone *edited, struct tl_edit_change **out,
    size_t *n)
{
	const struct tl_milestone *hit, *m, *e_after = NULL;
	struct changes list = { NULL, 0, 0 };
	size_t i, nb = tl_set_count(before), na = tl_set_count(after);
	uint64_t *keys;
	int error = 0;

	*out = NULL;
	*n = 0;
	if (!tl_set_is_resolved(before) || !tl_set_is_resolved(after))
		return TL_EINVAL;
	if (nb == 0)
		return 0;
	/* Eight bytes a milestone, sorted in place: the smallest index
	 * of a large set that finds each of its milestones by name. */
	if ((keys = malloc(nb * sizeof(*keys))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < nb; i++)
		keys[i] = (uint64_t)name_hash(tl_set_milestone(before, i)) <<
		    32 | i;
	tl_sort_u64(keys, nb);
	/* The edited milestone first, then the others in order. */
	for (i = 0; i < na; i++) {
		m = tl_set_milestone(after, i);
		if (tl_milestone_name_cmp(m, edited) == 0) {
			e_after = m;
			if (moved(edited, m) || tl_milestone_status(edited) !=
			    tl_milestone_status(m) || pinned(edited, m))
				error = push_change(&list, edited, m);
			break;
		}
	}
	for (i = 0; i < na && error == 0; i++) {
		m = tl_set_milestone(after, i);
		if (m == e_after)
			continue;
		hit = named_as(before, keys, nb, m);
		if (hit != NULL && moved(hit, m))
			error = push_change(&list, hit, m);
	}
	if (error == 0 && list.n > 0) {
		*out = list.v;
		*n = list.n;
		list.v = NULL;
	}
	free(keys);
	free(list.v);
	return error;
}

size_t
tl_edit_change_format(char *buf, size_t size, const struct tl_edit_change *c)
{
	const struct tl_window *o = tl_milestone_window(c->before);
	const struct tl_window *w = tl_milestone_window(c->after);
	enum tl_status s0 = tl_milestone_status(c->before);
	enum tl_status s1 = tl_milestone_status(c->after);
	char ow[128], nw[128], st[32] = "";
	struct tl_ms_view v;
	int n;

	if (pinned(c->before, c->after)) {
		tl_milestone_view(c->before, &v);
		tl_window_words(nw, sizeof(nw), w, 1);
		if (s0 != s1)
			snprintf(st, sizeof(st), " (%s)", tl_status_name(s1));
		n = snprintf(buf, size, "%s/%s: %s, no longer %.*s %s %.*s%s",
		    tl_milestone_timeline(c->after)->name,
		    tl_milestone_id(c->after), nw, (int)v.end.len,
		    v.end.s != NULL ? v.end.s : "",
		    tl_milestone_before(c->before) ? "before" : "after",
		    (int)v.date.len, v.date.s != NULL ? v.date.s : "", st);
		return n < 0 ? 0 : (size_t)n;
	}
	if (!moved(c->before, c->after)) {
		n = snprintf(buf, size, "%s/%s: status %s -> %s",
		    tl_milestone_timeline(c->after)->name,
		    tl_milestone_id(c->after), tl_status_name(s0),
		    tl_status_name(s1));
		return n < 0 ? 0 : (size_t)n;
	}
	tl_window_words(ow, sizeof(ow), o, 1);
	tl_window_words(nw, sizeof(nw), w, 1);
	if (s0 != s1)
		snprintf(st, sizeof(st), ", %s", tl_status_name(s1));
	n = snprintf(buf, size, "%s/%s: %s -> %s (%s%s)",
	    tl_milestone_timeline(c->after)->name, tl_milestone_id(c->after),
	    ow, nw, tl_diff_kind_name(tl_diff_windows(o, w)), st);
	return n < 0 ? 0 : (size_t)n;
}

/* A text cut into lines, each with its line end ('\n' ends a line). */
/* Lines of context around a change. */
#define DIFF_CONTEXT 3

/* The lines of a part of a text, the part starting after `first` lines. */
struct lines {
	const char *text;
	size_t first;
	size_t n;
	size_t *at;		/* n + 1 offsets */
};

static int
split_lines(struct lines *l, const char *text, size_t len, size_t first)
{
	size_t i, n = 0;

	l->text = text;
	l->first = first;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	if (len > 0 && text[len - 1] != '\n')
		n++;
	if ((l->at = malloc((n + 1) * sizeof(*l->at))) == NULL)
		return TL_ENOMEM;
	l->n = 0;
	l->at[0] = 0;
	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			l->at[++l->n] = i + 1;
	if (len > 0 && text[len - 1] != '\n')
		l->at[++l->n] = len;
	return 0;
}

static int
line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	size_t la = a->at[i + 1] - a->at[i], lb = b->at[j + 1] - b->at[j];

	return la == lb && memcmp(a->text + a->at[i], b->text + b->at[j],
	    la) == 0;
}

/*
 * One line of the script: ' ', '-' or '+', and how many lines of each
 * text come before it.
 */
struct op {
	char kind;
	size_t a, b;
};

static int
put_line(FILE *fp, char kind, const struct lines *l, size_t i)
{
	size_t len = l->at[i + 1] - l->at[i];
	const char *s = l->text + l->at[i];

	if (putc(kind, fp) == EOF || fwrite(s, 1, len, fp) != len)
		return TL_EIO;
	if (len == 0 || s[len - 1] != '\n')
		if (fputs("\n\\ No newline at end of file\n", fp) == EOF)
			return TL_EIO;
	return 0;
}

/* A hunk's range as diff -u writes it: "START,COUNT", 1-based. */
static void
range_text(char *buf, size_t size, size_t before, size_t count)
{
	if (count == 1)
		snprintf(buf, size, "%zu", before + 1);
	else
		snprintf(buf, size, "%zu,%zu", count ? before + 1 : before,
		    count);
}

static int
write_hunks(FILE *fp, const struct op *ops, size_t nops,
    const struct lines *a, const struct lines *b)
{
	size_t i = 0, j, end, k, ac, bc, last;
	char ra[48], rb[48];
	const size_t ctx = DIFF_CONTEXT;
	int error;

	while (i < nops) {
		while (i < nops && ops[i].kind == ' ')
			i++;
		if (i == nops)
			break;
		/* Up to ctx equal lines before the first change... */
		j = i >= ctx ? i - ctx : 0;
		/* ...and after the last one that is followed by fewer than
		 * 2 * ctx + 1 equal lines. */
		last = i;
		for (k = i; k < nops; k++) {
			if (ops[k].kind != ' ')
				last = k;
			else if (k - last > 2 * ctx)
				break;
		}
		end = last + ctx + 1 < nops ? last + ctx + 1 : nops;
		ac = bc = 0;
		for (k = j; k < end; k++) {
			if (ops[k].kind != '+')
				ac++;
			if (ops[k].kind != '-')
				bc++;
		}
		range_text(ra, sizeof(ra), a->first + ops[j].a, ac);
		range_text(rb, sizeof(rb), b->first + ops[j].b, bc);
		if (fprintf(fp, "@@ -%s +%s @@\n", ra, rb) < 0)
			return TL_EIO;
		for (k = j; k < end; k++) {
			if (ops[k].kind == '+')
				error = put_line(fp, '+', b, ops[k].b);
			else
				error = put_line(fp, ops[k].kind, a, ops[k].a);
			if (error < 0)
				return error;
		}
		i = end;
	}
	return 0;
}

/* Appends an op of kind at lines ai of a and bi of b. */
static void
push_op(struct op *ops, size_t *n, char kind, size_t ai, size_t bi)
{
	ops[*n].kind = kind;
	ops[*n].a = ai;
	ops[*n].b = bi;
	(*n)++;
}

/*
 * The equal lines at the ends of two texts of lena and lenb bytes that
 * no hunk shows: *head bytes of whole lines at the start, *tail at the
 * end, each leaving DIFF_CONTEXT equal lines beside the first and the
 * last difference.  *lines is the number of lines in *head.  A large
 * file with one milestone edited is then split into lines only around
 * the edit.
 */
static void
unshown_ends(const char *a, size_t lena, const char *b, size_t lenb,
    size_t *head, size_t *lines, size_t *tail)
{
	size_t most = lena < lenb ? lena : lenb, p = 0, s = 0, q, n, i;

	while (p < most && a[p] == b[p])
		p++;
	/* Back to the start of the line that differs, then the context. */
	q = p;
	for (n = 0; q > 0; q--)
		if (a[q - 1] == '\n' && n++ == DIFF_CONTEXT)
			break;
	*head = q;
	for (i = *lines = 0; i < q; i++)
		*lines += a[i] == '\n';
	while (s < most - p && a[lena - 1 - s] == b[lenb - 1 - s])
		s++;
	/* Whole lines of the equal end: each starts after a line end that
	 * is itself in the equal end; then the context. */
	q = lena - s;
	for (n = 0; q < lena; q++)
		if (q > lena - s && a[q - 1] == '\n' && n++ == DIFF_CONTEXT)
			break;
	*tail = lena - q;
}

/* Past this many lines of differing middle, no common line is sought. */
#define DIFF_MAX_MIDDLE 4096

/*
 * Appends to ops the ops of the middles, the lines between the equal
 * ends: ma of a and mb of b, from line pre of each.  They follow the
 * middles' longest common subsequence or, when either is empty or longer
 * than DIFF_MAX_MIDDLE lines, all of a's are removed, then all of b's
 * added.  Returns 0 or TL_ENOMEM.
 */
static int
middle_ops(struct op *ops, size_t *nops, const struct lines *a,
    const struct lines *b, size_t pre, size_t ma, size_t mb)
{
	unsigned *lcs;
	size_t i, j, w;

	if (ma == 0 || mb == 0 || ma > DIFF_MAX_MIDDLE ||
	    mb > DIFF_MAX_MIDDLE) {
		for (i = 0; i < ma; i++)
			push_op(ops, nops, '-', pre + i, pre);
		for (j = 0; j < mb; j++)
			push_op(ops, nops, '+', pre + ma, pre + j);
		return 0;
	}
	w = mb + 1;
	if ((lcs = calloc((ma + 1) * w, sizeof(*lcs))) == NULL)
		return TL_ENOMEM;
	for (i = ma; i-- > 0;)
		for (j = mb; j-- > 0;)
			lcs[i * w + j] = line_eq(a, pre + i, b, pre + j) ?
			    lcs[(i + 1) * w + j + 1] + 1 :
			    lcs[(i + 1) * w + j] > lcs[i * w + j + 1] ?
			    lcs[(i + 1) * w + j] : lcs[i * w + j + 1];
	i = j = 0;
	while (i < ma || j < mb) {
		if (i < ma && j < mb && line_eq(a, pre + i, b, pre + j)) {
			push_op(ops, nops, ' ', pre + i, pre + j);
			i++;
			j++;
		} else if (j == mb || (i < ma && lcs[(i + 1) * w + j] >=
		    lcs[i * w + j + 1])) {
			push_op(ops, nops, '-', pre + i, pre + j);
			i++;
		} else {
			push_op(ops, nops, '+', pre + i, pre + j);
			j++;
		}
	}
	free(lcs);
	return 0;
}

/*
 * True when a file name cannot stand in a diff's header as it is: it
 * holds a control character (line ends and tabs included, C1 controls
 * and bidirectional controls too), a quote, a backslash or bytes that
 * are not UTF-8.
 */
static int
name_needs_quotes(const char *name)
{
	size_t len = strlen(name), i, n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(name + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID || tl_is_control(cp) || cp == '"' ||
		    cp == '\\')
			return 1;
	}
	return 0;
}

/*
 * Writes one byte of a quoted name: C's escapes for the usual controls,
 * three octal digits for any other byte of a character that cannot be
 * shown, the byte itself otherwise (as git quotes names, and as patch(1)
 * and git apply read them).
 */
static int
put_quoted_byte(FILE *fp, unsigned char c, int shown)
{
	static const char from[] = "\a\b\t\n\v\f\r\"\\";
	static const char to[] = "abtnvfr\"\\";
	const char *at;

	if (c != '\0' && (at = strchr(from, c)) != NULL)
		return fprintf(fp, "\\%c", to[at - from]);
	if (!shown)
		return fprintf(fp, "\\%03o", c);
	return putc(c, fp) == EOF ? -1 : 1;
}

/*
 * Writes a diff header line: the marker ("--- "), then side ("a/") and
 * name, these two in double quotes with escapes when the name needs
 * them, and a tab after a name with a space, so that patch(1) finds
 * where the name ends.
 */
static int
put_diff_name(FILE *fp, const char *marker, const char *side,
    const char *name)
{
	size_t len = strlen(name), i, k, n;
	uint32_t cp;
	int shown;

	if (!name_needs_quotes(name))
		return fprintf(fp, "%s%s%s%s\n", marker, side, name,
		    strchr(name, ' ') != NULL ? "\t" : "");
	if (fprintf(fp, "%s\"%s", marker, side) < 0)
		return -1;
	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(name + i, len - i, &cp);
		shown = cp != TL_UTF8_INVALID && !tl_is_control(cp);
		for (k = 0; k < n; k++)
			if (put_quoted_byte(fp, (unsigned char)name[i + k],
			    shown) < 0)
				return -1;
	}
	return fprintf(fp, "\"%s\n", strchr(name, ' ') != NULL ? "\t" : "");
}

/*
 * Writes the diff of tl_edit_unified_diff() of two texts that start at
 * line 'line' of their files (1: the whole texts).
 */
static int
unified_diff(FILE *fp, const char *name, const char *oldtext,
    size_t oldlen, const char *newtext, size_t newlen, size_t line)
{
	struct lines a, b;
	struct op *ops = NULL;
	size_t pre = 0, suf = 0, ma, mb, i, nops = 0;
	size_t head, first, tail;
	int error = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (oldlen == newlen && memcmp(oldtext, newtext, oldlen) == 0)
		return 0;
	unshown_ends(oldtext, oldlen, newtext, newlen, &head, &first, &tail);
	first += line - 1;
	if (split_lines(&a, oldtext + head, oldlen - head - tail, first) < 0 ||
	    split_lines(&b, newtext + head, newlen - head - tail, first) < 0) {
		error = TL_ENOMEM;
		goto out;
	}
	while (pre < a.n && pre < b.n && line_eq(&a, pre, &b, pre))
		pre++;
	while (suf < a.n - pre && suf < b.n - pre &&
	    line_eq(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
		suf++;
	ma = a.n - pre - suf;
	mb = b.n - pre - suf;
	if ((ops = malloc((a.n + b.n + 1) * sizeof(*ops))) == NULL) {
		error = TL_ENOMEM;
		goto out;
	}
	for (i = 0; i < pre; i++)
		push_op(ops, &nops, ' ', i, i);
	if ((error = middle_ops(ops, &nops, &a, &b, pre, ma, mb)) < 0)
		goto out;
	for (i = 0; i < suf; i++)
		push_op(ops, &nops, ' ', a.n - suf + i, b.n - suf + i);
	if (put_diff_name(fp, "--- ", "a/", name) < 0 ||
	    put_diff_name(fp, "+++ ", "b/", name) < 0) {
		error = TL_EIO;
		goto out;
	}
	error = write_hunks(fp, ops, nops, &a, &b);
	/* What the stream still holds must reach its file too. */
	if (error == 0 && (fflush(fp) != 0 || ferror(fp)))
		error = TL_EIO;
out:
	free(a.at);
	free(b.at);
	free(ops);
	return error;
}

int
tl_edit_unified_diff(FILE *fp, const char *name, const char *oldtext,
    size_t oldlen, const char *newtext, size_t newlen)
{
	return unified_diff(fp, name, oldtext, oldlen, newtext, newlen, 1);
}

int
tl_edit_region_diff(FILE *fp, const char *name,
    const struct tl_edit_region *r)
{
	return unified_diff(fp, name, r->was, r->waslen, r->now, r->nowlen,
	    r->diff_line);
}
