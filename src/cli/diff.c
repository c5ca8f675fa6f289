/*
 * The diff command: loads two versions of the data, from files and
 * directories or from git, and writes what changed (SPEC section 9).
 */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "timeline/timeline.h"
#include "diff.h"
#include "git.h"
#include "say.h"

enum {
	DIFF_OK = 0,
	DIFF_DATA = 1,		/* errors in the data; changes (--exit-code) */
	DIFF_USAGE = 2		/* usage, unreadable input, failed output */
};

/*
 * Passes on what git wrote to standard error (errors, or NULL), each
 * line escaped as every untrusted text is: with only, the lines that
 * begin so, without it ("warning: "); else every line but empty ones,
 * without the blanks that start it.  Each is said after "timeline: ",
 * label and "git: ".
 */
static void
say_git(const char *errors, const char *only, const char *label)
{
	char buf[1024];
	const char *line, *end;
	size_t skip = only != NULL ? strlen(only) : 0;

	for (line = errors; line != NULL && *line != '\0';
	    line = end + (*end != '\0')) {
		if (only == NULL)
			line += strspn(line, " \t");
		end = line + strcspn(line, "\n");
		if (end == line || strncmp(line, only != NULL ? only : "",
		    skip) != 0)
			continue;
		tl_diags_escape(buf, sizeof(buf), line + skip,
		    (size_t)(end - line) - skip);
		fprintf(stderr, "timeline: %sgit: %s\n", label, buf);
	}
}

/*
 * Whether the directory path holds no timeline file now (a regular file
 * named *.yaml or *.yml, not hidden, as the loader reads them); 0 too
 * when it cannot be read, for the loader to say why.
 */
static int
emptied(const char *path)
{
	DIR *dir;
	struct dirent *de;
	struct stat st;
	int none = 1;

	if ((dir = opendir(path)) == NULL)
		return 0;
	while (none && (de = readdir(dir)) != NULL)
		if (tl_is_timeline_file_name(de->d_name) &&
		    fstatat(dirfd(dir), de->d_name, &st, 0) == 0 &&
		    S_ISREG(st.st_mode))
			none = 0;
	closedir(dir);
	return none;
}

/*
 * Loads path as it was at the revision into set[0] and as it is now into
 * set[1]; named is 0 for the default path, ./timeline/.  Returns 0, 1
 * when it could not be read now (diagnostics in diags[1]), TL_EINVAL for
 * a usage error (already said), TL_ENOMEM.
 */
static int
load_since(struct cli_git *g, struct tl_set **set, struct tl_diags **diags,
    const char *path, int named)
{
	struct stat st;
	char err[1024];
	size_t from = g->nread;
	int error, found, there;

	error = cli_git_load(g, set[0], path, diags[0], &found, err,
	    sizeof(err));
	/* Files a sparse checkout leaves out are not removed. */
	if (error == 0)
		error = cli_git_outside_sparse(g, from, err, sizeof(err));
	if (error == TL_EINVAL)
		cli_error(err, NULL);
	if (error < 0)
		return error;
	if (!(there = stat(path, &st) == 0) && errno == ENOENT) {
		/* Gone since the revision: all of it removed. */
		if (found != CLI_GIT_ABSENT)
			return 0;
		if (!named) {
			cli_error("no ./timeline/ directory here; name a "
			    "file or a directory", NULL);
			return TL_EINVAL;
		}
	}
	/* Its timeline files all gone since: all of them removed. */
	if (there && found == CLI_GIT_FILES && S_ISDIR(st.st_mode) &&
	    emptied(path))
		return 0;
	error = tl_set_load_path(set[1], path, diags[1]);
	if (error == TL_ENOMEM)
		return error;
	return error < 0;
}

/*
 * After OLD NEW could not be read: where one of them is no path at all
 * ("HEAD", "v3", "HEAD:timeline" as git diff takes them), says how to
 * compare with a git revision.
 */
static void
revision_hint(const struct cli_args *a)
{
	struct stat st;
	size_t i;

	if (a->since != NULL)
		return;
	for (i = 0; i < a->npaths; i++)
		if (strcmp(a->paths[i], "-") != 0 &&
		    stat(a->paths[i], &st) < 0 && errno == ENOENT) {
			fputs("timeline: to compare with a git revision, name "
			    "it with --since: timeline diff --since REV "
			    "[PATH...]\n", stderr);
			return;
		}
}

/*
 * Says err, that the current directory is in no work tree, and where
 * PATH's work tree is when it is in one.
 */
static void
not_here(const char *err, const char *path)
{
	char *top = cli_git_work_tree_of(path), *real = NULL;
	const char *there = NULL;
	size_t n;

	/* PATH as named from the top, where the command is to run. */
	if (top != NULL && (real = realpath(path, NULL)) != NULL &&
	    strncmp(real, top, n = strlen(top)) == 0 && real[n] == '/')
		there = real + n + 1;
	if (top == NULL)
		cli_error(err, NULL);
	else if (there == NULL || *there == '\0')
		cli_error(err, "; ", path, " is in the work tree at ", top,
		    ": run the command there", NULL);
	else
		cli_error(err, "; ", path, " is in the work tree at ", top,
		    ": run the command there, with ", there, " for it", NULL);
	free(real);
	free(top);
}

