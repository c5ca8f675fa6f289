/*
 * The loader: reads a file with libyaml's event parser and hands the
 * checker one small tree at a time (one milestone, or one top-level
 * value), so that memory follows the set, not the YAML document.  This
 * is the only file that includes <yaml.h>.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "timeline/common.h"
#include "diag_internal.h"
#include "handoff.h"
#include "load.h"
#include "node.h"
#include "set_internal.h"
#include "utf8.h"

/* Deeper nesting is refused (libyaml's scanner is slow on deep flow). */
#define LOAD_MAX_DEPTH 64

/*
 * Input that cannot be read again (a pipe) keeps its last two chunks and
 * the line and column where they start, so that an encoding problem,
 * which libyaml reports only as a byte offset, can still be placed.
 */
#define CHUNK 16384

/* Milestones in a batch before it is handed to the checking thread. */
#define BATCH_MILESTONES 1024

struct stream_input {
	FILE *fp;
	unsigned char chunk[2][CHUNK];	/* [0] older, [1] newer */
	size_t len[2];
	size_t start;			/* offset of chunk[0] */
	size_t line, col;		/* where chunk[0] starts, 0-based */
	int after_cr;			/* the byte before chunk[0] was CR */
	int bom;			/* the input starts with a BOM */
	uint64_t max;			/* bytes allowed */
	int too_large;			/* the input went past max */
};

/*
 * Input that can be read at any offset (a regular file, or a text in
 * memory), read from pos up to end: the loader reads part of it when
 * other threads read the rest.
 */
struct bounded_input {
	int fd;				/* read with pread() when >= 0; or: */
	const char *data;		/* the text in memory */
	int error;			/* errno of a failed read, or 0 */
	uint64_t base;			/* file offset of byte 0 */
	uint64_t pos, end;		/* next byte to read; where to stop */
	uint64_t size;			/* bytes in all, from byte 0 */
	size_t chunk;			/* most bytes a read gives, or 0 */
};

struct loader {
	yaml_parser_t parser;
	struct bounded_input input;	/* for input read at will */
	struct stream_input *stream;	/* for input read once */
	struct tl_load_ctx ctx;
	struct tl_arena scratch;	/* one milestone's tree */
	struct tl_arena header;		/* the top-level values */
	int depth;
	int stop;			/* a parse error ended the file */
	int pipelined;			/* large: read by two threads */
	struct tl_handoff *handoff;	/* while two threads read */
	struct tl_batch *batch;		/* the batch being filled, or NULL */
	const char *data;		/* the text, when loaded from memory */
	size_t len;
	FILE *fp;			/* the file, when loaded from disk */
	size_t line_base;		/* lines before this loader's input */
	size_t end_line, end_col;	/* where the milestones end */
	int directives;			/* the document has %YAML or %TAG */
	int single;			/* read by one parser only */
	int restart;			/* the file must be read again, whole */
};

static uint32_t
clamp32(size_t v)
{
	return v > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t)v;
}

int
tl_node_error(struct tl_load_ctx *ctx, const char *code,
    const struct tl_node *at, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int error;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error = tl_diags_add(ctx->diags, TL_LEVEL_ERROR, code, ctx->file,
	    ctx->file_index, at->line, at->col, "%s", msg);
	if (error < 0)
		ctx->oom = 1;
	return error;
}

/*
 * Adds an error at line and col (1-based; 0 for the whole file), in
 * order with the rest: through the batch while another thread checks.
 */
static int
add_error(struct loader *ld, const char *code, uint32_t line, uint32_t col,
    const char *msg)
{
	int error;

	if (ld->batch != NULL)
		error = tl_batch_add_error(ld->batch, code, line, col, msg);
	else
		error = tl_diags_add(ld->ctx.diags, TL_LEVEL_ERROR, code,
		    ld->ctx.file, ld->ctx.file_index, line, col, "%s", msg);
	if (error < 0)
		ld->ctx.oom = 1;
	return error;
}

