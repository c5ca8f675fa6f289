/*
 * Suggestions for names that are not known (see also tl_closest() and
 * tl_slug_suggest() in timeline/common.h).
 */
#ifndef TIMELINE_SUGGEST_H
#define TIMELINE_SUGGEST_H

#include <stddef.h>

/* The edit distance of a and b, or 3 when it is more than 2. */
int tl_edit_distance(const char *a, size_t la, const char *b, size_t lb);

#endif
