/*
 * The JSON exporter (SPEC section 6): the loaded timelines and the
 * milestones in order, with their fields as written and their windows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/export.h"
#include "set_internal.h"
#include "utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define JW_BUFFER (64 * 1024)
/* Days kept as text: in order, windows start and end on few days at a
 * time. */
#define JW_DAYS 64

/*
 * A buffered writer: stdio's per-call locking is a large part of the cost
 * of writing millions of small pieces.
 */
struct jw {
	FILE *out;
	char *buf;
	size_t len, cap;
	int error;		/* a write failed */
	/* Milestones in order share timelines and days: each is written
	 * once and copied after. */
	const struct tl_timeline *named;	/* the timeline in head */
	char head[256];		/* '{"timeline":' and its name, escaped */
	size_t head_len;
	struct jw_day {
		int32_t day;
		char text[12];
	} days[JW_DAYS];	/* days written, each in the slot of its
				   low bits */
};

static int
jw_init(struct jw *w, FILE *out)
{
	size_t i;

	w->out = out;
	w->len = 0;
	w->cap = JW_BUFFER;
	w->error = 0;
	w->named = NULL;
	w->head_len = 0;
	for (i = 0; i < JW_DAYS; i++)
		w->days[i].day = TL_DAY_NONE;
	return (w->buf = malloc(w->cap)) == NULL ? TL_ENOMEM : 0;
}

static void
jw_flush(struct jw *w)
{
	if (w->len > 0 && fwrite(w->buf, 1, w->len, w->out) != w->len)
		w->error = 1;
	w->len = 0;
}

static inline void
jw_put(struct jw *w, const char *p, size_t n)
{
	if (n > w->cap - w->len) {
		jw_flush(w);
		if (n > w->cap) {
			/* Too large for the buffer: straight through. */
			if (fwrite(p, 1, n, w->out) != n)
				w->error = 1;
			return;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static inline void
jw_c(struct jw *w, char c)
{
	if (w->len == w->cap)
		jw_flush(w);
	w->buf[w->len++] = c;
}

static inline void
jw_s(struct jw *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

/* Writes a string literal, its length known when compiled. */
#define JW_LIT(w, lit) jw_put((w), (lit), sizeof(lit) - 1)

static const char *const precision_names[] = {
	"day", "month", "quarter", "half", "year", "range"
};

/* Whether any of the 8 bytes in w is zero (no false alarm before the
 * first zero byte). */
#define HAS_ZERO(w) (((w) - 0x0101010101010101ULL) & ~(w) & \
    0x8080808080808080ULL)

/* Whether any of 8 bytes may need more than copying: below 0x20, 0x7f
 * or above, '"' or '\\'. */
static int
needs_care(uint64_t w)
{
	return ((((w - 0x2020202020202020ULL) | (w + 0x0101010101010101ULL)) &
	    0x8080808080808080ULL) | HAS_ZERO(w ^ 0x2222222222222222ULL) |
	    HAS_ZERO(w ^ 0x5c5c5c5c5c5c5c5cULL)) != 0;
}

/*
 * Writes the character at s (of len bytes left) at o, escaped as JSON
 * needs: at most 6 bytes, whose count is returned; *used is set to the
 * character's length.
 */
static size_t
json_char(char *o, const char *s, size_t len, size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t cp;
	size_t n;

	*used = n = tl_utf8_decode(s, len, &cp);
	if (cp == '"' || cp == '\\' || cp == '\n' || cp == '\t') {
		o[0] = '\\';
		o[1] = cp == '\n' ? 'n' : cp == '\t' ? 't' : (char)cp;
		return 2;
	}
	if (cp == TL_UTF8_INVALID)
		cp = 0xfffd;
	else if (!tl_is_control(cp)) {
		memcpy(o, s, n);
		return n;
	}
	o[0] = '\\';
	o[1] = 'u';
	o[2] = hex[(cp >> 12) & 15];
	o[3] = hex[(cp >> 8) & 15];
	o[4] = hex[(cp >> 4) & 15];
	o[5] = hex[cp & 15];
	return 6;
}

/* The most text written in one piece: escaped, it fits the buffer. */
#define JSON_PIECE ((JW_BUFFER - 8) / 6)

#if defined(__SSE2__)
/* A bit for each of the 16 bytes at p that may need more than copying:
 * compared as signed, bytes of 0x80 and above are below 0x20 too. */
static inline unsigned
care_mask16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i c = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f)))));

	return (unsigned)_mm_movemask_epi8(c);
}
#endif

