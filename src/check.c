/*
 * The checker: validates one milestone, or a file's top level, from the
 * loader's small node tree (SPEC sections 1-3) and copies what it keeps
 * into the set.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/date.h"
#include "diag_internal.h"
#include "node.h"
#include "set_internal.h"
#include "suggest.h"
#include "utf8.h"
#include "width.h"
#include "zone.h"

/* Limits on text, so that a hostile file cannot fill memory. */
#define CHECK_MAX_LINE	4096		/* bytes of one-line text */
#define CHECK_MAX_TEXT	(1024 * 1024)	/* bytes of a description */
#define CHECK_MAX_LIST	4096		/* entries of tags, links, history */
#define SLUG_MAX	64

enum {
	M_ID, M_TITLE, M_DATE, M_START, M_END, M_TIME, M_TIMEZONE, M_STATUS,
	M_TAGS, M_LOCATION, M_LINKS, M_DESCRIPTION, M_NOTED, M_HISTORY,
	M_COUNT
};

static const char *const milestone_keys[M_COUNT] = {
	"id", "title", "date", "start", "end", "time", "timezone", "status",
	"tags", "location", "links", "description", "noted", "history"
};

enum { H_TIMELINE, H_TITLE, H_DESCRIPTION, H_URL, H_MILESTONES, H_COUNT };

static const char *const header_keys[H_COUNT] = {
	"timeline", "title", "description", "url", "milestones"
};

enum { R_AFTER, R_BEFORE, R_OFFSET, R_COUNT };

static const char *const relative_keys[R_COUNT] = {
	"after", "before", "offset"
};

enum { E_DATE, E_NOTED, E_COUNT };

static const char *const history_keys[E_COUNT] = { "date", "noted" };

#define MAX_KEYS M_COUNT

/* The values of a mapping's known keys. */
struct keys {
	const struct tl_node *key[MAX_KEYS];	/* NULL when absent */
	const struct tl_node *value[MAX_KEYS];	/* NULL when absent or empty */
	/* For each known key, whether an unknown one was taken for it
	 * ('Title'). */
	unsigned char meant[MAX_KEYS];
	/* For each known key, the first unknown key spelt like it
	 * ('titel'), which the missing key's error points at. */
	const struct tl_node *near[MAX_KEYS];
	int bad;				/* a problem was reported */
};

/*
 * Words other tools and people use for a key, and the one they mean (a
 * status's are tl_status_meant()'s): offered before names that are
 * merely spelt alike ('state' is no 'start').  'notes' means
 * 'description' unless its value is a day (see meant_key()).
 */
static const struct synonym {
	const char *word, *key;
} synonyms[] = {
	{ "name", "timeline" }, { "name", "title" }, { "summary", "title" },
	{ "label", "title" }, { "heading", "title" },
	{ "desc", "description" }, { "details", "description" },
	{ "notes", "description" }, { "note", "description" },
	{ "body", "description" }, { "text", "description" },
	{ "when", "date" }, { "due", "date" }, { "deadline", "date" },
	{ "day", "date" }, { "on", "date" },
	{ "begin", "start" }, { "from", "start" },
	{ "until", "end" }, { "finish", "end" }, { "to", "end" },
	{ "state", "status" }, { "stat", "status" },
	{ "progress", "status" }, { "descr", "description" },
	{ "loc", "location" }, { "where", "location" },
	{ "venue", "location" }, { "place", "location" },
	{ "labels", "tags" }, { "categories", "tags" },
	{ "category", "tags" }, { "type", "tags" }, { "kind", "tags" },
	{ "task", "title" },
	{ "comment", "description" }, { "comments", "description" },
	{ "website", "links" },
	{ "url", "links" }, { "urls", "links" }, { "href", "links" },
	{ "tz", "timezone" }, { "zone", "timezone" },
	{ "timezone", "timezone" },	/* 'time_zone', 'TimeZone' */
	{ "slug", "id" }, { "key", "id" },
	{ "link", "url" }, { "website", "url" }, { "homepage", "url" },
	{ "items", "milestones" }, { "events", "milestones" },
	{ "entries", "milestones" }, { "phases", "milestones" },
	{ "stages", "milestones" }, { "tasks", "milestones" },
	{ "goals", "milestones" }, { "deadlines", "milestones" },
	{ "releases", "milestones" }, { "dates", "milestones" },
	/* As other tools name them, read without case, '_' or '-'
	 * ('startDate', 'due_on'). */
	{ "startdate", "start" }, { "begindate", "start" },
	{ "enddate", "end" }, { "finishdate", "end" },
	{ "duedate", "date" }, { "dueon", "date" }, { "eta", "date" },
	{ "targetdate", "date" }, { "target", "date" },
	{ "releasedate", "date" }, { "deliverydate", "date" },
};

/*
 * Copies the len bytes of text into word (32 bytes) in lower case (ASCII
 * letters), without the characters of drop ("_-" between the words of
 * 'due_on', 'dueOn').  Returns the length, or -1 when it does not fit.
 */
static int
key_word(char word[32], const char *text, size_t len, const char *drop)
{
	size_t c, w = 0;

	for (c = 0; c < len && w < 31; c++)
		if (strchr(drop, text[c]) == NULL || text[c] == '\0')
			word[w++] = (char)tl_ascii_lower(
			    (unsigned char)text[c]);
	if (c < len)
		return -1;
	word[w] = '\0';
	return (int)w;
}

/*
 * Keys of other tools that a milestone has no key for, and where what
 * they hold can go (each word as homeless_advice() reads it).
 */
static const char owner_advice[] = "a milestone keeps no owner: write it "
    "in the description, or as a tag such as owner-ana";
static const char waits_advice[] = "name the milestone waited on in the "
    "description, or place the date from its start: date: {after: ID, "
    "offset: 2w}";
static const struct {
	const char *word, *advice;
} homeless[] = {
	{ "owner", owner_advice }, { "assignee", owner_advice },
	{ "assignedto", owner_advice }, { "responsible", owner_advice },
	{ "lead", owner_advice },
	{ "team", "a milestone keeps no team: write it as a tag, or give the "
	    "team a timeline file of its own" },
	{ "priority", "a milestone keeps no priority: write it as a tag, "
	    "such as 'p1'" },
	{ "dependson", waits_advice }, { "depend", waits_advice },
	{ "dependency", waits_advice }, { "blockedby", waits_advice },
};

/* Where a key of another tool that a milestone has no key for can go
 * (text read without case, '_', '-', ' ' or a plural's 's' or 'ies'),
 * or NULL. */
static const char *
homeless_advice(const char *text, size_t len)
{
	char word[32];
	size_t i;
	int w;

	if ((w = key_word(word, text, len, "_- ")) < 0)
		return NULL;
	if (w > 3 && memcmp(word + w - 3, "ies", 3) == 0) {
		w -= 2;
		word[w - 1] = 'y';
	} else if (w > 1 && word[w - 1] == 's') {
		w--;
	}
	word[w] = '\0';
	for (i = 0; i < sizeof(homeless) / sizeof(homeless[0]); i++)
		if (strcmp(word, homeless[i].word) == 0)
			return homeless[i].advice;
	return NULL;
}

/* The key of names that the word text stands for, in any case and
 * without the '_' and '-' between its words, or NULL. */
static const char *
synonym_of(const char *text, size_t len, const char *const *names, int n)
{
	char word[32];
	size_t i;
	int j;

	if (key_word(word, text, len, "_-") < 0)
		return NULL;
	for (i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
		if (strcmp(synonyms[i].word, word) != 0)
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(names[j], synonyms[i].key) == 0)
				return names[j];
	}
	return NULL;
}

/* The key text stands for, or the closest of names within edit
 * distance 2, or NULL. */
static const char *
suggest(const char *text, size_t len, const char *const *names, int n)
{
	const char *key = synonym_of(text, len, names, n);

	return key != NULL ? key : tl_closest(text, len, names, (size_t)n);
}

/*
 * The key an unknown key (text, with its value) was probably meant to
 * be, or NULL.  A word for 'description' whose value is a day is the
 * key spelt alike when there is one: 'notes: 2025-12-16' is a 'noted'
 * day, 'notes: ...' with text a 'description'.
 */
static const char *
meant_key(const char *text, size_t len, const struct tl_node *value,
    const char *const *names, int n)
{
	const char *key = suggest(text, len, names, n), *close;
	char why[TL_WHY_SIZE];
	int32_t day;

	if (key != NULL && strcmp(key, "description") == 0 &&
	    value->kind == TL_NODE_SCALAR &&
	    tl_day_parse(&day, value->text, value->len, why) == 0 &&
	    (close = tl_closest(text, len, names, (size_t)n)) != NULL)
		return close;
	return key;
}

static const char *
suggest_status(const char *text, size_t len)
{
	int s = tl_status_meant(text, len);

	return s < 0 ? NULL : tl_status_name((enum tl_status)s);
}

static const char *
kind_name(const struct tl_node *n)
{
	switch (n->kind) {
	case TL_NODE_SCALAR:
		return "a string";
	case TL_NODE_SEQUENCE:
		return "a sequence";
	case TL_NODE_MAPPING:
		return "a mapping";
	}
	return "an alias";
}

/* The index of text among names, or n. */
static int
find_name(const char *const *names, int n, const char *text, size_t len)
{
	int i;

	/* Compare the first byte before the rest: most keys differ there. */
	for (i = 0; i < n; i++)
		if (names[i][0] == text[0] && strlen(names[i]) == len &&
		    memcmp(names[i], text, len) == 0)
			return i;
	return n;
}

/* The index of a known name in names, which holds it. */
static int
index_of(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; i < n - 1 && names[i] != name; i++)
		continue;
	return i;
}

/*
 * Writes into hint what a key unknown in the mapping of names is where
 * it is known ('tags' in the top level is a milestone's); returns 0, or
 * -1 when it is known nowhere else.  The name written is the table's.
 */
static int
other_level(char *hint, size_t size, const char *const *names,
    const char *text, size_t len)
{
	int i;

	if (len == 3 && memcmp(text, "url", 3) == 0) {
		snprintf(hint, size, "milestones take 'links', a list of "
		    "URLs");
		return 0;
	}
	if (names != header_keys && (i = find_name(header_keys, H_COUNT,
	    text, len)) < H_COUNT) {
		snprintf(hint, size, "'%s' is a key of the top level",
		    header_keys[i]);
		return 0;
	}
	if (names == milestone_keys && (i = find_name(relative_keys, R_COUNT,
	    text, len)) < R_COUNT) {
		snprintf(hint, size, "'%s' belongs in a relative date "
		    "(date: {%s: ID, offset: 1m})", relative_keys[i],
		    i == R_OFFSET ? "after" : relative_keys[i]);
		return 0;
	}
	if (names != milestone_keys && (i = find_name(milestone_keys,
	    M_COUNT, text, len)) < M_COUNT) {
		if (names == header_keys)
			snprintf(hint, size, "'%s' is a key of a milestone: "
			    "indent it under one", milestone_keys[i]);
		else
			snprintf(hint, size, "'%s' is a key of the milestone, "
			    "not of %s", milestone_keys[i],
			    names == history_keys ? "a history entry" :
			    "its relative date");
		return 0;
	}
	return -1;
}

/*
 * Whether v is what YAML writes for no value, in a word: a plain '~',
 * 'null', 'Null' or 'NULL' (what PyYAML and JSON write for a field
 * without one).  Read as its text, as every scalar is.
 */
static int
null_word(const struct tl_node *v)
{
	/* Asked of every value: most are longer, or quoted. */
	if (v->kind != TL_NODE_SCALAR || !v->plain || (v->len != 1 &&
	    v->len != 4))
		return 0;
	return v->len == 1 ? v->text[0] == '~' :
	    memcmp(v->text, "null", 4) == 0 ||
	    memcmp(v->text, "Null", 4) == 0 ||
	    memcmp(v->text, "NULL", 4) == 0;
}

/* Whether the len bytes at s are decimal digits, at least one. */
static int
all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/*
 * Whether the digits of s (len bytes, all digits) make an integer past
 * 2^53, which JavaScript's numbers (js-yaml's) do not hold exactly.
 */
static int
past_doubles(const char *s, size_t len)
{
	while (len > 1 && *s == '0') {
		s++;
		len--;
	}
	return len > 16 || (len == 16 && memcmp(s, "9007199254740992", 16) >
	    0);
}

/* Whether p..end holds the digits of base 16, 8 or 2 (x, o, b), one at
 * least. */
static int
based_digits(const char *p, const char *end, char base)
{
	if (p == end)
		return 0;
	for (; p < end; p++)
		if (!((*p >= '0' && *p <= (base == 'b' ? '1' : base == 'o' ?
		    '7' : '9')) || (base == 'x' && ((*p >= 'a' && *p <= 'f') ||
		    (*p >= 'A' && *p <= 'F')))))
			return 0;
	return 1;
}

/*
 * Whether p..end, after the digits of a plain text, makes it a number
 * of base 60 to YAML 1.1: 10:30 is 630 (09:30 and 3:1 to Ruby, 1:30.5
 * a number too).
 */
static int
base60(const char *p, const char *end)
{
	while (end - p >= 2 && *p == ':' && p[1] >= '0' && p[1] <= '9') {
		if (end - p >= 3 && p[1] <= '5' && p[2] >= '0' && p[2] <= '9')
			p += 3;
		else
			p += 2;
	}
	if (p < end && *p == '.')
		for (p++; p < end && *p >= '0' && *p <= '9'; p++)
			continue;
	return p == end;
}

/*
 * What some YAML libraries (PyYAML's, js-yaml's, Ruby's) read a plain
 * text as, when they do not keep it as text and would write it back
 * changed: "true or false" (yes, No, ON, True...: 'true' and 'false'
 * come back as they were, 'y' and 'n' stay text), "a number" (0755,
 * -0, 0x1f, 1_000, 1e3, 1.50, 2.0, +7, 10:30, 09:30, digits past 2^53),
 * or NULL for a text they keep (2026, 1.5, .inf come back the same).
 */
