/* ci.h: uncertainty (RULES.md section 5): a 95% interval for each row's
 * aggregate, a 95% interval for its rank from a seeded parametric
 * bootstrap, P(rank 1), and Chatbot Arena's upper-bound rank.
 *
 * Error information is a standard error per score: a column NAME_stderr
 * (or NAME_se) beside benchmark NAME, or one value for every row
 * (--stderr NAME=VALUE, which wins over a column). Without it for every
 * benchmark aggregated, nothing is computed and the board says which lack
 * it: no interval is invented. A row that lacks a standard error for a
 * score it uses gets no interval; in the draws its scores stay as they are.
 *
 * Aggregate interval: value +- 1.959964 SE for the linear methods, with
 * SE = sqrt(sum c_k^2 se_k^2) / sum c_k over the row's scores (mean: c_k =
 * 1; weighted: the weights; normalized: se_k * 100 / (best_k - b_k), the
 * clamp at 0 ignored; group-mean: SE = sqrt(sum c_k^2 se_k^2) with c_k =
 * 1 / (G n_g), G the row's groups and n_g the scores of k's group); for
 * geomean, mean-rank, win-rate and borda, the 2.5th and 97.5th percentiles
 * of the value over the draws.
 *
 * Rank interval: B draws (--bootstrap, default 1000) of every score from
 * N(s, se^2) with a seeded xoshiro256** generator and Marsaglia's polar
 * method (base/rng.h), the aggregate recomputed by the same method (in
 * double), the rows ranked (competition on equal values); the interval is
 * the 2.5th and 97.5th nearest-rank percentiles of each row's ranks,
 * P(rank 1) the share of draws that rank it first. Draws come in a fixed
 * order (draw, row, benchmark), and all arithmetic is IEEE with no fused
 * operations: the same seed gives the same bytes on every machine.
 *
 * Upper-bound rank (FastChat elo_analysis.py): 1 + the number of rows whose
 * interval lies entirely above this row's (lo_j > hi_i). */
#ifndef LB_CORE_CI_H
#define LB_CORE_CI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/error.h"
#include "core/aggregate.h"
#include "core/rank.h"

#define LB_CI_DRAWS 1000        /* default --bootstrap */
#define LB_CI_SEED 1            /* default --seed */
#define LB_CI_MAX_CELLS 50000000 /* draws x ranked rows kept at most */

struct lb_ci_opts {
    bool enabled;        /* compute intervals (rank --ci; plot always) */
    bool if_possible;    /* too many draws for the rows: no intervals, said
                            in lb_ci.too_many, rather than an error (plot,
                            which was not asked for them) */
    const struct lb_named_dec *stderrs; /* a standard error for every score
                                           of a benchmark (wins over its
                                           column) */
    size_t nstderrs;
    size_t draws;        /* bootstrap draws B (>= 1) */
    uint64_t seed;       /* the generator's seed */
};

struct lb_ci {
    bool available;      /* every benchmark has error information (and,
                            with if_possible, the draws fit) */
    bool too_many;       /* with if_possible: draws x ranked rows are more
                            than LB_CI_MAX_CELLS, so there are none */
    size_t ranked;       /* the ranked rows drawn (or that would be) */
    struct lb_buf lacking; /* when not: the benchmarks without, "A, B" */
    struct lb_buf sources; /* where the errors come from: "ARC_stderr,
                              GSM8K=1.2" */
    bool analytic;       /* the aggregate interval is +- 1.96 SE (else the
                            draws' percentiles) */
    size_t draws;        /* B */
    uint64_t seed;
    size_t no_se;        /* ranked rows without a standard error for a
                            score they use: no interval */
    /* per table row (meaningful for ranked rows with an interval) */
    bool *has;           /* the row has intervals */
    double *lo, *hi;     /* the aggregate's 95% interval */
    uint32_t *rank_lo, *rank_hi; /* the rank's 95% interval */
    uint32_t *rank_ub;   /* the upper-bound rank (0: none) */
    uint32_t *first;     /* draws that ranked the row first */
};

/* Computes the intervals of the ranking rk of the aggregate a (rank 1 the
 * highest value, or the lowest with lower_better) into *ci. Returns 0
 * (ci->available false when error information lacks), or -1 with a message
 * in err (a standard error column that is not numbers, a standard error
 * given for a benchmark not averaged or below 0, too many rows for the
 * draws). Release *ci with lb_ci_release in both cases. */
int lb_ci_compute(const struct lb_aggregate *a, const struct lb_ranking *rk,
                  bool lower_better, const struct lb_ci_opts *o,
                  struct lb_ci *ci, struct lb_error *err);

void lb_ci_release(struct lb_ci *ci);

/* The Arena upper-bound ranks of n intervals [lo_i, hi_i] into ub[i]:
 * 1 + #{j : lo_j > hi_i} (higher is better), or with lower_better
 * 1 + #{j : hi_j < lo_i}. For tests and lb_ci_compute. */
void lb_ci_upper_bound_ranks(const double *lo, const double *hi, size_t n,
                             bool lower_better, uint32_t *ub);

#endif
