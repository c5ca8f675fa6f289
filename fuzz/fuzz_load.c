/*
 * Fuzz target: the loader and checker on a file in memory, then the
 * resolver and the day's warnings.
 *
 * Built twice: as fuzz_load, the input is one file; as fuzz_load2
 * (FUZZ_FILES=2), a line "#---" splits it into two files loaded into
 * one set, so that duplicate timelines and references between files
 * are reached.
 *
 * Each input is loaded as a full set and as a check-only set
 * (TL_SET_CHECK_ONLY, what 'timeline check' uses), which "checks
 * everything", so both must report the same diagnostics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "set_internal.h"

#ifndef FUZZ_FILES
#define FUZZ_FILES 1
#endif

#define SPLIT "\n#---\n"

struct part {
	const char *name;
	const char *data;
	size_t len;
};

/* How a run reads its files. */
enum reading { WHOLE, CHECK_ONLY };

/*
 * Loads the parts into a new set, read as asked, resolves it and warns;
 * the diagnostics, as printed, go to *out (free it), followed by the
 * JSON export unless the set is check-only.  Returns 0, or -1 when
 * memory ran out (only under a memory limit).
 */
static int
run(const struct part *parts, size_t nparts, enum reading how, char **out,
    size_t *outlen)
{
	struct tl_set *set = NULL;
	struct tl_diags *diags = NULL;
	unsigned flags = how == CHECK_ONLY ? TL_SET_CHECK_ONLY : 0;
	size_t i, len;
	char *json = NULL, *both;
	struct tl_selection *sel = NULL;
	FILE *fp;
	int error = -1, e;

	*out = NULL;
	if (tl_set_new(&set) < 0 || tl_diags_new(&diags) < 0 ||
	    tl_set_set_flags(set, flags) < 0)
		goto done;
	for (i = 0; i < nparts; i++) {
		e = tl_set_load_buffer(set, parts[i].name, parts[i].data,
		    parts[i].len, diags);
		if (e == TL_ENOMEM)
			goto done;
		if (e != 0)
			fuzz_fail("tl_set_load_buffer failed on a buffer",
			    parts[i].name, strlen(parts[i].name));
	}
	if (tl_set_index(set, diags) < 0 || tl_set_resolve(set, diags) < 0 ||
	    (!(flags & TL_SET_CHECK_ONLY) && tl_set_order(set) < 0))
		goto done;
	if (tl_set_warn(set, tl_day_from_ymd(FUZZ_TODAY_YEAR,
	    FUZZ_TODAY_MONTH, FUZZ_TODAY_DAY), diags) < 0)
		goto done;
	tl_diags_sort(diags);
	fuzz_check_diags(diags);
	if (!(flags & TL_SET_CHECK_ONLY))
		fuzz_check_set(set);
	if (tl_set_file_count(set) != nparts)
		fuzz_fail("file count", NULL, 0);
	if ((*out = fuzz_format_diags(diags, outlen)) == NULL)
		goto done;
	if (!(flags & TL_SET_CHECK_ONLY)) {
		if ((fp = open_memstream(&json, &len)) == NULL)
			goto done;
		e = tl_select(&sel, set, NULL);
		if (e == 0)
			e = tl_export_json(fp, sel, NULL);
		tl_selection_free(sel);
		if (fclose(fp) != 0 || e == TL_ENOMEM)
			goto done;
		if ((both = realloc(*out, *outlen + len + 1)) == NULL)
			goto done;
		memcpy(both + *outlen, json, len + 1);
		*out = both;
		*outlen += len;
	}
	error = 0;
done:
	free(json);
	tl_diags_free(diags);
	tl_set_free(set);
	return error;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *split = NULL;
	struct part parts[2];
	size_t nparts = 1, i, full_len, lean_len;
	char *full = NULL, *lean = NULL;

	if (FUZZ_FILES > 1) {
		for (i = 0; i + sizeof(SPLIT) - 1 <= size; i++)
			if (memcmp(text + i, SPLIT, sizeof(SPLIT) - 1) == 0) {
				split = text + i;
				break;
			}
	}
	parts[0].name = "fuzz/a.yaml";
	parts[0].data = text;
	parts[0].len = size;
	if (split != NULL) {
		/* Each file keeps its own final newline. */
		parts[0].len = (size_t)(split - text) + 1;
		parts[1].name = "fuzz/b.yaml";
		parts[1].data = split + sizeof(SPLIT) - 1;
		parts[1].len = size - (size_t)(split - text) -
		    (sizeof(SPLIT) - 1);
		nparts = 2;
	}
	if (run(parts, nparts, WHOLE, &full, &full_len) == 0 &&
	    run(parts, nparts, CHECK_ONLY, &lean, &lean_len) == 0 &&
	    (lean_len > full_len || memcmp(full, lean, lean_len) != 0 ||
	    strncmp(full + lean_len, "{\"timelines\"", 12) != 0)) {
		fprintf(stderr, "fuzz: full set:\n%s\nfuzz: check-only set:\n"
		    "%s\n", full, lean);
		fuzz_fail("a check-only set reports other diagnostics than a "
		    "full set", NULL, 0);
	}
	free(full);
	free(lean);
	return 0;
}
