/*
 * Reading the data as it was at a git revision, by running git (never
 * through a shell), for diff --since.
 */
#ifndef TIMELINE_CLI_GIT_H
#define TIMELINE_CLI_GIT_H

#include <stddef.h>

#include "timeline/timeline.h"

/* A file read at the revision. */
struct cli_git_file {
	char *top;		/* its path from the top of the work tree */
	char *name;		/* as diagnostics name it: REV:PATH */
};

struct cli_git_batch;

/* A file named on the command line, and the file it was at the
 * revision (REV:PATH), which git sees renamed to it since. */
struct cli_git_rename {
	char *path;
	char *from;
};

struct cli_git {
	const char *rev;	/* as given: files are named REV:PATH */
	char *commit;		/* the commit REV names */
	char *errors;		/* what git wrote to standard error when
				 * asked for it (its warnings), or NULL */
	int no_work_tree;	/* git says the current directory is in
				 * no work tree */
	int refused;		/* git refused the repository: errors
				 * says why, and how to fix it */
	char *prefix;		/* the current directory from the top, "a/b/" */
	char *top;		/* the top itself, absolute, without the first
				 * '/' ("home/me/repo"; "" for "/"); asked
				 * for by the first absolute PATH, else NULL */
	struct cli_git_file *read;	/* files read so far, nread (room
					 * for read_cap) */
	size_t nread, read_cap;
	size_t *seen;			/* a table of them by path: each
					 * slot 0 or an index in read + 1;
					 * seen_cap slots */
	size_t seen_cap;
	char *listed;		/* the directory listed last, from the top,
				 * and its listing (listing_len bytes), kept
				 * for the next file named in it */
	char *listing;
	size_t listing_len;
	struct cli_git_batch *batch;	/* the git that reads the files,
					 * once started; NULL */
	int batch_failed;		/* it could not be started, or
					 * failed: each file is read by a
					 * git of its own */
	char *outside;		/* the first symbolic link at the revision
				 * that leads out of the work tree, read as
				 * what it names now (REV:PATH), or NULL */
	size_t noutside;	/* how many such links were read */
	struct cli_git_rename *renamed;	/* the files named on the
					 * command line that git sees
					 * renamed since the revision */
	size_t nrenamed;
};

/*
 * Checks that the current directory is in a git work tree and that rev
 * names a commit there; what git said about rev on its standard error
 * (warnings such as a reflog that does not go back so far) is left in
 * g->errors, untrusted and unescaped; when git refuses the repository
 * (its owner is another user: "dubious ownership"), g->refused is set
 * and g->errors holds all git said.  A git that is killed by a signal,
 * or answers neither yes nor no, is said to be so, never taken for "not
 * a work tree" or "no such commit".  Returns 0; TL_EINVAL with a
 * one-line reason in err (a usage error, git failing); TL_ENOMEM.  Free
 * with cli_git_dispose() in every case.
 */
int cli_git_open(struct cli_git *g, const char *rev, char *err,
    size_t errsize);

/*
 * The top of the git work tree that holds path (a file or a directory),
 * absolute, as git names it (malloc'd), or NULL when it is in none, git
 * cannot tell, or memory runs out: for a hint.
 */
char *cli_git_work_tree_of(const char *path);
void cli_git_dispose(struct cli_git *g);

/* What cli_git_load() found at the revision. */
enum {
	CLI_GIT_ABSENT = 0,
	CLI_GIT_EMPTY = 1,
	CLI_GIT_FILES = 2
};

/*
 * Loads PATH (a file or a directory in the work tree, relative to the
 * current directory or absolute) as it was at the revision into set, by
 * the rules of
 * tl_set_load_path(): a directory means its *.yaml and *.yml files, in
 * byte order of their names.  Files are named
 * "REV:PATH" (or "REV:PATH/NAME") and loaded with
 * tl_set_load_buffer(); a file already read is skipped, and a blob
 * larger than the set's limit is an error at the file, as it would be on
 * disk.  A symbolic link at the revision is read as what it names
 * there, and a PATH through a link to a directory goes on where the link
 * leads, as in the work tree.  *found is CLI_GIT_ABSENT when PATH did not
 * exist at the revision, as a listing of git ls-tree that ran to its end
 * shows (nothing is loaded); a git that fails or is killed while
 * listing a directory is an error, never "not there".  A file now that
 * was not there, but that git sees renamed from a timeline file since
 * the revision (git mv), is compared with that file, and said in
 * g->renamed.  CLI_GIT_EMPTY is
 * for a directory that held no timeline file (nothing is loaded
 * either), else CLI_GIT_FILES.
 *
 * Returns 0; TL_EINVAL with a reason in err (a path outside the work
 * tree, a link, a path that is or is inside a submodule at the revision,
 * git failing); TL_ENOMEM.  g keeps the names of
 * the files: dispose of it after the diagnostics.
 */
int cli_git_load(struct cli_git *g, struct tl_set *set, const char *path,
    struct tl_diags *diags, int *found, char *err, size_t errsize);

/*
 * Of the files read at the revision from g->read[from] on, those not in
 * the work tree now: whether git keeps one of them out of it, as a
 * sparse checkout does (skip-worktree), so that it is not there to
 * compare with rather than removed.  Returns 0 when none is; TL_EINVAL
 * with a reason naming the file in err, or saying why git could not
 * tell (then nothing is known to be removed); TL_ENOMEM.
 */
int cli_git_outside_sparse(struct cli_git *g, size_t from, char *err,
    size_t errsize);

#endif
