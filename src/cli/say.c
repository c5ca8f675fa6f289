/*
 * Escaped text for the terminal, through the library's tl_diags_escape().
 */
#include <string.h>

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
