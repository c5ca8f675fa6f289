/*
 * Text from the command line and the system, written to a terminal:
 * control characters, C1 controls, bidirectional controls, line
 * separators and bytes that are not UTF-8 become escapes (\x1b,
 * \u{202e}, \xff), as in the library's diagnostics, so that no argument
 * or file name can drive the terminal.
 */
#ifndef TIMELINE_CLI_SAY_H
#define TIMELINE_CLI_SAY_H

#include <stddef.h>
#include <stdio.h>

#include "timeline/diag.h"

/* Writes len bytes of s to fp, escaped. */
void cli_put_safe_n(FILE *fp, const char *s, size_t len);

/* Writes the string s to fp, escaped. */
void cli_put_safe(FILE *fp, const char *s);

/* Writes len bytes of s to fp, escaped but for their line feeds. */
void cli_put_safe_lines(FILE *fp, const char *s, size_t len);

/* Writes the diagnostic d to fp as one line, however long, and its note
 * (if any) as a second. */
void cli_put_diag(FILE *fp, const struct tl_diag *d);

/* Writes every diagnostic of the list to fp, in the list's order. */
void cli_put_diags(FILE *fp, const struct tl_diags *diags);

/*
 * Writes "timeline: error: " and the strings given, up to a NULL, each
 * escaped, then a line end, to standard error.
 */
void cli_error(const char *first, ...);

/*
 * Says that memory ran out, after the problems already found in the n
 * lists of diags (NULL ones passed over), each list sorted, in order:
 * what was found is not lost.
 */
void cli_out_of_memory(struct tl_diags *const *diags, size_t n);

/* Warns that file, just replaced, had other names (hard links), which
 * keep the old text. */
void cli_warn_links(const char *file);

/*
 * Whether --color auto colours standard output: a terminal whose TERM is
 * set and not "dumb", and NO_COLOR unset or empty.
 */
int cli_color_auto(void);

#endif
