/*
 * The editing commands: move, done and status.
 */
#ifndef TIMELINE_CLI_EDIT_CMD_H
#define TIMELINE_CLI_EDIT_CMD_H

#include "args.h"

/*
 * Runs the editing command that a describes (SPEC section 8) and
 * returns the exit status; diagnostics go to standard error, the
 * milestones that move to standard output.
 */
int cli_edit_run(const struct cli_args *a);

#endif
