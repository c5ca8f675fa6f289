/*
 * Diagnostics collected as data, sorted and formatted on demand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/diag.h"
#include "arena.h"
#include "diag_internal.h"
#include "utf8.h"
#include "width.h"

struct entry {
	struct tl_diag d;	/* first, so that &entry == &entry.d */
	size_t seq;		/* order found, for a stable sort */
	size_t file_seq;	/* while sorting: the seq of the first
				   diagnostic of its file (index and name) */
};

/*
 * Each entry lies in the arena with its texts, where it stays until the
 * list is freed: a pointer tl_diags_get() gave stays good as the list
 * grows and is sorted (only items, the order, moves).
 */
struct tl_diags {
	struct entry **items;
	size_t count, cap;
	size_t errors, warnings;
	size_t added;		/* ever, dropped ones too: the next seq */
	struct tl_arena strings;	/* the entries and their texts */
	struct entry *last;		/* the one added last */
	const char *last_file;	/* our copy of the last file name seen */
};

/* Longest message kept; longer ones are cut. */
#define DIAG_MESSAGE_MAX 1024

int
tl_diags_new(struct tl_diags **out)
{
	struct tl_diags *d;

	*out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return TL_ENOMEM;
	*out = d;
	return 0;
}

void
tl_diags_free(struct tl_diags *diags)
{
	if (diags == NULL)
		return;
	free(diags->items);
	tl_arena_dispose(&diags->strings);
	free(diags);
}

size_t
tl_diags_count(const struct tl_diags *diags)
{
	return diags->count;
}

size_t
tl_diags_errors(const struct tl_diags *diags)
{
	return diags->errors;
}

size_t
tl_diags_warnings(const struct tl_diags *diags)
{
	return diags->warnings;
}

const struct tl_diag *
tl_diags_get(const struct tl_diags *diags, size_t i)
{
	return i < diags->count ? &diags->items[i]->d : NULL;
}

/* Drops an incomplete UTF-8 sequence that a cut left at the end of s. */
static void
trim_utf8(char *s)
{
	size_t len = strlen(s), i = len, back = 0;
	uint32_t cp;

	while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xc0) == 0x80) {
		i--;
		back++;
	}
	if (i > 0 && (unsigned char)s[i - 1] >= 0xc0) {
		i--;
		if (tl_utf8_decode(s + i, len - i, &cp) != len - i ||
		    cp == TL_UTF8_INVALID)
			s[i] = '\0';
	}
}

/*
 * Our copy of the file name file.  Names repeat from one diagnostic to
 * the next: each is copied once, whatever buffer the caller keeps it
 * in.  Returns NULL when memory runs out.
 */
static const char *
file_copy(struct tl_diags *diags, const char *file)
{
	if (diags->last_file == NULL || strcmp(file, diags->last_file) != 0)
		diags->last_file = tl_arena_strndup(&diags->strings, file,
		    strlen(file));
	return diags->last_file;
}

/*
 * Formats fmt with ap into a text of at most DIAG_MESSAGE_MAX bytes, cut
 * between characters, with control characters and invalid UTF-8 as
 * escapes, and keeps a copy in *out.  Returns 0, TL_EINVAL
 * for a format that cannot be formatted, or TL_ENOMEM.
 */
