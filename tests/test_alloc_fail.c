/*
 * Allocation-failure tests: make every allocation of the library fail in
 * turn, as curl's torture tests and SQLite's malloc tests do, and check
 * that each failure is reported (TL_ENOMEM), crashes nothing and leaks
 * nothing.
 *
 * The test is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=strdup,--wrap=free,--wrap=opendir: every call to those in this
 * file and in the objects of the static library goes to the __wrap_
 * functions below.
 * libyaml and libical are shared libraries, so their own allocations
 * (libyaml's events and buffers, libical's components and strings, and
 * the zone cache) are not reached this way and never fail here; neither
 * are the C library's own (open_memstream's buffer).  What those
 * libraries hand back and the library frees is simply not counted.
 *
 * For each sequence of calls, N = 1, 2, ... : arm the wrappers to fail
 * the Nth allocation, run the sequence, and stop at the first call that
 * fails; it must return TL_ENOMEM.  A run whose calls all succeed must
 * give exactly the output of a run without failures (a failure must not
 * be swallowed).  After freeing everything, no allocation made through
 * the wrappers may be live.  The loop ends at the first N that is never
 * reached: the sequence then ran whole.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "pipeline.h"
#include "set_internal.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);
void __wrap_free(void *p);
DIR *__real_opendir(const char *path);
DIR *__wrap_opendir(const char *path);

/*
 * The wrappers' state, in this test only: the library has none.  count
 * is the number of allocations since the last arm(); the fail_at-th
 * one fails (0: none does).  live holds every block allocated through
 * the wrappers and not yet freed, while tracking is on.
 */
static struct {
	unsigned long count;
	unsigned long fail_at;
	unsigned long failed;
	int tracking;
	void **live;
	size_t nlive, cap;
} w;

static void
track(void *p)
{
	void **grown;
	size_t cap;

	if (!w.tracking || p == NULL)
		return;
	if (w.nlive == w.cap) {
		cap = w.cap ? w.cap * 2 : 1024;
		if ((grown = __real_realloc(w.live, cap * sizeof(*grown))) ==
		    NULL) {
			fputs("test_alloc_fail: out of memory\n", stderr);
			abort();
		}
		w.live = grown;
		w.cap = cap;
	}
	w.live[w.nlive++] = p;
}

static void
untrack(void *p)
{
	size_t i;

	if (p == NULL)
		return;
	/* The newest blocks are freed first, most often. */
	for (i = w.nlive; i-- > 0;)
		if (w.live[i] == p) {
			w.live[i] = w.live[--w.nlive];
			return;
		}
}

/* True when this allocation is the one to fail. */
static int
must_fail(void)
{
	if (w.fail_at == 0)
		return 0;
	if (++w.count != w.fail_at)
		return 0;
	w.failed++;
	return 1;
}

void *
__wrap_malloc(size_t size)
{
	void *p = NULL;

	if (!must_fail()) {
		p = __real_malloc(size);
		track(p);
	}
	return p;
}

void *
__wrap_calloc(size_t n, size_t size)
{
	void *p = NULL;

	if (!must_fail()) {
		p = __real_calloc(n, size);
		track(p);
	}
	return p;
}

void *
__wrap_realloc(void *old, size_t size)
{
	void *p = NULL;

	if (!must_fail() &&
	    ((p = __real_realloc(old, size)) != NULL || size == 0)) {
		untrack(old);
		track(p);
	}
	return p;
}

/* opendir() allocates the stream it returns: it fails as they do. */
DIR *
__wrap_opendir(const char *path)
{
	if (must_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_opendir(path);
}

char *
__wrap_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = NULL;

	if (!must_fail()) {
		if ((p = __real_malloc(len)) != NULL)
			memcpy(p, s, len);
		track(p);
	}
	return p;
}

void
__wrap_free(void *p)
{
	untrack(p);
	__real_free(p);
}

/* Starts a run: the nth allocation from now fails (0: none). */
static void
arm(unsigned long n)
{
	w.count = 0;
	w.fail_at = n;
	w.failed = 0;
}

static void
disarm(void)
{
	w.fail_at = 0;
}

static void
start_tracking(void)
{
	w.nlive = 0;
	w.tracking = 1;
}

/*
 * Problems found by torture(): each is printed, and the test fails at
 * the end of the loop, so that one run lists every failure point that
 * goes wrong.
 */
