/*
 * The milestone: its statuses, and reading its compact record (see
 * set_internal.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "timeline/date.h"
#include "set_internal.h"
#include "suggest.h"

static const char *const status_names[TL_STATUS_COUNT] = {
	"planned", "done", "at-risk", "slipped", "cancelled"
};

const char *
tl_status_name(enum tl_status status)
{
	if ((unsigned)status >= TL_STATUS_COUNT)
		return NULL;
	return status_names[status];
}

int
tl_status_from_name(const char *name)
{
	int i;

	for (i = 0; i < TL_STATUS_COUNT; i++)
		if (strcmp(name, status_names[i]) == 0)
			return i;
	return TL_EINVAL;
}

/* Words trackers use for a status, and the status they mean. */
static const struct status_word {
	const char *word;
	enum tl_status status;
} status_words[] = {
	{ "complete", TL_STATUS_DONE }, { "completed", TL_STATUS_DONE },
	{ "finished", TL_STATUS_DONE }, { "shipped", TL_STATUS_DONE },
	{ "closed", TL_STATUS_DONE }, { "released", TL_STATUS_DONE },
	{ "resolved", TL_STATUS_DONE }, { "delivered", TL_STATUS_DONE },
	{ "landed", TL_STATUS_DONE }, { "merged", TL_STATUS_DONE },
	{ "todo", TL_STATUS_PLANNED }, { "to-do", TL_STATUS_PLANNED },
	{ "open", TL_STATUS_PLANNED }, { "pending", TL_STATUS_PLANNED },
	{ "scheduled", TL_STATUS_PLANNED }, { "new", TL_STATUS_PLANNED },
	{ "backlog", TL_STATUS_PLANNED }, { "not-started", TL_STATUS_PLANNED },
	/* Work under way is planned: it is not done ('doing' is one edit
	 * from 'done', which would say the opposite). */
	{ "doing", TL_STATUS_PLANNED }, { "started", TL_STATUS_PLANNED },
	{ "active", TL_STATUS_PLANNED }, { "ongoing", TL_STATUS_PLANNED },
	{ "in-progress", TL_STATUS_PLANNED },
	{ "inprogress", TL_STATUS_PLANNED },
	{ "wip", TL_STATUS_PLANNED }, { "tentative", TL_STATUS_PLANNED },
	{ "proposed", TL_STATUS_PLANNED }, { "draft", TL_STATUS_PLANNED },
	{ "late", TL_STATUS_SLIPPED }, { "delayed", TL_STATUS_SLIPPED },
	{ "postponed", TL_STATUS_SLIPPED }, { "deferred", TL_STATUS_SLIPPED },
	{ "on-hold", TL_STATUS_SLIPPED }, { "onhold", TL_STATUS_SLIPPED },
	{ "slip", TL_STATUS_SLIPPED }, { "rescheduled", TL_STATUS_SLIPPED },
	{ "overdue", TL_STATUS_SLIPPED },
	{ "blocked", TL_STATUS_AT_RISK }, { "risky", TL_STATUS_AT_RISK },
	{ "atrisk", TL_STATUS_AT_RISK },
	{ "dropped", TL_STATUS_CANCELLED },
	{ "canceled", TL_STATUS_CANCELLED },
	{ "abandoned", TL_STATUS_CANCELLED },
	{ "wontfix", TL_STATUS_CANCELLED },
	{ "wont-fix", TL_STATUS_CANCELLED },
	{ "wont-do", TL_STATUS_CANCELLED },
	{ "rejected", TL_STATUS_CANCELLED },
	{ "obsolete", TL_STATUS_CANCELLED },
};

/*
 * Whether the len bytes at word are w in any capitals, with a blank or
 * '_' where w has '-' and without apostrophes ("In Progress", "won't
 * fix", "on_hold").
 */
static int
same_word(const char *word, size_t len, const char *w)
{
	size_t i, j = 0;
	char c;

	for (i = 0; i < len; i++) {
		c = word[i];
		if (c == '\'')
			continue;
		if (c == ' ' || c == '_')
			c = '-';
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (w[j] == '\0' || c != w[j])
			return 0;
		j++;
	}
	return w[j] == '\0';
}

