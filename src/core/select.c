#include "core/select.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "core/schema.h"

#define COLUMN_LIST_BYTES 400 /* columns listed in an "unknown name" error */

/* "'a', 'b', ..." for the columns other than the model column. */
static void list_columns(const struct lb_table *t, struct lb_buf *out)
{
    struct lb_quoted q;
    size_t i;
    bool first = true;

    for (i = 0; i < t->ncols; i++) {
        if (i == t->model_col)
            continue;
        if (out->len > COLUMN_LIST_BYTES) {
            lb_buf_adds(out, ", ...");
            return;
        }
        lb_buf_addf(out, "%s%s", first ? "" : ", ",
                    lb_quotes(&q, t->cols[i].name));
        first = false;
    }
    if (first)
        lb_buf_adds(out, "none");
}

static int unknown_column(const struct lb_table *t, const char *option,
                          const char *what, const char *name,
                          struct lb_error *err)
{
    struct lb_buf cols = LB_BUF_INIT;
    struct lb_quoted q, qs;
    size_t near = lb_table_suggest(t, name);
    int rc;

    list_columns(t, &cols);
    if (near != LB_NPOS)
        rc = lb_error_set(err, "%s: no %s %s in %s; did you mean %s? "
                               "(columns: %s)",
                          option, what, lb_quotes(&q, name), t->path,
                          lb_quotes(&qs, t->cols[near].name),
                          lb_buf_str(&cols));
    else
        rc = lb_error_set(err, "%s: no %s %s in %s (columns: %s)", option,
                          what, lb_quotes(&q, name), t->path,
                          lb_buf_str(&cols));
    lb_buf_release(&cols);
    return rc;
}

/* What a column is in the selection being built (one byte per column of
 * the table, so that each check is constant time however many columns). */
enum { NONE, BENCH, EXTRA };

static int select_named(const struct lb_table *t, const char *const *names,
                        size_t n, struct lb_selection *sel, uint8_t *role,
                        struct lb_error *err)
{
    size_t i;
    int rc = 0;

    sel->bench = xreallocarray(NULL, n + 1, sizeof *sel->bench);
    for (i = 0; i < n && rc == 0; i++) {
        size_t col = lb_table_find(t, names[i]);
        struct lb_quoted q, q2;

        if (col == LB_NPOS)
            rc = unknown_column(t, LB_OPT("benchmarks"), "benchmark",
                                names[i], err);
        else if (col == t->model_col)
            rc = lb_error_set(err, LB_OPT("benchmarks") ": %s is the model "
                                   "column",
                              lb_quotes(&q, names[i]));
        else if (role[col] == BENCH)
            rc = lb_error_set(err, LB_OPT("benchmarks") ": %s and an earlier "
                                   "name are the same column %s",
                              lb_quotes(&q, names[i]),
                              lb_quotes(&q2, t->cols[col].name));
        else {
            sel->bench[sel->nbench++] = col;
            role[col] = BENCH;
        }
    }
    return rc;
}

size_t lb_default_benchmarks(const struct lb_table *t, size_t *cols)
{
    size_t i, n = 0;

    for (i = 0; i < t->ncols; i++) {
        const struct lb_column *c = &t->cols[i];

        /* while the file is read (--top's filter) the schema is not bound
         * yet: the catalog's benchmarks, which are then the default */
        if (t->schema != NULL ? c->field->role == LB_ROLE_BENCHMARK
                              : c->bench != NULL)
            cols[n++] = i;
    }
    return n;
}

static int select_default(const struct lb_table *t, struct lb_selection *sel,
                          struct lb_error *err)
{
    sel->bench = xreallocarray(NULL, t->ncols, sizeof *sel->bench);
    sel->nbench = lb_default_benchmarks(t, sel->bench);
    if (sel->nbench == 0)
        return lb_error_set(err,
                            "%s: no benchmark columns (no column of the "
                            "catalog, none that the schema names, and no "
                            "column of numbers from 0 to 100 other than "
                            "metadata); name them with " LB_OPT("benchmarks")
                            " or in a schema (" LB_OPT("schema") ")",
                            t->path);
    return 0;
}

