/*
 * The timeline library: load dated milestones from YAML files, check
 * them, resolve and order them, and export them.
 *
 *	struct tl_set *set;  struct tl_diags *diags;
 *	struct tl_selection *sel;
 *	tl_set_new(&set);  tl_diags_new(&diags);
 *	tl_set_load_path(set, "timeline", diags);
 *	tl_set_index(set, diags);
 *	tl_set_resolve(set, diags);
 *	if (tl_diags_errors(diags) == 0 && tl_set_order(set) == 0 &&
 *	    tl_select(&sel, set, NULL) == 0) {
 *		tl_export_json(stdout, sel, NULL);
 *		tl_selection_free(sel);
 *	}
 *	tl_diags_free(diags);  tl_set_free(set);
 *
 * Every function returns 0 or a negative TL_E* code (common.h) unless
 * its header says otherwise; common.h also says when a pointer argument
 * may be NULL (only where a function's comment says what NULL means)
 * and what the library keeps of what it is given.  See timeline(5) for
 * the file format and timeline(1) for the command-line tool built on
 * this library.
 */
#ifndef TIMELINE_TIMELINE_H
#define TIMELINE_TIMELINE_H

#include "common.h"
#include "date.h"
#include "diag.h"
#include "set.h"
#include "select.h"
#include "export.h"
#include "diff.h"
#include "edit.h"

#endif
