/*
 * Suggestions: the known name closest to a word that is not one, and
 * the slug a text was probably meant to be.
 */
#include <string.h>

#include "timeline/common.h"
#include "suggest.h"
#include "utf8.h"

/* Longest words compared; longer ones get no suggestion. */
#define SUGGEST_MAX 128

int
tl_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
tl_ascii_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

int
tl_edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	/*
	 * Only distances up to 2 matter, so only the cells within two of
	 * the diagonal are worked out: one further off holds more than 2.
	 * Every value is held at most at 3, and the cells just outside
	 * each row's band read as 3.  A word of n letters costs 5n cells,
	 * not n * n.
	 */
	int rows[3][SUGGEST_MAX + 2], *row, *up, *up2, best, v, before = 0;
	size_t i, j, lo, hi;

	if (la > SUGGEST_MAX || lb > SUGGEST_MAX ||
	    (la > lb ? la - lb : lb - la) > 2)
		return 3;
	for (j = 0; j <= lb + 1; j++)
		rows[0][j] = j < 3 ? (int)j : 3;
	for (i = 1; i <= la; i++) {
		row = rows[i % 3];
		up = rows[(i - 1) % 3];
		up2 = rows[(i + 1) % 3];	/* row i - 2 */
		lo = i > 2 ? i - 2 : 1;
		hi = i + 2 < lb ? i + 2 : lb;
		row[lo - 1] = lo == 1 ? (i < 3 ? (int)i : 3) : 3;
		row[hi + 1] = 3;
		best = row[lo - 1];
		for (j = lo; j <= hi; j++) {
			v = up[j - 1] + (a[i - 1] != b[j - 1]);
			if (up[j] + 1 < v)
				v = up[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			/* Two letters the other way round: one edit. */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && up2[j - 2] + 1 < v)
				v = up2[j - 2] + 1;
			row[j] = v < 3 ? v : 3;
			if (v < best)
				best = v;
		}
		/* A swap reaches back one row more. */
		if (best > 2 && before > 1)
			return 3;
		before = best;
	}
	v = rows[la % 3][lb];
	return v > 2 ? 3 : v;
}

int
tl_suggestable(int d, size_t la, size_t lb)
{
	/* As many edits as the longer has letters keep none of the word:
	 * 'k0' is not a misspelt 'id'. */
	return d <= 2 && (size_t)d < (la > lb ? la : lb);
}

int
tl_same_but_case(const char *a, size_t la, const char *b)
{
	size_t i;

	if (strlen(b) != la)
		return 0;
	for (i = 0; i < la; i++)
		if (tl_ascii_lower((unsigned char)a[i]) !=
		    tl_ascii_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

const char *
tl_closest(const char *word, size_t len, const char *const *names, size_t n)
{
	const char *best = NULL;
	int d, bestd = 3;
	size_t i;

	for (i = 0; i < n; i++)
		if (tl_same_but_case(word, len, names[i]))
			return names[i];
	for (i = 0; i < n; i++) {
		size_t ln = strlen(names[i]);

		d = tl_edit_distance(word, len, names[i], ln);
		if (!tl_suggestable(d, len, ln))
			continue;
		/* Of two as close, the one that starts as the word does:
		 * 'lnk' is 'links' rather than 'end'. */
		if (d < bestd || (d == bestd && len > 0 &&
		    names[i][0] == word[0] && best[0] != word[0])) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

/*
 * The ASCII letters a letter of Latin-1 (U+00C0-U+00FF) is written with
 * in a slug, lower case: 'e' for U+00E9, "ss" for U+00DF; NULL for the
 * two signs among them (U+00D7, U+00F7).
 */
static const char *
latin1_letters(uint32_t cp)
{
	static const char *const letters[64] = {
		"a", "a", "a", "a", "a", "a", "ae", "c",	/* U+00C0 */
		"e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", NULL,	/* U+00D0 */
		"o", "u", "u", "u", "u", "y", "th", "ss",
		"a", "a", "a", "a", "a", "a", "ae", "c",	/* U+00E0 */
		"e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", NULL,	/* U+00F0 */
		"o", "u", "u", "u", "u", "y", "th", "y"
	};

	return cp >= 0xc0 && cp <= 0xff ? letters[cp - 0xc0] : NULL;
}

int
tl_slug_suggest(char *buf, size_t size, const char *text, size_t len)
{
	const char *letters;
	size_t i, k, n = 0, step;
	uint32_t cp;
	int c, dash = 0;

	for (i = 0; i < len && n + 1 < size; i += step) {
		step = 1;
		c = tl_ascii_lower((unsigned char)text[i]);
		letters = NULL;
		if ((unsigned char)c >= 0x80) {
			step = tl_utf8_decode(text + i, len - i, &cp);
			/* What has no width separates nothing. */
			if (cp != TL_UTF8_INVALID && tl_is_invisible(cp) &&
			    !tl_is_space_like(cp))
				continue;
			if (cp != TL_UTF8_INVALID && (tl_is_dash(cp) ||
			    tl_is_invisible(cp))) {
				dash = 1;
				continue;
			}
			/* Other letters than Latin-1's get no guess. */
			if ((letters = latin1_letters(cp)) == NULL)
				return TL_EINVAL;
		}
		if (letters != NULL || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9')) {
			if (dash && n > 0)
				buf[n++] = '-';
			if (letters == NULL && n + 1 < size)
				buf[n++] = (char)c;
			for (k = 0; letters != NULL && letters[k] != '\0' &&
			    n + 1 < size; k++)
				buf[n++] = letters[k];
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (n == 0 || n > 64 || i < len)
		return TL_EINVAL;
	buf[n] = '\0';
	return 0;
}
