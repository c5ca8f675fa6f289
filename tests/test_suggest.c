/*
 * Tests of suggestions: the closest known name, the slug meant.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "suggest.h"

static const char *const names[] = {
	"title", "timeline", "tags", "Asia/Tokyo", "Europe/Berlin"
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static const char *
closest(const char *word)
{
	return tl_closest(word, strlen(word), names, NNAMES);
}

static void
closest_prefers_a_name_that_differs_only_in_case(void **state)
{
	(void)state;
	assert_string_equal(closest("asia/tokyo"), "Asia/Tokyo");
	assert_string_equal(closest("TITLE"), "title");
}

static void
closest_takes_up_to_two_edits(void **state)
{
	(void)state;
	assert_string_equal(closest("titel"), "title");
	assert_string_equal(closest("tgs"), "tags");
	assert_string_equal(closest("Europe/Berln"), "Europe/Berlin");
	assert_null(closest("location"));
	assert_null(closest("t"));
	assert_null(closest(""));
}

static void
closest_keeps_a_letter_of_the_word(void **state)
{
	static const char *const keys[] = { "id", "title", "date", "url" };

	(void)state;
	/* Two edits that change every letter are a different word: 'k0'
	 * is not 'id', nor 'x' or 'ab' anything here. */
	assert_null(tl_closest("k0", 2, keys, 4));
	assert_null(tl_closest("x", 1, keys, 4));
	assert_null(tl_closest("ab", 2, keys, 4));
	/* Two edits that keep a letter still count. */
	assert_string_equal(tl_closest("ttl", 3, keys, 4), "title");
	assert_string_equal(tl_closest("dt", 2, keys, 4), "date");
	assert_string_equal(tl_closest("ur", 2, keys, 4), "url");
	assert_string_equal(tl_closest("i", 1, keys, 4), "id");
}

static void
closest_prefers_the_same_first_letter_between_equals(void **state)
{
	static const char *const keys[] = {
		"id", "title", "date", "start", "end", "links", "location"
	};

	(void)state;
	/* 'end' and 'links' are both two edits from 'lnk'. */
	assert_string_equal(tl_closest("lnk", 3, keys, 7), "links");
	/* A closer name still wins over the first letter. */
	assert_string_equal(tl_closest("ned", 3, keys, 7), "end");
}

static void
closest_counts_two_letters_swapped_as_one_edit(void **state)
{
	static const char *const keys[] = {
		"id", "title", "start", "end", "status", "date"
	};

	(void)state;
	/* 'stauts' is 'status' with two letters swapped (one edit), and
	 * two edits from 'start'. */
	assert_string_equal(tl_closest("stauts", 6, keys, 6), "status");
	assert_string_equal(tl_closest("tilte", 5, keys, 6), "title");
	assert_string_equal(tl_closest("di", 2, keys, 6), "id");
	assert_string_equal(tl_closest("adte", 4, keys, 6), "date");
}

/* The distance by the whole table, with swaps, capped at 3. */
static int
reference_distance(const char *a, size_t la, const char *b, size_t lb)
{
	static int d[130][130];
	int v;
	size_t i, j;

	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb] > 2 ? 3 : d[la][lb];
}

static void
edit_distance_agrees_with_the_whole_table(void **state)
{
	char a[11], b[11];
	uint32_t x = 12345;
	size_t la, lb, i, k;

	(void)state;
	/* Words over three letters, so that swaps and repeats are many. */
	for (k = 0; k < 200000; k++) {
		x = x * 1103515245u + 12345u;
		la = (x >> 16) % 11;
		x = x * 1103515245u + 12345u;
		lb = (x >> 16) % 11;
		for (i = 0; i < la; i++) {
			x = x * 1103515245u + 12345u;
			a[i] = (char)('a' + (x >> 16) % 3);
		}
		for (i = 0; i < lb; i++) {
			x = x * 1103515245u + 12345u;
			b[i] = (char)('a' + (x >> 16) % 3);
		}
		assert_int_equal(tl_edit_distance(a, la, b, lb),
		    reference_distance(a, la, b, lb));
	}
}

static void
edit_distance_agrees_on_long_words(void **state)
{
	char a[128], b[128];
	uint32_t x = 54321;
	size_t la, lb, i, k, same;

	(void)state;
	/* Long words alike but for a few letters: the cells far from the
	 * diagonal are left out, and must not change the answer. */
	for (k = 0; k < 20000; k++) {
		x = x * 1103515245u + 12345u;
		la = 20 + (x >> 16) % 100;
		for (i = 0; i < la; i++) {
			x = x * 1103515245u + 12345u;
			a[i] = (char)('a' + (x >> 16) % 3);
		}
		x = x * 1103515245u + 12345u;
		same = (x >> 16) % (la + 1);
		memcpy(b, a, la);
		lb = la;
		for (i = same; i < lb && lb < sizeof(b) - 1; i++) {
			x = x * 1103515245u + 12345u;
			switch ((x >> 16) % 16) {
			case 0:		/* a letter replaced */
				b[i] = (char)('a' + (x >> 20) % 3);
				break;
			case 1:		/* a letter left out */
				memmove(b + i, b + i + 1, lb - i - 1);
				lb--;
				break;
			case 2:		/* a letter put in */
				memmove(b + i + 1, b + i, lb - i);
				b[i] = 'c';
				lb++;
				break;
			}
		}
		assert_int_equal(tl_edit_distance(a, la, b, lb),
		    reference_distance(a, la, b, lb));
	}
}

