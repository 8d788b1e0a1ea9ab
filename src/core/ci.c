/* ci.c: intervals for the aggregate and the rank (see ci.h). The point
 * values and ranks stay the exact ones of the board; only the intervals
 * come from double arithmetic (they are statistics, not scores). */
#include "core/ci.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/detmath.h"
#include "base/quote.h"
#include "base/rng.h"
#include "base/xalloc.h"
#include "core/models.h"
#include "core/suggest.h"

#define Z95 1.959963984540054 /* the 97.5th percentile of N(0, 1) */

void lb_ci_release(struct lb_ci *ci)
{
    lb_buf_release(&ci->lacking);
    lb_buf_release(&ci->sources);
    free(ci->has);
    free(ci->lo);
    free(ci->hi);
    free(ci->rank_lo);
    free(ci->rank_hi);
    free(ci->rank_ub);
    free(ci->first);
    memset(ci, 0, sizeof *ci);
}

/* {======================================================================
 * Upper-bound rank
 * ======================================================================= */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

void lb_ci_upper_bound_ranks(const double *lo, const double *hi, size_t n,
                             bool lower_better, uint32_t *ub)
{
    double *s = xcalloc(n + 1, sizeof *s);
    size_t i;

    /* higher better: count lo_j > hi_i among the sorted lo; lower better:
     * count hi_j < lo_i among the sorted hi */
    for (i = 0; i < n; i++)
        s[i] = lower_better ? hi[i] : lo[i];
    qsort(s, n, sizeof *s, cmp_double);
    for (i = 0; i < n; i++) {
        size_t a = 0, b = n;

        if (lower_better) { /* first index with s >= lo_i */
            while (a < b) {
                size_t m = a + (b - a) / 2;

                if (s[m] < lo[i])
                    a = m + 1;
                else
                    b = m;
            }
            ub[i] = (uint32_t)(1 + a);
        } else { /* first index with s > hi_i */
            while (a < b) {
                size_t m = a + (b - a) / 2;

                if (s[m] <= hi[i])
                    a = m + 1;
                else
                    b = m;
            }
            ub[i] = (uint32_t)(1 + n - a);
        }
    }
    free(s);
}

/* }====================================================================== */

/* {======================================================================
 * Error information
 * ======================================================================= */

struct pair_v {
    double v;
    uint32_t row;
};

struct work {
    const struct lb_ranking *k; /* the ranking */
    const struct lb_aggregate *a;
    const struct lb_table *t;
    size_t n, nk;
    bool lower_better;  /* the aggregate's order (mean-rank, --ascending) */
    size_t *se_col;     /* benchmark -> its standard error column, LB_NPOS */
    double *se_const;   /* benchmark -> --stderr value, NAN when none */
    double *x;          /* n x nk scores (NAN: missing) */
    double *se;         /* n x nk standard errors (NAN: none) */
    double *draw;       /* n x nk this draw's scores */
    uint32_t *present;  /* row -> scores present */
    double *val;        /* row -> this draw's value (-HUGE_VAL: undefined) */
    /* per benchmark, in double: direction, weight, normalization */
    double *top, *w, *base, *c;
    bool *lower, *published;
    size_t *ranked;     /* the ranked rows, in the board's order */
    size_t nr;
    struct pair_v *pairs; /* scratch for sorting */
};

/* The standard errors given for whole benchmarks, into w->se_const. */
static int given_stderrs(struct work *w, const struct lb_ci_opts *o,
                         struct lb_error *err)
{
    struct lb_did_you_mean dm;
    struct lb_quoted q;
    size_t *pos, i, k;
    int rc = 0;

    if (o->nstderrs == 0)
        return 0;
    /* table column -> position + 1: each name in constant time */
    pos = xcalloc(w->t->ncols + 1, sizeof *pos);
    for (k = 0; k < w->nk; k++)
        pos[w->a->cols[k]] = k + 1;
    for (i = 0; i < o->nstderrs && rc == 0; i++) {
        const struct lb_named_dec *g = &o->stderrs[i];
        size_t col = lb_table_find(w->t, g->name);

        k = col == LB_NPOS ? 0 : pos[col];
        /* a column of the file that is not averaged was meant as it is */
        dm.s[0] = '\0';
        if (col == LB_NPOS)
            (void)lb_columns_did_you_mean(&dm, w->t, w->a->cols, w->nk,
                                          g->name);
        if (k-- == 0)
            rc = lb_error_set(err, LB_OPT("stderr") ": %s is not one of the "
                                   "benchmarks averaged%s",
                              lb_quotes(&q, g->name), dm.s);
        else if (g->value.units < 0)
            rc = lb_error_set(err, LB_OPT("stderr") ": the standard error "
                                   "of %s is below 0",
                              lb_quotes(&q, g->name));
        else
            w->se_const[k] = lb_dec_to_double(g->value.units, 1,
                                              g->value.scale);
    }
    free(pos);
    return rc;
}

