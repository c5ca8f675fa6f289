/*
 * The reader: reads a file with libyaml's event parser and hands the
 * checker one small tree at a time (one milestone, or one top-level
 * value), so that memory follows the set, not the YAML document.  This
 * is the only file that includes <yaml.h>.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "timeline/common.h"
#include "read.h"
#include "node.h"
#include "set_internal.h"
#include "source.h"
#include "suggest.h"
#include "utf8.h"

/* Deeper nesting is refused (libyaml's scanner is slow on deep flow). */
#define LOAD_MAX_DEPTH 64
/*
 * The most nodes kept of one milestone (or of one top-level value): far
 * more than the longest lists it may hold (4,096 tags, links and history
 * entries), so that a file of a few megabytes holding one list of
 * millions costs a few megabytes, not hundreds.
 */
#define LOAD_MAX_NODES 65536

/*
 * The reader keeps the last two chunks it gave libyaml, and the line and
 * column where each starts, so that an encoding problem, which libyaml
 * reports only as a byte offset, can be placed without reading again.
 */
#define CHUNK 16384

/*
 * Where the reader stands in the text, counted as editors count lines:
 * LF, CR LF and a lone CR end a line.  libyaml also ends lines at NEL,
 * LS and PS; each of those is recorded (a "soft break") so that
 * libyaml's positions can be turned into the editor's.
 */
struct position {
	size_t line, col;		/* 0-based */
	size_t soft;			/* soft breaks so far */
	int after_cr;			/* the last byte was CR */
	unsigned char last[2];		/* the last two bytes, [1] newest */
};

/* A soft break: the libyaml line it starts, and the column it is at. */
struct soft_break {
	size_t yaml_line;
	size_t col;
};

struct tl_input {
	int fd;				/* read from this when >= 0, or: */
	struct tl_source *src;		/* from this when not NULL, or: */
	const char *data;		/* the text in memory */
	size_t len, pos;
	int error;			/* errno of a failed read, or 0 */
	uint64_t max;			/* bytes allowed */
	int too_large;			/* the input went past max */
	int eof;			/* all of it has been read */
	int bom;			/* the text starts with a BOM */
	uint64_t start;			/* offset of the older chunk */
	unsigned char chunk[2][CHUNK];	/* chunk[newer] follows the other */
	size_t clen[2];
	struct position at[2];		/* where each chunk starts */
	int newer;
	struct position end;		/* where the newer one ends */
	int lf;				/* a line ends with LF or CR LF */
	int lone_cr;			/* a CR without LF ends a line */
	struct position cr;		/* where the last CR is */
	struct position first_lone;	/* where the first such CR is */
	struct position first_soft;	/* where the first soft break is */
	uint32_t soft_code;		/* and which it is: U+0085, ... */
	struct soft_break *soft;	/* every soft break, in order */
	size_t nsoft, softcap;
	int oom;
	/* libyaml's marks count characters after a BOM, not bytes: where
	 * the last one asked for starts (window_char()). */
	uint64_t cursor_char, cursor_byte;
	unsigned char hash[2];		/* each chunk holds a '#' */
};

/* A tag handle and the prefix it stands for. */
struct tag_handle {
	const char *handle;
	const char *prefix;
};

/* Handles kept of a document's %TAG lines: more is no real file. */
#define TAG_HANDLES_MAX 16

struct loader {
	yaml_parser_t parser;
	struct tag_handle tags[TAG_HANDLES_MAX];
	size_t ntags;
	struct tl_input *in;
	struct tl_load_ctx ctx;
	struct tl_arena scratch;	/* one milestone's tree */
	struct tl_arena header;		/* the top-level values */
	int depth;
	int stop;			/* a parse error ended the file */
	int utf16;			/* the file is UTF-16: its bytes are
					   no lines to speak of */
	uint32_t cause_line;		/* of the look-alike or invisible
					   character found as its cause */
	size_t last_line;		/* where the last event starts */
	yaml_mark_t last_end;		/* where the last event ends */
	yaml_event_type_t last_type;	/* and its type */
	yaml_scalar_style_t last_style;	/* a scalar's style */
	struct tl_node *last_item;	/* the last milestone, not checked */
	struct tl_node *cut_node;	/* what build_node() read whole of
					   a node that a YAML error cut
					   short, or NULL */
	struct tl_node *root;		/* the top level, not checked: */
	struct tl_node *ms_value;
	int milestones_key;		/* a 'milestones' key was read */
	int lookups;			/* line look-ups left for advice */
};

/*
 * Lines looked up for advice beside errors that do not end the file
 * (a key with no value): each walks the window, so a file full of
 * them stops getting the advice after this many.
 */
#define LOOKUPS_MAX 64

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
	uint32_t line, col;
	int error;

	/*
	 * In a mapping that a YAML error cut short, a key that seems
	 * missing may be one the error kept from being read: only what
	 * was read is reported.
	 */
	if (ctx->cut && (strcmp(code, "missing-key") == 0 ||
	    strcmp(code, "not-a-timeline") == 0))
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tl_node_where(ctx, at, &line, &col);
	error = tl_diags_add(ctx->diags, TL_LEVEL_ERROR, code, ctx->file,
	    ctx->file_index, line, col, "%s", msg);
	if (error < 0)
		ctx->oom = 1;
	return error;
}

/* Adds an error at line and col (1-based; 0 for the whole file). */
static int
add_error(struct loader *ld, const char *code, uint32_t line, uint32_t col,
    const char *msg)
{
	int error;

	error = tl_diags_add(ld->ctx.diags, TL_LEVEL_ERROR, code,
	    ld->ctx.file, ld->ctx.file_index, line, col, "%s", msg);
	if (error < 0)
		ld->ctx.oom = 1;
	return error;
}

/*
 * libyaml ends a text without a final line break on a line of its own,
 * one past the last: a position there is the end of the last line.
 */
static void
end_of_text(const struct tl_input *in, uint32_t *line, uint32_t *col)
{
	if (in->end.col > 0 && *line > in->end.line + 1) {
		*line = clamp32(in->end.line + 1);
		*col = clamp32(in->end.col + 1);
	}
}

/*
 * Turns a position of libyaml's (0-based, NEL, LS and PS ending lines)
 * into the editor's (1-based): lines less the soft breaks before, and a
 * column counted from the last real line break.
 */