static const struct lb_suite *find_suite(const struct lb_table *t,
                                         const struct lb_selection *sel)
{
    const struct lb_suite *s;
    size_t i, j;

    if (sel->nbench == 0 || t->cols[sel->bench[0]].bench == NULL ||
        t->cols[sel->bench[0]].bench->suite == NULL)
        return NULL;
    s = t->cols[sel->bench[0]].bench->suite;
    if (sel->nbench != s->n)
        return NULL;
    for (i = 0; i < sel->nbench; i++) {
        const struct lb_bench_info *b = t->cols[sel->bench[i]].bench;

        if (b == NULL || b->suite != s)
            return NULL;
        for (j = 0; j < i; j++)
            if (t->cols[sel->bench[j]].bench == b)
                return NULL;
    }
    return s;
}

static int select_extra(const struct lb_table *t, const char *const *names,
                        size_t n, struct lb_selection *sel, uint8_t *role,
                        struct lb_error *err)
{
    size_t i;
    int rc = 0;

    sel->extra = xreallocarray(NULL, n + 1, sizeof *sel->extra);
    for (i = 0; i < n && rc == 0; i++) {
        size_t col = lb_table_find(t, names[i]);
        const struct lb_column *c;

        if (col == LB_NPOS) {
            rc = unknown_column(t, LB_OPT("columns"), "column", names[i], err);
            break;
        }
        c = &t->cols[col];
        if (col == t->model_col || role[col] != NONE)
            continue; /* shown already */
        if (!c->has_text)
            rc = lb_table_check_numeric(t, col, err);
        sel->extra[sel->nextra++] = col;
        role[col] = EXTRA;
    }
    return rc;
}

static int select_sort(const struct lb_table *t, const char *name,
                       struct lb_selection *sel, const uint8_t *role,
                       struct lb_error *err)
{
    size_t col;

    sel->sort_col = LB_NPOS;
    if (name == NULL || lb_catalog_is_average(name))
        return 0;
    col = lb_table_find(t, name);
    if (col == LB_NPOS)
        return unknown_column(t, LB_OPT("sort"), "column", name, err);
    if (col == t->model_col) {
        struct lb_quoted q;

        return lb_error_set(err, LB_OPT("sort") ": %s is the model column, "
                                 "not a score",
                            lb_quotes(&q, name));
    }
    if (lb_table_check_numeric(t, col, err) != 0)
        return -1;
    sel->sort_col = col;
    if (role[col] == NONE)
        sel->extra[sel->nextra++] = col; /* room was kept for it */
    return 0;
}

/* A suite's benchmarks, in the board's order. */
static int select_suite(const struct lb_table *t, const struct lb_suite *s,
                        struct lb_selection *sel, struct lb_error *err)
{
    size_t i;

    sel->bench = xreallocarray(NULL, s->n, sizeof *sel->bench);
    for (i = 0; i < s->n; i++) {
        size_t col = LB_NPOS, j;

        /* the column the catalog matched to this benchmark */
        for (j = 0; j < t->ncols && col == LB_NPOS; j++)
            if (t->cols[j].bench != NULL &&
                strcmp(t->cols[j].bench->name, s->names[i]) == 0)
                col = j;
        if (col == LB_NPOS) {
            char opt[64];

            snprintf(opt, sizeof opt, LB_OPT("suite") " %s", s->id);
            return unknown_column(t, opt, "benchmark", s->names[i], err);
        }
        sel->bench[sel->nbench++] = col;
    }
    return 0;
}

int lb_select(const struct lb_table *t, const struct lb_select_opts *opts,
              struct lb_selection *sel, struct lb_error *err)
{
    uint8_t *role = xcalloc(t->ncols + 1, 1);
    size_t i;
    int rc;

    memset(sel, 0, sizeof *sel);
    sel->sort_col = LB_NPOS;
    rc = opts->suite != NULL ? select_suite(t, opts->suite, sel, err)
         : opts->benchmarks != NULL
             ? select_named(t, opts->benchmarks, opts->nbenchmarks, sel, role,
                            err)
             : select_default(t, sel, err);
    for (i = 0; i < sel->nbench; i++)
        role[sel->bench[i]] = BENCH;
    for (i = 0; i < sel->nbench && rc == 0; i++)
        rc = lb_table_check_numeric(t, sel->bench[i], err);
    if (rc == 0) {
        sel->suite = find_suite(t, sel);
        rc = select_extra(t, opts->columns, opts->ncolumns, sel, role, err);
    }
    if (rc == 0)
        rc = select_sort(t, opts->sort, sel, role, err);
    free(role);
    return rc;
}

void lb_selection_release(struct lb_selection *sel)
{
    free(sel->bench);
    free(sel->extra);
    memset(sel, 0, sizeof *sel);
    sel->sort_col = LB_NPOS;
}
