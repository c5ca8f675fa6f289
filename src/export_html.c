/*
 * The page exporter (SPEC section 6, "Page"): the picture inline, then a
 * table of the milestones that a small inline script filters and sorts.
 * The page is HTML5 and well-formed XML at once; it loads nothing from
 * anywhere, and with scripts off every row is shown.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/export.h"
#include "suggest.h"
#include "svg.h"

#define WORDS_SIZE 96

/*
 * No source of any kind but the page itself: inline styles and the two
 * inline scripts of this file, allowed by their hashes (no other script
 * runs, should one ever slip in); no image, no base, no form target, no
 * frame, no connection.
 */
static const char head[] =
"<!DOCTYPE html>\n"
"<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
"<head>\n"
"<meta charset=\"utf-8\"/>\n"
"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
"'none'; style-src 'unsafe-inline'; script-src "
/* The two scripts below, by their SHA-256 (tests/test_picture.py checks
 * them): className's; the filters' read as HTML, with the CDATA markers;
 * the filters' read as XML, without. */
"'sha256-N9v3EnPaUyp6HvI/g75KoK11mUw7quk1fPSwEhREnaU=' "
"'sha256-IyIpSXLut7yaAgPGhyTt1GFX1TMma3tHyTE9VcY7t1s=' "
"'sha256-3T4Ziu6lk1IyIn/EBJ2A0ObRsGRpcSgLqzJ/Dble90Q='; "
"base-uri 'none'; form-action 'none'\"/>\n"
"<meta name=\"viewport\" content=\"width=device-width, "
"initial-scale=1\"/>\n"
"<meta name=\"color-scheme\" content=\"light dark\"/>\n"
"<meta name=\"referrer\" content=\"no-referrer\"/>\n";

/*
 * The table's rows are grids of the same columns rather than a table's
 * rows, so that a row's layout depends on its own cells alone: a row off
 * the screen is not laid out until it comes near (content-visibility),
 * and sorting or filtering thousands of rows lays out the few in view,
 * not all of them.  The table keeps its elements, and with them what
 * screen readers say of it.
 */
/* The width of the page's column, in CSS pixels (body's max-width). */
#define PAGE_COLUMN 1280

static const char page_style[] =
"<style>\n"
"body{margin:0 auto;padding:16px 24px;max-width:1280px;font-family:"
"system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,"
"'DejaVu Sans',sans-serif;font-size:15px;line-height:1.45;"
"color:#1f2328;background:#fff}\n"
"h1{font-size:22px;margin:8px 0 2px;overflow-wrap:anywhere}\n"
".asof{color:#59636e;margin:0 0 12px}\n"
"figure{margin:0 0 20px}\n"
"figure svg{display:block;max-width:100%;height:auto}\n"
"figure.full{overflow-x:auto}\n"
"figure.full svg{max-width:none}\n"
"#tl-full{display:block;margin:-12px 0 16px}\n"
"#tl-full[hidden]{display:none}\n"
"#tl-controls{display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;"
"margin:0 0 10px}\n"
"#tl-controls[hidden]{display:none}\n"
".js #tl-controls[hidden]{display:flex;visibility:hidden}\n"
"input,select,#tl-full{font:inherit;padding:3px 6px}\n"
"select{max-width:100%}\n"
"#tl-n{color:#59636e}\n"
"table,thead,tbody,th,td{display:block}\n"
"tr{display:grid;grid-template-columns:11em 7em minmax(12em,3fr) "
"minmax(6em,1fr) minmax(6em,1fr) minmax(8em,1.5fr);"
"border-bottom:1px solid #d0d7de}\n"
"tbody tr{content-visibility:auto;contain-intrinsic-size:auto 36px}\n"
"tr[hidden]{display:none}\n"
"th,td{text-align:left;padding:6px 10px}\n"
"th{font-size:13px;color:#59636e;font-weight:600}\n"
"th button{font:inherit;color:inherit;background:none;border:0;"
"padding:0;cursor:pointer}\n"
"th[aria-sort=ascending] button::after{content:' \\2191'}\n"
"th[aria-sort=descending] button::after{content:' \\2193'}\n"
"td{overflow-wrap:anywhere}\n"
"td a{color:#0969da;word-break:break-all}\n"
".st{overflow-wrap:normal}\n"
".dn{color:#59636e}\n"
".st0{color:#0072b2}.st1{color:#00785a}.st2{color:#9a6200}"
".st3{color:#b34d00}.st4{color:#6e7781;text-decoration:line-through}\n"
".ov{color:#b3261e}\n"
"@media (max-width:60em){\n"
"body{padding:12px 16px}\n"
"thead tr{display:flex;flex-wrap:wrap}\n"
"th{padding:4px 14px 4px 0}\n"
"tbody tr{grid-template-columns:1fr auto;padding:6px 0;"
"contain-intrinsic-size:auto 7em}\n"
"td{padding:1px 0}\n"
"td:nth-child(n+3){grid-column:1/-1}\n"
"td::before{color:#59636e}\n"
"td:nth-child(4)::before{content:'Timeline: '}\n"
"td:nth-child(5)::before{content:'Tags: '}\n"
"td:empty{padding:0}\n"
"td:empty::before{content:none}\n"
"}\n"
"@media print{\n"
"body{max-width:none;padding:0}\n"
"figure.full{overflow:visible}\n"
"figure.full svg{max-width:100%}\n"
"#tl-full,#tl-controls label{display:none}\n"
"tbody tr{content-visibility:visible;break-inside:avoid}\n"
"}\n"
"@media screen and (prefers-color-scheme: dark){\n"
"body{color:#e6edf3;background:#0d1117}\n"
".asof,th,#tl-n,td::before,.dn{color:#9198a1}\n"
"tr{border-color:#30363d}\n"
"td a{color:#4493f8}\n"
".st0{color:#56b4e9}.st1{color:#3fb68b}.st2{color:#e69f00}"
".st3{color:#f0824a}.st4{color:#9198a1}\n"
".ov{color:#ff7b72}\n"
"::placeholder{color:#b1bac4;opacity:1}\n"
"}\n"
"</style>\n";

