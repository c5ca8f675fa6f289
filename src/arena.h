/*
 * An arena: many small allocations freed together.
 */
#ifndef TIMELINE_ARENA_H
#define TIMELINE_ARENA_H

#include <stddef.h>

struct tl_arena_block;

struct tl_arena {
	struct tl_arena_block *head;	/* the block being filled */
	size_t used;			/* bytes used in head */
	size_t cap;			/* bytes in head */
	size_t total;			/* bytes in every block */
};

#define TL_ARENA_INIT { NULL, 0, 0, 0 }

/*
 * Returns size bytes aligned for any object, or NULL when memory runs
 * out.  The memory lives until tl_arena_dispose() or tl_arena_reset().
 */
void *tl_arena_alloc(struct tl_arena *a, size_t size);

/*
 * The same, aligned to align bytes only (a power of two, at most
 * alignof(max_align_t)): records of millions that need less alignment
 * than any object waste less.
 */
void *tl_arena_alloc_aligned(struct tl_arena *a, size_t size, size_t align);

/*
 * Copies len bytes of s and a NUL into the arena; NULL when memory runs
 * out.
 */
char *tl_arena_strndup(struct tl_arena *a, const char *s, size_t len);


/* Frees every block but the first, which is kept for reuse. */
void tl_arena_reset(struct tl_arena *a);

/* Frees everything; the arena is then empty and may be used again. */
void tl_arena_dispose(struct tl_arena *a);

#endif
