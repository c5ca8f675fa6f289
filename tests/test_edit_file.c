/*
 * Tests of tl_edit_file(), the edit of a file through its descriptor:
 * over every golden case of tests/edit/golden, it writes byte for byte
 * the text that tl_edit_apply() makes of the whole text in memory, or
 * fails as it does, and the diff of its region is the diff of the whole
 * texts; in a long file, the region holds the lines around the edit.
 */
#define _GNU_SOURCE 1		/* open_memstream(), mkstemp() */
#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "timeline/timeline.h"

#define GOLDEN TESTS_DIR "/edit/golden"

/* The whole of a file: *len bytes, NUL-terminated, allocated. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f;
	char *buf;
	long n;

	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((n = ftell(f)) >= 0);
	rewind(f);
	assert_non_null(buf = malloc((size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The whole text of the open file fd, from offset 0. */
static char *
slurp_fd(int fd, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	*len = 0;
	do {
		if (*len + 4096 + 1 > cap) {
			cap = cap * 2 + 8192;
			assert_non_null(buf = realloc(buf, cap));
		}
		n = pread(fd, buf + *len, 4096, (off_t)*len);
		assert_true(n >= 0);
		*len += (size_t)n;
	} while (n > 0);
	buf[*len] = '\0';
	return buf;
}

/* A temporary file holding len bytes of data, open for reading and
 * writing, already unlinked. */
static int
temp_file(const char *data, size_t len)
{
	char name[] = "/tmp/test_edit_file.XXXXXX";
	int fd;

	assert_true((fd = mkstemp(name)) >= 0);
	unlink(name);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	return fd;
}

/*
 * Reads a golden case's command ("move a 2027 --noted 2026-04-01") into
 * opts and *id (pointing into line).  Returns 0, or -1 for a command the
 * command line itself refuses (a --noted that is no day).
 */
static int
parse_command(char *line, struct tl_edit_options *opts, const char **id)
{
	char *word[16] = { NULL }, *save = NULL, *w;
	size_t n = 0, i;
	int32_t day;
	char why[TL_WHY_SIZE];

	for (w = strtok_r(line, " \t\n", &save); w != NULL && n < 16;
	    w = strtok_r(NULL, " \t\n", &save))
		word[n++] = w;
	if (n < 2)
		fail_msg("a command without an id");
	tl_edit_options_init(opts, TL_EDIT_OPTIONS_VERSION);
	opts->today = tl_day_from_ymd(2026, 11, 24);
	opts->kind = strcmp(word[0], "move") == 0 ? TL_EDIT_MOVE :
	    strcmp(word[0], "done") == 0 ? TL_EDIT_DONE : TL_EDIT_STATUS;
	*id = word[1];
	for (i = 2; i < n; i++) {
		if (strcmp(word[i], "--noted") == 0 && i + 1 < n) {
			if (tl_day_parse(&day, word[i + 1],
			    strlen(word[i + 1]), why) < 0)
				return -1;
			opts->noted = day;
			i++;
		} else if (strcmp(word[i], "--status") == 0 && i + 1 < n) {
			opts->status = tl_status_from_name(word[++i]);
		} else if (word[i][0] == '-') {
			continue;
		} else if (opts->kind == TL_EDIT_STATUS) {
			opts->status = tl_status_from_name(word[i]);
		} else {
			opts->when = word[i];
		}
	}
	return 0;
}

/* The diff a function writes, as a string. */
static char *
diff_of(const char *name, const char *old, size_t oldlen, const char *new,
    size_t newlen, const struct tl_edit_region *r)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0;

	assert_non_null(f = open_memstream(&buf, &len));
	if (r != NULL)
		assert_int_equal(tl_edit_region_diff(f, name, r), 0);
	else
		assert_int_equal(tl_edit_unified_diff(f, name, old, oldlen,
		    new, newlen), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* A set of the text alone, indexed, resolved and ordered; NULL when it
 * has errors (no edit takes it). */
static struct tl_set *
load(const char *name, const char *data, size_t len)
{
	struct tl_set *set;
	struct tl_diags *diags;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, name, data, len, diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_set_order(set), 0);
	if (tl_diags_errors(diags) > 0) {
		tl_set_free(set);
		set = NULL;
	}
	tl_diags_free(diags);
	return set;
}

