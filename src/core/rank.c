#include "core/rank.h"

#include <stdlib.h>
#include <string.h>

#include "base/pair.h"
#include "base/sort.h"
#include "base/xalloc.h"

#define MAX_LCM ((uint64_t)UINT32_MAX) /* beyond: compare fractions instead */
#define RUNS_PARALLEL_MIN 65536 /* ranked rows from which two threads
                                   make the keys, sort them and order
                                   ties by name */
#define RANK_AHEAD 16 /* rows ahead whose rank is fetched while numbering */
#define MAX_OTHER_DENS 16 /* distinct denominators above the number of
                             benchmarks (weights, methods) for the radix path */

struct order_ctx {
    const struct lb_table *t;
    const struct lb_aggregate *key;
    int dir; /* -1: higher first, 1: lower first */
};

static int cmp_names(const struct lb_table *t, size_t a, size_t b)
{
    size_t la, lb;
    const char *na = lb_table_model(t, a, &la);
    const char *nb = lb_table_model(t, b, &lb);
    int c = memcmp(na, nb, la < lb ? la : lb);

    if (c != 0)
        return c;
    return (la > lb) - (la < lb);
}

/* Name, then file order: the order inside a group of equal exact values. */
static int cmp_name_row(size_t a, size_t b, void *vctx)
{
    const struct order_ctx *ctx = vctx;
    int c = cmp_names(ctx->t, a, b);

    return c != 0 ? c : (a > b) - (a < b);
}

static int cmp_exact(const struct order_ctx *ctx, size_t a, size_t b)
{
    lb_i128 na, nb;
    uint32_t da, db;

    (void)lb_aggregate_get(ctx->key, a, &na, &da);
    (void)lb_aggregate_get(ctx->key, b, &nb, &db);
    return lb_frac_cmp(na, da, nb, db);
}

/* The definition of the order: exact value, then name, then file order. */
static int cmp_rows(size_t a, size_t b, void *vctx)
{
    const struct order_ctx *ctx = vctx;
    int c = cmp_exact(ctx, a, b);

    return c != 0 ? c * ctx->dir : cmp_name_row(a, b, vctx);
}

/* A part of make_keys' rows, for one thread. */
struct key_part {
    const struct order_ctx *ctx;
    const lb_row *rows;
    uint64_t *keys;
    uint8_t *den8;  /* the counts, in a byte each (the ranking's peak of
                       memory is here); 0: above 255, read again */
    size_t n;
    bool *seen;     /* the counts up to the number of benchmarks seen */
    uint32_t other[MAX_OTHER_DENS]; /* counts above it (methods) */
    size_t nother;
    uint64_t lcm;   /* the second pass's */
    bool ok;        /* every value fits */
};

/* The first pass over a part: the sums (kept in keys for now), the
 * counts, and which counts occur. */
static int sum_part(void *arg)
{
    struct key_part *P = arg;
    const struct lb_aggregate *k = P->ctx->key;
    size_t i, j;
    uint32_t den;

    for (i = 0; i < P->n && P->ok; i++) {
        lb_i128 num;

        (void)lb_aggregate_get(k, P->rows[i], &num, &den);
        P->ok = num >= INT64_MIN && num <= INT64_MAX;
        P->keys[i] = (uint64_t)(int64_t)num;
        P->den8[i] = den <= UINT8_MAX ? (uint8_t)den : 0;
        if (den <= k->nbench) {
            P->seen[den] = true;
            continue;
        }
        for (j = 0; j < P->nother && P->other[j] != den; j++)
            ;
        if (j == P->nother) {
            if (P->nother == MAX_OTHER_DENS)
                P->ok = false; /* too many: the comparison sort */
            else
                P->other[P->nother++] = den;
        }
    }
    return 0;
}

/* The second pass: each sum times lcm / count, as an ordered key. */
static int scale_part(void *arg)
{
    struct key_part *P = arg;
    size_t i;

    for (i = 0; i < P->n && P->ok; i++) {
        lb_i128 num, v;
        uint32_t den = P->den8[i];
        uint64_t u;

        if (den == 0)
            (void)lb_aggregate_get(P->ctx->key, P->rows[i], &num, &den);
        v = (lb_i128)(int64_t)P->keys[i] * (lb_i128)(P->lcm / den);
        if (v < INT64_MIN || v > INT64_MAX) {
            P->ok = false;
            break;
        }
        u = (uint64_t)(int64_t)v ^ ((uint64_t)1 << 63);
        P->keys[i] = P->ctx->dir < 0 ? ~u : u;
    }
    return 0;
}