int
tl_status_word(const char *word, size_t len)
{
	size_t i;
	int s;

	for (s = 0; s < TL_STATUS_COUNT; s++)
		if (same_word(word, len, status_names[s]))
			return s;
	for (i = 0; i < sizeof(status_words) / sizeof(status_words[0]); i++)
		if (same_word(word, len, status_words[i].word))
			return (int)status_words[i].status;
	return TL_EINVAL;
}

int
tl_status_meant(const char *word, size_t len)
{
	const char *close;
	int s;

	if (word == NULL)
		return TL_EINVAL;
	if ((s = tl_status_word(word, len)) >= 0)
		return s;
	close = tl_closest(word, len, status_names, TL_STATUS_COUNT);
	return close == NULL ? TL_EINVAL : tl_status_from_name(close);
}

int
tl_ms_diag(struct tl_diags *diags, enum tl_level level, const char *code,
    const struct tl_milestone *m, uint32_t line, uint32_t col,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return tl_diags_add(diags, level, code, m->timeline->file,
	    tl_ms_file_index(m), line, col, "%s", msg);
}


/* A text's length as stored: up to a NUL it holds. */
static size_t
stored_len(const struct tl_ms_text *t)
{
	const char *nul;

	if (t->s == NULL)
		return 0;
	nul = memchr(t->s, '\0', t->len);
	return nul != NULL ? (size_t)(nul - t->s) : t->len;
}

/* Adds the size of a stored text to *size; 0, or -1 on overflow. */
static int
add_size(size_t *size, size_t len)
{
	if (*size > SIZE_MAX - len - 1)
		return -1;
	*size += len + 1;
	return 0;
}

/* Appends len bytes of a text and a NUL at *p. */
static void
put_text(char **p, const struct tl_ms_text *t, size_t len)
{
	if (len > 0) {
		memcpy(*p, t->s, len);
		*p += len;
	}
	*(*p)++ = '\0';
}

/* The flags of the optional texts parts holds. */
static uint8_t
fields_of(const struct tl_ms_parts *p)
{
	return (uint8_t)((p->end.s ? TL_MS_END : 0) |
	    (p->description.s ? TL_MS_DESCRIPTION : 0) |
	    (p->location.s ? TL_MS_LOCATION : 0) |
	    (p->timezone.s ? TL_MS_TIMEZONE : 0) |
	    (p->before ? TL_MS_BEFORE : 0) | (p->flawed ? TL_MS_FLAWED : 0));
}

/*
 * The texts of parts in the order of a record (see set_internal.h):
 * the short ones first, up to the lists (*nhead of them), then the
 * location and the description, which may be long.
 */
static size_t
texts_of(const struct tl_ms_parts *p, const struct tl_ms_text **t,
    size_t *nhead)
{
	size_t n = 0;

	t[n++] = &p->id;
	t[n++] = &p->title;
	t[n++] = &p->date;
	if (p->end.s)
		t[n++] = &p->end;
	if (p->timezone.s)
		t[n++] = &p->timezone;
	*nhead = n;
	if (p->location.s)
		t[n++] = &p->location;
	if (p->description.s)
		t[n++] = &p->description;
	return n;
}

struct tl_milestone *
tl_milestone_new(struct tl_arena *arena, const struct tl_ms_parts *p)
{
	const struct tl_ms_text *fixed[7];
	const struct tl_ms_text *lists[3] = { p->tags, p->links, p->history };
	size_t nlists[3] = { p->ntags, p->nlinks, 2 * p->nhistory };
	size_t nhead, nfixed = texts_of(p, fixed, &nhead), size = 0, i, k;
	size_t fixed_len[7];
	struct tl_milestone *m;
	char *at;

	if (p->ntags > UINT16_MAX || p->nlinks > UINT16_MAX ||
	    p->nhistory > UINT16_MAX)
		return NULL;
	for (i = 0; i < nfixed; i++)
		if (add_size(&size, fixed_len[i] = stored_len(fixed[i])) < 0)
			return NULL;
	for (k = 0; k < 3; k++)
		for (i = 0; i < nlists[k]; i++)
			if (add_size(&size, stored_len(&lists[k][i])) < 0)
				return NULL;
	if (size > SIZE_MAX - sizeof(*m) || (m = tl_arena_alloc_aligned(arena,
	    sizeof(*m) + size, _Alignof(struct tl_milestone))) == NULL)
		return NULL;
	memset(m, 0, sizeof(*m));
	m->timeline = p->timeline;
	m->line = p->line;
	m->col = p->col;
	m->window = p->window;
	m->noted = p->noted;
	m->time = (int16_t)p->time;
	m->status = p->status;
	m->date_kind = p->date_kind;
	m->fields = fields_of(p);
	m->resolved = p->resolved;
	m->ntags = (uint16_t)p->ntags;
	m->nlinks = (uint16_t)p->nlinks;
	m->nhistory = (uint16_t)p->nhistory;
	at = m->text;
	for (i = 0; i < nhead; i++)
		put_text(&at, fixed[i], fixed_len[i]);
	for (k = 0; k < 3; k++)
		for (i = 0; i < nlists[k]; i++)
			put_text(&at, &lists[k][i], stored_len(&lists[k][i]));
	for (i = nhead; i < nfixed; i++)
		put_text(&at, fixed[i], fixed_len[i]);
	return m;
}

