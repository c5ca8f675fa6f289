/*
 * Exporters: each writes a resolved, ordered set to an open stream.
 *
 * Every exporter takes a read-only set (after tl_set_resolve() and any
 * tl_set_select()), prints no diagnostics, and returns 0 or an error
 * code; a failed write is TL_EIO.
 */
#ifndef TIMELINE_EXPORT_H
#define TIMELINE_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "set.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * JSON (SPEC section 6): {"timelines": [...], "milestones": [...]}.
 */
int tl_export_json(FILE *out, const struct tl_set *set);

enum tl_color {
	TL_COLOR_NEVER = 0,
	TL_COLOR_ALWAYS
};

struct tl_text_options {
	int32_t today;		/* the day drawn for (see date.h) */
	unsigned width;		/* columns, at least 40 */
	enum tl_color color;
	int long_format;	/* add descriptions, links, noted */
};

#define TL_TEXT_OPTIONS_INIT { 0, 80, TL_COLOR_NEVER, 0 }

/*
 * The terminal timeline (SPEC section 6, "Text").
 */
int tl_export_text(FILE *out, const struct tl_set *set,
    const struct tl_text_options *opts);

enum tl_ics_spans {
	TL_ICS_SPANS_AUTO = 0,
	TL_ICS_SPANS_ALWAYS,
	TL_ICS_SPANS_NEVER
};

struct tl_ics_options {
	enum tl_ics_spans spans;
	int64_t dtstamp;	/* seconds since the epoch, UTC */
};

#define TL_ICS_OPTIONS_INIT { TL_ICS_SPANS_AUTO, 0 }

/*
 * iCalendar (SPEC section 6).  Returns TL_EEMPTY, writing nothing, when
 * no milestone is selected, and TL_ERANGE, writing nothing, when a
 * window ends on 9999-12-31 (see tl_export_ics_check()).
 */
int tl_export_ics(FILE *out, const struct tl_set *set,
    const struct tl_ics_options *opts);

/*
 * Appends to diags an error for every milestone of the set that cannot be
 * exported to iCalendar (a window ending on 9999-12-31).  Returns 0 or
 * TL_ENOMEM.
 */
int tl_export_ics_check(const struct tl_set *set, struct tl_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
