/*
 * Selection: a view of an ordered set through a filter.  The set is
 * never changed; a selection of everything borrows the set's own lists.
 */
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/select.h"
#include "set_internal.h"

struct tl_selection {
	const struct tl_set *set;
	const struct tl_milestone *const *items;
	size_t count;
	const struct tl_timeline_rec *const *timelines;
	size_t ntimelines;
	void *own_items;		/* what this selection allocated */
	void *own_timelines;
};

int
tl_filter_init(struct tl_filter *f, unsigned version)
{
	struct tl_filter init = TL_FILTER_INIT;

	if (f == NULL || version != TL_FILTER_VERSION)
		return TL_EINVAL;
	*f = init;
	return 0;
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether s is in list, sorted by sorted_copy(). */
static int
in_list(const char *s, const char *const *list, size_t n)
{
	return n > 0 && bsearch(&s, list, n, sizeof(*list), by_string) != NULL;
}

/*
 * A copy of the n strings of list, sorted, in *out (NULL when n is 0),
 * so that each milestone looks a name up in log n steps: a filter of
 * many tags costs no more per milestone than one of few.
 */
static int
sorted_copy(const char ***out, const char *const *list, size_t n)
{
	const char **copy;

	*out = NULL;
	if (n == 0)
		return 0;
	if (n > SIZE_MAX / sizeof(*copy) ||
	    (copy = malloc(n * sizeof(*copy))) == NULL)
		return TL_ENOMEM;
	memcpy(copy, list, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), by_string);
	*out = copy;
	return 0;
}

static int
has_tag(const struct tl_milestone *m, const struct tl_filter *f)
{
	struct tl_list it;
	const char *tag;

	for (tl_milestone_tags(m, &it); (tag = tl_list_next(&it)) != NULL; )
		if (in_list(tag, f->tags, f->ntags))
			return 1;
	return 0;
}

static int
kept(const struct tl_milestone *m, const struct tl_filter *f)
{
	if (f->from != TL_DAY_NONE && m->window.end < f->from)
		return 0;
	if (f->to != TL_DAY_NONE && m->window.start > f->to)
		return 0;
	if (f->statuses != 0 && !(f->statuses & (1u << m->status)))
		return 0;
	if (f->ntimelines > 0 &&
	    !in_list(m->timeline->name, f->timelines, f->ntimelines))
		return 0;
	return f->ntags == 0 || has_tag(m, f);
}

static int
keeps_every_milestone(const struct tl_filter *f)
{
	return f->from == TL_DAY_NONE && f->to == TL_DAY_NONE &&
	    f->statuses == 0 && f->ntimelines == 0 && f->ntags == 0;
}

static int
select_milestones(struct tl_selection *sel, const struct tl_filter *f)
{
	const struct tl_set *set = sel->set;
	const struct tl_milestone **items;
	size_t i, n;

	if (keeps_every_milestone(f)) {
		sel->items = (const struct tl_milestone *const *)set->items;
		sel->count = set->count;
		return 0;
	}
	if (set->count > SIZE_MAX / sizeof(*items) || (items =
	    malloc((set->count ? set->count : 1) * sizeof(*items))) == NULL)
		return TL_ENOMEM;
	for (i = n = 0; i < set->count; i++)
		if (kept(set->items[i], f))
			items[n++] = set->items[i];
	sel->own_items = items;
	sel->items = items;
	sel->count = n;
	return 0;
}

static int
select_timelines(struct tl_selection *sel, const struct tl_filter *f)
{
	const struct tl_set *set = sel->set;
	const struct tl_timeline_rec **t;
	size_t i, n;

	if (f->ntimelines == 0) {
		sel->timelines =
		    (const struct tl_timeline_rec *const *)set->by_name;
		sel->ntimelines = set->nby_name;
		return 0;
	}
	if ((t = malloc((set->nby_name ? set->nby_name : 1) *
	    sizeof(*t))) == NULL)
		return TL_ENOMEM;
	for (i = n = 0; i < set->nby_name; i++)
		if (in_list(set->by_name[i]->pub.name, f->timelines,
		    f->ntimelines))
			t[n++] = set->by_name[i];
	sel->own_timelines = t;
	sel->timelines = t;
	sel->ntimelines = n;
	return 0;
}

int
tl_select(struct tl_selection **out, const struct tl_set *set,
    const struct tl_filter *f)
{
	struct tl_filter all = TL_FILTER_INIT, sorted;
	struct tl_selection *sel = NULL;
	const char **tags = NULL, **timelines = NULL;
	int error;

	*out = NULL;
	if (f == NULL)
		f = &all;
	/* A set that was only checked has no texts to show; a list that
	 * is counted must be given; statuses of no known status would
	 * keep none (bits beyond them, as in a complement, are left). */
	if (f->version != TL_FILTER_VERSION || set->stage != TL_STAGE_ORDERED ||
	    (set->flags & TL_SET_CHECK_ONLY) ||
	    (f->statuses != 0 &&
	    (f->statuses & ((1u << TL_STATUS_COUNT) - 1)) == 0) ||
	    (f->ntags > 0 && f->tags == NULL) ||
	    (f->ntimelines > 0 && f->timelines == NULL))
		return TL_EINVAL;
	/* The filter with its lists sorted, for in_list(). */
	if ((error = sorted_copy(&tags, f->tags, f->ntags)) < 0 ||
	    (error = sorted_copy(&timelines, f->timelines,
	    f->ntimelines)) < 0)
		goto out;
	sorted = *f;
	sorted.tags = tags;
	sorted.timelines = timelines;
	if ((sel = calloc(1, sizeof(*sel))) == NULL) {
		error = TL_ENOMEM;
		goto out;
	}
	sel->set = set;
	if ((error = select_milestones(sel, &sorted)) < 0 ||
	    (error = select_timelines(sel, &sorted)) < 0) {
		tl_selection_free(sel);
		goto out;
	}
	*out = sel;
out:
	free(tags);
	free(timelines);
	return error;
}

void
tl_selection_free(struct tl_selection *sel)
{
	if (sel == NULL)
		return;
	free(sel->own_items);
	free(sel->own_timelines);
	free(sel);
}

const struct tl_set *
tl_selection_set(const struct tl_selection *sel)
{
	return sel->set;
}

size_t
tl_selection_count(const struct tl_selection *sel)
{
	return sel->count;
}

const struct tl_milestone *
tl_selection_milestone(const struct tl_selection *sel, size_t i)
{
	return i < sel->count ? sel->items[i] : NULL;
}

size_t
tl_selection_timeline_count(const struct tl_selection *sel)
{
	return sel->ntimelines;
}

const struct tl_timeline *
tl_selection_timeline(const struct tl_selection *sel, size_t i)
{
	return i < sel->ntimelines ? &sel->timelines[i]->pub : NULL;
}