/*
 * Filtering by text, tag and status, and sorting by a column (a cell's
 * data-k is its numeric key; the others sort by text), the original
 * order breaking ties.  Inside CDATA, so that the page stays XML.
 */
static const char script[] =
"<script>//<![CDATA[\n"
"(function () {\n"
"\t\"use strict\";\n"
"\tvar table = document.getElementById(\"tl-table\");\n"
"\tvar body = table.tBodies[0];\n"
"\tvar q = document.getElementById(\"tl-q\");\n"
"\tvar tag = document.getElementById(\"tl-tag\");\n"
"\tvar st = document.getElementById(\"tl-status\");\n"
"\tvar shown = document.getElementById(\"tl-n\");\n"
"\tvar heads = table.tHead.rows[0].cells, col = -1, dir = 1, typing = 0;\n"
"\tvar order = new Intl.Collator(undefined, {numeric: true}).compare;\n"
"\tvar fig = document.querySelector(\"figure\");\n"
"\tvar svg = fig.querySelector(\"svg\");\n"
"\tvar zoom = document.getElementById(\"tl-full\");\n"
"\t/*\n"
"\t * What filtering and sorting read, gathered once: a row's text in\n"
"\t * lower case, its cells' and its window's ISO days joined by a line\n"
"\t * feed, which the filter (one line) cannot hold, so that no match\n"
"\t * runs across two; its tags and status; each cell's sort key (its\n"
"\t * data-k, a number, else its text); its place in the page, which\n"
"\t * breaks ties.\n"
"\t */\n"
"\tvar rows = Array.prototype.map.call(body.rows, function (r, i) {\n"
"\t\tvar texts = [], keys = [];\n"
"\t\tArray.prototype.forEach.call(r.cells, function (c) {\n"
"\t\t\tvar k = c.getAttribute(\"data-k\");\n"
"\t\t\ttexts.push(c.textContent);\n"
"\t\t\tkeys.push(k !== null ? Number(k) : c.textContent);\n"
"\t\t});\n"
"\t\treturn {row: r, index: i, keys: keys,\n"
"\t\t    text: texts.join(\"\\n\").toLowerCase() + \"\\n\" +\n"
"\t\t    r.getAttribute(\"data-iso\"),\n"
"\t\t    tags: r.getAttribute(\"data-tags\"),\n"
"\t\t    status: r.getAttribute(\"data-status\")};\n"
"\t});\n"
"\tfunction filter() {\n"
"\t\tvar s = q.value.trim().toLowerCase(), g = \" \" + tag.value + \" \";\n"
"\t\tvar u = st.value, n = 0;\n"
"\t\trows.forEach(function (r) {\n"
"\t\t\tvar ok = r.text.indexOf(s) >= 0 &&\n"
"\t\t\t    (g === \"  \" || r.tags.indexOf(g) >= 0) &&\n"
"\t\t\t    (u === \"\" || r.status === u);\n"
"\t\t\tif (r.row.hidden === ok)\n"
"\t\t\t\tr.row.hidden = !ok;\n"
"\t\t\tif (ok)\n"
"\t\t\t\tn++;\n"
"\t\t});\n"
"\t\tshown.textContent = n + \" of \" + rows.length + \" shown\";\n"
"\t}\n"
"\tfunction sortBy(th, c) {\n"
"\t\tvar f = document.createDocumentFragment();\n"
"\t\tdir = col === c ? -dir : 1;\n"
"\t\tcol = c;\n"
"\t\tArray.prototype.forEach.call(heads, function (h) {\n"
"\t\t\th.removeAttribute(\"aria-sort\");\n"
"\t\t});\n"
"\t\tth.setAttribute(\"aria-sort\", dir > 0 ? \"ascending\" :\n"
"\t\t    \"descending\");\n"
"\t\trows.sort(function (a, b) {\n"
"\t\t\tvar x = a.keys[c], y = b.keys[c];\n"
"\t\t\tvar d = typeof x === \"number\" ? x - y : order(x, y);\n"
"\t\t\treturn d !== 0 ? d * dir : a.index - b.index;\n"
"\t\t});\n"
"\t\t/* Moved into the table in one insertion. */\n"
"\t\trows.forEach(function (r) { f.appendChild(r.row); });\n"
"\t\tbody.appendChild(f);\n"
"\t}\n"
"\t/*\n"
"\t * The picture fits the page's width.  Where that makes it smaller,\n"
"\t * a button shows it full size in a box that scrolls sideways, from\n"
"\t * its left edge, or from its first milestone when that lies beyond\n"
"\t * the box's width.  The box then takes the keyboard's focus, so\n"
"\t * that the arrow keys scroll it, and is named for it.\n"
"\t */\n"
"\tfunction fits() {\n"
"\t\tzoom.hidden = !fig.classList.contains(\"full\") &&\n"
"\t\t    svg.getBoundingClientRect().width >= svg.width.baseVal.value;\n"
"\t}\n"
"\tzoom.addEventListener(\"click\", function () {\n"
"\t\tvar full = fig.classList.toggle(\"full\"), x = Infinity;\n"
"\t\tzoom.textContent = full ? \"Fit to width\" : \"Full size\";\n"
"\t\tif (full) {\n"
"\t\t\tfig.setAttribute(\"tabindex\", \"0\");\n"
"\t\t\tfig.setAttribute(\"role\", \"region\");\n"
"\t\t\tfig.setAttribute(\"aria-label\",\n"
"\t\t\t    \"Timeline picture, full size, scrolls sideways\");\n"
"\t\t\tsvg.querySelectorAll(\"g[data-id] .m\").forEach(function (m) {\n"
"\t\t\t\tx = Math.min(x, m.getBBox().x);\n"
"\t\t\t});\n"
"\t\t\tfig.scrollLeft = x + 24 > fig.clientWidth ? x - 24 : 0;\n"
"\t\t} else {\n"
"\t\t\t[\"tabindex\", \"role\", \"aria-label\"].forEach(\n"
"\t\t\t    function (a) { fig.removeAttribute(a); });\n"
"\t\t}\n"
"\t\tfits();\n"
"\t});\n"
"\twindow.addEventListener(\"resize\", fits);\n"
"\tfits();\n"
"\tArray.prototype.forEach.call(heads, function (th, c) {\n"
"\t\tvar b = document.createElement(\"button\");\n"
"\t\tb.type = \"button\";\n"
"\t\tb.textContent = th.textContent;\n"
"\t\tth.textContent = \"\";\n"
"\t\tth.appendChild(b);\n"
"\t\tb.addEventListener(\"click\", function () { sortBy(th, c); });\n"
"\t});\n"
"\t/* In a long table, typing filters once the typist pauses. */\n"
"\tq.addEventListener(\"input\", function () {\n"
"\t\tclearTimeout(typing);\n"
"\t\tif (rows.length <= 2000)\n"
"\t\t\tfilter();\n"
"\t\telse\n"
"\t\t\ttyping = setTimeout(filter, 250);\n"
"\t});\n"
"\ttag.addEventListener(\"change\", filter);\n"
"\tst.addEventListener(\"change\", filter);\n"
"\t/* Back on the page, the browser may have restored the controls'\n"
"\t * values after the script ran: the rows follow them again. */\n"
"\twindow.addEventListener(\"pageshow\", filter);\n"
"\tdocument.getElementById(\"tl-controls\").hidden = false;\n"
"\tfilter();\n"
"}());\n"
"//]]></script>\n";

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *
timeline_title(const struct tl_timeline *tl)
{
	return tl->title != NULL ? tl->title : tl->name;
}

