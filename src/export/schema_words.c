/* schema_words.c: what a board's schema decided (schema_words.h). */
#include "export/schema_words.h"

#include <string.h>

#include "base/quote.h"
#include "core/schema.h"

#define NAMES_SHOWN 6 /* names listed before "and N more" */

/* The groups of columns that inference left out of the average: only
 * columns of numbers (a text column is no candidate to be averaged). */
enum left_out {
    LEFT_AGGREGATE, /* a published aggregate (Avg. WER) */
    LEFT_NAMED,     /* metadata by its name (RTFx, size, params) */
    LEFT_RANGE,     /* numbers outside 0 to 100 */
    LEFT_CATALOG,   /* the catalog's benchmarks decide */
    LEFT_NONE
};

static enum left_out left_out(const struct lb_table *t, size_t col)
{
    const struct lb_column *c = &t->cols[col];
    const struct lb_field *f = c->field;

    if (col == t->model_col || f->described || !c->numeric ||
        c->n_values == 0 || f->role == LB_ROLE_BENCHMARK ||
        f->role == LB_ROLE_STDERR)
        return LEFT_NONE;
    if (f->role == LB_ROLE_AGGREGATE)
        return LEFT_AGGREGATE;
    if (t->schema->catalog)
        return LEFT_CATALOG;
    if (f->why != NULL && strstr(f->why, "outside") != NULL)
        return LEFT_RANGE;
    return LEFT_NAMED;
}

/* Whether the board's selection is the inferred default (no -b, --sort,
 * --suite): only then does the footer say what inference left out. */
static bool default_selection(const struct lb_board *b)
{
    const struct lb_select_opts *so = &b->opts.select;

    return so->benchmarks == NULL && so->suite == NULL && so->sort == NULL;
}

/* Appends "'A', 'B' and 3 more" for the columns col with pick(col). */
static size_t add_names(struct lb_buf *out, const struct lb_table *t,
                        bool (*pick)(const struct lb_table *, size_t,
                                     const void *),
                        const void *ctx)
{
    size_t i, n = 0, shown = 0;

    for (i = 0; i < t->ncols; i++) {
        if (!pick(t, i, ctx))
            continue;
        if (n++ < NAMES_SHOWN) {
            lb_buf_addf(out, "%s'%s'", shown > 0 ? ", " : "", t->cols[i].name);
            shown++;
        }
    }
    if (n > shown)
        lb_buf_addf(out, " and %zu more", n - shown);
    return n;
}

static bool is_left(const struct lb_table *t, size_t col, const void *ctx)
{
    return left_out(t, col) == *(const enum left_out *)ctx;
}

static bool lower_by_name(const struct lb_table *t, size_t col,
                          const void *ctx)
{
    const struct lb_board *b = ctx;
    const struct lb_field *f = t->cols[col].field;
    size_t k;

    if (f->described || f->better != LB_BETTER_LOWER || t->cols[col].bench ||
        f->order_of != NULL)
        return false;
    for (k = 0; k < b->sel.nbench; k++)
        if (b->sel.bench[k] == col)
            return true;
    return false;
}

/* A benchmark averaged that is lower-better because the file lists its
 * published aggregate lowest first. */
static bool lower_by_order(const struct lb_table *t, size_t col,
                           const void *ctx)
{
    const struct lb_board *b = ctx;
    size_t k;

    if (t->cols[col].field->order_of == NULL)
        return false;
    for (k = 0; k < b->sel.nbench; k++)
        if (b->sel.bench[k] == col)
            return true;
    return false;
}

/* The aggregate column whose order decided lower_by_order, or NULL. */
static const char *order_column(const struct lb_board *b)
{
    size_t k;

    for (k = 0; k < b->sel.nbench; k++) {
        const struct lb_field *f = b->table->cols[b->sel.bench[k]].field;

        if (f->order_of != NULL)
            return f->order_of;
    }
    return NULL;
}

static bool read_missing(const struct lb_table *t, size_t col,
                         const void *ctx)
{
    (void)ctx;
    return t->cols[col].numeric &&
           (t->cols[col].field->sentinel || t->cols[col].n_sentinel > 0);
}

static bool percent(const struct lb_table *t, size_t col, const void *ctx)
{
    (void)ctx;
    return t->cols[col].numeric && t->cols[col].n_percent > 0 &&
           !t->cols[col].field->bare;
}

/* "-1" when every column read so read -1, else "cells": what was read as
 * missing, for the sentence. */
static bool only_sentinels(const struct lb_table *t)
{
    size_t i;

    for (i = 0; i < t->ncols; i++)
        if (read_missing(t, i, NULL) && !t->cols[i].field->sentinel)
            return false;
    return true;
}

