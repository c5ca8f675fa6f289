/*
 * Tests of tl_edit_unified_diff() on long texts: a change far into a
 * file is shown with its own line numbers and three lines of context,
 * whatever lies before and after it, as diff -u shows it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "timeline/timeline.h"

#define LINES 10000

/* A text of lines "line 1" to "line LINES", each ended by eol, the
 * line `at` replaced by `with` (or left out when with is NULL and at is
 * not 0), `extra` inserted before line `before` (0: none); the last
 * line end left out when last_eol is 0. */
struct spec {
	const char *eol;
	size_t at;
	const char *with;
	size_t before;
	const char *extra;
	int last_eol;
};

static char *
make(const struct spec *s, size_t *len)
{
	FILE *f;
	char *buf = NULL;
	size_t i;

	assert_non_null(f = open_memstream(&buf, len));
	for (i = 1; i <= LINES; i++) {
		const char *eol = i < LINES || s->last_eol ? s->eol : "";

		if (i == s->before)
			fprintf(f, "%s%s", s->extra, s->eol);
		if (i == s->at && s->with == NULL)
			continue;
		if (i == s->at)
			fprintf(f, "%s%s", s->with, eol);
		else
			fprintf(f, "line %zu%s", i, eol);
	}
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Checks that the diff of the texts a and b is its header and hunks. */
static void
assert_diff(const struct spec *a, const struct spec *b, const char *hunks)
{
	char *x, *y, *out = NULL;
	size_t xl, yl, ol;
	FILE *f;

	x = make(a, &xl);
	y = make(b, &yl);
	assert_non_null(f = open_memstream(&out, &ol));
	assert_int_equal(tl_edit_unified_diff(f, "t.yaml", x, xl, y, yl), 0);
	assert_int_equal(fclose(f), 0);
	assert_true(strncmp(out, "--- a/t.yaml\n+++ b/t.yaml\n", 26) == 0);
	assert_string_equal(out + 26, hunks);
	free(out);
	free(x);
	free(y);
}

static const struct spec plain = { "\n", 0, NULL, 0, NULL, 1 };

static void
change_in_the_middle_keeps_its_line_numbers(void **state)
{
	struct spec b = plain;

	(void)state;
	b.at = 5000;
	b.with = "changed";
	assert_diff(&plain, &b,
	    "@@ -4997,7 +4997,7 @@\n"
	    " line 4997\n line 4998\n line 4999\n"
	    "-line 5000\n+changed\n"
	    " line 5001\n line 5002\n line 5003\n");
}

static void
insertion_at_the_start_and_removal_at_the_end(void **state)
{
	struct spec b = plain, c = plain;

	(void)state;
	b.before = 1;
	b.extra = "first";
	assert_diff(&plain, &b,
	    "@@ -1,3 +1,4 @@\n+first\n line 1\n line 2\n line 3\n");
	c.at = LINES;
	assert_diff(&plain, &c,
	    "@@ -9997,4 +9997,3 @@\n"
	    " line 9997\n line 9998\n line 9999\n-line 10000\n");
}

static void
last_line_without_a_line_end(void **state)
{
	struct spec a = plain, b = plain;

	(void)state;
	a.last_eol = 0;
	b.last_eol = 0;
	b.at = LINES;
	b.with = "last";
	assert_diff(&a, &b,
	    "@@ -9997,4 +9997,4 @@\n"
	    " line 9997\n line 9998\n line 9999\n"
	    "-line 10000\n\\ No newline at end of file\n"
	    "+last\n\\ No newline at end of file\n");
	/* Only the line end added: the last line is shown changed. */
	b = plain;
	assert_diff(&a, &b,
	    "@@ -9997,4 +9997,4 @@\n"
	    " line 9997\n line 9998\n line 9999\n"
	    "-line 10000\n\\ No newline at end of file\n+line 10000\n");
}

static void
two_changes_far_apart_are_two_hunks(void **state)
{
	struct spec a = plain, b = plain;

	(void)state;
	a.eol = b.eol = "\r\n";
	a.before = 20;
	a.extra = "gone";
	b.at = 3000;
	b.with = "late";
	assert_diff(&a, &b,
	    "@@ -17,7 +17,6 @@\n"
	    " line 17\r\n line 18\r\n line 19\r\n-gone\r\n"
	    " line 20\r\n line 21\r\n line 22\r\n"
	    "@@ -2998,7 +2997,7 @@\n"
	    " line 2997\r\n line 2998\r\n line 2999\r\n"
	    "-line 3000\r\n+late\r\n"
	    " line 3001\r\n line 3002\r\n line 3003\r\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(change_in_the_middle_keeps_its_line_numbers),
		cmocka_unit_test(insertion_at_the_start_and_removal_at_the_end),
		cmocka_unit_test(last_line_without_a_line_end),
		cmocka_unit_test(two_changes_far_apart_are_two_hunks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
