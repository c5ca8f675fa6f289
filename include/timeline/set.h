/*
 * A set of timelines, taken through the stages of the pipeline in order:
 *
 *	tl_set_load_path()	read each file and check it (any number)
 *	tl_set_index()		find every timeline and milestone by name
 *	tl_set_resolve()	compute the windows of relative dates
 *	tl_set_order()		order the milestones
 *
 * then select from it (select.h) and export (export.h).  A stage called
 * out of turn returns TL_EINVAL and changes nothing.  Each stage that
 * finds problems appends them to a list of diagnostics (diag.h); with
 * NULL for the list, it finds them all the same and keeps none.
 *
 * The set owns every string and record it hands out; they stay valid
 * and unchanged until tl_set_free().  A call that fails with TL_ENOMEM
 * leaves the set safe to read and to free, but incomplete: every later
 * stage, selection, edit or diff refuses it with TL_EINVAL.  That holds
 * for the library's own allocations and libyaml's; libical does not
 * check every one of its own (its cache of built-in time zones, which
 * files that give a time of day reach, and its escaping of text and
 * writing of times, which every iCalendar export reaches), and may
 * crash where memory runs out in it.
 *
 * Thread safety: a set belongs to one thread at a time; the library
 * starts no thread.  Files that give a time of day are checked against
 * libical's built-in time zones, a cache the whole process shares (the
 * library mends, in a zone it uses, the rules libical reads wrongly
 * after 2037, for every user of that zone; changes libical has already
 * worked out for the process, for years that far on, stay unmended), and
 * the library sets libical's errors not to be fatal
 * (icalerror_set_errors_are_fatal(0), left so) and clears libical's
 * error code (icalerrno) as it uses libical: load such files, and
 * export iCalendar, from one thread at a time, and read icalerrno
 * before calling the library if it matters.
 *
 * See timeline(5) for the file format.
 */
#ifndef TIMELINE_SET_H
#define TIMELINE_SET_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "date.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

enum tl_status {
	TL_STATUS_PLANNED = 0,
	TL_STATUS_DONE,
	TL_STATUS_AT_RISK,
	TL_STATUS_SLIPPED,
	TL_STATUS_CANCELLED,
	TL_STATUS_COUNT
};

/*
 * The status as written in files ("at-risk"), NULL for a value that is
 * no status; and back, TL_EINVAL for a name that is no status's.
 */
TL_EXTERN const char *tl_status_name(enum tl_status status);
TL_EXTERN int tl_status_from_name(const char *name);

/*
 * The status that len bytes at word were probably meant to be, or
 * TL_EINVAL: a status spelt in another case ("Done"), a word other
 * trackers use for one ("completed" is done, "blocked" at-risk), or a
 * status within two edits ("planed").
 */
TL_EXTERN int tl_status_meant(const char *word, size_t len);

enum tl_date_kind {
	TL_DATE_PLAIN = 0,	/* date: 2026-05 */
	TL_DATE_RANGE,		/* start: ... end: ... */
	TL_DATE_RELATIVE	/* date: {after: x, offset: 1y} */
};

struct tl_timeline {
	const char *name;		/* the slug */
	const char *title;		/* NULL when not given */
	const char *description;	/* NULL when not given */
	const char *url;		/* NULL when not given */
	const char *file;		/* the file, as named in diagnostics */
	uint32_t line, col;		/* of the name's value */
};

/* An earlier estimate of a milestone's date. */
struct tl_history {
	const char *date;		/* as written */
	struct tl_window window;
	int32_t noted;			/* a day, or TL_DAY_NONE */
};

/*
 * A milestone: a compact record owned by its set, read through the
 * functions below.  Strings returned stay valid until the set is freed.
 */
struct tl_milestone;

