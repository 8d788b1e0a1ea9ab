#include "export/cells.h"

#include <stdio.h>
#include <string.h>

#include "base/decimal.h"
#include "base/utf8.h"
#include "export/export.h"
#include "base/xalloc.h"
#include "core/aggregate.h"

struct cell_col *cells_columns(const struct lb_board *r, size_t *n)
{
    const struct lb_selection *sel = &r->sel;
    const struct lb_table *t = r->table;
    size_t total = 9 + sel->nextra + sel->nbench, k = 0, i;
    struct cell_col *cols = xcalloc(total, sizeof *cols);

    cols[k++] = (struct cell_col){CELL_RANK, 0, true, true, "Rank"};
    cols[k++] = (struct cell_col){CELL_MODEL, t->model_col, false, false,
                                  "Model"};
    cols[k++] = (struct cell_col){CELL_MEAN, 0, true, true,
                                  lb_method_header(r->mean.method)};
    if (cells_has_ci(r)) {
        static const char *const names[] = {"CI low",    "CI high",
                                            "Rank low",  "Rank high",
                                            "UB rank",   "P(rank 1)"};

        for (i = 0; i < 6; i++)
            cols[k++] = (struct cell_col){(enum cell_col_kind)(CELL_CI_LO + i),
                                          0, true, true, names[i]};
    }
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

/* value * 10^-scale written at the precision into out->num. */
static int put_scaled(const struct lb_board *r, lb_i128 v, unsigned scale,
                      size_t row, struct cell *out, struct lb_error *err)
{
    unsigned p = r->opts.rank.precision;
    int64_t m;
    lb_i128 q;

    if (p >= scale && v >= INT64_MIN && v <= INT64_MAX &&
        !__builtin_mul_overflow((int64_t)v, lb_pow10[p - scale], &m))
        q = m; /* the common case: no rounding, 64 bits */
    else if (!lb_dec_round(v, 1, scale, p, &q))
        return lb_error_set(err, "%s:%zu: a value is too large to round at "
                                 "%u decimals",
                            r->table->path, lb_table_line(r->table, row), p);
    out->len = lb_dec_format(out->num, q, p);
    out->s = out->num;
    out->kind = CELL_IS_NUMBER;
    return 0;
}

static int put_mean(const struct lb_board *r, size_t row, struct cell *out,
                    struct lb_error *err)
{
    lb_i128 q;

    if (!lb_aggregate_round(&r->mean, row, r->opts.rank.precision, &q))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            r->table->path, lb_table_line(r->table, row),
                            r->opts.rank.precision);
    out->len = lb_dec_format(out->num, q, r->opts.rank.precision);
    out->s = out->num;
    out->kind = CELL_IS_NUMBER;
    return 0;
}

bool cells_has_ci(const struct lb_board *r)
{
    return r->opts.ci.enabled && r->ci.available;
}

const char *cells_key(const struct lb_board *r, const struct cell_col *c)
{
    static const char *const keys[] = {"ci_low",    "ci_high", "rank_low",
                                       "rank_high", "rank_ub", "p_rank1"};

    switch (c->kind) {
    case CELL_RANK:
        return "rank";
    case CELL_MODEL:
        return "model";
    case CELL_MEAN:
        return lb_method_key(r->mean.method);
    case CELL_EXTRA:
    case CELL_BENCH:
        return c->name;
    default:
        return keys[c->kind - CELL_CI_LO];
    }
}

/* An interval's bound at the precision ("-0.00" shows as "0.00"). */
static void put_double(const struct lb_board *r, double v, struct cell *out)
{
    int n = snprintf(out->num, sizeof out->num, "%.*f",
                     (int)r->opts.rank.precision, v);

    if (n < 0 || (size_t)n >= sizeof out->num) {
        out->len = 0;
        return;
    }
    out->len = (size_t)n;
    if (out->num[0] == '-' && strspn(out->num + 1, "0.") == out->len - 1) {
        memmove(out->num, out->num + 1, out->len);
        out->len--;
    }
    out->s = out->num;
    out->kind = CELL_IS_NUMBER;
}

