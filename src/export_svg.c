/*
 * The picture exporter (SPEC section 6, "Picture"): a time axis, one
 * lane per timeline, a mark for every milestone, labels packed into rows
 * so that none overlaps another, drawn as one self-contained SVG.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "timeline/export.h"
#include "svg.h"
#include "utf8.h"
#include "width.h"
#include "zone.h"

/*
 * The drawing, in pixels.  The picture is laid out top to bottom: the
 * title line, the legend (wrapped to the width), the axis (an upper tier
 * of coarser labels over the ticks' own), the lanes, the today line's
 * label.  A lane is its heading and rows of 32 px: a label on top, the
 * mark under it, the label starting at the mark's left edge.
 */
#define PAD		16	/* around everything */
#define PLOT_PAD	24	/* from the picture's edge to the plot */
#define TITLE_SIZE	16
#define HEAD_SIZE	13
#define LABEL_SIZE	12
#define SMALL_SIZE	11
#define LEGEND_LINE	20
#define ROW_H		32
#define ROW_TEXT	12	/* label baseline below the row's top */
#define ROW_MARK	22	/* mark centre below the row's top */
#define LANE_HEAD	24
/*
 * The axis' baselines: the first tier's below its top, the finer tier
 * below the coarser, room for the grid under the last.  Tiers are a line
 * box of 1.4 em of SMALL_SIZE apart: faces differ in ascent and descent
 * (Noto Sans' box is 15 px at 11 px, DejaVu Sans' 13), and which face a
 * browser picks for the stack is not known.
 */
#define AXIS_TEXT	12
#define AXIS_TIER	16
#define AXIS_BELOW	10
#define LANE_GAP	12
#define MAX_ROWS	40	/* more: the lane shows counts instead */
#define MARK_R		5
#define APPROX_BAR_MIN	24	/* a shorter bar shows no fading ends */
#define LABEL_GAP	12	/* between neighbours in a row */
#define TICK_SPACING	64	/* at least, between ticks */
#define MAX_TICKS	512
#define MIN_DAYS	30	/* the narrowest span the axis shows */
#define WORDS_SIZE	96
#define ELLIPSIS	"\xe2\x80\xa6"
#define SUBSTITUTE	"\xef\xbf\xbd"
#define MIDDOT		"\xc2\xb7 "
#define OVERDUE_WORD	"overdue"	/* after a late milestone's title */
#define OVERDUE		" " OVERDUE_WORD
/* U+2068 FIRST STRONG ISOLATE, U+2069 POP DIRECTIONAL ISOLATE */
#define FSI		"\xe2\x81\xa8"
#define PDI		"\xe2\x81\xa9"

#define FONT_STACK	"system-ui, -apple-system, 'Segoe UI', Roboto, " \
			"Helvetica, Arial, 'DejaVu Sans', sans-serif"

/*
 * Advances of the printable ASCII characters, in thousandths of an em,
 * of DejaVu Sans, the widest face of the font stack above (regular, then
 * bold); every other face of the stack is narrower, so a label measured
 * with these never takes more room than estimated.  Other characters
 * count 0.7 em, East Asian Wide ones (width.h) a whole em, emoji
 * EMOJI_ADVANCE, zero-width ones nothing.
 */
static const uint16_t advance[2][95] = { {
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361,
	318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337,
	838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
	295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989,
	685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615,
	352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
	392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838
}, {
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415,
	380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400,
	838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
	372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103,
	771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678,
	435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
	478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838
} };

/* A safety margin on every estimate, in thousandths. */
#define WIDTH_MARGIN 1060

/* ---- The writer. ---- */

void
tl_xw_init(struct xw *w, FILE *out)
{
	w->out = out;
	w->len = 0;
	w->error = 0;
}

int
tl_xw_flush(struct xw *w)
{
	if (!w->error && w->len > 0 &&
	    fwrite(w->buf, 1, w->len, w->out) != w->len)
		w->error = 1;
	w->len = 0;
	return w->error ? TL_EIO : 0;
}

void
tl_xw_put(struct xw *w, const char *p, size_t n)
{
	size_t k;

	while (n > 0) {
		if (w->len == XW_SIZE && tl_xw_flush(w) < 0)
			return;
		k = XW_SIZE - w->len;
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, p, k);
		w->len += k;
		p += k;
		n -= k;
	}
}

void
tl_xw_s(struct xw *w, const char *s)
{
	tl_xw_put(w, s, strlen(s));
}

void
tl_xw_c(struct xw *w, char c)
{
	if (w->len == XW_SIZE && tl_xw_flush(w) < 0)
		return;
	w->buf[w->len++] = c;
}

void
tl_xw_int(struct xw *w, long v)
{
	char b[24];
	size_t i = sizeof(b);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		b[--i] = '-';
	tl_xw_put(w, b + i, sizeof(b) - i);
}

void
tl_xw_num(struct xw *w, double v)
{
	long t = lround(v * 10);

	if (t < 0) {
		tl_xw_c(w, '-');
		t = -t;
	}
	tl_xw_int(w, t / 10);
	if (t % 10 != 0) {
		tl_xw_c(w, '.');
		tl_xw_c(w, (char)('0' + t % 10));
	}
}

void
tl_xw_isolate(struct xw *w, const char *s, size_t len, int cut)
{
	tl_xw_s(w, FSI);
	tl_xw_text(w, s, len, 1);
	if (cut)
		tl_xw_s(w, ELLIPSIS);
	tl_xw_s(w, PDI);
}

void
tl_xw_bdi(struct xw *w, const char *s)
{
	tl_xw_s(w, "<bdi>");
	tl_xw_text(w, s, strlen(s), 1);
	tl_xw_s(w, "</bdi>");
}

void
tl_xw_text(struct xw *w, const char *s, size_t len, int one_line)
{
	const char *end = s + len, *run = s;
	size_t n;
	uint32_t cp;

	while (s < end) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f && c != '&' && c != '<' &&
		    c != '>' && c != '"' && c != '\'') {
			s++;
			continue;
		}
		if (s > run)
			tl_xw_put(w, run, (size_t)(s - run));
		n = tl_utf8_decode(s, (size_t)(end - s), &cp);
		if (cp == '&')
			tl_xw_s(w, "&amp;");
		else if (cp == '<')
			tl_xw_s(w, "&lt;");
		else if (cp == '>')
			tl_xw_s(w, "&gt;");
		else if (cp == '"')
			tl_xw_s(w, "&quot;");
		else if (cp == '\'')
			tl_xw_s(w, "&#39;");
		else if ((cp == '\n' || cp == '\t') && !one_line)
			tl_xw_c(w, (char)cp);
		else if (cp == '\n' || cp == '\t' || cp == '\r')
			tl_xw_c(w, ' ');
		else if (cp == TL_UTF8_INVALID || tl_is_control(cp) ||
		    cp == 0xfffe || cp == 0xffff)
			tl_xw_s(w, SUBSTITUTE);
		else
			tl_xw_put(w, s, n);
		s += n;
		run = s;
	}
	if (s > run)
		tl_xw_put(w, run, (size_t)(s - run));
}

/* ---- Measuring text. ---- */

/* An emoji's advance: Noto Color Emoji's, 2550/2048 em, the widest of
 * the emoji faces systems draw them with. */
#define EMOJI_ADVANCE	1250

/*
 * Whether a wide character cp is drawn as an emoji: the wide ones
 * before the CJK blocks (watches, hourglasses, squares, stars, the
 * symbols and dingbats: two angle brackets and the Hangul jamo, counted
 * with them, only take a little more room than they need) and the
 * pictographs' planes.
 */
static int
emoji_block(uint32_t cp)
{
	return cp < 0x2e80 || (cp >= 0x1f000 && cp <= 0x1faff);
}

/*
 * Whether the character cp, which starts a cluster (width.h), is drawn
 * as an emoji: a wide one of the emoji blocks, a flag's letter, or any
 * with VS16 after it (next, or 0).
 */
static int
starts_emoji(uint32_t cp, uint32_t next)
{
	return (tl_width_cp(cp) == 2 && emoji_block(cp)) ||
	    (cp >= 0x1f1e6 && cp <= 0x1f1ff) || next == 0xFE0F;
}

/*
 * Writes len bytes of s in a rimmed text (class "lb") as
 * tl_xw_isolate() does, with each run of emoji in a tspan of class "e"
 * that has no rim: Firefox draws no colour emoji of a bitmap font
 * (Noto Color Emoji) in text with a stroke.
 */
static void
rimmed_isolate(struct xw *w, const char *s, size_t len, int cut)
{
	const char *p = s, *end = s + len, *run = s;
	struct tl_cluster c = { 0, 0, 0, 0 };
	uint32_t cp, next;
	size_t n;
	int in = 0, emoji;

	tl_xw_s(w, FSI);
	/* Plain ASCII has no emoji ('1' is one only with VS16 after it). */
	while (p < end && (unsigned char)*p < 0x80)
		p++;
	p = p < end ? s : end;
	while (p < end) {
		n = tl_utf8_decode(p, (size_t)(end - p), &cp);
		/* A mark, a joiner or VS16 stays with what it follows. */
		if (!tl_cluster_next(&c, cp) && tl_width_cp(cp) > 0) {
			next = 0;
			if ((size_t)(end - p) > n)
				tl_utf8_decode(p + n, (size_t)(end - p) - n,
				    &next);
			if ((emoji = starts_emoji(cp, next)) != in) {
				tl_xw_text(w, run, (size_t)(p - run), 1);
				tl_xw_s(w, emoji ? "<tspan class=\"e\">" :
				    "</tspan>");
				run = p;
				in = emoji;
			}
		}
		p += n;
	}
	tl_xw_text(w, run, (size_t)(end - run), 1);
	if (in)
		tl_xw_s(w, "</tspan>");
	if (cut)
		tl_xw_s(w, ELLIPSIS);
	tl_xw_s(w, PDI);
}

/*
 * The advance of a character one column wide whose glyph is wider than
 * the 0.7 em taken for the others, in thousandths of an em, or 0: the
 * em dash and the bar (1 em), the ellipsis, the two- and three-em
 * dashes, the ligature of the Basmala (5 to 8 em, by the font) and
 * cuneiform signs (up to about 5 em).  Taken too wide, a label is cut
 * early; too narrow, it would overlap its neighbour.
 */
static unsigned
wide_glyph(uint32_t cp)
{
	if (cp == 0x2014 || cp == 0x2015 || cp == 0x2026)
		return 1000;
	if (cp == 0x2e3a || cp == 0x2e3b)
		return cp == 0x2e3a ? 2000 : 3000;
	if (cp == 0xfdfd)
		return 8000;
	if (cp >= 0x12000 && cp <= 0x1254f)
		return 5000;
	return 0;
}

/* The advance of one character in thousandths of an em. */
static unsigned
char_advance(uint32_t cp, int bold)
{
	unsigned wide;
	int cols;

	if (cp >= 0x20 && cp < 0x7f)
		return advance[bold][cp - 0x20];
	if (cp == TL_UTF8_INVALID || tl_is_control(cp))
		return 1000;	/* U+FFFD */
	cols = tl_width_cp(cp);
	if (cols == 2 && emoji_block(cp))
		return EMOJI_ADVANCE;
	if (cols == 1 && (wide = wide_glyph(cp)) > 0)
		return wide;
	return cols == 0 ? 0 : cols == 2 ? 1000 : 700;
}

/*
 * The estimated width in pixels of len bytes of s at size px.  With
 * max > 0 and text wider than max px, *cut gets the bytes that fit
 * before an ellipsis and the width returned is theirs and the
 * ellipsis'; otherwise *cut is len.
 */
static double
text_width(const char *s, size_t len, int size, int bold, double max,
    size_t *cut)
{
	const char *p = s, *end = s + len;
	double sum = 0, at_cut = 0, ch, start_sum = 0;
	double ell = (double)size * 1000 * WIDTH_MARGIN / 1e6;
	struct tl_cluster c = { 0, 0, 0, 0 };
	size_t n, pos = len, start = 0;
	uint32_t cp;
	int adv, before = 0, joins;

	while (p < end) {
		n = tl_utf8_decode(p, (size_t)(end - p), &cp);
		/* VS16 makes the character before it an emoji (a red
		 * heart): it adds what that one lacked. */
		adv = char_advance(cp, bold);
		if (cp == 0xFE0F)
			adv = before > 0 && before < EMOJI_ADVANCE ?
			    EMOJI_ADVANCE - before : 0;
		before = cp == 0xFE0F ? EMOJI_ADVANCE : adv > 0 ? adv : before;
		ch = (double)size * adv * WIDTH_MARGIN / 1e6;
		/* Joined characters are cut before together, as
		 * tl_width_prefix() cuts them. */
		if (!(joins = tl_cluster_next(&c, cp)) && tl_width_cp(cp) > 0) {
			start = (size_t)(p - s);
			start_sum = sum;
		}
		if (max > 0 && pos == len && sum + ch > max - ell) {
			pos = joins ? start : (size_t)(p - s);
			at_cut = joins ? start_sum : sum;
		}
		sum += ch;
		p += n;
		if (max > 0 && sum > max) {
			if (cut != NULL)
				*cut = pos;
			return at_cut + ell;
		}
	}
	if (cut != NULL)
		*cut = len;
	return sum;
}