static const char *
typed_by_libraries(const char *s, size_t len)
{
	static const char *const words[] = {
		"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off",
		"Off", "OFF", "True", "TRUE", "False", "FALSE"
	};
	const char *p = s, *end = s + len, *digits, *q;
	size_t i, d = 0, frac = 0;

	if (len == 0)
		return NULL;
	if (len <= 5 && !(s[0] >= '0' && s[0] <= '9'))
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strlen(words[i]) == len &&
			    memcmp(words[i], s, len) == 0)
				return "true or false";
	if (*p == '+' || *p == '-')
		p++;
	/* .inf, -.inf and .nan come back as they were; .Inf, +.inf and
	 * .NaN do not. */
	if (end - p == 4 && p[0] == '.' && (memcmp(p + 1, "inf", 3) == 0 ||
	    memcmp(p + 1, "Inf", 3) == 0 || memcmp(p + 1, "INF", 3) == 0 ||
	    memcmp(p + 1, "nan", 3) == 0 || memcmp(p + 1, "NaN", 3) == 0 ||
	    memcmp(p + 1, "NAN", 3) == 0))
		return s[0] != '+' && (memcmp(p + 1, "inf", 3) == 0 ||
		    (s[0] != '-' && memcmp(p + 1, "nan", 3) == 0)) ? NULL :
		    "a number";
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'o' ||
	    p[1] == 'b'))
		return based_digits(p + 2, end, p[1]) ? "a number" : NULL;
	digits = p;
	for (; p < end && ((*p >= '0' && *p <= '9') || *p == '_'); p++)
		d++;
	if (d == 0 && !(end - p > 1 && *p == '.' && p[1] >= '0' &&
	    p[1] <= '9'))
		return NULL;
	/* YAML 1.1 reads '_' in numbers that start with a digit: 1_000,
	 * 0_17 (octal); not 08_ or _1. */
	if (memchr(s, '_', len) != NULL) {
		if (d == 0 || *digits == '_')
			return NULL;
		for (q = digits; *digits == '0' && p == end && q < p; q++)
			if (!((*q >= '0' && *q <= '7') || *q == '_'))
				return NULL;
	}
	if (p == end)
		/* +7, -0, 0755 (octal to YAML 1.1), 08 (8 to YAML 1.2),
		 * 1_000 (YAML 1.1). */
		return s[0] == '+' || (d > 1 && *digits == '0') ||
		    memchr(s, '_', len) != NULL ||
		    (s[0] == '-' && d == 1 && *digits == '0') ||
		    past_doubles(digits, d) ? "a number" : NULL;
	if (*p == ':' && d > 0)
		return base60(p, end) ? "a number" : NULL;
	if (*p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9'; p++)
			frac++;
		/* 1.50 and 2.0 come back as 1.5 and 2 (js-yaml), 1. and 01.5
		 * as 1.0 and 1.5, .5 as 0.5, 685_230.15 as 685230.15. */
		if (p == end)
			return frac == 0 || p[-1] == '0' || s[0] == '+' ||
			    d == 0 || (*digits == '0' && d > 1) ||
			    memchr(s, '_', len) != NULL ? "a number" : NULL;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		return all_digits(p, (size_t)(end - p)) ? "a number" : NULL;
	}
	return NULL;
}

/*
 * Warns of a plain text that YAML libraries read as a boolean or a
 * number (typed_by_libraries()): a script that reads the file and
 * writes it back, as scripts do, changes it (the id 0755 becomes 493,
 * a title 'yes' becomes 'true'), and with an id, its calendar events.
 */
static void
typed_warn(struct tl_load_ctx *ctx, const struct tl_node *v,
    const char *name)
{
	const char *as;
	char q[TL_QUOTE_SIZE];
	uint32_t line, col;

	if ((as = typed_by_libraries(v->text, v->len)) == NULL)
		return;
	tl_node_where(ctx, v, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "typed-text",
	    ctx->file, ctx->file_index, line, col, "%s '%s' is %s to some "
	    "YAML libraries (PyYAML's, js-yaml's, Ruby's), which write it "
	    "back changed when a script rewrites the file: quote it", name,
	    tl_diags_quote(q, v->text, v->len), as) < 0)
		ctx->oom = 1;
}

/* Asked of every id and title: most start with a letter, and are
 * longer than YAML's words. */
static inline void
typed_text(struct tl_load_ctx *ctx, const struct tl_node *v,
    const char *name)
{
	if (v->plain && v->len > 0 && (v->text[0] < 'A' || (v->len <= 5 &&
	    strchr("yYnNoOTF", v->text[0]) != NULL)))
		typed_warn(ctx, v, name);
}

/* Whether a scalar's text is s. */
static int
same_text(const struct tl_node *n, const char *s)
{
	return n->len == strlen(s) && memcmp(n->text, s, n->len) == 0;
}

/* Whether v is a plain yes of YAML 1.1's booleans, or 'x' or '1'. */
static int
yes_word(const struct tl_node *v)
{
	static const char *const words[] = {
		"yes", "Yes", "YES", "y", "Y", "true", "True", "TRUE", "on",
		"On", "ON", "x", "X", "1"
	};
	size_t i;

	if (v->kind != TL_NODE_SCALAR || !v->plain)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (same_text(v, words[i]))
			return 1;
	return 0;
}

/*
 * Writes into hint how a milestone says what a key set to yes says
 * ('done: yes', 'approximate: true'); returns 0, or -1 when the key is
 * no such flag.
 */
static int
flag_advice(char *hint, size_t size, const char *text, size_t len)
{
	static const char *const approximate[] = {
		"approximate", "approx", "estimated", "estimate", "tentative",
		"circa", "fuzzy"
	};
	size_t i;
	int s;

	for (i = 0; i < sizeof(approximate) / sizeof(approximate[0]); i++)
		if (tl_same_but_case(text, len, approximate[i])) {
			snprintf(hint, size, "a date is approximate with a '~' "
			    "before it: date: ~2027-05");
			return 0;
		}
	if ((s = tl_status_word(text, len)) < 0)
		return -1;
	snprintf(hint, size, "did you mean 'status: %s'?",
	    tl_status_name((enum tl_status)s));
	return 0;
}

/* The key of map written as name, or NULL. */
static const struct tl_node *
key_in(const struct tl_node *map, const char *name)
{
	const struct tl_node *key;

	for (key = map->child; key != NULL && key->next != NULL;
	    key = key->next->next)
		if (key->kind == TL_NODE_SCALAR && same_text(key, name))
			return key;
	return NULL;
}

/*
 * Takes key, unknown, for the known key i it stands for, with its value
 * to check, unless the value is none.
 */
static void
take_as(struct keys *k, int i, const struct tl_node *key,
    const struct tl_node *value)
{
	if (k->key[i] != NULL || value->kind == TL_NODE_INVALID ||
	    (value->kind == TL_NODE_SCALAR && (value->empty ||
	    null_word(value))))
		return;
	k->key[i] = key;
	k->value[i] = value;
}

/*
 * Reports 'timelines:' holding a list (several timelines in one file,
 * as other tools nest them), marking 'timeline' and 'milestones' as
 * meant: the key is not what is wrong.  Returns 1, or 0 for another key.
 */
static int
several_timelines(struct tl_load_ctx *ctx, const struct tl_node *key,
    const struct tl_node *value, struct keys *k)
{
	char q[TL_QUOTE_SIZE];

	if (value->kind != TL_NODE_SEQUENCE ||
	    !tl_same_but_case(key->text, key->len, "timelines"))
		return 0;
	tl_node_error(ctx, "unknown-key", key, "unknown key '%s': a file "
	    "holds one timeline; give each its own file, with 'timeline: "
	    "NAME' and its 'milestones'", tl_diags_quote(q, key->text,
	    key->len));
	k->meant[H_TIMELINE] = 1;
	k->meant[H_MILESTONES] = 1;
	return 1;
}

/*
 * Reports an unknown key with what it was probably meant to be: a key
 * of another level, one that differs in case, in up to two edits, or in
 * dashes and characters that cannot be seen ('\u200btitle'); marks in k
 * the key meant when it differs only in case or in those characters.
 */
static void
unknown_key(struct tl_load_ctx *ctx, const struct tl_node *map,
    const struct tl_node *key, const struct tl_node *value,
    const char *const *names, int n, struct keys *k, const char *what)
{
	char q[TL_QUOTE_SIZE], folded[128], hint[96];
	const char *text = key->text, *close, *advice;
	const struct tl_node *given;
	size_t len = key->len, flen;
	uint32_t first, line, col;
	int i, same, date_word;

	tl_diags_quote(q, key->text, key->len);
	if (names == header_keys && several_timelines(ctx, key, value, k))
		return;
	flen = tl_utf8_fold(folded, sizeof(folded), text, len, &first);
	if (first != 0 && flen < sizeof(folded)) {
		text = folded;
		len = flen;
	}
	if ((i = find_name(names, n, text, len)) < n) {
		close = names[i];
	} else if (other_level(hint, sizeof(hint), names, text, len) == 0) {
		tl_node_error(ctx, "unknown-key", key, "unknown key '%s' in "
		    "%s: %s", q, what, hint);
		return;
	} else if (names == milestone_keys && yes_word(value) &&
	    flag_advice(hint, sizeof(hint), text, len) == 0) {
		tl_node_error(ctx, "unknown-key", key, "unknown key '%s' (%s)",
		    q, hint);
		return;
	} else {
		close = meant_key(text, len, value, names, n);
	}
	if (close == NULL) {
		if (names == milestone_keys &&
		    (advice = homeless_advice(text, len)) != NULL)
			tl_node_error(ctx, "unknown-key", key, "unknown key "
			    "'%s' in %s (%s)", q, what, advice);
		else
			tl_node_error(ctx, "unknown-key", key, "unknown key "
			    "'%s' in %s", q, what);
		return;
	}
	i = index_of(names, n, close);
	same = tl_same_but_case(text, len, close);
	/* Another tool's name for a date's key ('dueDate') surely means
	 * it; a looser word ('progress' for 'status') may not. */
	date_word = !same && synonym_of(text, len, names, n) == close &&
	    (strcmp(close, "date") == 0 || strcmp(close, "start") == 0 ||
	    strcmp(close, "end") == 0);
	if ((same || synonym_of(text, len, names, n) == close) &&
	    (given = key_in(map, close)) != NULL) {
		tl_node_where(ctx, given, &line, &col);
		tl_node_error(ctx, "unknown-key", key, "unknown key '%s': "
		    "'%s', which it would stand for, is given at %u:%u", q,
		    close, (unsigned)line, (unsigned)col);
		return;
	}
	tl_node_error(ctx, "unknown-key", key, "unknown key '%s' (did you "
	    "mean '%s'?)", q, close);
	/* A key that differs in case or in what cannot be seen stands for
	 * the key, and so does another tool's name for it: the key is not
	 * missing too.  The value of the first, or of another tool's name
	 * for a date's key, is checked as the key's, so that its problems
	 * come in this run, not the next (unless the other form of date is
	 * given: 'start_date' beside 'date').  A misspelt one ('titel')
	 * leaves the key missing, as the conformance cases expect. */
	if (!same && synonym_of(text, len, names, n) != close) {
		if (k->near[i] == NULL)
			k->near[i] = key;
		return;
	}
	k->meant[i] = 1;
	if (names != header_keys && (same || (date_word &&
	    key_in(map, strcmp(close, "date") == 0 ? "start" : "date") ==
	    NULL)))
		take_as(k, i, key, value);
}

/* Whether a key's value is a text or a name, which may be the word
 * 'null' (the slug 'null', a title "null"). */
static int
text_or_name(const char *name)
{
	return strcmp(name, "title") == 0 || strcmp(name, "description") ==
	    0 || strcmp(name, "location") == 0 || strcmp(name, "id") == 0 ||
	    strcmp(name, "timeline") == 0;
}

/* What to write for a list without a value, or NULL. */
static const char *
list_advice(const char *name)
{
	if (strcmp(name, "milestones") == 0)
		return "a list of milestones; write 'milestones: []' for none "
		    "yet";
	if (strcmp(name, "tags") == 0 || strcmp(name, "links") == 0 ||
	    strcmp(name, "history") == 0)
		return "a list; leave the key out, or write [] for none";
	return NULL;
}

/* What to write for a key whose value is YAML's word for none, or
 * NULL: a key that the milestone or the relative date needs takes a
 * value. */
static const char *
null_advice(const char *name)
{
	if (strcmp(name, "milestones") == 0)
		return "write 'milestones: []' for none yet";
	if (list_advice(name) != NULL)
		return "leave the key out, or write [] for none";
	if (strcmp(name, "status") == 0)
		return "leave the key out for 'planned'";
	if (strcmp(name, "date") == 0 || strcmp(name, "start") == 0 ||
	    strcmp(name, "end") == 0 || strcmp(name, "after") == 0 ||
	    strcmp(name, "before") == 0 || strcmp(name, "offset") == 0)
		return NULL;
	return "leave the key out for none";
}

/*
 * Warns of a title or a location that a ' #' on its line cut short: YAML
 * reads what follows as a comment, and drops it ("Land PR #1234 in
 * mainline" reads "Land PR").
 */
static void
hash_after(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	uint32_t line, col;

	if (!v->hash_after)
		return;
	tl_node_where(ctx, v, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "comment", ctx->file,
	    ctx->file_index, line, col, "the %s ends before the '#': YAML "
	    "reads a '#' after a blank, and the rest of the line, as a "
	    "comment; quote the %s if the '#' is part of it", name,
	    name) < 0)
		ctx->oom = 1;
}

/*
 * Warns of a text that reads 'null' or '~', which YAML writes for no
 * value: the text is kept, as the format reads every scalar, but a
 * calendar would show it.
 */
static void
null_text(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name,
    int required)
{
	uint32_t line, col;

	if (!null_word(v)) {
		typed_text(ctx, v, name);
		return;
	}
	tl_node_where(ctx, v, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "null-text", ctx->file,
	    ctx->file_index, line, col, "'%s' is the text '%s', which YAML "
	    "writes for no value: %s, or quote it for the text", name,
	    v->text, required ? "write the text meant" : "leave the key out "
	    "for none") < 0)
		ctx->oom = 1;
}

/*
 * The slot of a mapping's key among names, or -1 after reporting it: a
 * key that is no string, a merge key, an empty key, an unknown key (with
 * what it was probably meant to be) or a key given twice.
 */
static int
key_slot(struct tl_load_ctx *ctx, const struct tl_node *map,
    const struct tl_node *key, const struct tl_node *value,
    const char *const *names, int n, struct keys *k, const char *what)
{
	int i;

	if (key->kind != TL_NODE_SCALAR) {
		if (key->kind != TL_NODE_INVALID)
			tl_node_error(ctx, "kind", key, "a key must be a "
			    "string, not %s", kind_name(key));
		return -1;
	}
	i = find_name(names, n, key->text, key->len);
	/* Only a plain '<<' is a merge key; "<<" is a name. */
	if (i == n && key->plain && key->len == 2 &&
	    memcmp(key->text, "<<", 2) == 0) {
		tl_node_error(ctx, "merge-key", key, "merge keys ('<<') are "
		    "not allowed: timeline files use no anchors, aliases or "
		    "merge keys");
		/* The keys it would have brought are not said missing. */
		memset(k->meant, 1, (size_t)n);
		return -1;
	}
	if (i == n && key->len == 0) {
		tl_node_error(ctx, "empty-key", key, "an empty key in %s: "
		    "every key is a name such as 'id'", what);
		return -1;
	}
	if (i == n) {
		unknown_key(ctx, map, key, value, names, n, k, what);
		return -1;
	}
	if (k->key[i] != NULL) {
		uint32_t line, col;

		tl_node_where(ctx, k->key[i], &line, &col);
		if (tl_node_error(ctx, "duplicate-key", key, "key '%s' given "
		    "twice (first at %u:%u)", names[i], (unsigned)line,
		    (unsigned)col) == 0 &&
		    tl_diags_note(ctx->diags, ctx->file, line, col,
		    "'%s' is first given here", names[i]) < 0)
			ctx->oom = 1;
		return -1;
	}
	return i;
}

