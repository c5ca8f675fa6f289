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

struct recoder {
	iconv_t cd;
	int fd;
	size_t npending;
	char pending[4];	/* the start of a character cut between writes */
};

/* Writes the n bytes at p to fd.  0, or -1 with errno set. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The bytes of the UTF-8 character that starts with lead, or 1 for a
 * byte that starts none. */
static size_t
char_length(unsigned char lead)
{
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 1;
}

/*
 * Converts the len bytes at in and writes what they give; *used gets
 * the bytes taken, fewer than len only when a character is cut at the
 * end.  A character the encoding lacks, and a byte that is not UTF-8,
 * is written as '?'.  0, or -1 with errno set when writing failed.
 */
static int
recode(struct recoder *r, const char *in, size_t len, size_t *used)
{
	char out[4096], *o, *i = (char *)(uintptr_t)in;
	size_t left = len, room, skip;
	int cut = 0;

	while (left > 0 && !cut) {
		o = out;
		room = sizeof(out);
		if (iconv(r->cd, &i, &left, &o, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			/* E2BIG: out is full; written below, and on. */
			if (errno == EINVAL) {
				cut = 1;
			} else {
				skip = char_length((unsigned char)*i);
				if (skip > left) {
					cut = 1;
				} else {
					*o++ = '?';
					i += skip;
					left -= skip;
				}
			}
		}
		if (write_all(r->fd, out, (size_t)(o - out)) < 0)
			return -1;
	}
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
		if (r->npending == sizeof(r->pending))
			r->npending = 0;	/* never a character */
	}
	if (recode(r, buf + done, size - done, &used) < 0)
		return -1;
	done += used;
	if (size - done < sizeof(r->pending)) {
		memcpy(r->pending + r->npending, buf + done, size - done);
		r->npending += size - done;
	}
	return (ssize_t)size;
}

static int
recoder_close(void *cookie)
{
	struct recoder *r = cookie;
	int error = 0;

	if (r->npending > 0)
		error = write_all(r->fd, "?", 1);
	iconv_close(r->cd);
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
	char to[64];
	struct recoder *r;
	FILE *fp;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	snprintf(to, sizeof(to), "%s//TRANSLIT", codeset);
	r->fd = fd;
	if ((r->cd = iconv_open(to, "UTF-8")) == (iconv_t)-1) {
		free(r);
		return NULL;
	}
	if ((fp = fopencookie(r, "w", io)) == NULL) {
		iconv_close(r->cd);
		free(r);
		return NULL;
	}
	setvbuf(fp, NULL, mode, BUFSIZ);
	return fp;
}

void
cli_charset_init(void)
{
	char codeset[48];
	FILE *fp;

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
	    (fp = recoding_stream(STDOUT_FILENO, codeset, _IOLBF)) != NULL)
		stdout = fp;
	if (isatty(STDERR_FILENO) &&
	    (fp = recoding_stream(STDERR_FILENO, codeset, _IONBF)) != NULL)
		stderr = fp;
}
