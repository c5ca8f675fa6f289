/*
 * Editing: move a milestone, mark it done, change its status, in the
 * text of its file, touching only the bytes that change (timeline(5),
 * "EDITING"; timeline(1), "move").
 *
 * Thread safety: these functions keep no state between calls and start
 * no thread; call them from any thread, on several at once for
 * different sets and texts, but for tl_edit_reload() and
 * tl_edit_reload_fd(), which load files as tl_set_load_path() does and
 * share its rule for files that give a time of day (timeline/set.h).
 * None of them prints.
 */
#ifndef TIMELINE_EDIT_H
#define TIMELINE_EDIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common.h"
#include "date.h"
#include "diag.h"
#include "set.h"

#ifdef __cplusplus
extern "C" {
#endif

enum tl_edit_kind {
	TL_EDIT_MOVE = 1,	/* a new date; the old one into history */
	TL_EDIT_DONE,		/* status done, and with a day, the date */
	TL_EDIT_STATUS		/* the status alone */
};

#define TL_EDIT_OPTIONS_VERSION 1

struct tl_edit_options {
	unsigned version;	/* TL_EDIT_OPTIONS_VERSION */
	enum tl_edit_kind kind;
	/*
	 * TL_EDIT_MOVE: a plain date of any form ("2027-Q1", "~2026-12")
	 * or a range "START..END".  TL_EDIT_DONE: a day, or NULL to keep
	 * the date.  Unused by TL_EDIT_STATUS.
	 */
	const char *when;
	/*
	 * The new status (enum tl_status), or -1: TL_EDIT_STATUS needs
	 * one; TL_EDIT_MOVE takes one instead of its own choice.
	 */
	int status;
	/*
	 * Days (date.h) of the years 0001-9999, TL_DAY_MIN to TL_DAY_MAX:
	 * today always, even for an edit that does not read it; noted,
	 * the day the new date was reported, or TL_DAY_NONE for today.
	 * Another value is refused (TL_EINVAL), never written.
	 */
	int32_t noted;
	int32_t today;
};

/*
 * Fills *opts with the defaults of version (TL_EDIT_OPTIONS_VERSION):
 * a move with no date, no status, noted today, today the 1970-01-01.
 * Returns 0, or TL_EINVAL for a version this library does not know.
 */
TL_EXTERN int tl_edit_options_init(struct tl_edit_options *opts,
    unsigned version);

/*
 * Finds the milestone that 'id' names in a resolved set: "ID" when
 * exactly one timeline has it, or "TIMELINE/ID".  Returns 0 with *out
 * set; TL_ENOENT when none has it, TL_EINVAL when several do (the id
 * is ambiguous) or the set is not resolved (suggest empty).  On
 * failure, suggest (size bytes, NUL-terminated) receives the name of a
 * close milestone as it may be written ("drm-rust" when only one
 * timeline has that id and 'id' names no timeline, else
 * "rust/drm-rust"), or the names that an ambiguous id could mean
 * ("TIMELINE/ID" each), or "" when there is none.  For "TIMELINE/ID" of a
 * timeline the set has, a close milestone of that timeline comes before
 * one of another, and "TIMELINE/" gets its first milestone.  *out
 * points into set, and stays valid until the set is freed.
 */
TL_EXTERN int tl_edit_find(const struct tl_set *set, const char *id,
    const struct tl_milestone **out, char *suggest, size_t size);

/*
 * Applies the edit that opts describes to milestone m of set (loaded
 * and resolved without errors), whose file's whole text is the len
 * bytes at data.  On success *out receives the new text (*outlen
 * bytes, NUL-terminated, allocated with malloc: the caller frees it).
 * Returns 0; TL_EINVAL when the edit cannot be made (a malformed or
 * unchanged date, a day after today, no status, an unknown kind, a set
 * not resolved, a today or noted that is not a day: "today is not a
 * day", "noted is not a day"), with the reason in why; TL_EEMPTY when
 * there is nothing to change (why says so); TL_ENOENT when data does
 * not hold the milestone; TL_ELIMIT when its mapping has too many keys
 * to be edited; TL_ENOMEM.  *out is NULL on failure.  A range that runs
 * backwards is written as given: the set as it will be
 * (tl_edit_reload()) has the error, where it stands.
 */
TL_EXTERN int tl_edit_apply(const struct tl_set *set,
    const struct tl_milestone *m, const char *data, size_t len,
    const struct tl_edit_options *opts, char **out, size_t *outlen,
    char why[TL_WHY_SIZE]);

/*
 * What an edit of a file changed (tl_edit_file()): the lines around the
 * bytes it changed, as they were and as they are, with where they
 * stand.  They start at a line's start, with at least five lines before
 * the first change and after the last (fewer at the ends of the text):
 * all that a diff of the edit shows (tl_edit_region_diff()), and all
 * that places in the new text need to be found in the old one.
 */
struct tl_edit_region {
	char *was, *now;	/* the old lines and the new ones,
				   NUL-terminated; freed by
				   tl_edit_region_dispose() */
	size_t waslen, nowlen;	/* their bytes, the NULs not counted */
	size_t start;		/* the offset of was in the old text */
	uint32_t line;		/* the number of its line, from 1, as
				   diagnostics count lines (a LF, a CR LF
				   or a lone CR ends one) */
	uint32_t diff_line;	/* the same as diff(1) counts them (a LF
				   ends one) */
};

/*
 * The reason tl_edit_file() and tl_edit_verify() give for an edit that
 * could not be placed in the file's layout (compare why to it).
 */
#define TL_EDIT_NOT_PLACED "the edit could not be placed in this file's " \
	"layout"

/*
 * The reasons tl_edit_file() gives with TL_EIO: the file it edits
 * could not be read, or the new text could not be written (or read
 * back) to out.
 */
#define TL_EDIT_NOT_READ "the file cannot be read"
#define TL_EDIT_NOT_WRITTEN "the new text cannot be written"

/*
 * Applies the edit that opts describes to milestone m of set (loaded
 * and resolved without errors), as tl_edit_apply() does, to the file
 * open for reading at fd, and writes the whole new text to the file
 * open for writing (and reading) at out, from its offset 0 on.  Of the
 * old text, only the region of the edit is held in memory, old and new
 * (tl_edit_region); it is bounded by line feeds, so a file whose lines
 * end with a lone CR, or that is one line (JSON may be), is held whole,
 * twice.  The offsets of both files are left as they were (the files
 * are read and written with pread(), pwrite() and copy_file_range()).
 * fd must be a regular file; out should be empty (it is not
 * truncated), or -1: then the new text is written nowhere, and only
 * checked as it would be (tl_edit_reload_region() loads it without
 * writing it).  On success *region receives what changed (free it with
 * tl_edit_region_dispose()); it is zeroed on failure.  Whether the file
 * changed while it was read is the caller's to check (its state before
 * and after, by fstat()).  Before it returns 0, the milestone is read
 * back from out: its keys that the edit does not write (all but date,
 * start, end, status, noted and history) must read as they did, value
 * for value (a key added inside another's value, or a block scalar's
 * header that changes its text, would change one).  Returns 0; the
 * errors of tl_edit_apply(), with why; TL_EINVAL with why
 * TL_EDIT_NOT_PLACED when they do not read back so (what out holds
 * must not be used); TL_EIO (errno set) when fd cannot be read, or is
 * shorter than its size when the call began (why TL_EDIT_NOT_READ), or
 * out cannot be written or read back (why TL_EDIT_NOT_WRITTEN);
 * TL_ELIMIT when the file's size does not fit a size_t (a 32-bit
 * build), or the number of its lines before the region does not fit
 * a uint32_t;
 * TL_ENOMEM.
 */
TL_EXTERN int tl_edit_file(const struct tl_set *set,
    const struct tl_milestone *m, int fd,
    const struct tl_edit_options *opts, int out,
    struct tl_edit_region *region, char why[TL_WHY_SIZE]);

/* Frees what r holds and zeroes it; NULL does nothing. */
TL_EXTERN void tl_edit_region_dispose(struct tl_edit_region *r);

/*
 * Writes the unified diff of an edit of a file (tl_edit_file()) to fp,
 * as tl_edit_unified_diff() writes that of the whole texts, byte for
 * byte, from the region alone.  Returns as tl_edit_unified_diff() does.
 */
TL_EXTERN int tl_edit_region_diff(FILE *fp, const char *name,
    const struct tl_edit_region *r);

/*
 * Loads again every file of set (each file that gave it a timeline),
 * the file named 'file' from the len bytes at data instead of the
 * disk, and indexes, resolves and orders the result, as the set will
 * be after the edit, with the flags of set (TL_SET_CHECK_ONLY).  file
 * and data are copied, and the new set keeps
 * nothing of set: the three may be freed, in any order, once the call
 * returns.  The other files are read again from the file system by
 * their names, as tl_set_load_path() reads them; a set another of whose
 * files was given in memory (tl_set_load_buffer()) or read from
 * standard input ("-", which is not read twice) cannot be loaded again
 * this way: load the new set as the first was.  Problems go to diags.
 * *out receives the new set (free it with tl_set_free()).
 * Returns 0; TL_EINVAL, reading nothing, when another file was given
 * in memory or read from standard input, or for a NULL file (or NULL
 * data with len above 0); TL_ENOENT or TL_EIO when a file cannot be
 * read again (with a diagnostic); TL_ENOMEM.  *out is NULL on failure.
 */
TL_EXTERN int tl_edit_reload(const struct tl_set *set, const char *file,
    const char *data, size_t len, struct tl_set **out,
    struct tl_diags *diags);

/*
 * As tl_edit_reload(), but the file named 'file' is read from fd (from
 * its offset to its end, as tl_set_load_fd() reads it), which stays
 * the caller's.  The new set is read with the flags of set
 * (TL_SET_CHECK_ONLY), as tl_edit_reload() reads it.  Returns as
 * tl_edit_reload() does, and TL_EINVAL for a NULL file or a negative
 * fd.
 */
TL_EXTERN int tl_edit_reload_fd(const struct tl_set *set, const char *file,
    int fd, struct tl_set **out, struct tl_diags *diags);

/*
 * As tl_edit_reload_fd(), but the file named 'file' is read from fd
 * (a regular file, read with pread(), its offset left as it was) as
 * the edit that made r (tl_edit_file()) of it would write it: its
 * bytes before r->start, r's now, its bytes after r->start + r->waslen.
 * The new text is written nowhere.  fd must hold the text that
 * tl_edit_file() read.  Returns as tl_edit_reload_fd() does, and
 * TL_EINVAL for a NULL file or r, a negative fd, or a region that
 * does not fit in fd; TL_EIO when fd is not a regular file.
 */
TL_EXTERN int tl_edit_reload_region(const struct tl_set *set,
    const char *file, int fd, const struct tl_edit_region *r,
    struct tl_set **out, struct tl_diags *diags);

/*
 * Checks that milestone m of a set became in after (the set that
 * tl_edit_reload() made of the text tl_edit_apply() gave for m and the
 * same opts, or tl_edit_reload_fd() of the file tl_edit_file() wrote)
 * what the edit meant: the status, the date as written (a new one, or
 * the old one kept), the noted day; with a new date one more history
 * entry, the old date with its noted day; the earlier entries, its
 * title, description, location, time, zone, tags and links (text by
 * text) as they were.  A text whose layout the edit was not placed in
 * as it should (a key added inside another's value) fails here even
 * when it is valid.  Sets read with TL_SET_CHECK_ONLY hold no titles,
 * descriptions, locations, tags or links to compare: tl_edit_file()
 * has checked that they read back as they were.  Returns 0; TL_EINVAL
 * when m did not become so (why is TL_EDIT_NOT_PLACED), when m or
 * after is NULL, when
 * opts is not of this version, asks for an unknown kind of edit or
 * status or gives a today or noted that is not a day (why says which,
 * as tl_edit_apply() does), or when after is not resolved; TL_ENOENT
 * when after holds no
 * milestone of m's name; the errors of tl_edit_apply() for opts that
 * make no edit.
 */
TL_EXTERN int tl_edit_verify(const struct tl_milestone *m,
    const struct tl_set *after, const struct tl_edit_options *opts,
    char why[TL_WHY_SIZE]);

/* A milestone whose window an edit changes. */
struct tl_edit_change {
	const struct tl_milestone *before;	/* in the old set */
	const struct tl_milestone *after;	/* in the new set */
};

/*
 * Lists the milestones whose window or status differs between before
 * and after (matched by timeline and id): edited first (a change of its
 * status, or of a relative date into the day it gives, included even
 * when its window stays), then every other one
 * whose window changed, in the order of after.  *out is allocated with
 * malloc (the caller frees it; NULL when *n is 0); its milestones point
 * into the two sets, and are valid while both are.  Returns 0, TL_EINVAL
 * when either set is not resolved, or TL_ENOMEM.
 */
TL_EXTERN int tl_edit_changes(const struct tl_set *before,
    const struct tl_set *after, const struct tl_milestone *edited,
    struct tl_edit_change **out, size_t *n);

/*
 * Writes one change as a line, without its newline, into buf like
 * snprintf: "rust/drm-rust: ~Dec 2026 -> H1 2027 (later, slipped)";
 * "rust/drm-rust: status planned -> done" when only the status
 * changed; "rust/rc1: 24 Jan 2027, no longer 2w after merge" when a
 * relative date became the day it gave.  Returns the length it needed.
 */
TL_EXTERN size_t tl_edit_change_format(char *buf, size_t size,
    const struct tl_edit_change *c);

/*
 * Writes a unified diff (three lines of context, as diff -u and
 * patch(1) read it) from the old text to the new one to fp, naming the
 * files a/NAME and b/NAME.  As git writes them, a name with a control
 * character, a quote, a backslash or bytes that are not UTF-8 is put in
 * double quotes with C's escapes (octal for the bytes that cannot be
 * shown), and a name with a space ends with a tab.  Nothing is written
 * when the texts are equal.  Only the lines around the changes are
 * split and compared, so a long file with one edit costs little.  The
 * lines from the first change to the last are matched line by line up
 * to 4,096 of them in each text; past that they are all shown removed
 * and added, a longer diff that patch(1) applies all the same (an edit
 * changes one milestone's lines).  Returns 0, TL_EIO when writing
 * fails, or TL_ENOMEM.
 */
TL_EXTERN int tl_edit_unified_diff(FILE *fp, const char *name,
    const char *oldtext, size_t oldlen, const char *newtext, size_t newlen);

#ifdef __cplusplus
}
#endif

#endif
