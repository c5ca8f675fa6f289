/*
 * The order of milestones (SPEC section 4) and selection by filter.
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

struct sort_entry {
	uint64_t key;			/* window start, then end */
	struct tl_milestone *m;
};

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)
#define DAY_BITS 22			/* TL_DAY_MAX < 2^22 */

/*
 * Sorts by window with a radix sort over (start, end) — no comparison
 * reads the milestones, which matters with millions of them — then
 * orders each run of equal windows by the full comparison.
 */
int
tl_order_sort(struct tl_set *set)
{
	struct sort_entry *a, *b, *t;
	size_t n = set->count, i, j, shift, count[RADIX_SIZE], sum, c;

	if (n < 64) {
		if (n > 1)
			qsort(set->items, n, sizeof(*set->items),
			    milestone_cmp);
		return 0;
	}
	if (n > SIZE_MAX / (2 * sizeof(*a)))
		return TL_ENOMEM;
	if ((a = malloc(2 * n * sizeof(*a))) == NULL)
		return TL_ENOMEM;
	b = a + n;
	for (i = 0; i < n; i++) {
		const struct tl_window *w = &set->items[i]->window;
		a[i].key = ((uint64_t)(uint32_t)w->start << DAY_BITS) |
		    (uint32_t)w->end;
		a[i].m = set->items[i];
	}
	for (shift = 0; shift < 2 * DAY_BITS; shift += RADIX_BITS) {
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(a[i].key >> shift) & (RADIX_SIZE - 1)]++;
		for (i = sum = 0; i < RADIX_SIZE; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			b[count[(a[i].key >> shift) & (RADIX_SIZE - 1)]++] =
			    a[i];
		t = a;
		a = b;
		b = t;
	}
	/* An even number of passes leaves the result where it began. */
	for (i = 0; i < n; i++)
		set->items[i] = a[i].m;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && a[j].key == a[i].key; j++)
			;
		if (j - i > 1)
			qsort(set->items + i, j - i, sizeof(*set->items),
			    milestone_cmp);
	}
	free(a < b ? a : b);
	return 0;
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static int
selected(const struct tl_milestone *m, const struct tl_filter *f)
{
	size_t i;

	if (f->from != TL_DAY_NONE && m->window.end < f->from)
		return 0;
	if (f->to != TL_DAY_NONE && m->window.start > f->to)
		return 0;
	if (f->statuses != 0 && !(f->statuses & (1u << m->status)))
		return 0;
	if (f->ntimelines > 0 &&
	    !in_list(m->timeline->name, f->timelines, f->ntimelines))
		return 0;
	if (f->ntags > 0) {
		const char *tag = tl_milestone_tag(m, 0);
		for (i = 0; i < m->ntags; i++, tag = tl_ms_next(tag))
			if (in_list(tag, f->tags, f->ntags))
				break;
		if (i == m->ntags)
			return 0;
	}
	return 1;
}

int
tl_set_select(struct tl_set *set, const struct tl_filter *f)
{
	size_t i, n;

	for (i = n = 0; i < set->count; i++)
		if (selected(set->items[i], f))
			set->items[n++] = set->items[i];
	set->count = n;
	if (f->ntimelines > 0) {
		for (i = n = 0; i < set->nby_name; i++)
			if (in_list(set->by_name[i]->pub.name, f->timelines,
			    f->ntimelines))
				set->by_name[n++] = set->by_name[i];
		set->nby_name = n;
	}
	return 0;
}
