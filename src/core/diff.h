/* diff.h: what changed between two snapshots of a leaderboard.
 *
 * The two boards are computed with the same options (core/board.h); their
 * rows are matched by key: the model name, and the precision when both
 * files have a precision column and the boards keep every row (with
 * --dedup a model has one row, and its precision is metadata). For each
 * key: added (only in the new board), removed (only in the old one), its
 * rank in each (a move), its scores as shown, at the board's precision
 * (the value ranked and every benchmark that both boards average), and its
 * metadata (below). A score "changed" when the shown values differ by more
 * than the threshold (default 0: any change that shows).
 *
 * Three facts about a model in both boards, counted apart (a model may
 * have several): it moved (another rank, or ranked in one board only); its
 * scores changed; its metadata changed. It is unchanged when none holds.
 *
 * A model's scores changed when a benchmark both boards average changed as
 * shown, or the value ranked did (the average, the method's value, the
 * --sort column) where that value is the model's own: not with mean-rank
 * and win-rate, whose values rank each model against the others and so
 * change whenever others change (the Change column still shows them).
 *
 * A knock-on move: the model moved, is ranked in both boards, its scores
 * did not change, and its order against every other such model (in both
 * boards, ranked in both, scores unchanged) is the same: above, tied with
 * or below each of them, as before. It moved only because rows were added
 * or removed or other rows' scores changed. Two such models trade places
 * only when a change below the threshold or the precision moved them:
 * those moves are not knock-on. (With mean-rank and win-rate, others
 * reorder them too: there every move of a model whose scores did not
 * change is knock-on.)
 *
 * Metadata: the columns both files have (same name) whose role in each
 * file's schema (read or inferred, core/schema.h) is metadata, and that
 * hold no scores on either board: not the key, not a benchmark either
 * board averages, not the --sort column, not a raw score published beside
 * a benchmark (IFEval_raw). Values compare as numbers when the column
 * holds numbers in both files ("13" and "13.0" are equal), else as text;
 * a missing cell (empty, "NA", "-", a value the schema names missing)
 * equals another.
 *
 * Direction: each board's own (lb_board.lower_better: its schema's
 * "better", a mean rank, --sort with --ascending); both boards must agree.
 * A better rank is a smaller one either way: a move up is a better rank. */
#ifndef LB_CORE_DIFF_H
#define LB_CORE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/decimal.h"
#include "base/error.h"
#include "core/board.h"

/* One word per row: the first that applies. */
enum lb_diff_status {
    LB_DIFF_SAME,    /* same rank, same scores, same metadata */
    LB_DIFF_ADDED,   /* only in the new board */
    LB_DIFF_REMOVED, /* only in the old board */
    LB_DIFF_MOVED,   /* another rank (or ranked in one board only) */
    LB_DIFF_CHANGED, /* same rank, a score changed above the threshold */
    LB_DIFF_METADATA /* same rank and scores, metadata changed */
};

/* A shown value: the exact value rounded at the board's precision. */
struct lb_diff_value {
    bool has;      /* false: missing (or no average) */
    lb_i128 units; /* value * 10^precision */
};

struct lb_diff_entry {
    enum lb_diff_status status;
    size_t old_row, new_row;      /* LB_NPOS when absent from that board */
    uint32_t old_rank2, new_rank2; /* twice the rank, 0: not ranked */
    struct lb_diff_value old_mean, new_mean;
    bool mean_changed;            /* above the threshold */
    size_t nchanged;              /* benchmarks changed above it */
    bool scores_changed;          /* nchanged > 0, or mean_changed where
                                     the value is the model's own */
    bool knock_on;                /* a knock-on move (see above) */
    size_t nmeta_changed;         /* metadata columns changed */
};

struct lb_diff_bench {
    const char *name; /* as the new board names it */
    size_t old_col, new_col;
};

/* A metadata column that both files have. */
struct lb_diff_meta {
    const char *name;        /* as both files name it */
    size_t old_col, new_col;
    bool numeric;            /* numbers in both files: compared as numbers */
};