/*
 * Loads both versions into set[0] (old) and set[1] (new).  Returns 0, 1
 * when a file could not be read (diagnostics in diags), TL_EINVAL for a
 * usage error (already said), TL_ENOMEM.
 */
static int
load(const struct cli_args *a, struct tl_set **set, struct tl_diags **diags,
    struct cli_git *g)
{
	static const char *const default_path[] = { "timeline/" };
	const char *const *paths = a->paths;
	size_t npaths = a->npaths, i;
	char err[1024];
	int error, io = 0;

	if (a->since == NULL) {
		for (i = 0; i < 2; i++) {
			error = tl_set_load_path(set[i], paths[i], diags[i]);
			if (error == TL_ENOMEM)
				return error;
			if (error < 0)
				io = 1;
		}
		return io;
	}
	if (npaths == 0) {
		paths = default_path;
		npaths = 1;
	}
	for (i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "-") == 0) {
			cli_error("standard input has no earlier version: "
			    "--since takes files and directories", NULL);
			return TL_EINVAL;
		}
	}
	error = cli_git_open(g, a->since, err, sizeof(err));
	if (!g->refused)
		say_git(g->errors, "warning: ", "warning: ");
	if (error < 0) {
		if (error == TL_EINVAL && g->no_work_tree && a->npaths > 0)
			not_here(err, paths[0]);
		else if (error == TL_EINVAL)
			cli_error(err, NULL);
		if (g->refused)
			say_git(g->errors, NULL, "");
		return error;
	}
	for (i = 0; i < npaths; i++) {
		if ((error = load_since(g, set, diags, paths[i],
		    a->npaths > 0)) < 0)
			return error;
		if (error == 1)
			io = 1;
	}
	for (i = 0; i < g->nrenamed; i++) {
		fputs("timeline: note: ", stderr);
		cli_put_safe(stderr, g->renamed[i].path);
		fputs(" is compared with ", stderr);
		cli_put_safe(stderr, g->renamed[i].from);
		fputs(", which git sees renamed to it\n", stderr);
	}
	if (g->outside != NULL) {
		fputs("timeline: warning: ", stderr);
		cli_put_safe(stderr, g->outside);
		if (g->noutside > 1)
			fprintf(stderr, " (and %zu more)", g->noutside - 1);
		fputs(" is a symbolic link out of the work tree, where git "
		    "keeps no history: what it names is read as it is now\n",
		    stderr);
	}
	return io;
}

/* Orders milestones by title. */
static int
by_title(const void *a, const void *b)
{
	return strcmp(tl_milestone_title(*(const struct tl_milestone *const *)
	    a), tl_milestone_title(*(const struct tl_milestone *const *)b));
}

/* Writes TIMELINE/ID of m to standard error. */
static void
put_name(const struct tl_milestone *m)
{
	cli_put_safe(stderr, tl_milestone_timeline(m)->name);
	putc('/', stderr);
	cli_put_safe(stderr, tl_milestone_id(m));
}

/* The most pairs said; past them, how many more there are. */
#define RENAMES_SAID 10

/*
 * Notes each milestone removed whose title an added one has: an id that
 * was renamed (or moved to another timeline) is a new event in calendars
 * that imported the old one, since the id is its UID, and diff shows no
 * slip of it.  The two lists are sorted by title and walked together.
 * Returns 0 or TL_ENOMEM.
 */
static int
say_renamed(const struct tl_diff *diff)
{
	const struct tl_milestone **gone, **came;
	const struct tl_change *c;
	size_t i, n = tl_diff_count(diff), ng = 0, nc = 0, g, k, said = 0;
	int cmp;

	gone = malloc((n ? n : 1) * sizeof(*gone));
	came = malloc((n ? n : 1) * sizeof(*came));
	if (gone == NULL || came == NULL) {
		free(gone);
		free(came);
		return TL_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		c = tl_diff_change(diff, i);
		if (c->kind == TL_DIFF_REMOVED)
			gone[ng++] = c->before;
		else if (c->kind == TL_DIFF_ADDED)
			came[nc++] = c->after;
	}
	if (ng > 0 && nc > 0) {
		qsort(gone, ng, sizeof(*gone), by_title);
		qsort(came, nc, sizeof(*came), by_title);
	}
	for (g = k = 0; g < ng && k < nc; ) {
		cmp = strcmp(tl_milestone_title(gone[g]),
		    tl_milestone_title(came[k]));
		if (cmp != 0) {
			g += cmp < 0;
			k += cmp > 0;
			continue;
		}
		if (said++ < RENAMES_SAID) {
			fputs("timeline: note: ", stderr);
			put_name(gone[g]);
			fputs(" (removed) and ", stderr);
			put_name(came[k]);
			fputs(" (added) have the same title: if it was "
			    "renamed, calendars get it as a new event (the id "
			    "is its UID), and its date's move is not shown\n",
			    stderr);
		}
		g++;
		k++;
	}
	if (said > RENAMES_SAID)
		fprintf(stderr, "timeline: note: and %zu more removed "
		    "milestones whose title an added one has\n",
		    said - RENAMES_SAID);
	free(gone);
	free(came);
	return 0;
}

