/*
 * Checks of the properties every run must have, shared by the fuzz
 * targets and the replay driver.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "utf8.h"
#include "width.h"

/* Deeper JSON than this is not what the exporter writes. */
#define JSON_MAX_DEPTH 16

/* Octets of an iCalendar content line before its CRLF (RFC 5545, 3.1). */
#define ICS_LINE_OCTETS 75

/* BEGIN and END lines nest no deeper than VCALENDAR/VTIMEZONE/DAYLIGHT. */
#define ICS_MAX_DEPTH 8

void
fuzz_fail(const char *what, const char *detail, size_t len)
{
	size_t i;

	fprintf(stderr, "fuzz: broken property: %s\n", what);
	if (detail != NULL) {
		fputs("fuzz: at: ", stderr);
		for (i = 0; i < len && i < 400; i++) {
			unsigned char c = (unsigned char)detail[i];
			if (c >= 0x20 && c < 0x7f && c != '\\')
				putc(c, stderr);
			else
				fprintf(stderr, "\\x%02x", c);
		}
		putc('\n', stderr);
	}
	abort();
}

/*
 * Fails unless len bytes at s are valid UTF-8 holding no control
 * character (SPEC section 1); 'allowed' lists ASCII controls let
 * through.
 */
static void
check_clean(const char *what, const char *s, size_t len, const char *allowed)
{
	size_t i, n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID)
			fuzz_fail(what, s, len);
		if (cp != 0 && cp < 0x80 && allowed != NULL &&
		    strchr(allowed, (int)cp) != NULL)
			continue;
		if (tl_is_control(cp))
			fuzz_fail(what, s, len);
	}
}

void
fuzz_check_diags(const struct tl_diags *diags)
{
	char line[8192];
	size_t i, n = tl_diags_count(diags), errors = 0, warnings = 0, len;
	const struct tl_diag *d;
	const char *c;

	for (i = 0; i < n; i++) {
		d = tl_diags_get(diags, i);
		if (d->level == TL_LEVEL_ERROR)
			errors++;
		else if (d->level == TL_LEVEL_WARNING)
			warnings++;
		else
			fuzz_fail("diagnostic level", NULL, 0);
		if (d->code == NULL || d->code[0] == '\0')
			fuzz_fail("diagnostic without a code", NULL, 0);
		for (c = d->code; *c != '\0'; c++)
			if (!((*c >= 'a' && *c <= 'z') || *c == '-'))
				fuzz_fail("diagnostic code", d->code,
				    strlen(d->code));
		if ((d->line == 0) != (d->col == 0))
			fuzz_fail("diagnostic position: line and column must "
			    "both be 0 or both 1-based", d->message,
			    d->message ? strlen(d->message) : 0);
		if (d->message == NULL || d->message[0] == '\0')
			fuzz_fail("diagnostic without a message", NULL, 0);
		check_clean("diagnostic message holds a raw control "
		    "character or invalid UTF-8", d->message,
		    strlen(d->message), NULL);
		len = tl_diag_format(line, sizeof(line), d);
		if (len < sizeof(line))
			check_clean("formatted diagnostic holds a raw control "
			    "character or invalid UTF-8", line, len, NULL);
	}
	if (errors != tl_diags_errors(diags) ||
	    warnings != tl_diags_warnings(diags))
		fuzz_fail("diagnostic counts", NULL, 0);
}

char *
fuzz_format_diags(const struct tl_diags *diags, size_t *len)
{
	char line[8192], *buf = NULL;
	size_t i;
	FILE *fp;

	if ((fp = open_memstream(&buf, len)) == NULL)
		return NULL;
	for (i = 0; i < tl_diags_count(diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		fprintf(fp, "%s\n", line);
	}
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void
check_window(const struct tl_window *w)
{
	if (w->start < TL_DAY_MIN || w->end > TL_DAY_MAX || w->start > w->end)
		fuzz_fail("window outside 0001-9999 or ending before it "
		    "starts", NULL, 0);
	if (w->precision > TL_PREC_RANGE || w->start_precision > TL_PREC_YEAR ||
	    w->end_precision > TL_PREC_YEAR)
		fuzz_fail("window precision", NULL, 0);
}

/* The order of SPEC section 4; the order is total. */
static int
order(const struct tl_milestone *a, const struct tl_milestone *b)
{
	const struct tl_window *wa = tl_milestone_window(a);
	const struct tl_window *wb = tl_milestone_window(b);
	int c;

	if (wa->start != wb->start)
		return wa->start < wb->start ? -1 : 1;
	if (wa->end != wb->end)
		return wa->end < wb->end ? -1 : 1;
	if ((c = strcmp(tl_milestone_timeline(a)->name,
	    tl_milestone_timeline(b)->name)) != 0)
		return c;
	return strcmp(tl_milestone_id(a), tl_milestone_id(b));
}

/* True for a reference as written: "id" or "timeline/id". */
static int
is_reference(const char *s)
{
	size_t slashes = 0;

	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == '/')
			slashes++;
		else if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	}
	return slashes <= 1;
}

