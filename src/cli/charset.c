/*
 * Output to a terminal that does not read UTF-8 (charset.h): standard
 * output and standard error become streams (fopencookie) whose bytes go
 * through iconv to the terminal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "charset.h"
#include "output.h"

struct recoder {
	iconv_t cd;		/* UTF-8 to the encoding */
	iconv_t near;		/* the same, to the nearest it has */
	iconv_t ascii;		/* to the nearest ASCII */
	int fd;
	size_t npending;
	char pending[4];	/* the start of a character cut between writes */
};

/*
 * The bytes of the UTF-8 character at s (len bytes), and in *cp its
 * code point, or 0 for bytes that are not UTF-8: then
 * the first byte and the continuation bytes after it, as far as its
 * lead byte promised.  0 when the character may be cut at the end.
 */
static size_t
char_length(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t want, n;

	*cp = 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		want = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		want = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		want = 4;
	else
		return 1;
	for (n = 1; n < want && n < len && (s[n] & 0xc0) == 0x80; n++)
		;
	if (n == len && n < want)
		return 0;
	if (n == want) {
		*cp = s[0] & (0x7f >> want);
		for (n = 1; n < want; n++)
			*cp = (*cp << 6) | (s[n] & 0x3f);
	}
	return n;
}

/* The ASCII look-alike of a status mark the tool draws (as its manual
 * shows them), or 0. */
static char
mark_look_alike(uint32_t cp)
{
	switch (cp) {
	case 0x2713:		/* CHECK MARK: done */
		return 'v';
	case 0x2717:		/* BALLOT X: cancelled */
		return 'x';
	case 0x25e6:		/* WHITE BULLET: planned */
		return 'o';
	default:
		return 0;
	}
}

/*
 * Whether the n bytes at s, what one character beyond ASCII became, would
 * reach the terminal as a control: a byte of C0 or DEL, or one byte of
 * C1 (0x80-0x9F), which a terminal of an 8-bit encoding takes for CSI
 * and the like.  KOI8-R puts box drawing and '⌡' there, CP1251 '›' and
 * the em dash, TCVN letters in C0.  In an encoding of several bytes a
 * character, bytes 0x80-0x9F lead or follow (Shift_JIS) and are no
 * controls.
 */
static int
makes_control(const unsigned char *s, size_t n)
{
	size_t k;

	if (n == 1 && s[0] >= 0x80 && s[0] <= 0x9f)
		return 1;
	for (k = 0; k < n; k++)
		if (s[k] < 0x20 || s[k] == 0x7f)
			return 1;
	return 0;
}

/*
 * Converts the n bytes at s (one character) with cd into *o (room
 * bytes), unless they would reach the terminal as a control; 1 when
 * written, else 0 (nothing written).  A converter that holds a character
 * back to see whether a combining mark follows (EUC-JISX0213's 'か',
 * BIG5-HKSCS' 'Ê') is made to write it.
 */
static int
put_converted(iconv_t cd, char **o, size_t *room, char *s, size_t n)
{
	char *start = *o;
	size_t was = *room;

	if (iconv(cd, &s, &n, o, room) != (size_t)-1 && n == 0 &&
	    iconv(cd, NULL, NULL, o, room) != (size_t)-1 && *o > start &&
	    !makes_control((const unsigned char *)start,
	    (size_t)(*o - start)))
		return 1;
	/* The state back to the initial one, for the next. */
	(void)iconv(cd, NULL, NULL, NULL, NULL);
	*o = start;
	*room = was;
	return 0;
}

/*
 * Writes at *o (room for 16 bytes at least) what stands for the n bytes
 * at s, which the encoding lacks or has only as a control (cp, or 0 for
 * bytes that are not UTF-8): a status mark's look-alike, else the
 * nearest the encoding has (iconv's TRANSLIT: '--' for an em dash),
 * else the nearest in ASCII, else '?'.
 */
static void
put_stand_in(struct recoder *r, char **o, size_t *room, char *s, size_t n,
    uint32_t cp)
{
	char c = mark_look_alike(cp);

	if (c == 0 && cp != 0 && (put_converted(r->near, o, room, s, n) ||
	    put_converted(r->ascii, o, room, s, n)))
		return;
	**o = c != 0 ? c : '?';
	++*o;
	--*room;
}

/* The bytes before the first beyond ASCII among the len at s. */
static size_t
ascii_run(const char *s, size_t len)
{
	size_t k = 0;

	while (k < len && (unsigned char)s[k] < 0x80)
		k++;
	return k;
}

/*
 * Converts into out (room bytes, 16 at least) what the len bytes at in
 * begin with: their run of ASCII, as much as fits, else one character
 * (or stray byte).  *taken gets the bytes taken, 0 when a character is
 * cut at the end; returns the bytes written.
 */