/*
 * Writes len bytes at s, escaped, at o, which has room for 6 * len
 * bytes; returns the end of what was written.  Plain text is copied
 * sixteen (or eight) bytes at a time as it is read.
 */
static char *
escape_into(char *o, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, used;
	uint64_t w;

	while (i < len) {
#if defined(__SSE2__)
		if (len - i >= 16) {
			/* The room left is at least 6 * 16 bytes. */
			unsigned mask = care_mask16(u + i);
			size_t plain = mask ? (size_t)__builtin_ctz(mask) : 16;
			memcpy(o, u + i, 16);
			o += plain;
			i += plain;
			if (plain == 16)
				continue;
		} else
#endif
		if (len - i >= 8) {
			memcpy(&w, u + i, 8);
			if (!needs_care(w)) {
				memcpy(o, &w, 8);
				o += 8;
				i += 8;
				continue;
			}
		}
		if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '"' &&
		    u[i] != '\\') {
			*o++ = (char)u[i++];
			continue;
		}
		o += json_char(o, s + i, len - i, &used);
		i += used;
	}
	return o;
}

/* Writes len bytes at s, escaped, into the buffer, which has room for
 * 6 * len bytes. */
static void
json_piece(struct jw *out, const char *s, size_t len)
{
	out->len = (size_t)(escape_into(out->buf + out->len, s, len) -
	    out->buf);
}

/*
 * Writes len bytes at s as a JSON string.  Control characters, U+2028
 * and U+2029 (which JavaScript would read as line ends) are escaped;
 * invalid UTF-8, which a checked set never holds, becomes U+FFFD.  A
 * long text goes in pieces that end between characters.
 */
static void
json_text(struct jw *out, const char *s, size_t len)
{
	size_t n;
	char *o;

	/* Nearly every text is one piece: it goes in with its quotes. */
	if (len <= JSON_PIECE) {
		if (out->cap - out->len < 6 * len + 2)
			jw_flush(out);
		o = out->buf + out->len;
		*o = '"';
		o = escape_into(o + 1, s, len);
		*o = '"';
		out->len = (size_t)(o + 1 - out->buf);
		return;
	}
	jw_c(out, '"');
	while (len > 0) {
		n = len;
		if (n > JSON_PIECE) {
			n = JSON_PIECE;
			while (n > JSON_PIECE - 3 &&
			    ((unsigned char)s[n] & 0xc0) == 0x80)
				n--;
		}
		if (out->cap - out->len < 6 * n)
			jw_flush(out);
		json_piece(out, s, n);
		s += n;
		len -= n;
	}
	jw_c(out, '"');
}

static void
json_string(struct jw *out, const char *s)
{
	json_text(out, s, strlen(s));
}

/* Keys and days are written piece by piece: printf is slow at scale. */
static inline void
json_key(struct jw *out, const char *key)
{
	jw_c(out, ',');
	jw_c(out, '"');
	jw_s(out, key);
	jw_c(out, '"');
	jw_c(out, ':');
}

/* The 12 bytes of a day as a JSON string: "YYYY-MM-DD". */
static void
day_text(char *buf, int32_t day)
{
	int y, m, d;

	tl_day_to_ymd(day, &y, &m, &d);
	buf[0] = '"';
	buf[1] = (char)('0' + y / 1000 % 10);
	buf[2] = (char)('0' + y / 100 % 10);
	buf[3] = (char)('0' + y / 10 % 10);
	buf[4] = (char)('0' + y % 10);
	buf[5] = '-';
	buf[6] = (char)('0' + m / 10);
	buf[7] = (char)('0' + m % 10);
	buf[8] = '-';
	buf[9] = (char)('0' + d / 10);
	buf[10] = (char)('0' + d % 10);
	buf[11] = '"';
}

