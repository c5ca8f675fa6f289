/*
 * The text exporter: the timeline as it reads in a terminal (SPEC
 * section 6, "Text").
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "timeline/timeline.h"
#include "utf8.h"
#include "width.h"

/*
 * A milestone line is laid out in columns:
 *
 *	  10 Dec   ✓ [rust] Maintainers declare ...  overdue  (notes)  #tags
 *
 * an indent, the date in words within its year, the status mark, the
 * timeline tag when milestones of several timelines are shown, the
 * title, then its notes and tags.  A date wider than its column (a
 * range, which names both years) gets a line of its own above.
 */
#define INDENT		2
#define DATE_COLS	7	/* "~10 Dec" */
#define MARK_GAP	2
#define PREFIX_COLS	(INDENT + DATE_COLS + MARK_GAP + 2)
#define WIDTH_MIN	40
#define WIDTH_MAX	10000
#define TAB_STOP	8
#define WORDS_SIZE	128
#define NOTES_MIN	12	/* fewer columns show too little of the notes */
#define OVERDUE		"overdue"

/* What the output shows for a control character or invalid UTF-8. */
#define SUBSTITUTE	"\xef\xbf\xbd"	/* U+FFFD REPLACEMENT CHARACTER */
#define ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */
#define RULE		"\xe2\x94\x80"	/* U+2500 BOX DRAWINGS LIGHT HORIZONTAL */
#define MIDDOT		" \xc2\xb7 "	/* " · " */
#define EM_DASH		" \xe2\x80\x94 "	/* " — " */

/*
 * The status marks read without colour, each one column wide in every
 * terminal (none is East Asian Ambiguous):
 *
 *	◦  planned	U+25E6 WHITE BULLET: still open
 *	✓  done		U+2713 CHECK MARK
 *	!  at-risk
 *	»  slipped	U+00BB: pushed later
 *	✗  cancelled	U+2717 BALLOT X
 */
static const char *const marks[TL_STATUS_COUNT] = {
	"\xe2\x97\xa6", "\xe2\x9c\x93", "!", "\xc2\xbb", "\xe2\x9c\x97"
};

/*
 * ANSI 16-colour SGR parameters.  Only the eight basic colours, bold
 * and dim are used, so that the text reads on dark and light
 * backgrounds alike.  Headings are bold; the rule, notes, tags and
 * details are dim; each status has its colour on its mark.  The style
 * is reset before every line ends, so none runs into the next.
 */
#define SGR_BOLD	"1"
#define SGR_DIM		"2"
#define SGR_OVERDUE	"1;31"

static const char *const status_sgr[TL_STATUS_COUNT] = {
	NULL,		/* planned: the terminal's own colour */
	"32",		/* done: green */
	"33",		/* at-risk: yellow */
	"35",		/* slipped: magenta */
	"31"		/* cancelled: red, and the title dim */
};

