/* compare.c: the same rows ranked under every method and with each
 * benchmark left out (see compare.h). */
#include "core/compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* {======================================================================
 * Kendall's tau-b
 * ======================================================================= */

struct xy {
    int64_t x, y;
};

static int cmp_xy(const void *pa, const void *pb)
{
    const struct xy *a = pa, *b = pb;

    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return (a->y > b->y) - (a->y < b->y);
}

/* Sorts y[0..n) (merge sort with tmp) and returns the number of pairs
 * i < j with y_i > y_j. The recursion halves n: at most 64 levels deep. */
static uint64_t inversions(int64_t *y, int64_t *tmp, size_t n)
{
    size_t mid = n / 2, i, j, k;
    uint64_t inv;

    if (n < 2)
        return 0;
    inv = inversions(y, tmp, mid) + inversions(y + mid, tmp, n - mid);
    for (i = 0, j = mid, k = 0; i < mid || j < n;) {
        if (j >= n || (i < mid && y[i] <= y[j])) {
            tmp[k++] = y[i++];
        } else {
            inv += mid - i; /* y[j] is below every y[i..mid) */
            tmp[k++] = y[j++];
        }
    }
    memcpy(y, tmp, n * sizeof *y);
    return inv;
}

/* Pairs tied within runs of equal values of sorted v[0..n). */
static uint64_t tied_pairs(const int64_t *v, size_t n)
{
    uint64_t t = 0;
    size_t i, j;

    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && v[j] == v[i]; j++)
            ;
        t += (uint64_t)(j - i) * (j - i - 1) / 2;
    }
    return t;
}

double lb_kendall_tau_b(const int64_t *x, const int64_t *y, size_t n)
{
    struct xy *p;
    int64_t *ys, *tmp, *xs;
    uint64_t n0, n1, n2, n3 = 0, nd;
    size_t i, j;
    double num, den;

    if (n < 2)
        return NAN;
    p = xcalloc(n, sizeof *p);
    ys = xcalloc(n, sizeof *ys);
    xs = xcalloc(n, sizeof *xs);
    tmp = xcalloc(n, sizeof *tmp);
    for (i = 0; i < n; i++) {
        p[i].x = x[i];
        p[i].y = y[i];
    }
    qsort(p, n, sizeof *p, cmp_xy);
    for (i = 0; i < n; i++) {
        xs[i] = p[i].x;
        ys[i] = p[i].y;
    }
    n0 = (uint64_t)n * (n - 1) / 2;
    n1 = tied_pairs(xs, n);
    for (i = 0; i < n; i = j) { /* joint ties */
        for (j = i + 1; j < n && p[j].x == p[i].x && p[j].y == p[i].y; j++)
            ;
        n3 += (uint64_t)(j - i) * (j - i - 1) / 2;
    }
    nd = inversions(ys, tmp, n);
    n2 = tied_pairs(ys, n);
    free(p);
    free(ys);
    free(xs);
    free(tmp);
    if (n1 == n0 || n2 == n0)
        return NAN;
    /* concordant - discordant = n0 - n1 - n2 + n3 - 2 nd */
    num = (double)n0 - (double)n1 - (double)n2 + (double)n3 - 2.0 * (double)nd;
    den = sqrt((double)(n0 - n1) * (double)(n0 - n2));
    return num / den;
}

/* }====================================================================== */

/* {======================================================================
 * Orders
 * ======================================================================= */

/* The given values (weights, baselines) without those that name column
 * 'drop', into out (room for n); returns how many are left. */
static size_t without_values(const struct lb_table *t,
                             const struct lb_named_dec *v, size_t n,
                             size_t drop, struct lb_named_dec *out)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        if (lb_table_find(t, v[i].name) != drop)
            out[m++] = v[i];
    return m;
}

/* The same for names. */
static size_t without_names(const struct lb_table *t, const char *const *v,
                            size_t n, size_t drop, const char **out)
{
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        if (lb_table_find(t, v[i]) != drop)
            out[m++] = v[i];
    return m;
}

/* Ranks the table's rows by method m over benchmarks bench[0..nb). */
static int rank_under(const struct lb_board *b, size_t *bench, size_t nb,
                      const struct lb_method_opts *m, struct lb_order *o,
                      struct lb_error *err)
{
    const struct lb_table *t = b->table;
    struct lb_selection sel;
    struct lb_aggregate agg;
    struct lb_ranking ranking;
    struct lb_rank_opts ro = b->opts.rank;
    size_t r;

    memset(&sel, 0, sizeof sel);
    sel.nbench = nb;
    sel.bench = bench; /* borrowed: not released */
    sel.sort_col = LB_NPOS;
    if (lb_aggregate_compute(t, &sel, b->opts.missing, m, &agg, err) != 0)
        return -1;
    ro.top = 0;
    ro.ascending = agg.lower_better; /* each method's own order */
    if (lb_rank(t, &agg, &ro, &ranking, err) != 0) {
        lb_aggregate_release(&agg);
        return -1;
    }
    o->rank2 = xcalloc(t->nrows + 1, sizeof *o->rank2);
    for (r = 0; r < t->nrows; r++)
        o->rank2[r] = ranking.rank2[r];
    o->ranked = ranking.n_ranked;
    lb_ranking_release(&ranking);
    lb_aggregate_release(&agg);
    return 0;
}

static struct lb_order *add_order(struct lb_compare *c, const char *name,
                                  bool leave_out)
{
    struct lb_order *o;

    c->orders = xreallocarray(c->orders, c->n + 1, sizeof *c->orders);
    o = &c->orders[c->n++];
    memset(o, 0, sizeof *o);
    o->name = xstrdup(name);
    o->leave_out = leave_out;
    o->tau = NAN;
    return o;
}