static void put_uint(uint64_t v, struct cell *out)
{
    out->len = lb_format_uint(out->num, v);
    out->s = out->num;
    out->kind = CELL_IS_NUMBER;
}

/* The cells of the intervals; nothing for a row without them. */
static int put_ci(const struct lb_board *r, const struct cell_col *c,
                  size_t row, struct cell *out)
{
    const struct lb_ci *ci = &r->ci;
    lb_i128 q;

    if (!ci->has[row])
        return 0;
    switch (c->kind) {
    case CELL_CI_LO:
        put_double(r, ci->lo[row], out);
        break;
    case CELL_CI_HI:
        put_double(r, ci->hi[row], out);
        break;
    case CELL_RANK_LO:
        put_uint(ci->rank_lo[row], out);
        break;
    case CELL_RANK_HI:
        put_uint(ci->rank_hi[row], out);
        break;
    case CELL_RANK_UB:
        put_uint(ci->rank_ub[row], out);
        break;
    default: /* CELL_P_FIRST: draws ranked first / draws, at 3 decimals */
        (void)lb_dec_round(ci->first[row], (uint32_t)ci->draws, 0, 3, &q);
        out->len = lb_dec_format(out->num, q, 3);
        out->s = out->num;
        out->kind = CELL_IS_NUMBER;
        break;
    }
    return 0;
}

size_t lb_format_rank_to(char *buf, int64_t rank2)
{
    size_t n = lb_format_uint(buf, (uint64_t)(rank2 / 2));

    if (rank2 % 2 != 0) {
        memcpy(buf + n, ".5", 3);
        n += 2;
    }
    return n;
}

void lb_format_rank(struct lb_buf *out, int64_t rank2)
{
    char buf[32];

    lb_buf_add(out, buf, lb_format_rank_to(buf, rank2));
}

int cells_get(const struct lb_board *r, const struct cell_col *c, size_t row,
              struct cell *out, struct lb_error *err)
{
    const struct lb_table *t = r->table;
    const struct lb_column *col;

    out->kind = CELL_IS_MISSING;
    out->s = "";
    out->len = 0;
    switch (c->kind) {
    case CELL_RANK:
        if (r->ranking.rank2[row] != 0) {
            out->len = lb_format_rank_to(out->num, r->ranking.rank2[row]);
            out->s = out->num;
            out->kind = CELL_IS_NUMBER;
        }
        return 0;
    case CELL_MODEL:
        out->s = lb_table_model(t, row, &out->len);
        out->kind = CELL_IS_TEXT;
        return 0;
    case CELL_MEAN:
        if (!lb_aggregate_has(&r->mean, row))
            return 0;
        return put_mean(r, row, out, err);
    case CELL_EXTRA:
    case CELL_BENCH:
        col = &t->cols[c->col];
        if (!c->numeric) {
            out->s = lb_table_text(t, c->col, row, &out->len);
            if (out->len > 0)
                out->kind = CELL_IS_TEXT;
            return 0;
        }
        if (lb_column_missing(col, row))
            return 0;
        return put_scaled(r, lb_column_num(col, row), col->scale, row, out, err);
    default:
        return put_ci(r, c, row, out);
    }
}

static void put_text(const char *s, size_t len, struct lb_buf *out,
                     cells_escape_fn escape)
{
    if (escape != NULL)
        escape(out, s, len);
    else
        lb_buf_add(out, s, len);
}

int cells_put(const struct lb_board *r, const struct cell_col *c, size_t row,
              struct lb_buf *out, cells_escape_fn escape, struct lb_error *err)
{
    size_t len;
    const char *s;
    const struct lb_table *t = r->table;
    const struct lb_column *col;
    unsigned p = r->opts.rank.precision;
    lb_i128 q;
    int64_t m;

