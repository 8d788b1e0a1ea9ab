#include "core/rank.h"

#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "base/xalloc.h"

struct order_ctx {
    const struct lb_table *t;
    const struct lb_keys *keys;
    const lb_i128 *shown;
    int dir; /* -1: higher first, 1: lower first */
};

static int cmp_i128(lb_i128 a, lb_i128 b)
{
    return (a > b) - (a < b);
}

static int cmp_names(const struct lb_table *t, size_t a, size_t b)
{
    size_t la, lb;
    const char *na = lb_table_model(t, a, &la);
    const char *nb = lb_table_model(t, b, &lb);
    int c = memcmp(na, nb, la < lb ? la : lb);

    if (c != 0)
        return c;
    return (la > lb) - (la < lb);
}

static int cmp_rows(size_t a, size_t b, void *vctx)
{
    const struct order_ctx *ctx = vctx;
    const struct lb_value *va = &ctx->keys->value[a];
    const struct lb_value *vb = &ctx->keys->value[b];
    int c;

    c = cmp_i128(ctx->shown[a], ctx->shown[b]);
    if (c != 0)
        return c * ctx->dir;
    c = lb_frac_cmp(va->num, va->den, vb->num, vb->den);
    if (c != 0)
        return c * ctx->dir;
    c = cmp_names(ctx->t, a, b);
    if (c != 0)
        return c;
    return (a > b) - (a < b);
}

/* Whether two neighbours in the order share a tie group. */
static bool same_group(const struct order_ctx *ctx, enum lb_ties ties,
                       size_t a, size_t b)
{
    const struct lb_value *va = &ctx->keys->value[a];
    const struct lb_value *vb = &ctx->keys->value[b];

    switch (ties) {
    case LB_TIES_ORDINAL:
        return false;
    case LB_TIES_EXACT:
        return lb_frac_cmp(va->num, va->den, vb->num, vb->den) == 0;
    default:
        return ctx->shown[a] == ctx->shown[b];
    }
}

int lb_rank(const struct lb_table *t, const struct lb_keys *keys,
            const struct lb_rank_opts *opts, struct lb_ranking *out,
            struct lb_error *err)
{
    struct order_ctx ctx;
    size_t r, i, n = 0, listed, group_start = 0, dense = 0;

    memset(out, 0, sizeof *out);
    out->nrows = keys->nrows;
    out->order = xreallocarray(NULL, keys->nrows, sizeof *out->order);
    out->rank2 = xcalloc(keys->nrows, sizeof *out->rank2);
    out->shown = xcalloc(keys->nrows, sizeof *out->shown);

    for (r = 0; r < keys->nrows; r++) {
        const struct lb_value *v = &keys->value[r];

        if (!keys->has[r])
            continue;
        if (!lb_dec_round(v->num, v->den, keys->scale, opts->precision,
                          &out->shown[r])) {
            lb_ranking_release(out);
            return lb_error_set(err,
                                "%s:%zu: the score is too large to round at "
                                "%u decimals",
                                t->path, t->row_line[r], opts->precision);
        }
        out->order[n++] = r;
    }
    out->n_ranked = n;
    ctx.t = t;
    ctx.keys = keys;
    ctx.shown = out->shown;
    ctx.dir = opts->ascending ? 1 : -1;
    lb_sort_indices(out->order, n, cmp_rows, &ctx);

    for (i = 0; i < n; i++) {
        size_t row = out->order[i];
        bool tied = i > 0 && same_group(&ctx, opts->ties, out->order[i - 1], row);

        if (!tied) {
            group_start = i;
            dense++;
        }
        switch (opts->ties) {
        case LB_TIES_DENSE:
            out->rank2[row] = (int64_t)(2 * dense);
            break;
        case LB_TIES_ORDINAL:
            out->rank2[row] = (int64_t)(2 * (i + 1));
            break;
        case LB_TIES_FRACTIONAL:
            /* set for the whole group once its end is known, below */
            break;
        default:
            out->rank2[row] = (int64_t)(2 * (group_start + 1));
            break;
        }
        if (opts->ties == LB_TIES_FRACTIONAL &&
            (i + 1 == n || !same_group(&ctx, opts->ties, row, out->order[i + 1]))) {
            size_t j;

            /* (first + last) / 2, doubled: first + last, 1-based */
            for (j = group_start; j <= i; j++)
                out->rank2[out->order[j]] = (int64_t)(group_start + 1 + i + 1);
        }
    }

    /* --top: the first 'top' rows, and those tied with the last of them */
    listed = n;
    if (opts->top > 0 && opts->top < n) {
        listed = opts->top;
        while (listed < n && same_group(&ctx, opts->ties, out->order[listed - 1],
                                        out->order[listed]))
            listed++;
    }
    out->n_listed_ranked = listed;
    out->n_listed = listed;
    if (opts->top == 0) {
        for (r = 0; r < keys->nrows; r++)
            if (!keys->has[r])
                out->order[out->n_listed++] = r;
    }
    return 0;
}

void lb_ranking_release(struct lb_ranking *r)
{
    free(r->order);
    free(r->rank2);
    free(r->shown);
    memset(r, 0, sizeof *r);
}

static const char *const ties_names[] = {"competition", "dense", "ordinal",
                                         "fractional", "exact"};

bool lb_ties_parse(const char *s, enum lb_ties *out)
{
    size_t i;

    for (i = 0; i < sizeof ties_names / sizeof ties_names[0]; i++) {
        if (strcmp(s, ties_names[i]) == 0) {
            *out = (enum lb_ties)i;
            return true;
        }
    }
    return false;
}

const char *lb_ties_name(enum lb_ties t)
{
    return ties_names[t];
}
