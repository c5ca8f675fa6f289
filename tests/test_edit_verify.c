/*
 * Tests of tl_edit_verify(): an edited text that is valid YAML but does
 * not give the milestone what the edit meant (a key written inside the
 * last block scalar, a history entry with the wrong noted day) is told
 * apart from the text that does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "timeline/timeline.h"

static const char before[] =
    "timeline: qk\nmilestones:\n"
    "  - ? id\n    : a\n    ? title\n    : A\n    ? date\n    : 2027-05\n"
    "    ? noted\n    : 2026-10-01\n"
    "    ? description\n    : |\n      Some text.\n"
    "  - id: b\n    title: B\n    date: 2027-06\n";

/* The same milestone with its new keys written inside its description. */
static const char status_swallowed[] =
    "timeline: qk\nmilestones:\n"
    "  - ? id\n    : a\n    ? title\n    : A\n    ? date\n    : 2027-05\n"
    "    ? noted\n    : 2026-10-01\n"
    "    ? description\n    : |\n      Some text.\n"
    "      status: at-risk\n"
    "  - id: b\n    title: B\n    date: 2027-06\n";

static const char move_swallowed[] =
    "timeline: qk\nmilestones:\n"
    "  - ? id\n    : a\n    ? title\n    : A\n    ? date\n    : 2027-Q4\n"
    "    ? noted\n    : 2026-11-24\n"
    "    ? description\n    : |\n      Some text.\n"
    "      status: slipped\n      history:\n"
    "        - date: 2027-05\n          noted: 2026-10-01\n"
    "  - id: b\n    title: B\n    date: 2027-06\n";

/* The history entry is there, but without the old noted day. */
static const char move_unnoted[] =
    "timeline: qk\nmilestones:\n"
    "  - ? id\n    : a\n    ? title\n    : A\n    ? date\n    : 2027-Q4\n"
    "    ? noted\n    : 2026-11-24\n"
    "    ? description\n    : |\n      Some text.\n"
    "    status: slipped\n    history:\n"
    "      - date: 2027-05\n"
    "  - id: b\n    title: B\n    date: 2027-06\n";

static const char without_a[] =
    "timeline: qk\nmilestones:\n"
    "  - id: b\n    title: B\n    date: 2027-06\n";

/* The set of text, loaded as "qk.yaml" and resolved without errors. */
static struct tl_set *
load(const char *text)
{
	struct tl_set *set;
	struct tl_diags *diags;

	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_load_buffer(set, "qk.yaml", text,
	    strlen(text), diags), 0);
	assert_int_equal(tl_set_index(set, diags), 0);
	assert_int_equal(tl_set_resolve(set, diags), 0);
	assert_int_equal(tl_set_order(set), 0);
	assert_int_equal(tl_diags_errors(diags), 0);
	tl_diags_free(diags);
	return set;
}

static void
options(struct tl_edit_options *o, enum tl_edit_kind kind, const char *when,
    int status)
{
	assert_int_equal(tl_edit_options_init(o, TL_EDIT_OPTIONS_VERSION), 0);
	o->kind = kind;
	o->when = when;
	o->status = status;
	o->today = tl_day_from_ymd(2026, 11, 24);
}

/*
 * Verifies the edit o of milestone a of before against the set of
 * text, or, when text is NULL, of what tl_edit_apply() writes.
 */
static int
verify_from(const char *orig, const struct tl_edit_options *o,
    const char *text, char *why)
{
	struct tl_set *set = load(orig), *after;
	const struct tl_milestone *m;
	char suggest[64], *out = NULL;
	size_t len;
	int error;

	assert_int_equal(tl_edit_find(set, "a", &m, suggest,
	    sizeof(suggest)), 0);
	if (text == NULL) {
		assert_int_equal(tl_edit_apply(set, m, orig, strlen(orig),
		    o, &out, &len, why), 0);
		text = out;
	}
	after = load(text);
	error = tl_edit_verify(m, after, o, why);
	tl_set_free(after);
	tl_set_free(set);
	free(out);
	return error;
}

static int
verify(const struct tl_edit_options *o, const char *text, char *why)
{
	return verify_from(before, o, text, why);
}

static void
the_edit_as_placed_is_verified(void **state)
{
	struct tl_edit_options o;
	char why[TL_WHY_SIZE];

	(void)state;
	options(&o, TL_EDIT_STATUS, NULL, TL_STATUS_AT_RISK);
	assert_int_equal(verify(&o, NULL, why), 0);
	options(&o, TL_EDIT_MOVE, "2027-Q4", -1);
	assert_int_equal(verify(&o, NULL, why), 0);
	options(&o, TL_EDIT_MOVE, "2027-10..2027-12", -1);
	assert_int_equal(verify(&o, NULL, why), 0);
	options(&o, TL_EDIT_DONE, "2026-11-20", -1);
	assert_int_equal(verify(&o, NULL, why), 0);
	options(&o, TL_EDIT_DONE, NULL, -1);
	assert_int_equal(verify(&o, NULL, why), 0);
}

