/* method.c: the aggregations of --method (RULES.md section 4).
 *
 * Every method but the geometric mean is exact: a row's value is a
 * fraction num / (den * 10^scale) of integers, as the plain mean's is, so
 * ties and rounding never depend on binary floating point.
 *
 *   mean        sum(v_k) / K
 *   weighted    sum(w_k v_k) / sum(w_k)                 (weights exact)
 *   normalized  mean of max(0, (s_k - b_k) * 100 / (best_k - b_k)), b_k the
 *               random baseline (Open LLM Leaderboard v2's rule): each
 *               100 / (best - b) is a fraction p / q in lowest terms, so the
 *               sum has the common denominator lcm(q_k)
 *   geomean     exp(mean(ln v_k)) in double (not linear), through
 *               base/detmath.h so that every machine gives the same bits,
 *               kept at 9 decimals; a v_k <= 0 leaves it undefined
 *   mean-rank   mean over the benchmarks of the row's rank among the rows
 *               that compete there (ties share the mean of their places,
 *               pandas' 'average'); kept as sum(2 rank) / (2 count)
 *   win-rate    HELM's mean win rate (crfm-helm summarize.py,
 *               compute_aggregate_row_win_rates): on each benchmark that 2
 *               or more rows have, (worse + (tied - 1) / 2) / (n - 1), then
 *               the mean over the row's benchmarks; kept as a fraction with
 *               the common denominator lcm(2 (n_k - 1)) times the count
 *   group-mean  MTEB's "Mean (TaskType)": the mean over the groups of the
 *               mean of each group's scores (mteb/benchmarks/
 *               _create_table.py, _get_means_per_types and the mean of
 *               the type columns), sum_g (S_g / c_g) / G, kept as
 *               sum_g S_g (L / c_g) / (L G) with L = lcm(c_g); rounded at 18
 *               decimals when L G does not fit in 32 bits. Scores stay in
 *               their own units: every benchmark must have the same
 *               direction, and when all are lower-is-better, so is the
 *               value (lb_method_lower_is_better)
 *   borda       MTEB's "Rank (Borda)" (embeddings-benchmark/mteb, commit
 *               a905523d0111f999360b312bd4a601a0a97a0e1c, mteb/benchmarks/
 *               _create_table.py, _borda_rank_from_long): on each
 *               benchmark the rows with a score are ranked best first,
 *               ties sharing the mean of their places (polars'
 *               rank(method="average", descending=True)); each earns
 *               n_models - rank points, n_models the rows that have any
 *               score (MTEB's per_task.height, not the benchmark's count);
 *               a missing score earns 0 ("Missing tasks contribute 0"),
 *               whatever --missing; the value is the sum, and rank 1 the
 *               most points (rank(method="min", descending=True): the
 *               competition ranks of --ties). Kept as sum(2 points) / 2
 *
  * Directions: mean, weighted, geomean and group-mean average scores in
  * their own units, so every benchmark must point the same way; when lower
  * is better for all of them the value is, in the same units (a mean word
  * error rate), and lower ranks first. Benchmarks of both directions are
  * refused (a mean of WER and accuracy means nothing): normalized,
  * mean-rank, win-rate and borda take them, with v_k the score, or top -
  * score for a lower-is-better benchmark (top the range's top: 100, or the
  * catalog's), so that higher is always better.
  * Missing scores follow --missing (borda excepted): exclude (the row needs
  * every score; for the rank methods only such rows compete), partial (the
  * scores present), zero (a missing v_k counts 0, the worst; refused when
  * every benchmark is lower-is-better and the scores stay as they are). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/detmath.h"
#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"
#include "core/aggregate.h"
#include "core/catalog.h"
#include "core/schema.h"
#include "core/suggest.h"

#define GEO_DECIMALS 9      /* decimals kept of a geometric mean */
#define ROUND_DECIMALS 18   /* win rates whose exact denominator is too big */

enum why {
    WHY_NONE,
    WHY_ZERO,      /* geomean: a value counts as 0 or less */
    WHY_NO_PEERS   /* win rate: no benchmark that 2 or more rows have */
};

static const char *const method_names[LB_METHOD_COUNT] = {
    "mean",     "weighted", "normalized", "geomean",
    "mean-rank", "win-rate", "group-mean", "borda"};
static const char *const method_headers[LB_METHOD_COUNT] = {
    "Average",   "Weighted", "Normalized", "Geomean",
    "Mean rank", "Win rate", "Group mean", "Borda"};
static const char *const method_keys[LB_METHOD_COUNT] = {
    "average",   "weighted", "normalized", "geomean",
    "mean_rank", "win_rate", "group_mean", "borda"};

bool lb_method_parse(const char *s, enum lb_method *out)
{
    size_t i;

    for (i = 0; i < LB_METHOD_COUNT; i++)
        if (strcmp(s, method_names[i]) == 0) {
            *out = (enum lb_method)i;
            return true;
        }
    return false;
}

const char *lb_method_name(enum lb_method m)
{
    return method_names[m];
}

const char *lb_method_header(enum lb_method m)
{
    return method_headers[m];
}

const char *lb_method_key(enum lb_method m)
{
    return method_keys[m];
}

/* {======================================================================
 * Options: names and values
 * ======================================================================= */

static void bench_list(const struct lb_aggregate *a, struct lb_buf *out)
{
    struct lb_quoted q;
    uint32_t k;

    for (k = 0; k < a->nbench; k++)
        lb_buf_addf(out, "%s%s", k ? ", " : "",
                    lb_quotes(&q, a->t->cols[a->cols[k]].name));
}

/* Table column -> its position among the benchmarks averaged + 1 (0: not
 * averaged); caller frees. Finding each name given is then constant time,
 * however many benchmarks and names. */
