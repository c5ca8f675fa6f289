/*
 * A growable byte string (buf.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "buf.h"

int
tl_buf_put(struct tl_buf *b, const char *s, size_t len)
{
	size_t cap;
	char *p;

	if (len >= SIZE_MAX / 2 - b->len)
		return TL_ENOMEM;
	if (b->len + len + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + len + 1)
			cap *= 2;
		if ((p = realloc(b->data, cap)) == NULL)
			return TL_ENOMEM;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
tl_buf_puts(struct tl_buf *b, const char *s)
{
	return tl_buf_put(b, s, strlen(s));
}

int
tl_buf_clear(struct tl_buf *b)
{
	b->len = 0;
	return tl_buf_put(b, "", 0);
}

void
tl_buf_dispose(struct tl_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
