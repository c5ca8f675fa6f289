/*
 * The diff command: two versions of the data compared.
 */
#ifndef TIMELINE_CLI_DIFF_H
#define TIMELINE_CLI_DIFF_H

#include "args.h"

/*
 * Runs timeline diff as a asks: OLD and NEW, or --since REV and the
 * PATHs.  Prints the diagnostics when either version has errors and
 * writes the changes to standard output.  Returns the exit status: 0;
 * 1 for errors in the data, or changes under --exit-code; 2 for usage
 * and read errors.
 */
int cli_diff(const struct cli_args *a);

#endif
