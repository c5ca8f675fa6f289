/*
 * Dates, windows and offsets: the calendar arithmetic of SPEC section 2.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/date.h"
#include "utf8.h"

/* Days in the 400-, 100-, 4- and 1-year cycles of the Gregorian calendar. */
#define DAYS_400Y 146097
#define DAYS_100Y 36524
#define DAYS_4Y 1461
#define DAYS_1Y 365

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char *const month_abbrs[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static const char date_forms[] =
    "expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn";
static const char offset_form[] =
    "an offset is a whole number and a unit d, w, m, q or y, like 10d or ~1y";

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
set_why(char *why, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(why, TL_WHY_SIZE, fmt, ap);
	va_end(ap);
}

/* Division rounding towards negative infinity, for days before day 0. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/* True for a character that can be quoted in a reason as it is. */
static int
is_printable(char c)
{
	/* A quote would read as the end of the quoted character. */
	return c > ' ' && c < 0x7f && c != '\'';
}

int
tl_is_leap_year(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int
tl_days_in_month(int year, int month)
{
	static const int lengths[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && tl_is_leap_year(year))
		return 29;
	return lengths[month - 1];
}

int32_t
tl_day_from_ymd(int year, int month, int day)
{
	int64_t y, era, yoe, doy, doe;

	if (month < 1 || month > 12)
		month = 1;
	/* Years that begin on March 1, as in tl_day_to_ymd(). */
	y = (int64_t)year - (month <= 2);
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * DAYS_1Y + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * DAYS_400Y + doe - 306);
}

void
tl_day_to_ymd(int32_t day, int *year, int *month, int *mday)
{
	int64_t era, doe, yoe, doy, mp, y;

	/*
	 * Counted in years that begin on March 1 (the leap day then ends a
	 * year), in 400-year eras of 146,097 days; day 0, 0001-01-01, is
	 * day 306 of the era that begins 0000-03-01.
	 */
	era = floor_div((int64_t)day + 306, DAYS_400Y);
	doe = (int64_t)day + 306 - era * DAYS_400Y;
	yoe = (doe - doe / (DAYS_4Y - 1) + doe / DAYS_100Y -
	    doe / (DAYS_400Y - 1)) / DAYS_1Y;
	doy = doe - (DAYS_1Y * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;		/* 0 is March */
	y = era * 400 + yoe + (mp >= 10);
	if (year != NULL)
		*year = (int)y;
	if (month != NULL)
		*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (mday != NULL)
		*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
}

/* Sets w to months first to last of year, of precision prec. */
static void
months_window(struct tl_window *w, int year, int first, int last,
    enum tl_precision prec)
{
	w->start = tl_day_from_ymd(year, first, 1);
	w->end = tl_day_from_ymd(year, last, tl_days_in_month(year, last));
	w->precision = (uint8_t)prec;
	w->start_precision = (uint8_t)prec;
	w->end_precision = (uint8_t)prec;
}

/* Sets w to the one day day. */
static void
day_window(struct tl_window *w, int32_t day)
{
	w->start = day;
	w->end = day;
	w->precision = TL_PREC_DAY;
	w->start_precision = TL_PREC_DAY;
	w->end_precision = TL_PREC_DAY;
}

/* Sets w to the calendar period of precision prec that holds day. */
static void
period_of(struct tl_window *w, int32_t day, enum tl_precision prec)
{
	int y, m, first;

	if (prec < TL_PREC_MONTH || prec > TL_PREC_YEAR) {
		day_window(w, day);
		return;
	}
	tl_day_to_ymd(day, &y, &m, NULL);
	switch (prec) {
	case TL_PREC_MONTH:
		months_window(w, y, m, m, prec);
		break;
	case TL_PREC_QUARTER:
		first = (m - 1) / 3 * 3 + 1;
		months_window(w, y, first, first + 2, prec);
		break;
	case TL_PREC_HALF:
		first = m <= 6 ? 1 : 7;
		months_window(w, y, first, first + 5, prec);
		break;
	default:
		months_window(w, y, 1, 12, prec);
		break;
	}
}

/*
 * Reads the run of digits at s[*pos], advancing *pos past it, and
 * returns how many there were; *value holds the number when the run is
 * short enough to matter (nine digits or fewer).
 */
static size_t
read_digits(const char *s, size_t len, size_t *pos, int *value)
{
	size_t n = 0;
	int v = 0;

	while (*pos < len && is_digit(s[*pos])) {
		if (n < 9)
			v = v * 10 + (s[*pos] - '0');
		n++;
		(*pos)++;
	}
	*value = v;
	return n;
}

/*
 * Explains the character at s[pos] that should not be there, after the
 * part named by 'what' of the thing ("a date", "an offset") being read.
 */
static void
why_trailing(char *why, const char *s, size_t pos, const char *what,
    const char *thing)
{
	if (is_space(s[pos]))
		set_why(why, "no white space is allowed in %s", thing);
	else if (is_printable(s[pos]))
		set_why(why, "unexpected '%c' after the %s", s[pos], what);
	else
		set_why(why, "unexpected text after the %s", what);
}

/*
 * Parses the quarter or half after "YYYY-" at s[pos], whose letter has
 * been checked to be Q, H, q or h.
 */
static int
parse_part(struct tl_window *w, int year, const char *s, size_t len,
    size_t pos, char *why)
{
	char letter = s[pos];
	int upper = letter == 'Q' || letter == 'H';
	int quarter = letter == 'Q' || letter == 'q';
	int count = quarter ? 4 : 2;
	int n, first;
	size_t digits;

	if (!upper) {
		char shown = (pos + 1 < len && s[pos + 1] >= '1' &&
		    s[pos + 1] <= (quarter ? '4' : '2')) ? s[pos + 1] : 'n';

		set_why(why, "'%c' must be upper case (%c%c)", letter,
		    quarter ? 'Q' : 'H', shown);
		return TL_EINVAL;
	}
	pos++;
	digits = read_digits(s, len, &pos, &n);
	if (digits != 1 || n < 1 || n > count) {
		if (digits == 0 && pos < len && is_space(s[pos]))
			set_why(why, "no white space is allowed in a date");
		else if (quarter)
			set_why(why, "quarter must be Q1-Q4");
		else
			set_why(why, "half must be H1 or H2");
		return TL_EINVAL;
	}
	if (pos < len) {
		why_trailing(why, s, pos, quarter ? "quarter" : "half",
		    "a date");
		return TL_EINVAL;
	}
	first = quarter ? (n - 1) * 3 + 1 : (n - 1) * 6 + 1;
	months_window(w, year, first, first + (quarter ? 2 : 5),
	    quarter ? TL_PREC_QUARTER : TL_PREC_HALF);
	return 0;
}

static int parse_date(struct tl_window *, const char *, size_t,
    char [TL_WHY_SIZE]);

/*
 * Writes into fixed (size bytes) s with a 0 before each lone digit
 * after "YYYY-" (at month); returns 0, or -1 when s has another shape
 * or fixed is too small.
 */
static int
pad_digits(char *fixed, size_t size, const char *s, size_t len,
    size_t month)
{
	size_t i = month, o = month, run;

	if (month >= size)
		return -1;
	memcpy(fixed, s, month);
	while (i < len) {
		for (run = 0; i + run < len && is_digit(s[i + run]); run++)
			continue;
		/* Room for a 0, the digits, a '-' and the NUL. */
		if (run == 0 || run > 2 || o + 4 > size)
			return -1;
		if (run == 1)
			fixed[o++] = '0';
		memcpy(fixed + o, s + i, run);
		o += run;
		i += run;
		if (i < len && (s[i] != '-' || i + 1 == len))
			return -1;
		if (i < len)
			fixed[o++] = s[i++];
	}
	fixed[o] = '\0';
	return 0;
}

/*
 * Says in why that the month or day (what) must have two digits, and,
 * when s with a 0 before each lone digit is a date, offers that.
 */
static void
why_two_digits(char *why, const char *what, const char *s, size_t len,
    size_t month)
{
	struct tl_window w;
	char fixed[24], scratch[TL_WHY_SIZE];

	if (pad_digits(fixed, sizeof(fixed), s, len, month) == 0 &&
	    parse_date(&w, fixed, strlen(fixed), scratch) == 0)
		set_why(why, "the %s must have two digits: did you mean '%s'?",
		    what, fixed);
	else if (what[0] == 'm')
		set_why(why, "the month must have two digits, 01-12");
	else
		set_why(why, "the day must have two digits, like 05");
}

/* Parses "MM" or "MM-DD" after "YYYY-" at s[pos]. */
static int
parse_month_day(struct tl_window *w, int year, const char *s, size_t len,
    size_t pos, char *why)
{
	int month, day;
	size_t digits, at = pos;

	digits = read_digits(s, len, &pos, &month);
	if (digits != 2) {
		why_two_digits(why, "month", s, len, at);
		return TL_EINVAL;
	}
	if (month < 1 || month > 12) {
		set_why(why, "month %02d is not 01-12", month);
		return TL_EINVAL;
	}
	if (pos == len) {
		months_window(w, year, month, month, TL_PREC_MONTH);
		return 0;
	}
	if (s[pos] != '-') {
		why_trailing(why, s, pos, "month", "a date");
		return TL_EINVAL;
	}
	pos++;
	digits = read_digits(s, len, &pos, &day);
	if (digits != 2) {
		if (digits == 0 && pos < len && is_space(s[pos]))
			set_why(why, "no white space is allowed in a date");
		else
			why_two_digits(why, "day", s, len, at);
		return TL_EINVAL;
	}
	if (day == 0) {
		set_why(why, "day 00 does not exist");
		return TL_EINVAL;
	}
	if (day > tl_days_in_month(year, month)) {
		set_why(why, "%s %04d has %d days", month_names[month - 1],
		    year, tl_days_in_month(year, month));
		return TL_EINVAL;
	}
	if (pos < len) {
		why_trailing(why, s, pos, "day", "a date");
		return TL_EINVAL;
	}
	day_window(w, tl_day_from_ymd(year, month, day));
	return 0;
}

static int parse_date(struct tl_window *, const char *, size_t,
    char [TL_WHY_SIZE]);

/*
 * Dates written another way: the fields of text split at separators
 * (white space, '.', '/', '-', ','), at most four, each a run of digits
 * or of letters.
 */
struct fields {
	const char *at[4];
	size_t len[4];
	int digits[4];		/* the field is all digits */
	char sep[4];		/* the separator after it, or 0 */
	size_t n;
};

static int
split_fields(const char *s, size_t len, struct fields *f)
{
	size_t i = 0, start;

	f->n = 0;
	while (i < len) {
		if (f->n == 4)
			return -1;
		start = i;
		if (is_digit(s[i])) {
			while (i < len && is_digit(s[i]))
				i++;
			f->digits[f->n] = 1;
		} else if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') {
			while (i < len && (s[i] | 0x20) >= 'a' &&
			    (s[i] | 0x20) <= 'z')
				i++;
			f->digits[f->n] = 0;
		} else {
			return -1;
		}
		f->at[f->n] = s + start;
		f->len[f->n] = i - start;
		f->sep[f->n] = 0;
		while (i < len && (is_space(s[i]) || s[i] == '.' ||
		    s[i] == '/' || s[i] == '-' || s[i] == ','))
			f->sep[f->n] = s[i++];
		f->n++;
	}
	return f->n > 0 ? 0 : -1;
}

/* The month a name or its first three letters stands for, or 0. */
static int
month_named(const char *s, size_t len)
{
	size_t i, k;

	for (i = 0; i < 12 && len >= 3; i++) {
		if (len > strlen(month_names[i]))
			continue;
		for (k = 0; k < len; k++)
			if ((s[k] | 0x20) != (month_names[i][k] | 0x20))
				break;
		if (k == len)
			return (int)i + 1;
	}
	return 0;
}

/* The number a field of digits holds (fields are short). */
static int
field_number(const struct fields *f, size_t i)
{
	int v = 0;
	size_t k;

	for (k = 0; k < f->len[i] && k < 6; k++)
		v = v * 10 + (f->at[i][k] - '0');
	return v;
}

/* Whether s starts with pattern's shape: 'd' a digit, others as is. */
static int
looks_like(const char *s, const char *pattern)
{
	for (; *pattern != '\0'; s++, pattern++)
		if (*pattern == 'd' ? !is_digit(*s) : *s != *pattern)
			return 0;
	return 1;
}

/* Whether the n bytes at s are a quarter or half: Q1-Q4, H1-H2. */
static int
is_part(const char *s, size_t n)
{
	return n == 2 && (((s[0] | 0x20) == 'q' && s[1] >= '1' &&
	    s[1] <= '4') || ((s[0] | 0x20) == 'h' && s[1] >= '1' &&
	    s[1] <= '2'));
}

/* Whether the n bytes at s are four digits. */
static int
is_year(const char *s, size_t n)
{
	return n == 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
	    is_digit(s[3]);
}

/* The number of the four digits at y. */
static int
year_of(const char *y)
{
	return ((y[0] - '0') * 10 + (y[1] - '0')) * 100 +
	    (y[2] - '0') * 10 + (y[3] - '0');
}

/*
 * Whether the year of four digits at y, the month of mlen digits at m and
 * the day of dlen digits at d make a day of the calendar; returns the
 * day of the month, or 0.
 */
static int
valid_ymd(const char *y, const char *m, size_t mlen, const char *d,
    size_t dlen)
{
	int year = 0, month = 0, day = 0;
	size_t i;

	for (i = 0; i < 4; i++)
		year = year * 10 + (y[i] - '0');
	for (i = 0; i < mlen; i++)
		month = month * 10 + (m[i] - '0');
	for (i = 0; i < dlen; i++)
		day = day * 10 + (d[i] - '0');
	if (year == 0 || day == 0 || day > tl_days_in_month(year, month))
		return 0;
	return day;
}

/*
 * A day with its month in words, in any order of day and month, the
 * year first or last ("1 May 2026", "May 1, 2026", "2026 May 1"): says
 * the way to write it in why and returns 1; else 0.
 */
static int
named_day(const struct fields *f, const char *tilde, char *why)
{
	size_t year, name, day;
	char month[3];
	int m, d;

	if (f->digits[0] && f->len[0] == 4)
		year = 0;
	else if (f->digits[2] && f->len[2] == 4)
		year = 2;
	else
		return 0;
	name = year == 0 ? 1 : !f->digits[0] ? 0 : 1;
	day = year == 0 ? 2 : name == 0 ? 1 : 0;
	if (f->digits[name] || !f->digits[day] || f->len[day] > 2 ||
	    (m = month_named(f->at[name], f->len[name])) == 0)
		return 0;
	month[0] = (char)('0' + m / 10);
	month[1] = (char)('0' + m % 10);
	month[2] = '\0';
	if ((d = valid_ymd(f->at[year], month, 2, f->at[day],
	    f->len[day])) == 0) {
		/* The day is past the month's end (31 Feb): say so. */
		d = f->len[day] == 2 ? (f->at[day][0] - '0') * 10 +
		    (f->at[day][1] - '0') : f->at[day][0] - '0';
		if (d == 0 || year_of(f->at[year]) == 0)
			return 0;
		set_why(why, "%s %.4s has %d days", month_names[m - 1],
		    f->at[year], tl_days_in_month(year_of(f->at[year]), m));
		return 1;
	}
	set_why(why, "did you mean '%s%.4s-%02d-%02d'?", tilde, f->at[year], m,
	    d);
	return 1;
}

/*
 * "Q3 2026", "q3-2026", "2026 Q3", "2026/H2", "2026Q3": says the way to
 * write it in why and returns 1; else 0.
 */
static int
quarter_notation(const char *s, size_t len, const char *tilde, char *why)
{
	const char *part, *year;
	size_t gap, digits;

	if (len < 6)
		return 0;
	/* "Q5 2026", "Q12 2026": a part that no year has. */
	/* The part's digits stop where the year's four begin. */
	digits = s[1] >= '0' && s[1] <= '9' ? 1 + (len >= 7 &&
	    s[2] >= '0' && s[2] <= '9') : 0;
	if (((s[0] | 0x20) == 'q' || (s[0] | 0x20) == 'h') && digits > 0 &&
	    (digits == 2 || !is_part(s, 2)) && is_year(s + len - 4, 4) &&
	    len - 5 - digits <= 3) {
		set_why(why, (s[0] | 0x20) == 'q' ? "quarter must be Q1-Q4" :
		    "half must be H1 or H2");
		return 1;
	}
	if (is_part(s, 2) && is_year(s + len - 4, 4)) {
		part = s;
		year = s + len - 4;
	} else if (is_year(s, 4) && is_part(s + len - 2, 2)) {
		year = s;
		part = s + len - 2;
	} else {
		return 0;
	}
	gap = len - 6;
	if (gap > 3 || (year == s && gap == 1 && s[4] == '-'))
		return 0;
	set_why(why, "did you mean '%s%.4s-%c%c'?", tilde, year,
	    part[0] & ~0x20, part[1]);
	return 1;
}

/* Whether the n bytes at s are the word w, in any capitals. */
static int
word_is(const char *s, size_t n, const char *w)
{
	size_t i;

	if (n != strlen(w))
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != w[i])
			return 0;
	return 1;
}

