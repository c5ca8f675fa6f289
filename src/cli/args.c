/*
 * Parsing of the command line: commands, options, and their checks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "args.h"

const char cli_usage[] =
"usage: timeline check  [--today DAY] [--strict] [PATH...]\n"
"       timeline show   [--today DAY] [--strict] [FILTERS] [--color WHEN]\n"
"                       [--width N] [--long] [PATH...]\n"
"       timeline export --format ics|text|json|svg|html [-o FILE]\n"
"                       [--today DAY] [--strict] [FILTERS]\n"
"                       [--ics-spans auto|always|never] [--color WHEN]\n"
"                       [--width N] [--long] [PATH...]\n"
"       timeline diff   [--format text|markdown|json] [--color WHEN]\n"
"                       [--exit-code] OLD NEW\n"
"       timeline diff   --since REV [OPTIONS] [PATH...]\n"
"       timeline move   ID WHEN [--noted DAY] [--status STATUS] [--dry-run]\n"
"                       [--today DAY] [--strict] [PATH...]\n"
"       timeline done   ID [DAY] [--dry-run] [--today DAY] [--strict]\n"
"                       [PATH...]\n"
"       timeline status ID STATUS [--dry-run] [--today DAY] [--strict]\n"
"                       [PATH...]\n"
"       timeline -h | --help | --version\n"
"\n"
"Commands:\n"
"  check    check the files and print every problem, then a summary\n"
"  show     print the timeline for a terminal\n"
"  export   write the timeline as iCalendar, text, JSON, a picture (SVG)\n"
"           or a page (HTML)\n"
"  diff     say which milestones changed between two versions: OLD and\n"
"           NEW, or the PATHs as they were at git revision REV and now\n"
"  move     give a milestone a new date (WHEN: a date, or START..END),\n"
"           keeping the old one in its history\n"
"  done     mark a milestone done (on DAY, when given)\n"
"  status   change a milestone's status\n"
"\n"
"A PATH is a timeline file or a directory of them (*.yaml, *.yml), or -\n"
"for standard input; without one, ./timeline/ is read.\n"
"\n"
"Options:\n"
"  --today DAY           draw and check as of DAY (YYYY-MM-DD); default: the\n"
"                        local date\n"
"  --strict              treat warnings as errors (exit status 1)\n"
"  -o, --output FILE     write to FILE (replaced only when complete);\n"
"                        - or none: standard output\n"
"  --format FORMAT       ics, text, json, svg or html (without it, the\n"
"                        name of -o FILE: .ics, .txt, .json, .svg, .html,\n"
"                        .htm);\n"
"                        for diff: text, markdown or json\n"
"  --ics-spans POLICY    auto (default): ranges, days and months span their\n"
"                        window, quarters, halves and years are one day;\n"
"                        always: span every window; never: one day each\n"
"  --color WHEN          auto (the default of show and diff), always,\n"
"                        never (the default of export)\n"
"  --width N             columns, 40 to 10000; default: the terminal's\n"
"                        (when written to), else COLUMNS, else 80; for\n"
"                        svg and html, the picture's pixels, 480 to\n"
"                        20000 (default 1200)\n"
"  --long                add descriptions, places, links, the day noted\n"
"                        and earlier estimates\n"
"  --since REV           diff: compare with the PATHs at git revision REV\n"
"  --exit-code           diff: exit status 1 when anything changed\n"
"\n"
"Editing (move, done, status): ID is ID or TIMELINE/ID.  The file is\n"
"changed in place, only where the milestone changes.\n"
"  --noted DAY           the day the new date was reported (default: today)\n"
"  --status STATUS       move: the new status (default: slipped when a\n"
"                        planned or at-risk milestone's window ends later)\n"
"  --dry-run             print what would move and a diff; write nothing\n"
"\n"
"Filters (show and export):\n"
"  --from DATE           keep milestones whose window ends on or after the\n"
"                        start of DATE (any date form)\n"
"  --to DATE             ... and starts on or before the end of DATE\n"
"  --upcoming            from today on\n"
"  --tag TAG             with this tag (repeatable: any of them)\n"
"  --status STATUS       with this status (repeatable): planned, done,\n"
"                        at-risk, slipped, cancelled\n"
"  --timeline NAME       of this timeline (repeatable)\n"
"\n"
"Status marks in show: \xe2\x97\xa6 planned, \xe2\x9c\x93 done, ! at-risk, "
"\xc2\xbb slipped, \xe2\x9c\x97 cancelled.\n"
"\n"
"Exit status: 0 success; 1 the data has errors (or warnings under\n"
"--strict), or an iCalendar export selects no milestone; 2 usage error,\n"
"unreadable file or unwritable output; diff: 1 with --exit-code when\n"
"anything changed.\n"
"Environment: TZ (today's date), NO_COLOR and TERM (colour), COLUMNS,\n"
"SOURCE_DATE_EPOCH (DTSTAMP of iCalendar exports).\n";

enum opt_flags {
	OPT_CHECK = 1,		/* accepted by check */
	OPT_SHOW = 2,		/* accepted by show */
	OPT_EXPORT = 4,		/* accepted by export */
	OPT_VALUE = 8,		/* takes a value */
	OPT_DIFF = 16,		/* accepted by diff */
	OPT_MOVE = 32,		/* accepted by move */
	OPT_DONE_STATUS = 64,	/* accepted by done and status */
	OPT_EDIT = 32 | 64,	/* accepted by move, done and status */
	OPT_READ = 1 | 2 | 4,	/* accepted by check, show and export */
	OPT_FILTER = 2 | 4	/* accepted by show and export */
};

