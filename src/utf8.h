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

/*
 * True for the space separators but U+0020: U+00A0, U+1680,
 * U+2000-U+200A, U+202F, U+205F and U+3000.
 */
int tl_is_space_like(uint32_t cp);

/*
 * True for the characters that cannot be seen, or look like a plain
 * space, and so make a quoted value read as what it is not: the space
 * separators but U+0020 (U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F,
 * U+3000) and the invisible format and filler characters that Unicode
 * says to ignore in display (U+00AD, U+034F, U+061C, U+115F, U+1160,
 * U+17B4, U+17B5, U+180B-U+180F, U+200B-U+200F, U+2060-U+2064,
 * U+206A-U+206F, U+3164, U+FEFF, U+FFA0, U+FFF9-U+FFFB, U+1BCA0-U+1BCA3,
 * U+E0000-U+E007F).  Variation selectors are left out: they are part of
 * the emoji and ideographs they follow.
 */
int tl_is_invisible(uint32_t cp);

/*
 * The number of tag characters (U+E0000-U+E007F) in len bytes of UTF-8
 * at s that are not part of the flag of a subdivision (U+1F3F4, 3 to 7
 * tags of lower-case letters and digits, U+E007F: the flag of Scotland
 * is 'gbsct').  Tag characters show nothing, and each stands for an
 * ASCII character: text hidden from the reader that a program reads.
 */
size_t tl_utf8_stray_tags(const char *s, size_t len);

/*
 * True for the dashes that are mistaken for '-': U+2010-U+2015 (hyphens,
 * dashes, horizontal bar) and U+2212 MINUS SIGN.
 */
int tl_is_dash(uint32_t cp);

/*
 * Copies len bytes of s into buf (size bytes, NUL-terminated when size
 * is not 0) with each dash of tl_is_dash() as '-' and each character of
 * tl_is_invisible() left out, for a comparison with what was probably
 * meant.  Returns the length of the whole result (more than size - 1
 * when it did not fit) and sets *first to the first character changed,
 * or 0 when there was none.  Invalid UTF-8 is copied as it is.
 */
size_t tl_utf8_fold(char *buf, size_t size, const char *s, size_t len,
    uint32_t *first);

/*
 * Writes into buf (size bytes) a phrase about cp, a character that
 * tl_utf8_fold() changes: "U+2013 EN DASH is not '-'" for a dash, "it
 * holds U+200B ZERO WIDTH SPACE" for another.  Returns buf.
 */
char *tl_utf8_describe(char *buf, size_t size, uint32_t cp);

/*
 * The character that byte b (0x80-0x9F) stands for in Windows-1252, in
 * UTF-8 (0x93 is U+201C, a curly quote), or NULL for the five bytes it
 * leaves undefined.  A static string.
 */
const char *tl_cp1252(unsigned char b);

#endif
