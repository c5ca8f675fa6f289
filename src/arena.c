/*
 * A bump allocator over a list of blocks, freed all at once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct tl_arena_block {
	struct tl_arena_block *next;
	size_t cap;
	max_align_t data[];
};

#define ARENA_MIN_BLOCK ((size_t)64 * 1024)
#define ARENA_MAX_BLOCK ((size_t)4 * 1024 * 1024)
#define ARENA_ALIGN (sizeof(max_align_t))

static int
arena_grow(struct tl_arena *a, size_t need)
{
	struct tl_arena_block *b;
	size_t cap;

	/* Blocks double up to a cap so that small sets stay small. */
	cap = a->cap ? a->cap * 2 : ARENA_MIN_BLOCK;
	if (cap > ARENA_MAX_BLOCK)
		cap = ARENA_MAX_BLOCK;
	if (cap < need)
		cap = need;
	if (cap > SIZE_MAX - sizeof(*b))
		return -1;
	if ((b = malloc(sizeof(*b) + cap)) == NULL)
		return -1;
	b->next = a->head;
	b->cap = cap;
	a->head = b;
	a->used = 0;
	a->cap = cap;
	a->total += cap;
	return 0;
}

void *
tl_arena_alloc(struct tl_arena *a, size_t size)
{
	size_t at;

	if (size > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	/* Strings are packed unaligned: align the next object. */
	at = (a->used + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (a->head == NULL || at > a->cap || a->cap - at < size) {
		if (arena_grow(a, size) < 0)
			return NULL;
		at = 0;
	}
	a->used = at + size;
	return (char *)a->head->data + at;
}

char *
tl_arena_strndup(struct tl_arena *a, const char *s, size_t len)
{
	char *p;
	size_t at;

	/* Strings need no alignment: pack them byte by byte. */
	if (len == SIZE_MAX)
		return NULL;
	if (a->head == NULL || a->cap - a->used < len + 1) {
		if ((p = tl_arena_alloc(a, len + 1)) == NULL)
			return NULL;
	} else {
		at = a->used;
		a->used += len + 1;
		p = (char *)a->head->data + at;
	}
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
tl_arena_reset(struct tl_arena *a)
{
	struct tl_arena_block *b, *next;

	if (a->head == NULL)
		return;
	/* Keep the newest (largest) block and free the rest. */
	for (b = a->head->next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
	a->used = 0;
	a->cap = a->head->cap;
	a->total = a->cap;
}

void
tl_arena_dispose(struct tl_arena *a)
{
	struct tl_arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->used = a->cap = a->total = 0;
}