static int keep_text(struct tl_diags *diags, const char **out,
    const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;

static int
keep_text(struct tl_diags *diags, const char **out, const char *fmt,
    va_list ap)
{
	char msg[DIAG_MESSAGE_MAX], safe[DIAG_MESSAGE_MAX];
	const char *text = msg;
	size_t len;
	uint32_t cp;

	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		return TL_EINVAL;
	trim_utf8(msg);
	/* A message is one line, whatever a caller's format put in it. */
	len = strlen(msg);
	if (tl_utf8_find_control(msg, len, 0, &cp) < len) {
		text = tl_diags_escape(safe, sizeof(safe), msg, len);
		len = strlen(text);
	}
	*out = tl_arena_strndup(&diags->strings, text, len);
	return *out == NULL ? TL_ENOMEM : 0;
}

void
tl_diags_drop(struct tl_diags *diags, size_t from, uint32_t file_index,
    const char *const *codes, size_t n)
{
	struct entry *e;
	size_t i, j, k, kept;

	if (diags == NULL || from > diags->count)
		return;
	for (i = kept = from; i < diags->count; i++) {
		e = diags->items[i];
		for (k = 0, j = n; e->d.file_index == file_index && k < n;
		    k++)
			if (e->d.code != NULL &&
			    strcmp(e->d.code, codes[k]) == 0)
				j = k;
		if (j == n) {
			diags->items[kept++] = e;
			continue;
		}
		if (e->d.level == TL_LEVEL_ERROR)
			diags->errors--;
		else
			diags->warnings--;
		if (diags->last == e)
			diags->last = NULL;
	}
	diags->count = kept;
}

int
tl_diags_add(struct tl_diags *diags, enum tl_level level, const char *code,
    const char *file, uint32_t file_index, uint32_t line, uint32_t col,
    const char *fmt, ...)
{
	struct entry *e, **grown;
	size_t cap;
	va_list ap;
	int error;

	if (level != TL_LEVEL_WARNING && level != TL_LEVEL_ERROR)
		return TL_EINVAL;
	if (diags == NULL)
		return 0;
	if (diags->count == diags->cap) {
		cap = diags->cap ? diags->cap * 2 : 16;
		if (cap > SIZE_MAX / sizeof(*grown))
			return TL_ENOMEM;
		grown = realloc(diags->items, cap * sizeof(*grown));
		if (grown == NULL)
			return TL_ENOMEM;
		diags->items = grown;
		diags->cap = cap;
	}
	if ((e = tl_arena_alloc(&diags->strings, sizeof(*e))) == NULL)
		return TL_ENOMEM;
	memset(e, 0, sizeof(*e));
	va_start(ap, fmt);
	error = keep_text(diags, &e->d.message, fmt, ap);
	va_end(ap);
	if (error < 0)
		return error;
	if (file != NULL && (e->d.file = file_copy(diags, file)) == NULL)
		return TL_ENOMEM;
	e->d.level = level;
	e->d.code = code;
	e->d.file_index = file_index;
	e->d.line = line;
	e->d.col = col;
	e->seq = diags->added++;
	diags->items[diags->count++] = e;
	diags->last = e;
	if (level == TL_LEVEL_ERROR)
		diags->errors++;
	else
		diags->warnings++;
	return 0;
}

/*
 * The diagnostic that a note goes to, the one added last, in *out;
 * TL_EINVAL when there is none or it has a note already.
 */
static int
note_target(struct tl_diags *diags, struct tl_diag **out)
{
	if (diags->last == NULL || diags->last->d.note != NULL)
		return TL_EINVAL;
	*out = &diags->last->d;
	return 0;
}

static int keep_note(struct tl_diags *diags, const char *file,
    uint32_t line, uint32_t col, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 0)))
#endif
    ;

/* Gives the diagnostic added last the note fmt at file:line:col. */
static int
keep_note(struct tl_diags *diags, const char *file, uint32_t line,
    uint32_t col, const char *fmt, va_list ap)
{
	struct tl_diag *d = &diags->last->d;
	const char *copy = NULL;
	int error;

	if (file != NULL && (copy = file_copy(diags, file)) == NULL)
		return TL_ENOMEM;
	if ((error = keep_text(diags, &d->note, fmt, ap)) < 0)
		return error;
	d->note_file = copy;
	d->note_line = line;
	d->note_col = col;
	return 0;
}

/*
 * Gives the diagnostic added last the note fmt at file:line:col, unless
 * that is the diagnostic's own place: its file known by its index in
 * the set (by_index) or by its name.
 */
static int vnote(struct tl_diags *diags, const char *file,
    uint32_t file_index, int by_index, uint32_t line, uint32_t col,
    const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 0)))
#endif
    ;

static int
vnote(struct tl_diags *diags, const char *file, uint32_t file_index,
    int by_index, uint32_t line, uint32_t col, const char *fmt, va_list ap)
{
	struct tl_diag *d;
	int error, same_file;

	if ((error = note_target(diags, &d)) < 0)
		return error;
	same_file = by_index ? file_index == d->file_index :
	    d->file != NULL && file != NULL && strcmp(file, d->file) == 0;
	if (line != 0 && line == d->line && col == d->col && file != NULL &&
	    same_file)
		return 0;
	return keep_note(diags, file, line, col, fmt, ap);
}

int
tl_diags_note(struct tl_diags *diags, const char *file, uint32_t line,
    uint32_t col, const char *fmt, ...)
{
	va_list ap;
	int error;

	if (diags == NULL)
		return 0;
	va_start(ap, fmt);
	error = vnote(diags, file, 0, 0, line, col, fmt, ap);
	va_end(ap);
	return error;
}

int
tl_diags_note_in(struct tl_diags *diags, const char *file,
    uint32_t file_index, uint32_t line, uint32_t col, const char *fmt, ...)
{
	va_list ap;
	int error;

	if (diags == NULL)
		return 0;
	va_start(ap, fmt);
	error = vnote(diags, file, file_index, 1, line, col, fmt, ap);
	va_end(ap);
	return error;
}

