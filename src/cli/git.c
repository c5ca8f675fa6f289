/*
 * Reading the data as it was at a git revision: git rev-parse checks the
 * revision, git ls-tree lists a directory, git cat-file --batch --filters
 * gives the files' bytes as checkout would write them, through the
 * filters that the work tree's .gitattributes name (not the revision's:
 * git 2.39 cannot read those for cat-file).  git runs from an argument
 * vector, never through a shell.
 */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "git.h"
#include "output.h"

extern char **environ;

/* Output of git that is not a file's bytes (a hash, a listing). */
#define SMALL_OUTPUT (64u << 20)

/* What git writes to standard error that is kept: a few lines. */
#define ERRORS_KEPT 4096

/*
 * What spawn_git() and the functions over it return, besides 0 and the
 * TL_E* codes.  GIT_NO: git exited with a status other than 0, having
 * run to its end; what that means (a name it does not know, an object
 * missing) is for the caller, who knows what it asked.  GIT_FAILED: git
 * gave no answer (killed by a signal, as by the OOM killer; more output
 * than asked for; its output unreadable), which means nothing about
 * what was asked.  NOT_THERE: a listing of git ls-tree that ran to its
 * end holds no such entry, the only evidence that a path is not there
 * at the revision.  NOT_A_COMMIT: git knows the name, but what it
 * names is no commit (a tree, a file, "^REV").  TOO_LARGE: a blob is
 * larger than a file may be.  OUT_OF_TREE: a symbolic link at the
 * revision leads out of the work tree, where git holds no history.
 */
enum {
	GIT_NO = 1,
	GIT_FAILED = 2,
	NOT_THERE = 3,
	NOT_A_COMMIT = 4,
	TOO_LARGE = 5,
	OUT_OF_TREE = 6
};

/* How a run of git went, for saying why it gave no answer. */
struct git_end {
	int started;		/* it was started: else errnum says why not */
	int errnum;		/* why it could not be started, or followed
				 * to its end (its output, its status); 0 */
	int too_much;		/* it wrote more than max bytes */
	size_t max;
	int signo;		/* the signal that killed it, or 0 */
	int status;		/* its exit status, when it exited */
};

/*
 * Moves *fd above the standard descriptors when it is one of them (the
 * tool started with that one closed), so that setting up the child's
 * standard input, output and error cannot replace it; the copy is closed
 * on exec.  Closes the old descriptor when close_old.  0, or -1 (errno).
 */
static int
above_standard(int *fd, int close_old)
{
	int moved;

	if (*fd < 0 || *fd > 2)
		return 0;
	if ((moved = fcntl(*fd, F_DUPFD_CLOEXEC, 3)) < 0)
		return -1;
	if (close_old)
		close(*fd);
	*fd = moved;
	return 0;
}

/*
 * Whether an environment entry changes how git reads a pathspec
 * (GIT_LITERAL_PATHSPECS, GIT_GLOB_PATHSPECS, ...): the paths asked
 * for here carry their own magic, ":(top,literal)PATH".
 */
static int
pathspec_variable(const char *entry)
{
	const char *eq = strchr(entry, '=');
	size_t n = eq != NULL ? (size_t)(eq - entry) : 0;

	return n > 14 && strncmp(entry, "GIT_", 4) == 0 &&
	    memcmp(entry + n - 10, "_PATHSPECS", 10) == 0;
}

/*
 * The tool's environment for git, with LC_ALL=C in place of the
 * variables that choose a language (LC_ALL, LC_MESSAGES, LANGUAGE):
 * what git says is read here ("not a git repository"), and its words
 * must not depend on the user's locale; and without those that change
 * how git reads a pathspec.  The strings are environ's; the
 * array is the caller's to free.  NULL when memory runs out.
 */
static char **
git_environment(void)
{
	static char c_locale[] = "LC_ALL=C";
	size_t n = 0, k = 0, i;
	char **env;

	while (environ[n] != NULL)
		n++;
	if ((env = calloc(n + 2, sizeof(*env))) == NULL)
		return NULL;
	env[k++] = c_locale;
	for (i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7) != 0 &&
		    strncmp(environ[i], "LC_MESSAGES=", 12) != 0 &&
		    strncmp(environ[i], "LANGUAGE=", 9) != 0 &&
		    !pathspec_variable(environ[i]))
			env[k++] = environ[i];
	env[k] = NULL;
	return env;
}

/*
 * Runs git with argv and the descriptors of fa, the signals the tool
 * ignores for itself (a broken pipe, a file too large) back to their
 * defaults, as git expects them, and its messages in English.  Returns
 * 0 or an errno value.
 */
static int
spawn_with_defaults(pid_t *pid, const posix_spawn_file_actions_t *fa,
    char *const argv[])
{
	posix_spawnattr_t attr;
	sigset_t defaults;
	char **env;
	int e;

	if ((env = git_environment()) == NULL)
		return ENOMEM;
	if ((e = posix_spawnattr_init(&attr)) != 0) {
		free(env);
		return e;
	}
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGPIPE);
	sigaddset(&defaults, SIGXFSZ);
	if ((e = posix_spawnattr_setsigdefault(&attr, &defaults)) == 0 &&
	    (e = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF)) == 0)
		e = posix_spawnp(pid, "git", fa, &attr, argv, env);
	posix_spawnattr_destroy(&attr);
	free(env);
	return e;
}

/*
 * Starts git with argv, standard input from /dev/null, standard output
 * to a pipe whose reading end goes to *readfd, and standard error to
 * errfd (to /dev/null when it is -1).  Returns 0, or TL_EIO with errno
 * set.
 */
static int
start_git(char *const argv[], int errfd, pid_t *pid, int *readfd)
{
	posix_spawn_file_actions_t fa;
	int fds[2] = { -1, -1 }, err = errfd, e;

	if (pipe(fds) < 0)
		return TL_EIO;
	if (above_standard(&fds[0], 1) < 0 || above_standard(&fds[1], 1) < 0 ||
	    above_standard(&err, 0) < 0)
		e = errno;
	else if ((e = posix_spawn_file_actions_init(&fa)) == 0) {
		if ((e = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
		    O_RDONLY, 0)) == 0 &&
		    (e = posix_spawn_file_actions_adddup2(&fa, fds[1], 1)) ==
		    0 &&
		    (e = err >= 0 ? posix_spawn_file_actions_adddup2(&fa,
		    err, 2) : posix_spawn_file_actions_addopen(&fa, 2,
		    "/dev/null", O_WRONLY, 0)) == 0 &&
		    (e = posix_spawn_file_actions_addclose(&fa, fds[0])) ==
		    0 &&
		    (e = posix_spawn_file_actions_addclose(&fa, fds[1])) == 0)
			e = spawn_with_defaults(pid, &fa, argv);
		posix_spawn_file_actions_destroy(&fa);
	}
	close(fds[1]);
	if (err != errfd)
		close(err);
	if (e != 0) {
		close(fds[0]);
		errno = e;
		return TL_EIO;
	}
	*readfd = fds[0];
	return 0;
}

/*
 * Reads fd to its end into *buf (malloc'd, *cap bytes, *len used, room
 * kept for a NUL).  Returns 0; 1 when there is more than max bytes;
 * TL_EIO when it cannot be read (errno set); TL_ENOMEM.
 */
static int
read_output(int fd, size_t max, char **buf, size_t *cap, size_t *len)
{
	char *grown;
	size_t grow;
	ssize_t n;

	for (;;) {
		if (*len + 1 == *cap) {
			if (*cap > max)
				return 1;
			/* Room for max bytes and one more, which says there
			 * is too much: never more. */
			grow = *cap > max / 2 ? max + 2 : *cap * 2;
			if ((grown = realloc(*buf, grow)) == NULL)
				return TL_ENOMEM;
			*buf = grown;
			*cap = grow;
		}
		n = read(fd, *buf + *len, *cap - 1 - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return TL_EIO;
		if (n == 0)
			return 0;
		*len += (size_t)n;
		if (*len > max)
			return 1;
	}
}

/*
 * Runs git with argv (argv[0] is "git"), standard input from /dev/null
 * and standard error to errfd (discarded when it is -1), and collects at
 * most max bytes of its standard output into *out (malloc'd,
 * NUL-terminated, *len bytes).  Returns 0 when git exited with status 0;
 * GIT_NO when it exited with another status; GIT_FAILED when it was
 * killed by a signal, wrote more than max bytes, or could not be
 * followed to its end; TL_EIO when it could not be started; TL_ENOMEM.
 * *end says how it went; *out is NULL unless 0 is returned.
 */
static int
spawn_git(char *const argv[], size_t max, int errfd, char **out,
    size_t *len, struct git_end *end)
{
	pid_t pid, waited;
	int fd, status = 0, got;
	size_t cap = 4096;
	char *buf;

	memset(end, 0, sizeof(*end));
	end->max = max;
	*out = NULL;
	*len = 0;
	if ((buf = malloc(cap)) == NULL)
		return TL_ENOMEM;
	if (start_git(argv, errfd, &pid, &fd) < 0) {
		end->errnum = errno;
		free(buf);
		return TL_EIO;
	}
	end->started = 1;
	/* Output cut short stops the child we started. */
	if ((got = read_output(fd, max, &buf, &cap, len)) != 0) {
		if (got == TL_EIO)
			end->errnum = errno;
		kill(pid, SIGTERM);
	}
	close(fd);
	while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (waited < 0 && got == 0) {
		end->errnum = errno;
		got = TL_EIO;
	}
	if (got == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		buf[*len] = '\0';
		*out = buf;
		return 0;
	}
	free(buf);
	*len = 0;
	if (got == TL_ENOMEM)
		return got;
	end->too_much = got == 1;
	if (got == 0 && WIFSIGNALED(status))
		end->signo = WTERMSIG(status);
	else if (got == 0) {
		end->status = WEXITSTATUS(status);
		return GIT_NO;
	}
	return GIT_FAILED;
}

/*
 * Reads at most ERRORS_KEPT bytes of what git wrote to the temporary
 * file errs into *errors (malloc'd, NUL-terminated; NULL for nothing).
 * 0 or TL_ENOMEM.
 */
static int
keep_errors(FILE *errs, char **errors)
{
	size_t n;

	*errors = NULL;
	rewind(errs);
	if ((*errors = malloc(ERRORS_KEPT + 1)) == NULL)
		return TL_ENOMEM;
	n = fread(*errors, 1, ERRORS_KEPT, errs);
	(*errors)[n] = '\0';
	if (n == 0) {
		free(*errors);
		*errors = NULL;
	}
	return 0;
}

/*
 * Runs git as spawn_git() does; with errors not NULL, what git wrote to
 * standard error is kept there as keep_errors() keeps it, else it is
 * discarded.
 */
static int
capture_git(char *const argv[], size_t max, char **out, size_t *len,
    char **errors, struct git_end *end)
{
	FILE *errs = NULL;
	int error, e;

	/* Without a temporary file, git's standard error is discarded. */
	if (errors != NULL && (errs = tmpfile()) == NULL)
		*errors = NULL;
	error = spawn_git(argv, max, errs != NULL ? fileno(errs) : -1, out,
	    len, end);
	if (errs != NULL) {
		e = keep_errors(errs, errors);
		fclose(errs);
		if (e < 0 && error != TL_ENOMEM) {
			free(*out);
			*out = NULL;
			error = e;
		}
	}
	return error;
}

/*
 * Writes into buf the lines of what git wrote to standard error
 * (errors, or NULL), escaped, without the blanks that start them, the
 * first after ": " and the others after "; ", for the end of a one-line
 * message.
 */
static void
git_reason(char *buf, size_t size, const char *errors)
{
	char line[512];
	const char *p, *end;
	size_t at = 0;

	buf[0] = '\0';
	for (p = errors; p != NULL && *p != '\0' && at + 1 < size;
	    p = end + (*end != '\0')) {
		p += strspn(p, " \t");
		end = p + strcspn(p, "\n");
		if (end == p)
			continue;
		tl_diags_escape(line, sizeof(line), p, (size_t)(end - p));
		snprintf(buf + at, size - at, "%s%s", at == 0 ? ": " : "; ",
		    line);
		at += strlen(buf + at);
	}
}

/*
 * Writes into buf why git, run as 'what' ("git ls-tree"), gave no
 * answer, as *end says, with the lines it wrote to standard error
 * (errors, or NULL) as git_reason() gives them: "git ls-tree was killed
 * by signal 9", "git ls-tree failed: fatal: not a tree object".
 */
static void
git_failure(char *buf, size_t size, const char *what,
    const struct git_end *end, const char *errors)
{
	char reason[640];

	git_reason(reason, sizeof(reason), errors);
	if (!end->started)
		snprintf(buf, size, "%s cannot be run: %s", what,
		    strerror(end->errnum));
	else if (end->too_much)
		snprintf(buf, size, "%s wrote more than %zu bytes", what,
		    end->max);
	else if (end->errnum != 0)
		snprintf(buf, size, "%s could not be followed to its end: %s",
		    what, strerror(end->errnum));
	else if (end->signo != 0)
		snprintf(buf, size, "%s was killed by signal %d%s", what,
		    end->signo, reason);
	else if (reason[0] != '\0')
		snprintf(buf, size, "%s failed%s", what, reason);
	else
		snprintf(buf, size, "%s failed with exit status %d", what,
		    end->status);
}

/*
 * Says in err, after 'context' (a phrase of at most 500 bytes, or ""),
 * why git gave no answer, as git_failure() does; returns TL_EINVAL.
 */
static int
git_failed(char *err, size_t errsize, const char *context, const char *what,
    const struct git_end *end, const char *errors)
{
	char why[900];

	git_failure(why, sizeof(why), what, end, errors);
	snprintf(err, errsize, "%.500s%s%s", context, context[0] != '\0' ?
	    ": " : "", why);
	return TL_EINVAL;
}

/*
 * Runs git for one line of output (a hash, a prefix), without its line
 * end; with errors not NULL, what git wrote to standard error is kept
 * there as keep_errors() keeps it.  Returns as spawn_git().
 */
static int
git_line(char *const argv[], char **out, char **errors, struct git_end *end)
{
	size_t len;
	int error;

	if ((error = capture_git(argv, SMALL_OUTPUT, out, &len, errors,
	    end)) != 0)
		return error;
	/* git ends the line with one LF; what comes before is the answer,
	 * even a name that ends in CR or LF. */
	if (len > 0 && (*out)[len - 1] == '\n')
		(*out)[--len] = '\0';
	return 0;
}

/*
 * Whether a file named git is in a directory of PATH (one that cannot
 * be run, a script whose interpreter is missing, gives ENOENT too).
 */
static int
git_on_path(void)
{
	const char *path = getenv("PATH"), *p, *end;
	char file[4096];
	size_t n;

	/* An empty entry, the last one too, is the current directory. */
	for (p = path != NULL ? path : ""; p != NULL;
	    p = *end != '\0' ? end + 1 : NULL) {
		end = p + strcspn(p, ":");
		n = (size_t)(end - p);
		if (n + 5 >= sizeof(file))
			continue;
		memcpy(file, n > 0 ? p : ".", n > 0 ? n : 1);
		memcpy(file + (n > 0 ? n : 1), "/git", 5);
		if (access(file, F_OK) == 0)
			return 1;
	}
	return 0;
}

/* Says that git cannot be run, and why (errnum); returns TL_EINVAL. */
static int
git_cannot_run(int errnum, char *err, size_t errsize)
{
	if (errnum == ENOENT && !git_on_path())
		snprintf(err, errsize, "--since needs git, which is not on "
		    "PATH: install git");
	else
		snprintf(err, errsize, "--since needs git, which cannot be "
		    "run: %s", strerror(errnum));
	return TL_EINVAL;
}

static char *
join(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s;

	if ((s = malloc(la + lb + lc + 1)) == NULL)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

/*
 * Whether git reads path after "REV:" as it is read on the file
 * system: no "." or ".." but at its start, no "//".
 */
static int
plain_path(const char *path)
{
	const char *p, *end;
	size_t n;
	int lead = 1;

	for (p = path; *p != '\0'; p = end + (*end == '/')) {
		end = p + strcspn(p, "/");
		n = (size_t)(end - p);
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' &&
		    p[1] == '.')) {
			if (!lead)
				return 0;
		} else if (n == 0) {
			return 0;
		} else {
			lead = 0;
		}
	}
	return 1;
}