static int
same_window(const struct tl_window *a, const struct tl_window *b)
{
	return a->start == b->start && a->end == b->end &&
	    a->precision == b->precision && a->flags == b->flags;
}

/*
 * The date as written names the window: a plain date parses to it, a
 * range's ends join into it, a relative date is a reference and an
 * offset.
 */
static void
check_date_text(const struct tl_milestone *m)
{
	const struct tl_window *w = tl_milestone_window(m);
	const char *date = tl_milestone_date(m), *end = tl_milestone_end(m);
	const char *id = tl_milestone_id(m);
	struct tl_window a, b, joined;
	struct tl_offset off;
	char why[TL_WHY_SIZE];

	switch (tl_milestone_date_kind(m)) {
	case TL_DATE_PLAIN:
		if (end != NULL || tl_date_parse(&a, date, strlen(date),
		    why) < 0 || !same_window(&a, w))
			fuzz_fail("a plain date's text does not give its window",
			    id, strlen(id));
		break;
	case TL_DATE_RANGE:
		if (end == NULL || tl_date_parse(&a, date, strlen(date),
		    why) < 0 || tl_date_parse(&b, end, strlen(end), why) < 0 ||
		    tl_window_range(&joined, &a, &b, why) < 0 ||
		    !same_window(&joined, w))
			fuzz_fail("a range's texts do not give its window", id,
			    strlen(id));
		break;
	case TL_DATE_RELATIVE:
		if (!is_reference(date) || end == NULL ||
		    tl_offset_parse(&off, end, strlen(end), why) < 0)
			fuzz_fail("a relative date's texts are not a reference "
			    "and an offset", id, strlen(id));
		break;
	default:
		fuzz_fail("unknown date kind", id, strlen(id));
	}
}

/* A milestone's tags and links: as many as counted, walked or not. */
static void
check_list(const struct tl_milestone *m, const char *id)
{
	struct tl_list it;
	const char *t, *last = NULL;
	size_t n;

	for (n = 0, tl_milestone_tags(m, &it); (t = tl_list_next(&it)) != NULL;
	    n++)
		last = t;
	if (n != tl_milestone_tag_count(m) ||
	    (n > 0 && tl_milestone_tag(m, n - 1) != last))
		fuzz_fail("the tags walked are not the tags counted", id,
		    strlen(id));
	for (n = 0, tl_milestone_links(m, &it);
	    (t = tl_list_next(&it)) != NULL; n++)
		last = t;
	if (n != tl_milestone_link_count(m) ||
	    (n > 0 && tl_milestone_link(m, n - 1) != last))
		fuzz_fail("the links walked are not the links counted", id,
		    strlen(id));
}

void
fuzz_check_set(const struct tl_set *set)
{
	const struct tl_milestone *m, *prev = NULL;
	struct tl_history h;
	size_t i, j, n = tl_set_count(set);
	const char *id;
	int time;

	for (i = 0; i < n; i++) {
		m = tl_set_milestone(set, i);
		if (m == NULL || tl_milestone_timeline(m) == NULL ||
		    tl_milestone_timeline(m)->name == NULL ||
		    (id = tl_milestone_id(m)) == NULL ||
		    tl_milestone_title(m) == NULL ||
		    tl_milestone_date(m) == NULL)
			fuzz_fail("milestone with a NULL field after resolving",
			    NULL, 0);
		check_window(tl_milestone_window(m));
		check_date_text(m);
		for (j = 0; j < tl_milestone_history_count(m); j++) {
			tl_milestone_history(m, j, &h);
			if (h.date == NULL)
				fuzz_fail("history entry without its date", id,
				    strlen(id));
			check_window(&h.window);
		}
		check_list(m, id);
		time = tl_milestone_time(m);
		if (time >= 24 * 60 || time < -1 ||
		    (time >= 0 && tl_milestone_timezone(m) == NULL))
			fuzz_fail("time of day", id, strlen(id));
		/*
		 * Two milestones compare equal only when they share timeline
		 * name and id, which happens only in a set with errors (a
		 * duplicate timeline); the order must still not go back.
		 */
		if (prev != NULL && order(prev, m) > 0)
			fuzz_fail("milestones out of order", id, strlen(id));
		prev = m;
	}
}

