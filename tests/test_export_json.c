/*
 * Tests for the JSON exporter (src/export_json.c) on text no checked file
 * could hold: every control character, U+2028 and U+2029 are escaped, and
 * invalid UTF-8 becomes U+FFFD, so the output is strict JSON that an
 * independent parser (Python's json module) reads back.
 */
#define _GNU_SOURCE	/* fopencookie() */
#include <errno.h>
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

/*
 * Titles of every length up to 40 bytes with one character to escape
 * (or none) at every place: the exporter takes texts 16 and 8 bytes at
 * a time, then byte by byte, so every length and place is a case of its
 * own.
 */
static void
json_escapes_at_every_place(void **state)
{
	static const struct {
		const char *yaml, *json;	/* in the file; in the JSON */
		size_t len;			/* bytes it takes in the text */
	} specials[] = {
		{ "\\\"", "\\\"", 1 },
		{ "\\\\", "\\\\", 1 },
		{ "\xc3\xa9", "\xc3\xa9", 2 },
		{ "\xe2\x82\xac", "\xe2\x82\xac", 3 },
	};
	size_t len, at, k, i;

	(void)state;
	for (len = 1; len <= 40; len++) {
		for (k = 0; k < 4; k++) {
			for (at = 0; at <= len; at++) {
				char yaml[512], want[256], title[128], *out = NULL;
				size_t outlen;
				struct tl_set *set;
				struct tl_diags *diags;
				FILE *fp;

				/* Letters, and the special one at 'at' (none
				 * when at == len). */
				title[0] = '\0';
				want[0] = '\0';
				for (i = 0; i < len; i++) {
					char c[2] = { (char)('a' + i % 26), 0 };
					if (i == at && i + specials[k].len <= len) {
						strcat(title, specials[k].yaml);
						strcat(want, specials[k].json);
						i += specials[k].len - 1;
					} else {
						strcat(title, c);
						strcat(want, c);
					}
				}
				snprintf(yaml, sizeof(yaml), "timeline: t\n"
				    "milestones:\n  - id: a\n    title: \"%s\"\n"
				    "    date: 2026-05\n", title);
				assert_int_equal(tl_set_new(&set), 0);
				assert_int_equal(tl_diags_new(&diags), 0);
				assert_int_equal(tl_set_load_buffer(set, "t.yaml",
				    yaml, strlen(yaml), diags), 0);
				assert_int_equal(test_resolve(set, diags), 0);
				assert_int_equal(tl_diags_count(diags), 0);
				assert_non_null(fp = open_memstream(&out,
				    &outlen));
				assert_int_equal(test_export_json(fp, set), 0);
				assert_int_equal(fclose(fp), 0);
				snprintf(yaml, sizeof(yaml), "\"title\":\"%s\",",
				    want);
				if (strstr(out, yaml) == NULL)
					fail_msg("length %zu, '%s' at %zu: %s", len,
					    specials[k].json, at, out);
				free(out);
				tl_diags_free(diags);
				tl_set_free(set);
			}
		}
	}
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

/*
 * A description far longer than the exporter writes in one piece, with
 * characters of two, three and four bytes at every offset, quotes,
 * backslashes, tabs and line ends: Python reads the export and gives
 * back exactly the text that was loaded.
 */
static void
json_long_text_reads_back(void **state)
{
	static const char *const pieces[] = {
		"plain words ", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"\"quoted\"", "back\\slash", "\t", "\n      ", "x"
	};
	static const char script[] =
	    "import json, sys\n"
	    "doc = json.load(open(sys.argv[1], encoding='utf-8'))\n"
	    "sys.stdout.buffer.write("
	    "doc['milestones'][0]['description'].encode('utf-8'))\n";
	char dir[] = "/tmp/timeline-json-XXXXXX", cmd[512];
	char *yaml = NULL, *want = NULL, *got;
	size_t ylen, wlen = 0, glen, i;
	struct tl_set *set;
	struct tl_diags *diags;
	FILE *fp, *want_fp;
	int status;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_non_null(fp = open_memstream(&yaml, &ylen));
	assert_non_null(want_fp = open_memstream(&want, &wlen));
	fputs("timeline: t\nmilestones:\n  - id: a\n    title: A\n"
	    "    date: 2026-05\n    description: |\n      ", fp);
	/* Most places in a run of 2-, 3- and 4-byte characters are inside
	 * one: so is where the first piece ends. */
	for (i = 0; i < 3000; i++) {
		fputs("\xe2\x82\xac\xf0\x9f\x98\x80\xc3\xa9", fp);
		fputs("\xe2\x82\xac\xf0\x9f\x98\x80\xc3\xa9", want_fp);
	}
	assert_int_equal(fflush(want_fp), 0);
	/* Each fflush() sets wlen, the length of what want_fp holds. */
	for (i = 0; ; i++) {
		const char *p = pieces[(i * 7 + i / 3) % 9];
		/* The block scalar's lines are indented: the text is not. */
		fputs(p, fp);
		fputs(strcmp(p, "\n      ") == 0 ? "\n" : p, want_fp);
		assert_int_equal(fflush(want_fp), 0);
		if (wlen >= 60000)
			break;
	}
	fputs("end\n", fp);
	fputs("end\n", want_fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(fclose(want_fp), 0);

	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "long.yaml", yaml, ylen,
	    diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_diags_count(diags), 0);
	snprintf(cmd, sizeof(cmd), "%s/out.json", dir);
	assert_non_null(fp = fopen(cmd, "w"));
	assert_int_equal(test_export_json(fp, set), 0);
	assert_int_equal(fclose(fp), 0);
	tl_diags_free(diags);
	tl_set_free(set);
	free(yaml);

	snprintf(cmd, sizeof(cmd), "python3 -c \"$TL_JSON_SCRIPT\" "
	    "%s/out.json", dir);
	assert_int_equal(setenv("TL_JSON_SCRIPT", script, 1), 0);
	assert_non_null(fp = popen(cmd, "r"));
	assert_non_null(got = malloc(wlen + 16));
	glen = fread(got, 1, wlen + 16, fp);
	status = pclose(fp);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, wlen);
	free(got);
	free(want);
}