enum opt_id {
	O_TODAY, O_STRICT, O_FORMAT, O_OUTPUT, O_FROM, O_TO, O_UPCOMING,
	O_TAG, O_STATUS, O_TIMELINE, O_COLOR, O_WIDTH, O_LONG, O_SPANS,
	O_SINCE, O_EXIT_CODE, O_NOTED, O_DRY_RUN, O_COUNT
};

static const struct {
	const char *name;
	int flags;
} options[O_COUNT] = {
	[O_TODAY] = { "today", OPT_READ | OPT_EDIT | OPT_VALUE },
	[O_STRICT] = { "strict", OPT_READ | OPT_EDIT },
	[O_FORMAT] = { "format", OPT_EXPORT | OPT_DIFF | OPT_VALUE },
	[O_OUTPUT] = { "output", OPT_EXPORT | OPT_VALUE },
	[O_FROM] = { "from", OPT_FILTER | OPT_VALUE },
	[O_TO] = { "to", OPT_FILTER | OPT_VALUE },
	[O_UPCOMING] = { "upcoming", OPT_FILTER },
	[O_TAG] = { "tag", OPT_FILTER | OPT_VALUE },
	[O_STATUS] = { "status", OPT_FILTER | OPT_MOVE | OPT_VALUE },
	[O_TIMELINE] = { "timeline", OPT_FILTER | OPT_VALUE },
	[O_COLOR] = { "color", OPT_FILTER | OPT_DIFF | OPT_VALUE },
	[O_WIDTH] = { "width", OPT_FILTER | OPT_VALUE },
	[O_LONG] = { "long", OPT_FILTER },
	[O_SPANS] = { "ics-spans", OPT_EXPORT | OPT_VALUE },
	[O_SINCE] = { "since", OPT_DIFF | OPT_VALUE },
	[O_EXIT_CODE] = { "exit-code", OPT_DIFF },
	[O_NOTED] = { "noted", OPT_MOVE | OPT_VALUE },
	[O_DRY_RUN] = { "dry-run", OPT_EDIT },
};

/* Characters quoted at a time: tl_diags_quote() cuts none of them. */
#define ARG_PIECE 25
/* Any --width above this is as wrong as this. */
#define WIDTH_TOO_LARGE 1000000u

/*
 * Writes into out (size bytes) what the user gave, whole, as a quoted
 * value of the data is shown: its invisible characters escaped, so that
 * a command pasted with a zero-width space reads 'show\u{200b}', not
 * 'show'.  Returns out.
 */
static char *
quote_arg(char *out, size_t size, const char *s)
{
	char q[TL_QUOTE_SIZE];
	size_t at = 0, len = strlen(s), n, chars;

	out[0] = '\0';
	while (len > 0 && at < size) {
		for (n = 0, chars = 0; n < len && chars < ARG_PIECE; chars++)
			for (n++; n < len && ((unsigned char)s[n] & 0xc0) ==
			    0x80; n++)
				;
		at += (size_t)snprintf(out + at, size - at, "%s",
		    tl_diags_quote(q, s, n));
		s += n;
		len -= n;
	}
	return out;
}

/* Writes a, b and c into err, b being what the user gave. */
static int
fail(char *err, size_t size, const char *a, const char *b, const char *c)
{
	char q[1024];

	snprintf(err, size, "%s%s%s", a, quote_arg(q, sizeof(q), b), c);
	return -1;
}

/* Refuses a filter value that cannot name a tag or a timeline. */
static int
not_a_slug(char *err, size_t size, const char *option, const char *v)
{
	char fix[80], q[1024];

	quote_arg(q, sizeof(q), v);
	if (tl_slug_suggest(fix, sizeof(fix), v, strlen(v)) == 0)
		snprintf(err, size, "%s '%s' is not a name: use lower-case "
		    "letters, digits and inner hyphens (did you mean '%s'?)",
		    option, q, fix);
	else
		snprintf(err, size, "%s '%s' is not a name: use lower-case "
		    "letters, digits and inner hyphens", option, q);
	return -1;
}