    switch (c->kind) {
    case CELL_RANK:
        if (r->ranking.rank2[row] != 0) {
            lb_buf_reserve(out, 32);
            out->len += lb_format_rank_to(out->data + out->len,
                                          r->ranking.rank2[row]);
        }
        return 0;
    case CELL_MEAN: {
        lb_i128 num;
        uint32_t den;

        if (!lb_aggregate_get(&r->mean, row, &num, &den))
            return 0;
        if (!lb_fraction_round(num, den, r->mean.scale, p, &q))
            return lb_error_set(err, "%s:%zu: the average is too large to "
                                     "round at %u decimals",
                                t->path, lb_table_line(t, row), p);
        break;
    }
    case CELL_EXTRA:
    case CELL_BENCH:
        if (c->numeric) {
            col = &t->cols[c->col];
            if (lb_column_missing(col, row))
                return 0;
            if (p >= col->scale &&
                !__builtin_mul_overflow(lb_column_num(col, row),
                                        lb_pow10[p - col->scale], &m))
                q = m; /* the common case: no rounding, 64 bits */
            else if (!lb_dec_round(lb_column_num(col, row), 1, col->scale, p,
                                   &q))
                return lb_error_set(err, "%s:%zu: a value is too large to "
                                         "round at %u decimals",
                                    t->path, lb_table_line(t, row), p);
            break;
        }
        s = lb_table_text(t, c->col, row, &len);
        put_text(s, len, out, escape);
        return 0;
    case CELL_MODEL:
        s = lb_table_model(t, row, &len);
        put_text(s, len, out, escape);
        return 0;
    default: {
        struct cell v;

        (void)put_ci(r, c, row, &v);
        if (r->ci.has[row])
            lb_buf_add(out, v.s, v.len);
        return 0;
    }
    }
    /* a number: formatted in place */
    lb_buf_reserve(out, LB_DEC_BUFSIZE);
    out->len += lb_dec_format(out->data + out->len, q, p);
    return 0;
}

bool cells_mean_is_marked(const struct lb_board *r, size_t row)
{
    uint32_t present;

    if (r->opts.missing == LB_MISSING_EXCLUDE || !lb_aggregate_has(&r->mean, row))
        return false;
    (void)lb_aggregate_sum(&r->mean, row, &present);
    return present < r->sel.nbench;
}

void cells_value_phrase(const struct lb_board *r, struct lb_buf *out,
                        bool capital)
{
    static const char *const what[LB_METHOD_COUNT] = {
        "average of", "weighted mean of", "normalized mean of",
        "geometric mean of", "mean rank over", "mean win rate (HELM) over"};
    const char *w = what[r->mean.method];
    size_t n = r->sel.nbench;

    lb_buf_addc(out, capital ? (char)(w[0] - 'a' + 'A') : w[0]);
    lb_buf_addf(out, "%s %zu benchmark%s", w + 1, n, n == 1 ? "" : "s");
}

/* What one benchmark brings to the value, after its name: " x2", "
 * (baseline 25)", " (lower is better)". */
static void bench_note(const struct lb_board *r, size_t k, bool all_published,
                       struct lb_buf *out)
{
    const struct lb_term *tm = r->mean.terms ? &r->mean.terms[k] : NULL;
    char buf[LB_DEC_BUFSIZE];

    if (tm == NULL)
        return;
    if (r->mean.method == LB_METHOD_WEIGHTED) {
        lb_dec_format(buf, tm->weight.units, tm->weight.scale);
        lb_buf_addf(out, " x%s", buf);
    }
    if (r->mean.method == LB_METHOD_NORMALIZED && !all_published) {
        if (tm->as_published) {
            lb_buf_adds(out, " (published normalized)");
        } else {
            lb_dec_format(buf, tm->baseline.units, tm->baseline.scale);
            lb_buf_addf(out, " (baseline %s)", buf);
        }
    }
    if (tm->lower)
        lb_buf_adds(out, " (lower is better)");
}