/* A stream whose every write fails as one into a closed pipe does;
 * counts the writes tried. */
static ssize_t
closed_pipe_write(void *cookie, const char *buf, size_t size)
{
	(void)buf;
	(void)size;
	++*(size_t *)cookie;
	errno = EPIPE;
	return -1;
}

/*
 * Every exporter stops at the first write that fails (a reader that went
 * away, as 'timeline export | head' leaves): it does not format the rest
 * of a large selection into a stream that takes nothing, as counted by
 * the writes the stream is asked for.
 */
static void
exports_stop_at_a_failed_write(void **state)
{
	static const cookie_io_functions_t io = {
		.write = closed_pipe_write
	};
	struct tl_set *set;
	struct tl_diags *diags;
	struct tl_selection *sel;
	struct tl_text_options text = TL_TEXT_OPTIONS_INIT;
	struct tl_svg_options svg = TL_SVG_OPTIONS_INIT;
	struct tl_html_options html = TL_HTML_OPTIONS_INIT;
	char *yaml = NULL;
	size_t ylen = 0, writes, i;
	FILE *fp;
	int format, error = 0;

	(void)state;
	assert_non_null(fp = open_memstream(&yaml, &ylen));
	fputs("timeline: big\nmilestones:\n", fp);
	for (i = 0; i < 20000; i++)
		fprintf(fp, "  - {id: m%zu, title: A milestone of some length "
		    "%zu, date: 2026-%02zu-%02zu, status: done}\n", i, i,
		    i % 12 + 1, i % 28 + 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(tl_set_new(&set), 0);
	assert_int_equal(tl_diags_new(&diags), 0);
	assert_int_equal(tl_set_load_buffer(set, "big.yaml", yaml, ylen,
	    diags), 0);
	assert_int_equal(test_resolve(set, diags), 0);
	assert_int_equal(tl_select(&sel, set, NULL), 0);
	text.today = svg.today = html.today = tl_day_from_ymd(2027, 1, 1);
	for (format = 0; format < 4; format++) {
		writes = 0;
		assert_non_null(fp = fopencookie(&writes, "w", io));
		switch (format) {
		case 0: error = tl_export_json(fp, sel, NULL); break;
		case 1: error = tl_export_text(fp, sel, &text); break;
		case 2: error = tl_export_svg(fp, sel, &svg); break;
		case 3: error = tl_export_html(fp, sel, &html); break;
		}
		assert_int_equal(error, TL_EIO);
		/* Several megabytes were to come: a few tries at most. */
		if (writes > 4)
			fail_msg("format %d: %zu writes tried", format, writes);
		(void)fclose(fp);
	}
	tl_selection_free(sel);
	tl_diags_free(diags);
	tl_set_free(set);
	free(yaml);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_escapes_every_control),
		cmocka_unit_test(json_escapes_at_every_place),
		cmocka_unit_test(json_hostile_text_reads_back),
		cmocka_unit_test(json_long_text_reads_back),
		cmocka_unit_test(exports_stop_at_a_failed_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