/*
 * Whether the value of the key 'name' is one to check: no value, or
 * YAML's word for none where no text or name is meant, is reported; an
 * alias was reported already.
 */
static int
value_given(struct tl_load_ctx *ctx, const struct tl_node *key,
    const struct tl_node *value, const char *name)
{
	const char *advice;

	if (value->kind == TL_NODE_SCALAR && value->empty) {
		advice = value->comment ? "' #' starts a comment: quote the "
		    "value if it holds '#'" : list_advice(name);
		tl_node_error(ctx, "no-value", key, "key '%s' has no "
		    "value%s%s%s", name, advice ? " (" : "",
		    advice ? advice : "", advice ? ")" : "");
		return 0;
	}
	/* 'tags: ~' is no list of tags, nor 'null' a status: what YAML
	 * means by them is said. */
	if (null_word(value) && !text_or_name(name)) {
		advice = null_advice(name);
		tl_node_error(ctx, "no-value", key, "key '%s' has no value "
		    "('%s' is YAML's word for none)%s%s", name, value->text,
		    advice ? ": " : "", advice ? advice : "");
		return 0;
	}
	return value->kind != TL_NODE_INVALID;
}

/*
 * Sorts a mapping's pairs into the slots of its known keys, reporting
 * unknown keys (with a suggestion), repeated keys and keys without a
 * value.  'what' names the mapping in messages.
 */
static void
collect_keys(struct tl_load_ctx *ctx, const struct tl_node *map,
    const char *const *names, int n, struct keys *k, const char *what)
{
	const struct tl_node *key, *value;
	int i;

	memset(k, 0, sizeof(*k));
	if (map->cut) {
		tl_node_error(ctx, "too-long", map, "%s with more than %zu keys "
		    "and values: the rest are not read", what, map->count);
		k->bad = 1;
	}
	for (key = map->child; key != NULL && key->next != NULL;
	    key = value->next) {
		value = key->next;
		if ((i = key_slot(ctx, map, key, value, names, n, k,
		    what)) < 0) {
			k->bad = 1;
			continue;
		}
		k->key[i] = key;
		if (!value_given(ctx, key, value, names[i])) {
			k->bad = 1;
			continue;
		}
		k->value[i] = value;
	}
}

/*
 * Reports a missing key at the start of the mapping that lacks it,
 * unless an unknown key was reported as meaning it: one mistake, one
 * error.
 */
static void
require(struct tl_load_ctx *ctx, const struct tl_node *map,
    const struct keys *k, int i, const char *name, const char *what)
{
	char q[TL_QUOTE_SIZE];
	uint32_t line, col;

	if (k->key[i] != NULL || k->meant[i])
		return;
	if (k->near[i] == NULL) {
		tl_node_error(ctx, "missing-key", map, "missing required key "
		    "'%s' in %s", name, what);
		return;
	}
	tl_node_where(ctx, k->near[i], &line, &col);
	tl_diags_quote(q, k->near[i]->text, k->near[i]->len);
	tl_node_error(ctx, "missing-key", map, "missing required key '%s' in "
	    "%s ('%s' at %u:%u is spelt like it)", name, what, q,
	    (unsigned)line, (unsigned)col);
}

/* Checks that a value is a string; reports it otherwise. */
static int
is_string(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	if (v->kind == TL_NODE_SCALAR)
		return 1;
	tl_node_error(ctx, "kind", v, "'%s' must be a string, not %s", name,
	    kind_name(v));
	return 0;
}

/*
 * Reports the line breaks of a one-line text: a block scalar ('|', '>')
 * keeps a final one, which is easily missed.
 */
static void
line_breaks(struct tl_load_ctx *ctx, const struct tl_node *v,
    const char *name)
{
	size_t i, lines = 1;

	for (i = 0; i + 1 < v->len; i++)
		if (v->text[i] == '\n')
			lines++;
	if (lines == 1)
		tl_node_error(ctx, "control", v, "'%s' ends with a line break: "
		    "use '|-' or '>-', or write it on one line", name);
	else
		tl_node_error(ctx, "control", v, "'%s' must be one line (it "
		    "has %zu lines)", name, lines);
}

/* Reports a control character or invalid UTF-8 in a text value. */
static int
text_ok(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name,
    int multiline)
{
	size_t at;
	uint32_t cp;

	at = tl_utf8_find_control(v->text, v->len, multiline, &cp);
	if (at == v->len)
		return 1;
	if (cp == TL_UTF8_INVALID)
		tl_node_error(ctx, "encoding", v, "'%s' is not valid UTF-8",
		    name);
	else if ((cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		tl_node_error(ctx, "control", v, "'%s' holds a bidirectional "
		    "control character (U+%04X), which can make text show "
		    "other than it reads: delete it", name, (unsigned)cp);
	else if (multiline && cp == '\r')
		tl_node_error(ctx, "control", v, "'%s' holds a carriage return "
		    "(U+000D), as Windows ends lines ('\\r\\n'): end each line "
		    "with a line feed alone", name);
	else if (multiline)
		tl_node_error(ctx, "control", v, "'%s' holds a control "
		    "character (U+%04X); only tab and newline are allowed",
		    name, (unsigned)cp);
	else if (cp == '\n')
		line_breaks(ctx, v, name);
	else if (cp == '\t')
		tl_node_error(ctx, "control", v, "'%s' holds a tab (U+0009), "
		    "a control character: write spaces (only 'description' "
		    "may hold tabs)", name);
	else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		tl_node_error(ctx, "control", v, "'%s' holds a line separator "
		    "(U+%04X); it must be one line of text", name,
		    (unsigned)cp);
	else
		tl_node_error(ctx, "control", v, "'%s' holds a control "
		    "character (U+%04X): delete it", name, (unsigned)cp);
	return 0;
}

/* White space, Unicode's included (no-break and ideographic spaces). */
static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) ||
	    cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

/*
 * Whether text shows nothing: BLANK_NO when it has a character that can be
 * seen, BLANK_SPACE when all are white space (or there are none),
 * BLANK_INVISIBLE when some are characters that cannot be seen (U+200B,
 * U+00AD, U+3164 and the rest of tl_is_invisible(), U+2800 BRAILLE
 * PATTERN BLANK), BLANK_MARKS when some are marks that take no column
 * of their own and show only on a character before them (combining
 * accents, variation selectors) and none a character they could show on.
 */
enum { BLANK_NO, BLANK_SPACE, BLANK_INVISIBLE, BLANK_MARKS };

static int
is_blank(const char *s, size_t len)
{
	size_t i, n;
	uint32_t cp;
	int blank = BLANK_SPACE;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (is_space(cp))
			continue;
		if (cp == TL_UTF8_INVALID || (!tl_is_invisible(cp) &&
		    cp != 0x2800 && tl_width_cp(cp) != 0))
			return BLANK_NO;
		if (blank != BLANK_MARKS)
			blank = !tl_is_invisible(cp) && cp != 0x2800 ?
			    BLANK_MARKS : BLANK_INVISIBLE;
	}
	return blank;
}

/* Reports a text longer than max bytes. */
static int
within(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name,
    size_t max)
{
	if (v->len <= max)
		return 1;
	tl_node_error(ctx, "too-long", v, "'%s' is too long (%zu bytes; at "
	    "most %zu)", name, v->len, max);
	return 0;
}

/*
 * Warns of tag characters outside an emoji flag: they show nothing, and
 * spell ASCII for a program that reads the text (a calendar's assistant)
 * where its reader sees none.
 */
static void
stray_tags(struct tl_load_ctx *ctx, const struct tl_node *v,
    const char *name)
{
	size_t n = tl_utf8_stray_tags(v->text, v->len);
	uint32_t line, col;

	if (n == 0)
		return;
	tl_node_where(ctx, v, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "hidden-text",
	    ctx->file, ctx->file_index, line, col, "'%s' holds %zu tag "
	    "character%s (U+E0000 to U+E007F), which show%s nothing but "
	    "spell%s text for programs: delete %s", name, n,
	    n == 1 ? "" : "s", n == 1 ? "s" : "", n == 1 ? "s" : "",
	    n == 1 ? "it" : "them") < 0)
		ctx->oom = 1;
}

/* A one-line text: a string, not empty, no control characters. */
static int
one_line(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	if (!is_string(ctx, v, name))
		return 0;
	if (!within(ctx, v, name, CHECK_MAX_LINE))
		return 0;
	if (!text_ok(ctx, v, name, 0))
		return 0;
	switch (is_blank(v->text, v->len)) {
	case BLANK_NO:
		break;
	case BLANK_INVISIBLE:
		tl_node_error(ctx, "empty", v, "'%s' holds no character that "
		    "can be seen, only white space and invisible characters",
		    name);
		return 0;
	case BLANK_MARKS:
		tl_node_error(ctx, "empty", v, "'%s' holds no character that "
		    "can be seen: marks such as accents show only on a "
		    "character before them", name);
		return 0;
	default:
		tl_node_error(ctx, "empty", v, v->len > 0 ? "'%s' holds only "
		    "white space" : "'%s' is empty", name);
		return 0;
	}
	stray_tags(ctx, v, name);
	return 1;
}

static int
multi_line(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	if (!is_string(ctx, v, name))
		return 0;
	if (!within(ctx, v, name, CHECK_MAX_TEXT))
		return 0;
	if (!text_ok(ctx, v, name, 1))
		return 0;
	stray_tags(ctx, v, name);
	return 1;
}

/*
 * The length of a plain value's text before a '#' written without a
 * blank before it ('planned# for now', which YAML reads whole), its
 * blanks at the end left out; 0 when there is none.
 */
static size_t
before_hash(const struct tl_node *v)
{
	const char *hash;
	size_t n;

	if (v->kind != TL_NODE_SCALAR || !v->plain ||
	    (hash = memchr(v->text, '#', v->len)) == NULL)
		return 0;
	for (n = (size_t)(hash - v->text); n > 0 && (v->text[n - 1] == ' ' ||
	    v->text[n - 1] == '\t'); n--)
		continue;
	return n;
}

/* The bytes of a slug: lower-case letters, digits and '-'. */
static const unsigned char slug_bytes[256] = {
	['-'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1
};

int
tl_slug_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned ok = 1;
	size_t i;

	if (len == 0 || len > SLUG_MAX || s[0] == '-' || s[len - 1] == '-')
		return 0;
	for (i = 0; i < len; i++)
		ok &= slug_bytes[u[i]];
	return (int)ok;
}

/* A slug value: reported with what it names ('id', 'tag'). */
static int
slug(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	char q[TL_QUOTE_SIZE], fix[SLUG_MAX + 1], odd[64];
	size_t chars, i;
	uint32_t first;
	int letters = v->len > 0 && v->text[0] != '-' &&
	    v->text[v->len - 1] != '-';

	if (!is_string(ctx, v, name))
		return 0;
	if (tl_slug_valid(v->text, v->len)) {
		typed_text(ctx, v, name);
		return 1;
	}
	if (v->empty && v->comment) {
		tl_node_error(ctx, "slug", v, "empty %s: ' #' starts a comment, "
		    "so the item holds nothing (a %s is written without '#')",
		    name, name);
		return 0;
	}
	tl_diags_quote(q, v->text, v->len);
	if ((i = before_hash(v)) > 0 && tl_slug_valid(v->text, i)) {
		/* The slug of the whole text, when it is another. */
		if (tl_slug_suggest(fix, sizeof(fix), v->text, v->len) != 0 ||
		    (strlen(fix) == i && memcmp(fix, v->text, i) == 0))
			fix[0] = '\0';
		tl_node_error(ctx, "slug", v, "invalid %s '%s': a '#' starts a "
		    "comment only after a blank (did you mean '%.*s'%s%s%s?)",
		    name, q, (int)i, v->text, fix[0] ? ", or '" : "", fix,
		    fix[0] ? "'" : "");
		return 0;
	}
	if (tl_slug_suggest(fix, sizeof(fix), v->text, v->len) == 0) {
		/* A dash or a character that cannot be seen is named. */
		(void)tl_utf8_fold(NULL, 0, v->text, v->len, &first);
		if (first != 0)
			tl_node_error(ctx, "slug", v, "invalid %s '%s': %s "
			    "(did you mean '%s'?)", name, q,
			    tl_utf8_describe(odd, sizeof(odd), first), fix);
		else
			tl_node_error(ctx, "slug", v, "invalid %s '%s': use "
			    "lower-case letters, digits and inner hyphens "
			    "(did you mean '%s'?)", name, q, fix);
		return 0;
	}
	chars = tl_utf8_count(v->text, v->len);
	for (i = 0; i < v->len; i++)
		letters &= slug_bytes[(unsigned char)v->text[i]];
	if (v->len > SLUG_MAX && letters)
		tl_node_error(ctx, "slug", v, "invalid %s '%s': too long (%zu "
		    "characters; at most %d)", name, q, chars, SLUG_MAX);
	else if (v->len > SLUG_MAX)
		tl_node_error(ctx, "slug", v, "invalid %s '%s': use lower-case "
		    "letters, digits and inner hyphens, at most %d characters "
		    "(it has %zu)", name, q, SLUG_MAX, chars);
	else
		tl_node_error(ctx, "slug", v, "invalid %s '%s': use lower-case "
		    "letters, digits and inner hyphens", name, q);
	return 0;
}

static int
has_prefix_nocase(const char *s, size_t len, const char *prefix)
{
	size_t i, n = strlen(prefix);

	if (len < n)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != prefix[i])
			return 0;
	}
	return 1;
}

/* The length of a link's "https://" or "http://" (in any case), or 0. */
static size_t
scheme_length(const char *s, size_t len)
{
	return has_prefix_nocase(s, len, "https://") ? 8 :
	    has_prefix_nocase(s, len, "http://") ? 7 : 0;
}

