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

/* A copy of a list ("A=1,B" items) without the items that name column
 * 'drop'; NULL when none is left. The list was checked by the board. */
static char *without(const struct lb_table *t, const char *list, size_t drop)
{
    struct lb_buf out = LB_BUF_INIT;
    const char *p = list;

    if (list == NULL)
        return NULL;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *item = xmemdup0(p, len), *eq = strrchr(item, '=');
        char *a = item, *b;

        if (eq != NULL)
            *eq = '\0';
        while (*a == ' ' || *a == '\t')
            a++;
        b = a + strlen(a);
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            *--b = '\0';
        if (lb_table_find(t, a) != drop) {
            if (out.len > 0)
                lb_buf_addc(&out, ',');
            lb_buf_add(&out, p, len);
        }
        free(item);
        if (end == NULL)
            break;
        p = end + 1;
    }
    return out.data; /* NULL when nothing was added */
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
    if (m->method == LB_METHOD_MEAN_RANK)
        ro.ascending = true;
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
        return lb_error_set(err, "--compare-methods compares aggregates of "
                                 "the benchmarks, not --sort");
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
        if (m.method == LB_METHOD_WEIGHTED && bm->weights == NULL) {
            lb_buf_addf(&c->skipped, "%sweighted: no --weights (it would be "
                                     "the mean)",
                        c->skipped.len ? "; " : "");
            continue;
        }
        for (k = 0; k < b->sel.nbench; k++)
            bench[k] = b->sel.bench[k];
        o = add_order(c, lb_method_name(m.method), false);
        lb_error_init(&e);
        if (rank_under(b, bench, b->sel.nbench, &m, o, &e) != 0) {
            /* a method the data cannot support: say why, go on */
            const char *why = e.msg;
            size_t plen = strlen("--method normalized: ");

            if (strncmp(why, "--method normalized: ", plen) == 0)
                why += plen; /* the method is named already */
            lb_buf_addf(&c->skipped, "%s%s: %s", c->skipped.len ? "; " : "",
                        o->name, why);
            free(o->name);
            c->n--;
        }
    }
    /* each benchmark left out, under the board's method */
    for (k = 0; b->sel.nbench >= 2 && k < b->sel.nbench && rc == 0; k++) {
        struct lb_method_opts m = *bm;
        char *weights = without(t, bm->weights, b->sel.bench[k]);
        char *baselines = without(t, bm->baselines, b->sel.bench[k]);
        char *lower = without(t, bm->lower, b->sel.bench[k]);
        struct lb_buf name = LB_BUF_INIT;
        size_t n = 0;

        for (i = 0; i < b->sel.nbench; i++)
            if (i != k)
                bench[n++] = b->sel.bench[i];
        m.method = cur;
        m.given = true;
        m.weights = weights;
        m.baselines = baselines;
        m.lower = lower;
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
