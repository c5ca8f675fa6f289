/*
 * Exporters: each writes a selection (select.h) to an open stream.
 *
 * Every exporter takes a selection of an ordered set and its options
 * (NULL for the defaults), writes as it goes, prints no diagnostics,
 * and returns 0 or an error code: TL_EIO when a write fails (what was
 * written stays written: write to a temporary file to replace a file
 * whole), TL_EINVAL when the stream or the selection is NULL or the
 * options' version is unknown (or a value is refused, as each exporter
 * says), TL_ENOMEM.
 * The stream is flushed, not closed.
 *
 * Options structures carry a version: fill one with its _init()
 * function (or its _INIT macro), then set what differs.
 *
 * Thread safety: an exporter only reads the selection and its set.
 * tl_export_ics() uses libical (see set.h).
 *
 * See timeline(1) for what each format holds.
 */
#ifndef TIMELINE_EXPORT_H
#define TIMELINE_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "select.h"

#ifdef __cplusplus
extern "C" {
#endif

struct tl_json_options {
	unsigned version;	/* TL_JSON_OPTIONS_VERSION */
};

#define TL_JSON_OPTIONS_VERSION 1
#define TL_JSON_OPTIONS_INIT { TL_JSON_OPTIONS_VERSION }

/* Sets *opts to the defaults; 0, or TL_EINVAL for an unknown version. */
TL_EXTERN int tl_json_options_init(struct tl_json_options *opts,
    unsigned version);

/*
 * JSON: {"timelines": [...], "milestones": [...]}, the timelines of the
 * selection and its milestones with their fields as written and their
 * windows.
 */
TL_EXTERN int tl_export_json(FILE *out, const struct tl_selection *sel,
    const struct tl_json_options *opts);

enum tl_color {
	TL_COLOR_NEVER = 0,
	TL_COLOR_ALWAYS
};

struct tl_text_options {
	unsigned version;	/* TL_TEXT_OPTIONS_VERSION */
	int32_t today;		/* the day drawn for (see date.h): a day
				   of the years 0001-9999, or TL_DAY_NONE
				   (the default) for no rule of today and
				   nothing overdue; else TL_EINVAL */
	unsigned width;		/* columns, 40 to 10000; fewer are taken
				   as 40, more as 10000 */
	enum tl_color color;	/* TL_COLOR_ALWAYS colours; else none */
	int long_format;	/* add descriptions, places, links, history */
};

#define TL_TEXT_OPTIONS_VERSION 1
#define TL_TEXT_OPTIONS_INIT \
	{ TL_TEXT_OPTIONS_VERSION, TL_DAY_NONE, 80, TL_COLOR_NEVER, 0 }

/* Sets *opts to the defaults; 0, or TL_EINVAL for an unknown version. */
TL_EXTERN int tl_text_options_init(struct tl_text_options *opts,
    unsigned version);

/*
 * The terminal timeline: milestones under year headings, the today
 * line, slips and overdue marks, fitted to opts->width columns; with
 * opts->long_format, the details too, wrapped and never cut (a link
 * wider than the width stands whole on a line of its own).  An empty
 * selection prints a "no milestones" line.
 */
TL_EXTERN int tl_export_text(FILE *out, const struct tl_selection *sel,
    const struct tl_text_options *opts);

enum tl_ics_spans {
	TL_ICS_SPANS_AUTO = 0,
	TL_ICS_SPANS_ALWAYS,
	TL_ICS_SPANS_NEVER
};

struct tl_ics_options {
	unsigned version;	/* TL_ICS_OPTIONS_VERSION */
	enum tl_ics_spans spans;
	int64_t dtstamp;	/* seconds since the epoch, UTC */
};

#define TL_ICS_OPTIONS_VERSION 1
#define TL_ICS_OPTIONS_INIT { TL_ICS_OPTIONS_VERSION, TL_ICS_SPANS_AUTO, 0 }

/*
 * Sets *opts to the defaults of TL_ICS_OPTIONS_INIT for the given
 * version (pass TL_ICS_OPTIONS_VERSION).  Returns 0, or TL_EINVAL for a
 * version this library does not know (*opts is then untouched).
 */
TL_EXTERN int tl_ics_options_init(struct tl_ics_options *opts,
    unsigned version);

/*
 * iCalendar (RFC 5545), as timeline(5) describes it (section
 * ICALENDAR): one VCALENDAR, one VEVENT a milestone.  opts may be NULL
 * for the defaults.  Every milestone is checked before anything is
 * written, so that on TL_EEMPTY, TL_ERANGE and TL_EINVAL out receives
 * nothing.  Returns:
 *
 *   0           the calendar was written;
 *   TL_EEMPTY   no milestone is selected (an iCalendar file needs an
 *               event);
 *   TL_ERANGE   an event would end after 9999-12-31 (see
 *               tl_export_ics_check(), which names them);
 *   TL_EINVAL   opts is not valid (an unknown version or span policy, or
 *               a dtstamp outside the years 0001-9999), or a milestone
 *               cannot be written (an unknown time zone, or a window
 *               that is not resolved);
 *   TL_EIO      a zone's rules could not be read, or writing to out
 *               failed;
 *   TL_ELIMIT   a zone's rules have more changes than are written;
 *   TL_ENOMEM   memory ran out.
 *
 * After TL_EIO, TL_ELIMIT or TL_ENOMEM, out may hold part of the
 * calendar.  A relative date's SEQUENCE counts the milestone it is
 * placed on even when the selection leaves that milestone out.
 */
TL_EXTERN int tl_export_ics(FILE *out, const struct tl_selection *sel,
    const struct tl_ics_options *opts);

/*
 * Appends to diags an error for every milestone of the selection that
 * cannot be exported to iCalendar with opts (NULL for the defaults): an
 * event that would end after 9999-12-31, such as a window ending on
 * that day when the event spans it.  Returns 0, TL_EINVAL for bad opts
 * (an unknown version or span policy), or TL_ENOMEM.
 */
TL_EXTERN int tl_export_ics_check(const struct tl_selection *sel,
    const struct tl_ics_options *opts, struct tl_diags *diags);

/*
 * The SEQUENCE tl_export_ics() gives m's event: its history entries,
 * plus for a relative date the SEQUENCE of the milestone it is placed on
 * (at most INT32_MAX).  m belongs to a resolved set.  An edit that makes
 * it smaller (a relative date made plain) leaves calendar programs that
 * compare SEQUENCE with the event they have.
 */
TL_EXTERN uint32_t tl_ics_sequence(const struct tl_milestone *m);

/*
 * The picture: one self-contained SVG 1.1 document (no script, no
 * reference outside it) of the selection: a time axis, a lane per
 * timeline, a mark for each milestone, labels that never overlap.
 */
#define TL_PICTURE_WIDTH_MIN 480
#define TL_PICTURE_WIDTH_MAX 20000
#define TL_PICTURE_WIDTH_DEFAULT 1200

struct tl_svg_options {
	unsigned version;	/* TL_SVG_OPTIONS_VERSION */
	int32_t today;		/* the today line's day (see date.h), or
				   TL_DAY_NONE (or any day outside the
				   years 0001-9999) for none */
	unsigned width;		/* pixels, TL_PICTURE_WIDTH_MIN to _MAX */
};

#define TL_SVG_OPTIONS_VERSION 1
#define TL_SVG_OPTIONS_INIT \
	{ TL_SVG_OPTIONS_VERSION, TL_DAY_NONE, TL_PICTURE_WIDTH_DEFAULT }

/* Sets *opts to the defaults; 0, or TL_EINVAL for an unknown version. */
TL_EXTERN int tl_svg_options_init(struct tl_svg_options *opts,
    unsigned version);

/*
 * Writes the picture as it goes; the same selection and options give the
 * same bytes.  A selection without milestones gives a picture of the
 * title line over "no milestones".  Returns TL_EINVAL, writing nothing,
 * for a width out of range (or a selection of more than 16,777,215
 * timelines); TL_ENOMEM, writing nothing; else as every exporter.
 */
TL_EXTERN int tl_export_svg(FILE *out, const struct tl_selection *sel,
    const struct tl_svg_options *opts);

/*
 * The page: one HTML5 file, also well-formed XML, holding the picture
 * and a table of the milestones that a small inline script filters and
 * sorts (every row shown without scripts); a Content-Security-Policy
 * forbids every load from elsewhere.
 */
struct tl_html_options {
	unsigned version;	/* TL_HTML_OPTIONS_VERSION */
	int32_t today;		/* as for the picture */
	unsigned width;		/* of the picture, as for the picture */
};

#define TL_HTML_OPTIONS_VERSION 1
#define TL_HTML_OPTIONS_INIT \
	{ TL_HTML_OPTIONS_VERSION, TL_DAY_NONE, TL_PICTURE_WIDTH_DEFAULT }

/* Sets *opts to the defaults; 0, or TL_EINVAL for an unknown version. */
TL_EXTERN int tl_html_options_init(struct tl_html_options *opts,
    unsigned version);

/* Writes the page; returns as tl_export_svg() does. */
TL_EXTERN int tl_export_html(FILE *out, const struct tl_selection *sel,
    const struct tl_html_options *opts);

#ifdef __cplusplus
}
#endif

#endif