static double
str_width(const char *s, int size, int bold)
{
	return text_width(s, strlen(s), size, bold, 0, NULL);
}

/* ---- The layout. ---- */

enum step_unit { STEP_DAY, STEP_MONTH, STEP_YEAR };

static const struct {
	enum step_unit unit;
	int count;
	double days;	/* roughly */
} ladder[] = {
	{ STEP_DAY, 1, 1 }, { STEP_DAY, 7, 7.6 }, { STEP_DAY, 14, 15.2 },
	{ STEP_MONTH, 1, 30.44 }, { STEP_MONTH, 2, 60.9 },
	{ STEP_MONTH, 3, 91.3 }, { STEP_MONTH, 6, 182.6 },
	{ STEP_YEAR, 1, 365.25 }, { STEP_YEAR, 2, 730.5 },
	{ STEP_YEAR, 5, 1826 }, { STEP_YEAR, 10, 3652 },
	{ STEP_YEAR, 20, 7305 }, { STEP_YEAR, 50, 18262 },
	{ STEP_YEAR, 100, 36525 }, { STEP_YEAR, 200, 73050 },
	{ STEP_YEAR, 500, 182625 }, { STEP_YEAR, 1000, 365250 },
	{ STEP_YEAR, 2000, 730500 }, { STEP_YEAR, 5000, 1826250 }
};
#define LADDER_SIZE (sizeof(ladder) / sizeof(ladder[0]))

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/* Lanes a picture can have: the lane is 24 bits of a mark. */
#define MAX_LANES	((1u << 24) - 1)

/* What the drawing needs of each milestone's layout, in the selection's
 * order: 8 bytes. */
struct mark {
	uint32_t cut;		/* bytes of the title shown; UINT32_MAX: all */
	unsigned lane : 24;
	unsigned row : 7;	/* below MAX_ROWS */
	unsigned right : 1;	/* the label ends at the mark */
};

struct lane {
	const struct tl_timeline *tl;
	size_t first, count;	/* in pic.order */
	unsigned rows;
	int counted;		/* too full: counts per tick interval */
	double y;		/* top of the heading */
	double height;
};

struct pic {
	const struct tl_selection *sel;
	size_t n;
	int32_t today;
	double width, height;
	int32_t d0, d1;		/* the axis: days [d0, d1) */
	double x0, x1;
	double scale;		/* pixels per day */
	int step;		/* index in ladder */
	int32_t ticks[MAX_TICKS];
	size_t nticks;
	struct mark *marks;
	uint32_t *order;	/* milestones by lane, in order */
	struct lane *lanes;
	size_t nlanes;
	struct link *links;	/* the connectors, in selection order */
	size_t nlinks;
	double legend_y, axis_y, lanes_end, today_y;
	unsigned legend_lines;
	unsigned keys;		/* bit (1 << enum key): what the legend shows */
};

static double
day_x(const struct pic *p, int32_t day)
{
	return p->x0 + (double)(day - p->d0) * p->scale;
}

/*
 * The x extent of earlier estimate g, [*gs, *ge], within the plot: the
 * axis does not reach a far-off one, which is cut at its edge.  Returns
 * whether it was cut.
 */
static int
ghost_x(const struct pic *p, const struct tl_window *g, double *gs,
    double *ge)
{
	double s = day_x(p, g->start), e = day_x(p, g->end + 1);

	*gs = fmin(fmax(s, p->x0), p->x1);
	*ge = fmin(fmax(e, p->x0), p->x1);
	return s < p->x0 || e > p->x1;
}

static const struct tl_window *
ghost_window(const struct tl_milestone *m, struct tl_history *h)
{
	size_t k = tl_milestone_history_count(m);

	if (k == 0)
		return NULL;
	tl_milestone_history(m, k - 1, h);
	if (h->window.start < 0 || h->window.end > TL_DAY_MAX ||
	    h->window.end < h->window.start)
		return NULL;
	return &h->window;
}

/* The first tick on or after day for the step. */
static int32_t
tick_at_or_after(int step, int32_t day)
{
	int y, m, d, k = ladder[step].count;

	if (day > TL_DAY_MAX)
		return INT32_MAX;
	/*
	 * Days, weeks and fortnights: weeks start on Mondays (day 0, 1
	 * January of the year 1, was one), so that every interval between
	 * ticks is as long as the next: a count per interval compares like
	 * with like.
	 */
	if (ladder[step].unit == STEP_DAY) {
		day += (k - day % k) % k;
		return day > TL_DAY_MAX ? INT32_MAX : day;
	}
	tl_day_to_ymd(day, &y, &m, &d);
	switch (ladder[step].unit) {
	case STEP_DAY:
		break;
	case STEP_MONTH:
		if (d != 1 || (m - 1) % k != 0) {
			m = ((m - 1) / k + 1) * k + 1;
			if (m > 12) {
				m = 1;
				y++;
			}
		}
		break;
	case STEP_YEAR:
		if (d != 1 || m != 1 || y % k != 0) {
			y = (y / k + 1) * k;
			m = 1;
		}
		break;
	}
	if (y > 9999)
		return INT32_MAX;
	return tl_day_from_ymd(y, m, 1);
}

static void
choose_ticks(struct pic *p)
{
	double span = (double)(p->d1 - p->d0);
	double most = (p->x1 - p->x0) / TICK_SPACING;
	int32_t t;
	size_t s;

	if (most < 2)
		most = 2;
	for (s = 0; s + 1 < LADDER_SIZE; s++)
		if (span / ladder[s].days <= most)
			break;
	p->step = (int)s;
	p->nticks = 0;
	for (t = tick_at_or_after(p->step, p->d0); t < p->d1 &&
	    p->nticks < MAX_TICKS; t = tick_at_or_after(p->step, t + 1))
		p->ticks[p->nticks++] = t;
}

/* The lower tier's label of a tick. */
static void
tick_label(const struct pic *p, int32_t day, char *buf, size_t size)
{
	int y, m, d, k = ladder[p->step].count;

	tl_day_to_ymd(day, &y, &m, &d);
	if (ladder[p->step].unit == STEP_DAY)
		snprintf(buf, size, "%d", d);
	else if (ladder[p->step].unit == STEP_YEAR)
		snprintf(buf, size, "%04d", y);
	else if (k == 3)
		snprintf(buf, size, "Q%d", (m - 1) / 3 + 1);
	else if (k == 6)
		snprintf(buf, size, "H%d", (m - 1) / 6 + 1);
	else
		snprintf(buf, size, "%s", month_abbr[m - 1]);
}

/*
 * The upper tier's label of the unit day is in (a month over ticks of
 * days, a year over ticks of months), or 0 over ticks of years.
 */
static int
upper_label(const struct pic *p, int32_t day, char *buf, size_t size)
{
	int y, m, d;

	tl_day_to_ymd(day, &y, &m, &d);
	switch (ladder[p->step].unit) {
	case STEP_DAY:
		snprintf(buf, size, "%s %04d", month_abbr[m - 1], y);
		return 1;
	case STEP_MONTH:
		snprintf(buf, size, "%04d", y);
		return 1;
	case STEP_YEAR:
		break;
	}
	return 0;
}

/* Whether the first tick stands at the axis' left edge. */
static int
tick_at_edge(const struct pic *p)
{
	return p->nticks > 0 && day_x(p, p->ticks[0]) - p->x0 < 1;
}

/*
 * Whether tick t is the first of its unit of the upper tier: its month
 * (over ticks of days) or year (over ticks of months) is not that of the
 * tick before it, or of the left edge; the tick at the edge is.
 */
static int
starts_unit(const struct pic *p, size_t t)
{
	int y0, m0, d0, y1, m1, d1;

	if (ladder[p->step].unit == STEP_YEAR)
		return 0;
	if (t == 0 && tick_at_edge(p))
		return 1;
	tl_day_to_ymd(t > 0 ? p->ticks[t - 1] : p->d0, &y0, &m0, &d0);
	tl_day_to_ymd(p->ticks[t], &y1, &m1, &d1);
	return y0 != y1 || (ladder[p->step].unit == STEP_DAY && m0 != m1);
}