/*
 * Says on the terminal that nothing changed, where a pipe gets nothing
 * (as from git diff): an empty answer looks like a query that failed.
 */
static void
say_unchanged(const struct cli_args *a)
{
	char rev[TL_QUOTE_SIZE];

	fputs("no milestone changed", stdout);
	if (a->since != NULL) {
		/* Quoted as values are: an invisible character shows. */
		tl_diags_quote(rev, a->since, strlen(a->since));
		fputs(" since ", stdout);
		cli_put_safe(stdout, rev);
	}
	putchar('\n');
}

/*
 * Says that the command failed with error, with what both versions'
 * loading found before memory ran out, the old version's first (diags,
 * unless NULL: said already); returns the exit status.
 */
static int
say_failure(int error, int status, struct tl_diags **diags)
{
	if (error != TL_ENOMEM) {
		/* No failure ends the command silently with success. */
		if (status == DIFF_OK)
			cli_error(tl_strerror(error), NULL);
		return status == DIFF_OK ? DIFF_USAGE : status;
	}
	cli_out_of_memory(diags, diags != NULL ? 2 : 0);
	return DIFF_USAGE;
}

int
cli_diff(const struct cli_args *a)
{
	struct tl_set *set[2] = { NULL, NULL };
	struct tl_diags *diags[2] = { NULL, NULL };
	struct tl_diff *diff = NULL;
	struct tl_diff_write_options wo;
	struct cli_git g;
	int status = DIFF_OK, error = 0, i, said = 0;

	memset(&g, 0, sizeof(g));
	for (i = 0; i < 2; i++) {
		if ((error = tl_set_new(&set[i])) < 0 ||
		    (error = tl_diags_new(&diags[i])) < 0)
			goto out;
	}
	if ((error = load(a, set, diags, &g)) < 0) {
		if (error == TL_EINVAL)
			status = DIFF_USAGE;
		goto out;
	}
	if (error == 1)
		status = DIFF_USAGE;
	for (i = 0; i < 2; i++)
		if ((error = tl_set_index(set[i], diags[i])) < 0 ||
		    (error = tl_set_resolve(set[i], diags[i])) < 0)
			goto out;
	if (status != DIFF_OK || tl_diags_errors(diags[0]) > 0 ||
	    tl_diags_errors(diags[1]) > 0) {
		/* Both versions' problems, the old version's first. */
		tl_diags_sort(diags[0]);
		tl_diags_sort(diags[1]);
		cli_put_diags(stderr, diags[0]);
		cli_put_diags(stderr, diags[1]);
		said = 1;
		if (status == DIFF_OK)
			status = DIFF_DATA;
		else
			revision_hint(a);
		goto out;
	}
	if ((error = tl_diff(&diff, set[0], set[1], NULL)) < 0)
		goto out;
	tl_diff_write_options_init(&wo, TL_DIFF_WRITE_OPTIONS_VERSION);
	wo.format = a->format == CLI_FORMAT_JSON ? TL_DIFF_JSON :
	    a->format == CLI_FORMAT_MARKDOWN ? TL_DIFF_MARKDOWN : TL_DIFF_TEXT;
	wo.color = a->color == CLI_COLOR_AUTO ? (cli_color_auto() ?
	    TL_COLOR_ALWAYS : TL_COLOR_NEVER) : (enum tl_color)a->color;
	if ((error = tl_diff_write(stdout, diff, &wo)) < 0) {
		/* A reader that stopped reading is fine. */
		if (error == TL_EIO && errno != EPIPE) {
			fprintf(stderr, "timeline: error: cannot write "
			    "standard output: %s\n", strerror(errno));
			status = DIFF_USAGE;
		}
		error = 0;
		goto out;
	}
	if (tl_diff_count(diff) == 0 && wo.format == TL_DIFF_TEXT &&
	    isatty(STDOUT_FILENO))
		say_unchanged(a);
	if ((error = say_renamed(diff)) < 0)
		goto out;
	if (a->exit_code && tl_diff_count(diff) > 0)
		status = DIFF_DATA;
out:
	if (error < 0)
		status = say_failure(error, status, said ? NULL : diags);
	tl_diff_free(diff);
	for (i = 0; i < 2; i++) {
		tl_diags_free(diags[i]);
		tl_set_free(set[i]);
	}
	cli_git_dispose(&g);
	return status;
}