/* A small strict JSON reader (RFC 8259), enough to validate. */
struct json {
	const char *s;
	size_t len, at;
};

static void
json_fail(const struct json *j, const char *what)
{
	size_t from = j->at > 40 ? j->at - 40 : 0;
	size_t to = j->at + 40 < j->len ? j->at + 40 : j->len;

	fuzz_fail(what, j->s + from, to - from);
}

static void
json_space(struct json *j)
{
	while (j->at < j->len && (j->s[j->at] == ' ' || j->s[j->at] == '\t' ||
	    j->s[j->at] == '\n' || j->s[j->at] == '\r'))
		j->at++;
}

static int
json_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static void
json_string(struct json *j)
{
	size_t n, k;
	uint32_t cp;

	j->at++;	/* the opening quote */
	while (j->at < j->len) {
		char c = j->s[j->at];
		if (c == '"') {
			j->at++;
			return;
		}
		if (c == '\\') {
			if (j->at + 1 >= j->len)
				json_fail(j, "JSON: cut escape");
			c = j->s[j->at + 1];
			if (c == 'u') {
				for (k = 2; k < 6; k++)
					if (j->at + k >= j->len ||
					    !json_hex(j->s[j->at + k]))
						json_fail(j, "JSON: bad \\u");
				j->at += 6;
			} else if (strchr("\"\\/bfnrt", c) != NULL && c != '\0') {
				j->at += 2;
			} else {
				json_fail(j, "JSON: bad escape");
			}
			continue;
		}
		n = tl_utf8_decode(j->s + j->at, j->len - j->at, &cp);
		if (cp == TL_UTF8_INVALID)
			json_fail(j, "JSON: invalid UTF-8 in a string");
		/*
		 * JSON forbids raw U+0000-U+001F; the exporter also escapes
		 * U+2028 and U+2029 (line ends to JavaScript) and every other
		 * control character of SPEC section 1.
		 */
		if (tl_is_control(cp))
			json_fail(j, "JSON: raw control character, U+2028 or "
			    "U+2029 in a string");
		j->at += n;
	}
	json_fail(j, "JSON: unterminated string");
}

static void
json_number(struct json *j)
{
	size_t start = j->at, digits;

	if (j->s[j->at] == '-')
		j->at++;
	for (digits = 0; j->at < j->len && j->s[j->at] >= '0' &&
	    j->s[j->at] <= '9'; digits++)
		j->at++;
	if (digits == 0 || (digits > 1 && j->s[start + (j->s[start] == '-')] ==
	    '0'))
		json_fail(j, "JSON: bad number");
	if (j->at < j->len && j->s[j->at] == '.') {
		j->at++;
		for (digits = 0; j->at < j->len && j->s[j->at] >= '0' &&
		    j->s[j->at] <= '9'; digits++)
			j->at++;
		if (digits == 0)
			json_fail(j, "JSON: bad fraction");
	}
	if (j->at < j->len && (j->s[j->at] == 'e' || j->s[j->at] == 'E')) {
		j->at++;
		if (j->at < j->len && (j->s[j->at] == '+' || j->s[j->at] == '-'))
			j->at++;
		for (digits = 0; j->at < j->len && j->s[j->at] >= '0' &&
		    j->s[j->at] <= '9'; digits++)
			j->at++;
		if (digits == 0)
			json_fail(j, "JSON: bad exponent");
	}
}

static void
json_word(struct json *j, const char *word)
{
	size_t n = strlen(word);

	if (j->len - j->at < n || memcmp(j->s + j->at, word, n) != 0)
		json_fail(j, "JSON: unexpected text");
	j->at += n;
}