void lb_schema_footer(const struct lb_board *b, struct lb_buf *out)
{
    static const char *const why[] = {
        [LEFT_AGGREGATE] = "aggregate",
        [LEFT_NAMED] = "metadata by name",
        [LEFT_RANGE] = "outside 0 to 100",
    };
    const struct lb_table *t = b->table;
    const struct lb_schema *s = t->schema;
    struct lb_buf names = LB_BUF_INIT;
    enum left_out k;
    const char *sep = "";
    size_t start;

    if (s->source != NULL)
        lb_buf_addf(out, "Columns as %s says.\n", s->source);
    if (s->source == NULL && !s->catalog && default_selection(b)) {
        start = out->len;
        lb_buf_adds(out, "Not averaged, by inference ('leaderboard schema "
                         "FILE' prints the schema to edit): ");
        for (k = LEFT_AGGREGATE; k <= LEFT_RANGE; k++) {
            lb_buf_reset(&names);
            if (add_names(&names, t, is_left, &k) == 0)
                continue;
            lb_buf_addf(out, "%s%s (%s)", sep, lb_buf_str(&names), why[k]);
            sep = "; ";
        }
        if (*sep == '\0') {
            out->len = start; /* nothing left out */
            out->data[out->len] = '\0';
        } else {
            lb_buf_adds(out, ".\n");
        }
    }
    lb_buf_reset(&names);
    if (add_names(&names, t, lower_by_name, b) > 0)
        lb_buf_addf(out, "Lower is better by their names: %s.\n",
                    lb_buf_str(&names));
    lb_buf_reset(&names);
    if (add_names(&names, t, lower_by_order, b) > 0) {
        struct lb_quoted q;

        lb_buf_addf(out, "Lower is better, as the file lists %s lowest "
                         "first: %s.\n",
                    lb_quotes(&q, order_column(b)), lb_buf_str(&names));
    }
    lb_buf_reset(&names);
    if (add_names(&names, t, read_missing, NULL) > 0)
        lb_buf_addf(out, "%s read as missing in %s.\n",
                    only_sentinels(t) ? "-1 (unknown)"
                                      : "The schema's missing values",
                    lb_buf_str(&names));
    lb_buf_reset(&names);
    if (add_names(&names, t, percent, NULL) > 0)
        lb_buf_addf(out, "Percentages, read without their '%%': %s.\n",
                    lb_buf_str(&names));
    lb_buf_release(&names);
}

/* The names of the columns with pick(col) as a list under key. */
static void list_names(struct lb_meta *m, const char *key,
                       const struct lb_table *t,
                       bool (*pick)(const struct lb_table *, size_t,
                                    const void *),
                       const void *ctx)
{
    struct lb_meta *list = NULL;
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        if (!pick(t, i, ctx))
            continue;
        if (list == NULL)
            list = lb_meta_list(m, key);
        lb_meta_str(list, NULL, t->cols[i].name);
    }
}

static bool any(const struct lb_table *t,
                bool (*pick)(const struct lb_table *, size_t, const void *),
                const void *ctx)
{
    size_t i;

    for (i = 0; i < t->ncols; i++)
        if (pick(t, i, ctx))
            return true;
    return false;
}

void lb_schema_meta(const struct lb_board *b, struct lb_meta *m)
{
    static const char *const keys[] = {
        [LEFT_AGGREGATE] = "aggregates",
        [LEFT_NAMED] = "metadata_by_name",
        [LEFT_RANGE] = "outside_0_100",
    };
    const struct lb_table *t = b->table;
    const struct lb_schema *s = t->schema;
    bool inferred = s->source == NULL && !s->catalog && default_selection(b);
    struct lb_meta *o;
    enum left_out k;

    if (s->source == NULL && !inferred && !any(t, read_missing, NULL) &&
        !any(t, percent, NULL) && !any(t, lower_by_name, b) &&
        !any(t, lower_by_order, b))
        return;
    o = lb_meta_object(m, "schema");
    lb_meta_str_or_null(o, "source", s->source);
    for (k = LEFT_AGGREGATE; inferred && k <= LEFT_RANGE; k++)
        list_names(o, keys[k], t, is_left, &k);
    list_names(o, "lower_by_name", t, lower_by_name, b);
    if (any(t, lower_by_order, b)) {
        lb_meta_str_or_null(o, "order_of", order_column(b));
        list_names(o, "lower_by_order", t, lower_by_order, b);
    }
    list_names(o, "read_as_missing", t, read_missing, NULL);
    list_names(o, "percentages", t, percent, NULL);
}