static int error_at(struct loader *, const char *, yaml_mark_t,
    const char *, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int
error_at(struct loader *ld, const char *code, yaml_mark_t mark,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return add_error(ld, code, clamp32(ld->line_base + mark.line + 1),
	    clamp32(mark.column + 1), msg);
}

/* Advances line and column over n bytes. */
static void
count_position(const unsigned char *p, size_t n, size_t *line, size_t *col,
    int *after_cr)
{
	const unsigned char *at = p, *end = p + n, *lf;
	size_t i;

	/*
	 * Text without a CR, nearly all of it: LFs found by memchr(), and
	 * only the characters after the last one counted.  A LF that ends
	 * the CR LF begun by the previous bytes ends no line.
	 */
	if (n > 0 && memchr(p, '\r', n) == NULL) {
		if (*after_cr && *at == '\n') {
			*col = 0;
			at++;
		}
		while ((lf = memchr(at, '\n', (size_t)(end - at))) != NULL) {
			(*line)++;
			*col = 0;
			at = lf + 1;
		}
		for (; at < end; at++)
			*col += (*at & 0xc0) != 0x80;
		*after_cr = 0;
		return;
	}
	for (i = 0; i < n; i++) {
		if (p[i] == '\n') {
			if (!*after_cr)
				(*line)++;
			*col = 0;
		} else if (p[i] == '\r') {
			(*line)++;
			*col = 0;
		} else if ((p[i] & 0xc0) != 0x80) {
			(*col)++;
		}
		*after_cr = p[i] == '\r';
	}
}

/* libyaml's read handler for input read once. */
static int
stream_read(void *data, unsigned char *buffer, size_t size, size_t *read)
{
	struct stream_input *in = data;
	size_t n;

	if (size > CHUNK)
		size = CHUNK;
	n = fread(buffer, 1, size, in->fp);
	if (n == 0 && ferror(in->fp))
		return 0;
	if ((uint64_t)in->start + in->len[0] + in->len[1] + n > in->max) {
		in->too_large = 1;
		return 0;
	}
	if (in->start == 0 && in->len[0] == 0 && in->len[1] == 0 && n >= 3 &&
	    memcmp(buffer, "\xef\xbb\xbf", 3) == 0)
		in->bom = 1;
	/* The older chunk leaves the window: count past it. */
	count_position(in->chunk[0], in->len[0], &in->line, &in->col,
	    &in->after_cr);
	in->start += in->len[0];
	memcpy(in->chunk[0], in->chunk[1], in->len[1]);
	in->len[0] = in->len[1];
	memcpy(in->chunk[1], buffer, n);
	in->len[1] = n;
	*read = n;
	return 1;
}

/* libyaml's read handler for input read at will. */
static int
bounded_read(void *data, unsigned char *buffer, size_t size, size_t *read)
{
	struct bounded_input *in = data;
	ssize_t got;
	size_t n;

	if (in->chunk > 0 && size > in->chunk)
		size = in->chunk;
	if ((uint64_t)size > in->end - in->pos)
		size = (size_t)(in->end - in->pos);
	if (size == 0) {
		n = 0;
	} else if (in->data != NULL) {
		memcpy(buffer, in->data + in->pos, size);
		n = size;
	} else {
		do
			got = pread(in->fd, buffer, size,
			    (off_t)(in->base + in->pos));
		while (got < 0 && errno == EINTR);
		if (got < 0) {
			in->error = errno;
			return 0;
		}
		n = (size_t)got;
	}
	in->pos += n;
	*read = n;
	return 1;
}

/*
 * Finds the line and column of a byte offset: by reading the text again
 * from the start, or from the chunks kept of input read once.
 */
static void
offset_position(struct loader *ld, size_t offset, yaml_mark_t *mark)
{
	unsigned char buf[8192];
	size_t line = 0, col = 0, pos = 0, n, i;
	int after_cr = 0, bom = 0;

	mark->line = mark->column = 0;
	if (ld->stream != NULL) {
		struct stream_input *in = ld->stream;
		line = in->line;
		col = in->col;
		after_cr = in->after_cr;
		bom = in->bom;
		if (offset >= in->start) {
			n = offset - in->start;
			for (i = 0; i < 2 && n > 0; i++) {
				size_t k = n < in->len[i] ? n : in->len[i];
				count_position(in->chunk[i], k, &line, &col,
				    &after_cr);
				n -= k;
			}
		}
	} else {
		/* A part of a file read in parts: it is read again whole. */
		if (ld->fp == NULL && ld->data == NULL)
			return;
		if (ld->fp != NULL && fseek(ld->fp, 0, SEEK_SET) != 0)
			return;
		while (pos < offset) {
			if (ld->fp != NULL) {
				n = fread(buf, 1, sizeof(buf), ld->fp);
			} else {
				n = ld->len - pos < sizeof(buf) ?
				    ld->len - pos : sizeof(buf);
				memcpy(buf, ld->data + pos, n);
			}
			if (n == 0)
				break;
			if (pos == 0 && n >= 3 &&
			    memcmp(buf, "\xef\xbb\xbf", 3) == 0)
				bom = 1;
			i = offset - pos < n ? offset - pos : n;
			count_position(buf, i, &line, &col, &after_cr);
			pos += i;
		}
	}
	/* A byte-order mark is not a column. */
	if (line == 0 && bom && col > 0)
		col--;
	mark->line = line;
	mark->column = col;
}

/* Reports a problem of the whole file (at line 0). */
static void file_error_at(struct loader *, const char *, const char *, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void
file_error_at(struct loader *ld, const char *code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)add_error(ld, code, 0, 0, msg);
}

/* Reports a file over the size limit, at the file. */
static void
too_large(struct loader *ld)
{
	uint64_t max = ld->ctx.set->max_file_bytes;

	file_error_at(ld, "too-large", "the file is larger than %llu "
	    "bytes%s, the most a file may hold; split it into several files",
	    (unsigned long long)max,
	    max == TL_DEFAULT_MAX_FILE_BYTES ? " (1 GiB)" : "");
}

/* Reports libyaml's problem in the compilers' form; ends the file. */
static void
parse_failed(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	yaml_mark_t mark = p->problem_mark;
	char ctx[128] = "";
	const char *problem = p->problem ? p->problem : "unknown problem";

	ld->stop = 1;
	if (p->error == YAML_MEMORY_ERROR) {
		ld->ctx.oom = 1;
		return;
	}
	if (p->error == YAML_READER_ERROR && ld->stream != NULL &&
	    ld->stream->too_large) {
		too_large(ld);
		return;
	}
	if (p->error == YAML_READER_ERROR && ld->input.error != 0) {
		/* Not the text's fault: the file could not be read. */
		file_error_at(ld, "file", "cannot read: %s",
		    strerror(ld->input.error));
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		offset_position(ld, p->problem_offset, &mark);
		/* libyaml gives the offset of the bad trailing byte; point
		 * at the character it belongs to. */
		if (strstr(problem, "trailing") != NULL && mark.column > 0)
			mark.column--;
		if (p->problem_value != -1)
			error_at(ld, "encoding", mark,
			    "invalid text: %s (byte 0x%02x); the file must be "
			    "UTF-8", problem, (unsigned)p->problem_value & 0xff);
		else
			error_at(ld, "encoding", mark,
			    "invalid text: %s; the file must be UTF-8", problem);
		return;
	}
	if (p->context != NULL)
		snprintf(ctx, sizeof(ctx), " (%s at %lu:%lu)", p->context,
		    (unsigned long)p->context_mark.line + 1,
		    (unsigned long)p->context_mark.column + 1);
	error_at(ld, "yaml", mark, "invalid YAML: %s%s", problem, ctx);
}

static int
next_event(struct loader *ld, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ld->parser, ev)) {
		parse_failed(ld);
		return -1;
	}
	return 0;
}