static void
editor_position(const struct tl_input *in, const yaml_mark_t *mark,
    uint32_t *line, uint32_t *col)
{
	size_t lo = 0, hi = in->nsoft, mid, c = mark->column;

	if (hi == 0) {
		*line = clamp32(mark->line + 1);
		*col = clamp32(c + 1);
		end_of_text(in, line, col);
		return;
	}
	/* The soft breaks that start a libyaml line at or before mark's. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (in->soft[mid].yaml_line <= mark->line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && in->soft[lo - 1].yaml_line == mark->line)
		c += in->soft[lo - 1].col;
	*line = clamp32(mark->line - lo + 1);
	*col = clamp32(c + 1);
	end_of_text(in, line, col);
}

void
tl_node_where(const struct tl_load_ctx *ctx, const struct tl_node *n,
    uint32_t *line, uint32_t *col)
{
	yaml_mark_t mark;

	memset(&mark, 0, sizeof(mark));
	mark.line = n->mark_line;
	mark.column = n->mark_col;
	editor_position(ctx->input, &mark, line, col);
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
	uint32_t line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	editor_position(ld->in, &mark, &line, &col);
	return add_error(ld, code, line, col, msg);
}

/* Adds an error at a 0-based line and column of the editor's. */
static int encoding_error(struct loader *, size_t, size_t, const char *, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int
encoding_error(struct loader *ld, size_t line, size_t col, const char *fmt,
    ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return add_error(ld, "encoding", clamp32(line + 1), clamp32(col + 1),
	    msg);
}

/* Records a soft break (code U+0085, U+2028 or U+2029) at p's position;
 * sets in->oom when it cannot. */
static void
add_soft_break(struct tl_input *in, const struct position *p,
    uint32_t code)
{
	struct soft_break *grown;
	size_t cap;

	if (in->nsoft == in->softcap) {
		cap = in->softcap ? in->softcap * 2 : 8;
		if (cap > SIZE_MAX / sizeof(*grown) ||
		    (grown = realloc(in->soft, cap * sizeof(*grown))) == NULL) {
			in->oom = 1;
			return;
		}
		in->soft = grown;
		in->softcap = cap;
	}
	if (in->nsoft == 0) {
		in->first_soft = *p;
		in->soft_code = code;
	}
	in->soft[in->nsoft].yaml_line = p->line + p->soft;
	/* libyaml's columns do not count a byte-order mark. */
	in->soft[in->nsoft].col = p->line == 0 && in->bom && p->col > 0 ?
	    p->col - 1 : p->col;
	in->nsoft++;
}

/* Whether a soft break (NEL C2 85, LS E2 80 A8, PS E2 80 A9) ends at b. */
static int
ends_soft_break(const unsigned char last[2], unsigned char b)
{
	return (b == 0x85 && last[1] == 0xc2) ||
	    ((b == 0xa8 || b == 0xa9) && last[1] == 0x80 && last[0] == 0xe2);
}

/* Whether n bytes at s hold a whole soft break. */
static int
has_soft_break(const unsigned char *s, size_t n)
{
	const unsigned char *p, *end = s + n;

	for (p = s; (p = memchr(p, 0xc2, (size_t)(end - p))) != NULL; p++)
		if (end - p >= 2 && p[1] == 0x85)
			return 1;
	for (p = s; (p = memchr(p, 0xe2, (size_t)(end - p))) != NULL; p++)
		if (end - p >= 3 && p[1] == 0x80 && (p[2] == 0xa8 ||
		    p[2] == 0xa9))
			return 1;
	return 0;
}

/* Notes that the CR last met ends a line without a LF. */
static void
lone_cr(struct tl_input *in)
{
	if (!in->lone_cr) {
		in->lone_cr = 1;
		in->first_lone = in->cr;
	}
}

/*
 * Advances p over n bytes; records soft breaks in in when it is not
 * NULL.  Text without CR or soft breaks, nearly all of it, is counted
 * with memchr().
 */
static void
advance(struct position *p, const unsigned char *s, size_t n,
    struct tl_input *in)
{
	const unsigned char *at = s, *end = s + n, *lf;
	size_t i;

	if (n == 0)
		return;
	if (memchr(s, '\r', n) == NULL && p->last[1] != 0xc2 &&
	    p->last[1] != 0xe2 && !(p->last[0] == 0xe2 && p->last[1] == 0x80) &&
	    !has_soft_break(s, n)) {
		/* A LF that ends a CR LF begun before ends no line. */
		if (p->after_cr && *at == '\n') {
			p->col = 0;
			at++;
		} else if (p->after_cr && in != NULL) {
			lone_cr(in);
		}
		if ((lf = memchr(at, '\n', (size_t)(end - at))) != NULL &&
		    in != NULL)
			in->lf = 1;
		for (; lf != NULL; lf = memchr(at, '\n', (size_t)(end - at))) {
			p->line++;
			p->col = 0;
			at = lf + 1;
		}
		for (; at < end; at++)
			p->col += (*at & 0xc0) != 0x80;
		p->after_cr = 0;
	} else {
		for (i = 0; i < n; i++) {
			unsigned char b = s[i];
			if (p->after_cr && b != '\n' && in != NULL)
				lone_cr(in);
			if (b == '\n') {
				if (!p->after_cr)
					p->line++;
				p->col = 0;
				if (in != NULL)
					in->lf = 1;
			} else if (b == '\r') {
				if (in != NULL)
					in->cr = *p;
				p->line++;
				p->col = 0;
			} else if ((b & 0xc0) != 0x80) {
				p->col++;
			} else if (ends_soft_break(p->last, b)) {
				p->soft++;
				if (in != NULL)
					add_soft_break(in, p, b == 0x85 ?
					    0x85 : 0x2000 + (b - 0x80));
			}
			p->after_cr = b == '\r';
			p->last[0] = p->last[1];
			p->last[1] = b;
		}
		return;
	}
	p->last[0] = n > 1 ? s[n - 2] : p->last[1];
	p->last[1] = s[n - 1];
}

/* Reads up to size bytes of the text into buffer; 0 at the end. */
static size_t
input_fill(struct tl_input *in, unsigned char *buffer, size_t size)
{
	ssize_t n;
	size_t k = in->len - in->pos < size ? in->len - in->pos : size;

	if (in->src != NULL) {
		if (k > 0 && tl_source_read(in->src, in->pos, (char *)buffer,
		    k) < 0) {
			in->error = in->src->error == TL_ENOMEM ? ENOMEM :
			    errno;
			return 0;
		}
		in->pos += k;
		return k;
	}
	if (in->fd < 0) {
		if (k > 0)
			memcpy(buffer, in->data + in->pos, k);
		in->pos += k;
		return k;
	}
	/* A pipe gives what it holds: read on until size bytes or the
	 * end, so that the window holds whole chunks.  A signal that
	 * interrupts a read (EINTR) is no error. */
	for (k = 0; k < size; k += (size_t)n) {
		do
			n = read(in->fd, buffer + k, size - k);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			in->error = errno;
			return 0;
		}
		if (n == 0)
			break;
	}
	return k;
}

/*
 * The characters that start in the n bytes at s: every byte but UTF-8's
 * continuation bytes (10xxxxxx), counted a word at a time, each byte of
 * sum counting its lane's for up to sixteen words.
 */
static size_t
lead_bytes(const unsigned char *s, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	size_t i = 0, k, cont = 0;
	uint64_t w, sum;

	while (i + 8 <= n) {
		for (sum = 0, k = 0; k < 16 && i + 8 <= n; k++, i += 8) {
			memcpy(&w, s + i, 8);
			sum += ((w & ~(w << 1)) >> 7) & ones;
		}
		cont += (size_t)((sum * ones) >> 56);
	}
	for (; i < n; i++)
		cont += (s[i] & 0xc0) == 0x80;
	return n - cont;
}

/* The byte at offset in the window, which holds it. */
static unsigned char
window_byte(const struct tl_input *in, uint64_t offset)
{
	int older = in->newer ^ 1;

	return offset - in->start < in->clen[older] ?
	    in->chunk[older][offset - in->start] :
	    in->chunk[in->newer][offset - in->start - in->clen[older]];
}

/*
 * The byte offset where libyaml's character index starts, into *offset,
 * when the window holds it: 0, or -1.  It walks on from the last one
 * asked for (marks come in order), so that a file costs one pass.
 */
static int
window_char(struct tl_input *in, uint64_t index, uint64_t *offset)
{
	uint64_t end = in->start + in->clen[0] + in->clen[1];
	uint64_t b = in->cursor_byte, c = in->cursor_char, take;
	int older = in->newer ^ 1;

	if (index < c || b < in->start)
		return -1;
	while (c < index && b < end) {
		take = index - c;
		if (b < in->start + in->clen[older]) {
			if (take > in->start + in->clen[older] - b)
				take = in->start + in->clen[older] - b;
			c += lead_bytes(in->chunk[older] + (b - in->start),
			    (size_t)take);
		} else {
			if (take > end - b)
				take = end - b;
			c += lead_bytes(in->chunk[in->newer] + (b - in->start -
			    in->clen[older]), (size_t)take);
		}
		b += take;
	}
	while (b < end && (window_byte(in, b) & 0xc0) == 0x80)
		b++;
	in->cursor_byte = b;
	in->cursor_char = c;
	if (c != index || b == end)
		return -1;
	*offset = b;
	return 0;
}

/* libyaml's read handler: one chunk, kept in the window. */
static int
input_read(void *data, unsigned char *buffer, size_t size, size_t *read)
{
	struct tl_input *in = data;
	size_t n;

	if (size > CHUNK)
		size = CHUNK;
	n = input_fill(in, buffer, size);
	if (in->error != 0)
		return 0;
	in->eof = n == 0;
	/* The end: the window keeps the last two chunks read. */
	if (n == 0) {
		*read = 0;
		return 1;
	}
	if (in->start + in->clen[0] + in->clen[1] + n > in->max) {
		in->too_large = 1;
		return 0;
	}
	if (in->start == 0 && in->clen[0] == 0 && in->clen[1] == 0 &&
	    n >= 3 && memcmp(buffer, "\xef\xbb\xbf", 3) == 0) {
		in->bom = 1;
		in->cursor_byte = 3;
	}
	/* The cursor of window_char() leaves the chunk forgotten. */
	if (in->cursor_byte < in->start + in->clen[in->newer ^ 1]) {
		in->cursor_char += lead_bytes(in->chunk[in->newer ^ 1] +
		    (in->cursor_byte - in->start), (size_t)(in->start +
		    in->clen[in->newer ^ 1] - in->cursor_byte));
		in->cursor_byte = in->start + in->clen[in->newer ^ 1];
	}
	/* The newer chunk becomes the older; the older is forgotten. */
	in->newer ^= 1;
	in->start += in->clen[in->newer];
	memcpy(in->chunk[in->newer], buffer, n);
	in->clen[in->newer] = n;
	in->hash[in->newer] = memchr(buffer, '#', n) != NULL;
	in->at[in->newer] = in->end;
	advance(&in->end, buffer, n, in);
	*read = n;
	return in->oom ? 0 : 1;
}

/*
 * The editor's line and column (0-based) of a byte offset in the window
 * (libyaml's reader errors give only the offset), or of the window's
 * start when the offset is before it.
 */
static void
offset_position(const struct tl_input *in, uint64_t offset, size_t *line,
    size_t *col)
{
	int older = in->newer ^ 1, c;
	struct position p = in->at[older];
	uint64_t n;
	size_t i, k;

	if (offset >= in->start) {
		n = offset - in->start;
		for (i = 0; i < 2 && n > 0; i++) {
			c = i == 0 ? older : in->newer;
			k = n < in->clen[c] ? (size_t)n : in->clen[c];
			p = in->at[c];
			advance(&p, in->chunk[c], k, NULL);
			n -= k;
		}
	}
	/* A byte-order mark is not a column. */
	if (p.line == 0 && in->bom && p.col > 0)
		p.col--;
	*line = p.line;
	*col = p.col;
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

/* Copies the window's bytes from offset on (at most n) into buf. */
static size_t
window_bytes(const struct tl_input *in, uint64_t offset, unsigned char *buf,
    size_t n)
{
	size_t got = 0, i;
	uint64_t at = in->start;
	int c;

	for (i = 0; i < 2; i++) {
		c = i == 0 ? (in->newer ^ 1) : in->newer;
		while (got < n && offset >= at && offset < at + in->clen[c]) {
			buf[got++] = in->chunk[c][offset - at];
			offset++;
		}
		at += in->clen[c];
	}
	return got;
}

/* The longest part of a line kept for advice. */
#define LINE_MAX_BYTES 512

/* One line of the text, as far as the window holds it. */
struct line_text {
	char text[LINE_MAX_BYTES];
	size_t len;
	size_t col;			/* the editor's column of text[0] */
	size_t line;			/* the editor's line, 0-based */
};

/*
 * Copies the editor's line (0-based) from the window into *lt, without
 * its line end; a line that starts before the window is copied from
 * there.  Returns 0, or -1 when the window does not hold the line.  It
 * walks the window byte by byte: for advice on errors only.
 */
static int
window_line(const struct tl_input *in, size_t line, struct line_text *lt)
{
	const struct position *p = &in->at[in->newer ^ 1];
	size_t l = p->line, c = p->col, i;
	uint64_t offset = in->start;
	int after_cr = p->after_cr, started = 0, k, ch;
	unsigned char b;

	lt->len = 0;
	lt->col = 0;
	lt->line = line;
	if (line < l)
		return -1;
	for (k = 0; k < 2 && l <= line; k++) {
		ch = k == 0 ? (in->newer ^ 1) : in->newer;
		for (i = 0; i < in->clen[ch] && l <= line; i++, offset++) {
			b = in->chunk[ch][i];
			/* A byte-order mark is not a column. */
			if (offset < 3 && in->bom)
				continue;
			if (b == '\r' || (b == '\n' && !after_cr)) {
				if (l == line)
					started = 1;
				l++;
				c = 0;
			} else if (b != '\n') {
				if (l == line) {
					if (!started)
						lt->col = c;
					started = 1;
					if (lt->len < sizeof(lt->text))
						lt->text[lt->len++] = (char)b;
				}
				c += (b & 0xc0) != 0x80;
			}
			after_cr = b == '\r';
		}
	}
	/* The last line of the text has no line end. */
	if (l == line && offset == in->start + in->clen[0] + in->clen[1])
		started = 1;
	return started ? 0 : -1;
}

/*
 * The byte offset in lt->text of the editor's column col (1-based), or
 * lt->len when the line stops before it; *blank tells whether only
 * blanks stand before it.
 */
static size_t
line_offset(const struct line_text *lt, size_t col, int *blank)
{
	size_t i, c = lt->col;

	*blank = 1;
	for (i = 0; i < lt->len; i++) {
		if (((unsigned char)lt->text[i] & 0xc0) != 0x80 && ++c >= col)
			break;
		if (lt->text[i] != ' ' && lt->text[i] != '\t')
			*blank = 0;
	}
	return i;
}

/* Where a character stands: start of a value, or of a line's text. */
enum lookalike_at {
	AT_ANY,			/* anywhere */
	AT_SPACE,		/* where a blank belongs: indentation, or
				   after ':', '-' or ',' */
	AT_BULLET,		/* first on its line, a blank after it */
	AT_VALUE,		/* where a value starts */
	AT_KEY			/* right after the first word of a line
				   (a key), a blank after it */
};

/* A character that looks like (or hides) what YAML needs. */
struct lookalike {
	uint32_t cp;
	const char *name;
	enum lookalike_at at;
	const char *advice;
};

static const char space_advice[] = ": YAML needs a plain space";
static const char invisible_advice[] = ": an invisible character that YAML "
    "reads as text; delete it";
static const char break_advice[] = ": YAML takes it for a line break; "
    "delete it";
static const char dash_advice[] = " is not a list '-'";
static const char quote_advice[] = ": curly quotes are not YAML quotes: "
    "use \" or '";
static const char colon_advice[] = ": YAML needs ':' after a key";

static const struct lookalike lookalikes[] = {
	{ 0x0085, "NEXT LINE", AT_ANY, break_advice },
	{ 0x00a0, "NO-BREAK SPACE", AT_SPACE, space_advice },
	{ 0x00ad, "SOFT HYPHEN", AT_SPACE, invisible_advice },
	{ 0x2002, "EN SPACE", AT_SPACE, space_advice },
	{ 0x2003, "EM SPACE", AT_SPACE, space_advice },
	{ 0x2007, "FIGURE SPACE", AT_SPACE, space_advice },
	{ 0x2009, "THIN SPACE", AT_SPACE, space_advice },
	{ 0x200b, "ZERO WIDTH SPACE", AT_SPACE, invisible_advice },
	{ 0x200c, "ZERO WIDTH NON-JOINER", AT_SPACE, invisible_advice },
	{ 0x200d, "ZERO WIDTH JOINER", AT_SPACE, invisible_advice },
	{ 0x200e, "LEFT-TO-RIGHT MARK", AT_SPACE, invisible_advice },
	{ 0x200f, "RIGHT-TO-LEFT MARK", AT_SPACE, invisible_advice },
	{ 0x2010, "HYPHEN", AT_BULLET, dash_advice },
	{ 0x2011, "NON-BREAKING HYPHEN", AT_BULLET, dash_advice },
	{ 0x2013, "EN DASH", AT_BULLET, dash_advice },
	{ 0x2014, "EM DASH", AT_BULLET, dash_advice },
	{ 0x2018, "LEFT SINGLE QUOTATION MARK", AT_VALUE, quote_advice },
	{ 0x2019, "RIGHT SINGLE QUOTATION MARK", AT_VALUE, quote_advice },
	{ 0x201c, "LEFT DOUBLE QUOTATION MARK", AT_VALUE, quote_advice },
	{ 0x201d, "RIGHT DOUBLE QUOTATION MARK", AT_VALUE, quote_advice },
	{ 0x201e, "DOUBLE LOW-9 QUOTATION MARK", AT_VALUE, quote_advice },
	{ 0x2022, "BULLET", AT_BULLET, dash_advice },
	{ 0x2028, "LINE SEPARATOR", AT_ANY, break_advice },
	{ 0x2029, "PARAGRAPH SEPARATOR", AT_ANY, break_advice },
	{ 0x202f, "NARROW NO-BREAK SPACE", AT_SPACE, space_advice },
	{ 0x2060, "WORD JOINER", AT_SPACE, invisible_advice },
	{ 0x2212, "MINUS SIGN", AT_BULLET, dash_advice },
	{ 0x3000, "IDEOGRAPHIC SPACE", AT_SPACE, space_advice },
	{ 0xfeff, "BYTE ORDER MARK", AT_ANY, ": a byte-order mark may only "
	    "start a file (were two files joined?); delete it" },
	{ 0xff0d, "FULLWIDTH HYPHEN-MINUS", AT_BULLET, dash_advice },
	{ 0xff1a, "FULLWIDTH COLON", AT_KEY, colon_advice },
};

/*
 * Where a hint found what caused libyaml's problem (1-based; line 0: it
 * found nothing there), and the note that points at it.
 */
struct cause {
	uint32_t line, col;
	char note[96];
};

/*
 * Advice for a line that is a marker git leaves in a file it could not
 * merge ("<<<<<<< HEAD", "=======", ">>>>>>> branch"); returns whether
 * lt is one, and puts it in *cause.
 */
static int
conflict_advice(const struct line_text *lt, char *buf, size_t size,
    struct cause *cause)
{
	static const char *const markers[] = {
		"<<<<<<<", "=======", ">>>>>>>", "|||||||"
	};
	size_t i;

	if (lt->col != 0 || lt->len < 7)
		return 0;
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (memcmp(lt->text, markers[i], 7) == 0 && (lt->len == 7 ||
		    lt->text[7] == ' ' || lt->text[7] == '\r'))
			break;
	if (i == sizeof(markers) / sizeof(markers[0]))
		return 0;
	snprintf(buf, size, "; line %zu marks a merge conflict that git left "
	    "unresolved: resolve it, and remove the lines '<<<<<<<', "
	    "'=======' and '>>>>>>>'", lt->line + 1);
	cause->line = (uint32_t)lt->line + 1;
	cause->col = 1;
	snprintf(cause->note, sizeof(cause->note), "the conflict marker is "
	    "here");
	return 1;
}

/*
 * Looks in a line for a character that looks like what YAML needs, or
 * hides, where it is: writes advice naming it into buf ("" when there is
 * none), and puts it in *cause.  Returns whether it found one.
 */
static int
lookalike_advice(const struct line_text *lt, char *buf, size_t size,
    struct cause *cause)
{
	const struct lookalike *la;
	size_t i = 0, k, col = lt->col, lo, hi, mid;
	uint32_t cp, next;
	char prev = '\0';		/* the last character not blank */
	uint32_t last = 0;		/* the character just before */
	int blank_before = 1;	/* a blank (or nothing) just before */
	int key_only = 1;	/* only '-' and a word's ASCII so far */

	buf[0] = '\0';
	while (i < lt->len) {
		k = tl_utf8_decode(lt->text + i, lt->len - i, &cp);
		la = NULL;
		lo = 0;
		hi = sizeof(lookalikes) / sizeof(lookalikes[0]);
		while (cp >= 0x80 && lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (lookalikes[mid].cp == cp) {
				la = &lookalikes[mid];
				break;
			}
			if (lookalikes[mid].cp < cp)
				lo = mid + 1;
			else
				hi = mid;
		}
		next = ' ';
		if (i + k < lt->len)
			(void)tl_utf8_decode(lt->text + i + k,
			    lt->len - i - k, &next);
		if (la != NULL && (la->at == AT_ANY ||
		    (la->at == AT_SPACE && (prev == '\0' || last == ':' ||
		    last == '-' || last == ',')) ||
		    (la->at == AT_BULLET && prev == '\0' &&
		    (next == ' ' || next == '\t')) ||
		    (la->at == AT_VALUE && (prev == '\0' || ((prev == ':' ||
		    prev == '-') && blank_before) || prev == '[' ||
		    prev == '{' || prev == ',')) ||
		    (la->at == AT_KEY && key_only && prev != '\0' &&
		    !blank_before && (next == ' ' || next == '\t' ||
		    i + k == lt->len)))) {
			snprintf(buf, size, "; U+%04lX %s at %lu:%lu%s",
			    (unsigned long)cp, la->name,
			    (unsigned long)(lt->line + 1),
			    (unsigned long)(col + 1), la->advice);
			cause->line = (uint32_t)lt->line + 1;
			cause->col = (uint32_t)col + 1;
			snprintf(cause->note, sizeof(cause->note),
			    "U+%04lX %s is here", (unsigned long)cp,
			    la->name);
			return 1;
		}
		blank_before = cp == ' ' || cp == '\t';
		if (!blank_before && !((cp >= '0' && cp <= '9') ||
		    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '-' ||
		    cp == '_'))
			key_only = 0;
		if (!blank_before && (la == NULL || la->at != AT_SPACE))
			prev = cp < 0x80 ? (char)cp : '\x7f';
		last = cp;
		i += k;
		col++;
	}
	return 0;
}

/*
 * Reports text that libyaml's reader refused: not UTF-8 (the first byte
 * that does not decode, said as what it looks like), or a character
 * YAML does not allow.
 */
static void
bad_encoding(struct loader *ld)
{
	struct tl_input *in = ld->in;
	uint64_t offset = ld->parser.problem_offset, from, bad;
	unsigned char buf[24];
	size_t n, i, k, line, col;
	uint32_t cp;
	int value = ld->parser.problem_value;

	/* libyaml takes a UTF-32 byte-order mark for UTF-16's. */
	if (in->start == 0 && window_bytes(in, 0, buf, 4) == 4 &&
	    (memcmp(buf, "\xff\xfe\0\0", 4) == 0 ||
	    memcmp(buf, "\0\0\xfe\xff", 4) == 0)) {
		(void)encoding_error(ld, 0, 0, "the file must be UTF-8, not "
		    "UTF-32");
		return;
	}
	/* libyaml stops at most three bytes past the start of the bad
	 * sequence: decode from a little before it. */
	from = offset >= 8 ? offset - 8 : 0;
	if (from < in->start)
		from = in->start;
	n = window_bytes(in, from, buf, sizeof(buf));
	for (i = 0; i < n && from > 0 && (buf[i] & 0xc0) == 0x80; i++)
		continue;
	bad = UINT64_MAX;
	while (i < n && bad == UINT64_MAX) {
		k = tl_utf8_decode((const char *)buf + i, n - i, &cp);
		if (cp == TL_UTF8_INVALID && (i + 4 <= n ||
		    from + n == in->start + in->clen[0] + in->clen[1]))
			bad = from + i;
		i += k;
	}
	if (bad == UINT64_MAX) {
		/* Valid UTF-8: a character YAML refuses. */
		offset_position(in, offset, &line, &col);
		if (value == 0)
			(void)encoding_error(ld, line, col, "invalid text: a "
			    "NUL byte; the file must be UTF-8 (is it UTF-16 or "
			    "UTF-32?)");
		else
			(void)encoding_error(ld, line, col, "invalid text: "
			    "character U+%04X is not allowed in YAML",
			    value > 0 ? (unsigned)value : 0u);
		return;
	}
	offset_position(in, bad, &line, &col);
	i = (size_t)(bad - from);
	if (buf[i] == 0xed && i + 1 < n && buf[i + 1] >= 0xa0 &&
	    buf[i + 1] <= 0xbf)
		(void)encoding_error(ld, line, col, "invalid text: bytes "
		    "0x%02X 0x%02X start a UTF-16 surrogate, which UTF-8 does "
		    "not hold; the file must be UTF-8", buf[i], buf[i + 1]);
	else if (buf[i] >= 0xa0 && (buf[i] < 0xc0 || i + 1 >= n ||
	    buf[i + 1] < 0x80 || buf[i + 1] >= 0xc0))
		(void)encoding_error(ld, line, col, "invalid text: byte 0x%02X "
		    "is not UTF-8; this file looks like Latin-1 (ISO-8859-1 or "
		    "Windows-1252): save it as UTF-8", buf[i]);
	else if (tl_cp1252(buf[i]) != NULL)
		(void)encoding_error(ld, line, col, "invalid text: byte 0x%02X "
		    "is not UTF-8; this file looks like Windows-1252 (where "
		    "0x%02X is %s): save it as UTF-8", buf[i], buf[i],
		    tl_cp1252(buf[i]));
	else
		(void)encoding_error(ld, line, col, "invalid text: byte 0x%02X "
		    "does not start valid UTF-8 here; the file must be UTF-8",
		    buf[i]);
}

/* Lines before the problem looked at for a look-alike character. */
#define LOOKBACK_LINES 8

/*
 * The first line (1-based) that may hold the cause of libyaml's
 * problem at line: the line of the last thing read, or of the token
 * libyaml was reading, or of a document's start, whichever is first,
 * at most LOOKBACK_LINES back.
 */
static uint32_t
hint_first_line(struct loader *ld, const char *problem, uint32_t line)
{
	yaml_parser_t *p = &ld->parser;
	yaml_mark_t mark = p->problem_mark;
	uint32_t from, l, col;

	mark.line = ld->last_line;
	mark.column = 0;
	editor_position(ld->in, &mark, &from, &col);
	if (p->context != NULL &&
	    strncmp(p->context, "while scanning", 14) == 0) {
		editor_position(ld->in, &p->context_mark, &l, &col);
		if (l < from)
			from = l;
	}
	/* A document that ended early: its first line may say why. */
	if (strstr(problem, "<document start>") != NULL && ld->root != NULL) {
		mark.line = ld->root->mark_line;
		editor_position(ld->in, &mark, &l, &col);
		if (l < from)
			from = l;
	}
	if (from > line)
		from = line;
	if (line - from > LOOKBACK_LINES)
		from = line - LOOKBACK_LINES;
	return from;
}

/*
 * Whether the last thing read is a quoted value closed on line before
 * col; *end_line and *end_col are where it ends.
 */
static int
closed_quote_before(const struct loader *ld, uint32_t line, uint32_t col,
    uint32_t *end_line, uint32_t *end_col)
{
	editor_position(ld->in, &ld->last_end, end_line, end_col);
	return ld->last_type == YAML_SCALAR_EVENT &&
	    (ld->last_style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    ld->last_style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
	    *end_line == line && *end_col <= col && *end_col > 1;
}

/*
 * Advice for a byte-order mark inside the line lt (not the one that may
 * start a file): YAML takes it for text wherever it stands, so it is the
 * cause before any character of the look-alike kind on a later line.
 */
static int
bom_advice(const struct line_text *lt, char *buf, size_t size,
    struct cause *cause)
{
	const char *bom = lt->text, *end = lt->text + lt->len;
	size_t col = lt->col;

	while ((bom = memchr(bom, 0xef, (size_t)(end - bom))) != NULL &&
	    !(end - bom >= 3 && (unsigned char)bom[1] == 0xbb &&
	    (unsigned char)bom[2] == 0xbf))
		bom++;
	if (bom == NULL)
		return 0;
	col += tl_utf8_count(lt->text, (size_t)(bom - lt->text));
	snprintf(buf, size, "; U+FEFF BYTE ORDER MARK at %lu:%lu: a "
	    "byte-order mark may only start a file (were two files "
	    "joined?); delete it", (unsigned long)(lt->line + 1),
	    (unsigned long)(col + 1));
	cause->line = (uint32_t)lt->line + 1;
	cause->col = (uint32_t)col + 1;
	snprintf(cause->note, sizeof(cause->note), "U+FEFF BYTE ORDER MARK "
	    "is here");
	return 1;
}

/* Advice about one line (conflict_advice(), bom_advice(), ...). */
typedef int line_advice(const struct line_text *, char *, size_t,
    struct cause *);

/*
 * Asks advise about the lines from..line and then, with context, about
 * the line of the token libyaml was reading when it is not among them;
 * returns whether there was any advice.
 */
static int
advice_on(struct loader *ld, uint32_t from, uint32_t line, int context,
    line_advice *advise, char *buf, size_t size, struct cause *cause)
{
	yaml_parser_t *p = &ld->parser;
	struct line_text lt;
	uint32_t l, col;

	for (l = from; l <= line; l++)
		if (window_line(ld->in, l - 1, &lt) == 0 &&
		    advise(&lt, buf, size, cause))
			return 1;
	if (!context || p->context == NULL || from > line)
		return 0;
	editor_position(ld->in, &p->context_mark, &l, &col);
	return (l < from || l > line) && window_line(ld->in, l - 1, &lt) ==
	    0 && advise(&lt, buf, size, cause);
}

/*
 * Advice about a line whose text starts with a '-' right before a key
 * ("-id: alpha"): YAML reads '-id' as the key, not as a list item.
 */
static int
dash_key_advice(const struct line_text *lt, char *buf, size_t size,
    struct cause *cause)
{
	char q[TL_QUOTE_SIZE];
	size_t i = 0, k;

	if (lt->col != 0)
		return 0;
	while (i < lt->len && lt->text[i] == ' ')
		i++;
	if (i + 1 >= lt->len || lt->text[i] != '-' ||
	    !(((lt->text[i + 1] | 0x20) >= 'a' &&
	    (lt->text[i + 1] | 0x20) <= 'z') ||
	    (lt->text[i + 1] >= '0' && lt->text[i + 1] <= '9')))
		return 0;
	for (k = i + 1; k < lt->len && k - i <= 32 && lt->text[k] != ':' &&
	    lt->text[k] != ' '; k++)
		continue;
	/* A key, then ': ' or the end of the line. */
	if (k >= lt->len || lt->text[k] != ':' ||
	    (k + 1 < lt->len && lt->text[k + 1] != ' '))
		return 0;
	tl_diags_quote(q, lt->text + i, k - i);
	snprintf(buf, size, "; line %zu reads '%s' as a key: put a space "
	    "after the '-' to start a list item", lt->line + 1, q);
	cause->line = (uint32_t)lt->line + 1;
	cause->col = (uint32_t)i + 1;
	snprintf(cause->note, sizeof(cause->note), "the '-' is here");
	return 1;
}

/*
 * Where the text of lt's line starts, past its blanks and a list item's
 * '- ': the column of its key; and whether its text is a key whose value
 * is on the lines below ('milestones:', '- id:' without one).
 */
static size_t
key_column(const struct line_text *lt, int *opens)
{
	size_t i = 0, end = lt->len;

	while (i < lt->len && lt->text[i] == ' ')
		i++;
	while (i + 1 < lt->len && lt->text[i] == '-' && lt->text[i + 1] == ' ')
		for (i++; i < lt->len && lt->text[i] == ' '; i++)
			continue;
	while (end > i && (lt->text[end - 1] == ' ' ||
	    lt->text[end - 1] == '\r'))
		end--;
	*opens = end > i && lt->text[end - 1] == ':';
	return i;
}

/* Whether lt's text, past its blanks and a list item's '- ' (at), is
 * a key: a word and a ':' with a blank or nothing after it. */
static int
is_key_line(const struct line_text *lt, size_t at)
{
	const char *colon = memchr(lt->text + at, ':', lt->len - at);
	size_t c;

	if (colon == NULL || at >= lt->len || lt->text[at] == '#')
		return 0;
	c = (size_t)(colon - lt->text);
	return c + 1 == lt->len || lt->text[c + 1] == ' ' ||
	    lt->text[c + 1] == '\r';
}

/*
 * dash_key_advice() on the lines from..line that are not the next line
 * of a text: 'description: Steps' then, more indented, '-install: run
 * make' is text, not a list item, and so is such a line after more of
 * the text.  The key above is found past blank and comment lines and
 * the text's lines.
 */
static int
dash_lines_advice(struct loader *ld, uint32_t from, uint32_t line,
    char *buf, size_t size, struct cause *cause)
{
	struct line_text lt, prev;
	uint32_t l, k;
	size_t at, p, col = 0;
	int opens = 0, key, text;

	for (l = from; l <= line; l++) {
		if (window_line(ld->in, l - 1, &lt) != 0 || lt.col != 0)
			continue;
		at = strspn(lt.text, " ");
		if (at >= lt.len || lt.text[at] != '-')
			continue;
		for (k = l - 1, key = text = 0; k >= 1 && k + 8 > l && !key;
		    k--) {
			if (window_line(ld->in, k - 1, &prev) != 0 ||
			    prev.col != 0)
				break;
			col = key_column(&prev, &opens);
			p = strspn(prev.text, " ");
			if (p >= prev.len || prev.text[p] == '#')
				continue;
			if (!(key = is_key_line(&prev, col)))
				text = 1;
		}
		if (key && at > col && (!opens || text))
			continue;
		if (dash_key_advice(&lt, buf, size, cause))
			return 1;
	}
	return 0;
}

/*
 * Advice about a merge conflict, a byte-order mark or a look-alike
 * character on the lines from..line, or (a mark or a look-alike) on the
 * line of the token libyaml was reading; returns whether there was any,
 * and puts where in *cause.  A mark is always a cause, so it comes
 * before a look-alike, which may be harmless.
 */
static int
lines_advice(struct loader *ld, uint32_t from, uint32_t line, char *buf,
    size_t size, struct cause *cause)
{
	return advice_on(ld, from, line, 0, conflict_advice, buf, size,
	    cause) || advice_on(ld, from, line, 1, bom_advice, buf, size,
	    cause) || advice_on(ld, from, line, 1, lookalike_advice, buf,
	    size, cause) || dash_lines_advice(ld, from, line, buf, size,
	    cause);
}

/* Advice for text after a quoted value that closed at end_line and
 * end_col (1-based, one past the quote). */
static void
closing_quote_advice(const struct loader *ld, uint32_t end_line,
    uint32_t end_col, char *buf, size_t size)
{
	if (ld->last_style == YAML_SINGLE_QUOTED_SCALAR_STYLE)
		snprintf(buf, size, "; text after the closing quote at "
		    "%lu:%lu: inside '...' write '' for a quote (or quote "
		    "with \"...\")",
		    (unsigned long)end_line, (unsigned long)(end_col - 1));
	else
		snprintf(buf, size, "; text after the closing quote at "
		    "%lu:%lu: inside \"...\" write \\\" for a quote (or quote "
		    "with '...')",
		    (unsigned long)end_line, (unsigned long)(end_col - 1));
}

/*
 * Where a comment (a '#' after a blank) starts in lt's text from byte i,
 * when a ':' follows it on the line; else i.  The text before it, blanks
 * dropped, is all that is read of a key: 'Release #2: done' is the key
 * 'Release' with no ':'.
 */
static size_t
comment_before_colon(const struct line_text *lt, size_t i)
{
	size_t h, end;

	for (h = i + 1; h < lt->len; h++)
		if (lt->text[h] == '#' && (lt->text[h - 1] == ' ' ||
		    lt->text[h - 1] == '\t'))
			break;
	if (h >= lt->len || memchr(lt->text + h, ':', lt->len - h) == NULL)
		return i;
	for (end = h; end > i && (lt->text[end - 1] == ' ' ||
	    lt->text[end - 1] == '\t'); end--)
		continue;
	return end;
}

/*
 * The '[' or '{' that the value of the key on lt's line starts with
 * ('title: [WIP] thing'), or 0.
 */
static char
flow_value_start(const struct line_text *lt)
{
	const char *colon = memchr(lt->text, ':', lt->len);
	size_t v;

	if (colon == NULL)
		return 0;
	for (v = (size_t)(colon - lt->text) + 1; v < lt->len &&
	    lt->text[v] == ' '; v++)
		continue;
	return v < lt->len && (lt->text[v] == '[' || lt->text[v] == '{') ?
	    lt->text[v] : 0;
}

/* Whether the key on lt's line is 'tags' ("tags:", "- tags:"). */
static int
is_tags_key(const struct line_text *lt)
{
	size_t i = strspn(lt->text, " ");

	if (i + 1 < lt->len && lt->text[i] == '-' && lt->text[i + 1] == ' ')
		i += 1 + strspn(lt->text + i + 1, " ");
	return lt->len - i >= 5 && memcmp(lt->text + i, "tags:", 5) == 0;
}

/*
 * Advice for a value in [...] or {...} with a '#' in it before it is
 * closed ('tags: [launch, #web]'): a '#' where a value may start (after
 * a blank, '[', '{' or ',') starts a comment that runs to the line's
 * end, so the list or mapping is cut there.  Looks at the lines
 * from..line (those with a quote are left alone); returns whether it
 * found one, and puts the '#' in *cause.
 */
static int
flow_comment_advice(struct loader *ld, uint32_t from, uint32_t line,
    char *buf, size_t size, struct cause *cause)
{
	struct line_text lt;
	char q[48], opener, c;
	size_t i, n, col;
	uint32_t l;
	int depth, tags;

	for (l = from; l <= line; l++) {
		if (window_line(ld->in, l - 1, &lt) < 0 ||
		    (opener = flow_value_start(&lt)) == 0 ||
		    memchr(lt.text, '"', lt.len) != NULL ||
		    memchr(lt.text, '\'', lt.len) != NULL)
			continue;
		i = (size_t)((const char *)memchr(lt.text, opener, lt.len) -
		    lt.text);
		for (depth = 0; i < lt.len; i++) {
			c = lt.text[i];
			depth += (c == '[' || c == '{') - (c == ']' || c == '}');
			if (depth == 0 || (c == '#' && lt.text[i - 1] != '\0' &&
			    strchr(" \t[{,", lt.text[i - 1]) != NULL))
				break;
		}
		if (i >= lt.len || depth == 0)
			continue;
		/* The text meant, up to the next ',' or closing. */
		for (n = 0; i + n < lt.len && lt.text[i + n] != ',' &&
		    lt.text[i + n] != ']' && lt.text[i + n] != '}'; n++)
			continue;
		while (n > 1 && (lt.text[i + n - 1] == ' ' ||
		    lt.text[i + n - 1] == '\t'))
			n--;
		q[0] = '\0';
		if (n > 1 && n < 40)
			tl_diags_escape(q, sizeof(q), lt.text + i, n);
		tags = is_tags_key(&lt);
		for (col = lt.col; i > 0; i--)
			col += ((unsigned char)lt.text[i - 1] & 0xc0) != 0x80;
		n = (size_t)snprintf(buf, size, "; the '#' at %lu:%lu starts "
		    "a comment, which runs to the end of the line, so the '%c' "
		    "is not closed on its line: ", (unsigned long)l,
		    (unsigned long)(col + 1), opener);
		if (n < size && tags && q[0] != '\0')
			snprintf(buf + n, size - n, "a tag is written without "
			    "its '#' ('%.47s', not '%.47s')", q + 1, q);
		else if (n < size && tags)
			snprintf(buf + n, size - n, "a tag is written without "
			    "its '#'");
		else if (n < size && q[0] != '\0')
			snprintf(buf + n, size - n, "quote the value, or the "
			    "item, that holds '#' (\"%.47s\")", q);
		else if (n < size)
			snprintf(buf + n, size - n, "quote the value, or the "
			    "item, that holds '#'");
		cause->line = l;
		cause->col = (uint32_t)col + 1;
		snprintf(cause->note, sizeof(cause->note), "the '#' is here");
		return 1;
	}
	return 0;
}

/* The block scalar's indicator at line and col (1-based): '|' or '>'. */
static char
block_indicator(struct loader *ld, uint32_t line, uint32_t col)
{
	struct line_text lt;
	size_t i;
	int blank;

	if (window_line(ld->in, line - 1, &lt) < 0)
		return '|';
	i = line_offset(&lt, col, &blank);
	return i < lt.len && lt.text[i] == '>' ? '>' : '|';
}

/*
 * Advice for a key that libyaml found no ':' after: the text of its
 * line, with a comment that cuts it, with a ':' that no space follows,
 * or with none.
 */
static void
key_colon_advice(struct loader *ld, char *buf, size_t size)
{
	struct line_text lt;
	char q[TL_QUOTE_SIZE];
	uint32_t line, col;
	size_t i, k, c;
	int blank;

	editor_position(ld->in, &ld->parser.context_mark, &line, &col);
	if (window_line(ld->in, line - 1, &lt) < 0)
		return;
	i = line_offset(&lt, col, &blank);
	while (lt.len > i && (lt.text[lt.len - 1] == ' ' ||
	    lt.text[lt.len - 1] == '\t'))
		lt.len--;
	/* The key is the first word: a ':' after a blank is in the value. */
	for (k = i; k < lt.len && lt.text[k] != ':' && lt.text[k] != ' ' &&
	    lt.text[k] != '\t'; k++)
		continue;
	/* libyaml gives up on a key of more than 1024 characters, with a
	 * ': ' that far on its line; one of several words may have been
	 * meant as a key of one word ('description word word ...'). */
	if (ld->parser.problem_mark.index > ld->parser.context_mark.index +
	    1024 && ld->parser.problem_mark.line ==
	    ld->parser.context_mark.line) {
		tl_diags_quote(q, lt.text + i, k - i);
		if (k < lt.len && k > i && lt.text[i] != '"' &&
		    lt.text[i] != '\'' && (lt.text[k] == ' ' ||
		    lt.text[k] == '\t'))
			snprintf(buf, size, "; a key is at most 1024 characters "
			    "long in YAML: is the ':' after '%s' missing?", q);
		else
			snprintf(buf, size, "; a key is at most 1024 characters "
			    "long in YAML");
		return;
	}
	tl_diags_quote(q, lt.text + i, lt.len - i);
	if ((c = comment_before_colon(&lt, i)) > i) {
		tl_diags_quote(q, lt.text + i, c - i);
		snprintf(buf, size, "; ' #' starts a comment, so the key "
		    "'%s' ends before its ':' (quote text that holds ' #')", q);
	} else if (k + 1 < lt.len && lt.text[k] == ':')
		snprintf(buf, size, "; put a space after the ':' in '%s'", q);
	else if (k == lt.len || lt.text[k] != ':')
		snprintf(buf, size, "; '%s' has no ':' after its key", q);
}

/*
 * The line (1-based) at or just before line that starts with '%', a
 * directive where the document has begun; 0 when there is none.
 */
static uint32_t
directive_line(struct loader *ld, uint32_t line)
{
	struct line_text lt;
	uint32_t l;

	for (l = line; l > 0 && l + 2 > line; l--)
		if (window_line(ld->in, l - 1, &lt) == 0 && lt.col == 0 &&
		    lt.len > 0 && lt.text[0] == '%')
			return l;
	return 0;
}

/*
 * The line (1-based) among the few before line that is '...', the end
 * of a document; 0 when there is none.
 */
static uint32_t
document_end_line(struct loader *ld, uint32_t line)
{
	struct line_text lt;
	uint32_t l;

	for (l = line; l > 0 && l + 20 > line; l--)
		if (window_line(ld->in, l - 1, &lt) == 0 && lt.col == 0 &&
		    lt.len >= 3 && memcmp(lt.text, "...", 3) == 0 &&
		    (lt.len == 3 || lt.text[3] == ' ' || lt.text[3] == '\t'))
			return l;
	return 0;
}

/* Whether the line's text starts a block list's item ("- " or "-"). */
static int
list_item(const struct line_text *lt)
{
	size_t i = 0;

	while (i < lt->len && lt->text[i] == ' ')
		i++;
	return i < lt->len && lt->text[i] == '-' && (i + 1 == lt->len ||
	    lt->text[i + 1] == ' ');
}

/* Reads n hexadecimal digits at s (len bytes) into *v: 0, or -1 when
 * they are not there. */
static int
hex_digits(const char *s, size_t len, size_t n, unsigned long *v)
{
	size_t i;
	char c;

	if (n > len || n > 8)
		return -1;
	for (*v = 0, i = 0; i < n; i++) {
		c = s[i];
		if (c >= '0' && c <= '9')
			*v = *v * 16 + (unsigned long)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v = *v * 16 + (unsigned long)((c | 0x20) - 'a' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * Advice on an escape that libyaml refuses, whose 'u' or 'U' ends at
 * byte i of lt ('\ud83d'): a pair of UTF-16 escapes, as JSON writers
 * give a character past U+FFFF, is one character's to YAML; a half
 * alone, or a number past U+10FFFF, is none.  Returns 1 when buf holds
 * advice.
 */
static int
escape_advice(const struct line_text *lt, size_t i, char *buf, size_t size)
{
	unsigned long hi, lo = 0, cp;
	size_t n;
	int pair;

	if (i < 2 || i > lt->len || lt->text[i - 2] != '\\' ||
	    (lt->text[i - 1] != 'u' && lt->text[i - 1] != 'U'))
		return 0;
	n = lt->text[i - 1] == 'u' ? 4 : 8;
	if (hex_digits(lt->text + i, lt->len - i, n, &hi) < 0)
		return 0;
	pair = n == 4 && hi >= 0xd800 && hi <= 0xdbff && lt->len - i >= 10 &&
	    lt->text[i + 4] == '\\' && lt->text[i + 5] == 'u' &&
	    hex_digits(lt->text + i + 6, lt->len - i - 6, 4, &lo) == 0 &&
	    lo >= 0xdc00 && lo <= 0xdfff;
	if (pair) {
		cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
		snprintf(buf, size, "; '\\u%.4s\\u%.4s' is U+%05lX written as "
		    "a pair of UTF-16 escapes, as JSON may write it, which "
		    "libyaml does not read: write the character itself, or "
		    "'\\U%08lX' (Python's json.dump writes characters with "
		    "ensure_ascii=False)", lt->text + i, lt->text + i + 6, cp,
		    cp);
	} else if (hi >= 0xd800 && hi <= 0xdfff) {
		snprintf(buf, size, "; '\\u%.4s' is half of a pair of UTF-16 "
		    "escapes, which is no character alone: write the character "
		    "itself", lt->text + i);
	} else if (hi > 0x10ffff) {
		snprintf(buf, size, "; '\\U%.8s' is past U+10FFFF, the last "
		    "character of Unicode", lt->text + i);
	} else {
		return 0;
	}
	return 1;
}

/* Whether a line holds nothing but spaces and tabs. */
static int
blank_line(const struct line_text *lt)
{
	size_t i;

	for (i = 0; i < lt->len; i++)
		if (lt->text[i] != ' ' && lt->text[i] != '\t')
			return 0;
	return 1;
}

/*
 * What stands at a problem libyaml reports, for the advice on it: the
 * character there and the text of its line, when the window holds them;
 * a quoted value closed just before it; and where what libyaml was
 * reading (a quote, a '[' or '{', a key) started.
 */
struct problem_site {
	const char *problem;		/* libyaml's words */
	const char *ctx;		/* its context, or "" */
	uint32_t line;			/* 1-based */
	struct line_text lt;		/* the problem's line, when known */
	int known;			/* lt holds it, the column on it */
	int at_start;			/* only blanks before the column */
	uint32_t cp;			/* the character there, or 0 */
	int quoted;			/* a quoted value closed before it */
	uint32_t end_line, end_col;	/* one past that value's quote */
	uint32_t open_line, open_col;	/* libyaml's context mark */
};

/* The spaces that indent a line, or -1 when it holds only blanks. */
static long
indent_of(const struct line_text *lt)
{
	size_t i = 0;

	while (i < lt->len && lt->text[i] == ' ')
		i++;
	return blank_line(lt) ? -1 : (long)i;
}

/*
 * Whether a line ends with the header of a block scalar ("key: |",
 * "- key: >-", a comment after it): its indicators into head (at most
 * 3 bytes and a NUL), its key's column (0-based) into *key, the
 * header's into *at.  2 for a list item's ("- |"), where *key is the
 * '-', from which the block is indented; 1 for a key's; else 0.
 */
static int
block_header(const struct line_text *lt, char head[4], size_t *key,
    size_t *at)
{
	size_t i = 0, end = lt->len, h, n, dash = 0;

	if (lt->col != 0)
		return 0;
	/* A comment after the header, " # ...". */
	for (h = 1; h < lt->len; h++)
		if (lt->text[h] == '#' && (lt->text[h - 1] == ' ' ||
		    lt->text[h - 1] == '\t')) {
			end = h;
			break;
		}
	while (end > 0 && (lt->text[end - 1] == ' ' ||
	    lt->text[end - 1] == '\t'))
		end--;
	for (h = end; h > 0 && strchr("+-0123456789", lt->text[h - 1]) !=
	    NULL && lt->text[h - 1] != '\0'; h--)
		;
	if (h < 2 || end - h > 2 || (lt->text[h - 1] != '|' &&
	    lt->text[h - 1] != '>') || lt->text[h - 2] != ' ')
		return 0;
	memcpy(head, lt->text + h - 1, end - h + 1);
	head[end - h + 1] = '\0';
	while (i < lt->len && lt->text[i] == ' ')
		i++;
	while (i + 1 < lt->len && lt->text[i] == '-' && lt->text[i + 1] == ' ')
		for (dash = i, i += 2; i < lt->len && lt->text[i] == ' '; i++)
			;
	/* "- |": the block is the item, indented from its '-'. */
	*key = i == h - 1 && i > 0 ? dash : i;
	/* The editor's column of the header, not its byte. */
	for (*at = 0, n = 0; n + 1 < h; n++)
		*at += ((unsigned char)lt->text[n] & 0xc0) != 0x80;
	return *key == dash && i == h - 1 && i > 0 ? 2 : 1;
}

/* How far back a block scalar's header is looked for. */
#define BLOCK_LINES_BACK 200

/*
 * Advice where a block scalar ('|', '>') ended before the text meant for
 * it: its first line is indented more than the lines after it (YAML
 * takes the block's indentation from its first line, or from a blank
 * line before it with more spaces), or its text stands at its key's
 * indentation, where it is read as a key.  Returns whether it is so.
 */
static int
block_advice(struct loader *ld, const struct problem_site *ps, char *buf,
    size_t size)
{
	struct line_text lt;
	char head[4];
	size_t key, at;
	uint32_t l, first = 0, blank = 0;
	long ind, here, spaces = -1;
	int kind;

	if (!ps->known || ps->lt.col != 0 || (here = indent_of(&ps->lt)) < 0)
		return 0;
	if (strstr(ps->problem, "could not find expected ':'") != NULL &&
	    strstr(ps->ctx, "simple key") != NULL && ps->open_line > 1 &&
	    window_line(ld->in, ps->open_line - 1, &lt) == 0 &&
	    (here = indent_of(&lt)) >= 0 &&
	    window_line(ld->in, ps->open_line - 2, &lt) == 0 &&
	    block_header(&lt, head, &key, &at) == 1 && (long)key == here) {
		snprintf(buf, size, "; the text of the '%s' at %lu:%lu must "
		    "be indented more than its key, or it is read as a key",
		    head, (unsigned long)ps->open_line - 1,
		    (unsigned long)at + 1);
		return 1;
	}
	if (!ps->at_start || (strstr(ps->problem, "expected key") == NULL &&
	    strstr(ps->problem, "'-' indicator") == NULL))
		return 0;
	for (l = ps->line - 1; l >= 1 && ps->line - l <= BLOCK_LINES_BACK;
	    l--) {
		if (window_line(ld->in, l - 1, &lt) < 0 || lt.col != 0)
			return 0;
		if ((ind = indent_of(&lt)) < 0) {
			if ((long)lt.len > here && (long)lt.len > spaces) {
				spaces = (long)lt.len;
				blank = l;
			}
			continue;
		}
		if (ind > here) {
			first = l;
			continue;
		}
		break;
	}
	if (l < 1 || ps->line - l > BLOCK_LINES_BACK ||
	    (kind = block_header(&lt, head, &key, &at)) == 0 ||
	    here <= (long)key || here - (long)key > 9 ||
	    strpbrk(head, "123456789") != NULL)
		return 0;
	if (blank != 0 && (first == 0 || blank < first))
		snprintf(buf, size, "; line %lu, blank, holds %s%ld spaces, "
		    "more than this line's %ld: the block after '%s' at "
		    "%lu:%lu takes its indentation from it; delete its spaces",
		    (unsigned long)blank, spaces == (long)sizeof(lt.text) ?
		    "at least " : "", spaces, here, head, (unsigned long)l,
		    (unsigned long)at + 1);
	else if (first != 0)
		snprintf(buf, size, "; the block after '%s' at %lu:%lu is "
		    "indented as its first line, %lu, so this line ends it: "
		    "write '%s%ld': %ld is how far its text is indented "
		    "from its %s", head, (unsigned long)l,
		    (unsigned long)at + 1, (unsigned long)first, head,
		    here - (long)key, here - (long)key, kind == 2 ? "'-'" :
		    "key");
	else
		return 0;
	return 1;
}

/* Advice for a tab where YAML wants spaces; returns whether the
 * problem is one. */
static int
tab_advice(const struct problem_site *ps, char *buf, size_t size)
{
	if ((ps->cp == '\t' || strstr(ps->problem, "tab character") !=
	    NULL) && ps->known && blank_line(&ps->lt))
		snprintf(buf, size, "; line %lu holds only blanks, a tab among "
		    "them, which YAML reads as indentation in a value: delete "
		    "the line's blanks", (unsigned long)ps->line);
	else if (ps->cp == '\t' || strstr(ps->problem, "tab character") !=
	    NULL)
		snprintf(buf, size, "; YAML indents with spaces, never tabs");
	else
		return 0;
	return 1;
}

/*
 * Advice for a problem in how the text is laid out: a list item among
 * the top-level keys, text after a closing quote, a key without its
 * ':', a quote, '[' or '{' never closed, a directive in the document, a
 * list on its key's line, or a ': ' in a value.  Returns whether the
 * problem is one of those.
 */
static int
layout_advice(struct loader *ld, const struct problem_site *ps, char *buf,
    size_t size)
{
	const char *problem = ps->problem, *ctx = ps->ctx;
	uint32_t l;

	if (ps->known && ld->depth <= 1 && !ld->milestones_key &&
	    list_item(&ps->lt) &&
	    (strstr(problem, "mapping values are not allowed") != NULL ||
	    strstr(problem, "did not find expected key") != NULL))
		snprintf(buf, size, "; a list item among the top-level keys: "
		    "milestones are listed under 'milestones:' (is that line "
		    "missing above it?)");
	else if (ps->quoted && (strstr(problem, "mapping values are not "
	    "allowed") != NULL || strncmp(problem, "did not find expected ",
	    22) == 0))
		closing_quote_advice(ld, ps->end_line, ps->end_col, buf, size);
	else if (strstr(problem, "could not find expected ':'") != NULL &&
	    strstr(ctx, "simple key") != NULL)
		key_colon_advice(ld, buf, size);
	else if (strstr(problem, "end of stream") != NULL &&
	    strstr(ctx, "quoted scalar") != NULL)
		snprintf(buf, size, "; the quote at %lu:%lu is never closed",
		    (unsigned long)ps->open_line, (unsigned long)ps->open_col);
	else if (strstr(problem, "expected ',' or ']'") != NULL)
		snprintf(buf, size, "; is the '[' at %lu:%lu closed? A list "
		    "written in [...] ends with ']'",
		    (unsigned long)ps->open_line, (unsigned long)ps->open_col);
	else if (strstr(problem, "expected ',' or '}'") != NULL)
		snprintf(buf, size, "; is the '{' at %lu:%lu closed? A mapping "
		    "written in {...} ends with '}'",
		    (unsigned long)ps->open_line, (unsigned long)ps->open_col);
	else if (strstr(problem, "<document start>") != NULL &&
	    (l = document_end_line(ld, ps->line)) > 0)
		snprintf(buf, size, "; line %lu, '...', ends the document, and "
		    "a file holds one: delete the '...' line, or what follows "
		    "it", (unsigned long)l);
	else if (strstr(problem, "found incompatible YAML document") != NULL)
		snprintf(buf, size, "; YAML 1.1 and 1.2 are read: delete the "
		    "'%%YAML' line");
	else if (strstr(problem, "<document start>") != NULL &&
	    (l = directive_line(ld, ps->line)) > 0)
		snprintf(buf, size, "; line %lu starts with '%%', a YAML "
		    "directive, which may only come before the document: "
		    "delete it, or quote text that starts with '%%'",
		    (unsigned long)l);
	else if (strstr(problem, "block sequence entries are not allowed") !=
	    NULL)
		snprintf(buf, size, "; a list cannot start on its key's line: "
		    "put each '- ' item on a line of its own below the key, "
		    "or quote the text");
	else if (strstr(problem, "mapping values are not allowed") != NULL)
		snprintf(buf, size, "%s", ld->parser.problem_mark.line >
		    ld->last_line ?
		    "; is this line indented more than the key above it? "
		    "(or quote the value if it holds ': ')" :
		    "; quote the value if it holds ': '");
	else
		return 0;
	return 1;
}

/*
 * Advice for a value that starts with a character YAML reserves: '@',
 * '`' or '%', which start no plain text, '*' (an alias), '&' (an
 * anchor), '|' or '>' (a block of text), '[' or '{' (a list or a
 * mapping).  Returns whether the problem is one of those.
 */
static int
indicator_advice(struct loader *ld, const struct problem_site *ps,
    char *buf, size_t size)
{
	const char *problem = ps->problem, *ctx = ps->ctx;
	uint32_t cp = ps->cp;
	char opener;

	if (strstr(problem, "cannot start any token") != NULL &&
	    (cp == '@' || cp == '`' || cp == '%'))
		snprintf(buf, size, "; '%c' cannot start plain text: quote the "
		    "value", (char)cp);
	else if (strcmp(ctx, "while scanning an alias") == 0 ||
	    (ld->last_type == YAML_ALIAS_EVENT && ps->end_line == ps->line))
		snprintf(buf, size, "; '*' starts an alias: quote the value");
	else if (strcmp(ctx, "while scanning an anchor") == 0)
		snprintf(buf, size, "; '&' starts an anchor: quote the value");
	else if (strstr(problem, "expected comment or line break") != NULL &&
	    strstr(ctx, "block scalar") != NULL &&
	    (opener = block_indicator(ld, ps->open_line, ps->open_col)) != 0)
		snprintf(buf, size, "; a value that starts with '%c' is a "
		    "block of text on the lines below, and nothing but a "
		    "comment may follow it: quote the value if the '%c' is "
		    "part of the text", opener, opener);
	else if (ps->known && !ps->at_start && strstr(problem,
	    "expected key") != NULL && (opener = flow_value_start(&ps->lt)) !=
	    0 && cp != '}' && cp != ']')
		snprintf(buf, size, "; a value that starts with '%c' is %s, "
		    "written in %s: quote the value if the '%c' is part of the "
		    "text", opener, opener == '[' ? "a list" : "a mapping",
		    opener == '[' ? "[...]" : "{...}", opener);
	else
		return 0;
	return 1;
}

/*
 * Advice where libyaml expected a key or a list's '-': the line's
 * indentation, or a '}' or ']' where none is open.
 */
static void
indentation_advice(const struct problem_site *ps, char *buf, size_t size)
{
	if (strncmp(ps->problem, "did not find expected ", 22) != 0)
		return;
	if (strstr(ps->problem, "'-' indicator") == NULL &&
	    strstr(ps->problem, "expected key") == NULL)
		return;
	if (!ps->known || ps->at_start)
		snprintf(buf, size, "; check this line's indentation against "
		    "the lines above it");
	else if (ps->cp == '}' || ps->cp == ']')
		snprintf(buf, size, "; unexpected '%c': no '%c' is open here",
		    (char)ps->cp, ps->cp == '}' ? '{' : '[');
}

/*
 * Advice from what stands at the problem (line and col, 1-based): the
 * character there, whether only blanks come before it on its line, and
 * a quoted value closed just before it.
 */
static void
problem_advice(struct loader *ld, const char *problem, uint32_t line,
    uint32_t col, char *buf, size_t size)
{
	yaml_parser_t *p = &ld->parser;
	struct problem_site ps;
	size_t i;

	ps.problem = problem;
	ps.ctx = p->context != NULL ? p->context : "";
	ps.line = line;
	ps.at_start = 1;
	ps.cp = 0;
	ps.quoted = closed_quote_before(ld, line, col, &ps.end_line,
	    &ps.end_col);
	editor_position(ld->in, &p->context_mark, &ps.open_line,
	    &ps.open_col);
	ps.known = window_line(ld->in, line - 1, &ps.lt) == 0 &&
	    col > ps.lt.col;
	if (ps.known) {
		i = line_offset(&ps.lt, col, &ps.at_start);
		if (i < ps.lt.len)
			(void)tl_utf8_decode(ps.lt.text + i, ps.lt.len - i,
			    &ps.cp);
	}
	if (ps.known && strstr(problem, "invalid Unicode character escape") !=
	    NULL && escape_advice(&ps.lt, line_offset(&ps.lt, col,
	    &ps.at_start), buf, size))
		return;
	/* "C:\Users", "\d+" in double quotes: a backslash escapes. */
	if (strstr(problem, "found unknown escape character") != NULL ||
	    strstr(problem, "did not find expected hexdecimal number") !=
	    NULL) {
		snprintf(buf, size, "; in \"...\" a backslash starts an "
		    "escape: write \\\\ for one, or quote with '...', which "
		    "keeps backslashes as they are");
		return;
	}
	if (!tab_advice(&ps, buf, size) &&
	    !block_advice(ld, &ps, buf, size) &&
	    !layout_advice(ld, &ps, buf, size) &&
	    !indicator_advice(ld, &ps, buf, size))
		indentation_advice(&ps, buf, size);
}

/*
 * Writes into buf the likely cause of the problem libyaml reports, as
 * advice, or "".  First a conflict marker, a look-alike or an invisible
 * character on the lines from the last thing read to the problem; then
 * what stands at the problem.  A ': ' on a line after the last thing
 * read ends a value that went on to that line: usually a key indented
 * too far.  Indentation is the question only when the problem starts
 * its line's text; after a quoted value on the same line, the quote
 * closed early, whatever the lines before hold.  A conflict marker or a
 * character found is put in *cause, for the note to point at.
 */
static void
yaml_hint(struct loader *ld, const char *problem, char *buf, size_t size,
    struct cause *cause)
{
	uint32_t line, col, from, end_line, end_col;

	buf[0] = '\0';
	cause->line = 0;
	editor_position(ld->in, &ld->parser.problem_mark, &line, &col);
	from = hint_first_line(ld, problem, line);
	if (closed_quote_before(ld, line, col, &end_line, &end_col) &&
	    strncmp(problem, "did not find expected ", 22) == 0)
		from = line + 1;	/* no look-alike advice */
	if (!lines_advice(ld, from, line, buf, size, cause) &&
	    !flow_comment_advice(ld, from, line, buf, size, cause))
		problem_advice(ld, problem, line, col, buf, size);
}

static int
is_blank_byte(unsigned char b)
{
	return b == ' ' || b == '\t' || b == '\r' || b == '\n';
}

/*
 * Whether text other than blanks follows the line of mark: in the
 * window, or in what libyaml did not read yet, of which up to 64 KiB is
 * read here (the file is given up); more blanks than that, or a stream
 * that does not end, count as text.
 */
static int
text_follows(struct tl_input *in, const yaml_mark_t *mark)
{
	unsigned char buf[4096];
	uint32_t line, col;
	size_t l, c, i, n;
	int k, ch, reads = 16, same;
	uint64_t at = in->start + in->clen[0] + in->clen[1];

	editor_position(in, mark, &line, &col);
	/* The last byte of the window that is not blank. */
	for (k = 0; k < 2; k++) {
		ch = k == 0 ? in->newer : in->newer ^ 1;
		for (i = in->clen[ch]; i > 0; i--, at--)
			if (!is_blank_byte(in->chunk[ch][i - 1]))
				break;
		if (i > 0) {
			offset_position(in, at - 1, &l, &c);
			if (l + 1 > line)
				return 1;
			break;
		}
	}
	/* What is read past the window may end the mark's line first. */
	same = in->end.line + 1 == line;
	while (!in->eof && in->error == 0) {
		if (reads-- == 0)
			return 1;
		if ((n = input_fill(in, buf, sizeof(buf))) == 0)
			break;
		for (i = 0; i < n; i++)
			if (buf[i] == '\n' || buf[i] == '\r')
				same = 0;
			else if (!same && !is_blank_byte(buf[i]))
				return 1;
	}
	return 0;
}

/*
 * What starts at libyaml's context mark, said in buf: "while scanning a
 * quoted scalar" becomes "the quote opens here".
 */
static const char *
context_note(const char *context, char *buf, size_t size)
{
	static const struct {
		const char *context, *note;
	} named[] = {
		{ "quoted scalar", "the quote opens here" },
		{ "flow sequence", "the '[' opens here" },
		{ "flow mapping", "the '{' opens here" },
		{ "simple key", "the key starts here" },
		{ "block collection", "the list starts here" },
		{ "block mapping", "the mapping starts here" },
		{ "block scalar", "the block of text starts here" },
		{ "plain scalar", "the text starts here" },
	};
	static const char *const lead[] = {
		"while scanning an ", "while scanning a ", "while parsing an ",
		"while parsing a "
	};
	size_t i, n;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strstr(context, named[i].context) != NULL)
			return named[i].note;
	for (i = 0; i < sizeof(lead) / sizeof(lead[0]); i++) {
		n = strlen(lead[i]);
		if (strncmp(context, lead[i], n) == 0) {
			snprintf(buf, size, "the %s starts here", context + n);
			return buf;
		}
	}
	snprintf(buf, size, "%s here", context);
	return buf;
}

/* Reports libyaml's problem in the compilers' form; ends the file. */
static void
parse_failed(struct loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	char ctx[128] = "", hint[512];
	const char *problem = p->problem ? p->problem : "unknown problem";
	uint32_t line = 0, col = 0, at_line, at_col;
	struct cause cause;
	int tab;

	ld->stop = 1;
	if (p->error == YAML_MEMORY_ERROR || ld->in->oom) {
		ld->ctx.oom = 1;
		return;
	}
	if (p->error == YAML_READER_ERROR && ld->in->too_large) {
		too_large(ld);
		return;
	}
	if (p->error == YAML_READER_ERROR && ld->in->error != 0) {
		/* Not the text's fault: the file could not be read. */
		file_error_at(ld, "file", "cannot read: %s",
		    tl_errno_text(ld->in->error));
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		bad_encoding(ld);
		return;
	}
	/* A tab's problem is its own line: the plain value libyaml was
	 * reading before it (on the line above) would only mislead; where
	 * a block of text starts still helps. */
	tab = strstr(problem, "tab character") != NULL &&
	    p->context != NULL && strstr(p->context, "plain scalar") != NULL;
	if (p->context != NULL && !tab) {
		editor_position(ld->in, &p->context_mark, &line, &col);
		snprintf(ctx, sizeof(ctx), " (%s at %lu:%lu)", p->context,
		    (unsigned long)line, (unsigned long)col);
	}
	yaml_hint(ld, problem, hint, sizeof(hint), &cause);
	ld->cause_line = cause.line;
	/* libyaml cannot go on: say so, unless the text ends there. */
	if (error_at(ld, "yaml", p->problem_mark, "invalid YAML: %s%s%s%s",
	    problem, ctx, hint, text_follows(ld->in, &p->problem_mark) ?
	    "; the rest of this file is not read" : "") != 0)
		return;
	/* The note points at the cause the hint found, else at what
	 * libyaml was reading, where that is not the problem's place. */
	editor_position(ld->in, &p->problem_mark, &at_line, &at_col);
	if (cause.line != 0 && (cause.line != at_line || cause.col != at_col)) {
		if (tl_diags_note(ld->ctx.diags, ld->ctx.file, cause.line,
		    cause.col, "%s", cause.note) < 0)
			ld->ctx.oom = 1;
	} else if (p->context != NULL && !tab && (line != at_line ||
	    col != at_col) && tl_diags_note(ld->ctx.diags, ld->ctx.file, line,
	    col, "%s", context_note(p->context, ctx, sizeof(ctx))) < 0) {
		ld->ctx.oom = 1;
	}
}

/*
 * Warns when a quoted text or a flow collection that ev ends is followed
 * at once by '#' ('"Land PR"#1234', "[a, b]#c"): YAML asks for a blank
 * before a comment, but libyaml reads one there, and the rest of the line
 * is dropped without a word.
 */
static void
hash_right_after(struct loader *ld, const yaml_event_t *ev)
{
	unsigned char b[48], end;
	char q[TL_QUOTE_SIZE];
	size_t n, len;
	uint32_t line, col;

	uint64_t at;

	/* Most windows hold no '#' at all. */
	if (!ld->in->hash[0] && !ld->in->hash[1])
		return;
	if (window_char(ld->in, ev->end_mark.index, &at) < 0 || at == 0 ||
	    window_bytes(ld->in, at - 1, b, 2) < 2 || b[1] != '#' ||
	    strchr("\"']}", b[0]) == NULL || b[0] == '\0')
		return;
	end = b[0];
	n = window_bytes(ld->in, at, b, sizeof(b));
	for (len = 0; len < n && b[len] != '\n' && b[len] != '\r'; len++)
		;
	/* A '#' alone drops nothing. */
	if (len == 1)
		return;
	/* Cut, the excerpt ends before the character it would split. */
	if (len == sizeof(b)) {
		while (len > 1 && (b[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 1 && b[len - 1] >= 0xc0)
			len--;
	}
	editor_position(ld->in, &ev->end_mark, &line, &col);
	if (tl_diags_add(ld->ctx.diags, TL_LEVEL_WARNING, "comment",
	    ld->ctx.file, ld->ctx.file_index, line, col, "'%s%s' right "
	    "after the closing %s is read as a comment and dropped: %sa "
	    "blank before the '#' if it is a comment",
	    tl_diags_quote(q, (const char *)b, len), len < n &&
	    b[len] != '\n' && b[len] != '\r' ? "..." : "",
	    end == '"' || end == '\'' ? "quote" : end == '}' ? "brace" :
	    "bracket",
	    end == '"' || end == '\'' ? "put it inside the quotes, or " :
	    "put ") < 0)
		ld->ctx.oom = 1;
}

static int
next_event(struct loader *ld, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ld->parser, ev)) {
		parse_failed(ld);
		return -1;
	}
	ld->last_line = ev->start_mark.line;
	ld->last_end = ev->end_mark;
	ld->last_type = ev->type;
	if (ev->type == YAML_SCALAR_EVENT)
		ld->last_style = ev->data.scalar.style;
	if ((ev->type == YAML_SCALAR_EVENT &&
	    (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)) ||
	    ((ev->type == YAML_SEQUENCE_END_EVENT ||
	    ev->type == YAML_MAPPING_END_EVENT) &&
	    ev->end_mark.index > ev->start_mark.index))
		hash_right_after(ld, ev);
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

/* The tag of bytes in base64, !!binary as written. */
#define BINARY_TAG "tag:yaml.org,2002:binary"

/*
 * Advice for a value tagged as bytes (!!binary: base64, as PyYAML and
 * Ruby write a text a script did not mark as text): the text it holds,
 * when it is short UTF-8 text; "" for another tag.
 */
static const char *
binary_advice(const yaml_event_t *ev, const yaml_char_t *tag, char *buf,
    size_t size)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char text[96], q[TL_QUOTE_SIZE];
	const char *p, *at;
	size_t n = 0, i;
	unsigned long bits = 0;
	int nbits = 0;
	uint32_t cp;

	if (strcmp((const char *)tag, BINARY_TAG) != 0 ||
	    ev->type != YAML_SCALAR_EVENT)
		return "";
	snprintf(buf, size, "; the value is bytes in base64, as a script "
	    "writes a text it was not told is text: write the text itself");
	p = (const char *)ev->data.scalar.value;
	for (i = 0; i < ev->data.scalar.length && p[i] != '='; i++) {
		if ((at = memchr(digits, p[i], 64)) == NULL || p[i] == '\0') {
			if (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' ||
			    p[i] == '\r')
				continue;
			return buf;
		}
		bits = bits << 6 | (unsigned long)(at - digits);
		if ((nbits += 6) >= 8) {
			if (n + 1 >= sizeof(text))
				return buf;
			text[n++] = (char)(bits >> (nbits -= 8) & 0xff);
		}
	}
	for (i = 0; i < n; i += tl_utf8_decode(text + i, n - i, &cp))
		if (tl_utf8_decode(text + i, n - i, &cp) == 0 ||
		    cp == TL_UTF8_INVALID || tl_is_control(cp))
			return buf;
	if (n > 0)
		snprintf(buf, size, "; the value is the text '%s' in base64, "
		    "as a script writes a text it was not told is text: write "
		    "the text itself", tl_diags_quote(q, text, n));
	return buf;
}

static void
refuse_tagged(struct loader *ld, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	char q[TL_QUOTE_SIZE], why[TL_QUOTE_SIZE + 128];

	/* A plain value that starts with '&' ("&co launch") is usually
	 * text too. */
	if (anchor != NULL)
		error_at(ld, "anchor", ev->start_mark,
		    "anchor '&%s' is not allowed: timeline files use no "
		    "anchors or aliases%s", tl_diags_quote(q,
		    (const char *)anchor, strlen((const char *)anchor)),
		    ev->type == YAML_SCALAR_EVENT &&
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ?
		    "; quote the value if '&' is part of the text" : "");
	if (tag != NULL) {
		const char *handle = "", *text = (const char *)tag;
		size_t i, len;

		/* Shown as written (!!str, !e!x), not as the expanded URI:
		 * the longest prefix of a handle in force gives it back. */
		for (i = 0; i < ld->ntags; i++) {
			len = strlen(ld->tags[i].prefix);
			if (len > 0 && strncmp(text, ld->tags[i].prefix,
			    len) == 0) {
				handle = ld->tags[i].handle;
				text += len;
				break;
			}
		}
		/* A plain value that starts with a local tag ("!important
		 * launch") is usually text. */
		error_at(ld, "tag", ev->start_mark,
		    "tag '%s%s' is not allowed: %s%s", handle,
		    tl_diags_quote(q, text, strlen(text)),
		    ev->type == YAML_SCALAR_EVENT ? "every value is read as "
		    "text" : "write the list or mapping without it",
		    ev->type == YAML_SCALAR_EVENT &&
		    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    *handle == '\0' && text[0] == '!' && text[1] != '!' ?
		    "; quote the value if '!' is part of the text" :
		    binary_advice(ev, tag, why, sizeof(why)));
	}
}

/*
 * Keeps the tag handles a document declares (%TAG), after YAML's own
 * "!!", so that a refused tag can be shown as written.  Sets oom when
 * memory runs out.
 */
static void
keep_tag_handles(struct loader *ld, const yaml_event_t *ev)
{
	const yaml_tag_directive_t *d;
	size_t n = 1;

	ld->tags[0].handle = "!!";
	ld->tags[0].prefix = "tag:yaml.org,2002:";
	ld->ntags = 1;
	for (d = ev->data.document_start.tag_directives.start;
	    d != ev->data.document_start.tag_directives.end &&
	    n < TAG_HANDLES_MAX; d++, n++) {
		struct tag_handle *h = &ld->tags[n];
		const char *handle = (const char *)d->handle;
		const char *prefix = (const char *)d->prefix;

		if ((h->handle = tl_arena_strndup(&ld->header, handle,
		    strlen(handle))) == NULL ||
		    (h->prefix = tl_arena_strndup(&ld->header, prefix,
		    strlen(prefix))) == NULL) {
			ld->ctx.oom = 1;
			return;
		}
		ld->ntags = n + 1;
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
	n->kind = (uint8_t)kind;
	n->empty = 0;
	n->plain = 0;
	n->comment = 0;
	n->cut = 0;
	n->spans = 0;
	n->hash_after = 0;
	n->text = NULL;
	n->len = 0;
	n->child = NULL;
	n->next = NULL;
	n->count = 0;
	n->mark_line = clamp32(ev->start_mark.line);
	n->mark_col = clamp32(ev->start_mark.column);
	return n;
}

/* A scalar's node, its text copied so that libyaml frees its own at
 * once (reusing the same small blocks is cheaper than keeping them). */
static struct tl_node *
scalar_node(struct loader *ld, struct tl_arena *a, const yaml_event_t *ev)
{
	struct tl_node *n;

	refuse_decorations(ld, ev, ev->data.scalar.anchor,
	    ev->data.scalar.tag);
	/* 'title: !important' is a refused tag on nothing: that error is
	 * the one to give, not a key without a value as well; nor is the
	 * base64 of a !!binary value checked as text. */
	if ((ev->data.scalar.length == 0 &&
	    ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    (ev->data.scalar.anchor != NULL ||
	    ev->data.scalar.tag != NULL)) || (ev->data.scalar.tag != NULL &&
	    strcmp((const char *)ev->data.scalar.tag, BINARY_TAG) == 0))
		return new_node(ld, a, ev, TL_NODE_INVALID);
	if ((n = new_node(ld, a, ev, TL_NODE_SCALAR)) == NULL)
		return NULL;
	n->len = ev->data.scalar.length;
	if ((n->text = tl_arena_strndup(a, (const char *)ev->data.scalar.value,
	    n->len)) == NULL) {
		ld->ctx.oom = 1;
		return NULL;
	}
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (n->plain && ev->end_mark.line > ev->start_mark.line)
		n->spans = ev->end_mark.line - ev->start_mark.line > 255 ? 255 :
		    (uint8_t)(ev->end_mark.line - ev->start_mark.line);
	n->empty = n->len == 0 && n->plain;
	return n;
}

/* Refuses the collection that ev starts (freeing ev): too deep. */
static void
refuse_deep(struct loader *ld, yaml_event_t *ev)
{
	error_at(ld, "too-deep", ev->start_mark,
	    "nesting deeper than %d levels; the rest of this file is not "
	    "read", LOAD_MAX_DEPTH);
	ld->stop = 1;
	yaml_event_delete(ev);
}

/*
 * The node of a sequence or mapping whose start event is ev (which this
 * frees), without its items yet.  NULL when the file must stop.
 */
static struct tl_node *
open_collection(struct loader *ld, struct tl_arena *a, yaml_event_t *ev)
{
	int seq = ev->type == YAML_SEQUENCE_START_EVENT;
	struct tl_node *n;

	if (seq)
		refuse_decorations(ld, ev, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag);
	else
		refuse_decorations(ld, ev, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag);
	if (++ld->depth > LOAD_MAX_DEPTH) {
		refuse_deep(ld, ev);
		return NULL;
	}
	n = new_node(ld, a, ev, seq ? TL_NODE_SEQUENCE : TL_NODE_MAPPING);
	yaml_event_delete(ev);
	return n;
}

/*
 * The node of a scalar or an alias whose event is ev (which this frees).
 * NULL when the file must stop: no memory, or an event that cannot start
 * a node.
 */
static struct tl_node *
leaf_node(struct loader *ld, struct tl_arena *a, yaml_event_t *ev)
{
	struct tl_node *n = NULL;
	char q[TL_QUOTE_SIZE];
	const char *anchor;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = scalar_node(ld, a, ev);
		break;
	case YAML_ALIAS_EVENT:
		anchor = ev->data.alias.anchor ?
		    (const char *)ev->data.alias.anchor : "";
		error_at(ld, "alias", ev->start_mark,
		    "alias '*%s' is not allowed: timeline files use no anchors "
		    "or aliases; write the value out in full (a script's YAML "
		    "library can: PyYAML's ignore_aliases, js-yaml's noRefs)",
		    tl_diags_quote(q, anchor, strlen(anchor)));
		n = new_node(ld, a, ev, TL_NODE_INVALID);
		break;
	default:
		error_at(ld, "yaml", ev->start_mark, "invalid YAML: unexpected "
		    "event");
		ld->stop = 1;
		break;
	}
	yaml_event_delete(ev);
	return n;
}

/*
 * Whether a comment (' #') follows the node at on its line: after the
 * ':' that ends it when it is a key, else after the blanks.  Looks the
 * line up at most LOOKUPS_MAX times a file.
 */
static int
comment_follows(struct loader *ld, const struct tl_node *at, int key)
{
	struct line_text lt;
	yaml_mark_t mark;
	uint32_t line, col;
	size_t i;
	int blank;

	if (ld->lookups == 0)
		return 0;
	ld->lookups--;
	memset(&mark, 0, sizeof(mark));
	mark.line = at->mark_line;
	mark.column = at->mark_col;
	editor_position(ld->in, &mark, &line, &col);
	if (window_line(ld->in, line - 1, &lt) < 0)
		return 0;
	i = line_offset(&lt, col, &blank);
	if (key) {
		while (i < lt.len && lt.text[i] != ':')
			i++;
		i++;
	}
	while (i < lt.len && (lt.text[i] == ' ' || lt.text[i] == '\t'))
		i++;
	return i > 0 && i < lt.len && lt.text[i] == '#' &&
	    (lt.text[i - 1] == ' ' || lt.text[i - 1] == '\t');
}

/*
 * Marks an empty value whose key's line goes on with ':', blanks and
 * '#': the value was taken for a comment ("title: #1 priority").
 */
static void
note_comment(struct loader *ld, const struct tl_node *key,
    struct tl_node *value)
{
	if (value->kind == TL_NODE_SCALAR && value->empty)
		value->comment = comment_follows(ld, key, 1);
}

static int skip_node(struct loader *ld, yaml_event_t *ev);

/* The last item of collection n, which has one. */
static const struct tl_node *
last_child(const struct tl_node *n)
{
	const struct tl_node *c;

	for (c = n->child; c->next != NULL; c = c->next)
		;
	return c;
}

/*
 * Notes whether the plain text value of a title or a location, just
 * read (libyaml's last event), is followed on its line by a few blanks,
 * '#' and a letter or a digit: a comment that ends the text, where the
 * '#' was most likely meant as part of it ("Land PR #1234").
 */
static void
note_hash_after(struct loader *ld, const struct tl_node *key,
    struct tl_node *value)
{
	unsigned char b[8];
	size_t n, i = 0;
	uint64_t at;

	if (value->empty || !((key->len == 5 &&
	    memcmp(key->text, "title", 5) == 0) || (key->len == 8 &&
	    memcmp(key->text, "location", 8) == 0)))
		return;
	if ((!ld->in->hash[0] && !ld->in->hash[1]) ||
	    window_char(ld->in, ld->last_end.index, &at) < 0)
		return;
	n = window_bytes(ld->in, at, b, sizeof(b));
	while (i < n && (b[i] == ' ' || b[i] == '\t'))
		i++;
	value->hash_after = i > 0 && i + 1 < n && b[i] == '#' &&
	    ((b[i + 1] >= '0' && b[i + 1] <= '9') ||
	    ((b[i + 1] | 0x20) >= 'a' && (b[i + 1] | 0x20) <= 'z'));
}

/*
 * After a YAML error, or a refusal that ends the file, inside a node
 * being built (open[0] its outermost collection, top of them open):
 * keeps in ld->cut_node what was read whole of open[0], so that it can
 * be checked as cut short.  A key of it whose value was not read, or
 * is a collection still open (what the error cut: an unclosed '{' may
 * have taken in the lines after it), goes with that value.  Returns
 * NULL, as build_node() does then.
 */
static struct tl_node *
keep_cut(struct loader *ld, struct tl_node **open, int top)
{
	struct tl_node *n, **at;
	size_t drop, i;

	ld->cut_node = NULL;
	if (top == 0 || ld->ctx.oom)
		return NULL;
	n = open[0];
	drop = n->kind != TL_NODE_MAPPING ? (size_t)(top > 1) :
	    n->count % 2 == 1 ? 1 : top > 1 ? 2 : 0;
	/* A value on the line of the problem may be part of it
	 * ("title: {beta} text" is a mapping, then an error), and so may
	 * a plain text over several lines that ends there: it may have
	 * taken in the key of a line indented by mistake ("id: beta" then
	 * " title: B" is the id 'beta title', then an error). */
	if (drop == 0 && n->kind == TL_NODE_MAPPING && n->count >= 2 &&
	    ld->parser.error != YAML_NO_ERROR &&
	    last_child(n)->mark_line + last_child(n)->spans ==
	    ld->parser.problem_mark.line)
		drop = 2;
	if (drop > 0 && n->count >= drop) {
		n->count -= drop;
		for (at = &n->child, i = 0; i < n->count; i++)
			at = &(*at)->next;
		*at = NULL;
	}
	ld->cut_node = n;
	return NULL;
}

/*
 * Builds the node that starts with event ev (which this takes over) and
 * consumes the rest of its events, in one loop over them with the open
 * collections on a stack.  Returns the node, or NULL when the file must
 * stop (a parse error, a nesting limit, no memory).
 */
static struct tl_node *
build_node(struct loader *ld, struct tl_arena *a, yaml_event_t *ev)
{
	struct tl_node *open[LOAD_MAX_DEPTH + 1], **tail[LOAD_MAX_DEPTH + 1];
	struct tl_node *n;
	yaml_event_t e;
	int top = 0, opened;
	size_t built = 0;

	for (;;) {
		opened = ev->type == YAML_SEQUENCE_START_EVENT ||
		    ev->type == YAML_MAPPING_START_EVENT;
		if (top > 0 && (ev->type == YAML_SEQUENCE_END_EVENT ||
		    ev->type == YAML_MAPPING_END_EVENT)) {
			/* The innermost collection is complete. */
			yaml_event_delete(ev);
			ld->depth--;
			if (--top == 0)
				return open[0];
		} else if (built >= LOAD_MAX_NODES && top > 0 &&
		    (open[top - 1]->kind == TL_NODE_SEQUENCE ||
		    open[top - 1]->count % 2 == 0)) {
			/* An item, or a key and its value, not kept. */
			open[top - 1]->cut = 1;
			if (skip_node(ld, ev) < 0 ||
			    (open[top - 1]->kind == TL_NODE_MAPPING &&
			    (next_event(ld, &e) < 0 || skip_node(ld, &e) < 0)))
				return keep_cut(ld, open, top);
		} else {
			n = opened ? open_collection(ld, a, ev) :
			    leaf_node(ld, a, ev);
			if (n == NULL)
				return keep_cut(ld, open, top);
			built++;
			/* A value's key is the node whose next it is. */
			if (n->empty && top > 0 &&
			    open[top - 1]->kind == TL_NODE_MAPPING &&
			    open[top - 1]->count % 2 == 1)
				note_comment(ld, (const struct tl_node *)
				    (void *)((char *)tail[top - 1] -
				    offsetof(struct tl_node, next)), n);
			else if (n->empty && top > 0 &&
			    open[top - 1]->kind == TL_NODE_SEQUENCE)
				/* "- #web": the '#' was meant as text. */
				n->comment = comment_follows(ld, n, 0);
			else if (n->plain && top > 0 &&
			    open[top - 1]->kind == TL_NODE_MAPPING &&
			    open[top - 1]->count % 2 == 1)
				note_hash_after(ld, (const struct tl_node *)
				    (void *)((char *)tail[top - 1] -
				    offsetof(struct tl_node, next)), n);
			if (top > 0) {
				*tail[top - 1] = n;
				tail[top - 1] = &n->next;
				open[top - 1]->count++;
			}
			if (opened) {
				open[top] = n;
				tail[top] = &n->child;
				top++;
			} else if (top == 0) {
				return n;
			}
		}
		if (next_event(ld, &e) < 0)
			return keep_cut(ld, open, top);
		ev = &e;
	}
}

/*
 * Reads the node that ev starts (which this frees), a collection to its
 * end, and keeps nothing of it.  0, or -1 when the file must stop.
 */
static int
skip_node(struct loader *ld, yaml_event_t *ev)
{
	yaml_event_t e;
	size_t open = 0;

	for (;;) {
		if (ev->type == YAML_SEQUENCE_START_EVENT ||
		    ev->type == YAML_MAPPING_START_EVENT) {
			/* libyaml is slow on deep flow: dropped or kept, no
			 * deeper than a kept node may be. */
			if ((size_t)ld->depth + ++open > LOAD_MAX_DEPTH) {
				refuse_deep(ld, ev);
				return -1;
			}
		} else if (ev->type == YAML_SEQUENCE_END_EVENT ||
		    ev->type == YAML_MAPPING_END_EVENT)
			open--;
		yaml_event_delete(ev);
		if (open == 0)
			return 0;
		if (next_event(ld, &e) < 0)
			return -1;
		ev = &e;
	}
}

/*
 * Items are built a few at a time and then checked together, so that
 * libyaml's code and the checker's each stay in the processor's cache
 * for several items instead of taking turns at every one.  A batch ends
 * early once its items span CHECK_BATCH_BYTES of text, so that a batch
 * of large items holds hardly more memory than one of them.
 */
#define CHECK_BATCH 16
#define CHECK_BATCH_BYTES ((size_t)64 * 1024)

/*
 * Checks the first n items of a batch, in order, and frees the scratch
 * space unless an item is kept (the last, when keep_last is set: it is
 * left in ld->last_item).  0, or -1 when memory ran out.
 */
static int
check_batch(struct loader *ld, struct tl_node **items, size_t n,
    int keep_last)
{
	size_t i;

	for (i = 0; i + (keep_last && n > 0) < n && !ld->ctx.oom; i++)
		tl_check_item(&ld->ctx, items[i]);
	if (keep_last && n > 0)
		ld->last_item = items[n - 1];
	else
		tl_arena_reset(&ld->scratch);
	return ld->ctx.oom ? -1 : 0;
}

/*
 * Streams the milestones sequence, a batch of items at a time.  An item
 * is checked once the event after it is read: when that event is
 * invalid YAML, the item may be cut short by the problem (a key that
 * seems missing is on the next line), so it is checked as cut
 * (finish()).  The last item is left in ld->last_item for finish() as
 * well.
 */
static int
read_milestones(struct loader *ld, struct tl_node *seq)
{
	struct tl_set *set = ld->ctx.set;
	struct tl_node *items[CHECK_BATCH];
	size_t n = 0, from = 0;
	yaml_event_t ev;

	/* The last item of a 'milestones' before this one: what followed
	 * it is read (this key), and the scratch space is needed. */
	if (ld->last_item != NULL) {
		tl_check_item(&ld->ctx, ld->last_item);
		tl_arena_reset(&ld->scratch);
		ld->last_item = NULL;
		if (ld->ctx.oom)
			return -1;
	}
	ld->depth++;
	for (;;) {
		if (next_event(ld, &ev) < 0) {
			/* Read whole before the problem: checked as cut. */
			check_batch(ld, items, n, 1);
			return -1;
		}
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			/* The last one is checked once what follows it is
			 * read: a line that ends the sequence by mistake
			 * (indented with a look-alike of a space) may hold
			 * its keys. */
			yaml_event_delete(&ev);
			if (check_batch(ld, items, n, 1) < 0)
				return -1;
			break;
		}
		if (n > 0 && (n == CHECK_BATCH || ev.start_mark.index - from >
		    CHECK_BATCH_BYTES || set->read >= set->max_milestones)) {
			if (check_batch(ld, items, n, 0) < 0) {
				yaml_event_delete(&ev);
				return -1;
			}
			n = 0;
		}
		if (n == 0)
			from = ev.start_mark.index;
		if (set->read >= set->max_milestones) {
			error_at(ld, "too-many", ev.start_mark, "too many "
			    "milestones: at most %llu are read in all; the "
			    "rest of this file is not read",
			    (unsigned long long)set->max_milestones);
			yaml_event_delete(&ev);
			ld->stop = 1;
			return -1;
		}
		set->read++;
		ld->cut_node = NULL;
		if ((items[n] = build_node(ld, &ld->scratch, &ev)) == NULL) {
			/* What a YAML error cut short is checked as cut,
			 * with the last item (finish()). */
			if ((items[n] = ld->cut_node) != NULL)
				n++;
			check_batch(ld, items, n, ld->cut_node != NULL);
			return -1;
		}
		n++;
		seq->count++;
	}
	ld->depth--;
	return 0;
}

/* Notes of a top-level value what only its line tells: a comment after
 * its key, or after its text. */
static void
note_top_value(struct loader *ld, const struct tl_node *key,
    struct tl_node *value)
{
	note_comment(ld, key, value);
	if (value->kind == TL_NODE_SCALAR && value->plain)
		note_hash_after(ld, key, value);
}

/*
 * Whether the top-level key's value is read as the milestones (*exact:
 * the key is 'milestones').  'Milestones' is reported as the key it
 * stands for, and its milestones are checked as that key's; the key's
 * own value is the one the top level is checked with.  Another word
 * for it ('events') is not read so: a file of another tool may hold
 * such a list, and a timeline file may hold one beside its milestones.
 */
static int
holds_milestones(struct loader *ld, const struct tl_node *key, int *exact)
{
	int is_ms;

	*exact = key->kind == TL_NODE_SCALAR && key->len == 10 &&
	    memcmp(key->text, "milestones", 10) == 0;
	is_ms = *exact || (key->kind == TL_NODE_SCALAR &&
	    tl_same_but_case(key->text, key->len, "milestones"));
	if (is_ms)
		ld->milestones_key = 1;
	return is_ms;
}

/* Reads the top-level mapping, whose first event is ev. */
static int
load_root(struct loader *ld, yaml_event_t *ev)
{
	struct tl_node *root, *key, *value, **tail, **last = NULL;
	struct tl_node *ms_value = NULL;
	yaml_event_t kev, vev;
	int is_ms, exact, ms_exact = 0;

	if ((root = new_node(ld, &ld->header, ev, TL_NODE_MAPPING)) == NULL) {
		yaml_event_delete(ev);
		return -1;
	}
	refuse_decorations(ld, ev, ev->data.mapping_start.anchor,
	    ev->data.mapping_start.tag);
	yaml_event_delete(ev);
	ld->depth = 1;
	tail = &root->child;
	ld->root = root;
	for (;;) {
		if (next_event(ld, &kev) < 0) {
			/* Text after a scalar on its line may be part of
			 * it ('ftp'://x), and a line that follows may be
			 * misread with it: the scalar is not certain. */
			if (last != NULL && (*last)->next->kind ==
			    TL_NODE_SCALAR) {
				*last = NULL;
				root->count -= 2;
			}
			goto cut;
		}
		if (kev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kev);
			break;
		}
		if ((key = build_node(ld, &ld->header, &kev)) == NULL)
			goto cut;
		is_ms = holds_milestones(ld, key, &exact);
		if (next_event(ld, &vev) < 0)
			goto cut;
		/* A second 'milestones' is an error of its own, and its
		 * milestones are checked as the first one's are. */
		if (is_ms && vev.type == YAML_SEQUENCE_START_EVENT) {
			refuse_decorations(ld, &vev,
			    vev.data.sequence_start.anchor,
			    vev.data.sequence_start.tag);
			value = new_node(ld, &ld->header, &vev,
			    TL_NODE_SEQUENCE);
			yaml_event_delete(&vev);
			if (value == NULL ||
			    read_milestones(ld, value) < 0)
				goto cut;
			if (ms_value == NULL || (exact && !ms_exact)) {
				ms_value = value;
				ms_exact = exact;
			}
		} else if ((value = build_node(ld, &ld->header,
		    &vev)) == NULL) {
			goto cut;
		}
		note_top_value(ld, key, value);
		*tail = key;
		last = tail;
		key->next = value;
		tail = &value->next;
		root->count += 2;
		ld->ms_value = ms_value;
	}
	/* Checked once the document is known to end here (finish()). */
	return 0;
cut:
	ld->ms_value = ms_value;
	return -1;
}

/*
 * In a node that a YAML error cut short, the last key with an empty
 * value (its value may be the line the error is on) is taken away, down
 * through the last items, so that it is not reported as having none.
 */
static void
drop_last_empty(struct tl_node *n)
{
	struct tl_node *key = NULL, *p, **at;

	while (n != NULL && n->kind == TL_NODE_SEQUENCE && n->child != NULL) {
		for (p = n->child; p->next != NULL; p = p->next)
			;
		n = p;
	}
	if (n == NULL || n->kind != TL_NODE_MAPPING || n->count < 2)
		return;
	for (at = &n->child; (*at)->next->next != NULL; at = &(*at)->next->next)
		;
	key = *at;
	if (key->next->kind == TL_NODE_SCALAR && key->next->empty) {
		*at = NULL;
		n->count -= 2;
	} else {
		drop_last_empty(key->next);
	}
}

/*
 * Takes away the last key of the top level when its value is empty and
 * the line after it holds the character found as a YAML error's cause:
 * '\u00a0 - id: a' under 'milestones:' was that key's value, misread.
 */
static void
drop_empty_before_cause(struct tl_node *root, uint32_t cause_line)
{
	struct tl_node **at;

	if (root->count < 2 || cause_line == 0)
		return;
	for (at = &root->child; (*at)->next->next != NULL;
	    at = &(*at)->next->next)
		;
	/* mark_line counts from 0, cause_line from 1. */
	if ((*at)->next->kind == TL_NODE_SCALAR && (*at)->next->empty &&
	    (*at)->mark_line + 2 == cause_line) {
		*at = NULL;
		root->count -= 2;
	}
}

/*
 * Checks the last milestone and the top level, left unchecked until the
 * end of the file, when reading did not run out of memory.  After a YAML
 * error (or a limit) they are checked as cut short: what they hold is
 * checked, and no key is reported missing.
 */
static void
finish(struct loader *ld)
{
	ld->ctx.cut = ld->stop;
	if (ld->stop && ld->last_item != NULL)
		drop_last_empty(ld->last_item);
	if (ld->last_item != NULL && !ld->ctx.oom &&
	    (!ld->stop || ld->last_item->kind == TL_NODE_MAPPING))
		tl_check_item(&ld->ctx, ld->last_item);
	ld->last_item = NULL;
	if (ld->root != NULL && !ld->ctx.oom) {
		if (ld->stop)
			drop_empty_before_cause(ld->root, ld->cause_line);
		if (tl_check_header(&ld->ctx, ld->root, ld->ms_value) < 0)
			ld->ctx.oom = 1;
	}
	ld->root = NULL;
	ld->ctx.cut = 0;
}

/*
 * Warns of the first CR that ends a line without a LF in a file whose
 * other lines end with LF: most editors do not count it, so every
 * position after it is a line further than they show.
 */
static void
mixed_line_ends(struct loader *ld)
{
	struct tl_input *in = ld->in;
	const struct position *p = &in->first_lone;
	size_t col = p->col;

	/* A CR that ends the text numbers no line after it: not counted. */
	if (!in->lone_cr || !in->lf || ld->utf16)
		return;
	/* A byte-order mark is not a column. */
	if (p->line == 0 && in->bom && col > 0)
		col--;
	if (tl_diags_add(ld->ctx.diags, TL_LEVEL_WARNING, "line-end",
	    ld->ctx.file, ld->ctx.file_index, clamp32(p->line + 1),
	    clamp32(col + 1), "a carriage return without a line feed ends "
	    "this line: YAML and these line numbers count it as a line "
	    "break, most editors do not; delete it") < 0)
		ld->ctx.oom = 1;
}

/*
 * Warns of the first NEL, LS or PS of a file read to its end: YAML breaks
 * a line there, editors do not, so what looks like one line (a comment,
 * a value) is read as two ("# note<LS>  - id: hidden" hides a milestone
 * in what editors show as a comment).  The positions of diagnostics are
 * an editor's, whatever follows.  A YAML problem caused by one names it.
 */
static void
soft_line_ends(struct loader *ld)
{
	struct tl_input *in = ld->in;
	const struct position *p = &in->first_soft;
	const char *what = in->soft_code == 0x85 ? "U+0085 NEXT LINE" :
	    in->soft_code == 0x2028 ? "U+2028 LINE SEPARATOR" :
	    "U+2029 PARAGRAPH SEPARATOR";
	size_t col = p->col > 0 ? p->col - 1 : 0;

	if (in->nsoft == 0 || ld->stop || ld->utf16)
		return;
	if (p->line == 0 && in->bom && col > 0)
		col--;
	if (tl_diags_add(ld->ctx.diags, TL_LEVEL_WARNING, "line-end",
	    ld->ctx.file, ld->ctx.file_index, clamp32(p->line + 1),
	    clamp32(col + 1), "%s: YAML reads it as a line break where "
	    "editors show none, so what follows it is read as a line of its "
	    "own; delete it", what) < 0)
		ld->ctx.oom = 1;
}

/*
 * Reports the second document, whose start is ev (deleted here): a
 * '---' that ends the file, as some tools write one after each
 * document, is said to be deletable.
 */
static void
second_document(struct loader *ld, yaml_event_t *ev)
{
	yaml_mark_t at = ev->start_mark;
	yaml_event_t next;
	int empty;

	yaml_event_delete(ev);
	if (next_event(ld, &next) < 0) {
		error_at(ld, "documents", at, "a second YAML document: a "
		    "timeline file holds one");
		return;
	}
	empty = next.type == YAML_SCALAR_EVENT &&
	    next.data.scalar.length == 0 && next.data.scalar.plain_implicit;
	yaml_event_delete(&next);
	if (empty)
		error_at(ld, "documents", at, "a second YAML document, empty: "
		    "a timeline file holds one; delete this '---' if nothing "
		    "follows it");
	else
		error_at(ld, "documents", at, "a second YAML document: a "
		    "timeline file holds one");
}

/*
 * Advice for a top level that is not a mapping: a list of milestones, or
 * the pointer git-lfs leaves in place of a file it did not fetch.
 */
static const char *
not_mapping_advice(const struct tl_node *n)
{
	static const char lfs[] = "version https://git-lfs.github.com/spec/";

	if (n->kind == TL_NODE_SEQUENCE)
		return " (a list of milestones goes under 'milestones:', with "
		    "'timeline: NAME' beside it)";
	if (n->kind == TL_NODE_SCALAR && n->len >= sizeof(lfs) - 1 &&
	    memcmp(n->text, lfs, sizeof(lfs) - 1) == 0)
		return "; this is a pointer git-lfs leaves in place of the "
		    "file: install git-lfs and run 'git lfs pull'";
	return "";
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
		    "UTF-8, not UTF-16: save it as UTF-8 (iconv -f UTF-16 "
		    "-t UTF-8)");
		ld->utf16 = 1;
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
				    "is empty%s: a timeline file needs "
				    "'timeline' and 'milestones'",
				    documents > 0 ? " (its document holds "
				    "nothing)" : "");
			return;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				second_document(ld, &ev);
				return;
			}
			keep_tag_handles(ld, &ev);
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
				    "and 'milestones'%s", not_mapping_advice(n));
			break;
		}
	}
}