static uint32_t *bench_positions(const struct lb_aggregate *a)
{
    uint32_t *pos = xcalloc(a->t->ncols + 1, sizeof *pos), k;

    for (k = 0; k < a->nbench; k++)
        pos[a->cols[k]] = k + 1;
    return pos;
}

/* The position among the benchmarks averaged of the column 'name' (pos:
 * bench_positions). */
static int find_bench(const struct lb_aggregate *a, const uint32_t *pos,
                      const char *option, const char *name, uint32_t *k,
                      struct lb_error *err)
{
    size_t col = lb_table_find(a->t, name);
    struct lb_buf list = LB_BUF_INIT;
    struct lb_did_you_mean dm;
    struct lb_quoted q;
    int rc;

    if (col != LB_NPOS && pos[col] != 0) {
        *k = pos[col] - 1;
        return 0;
    }
    bench_list(a, &list);
    /* a column of the file that is not averaged was meant as it is */
    dm.s[0] = '\0';
    if (col == LB_NPOS)
        (void)lb_columns_did_you_mean(&dm, a->t, a->cols, a->nbench, name);
    rc = lb_error_set(err, "%s: %s is not one of the benchmarks averaged%s "
                           "(%s)",
                      option, lb_quotes(&q, name), dm.s, lb_buf_str(&list));
    lb_buf_release(&list);
    return rc;
}

struct pair {
    uint32_t k;        /* the benchmark */
    struct lb_dec v;   /* its value */
};

/* The pairs given (names of benchmarks averaged, each once) as benchmark
 * positions (caller frees *out). */
static int find_pairs(const struct lb_aggregate *a, const uint32_t *pos,
                      const struct lb_named_dec *given, size_t count,
                      const char *option, struct pair **out,
                      struct lb_error *err)
{
    struct pair *p = xcalloc(count + 1, sizeof *p);
    bool *seen = xcalloc((size_t)a->nbench + 1, sizeof *seen);
    struct lb_quoted q;
    size_t i;
    int rc = 0;

    for (i = 0; i < count && rc == 0; i++) {
        p[i].v = given[i].value;
        rc = find_bench(a, pos, option, given[i].name, &p[i].k, err);
        if (rc == 0 && seen[p[i].k])
            rc = lb_error_set(err, "%s: %s is given twice", option,
                              lb_quotes(&q, a->t->cols[a->cols[p[i].k]].name));
        if (rc == 0)
            seen[p[i].k] = true;
    }
    free(seen);
    if (rc != 0) {
        free(p);
        return -1;
    }
    *out = p;
    return 0;
}

/* The terms of every benchmark: direction, weight, baseline. Raises
 * in_scale to the baselines' decimals for normalized. pos: the benchmarks'
 * positions (bench_positions). */
