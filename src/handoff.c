/*
 * The hand-off of parsed milestones between two threads (see handoff.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/diag.h"
#include "handoff.h"

/*
 * Batches in the ring: enough that neither thread waits for the other
 * on an uneven milestone, few enough to stay in the processors' caches.
 */
#define HANDOFF_SLOTS 4

struct tl_handoff {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	pthread_t thread;
	struct tl_batch slots[HANDOFF_SLOTS];
	size_t published;		/* batches handed over, in all */
	size_t checked;			/* batches the checker is done with */
	int stopped;			/* the checker has stopped */
	int oom;			/* ... because memory ran out */
	struct tl_load_ctx ctx;		/* the checker's */
};

/* Does what one thread would have done at this entry. */
static void
check_entry(struct tl_load_ctx *ctx, const struct tl_batch_entry *e)
{
	if (e->node != NULL) {
		tl_check_item(ctx, e->node);
	} else if (tl_diags_add(ctx->diags, TL_LEVEL_ERROR, e->code,
	    ctx->file, ctx->file_index, e->line, e->col, "%s",
	    e->message) < 0) {
		ctx->oom = 1;
	}
}

static void *
checker(void *arg)
{
	struct tl_handoff *h = arg;
	const struct tl_batch_entry *e;
	struct tl_batch *b;
	int last;

	for (;;) {
		pthread_mutex_lock(&h->lock);
		while (h->checked == h->published)
			pthread_cond_wait(&h->changed, &h->lock);
		pthread_mutex_unlock(&h->lock);
		b = &h->slots[h->checked % HANDOFF_SLOTS];
		for (e = b->first; e != NULL && !h->ctx.oom; e = e->next)
			check_entry(&h->ctx, e);
		last = b->last;
		pthread_mutex_lock(&h->lock);
		h->checked++;
		if (last || h->ctx.oom) {
			h->stopped = 1;
			h->oom = h->ctx.oom;
		}
		pthread_cond_broadcast(&h->changed);
		pthread_mutex_unlock(&h->lock);
		if (last || h->ctx.oom)
			return NULL;
	}
}

int
tl_handoff_start(struct tl_handoff **out, const struct tl_load_ctx *ctx)
{
	struct tl_handoff *h;

	*out = NULL;
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return -1;
	h->ctx = *ctx;
	h->ctx.oom = 0;
	if (pthread_mutex_init(&h->lock, NULL) != 0) {
		free(h);
		return -1;
	}
	if (pthread_cond_init(&h->changed, NULL) != 0) {
		pthread_mutex_destroy(&h->lock);
		free(h);
		return -1;
	}
	if (pthread_create(&h->thread, NULL, checker, h) != 0) {
		pthread_cond_destroy(&h->changed);
		pthread_mutex_destroy(&h->lock);
		free(h);
		return -1;
	}
	*out = h;
	return 0;
}

struct tl_batch *
tl_handoff_claim(struct tl_handoff *h)
{
	struct tl_batch *b;
	int stopped;

	pthread_mutex_lock(&h->lock);
	while (h->published - h->checked == HANDOFF_SLOTS && !h->stopped)
		pthread_cond_wait(&h->changed, &h->lock);
	stopped = h->stopped;
	pthread_mutex_unlock(&h->lock);
	if (stopped)
		return NULL;
	/* The checker is done with this slot: its memory can be reused. */
	b = &h->slots[h->published % HANDOFF_SLOTS];
	tl_arena_reset(&b->arena);
	b->first = NULL;
	b->tail = &b->first;
	b->milestones = 0;
	b->last = 0;
	return b;
}

void
tl_handoff_publish(struct tl_handoff *h)
{
	pthread_mutex_lock(&h->lock);
	h->published++;
	pthread_cond_broadcast(&h->changed);
	pthread_mutex_unlock(&h->lock);
}

static struct tl_batch_entry *
add_entry(struct tl_batch *b)
{
	struct tl_batch_entry *e;

	if ((e = tl_arena_alloc(&b->arena, sizeof(*e))) == NULL)
		return NULL;
	memset(e, 0, sizeof(*e));
	*b->tail = e;
	b->tail = &e->next;
	return e;
}

int
tl_batch_add_node(struct tl_batch *b, const struct tl_node *node)
{
	struct tl_batch_entry *e;

	if ((e = add_entry(b)) == NULL)
		return TL_ENOMEM;
	e->node = node;
	b->milestones++;
	return 0;
}

int
tl_batch_add_error(struct tl_batch *b, const char *code, uint32_t line,
    uint32_t col, const char *message)
{
	struct tl_batch_entry *e;
	char *copy;

	if ((copy = tl_arena_strndup(&b->arena, message,
	    strlen(message))) == NULL || (e = add_entry(b)) == NULL)
		return TL_ENOMEM;
	e->code = code;
	e->line = line;
	e->col = col;
	e->message = copy;
	return 0;
}

int
tl_handoff_finish(struct tl_handoff *h, int claimed)
{
	int oom;
	size_t i;

	if (claimed) {
		h->slots[h->published % HANDOFF_SLOTS].last = 1;
		tl_handoff_publish(h);
	} else {
		/* Nothing claimed: an empty last batch ends the checker. */
		struct tl_batch *b = tl_handoff_claim(h);
		if (b != NULL) {
			b->last = 1;
			tl_handoff_publish(h);
		}
	}
	pthread_join(h->thread, NULL);
	oom = h->oom;
	for (i = 0; i < HANDOFF_SLOTS; i++)
		tl_arena_dispose(&h->slots[i].arena);
	pthread_cond_destroy(&h->changed);
	pthread_mutex_destroy(&h->lock);
	free(h);
	return oom;
}