/* Runs fn over parts p[0..nparts) (one or two), the second by another
 * thread. */
static void run_parts(int (*fn)(void *), struct key_part *p, size_t nparts)
{
    lb_run_pair(fn, &p[0], nparts == 2 ? &p[1] : NULL);
}

/* Maps the exact value of each of rows[0..n) to an unsigned 64-bit integer
 * whose order is the rank order: sum * (L / count) with L the least common
 * multiple of the counts, sign-flipped (and complemented for "higher
 * first"). False when some value does not fit. *lcm receives L. From
 * 'parallel' rows up, two threads each take half of the rows. */
static bool make_keys(const struct order_ctx *ctx, const lb_row *rows, size_t n,
                      uint64_t *keys, uint64_t *lcm_out, size_t parallel)
{
    const struct lb_aggregate *k = ctx->key;
    struct key_part p[2];
    size_t nparts = n >= parallel && n >= 2 ? 2 : 1, i, j, m, nother = 0;
    uint32_t other[MAX_OTHER_DENS], d;
    uint64_t lcm = 1;
    uint8_t *den8 = xreallocarray(NULL, n + 1, 1);
    bool ok = true;

    for (i = 0; i < nparts; i++) {
        size_t from = i == 0 ? 0 : n / 2, to = i + 1 == nparts ? n : n / 2;

        p[i].ctx = ctx;
        p[i].rows = rows + from;
        p[i].keys = keys + from;
        p[i].den8 = den8 + from;
        p[i].n = to - from;
        p[i].seen = xcalloc((size_t)k->nbench + 2, sizeof *p[i].seen);
        p[i].nother = 0;
        p[i].ok = true;
    }
    run_parts(sum_part, p, nparts);
    /* the least common multiple of the counts that occur */
    for (i = 0; i < nparts; i++) {
        ok = ok && p[i].ok;
        for (j = 0; j < p[i].nother; j++) {
            for (m = 0; m < nother && other[m] != p[i].other[j]; m++)
                ;
            if (m < nother)
                continue;
            if (nother == MAX_OTHER_DENS)
                ok = false;
            else
                other[nother++] = p[i].other[j];
        }
    }
    for (d = 1; d <= k->nbench && lcm <= MAX_LCM; d++)
        if ((p[0].seen[d] || (nparts == 2 && p[1].seen[d])) && lcm % d != 0)
            lcm = lcm / lb_gcd64(lcm, d) * d;
    for (j = 0; j < nother && lcm <= MAX_LCM; j++)
        if (lcm % other[j] != 0)
            lcm = lcm / lb_gcd64(lcm, other[j]) * other[j];
    if (ok && lcm <= MAX_LCM) {
        for (i = 0; i < nparts; i++)
            p[i].lcm = lcm;
        run_parts(scale_part, p, nparts);
        for (i = 0; i < nparts; i++)
            ok = ok && p[i].ok;
    }
    for (i = 0; i < nparts; i++)
        free(p[i].seen);
    free(den8);
    *lcm_out = lcm;
    return ok && lcm <= MAX_LCM;
}

/* The exact value behind a key: value = returned / (lcm * 10^scale). */
static int64_t key_value(const struct order_ctx *ctx, uint64_t key)
{
    uint64_t u = ctx->dir < 0 ? ~key : key;

    return (int64_t)(u ^ ((uint64_t)1 << 63));
}

/* A row of a run of equal values, with the first 12 bytes of its name,
 * big-endian and zero-padded: comparing prefixes orders names as memcmp
 * does, except when they are equal (names hold no NUL byte). */
struct named {
    uint64_t p0;  /* bytes 0 to 7 */
    uint32_t p1;  /* bytes 8 to 11 */
    lb_row row;
};

static inline int cmp_named(const struct named *a, const struct named *b,
                            const struct lb_table *t)
{
    if (a->p0 != b->p0)
        return a->p0 < b->p0 ? -1 : 1;
    if (a->p1 != b->p1)
        return a->p1 < b->p1 ? -1 : 1;
    {
        int c = cmp_names(t, a->row, b->row);

        return c != 0 ? c : (a->row > b->row) - (a->row < b->row);
    }
}

