/*
 * The JSON exporter (SPEC section 6): the loaded timelines and the
 * milestones in order, with their fields as written and their windows.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/export.h"
#include "set_internal.h"
#include "utf8.h"

/*
 * A buffered writer: stdio's per-call locking is a large part of the cost
 * of writing millions of small pieces.  It writes to a stream, or, with
 * out NULL, into memory that grows (a piece formatted by a second
 * thread).
 */
struct jw {
	FILE *out;
	char *buf;
	size_t len, cap;
	int error;		/* a write failed */
	int oom;		/* memory ran out */
};

#define JW_STREAM_BUFFER (64 * 1024)
#define JW_MEMORY_START 4096

static int
jw_init(struct jw *w, FILE *out)
{
	w->out = out;
	w->len = 0;
	w->cap = out != NULL ? JW_STREAM_BUFFER : JW_MEMORY_START;
	w->error = w->oom = 0;
	return (w->buf = malloc(w->cap)) == NULL ? -1 : 0;
}

static void
jw_flush(struct jw *w)
{
	if (w->out != NULL && w->len > 0 &&
	    fwrite(w->buf, 1, w->len, w->out) != w->len)
		w->error = 1;
	if (w->out != NULL)
		w->len = 0;
}

/* Makes room for n more bytes: flushes a stream, grows memory.  0 when
 * there is room. */
static int
jw_room(struct jw *w, size_t n)
{
	size_t cap;
	char *grown;

	if (w->out != NULL) {
		jw_flush(w);
		return n <= w->cap ? 0 : -1;
	}
	if (w->oom || n > SIZE_MAX / 2 - w->len) {
		w->oom = 1;
		return -1;
	}
	for (cap = w->cap; cap - w->len < n; cap *= 2)
		;
	if ((grown = realloc(w->buf, cap)) == NULL) {
		w->oom = 1;
		return -1;
	}
	w->buf = grown;
	w->cap = cap;
	return 0;
}

static void
jw_put(struct jw *w, const char *p, size_t n)
{
	if (n > w->cap - w->len && jw_room(w, n) < 0) {
		/* Too large for the stream's buffer: straight through. */
		if (w->out != NULL && fwrite(p, 1, n, w->out) != n)
			w->error = 1;
		return;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void
jw_c(struct jw *w, char c)
{
	if (w->len == w->cap && jw_room(w, 1) < 0)
		return;
	w->buf[w->len++] = c;
}

static void
jw_s(struct jw *w, const char *s)
{
	jw_put(w, s, strlen(s));
}

static void
jw_hex(struct jw *w, uint32_t cp)
{
	static const char hex[] = "0123456789abcdef";
	char u[6] = { '\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15],
	    hex[(cp >> 4) & 15], hex[cp & 15] };

	jw_put(w, u, sizeof(u));
}

static const char *const precision_names[] = {
	"day", "month", "quarter", "half", "year", "range"
};

/*
 * Writes s as a JSON string.  Control characters, U+2028 and U+2029 (which
 * JavaScript would read as line ends) are escaped; invalid UTF-8, which a
 * checked set never holds, becomes U+FFFD.
 */
static void
json_string(struct jw *out, const char *s)
{
	const char *run = s;
	size_t n;
	uint32_t cp;

	jw_c(out, '"');
	for (;;) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			s++;
			continue;
		}
		if (s > run)
			jw_put(out, run, (size_t)(s - run));
		if (c == '\0')
			break;
		/* A character is at most 4 bytes; one cut short by the
		 * NUL reads as invalid at the NUL. */
		n = tl_utf8_decode(s, 4, &cp);
		if (cp == '"')
			jw_s(out, "\\\"");
		else if (cp == '\\')
			jw_s(out, "\\\\");
		else if (cp == '\n')
			jw_s(out, "\\n");
		else if (cp == '\t')
			jw_s(out, "\\t");
		else if (cp == TL_UTF8_INVALID)
			jw_s(out, "\\ufffd");
		else if (tl_is_control(cp))
			jw_hex(out, cp);
		else
			jw_put(out, s, n);
		s += n;
		run = s;
	}
	jw_c(out, '"');
}

/* Keys and days are written piece by piece: printf is slow at scale. */
static void
json_key(struct jw *out, const char *key)
{
	jw_c(out, ',');
	jw_c(out, '"');
	jw_s(out, key);
	jw_c(out, '"');
	jw_c(out, ':');
}

static void
json_day(struct jw *out, int32_t day)
{
	char buf[13];
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
	jw_put(out, buf, 12);
}