static unsigned long problems;

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void
problem(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	print_error("\n");
	problems++;
}

/* Ends a run: everything allocated through the wrappers was freed. */
static void
end_tracking(const char *what, unsigned long n)
{
	w.tracking = 0;
	if (w.nlive != 0)
		problem("%s: failing allocation %lu leaks %zu blocks", what,
		    n, w.nlive);
}

/*
 * Two files with every feature of the format: relative dates (after and
 * before, within a timeline and across), ranges, approximate dates,
 * every status, history, tags, links, descriptions, timed milestones in
 * two zones; and a file with errors of many kinds, for the diagnostics.
 */
static const char kernel_yaml[] =
    "timeline: kernel\n"
    "title: Rust for Linux\n"
    "description: |\n"
    "  Adoption of Rust in the kernel.\n"
    "  A second line, with \"quotes\", commas; and semicolons.\n"
    "url: https://rust-for-linux.com\n"
    "milestones:\n"
    "  - id: tokyo-summit\n"
    "    title: Rust is no longer experimental\n"
    "    date: 2025-12-10\n"
    "    time: \"09:30\"\n"
    "    timezone: Asia/Tokyo\n"
    "    status: done\n"
    "    tags: [kernel, rust]\n"
    "    location: Tokyo, Japan\n"
    "    links: [https://lwn.net/, https://rust-for-linux.com/]\n"
    "    description: |\n"
    "      The experiment is done.\n"
    "      \u6771\u4eac \xf0\x9f\xa6\x80\n"
    "    noted: 2025-12-16\n"
    "  - id: drm-rust\n"
    "    title: DRM requires Rust for new drivers\n"
    "    date: {after: tokyo-summit, offset: ~1y}\n"
    "    status: at-risk\n"
    "    tags: [drm]\n"
    "    history:\n"
    "      - date: 2026-06\n"
    "        noted: 2025-12-16\n"
    "      - date: ~2026-Q3\n"
    "  - id: gccrs\n"
    "    title: gccrs news\n"
    "    start: 2026-Q1\n"
    "    end: ~2026-H2\n"
    "  - id: before-summit\n"
    "    title: Two weeks before the summit\n"
    "    date: {before: tokyo-summit, offset: 2w}\n"
    "    status: done\n"
    "  - id: slipped-one\n"
    "    title: Slipped\n"
    "    date: ~2026\n"
    "    status: slipped\n"
    "  - id: cancelled-one\n"
    "    title: Cancelled\n"
    "    date: 2026-02\n"
    "    status: cancelled\n";

static const char debian_yaml[] =
    "timeline: debian\n"
    "title: Debian\n"
    "milestones:\n"
    "  - id: apt-rust\n"
    "    title: APT requires Rust\n"
    "    date: 2026-05\n"
    "    tags: [debian, rust]\n"
    "    links: [https://lists.debian.org/]\n"
    "  - id: after-drm\n"
    "    title: A quarter after DRM\n"
    "    date: {after: kernel/drm-rust, offset: 1q}\n"
    "  - id: berlin\n"
    "    title: Berlin meeting\n"
    "    date: 2026-03-29\n"
    "    time: \"10:00\"\n"
    "    timezone: Europe/Berlin\n";

static const char broken_yaml[] =
    "timeline: broken\n"
    "titel: Broken\n"
    "milestones:\n"
    "  - id: a\n"
    "    title: \"A \\e[31m title\"\n"
    "    date: 2026-02-30\n"
    "  - id: a\n"
    "    title: Again\n"
    "    date: 2026\n"
    "  - id: b\n"
    "    title: Nowhere\n"
    "    date: {after: nowhere, offset: 1y}\n"
    "  - id: c\n"
    "    title: C\n"
    "    date: {after: d, offset: 1d}\n"
    "  - id: d\n"
    "    title: D\n"
    "    date: {after: c, offset: 1d}\n"
    "  - id: e\n"
    "    title: Alias\n"
    "    date: &x 2026\n"
    "    tags: *x\n"
    "    status: don\n"
    "  - id: f\n"
    "    title: Late\n"
    "    date: 2025-01\n";

struct input {
	const char *name;
	const char *text;
	size_t len;
};

