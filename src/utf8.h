/*
 * UTF-8 decoding and the control characters the format refuses.
 */
#ifndef TIMELINE_UTF8_H
#define TIMELINE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define TL_UTF8_INVALID UINT32_MAX

/*
 * Decodes the character at s (len > 0 bytes available) into *cp and
 * returns its length in bytes, 1 to 4.  Invalid UTF-8 (overlong forms,
 * surrogates, values past U+10FFFF, cut sequences) returns 1 with *cp
 * set to TL_UTF8_INVALID.
 */
size_t tl_utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * True for the characters no text may hold: U+0000-U+001F, U+007F-U+009F,
 * U+2028, U+2029, U+202A-U+202E and U+2066-U+2069.
 */
int tl_is_control(uint32_t cp);

/*
 * Looks for the first control character (or invalid UTF-8) in len bytes
 * of s; with multiline, LF and tab are allowed.  Returns its byte offset
 * and sets *cp (TL_UTF8_INVALID for invalid UTF-8), or returns len when
 * there is none.
 */
size_t tl_utf8_find_control(const char *s, size_t len, int multiline,
    uint32_t *cp);

/* The number of characters in len bytes of UTF-8. */
size_t tl_utf8_count(const char *s, size_t len);

#endif