#define RUN_INSERTION 16

/* Sorts it[0..n) by cmp_named, with tmp[0..n) as scratch. Recursion
 * halves n: at most 64 levels deep. */
static void sort_named(struct named *it, struct named *tmp, size_t n,
                       const struct lb_table *t)
{
    size_t mid = n / 2, i = 0, j = mid, k = 0;

    if (n <= RUN_INSERTION) {
        for (i = 1; i < n; i++) {
            struct named v = it[i];

            for (j = i; j > 0 && cmp_named(&it[j - 1], &v, t) > 0; j--)
                it[j] = it[j - 1];
            it[j] = v;
        }
        return;
    }
    sort_named(it, tmp, mid, t);
    sort_named(it + mid, tmp, n - mid, t);
    if (cmp_named(&it[mid - 1], &it[mid], t) <= 0)
        return; /* already in order */
    while (i < mid && j < n)
        tmp[k++] = cmp_named(&it[i], &it[j], t) <= 0 ? it[i++] : it[j++];
    while (i < mid)
        tmp[k++] = it[i++];
    memcpy(it, tmp, k * sizeof *it); /* it[j..n) is in place */
}

/* Sorts rows[0..n) (equal exact values) by name, then file order. The rows
 * lie far apart in memory: their name offsets are read in one pass, the
 * names' first bytes in another and the prefixes in a third, so that the
 * reads of many rows wait for memory at once rather than one after
 * another; the names themselves are read again only when prefixes are
 * equal. */
static void sort_run_by_name(const struct order_ctx *ctx, lb_row *rows,
                             size_t n)
{
    const struct lb_table *t = ctx->t;
    const struct lb_column *c = &t->cols[t->model_col];
    struct named small[2 * RUN_INSERTION];
    struct named *it = n <= RUN_INSERTION
                           ? small
                           : xreallocarray(NULL, 2 * n, sizeof *it);
    size_t i;

    for (i = 0; i < n; i++) {
        size_t r = rows[i];
        size_t end = r + 1 < t->nrows ? c->text_off[r + 1] : c->text_len;

        it[i].row = rows[i];
        it[i].p0 = c->text_off[r];
        it[i].p1 = (uint32_t)(end - c->text_off[r] - 1); /* the length */
    }
    /* the first byte of each name, alone, in a loop this short: a third
     * less time than reading the prefixes straight away, at ten million
     * rows, where a run is a hundred and eighty rows on average (kept
     * beside the offset, so that the read is not optimized away) */
    for (i = 0; i < n; i++)
        it[i].p0 |= (uint64_t)(unsigned char)c->text[it[i].p0] << 56;
    for (i = 0; i < n; i++) {
        const unsigned char *s =
            (const unsigned char *)c->text + (it[i].p0 & UINT32_MAX);
        size_t len = it[i].p1, k;
        uint64_t p0 = 0;
        uint32_t p1 = 0;

        for (k = 0; k < 8; k++)
            p0 = (p0 << 8) | (k < len ? s[k] : 0u);
        for (k = 8; k < 12; k++)
            p1 = (p1 << 8) | (k < len ? s[k] : 0u);
        it[i].p0 = p0;
        it[i].p1 = p1;
    }
    sort_named(it, it + n, n, t);
    for (i = 0; i < n; i++)
        rows[i] = it[i].row;
    if (it != small)
        free(it);
}

/* In-place MSD radix sort (American flag sort) of w[0..n) by their bits
 * from 'low' up, a byte at a time from the top, skipping the bytes in
 * which no two words differ (diff: the bits that differ); not stable: the
 * caller orders words that are equal in those bits. No scratch memory, so
 * the ranking's peak is the words alone. Recursion goes one byte down per
 * level: at most (64 - low) / 8 levels deep. */
static void flag_sort(uint64_t *w, size_t n, int shift, unsigned low,
                      uint64_t diff);

/* One level of flag_sort: puts w[0..n) in buckets by their byte at
 * *shift, lowered first past the bytes in which no two differ, and says
 * how many each holds; false when nothing is left to sort (no byte left,
 * or n small enough to sort here by insertion). */