/*
 * Whether the new text gives m what the edit meant, its texts as they
 * were (tl_edit_verify() on a set that keeps them), as tl_edit_file()
 * finds; -1 when the new text has errors (the edit is refused for them,
 * and m may have left the set).
 */
static int
placed(const struct tl_set *set, const struct tl_milestone *m,
    const char *text, size_t len, const struct tl_edit_options *opts)
{
	struct tl_set *after = NULL;
	struct tl_diags *diags;
	char why[TL_WHY_SIZE];
	int ok;

	assert_int_equal(tl_diags_new(&diags), 0);
	ok = tl_edit_reload(set, tl_milestone_timeline(m)->file, text, len,
	    &after, diags) == 0 && tl_edit_verify(m, after, opts, why) == 0;
	if (tl_diags_errors(diags) > 0)
		ok = -1;
	tl_set_free(after);
	tl_diags_free(diags);
	return ok;
}

/*
 * Edits the file in again without an output (as a dry run does): the
 * same answer as into a file (e, why), the same region as r, and the set
 * loaded from the file and that region is the one of the new text (len
 * bytes at text).
 */
static void
compare_without_output(const char *name, const struct tl_set *set,
    const struct tl_milestone *m, int in, const struct tl_edit_options *opts,
    int e, const char *why, const struct tl_edit_region *r,
    const char *text, size_t len)
{
	const char *file = tl_milestone_timeline(m)->file;
	struct tl_edit_region r3;
	struct tl_set *a = NULL, *b = NULL;
	struct tl_diags *da, *db;
	char why3[TL_WHY_SIZE];
	int e3 = tl_edit_file(set, m, in, opts, -1, &r3, why3);

	if (e3 != e || (e != 0 && strcmp(why, why3) != 0))
		fail_msg("%s: %d '%s' into a file, %d '%s' into none", name, e,
		    why, e3, why3);
	if (e != 0)
		return;
	if (r3.start != r->start || r3.nowlen != r->nowlen ||
	    memcmp(r3.now, r->now, r->nowlen) != 0)
		fail_msg("%s: the regions differ", name);
	assert_int_equal(tl_diags_new(&da), 0);
	assert_int_equal(tl_diags_new(&db), 0);
	assert_int_equal(tl_edit_reload_region(set, file, in, &r3, &a, da),
	    tl_edit_reload(set, file, text, len, &b, db));
	if (tl_diags_count(da) != tl_diags_count(db) || (a != NULL &&
	    tl_set_count(a) != tl_set_count(b)))
		fail_msg("%s: the sets loaded differ", name);
	tl_set_free(a);
	tl_set_free(b);
	tl_diags_free(da);
	tl_diags_free(db);
	tl_edit_region_dispose(&r3);
}

/*
 * Edits data both ways and compares them; returns whether the edit was
 * made.
 */
static int
compare_edits(const char *name, const char *data, size_t len,
    const struct tl_set *set, const struct tl_milestone *m,
    const struct tl_edit_options *opts)
{
	struct tl_edit_region r;
	char why1[TL_WHY_SIZE], why2[TL_WHY_SIZE];
	char *out = NULL, *written, *d1, *d2;
	size_t outlen, wlen;
	int v, e1, e2, in = temp_file(data, len), to = temp_file("", 0);

	e1 = tl_edit_apply(set, m, data, len, opts, &out, &outlen, why1);
	e2 = tl_edit_file(set, m, in, opts, to, &r, why2);
	/* A text whose kept values do not read back is refused from the
	 * file; in memory, tl_edit_verify() refuses it. */
	if (e1 == 0 && e2 == TL_EINVAL &&
	    strcmp(why2, TL_EDIT_NOT_PLACED) == 0) {
		if (placed(set, m, out, outlen, opts) == 1)
			fail_msg("%s: refused from the file, placed", name);
		assert_null(r.was);
		e1 = e2;
	}
	if (e1 != e2 || (e1 != 0 && strcmp(why1, why2) != 0 &&
	    strcmp(why2, TL_EDIT_NOT_PLACED) != 0))
		fail_msg("%s: %d '%s' in memory, %d '%s' from the file",
		    name, e1, why1, e2, why2);
	compare_without_output(name, set, m, in, opts, e2, why2, &r, out,
	    outlen);
	if (e1 == 0) {
		written = slurp_fd(to, &wlen);
		if (wlen != outlen || memcmp(written, out, outlen) != 0)
			fail_msg("%s: the texts differ", name);
		d1 = diff_of(name, data, len, out, outlen, NULL);
		d2 = diff_of(name, NULL, 0, NULL, 0, &r);
		if (strcmp(d1, d2) != 0)
			fail_msg("%s: the diffs differ:\n%s\n%s", name, d1,
			    d2);
		assert_true(r.start + r.waslen <= len);
		if ((v = placed(set, m, out, outlen, opts)) == 0)
			fail_msg("%s: written, not placed", name);
		assert_memory_equal(r.was, data + r.start, r.waslen);
		free(d1);
		free(d2);
		free(written);
	}
	tl_edit_region_dispose(&r);
	free(out);
	close(in);
	close(to);
	return e1 == 0;
}

