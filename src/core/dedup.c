/* dedup.c: --dedup best|latest, one row per model name. */
#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "base/xalloc.h"
#include "core/board.h"

static const char *const dedup_names[] = {"none", "best", "latest"};

bool lb_dedup_parse(const char *s, enum lb_dedup *out)
{
    size_t i;

    for (i = 0; i < sizeof dedup_names / sizeof dedup_names[0]; i++)
        if (strcmp(s, dedup_names[i]) == 0) {
            *out = (enum lb_dedup)i;
            return true;
        }
    return false;
}

const char *lb_dedup_name(enum lb_dedup d)
{
    return dedup_names[d];
}

size_t lb_dedup_date_column(const struct lb_table *t)
{
    static const char *const names[] = {"submitted", "submission_date",
                                        "upload_date", "date"};
    size_t i, col;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        col = lb_table_find(t, names[i]);
        if (col != LB_NPOS && col != t->model_col && t->cols[col].has_text)
            return col;
    }
    return LB_NPOS;
}

struct dedup_ctx {
    const struct lb_table *t;
    const uint32_t *pos; /* best: row -> position in the board's order */
    size_t date_col;     /* latest: the date column */
};

static int cmp_model(const struct lb_table *t, size_t a, size_t b)
{
    size_t la, lb;
    const char *na = lb_table_model(t, a, &la), *nb = lb_table_model(t, b, &lb);
    int c = memcmp(na, nb, la < lb ? la : lb);

    return c != 0 ? c : (la > lb) - (la < lb);
}

/* Rows of one model together, the one to keep first. */
static int cmp_rows(size_t a, size_t b, void *vctx)
{
    const struct dedup_ctx *x = vctx;
    int c = cmp_model(x->t, a, b);
    size_t la, lb;
    const char *da, *db;
    bool ma, mb;

    if (c != 0)
        return c;
    if (x->pos != NULL)
        return (x->pos[a] > x->pos[b]) - (x->pos[a] < x->pos[b]);
    da = lb_table_text(x->t, x->date_col, a, &la);
    db = lb_table_text(x->t, x->date_col, b, &lb);
    ma = lb_is_missing_text(da, la);
    mb = lb_is_missing_text(db, lb);
    if (ma != mb)
        return ma ? 1 : -1; /* a date beats none */
    if (!ma) {
        c = memcmp(da, db, la < lb ? la : lb);
        if (c == 0)
            c = (la > lb) - (la < lb);
        if (c != 0)
            return -c; /* the latest first */
    }
    return (a < b) - (a > b); /* the later row first */
}

int lb_dedup_rows(struct lb_table *t, const struct lb_board_opts *o,
                  size_t *dropped, size_t *date_col, struct lb_error *err)
{
    struct dedup_ctx ctx = {t, NULL, LB_NPOS};
    struct lb_board b;
    uint32_t *pos = NULL;
    size_t *idx, i, n = t->nrows, kept = 0;
    bool *keep;

    *dropped = 0;
    *date_col = LB_NPOS;
    if (o->dedup == LB_DEDUP_NONE)
        return 0;
    if (o->dedup == LB_DEDUP_LATEST) {
        ctx.date_col = lb_dedup_date_column(t);
        if (ctx.date_col == LB_NPOS)
            return lb_error_set(err,
                                LB_OPT("dedup") " latest: %s has no date "
                                "column "
                                "(submitted, submission_date, upload_date "
                                "or date)",
                                t->path);
        *date_col = ctx.date_col;
    } else {
        struct lb_board_opts whole = *o;

        whole.rank.top = 0; /* every row in the order */
        whole.ci.enabled = false;
        if (lb_board_compute(&b, t, &whole, err) != 0) {
            lb_board_release(&b);
            return -1;
        }
        pos = xreallocarray(NULL, n + 1, sizeof *pos);
        for (i = 0; i < b.ranking.n_listed; i++)
            pos[b.ranking.order[i]] = (uint32_t)i;
        lb_board_release(&b);
        ctx.pos = pos;
    }
    idx = xreallocarray(NULL, n + 1, sizeof *idx);
    keep = xcalloc(n + 1, sizeof *keep);
    for (i = 0; i < n; i++)
        idx[i] = i;
    lb_sort_indices(idx, n, cmp_rows, &ctx);
    for (i = 0; i < n; i++)
        if (i == 0 || cmp_model(t, idx[i - 1], idx[i]) != 0) {
            keep[idx[i]] = true;
            kept++;
        }
    *dropped = n - kept;
    if (kept < n)
        lb_table_retain(t, keep);
    free(idx);
    free(keep);
    free(pos);
    return 0;
}
