/*
 * An arena: many small allocations freed together.
 */
#ifndef TIMELINE_ARENA_H
#define TIMELINE_ARENA_H

#include <stddef.h>
#include <string.h>

struct tl_arena_block;

struct tl_arena {
	struct tl_arena_block *head;	/* the block being filled */
	char *base;			/* its first byte */
	size_t used;			/* bytes used in head */
	size_t cap;			/* bytes in head */
	size_t total;			/* bytes in every block */
};

#define TL_ARENA_INIT { NULL, NULL, 0, 0, 0 }

/* What every allocation but strings is aligned to. */
#define TL_ARENA_ALIGN (sizeof(max_align_t))

/* The allocations below when the block being filled has no room. */
void *tl_arena_alloc_new_block(struct tl_arena *a, size_t size);
char *tl_arena_strndup_new_block(struct tl_arena *a, const char *s,
    size_t len);

/*
 * Returns size bytes aligned for any object, or NULL when memory runs
 * out.  The memory lives until tl_arena_dispose() or tl_arena_reset().
 */
static inline void *
tl_arena_alloc(struct tl_arena *a, size_t size)
{
	size_t at = (a->used + TL_ARENA_ALIGN - 1) & ~(TL_ARENA_ALIGN - 1);

	if (a->base == NULL || at > a->cap || a->cap - at < size)
		return tl_arena_alloc_new_block(a, size);
	a->used = at + size;
	return a->base + at;
}

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
static inline char *
tl_arena_strndup(struct tl_arena *a, const char *s, size_t len)
{
	char *p;

	/* Strings need no alignment: pack them byte by byte. */
	if (a->base == NULL || len >= a->cap - a->used)
		return tl_arena_strndup_new_block(a, s, len);
	p = a->base + a->used;
	a->used += len + 1;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}


/* Frees every block but the first, which is kept for reuse. */
void tl_arena_reset(struct tl_arena *a);

/* Frees everything; the arena is then empty and may be used again. */
void tl_arena_dispose(struct tl_arena *a);

#endif