static int build_terms_at(struct lb_aggregate *a, const uint32_t *pos,
                          const struct lb_method_opts *m, struct lb_error *err)
{
    const struct lb_table *t = a->t;
    struct pair *p = NULL;
    size_t n = 0, i;
    uint32_t k;
    unsigned ws = 0, scale = a->in_scale;
    lb_i128 total = 0;
    struct lb_quoted q;

    a->terms = xcalloc((size_t)a->nbench + 1, sizeof *a->terms);
    for (k = 0; k < a->nbench; k++) {
        const struct lb_column *c = &t->cols[a->cols[k]];

        a->terms[k].lower = lb_column_lower_better(c);
        a->terms[k].weight.units = 1;
    }
    for (i = 0; i < m->nlower; i++) {
        if (find_bench(a, pos, LB_OPT("lower-is-better"), m->lower[i], &k,
                       err) != 0)
            return -1;
        a->terms[k].lower = true;
    }
    /* weighted: the schema's weights, then --weights' (each benchmark it
     * names: the command line wins) */
    for (k = 0; m->method == LB_METHOD_WEIGHTED && k < a->nbench; k++) {
        const struct lb_field *f = t->cols[a->cols[k]].field;

        if (f != NULL && f->has_weight)
            a->terms[k].weight = f->weight;
    }
    if (m->method == LB_METHOD_WEIGHTED && m->nweights > 0) {
        n = m->nweights;
        if (find_pairs(a, pos, m->weights, n, LB_OPT("weights"), &p, err) != 0)
            return -1;
        for (i = 0; i < n; i++) {
            if (p[i].v.units < 0) {
                char buf[LB_DEC_BUFSIZE];
                size_t col = a->cols[p[i].k];

                lb_dec_format(buf, p[i].v.units, p[i].v.scale);
                free(p);
                return lb_error_set(err, LB_OPT("weights") ": the weight of %s "
                                         "is negative (%s)",
                                    lb_quotes(&q, t->cols[col].name), buf);
            }
            a->terms[p[i].k].weight = p[i].v;
        }
        free(p);
        p = NULL;
    }
    /* weights at one scale; their sum must fit a 32-bit denominator */
    for (k = 0; k < a->nbench; k++)
        if (a->terms[k].weight.scale > ws)
            ws = a->terms[k].weight.scale;
    for (k = 0; k < a->nbench; k++) {
        struct lb_term *tm = &a->terms[k];

        /* a weight that does not fit 64 bits at that scale cannot keep
         * the sum below 2^32 either: stop before a wrapped value is added */
        if (!lb_dec_rescale(tm->weight.units, ws - tm->weight.scale, &tm->w)) {
            total = (lb_i128)UINT32_MAX + 1;
            break;
        }
        total += tm->w;
        if (total > UINT32_MAX)
            break;
    }
    if (m->method == LB_METHOD_WEIGHTED && total > UINT32_MAX)
        return lb_error_set(err, LB_OPT("weights") ": the weights have too "
                                 "many digits to be kept exactly (their sum, "
                                 "without the point, must stay below "
                                 "4294967296)");
    if (m->method == LB_METHOD_WEIGHTED && total == 0)
        return lb_error_set(err, LB_OPT("weights") ": every weight is 0");

    if (m->method == LB_METHOD_NORMALIZED) {
        bool *given = xcalloc((size_t)a->nbench + 1, sizeof *given);

        n = m->nbaselines;
        if (n > 0 &&
            find_pairs(a, pos, m->baselines, n, LB_OPT("baseline"), &p, err) !=
                0) {
            free(given);
            return -1;
        }
        for (i = 0; i < n; i++) {
            a->terms[p[i].k].baseline = p[i].v;
            given[p[i].k] = true;
        }
        free(p);
        for (k = 0; k < a->nbench; k++) {
            const struct lb_column *c = &t->cols[a->cols[k]];
            const struct lb_raw_info *raw = lb_catalog_raw(c->name);
            struct lb_term *tm = &a->terms[k];
            const char *text = NULL;

            /* --baseline, then the schema's (an inferred field has the
             * catalog's), then the catalog */
            if (given[k])
                ;
            else if (c->field != NULL && c->field->has_baseline)
                tm->baseline = c->field->baseline;
            else if (c->bench != NULL && c->bench->norm_baseline == NULL)
                tm->as_published = true;
            else if (c->bench != NULL)
                text = c->bench->norm_baseline;
            else if (raw != NULL && raw->norm_baseline != NULL)
                text = raw->norm_baseline;
            else if (raw != NULL) {
                free(given);
                return lb_error_set(
                    err,
                    LB_OPT("method") " normalized: %s is the raw score of "
                    "%s, whose board normalizes each subtask with its own "
                    "baseline (%s): use the published %s column, or give "
                    LB_OPT("baseline") " %s=VALUE",
                    lb_quotes(&q, c->name), raw->of->name, raw->of->baseline,
                    raw->of->name, c->name);
            } else {
                free(given);
                return lb_error_set(err,
                                    LB_OPT("method") " normalized: no random "
                                    "baseline for %s; give one with "
                                    LB_OPT("baseline") " %s=VALUE (the score "
                                    "of a random guess, 0 for none)",
                                    lb_quotes(&q, c->name), c->name);
            }
            if (text != NULL)
                (void)lb_dec_parse(text, strlen(text), &tm->baseline);
            if (!tm->as_published && tm->baseline.scale > scale)
                scale = tm->baseline.scale;
        }
        free(given);
    }
    /* the input scale, and each column's multiplier to it */
    a->in_scale = scale;
    for (k = 0; k < a->nbench; k++)
        a->mult[k] = lb_pow10[scale - t->cols[a->cols[k]].scale];
    for (k = 0; k < a->nbench; k++) {
        const struct lb_column *c = &t->cols[a->cols[k]];
        const struct lb_raw_info *raw = lb_catalog_raw(c->name);
        struct lb_term *tm = &a->terms[k];
        int hi = c->bench ? c->bench->hi : raw ? raw->hi : 100;
        int lo = c->bench ? c->bench->lo : 0;
        lb_i128 num, den, g;

        tm->top = (lb_i128)hi * lb_pow10[scale];
        tm->best = tm->lower ? (lb_i128)lo * lb_pow10[scale] : tm->top;
        if (m->method != LB_METHOD_NORMALIZED || tm->as_published) {
            tm->p = tm->q = 1;
            continue;
        }
        tm->base = (lb_i128)tm->baseline.units *
                   lb_pow10[scale - tm->baseline.scale];
        /* 100 / (best - b) = 100 10^scale / (best - base) */
        num = (lb_i128)100 * lb_pow10[scale];
        den = tm->best - tm->base;
        if (tm->lower ? den >= 0 : den <= 0) {
            char buf[LB_DEC_BUFSIZE];

            lb_dec_format(buf, tm->baseline.units, tm->baseline.scale);
            return lb_error_set(err,
                                LB_OPT("method") " normalized: the baseline of "
                                "%s (%s) "
                                "is not below a perfect score (%s%d)",
                                lb_quotes(&q, c->name), buf,
                                tm->lower ? "lower is better: " : "",
                                tm->lower ? lo : hi);
        }
        g = lb_gcd128(num, den);
        num /= g;
        den /= g;
        if (den < 0) {
            den = -den;
            num = -num;
        }
        if (num > INT64_MAX || num < -INT64_MAX || den > UINT32_MAX)
            return lb_error_set(err, LB_OPT("baseline") ": the baseline of %s "
                                     "has too "
                                     "many digits to be kept exactly",
                                lb_quotes(&q, c->name));
        tm->p = (int64_t)num;
        tm->q = (int64_t)den;
    }
    return 0;
}

/* {======================================================================
 * Groups (group-mean)
 * ======================================================================= */

struct by_name {
    const char *const *name;
};

static int cmp_group_name(size_t x, size_t y, void *ctx)
{
    const struct by_name *b = ctx;
    int c = strcmp(b->name[x], b->name[y]);

    return c != 0 ? c : (x > y) - (x < y);
}

/* Each benchmark's group: the name --groups gives, else the schema's, else
 * its own; groups numbered
 * in the order of their first benchmark, each holding its benchmarks in
 * the selection's order. (The benchmarks share one direction:
 * lb_aggregate_compute refused a mix, as for mean.) */
static int build_groups_at(struct lb_aggregate *a, const uint32_t *pos,
                           const struct lb_method_opts *m, const char **name,
                           bool *given, size_t *order, uint32_t *first,
                           struct lb_error *err)
{
    const struct lb_table *t = a->t;
    uint32_t nb = a->nbench, k, g, *fill;
    struct by_name ctx = {name};
    struct lb_quoted q;
    size_t i, j, x;