static int
parse_epoch(struct cli_args *a, char *err, size_t errsize)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long long v = 0;
	size_t i;

	if (s == NULL)
		return 0;
	/* Seconds from 1970 to the end of 9999 at the most. */
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 12)
			return fail(err, errsize,
			    "malformed SOURCE_DATE_EPOCH: ",
			    s[i] < '0' || s[i] > '9' ? "not a whole number of "
			    "seconds" : "too large", "");
		v = v * 10 + (s[i] - '0');
	}
	if (i == 0 || v > 253402300799LL)
		return fail(err, errsize, "malformed SOURCE_DATE_EPOCH: ",
		    i == 0 ? "empty" : "after the year 9999", "");
	a->has_epoch = 1;
	a->epoch = v;
	return 0;
}

static int
parse_date_option(int32_t *out, const char *value, int end, char *err,
    size_t errsize, const char *name)
{
	struct tl_window w;
	char why[TL_WHY_SIZE], q[1024];

	if (tl_date_parse(&w, value, strlen(value), why) < 0) {
		if (strncmp(why, "an offset counts", 16) == 0)
			snprintf(why, sizeof(why), "a date is expected here, "
			    "not an offset: write the date itself");
		snprintf(err, errsize, "invalid %s date '%s': %s", name,
		    quote_arg(q, sizeof(q), value), why);
		return -1;
	}
	*out = end ? w.end : w.start;
	return 0;
}

/* A word among choices[0..n), or -1: for --color and --ics-spans. */
static int
choice(const char *v, const char *const *choices, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v, choices[i]) == 0)
			return i;
	return -1;
}

/* --today and --noted: a day. */
static int
apply_day(int32_t *day, const char *option, const char *v, char *err,
    size_t errsize)
{
	char why[TL_WHY_SIZE], q[1024];

	if (tl_day_parse(day, v, strlen(v), why) == 0)
		return 0;
	snprintf(err, errsize, "invalid %s '%s': %s", option,
	    quote_arg(q, sizeof(q), v), why);
	return -1;
}

/* The advice for another name of an export's format, or NULL. */
static const char *
format_meant(const char *v)
{
	static const char *const words[][2] = {
		{ "ical", "' (did you mean 'ics'?)" },
		{ "icalendar", "' (did you mean 'ics'?)" },
		{ "ifb", "' (did you mean 'ics'?)" },
		{ "vcs", "' (did you mean 'ics'?)" },
		{ "txt", "' (did you mean 'text'?)" },
		{ "htm", "' (did you mean 'html'?)" },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(v, words[i][0]) == 0)
			return words[i][1];
	return NULL;
}

/* --format: the formats of export, or those of diff. */
static int
apply_format(struct cli_args *a, const char *v, char *err, size_t errsize)
{
	static const char *const names[] = {
		"ics", "text", "json", "markdown", "svg", "html"
	};
	enum cli_format f = (enum cli_format)(choice(v, names, 6) + 1);
	int for_diff = f == CLI_FORMAT_TEXT || f == CLI_FORMAT_JSON ||
	    f == CLI_FORMAT_MARKDOWN;
	int for_export = f != CLI_FORMAT_NONE && f != CLI_FORMAT_MARKDOWN;
	const char *close;

	if (a->command == CLI_DIFF ? for_diff : for_export) {
		a->format = f;
		return 0;
	}
	if (a->command == CLI_DIFF && strcasecmp(v, "md") == 0)
		return fail(err, errsize, "unknown format '", v, "' (did you "
		    "mean 'markdown'?)");
	if (a->command == CLI_DIFF)
		return fail(err, errsize, "unknown format '", v, "' for diff "
		    "(use text, markdown or json)");
	if (f == CLI_FORMAT_MARKDOWN)
		return fail(err, errsize, "unknown format '", v, "' for "
		    "export (use ics, text, json, svg or html; markdown is "
		    "for diff)");
	if ((close = format_meant(v)) != NULL)
		return fail(err, errsize, "unknown format '", v, close);
	return fail(err, errsize, "unknown format '", v, "' (use ics, text, "
	    "json, svg or html)");
}

/*
 * --width: columns of text, or pixels of a picture; which one, and so
 * the bounds, is known once every argument is read (finish()).
 */
static int
apply_width(struct cli_args *a, const char *v, char *err, size_t errsize)
{
	char *endp;
	long n;

	errno = 0;
	n = strtol(v, &endp, 10);
	if (endp == v || *endp != '\0' || (errno == 0 && n < 1))
		return fail(err, errsize, "invalid --width '", v, "' (a number "
		    "of columns from 40 to 10000, or of pixels from 480 to "
		    "20000)");
	a->width = errno != 0 || n > WIDTH_TOO_LARGE ? WIDTH_TOO_LARGE :
	    (unsigned)n;
	a->width_arg = v;
	return 0;
}

