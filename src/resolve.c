/*
 * Resolution: references between milestones, cycles, and the windows of
 * relative dates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "set_internal.h"
#include "suggest.h"
#include "zone.h"

/* Finds the milestone a relative date names: "id" or "timeline/id". */
static struct tl_milestone *
lookup(const struct tl_set *set, const struct tl_milestone *m)
{
	const char *ref = tl_milestone_date(m), *slash = strchr(ref, '/');
	const struct tl_timeline_rec *t;

	if (slash == NULL)
		return tl_id_find(set, m->timeline, ref, strlen(ref));
	t = tl_set_find_timeline(set, ref, (size_t)(slash - ref));
	if (t == NULL)
		return NULL;
	return tl_id_find(set, &t->pub, slash + 1, strlen(slash + 1));
}

/* Whether a file of the set was cut before its timeline's name. */
static int
cut_before_name(const struct tl_set *set)
{
	size_t i;

	for (i = 0; i < set->ntimelines; i++)
		if (set->timelines[i]->cut &&
		    set->timelines[i]->pub.name[0] == '\0')
			return 1;
	return 0;
}

/*
 * Whether the milestone m names may stand where a file could not be read
 * to its end: then its absence is no certain error.  A timeline that is
 * not loaded may be in a file cut before its name (nameless_cut, from
 * cut_before_name()).
 */
static int
maybe_unread(const struct tl_set *set, const struct tl_milestone *m,
    int nameless_cut)
{
	const char *ref = tl_milestone_date(m), *slash = strchr(ref, '/');
	const struct tl_timeline_rec *t;

	if (slash == NULL)
		return tl_ms_timeline_rec(m)->cut;
	if ((t = tl_set_find_timeline(set, ref, (size_t)(slash - ref))) != NULL)
		return t->cut;
	return nameless_cut;
}

/* How a milestone is named from another: its id, or timeline/id. */
static int
name_of(char *buf, size_t size, const struct tl_milestone *m,
    const struct tl_milestone *from)
{
	if (m->timeline == from->timeline)
		return snprintf(buf, size, "%s", m->text);
	return snprintf(buf, size, "%s/%s", m->timeline->name, m->text);
}

/* Reports the cycle that path[from..n) closes. */
static int
report_cycle(struct tl_diags *diags, struct tl_milestone **path, size_t from,
    size_t n)
{
	const struct tl_milestone *first = path[from];
	/* With the words before it, the list fits a diagnostic's 1,024
	 * bytes, so that its closing " -> ..." is never cut off. */
	char names[960], one[160];
	size_t i, at = 0, k;

	/* Report at the member found first in the files, so runs agree. */
	for (i = from; i < n; i++) {
		uint32_t fi = tl_ms_file_index(path[i]);
		uint32_t ff = tl_ms_file_index(first);
		if (fi < ff || (fi == ff && (path[i]->line < first->line ||
		    (path[i]->line == first->line &&
		    path[i]->col < first->col))))
			first = path[i];
	}
	/* Name every member, starting and ending at the reported one. */
	for (i = from; i < n && path[i] != first; i++)
		;
	names[0] = '\0';
	for (k = 0; k <= n - from; k++) {
		const struct tl_milestone *m = path[from + (i - from + k) %
		    (n - from)];
		name_of(one, sizeof(one), m, first);
		if (at + strlen(one) + 8 >= sizeof(names)) {
			snprintf(names + at, sizeof(names) - at, " -> ...");
			break;
		}
		at += (size_t)snprintf(names + at, sizeof(names) - at, "%s%s",
		    k ? " -> " : "", one);
	}
	return tl_ms_diag(diags, TL_LEVEL_ERROR, "cycle", first, first->line,
	    first->col, "cycle of relative dates: %s", names);
}

/*
 * Checks the time of day of a relative milestone, now placed, as
 * check.c checks one of a plain day: it needs one exact day, on which
 * the time occurs in its zone.  A milestone that fails is not placed.
 */
static int
place_time(struct tl_diags *diags, struct tl_zone_memo *zones,
    struct tl_milestone *m)
{
	struct tl_zone *found;
	const char *zone = tl_milestone_timezone(m);
	char when[64], day[16];
	int r;