static void
a_key_inside_a_block_scalar_is_refused(void **state)
{
	struct tl_edit_options o;
	char why[TL_WHY_SIZE];

	(void)state;
	options(&o, TL_EDIT_STATUS, NULL, TL_STATUS_AT_RISK);
	assert_int_equal(verify(&o, status_swallowed, why), TL_EINVAL);
	assert_string_equal(why, "the edit could not be placed in this "
	    "file's layout");
	options(&o, TL_EDIT_MOVE, "2027-Q4", -1);
	assert_int_equal(verify(&o, move_swallowed, why), TL_EINVAL);
	/* The date and the noted day took; the rest did not. */
	assert_int_equal(verify(&o, move_unnoted, why), TL_EINVAL);
	/* Another edit than the one the text holds. */
	options(&o, TL_EDIT_MOVE, "2027-Q3", -1);
	assert_int_equal(verify(&o, move_swallowed, why), TL_EINVAL);
	/* Nothing at all changed. */
	options(&o, TL_EDIT_STATUS, NULL, TL_STATUS_DONE);
	assert_int_equal(verify(&o, before, why), TL_EINVAL);
}

static void
a_text_without_the_milestone_is_refused(void **state)
{
	struct tl_edit_options o;
	char why[TL_WHY_SIZE];

	(void)state;
	options(&o, TL_EDIT_STATUS, NULL, TL_STATUS_AT_RISK);
	assert_int_equal(verify(&o, without_a, why), TL_ENOENT);
	assert_int_equal(tl_edit_verify(NULL, NULL, &o, why), TL_EINVAL);
	o.version = 0;
	assert_int_equal(verify(&o, status_swallowed, why), TL_EINVAL);
}

/* A milestone with tags, links and two earlier estimates. */
static const char listed[] =
    "timeline: qk\nmilestones:\n"
    "  - id: a\n    title: A\n    date: 2027-05\n    noted: 2026-10-01\n"
    "    tags: [x, y]\n    links: [https://a.example/, https://b.example/]\n"
    "    history:\n      - {date: 2027-01, noted: 2026-01-01}\n"
    "      - {date: 2027-03, noted: 2026-05-01}\n";

/* The text of listed with its status set and line old changed to new. */
static char *
listed_with(const char *old, const char *new)
{
	static const char status[] = "    status: at-risk\n";
	const char *at = strstr(listed, old);
	size_t n = strlen(listed) + strlen(new) + sizeof(status);
	char *t = malloc(n);

	assert_non_null(at);
	assert_non_null(t);
	snprintf(t, n, "%.*s%s%s%s", (int)(at - listed), listed, new,
	    at + strlen(old), status);
	return t;
}

static void
every_value_it_keeps_is_compared(void **state)
{
	static const char *const changes[][2] = {
		{ "[x, y]", "[x, z]" },		/* a tag, not their count */
		{ "[x, y]", "[y, x]" },		/* their order */
		{ "https://b.example/", "https://c.example/" },
		{ "2027-01, noted: 2026-01-01", "2027-02, noted: 2026-01-01" },
		{ "noted: 2026-05-01", "noted: 2026-05-02" }
	};
	struct tl_edit_options o;
	char why[TL_WHY_SIZE], *text;
	size_t i;

	(void)state;
	options(&o, TL_EDIT_STATUS, NULL, TL_STATUS_AT_RISK);
	assert_int_equal(verify_from(listed, &o, NULL, why), 0);
	text = listed_with("", "");
	assert_int_equal(verify_from(listed, &o, text, why), 0);
	free(text);
	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		text = listed_with(changes[i][0], changes[i][1]);
		assert_int_equal(verify_from(listed, &o, text, why),
		    TL_EINVAL);
		free(text);
	}
	/* A move keeps the earlier entries too. */
	options(&o, TL_EDIT_MOVE, "2027-Q4", -1);
	assert_int_equal(verify_from(listed, &o, NULL, why), 0);
	/* An unknown kind of edit or status is no edit to verify. */
	options(&o, (enum tl_edit_kind)9, "2027-Q4", -1);
	assert_int_equal(verify_from(listed, &o, listed, why), TL_EINVAL);
	options(&o, TL_EDIT_MOVE, "2027-Q4", 99);
	assert_int_equal(verify_from(listed, &o, listed, why), TL_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_edit_as_placed_is_verified),
		cmocka_unit_test(a_key_inside_a_block_scalar_is_refused),
		cmocka_unit_test(a_text_without_the_milestone_is_refused),
		cmocka_unit_test(every_value_it_keeps_is_compared),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