struct lb_diff {
    const struct lb_board *old_b, *new_b; /* not owned */
    struct lb_diff_bench *bench;   /* benchmarks both boards average (owned) */
    size_t nbench;
    bool same_benchmarks;          /* both boards average the same set */
    struct lb_diff_value *old_v, *new_v; /* [entry * nbench + k] (owned) */
    struct lb_diff_meta *meta;     /* metadata columns compared, in the new
                                      file's order (owned) */
    size_t nmeta;
    size_t *old_only, *new_only;   /* columns of the old (new) file that the
                                      other lacks, in file order (owned) */
    size_t n_old_only, n_new_only;
    struct lb_diff_entry *e;       /* the new board's rows in its order,
                                      then the removed ones in the old
                                      board's order (owned) */
    size_t n;
    /* counts: added + removed + in_both == n; moved, scores_changed and
     * meta_changed count models in both, apart (they overlap); knock_on
     * <= moved; same: in both with none of the three */
    size_t added, removed, in_both;
    size_t moved, knock_on, scores_changed, meta_changed, same;
    size_t old_prec, new_prec;     /* the precision columns when they are
                                      part of the key, else LB_NPOS */
    lb_i128 threshold;             /* at scale 'threshold_scale' */
    unsigned threshold_scale;
    bool own_value;                /* the value ranked is each model's own
                                      (not mean-rank or win-rate) */
};

/* Compares board old_b with new_b (computed with the same options; the
 * boards must outlive *d). threshold: a decimal >= 0. Returns 0, or -1
 * with a message in err (a key twice in one file: "FILE:LINE: ..."; a
 * value too large to round; boards ranked in opposite directions).
 * Release *d with lb_diff_release in both
 * cases. */
int lb_diff_compute(struct lb_diff *d, const struct lb_board *old_b,
                    const struct lb_board *new_b, struct lb_dec threshold,
                    struct lb_error *err);

/* Whether benchmark k of entry i changed above the threshold. */
bool lb_diff_bench_changed(const struct lb_diff *d, size_t i, size_t k);

/* Whether metadata column k of entry i changed (false unless the entry is
 * in both boards). */
bool lb_diff_meta_changed(const struct lb_diff *d, size_t i, size_t k);

/* Whether two shown values differ by more than the threshold (a value
 * appearing or disappearing is a change). */
bool lb_diff_value_changed(const struct lb_diff *d,
                           const struct lb_diff_value *a,
                           const struct lb_diff_value *b);

/* Whether a lower value ranked is better on these boards
 * (lb_board.lower_better, the same on both). A better rank is a smaller
 * one either way. */
bool lb_diff_lower_is_better(const struct lb_diff *d);

void lb_diff_release(struct lb_diff *d);

/* {======================================================================
 * The pieces that match snapshots, shared with core/history.c
 * ======================================================================= */

/* The precision column that is part of board b's key (a text column named
 * precision, when --dedup is not given), or LB_NPOS. The precision is part
 * of the key only when every board compared has it. */
size_t lb_diff_key_column(const struct lb_board *b);

/* Compares row a of table x with row b of table y by key: the model (as
 * bytes), then the precision columns xprec and yprec (unless either is
 * LB_NPOS). */
int lb_diff_cmp_key(const struct lb_table *x, size_t xprec, size_t a,
                    const struct lb_table *y, size_t yprec, size_t b);

/* The value row is ranked by on board b (the mean, the method's value or
 * the --sort column), as shown: rounded at the board's precision. Returns
 * 0, or -1 with a message in err (too large to round). */
int lb_diff_shown_value(const struct lb_board *b, size_t row,
                        struct lb_diff_value *v, struct lb_error *err);

/* 0 when both boards rank the same way (lowest or highest first), else -1
 * with a message in err naming both files. */
int lb_diff_same_direction(const struct lb_board *old_b,
                           const struct lb_board *new_b, struct lb_error *err);

/* }====================================================================== */

const char *lb_diff_status_name(enum lb_diff_status s);

#endif
