/*
 * Fuzz target: an edit (move, done, status) of a milestone of a fuzzed
 * file.  Whenever the file loads without errors, the edit the input's
 * size picks is applied, and then:
 *
 *   (a) every byte that changed lies within the lines of the edited
 *       milestone (and the lines added right after it);
 *   (b) the new text loads without errors, unless the whole set as it
 *       will be has errors (then the edit is refused, and that is all);
 *   (c) the edited milestone has the new window and, for a new date,
 *       one more history entry holding the old date; tl_edit_verify()
 *       finds the edit (made, as applied) placed, but where the text's
 *       last line has no line end (see check_edit()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "spans.h"

static const char *const whens[] = {
	"2027-Q1", "~2026-12", "2026-05-10", "2028", "2026-H2",
	"2026-Q3..2027-Q1", "~2026-01..2026-03-15", "2025-11"
};
#define NWHENS (sizeof(whens) / sizeof(whens[0]))

static size_t
line_start(const char *t, size_t p)
{
	while (p > 0 && t[p - 1] != '\n' && t[p - 1] != '\r')
		p--;
	return p;
}

static size_t
line_after(const char *t, size_t len, size_t p)
{
	while (p < len && t[p] != '\n' && t[p] != '\r')
		p++;
	if (p < len && t[p] == '\r')
		p++;
	if (p < len && t[p] == '\n')
		p++;
	return p;
}

/*
 * The end of the run of lines of blanks (empty ones among them) from p
 * to its last line that starts with more spaces than indent (tabs may
 * follow them), or p when it has none.
 */