    for (i = 0; i < m->ngroups; i++) {
        if (find_bench(a, pos, LB_OPT("groups"), m->groups[i].name, &k,
                       err) != 0)
            return -1;
        if (given[k])
            return lb_error_set(err, LB_OPT("groups") ": %s is given twice",
                                lb_quotes(&q, t->cols[a->cols[k]].name));
        name[k] = m->groups[i].text;
        given[k] = true;
    }
    /* a benchmark --groups does not name: the schema's group, else its
     * own */
    for (k = 0; k < nb; k++) {
        const struct lb_column *c = &t->cols[a->cols[k]];

        if (!given[k] && c->field != NULL && c->field->group != NULL) {
            name[k] = c->field->group;
            given[k] = true;
        } else if (!given[k]) {
            name[k] = c->name;
        }
        order[k] = k;
    }
    /* equal names sorted together, each run led by its first benchmark */
    lb_sort_indices(order, nb, cmp_group_name, &ctx);
    for (i = 0; i < nb; i = j) {
        for (j = i + 1; j < nb && strcmp(name[order[j]], name[order[i]]) == 0;
             j++)
            ;
        for (x = i; x < j; x++)
            first[order[x]] = (uint32_t)order[i];
    }
    a->group = xcalloc((size_t)nb + 1, sizeof *a->group);
    for (k = 0; k < nb; k++)
        a->group[k] = first[k] == k ? a->ngroups++ : a->group[first[k]];
    a->group_start = xcalloc((size_t)a->ngroups + 2, sizeof *a->group_start);
    a->group_member = xcalloc((size_t)nb + 1, sizeof *a->group_member);
    a->group_name = xcalloc((size_t)a->ngroups + 1, sizeof *a->group_name);
    a->group_given = xcalloc((size_t)a->ngroups + 1, sizeof *a->group_given);
    for (k = 0; k < nb; k++) {
        g = a->group[k];
        a->group_start[g + 1]++;
        if (first[k] == k)
            a->group_name[g] = name[k];
        a->group_given[g] = a->group_given[g] || given[k];
    }
    for (g = 0; g < a->ngroups; g++)
        a->group_start[g + 1] += a->group_start[g];
    fill = xcalloc((size_t)a->ngroups + 1, sizeof *fill);
    for (k = 0; k < nb; k++) {
        g = a->group[k];
        a->group_member[a->group_start[g] + fill[g]++] = k;
    }
    free(fill);
    return 0;
}

static int build_groups(struct lb_aggregate *a, const uint32_t *pos,
                        const struct lb_method_opts *m, struct lb_error *err)
{
    size_t nb = a->nbench;
    const char **name = xcalloc(nb + 1, sizeof *name);
    bool *given = xcalloc(nb + 1, sizeof *given);
    size_t *order = xcalloc(nb + 1, sizeof *order);
    uint32_t *first = xcalloc(nb + 1, sizeof *first);
    int rc = build_groups_at(a, pos, m, name, given, order, first, err);

    free(name);
    free(given);
    free(order);
    free(first);
    return rc;
}

/* }====================================================================== */

static int build_terms(struct lb_aggregate *a, const struct lb_method_opts *m,
                       struct lb_error *err)
{
    uint32_t *pos = bench_positions(a);
    int rc = build_terms_at(a, pos, m, err);

    if (rc == 0 && m->method == LB_METHOD_GROUP_MEAN)
        rc = build_groups(a, pos, m, err);
    free(pos);
    return rc;
}

/* }====================================================================== */

/* {======================================================================
 * Per row
 * ======================================================================= */

/* The value v_k of row (higher is better; 0 when missing). */
static bool term_value(const struct lb_aggregate *a, uint32_t k, size_t row,
                       lb_i128 *v)
{
    const struct lb_column *c = &a->t->cols[a->cols[k]];

    if (lb_column_missing(c, row)) {
        *v = 0;
        return false;
    }
    *v = (lb_i128)lb_column_num(c, row) * a->mult[k];
    if (a->terms[k].lower)
        *v = a->terms[k].top - *v;
    return true;
}

/* Whether term k of row counts, under the policy, given that the row has
 * 'present' of the nbench scores. */
static bool counts(const struct lb_aggregate *a, bool present_k,
                   uint32_t present)
{
    switch (a->policy) {
    case LB_MISSING_EXCLUDE:
        return present == a->nbench;
    case LB_MISSING_PARTIAL:
        return present_k;
    case LB_MISSING_ZERO:
    default:
        return true;
    }
}

static uint32_t present_count(const struct lb_aggregate *a, size_t row)
{
    uint32_t k, n = 0;

    for (k = 0; k < a->nbench; k++)
        n += !lb_column_missing(&a->t->cols[a->cols[k]], row);
    return n;
}

/* mean, weighted, normalized: one exact fraction per row. */
static int linear_row(const struct lb_aggregate *a, size_t row, int64_t qall,
                      lb_i128 *num, uint64_t *den, struct lb_error *err)
{
    uint32_t present = present_count(a, row), k;

    *num = 0;
    *den = 0;
    for (k = 0; k < a->nbench; k++) {
        const struct lb_term *tm = &a->terms[k];
        lb_i128 v, x;
        bool has = term_value(a, k, row, &v);

        if (!counts(a, has, present))
            continue;
        switch (a->method) {
        case LB_METHOD_WEIGHTED:
            if (__builtin_mul_overflow(v, (lb_i128)tm->w, &x))
                goto overflow;
            *den += (uint64_t)tm->w;
            break;
        case LB_METHOD_NORMALIZED:
            if (!has)
                x = 0;
            else if (tm->as_published)
                x = v;
            else if (__builtin_mul_overflow(
                         (lb_i128)lb_column_num(&a->t->cols[a->cols[k]], row) *
                                 a->mult[k] -
                             tm->base,
                         (lb_i128)tm->p, &x))
                goto overflow;
            if (x < 0)
                x = 0; /* below the random baseline */
            if (__builtin_mul_overflow(x, (lb_i128)(qall / tm->q), &x))
                goto overflow;
            *den += (uint64_t)qall;
            break;
        default:
            x = v;
            *den += 1;
            break;
        }
        if (__builtin_add_overflow(*num, x, num))
            goto overflow;
    }
    return 0;
overflow:
    return lb_error_set(err, "%s:%zu: the scores are too large to be kept "
                             "exactly",
                        a->t->path, lb_table_line(a->t, row));
}

