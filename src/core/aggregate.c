#include "core/aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

int lb_aggregate_mean(const struct lb_table *t, const struct lb_selection *sel,
                      enum lb_missing policy, struct lb_aggregate *agg,
                      struct lb_error *err)
{
    size_t r, k;
    unsigned scale = 0;
    lb_i128 *mult;
    int rc = 0;

    memset(agg, 0, sizeof *agg);
    agg->nrows = t->nrows;
    agg->mean = xcalloc(t->nrows, sizeof *agg->mean);
    agg->has_mean = xcalloc(t->nrows, sizeof *agg->has_mean);
    agg->present = xcalloc(t->nrows, sizeof *agg->present);
    for (k = 0; k < sel->nbench; k++)
        if (t->cols[sel->bench[k]].scale > scale)
            scale = t->cols[sel->bench[k]].scale;
    agg->scale = scale;
    /* each column's factor to the common scale */
    mult = xcalloc(sel->nbench + 1, sizeof *mult);
    for (k = 0; k < sel->nbench; k++)
        mult[k] = lb_pow10[scale - t->cols[sel->bench[k]].scale];

    for (r = 0; r < t->nrows && rc == 0; r++) {
        lb_i128 sum = 0;
        uint32_t n = 0;

        for (k = 0; k < sel->nbench; k++) {
            const struct lb_column *c = &t->cols[sel->bench[k]];

            if (lb_column_missing(c, r))
                continue;
            /* |num| < 2^63 and mult <= 10^18 < 2^60: the product fits */
            if (__builtin_add_overflow(sum, (lb_i128)c->num[r] * mult[k],
                                       &sum)) {
                rc = lb_error_set(err, "%s:%zu: the sum of the scores is too "
                                       "large to be kept exactly",
                                  t->path, t->row_line[r]);
                break;
            }
            n++;
        }
        agg->present[r] = n;
        switch (policy) {
        case LB_MISSING_EXCLUDE:
            agg->has_mean[r] = n == sel->nbench && n > 0;
            break;
        case LB_MISSING_PARTIAL:
            agg->has_mean[r] = n > 0;
            break;
        case LB_MISSING_ZERO:
            agg->has_mean[r] = sel->nbench > 0;
            n = (uint32_t)sel->nbench;
            break;
        }
        agg->mean[r].num = sum;
        agg->mean[r].den = n > 0 ? n : 1;
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
    agg->mean = xcalloc(t->nrows, sizeof *agg->mean);
    agg->has_mean = xcalloc(t->nrows, sizeof *agg->has_mean);
    agg->present = xcalloc(t->nrows, sizeof *agg->present);
    for (r = 0; r < t->nrows; r++) {
        bool has = !lb_column_missing(c, r);

        agg->mean[r].num = has ? c->num[r] : 0;
        agg->mean[r].den = 1;
        agg->has_mean[r] = has;
        agg->present[r] = has;
    }
}

void lb_aggregate_release(struct lb_aggregate *agg)
{
    free(agg->mean);
    free(agg->has_mean);
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
