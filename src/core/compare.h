/* compare.h: rank --compare-methods, how stable a ranking is (RULES.md
 * section 4, "the benchmark lottery"): each model's rank under every
 * method, and under the board's method with each benchmark left out, with
 * Kendall's tau-b between each order and the board's. */
#ifndef LB_CORE_COMPARE_H
#define LB_CORE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/error.h"
#include "core/board.h"

struct lb_order {
    char *name;          /* "mean", "win-rate", "w/o ARC" (owned) */
    bool leave_out;      /* a benchmark left out (else a method) */
    uint32_t *rank2;     /* row -> twice its rank, 0 when not ranked (owned) */
    size_t ranked;       /* rows ranked */
    size_t common;       /* rows ranked here and in the board */
    double tau;          /* Kendall's tau-b against the board's order over
                            the common rows; NAN when undefined */
};

struct lb_compare {
    size_t n;              /* orders */
    struct lb_order *orders; /* the board's method first (owned) */
    struct lb_buf skipped; /* methods left out, with the reason ("weighted:
                              no --weights; ...") */
};

/* Orders with one benchmark left out are made for at most this many
 * benchmarks: each costs a ranking over all the others, and a table of
 * thousands of them says nothing a reader can use. */
#define LB_COMPARE_MAX_LEAVE_OUT 100

/* Ranks the rows of board b's table under every method (weighted only
 * with --weights; group-mean only with --groups; normalized only when every
 * benchmark has a baseline)
 * and, with 2 to LB_COMPARE_MAX_LEAVE_OUT benchmarks (more are said in
 * c->skipped), under b's method with each one left
 * out; the options otherwise are b's (missing policy, ties, precision,
 * lower-is-better). Returns 0, or -1 with a message in err. Release *c
 * with lb_compare_release in both cases. */
int lb_compare(const struct lb_board *b, struct lb_compare *c,
               struct lb_error *err);

void lb_compare_release(struct lb_compare *c);

/* Kendall's tau-b of n pairs (x_i, y_i), ties allowed (Knight's
 * O(n log n) algorithm); NAN when either side is constant or n < 2. */
double lb_kendall_tau_b(const int64_t *x, const int64_t *y, size_t n);

#endif