/* Runs the golden case whose command file is name (NAME.cmd). */
static int
golden_case(const char *cmd)
{
	char path[1024], *line, *data;
	const char *id;
	const struct tl_milestone *m;
	struct tl_edit_options opts;
	struct tl_set *set;
	char suggest[64];
	size_t len, n = strlen(cmd) - 4;
	int made = 0;

	snprintf(path, sizeof(path), "%s/%s", GOLDEN, cmd);
	line = slurp(path, &len);
	snprintf(path, sizeof(path), "%s/%.*s.yaml", GOLDEN, (int)n, cmd);
	data = slurp(path, &len);
	if (parse_command(line, &opts, &id) == 0 &&
	    (set = load(path, data, len)) != NULL) {
		if (tl_edit_find(set, id, &m, suggest, sizeof(suggest)) == 0)
			made = compare_edits(cmd, data, len, set, m, &opts);
		tl_set_free(set);
	}
	free(line);
	free(data);
	return made;
}

static void
golden_edits_write_what_the_text_in_memory_gives(void **state)
{
	DIR *dir;
	struct dirent *de;
	size_t n, cases = 0, made = 0;

	(void)state;
	assert_non_null(dir = opendir(GOLDEN));
	while ((de = readdir(dir)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".cmd") != 0)
			continue;
		cases++;
		made += (size_t)golden_case(de->d_name);
	}
	closedir(dir);
	/* Most cases edit; some are refused, as the command line is. */
	assert_true(cases >= 140);
	assert_true(made >= cases / 2);
}

