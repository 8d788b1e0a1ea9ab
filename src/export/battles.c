/* battles.c: ratings from votes as table views (see battles.h). */
#include "export/battles.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "export/meta.h"

/* What a column shows. */
enum kind {
    K_RANK,
    K_MODEL,
    K_VALUE,
    K_CI_LO,
    K_CI_HI,
    K_RANK_LO,
    K_RANK_HI,
    K_RANK_UB,
    K_P_FIRST,
    K_SE,
    K_BATTLES,
    K_WINS,
    K_TIES,
    K_LOSSES,
    K_NOTE,   /* people: why a model has no rating */
    K_REASON, /* JSON: the same */
    K_VS      /* a matrix: against the listed model 'arg' */
};

struct bview {
    const struct lb_battles *b;
    const struct lb_battles_source *src;
    enum lb_battles_matrix matrix;
};

static const char *const matrix_names[LB_MATRIX_KINDS] = {
    "observed", "predicted", "count"};

bool lb_battles_matrix_parse(const char *s, enum lb_battles_matrix *out)
{
    int i;

    for (i = 0; i < LB_MATRIX_KINDS; i++)
        if (strcmp(s, matrix_names[i]) == 0) {
            *out = (enum lb_battles_matrix)i;
            return true;
        }
    return false;
}

const char *lb_battles_matrix_name(enum lb_battles_matrix k)
{
    return matrix_names[k];
}

const char *lb_battles_value_name(const struct lb_battles *b)
{
    switch (b->opts.method) {
    case LB_BATTLES_ELO:
        return "Elo";
    case LB_BATTLES_WIN_RATE:
        return "Win rate";
    default:
        return "Rating";
    }
}

static const char *value_key(const struct lb_battles *b)
{
    switch (b->opts.method) {
    case LB_BATTLES_ELO:
        return "elo";
    case LB_BATTLES_WIN_RATE:
        return "win_rate";
    default:
        return "rating";
    }
}