	if (m->window.precision != TL_PREC_DAY ||
	    (m->window.flags & TL_WIN_APPROX)) {
		m->resolved = TL_RES_FAILED;
		tl_window_words(when, sizeof(when), &m->window, 1);
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "time", m, m->line,
		    m->col, "'%s' has a time of day but falls in %s, not on "
		    "one exact day", m->text, when);
	}
	if (zone == NULL)
		return 0;
	/* An unknown zone, or one whose file cannot be read, is check.c's
	 * to report. */
	if ((r = tl_zone_memo_find(zones, zone, &found, NULL)) == TL_EIO)
		return 0;
	if (r < 0)
		return TL_ENOMEM;
	if (found == NULL)
		return 0;
	r = tl_zone_offset(found, m->window.start, m->time, NULL);
	tl_day_format(day, sizeof(day), m->window.start);
	if (r == TL_ZONE_GAP) {
		m->resolved = TL_RES_FAILED;
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "time-gap", m,
		    m->line, m->col, "'%s' falls at %02d:%02d on %s, which "
		    "does not exist in %s: the clocks skip it (%s)", m->text,
		    m->time / 60, m->time % 60, day, zone,
		    tl_zone_dst_changes(found, m->window.start, m->time) ?
		    "daylight saving time" : "the zone changed its offset");
	}
	if (r == TL_ZONE_FOLD)
		return tl_ms_diag(diags, TL_LEVEL_WARNING, "time-fold", m,
		    m->line, m->col, "'%s' falls at %02d:%02d on %s, which "
		    "occurs twice in %s (the clocks go back); the first is "
		    "meant", m->text, m->time / 60, m->time % 60, day, zone);
	return 0;
}

/* Computes the window of a relative milestone whose reference is known. */
static int
place(const struct tl_set *set, struct tl_diags *diags,
    struct tl_zone_memo *zones, struct tl_milestone *m)
{
	const struct tl_milestone *ref = set->relatives[m->aux].target;
	const char *offset = tl_milestone_end(m);
	struct tl_offset off;
	char why[TL_WHY_SIZE];

	if (ref == NULL || ref->resolved != TL_RES_DONE || offset == NULL ||
	    tl_offset_parse(&off, offset, strlen(offset), why) < 0) {
		m->resolved = TL_RES_FAILED;
		return 0;
	}
	if (tl_window_relative(&m->window, &ref->window, &off,
	    (m->fields & TL_MS_BEFORE) != 0,
	    why) < 0) {
		/* At the offset, the value that moves the day too far. */
		const struct tl_relative *rel = &set->relatives[m->aux];

		m->resolved = TL_RES_FAILED;
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "offset", m,
		    rel->offset_line, rel->offset_col, "'%s' cannot be placed: "
		    "%s", m->text, why);
	}
	m->resolved = TL_RES_DONE;
	return m->time >= 0 ? place_time(diags, zones, m) : 0;
}

/*
 * Follows each chain of references iteratively (no recursion, so a chain
 * of any length is safe), placing every milestone on it once.
 */
static int
resolve_chains(struct tl_set *set, struct tl_diags *diags)
{
	struct tl_milestone **path = NULL, *cur;
	struct tl_zone_memo zones;
	size_t n, i, cap = 0, r;
	int error = 0;

	memset(&zones, 0, sizeof(zones));
	for (r = 0; r < set->nrelatives; r++) {
		cur = set->relatives[r].m;
		n = 0;
		while (cur->date_kind == TL_DATE_RELATIVE &&
		    cur->resolved == TL_RES_PENDING) {
			if (n == cap) {
				struct tl_milestone **grown;
				cap = cap ? cap * 2 : 64;
				grown = realloc(path, cap * sizeof(*path));
				if (grown == NULL) {
					error = TL_ENOMEM;
					goto out;
				}
				path = grown;
			}
			cur->resolved = TL_RES_ACTIVE;
			path[n++] = cur;
			cur = set->relatives[cur->aux].target;
		}
		if (n == 0)
			continue;
		if (cur->resolved == TL_RES_ACTIVE) {
			/* cur is on the path: the rest of it is a cycle. */
			for (i = 0; path[i] != cur; i++)
				;
			if ((error = report_cycle(diags, path, i, n)) < 0)
				goto out;
			for (i = 0; i < n; i++)
				path[i]->resolved = TL_RES_FAILED;
			continue;
		}
		for (i = n; i-- > 0;)
			if ((error = place(set, diags, &zones, path[i])) < 0)
				goto out;
	}
out:
	tl_zone_memo_dispose(&zones);
	free(path);
	return error;
}