/* Finds name among n timelines sorted by name. */
static int
find_timeline(const struct tl_timeline *const *tls, size_t n,
    const char *name, size_t *out)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(tls[mid]->name, name);
		if (c == 0) {
			*out = mid;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
cmp_timeline(const void *a, const void *b)
{
	const struct tl_timeline *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/*
 * The timelines of the selected milestones, sorted by name, into *out
 * (malloc'd) and *count: the selection's list, and any timeline a milestone
 * names that the list lacks.
 */
static int
timelines(const struct tl_selection *sel, const struct tl_timeline ***out,
    size_t *count)
{
	const struct tl_timeline **tls, **grown, *tl;
	size_t nt = tl_selection_timeline_count(sel), n = 0, cap = nt + 4;
	size_t i, j, k;

	if ((tls = malloc(cap * sizeof(*tls))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < nt; i++)
		tls[n++] = tl_selection_timeline(sel, i);
	for (i = 0; i < tl_selection_count(sel); i++) {
		tl = tl_milestone_timeline(tl_selection_milestone(sel, i));
		if (find_timeline(tls, nt, tl->name, &k) == 0)
			continue;
		for (j = nt; j < n; j++)
			if (strcmp(tls[j]->name, tl->name) == 0)
				break;
		if (j < n)
			continue;
		if (n == cap) {
			cap *= 2;
			if ((grown = realloc(tls, cap * sizeof(*tls))) ==
			    NULL) {
				free(tls);
				return TL_ENOMEM;
			}
			tls = grown;
		}
		tls[n++] = tl;
	}
	if (n > nt)
		qsort(tls, n, sizeof(*tls), cmp_timeline);
	*out = tls;
	*count = n;
	return 0;
}

static const char *
lane_title(const struct tl_timeline *tl)
{
	return tl->title != NULL ? tl->title : tl->name;
}

/* n with its thousands grouped ("100,000") into buf. */
static void
group_digits(char *buf, size_t size, size_t n)
{
	char b[32];
	size_t len, i, k = 0;

	snprintf(b, sizeof(b), "%zu", n);
	len = strlen(b);
	for (i = 0; i < len && k + 2 < size; i++) {
		buf[k++] = b[i];
		if (i + 1 < len && (len - i - 1) % 3 == 0)
			buf[k++] = ',';
	}
	buf[k] = '\0';
}

/*
 * The words after a lane's title ("12 milestones") into head; returns
 * the width they take after it, with the middle dot and the gap.
 */
static double
lane_words(const struct lane *ln, char *head, size_t size)
{
	char count[40];

	group_digits(count, sizeof(count), ln->count);
	if (ln->counted)
		snprintf(head, size, "%s milestones, counted between ticks",
		    count);
	else
		snprintf(head, size, "%s milestone%s", count,
		    ln->count == 1 ? "" : "s");
	return str_width(head, HEAD_SIZE, 0) + str_width(MIDDOT, HEAD_SIZE, 0) +
	    8;
}

/* The right edge of a lane's heading: its title, cut as lane() cuts it,
 * and its words. */
static double
heading_end(const struct pic *p, const struct lane *ln)
{
	char head[96];
	const char *title = lane_title(ln->tl);
	double hw = lane_words(ln, head, sizeof(head));

	return PAD + text_width(title, strlen(title), HEAD_SIZE, 1,
	    fmax(p->width - 2 * PAD - hw, 40), NULL) + hw;
}

static double
max_label(const struct pic *p)
{
	/* 400 px, a quarter of a wide picture, 60% of a narrow one. */
	double m = fmax(400, p->width / 4);

	return fmin(m, p->width * 0.6);
}

/*
 * Measures m's label (its date in words, its title, then "overdue" where
 * show says it) and decides on which side of the mark it stands; returns
 * the label's left edge and its width in *lw.  A title too long for the
 * room is cut; the date and "overdue" are not.
 */
static double
place_label(struct pic *p, size_t i, const struct tl_milestone *m,
    double xs, double *lw)
{
	struct mark *k = &p->marks[i];
	char words[WORDS_SIZE];
	const char *title = tl_milestone_title(m);
	size_t len = strlen(title), cut;
	double dw, tw, room, lx;

	tl_window_words(words, sizeof(words), tl_milestone_window(m), 1);
	dw = str_width(words, LABEL_SIZE, 0) + str_width(" ", LABEL_SIZE, 0);
	room = max_label(p);
	if (tl_milestone_is_overdue(m, p->today)) {
		/* Said in addition to the title, not in its room. */
		dw += str_width(OVERDUE, LABEL_SIZE, 1);
		room += str_width(OVERDUE, LABEL_SIZE, 1);
	}
	/* Either side of the mark, whichever holds the label. */
	if (xs - MARK_R + room > p->width - 8 && xs + MARK_R - room < 8)
		room = fmax(p->width - 8 - (xs - MARK_R), xs + MARK_R - 8);
	tw = text_width(title, len, LABEL_SIZE, 0, room - dw, &cut);
	if (room - dw < 4 * LABEL_SIZE) {
		/* No room for a title at all: the date alone. */
		cut = 0;
		tw = 0;
	}
	k->cut = cut == len ? UINT32_MAX : (uint32_t)cut;
	*lw = (float)(dw + tw);
	lx = xs - MARK_R;
	k->right = lx + *lw > p->width - 8 ? 1 : 0;
	if (k->right)
		lx = xs + MARK_R - *lw;
	return lx;
}

/*
 * Packs one lane's labels into rows, greedily, in the order of section 4
 * so that rows read in time order: each milestone (its label, mark, bar
 * and earlier estimate) goes into the first row whose right edge it
 * clears.  A row's edge only moves right, so no two labels of a row can
 * meet.  A lane that needs more than MAX_ROWS is counted instead.
 * With ext, ext[2 i] and ext[2 i + 1] get the left and right edges of
 * all that milestone i draws, for the connectors to go round.
 * O(n MAX_ROWS).
 */
static void
pack_lane(struct pic *p, struct lane *ln, float *ext)
{
	double ends[MAX_ROWS];
	struct tl_history h;
	const struct tl_window *w, *g;
	const struct tl_milestone *m;
	size_t j, i;
	unsigned r;
	double xs, xe, a, b, lw, gs, ge;

	ln->rows = 0;
	for (j = 0; j < ln->count; j++) {
		i = p->order[ln->first + j];
		m = tl_selection_milestone(p->sel, i);
		w = tl_milestone_window(m);
		xs = day_x(p, w->start);
		xe = w->end > w->start ? day_x(p, w->end + 1) : xs;
		a = place_label(p, i, m, xs, &lw);
		b = a + lw;
		a = fmin(a, xs - MARK_R - 4);
		b = fmax(b, fmax(xe, xs + MARK_R + 4));
		if ((g = ghost_window(m, &h)) != NULL) {
			(void)ghost_x(p, g, &gs, &ge);
			a = fmin(a, gs - MARK_R - 1);
			b = fmax(b, fmax(ge, gs + MARK_R + 1));
		}
		for (r = 0; r < ln->rows; r++)
			if (ends[r] + LABEL_GAP <= a)
				break;
		if (r == ln->rows) {
			if (r == MAX_ROWS) {
				ln->counted = 1;
				ln->rows = 1;
				for (j = 0; j < ln->count; j++)
					p->marks[p->order[ln->first + j]].row
					    = 0;
				return;
			}
			ln->rows++;
		}
		ends[r] = b;
		p->marks[i].row = r;
		if (ext != NULL) {
			ext[2 * i] = (float)a;
			ext[2 * i + 1] = (float)b;
		}
	}
}

/*
 * A connector: a milestone with a relative date (from) and the one it
 * hangs on (target), found in the selection at to (UINT32_MAX: not
 * exported).  Kept for relative dates only, not for every milestone.
 * With elbow, it runs along the target's row to x via, up or down
 * there, and along the row of from (route_link()); else it is a curve.
 */
struct link {
	const struct tl_milestone *target;
	uint32_t from, to;
	double via;
	int elbow;
};

static int
link_by_target(const void *pa, const void *pb)
{
	uintptr_t a = (uintptr_t)((const struct link *)pa)->target;
	uintptr_t b = (uintptr_t)((const struct link *)pb)->target;

	return a < b ? -1 : a > b;
}

static int
link_by_from(const void *pa, const void *pb)
{
	uint32_t a = ((const struct link *)pa)->from;
	uint32_t b = ((const struct link *)pb)->from;

	return a < b ? -1 : a > b;
}

/*
 * Finds where the milestones that relative dates hang on are in the
 * selection: the links sorted by target, one pass over the selection
 * looking each milestone up, then the links put back in order.
 */
static int
find_links(struct pic *p, size_t nrelative)
{
	const struct tl_milestone *m, *target;
	struct link key;
	size_t i, n = 0, lo, hi, mid;

	if ((p->links = malloc(nrelative * sizeof(*p->links))) == NULL)
		return TL_ENOMEM;
	for (i = 0; i < p->n && n < nrelative; i++) {
		m = tl_selection_milestone(p->sel, i);
		if (tl_milestone_date_kind(m) != TL_DATE_RELATIVE ||
		    (target = tl_milestone_reference(m)) == NULL)
			continue;
		p->links[n].target = target;
		p->links[n].from = (uint32_t)i;
		p->links[n].to = UINT32_MAX;
		p->links[n].via = 0;
		p->links[n].elbow = 0;
		n++;
	}
	p->nlinks = n;
	qsort(p->links, n, sizeof(*p->links), link_by_target);
	for (i = 0; i < p->n && n > 0; i++) {
		key.target = tl_selection_milestone(p->sel, i);
		for (lo = 0, hi = n; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (link_by_target(&p->links[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < n && p->links[lo].target == key.target; lo++)
			p->links[lo].to = (uint32_t)i;
	}
	qsort(p->links, n, sizeof(*p->links), link_by_from);
	return 0;
}

static double
mark_y(const struct pic *p, size_t i)
{
	const struct lane *ln = &p->lanes[p->marks[i].lane];

	return ln->y + LANE_HEAD + (double)p->marks[i].row * ROW_H + ROW_MARK;
}

/* The legend's entries: a key drawn before each text. */
enum key {
	KEY_STATUS0 = 0,	/* one per status */
	KEY_APPROX = TL_STATUS_COUNT,
	KEY_GHOST,
	KEY_CONNECTOR,
	KEY_TODAY,
	KEY_COUNT
};

static const char *const key_text[KEY_COUNT] = {
	"planned", "done", "at risk", "slipped", "cancelled",
	"approximate", "earlier estimate", "relative date", "today"
};

static double
key_width(int k)
{
	return k < TL_STATUS_COUNT ? 12 : k == KEY_TODAY ? 8 : 26;
}

#define LEGEND_GAP 18

/* Lays the legend out; returns its number of lines. */
static unsigned
legend_lines(const struct pic *p)
{
	double x = PAD, w;
	unsigned lines = 1;
	int k;

	for (k = 0; k < KEY_COUNT; k++) {
		if (!(p->keys & (1u << k)))
			continue;
		w = key_width(k) + 5 + str_width(key_text[k], SMALL_SIZE, 0);
		if (x > PAD && x + w > p->width - PAD) {
			lines++;
			x = PAD;
		}
		x += w + LEGEND_GAP;
	}
	return lines;
}

static void
pic_free(struct pic *p)
{
	free(p->marks);
	free(p->order);
	free(p->lanes);
	free(p->links);
}

/*
 * Widens [*smin, *emax] to m's window, and [*gmin, *gmax] to its earlier
 * estimate, and notes what the legend must show for it; returns whether
 * its date is relative.
 */
static int
note_milestone(struct pic *p, const struct tl_milestone *m, int32_t *smin,
    int32_t *emax, int32_t *gmin, int32_t *gmax)
{
	const struct tl_window *w = tl_milestone_window(m), *g;
	struct tl_history h;

	if (w->start < *smin)
		*smin = w->start;
	if (w->end > *emax)
		*emax = w->end;
	if ((g = ghost_window(m, &h)) != NULL) {
		*gmin = g->start < *gmin ? g->start : *gmin;
		*gmax = g->end > *gmax ? g->end : *gmax;
	}
	if (tl_milestone_status(m) < TL_STATUS_COUNT)
		p->keys |= 1u << tl_milestone_status(m);
	else
		p->keys |= 1u << TL_STATUS_PLANNED;
	if (w->flags & (TL_WIN_APPROX | TL_WIN_START_APPROX |
	    TL_WIN_END_APPROX))
		p->keys |= 1u << KEY_APPROX;
	if (g != NULL)
		p->keys |= 1u << KEY_GHOST;
	return tl_milestone_date_kind(m) == TL_DATE_RELATIVE;
}

/*
 * Makes a lane of each of the nt timelines that has milestones (fill[t]
 * of them; marks[i].lane holds the timeline's index), in name order, and
 * lists the milestones lane by lane in p->order.
 */
static void
make_lanes(struct pic *p, const struct tl_timeline **tls, size_t nt,
    size_t *fill)
{
	struct lane *ln;
	size_t i, t;

	for (t = 0, i = 0; t < nt; t++) {
		if (fill[t] == 0)
			continue;
		p->lanes[p->nlanes].tl = tls[t];
		p->lanes[p->nlanes].first = i;
		i += fill[t];
		fill[t] = p->nlanes++;	/* from now on: the lane's index */
	}
	for (i = 0; i < p->n; i++) {
		ln = &p->lanes[fill[p->marks[i].lane]];
		p->marks[i].lane = (unsigned)fill[p->marks[i].lane];
		p->order[ln->first + ln->count++] = (uint32_t)i;
	}
}

/* The axis: days smin to emax with a margin, at least MIN_DAYS. */
static void
set_axis(struct pic *p, int32_t smin, int32_t emax)
{
	int32_t span, pad;

	if (smin < TL_DAY_MIN)
		smin = TL_DAY_MIN;
	if (emax > TL_DAY_MAX)
		emax = TL_DAY_MAX;
	span = emax + 1 - smin;
	pad = span / 30 > 1 ? span / 30 : 1;
	if (span + 2 * pad < MIN_DAYS)
		pad = (MIN_DAYS - span + 1) / 2;
	p->d0 = smin - pad < TL_DAY_MIN ? TL_DAY_MIN : smin - pad;
	p->d1 = emax + 1 + pad > TL_DAY_MAX + 1 ? TL_DAY_MAX + 1 :
	    emax + 1 + pad;
	p->x0 = PLOT_PAD;
	p->x1 = p->width - PLOT_PAD;
	p->scale = (p->x1 - p->x0) / (double)(p->d1 - p->d0);
	if (p->today >= p->d0 && p->today < p->d1)
		p->keys |= 1u << KEY_TODAY;
	choose_ticks(p);
}

/* Places the legend, the axis and the packed lanes top to bottom. */
static void
stack_lanes(struct pic *p)
{
	size_t t;
	double y;

	p->legend_lines = legend_lines(p);
	p->legend_y = PAD + TITLE_SIZE + 20;
	p->axis_y = p->legend_y + (double)p->legend_lines * LEGEND_LINE + 4;
	y = p->axis_y + AXIS_TEXT + AXIS_BELOW +
	    (ladder[p->step].unit == STEP_YEAR ? 0 : AXIS_TIER);
	for (t = 0; t < p->nlanes; t++) {
		p->lanes[t].y = y;
		p->lanes[t].height = LANE_HEAD + (double)p->lanes[t].rows *
		    ROW_H + LANE_GAP;
		y += p->lanes[t].height;
	}
	p->lanes_end = y;
	p->today_y = y + 14;
	p->height = ceil(p->today_y + 8 + PAD);
}

static double
mark_x(const struct pic *p, size_t i)
{
	return day_x(p, tl_milestone_window(tl_selection_milestone(p->sel,
	    i))->start);
}

/* Whether link lk is drawn: both its ends are in lanes that are drawn
 * milestone by milestone. */
static int
link_drawn(const struct pic *p, const struct link *lk)
{
	return lk->to != UINT32_MAX &&
	    !p->lanes[p->marks[lk->from].lane].counted &&
	    !p->lanes[p->marks[lk->to].lane].counted;
}

/* ---- The connectors' ways. ---- */

/*
 * A stretch that a connector already takes: a line along the gap under
 * a row from a to b, or an upright line at a (= b) across a row; next
 * in its row's list, and the milestone its connector hangs on: the
 * connectors to one milestone may share a line, as branches of a tree
 * from it, and no others may.
 */
struct taken {
	float a, b;
	uint32_t next, mark;
};

/*
 * What the connectors go round, for the layout only: the rows of all
 * lanes top to bottom (lane t's first is lanes[t].row0), the milestones
 * of row g left to right in by_row[first[g]] to by_row[first[g + 1]],
 * the left and right edges of all that milestone i draws at ext[2 i]
 * and ext[2 i + 1] (pack_lane()), and the stretches connectors take,
 * listed from along[g] (the gap under row g) and across[g] (row g,
 * upright).
 */
struct rows {
	const float *ext;
	uint32_t *by_row, *first, *lane_of, *along, *across;
	struct {
		uint32_t row0;
		float head;	/* the right edge of its heading */
	} *lanes;
	struct taken *taken;
	size_t ntaken, room;
};

#define NONE		UINT32_MAX
#define CLEAR		3	/* between a connector and what it avoids */
#define ROUTE_WORK	512	/* what a search for a way may look at */
#define ELBOW_R		4	/* the radius of a connector's corners */
#define GAP_Y		8	/* below a mark: the gap between rows */

static size_t
row_of(const struct pic *p, const struct rows *rs, size_t i)
{
	return rs->lanes[p->marks[i].lane].row0 + p->marks[i].row;
}

static void
rows_free(struct rows *rs)
{
	free(rs->by_row);
	free(rs->first);
	free(rs->lane_of);
	free(rs->along);
	free(rs->across);
	free(rs->lanes);
	free(rs->taken);
}

/*
 * Lists the milestones of each row, left to right, which is the order
 * of p->order (pack_lane() fills a row from left to right), by a
 * counting sort; notes each row's lane and each lane's first row and
 * heading; no row has a stretch taken yet.
 */
static void
rows_sort(struct rows *rs, const struct pic *p, size_t nrows)
{
	size_t t, g, j;
	unsigned r;

	for (t = 0, g = 0; t < p->nlanes; t++) {
		rs->lanes[t].row0 = (uint32_t)g;
		rs->lanes[t].head = (float)heading_end(p, &p->lanes[t]);
		for (r = 0; r < p->lanes[t].rows; r++)
			rs->lane_of[g++] = (uint32_t)t;
	}
	for (j = 0; j < p->n; j++)
		rs->first[row_of(p, rs, j) + 1]++;
	for (g = 0; g < nrows; g++) {
		rs->first[g + 1] += rs->first[g];
		rs->along[g] = rs->across[g] = NONE;
	}
	for (j = 0; j < p->n; j++) {
		g = row_of(p, rs, p->order[j]);
		rs->by_row[rs->first[g]++] = p->order[j];
	}
	for (g = nrows; g > 0; g--)
		rs->first[g] = rs->first[g - 1];
	rs->first[0] = 0;
}

static int
rows_make(struct rows *rs, const struct pic *p, const float *ext)
{
	size_t t, nrows = 0;

	memset(rs, 0, sizeof(*rs));
	rs->ext = ext;
	for (t = 0; t < p->nlanes; t++)
		nrows += p->lanes[t].rows;
	rs->by_row = malloc(p->n * sizeof(*rs->by_row));
	rs->first = calloc(nrows + 1, sizeof(*rs->first));
	rs->lane_of = malloc(nrows * sizeof(*rs->lane_of));
	rs->along = malloc(nrows * sizeof(*rs->along));
	rs->across = malloc(nrows * sizeof(*rs->across));
	rs->lanes = malloc(p->nlanes * sizeof(*rs->lanes));
	if (rs->by_row == NULL || rs->first == NULL || rs->lane_of == NULL ||
	    rs->along == NULL || rs->across == NULL || rs->lanes == NULL) {
		rows_free(rs);
		return TL_ENOMEM;
	}
	rows_sort(rs, p, nrows);
	return 0;
}

/* Notes a stretch taken (struct taken) in the list at *head. */
static int
take(struct rows *rs, uint32_t *head, double a, double b, size_t mark)
{
	struct taken *t;
	size_t room;

	if (rs->ntaken == rs->room) {
		room = rs->room == 0 ? 64 : rs->room * 2;
		if (room > NONE ||
		    (t = realloc(rs->taken, room * sizeof(*t))) == NULL)
			return TL_ENOMEM;
		rs->taken = t;
		rs->room = room;
	}
	t = &rs->taken[rs->ntaken];
	t->a = (float)fmin(a, b);
	t->b = (float)fmax(a, b);
	t->mark = (uint32_t)mark;
	t->next = *head;
	*head = (uint32_t)rs->ntaken++;
	return 0;
}

/*
 * Takes the stretches of the gaps where earlier estimates' arrows run
 * (ghost()), a pixel above where a connector would, for no connector.
 */
static int
take_arrows(struct rows *rs, const struct pic *p)
{
	const struct tl_window *g;
	struct tl_history h;
	double gs, ge, xs;
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->lanes[p->marks[i].lane].counted || (g = ghost_window(
		    tl_selection_milestone(p->sel, i), &h)) == NULL)
			continue;
		(void)ghost_x(p, g, &gs, &ge);
		xs = mark_x(p, i);
		if (fabs(gs - xs) >= 20 && take(rs, &rs->along[row_of(p, rs,
		    i)], gs < xs ? gs + 5 : gs - 5, gs < xs ? xs - 7 : xs + 7,
		    NONE) < 0)
			return TL_ENOMEM;
	}
	return 0;
}

/*
 * Whether an upright line at x would cross something of row g, or come
 * within CLEAR of it: a label, a mark, a bar, an earlier estimate, the
 * heading of a lane on its first row, all of a lane counted instead, an
 * upright line of another connector (one of a connector hanging on the
 * same milestone, mark, may be shared).  If so, [*a, *b] is what x is in.
 */
static int
row_hit(const struct pic *p, const struct rows *rs, size_t g, double x,
    size_t mark, unsigned *work, double *a, double *b)
{
	uint32_t t = rs->lane_of[g], i, k;
	size_t lo = rs->first[g], hi = rs->first[g + 1], mid;

	*a = -1;
	*b = p->width + 1;
	if (p->lanes[t].counted)
		return 1;
	for (k = rs->across[g]; k != NONE; k = rs->taken[k].next) {
		if (*work == 0)
			return 1;	/* the whole row: too much to look at */
		--*work;
		*a = rs->taken[k].a - 2 * CLEAR;
		*b = rs->taken[k].b + 2 * CLEAR;
		if (x > *a && x < *b && rs->taken[k].mark != mark)
			return 1;
	}
	*a = PAD - CLEAR;
	*b = rs->lanes[t].head + CLEAR;
	if (g == rs->lanes[t].row0 && x > *a && x < *b)
		return 1;
	/* The last milestone of the row whose room starts left of x. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rs->ext[2 * rs->by_row[mid]] - CLEAR < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == rs->first[g])
		return 0;
	i = rs->by_row[lo - 1];
	*a = rs->ext[2 * i] - CLEAR;
	*b = rs->ext[2 * i + 1] + CLEAR;
	return x < *b;
}

/*
 * Whether an upright line at x would run within CLEAR of the grid's
 * line at a tick or of the today line, where it could not be told from
 * it; if so, [*a, *b] is where.
 */
static int
line_hit(const struct pic *p, double x, double *a, double *b)
{
	size_t lo = 0, hi = p->nticks, mid;
	double t;

	if (p->today >= p->d0 && p->today < p->d1 &&
	    fabs(x - (t = day_x(p, p->today))) < CLEAR) {
		*a = t - CLEAR;
		*b = t + CLEAR;
		return 1;
	}
	/* The first tick right of x - CLEAR. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (day_x(p, p->ticks[mid]) <= x - CLEAR)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == p->nticks || (t = day_x(p, p->ticks[lo])) >= x + CLEAR)
		return 0;
	*a = t - CLEAR;
	*b = t + CLEAR;
	return 1;
}

/*
 * The first x from x towards limit (dir 1: rightwards, -1: leftwards)
 * where an upright line of a connector hanging on milestone mark would
 * cross nothing of rows g0 + 1 to g1 (row_hit()) nor run along a line
 * of the grid (line_hit()), into *out.  Returns 0, or -1 when there is
 * none before limit or what may be looked at (*work, counted down) runs
 * out.
 */
static int
free_x(const struct pic *p, const struct rows *rs, size_t g0, size_t g1,
    size_t mark, double x, int dir, double limit, unsigned *work,
    double *out)
{
	double a, b;
	size_t g;
	int moved = 1;

	while (moved) {
		moved = 0;
		for (g = g0; g <= g1 && g0 < g1; g++) {
			if (*work == 0)
				return -1;
			--*work;
			if (g == g0 ? !line_hit(p, x, &a, &b) :
			    !row_hit(p, rs, g, x, mark, work, &a, &b))
				continue;
			x = dir > 0 ? b : a;
			moved = 1;
			if (dir > 0 ? x > limit : x < limit)
				return -1;
		}
	}
	*out = x;
	return 0;
}

/*
 * Whether a connector may run along the gap under row g from the mark
 * of milestone mark, at x, to y: whether it would meet no stretch of
 * the gap that another connector takes (which goes where could not be
 * told), unless that one too ends at mark.  Under a mark where another
 * connector ends, that one goes on downwards, across it.
 */
static int
gap_free(const struct rows *rs, size_t g, size_t mark, double x, double y,
    unsigned *work)
{
	double a = fmin(x, y), b = fmax(x, y);
	const struct taken *t;
	uint32_t k;

	if (b - a < 1)
		return 1;
	for (k = rs->along[g]; k != NONE; k = t->next) {
		if (*work == 0)
			return 0;
		--*work;
		t = &rs->taken[k];
		if (t->mark != mark && t->a < b + 1 && t->b > a - 1)
			return 0;
	}
	return 1;
}

/*
 * The first x from x towards limit (dir 1: rightwards, -1: leftwards)
 * where link lk can go upright from the gap under its target's row to
 * the gap under the row of the milestone that hangs on it (free_x()),
 * and along both gaps to the marks (gap_free()), into *out.  Returns 0
 * or -1, as free_x() does.
 */
static int
way_x(const struct pic *p, const struct rows *rs, const struct link *lk,
    double x, int dir, double limit, unsigned *work, double *out)
{
	size_t g1 = row_of(p, rs, lk->to), g2 = row_of(p, rs, lk->from);
	size_t g0 = g1 < g2 ? g1 : g2, gn = g1 < g2 ? g2 : g1;
	double x1 = mark_x(p, lk->to), x2 = mark_x(p, lk->from), v;

	while (free_x(p, rs, g0, gn, lk->to, x, dir, limit, work, &v) == 0) {
		if (gap_free(rs, g1, lk->to, x1, v, work) &&
		    gap_free(rs, g2, lk->to, v, x2, work)) {
			*out = v;
			return 0;
		}
		x = v + dir * 2 * CLEAR;
		if ((dir > 0 ? x > limit : x < limit) || *work == 0)
			break;
		--*work;
	}
	return -1;
}

/* Notes the stretches that the way of link lk takes. */
static int
take_way(const struct pic *p, struct rows *rs, const struct link *lk)
{
	size_t g1 = row_of(p, rs, lk->to), g2 = row_of(p, rs, lk->from);
	size_t g0 = g1 < g2 ? g1 : g2, gn = g1 < g2 ? g2 : g1, g;
	double x1 = mark_x(p, lk->to), x2 = mark_x(p, lk->from), v = lk->via;

	if (fabs(v - x1) >= 1 &&
	    take(rs, &rs->along[g1], x1, v, lk->to) < 0)
		return TL_ENOMEM;
	if (fabs(x2 - v) >= 1 &&
	    take(rs, &rs->along[g2], v, x2, lk->to) < 0)
		return TL_ENOMEM;
	for (g = g0 + 1; g <= gn; g++)
		if (take(rs, &rs->across[g], v, v, lk->to) < 0)
			return TL_ENOMEM;
	return 0;
}

/*
 * Whether a way upright at v, beside the marks of link lk, would go
 * round another mark of the rows below the upper end's, down to the
 * lower end's (the way goes under it): the way and the marks would then
 * frame it, as the legend's sign of a relative date does, and it would
 * read as the one placed.  Looks at ROUTE_WORK marks at most (then says
 * no).
 */
static int
frames_mark(const struct pic *p, const struct rows *rs,
    const struct link *lk, double v)
{
	size_t g1 = row_of(p, rs, lk->to), g2 = row_of(p, rs, lk->from), g;
	double x1 = mark_x(p, lk->to), x2 = mark_x(p, lk->from), near, x;
	unsigned work = ROUTE_WORK;
	uint32_t j;

	near = v < fmin(x1, x2) ? fmin(x1, x2) : fmax(x1, x2);
	/* The way goes under the lower end's row: that row is framed. */
	for (g = (g1 < g2 ? g1 : g2) + 1; g <= (g1 < g2 ? g2 : g1); g++)
		for (j = rs->first[g]; j < rs->first[g + 1]; j++) {
			if (work-- == 0)
				return 0;
			x = mark_x(p, rs->by_row[j]);
			if (x > fmin(v, near) && x < fmax(v, near))
				return 1;
		}
	return 0;
}

/*
 * Finds a way for link lk that crosses no label and can be told from
 * the others: from its target's mark down into the gap under its row,
 * along it to an x where nothing of the rows between stands, upright
 * there to the gap under the row of the milestone that hangs on it,
 * along it and up into that mark.  The x is the first one from the
 * target towards the other end where way_x() finds the way free, else
 * the nearer of the first ones beyond either end.  None: the link
 * stays a curve.  Returns 0, or TL_ENOMEM.
 */
static int
route_link(const struct pic *p, struct rows *rs, struct link *lk)
{
	double x1 = mark_x(p, lk->to), x2 = mark_x(p, lk->from), v, va, vb;
	int s = x2 < x1 ? -1 : 1, a, b;
	unsigned work[3] = { ROUTE_WORK, ROUTE_WORK, ROUTE_WORK };

	if (way_x(p, rs, lk, x1, s, x2, &work[0], &v) < 0) {
		a = way_x(p, rs, lk, x1, -s, s > 0 ? PAD : p->width - PAD,
		    &work[1], &va) == 0;
		b = way_x(p, rs, lk, x2, s, s > 0 ? p->width - PAD : PAD,
		    &work[2], &vb) == 0;
		if (!a && !b)
			return 0;
		v = !b || (a && fabs(va - x1) <= fabs(vb - x2)) ? va : vb;
		/* The other side, when this one frames a mark and it not. */
		if (a && b && frames_mark(p, rs, lk, v) &&
		    !frames_mark(p, rs, lk, v == va ? vb : va))
			v = v == va ? vb : va;
	}
	lk->elbow = 1;
	lk->via = v;
	return take_way(p, rs, lk);
}

/* Finds the ways of the links drawn (see link_drawn()), in the order of
 * the selection: each goes round the ways found before it. */
static int
route_links(struct pic *p, const float *ext)
{
	struct rows rs;
	size_t k;
	int error = 0;

	for (k = 0; k < p->nlinks && !link_drawn(p, &p->links[k]); k++)
		continue;
	if (k == p->nlinks)
		return 0;
	if ((error = rows_make(&rs, p, ext)) < 0)
		return error;
	error = take_arrows(&rs, p);
	for (; k < p->nlinks && error == 0; k++)
		if (link_drawn(p, &p->links[k]))
			error = route_link(p, &rs, &p->links[k]);
	rows_free(&rs);
	return error;
}

/*
 * Packs the lanes' rows, stacks the lanes, and finds the connectors and
 * their ways (nrelative: the milestones with relative dates).
 */
static int
place(struct pic *p, size_t nrelative)
{
	float *ext = NULL;
	size_t t;
	int error = 0;

	if (nrelative > 0 && (p->n > SIZE_MAX / (2 * sizeof(*ext)) ||
	    (ext = malloc(p->n * 2 * sizeof(*ext))) == NULL))
		return TL_ENOMEM;
	for (t = 0; t < p->nlanes; t++)
		pack_lane(p, &p->lanes[t], ext);
	stack_lanes(p);
	if (nrelative > 0 && (error = find_links(p, nrelative)) == 0)
		error = route_links(p, ext);
	free(ext);
	return error;
}

/*
 * The picture of a selection without milestones: the title line, naming
 * the timelines selected, over a line that says there are none (as show
 * says it), so that a picture made on a schedule says that nothing is
 * selected now rather than keep an old one.
 */
static int
layout_empty(struct pic *p, const struct tl_selection *sel)
{
	const struct tl_timeline **tls = NULL;
	size_t t, nt = 0;
	int error;

	if ((error = timelines(sel, &tls, &nt)) < 0)
		return error;
	if ((p->lanes = calloc(nt + 1, sizeof(*p->lanes))) == NULL) {
		free(tls);
		return TL_ENOMEM;
	}
	for (t = 0; t < nt; t++)
		p->lanes[t].tl = tls[t];
	p->nlanes = nt;
	p->height = 2 * PAD + TITLE_SIZE + 2 * SMALL_SIZE + 8;
	free(tls);
	return 0;
}

static int
layout(struct pic *p, const struct tl_selection *sel, int32_t today,
    unsigned width)
{
	const struct tl_milestone *m;
	const struct tl_timeline **tls = NULL;
	size_t i, t, nt = 0, *fill = NULL, relative = 0;
	int32_t smin = INT32_MAX, emax = INT32_MIN;
	int32_t gmin = INT32_MAX, gmax = INT32_MIN, reach;
	int error = 0;

	memset(p, 0, sizeof(*p));
	p->sel = sel;
	p->n = tl_selection_count(sel);
	p->today = today;
	p->width = width;
	if (width < TL_PICTURE_WIDTH_MIN || width > TL_PICTURE_WIDTH_MAX)
		return TL_EINVAL;
	if (p->n == 0)
		return layout_empty(p, sel);
	if (p->n > UINT32_MAX - 1)
		return TL_EINVAL;
	if ((error = timelines(sel, &tls, &nt)) < 0)
		return error;
	if (nt > MAX_LANES) {
		free(tls);
		return TL_EINVAL;
	}
	p->marks = calloc(p->n, sizeof(*p->marks));
	p->order = malloc(p->n * sizeof(*p->order));
	p->lanes = calloc(nt, sizeof(*p->lanes));
	fill = calloc(nt, sizeof(*fill));
	if (p->marks == NULL || p->order == NULL || p->lanes == NULL ||
	    fill == NULL) {
		error = TL_ENOMEM;
		goto out;
	}
	/* Lanes: the timelines that have a milestone, in name order. */
	for (i = 0; i < p->n; i++) {
		m = tl_selection_milestone(sel, i);
		if (find_timeline(tls, nt, tl_milestone_timeline(m)->name,
		    &t) < 0) {
			error = TL_EINVAL;	/* cannot be */
			goto out;
		}
		p->marks[i].lane = (unsigned)t;
		fill[t]++;
		relative += (size_t)note_milestone(p, m, &smin, &emax, &gmin,
		    &gmax);
	}
	/* Earlier estimates widen the axis by a quarter of the windows'
	 * span at most: one far off is drawn from the edge, so that an
	 * estimate of years ago leaves the milestones their room. */
	reach = (emax - smin) / 4 > MIN_DAYS ? (emax - smin) / 4 : MIN_DAYS;
	if (gmin < smin)
		smin = gmin > smin - reach ? gmin : smin - reach;
	if (gmax != INT32_MIN && gmax > emax)
		emax = gmax < emax + reach ? gmax : emax + reach;
	if (relative > 0)
		p->keys |= 1u << KEY_CONNECTOR;
	make_lanes(p, tls, nt, fill);
	set_axis(p, smin, emax);
	error = place(p, relative);
out:
	free(tls);
	free(fill);
	return error;
}

/* ---- Drawing. ---- */

/*
 * Colours: Okabe and Ito's palette for the statuses, readable by
 * colour-blind readers, and shapes that read without colour: planned a
 * hollow circle, done a filled one, at-risk a triangle, slipped a
 * diamond, cancelled a hollow grey circle struck through.  Marks and
 * exact bars whose fill is too light against the background (3:1) have
 * an outline in the status' darker shade, the table's.  On a screen
 * the scheme follows prefers-color-scheme (text, grid and background
 * swap); on paper it is light.  A milestone's label is drawn over a
 * rim of the background's colour, so that the today line, a grid line or
 * a relative date's connector behind it does not cut through its letters;
 * not a cancelled title, whose line through the letters would take the
 * rim over them.
 */
static const char style[] =
"<style type=\"text/css\">\n"
".tl .bg{fill:#ffffff}\n"
".tl text{fill:#1f2328}\n"
".tl .mu,.tl .dt,.tl .ax,.tl .ct{fill:#59636e}\n"
".tl .hd{font-weight:bold}\n"
".tl .gr{stroke:#e4e7eb;stroke-width:1}\n"
".tl .gy{stroke:#c5cad1;stroke-width:1}\n"
".tl .sep{stroke:#d0d7de;stroke-width:1}\n"
".tl .td{stroke:#cc79a7;stroke-width:1.5}\n"
".tl .tdl{fill:#a8527f}\n"
".tl .cn{fill:none;stroke:#8c959f;stroke-width:1;stroke-dasharray:3 2}\n"
".tl .gh{fill:none;stroke:#8c959f;stroke-width:1;stroke-dasharray:2 2}\n"
".tl .ar{stroke:#8c959f;stroke-width:1}\n"
".tl .ah{fill:#8c959f}\n"
".tl .ap{fill:none;stroke:#8c959f;stroke-width:1;stroke-dasharray:2 1.5}\n"
".tl .x{stroke:#6e7781;stroke-width:1.5}\n"
".tl .k0{fill:#ffffff;stroke:#0072b2;stroke-width:2}\n"
".tl .k1{fill:#009e73;stroke:#009e73;stroke-width:1}\n"
".tl .k2{fill:#e69f00;stroke:#9a6200;stroke-width:1}\n"
".tl .k3{fill:#d55e00;stroke:#d55e00;stroke-width:1}\n"
".tl .k4{fill:#ffffff;stroke:#6e7781;stroke-width:2}\n"
".tl .b0{fill:#0072b2;fill-opacity:0.18;stroke:#0072b2;stroke-width:1}\n"
".tl .b1{fill:#009e73;fill-opacity:0.85;stroke:#00785a;stroke-width:1}\n"
".tl .b2{fill:#e69f00;fill-opacity:0.75;stroke:#9a6200;stroke-width:1}\n"
".tl .b3{fill:#d55e00;fill-opacity:0.7;stroke:#b34d00;stroke-width:1}\n"
".tl .b4{fill:#6e7781;fill-opacity:0.3;stroke:#6e7781;stroke-width:1}\n"
".tl .c0{stop-color:#0072b2}\n"
".tl .c1{stop-color:#009e73}\n"
".tl .c2{stop-color:#e69f00}\n"
".tl .c3{stop-color:#d55e00}\n"
".tl .c4{stop-color:#6e7781}\n"
".tl .cx{text-decoration:line-through;stroke:none}\n"
".tl .ov{fill:#b3261e;font-weight:bold}\n"
".tl .lb{paint-order:stroke;stroke:#ffffff;stroke-width:3px;"
"stroke-linejoin:round}\n"
".tl .e{stroke:none}\n"
"@media screen and (prefers-color-scheme: dark){\n"
".tl .bg{fill:#0d1117}\n"
".tl text{fill:#e6edf3}\n"
".tl .mu,.tl .dt,.tl .ax,.tl .ct{fill:#9198a1}\n"
".tl .gr{stroke:#21262d}\n"
".tl .gy{stroke:#3d444d}\n"
".tl .sep{stroke:#30363d}\n"
".tl .tdl{fill:#e4a3c6}\n"
".tl .k0{fill:#0d1117;stroke:#56b4e9}\n"
".tl .k4{fill:#0d1117;stroke:#9198a1}\n"
".tl .k2{stroke:#e69f00}\n"
".tl .b0{fill:#56b4e9;stroke:#56b4e9}\n"
".tl .b1{stroke:#009e73}\n"
".tl .b2{stroke:#e69f00}\n"
".tl .b3{stroke:#f0824a}\n"
".tl .b4{stroke:#9198a1}\n"
".tl .c0{stop-color:#56b4e9}\n"
".tl .x{stroke:#9198a1}\n"
".tl .lb{stroke:#0d1117}\n"
".tl .ov{fill:#ff7b72}\n"
"}\n"
"</style>\n";

/* Stop opacities of the approximate bars' fades, by status. */
static const char *const fade_opacity[TL_STATUS_COUNT] = {
	"0.45", "0.85", "0.75", "0.7", "0.35"
};

static void
defs(struct xw *w)
{
	static const char *const variant[3] = { "a", "s", "e" };
	int s, v;

	tl_xw_s(w, "<defs>\n");
	for (s = 0; s < TL_STATUS_COUNT; s++) {
		for (v = 0; v < 3; v++) {
			const char *o = fade_opacity[s];
			tl_xw_s(w, "<linearGradient id=\"tl-f");
			tl_xw_int(w, s);
			tl_xw_s(w, variant[v]);
			tl_xw_s(w, "\">");
			/* Fade in over the first 15%, out over the last. */
			tl_xw_s(w, "<stop offset=\"0\" class=\"c");
			tl_xw_int(w, s);
			tl_xw_s(w, v == 2 ? "\" stop-opacity=\"" :
			    "\" stop-opacity=\"0");
			if (v == 2)
				tl_xw_s(w, o);
			tl_xw_s(w, "\"/><stop offset=\"0.15\" class=\"c");
			tl_xw_int(w, s);
			tl_xw_s(w, "\" stop-opacity=\"");
			tl_xw_s(w, o);
			tl_xw_s(w, "\"/><stop offset=\"0.85\" class=\"c");
			tl_xw_int(w, s);
			tl_xw_s(w, "\" stop-opacity=\"");
			tl_xw_s(w, o);
			tl_xw_s(w, "\"/><stop offset=\"1\" class=\"c");
			tl_xw_int(w, s);
			tl_xw_s(w, "\" stop-opacity=\"");
			tl_xw_s(w, v == 1 ? o : "0");
			tl_xw_s(w, "\"/></linearGradient>\n");
		}
	}
	tl_xw_s(w, "<marker id=\"tl-ah\" viewBox=\"0 0 8 8\" refX=\"7\" "
	    "refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" "
	    "orient=\"auto\"><path class=\"ah\" d=\"M0,0.5L8,4L0,7.5z\"/>"
	    "</marker>\n</defs>\n");
}

static void
attr_xy(struct xw *w, const char *a, double x, const char *b, double y)
{
	tl_xw_c(w, ' ');
	tl_xw_s(w, a);
	tl_xw_s(w, "=\"");
	tl_xw_num(w, x);
	tl_xw_s(w, "\" ");
	tl_xw_s(w, b);
	tl_xw_s(w, "=\"");
	tl_xw_num(w, y);
	tl_xw_c(w, '"');
}

static void
line(struct xw *w, const char *cls, double x1, double y1, double x2,
    double y2)
{
	tl_xw_s(w, "<line class=\"");
	tl_xw_s(w, cls);
	tl_xw_c(w, '"');
	attr_xy(w, "x1", x1, "y1", y1);
	attr_xy(w, "x2", x2, "y2", y2);
	tl_xw_s(w, "/>");
}

/* Opens a <text> element; close it with "</text>". */
static void
text_open(struct xw *w, const char *cls, double x, double y, int size,
    int end)
{
	tl_xw_s(w, "<text");
	if (cls != NULL) {
		tl_xw_s(w, " class=\"");
		tl_xw_s(w, cls);
		tl_xw_c(w, '"');
	}
	attr_xy(w, "x", x, "y", y);
	tl_xw_s(w, " font-size=\"");
	tl_xw_int(w, size);
	tl_xw_c(w, '"');
	if (end)
		tl_xw_s(w, " text-anchor=\"end\"");
	tl_xw_c(w, '>');
}

/*
 * A path through the n points xy[0..2n) of class cls, then suffix
 * (a status's "k2", or ""); closed with z when closed.
 */
static void
polyline(struct xw *w, const char *cls, const char *suffix,
    const double *xy, size_t n, int closed)
{
	size_t i;

	tl_xw_s(w, "<path class=\"");
	tl_xw_s(w, cls);
	tl_xw_s(w, suffix);
	tl_xw_s(w, "\" d=\"");
	for (i = 0; i < n; i++) {
		tl_xw_c(w, i == 0 ? 'M' : 'L');
		tl_xw_num(w, xy[2 * i]);
		tl_xw_c(w, ',');
		tl_xw_num(w, xy[2 * i + 1]);
	}
	tl_xw_s(w, closed ? "z\"/>" : "\"/>");
}

static void
point(struct xw *w, char c, double x, double y)
{
	tl_xw_c(w, c);
	tl_xw_num(w, x);
	tl_xw_c(w, ',');
	tl_xw_num(w, y);
}

/*
 * Adds (x, y) to the *n points of xy, where a line across or upright
 * from the last goes: one where the last is (to a tenth of a pixel, as
 * written) adds nothing, and one on in the last line's direction moves
 * its end.
 */
static void
add_point(double *xy, size_t *n, double x, double y)
{
	double *l = xy + 2 * *n - 2;

	if (*n > 0 && fabs(l[0] - x) < 0.05 && fabs(l[1] - y) < 0.05)
		return;
	if (*n > 1 && ((fabs(l[-2] - l[0]) < 0.05 && fabs(l[0] - x) < 0.05) ||
	    (fabs(l[-1] - l[1]) < 0.05 && fabs(l[1] - y) < 0.05)))
		--*n;
	xy[2 * *n] = x;
	xy[2 * *n + 1] = y;
	++*n;
}

/*
 * A path through the n points xy[0..2n) whose corners are rounded with
 * radius r, or less where a side is short: the points are of lines
 * across and upright only.
 */
static void
rounded(struct xw *w, const double *xy, size_t n, double r)
{
	double dx0, dy0, dx1, dy1, r0, r1;
	size_t k;

	point(w, 'M', xy[0], xy[1]);
	for (k = 1; k + 1 < n; k++) {
		dx0 = xy[2 * k] - xy[2 * k - 2];
		dy0 = xy[2 * k + 1] - xy[2 * k - 1];
		dx1 = xy[2 * k + 2] - xy[2 * k];
		dy1 = xy[2 * k + 3] - xy[2 * k + 1];
		r0 = fmin(r, (fabs(dx0) + fabs(dy0)) / 2);
		r1 = fmin(r, (fabs(dx1) + fabs(dy1)) / 2);
		point(w, 'L', xy[2 * k] - copysign(r0, dx0) * (dx0 != 0),
		    xy[2 * k + 1] - copysign(r0, dy0) * (dy0 != 0));
		point(w, 'Q', xy[2 * k], xy[2 * k + 1]);
		point(w, ' ', xy[2 * k] + copysign(r1, dx1) * (dx1 != 0),
		    xy[2 * k + 1] + copysign(r1, dy1) * (dy1 != 0));
	}
	point(w, 'L', xy[2 * n - 2], xy[2 * n - 1]);
}

/*
 * The path of a connector from the mark at (x1, y1) to the one at
 * (x2, y2): down into the gap under the first's row, along it to x v,
 * upright there to the gap under the second's row, along it and up into
 * the second mark.  It runs under the marks of the rows, clear of their
 * centres, and under no label.
 */
static void
elbow(struct xw *w, double x1, double y1, double v, double x2, double y2)
{
	double xy[12];
	size_t n = 0;

	add_point(xy, &n, x1, y1);
	add_point(xy, &n, x1, y1 + GAP_Y);
	add_point(xy, &n, v, y1 + GAP_Y);
	add_point(xy, &n, v, y2 + GAP_Y);
	add_point(xy, &n, x2, y2 + GAP_Y);
	add_point(xy, &n, x2, y2);
	rounded(w, xy, n, ELBOW_R);
}

/* The path of a connector that found no way round the labels: an S
 * from one mark to the other, a bow within a row, under the labels'
 * rims. */
static void
curve(struct xw *w, double x1, double y1, double x2, double y2)
{
	double cy = y1 == y2 ? y1 - 14 : y1;

	point(w, 'M', x1, y1);
	point(w, 'C', (x1 + x2) / 2, cy);
	point(w, ' ', (x1 + x2) / 2, y1 == y2 ? cy : y2);
	point(w, ' ', x2, y2);
}

/* The status shape centred on (x, y); class "m" marks the milestone. */
static void
status_shape(struct xw *w, int s, double x, double y, const char *extra)
{
	const char *cls = extra != NULL ? extra : "";
	const double triangle[] = {
		x, y - 6, x + 6, y + 4.5, x - 6, y + 4.5
	};
	const double diamond[] = {
		x, y - 6, x + 6, y, x, y + 6, x - 6, y
	};
	const double strike[] = { x - 5, y + 5, x + 5, y - 5 };

	if (s == TL_STATUS_AT_RISK) {
		polyline(w, cls, "k2", triangle, 3, 1);
		return;
	}
	if (s == TL_STATUS_SLIPPED) {
		polyline(w, cls, "k3", diamond, 4, 1);
		return;
	}
	tl_xw_s(w, "<circle class=\"");
	tl_xw_s(w, cls);
	tl_xw_c(w, 'k');
	tl_xw_int(w, s);
	tl_xw_c(w, '"');
	attr_xy(w, "cx", x, "cy", y);
	tl_xw_s(w, s == TL_STATUS_DONE ? " r=\"5\"/>" : " r=\"4.5\"/>");
	if (s == TL_STATUS_CANCELLED)
		polyline(w, "x", "", strike, 2, 0);
}

static void
bar(struct xw *w, int s, const struct tl_window *win, double xs, double xe,
    double y)
{
	int approx = win->flags & (TL_WIN_APPROX | TL_WIN_START_APPROX |
	    TL_WIN_END_APPROX);

	if (xe - xs < 1.5)
		xe = xs + 1.5;
	tl_xw_s(w, "<rect class=\"");
	if (approx) {
		int both = (win->flags & TL_WIN_APPROX) &&
		    (win->precision != TL_PREC_RANGE || ((win->flags &
		    TL_WIN_START_APPROX) && (win->flags & TL_WIN_END_APPROX)) ||
		    !(win->flags & (TL_WIN_START_APPROX | TL_WIN_END_APPROX)));
		tl_xw_s(w, "bs\" fill=\"url(#tl-f");
		tl_xw_int(w, s);
		tl_xw_s(w, both ? "a" : (win->flags & TL_WIN_START_APPROX) ?
		    "s" : "e");
		tl_xw_s(w, ")\"");
	} else {
		tl_xw_c(w, 'b');
		tl_xw_int(w, s);
		tl_xw_c(w, '"');
	}
	attr_xy(w, "x", xs, "y", y - 3);
	attr_xy(w, "width", xe - xs, "height", 6);
	tl_xw_s(w, " rx=\"1.5\"/>");
	if (s == TL_STATUS_CANCELLED)
		line(w, "x", xs, y, xe, y);
}

/* The tooltip: title, date (with a time of day and its zone), status
 * ("overdue" as show says it), what a relative date hangs on, the
 * earlier estimate. */
static void
milestone_title(struct xw *w, const struct tl_milestone *m, int32_t today)
{
	const char *title = tl_milestone_title(m);

	tl_xw_s(w, "<title>");
	tl_xw_isolate(w, title, strlen(title), 0);
	tl_xw_s(w, " \xe2\x80\x94 ");
	tl_xw_when(w, m, 0);
	tl_xw_s(w, ", ");
	tl_xw_s(w, tl_status_name(tl_milestone_status(m)));
	if (tl_milestone_is_overdue(m, today))
		tl_xw_s(w, ", overdue");
	tl_xw_date_notes(w, m, 0);
	tl_xw_s(w, "</title>");
}

void
tl_xw_when(struct xw *w, const struct tl_milestone *m, int markup)
{
	char words[WORDS_SIZE], label[TL_ZONE_LABEL_SIZE];
	const char *zone = tl_milestone_timezone(m), *slash;
	int hm = tl_milestone_time(m);

	tl_window_words(words, sizeof(words), tl_milestone_window(m), 1);
	tl_xw_text(w, words, strlen(words), 1);
	if (hm < 0)
		return;
	snprintf(words, sizeof(words), " %02d:%02d", (hm / 60) % 24, hm % 60);
	tl_xw_s(w, words);
	if (zone == NULL)
		return;
	zone = tl_zone_label(zone, label);
	tl_xw_c(w, ' ');
	while (markup && (slash = strchr(zone, '/')) != NULL) {
		tl_xw_text(w, zone, (size_t)(slash - zone) + 1, 1);
		tl_xw_s(w, "<wbr/>");
		zone = slash + 1;
	}
	tl_xw_text(w, zone, strlen(zone), 1);
}

void
tl_xw_date_notes(struct xw *w, const struct tl_milestone *m, int markup)
{
	char words[WORDS_SIZE];
	struct tl_history h;
	const struct tl_window *g = ghost_window(m, &h);
	int relative = tl_milestone_date_kind(m) == TL_DATE_RELATIVE &&
	    tl_milestone_end(m) != NULL;

	if (markup && (relative || g != NULL))
		tl_xw_s(w, "<span class=\"dn\">");
	if (relative) {
		const char *off = tl_milestone_end(m);
		const char *ref = tl_milestone_date(m);

		tl_xw_s(w, ", ");
		tl_xw_text(w, off, strlen(off), 1);
		tl_xw_s(w, tl_milestone_before(m) ? " before " : " after ");
		if (markup)
			tl_xw_bdi(w, ref);
		else
			tl_xw_isolate(w, ref, strlen(ref), 0);
	}
	if (g != NULL) {
		tl_window_words(words, sizeof(words), g, 1);
		tl_xw_s(w, ", was ");
		tl_xw_text(w, words, strlen(words), 1);
	}
	if (markup && (relative || g != NULL))
		tl_xw_s(w, "</span>");
}

static void
ghost(struct xw *w, const struct pic *p, const struct tl_window *g,
    double xs, double y)
{
	double gs, ge, x1, x2;
	int cut = ghost_x(p, g, &gs, &ge);

	if (cut && ge - gs < 1) {
		/* Beyond the axis: only the arrow, from its edge. */
	} else if (g->end > g->start || cut) {
		tl_xw_s(w, "<rect class=\"gh\"");
		attr_xy(w, "x", gs, "y", y - 3);
		attr_xy(w, "width", fmax(ge - gs, 1.5), "height", 6);
		tl_xw_s(w, "/>");
	} else {
		tl_xw_s(w, "<circle class=\"gh\"");
		attr_xy(w, "cx", gs, "cy", y);
		tl_xw_s(w, " r=\"4\"/>");
	}
	/*
	 * The arrow runs from the earlier estimate to the mark, clear of
	 * both; where they are too close for one that points the way of
	 * the move, there is none.
	 */
	if (gs < xs) {
		x1 = gs + 5;
		x2 = xs - 7;
	} else {
		x1 = gs - 5;
		x2 = xs + 7;
	}
	if ((gs < xs ? x2 - x1 : x1 - x2) < 8)
		return;
	tl_xw_s(w, "<line class=\"ar\"");
	attr_xy(w, "x1", x1, "y1", y + 7);
	attr_xy(w, "x2", x2, "y2", y + 7);
	tl_xw_s(w, " marker-end=\"url(#tl-ah)\"/>");
}

static void
milestone(struct xw *w, const struct pic *p, size_t i)
{
	const struct tl_milestone *m = tl_selection_milestone(p->sel, i);
	const struct tl_window *win = tl_milestone_window(m), *g;
	const struct mark *k = &p->marks[i];
	const struct lane *ln = &p->lanes[k->lane];
	const struct tl_timeline *tl = tl_milestone_timeline(m);
	struct tl_history h;
	char words[WORDS_SIZE];
	const char *title = tl_milestone_title(m), *id = tl_milestone_id(m);
	int s = (int)tl_milestone_status(m);
	double xs = day_x(p, win->start), y = mark_y(p, i), ty;
	size_t len;

	if (s < 0 || s >= TL_STATUS_COUNT)
		s = TL_STATUS_PLANNED;
	tl_xw_s(w, "<g data-id=\"");
	tl_xw_text(w, tl->name, strlen(tl->name), 1);
	tl_xw_c(w, '/');
	tl_xw_text(w, id, strlen(id), 1);
	tl_xw_s(w, "\">");
	milestone_title(w, m, p->today);
	if (!ln->counted && (g = ghost_window(m, &h)) != NULL)
		ghost(w, p, g, xs, y);
	if (win->end > win->start)
		bar(w, s, win, xs, day_x(p, win->end + 1), y);
	/* A day, or a bar too short to show its fading ends, is ringed. */
	if ((win->flags & (TL_WIN_APPROX | TL_WIN_START_APPROX |
	    TL_WIN_END_APPROX)) && (win->end == win->start ||
	    day_x(p, win->end + 1) - xs < APPROX_BAR_MIN)) {
		tl_xw_s(w, "<circle class=\"ap\"");
		attr_xy(w, "cx", xs, "cy", y);
		tl_xw_s(w, " r=\"8.5\"/>");
	}
	status_shape(w, s, xs, y, "m ");
	if (!ln->counted) {
		ty = y - ROW_MARK + ROW_TEXT;
		text_open(w, "lb", k->right ? xs + MARK_R : xs - MARK_R, ty,
		    LABEL_SIZE, k->right);
		tl_window_words(words, sizeof(words), win, 1);
		tl_xw_s(w, "<tspan class=\"dt\">");
		tl_xw_text(w, words, strlen(words), 1);
		tl_xw_s(w, "</tspan>");
		len = k->cut == UINT32_MAX ? strlen(title) : k->cut;
		if (len > 0 || k->cut != 0) {
			tl_xw_s(w, s == TL_STATUS_CANCELLED ?
			    " <tspan class=\"cx\">" : " <tspan>");
			rimmed_isolate(w, title, len, k->cut != UINT32_MAX);
			tl_xw_s(w, "</tspan>");
		}
		if (tl_milestone_is_overdue(m, p->today))
			/* The blank outside the tspan: librsvg drops one
			 * that starts it. */
			tl_xw_s(w, " <tspan class=\"ov\">" OVERDUE_WORD
			    "</tspan>");
		tl_xw_s(w, "</text>");
	}
	tl_xw_s(w, "</g>\n");
}

static void
write_count(struct xw *w, size_t n)
{
	char b[40];

	group_digits(b, sizeof(b), n);
	tl_xw_s(w, b);
}

static double
count_width(size_t n)
{
	double digits = 1;

	while (n >= 10) {
		n /= 10;
		digits++;
	}
	/* A digit is 0.636 em, a comma 0.318, in DejaVu Sans. */
	return (digits * 0.636 + floor((digits - 1) / 3) * 0.318) *
	    SMALL_SIZE * WIDTH_MARGIN / 1000;
}

/*
 * A lane too full to label: the number of milestones starting in each
 * interval between ticks, centred in it; an interval too narrow for its
 * number joins the next (the last joins the one before).
 */
static void
lane_counts(struct xw *w, const struct pic *p, const struct lane *ln)
{
	size_t counts[MAX_TICKS + 1], groups[MAX_TICKS + 1];
	double from[MAX_TICKS + 1], to[MAX_TICKS + 1];
	size_t nb = p->nticks + 1, b, j, ng = 0, acc = 0;
	double a = p->x0, e, y = ln->y + LANE_HEAD + ROW_TEXT;
	int32_t start;

	memset(counts, 0, sizeof(counts));
	for (j = 0, b = 0; j < ln->count; j++) {
		start = tl_milestone_window(tl_selection_milestone(p->sel,
		    p->order[ln->first + j]))->start;
		while (b < p->nticks && start >= p->ticks[b])
			b++;
		counts[b]++;
	}
	for (b = 0; b < nb; b++) {
		acc += counts[b];
		e = b < p->nticks ? day_x(p, p->ticks[b]) : p->x1;
		if (acc == 0) {
			a = e;
			continue;
		}
		if (e - a >= count_width(acc) + 8 || b + 1 == nb) {
			if (e - a < count_width(acc) + 8 && ng > 0) {
				ng--;
				acc += groups[ng];
				a = from[ng];
			}
			groups[ng] = acc;
			from[ng] = a;
			to[ng] = e;
			ng++;
			acc = 0;
			a = e;
		}
	}
	for (j = 0; j < ng; j++) {
		double cx = (from[j] + to[j]) / 2;
		double half = count_width(groups[j]) / 2;

		if (cx - half < 8)
			cx = 8 + half;
		if (cx + half > p->width - 8)
			cx = p->width - 8 - half;
		tl_xw_s(w, "<text class=\"ct\"");
		attr_xy(w, "x", cx, "y", y);
		tl_xw_s(w, " font-size=\"11\" text-anchor=\"middle\">");
		write_count(w, groups[j]);
		tl_xw_s(w, "</text>\n");
	}
}

static void
write_cut(struct xw *w, const char *s, double max, int size, int bold)
{
	size_t len = strlen(s), cut;

	text_width(s, len, size, bold, max, &cut);
	rimmed_isolate(w, s, cut, cut != len);
}

static void
lane(struct xw *w, const struct pic *p, const struct lane *ln, size_t idx)
{
	char head[96];
	const char *title = lane_title(ln->tl);
	double room = p->width - 2 * PAD, hw;
	size_t j;

	tl_xw_s(w, "<g class=\"lane\" data-timeline=\"");
	tl_xw_text(w, ln->tl->name, strlen(ln->tl->name), 1);
	/* Of several lanes, a screen reader names the one it is in. */
	if (p->nlanes > 1) {
		tl_xw_s(w, "\" role=\"group\" aria-label=\"");
		tl_xw_text(w, title, strlen(title), 1);
	}
	tl_xw_s(w, "\">\n");
	if (idx > 0)
		line(w, "sep", PAD, ln->y, p->width - PAD, ln->y);
	hw = lane_words(ln, head, sizeof(head));
	/* Rimmed as the labels are: the grid and the today line run
	 * under it. */
	text_open(w, "hd lb", PAD, ln->y + 17, HEAD_SIZE, 0);
	write_cut(w, title, fmax(room - hw, 40), HEAD_SIZE, 1);
	tl_xw_s(w, "<tspan class=\"mu\" font-weight=\"normal\" dx=\"8\">"
	    MIDDOT);
	tl_xw_s(w, head);
	tl_xw_s(w, "</tspan></text>\n");
	if (ln->counted)
		lane_counts(w, p, ln);
	/* A write that failed (a closed pipe) ends the work. */
	for (j = 0; j < ln->count && !w->error; j++)
		milestone(w, p, p->order[ln->first + j]);
	tl_xw_s(w, "</g>\n");
}

/*
 * Where the coarser tier's label for tick t - 1 stands (t 0: the unit
 * in force at the left edge, unless the first tick is there), its text
 * in buf and its width in *lw; -1: none.  It starts just right of its
 * tick, or as far left of that as it must to end inside the picture, so
 * that a tick near the right edge where the unit changes keeps it.
 */
static double
upper_at(const struct pic *p, size_t t, char *buf, size_t size, double *lw)
{
	int32_t day = t == 0 ? p->d0 : p->ticks[t - 1];

	if (t == 0 ? tick_at_edge(p) : !starts_unit(p, t - 1))
		return -1;	/* (at the edge, the first tick says it) */
	if (!upper_label(p, day, buf, size))
		return -1;
	*lw = str_width(buf, SMALL_SIZE, 1);
	if (t == 0)
		return p->x0;
	return fmin(day_x(p, day) + 3, p->width - 4 - *lw);
}

/* The baseline of the axis' lower tier of labels. */
static double
axis_baseline(const struct pic *p)
{
	return p->axis_y + AXIS_TEXT +
	    (ladder[p->step].unit == STEP_YEAR ? 0 : AXIS_TIER);
}

static void
axis(struct xw *w, const struct pic *p)
{
	char buf[48], b2[48];
	double x, lw, lw2, y_upper = p->axis_y + AXIS_TEXT;
	double y_lower = axis_baseline(p), next = 0;
	size_t t, u;
	int upper;

	tl_xw_s(w, "<g class=\"axis\">\n");
	for (t = 0; t < p->nticks; t++) {
		x = day_x(p, p->ticks[t]);
		upper = starts_unit(p, t);
		tl_xw_s(w, "<g class=\"tick\" data-day=\"");
		tl_xw_int(w, p->ticks[t]);
		tl_xw_s(w, "\">");
		line(w, upper || ladder[p->step].unit == STEP_YEAR ? "gy" :
		    "gr", x, y_lower + 4, x, p->lanes_end);
		tick_label(p, p->ticks[t], buf, sizeof(buf));
		lw = str_width(buf, SMALL_SIZE, 0);
		if (x + 3 + lw <= p->width - 4) {
			text_open(w, "ax", x + 3, y_lower, SMALL_SIZE, 0);
			tl_xw_s(w, buf);
			tl_xw_s(w, "</text>");
		}
		tl_xw_s(w, "</g>\n");
	}
	/*
	 * The coarser tier: where its unit begins, and at the left edge.  A
	 * label that would run into the next gives way to it.
	 */
	if (ladder[p->step].unit != STEP_YEAR) {
		for (t = 0; t <= p->nticks; t++) {
			if ((x = upper_at(p, t, buf, sizeof(buf), &lw)) < 0)
				continue;
			for (u = t + 1; u <= p->nticks; u++)
				if ((next = upper_at(p, u, b2, sizeof(b2),
				    &lw2)) >= 0)
					break;
			if (x + lw > (u <= p->nticks ? next - 4 :
			    p->width - 4))
				continue;
			text_open(w, "hd", x, y_upper, SMALL_SIZE, 0);
			tl_xw_s(w, buf);
			tl_xw_s(w, "</text>\n");
		}
	}
	tl_xw_s(w, "</g>\n");
}

static void
legend(struct xw *w, const struct pic *p)
{
	double x = PAD, y = p->legend_y, wd, cy;
	struct tl_window win;
	int k;

	tl_xw_s(w, "<g class=\"legend\">\n");
	for (k = 0; k < KEY_COUNT; k++) {
		if (!(p->keys & (1u << k)))
			continue;
		wd = key_width(k) + 5 + str_width(key_text[k], SMALL_SIZE, 0);
		if (x > PAD && x + wd > p->width - PAD) {
			x = PAD;
			y += LEGEND_LINE;
		}
		cy = y - 4;
		if (k < TL_STATUS_COUNT) {
			status_shape(w, k, x + 6, cy, NULL);
		} else if (k == KEY_APPROX) {
			memset(&win, 0, sizeof(win));
			win.precision = TL_PREC_MONTH;
			win.flags = TL_WIN_APPROX;
			bar(w, TL_STATUS_PLANNED, &win, x, x + 26, cy);
		} else if (k == KEY_GHOST) {
			tl_xw_s(w, "<circle class=\"gh\"");
			attr_xy(w, "cx", x + 4, "cy", cy);
			tl_xw_s(w, " r=\"3.5\"/>");
			tl_xw_s(w, "<line class=\"ar\"");
			attr_xy(w, "x1", x + 9, "y1", cy);
			attr_xy(w, "x2", x + 25, "y2", cy);
			tl_xw_s(w, " marker-end=\"url(#tl-ah)\"/>");
		} else if (k == KEY_CONNECTOR) {
			tl_xw_s(w, "<path class=\"cn\" d=\"");
			elbow(w, x + 2, cy - 6, x + 2, x + 26, cy - 6);
			tl_xw_s(w, "\"/>");
		} else {
			line(w, "td", x + 4, cy - 7, x + 4, cy + 6);
		}
		text_open(w, "mu", x + key_width(k) + 5, y, SMALL_SIZE, 0);
		tl_xw_s(w, key_text[k]);
		tl_xw_s(w, "</text>\n");
		x += wd + LEGEND_GAP;
	}
	tl_xw_s(w, "</g>\n");
}

static void
connectors(struct xw *w, const struct pic *p)
{
	const struct link *lk;
	double x1, y1, x2, y2;
	size_t k;

	if (p->links == NULL)
		return;
	tl_xw_s(w, "<g class=\"connectors\">\n");
	for (k = 0; k < p->nlinks; k++) {
		lk = &p->links[k];
		if (!link_drawn(p, lk))
			continue;
		x1 = mark_x(p, lk->to);
		y1 = mark_y(p, lk->to);
		x2 = mark_x(p, lk->from);
		y2 = mark_y(p, lk->from);
		tl_xw_s(w, "<path class=\"cn\" d=\"");
		if (lk->elbow)
			elbow(w, x1, y1, lk->via, x2, y2);
		else
			curve(w, x1, y1, x2, y2);
		tl_xw_s(w, "\"/>\n");
	}
	tl_xw_s(w, "</g>\n");
}

static void
today_line(struct xw *w, const struct pic *p)
{
	struct tl_window win;
	char words[WORDS_SIZE], label[WORDS_SIZE + 16];
	double x, lw;

	if (p->today < TL_DAY_MIN || p->today > TL_DAY_MAX)
		return;		/* no today */
	memset(&win, 0, sizeof(win));
	win.start = win.end = p->today;
	tl_window_words(words, sizeof(words), &win, 1);
	/* Off the axis: where today is, at that edge, without a line. */
	if (p->today < p->d0 || p->today >= p->d1) {
		snprintf(label, sizeof(label), p->today < p->d0 ?
		    "\xe2\x86\x90 today, %s" : "today, %s \xe2\x86\x92",
		    words);
		tl_xw_s(w, "<g class=\"today-off\">");
		text_open(w, "tdl", p->today < p->d0 ? p->x0 : p->x1,
		    p->today_y, SMALL_SIZE, p->today >= p->d1);
		tl_xw_s(w, label);
		tl_xw_s(w, "</text></g>\n");
		return;
	}
	x = day_x(p, p->today);
	snprintf(label, sizeof(label), "today, %s", words);
	lw = str_width(label, SMALL_SIZE, 0);
	tl_xw_s(w, "<g class=\"today\">");
	/* From below the axis' labels, as the grid's lines. */
	line(w, "td", x, axis_baseline(p) + 4, x, p->lanes_end);
	if (x - lw / 2 < 8)
		text_open(w, "tdl", fmax(x - 4, 8), p->today_y, SMALL_SIZE, 0);
	else if (x + lw / 2 > p->width - 8)
		text_open(w, "tdl", fmin(x + 4, p->width - 8), p->today_y,
		    SMALL_SIZE, 1);
	else {
		tl_xw_s(w, "<text class=\"tdl\" text-anchor=\"middle\"");
		attr_xy(w, "x", x, "y", p->today_y);
		tl_xw_s(w, " font-size=\"11\">");
	}
	tl_xw_s(w, label);
	tl_xw_s(w, "</text></g>\n");
}

/*
 * Writes the titles of the first k lanes joined by ", ", each isolated,
 * the last of them cut to its first last_len bytes (with an ellipsis)
 * when last_len is not SIZE_MAX.
 */
static void
heading_titles(struct xw *w, const struct pic *p, size_t k, size_t last_len)
{
	const char *s;
	size_t t, n;

	for (t = 0; t < k; t++) {
		s = lane_title(p->lanes[t].tl);
		n = strlen(s);
		if (t > 0)
			tl_xw_s(w, ", ");
		if (t + 1 == k && last_len != SIZE_MAX && last_len < n)
			tl_xw_isolate(w, s, last_len, 1);
		else
			tl_xw_isolate(w, s, n, 0);
	}
}

/*
 * The title line: the timelines shown, their titles joined by ", ", and
 * the day drawn for.  Titles that do not all fit in the room left end
 * with "and N more" after as many whole ones as fit (the first cut, when
 * none does): a title cut at the end would read as one more name.
 */
static void
title_line(struct xw *w, const struct pic *p, char *asof, size_t size)
{
	struct tl_window win;
	char words[WORDS_SIZE], more[48];
	double room = p->width - 2 * PAD, sum = 0, sep, mw;
	size_t t, k = 0, n, cut;
	const char *s;

	asof[0] = '\0';
	if (p->today >= TL_DAY_MIN && p->today <= TL_DAY_MAX) {
		memset(&win, 0, sizeof(win));
		win.start = win.end = p->today;
		tl_window_words(words, sizeof(words), &win, 1);
		snprintf(asof, size, "as of %s", words);
		room -= str_width(asof, SMALL_SIZE + 1, 0) + 12;
	}
	if (room < 1)
		room = 1;
	/* How many whole titles fit before "and N more" (k), or all. */
	sep = str_width(", ", TITLE_SIZE, 1);
	for (t = 0; t < p->nlanes && sum <= room; t++) {
		s = lane_title(p->lanes[t].tl);
		sum += (t > 0 ? sep : 0) + text_width(s, strlen(s), TITLE_SIZE,
		    1, 0, NULL);
		snprintf(more, sizeof(more), " and %zu more",
		    p->nlanes - (t + 1));
		if (t + 1 == p->nlanes ? sum <= room :
		    sum + str_width(more, TITLE_SIZE, 1) <= room)
			k = t + 1;
	}
	text_open(w, "hd", PAD, PAD + TITLE_SIZE, TITLE_SIZE, 0);
	more[0] = '\0';
	if (p->nlanes > (k > 0 ? k : 1))
		snprintf(more, sizeof(more), " and %zu more",
		    p->nlanes - (k > 0 ? k : 1));
	if (k > 0) {
		heading_titles(w, p, k, SIZE_MAX);
	} else if (p->nlanes > 0) {
		/* Not even the first: it is cut. */
		mw = more[0] != '\0' ? str_width(more, TITLE_SIZE, 1) : 0;
		s = lane_title(p->lanes[0].tl);
		n = strlen(s);
		text_width(s, n, TITLE_SIZE, 1, room - mw > 1 ? room - mw : 1,
		    &cut);
		heading_titles(w, p, 1, cut);
	}
	tl_xw_s(w, more);
	tl_xw_s(w, "</text>\n");
	if (asof[0] != '\0') {
		text_open(w, "mu", p->width - PAD, PAD + TITLE_SIZE,
		    SMALL_SIZE + 1, 1);
		tl_xw_s(w, asof);
		tl_xw_s(w, "</text>\n");
	}
}

/* The month of day in words: "Oct 2022". */
static void
month_words(struct xw *w, int32_t day)
{
	char year[8];
	int y, m, d;

	tl_day_to_ymd(day, &y, &m, &d);
	tl_xw_s(w, month_abbr[m - 1]);
	tl_xw_c(w, ' ');
	/* Four digits, as every date the tool writes: "Mar 12" would
	 * read as a day. */
	snprintf(year, sizeof(year), "%04d", y);
	tl_xw_s(w, year);
}

/*
 * The picture in words, for those who do not see it: what it is, how
 * many milestones it shows, the months from the first window's start
 * to the last window's end, and on the page, where they are listed.
 */
static void
summary(struct xw *w, const struct pic *p, int standalone)
{
	const struct tl_window *win;
	int32_t first = TL_DAY_MAX, last = 0;
	int y0, m0, y1, m1, d;
	size_t i;

	if (p->n == 0) {
		tl_xw_s(w, "<desc>Timeline chart: no milestones.</desc>\n");
		return;
	}
	for (i = 0; i < p->n; i++) {
		win = tl_milestone_window(tl_selection_milestone(p->sel, i));
		if (win->start < first)
			first = win->start;
		if (win->end > last)
			last = win->end;
	}
	tl_xw_s(w, "<desc>Timeline chart of ");
	tl_xw_int(w, (long)p->n);
	tl_xw_s(w, p->n == 1 ? " milestone" : " milestones");
	if (p->nlanes > 1) {
		tl_xw_s(w, " in ");
		tl_xw_int(w, (long)p->nlanes);
		tl_xw_s(w, " timelines");
	}
	if (first <= last) {
		tl_day_to_ymd(first, &y0, &m0, &d);
		tl_day_to_ymd(last, &y1, &m1, &d);
		tl_xw_s(w, y0 == y1 && m0 == m1 ? ", " : ", from ");
		month_words(w, first);
		if (y0 != y1 || m0 != m1) {
			tl_xw_s(w, " to ");
			month_words(w, last);
		}
	}
	tl_xw_s(w, standalone ? ".</desc>\n" :
	    "; the table below lists them.</desc>\n");
}

int
tl_svg_layout(struct pic **out, const struct tl_selection *sel,
    int32_t today, unsigned width)
{
	struct pic *p;
	int error;

	*out = NULL;
	if ((p = malloc(sizeof(*p))) == NULL)
		return TL_ENOMEM;
	if ((error = layout(p, sel, today, width)) < 0) {
		tl_svg_free(p);
		return error;
	}
	*out = p;
	return 0;
}

void
tl_svg_free(struct pic *p)
{
	if (p != NULL) {
		pic_free(p);
		free(p);
	}
}

void
tl_svg_write(struct xw *w, const struct pic *pp, int standalone)
{
	const struct pic p = *pp;
	char asof[WORDS_SIZE + 8];
	size_t t;

	if (standalone)
		tl_xw_s(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	tl_xw_s(w, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "class=\"tl\" width=\"");
	tl_xw_num(w, p.width);
	tl_xw_s(w, "\" height=\"");
	tl_xw_num(w, p.height);
	tl_xw_s(w, "\" viewBox=\"0 0 ");
	tl_xw_num(w, p.width);
	tl_xw_c(w, ' ');
	tl_xw_num(w, p.height);
	/*
	 * Not an image, whose parts screen readers would skip: a document
	 * whose milestones are read each with its <title>.  The first
	 * <title> names it and <desc> describes it.
	 */
	tl_xw_s(w, "\" role=\"graphics-document\" "
	    "aria-roledescription=\"timeline\" "
	    "font-family=\"" FONT_STACK "\">\n");
	tl_xw_s(w, "<title>");
	for (t = 0; t < p.nlanes; t++) {
		const char *s = lane_title(p.lanes[t].tl);
		if (t == TITLES_MAX && p.nlanes > TITLES_MAX + 1) {
			tl_xw_s(w, " and ");
			tl_xw_int(w, (long)(p.nlanes - t));
			tl_xw_s(w, " more");
			break;
		}
		if (t > 0)
			tl_xw_s(w, ", ");
		tl_xw_isolate(w, s, strlen(s), 0);
	}
	tl_xw_s(w, "</title>\n");
	summary(w, &p, standalone);
	tl_xw_s(w, style);
	defs(w);
	tl_xw_s(w, "<rect class=\"bg\" width=\"100%\" height=\"100%\"/>\n");
	title_line(w, &p, asof, sizeof(asof));
	if (p.n == 0) {
		text_open(w, "mu", PAD, PAD + TITLE_SIZE + SMALL_SIZE + 16,
		    SMALL_SIZE + 2, 0);
		tl_xw_s(w, "no milestones</text>\n</svg>\n");
		return;
	}
	legend(w, &p);
	axis(w, &p);
	today_line(w, &p);
	connectors(w, &p);
	for (t = 0; t < p.nlanes; t++)
		lane(w, &p, &p.lanes[t], t);
	tl_xw_s(w, "</svg>\n");
}

int
tl_svg_options_init(struct tl_svg_options *opts, unsigned version)
{
	const struct tl_svg_options init = TL_SVG_OPTIONS_INIT;

	if (opts == NULL || version != TL_SVG_OPTIONS_VERSION)
		return TL_EINVAL;
	*opts = init;
	return 0;
}

int
tl_export_svg(FILE *out, const struct tl_selection *sel,
    const struct tl_svg_options *opts)
{
	static const struct tl_svg_options defaults = TL_SVG_OPTIONS_INIT;
	struct xw *w;
	struct pic *p;
	int error;

	if (opts == NULL)
		opts = &defaults;
	if (out == NULL || sel == NULL ||
	    opts->version != TL_SVG_OPTIONS_VERSION)
		return TL_EINVAL;
	if ((error = tl_svg_layout(&p, sel, opts->today, opts->width)) < 0)
		return error;
	if ((w = malloc(sizeof(*w))) == NULL) {
		tl_svg_free(p);
		return TL_ENOMEM;
	}
	tl_xw_init(w, out);
	tl_svg_write(w, p, 1);
	if (tl_xw_flush(w) < 0 || fflush(out) != 0 || ferror(out))
		error = TL_EIO;
	free(w);
	tl_svg_free(p);
	return error;
}
