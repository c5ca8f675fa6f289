/*
 * In-place radix sort of 64-bit numbers (sort.h).
 */
#include "sort.h"

/* Buckets this small are sorted by insertion. */
#define SMALL 64

static void
insertion(uint64_t *a, size_t n)
{
	size_t i, j;
	uint64_t t;

	for (i = 1; i < n; i++) {
		t = a[i];
		for (j = i; j > 0 && a[j - 1] > t; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

/* Sorts a[0..n), whose numbers agree above bit shift + 7. */
static void
by_byte(uint64_t *a, size_t n, unsigned shift)
{
	size_t begin[257], next[256], i, j, k;
	uint64_t t;

	if (n <= SMALL) {
		insertion(a, n);
		return;
	}
	/* Bytes every number shares decide nothing: skip them. */
	for (i = 1, t = 0; i < n; i++)
		t |= a[i] ^ a[0];
	if (t == 0)
		return;
	while (shift > 0 && (t >> shift) == 0)
		shift -= 8;
	for (k = 0; k <= 256; k++)
		begin[k] = 0;
	for (i = 0; i < n; i++)
		begin[((a[i] >> shift) & 0xff) + 1]++;
	for (k = 0; k < 256; k++) {
		begin[k + 1] += begin[k];
		next[k] = begin[k];
	}
	/* Each swap puts one number in its bucket for good. */
	for (k = 0; k < 256; k++) {
		while (next[k] < begin[k + 1]) {
			i = next[k];
			j = (a[i] >> shift) & 0xff;
			if (j == k) {
				next[k]++;
				continue;
			}
			j = next[j]++;
			t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
	if (shift == 0)
		return;
	for (k = 0; k < 256; k++)
		by_byte(a + begin[k], begin[k + 1] - begin[k], shift - 8);
}

void
tl_sort_u64(uint64_t *a, size_t n)
{
	by_byte(a, n, 56);
}
