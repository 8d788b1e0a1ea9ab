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

#include "base/buf.h"
#include "base/decimal.h"
#include "base/error.h"
#include "core/select.h"
#include "core/table.h"

enum lb_missing {
    LB_MISSING_EXCLUDE,
    LB_MISSING_PARTIAL,
    LB_MISSING_ZERO
};

/* How the benchmarks of a row become one value (--method; the README and
 * core/method.c give each definition and its source). */
enum lb_method {
    LB_METHOD_MEAN,       /* arithmetic mean (exact) */
    LB_METHOD_WEIGHTED,   /* sum(w s) / sum(w) (exact) */
    LB_METHOD_NORMALIZED, /* mean of max(0, (s - b) / (best - b)) * 100 */
    LB_METHOD_GEOMEAN,    /* geometric mean (double, shown at 9 decimals) */
    LB_METHOD_MEAN_RANK,  /* mean of the per-benchmark ranks (exact; lower
                             is better) */
    LB_METHOD_WIN_RATE,   /* HELM's mean win rate (exact) */
    LB_METHOD_GROUP_MEAN, /* the mean of the groups' means: MTEB's "Mean
                             (TaskType)" (exact) */
    LB_METHOD_BORDA       /* MTEB's Borda count, "Rank (Borda)" (exact) */
};

#define LB_METHOD_COUNT 8

/* A name and a text: a benchmark and its group (--groups A=Retrieval). */
struct lb_named_text {
    const char *name;
    const char *text;
};

struct lb_method_opts {
    enum lb_method method;
    bool given;           /* the method was chosen (else a suite's holds) */
    const struct lb_named_dec *weights; /* weighted: benchmarks' weights
                                           (others: the schema's "weight",
                                           else 1), or NULL */
    size_t nweights;
    const struct lb_named_dec *baselines; /* normalized: random baselines
                                             (others: the schema's
                                             "baseline", else the
                                             catalog's) */
    size_t nbaselines;
    const char *const *lower; /* benchmarks where lower is better */
    size_t nlower;
    const struct lb_named_text *groups; /* group-mean: benchmark -> its
                                           group's name; a benchmark not
                                           named is in the schema's
                                           "group", else in the group
                                           named after itself (alone,
                                           unless another names that
                                           group) */
    size_t ngroups;
};

/* How one benchmark enters a method other than the plain mean. */
struct lb_term {
    bool lower;             /* lower is better: the value is best - score */
    lb_i128 best;           /* a perfect score at in_scale (the catalog's
                               range, else 100; 0 when lower is better) */
    lb_i128 top;            /* the top of the range at in_scale, from which
                               a lower-is-better score is counted down */
    struct lb_dec weight;   /* weighted: as given (1 by default) */
    int64_t w;              /* weighted: the weight at the common scale */
    bool as_published;      /* normalized: the board publishes the column
                               normalized: used as it is */
    struct lb_dec baseline; /* normalized: the random baseline */
    lb_i128 base;           /* normalized: the baseline at in_scale */
    int64_t p, q;           /* normalized: 100 / (best - baseline) = p / q,
                               in lowest terms (q > 0) */
};

struct lb_aggregate {
    const struct lb_table *t; /* the table (not owned) */
    size_t nrows;           /* rows of the table */
    unsigned scale;         /* decimals of every value (num / den) */
    uint32_t nbench;        /* benchmarks averaged */
    enum lb_missing policy; /* how missing scores count */
    size_t *cols;           /* the columns averaged (owned) */
    int64_t *mult;          /* each one's factor to 'in_scale' (owned) */
    bool fits64;            /* every product and sum fits in 64 bits, and
                               no column has 128-bit numbers */
    lb_i128 max_abs;        /* the largest |value| of a row that has one,
                               in 10^-scale units rounded up: whatever
                               rounds this rounds every value */
    size_t max_row;         /* a row with that value */
    unsigned in_scale;      /* decimals of the sums of lb_aggregate_sum */
    enum lb_method method;  /* the method */
    struct lb_term *terms;  /* nbench terms, or NULL for a plain mean
                               (owned) */
    lb_i128 *vnum;          /* row -> value's numerator, computed once, or
                               NULL: the mean is computed from the cells
                               each time (owned) */
    uint32_t *vden;         /* row -> its denominator, 0 when the row has no
                               value (owned) */
    uint8_t *why;           /* row -> why it has no value although it has
                               its scores (core/method.c), or NULL (owned) */
    bool rounded;           /* win rate, group mean: the terms were
                               rounded at 18 decimals (their exact common
                               denominator does not fit in 32 bits) */
    bool lower_better;      /* lower values are better: a mean rank, a mean
                               (or group mean) of benchmarks where lower is
                               better (in their own units: a mean WER), such
                               a column (lb_method_lower_is_better) */
    /* group-mean (else 0 and NULL): the groups, in the order of their
     * first benchmark */
    uint32_t ngroups;
    uint32_t *group;        /* benchmark -> its group (owned) */
    uint32_t *group_start;  /* group g's benchmarks are group_member[
                               group_start[g] .. group_start[g + 1]) (owned,
                               ngroups + 1 entries) */
    uint32_t *group_member; /* benchmarks, group by group (owned) */
    const char **group_name; /* group -> its name (the array owned; each
                                name is the option's or the column's) */
    bool *group_given;      /* group -> some benchmark was given it (else
                               a benchmark alone, named after it) (owned) */
    size_t nmodels;         /* borda: the rows that have a score (MTEB's
                               n_models): each earns nmodels - rank */
};

