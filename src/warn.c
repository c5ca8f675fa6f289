/*
 * Warnings about what the data says of today and of each other: overdue
 * milestones, milestones done before their window starts, days noted
 * after today, milestones placed relative to cancelled ones.
 */
#include <stdio.h>

#include "timeline/common.h"
#include "diag_internal.h"
#include "set_internal.h"

int
tl_milestone_is_overdue(const struct tl_milestone *m, int32_t today)
{
	enum tl_status s = tl_milestone_status(m);

	if (today < TL_DAY_MIN || today > TL_DAY_MAX)
		return 0;
	return (s == TL_STATUS_PLANNED || s == TL_STATUS_AT_RISK) &&
	    tl_milestone_window(m)->end < today;
}

/* Warns about a milestone whose window and status disagree today. */
static int
warn_status(struct tl_diags *diags, const struct tl_milestone *m,
    int32_t today)
{
	const struct tl_window *w = tl_milestone_window(m);
	const char *id = tl_milestone_id(m);
	enum tl_status s = tl_milestone_status(m);
	uint32_t line = tl_milestone_line(m), col = tl_milestone_col(m);
	char day[16];

	if (tl_milestone_is_overdue(m, today)) {
		tl_day_format(day, sizeof(day), w->end);
		return tl_ms_diag(diags, TL_LEVEL_WARNING, "overdue", m, line,
		    col, "'%s' is %s but its window ended %s (overdue)", id,
		    tl_status_name(s), day);
	}
	if (s == TL_STATUS_DONE && w->start > today) {
		tl_day_format(day, sizeof(day), w->start);
		return tl_ms_diag(diags, TL_LEVEL_WARNING, "done-early", m,
		    line, col, "'%s' is done but its window starts %s, after "
		    "today (give it the day it was done as its date)", id, day);
	}
	return 0;
}

/* Warns about days noted after today, the milestone's and its history's. */
static int
warn_noted(struct tl_diags *diags, const struct tl_milestone *m,
    int32_t today)
{
	struct tl_history h;
	const char *at, *id = tl_milestone_id(m);
	char day[16];
	size_t i, n = tl_milestone_history_count(m);
	int32_t noted = tl_milestone_noted(m);
	uint32_t line = tl_milestone_line(m), col = tl_milestone_col(m);
	int error;

	if (noted != TL_DAY_NONE && noted > today) {
		tl_day_format(day, sizeof(day), noted);
		if ((error = tl_ms_diag(diags, TL_LEVEL_WARNING, "noted-later",
		    m, line, col, "'%s' was noted %s, after today", id,
		    day)) < 0)
			return error;
	}
	if (n == 0)
		return 0;
	for (at = tl_ms_history_first(m), i = 0; i < n; i++) {
		at = tl_ms_history_next(at, &h);
		if (h.noted == TL_DAY_NONE || h.noted <= today)
			continue;
		tl_day_format(day, sizeof(day), h.noted);
		if ((error = tl_ms_diag(diags, TL_LEVEL_WARNING, "noted-later",
		    m, line, col, "'%s' has an earlier estimate noted %s, "
		    "after today", id, day)) < 0)
			return error;
	}
	return 0;
}

/*
 * Warns about a milestone placed relative to a cancelled one, named as
 * the date writes it: 'marketing/launch' where a bare 'launch' could be
 * the milestone's own timeline's.
 */
static int
warn_reference(struct tl_diags *diags, const struct tl_milestone *m)
{
	const struct tl_milestone *ref = tl_milestone_reference(m);
	int error;

	if (ref == NULL || tl_milestone_status(ref) != TL_STATUS_CANCELLED ||
	    tl_milestone_status(m) == TL_STATUS_CANCELLED)
		return 0;
	error = tl_ms_diag(diags, TL_LEVEL_WARNING, "cancelled-reference", m,
	    tl_milestone_line(m), tl_milestone_col(m), "'%s' is placed "
	    "relative to '%s', which is cancelled", tl_milestone_id(m),
	    tl_milestone_date(m));
	return error < 0 ? error : tl_diags_note_in(diags,
	    tl_milestone_timeline(ref)->file, tl_milestone_file_index(ref),
	    tl_milestone_line(ref), tl_milestone_col(ref), "'%s' is "
	    "cancelled", tl_milestone_id(ref));
}

int
tl_set_warn(const struct tl_set *set, int32_t today, struct tl_diags *diags)
{
	const struct tl_milestone *m;
	size_t i;
	int error;

	if (!tl_set_is_resolved(set) || today < TL_DAY_MIN ||
	    today > TL_DAY_MAX)
		return TL_EINVAL;
	for (i = 0; i < set->count; i++) {
		m = set->items[i];
		if ((m->fields & TL_MS_FLAWED) || tl_ms_timeline_rec(m)->cut)
			continue;	/* its errors say enough */
		if ((error = warn_status(diags, m, today)) < 0 ||
		    (error = warn_noted(diags, m, today)) < 0 ||
		    (error = warn_reference(diags, m)) < 0)
			return error;
	}
	return 0;
}