/* Refuses a status that is none, with the one it probably means. */
static int
unknown_status(char *err, size_t errsize, const char *v)
{
	char q[1024];
	int s = tl_status_meant(v, strlen(v));

	quote_arg(q, sizeof(q), v);
	if (strchr(v, ',') != NULL)
		snprintf(err, errsize, "unknown status '%s' (one status a "
		    "--status: --status planned --status done keeps either)",
		    q);
	else if (s >= 0)
		snprintf(err, errsize, "unknown status '%s' (did you mean "
		    "'%s'?)", q, tl_status_name((enum tl_status)s));
	else
		snprintf(err, errsize, "unknown status '%s' (use planned, "
		    "done, at-risk, slipped or cancelled)", q);
	return -1;
}

/* The options that choose a name: a tag, a status, a timeline. */
static int
apply_name(struct cli_args *a, enum opt_id id, const char *v, char *err,
    size_t errsize)
{
	int s;

	if (id == O_STATUS) {
		if ((s = tl_status_from_name(v)) < 0)
			return unknown_status(err, errsize, v);
		if (a->command == CLI_MOVE)
			a->new_status = s;
		else
			a->filter.statuses |= 1u << s;
		return 0;
	}
	if (!tl_slug_valid(v, strlen(v)))
		return not_a_slug(err, errsize, id == O_TAG ? "--tag" :
		    "--timeline", v);
	if (id == O_TAG)
		a->tags[a->filter.ntags++] = v;
	else
		a->timelines[a->filter.ntimelines++] = v;
	return 0;
}

/* Takes one option and its value (NULL for a flag). */
static int
apply(struct cli_args *a, enum opt_id id, const char *v, char *err,
    size_t errsize)
{
	static const char *const when[] = { "auto", "always", "never" };
	static const int colors[] = {
		CLI_COLOR_AUTO, TL_COLOR_ALWAYS, TL_COLOR_NEVER
	};
	static const enum tl_ics_spans spans[] = {
		TL_ICS_SPANS_AUTO, TL_ICS_SPANS_ALWAYS, TL_ICS_SPANS_NEVER
	};
	int c;

	switch (id) {
	case O_TODAY:
		a->today_given = 1;
		return apply_day(&a->today, "--today", v, err, errsize);
	case O_NOTED:
		return apply_day(&a->noted, "--noted", v, err, errsize);
	case O_FORMAT:
		return apply_format(a, v, err, errsize);
	case O_FROM:
	case O_TO:
		return parse_date_option(id == O_FROM ? &a->filter.from :
		    &a->filter.to, v, id == O_TO, err, errsize,
		    id == O_FROM ? "--from" : "--to");
	case O_TAG:
	case O_STATUS:
	case O_TIMELINE:
		return apply_name(a, id, v, err, errsize);
	case O_COLOR:
	case O_SPANS:
		if ((c = choice(v, when, 3)) < 0)
			return fail(err, errsize, id == O_COLOR ?
			    "invalid --color '" : "invalid --ics-spans '", v,
			    "' (use auto, always or never)");
		if (id == O_COLOR)
			a->color = colors[c];
		else
			a->spans = spans[c];
		return 0;
	case O_WIDTH:
		return apply_width(a, v, err, errsize);
	case O_SINCE:
		/* An empty REV is refused by diff, which can say why. */
		if (*v == '-')
			return fail(err, errsize, "invalid --since '", v,
			    "' (a git revision: HEAD~1, a tag, "
			    "main@{2.weeks.ago})");
		a->since = v;
		return 0;
	case O_OUTPUT:
		if (*v == '\0')
			return fail(err, errsize, "-o/--output is empty: name "
			    "a FILE, or - for standard output", "", "");
		a->output = v;
		return 0;
	case O_STRICT:
		a->strict = 1;
		return 0;
	case O_UPCOMING:
		a->upcoming = 1;
		return 0;
	case O_DRY_RUN:
		a->dry_run = 1;
		return 0;
	case O_LONG:
		a->long_format = 1;
		return 0;
	case O_EXIT_CODE:
		a->exit_code = 1;
		return 0;
	case O_COUNT:
		break;
	}
	return -1;
}

/* Indexed by enum cli_command. */
static const char *const command_names[] = {
	"check", "show", "export", "diff", "move", "done", "status"
};

/* Whether s starts as a day would (YYYY- or ~YYYY-), not as a path. */
static int
looks_like_day(const char *s)
{
	size_t i;

	if (*s == '~')
		s++;
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[4] == '-';
}

/*
 * Whether s is a range written as other tools write one, two dates
 * around "/", an en or em dash (with spaces around or not), " - " or
 * " to " ("2027-Q1/2027-Q3");
 * if so, why (size bytes, after "': ") says how to write it.
 */
