/*
 * The index: timelines by name and milestones by (timeline, id), the one
 * place where names used twice are found.  Ids are indexed by a sorted
 * array of (hash, place) numbers: eight bytes a milestone, built by a
 * radix sort that keeps its writes in the cache, and searched by
 * bisection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "diag_internal.h"
#include "set_internal.h"
#include "sort.h"

/*
 * A hash of the id, eight bytes at a time, seeded with the timeline's
 * address and the length (multiply and fold, as in splitmix64).
 */
uint32_t
tl_id_hash(const struct tl_timeline *t, const char *id, size_t len)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	uint64_t h = ((uint64_t)(uintptr_t)t ^ len) * k, w;

	for (; len >= 8; id += 8, len -= 8) {
		memcpy(&w, id, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, id, len);
	h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 31;
	h *= 0x94d049bb133111ebULL;
	return (uint32_t)(h ^ (h >> 32));
}

/* Hashes every item into e. */
static void
hash_items(const struct tl_set *set, uint64_t *e, size_t n)
{
	const struct tl_milestone *m;
	size_t i;

	for (i = 0; i < n; i++) {
		m = set->items[i];
		e[i] = (uint64_t)tl_id_hash(m->timeline, m->text,
		    strlen(m->text)) << 32 | i;
	}
}

/* The milestone an index entry names. */
static struct tl_milestone *
item_of(const struct tl_set *set, uint64_t entry)
{
	return set->items[TL_ID_ITEM(entry)];
}

static int
same_id(const struct tl_milestone *a, const struct tl_milestone *b)
{
	return a->timeline == b->timeline && strcmp(a->text, b->text) == 0;
}

/* Reports m, whose id first was at first, as a duplicate, and drops it
 * from the set: it is never ordered or exported. */
static int
drop_duplicate(struct tl_milestone *m, const struct tl_milestone *first,
    struct tl_diags *diags)
{
	char q[TL_QUOTE_SIZE], file[512];
	int error;

	m->resolved = TL_RES_FAILED;
	tl_diags_quote(q, m->text, strlen(m->text));
	error = tl_diags_add(diags, TL_LEVEL_ERROR, "duplicate-id",
	    m->timeline->file, tl_ms_file_index(m), m->line, m->col,
	    "duplicate id '%s' (first defined at %s:%u:%u)", q,
	    tl_diags_escape(file, sizeof(file), first->timeline->file,
	    strlen(first->timeline->file)), (unsigned)first->line,
	    (unsigned)first->col);
	return error < 0 ? error : tl_diags_note_in(diags,
	    first->timeline->file, tl_ms_file_index(first), first->line,
	    first->col, "'%s' is first defined here", q);
}

/*
 * Keeps the entries e[i..j) of one hash whose ids differ from every one
 * kept before them in the run, moving them down to e[*kept]; drops the
 * others as duplicates.
 */
static int
keep_run(struct tl_set *set, uint64_t *e, size_t i, size_t j, size_t *kept,
    struct tl_diags *diags)
{
	struct tl_milestone *m, *first;
	size_t k, p, run = *kept;
	int error;

	for (k = i; k < j; k++) {
		m = item_of(set, e[k]);
		for (first = NULL, p = run; p < *kept; p++)
			if (same_id(item_of(set, e[p]), m)) {
				first = item_of(set, e[p]);
				break;
			}
		if (first == NULL) {
			e[(*kept)++] = e[k];
			continue;
		}
		if ((error = drop_duplicate(m, first, diags)) < 0)
			return error;
	}
	return 0;
}

/* The milestones loaded for certain: none of a file cut short counts. */
static size_t
count_loaded(const struct tl_set *set, const uint64_t *e, size_t kept)
{
	size_t k, loaded = 0;

	for (k = 0; k < set->ntimelines; k++)
		if (set->timelines[k]->cut)
			break;
	if (k == set->ntimelines)
		return kept;
	for (k = 0; k < kept; k++)
		if (!tl_ms_timeline_rec(item_of(set, e[k]))->cut)
			loaded++;
	return loaded;
}

/* Builds the id index, reporting ids used twice in a timeline. */
static int
index_ids(struct tl_set *set, struct tl_diags *diags)
{
	uint64_t *e, *shrunk;
	size_t n = set->count, i, j, kept;
	int error = 0;

	tl_id_dispose(set);
	if (n == 0)
		return 0;
	if (n > UINT32_MAX)
		return TL_ELIMIT;
	if (n > SIZE_MAX / sizeof(*e))
		return TL_ENOMEM;
	if ((e = malloc(n * sizeof(*e))) == NULL)
		return TL_ENOMEM;
	hash_items(set, e, n);
	tl_sort_u64(e, n);
	/*
	 * Within each run of equal hashes, an id equal to one kept before it
	 * is a duplicate.  Kept entries move down to e[kept]; every slot
	 * written has been read already.  A hash met once, nearly every
	 * one, is kept without reading its milestone.
	 */
	for (i = kept = 0; i < n; i = j) {
		for (j = i + 1; j < n && TL_ID_HASH(e[j]) == TL_ID_HASH(e[i]);
		    j++)
			;
		if (j == i + 1)
			e[kept++] = e[i];
		else if ((error = keep_run(set, e, i, j, &kept, diags)) < 0)
			goto out;
	}
	set->loaded = count_loaded(set, e, kept);
	/* Give back what duplicates took (a failure to shrink keeps it). */
	if (kept > 0 && kept < n &&
	    (shrunk = realloc(e, kept * sizeof(*e))) != NULL)
		e = shrunk;
	set->ids.entries = e;
	set->ids.count = kept;
	e = NULL;
out:
	free(e);
	return error;
}