/* The timelines that have a selected milestone, marked in used[]; all
 * of the selection's when none has. */
static void
mark_used(const struct tl_selection *sel, unsigned char *used)
{
	size_t i, lo, hi, mid, nt = tl_selection_timeline_count(sel);
	const char *name;
	int c;

	if (tl_selection_count(sel) == 0)
		memset(used, 1, nt);
	for (i = 0; i < tl_selection_count(sel); i++) {
		name = tl_milestone_timeline(tl_selection_milestone(sel,
		    i))->name;
		lo = 0;
		hi = nt;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			c = strcmp(tl_selection_timeline(sel, mid)->name, name);
			if (c == 0) {
				used[mid] = 1;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
}

/*
 * The titles of the timelines shown, joined by ", " (the first
 * TITLES_MAX, then "and N more"), each isolated from
 * the others (a right-to-left title would otherwise carry the comma
 * into its run) in <bdi> elements with markup; else as they are, for
 * the <title> element, which holds text only and is shown by the
 * browser's own window and tabs, where isolates would be copied and
 * read along with the title.
 */
static void
titles(struct xw *w, const struct tl_selection *sel, const unsigned char *used,
    int markup)
{
	size_t t, k = 0, n = 0, nt = tl_selection_timeline_count(sel);
	const char *s;

	for (t = 0; t < nt; t++)
		n += used[t] != 0;
	for (t = 0; t < nt; t++) {
		if (!used[t])
			continue;
		if (k == TITLES_MAX && n > TITLES_MAX + 1) {
			tl_xw_s(w, " and ");
			tl_xw_int(w, (long)(n - k));
			tl_xw_s(w, " more");
			return;
		}
		s = timeline_title(tl_selection_timeline(sel, t));
		if (k++ > 0)
			tl_xw_s(w, ", ");
		if (markup)
			tl_xw_bdi(w, s);
		else
			tl_xw_text(w, s, strlen(s), 1);
	}
}

/* The FNV-1a hash of the string s. */
static uint64_t
hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

/*
 * Adds tag to the set of distinct tags in slots (a power of two of
 * them, at most half full, grown as needed): *n counts them.  0 or
 * TL_ENOMEM.
 */
static int
add_tag(const char ***slots, size_t *nslots, size_t *n, const char *tag)
{
	const char **grown, **old = *slots;
	size_t i, k, size = *nslots;

	if ((*n + 1) * 2 > size) {
		size = size ? size * 2 : 64;
		if ((grown = calloc(size, sizeof(*grown))) == NULL)
			return TL_ENOMEM;
		for (k = 0; k < *nslots; k++) {
			if (old[k] == NULL)
				continue;
			for (i = hash_str(old[k]) & (size - 1);
			    grown[i] != NULL; i = (i + 1) & (size - 1))
				;
			grown[i] = old[k];
		}
		free(old);
		*slots = grown;
		*nslots = size;
	}
	for (i = hash_str(tag) & (size - 1); (*slots)[i] != NULL;
	    i = (i + 1) & (size - 1))
		if (strcmp((*slots)[i], tag) == 0)
			return 0;
	(*slots)[i] = tag;
	(*n)++;
	return 0;
}

/*
 * Every tag of the selected milestones, once each, in byte order.  The
 * distinct tags are few, however many milestones carry them: they are
 * gathered in a hash set, which costs their number, not the milestones'.
 */
static int
tag_list(const struct tl_selection *sel, const char ***out, size_t *count)
{
	size_t i, k, n = 0, nslots = 0;
	const char **slots = NULL, *tag;
	struct tl_list it;

	*out = NULL;
	*count = 0;
	for (i = 0; i < tl_selection_count(sel); i++) {
		tl_milestone_tags(tl_selection_milestone(sel, i), &it);
		while ((tag = tl_list_next(&it)) != NULL)
			if (add_tag(&slots, &nslots, &n, tag) < 0) {
				free(slots);
				return TL_ENOMEM;
			}
	}
	if (n == 0) {
		free(slots);
		return 0;
	}
	/* The set's slots, packed and sorted, are the list. */
	for (i = k = 0; i < nslots; i++)
		if (slots[i] != NULL)
			slots[k++] = slots[i];
	qsort(slots, n, sizeof(*slots), cmp_str);
	*out = slots;
	*count = n;
	return 0;
}

static void
option(struct xw *w, const char *value, const char *label)
{
	tl_xw_s(w, "<option value=\"");
	tl_xw_text(w, value, strlen(value), 1);
	tl_xw_s(w, "\">");
	tl_xw_text(w, label, strlen(label), 1);
	tl_xw_s(w, "</option>");
}

static void
controls(struct xw *w, const char **tags, size_t ntags)
{
	size_t i;
	int s;

	tl_xw_s(w, "<div id=\"tl-controls\" hidden=\"hidden\">\n"
	    "<label>Filter <input id=\"tl-q\" type=\"search\" "
	    "placeholder=\"title, tag, date\" autocomplete=\"off\"/></label>\n"
	    "<label>Tag <select id=\"tl-tag\">");
	option(w, "", "any");
	for (i = 0; i < ntags; i++)
		option(w, tags[i], tags[i]);
	tl_xw_s(w, "</select></label>\n"
	    "<label>Status <select id=\"tl-status\">");
	option(w, "", "any");
	for (s = 0; s < TL_STATUS_COUNT; s++)
		option(w, tl_status_name((enum tl_status)s),
		    tl_status_name((enum tl_status)s));
	tl_xw_s(w, "</select></label>\n<span id=\"tl-n\" aria-live=\"polite\">"
	    "</span>\n</div>\n");
}

/* A link of http or https, the scheme in any case (HTTPS:// too). */
static int
is_web_link(const char *s)
{
	size_t n = strlen(s);

	return (n >= 8 && tl_same_but_case(s, 8, "https://")) ||
	    (n >= 7 && tl_same_but_case(s, 7, "http://"));
}

/*
 * A link as the value of href: the ASCII characters that a URL may not
 * hold as they are (space, ", <, >, `, {, }, | and ^) are percent-encoded
 * (URLs mean the same encoded), the rest is written as attribute text,
 * so that the page stays valid HTML.
 */
static void
href(struct xw *w, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c >= 0x80 || (c > 0x20 && c < 0x7f &&
		    strchr("\"<>`{}|^", c) == NULL))
			continue;
		tl_xw_text(w, run, (size_t)(s - run), 1);
		tl_xw_c(w, '%');
		tl_xw_c(w, hex[c >> 4]);
		tl_xw_c(w, hex[c & 15]);
		run = s + 1;
	}
	tl_xw_text(w, run, (size_t)(s - run), 1);
}

