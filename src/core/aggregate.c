#include "core/aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

int lb_aggregate_mean(const struct lb_table *t, const struct lb_selection *sel,
                      enum lb_missing policy, struct lb_aggregate *agg,
                      struct lb_error *err)
{
    size_t r, k, nb = sel->nbench;
    unsigned scale = 0;
    lb_i128 *mult;
    int rc = 0;

    memset(agg, 0, sizeof *agg);
    agg->nrows = t->nrows;
    agg->nbench = (uint32_t)nb;
    agg->policy = policy;
    agg->sum = xreallocarray(NULL, t->nrows + 1, sizeof *agg->sum);
    agg->present = xreallocarray(NULL, t->nrows + 1, sizeof *agg->present);
    for (k = 0; k < nb; k++)
        if (t->cols[sel->bench[k]].scale > scale)
            scale = t->cols[sel->bench[k]].scale;
    agg->scale = scale;
    /* each column's factor to the common scale */
    mult = xcalloc(nb + 1, sizeof *mult);
    for (k = 0; k < nb; k++)
        mult[k] = lb_pow10[scale - t->cols[sel->bench[k]].scale];

    for (r = 0; r < t->nrows && rc == 0; r++) {
        lb_i128 sum = 0;
        uint32_t n = 0;

        for (k = 0; k < nb; k++) {
            const struct lb_column *c = &t->cols[sel->bench[k]];

            if (lb_column_missing(c, r))
                continue;
            /* |value| < 2^63 and mult <= 10^18 < 2^60: the product fits */
            if (__builtin_add_overflow(
                    sum, (lb_i128)lb_column_num(c, r) * mult[k], &sum)) {
                rc = lb_error_set(err, "%s:%zu: the sum of the scores is too "
                                       "large to be kept exactly",
                                  t->path, lb_table_line(t, r));
                break;
            }
            n++;
        }
        agg->sum[r] = sum;
        agg->present[r] = n;
    }
    free(mult);
    if (rc != 0)
        lb_aggregate_release(agg);
    return rc;
}

void lb_aggregate_column(const struct lb_table *t, size_t col,
                         struct lb_aggregate *agg)
{
    const struct lb_column *c = &t->cols[col];
    size_t r;

    memset(agg, 0, sizeof *agg);
    agg->nrows = t->nrows;
    agg->scale = c->scale;
    agg->nbench = 1;
    agg->policy = LB_MISSING_EXCLUDE;
    agg->sum = xreallocarray(NULL, t->nrows + 1, sizeof *agg->sum);
    agg->present = xreallocarray(NULL, t->nrows + 1, sizeof *agg->present);
    for (r = 0; r < t->nrows; r++) {
        bool has = !lb_column_missing(c, r);

        agg->sum[r] = has ? lb_column_num(c, r) : 0;
        agg->present[r] = has;
    }
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
    lb_i128 num = a->sum[row];
    uint32_t den = lb_aggregate_den(a, row);

    /* 64-bit arithmetic when it cannot overflow: |num| < 2^62 / 10^k */
    if (num > -((lb_i128)1 << 62) && num < ((lb_i128)1 << 62)) {
        int64_t n = (int64_t)num;

        if (precision >= a->scale) {
            int64_t m = lb_pow10[precision - a->scale], p;

            if (!__builtin_mul_overflow(n, m, &p)) {
                *out = den == 1 ? p : div_half_even64(p, den);
                return true;
            }
        } else {
            int64_t d;

            if (!__builtin_mul_overflow((int64_t)den,
                                        lb_pow10[a->scale - precision], &d)) {
                *out = div_half_even64(n, d);
                return true;
            }
        }
    }
    return lb_dec_round(num, den, a->scale, precision, out);
}

void lb_aggregate_release(struct lb_aggregate *agg)
{
    free(agg->sum);
    free(agg->present);
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
