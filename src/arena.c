/*
 * A bump allocator over a list of blocks, freed all at once.
 */
/* MAP_ANONYMOUS is not in POSIX.1-2008. */
#define _DEFAULT_SOURCE 1

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"

struct tl_arena_block {
	struct tl_arena_block *next;
	size_t cap;
	size_t mapped;		/* bytes mapped with mmap, or 0 if malloc'd */
	max_align_t data[];
};

/*
 * Blocks double from 64 KiB up to 32 MiB.  Blocks of 2 MiB and more are
 * mapped directly and opened 2 MiB at a time (arena_extend()), so that
 * pages never reached cost nothing.  They are not offered huge pages: a
 * huge page is resident whole, so a partly filled block would hold up to
 * 2 MiB that nobody used, for no gain in time (measured).
 */
#define ARENA_MIN_BLOCK ((size_t)64 * 1024)
#define ARENA_MAX_BLOCK ((size_t)32 * 1024 * 1024)
#define ARENA_MAP_BLOCK ((size_t)2 * 1024 * 1024)
#define ARENA_ALIGN TL_ARENA_ALIGN

static void
block_free(struct tl_arena_block *b)
{
	if (b->mapped)
		munmap(b, b->mapped);
	else
		free(b);
}

/*
 * A mapped block is opened ARENA_MAP_BLOCK at a time, each step's pages
 * made resident in one call (MADV_POPULATE_WRITE, Linux 5.14; where it
 * is missing, pages come one fault each as before): a page fault a page
 * costs more than the zeroing.  Opens steps until need bytes fit; 0, or
 * -1 when the block is full.
 */
static int
arena_extend(struct tl_arena *a, size_t need)
{
	struct tl_arena_block *b = a->head;
	size_t from, to;

	if (b == NULL || !b->mapped || a->cap >= b->cap || need > b->cap)
		return -1;
	from = sizeof(*b) + a->cap;
	to = sizeof(*b) + need;
	to = (to + ARENA_MAP_BLOCK - 1) & ~(ARENA_MAP_BLOCK - 1);
	if (to > b->mapped)
		to = b->mapped;
#if defined(MADV_POPULATE_WRITE)
	{
		size_t start = from & ~(ARENA_MAP_BLOCK - 1);
		(void)madvise((char *)b + start, to - start,
		    MADV_POPULATE_WRITE);
	}
#endif
	a->cap = to - sizeof(*b);
	return 0;
}

static int
arena_grow(struct tl_arena *a, size_t need)
{
	struct tl_arena_block *b;
	size_t cap;

	/* Blocks double up to a cap so that small sets stay small. */
	cap = a->head ? a->head->cap * 2 : ARENA_MIN_BLOCK;
	if (cap > ARENA_MAX_BLOCK)
		cap = ARENA_MAX_BLOCK;
	if (cap < need)
		cap = need;
	if (cap > SIZE_MAX - sizeof(*b) - ARENA_MAP_BLOCK)
		return -1;
	if (sizeof(*b) + cap >= ARENA_MAP_BLOCK) {
		size_t len = (sizeof(*b) + cap + ARENA_MAP_BLOCK - 1) &
		    ~(ARENA_MAP_BLOCK - 1);
		void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -1;
		b = p;
		b->mapped = len;
		cap = len - sizeof(*b);
	} else {
		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return -1;
		b->mapped = 0;
	}
	b->next = a->head;
	b->cap = cap;
	a->head = b;
	a->base = (char *)b->data;
	a->used = 0;
	a->cap = b->mapped ? 0 : cap;
	a->total += cap;
	if (b->mapped)
		(void)arena_extend(a, need);
	return 0;
}

void *
tl_arena_alloc_aligned(struct tl_arena *a, size_t size, size_t align)
{
	size_t at;

	if (size > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	/* Strings are packed unaligned: align the next object. */
	at = (a->used + align - 1) & ~(align - 1);
	if (a->head == NULL || at > a->cap || a->cap - at < size) {
		if (at > SIZE_MAX - size || arena_extend(a, at + size) < 0) {
			if (arena_grow(a, size) < 0)
				return NULL;
			at = 0;
		}
	}
	a->used = at + size;
	return (char *)a->head->data + at;
}

void *
tl_arena_alloc_new_block(struct tl_arena *a, size_t size)
{
	return tl_arena_alloc_aligned(a, size, ARENA_ALIGN);
}

char *
tl_arena_strndup_new_block(struct tl_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX || (p = tl_arena_alloc(a, len + 1)) == NULL)
		return NULL;
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
		block_free(b);
	}
	a->head->next = NULL;
	a->used = 0;
	if (!a->head->mapped)
		a->cap = a->head->cap;	/* a mapped one keeps its steps */
	a->total = a->head->cap;
}

void
tl_arena_dispose(struct tl_arena *a)
{
	struct tl_arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		block_free(b);
	}
	a->head = NULL;
	a->base = NULL;
	a->used = a->cap = a->total = 0;
}
