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

/* An exact value: num / (den * 10^scale), the scale being the holder's. */
struct lb_value {
    lb_i128 num;
    uint32_t den; /* > 0 */
};

struct lb_aggregate {
    size_t nrows;          /* rows of the table */
    unsigned scale;        /* decimals of every value's numerator */
    struct lb_value *mean; /* row -> mean, when has_mean (owned) */
    bool *has_mean;        /* row -> whether the row has a mean (owned) */
    uint32_t *present;     /* row -> benchmarks with a score (owned) */
};

/* Computes the mean of the selected benchmarks for every row. Returns 0, or
 * -1 with a message in err when a sum would overflow 128 bits (never for
 * scores of a sane size). Release *agg with lb_aggregate_release. */
int lb_aggregate_mean(const struct lb_table *t, const struct lb_selection *sel,
                      enum lb_missing policy, struct lb_aggregate *agg,
                      struct lb_error *err);

/* The values of one numeric column as an aggregate (for ranking by a
 * single benchmark or metadata column): mean = the value, present = 1,
 * has_mean = the cell is not missing. The column must be numeric. */
void lb_aggregate_column(const struct lb_table *t, size_t col,
                         struct lb_aggregate *agg);

void lb_aggregate_release(struct lb_aggregate *agg);

/* Parses "exclude", "partial" or "zero"; false for anything else. */
bool lb_missing_parse(const char *s, enum lb_missing *out);
const char *lb_missing_name(enum lb_missing m);

#endif
