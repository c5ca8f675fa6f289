/*
 * Error descriptions and the library's version.
 */
#include "timeline/common.h"

#ifndef TIMELINE_VERSION
#define TIMELINE_VERSION "0.0.0"
#endif

const char *
tl_strerror(int error)
{
	switch (error) {
	case TL_OK:
		return "success";
	case TL_ENOMEM:
		return "out of memory";
	case TL_EIO:
		return "input/output error";
	case TL_EINVAL:
		return "invalid value";
	case TL_ERANGE:
		return "value out of range";
	case TL_ELIMIT:
		return "input exceeds a limit";
	case TL_EEMPTY:
		return "nothing to export";
	case TL_ENOENT:
		return "no such file or directory";
	}
	return "unknown error";
}

#ifndef TIMELINE_ICAL_VERSION
#define TIMELINE_ICAL_VERSION "unknown"
#endif

/* The version libical had when the library was built. */
const char *
tl_ical_version(void)
{
	return TIMELINE_ICAL_VERSION;
}

const char *
tl_version(void)
{
	return TIMELINE_VERSION;
}