/* Whether len bytes of valid UTF-8 at s hold a space other than
 * U+0020 (U+00A0, U+3000, ...). */
static int
has_space_like(const char *s, size_t len)
{
	uint32_t cp;
	size_t i, n;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (tl_is_space_like(cp))
			return 1;
	}
	return 0;
}

/*
 * The first character among len bytes of valid UTF-8 at s that looks
 * like one of the ASCII characters that end a URL's host ('/', '\\',
 * '?', '#', '@', ':'), or 0; *looks receives that ASCII character.  In
 * a host, such a character makes an address read as one site and open
 * another, and browsers read some of them as the ASCII one (U+FF0F as
 * '/') where other programs do not.
 */
static uint32_t
host_lookalike(const char *s, size_t len, char *looks)
{
	static const struct {
		uint32_t cp;
		char looks;
	} like[] = {
		{ 0x0589, ':' }, { 0x2044, '/' }, { 0x2215, '/' },
		{ 0x2236, ':' }, { 0x2571, '/' }, { 0x27cb, '/' },
		{ 0x29f5, '\\' }, { 0x29f8, '/' }, { 0x29f9, '\\' },
		{ 0x3033, '/' }, { 0xa789, ':' }, { 0xfe13, ':' },
		{ 0xfe55, ':' }, { 0xfe5f, '#' }, { 0xfe68, '\\' },
		{ 0xfe6b, '@' }, { 0xff03, '#' }, { 0xff0f, '/' },
		{ 0xff1a, ':' }, { 0xff1f, '?' }, { 0xff20, '@' },
		{ 0xff3c, '\\' }
	};
	uint32_t cp;
	size_t i, k, n;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		for (k = 0; cp >= 0x80 && k < sizeof(like) / sizeof(like[0]);
		    k++)
			if (like[k].cp == cp) {
				*looks = like[k].looks;
				return cp;
			}
	}
	return 0;
}

/*
 * Why the bytes of a URL are refused: white space or a control
 * character, or a backslash before the query; NULL when neither.  Sets
 * *high to every byte or'ed together (0x80 is set past ASCII).
 */
static const char *
url_bytes(const char *s, size_t len, unsigned char *high)
{
	unsigned char c, all = 0, odd = 0;
	size_t i;
	int query = 0;

	/* Most links hold none of them: a pass without branches tells. */
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		all |= c;
		odd |= (c <= 0x20) | (c == 0x7f) | (c == '\\');
	}
	*high = all;
	for (i = 0; odd && i < len; i++) {
		c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			return "it holds white space or a control character";
		query |= c == '?' || c == '#';
		/* Before the query, browsers read it as '/' and other
		 * programs do not: two hosts for one link. */
		if (c == '\\' && !query)
			return "it holds a backslash before its query, which "
			    "browsers read as '/' (write / or %5C)";
	}
	return NULL;
}

/*
 * What is wrong with the part of a link from its host on (start: where
 * the host starts): a '[' of an IPv6 host left open, a port that is no
 * number of 0 to 65535, a character that cannot be seen (the link opens
 * a site other than the one it reads as); NULL when nothing is.  A '%'
 * that starts no escape is kept, as browsers keep it; the calendar gets
 * it as %25.
 */
static const char *
url_rest(const char *s, size_t len, size_t start, int high)
{
	size_t i, n, end = start + strcspn(s + start, "/?#");
	const char *host = s + start, *at, *port;
	unsigned long number = 0;
	uint32_t cp;

	/* user:password@ goes before the host. */
	for (at = host; (at = memchr(at, '@', (size_t)(s + end - at))) !=
	    NULL; host = ++at)
		;
	if (host == s + end || *host == ':' || (*host == '[' &&
	    host + 1 < s + end && host[1] == ']'))
		return "it has no host";
	/* "https://example.com%2Flogin@evil.example/" opens evil.example. */
	if (host > s + start && (memchr(s + start, '.', (size_t)(host - s -
	    start)) != NULL || memchr(s + start, '%', (size_t)(host - s -
	    start)) != NULL))
		return "it holds a user name with '.' or '%' before '@', which "
		    "reads as a site, but the link opens the host after it";
	port = memchr(host, ':', (size_t)(s + end - host));
	if (host < s + end && *host == '[') {
		if ((port = memchr(host, ']', (size_t)(s + end - host))) ==
		    NULL)
			return "its host opens '[' and does not close it";
		port = port + 1 < s + end && port[1] == ':' ? port + 1 :
		    port + 1 == s + end ? NULL : port + 1;
		if (port != NULL && *port != ':')
			return "its host's ']' is followed by no ':' and port";
	}
	for (i = port != NULL ? (size_t)(port - s) + 1 : end; i < end; i++) {
		if (s[i] < '0' || s[i] > '9' || (number = number * 10 +
		    (unsigned long)(s[i] - '0')) > 65535)
			return "its port is no number from 0 to 65535";
	}
	for (i = start; high && i < len; i += n) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		/* Tag characters have a warning of their own. */
		if (tl_is_invisible(cp) && (cp < 0xe0000 || cp > 0xe007f))
			return "it holds a character that cannot be seen";
	}
	return NULL;
}

/* Whether c may be in a host name. */
static int
host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/*
 * Whether the n bytes at s, out of the text around them, are a link
 * that passes every check of url() that needs no diagnostics.
 */
static int
link_alone(const char *s, size_t n)
{
	char copy[CHECK_MAX_LINE + 1];
	unsigned char high = 0;
	size_t start;

	if (n >= sizeof(copy))
		return 0;
	memcpy(copy, s, n);
	copy[n] = '\0';
	start = scheme_length(copy, n);
	return start > 0 && start < n && strchr("/?#:@", copy[start]) ==
	    NULL && url_bytes(copy, n, &high) == NULL && !(high & 0x80) &&
	    url_rest(copy, n, start, 0) == NULL;
}

/* Whether a name ends as a file's does ("README.md"), not a site's. */
static int
file_name_end(const char *ext, size_t n)
{
	static const char *const files[] = {
		"md", "txt", "pdf", "yaml", "yml", "json", "html", "htm",
		"png", "jpg", "jpeg", "svg", "csv", "ics", "doc", "docx"
	};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (tl_same_but_case(ext, n, files[i]))
			return 1;
	return 0;
}

/*
 * The link meant by a text that is not one: a Markdown link
 * ("[docs](https://...)") or one in angle brackets gives the URL in it,
 * a host without a scheme ("www.example.com/x") gets https://.  Says
 * what to write in buf and returns it, or NULL.
 */
static const char *
url_meant(const char *s, size_t len, char *buf, size_t size)
{
	char q[TL_QUOTE_SIZE];
	const char *in = NULL, *dot;
	size_t host = 0, n = 0;
	unsigned char high = 0;

	if (len > 2 && s[0] == '<' && s[len - 1] == '>') {
		in = s + 1;
		n = len - 2;
	} else if (len > 4 && s[0] == '[' && s[len - 1] == ')' &&
	    (in = strstr(s, "](")) != NULL) {
		in += 2;
		n = (size_t)(s + len - 1 - in);
	}
	if (in != NULL && link_alone(in, n)) {
		snprintf(buf, size, "write the URL alone, '%s'",
		    tl_diags_quote(q, in, n));
		return buf;
	}
	while (host < len && host_char(s[host]))
		host++;
	/* A name with a dot, the last part starting with a letter. */
	for (dot = s + host; dot > s && dot[-1] != '.'; dot--)
		;
	if (dot <= s + 1 || dot == s + host || !host_char(s[0]) ||
	    s[0] == '.' || s[0] == '-' || !((*dot | 0x20) >= 'a' &&
	    (*dot | 0x20) <= 'z') ||
	    (host < len && strchr("/?#", s[host]) == NULL) ||
	    url_bytes(s, len, &high) != NULL || (high & 0x80) ||
	    file_name_end(dot, (size_t)(s + host - dot)))
		return NULL;
	snprintf(buf, size, "did you mean 'https://%s'?",
	    tl_diags_quote(q, s, len));
	return buf;
}

/*
 * A link given as a mapping ({url: URL, title: Docs}): when one of its
 * values is a URL, says to write that alone and returns 1; else 0.
 */
static int
link_in(struct tl_load_ctx *ctx, const struct tl_node *map, const char *name)
{
	const struct tl_node *k;
	char q[TL_QUOTE_SIZE];

	for (k = map->child; k != NULL && k->next != NULL; k = k->next->next)
		if (k->next->kind == TL_NODE_SCALAR &&
		    scheme_length(k->next->text, k->next->len) > 0) {
			tl_node_error(ctx, "kind", map, "'%s' must be a "
			    "string, not a mapping: write the URL alone, '%s'",
			    name, tl_diags_quote(q, k->next->text,
			    k->next->len));
			return 1;
		}
	return 0;
}

/*
 * A URL: http or https, a host, no white space, control character or
 * backslash before the query, and nothing in the host that looks like
 * the end of a host.
 */
static int
url(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	char q[TL_QUOTE_SIZE], why_buf[TL_QUOTE_SIZE + 32], looks;
	size_t start = 0, host_end;
	unsigned char high = 0;
	const char *why = NULL;
	uint32_t odd;

	if (v->kind == TL_NODE_MAPPING && link_in(ctx, v, name))
		return 0;
	if (!is_string(ctx, v, name))
		return 0;
	if (!within(ctx, v, name, CHECK_MAX_LINE))
		return 0;
	if ((start = scheme_length(v->text, v->len)) == 0 &&
	    (why = url_meant(v->text, v->len, why_buf,
	    sizeof(why_buf))) == NULL)
		why = "it must start with http:// or https://";
	if (why == NULL)
		why = url_bytes(v->text, v->len, &high);
	if (why == NULL) {
		uint32_t cp;
		/* Past ASCII, look for the other control characters. */
		if ((high & 0x80) &&
		    tl_utf8_find_control(v->text, v->len, 0, &cp) != v->len)
			why = "it holds a control character";
		else if ((high & 0x80) && has_space_like(v->text, v->len))
			why = "it holds white space";
		else if (start == v->len || v->text[start] == '/' ||
		    v->text[start] == '?' || v->text[start] == '#' ||
		    v->text[start] == ':' || v->text[start] == '@')
			why = "it has no host";
	}
	if (why == NULL && (high & 0x80)) {
		host_end = start + strcspn(v->text + start, "/?#");
		if ((odd = host_lookalike(v->text + start, host_end - start,
		    &looks)) != 0) {
			snprintf(why_buf, sizeof(why_buf), "its host holds "
			    "U+%04X, which looks like '%c': the link would "
			    "read as one site and open another", (unsigned)odd,
			    looks);
			why = why_buf;
		}
	}
	if (why == NULL)
		why = url_rest(v->text, v->len, start, (high & 0x80) != 0);
	if (why == NULL) {
		if (high & 0x80)
			stray_tags(ctx, v, name);
		return 1;
	}
	tl_node_error(ctx, "url", v, "invalid URL '%s': %s",
	    tl_diags_quote(q, v->text, v->len), why);
	return 0;
}

/*
 * Whether len bytes at s are two dates joined as ranges are written
 * elsewhere: "2026-05..2026-06", "2026-05 - 2026-06", "2026-Q3/2026-H2",
 * "2026-05 to 2026-06", "between 2026-05 and 2026-06".  Sets where each
 * starts and its length.
 */
static int
range_parts(const char *s, size_t len, size_t *a0, size_t *alen,
    size_t *b, size_t *blen)
{
	static const char *const joins[] = {
		"...", "..", "--", "/", " - ", " to ", " until ", " and "
	};
	struct tl_window w;
	size_t i, j, jl, a, start, skip = 0;

	if (has_prefix_nocase(s, len, "from "))
		skip = 5;
	else if (has_prefix_nocase(s, len, "between "))
		skip = 8;
	for (i = skip + 1; i < len; i++)
		for (j = 0; j < sizeof(joins) / sizeof(joins[0]); j++) {
			jl = strlen(joins[j]);
			if (jl > len - i || memcmp(s + i, joins[j], jl) != 0)
				continue;
			for (a = i; a > skip && s[a - 1] == ' '; a--)
				continue;
			for (start = i + jl; start < len && s[start] == ' ';
			    start++)
				continue;
			if (a > skip && start < len &&
			    tl_date_parse(&w, s + skip, a - skip, NULL) == 0 &&
			    tl_date_parse(&w, s + start, len - start,
			    NULL) == 0) {
				*a0 = skip;
				*alen = a - skip;
				*b = start;
				*blen = len - start;
				return 1;
			}
		}
	return 0;
}

/* Where a plain date stands, for what is said of a range in it. */
enum { IN_HISTORY, IN_DATE, IN_RANGE };

/* A plain date (no mapping) into *w. */
static int
plain_date(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name,
    int where, struct tl_window *w)
{
	char why[TL_WHY_SIZE], q[TL_QUOTE_SIZE], folded[128];
	size_t flen, a, alen, b, blen;
	uint32_t first;

	if (v->kind != TL_NODE_SCALAR) {
		tl_node_error(ctx, "kind", v, "'%s' must be a plain date "
		    "(2026-05, ~2026-Q3, ...)%s, not %s", name,
		    where == IN_DATE ? " or a relative one ({after: ID, "
		    "offset: 1m})" : "", kind_name(v));
		return 0;
	}
	if (tl_date_parse(w, v->text, v->len, why) == 0)
		return 1;
	tl_diags_quote(q, v->text, v->len);
	/* Two dates in one: say how a range is written, if it may be. */
	flen = tl_utf8_fold(folded, sizeof(folded), v->text, v->len, &first);
	if (flen < sizeof(folded) && range_parts(folded, flen, &a, &alen, &b,
	    &blen)) {
		if (where == IN_HISTORY)
			tl_node_error(ctx, "date", v, "invalid date '%s': an "
			    "earlier estimate is one date, not a range", q);
		else
			tl_node_error(ctx, "date", v, "invalid date '%s': %s"
			    "a range is written as start: %.*s and end: %.*s%s",
			    q, where == IN_RANGE ? "one date here; " : "",
			    (int)alen, folded + a, (int)blen, folded + b,
			    where == IN_DATE ? ", in place of 'date'" : "");
		return 0;
	}
	/* Only 'date' counts from a milestone. */
	if (where != IN_DATE && strncmp(why, "an offset counts", 16) == 0)
		snprintf(why, sizeof(why), "%s is a plain date, not an "
		    "offset: write the date it gives", where == IN_HISTORY ?
		    "an earlier estimate" : "a range's start or end");
	/* Only 'date' takes a time, with its own key. */
	if (where != IN_DATE && strncmp(why, "write the day as date:", 22) == 0)
		snprintf(why, sizeof(why), "%s takes no time: write the day "
		    "only, %.*s", where == IN_HISTORY ? "an earlier estimate" :
		    "a range", v->text[0] == '~' ? 11 : 10, v->text);
	tl_node_error(ctx, "date", v, "invalid date '%s': %s", q, why);
	return 0;
}