/* Refuses anchors and tags on a node; the node is still used. */
static void refuse_tagged(struct loader *, const yaml_event_t *,
    const yaml_char_t *, const yaml_char_t *);

static inline void
refuse_decorations(struct loader *ld, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor != NULL || tag != NULL)
		refuse_tagged(ld, ev, anchor, tag);
}

static void
refuse_tagged(struct loader *ld, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	char q[TL_QUOTE_SIZE];

	if (anchor != NULL)
		error_at(ld, "anchor", ev->start_mark,
		    "anchor '&%s' is not allowed: timeline files use no "
		    "anchors or aliases", tl_diags_quote(q,
		    (const char *)anchor, strlen((const char *)anchor)));
	if (tag != NULL) {
		/* Show the YAML core tags as written: !!str, not the URI. */
		const char *text = (const char *)tag, *core =
		    "tag:yaml.org,2002:";
		int shorthand = strncmp(text, core, strlen(core)) == 0;
		if (shorthand)
			text += strlen(core);
		error_at(ld, "tag", ev->start_mark,
		    "tag '%s%s' is not allowed: every value is read as text",
		    shorthand ? "!!" : "", tl_diags_quote(q, text,
		    strlen(text)));
	}
}

static struct tl_node *
new_node(struct loader *ld, struct tl_arena *a, const yaml_event_t *ev,
    enum tl_node_kind kind)
{
	struct tl_node *n;

	if ((n = tl_arena_alloc(a, sizeof(*n))) == NULL) {
		ld->ctx.oom = 1;
		return NULL;
	}
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = clamp32(ld->line_base + ev->start_mark.line + 1);
	n->col = clamp32(ev->start_mark.column + 1);
	return n;
}

/*
 * Builds the node that starts with event ev (which this takes over) and
 * consumes the rest of its events.  Returns the node, or NULL when the
 * file must stop (a parse error, a nesting limit, no memory).
 */
