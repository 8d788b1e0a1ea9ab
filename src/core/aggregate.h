/* aggregate.h: one number per model from its benchmark scores.
 *
 * The mean is exact: the scores of a row are summed as integers at the
 * largest scale among the benchmarks (128-bit), and the mean is kept as the
 * fraction sum / count. Nothing is rounded here; the same scores in another
 * column order give the same fraction, to the last digit.
 *
 * Missing scores (RULES.md section 1): LB_MISSING_EXCLUDE (the Open LLM
 * Leaderboard's rule) gives no mean to a row that lacks any benchmark;
 * LB_MISSING_PARTIAL averages the scores present (a row with none has no
 * mean); LB_MISSING_ZERO counts a missing score as 0. */
#ifndef LB_CORE_AGGREGATE_H
#define LB_CORE_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/decimal.h"
#include "base/error.h"
#include "core/select.h"
#include "core/table.h"

enum lb_missing {
    LB_MISSING_EXCLUDE,
    LB_MISSING_PARTIAL,
    LB_MISSING_ZERO
};

struct lb_aggregate {
    const struct lb_table *t; /* the table (not owned) */
    size_t nrows;           /* rows of the table */
    unsigned scale;         /* decimals of every sum */
    uint32_t nbench;        /* benchmarks averaged */
    enum lb_missing policy; /* how missing scores count */
    size_t *cols;           /* the columns averaged (owned) */
    int64_t *mult;          /* each one's factor to 'scale' (owned) */
    bool fits64;            /* every product and sum fits in 64 bits */
    lb_i128 max_abs;        /* the largest |sum| of any row */
    size_t max_row;         /* a row with that sum */
};

/* The sum of row's scores present, at the aggregate's scale, and in
 * *present how many there are. Computed from the row's cells each time: no
 * per-row memory (the cells are read anyway to show them). */
lb_i128 lb_aggregate_sum(const struct lb_aggregate *a, size_t row,
                         uint32_t *present);

/* Whether row has a mean under the policy; if so, its exact value is
 * *num / (*den * 10^scale). */
bool lb_aggregate_get(const struct lb_aggregate *a, size_t row, lb_i128 *num,
                      uint32_t *den);

/* Whether row has a mean under the aggregate's policy. */
bool lb_aggregate_has(const struct lb_aggregate *a, size_t row);

/* The mean of row (which must have one) rounded half to even at
 * 'precision' decimals, as a count of 10^-precision units; false if that
 * overflows. Fast for the common sizes. */
bool lb_aggregate_round(const struct lb_aggregate *a, size_t row,
                        unsigned precision, lb_i128 *out);

/* num / (den * 10^scale) rounded half to even at 'precision' decimals (the
 * rounding of lb_aggregate_round, for callers holding the fraction). */
bool lb_fraction_round(lb_i128 num, uint32_t den, unsigned scale,
                       unsigned precision, lb_i128 *out);

/* Prepares the mean of the selected benchmarks of every row of t (which
 * must outlive *agg). Returns 0, or -1 with a message in err when a sum
 * would overflow 128 bits (never for scores of a sane size). Release *agg
 * with lb_aggregate_release. */
int lb_aggregate_mean(const struct lb_table *t, const struct lb_selection *sel,
                      enum lb_missing policy, struct lb_aggregate *agg,
                      struct lb_error *err);

/* The values of one numeric column as an aggregate (for ranking by a
 * single benchmark or metadata column): the "mean" of one benchmark, absent
 * where the cell is missing. The column must be numeric. */
void lb_aggregate_column(const struct lb_table *t, size_t col,
                         struct lb_aggregate *agg);

void lb_aggregate_release(struct lb_aggregate *agg);

/* Parses "exclude", "partial" or "zero"; false for anything else. */
bool lb_missing_parse(const char *s, enum lb_missing *out);
const char *lb_missing_name(enum lb_missing m);

#endif