static size_t
after_deeper_blanks(const char *t, size_t len, size_t p, size_t indent)
{
	size_t end = p, i, spaces;

	while (p < len) {
		for (i = p; i < len && t[i] == ' '; i++)
			;
		spaces = i - p;
		while (i < len && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (i < len && t[i] != '\n' && t[i] != '\r')
			break;
		if (spaces > indent)
			end = line_after(t, len, p);
		p = line_after(t, len, p);
	}
	return end;
}

/*
 * Past the comment-only lines from p on indented more than indent, and,
 * after a block scalar, the lines of spaces up to the last of more
 * spaces than that (its text, with the empty lines between).
 */
static size_t
after_deeper_comments(const char *t, size_t len, size_t p, size_t indent,
    int scalar)
{
	size_t i, q;

	while (p < len) {
		for (i = p; i < len && t[i] == ' '; i++)
			;
		if (i - p > indent && i < len && t[i] == '#')
			p = line_after(t, len, p);
		else if (scalar &&
		    (q = after_deeper_blanks(t, len, p, indent)) > p)
			p = q;
		else
			break;
	}
	return p;
}

/*
 * (a): the bytes that differ lie in [lo, hi] of the old text.  The
 * common prefix and the common suffix are measured each on its own: a
 * change within [x, y] leaves a prefix of at least x bytes and a suffix
 * of at least oldlen - y, however they overlap.
 */
static void
check_changed_region(const char *old, size_t oldlen, const char *new,
    size_t newlen, size_t lo, size_t hi)
{
	size_t pre = 0, suf = 0;

	while (pre < oldlen && pre < newlen && old[pre] == new[pre])
		pre++;
	while (suf < oldlen && suf < newlen &&
	    old[oldlen - 1 - suf] == new[newlen - 1 - suf])
		suf++;
	if (pre < lo || oldlen - suf > hi)
		fuzz_fail("(a) a change outside the edited milestone", old,
		    oldlen);
}

/* A milestone named T/ID in set, or NULL. */
static const struct tl_milestone *
find(const struct tl_set *set, const struct tl_milestone *like)
{
	size_t i, n = tl_set_count(set);
	const struct tl_milestone *m;

	for (i = 0; i < n; i++) {
		m = tl_set_milestone(set, i);
		if (strcmp(tl_milestone_id(m), tl_milestone_id(like)) == 0 &&
		    strcmp(tl_milestone_timeline(m)->name,
		    tl_milestone_timeline(like)->name) == 0)
			return m;
	}
	return NULL;
}

static void
check_edit(const struct tl_set *set, const struct tl_milestone *m,
    const char *old, size_t oldlen, const char *new, size_t newlen,
    const struct tl_edit_options *opts, const struct tl_edit_options *made)
{
	struct tl_set *after = NULL, *alone = NULL;
	struct tl_diags *diags = NULL, *adiags = NULL;
	struct tl_spans *sp = NULL;
	struct tl_source src;
	const struct tl_milestone *e;
	struct tl_history h;
	struct tl_window want, a, b;
	char why[TL_WHY_SIZE];
	const char *dots;
	size_t n0, n1, hi;
	int moved = 0;

	/* (a) */
	if ((sp = malloc(sizeof(*sp))) == NULL)
		return;
	tl_source_memory(&src, old, oldlen);
	if (tl_spans_find(&src, tl_milestone_id(m), sp) != 0)
		fuzz_fail("spans of an edited milestone not found", old,
		    oldlen);
	hi = sp->map.end > 0 ? line_after(old, oldlen, sp->map.end - 1) :
	    oldlen;
	/* Comment lines indented under the last key belong to it: new
	 * keys go after them.  The keys stand at the mapping's column
	 * (an explicit key's '?' there). */
	if (sp->map.kind != TL_SPAN_FLOW_MAP && sp->nkeys > 0 &&
	    sp->map.end > 0)
		hi = after_deeper_comments(old, oldlen, hi,
		    sp->map.start - line_start(old, sp->map.start),
		    sp->keys[sp->nkeys - 1].value.kind == TL_SPAN_LITERAL);
	check_changed_region(old, oldlen, new, newlen,
	    line_start(old, sp->map.start), hi);
	free(sp);

	/*
	 * An edit may bring an error (a time of day on a date that is no
	 * longer a day, a dependent past 9999): the set as it will be then
	 * has errors, and the edit is refused.  Otherwise (b): the new text
	 * loads clean on its own too.
	 */
	if (tl_diags_new(&adiags) < 0 ||
	    tl_edit_reload(set, "fuzz.yaml", new, newlen, &after, adiags) < 0)
		goto out;
	if (tl_diags_errors(adiags) > 0)
		goto out;
	if (tl_set_new(&alone) < 0 || tl_diags_new(&diags) < 0)
		goto out;
	if (tl_set_load_buffer(alone, "fuzz.yaml", new, newlen, diags) < 0)
		goto out;
	if (tl_diags_errors(diags) > 0)
		fuzz_fail("(b) the edited text has errors", new, newlen);

	/* (c) */
	if ((e = find(after, m)) == NULL)
		fuzz_fail("(c) the edited milestone is gone", new, newlen);
	n0 = tl_milestone_history_count(m);
	n1 = tl_milestone_history_count(e);
	if (opts->kind == TL_EDIT_MOVE) {
		moved = 1;
		if ((dots = strstr(opts->when, "..")) != NULL) {
			if (tl_date_parse(&a, opts->when, (size_t)(dots -
			    opts->when), why) < 0 || tl_date_parse(&b, dots + 2,
			    strlen(dots + 2), why) < 0 ||
			    tl_window_range(&want, &a, &b, why) < 0)
				fuzz_fail("a WHEN of the target", NULL, 0);
		} else if (tl_date_parse(&want, opts->when,
		    strlen(opts->when), why) < 0) {
			fuzz_fail("a WHEN of the target", NULL, 0);
		}
		if (tl_milestone_window(e)->start != want.start ||
		    tl_milestone_window(e)->end != want.end)
			fuzz_fail("(c) the new window is not WHEN", new,
			    newlen);
	}
	if (opts->kind == TL_EDIT_STATUS &&
	    (int)tl_milestone_status(e) != opts->status)
		fuzz_fail("(c) the status did not change", new, newlen);
	/* A relative date moved to the window it gives is written as that
	 * date: it does not move, and its history stays as it was. */
	if (moved && tl_milestone_date_kind(m) == TL_DATE_RELATIVE &&
	    tl_diff_windows(tl_milestone_window(m),
	    tl_milestone_window(e)) == TL_DIFF_NONE) {
		if (tl_milestone_date_kind(e) == TL_DATE_RELATIVE)
			fuzz_fail("(c) a relative date moved to its own day "
			    "is still relative", new, newlen);
		moved = 0;
	}
	if (moved) {
		if (n1 != n0 + 1)
			fuzz_fail("(c) no new history entry", new, newlen);
		tl_milestone_history(e, n1 - 1, &h);
		if (tl_milestone_date_kind(m) == TL_DATE_RELATIVE) {
			if (h.window.start != tl_milestone_window(m)->start ||
			    h.window.end != tl_milestone_window(m)->end)
				fuzz_fail("(c) the history entry is not the "
				    "old window", new, newlen);
		} else if (strcmp(h.date, tl_milestone_date(m)) != 0) {
			fuzz_fail("(c) the history entry is not the old date",
			    new, newlen);
		}
		if (h.noted != tl_milestone_noted(m))
			fuzz_fail("(c) the history entry's noted", new, newlen);
	} else if (n1 != n0) {
		fuzz_fail("(c) history changed by a status", new, newlen);
	}
	/*
	 * Known: where the text's last line has no line end, an edit at
	 * the end of the file may change a block scalar that ends the
	 * milestone (a line end added to its text, or taken away by a
	 * strip indicator).  tl_edit_verify() finds it, and the edit is
	 * refused as not placed (tests/edit/golden/kept-*).
	 */
	if (tl_edit_verify(m, after, made, why) != 0 && (oldlen == 0 ||
	    old[oldlen - 1] == '\n' || old[oldlen - 1] == '\r'))
		fuzz_fail("(c) tl_edit_verify() refuses the edit", new,
		    newlen);
out:
	tl_set_free(after);
	tl_set_free(alone);
	tl_diags_free(adiags);
	tl_diags_free(diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	const struct tl_milestone *m;
	struct tl_edit_options opts, made;
	char why[TL_WHY_SIZE], *out = NULL;
	size_t outlen, n, pick;
	int error;

	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0)
		goto out;
	if (tl_set_load_buffer(set, "fuzz.yaml", (const char *)data, size,
	    diags) < 0 || tl_set_index(set, diags) < 0 ||
	    tl_set_resolve(set, diags) < 0 || tl_set_order(set) < 0)
		goto out;
	if (tl_diags_errors(diags) > 0 || (n = tl_set_count(set)) == 0)
		goto out;
	/* The input's size picks the milestone and the edit. */
	pick = size;
	m = tl_set_milestone(set, pick % n);
	pick /= n;
	tl_edit_options_init(&opts, TL_EDIT_OPTIONS_VERSION);
	opts.today = tl_day_from_ymd(FUZZ_TODAY_YEAR, FUZZ_TODAY_MONTH,
	    FUZZ_TODAY_DAY);
	switch (pick % 4) {
	case 0:
	case 1:
		opts.kind = TL_EDIT_MOVE;
		opts.when = whens[(pick / 4) % NWHENS];
		break;
	case 2:
		opts.kind = TL_EDIT_DONE;
		opts.when = (pick / 4) % 2 ? "2026-01-15" : NULL;
		break;
	default:
		opts.kind = TL_EDIT_STATUS;
		opts.status = (int)((pick / 4) % TL_STATUS_COUNT);
		break;
	}
	error = tl_edit_apply(set, m, (const char *)data, size, &opts, &out,
	    &outlen, why);
	if (error == TL_EINVAL || error == TL_EEMPTY || error == TL_ENOMEM ||
	    error == TL_ELIMIT)
		goto out;
	if (error != 0)
		fuzz_fail("tl_edit_apply failed on a clean file", why,
		    strlen(why));
	made = opts;
	/* done with a day other than the date moves like move does; a
	 * range of that one day is the same date, as timeline diff sees
	 * it. */
	if (opts.kind == TL_EDIT_DONE && opts.when != NULL) {
		struct tl_window w;

		tl_date_parse(&w, opts.when, strlen(opts.when), why);
		if (tl_diff_windows(&w, tl_milestone_window(m)) !=
		    TL_DIFF_NONE)
			opts.kind = TL_EDIT_MOVE;
	}
	check_edit(set, m, (const char *)data, size, out, outlen, &opts,
	    &made);
out:
	free(out);
	tl_set_free(set);
	tl_diags_free(diags);
	return 0;
}
