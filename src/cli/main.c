/*
 * timeline: check, show and export dated milestones.  A thin client of
 * the library: it parses the command line, runs the pipeline, prints the
 * diagnostics and picks the exit status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>	/* mallopt() */
#endif
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "timeline/timeline.h"
#include "args.h"
#include "charset.h"
#include "diff.h"
#include "edit_cmd.h"
#include "output.h"
#include "say.h"

enum exit_status {
	EXIT_OK = 0,
	EXIT_DATA = 1,		/* the data has errors */
	EXIT_USAGE = 2		/* usage, unreadable input, unwritable output */
};

/*
 * Today in the local time zone (TZ), into *day; -1, said, when the
 * system clock is outside the years a day can have.
 */
static int
local_today(int32_t *day)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL || tm.tm_year < 1 - 1900 ||
	    tm.tm_year > 9999 - 1900) {
		cli_error("the system clock is outside the years 0001-9999: "
		    "give --today DAY", NULL);
		return -1;
	}
	*day = tl_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/*
 * Whether the system clock can stamp an iCalendar export (DTSTAMP, in
 * UTC), said when it cannot (and that --today is needed too, unless
 * today_given).
 */
static int
clock_stamps(int today_given)
{
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) != NULL && tm.tm_year >= 1 - 1900 &&
	    tm.tm_year <= 9999 - 1900)
		return 1;
	cli_error("the system clock is outside the years 0001-9999: ",
	    today_given ? "set SOURCE_DATE_EPOCH (the DTSTAMP of iCalendar)" :
	    "give --today DAY and set SOURCE_DATE_EPOCH (the DTSTAMP of "
	    "iCalendar)", NULL);
	return 0;
}

/*
 * The width of text written to standard output (to_stdout) or to a
 * file: the terminal's, when it is written there, else COLUMNS, else 80;
 * at least 40, which a narrower terminal wraps.
 */