struct tl_milestone *
tl_id_find(const struct tl_set *set, const struct tl_timeline *t,
    const char *id, size_t len)
{
	const uint64_t *e = set->ids.entries;
	uint32_t h = tl_id_hash(t, id, len);
	size_t lo = 0, hi = set->ids.count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (TL_ID_HASH(e[mid]) < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < set->ids.count && TL_ID_HASH(e[lo]) == h; lo++) {
		struct tl_milestone *m = set->items[TL_ID_ITEM(e[lo])];
		if (m->timeline == t && strncmp(m->text, id, len) == 0 &&
		    m->text[len] == '\0')
			return m;
	}
	return NULL;
}

void
tl_id_dispose(struct tl_set *set)
{
	free(set->ids.entries);
	set->ids.entries = NULL;
	set->ids.count = 0;
}

static int
timeline_cmp(const void *a, const void *b)
{
	const struct tl_timeline_rec *x = *(struct tl_timeline_rec *const *)a;
	const struct tl_timeline_rec *y = *(struct tl_timeline_rec *const *)b;
	int c = strcmp(x->pub.name, y->pub.name);

	if (c != 0)
		return c;
	return x->file_index < y->file_index ? -1 :
	    x->file_index > y->file_index;
}

/* Reports t, whose name the earlier first already has. */
static int
duplicate_timeline(struct tl_diags *diags, const struct tl_timeline_rec *t,
    const struct tl_timeline_rec *first)
{
	char q[TL_QUOTE_SIZE], where[512];
	const char *name = t->pub.name;
	int error;

	error = tl_diags_add(diags, TL_LEVEL_ERROR, "duplicate-timeline",
	    t->pub.file, t->file_index, t->pub.line, t->pub.col, "duplicate "
	    "timeline '%s' (first defined at %s:%u:%u)", tl_diags_quote(q,
	    name, strlen(name)), tl_diags_escape(where, sizeof(where),
	    first->pub.file, strlen(first->pub.file)),
	    (unsigned)first->pub.line, (unsigned)first->pub.col);
	/* Two texts given under one name are two files all the same. */
	return error < 0 ? error : tl_diags_note_in(diags, first->pub.file,
	    first->file_index, first->pub.line, first->pub.col, "timeline "
	    "'%s' is first defined here", q);
}

/*
 * Puts the named timelines in name order (set->by_name), each name
 * once: of timelines that share a name, the one read first is kept and
 * every later one is reported and marked a duplicate, never found.
 */
static int
index_timelines(struct tl_set *set, struct tl_diags *diags)
{
	struct tl_timeline_rec **t;
	size_t i, n;
	int error;

	if ((t = malloc((set->ntimelines ? set->ntimelines : 1) *
	    sizeof(*t))) == NULL)
		return TL_ENOMEM;
	for (i = n = 0; i < set->ntimelines; i++)
		if (set->timelines[i]->pub.name[0] != '\0')
			t[n++] = set->timelines[i];
	qsort(t, n, sizeof(*t), timeline_cmp);
	set->by_name = t;
	for (i = set->nby_name = 0; i < n; i++) {
		if (set->nby_name > 0 && strcmp(t[i]->pub.name,
		    t[set->nby_name - 1]->pub.name) == 0) {
			t[i]->duplicate = 1;
			if ((error = duplicate_timeline(diags, t[i],
			    t[set->nby_name - 1])) < 0)
				return error;
			continue;
		}
		t[i]->duplicate = 0;
		t[set->nby_name++] = t[i];
	}
	return 0;
}

int
tl_set_index(struct tl_set *set, struct tl_diags *diags)
{
	int error;

	if (set->stage != TL_STAGE_LOADING)
		return TL_EINVAL;
	if ((error = index_timelines(set, diags)) < 0 ||
	    (error = index_ids(set, diags)) < 0) {
		if (error == TL_ENOMEM)
			set->stage = TL_STAGE_FAILED;
		return error;
	}
	set->stage = TL_STAGE_INDEXED;
	return 0;
}

struct tl_timeline_rec *
tl_set_find_timeline(const struct tl_set *set, const char *name, size_t len)
{
	size_t lo = 0, hi = set->nby_name, mid;
	const char *other;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		other = set->by_name[mid]->pub.name;
		c = strncmp(other, name, len);
		if (c == 0 && other[len] != '\0')
			c = 1;
		if (c == 0)
			return set->by_name[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
