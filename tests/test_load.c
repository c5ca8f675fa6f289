/*
 * Tests of loading and checking one file (src/load.c, src/check.c): the
 * diagnostics' codes and positions, every problem reported in one run,
 * and hostile input refused quickly and without a crash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "pipeline.h"
#include "set_internal.h"

/* The date and the noted day of history entry i of m. */
static const char *
history_date(const struct tl_milestone *m, size_t i)
{
	struct tl_history h;

	tl_milestone_history(m, i, &h);
	return h.date;
}

static int32_t
history_noted(const struct tl_milestone *m, size_t i)
{
	struct tl_history h;

	tl_milestone_history(m, i, &h);
	return h.noted;
}

/* A set and its diagnostics, made fresh for each test. */
struct fixture {
	struct tl_set *set;
	struct tl_diags *diags;
};

/*
 * Read errors.  This test links with --wrap=read, so the library's
 * reads of files come here: past fail_from bytes (when it is not -1)
 * they fail as a failing disk would, and with interrupt set every other
 * read is interrupted by a signal first (EINTR), as a host program's
 * timer without SA_RESTART does.  The test's state, not the library's.
 */
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);

static off_t fail_from = -1;
static off_t bytes_read;
static int interrupt, interrupted;

ssize_t
__wrap_read(int fd, void *buf, size_t n)
{
	ssize_t got;

	if (interrupt && (interrupted = !interrupted)) {
		errno = EINTR;
		return -1;
	}
	if (fail_from >= 0 && bytes_read + (off_t)n > fail_from) {
		errno = EIO;
		return -1;
	}
	if ((got = __real_read(fd, buf, n)) > 0)
		bytes_read += got;
	return got;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(tl_set_new(&f->set), 0);
	assert_int_equal(tl_diags_new(&f->diags), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tl_set_free(f->set);
	tl_diags_free(f->diags);
	free(f);
	return 0;
}

/* Loads text as the file "t.yaml" and sorts the diagnostics. */
static void
load(struct fixture *f, const char *text)
{
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", text,
	    strlen(text), f->diags), 0);
	tl_diags_sort(f->diags);
}

/* Loads text and resolves the set: ids used twice are found then. */
static void
load_resolved(struct fixture *f, const char *text)
{
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", text,
	    strlen(text), f->diags), 0);
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	tl_diags_sort(f->diags);
}

/* Prints every diagnostic, to explain a failure. */
static void
dump(const struct tl_diags *diags)
{
	char line[2048];
	size_t i;

	for (i = 0; i < tl_diags_count(diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		print_message("  [%s] %s\n", tl_diags_get(diags, i)->code, line);
	}
}

/* Asserts that diagnostic i has this level, code and position. */
static void
assert_diag(const struct tl_diags *diags, size_t i, enum tl_level level,
    const char *code, uint32_t line, uint32_t col)
{
	const struct tl_diag *d;

	if (i >= tl_diags_count(diags)) {
		dump(diags);
		fail_msg("no diagnostic %zu (of %zu)", i, tl_diags_count(diags));
	}
	d = tl_diags_get(diags, i);
	if (d->level != level || strcmp(d->code, code) != 0 ||
	    d->line != line || d->col != col) {
		dump(diags);
		fail_msg("diagnostic %zu is [%s] at %u:%u, want [%s] at %u:%u",
		    i, d->code, (unsigned)d->line, (unsigned)d->col, code,
		    (unsigned)line, (unsigned)col);
	}
}

static void
assert_count(const struct tl_diags *diags, size_t n)
{
	if (tl_diags_count(diags) != n) {
		dump(diags);
		fail_msg("%zu diagnostics, want %zu", tl_diags_count(diags), n);
	}
}

/* Asserts that the message of diagnostic i holds text. */
static void
assert_message_has(const struct tl_diags *diags, size_t i, const char *text)
{
	const char *m = tl_diags_get(diags, i)->message;

	if (strstr(m, text) == NULL)
		fail_msg("message '%s' lacks '%s'", m, text);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A growable string, for generated input. */
struct text {
	char *s;
	size_t len, cap;
};

static void
text_add(struct text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void
text_puts(struct text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

static void
text_repeat(struct text *t, char c, size_t n)
{
	while (n-- > 0)
		text_add(t, &c, 1);
}

#define HEAD "timeline: demo\nmilestones:\n"

/*
 * A '#' right after a closing quote is found by its place in the text,
 * which libyaml gives in characters after a BOM, not in bytes: in a
 * file of several chunks, past characters of two, three and four bytes
 * and a BOM, each one is warned of where it stands, and a '#' inside
 * quotes is not.
 */
static void
load_finds_a_hash_after_a_quote_past_any_characters(void **state)
{
	struct fixture *f = *state;
	struct text t = { NULL, 0, 0 };
	const struct tl_diag *d;
	char line[160];
	size_t i, warned = 0, want = 0;

	text_puts(&t, "\xef\xbb\xbf" HEAD);
	for (i = 0; i < 3000; i++) {
		snprintf(line, sizeof(line), "  - id: m%zu\n    title: "
		    "\"Caf\xc3\xa9 \xe6\x97\xa5\xf0\x9f\x9a\x80 '#%zu\"%s\n"
		    "    date: 2026\n", i, i, i % 97 == 0 ? "#x" : "");
		text_puts(&t, line);
		want += i % 97 == 0;
	}
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", t.s, t.len,
	    f->diags), 0);
	for (i = 0; i < tl_diags_count(f->diags); i++) {
		d = tl_diags_get(f->diags, i);
		assert_string_equal(d->code, "comment");
		/* Milestone k's title is line 4 + 3k; its '#' stands
		 * after the quotes, the 7 characters between and k. */
		assert_true(d->line >= 4 && (d->line - 4) % 3 == 0);
		assert_int_equal((d->line - 4) / 3 % 97, 0);
		assert_int_equal(d->col, 24 + (unsigned)snprintf(line,
		    sizeof(line), "%u", (unsigned)(d->line - 4) / 3));
		warned++;
	}
	assert_int_equal(warned, want);
	free(t.s);
}

/*
 * A file that is no timeline gets one error, not one for each anchor
 * of the other tool's; another set's diagnostics in the same list, of
 * a file with the same index, are kept.
 */
static void
load_says_once_that_a_file_is_no_timeline(void **state)
{
	static const char mine[] = HEAD "  - &x {id: a, title: A, date: "
	    "2026}\n";
	static const char theirs[] = "job: &d\n  image: x\nother:\n  <<: "
	    "*d\n  script: make\n";
	struct fixture *f = *state;
	struct tl_set *other;

	assert_int_equal(tl_set_load_buffer(f->set, "mine.yaml", mine,
	    strlen(mine), f->diags), 0);
	assert_int_equal(tl_set_new(&other), 0);
	assert_int_equal(tl_set_load_buffer(other, "theirs.yaml", theirs,
	    strlen(theirs), f->diags), 0);
	tl_set_free(other);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 2);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "anchor", 3, 5);
	assert_string_equal(tl_diags_get(f->diags, 0)->file, "mine.yaml");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "not-a-timeline", 1, 1);
	assert_int_equal(tl_diags_errors(f->diags), 2);
}

/*
 * The hints that look back over the text read (a '#' after a closing
 * brace, a block that ends early) hold whatever the file's size: the
 * end of the input keeps the text before it, at every size around the
 * reader's chunks, and an error on the last line says nothing follows.
 */
static void
load_hints_hold_at_chunk_boundaries(void **state)
{
	static const char hash_tail[] = "milestones:\n  - {id: b, title: B, "
	    "date: 2026}#x\n";
	static const char key_tail[] = "milestones:\n  - id: a\n    title: "
	    "A\n    date: 2026\n    description: |\n    Text at the key.\n"
	    "    noted: 2025-12-01\n";
	const char *tails[] = { hash_tail, key_tail };
	struct fixture *f = *state;
	struct text t;
	size_t size, k, i;
	const char *m;

	for (k = 0; k < 2; k++)
		for (size = 16370; size < 32800; size += size < 16420 ?
		    1 : size < 32750 ? 16350 : 1) {
			memset(&t, 0, sizeof(t));
			text_puts(&t, "timeline: t\n#");
			text_repeat(&t, 'p', size - t.len - strlen(tails[k]) -
			    1);
			text_puts(&t, "\n");
			text_puts(&t, tails[k]);
			tl_diags_free(f->diags);
			tl_set_free(f->set);
			assert_int_equal(tl_set_new(&f->set), 0);
			assert_int_equal(tl_diags_new(&f->diags), 0);
			assert_int_equal(tl_set_load_buffer(f->set, "t.yaml",
			    t.s, t.len, f->diags), 0);
			for (i = 0; i < tl_diags_count(f->diags); i++) {
				m = tl_diags_get(f->diags, i)->message;
				if (strstr(m, k == 0 ? "right after the closing"
				    : "must be indented more") != NULL)
					break;
				assert_null(strstr(m, "not read"));
			}
			if (i == tl_diags_count(f->diags)) {
				dump(f->diags);
				fail_msg("no hint at %zu bytes", size);
			}
			assert_null(strstr(m, "not read"));
			free(t.s);
		}
}