/* Writes n texts from *p on as a list under key; moves *p past them. */
static void
json_strings(struct jw *out, const char *key, const char **p, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	json_key(out, key);
	jw_c(out, '[');
	for (i = 0; i < n; i++) {
		if (i)
			jw_c(out, ',');
		json_string(out, *p);
		*p = tl_ms_next(*p);
	}
	jw_c(out, ']');
}

static void
json_optional(struct jw *out, const char *key, const char *value)
{
	if (value == NULL)
		return;
	json_key(out, key);
	json_string(out, value);
}

static void
json_milestone(struct jw *out, const struct tl_milestone *m)
{
	const struct tl_window *w = tl_milestone_window(m);
	struct tl_ms_texts t;
	const char *p, *noted;
	char why[TL_WHY_SIZE];
	size_t i, n;
	int32_t day;
	int time;

	tl_ms_texts(m, &t);
	jw_s(out, "{\"timeline\":");
	json_string(out, tl_milestone_timeline(m)->name);
	json_optional(out, "id", t.id);
	json_optional(out, "title", t.title);
	switch (tl_milestone_date_kind(m)) {
	case TL_DATE_RANGE:
		json_optional(out, "start", t.date);
		json_optional(out, "end", t.end);
		break;
	case TL_DATE_RELATIVE:
		json_key(out, "date");
		jw_s(out, tl_milestone_before(m) ? "{\"before\":" :
		    "{\"after\":");
		json_string(out, t.date);
		jw_s(out, ",\"offset\":");
		json_string(out, t.end);
		jw_c(out, '}');
		break;
	default:
		json_optional(out, "date", t.date);
		break;
	}
	if ((time = tl_milestone_time(m)) >= 0) {
		json_key(out, "time");
		char hm[8] = { '"', (char)('0' + time / 600),
		    (char)('0' + time / 60 % 10), ':', (char)('0' + time % 60 / 10),
		    (char)('0' + time % 10), '"' };
		jw_put(out, hm, 7);
		json_optional(out, "timezone", t.timezone);
	}
	json_optional(out, "status", tl_status_name(tl_milestone_status(m)));
	p = t.lists;
	json_strings(out, "tags", &p, tl_milestone_tag_count(m));
	json_optional(out, "location", t.location);
	json_strings(out, "links", &p, tl_milestone_link_count(m));
	json_optional(out, "description", t.description);
	if (tl_milestone_noted(m) != TL_DAY_NONE) {
		json_key(out, "noted");
		json_day(out, tl_milestone_noted(m));
	}
	if ((n = tl_milestone_history_count(m)) > 0) {
		json_key(out, "history");
		jw_c(out, '[');
		for (i = 0; i < n; i++) {
			noted = tl_ms_next(p);
			jw_s(out, i ? ",{\"date\":" : "{\"date\":");
			json_string(out, p);
			/* Checked when loading: a noted day parses. */
			if (*noted != '\0' && tl_day_parse(&day, noted,
			    strlen(noted), why) == 0) {
				json_key(out, "noted");
				json_day(out, day);
			}
			jw_c(out, '}');
			p = tl_ms_next(noted);
		}
		jw_c(out, ']');
	}
	json_key(out, "window");
	jw_s(out, "{\"start\":");
	json_day(out, w->start);
	jw_s(out, ",\"end\":");
	json_day(out, w->end);
	jw_s(out, ",\"precision\":\"");
	jw_s(out, precision_names[w->precision <= TL_PREC_RANGE ? w->precision :
	    0]);
	jw_s(out, (w->flags & TL_WIN_APPROX) ? "\",\"approximate\":true}}" :
	    "\",\"approximate\":false}}");
}

/* Writes milestones [from, to) of set, each after its separator. */
static void
json_milestones(struct jw *out, const struct tl_set *set, size_t from,
    size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		/* In order, the records are scattered: fetch ahead. */
#if defined(__GNUC__)
		if (i + 8 < to)
			__builtin_prefetch(tl_set_milestone(set, i + 8));
#endif
		jw_s(out, i ? ",\n" : "\n");
		json_milestone(out, tl_set_milestone(set, i));
	}
}

/*
 * A large set is formatted by two threads: the milestones are cut into
 * chunks, this thread formats the even ones straight into the output,
 * a second one formats the odd ones into memory, a few chunks ahead at
 * most, and this thread copies each to the output in its turn.  A
 * chunk of 1,024 milestones is about 400 KB: the four slots add little
 * to the peak memory, and a hand-over a chunk costs nothing measurable.
 */
