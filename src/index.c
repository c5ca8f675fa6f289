/*
 * The id index: finds milestones by (timeline, id) and reports ids used
 * twice.  Built once, by sorting hashes, because a set may hold millions
 * of milestones and a sort reads memory in order where a hash table
 * would miss the cache on nearly every insertion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline/common.h"
#include "set_internal.h"

/* FNV-1a over the id, seeded with the timeline's address. */
uint32_t
tl_id_hash(const struct tl_timeline *t, const char *id, size_t len)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(uintptr_t)t;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)id[i];
		h *= 1099511628211ULL;
	}
	return (uint32_t)(h ^ (h >> 32));
}

#define DIGIT_BITS 16
#define DIGITS (1u << DIGIT_BITS)

/*
 * Sorts n entries by hash, keeping the order of equal hashes (a stable
 * radix sort), so that of two equal ids the one loaded first comes
 * first.  tmp holds n entries.  Returns where the result is.
 */
static struct tl_id_entry *
radix_sort(struct tl_id_entry *a, struct tl_id_entry *tmp, size_t n,
    size_t *count)
{
	struct tl_id_entry *t;
	unsigned shift;
	size_t i, sum, c;

	for (shift = 0; shift < 32; shift += DIGIT_BITS) {
		memset(count, 0, DIGITS * sizeof(*count));
		for (i = 0; i < n; i++)
			count[(a[i].hash >> shift) & (DIGITS - 1)]++;
		for (i = sum = 0; i < DIGITS; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			tmp[count[(a[i].hash >> shift) & (DIGITS - 1)]++] = a[i];
		t = a;
		a = tmp;
		tmp = t;
	}
	return a;
}

static int
same_id(const struct tl_milestone *a, const struct tl_milestone *b)
{
	return a->timeline == b->timeline && strcmp(a->text, b->text) == 0;
}

int
tl_id_index_build(struct tl_set *set, struct tl_diags *diags)
{
	struct tl_id_entry *e, *tmp, *sorted;
	struct tl_milestone *m, *first;
	size_t n = set->count, i, j, k, p, run, kept, *count = NULL;
	char q[TL_QUOTE_SIZE], file[512];
	int error = 0;

	tl_id_dispose(set);
	if (n == 0)
		return 0;
	if (n > SIZE_MAX / (2 * sizeof(*e)))
		return TL_ENOMEM;
	if ((e = malloc(2 * n * sizeof(*e))) == NULL)
		return TL_ENOMEM;
	if ((count = malloc(DIGITS * sizeof(*count))) == NULL) {
		free(e);
		return TL_ENOMEM;
	}
	tmp = e + n;
	for (i = 0; i < n; i++) {
		m = set->items[i];
		e[i].hash = m->idhash;
		e[i].m = m;
	}
	sorted = radix_sort(e, tmp, n, count);
	free(count);
	/*
	 * Within each run of equal hashes, an id equal to one kept before it
	 * is a duplicate.  Kept entries move down to sorted[kept]; every
	 * slot written has been read already.
	 */
	for (i = kept = 0; i < n; i = j) {
		for (j = i + 1; j < n && sorted[j].hash == sorted[i].hash; j++)
			;
		run = kept;
		for (k = i; k < j; k++) {
			m = sorted[k].m;
			for (first = NULL, p = run; p < kept; p++)
				if (same_id(sorted[p].m, m)) {
					first = sorted[p].m;
					break;
				}
			if (first == NULL) {
				sorted[kept++] = sorted[k];
				continue;
			}
			/* Dropped from the set: never ordered or exported. */
			m->resolved = TL_RES_FAILED;
			tl_diags_quote(q, m->text, strlen(m->text));
			if ((error = tl_diags_add(diags, TL_LEVEL_ERROR,
			    "duplicate-id", m->timeline->file,
			    tl_ms_file_index(m), m->line, m->col, "duplicate "
			    "id '%s' (first defined at %s:%u:%u)", q,
			    tl_diags_escape(file, sizeof(file),
			    first->timeline->file, strlen(first->timeline->file)),
			    (unsigned)first->line,
			    (unsigned)first->col)) < 0)
				goto out;
		}
	}
	/* Keep the index in the first half of the allocation. */
	if (sorted != e)
		memmove(e, sorted, kept * sizeof(*e));
	set->ids.entries = e;
	set->ids.count = kept;
	set->loaded = kept;
	e = NULL;
out:
	free(e);
	return error;
}

struct tl_milestone *
tl_id_find(const struct tl_set *set, const struct tl_timeline *t,
    const char *id, size_t len)
{
	const struct tl_id_entry *e = set->ids.entries;
	uint32_t h = tl_id_hash(t, id, len);
	size_t lo = 0, hi = set->ids.count, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < set->ids.count && e[lo].hash == h; lo++) {
		const struct tl_milestone *m = e[lo].m;
		if (m->timeline == t && strncmp(m->text, id, len) == 0 &&
		    m->text[len] == '\0')
			return e[lo].m;
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
