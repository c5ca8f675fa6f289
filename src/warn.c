/*
 * Warnings about what the data says of today and of each other: overdue
 * milestones, milestones done before their window starts, days noted
 * after today, milestones placed relative to cancelled ones.
 */
#include <stdio.h>

#include "timeline/common.h"
#include "set_internal.h"

int
tl_milestone_is_overdue(const struct tl_milestone *m, int32_t today)
{
	if (today < TL_DAY_MIN || today > TL_DAY_MAX)
		return 0;
	return (m->status == TL_STATUS_PLANNED ||
	    m->status == TL_STATUS_AT_RISK) && m->window.end < today;
}

/* Warns about a milestone whose window and status disagree today. */
static int
warn_status(struct tl_diags *diags, const struct tl_milestone *m,
    int32_t today)
{
	char day[16];

	if (tl_milestone_is_overdue(m, today)) {
		tl_day_format(day, sizeof(day), m->window.end);
		return tl_ms_diag(diags, TL_LEVEL_WARNING, "overdue", m,
		    m->line, m->col, "'%s' is %s but its window ended %s "
		    "(overdue)", m->text, tl_status_name(m->status), day);
	}
	if (m->status == TL_STATUS_DONE && m->window.start > today) {
		tl_day_format(day, sizeof(day), m->window.start);
		return tl_ms_diag(diags, TL_LEVEL_WARNING, "done-early", m,
		    m->line, m->col, "'%s' is done but its window starts %s, "
		    "after today", m->text, day);
	}
	return 0;
}

/* Warns about days noted after today, the milestone's and its history's. */
static int
warn_noted(struct tl_diags *diags, const struct tl_milestone *m,
    int32_t today)
{
	struct tl_history h;
	const char *at;
	char day[16];
	size_t i, n = tl_milestone_history_count(m);
	int error;

	if (m->noted != TL_DAY_NONE && m->noted > today) {
		tl_day_format(day, sizeof(day), m->noted);
		if ((error = tl_ms_diag(diags, TL_LEVEL_WARNING, "noted-later",
		    m, m->line, m->col, "'%s' was noted %s, after today",
		    m->text, day)) < 0)
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
		    m, m->line, m->col, "'%s' has an earlier estimate noted "
		    "%s, after today", m->text, day)) < 0)
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

	if (ref == NULL || ref->status != TL_STATUS_CANCELLED ||
	    m->status == TL_STATUS_CANCELLED)
		return 0;
	error = tl_ms_diag(diags, TL_LEVEL_WARNING, "cancelled-reference", m,
	    m->line, m->col, "'%s' is placed relative to '%s', which is "
	    "cancelled", m->text, tl_milestone_date(m));
	return error < 0 ? error : tl_diags_note(diags, ref->timeline->file,
	    ref->line, ref->col, "'%s' is cancelled", ref->text);
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