static unsigned
default_width(int to_stdout)
{
	struct winsize ws;
	const char *cols;
	long n;
	char *end;

	if (to_stdout && isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		n = ws.ws_col;
	else if ((cols = getenv("COLUMNS")) != NULL && *cols != '\0' &&
	    (n = strtol(cols, &end, 10)) > 0 && *end == '\0')
		;
	else
		n = 80;
	if (n < 40)
		n = 40;
	if (n > 10000)
		n = 10000;
	return (unsigned)n;
}

static void
print_summary(size_t files, size_t milestones, size_t errors,
    size_t warnings, int strict)
{
	fprintf(stderr, "%zu file%s, %zu milestone%s: %zu error%s, "
	    "%zu warning%s%s\n", files, files == 1 ? "" : "s", milestones,
	    milestones == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
	    warnings, warnings == 1 ? "" : "s", strict && warnings > 0 ?
	    " (--strict: warnings fail the check)" : "");
}

/* The text options for a run: its width, and colour when asked for. */
static void
text_options(const struct cli_args *a, int to_stdout,
    struct tl_text_options *text)
{
	text->today = a->today;
	text->long_format = a->long_format;
	text->width = a->width ? a->width : default_width(to_stdout);
	if (a->color == CLI_COLOR_AUTO)
		text->color = to_stdout && cli_color_auto() ? TL_COLOR_ALWAYS :
		    TL_COLOR_NEVER;
	else
		text->color = (enum tl_color)a->color;
}

/* Runs the exporter the command asks for on an open output. */
static int
export_to(const struct cli_args *a, const struct tl_selection *sel,
    struct cli_output *o)
{
	struct tl_text_options text = TL_TEXT_OPTIONS_INIT;
	struct tl_ics_options ics = TL_ICS_OPTIONS_INIT;
	struct tl_svg_options svg;
	struct tl_html_options html;

	if (a->command == CLI_SHOW || a->format == CLI_FORMAT_TEXT) {
		text_options(a, o->is_stdout, &text);
		return tl_export_text(o->fp, sel, &text);
	}
	if (a->format == CLI_FORMAT_ICS) {
		ics.spans = a->spans;
		ics.dtstamp = a->has_epoch ? a->epoch : (int64_t)time(NULL);
		return tl_export_ics(o->fp, sel, &ics);
	}
	if (a->format == CLI_FORMAT_SVG) {
		tl_svg_options_init(&svg, TL_SVG_OPTIONS_VERSION);
		svg.today = a->today;
		if (a->width != 0)
			svg.width = a->width;
		return tl_export_svg(o->fp, sel, &svg);
	}
	if (a->format == CLI_FORMAT_HTML) {
		tl_html_options_init(&html, TL_HTML_OPTIONS_VERSION);
		html.today = a->today;
		if (a->width != 0)
			html.width = a->width;
		return tl_export_html(o->fp, sel, &html);
	}
	return tl_export_json(o->fp, sel, NULL);
}

/* Reports a failed export; returns the exit status. */
static int
export_failed(const struct cli_args *a, const struct cli_output *o,
    int error, int saved)
{
	if (error == TL_EIO && o->is_stdout && saved == EPIPE)
		return EXIT_OK;	/* the reader stopped reading: fine */
	if (error == TL_EIO) {
		fputs("timeline: error: cannot write ", stderr);
		cli_put_safe(stderr, o->is_stdout ? "standard output" :
		    a->output);
		fprintf(stderr, ": %s\n", strerror(saved ? saved : EIO));
		return EXIT_USAGE;
	}
	if (error == TL_EEMPTY) {
		cli_error("no milestone selected; nothing written", NULL);
		return EXIT_DATA;
	}
	cli_error("export failed: ", tl_strerror(error), NULL);
	return error == TL_ENOMEM ? EXIT_USAGE : EXIT_DATA;
}

/*
 * Says why the output (path, as given) could not be opened: a file
 * kept read-only, or the directory that refused the temporary file, and
 * what would work.
 */
static void
cannot_open(const char *path, const struct cli_output *o, int e)
{
	const char *slash;
	size_t dirlen;

	if (o->read_only && e == EROFS) {
		fputs("timeline: error: ", stderr);
		cli_put_safe(stderr, path);
		fputs(" is on a read-only file system; nothing written\n",
		    stderr);
		return;
	}
	if (o->read_only) {
		fputs("timeline: error: ", stderr);
		cli_put_safe(stderr, path);
		fputs(" is read-only; nothing written (make it writable to "
		    "replace it)\n", stderr);
		return;
	}
	fputs("timeline: error: cannot write ", stderr);
	cli_put_safe(stderr, path);
	if (!o->no_temp) {
		fprintf(stderr, ": %s\n", strerror(e));
		return;
	}
	slash = strrchr(o->target, '/');
	dirlen = slash != NULL ? (size_t)(slash - o->target) + 1 : 0;
	fputs(": cannot create a temporary file in ", stderr);
	if (dirlen > 0)
		cli_put_safe_n(stderr, o->target, dirlen);
	else
		fputs("this directory", stderr);
	if (e == EROFS) {
		/* Writing anywhere in that directory fails the same way. */
		fputs(", which is on a read-only file system; nothing "
		    "written\n", stderr);
		return;
	}
	fprintf(stderr, " (%s)", strerror(e));
	if (e == EACCES || e == EPERM) {
		fputs("; the export is written beside the file and renamed "
		    "into place, so the directory must be writable: write to "
		    "standard output instead (> ", stderr);
		cli_put_safe(stderr, path);
		putc(')', stderr);
	}
	putc('\n', stderr);
}

/*
 * Whether path is (or links to) a file the set was read from, by name or
 * as standard input: an export never replaces its own input, whatever
 * name reaches it.
 */
static int
reads_file(const struct tl_set *set, const char *path)
{
	struct stat out, in;
	const char *file;
	size_t i, n = tl_set_timeline_count(set);

	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &out) != 0 ||
	    !S_ISREG(out.st_mode))
		return 0;
	for (i = 0; i < n; i++) {
		file = tl_set_timeline(set, i)->file;
		if ((strcmp(file, "-") == 0 ? fstat(STDIN_FILENO, &in) :
		    stat(file, &in)) == 0 && in.st_dev == out.st_dev &&
		    in.st_ino == out.st_ino)
			return 1;
	}
	return 0;
}

