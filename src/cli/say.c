/*
 * Escaped text for the terminal, through the library's tl_diags_escape(),
 * whether the terminal gets colour, and the tool's own errors.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timeline/timeline.h"
#include "say.h"

/* Bytes escaped at a time; an escape is at most 10 bytes long. */
#define PIECE 256

void
cli_put_safe_n(FILE *fp, const char *s, size_t len)
{
	char buf[PIECE * 10 + 16];
	size_t n;

	while (len > 0) {
		n = len < PIECE ? len : PIECE;
		/* A piece never ends inside a UTF-8 sequence that goes on. */
		while (n < len && n > PIECE - 4 &&
		    ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		tl_diags_escape(buf, sizeof(buf), s, n);
		fputs(buf, fp);
		s += n;
		len -= n;
	}
}

void
cli_put_safe(FILE *fp, const char *s)
{
	cli_put_safe_n(fp, s, strlen(s));
}

void
cli_put_safe_lines(FILE *fp, const char *s, size_t len)
{
	const char *nl;
	size_t n;

	while (len > 0) {
		nl = memchr(s, '\n', len);
		n = nl != NULL ? (size_t)(nl - s) : len;
		cli_put_safe_n(fp, s, n);
		if (nl != NULL) {
			putc('\n', fp);
			n++;
		}
		s += n;
		len -= n;
	}
}

/* Writes the line that format makes of d, whatever its length. */
static void
put_formatted(FILE *fp, const struct tl_diag *d,
    size_t (*format)(char *, size_t, const struct tl_diag *))
{
	char line[4096], *big = NULL;
	size_t n = format(line, sizeof(line), d);

	/* A long file name: the line is formatted again, whole. */
	if (n >= sizeof(line) && (big = malloc(n + 1)) != NULL)
		format(big, n + 1, d);
	fputs(big != NULL ? big : line, fp);
	putc('\n', fp);
	free(big);
}

void
cli_put_diag(FILE *fp, const struct tl_diag *d)
{
	put_formatted(fp, d, tl_diag_format);
	if (d->note != NULL)
		put_formatted(fp, d, tl_diag_format_note);
}

void
cli_put_diags(FILE *fp, const struct tl_diags *diags)
{
	size_t i, n = tl_diags_count(diags);

	for (i = 0; i < n; i++)
		cli_put_diag(fp, tl_diags_get(diags, i));
}

void
cli_error(const char *first, ...)
{
	const char *s;
	va_list ap;

	fputs("timeline: error: ", stderr);
	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *))
		cli_put_safe(stderr, s);
	va_end(ap);
	putc('\n', stderr);
}

void
cli_out_of_memory(struct tl_diags *const *diags, size_t n)
{
	size_t i;
	int any = 0;

	for (i = 0; i < n; i++) {
		if (diags[i] == NULL || tl_diags_count(diags[i]) == 0)
			continue;
		tl_diags_sort(diags[i]);
		cli_put_diags(stderr, diags[i]);
		any = 1;
	}
	cli_error(any ? "out of memory; the problems above are those found "
	    "before it ran out" : "out of memory", NULL);
}

void
cli_warn_links(const char *file)
{
	fputs("timeline: warning: ", stderr);
	cli_put_safe(stderr, file);
	fputs(" had other names (hard links); they keep the old text\n",
	    stderr);
}

int
cli_color_auto(void)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && (no == NULL || *no == '\0') &&
	    term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}
