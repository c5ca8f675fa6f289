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

/* Writes len bytes of s to fp, escaped. */
void cli_put_safe_n(FILE *fp, const char *s, size_t len);

/* Writes the string s to fp, escaped. */
void cli_put_safe(FILE *fp, const char *s);

#endif