/* The column NAME_stderr (or NAME_se) of benchmark k, or LB_NPOS. */
static size_t stderr_column(const struct lb_table *t, size_t col)
{
    static const char *const suffixes[] = {"_stderr", "_se"};
    struct lb_buf name = LB_BUF_INIT;
    size_t i, found = LB_NPOS;

    for (i = 0; i < 2 && found == LB_NPOS; i++) {
        lb_buf_reset(&name);
        lb_buf_adds(&name, t->cols[col].name);
        lb_buf_adds(&name, suffixes[i]);
        found = lb_table_find(t, name.data);
        if (found == col || found == t->model_col)
            found = LB_NPOS;
    }
    lb_buf_release(&name);
    return found;
}

static int find_sources(struct work *w, const struct lb_ci_opts *o,
                        struct lb_ci *ci, struct lb_error *err)
{
    const struct lb_table *t = w->t;
    size_t k;

    for (k = 0; k < w->nk; k++)
        w->se_const[k] = NAN;
    if (given_stderrs(w, o, err) != 0)
        return -1;
    for (k = 0; k < w->nk; k++) {
        const char *name = t->cols[w->a->cols[k]].name;
        struct lb_buf *into;

        w->se_col[k] = isnan(w->se_const[k])
                           ? stderr_column(t, w->a->cols[k])
                           : LB_NPOS;
        if (w->se_col[k] != LB_NPOS &&
            lb_table_check_numeric(t, w->se_col[k], err) != 0)
            return -1;
        into = isnan(w->se_const[k]) && w->se_col[k] == LB_NPOS ? &ci->lacking
                                                                  : &ci->sources;
        if (into->len > 0)
            lb_buf_adds(into, ", ");
        if (w->se_col[k] != LB_NPOS)
            lb_buf_adds(into, t->cols[w->se_col[k]].name);
        else if (!isnan(w->se_const[k]))
            lb_buf_addf(into, "%s=%g", name, w->se_const[k]);
        else
            lb_buf_adds(into, name);
    }
    ci->available = ci->lacking.len == 0;
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * One draw
 * ======================================================================= */

/* Whether benchmark k of a row counts under the policy (as method.c). */
static bool counts(const struct work *w, bool has, uint32_t present)
{
    switch (w->a->policy) {
    case LB_MISSING_EXCLUDE:
        return present == w->nk;
    case LB_MISSING_PARTIAL:
        return has;
    case LB_MISSING_ZERO:
    default:
        return true;
    }
}

/* v_k (higher is better; 0 when missing) from a drawn score. */
static double term(const struct work *w, size_t k, double s)
{
    if (isnan(s))
        return 0;
    return w->lower[k] ? w->top[k] - s : s;
}

static double linear_value(const struct work *w, size_t r)
{
    double sum = 0, den = 0;
    size_t k;

    for (k = 0; k < w->nk; k++) {
        double s = w->draw[r * w->nk + k], v;

        if (!counts(w, !isnan(s), w->present[r]))
            continue;
        switch (w->a->method) {
        case LB_METHOD_WEIGHTED:
            sum += w->w[k] * term(w, k, s);
            den += w->w[k];
            break;
        case LB_METHOD_NORMALIZED:
            if (isnan(s))
                v = 0;
            else if (w->published[k])
                v = term(w, k, s);
            else
                v = (s - w->base[k]) * w->c[k];
            sum += v > 0 ? v : 0;
            den += 1;
            break;
        default:
            sum += term(w, k, s);
            den += 1;
            break;
        }
    }
    return den > 0 ? sum / den : -HUGE_VAL;
}

static double geomean_value(const struct work *w, size_t r)
{
    double logs = 0;
    size_t k, n = 0;

    for (k = 0; k < w->nk; k++) {
        double s = w->draw[r * w->nk + k], v;

        if (!counts(w, !isnan(s), w->present[r]))
            continue;
        v = term(w, k, s);
        if (!(v > 0))
            return -HUGE_VAL; /* undefined: the worst in this draw */
        logs += lb_det_log(v);
        n++;
    }
    return n > 0 ? lb_det_exp(logs / (double)n) : -HUGE_VAL;
}

/* group-mean: the mean over the groups of the mean of each group's counted
 * scores, as they are (a missing one, counted, is 0: --missing zero is
 * refused when lower is better). */
static double group_value(const struct work *w, size_t r)
{
    const struct lb_aggregate *a = w->a;
    double total = 0;
    uint32_t g, i;
    size_t used = 0;

    for (g = 0; g < a->ngroups; g++) {
        double sum = 0;
        size_t n = 0;

        for (i = a->group_start[g]; i < a->group_start[g + 1]; i++) {
            size_t k = a->group_member[i];
            double s = w->draw[r * w->nk + k];

            if (!counts(w, !isnan(s), w->present[r]))
                continue;
            sum += !isnan(s) ? s : 0;
            n++;
        }
        if (n > 0) {
            total += sum / (double)n;
            used++;
        }
    }
    if (used == 0) /* undefined: the worst in this draw */
        return w->lower_better ? HUGE_VAL : -HUGE_VAL;
    return total / (double)used;
}

static int cmp_pair(const void *pa, const void *pb)
{
    const struct pair_v *a = pa, *b = pb;

    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return (a->row > b->row) - (a->row < b->row);
}

/* mean-rank, win-rate and borda: every ranked row's value, from the ranks
 * among the rows that compete on each benchmark. */
static void rank_values(struct work *w, double *acc, uint32_t *cnt)
{
    size_t k, r, i, j, m;

    memset(acc, 0, w->n * sizeof *acc);
    memset(cnt, 0, w->n * sizeof *cnt);
    for (k = 0; k < w->nk; k++) {
        m = 0;
        for (r = 0; r < w->n; r++) {
            double s = w->draw[r * w->nk + k];

            if (!counts(w, !isnan(s), w->present[r]))
                continue;
            w->pairs[m].v = term(w, k, s);
            w->pairs[m].row = (uint32_t)r;
            m++;
        }
        if (w->a->method == LB_METHOD_WIN_RATE && m < 2)
            continue;
        qsort(w->pairs, m, sizeof *w->pairs, cmp_pair);
        for (i = 0; i < m; i = j) {
            for (j = i + 1; j < m && w->pairs[j].v == w->pairs[i].v; j++)
                ;
            for (r = i; r < j; r++) {
                size_t row = w->pairs[r].row;

                if (w->a->method == LB_METHOD_MEAN_RANK)
                    acc[row] += (double)(2 * m - i - j + 1) / 2;
                else if (w->a->method == LB_METHOD_BORDA)
                    acc[row] += (double)w->a->nmodels -
                                (double)(2 * m - i - j + 1) / 2;
                else
                    acc[row] += (double)(i + j - 1) / (double)(2 * (m - 1));
                cnt[row]++;
            }
        }
    }
    for (i = 0; i < w->nr; i++) {
        r = w->ranked[i];
        /* no value in this draw (it had one): the worst */
        if (cnt[r] == 0)
            w->val[r] = w->lower_better ? HUGE_VAL : -HUGE_VAL;
        else /* borda: the sum */
            w->val[r] = w->a->method == LB_METHOD_BORDA ? acc[r]
                                                         : acc[r] / cnt[r];
    }
}

/* Ranks the ranked rows by this draw's values into rank[0..nr). */
static void rank_draw(struct work *w, uint32_t *rank)
{
    size_t i, j, x;

    for (i = 0; i < w->nr; i++) {
        double v = w->val[w->ranked[i]];

        w->pairs[i].v = w->lower_better ? v : -v; /* ascending = best first */
        w->pairs[i].row = (uint32_t)i;
    }
    qsort(w->pairs, w->nr, sizeof *w->pairs, cmp_pair);
    for (i = 0; i < w->nr; i = j) {
        for (j = i + 1; j < w->nr && w->pairs[j].v == w->pairs[i].v; j++)
            ;
        for (x = i; x < j; x++) /* competition: the group's first place */
            rank[w->pairs[x].row] = (uint32_t)(i + 1);
    }
}

/* }====================================================================== */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

/* The nearest-rank percentiles 2.5 and 97.5 of n sorted values. */
static void percentile_idx(size_t n, size_t *lo, size_t *hi)
{
    *lo = (25 * n + 999) / 1000;
    *hi = (975 * n + 999) / 1000;
    *lo = *lo > 0 ? *lo - 1 : 0;
    *hi = *hi > 0 ? *hi - 1 : 0;
}

/* The exact value of row r as a double. */
static double point(const struct lb_aggregate *a, size_t r)
{
    lb_i128 num;
    uint32_t den;

    (void)lb_aggregate_get(a, r, &num, &den);
    return lb_dec_to_double(num, den > 0 ? den : 1, a->scale);
}

static void work_release(struct work *w)
{
    free(w->se_col);
    free(w->se_const);
    free(w->x);
    free(w->se);
    free(w->draw);
    free(w->present);
    free(w->val);
    free(w->top);
    free(w->w);
    free(w->base);
    free(w->c);
    free(w->lower);
    free(w->published);
    free(w->ranked);
    free(w->pairs);
}

/* Scores, standard errors and each benchmark's terms in double. */
static void load_work(struct work *w, struct lb_ci *ci)
{
    const struct lb_aggregate *a = w->a;
    size_t r, k;

    for (k = 0; k < w->nk; k++) {
        const struct lb_term *tm = a->terms ? &a->terms[k] : NULL;

        w->lower[k] = tm && tm->lower;
        w->top[k] = tm ? lb_dec_to_double(tm->top, 1, a->in_scale) : 100;
        w->w[k] = tm ? (double)tm->w : 1;
        w->published[k] = tm == NULL || tm->as_published;
        w->base[k] = tm ? lb_dec_to_double(tm->base, 1, a->in_scale) : 0;
        w->c[k] = tm ? (double)tm->p / (double)tm->q : 1;
    }
    for (r = 0; r < w->n; r++) {
        for (k = 0; k < w->nk; k++) {
            const struct lb_column *c = &w->t->cols[a->cols[k]];
            size_t i = r * w->nk + k;

            w->x[i] = lb_column_missing(c, r)
                          ? NAN
                          : lb_dec_to_double(lb_column_num(c, r), 1, c->scale);
            if (!isnan(w->x[i]))
                w->present[r]++;
            if (!isnan(w->se_const[k])) {
                w->se[i] = w->se_const[k];
            } else {
                const struct lb_column *s = &w->t->cols[w->se_col[k]];

                w->se[i] = lb_column_missing(s, r)
                               ? NAN
                               : lb_dec_to_double(lb_column_num(s, r), 1,
                                                  s->scale);
            }
        }
    }
    for (r = 0; r < w->n; r++) {
        bool ok = true;

        for (k = 0; k < w->nk; k++) {
            size_t i = r * w->nk + k;

            if (!isnan(w->x[i]) && counts(w, true, w->present[r]) &&
                isnan(w->se[i]))
                ok = false;
        }
        ci->has[r] = ok && w->k->rank2[r] != 0;
        if (!ok && w->k->rank2[r] != 0)
            ci->no_se++;
    }
}

/* group-mean's SE: sqrt(sum c_k^2 se_k^2) with c_k = 1 / (G n_g), G the
 * row's groups and n_g the scores counted in k's group. */
static double group_se(const struct work *w, size_t r)
{
    const struct lb_aggregate *a = w->a;
    double var = 0;
    uint32_t g, i, used = 0;

    for (g = 0; g < a->ngroups; g++) {
        for (i = a->group_start[g]; i < a->group_start[g + 1]; i++)
            if (counts(w, !isnan(w->x[r * w->nk + a->group_member[i]]),
                       w->present[r])) {
                used++;
                break;
            }
    }
    for (g = 0; g < a->ngroups; g++) {
        double sum = 0;
        uint32_t n = 0;

        for (i = a->group_start[g]; i < a->group_start[g + 1]; i++) {
            size_t j = r * w->nk + a->group_member[i];
            double s;

            if (!counts(w, !isnan(w->x[j]), w->present[r]))
                continue;
            s = isnan(w->x[j]) ? 0 : w->se[j];
            sum += s * s;
            n++;
        }
        if (n > 0)
            var += sum / ((double)used * (double)n * (double)used * (double)n);
    }
    return sqrt(var);
}

/* value +- 1.96 SE for the linear methods. */
static void analytic(const struct work *w, struct lb_ci *ci, size_t r)
{
    double var = 0, den = 0, v = point(w->a, r), se;
    size_t k;

    if (w->a->method == LB_METHOD_GROUP_MEAN) {
        se = group_se(w, r);
        ci->lo[r] = v - Z95 * se;
        ci->hi[r] = v + Z95 * se;
        return;
    }

    for (k = 0; k < w->nk; k++) {
        size_t i = r * w->nk + k;
        double c = 1, s;

        if (!counts(w, !isnan(w->x[i]), w->present[r]))
            continue;
        if (w->a->method == LB_METHOD_WEIGHTED)
            c = w->w[k];
        else if (w->a->method == LB_METHOD_NORMALIZED && !w->published[k])
            c = fabs(w->c[k]);
        s = isnan(w->x[i]) ? 0 : w->se[i];
        var += c * c * s * s;
        den += w->a->method == LB_METHOD_WEIGHTED ? w->w[k] : 1;
    }
    se = den > 0 ? sqrt(var) / den : 0;
    ci->lo[r] = v - Z95 * se;
    ci->hi[r] = v + Z95 * se;
}

int lb_ci_compute(const struct lb_aggregate *a, const struct lb_ranking *rk,
                  bool lower_better, const struct lb_ci_opts *o,
                  struct lb_ci *ci, struct lb_error *err)
{
    struct work w;
    struct lb_rng rng;
    uint32_t *ranks = NULL, *cnt = NULL, *tmp = NULL;
    double *vals = NULL, *acc = NULL, *dtmp = NULL, *los = NULL, *his = NULL;
    size_t i, d, r, k, plo, phi, nub;
    uint32_t *ub = NULL;
    size_t *ubrow = NULL;
    int rc = 0;

