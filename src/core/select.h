/* select.h: which columns a ranking uses.
 *
 * Benchmarks: the names given (--benchmarks); otherwise the columns whose
 * role is benchmark in the table's schema (core/schema.h: the schema read,
 * else inferred: the catalog's benchmarks present in the file, else the
 * columns of numbers from 0 to 100 that are not metadata). A published
 * aggregate (Average) is never a benchmark. Every selected benchmark must hold
 * numbers only (and, for catalog benchmarks, within their range): the first
 * cell that does not is reported with its position. */
#ifndef LB_CORE_SELECT_H
#define LB_CORE_SELECT_H

#include <stddef.h>

#include "base/error.h"
#include "core/catalog.h"
#include "core/table.h"

struct lb_select_opts {
    const char *const *benchmarks; /* the columns to average, or NULL for
                                      the default */
    size_t nbenchmarks;
    const char *sort;              /* column to rank by instead of the
                                      average, or NULL */
    const char *const *columns;    /* columns to show as well */
    size_t ncolumns;
    const struct lb_suite *suite;  /* a suite (core/catalog.h): its
                                      benchmarks instead, or NULL */
};

struct lb_selection {
    size_t nbench;                /* benchmarks aggregated */
    size_t *bench;                /* their column indices, in order (owned) */
    const struct lb_suite *suite; /* the board whose benchmarks these are
                                     exactly, or NULL */
    size_t sort_col;              /* column ranked by, or LB_NPOS: the average */
    size_t nextra;                /* extra columns shown */
    size_t *extra;                /* their column indices (owned) */
};

/* The benchmarks chosen by default (see above) into cols (room for
 * t->ncols); returns how many. No error: a file may have none. While the
 * file is read (t->schema not bound yet): its catalog benchmarks. */
size_t lb_default_benchmarks(const struct lb_table *t, size_t *cols);

/* Fills *sel from the table and the options; returns 0, or -1 with a message
 * in err (unknown names list the file's columns). Release *sel with
 * lb_selection_release in both cases. */
int lb_select(const struct lb_table *t, const struct lb_select_opts *opts,
              struct lb_selection *sel, struct lb_error *err);

void lb_selection_release(struct lb_selection *sel);

#endif