TL_EXTERN const struct tl_timeline *tl_milestone_timeline(
    const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_id(const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_title(const struct tl_milestone *m);

/* The description, location and time zone, or NULL when not given. */
TL_EXTERN const char *tl_milestone_description(const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_location(const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_timezone(const struct tl_milestone *m);

/* The time of day in minutes after midnight, or -1 when not given. */
TL_EXTERN int tl_milestone_time(const struct tl_milestone *m);

TL_EXTERN enum tl_status tl_milestone_status(const struct tl_milestone *m);
TL_EXTERN enum tl_date_kind tl_milestone_date_kind(
    const struct tl_milestone *m);

/*
 * The date as written.  For TL_DATE_PLAIN, tl_milestone_date() is the
 * date ("~2026-12") and tl_milestone_end() NULL; for TL_DATE_RANGE they
 * are the start and the end; for TL_DATE_RELATIVE, the reference as
 * written ("tokyo-summit" or "rust/tokyo-summit") and the offset ("~1y"),
 * with tl_milestone_before() telling which way.
 */
TL_EXTERN const char *tl_milestone_date(const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_end(const struct tl_milestone *m);
TL_EXTERN int tl_milestone_before(const struct tl_milestone *m);

/*
 * The milestone a relative date is placed on, as tl_set_resolve() found
 * it; it may lie outside a selection (select.h), and stays valid until
 * the set is freed.  NULL for a date that is not relative, before
 * tl_set_resolve(), and when the reference names no milestone.
 */
TL_EXTERN const struct tl_milestone *tl_milestone_reference(
    const struct tl_milestone *m);

/* The window, as resolved by tl_set_resolve(). */
TL_EXTERN const struct tl_window *tl_milestone_window(
    const struct tl_milestone *m);

/* The day the date was reported, or TL_DAY_NONE. */
TL_EXTERN int32_t tl_milestone_noted(const struct tl_milestone *m);

/*
 * Compares two milestones by their global names, TIMELINE/ID: by
 * timeline name, then id (as strcmp() compares).  Returns <0, 0 or >0.
 */
TL_EXTERN int tl_milestone_name_cmp(const struct tl_milestone *a,
    const struct tl_milestone *b);

/* Where the id's value stands in its file (1-based). */
TL_EXTERN uint32_t tl_milestone_line(const struct tl_milestone *m);
TL_EXTERN uint32_t tl_milestone_col(const struct tl_milestone *m);

/*
 * The place of its file in the order files were first named, as
 * struct tl_diag's file_index, for diagnostics about the milestone.
 */
TL_EXTERN uint32_t tl_milestone_file_index(const struct tl_milestone *m);

/*
 * Tags and links, in the order written (NULL for i from the count on).
 * Each call walks the list from its start: to read a whole list, walk it
 * with a struct tl_list, one step a text:
 *
 *	struct tl_list it;
 *	const char *tag;
 *
 *	for (tl_milestone_tags(m, &it); (tag = tl_list_next(&it)) != NULL; )
 *		...
 */
TL_EXTERN size_t tl_milestone_tag_count(const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_tag(const struct tl_milestone *m, size_t i);
TL_EXTERN size_t tl_milestone_link_count(const struct tl_milestone *m);
TL_EXTERN const char *tl_milestone_link(const struct tl_milestone *m,
    size_t i);

/* A walk through a list of a milestone's texts; its fields are private. */
struct tl_list {
	const char *next;
	size_t left;
};

/* Starts it at the first tag, or link, of m. */
TL_EXTERN void tl_milestone_tags(const struct tl_milestone *m,
    struct tl_list *it);
TL_EXTERN void tl_milestone_links(const struct tl_milestone *m,
    struct tl_list *it);

/* The next text of the walk, or NULL after the last. */
TL_EXTERN const char *tl_list_next(struct tl_list *it);

/*
 * Earlier estimates, in the order written; fills *out with entry i
 * (i < the count).
 */
TL_EXTERN size_t tl_milestone_history_count(const struct tl_milestone *m);
TL_EXTERN void tl_milestone_history(const struct tl_milestone *m, size_t i,
    struct tl_history *out);

/*
 * Fills out[0] to out[n - 1] with entries first to first + n - 1
 * (first + n <= the count), reading the record once: the whole history
 * costs its length, where a loop over tl_milestone_history() costs the
 * square of it.
 */
TL_EXTERN void tl_milestone_history_range(const struct tl_milestone *m,
    size_t first, size_t n, struct tl_history *out);

struct tl_set;

/*
 * Creates an empty set in *out.  Returns 0 or TL_ENOMEM (*out is NULL).
 * tl_set_free() releases the set and everything it handed out; it
 * accepts NULL.
 */
TL_EXTERN int tl_set_new(struct tl_set **out);
TL_EXTERN void tl_set_free(struct tl_set *set);

/*
 * Flags for tl_set_set_flags().  TL_SET_CHECK_ONLY checks everything but
 * keeps only what checking needs (ids, dates, history, positions):
 * titles, descriptions, locations, tags and links read as empty.  It
 * suits a set that is checked and never exported, and saves much memory
 * on large inputs.  tl_select() and tl_diff() refuse such a set
 * (TL_EINVAL).
 */
#define TL_SET_CHECK_ONLY 0x01

/*
 * Sets the flags.  Returns 0, or TL_EINVAL for an unknown flag or once
 * anything has been loaded into the set (which keeps its flags).
 */
TL_EXTERN int tl_set_set_flags(struct tl_set *set, unsigned flags);

/*
 * Limits on what a set reads.  A file larger than TL_LIMIT_FILE_BYTES
 * bytes is refused whole with an error at the file; a milestone beyond
 * the TL_LIMIT_MILESTONES-th of the set is an error at that milestone,
 * and the rest of its file is not read.  Either is an error in the data
 * (in diags), not a failure of the call.  The defaults are the most a
 * set takes; tl_set_set_limit() may lower a limit (to at least 1) for
 * the files loaded after it, and returns 0, TL_ERANGE for a value
 * outside 1..default, or TL_EINVAL for another enum tl_limit or once
 * the set is indexed (the limit is then unchanged).
 */
enum tl_limit {
	TL_LIMIT_FILE_BYTES,	/* bytes of one file: 1 GiB */
	TL_LIMIT_MILESTONES	/* milestones in a set: 10,000,000 */
};
#define TL_DEFAULT_MAX_FILE_BYTES ((uint64_t)1 << 30)
#define TL_DEFAULT_MAX_MILESTONES ((uint64_t)10000000)

TL_EXTERN int tl_set_set_limit(struct tl_set *set, enum tl_limit which,
    uint64_t value);

/*
 * Loads PATH: a file, "-" for standard input, or a directory (every
 * *.yaml and *.yml directly in it, not starting with '.', in byte order
 * of their names), checking each file on its own (timeline(5)) and
 * appending what it finds to diags.  A file already loaded (the same
 * file by another name included) is skipped.  path is copied.  Returns
 * 0 when every file could be read, even with problems in the data;
 * TL_ENOENT or TL_EIO (with a diagnostic) when PATH or a file in it
 * could not be read (a terminal named as a file is not read: it would
 * wait for typing) or a directory holds no timeline file; TL_EIO (with
 * a diagnostic) too when the file of a time zone the data names is
 * there and could not be read (too many files open); TL_EINVAL
 * when the set is indexed already, or for a NULL path; TL_ENOMEM.
 */
TL_EXTERN int tl_set_load_path(struct tl_set *set, const char *path,
    struct tl_diags *diags);

/*
 * Whether a directory's entry 'name' is one that tl_set_load_path()
 * reads from it: ending in .yaml or .yml, not starting with '.'.
 */
TL_EXTERN int tl_is_timeline_file_name(const char *name);

/*
 * Loads one file's text of len bytes under the name 'name', as
 * tl_set_load_path() does for a file.  data need not be NUL-terminated.
 * A text in memory is no file on the disk: each one loaded is a file of
 * the set of its own, whatever its name, none skipped as loaded already
 * (not even under a name loaded before, from the disk or from memory),
 * and the diagnostics of files of one name name them alike (their
 * file_index tells them apart).  name and data are copied: the set
 * keeps neither, and both may be freed once the call returns.  Returns
 * as tl_set_load_path() does, and TL_EINVAL for a NULL name, or NULL
 * data with len above 0.
 */
TL_EXTERN int tl_set_load_buffer(struct tl_set *set, const char *name,
    const char *data, size_t len, struct tl_diags *diags);

/*
 * Loads the file open for reading at fd, from its offset to its end,
 * under the name 'name', as tl_set_load_path() loads a file: an edited
 * text written to a temporary file is checked under the name of the
 * file it will replace.  An open file is known by no name on the disk:
 * as a text in memory (tl_set_load_buffer()), each one loaded is a file
 * of the set of its own.  name is copied; fd stays open, the caller's.
 * Returns as tl_set_load_path() does, and TL_EINVAL for a NULL name or
 * a negative fd.
 */
TL_EXTERN int tl_set_load_fd(struct tl_set *set, const char *name, int fd,
    struct tl_diags *diags);

/*
 * Indexes the loaded set: every timeline by name and every milestone by
 * (timeline, id).  A timeline name or an id used twice is reported
 * (first defined at ...) and the later one is not found by references.
 * Call it once, after loading.  Returns 0 (problems go to diags),
 * TL_EINVAL when the set was indexed already, or TL_ENOMEM.
 */
TL_EXTERN int tl_set_index(struct tl_set *set, struct tl_diags *diags);

/*
 * Resolves the indexed set: finds the milestone each relative date
 * names, reports missing references and cycles, and computes every
 * window.  Milestones without a window (errors) leave the set.  Returns
 * 0 (problems go to diags), TL_EINVAL when the set is not indexed or
 * already resolved, or TL_ENOMEM.
 */
TL_EXTERN int tl_set_resolve(struct tl_set *set, struct tl_diags *diags);

/*
 * Orders the resolved set's milestones (as timeline(5) says:
 * window start, window end, timeline name, id).  Returns 0, TL_EINVAL
 * when the set is not resolved or already ordered, or TL_ENOMEM.
 */
TL_EXTERN int tl_set_order(struct tl_set *set);

/*
 * Appends the warnings: overdue milestones, done milestones whose
 * window starts after today, days noted after today (of a milestone or
 * an entry of its history), and milestones placed relative to a
 * cancelled one (not cancelled themselves).  Milestones with errors, and
 * those of a file that could not be read to its end, get none.  today
 * is a day of 0001-9999 (see date.h).  Call it after tl_set_resolve().
 * Returns 0, TL_EINVAL when the set is not resolved or today is not such
 * a day (TL_DAY_NONE among them), or TL_ENOMEM.
 */
TL_EXTERN int tl_set_warn(const struct tl_set *set, int32_t today,
    struct tl_diags *diags);

/*
 * True when m is planned or at-risk and its window ended before today;
 * never when today is TL_DAY_NONE or outside 0001-9999 (see date.h).
 */
TL_EXTERN int tl_milestone_is_overdue(const struct tl_milestone *m,
    int32_t today);

/*
 * The number of milestones read with a usable id, an id used twice
 * counted once, and none of a file cut short at TL_LIMIT_MILESTONES
 * (whose milestones up to the limit the set holds); known after
 * tl_set_index().
 */
TL_EXTERN size_t tl_set_loaded_count(const struct tl_set *set);

/* The number of files read into the set. */
TL_EXTERN size_t tl_set_file_count(const struct tl_set *set);

/*
 * The set's milestones, i < tl_set_count(): in the order of loading
 * until tl_set_order(), then in order; after tl_set_resolve(), only
 * those with a window.  NULL for i from the count on.
 */
TL_EXTERN size_t tl_set_count(const struct tl_set *set);
TL_EXTERN const struct tl_milestone *tl_set_milestone(const struct tl_set *set,
    size_t i);

/*
 * The timelines, each name once, in name order (after tl_set_index();
 * none before); i < tl_set_timeline_count(), NULL for i from the count
 * on.
 */
TL_EXTERN size_t tl_set_timeline_count(const struct tl_set *set);
TL_EXTERN const struct tl_timeline *tl_set_timeline(const struct tl_set *set,
    size_t i);

#ifdef __cplusplus
}
#endif

#endif
