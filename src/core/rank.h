/* rank.h: ordering rows by a score and numbering them, honest about ties.
 *
 * Two rows tie when their scores are equal at the displayed precision
 * (rounded half to even on the exact decimal value; rounding to a fixed grid
 * is transitive, an epsilon test is not), or, with LB_TIES_EXACT, when the
 * exact values are equal. The order is: displayed value, then exact value,
 * then model name (bytewise), then file order; so it never depends on the
 * input order of equal rows nor on floating point. Rows without a score are
 * not ranked and come after the ranked ones, in file order.
 *
 * Conventions (RULES.md section 3), for scores 91, 85, 85, 70:
 *   competition 1 2 2 4 (default)   dense 1 2 2 3   ordinal 1 2 3 4
 *   fractional 1 2.5 2.5 4          exact: competition on exact values */
#ifndef LB_CORE_RANK_H
#define LB_CORE_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "core/aggregate.h"
#include "core/table.h"

enum lb_ties {
    LB_TIES_COMPETITION,
    LB_TIES_DENSE,
    LB_TIES_ORDINAL,
    LB_TIES_FRACTIONAL,
    LB_TIES_EXACT
};

struct lb_rank_opts {
    enum lb_ties ties;
    unsigned precision; /* decimals at which ties are decided */
    bool ascending;     /* lower is better */
    size_t top;         /* keep the first 'top' ranked rows (and rows tied
                           with the last of them); 0 keeps every row */
};

/* The scores to rank: one per row, with the scale of their numerators. */
struct lb_keys {
    size_t nrows;
    unsigned scale;
    const struct lb_value *value; /* row -> score, when has[row] */
    const bool *has;              /* row -> whether the row has a score */
};

struct lb_ranking {
    size_t nrows;       /* rows of the table */
    size_t n_ranked;    /* rows with a score (all of them get a rank) */
    size_t n_listed;    /* rows in 'order' */
    size_t n_listed_ranked; /* ranked rows in 'order' (<= n_ranked) */
    size_t *order;      /* listed rows: ranked in order, then unranked (owned) */
    int64_t *rank2;     /* row -> twice its rank (fractional ranks are
                           halves), 0 when not ranked (owned) */
    lb_i128 *shown;     /* row -> score rounded to the precision (owned) */
};

/* Ranks the rows of 'keys'; model names (for the order inside a tie) come
 * from t. Returns 0, or -1 with a message in err when a score is too large
 * to round at the precision. Release *out with lb_ranking_release. */
int lb_rank(const struct lb_table *t, const struct lb_keys *keys,
            const struct lb_rank_opts *opts, struct lb_ranking *out,
            struct lb_error *err);

void lb_ranking_release(struct lb_ranking *r);

/* Parses a convention name; false when unknown. */
bool lb_ties_parse(const char *s, enum lb_ties *out);
const char *lb_ties_name(enum lb_ties t);

#endif