static struct tl_node *
build_node(struct loader *ld, struct tl_arena *a, yaml_event_t *ev)
{
	struct tl_node *n = NULL, *child, **tail;
	yaml_event_t cev;
	enum tl_node_kind kind;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		refuse_decorations(ld, ev, ev->data.scalar.anchor,
		    ev->data.scalar.tag);
		if ((n = new_node(ld, a, ev, TL_NODE_SCALAR)) == NULL)
			break;
		/*
		 * Copied, so that libyaml frees its text at once: reusing the
		 * same small blocks is cheaper than keeping them.
		 */
		n->len = ev->data.scalar.length;
		if ((n->text = tl_arena_strndup(a,
		    (const char *)ev->data.scalar.value, n->len)) == NULL) {
			ld->ctx.oom = 1;
			n = NULL;
			break;
		}
		n->empty = n->len == 0 &&
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		break;
	case YAML_ALIAS_EVENT:
		error_at(ld, "alias", ev->start_mark,
		    "alias '*%s' is not allowed: timeline files use no anchors "
		    "or aliases", ev->data.alias.anchor ?
		    (const char *)ev->data.alias.anchor : "");
		n = new_node(ld, a, ev, TL_NODE_INVALID);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			kind = TL_NODE_SEQUENCE;
			refuse_decorations(ld, ev,
			    ev->data.sequence_start.anchor,
			    ev->data.sequence_start.tag);
		} else {
			kind = TL_NODE_MAPPING;
			refuse_decorations(ld, ev,
			    ev->data.mapping_start.anchor,
			    ev->data.mapping_start.tag);
		}
		if (++ld->depth > LOAD_MAX_DEPTH) {
			error_at(ld, "too-deep", ev->start_mark,
			    "nesting deeper than %d levels", LOAD_MAX_DEPTH);
			ld->stop = 1;
			break;
		}
		n = new_node(ld, a, ev, kind);
		/* The start event is no longer needed: free it now. */
		yaml_event_delete(ev);
		if (n == NULL)
			return NULL;
		tail = &n->child;
		for (;;) {
			if (next_event(ld, &cev) < 0)
				return NULL;
			if (cev.type == YAML_SEQUENCE_END_EVENT ||
			    cev.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&cev);
				break;
			}
			if ((child = build_node(ld, a, &cev)) == NULL)
				return NULL;
			*tail = child;
			tail = &child->next;
			n->count++;
		}
		ld->depth--;
		return n;
	default:
		/* Other events cannot start a node. */
		error_at(ld, "yaml", ev->start_mark, "invalid YAML: unexpected "
		    "event");
		ld->stop = 1;
		break;
	}
	yaml_event_delete(ev);
	return n;
}

/* Streams the milestones sequence, one item at a time. */
static int
read_milestones(struct loader *ld, struct tl_node *seq)
{
	yaml_event_t ev;
	struct tl_node *item;

	ld->depth++;
	for (;;) {
		if (next_event(ld, &ev) < 0)
			return -1;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			/* libyaml's index counts characters: lines tell. */
			ld->end_line = ld->line_base + ev.start_mark.line;
			ld->end_col = ev.start_mark.column;
			yaml_event_delete(&ev);
			break;
		}
		if (ld->ctx.set->read >= ld->ctx.set->max_milestones) {
			error_at(ld, "too-many", ev.start_mark, "too many "
			    "milestones: at most %llu are read in all; the "
			    "rest of this file is not read",
			    (unsigned long long)ld->ctx.set->max_milestones);
			yaml_event_delete(&ev);
			ld->stop = 1;
			return -1;
		}
		ld->ctx.set->read++;
		item = build_node(ld, ld->batch != NULL ? &ld->batch->arena :
		    &ld->scratch, &ev);
		if (item == NULL)
			return -1;
		seq->count++;
		if (ld->batch == NULL) {
			tl_check_item(&ld->ctx, item);
			tl_arena_reset(&ld->scratch);
		} else if (tl_batch_add_node(ld->batch, item) < 0) {
			ld->ctx.oom = 1;
		} else if (ld->batch->milestones >= BATCH_MILESTONES) {
			tl_handoff_publish(ld->handoff);
			/* NULL: the checker ran out of memory. */
			if ((ld->batch = tl_handoff_claim(ld->handoff)) ==
			    NULL)
				return -1;
		}
		if (ld->ctx.oom)
			return -1;
	}
	ld->depth--;
	return 0;
}

/*
 * A large file read by several threads at once.  The milestones of a
 * block sequence are cut into stretches at lines that start an item of
 * it (the sequence's column of spaces, then "- "); this thread reads the
 * first stretch and the rest of the file, and each other thread reads
 * one stretch as a YAML document of its own, checking its items into a
 * part of the set.  The stretches count only when every one reads as
 * whole items to its end, and each ends exactly where the next begins;
 * otherwise the file is read again by one parser.  What is found never
 * depends on the cuts: that is what the checks of each stretch prove.
 */
#define PARTS_MAX 4

/* How far past its even share a cut may look for the start of an item. */
#define CUT_SEARCH ((uint64_t)1 << 20)

/* read_in_parts() could not cut the file: read it otherwise. */
#define NOT_CUT (-2)

struct part {
	struct loader ld;		/* its parser, over its stretch */
	struct tl_set set;		/* the milestones it checked */
	struct tl_diags *diags;		/* and what it found */
	pthread_t thread;
	size_t column;			/* of the sequence's items */
	size_t items;			/* items read */
	int started;
	int parser_ready;		/* ld.parser was initialised */
	int ok;				/* whole items to the end, alone */
};

/* Bytes of the 8 in w that equal b's, as a bit in each byte's top. */
static inline uint64_t
bytes_equal(uint64_t w, unsigned char b)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t x = w ^ (0x0101010101010101ULL * b);

	/* A byte of x is zero exactly when adding 0x7f to its low bits
	 * leaves its top bit clear, and so does x's own. */
	return ~(((x & low7) + low7) | x) & ~low7;
}

/* 1 when a line break as libyaml counts it (LF, CR not before LF, NEL,
 * LS, PS) starts at p, which two more bytes follow; else 0. */
static inline size_t
break_at(const unsigned char *p)
{
	return (size_t)((p[0] == '\n') + (p[0] == '\r' && p[1] != '\n') +
	    (p[0] == 0xc2 && p[1] == 0x85) +
	    (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)));
}

