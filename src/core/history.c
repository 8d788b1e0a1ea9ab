/* history.c: a board's rankings over time (see history.h). */
#include "core/history.h"

#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"
#include "core/table.h"

/* A row of one snapshot, to sort them all by key. */
struct item {
    size_t snap;
    size_t row;
    size_t pos; /* its place in its snapshot's order */
};

struct sort_ctx {
    const struct lb_history *h;
    const struct item *it;
};

static int cmp_items(size_t a, size_t b, void *ctx)
{
    const struct sort_ctx *c = ctx;
    const struct item *x = &c->it[a], *y = &c->it[b];
    const struct lb_history_snap *sx = &c->h->s[x->snap];
    const struct lb_history_snap *sy = &c->h->s[y->snap];
    int k = lb_diff_cmp_key(sx->b->table, sx->prec, x->row, sy->b->table,
                            sy->prec, y->row);

    if (k != 0)
        return k;
    return (x->snap > y->snap) - (x->snap < y->snap);
}

/* The models' order: in the latest snapshot first, then by the last
 * snapshot they are in (most recent first), then by their place in it. */
static int cmp_models(size_t a, size_t b, void *ctx)
{
    const struct sort_ctx *c = ctx;
    const struct item *x = &c->it[a], *y = &c->it[b];

    if (x->snap != y->snap)
        return x->snap > y->snap ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

static int cmp_up(size_t a, size_t b, void *ctx)
{
    const struct lb_history *h = ctx;
    int64_t x = h->m[a].move2, y = h->m[b].move2;

    if (x != y)
        return x > y ? -1 : 1;
    return (a > b) - (a < b);
}

static int cmp_down(size_t a, size_t b, void *ctx)
{
    const struct lb_history *h = ctx;
    int64_t x = h->m[a].move2, y = h->m[b].move2;

    if (x != y)
        return x < y ? -1 : 1;
    return (a > b) - (a < b);
}

const char *lb_history_model_name(const struct lb_history *h, size_t m,
                                  size_t *len)
{
    const struct lb_history_model *x = &h->m[m];

    return lb_table_model(h->s[x->snap].b->table, x->row, len);
}

const char *lb_history_model_precision(const struct lb_history *h, size_t m,
                                       size_t *len)
{
    const struct lb_history_model *x = &h->m[m];
    const struct lb_history_snap *s = &h->s[x->snap];

    if (s->prec == LB_NPOS)
        return NULL;
    return lb_table_text(s->b->table, s->prec, x->row, len);
}

/* The error for a key found twice in snapshot s: rows a and b. */
static int twice(const struct lb_history_snap *s, size_t a, size_t b,
                 struct lb_error *err)
{
    const struct lb_table *t = s->b->table;
    struct lb_quoted q;
    size_t len, la = lb_table_line(t, a), lbn = lb_table_line(t, b);
    const char *m = lb_table_model(t, b, &len);

    if (la > lbn) {
        size_t x = la;

        la = lbn;
        lbn = x;
    }
    return lb_error_set(err, "%s:%zu: %s is also on line %zu: history matches "
                             "rows by model%s, which must be unique",
                        t->path, lbn, lb_quote(&q, m, len), la,
                        s->prec != LB_NPOS ? " and precision" : "");
}

/* Groups the items (sorted by key) into models: *first[k] is the first item
 * of model k. Returns the number of models, or -1 with err. */
static long group(const struct lb_history *h, const struct item *it,
                  const size_t *idx, size_t n, size_t *first,
                  struct lb_error *err)
{
    size_t i, nm = 0;

    for (i = 0; i < n; i++) {
        const struct item *x = &it[idx[i]];

        if (i > 0) {
            const struct item *p = &it[idx[i - 1]];
            const struct lb_history_snap *sp = &h->s[p->snap];
            const struct lb_history_snap *sx = &h->s[x->snap];

            if (lb_diff_cmp_key(sp->b->table, sp->prec, p->row, sx->b->table,
                                sx->prec, x->row) == 0) {
                if (p->snap == x->snap)
                    return twice(sx, p->row, x->row, err);
                continue;
            }
        }
        first[nm++] = i;
    }
    return (long)nm;
}

/* Fills model k's facts from its cells. */
static int fill_model(struct lb_history *h, size_t k, struct lb_error *err)
{
    struct lb_history_model *m = &h->m[k];
    size_t s;

    m->first = m->first_ranked = m->last_ranked = LB_NPOS;
    for (s = 0; s < h->ns; s++) {
        size_t row = h->row[k * h->ns + s];
        const struct lb_board *b = h->s[s].b;

        if (row == LB_NPOS)
            continue;
        if (m->first == LB_NPOS)
            m->first = s;
        m->last = s;
        h->rank2[k * h->ns + s] = b->ranking.rank2[row];
        if (lb_diff_shown_value(b, row, &h->value[k * h->ns + s], err) != 0)
            return -1;
        h->s[s].present++;
        if (b->ranking.rank2[row] != 0) {
            h->s[s].ranked++;
            if (m->first_ranked == LB_NPOS)
                m->first_ranked = s;
            m->last_ranked = s;
        }
        if (s > 0 && h->row[k * h->ns + s - 1] == LB_NPOS)
            h->s[s].added++;
    }
    for (s = 1; s < h->ns; s++)
        if (h->row[k * h->ns + s] == LB_NPOS &&
            h->row[k * h->ns + s - 1] != LB_NPOS)
            h->s[s].gone++;
    if (m->first_ranked != LB_NPOS && m->first_ranked != m->last_ranked)
        m->move2 = (int64_t)h->rank2[k * h->ns + m->first_ranked] -
                   (int64_t)h->rank2[k * h->ns + m->last_ranked];
    return 0;
}

/* The largest movers each way. */
static void movers(struct lb_history *h)
{
    size_t *v = xcalloc(h->nm + 1, sizeof *v), n = 0, i;

    for (i = 0; i < h->nm; i++)
        if (h->m[i].move2 > 0)
            v[n++] = i;
    lb_sort_indices(v, n, cmp_up, h);
    for (i = 0; i < n && i < LB_HISTORY_MOVERS; i++)
        h->up[h->nup++] = v[i];
    n = 0;
    for (i = 0; i < h->nm; i++)
        if (h->m[i].move2 < 0)
            v[n++] = i;
    lb_sort_indices(v, n, cmp_down, h);
    for (i = 0; i < n && i < LB_HISTORY_MOVERS; i++)
        h->down[h->ndown++] = v[i];
    free(v);
}

int lb_history_compute(struct lb_history *h, const struct lb_board *const *b,
                       size_t n, struct lb_error *err)
{
    struct item *it = NULL;
    size_t *idx = NULL, *first = NULL, *order = NULL, *inv = NULL;
    size_t s, i, k, nit = 0, total = 0;
    bool all_prec = true;
    struct sort_ctx ctx;
    long nm;
    int rc = -1;

    memset(h, 0, sizeof *h);
    h->s = xcalloc(n + 1, sizeof *h->s);
    h->ns = n;
    for (s = 0; s < n; s++) {
        h->s[s].b = b[s];
        h->s[s].prec = lb_diff_key_column(b[s]);
        all_prec = all_prec && h->s[s].prec != LB_NPOS;
        total += b[s]->ranking.n_listed;
        if (s > 0 && lb_diff_same_direction(b[s - 1], b[s], err) != 0)
            return -1;
    }
    h->lower_better = n > 0 && b[n - 1]->lower_better;
    /* the precision is part of the key only when every snapshot has it */
    for (s = 0; s < n && !all_prec; s++)
        h->s[s].prec = LB_NPOS;
    it = xcalloc(total + 1, sizeof *it);
    for (s = 0; s < n; s++)
        for (i = 0; i < b[s]->ranking.n_listed; i++)
            it[nit++] = (struct item){s, b[s]->ranking.order[i], i};
    idx = xcalloc(nit + 1, sizeof *idx);
    for (i = 0; i < nit; i++)
        idx[i] = i;
    ctx.h = h;
    ctx.it = it;
    lb_sort_indices(idx, nit, cmp_items, &ctx);
    first = xcalloc(nit + 1, sizeof *first);
    nm = group(h, it, idx, nit, first, err);
    if (nm < 0)
        goto out;
    h->nm = (size_t)nm;
    first[h->nm] = nit;
    /* each model's order: its last item (its latest snapshot, sorted by
     * snapshot within the key) */
    order = xcalloc(h->nm + 1, sizeof *order);
    for (k = 0; k < h->nm; k++)
        order[k] = idx[first[k + 1] - 1];
    lb_sort_indices(order, h->nm, cmp_models, &ctx);
    /* inv[item of a model's last snapshot] -> the model's place */
    inv = xcalloc(nit + 1, sizeof *inv);
    for (k = 0; k < h->nm; k++)
        inv[order[k]] = k;
    h->m = xcalloc(h->nm + 1, sizeof *h->m);
    h->row = xcalloc(h->nm * n + 1, sizeof *h->row);
    h->rank2 = xcalloc(h->nm * n + 1, sizeof *h->rank2);
    h->value = xcalloc(h->nm * n + 1, sizeof *h->value);
    for (i = 0; i < h->nm * n; i++)
        h->row[i] = LB_NPOS;
    for (k = 0; k < h->nm; k++) {
        size_t last = idx[first[k + 1] - 1], place = inv[last];

        h->m[place].snap = it[last].snap;
        h->m[place].row = it[last].row;
        for (i = first[k]; i < first[k + 1]; i++)
            h->row[place * n + it[idx[i]].snap] = it[idx[i]].row;
    }
    for (k = 0; k < h->nm; k++)
        if (fill_model(h, k, err) != 0)
            goto out;
    movers(h);
    rc = 0;
out:
    free(it);
    free(idx);
    free(first);
    free(order);
    free(inv);
    return rc;
}

void lb_history_release(struct lb_history *h)
{
    if (h == NULL)
        return;
    free(h->s);
    free(h->m);
    free(h->row);
    free(h->rank2);
    free(h->value);
    memset(h, 0, sizeof *h);
}