/* What of a file's space is kept for the next: a block no larger than
 * this, emptied; a larger one (a huge value) is given back. */
#define KEEP_SPACE ((size_t)1024 * 1024)

static void
keep_space(struct tl_arena *kept, struct tl_arena *used)
{
	tl_arena_reset(used);
	if (used->total > KEEP_SPACE)
		tl_arena_dispose(used);
	*kept = *used;
}

/*
 * Reads a file (fd), a text of a source (src) or a text in memory
 * (data, len) into the set.
 */
static int
load(struct tl_set *set, const char *name, uint32_t file_index, int fd,
    struct tl_source *src, const char *data, size_t len,
    struct tl_diags *diags)
{
	struct loader ld;
	struct tl_timeline_rec *t;
	struct stat st;
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
	if ((ld.in = calloc(1, sizeof(*ld.in))) == NULL)
		return TL_ENOMEM;
	if (!yaml_parser_initialize(&ld.parser)) {
		free(ld.in);
		return TL_ENOMEM;
	}
	/* The space the last file used, emptied (given back below). */
	ld.scratch = set->read_scratch;
	ld.header = set->read_header;
	memset(&set->read_scratch, 0, sizeof(set->read_scratch));
	memset(&set->read_header, 0, sizeof(set->read_header));
	ld.ctx.set = set;
	ld.ctx.diags = diags;
	ld.ctx.diags_from = diags != NULL ? tl_diags_count(diags) : 0;
	ld.ctx.file = name;
	ld.ctx.file_index = file_index;
	ld.ctx.timeline = t;
	ld.ctx.scratch = &ld.scratch;
	ld.ctx.input = ld.in;
	ld.lookups = LOOKUPS_MAX;
	ld.in->fd = fd;
	ld.in->src = src;
	ld.in->data = data;
	ld.in->len = src != NULL ? src->len : len;
	ld.in->max = set->max_file_bytes;
	yaml_parser_set_input(&ld.parser, input_read, ld.in);
	/* A file known to be too large is refused before it is read. */
	if ((fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size > ld.in->max) ||
	    (fd < 0 && (uint64_t)ld.in->len > ld.in->max))
		too_large(&ld);
	else
		load_stream(&ld);
	finish(&ld);
	mixed_line_ends(&ld);
	soft_line_ends(&ld);
	/* What follows a point where reading stopped is unknown. */
	t->cut = ld.stop;
	if (ld.ctx.oom)
		error = TL_ENOMEM;
	else if ((error = tl_set_push_timeline(set, t)) == 0 &&
	    (ld.in->error != 0 || ld.ctx.io != 0))
		error = TL_EIO;
	yaml_parser_delete(&ld.parser);
	tl_zone_memo_dispose(&ld.ctx.zones);
	keep_space(&set->read_scratch, &ld.scratch);
	keep_space(&set->read_header, &ld.header);
	free(ld.in->soft);
	free(ld.in);
	return error;
}