/*
 * Line breaks as libyaml counts them in n bytes at p, which are followed
 * by at least two more.  Eight bytes at a
 * time: where none is a CR or the first byte of NEL (C2 85) or LS and PS
 * (E2 80 A8, E2 80 A9), only LFs end lines.
 */
static size_t
count_breaks(const unsigned char *p, size_t n)
{
	size_t i = 0, k, lines = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, sizeof(w));
		if ((bytes_equal(w, '\r') | bytes_equal(w, 0xc2) |
		    bytes_equal(w, 0xe2)) == 0) {
			lines += (size_t)__builtin_popcountll(
			    bytes_equal(w, '\n'));
			continue;
		}
		for (k = i; k < i + 8; k++)
			lines += break_at(p + k);
	}
	for (; i < n; i++)
		lines += break_at(p + i);
	return lines;
}

/* Reads up to n bytes at offset of in; the bytes read, or -1. */
static ssize_t
read_at(const struct bounded_input *in, void *buf, size_t n,
    uint64_t offset)
{
	size_t done = 0;
	ssize_t got;

	if (in->data != NULL) {
		if (offset >= in->end)
			return 0;
		if (n > in->end - offset)
			n = (size_t)(in->end - offset);
		memcpy(buf, in->data + offset, n);
		return (ssize_t)n;
	}
	while (done < n) {
		got = pread(in->fd, (char *)buf + done, n - done,
		    (off_t)(in->base + offset + done));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		done += (size_t)got;
	}
	return (ssize_t)done;
}

/* Counts the lines before offset of in into *lines; 0, or -1. */
static int
lines_before(const struct bounded_input *in, uint64_t offset, size_t *lines)
{
	enum { BLOCK = 65536 };
	unsigned char *buf;
	uint64_t at = 0;
	size_t n;
	ssize_t got;

	*lines = 0;
	if ((buf = malloc(BLOCK + 2)) == NULL)
		return -1;
	while (at < offset) {
		n = offset - at < BLOCK ? (size_t)(offset - at) : BLOCK;
		got = read_at(in, buf, n + 2, at);
		if (got < (ssize_t)n) {
			free(buf);
			return -1;
		}
		if ((size_t)got < n + 2)
			memset(buf + got, 0, n + 2 - (size_t)got);
		*lines += count_breaks(buf, n);
		at += n;
	}
	free(buf);
	return 0;
}

/*
 * The offset of the first line after offset from that starts an item of
 * a sequence at column: that many spaces, then "- ".  0 when there is
 * none near.
 */
static uint64_t
find_cut(const struct bounded_input *in, uint64_t from, size_t column)
{
	unsigned char *buf;
	uint64_t cut = 0;
	size_t n, i, k;
	ssize_t got;

	if (from == 0 || from >= in->end)
		return 0;
	n = in->end - from < CUT_SEARCH ? (size_t)(in->end - from) :
	    (size_t)CUT_SEARCH;
	if ((buf = malloc(n)) == NULL)
		return 0;
	if ((got = read_at(in, buf, n, from)) > 0) {
		n = (size_t)got;
		for (i = 0; i < n && cut == 0; i++) {
			if (buf[i] != '\n' || n - i - 1 < column + 2)
				continue;
			for (k = 0; k < column && buf[i + 1 + k] == ' '; k++)
				;
			if (k == column && buf[i + 1 + k] == '-' &&
			    buf[i + 2 + k] == ' ')
				cut = from + i + 1;
		}
	}
	free(buf);
	return cut;
}

/*
 * A part's thread: reads its stretch as a document that holds a block
 * sequence at the column, and nothing else.
 */
static void *
part_read(void *arg)
{
	static const yaml_event_type_t opening[] = {
		YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT,
		YAML_SEQUENCE_START_EVENT
	}, closing[] = {
		YAML_DOCUMENT_END_EVENT, YAML_STREAM_END_EVENT
	};
	struct part *p = arg;
	struct loader *ld = &p->ld;
	struct tl_node seq;
	yaml_event_t ev;
	size_t i;
	int ok;

	/* The parser's memory comes from this thread's heap. */
	if (!yaml_parser_initialize(&ld->parser)) {
		ld->ctx.oom = 1;
		return NULL;
	}
	p->parser_ready = 1;
	yaml_parser_set_input(&ld->parser, bounded_read, &ld->input);
	if (lines_before(&ld->input, ld->input.pos, &ld->line_base) < 0)
		return NULL;
	for (i = 0; i < 3; i++) {
		if (next_event(ld, &ev) < 0)
			return NULL;
		ok = ev.type == opening[i];
		if (ok && ev.type == YAML_SEQUENCE_START_EVENT)
			ok = ev.data.sequence_start.style ==
			    YAML_BLOCK_SEQUENCE_STYLE &&
			    ev.start_mark.column == p->column;
		yaml_event_delete(&ev);
		if (!ok)
			return NULL;
	}
	memset(&seq, 0, sizeof(seq));
	ld->depth = 1;
	if (read_milestones(ld, &seq) < 0 || ld->stop || ld->ctx.oom)
		return NULL;
	for (i = 0; i < 2; i++) {
		if (next_event(ld, &ev) < 0)
			return NULL;
		ok = ev.type == closing[i];
		yaml_event_delete(&ev);
		if (!ok)
			return NULL;
	}
	p->items = seq.count;
	p->ok = 1;
	return NULL;
}

