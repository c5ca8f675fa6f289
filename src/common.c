/*
 * Error descriptions and the library's version.
 */
/* strerrordesc_np() is a GNU extension. */
#define _GNU_SOURCE 1

#include <string.h>

#include "timeline/common.h"
#include "set_internal.h"

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

/*
 * The system's description of errno value e: with glibc 2.32 or later,
 * in English whatever the caller's locale (strerror() speaks the
 * locale's language, in its character set, which need not be UTF-8);
 * with another C library, strerror()'s.
 */
const char *
tl_errno_text(int e)
{
#if defined(__GLIBC__) && \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
	const char *s = strerrordesc_np(e);

	return s != NULL ? s : "unknown error";
#else
	return strerror(e);
#endif
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
