/*
 * Diagnostics: the problems found in the data, collected as data.
 *
 * The library never prints.  Loading, resolving and checking append
 * diagnostics to a list and keep going, so that one run reports every
 * problem; the caller decides how to show them.  A list keeps nothing
 * of the sets whose problems it holds (names and messages are copied,
 * codes are the library's static strings): it may outlive them.
 *
 * Thread safety: a list belongs to one thread at a time; the functions
 * that format or quote keep no state.
 */
#ifndef TIMELINE_DIAG_H
#define TIMELINE_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

enum tl_level {
	TL_LEVEL_WARNING = 1,
	TL_LEVEL_ERROR = 2
};

struct tl_diag {
	enum tl_level level;
	const char *code;	/* stable short name, e.g. "unknown-key" */
	const char *file;	/* as given to the loader; NULL for none */
	uint32_t line;		/* 1-based; 0 when the file as a whole */
	uint32_t col;		/* 1-based, in characters; 0 with line 0 */
	const char *message;	/* one line; untrusted text in it is escaped */
	uint32_t file_index;	/* order in which the file was first named */
	/*
	 * A second place the message speaks of (where an id was first
	 * defined, where an unclosed quote opens), as a compiler's "note"
	 * line: note is NULL when there is none.  Since 0.3.
	 */
	const char *note;	/* one line, escaped as message is */
	const char *note_file;	/* NULL when the place is in no file */
	uint32_t note_line;	/* 1-based */
	uint32_t note_col;	/* 1-based, in characters */
};

struct tl_diags;

/*
 * Creates an empty list in *out.  Returns 0 or TL_ENOMEM (then *out is
 * NULL).  Free it with tl_diags_free(), which accepts NULL.
 */
TL_EXTERN int tl_diags_new(struct tl_diags **out);
TL_EXTERN void tl_diags_free(struct tl_diags *diags);

/* The number of diagnostics, and of each level. */
TL_EXTERN size_t tl_diags_count(const struct tl_diags *diags);
TL_EXTERN size_t tl_diags_errors(const struct tl_diags *diags);
TL_EXTERN size_t tl_diags_warnings(const struct tl_diags *diags);

/*
 * Returns diagnostic i (0 <= i < count), or NULL for another i.  The
 * pointer and its strings stay valid until the list is freed, as more
 * diagnostics are added and when the list is sorted (which changes the
 * diagnostic an index gives, not the one a pointer points to).
 */
TL_EXTERN const struct tl_diag *tl_diags_get(const struct tl_diags *diags,
    size_t i);

/*
 * Orders the list by file, then line, then column, except that a file's
 * invalid YAML or text (codes "yaml" and "encoding"), which stopped its
 * reading, comes first in the file: it is the cause to read first.
 * Diagnostics at the same place keep the order in which they were found.
 * A file is a file_index and a name: files go by file_index, and files
 * that share one keep the order in which the first diagnostic of each
 * was added, so that each file's diagnostics stay together when one
 * list is given to two sets (each numbers its files from 0) or holds
 * the caller's own (tl_diags_add()).
 */
TL_EXTERN void tl_diags_sort(struct tl_diags *diags);

/*
 * Formats d as "FILE:LINE:COL: LEVEL: MESSAGE" (or "FILE: LEVEL: MESSAGE"
 * for a whole file) into buf, like snprintf: at most size - 1 bytes and
 * a NUL are written (nothing when size is 0), and the length of the
 * whole line is returned, so that a return value of size or more says
 * the line was cut and how large a buffer it needs.  Control characters
 * in the file name are escaped; the name is never shortened.  A note
 * is not part of the line: tl_diag_format_note() formats it.
 */
TL_EXTERN size_t tl_diag_format(char *buf, size_t size,
    const struct tl_diag *d);

/*
 * Appends a diagnostic; fmt is a printf format over trusted text (quote
 * untrusted text with tl_diags_quote first; a control character or
 * invalid UTF-8 left in the message is escaped, as tl_diags_escape()
 * does, so that the message stays one line).  file (NULL for none) is
 * copied; code (NULL for none) is not: it must last as long as the list
 * (a string literal does).  With diags NULL, nothing is kept (and the
 * format is not tried).  Returns
 * 0, TL_EINVAL for a level other than TL_LEVEL_WARNING and
 * TL_LEVEL_ERROR or a format that cannot be formatted, or TL_ENOMEM.
 */
TL_EXTERN int tl_diags_add(struct tl_diags *diags, enum tl_level level,
    const char *code, const char *file, uint32_t file_index,
    uint32_t line, uint32_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/*
 * Formats the note of d as "FILE:LINE:COL: note: NOTE" into buf, as
 * tl_diag_format() formats d; when d has no note, writes an empty
 * string (when size > 0) and returns 0.  Since 0.3.
 */
TL_EXTERN size_t tl_diag_format_note(char *buf, size_t size,
    const struct tl_diag *d);

/*
 * Gives the diagnostic added last a note: a second place that its
 * message speaks of, with what is there (fmt over trusted text, as for
 * tl_diags_add()).  file (NULL for none) is copied.  A note at the
 * diagnostic's own line and column of its file says nothing more and is
 * not kept, nor anything with diags NULL.  Returns 0,
 * TL_EINVAL when the list is empty, the last diagnostic has a note
 * already, or the format cannot be formatted, or TL_ENOMEM.  Since 0.3.
 */
TL_EXTERN int tl_diags_note(struct tl_diags *diags, const char *file,
    uint32_t line, uint32_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/*
 * Writes untrusted text of len bytes into buf as it can safely appear in
 * a one-line message: control characters, invalid UTF-8, bidirectional
 * overrides and line separators become escapes (\t, \x1b, \u{202e}), and
 * so do the characters that cannot be seen or look like a plain space
 * (\u{00a0}, \u{200b}, \u{feff}; the list is in timeline(5)), so that a
 * quoted value reads as what it is; text longer than about 60 characters
 * is cut with "...".  buf must hold TL_QUOTE_SIZE bytes.  Returns buf.
 */
#define TL_QUOTE_SIZE 320
TL_EXTERN char *tl_diags_quote(char buf[TL_QUOTE_SIZE], const char *text,
    size_t len);

/*
 * Like tl_diags_quote, but keeps the whole text (a file name) as long as
 * it fits in size bytes, and leaves invisible characters and spaces as
 * they are: it makes text safe for a terminal, not plain to see.
 * Returns buf.
 */
TL_EXTERN char *tl_diags_escape(char *buf, size_t size, const char *text,
    size_t len);

#ifdef __cplusplus
}
#endif

#endif