/* The shortest of 15, 16 or 17 significant digits that reads back as x. */
static void shortest(double x, char *buf, size_t size)
{
    int p;

    for (p = 15; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

/* {======================================================================
 * Words
 * ======================================================================= */

/* n with its thousands grouped: "1,000,000". */
static void grouped(struct lb_buf *out, uint64_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n), i;

    for (i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            lb_buf_addc(out, ',');
        lb_buf_addc(out, digits[i]);
    }
}

static void plural(struct lb_buf *out, uint64_t n, const char *one,
                   const char *many)
{
    grouped(out, n);
    lb_buf_addc(out, ' ');
    lb_buf_adds(out, n == 1 ? one : many);
}

static void where_from(const struct lb_battles_source *src,
                       struct lb_buf *out)
{
    if (src == NULL || src->nfiles == 0)
        return;
    if (src->nfiles > 1) {
        lb_buf_addf(out, " (%zu files)", src->nfiles);
        return;
    }
    lb_buf_adds(out, " (");
    lb_buf_adds(out, strcmp(src->files[0], "-") == 0 ? "standard input"
                                                     : src->files[0]);
    lb_buf_addc(out, ')');
}

void lb_battles_title(const struct lb_battles *b,
                      const struct lb_battles_source *src, struct lb_buf *out)
{
    const struct lb_battles_data *d = b->data;
    const struct lb_battles_opts *o = &b->opts;
    char num[64];

    switch (o->method) {
    case LB_BATTLES_BT:
        lb_buf_adds(out, "Bradley-Terry ratings of ");
        break;
    case LB_BATTLES_ELO:
        lb_buf_adds(out, "Online Elo ratings of ");
        break;
    default:
        lb_buf_adds(out, "Win rates of ");
        break;
    }
    plural(out, b->n, "model", "models");
    lb_buf_adds(out, " from ");
    plural(out, d->votes, "vote", "votes");
    where_from(src, out);
    switch (o->method) {
    case LB_BATTLES_BT:
        lb_buf_adds(out, ": a tie counts 1/2; R = 400 log10(strength) + ");
        if (b->anchor != LB_NPOS_BATTLES) {
            lb_buf_adds(out, "a shift that puts ");
            lb_buf_adds(out, lb_battles_name(d, b->anchor, NULL));
            shortest(o->anchor_rating, num, sizeof num);
            lb_buf_addf(out, " at %s", num);
        } else {
            lb_buf_adds(out, "1000 on average");
        }
        break;
    case LB_BATTLES_ELO:
        shortest(o->k, num, sizeof num);
        if (d->opts.order != NULL) {
            lb_buf_adds(out, ": in the order of ");
            lb_buf_adds(out, d->opts.order);
        } else {
            lb_buf_adds(out, ": in file order");
        }
        lb_buf_addf(out, ", K %s, from 1000", num);
        if (b->anchor != LB_NPOS_BATTLES) {
            lb_buf_adds(out, ", shifted to put ");
            lb_buf_adds(out, lb_battles_name(d, b->anchor, NULL));
            shortest(o->anchor_rating, num, sizeof num);
            lb_buf_addf(out, " at %s", num);
        }
        break;
    default:
        lb_buf_adds(out, ": points (a win 1, a tie 1/2) over votes");
        break;
    }
}

static void fit_words(const struct lb_battles *b, struct lb_buf *out)
{
    const struct lb_battles_fit *f = &b->fit;

    if (b->opts.method != LB_BATTLES_BT || b->nrated < 2)
        return;
    lb_buf_addf(out, "Fit: Newton's method (%s), %u iteration%s; the largest "
                     "gradient is %.2g of a model's votes (tolerance %.0e)%s.\n",
                strcmp(f->algorithm, "newton (cholesky)") == 0
                    ? "Cholesky" : "conjugate gradients",
                f->iterations, f->iterations == 1 ? "" : "s", f->gradient,
                f->tolerance, f->converged ? "" : ": not converged");
}

static void interval_words(const struct lb_battles *b, struct lb_buf *out)
{
    const struct lb_battles_opts *o = &b->opts;
    const char *draws;

    if (!b->intervals)
        return;
    if (o->ci == LB_BATTLES_CI_SANDWICH) {
        lb_buf_adds(out, "CI: 95% interval of the rating, +- 1.96 standard "
                         "errors of the sandwich estimator H^-1 G H^-1.\n");
        draws = "normal draws";
        lb_buf_addf(out, "Rank low-high: 2.5th to 97.5th percentile of the "
                         "rank in %zu %s from the sandwich covariance (seed "
                         "%llu); P(rank 1): the share of them that rank the "
                         "model first.\n",
                    b->rounds_used, draws, (unsigned long long)o->seed);
    } else {
        lb_buf_addf(out, "CI: 2.5th and 97.5th percentiles of the %s over "
                         "%zu bootstrap round%s (multinomial resamples of "
                         "the votes of the %llu unique outcomes, seed %llu).\n",
                    o->method == LB_BATTLES_WIN_RATE ? "win rate" : "rating",
                    o->rounds, o->rounds == 1 ? "" : "s",
                    (unsigned long long)b->outcomes,
                    (unsigned long long)o->seed);
        if (b->rounds_used < o->rounds)
            lb_buf_addf(out, "%zu of the rounds %s and %s left out.\n",
                        o->rounds - b->rounds_used,
                        o->method == LB_BATTLES_WIN_RATE
                            ? "left a model without votes"
                            : "had no finite maximum (a model never lost or "
                              "never won in the resample)",
                        o->rounds - b->rounds_used == 1 ? "is" : "are");
        lb_buf_adds(out, "Rank low-high: 2.5th to 97.5th percentile of the "
                         "rank over the rounds; P(rank 1): the share of them "
                         "that rank the model first.\n");
    }
    lb_buf_adds(out, "UB rank: 1 + the models whose interval lies entirely "
                     "above (Chatbot Arena's Rank (UB)).\n");
}

static void footer(const struct lb_battles *b,
                   const struct lb_battles_source *src, struct lb_buf *out)
{
    const struct lb_battles_data *d = b->data;
    const struct lb_ranking *k = &b->ranking;
    const struct lb_rank_opts *o = &b->opts.rank;
    size_t unrated = b->n - b->nrated;

    if (k->n_listed < b->n)
        lb_buf_addf(out, "%zu of %zu models listed (%s %zu).\n",
                    k->n_listed, b->n, "--top", o->top);
    lb_buf_addf(out, "%zu of %zu model%s %s", b->nrated, b->n,
                b->n == 1 ? "" : "s",
                b->opts.method == LB_BATTLES_WIN_RATE ? "with a win rate"
                                                      : "rated");
    if (unrated > 0)
        lb_buf_addf(out, "; %zu without: %s", unrated,
                    b->nrated == 0 ? "see the Note" : "see the Note");
    lb_buf_adds(out, ".\n");
    if (b->opts.method == LB_BATTLES_BT && b->nparts > 1)
        lb_buf_addf(out, "The votes form %zu parts that no vote links: only "
                         "the largest is rated.\n",
                    b->nparts);
    fit_words(b, out);
    interval_words(b, out);
    if (src != NULL && src->where != NULL) {
        plural(out, d->filtered, "row", "rows");
        lb_buf_adds(out, " left out by --where '");
        lb_buf_adds(out, src->where);
        lb_buf_adds(out, "'.\n");
    }
    if (d->self_rows > 0) {
        plural(out, d->self_rows, "self-battle (a model against itself)",
               "self-battles (a model against itself)");
        lb_buf_addf(out, " skipped; the first at %s.\n", d->self_where);
    }
    if (d->zero_rows > 0) {
        plural(out, d->zero_rows, "row", "rows");
        lb_buf_adds(out, " of weight 0 counted no vote.\n");
    }
    if (o->ties == LB_TIES_EXACT || o->ties == LB_TIES_ORDINAL)
        lb_buf_addf(out, "Ranks: --ties %s.\n", lb_ties_name(o->ties));
    else
        lb_buf_addf(out, "%s equal at %u decimal%s share a rank (%s).\n",
                    b->opts.method == LB_BATTLES_WIN_RATE ? "Win rates"
                                                          : "Ratings",
                    o->precision, o->precision == 1 ? "" : "s",
                    lb_ties_name(o->ties));
}

/* }====================================================================== */

/* {======================================================================
 * Cells
 * ======================================================================= */

static void put_uint(struct lb_cell *c, uint64_t v)
{
    lb_cell_uint(c, v);
}

static void put_interval(const struct lb_battles *b, enum kind k, size_t i,
                         struct lb_cell *c)
{
    unsigned p = b->opts.rank.precision;
    lb_i128 q;

    if (!b->intervals || !b->has[i]) {
        lb_cell_missing(c);
        return;
    }
    switch (k) {
    case K_CI_LO:
        lb_cell_double(c, b->lo[i], p);
        break;
    case K_CI_HI:
        lb_cell_double(c, b->hi[i], p);
        break;
    case K_RANK_LO:
        lb_cell_uint(c, b->rank_lo[i]);
        break;
    case K_RANK_HI:
        lb_cell_uint(c, b->rank_hi[i]);
        break;
    case K_RANK_UB:
        lb_cell_uint(c, b->rank_ub[i]);
        break;
    case K_SE:
        lb_cell_double(c, b->se != NULL ? b->se[i] : NAN, p + 2);
        break;
    default: /* K_P_FIRST: at 3 decimals */
        (void)lb_dec_round(b->first[i], (uint32_t)b->rounds_used, 0, 3, &q);
        lb_cell_dec(c, q, 3);
        break;
    }
}

static int battles_cells(const struct lb_view *v, size_t r,
                         struct lb_cell *cells, struct lb_error *err)
{
    const struct bview *B = v->data;
    const struct lb_battles *b = B->b;
    const struct lb_battles_data *d = b->data;
    size_t i = b->ranking.order[r], j, len;
    const char *s;

    (void)err;
    for (j = 0; j < v->ncols; j++) {
        struct lb_cell *c = &cells[j];
        enum kind k = (enum kind)v->cols[j].what;

        switch (k) {
        case K_RANK:
            lb_cell_rank(c, b->ranking.rank2[i]);
            break;
        case K_MODEL:
            s = lb_battles_name(d, i, &len);
            lb_cell_text(c, s, len);
            break;
        case K_VALUE:
            lb_cell_double(c, b->value[i], b->opts.rank.precision);
            break;
        case K_BATTLES:
            put_uint(c, d->won[i] + d->tied[i] + d->lost[i]);
            break;
        case K_WINS:
            put_uint(c, d->won[i]);
            break;
        case K_TIES:
            put_uint(c, d->tied[i]);
            break;
        case K_LOSSES:
            put_uint(c, d->lost[i]);
            break;
        case K_NOTE:
        case K_REASON:
            if (b->why[i] == LB_WHY_RATED) {
                lb_cell_absent(c);
            } else {
                struct lb_buf *t = lb_cell_buf(c);

                if (k == K_NOTE)
                    lb_buf_adds(t, "not rated: ");
                lb_battles_reason(b, i, t);
                lb_cell_take(c);
            }
            break;
        case K_VS:
            break;
        default:
            put_interval(b, k, i, c);
            break;
        }
    }
    return 0;
}

static bool battles_dim(const struct lb_view *v, size_t r)
{
    const struct bview *B = v->data;

    return isnan(B->b->value[B->b->ranking.order[r]]);
}

/* }====================================================================== */

/* {======================================================================
 * What JSON says before the rows
 * ======================================================================= */

static void meta_double(struct lb_meta *m, const char *key, double x)
{
    char buf[64];

    if (!isfinite(x)) {
        lb_meta_null(m, key);
        return;
    }
    shortest(x, buf, sizeof buf);
    lb_meta_num(m, key, buf);
}

static struct lb_meta *battles_meta(const struct lb_battles *b,
                                    const struct lb_battles_source *src)
{
    const struct lb_battles_data *d = b->data;
    const struct lb_battles_opts *o = &b->opts;
    struct lb_meta *m = lb_meta_new(), *obj, *list;
    size_t i;

    lb_meta_str(m, "method", lb_battles_method_name(o->method));
    list = lb_meta_list(m, "files");
    for (i = 0; src != NULL && i < src->nfiles; i++)
        lb_meta_str(list, NULL, src->files[i]);
    obj = lb_meta_object(m, "columns");
    lb_meta_str(obj, "model_a", d->opts.col_a);
    lb_meta_str(obj, "model_b", d->opts.col_b);
    lb_meta_str(obj, "winner", d->opts.col_winner);
    lb_meta_str_or_null(obj, "weight", d->opts.weight);
    if (o->method != LB_BATTLES_WIN_RATE) {
        meta_double(m, "scale", LB_BATTLES_SCALE);
        meta_double(m, "base", 10);
    }
    if (o->method == LB_BATTLES_BT && b->anchor == LB_NPOS_BATTLES)
        meta_double(m, "mean", LB_BATTLES_MEAN);
    if (o->method == LB_BATTLES_ELO) {
        meta_double(m, "initial", LB_BATTLES_MEAN);
        meta_double(m, "k", o->k);
        lb_meta_str_or_null(m, "order", d->opts.order);
    }
    if (b->anchor != LB_NPOS_BATTLES) {
        obj = lb_meta_object(m, "anchor");
        lb_meta_str(obj, "model", lb_battles_name(d, b->anchor, NULL));
        meta_double(obj, "rating", o->anchor_rating);
    } else if (o->method != LB_BATTLES_WIN_RATE) {
        lb_meta_null(m, "anchor");
    }
    lb_meta_str(m, "tie", "1/2");
    if (o->method == LB_BATTLES_BT) {
        obj = lb_meta_object(m, "fit");
        lb_meta_str(obj, "algorithm", b->fit.algorithm ? b->fit.algorithm : "");
        lb_meta_uint(obj, "iterations", b->fit.iterations);
        meta_double(obj, "gradient", b->nrated >= 2 ? b->fit.gradient : 0);
        meta_double(obj, "tolerance", b->fit.tolerance);
        lb_meta_bool(obj, "converged", b->nrated < 2 || b->fit.converged);
        lb_meta_uint(m, "parts", b->nparts);
    }
    if (b->intervals) {
        obj = lb_meta_object(m, "intervals");
        lb_meta_num(obj, "level", "0.95");
        if (o->ci == LB_BATTLES_CI_SANDWICH) {
            lb_meta_str(obj, "method", "sandwich");
            meta_double(obj, "z", LB_BATTLES_Z95);
            lb_meta_uint(obj, "draws", b->rounds_used);
        } else {
            lb_meta_str(obj, "method", "bootstrap");
            lb_meta_uint(obj, "rounds", o->rounds);
            lb_meta_uint(obj, "rounds_used", b->rounds_used);
        }
        lb_meta_uint(obj, "seed", o->seed);
    } else {
        lb_meta_null(m, "intervals");
    }
    lb_meta_uint(m, "rows_read", d->rows);
    lb_meta_uint(m, "votes", d->votes);
    lb_meta_uint(m, "ties_bothbad", d->bothbad);
    lb_meta_uint(m, "unique_outcomes", b->outcomes);
    lb_meta_uint(m, "self_battles", d->self_rows);
    if (src != NULL && src->where != NULL) {
        lb_meta_str(m, "where", src->where);
        lb_meta_uint(m, "filtered_out", d->filtered);
    }
    lb_meta_str(m, "ties", lb_ties_name(o->rank.ties));
    lb_meta_uint(m, "precision", o->rank.precision);
    lb_meta_uint(m, "models", b->n);
    lb_meta_uint(m, "rated", b->nrated);
    return m;
}

/* }====================================================================== */

int lb_view_battles(struct lb_view *v, const struct lb_battles *b,
                    const struct lb_battles_source *src, enum lb_audience a,
                    struct lb_error *err)
{
    static const char *const ci_names[] = {"CI low",    "CI high",
                                           "Rank low",  "Rank high",
                                           "UB rank",   "P(rank 1)"};
    static const char *const ci_keys[] = {"ci_low",    "ci_high", "rank_low",
                                          "rank_high", "rank_ub", "p_rank1"};
    static const int ci_better[] = {1, 1, -1, -1, -1, 1};
    struct bview *B = xcalloc(1, sizeof *B);
    struct lb_view_col *c;
    size_t i;

    (void)err;
    lb_view_init(v, a);
    B->b = b;
    B->src = src;
    lb_view_bind(v, B, free, battles_cells);
    v->dim = battles_dim;
    v->heading = "Arena ratings";
    v->nrows = b->ranking.n_listed;
    lb_view_col_is(lb_view_add_num(v, "Rank", "rank", -1), K_RANK, 0)->rank =
        true;
    c = lb_view_add_col(v, "Model", "model");
    c->names = true;
    lb_view_col_is(c, K_MODEL, 0);
    lb_view_col_is(lb_view_add_num(v, lb_battles_value_name(b), value_key(b), 1),
                   K_VALUE, 0)->best = true;
    if (b->intervals) {
        for (i = 0; i < 6; i++)
            lb_view_col_is(lb_view_add_num(v, ci_names[i], ci_keys[i],
                                           ci_better[i]),
                           (enum kind)(K_CI_LO + i), 0);
        if (a == LB_FOR_TREES && b->se != NULL)
            lb_view_col_is(lb_view_add_num(v, "SE", "se", 0), K_SE, 0);
    }
    lb_view_col_is(lb_view_add_num(v, "Battles", "battles", 0), K_BATTLES, 0);
    lb_view_col_is(lb_view_add_num(v, "Wins", "wins", 0), K_WINS, 0);
    lb_view_col_is(lb_view_add_num(v, "Ties", "ties", 0), K_TIES, 0);
    lb_view_col_is(lb_view_add_num(v, "Losses", "losses", 0), K_LOSSES, 0);
    if (a == LB_FOR_PEOPLE &&
        b->ranking.n_listed > b->ranking.n_listed_ranked)
        lb_view_col_is(lb_view_add_col(v, "Note", "note"), K_NOTE, 0);
    if (a == LB_FOR_TREES)
        lb_view_col_is(lb_view_add_col(v, "Reason", "reason"), K_REASON, 0);
    if (a == LB_FOR_TREES)
        v->meta = battles_meta(b, src);
    if (a == LB_FOR_PEOPLE) {
        lb_battles_title(b, src, &v->title);
        lb_buf_adds(&v->title, ".\n");
        footer(b, src, &v->footer);
        v->empty_note = "No model to list.";
    }
    return 0;
}

/* {======================================================================
 * Matrices
 * ======================================================================= */

static int matrix_cells(const struct lb_view *v, size_t r,
                        struct lb_cell *cells, struct lb_error *err)
{
    const struct bview *B = v->data;
    const struct lb_battles *b = B->b;
    const struct lb_battles_data *d = b->data;
    size_t i = b->ranking.order[r], j, len;
    const char *s;

    (void)err;
    s = lb_battles_name(d, i, &len);
    lb_cell_text(&cells[0], s, len);
    for (j = 1; j < v->ncols; j++) {
        struct lb_cell *c = &cells[j];
        size_t o = b->ranking.order[v->cols[j].arg];
        bool flip;
        const struct lb_battle_pair *p = lb_battles_pair(d, i, o, &flip);
        uint64_t n = p != NULL ? p->n[0] + p->n[1] + p->n[2] : 0;

        if (i == o) {
            lb_cell_missing(c);
            continue;
        }
        switch (B->matrix) {
        case LB_MATRIX_OBSERVED:
            if (n == 0) {
                lb_cell_missing(c);
                break;
            }
            lb_cell_double(c,
                           ((double)p->n[flip ? 2 : 0] + 0.5 * (double)p->n[1]) /
                               (double)n,
                           b->opts.rank.precision);
            break;
        case LB_MATRIX_PREDICTED:
            lb_cell_double(c, lb_battles_predict(b, i, o),
                           b->opts.rank.precision);
            break;
        default:
            lb_cell_uint(c, n);
            break;
        }
    }
    return 0;
}

int lb_view_battles_matrix(struct lb_view *v, const struct lb_battles *b,
                           const struct lb_battles_source *src,
                           enum lb_battles_matrix k, enum lb_audience a,
                           struct lb_error *err)
{
    const struct lb_battles_data *d = b->data;
    struct bview *B = xcalloc(1, sizeof *B);
    struct lb_view_col *c;
    size_t r;

    lb_view_init(v, a);
    B->b = b;
    B->src = src;
    B->matrix = k;
    lb_view_bind(v, B, free, matrix_cells);
    v->dim = battles_dim;
    v->nrows = b->ranking.n_listed;
    if (k == LB_MATRIX_PREDICTED && b->opts.method == LB_BATTLES_WIN_RATE)
        return lb_error_set(err, LB_OPT("matrix") " predicted needs ratings: "
                                 LB_OPT("method") " bt or elo");
    v->heading = k == LB_MATRIX_COUNT ? "Votes between models"
                                      : "Win rates between models";
    c = lb_view_add_col(v, "Model", "model");
    c->names = true;
    lb_view_col_is(c, K_MODEL, 0);
    for (r = 0; r < b->ranking.n_listed; r++) {
        const char *name = lb_battles_name(d, b->ranking.order[r], NULL);

        c = lb_view_add_num(v, name, name, k == LB_MATRIX_COUNT ? 0 : -1);
        if (a == LB_FOR_TREES)
            c->group = "vs";
        lb_view_col_is(c, K_VS, r);
    }
    if (a == LB_FOR_TREES) {
        v->meta = battles_meta(b, src);
        lb_meta_str(v->meta, "matrix", lb_battles_matrix_name(k));
    }
    if (a == LB_FOR_PEOPLE) {
        struct lb_buf *t = &v->title;

        switch (k) {
        case LB_MATRIX_OBSERVED:
            lb_buf_adds(t, "Observed win rate of the row's model against the "
                           "column's: its points (a win 1, a tie 1/2) over "
                           "their votes.\n");
            break;
        case LB_MATRIX_PREDICTED:
            lb_buf_adds(t, "Predicted probability that the row's model beats "
                           "the column's, 1 / (1 + 10^((R_col - R_row) / "
                           "400)), from the ratings:\n");
            break;
        default:
            lb_buf_adds(t, "Votes between the row's model and the column's.\n");
            break;
        }
        lb_battles_title(b, src, t);
        lb_buf_adds(t, ".\n");
        lb_buf_addf(&v->footer, "Models in the order of their %s%s.\n",
                    b->opts.method == LB_BATTLES_WIN_RATE ? "win rates"
                                                          : "ratings",
                    b->nrated < b->n ? " (those without one last)" : "");
        if (k != LB_MATRIX_COUNT)
            lb_buf_addf(&v->footer, "-: %s.\n",
                        k == LB_MATRIX_OBSERVED ? "no votes between the two"
                                                : "a model without a rating");
        if (b->ranking.n_listed < b->n)
            lb_buf_addf(&v->footer, "%zu of %zu models shown (--top %zu).\n",
                        b->ranking.n_listed, b->n, b->opts.rank.top);
    }
    return 0;
}

/* }====================================================================== */