/* Prepares part p to read [from, to) of ld's input; 0, or -1. */
static int
part_init(struct part *p, const struct loader *ld, uint64_t from,
    uint64_t to, size_t column)
{
	if (tl_diags_new(&p->diags) < 0)
		return -1;
	tl_set_part_init(&p->set, ld->ctx.set);
	p->ld.ctx = ld->ctx;
	p->ld.ctx.set = &p->set;
	p->ld.ctx.diags = p->diags;
	p->ld.ctx.oom = 0;
	p->ld.single = 1;
	p->ld.input = ld->input;
	p->ld.input.pos = from;
	p->ld.input.end = to;
	p->column = column;
	return 0;
}

static void
part_dispose(struct part *p)
{
	if (p->diags == NULL)
		return;		/* never prepared */
	if (p->parser_ready)
		yaml_parser_delete(&p->ld.parser);
	tl_arena_dispose(&p->ld.scratch);
	tl_arena_dispose(&p->ld.header);
	tl_set_part_dispose(&p->set);
	tl_diags_free(p->diags);
}

/*
 * Reads the milestones sequence (of items at column) in stretches, as
 * above.  Returns as read_milestones() does, or NOT_CUT when the file
 * was not cut; sets ld->restart when it must be read again.
 */
static int
read_in_parts(struct loader *ld, struct tl_node *seq, size_t column)
{
	uint64_t cuts[PARTS_MAX + 1], total = ld->input.end, cut, read;
	struct part *parts;
	size_t wanted = tl_set_threads(ld->ctx.set, PARTS_MAX), n = 1, i;
	int result = 0, ok, abandoned = 0;

	/* Cuts near even shares, each after what libyaml has read. */
	cuts[0] = 0;
	for (i = 1; i < wanted; i++) {
		cut = find_cut(&ld->input, total / wanted * i, column);
		if (cut > ld->input.pos && cut > cuts[n - 1])
			cuts[n++] = cut;
	}
	if (n < 2)
		return NOT_CUT;
	cuts[n] = total;
	if ((parts = calloc(n, sizeof(*parts))) == NULL) {
		ld->ctx.oom = 1;
		return -1;
	}
	ld->ctx.set->threaded = 1;
	for (i = 1; i < n && !abandoned; i++) {
		if (part_init(&parts[i], ld, cuts[i], cuts[i + 1], column) < 0 ||
		    pthread_create(&parts[i].thread, NULL, part_read,
		    &parts[i]) != 0)
			abandoned = 1;
		else
			parts[i].started = 1;
	}
	if (!abandoned) {
		ld->input.end = cuts[1];
		result = read_milestones(ld, seq);
	}
	for (i = 1; i < n; i++)
		if (parts[i].started)
			pthread_join(parts[i].thread, NULL);
	if (abandoned) {
		for (i = 1; i < n; i++)
			part_dispose(&parts[i]);
		free(parts);
		return NOT_CUT;
	}
	/*
	 * Each stretch must end at the cut, where the next begins: the end
	 * of its sequence is the end of its input, at the first column of
	 * the line the next stretch counted as its first.
	 */
	ok = result == 0 && !ld->stop && !ld->ctx.oom;
	read = ld->ctx.set->read;
	for (i = 1; i < n; i++) {
		const struct loader *before = i == 1 ? ld : &parts[i - 1].ld;
		if (parts[i].ld.ctx.oom)
			ld->ctx.oom = 1;
		ok = ok && parts[i].ok && before->end_col == 0 &&
		    before->end_line == parts[i].ld.line_base;
		read += parts[i].set.read;
	}
	ok = ok && read <= ld->ctx.set->max_milestones;
	for (i = 1; i < n && ok && !ld->ctx.oom; i++) {
		if (tl_diags_append(ld->ctx.diags, parts[i].diags) < 0 ||
		    tl_set_take_part(ld->ctx.set, &parts[i].set) < 0)
			ld->ctx.oom = 1;
		seq->count += parts[i].items;
	}
	for (i = 1; i < n; i++)
		part_dispose(&parts[i]);
	free(parts);
	if (ld->ctx.oom)
		return -1;
	if (!ok) {
		ld->restart = 1;
		return -1;
	}
	ld->ctx.set->read_in_parts++;
	return 0;
}

/*
 * Reads the milestones sequence, whose items are at column (or -1 for a
 * flow sequence).  A large file, when there are several processors, is
 * read in stretches by several threads; when it cannot be cut (it is a
 * pipe, say), this thread parses and another checks.
 */