/* Whether d says that its file could not be read to its end. */
static int
unreadable(const struct tl_diag *d)
{
	return d->level == TL_LEVEL_ERROR && d->code != NULL &&
	    (strcmp(d->code, "yaml") == 0 || strcmp(d->code, "encoding") == 0);
}

/* Compares the names of two files, NULL (no file) first. */
static int
name_cmp(const char *a, const char *b)
{
	if (a == b)
		return 0;
	if (a == NULL || b == NULL)
		return a == NULL ? -1 : 1;
	return strcmp(a, b);
}

/* Orders by file (index, then name), then as found. */
static int
file_cmp(const void *pa, const void *pb)
{
	const struct entry *a = *(const struct entry *const *)pa;
	const struct entry *b = *(const struct entry *const *)pb;
	int c;

	if (a->d.file_index != b->d.file_index)
		return a->d.file_index < b->d.file_index ? -1 : 1;
	if ((c = name_cmp(a->d.file, b->d.file)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = *(const struct entry *const *)pa;
	const struct entry *b = *(const struct entry *const *)pb;

	if (a->d.file_index != b->d.file_index)
		return a->d.file_index < b->d.file_index ? -1 : 1;
	/* Files that share an index (two sets', or a caller's own) stay
	 * apart, in the order they were first seen. */
	if (a->file_seq != b->file_seq)
		return a->file_seq < b->file_seq ? -1 : 1;
	/* Text that cannot be read is the cause of what follows it. */
	if (unreadable(&a->d) != unreadable(&b->d))
		return unreadable(&a->d) ? -1 : 1;
	if (a->d.line != b->d.line)
		return a->d.line < b->d.line ? -1 : 1;
	if (a->d.col != b->d.col)
		return a->d.col < b->d.col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
tl_diags_sort(struct tl_diags *diags)
{
	struct entry **items = diags->items;
	size_t i, first = 0;

	if (diags->count < 2)
		return;
	/* Each file's diagnostics in a run, the first found first. */
	qsort(items, diags->count, sizeof(*items), file_cmp);
	for (i = 0; i < diags->count; i++) {
		if (i > 0 && (items[i]->d.file_index !=
		    items[first]->d.file_index ||
		    name_cmp(items[i]->d.file, items[first]->d.file) != 0))
			first = i;
		items[i]->file_seq = items[first]->seq;
	}
	qsort(items, diags->count, sizeof(*items), entry_cmp);
}

/*
 * The escaped form of the character of n bytes at text (code point cp)
 * in piece, or NULL when it stands as it is; its length in *w.  With
 * invisible, the characters of tl_is_invisible() are escaped too.
 */
static const char *
escape_of(char piece[16], const char *text, size_t n, uint32_t cp,
    int invisible, size_t *w)
{
	int k;

	if (cp == TL_UTF8_INVALID)
		k = snprintf(piece, 16, "\\x%02x", (unsigned char)text[0]);
	else if (cp == '\t')
		k = snprintf(piece, 16, "\\t");
	else if (cp == '\n')
		k = snprintf(piece, 16, "\\n");
	else if (cp == '\r')
		k = snprintf(piece, 16, "\\r");
	else if (cp < 0x80 && tl_is_control(cp))
		k = snprintf(piece, 16, "\\x%02x", (unsigned)cp);
	else if (tl_is_control(cp) || (invisible && tl_is_invisible(cp)))
		k = snprintf(piece, 16, "\\u{%04x}", (unsigned)cp);
	else {
		*w = n;
		return NULL;
	}
	*w = (size_t)k;
	return piece;
}

/*
 * Appends the escaped form of len bytes of text at *at, as long as it
 * fits in limit bytes, and max characters at most, stopping between
 * characters that tl_cluster_next() lets part (a letter keeps its
 * accents, an emoji its joined parts); with buf NULL, only counts.
 * With invisible, what escape_of() escapes and a mark that has no
 * character before it are shown as escapes.  Returns nonzero when the
 * text was cut.
 */
static int
quote_into(char *buf, size_t limit, size_t *at, const char *text, size_t len,
    size_t max, int invisible)
{
	struct tl_cluster c = { 0, 0, 0, 0 };
	size_t i = 0, chars = 0, n, w, first = *at, start = *at;
	const char *piece;
	char tmp[16];
	uint32_t cp;
	int joins, alone = 1;

	while (i < len) {
		n = tl_utf8_decode(text + i, len - i, &cp);
		piece = escape_of(tmp, text + i, n, cp, invisible, &w);
		/* A mark with no character before it would sit on the
		 * quote, or on an escape's '}'. */
		if (piece == NULL && invisible && alone && cp >= 0x300 &&
		    tl_width_cp(cp) == 0) {
			w = (size_t)snprintf(tmp, sizeof(tmp), "\\u{%04x}",
			    (unsigned)cp);
			piece = tmp;
		}
		alone = piece != NULL;
		/* A mark joins the character before it; what is shown as
		 * an escape stands alone. */
		joins = tl_cluster_next(&c, cp) || (i > 0 && piece == NULL &&
		    tl_width_cp(cp) == 0);
		if (!joins)
			start = *at;
		if (chars >= max || w > limit - *at) {
			/* Not a part of a character: all of it or none,
			 * unless that leaves nothing. */
			if (joins && start > first)
				*at = start;
			return 1;
		}
		if (buf != NULL)
			memcpy(buf + *at, piece != NULL ? piece : text + i, w);
		*at += w;
		i += n;
		chars++;
	}
	return 0;
}

char *
tl_diags_quote(char buf[TL_QUOTE_SIZE], const char *text, size_t len)
{
	size_t at = 0;

	/* A value quoted in a message shows what cannot be seen: a
	 * no-break space or a zero-width one would make it look right. */
	if (quote_into(buf, TL_QUOTE_SIZE - 4, &at, text, len, 60, 1)) {
		memcpy(buf + at, "...", 3);
		at += 3;
	}
	buf[at] = '\0';
	return buf;
}

char *
tl_diags_escape(char *buf, size_t size, const char *text, size_t len)
{
	size_t at = 0, whole = 0;

	if (size == 0)
		return buf;
	/* Whole when it fits; else cut between characters, with "...". */
	if (!quote_into(NULL, size - 1, &whole, text, len, SIZE_MAX, 0))
		(void)quote_into(buf, size - 1, &at, text, len, SIZE_MAX, 0);
	else if (size >= 4 && quote_into(buf, size - 4, &at, text, len,
	    SIZE_MAX, 0)) {
		memcpy(buf + at, "...", 3);
		at += 3;
	}
	buf[at] = '\0';
	return buf;
}

/* Appends n bytes of s to what buf (size bytes) holds, *total so far;
 * what does not fit is counted, not written, as snprintf does. */
static void
append(char *buf, size_t size, size_t *total, const char *s, size_t n)
{
	size_t room;

	if (*total + 1 < size) {
		room = size - 1 - *total;
		memcpy(buf + *total, s, n < room ? n : room);
	}
	*total += n;
}

/* Bytes of a file name escaped at a time: at most 10 bytes each. */
#define FILE_PIECE 128

/*
 * Formats "FILE:LINE:COL: KIND: TEXT" (or "FILE: KIND: TEXT" for line 0,
 * or "KIND: TEXT" without a file) into buf, like snprintf.
 */
static size_t
format_line(char *buf, size_t size, const char *file, uint32_t line,
    uint32_t col, const char *kind, const char *text)
{
	char piece[FILE_PIECE * 10 + 16], where[48];
	size_t total = 0, i, n, at, len;

	if (file != NULL) {
		/* File names are kept whole but made safe for a terminal,
		 * in pieces that end between characters. */
		len = strlen(file);
		for (i = 0; i < len; i += n) {
			n = len - i < FILE_PIECE ? len - i : FILE_PIECE;
			while (i + n < len && n > FILE_PIECE - 4 &&
			    ((unsigned char)file[i + n] & 0xc0) == 0x80)
				n--;
			at = 0;
			quote_into(piece, sizeof(piece), &at, file + i, n,
			    SIZE_MAX, 0);
			append(buf, size, &total, piece, at);
		}
		if (line == 0)
			n = (size_t)snprintf(where, sizeof(where), ": ");
		else
			n = (size_t)snprintf(where, sizeof(where), ":%u:%u: ",
			    (unsigned)line, (unsigned)col);
		append(buf, size, &total, where, n);
	}
	append(buf, size, &total, kind, strlen(kind));
	append(buf, size, &total, ": ", 2);
	append(buf, size, &total, text, strlen(text));
	if (size > 0)
		buf[total < size ? total : size - 1] = '\0';
	return total;
}

size_t
tl_diag_format(char *buf, size_t size, const struct tl_diag *d)
{
	return format_line(buf, size, d->file, d->line, d->col,
	    d->level == TL_LEVEL_ERROR ? "error" : "warning", d->message);
}

size_t
tl_diag_format_note(char *buf, size_t size, const struct tl_diag *d)
{
	if (d->note == NULL) {
		if (size > 0)
			buf[0] = '\0';
		return 0;
	}
	return format_line(buf, size, d->note_file, d->note_line, d->note_col,
	    "note", d->note);
}