static int
plain_day(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name,
    int32_t *day)
{
	char why[TL_WHY_SIZE], q[TL_QUOTE_SIZE];

	if (!is_string(ctx, v, name))
		return 0;
	if (tl_day_parse(day, v->text, v->len, why) == 0)
		return 1;
	tl_node_error(ctx, "date", v, "invalid day '%s' for '%s': %s",
	    tl_diags_quote(q, v->text, v->len), name, why);
	return 0;
}

/* A sequence value; a lone string is reported as the wrong kind. */
static int
sequence(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name)
{
	char q[TL_QUOTE_SIZE];

	if (v->kind == TL_NODE_SCALAR && v->plain && !v->empty &&
	    v->len < 80 && memchr(v->text, '[', v->len) == NULL &&
	    (strcmp(name, "tags") == 0 || strcmp(name, "links") == 0)) {
		/* 'tags: backend, auth': the list is plain to see. */
		tl_node_error(ctx, "kind", v, "'%s' must be a sequence, not a "
		    "string: write [%s]", name, tl_diags_quote(q, v->text,
		    v->len));
		return 0;
	}
	if (v->kind == TL_NODE_MAPPING && strcmp(name, "links") == 0) {
		/* links: {docs: URL}, a name for each */
		tl_node_error(ctx, "kind", v, "'links' must be a sequence of "
		    "URLs, not a mapping: write each URL alone (a link takes "
		    "no name), [URL, URL]");
		return 0;
	}
	if (v->kind != TL_NODE_SEQUENCE) {
		tl_node_error(ctx, "kind", v, "'%s' must be a sequence "
		    "([a, b] or one '- item' a line), not %s", name,
		    kind_name(v));
		return 0;
	}
	if (v->count > CHECK_MAX_LIST) {
		/* Cut short, the count is of those kept, which the
		 * milestone's other values make fewer: not said. */
		if (v->cut)
			tl_node_error(ctx, "too-long", v, "'%s' has too many "
			    "entries (at most %d)", name, CHECK_MAX_LIST);
		else
			tl_node_error(ctx, "too-long", v, "'%s' has too many "
			    "entries (%zu; at most %d)", name, v->count,
			    CHECK_MAX_LIST);
		return 0;
	}
	return 1;
}

/* "HH:MM" into minutes after midnight. */
static int
parse_time(const char *s, size_t len)
{
	int h, m;

	if (len != 5 || s[2] != ':')
		return -1;
	if (s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23)
		return -1;
	return h * 60 + m;
}

/* The digits at s[*i], at most max of them, as a number; -1 if none. */
static int
digits(const char *s, size_t len, size_t *i, int max)
{
	int n = -1, k;

	for (k = 0; k < max && *i < len && s[*i] >= '0' && s[*i] <= '9';
	    k++, (*i)++)
		n = (n < 0 ? 0 : n * 10) + (s[*i] - '0');
	return n;
}

/*
 * Whether len bytes at s from *i on are "am" or "pm" (any case, with or
 * without dots, after at most one space): 0 for am, 12 for pm, -1 when
 * they are not.
 */
static int
meridiem(const char *s, size_t len, size_t i)
{
	int half;

	if (i < len && s[i] == ' ')
		i++;
	if (i == len || (s[i] != 'a' && s[i] != 'A' && s[i] != 'p' &&
	    s[i] != 'P'))
		return -1;
	half = s[i] == 'p' || s[i] == 'P' ? 12 : 0;
	i++;
	if (i < len && s[i] == '.')
		i++;
	if (i == len || (s[i] != 'm' && s[i] != 'M'))
		return -1;
	i++;
	if (i < len && s[i] == '.')
		i++;
	return i == len ? half : -1;
}

/*
 * The HH:MM that a time written another way surely means ("9:30",
 * "11:59 pm", "9am", "14h30", "14.30", "09:30:00"), written into fixed;
 * 0 when there is none.
 */
static int
time_meant(const char *s, size_t len, char fixed[6])
{
	size_t i = 0, at;
	int h, m = 0, half, marked = 0;
	char sep;

	if ((h = digits(s, len, &i, 2)) < 0)
		return 0;
	if (i < len && (s[i] == ':' || s[i] == '.' || s[i] == 'h')) {
		sep = s[i++];
		at = i;
		if ((m = digits(s, len, &i, 2)) >= 0) {
			if (i != at + 2)
				return 0;
			/* Seconds, when there are none to lose. */
			if (sep == ':' && len - i >= 3 &&
			    memcmp(s + i, ":00", 3) == 0)
				i += 3;
		} else if (sep == 'h') {
			m = 0;
		} else {
			return 0;
		}
		marked = 1;
	}
	if (i < len) {
		if ((half = meridiem(s, len, i)) < 0 || h < 1 || h > 12)
			return 0;
		h = h % 12 + half;
	} else if (!marked) {
		return 0;
	}
	if (h > 23 || m > 59)
		return 0;
	snprintf(fixed, 6, "%02d:%02d", h, m);
	return 1;
}

/* Whether a time is midnight at the end of a day: 24:00, 24h, 24:00:00. */
static int
end_of_day(const char *s, size_t len)
{
	static const char *const rests[] = {
		":00", ":00:00", ".00", "h", "h00"
	};
	size_t i;

	if (len < 2 || memcmp(s, "24", 2) != 0)
		return 0;
	for (i = 0; i < sizeof(rests) / sizeof(rests[0]); i++)
		if (len - 2 == strlen(rests[i]) &&
		    memcmp(s + 2, rests[i], len - 2) == 0)
			return 1;
	return 0;
}

/*
 * For a time written as a number of 3 to 5 digits (len bytes at s):
 * into hhmm, the time its digits give ("0930": 09:30), or ""; into
 * yaml, the time whose plain HH:MM YAML 1.1 makes that number of
 * (sexagesimal: 10:30 is 630 to PyYAML; Ruby's reader counts seconds,
 * 37800, and 00:05 is its 300: *ruby is set), as a script writes it
 * back, or "".
 * Returns whether either is there.
 */
static int
time_as_number(const char *s, size_t len, char hhmm[6], char yaml[6],
    int *ruby)
{
	unsigned long n = 0;
	size_t i;

	hhmm[0] = yaml[0] = '\0';
	if (len < 3 || len > 5)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		n = n * 10 + (unsigned long)(s[i] - '0');
	}
	if (len <= 4 && n / 100 <= 23 && n % 100 <= 59)
		snprintf(hhmm, 6, "%02lu:%02lu", n / 100, n % 100);
	/* A number a script wrote back has no leading zero: PyYAML's
	 * minutes of 1:00 to 23:59; else, where the digits are no time,
	 * the seconds of Ruby's reader. */
	*ruby = 0;
	if (s[0] != '0' && n >= 600 && n < 24 * 60) {
		/* PyYAML's base 60 wants a first digit of 1 to 9: 10:00
		 * to 23:59. */
		snprintf(yaml, 6, "%02lu:%02lu", n / 60, n % 60);
	} else if (s[0] != '0' && (hhmm[0] == '\0' || n < 600) &&
	    n % 60 == 0 && n < 24 * 3600) {
		snprintf(yaml, 6, "%02lu:%02lu", n / 3600, n / 60 % 60);
		*ruby = 1;
	}
	if (strcmp(hhmm, yaml) == 0)
		yaml[0] = '\0';
	return hhmm[0] != '\0' || yaml[0] != '\0';
}

/* Reports a time that is not HH:MM, offering what it surely means. */
static void
bad_time(struct tl_load_ctx *ctx, const struct tl_node *t)
{
	char q[TL_QUOTE_SIZE], fixed[6], as_yaml[6];
	int ruby;

	tl_diags_quote(q, t->text, t->len);
	if (time_meant(t->text, t->len, fixed)) {
		tl_node_error(ctx, "time", t, "invalid time '%s': use 24-hour "
		    "HH:MM (did you mean '%s'?)", q, fixed);
		return;
	}
	if (time_as_number(t->text, t->len, fixed, as_yaml, &ruby)) {
		if (as_yaml[0] == '\0')
			tl_node_error(ctx, "time", t, "invalid time '%s': use "
			    "24-hour HH:MM, quoted (did you mean \"%s\"?)", q,
			    fixed);
		else
			tl_node_error(ctx, "time", t, "invalid time '%s': use "
			    "24-hour HH:MM, quoted: %s%s%s\"%s\"%s (%s reads "
			    "a plain %s as %s)", q, fixed[0] != '\0' ? "\"" :
			    "", fixed, fixed[0] != '\0' ? "\", or " : "",
			    as_yaml, fixed[0] != '\0' ? " if a script wrote "
			    "it" : "", ruby ? "Ruby's YAML" : "PyYAML", as_yaml,
			    q);
		return;
	}
	tl_node_error(ctx, "time", t, "invalid time '%s': use 24-hour HH:MM, "
	    "00:00 to 23:59%s", q, end_of_day(t->text, t->len) ?
	    " (the end of a day is 23:59, or 00:00 of the next day)" : "");
}

/* Copies a node's text into the set; NULL when memory runs out. */
static const char *
keep(struct tl_load_ctx *ctx, const struct tl_node *v)
{
	const char *s = tl_arena_strndup(&ctx->set->arena, v->text, v->len);

	if (s == NULL)
		ctx->oom = 1;
	return s;
}

/* A reference "id" or "timeline/id". */
static int
reference_ok(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);

	if (slash == NULL)
		return tl_slug_valid(s, len);
	return tl_slug_valid(s, (size_t)(slash - s)) &&
	    tl_slug_valid(slash + 1, len - (size_t)(slash - s) - 1);
}

/* What the checks of one milestone found, before it is copied. */
struct draft {
	struct keys k;
	int ok;			/* no error in the milestone */
	int date_ok;		/* the window (or reference) is known */
	struct tl_window window;
	int32_t noted;
	int time;
	uint8_t status, date_kind, before;
	const struct tl_node *ref, *offset;
	struct tl_ms_text *history;	/* date, noted: two an entry */
	size_t nhistory;
};

static void
check_relative(struct tl_load_ctx *ctx, const struct tl_node *map,
    struct draft *d)
{
	struct keys k;
	char why[TL_WHY_SIZE], q[TL_QUOTE_SIZE];
	struct tl_offset off;
	const struct tl_node *ref;
	int ok = 1;

	collect_keys(ctx, map, relative_keys, R_COUNT, &k, "a relative date");
	if (k.bad)
		ok = 0;
	if (k.key[R_AFTER] != NULL && k.key[R_BEFORE] != NULL) {
		tl_node_error(ctx, "relative", k.key[R_BEFORE], "a relative "
		    "date takes 'after' or 'before', not both");
		ok = 0;
	} else if (k.key[R_AFTER] == NULL && k.key[R_BEFORE] == NULL &&
	    !k.meant[R_AFTER] && !k.meant[R_BEFORE]) {
		tl_node_error(ctx, "missing-key", map, "a relative date needs "
		    "'after' or 'before' naming a milestone");
		ok = 0;
	}
	if (k.key[R_OFFSET] == NULL) {
		if (!k.meant[R_OFFSET])
			tl_node_error(ctx, "missing-key", map, "missing "
			    "required key 'offset' in a relative date (like "
			    "10d, 2w, ~1y)");
		ok = 0;
	}
	ref = k.value[R_AFTER] != NULL ? k.value[R_AFTER] : k.value[R_BEFORE];
	if (ref != NULL) {
		if (!is_string(ctx, ref, k.value[R_AFTER] ? "after" :
		    "before")) {
			ok = 0;
			ref = NULL;
		} else if (!reference_ok(ref->text, ref->len)) {
			tl_node_error(ctx, "reference", ref, "invalid "
			    "reference '%s': name a milestone by its id or as "
			    "timeline/id", tl_diags_quote(q, ref->text,
			    ref->len));
			ok = 0;
			ref = NULL;
		} else {
			typed_text(ctx, ref, k.value[R_AFTER] ? "after" :
			    "before");
		}
	}
	if (k.value[R_OFFSET] != NULL) {
		const struct tl_node *v = k.value[R_OFFSET];
		if (!is_string(ctx, v, "offset")) {
			ok = 0;
		} else if (tl_offset_parse(&off, v->text, v->len, why) < 0) {
			/* '-2w' after a milestone means 2w before it. */
			tl_node_error(ctx, "offset", v, "invalid offset '%s': "
			    "%s%s", tl_diags_quote(q, v->text, v->len), why,
			    v->len > 1 && v->text[0] == '-' ?
			    k.value[R_BEFORE] != NULL ? " (for a date "
			    "after the milestone, write 'after:')" : " (for a "
			    "date before the milestone, write 'before:')" : "");
			ok = 0;
		} else {
			d->offset = v;
		}
	}
	d->before = k.value[R_BEFORE] != NULL;
	d->ref = ref;
	d->date_kind = TL_DATE_RELATIVE;
	/* Placed whatever else is wrong in the milestone, so that a
	 * missing reference or a cycle through it is still found. */
	d->date_ok = ref != NULL && d->offset != NULL && ok;
	if (!ok)
		d->ok = 0;
}

/*
 * An end written as a length ("end: 3w"): says that an end is a date,
 * with the day it gives when the start is a day, and returns 1; else 0.
 */
static int
end_as_length(struct tl_load_ctx *ctx, const struct tl_node *v,
    const struct tl_window *start)
{
	struct tl_offset off;
	struct tl_window w;
	char why[TL_WHY_SIZE], q[TL_QUOTE_SIZE], day[16];

	if (v->kind != TL_NODE_SCALAR ||
	    tl_offset_parse(&off, v->text, v->len, why) < 0)
		return 0;
	tl_diags_quote(q, v->text, v->len);
	if (start->precision == TL_PREC_DAY && off.unit <= TL_UNIT_WEEK &&
	    off.count > 0 &&
	    tl_window_relative(&w, start, &off, 0, why) == 0) {
		/* The range holds its end's day: it ends the day before. */
		tl_day_format(day, sizeof(day), w.start - 1);
		tl_node_error(ctx, "date", v, "invalid date '%s': an end is "
		    "a date, not a length: a range of %s from the start ends "
		    "%s%s", q, q, (w.flags & TL_WIN_APPROX) ? "~" : "", day);
	} else {
		tl_node_error(ctx, "date", v, "invalid date '%s': an end is "
		    "a date, not a length: write the date the range ends on",
		    q);
	}
	return 1;
}

