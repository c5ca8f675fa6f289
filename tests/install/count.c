/*
 * Loads the timeline file or directory named and prints how many
 * milestones it holds: a program built against the installed library,
 * by pkg-config or by CMake's find_package().
 */
#include <stdio.h>

#include <timeline/timeline.h>

int
main(int argc, char **argv)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	int status = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: count PATH\n");
		return 2;
	}
	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0)
		goto out;
	if (tl_set_load_path(set, argv[1], diags) < 0 ||
	    tl_set_index(set, diags) < 0 || tl_set_resolve(set, diags) < 0)
		goto out;
	printf("libtimeline %s: %zu milestones, %zu errors\n", tl_version(),
	    tl_set_count(set), tl_diags_errors(diags));
	status = 0;
out:
	tl_diags_free(diags);
	tl_set_free(set);
	return status;
}