static int geomean_row(const struct lb_aggregate *a, size_t row, lb_i128 *num,
                       uint64_t *den, uint8_t *why, struct lb_error *err)
{
    uint32_t present = present_count(a, row), k, n = 0;
    double logs = 0, g;
    bool zero = false;

    *num = 0;
    *den = 0;
    for (k = 0; k < a->nbench; k++) {
        lb_i128 v;
        bool has = term_value(a, k, row, &v);

        if (!counts(a, has, present))
            continue;
        n++;
        if (v <= 0) {
            zero = true;
            continue;
        }
        logs += lb_det_log(lb_dec_to_double(v, 1, a->in_scale));
    }
    if (n == 0)
        return 0;
    if (zero) {
        *why = WHY_ZERO;
        return 0;
    }
    g = lb_det_exp(logs / (double)n) * 1e9; /* 10^GEO_DECIMALS */
    if (!(g < 9e18))
        return lb_error_set(err, "%s:%zu: the geometric mean is too large to "
                                 "be kept",
                            a->t->path, lb_table_line(a->t, row));
    *num = (lb_i128)(int64_t)floor(g + 0.5);
    *den = 1;
    return 0;
}

/* group-mean: benchmark k of row as it is (every benchmark has the same
 * direction), or, missing, 0 (what --missing zero counts; refused when
 * lower is better). */
static bool group_value(const struct lb_aggregate *a, uint32_t k, size_t row,
                        lb_i128 *v)
{
    const struct lb_column *c = &a->t->cols[a->cols[k]];

    if (lb_column_missing(c, row)) {
        *v = 0;
        return false;
    }
    *v = lb_column_num(c, row) * a->mult[k];
    return true;
}

/* One pass of group-mean over every row: exact (sum_g S_g (L / c_g) over
 * L G) or rounded (each S_g / c_g at ROUND_DECIMALS, over G). Returns 0,
 * 1 when an exact denominator does not fit in 32 bits (then the pass
 * must be made rounded), or -1 with a message in err. */
static int group_pass(struct lb_aggregate *a, bool rounded, lb_i128 *sum,
                      uint32_t *cnt, struct lb_error *err)
{
    uint32_t g, k, used;
    size_t r;
    int64_t up = lb_pow10[ROUND_DECIMALS - a->in_scale];

    for (r = 0; r < a->nrows; r++) {
        uint32_t present = present_count(a, r);
        uint64_t lcm = 1;
        lb_i128 num = 0, x;

        memset(sum, 0, a->ngroups * sizeof *sum);
        memset(cnt, 0, a->ngroups * sizeof *cnt);
        for (k = 0; k < a->nbench; k++) {
            lb_i128 v;
            bool has = group_value(a, k, r, &v);

            if (!counts(a, has, present))
                continue;
            g = a->group[k];
            if (__builtin_add_overflow(sum[g], v, &sum[g]))
                goto overflow;
            cnt[g]++;
        }
        for (g = 0, used = 0; g < a->ngroups; g++) {
            if (cnt[g] == 0)
                continue;
            used++;
            if (!rounded)
                lcm = lcm / lb_gcd64(lcm, cnt[g]) * cnt[g];
            if (!rounded && lcm > UINT32_MAX)
                return 1;
        }
        a->vnum[r] = 0;
        a->vden[r] = 0;
        if (used == 0)
            continue;
        if (!rounded && lcm * used > UINT32_MAX)
            return 1;
        for (g = 0; g < a->ngroups; g++) {
            if (cnt[g] == 0)
                continue;
            if (rounded) {
                if (__builtin_mul_overflow(sum[g], (lb_i128)up, &x))
                    goto overflow;
                x = lb_div_round_half_even(x, cnt[g]);
            } else if (__builtin_mul_overflow(sum[g],
                                              (lb_i128)(lcm / cnt[g]), &x)) {
                goto overflow;
            }
            if (__builtin_add_overflow(num, x, &num))
                goto overflow;
        }
        a->vnum[r] = num;
        a->vden[r] = (uint32_t)(rounded ? used : lcm * used);
    }
    return 0;
overflow:
    return lb_error_set(err, "%s:%zu: the scores are too large to be kept "
                             "exactly",
                        a->t->path, lb_table_line(a->t, r));
}

static int group_rows(struct lb_aggregate *a, struct lb_error *err)
{
    lb_i128 *sum = xcalloc((size_t)a->ngroups + 1, sizeof *sum);
    uint32_t *cnt = xcalloc((size_t)a->ngroups + 1, sizeof *cnt);
    int rc = group_pass(a, false, sum, cnt, err);

    if (rc == 1) { /* some L G beyond 32 bits: every row rounded */
        a->rounded = true;
        a->scale = ROUND_DECIMALS;
        rc = group_pass(a, true, sum, cnt, err);
    }
    free(sum);
    free(cnt);
    return rc;
}