static void
check_dates(struct tl_load_ctx *ctx, const struct tl_node *map,
    struct draft *d)
{
	const struct keys *k = &d->k;
	struct tl_window s, e;
	char why[TL_WHY_SIZE];
	int sok, eok;

	if (k->key[M_DATE] != NULL && (k->key[M_START] != NULL ||
	    k->key[M_END] != NULL)) {
		tl_node_error(ctx, "date-and-range", k->key[M_START] ?
		    k->key[M_START] : k->key[M_END], "a milestone has either "
		    "'date' or 'start' and 'end', not both");
		d->ok = 0;
		return;
	}
	if (k->key[M_DATE] != NULL) {
		const struct tl_node *v = k->value[M_DATE];
		if (v == NULL) {
			d->ok = 0;
		} else if (v->kind == TL_NODE_MAPPING) {
			check_relative(ctx, v, d);
		} else if (plain_date(ctx, v, "date", IN_DATE, &d->window)) {
			d->date_ok = 1;
		} else {
			d->ok = 0;
		}
		return;
	}
	if (k->key[M_START] == NULL && k->key[M_END] == NULL) {
		if (!k->meant[M_DATE] && !k->meant[M_START] &&
		    !k->meant[M_END])
			tl_node_error(ctx, "missing-key", map, "missing "
			    "required key 'date' (or 'start' and 'end') in a "
			    "milestone");
		d->ok = 0;
		return;
	}
	if (k->key[M_START] == NULL || k->key[M_END] == NULL) {
		if (!k->meant[k->key[M_START] ? M_END : M_START])
			tl_node_error(ctx, "missing-key", map, "missing "
			    "required key '%s': a range needs both 'start' "
			    "and 'end'", k->key[M_START] ? "end" : "start");
		d->ok = 0;
		return;
	}
	d->date_kind = TL_DATE_RANGE;
	sok = k->value[M_START] != NULL &&
	    plain_date(ctx, k->value[M_START], "start", IN_RANGE, &s);
	eok = k->value[M_END] != NULL &&
	    !(sok && end_as_length(ctx, k->value[M_END], &s)) &&
	    plain_date(ctx, k->value[M_END], "end", IN_RANGE, &e);
	if (!sok || !eok) {
		d->ok = 0;
		return;
	}
	if (tl_window_range(&d->window, &s, &e, why) < 0) {
		tl_node_error(ctx, "range", k->value[M_END], "the range ends "
		    "before it starts: %s", why);
		d->ok = 0;
		return;
	}
	d->date_ok = 1;
}

/*
 * The zones that common abbreviations stand for.  An abbreviation names
 * an offset, not a place's rules, and several are ambiguous (CST, IST).
 */
static const struct {
	const char *abbr, *zone;
} zone_abbrs[] = {
	{ "ACDT", "Australia/Adelaide" }, { "ACST", "Australia/Adelaide" },
	{ "ADT", "America/Halifax" }, { "AEDT", "Australia/Sydney" },
	{ "AEST", "Australia/Sydney" }, { "AKDT", "America/Anchorage" },
	{ "AKST", "America/Anchorage" }, { "AST", "America/Halifax" },
	{ "AWST", "Australia/Perth" }, { "BRT", "America/Sao_Paulo" },
	{ "BST", "Europe/London" },
	{ "CDT", "America/Chicago (or Asia/Shanghai for China)" },
	{ "CEST", "Europe/Paris or Europe/Berlin" },
	{ "CST", "America/Chicago (or Asia/Shanghai for China)" },
	{ "CT", "America/Chicago" },
	{ "EAT", "Africa/Nairobi" }, { "EDT", "America/New_York" },
	{ "ET", "America/New_York (or Africa/Addis_Ababa for Ethiopia)" },
	{ "EEST", "Europe/Athens or Europe/Helsinki" },
	{ "HDT", "America/Adak" }, { "HKT", "Asia/Hong_Kong" },
	{ "IDT", "Asia/Jerusalem" },
	{ "IST", "Asia/Kolkata (or Europe/Dublin, Asia/Jerusalem)" },
	{ "JST", "Asia/Tokyo" }, { "KST", "Asia/Seoul" },
	{ "MDT", "America/Denver" }, { "MSK", "Europe/Moscow" },
	{ "MT", "America/Denver (or Europe/Malta for Malta)" },
	{ "NDT", "America/St_Johns" }, { "NST", "America/St_Johns" },
	{ "NZDT", "Pacific/Auckland" }, { "NZST", "Pacific/Auckland" },
	{ "PDT", "America/Los_Angeles" }, { "PHT", "Asia/Manila" },
	{ "PST", "America/Los_Angeles" },
	{ "PT", "America/Los_Angeles (or Europe/Lisbon for Portugal)" },
	{ "SAST", "Africa/Johannesburg" },
	{ "SGT", "Asia/Singapore" }, { "WAT", "Africa/Lagos" },
	{ "WEST", "Europe/Lisbon" }, { "WIB", "Asia/Jakarta" }
};

/* The zones of the names of North America's time, as said in words
 * ('Eastern', 'Pacific Time'). */
static const struct {
	const char *word, *zone;
} zone_words[] = {
	{ "Eastern", "America/New_York" }, { "Central", "America/Chicago" },
	{ "Mountain", "America/Denver" }, { "Pacific", "America/Los_Angeles" },
	{ "Alaska", "America/Anchorage" }, { "Hawaii", "Pacific/Honolulu" },
	{ "Atlantic", "America/Halifax" }
};

/* The zone that the time of a name in words stands for ('eastern time',
 * 'Pacific', Windows' 'Eastern Standard Time', Rails' 'Eastern Time (US
 * & Canada)'), or NULL. */
static const char *
worded_zone(const char *s, size_t len)
{
	static const char *const tails[] = {
		" (us & canada)", " time", " standard", " daylight"
	};
	size_t i, n;

	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		n = strlen(tails[i]);
		if (len > n && tl_same_but_case(s + len - n, n, tails[i]))
			len -= n;
	}
	for (i = 0; i < sizeof(zone_words) / sizeof(zone_words[0]); i++) {
		n = strlen(zone_words[i].word);
		if (len == n && tl_same_but_case(s, len, zone_words[i].word))
			return zone_words[i].zone;
	}
	return NULL;
}

/* Whether len bytes at s are 2 to 5 capital letters: an abbreviation. */
static int
is_abbreviation(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || len > 5)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

/* The zone a known abbreviation stands for, in any case, or NULL. */
static const char *
abbreviated_zone(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(zone_abbrs) / sizeof(zone_abbrs[0]); i++)
		if (tl_same_but_case(s, len, zone_abbrs[i].abbr))
			return zone_abbrs[i].zone;
	return NULL;
}

/*
 * Whether len bytes at s are an offset from UTC written as deadlines
 * are announced ("UTC-12", "GMT+5", "+09:00", "UTC\u22125:30", in any
 * case); *minutes receives it, east of Greenwich.
 */
static int
written_offset(const char *s, size_t len, int *minutes)
{
	size_t i = 0, at;
	int sign = -1, h, m = 0;

	if (len >= 3 && (tl_same_but_case(s, 3, "UTC") ||
	    tl_same_but_case(s, 3, "GMT")))
		i = 3;
	else if (len >= 2 && tl_same_but_case(s, 2, "UT"))
		i = 2;
	if (i < len && s[i] == ' ')
		i++;
	/* '-', U+2212 MINUS SIGN or U+2013 EN DASH; '+'. */
	if (i < len && (s[i] == '-' || s[i] == '+'))
		sign = s[i++] == '+' ? 1 : -1;
	else if (len - i >= 3 && (memcmp(s + i, "\xe2\x88\x92", 3) == 0 ||
	    memcmp(s + i, "\xe2\x80\x93", 3) == 0))
		i += 3;
	else
		return 0;
	if ((h = digits(s, len, &i, 2)) < 0)
		return 0;
	if (i < len) {
		if (s[i] == ':')
			i++;
		at = i;
		if ((m = digits(s, len, &i, 2)) < 0 || i != at + 2)
			return 0;
	}
	if (i != len || m > 59)
		return 0;
	*minutes = sign * (h * 60 + m);
	return 1;
}

/*
 * A place whose clocks keep an offset of whole hours and some minutes
 * (for part of the year at least), for an example; Asia/Kolkata's for
 * another.
 */
static const char *
place_of(int minutes)
{
	static const struct {
		int minutes;
		const char *zone;
	} places[] = {
		{ -570, "Pacific/Marquesas" }, { -210, "America/St_Johns" },
		{ 210, "Asia/Tehran" }, { 270, "Asia/Kabul" },
		{ 345, "Asia/Kathmandu" }, { 390, "Asia/Yangon" },
		{ 525, "Australia/Eucla" }, { 570, "Australia/Darwin" },
		{ 630, "Australia/Lord_Howe" }, { 765, "Pacific/Chatham" }
	};
	size_t i;

	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++)
		if (places[i].minutes == minutes)
			return places[i].zone;
	return "Asia/Kolkata";
}

/*
 * Reports a zone written as an offset from UTC, or as AoE or Z, with the
 * zone of the tz database it is; 0 when z is neither, or no zone is that
 * offset.  An Etc/GMT zone's sign is POSIX's: Etc/GMT+12 is UTC-12.
 */
static int
offset_zone(struct tl_load_ctx *ctx, const struct tl_node *z, const char *q)
{
	static const char reversed[] = "(the sign of an Etc/GMT zone is "
	    "reversed)";
	int minutes, h;

	if (tl_same_but_case(z->text, z->len, "AoE")) {
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s': "
		    "Anywhere on Earth is Etc/GMT+12, which is UTC-12 %s", q,
		    reversed);
		return 1;
	}
	/* ISO 8601's Z, as a timestamp ends ('10:00:00Z'). */
	if (z->len == 1 && (z->text[0] == 'Z' || z->text[0] == 'z')) {
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s': "
		    "use UTC", q);
		return 1;
	}
	if (!written_offset(z->text, z->len, &minutes))
		return 0;
	h = minutes / 60;
	if (minutes == 0)
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s': "
		    "use UTC", q);
	else if (minutes % 60 != 0)
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s': no "
		    "zone is named by an offset with minutes; use the zone of "
		    "the place (an IANA name such as %s)", q,
		    place_of(minutes));
	else if (h >= -12 && h <= 14)
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s': use "
		    "Etc/GMT%+d, which is UTC%+d %s, or the zone of a place", q,
		    -h, h, reversed);
	else
		return 0;
	return 1;
}

/*
 * Reports that the file of the zone z names (or of the zone looked up to
 * tell whether the system has a tz database) is there and could not be
 * read, errno saying why: the system's problem, not the data's, which
 * makes the loading fail with TL_EIO.  Returns TL_ZONE_UNKNOWN: nothing
 * more is said of the zone.
 */
static int
zone_unread(struct tl_load_ctx *ctx, const struct tl_node *z)
{
	char q[TL_QUOTE_SIZE];
	int saved = errno;

	tl_diags_quote(q, z->text, z->len);
	ctx->io = saved != 0 ? saved : EIO;
	tl_node_error(ctx, "file", z, "cannot read the file of time zone "
	    "'%s': %s", q, tl_errno_text(ctx->io));
	return TL_ZONE_UNKNOWN;
}

/* Reports tzdata's stand-in for a zone not set yet (in any capitals),
 * which no place keeps; returns whether z is it. */
static int
factory_zone(struct tl_load_ctx *ctx, const struct tl_node *z)
{
	char q[TL_QUOTE_SIZE];

	if (!tl_same_but_case(z->text, z->len, "Factory"))
		return 0;
	tl_node_error(ctx, "timezone", z, "unknown time zone '%s': it stands "
	    "for a zone not set yet; use the zone of the place (an IANA name "
	    "such as Europe/Berlin)", tl_diags_quote(q, z->text, z->len));
	return 1;
}

/*
 * Reports a zone that is not an IANA zone's name: what a known
 * abbreviation stands for ('PST' is not a misspelt 'CET': abbreviations
 * are never near each other by their letters), else the closest name.
 */
static void
unknown_zone(struct tl_load_ctx *ctx, const struct tl_node *z)
{
	char q[TL_QUOTE_SIZE], close[128];
	const char *zone;
	struct tl_zone *known;
	int r;

	tl_diags_quote(q, z->text, z->len);
	/* Without a tz database no zone is known: say so, not a name. */
	if ((r = tl_zone_memo_find(&ctx->zones, "Europe/Berlin", &known,
	    NULL)) == TL_EIO) {
		(void)zone_unread(ctx, z);
		return;
	}
	if (r < 0) {
		ctx->oom = 1;
		return;
	}
	if (known == NULL) {
		tl_node_error(ctx, "timezone", z, "cannot check time zone "
		    "'%s': this system has no time zone database (install "
		    "tzdata)", q);
		return;
	}
	if (offset_zone(ctx, z, q) || factory_zone(ctx, z))
		return;
	if ((zone = abbreviated_zone(z->text, z->len)) != NULL) {
		tl_node_error(ctx, "timezone", z, "unknown time zone "
		    "'%s': an abbreviation is not a zone; use %s", q, zone);
		return;
	}
	if ((zone = worded_zone(z->text, z->len)) != NULL) {
		tl_node_error(ctx, "timezone", z, "unknown time zone "
		    "'%s': use the IANA name of a place on that time, such as "
		    "%s", q, zone);
		return;
	}
	/* An abbreviation may be a zone in other capitals (ZULU), and is
	 * near no other. */
	if (strlen(z->text) == z->len &&
	    (r = tl_zone_suggest(&ctx->zones, z->text, close,
	    sizeof(close))) <= 0 &&
	    (r < 0 || !is_abbreviation(z->text, z->len) ||
	    tl_same_but_case(z->text, z->len, close))) {
		if (r < 0)
			ctx->oom = 1;
		else
			tl_node_error(ctx, "timezone", z, "unknown time zone "
			    "'%s' (did you mean '%s'?)", q, close);
		return;
	}
	if (is_abbreviation(z->text, z->len))
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s': an "
		    "abbreviation is not a zone; use an IANA name such as "
		    "Europe/Berlin", q);
	else
		tl_node_error(ctx, "timezone", z, "unknown time zone '%s' (use "
		    "an IANA name such as Europe/Berlin)", q);
}

/*
 * Warns of the zones of tzdata that hold one offset all year, though
 * their names suggest a region's clocks: EST is -05:00 in July too.
 * Returns whether it warned.
 */