static bool flag_level(uint64_t *w, size_t n, int *shift, unsigned low,
                       uint64_t diff, size_t count[256])
{
    size_t head[256], tail[256], i;
    unsigned b;

    while (*shift >= (int)low && ((diff >> *shift) & 0xFF) == 0)
        *shift -= 8;
    if (*shift < (int)low || n < 2)
        return false;
    if (n <= 32) {
        for (i = 1; i < n; i++) {
            uint64_t v = w[i];
            size_t j;

            for (j = i; j > 0 && (w[j - 1] >> low) > (v >> low); j--)
                w[j] = w[j - 1];
            w[j] = v;
        }
        return false;
    }
    memset(count, 0, 256 * sizeof *count);
    for (i = 0; i < n; i++)
        count[(w[i] >> *shift) & 0xFF]++;
    for (b = 0, i = 0; b < 256; b++) {
        head[b] = i;
        i += count[b];
        tail[b] = i;
    }
    for (b = 0; b < 256; b++) {
        while (head[b] < tail[b]) {
            uint64_t v = w[head[b]];
            unsigned d = (unsigned)(v >> *shift) & 0xFF;

            while (d != b) { /* put v in its bucket, take what was there */
                uint64_t x = w[head[d]];

                w[head[d]++] = v;
                v = x;
                d = (unsigned)(v >> *shift) & 0xFF;
            }
            w[head[b]++] = v;
        }
    }
    return true;
}

/* The buckets from..to of a level (the first starting at w), each sorted
 * on by the bytes below: a thread's share. */
struct buckets {
    uint64_t *w;
    const size_t *count;
    unsigned from, to;
    int shift;
    unsigned low;
    uint64_t diff;
};

static int sort_buckets(void *arg)
{
    const struct buckets *B = arg;
    uint64_t *w = B->w;
    unsigned b;

    for (b = B->from; b < B->to; w += B->count[b++])
        if (B->count[b] > 1)
            flag_sort(w, B->count[b], B->shift - 8, B->low, B->diff);
    return 0;
}

static void flag_sort(uint64_t *w, size_t n, int shift, unsigned low,
                      uint64_t diff)
{
    size_t count[256];
    struct buckets all = {w, count, 0, 256, 0, low, diff};

    if (flag_level(w, n, &shift, low, diff, count)) {
        all.shift = shift;
        (void)sort_buckets(&all);
    }
}

/* flag_sort from the top byte; from 'parallel' words up, once the first
 * level has put them in buckets, a second thread sorts on the buckets
 * from the one that holds the middle word on. */
static void radix_sort_words(uint64_t *w, size_t n, unsigned low,
                             size_t parallel)
{
    size_t count[256], i, before = 0;
    uint64_t diff = 0;
    int shift = 56;
    struct buckets a, b;

    for (i = 1; i < n; i++)
        diff |= w[i] ^ w[0];
    if (n < parallel || n < 2) {
        flag_sort(w, n, shift, low, diff);
        return;
    }
    if (!flag_level(w, n, &shift, low, diff, count))
        return;
    a = (struct buckets){w, count, 0, 256, shift, low, diff};
    b = a;
    for (b.from = 0; b.from < 256 && before + count[b.from] <= n / 2;
         b.from++)
        before += count[b.from];
    a.to = b.from;
    b.w = w + before;
    lb_run_pair(sort_buckets, &a, &b);
}

/* The runs of equal keys of order[from..to) (from and to at the start of a
 * run), each sorted by name: a thread's share. */
struct runs {
    const struct order_ctx *ctx;
    const uint64_t *keys;
    lb_row *order;
    size_t from, to;
};

static int sort_runs(void *arg)
{
    const struct runs *R = arg;
    size_t i, j;

    for (i = R->from; i < R->to; i = j) {
        for (j = i + 1; j < R->to && R->keys[j] == R->keys[i]; j++)
            ;
        if (j - i > 1)
            sort_run_by_name(R->ctx, R->order + i, j - i);
    }
    return 0;
}

/* Sorts every run of equal keys of order[0..n) by name; from 'parallel'
 * rows up, a second thread takes the runs from the middle on (at ten
 * million rows this is most of the ranking's time, waiting for memory). */
