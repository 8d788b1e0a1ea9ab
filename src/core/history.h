/* history.h: a board's rankings over time, from its snapshots (files, or
 * the versions of a file in git: core/githist.h), oldest first.
 *
 * Every snapshot is a board computed with the same options (core/board.h:
 * the same method, --where, --schema, ties and precision); all must rank
 * the same way (lowest or highest first: the schema's direction), as diff
 * requires of two (core/diff.h). Rows are matched across snapshots by key
 * as diff matches them: the model, and the precision when every snapshot
 * has a precision column and --dedup is not given. A model absent from a
 * snapshot has no rank and no value there (absent, never zero); a model
 * present without a rank (a missing score) is present, not ranked.
 *
 * For each model: its rank (twice it: ties may be halves) and its value as
 * shown (at the board's precision) in each snapshot, the first and last
 * snapshots it is in, and its move: its rank in the first snapshot where
 * it is ranked minus its rank in the last one (positive: up, a better
 * rank). For each snapshot: the models in it, ranked, new (in it and not
 * in the one before) and gone (in the one before and not in it). The
 * largest movers: the LB_HISTORY_MOVERS models that moved most up and
 * down. */
#ifndef LB_CORE_HISTORY_H
#define LB_CORE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "core/board.h"
#include "core/diff.h"

#define LB_HISTORY_MOVERS 3 /* movers named each way */

struct lb_history_snap {
    const struct lb_board *b; /* its board (not owned) */
    size_t prec;              /* its precision column in the key, or
                                 LB_NPOS */
    size_t present;           /* models in it */
    size_t ranked;            /* of them ranked */
    size_t added, gone;       /* models new in it, and gone from it, since
                                 the snapshot before (0 for the first) */
};

struct lb_history_model {
    size_t first, last;       /* the first and last snapshots it is in */
    size_t first_ranked;      /* the first and last where it is ranked, */
    size_t last_ranked;       /* or LB_NPOS */
    int64_t move2;            /* twice its move (see above; 0 when ranked
                                 in fewer than two snapshots) */
    size_t snap, row;         /* where its name is read: its row in its
                                 last snapshot */
};

struct lb_history {
    struct lb_history_snap *s;  /* the snapshots, oldest first (owned) */
    size_t ns;
    struct lb_history_model *m; /* the models: those of the last snapshot
                                   in its order, then those gone, the most
                                   recently gone first, each in the order
                                   of its last snapshot (owned) */
    size_t nm;
    size_t *row;                /* [model * ns + snap]: its row in that
                                   snapshot's table, or LB_NPOS (owned) */
    uint32_t *rank2;            /* [model * ns + snap]: twice its rank, 0
                                   when absent or not ranked (owned) */
    struct lb_diff_value *value; /* [model * ns + snap]: its value as
                                   shown; has is false when absent or
                                   without a value (owned) */
    bool lower_better;          /* the boards rank lowest first */
    size_t up[LB_HISTORY_MOVERS], down[LB_HISTORY_MOVERS]; /* the largest
                                   movers up and down (models), most first;
                                   ties by the models' order */
    size_t nup, ndown;
};

/* Computes the history of boards b[0..n) (n >= 1, oldest first; they must
 * outlive *h). Returns 0, or -1 with a message in err: boards ranked in
 * opposite directions, a key twice in one snapshot ("FILE:LINE: ..."), a
 * value too large to round. Release *h with lb_history_release in both
 * cases. */
int lb_history_compute(struct lb_history *h, const struct lb_board *const *b,
                       size_t n, struct lb_error *err);

void lb_history_release(struct lb_history *h);

/* The model's name (its key's model) as stored: not NUL-terminated. */
const char *lb_history_model_name(const struct lb_history *h, size_t m,
                                  size_t *len);

/* Its precision (the key's second part), or NULL when the precision is
 * not part of the key. */
const char *lb_history_model_precision(const struct lb_history *h, size_t m,
                                       size_t *len);

#endif