static int
fixed_zone(struct tl_load_ctx *ctx, const struct tl_node *z)
{
	static const struct {
		const char *name, *offset, *zone;
	} fixed[] = {
		{ "EST", "-05:00", "America/New_York" },
		{ "MST", "-07:00", "America/Denver (or America/Phoenix)" },
		{ "HST", "-10:00", "Pacific/Honolulu" }
	};
	uint32_t line, col;
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (z->len == 3 && memcmp(z->text, fixed[i].name, 3) == 0)
			break;
	if (i == sizeof(fixed) / sizeof(fixed[0]))
		return 0;
	tl_node_where(ctx, z, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "timezone-fixed",
	    ctx->file, ctx->file_index, line, col, "time zone '%s' is %s all "
	    "year, without summer time; for the clocks of a place use %s",
	    fixed[i].name, fixed[i].offset, fixed[i].zone) < 0)
		ctx->oom = 1;
	return 1;
}

/*
 * Warns of a zone written by an old name (a link of the tz database):
 * calendar servers that know zones by the current names only (sabre/
 * vobject, under Nextcloud and Baikal) read such a TZID as UTC.
 */
static void
old_zone(struct tl_load_ctx *ctx, const struct tl_node *z,
    const char *current)
{
	uint32_t line, col;

	tl_node_where(ctx, z, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "timezone-old",
	    ctx->file, ctx->file_index, line, col, "time zone '%s' is an old "
	    "name: write %s (some calendars read old names as UTC)", z->text,
	    current) < 0)
		ctx->oom = 1;
}

/*
 * Warns that the time of day (text) occurs twice on day in zone: at the
 * milestone's id, as every warning of a milestone, with a note at the
 * time.
 */
static void
fold_warning(struct tl_load_ctx *ctx, const struct keys *k,
    const char *time, const char *day, const char *zone)
{
	const struct tl_node *at = k->value[M_ID] != NULL ? k->value[M_ID] :
	    k->value[M_TIME];
	uint32_t line, col;

	tl_node_where(ctx, at, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "time-fold", ctx->file,
	    ctx->file_index, line, col, "%s occurs twice on %s in %s (the "
	    "clocks go back); the first is meant", time, day, zone) < 0) {
		ctx->oom = 1;
		return;
	}
	tl_node_where(ctx, k->value[M_TIME], &line, &col);
	if (tl_diags_note(ctx->diags, ctx->file, line, col, "the time is "
	    "given here") < 0)
		ctx->oom = 1;
}

/*
 * Reports a key missing from map (message) that the key present needs,
 * at the start of the mapping as every missing key, with a note at
 * present (what).
 */
static void
missing_partner(struct tl_load_ctx *ctx, const struct tl_node *map,
    const struct tl_node *present, const char *message, const char *what)
{
	uint32_t line, col;

	/* In a mapping cut short by a YAML error, tl_node_error() drops
	 * a missing key, and so its note goes too. */
	if (ctx->cut ||
	    tl_node_error(ctx, "missing-key", map, "%s", message) != 0)
		return;
	tl_node_where(ctx, present, &line, &col);
	if (tl_diags_note(ctx->diags, ctx->file, line, col, "%s", what) < 0)
		ctx->oom = 1;
}

/*
 * Finds the zone z and how the time of day minute falls in it on day
 * (TL_ZONE_OK, TL_ZONE_GAP or TL_ZONE_FOLD), with a warning of a fixed
 * offset or an old name, and sets *found; a zone that does not exist is
 * reported (TL_ZONE_UNKNOWN).  TL_ENOMEM when memory ran out.
 */
static int
time_in_zone(struct tl_load_ctx *ctx, const struct tl_node *z, int32_t day,
    int minute, int *found, int *dst)
{
	const char *current;
	struct tl_zone *zone;
	int r;

	if ((r = tl_zone_memo_find(&ctx->zones, z->text, &zone,
	    &current)) == TL_EIO)
		return zone_unread(ctx, z);
	if (r < 0)
		return TL_ENOMEM;
	if (zone == NULL) {
		unknown_zone(ctx, z);
		return TL_ZONE_UNKNOWN;
	}
	if (factory_zone(ctx, z))
		return TL_ZONE_UNKNOWN;
	r = tl_zone_offset(zone, day, minute, NULL);
	*dst = r == TL_ZONE_GAP && tl_zone_dst_changes(zone, day, minute);
	/* Where the database makes EST a link (of America/Panama), the
	 * advice for EST stands alone. */
	if (!fixed_zone(ctx, z) && current != NULL)
		old_zone(ctx, z, current);
	*found = 1;
	return r;
}

/*
 * Checks 'time' and 'timezone' together; returns 1 when they are absent
 * or good (and sets d->time), 0 after reporting what is wrong.
 */
static int
time_ok(struct tl_load_ctx *ctx, const struct tl_node *map, struct draft *d)
{
	const struct keys *k = &d->k;
	const struct tl_node *t = k->value[M_TIME], *z = k->value[M_TIMEZONE];
	char q[TL_QUOTE_SIZE];
	int r, minute = -1, zone_ok = 0, exact, dst = 0;

	d->time = -1;
	if (k->key[M_TIME] == NULL && k->key[M_TIMEZONE] == NULL)
		return 1;
	if (k->key[M_TIMEZONE] == NULL && !k->meant[M_TIMEZONE])
		missing_partner(ctx, map, k->key[M_TIME], "missing required "
		    "key 'timezone': 'time' needs a zone too (an IANA zone "
		    "such as Europe/Berlin)", "'time' is given here");
	if (k->key[M_TIME] == NULL && !k->meant[M_TIME])
		missing_partner(ctx, map, k->key[M_TIMEZONE], "missing "
		    "required key 'time': 'timezone' goes with a time of day "
		    "(\"09:30\")", "'timezone' is given here");
	if (t != NULL && is_string(ctx, t, "time") &&
	    (minute = parse_time(t->text, t->len)) < 0)
		bad_time(ctx, t);
	else if (t != NULL && minute >= 0)
		typed_text(ctx, t, "time");	/* 10:30 is 630 to YAML 1.1 */
	exact = d->date_kind == TL_DATE_PLAIN && d->date_ok &&
	    d->window.precision == TL_PREC_DAY &&
	    !(d->window.flags & TL_WIN_APPROX);
	if (z != NULL && one_line(ctx, z, "timezone")) {
		/* One look-up tells both whether the zone exists and how
		 * the time falls in it; without a day, noon of a plain day
		 * answers the first. */
		if ((r = time_in_zone(ctx, z, exact ? d->window.start :
		    tl_day_from_ymd(2000, 1, 1), exact && minute >= 0 ?
		    minute : 12 * 60, &zone_ok, &dst)) < 0) {
			ctx->oom = 1;
			return 0;
		}
	} else {
		r = TL_ZONE_OK;
	}
	/* A relative date's day is known once it is placed: resolve.c
	 * checks the time on it then. */
	if (t != NULL && !exact && d->date_kind != TL_DATE_RELATIVE &&
	    (d->date_ok || d->date_kind != TL_DATE_PLAIN)) {
		tl_node_error(ctx, "time", t, "'time' needs a plain, exact day "
		    "in 'date' (YYYY-MM-DD), not %s",
		    d->date_kind == TL_DATE_RANGE ? "a range" :
		    (d->window.flags & TL_WIN_APPROX) ? "an approximate date" :
		    "a coarser date");
		return 0;
	}
	if (minute < 0 || !zone_ok)
		return 0;
	if (d->date_kind == TL_DATE_RELATIVE) {
		d->time = minute;
		return 1;
	}
	if (!exact)
		return 0;
	if (r == TL_ZONE_GAP) {
		tl_node_error(ctx, "time-gap", t, "%s does not exist on %s in "
		    "%s: the clocks skip it (%s)",
		    tl_diags_quote(q, t->text, t->len), k->value[M_DATE]->text,
		    z->text, dst ? "daylight saving time" :
		    "the zone changed its offset");
		return 0;
	}
	if (r == TL_ZONE_FOLD)
		fold_warning(ctx, k, t->text, k->value[M_DATE]->text, z->text);
	d->time = minute;
	return 1;
}

static void
check_time(struct tl_load_ctx *ctx, const struct tl_node *map,
    struct draft *d)
{
	if (!time_ok(ctx, map, d))
		d->ok = 0;
}

/* The text of a scalar node for a record; none for NULL. */
static struct tl_ms_text
text_of(const struct tl_node *v)
{
	struct tl_ms_text t = { NULL, 0 };

	if (v != NULL && v->kind == TL_NODE_SCALAR) {
		t.s = v->text;
		t.len = v->len;
	}
	return t;
}

/* An array of n texts in the scratch arena; NULL (and ctx->oom) when
 * memory runs out. */
static struct tl_ms_text *
new_texts(struct tl_load_ctx *ctx, size_t n)
{
	struct tl_ms_text *t = NULL;

	if (n > 0 && (n > SIZE_MAX / sizeof(*t) ||
	    (t = tl_arena_alloc(ctx->scratch, n * sizeof(*t))) == NULL))
		ctx->oom = 1;
	return t;
}

/* Warns when a history entry was noted before the entry written above. */
static void
history_order(struct tl_load_ctx *ctx, const struct tl_node *at,
    int32_t noted, int32_t before)
{
	char a[16], b[16];
	uint32_t line, col;

	if (noted == TL_DAY_NONE || before == TL_DAY_NONE || noted >= before)
		return;
	tl_day_format(a, sizeof(a), noted);
	tl_day_format(b, sizeof(b), before);
	tl_node_where(ctx, at, &line, &col);
	if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "history-order",
	    ctx->file, ctx->file_index, line, col, "history is not "
	    "oldest first: noted %s comes after %s", a, b) < 0)
		ctx->oom = 1;
}

/*
 * Checks the history list, oldest first, and keeps each entry's date
 * and noted day in d; returns 1 when every entry is good, else 0.
 */
static int
check_history(struct tl_load_ctx *ctx, const struct tl_node *seq,
    struct draft *d)
{
	const struct tl_node *item;
	struct tl_history h;
	struct keys k;
	int32_t last = TL_DAY_NONE;
	int ok = 1;

	/* An empty list ('history: []') is good and holds nothing. */
	if (seq->count == 0)
		return 1;
	if ((d->history = new_texts(ctx, 2 * seq->count)) == NULL)
		return 0;
	for (item = seq->child; item != NULL; item = item->next) {
		if (item->kind != TL_NODE_MAPPING) {
			if (item->kind != TL_NODE_INVALID)
				tl_node_error(ctx, "kind", item, "a history "
				    "entry must be a mapping with 'date' and "
				    "optionally 'noted'");
			ok = 0;
			continue;
		}
		collect_keys(ctx, item, history_keys, E_COUNT, &k,
		    "a history entry");
		if (k.bad)
			ok = 0;
		require(ctx, item, &k, E_DATE, "date", "a history entry");
		h.noted = TL_DAY_NONE;
		if (k.value[E_DATE] == NULL ||
		    !plain_date(ctx, k.value[E_DATE], "date", IN_HISTORY,
		    &h.window))
			ok = 0;
		if (k.value[E_NOTED] != NULL &&
		    !plain_day(ctx, k.value[E_NOTED], "noted", &h.noted))
			ok = 0;
		if (h.noted != TL_DAY_NONE) {
			history_order(ctx, k.value[E_NOTED], h.noted, last);
			last = h.noted;
		}
		d->history[2 * d->nhistory] = text_of(k.value[E_DATE]);
		d->history[2 * d->nhistory + 1] = text_of(k.value[E_NOTED]);
		d->nhistory++;
	}
	return ok;
}

static int
check_status(struct tl_load_ctx *ctx, const struct tl_node *v)
{
	char q[TL_QUOTE_SIZE], folded[32], odd[64];
	const char *close;
	size_t flen;
	uint32_t first;
	int s;

	if (!is_string(ctx, v, "status"))
		return -1;
	if ((s = tl_status_from_name(v->text)) >= 0 &&
	    strlen(v->text) == v->len)
		return s;
	tl_diags_quote(q, v->text, v->len);
	/* 'at\u2011risk': compared with its dashes as '-'. */
	flen = tl_utf8_fold(folded, sizeof(folded), v->text, v->len, &first);
	if (first != 0 && flen < sizeof(folded) &&
	    (s = tl_status_from_name(folded)) >= 0 && strlen(folded) == flen) {
		tl_node_error(ctx, "status", v, "unknown status '%s': %s (did "
		    "you mean '%s'?)", q, tl_utf8_describe(odd, sizeof(odd),
		    first), tl_status_name((enum tl_status)s));
		return -1;
	}
	if ((flen = before_hash(v)) > 0 && flen < v->len &&
	    (s = tl_status_meant(v->text, flen)) >= 0) {
		tl_node_error(ctx, "status", v, "unknown status '%s': a '#' "
		    "starts a comment only after a blank (did you mean '%s'?)",
		    q, tl_status_name((enum tl_status)s));
		return -1;
	}
	close = suggest_status(v->text, v->len);
	if (close != NULL)
		tl_node_error(ctx, "status", v, "unknown status '%s' (did you "
		    "mean '%s'?)", q, close);
	else
		tl_node_error(ctx, "status", v, "unknown status '%s': use "
		    "planned, done, at-risk, slipped or cancelled", q);
	return -1;
}

/*
 * Warns of an entry of a list given before in it (among the first 64:
 * a longer list is no one's hand work), at the second.
 */
static void
repeated(struct tl_load_ctx *ctx, const struct tl_node *v,
    const struct tl_node *item, size_t at, const char *name)
{
	const struct tl_node *e;
	uint32_t line, col, first_line, first_col;
	char q[TL_QUOTE_SIZE];

	if (at >= 64)
		return;
	for (e = v->child; e != item; e = e->next) {
		if (e->kind != TL_NODE_SCALAR || e->len != item->len ||
		    memcmp(e->text, item->text, item->len) != 0)
			continue;
		tl_node_where(ctx, e, &first_line, &first_col);
		tl_node_where(ctx, item, &line, &col);
		if (tl_diags_add(ctx->diags, TL_LEVEL_WARNING, "repeated",
		    ctx->file, ctx->file_index, line, col, "%s '%s' is given "
		    "before, at %u:%u: delete this one", name,
		    tl_diags_quote(q, item->text, item->len),
		    (unsigned)first_line, (unsigned)first_col) < 0)
			ctx->oom = 1;
		return;
	}
}

/* Checks every entry of a list of slugs or URLs. */
static int
check_list(struct tl_load_ctx *ctx, const struct tl_node *v, const char *name,
    int urls)
{
	const struct tl_node *item;
	size_t at = 0;
	int ok = 1;

	if (!sequence(ctx, v, name))
		return 0;
	for (item = v->child; item != NULL; item = item->next, at++) {
		if (item->kind == TL_NODE_INVALID)
			ok = 0;
		else if (urls ? !url(ctx, item, "link") :
		    !slug(ctx, item, "tag"))
			ok = 0;
		else
			repeated(ctx, v, item, at, urls ? "link" : "tag");
	}
	return ok;
}

