/*
 * Warnings that depend on the day: overdue milestones, and milestones
 * done before their window starts.
 */
#include <stdio.h>

#include "timeline/common.h"
#include "set_internal.h"

int
tl_milestone_is_overdue(const struct tl_milestone *m, int32_t today)
{
	return (m->status == TL_STATUS_PLANNED ||
	    m->status == TL_STATUS_AT_RISK) && m->window.end < today;
}

int
tl_set_warn(const struct tl_set *set, int32_t today, struct tl_diags *diags)
{
	const struct tl_milestone *m;
	char day[16];
	size_t i;
	int error;

	for (i = 0; i < set->count; i++) {
		m = set->items[i];
		if ((m->fields & TL_MS_FLAWED) || tl_ms_timeline_rec(m)->cut)
			continue;	/* its errors say enough */
		if (tl_milestone_is_overdue(m, today)) {
			tl_day_format(day, sizeof(day), m->window.end);
			error = tl_ms_diag(diags, TL_LEVEL_WARNING, "overdue", m,
			    m->line, m->col, "'%s' is %s but its window ended "
			    "%s (overdue)", m->text, tl_status_name(m->status),
			    day);
		} else if (m->status == TL_STATUS_DONE &&
		    m->window.start > today) {
			tl_day_format(day, sizeof(day), m->window.start);
			error = tl_ms_diag(diags, TL_LEVEL_WARNING, "done-early", m,
			    m->line, m->col, "'%s' is done but its window "
			    "starts %s, after today", m->text, day);
		} else {
			continue;
		}
		if (error < 0)
			return error;
	}
	return 0;
}
