/*
 * A small well-formedness checker for the picture and the page: enough of
 * XML 1.0 to read what the exporters write (a declaration, a doctype,
 * elements and attributes, character and entity references, CDATA),
 * strict about everything that would let data turn into markup.
 */
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

#define XML_DEPTH 64

struct xml {
	const char *s;
	size_t len, at;
	const char *stack[XML_DEPTH];
	size_t stack_len[XML_DEPTH];
	int depth;
	int roots;
	int scripts;
	int tables;
};

static void
xml_fail(const struct xml *x, const char *what)
{
	size_t from = x->at > 60 ? x->at - 60 : 0;
	size_t n = x->len - from < 120 ? x->len - from : 120;

	fuzz_fail(what, x->s + from, n);
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_' ||
	    c == '.';
}

static int
starts(const struct xml *x, const char *p)
{
	size_t n = strlen(p);

	return x->len - x->at >= n && memcmp(x->s + x->at, p, n) == 0;
}

/* Skips to just after the text end; fails when there is none. */
static void
skip_past(struct xml *x, const char *end, const char *what)
{
	const char *p = NULL;
	size_t n = strlen(end), i;

	for (i = x->at; i + n <= x->len; i++)
		if (memcmp(x->s + i, end, n) == 0) {
			p = x->s + i;
			break;
		}
	if (p == NULL)
		xml_fail(x, what);
	x->at = (size_t)(p - x->s) + n;
}

/* A reference after '&': one of the five entities or a character. */
static void
reference(struct xml *x)
{
	static const char *const names[] = {
		"amp;", "lt;", "gt;", "quot;", "apos;"
	};
	size_t i;

	x->at++;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (starts(x, names[i])) {
			x->at += strlen(names[i]);
			return;
		}
	if (starts(x, "#")) {
		x->at++;
		for (i = 0; x->at < x->len && x->s[x->at] >= '0' &&
		    x->s[x->at] <= '9' && i < 7; i++)
			x->at++;
		if (i > 0 && starts(x, ";")) {
			x->at++;
			return;
		}
	}
	xml_fail(x, "XML: '&' that starts no reference");
}

static size_t
name(struct xml *x)
{
	size_t from = x->at;

	while (x->at < x->len && is_name_char(x->s[x->at]))
		x->at++;
	if (x->at == from)
		xml_fail(x, "XML: a name expected");
	return x->at - from;
}

static void
space(struct xml *x)
{
	while (x->at < x->len && (x->s[x->at] == ' ' || x->s[x->at] == '\n' ||
	    x->s[x->at] == '\t'))
		x->at++;
}

/* A tag after '<', its attributes, up to and including '>'. */
static void
tag(struct xml *x, int html)
{
	const char *el;
	size_t n, a, seen = 0, attrs[32], attr_len[32], k;
	int closing = 0;

	x->at++;
	if (starts(x, "/")) {
		closing = 1;
		x->at++;
	}
	el = x->s + x->at;
	n = name(x);
	if (closing) {
		space(x);
		if (!starts(x, ">"))
			xml_fail(x, "XML: a closing tag without '>'");
		x->at++;
		if (x->depth == 0 || x->stack_len[x->depth - 1] != n ||
		    memcmp(x->stack[x->depth - 1], el, n) != 0)
			xml_fail(x, "XML: a closing tag that closes nothing "
			    "open");
		x->depth--;
		return;
	}
	if (n == 6 && memcmp(el, "script", 6) == 0) {
		if (!html)
			xml_fail(x, "SVG: a <script>");
		x->scripts++;
	}
	if (n == 5 && memcmp(el, "table", 5) == 0)
		x->tables++;
	for (;;) {
		size_t before = x->at;
		space(x);
		if (starts(x, "/>") || starts(x, ">"))
			break;
		if (x->at == before)
			xml_fail(x, "XML: attributes without space between");
		a = x->at;
		name(x);
		for (k = 0; k < seen; k++)
			if (attr_len[k] == x->at - a &&
			    memcmp(x->s + attrs[k], x->s + a, x->at - a) == 0)
				xml_fail(x, "XML: an attribute given twice");
		if (seen < 32) {
			attrs[seen] = a;
			attr_len[seen++] = x->at - a;
		}
		if ((x->at - a == 4 && memcmp(x->s + a, "href", 4) == 0) ||
		    (x->at - a == 3 && memcmp(x->s + a, "src", 3) == 0)) {
			if (!html)
				xml_fail(x, "SVG: an href or src");
		}
		if (x->at - a >= 2 && memcmp(x->s + a, "on", 2) == 0)
			xml_fail(x, "XML: an event handler attribute");
		if (!starts(x, "=\""))
			xml_fail(x, "XML: an attribute without =\"");
		x->at += 2;
		while (x->at < x->len && x->s[x->at] != '"') {
			if (x->s[x->at] == '<')
				xml_fail(x, "XML: '<' in an attribute");
			if (x->s[x->at] == '&')
				reference(x);
			else
				x->at++;
		}
		if (x->at >= x->len)
			xml_fail(x, "XML: an attribute runs to the end");
		x->at++;
	}
	if (x->depth == 0 && x->roots++ > 0)
		xml_fail(x, "XML: a second root element");
	if (starts(x, "/>")) {
		x->at += 2;
		return;
	}
	x->at++;
	if (x->depth == XML_DEPTH)
		xml_fail(x, "XML: nested too deep");
	x->stack[x->depth] = el;
	x->stack_len[x->depth++] = n;
}

