/*
 * The hand-off of parsed milestones from the thread that parses a large
 * file to a thread that checks them, so that libyaml's parse and the
 * checking run side by side on two processors.
 *
 * The parser fills a batch (trees of whole milestones, and the
 * diagnostics it found between them, in the order found), publishes it
 * and claims the next; the checker takes batches in the same order and
 * does for each entry what a single thread would have done at that
 * point.  A small ring of batches bounds the memory in flight; each
 * batch's arena is reset only by the parser, when it claims the batch
 * again after the checker is done with it.
 */
#ifndef TIMELINE_HANDOFF_H
#define TIMELINE_HANDOFF_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "node.h"

struct tl_batch_entry {
	struct tl_batch_entry *next;
	const struct tl_node *node;	/* a milestone, or NULL: */
	const char *code;		/* a diagnostic (an error) */
	uint32_t line, col;
	const char *message;
};

struct tl_batch {
	struct tl_arena arena;		/* the trees, entries and messages */
	struct tl_batch_entry *first, **tail;
	size_t milestones;		/* trees in the batch */
	int last;			/* no batch follows */
};

struct tl_handoff;

/*
 * Starts the checker thread, which checks into a copy of ctx.  Returns
 * 0, or -1 when no thread could be started (the caller then checks on
 * its own thread).
 */
int tl_handoff_start(struct tl_handoff **out, const struct tl_load_ctx *ctx);

/*
 * The batch to fill next, empty; waits while every batch is in use.
 * NULL when the checker has stopped (it ran out of memory).
 */
struct tl_batch *tl_handoff_claim(struct tl_handoff *h);

/* Hands the batch claimed last to the checker. */
void tl_handoff_publish(struct tl_handoff *h);

/*
 * Appends a milestone tree (allocated in b->arena) or a diagnostic (its
 * message copied) to b.  0, or TL_ENOMEM.
 */
int tl_batch_add_node(struct tl_batch *b, const struct tl_node *node);
int tl_batch_add_error(struct tl_batch *b, const char *code, uint32_t line,
    uint32_t col, const char *message);

/*
 * Publishes what is left as the last batch (when one is claimed), waits
 * for the checker to finish, and frees everything.  Returns 1 when the
 * checker ran out of memory, else 0.
 */
int tl_handoff_finish(struct tl_handoff *h, int claimed);

#endif