int
tl_read_file(struct tl_set *set, const char *name, uint32_t file_index,
    int fd, struct tl_diags *diags)
{
	return load(set, name, file_index, fd, NULL, NULL, 0, diags);
}

int
tl_read_source(struct tl_set *set, const char *name, uint32_t file_index,
    struct tl_source *src, struct tl_diags *diags)
{
	return load(set, name, file_index, -1, src, NULL, 0, diags);
}

int
tl_read_text(struct tl_set *set, const char *name, uint32_t file_index,
    const char *data, size_t len, struct tl_diags *diags)
{
	return load(set, name, file_index, -1, NULL, data, len, diags);
}

const char *
tl_yaml_version(void)
{
	return yaml_get_version_string();
}

/*
 * Spans for the editor (spans.h): where one milestone's keys and values
 * stand, as byte offsets, read from libyaml's marks.  libyaml 0.2's
 * mark.index counts characters after a leading BOM, not bytes, so every
 * mark is converted by walking the UTF-8 text.
 */

#include "spans.h"

struct span_reader {
	yaml_parser_t parser;
	struct tl_source *src;
	size_t len;
	size_t fed;			/* bytes of a file given to libyaml */
	size_t bom;			/* bytes of a leading BOM */
	size_t chars, bytes;		/* a character and its offset */
	uint64_t digest;		/* of the events read (FNV-1a) */
	int failed;			/* a parse error, or an alias */
};