/* A day as a JSON string, "YYYY-MM-DD". */
static void
json_day(struct jw *out, int32_t day)
{
	struct jw_day *d = &out->days[(uint32_t)day % JW_DAYS];

	if (d->day != day) {
		day_text(d->text, day);
		d->day = day;
	}
	jw_put(out, d->text, sizeof(d->text));
}

/*
 * Writes a milestone's tags or links (the walk it) as a list under key,
 * which begins with its comma.
 */
static void
json_list(struct jw *out, const char *key, size_t key_len, struct tl_list *it)
{
	const char *text;
	int first = 1;

	while ((text = tl_list_next(it)) != NULL) {
		if (first)
			jw_put(out, key, key_len);
		jw_c(out, first ? '[' : ',');
		/* The walk has stepped past the text and its NUL. */
		json_text(out, text, (size_t)(it->next - text) - 1);
		first = 0;
	}
	if (!first)
		jw_c(out, ']');
}

/* Writes a text under key (which begins with its comma), if present. */
static void
json_optional(struct jw *out, const char *key, size_t key_len,
    const struct tl_ms_text *t)
{
	if (t->s == NULL)
		return;
	jw_put(out, key, key_len);
	json_text(out, t->s, t->len);
}

#define JSON_OPTIONAL(out, key, t) \
	json_optional((out), ",\"" key "\":", sizeof(key) + 3, (t))

static void
json_date(struct jw *out, const struct tl_milestone *m,
    const struct tl_ms_view *v)
{
	switch (tl_milestone_date_kind(m)) {
	case TL_DATE_RANGE:
		JSON_OPTIONAL(out, "start", &v->date);
		JSON_OPTIONAL(out, "end", &v->end);
		break;
	case TL_DATE_RELATIVE:
		if (tl_milestone_before(m))
			JW_LIT(out, ",\"date\":{\"before\":");
		else
			JW_LIT(out, ",\"date\":{\"after\":");
		json_text(out, v->date.s, v->date.len);
		JW_LIT(out, ",\"offset\":");
		json_text(out, v->end.s, v->end.len);
		jw_c(out, '}');
		break;
	default:
		JSON_OPTIONAL(out, "date", &v->date);
		break;
	}
}

static void
json_history(struct jw *out, const struct tl_milestone *m)
{
	struct tl_history h;
	const char *at;
	size_t i, n;

	if ((n = tl_milestone_history_count(m)) == 0)
		return;
	JW_LIT(out, ",\"history\":[");
	for (at = tl_ms_history_first(m), i = 0; i < n; i++) {
		at = tl_ms_history_next(at, &h);
		if (i > 0)
			jw_c(out, ',');
		JW_LIT(out, "{\"date\":");
		json_string(out, h.date);
		if (h.noted != TL_DAY_NONE) {
			JW_LIT(out, ",\"noted\":");
			json_day(out, h.noted);
		}
		jw_c(out, '}');
	}
	jw_c(out, ']');
}

/*
 * Writes '{"timeline":' and the name of t, escaped once for the
 * milestones of one timeline that follow each other (when it is short,
 * as names are).
 */
static void
json_head(struct jw *out, const struct tl_timeline *t)
{
	static const char open[] = "{\"timeline\":\"";
	size_t len;
	char *o;

	if (t != out->named) {
		len = strlen(t->name);
		if (len > (sizeof(out->head) - sizeof(open) - 1) / 6) {
			JW_LIT(out, "{\"timeline\":");
			json_text(out, t->name, len);
			return;
		}
		memcpy(out->head, open, sizeof(open) - 1);
		o = escape_into(out->head + sizeof(open) - 1, t->name, len);
		*o++ = '"';
		out->head_len = (size_t)(o - out->head);
		out->named = t;
	}
	jw_put(out, out->head, out->head_len);
}