/* Writes the export whole, or leaves the output as it was. */
static int
write_export(const struct cli_args *a, const struct tl_set *set,
    const struct tl_selection *sel)
{
	struct cli_output o;
	int error, saved;

	if (reads_file(set, a->output)) {
		fputs("timeline: error: cannot write ", stderr);
		cli_put_safe(stderr, a->output);
		fputs(": it is a file this export reads; name another file\n",
		    stderr);
		return EXIT_USAGE;
	}
	if (a->command == CLI_EXPORT && a->format == CLI_FORMAT_ICS &&
	    tl_selection_count(sel) == 0) {
		cli_error("no milestone selected: an iCalendar file needs "
		    "at least one event; nothing written", NULL);
		return EXIT_DATA;
	}
	if (cli_output_open(&o, a->output) < 0) {
		cannot_open(a->output, &o, errno);
		cli_output_close(&o, 0);
		return EXIT_USAGE;
	}
	error = export_to(a, sel, &o);
	saved = errno;
	if (cli_output_close(&o, error == 0) < 0 && error == 0) {
		error = TL_EIO;
		saved = errno;
	}
	if (error == 0 && o.had_links)
		cli_warn_links(a->output);
	return error == 0 ? EXIT_OK : export_failed(a, &o, error, saved);
}

/*
 * Whether the export's -o FILE could not be written, said when so: an
 * export that the data's errors stop does not write it, but a FILE that
 * could not be written is a problem of its own (and, with the data's
 * errors, makes the status 2).  Opening it leaves FILE as it was.
 */
static int
unwritable(const struct cli_args *a)
{
	struct cli_output o;
	struct stat st;

	if (a->command != CLI_EXPORT || a->output == NULL ||
	    strcmp(a->output, "-") == 0)
		return 0;
	/* A FIFO or a device is written through, not replaced: opening it
	 * would wait for a reader, or give one an empty stream. */
	if (stat(a->output, &st) == 0 && !S_ISREG(st.st_mode))
		return 0;
	if (cli_output_open(&o, a->output) == 0) {
		cli_output_close(&o, 0);
		return 0;
	}
	cannot_open(a->output, &o, errno);
	cli_output_close(&o, 0);
	return 1;
}

/* Loads every PATH (./timeline/ when none); sets *io when one could not
 * be read (to 2 when ./timeline/ is not there, which is said here and
 * not among the diagnostics).  0 or TL_ENOMEM. */
static int
load_paths(struct tl_set *set, const struct cli_args *a,
    struct tl_diags *diags, int *io)
{
	static const char *const default_path[] = { "timeline/" };
	const char *const *paths = a->paths;
	size_t npaths = a->npaths, i;
	int error;

	if (npaths == 0) {
		struct stat st;

		if (stat(default_path[0], &st) < 0 && errno == ENOENT) {
			cli_error("no ./timeline/ directory here; name a "
			    "file or a directory, or - for standard input",
			    NULL);
			*io = 2;
			return 0;
		}
		paths = default_path;
		npaths = 1;
	}
	for (i = 0; i < npaths; i++) {
		if ((error = tl_set_load_path(set, paths[i], diags)) ==
		    TL_ENOMEM)
			return error;
		if (error < 0)
			*io = 1;
	}
	return 0;
}

/* Prints the diagnostics; returns the exit status they call for. */
static int
report(const struct cli_args *a, struct tl_diags *diags, int io)
{
	tl_diags_sort(diags);
	cli_put_diags(stderr, diags);
	if (io)
		return EXIT_USAGE;
	if (tl_diags_errors(diags) > 0 ||
	    (a->strict && tl_diags_warnings(diags) > 0))
		return EXIT_DATA;
	return EXIT_OK;
}

/* The most timeline names looked at for suggestions to --timeline. */
#define SUGGEST_LOOKS ((size_t)1 << 20)

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Marks in carried[i] whether a milestone of set carries tags[i], in one
 * walk over the milestones' tags whatever the number of tags asked.
 * Returns 0, or -1 when memory ran out.
 */
