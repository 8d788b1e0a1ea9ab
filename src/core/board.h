/* board.h: a leaderboard computed from a table: which benchmarks, the mean
 * of each row, and the ranking (of the mean, or of one column with --sort).
 * Every command that ranks (rank, plot, add's feedback) goes through here. */
#ifndef LB_CORE_BOARD_H
#define LB_CORE_BOARD_H

#include "base/buf.h"
#include "base/error.h"
#include "core/aggregate.h"
#include "core/ci.h"
#include "core/rank.h"
#include "core/select.h"
#include "core/table.h"

/* --dedup: one row per model name (RULES.md section 1: the boards list a
 * model once per precision and re-submission). */
enum lb_dedup {
    LB_DEDUP_NONE,   /* every row */
    LB_DEDUP_BEST,   /* the row ranked highest (the board's own order) */
    LB_DEDUP_LATEST  /* the row with the latest date (lb_dedup_date_column) */
};

struct lb_board_opts {
    struct lb_select_opts select; /* benchmarks, sort column, extra columns */
    enum lb_missing missing;      /* policy for missing scores */
    struct lb_rank_opts rank;     /* ties, precision, order, top */
    struct lb_method_opts method; /* --method and its options */
    const char *where;            /* --where expression (core/filter.h), or
                                     NULL: every row (lb_board_load only) */
    enum lb_dedup dedup;          /* lb_board_load only */
    struct lb_ci_opts ci;         /* intervals (core/ci.h) */
};

struct lb_board {
    const struct lb_table *table;  /* not owned */
    struct lb_board_opts opts;     /* a copy of the options used */
    struct lb_selection sel;
    struct lb_aggregate mean;      /* the mean of the benchmarks */
    struct lb_aggregate by_column; /* the --sort column, when given */
    struct lb_ranking ranking;
    struct lb_ci ci;               /* intervals, when opts.ci.enabled */
    /* what lb_board_load left out before ranking (0 from lb_board_compute) */
    size_t n_filtered;             /* rows --where did not keep */
    size_t n_duplicates;           /* rows --dedup did not keep */
    size_t date_col;               /* the date column of --dedup latest, or
                                      LB_NPOS */
    bool lower_better;             /* the ranking's order: lowest first (a
                                      mean rank, a mean of benchmarks where
                                      lower is better, --sort on such a
                                      column or with --ascending) */
};

/* The defaults: catalog benchmarks, --missing exclude, competition ties
 * at 2 decimals, higher is better, every row, the mean. */
void lb_board_opts_init(struct lb_board_opts *o);

/* The method the board uses: --method, else the --suite's, else mean. */
enum lb_method lb_board_method(const struct lb_board_opts *o);

/* Computes the board of table t. Returns 0, or -1 with a message in err.
 * Release *b with lb_board_release in both cases. */
int lb_board_compute(struct lb_board *b, const struct lb_table *t,
                     const struct lb_board_opts *o, struct lb_error *err);

void lb_board_release(struct lb_board *b);

/* Keeps one row per model name in t (lb_table_retain), as o->dedup says:
 * LB_DEDUP_BEST keeps the row that comes first in the board of t under o
 * (its best: exact value, then file order; a model without a ranked row
 * keeps its first row); LB_DEDUP_LATEST the row whose date column (see
 * lb_dedup_date_column) is the greatest as text, so ISO 8601 dates order
 * correctly (a missing date is the oldest; among equal dates the later row
 * of the file). Sets *dropped and *date_col (LB_NPOS unless latest).
 * Returns 0, or -1 with a message in err (no date column; the board of t
 * fails). */
int lb_dedup_rows(struct lb_table *t, const struct lb_board_opts *o,
                  size_t *dropped, size_t *date_col, struct lb_error *err);

/* The first of the columns submitted, submission_date, upload_date, date
 * (found as --benchmarks finds names) that t has, or LB_NPOS. */
size_t lb_dedup_date_column(const struct lb_table *t);

/* Parses "none", "best" or "latest"; false otherwise. */
bool lb_dedup_parse(const char *s, enum lb_dedup *out);
const char *lb_dedup_name(enum lb_dedup d);

/* Whether the board shows intervals (asked for and available). */
bool lb_board_has_ci(const struct lb_board *b);

/* Whether row's value leaves out or imputes a score (--missing partial or
 * zero with a score missing): shown with a mark. */
bool lb_board_marked(const struct lb_board *b, size_t row);

/* Appends why an unranked row has no rank: "no scores", "missing ARC,
 * GSM8K" (naming at most four), "no MMLU value" when ranking by a column,
 * or the method's reason ("geometric mean undefined: GSM8K counts as 0").
 * Column names appear raw: escape them for the output. */
void lb_board_reason(const struct lb_board *b, size_t row, struct lb_buf *out);

#endif
