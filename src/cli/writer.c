/*
 * A stream written to a file by a second thread.
 *
 * The caller fills one block at a time; a full block joins a queue that
 * the thread writes out in order.  Four blocks bound the memory; when
 * the disk falls behind, the caller waits for a block to come free.
 *
 * A new file that is to be synced anyway takes its whole blocks
 * straight to the disk (O_DIRECT): the kernel then copies nothing into
 * the page cache, which for an export of hundreds of megabytes was the
 * writing thread's whole cost.  The last, partial block is written
 * through the page cache, and so is everything on a file system that
 * refuses direct writes.
 */
#define _GNU_SOURCE 1	/* fopencookie(), sync_file_range(), O_DIRECT */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "writer.h"

#define BLOCK_SIZE ((size_t)1 << 20)
#define NBLOCKS 4
/* Alignment of the blocks' memory, length and file offset that direct
 * writes need: a page covers every logical block size in use. */
#define DIRECT_ALIGN ((size_t)4096)
/* Bytes written between requests to start writing to the disk. */
#define FLUSH_EVERY ((off_t)8 << 20)

/* How the thread writes whole blocks. */
enum direct_state {
	DIRECT_UNTRIED,		/* not yet asked for */
	DIRECT_ON,		/* the descriptor has O_DIRECT set */
	DIRECT_OFF		/* through the page cache */
};

struct writer {
	int fd;
	int new_file;
	enum direct_state direct;	/* the thread's own */
	char *block[NBLOCKS];
	size_t len[NBLOCKS];
	size_t fill;			/* the block the caller fills */
	size_t fill_len;
	pthread_mutex_t lock;		/* guards what follows */
	pthread_cond_t ready;		/* a block is queued, or the end */
	pthread_cond_t room;		/* a queued block was written */
	size_t first, queued;		/* the queue: blocks first, first+1.. */
	int closing;
	int error;			/* errno of the first failed write */
	int started;			/* the thread runs */
	pthread_t thread;
	off_t written, flushed;		/* the thread's own */
};

/* Sets or clears O_DIRECT on the writer's descriptor; 0 or -1. */
static int
set_direct(struct writer *w, int on)
{
	int flags = fcntl(w->fd, F_GETFL);

	if (flags < 0)
		return -1;
	flags = on ? flags | O_DIRECT : flags & ~O_DIRECT;
	return fcntl(w->fd, F_SETFL, flags);
}

/* Chooses how the next len bytes are written: directly when they are
 * whole pages of a new file and the file system takes it, else through
 * the page cache from then on. */
static void
choose_path(struct writer *w, size_t len)
{
	if (w->direct == DIRECT_OFF)
		return;
	if (len % DIRECT_ALIGN != 0 || (w->written % (off_t)DIRECT_ALIGN)) {
		if (w->direct == DIRECT_ON)
			(void)set_direct(w, 0);
		w->direct = DIRECT_OFF;
		return;
	}
	if (w->direct == DIRECT_UNTRIED)
		w->direct = set_direct(w, 1) == 0 ? DIRECT_ON : DIRECT_OFF;
}

/* Writes all of len bytes at p to the file; 0, or an errno value. */
static int
write_all(struct writer *w, const char *p, size_t len)
{
	ssize_t n;

	choose_path(w, len);
	while (len > 0) {
		n = write(w->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EINVAL && w->direct == DIRECT_ON) {
			/* Refused as a direct write (alignment, or a file
			 * system that only says so now): the page cache. */
			if (set_direct(w, 0) < 0)
				return errno;
			w->direct = DIRECT_OFF;
			continue;
		}
		if (n < 0)
			return errno;
		if (n == 0)
			return EIO;
		p += n;
		len -= (size_t)n;
		w->written += n;
		if (len > 0 && w->direct == DIRECT_ON)
			choose_path(w, len);
	}
	return 0;
}

