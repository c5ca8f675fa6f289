/*
 * Tests of the display width of UTF-8 text (src/width.c).
 */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"
#include "width.h"

static size_t
width_of(const char *s)
{
	return tl_width_text(s, strlen(s));
}

static void
width_counts_ascii_one_column_each(void **state)
{
	(void)state;
	assert_int_equal(width_of(""), 0);
	assert_int_equal(width_of("Linux 6.12"), 10);
}

static void
width_counts_cjk_as_two_columns(void **state)
{
	(void)state;
	/* 日本語 (Han), カナ (Katakana), 한국어 (Hangul syllables). */
	assert_int_equal(width_of("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"), 6);
	assert_int_equal(width_of("\xe3\x82\xab\xe3\x83\x8a"), 4);
	assert_int_equal(width_of("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"), 6);
	/* Fullwidth Ａ and the ideographic space. */
	assert_int_equal(width_of("\xef\xbc\xa1\xe3\x80\x80"), 4);
	/* An unassigned code point of CJK Extension B still counts two. */
	assert_int_equal(tl_width_cp(0x2A6DF), 2);
	assert_int_equal(tl_width_cp(0x3FFFD), 2);
}

static void
width_counts_emoji_as_two_columns(void **state)
{
	(void)state;
	/* 😀 U+1F600, 🚀 U+1F680, 🦀 U+1F980, ⌚ U+231A. */
	assert_int_equal(width_of("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(width_of("\xf0\x9f\x9a\x80"), 2);
	assert_int_equal(width_of("\xf0\x9f\xa6\x80"), 2);
	assert_int_equal(width_of("\xe2\x8c\x9a"), 2);
	/* Text-style symbols stay narrow: ✓ U+2713, ✗ U+2717, … U+2026. */
	assert_int_equal(width_of("\xe2\x9c\x93\xe2\x9c\x97\xe2\x80\xa6"), 3);
}

static void
width_counts_combining_marks_as_zero(void **state)
{
	(void)state;
	/* e + COMBINING ACUTE ACCENT, and a Devanagari vowel sign. */
	assert_int_equal(width_of("e\xcc\x81"), 1);
	assert_int_equal(width_of("\xe0\xa4\x95\xe0\xa4\xbf"), 2);
	assert_int_equal(width_of("\xe0\xa4\x95\xe0\xa5\x81"), 1);
	/* Zero width joiner, variation selector 16, BOM. */
	assert_int_equal(tl_width_cp(0x200D), 0);
	assert_int_equal(tl_width_cp(0xFE0F), 0);
	assert_int_equal(tl_width_cp(0xFEFF), 0);
	/* A Hangul medial vowel joins the syllable before it. */
	assert_int_equal(tl_width_cp(0x1161), 0);
	assert_int_equal(tl_width_cp(0x1100), 2);
}

static void
width_counts_joined_emoji_by_their_parts(void **state)
{
	(void)state;
	/* 👩‍💻 is woman, ZWJ, laptop: two wide parts, as wcwidth() says. */
	assert_int_equal(width_of("\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x92\xbb"), 4);
}

static void
width_keeps_visible_format_characters(void **state)
{
	(void)state;
	assert_int_equal(tl_width_cp(0x00AD), 1);	/* soft hyphen */
	assert_int_equal(tl_width_cp(0x0600), 1);	/* Arabic number sign */
}

static void
width_counts_controls_and_invalid_bytes_as_one(void **state)
{
	(void)state;
	assert_int_equal(width_of("\x1b[31m"), 5);
	assert_int_equal(width_of("a\xff" "b"), 3);
	assert_int_equal(tl_width_cp(0x202E), 1);
	assert_int_equal(tl_width_cp(0x2028), 1);
	assert_int_equal(tl_width_cp(0x9B), 1);
	assert_int_equal(tl_width_cp(TL_UTF8_INVALID), 1);
	/* Each byte of a broken sequence gets its own substitute. */
	assert_int_equal(width_of("\xe6\x97"), 2);
}

static void
prefix_never_splits_a_sequence(void **state)
{
	const char *s = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e";
	size_t used;

	(void)state;
	/* Three columns hold one wide character, not one and a half. */
	assert_int_equal(tl_width_prefix(s, strlen(s), 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(tl_width_prefix(s, strlen(s), 4, &used), 6);
	assert_int_equal(used, 4);
	assert_int_equal(tl_width_prefix(s, strlen(s), 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(tl_width_prefix(s, strlen(s), 99, NULL), 9);
}

static void
prefix_keeps_combining_marks_with_their_base(void **state)
{
	const char *s = "ne\xcc\x81" "e";
	size_t used;

	(void)state;
	assert_int_equal(tl_width_prefix(s, strlen(s), 2, &used), 4);
	assert_int_equal(used, 2);
}

static void
prefix_keeps_joined_emoji_whole(void **state)
{
	/* "a", then man ZWJ woman ZWJ girl (2 columns each), then "b". */
	const char *s = "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7" "b";
	/* "a", then the flags of France and Germany (two letters each). */
	const char *f = "a\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
	    "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa";
	size_t used;

	(void)state;
	/* Room for the man alone: the family is cut before, not after a
	 * joiner that would join the line's end mark. */
	assert_int_equal(tl_width_prefix(s, strlen(s), 3, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(tl_width_prefix(s, strlen(s), 6, &used), 1);
	assert_int_equal(tl_width_prefix(s, strlen(s), 7, &used), 19);
	assert_int_equal(used, 7);
	assert_int_equal(tl_width_prefix(s, strlen(s), 8, &used), 20);
	/* A flag is two letters (a column each) or none. */
	assert_int_equal(tl_width_prefix(f, strlen(f), 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(tl_width_prefix(f, strlen(f), 3, &used), 9);
	assert_int_equal(used, 3);
	assert_int_equal(tl_width_prefix(f, strlen(f), 4, &used), 9);
	assert_int_equal(used, 3);
	assert_int_equal(tl_width_prefix(f, strlen(f), 5, &used), 17);
}

static void
prefix_keeps_skin_tones_with_their_emoji(void **state)
{
	/* Thumbs up with a medium skin tone, twice: a modifier goes with
	 * the emoji before it, as a cluster, and is counted as wcwidth()
	 * counts it (two columns). */
	const char *s = "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"
	    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd";
	size_t used;

	(void)state;
	assert_int_equal(tl_width_prefix(s, strlen(s), 6, &used), 8);
	assert_int_equal(used, 4);
	assert_int_equal(tl_width_prefix(s, strlen(s), 3, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(tl_width_prefix(s, strlen(s), 8, &used), 16);
	assert_int_equal(used, 8);
	/* A tone after a tone stands alone: a run of them is no cluster. */
	assert_int_equal(tl_width_prefix("\xf0\x9f\x8f\xbd\xf0\x9f\x8f\xbd", 8,
	    2, &used), 4);
	assert_int_equal(used, 2);
}

static void
prefix_keeps_spacing_vowel_signs_with_their_letter(void **state)
{
	/* Devanagari "kiki": KA U+0915 and VOWEL SIGN I U+093F each take
	 * a column, but the sign belongs to the letter before it.  Thai
	 * "kam kam": KO KAI U+0E01 and SARA AM U+0E33, the same. */
	const char *ki = "\xe0\xa4\x95\xe0\xa4\xbf\xe0\xa4\x95\xe0\xa4\xbf";
	const char *kam = "\xe0\xb8\x81\xe0\xb8\xb3\xe0\xb8\x81\xe0\xb8\xb3";
	size_t used;

	(void)state;
	assert_int_equal(width_of(ki), 4);
	assert_int_equal(tl_width_prefix(ki, strlen(ki), 3, &used), 6);
	assert_int_equal(used, 2);
	assert_int_equal(tl_width_prefix(ki, strlen(ki), 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(tl_width_prefix(kam, strlen(kam), 3, &used), 6);
	assert_int_equal(used, 2);
}

static void
prefix_keeps_a_conjunct_whole(void **state)
{
	/* KA, VIRAMA U+094D, SSA: the conjunct "ksa", two columns, twice;
	 * the letter after the virama is part of it. */
	const char *ksa = "\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7"
	    "\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7";
	size_t used;

	(void)state;
	assert_int_equal(width_of(ksa), 4);
	assert_int_equal(tl_width_prefix(ksa, strlen(ksa), 3, &used), 9);
	assert_int_equal(used, 2);
	assert_int_equal(tl_width_prefix(ksa, strlen(ksa), 1, &used), 0);
	assert_int_equal(used, 0);
	/* No conjunct across a non-joiner (U+200C), nor with a digit
	 * (U+0967) or another block's letter (Bengali KA, U+0995). */
	assert_int_equal(tl_width_prefix("\xe0\xa4\x95\xe0\xa5\x8d"
	    "\xe2\x80\x8c\xe0\xa4\x95", 12, 1, &used), 9);
	assert_int_equal(tl_width_prefix("\xe0\xa4\x95\xe0\xa5\x8d"
	    "\xe0\xa5\xa7", 9, 1, &used), 6);
	assert_int_equal(tl_width_prefix("\xe0\xa4\x95\xe0\xa5\x8d"
	    "\xe0\xa6\x95", 9, 1, &used), 6);
	assert_int_equal(used, 1);
}

static void
width_counts_emoji_presentation_as_two_columns(void **state)
{
	/* U+2764 HEAVY BLACK HEART is one column; with U+FE0F (VS16) it
	 * is the red emoji, which terminals draw two columns wide. */
	const char *heart = "\xe2\x9d\xa4";
	const char *red = "\xe2\x9d\xa4\xef\xb8\x8f";
	const char *s = "a\xe2\x9d\xa4\xef\xb8\x8f" "b";
	size_t used;

	(void)state;
	assert_int_equal(width_of(heart), 1);
	assert_int_equal(width_of(red), 2);
	/* A wide character asks no more of VS16. */
	assert_int_equal(width_of("\xf0\x9f\xa6\x80\xef\xb8\x8f"), 2);
	/* VS16 alone, or twice, adds nothing more. */
	assert_int_equal(width_of("\xef\xb8\x8f"), 0);
	assert_int_equal(width_of("\xe2\x9d\xa4\xef\xb8\x8f\xef\xb8\x8f"),
	    2);
	/* The heart and its VS16 are cut together. */
	assert_int_equal(tl_width_prefix(s, strlen(s), 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(tl_width_prefix(s, strlen(s), 3, &used), 7);
	assert_int_equal(used, 3);
	assert_int_equal(tl_width_prefix(s, strlen(s), 4, &used), 8);
	assert_int_equal(used, 4);
}

static void
width_ignores_the_locale(void **state)
{
	const char *s = "\xe6\x97\xa5\xf0\x9f\xa6\x80" "e\xcc\x81";
	size_t in_c, in_utf8;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	in_c = width_of(s);
	assert_int_equal(in_c, 5);
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		skip();
	in_utf8 = width_of(s);
	setlocale(LC_ALL, "C");
	assert_int_equal(in_utf8, in_c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(width_counts_ascii_one_column_each),
		cmocka_unit_test(width_counts_cjk_as_two_columns),
		cmocka_unit_test(width_counts_emoji_as_two_columns),
		cmocka_unit_test(width_counts_combining_marks_as_zero),
		cmocka_unit_test(width_counts_joined_emoji_by_their_parts),
		cmocka_unit_test(width_keeps_visible_format_characters),
		cmocka_unit_test(width_counts_controls_and_invalid_bytes_as_one),
		cmocka_unit_test(prefix_never_splits_a_sequence),
		cmocka_unit_test(prefix_keeps_combining_marks_with_their_base),
		cmocka_unit_test(prefix_keeps_joined_emoji_whole),
		cmocka_unit_test(prefix_keeps_skin_tones_with_their_emoji),
		cmocka_unit_test(prefix_keeps_spacing_vowel_signs_with_their_letter),
		cmocka_unit_test(prefix_keeps_a_conjunct_whole),
		cmocka_unit_test(width_counts_emoji_presentation_as_two_columns),
		cmocka_unit_test(width_ignores_the_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
