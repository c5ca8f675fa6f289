/*
 * The reader's entry points, used by the loader (load.c).
 */
#ifndef TIMELINE_READ_H
#define TIMELINE_READ_H

#include <stddef.h>
#include <stdint.h>

#include "timeline/diag.h"
#include "set_internal.h"

/*
 * Reads one file, from the open descriptor fd (read to its end, not
 * closed) or from len bytes at data,
 * under the name 'name' (the set's copy), checking it and adding its
 * timeline and milestones to the set.  Problems go to diags, a read
 * error among them ("cannot read: ...", and TL_EIO).  Returns 0,
 * TL_EIO or TL_ENOMEM.
 */
int tl_read_file(struct tl_set *set, const char *name, uint32_t file_index,
    int fd, struct tl_diags *diags);
int tl_read_text(struct tl_set *set, const char *name, uint32_t file_index,
    const char *data, size_t len, struct tl_diags *diags);

struct tl_source;

/*
 * As tl_read_file(), the text read from src (source.h) from its start
 * to its end: the file an edit would write, never written.
 */
int tl_read_source(struct tl_set *set, const char *name,
    uint32_t file_index, struct tl_source *src, struct tl_diags *diags);

#endif
