/*
 * Output files written whole or not at all: a temporary file beside the
 * target, renamed into place only when complete.
 */
#define _XOPEN_SOURCE 700	/* realpath(), readlink() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#ifdef __linux__
#include <sys/xattr.h>
#endif
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "say.h"

/*
 * The temporary file being written, for the signal handler below: a
 * signal that ends the process (Ctrl-C, kill, a closed terminal, a
 * limit of CPU time, an alarm, a crash) removes it first, so that an
 * interrupted export or edit leaves nothing behind.  A handler can
 * reach nothing but a static; this is the program's only one, and it
 * is set and cleared with those signals blocked.
 */
static char *volatile pending_temp;

/*
 * The signals whose default action ends the process, but for SIGKILL
 * and SIGSTOP, which cannot be caught, and SIGPIPE and SIGXFSZ, which
 * cli_signals_init() turns into failed writes.  The real-time signals
 * end it too (ending_set() adds them).
 */
static const int ending_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGVTALRM, SIGPROF,
	SIGUSR1, SIGUSR2, SIGXCPU, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL,
	SIGTRAP, SIGSYS,
#ifdef SIGPOLL
	SIGPOLL,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
};
#define NENDING (sizeof(ending_signals) / sizeof(ending_signals[0]))

/* Bytes the C library gathers before each write() of an output file. */
#define OUTPUT_BUFFER ((size_t)64 * 1024)

/* Sets *set to the signals that end the process. */
static void
ending_set(sigset_t *set)
{
	size_t i;
	int sig;

	sigemptyset(set);
	for (i = 0; i < NENDING; i++)
		sigaddset(set, ending_signals[i]);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaddset(set, sig);
}

static void
on_ending_signal(int sig)
{
	struct sigaction dfl;
	char *temp = pending_temp;

	if (temp != NULL)
		unlink(temp);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	/* Delivered when the handler returns: the process ends as the
	 * signal would have ended it.  A fault raised by an instruction
	 * ends it the same way, before the instruction runs again. */
	raise(sig);
}