/* The texts of a list of scalars, for a record. */
static struct tl_ms_text *
list_of(struct tl_load_ctx *ctx, const struct tl_node *seq, size_t *n)
{
	const struct tl_node *item;
	struct tl_ms_text *t;

	*n = 0;
	if (seq == NULL || (t = new_texts(ctx, seq->count)) == NULL)
		return NULL;
	for (item = seq->child; item != NULL; item = item->next)
		t[(*n)++] = text_of(item);
	return t;
}

/*
 * Makes the record of a checked milestone and adds it to the set.  A
 * milestone with errors keeps only its id, title and date, for the
 * diagnostics of others; a set that is only checked keeps no texts but
 * its id, date and history.  Returns 0 or TL_ENOMEM.
 */
static int
build(struct tl_load_ctx *ctx, const struct draft *d, const struct tl_node *id)
{
	const struct keys *k = &d->k;
	int lean = (ctx->set->flags & TL_SET_CHECK_ONLY) != 0;
	int full = d->ok && !lean;
	struct tl_milestone *m;
	struct tl_ms_parts p;
	uint32_t ref[2], offset[2];

	memset(&p, 0, sizeof(p));
	p.timeline = &ctx->timeline->pub;
	tl_node_where(ctx, id, &p.line, &p.col);
	p.window = d->window;
	p.noted = d->noted;
	p.time = d->ok ? d->time : -1;
	p.status = d->status;
	p.date_kind = d->date_kind;
	p.before = d->before;
	p.flawed = !d->ok;
	p.resolved = !d->date_ok ? TL_RES_FAILED :
	    d->date_kind == TL_DATE_RELATIVE ? TL_RES_PENDING : TL_RES_DONE;
	p.id = text_of(id);
	if (!lean)
		p.title = text_of(k->value[M_TITLE]);
	if (d->date_kind == TL_DATE_RELATIVE && d->date_ok) {
		p.date = text_of(d->ref);
		p.end = text_of(d->offset);
	} else if (d->date_kind == TL_DATE_RANGE && d->date_ok) {
		p.date = text_of(k->value[M_START]);
		p.end = text_of(k->value[M_END]);
	} else if (d->date_ok) {
		p.date = text_of(k->value[M_DATE]);
	}
	if (full) {
		p.description = text_of(k->value[M_DESCRIPTION]);
		p.location = text_of(k->value[M_LOCATION]);
		if (d->time >= 0)
			p.timezone = text_of(k->value[M_TIMEZONE]);
		p.tags = list_of(ctx, k->value[M_TAGS], &p.ntags);
		p.links = list_of(ctx, k->value[M_LINKS], &p.nlinks);
	} else if (d->ok && d->time >= 0 && d->date_kind == TL_DATE_RELATIVE) {
		/* Its time is checked on its day when it is placed. */
		p.timezone = text_of(k->value[M_TIMEZONE]);
	}
	/* Kept when only checked too: its noted days are warned about. */
	if (d->ok) {
		p.history = d->history;
		p.nhistory = d->nhistory;
	}
	if (ctx->oom || (m = tl_milestone_new(&ctx->set->arena, &p)) == NULL)
		return TL_ENOMEM;
	if (tl_set_push(ctx->set, m) < 0)
		return TL_ENOMEM;
	if (m->resolved == TL_RES_PENDING) {
		tl_node_where(ctx, d->ref, &ref[0], &ref[1]);
		tl_node_where(ctx, d->offset, &offset[0], &offset[1]);
		if (tl_set_push_relative(ctx->set, m, ref, offset) < 0)
			return TL_ENOMEM;
	}
	return 0;
}

/*
 * A milestone's keys written as list items of their own, a '-' before
 * each ("- id: a", "- title: A", "- date: 2026"): the item of one key
 * that starts such a run is told why its other keys are missing; the
 * items that go on with the same milestone's keys (none given before in
 * the run, no 'id') are not told again.  Marks every key of those as
 * meant, so that none is also reported missing.
 */
static void
split_milestone(struct tl_load_ctx *ctx, const struct tl_node *map,
    struct keys *k)
{
	unsigned mask = 0, n = 0;
	int i, first = -1;

	for (i = 0; i < M_COUNT; i++)
		if (k->key[i] != NULL) {
			mask |= 1u << i;
			first = first < 0 ? i : first;
			n++;
		}
	/* Cut short by a YAML error, a milestone misses no key. */
	if (k->bad || n == 0 || ctx->cut || map->count != 2 * (size_t)n ||
	    ((mask & (1u << M_ID)) && (mask & (1u << M_TITLE)))) {
		ctx->split_keys = 0;
		return;
	}
	if (ctx->split_keys != 0 && !(mask & (1u << M_ID)) &&
	    !(ctx->split_keys & mask)) {
		ctx->split_keys |= mask;
	} else if (n == 1) {
		ctx->split_keys = mask;
		tl_node_error(ctx, "missing-key", map, "this milestone holds "
		    "only '%s': a milestone needs 'id', 'title' and 'date' in "
		    "one mapping, and a '-' before each key makes each a "
		    "milestone of its own: write '-' only before the first",
		    milestone_keys[first]);
	} else {
		ctx->split_keys = 0;
		return;
	}
	memset(k->meant, 1, M_COUNT);
}

/* Reports a milestone's missing title, naming the milestone by its id
 * when it has one. */
static void
require_title(struct tl_load_ctx *ctx, const struct tl_node *map,
    const struct keys *k)
{
	const struct tl_node *v = k->value[M_ID];
	char q[TL_QUOTE_SIZE], what[TL_QUOTE_SIZE + 16];

	/* Nearly every milestone has its title: nothing to make. */
	if (k->key[M_TITLE] != NULL || k->meant[M_TITLE])
		return;
	if (v == NULL || v->kind != TL_NODE_SCALAR || v->len > 64) {
		require(ctx, map, k, M_TITLE, "title", "a milestone");
		return;
	}
	tl_diags_quote(q, v->text, v->len);
	snprintf(what, sizeof(what), "milestone '%s'", q);
	require(ctx, map, k, M_TITLE, "title", what);
}

/* Checks one milestone mapping and adds it to the set.  Returns 0 or
 * TL_ENOMEM. */
static int
check_milestone(struct tl_load_ctx *ctx, const struct tl_node *map)
{
	struct draft d;
	struct keys *k = &d.k;
	int s, id_ok;
	const struct tl_node *v;

	memset(&d, 0, sizeof(d));
	d.ok = 1;
	d.noted = TL_DAY_NONE;
	collect_keys(ctx, map, milestone_keys, M_COUNT, k, "a milestone");
	if (k->bad)
		d.ok = 0;
	split_milestone(ctx, map, k);
	require(ctx, map, k, M_ID, "id", "a milestone");
	require_title(ctx, map, k);
	if (k->key[M_ID] == NULL || k->key[M_TITLE] == NULL)
		d.ok = 0;
	id_ok = k->value[M_ID] != NULL && slug(ctx, k->value[M_ID], "id");
	if (k->value[M_ID] != NULL && !id_ok)
		d.ok = 0;
	if (k->value[M_TITLE] != NULL && !one_line(ctx, k->value[M_TITLE],
	    "title"))
		d.ok = 0;
	if (k->value[M_TITLE] != NULL) {
		null_text(ctx, k->value[M_TITLE], "title", 1);
		hash_after(ctx, k->value[M_TITLE], "title");
	}
	check_dates(ctx, map, &d);
	check_time(ctx, map, &d);
	if ((v = k->value[M_STATUS]) != NULL) {
		if ((s = check_status(ctx, v)) < 0)
			d.ok = 0;
		else
			d.status = (uint8_t)s;
	}
	if ((v = k->value[M_TAGS]) != NULL && !check_list(ctx, v, "tags", 0))
		d.ok = 0;
	if ((v = k->value[M_LINKS]) != NULL && !check_list(ctx, v, "links", 1))
		d.ok = 0;
	if ((v = k->value[M_LOCATION]) != NULL && !one_line(ctx, v,
	    "location"))
		d.ok = 0;
	if ((v = k->value[M_DESCRIPTION]) != NULL && !multi_line(ctx, v,
	    "description"))
		d.ok = 0;
	if ((v = k->value[M_LOCATION]) != NULL) {
		null_text(ctx, v, "location", 0);
		hash_after(ctx, v, "location");
	}
	if ((v = k->value[M_DESCRIPTION]) != NULL)
		null_text(ctx, v, "description", 0);
	if ((v = k->value[M_NOTED]) != NULL && !plain_day(ctx, v, "noted",
	    &d.noted))
		d.ok = 0;
	if ((v = k->value[M_HISTORY]) != NULL && (!sequence(ctx, v,
	    "history") || !check_history(ctx, v, &d))) {
		d.ok = 0;
		d.nhistory = 0;
	}
	if (ctx->oom)
		return TL_ENOMEM;

	/*
	 * A milestone is kept whenever its id is good, so that references
	 * to it and duplicates of it are reported rightly; the set is not
	 * exported while any error stands, and then only the id is kept.
	 */
	if (!id_ok)
		return 0;
	v = k->value[M_ID];
	/* Ids used twice are found when the set is indexed. */
	return build(ctx, &d, v) < 0 || ctx->oom ? TL_ENOMEM : 0;
}

/* Whether a mapping holds milestones by name ('first: {title: ...}'). */
static int
by_id(const struct tl_node *v)
{
	return v->kind == TL_NODE_MAPPING && v->child != NULL &&
	    v->child->next != NULL &&
	    v->child->next->kind == TL_NODE_MAPPING;
}

/* Whether a mapping's first key is a key with '-' before it ('-id'), a
 * list item without the blank after its '-'. */
static int
dash_key(const struct tl_node *v)
{
	const struct tl_node *k = v->child;

	return v->kind == TL_NODE_MAPPING && k != NULL &&
	    k->kind == TL_NODE_SCALAR && k->plain && k->len >= 2 &&
	    k->len <= 32 && k->text[0] == '-' &&
	    (((k->text[1] | 0x20) >= 'a' && (k->text[1] | 0x20) <= 'z') ||
	    (k->text[1] >= '0' && k->text[1] <= '9'));
}

/*
 * Whether map has 'timeline' or 'milestones', or a key one edit from one
 * in any capitals ('milestone', 'Timelines'): a timeline file, to be
 * checked key by key.  Another YAML file ('timezone: UTC') is not.
 */
static int
looks_like_timeline(const struct tl_node *map)
{
	static const char *const names[] = { "timeline", "milestones" };
	const struct tl_node *key;
	char low[16];
	size_t i, n;

	for (key = map->child; key != NULL && key->next != NULL;
	    key = key->next->next) {
		if (key->kind != TL_NODE_SCALAR || key->len >= sizeof(low))
			continue;
		for (i = 0; i < key->len; i++)
			low[i] = (char)tl_ascii_lower(
			    (unsigned char)key->text[i]);
		for (n = 0; n < 2; n++)
			if (tl_edit_distance(low, key->len, names[n],
			    strlen(names[n])) <= 1)
				return 1;
	}
	return 0;
}

int
tl_check_header(struct tl_load_ctx *ctx, const struct tl_node *root,
    const struct tl_node *milestones)
{
	struct tl_timeline_rec *t = ctx->timeline;
	struct keys k;
	const struct tl_node *v;

	if (!looks_like_timeline(root)) {
		/* What a file of another tool uses is none of its faults. */
		static const char *const theirs[] = {
			"alias", "anchor", "tag", "merge-key", "comment"
		};
		tl_diags_drop(ctx->diags, ctx->diags_from, ctx->file_index,
		    theirs, sizeof(theirs) / sizeof(theirs[0]));
		tl_node_error(ctx, "not-a-timeline", root, "this does not look "
		    "like a timeline file: it has no 'timeline' or "
		    "'milestones' key");
		return ctx->oom ? TL_ENOMEM : 0;
	}
	collect_keys(ctx, root, header_keys, H_COUNT, &k, "the top level");
	require(ctx, root, &k, H_TIMELINE, "timeline", "the top level");
	require(ctx, root, &k, H_MILESTONES, "milestones", "the top level");
	t->pub.name = "";
	if ((v = k.value[H_TIMELINE]) != NULL && v->kind == TL_NODE_MAPPING)
		tl_node_error(ctx, "kind", v, "'timeline' must be the "
		    "timeline's name, not a mapping: write 'timeline: NAME' "
		    "and give 'title', 'description' and 'url' at the top "
		    "level");
	else if (v != NULL && is_string(ctx, v, "timeline") &&
	    slug(ctx, v, "timeline name")) {
		tl_node_where(ctx, v, &t->pub.line, &t->pub.col);
		if ((t->pub.name = keep(ctx, v)) == NULL)
			return TL_ENOMEM;
	}
	if ((v = k.value[H_TITLE]) != NULL && one_line(ctx, v, "title")) {
		null_text(ctx, v, "title", 0);
		hash_after(ctx, v, "title");
		t->pub.title = keep(ctx, v);
	}
	if ((v = k.value[H_DESCRIPTION]) != NULL && multi_line(ctx, v,
	    "description")) {
		null_text(ctx, v, "description", 0);
		t->pub.description = keep(ctx, v);
	}
	if ((v = k.value[H_URL]) != NULL && url(ctx, v, "url"))
		t->pub.url = keep(ctx, v);
	if ((v = k.value[H_MILESTONES]) != NULL && v != milestones &&
	    dash_key(v))
		tl_node_error(ctx, "kind", v, "'milestones' must be a sequence "
		    "of milestones, not %s: put a space after the '-' in "
		    "'%.32s' to start a list item", kind_name(v),
		    v->child->text);
	else if (v != NULL && v != milestones)
		tl_node_error(ctx, "kind", v, "'milestones' must be a sequence "
		    "of milestones, not %s%s", kind_name(v), by_id(v) ?
		    ": write each as a list item, '- id: NAME' with its "
		    "other keys under it" : "");
	return ctx->oom ? TL_ENOMEM : 0;
}

void
tl_check_item(struct tl_load_ctx *ctx, const struct tl_node *item)
{
	if (item->kind == TL_NODE_MAPPING) {
		if (check_milestone(ctx, item) < 0)
			ctx->oom = 1;
	} else if (item->kind != TL_NODE_INVALID) {
		ctx->split_keys = 0;
		tl_node_error(ctx, "kind", item, "a milestone must be a "
		    "mapping with 'id', 'title' and 'date'");
	} else {
		ctx->split_keys = 0;
	}
}