    memset(ci, 0, sizeof *ci);
    lb_buf_init(&ci->lacking);
    lb_buf_init(&ci->sources);
    ci->draws = o->draws;
    ci->seed = o->seed;
    memset(&w, 0, sizeof w);
    w.k = rk;
    w.a = a;
    w.t = a->t;
    w.n = w.t->nrows;
    w.nk = w.a->nbench;
    w.lower_better = lower_better;
    w.se_col = xcalloc(w.nk + 1, sizeof *w.se_col);
    w.se_const = xcalloc(w.nk + 1, sizeof *w.se_const);
    if (find_sources(&w, o, ci, err) != 0) {
        work_release(&w);
        return -1;
    }
    if (!ci->available) { /* say so; invent nothing */
        work_release(&w);
        return 0;
    }
    ci->analytic = w.a->method == LB_METHOD_MEAN ||
                   w.a->method == LB_METHOD_WEIGHTED ||
                   w.a->method == LB_METHOD_NORMALIZED ||
                   w.a->method == LB_METHOD_GROUP_MEAN;
    /* the ranked rows lead the ranking's order (with --top too) */
    for (r = 0; r < w.n; r++)
        w.nr += rk->rank2[r] != 0;
    ci->ranked = w.nr;
    if (w.nr > 0 && o->draws > LB_CI_MAX_CELLS / w.nr && o->if_possible) {
        ci->available = false;
        ci->too_many = true;
        work_release(&w);
        return 0;
    }
    if (w.nr > 0 && o->draws > LB_CI_MAX_CELLS / w.nr) {
        struct lb_model_counts m;
        const char *noun;

        /* "models" only when each row has a model of its own */
        lb_count_models(w.t, NULL, w.n, NULL, &m);
        noun = lb_models_are_rows(&m, w.n) ? "model" : "row";
        work_release(&w);
        return lb_error_set(err, LB_OPT("ci") ": %zu draws of %zu ranked "
                                 "%ss are more than leaderboard keeps (%d "
                                 "values); lower " LB_OPT("bootstrap")
                                 " or rank fewer %ss (" LB_OPT("where") ")",
                            o->draws, w.nr, noun, LB_CI_MAX_CELLS, noun);
    }
    w.ranked = xcalloc(w.nr + 1, sizeof *w.ranked);
    for (i = 0; i < w.nr; i++)
        w.ranked[i] = rk->order[i];
    w.x = xcalloc(w.n * w.nk + 1, sizeof *w.x);
    w.se = xcalloc(w.n * w.nk + 1, sizeof *w.se);
    w.draw = xcalloc(w.n * w.nk + 1, sizeof *w.draw);
    w.present = xcalloc(w.n + 1, sizeof *w.present);
    w.val = xcalloc(w.n + 1, sizeof *w.val);
    w.top = xcalloc(w.nk + 1, sizeof *w.top);
    w.w = xcalloc(w.nk + 1, sizeof *w.w);
    w.base = xcalloc(w.nk + 1, sizeof *w.base);
    w.c = xcalloc(w.nk + 1, sizeof *w.c);
    w.lower = xcalloc(w.nk + 1, sizeof *w.lower);
    w.published = xcalloc(w.nk + 1, sizeof *w.published);
    w.pairs = xcalloc(w.n + 1, sizeof *w.pairs);
    ci->has = xcalloc(w.n + 1, sizeof *ci->has);
    ci->lo = xcalloc(w.n + 1, sizeof *ci->lo);
    ci->hi = xcalloc(w.n + 1, sizeof *ci->hi);
    ci->rank_lo = xcalloc(w.n + 1, sizeof *ci->rank_lo);
    ci->rank_hi = xcalloc(w.n + 1, sizeof *ci->rank_hi);
    ci->rank_ub = xcalloc(w.n + 1, sizeof *ci->rank_ub);
    ci->first = xcalloc(w.n + 1, sizeof *ci->first);
    load_work(&w, ci);