static void
load_reads_a_whole_milestone(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;
	const struct tl_timeline *t;

	load(f, "timeline: demo\n"
	    "title: Demo\n"
	    "description: About it.\n"
	    "url: https://example.org\n"
	    "milestones:\n"
	    "  - id: a\n"
	    "    title: A\n"
	    "    date: ~2026-Q3\n"
	    "    status: at-risk\n"
	    "    tags: [x, y]\n"
	    "    links: [https://lwn.net/]\n"
	    "    location: Tokyo\n"
	    "    description: \"one\\ttwo\\n\"\n"
	    "    noted: 2025-12-16\n"
	    "    history:\n"
	    "      - date: 2026-05\n"
	    "        noted: 2025-01-02\n"
	    "      - date: 2026-Q2\n");
	assert_count(f->diags, 0);
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	assert_int_equal(tl_set_count(f->set), 1);
	m = tl_set_milestone(f->set, 0);
	assert_string_equal(tl_milestone_id(m), "a");
	assert_string_equal(tl_milestone_title(m), "A");
	assert_string_equal(tl_milestone_date(m), "~2026-Q3");
	assert_int_equal(tl_milestone_date_kind(m), TL_DATE_PLAIN);
	assert_int_equal(tl_milestone_status(m), TL_STATUS_AT_RISK);
	assert_int_equal(tl_milestone_tag_count(m), 2);
	assert_string_equal(tl_milestone_tag(m, 1), "y");
	assert_int_equal(tl_milestone_link_count(m), 1);
	assert_string_equal(tl_milestone_link(m, 0), "https://lwn.net/");
	assert_string_equal(tl_milestone_location(m), "Tokyo");
	assert_string_equal(tl_milestone_description(m), "one\ttwo\n");
	assert_int_equal(tl_milestone_noted(m), tl_day_from_ymd(2025, 12, 16));
	assert_int_equal(tl_milestone_history_count(m), 2);
	assert_string_equal(history_date(m, 0), "2026-05");
	assert_int_equal(history_noted(m, 0), tl_day_from_ymd(2025, 1, 2));
	assert_string_equal(history_date(m, 1), "2026-Q2");
	assert_int_equal(history_noted(m, 1), TL_DAY_NONE);
	assert_int_equal(tl_milestone_time(m), -1);
	assert_null(tl_milestone_timezone(m));
	assert_int_equal(tl_milestone_line(m), 6);
	assert_int_equal(tl_milestone_col(m), 9);
	assert_int_equal(tl_milestone_window(m)->start,
	    tl_day_from_ymd(2026, 7, 1));
	assert_int_equal(tl_milestone_window(m)->end,
	    tl_day_from_ymd(2026, 9, 30));
	assert_true(tl_milestone_window(m)->flags & TL_WIN_APPROX);
	assert_int_equal(tl_set_timeline_count(f->set), 1);
	t = tl_set_timeline(f->set, 0);
	assert_string_equal(t->name, "demo");
	assert_string_equal(t->title, "Demo");
	assert_string_equal(t->description, "About it.");
	assert_string_equal(t->url, "https://example.org");
	assert_string_equal(t->file, "t.yaml");
	assert_ptr_equal(tl_milestone_timeline(m), t);
}

static void
load_reads_scalars_as_text(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;

	load(f, "timeline: 2026\nmilestones:\n"
	    "  - id: 2026\n    title: 123\n    date: 2026\n"
	    "    tags: [007, 1e3]\n    location: null\n");
	/* Kept as the text it is, with a warning: YAML means no value;
	 * and the tags that libraries read as numbers, with one each.
	 * 2026 and 123 come back from them as they are: none. */
	assert_count(f->diags, 3);
	assert_diag(f->diags, 0, TL_LEVEL_WARNING, "typed-text", 6, 12);
	assert_diag(f->diags, 1, TL_LEVEL_WARNING, "typed-text", 6, 17);
	assert_diag(f->diags, 2, TL_LEVEL_WARNING, "null-text", 7, 15);
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	m = tl_set_milestone(f->set, 0);
	assert_string_equal(tl_milestone_timeline(m)->name, "2026");
	assert_string_equal(tl_milestone_id(m), "2026");
	assert_string_equal(tl_milestone_title(m), "123");
	assert_string_equal(tl_milestone_date(m), "2026");
	assert_string_equal(tl_milestone_tag(m, 0), "007");
	assert_string_equal(tl_milestone_tag(m, 1), "1e3");
	assert_string_equal(tl_milestone_location(m), "null");
	assert_int_equal(tl_milestone_window(m)->precision, TL_PREC_YEAR);
}

static void
load_takes_text_without_a_terminating_nul(void **state)
{
	struct fixture *f = *state;
	const char text[] = HEAD "  - id: a\n    title: A\n    date: 2027\n"
	    "GARBAGE: [";

	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", text,
	    strlen(text) - strlen("GARBAGE: ["), f->diags), 0);
	assert_count(f->diags, 0);
	assert_int_equal(tl_set_count(f->set), 1);
}

static void
load_reports_unknown_key_at_the_key_with_a_suggestion(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    titel: A\n    date: 2027\n"
	    "    priority: high\n");
	assert_count(f->diags, 3);
	/* The missing title at the start of the mapping, the keys at
	 * themselves. */
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "missing-key", 3, 5);
	assert_message_has(f->diags, 0, "'title'");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "unknown-key", 4, 5);
	assert_message_has(f->diags, 1, "unknown key 'titel'");
	assert_message_has(f->diags, 1, "(did you mean 'title'?)");
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "unknown-key", 6, 5);
	assert_null(strstr(tl_diags_get(f->diags, 2)->message, "did you"));
}

static void
load_takes_a_key_written_in_capitals_for_the_key(void **state)
{
	struct fixture *f = *state;

	/* One mistake, one error: 'Title' is not reported missing too. */
	load(f, HEAD "  - id: a\n    Title: A\n    date: 2027\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "unknown-key", 4, 5);
	assert_message_has(f->diags, 0, "(did you mean 'title'?)");
}

static void
load_reports_value_problems_at_the_value(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: A\n    date: 2026-02-30\n"
	    "    status: don\n    links: [ftp://x.org]\n");
	assert_count(f->diags, 3);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "date", 5, 11);
	assert_message_has(f->diags, 0, "'2026-02-30'");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "status", 6, 13);
	assert_message_has(f->diags, 1, "did you mean 'done'");
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "url", 7, 13);
	assert_message_has(f->diags, 2, "ftp://x.org");
}

static void
load_reports_repeated_key_and_key_without_value(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: A\n    title: B\n"
	    "    date: 2027\n    location:\n");
	assert_count(f->diags, 2);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "duplicate-key", 5, 5);
	assert_message_has(f->diags, 0, "(first at 4:5)");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "no-value", 7, 5);
}

static void
load_reports_wrong_kinds_of_value(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: {x: y}\n    date: 2027\n"
	    "    tags: rust\n    location: [a]\n");
	assert_count(f->diags, 3);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "kind", 4, 12);
	assert_message_has(f->diags, 0, "mapping");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "kind", 6, 11);
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "kind", 7, 15);
}

static void
load_reports_every_problem_in_one_run(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *code;
		uint32_t line, col;
	} want[] = {
		{ "slug", 1, 11 },		/* timeline: Demo */
		{ "unknown-key", 2, 1 },	/* titel */
		{ "missing-key", 4, 5 },	/* no title */
		{ "slug", 4, 9 },		/* id: Bad_Id */
		{ "date", 5, 11 },		/* 2026-13 */
		{ "control", 6, 15 },		/* location with ESC */
		{ "empty", 9, 12 },		/* title: "" */
		{ "range", 11, 10 },		/* end before start */
		{ "missing-key", 12, 5 },	/* time without a zone */
		{ "duplicate-id", 12, 9 },	/* a second 'ok' */
	};
	size_t i;

	load_resolved(f, "timeline: Demo\n"
	    "titel: x\n"
	    "milestones:\n"
	    "  - id: Bad_Id\n"
	    "    date: 2026-13\n"
	    "    location: \"a\\eb\"\n"
	    "    tags: [ok]\n"
	    "  - id: ok\n"
	    "    title: \"\"\n"
	    "    start: 2027-Q3\n"
	    "    end: 2027-Q1\n"
	    "  - id: ok\n"
	    "    title: Again\n"
	    "    date: 2027-01-10\n"
	    "    time: \"09:30\"\n");
	assert_count(f->diags, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_diag(f->diags, i, TL_LEVEL_ERROR, want[i].code,
		    want[i].line, want[i].col);
}

