/*
 * The editing commands, move, done and status: find the milestone, let
 * the library edit its file's text, check the whole set as it will be,
 * say what moves, and replace the file atomically (or, with --dry-run,
 * print a diff).
 */
#define _GNU_SOURCE 1	/* realpath(), O_TMPFILE */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "timeline/timeline.h"
#include "args.h"
#include "edit_cmd.h"
#include "output.h"
#include "say.h"

enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,
	EXIT_USAGE = 2
};

/* A place in a text: a line and a column, as diagnostics count them. */
struct place {
	uint32_t line, col;
};

/*
 * Where a place in the edited text stands in the file on disk.  The
 * edit changes bytes of the edited milestone only: the text before the
 * first byte that differs (before `head`) and after the last one (from
 * `tail` on, which was `was` on disk) is as it was; a place between is
 * in the edited milestone's new text, and is shown at its id.
 */
struct place_map {
	const char *file;
	struct place head, tail, was, id;
};

/*
 * The place of byte off of the len bytes at s, the lines of region r
 * (a BOM that starts the file is no column; a CR LF, a LF or a lone CR
 * ends a line).
 */
static struct place
place_of(const struct tl_edit_region *r, const char *s, size_t len,
    size_t off)
{
	struct place p = { 1, 1 };
	size_t i = 0;

	p.line = r->line;
	if (r->start == 0 && off >= 3 && len >= 3 &&
	    memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' &&
		    !(i + 1 < len && s[i + 1] == '\n'))) {
			p.line++;
			p.col = 1;
		} else if (s[i] != '\r' &&
		    ((unsigned char)s[i] & 0xc0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

/* Whether place a comes before place b. */
static int
before(struct place a, struct place b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Fills map for the edit of m that changed region r. */
static void
map_places(struct place_map *map, const struct tl_milestone *m,
    const struct tl_edit_region *r)
{
	const char *old = r->was, *new = r->now;
	size_t oldlen = r->waslen, newlen = r->nowlen;
	size_t head = 0, tail = 0, most = oldlen < newlen ? oldlen : newlen;

	while (head < most && old[head] == new[head])
		head++;
	while (tail < most - head &&
	    old[oldlen - 1 - tail] == new[newlen - 1 - tail])
		tail++;
	/* Whole characters on both sides. */
	while (head > 0 && ((unsigned char)new[head] & 0xc0) == 0x80)
		head--;
	while (tail > 0 && ((unsigned char)new[newlen - tail] & 0xc0) == 0x80)
		tail--;
	map->file = tl_milestone_timeline(m)->file;
	map->head = place_of(r, new, newlen, head);
	map->tail = place_of(r, new, newlen, newlen - tail);
	map->was = place_of(r, old, oldlen, oldlen - tail);
	map->id.line = tl_milestone_line(m);
	map->id.col = tl_milestone_col(m);
}

/* Moves *p from the edited text to the file on disk. */
static void
map_place(const struct place_map *map, struct place *p)
{
	if (before(*p, map->head))
		return;
	if (before(*p, map->tail)) {
		*p = map->id;
		return;
	}
	if (p->line == map->tail.line)
		p->col = p->col - map->tail.col + map->was.col;
	p->line = p->line - map->tail.line + map->was.line;
}

/* Moves line and col, a place in file, to the file on disk. */
static void
map_file_place(const struct place_map *map, const char *file,
    uint32_t *line, uint32_t *col)
{
	struct place p;

	if (map == NULL || *line == 0 || file == NULL ||
	    strcmp(file, map->file) != 0)
		return;
	p.line = *line;
	p.col = *col;
	map_place(map, &p);
	*line = p.line;
	*col = p.col;
}

/*
 * Prints the diagnostics, those of the edited text (map not NULL) at
 * their places in the file on disk; but for the warnings that known
 * flags (known[i] for diagnostic i, when known is not NULL).
 */
static void
print_diags(struct tl_diags *diags, const struct place_map *map,
    const unsigned char *known)
{
	struct tl_diag d;
	size_t i, n;

	tl_diags_sort(diags);
	n = tl_diags_count(diags);
	for (i = 0; i < n; i++) {
		d = *tl_diags_get(diags, i);
		if (known != NULL && known[i])
			continue;
		map_file_place(map, d.file, &d.line, &d.col);
		map_file_place(map, d.note_file, &d.note_line, &d.note_col);
		cli_put_diag(stderr, &d);
	}
}

/* A place in a file: where a milestone's id stands. */
struct spot {
	const char *file;
	uint32_t line;
};

static int
spot_cmp(const void *pa, const void *pb)
{
	const struct spot *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* A diagnostic, its index in its list, and its place in the file on
 * disk. */
struct indexed {
	const struct tl_diag *d;
	size_t i;
	uint32_t line, col;
};

/*
 * Orders diagnostics by level, code, file, place on disk and message:
 * what makes a warning the same before and after an edit.
 */
static int
by_what_and_where(const void *pa, const void *pb)
{
	const struct indexed *x = pa, *y = pb;
	const struct tl_diag *a = x->d, *b = y->d;
	int c;

	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	if ((c = strcmp(a->code != NULL ? a->code : "",
	    b->code != NULL ? b->code : "")) != 0 ||
	    (c = strcmp(a->file != NULL ? a->file : "",
	    b->file != NULL ? b->file : "")) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(a->message, b->message);
}

/*
 * The n diagnostics of diags, with their places on disk (map: those of
 * the edited text; NULL: as they are), in the order of
 * by_what_and_where(); NULL when memory runs out.
 */
static struct indexed *
in_match_order(const struct tl_diags *diags, size_t n,
    const struct place_map *map)
{
	struct indexed *v;
	size_t i;

	if ((v = malloc((n ? n : 1) * sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		v[i].d = tl_diags_get(diags, i);
		v[i].i = i;
		v[i].line = v[i].d->line;
		v[i].col = v[i].d->col;
		map_file_place(map, v[i].d->file, &v[i].line, &v[i].col);
	}
	qsort(v, n, sizeof(*v), by_what_and_where);
	return v;
}

/*
 * The places of the ids of the milestones an edit changes (the n
 * changes, and the one edited, m, when not NULL), in the edited set,
 * sorted; NULL when memory runs out.
 */
static struct spot *
changed_spots(const struct tl_edit_change *changes, size_t n,
    const struct tl_milestone *m, size_t *count)
{
	struct spot *v;
	size_t i;

	if ((v = malloc((n + 1) * sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		v[i].file = tl_milestone_timeline(changes[i].after)->file;
		v[i].line = tl_milestone_line(changes[i].after);
	}
	if (m != NULL) {
		v[n].file = tl_milestone_timeline(m)->file;
		v[n++].line = tl_milestone_line(m);
	}
	qsort(v, n, sizeof(*v), spot_cmp);
	*count = n;
	return v;
}

/*
 * Sorts after (what the set as it will be, edited, gives) and flags in
 * *known (allocated; the caller frees it) each of its warnings that the
 * set had before the edit too (before: what its loading found, and its
 * warnings), the same words at the same place on disk (map), one for
 * one: the edit did not bring it, and printing it again at every edit
 * hides those the edit did bring.  The warnings at the id of a
 * milestone that the edit changes (the changes, and the one id names
 * in edited) are never flagged: they say what the edit left it.  0 or
 * TL_ENOMEM.
 */
static int
warnings_known(struct tl_diags *after, const struct tl_diags *before,
    const struct place_map *map, const struct tl_set *edited,
    const char *id, const struct tl_edit_change *changes, size_t nchanges,
    unsigned char **known)
{
	const struct tl_milestone *m;
	struct indexed *a = NULL, *b = NULL;
	struct spot *spots = NULL, key;
	char suggest[TL_WHY_SIZE];
	size_t na, nb, nspots = 0, i, j = 0;
	int c = 1, error = TL_ENOMEM;

	if (tl_edit_find(edited, id, &m, suggest, sizeof(suggest)) != 0)
		m = NULL;
	tl_diags_sort(after);
	na = tl_diags_count(after);
	nb = tl_diags_count(before);
	if ((*known = calloc(na ? na : 1, 1)) == NULL ||
	    (a = in_match_order(after, na, map)) == NULL ||
	    (b = in_match_order(before, nb, NULL)) == NULL ||
	    (spots = changed_spots(changes, nchanges, m, &nspots)) == NULL)
		goto out;
	for (i = 0; i < na; i++) {
		while (j < nb && (c = by_what_and_where(&b[j], &a[i])) < 0)
			j++;
		if (j == nb || c != 0 || a[i].d->level != TL_LEVEL_WARNING)
			continue;
		j++;
		key.file = a[i].d->file;
		key.line = a[i].d->line;
		if (key.file == NULL || bsearch(&key, spots, nspots,
		    sizeof(*spots), spot_cmp) == NULL)
			(*known)[a[i].i] = 1;
	}
	error = 0;
out:
	if (error != 0) {
		free(*known);
		*known = NULL;
	}
	free(a);
	free(b);
	free(spots);
	return error;
}

/* The file the edit reads, open, and what identified it on disk. */
struct text {
	int fd;
	struct stat st;
};

/*
 * Whether two states of a file are the same: its inode, its size, and
 * its modification and inode change times.
 */
static int
same_state(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/*
 * Opens the file at path for the edit to read into t.  Returns 0, or
 * -1 with errno set.
 */
static int
open_text(struct text *t, const char *path)
{
	int saved;

	/* Never waiting for a writer, should a pipe have taken the name
	 * since the loading. */
	if ((t->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(t->fd, &t->st) < 0)
		goto fail;
	if (!S_ISREG(t->st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	if ((uint64_t)t->st.st_size > TL_DEFAULT_MAX_FILE_BYTES) {
		errno = EFBIG;
		goto fail;
	}
	return 0;
fail:
	saved = errno;
	close(t->fd);
	t->fd = -1;
	errno = saved;
	return -1;
}

/*
 * Whether the file open in t changed since it was opened: everything
 * read from it since may be of another text.
 */
static int
changed_while_read(const struct text *t)
{
	struct stat now;

	return fstat(t->fd, &now) < 0 || !same_state(&now, &t->st);
}

/*
 * Whether the file at path is still the one t read.  The inode's change
 * time is compared too: a rewrite in place that keeps the size and puts
 * back the modification time (touch -r) cannot put it back.
 */
static int
unchanged(const struct text *t, const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && same_state(&st, &t->st);
}

/*
 * Where the edit writes the new text, when it may be written: a
 * temporary file beside the file it replaces (the file a symbolic link
 * points to), unnamed (O_TMPFILE) until the edit is checked and its
 * name given just before the rename, so that an edit refused or ended
 * by any signal leaves the directory as it was; where the file system
 * or the kernel makes no unnamed file (or /proc is missing), one named
 * from the start, removed if a signal ends the process.  Else (a dry
 * run, a file that is not writable, a directory where no file can be
 * made) none: the new text is checked from the old file and the new
 * lines (tl_edit_reload_region()), and written nowhere.
 */
struct output {
	int fd;			/* the temporary file, or -1 */
	int unnamed;		/* it has no name yet */
	char *temp;		/* its name, or NULL */
	int temp_errno;		/* why none could be made beside it */
};

/*
 * Opens an unnamed file in the directory of target, that
 * cli_temp_link() can name: a descriptor, or -1 with errno set.
 */
static int
open_unnamed(const char *target)
{
#ifdef O_TMPFILE
	const char *slash = strrchr(target, '/');
	char *dir, proc[64];
	struct stat st;
	int fd, saved;

	if ((dir = slash == NULL ? strdup(".") : strndup(target,
	    (size_t)(slash - target) + 1)) == NULL)
		return -1;
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	saved = errno;
	free(dir);
	errno = saved;
	if (fd < 0)
		return -1;
	/* Named through /proc: without it, a file is named from the
	 * start. */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (lstat(proc, &st) < 0) {
		close(fd);
		errno = ENOENT;
		return -1;
	}
	return fd;
#else
	(void)target;
	errno = EOPNOTSUPP;
	return -1;
#endif
}

/* Opens o for the edit of the file at path that t read.  0, or -1 with
 * errno ENOMEM. */
static int
open_output(struct output *o, const char *path, const struct text *t,
    int dry_run)
{
	char *target;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if ((target = cli_follow_links(path)) == NULL && errno == ENOMEM)
		return -1;
	/* The file that replace_file() will refuse to write needs none
	 * beside it: that is said once the edit is checked. */
	if (dry_run || target == NULL || !cli_writable(target, &t->st)) {
		free(target);
		return 0;
	}
	if ((o->fd = open_unnamed(target)) >= 0)
		o->unnamed = 1;
	else if (errno != ENOMEM &&
	    (o->fd = cli_temp_open(&o->temp, target)) < 0)
		o->temp_errno = errno;
	free(target);
	return o->fd < 0 && errno == ENOMEM ? -1 : 0;
}

/* Closes o, removing its temporary file if it is still there. */
static void
close_output(struct output *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->temp != NULL) {
		cli_temp_remove(o->temp);
		free(o->temp);
		o->temp = NULL;
	}
}

/*
 * Takes the lock that edits of the file open in t hold from their last
 * look at the file to their rename (flock(2), on the file read): of two
 * edits of one file, the second to take it finds the file replaced, and
 * is refused.  Where the file system has no such locks, edits go on
 * without (a save by another program was never locked out).
 */
static void
lock_file(const struct text *t)
{
	while (flock(t->fd, LOCK_EX) < 0 && errno == EINTR)
		continue;
}

/*
 * Replaces the file at path (the file a symbolic link points to) with
 * the new text in o: synced, given the old file's mode (and owner and
 * group, as far as the user may give them), and renamed into place,
 * only when the file is still the one read.  The lock taken first is
 * let go when t's file is closed.
 * Returns 0; -1 with errno set; 1 when the file changed; 2 when it is
 * not writable; 3, errno set, when no file could be made beside it.
 */
static int
replace_file(const char *path, const struct text *t, struct output *o)
{
	char *target;
	struct stat st;
	int saved, rc = -1;

	if ((target = cli_follow_links(path)) == NULL)
		return -1;
	if (stat(target, &st) < 0)
		goto out;
	if (!cli_writable(target, &t->st)) {
		rc = 2;
		goto out;
	}
	if (o->fd < 0) {
		errno = o->temp_errno != 0 ? o->temp_errno : EACCES;
		rc = 3;
		goto out;
	}
	if (cli_temp_like(o->fd, target, &t->st) < 0 || fsync(o->fd) < 0)
		goto out;
	lock_file(t);
	/* The file is given its name only now, and only for a file that
	 * is still the one read. */
	if (o->unnamed && !unchanged(t, target)) {
		rc = 1;
		goto out;
	}
	if (o->unnamed && cli_temp_link(&o->temp, o->fd, target) < 0)
		goto out;
	o->unnamed = 0;
	saved = close(o->fd);
	o->fd = -1;
	if (saved < 0)
		goto out;
	/* Refuse rather than overwrite what someone else wrote. */
	if (!unchanged(t, target)) {
		rc = 1;
		goto out;
	}
	if (cli_temp_rename(o->temp, target) < 0)
		goto out;
	free(o->temp);
	o->temp = NULL;
	rc = 0;
out:
	saved = errno;
	free(target);
	errno = saved;
	return rc;
}

/*
 * Writes one line per milestone whose window changes, or whose relative
 * date became the day it gave; a change of status alone, by 'status' or
 * 'done' without a day, writes its line only to a terminal, where
 * silence would look like nothing done (a script gets the windows that
 * moved, as before).  0, or -1 with errno set when a write failed.
 */
static int
print_changes(const struct tl_edit_change *changes, size_t n)
{
	char line[512];
	size_t i;

	for (i = 0; i < n; i++) {
		if (tl_diff_windows(tl_milestone_window(changes[i].before),
		    tl_milestone_window(changes[i].after)) == TL_DIFF_NONE &&
		    tl_milestone_date_kind(changes[i].before) ==
		    tl_milestone_date_kind(changes[i].after) &&
		    (i > 0 || !isatty(STDOUT_FILENO)))
			continue;
		tl_edit_change_format(line, sizeof(line), &changes[i]);
		if (printf("%s\n", line) < 0)
			return -1;
	}
	return 0;
}

/*
 * Whether a change gave a relative date a date of its own elsewhere than
 * the day it gave: it no longer moves with the milestone it hung on.
 */
static int
cut_loose(const struct tl_edit_change *c)
{
	return tl_milestone_date_kind(c->before) == TL_DATE_RELATIVE &&
	    tl_milestone_date_kind(c->after) != TL_DATE_RELATIVE &&
	    tl_diff_windows(tl_milestone_window(c->before),
	    tl_milestone_window(c->after)) != TL_DIFF_NONE;
}

/*
 * Says that the edited milestone was cut loose (cut_loose()): the line
 * of the change does not say it.
 */
static void
note_unhung(const struct tl_edit_change *changes, size_t n, int dry_run)
{
	const struct tl_milestone *m;

	if (n == 0 || !cut_loose(&changes[0]))
		return;
	m = changes[0].before;
	fputs("timeline: note: ", stderr);
	cli_put_safe(stderr, tl_milestone_timeline(m)->name);
	putc('/', stderr);
	cli_put_safe(stderr, tl_milestone_id(m));
	fputs(dry_run ? " would no longer hang on '" : " no longer hangs on '",
	    stderr);
	cli_put_safe(stderr, tl_milestone_date(m));
	fputs("': its date is the one given, and moves no more with it\n",
	    stderr);
}

/*
 * Flushes standard output, unless a write already failed (errno
 * holding why); 0, or the errno of the write that failed.
 */
static int
stdout_error(int failed)
{
	if (!failed) {
		errno = 0;
		if (fflush(stdout) == 0 && !ferror(stdout))
			return 0;
	}
	return errno != 0 ? errno : EIO;
}

/*
 * Into buf, a note naming the typographic hyphen or dash in id (text
 * pasted from a document), which looks like the '-' of an id; "" when
 * it holds none.
 */
static const char *
dash_note(const char *id, char *buf, size_t size)
{
	const unsigned char *p;

	buf[0] = '\0';
	for (p = (const unsigned char *)id; *p != '\0'; p++)
		if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0x90 &&
		    p[2] <= 0x95) || (p[1] == 0x88 && p[2] == 0x92))) {
			snprintf(buf, size, " its '-' is U+%04X, a dash that "
			    "only looks like it", p[1] == 0x88 ? 0x2212u :
			    0x2000u + (p[2] - 0x80u));
			break;
		}
	return buf;
}

/* Finds the milestone a names; EXIT_OK, or the status of a refusal. */
static int
find_milestone(const struct cli_args *a, const struct tl_set *set,
    const struct tl_milestone **m)
{
	char suggest[512], id[TL_QUOTE_SIZE], dash[96];
	int error;

	/* Quoted as values are in diagnostics: an invisible character
	 * shows ('tokyo-summit\u{200b}' is not 'tokyo-summit'). */
	tl_diags_quote(id, a->id, strlen(a->id));
	error = tl_edit_find(set, a->id, m, suggest, sizeof(suggest));
	if (error == TL_ENOENT) {
		if (suggest[0] != '\0')
			cli_error("no milestone '", id, "' (did you mean '",
			    suggest, "'?", dash_note(a->id, dash,
			    sizeof(dash)), ")", NULL);
		else
			cli_error("no milestone '", id, "'", NULL);
		return EXIT_USAGE;
	}
	if (error == TL_EINVAL) {
		cli_error("'", id, "' is ambiguous: ", suggest, NULL);
		fputs("timeline: name it as TIMELINE/ID\n", stderr);
		return EXIT_USAGE;
	}
	if (strcmp(tl_milestone_timeline(*m)->file, "-") == 0) {
		cli_error("standard input cannot be edited; name the "
		    "file", NULL);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Fills *opts with the edit that a asks for. */
static void
edit_options(const struct cli_args *a, struct tl_edit_options *opts)
{
	tl_edit_options_init(opts, TL_EDIT_OPTIONS_VERSION);
	opts->kind = a->command == CLI_MOVE ? TL_EDIT_MOVE :
	    a->command == CLI_DONE ? TL_EDIT_DONE : TL_EDIT_STATUS;
	opts->when = a->when;
	opts->status = a->new_status;
	opts->noted = a->noted;
	opts->today = a->today;
}

/*
 * Writes the edited text of m's file (open in t) to out, and what it
 * changed into *r; EXIT_OK, or the status of a refusal (*error
 * TL_ENOMEM when memory ran out).
 */
static int
edit_text(const struct cli_args *a, const struct tl_set *set,
    const struct tl_milestone *m, const struct text *t, int out,
    struct tl_edit_region *r, int *error)
{
	const char *file = tl_milestone_timeline(m)->file;
	struct tl_edit_options opts;
	char why[TL_WHY_SIZE], line[512];
	int saved;

	edit_options(a, &opts);
	*error = tl_edit_file(set, m, t->fd, &opts, out, r, why);
	saved = errno;
	/* What was read of a file changed meanwhile is of no one text. */
	if (*error != TL_ENOMEM && changed_while_read(t)) {
		*error = 0;
		cli_error(file, " changed on disk while it was read; nothing "
		    "written", NULL);
		return EXIT_USAGE;
	}
	snprintf(line, sizeof(line), "%s/%s", tl_milestone_timeline(m)->name,
	    tl_milestone_id(m));
	switch (*error) {
	case 0:
	case TL_ENOMEM:
		return EXIT_OK;
	case TL_EEMPTY:
		fputs("timeline: ", stderr);
		cli_put_safe(stderr, line);
		fputs(": nothing to change: ", stderr);
		cli_put_safe(stderr, why);
		fputs("\n", stderr);
		return EXIT_OK;
	case TL_ENOENT:
		cli_error(file, " changed since it was read; nothing "
		    "written", NULL);
		return EXIT_USAGE;
	case TL_EIO:
		*error = 0;
		if (strcmp(why, TL_EDIT_NOT_READ) == 0)
			cli_error("cannot read ", file, ": ", strerror(saved),
			    NULL);
		else
			cli_error("cannot write ", file, ": ", strerror(saved),
			    NULL);
		return EXIT_USAGE;
	default:
		if (*error == TL_EINVAL && strcmp(why, TL_EDIT_NOT_PLACED) == 0)
			cli_error(file, ": " TL_EDIT_NOT_PLACED "; nothing "
			    "written", NULL);
		else
			cli_error("cannot edit ", line, ": ", why, NULL);
		return EXIT_USAGE;
	}
}

/* Whether when is one exact day, neither coarser, approximate nor a
 * range. */
static int
exact_day(const char *when)
{
	struct tl_window w;
	char why[TL_WHY_SIZE];

	return strstr(when, "..") == NULL &&
	    tl_date_parse(&w, when, strlen(when), why) == 0 &&
	    w.precision == TL_PREC_DAY && w.flags == 0;
}

/* Whether the set as it will be (adiags) refuses the edit. */
static int
refused(const struct cli_args *a, const struct tl_diags *adiags)
{
	return tl_diags_errors(adiags) > 0 ||
	    (a->strict && tl_diags_warnings(adiags) > 0);
}

/*
 * Reports the set as it will be (after) and refuses an edit that brings
 * errors (or warnings under --strict); EXIT_OK, or a refusal's status.
 */
static int
check_after(const struct cli_args *a, const struct tl_milestone *m,
    const struct tl_diags *adiags)
{
	if (!refused(a, adiags))
		return EXIT_OK;
	fputs("timeline: ", stderr);
	cli_put_safe(stderr, tl_milestone_timeline(m)->name);
	putc('/', stderr);
	cli_put_safe(stderr, tl_milestone_id(m));
	fputs(tl_diags_errors(adiags) > 0 ? ": the edit would bring these "
	    "errors; nothing written\n" : ": warnings under --strict; "
	    "nothing written\n", stderr);
	if (tl_milestone_time(m) >= 0 && a->when != NULL &&
	    !exact_day(a->when))
		fputs("timeline: a time of day needs one exact day: remove "
		    "'time' and 'timezone' first to give it a coarser, "
		    "approximate or ranged date\n", stderr);
	return EXIT_DATA;
}

/*
 * Refuses an edit whose text, loaded again (after), does not give m
 * what the edit meant: the editor could not place it in the file's
 * layout.  EXIT_OK, or a refusal's status.
 */
static int
check_placed(const struct cli_args *a, const struct tl_milestone *m,
    const struct tl_set *after)
{
	struct tl_edit_options opts;
	char why[TL_WHY_SIZE];

	edit_options(a, &opts);
	if (tl_edit_verify(m, after, &opts, why) == 0)
		return EXIT_OK;
	cli_error(tl_milestone_timeline(m)->file, ": the edit could not be "
	    "placed in this file's layout; nothing written", NULL);
	return EXIT_USAGE;
}

/*
 * Copies name into *out (allocated) without its empty and "."
 * components: "./d//f" is "d/f".  0 or TL_ENOMEM.
 */
static int
tidy_name(char **out, const char *name)
{
	size_t len = strlen(name), i = 0, at = 0, n;
	char *s;

	if ((*out = s = malloc(len + 1)) == NULL)
		return TL_ENOMEM;
	if (name[0] == '/')
		s[at++] = '/';
	for (; i < len; i += n + 1) {
		n = strcspn(name + i, "/");
		if (n == 0 || (n == 1 && name[i] == '.'))
			continue;
		if (at > 0 && s[at - 1] != '/')
			s[at++] = '/';
		memcpy(s + at, name + i, n);
		at += n;
	}
	s[at] = '\0';
	return 0;
}

/*
 * The name from directory here of the file base in directory dir (both
 * real paths), in *out (allocated): 0; 1 when dir is not under here;
 * TL_ENOMEM.
 */
static int
name_under(char **out, const char *dir, const char *here, const char *base)
{
	size_t hlen = strcmp(here, "/") == 0 ? 0 : strlen(here), len;
	const char *rest;

	if (strncmp(dir, here, hlen) != 0 ||
	    (dir[hlen] != '/' && dir[hlen] != '\0'))
		return 1;
	rest = dir[hlen] == '/' ? dir + hlen + 1 : dir + hlen;
	len = strlen(rest) + strlen(base) + 2;
	if ((*out = malloc(len)) == NULL)
		return TL_ENOMEM;
	snprintf(*out, len, "%s%s%s", rest, *rest != '\0' ? "/" : "", base);
	return 0;
}

/*
 * The name of file in the header of its diff, in *out (allocated): its
 * name from the current directory if it is under it, its directory
 * resolved (/here/d/f and ../here/d/f are d/f, and so is l/f with l a
 * link to d), since patch(1) and git apply refuse a name that goes up
 * (..) or starts at the root, and git apply one through a link; else
 * the name without empty and "." components.  0 or TL_ENOMEM.
 */
static int
diff_name(char **out, const char *file)
{
	char *tidy, *slash, *dir, *real = NULL, *here = NULL;
	int rc = 1;

	*out = NULL;
	if (tidy_name(&tidy, file) < 0)
		return TL_ENOMEM;
	slash = strrchr(tidy, '/');
	if (slash != NULL) {
		if ((dir = strndup(tidy, (size_t)(slash - tidy) + 1)) == NULL)
			rc = TL_ENOMEM;
		else if ((real = realpath(dir, NULL)) != NULL &&
		    (here = realpath(".", NULL)) != NULL)
			rc = name_under(out, real, here, slash + 1);
		else if (errno == ENOMEM)
			rc = TL_ENOMEM;
		free(dir);
		free(real);
		free(here);
	}
	if (rc != 1) {
		free(tidy);
		return rc;
	}
	*out = tidy;
	return 0;
}

/*
 * Writes the diff of the edit to standard output: on a terminal, escaped
 * line by line as everything the tool prints from the data (a comment
 * may hold a bidirectional override, a file lone CRs); elsewhere byte
 * for byte, for patch(1) and git apply.  0, TL_EIO (errno set) or
 * TL_ENOMEM.
 */
static int
put_diff(const char *name, const struct tl_edit_region *r)
{
	FILE *mem;
	char *buf = NULL;
	size_t len = 0;
	int error;

	if (!isatty(STDOUT_FILENO))
		return tl_edit_region_diff(stdout, name, r);
	if ((mem = open_memstream(&buf, &len)) == NULL)
		return TL_ENOMEM;
	error = tl_edit_region_diff(mem, name, r);
	/* A stream in memory fails only for want of memory. */
	if (fclose(mem) != 0 || error == TL_EIO)
		error = TL_ENOMEM;
	if (error == 0) {
		cli_put_safe_lines(stdout, buf, len);
		if (ferror(stdout))
			error = TL_EIO;
	}
	free(buf);
	return error;
}

/*
 * With --dry-run, prints the lines of the milestones that would move
 * and the diff; a status.  The diff names the file that the edit would
 * rewrite: through a symbolic link, the file it leads to, which patch(1)
 * and git apply change (they refuse to patch a link).  A reader that
 * went away (EPIPE) is no failure, as for show.
 */
static int
show_edit(const char *file, const struct tl_edit_region *r,
    const struct tl_edit_change *changes, size_t n, int *error)
{
	char *name, *target;
	int failed, e;

	/* As replace_file() finds it; a link that cannot be read is
	 * named as it is. */
	if ((target = cli_follow_links(file)) == NULL && errno == ENOMEM) {
		*error = TL_ENOMEM;
		return EXIT_USAGE;
	}
	*error = diff_name(&name, target != NULL ? target : file);
	free(target);
	if (*error < 0)
		return EXIT_USAGE;
	failed = print_changes(changes, n) < 0 ||
	    (*error = put_diff(name, r)) == TL_EIO;
	note_unhung(changes, n, 1);
	e = stdout_error(failed);
	free(name);
	if (*error == TL_ENOMEM)
		return EXIT_USAGE;
	*error = 0;
	if (e == 0 || e == EPIPE)
		return EXIT_OK;
	cli_error("cannot write standard output: ", strerror(e), NULL);
	return EXIT_USAGE;
}

/*
 * Says what the edit that was written changed.  A standard output that
 * cannot be written is only a warning, and a reader that went away not
 * even that: the file is edited, and the command run again would edit
 * it again (a second history entry).
 */
static void
report_written(const char *file, const struct text *t,
    const struct tl_edit_change *changes, size_t n)
{
	int e;

	/* The reader that went away cannot undo the edit (main() made
	 * SIGPIPE fail the write instead of ending the process). */
	e = stdout_error(print_changes(changes, n) < 0);
	note_unhung(changes, n, 0);
	if (t->st.st_nlink > 1)
		cli_warn_links(file);
	if (e != 0 && e != EPIPE) {
		fputs("timeline: warning: ", stderr);
		cli_put_safe(stderr, file);
		fprintf(stderr, " is edited; cannot write standard output: "
		    "%s\n", strerror(e));
	}
}

/*
 * Says that file (errno set) cannot be replaced because no new file can
 * be made in the directory of the file it names: the file itself may be
 * writable.
 */
static void
no_file_beside(const char *file)
{
	int saved = errno;
	char *target = cli_follow_links(file), *slash;

	slash = target != NULL ? strrchr(target, '/') : NULL;
	if (slash != NULL)
		slash[1] = '\0';
	cli_error("cannot write ", file, ": cannot make the new file beside "
	    "it, in ", slash != NULL ? target : "./", ": ", strerror(saved),
	    NULL);
	free(target);
}

/* Writes the edited file, or with --dry-run shows it; a status. */
static int
write_or_show(const struct cli_args *a, const char *file,
    const struct text *t, struct output *o, const struct tl_edit_region *r,
    const struct tl_edit_change *changes, size_t nchanges, int *error)
{
	int status = EXIT_OK;

	if (a->dry_run)
		return show_edit(file, r, changes, nchanges, error);
	switch (replace_file(file, t, o)) {
	case 0:
		report_written(file, t, changes, nchanges);
		break;
	case 1:
		cli_error(file, " changed on disk since it was read; nothing "
		    "written", NULL);
		status = EXIT_USAGE;
		break;
	case 2:
		if (cli_read_only_fs(file))
			cli_error(file, " is on a read-only file system; "
			    "nothing written", NULL);
		else
			cli_error(file, " is read-only; nothing written "
			    "(make it writable to edit it)", NULL);
		status = EXIT_USAGE;
		break;
	case 3:
		no_file_beside(file);
		status = EXIT_USAGE;
		break;
	default:
		cli_error("cannot write ", file, ": ", strerror(errno), NULL);
		status = EXIT_USAGE;
		break;
	}
	return status;
}

/* Whether a change cancels a milestone, or takes its cancellation back. */
static int
cancelling(const struct tl_edit_change *c)
{
	return (tl_milestone_status(c->before) == TL_STATUS_CANCELLED) !=
	    (tl_milestone_status(c->after) == TL_STATUS_CANCELLED);
}

/* Whether a relative date of set is placed on m. */
static int
has_dependents(const struct tl_set *set, const struct tl_milestone *m)
{
	size_t i, n = tl_set_count(set);

	for (i = 0; i < n; i++)
		if (tl_milestone_reference(tl_set_milestone(set, i)) == m)
			return 1;
	return 0;
}

/*
 * Warns when the edited milestone's calendar SEQUENCE does not rise
 * though calendars must take the change: its relative date made plain
 * (it no longer counts the one it hung on; the milestones placed after
 * it move with it, and their SEQUENCE does not rise either), or its
 * event cancelled or cancelled no more by a change of status alone;
 * and when it falls, though the event keeps its days (a relative date
 * made plain on the day it gave): calendars would then ignore its next
 * move.  Calendar programs keep the event they have unless the new
 * one's SEQUENCE is higher.
 */
static void
warn_sequence(const struct tl_set *after, const struct tl_milestone *m,
    const struct tl_edit_change *changes, size_t n)
{
	const struct tl_edit_change *c = &changes[0];
	uint32_t was, now;
	int made_plain, kept_days;

	if (n == 0 || c->before != m)
		return;
	made_plain = cut_loose(c);
	kept_days = !made_plain && tl_milestone_date_kind(c->before) ==
	    TL_DATE_RELATIVE && tl_milestone_date_kind(c->after) !=
	    TL_DATE_RELATIVE;
	if (!made_plain && !kept_days && !cancelling(c))
		return;
	was = tl_ics_sequence(c->before);
	now = tl_ics_sequence(c->after);
	if (now > was || (kept_days && now == was))
		return;
	fputs("timeline: warning: ", stderr);
	cli_put_safe(stderr, tl_milestone_timeline(m)->name);
	putc('/', stderr);
	cli_put_safe(stderr, tl_milestone_id(m));
	if (now < was)
		fprintf(stderr, ": its calendar SEQUENCE falls from %lu to %lu",
		    (unsigned long)was, (unsigned long)now);
	else
		fprintf(stderr, ": its calendar SEQUENCE stays at %lu",
		    (unsigned long)now);
	if (made_plain || kept_days)
		fprintf(stderr, "%s, since its date no longer hangs on "
		    "another", has_dependents(after, c->after) ? " (so do "
		    "those of the milestones placed after it)" : "");
	else
		fprintf(stderr, " though the event is %s cancelled",
		    tl_milestone_status(c->after) ==
		    TL_STATUS_CANCELLED ? "now" : "no longer");
	if (kept_days)
		fprintf(stderr, "; its days are unchanged, but calendar "
		    "programs holding SEQUENCE %lu ignore later moves until "
		    "it is higher: delete the event there before importing "
		    "the next export that moves it\n", (unsigned long)was);
	else
		fputs("; calendar programs keep the event they have unless "
		    "the new one's SEQUENCE is higher: delete it there before "
		    "importing the next export\n", stderr);
}

/*
 * Seconds within which a file's times do not tell what happened first:
 * file systems stamp them from a clock coarser than the one read here
 * (FAT to two seconds).
 */
#define SLACK_SECONDS 2

/* Whether time t comes before start by more than the slack. */
static int
long_before(const struct timespec *t, const struct timespec *start)
{
	time_t edge = start->tv_sec - SLACK_SECONDS;

	return t->tv_sec < edge ||
	    (t->tv_sec == edge && t->tv_nsec < start->tv_nsec);
}

/*
 * Whether a file in state st provably holds the bytes it held when the
 * loading began, at start: its contents (the modification time) and
 * its inode (the change time, which a rename over it or a rewrite that
 * puts the other back sets) have not changed since.
 */
static int
settled(const struct stat *st, const struct timespec *start)
{
	return long_before(&st->st_mtim, start) &&
	    long_before(&st->st_ctim, start);
}

/*
 * Replaces *set with the set as the bytes of t make it (the file may
 * have changed between the loading and the reading), and *loaded with
 * what its loading found, and finds a's milestone *m in it again, in
 * the same file.  The old set and list are freed.
 * EXIT_OK; or, when the set now has errors (EXIT_DATA, as any data
 * with errors) or the file no longer holds the milestone, the status of
 * a refusal (*error set only when memory ran out).
 */
static int
load_as_read(const struct cli_args *a, const struct text *t,
    struct tl_set **set, struct tl_diags **loaded,
    const struct tl_milestone **m, int *error)
{
	const char *file = tl_milestone_timeline(*m)->file;
	const struct tl_milestone *again;
	struct tl_set *now = NULL;
	struct tl_diags *diags = NULL;
	char suggest[TL_WHY_SIZE];
	int status = EXIT_USAGE;

	if ((*error = tl_diags_new(&diags)) < 0)
		return EXIT_USAGE;
	if (lseek(t->fd, 0, SEEK_SET) < 0)
		*error = TL_EIO;
	else
		*error = tl_edit_reload_fd(*set, file, t->fd, &now, diags);
	if (*error == TL_ENOMEM)
		goto out;
	if (changed_while_read(t)) {
		*error = 0;
		cli_error(file, " changed on disk while it was read; nothing "
		    "written", NULL);
		goto out;
	}
	if (*error == 0 && tl_diags_errors(diags) == 0 &&
	    tl_edit_find(now, a->id, &again, suggest, sizeof(suggest)) == 0 &&
	    strcmp(tl_milestone_timeline(again)->file, file) == 0) {
		tl_set_free(*set);
		*set = now;
		now = NULL;
		tl_diags_free(*loaded);
		*loaded = diags;
		diags = NULL;
		*m = again;
		status = EXIT_OK;
		goto out;
	}
	*error = 0;
	print_diags(diags, NULL, NULL);
	if (tl_diags_errors(diags) > 0) {
		/* Another file's save may have brought them: the diagnostics
		 * name it. */
		fputs("timeline: error: the data has errors; nothing edited\n",
		    stderr);
		status = EXIT_DATA;
	} else {
		cli_error(file, " changed on disk since it was read; nothing "
		    "written", NULL);
	}
out:
	tl_set_free(now);
	tl_diags_free(diags);
	return status;
}

/*
 * Finds a's milestone *m in *set and opens its file in t.  When the
 * file may have changed since the loading began (at start), *set and
 * *m become those of the bytes read from t (and *loaded what loading
 * them found): every value the edit uses comes from the text it
 * changes, which edit_text() finds unchanged when it is done.
 * EXIT_OK, or the status of a refusal.
 */
static int
find_and_read(const struct cli_args *a, const struct timespec *start,
    struct tl_set **set, struct tl_diags **loaded,
    const struct tl_milestone **m, struct text *t, int *error)
{
	const char *file;
	int status;

	if ((status = find_milestone(a, *set, m)) != EXIT_OK)
		return status;
	file = tl_milestone_timeline(*m)->file;
	if (open_text(t, file) < 0) {
		cli_error("cannot read ", file, ": ", strerror(errno), NULL);
		return EXIT_USAGE;
	}
	if (settled(&t->st, start))
		return EXIT_OK;
	return load_as_read(a, t, set, loaded, m, error);
}

/*
 * Loads the set as it will be into *after (what its loading finds into
 * adiags): from the new text in o, or without one, from the old file
 * in t with the new lines of r.  EXIT_OK (*error the loading's), or the
 * status of a refusal.
 */
static int
reload_edited(const struct tl_set *set, const struct tl_milestone *m,
    const struct text *t, const struct output *o,
    const struct tl_edit_region *r, struct tl_set **after,
    struct tl_diags *adiags, int *error)
{
	const char *file = tl_milestone_timeline(m)->file;

	if (o->fd < 0) {
		*error = tl_edit_reload_region(set, file, t->fd, r, after,
		    adiags);
		/* Read again, the old file must still be the one read. */
		if (*error != TL_ENOMEM && changed_while_read(t)) {
			*error = 0;
			cli_error(file, " changed on disk while it was read; "
			    "nothing written", NULL);
			return EXIT_USAGE;
		}
		return EXIT_OK;
	}
	if (lseek(o->fd, 0, SEEK_SET) < 0) {
		cli_error("cannot read the edited text: ", strerror(errno),
		    NULL);
		return EXIT_USAGE;
	}
	*error = tl_edit_reload_fd(set, file, o->fd, after, adiags);
	return EXIT_OK;
}

/*
 * Checks the set as it will be (*after, loaded from o with what its
 * loading and its warnings found in *adiags) and prints what it found
 * that the set did not have before (*loaded, m's set).  EXIT_OK, or the
 * status of a refusal (*error set when memory ran out).
 */
static int
check_edit(const struct cli_args *a, const struct tl_set *set,
    struct tl_diags *loaded, const struct tl_milestone *m,
    const struct text *t, const struct output *o,
    const struct tl_edit_region *r, struct tl_set **after,
    struct tl_diags *adiags, struct tl_edit_change **changes,
    size_t *nchanges, int *error)
{
	unsigned char *known = NULL;
	struct place_map map;
	int status;

	if ((status = reload_edited(set, m, t, o, r, after, adiags,
	    error)) != EXIT_OK || *error == TL_ENOMEM)
		return EXIT_USAGE;
	if (*error == 0 &&
	    (*error = tl_set_warn(*after, a->today, adiags)) < 0)
		return EXIT_USAGE;
	map_places(&map, m, r);
	if (*error == 0 && (*error = tl_edit_changes(set, *after, m, changes,
	    nchanges)) < 0)
		return EXIT_USAGE;
	/* The warnings the set had before: not news (under --strict, where
	 * they refuse the edit, all are). */
	if (*error == 0 && !a->strict &&
	    ((*error = tl_set_warn(set, a->today, loaded)) < 0 ||
	    (*error = warnings_known(adiags, loaded, &map, *after, a->id,
	    *changes, *nchanges, &known)) < 0))
		return EXIT_USAGE;
	/* Written, the new text is the file; else the old one still is. */
	print_diags(adiags, *error == 0 && !a->dry_run &&
	    !refused(a, adiags) ? NULL : &map, known);
	free(known);
	if (*error < 0)
		return EXIT_USAGE;
	if ((status = check_after(a, m, adiags)) != EXIT_OK)
		return status;
	return check_placed(a, m, *after);
}

/*
 * Whether path is another name of the file in state st, whose name the
 * links of its path resolve to is real: the same file, reached by a
 * name that resolves elsewhere (a hard link, or a symbolic link to one).
 */
static int
is_other_name(const char *path, const struct stat *st, const char *real)
{
	struct stat pst;
	char *resolved;
	int other;

	if (stat(path, &pst) < 0 || !S_ISREG(pst.st_mode) ||
	    pst.st_dev != st->st_dev || pst.st_ino != st->st_ino)
		return 0;
	if ((resolved = realpath(path, NULL)) == NULL)
		return 0;
	other = strcmp(resolved, real) != 0;
	free(resolved);
	return other;
}

/*
 * Looks for another name (a hard link) of file, whose state is st,
 * among the timeline files the loading read from paths (the files
 * named, those of the directories named): the loading read the file
 * once, but the edit replaces the name file resolves to, and the other
 * would keep the old text, a second copy of its timelines.  Puts it in
 * other (at most size bytes, "" for none).
 */
static void
other_name(const char *const *paths, size_t npaths, const char *file,
    const struct stat *st, char *other, size_t size)
{
	struct dirent *e;
	struct stat pst;
	char *real, *path;
	DIR *dir;
	size_t i;

	other[0] = '\0';
	if ((real = realpath(file, NULL)) == NULL)
		return;
	for (i = 0; i < npaths && other[0] == '\0'; i++) {
		if (stat(paths[i], &pst) < 0)
			continue;
		if (!S_ISDIR(pst.st_mode)) {
			if (is_other_name(paths[i], st, real))
				snprintf(other, size, "%s", paths[i]);
			continue;
		}
		if ((dir = opendir(paths[i])) == NULL)
			continue;
		while (other[0] == '\0' && (e = readdir(dir)) != NULL) {
			if (!tl_is_timeline_file_name(e->d_name) ||
			    (path = malloc(strlen(paths[i]) +
			    strlen(e->d_name) + 2)) == NULL)
				continue;
			sprintf(path, "%s%s%s", paths[i],
			    paths[i][strlen(paths[i]) - 1] == '/' ? "" : "/",
			    e->d_name);
			if (is_other_name(path, st, real))
				snprintf(other, size, "%s", path);
			free(path);
		}
		closedir(dir);
	}
	free(real);
}

/*
 * Refuses an edit of file (in state st) when another of its names is
 * among the timeline files of paths (see other_name()).  EXIT_OK, or
 * the status of the refusal.
 */
static int
named_twice(const char *const *paths, size_t npaths, const char *file,
    const struct stat *st)
{
	char other[PATH_MAX];

	other_name(paths, npaths, file, st, other, sizeof(other));
	if (other[0] == '\0')
		return EXIT_OK;
	cli_error(file, " is also read as ", other, " (a hard link to the "
	    "same file), which an edit would leave with the old text, a "
	    "second copy of its timelines: remove that name, or make it a "
	    "symbolic link to the file edited; nothing edited", NULL);
	return EXIT_USAGE;
}

/*
 * Edits the milestone a names in *setp (loaded, with what its loading
 * found in *loaded), whose file t opens.
 */
static int
run_edit(const struct cli_args *a, const char *const *paths, size_t npaths,
    const struct timespec *start, struct tl_set **setp,
    struct tl_diags **loaded, struct text *t)
{
	const struct tl_milestone *m;
	struct tl_set *after = NULL;
	struct tl_diags *adiags = NULL;
	struct tl_edit_change *changes = NULL;
	struct tl_edit_region r;
	struct output o;
	const char *file;
	size_t nchanges = 0;
	int error = 0, status;

	memset(&r, 0, sizeof(r));
	memset(&o, 0, sizeof(o));
	o.fd = -1;
	if ((status = find_and_read(a, start, setp, loaded, &m, t,
	    &error)) != EXIT_OK)
		goto out;
	file = tl_milestone_timeline(m)->file;
	if (t->st.st_nlink > 1 && (status = named_twice(paths, npaths, file,
	    &t->st)) != EXIT_OK)
		goto out;
	if (open_output(&o, file, t, a->dry_run) < 0) {
		error = TL_ENOMEM;
		status = EXIT_USAGE;
		goto out;
	}
	if ((status = edit_text(a, *setp, m, t, o.fd, &r, &error)) !=
	    EXIT_OK || error != 0)
		goto out;
	if ((error = tl_diags_new(&adiags)) < 0 ||
	    (status = check_edit(a, *setp, *loaded, m, t, &o, &r, &after,
	    adiags, &changes, &nchanges, &error)) != EXIT_OK)
		goto out;
	status = write_or_show(a, file, t, &o, &r, changes, nchanges, &error);
	if (status == EXIT_OK)
		warn_sequence(after, m, changes, nchanges);
out:
	if (error == TL_ENOMEM) {
		cli_error("out of memory", NULL);
		status = EXIT_USAGE;
	}
	close_output(&o);
	tl_edit_region_dispose(&r);
	free(changes);
	tl_set_free(after);
	tl_diags_free(adiags);
	return status;
}

/*
 * Whether the file at path, read alone, has no errors (it has some when
 * it refers to milestones of the files left out).  0 when it has, or
 * when it cannot be told.
 */
static int
clean_alone(const char *path)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	int clean = 0;

	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0 ||
	    tl_set_set_flags(set, TL_SET_CHECK_ONLY) < 0)
		goto out;
	if (tl_set_load_path(set, path, diags) == 0 &&
	    tl_set_index(set, diags) == 0 && tl_set_resolve(set, diags) == 0)
		clean = tl_diags_errors(diags) == 0;
out:
	tl_diags_free(diags);
	tl_set_free(set);
	return clean;
}

/*
 * When no error is in the file that holds a's milestone, says that the
 * errors are elsewhere, and that the file named alone can be edited when
 * it reads clean alone (else it refers to the others' milestones).
 */
static void
errors_elsewhere(const struct cli_args *a, const struct tl_set *set,
    const struct tl_diags *diags)
{
	const struct tl_milestone *m;
	const struct tl_diag *d;
	const char *file;
	char suggest[TL_WHY_SIZE];
	size_t i;

	if (tl_edit_find(set, a->id, &m, suggest, sizeof(suggest)) != 0)
		return;
	file = tl_milestone_timeline(m)->file;
	for (i = 0; i < tl_diags_count(diags); i++) {
		d = tl_diags_get(diags, i);
		if (d->level == TL_LEVEL_ERROR &&
		    (d->file == NULL || strcmp(d->file, file) == 0))
			return;
	}
	fputs("timeline: the errors are in other files than ", stderr);
	cli_put_safe(stderr, file);
	fputs(clean_alone(file) ? ", which holds the milestone: fix them, "
	    "or name that file alone to edit it without them\n" :
	    ", which holds the milestone: fix them (it refers to their "
	    "milestones, so it cannot be edited alone)\n", stderr);
}

/*
 * Whether path may name what an edit reads: a file or a directory, not
 * standard input or a pipe or device under a name (a FIFO, /dev/stdin),
 * which the loading would read up or wait on.  EXIT_OK, or EXIT_USAGE
 * with a message.
 */
static int
editable(const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0) {
		cli_error("standard input cannot be edited; name the file",
		    NULL);
		return EXIT_USAGE;
	}
	/* The file open as a descriptor is not edited through its name:
	 * standard input, under any name, is not edited. */
	if (cli_names_descriptor(path) >= 0) {
		cli_error(path, " is a descriptor this process was given "
		    "(standard input, /dev/fd/N) and cannot be edited; name "
		    "the file", NULL);
		return EXIT_USAGE;
	}
	/* A path that cannot be read is the loading's to report. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		cli_error(path, " is not a regular file (a pipe or a device) "
		    "and cannot be edited; name the file", NULL);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cli_edit_run(const struct cli_args *a)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	struct timespec start;
	struct text t;
	static const char *const default_path[] = { "timeline/" };
	const char *const *paths = a->paths;
	size_t npaths = a->npaths, i;
	int status = EXIT_OK, io = 0, error = 0;

	memset(&t, 0, sizeof(t));
	t.fd = -1;
	if (npaths == 0) {
		struct stat st;

		if (stat(default_path[0], &st) < 0 && errno == ENOENT) {
			cli_error("no ./timeline/ directory here; name a "
			    "file or a directory", NULL);
			return EXIT_USAGE;
		}
		paths = default_path;
		npaths = 1;
	}
	for (i = 0; i < npaths; i++)
		if ((status = editable(paths[i])) != EXIT_OK)
			return status;
	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0) {
		error = TL_ENOMEM;
		goto out;
	}
	/* The edit reads the texts of the edited milestone from its file:
	 * the set keeps none (the checks still read them all). */
	tl_set_set_flags(set, TL_SET_CHECK_ONLY);
	/* Without a clock, no file is known to be as it was loaded. */
	if (clock_gettime(CLOCK_REALTIME, &start) < 0)
		memset(&start, 0, sizeof(start));
	for (i = 0; i < npaths; i++) {
		error = tl_set_load_path(set, paths[i], diags);
		if (error == TL_ENOMEM)
			goto out;
		if (error < 0)
			io = 1;
	}
	error = 0;
	if ((error = tl_set_index(set, diags)) < 0 ||
	    (error = tl_set_resolve(set, diags)) < 0 ||
	    (error = tl_set_order(set)) < 0)
		goto out;
	if (io || tl_diags_errors(diags) > 0) {
		print_diags(diags, NULL, NULL);
		fputs(io ? "timeline: error: a PATH could not be read; nothing "
		    "edited\n" : "timeline: error: the data has errors; "
		    "nothing edited\n", stderr);
		if (!io)
			errors_elsewhere(a, set, diags);
		status = io ? EXIT_USAGE : EXIT_DATA;
		goto out;
	}
	status = run_edit(a, paths, npaths, &start, &set, &diags, &t);
out:
	if (error == TL_ENOMEM) {
		cli_error("out of memory", NULL);
		status = EXIT_USAGE;
	}
	if (t.fd >= 0)
		close(t.fd);
	tl_diags_free(diags);
	tl_set_free(set);
	return status;
}
