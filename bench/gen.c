/*
 * gen: writes valid timeline files of N synthetic milestones for the
 * performance suite.  The output depends only on the arguments: the
 * same seed gives the same bytes.
 *
 *   gen [--seed S] [--files K] [--today DAY] [--keys-last] [--timed]
 *       [-o PATH] N
 *
 * With one file (the default) PATH is that file, or standard output
 * when absent or "-".  With --files K > 1, PATH is a directory (created
 * when missing) that receives bench-00001.yaml ... each its own
 * timeline, the milestones shared out evenly.  With --keys-last the
 * 'timeline:' key is written after the milestones instead of first (the
 * same document, its top-level keys in another order).  With --timed
 * every milestone dated by a plain day has a time of day and a zone,
 * as in a calendar of meetings; without it, about one in a hundred.
 *
 * The mix follows real timelines: about 60% day dates, 15% month, 5%
 * quarter, 3% half, 5% year, 5% start/end ranges and 7% dates relative
 * to an earlier milestone (chains of at most two hops); a third of the
 * milestones have a description of one to three lines, some of them in
 * accented, CJK or emoji text; tags, links, locations, 'noted' days and
 * earlier estimates appear in realistic shares.  Statuses agree with
 * --today (default 2025-06-15): what ended before it is mostly done,
 * what starts after it mostly planned; no 'noted' day is after it, and
 * no date is placed relative to a cancelled milestone, so that checking
 * with the same --today reports no warnings.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "timeline/date.h"

#define RING 64			/* earlier milestones a relative date may name */
#define MAX_DEPTH 2		/* hops of a chain of relative dates */
#define ID_SIZE 48

struct earlier {
	struct tl_window win;
	int depth;		/* 0 for a plain date or range */
	int cancelled;		/* nothing may be placed relative to it */
	char id[ID_SIZE];
};

struct gen {
	uint64_t state;		/* splitmix64 */
	int32_t today;
	struct earlier ring[RING];
	size_t nring;		/* valid entries, at most RING */
	size_t head;		/* next slot to fill */
	int keys_last;		/* 'timeline:' after 'milestones:' */
	int timed;		/* every plain day has a time */
};

