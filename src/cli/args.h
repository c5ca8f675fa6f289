/*
 * The command line: what the user asked for, parsed and checked.
 */
#ifndef TIMELINE_CLI_ARGS_H
#define TIMELINE_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "timeline/timeline.h"

enum cli_command {
	CLI_CHECK,
	CLI_SHOW,
	CLI_EXPORT,
	CLI_DIFF,
	CLI_MOVE,
	CLI_DONE,
	CLI_STATUS,
	CLI_HELP,
	CLI_VERSION
};

enum cli_format {
	CLI_FORMAT_NONE,
	CLI_FORMAT_ICS,
	CLI_FORMAT_TEXT,
	CLI_FORMAT_JSON,
	CLI_FORMAT_MARKDOWN,
	CLI_FORMAT_SVG,
	CLI_FORMAT_HTML
};

#define CLI_COLOR_AUTO (-1)

struct cli_args {
	enum cli_command command;
	enum cli_format format;
	const char **paths;		/* argv entries; npaths of them */
	size_t npaths;
	const char *output;		/* -o FILE, or NULL */
	int strict;
	int today_given;
	int32_t today;
	struct tl_filter filter;	/* lists point into tags, timelines */
	const char **tags;
	const char **timelines;
	int upcoming;
	int color;			/* CLI_COLOR_AUTO, or enum tl_color */
	unsigned width;			/* 0: the terminal's, or COLUMNS;
					   pixels for svg and html */
	const char *width_arg;		/* --width as given */
	int long_format;
	enum tl_ics_spans spans;
	int has_epoch;
	int64_t epoch;			/* SOURCE_DATE_EPOCH */
	const char *since;		/* diff --since REV, or NULL */
	int exit_code;			/* diff --exit-code */
	/* move, done and status: */
	const char *id;			/* the milestone */
	const char *when;		/* move's WHEN, done's DAY, or NULL */
	int new_status;			/* status's STATUS, move's --status */
	int32_t noted;			/* --noted, or TL_DAY_NONE */
	int dry_run;
	size_t path_shift;		/* arguments taken from paths */
};

/*
 * Parses argv into *a.  Returns 0, or -1 with a one-line reason in err
 * (a usage error).  a's lists are allocated: free with cli_args_dispose.
 */
int cli_args_parse(struct cli_args *a, int argc, char **argv, char *err,
    size_t errsize);
void cli_args_dispose(struct cli_args *a);

/* The usage text, for --help. */
extern const char cli_usage[];

#endif