/* Kendall's tau-b of order o against the board's (orders[0]). */
static void tau_against(const struct lb_compare *c, struct lb_order *o,
                        size_t nrows)
{
    const uint32_t *ref = c->orders[0].rank2;
    int64_t *x = xcalloc(nrows + 1, sizeof *x), *y = xcalloc(nrows + 1, sizeof *y);
    size_t r, n = 0;

    for (r = 0; r < nrows; r++)
        if (ref[r] != 0 && o->rank2[r] != 0) {
            x[n] = ref[r];
            y[n] = o->rank2[r];
            n++;
        }
    o->common = n;
    o->tau = lb_kendall_tau_b(x, y, n);
    free(x);
    free(y);
}

int lb_compare(const struct lb_board *b, struct lb_compare *c,
               struct lb_error *err)
{
    const struct lb_table *t = b->table;
    const struct lb_method_opts *bm = &b->opts.method;
    enum lb_method cur = b->mean.method;
    size_t *bench = xcalloc(b->sel.nbench + 1, sizeof *bench);
    size_t i, k, r;
    int rc = 0;

    memset(c, 0, sizeof *c);
    lb_buf_init(&c->skipped);
    if (b->sel.sort_col != LB_NPOS) {
        free(bench);
        return lb_error_set(err, LB_OPT("compare-methods") " compares "
                                 "aggregates of the benchmarks, not "
                                 LB_OPT("sort"));
    }
    /* the board's own order first */
    {
        struct lb_order *o = add_order(c, lb_method_name(cur), false);

        o->rank2 = xcalloc(t->nrows + 1, sizeof *o->rank2);
        for (r = 0; r < t->nrows; r++)
            o->rank2[r] = b->ranking.rank2[r];
        o->ranked = b->ranking.n_ranked;
    }
    for (i = 0; i < LB_METHOD_COUNT && rc == 0; i++) {
        struct lb_method_opts m = *bm;
        struct lb_order *o;
        struct lb_error e;

        if ((enum lb_method)i == cur)
            continue;
        m.method = (enum lb_method)i;
        m.given = true;
        if (m.method == LB_METHOD_WEIGHTED && bm->nweights == 0) {
            lb_buf_addf(&c->skipped, "%sweighted: no " LB_OPT("weights")
                                     " (it would be the mean)",
                        c->skipped.len ? "; " : "");
            continue;
        }
        for (k = 0; k < b->sel.nbench; k++)
            bench[k] = b->sel.bench[k];
        o = add_order(c, lb_method_name(m.method), false);
        lb_error_init(&e);
        if (rank_under(b, bench, b->sel.nbench, &m, o, &e) != 0) {
            /* a method the data cannot support: say why, go on */
            static const char named[] = LB_OPT("method") " normalized: ";
            const char *why = e.msg;

            if (strncmp(why, named, sizeof named - 1) == 0)
                why += sizeof named - 1; /* the method is named already */
            lb_buf_addf(&c->skipped, "%s%s: %s", c->skipped.len ? "; " : "",
                        o->name, why);
            free(o->name);
            c->n--;
        }
    }
    /* each benchmark left out, under the board's method */
    if (b->sel.nbench > LB_COMPARE_MAX_LEAVE_OUT)
        lb_buf_addf(&c->skipped, "%seach benchmark left out: %zu benchmarks "
                                 "(more than %d)",
                    c->skipped.len ? "; " : "", b->sel.nbench,
                    LB_COMPARE_MAX_LEAVE_OUT);
    for (k = 0; b->sel.nbench >= 2 && b->sel.nbench <= LB_COMPARE_MAX_LEAVE_OUT &&
                k < b->sel.nbench && rc == 0;
         k++) {
        struct lb_method_opts m = *bm;
        struct lb_named_dec *weights =
            xcalloc(bm->nweights + 1, sizeof *weights);
        struct lb_named_dec *baselines =
            xcalloc(bm->nbaselines + 1, sizeof *baselines);
        const char **lower = xcalloc(bm->nlower + 1, sizeof *lower);
        struct lb_buf name = LB_BUF_INIT;
        size_t n = 0, drop = b->sel.bench[k];

        for (i = 0; i < b->sel.nbench; i++)
            if (i != k)
                bench[n++] = b->sel.bench[i];
        m.method = cur;
        m.given = true;
        m.weights = weights;
        m.nweights = without_values(t, bm->weights, bm->nweights, drop,
                                    weights);
        m.baselines = baselines;
        m.nbaselines = without_values(t, bm->baselines, bm->nbaselines, drop,
                                      baselines);
        m.lower = lower;
        m.nlower = without_names(t, bm->lower, bm->nlower, drop, lower);
        lb_buf_addf(&name, "w/o %s", t->cols[b->sel.bench[k]].name);
        rc = rank_under(b, bench, n, &m, add_order(c, name.data, true), err);
        lb_buf_release(&name);
        free(weights);
        free(baselines);
        free(lower);
    }
    free(bench);
    for (i = 1; rc == 0 && i < c->n; i++)
        tau_against(c, &c->orders[i], t->nrows);
    if (c->n > 0 && rc == 0)
        tau_against(c, &c->orders[0], t->nrows);
    return rc;
}

void lb_compare_release(struct lb_compare *c)
{
    size_t i;

    for (i = 0; i < c->n; i++) {
        free(c->orders[i].name);
        free(c->orders[i].rank2);
    }
    free(c->orders);
    lb_buf_release(&c->skipped);
    memset(c, 0, sizeof *c);
}

/* }====================================================================== */
