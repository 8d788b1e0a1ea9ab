/* board.h: a leaderboard computed from a table: which benchmarks, the mean
 * of each row, and the ranking (of the mean, or of one column with --sort).
 * Every command that ranks (rank, plot, add's feedback) goes through here. */
#ifndef LB_CORE_BOARD_H
#define LB_CORE_BOARD_H

#include "base/buf.h"
#include "base/error.h"
#include "core/aggregate.h"
#include "core/rank.h"
#include "core/select.h"
#include "core/table.h"

struct lb_board_opts {
    struct lb_select_opts select; /* benchmarks, sort column, extra columns */
    enum lb_missing missing;      /* policy for missing scores */
    struct lb_rank_opts rank;     /* ties, precision, order, top */
};

struct lb_board {
    const struct lb_table *table;  /* not owned */
    struct lb_board_opts opts;     /* a copy of the options used */
    struct lb_selection sel;
    struct lb_aggregate mean;      /* the mean of the benchmarks */
    struct lb_aggregate by_column; /* the --sort column, when given */
    struct lb_ranking ranking;
};

/* The defaults: catalog benchmarks, --missing exclude, competition ties
 * at 2 decimals, higher is better, every row. */
void lb_board_opts_init(struct lb_board_opts *o);

/* Computes the board of table t. Returns 0, or -1 with a message in err.
 * Release *b with lb_board_release in both cases. */
int lb_board_compute(struct lb_board *b, const struct lb_table *t,
                     const struct lb_board_opts *o, struct lb_error *err);

void lb_board_release(struct lb_board *b);

/* Appends why an unranked row has no rank: "no scores", "missing ARC,
 * GSM8K" (naming at most four), or "no MMLU value" when ranking by a
 * column. Column names appear raw: escape them for the output. */
void lb_board_reason(const struct lb_board *b, size_t row, struct lb_buf *out);

#endif
