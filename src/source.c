/*
 * A text read at any offset, from memory or from a file a block at a
 * time (source.h).
 */
#define _GNU_SOURCE 1	/* copy_file_range() */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "timeline/common.h"
#include "source.h"

void
tl_source_memory(struct tl_source *s, const char *data, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->data = data != NULL ? data : "";
	s->len = len;
	s->fd = -1;
}

void
tl_source_file(struct tl_source *s, int fd, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->len = len;
	s->fd = fd;
}

void
tl_source_spliced(struct tl_source *s, int fd, size_t len, size_t start,
    size_t waslen, const char *now, size_t nowlen)
{
	tl_source_file(s, fd, len - waslen + nowlen);
	s->now = now != NULL ? now : "";
	s->start = start;
	s->waslen = waslen;
	s->nowlen = nowlen;
}

void
tl_source_dispose(struct tl_source *s)
{
	free(s->blocks);
	s->blocks = NULL;
	memset(s->tags, 0, sizeof(s->tags));
}

/* Reads n bytes of the file from off into buf, as tl_source_read(). */
static int
read_file(struct tl_source *s, size_t off, char *buf, size_t n)
{
	ssize_t got;

	while (n > 0) {
		got = pread(s->fd, buf, n, (off_t)off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			/* A file cut short since its size was taken. */
			if (got == 0)
				errno = EIO;
			if (s->error == 0)
				s->error = TL_EIO;
			return TL_EIO;
		}
		buf += got;
		off += (size_t)got;
		n -= (size_t)got;
	}
	return 0;
}

int
tl_source_read(struct tl_source *s, size_t off, char *buf, size_t n)
{
	size_t k, end = s->start + s->nowlen;

	if (s->data != NULL) {
		memcpy(buf, s->data + off, n);
		return 0;
	}
	if (s->now == NULL)
		return read_file(s, off, buf, n);
	/* The file's bytes before the region, the new ones, the file's
	 * after it. */
	if (off < s->start) {
		k = s->start - off < n ? s->start - off : n;
		if (read_file(s, off, buf, k) < 0)
			return TL_EIO;
		buf += k;
		off += k;
		n -= k;
	}
	if (n > 0 && off < end) {
		k = end - off < n ? end - off : n;
		memcpy(buf, s->now + (off - s->start), k);
		buf += k;
		off += k;
		n -= k;
	}
	if (n > 0)
		return read_file(s, off - s->nowlen + s->waslen, buf, n);
	return 0;
}

unsigned char
tl_source_fill(struct tl_source *s, size_t off)
{
	size_t block = off / TL_SOURCE_BLOCK;
	size_t slot = block % TL_SOURCE_SLOTS, start = block * TL_SOURCE_BLOCK;
	size_t n = s->len - start < TL_SOURCE_BLOCK ? s->len - start :
	    TL_SOURCE_BLOCK;
	char *b;

	if (s->blocks == NULL &&
	    (s->blocks = malloc(TL_SOURCE_SLOTS * TL_SOURCE_BLOCK)) == NULL) {
		if (s->error == 0)
			s->error = TL_ENOMEM;
		return 0;
	}
	b = s->blocks + slot * TL_SOURCE_BLOCK;
	s->tags[slot] = 0;
	if (tl_source_read(s, start, b, n) < 0)
		return 0;
	s->tags[slot] = block + 1;
	return (unsigned char)b[off - start];
}

int
tl_write_at(int out, const char *buf, size_t n, size_t *w)
{
	ssize_t put;

	while (n > 0) {
		put = pwrite(out, buf, n, (off_t)*w);
		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0) {
			if (put == 0)
				errno = EIO;
			return TL_EIO;
		}
		buf += put;
		*w += (size_t)put;
		n -= (size_t)put;
	}
	return 0;
}

/* Copies as tl_source_copy() does, through memory. */
static int
copy_through(struct tl_source *s, size_t off, size_t n, int out, size_t *w)
{
	char *buf;
	size_t k;
	int error = 0;

	if ((buf = malloc(TL_SOURCE_BLOCK)) == NULL) {
		errno = ENOMEM;
		return TL_ENOMEM;
	}
	for (; n > 0 && error == 0; n -= k, off += k) {
		k = n < TL_SOURCE_BLOCK ? n : TL_SOURCE_BLOCK;
		if ((error = tl_source_read(s, off, buf, k)) == 0)
			error = tl_write_at(out, buf, k, w);
	}
	free(buf);
	return error;
}

int
tl_source_copy(struct tl_source *s, size_t off, size_t n, int out, size_t *w)
{
	loff_t from = (loff_t)off, to = (loff_t)*w;
	ssize_t got;

	if (s->data != NULL)
		return tl_write_at(out, s->data + off, n, w);
	/* The kernel copies between files without the bytes passing
	 * through the process (or shares them, on file systems that
	 * can). */
	while (n > 0) {
		got = copy_file_range(s->fd, &from, out, &to, n, 0);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return copy_through(s, (size_t)from, n, out, w);
		if (got == 0) {
			errno = EIO;
			return TL_EIO;
		}
		n -= (size_t)got;
		*w = (size_t)to;
	}
	return 0;
}