static void
load_reports_milestone_problems_at_the_id(void **state)
{
	struct fixture *f = *state;

	load_resolved(f, HEAD "  - id: a\n    title: A\n    date: 2027\n"
	    "  - {id: a, title: B, date: 2028}\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "duplicate-id", 6, 10);
	assert_message_has(f->diags, 0, "first defined at t.yaml:3:9");
}

static void
load_refuses_deep_flow_nesting_quickly(void **state)
{
	struct fixture *f = *state;
	struct text t = { NULL, 0, 0 };
	struct timespec t0;

	text_puts(&t, "timeline: demo\nmilestones: []\nx: ");
	text_repeat(&t, '[', 100000);
	text_repeat(&t, ']', 100000);
	text_puts(&t, "\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", t.s, t.len,
	    f->diags), 0);
	if (seconds_since(&t0) > 2.0)
		fail_msg("took %.1f s", seconds_since(&t0));
	/* The root is level 1, x's value level 2: the 64th '[' is the
	 * 65th level, at column 4 + 63. */
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-deep", 3, 67);
	free(t.s);
}

static void
load_accepts_nesting_of_64_levels(void **state)
{
	struct fixture *f = *state;
	struct text t = { NULL, 0, 0 };

	/* The root and 63 sequences: deep, but allowed (and unknown). */
	text_puts(&t, "timeline: demo\nmilestones: []\nx: ");
	text_repeat(&t, '[', 63);
	text_repeat(&t, ']', 63);
	text_puts(&t, "\n");
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", t.s, t.len,
	    f->diags), 0);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "unknown-key", 3, 1);
	free(t.s);
}

static void
load_refuses_an_alias_bomb(void **state)
{
	struct fixture *f = *state;
	struct text t = { NULL, 0, 0 };
	struct timespec t0;
	char line[64];
	size_t i, aliases = 0, anchors = 0;
	int level, j;

	/* Ten levels of nine aliases: 9^10 strings if expanded. */
	text_puts(&t, "timeline: demo\nl0: &l0 [lol, lol, lol, lol, lol, "
	    "lol, lol, lol, lol]\n");
	for (level = 1; level < 10; level++) {
		snprintf(line, sizeof(line), "l%d: &l%d [", level, level);
		text_puts(&t, line);
		for (j = 0; j < 9; j++) {
			snprintf(line, sizeof(line), "%s*l%d", j ? ", " : "",
			    level - 1);
			text_puts(&t, line);
		}
		text_puts(&t, "]\n");
	}
	text_puts(&t, "milestones: *l9\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", t.s, t.len,
	    f->diags), 0);
	if (seconds_since(&t0) > 2.0)
		fail_msg("took %.1f s", seconds_since(&t0));
	for (i = 0; i < tl_diags_count(f->diags); i++) {
		const char *code = tl_diags_get(f->diags, i)->code;
		if (strcmp(code, "alias") == 0)
			aliases++;
		else if (strcmp(code, "anchor") == 0)
			anchors++;
	}
	assert_int_equal(anchors, 10);
	assert_int_equal(aliases, 9 * 9 + 1);
	assert_int_equal(tl_set_count(f->set), 0);
	free(t.s);
}

static void
load_refuses_a_50_megabyte_title(void **state)
{
	struct fixture *f = *state;
	struct text t = { NULL, 0, 0 };
	size_t n = 50u * 1024 * 1024;

	text_puts(&t, HEAD "  - id: a\n    title: ");
	t.s = realloc(t.s, t.len + n + 64);
	assert_non_null(t.s);
	t.cap = t.len + n + 64;
	memset(t.s + t.len, 'x', n);
	t.len += n;
	t.s[t.len] = '\0';
	text_puts(&t, "\n    date: 2027\n");
	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", t.s, t.len,
	    f->diags), 0);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-long", 4, 12);
	assert_message_has(f->diags, 0, "too long");
	free(t.s);
}

static void
load_refuses_invalid_utf8(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: caf\xe9!\n    date: 2027\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "encoding", 4, 15);
}

static void
load_refuses_invalid_utf8_in_a_quoted_value(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: \"\xc3\"\n    date: 2027\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "encoding", 4, 13);
}

static void
load_does_not_count_a_bom_as_a_column(void **state)
{
	struct fixture *f = *state;

	load(f, "\xef\xbb\xbftimeline: d\xffmo\nmilestones: []\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "encoding", 1, 12);
}

static void
load_does_not_count_a_bom_as_a_column_in_a_file(void **state)
{
	struct fixture *f = *state;
	char path[] = "/tmp/test_load.XXXXXX";
	static const char text[] = "\xef\xbb\xbftimeline: d\xffmo\n"
	    "milestones: []\n";
	FILE *fp;
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(text, 1, sizeof(text) - 1, fp),
	    sizeof(text) - 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(tl_set_load_path(f->set, path, f->diags), 0);
	unlink(path);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "encoding", 1, 12);
}

static void
load_places_encoding_errors_read_from_a_pipe(void **state)
{
	struct fixture *f = *state;
	static const char text[] = HEAD "  - id: a\n    title: caf\xe9!\n"
	    "    date: 2027\n";
	char path[64];
	int fds[2];

	/* A pipe cannot be read twice: /dev/stdin fed by a shell. */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, sizeof(text) - 1),
	    (ssize_t)(sizeof(text) - 1));
	close(fds[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	assert_int_equal(tl_set_load_path(f->set, path, f->diags), 0);
	close(fds[0]);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "encoding", 4, 15);
}

/*
 * Input read once (a pipe) is counted in lines as it passes: LF, CR LF
 * and a lone CR each end a line, also when a CR LF is split between two
 * reads.  n lines of each kind come before a bad byte; n steps over a
 * CR LF's length, so that reads end at every place of one.
 */
static void
load_counts_lines_of_a_long_pipe(void **state)
{
	struct fixture *f = *state;
	char *text, path[64];
	size_t len, n, i;
	int fds[2], status;
	FILE *fp;
	pid_t pid;

	for (n = 3000; n < 3012; n++) {
		assert_non_null(fp = open_memstream(&text, &len));
		fputs(HEAD, fp);
		for (i = 0; i < n; i++)
			fputs("# caf\xc3\xa9 \xe6\x9d\xb1 lf\n", fp);
		for (i = 0; i < n; i++)
			fputs("# crlf\r\n", fp);
		for (i = 0; i < n; i++)
			fputs("# cr\r", fp);
		fputs("  - id: a\n    title: caf\xe9!\n    date: 2027\n", fp);
		assert_int_equal(fclose(fp), 0);
		assert_true(len > 3 * 16384);
		/* More than a pipe holds: a child writes it. */
		assert_int_equal(pipe(fds), 0);
		assert_true((pid = fork()) >= 0);
		if (pid == 0) {
			close(fds[0]);
			_exit(write(fds[1], text, len) == (ssize_t)len ? 0 : 1);
		}
		close(fds[1]);
		snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
		tl_diags_free(f->diags);
		assert_int_equal(tl_diags_new(&f->diags), 0);
		assert_int_equal(tl_set_load_path(f->set, path, f->diags), 0);
		close(fds[0]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		free(text);
		/* The lone CRs, not a CR LF split between reads, draw the
		 * warning of mixed line ends, at the first of them. */
		tl_diags_sort(f->diags);
		assert_count(f->diags, 2);
		assert_diag(f->diags, 0, TL_LEVEL_ERROR, "encoding",
		    (uint32_t)(3 * n + 4), 15);
		assert_diag(f->diags, 1, TL_LEVEL_WARNING, "line-end",
		    (uint32_t)(2 * n + 3), 5);
	}
}

static void
load_counts_columns_in_characters(void **state)
{
	struct fixture *f = *state;

	/* Two-byte, three-byte and four-byte characters before the date. */
	load(f, HEAD "  - {title: \"é東🦀\", id: a, date: 2026-13}\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "date", 3, 33);
}

static void
load_refuses_control_characters(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: \"a\\tb\"\n    date: 2027\n"
	    "    location: \"\\u202e\"\n"
	    "    description: \"tab\\tnewline\\n ok, \\x85 not\"\n");
	assert_count(f->diags, 3);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "control", 4, 12);
	assert_message_has(f->diags, 0, "U+0009");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "control", 6, 15);
	assert_message_has(f->diags, 1, "U+202E");
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "control", 7, 18);
	assert_message_has(f->diags, 2, "U+0085");
}

