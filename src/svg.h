/*
 * The picture's writer, shared by the SVG exporter and the page that
 * holds the picture inline.
 */
#ifndef TIMELINE_SVG_H
#define TIMELINE_SVG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "timeline/export.h"

#define XW_SIZE (64 * 1024)

/* The most timeline titles a heading or a <title> names; past them,
 * the rest are counted ("and 12 more"). */
#define TITLES_MAX 8

/*
 * A buffered writer on a stream: stdio's per-call locking is a large
 * part of the cost of writing many small pieces.  After a failed write
 * it writes nothing more and error is set.
 */
struct xw {
	FILE *out;
	size_t len;
	int error;
	char buf[XW_SIZE];
};

void tl_xw_init(struct xw *w, FILE *out);
/* Writes what is buffered; returns 0, or TL_EIO when a write failed. */
int tl_xw_flush(struct xw *w);
void tl_xw_put(struct xw *w, const char *p, size_t n);
void tl_xw_s(struct xw *w, const char *s);
void tl_xw_c(struct xw *w, char c);
/* A whole number, and a number with at most one decimal ("12.5"). */
void tl_xw_int(struct xw *w, long v);
void tl_xw_num(struct xw *w, double v);

/*
 * Writes len bytes of UTF-8 text as XML character data, also fit for an
 * attribute value: & < > " ' escaped; control characters (utf8.h),
 * characters XML 1.0 does not allow and invalid UTF-8 become U+FFFD;
 * a carriage return becomes a space, and so do line feeds and tabs
 * with one_line.
 */
void tl_xw_text(struct xw *w, const char *s, size_t len, int one_line);

/*
 * Writes len bytes of data text (a title) as tl_xw_text() does on one
 * line, isolated from the text around it: between U+2068 FIRST STRONG
 * ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so that it reads in its own
 * direction and takes none of the tool's words, numbers and punctuation
 * beside it into a right-to-left run.  With cut, an ellipsis ends it
 * inside the isolate: at its logical end, the left of a right-to-left
 * text.
 */
void tl_xw_isolate(struct xw *w, const char *s, size_t len, int cut);

/* Writes the string s of data text in a <bdi> element, for markup that
 * isolates it as tl_xw_isolate() does in plain text. */
void tl_xw_bdi(struct xw *w, const char *s);

/*
 * Writes the date of m in words, with its year, and a time of day with
 * its zone as show writes them ("4 May 2027 14:00 Europe/London"); with
 * markup (the page, not the picture), the zone may break after each '/'
 * (<wbr/>), so that a narrow column does not cut 'Los_Angeles'.
 */
struct tl_milestone;
void tl_xw_when(struct xw *w, const struct tl_milestone *m, int markup);

/*
 * Writes what the words of m's window do not say, as the picture's
 * tooltip says it: a relative date's offset and the milestone it hangs
 * on (", ~3m after ID"), the latest earlier estimate (", was May
 * 2026").  The id is isolated: in a <bdi> element with markup (the
 * notes in a <span class="dn">), else between U+2068 and U+2069.
 */
void tl_xw_date_notes(struct xw *w, const struct tl_milestone *m, int markup);

/* The layout of a picture: where each mark and label stands. */
struct pic;

/*
 * Lays out the picture of the selection into *out, which tl_svg_free()
 * frees; everything that may fail is done here, before a byte is
 * written.  Returns 0, TL_EEMPTY (no milestone), TL_EINVAL (a width out
 * of range) or TL_ENOMEM, with *out NULL.
 */
int tl_svg_layout(struct pic **out, const struct tl_selection *sel,
    int32_t today, unsigned width);

/*
 * Draws the picture laid out in p.  With standalone, an XML declaration
 * comes first; without, the <svg> element alone, for an HTML page.  A
 * failed write shows in w->error.
 */
void tl_svg_write(struct xw *w, const struct pic *p, int standalone);

void tl_svg_free(struct pic *p);

#endif
