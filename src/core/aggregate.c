#include "core/aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "base/pair.h"
#include "base/xalloc.h"

void lb_aggregate_prepare(struct lb_aggregate *agg, const struct lb_table *t,
                          const size_t *cols, size_t n, enum lb_missing policy)
{
    size_t k;
    unsigned scale = 0;

    memset(agg, 0, sizeof *agg);
    agg->t = t;
    agg->nrows = t->nrows;
    agg->nbench = (uint32_t)n;
    agg->policy = policy;
    agg->cols = xreallocarray(NULL, n + 1, sizeof *agg->cols);
    agg->mult = xreallocarray(NULL, n + 1, sizeof *agg->mult);
    for (k = 0; k < n; k++) {
        agg->cols[k] = cols[k];
        if (t->cols[cols[k]].scale > scale)
            scale = t->cols[cols[k]].scale;
    }
    agg->scale = scale;
    agg->in_scale = scale;
    for (k = 0; k < n; k++)
        agg->mult[k] = lb_pow10[scale - t->cols[cols[k]].scale];
}

size_t lb_aggregate_parallel_min = 65536;

/* Rows from..to of a plain mean's check (lb_aggregate_mean): for each
 * count of scores present, the largest |sum| and the first row with it;
 * whether every product and sum fitted in 64 bits; the first row whose sum
 * does not fit in 128. */
struct mean_part {
    const struct lb_table *t;
    const struct lb_aggregate *agg;
    bool narrow; /* no column of 128-bit numbers */
    bool small;  /* every column of 32-bit numbers, with factors small
                    enough that no product or sum can leave 64 bits */
    size_t from, to;
    lb_i128 *big;     /* [nbench + 1] */
    size_t *big_row;  /* [nbench + 1] */
    bool fits64;
    size_t overflow;  /* the row, or SIZE_MAX */
};

static void keep_big(struct mean_part *P, size_t n, lb_i128 sum, size_t r)
{
    lb_i128 a = sum < 0 ? -sum : sum;

    if (a > P->big[n]) {
        P->big[n] = a;
        P->big_row[n] = r;
    }
}

static int mean_part_run(void *arg)
{
    struct mean_part *P = arg;
    const struct lb_aggregate *agg = P->agg;
    const struct lb_column *cols = P->t->cols;
    size_t r, k;

    for (r = P->from; r < P->to; r++) {
        lb_i128 sum = 0;
        int64_t small = 0;
        size_t n = 0;

        if (P->small) { /* the common case: 64 bits, no check needed */
            for (k = 0; k < agg->nbench; k++) {
                const struct lb_column *c = &cols[agg->cols[k]];

                if (lb_column_missing(c, r))
                    continue;
                n++;
                small += (int64_t)c->num32[r] * agg->mult[k];
            }
            keep_big(P, n, small, r);
            continue;
        }
        for (k = 0; k < agg->nbench; k++) {
            const struct lb_column *c = &cols[agg->cols[k]];
            lb_i128 v;

            if (lb_column_missing(c, r))
                continue;
            n++;
            /* the value at 18 decimals at most: below 2^63 * 10^18 <
             * 2^123, the product fits (64 by 64 bits unless the column
             * needed 128) */
            v = P->narrow ? (lb_i128)lb_column_num64(c, r) * agg->mult[k]
                          : lb_column_num(c, r) * agg->mult[k];
            if (__builtin_add_overflow(sum, v, &sum)) {
                P->overflow = r;
                return 0;
            }
            if (v < INT64_MIN || v > INT64_MAX || sum < INT64_MIN ||
                sum > INT64_MAX)
                P->fits64 = false;
        }
        keep_big(P, n, sum, r);
    }
    return 0;
}

int lb_aggregate_mean(const struct lb_table *t, const struct lb_selection *sel,
                      enum lb_missing policy, struct lb_aggregate *agg,
                      struct lb_error *err)
{
    size_t r, k, nparts = t->nrows >= lb_aggregate_parallel_min ? 2 : 1;
    bool narrow = true, small;
    lb_i128 max_mult = 0;
    /* per count of scores present: the largest |sum| and its row, for each
     * part (the second's after the first's) */
    lb_i128 *big = xcalloc(2 * (sel->nbench + 1), sizeof *big);
    size_t *big_row = xcalloc(2 * (sel->nbench + 1), sizeof *big_row);
    struct mean_part part[2];

