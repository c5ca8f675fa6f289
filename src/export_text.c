/*
 * The text exporter: the timeline as it reads in a terminal (SPEC
 * section 6, "Text").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/timeline.h"
#include "utf8.h"
#include "width.h"
#include "zone.h"

/*
 * A milestone line is laid out in columns:
 *
 *	  10 Dec   ✓ [rust] Maintainers declare ...  overdue  (notes)  #tags
 *
 * an indent, the date in words within its year, the status mark, the
 * timeline label when milestones of several timelines are shown, the
 * title, then its notes and tags.  A date wider than its column (a
 * range, which names years, or a day with its time and zone) gets a
 * line of its own above.  The short format cuts what does not fit with
 * an ellipsis; the long format cuts nothing, flowing the title, notes
 * and tags over rows hung under the title (see struct flow).
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
#define TAGS_MIN	4	/* "  #…": tags cut to their mark */
#define NOTES_SIZE	512
#define LABEL_SIZE	96
#define NAME_MAX_BYTES	64	/* a slug */
#define OVERDUE		"overdue"

/* What the output shows for a control character or invalid UTF-8. */
#define SUBSTITUTE	"\xef\xbf\xbd"	/* U+FFFD REPLACEMENT CHARACTER */
#define ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */
#define RULE		"\xe2\x94\x80"	/* U+2500, a light line across */
#define MIDDOT		" \xc2\xb7 "	/* " · " */
#define EM_DASH		" \xe2\x80\x94 "	/* " — " */
#define DOT		"\xc2\xb7"		/* U+00B7 MIDDLE DOT */

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

/*
 * The short label of a timeline on its milestones' lines, and whether
 * any of its milestones is shown.  Labels are distinct for every
 * timeline shown (see make_labels()).
 */
struct label {
	char text[LABEL_SIZE];
	size_t cols;
	size_t ordinal;		/* among the timelines shown, from 0 */
	int shown;
};

struct text {
	FILE *out;
	const struct tl_selection *sel;
	int32_t today;
	size_t width;
	int color;
	int long_format;
	struct label *labels;	/* one per timeline selected */
	size_t nlabels;
	size_t shown;		/* timelines with a milestone shown */
	size_t name_cols;	/* the widest label; 0 for none */
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

/*
 * Text that flows over rows instead of being cut: words go on a row
 * while they fit and start the next one when they do not; a word wider
 * than a row is broken between characters.  Every row is indented by
 * 'indent' columns and the rows after the first by 'hang' more; a row
 * holds at most 'cols' columns after the indent.
 */
struct flow {
	struct text *t;
	size_t indent;
	size_t hang;
	size_t cols;
	size_t col;	/* the column reached, after the indent */
	size_t gap;	/* the spaces owed before the next word */
	int row;	/* a row is begun */
};

/*
 * Starts a flow.  With begun, the cursor already stands at column
 * 'indent + col' of a row that holds something.
 */
static void
flow_start(struct flow *f, struct text *t, size_t indent, size_t hang,
    size_t cols, int begun, size_t col)
{
	memset(f, 0, sizeof(*f));
	f->t = t;
	f->indent = indent;
	f->hang = hang;
	f->cols = cols > 0 ? cols : 1;
	f->row = begun;
	f->col = col;
}

static void
flow_break(struct flow *f)
{
	end_line(f->t);
	put_spaces(f->t->out, f->indent + f->hang);
	f->col = f->hang;
}

/* Places one word of len bytes, in the style sgr, on the flow. */
static void
flow_word(struct flow *f, const char *sgr, const char *s, size_t len)
{
	struct text *t = f->t;
	size_t w = tl_width_text(s, len), n, used;
	uint32_t cp;
	int forced;

	if (!f->row) {
		put_spaces(t->out, f->indent);
		f->row = 1;
	}
	if (f->col > f->hang && f->col + f->gap + w > f->cols) {
		flow_break(f);
	} else if (f->col + f->gap < f->cols && f->gap > 0) {
		/* Spaces between words of one style keep it. */
		if (t->sgr != sgr && (t->sgr == NULL || sgr == NULL ||
		    strcmp(t->sgr, sgr) != 0))
			style(t, NULL);
		put_spaces(t->out, f->gap);
		f->col += f->gap;
	}
	f->gap = 0;
	while (f->col + w > f->cols) {
		n = tl_width_prefix(s, len, f->cols - f->col, &used);
		forced = n == 0 && f->col <= f->hang;
		if (forced)
			n = tl_utf8_decode(s, len, &cp);
		if (n > 0) {
			style(t, sgr);
			put_safe(t->out, s, n);
		}
		flow_break(f);
		s += n;
		len -= n;
		/* What is left is as wide as the word less what was put,
		 * when the cut fell between clusters: measuring it again
		 * would cost the square of a long word's length.  A cluster
		 * wider than a row, cut inside, is measured again. */
		if (forced)
			w = tl_width_text(s, len);
		else
			w = used <= w ? w - used : 0;
	}
	if (len > 0) {
		style(t, sgr);
		put_safe(t->out, s, len);
	}
	f->col += w;
}

/* Owes n more spaces before the next word (none at a row's start). */
static void
flow_gap(struct flow *f, size_t n)
{
	if (f->row && f->col > f->hang)
		f->gap += n;
}

/*
 * Places text on the flow, broken into words at white space.  A newline
 * counts as a space; a tab becomes spaces to the next tab stop.
 */
static void
flow_text(struct flow *f, const char *sgr, const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len) {
		for (; i < len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n'); i++) {
			if (s[i] == '\t')
				f->gap += TAB_STOP - (f->col + f->gap) %
				    TAB_STOP;
			else if (s[i] == '\n')
				f->gap = 1;
			else
				f->gap++;
		}
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			i++;
		flow_word(f, sgr, s + start, i - start);
	}
}

