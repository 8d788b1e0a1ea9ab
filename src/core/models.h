/* models.h: how many models rows hold, so that a count says "models" only
 * when it counts models.
 *
 * A model is a model name, bytewise: a model evaluated in two precisions
 * (or submitted twice) is two rows and one model; after --dedup, one row.
 * When every row of a board has a name of its own, a count of its rows is
 * a count of models and is worded so ("13 of 16 models ranked"); otherwise
 * counts of rows say "rows", and say how many models they are where there
 * is room ("7169 of 7169 rows ranked (6811 of 6811 models)").
 *
 * Names are compared exactly; a set keeps the distinct ones (a copy: rows
 * that --top drops while the file is read are counted too), up to
 * LB_MODELS_MAX names and LB_MODELS_BYTES bytes of names, so that the
 * memory it takes stays small whatever the file. Beyond, the number of
 * models is unknown and counts say "rows" only. */
#ifndef LB_CORE_MODELS_H
#define LB_CORE_MODELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "core/table.h"

#define LB_MODELS_MAX 16384            /* distinct names counted at most */
#define LB_MODELS_BYTES (1u << 20)     /* bytes of those names at most */

struct lb_model_counts {
    bool known;    /* counted (false: more names than the limits) */
    size_t models; /* distinct names among the rows */
    size_t ranked; /* distinct names among the ranked rows */
};

struct lb_model_slot;

/* The distinct names seen so far. */
struct lb_model_set {
    struct lb_model_slot *slot; /* open addressing, mask + 1 slots */
    size_t mask;
    struct lb_buf names;        /* the names, one after another */
    struct lb_model_counts counts;
};

/* An empty set: nothing counted, counts known. */
void lb_model_set_init(struct lb_model_set *s);

/* Counts a row of the model 'name' (len bytes; ranked: the row has a
 * rank). Past the limits, frees what it holds and counts no more (counts
 * unknown). */
void lb_model_set_add(struct lb_model_set *s, const char *name, size_t len,
                      bool ranked);

void lb_model_set_release(struct lb_model_set *s);

/* The models of rows[0..n) of t (every row of t when rows is NULL), each
 * ranked when rank2 says so (row -> nonzero: ranked; NULL: none is). */
void lb_count_models(const struct lb_table *t, const lb_row *rows, size_t n,
                     const uint32_t *rank2, struct lb_model_counts *out);

/* Whether a count of 'rows' rows whose models are m is a count of models:
 * the models were counted and each row has a name of its own. */
bool lb_models_are_rows(const struct lb_model_counts *m, size_t rows);

#endif