    lb_aggregate_prepare(agg, t, sel->bench, sel->nbench, policy);
    /* check once that no sum overflows 128 bits, and whether 64 are
     * enough: the sums computed later then need no check (64 bits also
     * means no column of 128-bit numbers: lb_aggregate_sum reads them as
     * 64) */
    small = true;
    for (k = 0; k < sel->nbench; k++) {
        const struct lb_column *c = &t->cols[sel->bench[k]];

        if (c->num128 != NULL)
            narrow = false;
        if (c->num32 == NULL)
            small = false;
        if (agg->mult[k] > max_mult)
            max_mult = agg->mult[k];
    }
    /* |num32| <= 2^31: every sum of nbench products within 64 bits */
    small = small && (lb_i128)sel->nbench * ((lb_i128)1 << 31) * max_mult <=
                         (lb_i128)INT64_MAX;
    for (k = 0; k < nparts; k++)
        part[k] = (struct mean_part){
            t, agg, narrow, small, t->nrows * k / nparts,
            t->nrows * (k + 1) / nparts, big + k * (sel->nbench + 1),
            big_row + k * (sel->nbench + 1), narrow, SIZE_MAX};
    lb_run_pair(mean_part_run, &part[0], nparts == 2 ? &part[1] : NULL);
    agg->fits64 = true;
    for (k = 0; k < nparts; k++) {
        if (part[k].overflow != SIZE_MAX) { /* the first in file order */
            r = part[k].overflow;
            free(big);
            free(big_row);
            lb_aggregate_release(agg);
            return lb_error_set(err, "%s:%zu: the sum of the scores is too "
                                     "large to be kept exactly",
                                t->path, lb_table_line(t, r));
        }
        agg->fits64 = agg->fits64 && part[k].fits64;
    }
    /* the second part's largest where larger (a tie keeps the first
     * row) */
    for (k = 0; nparts == 2 && k <= sel->nbench; k++) {
        if (part[1].big[k] > big[k]) {
            big[k] = part[1].big[k];
            big_row[k] = part[1].big_row[k];
        }
    }
    /* the largest |mean|, rounded up, over the rows that have one */
    for (k = 1; k <= sel->nbench; k++) {
        size_t den = policy == LB_MISSING_PARTIAL ? k : sel->nbench;
        lb_i128 m = big[k] / (lb_i128)den + (big[k] % (lb_i128)den != 0);

        if ((policy != LB_MISSING_EXCLUDE || k == sel->nbench) &&
            m > agg->max_abs) {
            agg->max_abs = m;
            agg->max_row = big_row[k];
        }
    }
    free(big);
    free(big_row);
    return 0;
}

void lb_aggregate_column(const struct lb_table *t, size_t col,
                         struct lb_aggregate *agg)
{
    size_t r;

    lb_aggregate_prepare(agg, t, &col, 1, LB_MISSING_EXCLUDE);
    agg->lower_better = lb_column_lower_better(&t->cols[col]);
    /* one value: 64 bits unless the column needed more (lb_aggregate_sum
     * then reads it as 64 bits) */
    agg->fits64 = t->cols[col].num128 == NULL;
    for (r = 0; r < t->nrows; r++) {
        lb_i128 v = lb_column_num(&t->cols[col], r);

        if ((v < 0 ? -v : v) > agg->max_abs) {
            agg->max_abs = v < 0 ? -v : v;
            agg->max_row = r;
        }
    }
}

lb_i128 lb_aggregate_sum(const struct lb_aggregate *a, size_t row,
                         uint32_t *present)
{
    const struct lb_column *cols = a->t->cols;
    lb_i128 sum = 0;
    int64_t small = 0;
    uint32_t n = 0, k;
    bool wide = false, over = false;

    if (a->fits64) { /* checked when prepared: no overflow possible */
        for (k = 0; k < a->nbench; k++) {
            const struct lb_column *c = &cols[a->cols[k]];

            if (lb_column_missing(c, row))
                continue;
            n++;
            small += lb_column_num64(c, row) * a->mult[k];
        }
        *present = n;
        return small;
    }
    for (k = 0; k < a->nbench; k++) {
        const struct lb_column *c = &cols[a->cols[k]];
        int64_t m, s;
        lb_i128 v, x;

        if (lb_column_missing(c, row))
            continue;
        n++;
        v = lb_column_num(c, row);
        /* 64 bits while it fits (the common case), 128 after; a product
         * or sum that overflowed is never used */
        if (!wide && v >= INT64_MIN && v <= INT64_MAX &&
            !__builtin_mul_overflow((int64_t)v, a->mult[k], &m) &&
            !__builtin_add_overflow(small, m, &s)) {
            small = s;
            continue;
        }
        if (!wide) {
            sum = small;
            wide = true;
        }
        /* a plain mean's sums were checked when prepared; other methods
         * read only the count here, and their sums may not fit: stop
         * adding then */
        if (!over && (__builtin_mul_overflow(v, (lb_i128)a->mult[k], &x) ||
                      __builtin_add_overflow(sum, x, &sum)))
            over = true;
    }
    *present = n;
    return wide ? sum : small;
}

/* Whether a row with n scores present has a value under the policy. */
static bool has_count(const struct lb_aggregate *a, uint32_t n)
{
    switch (a->policy) {
    case LB_MISSING_PARTIAL:
        return n > 0;
    case LB_MISSING_ZERO:
        return a->nbench > 0;
    case LB_MISSING_EXCLUDE:
    default:
        return n == a->nbench && n > 0;
    }
}