/*
 * The name of the file at path (as the user gave it, from the current
 * directory; top from the top of the work tree, or NULL) at the
 * revision, as git show reads it: "REV:PATH" from the top of the work
 * tree, "REV:./PATH" below it, where "REV:PATH" would be read from the
 * top; "REV:TOP" for a path git would read otherwise (absolute, or with
 * "." or ".." inside).  A REV that git would read otherwise before
 * ":PATH" ("A...B", ":/TEXT") is given as its commit's short hash.
 * path NULL names the file by top.  malloc'd, or NULL.
 */
static char *
rev_name(const struct cli_git *g, const char *path, const char *top)
{
	char shown[16];
	const char *rev = g->rev;
	int below;

	if (path == NULL)
		path = "/";	/* named from the top */
	below = g->prefix[0] != '\0' && path[0] != '/' &&
	    strncmp(path, "./", 2) != 0 && strncmp(path, "../", 3) != 0 &&
	    strcmp(path, ".") != 0 && strcmp(path, "..") != 0;

	if (strstr(rev, "...") != NULL || strchr(rev, ':') != NULL) {
		snprintf(shown, sizeof(shown), "%.12s", g->commit);
		rev = shown;
	}
	if (top != NULL && (path[0] == '/' || !plain_path(path)))
		return join(rev, ":", top);
	return join(rev, below ? ":./" : ":", path);
}

/* a followed by b (malloc'd); a is freed. */
static char *
join_free(char *a, const char *b)
{
	char *s = join(a, b, "");

	free(a);
	return s;
}

/*
 * Asks git whether the first n bytes of rev name a commit: 0 when they
 * do, GIT_NO when git says they do not, else what git_line() gives (git
 * gave no answer) or TL_ENOMEM.
 */
static int
verify_commit(const char *rev, size_t n)
{
	char *base, *argv[] = { "git", "rev-parse", "--quiet", "--verify",
	    NULL, "--", NULL };
	char *commit = NULL;
	struct git_end ran;
	int answer;

	if ((base = malloc(n + sizeof("^{commit}"))) == NULL)
		return TL_ENOMEM;
	memcpy(base, rev, n);
	memcpy(base + n, "^{commit}", sizeof("^{commit}"));
	argv[4] = base;
	answer = git_line(argv, &commit, NULL, &ran);
	free(commit);
	free(base);
	return answer;
}

/*
 * Whether the repository has a commit: 0 only when git says that HEAD
 * names none.
 */
static int
has_commits(void)
{
	return verify_commit("HEAD", 4) != GIT_NO;
}

/*
 * Whether git says the object named by hash is not in the repository
 * (a full hash git verifies without looking, as in a shallow clone).
 */
static int
object_missing(const char *hash)
{
	char *argv[] = { "git", "cat-file", "-e", NULL, NULL };
	char *out = NULL;
	struct git_end ran;
	int answer;

	if ((argv[3] = strdup(hash)) == NULL)
		return 0;
	answer = git_line(argv, &out, NULL, &ran);
	free(out);
	free(argv[3]);
	return answer == GIT_NO;
}

/* Whether the repository here is a shallow clone. */
static int
shallow(void)
{
	char *argv[] = { "git", "rev-parse", "--is-shallow-repository",
	    NULL };
	char *answer = NULL;
	struct git_end ran;
	int cut = git_line(argv, &answer, NULL, &ran) == 0 &&
	    strcmp(answer, "true") == 0;

	free(answer);
	return cut;
}

/*
 * Whether any ref of the repository names a commit: 0 only when git
 * says that none does (a repository with no commit at all).
 */
static int
any_commit(void)
{
	char *argv[] = { "git", "rev-list", "--max-count=1", "--all", NULL };
	char *commit = NULL;
	struct git_end ran;
	int found = git_line(argv, &commit, NULL, &ran) != 0 ||
	    commit[0] != '\0';

	free(commit);
	return found;
}

/*
 * The length of rev without the steps back through its history that end
 * it (~N, ^N, ~, ^), or 0 when none does.
 */
static size_t
ancestry_base(const char *rev)
{
	size_t n = strlen(rev), k;
	int had = 0;

	for (;;) {
		for (k = n; k > 0 && rev[k - 1] >= '0' && rev[k - 1] <= '9';)
			k--;
		if (k == 0 || (rev[k - 1] != '~' && rev[k - 1] != '^'))
			break;
		n = k - 1;
		had = 1;
	}
	return had ? n : 0;
}

/*
 * Whether the first step back from rev's first n bytes (a commit) that
 * names none is ^N with N of 2 or more: a parent that a commit which
 * merged nothing, or fewer branches, does not have.
 */
static int
nth_parent(const char *rev, size_t n)
{
	size_t end;

	while (rev[n] == '~' || rev[n] == '^') {
		for (end = n + 1; rev[end] >= '0' && rev[end] <= '9'; end++)
			;
		if (verify_commit(rev, end) != 0)
			return rev[n] == '^' && strtoul(rev + n + 1, NULL,
			    10) >= 2;
		n = end;
	}
	return 0;
}

/*
 * Whether rev starts with name, followed by nothing or by what names a
 * commit from it (~N, ^N, @{...}, :PATH).
 */
static int
starts_with_ref(const char *rev, const char *name)
{
	size_t n = strlen(name);

	return n > 0 && strncmp(rev, name, n) == 0 &&
	    strchr("~^@:", rev[n]) != NULL;
}

/*
 * Whether rev names a commit from the current branch, which has none
 * yet: HEAD, @ or the branch's own name, and what follows them, or
 * @{...} (its reflog; @{-N} is another branch's).
 */
static int
from_head(const char *rev)
{
	char *argv[] = { "git", "symbolic-ref", "--quiet", "--short", "HEAD",
	    NULL };
	char *branch = NULL;
	struct git_end ran;
	int head;

	if (starts_with_ref(rev, "HEAD") || starts_with_ref(rev, "@") ||
	    (strncmp(rev, "@{", 2) == 0 && rev[2] != '-'))
		return 1;
	head = git_line(argv, &branch, NULL, &ran) == 0 &&
	    starts_with_ref(rev, branch);
	free(branch);
	return head;
}

/* Whether the n bytes at s are all printable ASCII. */
static int
plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * Writes into buf, for a rev of the form NAME@{...} that reads the
 * reflog (not @{upstream} nor @{push}), why git may know no commit by
 * it, and for a date how to name the commit by its date in the
 * history; else "".
 */
static void
reflog_hint(char *buf, size_t size, const char *rev)
{
	const char *open = strstr(rev, "@{"), *close, *at, *quote, *branch;
	size_t n, blen;

	buf[0] = '\0';
	if (open == NULL || (close = strchr(open, '}')) == NULL)
		return;
	at = open + 2;
	n = (size_t)(close - at);
	if ((n == 1 && (at[0] == 'u' || at[0] == 'U')) ||
	    (n == 8 && strncasecmp(at, "upstream", 8) == 0) ||
	    (n == 4 && strncasecmp(at, "push", 4) == 0))
		return;
	if (n == 0 || strspn(at, "-0123456789") >= n) {
		snprintf(buf, size, " (@{...} is looked up in the local "
		    "reflog, which records only where the branch stood in "
		    "this clone, when it is kept at all)");
		return;
	}
	/* The date as the shell takes it: quoted when it holds a blank.
	 * A long one, or one with a character that may not show, is
	 * named DATE, and such a branch BRANCH: the hint is copied. */
	if (n > 100 || memchr(at, '\'', n) != NULL || !plain_ascii(at, n))
		at = "DATE", n = 4;
	quote = strcspn(at, " \t\"$`\\;&|<>()*?[#~") < n ? "'" : "";
	if (open == rev)
		branch = "HEAD", blen = 4;
	else if (open - rev > 100 || !plain_ascii(rev, (size_t)(open - rev)))
		branch = "BRANCH", blen = 6;
	else
		branch = rev, blen = (size_t)(open - rev);
	snprintf(buf, size, " (a date in braces is looked up in the local "
	    "reflog, which records only where the branch stood in this "
	    "clone, when it is kept at all: for the last commit of a branch "
	    "before a date, in any clone, name it with $(git rev-list -1 "
	    "--before=%s%.*s%s %.*s))", quote, (int)n, at, quote, (int)blen,
	    branch);
}