static int
tags_carried(const struct tl_set *set, const char *const *tags, size_t n,
    unsigned char *carried)
{
	const char **sorted, *t, **at;
	unsigned char *seen;
	struct tl_list it;
	size_t i, count = tl_set_count(set);

	if (n == 0)
		return 0;
	if ((sorted = malloc(n * sizeof(*sorted))) == NULL)
		return -1;
	if ((seen = calloc(n, 1)) == NULL) {
		free(sorted);
		return -1;
	}
	memcpy(sorted, tags, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), by_string);
	for (i = 0; i < count; i++) {
		tl_milestone_tags(tl_set_milestone(set, i), &it);
		while ((t = tl_list_next(&it)) != NULL)
			if ((at = bsearch(&t, sorted, n, sizeof(*sorted),
			    by_string)) != NULL)
				seen[at - sorted] = 1;
	}
	for (i = 0; i < n; i++)
		carried[i] = seen[(const char **)bsearch(&tags[i], sorted, n,
		    sizeof(*sorted), by_string) - sorted];
	free(seen);
	free(sorted);
	return 0;
}

/*
 * The one name of the n sorted names that begins with want and goes on
 * ("acme" for "acme-cloud", "dev" for "devconf"), or NULL when none or
 * several do.  Those that do sort together, right after want's place.
 */
static const char *
only_longer_name(const char *want, const char *const *names, size_t n)
{
	size_t lo = 0, hi = n, mid, len = strlen(want);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(names[mid], want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || strncmp(names[lo], want, len) != 0)
		return NULL;
	if (lo + 1 < n && strncmp(names[lo + 1], want, len) == 0)
		return NULL;
	return names[lo];
}

/* The most names listed when none is close to what was asked for. */
#define NAMES_LISTED 8

/*
 * A --timeline that names no loaded timeline is a usage error: says so,
 * with the closest name (or the one it begins), and returns EXIT_USAGE;
 * else EXIT_OK.
 */
static int
check_timelines(const struct cli_args *a, const struct tl_set *set)
{
	const char **names, *close;
	size_t i, k, n = tl_set_timeline_count(set), looked = 0;
	int status = EXIT_OK;

	if (a->filter.ntimelines == 0)
		return EXIT_OK;
	if ((names = malloc((n ? n : 1) * sizeof(*names))) == NULL) {
		fputs("timeline: error: out of memory\n", stderr);
		return EXIT_USAGE;
	}
	for (k = 0; k < n; k++)
		names[k] = tl_set_timeline(set, k)->name;
	qsort(names, n, sizeof(*names), by_string);
	for (i = 0; i < a->filter.ntimelines; i++) {
		const char *want = a->filter.timelines[i];
		if (bsearch(&want, names, n, sizeof(*names), by_string) !=
		    NULL)
			continue;
		/* The closest name, while the names looked at stay few. */
		close = NULL;
		if (looked < SUGGEST_LOOKS) {
			close = tl_closest(want, strlen(want), names, n);
			looked += n;
		}
		if (close == NULL)
			close = only_longer_name(want, names, n);
		fputs("timeline: error: --timeline '", stderr);
		cli_put_safe(stderr, want);
		fputs("' names no loaded timeline", stderr);
		if (close != NULL) {
			fputs(" (did you mean '", stderr);
			cli_put_safe(stderr, close);
			fputs("'?)", stderr);
		} else if (n > 0 && n <= NAMES_LISTED) {
			/* Few: all of them. */
			for (k = 0; k < n; k++) {
				fputs(k ? ", " : " (the timelines loaded: ",
				    stderr);
				cli_put_safe(stderr, names[k]);
			}
			putc(')', stderr);
		}
		putc('\n', stderr);
		status = EXIT_USAGE;
	}
	free(names);
	return status;
}

/* The most different tags looked at for one that was meant, and the
 * most comparisons made to find them (a set of a million milestones
 * is looked at in part). */
#define TAGS_LOOKED 4096
#define TAG_COMPARISONS ((size_t)1 << 22)

/*
 * Writes " (did you mean 'TAG'?)" for the tag of the set closest to
 * want, among the first different ones; nothing when none is close, or
 * memory is short.
 */
