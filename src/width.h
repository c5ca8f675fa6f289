/*
 * Display width of UTF-8 text in a terminal, without the locale.
 *
 * The answer depends only on the text: East Asian Wide and Fullwidth
 * characters (CJK, most emoji) take two columns, combining marks and
 * format characters none, everything else one; a one-column character
 * followed by U+FE0F (VS16, which asks for its emoji form: a red heart)
 * takes two, as terminals draw it.  Control characters
 * (tl_is_control() in utf8.h), which must never reach a terminal raw,
 * count one column, the width of the visible substitute a careful
 * writer puts in their place; so does each byte that tl_utf8_decode()
 * finds invalid.
 */
#ifndef TIMELINE_WIDTH_H
#define TIMELINE_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Columns taken by one code point: 0, 1 or 2.  Control characters and
 * TL_UTF8_INVALID take 1 (see above).
 */
int tl_width_cp(uint32_t cp);

/* Columns taken by len bytes of text. */
size_t tl_width_text(const char *s, size_t len);

/*
 * The longest prefix of s (len bytes) that fits in cols columns, in
 * bytes; its width goes to *used when used is not NULL.  The prefix
 * never ends inside a UTF-8 sequence, and it keeps the zero-width code
 * points (combining marks) that follow the last code point it holds.
 * Characters joined by a zero-width joiner (U+200D), as in emoji of
 * families, and the two letters of a flag are kept together or left
 * out together.
 */
size_t tl_width_prefix(const char *s, size_t len, size_t cols,
    size_t *used);

/*
 * Where text may be cut: a character goes with the one before it after
 * a zero-width joiner (U+200D), as the second letter of a flag, when it
 * is VS16 (U+FE0F), a skin tone (U+1F3FB to U+1F3FF) or a spacing mark
 * (a vowel sign that takes a column, as U+093F), and as the next letter
 * of an Indic conjunct after a virama.  Start with a zeroed struct;
 * tl_cluster_next() takes the characters in order and says whether cp
 * is joined to the one before it.
 */
struct tl_cluster {
	int joined;		/* the last character was U+200D */
	int flag_open;		/* the last was a flag's first letter */
	int toned;		/* the last was a skin tone */
	uint32_t linked;	/* a virama with no letter after it yet */
};

int tl_cluster_next(struct tl_cluster *c, uint32_t cp);

#endif