/*
 * Whether git, failing, said more than that the current directory is
 * not in a repository: that it refuses the one here (its owner is
 * another user, an extension it does not know), or cannot use the .git
 * it found ("not a git repository: PATH": a linked work tree whose
 * repository moved, a stale submodule's .git file), where outside any
 * it says "not a git repository (or any of the parent directories)".
 */
static int
refuses(const char *errors)
{
	static const char outside[] = "not a git repository";
	const char *p;

	if (errors == NULL)
		return 0;
	p = strstr(errors, outside);
	return p == NULL || p[sizeof(outside) - 1] == ':';
}

/*
 * Whether rev could be the name of a branch or a tag (and nothing else:
 * not a hash, no step back through history, no range), as a shallow
 * clone that holds one branch may not have it.
 */
static int
ref_like(const char *rev)
{
	size_t i, hex = 0;

	if (rev[0] == '-' || rev[0] == '/' || rev[0] == '\0' ||
	    strstr(rev, "..") != NULL || strstr(rev, "//") != NULL)
		return 0;
	for (i = 0; rev[i] != '\0'; i++) {
		if (!((rev[i] >= 'a' && rev[i] <= 'z') ||
		    (rev[i] >= 'A' && rev[i] <= 'Z') ||
		    (rev[i] >= '0' && rev[i] <= '9') || rev[i] == '-' ||
		    rev[i] == '_' || rev[i] == '.' || rev[i] == '/'))
			return 0;
		hex += (rev[i] >= 'a' && rev[i] <= 'f') ||
		    (rev[i] >= '0' && rev[i] <= '9');
	}
	/* Four or more hexadecimal digits may be a hash; a long name is
	 * not repeated in the advice. */
	return !(i >= 4 && hex == i) && i <= 100 && rev[i - 1] != '/' &&
	    rev[i - 1] != '.';
}

/* Whether git has a remote of the name's first n bytes. */
static int
is_remote(const char *name, size_t n)
{
	char *argv[] = { "git", "remote", NULL };
	char *out = NULL, *p, *end;
	struct git_end ran;
	size_t len;
	int found = 0;

	if (capture_git(argv, SMALL_OUTPUT, &out, &len, NULL, &ran) != 0)
		return 0;
	for (p = out; p < out + len && !found; p = end + 1) {
		end = memchr(p, '\n', (size_t)(out + len - p));
		if (end == NULL)
			end = out + len;
		found = (size_t)(end - p) == n && memcmp(p, name, n) == 0;
	}
	free(out);
	return found;
}

/*
 * Into buf, why a shallow clone may not know rev, and how to fetch it:
 * the branch or tag, when rev may be one (a clone of depth 1 holds only
 * the branch it was cloned with, and fetching its history brings no
 * other); else the history.
 */
static void
shallow_hint(char *buf, size_t size, const char *rev)
{
	const char *slash = strchr(rev, '/');

	if (!ref_like(rev)) {
		snprintf(buf, size, " (this clone is shallow: fetch its "
		    "history with git fetch --unshallow)");
	} else if (slash != NULL && is_remote(rev, (size_t)(slash - rev))) {
		snprintf(buf, size, " (this clone is shallow, and may hold "
		    "only the branch it was cloned with: fetch this one with "
		    "git fetch %.*s %s:refs/remotes/%s)",
		    (int)(slash - rev), rev, slash + 1, rev);
	} else {
		/* "NAME:NAME" would make a tag a branch, or fail on one. */
		snprintf(buf, size, " (this clone is shallow, and may hold "
		    "only the branch it was cloned with: fetch a branch of "
		    "that name with git fetch origin %s:refs/remotes/origin/%s "
		    "and name it origin/%s, or a tag with git fetch origin tag "
		    "%s)", rev, rev, rev, rev);
	}
}

/*
 * Says that git knows no commit by the name rev here (GIT_NO), or that
 * what it names is none (NOT_A_COMMIT), and why that may be: errors is
 * what git wrote to standard error about it, or NULL.  Returns
 * TL_EINVAL.
 */
static int
unknown_revision(const char *rev, int how, const char *errors, char *err,
    size_t errsize)
{
	/* A CI checkout is often shallow: REV may be history it has not
	 * fetched, or a branch.  A range is a mistake there too. */
	int cut = how == GIT_NO && strstr(rev, "..") == NULL && shallow();
	const char *why = "";
	static const char generic[] = "Needed a single revision";
	char said[520] = "", reflog[560], name[TL_QUOTE_SIZE], fetch[720];
	char base[TL_QUOTE_SIZE], back[TL_QUOTE_SIZE + 96];
	const char *p, *end;
	size_t n;

	/* Quoted as values are: an invisible character shows. */
	tl_diags_quote(name, rev, strlen(rev));
	if (how == NOT_A_COMMIT) {
		snprintf(err, errsize, "'%s' names no commit%s", name,
		    rev[0] == '^' ? " (^REV leaves commits out): name one "
		    "commit" : " (a tree or a file): name a commit");
		return TL_EINVAL;
	}
	/* Why, when git says more than that it knows no such name (its
	 * warnings are passed on apart). */
	for (p = errors; p != NULL && *p != '\0' && said[0] == '\0';
	    p = end + (*end != '\0')) {
		end = p + strcspn(p, "\n");
		n = (size_t)(end - p);
		if (n > 7 && ((memcmp(p, "fatal: ", 7) == 0 &&
		    !(n - 7 == strlen(generic) && memcmp(p + 7, generic,
		    n - 7) == 0)) || memcmp(p, "error: ", 7) == 0))
			tl_diags_escape(said, sizeof(said), p + 7, n - 7);
	}
	/* A short hash that several objects start with. */
	if (strstr(said, " is ambiguous") != NULL) {
		snprintf(err, errsize, "ambiguous revision '%s': git says: %s "
		    "(give more of the hash)", name, said);
		return TL_EINVAL;
	}
	reflog_hint(reflog, sizeof(reflog), rev);
	if (cut) {
		shallow_hint(fetch, sizeof(fetch), rev);
		why = fetch;
	}
	/* On a branch with no commit yet, others may have some. */
	if (!cut && !has_commits() && (from_head(rev) || !any_commit()))
		why = " (the current branch has no commit yet)";
	else if (reflog[0] != '\0')
		why = reflog;
	else if (strstr(rev, "..") != NULL)
		why = " (A..B is a range, not a revision: name one commit, "
		    "or A...B for the merge base of A and B)";
	else if (!cut && (n = ancestry_base(rev)) > 0 &&
	    verify_commit(rev, n) == 0) {
		tl_diags_quote(base, rev, n);
		snprintf(back, sizeof(back), " ('%s' is there, but has no "
		    "such ancestor: %s)", base, nth_parent(rev, n) ?
		    "^N names the Nth parent of a merge" :
		    "its history is shorter");
		why = back;
	}
	snprintf(err, errsize, "unknown revision '%s': git knows no "
	    "commit by that name here%s%s%s", name, why,
	    said[0] != '\0' ? "; git says: " : "", said);
	return TL_EINVAL;
}

/*
 * The commit that rev names, into *commit (a malloc'd hash): rev is
 * verified as it is, then what it names is peeled to a commit, so that
 * no suffix is read as part of rev (":/TEXT" takes the rest of it).
 * What git wrote to standard error about rev (its warnings) is kept in
 * *errors.  Returns 0; GIT_NO when git knows no such name;
 * NOT_A_COMMIT when what it names is no commit; TL_EINVAL with the
 * reason in err when git failed (what it wrote to standard error is
 * then in err, not in *errors); TL_ENOMEM.
 */
static int
resolve_commit(const char *rev, char **commit, char **errors, char *err,
    size_t errsize)
{
	/* Not --quiet, which keeps back git's warnings about REV. */
	char *verify[] = { "git", "rev-parse", "--verify", NULL, NULL };
	char *peel[] = { "git", "rev-parse", "--quiet", "--verify", NULL,
	    NULL };
	char *object = NULL, *why = NULL, context[300];
	struct git_end ran;
	int error;

	*commit = NULL;
	if ((verify[3] = strdup(rev)) == NULL)
		return TL_ENOMEM;
	snprintf(context, sizeof(context), "cannot resolve '%.200s'", rev);
	error = git_line(verify, &object, errors, &ran);
	if (error == TL_EIO || error == GIT_FAILED) {
		error = git_failed(err, errsize, context, "git rev-parse",
		    &ran, *errors);
		free(*errors);
		*errors = NULL;
	} else if (error == 0 && object[0] == '^') {
		error = NOT_A_COMMIT;	/* "^REV": a commit left out */
	} else if (error == 0 && (peel[4] = join(object, "^{commit}", "")) ==
	    NULL) {
		error = TL_ENOMEM;
	} else if (error == 0 &&
	    ((error = git_line(peel, commit, &why, &ran)) == TL_EIO ||
	    error == GIT_FAILED)) {
		error = git_failed(err, errsize, context, "git rev-parse",
		    &ran, why);
	} else if (error == GIT_NO && peel[4] != NULL) {
		/* Known, but no commit; or a full hash of an object that
		 * is not here, which rev-parse verifies by its form. */
		error = object_missing(object) ? GIT_NO : NOT_A_COMMIT;
	} else if (error == 0 && (*commit)[0] == '\0') {
		snprintf(err, errsize, "%s: git rev-parse printed no commit",
		    context);
		error = TL_EINVAL;
	}
	if (error != 0) {
		free(*commit);
		*commit = NULL;
	}
	free(why);
	free(peel[4]);
	free(object);
	free(verify[3]);
	return error;
}

/*
 * Takes g->commit to be the merge base of A and B in rev, "A...B" with
 * the dots at 'dots' (an end left out being HEAD), as git diff A...B
 * does; their warnings are kept in g->errors.  Returns 0; TL_EINVAL
 * with the reason in err (an end that names no commit, no commit in
 * common, git failing); TL_ENOMEM.
 */
static int
merge_base(struct cli_git *g, const char *rev, const char *dots, char *err,
    size_t errsize)
{
	char *argv[] = { "git", "merge-base", NULL, NULL, NULL };
	char *end[2], *errs[2] = { NULL, NULL }, *why = NULL, context[500];
	struct git_end ran;
	int error = 0, i;

	memset(&ran, 0, sizeof(ran));
	end[0] = dots > rev ? strndup(rev, (size_t)(dots - rev)) :
	    strdup("HEAD");
	end[1] = strdup(dots[3] != '\0' ? dots + 3 : "HEAD");
	for (i = 0; i < 2 && error == 0; i++) {
		if (end[i] == NULL)
			error = TL_ENOMEM;
		else if (end[i][0] == '-')
			error = unknown_revision(end[i], GIT_NO, NULL, err,
			    errsize);
		else if ((error = resolve_commit(end[i], &argv[2 + i],
		    &errs[i], err, errsize)) == GIT_NO ||
		    error == NOT_A_COMMIT)
			error = unknown_revision(end[i], error, errs[i], err,
			    errsize);
	}
	if (error == 0)
		error = git_line(argv, &g->commit, &why, &ran);
	/* Status 1, and nothing said: no merge base. */
	if (error == GIT_NO && ran.status == 1 && why == NULL) {
		snprintf(err, errsize, "'%.200s': %.200s and %.200s have no "
		    "commit in common%s", rev, end[0], end[1], shallow() ?
		    " in the history this shallow clone holds (fetch the "
		    "rest with git fetch --unshallow)" : "");
		error = TL_EINVAL;
	} else if (error > 0 || error == TL_EIO) {
		snprintf(context, sizeof(context), "cannot find the merge "
		    "base of %.200s and %.200s", end[0], end[1]);
		error = git_failed(err, errsize, context, "git merge-base",
		    &ran, why);
	} else if (error == 0 && g->commit[0] == '\0') {
		snprintf(err, errsize, "cannot find the merge base of %.200s "
		    "and %.200s: git merge-base printed nothing", end[0],
		    end[1]);
		error = TL_EINVAL;
	}
	free(why);
	if (error == 0 && errs[0] != NULL && errs[1] != NULL &&
	    (g->errors = join(errs[0], errs[1], "")) == NULL)
		error = TL_ENOMEM;
	else if (error == 0 && g->errors == NULL)
		g->errors = errs[0] != NULL ? errs[0] : errs[1];
	if (g->errors != errs[0])
		free(errs[0]);
	if (g->errors != errs[1])
		free(errs[1]);
	for (i = 0; i < 2; i++) {
		free(argv[2 + i]);
		free(end[i]);
	}
	return error;
}