const struct tl_timeline *
tl_milestone_timeline(const struct tl_milestone *m)
{
	return m->timeline;
}

const char *
tl_milestone_id(const struct tl_milestone *m)
{
	return m->text;
}

const char *
tl_milestone_title(const struct tl_milestone *m)
{
	return tl_ms_next(m->text);
}

const char *
tl_milestone_date(const struct tl_milestone *m)
{
	return tl_ms_next(tl_ms_next(m->text));
}

/* The first optional text: what follows the date. */
static const char *
after_date(const struct tl_milestone *m)
{
	return tl_ms_next(tl_milestone_date(m));
}

const char *
tl_milestone_end(const struct tl_milestone *m)
{
	return (m->fields & TL_MS_END) ? after_date(m) : NULL;
}

const char *
tl_milestone_timezone(const struct tl_milestone *m)
{
	const char *p = after_date(m);

	if (!(m->fields & TL_MS_TIMEZONE))
		return NULL;
	return (m->fields & TL_MS_END) ? tl_ms_next(p) : p;
}

static const char *
skip(const char *p, size_t n)
{
	while (n-- > 0)
		p = tl_ms_next(p);
	return p;
}

/* The first of the lists: tags, then links, then history. */
static const char *
lists(const struct tl_milestone *m)
{
	const char *p = after_date(m);

	if (m->fields & TL_MS_END)
		p = tl_ms_next(p);
	if (m->fields & TL_MS_TIMEZONE)
		p = tl_ms_next(p);
	return p;
}

/* What follows the lists: the location, then the description. */
static const char *
after_lists(const struct tl_milestone *m)
{
	return skip(lists(m), (size_t)m->ntags + m->nlinks +
	    2 * (size_t)m->nhistory);
}

const char *
tl_milestone_location(const struct tl_milestone *m)
{
	return (m->fields & TL_MS_LOCATION) ? after_lists(m) : NULL;
}

const char *
tl_milestone_description(const struct tl_milestone *m)
{
	const char *p;

	if (!(m->fields & TL_MS_DESCRIPTION))
		return NULL;
	p = after_lists(m);
	return (m->fields & TL_MS_LOCATION) ? tl_ms_next(p) : p;
}

/* Reads the text at *p into t when the record has it; moves *p on. */
static void
view_text(const char **p, struct tl_ms_text *t, int present)
{
	if (!present) {
		t->s = NULL;
		t->len = 0;
		return;
	}
	t->s = *p;
	t->len = strlen(*p);
	*p += t->len + 1;
}

void
tl_milestone_view(const struct tl_milestone *m, struct tl_ms_view *v)
{
	const char *p = m->text;

	view_text(&p, &v->id, 1);
	view_text(&p, &v->title, 1);
	view_text(&p, &v->date, 1);
	view_text(&p, &v->end, (m->fields & TL_MS_END) != 0);
	view_text(&p, &v->timezone, (m->fields & TL_MS_TIMEZONE) != 0);
	v->tags.next = p;
	v->tags.left = m->ntags;
	p = skip(p, m->ntags);
	v->links.next = p;
	v->links.left = m->nlinks;
	p = skip(p, m->nlinks);
	v->history = p;
	p = skip(p, 2 * (size_t)m->nhistory);
	view_text(&p, &v->location, (m->fields & TL_MS_LOCATION) != 0);
	view_text(&p, &v->description, (m->fields & TL_MS_DESCRIPTION) != 0);
}

int
tl_milestone_time(const struct tl_milestone *m)
{
	return m->time;
}