static int
load_milestones(struct loader *ld, struct tl_node *seq, long column)
{
	int result;

	if (ld->pipelined && ld->stream == NULL && !ld->single &&
	    !ld->directives && column >= 0 &&
	    (result = read_in_parts(ld, seq, (size_t)column)) != NOT_CUT)
		return result;
	if (!ld->pipelined || tl_handoff_start(&ld->handoff, &ld->ctx) < 0)
		return read_milestones(ld, seq);
	if ((ld->batch = tl_handoff_claim(ld->handoff)) == NULL)
		result = -1;
	else
		result = read_milestones(ld, seq);
	if (tl_handoff_finish(ld->handoff, ld->batch != NULL))
		ld->ctx.oom = 1;
	ld->handoff = NULL;
	ld->batch = NULL;
	return ld->ctx.oom ? -1 : result;
}

/* Reads the top-level mapping, whose first event is ev. */
static int
load_root(struct loader *ld, yaml_event_t *ev)
{
	struct tl_node *root, *key, *value, **tail;
	struct tl_node *ms_key = NULL, *ms_value = NULL;
	yaml_event_t kev, vev;

	if ((root = new_node(ld, &ld->header, ev, TL_NODE_MAPPING)) == NULL) {
		yaml_event_delete(ev);
		return -1;
	}
	refuse_decorations(ld, ev, ev->data.mapping_start.anchor,
	    ev->data.mapping_start.tag);
	yaml_event_delete(ev);
	ld->depth = 1;
	tail = &root->child;
	for (;;) {
		if (next_event(ld, &kev) < 0)
			return -1;
		if (kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			break;
		}
		if ((key = build_node(ld, &ld->header, &kev)) == NULL)
			return -1;
		if (next_event(ld, &vev) < 0)
			return -1;
		if (ms_key == NULL && key->kind == TL_NODE_SCALAR &&
		    key->len == 10 && memcmp(key->text, "milestones", 10) == 0 &&
		    vev.type == YAML_SEQUENCE_START_EVENT) {
			long column = vev.data.sequence_start.style ==
			    YAML_BLOCK_SEQUENCE_STYLE ?
			    (long)vev.start_mark.column : -1;
			refuse_decorations(ld, &vev,
			    vev.data.sequence_start.anchor,
			    vev.data.sequence_start.tag);
			value = new_node(ld, &ld->header, &vev,
			    TL_NODE_SEQUENCE);
			yaml_event_delete(&vev);
			if (value == NULL ||
			    load_milestones(ld, value, column) < 0)
				return -1;
			ms_key = key;
			ms_value = value;
		} else if ((value = build_node(ld, &ld->header, &vev)) == NULL) {
			return -1;
		}
		*tail = key;
		key->next = value;
		tail = &value->next;
		root->count += 2;
	}
	return tl_check_header(&ld->ctx, root, ms_key, ms_value);
}

/* Reads the whole stream of one file. */
static void
load_stream(struct loader *ld)
{
	yaml_event_t ev;
	struct tl_node *n;
	int documents = 0, roots = 0;

	if (next_event(ld, &ev) < 0)
		return;
	if (ev.type == YAML_STREAM_START_EVENT &&
	    ev.data.stream_start.encoding != YAML_UTF8_ENCODING &&
	    ev.data.stream_start.encoding != YAML_ANY_ENCODING) {
		error_at(ld, "encoding", ev.start_mark, "the file must be "
		    "UTF-8, not UTF-16");
		yaml_event_delete(&ev);
		return;
	}
	yaml_event_delete(&ev);
	for (;;) {
		if (next_event(ld, &ev) < 0)
			return;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			if (roots == 0)
				error_at(ld, "empty", ev.start_mark, "the file "
				    "is empty: a timeline file needs "
				    "'timeline' and 'milestones'");
			return;
		case YAML_DOCUMENT_START_EVENT:
			/* Directives hold for the whole document. */
			if (ev.data.document_start.version_directive != NULL ||
			    ev.data.document_start.tag_directives.start !=
			    ev.data.document_start.tag_directives.end)
				ld->directives = 1;
			if (++documents > 1) {
				error_at(ld, "documents", ev.start_mark,
				    "a second YAML document: a timeline file "
				    "holds one");
				yaml_event_delete(&ev);
				return;
			}
			yaml_event_delete(&ev);
			break;
		case YAML_MAPPING_START_EVENT:
			roots++;
			if (load_root(ld, &ev) < 0)
				return;
			break;
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			break;
		default:
			if ((n = build_node(ld, &ld->header, &ev)) == NULL)
				return;
			if (n->kind == TL_NODE_SCALAR && n->empty)
				break;	/* an empty document */
			roots++;
			if (n->kind != TL_NODE_INVALID)
				tl_node_error(&ld->ctx, "kind", n, "the top "
				    "level must be a mapping with 'timeline' "
				    "and 'milestones'");
			break;
		}
	}
}

