/*
 * Tests for the JSON exporter (src/export_json.c) on text no checked file
 * could hold: every control character, U+2028 and U+2029 are escaped, and
 * invalid UTF-8 becomes U+FFFD, so the output is strict JSON that an
 * independent parser (Python's json module) reads back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "timeline/timeline.h"
#include "pipeline.h"
#include "set_internal.h"
#include "utf8.h"
#include "hostile.h"

/* The JSON of a set holding the hostile milestone; malloc'd. */
static char *
hostile_json(struct hostile *h, size_t *len)
{
	struct tl_set *set;
	char *text = NULL;
	FILE *fp;

	hostile_init(h, NULL);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_set_push(set, h->m), 0);
	set->stage = TL_STAGE_ORDERED;
	assert_non_null(fp = open_memstream(&text, len));
	assert_int_equal(test_export_json(fp, set), 0);
	assert_int_equal(fclose(fp), 0);
	tl_set_free(set);
	return text;
}

static void
json_escapes_every_control(void **state)
{
	struct hostile h;
	size_t len, i, n;
	uint32_t cp;
	char *text;

	(void)state;
	text = hostile_json(&h, &len);
	/* Valid UTF-8 with no control character, U+2028 or U+2029 raw;
	 * the one line end is the one after the document. */
	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(text + i, len - i, &cp);
		assert_int_not_equal(cp, TL_UTF8_INVALID);
		if (cp == '\n')
			continue;
		if (tl_is_control(cp))
			fail_msg("raw U+%04X at byte %zu", (unsigned)cp, i);
	}
	assert_non_null(strstr(text, "\"title\":\"Title\\u000d\\nBEGIN:VEVENT"
	    "\\u000d\\nUID:injected\\u0001\\u007f\\u0085\\u2028"
	    "\\ufffd\\ufffd\""));
	free(text);
}

static void
json_hostile_text_reads_back(void **state)
{
	/* Python reads the document and writes the title back in JSON with
	 * every non-ASCII character escaped. */
	static const char script[] =
	    "import json, sys\n"
	    "doc = json.load(sys.stdin)\n"
	    "m = doc['milestones'][0]\n"
	    "assert len(doc['milestones']) == 1\n"
	    "sys.stdout.write(json.dumps([m['id'], m['title'], "
	    "m['location'], m['tags'], m['links']]))\n";
	static const char expected[] =
	    "[\"id\\nBEGIN:VEVENT\", "
	    "\"Title\\r\\nBEGIN:VEVENT\\r\\nUID:injected\\u0001\\u007f"
	    "\\u0085\\u2028\\ufffd\\ufffd\", "
	    "\"Here\\r\\nLOCATION:There\", "
	    "[\"a,b;c\\r\\nCATEGORIES:x\", \"\\\\\"], "
	    "[\"https://example.org/\\r\\nURL:https://evil.example/\", "
	    "\"https://example.org/\\nLink\"]]";
	char path[] = "/tmp/timeline-json-XXXXXX", cmd[256], got[1024];
	struct hostile h;
	size_t len, n;
	char *text;
	FILE *fp;
	int fd, status;

	(void)state;
	text = hostile_json(&h, &len);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	free(text);

	snprintf(cmd, sizeof(cmd), "python3 -c \"$TL_JSON_SCRIPT\" < %s",
	    path);
	assert_int_equal(setenv("TL_JSON_SCRIPT", script, 1), 0);
	assert_non_null(fp = popen(cmd, "r"));
	n = fread(got, 1, sizeof(got) - 1, fp);
	got[n] = '\0';
	status = pclose(fp);
	unlink(path);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(got, expected);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_escapes_every_control),
		cmocka_unit_test(json_hostile_text_reads_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