static int
other_range(const char *s, char *why, size_t size)
{
	static const char *const seps[] = {
		" / ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " - ", " -- ",
		" to ", "/", "\xe2\x80\x93", "\xe2\x80\x94"
	};
	struct tl_window w;
	char reason[TL_WHY_SIZE];
	const char *at;
	size_t i, n;

	for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		if ((at = strstr(s, seps[i])) == NULL)
			continue;
		n = strlen(seps[i]);
		if (tl_date_parse(&w, s, (size_t)(at - s), reason) == 0 &&
		    tl_date_parse(&w, at + n, strlen(at + n), reason) == 0) {
			snprintf(why, size, "': a range is written START..END "
			    "('%.*s..%s')", (int)(at - s), s, at + n);
			return 1;
		}
	}
	return 0;
}

/*
 * Whether s is a date or START..END as move takes it; else why (size
 * bytes; after "': ") says what is wrong.  Whether a range runs
 * forwards is for the edit to check, with the data.
 */
static int
date_or_range(const char *s, char *why, size_t size)
{
	struct tl_window w;
	const char *dots = strstr(s, "..");
	char reason[TL_WHY_SIZE];

	if (dots == NULL) {
		if (tl_date_parse(&w, s, strlen(s), reason) == 0)
			return 1;
		if (other_range(s, why, size))
			return 0;
	} else if (tl_date_parse(&w, s, (size_t)(dots - s), reason) == 0 &&
	    tl_date_parse(&w, dots + 2, strlen(dots + 2), reason) == 0) {
		return 1;
	} else if (dots == s || dots[2] == '\0') {
		snprintf(why, size, "': a range needs both ends: START..END");
		return 0;
	} else if (strstr(s, "...") != NULL) {
		snprintf(why, size, "': a range is START..END, with two dots");
		return 0;
	}
	/* "3w", "2026-05-01 + 3w": a file's relative date, not WHEN. */
	if (strncmp(reason, "an offset counts", 16) == 0)
		snprintf(reason, sizeof(reason), "move takes the new date, not "
		    "how far it moves: write the date itself");
	snprintf(why, size, "': %s", reason);
	return 0;
}

/*
 * Takes the positional arguments of move, done and status (ID, then
 * WHEN, DAY or STATUS) from the front of the paths.
 */
static int
edit_arguments(struct cli_args *a, char *err, size_t errsize)
{
	int32_t day;
	char why[TL_WHY_SIZE], when_why[TL_WHY_SIZE + 8], q[1024];
	size_t used = 0;
	int s;

	if (a->npaths == 0)
		return fail(err, errsize, command_names[a->command],
		    " needs the id of a milestone", "");
	a->id = a->paths[used++];
	if (a->command == CLI_MOVE) {
		if (a->npaths < 2)
			return fail(err, errsize, "move needs a new date "
			    "(WHEN: a date, or START..END)", "", "");
		a->when = a->paths[used++];
		if (!date_or_range(a->when, when_why, sizeof(when_why)))
			return fail(err, errsize, "invalid date '", a->when,
			    when_why);
	} else if (a->command == CLI_STATUS) {
		if (a->npaths < 2)
			return fail(err, errsize, "status needs a status "
			    "(planned, done, at-risk, slipped or cancelled)",
			    "", "");
		if ((s = tl_status_from_name(a->paths[used])) < 0)
			return unknown_status(err, errsize, a->paths[used]);
		a->new_status = s;
		used++;
	} else if (a->npaths >= 2 && tl_day_parse(&day, a->paths[1],
	    strlen(a->paths[1]), why) == 0) {
		/* done ID DAY: a day, not a path. */
		a->when = a->paths[used++];
	} else if (a->npaths >= 2 && looks_like_day(a->paths[1]) &&
	    access(a->paths[1], F_OK) != 0) {
		snprintf(err, errsize, "invalid day '%s': %s",
		    quote_arg(q, sizeof(q), a->paths[1]), why);
		return -1;
	}
	a->paths += used;
	a->npaths -= used;
	a->path_shift = used;
	return 0;
}

/*
 * The format that the name of export's FILE gives (".ics", ".txt",
 * ".json", ".svg", ".html", ".htm", in either case), or
 * CLI_FORMAT_NONE.
 */
static enum cli_format
format_of_name(const char *file)
{
	static const struct {
		const char *ext;
		enum cli_format format;
	} names[] = {
		{ "ics", CLI_FORMAT_ICS }, { "txt", CLI_FORMAT_TEXT },
		{ "json", CLI_FORMAT_JSON }, { "svg", CLI_FORMAT_SVG },
		{ "html", CLI_FORMAT_HTML }, { "htm", CLI_FORMAT_HTML }
	};
	const char *dot, *slash;
	size_t i;

	if (file == NULL || (dot = strrchr(file, '.')) == NULL ||
	    ((slash = strrchr(file, '/')) != NULL && slash > dot))
		return CLI_FORMAT_NONE;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(dot + 1, names[i].ext) == 0)
			return names[i].format;
	return CLI_FORMAT_NONE;
}

