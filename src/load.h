/*
 * The loader's entry points, used by the set.
 */
#ifndef TIMELINE_LOAD_H
#define TIMELINE_LOAD_H

#include <stdio.h>

#include "timeline/diag.h"
#include "set_internal.h"

/*
 * Loads one file, from the open stream fp or from len bytes at data,
 * under the name 'name' (the set's copy), checking it and adding its
 * timeline and milestones to the set.  Problems go to diags.  Returns 0,
 * or TL_ENOMEM.
 */
int tl_load_file(struct tl_set *set, const char *name, uint32_t file_index,
    FILE *fp, struct tl_diags *diags);
int tl_load_text(struct tl_set *set, const char *name, uint32_t file_index,
    const char *data, size_t len, struct tl_diags *diags);

#endif