static size_t
recode_some(struct recoder *r, char *in, size_t len, char *out,
    size_t room, size_t *taken)
{
	char *o = out;
	size_t n = ascii_run(in, len), left;
	uint32_t cp;

	if (n > 0) {
		n = n < room ? n : room;
		/* The encodings of terminals keep ASCII as it is. */
		memcpy(out, in, n);
		*taken = n;
		return n;
	}
	if ((n = char_length((const unsigned char *)in, len, &cp)) == 0) {
		*taken = 0;
		return 0;
	}
	left = room;
	if (cp == 0 || !put_converted(r->cd, &o, &left, in, n))
		put_stand_in(r, &o, &left, in, n, cp);
	*taken = n;
	return (size_t)(o - out);
}

/*
 * Converts the len bytes at in and writes what they give; *used gets
 * the bytes taken, fewer than len only when a character is cut at the
 * end.  0, or -1 with errno set when writing failed.
 */
static int
recode(struct recoder *r, const char *in, size_t len, size_t *used)
{
	char out[4096], *i = (char *)(uintptr_t)in;
	size_t left = len, fill = 0, taken = 1;

	while (left > 0 && taken > 0) {
		if (sizeof(out) - fill < 16) {
			if (cli_write_all(r->fd, out, fill) < 0)
				return -1;
			fill = 0;
		}
		fill += recode_some(r, i, left, out + fill,
		    sizeof(out) - fill, &taken);
		i += taken;
		left -= taken;
	}
	if (fill > 0 && cli_write_all(r->fd, out, fill) < 0)
		return -1;
	*used = len - left;
	return 0;
}

static ssize_t
recoder_write(void *cookie, const char *buf, size_t size)
{
	struct recoder *r = cookie;
	size_t done = 0, used;

	/* A character cut by the last write, completed by this one. */
	while (r->npending > 0 && done < size) {
		r->pending[r->npending++] = buf[done++];
		if (recode(r, r->pending, r->npending, &used) < 0)
			return -1;
		r->npending -= used;
		memmove(r->pending, r->pending + used, r->npending);
	}
	if (recode(r, buf + done, size - done, &used) < 0)
		return -1;
	done += used;
	/* At most three bytes: the start of one character. */
	memcpy(r->pending + r->npending, buf + done, size - done);
	r->npending += size - done;
	return (ssize_t)size;
}

static int
recoder_close(void *cookie)
{
	struct recoder *r = cookie;
	int error = 0;

	if (r->npending > 0)
		error = cli_write_all(r->fd, "?", 1);
	iconv_close(r->cd);
	iconv_close(r->near);
	iconv_close(r->ascii);
	free(r);
	return error;
}

/* A stream to fd that converts UTF-8 to codeset, buffered as mode
 * says; NULL when it cannot be made. */
static FILE *
recoding_stream(int fd, const char *codeset, int mode)
{
	cookie_io_functions_t io = { NULL, recoder_write, NULL,
	    recoder_close };
	struct recoder *r;
	char to[64];
	FILE *fp = NULL;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->fd = fd;
	r->cd = r->near = r->ascii = (iconv_t)-1;
	snprintf(to, sizeof(to), "%s//TRANSLIT", codeset);
	if ((r->cd = iconv_open(codeset, "UTF-8")) == (iconv_t)-1 ||
	    (r->near = iconv_open(to, "UTF-8")) == (iconv_t)-1 ||
	    (r->ascii = iconv_open("ASCII//TRANSLIT", "UTF-8")) ==
	    (iconv_t)-1 ||
	    (fp = fopencookie(r, "w", io)) == NULL)
		goto out;
	setvbuf(fp, NULL, mode, BUFSIZ);
	return fp;
out:
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->near != (iconv_t)-1)
		iconv_close(r->near);
	if (r->ascii != (iconv_t)-1)
		iconv_close(r->ascii);
	free(r);
	return NULL;
}

void
cli_charset_init(struct cli_charset *cs)
{
	char codeset[48];
	FILE *fp;

	cs->out = cs->err = NULL;
	if (!isatty(STDOUT_FILENO) && !isatty(STDERR_FILENO))
		return;
	if (setlocale(LC_CTYPE, "") == NULL)
		return;
	snprintf(codeset, sizeof(codeset), "%s", nl_langinfo(CODESET));
	setlocale(LC_CTYPE, "C");
	if (strcasecmp(codeset, "UTF-8") == 0 ||
	    strcasecmp(codeset, "UTF8") == 0 ||
	    strcmp(codeset, "ANSI_X3.4-1968") == 0 || codeset[0] == '\0')
		return;
	/* Where a stream cannot be made, the bytes go as they are. */
	if (isatty(STDOUT_FILENO) &&
	    (fp = recoding_stream(STDOUT_FILENO, codeset, _IOLBF)) != NULL) {
		cs->out = stdout;
		stdout = fp;
	}
	if (isatty(STDERR_FILENO) &&
	    (fp = recoding_stream(STDERR_FILENO, codeset, _IONBF)) != NULL) {
		cs->err = stderr;
		stderr = fp;
	}
}

int
cli_charset_end(struct cli_charset *cs)
{
	int error = 0;

	if (cs->out != NULL) {
		error |= fclose(stdout);
		stdout = cs->out;
	}
	if (cs->err != NULL) {
		error |= fclose(stderr);
		stderr = cs->err;
	}
	cs->out = cs->err = NULL;
	return error ? -1 : 0;
}