static void sort_all_runs(const struct order_ctx *ctx, const uint64_t *keys,
                          lb_row *order, size_t n, size_t parallel)
{
    struct runs a = {ctx, keys, order, 0, n}, b = a;
    size_t mid = n / 2;

    if (n >= parallel && n >= 2) {
        while (mid < n && keys[mid] == keys[mid - 1])
            mid++; /* the start of a run */
        a.to = b.from = mid;
    }
    lb_run_pair(sort_runs, &a, a.to < n ? &b : NULL);
}

static int cmp_keys(size_t a, size_t b, void *ctx)
{
    const uint64_t *keys = ctx;

    return (keys[a] > keys[b]) - (keys[a] < keys[b]);
}

/* Keys spanning 2^32 or more (huge values or counts): a stable comparison
 * sort of positions, then rows and keys put in that order. */
static void sort_wide_keys(uint64_t *keys, lb_row *rows, size_t n)
{
    size_t *pos = xreallocarray(NULL, n + 1, sizeof *pos), i;
    uint64_t *k2 = xreallocarray(NULL, n + 1, sizeof *k2);
    lb_row *r2 = xreallocarray(NULL, n + 1, sizeof *r2);

    for (i = 0; i < n; i++)
        pos[i] = i;
    lb_sort_indices(pos, n, cmp_keys, keys);
    for (i = 0; i < n; i++) {
        k2[i] = keys[pos[i]];
        r2[i] = rows[pos[i]];
    }
    memcpy(keys, k2, n * sizeof *keys);
    memcpy(rows, r2, n * sizeof *rows);
    free(pos);
    free(k2);
    free(r2);
}

/* Sorts rows by keys; rows with equal keys come in no particular order (the
 * caller orders them by name). When the keys span less than 2^32 (the usual
 * case: means of scores with a few decimals) and rows fit in 32 bits, key
 * and row travel as one 64-bit word (the row in the low half) and only that
 * word is sorted, in place, by its key half (by two threads from
 * 'parallel' rows up: radix_sort_words). */
static void sort_keys(uint64_t *keys, lb_row *rows, size_t n, size_t parallel)
{
    uint64_t lo = UINT64_MAX, hi = 0, *packed;
    size_t i;

    for (i = 0; i < n; i++) {
        if (keys[i] < lo)
            lo = keys[i];
        if (keys[i] > hi)
            hi = keys[i];
    }
    if (n == 0 || hi - lo > UINT32_MAX || n > UINT32_MAX) {
        sort_wide_keys(keys, rows, n);
        return;
    }
    packed = keys; /* in place: each key becomes its packed word */
    for (i = 0; i < n; i++)
        packed[i] = ((keys[i] - lo) << 32) | (uint64_t)rows[i];
    /* by the key's half alone: no passes over the row's bits */
    radix_sort_words(packed, n, 32, parallel);
    for (i = 0; i < n; i++) {
        rows[i] = (lb_row)(packed[i] & UINT32_MAX);
        keys[i] = (packed[i] >> 32) + lo;
    }
}

int lb_rank(const struct lb_table *t, const struct lb_aggregate *key,
            const struct lb_rank_opts *opts, struct lb_ranking *out,
            struct lb_error *err)
{
    struct order_ctx ctx = {t, key, opts->ascending ? 1 : -1};
    size_t r, i, n = 0, listed, group_start = 0, dense = 0;
    uint64_t *keys, lcm = 1;
    lb_i128 prev = 0, shown;
    bool fast;
    size_t parallel = opts->parallel_min ? opts->parallel_min
                                         : RUNS_PARALLEL_MIN;

    memset(out, 0, sizeof *out);
    out->nrows = t->nrows;
    out->order = xreallocarray(NULL, t->nrows + 1, sizeof *out->order);
    out->rank2 = xcalloc(t->nrows + 1, sizeof *out->rank2);
    n = lb_aggregate_rows_with_value(key, out->order);
    out->n_ranked = n;

    keys = xreallocarray(NULL, n + 1, sizeof *keys);
    fast = make_keys(&ctx, out->order, n, keys, &lcm, parallel);
    if (fast) {
        sort_keys(keys, out->order, n, parallel);
        /* equal exact values: by name, then file order */
        sort_all_runs(&ctx, keys, out->order, n, parallel);
    } else {
        /* the general sort works on size_t indices */
        size_t *idx = xreallocarray(NULL, n + 1, sizeof *idx);

        for (i = 0; i < n; i++)
            idx[i] = out->order[i];
        lb_sort_indices(idx, n, cmp_rows, &ctx);
        for (i = 0; i < n; i++)
            out->order[i] = (lb_row)idx[i];
        free(idx);
    }