static void
load_refuses_anchors_aliases_and_tags(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: &t A\n    date: !!str 2027\n"
	    "  - id: b\n    title: *t\n    date: !foo 2027\n");
	assert_count(f->diags, 4);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "anchor", 4, 12);
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "tag", 5, 11);
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "alias", 7, 12);
	assert_diag(f->diags, 3, TL_LEVEL_ERROR, "tag", 8, 11);
	assert_message_has(f->diags, 3, "'!foo'");
}

static void
load_names_a_tag_as_written(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: !!str A\n    date: 2027\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "tag", 4, 12);
	assert_message_has(f->diags, 0, "'!!str'");
}

static void
load_refuses_empty_files_and_second_documents(void **state)
{
	struct fixture *f = *state;

	load(f, "");
	assert_count(f->diags, 1);
	assert_int_equal(tl_diags_get(f->diags, 0)->level, TL_LEVEL_ERROR);
	assert_string_equal(tl_diags_get(f->diags, 0)->code, "empty");
	assert_int_equal(tl_diags_errors(f->diags), 1);

	load(f, "# only a comment\n");
	assert_count(f->diags, 2);
	assert_string_equal(tl_diags_get(f->diags, 1)->code, "empty");

	load(f, "timeline: x\nmilestones: []\n---\ntimeline: y\n"
	    "milestones: []\n");
	assert_count(f->diags, 3);
	assert_diag(f->diags, 2, TL_LEVEL_ERROR, "documents", 3, 1);
}

static void
load_refuses_a_top_level_that_is_not_a_mapping(void **state)
{
	struct fixture *f = *state;

	load(f, "- a\n- b\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "kind", 1, 1);
}

static void
load_refuses_utf16(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "\xff\xfet\0i\0m\0e\0:\0 \0x\0\n\0";

	assert_int_equal(tl_set_load_buffer(f->set, "t.yaml", text,
	    sizeof(text) - 1, f->diags), 0);
	assert_count(f->diags, 1);
	assert_string_equal(tl_diags_get(f->diags, 0)->code, "encoding");
	assert_message_has(f->diags, 0, "UTF-8");
}

static void
load_reports_libyaml_problems_with_their_position(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: \"unclosed\n    date: 2027\n");
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "yaml", 6, 1);
	assert_message_has(f->diags, 0, "quoted scalar");
}

static void
load_reports_time_and_zone_problems_together(void **state)
{
	struct fixture *f = *state;

	load(f, HEAD "  - id: a\n    title: A\n    date: 2027-01-10\n"
	    "    time: \"25:00\"\n    timezone: Nowhere/Zone\n");
	assert_count(f->diags, 2);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "time", 6, 11);
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "timezone", 7, 15);
}

static void
load_reads_time_and_zone(void **state)
{
	struct fixture *f = *state;
	const struct tl_milestone *m;

	load(f, HEAD "  - id: a\n    title: A\n    date: 2027-10-31\n"
	    "    time: \"02:30\"\n    timezone: Europe/Berlin\n");
	/* The hour that occurs twice: a warning at the id, as every
	 * warning of a milestone; the first is meant. */
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_WARNING, "time-fold", 3, 9);
	assert_int_equal(tl_diags_errors(f->diags), 0);
	assert_int_equal(tl_diags_warnings(f->diags), 1);
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	m = tl_set_milestone(f->set, 0);
	assert_int_equal(tl_milestone_time(m), 2 * 60 + 30);
	assert_string_equal(tl_milestone_timezone(m), "Europe/Berlin");
}

static void
load_reads_a_file_once_under_any_name(void **state)
{
	struct fixture *f = *state;
	char dir[] = "/tmp/test_load.XXXXXX", path[128], other[160];
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.yaml", dir);
	snprintf(other, sizeof(other), "%s/./a.yaml", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs(HEAD "  - id: a\n    title: A\n    date: 2027\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(tl_set_load_path(f->set, path, f->diags), 0);
	assert_int_equal(tl_set_load_path(f->set, other, f->diags), 0);
	assert_int_equal(tl_set_load_path(f->set, dir, f->diags), 0);
	assert_int_equal(tl_set_file_count(f->set), 1);
	assert_count(f->diags, 0);
	assert_int_equal(tl_set_count(f->set), 1);
	unlink(path);
	rmdir(dir);
}

static void
load_reports_missing_paths_and_empty_directories(void **state)
{
	struct fixture *f = *state;
	char dir[] = "/tmp/test_load.XXXXXX", hidden[128];
	FILE *fp;

	assert_int_equal(tl_set_load_path(f->set, "/nonexistent/x.yaml",
	    f->diags), TL_ENOENT);
	assert_count(f->diags, 1);
	assert_string_equal(tl_diags_get(f->diags, 0)->code, "file");
	assert_int_equal(tl_diags_get(f->diags, 0)->line, 0);

	/* A directory whose only timeline file is hidden holds none. */
	assert_non_null(mkdtemp(dir));
	snprintf(hidden, sizeof(hidden), "%s/.hidden.yaml", dir);
	assert_non_null(fp = fopen(hidden, "w"));
	fputs("timeline: x\nmilestones: []\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(tl_set_load_path(f->set, dir, f->diags), TL_ENOENT);
	assert_count(f->diags, 2);
	assert_string_equal(tl_diags_get(f->diags, 1)->file, dir);
	assert_int_equal(tl_set_file_count(f->set), 0);
	unlink(hidden);
	rmdir(dir);
}

static void
load_quotes_untrusted_text_in_messages(void **state)
{
	struct fixture *f = *state;
	const char *m;

	load(f, HEAD "  - id: \"a\\e[31mb\\u202e\"\n    title: A\n"
	    "    date: 2027\n");
	assert_count(f->diags, 1);
	m = tl_diags_get(f->diags, 0)->message;
	assert_null(strchr(m, '\x1b'));
	assert_null(strstr(m, "\xe2\x80\xae"));
	assert_non_null(strstr(m, "\\x1b"));
	assert_non_null(strstr(m, "\\u{202e}"));
}

static void
load_quotes_invisible_characters_in_values(void **state)
{
	struct fixture *f = *state;
	const char *m;

	/* A value that looks right but for what cannot be seen. */
	load(f, HEAD "  - id: a\n    title: A\n"
	    "    date: \"2027\\u00a0\\u200b\\ufeff\\u00e9\"\n");
	assert_count(f->diags, 1);
	m = tl_diags_get(f->diags, 0)->message;
	assert_null(strstr(m, "\xc2\xa0"));
	assert_null(strstr(m, "\xe2\x80\x8b"));
	assert_null(strstr(m, "\xef\xbb\xbf"));
	assert_non_null(strstr(m, "'2027\\u{00a0}\\u{200b}\\u{feff}\xc3\xa9'"));
}

static void
load_quotes_file_names_in_messages(void **state)
{
	struct fixture *f = *state;
	static const char name[] = "a\x1b[31m\nb.yaml";
	static const char text[] = HEAD "  - id: x\n    title: X\n"
	    "    date: 2027\n  - id: x\n    title: Y\n    date: 2027\n";
	static const char other[] = "timeline: demo\nmilestones: []\n";
	size_t i;

	assert_int_equal(tl_set_load_buffer(f->set, name, text,
	    strlen(text), f->diags), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "c.yaml", other,
	    strlen(other), f->diags), 0);
	assert_int_equal(test_resolve(f->set, f->diags), 0);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 2);
	assert_string_equal(tl_diags_get(f->diags, 0)->code, "duplicate-id");
	assert_string_equal(tl_diags_get(f->diags, 1)->code,
	    "duplicate-timeline");
	/* The first definition's file is named in the message: escaped,
	 * like every untrusted text in a message. */
	for (i = 0; i < 2; i++) {
		const char *m = tl_diags_get(f->diags, i)->message;
		if (strchr(m, '\x1b') != NULL || strchr(m, '\n') != NULL)
			fail_msg("raw control character in '%s'", m);
		assert_message_has(f->diags, i, "a\\x1b[31m\\nb.yaml");
	}
}

/*
 * A diagnostic's file name is never shortened: a name of 3,000 bytes, of
 * bytes that are not UTF-8 too (four times as long escaped), is formatted
 * whole, and tl_diag_format() returns the whole line's length, as
 * snprintf does, when the buffer is too small.
 */
static void
load_formats_long_file_names_whole(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "timeline: demo\nmilestones:\n"
	    "  - {id: a, title: A, date: 2026-13}\n";
	char name[3001], want[3 * 4000], *line;
	const struct tl_diag *d;
	size_t i, n, at;

	for (i = 0; i < 3000; i++)
		name[i] = i % 3 == 2 ? '/' : i < 1500 ? 'd' : '\xff';
	name[3000] = '\0';
	assert_int_equal(tl_set_load_buffer(f->set, name, text,
	    strlen(text), f->diags), 0);
	assert_true(tl_diags_errors(f->diags) > 0);
	d = tl_diags_get(f->diags, 0);
	for (i = 0, at = 0; i < 3000; i++)
		at += (size_t)snprintf(want + at, sizeof(want) - at,
		    (unsigned char)name[i] == 0xff ? "\\xff" : "%c", name[i]);
	snprintf(want + at, sizeof(want) - at, ":3:29: error: ");
	n = tl_diag_format(NULL, 0, d);
	assert_true(n > strlen(want));
	line = malloc(n + 1);
	assert_non_null(line);
	assert_int_equal(tl_diag_format(line, n + 1, d), n);
	assert_int_equal(strlen(line), n);
	assert_memory_equal(line, want, strlen(want));
	/* Cut like snprintf: size - 1 bytes and a NUL. */
	assert_int_equal(tl_diag_format(line, 100, d), n);
	assert_int_equal(strlen(line), 99);
	assert_memory_equal(line, want, 99);
	free(line);
}

/* The note of diagnostic i of diags, formatted. */
static const char *
note_line(const struct tl_diags *diags, size_t i, char *buf, size_t size)
{
	tl_diag_format_note(buf, size, tl_diags_get(diags, i));
	return buf;
}

/*
 * A diagnostic that speaks of a second place carries it as a note, as a
 * compiler's: where a duplicate id, timeline or key was first given,
 * where an unclosed quote or '[' opens, which milestone is cancelled.
 * Notes travel with their diagnostic when the list is sorted, and a
 * note in another file names that file, escaped.
 */
static void
load_notes_point_to_the_other_place(void **state)
{
	struct fixture *f = *state;
	static const char one[] = "timeline: demo\nmilestones:\n"
	    "  - {id: a, title: A, date: 2026-01-01, status: cancelled}\n"
	    "  - {id: b, title: B, date: {after: a, offset: 1w}}\n"
	    "  - id: c\n    title: B\n    title: C\n    date: 2026-01-01\n";
	static const char two[] = "timeline: demo\nmilestones:\n"
	    "  - {id: x, title: X, date: 2026-02-01}\n";
	static const char quote[] = "timeline: q\nmilestones:\n"
	    "  - id: c\n    title: \"open\n    date: 2026-01-01\n";
	static const char list[] = "timeline: l\nmilestones:\n"
	    "  - id: c\n    title: C\n    date: [2026, 1\n";
	char buf[256];
	size_t n;

	assert_int_equal(tl_set_load_buffer(f->set, "one.yaml", one,
	    strlen(one), f->diags), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "t\x1bwo.yaml", two,
	    strlen(two), f->diags), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "quote.yaml", quote,
	    strlen(quote), f->diags), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "list.yaml", list,
	    strlen(list), f->diags), 0);
	assert_int_equal(tl_set_index(f->set, f->diags), 0);
	assert_int_equal(tl_set_resolve(f->set, f->diags), 0);
	assert_int_equal(tl_set_warn(f->set, tl_day_from_ymd(2025, 1, 1),
	    f->diags), 0);
	tl_diags_sort(f->diags);
	n = tl_diags_count(f->diags);
	assert_int_equal(n, 5);
	assert_string_equal(note_line(f->diags, 0, buf, sizeof(buf)),
	    "one.yaml:3:10: note: 'a' is cancelled");
	assert_int_equal(tl_diags_get(f->diags, 0)->level,
	    TL_LEVEL_WARNING);
	assert_string_equal(note_line(f->diags, 1, buf, sizeof(buf)),
	    "one.yaml:6:5: note: 'title' is first given here");
	assert_int_equal(tl_diags_get(f->diags, 1)->line, 7);
	assert_string_equal(note_line(f->diags, 2, buf, sizeof(buf)),
	    "one.yaml:1:11: note: timeline 'demo' is first defined here");
	assert_string_equal(tl_diags_get(f->diags, 2)->file, "t\x1bwo.yaml");
	assert_string_equal(note_line(f->diags, 3, buf, sizeof(buf)),
	    "quote.yaml:4:12: note: the quote opens here");
	assert_string_equal(note_line(f->diags, 4, buf, sizeof(buf)),
	    "list.yaml:5:11: note: the '[' opens here");
	/* A note is not counted, and not part of the diagnostic's line. */
	assert_int_equal(tl_diags_errors(f->diags) +
	    tl_diags_warnings(f->diags), n);
	tl_diag_format(buf, sizeof(buf), tl_diags_get(f->diags, 0));
	assert_null(strchr(buf, '\n'));
	assert_null(strstr(buf, "note"));
}

