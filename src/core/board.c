#include "core/board.h"

#include <string.h>

void lb_board_opts_init(struct lb_board_opts *o)
{
    memset(o, 0, sizeof *o);
    o->missing = LB_MISSING_EXCLUDE;
    o->rank.ties = LB_TIES_COMPETITION;
    o->rank.precision = 2;
}

int lb_board_compute(struct lb_board *b, const struct lb_table *t,
                     const struct lb_board_opts *o, struct lb_error *err)
{
    const struct lb_aggregate *key;
    struct lb_keys keys;

    memset(b, 0, sizeof *b);
    b->table = t;
    b->opts = *o;
    if (lb_select(t, &o->select, &b->sel, err) != 0 ||
        lb_aggregate_mean(t, &b->sel, o->missing, &b->mean, err) != 0)
        return -1;
    key = &b->mean;
    if (b->sel.sort_col != LB_NPOS) {
        lb_aggregate_column(t, b->sel.sort_col, &b->by_column);
        key = &b->by_column;
    }
    keys.nrows = t->nrows;
    keys.scale = key->scale;
    keys.value = key->mean;
    keys.has = key->has_mean;
    return lb_rank(t, &keys, &o->rank, &b->ranking, err);
}

void lb_board_release(struct lb_board *b)
{
    lb_ranking_release(&b->ranking);
    lb_aggregate_release(&b->by_column);
    lb_aggregate_release(&b->mean);
    lb_selection_release(&b->sel);
    b->table = NULL;
}
