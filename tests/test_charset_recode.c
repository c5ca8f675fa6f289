/*
 * The stream that converts the tool's UTF-8 for a terminal of another
 * encoding (src/cli/charset.c, included here for its static parts), fed
 * through a pipe: characters cut between writes, bytes that are not
 * UTF-8, characters ISO-8859-1 lacks, a character cut at the close.
 */
#include "../src/cli/charset.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

/*
 * Writes each of the n pieces to a converting stream (flushed after
 * each, so that each is a write of its own), closes it, and returns what
 * reached the other end of the pipe in out (NUL-terminated).
 */
static void
through(char *out, size_t size, const char *const *pieces, size_t n)
{
	int fds[2];
	FILE *fp;
	size_t i, got = 0;
	ssize_t k;

	assert_int_equal(pipe(fds), 0);
	fp = recoding_stream(fds[1], "ISO-8859-1", _IOFBF);
	assert_non_null(fp);
	for (i = 0; i < n; i++) {
		assert_int_equal(fputs(pieces[i], fp) >= 0, 1);
		assert_int_equal(fflush(fp), 0);
	}
	assert_int_equal(fclose(fp), 0);
	close(fds[1]);
	while ((k = read(fds[0], out + got, size - 1 - got)) > 0)
		got += (size_t)k;
	out[got] = '\0';
	close(fds[0]);
}

static void
characters_cut_between_writes_are_whole(void **state)
{
	static const char *const pieces[] = {
		"Caf\xc3", "\xa9 \xe2", "\x80", "\x94 x\xf0\x9f\x98", "\x80!\n"
	};
	char out[64];

	(void)state;
	through(out, sizeof(out), pieces, 5);
	assert_string_equal(out, "Caf\xe9 -- x?!\n");
}

static void
bytes_that_are_not_utf8_are_one_mark_each(void **state)
{
	/* A lead byte without its continuation takes nothing after it. */
	static const char *const one[] = { "x\xe2" "ABCD\n" };
	static const char *const cut[] = { "x\xe2", "ABCD\n" };
	static const char *const stray[] = { "\x80\xff" "a\xc3\xa9\n" };
	char out[64];

	(void)state;
	through(out, sizeof(out), one, 1);
	assert_string_equal(out, "x?ABCD\n");
	through(out, sizeof(out), cut, 2);
	assert_string_equal(out, "x?ABCD\n");
	through(out, sizeof(out), stray, 1);
	assert_string_equal(out, "??a\xe9\n");
}

/* A refusal right where the converted bytes fill the buffer. */
static void
a_refusal_at_a_full_buffer_is_written_after_it(void **state)
{
	static char in[4100], want[4100], out[8192];
	const char *pieces[1] = { in };

	(void)state;
	memset(in, 'A', 4096);
	memcpy(in + 4096, "\xff" "B", 3);
	memset(want, 'A', 4096);
	memcpy(want + 4096, "?B", 3);
	through(out, sizeof(out), pieces, 1);
	assert_string_equal(out, want);
}

static void
marks_the_encoding_lacks_have_stand_ins(void **state)
{
	static const char *const pieces[] = {
		"\xe2\x9c\x93 done, \xe2\x9c\x97 cancelled, \xe2\x97\xa6 "
		"planned, \xc2\xbb slipped, \xe6\x97\xa5\n"
	};
	char out[128];

	(void)state;
	through(out, sizeof(out), pieces, 1);
	assert_string_equal(out, "v done, x cancelled, o planned, \xbb "
	    "slipped, ?\n");
}

static void
a_character_cut_at_the_close_is_a_mark(void **state)
{
	static const char *const pieces[] = { "ab\xe2\x80" };
	char out[16];

	(void)state;
	through(out, sizeof(out), pieces, 1);
	assert_string_equal(out, "ab?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(characters_cut_between_writes_are_whole),
		cmocka_unit_test(bytes_that_are_not_utf8_are_one_mark_each),
		cmocka_unit_test(a_refusal_at_a_full_buffer_is_written_after_it),
		cmocka_unit_test(marks_the_encoding_lacks_have_stand_ins),
		cmocka_unit_test(a_character_cut_at_the_close_is_a_mark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