static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	size_t b;
	int error;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->queued == 0 && !w->closing)
			pthread_cond_wait(&w->ready, &w->lock);
		if (w->queued == 0)
			break;
		b = w->first;
		error = w->error;
		pthread_mutex_unlock(&w->lock);
		/* After a failure the rest is dropped, not written. */
		if (error == 0)
			error = write_all(w, w->block[b], w->len[b]);
		if (error == 0 && w->new_file && w->direct == DIRECT_OFF) {
			if (w->written - w->flushed >= FLUSH_EVERY) {
				/* Only a hint: a file system may refuse. */
				(void)sync_file_range(w->fd, w->flushed,
				    w->written - w->flushed,
				    SYNC_FILE_RANGE_WRITE);
				w->flushed = w->written;
			}
		}
		pthread_mutex_lock(&w->lock);
		if (error != 0 && w->error == 0)
			w->error = error;
		w->first = (w->first + 1) % NBLOCKS;
		w->queued--;
		pthread_cond_signal(&w->room);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Starts the thread, with every signal blocked in it; 0 or -1. */
static int
writer_start(struct writer *w)
{
	sigset_t all, old;
	int error;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	error = pthread_create(&w->thread, NULL, writer_run, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (error != 0)
		return -1;
	w->started = 1;
	return 0;
}

/* Hands the block being filled to the thread, or writes it when there
 * is none; 0, or -1 with errno set. */
static int
hand_over(struct writer *w)
{
	int error;

	if (w->fill_len == 0)
		return 0;
	if (!w->started && writer_start(w) < 0) {
		/* No thread: write on this one (w->error is then ours). */
		if (w->error != 0) {
			errno = w->error;
			return -1;
		}
		if ((error = write_all(w, w->block[w->fill],
		    w->fill_len)) != 0) {
			w->error = error;
			errno = error;
			return -1;
		}
		w->fill_len = 0;
		return 0;
	}
	pthread_mutex_lock(&w->lock);
	/* One block always stays with the caller. */
	while (w->queued == NBLOCKS - 1)
		pthread_cond_wait(&w->room, &w->lock);
	w->len[w->fill] = w->fill_len;
	w->queued++;
	pthread_cond_signal(&w->ready);
	error = w->error;
	pthread_mutex_unlock(&w->lock);
	w->fill = (w->fill + 1) % NBLOCKS;
	w->fill_len = 0;
	if (error != 0) {
		errno = error;
		return -1;
	}
	return 0;
}

static ssize_t
writer_write(void *cookie, const char *buf, size_t size)
{
	struct writer *w = cookie;
	size_t done = 0, n;

	while (done < size) {
		n = BLOCK_SIZE - w->fill_len;
		if (n > size - done)
			n = size - done;
		memcpy(w->block[w->fill] + w->fill_len, buf + done, n);
		w->fill_len += n;
		done += n;
		/* fopencookie(3): 0, never a negative count, on error. */
		if (w->fill_len == BLOCK_SIZE && hand_over(w) < 0)
			return 0;
	}
	return (ssize_t)size;
}

static void
writer_free(struct writer *w)
{
	size_t i;

	for (i = 0; i < NBLOCKS; i++)
		free(w->block[i]);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->ready);
	pthread_cond_destroy(&w->room);
	free(w);
}

static int
writer_close(void *cookie)
{
	struct writer *w = cookie;
	int error = 0;

	/* A small output never started the thread: it is written here. */
	if (hand_over(w) < 0)
		error = errno;
	if (w->started) {
		pthread_mutex_lock(&w->lock);
		w->closing = 1;
		pthread_cond_signal(&w->ready);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
	}
	/* The thread is done: its error can be read without the lock. */
	if (error == 0)
		error = w->error;
	/* The descriptor goes back as it came. */
	if (w->direct == DIRECT_ON && set_direct(w, 0) < 0 && error == 0)
		error = errno;
	writer_free(w);
	if (error != 0) {
		errno = error;
		return -1;
	}
	return 0;
}

FILE *
cli_writer_open(int fd, int new_file)
{
	static const cookie_io_functions_t io = {
		.write = writer_write,
		.close = writer_close,
	};
	struct writer *w;
	size_t i;
	FILE *fp;
	int saved;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	w->fd = fd;
	w->new_file = new_file;
	w->direct = new_file ? DIRECT_UNTRIED : DIRECT_OFF;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->ready, NULL);
	pthread_cond_init(&w->room, NULL);
	for (i = 0; i < NBLOCKS; i++)
		if ((errno = posix_memalign((void **)&w->block[i],
		    DIRECT_ALIGN, BLOCK_SIZE)) != 0) {
			w->block[i] = NULL;
			goto fail;
		}
	if ((fp = fopencookie(w, "w", io)) == NULL)
		goto fail;
	return fp;
fail:
	saved = errno;
	writer_free(w);
	errno = saved;
	return NULL;
}