/* A window's first day, and its last when it is another, as ISO days
 * ("2026-05-01 2026-05-31"). */
static void
put_iso_window(struct xw *w, const struct tl_window *win)
{
	char day[16];

	tl_day_format(day, sizeof(day), win->start);
	tl_xw_s(w, day);
	if (win->end != win->start) {
		tl_day_format(day, sizeof(day), win->end);
		tl_xw_c(w, ' ');
		tl_xw_s(w, day);
	}
}

static void
row(struct xw *w, const struct tl_milestone *m, int32_t today)
{
	const struct tl_window *win = tl_milestone_window(m);
	const struct tl_timeline *tl = tl_milestone_timeline(m);
	struct tl_list it;
	const char *s;
	size_t j;
	int status = (int)tl_milestone_status(m);

	tl_xw_s(w, "<tr data-id=\"");
	tl_xw_text(w, tl->name, strlen(tl->name), 1);
	tl_xw_c(w, '/');
	s = tl_milestone_id(m);
	tl_xw_text(w, s, strlen(s), 1);
	tl_xw_s(w, "\" data-status=\"");
	tl_xw_s(w, tl_status_name((enum tl_status)status));
	tl_xw_s(w, "\" data-tags=\" ");
	for (tl_milestone_tags(m, &it); (s = tl_list_next(&it)) != NULL; ) {
		tl_xw_text(w, s, strlen(s), 1);
		tl_xw_c(w, ' ');
	}
	/* The filter finds a window's first and last days as ISO days. */
	tl_xw_s(w, "\" data-iso=\"");
	put_iso_window(w, win);
	/* The date sorts by the window's start, then its end. */
	tl_xw_s(w, "\">\n<td class=\"d\" data-k=\"");
	tl_xw_int(w, (long)win->start * 10000000L + win->end);
	tl_xw_s(w, "\">");
	tl_xw_when(w, m, 1);
	/* What the picture tells of the date besides, in its words. */
	tl_xw_date_notes(w, m, 1);
	tl_xw_s(w, "</td><td class=\"st st");
	tl_xw_int(w, status);
	tl_xw_s(w, "\" data-k=\"");
	tl_xw_int(w, status);
	tl_xw_s(w, "\">");
	tl_xw_s(w, tl_status_name((enum tl_status)status));
	/* Overdue as show says it; the text filter finds the word. */
	if (tl_milestone_is_overdue(m, today))
		tl_xw_s(w, " <b class=\"ov\">overdue</b>");
	/* Data text takes its direction from itself (dir="auto", bdi). */
	tl_xw_s(w, "</td><td dir=\"auto\">");
	s = tl_milestone_title(m);
	tl_xw_text(w, s, strlen(s), 1);
	/* In a cell of its own direction, the label before the title
	 * ("Timeline: ", on a narrow screen) would follow it. */
	tl_xw_s(w, "</td><td>");
	tl_xw_bdi(w, timeline_title(tl));
	tl_xw_s(w, "</td><td>");
	for (j = 0, tl_milestone_tags(m, &it);
	    (s = tl_list_next(&it)) != NULL; j++) {
		if (j > 0)
			tl_xw_s(w, ", ");
		tl_xw_bdi(w, s);
	}
	tl_xw_s(w, "</td><td>");
	for (j = 0, tl_milestone_links(m, &it);
	    (s = tl_list_next(&it)) != NULL; j++) {
		/* The line feed keeps two links apart for the filter. */
		if (j > 0)
			tl_xw_s(w, "<br/>\n");
		if (is_web_link(s)) {
			tl_xw_s(w, "<a rel=\"noopener noreferrer\" href=\"");
			href(w, s);
			tl_xw_s(w, "\">");
			tl_xw_text(w, s, strlen(s), 1);
			tl_xw_s(w, "</a>");
		} else {
			tl_xw_text(w, s, strlen(s), 1);
		}
	}
	tl_xw_s(w, "</td></tr>\n");
}