static void
json_value(struct json *j, int depth)
{
	char c, close;

	if (depth > JSON_MAX_DEPTH)
		json_fail(j, "JSON: nested too deep");
	json_space(j);
	if (j->at >= j->len)
		json_fail(j, "JSON: a value is missing");
	c = j->s[j->at];
	if (c == '{' || c == '[') {
		close = c == '{' ? '}' : ']';
		j->at++;
		json_space(j);
		if (j->at < j->len && j->s[j->at] == close) {
			j->at++;
			return;
		}
		for (;;) {
			if (c == '{') {
				json_space(j);
				if (j->at >= j->len || j->s[j->at] != '"')
					json_fail(j, "JSON: a key must be a "
					    "string");
				json_string(j);
				json_space(j);
				if (j->at >= j->len || j->s[j->at] != ':')
					json_fail(j, "JSON: ':' expected");
				j->at++;
			}
			json_value(j, depth + 1);
			json_space(j);
			if (j->at >= j->len)
				json_fail(j, "JSON: unclosed container");
			if (j->s[j->at] == close) {
				j->at++;
				return;
			}
			if (j->s[j->at] != ',')
				json_fail(j, "JSON: ',' expected");
			j->at++;
		}
	}
	if (c == '"')
		json_string(j);
	else if (c == '-' || (c >= '0' && c <= '9'))
		json_number(j);
	else if (c == 't')
		json_word(j, "true");
	else if (c == 'f')
		json_word(j, "false");
	else if (c == 'n')
		json_word(j, "null");
	else
		json_fail(j, "JSON: unexpected character");
}

void
fuzz_check_json(const char *text, size_t len)
{
	struct json j = { text, len, 0 };

	json_space(&j);
	if (j.at >= len || text[j.at] != '{')
		json_fail(&j, "JSON: the export must be an object");
	json_value(&j, 0);
	json_space(&j);
	if (j.at != len)
		json_fail(&j, "JSON: text after the value");
	if (len == 0 || text[len - 1] != '\n')
		json_fail(&j, "JSON: the export must end with a newline");
}

/* True when the line (after spaces and SGR) starts with a URL scheme. */
static int
is_link_line(const char *s, size_t len)
{
	size_t i = 0;

	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i + 1 < len && s[i] == '\033' && s[i + 1] == '[') {
			for (i += 2; i < len && s[i] != 'm'; i++)
				;
			i++;
			continue;
		}
		break;
	}
	return i + 4 <= len && (s[i] == 'h' || s[i] == 'H') &&
	    (s[i + 1] == 't' || s[i + 1] == 'T') &&
	    (s[i + 2] == 't' || s[i + 2] == 'T') &&
	    (s[i + 3] == 'p' || s[i + 3] == 'P');
}

void
fuzz_check_text(const char *text, size_t len, unsigned width, int color,
    int long_format)
{
	size_t i = 0, n, line = 0, cols = 0;
	uint32_t cp;

	if (len == 0 || text[len - 1] != '\n')
		fuzz_fail("text: the output must end with a newline", text, len);
	while (i < len) {
		if (text[i] == '\033') {
			/* Only SGR, and only in colour: ESC [ digits ; m. */
			if (!color || i + 1 >= len || text[i + 1] != '[')
				fuzz_fail("text: raw ESC", text + line,
				    len - line);
			for (n = i + 2; n < len && ((text[n] >= '0' &&
			    text[n] <= '9') || text[n] == ';'); n++)
				;
			if (n >= len || text[n] != 'm')
				fuzz_fail("text: escape sequence other than "
				    "SGR", text + line, len - line);
			i = n + 1;
			continue;
		}
		n = tl_utf8_decode(text + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID)
			fuzz_fail("text: invalid UTF-8", text + line, len - line);
		if (cp == '\n') {
			if (cols > width && !(long_format &&
			    is_link_line(text + line, i - line)))
				fuzz_fail("text: a line wider than the width",
				    text + line, i - line);
			i += n;
			line = i;
			cols = 0;
			continue;
		}
		if (tl_is_control(cp))
			fuzz_fail("text: raw control character", text + line,
			    len - line);
		cols += (size_t)tl_width_cp(cp);
		i += n;
	}
}

/* Checks a TEXT value's escapes; separators lists what may stand bare. */
static void
check_ics_text(const char *v, size_t len, const char *separators)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (v[i] == '\\') {
			if (i + 1 >= len || strchr("\\;,nN", v[i + 1]) == NULL ||
			    v[i + 1] == '\0')
				fuzz_fail("iCalendar: bad escape in a TEXT value",
				    v, len);
			i++;
		} else if ((v[i] == ';' || v[i] == ',') &&
		    strchr(separators, v[i]) == NULL) {
			fuzz_fail("iCalendar: bare ';' or ',' in a TEXT value",
			    v, len);
		}
	}
}