/* Blocks (or, with how SIG_SETMASK and *old, restores) the signals. */
static void
block_ending_signals(sigset_t *old)
{
	sigset_t set;

	ending_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * Installs the handler, except for signals the caller chose to ignore.
 * Every one of them is blocked while it runs: it removes the file once.
 * A program the process starts gets each back as it was before, since
 * starting a program puts a caught signal back to its default action.
 */
static void
catch_ending_signals(void)
{
	struct sigaction sa, old;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_ending_signal;
	ending_set(&sa.sa_mask);
	for (sig = 1; sig <= SIGRTMAX; sig++) {
		if (!sigismember(&sa.sa_mask, sig))
			continue;
		if (sigaction(sig, NULL, &old) < 0 ||
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sig, &sa, NULL);
	}
}

/* Catching a signal, and doing nothing: the call it stopped fails. */
static void
on_write_signal(int sig)
{
	(void)sig;
}

void
cli_signals_init(void)
{
	static const int sigs[] = { SIGPIPE, SIGXFSZ };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_write_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigaction(sigs[i], NULL, &old) < 0 ||
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
	/* Ignored, the end of a child would leave no status to wait for:
	 * git's answer is its exit status. */
	if (sigaction(SIGCHLD, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		signal(SIGCHLD, SIG_DFL);
}

/*
 * The descriptor of this process that path names, or -1: a name in
 * the directory where the kernel shows the process's own descriptors
 * (/proc/self/fd, where /dev/fd, /dev/stdout and /dev/stderr lead too).
 */
static int
own_descriptor(const char *path)
{
	static const char *const fd_dirs[] = {
		"/proc/self/fd", "/proc/thread-self/fd"
	};
	const char *slash = strrchr(path, '/');
	const char *name = slash != NULL ? slash + 1 : path;
	char dir[PATH_MAX], real[PATH_MAX], fds[PATH_MAX], *end;
	size_t i;
	long n;

	/* A number as the kernel writes it: no sign, no leading zero. */
	if (*name < '0' || *name > '9' || (*name == '0' && name[1] != '\0'))
		return -1;
	errno = 0;
	n = strtol(name, &end, 10);
	if (*end != '\0' || errno != 0 || n > INT_MAX)
		return -1;
	if (slash == NULL)
		memcpy(dir, ".", 2);
	else if ((size_t)(slash - path) + 1 < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path) + 1,
		    path);
	else
		return -1;
	if (realpath(dir, real) == NULL)
		return -1;
	for (i = 0; i < sizeof(fd_dirs) / sizeof(fd_dirs[0]); i++)
		if (realpath(fd_dirs[i], fds) != NULL &&
		    strcmp(real, fds) == 0)
			return (int)n;
	return -1;
}

/*
 * The file that path names, following symbolic links one at a time
 * from the name given (a name that is no link stays as it is, relative
 * or not, however long its absolute path); malloc'd.  When fd is not
 * NULL and a name on the way is one of this process's descriptors, *fd
 * is that descriptor (and the name is returned): the kernel shows it as
 * a link to the file it has open, but writing to that file by its name
 * would not write where the descriptor writes.  Else *fd is -1.
 */
static char *
resolve_target(const char *path, int *fd)
{
	char *cur, *next, *slash, link[PATH_MAX];
	struct stat st;
	ssize_t n;
	size_t dirlen;
	int hops;

	if (fd != NULL)
		*fd = -1;
	if ((cur = strdup(path)) == NULL)
		return NULL;
	for (hops = 0; hops < 40; hops++) {
		if (fd != NULL && (*fd = own_descriptor(cur)) >= 0)
			return cur;
		if (lstat(cur, &st) < 0 || !S_ISLNK(st.st_mode))
			return cur;
		if ((n = readlink(cur, link, sizeof(link) - 1)) < 0)
			return cur;
		link[n] = '\0';
		if (link[0] == '/' || (slash = strrchr(cur, '/')) == NULL) {
			next = strdup(link);
		} else {
			/* A relative link is read from its own directory. */
			dirlen = (size_t)(slash - cur) + 1;
			if ((next = malloc(dirlen + (size_t)n + 1)) != NULL) {
				memcpy(next, cur, dirlen);
				memcpy(next + dirlen, link, (size_t)n + 1);
			}
		}
		free(cur);
		if ((cur = next) == NULL)
			return NULL;
	}
	errno = ELOOP;
	free(cur);
	return NULL;
}

char *
cli_follow_links(const char *path)
{
	return resolve_target(path, NULL);
}

int
cli_names_descriptor(const char *path)
{
	char *target;
	int fd;

	if ((target = resolve_target(path, &fd)) == NULL)
		return -1;
	free(target);
	return fd;
}

/*
 * Writes to descriptor fd as it is (appending when it appends, into a
 * pipe when it is one): standard output itself for 1, as for "-"; else
 * a copy of fd, which closing the output closes.  Returns 0, or -1 with
 * errno set.
 */
static int
open_descriptor(struct cli_output *o, int fd)
{
	int flags, copy, saved;

	if (fd == STDOUT_FILENO) {
		o->fp = stdout;
		o->is_stdout = 1;
		return 0;
	}
	if ((flags = fcntl(fd, F_GETFL)) < 0)
		return -1;
	if ((flags & O_ACCMODE) == O_RDONLY) {
		errno = EBADF;	/* what writing to it would say */
		return -1;
	}
	if ((copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
		return -1;
	if ((o->fp = fdopen(copy, "w")) == NULL) {
		saved = errno;
		close(copy);
		errno = saved;
		return -1;
	}
	return 0;
}

/*
 * Writes into buf (size bytes, at least strlen(target) + 12) the
 * template of a temporary file beside target: NAME.tmp.XXXXXX, NAME
 * being target's name cut short, at a character, where the whole would
 * be longer than its directory allows a name to be.
 */
static void
temp_template(char *buf, size_t size, const char *target)
{
	static const char suffix[] = ".tmp.XXXXXX";
	const char *slash = strrchr(target, '/');
	const char *name = slash != NULL ? slash + 1 : target;
	size_t dirlen = (size_t)(name - target), keep = strlen(name);
	long max;

	snprintf(buf, size, "%.*s", (int)dirlen, target);
	max = pathconf(dirlen > 0 ? buf : ".", _PC_NAME_MAX);
	if (max <= (long)sizeof(suffix))
		max = NAME_MAX;
	if (keep > (size_t)max - (sizeof(suffix) - 1)) {
		keep = (size_t)max - (sizeof(suffix) - 1);
		while (keep > 0 && ((unsigned char)name[keep] & 0xc0) == 0x80)
			keep--;
	}
	snprintf(buf + dirlen, size - dirlen, "%.*s%s", (int)keep, name,
	    suffix);
}

int
cli_writable(const char *path, const struct stat *st)
{
	return (st->st_mode & 0222) != 0 &&
	    faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

int
cli_read_only_fs(const char *path)
{
	struct statvfs vfs;

	return statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0;
}

int
cli_temp_open(char **temp, const char *target)
{
	sigset_t old;
	size_t size = strlen(target) + 12;
	int fd, saved;

	if ((*temp = malloc(size)) == NULL)
		return -1;
	temp_template(*temp, size, target);
	catch_ending_signals();
	block_ending_signals(&old);
	if ((fd = mkstemp(*temp)) >= 0)
		pending_temp = *temp;
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		free(*temp);
		*temp = NULL;
	}
	errno = saved;
	return fd;
}

/* Puts six characters of a name, different each call, at x. */
static void
temp_suffix(char *x)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long calls;
	struct timespec now;
	unsigned long long v;
	int i;

	clock_gettime(CLOCK_REALTIME, &now);
	v = (unsigned long long)now.tv_nsec ^
	    ((unsigned long long)now.tv_sec << 30) ^
	    ((unsigned long long)getpid() << 20) ^ ++calls;
	v *= 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < 6; i++) {
		x[i] = chars[(v >> 40) % (sizeof(chars) - 1)];
		v *= 0x9e3779b97f4a7c15ULL;
		v ^= v >> 29;
	}
}

int
cli_temp_link(char **temp, int fd, const char *target)
{
	sigset_t old;
	size_t size = strlen(target) + 12;
	char proc[64];
	int tries, rc = -1, saved = EEXIST;

	if ((*temp = malloc(size)) == NULL)
		return -1;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	catch_ending_signals();
	for (tries = 0; tries < 100 && saved == EEXIST; tries++) {
		temp_template(*temp, size, target);
		temp_suffix(*temp + strlen(*temp) - 6);
		block_ending_signals(&old);
		if ((rc = linkat(AT_FDCWD, proc, AT_FDCWD, *temp,
		    AT_SYMLINK_FOLLOW)) == 0)
			pending_temp = *temp;
		saved = errno;
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (rc == 0)
			return 0;
	}
	free(*temp);
	*temp = NULL;
	errno = saved;
	return -1;
}

#ifdef __linux__
/*
 * Copies the value of the extended attribute name of the file at from
 * onto fd, where the user and the file system allow it.  0, or -1 with
 * errno ENOMEM.
 */
static int
copy_xattr(int fd, const char *from, const char *name)
{
	ssize_t len = getxattr(from, name, NULL, 0);
	char *value;

	if (len < 0)
		return 0;
	if ((value = malloc(len > 0 ? (size_t)len : 1)) == NULL)
		return -1;
	if ((len = getxattr(from, name, value, (size_t)len)) >= 0)
		(void)fsetxattr(fd, name, value, (size_t)len, 0);
	free(value);
	return 0;
}
#endif

/*
 * Takes from fd the access control list it got from its directory's
 * default one, when the file at from has none: the file it replaces
 * grants what its mode says, no more to others and no less to its
 * group.
 */
static void
drop_inherited_acl(int fd, const char *from)
{
#ifdef __linux__
	static const char acl[] = "system.posix_acl_access";

	if (getxattr(from, acl, NULL, 0) < 0 && errno == ENODATA)
		(void)fremovexattr(fd, acl);
	errno = 0;
#else
	(void)fd;
	(void)from;
#endif
}

/*
 * Copies the extended attributes of the file at from onto fd, its access
 * control list among them, where the user and the file system allow it
 * (a security label the user may not set is left to the system's
 * policy).  0, or -1 with errno ENOMEM.
 */
static int
copy_xattrs(int fd, const char *from)
{
#ifdef __linux__
	ssize_t len = listxattr(from, NULL, 0);
	char *names;
	size_t at;
	int rc = 0;

	if (len <= 0)
		return 0;
	if ((names = malloc((size_t)len)) == NULL)
		return -1;
	if ((len = listxattr(from, names, (size_t)len)) > 0)
		for (at = 0; at < (size_t)len && rc == 0;
		    at += strlen(names + at) + 1)
			rc = copy_xattr(fd, from, names + at);
	free(names);
	return rc;
#else
	(void)fd;
	(void)from;
	return 0;
#endif
}

int
cli_temp_like(int fd, const char *from, const struct stat *st)
{
	/* Only root may give a file away; a group the user is in is kept
	 * either way.  The mode follows, since chown clears set-id bits,
	 * and then the access control list, whose mask the group bits of
	 * the mode hold. */
	if (fchown(fd, st->st_uid, st->st_gid) < 0 &&
	    fchown(fd, (uid_t)-1, st->st_gid) < 0)
		errno = 0;
	drop_inherited_acl(fd, from);
	if (fchmod(fd, st->st_mode & 07777) < 0)
		return -1;
	return copy_xattrs(fd, from);
}

int
cli_temp_rename(const char *temp, const char *target)
{
	sigset_t old;
	int error, saved;

	block_ending_signals(&old);
	if ((error = rename(temp, target)) == 0)
		pending_temp = NULL;
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return error;
}

void
cli_temp_remove(const char *temp)
{
	sigset_t old;
	int gone, saved;

	block_ending_signals(&old);
	gone = unlink(temp) == 0 || errno == ENOENT;
	saved = errno;
	pending_temp = NULL;
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* As in a directory that is append-only (chattr +a), where the
	 * file could be named but is neither renamed nor removed. */
	if (!gone) {
		fputs("timeline: warning: cannot remove the temporary file ",
		    stderr);
		cli_put_safe(stderr, temp);
		fprintf(stderr, ": %s; remove it by hand (an append-only "
		    "directory needs chattr -a first)\n", strerror(saved));
	}
}

int
cli_output_open(struct cli_output *o, const char *path)
{
	struct stat st;
	int fd, found, saved;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		o->is_stdout = 1;
		return 0;
	}
	if ((o->target = resolve_target(path, &fd)) == NULL)
		return -1;
	if (fd >= 0) {
		free(o->target);
		o->target = NULL;
		return open_descriptor(o, fd);
	}
	found = stat(o->target, &st) == 0;
	if (found && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (found && !S_ISREG(st.st_mode)) {
		/* A device or a pipe cannot be replaced: write to it. */
		if ((o->fp = fopen(o->target, "w")) == NULL)
			goto fail;
		free(o->target);
		o->target = NULL;
		return 0;
	}
	if (found && !cli_writable(o->target, &st)) {
		o->read_only = 1;
		errno = cli_read_only_fs(o->target) ? EROFS : EACCES;
		goto fail;
	}
	if ((fd = cli_temp_open(&o->temp, o->target)) < 0) {
		o->no_temp = errno != ENOMEM;
		goto fail;
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		cli_temp_remove(o->temp);
		errno = saved;
		goto fail;
	}
	/* The C library would write a file in blocks of 4 KiB. */
	if ((o->buffer = malloc(OUTPUT_BUFFER)) != NULL &&
	    setvbuf(o->fp, o->buffer, _IOFBF, OUTPUT_BUFFER) != 0) {
		free(o->buffer);
		o->buffer = NULL;
	}
	return 0;
fail:
	saved = errno;
	free(o->temp);
	o->temp = NULL;
	errno = saved;
	return -1;
}

/*
 * Gives the temporary file of o what the file it replaces has (see
 * cli_temp_like()), or, for a new file, 0666 less the umask.
 */
static int
settle_temp(struct cli_output *o)
{
	struct stat st;
	mode_t mask;

	if (stat(o->target, &st) == 0) {
		o->had_links = st.st_nlink > 1;
		return cli_temp_like(fileno(o->fp), o->target, &st);
	}
	mask = umask(0);
	umask(mask);
	return fchmod(fileno(o->fp), 0666 & ~mask);
}

int
cli_output_close(struct cli_output *o, int ok)
{
	int error = 0, saved = 0;

	if (o->fp == NULL) {
		free(o->target);
		o->target = NULL;
		return 0;
	}
	if (o->is_stdout) {
		if (fflush(o->fp) != 0 || ferror(o->fp))
			error = -1;
		o->fp = NULL;
		return error;
	}
	if (fflush(o->fp) != 0 || ferror(o->fp))
		error = -1;
	if (error == 0 && ok && o->temp != NULL &&
	    (settle_temp(o) < 0 || fsync(fileno(o->fp)) < 0))
		error = -1;
	saved = errno;
	if (fclose(o->fp) != 0 && error == 0) {
		error = -1;
		saved = errno;
	}
	o->fp = NULL;
	free(o->buffer);
	o->buffer = NULL;
	if (o->temp != NULL) {
		if (error == 0 && ok &&
		    cli_temp_rename(o->temp, o->target) < 0) {
			error = -1;
			saved = errno;
		}
		if (error != 0 || !ok)
			cli_temp_remove(o->temp);
	}
	free(o->target);
	free(o->temp);
	o->target = o->temp = NULL;
	errno = saved;
	return error;
}

int
cli_write_all(int fd, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}