    ranks = xcalloc(o->draws * w.nr + 1, sizeof *ranks);
    if (!ci->analytic)
        vals = xcalloc(o->draws * w.nr + 1, sizeof *vals);
    acc = xcalloc(w.n + 1, sizeof *acc);
    cnt = xcalloc(w.n + 1, sizeof *cnt);
    lb_rng_seed(&rng, o->seed);
    for (d = 0; d < o->draws; d++) {
        /* every score with a standard error, in a fixed order */
        for (r = 0; r < w.n; r++)
            for (k = 0; k < w.nk; k++) {
                size_t j = r * w.nk + k;

                w.draw[j] = w.x[j];
                if (!isnan(w.x[j]) && !isnan(w.se[j]) && w.se[j] > 0)
                    w.draw[j] += w.se[j] * lb_rng_normal(&rng);
            }
        if (w.a->method == LB_METHOD_MEAN_RANK ||
            w.a->method == LB_METHOD_WIN_RATE ||
            w.a->method == LB_METHOD_BORDA)
            rank_values(&w, acc, cnt);
        else
            for (i = 0; i < w.nr; i++) {
                r = w.ranked[i];
                w.val[r] = w.a->method == LB_METHOD_GEOMEAN ? geomean_value(&w, r)
                           : w.a->method == LB_METHOD_GROUP_MEAN
                               ? group_value(&w, r)
                               : linear_value(&w, r);
            }
        rank_draw(&w, ranks + d * w.nr);
        for (i = 0; vals != NULL && i < w.nr; i++)
            vals[d * w.nr + i] = w.val[w.ranked[i]];
    }