bool lb_aggregate_get(const struct lb_aggregate *a, size_t row, lb_i128 *num,
                      uint32_t *den)
{
    uint32_t n;

    if (a->vden != NULL) {
        *num = a->vnum[row];
        *den = a->vden[row];
        return *den != 0;
    }
    *num = lb_aggregate_sum(a, row, &n);
    *den = a->policy == LB_MISSING_ZERO ? a->nbench : n;
    return has_count(a, n);
}

uint32_t lb_aggregate_present(const struct lb_aggregate *a, size_t row)
{
    const struct lb_column *cols = a->t->cols;
    uint32_t n = 0, k;

    for (k = 0; k < a->nbench; k++)
        n += !lb_column_missing(&cols[a->cols[k]], row);
    return n;
}

/* lb_aggregate_get's answer without its value: from the missing bits. */
bool lb_aggregate_has(const struct lb_aggregate *a, size_t row)
{
    if (a->vden != NULL)
        return a->vden[row] != 0;
    return has_count(a, lb_aggregate_present(a, row));
}

size_t lb_aggregate_rows_with_value(const struct lb_aggregate *a,
                                    lb_row *rows)
{
    const struct lb_column *cols = a->t->cols;
    size_t n = 0, r = 0, w, k;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* bit i of the little-endian word of bytes 8w..8w+7 is row 64w + i;
     * whole words only: the bitmaps may end after the last row's byte */
    if (a->vden == NULL && a->policy != LB_MISSING_ZERO && a->nbench > 0) {
        for (w = 0; w < a->nrows / 64; w++) {
            uint64_t any = 0, all = ~(uint64_t)0, has;

            for (k = 0; k < a->nbench; k++) {
                uint64_t miss;

                memcpy(&miss, cols[a->cols[k]].missing + 8 * w, 8);
                any |= ~miss;
                all &= ~miss;
            }
            has = a->policy == LB_MISSING_PARTIAL ? any : all;
            while (has != 0) {
                rows[n++] = (lb_row)(64 * w + (size_t)__builtin_ctzll(has));
                has &= has - 1;
            }
        }
        r = a->nrows / 64 * 64;
    }
#endif
    for (; r < a->nrows; r++)
        if (lb_aggregate_has(a, r))
            rows[n++] = (lb_row)r;
    return n;
}

/* a / d rounded half to even, d > 0, in 64 bits */
static int64_t div_half_even64(int64_t a, int64_t d)
{
    int64_t q = a / d, r = a % d;

    if (r < 0)
        r = -r;
    /* compare r with d - r rather than 2r with d: no overflow */
    if (r > d - r || (r == d - r && (q & 1)))
        q += a < 0 ? -1 : 1;
    return q;
}

bool lb_aggregate_round(const struct lb_aggregate *a, size_t row,
                        unsigned precision, lb_i128 *out)
{
    lb_i128 num;
    uint32_t den;

    (void)lb_aggregate_get(a, row, &num, &den);
    return lb_fraction_round(num, den > 0 ? den : 1, a->scale, precision, out);
}

bool lb_fraction_round(lb_i128 num, uint32_t den, unsigned scale,
                       unsigned precision, lb_i128 *out)
{
    /* 64-bit arithmetic when it cannot overflow: |num| < 2^62 / 10^k */
    if (num > -((lb_i128)1 << 62) && num < ((lb_i128)1 << 62)) {
        int64_t n = (int64_t)num;

        if (precision >= scale) {
            int64_t m = lb_pow10[precision - scale], p;

            if (!__builtin_mul_overflow(n, m, &p)) {
                *out = den == 1 ? p : div_half_even64(p, den);
                return true;
            }
        } else {
            int64_t d;

            if (!__builtin_mul_overflow((int64_t)den,
                                        lb_pow10[scale - precision], &d)) {
                *out = div_half_even64(n, d);
                return true;
            }
        }
    }
    return lb_dec_round(num, den, scale, precision, out);
}

void lb_aggregate_release(struct lb_aggregate *agg)
{
    free(agg->cols);
    free(agg->mult);
    free(agg->terms);
    free(agg->vnum);
    free(agg->vden);
    free(agg->why);
    free(agg->group);
    free(agg->group_start);
    free(agg->group_member);
    free(agg->group_name);
    free(agg->group_given);
    memset(agg, 0, sizeof *agg);
}

static const char *const missing_names[] = {"exclude", "partial", "zero"};

bool lb_missing_parse(const char *s, enum lb_missing *out)
{
    size_t i;

    for (i = 0; i < sizeof missing_names / sizeof missing_names[0]; i++) {
        if (strcmp(s, missing_names[i]) == 0) {
            *out = (enum lb_missing)i;
            return true;
        }
    }
    return false;
}

const char *lb_missing_name(enum lb_missing m)
{
    return missing_names[m];
}