/* Gives libyaml the next bytes of a file, up to the size it had. */
static int
span_feed(void *data, unsigned char *buffer, size_t size, size_t *got)
{
	struct span_reader *r = data;

	if (size > r->len - r->fed)
		size = r->len - r->fed;
	if (tl_source_read(r->src, r->fed, (char *)buffer, size) < 0)
		return 0;
	r->fed += size;
	*got = size;
	return 1;
}

/* The byte offset of character index (libyaml's mark.index). */
static size_t
span_byte(struct span_reader *r, size_t index)
{
	if (index < r->chars) {
		r->chars = 0;
		r->bytes = r->bom;
	}
	while (r->chars < index && r->bytes < r->len) {
		r->bytes++;
		while (r->bytes < r->len &&
		    (tl_source_byte(r->src, r->bytes) & 0xc0) == 0x80)
			r->bytes++;
		r->chars++;
	}
	return r->bytes;
}

/* Adds n bytes, after their count, to the digest d. */
static uint64_t
span_hash(uint64_t d, const unsigned char *p, size_t n)
{
	unsigned char count[8];
	size_t i;

	for (i = 0; i < 8; i++)
		count[i] = (unsigned char)((uint64_t)n >> (i * 8));
	for (i = 0; i < 8; i++)
		d = (d ^ count[i]) * 0x100000001b3ULL;
	for (i = 0; i < n; i++)
		d = (d ^ p[i]) * 0x100000001b3ULL;
	return d;
}