/* Whether a second thread would have a processor of its own. */
static int
two_processors(void)
{
	return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/*
 * Reads the file again from the start with one parser, forgetting what
 * a first reading found; 0, or -1 when memory runs out.
 */
static int
read_again(struct loader *ld, size_t ndiags, size_t count, size_t nrelatives,
    uint64_t read)
{
	struct tl_set *set = ld->ctx.set;

	tl_diags_truncate(ld->ctx.diags, ndiags);
	set->count = count;
	set->nrelatives = nrelatives;
	set->read = read;
	yaml_parser_delete(&ld->parser);
	if (!yaml_parser_initialize(&ld->parser)) {
		/* Nothing left to delete. */
		memset(&ld->parser, 0, sizeof(ld->parser));
		return -1;
	}
	ld->input.pos = 0;
	ld->input.end = ld->input.size;
	ld->input.error = 0;
	yaml_parser_set_input(&ld->parser, bounded_read, &ld->input);
	tl_arena_reset(&ld->header);
	tl_arena_reset(&ld->scratch);
	ld->depth = 0;
	ld->stop = 0;
	ld->restart = 0;
	ld->end_line = ld->end_col = 0;
	ld->directives = 0;
	ld->single = 1;
	load_stream(ld);
	return 0;
}

/* Reads a file (fp) or a text in memory (data, len) into the set. */
static int
load(struct tl_set *set, const char *name, uint32_t file_index, FILE *fp,
    const char *data, size_t len, struct tl_diags *diags)
{
	struct loader ld;
	struct tl_timeline_rec *t;
	struct stat st;
	uint64_t size = 0, read0 = set->read;
	size_t ndiags0 = tl_diags_count(diags), count0 = set->count;
	size_t nrelatives0 = set->nrelatives;
	off_t at;
	int error = 0;

	memset(&ld, 0, sizeof(ld));
	if ((t = tl_arena_alloc(&set->arena, sizeof(*t))) == NULL)
		return TL_ENOMEM;
	memset(t, 0, sizeof(*t));
	/* Nameless until the top level is checked, and never found. */
	t->pub.name = "";
	t->duplicate = 1;
	t->file_index = file_index;
	t->pub.file = name;
	if (!yaml_parser_initialize(&ld.parser))
		return TL_ENOMEM;
	ld.ctx.set = set;
	ld.ctx.diags = diags;
	ld.ctx.file = name;
	ld.ctx.file_index = file_index;
	ld.ctx.timeline = t;
	ld.fp = fp;
	ld.data = data;
	ld.len = len;
	ld.input.fd = -1;
	ld.input.chunk = set->read_chunk;
	if (fp != NULL && (fstat(fileno(fp), &st) < 0 ||
	    !S_ISREG(st.st_mode))) {
		/* A pipe or a device: read once, through our handler. */
		if ((ld.stream = calloc(1, sizeof(*ld.stream))) == NULL) {
			yaml_parser_delete(&ld.parser);
			return TL_ENOMEM;
		}
		ld.stream->fp = fp;
		ld.stream->max = set->max_file_bytes;
		yaml_parser_set_input(&ld.parser, stream_read, ld.stream);
	} else if (fp != NULL) {
		/* Read from where the stream stands, at any offset. */
		size = (uint64_t)st.st_size;
		at = ftello(fp);
		ld.input.fd = fileno(fp);
		ld.input.base = at > 0 ? (uint64_t)at : 0;
		ld.input.end = size > ld.input.base ? size - ld.input.base : 0;
		ld.input.size = ld.input.end;
		yaml_parser_set_input(&ld.parser, bounded_read, &ld.input);
	} else {
		size = len;
		ld.input.data = data;
		ld.input.end = ld.input.size = len;
		yaml_parser_set_input(&ld.parser, bounded_read, &ld.input);
	}
	/* A file of unknown size (a pipe) may be large. */
	ld.pipelined = (ld.stream != NULL || size >= set->pipeline_min) &&
	    (set->parts > 1 || two_processors());
	if (size > set->max_file_bytes)
		too_large(&ld);
	else
		load_stream(&ld);
	if (ld.restart && !ld.ctx.oom &&
	    read_again(&ld, ndiags0, count0, nrelatives0, read0) < 0)
		ld.ctx.oom = 1;
	if (ld.ctx.oom)
		error = TL_ENOMEM;
	else
		error = tl_set_push_timeline(set, t);
	if (error == 0 && ld.input.error != 0)
		error = TL_EIO;
	yaml_parser_delete(&ld.parser);
	tl_arena_dispose(&ld.scratch);
	tl_arena_dispose(&ld.header);
	free(ld.stream);
	return error;
}

int
tl_load_file(struct tl_set *set, const char *name, uint32_t file_index,
    FILE *fp, struct tl_diags *diags)
{
	return load(set, name, file_index, fp, NULL, 0, diags);
}

int
tl_load_text(struct tl_set *set, const char *name, uint32_t file_index,
    const char *data, size_t len, struct tl_diags *diags)
{
	return load(set, name, file_index, NULL, data, len, diags);
}

const char *
tl_yaml_version(void)
{
	return yaml_get_version_string();
}
