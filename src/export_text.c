/* Placeholder: written next. */
#include "timeline/timeline.h"

int
tl_export_text(FILE *out, const struct tl_set *set,
    const struct tl_text_options *opts)
{
	(void)out; (void)set; (void)opts;
	return TL_EINVAL;
}