/*
 * Adds what ev means to r's digest: its type; a scalar's text, tag and
 * whether it is plain (which decides its type); a collection's tag.
 * Not its style or place otherwise, which the value does not depend on.
 */
static void
span_digest(struct span_reader *r, const yaml_event_t *ev)
{
	unsigned char head[2] = { (unsigned char)ev->type, 0 };
	const unsigned char *tag = NULL;

	if (ev->type == YAML_SCALAR_EVENT) {
		head[1] = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		tag = ev->data.scalar.tag;
	} else if (ev->type == YAML_MAPPING_START_EVENT) {
		tag = ev->data.mapping_start.tag;
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		tag = ev->data.sequence_start.tag;
	}
	r->digest = span_hash(r->digest, head, sizeof(head));
	r->digest = span_hash(r->digest, tag, tag != NULL ?
	    strlen((const char *)tag) : 0);
	if (ev->type == YAML_SCALAR_EVENT)
		r->digest = span_hash(r->digest, ev->data.scalar.value,
		    ev->data.scalar.length);
}

static int
span_next(struct span_reader *r, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&r->parser, ev)) {
		r->failed = 1;
		return -1;
	}
	if (ev->type == YAML_ALIAS_EVENT) {
		yaml_event_delete(ev);
		r->failed = 1;
		return -1;
	}
	span_digest(r, ev);
	return 0;
}

