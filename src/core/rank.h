/* rank.h: ordering rows by a score and numbering them, honest about ties.
 *
 * Two rows tie when their scores are equal at the displayed precision
 * (rounded half to even on the exact decimal value; rounding to a fixed grid
 * is transitive, an epsilon test is not), or, with LB_TIES_EXACT, when the
 * exact values are equal. The order is: exact value (which orders the
 * displayed values too, rounding being monotonic), then model name
 * (bytewise), then file order; so it never depends on the input order of
 * equal rows nor on floating point. Rows without a score are not ranked and
 * come after the ranked ones, in file order.
 *
 * Conventions (RULES.md section 3), for scores 91, 85, 85, 70:
 *   competition 1 2 2 4 (default)   dense 1 2 2 3   ordinal 1 2 3 4
 *   fractional 1 2.5 2.5 4          exact: competition on exact values
 *
 * Speed: the exact values are mapped to 64-bit integers that sort the same
 * way (sum times lcm/count) and radix-sorted; names are compared only
 * between rows whose exact values are equal. Values too large for that take
 * a comparison sort on the exact fractions; both give the same order. */
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
    size_t parallel_min; /* from this many ranked rows up, two threads
                            order the rows that tie by name; 0: the default
                            (65536) */
};

struct lb_ranking {
    size_t nrows;       /* rows of the table */
    size_t n_ranked;    /* rows with a score (all of them get a rank) */
    size_t n_listed;    /* rows in 'order' */
    size_t n_listed_ranked; /* ranked rows in 'order' (<= n_ranked) */
    lb_row *order;      /* listed rows: ranked in order, then unranked (owned) */
    uint32_t *rank2;    /* row -> twice its rank (fractional ranks are
                           halves), 0 when not ranked (owned) */
};

/* Ranks the rows by key (the mean, or one column's values), whose rows
 * without a value are not ranked; model names (for the order inside a tie)
 * come from t. Returns 0, or -1 with a message in err when a score is too
 * large to round at the precision. Release *out with lb_ranking_release. */
int lb_rank(const struct lb_table *t, const struct lb_aggregate *key,
            const struct lb_rank_opts *opts, struct lb_ranking *out,
            struct lb_error *err);

void lb_ranking_release(struct lb_ranking *r);

/* Checks that the ranked rows of r are in the order defined above, by
 * comparing neighbours with exact fractions and names; returns the position
 * of the first pair out of order, or 0 when all are in order. For tests:
 * the fast path must agree with the definition. */
size_t lb_ranking_check(const struct lb_table *t, const struct lb_aggregate *key,
                        const struct lb_rank_opts *opts,
                        const struct lb_ranking *r);

/* Parses a convention name; false when unknown. */
bool lb_ties_parse(const char *s, enum lb_ties *out);
const char *lb_ties_name(enum lb_ties t);

#endif