/* A duplicate id across files: the note is in the first file, and its
 * name is escaped as the diagnostic's own. */
static void
load_note_names_the_first_file(void **state)
{
	struct fixture *f = *state;
	static const char one[] = "timeline: demo\nmilestones:\n"
	    "  - {id: a, title: A, date: 2026-01-01}\n"
	    "  - {id: a, title: B, date: 2026-01-02}\n";
	char buf[256];

	assert_int_equal(tl_set_load_buffer(f->set, "d\x1b[1m.yaml", one,
	    strlen(one), f->diags), 0);
	assert_int_equal(tl_set_index(f->set, f->diags), 0);
	assert_int_equal(tl_diags_count(f->diags), 1);
	assert_string_equal(note_line(f->diags, 0, buf, sizeof(buf)),
	    "d\\x1b[1m.yaml:3:10: note: 'a' is first defined here");
	/* Cut like snprintf, with the whole length returned. */
	assert_int_equal(tl_diag_format_note(buf, 10,
	    tl_diags_get(f->diags, 0)), strlen("d\\x1b[1m.yaml:3:10: note: "
	    "'a' is first defined here"));
	assert_string_equal(buf, "d\\x1b[1m.");
}

/* tl_diags_note() gives the last diagnostic one note, copied, unless at
 * its own place; a list without diagnostics, or a second note, is
 * TL_EINVAL. */
static void
diags_note_rules(void **state)
{
	struct fixture *f = *state;
	char file[32] = "first.yaml", buf[128];
	const struct tl_diag *d;

	assert_int_equal(tl_diags_note(f->diags, "x.yaml", 1, 1, "n"),
	    TL_EINVAL);
	assert_int_equal(tl_diags_add(f->diags, TL_LEVEL_ERROR, "x",
	    "x.yaml", 0, 4, 2, "first"), 0);
	d = tl_diags_get(f->diags, 0);
	assert_null(d->note);
	assert_int_equal(tl_diag_format_note(buf, sizeof(buf), d), 0);
	assert_string_equal(buf, "");
	assert_int_equal(tl_diags_note(f->diags, file, 2, 3, "is %s", "here"),
	    0);
	memcpy(file, "other.yaml", 11);
	assert_int_equal(tl_diags_note(f->diags, NULL, 1, 1, "again"),
	    TL_EINVAL);
	d = tl_diags_get(f->diags, 0);
	assert_string_equal(d->note_file, "first.yaml");
	assert_string_equal(note_line(f->diags, 0, buf, sizeof(buf)),
	    "first.yaml:2:3: note: is here");
	/* Without a file, as tl_diag_format() writes one. */
	assert_int_equal(tl_diags_add(f->diags, TL_LEVEL_WARNING, "x", NULL,
	    0, 0, 0, "second"), 0);
	assert_int_equal(tl_diags_note(f->diags, NULL, 0, 0, "elsewhere"), 0);
	assert_string_equal(note_line(f->diags, 1, buf, sizeof(buf)),
	    "note: elsewhere");
	assert_int_equal(tl_diags_count(f->diags), 2);
	/* At the diagnostic's own place it says nothing more: not kept. */
	assert_int_equal(tl_diags_add(f->diags, TL_LEVEL_ERROR, "x",
	    "x.yaml", 0, 4, 2, "third"), 0);
	memcpy(file, "x.yaml", 7);
	assert_int_equal(tl_diags_note(f->diags, file, 4, 2, "here"), 0);
	assert_null(tl_diags_get(f->diags, 2)->note);
	assert_int_equal(tl_diags_note(f->diags, file, 4, 3, "next"), 0);
	assert_string_equal(note_line(f->diags, 2, buf, sizeof(buf)),
	    "x.yaml:4:3: note: next");
}