    /* number the rows: a group is a run of rows that tie */
    for (i = 0; i < n; i++) {
        size_t row = out->order[i];
        bool tied = false;

        if (i + RANK_AHEAD < n) /* rank2 is written at random */
            __builtin_prefetch(&out->rank2[out->order[i + RANK_AHEAD]], 1);
        /* the displayed value: from the key (read in order) when there is
         * one, the previous row's when the key is the same, else from the
         * row's cells */
        if (fast && i > 0 && keys[i] == keys[i - 1])
            shown = prev;
        else if (fast ? !lb_fraction_round(key_value(&ctx, keys[i]),
                                           (uint32_t)lcm, key->scale,
                                           opts->precision, &shown)
                      : !lb_aggregate_round(key, row, opts->precision,
                                            &shown)) {
            free(keys);
            lb_ranking_release(out);
            return lb_error_set(err,
                                "%s:%zu: the score is too large to round at "
                                "%u decimals",
                                t->path, lb_table_line(t, row),
                                opts->precision);
        }
        if (i > 0) {
            switch (opts->ties) {
            case LB_TIES_ORDINAL:
                break;
            case LB_TIES_EXACT:
                tied = fast ? keys[i] == keys[i - 1]
                            : cmp_exact(&ctx, out->order[i - 1], row) == 0;
                break;
            default:
                tied = shown == prev;
                break;
            }
        }
        prev = shown;
        if (!tied) {
            group_start = i;
            dense++;
        }
        out->rank2[row] = (uint32_t)(2 * (opts->ties == LB_TIES_DENSE     ? dense
                                         : opts->ties == LB_TIES_ORDINAL ? i + 1
                                                                         : group_start + 1));
    }
    free(keys);
    if (opts->ties == LB_TIES_FRACTIONAL) {
        /* (first + last) / 2, doubled: first + last; groups are the runs of
         * equal competition ranks */
        for (i = 0; i < n;) {
            size_t j = i + 1, k;

            while (j < n && out->rank2[out->order[j]] == out->rank2[out->order[i]])
                j++;
            for (k = i; k < j; k++)
                out->rank2[out->order[k]] = (uint32_t)(i + 1 + j);
            i = j;
        }
    }

    /* --top: the first 'top' rows, and those tied with the last of them
     * (rows of one group share their rank, and only they do) */
    listed = n;
    if (opts->top > 0 && opts->top < n) {
        listed = opts->top;
        while (listed < n && out->rank2[out->order[listed]] ==
                                 out->rank2[out->order[listed - 1]])
            listed++;
    }
    out->n_listed_ranked = listed;
    out->n_listed = listed;
    if (opts->top == 0) {
        for (r = 0; r < t->nrows; r++)
            if (out->rank2[r] == 0) /* not ranked */
                out->order[out->n_listed++] = (lb_row)r;
    }
    return 0;
}

size_t lb_ranking_check(const struct lb_table *t, const struct lb_aggregate *key,
                        const struct lb_rank_opts *opts,
                        const struct lb_ranking *r)
{
    struct order_ctx ctx = {t, key, opts->ascending ? 1 : -1};
    size_t i;

    for (i = 1; i < r->n_listed_ranked; i++)
        if (cmp_rows(r->order[i - 1], r->order[i], &ctx) >= 0)
            return i;
    return 0;
}

void lb_ranking_release(struct lb_ranking *r)
{
    free(r->order);
    free(r->rank2);
    memset(r, 0, sizeof *r);
}

static const char *const ties_names[] = {"competition", "dense", "ordinal",
                                         "fractional", "exact"};

bool lb_ties_parse(const char *s, enum lb_ties *out)
{
    size_t i;

    for (i = 0; i < sizeof ties_names / sizeof ties_names[0]; i++) {
        if (strcmp(s, ties_names[i]) == 0) {
            *out = (enum lb_ties)i;
            return true;
        }
    }
    return false;
}

const char *lb_ties_name(enum lb_ties t)
{
    return ties_names[t];
}