/* Checks what can only be judged once every option is known. */
static int
finish(struct cli_args *a, const int *given, char *err, size_t errsize)
{
	int text, picture;
	char from[16], to[16];
	static const char *const format_names[] = {
		"", "--format ics", "--format text", "--format json",
		"--format markdown", "--format svg", "--format html"
	};

	if (a->command == CLI_DIFF) {
		if (a->format == CLI_FORMAT_ICS)
			return fail(err, errsize, "unknown format 'ics' for "
			    "diff (use text, markdown or json)", "", "");
		if (a->format == CLI_FORMAT_NONE)
			a->format = CLI_FORMAT_TEXT;
		if (given[O_COLOR] && a->format != CLI_FORMAT_TEXT)
			return fail(err, errsize, "--color goes with --format "
			    "text, not with ", a->format == CLI_FORMAT_JSON ?
			    "--format json" : "--format markdown", "");
		if (a->since == NULL && a->npaths != 2)
			return fail(err, errsize, "diff needs two versions: "
			    "OLD and NEW (files or directories), or --since "
			    "REV [PATH...]", "", "");
		return 0;
	}

	if (a->command == CLI_MOVE || a->command == CLI_DONE ||
	    a->command == CLI_STATUS)
		return edit_arguments(a, err, errsize);
	if (a->command == CLI_EXPORT && a->format == CLI_FORMAT_NONE &&
	    (a->format = format_of_name(a->output)) == CLI_FORMAT_NONE)
		return fail(err, errsize, "export needs --format ics, text, "
		    "json, svg or html", a->output == NULL ||
		    strcmp(a->output, "-") == 0 ? "" : " (or -o FILE named "
		    ".ics, .txt, .json, .svg, .html or .htm)", "");
	text = a->command == CLI_SHOW || a->format == CLI_FORMAT_TEXT;
	picture = a->command == CLI_EXPORT &&
	    (a->format == CLI_FORMAT_SVG || a->format == CLI_FORMAT_HTML);
	if (!text && (given[O_COLOR] || given[O_LONG]))
		return fail(err, errsize, given[O_COLOR] ? "--color goes with "
		    "show and --format text, not with " : "--long goes with "
		    "show and --format text, not with ",
		    format_names[a->format], "");
	if (!text && !picture && given[O_WIDTH])
		return fail(err, errsize, "--width goes with show and --format "
		    "text, svg or html, not with ", format_names[a->format],
		    "");
	if (text && given[O_WIDTH] && (a->width < 40 || a->width > 10000))
		return fail(err, errsize, "invalid --width '", a->width_arg,
		    "': text is 40 to 10000 columns wide");
	if (picture && given[O_WIDTH] && (a->width < TL_PICTURE_WIDTH_MIN ||
	    a->width > TL_PICTURE_WIDTH_MAX))
		return fail(err, errsize, "invalid --width '", a->width_arg,
		    "': a picture is 480 to 20000 pixels wide");
	if (given[O_SPANS] && a->format != CLI_FORMAT_ICS)
		return fail(err, errsize, "--ics-spans goes with --format ics",
		    "", "");
	if (a->filter.from != TL_DAY_NONE && a->filter.to != TL_DAY_NONE &&
	    a->filter.from > a->filter.to) {
		tl_day_format(from, sizeof(from), a->filter.from);
		tl_day_format(to, sizeof(to), a->filter.to);
		snprintf(err, errsize, "--from %s is after --to %s", from, to);
		return -1;
	}
	if (a->command == CLI_EXPORT && a->color == CLI_COLOR_AUTO &&
	    !given[O_COLOR])
		a->color = TL_COLOR_NEVER;
	/* Only the calendar's DTSTAMP reads it. */
	if (a->command == CLI_EXPORT && a->format == CLI_FORMAT_ICS)
		return parse_epoch(a, err, errsize);
	return 0;
}

/* Checks the PATHs themselves, once the edits have taken their words. */
static int
check_paths(const struct cli_args *a, char *err, size_t errsize)
{
	size_t i;

	for (i = 0; i < a->npaths; i++)
		if (a->paths[i][0] == '\0')
			return fail(err, errsize, "an empty PATH names no file "
			    "or directory", "", "");
	if (a->command == CLI_DIFF && a->since == NULL && a->npaths == 2 &&
	    strcmp(a->paths[0], "-") == 0 && strcmp(a->paths[1], "-") == 0)
		return fail(err, errsize, "standard input is read once: "
		    "give - as OLD or as NEW, not as both", "", "");
	return 0;
}

