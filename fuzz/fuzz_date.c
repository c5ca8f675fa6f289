/*
 * Fuzz target: the date, day and offset parsers, and what is computed
 * from their results (ranges, relative windows, dates in words).
 *
 * The input is read whole by each parser, then as up to three parts
 * separated by '|' ("2025-12-10|~1y|2026-Q3"): a reference date, an
 * offset, and the end of a range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

#define PARTS 3

/* A reason is a NUL-terminated line of printable text. */
static void
check_why(const char why[TL_WHY_SIZE])
{
	size_t len = strnlen(why, TL_WHY_SIZE);
	size_t i, n, quotes;
	uint32_t cp;

	if (len == TL_WHY_SIZE)
		fuzz_fail("reason not NUL-terminated", why, TL_WHY_SIZE);
	if (len == 0)
		fuzz_fail("a failure without a reason", NULL, 0);
	for (i = quotes = 0; i < len; i += n) {
		n = tl_utf8_decode(why + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID || tl_is_control(cp))
			fuzz_fail("reason holds a control character or invalid "
			    "UTF-8", why, len);
		quotes += cp == '\'';
	}
	/* What a reason quotes, it quotes whole: 'q' must be upper case. */
	if (quotes % 2 != 0)
		fuzz_fail("reason cut short (an unclosed quote)", why, len);
}

static void
check_window(const struct tl_window *w)
{
	if (w->start < TL_DAY_MIN || w->end > TL_DAY_MAX || w->start > w->end)
		fuzz_fail("window outside 0001-9999 or ending before it starts",
		    NULL, 0);
	if (w->precision > TL_PREC_RANGE)
		fuzz_fail("window precision", NULL, 0);
}

/*
 * The words of a window fit every buffer, are NUL-terminated, never cut
 * a UTF-8 sequence, and have the length returned when they fit.
 */
static void
check_words(const struct tl_window *w)
{
	static const size_t sizes[] = { 1, 2, 5, 8, 12, 16, 24, 48, 128 };
	char buf[128 + 8];
	size_t i, need, len, k, n;
	uint32_t cp;
	int with_year;

	for (with_year = 0; with_year <= 1; with_year++) {
		need = tl_window_words(NULL, 0, w, with_year);
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			memset(buf, 'X', sizeof(buf));
			if (tl_window_words(buf, sizes[i], w, with_year) != need)
				fuzz_fail("tl_window_words returns another "
				    "length", NULL, 0);
			len = strnlen(buf, sizes[i]);
			if (len == sizes[i])
				fuzz_fail("words not NUL-terminated", buf,
				    sizes[i]);
			if (buf[sizes[i]] != 'X')
				fuzz_fail("words written past the buffer", buf,
				    sizes[i] + 1);
			if (need < sizes[i] && len != need)
				fuzz_fail("words cut though they fit", buf, len);
			for (k = 0; k < len; k += n) {
				n = tl_utf8_decode(buf + k, len - k, &cp);
				if (cp == TL_UTF8_INVALID || tl_is_control(cp))
					fuzz_fail("words cut inside UTF-8 or "
					    "holding a control character", buf,
					    len);
			}
		}
	}
}

/*
 * A date that parses is one of the written forms: the day it names, its
 * month or its year, formatted back, is the text (without the ~).
 */
static void
check_round_trip(const struct tl_window *w, const char *text, size_t len)
{
	char day[16];
	size_t off = (len > 0 && text[0] == '~') ? 1 : 0, n;

	if (((w->flags & TL_WIN_APPROX) != 0) != (off == 1))
		fuzz_fail("~ and the approximate flag disagree", text, len);
	n = tl_day_format(day, sizeof(day), w->start);
	switch (w->precision) {
	case TL_PREC_DAY:
		if (len - off != 10 || n != 10 || memcmp(text + off, day, 10))
			fuzz_fail("a day that does not read back", text, len);
		break;
	case TL_PREC_MONTH:
		if (len - off != 7 || memcmp(text + off, day, 7))
			fuzz_fail("a month that does not read back", text, len);
		break;
	case TL_PREC_QUARTER:
	case TL_PREC_HALF:
		if (len - off != 7 || memcmp(text + off, day, 4))
			fuzz_fail("a quarter or half in another year", text,
			    len);
		break;
	case TL_PREC_YEAR:
		if (len - off != 4 || memcmp(text + off, day, 4))
			fuzz_fail("a year that does not read back", text, len);
		break;
	default:
		fuzz_fail("a plain date with a range's precision", text, len);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *part[PARTS];
	size_t plen[PARTS], nparts = 0, i, start;
	struct tl_window w, ref, end, out;
	struct tl_offset off;
	char why[TL_WHY_SIZE];
	int32_t day;
	int have_ref = 0, have_off = 0, have_end = 0, before;

	/* The whole input, to each parser. */
	memset(why, 0, sizeof(why));
	if (tl_date_parse(&w, text, size, why) == 0) {
		check_window(&w);
		check_round_trip(&w, text, size);
		check_words(&w);
	} else {
		check_why(why);
	}
	memset(why, 0, sizeof(why));
	if (tl_day_parse(&day, text, size, why) == 0) {
		if (day < TL_DAY_MIN || day > TL_DAY_MAX)
			fuzz_fail("a day outside 0001-9999", text, size);
	} else {
		check_why(why);
	}
	memset(why, 0, sizeof(why));
	if (tl_offset_parse(&off, text, size, why) == 0) {
		if (off.count > 9999 || off.unit > TL_UNIT_YEAR)
			fuzz_fail("an offset out of range", text, size);
	} else {
		check_why(why);
	}

	/* Then as parts: reference|offset|end. */
	for (i = start = 0; i <= size && nparts < PARTS; i++) {
		if (i == size || text[i] == '|') {
			part[nparts] = text + start;
			plen[nparts] = i - start;
			nparts++;
			start = i + 1;
		}
	}
	if (nparts < 2)
		return 0;
	have_ref = tl_date_parse(&ref, part[0], plen[0], why) == 0;
	have_off = tl_offset_parse(&off, part[1], plen[1], why) == 0;
	if (nparts > 2)
		have_end = tl_date_parse(&end, part[2], plen[2], why) == 0;
	if (have_ref && have_off) {
		for (before = 0; before <= 1; before++) {
			memset(why, 0, sizeof(why));
			if (tl_window_relative(&out, &ref, &off, before,
			    why) == 0) {
				check_window(&out);
				check_words(&out);
				if ((out.flags & TL_WIN_APPROX) !=
				    (((ref.flags & TL_WIN_APPROX) ||
				    off.approximate) ? TL_WIN_APPROX : 0))
					fuzz_fail("a relative date's ~ is lost",
					    text, size);
			} else {
				check_why(why);
			}
		}
	}
	if (have_ref && have_end) {
		memset(why, 0, sizeof(why));
		if (tl_window_range(&out, &ref, &end, why) == 0) {
			check_window(&out);
			check_words(&out);
			/* A range can itself be a reference. */
			if (have_off && tl_window_relative(&w, &out, &off, 0,
			    why) == 0) {
				check_window(&w);
				check_words(&w);
			}
		} else {
			check_why(why);
		}
	}
	return 0;
}