static const struct input good_inputs[] = {
	{ "kernel.yaml", kernel_yaml, sizeof(kernel_yaml) - 1 },
	{ "debian.yaml", debian_yaml, sizeof(debian_yaml) - 1 },
	{ NULL, NULL, 0 }
};

static const struct input bad_inputs[] = {
	{ "broken.yaml", broken_yaml, sizeof(broken_yaml) - 1 },
	{ "kernel.yaml", kernel_yaml, sizeof(kernel_yaml) - 1 },
	{ NULL, NULL, 0 }
};

static int32_t
today(void)
{
	return tl_day_from_ymd(2026, 11, 23);
}

/* A loaded, resolved and selected set, and its diagnostics. */
struct run {
	struct tl_set *set;
	struct tl_diags *diags;
	struct tl_selection *sel;
	int set_failed;		/* a call on the set ran out of memory */
};

static void
run_dispose(struct run *r)
{
	tl_selection_free(r->sel);
	r->sel = NULL;
	tl_set_free(r->set);
	tl_diags_free(r->diags);
	r->set = NULL;
	r->diags = NULL;
}

/*
 * The library calls up to tl_select(); returns the first error, or 0
 * when every call succeeded.
 */
static const char *from_dir;	/* the inputs are files in this directory */

static int
build(struct run *r, const struct input *inputs, int select)
{
	struct tl_filter f = TL_FILTER_INIT;
	int error;

	r->set = NULL;
	r->diags = NULL;
	r->sel = NULL;
	r->set_failed = 0;
	if ((error = tl_set_new(&r->set)) < 0)
		return error;
	if ((error = tl_diags_new(&r->diags)) < 0)
		return error;
	r->set_failed = 1;
	if (from_dir != NULL) {
		if ((error = tl_set_load_path(r->set, from_dir, r->diags)) < 0)
			return error;
	}
	for (; from_dir == NULL && inputs->name != NULL; inputs++)
		if ((error = tl_set_load_buffer(r->set, inputs->name,
		    inputs->text, inputs->len, r->diags)) < 0)
			return error;
	if ((error = test_resolve(r->set, r->diags)) < 0)
		return error;
	r->set_failed = 0;
	if ((error = tl_set_warn(r->set, today(), r->diags)) < 0)
		return error;
	if (select) {
		f.from = tl_day_from_ymd(2025, 1, 1);
		f.to = tl_day_from_ymd(2027, 12, 31);
		f.statuses = ~(1u << TL_STATUS_CANCELLED);
	}
	return tl_select(&r->sel, r->set, &f);
}

enum exporter {
	EXPORT_NONE, EXPORT_JSON, EXPORT_TEXT, EXPORT_ICS, EXPORT_SVG,
	EXPORT_HTML
};

static int
export(enum exporter e, FILE *fp, const struct tl_selection *sel)
{
	struct tl_text_options text = TL_TEXT_OPTIONS_INIT;
	struct tl_ics_options ics = TL_ICS_OPTIONS_INIT;
	struct tl_svg_options svg = TL_SVG_OPTIONS_INIT;
	struct tl_html_options html = TL_HTML_OPTIONS_INIT;

	switch (e) {
	case EXPORT_JSON:
		return tl_export_json(fp, sel, NULL);
	case EXPORT_TEXT:
		text.today = today();
		text.width = 80;
		text.color = TL_COLOR_ALWAYS;
		text.long_format = 1;
		return tl_export_text(fp, sel, &text);
	case EXPORT_ICS:
		ics.dtstamp = INT64_C(1795392000);
		return tl_export_ics(fp, sel, &ics);
	case EXPORT_SVG:
		svg.today = today();
		return tl_export_svg(fp, sel, &svg);
	case EXPORT_HTML:
		html.today = today();
		html.width = 480;
		return tl_export_html(fp, sel, &html);
	case EXPORT_NONE:
		break;
	}
	return 0;
}

/*
 * What a run produced, to compare with a run without failures: every
 * diagnostic, then the JSON export (or, for an exporter, its output).
 */