int
cli_git_open(struct cli_git *g, const char *rev, char *err, size_t errsize)
{
	char *inside = NULL, *errors = NULL, answer[TL_QUOTE_SIZE];
	char *check[] = { "git", "rev-parse", "--is-inside-work-tree", NULL };
	char *prefix[] = { "git", "rev-parse", "--show-prefix", NULL };
	const char *dots;
	struct git_end ran;
	int error;

	memset(g, 0, sizeof(*g));
	g->rev = rev;
	if (rev[0] == '\0') {
		snprintf(err, errsize, "--since is empty: name a git revision "
		    "(HEAD~1, a tag, main@{2.weeks.ago}); a command that finds "
		    "one found none?%s", shallow() ? " (this clone is shallow: "
		    "its history may not go back so far; fetch it with git "
		    "fetch --unshallow)" : "");
		return TL_EINVAL;
	}
	error = git_line(check, &inside, &g->errors, &ran);
	if (error == GIT_NO && refuses(g->errors)) {
		g->refused = 1;
		snprintf(err, errsize, "--since needs git, which refuses the "
		    "repository here:");
		error = TL_EINVAL;
		goto out;
	}
	if (error == TL_EIO) {
		error = git_cannot_run(ran.errnum, err, errsize);
	} else if (error == GIT_FAILED) {
		/* Killed, say: that is no answer about the work tree. */
		error = git_failed(err, errsize, "",
		    "git rev-parse --is-inside-work-tree", &ran, g->errors);
	} else if (error == GIT_NO || (error == 0 &&
	    strcmp(inside, "false") == 0)) {
		snprintf(err, errsize, "--since needs a git work tree, and "
		    "the current directory is not in one");
		g->no_work_tree = 1;
		error = TL_EINVAL;
	} else if (error == 0 && strcmp(inside, "true") != 0) {
		/* Nothing, or something else: no answer either. */
		tl_diags_quote(answer, inside, strlen(inside));
		if (inside[0] == '\0')
			snprintf(err, errsize, "git rev-parse "
			    "--is-inside-work-tree printed nothing");
		else
			snprintf(err, errsize, "git rev-parse "
			    "--is-inside-work-tree answered '%s', neither "
			    "true nor false", answer);
		error = TL_EINVAL;
	}
	free(g->errors);
	g->errors = NULL;
	if (error != 0)
		goto out;
	if ((error = git_line(prefix, &g->prefix, &errors, &ran)) > 0 ||
	    error == TL_EIO) {
		error = git_failed(err, errsize, "", "git rev-parse "
		    "--show-prefix", &ran, errors);
		goto out;
	}
	if (error < 0 || (error = resolve_commit(rev, &g->commit, &g->errors,
	    err, errsize)) <= 0)
		goto out;
	/* A...B, as for git diff: the merge base of A and B. */
	if (error == GIT_NO && (dots = strstr(rev, "...")) != NULL) {
		free(g->errors);
		g->errors = NULL;
		error = merge_base(g, rev, dots, err, errsize);
	} else {
		error = unknown_revision(rev, error, g->errors, err, errsize);
	}
out:
	free(errors);
	free(inside);
	return error;
}

char *
cli_git_work_tree_of(const char *path)
{
	char *argv[] = { "git", "-C", NULL, "rev-parse", "--show-toplevel",
	    NULL };
	char *dir, *slash, *top = NULL;
	struct stat st;
	struct git_end ran;

	if ((dir = strdup(path)) == NULL)
		return NULL;
	/* A file's directory; "" is the root. */
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		slash = strrchr(dir, '/');
		if (slash == NULL)
			strcpy(dir, ".");
		else
			slash[slash == dir] = '\0';
	}
	argv[2] = dir;
	if (git_line(argv, &top, NULL, &ran) != 0 || top == NULL ||
	    top[0] != '/') {
		free(top);
		top = NULL;
	}
	free(dir);
	return top;
}

static void batch_close(struct cli_git *g);

void
cli_git_dispose(struct cli_git *g)
{
	size_t i;

	batch_close(g);
	for (i = 0; i < g->nread; i++) {
		free(g->read[i].top);
		free(g->read[i].name);
	}
	free(g->read);
	free(g->seen);
	free(g->listed);
	free(g->listing);
	free(g->commit);
	free(g->errors);
	free(g->outside);
	for (i = 0; i < g->nrenamed; i++) {
		free(g->renamed[i].path);
		free(g->renamed[i].from);
	}
	free(g->renamed);
	free(g->prefix);
	free(g->top);
	memset(g, 0, sizeof(*g));
}

/*
 * The path from the top of the work tree of 'path', which is relative
 * to the current directory (at 'prefix' from the top): "." and ".."
 * resolved, no '/' at either end, "" for the top.  Returns 0,
 * TL_EINVAL when it leaves the work tree, TL_ENOMEM.
 */
static int
top_path(char **out, const char *prefix, const char *path)
{
	char *s, *o, *w;
	const char *p, *q;
	size_t len;

	*out = NULL;
	if ((s = join(prefix, path, "")) == NULL)
		return TL_ENOMEM;
	if ((o = malloc(strlen(s) + 2)) == NULL) {
		free(s);
		return TL_ENOMEM;
	}
	w = o;
	for (p = s; *p != '\0'; p = q) {
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		len = (size_t)(q - p);
		if (*q == '/')
			q++;
		if (len == 0 || (len == 1 && p[0] == '.'))
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (w == o) {
				free(s);
				free(o);
				return TL_EINVAL;
			}
			/* Back over "name/" to the '/' before it. */
			for (w--; w > o && w[-1] != '/'; w--)
				;
			continue;
		}
		memcpy(w, p, len);
		w += len;
		*w++ = '/';
	}
	if (w > o)
		w--;
	*w = '\0';
	free(s);
	*out = o;
	return 0;
}

/*
 * The path from the top of the work tree (top, as in struct cli_git) of
 * the absolute path 'path', read as written: as top_path() does.
 */
static int
under_top(char **out, const char *top, const char *path)
{
	size_t n = strlen(top);
	char *rest;
	int error;

	if ((error = top_path(out, "", path + 1)) < 0)
		return error;
	if (n > 0 && (strncmp(*out, top, n) != 0 ||
	    ((*out)[n] != '\0' && (*out)[n] != '/'))) {
		free(*out);
		*out = NULL;
		return TL_EINVAL;
	}
	rest = *out + n + (n > 0 && (*out)[n] == '/');
	memmove(*out, rest, strlen(rest) + 1);
	return 0;
}

/* Asks git for the top of the work tree, once: 0, TL_EINVAL with a
 * reason in err, TL_ENOMEM. */
static int
find_top(struct cli_git *g, char *err, size_t errsize)
{
	char *argv[] = { "git", "rev-parse", "--show-toplevel", NULL };
	char *top = NULL, *errors = NULL;
	struct git_end ran;
	int error;

	if (g->top != NULL)
		return 0;
	if ((error = git_line(argv, &top, &errors, &ran)) == 0) {
		if (top[0] != '/' ||
		    (error = top_path(&g->top, "", top + 1)) == TL_EINVAL) {
			snprintf(err, errsize, "git rev-parse --show-toplevel "
			    "gave no absolute path");
			error = TL_EINVAL;
		}
	} else if (error != TL_ENOMEM) {
		error = git_failed(err, errsize, "",
		    "git rev-parse --show-toplevel", &ran, errors);
	}
	free(top);
	free(errors);
	return error;
}

/*
 * The same for an absolute path as written, or else as the system
 * resolves it (through a link to the work tree; for a path gone since,
 * the nearest of its directories still there resolved, the rest as
 * written).
 */
static int
top_path_absolute(char **out, const char *top, const char *path)
{
	const char *slash = NULL;
	char *dir, *real = NULL, *joined;
	int error;

	if ((error = under_top(out, top, path)) != TL_EINVAL)
		return error;
	real = realpath(path, NULL);
	while (real == NULL && errno == ENOENT) {
		/* Up one directory, to a '/' not at the end. */
		do
			slash = slash != NULL ? slash - 1 : path +
			    strlen(path) - 1;
		while (slash > path && *slash != '/');
		if (slash <= path)
			slash = path;
		if ((dir = strndup(path, (size_t)(slash - path))) == NULL)
			return TL_ENOMEM;
		joined = realpath(dir[0] != '\0' ? dir : "/", NULL);
		free(dir);
		if (joined != NULL) {
			real = join_free(joined, slash);
			if (real == NULL)
				return TL_ENOMEM;
		} else if (slash == path) {
			break;
		}
	}
	if (real == NULL)
		return errno == ENOMEM ? TL_ENOMEM : TL_EINVAL;
	error = under_top(out, top, real);
	free(real);
	return error;
}

/*
 * For a path with a ".." in it, the path as the system reads it in the
 * work tree: the part up to the last ".." resolved through its links
 * (after a link to a directory, ".." is the parent of what it names,
 * not the directory the link is in), then the rest as written.  *out
 * is NULL when the path has no "..", or when that part cannot be
 * resolved (nothing is there to read either).  0 or TL_ENOMEM.
 */
static int
resolve_dots(char **out, const char *path)
{
	const char *p, *end, *last = NULL;
	char *head, *real;

	*out = NULL;
	for (p = path; *p != '\0'; p = end + (*end == '/')) {
		end = p + strcspn(p, "/");
		if (end - p == 2 && p[0] == '.' && p[1] == '.')
			last = end;
	}
	if (last == NULL)
		return 0;
	if ((head = strndup(path, (size_t)(last - path))) == NULL)
		return TL_ENOMEM;
	real = realpath(head, NULL);
	free(head);
	if (real == NULL)
		return errno == ENOMEM ? TL_ENOMEM : 0;
	*out = join_free(real, last);
	return *out == NULL ? TL_ENOMEM : 0;
}

/*
 * One entry of git ls-tree -z: "MODE TYPE HASH\tNAME".  (With -l, the
 * listing would give sizes, for which a partial clone would fetch every
 * blob of the directory; the size of the one read is in its header.)
 */
struct entry {
	const char *name;
	int blob;		/* a regular file (not a link) */
	int tree;
	int commit;		/* a submodule (a gitlink) */
	int link;		/* a symbolic link */
	const char *hash;	/* its object name, hash_len hex digits */
	size_t hash_len;
};

/* The most links followed from one name, as the kernel's ELOOP. */
#define LINKS_FOLLOWED 40

/* Parses the entry at *p (up to its NUL) and moves *p past it, leaving
 * the listing as it was, to be read again.  Returns 0, or -1 for a line
 * not in that form. */
