/*
 * A small tree of YAML nodes: one milestone, or one top-level value, at
 * a time.  The loader builds it from libyaml's events in a scratch arena;
 * the checker reads it and copies what it keeps into the set.
 */
#ifndef TIMELINE_NODE_H
#define TIMELINE_NODE_H

#include <stddef.h>
#include <stdint.h>

#include "timeline/diag.h"
#include "arena.h"
#include "zone.h"

enum tl_node_kind {
	TL_NODE_SCALAR = 0,
	TL_NODE_SEQUENCE,
	TL_NODE_MAPPING,
	TL_NODE_INVALID		/* an alias: already reported */
};

struct tl_node {
	uint8_t kind;		/* enum tl_node_kind */
	uint8_t empty;		/* a plain scalar with no text: no value */
	uint8_t plain;		/* a scalar written without quotes */
	uint8_t comment;	/* empty: a ' #' comment follows its key,
				   or its '-' in a list */
	uint8_t cut;		/* collection: entries past the most a
				   milestone may hold were not kept */
	uint8_t spans;		/* a plain scalar over several lines:
				   how many lines after its first it
				   ends on (at most 255), where it may
				   have taken in a key by mistake */
	uint8_t hash_after;	/* the text of a title or a location,
				   followed on its line by ' #' and a
				   letter or digit: a comment, which YAML
				   drops ("PR #1234") */
	uint32_t mark_line;	/* libyaml's 0-based start of the node: */
	uint32_t mark_col;	/* tl_node_where() turns it into the editor's */
	const char *text;	/* scalar: NUL-terminated */
	size_t len;		/* scalar: bytes of text */
	struct tl_node *child;	/* first item; mappings alternate key, value */
	struct tl_node *next;	/* next sibling */
	size_t count;		/* items (a mapping counts keys and values) */
};

struct tl_input;

/* What the checker needs of the file being loaded. */
struct tl_load_ctx {
	struct tl_set *set;
	struct tl_diags *diags;
	size_t diags_from;		/* diagnostics before this file's */
	const char *file;		/* the set's copy of the name */
	uint32_t file_index;
	struct tl_timeline_rec *timeline; /* of this file */
	struct tl_arena *scratch;	/* freed after each milestone */
	const struct tl_input *input;	/* for tl_node_where() */
	struct tl_zone_memo zones;	/* the zones of this file */
	int oom;			/* an allocation failed */
	int io;				/* errno of a file the check could
					   not read (a time zone's), or 0 */
	int cut;			/* a YAML error cut the mapping short */
	unsigned split_keys;		/* the keys of a milestone written as
					   items of one key each so far */
};

/*
 * Checks one item of the milestones sequence (check.c): a mapping is
 * checked and added to the set, any other node is an error.  Running
 * out of memory sets ctx->oom.
 */
void tl_check_item(struct tl_load_ctx *ctx, const struct tl_node *item);

/*
 * Checks the top-level mapping of a file, whose "milestones" value was
 * given to tl_check_item item by item and is passed here as milestones
 * (a node without children, or NULL when absent).  Fills the file's
 * timeline.  Returns 0 or TL_ENOMEM.
 */
int tl_check_header(struct tl_load_ctx *ctx, const struct tl_node *root,
    const struct tl_node *milestones);

/*
 * Where a node starts, as editors count lines and columns (1-based):
 * computed when asked, since nearly every node is never reported.
 */
void tl_node_where(const struct tl_load_ctx *ctx, const struct tl_node *n,
    uint32_t *line, uint32_t *col);

/* Reports an error at a node; 0 or TL_ENOMEM. */
int tl_node_error(struct tl_load_ctx *ctx, const char *code,
    const struct tl_node *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