/*
 * Places text that should stay on one row when a row can hold it ("noted
 * 16 Dec 2025"); else it flows as words.
 */
static void
flow_unit(struct flow *f, const char *sgr, const char *s)
{
	size_t len = strlen(s);

	if (tl_width_text(s, len) <= f->cols - f->hang)
		flow_word(f, sgr, s, len);
	else
		flow_text(f, sgr, s, len);
}

static void
flow_end(struct flow *f)
{
	if (f->row)
		end_line(f->t);
	f->row = 0;
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

/* A window of one period: the day, month, ... holding 'day'. */
static void
period(struct tl_window *w, int32_t day, unsigned precision, int approx)
{
	memset(w, 0, sizeof(*w));
	w->start = w->end = day;
	w->precision = w->start_precision = w->end_precision =
	    (uint8_t)precision;
	w->flags = approx ? TL_WIN_APPROX : 0;
}

/* "23 Nov 2026" for a day. */
static void
day_words(char *buf, size_t size, int32_t day)
{
	struct tl_window w;

	period(&w, day, TL_PREC_DAY, 0);
	tl_window_words(buf, size, &w, 1);
}

/*
 * The date of a milestone's line in words: within its year ("10 Dec",
 * "~Dec", "Q3"), a range with its years, and a timed day with its
 * time and zone ("10 Dec 09:30 Asia/Tokyo").
 */
static void
date_words(char *buf, size_t size, const struct tl_milestone *m)
{
	const struct tl_window *w = tl_milestone_window(m);
	const char *zone = tl_milestone_timezone(m);
	char label[TL_ZONE_LABEL_SIZE];
	int hm = tl_milestone_time(m);
	size_t len;

	/* A range names its years (tl_window_words() keeps it short). */
	tl_window_words(buf, size, w, w->precision == TL_PREC_RANGE);
	if (hm < 0)
		return;
	len = strlen(buf);
	snprintf(buf + len, size - len, " %02d:%02d%s%s", (hm / 60) % 24,
	    hm % 60, zone != NULL ? " " : "",
	    zone != NULL ? tl_zone_label(zone, label) : "");
}

/* The timeline's title, else its name. */
static const char *
timeline_title(const struct tl_timeline *tl)
{
	if (tl == NULL)
		return "?";
	if (tl->title != NULL)
		return tl->title;
	return tl->name != NULL ? tl->name : "?";
}

/*
 * The index of tl among the set's timelines, or nlabels if not there.
 * They are in name order (strcmp), so a binary search finds the name.
 */
static size_t
timeline_index(struct text *t, const struct tl_timeline *tl)
{
	size_t lo = 0, hi = t->nlabels, mid, i;
	const struct tl_timeline *o;
	int c;

	if (tl == NULL)
		return t->nlabels;
	if (tl->name == NULL) {
		for (i = 0; i < t->nlabels; i++)
			if (tl_selection_timeline(t->sel, i) == tl)
				return i;
		return t->nlabels;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		o = tl_selection_timeline(t->sel, mid);
		c = o->name != NULL ? strcmp(o->name, tl->name) : -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The same name twice (an error in the data): find tl itself. */
	for (i = lo; i < t->nlabels; i++) {
		o = tl_selection_timeline(t->sel, i);
		if (o == tl)
			return i;
		if (o->name == NULL || strcmp(o->name, tl->name) != 0)
			break;
	}
	if (lo < t->nlabels &&
	    tl_selection_timeline(t->sel, lo)->name != NULL &&
	    strcmp(tl_selection_timeline(t->sel, lo)->name, tl->name) == 0)
		return lo;
	return t->nlabels;
}

static const char *
name_of(const struct tl_timeline *tl)
{
	return tl != NULL && tl->name != NULL ? tl->name : "?";
}

/* The number of leading bytes a and b share. */
static size_t
common_prefix(const char *a, const char *b)
{
	size_t i;

	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		;
	return i;
}

/* True when s is a short ASCII name, whose bytes are its columns. */
static int
is_plain(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e ||
		    i >= NAME_MAX_BYTES)
			return 0;
	return 1;
}

/*
 * Makes l the label of 'name' in 'cap' columns (at least 6), given the
 * number of leading bytes it shares with the name nearest to it among
 * the timelines shown:
 *
 *	debian		the name, when it fits
 *	kerne…		its start, when that tells it from every other
 *	de…apt		else its start, an ellipsis, and its end from
 *	k…dri…		where it differs from the others (cut when
 *			long), from the start of that word of the name
 *			when there is room
 */
static void
label_of(struct label *l, const char *name, size_t shared, size_t cap)
{
	size_t len = strlen(name), used, n, from, word;

	if (tl_width_text(name, len) <= cap) {
		snprintf(l->text, sizeof(l->text), "%s", name);
	} else if (!is_plain(name) || shared < cap - 1) {
		n = tl_width_prefix(name, len, cap - 1, &used);
		snprintf(l->text, sizeof(l->text), "%.*s" ELLIPSIS, (int)n,
		    name);
	} else {
		for (word = shared; word > 1 && name[word - 1] != '-'; word--)
			;
		if (word <= 1)
			word = shared;
		if (len - word + 2 <= cap || len - shared + 2 > cap)
			from = word;
		else
			from = shared;
		if (len - from + 2 <= cap) {
			snprintf(l->text, sizeof(l->text), "%.*s" ELLIPSIS "%s",
			    (int)(cap - 1 - (len - from)), name, name + from);
		} else {
			/* The cut segment must reach the differing byte. */
			if (shared - from >= cap - 3)
				from = shared;
			snprintf(l->text, sizeof(l->text),
			    "%.1s" ELLIPSIS "%.*s" ELLIPSIS, name,
			    (int)(cap - 3), name + from);
		}
	}
	l->cols = tl_width_text(l->text, strlen(l->text));
}

static int
label_cmp(const void *a, const void *b)
{
	const struct label *const *x = a, *const *y = b;

	return strcmp((*x)->text, (*y)->text);
}

/*
 * Labels that came out the same (possible only for names the forms of
 * label_of() cannot tell apart in so few columns) are numbered instead:
 * "a…#2".  A '#' is in no name, so these differ from every other label.
 * Returns 0 or TL_ENOMEM.
 */
static int
number_duplicates(struct text *t, size_t cap)
{
	struct label **byname;
	size_t i, j, k, used, n, digits;
	char num[24];
	const char *name;

	if (t->shown < 2)
		return 0;
	if ((byname = calloc(t->shown, sizeof(*byname))) == NULL)
		return TL_ENOMEM;
	for (i = 0, j = 0; i < t->nlabels; i++)
		if (t->labels[i].shown)
			byname[j++] = &t->labels[i];
	qsort(byname, t->shown, sizeof(*byname), label_cmp);
	for (i = 0; i < t->shown; i = j) {
		for (j = i + 1; j < t->shown &&
		    strcmp(byname[j]->text, byname[i]->text) == 0; j++)
			;
		if (j - i == 1)
			continue;
		for (k = i; k < j; k++) {
			struct label *l = byname[k];

			snprintf(num, sizeof(num), "#%zu", l->ordinal + 1);
			digits = strlen(num);
			name = name_of(tl_selection_timeline(t->sel,
			    (size_t)(l - t->labels)));
			n = cap > digits + 1 ? cap - digits - 1 : 0;
			n = tl_width_prefix(name, strlen(name), n, &used);
			snprintf(l->text, sizeof(l->text), "%.*s" ELLIPSIS "%s",
			    (int)n, name, num);
			l->cols = tl_width_text(l->text, strlen(l->text));
		}
	}
	free(byname);
	return 0;
}

/*
 * Finds the timelines whose milestones are shown and, when there are
 * several, gives each a label distinct from the others' in at most a
 * fifth of the width.  Returns 0 or TL_ENOMEM.
 */
static int
make_labels(struct text *t)
{
	size_t i, n = tl_selection_count(t->sel), idx = 0, cap, shared, prev, k;
	const struct tl_timeline *last = NULL;
	struct label *l;

	t->nlabels = tl_selection_timeline_count(t->sel);
	if (t->nlabels == 0)
		return 0;
	if ((t->labels = calloc(t->nlabels, sizeof(*t->labels))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < n; i++) {
		const struct tl_timeline *tl =
		    tl_milestone_timeline(tl_selection_milestone(t->sel, i));

		if (tl != last || i == 0)
			idx = timeline_index(t, tl);
		last = tl;
		if (idx < t->nlabels && !t->labels[idx].shown) {
			t->labels[idx].shown = 1;
			t->shown++;
		}
	}
	if (t->shown < 2)
		return 0;

	/*
	 * The timelines are in name order, so the name sharing the most
	 * with a name is the shown one just before or just after it.
	 */
	cap = (t->width - 10) / 5;
	prev = t->nlabels;
	for (i = 0, k = 0; i < t->nlabels; i++) {
		size_t next;

		l = &t->labels[i];
		if (!l->shown)
			continue;
		l->ordinal = k++;
		shared = 0;
		if (prev < t->nlabels)
			shared = common_prefix(
			    name_of(tl_selection_timeline(t->sel, i)),
			    name_of(tl_selection_timeline(t->sel, prev)));
		for (next = i + 1; next < t->nlabels &&
		    !t->labels[next].shown; next++)
			;
		if (next < t->nlabels) {
			size_t s = common_prefix(name_of(tl_selection_timeline(
			    t->sel, i)), name_of(tl_selection_timeline(t->sel,
			    next)));

			if (s > shared)
				shared = s;
		}
		label_of(l, name_of(tl_selection_timeline(t->sel, i)), shared,
		    cap);
		prev = i;
	}
	if (number_duplicates(t, cap) < 0)
		return TL_ENOMEM;
	for (i = 0; i < t->nlabels; i++)
		if (t->labels[i].shown && t->labels[i].cols > t->name_cols)
			t->name_cols = t->labels[i].cols;
	return 0;
}

/*
 * The title line: the titles (else names) of the timelines whose
 * milestones are shown, or of every selected timeline when none is,
 * then the day drawn for.  The titles are cut to leave room for the
 * day, or in the long format wrapped.
 */
static void
put_title(struct text *t)
{
	char day[WORDS_SIZE], asof[WORDS_SIZE + 16];
	size_t i, n = t->nlabels, cols, named;
	struct run r;
	struct flow f;

	day[0] = '\0';
	if (t->today != TL_DAY_NONE)
		day_words(day, sizeof(day), t->today);
	if (t->long_format) {
		flow_start(&f, t, 0, 0, t->width, 0, 0);
		for (i = 0, named = 0; i < n; i++) {
			const char *title;

			if (t->shown > 0 && !t->labels[i].shown)
				continue;
			if (named++ > 0) {
				flow_gap(&f, 1);
				flow_word(&f, SGR_BOLD, DOT, strlen(DOT));
				flow_gap(&f, 1);
			}
			title = timeline_title(
			    tl_selection_timeline(t->sel, i));
			flow_text(&f, SGR_BOLD, title, strlen(title));
		}
		if (named == 0)
			flow_word(&f, SGR_BOLD, "Timeline", strlen("Timeline"));
		if (t->today != TL_DAY_NONE) {
			snprintf(asof, sizeof(asof), "\xe2\x80\x94 as of %s",
			    day);
			flow_gap(&f, 1);
			flow_unit(&f, NULL, asof);
		}
		flow_end(&f);
		end_line(t);
		return;
	}
	if (t->today != TL_DAY_NONE)
		snprintf(asof, sizeof(asof), EM_DASH "as of %s", day);
	else
		asof[0] = '\0';
	cols = tl_width_text(asof, strlen(asof));

	run_start(&r, t);
	for (;;) {
		named = 0;
		for (i = 0; i < n; i++) {
			if (t->shown > 0 && !t->labels[i].shown)
				continue;
			if (named++ > 0)
				run_puts(&r, SGR_BOLD, MIDDOT);
			run_puts(&r, SGR_BOLD,
			    timeline_title(tl_selection_timeline(t->sel, i)));
		}
		if (named == 0)
			run_puts(&r, SGR_BOLD, "Timeline");
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
 * The notes after a title, without their parentheses: what a relative
 * date hangs on ("~1y after tokyo-summit"), and the latest earlier
 * estimate, the last of the history ("was Q2 2026").  Empty when there
 * are none.
 */
static void
notes_text(char *buf, size_t size, const struct tl_milestone *m)
{
	char words[WORDS_SIZE];
	size_t len = 0;

	buf[0] = '\0';
	if (tl_milestone_date_kind(m) == TL_DATE_RELATIVE) {
		snprintf(buf, size, "%s%s%s", tl_milestone_end(m) != NULL ?
		    tl_milestone_end(m) : "?", tl_milestone_before(m) ?
		    " before " : " after ", tl_milestone_date(m));
		len = strlen(buf);
	}
	if (tl_milestone_history_count(m) > 0) {
		struct tl_history last;

		tl_milestone_history(m, tl_milestone_history_count(m) - 1,
		    &last);
		tl_window_words(words, sizeof(words), &last.window, 1);
		snprintf(buf + len, size - len, "%swas %s", len > 0 ? ", " :
		    "", words);
	}
}

/* The notes in parentheses on a run, after two spaces. */
static void
run_notes(struct run *r, const char *notes)
{
	if (*notes == '\0')
		return;
	run_puts(r, NULL, "  ");
	run_puts(r, SGR_DIM, "(");
	run_puts(r, SGR_DIM, notes);
	run_puts(r, SGR_DIM, ")");
}

/* The tags on a run: "  #kernel #rust". */
static void
run_tags(struct run *r, const struct tl_milestone *m)
{
	struct tl_list it;
	const char *tag;
	size_t i;

	for (i = 0, tl_milestone_tags(m, &it);
	    (tag = tl_list_next(&it)) != NULL; i++) {
		run_puts(r, NULL, i == 0 ? "  " : " ");
		run_puts(r, SGR_DIM, "#");
		run_puts(r, SGR_DIM, tag);
	}
}

/*
 * Writes a paragraph wrapped at white space to 'cols' columns, each row
 * indented by 'indent' and the rows after the first by 'hang' more.  A
 * newline in it counts as a space; a tab becomes spaces to the next tab
 * stop; a word longer than a row is broken between characters.
 */
static void
put_wrapped(struct text *t, const char *sgr, const char *s, size_t len,
    size_t indent, size_t hang, size_t cols)
{
	struct flow f;

	flow_start(&f, t, indent, hang, cols, 0, 0);
	flow_text(&f, sgr, s, len);
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
		put_wrapped(t, NULL, d + i, end - i, indent,
		    hang < cols / 2 ? hang : cols / 2, cols);
		i = end + 1;
	}
	return len > 0;
}

/*
 * The day the date was noted and the earlier estimates, newest first:
 * "noted 16 Dec 2025 · earlier Q2 2026 (noted 1 Mar 2026), Q1 2026".
 * Rows break between the pieces (a date, what noted it), never inside
 * one that a row can hold.  Returns whether it wrote anything.
 */
static int
put_history(struct text *t, const struct tl_milestone *m, size_t indent)
{
	char piece[2 * WORDS_SIZE], words[WORDS_SIZE];
	size_t i, n = tl_milestone_history_count(m);
	struct tl_history few[16], *all = few;
	struct flow f;

	/* Read in one walk: entry by entry, a long history costs the
	 * square of its length.  Short of memory, entry by entry. */
	if (n > 16 && (all = malloc(n * sizeof(*all))) == NULL)
		all = NULL;
	if (all != NULL)
		tl_milestone_history_range(m, 0, n, all);
	flow_start(&f, t, indent, 0, t->width - indent, 0, 0);
	if (tl_milestone_noted(m) != TL_DAY_NONE) {
		day_words(words, sizeof(words), tl_milestone_noted(m));
		/* The separator ends the piece, never starts a row. */
		snprintf(piece, sizeof(piece), "noted %s%s", words,
		    n > 0 ? " " DOT : "");
		flow_unit(&f, SGR_DIM, piece);
		flow_gap(&f, 1);
	}
	if (n > 0) {
		flow_word(&f, SGR_DIM, "earlier", strlen("earlier"));
		flow_gap(&f, 1);
	}
	for (i = n; i-- > 0;) {
		struct tl_history h;

		if (all != NULL)
			h = all[i];
		else
			tl_milestone_history(m, i, &h);
		tl_window_words(words, sizeof(words), &h.window, 1);
		snprintf(piece, sizeof(piece), "%s%s", words,
		    h.noted == TL_DAY_NONE && i > 0 ? "," : "");
		flow_unit(&f, SGR_DIM, piece);
		flow_gap(&f, 1);
		if (h.noted != TL_DAY_NONE) {
			day_words(words, sizeof(words), h.noted);
			snprintf(piece, sizeof(piece), "(noted %s)%s", words,
			    i > 0 ? "," : "");
			flow_unit(&f, SGR_DIM, piece);
			flow_gap(&f, 1);
		}
	}
	if (all != few)
		free(all);
	if (!f.row)
		return 0;
	flow_end(&f);
	return 1;
}

/*
 * The location, named ("at Lisbon, Portugal") so that it does not read
 * as the description's last line, wrapped; "at" and its first word stay
 * on one row.
 */
static void
put_location(struct text *t, const char *loc, size_t indent)
{
	size_t len = strlen(loc), first = strcspn(loc, " \t\n");
	struct flow f;
	char *head;

	flow_start(&f, t, indent, 0, t->width - indent, 0, 0);
	if ((head = malloc(first + 4)) != NULL) {
		memcpy(head, "at ", 3);
		memcpy(head + 3, loc, first);
		flow_word(&f, SGR_DIM, head, first + 3);
		free(head);
	} else {
		flow_word(&f, SGR_DIM, "at", 2);
		flow_gap(&f, 1);
		first = 0;
	}
	flow_text(&f, SGR_DIM, loc + first, len - first);
	end_line(t);
}

/*
 * What --long adds under a milestone, indented to its title, each piece
 * wrapped to the width and never cut: the description, the location,
 * the day noted and the history, the links.  A link is not broken: it
 * stands whole on its row, at the left edge when the indented row cannot
 * hold it, even when longer than the width (the one line that may be),
 * so that it can be copied and opened.  Returns whether it wrote
 * anything.
 */
static int
put_details(struct text *t, const struct tl_milestone *m,
    size_t indent)
{
	const char *loc = tl_milestone_location(m), *link;
	struct tl_list it;
	size_t w, at;
	int wrote = 0;

	if (tl_milestone_description(m) != NULL)
		wrote = put_description(t, tl_milestone_description(m), indent);
	if (loc != NULL) {
		put_location(t, loc, indent);
		wrote = 1;
	}
	if (put_history(t, m, indent))
		wrote = 1;
	for (tl_milestone_links(m, &it); (link = tl_list_next(&it)) != NULL; ) {
		w = tl_width_text(link, strlen(link));
		at = w + indent <= t->width ? indent : 0;
		put_spaces(t->out, at);
		style(t, SGR_DIM);
		put_safe(t->out, link, strlen(link));
		end_line(t);
		wrote = 1;
	}
	return wrote;
}

/*
 * The rest of a milestone's line in the long format: the title, the
 * word overdue, the notes and the tags flow over as many rows as they
 * need, hung under the title.
 */
static void
flow_rest(struct text *t, const struct tl_milestone *m, size_t indent,
    const char *title_sgr, int overdue, const char *notes)
{
	const char *title = tl_milestone_title(m), *tag;
	char buf[NOTES_SIZE + 4];
	struct tl_list it;
	size_t i;
	struct flow f;

	flow_start(&f, t, indent, 0, t->width - indent, 1, 0);
	flow_text(&f, title_sgr, title, strlen(title));
	if (overdue) {
		flow_gap(&f, 2);
		flow_word(&f, SGR_OVERDUE, OVERDUE, strlen(OVERDUE));
	}
	if (*notes != '\0') {
		snprintf(buf, sizeof(buf), "(%s)", notes);
		flow_gap(&f, 2);
		flow_unit(&f, SGR_DIM, buf);
	}
	for (i = 0, tl_milestone_tags(m, &it);
	    (tag = tl_list_next(&it)) != NULL; i++) {
		snprintf(buf, sizeof(buf), "#%s", tag);
		flow_gap(&f, i == 0 ? 2 : 1);
		if (strlen(tag) + 1 < sizeof(buf))
			flow_unit(&f, SGR_DIM, buf);
		else
			flow_text(&f, SGR_DIM, tag, strlen(tag));
	}
	flow_end(&f);
}

/*
 * The rest of a milestone's line in the short format, on one line.  The
 * word "overdue" is never cut; then come the title, the notes and the
 * tags.  When they do not all fit, the tags keep room for their mark
 * ("#…"), the title keeps at least half the room and is cut, and the
 * notes are cut after it, or shown as their mark ("(…)") when only a
 * sliver of them would show; the tags take what is left and are cut like
 * the title.
 */
static void
cut_rest(struct text *t, const struct tl_milestone *m, size_t cols,
    const char *title_sgr, int overdue, const char *notes)
{
	const char *title = tl_milestone_title(m);
	size_t avail, tw, nw, gw, gmin, ow, half, budget;
	struct run r, g;

	avail = t->width > cols ? t->width - cols : 0;
	ow = overdue ? 2 + strlen(OVERDUE) : 0;
	avail = avail > ow ? avail - ow : 0;
	run_start(&g, t);
	run_tags(&g, m);
	gw = g.cols;
	gmin = gw < TAGS_MIN ? gw : TAGS_MIN;
	tw = tl_width_text(title, strlen(title));
	run_start(&r, t);
	run_notes(&r, notes);
	nw = r.cols;
	if (tw + nw + gw > avail) {
		avail = avail > gmin ? avail - gmin : 0;
		budget = tw;
		if (tw + nw > avail) {
			half = tw < avail / 2 ? tw : avail / 2;
			if (avail - half < NOTES_MIN) {
				/* A sliver would say nothing: a mark says
				 * that there is more, as for the tags. */
				if (nw > 0) {
					notes = ELLIPSIS;
					run_start(&r, t);
					run_notes(&r, notes);
					nw = r.cols < avail ? r.cols : 0;
				}
				budget = tw < avail - nw ? tw : avail - nw;
			} else if (avail > nw && avail - nw > half)
				budget = avail - nw;
			else
				budget = half;
		}
		avail += gmin;
	} else
		budget = tw;
	avail -= put_cut(t, title_sgr, title, budget);
	if (overdue) {
		style(t, NULL);
		fputs("  ", t->out);
		style(t, SGR_OVERDUE);
		fputs(OVERDUE, t->out);
		style(t, NULL);
	}
	if (nw > 0) {
		avail -= run_write(&r, avail - (gmin < avail ? gmin : avail));
		run_notes(&r, notes);
	}
	if (gw > 0) {
		run_write(&g, avail);
		run_tags(&g, m);
	}
	end_line(t);
}

/* The date in words and the status mark, up to the title's column. */
static void
put_date_and_mark(struct text *t, const struct tl_milestone *m)
{
	char date[WORDS_SIZE + 64];
	unsigned status = tl_milestone_status(m);
	size_t dw;
	struct flow f;

	date_words(date, sizeof(date), m);
	dw = tl_width_text(date, strlen(date));
	put_spaces(t->out, INDENT);
	if (dw > DATE_COLS) {
		/* A long date stands on a line of its own. */
		if (t->long_format) {
			flow_start(&f, t, INDENT, 0, t->width - INDENT, 1, 0);
			flow_text(&f, NULL, date, strlen(date));
			flow_end(&f);
		} else {
			put_cut(t, NULL, date, t->width - INDENT);
			end_line(t);
		}
		put_spaces(t->out, INDENT + DATE_COLS + MARK_GAP);
	} else {
		put_safe(t->out, date, strlen(date));
		put_spaces(t->out, DATE_COLS - dw + MARK_GAP);
	}
	style(t, status_sgr[status]);
	fputs(marks[status], t->out);
	style(t, NULL);
	putc(' ', t->out);
}

/* The label of m's timeline, "[name] ", in its column. */
static void
put_label(struct text *t, const struct tl_milestone *m)
{
	size_t i = timeline_index(t, tl_milestone_timeline(m)), tw;
	const struct label *l = i < t->nlabels ? &t->labels[i] : NULL;
	const char *sgr = timeline_sgr[(l != NULL ? l->ordinal : 0) %
	    NELEM(timeline_sgr)];

	style(t, sgr);
	putc('[', t->out);
	if (l != NULL && l->shown) {
		put_safe(t->out, l->text, strlen(l->text));
		tw = l->cols;
	} else {
		tw = put_cut(t, sgr, name_of(tl_milestone_timeline(m)),
		    t->name_cols);
	}
	putc(']', t->out);
	style(t, NULL);
	put_spaces(t->out, t->name_cols - tw + 1);
}

/*
 * A milestone's line, and its details in the long format.  Returns
 * whether details were written.
 */
static int
put_milestone(struct text *t, const struct tl_milestone *m)
{
	char notes[NOTES_SIZE];
	const char *title_sgr = NULL;
	size_t cols = PREFIX_COLS, indent = PREFIX_COLS;
	int overdue;

	put_date_and_mark(t, m);
	if (t->name_cols > 0) {
		put_label(t, m);
		cols += t->name_cols + 3;
		indent = cols;
	}
	overdue = tl_milestone_is_overdue(m, t->today);
	if (tl_milestone_status(m) == TL_STATUS_CANCELLED)
		title_sgr = SGR_DIM;
	notes_text(notes, sizeof(notes), m);
	if (t->long_format)
		flow_rest(t, m, indent, title_sgr, overdue, notes);
	else
		cut_rest(t, m, cols, title_sgr, overdue, notes);

	return t->long_format ? put_details(t, m, indent) : 0;
}

int
tl_text_options_init(struct tl_text_options *opts, unsigned version)
{
	const struct tl_text_options init = TL_TEXT_OPTIONS_INIT;

	if (opts == NULL || version != TL_TEXT_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = init;
	return 0;
}

/* Where the line of today goes: after the last milestone that starts
 * by today. */
static size_t
rule_position(const struct tl_selection *sel, int32_t today)
{
	size_t i, n = tl_selection_count(sel), at = 0;

	for (i = 0; i < n; i++) {
		const struct tl_milestone *m = tl_selection_milestone(sel, i);

		if (tl_milestone_window(m)->start <= today)
			at = i + 1;
	}
	return at;
}

/* No line of today: the timeline is drawn for no day. */
#define NO_RULE SIZE_MAX

/*
 * Writes the milestones by year, with the line of today before the one
 * at rule_at (or at the end; NO_RULE: none).  Year groups are set apart
 * by a blank line; in the long format a milestone with details is too.
 */
static void
put_milestones(struct text *t, size_t rule_at)
{
	size_t i, n = tl_selection_count(t->sel);
	int year = -1, today_year = rule_at != NO_RULE ? year_of(t->today) : 0;
	int rule_done = rule_at == NO_RULE, started = 0, blank = 0;

	/* A write that failed (a closed pipe) ends the work. */
	for (i = 0; i < n && !ferror(t->out); i++) {
		const struct tl_milestone *m = tl_selection_milestone(t->sel,
		    i);
		int y = milestone_year(m);

		if (i == rule_at && !rule_done) {
			/* Today opens its year's group when it falls in it. */
			if (y == today_year && y != year) {
				put_year(t, y, started);
				year = y;
				blank = 0;
			}
			if (blank)
				end_line(t);
			put_rule(t);
			rule_done = started = 1;
			blank = 0;
		}
		if (y != year) {
			put_year(t, y, started);
			year = y;
			started = 1;
			blank = 0;
		}
		if (blank)
			end_line(t);
		blank = put_milestone(t, m);
	}
	if (n > 0 && !rule_done) {
		if (blank)
			end_line(t);
		put_rule(t);
	}
}

int
tl_export_text(FILE *out, const struct tl_selection *sel,
    const struct tl_text_options *opts)
{
	static const struct tl_text_options defaults = TL_TEXT_OPTIONS_INIT;
	struct text t;
	int error;

	if (opts == NULL)
		opts = &defaults;
	if (out == NULL || sel == NULL ||
	    opts->version != TL_TEXT_OPTIONS_VERSION ||
	    (opts->today != TL_DAY_NONE && (opts->today < TL_DAY_MIN ||
	    opts->today > TL_DAY_MAX)))
		return TL_EINVAL;

	memset(&t, 0, sizeof(t));
	t.out = out;
	t.sel = sel;
	t.today = opts->today;
	t.width = opts->width < WIDTH_MIN ? WIDTH_MIN :
	    opts->width > WIDTH_MAX ? WIDTH_MAX : opts->width;
	t.color = opts->color == TL_COLOR_ALWAYS;
	t.long_format = opts->long_format != 0;
	if ((error = make_labels(&t)) < 0)
		goto out;

	put_title(&t);
	if (tl_selection_count(sel) == 0) {
		put_spaces(out, INDENT);
		style(&t, SGR_DIM);
		fputs("no milestones", out);
		style(&t, NULL);
		end_line(&t);
	}
	put_milestones(&t, t.today != TL_DAY_NONE ?
	    rule_position(sel, t.today) : NO_RULE);

	error = 0;
	if (fflush(out) != 0 || ferror(out))
		error = TL_EIO;
out:
	free(t.labels);
	return error;
}