enum tl_status
tl_milestone_status(const struct tl_milestone *m)
{
	return (enum tl_status)m->status;
}

enum tl_date_kind
tl_milestone_date_kind(const struct tl_milestone *m)
{
	return (enum tl_date_kind)m->date_kind;
}

int
tl_milestone_before(const struct tl_milestone *m)
{
	return (m->fields & TL_MS_BEFORE) != 0;
}

const struct tl_milestone *
tl_milestone_reference(const struct tl_milestone *m)
{
	const struct tl_timeline_rec *t = (const void *)m->timeline;
	const struct tl_set *set = t->set;

	/* The set is known once resolved; m->aux names its relative. */
	if (m->date_kind != TL_DATE_RELATIVE || set == NULL ||
	    m->aux >= set->nrelatives || set->relatives[m->aux].m != m)
		return NULL;
	return set->relatives[m->aux].target;
}

const struct tl_window *
tl_milestone_window(const struct tl_milestone *m)
{
	return &m->window;
}

int32_t
tl_milestone_noted(const struct tl_milestone *m)
{
	return m->noted;
}

int
tl_milestone_name_cmp(const struct tl_milestone *a,
    const struct tl_milestone *b)
{
	int c;

	if (a->timeline != b->timeline &&
	    (c = strcmp(a->timeline->name, b->timeline->name)) != 0)
		return c;
	return strcmp(a->text, b->text);
}

uint32_t
tl_milestone_line(const struct tl_milestone *m)
{
	return m->line;
}

uint32_t
tl_milestone_col(const struct tl_milestone *m)
{
	return m->col;
}

uint32_t
tl_milestone_file_index(const struct tl_milestone *m)
{
	return tl_ms_file_index(m);
}

size_t
tl_milestone_tag_count(const struct tl_milestone *m)
{
	return m->ntags;
}

const char *
tl_milestone_tag(const struct tl_milestone *m, size_t i)
{
	return i < m->ntags ? skip(lists(m), i) : NULL;
}

void
tl_milestone_tags(const struct tl_milestone *m, struct tl_list *it)
{
	it->next = lists(m);
	it->left = m->ntags;
}

size_t
tl_milestone_link_count(const struct tl_milestone *m)
{
	return m->nlinks;
}

const char *
tl_milestone_link(const struct tl_milestone *m, size_t i)
{
	return i < m->nlinks ? skip(lists(m), m->ntags + i) : NULL;
}

void
tl_milestone_links(const struct tl_milestone *m, struct tl_list *it)
{
	it->next = skip(lists(m), m->ntags);
	it->left = m->nlinks;
}

const char *
tl_list_next(struct tl_list *it)
{
	const char *t = it->next;

	if (it->left == 0)
		return NULL;
	it->left--;
	it->next = tl_ms_next(t);
	return t;
}

size_t
tl_milestone_history_count(const struct tl_milestone *m)
{
	return m->nhistory;
}

/* Reads the history entry whose date is at p; returns the next one's. */
static const char *
history_at(const char *p, struct tl_history *out)
{
	const char *noted = tl_ms_next(p);
	char why[TL_WHY_SIZE];

	/* Both texts were checked when loading: they parse. */
	out->date = p;
	if (tl_date_parse(&out->window, p, strlen(p), why) < 0)
		memset(&out->window, 0, sizeof(out->window));
	if (*noted == '\0' ||
	    tl_day_parse(&out->noted, noted, strlen(noted), why) < 0)
		out->noted = TL_DAY_NONE;
	return tl_ms_next(noted);
}

const char *
tl_ms_history_first(const struct tl_milestone *m)
{
	return skip(lists(m), (size_t)m->ntags + m->nlinks);
}

const char *
tl_ms_history_next(const char *at, struct tl_history *out)
{
	return history_at(at, out);
}

void
tl_milestone_history(const struct tl_milestone *m, size_t i,
    struct tl_history *out)
{
	history_at(skip(lists(m), (size_t)m->ntags + m->nlinks + 2 * i), out);
}

void
tl_milestone_history_range(const struct tl_milestone *m, size_t first,
    size_t n, struct tl_history *out)
{
	const char *p;
	size_t i;

	if (n == 0)
		return;
	p = skip(lists(m), (size_t)m->ntags + m->nlinks + 2 * first);
	for (i = 0; i < n; i++)
		p = history_at(p, &out[i]);
}