/* Where a block scalar's text ends: before its trailing blank lines. */
static size_t
span_trim(struct span_reader *r, size_t start, size_t end)
{
	unsigned char c;

	while (end > start && ((c = tl_source_byte(r->src, end - 1)) == ' ' ||
	    c == '\t' || c == '\r' || c == '\n'))
		end--;
	return end;
}

/* Whether the block scalar at start keeps its final line breaks (|+). */
static int
span_keeps(struct span_reader *r, size_t start)
{
	size_t p;
	unsigned char c;

	for (p = start + 1; p < r->len && ((c = tl_source_byte(r->src, p)) ==
	    '+' || c == '-' || (c >= '1' && c <= '9')); p++)
		if (c == '+')
			return 1;
	return 0;
}

/*
 * Reads the scalar that ev holds (ev is consumed) into *sp, whose start
 * is set: its kind, and where its text ends.
 */
static void
span_scalar(struct span_reader *r, yaml_event_t *ev, struct tl_span *sp)
{
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		sp->kind = TL_SPAN_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		sp->kind = TL_SPAN_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		sp->kind = TL_SPAN_LITERAL;
		break;
	default:
		sp->kind = TL_SPAN_PLAIN;
		break;
	}
	sp->end = span_byte(r, ev->end_mark.index);
	/* Trailing blank lines belong to the text only when kept. */
	if (sp->kind == TL_SPAN_LITERAL && !span_keeps(r, sp->start))
		sp->end = span_trim(r, sp->start, sp->end);
	sp->close = sp->end;
	yaml_event_delete(ev);
}