int
tl_html_options_init(struct tl_html_options *opts, unsigned version)
{
	const struct tl_html_options init = TL_HTML_OPTIONS_INIT;

	if (opts == NULL || version != TL_HTML_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = init;
	return 0;
}

/* The page's head: its title (the timelines'), its style, and the
 * column widened for a picture wider than it. */
static void
put_head(struct xw *w, const struct tl_selection *sel,
    const unsigned char *used, unsigned width)
{
	tl_xw_s(w, head);
	tl_xw_s(w, "<meta name=\"generator\" content=\"timeline ");
	tl_xw_s(w, tl_version());
	tl_xw_s(w, "\"/>\n<title>");
	titles(w, sel, used, 0);
	tl_xw_s(w, "</title>\n");
	tl_xw_s(w, page_style);
	if (width > PAGE_COLUMN) {
		tl_xw_s(w, "<style>body{max-width:");
		tl_xw_int(w, (int)width);
		tl_xw_s(w, "px}</style>\n");
	}
	/* Before the first paint: the controls' room is kept for them. */
	tl_xw_s(w, "<script>document.documentElement.className = \"js\";"
	    "</script>\n</head>\n");
}

/* The body's heading: the timelines' titles, and the day drawn for. */
static void
put_heading(struct xw *w, const struct tl_selection *sel,
    const unsigned char *used, int32_t today)
{
	struct tl_window day;
	char words[WORDS_SIZE];

	tl_xw_s(w, "<body>\n<main>\n<h1>");
	titles(w, sel, used, 1);
	tl_xw_s(w, "</h1>\n");
	if (today >= TL_DAY_MIN && today <= TL_DAY_MAX) {
		memset(&day, 0, sizeof(day));
		day.start = day.end = today;
		tl_window_words(words, sizeof(words), &day, 1);
		tl_xw_s(w, "<p class=\"asof\">as of ");
		tl_xw_s(w, words);
		tl_xw_s(w, "</p>\n");
	}
}

/* The table of the milestones, a row each. */
static void
put_table(struct xw *w, const struct tl_selection *sel, int32_t today)
{
	size_t i;

	tl_xw_s(w, "<table id=\"tl-table\">\n<thead><tr>"
	    "<th>Date</th>"
	    "<th>Status</th><th>Title</th><th>Timeline</th><th>Tags</th>"
	    "<th>Links</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < tl_selection_count(sel) && !w->error; i++)
		row(w, tl_selection_milestone(sel, i), today);
	tl_xw_s(w, "</tbody>\n</table>\n");
}

int
tl_export_html(FILE *out, const struct tl_selection *sel,
    const struct tl_html_options *opts)
{
	static const struct tl_html_options defaults = TL_HTML_OPTIONS_INIT;
	struct xw *w = NULL;
	struct pic *pic = NULL;
	const char **tags = NULL;
	unsigned char *used = NULL;
	size_t ntags;
	int error = 0;

	if (opts == NULL)
		opts = &defaults;
	if (out == NULL || sel == NULL ||
	    opts->version != TL_HTML_OPTIONS_VERSION ||
	    opts->width < TL_PICTURE_WIDTH_MIN ||
	    opts->width > TL_PICTURE_WIDTH_MAX)
		return TL_EINVAL;
	/* Everything that may fail comes before the first byte. */
	if ((error = tl_svg_layout(&pic, sel, opts->today, opts->width)) < 0)
		goto out;
	if ((w = malloc(sizeof(*w))) == NULL ||
	    (used = calloc(tl_selection_timeline_count(sel) + 1, 1)) == NULL) {
		error = TL_ENOMEM;
		goto out;
	}
	tl_xw_init(w, out);
	if ((error = tag_list(sel, &tags, &ntags)) < 0)
		goto out;
	mark_used(sel, used);
	put_head(w, sel, used, opts->width);
	put_heading(w, sel, used, opts->today);
	tl_xw_s(w, "<figure>\n");
	tl_svg_write(w, pic, 0);
	tl_xw_s(w, "</figure>\n");
	/* Without milestones, the picture says so: nothing to list. */
	if (tl_selection_count(sel) > 0) {
		tl_xw_s(w, "<button id=\"tl-full\" type=\"button\" "
		    "hidden=\"hidden\">Full size</button>\n");
		controls(w, tags, ntags);
		put_table(w, sel, opts->today);
		tl_xw_s(w, "</main>\n");
		tl_xw_s(w, script);
	} else {
		tl_xw_s(w, "</main>\n");
	}
	tl_xw_s(w, "</body>\n</html>\n");
out:
	if (w != NULL && error == 0) {
		if (tl_xw_flush(w) < 0)
			error = TL_EIO;
		else if (fflush(out) != 0 || ferror(out))
			error = TL_EIO;
	}
	free(w);
	free(tags);
	free(used);
	tl_svg_free(pic);
	return error;
}