/* A timeline of n milestones "m1" to "mN", each of four lines. */
static char *
long_text(size_t n, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t i;

	assert_non_null(f = open_memstream(&buf, len));
	fputs("timeline: long\nmilestones:\n", f);
	for (i = 1; i <= n; i++)
		fprintf(f, "  - id: m%zu\n    title: Milestone %zu\n"
		    "    date: 2027-05\n    # %zu\n", i, i, i);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void
region_of_a_long_file_is_the_lines_around_the_edit(void **state)
{
	struct tl_edit_options opts;
	struct tl_edit_region r;
	const struct tl_milestone *m;
	struct tl_set *set;
	char why[TL_WHY_SIZE], suggest[64];
	size_t len;
	char *text = long_text(5000, &len);
	int in = temp_file(text, len), to = temp_file("", 0);

	(void)state;
	assert_non_null(set = load("long.yaml", text, len));
	assert_int_equal(tl_edit_find(set, "m2500", &m, suggest,
	    sizeof(suggest)), 0);
	tl_edit_options_init(&opts, TL_EDIT_OPTIONS_VERSION);
	opts.today = tl_day_from_ymd(2026, 11, 24);
	opts.when = "2028-01";
	assert_int_equal(tl_edit_file(set, m, in, &opts, to, &r, why), 0);
	/* The milestone's lines, and five around them. */
	assert_true(r.waslen < 400);
	assert_true(r.start > len / 3);
	assert_int_equal(r.line, r.diff_line);
	assert_int_equal(r.line, 2 + 2499 * 4 + 3 - 5);
	assert_int_equal(compare_edits("long.yaml", text, len, set, m,
	    &opts), 1);
	tl_edit_region_dispose(&r);
	tl_set_free(set);
	free(text);
	close(in);
	close(to);
}

/*
 * A strip indicator that would take a description's final line break
 * changes a value the edit keeps: the edit is refused, not written.
 */
static void
edit_that_changes_a_kept_value_is_refused(void **state)
{
	static const char text[] = "timeline: alpha\nmilestones:\n"
	    "  - id: a\n    title: A\n    start: 2027-05\n"
	    "    description: |\n      text\n    end: 2027-06 # c";
	struct tl_edit_options opts;
	struct tl_edit_region r;
	const struct tl_milestone *m;
	struct tl_set *set;
	char why[TL_WHY_SIZE], suggest[64];
	size_t len = sizeof(text) - 1;
	int in = temp_file(text, len), to = temp_file("", 0);

	(void)state;
	assert_non_null(set = load("kept.yaml", text, len));
	assert_int_equal(tl_edit_find(set, "a", &m, suggest,
	    sizeof(suggest)), 0);
	tl_edit_options_init(&opts, TL_EDIT_OPTIONS_VERSION);
	opts.today = tl_day_from_ymd(2026, 11, 24);
	opts.when = "2028-01";
	assert_int_equal(tl_edit_file(set, m, in, &opts, to, &r, why),
	    TL_EINVAL);
	assert_string_equal(why, TL_EDIT_NOT_PLACED);
	assert_null(r.was);
	assert_null(r.now);
	tl_set_free(set);
	close(in);
	close(to);
}

/*
 * Without an output file, the edit is checked and its region made all
 * the same, and the set loaded from the old file and the region is the
 * one loaded from the new text.
 */
static void
edit_without_output_loads_from_the_region(void **state)
{
	struct tl_edit_options opts;
	struct tl_edit_region r, w, w2;
	const struct tl_milestone *m, *n;
	struct tl_set *set, *a1 = NULL, *a2 = NULL;
	struct tl_diags *diags;
	char why[TL_WHY_SIZE], suggest[64];
	size_t len;
	char *text = long_text(300, &len);
	int in = temp_file(text, len), to = temp_file("", 0), ro;

	(void)state;
	assert_non_null(set = load("long.yaml", text, len));
	assert_int_equal(tl_edit_find(set, "m150", &m, suggest,
	    sizeof(suggest)), 0);
	tl_edit_options_init(&opts, TL_EDIT_OPTIONS_VERSION);
	opts.today = tl_day_from_ymd(2026, 11, 24);
	opts.when = "2028-01";
	assert_int_equal(tl_edit_file(set, m, in, &opts, -1, &r, why), 0);
	assert_int_equal(tl_edit_file(set, m, in, &opts, to, &w, why), 0);
	assert_int_equal(r.start, w.start);
	assert_int_equal(r.nowlen, w.nowlen);
	assert_memory_equal(r.now, w.now, r.nowlen);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_edit_reload_region(set, "long.yaml", in, &r, &a1,
	    diags), 0);
	assert_int_equal(tl_edit_reload_fd(set, "long.yaml", to, &a2,
	    diags), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	assert_int_equal(tl_edit_verify(m, a1, &opts, why), 0);
	assert_int_equal(tl_edit_find(a1, "m150", &n, suggest,
	    sizeof(suggest)), 0);
	assert_int_equal(tl_milestone_history_count(n), 1);
	assert_int_equal(tl_set_count(a1), tl_set_count(a2));
	tl_set_free(a2);
	/* A new text that cannot be written is told from a file that
	 * cannot be read. */
	snprintf(suggest, sizeof(suggest), "/proc/self/fd/%d", to);
	if ((ro = open(suggest, O_RDONLY)) >= 0) {
		assert_int_equal(tl_edit_file(set, m, in, &opts, ro, &w2,
		    why), TL_EIO);
		assert_string_equal(why, TL_EDIT_NOT_WRITTEN);
		close(ro);
	}
	/* A region that does not fit the file is refused. */
	w.start = len;
	assert_int_equal(tl_edit_reload_region(set, "long.yaml", in, &w, &a2,
	    diags), TL_EINVAL);
	assert_null(a2);
	tl_edit_region_dispose(&r);
	tl_edit_region_dispose(&w);
	tl_set_free(a1);
	tl_diags_free(diags);
	tl_set_free(set);
	free(text);
	close(in);
	close(to);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    golden_edits_write_what_the_text_in_memory_gives),
		cmocka_unit_test(
		    region_of_a_long_file_is_the_lines_around_the_edit),
		cmocka_unit_test(edit_that_changes_a_kept_value_is_refused),
		cmocka_unit_test(edit_without_output_loads_from_the_region),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
