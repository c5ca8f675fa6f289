/*
 * The library's answers do not depend on the caller's locale: a program
 * that calls setlocale() (as an editor or a desktop tool does) gets the
 * diagnostics `timeline check` prints, which runs in the "C" locale.
 * Each locale named in argv is compared with "C"; test_locale.sh builds
 * them with localedef first (LOCPATH).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/timeline.h"

static char **test_locales;
static int test_locale_count;

/* Keys and zones in other capitals, and files that cannot be read. */
static const char text[] =
    "timeline: t\n"
    "milestones:\n"
    "  - id: a\n"
    "    TITLE: Capitals\n"
    "    date: 2026-05-10\n"
    "    time: \"10:00\"\n"
    "    timezone: ASIA/ISTANBUL\n"
    "  - id: b\n"
    "    Title: Other capitals\n"
    "    date: 2026-05-11\n"
    "    time: \"10:00\"\n"
    "    timezone: pst\n"
    "  - id: c\n"
    "    title: A city alone\n"
    "    date: 2026-05-12\n"
    "    time: \"10:00\"\n"
    "    timezone: istanbul\n"
    "  - id: d\n"
    "    title: An abbreviation in capitals\n"
    "    date: 2026-05-13\n"
    "    time: \"10:00\"\n"
    "    timezone: IST\n";

/* Every diagnostic of the text and of two paths, one per line. */
static char *
diagnostics(void)
{
	struct tl_set *set;
	struct tl_diags *diags;
	char line[1024];
	size_t i, len = 0;
	char *all = NULL, *grown;
	int n;

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	(void)tl_set_load_buffer(set, "t.yaml", text, sizeof(text) - 1, diags);
	(void)tl_set_load_path(set, "/nonexistent/x.yaml", diags);
	(void)tl_set_load_path(set, TESTS_DIR "/test_locale.c/x.yaml", diags);
	for (i = 0; i < tl_diags_count(diags); i++) {
		n = tl_diag_format(line, sizeof(line), tl_diags_get(diags, i));
		assert_true(n > 0 && (size_t)n < sizeof(line));
		grown = realloc(all, len + (size_t)n + 2);
		assert_non_null(grown);
		all = grown;
		memcpy(all + len, line, (size_t)n);
		len += (size_t)n;
		all[len++] = '\n';
		all[len] = '\0';
	}
	tl_diags_free(diags);
	tl_set_free(set);
	assert_non_null(all);
	return all;
}

static void
test_same_in_every_locale(void **state)
{
	char *in_c, *other;
	int i;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	in_c = diagnostics();
	/* What "C" gives is itself right. */
	assert_non_null(strstr(in_c, "did you mean 'Asia/Istanbul'?"));
	assert_non_null(strstr(in_c, "cannot read: No such file or directory"));
	assert_null(strstr(in_c, "missing required key 'title'"));
	for (i = 0; i < test_locale_count; i++) {
		if (setlocale(LC_ALL, test_locales[i]) == NULL)
			fail_msg("locale %s is not available", test_locales[i]);
		other = diagnostics();
		if (strcmp(in_c, other) != 0)
			fail_msg("under %s:\n%s\nunder C:\n%s", test_locales[i],
			    other, in_c);
		free(other);
	}
	(void)setlocale(LC_ALL, "C");
	free(in_c);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_in_every_locale),
	};

	test_locales = argv + 1;
	test_locale_count = argc - 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
