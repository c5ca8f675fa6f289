/*
 * Where one milestone's parts stand in its file, as byte offsets: what
 * the editor needs to change a value without printing the YAML again.
 * Found by the reader (src/read.c), the only file that reads YAML.
 */
#ifndef TIMELINE_SPANS_H
#define TIMELINE_SPANS_H

#include <stddef.h>
#include <stdint.h>

#include "source.h"

/* What a span holds. */
enum tl_span_kind {
	TL_SPAN_PLAIN = 0,	/* a plain scalar */
	TL_SPAN_SINGLE,		/* a 'single-quoted' scalar */
	TL_SPAN_DOUBLE,		/* a "double-quoted" scalar */
	TL_SPAN_LITERAL,	/* a block scalar (| or >) */
	TL_SPAN_BLOCK_MAP,
	TL_SPAN_FLOW_MAP,
	TL_SPAN_BLOCK_SEQ,
	TL_SPAN_FLOW_SEQ
};

/*
 * Bytes [start, end) of the file.  For a block collection, end is the
 * end of its last value (not where the next token begins).  For a flow
 * collection, start is at its '{' or '[' and end just after its '}' or
 * ']'; close is the offset of that closing bracket.
 */
struct tl_span {
	size_t start, end, close;
	int kind;			/* enum tl_span_kind */
};

#define TL_SPANS_MAX_KEYS 32

/* One key of the milestone mapping and its value. */
struct tl_span_key {
	struct tl_span key;
	struct tl_span value;
	char name[16];			/* the key's text; "" if longer */
	/*
	 * For a sequence value: its number of items, its first and last
	 * item, and where the first key of each of these two stands (its
	 * start when the item is not a mapping).
	 */
	size_t nitems;
	struct tl_span first, last;
	size_t first_key, last_key;
	/*
	 * A digest of the key and its value as parsed: each scalar's text,
	 * tag and whether it is plain, and the shape of each collection,
	 * however they are written.  Equal digests read the same.
	 */
	uint64_t digest;
};

/* The milestone. */
struct tl_spans {
	struct tl_span map;		/* the milestone's mapping */
	size_t list_key;		/* where 'milestones' starts */
	size_t bom;			/* 3 after a leading BOM, else 0 */
	size_t nkeys;
	struct tl_span_key keys[TL_SPANS_MAX_KEYS];
};

/*
 * Parses the text of src (a whole file, read from its start as the
 * parser asks and only up to the milestone, never held whole) and fills
 * *out with the spans of the milestone whose id is 'id' in the
 * top-level 'milestones' sequence.  Returns 0; TL_ENOENT when no such
 * milestone is there, or when the text is not YAML the loader would
 * accept; TL_ELIMIT when the milestone has more than TL_SPANS_MAX_KEYS
 * keys; TL_EIO when the file cannot be read (src->error); TL_ENOMEM.
 * The caller owns *out.
 */
int tl_spans_find(struct tl_source *src, const char *id,
    struct tl_spans *out);

#endif