static void
json_milestone(struct jw *out, const struct tl_milestone *m)
{
	const struct tl_window *w = tl_milestone_window(m);
	struct tl_ms_view v;
	int time;

	json_head(out, tl_milestone_timeline(m));
	tl_milestone_view(m, &v);
	JSON_OPTIONAL(out, "id", &v.id);
	JSON_OPTIONAL(out, "title", &v.title);
	json_date(out, m, &v);
	if ((time = tl_milestone_time(m)) >= 0) {
		char hm[8] = { '"', (char)('0' + time / 600),
		    (char)('0' + time / 60 % 10), ':',
		    (char)('0' + time % 60 / 10), (char)('0' + time % 10),
		    '"' };
		JW_LIT(out, ",\"time\":");
		jw_put(out, hm, 7);
		JSON_OPTIONAL(out, "timezone", &v.timezone);
	}
	/* Status names need no escaping. */
	JW_LIT(out, ",\"status\":\"");
	jw_s(out, tl_status_name(tl_milestone_status(m)));
	jw_c(out, '"');
	json_list(out, ",\"tags\":", sizeof(",\"tags\":") - 1, &v.tags);
	JSON_OPTIONAL(out, "location", &v.location);
	json_list(out, ",\"links\":", sizeof(",\"links\":") - 1, &v.links);
	JSON_OPTIONAL(out, "description", &v.description);
	if (tl_milestone_noted(m) != TL_DAY_NONE) {
		JW_LIT(out, ",\"noted\":");
		json_day(out, tl_milestone_noted(m));
	}
	json_history(out, m);
	JW_LIT(out, ",\"window\":{\"start\":");
	json_day(out, w->start);
	JW_LIT(out, ",\"end\":");
	json_day(out, w->end);
	JW_LIT(out, ",\"precision\":\"");
	jw_s(out, precision_names[w->precision <= TL_PREC_RANGE ? w->precision :
	    0]);
	if (w->flags & TL_WIN_APPROX)
		JW_LIT(out, "\",\"approximate\":true}}");
	else
		JW_LIT(out, "\",\"approximate\":false}}");
}

int
tl_json_options_init(struct tl_json_options *opts, unsigned version)
{
	struct tl_json_options init = TL_JSON_OPTIONS_INIT;

	if (opts == NULL || version != TL_JSON_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = init;
	return 0;
}

int
tl_export_json(FILE *stream, const struct tl_selection *sel,
    const struct tl_json_options *opts)
{
	const struct tl_timeline *t;
	struct jw out;
	size_t i, n;
	int error = 0;

	if (stream == NULL || sel == NULL ||
	    (opts != NULL && opts->version != TL_JSON_OPTIONS_VERSION))
		return TL_EINVAL;
	if (jw_init(&out, stream) < 0)
		return TL_ENOMEM;

	jw_s(&out, "{\"timelines\":[");
	n = tl_selection_timeline_count(sel);
	for (i = 0; i < n; i++) {
		t = tl_selection_timeline(sel, i);
		jw_s(&out, i ? ",\n{\"timeline\":" : "\n{\"timeline\":");
		json_string(&out, t->name);
		json_key(&out, "file");
		json_string(&out, t->file);
		if (t->title != NULL) {
			json_key(&out, "title");
			json_string(&out, t->title);
		}
		if (t->description != NULL) {
			json_key(&out, "description");
			json_string(&out, t->description);
		}
		if (t->url != NULL) {
			json_key(&out, "url");
			json_string(&out, t->url);
		}
		jw_c(&out, '}');
	}
	jw_s(&out, "],\n\"milestones\":[");
	n = tl_selection_count(sel);
	/* A write that failed (a closed pipe) ends the work. */
	for (i = 0; i < n && !out.error; i++) {
#if defined(__GNUC__)
		/* In order, the records lie far apart: fetch the first
		 * lines of one a few ahead (a hint; it never faults). */
		if (i + 16 < n) {
			uintptr_t ahead = (uintptr_t)
			    tl_selection_milestone(sel, i + 16);
			__builtin_prefetch((const void *)ahead);
			__builtin_prefetch((const void *)(ahead + 64));
			__builtin_prefetch((const void *)(ahead + 128));
			__builtin_prefetch((const void *)(ahead + 192));
		}
#endif
		jw_s(&out, i ? ",\n" : "\n");
		json_milestone(&out, tl_selection_milestone(sel, i));
	}
	jw_s(&out, "]}\n");
	jw_flush(&out);
	if (out.error || fflush(stream) != 0 || ferror(stream))
		error = TL_EIO;
	free(out.buf);
	return error;
}