/* Writes len bytes of text to a new file under /tmp; returns its path. */
static void
write_temp(char *path, size_t size, const char *text, size_t len)
{
	int fd;

	snprintf(path, size, "/tmp/timeline-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void
load_limits_take_values_up_to_the_defaults(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_FILE_BYTES, 0),
	    TL_ERANGE);
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_FILE_BYTES,
	    TL_DEFAULT_MAX_FILE_BYTES + 1), TL_ERANGE);
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_MILESTONES, 0),
	    TL_ERANGE);
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_MILESTONES,
	    TL_DEFAULT_MAX_MILESTONES + 1), TL_ERANGE);
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_FILE_BYTES,
	    TL_DEFAULT_MAX_FILE_BYTES), 0);
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_MILESTONES, 1), 0);
}

static void
load_refuses_a_text_over_the_size_limit(void **state)
{
	struct fixture *f = *state;
	static const char text[] = HEAD "  - id: a\n    title: A\n"
	    "    date: 2027\n";
	size_t len = sizeof(text) - 1;

	/* Exactly at the limit is read; one byte more is refused whole. */
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_FILE_BYTES, len),
	    0);
	assert_int_equal(tl_set_load_buffer(f->set, "a.yaml", text, len,
	    f->diags), 0);
	assert_count(f->diags, 0);
	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_FILE_BYTES,
	    len - 1), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "b.yaml", text, len,
	    f->diags), 0);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-large", 0, 0);
	assert_string_equal(tl_diags_get(f->diags, 0)->file, "b.yaml");
	assert_message_has(f->diags, 0, "larger than 64 bytes");
	assert_int_equal(tl_set_count(f->set), 1);
}

static void
load_refuses_files_and_pipes_over_the_size_limit(void **state)
{
	struct fixture *f = *state;
	static const char text[] = HEAD "  - id: a\n    title: A\n"
	    "    date: 2027\n  - id: b\n    title: B\n    date: 2028\n";
	char file[64], pipe_path[64];
	int fds[2];

	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_FILE_BYTES, 50),
	    0);
	write_temp(file, sizeof(file), text, sizeof(text) - 1);
	assert_int_equal(tl_set_load_path(f->set, file, f->diags), 0);
	unlink(file);
	/* A pipe has no size: it is refused once 50 bytes have come. */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, sizeof(text) - 1),
	    (ssize_t)(sizeof(text) - 1));
	close(fds[1]);
	snprintf(pipe_path, sizeof(pipe_path), "/dev/fd/%d", fds[0]);
	assert_int_equal(tl_set_load_path(f->set, pipe_path, f->diags), 0);
	close(fds[0]);
	assert_count(f->diags, 2);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-large", 0, 0);
	assert_string_equal(tl_diags_get(f->diags, 0)->file, file);
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "too-large", 0, 0);
	assert_string_equal(tl_diags_get(f->diags, 1)->file, pipe_path);
	assert_int_equal(tl_set_count(f->set), 0);
}

static void
load_refuses_a_file_over_a_gibibyte_without_reading_it(void **state)
{
	struct fixture *f = *state;
	char path[64], other[64];
	int fd;

	/* A sparse file: its size is known before a byte is read. */
	write_temp(path, sizeof(path), "", 0);
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)TL_DEFAULT_MAX_FILE_BYTES + 1),
	    0);
	close(fd);
	assert_int_equal(tl_set_load_path(f->set, path, f->diags), 0);
	assert_count(f->diags, 1);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-large", 0, 0);
	assert_message_has(f->diags, 0, "1073741824 bytes (1 GiB)");
	/* One byte less is read, and refused for what it holds (NUL). */
	write_temp(other, sizeof(other), "", 0);
	assert_int_equal(truncate(other, (off_t)TL_DEFAULT_MAX_FILE_BYTES),
	    0);
	assert_int_equal(tl_set_load_path(f->set, other, f->diags), 0);
	unlink(other);
	unlink(path);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 2);
	assert_string_equal(tl_diags_get(f->diags, 1)->code, "encoding");
}

static void
load_stops_at_the_milestone_limit(void **state)
{
	struct fixture *f = *state;
	static const char three[] = HEAD "  - {id: a, title: A, date: 2027}\n"
	    "  - {id: b, title: B, date: 2027}\n"
	    "  - {id: c, title: C, date: 2027}\n";
	static const char two[] = HEAD "  - {id: d, title: D, date: 2027}\n"
	    "  - {id: e, title: E, date: 2027}\n";
	static const char more[] = "timeline: more\nmilestones:\n"
	    "  - {id: f, title: F, date: 2027}\n";

	assert_int_equal(tl_set_set_limit(f->set, TL_LIMIT_MILESTONES, 4), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "a.yaml", three,
	    strlen(three), f->diags), 0);
	assert_count(f->diags, 0);
	/* The fifth milestone of the set is refused, with the rest of its
	 * file, and so is the first of every later file. */
	assert_int_equal(tl_set_load_buffer(f->set, "b.yaml", two,
	    strlen(two), f->diags), 0);
	assert_int_equal(tl_set_load_buffer(f->set, "c.yaml", more,
	    strlen(more), f->diags), 0);
	tl_diags_sort(f->diags);
	assert_count(f->diags, 2);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-many", 4, 5);
	assert_string_equal(tl_diags_get(f->diags, 0)->file, "b.yaml");
	assert_message_has(f->diags, 0, "at most 4");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "too-many", 3, 5);
	assert_string_equal(tl_diags_get(f->diags, 1)->file, "c.yaml");
	assert_int_equal(tl_set_count(f->set), 4);
}

/*
 * A text of n milestones, most good, some with problems that the parser
 * finds (tags, anchors, aliases, an item that is not a mapping) and some
 * that the checker finds, ending with a YAML error when broken.
 */