static int
parse_entry(struct entry *e, char **p, const char *end)
{
	char *line = *p, *tab, *type;
	size_t n = strnlen(line, (size_t)(end - line));

	*p = line + n + (line + n < end);
	if ((tab = memchr(line, '\t', n)) == NULL)
		return -1;
	e->name = tab + 1;
	if ((type = memchr(line, ' ', (size_t)(tab - line))) == NULL)
		return -1;
	type++;
	e->blob = strncmp(type, "blob ", 5) == 0 &&
	    strncmp(line, "120000", 6) != 0;
	e->link = strncmp(type, "blob ", 5) == 0 &&
	    strncmp(line, "120000", 6) == 0;
	e->tree = strncmp(type, "tree ", 5) == 0;
	e->commit = strncmp(type, "commit ", 7) == 0;
	e->hash = type + strcspn(type, " ");
	if (*e->hash != ' ' || e->hash > tab)
		return -1;
	e->hash++;
	e->hash_len = strspn(e->hash, "0123456789abcdef");
	return 0;
}

/*
 * Lists the tree COMMIT:DIR (top-path dir, "" for the top) into *list
 * (malloc'd, NUL-separated entries, *len bytes).  Returns 0; GIT_NO
 * when git ls-tree exited with a status other than 0, which it does both
 * for a DIR that is no directory at the revision and for a tree object
 * that cannot be read, and TL_EINVAL when it failed otherwise (killed,
 * say), each with the reason in err; TL_ENOMEM.
 */
static int
list_tree(struct cli_git *g, const char *dir, char **list, size_t *len,
    char *err, size_t errsize)
{
	char *argv[] = { "git", "ls-tree", "--full-tree", "-z", NULL, NULL };
	char *spec, *errors = NULL, context[560];
	struct git_end ran;
	int error;

	if ((spec = join(g->commit, ":", dir)) == NULL)
		return TL_ENOMEM;
	argv[4] = spec;
	error = capture_git(argv, SMALL_OUTPUT, list, len, &errors, &ran);
	if (error > 0 || error == TL_EIO) {
		if (dir[0] == '\0')
			snprintf(context, sizeof(context), "cannot list the "
			    "top directory at %.200s", g->rev);
		else
			snprintf(context, sizeof(context), "cannot list "
			    "%.200s:%.300s/", g->rev, dir);
		git_failed(err, errsize, context, "git ls-tree", &ran, errors);
		error = error == GIT_NO ? GIT_NO : TL_EINVAL;
	}
	free(errors);
	free(spec);
	return error;
}

/*
 * Looks for the entry at top-path 'top' (not "") in its directory's
 * listing, into *e (without its name).  Returns 0; NOT_THERE when the
 * listing holds no such entry; GIT_NO, TL_EINVAL or TL_ENOMEM as
 * list_tree() does.
 */
static int
look_up(struct cli_git *g, const char *top, struct entry *e, char *err,
    size_t errsize)
{
	const char *base = strrchr(top, '/');
	char *parent, *list = NULL, *p, *end;
	size_t len;
	int error, there = 0;

	if ((parent = base != NULL ? strndup(top, (size_t)(base - top)) :
	    strdup("")) == NULL)
		return TL_ENOMEM;
	base = base != NULL ? base + 1 : top;
	/* Files named one by one are mostly in one directory: it is
	 * listed once, not once for each. */
	if (g->listed != NULL && strcmp(g->listed, parent) == 0) {
		free(parent);
		parent = NULL;
	} else if ((error = list_tree(g, parent, &list, &len, err,
	    errsize)) == 0) {
		free(g->listed);
		free(g->listing);
		g->listed = parent;
		g->listing = list;
		g->listing_len = len;
		parent = NULL;
	} else {
		free(parent);
		return error;
	}
	for (p = g->listing, end = p + g->listing_len; p < end && !there;)
		there = parse_entry(e, &p, end) == 0 &&
		    strcmp(e->name, base) == 0;
	e->name = NULL;
	return there ? 0 : NOT_THERE;
}

/*
 * After git ls-tree exited with a status other than 0 listing the
 * directory at top-path 'dir' (not "", its reason in err): whether that
 * is because no directory is there at the revision.  Its directories,
 * and it, are looked up from the top, each in a directory found there:
 * NOT_THERE when one is not there, or is not a directory; else the
 * listing failed on a directory that is there, and TL_EINVAL is
 * returned with the reason in err.  TL_ENOMEM.
 */
static int
dir_not_there(struct cli_git *g, const char *dir, char *err,
    size_t errsize)
{
	struct entry d;
	const char *p;
	char *sub, *why;
	int error = 0;

	if ((why = strdup(err)) == NULL)
		return TL_ENOMEM;
	for (p = dir; error == 0 && *p != '\0'; p += *p == '/') {
		p += strcspn(p, "/");
		if ((sub = strndup(dir, (size_t)(p - dir))) == NULL) {
			error = TL_ENOMEM;
			break;
		}
		/* Its directory was found, so a failure is one. */
		if ((error = look_up(g, sub, &d, err, errsize)) == GIT_NO)
			error = TL_EINVAL;
		else if (error == 0 && !d.tree)
			error = NOT_THERE;
		free(sub);
	}
	if (error == 0) {
		snprintf(err, errsize, "%s", why);
		error = TL_EINVAL;
	}
	free(why);
	return error;
}

/*
 * Finds the entry at top-path 'top' (not "") at the revision, in its
 * directory's listing, into *e (without its name).  Returns 0; NOT_THERE
 * when git shows that neither it nor its directory is there (a listing
 * without it); TL_EINVAL with the reason in err when git failed, so that
 * whether it is there is not known; TL_ENOMEM.
 */
static int
find_entry(struct cli_git *g, const char *top, struct entry *e, char *err,
    size_t errsize)
{
	const char *slash = strrchr(top, '/');
	char *parent;
	int error;

	if ((error = look_up(g, top, e, err, errsize)) != GIT_NO)
		return error;
	/* The top is always there: listing it cannot fail for want of it. */
	if (slash == NULL)
		return TL_EINVAL;
	if ((parent = strndup(top, (size_t)(slash - top))) == NULL)
		return TL_ENOMEM;
	error = dir_not_there(g, parent, err, errsize);
	free(parent);
	return error;
}

/*
 * The top-path that 'text', the target of a link at top-path 'link',
 * names: relative to the link's directory, with "." and ".." taken
 * away, into *out (malloc'd).  Returns 0; 1 when it leads out of the
 * work tree or is absolute; TL_ENOMEM.
 */
static int
link_target(char **out, const char *link, const char *text, size_t len)
{
	const char *slash = strrchr(link, '/'), *part, *end = text + len;
	size_t dir = slash != NULL ? (size_t)(slash - link) : 0, n, at;
	char *path;

	*out = NULL;
	if (len == 0 || text[0] == '/' || memchr(text, '\0', len) != NULL)
		return 1;
	if ((path = malloc(dir + len + 2)) == NULL)
		return TL_ENOMEM;
	memcpy(path, link, dir);
	at = dir;
	for (part = text; part < end; part += n + 1) {
		const char *next = memchr(part, '/', (size_t)(end - part));

		n = next != NULL ? (size_t)(next - part) : (size_t)(end - part);
		if (n == 0 || (n == 1 && part[0] == '.'))
			continue;
		if (n == 2 && part[0] == '.' && part[1] == '.') {
			if (at == 0) {
				free(path);
				return 1;	/* above the work tree */
			}
			while (at > 0 && path[at - 1] != '/')
				at--;
			if (at > 0)
				at--;
			continue;
		}
		if (at > 0)
			path[at++] = '/';
		memcpy(path + at, part, n);
		at += n;
	}
	path[at] = '\0';
	*out = path;
	return 0;
}

static char *work_path(const struct cli_git *g, const char *top);

/*
 * The path that a link at top-path 'link' whose text is 'text' leads to
 * from its directory in the work tree, into *out (malloc'd).  Returns 1
 * (for follow_link()), or TL_ENOMEM.
 */
static int
outside_path(const struct cli_git *g, const char *link, const char *text,
    char **out)
{
	const char *slash = strrchr(link, '/');
	char *dir, *work;

	if (text[0] == '/')
		return (*out = join(text, "", "")) == NULL ? TL_ENOMEM : 1;
	if ((dir = strndup(link, slash != NULL ? (size_t)(slash - link) :
	    0)) == NULL)
		return TL_ENOMEM;
	work = work_path(g, dir);
	free(dir);
	if (work == NULL)
		return TL_ENOMEM;
	*out = join(work, "/", text);
	free(work);
	return *out == NULL ? TL_ENOMEM : 1;
}

/*
 * Follows the symbolic link at top-path *top at the revision to what it
 * names there, through links to links: *top is replaced by the path
 * followed to, and *e by its entry.  'path' names the link on the
 * command line.  Returns 0; OUT_OF_TREE, with the reason in err too,
 * when the link leads out of the work tree, and with outside not NULL,
 * the path it leads to in *outside (malloc'd; as the system would
 * follow it from the link's directory in the work tree); TL_EINVAL
 * with the reason in err when it leads to nothing at the revision, or
 * round in a loop, or git fails; TL_ENOMEM.
 */
static int
follow_link(struct cli_git *g, char **top, struct entry *e, const char *path,
    char **outside, char *err, size_t errsize)
{
	char *argv[] = { "git", "cat-file", "blob", NULL, NULL };
	char *spec, *text, *next, *errors = NULL, context[560];
	struct git_end ran;
	size_t len;
	int error = 0, n, absolute;

	for (n = 0; e->link && error == 0; n++) {
		if (n == LINKS_FOLLOWED) {
			snprintf(err, errsize, "%.200s:%.300s: too many levels "
			    "of symbolic links", g->rev, path);
			return TL_EINVAL;
		}
		if ((spec = join(g->commit, ":", *top)) == NULL)
			return TL_ENOMEM;
		argv[3] = spec;
		error = capture_git(argv, 1u << 16, &text, &len, &errors,
		    &ran);
		free(spec);
		if (error > 0 || error == TL_EIO) {
			snprintf(context, sizeof(context), "cannot read the "
			    "symbolic link %.200s:%.300s", g->rev, *top);
			error = git_failed(err, errsize, context,
			    "git cat-file", &ran, errors);
		}
		free(errors);
		errors = NULL;
		if (error != 0)
			return error;
		absolute = len > 0 && text[0] == '/';
		/* An absolute link into the work tree is followed as the
		 * path from its top. */
		if (absolute && memchr(text, '\0', len) == NULL &&
		    (error = find_top(g, err, errsize)) == 0)
			error = (error = under_top(&next, g->top, text)) ==
			    TL_EINVAL ? 1 : error;
		else if (error == 0)
			error = link_target(&next, *top, text, len);
		if (error == 1 && outside != NULL &&
		    memchr(text, '\0', len) == NULL)
			error = outside_path(g, *top, text, outside);
		free(text);
		if (error == 1) {
			snprintf(err, errsize, "%.200s:%.300s is a symbolic "
			    "link that leads out of the work tree", g->rev,
			    path);
			return OUT_OF_TREE;
		}
		if (error < 0)
			return error;
		free(*top);
		*top = next;
		if ((error = next[0] == '\0' ? 0 : find_entry(g, next, e, err,
		    errsize)) == NOT_THERE) {
			snprintf(err, errsize, "%.200s:%.300s is a symbolic "
			    "link to '%.300s', which is not there at that "
			    "revision", g->rev, path, next);
			return TL_EINVAL;
		}
		if (next[0] == '\0') {
			memset(e, 0, sizeof(*e));
			e->tree = 1;
		}
	}
	return error;
}

/*
 * Says that the directory 'dir' of 'path' is a submodule at the
 * revision; returns TL_EINVAL.
 */
static int
in_submodule(const char *path, const char *dir, char *err, size_t errsize)
{
	snprintf(err, errsize, "'%.300s' is inside '%.300s', a submodule at "
	    "that revision: run timeline diff --since in the submodule, with "
	    "a revision of its own history (or, where it is one no more, "
	    "compare a checkout of the revision)", path, dir);
	return TL_EINVAL;
}