void cells_title(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_table *t = r->table;
    const struct lb_selection *sel = &r->sel;
    enum lb_method m = r->mean.method;
    bool all_published = m == LB_METHOD_NORMALIZED;
    size_t i;

    for (i = 0; all_published && i < sel->nbench; i++)
        all_published = r->mean.terms[i].as_published;
    if (sel->sort_col != LB_NPOS)
        lb_buf_addf(out, "Ranked by %s%s. ", t->cols[sel->sort_col].name,
                    r->opts.rank.ascending ? " (lowest first)" : "");
    else if (r->opts.rank.ascending)
        lb_buf_adds(out, "Ranked lowest first. ");
    cells_value_phrase(r, out, true);
    if (sel->suite != NULL)
        lb_buf_addf(out, " (%s)", sel->suite->title);
    if (m == LB_METHOD_NORMALIZED)
        lb_buf_adds(out, ", 0 = random guess, 100 = perfect");
    else if (m == LB_METHOD_MEAN_RANK)
        lb_buf_adds(out, ", 1 = best");
    else if (m == LB_METHOD_WIN_RATE)
        lb_buf_adds(out, ", 0 to 1");
    lb_buf_adds(out, ": ");
    for (i = 0; i < sel->nbench; i++) {
        lb_buf_addf(out, "%s%s", i ? ", " : "", t->cols[sel->bench[i]].name);
        bench_note(r, i, all_published, out);
    }
    if (all_published && sel->nbench > 0)
        lb_buf_addf(out, " (%spublished normalized)",
                    sel->nbench > 1 ? "all " : "");
}

/* What the intervals are, or why there are none. */
static size_t ci_footer(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_ci *ci = &r->ci;
    size_t lines = 0;

    if (!ci->available) {
        lb_buf_addf(out, "No intervals: no standard error for %s (give "
                         "NAME_stderr columns or --stderr NAME=VALUE).\n",
                    lb_buf_str(&ci->lacking));
        return 1;
    }
    if (ci->analytic)
        lb_buf_addf(out, "CI: 95%% interval of the %s, +- 1.96 standard "
                         "errors (sqrt of the sum of the scores' squared "
                         "errors, weighted as they are, over their count); "
                         "errors from %s.\n",
                    r->mean.method == LB_METHOD_MEAN ? "average" : "value",
                    lb_buf_str(&ci->sources));
    else
        lb_buf_addf(out, "CI: 2.5th to 97.5th percentile of the value in "
                         "the draws; errors from %s.\n",
                    lb_buf_str(&ci->sources));
    lb_buf_addf(out, "Rank low-high: 2.5th to 97.5th percentile of the rank "
                     "in %zu parametric bootstrap draws (seed %llu); "
                     "P(rank 1): the share of draws that rank the model "
                     "first.\n",
                ci->draws, (unsigned long long)ci->seed);
    lb_buf_adds(out, "UB rank: 1 + the models whose interval lies entirely "
                     "above (Chatbot Arena's upper-bound rank).\n");
    lines += 3;
    if (ci->no_se > 0) {
        lb_buf_addf(out, "%zu ranked model%s a standard error for a score: "
                         "no interval (its scores stay fixed in the draws).\n",
                    ci->no_se, ci->no_se == 1 ? " lacks" : "s lack");
        lines++;
    }
    return lines;
}