static char *
many_milestones(size_t n, int broken, size_t *len)
{
	char *text = NULL;
	size_t i;
	FILE *fp;

	assert_non_null(fp = open_memstream(&text, len));
	fputs("timeline: many\nmilestones:\n", fp);
	for (i = 0; i < n; i++) {
		switch (i % 97) {
		case 3:
			fprintf(fp, "  - id: m%zu\n    title: !!str Tagged\n"
			    "    date: 2027-02-30\n", i);
			break;
		case 10:
			fprintf(fp, "  - id: &a%zu m%zu\n    title: *a%zu\n"
			    "    date: 2027\n", i, i, i);
			break;
		case 20:
			fputs("  - just a scalar\n", fp);
			break;
		case 30:
			fprintf(fp, "  - id: m%zu\n    titel: Typo\n"
			    "    date: {after: m%zu, offset: 2w}\n", i, i - 1);
			break;
		case 40:
			fprintf(fp, "  - id: m%zu\n    title: Again\n"
			    "    date: 2028-Q2\n", i - 1);
			break;
		default:
			fprintf(fp, "  - id: m%zu\n    title: Milestone %zu\n"
			    "    date: %s%04zu-%02zu\n    tags: [t%zu]\n", i, i,
			    i % 5 ? "" : "~", 2000 + i % 50, 1 + i % 12, i % 7);
			if (i % 3 == 0)
				fprintf(fp, "    description: |\n      Line one "
				    "of %zu.\n      Line two.\n", i);
			break;
		}
	}
	if (broken)
		fputs("  - {id: last, title: [unclosed\n", fp);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/*
 * Describes a resolved set: every diagnostic (each line without
 * its first skip bytes), the line "--" and what follows it, and the JSON
 * export.  Frees set and diags; the description is malloc'd.
 */
static char *
describe(struct tl_set *set, struct tl_diags *diags, size_t skip,
    const char *after)
{
	char line[2048], *out = NULL;
	size_t i, outlen;
	FILE *fp;

	tl_diags_sort(diags);
	assert_non_null(fp = open_memstream(&out, &outlen));
	for (i = 0; i < tl_diags_count(diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		fprintf(fp, "%s\n", line + skip);
	}
	fprintf(fp, "--%s\n", after);
	assert_int_equal(test_export_json(fp, set), 0);
	assert_int_equal(fclose(fp), 0);
	tl_diags_free(diags);
	tl_set_free(set);
	return out;
}

/* Removes every copy of name from s (the file named in messages). */
static char *
forget_name(char *s, const char *name)
{
	size_t len = strlen(name);
	char *p;

	while ((p = strstr(s, name)) != NULL)
		memmove(p, p + len, strlen(p + len) + 1);
	return s;
}

/* How a text is given to the loader. */
enum source { FROM_MEMORY, FROM_FILE, FROM_PIPE };

/* Every diagnostic, then the JSON export, of text loaded from from. */
static char *
load_and_describe(const char *text, size_t len, enum source from)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char path[64];
	int fds[2], fd;
	pid_t pid;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	if (from == FROM_PIPE) {
		assert_int_equal(pipe(fds), 0);
		if ((pid = fork()) == 0) {
			close(fds[0]);
			_exit(write(fds[1], text, len) == (ssize_t)len ? 0 : 1);
		}
		assert_true(pid > 0);
		close(fds[1]);
		snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
		assert_int_equal(tl_set_load_path(set, path, diags), 0);
		close(fds[0]);
		assert_int_equal(waitpid(pid, NULL, 0), pid);
	} else if (from == FROM_FILE) {
		strcpy(path, "/tmp/timeline-load-XXXXXX");
		assert_true((fd = mkstemp(path)) >= 0);
		assert_int_equal(write(fd, text, len), (ssize_t)len);
		assert_int_equal(close(fd), 0);
		assert_int_equal(tl_set_load_path(set, path, diags), 0);
		unlink(path);
	} else {
		strcpy(path, "many.yaml");
		assert_int_equal(tl_set_load_buffer(set, path, text, len,
		    diags), 0);
	}
	assert_int_equal(test_resolve(set, diags), 0);
	return forget_name(describe(set, diags, strlen(path), ""), path);
}

/* The JSON export names the file: drop that name from a description. */
static void
drop_file_names(char *s)
{
	char *p, *end;

	while ((p = strstr(s, "\"file\":\"")) != NULL) {
		end = strchr(p + 8, '"');
		assert_non_null(end);
		memmove(p, end + 1, strlen(end + 1) + 1);
	}
}

static void
load_gives_the_same_from_memory_a_file_and_a_pipe(void **state)
{
	static const size_t sizes[] = { 0, 1, 1023, 1024, 1025, 5000 };
	char *text, *mem, *other;
	size_t i, len;
	int broken, from;

	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (broken = 0; broken < 2; broken++) {
			text = many_milestones(sizes[i], broken, &len);
			mem = load_and_describe(text, len, FROM_MEMORY);
			drop_file_names(mem);
			for (from = FROM_FILE; from <= FROM_PIPE; from++) {
				other = load_and_describe(text, len,
				    (enum source)from);
				drop_file_names(other);
				if (strcmp(mem, other) != 0)
					fail_msg("%zu milestones%s: %s differs "
					    "from memory:\n%s\n---\n%s",
					    sizes[i], broken ? ", broken" : "",
					    from == FROM_FILE ? "a file" :
					    "a pipe", other, mem);
				free(other);
			}
			/* The problems are there to be compared. */
			if (sizes[i] >= 1000) {
				assert_non_null(strstr(mem, "alias"));
				assert_non_null(strstr(mem, "'titel'"));
			}
			if (broken)
				assert_non_null(strstr(mem, "invalid YAML"));
			free(mem);
			free(text);
		}
}

/*
 * Every diagnostic, then the JSON export, of a directory read with at
 * most limit milestones (0: the default).
 */
static char *
load_dir_and_describe(const char *dir, uint64_t limit)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char counts[64];

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	if (limit > 0)
		assert_int_equal(tl_set_set_limit(set, TL_LIMIT_MILESTONES,
		    limit), 0);
	(void)tl_set_load_path(set, dir, diags);
	assert_int_equal(test_resolve(set, diags), 0);
	snprintf(counts, sizeof(counts), " %zu files, %zu milestones",
	    tl_set_file_count(set), tl_set_loaded_count(set));
	return describe(set, diags, 0, counts);
}

/* Writes text to dir/name. */
static void
put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
load_dir_reads_each_file_once_in_name_order(void **state)
{
	static const uint64_t limits[] = { 0, 1, 150, 800 };
	char dir[] = "/tmp/timeline-dir-XXXXXX", name[64], text[1024];
	char path[600], alias[600], *one;
	size_t i, l;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* 300 files: more than one window of them. */
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "f%03zu.yaml", i);
		snprintf(text, sizeof(text), "timeline: t%zu\n"
		    "milestones:\n"
		    "  - id: a\n    title: A %zu\n    date: 2026-%02zu\n"
		    "  - id: b\n    title: B\n"
		    "    date: {after: t%zu/a, offset: 2w}\n"
		    "  - id: c\n    title: C\n    date: 2027-02-30\n",
		    i % 37 == 5 ? i - 1 : i, i, 1 + i % 12, (i + 1) % 300);
		put_file(dir, name, text);
	}
	put_file(dir, "f010.yaml", "timeline: t10\nmilestones: [unclosed\n");
	put_file(dir, "f011.yaml", "");
	put_file(dir, "f012.yaml", "timeline: t12\nmilestones:\n"
	    "  - id: x\n    title: \"\xff\"\n    date: 2026\n");
	put_file(dir, "f013.yml", "timeline: t0\ntitel: again\n"
	    "milestones: []\n");
	put_file(dir, "notes.txt", "not a timeline\n");
	snprintf(path, sizeof(path), "%s/sub.yaml", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	/* A second name for a file read already: read once. */
	snprintf(path, sizeof(path), "%s/f020.yaml", dir);
	snprintf(alias, sizeof(alias), "%s/zz-alias.yaml", dir);
	assert_int_equal(link(path, alias), 0);

	for (l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
		one = load_dir_and_describe(dir, limits[l]);
		assert_non_null(strstr(one, "-- 301 files"));
		if (limits[l] == 0) {
			assert_non_null(strstr(one, "duplicate timeline "
			    "'t4'"));
			/* f010 and f012 come before f013, in name order. */
			assert_true(strstr(one, "f010.yaml") <
			    strstr(one, "f012.yaml"));
			assert_true(strstr(one, "f012.yaml") <
			    strstr(one, "f013.yml"));
			assert_null(strstr(one, "zz-alias"));
		} else {
			assert_non_null(strstr(one, "too many milestones"));
		}
		free(one);
	}
	snprintf(text, sizeof(text), "rm -r '%s'", dir);
	assert_int_equal(system(text), 0);
}

static void
load_reports_a_read_error_as_one(void **state)
{
	char path[] = "/tmp/timeline-eio-XXXXXX", line[2048];
	char *text;
	size_t len, i;
	struct tl_set *set;
	struct tl_diags *diags;
	int fd;

	(void)state;
	text = many_milestones(3000, 0, &len);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	free(text);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	bytes_read = 0;
	fail_from = (off_t)len / 3 * 2;
	assert_int_equal(tl_set_load_path(set, path, diags), TL_EIO);
	fail_from = -1;
	{
		for (i = 0; i < tl_diags_count(diags); i++) {
			tl_diag_format(line, sizeof(line),
			    tl_diags_get(diags, i));
			if (strstr(line, "invalid text") != NULL ||
			    strstr(line, "invalid YAML") != NULL)
				fail_msg("a read error read as text: %s",
				    line);
		}
		/* The last one says why the rest is missing. */
		tl_diag_format(line, sizeof(line), tl_diags_get(diags,
		    tl_diags_count(diags) - 1));
		if (strstr(line, ": error: cannot read: Input/output error") ==
		    NULL)
			fail_msg("%s", line);
		tl_diags_free(diags);
		tl_set_free(set);
	}
	unlink(path);
}

static void
load_reads_on_after_an_interrupted_read(void **state)
{
	char *text, *plain, *again;
	size_t len;
	int from;

	(void)state;
	text = many_milestones(2000, 0, &len);
	for (from = FROM_FILE; from <= FROM_PIPE; from++) {
		plain = load_and_describe(text, len, (enum source)from);
		interrupt = 1;
		again = load_and_describe(text, len, (enum source)from);
		interrupt = 0;
		drop_file_names(plain);
		drop_file_names(again);
		assert_string_equal(again, plain);
		free(again);
		free(plain);
	}
	free(text);
}

/* Standard input that is a directory: one line saying so. */
static void
load_reports_a_stream_that_cannot_be_read_once(void **state)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char line[512];
	int saved, dir;

	(void)state;
	assert_true((saved = dup(STDIN_FILENO)) >= 0);
	assert_true((dir = open(".", O_RDONLY)) >= 0);
	assert_int_equal(dup2(dir, STDIN_FILENO), STDIN_FILENO);
	close(dir);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_path(set, "-", diags), TL_EIO);
	assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
	close(saved);
	assert_int_equal(tl_diags_count(diags), 1);
	tl_diag_format(line, sizeof(line), tl_diags_get(diags, 0));
	assert_string_equal(line, "-: error: cannot read: Is a directory");
	tl_diags_free(diags);
	tl_set_free(set);
}