    /* each row's percentiles, P(rank 1) */
    tmp = xcalloc(o->draws + 1, sizeof *tmp);
    dtmp = xcalloc(o->draws + 1, sizeof *dtmp);
    percentile_idx(o->draws, &plo, &phi);
    for (i = 0; i < w.nr; i++) {
        r = w.ranked[i];
        for (d = 0; d < o->draws; d++) {
            tmp[d] = ranks[d * w.nr + i];
            ci->first[r] += tmp[d] == 1;
        }
        qsort(tmp, o->draws, sizeof *tmp, cmp_u32);
        ci->rank_lo[r] = tmp[plo];
        ci->rank_hi[r] = tmp[phi];
        if (!ci->has[r])
            continue;
        if (ci->analytic) {
            analytic(&w, ci, r);
        } else {
            for (d = 0; d < o->draws; d++)
                dtmp[d] = vals[d * w.nr + i];
            qsort(dtmp, o->draws, sizeof *dtmp, cmp_double);
            ci->lo[r] = dtmp[plo];
            ci->hi[r] = dtmp[phi];
        }
    }
    /* upper-bound ranks among the rows with an interval */
    los = xcalloc(w.nr + 1, sizeof *los);
    his = xcalloc(w.nr + 1, sizeof *his);
    ub = xcalloc(w.nr + 1, sizeof *ub);
    ubrow = xcalloc(w.nr + 1, sizeof *ubrow);
    for (i = 0, nub = 0; i < w.nr; i++) {
        r = w.ranked[i];
        if (!ci->has[r])
            continue;
        los[nub] = ci->lo[r];
        his[nub] = ci->hi[r];
        ubrow[nub++] = r;
    }
    lb_ci_upper_bound_ranks(los, his, nub, w.lower_better, ub);
    for (i = 0; i < nub; i++)
        ci->rank_ub[ubrow[i]] = ub[i];

    free(ranks);
    free(vals);
    free(acc);
    free(cnt);
    free(tmp);
    free(dtmp);
    free(los);
    free(his);
    free(ub);
    free(ubrow);
    work_release(&w);
    return rc;
}
