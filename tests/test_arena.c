/*
 * Tests of the arena (src/arena.c): objects of every size, across the
 * blocks that are mapped and opened a step at a time, keep what was
 * written in them, are aligned, and do not overlap; an arena reset or
 * disposed can be filled again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

struct piece {
	unsigned char *p;
	size_t len;
	int is_string;
};

/* The byte at offset i of piece k: different for every piece. */
static unsigned char
pattern(size_t k, size_t i)
{
	return (unsigned char)((k * 131 + i * 7 + (i >> 8)) & 0xff);
}

static size_t
next_size(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	/* Mostly small, as records are; now and then a large one. */
	switch ((*state >> 60) & 15) {
	case 0:
		return (size_t)(*state >> 40) % (3 * 1024 * 1024);
	case 1:
		return (size_t)(*state >> 40) % 70000;
	default:
		return (size_t)(*state >> 40) % 300;
	}
}

/* Fills the arena with n pieces totalling at least total bytes and
 * checks every byte of every piece afterwards. */
static void
fill_and_check(struct tl_arena *a, size_t total, uint64_t seed)
{
	struct piece *pieces = NULL;
	size_t n = 0, cap = 0, sum = 0, k, i;
	unsigned char *scratch = malloc(3 * 1024 * 1024);

	assert_non_null(scratch);
	while (sum < total) {
		size_t len = next_size(&seed);
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			pieces = realloc(pieces, cap * sizeof(*pieces));
			assert_non_null(pieces);
		}
		pieces[n].len = len;
		pieces[n].is_string = (seed >> 20) & 1;
		if (pieces[n].is_string) {
			for (i = 0; i < len; i++)
				scratch[i] = pattern(n, i);
			pieces[n].p = (unsigned char *)tl_arena_strndup(a,
			    (const char *)scratch, len);
			assert_non_null(pieces[n].p);
			assert_int_equal(pieces[n].p[len], 0);
		} else {
			pieces[n].p = tl_arena_alloc(a, len);
			assert_non_null(pieces[n].p);
			assert_int_equal((uintptr_t)pieces[n].p %
			    _Alignof(max_align_t), 0);
			for (i = 0; i < len; i++)
				pieces[n].p[i] = pattern(n, i);
		}
		sum += len;
		n++;
	}
	for (k = 0; k < n; k++)
		for (i = 0; i < pieces[k].len; i++)
			if (pieces[k].p[i] != pattern(k, i))
				fail_msg("piece %zu of %zu bytes changed at %zu",
				    k, pieces[k].len, i);
	assert_true(a->total >= sum);
	free(pieces);
	free(scratch);
}

static void
small_arena_keeps_everything(void **state)
{
	struct tl_arena a = TL_ARENA_INIT;

	(void)state;
	fill_and_check(&a, 100 * 1000, 1);
	tl_arena_dispose(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void
mapped_blocks_keep_everything(void **state)
{
	struct tl_arena a = TL_ARENA_INIT;

	(void)state;
	/* Past several 32 MiB blocks, each opened 2 MiB at a time. */
	fill_and_check(&a, 150 * 1000 * 1000, 2);
	tl_arena_dispose(&a);
}

static void
one_object_larger_than_a_block(void **state)
{
	struct tl_arena a = TL_ARENA_INIT;
	size_t big = 40 * 1024 * 1024, i;
	unsigned char *before, *p, *after;

	(void)state;
	before = tl_arena_alloc(&a, 100);
	assert_non_null(before);
	memset(before, 0x11, 100);
	p = tl_arena_alloc(&a, big);
	assert_non_null(p);
	memset(p, 0x22, big);
	after = tl_arena_alloc(&a, 100);
	assert_non_null(after);
	memset(after, 0x33, 100);
	for (i = 0; i < big; i += 4093)
		assert_int_equal(p[i], 0x22);
	assert_int_equal(p[big - 1], 0x22);
	assert_int_equal(before[99], 0x11);
	assert_int_equal(after[0], 0x33);
	tl_arena_dispose(&a);
}

static void
reset_arena_fills_again(void **state)
{
	struct tl_arena a = TL_ARENA_INIT;
	int round;

	(void)state;
	for (round = 0; round < 3; round++) {
		fill_and_check(&a, 40 * 1000 * 1000, 10 + (uint64_t)round);
		tl_arena_reset(&a);
		assert_int_equal(a.used, 0);
	}
	tl_arena_dispose(&a);
	fill_and_check(&a, 5 * 1000 * 1000, 20);
	tl_arena_dispose(&a);
}

static void
refuses_impossible_sizes(void **state)
{
	struct tl_arena a = TL_ARENA_INIT;

	(void)state;
	assert_null(tl_arena_alloc(&a, SIZE_MAX));
	assert_null(tl_arena_alloc(&a, SIZE_MAX - 8));
	assert_non_null(tl_arena_alloc(&a, 10));
	assert_null(tl_arena_alloc(&a, SIZE_MAX - 4));
	tl_arena_dispose(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_arena_keeps_everything),
		cmocka_unit_test(mapped_blocks_keep_everything),
		cmocka_unit_test(one_object_larger_than_a_block),
		cmocka_unit_test(reset_arena_fills_again),
		cmocka_unit_test(refuses_impossible_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
