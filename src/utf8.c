/*
 * UTF-8 decoding and the control characters the format refuses.
 */
#include <string.h>

#include "utf8.h"

size_t
tl_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t n, i;

	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = TL_UTF8_INVALID;
		return 1;
	}
	if (len < n) {
		*cp = TL_UTF8_INVALID;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = TL_UTF8_INVALID;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = TL_UTF8_INVALID;
		return 1;
	}
	*cp = c;
	return n;
}

int
tl_is_control(uint32_t cp)
{
	return cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Whether every byte is printable ASCII (tab and newline too when
 * multiline), the common case: a loop without branches that compilers
 * turn into vector instructions.
 */
static int
plain_ascii(const unsigned char *u, size_t len, int multiline)
{
	unsigned char bad = 0;
	size_t i;

	if (multiline)
		for (i = 0; i < len; i++)
			bad |= (unsigned char)(u[i] - 0x20) > 0x5e &&
			    u[i] != '\n' && u[i] != '\t';
	else
		for (i = 0; i < len; i++)
			bad |= (unsigned char)(u[i] - 0x20) > 0x5e;
	return bad == 0;
}

size_t
tl_utf8_find_control(const char *s, size_t len, int multiline, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n;
	uint32_t c;

	if (plain_ascii(u, len, multiline))
		return len;
	for (i = 0; i < len; i += n) {
		n = 1;
		if (u[i] >= 0x20 && u[i] < 0x7f)
			continue;
		n = tl_utf8_decode(s + i, len - i, &c);
		if (c == TL_UTF8_INVALID) {
			*cp = c;
			return i;
		}
		if (multiline && (c == '\n' || c == '\t'))
			continue;
		if (tl_is_control(c)) {
			*cp = c;
			return i;
		}
	}
	return len;
}

size_t
tl_utf8_count(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}
