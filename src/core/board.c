#include "core/board.h"

#include <string.h>

#include "core/catalog.h"

void lb_board_opts_init(struct lb_board_opts *o)
{
    memset(o, 0, sizeof *o);
    o->missing = LB_MISSING_EXCLUDE;
    o->rank.ties = LB_TIES_COMPETITION;
    o->rank.precision = 2;
    o->ci.draws = LB_CI_DRAWS;
    o->ci.seed = LB_CI_SEED;
}

enum lb_method lb_board_method(const struct lb_board_opts *o)
{
    enum lb_method m = LB_METHOD_MEAN;

    if (o->method.given || o->select.suite == NULL)
        return o->method.method;
    (void)lb_method_parse(o->select.suite->method, &m);
    return m;
}

int lb_board_compute(struct lb_board *b, const struct lb_table *t,
                     const struct lb_board_opts *o, struct lb_error *err)
{
    const struct lb_aggregate *key;
    struct lb_rank_opts ro = o->rank;

    memset(b, 0, sizeof *b);
    b->table = t;
    b->opts = *o;
    b->opts.method.method = lb_board_method(o);
    b->date_col = LB_NPOS;
    if (lb_select(t, &o->select, &b->sel, err) != 0 ||
        lb_aggregate_compute(t, &b->sel, o->missing, &b->opts.method, &b->mean,
                             err) != 0)
        return -1;
    /* weighted without a weight would silently be the mean */
    if (b->opts.method.method == LB_METHOD_WEIGHTED &&
        !lb_method_has_weights(t, b->sel.bench, b->sel.nbench,
                               &b->opts.method))
        return lb_error_set(err, LB_OPT("method") " weighted: no weights: "
                                 "give them with " LB_OPT("weights")
                                 " A=W,... or as a benchmark's \"weight\" in "
                                 "the schema (" LB_OPT("schema") " FILE or "
                                 "NAME.schema.json beside the file)");
    key = &b->mean;
    if (b->sel.sort_col != LB_NPOS) {
        lb_aggregate_column(t, b->sel.sort_col, &b->by_column);
        key = &b->by_column;
        /* --ascending orders the column lowest first whatever it is */
        ro.ascending = o->rank.ascending || key->lower_better;
    } else {
        ro.ascending = key->lower_better; /* mean rank, a mean WER */
    }
    b->lower_better = ro.ascending;
    if (lb_rank(t, key, &ro, &b->ranking, err) != 0)
        return -1;
    if (!o->ci.enabled)
        return 0;
    if (b->sel.sort_col != LB_NPOS)
        return lb_error_set(err, LB_OPT("ci") ": intervals are for the "
                                 "aggregate of the benchmarks, not for "
                                 LB_OPT("sort"));
    return lb_ci_compute(&b->mean, &b->ranking, ro.ascending, &o->ci, &b->ci,
                         err);
}

void lb_board_release(struct lb_board *b)
{
    lb_ci_release(&b->ci);
    lb_ranking_release(&b->ranking);
    lb_aggregate_release(&b->by_column);
    lb_aggregate_release(&b->mean);
    lb_selection_release(&b->sel);
    b->table = NULL;
}

#define REASON_NAMES 4 /* missing benchmarks named before "and N more" */

void lb_board_reason(const struct lb_board *b, size_t row, struct lb_buf *out)
{
    const struct lb_table *t = b->table;
    const struct lb_selection *sel = &b->sel;
    size_t i, named = 0, missing;

    if (sel->sort_col != LB_NPOS) {
        lb_buf_addf(out, "no %s value", t->cols[sel->sort_col].name);
        return;
    }
    if (lb_aggregate_why_none(&b->mean, row, out))
        return;
    missing = sel->nbench - lb_aggregate_present(&b->mean, row);
    if (missing == sel->nbench) {
        lb_buf_adds(out, "no scores");
        return;
    }
    lb_buf_adds(out, "missing ");
    for (i = 0; i < sel->nbench && named < REASON_NAMES; i++) {
        const struct lb_column *c = &t->cols[sel->bench[i]];

        if (!lb_column_missing(c, row))
            continue;
        lb_buf_addf(out, "%s%s", named ? ", " : "", c->name);
        named++;
    }
    if (missing > named)
        lb_buf_addf(out, " and %zu more", missing - named);
}

bool lb_board_has_ci(const struct lb_board *b)
{
    return b->opts.ci.enabled && b->ci.available;
}

bool lb_board_marked(const struct lb_board *b, size_t row)
{
    if (b->opts.missing == LB_MISSING_EXCLUDE ||
        !lb_aggregate_has(&b->mean, row))
        return false;
    return lb_aggregate_present(&b->mean, row) < b->sel.nbench;
}