struct span_items {
	size_t n;
	struct tl_span first, last;
	size_t first_key, last_key;
};

/*
 * Reads the node that ev starts (ev is consumed) into *sp; for a
 * sequence, its items into *items when not NULL; for a mapping, the
 * start of its first key into *first_key when not NULL.  Returns 0 or
 * -1 (r->failed set).
 */
static int
span_node(struct span_reader *r, yaml_event_t *ev, int depth,
    struct tl_span *sp, struct span_items *items, size_t *first_key)
{
	yaml_event_t e;
	yaml_event_type_t end_type;
	struct tl_span child;
	size_t key, n = 0;

	memset(sp, 0, sizeof(*sp));
	sp->start = span_byte(r, ev->start_mark.index);
	if (depth > LOAD_MAX_DEPTH) {
		yaml_event_delete(ev);
		r->failed = 1;
		return -1;
	}
	if (ev->type == YAML_SCALAR_EVENT) {
		span_scalar(r, ev, sp);
		return 0;
	}
	if (ev->type == YAML_MAPPING_START_EVENT) {
		sp->kind = ev->data.mapping_start.style ==
		    YAML_FLOW_MAPPING_STYLE ? TL_SPAN_FLOW_MAP :
		    TL_SPAN_BLOCK_MAP;
		end_type = YAML_MAPPING_END_EVENT;
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		sp->kind = ev->data.sequence_start.style ==
		    YAML_FLOW_SEQUENCE_STYLE ? TL_SPAN_FLOW_SEQ :
		    TL_SPAN_BLOCK_SEQ;
		end_type = YAML_SEQUENCE_END_EVENT;
	} else {
		yaml_event_delete(ev);
		r->failed = 1;
		return -1;
	}
	yaml_event_delete(ev);
	sp->end = sp->start;
	for (;;) {
		if (span_next(r, &e) < 0)
			return -1;
		if (e.type == end_type)
			break;
		key = 0;
		if (span_node(r, &e, depth + 1, &child, NULL,
		    items != NULL ? &key : NULL) < 0)
			return -1;
		if (n == 0 && first_key != NULL)
			*first_key = child.start;
		if (items != NULL) {
			if (child.kind != TL_SPAN_BLOCK_MAP)
				key = child.start;
			if (n == 0) {
				items->first = child;
				items->first_key = key;
			}
			items->last = child;
			items->last_key = key;
		}
		sp->end = child.end;
		n++;
	}
	if (items != NULL)
		items->n = n;
	if (sp->kind == TL_SPAN_FLOW_MAP || sp->kind == TL_SPAN_FLOW_SEQ) {
		sp->close = span_byte(r, e.start_mark.index);
		sp->end = span_byte(r, e.end_mark.index);
	} else {
		sp->close = sp->end;
	}
	yaml_event_delete(&e);
	return 0;
}

/* Whether the scalar that ev holds is the text s. */
static int
span_is(const yaml_event_t *ev, const char *s)
{
	size_t n = strlen(s);

	return ev->type == YAML_SCALAR_EVENT && ev->data.scalar.length == n &&
	    memcmp(ev->data.scalar.value, s, n) == 0;
}

/*
 * Reads one milestone mapping (ev starts it; consumed) into *out.
 * Returns 1 when its id is 'id', 0 when not, TL_ELIMIT when it is but
 * it holds more keys than *out keeps, -1 when the text cannot be read.
 */
static int
span_milestone(struct span_reader *r, yaml_event_t *ev, const char *id,
    struct tl_spans *out)
{
	yaml_event_t e;
	struct tl_span_key *k;
	struct span_items items;
	int found = 0, over = 0;

	if (ev->type != YAML_MAPPING_START_EVENT) {
		struct tl_span skip;

		return span_node(r, ev, 2, &skip, NULL, NULL) < 0 ? -1 : 0;
	}
	memset(out->keys, 0, sizeof(out->keys));
	out->nkeys = 0;
	out->map.start = span_byte(r, ev->start_mark.index);
	out->map.kind = ev->data.mapping_start.style ==
	    YAML_FLOW_MAPPING_STYLE ? TL_SPAN_FLOW_MAP : TL_SPAN_BLOCK_MAP;
	out->map.end = out->map.start;
	yaml_event_delete(ev);
	for (;;) {
		/* The digest of each key starts with the key. */
		r->digest = 0xcbf29ce484222325ULL;
		if (span_next(r, &e) < 0)
			return -1;
		if (e.type == YAML_MAPPING_END_EVENT)
			break;
		k = out->nkeys < TL_SPANS_MAX_KEYS ? &out->keys[out->nkeys] :
		    NULL;
		if (k == NULL) {
			struct tl_span skip;

			over = 1;
			if (span_node(r, &e, 3, &skip, NULL, NULL) < 0 ||
			    span_next(r, &e) < 0 ||
			    span_node(r, &e, 3, &skip, NULL, NULL) < 0)
				return -1;
			out->map.end = skip.end;
			continue;
		}
		if (e.type == YAML_SCALAR_EVENT &&
		    e.data.scalar.length < sizeof(k->name))
			memcpy(k->name, e.data.scalar.value,
			    e.data.scalar.length + 1);
		if (span_node(r, &e, 3, &k->key, NULL, NULL) < 0 ||
		    span_next(r, &e) < 0)
			return -1;
		if (strcmp(k->name, "id") == 0 && span_is(&e, id))
			found = 1;
		memset(&items, 0, sizeof(items));
		if (span_node(r, &e, 3, &k->value, &items, NULL) < 0)
			return -1;
		k->nitems = items.n;
		k->first = items.first;
		k->last = items.last;
		k->first_key = items.first_key;
		k->last_key = items.last_key;
		k->digest = r->digest;
		out->map.end = k->value.end;
		out->nkeys++;
	}
	if (out->map.kind == TL_SPAN_FLOW_MAP) {
		out->map.close = span_byte(r, e.start_mark.index);
		out->map.end = span_byte(r, e.end_mark.index);
	} else {
		out->map.close = out->map.end;
	}
	yaml_event_delete(&e);
	if (found && over)
		return TL_ELIMIT;
	return found;
}

/*
 * Past the stream's, the document's and the top-level mapping's starts.
 * Returns 0, or -1 when the text is not one mapping (or does not parse).
 */
static int
span_enter_root(struct span_reader *r)
{
	static const yaml_event_type_t opening[] = {
		YAML_STREAM_START_EVENT, YAML_DOCUMENT_START_EVENT,
		YAML_MAPPING_START_EVENT
	};
	yaml_event_t e;
	size_t i;
	int ok;

	for (i = 0; i < sizeof(opening) / sizeof(opening[0]); i++) {
		if (span_next(r, &e) < 0)
			return -1;
		ok = e.type == opening[i];
		yaml_event_delete(&e);
		if (!ok)
			return -1;
	}
	return 0;
}

/*
 * Looks for the milestone named id among the items of the list whose
 * start event was just read.  Returns 1 when found (*out filled), 0 at
 * the list's end, or TL_ELIMIT or -1 as span_milestone() does.
 */
static int
span_find_in_list(struct span_reader *r, const char *id,
    struct tl_spans *out)
{
	yaml_event_t e;
	int found;

	for (;;) {
		if (span_next(r, &e) < 0)
			return -1;
		if (e.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&e);
			return 0;
		}
		if ((found = span_milestone(r, &e, id, out)) != 0)
			return found;
	}
}

/* Whether the text of src starts with a BOM. */
static int
span_has_bom(struct tl_source *src)
{
	return src->len >= 3 && tl_source_byte(src, 0) == 0xef &&
	    tl_source_byte(src, 1) == 0xbb && tl_source_byte(src, 2) == 0xbf;
}

int
tl_spans_find(struct tl_source *src, const char *id, struct tl_spans *out)
{
	struct span_reader r;
	yaml_event_t e;
	struct tl_span skip;
	int error = TL_ENOENT, found = 0, is_ms;

	memset(&r, 0, sizeof(r));
	memset(out, 0, sizeof(*out));
	r.src = src;
	r.len = src->len;
	if (span_has_bom(src))
		r.bom = 3;
	r.bytes = r.bom;
	out->bom = r.bom;
	if (!yaml_parser_initialize(&r.parser))
		return TL_ENOMEM;
	/* A file is read as libyaml asks, never whole. */
	if (src->data != NULL)
		yaml_parser_set_input_string(&r.parser,
		    (const unsigned char *)src->data, src->len);
	else
		yaml_parser_set_input(&r.parser, span_feed, &r);
	if (span_enter_root(&r) < 0)
		goto out;
	/* The top-level keys, until the milestone is found. */
	while (!found) {
		if (span_next(&r, &e) < 0)
			goto out;
		if (e.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		is_ms = span_is(&e, "milestones");
		if (span_node(&r, &e, 1, &skip, NULL, NULL) < 0 ||
		    span_next(&r, &e) < 0)
			goto out;
		if (!is_ms || e.type != YAML_SEQUENCE_START_EVENT) {
			if (span_node(&r, &e, 1, &skip, NULL, NULL) < 0)
				goto out;
			continue;
		}
		out->list_key = skip.start;
		yaml_event_delete(&e);
		if ((found = span_find_in_list(&r, id, out)) < 0) {
			if (found == TL_ELIMIT)
				error = TL_ELIMIT;
			goto out;
		}
	}
	if (found)
		error = 0;
out:
	if (r.failed && error == 0)
		error = TL_ENOENT;
	/* Memory that ran out is no change of the text, and a file that
	 * could not be read is none either. */
	if (r.parser.error == YAML_MEMORY_ERROR || src->error == TL_ENOMEM)
		error = TL_ENOMEM;
	else if (src->error != 0)
		error = src->error;
	yaml_parser_delete(&r.parser);
	return error;
}
