/*
 * Suggestions for names that are not known (see also tl_closest() and
 * tl_slug_suggest() in timeline/common.h).
 */
#ifndef TIMELINE_SUGGEST_H
#define TIMELINE_SUGGEST_H

#include <stddef.h>

/*
 * The edit distance of a and b (letters inserted, deleted, replaced, or
 * two neighbours swapped, each one edit), or 3 when it is more than 2.
 */
int tl_edit_distance(const char *a, size_t la, const char *b, size_t lb);

/*
 * Whether a word of la letters is worth suggesting for one of lb at edit
 * distance d: two edits at most, and a letter of the word kept.
 */
int tl_suggestable(int d, size_t la, size_t lb);

/* c in ASCII lower or upper case; other bytes as they are, whatever
 * the locale (in Turkish, tolower('I') is not 'i'). */
int tl_ascii_lower(int c);
int tl_ascii_upper(int c);

/*
 * Whether the la bytes at a are the string b but for the case of ASCII
 * letters (whatever the locale).
 */
int tl_same_but_case(const char *a, size_t la, const char *b);

#endif
