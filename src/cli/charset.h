/*
 * Output to a terminal that does not read UTF-8.
 */
#ifndef TIMELINE_CLI_CHARSET_H
#define TIMELINE_CLI_CHARSET_H

#include <stdio.h>

/* The streams that standard output and error were before. */
struct cli_charset {
	FILE *out, *err;	/* NULL: not replaced */
};

/*
 * Everything the tool writes is UTF-8.  When the locale (LC_ALL,
 * LC_CTYPE, LANG) names another encoding, such as ISO-8859-1, standard
 * output and standard error that are terminals are converted to it
 * (iconv): such a terminal would show a letter beyond ASCII as two or
 * three others, and one that acts on 8-bit C1 controls would take some
 * of their bytes for controls ('Û' is C3 9B, and 9B is CSI).  A
 * character the encoding lacks is written as its nearest (TRANSLIT) or
 * as '?' (the status marks the tool draws as 'o', 'v' and 'x').  The C
 * locale, which names ASCII, is taken to mean UTF-8, as systems that set
 * no locale mostly do.  Call it first, before anything is written; the
 * locale is left as the C library starts it ("C").
 */
void cli_charset_init(struct cli_charset *cs);

/*
 * Flushes and closes the converting streams, if any, and gives standard
 * output and error back.  0, or -1 when a write failed.
 */
int cli_charset_end(struct cli_charset *cs);

#endif
