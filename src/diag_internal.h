/*
 * What the loader needs of a diagnostics list beyond the public API:
 * lists filled by several threads are joined in order, and a list can
 * go back to an earlier length when a file is read again.
 */
#ifndef TIMELINE_DIAG_INTERNAL_H
#define TIMELINE_DIAG_INTERNAL_H

#include <stddef.h>

#include "timeline/diag.h"

/* Moves every diagnostic of from to the end of diags; 0 or TL_ENOMEM
 * (then nothing moves). */
int tl_diags_append(struct tl_diags *diags, struct tl_diags *from);

/* Forgets the diagnostics after the first count. */
void tl_diags_truncate(struct tl_diags *diags, size_t count);

#endif
