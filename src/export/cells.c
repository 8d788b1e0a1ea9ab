#include "export/cells.h"

#include <string.h>

#include "base/decimal.h"
#include "base/xalloc.h"

struct cell_col *cells_columns(const struct lb_board *r, size_t *n)
{
    const struct lb_selection *sel = &r->sel;
    const struct lb_table *t = r->table;
    size_t total = 3 + sel->nextra + sel->nbench, k = 0, i;
    struct cell_col *cols = xcalloc(total, sizeof *cols);

    cols[k++] = (struct cell_col){CELL_RANK, 0, true, true, "Rank"};
    cols[k++] = (struct cell_col){CELL_MODEL, t->model_col, false, false,
                                  "Model"};
    cols[k++] = (struct cell_col){CELL_MEAN, 0, true, true, "Average"};
    /* an extra column is shown as written when its text is kept (params_b
     * stays "13.0"), else as a number at the precision */
    for (i = 0; i < sel->nextra; i++) {
        const struct lb_column *c = &t->cols[sel->extra[i]];

        cols[k++] = (struct cell_col){CELL_EXTRA, sel->extra[i], !c->has_text,
                                      c->numeric, c->name};
    }
    for (i = 0; i < sel->nbench; i++)
        cols[k++] = (struct cell_col){CELL_BENCH, sel->bench[i], true, true,
                                      t->cols[sel->bench[i]].name};
    *n = k;
    return cols;
}

static int add_number(const struct lb_board *r, lb_i128 num, uint32_t den,
                      unsigned scale, size_t row, struct lb_buf *out,
                      struct lb_error *err)
{
    char buf[LB_DEC_BUFSIZE];
    lb_i128 q;

    if (!lb_dec_round(num, den, scale, r->opts.rank.precision, &q))
        return lb_error_set(err, "%s:%zu: a value is too large to round at "
                                 "%u decimals",
                            r->table->path, lb_table_line(r->table, row),
                            r->opts.rank.precision);
    lb_buf_add(out, buf, lb_dec_format(buf, q, r->opts.rank.precision));
    return 1;
}

static int add_mean(const struct lb_board *r, size_t row, struct lb_buf *out,
                    struct lb_error *err)
{
    char buf[LB_DEC_BUFSIZE];
    lb_i128 q;

    if (!lb_aggregate_round(&r->mean, row, r->opts.rank.precision, &q))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            r->table->path, lb_table_line(r->table, row),
                            r->opts.rank.precision);
    lb_buf_add(out, buf, lb_dec_format(buf, q, r->opts.rank.precision));
    return 1;
}

void lb_format_rank(struct lb_buf *out, int64_t rank2)
{
    if (rank2 % 2 == 0)
        lb_buf_addf(out, "%lld", (long long)(rank2 / 2));
    else
        lb_buf_addf(out, "%lld.5", (long long)(rank2 / 2));
}

int cells_value(const struct lb_board *r, const struct cell_col *c,
                size_t row, struct lb_buf *out, struct lb_error *err)
{
    const struct lb_table *t = r->table;
    const struct lb_column *col;
    const char *s;
    size_t len;

    switch (c->kind) {
    case CELL_RANK:
        if (r->ranking.rank2[row] == 0)
            return 0;
        lb_format_rank(out, r->ranking.rank2[row]);
        return 1;
    case CELL_MODEL:
        s = lb_table_model(t, row, &len);
        lb_buf_add(out, s, len);
        return 1;
    case CELL_MEAN:
        if (!lb_aggregate_has(&r->mean, row))
            return 0;
        return add_mean(r, row, out, err);
    case CELL_EXTRA:
    case CELL_BENCH:
        col = &t->cols[c->col];
        if (!c->numeric) {
            s = lb_table_text(t, c->col, row, &len);
            if (len == 0)
                return 0;
            lb_buf_add(out, s, len);
            return 1;
        }
        if (lb_column_missing(col, row))
            return 0;
        return add_number(r, lb_column_num(col, row), 1, col->scale, row, out, err);
    }
    return 0;
}

bool cells_mean_is_marked(const struct lb_board *r, size_t row)
{
    return r->opts.missing != LB_MISSING_EXCLUDE && lb_aggregate_has(&r->mean, row) &&
           r->mean.present[row] < r->sel.nbench;
}

void cells_title(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_table *t = r->table;
    const struct lb_selection *sel = &r->sel;
    size_t i;

    if (sel->sort_col != LB_NPOS)
        lb_buf_addf(out, "Ranked by %s%s. ", t->cols[sel->sort_col].name,
                    r->opts.rank.ascending ? " (lowest first)" : "");
    else if (r->opts.rank.ascending)
        lb_buf_adds(out, "Ranked lowest first. ");
    lb_buf_addf(out, "Average of %zu benchmark%s", sel->nbench,
                sel->nbench == 1 ? "" : "s");
    if (sel->suite != NULL)
        lb_buf_addf(out, " (%s)", sel->suite->title);
    lb_buf_adds(out, ": ");
    for (i = 0; i < sel->nbench; i++)
        lb_buf_addf(out, "%s%s", i ? ", " : "", t->cols[sel->bench[i]].name);
}

size_t cells_footer(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_ranking *k = &r->ranking;
    size_t lines = 0, unranked = k->nrows - k->n_ranked, i;
    bool marked = false;

    lb_buf_addf(out, "%zu of %zu model%s ranked", k->n_ranked, k->nrows,
                k->nrows == 1 ? "" : "s");
    if (unranked > 0) {
        if (r->sel.sort_col != LB_NPOS)
            lb_buf_addf(out, "; %zu not ranked: no %s value", unranked,
                        r->table->cols[r->sel.sort_col].name);
        else if (r->opts.missing == LB_MISSING_EXCLUDE)
            lb_buf_addf(out,
                        "; %zu not ranked: a benchmark score is missing "
                        "(--missing exclude)",
                        unranked);
        else
            lb_buf_addf(out, "; %zu not ranked: no scores", unranked);
    }
    lb_buf_adds(out, ".\n");
    lines++;
    if (r->opts.rank.ties == LB_TIES_EXACT)
        lb_buf_adds(out, "Only exactly equal scores share a rank (exact).\n");
    else if (r->opts.rank.ties == LB_TIES_ORDINAL)
        lb_buf_adds(out, "Every model has its own rank; ties are ordered by "
                         "exact score, then name (ordinal).\n");
    else
        lb_buf_addf(out, "Scores equal at %u decimal%s share a rank (%s).\n",
                    r->opts.rank.precision, r->opts.rank.precision == 1 ? "" : "s",
                    lb_ties_name(r->opts.rank.ties));
    lines++;
    if (r->opts.rank.top > 0 && k->n_listed_ranked < k->n_ranked) {
        lb_buf_addf(out, "Showing the first %zu ranked model%s (--top %zu).\n",
                    k->n_listed_ranked, k->n_listed_ranked == 1 ? "" : "s",
                    r->opts.rank.top);
        lines++;
    }
    for (i = 0; i < k->n_listed; i++)
        if (cells_mean_is_marked(r, k->order[i]))
            marked = true;
    if (marked) {
        lb_buf_adds(out, r->opts.missing == LB_MISSING_PARTIAL
                             ? "* mean of the scores present (--missing partial)\n"
                             : "* missing scores counted as 0 (--missing zero)\n");
        lines++;
    }
    return lines;
}

bool cells_formula_like(const char *s, size_t len)
{
    return len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                       s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}