/* Sets up a before parsing: nothing given, room for every argument. */
static int
args_init(struct cli_args *a, int argc, char *err, size_t errsize)
{
	size_t max = argc > 0 ? (size_t)argc : 1;
	struct tl_filter none = TL_FILTER_INIT;

	memset(a, 0, sizeof(*a));
	a->filter = none;
	a->new_status = -1;
	a->noted = TL_DAY_NONE;
	a->color = CLI_COLOR_AUTO;
	a->paths = calloc(max, sizeof(*a->paths));
	a->tags = calloc(max, sizeof(*a->tags));
	a->timelines = calloc(max, sizeof(*a->timelines));
	if (a->paths == NULL || a->tags == NULL || a->timelines == NULL)
		return fail(err, errsize, "out of memory", "", "");
	a->filter.tags = a->tags;
	a->filter.timelines = a->timelines;
	return 0;
}

/* Whether arg asks for help or the version; sets the command if so. */
static int
help_or_version(struct cli_args *a, const char *arg)
{
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
		a->command = CLI_HELP;
	else if (strcmp(arg, "--version") == 0)
		a->command = CLI_VERSION;
	else
		return 0;
	return 1;
}

/*
 * What to say of arg, a command other tools have ("list", "cancel"),
 * in this tool's words; NULL when it is none of them.
 */
static const char *
other_tools_word(const char *arg)
{
	static const char *const words[][2] = {
		{ "cancel", "to cancel a milestone: timeline status ID "
		    "cancelled" },
		{ "list", "did you mean 'show'?" },
		{ "ls", "did you mean 'show'?" },
		{ "print", "did you mean 'show'?" },
		{ "view", "did you mean 'show'?" },
		{ "validate", "did you mean 'check'?" },
		{ "lint", "did you mean 'check'?" },
		{ "verify", "did you mean 'check'?" },
		{ "reschedule", "did you mean 'move'?" },
		{ "postpone", "did you mean 'move'?" },
		{ "slip", "did you mean 'move'?" },
		{ "complete", "did you mean 'done'?" },
		{ "finish", "did you mean 'done'?" },
		{ "add", "milestones are added by writing them in a file: "
		    "timeline(5); then timeline check" },
		{ "new", "milestones are added by writing them in a file: "
		    "timeline(5); then timeline check" },
		{ "init", "a timeline is a YAML file written by hand: "
		    "timeline(5); then timeline check" },
		{ "log", "did you mean 'diff --since REV'?" },
		{ "history", "did you mean 'diff --since REV'?" }
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(arg, words[i][0]) == 0)
			return words[i][1];
	return NULL;
}

/* Sets the command named arg and the flag of its options. */
static int
find_command(struct cli_args *a, const char *arg, int *flag, char *err,
    size_t errsize)
{
	static const int flags[] = {
		OPT_CHECK, OPT_SHOW, OPT_EXPORT, OPT_DIFF, OPT_MOVE,
		OPT_DONE_STATUS, OPT_DONE_STATUS
	};

	const char *close;
	char q[1024];
	size_t i, n = sizeof(flags) / sizeof(flags[0]);

	for (i = 0; i < n; i++)
		if (strcmp(arg, command_names[i]) == 0) {
			a->command = (enum cli_command)i;
			*flag = flags[i];
			return 0;
		}
	/* Other tools take these as commands. */
	if (strcmp(arg, "help") == 0 || strcmp(arg, "version") == 0) {
		snprintf(err, errsize, "unknown command '%s' (did you mean "
		    "'--%s'?)", arg, arg);
		return -1;
	}
	if ((close = other_tools_word(arg)) != NULL) {
		snprintf(err, errsize, "unknown command '%s' (%s)", arg, close);
		return -1;
	}
	if (access(arg, F_OK) == 0) {
		snprintf(err, errsize, "unknown command '%s' (a path comes "
		    "after the command: timeline check %s, timeline show %s)",
		    quote_arg(q, sizeof(q), arg), q, q);
		return -1;
	}
	if ((close = tl_closest(arg, strlen(arg), command_names, n)) != NULL) {
		snprintf(err, errsize, "unknown command '%s' (did you mean "
		    "'%s'?)", quote_arg(q, sizeof(q), arg), close);
		return -1;
	}
	return fail(err, errsize, "unknown command '", arg, "' (use check, "
	    "show, export, diff, move, done or status)");
}

/*
 * The long option (of the commands of flag, or --help or --version) that
 * the len bytes at name, after "--", were probably meant to be; NULL
 * when none is that close.
 */
static const char *
closest_option(const char *name, size_t len, int flag)
{
	const char *names[O_COUNT + 2];
	size_t n = 0;
	int id;

	for (id = 0; id < O_COUNT; id++)
		if (options[id].flags & flag)
			names[n++] = options[id].name;
	names[n++] = "help";
	names[n++] = "version";
	return tl_closest(name, len, names, n);
}

