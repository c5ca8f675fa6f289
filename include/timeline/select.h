/*
 * Selection: the milestones of an ordered set that a filter keeps, as a
 * view that leaves the set unchanged, so that one set can be selected
 * from many times.  Exporters write a selection.
 *
 * Thread safety: a selection only reads its set; several selections of
 * one set may be made and read from several threads at once, as long
 * as no thread changes the set meanwhile.
 *
 * See timeline(5) for the format and timeline(1) for the filters.
 */
#ifndef TIMELINE_SELECT_H
#define TIMELINE_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "set.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * What tl_select() keeps.  Empty lists keep everything; within a list,
 * any entry matches ("any of").  A milestone is kept when its window
 * overlaps [from, to] and it matches every list that is not empty.
 */
struct tl_filter {
	unsigned version;		/* TL_FILTER_VERSION */
	int32_t from;			/* first day kept, or TL_DAY_NONE */
	int32_t to;			/* last day kept, or TL_DAY_NONE */
	const char *const *tags;	/* a milestone with any of these */
	size_t ntags;
	const char *const *timelines;	/* milestones of these timelines */
	size_t ntimelines;
	unsigned statuses;		/* bits (1 << status) of enum
					   tl_status; 0 for all */
};

#define TL_FILTER_VERSION 1
#define TL_FILTER_INIT \
	{ TL_FILTER_VERSION, TL_DAY_NONE, TL_DAY_NONE, NULL, 0, NULL, 0, 0 }

/*
 * Sets *f to the filter that keeps everything.  Returns 0, or TL_EINVAL
 * (f unchanged) when version is not one this library knows.
 */
TL_EXTERN int tl_filter_init(struct tl_filter *f, unsigned version);

struct tl_selection;

/*
 * Makes in *out the selection of set that f keeps (f NULL keeps
 * everything): the kept milestones in the set's order, and the
 * timelines named in f->timelines (every timeline when that list is
 * empty), in name order.  The set must be ordered (tl_set_order()) and
 * must outlive the selection; the filter's lists are not kept.  Returns
 * 0; TL_EINVAL when the set is not ordered, was loaded with
 * TL_SET_CHECK_ONLY, f's version is unknown, a list is NULL with a
 * count above 0, or f->statuses has bits but none of a status (bits
 * from 1 << TL_STATUS_COUNT on are left out: a complement such as
 * ~(1u << TL_STATUS_CANCELLED) keeps every other status); TL_ENOMEM.
 * On failure *out is NULL.
 */
TL_EXTERN int tl_select(struct tl_selection **out, const struct tl_set *set,
    const struct tl_filter *f);

/* Frees a selection (not its set); accepts NULL. */
TL_EXTERN void tl_selection_free(struct tl_selection *sel);

/* The set a selection was made from. */
TL_EXTERN const struct tl_set *tl_selection_set(
    const struct tl_selection *sel);

/* Kept milestones in order; i < tl_selection_count(), NULL for i from
 * the count on. */
TL_EXTERN size_t tl_selection_count(const struct tl_selection *sel);
TL_EXTERN const struct tl_milestone *tl_selection_milestone(
    const struct tl_selection *sel, size_t i);

/* Kept timelines in name order; i < tl_selection_timeline_count(),
 * NULL for i from the count on. */
TL_EXTERN size_t tl_selection_timeline_count(const struct tl_selection *sel);
TL_EXTERN const struct tl_timeline *tl_selection_timeline(
    const struct tl_selection *sel, size_t i);

#ifdef __cplusplus
}
#endif

#endif
