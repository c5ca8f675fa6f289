/*
 * Sorting numbers in place, for the index and the order of large sets.
 */
#ifndef TIMELINE_SORT_H
#define TIMELINE_SORT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Sorts n numbers in place, smallest first: by their top byte into 256
 * buckets, each bucket by the next byte, and so on (an American flag
 * sort), with few enough numbers sorted by insertion.  256 buckets keep
 * every place written to in the cache, so a million numbers sort in
 * a few milliseconds; no memory is allocated.
 */
void tl_sort_u64(uint64_t *a, size_t n);

#endif
