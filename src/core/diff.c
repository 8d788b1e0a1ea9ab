/* diff.c: two snapshots of a leaderboard compared (see diff.h). */
#include "core/diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"

struct keyed {
    const struct lb_table *t;
    size_t prec; /* precision column, or LB_NPOS */
};

static int cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);

    return c != 0 ? c : (la > lb) - (la < lb);
}

/* Compares row a of x with row b of y by key. */
static int cmp_key(const struct keyed *x, size_t a, const struct keyed *y,
                   size_t b)
{
    size_t la, lb;
    const char *sa = lb_table_model(x->t, a, &la);
    const char *sb = lb_table_model(y->t, b, &lb);
    int c = cmp_bytes(sa, la, sb, lb);

    if (c != 0 || x->prec == LB_NPOS || y->prec == LB_NPOS)
        return c;
    sa = lb_table_text(x->t, x->prec, a, &la);
    sb = lb_table_text(y->t, y->prec, b, &lb);
    return cmp_bytes(sa, la, sb, lb);
}

static int cmp_rows(size_t a, size_t b, void *ctx)
{
    return cmp_key(ctx, a, ctx, b);
}

/* The rows of k->t sorted by key into *idx; -1 with err when a key is
 * there twice. */
static int sort_keys(const struct keyed *k, size_t **idx, struct lb_error *err)
{
    const struct lb_table *t = k->t;
    size_t i, *v = xreallocarray(NULL, t->nrows + 1, sizeof *v);
    struct lb_quoted q;

    for (i = 0; i < t->nrows; i++)
        v[i] = i;
    lb_sort_indices(v, t->nrows, cmp_rows, (void *)(uintptr_t)k);
    *idx = v;
    for (i = 1; i < t->nrows; i++) {
        size_t len;
        const char *m;

        if (cmp_key(k, v[i - 1], k, v[i]) != 0)
            continue;
        m = lb_table_model(t, v[i], &len);
        return lb_error_set(err, "%s:%zu: %s is also on line %zu: diff "
                                 "matches rows by model%s, which must be "
                                 "unique",
                            t->path, lb_table_line(t, v[i]),
                            lb_quote(&q, m, len), lb_table_line(t, v[i - 1]),
                            k->prec != LB_NPOS ? " and precision" : "");
    }
    return 0;
}

static size_t precision_column(const struct lb_table *t)
{
    size_t c = lb_table_find(t, "precision");

    return c == LB_NPOS || c == t->model_col || !t->cols[c].has_text ? LB_NPOS
                                                                      : c;
}

/* The shown value of row's mean. */
static int mean_value(const struct lb_board *b, size_t row,
                      struct lb_diff_value *v, struct lb_error *err)
{
    const struct lb_aggregate *a = b->sel.sort_col != LB_NPOS ? &b->by_column
                                                              : &b->mean;

    v->has = lb_aggregate_has(a, row);
    if (v->has && !lb_aggregate_round(a, row, b->opts.rank.precision, &v->units))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            b->table->path, lb_table_line(b->table, row),
                            b->opts.rank.precision);
    return 0;
}

/* The shown value of a cell. */
static int cell_value(const struct lb_board *b, size_t col, size_t row,
                      struct lb_diff_value *v, struct lb_error *err)
{
    const struct lb_column *c = &b->table->cols[col];

    v->has = c->numeric && !lb_column_missing(c, row);
    if (v->has && !lb_dec_round(lb_column_num(c, row), 1, c->scale,
                                b->opts.rank.precision, &v->units))
        return lb_error_set(err, "%s:%zu: a value is too large to round at "
                                 "%u decimals",
                            b->table->path, lb_table_line(b->table, row),
                            b->opts.rank.precision);
    return 0;
}

bool lb_diff_value_changed(const struct lb_diff *d,
                           const struct lb_diff_value *a,
                           const struct lb_diff_value *b)
{
    unsigned p = d->new_b->opts.rank.precision;
    lb_i128 delta, lhs, rhs;

    if (a->has != b->has)
        return true;
    if (!a->has)
        return false;
    delta = a->units > b->units ? a->units - b->units : b->units - a->units;
    /* delta / 10^p > threshold / 10^ts */
    if (__builtin_mul_overflow(delta, (lb_i128)lb_pow10[d->threshold_scale],
                               &lhs) ||
        __builtin_mul_overflow(d->threshold, (lb_i128)lb_pow10[p], &rhs))
        return true;
    return lhs > rhs;
}

bool lb_diff_bench_changed(const struct lb_diff *d, size_t i, size_t k)
{
    return lb_diff_value_changed(d, &d->old_v[i * d->nbench + k],
                                 &d->new_v[i * d->nbench + k]);
}

/* The benchmarks of the new board that the old one also averages. */
static void match_benchmarks(struct lb_diff *d)
{
    const struct lb_board *o = d->old_b, *n = d->new_b;
    size_t i, j;

    d->bench = xcalloc(n->sel.nbench + 1, sizeof *d->bench);
    for (i = 0; i < n->sel.nbench; i++) {
        const char *name = n->table->cols[n->sel.bench[i]].name;

        for (j = 0; j < o->sel.nbench; j++)
            if (strcmp(o->table->cols[o->sel.bench[j]].name, name) == 0)
                break;
        if (j == o->sel.nbench)
            continue;
        d->bench[d->nbench++] =
            (struct lb_diff_bench){name, o->sel.bench[j], n->sel.bench[i]};
    }
    d->same_benchmarks = d->nbench == n->sel.nbench &&
                         d->nbench == o->sel.nbench;
}

