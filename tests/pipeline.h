/*
 * Test helpers: the stages after loading, run as the command line runs
 * them, and exports of a whole set.
 */
#ifndef TIMELINE_TEST_PIPELINE_H
#define TIMELINE_TEST_PIPELINE_H

#include <stdio.h>

#include "timeline/timeline.h"

/* Indexes, resolves and orders set; the first error, or 0. */
static inline int
test_resolve(struct tl_set *set, struct tl_diags *diags)
{
	int error;

	if ((error = tl_set_index(set, diags)) < 0 ||
	    (error = tl_set_resolve(set, diags)) < 0)
		return error;
	return tl_set_order(set);
}

/* Exports every milestone of an ordered set in one format. */
static inline int
test_export_json(FILE *fp, const struct tl_set *set)
{
	struct tl_selection *sel;
	int error;

	if ((error = tl_select(&sel, set, NULL)) < 0)
		return error;
	error = tl_export_json(fp, sel, NULL);
	tl_selection_free(sel);
	return error;
}

static inline int
test_export_text(FILE *fp, const struct tl_set *set,
    const struct tl_text_options *opts)
{
	struct tl_selection *sel;
	int error;

	if ((error = tl_select(&sel, set, NULL)) < 0)
		return error;
	error = tl_export_text(fp, sel, opts);
	tl_selection_free(sel);
	return error;
}

static inline int
test_export_ics(FILE *fp, const struct tl_set *set,
    const struct tl_ics_options *opts)
{
	struct tl_selection *sel;
	int error;

	if ((error = tl_select(&sel, set, NULL)) < 0)
		return error;
	error = tl_export_ics(fp, sel, opts);
	tl_selection_free(sel);
	return error;
}

static inline int
test_export_ics_check(const struct tl_set *set, struct tl_diags *diags)
{
	struct tl_selection *sel;
	int error;

	if ((error = tl_select(&sel, set, NULL)) < 0)
		return error;
	error = tl_export_ics_check(sel, NULL, diags);
	tl_selection_free(sel);
	return error;
}

#endif