/*
 * For a top-path *top that is not there at the revision as written:
 * looks at its directories there, from the top, and follows each that
 * is a symbolic link to what it names (as the system does in the work
 * tree), so that *top becomes the path the links lead to and *e its
 * entry.  'path' names it on the command line.  Returns 0; NOT_THERE
 * when it is not there even so (a directory missing, or a file in the
 * way); TL_EINVAL with the reason in err when a directory is a submodule
 * or a link that cannot be followed, or git fails; TL_ENOMEM.
 */
static int
through_dirs(struct cli_git *g, char **top, struct entry *e,
    const char *path, char *err, size_t errsize)
{
	struct entry d;
	const char *slash;
	char *dir, *next;
	size_t at = 0;
	int error = 0, hops = 0;

	while (error == 0 && (slash = strchr(*top + at, '/')) != NULL) {
		if ((dir = strndup(*top, (size_t)(slash - *top))) == NULL)
			return TL_ENOMEM;
		if ((error = find_entry(g, dir, &d, err, errsize)) == 0 &&
		    d.commit)
			error = in_submodule(path, dir, err, errsize);
		else if (error == 0 && d.tree)
			at = (size_t)(slash - *top) + 1;
		else if (error == 0 && !d.link)
			error = NOT_THERE;	/* a file in the way */
		else if (error == 0 && ++hops > LINKS_FOLLOWED) {
			snprintf(err, errsize, "%.200s:%.300s: too many levels "
			    "of symbolic links", g->rev, path);
			error = TL_EINVAL;
		} else if (error == 0 && (error = follow_link(g, &dir, &d, path,
		    NULL, err, errsize)) == OUT_OF_TREE) {
			error = TL_EINVAL;
		} else if (error == 0 && !d.tree) {
			/* A link to a file in the way. */
			error = NOT_THERE;
		} else if (error == 0) {
			/* Go on from the directory the link leads to. */
			if ((next = join(dir, dir[0] != '\0' ? "/" : "",
			    slash + 1)) == NULL) {
				free(dir);
				return TL_ENOMEM;
			}
			at = strlen(dir) + (dir[0] != '\0');
			free(*top);
			*top = next;
		}
		free(dir);
	}
	return error != 0 ? error : find_entry(g, *top, e, err, errsize);
}

/*
 * The path from the current directory of top-path 'top' (malloc'd):
 * "../" for each directory of the prefix, then top; "." for the top
 * from the top.
 */
static char *
work_path(const struct cli_git *g, const char *top)
{
	const char *p;
	size_t ups = 0, at = 0;
	char *s;

	for (p = g->prefix; *p != '\0'; p++)
		ups += *p == '/';
	if ((s = malloc(3 * ups + strlen(top) + 2)) == NULL)
		return NULL;
	for (; ups > 0; ups--, at += 3)
		memcpy(s + at, "../", 3);
	if (at == 0 && top[0] == '\0')
		s[at++] = '.';
	memcpy(s + at, top, strlen(top) + 1);
	return s;
}

/*
 * Whether git takes the entry 'dotgit' (a path ending in ".git") for a
 * repository, as it does when it looks for the repository of its
 * directory: a directory that holds one, or a file that names one
 * (an empty directory, a stray file, it passes by), into *yes.  0;
 * TL_EINVAL with the reason in err when git fails; TL_ENOMEM.
 */
static int
is_repository(const char *dotgit, int *yes, char *err, size_t errsize)
{
	char *argv[] = { "git", "rev-parse", "--resolve-git-dir", NULL,
	    NULL };
	char *out = NULL, *errors = NULL;
	struct git_end ran;
	int error;

	*yes = 0;
	if ((argv[3] = strdup(dotgit)) == NULL)
		return TL_ENOMEM;
	if ((error = git_line(argv, &out, &errors, &ran)) == 0)
		*yes = 1;
	else if (error == GIT_NO)	/* "not a gitdir" */
		error = 0;
	else if (error != TL_ENOMEM)
		error = git_failed(err, errsize, "", "git rev-parse "
		    "--resolve-git-dir", &ran, errors);
	free(errors);
	free(out);
	free(argv[3]);
	return error;
}

/*
 * Whether top-path 'top' (as written: 'path' on the command line) is in
 * the work tree of another repository inside this one, a linked
 * worktree or a clone, whose history this one does not hold: a
 * directory of it, or it, has a .git that git takes for a repository
 * (through a link, one that is not this repository's own).  Returns 0
 * when not; TL_EINVAL with the reason in err when it is, or when git
 * fails; TL_ENOMEM.
 */
static int
in_nested_repository(struct cli_git *g, const char *top, const char *path,
    char *err, size_t errsize)
{
	struct stat st;
	const char *p, *end;
	char *dir, *work, *git = NULL, *real;
	int there, error = 0;

	for (p = top; *p != '\0' && error == 0; p = end + (*end == '/')) {
		end = p + strcspn(p, "/");
		if ((dir = strndup(top, (size_t)(end - top))) == NULL)
			return TL_ENOMEM;
		if ((work = work_path(g, dir)) == NULL ||
		    (git = join(work, "/.git", "")) == NULL) {
			free(work);
			free(dir);
			return TL_ENOMEM;
		}
		there = lstat(git, &st) == 0;
		/* A link to the top, or above it, finds this one's .git. */
		if (there && (real = realpath(work, NULL)) != NULL) {
			if ((error = find_top(g, err, errsize)) == 0)
				there = strcmp(real + 1, g->top) != 0;
			free(real);
		}
		if (error == 0 && there)
			error = is_repository(git, &there, err, errsize);
		free(git);
		free(work);
		if (error == 0 && there) {
			snprintf(err, errsize, "'%.300s' is inside '%.300s', a "
			    "git repository that has a history of its own (a "
			    "worktree, a clone): run timeline diff --since in "
			    "it, with a revision of that history", path, dir);
			error = TL_EINVAL;
		}
		free(dir);
	}
	return error;
}

/*
 * One git cat-file --batch --filters reads the files of a run, one after
 * the other: a git started for each file would read the repository's
 * index each time, which costs more the larger the repository.  Its
 * header gives the size of the blob as stored, not as the filters make
 * it (CR LF for LF, say), so each answer is closed by asking for an
 * object that cannot exist, named at random when git starts: git's
 * "NAME missing" line ends the file's bytes, which no committed file
 * can foresee.  Whatever goes wrong with it (git missing, a filter that
 * fails, an answer not in that form) sends the file, and the ones after
 * it, to a git of their own, which says what failed.
 */
struct cli_git_batch {
	pid_t pid;
	int to, from;		/* git's standard input and output */
	char name[48];		/* the object that cannot exist */
	char end[64];		/* "\nNAME missing\n", after a file's bytes */
	size_t end_len;
};

/* Names the object that ends each answer, unpredictably. */
static void
batch_end_name(struct cli_git_batch *b)
{
	unsigned char r[16];
	struct timespec now;
	size_t i, got = 0;
	uint64_t mix;
	char hex[33];
	ssize_t n;
	int fd;

	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) >= 0) {
		while (got < sizeof(r) && ((n = read(fd, r + got,
		    sizeof(r) - got)) > 0 || (n < 0 && errno == EINTR)))
			got += n > 0 ? (size_t)n : 0;
		close(fd);
	}
	if (got < sizeof(r)) {
		clock_gettime(CLOCK_REALTIME, &now);
		mix = (uint64_t)now.tv_sec * 1000000007u ^
		    (uint64_t)now.tv_nsec ^ (uint64_t)getpid() << 32 ^
		    (uint64_t)(uintptr_t)b;
		for (i = 0; i < sizeof(r); i++) {
			mix = mix * 6364136223846793005u + 1442695040888963407u;
			r[i] = (unsigned char)(mix >> 56);
		}
	}
	for (i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	snprintf(b->name, sizeof(b->name), "timeline-end-%s", hex);
	b->end_len = (size_t)snprintf(b->end, sizeof(b->end), "\n%s missing\n",
	    b->name);
}

/* Ends the batch's git (which ends at the end of its input). */
static void
batch_close(struct cli_git *g)
{
	struct cli_git_batch *b = g->batch;
	int status;

	if (b == NULL)
		return;
	close(b->to);
	close(b->from);
	while (waitpid(b->pid, &status, 0) < 0 && errno == EINTR)
		;
	free(b);
	g->batch = NULL;
}

/* Gives up the batch for the rest of the run. */
static void
batch_fail(struct cli_git *g)
{
	if (g->batch != NULL)
		kill(g->batch->pid, SIGTERM);
	batch_close(g);
	g->batch_failed = 1;
}

/* Starts the batch's git, its standard error discarded.  0, or -1. */
static int
batch_start(struct cli_git *g)
{
	char *argv[] = { "git", "cat-file", "--batch", "--filters", NULL };
	posix_spawn_file_actions_t fa;
	struct cli_git_batch *b;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, e = -1;

	if ((b = calloc(1, sizeof(*b))) == NULL)
		return -1;
	if (pipe(in) == 0 && pipe(out) == 0 && above_standard(&in[0], 1) == 0 &&
	    above_standard(&in[1], 1) == 0 && above_standard(&out[0], 1) == 0 &&
	    above_standard(&out[1], 1) == 0 &&
	    posix_spawn_file_actions_init(&fa) == 0) {
		if (posix_spawn_file_actions_adddup2(&fa, in[0], 0) == 0 &&
		    posix_spawn_file_actions_adddup2(&fa, out[1], 1) == 0 &&
		    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null",
		    O_WRONLY, 0) == 0 &&
		    posix_spawn_file_actions_addclose(&fa, in[0]) == 0 &&
		    posix_spawn_file_actions_addclose(&fa, out[1]) == 0 &&
		    posix_spawn_file_actions_addclose(&fa, in[1]) == 0 &&
		    posix_spawn_file_actions_addclose(&fa, out[0]) == 0)
			e = spawn_with_defaults(&b->pid, &fa, argv);
		posix_spawn_file_actions_destroy(&fa);
	}
	if (in[0] >= 0)
		close(in[0]);
	if (out[1] >= 0)
		close(out[1]);
	if (e != 0) {
		if (in[1] >= 0)
			close(in[1]);
		if (out[0] >= 0)
			close(out[0]);
		free(b);
		return -1;
	}
	/* Our ends are not the child's to keep, nor another git's. */
	(void)fcntl(in[1], F_SETFD, FD_CLOEXEC);
	(void)fcntl(out[0], F_SETFD, FD_CLOEXEC);
	b->to = in[1];
	b->from = out[0];
	batch_end_name(b);
	g->batch = b;
	return 0;
}

/*
 * Reads through the batch the blob named hash (hash_len hex digits), at
 * top-path 'top', into *data (malloc'd, *len bytes).  Returns 0; 1 when
 * the batch cannot answer (the batch is then given up, and the caller
 * reads the file another way); TOO_LARGE when the blob is larger than
 * a file may be (the batch is given up too); TL_ENOMEM.
 */
