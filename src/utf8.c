/*
 * UTF-8 decoding and the control characters the format refuses.
 */
#include <stdio.h>
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

int
tl_is_space_like(uint32_t cp)
{
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

int
tl_is_invisible(uint32_t cp)
{
	if (cp < 0xa0)
		return 0;
	if (tl_is_space_like(cp))
		return 1;
	if (cp < 0x2000)
		return cp == 0xad || cp == 0x34f || cp == 0x61c ||
		    cp == 0x115f || cp == 0x1160 || cp == 0x17b4 ||
		    cp == 0x17b5 || (cp >= 0x180b && cp <= 0x180f);
	if (cp < 0x3000)
		return (cp >= 0x200b && cp <= 0x200f) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2060 && cp <= 0x2064) ||
		    (cp >= 0x2066 && cp <= 0x2069) ||
		    (cp >= 0x206a && cp <= 0x206f);
	return cp == 0x3164 || cp == 0xfeff || cp == 0xffa0 ||
	    (cp >= 0xfff9 && cp <= 0xfffb) ||
	    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
	    (cp >= 0xe0000 && cp <= 0xe007f);
}

size_t
tl_utf8_stray_tags(const char *s, size_t len)
{
	size_t i = 0, n, stray = 0, pending = 0;
	uint32_t cp;
	int in_flag = 0;

	/* Every tag character's UTF-8 starts F3 A0. */
	if (memchr(s, 0xf3, len) == NULL)
		return 0;
	for (; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (cp == 0x1f3f4) {
			stray += pending;
			pending = 0;
			in_flag = 1;
		} else if (in_flag && pending < 7 && ((cp >= 0xe0030 &&
		    cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a))) {
			pending++;
		} else if (in_flag && cp == 0xe007f && pending >= 3) {
			pending = 0;
			in_flag = 0;
		} else {
			stray += pending + (cp >= 0xe0000 && cp <= 0xe007f);
			pending = 0;
			in_flag = 0;
		}
	}
	return stray + pending;
}

int
tl_is_dash(uint32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

size_t
tl_utf8_fold(char *buf, size_t size, const char *s, size_t len,
    uint32_t *first)
{
	size_t i, k, n, out = 0;
	uint32_t cp;

	*first = 0;
	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (cp != TL_UTF8_INVALID && (tl_is_dash(cp) ||
		    tl_is_invisible(cp))) {
			if (*first == 0)
				*first = cp;
			if (tl_is_dash(cp)) {
				if (out + 1 < size)
					buf[out] = '-';
				out++;
			}
			continue;
		}
		for (k = 0; k < n; k++, out++)
			if (out + 1 < size)
				buf[out] = s[i + k];
	}
	if (size > 0)
		buf[out < size ? out : size - 1] = '\0';
	return out;
}

char *
tl_utf8_describe(char *buf, size_t size, uint32_t cp)
{
	static const struct {
		uint32_t cp;
		const char *name;
	} names[] = {
		{ 0xa0, "NO-BREAK SPACE" }, { 0xad, "SOFT HYPHEN" },
		{ 0x2007, "FIGURE SPACE" }, { 0x2009, "THIN SPACE" },
		{ 0x200b, "ZERO WIDTH SPACE" },
		{ 0x200c, "ZERO WIDTH NON-JOINER" },
		{ 0x200d, "ZERO WIDTH JOINER" },
		{ 0x200e, "LEFT-TO-RIGHT MARK" },
		{ 0x200f, "RIGHT-TO-LEFT MARK" },
		{ 0x2010, "HYPHEN" }, { 0x2011, "NON-BREAKING HYPHEN" },
		{ 0x2012, "FIGURE DASH" }, { 0x2013, "EN DASH" },
		{ 0x2014, "EM DASH" }, { 0x2015, "HORIZONTAL BAR" },
		{ 0x202a, "LEFT-TO-RIGHT EMBEDDING" },
		{ 0x202b, "RIGHT-TO-LEFT EMBEDDING" },
		{ 0x202c, "POP DIRECTIONAL FORMATTING" },
		{ 0x202d, "LEFT-TO-RIGHT OVERRIDE" },
		{ 0x202e, "RIGHT-TO-LEFT OVERRIDE" },
		{ 0x202f, "NARROW NO-BREAK SPACE" },
		{ 0x2066, "LEFT-TO-RIGHT ISOLATE" },
		{ 0x2067, "RIGHT-TO-LEFT ISOLATE" },
		{ 0x2068, "FIRST STRONG ISOLATE" },
		{ 0x2069, "POP DIRECTIONAL ISOLATE" },
		{ 0x2060, "WORD JOINER" }, { 0x2212, "MINUS SIGN" },
		{ 0x3000, "IDEOGRAPHIC SPACE" },
		{ 0xfeff, "ZERO WIDTH NO-BREAK SPACE" }
	};
	const char *name = NULL;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].cp == cp)
			name = names[i].name;
	if (tl_is_dash(cp))
		snprintf(buf, size, "U+%04X %s is not '-'", (unsigned)cp,
		    name);
	else if (name != NULL)
		snprintf(buf, size, "it holds U+%04X %s", (unsigned)cp, name);
	else if (tl_is_space_like(cp))
		snprintf(buf, size, "it holds U+%04X, a space other than ' '",
		    (unsigned)cp);
	else
		snprintf(buf, size, "it holds U+%04X, an invisible character",
		    (unsigned)cp);
	return buf;
}

const char *
tl_cp1252(unsigned char b)
{
	/* In UTF-8, for a message to show. */
	static const char *const high[32] = {
		"\xe2\x82\xac", NULL, "\xe2\x80\x9a", "\xc6\x92",
		"\xe2\x80\x9e", "\xe2\x80\xa6", "\xe2\x80\xa0", "\xe2\x80\xa1",
		"\xcb\x86", "\xe2\x80\xb0", "\xc5\xa0", "\xe2\x80\xb9",
		"\xc5\x92", NULL, "\xc5\xbd", NULL,
		NULL, "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xcb\x9c", "\xe2\x84\xa2", "\xc5\xa1", "\xe2\x80\xba",
		"\xc5\x93", NULL, "\xc5\xbe", "\xc5\xb8"
	};

	return b >= 0x80 && b <= 0x9f ? high[b - 0x80] : NULL;
}