/*
 * Says that arg is no option, and when a file has that name, how to
 * name the file instead, or which option of the commands of flag is
 * close.  Returns -1.
 */
static int
unknown_option(const char *arg, int flag, char *err, size_t errsize)
{
	const char *close, *eq;
	char q[1024];

	if (arg[1] != '-' && access(arg, F_OK) == 0) {
		snprintf(err, errsize, "unknown option '%s' (a file of that "
		    "name: write ./%s, or -- before it)",
		    quote_arg(q, sizeof(q), arg), arg);
		return -1;
	}
	eq = strchr(arg, '=');
	if (arg[1] == '-' && (close = closest_option(arg + 2, eq != NULL ?
	    (size_t)(eq - arg - 2) : strlen(arg + 2), flag)) != NULL) {
		snprintf(err, errsize, "unknown option '%s' (did you mean "
		    "'--%s'?)", quote_arg(q, sizeof(q), arg), close);
		return -1;
	}
	return fail(err, errsize, "unknown option '", arg, "'");
}

/* Whether arg is one of the long options, as written without a value. */
static int
is_option(const char *arg)
{
	int id;

	if (arg[0] != '-' || arg[1] != '-')
		return 0;
	for (id = 0; id < O_COUNT; id++)
		if (strcmp(arg + 2, options[id].name) == 0)
			return 1;
	return strcmp(arg, "--help") == 0 || strcmp(arg, "--version") == 0;
}

/*
 * The option arg names ("-o", "-oVALUE", "--name" or "--name=value"),
 * accepted by the commands of flag; *value is what follows '=' or "-o",
 * or NULL.  Returns its id, or -1 (err says why).
 */
static int
find_option(const char *arg, int flag, const char **value, char *err,
    size_t errsize)
{
	const char *name = arg + 2, *eq;
	size_t len;
	int id;

	*value = NULL;
	if (strncmp(arg, "-o", 2) == 0) {
		name = "output";
		len = strlen(name);
		if (arg[2] != '\0')
			*value = arg + 2;
	} else if (arg[1] == '-') {
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (eq)
			*value = eq + 1;
	} else {
		return unknown_option(arg, flag, err, errsize);
	}
	for (id = 0; id < O_COUNT; id++)
		if (strlen(options[id].name) == len &&
		    strncmp(options[id].name, name, len) == 0)
			break;
	if (id == O_COUNT)
		return unknown_option(arg, flag, err, errsize);
	if (!(options[id].flags & flag))
		return fail(err, errsize, "option '", arg, "' does not go with "
		    "this command");
	return id;
}

/* Says that an option given before the command goes after it. */
static int
option_first(const char *arg, char *err, size_t errsize)
{
	const char *value;

	if (find_option(arg, ~0, &value, err, errsize) < 0)
		return -1;
	return fail(err, errsize, "option '", arg, "' goes after the command: "
	    "timeline COMMAND [OPTIONS] [PATH...] (check, show, export, diff, "
	    "move, done or status)");
}

int
cli_args_parse(struct cli_args *a, int argc, char **argv, char *err,
    size_t errsize)
{
	int given[O_COUNT] = { 0 };
	int i, only_paths = 0, flag = 0, id;
	const char *arg, *value;

	if (args_init(a, argc, err, errsize) < 0)
		return -1;
	if (argc < 2)
		return fail(err, errsize, "no command given (check, show, "
		    "export, diff, move, done or status)", "", "");
	if (help_or_version(a, argv[1]))
		return 0;
	if (argv[1][0] == '-' && argv[1][1] != '\0')
		return option_first(argv[1], err, errsize);
	if (find_command(a, argv[1], &flag, err, errsize) < 0)
		return -1;
	for (i = 2; i < argc; i++) {
		arg = argv[i];
		if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
			a->paths[a->npaths++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_paths = 1;
			continue;
		}
		if (help_or_version(a, arg))
			return 0;
		if ((id = find_option(arg, flag, &value, err, errsize)) < 0)
			return -1;
		if ((options[id].flags & OPT_VALUE) && value == NULL) {
			/* '--today --strict': the value was left out. */
			if (i + 1 >= argc || is_option(argv[i + 1]))
				return fail(err, errsize, "option '", arg,
				    "' needs a value");
			value = argv[++i];
		} else if (!(options[id].flags & OPT_VALUE) && value != NULL) {
			return fail(err, errsize, "option '", arg, "' takes no "
			    "value");
		}
		given[id]++;
		if (apply(a, (enum opt_id)id, value, err, errsize) < 0)
			return -1;
	}
	if (finish(a, given, err, errsize) < 0)
		return -1;
	return check_paths(a, err, errsize);
}

void
cli_args_dispose(struct cli_args *a)
{
	a->paths -= a->path_shift;
	free(a->paths);
	free(a->tags);
	free(a->timelines);
	a->paths = a->tags = a->timelines = NULL;
}
