/*
 * What the library's own stages add to a list of diagnostics beyond
 * diag.h.
 */
#ifndef TIMELINE_DIAG_INTERNAL_H
#define TIMELINE_DIAG_INTERNAL_H

#include <stdint.h>

#include "timeline/diag.h"

/*
 * Gives the diagnostic added last a note, as tl_diags_note() does, at a
 * place of the file of index file_index: the note is dropped only when
 * that is the diagnostic's own file (by index, not by name: two texts
 * given under one name are two files), line and column.
 */
int tl_diags_note_in(struct tl_diags *diags, const char *file,
    uint32_t file_index, uint32_t line, uint32_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/*
 * Drops the diagnostics of the file of index file_index, among those
 * added since the list held 'from', whose code is one of codes[0..n):
 * what follows from a problem said better by the one about to be added
 * (anchors in a file that is no timeline).
 */
void tl_diags_drop(struct tl_diags *diags, size_t from, uint32_t file_index,
    const char *const *codes, size_t n);

#endif