bool lb_aggregate_group_mean(const struct lb_aggregate *a, size_t row,
                             uint32_t g, lb_i128 *num, uint32_t *den,
                             bool *lacking)
{
    uint32_t i, n = 0, have = 0;
    lb_i128 sum = 0;

    *lacking = false;
    for (i = a->group_start[g]; i < a->group_start[g + 1]; i++) {
        lb_i128 v;

        n++;
        if (group_value(a, a->group_member[i], row, &v)) {
            have++;
        } else {
            *lacking = true;
            if (a->policy != LB_MISSING_ZERO)
                continue;
        }
        if (__builtin_add_overflow(sum, v, &sum))
            return false; /* beyond 128 bits: group_rows said so already
                             for any row ranked */
    }
    *num = sum;
    switch (a->policy) {
    case LB_MISSING_EXCLUDE:
        *den = have;
        return have == n && n > 0;
    case LB_MISSING_PARTIAL:
        *den = have;
        return have > 0;
    case LB_MISSING_ZERO:
    default:
        *den = n;
        return n > 0;
    }
}

/* }====================================================================== */

/* {======================================================================
 * Ranks on each benchmark
 * ======================================================================= */

struct by_value {
    const lb_i128 *v;
};

static int cmp_value(size_t x, size_t y, void *ctx)
{
    const struct by_value *b = ctx;

    return (b->v[x] > b->v[y]) - (b->v[x] < b->v[y]);
}

/* mean-rank and win-rate: sort the rows that compete on each benchmark. */
static void rank_rows(struct lb_aggregate *a)
{
    size_t n = a->nrows, r, i, j, m;
    uint32_t k, used = 0;
    uint32_t *present = xcalloc(n + 1, sizeof *present);
    uint32_t *cnt = xcalloc(n + 1, sizeof *cnt);
    size_t *nk = xcalloc((size_t)a->nbench + 1, sizeof *nk);
    lb_i128 *v = xcalloc(n + 1, sizeof *v);
    size_t *idx = xcalloc(n + 1, sizeof *idx);
    lb_i128 *acc = xcalloc(n + 1, sizeof *acc);
    uint64_t lcm = 1;
    bool exact = true;
    struct by_value ctx = {v};

    for (r = 0; r < n; r++)
        present[r] = present_count(a, r);
    /* how many compete on each benchmark, and the common denominator */
    for (k = 0; k < a->nbench; k++) {
        for (r = 0; r < n; r++) {
            lb_i128 x;

            nk[k] += counts(a, term_value(a, k, r, &x), present[r]);
        }
        if (nk[k] >= 2 && exact) {
            uint64_t d = 2 * (uint64_t)(nk[k] - 1);

            lcm = lcm / lb_gcd64(lcm, d) * d;
            if (lcm > UINT32_MAX)
                exact = false;
        }
        used += nk[k] >= 2;
    }
    if (exact && (uint64_t)used * lcm > UINT32_MAX)
        exact = false;
    if (a->method == LB_METHOD_WIN_RATE && !exact) {
        a->rounded = true;
        a->scale = ROUND_DECIMALS;
    }
    for (k = 0; k < a->nbench; k++) {
        if (a->method == LB_METHOD_WIN_RATE && nk[k] < 2)
            continue; /* HELM skips a benchmark with fewer than 2 */
        m = 0;
        for (r = 0; r < n; r++)
            if (counts(a, term_value(a, k, r, &v[r]), present[r]))
                idx[m++] = r;
        lb_sort_indices(idx, m, cmp_value, &ctx);
        for (i = 0; i < m; i = j) {
            j = i + 1;
            while (j < m && v[idx[j]] == v[idx[i]])
                j++;
            /* rows idx[i..j) tie: i rows are worse (ascending order) */
            for (r = i; r < j; r++) {
                size_t row = idx[r];

                cnt[row]++;
                if (a->method == LB_METHOD_MEAN_RANK)
                    /* twice the mean of places m - i .. m - j + 1 */
                    acc[row] += (lb_i128)(2 * m - i - j + 1);
                else if (exact)
                    acc[row] += (lb_i128)(i + j - 1) *
                                (lb_i128)(lcm / (2 * (uint64_t)(m - 1)));
                else
                    acc[row] += lb_div_round_half_even(
                        (lb_i128)(i + j - 1) * lb_pow10[ROUND_DECIMALS],
                        (lb_i128)(2 * (m - 1)));
            }
        }
    }
    for (r = 0; r < n; r++) {
        a->vnum[r] = acc[r];
        if (cnt[r] == 0) {
            a->vden[r] = 0;
            if (a->method == LB_METHOD_WIN_RATE && present[r] > 0 &&
                counts(a, true, present[r]))
                a->why[r] = WHY_NO_PEERS;
        } else if (a->method == LB_METHOD_MEAN_RANK) {
            a->vden[r] = 2 * cnt[r];
        } else {
            a->vden[r] = exact ? (uint32_t)(cnt[r] * lcm) : cnt[r];
        }
    }
    free(present);
    free(cnt);
    free(nk);
    free(v);
    free(idx);
    free(acc);
}

/* borda: on each benchmark the rows with a score, best first, ties
 * sharing the mean of their places; each earns nmodels - place, a row
 * without the score nothing. */
static void borda_rows(struct lb_aggregate *a)
{
    size_t n = a->nrows, r, i, j, m, nmodels = 0;
    uint32_t k;
    uint32_t *present = xcalloc(n + 1, sizeof *present);
    lb_i128 *v = xcalloc(n + 1, sizeof *v);
    size_t *idx = xcalloc(n + 1, sizeof *idx);
    lb_i128 *acc = xcalloc(n + 1, sizeof *acc);
    struct by_value ctx = {v};

    for (r = 0; r < n; r++) {
        present[r] = present_count(a, r);
        nmodels += present[r] > 0;
    }
    for (k = 0; k < a->nbench; k++) {
        m = 0;
        for (r = 0; r < n; r++)
            if (term_value(a, k, r, &v[r]))
                idx[m++] = r;
        lb_sort_indices(idx, m, cmp_value, &ctx);
        for (i = 0; i < m; i = j) {
            j = i + 1;
            while (j < m && v[idx[j]] == v[idx[i]])
                j++;
            /* rows idx[i..j) tie (ascending order): twice the mean of
             * their places, best first, is 2m - i - j + 1; twice the
             * points 2 nmodels minus that */
            for (r = i; r < j; r++)
                acc[idx[r]] += (lb_i128)(2 * nmodels) -
                               (lb_i128)(2 * m - i - j + 1);
        }
    }
    for (r = 0; r < n; r++) {
        a->vnum[r] = acc[r];
        a->vden[r] = present[r] > 0 ? 2 : 0;
    }
    a->nmodels = nmodels;
    free(present);
    free(v);
    free(idx);
    free(acc);
}