static char *
describe(const struct run *r, enum exporter e, size_t *len, int *error)
{
	char line[4096], *buf = NULL;
	size_t i;
	FILE *fp;

	*error = 0;
	if ((fp = open_memstream(&buf, len)) == NULL)
		fail_msg("open_memstream failed");
	for (i = 0; i < tl_diags_count(r->diags); i++) {
		tl_diag_format(line, sizeof(line), tl_diags_get(r->diags, i));
		fprintf(fp, "%s\n", line);
	}
	fputs("--\n", fp);
	if (e == EXPORT_NONE) {
		disarm();
		assert_int_equal(tl_export_json(fp, r->sel, NULL), 0);
	} else {
		*error = export(e, fp, r->sel);
		disarm();
	}
	if (fclose(fp) != 0)
		fail_msg("fclose of a memory stream failed");
	return buf;
}

/*
 * Fails each allocation of the sequence in turn: the library calls up
 * to select when e is EXPORT_NONE, else the exporter e on a set built
 * without failures.  Adds the number of failure points to total.
 */
static unsigned long total;

static void
torture(const char *what, const struct input *inputs, enum exporter e)
{
	struct run r;
	char *expect, *got;
	size_t expect_len, got_len;
	unsigned long n, before = problems;
	int error;

	/* The run without failures. */
	start_tracking();
	assert_int_equal(build(&r, inputs, 1), 0);
	expect = describe(&r, e, &expect_len, &error);
	assert_int_equal(error, 0);
	run_dispose(&r);
	end_tracking(what, 0);

	for (n = 1; ; n++) {
		start_tracking();
		if (e == EXPORT_NONE) {
			arm(n);
			error = build(&r, inputs, 1);
			disarm();
			if (error != 0 && error != TL_ENOMEM)
				problem("%s: failing allocation %lu gives %s, "
				    "not TL_ENOMEM", what, n,
				    tl_strerror(error));
			/* A set left incomplete takes no further stage. */
			if (error == TL_ENOMEM && r.set_failed &&
			    (tl_set_index(r.set, r.diags) != TL_EINVAL ||
			    tl_set_resolve(r.set, r.diags) != TL_EINVAL ||
			    tl_set_order(r.set) != TL_EINVAL))
				problem("%s: after failing allocation %lu, a "
				    "stage takes the set", what, n);
			if (error == 0 && w.failed) {
				/* Every call succeeded: nothing was lost. */
				got = describe(&r, e, &got_len, &error);
				if (got_len != expect_len ||
				    memcmp(got, expect, got_len) != 0)
					problem("%s: failing allocation %lu "
					    "is not reported, and the result "
					    "differs:\n%s", what, n, got);
				free(got);
			}
		} else {
			assert_int_equal(build(&r, inputs, 1), 0);
			arm(n);
			got = describe(&r, e, &got_len, &error);
			if (error != 0 && error != TL_ENOMEM)
				problem("%s: failing allocation %lu gives %s, "
				    "not TL_ENOMEM", what, n,
				    tl_strerror(error));
			if (error == 0 && w.failed && (got_len != expect_len ||
			    memcmp(got, expect, got_len) != 0))
				problem("%s: failing allocation %lu is not "
				    "reported, and the output differs", what, n);
			/* The picture and the page write nothing then. */
			if (error == TL_ENOMEM && (e == EXPORT_SVG ||
			    e == EXPORT_HTML) && (got_len < 3 ||
			    memcmp(got + got_len - 3, "--\n", 3) != 0))
				problem("%s: failing allocation %lu leaves "
				    "part of the output written", what, n);
			free(got);
		}
		run_dispose(&r);
		end_tracking(what, n);
		if (!w.failed)
			break;	/* allocation n was never reached */
	}
	free(expect);
	print_message("%s: %lu allocation failure points\n", what, n - 1);
	total += n - 1;
	if (problems != before)
		fail_msg("%s: %lu failure points went wrong", what,
		    problems - before);
}

static void
alloc_fail_load_resolve_warn_select(void **state)
{
	(void)state;
	torture("load, resolve, warn, select", good_inputs,
	    EXPORT_NONE);
}

static void
alloc_fail_load_with_errors(void **state)
{
	(void)state;
	torture("load with errors", bad_inputs, EXPORT_NONE);
}

