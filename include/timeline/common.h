/*
 * Error codes, versions and the small helpers shared by every part of
 * the timeline library, and the conventions of all its headers:
 *
 * A pointer argument must not be NULL unless the function's comment
 * says what NULL means there ("NULL for the defaults", "accepts NULL",
 * "TL_EINVAL for a NULL name"); a NULL anywhere else is a mistake that
 * the library need not catch.  A buffer written like snprintf, a
 * pointer and its size, may be NULL when the size is 0.
 *
 * A function reads what its arguments point to during the call and
 * keeps no pointer to it, unless its comment says what it keeps (a
 * selection its set, a diff its two sets, a list of diagnostics the
 * codes it is given).  What the library hands out (strings, records,
 * diagnostics) stays valid until the set, list, selection or diff that
 * holds it is freed, unless its comment gives it to the caller to free.
 *
 * Thread safety: the functions below keep no state; call them from any
 * thread.
 */
#ifndef TIMELINE_COMMON_H
#define TIMELINE_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The library's version at compile time; tl_version() tells the one
 * linked at run time.
 */
#define TL_VERSION_MAJOR 0
#define TL_VERSION_MINOR 3
#define TL_VERSION_PATCH 0

/* Marks the functions the shared library exports; nothing else is. */
#if defined(__GNUC__) || defined(__clang__)
#define TL_EXTERN __attribute__((visibility("default")))
#else
#define TL_EXTERN
#endif

/*
 * Every library function that can fail returns 0 on success or one of
 * these negative codes.  Problems in the data itself are not errors of
 * this kind: they are reported as diagnostics (see diag.h) and the call
 * still returns 0.
 */
enum tl_error {
	TL_OK = 0,
	TL_ENOMEM = -1,		/* an allocation failed */
	TL_EIO = -2,		/* a file could not be read or written */
	TL_EINVAL = -3,		/* an argument or a value is malformed */
	TL_ERANGE = -4,		/* a value is outside what can be represented */
	TL_ELIMIT = -5,		/* input exceeds a documented limit */
	TL_EEMPTY = -6,		/* nothing to export */
	TL_ENOENT = -7		/* a file or directory does not exist */
};

/*
 * Returns a static English description of an error code; never NULL.
 */
TL_EXTERN const char *tl_strerror(int error);

/*
 * The library's version as "MAJOR.MINOR.PATCH"; a static string.
 */
TL_EXTERN const char *tl_version(void);

/*
 * The name of names[0..n) that len bytes at word were probably meant to
 * be: one that differs only in the case of ASCII letters, else the
 * first within two edits (letters added, removed or changed) that keep a
 * letter of it ('k0' is not taken for "id"); NULL when none is that
 * close.  The pointer is one of names.
 */
TL_EXTERN const char *tl_closest(const char *word, size_t len,
    const char *const *names, size_t n);

/*
 * Whether len bytes at s are a slug: lower-case letters, digits and
 * inner hyphens, 1 to 64 bytes (what names timelines, ids and tags).
 */
TL_EXTERN int tl_slug_valid(const char *s, size_t len);

/*
 * Writes into buf (size bytes) the slug that len bytes of text were
 * probably meant to be: lower case, each run of other ASCII characters,
 * dashes (U+2010-U+2015, U+2212) and spaces one hyphen ("My_Plan" gives
 * "my-plan", "rust\u2013for" "rust-for"), the letters of Latin-1 in
 * ASCII ("\u00fcber" gives "uber"), and invisible characters left out.
 * Returns 0, or TL_EINVAL when no slug of at most 64 bytes comes of it
 * or the text holds another character (buf is then unchanged or partly
 * written).
 */
TL_EXTERN int tl_slug_suggest(char *buf, size_t size, const char *text,
    size_t len);

/* The versions of libyaml and libical in use; static strings. */
TL_EXTERN const char *tl_yaml_version(void);
TL_EXTERN const char *tl_ical_version(void);

#ifdef __cplusplus
}
#endif

#endif