/* Fills entry i's values and status. */
static int fill(struct lb_diff *d, size_t i, struct lb_error *err)
{
    struct lb_diff_entry *e = &d->e[i];
    size_t k;

    if (e->old_row != LB_NPOS) {
        e->old_rank2 = d->old_b->ranking.rank2[e->old_row];
        if (mean_value(d->old_b, e->old_row, &e->old_mean, err) != 0)
            return -1;
    }
    if (e->new_row != LB_NPOS) {
        e->new_rank2 = d->new_b->ranking.rank2[e->new_row];
        if (mean_value(d->new_b, e->new_row, &e->new_mean, err) != 0)
            return -1;
    }
    for (k = 0; k < d->nbench; k++) {
        struct lb_diff_value *ov = &d->old_v[i * d->nbench + k];
        struct lb_diff_value *nv = &d->new_v[i * d->nbench + k];

        if (e->old_row != LB_NPOS &&
            cell_value(d->old_b, d->bench[k].old_col, e->old_row, ov, err) != 0)
            return -1;
        if (e->new_row != LB_NPOS &&
            cell_value(d->new_b, d->bench[k].new_col, e->new_row, nv, err) != 0)
            return -1;
        if (e->old_row != LB_NPOS && e->new_row != LB_NPOS &&
            lb_diff_value_changed(d, ov, nv))
            e->nchanged++;
    }
    if (e->old_row == LB_NPOS) {
        e->status = LB_DIFF_ADDED;
        d->added++;
        return 0;
    }
    if (e->new_row == LB_NPOS) {
        e->status = LB_DIFF_REMOVED;
        d->removed++;
        return 0;
    }
    e->mean_changed = lb_diff_value_changed(d, &e->old_mean, &e->new_mean);
    if (e->old_rank2 != e->new_rank2) {
        e->status = LB_DIFF_MOVED;
        d->moved++;
    } else if (e->mean_changed || e->nchanged > 0) {
        e->status = LB_DIFF_CHANGED;
        d->changed++;
    } else {
        e->status = LB_DIFF_SAME;
        d->same++;
    }
    return 0;
}

int lb_diff_compute(struct lb_diff *d, const struct lb_board *old_b,
                    const struct lb_board *new_b, struct lb_dec threshold,
                    struct lb_error *err)
{
    struct keyed ko = {old_b->table, precision_column(old_b->table)};
    struct keyed kn = {new_b->table, precision_column(new_b->table)};
    size_t *old_idx = NULL, *new_idx = NULL, i, n_old = old_b->table->nrows;
    bool *matched = NULL;
    int rc = -1;

    memset(d, 0, sizeof *d);
    d->old_b = old_b;
    d->new_b = new_b;
    d->threshold = threshold.units;
    d->threshold_scale = threshold.scale;
    /* the precision is part of the key only when both files have it */
    if (ko.prec == LB_NPOS || kn.prec == LB_NPOS)
        ko.prec = kn.prec = LB_NPOS;
    d->old_prec = ko.prec;
    d->new_prec = kn.prec;
    if (sort_keys(&ko, &old_idx, err) != 0 || sort_keys(&kn, &new_idx, err) != 0)
        goto out;
    match_benchmarks(d);
    d->e = xcalloc(new_b->table->nrows + n_old + 1, sizeof *d->e);
    matched = xcalloc(n_old + 1, sizeof *matched);
    /* the new board's rows, in its order */
    for (i = 0; i < new_b->ranking.n_listed; i++) {
        size_t row = new_b->ranking.order[i], lo = 0, hi = n_old;
        struct lb_diff_entry *e = &d->e[d->n++];

        e->new_row = row;
        e->old_row = LB_NPOS;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = cmp_key(&ko, old_idx[mid], &kn, row);

            if (c == 0) {
                e->old_row = old_idx[mid];
                matched[e->old_row] = true;
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    /* then the old board's rows that are gone, in its order */
    for (i = 0; i < old_b->ranking.n_listed; i++) {
        size_t row = old_b->ranking.order[i];

        if (matched[row])
            continue;
        d->e[d->n].old_row = row;
        d->e[d->n].new_row = LB_NPOS;
        d->n++;
    }
    d->old_v = xcalloc(d->n * d->nbench + 1, sizeof *d->old_v);
    d->new_v = xcalloc(d->n * d->nbench + 1, sizeof *d->new_v);
    for (i = 0; i < d->n; i++)
        if (fill(d, i, err) != 0)
            goto out;
    rc = 0;
out:
    free(old_idx);
    free(new_idx);
    free(matched);
    return rc;
}

void lb_diff_release(struct lb_diff *d)
{
    free(d->bench);
    free(d->old_v);
    free(d->new_v);
    free(d->e);
    memset(d, 0, sizeof *d);
}

const char *lb_diff_status_name(enum lb_diff_status s)
{
    static const char *const names[] = {"same", "added", "removed", "moved",
                                        "changed"};

    return names[s];
}
