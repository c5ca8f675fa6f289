/*
 * Tests of the in-place radix sort (src/sort.c) against qsort(): random
 * numbers, numbers that share their top bytes or differ only in the low
 * ones, repeated numbers, and the sizes either side of insertion.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sort.h"

static uint64_t
next_random(uint64_t *state)
{
	/* xorshift64*: the same numbers on every platform. */
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 2685821657736338717ULL;
}

static int
u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/* Sorts a copy of a both ways and compares. */
static void
assert_sorts_like_qsort(const uint64_t *a, size_t n)
{
	uint64_t *mine = malloc((n ? n : 1) * sizeof(*mine));
	uint64_t *theirs = malloc((n ? n : 1) * sizeof(*theirs));

	assert_non_null(mine);
	assert_non_null(theirs);
	if (n > 0) {
		memcpy(mine, a, n * sizeof(*a));
		memcpy(theirs, a, n * sizeof(*a));
	}
	tl_sort_u64(mine, n);
	qsort(theirs, n, sizeof(*theirs), u64_cmp);
	if (n > 0)
		assert_memory_equal(mine, theirs, n * sizeof(*mine));
	free(mine);
	free(theirs);
}

/* n numbers: random bits under mask, above base. */
static void
assert_sorts(size_t n, uint64_t base, uint64_t mask, uint64_t seed)
{
	uint64_t *a = malloc((n ? n : 1) * sizeof(*a)), state = seed;
	size_t i;

	assert_non_null(a);
	for (i = 0; i < n; i++)
		a[i] = base | (next_random(&state) & mask);
	assert_sorts_like_qsort(a, n);
	free(a);
}

static void
sort_orders_random_numbers(void **state)
{
	size_t sizes[] = { 0, 1, 2, 31, 32, 33, 63, 64, 65, 255, 256, 257, 1000,
	    100000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		assert_sorts(sizes[i], 0, UINT64_MAX, 1 + i);
}

static void
sort_orders_numbers_that_share_bytes(void **state)
{
	(void)state;
	/* Top bytes alike, as day numbers above a place. */
	assert_sorts(50000, 0x800b2a0000000000ULL, 0x0000ffffffffffffULL, 7);
	/* Only the low byte differs; only the top byte differs. */
	assert_sorts(5000, 0x1234567812345600ULL, 0xffULL, 8);
	assert_sorts(5000, 0x0034567812345678ULL, 0xff00000000000000ULL, 9);
	/* Few values, many times each. */
	assert_sorts(20000, 0, 0x0300000000000003ULL, 10);
}

static void
sort_orders_equal_and_ordered_numbers(void **state)
{
	uint64_t a[3000];
	size_t i;

	(void)state;
	for (i = 0; i < 3000; i++)
		a[i] = 42;
	assert_sorts_like_qsort(a, 3000);
	for (i = 0; i < 3000; i++)
		a[i] = i * 0x0101010101ULL;
	assert_sorts_like_qsort(a, 3000);
	for (i = 0; i < 3000; i++)
		a[i] = UINT64_MAX - i;
	assert_sorts_like_qsort(a, 3000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sort_orders_random_numbers),
		cmocka_unit_test(sort_orders_numbers_that_share_bytes),
		cmocka_unit_test(sort_orders_equal_and_ordered_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
