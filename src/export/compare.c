/* compare.c: rank --compare-methods as a table view (see compare.h). */
#include "export/compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "export/meta.h"
#include "export/ranking_words.h"

#define TAU_LABEL "Kendall's tau-b"

struct compare_view {
    const struct lb_board *b;
    const struct lb_compare *c;
};

static int compare_cells(const struct lb_view *v, size_t i,
                         struct lb_cell *cells, struct lb_error *err)
{
    const struct compare_view *C = v->data;
    const struct lb_ranking *k = &C->b->ranking;
    size_t j, len;
    const char *m;

    (void)err;
    if (i >= v->nrows) { /* the summary row: tau-b of each order */
        lb_cell_word(&cells[0], TAU_LABEL);
        for (j = 0; j < C->c->n; j++)
            lb_cell_double(&cells[j + 1], C->c->orders[j].tau, 3);
        return 0;
    }
    m = lb_table_model(C->b->table, k->order[i], &len);
    lb_cell_text(&cells[0], m, len);
    for (j = 0; j < C->c->n; j++)
        lb_cell_rank(&cells[j + 1], C->c->orders[j].rank2[k->order[i]]);
    return 0;
}

/* The title and the footer sentences. */
static void title(const struct lb_board *b, const struct lb_compare *c,
                  struct lb_buf *out)
{
    size_t i, methods = 0;

    for (i = 0; i < c->n; i++)
        methods += !c->orders[i].leave_out;
    lb_buf_addf(out, "Ranks under %zu method%s", methods,
                methods == 1 ? "" : "s");
    if (c->n > methods)
        lb_buf_adds(out, " and with each benchmark left out (w/o NAME)");
    lb_buf_adds(out, ". The board: ");
    lb_ranking_title(b, out);
    lb_buf_addc(out, '\n');
}

static void footer(const struct lb_board *b, const struct lb_compare *c,
                   struct lb_buf *out)
{
    struct lb_model_counts m;

    /* rows are the models only when each has a model of its own */
    lb_board_models(b, &m);
    lb_buf_addf(out, "%s: agreement of each order with the %s order (1: the "
                     "same, -1: reversed), over the %ss ranked by both.\n",
                TAU_LABEL, c->orders[0].name,
                lb_models_are_rows(&m, b->ranking.nrows) ? "model" : "row");
    if (c->skipped.len > 0) {
        lb_buf_adds(out, "Not compared: ");
        lb_error_render(out, lb_buf_str(&c->skipped), "--");
        lb_buf_adds(out, ".\n");
    }
    if (b->opts.rank.ties == LB_TIES_EXACT || b->opts.rank.ties == LB_TIES_ORDINAL)
        lb_buf_addf(out, "Ranks: --ties %s.\n", lb_ties_name(b->opts.rank.ties));
    else
        lb_buf_addf(out, "Scores equal at %u decimal%s share a rank (%s).\n",
                    b->opts.rank.precision,
                    b->opts.rank.precision == 1 ? "" : "s",
                    lb_ties_name(b->opts.rank.ties));
}

static struct lb_meta *compare_meta(const struct lb_board *b,
                                    const struct lb_compare *c)
{
    const struct lb_table *t = b->table;
    struct lb_meta *m = lb_meta_new(), *list;
    size_t j;

    list = lb_meta_list(m, "benchmarks");
    for (j = 0; j < b->sel.nbench; j++)
        lb_meta_str(list, NULL, t->cols[b->sel.bench[j]].name);
    lb_meta_str(m, "reference", c->orders[0].name);
    list = lb_meta_list(m, "orders");
    for (j = 0; j < c->n; j++) {
        const struct lb_order *o = &c->orders[j];
        struct lb_meta *it = lb_meta_object(list, NULL);
        char buf[64];

        lb_meta_str(it, "name", o->name);
        lb_meta_str_or_null(it, "left_out", o->leave_out ? o->name + 4 : NULL);
        lb_meta_uint(it, "ranked", o->ranked);
        lb_meta_uint(it, "common", o->common);
        if (isnan(o->tau)) {
            lb_meta_null(it, "tau_b");
        } else {
            snprintf(buf, sizeof buf, "%.3f", o->tau);
            lb_meta_num(it, "tau_b", strcmp(buf, "-0.000") == 0 ? "0.000" : buf);
        }
    }
    if (c->skipped.len > 0) {
        struct lb_buf why = LB_BUF_INIT;

        lb_error_render(&why, lb_buf_str(&c->skipped), "--");
        lb_meta_strn(m, "not_compared", why.data, why.len);
        lb_buf_release(&why);
    } else {
        lb_meta_null(m, "not_compared");
    }
    return m;
}

int lb_view_compare(struct lb_view *v, const struct lb_board *b,
                    const struct lb_compare *c, enum lb_audience a,
                    struct lb_error *err)
{
    struct compare_view *C = xmalloc(sizeof *C);
    struct lb_view_col *col;
    size_t j;

    (void)err;
    lb_view_init(v, a);
    C->b = b;
    C->c = c;
    lb_view_bind(v, C, free, compare_cells);
    v->heading = "Ranks under every method";
    v->nrows = b->ranking.n_listed;
    col = lb_view_add_col(v, "Model", "model");
    col->names = true;
    for (j = 0; j < c->n; j++) {
        col = lb_view_add_num(v, c->orders[j].name, c->orders[j].name, -1);
        if (a == LB_FOR_TREES)
            col->group = "ranks";
    }
    if (a == LB_FOR_PEOPLE) {
        v->nsummary = 1;
        title(b, c, &v->title);
        footer(b, c, &v->footer);
    }
    if (a == LB_FOR_TREES)
        v->meta = compare_meta(b, c);
    return 0;
}