static int
batch_read(struct cli_git *g, const char *hash, size_t hash_len,
    const char *top, char **data, size_t *len)
{
	struct cli_git_batch *b;
	char *buf, *grown, *nl;
	size_t cap = 4096, got = 0, body = 0, max;
	ssize_t n;
	int error = 0;

	*data = NULL;
	*len = 0;
	/* git reads a request up to its line end, and the path after the
	 * blanks that follow the name. */
	if (g->batch_failed || hash_len == 0 || top[0] == ' ' ||
	    top[0] == '\t' || strpbrk(top, "\n\r") != NULL)
		return 1;
	if (g->batch == NULL && batch_start(g) < 0) {
		g->batch_failed = 1;
		return 1;
	}
	b = g->batch;
	if ((buf = malloc(cap)) == NULL)
		return TL_ENOMEM;
	if (cli_write_all(b->to, hash, hash_len) < 0 || cli_write_all(b->to, " ", 1) <
	    0 || cli_write_all(b->to, top, strlen(top)) < 0 ||
	    cli_write_all(b->to, "\n", 1) < 0 || cli_write_all(b->to, b->name,
	    strlen(b->name)) < 0 || cli_write_all(b->to, "\n", 1) < 0)
		error = 1;
	max = TL_DEFAULT_MAX_FILE_BYTES + 256 + b->end_len;
	while (error == 0) {
		if (cap - got < 2) {
			if (cap >= max) {
				error = 1;
				break;
			}
			cap = cap > max / 2 ? max : cap * 2;
			if ((grown = realloc(buf, cap)) == NULL) {
				error = TL_ENOMEM;
				break;
			}
			buf = grown;
		}
		if ((n = read(b->from, buf + got, cap - got - 1)) < 0 &&
		    errno == EINTR)
			continue;
		if (n <= 0) {
			error = 1;
			break;
		}
		got += (size_t)n;
		/* The header first: "HASH blob SIZE". */
		if (body == 0 && (nl = memchr(buf, '\n', got)) != NULL) {
			if ((size_t)(nl - buf) <= hash_len + 6 ||
			    memcmp(buf, hash, hash_len) != 0 ||
			    memcmp(buf + hash_len, " blob ", 6) != 0) {
				error = 1;
				break;
			}
			/* The size as stored; the filters may add a little. */
			if (strtoull(buf + hash_len + 6, NULL, 10) >
			    TL_DEFAULT_MAX_FILE_BYTES) {
				error = TOO_LARGE;
				break;
			}
			body = (size_t)(nl - buf) + 1;
		}
		if (body > 0 && got - body >= b->end_len &&
		    memcmp(buf + got - b->end_len, b->end, b->end_len) == 0) {
			*len = got - body - b->end_len;
			memmove(buf, buf + body, *len);
			buf[*len] = '\0';
			*data = buf;
			return 0;
		}
	}
	free(buf);
	/* Whatever it was, the rest of the answer is not to be read as
	 * the next one's. */
	batch_fail(g);
	return error;
}

/* FNV-1a of s. */
static size_t
path_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return (size_t)h;
}