/* }====================================================================== */

bool lb_method_has_weights(const struct lb_table *t, const size_t *bench,
                           size_t nbench, const struct lb_method_opts *m)
{
    size_t k;

    for (k = 0; m->nweights == 0 && k < nbench; k++)
        if (t->cols[bench[k]].field != NULL &&
            t->cols[bench[k]].field->has_weight)
            return true;
    return m->nweights > 0;
}

bool lb_method_has_groups(const struct lb_table *t, const size_t *bench,
                          size_t nbench, const struct lb_method_opts *m)
{
    size_t k;

    for (k = 0; m->ngroups == 0 && k < nbench; k++)
        if (t->cols[bench[k]].field != NULL &&
            t->cols[bench[k]].field->group != NULL)
            return true;
    return m->ngroups > 0;
}

bool lb_method_lower_is_better(const struct lb_aggregate *agg)
{
    return agg->lower_better;
}

bool lb_aggregate_marked(const struct lb_aggregate *agg, size_t row)
{
    if ((agg->policy == LB_MISSING_EXCLUDE &&
         agg->method != LB_METHOD_BORDA) ||
        !lb_aggregate_has(agg, row))
        return false;
    return lb_aggregate_present(agg, row) < agg->nbench;
}

/* Whether the method averages scores in their own units. */
static bool same_units(enum lb_method m)
{
    return m == LB_METHOD_MEAN || m == LB_METHOD_WEIGHTED ||
           m == LB_METHOD_GEOMEAN || m == LB_METHOD_GROUP_MEAN;
}

enum direction {
    DIR_HIGHER,
    DIR_LOWER,
    DIR_MIXED,   /* err is set */
    DIR_UNKNOWN  /* a name of --lower-is-better is not averaged */
};

/* The names of the benchmarks of sel that point one way. */
static void names_of(const struct lb_table *t, const struct lb_selection *sel,
                     const bool *lower, bool which, struct lb_buf *out)
{
    size_t k, n = 0;

    for (k = 0; k < sel->nbench; k++) {
        struct lb_quoted q;

        if (lower[k] != which)
            continue;
        if (n++ == 4) {
            lb_buf_adds(out, ", ...");
            break;
        }
        lb_buf_addf(out, "%s%s", n > 1 ? ", " : "",
                    lb_quotes(&q, t->cols[sel->bench[k]].name));
    }
}

/* Which way the benchmarks of sel point (the schema's or catalog's
 * direction, and --lower-is-better's names); mixed directions are an
 * error (err set). A name of --lower-is-better that is not averaged is
 * left for build_terms to report. */
static enum direction directions(const struct lb_table *t,
                                 const struct lb_selection *sel,
                                 const struct lb_method_opts *m,
                                 struct lb_error *err)
{
    bool *lower = xcalloc(sel->nbench + 1, sizeof *lower);
    size_t k, i, nlow = 0;
    enum direction d;

    for (k = 0; k < sel->nbench; k++)
        lower[k] = lb_column_lower_better(&t->cols[sel->bench[k]]);
    for (i = 0; i < m->nlower; i++) {
        size_t col = lb_table_find(t, m->lower[i]);

        for (k = 0; k < sel->nbench && sel->bench[k] != col; k++)
            ;
        if (k == sel->nbench) {
            free(lower);
            return DIR_UNKNOWN;
        }
        lower[k] = true;
    }
    for (k = 0; k < sel->nbench; k++)
        nlow += lower[k];
    d = nlow == 0 ? DIR_HIGHER : nlow == sel->nbench ? DIR_LOWER : DIR_MIXED;
    if (d == DIR_MIXED) {
        struct lb_buf lo = LB_BUF_INIT, hi = LB_BUF_INIT;

        names_of(t, sel, lower, true, &lo);
        names_of(t, sel, lower, false, &hi);
        (void)lb_error_set(err, "the %s cannot mix benchmarks where lower is "
                                "better (%s) and where higher is better "
                                "(%s): use " LB_OPT("method") " normalized, "
                                "mean-rank, win-rate or borda, or the "
                                "benchmarks of one direction ("
                                LB_OPT("benchmarks") ")",
                           m->method == LB_METHOD_MEAN       ? "mean"
                           : m->method == LB_METHOD_WEIGHTED ? "weighted mean"
                           : m->method == LB_METHOD_GROUP_MEAN
                               ? "mean of group means"
                               : "geometric mean",
                           lb_buf_str(&lo), lb_buf_str(&hi));
        lb_buf_release(&lo);
        lb_buf_release(&hi);
    }
    free(lower);
    return d;
}

int lb_aggregate_compute(const struct lb_table *t,
                         const struct lb_selection *sel,
                         enum lb_missing policy, const struct lb_method_opts *m,
                         struct lb_aggregate *agg, struct lb_error *err)
{
    size_t r;
    int64_t qall = 1;
    uint32_t k;
    int rc = 0;
    bool natural = false;