/* The sum of row's scores present, at in_scale (meaningful for the plain
 * mean only: lb_aggregate_mean checked that it fits; for other methods
 * only *present is), and in *present how many there are. Computed from the row's cells each time: no
 * per-row memory (the cells are read anyway to show them). */
lb_i128 lb_aggregate_sum(const struct lb_aggregate *a, size_t row,
                         uint32_t *present);

/* How many of row's scores are present: lb_aggregate_sum's *present, from
 * the cells' missing bits alone (no number is read). */
uint32_t lb_aggregate_present(const struct lb_aggregate *a, size_t row);

/* Whether row has a mean under the policy; if so, its exact value is
 * *num / (*den * 10^scale). */
bool lb_aggregate_get(const struct lb_aggregate *a, size_t row, lb_i128 *num,
                      uint32_t *den);

/* Whether row has a mean under the aggregate's policy. */
bool lb_aggregate_has(const struct lb_aggregate *a, size_t row);

/* The rows that have a mean (lb_aggregate_has), in file order, into
 * rows[0..]; returns how many. For a plain mean, from the missing bits of
 * 64 rows at once. */
size_t lb_aggregate_rows_with_value(const struct lb_aggregate *a,
                                    lb_row *rows);

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

/* From this many rows up, lb_aggregate_mean checks the sums by two
 * threads, each taking half of the rows (tests lower it). */
extern size_t lb_aggregate_parallel_min;

/* The values of one numeric column as an aggregate (for ranking by a
 * single benchmark or metadata column): the "mean" of one benchmark, absent
 * where the cell is missing. The column must be numeric. */
void lb_aggregate_column(const struct lb_table *t, size_t col,
                         struct lb_aggregate *agg);

void lb_aggregate_release(struct lb_aggregate *agg);

/* Fills the common fields of *agg for the columns cols[0..n) (their
 * multipliers to the largest scale, which becomes scale and in_scale);
 * for core/method.c. */
void lb_aggregate_prepare(struct lb_aggregate *agg, const struct lb_table *t,
                          const size_t *cols, size_t n, enum lb_missing policy);

/* The aggregate of the selected benchmarks under method m (core/method.c):
 * a plain mean (no lower-is-better benchmark) is lb_aggregate_mean, which
 * keeps nothing per row; every other method computes each row's value once
 * into vnum and vden. Returns 0, or -1 with a message in err (a name in
 * the options that is not a benchmark averaged, a bad weight or baseline, a
 * benchmark without a baseline for normalized, a value too large). */
int lb_aggregate_compute(const struct lb_table *t,
                         const struct lb_selection *sel,
                         enum lb_missing policy, const struct lb_method_opts *m,
                         struct lb_aggregate *agg, struct lb_error *err);

/* Why a row that has its scores has no value under the method: appends
 * "a score is 0 (GSM8K)" for geomean, "no benchmark that 2 or more models
 * have" for win rate; returns false (nothing appended) when that is not
 * the reason. */
bool lb_aggregate_why_none(const struct lb_aggregate *agg, size_t row,
                           struct lb_buf *out);

/* Whether weighted has weights to use: --weights' (m), or a "weight" in
 * the schema's field of a benchmark bench[0..nbench) (columns of t);
 * without any it would be the plain mean (lb_board_compute refuses it). */
bool lb_method_has_weights(const struct lb_table *t, const size_t *bench,
                           size_t nbench, const struct lb_method_opts *m);

/* Whether group-mean has groups: --groups' (m), or a "group" in the
 * schema's field of a benchmark (else it is the plain mean). */
bool lb_method_has_groups(const struct lb_table *t, const size_t *bench,
                          size_t nbench, const struct lb_method_opts *m);

/* Whether a row's value under the aggregate is better when lower, so that
 * rank 1 is the lowest: mean-rank (a rank), and a group mean whose
 * benchmarks are all lower-is-better (kept in their own units). */
bool lb_method_lower_is_better(const struct lb_aggregate *agg);

/* Whether row's value leaves out or imputes a score: it has a value, lacks
 * a score, and the policy is partial or zero, or the method is borda
 * (where a missing score earns 0 points whatever the policy). */
bool lb_aggregate_marked(const struct lb_aggregate *agg, size_t row);

/* group-mean: the mean of group g's scores in row under the policy, as the
 * fraction *num / (*den * 10^in_scale); false when it has none (exclude:
 * a score of the group is missing; partial: all are). *lacking: a score of
 * the group is missing (the mean leaves it out or counts it as the
 * worst). */
bool lb_aggregate_group_mean(const struct lb_aggregate *agg, size_t row,
                             uint32_t g, lb_i128 *num, uint32_t *den,
                             bool *lacking);

/* Parses a method name ("mean", "weighted", "normalized", "geomean",
 * "mean-rank", "win-rate", "group-mean", "borda"); false for anything
 * else. */
bool lb_method_parse(const char *s, enum lb_method *out);
const char *lb_method_name(enum lb_method m);

/* The value's name as a column header: "Average", "Weighted",
 * "Normalized", "Geomean", "Mean rank", "Win rate", "Group mean", "Borda";
 * and as a key in CSV and JSON: "average", "weighted", ..., "mean_rank",
 * "win_rate", "group_mean", "borda". */
const char *lb_method_header(enum lb_method m);
const char *lb_method_key(enum lb_method m);

/* Parses "exclude", "partial" or "zero"; false for anything else. */
bool lb_missing_parse(const char *s, enum lb_missing *out);
const char *lb_missing_name(enum lb_missing m);

#endif