/* A directory of the files above. */
static void
alloc_fail_load_dir(void **state)
{
	static const struct input *const sets[] = { good_inputs, bad_inputs };
	char dir[] = "/tmp/timeline-alloc-XXXXXX", path[128];
	const struct input *in;
	size_t i;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (i = 0; i < 2; i++)
		for (in = sets[i]; in->name != NULL; in++) {
			snprintf(path, sizeof(path), "%s/%s", dir, in->name);
			assert_non_null(fp = fopen(path, "w"));
			assert_int_equal(fwrite(in->text, 1, in->len, fp),
			    in->len);
			assert_int_equal(fclose(fp), 0);
		}
	from_dir = dir;
	torture("a directory", good_inputs, EXPORT_NONE);
	from_dir = NULL;
	for (i = 0; i < 2; i++)
		for (in = sets[i]; in->name != NULL; in++) {
			snprintf(path, sizeof(path), "%s/%s", dir, in->name);
			unlink(path);
		}
	assert_int_equal(rmdir(dir), 0);
}

static void
alloc_fail_export_json(void **state)
{
	(void)state;
	torture("tl_export_json", good_inputs, EXPORT_JSON);
}

static void
alloc_fail_export_text(void **state)
{
	(void)state;
	torture("tl_export_text", good_inputs, EXPORT_TEXT);
}

static void
alloc_fail_export_svg(void **state)
{
	(void)state;
	torture("tl_export_svg", good_inputs, EXPORT_SVG);
}

static void
alloc_fail_export_html(void **state)
{
	(void)state;
	torture("tl_export_html", good_inputs, EXPORT_HTML);
}

/*
 * A page whose head outgrows the exporter's 64 KiB buffer before the
 * picture is laid out: twelve timelines with titles of 3,000 bytes,
 * which the page's <title> and heading both hold.  Out of memory, it
 * still writes nothing.
 */
#define LONG_HEAD_FILES 12

