/*
 * Display width of UTF-8 text in a terminal, without the locale.
 *
 * The answer depends only on the text: East Asian Wide and Fullwidth
 * characters (CJK, most emoji) take two columns, combining marks and
 * format characters none, everything else one.  Code points that must
 * never reach a terminal raw (see tl_width_is_control()) and bytes that
 * are not valid UTF-8 count as one column: that of the visible
 * substitute a careful writer puts in their place.
 */
#ifndef TIMELINE_WIDTH_H
#define TIMELINE_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* What tl_width_decode() returns in *cp for bytes that are not UTF-8. */
#define TL_WIDTH_INVALID 0xFFFFFFFFu

/*
 * Decodes the code point at the start of s (len > 0 bytes) into *cp and
 * returns the number of bytes it takes, 1 to 4.  Overlong forms,
 * surrogates, values above U+10FFFF and cut sequences are invalid: then
 * *cp is TL_WIDTH_INVALID and the return value covers the longest
 * prefix of a valid sequence (at least one byte), so that each broken
 * sequence is replaced once.
 */
size_t tl_width_decode(const char *s, size_t len, uint32_t *cp);

/*
 * True for the code points SPEC section 1 calls control characters:
 * U+0000-U+001F, U+007F-U+009F, U+2028, U+2029, U+202A-U+202E and
 * U+2066-U+2069; and for TL_WIDTH_INVALID.
 */
int tl_width_is_control(uint32_t cp);

/*
 * Columns taken by one code point: 0, 1 or 2.  Control characters and
 * TL_WIDTH_INVALID take 1 (see above).
 */
int tl_width_cp(uint32_t cp);

/* Columns taken by len bytes of text. */
size_t tl_width_text(const char *s, size_t len);

/*
 * The longest prefix of s (len bytes) that fits in cols columns, in
 * bytes; its width goes to *used when used is not NULL.  The prefix
 * never ends inside a UTF-8 sequence, and it keeps the zero-width code
 * points (combining marks) that follow the last code point it holds.
 */
size_t tl_width_prefix(const char *s, size_t len, size_t cols,
    size_t *used);

#endif
