/*
 * The order of milestones (SPEC section 4).
 */
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"

#include "set_internal.h"

/*
 * Window start, then window end (the narrower window first), then the
 * timeline's name, then the id.  Ids are unique within a timeline and
 * timeline names across the set, so no two milestones compare equal and
 * the order is the same on every run and every platform.
 */
static int
milestone_cmp(const void *pa, const void *pb)
{
	const struct tl_milestone *a = *(struct tl_milestone *const *)pa;
	const struct tl_milestone *b = *(struct tl_milestone *const *)pb;
	int c;

	if (a->window.start != b->window.start)
		return a->window.start < b->window.start ? -1 : 1;
	if (a->window.end != b->window.end)
		return a->window.end < b->window.end ? -1 : 1;
	if (a->timeline != b->timeline &&
	    (c = strcmp(a->timeline->name, b->timeline->name)) != 0)
		return c;
	return strcmp(a->text, b->text);
}

/* Sets this large are sorted in buckets first. */
#define ORDER_BUCKETS_MIN 4096

#define BUCKET_BITS 16
#define NBUCKETS ((size_t)1 << BUCKET_BITS)

struct sort_entry {
	uint64_t key;			/* window start, then end */
	uint64_t id;			/* the id's first 8 bytes, in order */
	struct tl_milestone *m;
};

/*
 * The first 8 bytes of s (fewer when shorter, then zeros) as a number
 * that compares as strcmp() compares the texts: many milestones share a
 * window, and their ids decide.
 */
static uint64_t
id_prefix(const char *s)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8 && s[i] != '\0'; i++)
		v |= (uint64_t)(unsigned char)s[i] << (56 - 8 * i);
	return v;
}

static uint64_t
window_key(const struct tl_milestone *m)
{
	return ((uint64_t)(uint32_t)m->window.start << 32) |
	    (uint32_t)m->window.end;
}

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct sort_entry *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->m->timeline == b->m->timeline && a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return milestone_cmp(&a->m, &b->m);
}

/*
 * Sorts each bucket of items (bucket k is [begin[k], begin[k + 1]), at
 * most largest long) on its own.  0 or TL_ENOMEM.
 */
static int
sort_buckets(struct tl_milestone **items, const size_t *begin,
    size_t largest)
{
	struct sort_entry *e;
	size_t k, i, size;

	if ((e = malloc(largest * sizeof(*e))) == NULL)
		return TL_ENOMEM;
	for (k = 0; k < NBUCKETS; k++) {
		if ((size = begin[k + 1] - begin[k]) < 2)
			continue;
		for (i = 0; i < size; i++) {
			e[i].m = items[begin[k] + i];
			e[i].key = window_key(e[i].m);
			e[i].id = id_prefix(e[i].m->text);
		}
		qsort(e, size, sizeof(*e), entry_cmp);
		for (i = 0; i < size; i++)
			items[begin[k] + i] = e[i].m;
	}
	free(e);
	return 0;
}

/*
 * Sorts in place, so that ordering a million milestones needs no second
 * copy of them: first into buckets of nearby start days (an American
 * flag sort: a 16-bit bucket number beside each milestone, and swaps),
 * then each bucket on its own, by its (start, end) keys copied into a
 * small buffer, ties by the full comparison.  Buckets are a day wide
 * unless the windows start more than 65,536 days apart.
 */
static int
sort_milestones(struct tl_set *set)
{
	struct tl_milestone **items = set->items, *tm;
	size_t n = set->count, i, j, k, largest = 0;
	size_t *begin = NULL, *next = NULL;
	uint16_t *bucket = NULL, tb;
	int32_t lo, hi;
	unsigned shift = 0;
	int error = TL_ENOMEM;

	/* A few thousand are sorted faster than buckets are walked. */
	if (n < ORDER_BUCKETS_MIN) {
		if (n > 1)
			qsort(items, n, sizeof(*items), milestone_cmp);
		return 0;
	}
	lo = hi = items[0]->window.start;
	for (i = 1; i < n; i++) {
		if (items[i]->window.start < lo)
			lo = items[i]->window.start;
		if (items[i]->window.start > hi)
			hi = items[i]->window.start;
	}
	while (((uint32_t)(hi - lo) >> shift) >= NBUCKETS)
		shift++;
	if (n > SIZE_MAX / sizeof(*bucket) ||
	    (bucket = malloc(n * sizeof(*bucket))) == NULL ||
	    (begin = calloc(NBUCKETS + 1, sizeof(*begin))) == NULL ||
	    (next = malloc(NBUCKETS * sizeof(*next))) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		bucket[i] = (uint16_t)((uint32_t)(items[i]->window.start - lo) >>
		    shift);
		begin[bucket[i] + 1]++;
	}
	for (k = 0; k < NBUCKETS; k++) {
		if (begin[k + 1] > largest)
			largest = begin[k + 1];
		begin[k + 1] += begin[k];
		next[k] = begin[k];
	}
	/* Each swap puts one milestone in its bucket for good. */
	for (k = 0; k < NBUCKETS; k++) {
		while (next[k] < begin[k + 1]) {
			i = next[k];
			if (bucket[i] == k) {
				next[k]++;
				continue;
			}
			j = next[bucket[i]]++;
			tm = items[i];
			items[i] = items[j];
			items[j] = tm;
			tb = bucket[i];
			bucket[i] = bucket[j];
			bucket[j] = tb;
		}
	}
	free(bucket);
	bucket = NULL;
	free(next);
	next = NULL;
	error = sort_buckets(items, begin, largest);
out:
	free(bucket);
	free(next);
	free(begin);
	return error;
}

int
tl_set_order(struct tl_set *set)
{
	int error;

	if (set->stage != TL_STAGE_RESOLVED)
		return TL_EINVAL;
	/* Ordering moves the milestones the id index points at. */
	tl_id_dispose(set);
	if ((error = sort_milestones(set)) < 0)
		return error;
	set->stage = TL_STAGE_ORDERED;
	return 0;
}