static void
say_tag_meant(const struct tl_set *set, const char *want)
{
	const char **tags, *t, *close;
	struct tl_list it;
	size_t i, k, n = 0, count = tl_set_count(set), spent = 0;

	if ((tags = malloc(TAGS_LOOKED * sizeof(*tags))) == NULL)
		return;
	for (i = 0; i < count && n < TAGS_LOOKED &&
	    spent < TAG_COMPARISONS; i++) {
		tl_milestone_tags(tl_set_milestone(set, i), &it);
		while ((t = tl_list_next(&it)) != NULL && n < TAGS_LOOKED) {
			for (k = 0; k < n && strcmp(tags[k], t) != 0; k++)
				;
			spent += k + 1;
			if (k == n)
				tags[n++] = t;
		}
	}
	if ((close = tl_closest(want, strlen(want), tags, n)) != NULL) {
		fputs(" (did you mean '", stderr);
		cli_put_safe(stderr, close);
		fputs("'?)", stderr);
	}
	free(tags);
}

/*
 * A --tag that no milestone carries is a warning (*warnings counts it).
 * Returns EXIT_OK, or EXIT_USAGE when memory ran out.
 */
static int
check_tags(const struct cli_args *a, const struct tl_set *set,
    size_t *warnings)
{
	unsigned char *carried;
	size_t i;

	if (a->filter.ntags == 0)
		return EXIT_OK;
	if ((carried = malloc(a->filter.ntags)) == NULL ||
	    tags_carried(set, a->filter.tags, a->filter.ntags, carried) < 0) {
		free(carried);
		fputs("timeline: error: out of memory\n", stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < a->filter.ntags; i++) {
		if (carried[i])
			continue;
		fputs("timeline: warning: --tag '", stderr);
		cli_put_safe(stderr, a->filter.tags[i]);
		fputs("': no loaded milestone carries it", stderr);
		say_tag_meant(set, a->filter.tags[i]);
		putc('\n', stderr);
		(*warnings)++;
	}
	free(carried);
	return EXIT_OK;
}

/*
 * Checks the filters against what is loaded: a --timeline that names no
 * timeline is a usage error (EXIT_USAGE, with the closest name), a --tag
 * that no milestone carries a warning (*warnings counts it).
 */
static int
check_filter(const struct cli_args *a, const struct tl_set *set,
    size_t *warnings)
{
	int status = check_timelines(a, set), tags = check_tags(a, set,
	    warnings);

	return status != EXIT_OK ? status : tags;
}

/* Says a usage error, and where to read how the tool is used. */
static void
usage_error(const char *msg)
{
	fputs("timeline: error: ", stderr);
	cli_put_safe(stderr, msg);
	fputs("\nTry 'timeline --help' for more.\n", stderr);
}

/*
 * Whether --upcoming starts after --to (today is past it), which selects
 * nothing whatever the data: said as --from after --to is.
 */
static int
upcoming_after_to(const struct cli_args *a)
{
	char today[16], to[16], msg[80];

	if (!a->upcoming || a->filter.to == TL_DAY_NONE ||
	    a->today <= a->filter.to)
		return 0;
	tl_day_format(today, sizeof(today), a->today);
	tl_day_format(to, sizeof(to), a->filter.to);
	snprintf(msg, sizeof(msg), "--upcoming starts today, %s, after --to "
	    "%s", today, to);
	usage_error(msg);
	return 1;
}

/*
 * The pipeline: read and check every file, index, resolve, warn; then
 * for an export, order, select and export.  Returns the exit status.
 */
static int
run(struct cli_args *a)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	struct tl_selection *sel = NULL;
	size_t warnings = 0;
	int status = EXIT_OK, io = 0, error, filter;

	if ((error = tl_set_new(&set)) < 0 ||
	    (error = tl_diags_new(&diags)) < 0)
		goto out;
	if (a->command == CLI_CHECK &&
	    (error = tl_set_set_flags(set, TL_SET_CHECK_ONLY)) < 0)
		goto out;
	if ((error = load_paths(set, a, diags, &io)) < 0 ||
	    (error = tl_set_index(set, diags)) < 0 ||
	    (error = tl_set_resolve(set, diags)) < 0 ||
	    (error = tl_set_warn(set, a->today, diags)) < 0)
		goto out;
	if (a->command == CLI_CHECK) {
		status = report(a, diags, io);
		print_summary(tl_set_file_count(set), tl_set_loaded_count(set),
		    tl_diags_errors(diags) + (io == 2),
		    tl_diags_warnings(diags), a->strict);
		goto out;
	}
	if (a->upcoming && (a->filter.from == TL_DAY_NONE ||
	    a->filter.from < a->today))
		a->filter.from = a->today;
	if ((error = tl_set_order(set)) < 0 ||
	    (error = tl_select(&sel, set, &a->filter)) < 0)
		goto out;
	if (a->command == CLI_EXPORT && a->format == CLI_FORMAT_ICS) {
		/* Whether an event ends too late depends on what it spans. */
		struct tl_ics_options ics;

		if ((error = tl_ics_options_init(&ics,
		    TL_ICS_OPTIONS_VERSION)) < 0)
			goto out;
		ics.spans = a->spans;
		if ((error = tl_export_ics_check(sel, &ics, diags)) < 0)
			goto out;
	}
	filter = check_filter(a, set, &warnings);
	status = report(a, diags, io);
	if (filter != EXIT_OK)
		status = filter;
	else if (status == EXIT_OK && a->strict && warnings > 0)
		status = EXIT_DATA;
	/* Warnings alone fail the run: say that --strict is the cause. */
	if (status == EXIT_DATA && tl_diags_errors(diags) == 0)
		cli_error("--strict: warnings fail the run; nothing ",
		    a->command == CLI_SHOW ? "shown" : "written", NULL);
	if (status == EXIT_DATA && unwritable(a))
		status = EXIT_USAGE;
	if (status == EXIT_OK)
		status = write_export(a, set, sel);
out:
	if (error == TL_ENOMEM) {
		cli_out_of_memory(&diags, 1);
		status = EXIT_USAGE;
	}
	tl_selection_free(sel);
	tl_diags_free(diags);
	tl_set_free(set);
	return status;
}