/*
 * What a diagnostic adds when no milestone answers to ref; searched:
 * every milestone of the set was looked at for one of ref's id.
 */
static const char *
missing_hint(const struct tl_set *set, const char *ref, int searched)
{
	const char *slash = strchr(ref, '/');

	if (slash == NULL && searched && tl_set_timeline_count(set) > 1)
		return " in any timeline loaded";
	if (slash == NULL)
		return " in this timeline (name one of another timeline as "
		    "timeline/id)";
	if (tl_set_find_timeline(set, ref, (size_t)(slash - ref)) == NULL)
		return " (no file read holds that timeline: name its file or "
		    "directory too)";
	return "";
}

/* Whether ref (len bytes) is TIMELINE/ID of c. */
static int
is_named(const struct tl_milestone *c, const char *ref, size_t len)
{
	size_t n = strlen(c->timeline->name);

	return n < len && ref[n] == '/' && memcmp(ref, c->timeline->name,
	    n) == 0 && strcmp(ref + n + 1, c->text) == 0;
}

/*
 * The most milestones looked at for suggestions in one resolution: a
 * set with many missing references stays linear, and its first
 * references still get their suggestion.  A name compared letter by
 * letter counts once more for each 16 bytes it has, so that long names
 * cost no more than short ones.
 */
#define SUGGEST_BUDGET ((size_t)1 << 22)

/*
 * Finds the milestone m most likely meant by ref, which names none: one
 * of another timeline with ref's id as its id (when ref names no
 * timeline, or one that is not loaded), else one whose name, as m would
 * write it, is within two edits of ref.  Writes its name to buf, or
 * empties buf; when two other timelines have ref's id, the second is
 * written to buf2 (else it is emptied).  A timeline that repeats
 * another's name is never found, so its milestones are not offered; one
 * named exactly ref is put in *hidden.  *budget counts the milestones
 * looked at.
 */
static void
closest_reference(const struct tl_set *set, const struct tl_milestone *m,
    const char *ref, char *buf, char *buf2, size_t size, size_t *budget,
    const struct tl_milestone **hidden)
{
	const struct tl_milestone *c, *best = NULL, *also = NULL;
	const char *slash = strchr(ref, '/'), *id = ref;
	size_t i, lref = strlen(ref), ln, lid, ltl;
	int d, bestd = 3, other = slash == NULL, full, lost = 0;
	char name[TL_QUOTE_SIZE];

	buf[0] = buf2[0] = '\0';
	if (slash != NULL && tl_set_find_timeline(set, ref,
	    (size_t)(slash - ref)) == NULL) {
		/* 'website/launch' for 'web/launch': the id may be right. */
		id = slash + 1;
		lost = 1;
	}
	for (i = 0; i < set->count && *budget > 0; i++, (*budget)--) {
		c = set->items[i];
		if (c == m)
			continue;
		if (tl_ms_timeline_rec(c)->duplicate) {
			if (slash != NULL && is_named(c, ref, lref))
				*hidden = c;
			continue;
		}
		if ((other || lost) && c->timeline != m->timeline &&
		    strcmp(c->text, id) == 0)
			d = 0;		/* the id, in another timeline */
		else {
			/* As ref names it: with its timeline or without. */
			full = !other || c->timeline != m->timeline;
			lid = strlen(c->text);
			ltl = full ? strlen(c->timeline->name) + 1 : 0;
			ln = ltl + lid;
			if ((ln > lref ? ln - lref : lref - ln) > 2 ||
			    ln >= sizeof(name))
				continue;
			if (full) {
				memcpy(name, c->timeline->name, ltl - 1);
				name[ltl - 1] = '/';
			}
			memcpy(name + ltl, c->text, lid + 1);
			*budget -= *budget > ln / 16 ? ln / 16 : *budget - 1;
			d = tl_edit_distance(ref, lref, name, ln);
			if (!tl_suggestable(d, lref, ln))
				continue;
		}
		if (d == 0 && bestd == 0 && also == NULL &&
		    c->timeline != best->timeline)
			also = c;
		if (d < bestd) {
			bestd = d;
			best = c;
		}
	}
	if (best != NULL && other)
		name_of(buf, size, best, m);
	else if (best != NULL)
		snprintf(buf, size, "%s/%s", best->timeline->name, best->text);
	if (also != NULL)
		snprintf(buf2, size, "%s/%s", also->timeline->name, also->text);
}