/* Timeline tags take these colours in turn, in the order of names. */
static const char *const timeline_sgr[] = {
	"36", "35", "32", "33", "34", "31"
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct text {
	FILE *out;
	const struct tl_selection *sel;
	int32_t today;
	size_t width;
	int color;
	int long_format;
	size_t name_cols;	/* the timeline name in its tag; 0 for none */
	const char *sgr;	/* the style in effect, NULL for none */
};

/*
 * Writes len bytes of untrusted text.  Control characters (C0, DEL, C1,
 * line separators and bidirectional overrides, tab and newline too) and
 * invalid UTF-8 become U+FFFD, so that nothing in the data can move the
 * cursor, change colours or reorder the line.
 */
static void
put_safe(FILE *out, const char *s, size_t len)
{
	size_t i = 0, run = 0, n;
	uint32_t cp;

	while (i < len) {
		n = tl_utf8_decode(s + i, len - i, &cp);
		if (cp == TL_UTF8_INVALID || tl_is_control(cp)) {
			fwrite(s + run, 1, i - run, out);
			fputs(SUBSTITUTE, out);
			run = i + n;
		}
		i += n;
	}
	fwrite(s + run, 1, i - run, out);
}

static void
put_spaces(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

/*
 * Switches the style to sgr (NULL for plain text), writing only the
 * changes.  Each line ends plain (see end_line()).
 */
static void
style(struct text *t, const char *sgr)
{
	if (!t->color || t->sgr == sgr || (t->sgr != NULL && sgr != NULL &&
	    strcmp(t->sgr, sgr) == 0))
		return;
	if (t->sgr != NULL)
		fputs("\033[0m", t->out);
	if (sgr != NULL)
		fprintf(t->out, "\033[%sm", sgr);
	t->sgr = sgr;
}

static void
end_line(struct text *t)
{
	style(t, NULL);
	putc('\n', t->out);
}

/*
 * A run of text pieces that must fit a number of columns.  It is
 * produced twice by the same code: first with measure set, to count its
 * columns, then to write it, cut with an ellipsis when it does not fit.
 */
struct run {
	struct text *t;
	int measure;
	size_t cols;	/* measuring: the columns counted */
	size_t left;	/* writing: the columns left */
	int done;	/* writing: the ellipsis is out, nothing more fits */
};

static void
run_start(struct run *r, struct text *t)
{
	memset(r, 0, sizeof(*r));
	r->t = t;
	r->measure = 1;
}

/*
 * Switches r from measuring to writing in at most 'budget' columns;
 * returns the columns the run will take.
 */
static size_t
run_write(struct run *r, size_t budget)
{
	size_t need = r->cols;

	r->measure = 0;
	r->done = 0;
	if (need <= budget) {
		r->left = need;
		return need;
	}
	/* One column is kept for the ellipsis. */
	r->left = budget > 0 ? budget - 1 : 0;
	if (budget == 0)
		r->done = 1;
	return budget;
}

/* Adds untrusted text, in the style sgr (NULL for none), to the run. */
static void
run_put(struct run *r, const char *sgr, const char *s, size_t len)
{
	size_t w, n, used;

	w = tl_width_text(s, len);
	if (r->measure) {
		r->cols += w;
		return;
	}
	if (r->done || len == 0)
		return;
	style(r->t, sgr);
	if (w <= r->left) {
		put_safe(r->t->out, s, len);
		r->left -= w;
	} else {
		n = tl_width_prefix(s, len, r->left, &used);
		put_safe(r->t->out, s, n);
		fputs(ELLIPSIS, r->t->out);
		r->left = 0;
		r->done = 1;
	}
}

static void
run_puts(struct run *r, const char *sgr, const char *s)
{
	run_put(r, sgr, s, strlen(s));
}

/*
 * Writes text in the style sgr, cut to at most cols columns with an
 * ellipsis when it is cut, and returns the columns written.  The style
 * stays in effect.
 */
static size_t
put_cut(struct text *t, const char *sgr, const char *s, size_t cols)
{
	struct run r;

	run_start(&r, t);
	run_puts(&r, sgr, s);
	cols = run_write(&r, cols);
	run_puts(&r, sgr, s);
	return cols;
}

static int
year_of(int32_t day)
{
	int y, m, d;

	tl_day_to_ymd(day, &y, &m, &d);
	return y;
}

/* The year a milestone is listed under; 0 when its window is unknown. */
static int
milestone_year(const struct tl_milestone *m)
{
	return year_of(tl_milestone_window(m)->start);
}

/* "23 Nov 2026" for a day. */
static void
day_words(char *buf, size_t size, int32_t day)
{
	struct tl_window w;

	memset(&w, 0, sizeof(w));
	w.start = w.end = day;
	w.precision = w.start_precision = w.end_precision = TL_PREC_DAY;
	tl_window_words(buf, size, &w, 1);
}

static const char *
timeline_label(const struct tl_timeline *tl)
{
	if (tl == NULL)
		return "?";
	if (tl->title != NULL)
		return tl->title;
	return tl->name != NULL ? tl->name : "?";
}

static size_t
timeline_index(struct text *t, const struct tl_timeline *tl)
{
	size_t i, n = tl_selection_timeline_count(t->sel);

	if (tl == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		const struct tl_timeline *o = tl_selection_timeline(t->sel, i);

		if (o == tl || (o->name != NULL && tl->name != NULL &&
		    strcmp(o->name, tl->name) == 0))
			return i;
	}
	return 0;
}

/*
 * The title line: the selected timelines' titles (else names), then the
 * day drawn for.  The titles are cut to leave room for the day.
 */
static void
put_title(struct text *t)
{
	char day[WORDS_SIZE], asof[WORDS_SIZE + 16];
	size_t i, n = tl_selection_timeline_count(t->sel), cols;
	struct run r;

	day_words(day, sizeof(day), t->today);
	snprintf(asof, sizeof(asof), EM_DASH "as of %s", day);
	cols = tl_width_text(asof, strlen(asof));

	run_start(&r, t);
	for (;;) {
		if (n == 0)
			run_puts(&r, SGR_BOLD, "Timeline");
		for (i = 0; i < n; i++) {
			if (i > 0)
				run_puts(&r, SGR_BOLD, MIDDOT);
			run_puts(&r, SGR_BOLD,
			    timeline_label(tl_selection_timeline(t->sel, i)));
		}
		if (!r.measure)
			break;
		run_write(&r, t->width - cols);
	}
	put_cut(t, NULL, asof, cols);
	end_line(t);
	end_line(t);
}

/* A year heading, after a blank line unless it comes first. */
static void
put_year(struct text *t, int year, int blank)
{
	char buf[16];

	if (blank)
		end_line(t);
	if (year > 0)
		snprintf(buf, sizeof(buf), "%04d", year);
	else
		snprintf(buf, sizeof(buf), "undated");
	style(t, SGR_BOLD);
	fputs(buf, t->out);
	style(t, NULL);
	end_line(t);
}

/*
 * The rule that marks today: dashes up to the title column, the word
 * "today" and the day there, and dashes to the end of the line.
 */
static void
put_rule(struct text *t)
{
	char day[WORDS_SIZE], label[WORDS_SIZE + 16];
	size_t i, lead = PREFIX_COLS - INDENT - 1, cols;

	day_words(day, sizeof(day), t->today);
	snprintf(label, sizeof(label), "today %s", day);
	put_spaces(t->out, INDENT);
	style(t, SGR_DIM);
	for (i = 0; i < lead; i++)
		fputs(RULE, t->out);
	style(t, NULL);
	putc(' ', t->out);
	cols = INDENT + lead + 1;
	cols += put_cut(t, SGR_BOLD, label, t->width - cols);
	style(t, NULL);
	if (cols + 1 < t->width) {
		putc(' ', t->out);
		cols++;
		style(t, SGR_DIM);
		for (; cols < t->width; cols++)
			fputs(RULE, t->out);
		style(t, NULL);
	}
	end_line(t);
}

/*
 * The notes after a title, in parentheses: what a relative date hangs
 * on, and the latest earlier estimate.
 */
static void
put_notes(struct run *r, const struct tl_milestone *m)
{
	char words[WORDS_SIZE];
	int notes = 0;

	if (tl_milestone_date_kind(m) == TL_DATE_RELATIVE) {
		run_puts(r, NULL, "  ");
		run_puts(r, SGR_DIM, "(");
		run_puts(r, SGR_DIM, tl_milestone_end(m) != NULL ?
		    tl_milestone_end(m) : "?");
		run_puts(r, SGR_DIM, tl_milestone_before(m) ? " before " :
		    " after ");
		run_puts(r, SGR_DIM, tl_milestone_date(m));
		notes = 1;
	}
	if (tl_milestone_history_count(m) > 0) {
		struct tl_history last;

		tl_milestone_history(m, tl_milestone_history_count(m) - 1,
		    &last);
		tl_window_words(words, sizeof(words), &last.window, 1);
		run_puts(r, NULL, notes ? "" : "  ");
		run_puts(r, SGR_DIM, notes ? ", was " : "(was ");
		run_puts(r, SGR_DIM, words);
		notes = 1;
	}
	if (notes)
		run_puts(r, SGR_DIM, ")");
}

/*
 * The tags, in at most 'cols' columns.  Tags are never cut: those that
 * do not fit are left out, and " …" says so.
 */
static void
put_tags(struct text *t, const struct tl_milestone *m, size_t cols)
{
	size_t i, n = tl_milestone_tag_count(m), all = 0, w;
	const char *tag;

	for (i = 0; i < n; i++) {
		tag = tl_milestone_tag(m, i);
		all += (i == 0 ? 3 : 2) + tl_width_text(tag, strlen(tag));
	}
	for (i = 0; i < n; i++) {
		tag = tl_milestone_tag(m, i);
		w = (i == 0 ? 3 : 2) + tl_width_text(tag, strlen(tag));
		if (all > cols && w + 2 > cols) {
			style(t, NULL);
			if (i > 0)
				fputs(" " ELLIPSIS, t->out);
			break;
		}
		style(t, NULL);
		fputs(i == 0 ? "  " : " ", t->out);
		style(t, SGR_DIM);
		putc('#', t->out);
		put_safe(t->out, tag, strlen(tag));
		style(t, NULL);
		cols -= w;
	}
}

/*
 * Writes a paragraph wrapped at white space to 'cols' columns, each row
 * indented by 'indent' and the rows after the first by 'hang' more.  A
 * newline in it counts as a space; a tab becomes spaces to the next tab
 * stop; a word longer than a row is broken between characters.
 */
static void
put_wrapped(struct text *t, const char *s, size_t len, size_t indent,
    size_t hang, size_t cols)
{
	size_t i = 0, col = 0, gap, start, n, w, used;
	uint32_t cp;
	int row = 0;

	while (i < len) {
		gap = 0;
		for (; i < len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n'); i++) {
			if (s[i] == '\t')
				gap += TAB_STOP - (col + gap) % TAB_STOP;
			else if (s[i] == '\n')
				gap = 1;
			else
				gap++;
		}
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			i++;
		w = tl_width_text(s + start, i - start);
		if (!row) {
			put_spaces(t->out, indent);
			row = 1;
		}
		if (col > hang && col + gap + w > cols) {
			end_line(t);
			put_spaces(t->out, indent + hang);
			col = hang;
		} else if (col + gap < cols) {
			put_spaces(t->out, gap);
			col += gap;
		}
		while (col + w > cols) {
			n = tl_width_prefix(s + start, i - start, cols - col,
			    &used);
			if (n == 0 && col <= hang)
				n = tl_utf8_decode(s + start, i - start, &cp);
			put_safe(t->out, s + start, n);
			end_line(t);
			put_spaces(t->out, indent + hang);
			start += n;
			w = tl_width_text(s + start, i - start);
			col = hang;
		}
		put_safe(t->out, s + start, i - start);
		col += w;
	}
	end_line(t);
}

/*
 * The columns of a line's indentation and list marker ("- ", "* ",
 * "+ ", "1. ", "1) "), under which its wrapped rows are hung.  Sets
 * *list when there is a marker.
 */
static size_t
hang_of(const char *s, size_t len, int *list)
{
	size_t i = 0, col = 0, digits;

	for (; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		col += s[i] == '\t' ? TAB_STOP - col % TAB_STOP : 1;
	*list = 0;
	if (i + 1 < len && (s[i] == '-' || s[i] == '*' || s[i] == '+') &&
	    s[i + 1] == ' ') {
		*list = 1;
		return col + 2;
	}
	for (digits = 0; i + digits < len && s[i + digits] >= '0' &&
	    s[i + digits] <= '9'; digits++)
		;
	if (digits > 0 && i + digits + 1 < len && (s[i + digits] == '.' ||
	    s[i + digits] == ')') && s[i + digits + 1] == ' ') {
		*list = 1;
		return col + digits + 2;
	}
	return col;
}

/*
 * True when a description line starts a block of its own rather than
 * continuing the paragraph above: it is empty, indented, or a list item.
 */
static int
starts_block(const char *s, size_t len)
{
	int list;

	return len == 0 || hang_of(s, len, &list) > 0 || list;
}

/* The offset of the newline that ends the line at i, or len. */
static size_t
line_end(const char *s, size_t i, size_t len)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl != NULL ? (size_t)(nl - s) : len;
}

/*
 * A description, without its trailing empty lines.  Lines that continue
 * a paragraph are joined and the paragraph wrapped to the width, since
 * files break lines for their own width; empty lines, indented lines
 * and list items keep their place.  Returns whether it wrote anything.
 */
static int
put_description(struct text *t, const char *d, size_t indent)
{
	size_t len = strlen(d), i = 0, end, next, hang, cols;
	int list;

	while (len > 0 && (d[len - 1] == '\n' || d[len - 1] == ' ' ||
	    d[len - 1] == '\t'))
		len--;
	while (i < len) {
		end = line_end(d, i, len);
		if (end == i) {
			end_line(t);
			i++;
			continue;
		}
		/* Join the lines that continue this paragraph. */
		while (end < len) {
			next = line_end(d, end + 1, len);
			if (starts_block(d + end + 1, next - end - 1))
				break;
			end = next;
		}
		hang = hang_of(d + i, end - i, &list);
		cols = t->width - indent;
		put_wrapped(t, d + i, end - i, indent,
		    hang < cols / 2 ? hang : cols / 2, cols);
		i = end + 1;
	}
	return len > 0;
}

/*
 * What --long adds under a milestone, indented to its title.  Returns
 * whether it wrote anything.
 */
static int
put_details(struct text *t, const struct tl_milestone *m,
    size_t indent)
{
	char words[WORDS_SIZE], hm[8];
	struct run r;
	uint16_t i;
	int any, wrote = 0;

	if (tl_milestone_description(m) != NULL)
		wrote = put_description(t, tl_milestone_description(m), indent);

	/* Where and when in the day. */
	run_start(&r, t);
	for (;;) {
		any = 0;
		if (tl_milestone_location(m) != NULL) {
			run_puts(&r, SGR_DIM, tl_milestone_location(m));
			any = 1;
		}
		if (tl_milestone_time(m) >= 0) {
			snprintf(hm, sizeof(hm), "%02d:%02d",
			    (tl_milestone_time(m) / 60) % 24, tl_milestone_time(m) % 60);
			run_puts(&r, SGR_DIM, any ? MIDDOT : "");
			run_puts(&r, SGR_DIM, hm);
			if (tl_milestone_timezone(m) != NULL) {
				run_puts(&r, SGR_DIM, " ");
				run_puts(&r, SGR_DIM, tl_milestone_timezone(m));
			}
			any = 1;
		}
		if (!r.measure || !any)
			break;
		put_spaces(t->out, indent);
		run_write(&r, t->width - indent);
	}
	if (any) {
		end_line(t);
		wrote = 1;
	}

	/* When the date was reported, and the estimates before it. */
	run_start(&r, t);
	for (;;) {
		any = 0;
		if (tl_milestone_noted(m) != TL_DAY_NONE) {
			day_words(words, sizeof(words), tl_milestone_noted(m));
			run_puts(&r, SGR_DIM, "noted ");
			run_puts(&r, SGR_DIM, words);
			any = 1;
		}
		for (i = 0; i < tl_milestone_history_count(m); i++) {
			struct tl_history entry;
			const struct tl_history *h = &entry;

			tl_milestone_history(m, i, &entry);
			if (i == 0)
				run_puts(&r, SGR_DIM, any ? MIDDOT "earlier " :
				    "earlier ");
			else
				run_puts(&r, SGR_DIM, ", ");
			tl_window_words(words, sizeof(words), &h->window, 1);
			run_puts(&r, SGR_DIM, words);
			if (h->noted != TL_DAY_NONE) {
				day_words(words, sizeof(words), h->noted);
				run_puts(&r, SGR_DIM, " (noted ");
				run_puts(&r, SGR_DIM, words);
				run_puts(&r, SGR_DIM, ")");
			}
			any = 1;
		}
		if (!r.measure || !any)
			break;
		put_spaces(t->out, indent);
		run_write(&r, t->width - indent);
	}
	if (any) {
		end_line(t);
		wrote = 1;
	}

	/*
	 * Links are written whole even when longer than the line: a cut
	 * link would be useless, and terminals find one across a wrap.
	 */
	for (i = 0; i < tl_milestone_link_count(m); i++) {
		const char *link = tl_milestone_link(m, i);

		put_spaces(t->out, indent);
		style(t, SGR_DIM);
		put_safe(t->out, link, strlen(link));
		style(t, NULL);
		end_line(t);
		wrote = 1;
	}
	return wrote;
}

/*
 * A milestone's line, and its details in the long format.  Returns
 * whether details were written.
 */
static int
put_milestone(struct text *t, const struct tl_milestone *m)
{
	char date[WORDS_SIZE];
	const char *title = tl_milestone_title(m);
	const char *title_sgr = NULL;
	size_t cols, dw, avail, tw, nw, ow, half, budget;
	size_t indent = PREFIX_COLS;
	int overdue;
	unsigned status = tl_milestone_status(m);
	struct run r;

	tl_window_words(date, sizeof(date), tl_milestone_window(m), 0);
	dw = tl_width_text(date, strlen(date));

	put_spaces(t->out, INDENT);
	if (dw > DATE_COLS) {
		put_cut(t, NULL, date, t->width - INDENT);
		end_line(t);
		put_spaces(t->out, INDENT + DATE_COLS + MARK_GAP);
	} else {
		fputs(date, t->out);
		put_spaces(t->out, DATE_COLS - dw + MARK_GAP);
	}
	style(t, status_sgr[status]);
	fputs(marks[status], t->out);
	style(t, NULL);
	putc(' ', t->out);
	cols = PREFIX_COLS;

	if (t->name_cols > 0) {
		const char *sgr = timeline_sgr[timeline_index(t, tl_milestone_timeline(m)) %
		    NELEM(timeline_sgr)];
		const char *name = tl_milestone_timeline(m) != NULL &&
		    tl_milestone_timeline(m)->name != NULL ? tl_milestone_timeline(m)->name : "?";

		style(t, sgr);
		putc('[', t->out);
		tw = put_cut(t, sgr, name, t->name_cols);
		putc(']', t->out);
		style(t, NULL);
		put_spaces(t->out, t->name_cols - tw + 1);
		cols += t->name_cols + 3;
		indent = cols;
	}

	/*
	 * The title and what follows it share the rest of the line.  The
	 * word "overdue" is never cut; then come the title, the notes and
	 * the tags.  When the title and notes do not fit, the title keeps
	 * at least half the room and is cut; the notes are cut after it,
	 * or left out when only a sliver of them would show.
	 */
	avail = t->width > cols ? t->width - cols : 0;
	overdue = tl_milestone_is_overdue(m, t->today);
	ow = overdue ? 2 + strlen(OVERDUE) : 0;
	avail = avail > ow ? avail - ow : 0;
	tw = tl_width_text(title, strlen(title));
	run_start(&r, t);
	put_notes(&r, m);
	nw = r.cols;
	budget = tw;
	if (tw + nw > avail) {
		half = tw < avail / 2 ? tw : avail / 2;
		if (avail - half < NOTES_MIN) {
			nw = 0;
			budget = tw < avail ? tw : avail;
		} else if (avail > nw && avail - nw > half)
			budget = avail - nw;
		else
			budget = half;
	}
	if (tl_milestone_status(m) == TL_STATUS_CANCELLED)
		title_sgr = SGR_DIM;
	avail -= put_cut(t, title_sgr, title, budget);
	if (overdue) {
		style(t, NULL);
		fputs("  ", t->out);
		style(t, SGR_OVERDUE);
		fputs(OVERDUE, t->out);
		style(t, NULL);
	}
	if (nw > 0) {
		avail -= run_write(&r, avail);
		put_notes(&r, m);
	}
	put_tags(t, m, avail);
	end_line(t);

	return t->long_format ? put_details(t, m, indent) : 0;
}

/*
 * Sizes the timeline tag: none when every milestone belongs to one
 * timeline, else the longest name up to a share of the width.
 */
static void
size_timeline_tags(struct text *t)
{
	size_t i, n = tl_selection_count(t->sel), w, cap, longest = 0;
	const struct tl_timeline *first = NULL;
	int several = 0;

	for (i = 0; i < n; i++) {
		const struct tl_milestone *m = tl_selection_milestone(t->sel, i);

		if (i == 0)
			first = tl_milestone_timeline(m);
		else if (tl_milestone_timeline(m) != first)
			several = 1;
		if (tl_milestone_timeline(m) != NULL && tl_milestone_timeline(m)->name != NULL) {
			w = tl_width_text(tl_milestone_timeline(m)->name,
			    strlen(tl_milestone_timeline(m)->name));
			if (w > longest)
				longest = w;
		}
	}
	cap = (t->width - 10) / 5;
	t->name_cols = !several ? 0 : longest < cap ? longest : cap;
}

int
tl_text_options_init(struct tl_text_options *opts, unsigned version)
{
	struct tl_text_options init = TL_TEXT_OPTIONS_INIT;

	if (version != TL_TEXT_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = init;
	return 0;
}

int
tl_export_text(FILE *out, const struct tl_selection *sel,
    const struct tl_text_options *opts)
{
	static const struct tl_text_options defaults = TL_TEXT_OPTIONS_INIT;
	struct text t;
	size_t i, n, rule_at = 0;
	int year = -1, today_year, rule_done = 0, started = 0, blank = 0;

	if (opts == NULL)
		opts = &defaults;
	if (opts->version != TL_TEXT_OPTIONS_VERSION ||
	    opts->today < TL_DAY_MIN || opts->today > TL_DAY_MAX)
		return TL_EINVAL;

	memset(&t, 0, sizeof(t));
	t.out = out;
	t.sel = sel;
	t.today = opts->today;
	t.width = opts->width < WIDTH_MIN ? WIDTH_MIN :
	    opts->width > WIDTH_MAX ? WIDTH_MAX : opts->width;
	t.color = opts->color == TL_COLOR_ALWAYS;
	t.long_format = opts->long_format != 0;
	size_timeline_tags(&t);
	today_year = year_of(t.today);

	put_title(&t);
	n = tl_selection_count(sel);
	if (n == 0) {
		put_spaces(out, INDENT);
		style(&t, SGR_DIM);
		fputs("no milestones", out);
		style(&t, NULL);
		end_line(&t);
	}

	/* The rule goes after the last milestone that starts by today. */
	for (i = 0; i < n; i++) {
		const struct tl_milestone *m = tl_selection_milestone(sel, i);

		if (tl_milestone_window(m)->start <= t.today)
			rule_at = i + 1;
	}

	/*
	 * Year groups are set apart by a blank line; in the long format a
	 * milestone with details is too.
	 */
	for (i = 0; i < n; i++) {
		const struct tl_milestone *m = tl_selection_milestone(sel, i);
		int y = milestone_year(m);

		if (i == rule_at && !rule_done) {
			/* Today opens its year's group when it falls in it. */
			if (y == today_year && y != year) {
				put_year(&t, y, started);
				year = y;
				blank = 0;
			}
			if (blank)
				end_line(&t);
			put_rule(&t);
			rule_done = started = 1;
			blank = 0;
		}
		if (y != year) {
			put_year(&t, y, started);
			year = y;
			started = 1;
			blank = 0;
		}
		if (blank)
			end_line(&t);
		blank = put_milestone(&t, m);
	}
	if (n > 0 && !rule_done) {
		if (blank)
			end_line(&t);
		put_rule(&t);
	}

	if (fflush(out) != 0 || ferror(out))
		return TL_EIO;
	return 0;
}
