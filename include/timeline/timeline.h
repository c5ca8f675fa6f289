/*
 * The timeline library: load dated milestones from YAML files, check
 * them, resolve and order them, and export them.
 *
 *	struct tl_set *set;  struct tl_diags *diags;
 *	tl_set_new(&set);  tl_diags_new(&diags);
 *	tl_set_load_path(set, "timeline", diags);
 *	tl_set_resolve(set, diags);
 *	if (tl_diags_errors(diags) == 0)
 *		tl_export_json(stdout, set);
 */
#ifndef TIMELINE_TIMELINE_H
#define TIMELINE_TIMELINE_H

#include "common.h"
#include "date.h"
#include "diag.h"
#include "set.h"
#include "export.h"

#endif
