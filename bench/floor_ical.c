/*
 * floor_ical: the floor of writing.  Builds N VEVENTs of the size and
 * shape that 'timeline export --format ics' writes, the plain libical
 * way: each created on its own with icalcomponent_new() and
 * icalproperty_new_*(), serialised with icalcomponent_as_ical_string_r(),
 * written to a stream and freed.  Nothing is read.
 *
 *   floor_ical [-o FILE] [--description BYTES] N
 *
 * Writes to FILE, or to standard output when absent or "-".  BYTES is
 * the mean size of a DESCRIPTION before escaping (default 120).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

static const char *const words[] = {
	"kernel", "release", "driver", "support", "merge", "window", "stable",
	"branch", "freeze", "review", "patch", "series", "compiler", "backend",
	"toolchain", "memory", "allocator", "scheduler", "network", "storage",
	"graphics", "firmware", "package", "security", "upgrade", "summit",
	"proposal", "decision", "roadmap", "milestone", "deadline", "beta",
	"launch", "device", "server", "feature", "interface", "module",
	"maintainer", "community", "language", "runtime", "library", "first",
	"final", "experimental", "official", "documentation", "report",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const wide_words[] = {
	"café", "Zürich", "São Paulo", "東京", "日本語", "🚀", "🐧", "Москва",
};
#define NWIDE (sizeof(wide_words) / sizeof(wide_words[0]))

static const char *const tags[] = {
	"kernel", "rust", "release", "android", "debian", "drm", "gcc", "llvm",
};
#define NTAGS (sizeof(tags) / sizeof(tags[0]))

struct text {
	char *data;
	size_t len, cap;
};

static int
text_put(struct text *t, const char *s)
{
	size_t n = strlen(s), cap;
	char *grown;

	if (t->len + n + 1 > t->cap) {
		cap = t->cap ? t->cap : 256;
		while (cap < t->len + n + 1)
			cap *= 2;
		if ((grown = realloc(t->data, cap)) == NULL)
			return -1;
		t->data = grown;
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, n + 1);
	t->len += n;
	return 0;
}

static uint32_t
next(uint64_t *state)
{
	uint64_t z;

	*state += 0x9e3779b97f4a7c15u;
	z = *state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* Words, with a line break now and then, up to about size bytes. */
static int
fill(struct text *t, uint64_t *state, size_t size, int wide)
{
	size_t at = wide ? next(state) % 4 : (size_t)-1, i = 0;

	t->len = 0;
	if (text_put(t, "") < 0)
		return -1;
	while (t->len < size) {
		if (i > 0 && text_put(t, i % 9 == 0 ? "\n" : " ") < 0)
			return -1;
		if (text_put(t, i == at ? wide_words[next(state) % NWIDE] :
		    words[next(state) % NWORDS]) < 0)
			return -1;
		i++;
	}
	return 0;
}

static struct icaltimetype
date_of(int day_number)
{
	struct icaltimetype t = icaltime_null_date();

	/* Days from 1990-01-01, kept simple: 28-day months. */
	t.year = 1990 + day_number / 336;
	t.month = 1 + day_number / 28 % 12;
	t.day = 1 + day_number % 28;
	return t;
}

static icalcomponent *
build(unsigned long i, uint64_t *state, size_t mean,
    struct icaltimetype stamp, struct text *sum, struct text *desc,
    struct text *uid)
{
	char num[64];
	icalcomponent *c;
	icalproperty *p;
	int day = (int)(next(state) % (336 * 50));
	size_t size;

	snprintf(num, sizeof(num), "m-%lu@bench-00001.timeline", i);
	uid->len = 0;
	if (text_put(uid, num) < 0)
		return NULL;
	if (fill(sum, state, 30 + next(state) % 40, next(state) % 20 == 0) < 0)
		return NULL;
	size = mean / 2 + next(state) % (mean + 1);
	if (fill(desc, state, size, next(state) % 8 == 0) < 0)
		return NULL;
	if ((c = icalcomponent_new(ICAL_VEVENT_COMPONENT)) == NULL)
		return NULL;
	p = icalproperty_new_uid(uid->data);
	if (p == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_dtstamp(stamp)) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_dtstart(date_of(day))) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_dtend(date_of(day + 1))) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_summary(sum->data)) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_description(desc->data)) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if (next(state) % 4 != 0) {
		if ((p = icalproperty_new_categories(
		    tags[next(state) % NTAGS])) == NULL)
			goto fail;
		icalcomponent_add_property(c, p);
	}
	if ((p = icalproperty_new_status(next(state) % 2 ?
	    ICAL_STATUS_CONFIRMED : ICAL_STATUS_TENTATIVE)) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT)) == NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	if ((p = icalproperty_new_sequence((int)(next(state) % 10 == 0))) ==
	    NULL)
		goto fail;
	icalcomponent_add_property(c, p);
	return c;
fail:
	icalcomponent_free(c);
	return NULL;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct text sum = { NULL, 0, 0 }, desc = { NULL, 0, 0 };
	struct text uid = { NULL, 0, 0 };
	const char *path = NULL;
	unsigned long long n = 0, mean = 120, i;
	uint64_t state = 1;
	struct icaltimetype stamp;
	icalcomponent *c;
	char *s, *end;
	int k, have_n = 0, status = 0;
	FILE *out = stdout;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "-o") == 0 && k + 1 < argc) {
			path = argv[++k];
		} else if (strcmp(argv[k], "--description") == 0 &&
		    k + 1 < argc) {
			errno = 0;
			mean = strtoull(argv[++k], &end, 10);
			if (errno != 0 || *end != '\0' || mean == 0 ||
			    mean > 100000)
				goto usage;
		} else if (!have_n && argv[k][0] >= '0' && argv[k][0] <= '9') {
			errno = 0;
			n = strtoull(argv[k], &end, 10);
			if (errno != 0 || *end != '\0')
				goto usage;
			have_n = 1;
		} else {
			goto usage;
		}
	}
	if (!have_n)
		goto usage;
	if (path != NULL && strcmp(path, "-") != 0 &&
	    (out = fopen(path, "wb")) == NULL) {
		fprintf(stderr, "floor_ical: %s: %s\n", path, strerror(errno));
		return 1;
	}
	setvbuf(out, buf, _IOFBF, sizeof(buf));
	stamp = icaltime_from_timet_with_zone(1750000000, 0,
	    icaltimezone_get_utc_timezone());
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//timeline//floor_ical//EN\r\nCALSCALE:GREGORIAN\r\n",
	    out);
	for (i = 0; i < n; i++) {
		if ((c = build((unsigned long)i, &state, (size_t)mean, stamp,
		    &sum, &desc, &uid)) == NULL) {
			fputs("floor_ical: out of memory\n", stderr);
			status = 1;
			break;
		}
		s = icalcomponent_as_ical_string_r(c);
		icalcomponent_free(c);
		if (s == NULL) {
			fputs("floor_ical: out of memory\n", stderr);
			status = 1;
			break;
		}
		fputs(s, out);
		free(s);
	}
	fputs("END:VCALENDAR\r\n", out);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "floor_ical: cannot write: %s\n",
		    strerror(errno));
		status = 1;
	}
	if (out != stdout && fclose(out) != 0)
		status = 1;
	free(sum.data);
	free(desc.data);
	free(uid.data);
	return status;
usage:
	fputs("usage: floor_ical [-o FILE] [--description BYTES] N\n", stderr);
	return 2;
}
