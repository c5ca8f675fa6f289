/* Placeholder: written next. */
#include "timeline/timeline.h"

int
tl_export_ics(FILE *out, const struct tl_set *set,
    const struct tl_ics_options *opts)
{
	(void)out; (void)set; (void)opts;
	return TL_EINVAL;
}

int
tl_export_ics_check(const struct tl_set *set, struct tl_diags *diags)
{
	(void)set; (void)diags;
	return 0;
}