/* Checks one unfolded content line; tracks BEGIN/END. */
static void
check_ics_line(const char *s, size_t len, char stack[][32], size_t *depth,
    size_t *events, int *ended)
{
	size_t name_len, i, vstart;
	int quoted = 0;
	const char *v;

	if (*ended)
		fuzz_fail("iCalendar: a line after END:VCALENDAR", s, len);
	for (name_len = 0; name_len < len && ((s[name_len] >= 'A' &&
	    s[name_len] <= 'Z') || (s[name_len] >= '0' && s[name_len] <= '9') ||
	    s[name_len] == '-'); name_len++)
		;
	if (name_len == 0 || name_len == len ||
	    (s[name_len] != ':' && s[name_len] != ';'))
		fuzz_fail("iCalendar: a content line needs NAME:VALUE", s, len);
	for (i = name_len; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ':' && !quoted)
			break;
	}
	if (i == len)
		fuzz_fail("iCalendar: no ':' after the parameters", s, len);
	vstart = i + 1;
	v = s + vstart;

#define IS(name) (name_len == strlen(name) && memcmp(s, name, name_len) == 0)
	if (IS("BEGIN")) {
		if (len - vstart == 0 || len - vstart >= 32 ||
		    *depth >= ICS_MAX_DEPTH)
			fuzz_fail("iCalendar: BEGIN", s, len);
		if (*depth == 0 && (len - vstart != 9 ||
		    memcmp(v, "VCALENDAR", 9) != 0))
			fuzz_fail("iCalendar: the first component must be a "
			    "VCALENDAR", s, len);
		memcpy(stack[*depth], v, len - vstart);
		stack[*depth][len - vstart] = '\0';
		(*depth)++;
		if (len - vstart == 6 && memcmp(v, "VEVENT", 6) == 0)
			(*events)++;
	} else if (IS("END")) {
		if (*depth == 0 || strlen(stack[*depth - 1]) != len - vstart ||
		    memcmp(stack[*depth - 1], v, len - vstart) != 0)
			fuzz_fail("iCalendar: END does not match BEGIN", s, len);
		if (--*depth == 0)
			*ended = 1;
	} else if (*depth == 0) {
		fuzz_fail("iCalendar: a property outside VCALENDAR", s, len);
	} else if (IS("SUMMARY") || IS("DESCRIPTION") || IS("LOCATION") ||
	    IS("NAME") || IS("X-WR-CALNAME") || IS("X-WR-CALDESC") ||
	    IS("X-TIMELINE-DATE") || IS("UID")) {
		check_ics_text(v, len - vstart, "");
	} else if (IS("CATEGORIES")) {
		check_ics_text(v, len - vstart, ",");
	}
#undef IS
}

void
fuzz_check_ics(const char *text, size_t len, size_t nevents)
{
	char stack[ICS_MAX_DEPTH][32];
	char *logical;
	size_t i = 0, eol, n, llen = 0, depth = 0, events = 0;
	int ended = 0;

	if ((logical = malloc(len + 1)) == NULL)
		fuzz_fail("out of memory in the checker", NULL, 0);
	while (i < len) {
		/* One physical line, up to its CRLF. */
		for (eol = i; eol < len && text[eol] != '\r' &&
		    text[eol] != '\n'; eol++)
			;
		if (eol + 1 >= len || text[eol] != '\r' || text[eol + 1] != '\n')
			fuzz_fail("iCalendar: a line break that is not CRLF",
			    text + i, eol + 2 <= len ? eol + 2 - i : len - i);
		if (eol - i > ICS_LINE_OCTETS)
			fuzz_fail("iCalendar: a line longer than 75 octets",
			    text + i, eol - i);
		/* Each physical line is whole UTF-8: folds fall between. */
		check_clean("iCalendar: invalid UTF-8 or a control character "
		    "in a line (or a fold inside a UTF-8 sequence)", text + i,
		    eol - i, "\t");
		if (text[i] == ' ' || text[i] == '\t') {
			if (llen == 0)
				fuzz_fail("iCalendar: a folded line first",
				    text + i, eol - i);
			memcpy(logical + llen, text + i + 1, eol - i - 1);
			llen += eol - i - 1;
		} else {
			if (llen > 0)
				check_ics_line(logical, llen, stack, &depth,
				    &events, &ended);
			memcpy(logical, text + i, eol - i);
			llen = eol - i;
			if (llen == 0)
				fuzz_fail("iCalendar: an empty line", text + i,
				    2);
		}
		i = eol + 2;
	}
	if (llen > 0)
		check_ics_line(logical, llen, stack, &depth, &events, &ended);
	free(logical);
	if (!ended || depth != 0)
		fuzz_fail("iCalendar: no END:VCALENDAR", NULL, 0);
	n = events;
	if (n != nevents)
		fuzz_fail("iCalendar: not one VEVENT per milestone", NULL, 0);
}
