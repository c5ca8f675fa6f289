/*
 * Output files written whole or not at all.
 */
#ifndef TIMELINE_CLI_OUTPUT_H
#define TIMELINE_CLI_OUTPUT_H

#include <stdio.h>
#include <sys/stat.h>

struct cli_output {
	FILE *fp;		/* where to write */
	char *target;		/* the file replaced at the end, or NULL */
	char *temp;		/* the temporary file beside it, or NULL */
	char *buffer;		/* fp's buffer, or NULL: the C library's */
	int is_stdout;
	int no_temp;		/* open failed: no temporary file beside */
	int read_only;		/* open refused: a file kept (cli_writable);
				 * errno EROFS when on a read-only file
				 * system, else EACCES */
	int had_links;		/* closed: the file replaced had other
				 * names (hard links), which keep it */
};

/*
 * Opens where an export goes: standard output for NULL or "-"; the
 * descriptor itself when path names one of the process's own
 * (/dev/stdout, /dev/fd/N, /proc/self/fd/N, or a link to one); else a
 * temporary file beside path (the file a symbolic link points to), or
 * path itself when it exists and is not a regular file (a device, a
 * pipe).  An existing file that is not cli_writable() is not replaced.
 * Returns 0, or -1 with errno set (and no_temp when what failed was
 * making the temporary file, read_only when the file is kept); target
 * is then the file that was to be written, when it was found.  Opened
 * or not, cli_output_close() ends it.
 */
int cli_output_open(struct cli_output *o, const char *path);

/*
 * Finishes: flushes, and when ok renames the temporary file into place
 * (keeping the mode, owner and group of a replaced file, as far as the
 * user may give them; a new one gets 0666 less the umask).  When !ok or
 * anything fails, the temporary file is removed and the target left as
 * it was; an output whose open failed is only freed.
 * Returns 0, or -1 with errno set.
 */
int cli_output_close(struct cli_output *o, int ok);

/*
 * Gives the temporary file fd the owner and group of the file at from
 * (whose status is st) that it will replace, as far as the user may give
 * them, then its mode, then its extended attributes (its access control
 * list among them) as far as the user and the file system allow.  0, or
 * -1 with errno set.
 */
int cli_temp_like(int fd, const char *from, const struct stat *st);

/*
 * Whether the user may replace the file at path (st its status): that
 * needs only its directory, but a file without write permission, for
 * this user or for anyone, is one its owner keeps as it is.
 */
int cli_writable(const char *path, const struct stat *st);

/*
 * The descriptor of this process that path names, on the way through its
 * symbolic links (/dev/stdin, /dev/fd/N, /proc/self/fd/N), or -1.
 */
int cli_names_descriptor(const char *path);

/*
 * The file that path names, following symbolic links one hop at a time,
 * as cli_output_open() does: a name that is not a link is returned as
 * it is, relative or not, however long its absolute path.  malloc'd, or
 * NULL with errno set (ENOMEM; ELOOP after 40 links).
 */
char *cli_follow_links(const char *path);

/* Whether path (a file or a directory) is on a read-only file system. */
int cli_read_only_fs(const char *path);

/*
 * Makes SIGPIPE (a reader that went away) and SIGXFSZ (a file size
 * limit) fail the write that raises them, with EPIPE and EFBIG, instead
 * of ending the process; a signal the caller ignores stays ignored.
 * They are caught, not ignored, so that a program the process starts
 * (git) gets them with their default action.  Called once, first.
 */
void cli_signals_init(void);

/*
 * Makes a new, empty temporary file beside target (in its directory,
 * named after it: NAME.tmp.XXXXXX, NAME cut short where the whole would
 * be too long), for a file replaced whole: a signal that ends the
 * process (any that can be caught, from SIGINT to SIGSEGV; not one the
 * caller ignores) removes it first and ends the process as it would,
 * until cli_temp_rename() or cli_temp_remove().  One at a time.
 * Returns its descriptor and sets *temp to its name (malloc'd, and kept
 * until then); or -1 with errno set and *temp NULL.
 */
int cli_temp_open(char **temp, const char *target);

/*
 * Gives the unnamed file fd (open(2)'s O_TMPFILE, in target's
 * directory) a name beside target, as cli_temp_open() names the file it
 * makes (NAME.tmp.XXXXXX), by linkat(2) through /proc/self/fd; from
 * then on, as with cli_temp_open(), a signal that ends the process
 * removes it, until cli_temp_rename() or cli_temp_remove().  Returns 0
 * and sets *temp to its name (malloc'd); or -1 with errno set (ENOENT
 * without /proc) and *temp NULL.
 */
int cli_temp_link(char **temp, int fd, const char *target);

/*
 * Renames temp over target.  Returns 0; or -1 with errno set, and temp
 * is still there, for cli_temp_remove().
 */
int cli_temp_rename(const char *temp, const char *target);

/* Removes temp, if it is still there; says so when it cannot. */
void cli_temp_remove(const char *temp);

/*
 * Writes the n bytes at p to descriptor fd whole, again after a signal
 * interrupts a write.  0, or -1 with errno set.
 */
int cli_write_all(int fd, const char *p, size_t n);

#endif