#define JSON_CHUNK 1024
#define JSON_THREADS_MIN 32768
#define JSON_SLOTS 4

struct helper {
	const struct tl_set *set;
	size_t n, chunk;		/* milestones; in a chunk */
	struct jw slot[JSON_SLOTS];	/* odd chunk k is in slot k/2 % 4 */
	pthread_mutex_t lock;		/* guards what follows */
	pthread_cond_t changed;
	int ready[JSON_SLOTS];		/* formatted, not yet copied */
	int stop;			/* the output failed: give up */
};

static void *
helper_run(void *arg)
{
	struct helper *h = arg;
	size_t k, s, from;

	for (k = 1; k * h->chunk < h->n; k += 2) {
		s = k / 2 % JSON_SLOTS;
		pthread_mutex_lock(&h->lock);
		while (h->ready[s] && !h->stop)
			pthread_cond_wait(&h->changed, &h->lock);
		if (h->stop) {
			pthread_mutex_unlock(&h->lock);
			break;
		}
		pthread_mutex_unlock(&h->lock);
		from = k * h->chunk;
		h->slot[s].len = 0;
		json_milestones(&h->slot[s], h->set, from,
		    from + h->chunk < h->n ? from + h->chunk : h->n);
		pthread_mutex_lock(&h->lock);
		h->ready[s] = 1;
		pthread_cond_broadcast(&h->changed);
		pthread_mutex_unlock(&h->lock);
	}
	return NULL;
}

/*
 * Writes the milestones with a second thread; 0, TL_ENOMEM, or 1 when
 * no thread could be had (the caller then writes them alone).
 */
static int
json_milestones_by_two(struct jw *out, const struct tl_set *set, size_t n,
    size_t chunk)
{
	struct helper *h;
	pthread_t thread;
	size_t k, s, i, from;
	int error = 0, started = 0;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return 1;
	h->set = set;
	h->n = n;
	h->chunk = chunk;
	for (i = 0; i < JSON_SLOTS; i++)
		if (jw_init(&h->slot[i], NULL) < 0)
			error = 1;
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->changed, NULL);
	if (error == 0 && pthread_create(&thread, NULL, helper_run, h) == 0)
		started = 1;
	for (k = 0; started && k * chunk < n && !out->error && !out->oom;
	    k++) {
		from = k * chunk;
		if (k % 2 == 0) {
			json_milestones(out, set, from,
			    from + chunk < n ? from + chunk : n);
			continue;
		}
		s = k / 2 % JSON_SLOTS;
		pthread_mutex_lock(&h->lock);
		while (!h->ready[s])
			pthread_cond_wait(&h->changed, &h->lock);
		pthread_mutex_unlock(&h->lock);
		if (h->slot[s].oom)
			out->oom = 1;
		else
			jw_put(out, h->slot[s].buf, h->slot[s].len);
		pthread_mutex_lock(&h->lock);
		h->ready[s] = 0;
		pthread_cond_broadcast(&h->changed);
		pthread_mutex_unlock(&h->lock);
	}
	if (started) {
		pthread_mutex_lock(&h->lock);
		h->stop = 1;
		pthread_cond_broadcast(&h->changed);
		pthread_mutex_unlock(&h->lock);
		pthread_join(thread, NULL);
	}
	for (i = 0; i < JSON_SLOTS; i++)
		free(h->slot[i].buf);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->changed);
	free(h);
	return started ? 0 : 1;
}

int
tl_export_json(FILE *stream, const struct tl_set *set)
{
	const struct tl_timeline *t;
	struct jw out;
	size_t i, n, chunk = JSON_CHUNK;
	int error = 0, alone = 1;

	if (jw_init(&out, stream) < 0) {
		free(out.buf);
		return TL_ENOMEM;
	}

	jw_s(&out, "{\"timelines\":[");
	n = tl_set_timeline_count(set);
	for (i = 0; i < n; i++) {
		t = tl_set_timeline(set, i);
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
	n = tl_set_count(set);
	/* Tests ask for threads on small sets: small chunks then. */
	if (set->parts > 1)
		chunk = 64;
	if (n > chunk && tl_set_two_threads(set, n, JSON_THREADS_MIN))
		alone = json_milestones_by_two(&out, set, n, chunk);
	if (alone)
		json_milestones(&out, set, 0, n);
	jw_s(&out, "]}\n");
	jw_flush(&out);
	if (out.oom)
		error = TL_ENOMEM;
	else if (out.error || fflush(stream) != 0 || ferror(stream))
		error = TL_EIO;
	free(out.buf);
	return error;
}
