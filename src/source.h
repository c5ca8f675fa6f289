/*
 * A text read at any offset: a whole text in memory, or a file read
 * through its descriptor a block at a time.  The editor reads a few
 * places of a file this way, and a large file costs it a few blocks of
 * memory rather than its size.
 */
#ifndef TIMELINE_SOURCE_H
#define TIMELINE_SOURCE_H

#include <stddef.h>

#define TL_SOURCE_BLOCK ((size_t)65536)
#define TL_SOURCE_SLOTS 4

struct tl_source {
	const char *data;	/* the text in memory, or NULL: fd */
	size_t len;		/* its bytes: the text's, or the file's */
	int fd;
	/*
	 * A file read with a region replaced (tl_source_spliced()): the
	 * file's bytes [start, start + waslen) read as the nowlen bytes
	 * at now; now is NULL for a file read as it is.
	 */
	const char *now;
	size_t start, waslen, nowlen;
	char *blocks;		/* TL_SOURCE_SLOTS blocks of the file */
	size_t tags[TL_SOURCE_SLOTS];	/* block number + 1; 0: none */
	int error;		/* the first failure: TL_EIO, TL_ENOMEM */
};

/* Makes s read the len bytes at data (kept, not copied). */
void tl_source_memory(struct tl_source *s, const char *data, size_t len);

/*
 * Makes s read the first len bytes of the file open at fd (read with
 * pread(), which leaves its offset as it was; fd stays the caller's).
 * Blocks are allocated on the first read.
 */
void tl_source_file(struct tl_source *s, int fd, size_t len);

/*
 * Makes s read the file open at fd, of len bytes, as tl_source_file()
 * does, but with its bytes [start, start + waslen) replaced by the
 * nowlen bytes at now (kept, not copied): the text an edit would write,
 * never written.  s->len is len - waslen + nowlen.
 */
void tl_source_spliced(struct tl_source *s, int fd, size_t len,
    size_t start, size_t waslen, const char *now, size_t nowlen);

/* Frees the blocks of s. */
void tl_source_dispose(struct tl_source *s);

/* Reads the block that holds off (< len); the byte there, or 0 with
 * s->error set when the file cannot be read (or is shorter now). */
unsigned char tl_source_fill(struct tl_source *s, size_t off);

/* The byte at off, which is below s->len. */
static inline unsigned char
tl_source_byte(struct tl_source *s, size_t off)
{
	size_t block = off / TL_SOURCE_BLOCK;
	size_t slot = block % TL_SOURCE_SLOTS;

	if (s->data != NULL)
		return (unsigned char)s->data[off];
	if (s->tags[slot] != block + 1)
		return tl_source_fill(s, off);
	return (unsigned char)s->blocks[slot * TL_SOURCE_BLOCK +
	    off % TL_SOURCE_BLOCK];
}

/*
 * Copies the n bytes from off (off + n <= len) into buf.  0, or TL_EIO
 * (errno set; s->error too) when the file cannot be read or is shorter
 * now.
 */
int tl_source_read(struct tl_source *s, size_t off, char *buf, size_t n);

/*
 * Copies the n bytes from off of the file of s (read as it is, not
 * spliced) to the file out at offset *w (moved past them), neither
 * file's offset moved.  0; TL_EIO (errno set) when either file fails,
 * or the old one is shorter now (s->error set when the old one is the
 * one that failed); TL_ENOMEM.
 */
int tl_source_copy(struct tl_source *s, size_t off, size_t n, int out,
    size_t *w);

/* Writes the n bytes at buf to out at offset *w (moved past them);
 * 0, or TL_EIO with errno set. */
int tl_write_at(int out, const char *buf, size_t n, size_t *w);

#endif