size_t cells_footer(const struct lb_board *r, struct lb_buf *out)
{
    const struct lb_ranking *k = &r->ranking;
    size_t lines = 0, unranked = k->nrows - k->n_ranked, i, why[3] = {0};
    bool marked = false;

    lb_buf_addf(out, "%zu of %zu model%s ranked", k->n_ranked, k->nrows,
                k->nrows == 1 ? "" : "s");
    for (i = 0; r->mean.why != NULL && r->sel.sort_col == LB_NPOS &&
                i < r->table->nrows;
         i++)
        if (r->mean.why[i] < 3)
            why[r->mean.why[i]]++;
    if (unranked > 0 && (why[1] > 0 || why[2] > 0)) {
        size_t lack = unranked - why[1] - why[2];
        const char *sep = "";

        lb_buf_addf(out, "; %zu not ranked: ", unranked);
        if (lack > 0) {
            if (r->opts.missing == LB_MISSING_EXCLUDE)
                lb_buf_addf(out, "%zu lack%s a benchmark score (--missing "
                                 "exclude)",
                            lack, lack == 1 ? "s" : "");
            else
                lb_buf_addf(out, "%zu ha%s no scores", lack,
                            lack == 1 ? "s" : "ve");
            sep = ", ";
        }
        if (why[1] > 0) {
            lb_buf_addf(out, "%s%zu with a score that counts as 0 (the "
                             "geometric mean is undefined)",
                        sep, why[1]);
            sep = ", ";
        }
        if (why[2] > 0)
            lb_buf_addf(out, "%s%zu only in benchmarks that fewer than 2 "
                             "models have",
                        sep, why[2]);
    } else if (unranked > 0) {
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
    if (r->n_filtered > 0) {
        lb_buf_addf(out, "%zu row%s left out by --where '%s'.\n", r->n_filtered,
                    r->n_filtered == 1 ? "" : "s", r->opts.where);
        lines++;
    }
    if (r->n_duplicates > 0) {
        lb_buf_addf(out, "%zu row%s left out by --dedup %s: one row per model, ",
                    r->n_duplicates, r->n_duplicates == 1 ? "" : "s",
                    lb_dedup_name(r->opts.dedup));
        if (r->date_col != LB_NPOS)
            lb_buf_addf(out, "its latest by %s.\n",
                        r->table->cols[r->date_col].name);
        else
            lb_buf_adds(out, "its best.\n");
        lines++;
    }
    if (r->opts.ci.enabled) {
        lines += ci_footer(r, out);
    }
    if (r->mean.rounded) {
        lb_buf_adds(out, "Win rates are rounded at 18 decimals (their exact "
                         "common denominator does not fit in 32 bits).\n");
        lines++;
    }
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

size_t cells_put_nonascii(struct lb_buf *out, const char *s, size_t len,
                          const char *invalid, bool show)
{
    uint32_t cp;
    size_t n = lb_utf8_decode(s, len, &cp);

    if (n == 0) {
        lb_buf_adds(out, invalid);
        return 1;
    }
    if (lb_utf8_is_unsafe(cp)) {
        if (show)
            lb_buf_addf(out, "\\u%04X", (unsigned)cp);
        else
            lb_buf_adds(out, invalid);
    } else {
        lb_buf_add(out, s, n);
    }
    return n;
}

bool cells_formula_like(const char *s, size_t len)
{
    return lb_text_formula_like(s, len); /* one rule, base/utf8.h */
}

void cells_prefetch_far(const struct lb_board *r, const struct cell_col *cols,
                        size_t ncols, size_t row)
{
    const struct lb_table *t = r->table;
    size_t j;

    __builtin_prefetch(&r->ranking.rank2[row]);
    for (j = 0; j < ncols; j++) {
        const struct lb_column *c;

        if (cols[j].kind != CELL_MODEL && cols[j].kind != CELL_EXTRA &&
            cols[j].kind != CELL_BENCH)
            continue;
        c = &t->cols[cols[j].col];
        if (c->has_text && !cols[j].numeric)
            __builtin_prefetch(&c->text_off[row]);
        if (cols[j].numeric) {
            lb_column_prefetch(c, row);
        }
    }
}

void cells_prefetch_near(const struct lb_board *r, const struct cell_col *cols,
                         size_t ncols, size_t row)
{
    const struct lb_table *t = r->table;
    size_t j;

    for (j = 0; j < ncols; j++) {
        const struct lb_column *c;

        if ((cols[j].kind != CELL_MODEL && cols[j].kind != CELL_EXTRA &&
             cols[j].kind != CELL_BENCH) ||
            cols[j].numeric)
            continue;
        c = &t->cols[cols[j].col];
        if (c->has_text)
            __builtin_prefetch(c->text + c->text_off[row]);
    }
}

void cells_prefetch(const struct lb_board *r, const struct cell_col *cols,
                    size_t ncols, size_t i)
{
    const struct lb_ranking *k = &r->ranking;

    if (i + CELLS_AHEAD_FAR < k->n_listed)
        cells_prefetch_far(r, cols, ncols, k->order[i + CELLS_AHEAD_FAR]);
    if (i + CELLS_AHEAD_NEAR < k->n_listed)
        cells_prefetch_near(r, cols, ncols, k->order[i + CELLS_AHEAD_NEAR]);
}
