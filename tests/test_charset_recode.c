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
through_to(const char *codeset, char *out, size_t size,
    const char *const *pieces, size_t n)
{
	int fds[2];
	FILE *fp;
	size_t i, got = 0;
	ssize_t k;

	assert_int_equal(pipe(fds), 0);
	fp = recoding_stream(fds[1], codeset, _IOFBF);
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
through(char *out, size_t size, const char *const *pieces, size_t n)
{
	through_to("ISO-8859-1", out, size, pieces, n);
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

/*
 * Characters that 8-bit encodings put among the controls reach the
 * terminal as stand-ins: in KOI8-R '\u2321' is 0x9B (CSI) and '\u2500'
 * 0x80; in CP1251 '\u203a' is 0x9B and the em dash 0x97; in TCVN5712-1
 * letters are C0 bytes.  Letters these encodings have elsewhere stay.
 */
static void
characters_that_encode_as_controls_have_stand_ins(void **state)
{
	static const char *const koi[] = {
		"\xe2\x8c\xa1" "2J \xe2\x94\x80 \xd0\x96\n"
	};
	static const char *const cp1251[] = {
		"\xe2\x80\xba" "31m \xe2\x80\x94 \xd0\x96\n"
	};
	static const char *const tcvn[] = { "\xe1\xbb\xac" "2J\n" };
	char out[64];

	(void)state;
	through_to("KOI8-R", out, sizeof(out), koi, 1);
	assert_string_equal(out, "?2J - \xf6\n");
	through_to("CP1251", out, sizeof(out), cp1251, 1);
	assert_string_equal(out, ">31m -- \xc6\n");
	through_to("TCVN5712-1", out, sizeof(out), tcvn, 1);
	assert_string_equal(out, "?2J\n");
}

/* In an encoding of two bytes a character, 0x80-0x9F lead: kept. */
static void
bytes_that_lead_a_character_are_kept(void **state)
{
	static const char *const sjis[] = { "\xe6\x97\xa5 x\n" };
	char out[16];

	(void)state;
	through_to("SHIFT_JIS", out, sizeof(out), sjis, 1);
	assert_string_equal(out, "\x93\xfa x\n");
}

/*
 * Converters that hold a character back to see whether a combining mark
 * follows write it all the same: EUC-JISX0213's 'か' and 'き' (A4AB,
 * A4AD), BIG5-HKSCS' 'Ê' (8866).
 */
static void
characters_held_back_are_written(void **state)
{
	static const char *const jis[] = { "\xe3\x81\x8b\xe3\x81\x8d a\n" };
	static const char *const hk[] = { "\xc3\x8ax\n" };
	char out[16];

	(void)state;
	through_to("EUC-JISX0213", out, sizeof(out), jis, 1);
	assert_string_equal(out, "\xa4\xab\xa4\xad a\n");
	through_to("BIG5-HKSCS", out, sizeof(out), hk, 1);
	assert_string_equal(out, "\x88\x66x\n");
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
		cmocka_unit_test(
		    characters_that_encode_as_controls_have_stand_ins),
		cmocka_unit_test(bytes_that_lead_a_character_are_kept),
		cmocka_unit_test(characters_held_back_are_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
