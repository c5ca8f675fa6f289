/*
 * The order of milestones (SPEC section 4).
 */
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"

#include "set_internal.h"
#include "sort.h"

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

/* Sets this large are sorted by start day first. */
#define ORDER_RADIX_MIN 4096

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

/* A day as an unsigned number in the same order. */
static uint32_t
day_key(int32_t day)
{
	return (uint32_t)day ^ 0x80000000u;
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

/* Sorts n entries by insertion: few, or nearly in order. */
static void
insert_entries(struct sort_entry *e, size_t n)
{
	struct sort_entry t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		t = e[i];
		for (j = i; j > 0 && entry_cmp(&e[j - 1], &t) > 0; j--)
			e[j] = e[j - 1];
		e[j] = t;
	}
}

/* Entries sorted by insertion before merging. */
#define ENTRY_SMALL 16

/*
 * Sorts n entries: by insertion in groups of ENTRY_SMALL, then merged
 * pass by pass through tmp (room for n), the comparison inlined where
 * qsort() would call it.
 */
static void
sort_entries(struct sort_entry *e, struct sort_entry *tmp, size_t n)
{
	struct sort_entry *from = e, *to = tmp, *t;
	size_t width, lo, mid, hi, i, j, k;

	for (lo = 0; lo < n; lo += ENTRY_SMALL)
		insert_entries(e + lo, n - lo < ENTRY_SMALL ? n - lo :
		    ENTRY_SMALL);
	for (width = ENTRY_SMALL; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = n - lo < width ? n : lo + width;
			hi = n - lo < 2 * width ? n : lo + 2 * width;
			for (i = lo, j = mid, k = lo; k < hi; k++)
				to[k] = j >= hi || (i < mid &&
				    entry_cmp(&from[i], &from[j]) <= 0) ?
				    from[i++] : from[j++];
		}
		t = from;
		from = to;
		to = t;
	}
	if (from != e)
		memcpy(e, from, n * sizeof(*e));
}

/*
 * Sorts a large set by start day, then each run of one start day by
 * the rest.  The first sort is of numbers, the start day above the
 * milestone's place, in an array as large as the id index freed before
 * (so that the peak stays that of indexing); the sorted milestones are
 * then written over those numbers, each run once it has been read, so
 * that ordering a million milestones needs no third array.  0 or
 * TL_ENOMEM.
 */
static int
sort_milestones(struct tl_set *set)
{
	struct tl_milestone **items = set->items, *m;
	size_t n = set->count, i, j, k, longest = 1;
	struct sort_entry *e;
	uint64_t *key;
	char *out;

	/* A few thousand are sorted faster than numbers are. */
	if (n < ORDER_RADIX_MIN) {
		if (n > 1)
			qsort(items, n, sizeof(*items), milestone_cmp);
		return 0;
	}
	if (n > UINT32_MAX)
		return TL_ELIMIT;
	if (n > SIZE_MAX / sizeof(*key) ||
	    (key = malloc(n * sizeof(*key))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < n; i++)
		key[i] = (uint64_t)day_key(items[i]->window.start) << 32 | i;
	tl_sort_u64(key, n);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && key[j] >> 32 == key[i] >> 32; j++)
			;
		if (j - i > longest)
			longest = j - i;
	}
	if (longest > SIZE_MAX / 2 / sizeof(*e) ||
	    (e = malloc(2 * longest * sizeof(*e))) == NULL) {
		free(key);
		return TL_ENOMEM;
	}
	/* Pointers are no larger than numbers: run [i, j) is written over
	 * its own numbers once they are read. */
	out = (char *)key;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && key[j] >> 32 == key[i] >> 32; j++)
			;
		for (k = i; k < j; k++) {
#if defined(__GNUC__)
			/* The milestones lie far apart: fetch ahead. */
			if (k + 16 < n)
				__builtin_prefetch(items +
				    (uint32_t)key[k + 16]);
			if (k + 8 < n)
				__builtin_prefetch(items[(uint32_t)
				    key[k + 8]]);
#endif
			m = items[(uint32_t)key[k]];
			e[k - i].m = m;
			e[k - i].key = (uint64_t)day_key(m->window.start) <<
			    32 | day_key(m->window.end);
			e[k - i].id = id_prefix(m->text);
		}
		sort_entries(e, e + longest, j - i);
		for (k = i; k < j; k++)
			memcpy(out + k * sizeof(m), &e[k - i].m, sizeof(m));
	}
	memcpy(items, out, n * sizeof(*items));
	free(e);
	free(key);
	return 0;
}

int
tl_set_order(struct tl_set *set)
{
	int error;

	if (set->stage != TL_STAGE_RESOLVED)
		return TL_EINVAL;
	/* Ordering moves the milestones the id index points at. */
	tl_id_dispose(set);
	/* Without its index and unsorted, the set is good for reading. */
	if ((error = sort_milestones(set)) < 0) {
		set->stage = TL_STAGE_FAILED;
		return error;
	}
	set->stage = TL_STAGE_ORDERED;
	return 0;
}
