/*
 * Fuzz target: the diff of two versions.  A line "#---" splits the input
 * into an old and a new file (without one, the new file is empty of
 * milestones' text: the whole input is the old one and the new one is
 * the same input, so nothing may differ).  Each is loaded into a set of
 * its own and resolved, errors or not, then diffed.  Every change must
 * be what its windows, statuses and fields say, in order; a set against
 * itself must give nothing; and the JSON written must be one valid JSON
 * value, the text and Markdown valid UTF-8 without control characters
 * (but LF, and colour sequences when asked for).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

#define SPLIT "\n#---\n"

static struct tl_set *
load(const char *name, const char *data, size_t len)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;

	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0 ||
	    tl_set_load_buffer(set, name, data, len, diags) < 0 ||
	    tl_set_index(set, diags) < 0 || tl_set_resolve(set, diags) < 0) {
		tl_set_free(set);
		set = NULL;
	}
	tl_diags_free(diags);
	return set;
}

/* The milestone a change is listed by. */
static const struct tl_milestone *
key_of(const struct tl_change *c)
{
	return c->after != NULL ? c->after : c->before;
}

static void
check_changes(const struct tl_diff *d, size_t nbefore, size_t nafter)
{
	const struct tl_change *c;
	const struct tl_window *w, *prev = NULL;
	size_t i, n = tl_diff_count(d);

	if (n > nbefore + nafter)
		fuzz_fail("more changes than milestones", NULL, 0);
	for (i = 0; i < n; i++) {
		c = tl_diff_change(d, i);
		if (c->before == NULL && c->after == NULL)
			fuzz_fail("a change of no milestone", NULL, 0);
		if ((c->before == NULL) != (c->kind == TL_DIFF_ADDED) ||
		    (c->after == NULL) != (c->kind == TL_DIFF_REMOVED))
			fuzz_fail("added or removed with the wrong sides", NULL,
			    0);
		if (c->before != NULL && c->after != NULL) {
			if (tl_diff_windows(tl_milestone_window(c->before),
			    tl_milestone_window(c->after)) != c->kind)
				fuzz_fail("a kind its windows do not give",
				    NULL, 0);
			if (c->status_changed != (tl_milestone_status(c->before)
			    != tl_milestone_status(c->after)))
				fuzz_fail("a wrong status change", NULL, 0);
			if (c->kind == TL_DIFF_NONE && !c->status_changed &&
			    c->fields == 0)
				fuzz_fail("a change that changes nothing",
				    NULL, 0);
		} else if (c->status_changed || c->fields != 0) {
			fuzz_fail("status or fields of one side", NULL, 0);
		}
		w = tl_milestone_window(key_of(c));
		if (prev != NULL && (w->start < prev->start ||
		    (w->start == prev->start && w->end < prev->end)))
			fuzz_fail("changes out of order", NULL, 0);
		prev = w;
	}
}

/* Valid UTF-8, no control character but LF (and ESC with colour). */
static void
check_plain(const char *text, size_t len, int color)
{
	size_t i, n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(text + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID)
			fuzz_fail("invalid UTF-8 in a diff", text, len);
		if (cp == '\n' || (color && cp == 0x1b))
			continue;
		if (tl_is_control(cp))
			fuzz_fail("a control character in a diff", text, len);
	}
	if (len > 0 && text[len - 1] != '\n')
		fuzz_fail("a diff that does not end its line", text, len);
}

static void
write_all(const struct tl_diff *d)
{
	struct tl_diff_write_options o;
	char *buf;
	size_t len;
	FILE *fp;
	int error, i;

	for (i = 0; i < 4; i++) {
		tl_diff_write_options_init(&o, TL_DIFF_WRITE_OPTIONS_VERSION);
		o.format = i == 3 ? TL_DIFF_JSON : i == 2 ? TL_DIFF_MARKDOWN :
		    TL_DIFF_TEXT;
		o.color = i == 1 ? TL_COLOR_ALWAYS : TL_COLOR_NEVER;
		buf = NULL;
		if ((fp = open_memstream(&buf, &len)) == NULL)
			fuzz_fail("open_memstream failed", NULL, 0);
		error = tl_diff_write(fp, d, &o);
		if (fclose(fp) != 0)
			fuzz_fail("fclose of a memory stream", NULL, 0);
		if (error != 0)
			fuzz_fail("tl_diff_write failed", NULL, 0);
		if (o.format == TL_DIFF_JSON)
			fuzz_check_json(buf, len);
		else
			check_plain(buf, len, i == 1);
		if (tl_diff_count(d) == 0 && o.format != TL_DIFF_JSON &&
		    len != 0)
			fuzz_fail("text for no change", buf, len);
		free(buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *split = NULL, *b = text;
	struct tl_set *before = NULL, *after = NULL;
	struct tl_diff *d = NULL;
	size_t i, alen = size, blen = size;

	for (i = 0; i + sizeof(SPLIT) - 1 <= size; i++)
		if (memcmp(text + i, SPLIT, sizeof(SPLIT) - 1) == 0) {
			split = text + i;
			break;
		}
	if (split != NULL) {
		alen = (size_t)(split - text) + 1;
		b = split + sizeof(SPLIT) - 1;
		blen = size - (size_t)(b - text);
	}
	if ((before = load("old.yaml", text, alen)) == NULL ||
	    (after = load("new.yaml", b, blen)) == NULL)
		goto out;
	if (tl_diff(&d, before, before, NULL) == 0) {
		if (tl_diff_count(d) != 0)
			fuzz_fail("a set differs from itself", NULL, 0);
		tl_diff_free(d);
		d = NULL;
	}
	if (tl_diff(&d, before, after, NULL) < 0)
		goto out;
	check_changes(d, tl_set_count(before), tl_set_count(after));
	if (split == NULL && tl_diff_count(d) != 0)
		fuzz_fail("the same text differs", NULL, 0);
	write_all(d);
out:
	tl_diff_free(d);
	tl_set_free(before);
	tl_set_free(after);
	return 0;
}
