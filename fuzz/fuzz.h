/*
 * What the fuzz targets share: libFuzzer's entry point, and checks of
 * the properties every run must have whatever the input.  A broken
 * property is reported on standard error and ends the process with
 * abort(), which libFuzzer records as a crash.
 */
#ifndef TIMELINE_FUZZ_H
#define TIMELINE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "timeline/timeline.h"

/* The day every target draws and warns for: 23 Nov 2026. */
#define FUZZ_TODAY_YEAR 2026
#define FUZZ_TODAY_MONTH 11
#define FUZZ_TODAY_DAY 23

/* DTSTAMP of the iCalendar exports: 2026-11-23T00:00:00Z. */
#define FUZZ_DTSTAMP INT64_C(1795392000)

/* libFuzzer calls this once per input; the replay driver does too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reports a broken property and aborts. */
void fuzz_fail(const char *what, const char *detail, size_t len)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

/*
 * Every diagnostic has a level, a code, a position that is either whole
 * (0:0) or 1-based, and a message that is one line of valid UTF-8
 * without control characters: untrusted text in it must be escaped.
 */
void fuzz_check_diags(const struct tl_diags *diags);

/*
 * The diagnostics as the command line prints them, one a line, into a
 * malloc'd string (free it); NULL when memory runs out.
 */
char *fuzz_format_diags(const struct tl_diags *diags, size_t *len);

/*
 * After tl_set_resolve(): every milestone has a window inside years
 * 0001-9999 that starts before it ends, which its date as written gives
 * again, and they are in the order of SPEC section 4.
 */
void fuzz_check_set(const struct tl_set *set);

/* The text is one valid JSON value, with U+2028 and U+2029 escaped. */
void fuzz_check_json(const char *text, size_t len);

/*
 * The text export: valid UTF-8, no control character but LF and the
 * SGR sequences of colour (only when color), and, outside --long's links,
 * no line wider than width columns.
 */
void fuzz_check_text(const char *text, size_t len, unsigned width,
    int color, int long_format);

/*
 * The iCalendar export: CRLF content lines of at most 75 octets, folded
 * between UTF-8 sequences, no other control character than tab, one
 * VCALENDAR whose BEGIN and END lines nest, and nevents VEVENTs.
 */
void fuzz_check_ics(const char *text, size_t len, size_t nevents);

/*
 * The picture (html 0) or the page (html 1): valid UTF-8 without control
 * characters (the page's script may hold tabs), well-formed XML after an
 * XML declaration or the HTML doctype: tags that nest, quoted attributes
 * without '<', only the five entities and character references, no
 * ']]>' in text, CDATA only in the script, one root.  The picture has no
 * script, href or src; the page exactly one script; neither an event
 * handler attribute (on...).
 */
void fuzz_check_xml(const char *text, size_t len, int html);

#endif
