/*
 * A growable byte string, always NUL-terminated once anything is put:
 * for texts put together piece by piece (an iCalendar value, the new
 * lines of an edit).
 */
#ifndef TIMELINE_BUF_H
#define TIMELINE_BUF_H

#include <stddef.h>

struct tl_buf {
	char *data;	/* NULL until something is put */
	size_t len, cap;
};

#define TL_BUF_INIT { NULL, 0, 0 }

/* Appends len bytes of s; 0 or TL_ENOMEM (b is then unchanged). */
int tl_buf_put(struct tl_buf *b, const char *s, size_t len);

/* Appends the string s; 0 or TL_ENOMEM. */
int tl_buf_puts(struct tl_buf *b, const char *s);

/* Empties b, keeping its memory, and makes it an empty string; 0 or
 * TL_ENOMEM. */
int tl_buf_clear(struct tl_buf *b);

/* Frees b's memory and leaves it empty. */
void tl_buf_dispose(struct tl_buf *b);

#endif