/* The slot of top in slots (cap a power of two): its own, or empty. */
static size_t *
read_slot(const struct cli_git *g, size_t *slots, size_t cap,
    const char *top)
{
	size_t i = path_hash(top) & (cap - 1);

	while (slots[i] != 0 && strcmp(g->read[slots[i] - 1].top, top) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

/*
 * Makes room in g for one more file read, and in its table of the files
 * read (a directory of thousands is read in one run, and a file named
 * twice is read once).  0, or TL_ENOMEM.
 */
static int
read_room(struct cli_git *g)
{
	struct cli_git_file *grown;
	size_t cap, i, *slots;

	if (g->nread == g->read_cap) {
		cap = g->read_cap ? g->read_cap * 2 : 16;
		if ((grown = realloc(g->read, cap * sizeof(*grown))) == NULL)
			return TL_ENOMEM;
		g->read = grown;
		g->read_cap = cap;
	}
	if ((g->nread + 1) * 2 <= g->seen_cap)
		return 0;
	cap = g->seen_cap ? g->seen_cap * 2 : 64;
	if ((slots = calloc(cap, sizeof(*slots))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < g->nread; i++)
		*read_slot(g, slots, cap, g->read[i].top) = i + 1;
	free(g->seen);
	g->seen = slots;
	g->seen_cap = cap;
	return 0;
}

/*
 * Says that the blob read as 'name' is larger than a file may be.  The
 * command line never lowers the set's limit, so it is the default, and
 * this is the library's error at the file.
 */
static int
too_large(struct tl_set *set, const char *name, struct tl_diags *diags)
{
	return tl_diags_add(diags, TL_LEVEL_ERROR, "too-large", name,
	    (uint32_t)tl_set_file_count(set), 0, 0, "the file is larger "
	    "than %llu bytes (1 GiB), the most a file may hold; split it "
	    "into several files",
	    (unsigned long long)TL_DEFAULT_MAX_FILE_BYTES);
}

/*
 * Loads the blob e at top-path 'top' as 'name'.  The name is kept in g,
 * since a diagnostic made here points to it.
 */
static int
load_blob(struct cli_git *g, struct tl_set *set, const char *top,
    const struct entry *e, const char *name, struct tl_diags *diags,
    char *err, size_t errsize)
{
	/* The blob as checkout would write it, not as stored. */
	char *argv[] = { "git", "cat-file", "--filters", NULL, NULL };
	char *spec = NULL, *data = NULL, *errors = NULL, context[400];
	struct cli_git_file *f;
	struct git_end ran;
	size_t len, *slot;
	int error;

	if ((error = read_room(g)) < 0)
		return error;
	if (*(slot = read_slot(g, g->seen, g->seen_cap, top)) != 0)
		return 0;	/* the same file named twice */
	f = &g->read[g->nread];
	f->top = join(top, "", "");
	f->name = join(name, "", "");
	if (f->top == NULL || f->name == NULL) {
		free(f->top);
		free(f->name);
		return TL_ENOMEM;
	}
	*slot = ++g->nread;
	if ((error = batch_read(g, e->hash, e->hash_len, top, &data, &len)) ==
	    0) {
		error = tl_set_load_buffer(set, f->name, data, len, diags);
		free(data);
		return error;
	}
	if (error == TOO_LARGE)
		return too_large(set, f->name, diags);
	if (error < 0)
		return error;
	if ((spec = join(g->commit, ":", top)) == NULL)
		return TL_ENOMEM;
	argv[3] = spec;
	error = capture_git(argv, TL_DEFAULT_MAX_FILE_BYTES, &data, &len,
	    &errors, &ran);
	if (error == 0) {
		error = tl_set_load_buffer(set, f->name, data, len, diags);
	} else if (ran.started && ran.too_much) {
		error = too_large(set, f->name, diags);
	} else if (error > 0 || error == TL_EIO) {
		/* Why: a smudge filter missing, say. */
		snprintf(context, sizeof(context), "cannot read %.300s", name);
		error = git_failed(err, errsize, context, "git cat-file", &ran,
		    errors);
	}
	free(spec);
	free(data);
	free(errors);
	return error;
}

/*
 * Reads for the revision the file out of the work tree, at 'outside',
 * that a link there named: git keeps no history of it, so it is read
 * as it is now.  'name' (REV:PATH, the link) is kept in g for the
 * warning that says so.  When it is no file that can be read now, or
 * leads back into the work tree (whose files are read at the
 * revision), it is skipped in a directory ('listed'), else TL_EINVAL
 * (err, as follow_link() set it, says why).  A file that cannot be read
 * is the diagnostic's to report.  Returns 0, TL_EINVAL or TL_ENOMEM.
 */
static int
load_outside(struct cli_git *g, struct tl_set *set, const char *outside,
    const char *name, int listed, struct tl_diags *diags, char *err,
    size_t errsize)
{
	struct stat st;
	char *real, *in;
	int error;

	if (outside == NULL)	/* a link text holding a NUL */
		return listed ? 0 : TL_EINVAL;
	if ((real = realpath(outside, NULL)) == NULL)
		return errno == ENOMEM ? TL_ENOMEM : listed ? 0 : TL_EINVAL;
	if ((error = find_top(g, err, errsize)) < 0 ||
	    (error = under_top(&in, g->top, real)) == TL_ENOMEM) {
		free(real);
		return error;
	}
	if (error == 0) {
		/* Back into the work tree. */
		free(in);
		free(real);
		return listed ? 0 : TL_EINVAL;
	}
	if (stat(real, &st) < 0 || !S_ISREG(st.st_mode)) {
		free(real);
		return listed ? 0 : TL_EINVAL;
	}
	if (g->outside == NULL && (g->outside = strdup(name)) == NULL) {
		free(real);
		return TL_ENOMEM;
	}
	g->noutside++;
	error = tl_set_load_path(set, real, diags);
	free(real);
	return error == TL_ENOMEM ? error : 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/*
 * Loads the timeline files of the directory at top-path 'top', named
 * 'path' on the command line; *found says whether it held any, as
 * cli_git_load() says.
 */
static int
load_dir(struct cli_git *g, struct tl_set *set, const char *top,
    const char *path, char *list, size_t len, struct tl_diags *diags,
    int *found, char *err, size_t errsize)
{
	struct entry *es = NULL;
	char *p, *end, *file = NULL, *name = NULL, *base = NULL, *outside;
	const char *slash;
	size_t n = 0, i;
	int error = 0;

	if ((es = calloc(len / 2 + 1, sizeof(*es))) == NULL ||
	    (base = rev_name(g, path, top)) == NULL) {
		error = TL_ENOMEM;
		goto out;
	}
	/* "dir/" and "dir" name their entries alike; "REV:" has none. */
	slash = strchr(":/", base[strlen(base) - 1]) != NULL ? "" : "/";
	for (p = list, end = p + len; p < end;)
		if (parse_entry(&es[n], &p, end) == 0 &&
		    (es[n].blob || es[n].link) &&
		    tl_is_timeline_file_name(es[n].name))
			n++;
	qsort(es, n, sizeof(*es), entry_cmp);
	*found = n > 0 ? CLI_GIT_FILES : CLI_GIT_EMPTY;
	for (i = 0; i < n && error == 0; i++) {
		free(file);
		free(name);
		file = join(top, top[0] != '\0' ? "/" : "", es[i].name);
		name = join(base, slash, es[i].name);
		if (file == NULL || name == NULL) {
			error = TL_ENOMEM;
			break;
		}
		/* A link is read as the file it names (one to a
		 * directory is no timeline file), one out of the work
		 * tree as it is now. */
		if (es[i].link) {
			outside = NULL;
			error = follow_link(g, &file, &es[i],
			    strchr(name, ':') + 1, &outside, err, errsize);
			if (error == OUT_OF_TREE)
				error = load_outside(g, set, outside, name, 1,
				    diags, err, errsize);
			free(outside);
			if (error != 0 || !es[i].blob)
				continue;
		}
		error = load_blob(g, set, file, &es[i], name, diags, err,
		    errsize);
	}
out:
	free(file);
	free(name);
	free(base);
	free(es);
	return error;
}

/* Whether PATH names a directory: it ends in '/', or is one now. */
static int
names_directory(const char *path)
{
	struct stat st;
	size_t n = strlen(path);

	return (n > 0 && path[n - 1] == '/') ||
	    (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

/* Whether PATH names a file: it is one now, and does not end in '/'. */
static int
names_file(const char *path)
{
	struct stat st;
	size_t n = strlen(path);

	return n > 0 && path[n - 1] != '/' && stat(path, &st) == 0 &&
	    S_ISREG(st.st_mode);
}

/*
 * Whether top-path 'top' is in a directory named .git (in any case), or
 * is one: git's own, which it never takes into the work tree, nor any
 * file under such a name into its history.
 */
static int
in_dot_git(const char *top)
{
	const char *p, *end;

	for (p = top; *p != '\0'; p = end + (*end == '/')) {
		end = p + strcspn(p, "/");
		if (end - p == 4 && strncasecmp(p, ".git", 4) == 0)
			return 1;
	}
	return 0;
}

/*
 * The top-path of PATH (relative to the current directory, or
 * absolute) into *top (malloc'd).  A ".." is read as the system reads
 * it, after links: the file at the revision is the one read in the
 * work tree.  Returns 0; TL_EINVAL with the reason in err when it is
 * outside the work tree (in .git too), or git fails; TL_ENOMEM.
 */
static int
path_top(struct cli_git *g, const char *path, char **top, char *err,
    size_t errsize)
{
	const char *where;
	char *real;
	int error;

	*top = NULL;
	if ((error = resolve_dots(&real, path)) < 0)
		return error;
	where = real != NULL ? real : path;
	if (where[0] == '/' && (error = find_top(g, err, errsize)) < 0) {
		free(real);
		return error;
	}
	error = where[0] == '/' ? top_path_absolute(top, g->top, where) :
	    top_path(top, g->prefix, where);
	free(real);
	if (error == TL_EINVAL) {
		snprintf(err, errsize, "'%.300s' is outside the git work tree",
		    path);
	} else if (error == 0 && in_dot_git(*top)) {
		snprintf(err, errsize, "'%.300s' is outside the git work "
		    "tree: a directory named .git is git's own, never part "
		    "of it", path);
		free(*top);
		*top = NULL;
		error = TL_EINVAL;
	}
	return error;
}

/*
 * Loads the entry e at top (PATH as given) at the revision: the files of
 * a directory, or a file.  A submodule or anything else is an error.
 */
static int
load_entry(struct cli_git *g, struct tl_set *set, const char *top,
    const struct entry *e, const char *path, struct tl_diags *diags,
    int *found, char *err, size_t errsize)
{
	char *list = NULL, *name = NULL;
	size_t len;
	int error;

	if (e->tree) {
		/* It is a directory there: listing it may not fail. */
		if ((error = list_tree(g, top, &list, &len, err, errsize)) ==
		    0)
			error = load_dir(g, set, top, path, list, len, diags,
			    found, err, errsize);
		else if (error == GIT_NO)
			error = TL_EINVAL;
	} else if (e->blob) {
		if ((name = rev_name(g, path, top)) == NULL)
			error = TL_ENOMEM;
		else
			error = load_blob(g, set, top, e, name, diags,
			    err, errsize);
	} else if (e->commit) {
		snprintf(err, errsize, "%.200s:%.300s is a submodule: run "
		    "timeline diff --since in the submodule, with a revision "
		    "of its own history", g->rev, path);
		error = TL_EINVAL;
	} else {
		snprintf(err, errsize, "%.200s:%.300s is neither a file nor a "
		    "directory", g->rev, path);
		error = TL_EINVAL;
	}
	free(name);
	free(list);
	return error;
}

/*
 * The top-path that the file at top-path 'top' had at the revision, when
 * git sees it renamed since from a timeline file (git diff -M between
 * the revision and the work tree): into *old (malloc'd), else *old NULL.
 * Returns 0; TL_EINVAL with the reason in err when git fails;
 * TL_ENOMEM.
 */
static int
renamed_from(struct cli_git *g, const char *top, char **old, char *err,
    size_t errsize)
{
	/* The index is not refreshed: git may be at work beside.  The
	 * renames are looked for among all YAML files that came or went,
	 * with no limit (-l0): git's default limit, or the user's
	 * diff.renameLimit, skips the search where many others moved. */
	char *argv[] = { "git", "--no-optional-locks", "diff", "-M", "-l0",
	    "--name-status", "-z", "--no-color", "--no-relative",
	    "-O/dev/null", "--diff-filter=R", g->commit, "--",
	    ":(top,glob)**/*.yaml", ":(top,glob)**/*.yml", NULL, NULL };
	char *out = NULL, *errors = NULL, *p, *end, *from, *to;
	const char *base;
	struct git_end ran;
	size_t len;
	int error;

	*old = NULL;
	if ((argv[15] = join(":(top,literal)", top, "")) == NULL)
		return TL_ENOMEM;
	error = capture_git(argv, SMALL_OUTPUT, &out, &len, &errors, &ran);
	if (error > 0 || error == TL_EIO) {
		git_failed(err, errsize, "cannot tell what was renamed since "
		    "the revision", "git diff", &ran, errors);
		error = TL_EINVAL;
	}
	/* Each rename is "R<score>", the old path and the new one. */
	for (p = out, end = out + (error == 0 ? len : 0); p < end;) {
		from = p + strnlen(p, (size_t)(end - p)) + 1;
		if (from >= end)
			break;
		to = from + strnlen(from, (size_t)(end - from)) + 1;
		if (to >= end)
			break;
		p = to + strnlen(to, (size_t)(end - to)) + 1;
		base = strrchr(from, '/');
		if (strcmp(to, top) == 0 &&
		    tl_is_timeline_file_name(base != NULL ? base + 1 : from)) {
			if ((*old = strdup(from)) == NULL)
				error = TL_ENOMEM;
			break;
		}
	}
	free(argv[15]);
	free(errors);
	free(out);
	return error;
}

/*
 * Adds to g->renamed that the file 'path' is compared with 'old' (its
 * top-path) at the revision.  0 or TL_ENOMEM.
 */
static int
keep_renamed(struct cli_git *g, const char *path, const char *old)
{
	struct cli_git_rename *grown, *r;
	char *from;
	size_t i;

	/* A file named twice ("g.yaml ./g.yaml") is said once. */
	if ((from = rev_name(g, NULL, old)) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < g->nrenamed; i++)
		if (strcmp(g->renamed[i].from, from) == 0) {
			free(from);
			return 0;
		}
	if (g->nrenamed >= SIZE_MAX / sizeof(*r) - 1 ||
	    (grown = realloc(g->renamed, (g->nrenamed + 1) *
	    sizeof(*r))) == NULL)
		goto oom;
	g->renamed = grown;
	r = &g->renamed[g->nrenamed];
	if ((r->path = strdup(path)) == NULL)
		goto oom;
	r->from = from;
	g->nrenamed++;
	return 0;
oom:
	free(from);
	return TL_ENOMEM;
}

/*
 * After the file 'path' (top-path top) was not found at the revision:
 * when it is a file now that git sees renamed since, loads what it was
 * renamed from, and adds it to g->renamed.  Returns 0 (with
 * *found CLI_GIT_FILES when it loaded one), or as cli_git_load().
 */
static int
load_renamed(struct cli_git *g, struct tl_set *set, const char *top,
    const char *path, struct tl_diags *diags, int *found, char *err,
    size_t errsize)
{
	struct stat st;
	struct entry e;
	char *old = NULL;
	int error;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if ((error = renamed_from(g, top, &old, err, errsize)) < 0 ||
	    old == NULL)
		return error;
	if ((error = find_entry(g, old, &e, err, errsize)) == 0 && e.blob) {
		*found = CLI_GIT_FILES;
		error = load_entry(g, set, old, &e, NULL, diags, found, err,
		    errsize);
		if (error == 0)
			error = keep_renamed(g, path, old);
	} else if (error == NOT_THERE) {
		error = 0;
	}
	free(old);
	return error;
}

int
cli_git_load(struct cli_git *g, struct tl_set *set, const char *path,
    struct tl_diags *diags, int *found, char *err, size_t errsize)
{
	struct entry e;
	char *top = NULL, *given = NULL, *name = NULL, *outside = NULL;
	int error;

	*found = CLI_GIT_ABSENT;
	if ((error = path_top(g, path, &top, err, errsize)) < 0)
		return error;
	/* The entry's kind and size, from its directory's listing. */
	if (top[0] == '\0') {
		memset(&e, 0, sizeof(e));
		e.tree = 1;
	} else if ((given = strdup(top)) == NULL) {
		error = TL_ENOMEM;
	} else if ((error = find_entry(g, top, &e, err, errsize)) ==
	    NOT_THERE) {
		/* Not there as written: perhaps through links. */
		error = through_dirs(g, &top, &e, path, err, errsize);
	}
	/* A submodule at the revision is said to be one. */
	if (given != NULL && error >= 0 && !(error == 0 && e.commit)) {
		int nested = in_nested_repository(g, given, path, err,
		    errsize);

		error = nested < 0 ? nested : error;
	}
	if (error == NOT_THERE && given != NULL) {
		/* Not there at the revision, unless renamed since. */
		error = load_renamed(g, set, given, path, diags, found, err,
		    errsize);
		goto out;
	}
	if (error != 0) {
		/* Not there at the revision: a listing without it. */
		error = error == NOT_THERE ? 0 : error;
		goto out;
	}
	/* As in the work tree, a link is read as what it names; one out
	 * of the work tree, as it is now. */
	if (e.link && (error = follow_link(g, &top, &e, path, &outside, err,
	    errsize)) == OUT_OF_TREE) {
		*found = CLI_GIT_FILES;
		if ((name = rev_name(g, path, NULL)) == NULL)
			error = TL_ENOMEM;
		else
			error = load_outside(g, set, outside, name, 0, diags,
			    err, errsize);
		goto out;
	}
	if (error < 0)
		goto out;
	/* A directory now that was a file at the revision, or a file now
	 * that was a directory: not there. */
	if ((e.blob && names_directory(path)) || (e.tree && names_file(path)))
		goto out;
	*found = CLI_GIT_FILES;
	error = load_entry(g, set, top, &e, path, diags, found, err, errsize);
out:
	free(outside);
	free(name);
	free(given);
	free(top);
	return error;
}

/*
 * Asks git which of the top-paths in argv (from argv[6] on, each
 * ":(top,literal)PATH") it keeps out of the work tree, as a sparse
 * checkout does (skip-worktree): says the first in err and returns
 * TL_EINVAL; 0 when none is; TL_EINVAL with the reason in err when git
 * fails, since a file it keeps out is not removed; TL_ENOMEM.
 */
static int
skipped(char *const argv[], char *err, size_t errsize)
{
	char *out = NULL, *errors = NULL, *p, *end;
	struct git_end ran;
	size_t len;
	int error;

	error = capture_git(argv, SMALL_OUTPUT, &out, &len, &errors, &ran);
	if (error > 0 || error == TL_EIO)
		error = git_failed(err, errsize, "cannot tell which files "
		    "git keeps out of the work tree", "git ls-files", &ran,
		    errors);
	free(errors);
	if (error != 0)
		return error;
	for (p = out, end = out + len; p < end && error == 0;
	    p += strlen(p) + 1) {
		if (p[0] != 'S' || p[1] != ' ')
			continue;
		snprintf(err, errsize, "'%.300s' is outside the sparse "
		    "checkout, so it is not in the work tree to compare with: "
		    "add it with git sparse-checkout add, or name PATHs "
		    "inside the sparse checkout", p + 2);
		error = TL_EINVAL;
	}
	free(out);
	return error;
}

/*
 * The most bytes of names (and their pointers) that one git ls-files is
 * given: the kernel refuses a longer command line (E2BIG) past a limit
 * that counts the environment too, commonly 2 MiB and never less than
 * 128 KiB.
 */
#define NAMES_PER_RUN (64u << 10)

/*
 * Asks skipped() about the names in argv from argv[6] to argv[*n], then
 * frees them, for the next names to take their places: *n is 6 again.
 */
static int
skipped_run(char **argv, size_t *n, char *err, size_t errsize)
{
	int error;

	argv[*n] = NULL;
	error = skipped(argv, err, errsize);
	while (*n > 6)
		free(argv[--*n]);
	argv[*n] = NULL;
	return error;
}

int
cli_git_outside_sparse(struct cli_git *g, size_t from, char *err,
    size_t errsize)
{
	struct stat st;
	char **argv, *path;
	size_t i, n = 6, bytes = 0;
	int error = 0, gone;

	if (from >= g->nread)
		return 0;
	if ((argv = calloc(g->nread - from + 7, sizeof(*argv))) == NULL)
		return TL_ENOMEM;
	argv[0] = "git";
	argv[1] = "ls-files";
	argv[2] = "-z";
	argv[3] = "-t";
	argv[4] = "--full-name";
	argv[5] = "--";
	for (i = from; i < g->nread && error == 0; i++) {
		if ((path = work_path(g, g->read[i].top)) == NULL) {
			error = TL_ENOMEM;
			break;
		}
		gone = lstat(path, &st) < 0 && (errno == ENOENT ||
		    errno == ENOTDIR);
		free(path);
		if (!gone)
			continue;
		if ((argv[n] = join(":(top,literal)", g->read[i].top, "")) ==
		    NULL) {
			error = TL_ENOMEM;
			break;
		}
		/* Many files gone: their names in several runs. */
		bytes += strlen(argv[n++]) + 1 + sizeof(*argv);
		if (bytes >= NAMES_PER_RUN) {
			error = skipped_run(argv, &n, err, errsize);
			bytes = 0;
		}
	}
	if (error == 0 && n > 6)
		error = skipped_run(argv, &n, err, errsize);
	while (n > 6)
		free(argv[--n]);
	free(argv);
	return error;
}