static void
alloc_fail_export_html_long_head(void **state)
{
	struct input inputs[LONG_HEAD_FILES + 1];
	char names[LONG_HEAD_FILES][16], *texts[LONG_HEAD_FILES];
	char title[3001];
	int i, n;

	(void)state;
	memset(title, 'T', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	for (i = 0; i < LONG_HEAD_FILES; i++) {
		assert_non_null(texts[i] = malloc(sizeof(title) + 128));
		n = snprintf(texts[i], sizeof(title) + 128, "timeline: t%d\n"
		    "title: %s\nmilestones:\n"
		    "  - {id: m, title: M, date: 2026-05}\n", i, title);
		snprintf(names[i], sizeof(names[i]), "t%d.yaml", i);
		inputs[i].name = names[i];
		inputs[i].text = texts[i];
		inputs[i].len = (size_t)n;
	}
	inputs[i].name = NULL;
	inputs[i].text = NULL;
	inputs[i].len = 0;
	torture("tl_export_html, a long head", inputs, EXPORT_HTML);
	for (i = 0; i < LONG_HEAD_FILES; i++)
		free(texts[i]);
}

static void
alloc_fail_export_ics(void **state)
{
	(void)state;
	torture("tl_export_ics", good_inputs, EXPORT_ICS);
}

/* Loads text into a resolved set, with no allocation failing. */
static struct tl_set *
diff_set(const char *text)
{
	struct tl_set *set;
	struct tl_diags *diags;

	disarm();
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "d.yaml", text, strlen(text),
	    diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

static void
alloc_fail_diff(void **state)
{
	struct tl_set *a, *b;
	struct tl_diff *d;
	unsigned long n;
	int error;

	(void)state;
	a = diff_set("timeline: t\nmilestones:\n"
	    "  - {id: x, title: X, date: 2026}\n"
	    "  - {id: y, title: Y, date: 2026-05}\n"
	    "  - {id: gone, title: G, date: 2026-05}\n");
	b = diff_set("timeline: t\nmilestones:\n"
	    "  - {id: x, title: X, date: 2027}\n"
	    "  - {id: y, title: Z, date: 2026-05, status: done}\n"
	    "  - {id: new, title: N, date: 2026-06}\n");
	for (n = 1;; n++) {
		start_tracking();
		arm(n);
		d = (struct tl_diff *)&n;
		error = tl_diff(&d, a, b, NULL);
		disarm();
		if (error == 0) {
			if (tl_diff_count(d) != 4)
				problem("tl_diff: failing allocation %lu: %zu "
				    "changes, not 4", n, tl_diff_count(d));
		} else if (error != TL_ENOMEM || d != NULL) {
			problem("tl_diff: failing allocation %lu: %d", n,
			    error);
		}
		tl_diff_free(d);
		end_tracking("tl_diff", n);
		total++;
		if (w.failed == 0)
			break;
	}
	tl_set_free(a);
	tl_set_free(b);
	assert_true(n > 1);
	assert_int_equal(problems, 0);
}

/*
 * The edit of the text and the set as it will be, from the text in
 * memory (data, dlen), or when region is not NULL as timeline move
 * makes them: through the file's descriptor into a temporary file
 * (tl_edit_file()), the set loaded again from that file; with dry, into
 * no file, the set loaded from the old file and the region.
 */
static int
edit_and_reload(const struct tl_set *set, const struct tl_milestone *m,
    const char *path, const char *data, size_t dlen,
    const struct tl_edit_options *opts, char **text, size_t *len,
    struct tl_edit_region *region, int dry, struct tl_set **after,
    struct tl_diags *adiags)
{
	char why[TL_WHY_SIZE], temp[600];
	int error, fd, out;

	if (region == NULL) {
		if ((error = tl_edit_apply(set, m, data, dlen, opts, text, len,
		    why)) < 0)
			return error;
		return tl_edit_reload(set, path, *text, *len, after, adiags);
	}
	assert_true((fd = open(path, O_RDONLY)) >= 0);
	if (dry) {
		if ((error = tl_edit_file(set, m, fd, opts, -1, region,
		    why)) == 0)
			error = tl_edit_reload_region(set, path, fd, region,
			    after, adiags);
		close(fd);
		return error;
	}
	snprintf(temp, sizeof(temp), "%s.XXXXXX", path);
	assert_true((out = mkstemp(temp)) >= 0);
	unlink(temp);
	if ((error = tl_edit_file(set, m, fd, opts, out, region, why)) == 0)
		error = tl_edit_reload_fd(set, path, out, after, adiags);
	close(fd);
	close(out);
	return error;
}

/*
 * One whole edit, as timeline move does it: the edit of the text, the
 * set loaded again as it will be, what moved, and the diff.  The files
 * are on disk in dir (the reload reads the others by path); the edited
 * one is read whole into memory, or with by_fd through its descriptor
 * (2: the new text written nowhere, as a dry run does).
 * Writes a description of the result into *out (open_memstream's
 * buffer, which the C library allocates, outside the wrappers).
 */
static int
edit_sequence(const char *dir, const char *id, const char *when,
    int by_fd, char **out, size_t *outlen)
{
	struct tl_set *set = NULL, *after = NULL;
	struct tl_diags *diags = NULL, *adiags = NULL;
	const struct tl_milestone *m;
	struct tl_edit_options opts;
	struct tl_edit_change *changes = NULL;
	struct tl_edit_region r;
	char path[512], suggest[64], line[256], *text = NULL;
	size_t len = 0, n = 0, i;
	FILE *fp = open_memstream(out, outlen), *in;
	static char data[8192];
	size_t dlen;
	int error;

	assert_non_null(fp);
	memset(&r, 0, sizeof(r));
	snprintf(path, sizeof(path), "%s/kernel.yaml", dir);
	assert_non_null(in = fopen(path, "rb"));
	dlen = fread(data, 1, sizeof(data), in);
	fclose(in);
	if ((error = tl_set_new(&set)) < 0 ||
	    (error = tl_diags_new(&diags)) < 0 ||
	    (error = tl_set_load_path(set, dir, diags)) < 0 ||
	    (error = tl_set_index(set, diags)) < 0 ||
	    (error = tl_set_resolve(set, diags)) < 0 ||
	    (error = tl_set_order(set)) < 0)
		goto out;
	assert_int_equal(tl_diags_errors(diags), 0);
	assert_int_equal(tl_edit_find(set, id, &m, suggest, sizeof(suggest)),
	    0);
	tl_edit_options_init(&opts, TL_EDIT_OPTIONS_VERSION);
	opts.when = when;
	opts.today = today();
	if ((error = tl_diags_new(&adiags)) < 0 ||
	    (error = edit_and_reload(set, m, path, data, dlen, &opts, &text,
	    &len, by_fd ? &r : NULL, by_fd == 2, &after, adiags)) < 0)
		goto out;
	assert_int_equal(tl_diags_errors(adiags), 0);
	if ((error = tl_edit_changes(set, after, m, &changes, &n)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		tl_edit_change_format(line, sizeof(line), &changes[i]);
		fprintf(fp, "%s\n", line);
	}
	if (by_fd)
		error = tl_edit_region_diff(fp, "kernel.yaml", &r);
	else
		error = tl_edit_unified_diff(fp, "kernel.yaml", data, dlen,
		    text, len);
out:
	fclose(fp);
	free(changes);
	free(text);
	tl_edit_region_dispose(&r);
	tl_set_free(after);
	tl_set_free(set);
	tl_diags_free(adiags);
	tl_diags_free(diags);
	return error;
}

/*
 * Fails each allocation of an edit in turn (by_fd: through the file's
 * descriptor; 2: into no file): each gives TL_ENOMEM, or the edit
 * whole.
 */
static void
edit_failing_each_allocation(int by_fd)
{
	char dir[] = "/tmp/tl-alloc-edit.XXXXXX", path[600];
	const struct input *in;
	char *expect = NULL, *got = NULL;
	size_t expect_len, got_len;
	unsigned long n, before = problems;
	FILE *fp;
	int error;

	assert_non_null(mkdtemp(dir));
	for (in = good_inputs; in->name != NULL; in++) {
		snprintf(path, sizeof(path), "%s/%s", dir, in->name);
		assert_non_null(fp = fopen(path, "wb"));
		assert_int_equal(fwrite(in->text, 1, in->len, fp), in->len);
		fclose(fp);
	}
	start_tracking();
	assert_int_equal(edit_sequence(dir, "tokyo-summit", "2026-01-20",
	    by_fd, &expect, &expect_len), 0);
	end_tracking("edit", 0);
	/* The dependents moved with it. */
	assert_non_null(strstr(expect, "kernel/drm-rust: "));
	for (n = 1; ; n++) {
		start_tracking();
		arm(n);
		error = edit_sequence(dir, "tokyo-summit", "2026-01-20", by_fd,
		    &got, &got_len);
		disarm();
		if (error != 0 && error != TL_ENOMEM)
			problem("edit: failing allocation %lu gives %s, not "
			    "TL_ENOMEM", n, tl_strerror(error));
		if (error == 0 && w.failed && (got_len != expect_len ||
		    memcmp(got, expect, got_len) != 0))
			problem("edit: failing allocation %lu is not "
			    "reported, and the result differs:\n%s", n, got);
		/* open_memstream's buffer is the C library's. */
		__real_free(got);
		got = NULL;
		end_tracking("edit", n);
		if (!w.failed)
			break;
	}
	__real_free(expect);
	for (in = good_inputs; in->name != NULL; in++) {
		snprintf(path, sizeof(path), "%s/%s", dir, in->name);
		unlink(path);
	}
	rmdir(dir);
	print_message("edit: %lu allocation failure points\n", n - 1);
	total += n - 1;
	if (problems != before)
		fail_msg("edit: %lu failure points went wrong",
		    problems - before);
}

static void
alloc_fail_edit(void **state)
{
	(void)state;
	edit_failing_each_allocation(0);
}

static void
alloc_fail_edit_file(void **state)
{
	(void)state;
	edit_failing_each_allocation(1);
}

static void
alloc_fail_edit_dry_run(void **state)
{
	(void)state;
	edit_failing_each_allocation(2);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_fail_load_resolve_warn_select),
		cmocka_unit_test(alloc_fail_load_with_errors),
		cmocka_unit_test(alloc_fail_load_dir),
		cmocka_unit_test(alloc_fail_export_json),
		cmocka_unit_test(alloc_fail_export_text),
		cmocka_unit_test(alloc_fail_export_ics),
		cmocka_unit_test(alloc_fail_export_svg),
		cmocka_unit_test(alloc_fail_export_html),
		cmocka_unit_test(alloc_fail_export_html_long_head),
		cmocka_unit_test(alloc_fail_diff),
		cmocka_unit_test(alloc_fail_edit),
		cmocka_unit_test(alloc_fail_edit_file),
		cmocka_unit_test(alloc_fail_edit_dry_run),
	};
	int failed;

	failed = cmocka_run_group_tests(tests, NULL, NULL);
	printf("%lu allocation failure points exercised\n", total);
	__real_free(w.live);
	return failed;
}