/* Diagnostics keep the name a file had, not the caller's buffer. */
static void
load_names_each_file_by_its_own_name(void **state)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char path[64], line[512];

	(void)state;
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	snprintf(path, sizeof(path), "/nonexistent/dA/x.yaml");
	assert_int_equal(tl_set_load_path(set, path, diags), TL_ENOENT);
	snprintf(path, sizeof(path), "/nonexistent/dB/y.yaml");
	assert_int_equal(tl_set_load_path(set, path, diags), TL_ENOENT);
	assert_int_equal(tl_diags_count(diags), 2);
	tl_diag_format(line, sizeof(line), tl_diags_get(diags, 0));
	assert_non_null(strstr(line, "/nonexistent/dA/x.yaml: error"));
	tl_diag_format(line, sizeof(line), tl_diags_get(diags, 1));
	assert_non_null(strstr(line, "/nonexistent/dB/y.yaml: error"));
	tl_diags_free(diags);
	tl_set_free(set);
}

/*
 * The top-level keys in any order give the same records, read once:
 * the file's milestones are read as they come, whatever follows them.
 */
static void
load_reads_top_level_keys_in_any_order_once(void **state)
{
	static const char *const orders[][4] = {
		{ "T", "I", "M", "D" }, { "M", "T", "I", "D" },
		{ "M", "D", "I", "T" }, { "D", "M", "T", "I" },
	};
	char *first = NULL, *got, *text;
	size_t o, k, len, n;
	FILE *fp;

	(void)state;
	for (o = 0; o < sizeof(orders) / sizeof(orders[0]); o++) {
		assert_non_null(fp = open_memstream(&text, &len));
		for (k = 0; k < 4; k++)
			switch (orders[o][k][0]) {
			case 'T':
				fputs("timeline: keys\n", fp);
				break;
			case 'I':
				fputs("title: Keys\n", fp);
				break;
			case 'D':
				fputs("description: In any order.\n", fp);
				break;
			default:
				fputs("milestones:\n", fp);
				for (n = 0; n < 300; n++)
					fprintf(fp, "  - id: m%zu\n    title: "
					    "M\n    date: {after: m%zu, "
					    "offset: 1d}\n", n + 1, n);
				fputs("  - id: m0\n    title: M\n"
				    "    date: 2026-01-01\n", fp);
				break;
			}
		assert_int_equal(fclose(fp), 0);
		bytes_read = 0;
		got = load_and_describe(text, len, FROM_FILE);
		drop_file_names(got);
		/* Read once: every byte of the file, no more. */
		assert_int_equal((size_t)bytes_read, len);
		assert_null(strstr(got, "error"));
		if (first == NULL)
			first = got;
		else {
			assert_string_equal(got, first);
			free(got);
		}
		free(text);
	}
	free(first);
}

/*
 * A list or a mapping of hundreds of thousands of entries in one
 * milestone: what is kept of it is bounded, the problem is said (the
 * count as "more than"), and the milestones after it are read.
 */
static void
huge_collections_are_cut(void **state)
{
	struct fixture *f = *state;
	static const char head[] = "timeline: t\nmilestones:\n"
	    "  - {id: a, title: A, date: 2026-05, tags: [";
	static const char mid[] = "]}\n  - {id: b, title: B, date: 2026-06, ";
	static const char tail[] = "}\n  - {id: c, title: C, date: 2026-07}\n";
	size_t n = 300000, i, at = 0, cap = n * 12 + 256;
	char *text = malloc(cap);

	assert_non_null(text);
	memcpy(text + at, head, sizeof(head) - 1);
	at += sizeof(head) - 1;
	for (i = 0; i < n; i++)
		at += (size_t)sprintf(text + at, i ? ", t" : "t");
	memcpy(text + at, mid, sizeof(mid) - 1);
	at += sizeof(mid) - 1;
	for (i = 0; i < n / 4; i++)
		at += (size_t)sprintf(text + at, i ? ", k%zu: v" : "k%zu: v", i);
	memcpy(text + at, tail, sizeof(tail));
	load(f, text);
	free(text);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-long", 3, 44);
	assert_message_has(f->diags, 0, "'tags' has too many entries (at "
	    "most 4096)");
	assert_diag(f->diags, 1, TL_LEVEL_ERROR, "too-long", 4, 5);
	assert_message_has(f->diags, 1, "a milestone with more than ");
	assert_message_has(f->diags, 1, "the rest are not read");
	/* Its keys kept are each unknown; c, after it, is whole. */
	assert_true(tl_diags_count(f->diags) < 40000);
	assert_int_equal(tl_set_count(f->set), 3);
	assert_string_equal(tl_milestone_id(tl_set_milestone(f->set, 2)),
	    "c");
}

/* Past the values kept, nesting is still refused past 64 levels (libyaml
 * is slow on deep flow), not read to its end. */
static void
nesting_past_the_values_kept_is_refused(void **state)
{
	struct fixture *f = *state;
	static const char head[] = "timeline: t\nmilestones:\n"
	    "  - {id: a, title: A, date: 2026-05, tags: [";
	size_t n = 70000, depth = 100000, i, at = 0;
	char *text = malloc(n * 3 + 2 * depth + 256);

	assert_non_null(text);
	memcpy(text + at, head, sizeof(head) - 1);
	at += sizeof(head) - 1;
	for (i = 0; i < n; i++)
		at += (size_t)sprintf(text + at, "t, ");
	memset(text + at, '[', depth);
	at += depth;
	memset(text + at, ']', depth);
	at += depth;
	strcpy(text + at, "]}\n");
	load(f, text);
	free(text);
	assert_diag(f->diags, 0, TL_LEVEL_ERROR, "too-deep", 3, 210105);
	assert_message_has(f->diags, 0, "nesting deeper than 64 levels");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(huge_collections_are_cut),
		T(nesting_past_the_values_kept_is_refused),
		T(load_reads_a_whole_milestone),
		T(load_reads_scalars_as_text),
		T(load_takes_text_without_a_terminating_nul),
		T(load_reports_unknown_key_at_the_key_with_a_suggestion),
		T(load_takes_a_key_written_in_capitals_for_the_key),
		T(load_reports_value_problems_at_the_value),
		T(load_reports_repeated_key_and_key_without_value),
		T(load_reports_wrong_kinds_of_value),
		T(load_reports_every_problem_in_one_run),
		T(load_reports_milestone_problems_at_the_id),
		T(load_refuses_deep_flow_nesting_quickly),
		T(load_accepts_nesting_of_64_levels),
		T(load_refuses_an_alias_bomb),
		T(load_refuses_a_50_megabyte_title),
		T(load_finds_a_hash_after_a_quote_past_any_characters),
		T(load_says_once_that_a_file_is_no_timeline),
		T(load_hints_hold_at_chunk_boundaries),
		T(load_refuses_invalid_utf8),
		T(load_refuses_invalid_utf8_in_a_quoted_value),
		T(load_does_not_count_a_bom_as_a_column),
		T(load_does_not_count_a_bom_as_a_column_in_a_file),
		T(load_places_encoding_errors_read_from_a_pipe),
		T(load_counts_lines_of_a_long_pipe),
		T(load_counts_columns_in_characters),
		T(load_refuses_control_characters),
		T(load_refuses_anchors_aliases_and_tags),
		T(load_names_a_tag_as_written),
		T(load_refuses_empty_files_and_second_documents),
		T(load_refuses_a_top_level_that_is_not_a_mapping),
		T(load_refuses_utf16),
		T(load_reports_libyaml_problems_with_their_position),
		T(load_reports_time_and_zone_problems_together),
		T(load_reads_time_and_zone),
		T(load_reads_a_file_once_under_any_name),
		T(load_reports_missing_paths_and_empty_directories),
		T(load_quotes_untrusted_text_in_messages),
		T(load_quotes_invisible_characters_in_values),
		T(load_quotes_file_names_in_messages),
		T(load_formats_long_file_names_whole),
		T(load_notes_point_to_the_other_place),
		T(load_note_names_the_first_file),
		T(diags_note_rules),
		T(load_limits_take_values_up_to_the_defaults),
		T(load_refuses_a_text_over_the_size_limit),
		T(load_refuses_files_and_pipes_over_the_size_limit),
		T(load_refuses_a_file_over_a_gibibyte_without_reading_it),
		T(load_stops_at_the_milestone_limit),
		T(load_gives_the_same_from_memory_a_file_and_a_pipe),
		T(load_dir_reads_each_file_once_in_name_order),
		T(load_reads_on_after_an_interrupted_read),
		T(load_reports_a_stream_that_cannot_be_read_once),
		T(load_names_each_file_by_its_own_name),
		T(load_reads_top_level_keys_in_any_order_once),
		T(load_reports_a_read_error_as_one),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
