/*
 * The order of milestones (SPEC section 4) and selection by filter.
 */
#include <stdlib.h>
#include <string.h>

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
	return strcmp(a->id, b->id);
}

void
tl_order_sort(struct tl_set *set)
{
	if (set->count > 1)
		qsort(set->items, set->count, sizeof(*set->items),
		    milestone_cmp);
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
		for (i = 0; i < m->ntags; i++)
			if (in_list(m->tags[i], f->tags, f->ntags))
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