/*
 * The status of a run that printed only to standard output: 0, also
 * when the reader of a pipe has gone; 2, said, when writing failed.
 */
static int
text_written(void)
{
	/* A write that failed before the flush left its error behind. */
	if ((fflush(stdout) == 0 && !ferror(stdout)) || errno == EPIPE)
		return EXIT_OK;
	cli_error("cannot write standard output: ", strerror(errno), NULL);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	struct cli_args a;
	struct cli_charset charset;
	char err[512];
	int status;

#ifdef M_MMAP_THRESHOLD
	/*
	 * Blocks of 128 KiB and more come from their own mappings and go
	 * back to the system when freed.  glibc would otherwise raise the
	 * limit to the largest block freed so far (the id index of a large
	 * set, say), and the blocks after it would stay in the heap when
	 * freed: 6 MB more at the end of an export of 1,000,000 milestones.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	/* A diagnostic goes out as one write, not one for each part of
	 * it: a million warnings are a million writes, not two million. */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	/* A terminal that reads another encoding gets that encoding. */
	cli_charset_init(&charset);
	/* A reader that went away (| head) ends the output quietly, and a
	 * file size limit (ulimit -f) fails the write with EFBIG, which is
	 * reported, instead of killing the process mid-file. */
	cli_signals_init();
	if (cli_args_parse(&a, argc, argv, err, sizeof(err)) < 0) {
		usage_error(err);
		cli_args_dispose(&a);
		cli_charset_end(&charset);
		return EXIT_USAGE;
	}
	switch (a.command) {
	case CLI_HELP:
		fputs(cli_usage, stdout);
		status = text_written();
		break;
	case CLI_VERSION:
		printf("timeline %s (libyaml %s, libical %s)\n", tl_version(),
		    tl_yaml_version(), tl_ical_version());
		status = text_written();
		break;
	case CLI_DIFF:
		status = cli_diff(&a);
		break;
	case CLI_MOVE:
	case CLI_DONE:
	case CLI_STATUS:
		if (!a.today_given && local_today(&a.today) < 0)
			status = EXIT_USAGE;
		else
			status = cli_edit_run(&a);
		break;
	default:
		if (a.command == CLI_EXPORT && a.format == CLI_FORMAT_ICS &&
		    !a.has_epoch && !clock_stamps(a.today_given))
			status = EXIT_USAGE;
		else if (!a.today_given && local_today(&a.today) < 0)
			status = EXIT_USAGE;
		else if (upcoming_after_to(&a))
			status = EXIT_USAGE;
		else
			status = run(&a);
		break;
	}
	cli_args_dispose(&a);
	if (cli_charset_end(&charset) < 0 && status == EXIT_OK)
		status = EXIT_USAGE;
	return status;
}
