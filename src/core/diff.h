/* diff.h: what changed between two snapshots of a leaderboard.
 *
 * The two boards are computed with the same options (core/board.h); their
 * rows are matched by key: the model name, and the precision when both
 * files have a precision column (a model evaluated in two precisions is two
 * rows). For each key: added (only in the new board), removed (only in the
 * old one), its rank in each (a move), and its scores as shown, at the
 * board's precision: the average and every benchmark that both boards
 * average. A score "changed" when the shown values differ by more than the
 * threshold (default 0: any change that shows). */
#ifndef LB_CORE_DIFF_H
#define LB_CORE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/decimal.h"
#include "base/error.h"
#include "core/board.h"

enum lb_diff_status {
    LB_DIFF_SAME,    /* same rank, no score change above the threshold */
    LB_DIFF_ADDED,   /* only in the new board */
    LB_DIFF_REMOVED, /* only in the old board */
    LB_DIFF_MOVED,   /* another rank (or ranked in one board only) */
    LB_DIFF_CHANGED  /* same rank, a score changed above the threshold */
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
};

struct lb_diff_bench {
    const char *name; /* as the new board names it */
    size_t old_col, new_col;
};

struct lb_diff {
    const struct lb_board *old_b, *new_b; /* not owned */
    struct lb_diff_bench *bench;   /* benchmarks both boards average (owned) */
    size_t nbench;
    bool same_benchmarks;          /* both boards average the same set */
    struct lb_diff_value *old_v, *new_v; /* [entry * nbench + k] (owned) */
    struct lb_diff_entry *e;       /* the new board's rows in its order,
                                      then the removed ones in the old
                                      board's order (owned) */
    size_t n;
    size_t added, removed, moved, changed, same;
    size_t old_prec, new_prec;     /* the precision columns when they are
                                      part of the key, else LB_NPOS */
    lb_i128 threshold;             /* at scale 'threshold_scale' */
    unsigned threshold_scale;
};

/* Compares board old_b with new_b (computed with the same options; the
 * boards must outlive *d). threshold: a decimal >= 0. Returns 0, or -1
 * with a message in err (a key twice in one file: "FILE:LINE: ..."; a
 * value too large to round). Release *d with lb_diff_release in both
 * cases. */
int lb_diff_compute(struct lb_diff *d, const struct lb_board *old_b,
                    const struct lb_board *new_b, struct lb_dec threshold,
                    struct lb_error *err);

/* Whether benchmark k of entry i changed above the threshold. */
bool lb_diff_bench_changed(const struct lb_diff *d, size_t i, size_t k);

/* Whether two shown values differ by more than the threshold (a value
 * appearing or disappearing is a change). */
bool lb_diff_value_changed(const struct lb_diff *d,
                           const struct lb_diff_value *a,
                           const struct lb_diff_value *b);

void lb_diff_release(struct lb_diff *d);

const char *lb_diff_status_name(enum lb_diff_status s);

#endif