/* Whether the n bytes at s are one of the count words, in any capitals. */
static int
word_among(const char *s, size_t n, const char *const *words, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (word_is(s, n, words[i]))
			return 1;
	return 0;
}

#define WORD_AMONG(s, n, words) \
	word_among(s, n, words, sizeof(words) / sizeof(words[0]))

/* Whether c is an ASCII letter or digit. */
static int
is_alnum(char c)
{
	return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* 1 to 4 for "first" to "fourth" or "1st" to "4th"; else 0. */
static int
ordinal_named(const char *s, size_t n)
{
	static const char *const words[] = {"first", "second", "third",
	    "fourth"};
	static const char *const digits[] = {"1st", "2nd", "3rd", "4th"};
	int i;

	for (i = 0; i < 4; i++)
		if (word_is(s, n, words[i]) || word_is(s, n, digits[i]))
			return i + 1;
	return 0;
}

/*
 * A part of a year in words ("second half of 2027", "3rd quarter 2026",
 * "early 2028", "mid-2028"): says how to write it in why and returns 1;
 * else 0.  Words such as "early" name no window, so they get the forms
 * to choose from rather than one of them.
 */
static int
part_in_words(const char *s, size_t len, const char *tilde, char *why)
{
	/* Each with examples from its part of the year. */
	static const struct {
		const char *word;
		const char *half, *quarter, *month;
	} vague[] = {
		{"early", "H1", "Q1", "02"}, {"start", "H1", "Q1", "01"},
		{"beginning", "H1", "Q1", "01"}, {"mid", "H1", "Q2", "06"},
		{"late", "H2", "Q4", "11"}, {"end", "H2", "Q4", "12"},
	};
	const char *at[4], *year;
	size_t n[4], count = 0, i = 0, k;
	int ord;

	while (i < len) {
		if (!is_alnum(s[i])) {
			if (!is_space(s[i]) && s[i] != '-' && s[i] != ',')
				return 0;
			i++;
			continue;
		}
		if (count == 4)
			return 0;
		at[count] = s + i;
		while (i < len && is_alnum(s[i]))
			i++;
		n[count] = (size_t)(s + i - at[count]);
		count++;
	}
	if (count < 2 || !is_year(at[count - 1], n[count - 1]))
		return 0;
	year = at[count - 1];
	k = count - 1;		/* the words before the year */
	if (k > 1 && word_is(at[k - 1], n[k - 1], "of"))
		k--;
	if (k == 2 && (ord = ordinal_named(at[0], n[0])) > 0) {
		if (word_is(at[1], n[1], "half") && ord <= 2)
			set_why(why, "did you mean '%s%.4s-H%d'?", tilde, year,
			    ord);
		else if (word_is(at[1], n[1], "quarter"))
			set_why(why, "did you mean '%s%.4s-Q%d'?", tilde, year,
			    ord);
		else
			return 0;
		return 1;
	}
	for (i = 0; k == 1 && i < sizeof(vague) / sizeof(vague[0]); i++) {
		if (word_is(at[0], n[0], vague[i].word)) {
			set_why(why, "write a half, quarter or month of %.4s, "
			    "~ when it is about (%.4s-%s, ~%.4s-%s, %.4s-%s)",
			    year, year, vague[i].half, year, vague[i].quarter,
			    year, vague[i].month);
			return 1;
		}
	}
	return 0;
}

/*
 * For three fields of digits, year last: 01.05.2026 is day first, as
 * dots are written; with slashes, the one of the first two that cannot
 * be a month is the day, and when both can, the date is not guessed.
 * Says how to write it in why; returns 1.
 */
static int
day_month_year(const struct fields *f, const char *tilde, char *why)
{
	int a = field_number(f, 0), b = field_number(f, 1), day, month;

	/* No year 0: nothing to suggest. */
	if (field_number(f, 2) < 1) {
		set_why(why, "dates are written YYYY-MM-DD, year first");
		return 1;
	}
	if (f->sep[0] == '.' || (a > 12 && b <= 12) || a == b) {
		day = a;
		month = b;
	} else if (a <= 12 && b > 12) {
		day = b;
		month = a;
	} else if (a >= 1 && b >= 1 && a != b &&
	    a <= tl_days_in_month(field_number(f, 2), b) &&
	    b <= tl_days_in_month(field_number(f, 2), a)) {
		/* Both readings are days: the writer knows which. */
		set_why(why, "dates are written YYYY-MM-DD, year first: "
		    "'%s%.4s-%02d-%02d' or '%s%.4s-%02d-%02d'?", tilde,
		    f->at[2], b, a, tilde, f->at[2], a, b);
		return 1;
	} else {
		set_why(why, "dates are written YYYY-MM-DD, year first");
		return 1;
	}
	if (day < 1 || day > tl_days_in_month(field_number(f, 2), month))
		set_why(why, "dates are written YYYY-MM-DD, year first");
	else
		set_why(why, "dates are written YYYY-MM-DD (did you mean "
		    "'%s%.4s-%02d-%02d'?)", tilde, f->at[2], month, day);
	return 1;
}

/*
 * Whether text is a timestamp, a day and a time of day
 * ("2026-05-01T10:00", "2026-05-01 10:00:00 +02:00").
 */
static int
is_timestamp(const char *text, size_t len)
{
	return len >= 16 && looks_like(text, "dddd-dd-dd") &&
	    (text[10] == 'T' || text[10] == 't' || text[10] == ' ') &&
	    looks_like(text + 11, "dd:dd");
}

/*
 * Writes into buf the timezone a timestamp's ending names, after its
 * hours and minutes at s: "UTC" for Z, "Etc/GMT-2" for +02:00 (the
 * tz database's names of whole hours east of UTC have the sign turned),
 * or "" when it names none, an offset with minutes, or one past the
 * tz database's Etc/GMT zones.
 */
static void
timestamp_zone(const char *s, size_t len, char *buf, size_t size)
{
	size_t i = 0;
	int hours;

	buf[0] = '\0';
	if (i + 3 <= len && s[i] == ':' && looks_like(s + i + 1, "dd"))
		i += 3;
	if (i < len && (s[i] == '.' || s[i] == ','))
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
	if (i < len && s[i] == ' ')
		i++;
	if (i + 1 == len && (s[i] == 'Z' || s[i] == 'z')) {
		snprintf(buf, size, "UTC");
		return;
	}
	if (i + 3 > len || (s[i] != '+' && s[i] != '-') ||
	    !looks_like(s + i + 1, "dd"))
		return;
	hours = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	/* The minutes, when there are, must be none; Etc/GMT-14 to
	 * Etc/GMT+12 are the zones there are. */
	if (!(i + 3 == len || (i + 5 == len && looks_like(s + i + 3, "dd") &&
	    s[i + 3] == '0' && s[i + 4] == '0') || (i + 6 == len &&
	    s[i + 3] == ':' && s[i + 4] == '0' && s[i + 5] == '0')) ||
	    hours > (s[i] == '+' ? 14 : 12))
		return;
	if (hours == 0)
		snprintf(buf, size, "UTC");
	else
		snprintf(buf, size, "Etc/GMT%c%d", s[i] == '+' ? '-' : '+',
		    hours);
}

/*
 * An ISO 8601 week ("2027-W20", "2027-W20-3"), Monday to Sunday, the
 * first one holding 4 January: says how to write it in why (its days,
 * or its day) and returns 1; else 0, and 0 too for a week the parser's
 * message is left to (year 0000, 9999's last week).
 */
static int
week_notation(const char *s, size_t len, char *why)
{
	char first[16], last[16];
	int32_t monday, jan4, day;
	int week, y, year, month, mday;

	if (!((len == 8 || (len == 10 && s[8] == '-' && s[9] >= '1' &&
	    s[9] <= '7')) && looks_like(s, "dddd-") &&
	    (s[5] | 0x20) == 'w' && is_digit(s[6]) && is_digit(s[7])))
		return 0;
	week = (s[6] - '0') * 10 + (s[7] - '0');
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	if (y < 1)
		return 0;	/* year 0000: said as the parser says */
	jan4 = tl_day_from_ymd(y, 1, 4);
	/* Day 0, 0001-01-01, was a Monday. */
	monday = jan4 - ((jan4 % 7) + 7) % 7 + (week - 1) * 7;
	/* A week's Thursday is in its year. */
	tl_day_to_ymd(monday + 3, &year, &month, &mday);
	if (week < 1 || year != y) {
		set_why(why, "%.4s has no week %.2s", s, s + 6);
		return 1;
	}
	/* 9999's last week ends after the calendar's last day. */
	day = len == 10 ? monday + (s[9] - '1') : monday;
	if ((len == 10 ? day : monday + 6) > TL_DAY_MAX)
		return 0;
	tl_day_format(first, sizeof(first), day);
	tl_day_format(last, sizeof(last), monday + 6);
	if (len == 10)
		set_why(why, "did you mean '%s'?", first);
	else
		set_why(why, "a week is written as its days: start: %s and "
		    "end: %s", first, last);
	return 1;
}

/* Whether the first word of the len bytes at s is a date. */
static int
dated(const char *s, size_t len)
{
	struct tl_window w;
	char why[TL_WHY_SIZE];
	size_t n;

	for (n = 0; n < len && s[n] != ' '; n++)
		;
	return n > 0 && parse_date(&w, s, n, why) == 0;
}

/* Whether the n bytes at s are a word that counts from today ("in a
 * year" when first and no date follows, "a year from now", "two weeks
 * away"). */
static int
from_today(const char *s, size_t n, int first)
{
	static const char *const words[] = {
		"today", "tomorrow", "yesterday", "now", "ago", "away",
		"hence", "within"
	};

	return (first && word_is(s, n, "in")) || WORD_AMONG(s, n, words);
}

/*
 * Words that stand for a date not known, a season, or a part of a year
 * without its year ("TBD", "summer 2027", "Q3", "2027-W20", "FY2027"):
 * says how to write it in why and returns 1; else 0.
 */
static int
window_in_words(const char *s, size_t len, char *why)
{
	static const char *const unknown[] = {
		"tbd", "tba", "tbc", "unknown", "?", "??", "later", "soon",
		"someday", "n/a", "na", "none", "open", "unscheduled"
	};
	static const struct {
		const char *word;
		int quarter;
	} seasons[] = {
		{"spring", 2}, {"summer", 3}, {"autumn", 4}, {"fall", 4},
		{"winter", 1}
	};
	size_t i, n;

	if (WORD_AMONG(s, len, unknown)) {
		set_why(why, "not known yet? write the window it surely falls "
		    "in, ~ when it is about (YYYY, ~YYYY-H2)");
		return 1;
	}
	/* Q3, H2: no year. */
	if (is_part(s, len)) {
		set_why(why, "a %s needs its year: YYYY-%c%c",
		    (s[0] | 0x20) == 'q' ? "quarter" : "half", s[0] & ~0x20,
		    s[1]);
		return 1;
	}
	for (i = 0; i < sizeof(seasons) / sizeof(seasons[0]); i++) {
		n = strlen(seasons[i].word);
		if (len == n + 5 && word_is(s, n, seasons[i].word) &&
		    (s[n] == ' ' || s[n] == '-') && is_year(s + n + 1, 4)) {
			set_why(why, "a season is no window here: write its "
			    "months (start: and end:) or quarter, ~%.4s-Q%d",
			    s + n + 1, seasons[i].quarter);
			return 1;
		}
	}
	/* "next year", "sometime this spring": counted from a today the
	 * file does not keep. */
	for (i = 0; i < len; i += n + 1) {
		for (n = 0; i + n < len && s[i + n] != ' '; n++)
			;
		if (word_is(s + i, n, "next") || word_is(s + i, n, "this") ||
		    word_is(s + i, n, "last") || word_is(s + i, n, "coming")) {
			set_why(why, "'%.*s' counts from a day the file does "
			    "not keep: write the window meant (~YYYY, "
			    "YYYY-Q2)", n > 6 ? 6 : (int)n, s + i);
			return 1;
		}
		if (from_today(s + i, n, i == 0 && !(len > n &&
		    dated(s + n + 1, len - n - 1)))) {
			set_why(why, "it counts from today: write the window "
			    "meant (~YYYY, YYYY-Q2), or {after: ID, offset: "
			    "~1y}");
			return 1;
		}
	}
	/* FY2027, FY 2027: a fiscal year starts where its owner says. */
	if (len >= 6 && word_is(s, 2, "fy") && is_digit(s[len - 1])) {
		set_why(why, "a fiscal year is no window here: write its first "
		    "and last months as start: and end:");
		return 1;
	}
	return week_notation(s, len, why);
}

/* Whether the n bytes at s are a word said of a date ("around", "by",
 * "no earlier than"), with its brackets and commas left out. */
static int
word_of_a_date(const char *s, size_t n, int *approx)
{
	static const char *const about[] = {
		"around", "about", "circa", "c.", "ca.", "approx",
		"approx.", "approximately", "roughly", "tentative",
		"tentatively", "est.", "estimated", "expected", "maybe",
		"probably", "?", "tbc"
	};
	static const char *const bounds[] = {
		"before", "by", "until", "till", "after", "since", "from",
		"no", "not", "earlier", "later", "than", "net", "nlt", "or",
		"at", "the", "latest", "earliest", "sometime", "in", "on",
		"due", "eta", "target", "deadline", "planned"
	};

	if (WORD_AMONG(s, n, about))
		return *approx = 1;
	return WORD_AMONG(s, n, bounds);
}

/*
 * A date moved by an offset ("2026-02-26 + 1w"): says in why how an
 * offset is written, from a milestone, and returns 1; else 0.
 */
static int
date_plus_offset(const char *s, size_t len, char *why)
{
	struct tl_window w;
	struct tl_offset off;
	char other[TL_WHY_SIZE];
	const char *plus = memchr(s, '+', len);
	size_t a, b;

	if (plus == NULL)
		return 0;
	for (a = (size_t)(plus - s); a > 0 && s[a - 1] == ' '; a--)
		;
	for (b = (size_t)(plus - s) + 1; b < len && s[b] == ' '; b++)
		;
	if (a == 0 || b == len || parse_date(&w, s, a, other) < 0 ||
	    tl_offset_parse(&off, s + b, len - b, other) < 0)
		return 0;
	set_why(why, "an offset counts from a milestone: {after: ID, "
	    "offset: %.*s}; or write the date it gives", (int)(len - b),
	    s + b);
	return 1;
}

/*
 * An offset alone where a date goes ("3w", "~1y"): says that an offset
 * counts from a milestone and returns 1; else 0.
 */
static int
offset_alone(const char *s, size_t len, const char *tilde, char *why)
{
	struct tl_offset off;
	char other[TL_WHY_SIZE];

	if (tl_offset_parse(&off, s, len, other) < 0)
		return 0;
	set_why(why, "an offset counts from a milestone: {after: ID, "
	    "offset: %s%.*s}; or write the date it gives", tilde, (int)len, s);
	return 1;
}

/*
 * A date with words said of it ("by 2026-06", "around 2026-06",
 * "2026-06 (tentative)"): a date is the whole window it names, ~ when
 * it is about; says so in why and returns 1; else 0.
 */
static int
date_in_words(const char *s, size_t len, const char *tilde, char *why)
{
	struct tl_window w;
	char other[TL_WHY_SIZE];
	const char *at = NULL;
	size_t i, n, b, e, at_len = 0, words = 0;
	int approx = 0;

	for (i = 0; i < len; i += n + 1) {
		for (n = 0; i + n < len && s[i + n] != ' '; n++)
			;
		/* The word without its brackets and commas: [b, e). */
		b = i + (n > 1 && s[i] == '(');
		for (e = i + n; e > b + 1 && strchr("),:;", s[e - 1]); e--)
			;
		if (n == 0)
			return 0;
		words++;
		if (at == NULL && e - b <= 11 && parse_date(&w, s + b, e - b,
		    other) == 0) {
			at = s + b;
			at_len = e - b;
		} else if (!word_of_a_date(s + b, e - b, &approx)) {
			return 0;
		}
	}
	if (at == NULL || words < 2)
		return 0;
	if (approx && at[0] != '~' && tilde[0] == '\0')
		set_why(why, "did you mean '~%.*s'? (~ marks a date as about)",
		    (int)at_len, at);
	else
		set_why(why, "a date is the whole window it names: write "
		    "'%s%.*s', and the rest in the description", tilde,
		    (int)at_len, at);
	return 1;
}

/*
 * Copies text into buf (size bytes) without the suffixes of its ordinal
 * numbers ("1st May 2026" gives "1 May 2026"); returns the length, or 0
 * when there is none or buf is too small.
 */
static size_t
without_ordinals(const char *text, size_t len, char *buf, size_t size)
{
	size_t i, n = 0;
	int cut = 0;

	for (i = 0; i < len; i++) {
		if (n + 1 >= size)
			return 0;
		buf[n++] = text[i];
		if (is_digit(text[i]) && i + 3 <= len &&
		    (word_is(text + i + 1, 2, "st") ||
		    word_is(text + i + 1, 2, "nd") ||
		    word_is(text + i + 1, 2, "rd") ||
		    word_is(text + i + 1, 2, "th")) &&
		    (i + 3 == len || !is_alnum(text[i + 3]))) {
			i += 2;
			cut = 1;
		}
	}
	buf[n] = '\0';
	return cut ? n : 0;
}

/*
 * A date of two or three fields written another way ("May 2026",
 * "1 May 2026", "2026/05/01", "05/2026", "01.05.2026"): says how to
 * write it in why and returns 1; else 0.
 */
static int
fields_notation(const char *text, size_t len, const char *tilde, char *why)
{
	struct fields f;
	int m;

	if (split_fields(text, len, &f) < 0 || f.n < 2)
		return 0;
	/* May 2026, Sep. 2026, 2026-May */
	if (f.n == 2 && ((!f.digits[0] && f.digits[1] && f.len[1] == 4 &&
	    (m = month_named(f.at[0], f.len[0])) > 0) || (f.digits[0] &&
	    f.len[0] == 4 && !f.digits[1] &&
	    (m = month_named(f.at[1], f.len[1])) > 0))) {
		set_why(why, "did you mean '%s%.4s-%02d'?", tilde,
		    f.digits[0] ? f.at[0] : f.at[1], m);
		return 1;
	}
	/* 1 May 2026, May 1, 2026, 2026 May 1 */
	if (f.n == 3 && named_day(&f, tilde, why))
		return 1;
	if (f.n < 2 || !f.digits[0] || !f.digits[1] ||
	    (f.n == 3 && !f.digits[2]))
		return 0;
	/* 2026/05/01, 2026.05; a date meant is suggested only when it is
	 * one (not 2026.13) */
	if (f.len[0] == 4 && f.sep[0] != '-' && f.len[1] <= 2 &&
	    (f.n == 2 || f.len[2] <= 2)) {
		m = field_number(&f, 1);
		if (field_number(&f, 0) < 1 || (f.n == 2 ? m < 1 || m > 12 :
		    !valid_ymd(f.at[0], f.at[1], f.len[1], f.at[2], f.len[2])))
			set_why(why, "dates are written YYYY-MM-DD, with "
			    "hyphens");
		else if (f.n == 2)
			set_why(why, "did you mean '%s%.4s-%02d'?", tilde,
			    f.at[0], field_number(&f, 1));
		else
			set_why(why, "did you mean '%s%.4s-%02d-%02d'?", tilde,
			    f.at[0], field_number(&f, 1), field_number(&f, 2));
		return 1;
	}
	/* 05/2026, 05.2026: a month, year last */
	if (f.n == 2 && f.len[0] <= 2 && f.len[1] == 4) {
		m = field_number(&f, 0);
		if (m >= 1 && m <= 12)
			set_why(why, "dates are written YYYY-MM, year first "
			    "(did you mean '%s%.4s-%02d'?)", tilde, f.at[1], m);
		else
			set_why(why, "dates are written YYYY-MM, year first");
		return 1;
	}
	/* 01.05.2026 (day first), 05/01/2026 (either way; one way only
	 * when one of the two cannot be a month) */
	if (f.n == 3 && f.len[0] <= 2 && f.len[1] <= 2 && f.len[2] == 4)
		return day_month_year(&f, tilde, why);
	return 0;
}

/*
 * When text is a number of 9 to 13 digits alone, the seconds (or, of 13
 * digits, the milliseconds) since 1970 that some libraries write for a
 * date (Symfony's YAML, JavaScript's Date): says which day it is in
 * why, and returns 1; else 0.
 */
static int
unix_time(const char *text, size_t len, char *why)
{
	long long t = 0;
	int32_t day;
	int y, m, d;
	size_t i;

	if (len < 9 || len > 13)
		return 0;
	for (i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return 0;
		t = t * 10 + (text[i] - '0');
	}
	if (len == 13)
		t /= 1000;
	day = (int32_t)(t / 86400) + tl_day_from_ymd(1970, 1, 1);
	tl_day_to_ymd(day, &y, &m, &d);
	if (y > 9999)
		return 0;
	set_why(why, "it looks like a Unix time%s of %04d-%02d-%02d (UTC): "
	    "write the day, %04d-%02d-%02d", len == 13 ? " in ms" : "", y, m,
	    d, y, m, d);
	return 1;
}

/* Whether the time of a timestamp, s (len bytes), is 00:00, with no
 * seconds or none but zeros. */
static int
midnight(const char *s, size_t len)
{
	size_t i = 5;

	if (len < 5 || memcmp(s, "00:00", 5) != 0)
		return 0;
	if (i + 3 <= len && memcmp(s + i, ":00", 3) == 0)
		i += 3;
	if (i < len && (s[i] == '.' || s[i] == ','))
		for (i++; i < len && s[i] == '0'; i++)
			continue;
	return i == len || s[i] == 'Z' || s[i] == 'z' || s[i] == '+' ||
	    s[i] == '-' || s[i] == ' ';
}

/*
 * When text is a date written another way ("May 2026", "Q3 2026",
 * "01.05.2026", "2026/05/01", "2026-05-01T10:00"), says how to write it
 * in why and returns 1; else 0.
 */
static int
other_notation(const char *text, size_t len, char *why)
{
	const char *tilde = "";
	char plain[64];
	size_t plen;

	if (len > 0 && text[0] == '~') {
		tilde = "~";
		text++;
		len--;
	}
	if (is_timestamp(text, len)) {
		char zone[16];

		timestamp_zone(text + 16, len - 16, zone, sizeof(zone));
		/* 2026-02-30T10:00 and 24:00 are no instants to split. */
		if (!valid_ymd(text, text + 5, 2, text + 8, 2) ||
		    (text[11] - '0') * 10 + (text[12] - '0') > 23 ||
		    (text[14] - '0') * 10 + (text[15] - '0') > 59)
			set_why(why, "no such day or time: write date: "
			    "YYYY-MM-DD and time: \"HH:MM\", apart");
		else if (strcmp(zone, "UTC") == 0 &&
		    midnight(text + 11, len - 11))
			/* How YAML libraries (js-yaml, SnakeYAML) write a
			 * day they read as a date: its midnight in UTC. */
			set_why(why, "write the day as date: %.10s (libraries "
			    "write a day as its UTC midnight)", text);
		else if (zone[0] != '\0')
			set_why(why, "write the day as date: %.10s and the "
			    "time as time: \"%.5s\" with timezone: %s", text,
			    text + 11, zone);
		else
			set_why(why, "write the day as date: %.10s and the "
			    "time as time: \"%.5s\" with a timezone: (an "
			    "IANA name)", text, text + 11);
		return 1;
	}
	if (quarter_notation(text, len, tilde, why) ||
	    part_in_words(text, len, tilde, why) ||
	    window_in_words(text, len, why) ||
	    date_plus_offset(text, len, why) ||
	    offset_alone(text, len, tilde, why))
		return 1;
	/* 1st May 2026, May 1st, 2026: read without the suffixes (a
	 * part of a year in words keeps them: '3rd quarter'). */
	if ((plen = without_ordinals(text, len, plain + 1,
	    sizeof(plain) - 1)) > 0) {
		plain[0] = '~';
		return tilde[0] != '\0' ? other_notation(plain, plen + 1, why) :
		    other_notation(plain + 1, plen, why);
	}
	/* 20260501, ISO 8601's basic form */
	if (len == 8 && looks_like(text, "dddddddd")) {
		if (valid_ymd(text, text + 4, 2, text + 6, 2) == 0)
			set_why(why, "dates are written YYYY-MM-DD, with "
			    "hyphens");
		else
			set_why(why, "did you mean '%s%.4s-%.2s-%.2s'?", tilde,
			    text, text + 4, text + 6);
		return 1;
	}
	return fields_notation(text, len, tilde, why) ||
	    date_in_words(text, len, tilde, why);
}

/*
 * When text holds a dash that is not '-' or a character that cannot be
 * seen ("2026\u201305", "2026-Q3\u200b"), names it in why, with the date
 * meant when that is one, and returns 1; else 0.
 */
static int
foreign_characters(const char *text, size_t len, char *why)
{
	struct tl_window w;
	char folded[64], odd[64], other[TL_WHY_SIZE];
	size_t flen;
	uint32_t first;

	flen = tl_utf8_fold(folded, sizeof(folded), text, len, &first);
	if (first == 0 || flen >= sizeof(folded))
		return 0;
	tl_utf8_describe(odd, sizeof(odd), first);
	if (parse_date(&w, folded, flen, other) == 0) {
		set_why(why, "%s (did you mean '%s'?)", odd, folded);
	} else {
		/* What is wrong besides, as if the dash were '-'. */
		(void)other_notation(folded, flen, other);
		set_why(why, "%s; %s", odd, other);
	}
	/* Cut, it would leave a quotation open: the character alone. */
	if (strlen(why) + 1 >= TL_WHY_SIZE)
		set_why(why, "%s", odd);
	return 1;
}

int
tl_date_parse(struct tl_window *out, const char *text, size_t len,
    char why[TL_WHY_SIZE])
{
	int error = parse_date(out, text, len, why);
	size_t i;

	if (error < 0 && text != NULL) {
		/* Past ASCII, a look for dashes and invisible characters. */
		for (i = 0; i < len && (unsigned char)text[i] < 0x80; i++)
			continue;
		if (i == len || !foreign_characters(text, len, why))
			(void)other_notation(text, len, why);
	}
	return error;
}

static int
parse_date(struct tl_window *out, const char *text, size_t len,
    char why[TL_WHY_SIZE])
{
	struct tl_window w;
	size_t pos = 0, digits;
	int approx = 0, year, error;

	if (text == NULL)
		len = 0;
	if (len > 0 && text[0] == '~') {
		approx = 1;
		pos++;
		if (pos == len) {
			set_why(why, "a date must follow the ~");
			return TL_EINVAL;
		}
		if (text[pos] == '~') {
			set_why(why, "only one ~ is allowed");
			return TL_EINVAL;
		}
	}
	if (pos < len && (text[pos] == '+' || text[pos] == '-')) {
		set_why(why, "no sign is allowed before the year");
		return TL_EINVAL;
	}
	if (pos < len && is_space(text[pos])) {
		set_why(why, "no white space is allowed in a date");
		return TL_EINVAL;
	}
	digits = read_digits(text, len, &pos, &year);
	if (digits == 0) {
		set_why(why, "%s", date_forms);
		return TL_EINVAL;
	}
	if (digits != 4) {
		if (!unix_time(text, len, why))
			set_why(why, "the year must have four digits");
		return TL_EINVAL;
	}
	if (year == 0) {
		set_why(why, "year 0000 is before 0001");
		return TL_EINVAL;
	}

	if (pos == len) {
		months_window(&w, year, 1, 12, TL_PREC_YEAR);
	} else if (text[pos] != '-') {
		why_trailing(why, text, pos, "year", "a date");
		return TL_EINVAL;
	} else if (++pos == len) {
		set_why(why, "%s", date_forms);
		return TL_EINVAL;
	} else if (text[pos] != '\0' && strchr("QHqh", text[pos]) != NULL) {
		if ((error = parse_part(&w, year, text, len, pos, why)) < 0)
			return error;
	} else if (is_digit(text[pos])) {
		error = parse_month_day(&w, year, text, len, pos, why);
		if (error < 0)
			return error;
	} else if (is_space(text[pos])) {
		set_why(why, "no white space is allowed in a date");
		return TL_EINVAL;
	} else {
		set_why(why, "%s", date_forms);
		return TL_EINVAL;
	}
	w.flags = approx ? TL_WIN_APPROX : 0;
	*out = w;
	return 0;
}

int
tl_day_parse(int32_t *out, const char *text, size_t len,
    char why[TL_WHY_SIZE])
{
	struct tl_window w;
	int error;

	if (text != NULL && len > 0 && text[0] == '~') {
		set_why(why, "a day YYYY-MM-DD is expected here, without ~");
		return TL_EINVAL;
	}
	if (text != NULL && is_timestamp(text, len)) {
		set_why(why, "a day is expected here, without a time: write "
		    "%.10s", text);
		return TL_EINVAL;
	}
	if ((error = tl_date_parse(&w, text, len, why)) < 0) {
		/* Not a date at all, or a window in words: only a day
		 * would do here. */
		if (why != NULL && (strcmp(why, date_forms) == 0 ||
		    strncmp(why, "it counts from today", 20) == 0 ||
		    strncmp(why, "a date is the whole window", 26) == 0 ||
		    strncmp(why, "an offset counts", 16) == 0 ||
		    strstr(why, "(~ marks a date as about)") != NULL))
			set_why(why, "expected a day, YYYY-MM-DD");
		return error;
	}
	if (w.precision != TL_PREC_DAY) {
		set_why(why, "a day YYYY-MM-DD is expected here, not a %s",
		    w.precision == TL_PREC_MONTH ? "month" :
		    w.precision == TL_PREC_QUARTER ? "quarter" :
		    w.precision == TL_PREC_HALF ? "half year" : "year");
		return TL_EINVAL;
	}
	*out = w.start;
	return 0;
}

/*
 * The unit letter of the word at s ("weeks", "Month", "yrs", or one
 * letter after white space, as in "1 d"), white space before it
 * skipped; 0 when it is none.
 */
static char
unit_word(const char *s, size_t len)
{
	static const struct {
		const char *word;
		char unit;
	} words[] = {
		{"day", 'd'}, {"days", 'd'}, {"week", 'w'}, {"weeks", 'w'},
		{"wk", 'w'}, {"wks", 'w'}, {"month", 'm'}, {"months", 'm'},
		{"mo", 'm'}, {"mos", 'm'}, {"quarter", 'q'}, {"quarters", 'q'},
		{"year", 'y'}, {"years", 'y'}, {"yr", 'y'}, {"yrs", 'y'},
	};
	size_t i = 0, k;

	while (i < len && is_space(s[i]))
		i++;
	if (i > 0 && len - i == 1 && strchr("dwmqy", s[i]) != NULL)
		return s[i];
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (word_is(s + i, len - i, words[k].word))
			return words[k].unit;
	return 0;
}

/* Says in why what is wrong with c where an offset's unit stands. */
static void
why_unit(char *why, char c)
{
	char lower = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : '\0';

	if (is_space(c))
		set_why(why, "no white space is allowed in an offset");
	else if (c == '.' || c == ',')
		set_why(why, "the number must be whole, 0-9999");
	else if (lower != '\0' && strchr("dwmqy", lower) != NULL)
		set_why(why, "the unit must be lower case (%c)", lower);
	else if (is_printable(c))
		set_why(why, "unknown unit '%c': use d, w, m, q or y", c);
	else
		set_why(why, "%s", offset_form);
}

int
tl_offset_parse(struct tl_offset *out, const char *text, size_t len,
    char why[TL_WHY_SIZE])
{
	static const char units[] = "dwmqy";
	struct tl_offset off;
	const char *unit;
	size_t pos = 0, digits, zeros;
	int count;
	char u;

	if (text == NULL)
		len = 0;
	off.approximate = 0;
	if (len > 0 && text[0] == '~') {
		off.approximate = 1;
		pos++;
		if (pos < len && text[pos] == '~') {
			set_why(why, "only one ~ is allowed");
			return TL_EINVAL;
		}
	}
	if (pos < len && (text[pos] == '+' || text[pos] == '-')) {
		set_why(why, "no sign is allowed");
		return TL_EINVAL;
	}
	if (pos < len && is_space(text[pos])) {
		set_why(why, "no white space is allowed in an offset");
		return TL_EINVAL;
	}
	/* The number's value counts: 0010y is 10y, as 01d is 1d. */
	for (zeros = 0; pos < len && text[pos] == '0'; pos++)
		zeros++;
	digits = read_digits(text, len, &pos, &count);
	if (digits + zeros == 0) {
		set_why(why, "%s", offset_form);
		return TL_EINVAL;
	}
	if (digits > 4) {
		set_why(why, "the number must be 0-9999");
		return TL_EINVAL;
	}
	/* "3 weeks", "2months", "1 d": the unit as a word, or apart. */
	if (pos + 1 < len && (u = unit_word(text + pos, len - pos)) != 0) {
		/* "1 d": the unit's own letter, only set apart. */
		int apart = !is_alnum(text[len - 2]);

		set_why(why, "%sdid you mean '%s%d%c'?%s", apart ?
		    "no white space is allowed in an offset (" : "",
		    off.approximate ? "~" : "", count, u, apart ? ")" : "");
		return TL_EINVAL;
	}
	if (pos == len) {
		set_why(why, "the unit is missing: d, w, m, q or y");
		return TL_EINVAL;
	}
	unit = text[pos] != '\0' ? strchr(units, text[pos]) : NULL;
	if (unit == NULL) {
		why_unit(why, text[pos]);
		return TL_EINVAL;
	}
	pos++;
	if (pos < len) {
		why_trailing(why, text, pos, "unit", "an offset");
		return TL_EINVAL;
	}
	off.count = (uint16_t)count;
	off.unit = (uint8_t)(unit - units);
	*out = off;
	return 0;
}

size_t
tl_day_format(char *buf, size_t size, int32_t day)
{
	int y, m, d, n;

	if (buf != NULL && size > 0)
		buf[0] = '\0';
	if (day < TL_DAY_MIN || day > TL_DAY_MAX)
		return 0;
	if (buf == NULL || size < 11)
		return 10;	/* no part of a date, which would read as one */
	tl_day_to_ymd(day, &y, &m, &d);
	n = snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return n < 0 ? 0 : (size_t)n;
}

int
tl_window_range(struct tl_window *out, const struct tl_window *start,
    const struct tl_window *end, char why[TL_WHY_SIZE])
{
	struct tl_window w;

	if (end->end < start->start) {
		char s[32], e[32];

		tl_day_format(s, sizeof(s), start->start);
		tl_day_format(e, sizeof(e), end->end);
		set_why(why, "the end (%s) is before the start (%s)", e, s);
		return TL_EINVAL;
	}
	w.start = start->start;
	w.end = end->end;
	w.precision = TL_PREC_RANGE;
	w.start_precision = start->precision;
	w.end_precision = end->precision;
	w.flags = 0;
	if (start->flags & TL_WIN_APPROX)
		w.flags |= TL_WIN_START_APPROX;
	if (end->flags & TL_WIN_APPROX)
		w.flags |= TL_WIN_END_APPROX;
	if (w.flags != 0)
		w.flags |= TL_WIN_APPROX;
	*out = w;
	return 0;
}

/*
 * Moves day by count months (negative: back), keeping the day of the
 * month but no further than the target month's last day.  Returns 0, or
 * -1 or 1 when the result falls before year 0001 or after year 9999.
 */
static int
move_months(int32_t *day, int64_t months)
{
	int64_t index, year;
	int y, m, d, month, last;

	tl_day_to_ymd(*day, &y, &m, &d);
	index = (int64_t)y * 12 + (m - 1) + months;
	year = floor_div(index, 12);
	if (year < 1)
		return -1;
	if (year > 9999)
		return 1;
	month = (int)(index - year * 12) + 1;
	last = tl_days_in_month((int)year, month);
	*day = tl_day_from_ymd((int)year, month, d < last ? d : last);
	return 0;
}

int
tl_window_relative(struct tl_window *out, const struct tl_window *ref,
    const struct tl_offset *off, int before, char why[TL_WHY_SIZE])
{
	static const uint8_t unit_precision[] = {
		TL_PREC_DAY, TL_PREC_DAY, TL_PREC_MONTH, TL_PREC_QUARTER,
		TL_PREC_YEAR
	};
	static const int unit_months[] = { 0, 0, 1, 3, 12 };
	struct tl_window w;
	int64_t amount, moved;
	int32_t day = ref->start;
	int side = 0;
	unsigned prec, refprec;

	if (off->unit > TL_UNIT_YEAR) {
		set_why(why, "unknown offset unit");
		return TL_EINVAL;
	}
	if (ref->start < TL_DAY_MIN || ref->start > TL_DAY_MAX) {
		set_why(why, "the reference falls outside years 0001-9999");
		return TL_ERANGE;
	}
	amount = before ? -(int64_t)off->count : (int64_t)off->count;
	if (off->unit == TL_UNIT_DAY || off->unit == TL_UNIT_WEEK) {
		moved = day + amount * (off->unit == TL_UNIT_WEEK ? 7 : 1);
		if (moved < TL_DAY_MIN)
			side = -1;
		else if (moved > TL_DAY_MAX)
			side = 1;
		else
			day = (int32_t)moved;
	} else {
		side = move_months(&day, amount * unit_months[off->unit]);
	}
	if (side != 0) {
		set_why(why, "the moved day falls %s",
		    side < 0 ? "before 0001-01-01" : "after 9999-12-31");
		return TL_ERANGE;
	}

	/*
	 * The result is as coarse as the coarser of the reference and the
	 * unit, except that a year from a day or a month keeps the month:
	 * a year after 10 Dec 2025 is Dec 2026, not the whole of 2026.
	 */
	refprec = ref->precision == TL_PREC_RANGE ? ref->start_precision :
	    ref->precision;
	if (refprec >= TL_PREC_RANGE)
		refprec = TL_PREC_DAY;
	prec = unit_precision[off->unit];
	if (refprec > prec)
		prec = refprec;
	if (off->unit == TL_UNIT_YEAR && refprec <= TL_PREC_MONTH)
		prec = TL_PREC_MONTH;

	period_of(&w, day, (enum tl_precision)prec);
	w.flags = (ref->flags & TL_WIN_APPROX) || off->approximate ?
	    TL_WIN_APPROX : 0;
	*out = w;
	return 0;
}

/* Room for a range in words: two periods and a dash. */
#define RANGE_WORDS_SIZE (2 * 48 + 8)

/*
 * Writes into buf the words for the period of precision prec holding
 * day: "10 Dec 2025", "Dec", "Q3 2026", "2026".  Returns its length.
 */
static size_t
period_words(char buf[48], int32_t day, unsigned prec, int approx,
    int with_year)
{
	const size_t size = 48;
	const char *tilde = approx ? "~" : "";
	int y, m, d, n;

	tl_day_to_ymd(day, &y, &m, &d);
	switch (prec) {
	case TL_PREC_MONTH:
		n = snprintf(buf, size, "%s%s", tilde, month_abbrs[m - 1]);
		break;
	case TL_PREC_QUARTER:
		n = snprintf(buf, size, "%sQ%d", tilde, (m - 1) / 3 + 1);
		break;
	case TL_PREC_HALF:
		n = snprintf(buf, size, "%sH%d", tilde, (m - 1) / 6 + 1);
		break;
	case TL_PREC_YEAR:
		/* A year is always named by its number. */
		n = snprintf(buf, size, "%s%04d", tilde, y);
		with_year = 0;
		break;
	default:
		n = snprintf(buf, size, "%s%d %s", tilde, d,
		    month_abbrs[m - 1]);
		break;
	}
	if (n < 0)
		n = 0;
	if (with_year && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " %04d", y);
	return (size_t)n < size ? (size_t)n : size - 1;
}

/*
 * Writes into buf the words for a range: each end with its year, or
 * shorter when both ends fall in one month ("20–25 Jul 2026") or one
 * year ("Mar – May 2026", "20 Jul – 5 Aug 2026"), and once when both ends
 * are the same period ("3 May 2027").  An end written as a whole year
 * keeps the long form ("2026 – Q3 2026").  Returns its length.
 */
static size_t
range_words(char buf[RANGE_WORDS_SIZE], const struct tl_window *w)
{
	static const char dash[] = " \xe2\x80\x93 ";	/* U+2013 EN DASH */
	char a[48], b[48];
	int sy, sm, sd, ey, em, ed, n;
	int sa = (w->flags & TL_WIN_START_APPROX) != 0;
	int ea = (w->flags & TL_WIN_END_APPROX) != 0;
	int one_year;
	size_t la, lb;

	tl_day_to_ymd(w->start, &sy, &sm, &sd);
	tl_day_to_ymd(w->end, &ey, &em, &ed);
	one_year = sy == ey && w->start_precision != TL_PREC_YEAR &&
	    w->end_precision != TL_PREC_YEAR;
	if (one_year && w->start_precision == TL_PREC_DAY &&
	    w->end_precision == TL_PREC_DAY && sm == em && sd != ed) {
		n = snprintf(buf, RANGE_WORDS_SIZE, "%s%d\xe2\x80\x93%s%d %s "
		    "%04d", sa ? "~" : "", sd, ea ? "~" : "", ed,
		    month_abbrs[sm - 1], sy);
		return n < 0 ? 0 : (size_t)n;
	}
	la = period_words(a, w->start, w->start_precision, sa, !one_year);
	lb = period_words(b, w->end, w->end_precision, ea, 1);
	if (w->start_precision == w->end_precision && sa == ea &&
	    period_words(buf, w->end, w->end_precision, ea, !one_year) == la &&
	    memcmp(buf, a, la) == 0) {
		/* From Mar 2026 to Mar 2026: one period. */
		memcpy(buf, b, lb + 1);
		return lb;
	}
	memcpy(buf, a, la);
	memcpy(buf + la, dash, sizeof(dash) - 1);
	memcpy(buf + la + sizeof(dash) - 1, b, lb + 1);
	return la + sizeof(dash) - 1 + lb;
}

size_t
tl_window_words(char *buf, size_t size, const struct tl_window *w,
    int with_year)
{
	char words[RANGE_WORDS_SIZE];
	size_t len, cut;

	if (w->precision == TL_PREC_RANGE)
		len = range_words(words, w);
	else
		len = period_words(words, w->start, w->precision,
		    (w->flags & TL_WIN_APPROX) != 0, with_year);

	/* Cut to fit, but never inside a UTF-8 sequence. */
	if (buf != NULL && size > 0) {
		cut = len < size ? len : size - 1;
		while (cut > 0 && cut < len &&
		    ((unsigned char)words[cut] & 0xc0) == 0x80)
			cut--;
		memcpy(buf, words, cut);
		buf[cut] = '\0';
	}
	return len;
}
