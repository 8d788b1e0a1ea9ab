#include "base/suggest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* Characters a[i] and b[j] equal, letter case ignored. */
static bool same_char(const char *a, size_t i, const char *b, size_t j)
{
    return tolower((unsigned char)a[i]) == tolower((unsigned char)b[j]);
}

/* The edit distance between a and b (insertions, deletions, changes and
 * swaps of two neighbours each count 1; letter case ignored), or more than
 * 'limit' (then limit + 1). */
static size_t distance(const char *a, const char *b, size_t limit)
{
    size_t na = strlen(a), nb = strlen(b), i, j, best = 0;
    size_t *two, *prev, *cur, *tmp;

    if ((na > nb ? na - nb : nb - na) > limit)
        return limit + 1;
    two = xcalloc(nb + 1, sizeof *two);
    prev = xcalloc(nb + 1, sizeof *prev);
    cur = xcalloc(nb + 1, sizeof *cur);
    for (j = 0; j <= nb; j++)
        prev[j] = j;
    for (i = 1; i <= na && best <= limit; i++) {
        cur[0] = best = i;
        for (j = 1; j <= nb; j++) {
            size_t v = prev[j - 1] + !same_char(a, i - 1, b, j - 1);

            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && same_char(a, i - 1, b, j - 2) &&
                same_char(a, i - 2, b, j - 1) && two[j - 2] + 1 < v)
                v = two[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        tmp = two;
        two = prev;
        prev = cur;
        cur = tmp;
    }
    best = best > limit ? limit + 1 : prev[nb];
    free(two);
    free(prev);
    free(cur);
    return best;
}

size_t lb_suggest(const char *name, size_t n, lb_name_at name_at,
                  const void *ctx)
{
    size_t len = strlen(name), limit = len / 3, i, found = LB_SUGGEST_NONE, d;
    const char *cand;

    if (len == 0 || len > LB_SUGGEST_MAX_BYTES)
        return LB_SUGGEST_NONE;
    if (limit < 1)
        limit = 1;
    if (limit >= len)
        limit = len - 1; /* keep a character: 'C' does not suggest 'A' */
    for (i = 0; i < n; i++) {
        cand = name_at(ctx, i);
        if (cand == NULL)
            continue;
        d = distance(name, cand, limit);
        if (d <= limit) {
            found = i;
            limit = d - (d > 0); /* a nearer one only */
            if (d == 0)
                break;
        }
    }
    return found;
}

const char *lb_did_you_mean(struct lb_did_you_mean *out, const char *near)
{
    struct lb_quoted q;

    out->s[0] = '\0';
    if (near != NULL)
        snprintf(out->s, sizeof out->s, "; did you mean %s?",
                 lb_quotes(&q, near));
    return out->s;
}
