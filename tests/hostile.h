/*
 * A milestone put together by hand, bypassing the checker: its compact
 * record (see set_internal.h) holds texts no file could (CR, LF, C0 and
 * C1 controls, U+2028, invalid UTF-8), to show that every exporter
 * escapes what it writes.
 */
#ifndef TIMELINE_TESTS_HOSTILE_H
#define TIMELINE_TESTS_HOSTILE_H

#include <stddef.h>

#include "set_internal.h"

struct hostile {
	struct tl_timeline_rec timeline;
	struct tl_milestone *m;
	max_align_t storage[512];
};

/* The hostile milestone's title, as given (not valid UTF-8). */
extern const char hostile_title[];

/* Fills h; with zone non-NULL the milestone names that time zone. */
void hostile_init(struct hostile *h, const char *zone);

#endif