static void
closest_reads_only_len_bytes(void **state)
{
	(void)state;
	assert_string_equal(tl_closest("tagsXYZ", 4, names, NNAMES), "tags");
	assert_null(tl_closest("title", 5, names, 0));
}

static void
slug_suggest_makes_the_slug_meant(void **state)
{
	char buf[80];

	(void)state;
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf), "My_Plan", 7), 0);
	assert_string_equal(buf, "my-plan");
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf), " Rust  Kernel! ",
	    15), 0);
	assert_string_equal(buf, "rust-kernel");
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf), "__", 2),
	    TL_EINVAL);
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf), "caf\xc3\xa9", 5),
	    0);
	assert_string_equal(buf, "cafe");
	/* Longer than a slug may be: no suggestion. */
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf),
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	    65), TL_EINVAL);
	assert_int_equal(tl_slug_suggest(buf, 4, "abcdef", 6), TL_EINVAL);
}

static void
slug_suggest_reads_dashes_spaces_and_latin1_letters(void **state)
{
	char buf[80];

	(void)state;
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf),
	    "rust\xe2\x80\x93" "for\xe2\x80\x94linux", 18), 0);
	assert_string_equal(buf, "rust-for-linux");
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf),
	    "at\xe2\x80\x91risk\xe2\x88\x92", 12), 0);
	assert_string_equal(buf, "at-risk");
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf),
	    "\xc3\x9c" "ber Stra\xc3\x9f" "e", 13), 0);
	assert_string_equal(buf, "uber-strasse");
	/* What cannot be seen is left out; a wide space separates. */
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf),
	    "ab\xe2\x80\x8b" "c\xc2\xa0" "d", 9), 0);
	assert_string_equal(buf, "abc-d");
	/* Letters past Latin-1 get no guess. */
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf),
	    "\xe6\x9d\xb1\xe4\xba\xac", 6), TL_EINVAL);
	assert_int_equal(tl_slug_suggest(buf, sizeof(buf), "a\xc3\x97" "b",
	    4), TL_EINVAL);
}

static void
status_meant_reads_other_trackers_words(void **state)
{
	(void)state;
	assert_int_equal(tl_status_meant("done", 4), TL_STATUS_DONE);
	assert_int_equal(tl_status_meant("Done", 4), TL_STATUS_DONE);
	assert_int_equal(tl_status_meant("COMPLETED", 9), TL_STATUS_DONE);
	assert_int_equal(tl_status_meant("blocked", 7), TL_STATUS_AT_RISK);
	assert_int_equal(tl_status_meant("late", 4), TL_STATUS_SLIPPED);
	assert_int_equal(tl_status_meant("todo", 4), TL_STATUS_PLANNED);
	assert_int_equal(tl_status_meant("dropped", 7), TL_STATUS_CANCELLED);
	assert_int_equal(tl_status_meant("canceled", 8), TL_STATUS_CANCELLED);
	assert_int_equal(tl_status_meant("planed", 6), TL_STATUS_PLANNED);
	/* Only len bytes are read. */
	assert_int_equal(tl_status_meant("latex", 4), TL_STATUS_SLIPPED);
	assert_int_equal(tl_status_meant("wontfix", 7), TL_STATUS_CANCELLED);
	/* Work under way is planned, never 'done' by its spelling. */
	assert_int_equal(tl_status_meant("doing", 5), TL_STATUS_PLANNED);
	assert_int_equal(tl_status_meant("In Progress", 11),
	    TL_STATUS_PLANNED);
	assert_int_equal(tl_status_meant("To Do", 5), TL_STATUS_PLANNED);
	/* Blanks and '_' stand for '-'; an apostrophe is left out. */
	assert_int_equal(tl_status_meant("won't fix", 9), TL_STATUS_CANCELLED);
	assert_int_equal(tl_status_meant("on_hold", 7), TL_STATUS_SLIPPED);
	assert_int_equal(tl_status_meant("At Risk", 7), TL_STATUS_AT_RISK);
	assert_int_equal(tl_status_meant("zzzz", 4), TL_EINVAL);
	assert_int_equal(tl_status_meant("", 0), TL_EINVAL);
	assert_int_equal(tl_status_meant(NULL, 0), TL_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closest_prefers_a_name_that_differs_only_in_case),
		cmocka_unit_test(closest_takes_up_to_two_edits),
		cmocka_unit_test(closest_keeps_a_letter_of_the_word),
		cmocka_unit_test(closest_prefers_the_same_first_letter_between_equals),
		cmocka_unit_test(closest_counts_two_letters_swapped_as_one_edit),
		cmocka_unit_test(edit_distance_agrees_with_the_whole_table),
		cmocka_unit_test(edit_distance_agrees_on_long_words),
		cmocka_unit_test(closest_reads_only_len_bytes),
		cmocka_unit_test(slug_suggest_makes_the_slug_meant),
		cmocka_unit_test(slug_suggest_reads_dashes_spaces_and_latin1_letters),
		cmocka_unit_test(status_meant_reads_other_trackers_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