void
fuzz_check_xml(const char *text, size_t len, int html)
{
	struct xml x;
	size_t i, n;
	uint32_t cp;
	int isolated = 0;

	memset(&x, 0, sizeof(x));
	x.s = text;
	x.len = len;
	for (i = 0; i < len; i += n) {
		n = tl_utf8_decode(text + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID)
			fuzz_fail("XML: invalid UTF-8", text + i, len - i < 16 ?
			    len - i : 16);
		/* The exporter's own isolates around data text: in pairs,
		 * never nested (the data's are replaced). */
		if ((cp == 0x2068 && !isolated) || (cp == 0x2069 &&
		    isolated)) {
			isolated = !isolated;
			continue;
		}
		if ((tl_is_control(cp) && cp != '\n' && !(html && cp ==
		    '\t')) || cp == 0xfffe || cp == 0xffff)
			fuzz_fail("XML: a character XML or the reader must not "
			    "see", text + i, n);
	}
	if (isolated)
		fuzz_fail("XML: an isolate left open", text, 0);
	if (starts(&x, "<?xml ")) {
		if (html)
			xml_fail(&x, "HTML: an XML declaration");
		skip_past(&x, "?>", "XML: an unended declaration");
	} else if (starts(&x, "<!DOCTYPE html>")) {
		if (!html)
			xml_fail(&x, "SVG: a doctype");
		x.at += strlen("<!DOCTYPE html>");
	} else {
		xml_fail(&x, "XML: neither a declaration nor a doctype");
	}
	while (x.at < len) {
		char c = text[x.at];
		if (c == '<') {
			if (starts(&x, "<![CDATA[")) {
				if (x.depth == 0 ||
				    x.stack_len[x.depth - 1] != 6 ||
				    memcmp(x.stack[x.depth - 1], "script",
				    6) != 0)
					xml_fail(&x, "XML: CDATA outside the "
					    "script");
				skip_past(&x, "]]>", "XML: an unended CDATA");
			} else if (starts(&x, "<!--")) {
				skip_past(&x, "-->", "XML: an unended comment");
			} else {
				tag(&x, html);
			}
		} else if (c == '&') {
			reference(&x);
		} else if (c == '>' && x.at >= 2 && text[x.at - 1] == ']' &&
		    text[x.at - 2] == ']') {
			xml_fail(&x, "XML: ']]>' in text");
		} else {
			if (x.depth == 0 && c != '\n' && c != ' ')
				xml_fail(&x, "XML: text outside the root");
			x.at++;
		}
	}
	if (x.depth != 0)
		xml_fail(&x, "XML: an element left open");
	if (x.roots != 1)
		xml_fail(&x, "XML: no root element");
	/* The head's line that marks the page scripted, and the filters of
	 * the table (a page without milestones has none). */
	if (html && x.scripts != 1 + (x.tables > 0))
		xml_fail(&x, "HTML: not one script, and one for the table");
	if (html && x.tables > 1)
		xml_fail(&x, "HTML: more than one table");
	if (len == 0 || text[len - 1] != '\n')
		xml_fail(&x, "XML: no newline at the end");
}
