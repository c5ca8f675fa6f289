/*
 * Tests of the stream that a second thread writes to a file
 * (src/cli/writer.c): what reaches the file, by either path to the disk.
 *
 * write() is wrapped: it counts the writes made with O_DIRECT set and,
 * when a test asks, refuses them (as a file system without direct
 * writes does) or cuts one short at an odd length (as a file size limit
 * does), so that the fall-back to the page cache is exercised on any
 * file system.
 */
#define _GNU_SOURCE 1	/* O_DIRECT */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "writer.h"

enum fault { FAULT_NONE, FAULT_REFUSE_DIRECT, FAULT_SHORT_DIRECT };

/* What the wrapped write() does and saw; set by each test. */
static struct {
	enum fault fault;
	int direct_writes;	/* writes made with O_DIRECT set */
	int buffered_writes;
	int cut;		/* a short write was made */
} seen;

ssize_t __real_write(int fd, const void *buf, size_t len);
ssize_t __wrap_write(int fd, const void *buf, size_t len);

ssize_t
__wrap_write(int fd, const void *buf, size_t len)
{
	int flags = fcntl(fd, F_GETFL);
	ssize_t n;

	if (flags < 0 || !(flags & O_DIRECT)) {
		seen.buffered_writes++;
		return __real_write(fd, buf, len);
	}
	seen.direct_writes++;
	if (seen.fault == FAULT_REFUSE_DIRECT) {
		errno = EINVAL;
		return -1;
	}
	if (seen.fault == FAULT_SHORT_DIRECT && !seen.cut && len > 5000) {
		/* 5,000 bytes land, through the page cache as the kernel
		 * would for a write it can only partly make. */
		seen.cut = 1;
		fcntl(fd, F_SETFL, flags & ~O_DIRECT);
		n = __real_write(fd, buf, 5000);
		fcntl(fd, F_SETFL, flags);
		return n;
	}
	return __real_write(fd, buf, len);
}

/* Bytes that differ from block to block, so that a block written twice,
 * lost or out of order shows. */
static unsigned char *
pattern(size_t len)
{
	unsigned char *p = malloc(len);
	uint32_t x = 2463534242u;
	size_t i;

	assert_non_null(p);
	for (i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)x;
	}
	return p;
}

/* Can a file in the working directory be opened for direct writes? */
static int
direct_supported(void)
{
	char name[] = "writer-probe.XXXXXX";
	int fd = mkstemp(name), ok;

	assert_true(fd >= 0);
	unlink(name);
	ok = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_DIRECT) == 0;
	close(fd);
	return ok;
}

/*
 * Writes len bytes of the pattern through a writer on a new file, in
 * pieces of step bytes, and checks that the file holds exactly them.
 */
static void
write_and_compare(size_t len, size_t step, int new_file)
{
	char name[] = "writer-out.XXXXXX";
	unsigned char *data = pattern(len), *back;
	size_t done, n;
	struct stat st;
	FILE *fp;
	int fd;

	/* Gone from the directory at once: nothing is left behind when an
	 * assertion fails. */
	fd = mkstemp(name);
	assert_true(fd >= 0);
	unlink(name);
	fp = cli_writer_open(fd, new_file);
	assert_non_null(fp);
	for (done = 0; done < len; done += n) {
		n = len - done < step ? len - done : step;
		assert_int_equal(fwrite(data + done, 1, n, fp), n);
	}
	assert_int_equal(fclose(fp), 0);
	/* The descriptor is left as it was found: no O_DIRECT. */
	assert_false(fcntl(fd, F_GETFL) & O_DIRECT);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal((size_t)st.st_size, len);
	back = malloc(len + 1);
	assert_non_null(back);
	assert_int_equal(pread(fd, back, len + 1, 0), (ssize_t)len);
	assert_memory_equal(back, data, len);
	close(fd);
	free(back);
	free(data);
}

static int
reset(void **state)
{
	(void)state;
	memset(&seen, 0, sizeof(seen));
	return 0;
}

static void
whole_blocks_of_a_new_file_go_straight_to_the_disk(void **state)
{
	(void)state;
	/* Five blocks of a megabyte and a partial one, in odd pieces. */
	write_and_compare((5u << 20) + 1234, 65521, 1);
	if (direct_supported()) {
		assert_int_equal(seen.direct_writes, 5);
		assert_int_equal(seen.buffered_writes, 1);
	} else {
		assert_int_equal(seen.direct_writes, 0);
	}
}

static void
an_output_of_whole_blocks_is_written_whole(void **state)
{
	(void)state;
	write_and_compare(3u << 20, 4096, 1);
}

static void
a_refused_direct_write_goes_through_the_page_cache(void **state)
{
	(void)state;
	seen.fault = FAULT_REFUSE_DIRECT;
	write_and_compare((3u << 20) + 77, 100000, 1);
	/* Refused once, not asked for again: every block buffered. */
	assert_int_equal(seen.direct_writes, direct_supported() ? 1 : 0);
	assert_int_equal(seen.buffered_writes, 4);
}

static void
a_short_direct_write_is_finished_through_the_page_cache(void **state)
{
	(void)state;
	if (!direct_supported())
		skip();
	seen.fault = FAULT_SHORT_DIRECT;
	write_and_compare((4u << 20) + 999, 1 << 20, 1);
	assert_true(seen.cut);
	/* The rest of the cut block and every later one are buffered. */
	assert_int_equal(seen.direct_writes, 1);
	assert_int_equal(seen.buffered_writes, 5);
}

static void
an_existing_file_is_never_written_directly(void **state)
{
	(void)state;
	write_and_compare((3u << 20) + 5, 8191, 0);
	assert_int_equal(seen.direct_writes, 0);
}

static void
a_small_output_is_written_at_close(void **state)
{
	(void)state;
	write_and_compare(1000, 7, 1);
	assert_int_equal(seen.direct_writes, 0);
	assert_int_equal(seen.buffered_writes, 1);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup(name, reset)
	const struct CMUnitTest tests[] = {
		T(whole_blocks_of_a_new_file_go_straight_to_the_disk),
		T(an_output_of_whole_blocks_is_written_whole),
		T(a_refused_direct_write_goes_through_the_page_cache),
		T(a_short_direct_write_is_finished_through_the_page_cache),
		T(an_existing_file_is_never_written_directly),
		T(a_small_output_is_written_at_close),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