    if (same_units(m->method)) {
        switch (directions(t, sel, m, err)) {
        case DIR_MIXED:
            return -1;
        case DIR_LOWER:
            natural = true;
            if (policy == LB_MISSING_ZERO)
                return lb_error_set(err, LB_OPT("missing") " zero counts a "
                                         "missing score as 0, the best "
                                         "where lower is better: use "
                                         "exclude or partial");
            break;
        case DIR_HIGHER:
            break;
        case DIR_UNKNOWN:
            break; /* build_terms says which name is wrong */
        }
        if (m->method == LB_METHOD_MEAN && (natural || m->nlower == 0)) {
            rc = lb_aggregate_mean(t, sel, policy, agg, err);
            agg->lower_better = natural;
            return rc;
        }
    }
    /* borda: MTEB's rule whatever the policy: the rows with a score on a
     * benchmark compete there, a missing score earns 0 (as partial) */
    lb_aggregate_prepare(agg, t, sel->bench, sel->nbench,
                         m->method == LB_METHOD_BORDA ? LB_MISSING_PARTIAL
                                                      : policy);
    agg->method = m->method;
    agg->lower_better = m->method == LB_METHOD_MEAN_RANK;
    agg->fits64 = false; /* lb_aggregate_sum: the checked path */
    if (build_terms(agg, m, err) != 0) {
        lb_aggregate_release(agg);
        return -1;
    }
    /* every benchmark lower-is-better: the values in their own units */
    for (k = 0; natural && k < agg->nbench; k++)
        agg->terms[k].lower = false;
    agg->lower_better = natural || m->method == LB_METHOD_MEAN_RANK;
    if (m->method == LB_METHOD_NORMALIZED) {
        /* columns published normalized (the v2 board's): their mean, kept
         * per row no more than a plain mean is */
        bool plain = true;
        struct lb_term *terms;

        for (k = 0; k < agg->nbench; k++)
            plain = plain && agg->terms[k].as_published && !agg->terms[k].lower;
        if (plain) {
            terms = agg->terms;
            agg->terms = NULL;
            lb_aggregate_release(agg);
            if (lb_aggregate_mean(t, sel, policy, agg, err) != 0) {
                free(terms);
                return -1;
            }
            agg->method = LB_METHOD_NORMALIZED;
            agg->terms = terms;
            return 0;
        }
    }
    agg->vnum = xcalloc(t->nrows + 1, sizeof *agg->vnum);
    agg->vden = xcalloc(t->nrows + 1, sizeof *agg->vden);
    agg->why = xcalloc(t->nrows + 1, sizeof *agg->why);
    agg->scale = agg->in_scale;
    if (m->method == LB_METHOD_NORMALIZED) {
        /* the common denominator of the factors p / q */
        for (k = 0; k < agg->nbench; k++) {
            int64_t q = agg->terms[k].q;

            uint64_t total;

            if (__builtin_mul_overflow(
                    qall / (int64_t)lb_gcd64((uint64_t)qall, (uint64_t)q), q,
                    &qall) ||
                __builtin_mul_overflow((uint64_t)qall, agg->nbench, &total) ||
                total > UINT32_MAX) {
                lb_aggregate_release(agg);
                return lb_error_set(err, LB_OPT("method") " normalized: the "
                                         "baselines "
                                         "have too many digits to be kept "
                                         "exactly");
            }
        }
    }
    switch (m->method) {
    case LB_METHOD_MEAN_RANK:
    case LB_METHOD_WIN_RATE:
        agg->scale = 0;
        rank_rows(agg);
        break;
    case LB_METHOD_BORDA:
        agg->scale = 0;
        borda_rows(agg);
        break;
    case LB_METHOD_GROUP_MEAN:
        rc = group_rows(agg, err);
        break;
    default:
        if (m->method == LB_METHOD_GEOMEAN)
            agg->scale = GEO_DECIMALS;
        for (r = 0; r < t->nrows && rc == 0; r++) {
            uint64_t den;

            rc = m->method == LB_METHOD_GEOMEAN
                     ? geomean_row(agg, r, &agg->vnum[r], &den, &agg->why[r],
                                   err)
                     : linear_row(agg, r, qall, &agg->vnum[r], &den, err);
            agg->vden[r] = (uint32_t)den; /* <= UINT32_MAX, checked above */
            if (agg->policy == LB_MISSING_EXCLUDE &&
                present_count(agg, r) != agg->nbench)
                agg->vden[r] = 0;
        }
        break;
    }
    if (rc != 0) {
        lb_aggregate_release(agg);
        return -1;
    }
    for (r = 0; r < t->nrows; r++) {
        lb_i128 v = agg->vnum[r] < 0 ? -agg->vnum[r] : agg->vnum[r];

        /* |num| / den rounded up; never above |num|: skip the division
         * when |num| is not above the largest so far */
        if (agg->vden[r] != 0 && v > agg->max_abs) {
            v = v / agg->vden[r] + (v % agg->vden[r] != 0);
            if (v > agg->max_abs) {
                agg->max_abs = v;
                agg->max_row = r;
            }
        }
    }
    return 0;
}

bool lb_aggregate_why_none(const struct lb_aggregate *agg, size_t row,
                           struct lb_buf *out)
{
    uint32_t k, named = 0;

    if (agg->why == NULL || agg->why[row] == WHY_NONE)
        return false;
    if (agg->why[row] == WHY_NO_PEERS) {
        lb_buf_adds(out, "no benchmark that 2 or more models have");
        return true;
    }
    lb_buf_adds(out, "geometric mean undefined: ");
    for (k = 0; k < agg->nbench && named < 4; k++) {
        lb_i128 v;

        if (term_value(agg, k, row, &v) && v > 0)
            continue;
        if (!term_value(agg, k, row, &v) && agg->policy != LB_MISSING_ZERO)
            continue;
        lb_buf_addf(out, "%s%s", named ? ", " : "",
                    agg->t->cols[agg->cols[k]].name);
        named++;
    }
    lb_buf_adds(out, named == 1 ? " counts as 0" : " count as 0");
    return true;
}