static const char *const words[] = {
	"kernel", "release", "driver", "support", "merge", "window", "stable",
	"branch", "freeze", "review", "patch", "series", "compiler", "backend",
	"frontend", "toolchain", "build", "system", "memory", "allocator",
	"scheduler", "network", "storage", "graphics", "display", "audio",
	"firmware", "bootloader", "package", "archive", "mirror", "security",
	"audit", "policy", "upgrade", "migration", "deprecation", "removal",
	"announcement", "conference", "summit", "meeting", "workshop", "talk",
	"paper", "draft", "proposal", "vote", "decision", "roadmap", "plan",
	"milestone", "target", "deadline", "beta", "candidate", "preview",
	"launch", "rollout", "shipment", "device", "phone", "laptop", "server",
	"cloud", "cluster", "benchmark", "regression", "fix", "feature",
	"interface", "binding", "abstraction", "module", "subsystem",
	"maintainer", "contributor", "community", "foundation", "project",
	"language", "runtime", "library", "crate", "distribution", "image",
	"container", "virtual", "machine", "hardware", "vendor", "partner",
	"first", "second", "final", "initial", "new", "old", "major", "minor",
	"long", "term", "experimental", "official", "public", "internal",
	"documentation", "tutorial", "guide", "survey", "report", "study",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

/* Words beyond ASCII: accents, CJK, emoji. */
static const char *const wide_words[] = {
	"café", "naïve", "Zürich", "São Paulo", "résumé", "Kraków", "Ångström",
	"façade", "jalapeño", "smörgåsbord", "東京", "日本語", "北京",
	"서울", "カーネル", "リリース", "内核", "🚀", "🎉", "✅", "📦", "🐧",
	"Ελληνικά", "Москва", "العربية",
};
#define NWIDE (sizeof(wide_words) / sizeof(wide_words[0]))

static const char *const tags[] = {
	"kernel", "rust", "release", "android", "debian", "drm", "gcc",
	"llvm", "security", "survey", "conference", "hardware", "cloud",
	"docs", "policy", "toolchain",
};
#define NTAGS (sizeof(tags) / sizeof(tags[0]))

static const char *const locations[] = {
	"Tokyo, Japan", "Paris, France", "Vienna, Austria", "Lisbon, Portugal",
	"Richmond, Virginia", "Seattle, Washington", "Zürich, Switzerland",
	"São Paulo, Brasil", "Kraków, Polska", "東京, 日本", "서울, 대한민국",
	"Online", "Prague, Czechia", "Dublin, Ireland", "Bengaluru, India",
};
#define NLOCATIONS (sizeof(locations) / sizeof(locations[0]))

static const char *const hosts[] = {
	"lwn.net", "www.kernel.org", "lore.kernel.org", "rust-for-linux.com",
	"blog.rust-lang.org", "lists.debian.org", "gcc.gnu.org",
	"github.com", "source.android.com", "www.phoronix.com",
};
#define NHOSTS (sizeof(hosts) / sizeof(hosts[0]))

static const char *const zones[] = {
	"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London",
	"UTC",
};
#define NZONES (sizeof(zones) / sizeof(zones[0]))

/* Times that no daylight-saving change skips in the zones above. */
static const char *const times[] = { "09:30", "12:00", "14:15", "18:00" };
#define NTIMES (sizeof(times) / sizeof(times[0]))

static const char *const months[] = {
	"", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11",
	"12",
};

static uint64_t
next(struct gen *g)
{
	uint64_t z;

	g->state += 0x9e3779b97f4a7c15u;
	z = g->state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static uint32_t
rnd(struct gen *g, uint32_t n)
{
	return (uint32_t)(((next(g) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability percent/100. */
static int
chance(struct gen *g, uint32_t percent)
{
	return rnd(g, 100) < percent;
}

static const char *
word(struct gen *g)
{
	return words[rnd(g, NWORDS)];
}

/*
 * Writes the date of precision prec (day to year) whose window holds
 * day d into buf; returns 0, or -1 when it does not fit.
 */
static int
date_text(char *buf, size_t size, int32_t d, int prec, int approx)
{
	int y, m, dd, n;
	const char *tilde = approx ? "~" : "";

	tl_day_to_ymd(d, &y, &m, &dd);
	switch (prec) {
	case TL_PREC_DAY:
		n = snprintf(buf, size, "%s%04d-%s-%02d", tilde, y, months[m],
		    dd);
		break;
	case TL_PREC_MONTH:
		n = snprintf(buf, size, "%s%04d-%s", tilde, y, months[m]);
		break;
	case TL_PREC_QUARTER:
		n = snprintf(buf, size, "%s%04d-Q%d", tilde, y, (m - 1) / 3 + 1);
		break;
	case TL_PREC_HALF:
		n = snprintf(buf, size, "%s%04d-H%d", tilde, y, (m - 1) / 6 + 1);
		break;
	default:
		n = snprintf(buf, size, "%s%04d", tilde, y);
		break;
	}
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* A day from 1990 to 2040. */
static int32_t
random_day(struct gen *g)
{
	int32_t lo = tl_day_from_ymd(1990, 1, 1);
	int32_t hi = tl_day_from_ymd(2040, 12, 31);

	return lo + (int32_t)rnd(g, (uint32_t)(hi - lo + 1));
}

/* A day from 1990 to today: a day already noted. */
static int32_t
past_day(struct gen *g)
{
	int32_t lo = tl_day_from_ymd(1990, 1, 1);

	if (g->today < lo)
		return g->today;
	return lo + (int32_t)rnd(g, (uint32_t)(g->today - lo + 1));
}

/* Parses text the generator wrote; a failure is a bug here. */
static int
window_of(struct tl_window *w, const char *text)
{
	char why[TL_WHY_SIZE];

	if (tl_date_parse(w, text, strlen(text), why) < 0) {
		fprintf(stderr, "gen: bad date '%s': %s\n", text, why);
		return -1;
	}
	return 0;
}

static void
put_words(struct gen *g, FILE *out, unsigned n, int wide, int capital)
{
	unsigned i, at = wide ? rnd(g, n) : n;
	const char *w;

	for (i = 0; i < n; i++) {
		w = i == at ? wide_words[rnd(g, NWIDE)] : word(g);
		if (i > 0)
			fputc(' ', out);
		if (i == 0 && capital && w[0] >= 'a' && w[0] <= 'z') {
			fputc(w[0] - 'a' + 'A', out);
			fputs(w + 1, out);
		} else {
			fputs(w, out);
		}
	}
}

static void
put_title(struct gen *g, FILE *out)
{
	unsigned n = 3 + rnd(g, 6);
	int wide = chance(g, 5);

	fputs("    title: ", out);
	if (chance(g, 3)) {
		/* A colon and a space need quotes in YAML. */
		fputc('"', out);
		put_words(g, out, 2, 0, 1);
		fputs(": ", out);
		put_words(g, out, n - 1, wide, 0);
		fputc('"', out);
	} else {
		put_words(g, out, n, wide, 1);
	}
	fputc('\n', out);
}

/* One to three lines of 6 to 11 words under 'description: |'. */
static void
put_description(struct gen *g, FILE *out)
{
	unsigned lines = 1 + rnd(g, 3), i;
	int wide = chance(g, 25);

	fputs("    description: |\n", out);
	for (i = 0; i < lines; i++) {
		fputs("      ", out);
		put_words(g, out, 6 + rnd(g, 6), wide && i == 0, i == 0);
		fputs(i + 1 == lines ? ".\n" : "\n", out);
	}
}

static void
put_tags(struct gen *g, FILE *out)
{
	unsigned n = 1 + rnd(g, 3), i, j, pick[3];
	int flow = chance(g, 80);

	for (i = 0; i < n; i++) {
		do {
			pick[i] = rnd(g, NTAGS);
			for (j = 0; j < i && pick[j] != pick[i]; j++)
				;
		} while (j < i);
	}
	if (flow) {
		fputs("    tags: [", out);
		for (i = 0; i < n; i++)
			fprintf(out, "%s%s", i ? ", " : "", tags[pick[i]]);
		fputs("]\n", out);
	} else {
		fputs("    tags:\n", out);
		for (i = 0; i < n; i++)
			fprintf(out, "      - %s\n", tags[pick[i]]);
	}
}

static void
put_links(struct gen *g, FILE *out, const char *id)
{
	unsigned n = chance(g, 80) ? 1 : 2, i;

	fputs("    links:", out);
	if (n == 1) {
		fprintf(out, " [https://%s/%s/%s]\n", hosts[rnd(g, NHOSTS)],
		    word(g), id);
		return;
	}
	fputc('\n', out);
	for (i = 0; i < n; i++)
		fprintf(out, "      - https://%s/%s/%u\n",
		    hosts[rnd(g, NHOSTS)], word(g), rnd(g, 100000));
}

/*
 * One or two earlier estimates; the 'noted' days, where given, are not
 * after today and go forward in the order written, as SPEC asks of a
 * history.
 */
static void
put_history(struct gen *g, FILE *out)
{
	unsigned n = chance(g, 70) ? 1 : 2, i;
	static const int precs[] = { TL_PREC_DAY, TL_PREC_MONTH,
	    TL_PREC_QUARTER, TL_PREC_HALF, TL_PREC_YEAR };
	char text[2][32], noted[32];
	int32_t day[2], swap;
	int has_noted[2];

	for (i = 0; i < n; i++) {
		date_text(text[i], sizeof(text[i]), random_day(g),
		    precs[rnd(g, 5)], chance(g, 20));
		if ((has_noted[i] = chance(g, 50)))
			day[i] = past_day(g);
	}
	if (n == 2 && has_noted[0] && has_noted[1] && day[0] > day[1]) {
		swap = day[0];
		day[0] = day[1];
		day[1] = swap;
	}
	fputs("    history:\n", out);
	for (i = 0; i < n; i++) {
		fprintf(out, "      - date: %s\n", text[i]);
		if (has_noted[i]) {
			date_text(noted, sizeof(noted), day[i], TL_PREC_DAY,
			    0);
			fprintf(out, "        noted: %s\n", noted);
		}
	}
}

/* The status a milestone of window w may have on day today. */
static const char *
pick_status(struct gen *g, const struct tl_window *w, int32_t today)
{
	uint32_t r = rnd(g, 100);

	if (w->end < today) {		/* over */
		if (r < 85)
			return "done";
		return r < 93 ? "cancelled" : "slipped";
	}
	if (w->start > today) {		/* to come */
		if (r < 40)
			return NULL;	/* planned, the default */
		if (r < 80)
			return "planned";
		if (r < 90)
			return "at-risk";
		return r < 95 ? "cancelled" : "slipped";
	}
	/* Under way. */
	if (r < 45)
		return "planned";
	if (r < 65)
		return "at-risk";
	if (r < 90)
		return "done";
	return r < 95 ? "cancelled" : "slipped";
}

/* Picks an earlier milestone to hang a date on; NULL when none fits. */
static const struct earlier *
pick_reference(struct gen *g)
{
	const struct earlier *e;
	size_t back;

	if (g->nring == 0)
		return NULL;
	back = 1 + rnd(g, (uint32_t)g->nring);
	e = &g->ring[(g->head + RING - back) % RING];
	return e->depth < MAX_DEPTH && !e->cancelled ? e : NULL;
}

static void
remember(struct gen *g, const char *id, const struct tl_window *w, int depth,
    int cancelled)
{
	struct earlier *e = &g->ring[g->head];

	e->win = *w;
	e->depth = depth;
	e->cancelled = cancelled;
	snprintf(e->id, sizeof(e->id), "%s", id);
	g->head = (g->head + 1) % RING;
	if (g->nring < RING)
		g->nring++;
}

/*
 * Writes the date lines of a milestone and its window into *w; sets
 * *depth to the hops of a relative date and *plain_day for an exact day
 * that may take a time.  Returns 0 or -1.
 */
static int
put_date(struct gen *g, FILE *out, struct tl_window *w, int *depth,
    int *plain_day)
{
	static const char *const units = "dwmqy";
	static const int caps[] = { 60, 20, 18, 8, 5 };
	const struct earlier *ref = NULL;
	struct tl_window start, end;
	struct tl_offset off;
	char text[32], text2[32], why[TL_WHY_SIZE];
	uint32_t r = rnd(g, 100);
	int prec, approx, unit, before;

	*depth = 0;
	*plain_day = 0;
	if (r >= 93 && (ref = pick_reference(g)) == NULL)
		r = 0;		/* nothing to hang it on: a plain day */
	if (r >= 93) {
		unit = (int)rnd(g, 5);
		off.count = (uint16_t)rnd(g, (uint32_t)caps[unit]);
		off.unit = (uint8_t)unit;
		off.approximate = (uint8_t)chance(g, 35);
		before = chance(g, 20);
		if (tl_window_relative(w, &ref->win, &off, before, why) == 0) {
			fprintf(out, "    date: {%s: %s, offset: %s%u%c}\n",
			    before ? "before" : "after", ref->id,
			    off.approximate ? "~" : "", off.count,
			    units[unit]);
			*depth = ref->depth + 1;
			return 0;
		}
		r = 0;		/* out of years 0001-9999: a plain day */
	}
	if (r >= 88 && r < 93) {
		/* A range: the end's window holds a day after the start. */
		prec = (int)rnd(g, 5);
		if (date_text(text, sizeof(text), random_day(g), prec,
		    chance(g, 10)) < 0 || window_of(&start, text) < 0)
			return -1;
		if (date_text(text2, sizeof(text2),
		    start.start + 20 + (int32_t)rnd(g, 900), (int)rnd(g, 5),
		    chance(g, 10)) < 0 || window_of(&end, text2) < 0)
			return -1;
		if (tl_window_range(w, &start, &end, why) < 0) {
			fprintf(stderr, "gen: bad range %s/%s: %s\n", text,
			    text2, why);
			return -1;
		}
		fprintf(out, "    start: %s\n    end: %s\n", text, text2);
		return 0;
	}
	if (r < 60)
		prec = TL_PREC_DAY;
	else if (r < 75)
		prec = TL_PREC_MONTH;
	else if (r < 80)
		prec = TL_PREC_QUARTER;
	else if (r < 83)
		prec = TL_PREC_HALF;
	else
		prec = TL_PREC_YEAR;
	approx = chance(g, prec == TL_PREC_DAY ? 3 : 20);
	if (date_text(text, sizeof(text), random_day(g), prec, approx) < 0 ||
	    window_of(w, text) < 0)
		return -1;
	fprintf(out, "    date: %s\n", text);
	*plain_day = prec == TL_PREC_DAY && !approx;
	return 0;
}

/* Writes milestone number seq of a file; returns 0 or -1. */
static int
put_milestone(struct gen *g, FILE *out, size_t seq)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char id[ID_SIZE], num[16], noted[32];
	struct tl_window w;
	const char *status;
	int32_t day;
	size_t i = sizeof(num) - 1, v = seq;
	int depth, plain_day;

	num[i] = '\0';
	do {
		num[--i] = digits[v % 36];
		v /= 36;
	} while (v > 0 && i > 0);
	snprintf(id, sizeof(id), "%s-%s-%s", word(g), word(g), num + i);

	fprintf(out, "  - id: %s\n", id);
	put_title(g, out);
	if (put_date(g, out, &w, &depth, &plain_day) < 0)
		return -1;
	if (plain_day && (g->timed || chance(g, 1)))
		fprintf(out, "    time: \"%s\"\n    timezone: %s\n",
		    times[rnd(g, NTIMES)], zones[rnd(g, NZONES)]);
	if ((status = pick_status(g, &w, g->today)) != NULL)
		fprintf(out, "    status: %s\n", status);
	if (chance(g, 75))
		put_tags(g, out);
	if (chance(g, 25))
		fprintf(out, "    location: %s\n", locations[rnd(g, NLOCATIONS)]);
	if (chance(g, 45))
		put_links(g, out, id);
	if (chance(g, 20)) {
		/* Reported up to two years before the window opens, and
		 * not after today. */
		day = w.start - (int32_t)rnd(g, 730);
		date_text(noted, sizeof(noted), day < g->today ? day :
		    g->today, TL_PREC_DAY, 0);
		fprintf(out, "    noted: %s\n", noted);
	}
	if (rnd(g, 3) == 0)
		put_description(g, out);
	if (chance(g, 10))
		put_history(g, out);
	fputc('\n', out);
	remember(g, id, &w, depth,
	    status != NULL && strcmp(status, "cancelled") == 0);
	return 0;
}

/* Writes file k (1-based) of nfiles holding count milestones. */
static int
put_file(struct gen *g, FILE *out, unsigned long long seed, size_t k,
    size_t nfiles, size_t count)
{
	size_t i;

	g->nring = 0;
	g->head = 0;
	fprintf(out, "# Generated by bench/gen: seed %llu, file %zu of %zu, "
	    "%zu milestones.\n", seed, k, nfiles, count);
	if (!g->keys_last)
		fprintf(out, "timeline: bench-%05zu\n", k);
	fprintf(out, "title: Benchmark timeline %zu of %zu\n", k, nfiles);
	if (k % 2 == 1)
		fputs("description: Synthetic milestones for the performance "
		    "suite.\n", out);
	fprintf(out, "url: https://example.org/timelines/%zu\n", k);
	fputs(count > 0 ? "milestones:\n" : "milestones: []\n", out);
	for (i = 0; i < count; i++)
		if (put_milestone(g, out, i) < 0)
			return -1;
	if (g->keys_last)
		fprintf(out, "timeline: bench-%05zu\n", k);
	return 0;
}

static int
parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || *out > max)
		return -1;
	return 0;
}

static void
usage(void)
{
	fputs("usage: gen [--seed S] [--files K] [--today YYYY-MM-DD] "
	    "[--keys-last] [--timed] [-o PATH] N\n", stderr);
}

static int
write_one(struct gen *g, FILE *out, const char *name,
    unsigned long long seed, size_t k, size_t nfiles, size_t count)
{
	static char buf[1 << 20];
	int error;

	if (setvbuf(out, buf, _IOFBF, sizeof(buf)) != 0) {
		fprintf(stderr, "gen: cannot buffer %s\n", name);
		return -1;
	}
	error = put_file(g, out, seed, k, nfiles, count);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "gen: cannot write %s: %s\n", name,
		    strerror(errno));
		error = -1;
	}
	return error;
}

int
main(int argc, char **argv)
{
	unsigned long long seed = 1, nfiles = 1, n = 0, v;
	const char *path = NULL, *today = "2025-06-15";
	char name[4096], why[TL_WHY_SIZE];
	struct gen g;
	size_t k, count;
	int i, have_n = 0, keys_last = 0, timed = 0, status = 0;
	FILE *out;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
			if (parse_count(argv[++i], UINT64_MAX, &seed) < 0)
				goto bad;
		} else if (strcmp(a, "--files") == 0 && i + 1 < argc) {
			if (parse_count(argv[++i], 99999, &nfiles) < 0 ||
			    nfiles == 0)
				goto bad;
		} else if (strcmp(a, "--today") == 0 && i + 1 < argc) {
			today = argv[++i];
		} else if (strcmp(a, "--keys-last") == 0) {
			keys_last = 1;
		} else if (strcmp(a, "--timed") == 0) {
			timed = 1;
		} else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else if (!have_n && parse_count(a, 100000000, &v) == 0) {
			n = v;
			have_n = 1;
		} else {
			goto bad;
		}
	}
	if (!have_n)
		goto bad;
	memset(&g, 0, sizeof(g));
	g.state = seed;
	g.keys_last = keys_last;
	g.timed = timed;
	if (tl_day_parse(&g.today, today, strlen(today), why) < 0) {
		fprintf(stderr, "gen: bad --today '%s': %s\n", today, why);
		return 2;
	}

	if (nfiles == 1) {
		if (path == NULL || strcmp(path, "-") == 0)
			return write_one(&g, stdout, "standard output", seed, 1,
			    1, (size_t)n) < 0 ? 1 : 0;
		if ((out = fopen(path, "wb")) == NULL) {
			fprintf(stderr, "gen: cannot create %s: %s\n", path,
			    strerror(errno));
			return 1;
		}
		status = write_one(&g, out, path, seed, 1, 1, (size_t)n);
		if (fclose(out) != 0)
			status = -1;
		return status < 0 ? 1 : 0;
	}

	if (path == NULL || strcmp(path, "-") == 0) {
		fputs("gen: --files needs -o DIRECTORY\n", stderr);
		return 2;
	}
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		fprintf(stderr, "gen: cannot create %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	for (k = 1; k <= nfiles && status == 0; k++) {
		count = (size_t)(n / nfiles) + (k <= n % nfiles ? 1 : 0);
		if ((size_t)snprintf(name, sizeof(name), "%s/bench-%05zu.yaml",
		    path, k) >= sizeof(name)) {
			fputs("gen: path too long\n", stderr);
			return 1;
		}
		if ((out = fopen(name, "wb")) == NULL) {
			fprintf(stderr, "gen: cannot create %s: %s\n", name,
			    strerror(errno));
			return 1;
		}
		status = write_one(&g, out, name, seed, k, (size_t)nfiles,
		    count);
		if (fclose(out) != 0)
			status = -1;
	}
	return status < 0 ? 1 : 0;
bad:
	usage();
	return 2;
}