/* Reports the reference of rel, which names no milestone. */
static int
report_missing(const struct tl_set *set, struct tl_diags *diags,
    const struct tl_relative *rel, size_t *budget)
{
	const char *ref = tl_milestone_date(rel->m);
	const struct tl_milestone *hidden = NULL;
	char q[TL_QUOTE_SIZE], close[TL_QUOTE_SIZE], qc[TL_QUOTE_SIZE];
	char also[TL_QUOTE_SIZE], qa[TL_QUOTE_SIZE], file[512];

	tl_diags_quote(q, ref, strlen(ref));
	closest_reference(set, rel->m, ref, close, also, sizeof(close), budget,
	    &hidden);
	if (hidden != NULL && hidden->timeline == rel->m->timeline)
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "missing-reference",
		    rel->m, rel->ref_line, rel->ref_col, "no milestone '%s' "
		    "(this file has one, but its timeline's name is taken by "
		    "an earlier file)", q);
	if (hidden != NULL)
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "missing-reference",
		    rel->m, rel->ref_line, rel->ref_col, "no milestone '%s' "
		    "(%s has one, but its timeline's name is taken by an "
		    "earlier file)", q, tl_diags_escape(file, sizeof(file),
		    hidden->timeline->file, strlen(hidden->timeline->file)));
	if (close[0] != '\0' && also[0] != '\0') {
		tl_diags_quote(qc, close, strlen(close));
		tl_diags_quote(qa, also, strlen(also));
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "missing-reference",
		    rel->m, rel->ref_line, rel->ref_col,
		    "no milestone '%s' (did you mean '%s' or '%s'?)", q, qc,
		    qa);
	}
	if (close[0] != '\0') {
		tl_diags_quote(qc, close, strlen(close));
		return tl_ms_diag(diags, TL_LEVEL_ERROR, "missing-reference",
		    rel->m, rel->ref_line, rel->ref_col,
		    "no milestone '%s' (did you mean '%s'?)", q, qc);
	}
	return tl_ms_diag(diags, TL_LEVEL_ERROR, "missing-reference", rel->m,
	    rel->ref_line, rel->ref_col, "no milestone '%s'%s", q,
	    missing_hint(set, ref, *budget > 0));
}

int
tl_set_resolve(struct tl_set *set, struct tl_diags *diags)
{
	struct tl_relative *rel;
	struct tl_milestone *target;
	size_t r, i, budget = SUGGEST_BUDGET;
	int error, nameless_cut;

	if (set->stage != TL_STAGE_INDEXED)
		return TL_EINVAL;
	nameless_cut = cut_before_name(set);
	for (r = 0; r < set->nrelatives; r++) {
		rel = &set->relatives[r];
		target = lookup(set, rel->m);
		if (target == NULL) {
			rel->m->resolved = TL_RES_FAILED;
			if (maybe_unread(set, rel->m, nameless_cut))
				continue;
			if ((error = report_missing(set, diags, rel,
			    &budget)) < 0)
				goto failed;
			continue;
		}
		rel->target = target;
	}
	if ((error = resolve_chains(set, diags)) < 0)
		goto failed;
	/* Milestones without a window are not ordered or exported. */
	for (i = r = 0; i < set->count; i++)
		if (set->items[i]->resolved == TL_RES_DONE)
			set->items[r++] = set->items[i];
	set->count = r;
	/* tl_milestone_reference() finds a milestone's set by its timeline. */
	for (i = 0; i < set->ntimelines; i++)
		set->timelines[i]->set = set;
	set->stage = TL_STAGE_RESOLVED;
	return 0;
failed:
	/* Some relative dates are placed, others not: read and free. */
	set->stage = TL_STAGE_FAILED;
	return error;
}
