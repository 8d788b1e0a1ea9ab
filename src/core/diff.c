/* diff.c: two snapshots of a leaderboard compared (see diff.h). */
#include "core/diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"
#include "core/schema.h"
#include "core/select.h"

struct keyed {
    const struct lb_table *t;
    size_t prec; /* precision column, or LB_NPOS */
};

static int cmp_bytes(const char *a, size_t la, const char *b, size_t lb)
{
    int c = memcmp(a, b, la < lb ? la : lb);

    return c != 0 ? c : (la > lb) - (la < lb);
}

/* Compares row a of x with row b of y by key. */
static int cmp_key(const struct keyed *x, size_t a, const struct keyed *y,
                   size_t b)
{
    size_t la, lb;
    const char *sa = lb_table_model(x->t, a, &la);
    const char *sb = lb_table_model(y->t, b, &lb);
    int c = cmp_bytes(sa, la, sb, lb);

    if (c != 0 || x->prec == LB_NPOS || y->prec == LB_NPOS)
        return c;
    sa = lb_table_text(x->t, x->prec, a, &la);
    sb = lb_table_text(y->t, y->prec, b, &lb);
    return cmp_bytes(sa, la, sb, lb);
}

int lb_diff_cmp_key(const struct lb_table *x, size_t xprec, size_t a,
                    const struct lb_table *y, size_t yprec, size_t b)
{
    struct keyed kx = {x, xprec}, ky = {y, yprec};

    return cmp_key(&kx, a, &ky, b);
}

static int cmp_rows(size_t a, size_t b, void *ctx)
{
    return cmp_key(ctx, a, ctx, b);
}

/* The rows of k->t sorted by key into *idx; -1 with err when a key is
 * there twice. */
static int sort_keys(const struct keyed *k, size_t **idx, struct lb_error *err)
{
    const struct lb_table *t = k->t;
    size_t i, *v = xreallocarray(NULL, t->nrows + 1, sizeof *v);
    struct lb_quoted q;

    for (i = 0; i < t->nrows; i++)
        v[i] = i;
    lb_sort_indices(v, t->nrows, cmp_rows, (void *)(uintptr_t)k);
    *idx = v;
    for (i = 1; i < t->nrows; i++) {
        size_t len;
        const char *m;

        if (cmp_key(k, v[i - 1], k, v[i]) != 0)
            continue;
        m = lb_table_model(t, v[i], &len);
        return lb_error_set(err, "%s:%zu: %s is also on line %zu: diff "
                                 "matches rows by model%s, which must be "
                                 "unique",
                            t->path, lb_table_line(t, v[i]),
                            lb_quote(&q, m, len), lb_table_line(t, v[i - 1]),
                            k->prec != LB_NPOS ? " and precision" : "");
    }
    return 0;
}

size_t lb_diff_key_column(const struct lb_board *b)
{
    const struct lb_table *t = b->table;
    size_t c;

    /* --dedup keeps one row per model: the model alone is the key */
    if (b->opts.dedup != LB_DEDUP_NONE)
        return LB_NPOS;
    c = lb_table_find(t, "precision");

    return c == LB_NPOS || c == t->model_col || !t->cols[c].has_text ? LB_NPOS
                                                                      : c;
}

int lb_diff_shown_value(const struct lb_board *b, size_t row,
                      struct lb_diff_value *v, struct lb_error *err)
{
    const struct lb_aggregate *a = b->sel.sort_col != LB_NPOS ? &b->by_column
                                                              : &b->mean;

    v->has = lb_aggregate_has(a, row);
    if (v->has && !lb_aggregate_round(a, row, b->opts.rank.precision, &v->units))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            b->table->path, lb_table_line(b->table, row),
                            b->opts.rank.precision);
    return 0;
}

/* The shown value of a cell. */
static int cell_value(const struct lb_board *b, size_t col, size_t row,
                      struct lb_diff_value *v, struct lb_error *err)
{
    const struct lb_column *c = &b->table->cols[col];

    v->has = c->numeric && !lb_column_missing(c, row);
    if (v->has && !lb_dec_round(lb_column_num(c, row), 1, c->scale,
                                b->opts.rank.precision, &v->units))
        return lb_error_set(err, "%s:%zu: a value is too large to round at "
                                 "%u decimals",
                            b->table->path, lb_table_line(b->table, row),
                            b->opts.rank.precision);
    return 0;
}

bool lb_diff_value_changed(const struct lb_diff *d,
                           const struct lb_diff_value *a,
                           const struct lb_diff_value *b)
{
    unsigned p = d->new_b->opts.rank.precision;
    lb_i128 delta, lhs, rhs;

    if (a->has != b->has)
        return true;
    if (!a->has)
        return false;
    delta = a->units > b->units ? a->units - b->units : b->units - a->units;
    /* delta / 10^p > threshold / 10^ts */
    if (__builtin_mul_overflow(delta, (lb_i128)lb_pow10[d->threshold_scale],
                               &lhs) ||
        __builtin_mul_overflow(d->threshold, (lb_i128)lb_pow10[p], &rhs))
        return true;
    return lhs > rhs;
}

bool lb_diff_bench_changed(const struct lb_diff *d, size_t i, size_t k)
{
    return lb_diff_value_changed(d, &d->old_v[i * d->nbench + k],
                                 &d->new_v[i * d->nbench + k]);
}

/* The benchmarks of the new board that the old one also averages. */
static void match_benchmarks(struct lb_diff *d)
{
    const struct lb_board *o = d->old_b, *n = d->new_b;
    size_t i, j;

    d->bench = xcalloc(n->sel.nbench + 1, sizeof *d->bench);
    for (i = 0; i < n->sel.nbench; i++) {
        const char *name = n->table->cols[n->sel.bench[i]].name;

        for (j = 0; j < o->sel.nbench; j++)
            if (strcmp(o->table->cols[o->sel.bench[j]].name, name) == 0)
                break;
        if (j == o->sel.nbench)
            continue;
        d->bench[d->nbench++] =
            (struct lb_diff_bench){name, o->sel.bench[j], n->sel.bench[i]};
    }
    d->same_benchmarks = d->nbench == n->sel.nbench &&
                         d->nbench == o->sel.nbench;
}

/* {======================================================================
 * Metadata
 * ======================================================================= */

/* The file's columns sorted by name (exact bytes), to find a column of one
 * file in the other in log time: files may have 100,000 columns. */
struct by_name {
    const struct lb_table *t;
    size_t *idx; /* column indices sorted by name (owned) */
};

static int cmp_col_names(size_t a, size_t b, void *ctx)
{
    const struct lb_table *t = ctx;

    return strcmp(t->cols[a].name, t->cols[b].name);
}

static void by_name_init(struct by_name *s, const struct lb_table *t)
{
    size_t i;

    s->t = t;
    s->idx = xreallocarray(NULL, t->ncols + 1, sizeof *s->idx);
    for (i = 0; i < t->ncols; i++)
        s->idx[i] = i;
    lb_sort_indices(s->idx, t->ncols, cmp_col_names, (void *)(uintptr_t)t);
}

/* The column named exactly 'name', or LB_NPOS. */
static size_t by_name_find(const struct by_name *s, const char *name)
{
    size_t lo = 0, hi = s->t->ncols;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(s->t->cols[s->idx[mid]].name, name);

        if (c == 0)
            return s->idx[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return LB_NPOS;
}

/* Marks in scores[] (one per column of b's table) the columns that hold
 * scores on board b: its benchmarks, the --sort column, and every column
 * its schema (read or inferred: lb_column.field) names a benchmark, an
 * aggregate or a standard error; and a raw score published beside a
 * benchmark (the v2 table's IFEval_raw, which the schema calls metadata
 * in a file of the catalog's benchmarks). */
static void mark_scores(const struct lb_board *b, bool *scores)
{
    const struct lb_table *t = b->table;
    size_t i;

    for (i = 0; i < b->sel.nbench; i++)
        scores[b->sel.bench[i]] = true;
    if (b->sel.sort_col != LB_NPOS)
        scores[b->sel.sort_col] = true;
    for (i = 0; i < t->ncols; i++) {
        enum lb_role r = t->cols[i].field->role;

        if (r == LB_ROLE_BENCHMARK || r == LB_ROLE_AGGREGATE ||
            r == LB_ROLE_STDERR || lb_catalog_raw(t->cols[i].name) != NULL)
            scores[i] = true;
    }
}

/* Whether column c of board b is metadata, given the columns that hold
 * scores (mark_scores): the schema's role metadata (or none said), not the
 * key, and kept as text. */
static bool metadata_role(const struct lb_board *b, size_t c,
                          const bool *scores, size_t key_prec)
{
    const struct lb_table *t = b->table;
    enum lb_role r = t->cols[c].field->role;

    return c != t->model_col && c != key_prec && !scores[c] &&
           (r == LB_ROLE_METADATA || r == LB_ROLE_NONE) &&
           t->cols[c].has_text;
}

/* The metadata columns both files have, and the columns only one has. */
static void match_columns(struct lb_diff *d)
{
    const struct lb_table *ot = d->old_b->table, *nt = d->new_b->table;
    bool *o_scores = xcalloc(ot->ncols + 1, sizeof *o_scores);
    bool *n_scores = xcalloc(nt->ncols + 1, sizeof *n_scores);
    struct by_name os, ns;
    size_t c, oc;

    by_name_init(&os, ot);
    by_name_init(&ns, nt);
    mark_scores(d->old_b, o_scores);
    mark_scores(d->new_b, n_scores);
    /* a column that holds scores on either board holds scores */
    for (c = 0; c < nt->ncols; c++) {
        oc = by_name_find(&os, nt->cols[c].name);
        if (oc != LB_NPOS && (o_scores[oc] || n_scores[c]))
            o_scores[oc] = n_scores[c] = true;
    }
    d->meta = xcalloc(nt->ncols + 1, sizeof *d->meta);
    d->new_only = xcalloc(nt->ncols + 1, sizeof *d->new_only);
    d->old_only = xcalloc(ot->ncols + 1, sizeof *d->old_only);
    for (c = 0; c < nt->ncols; c++) {
        oc = by_name_find(&os, nt->cols[c].name);
        if (oc == LB_NPOS) {
            d->new_only[d->n_new_only++] = c;
            continue;
        }
        if (!metadata_role(d->new_b, c, n_scores, d->new_prec) ||
            !metadata_role(d->old_b, oc, o_scores, d->old_prec))
            continue;
        d->meta[d->nmeta++] = (struct lb_diff_meta){
            nt->cols[c].name, oc, c,
            ot->cols[oc].numeric && nt->cols[c].numeric};
    }
    for (c = 0; c < ot->ncols; c++)
        if (by_name_find(&ns, ot->cols[c].name) == LB_NPOS)
            d->old_only[d->n_old_only++] = c;
    free(os.idx);
    free(ns.idx);
    free(o_scores);
    free(n_scores);
}

/* Whether a text cell is missing: the one rule of base/decimal.h. */
static bool text_missing(const struct lb_table *t, size_t col, size_t row,
                         const char **s, size_t *len)
{
    *s = lb_table_text(t, col, row, len);
    return lb_is_missing_text(*s, *len);
}

/* a * 10^(scale - as) <=> b * 10^(scale - bs): both below 2^63 at their
 * own scale, so below 2^123 at 18 decimals. */
static int cmp_dec(const struct lb_dec *a, const struct lb_dec *b)
{
    unsigned s = a->scale > b->scale ? a->scale : b->scale;
    lb_i128 x = (lb_i128)a->units * lb_pow10[s - a->scale];
    lb_i128 y = (lb_i128)b->units * lb_pow10[s - b->scale];

    return (x > y) - (x < y);
}

bool lb_diff_meta_changed(const struct lb_diff *d, size_t i, size_t k)
{
    const struct lb_diff_entry *e = &d->e[i];
    const struct lb_diff_meta *m = &d->meta[k];
    const struct lb_table *ot = d->old_b->table, *nt = d->new_b->table;
    const char *a, *b;
    size_t la, lb;
    bool ma, mb;

    if (e->old_row == LB_NPOS || e->new_row == LB_NPOS)
        return false;
    if (m->numeric) {
        const struct lb_column *oc = &ot->cols[m->old_col];
        const struct lb_column *nc = &nt->cols[m->new_col];
        struct lb_dec x, y;

        ma = lb_column_missing(oc, e->old_row);
        mb = lb_column_missing(nc, e->new_row);
        if (ma || mb)
            return ma != mb;
        lb_column_dec(oc, e->old_row, &x);
        lb_column_dec(nc, e->new_row, &y);
        return cmp_dec(&x, &y) != 0;
    }
    ma = text_missing(ot, m->old_col, e->old_row, &a, &la);
    mb = text_missing(nt, m->new_col, e->new_row, &b, &lb);
    if (ma || mb)
        return ma != mb;
    return la != lb || memcmp(a, b, la) != 0;
}

/* }====================================================================== */

/* {======================================================================
 * Knock-on moves
 * ======================================================================= */

/* A model whose move may be knock-on: in both boards, ranked in both, its
 * scores unchanged. */
static bool steady(const struct lb_diff_entry *e)
{
    return e->old_row != LB_NPOS && e->new_row != LB_NPOS &&
           e->old_rank2 != 0 && e->new_rank2 != 0 && !e->scores_changed;
}

static int cmp_old_rank(size_t a, size_t b, void *ctx)
{
    const struct lb_diff_entry *e = ctx;

    return (e[a].old_rank2 > e[b].old_rank2) -
           (e[a].old_rank2 < e[b].old_rank2);
}

/* Marks entry e knock-on if it moved. */
static void mark_moved(struct lb_diff *d, struct lb_diff_entry *e)
{
    if (e->old_rank2 != e->new_rank2) {
        e->knock_on = true;
        d->knock_on++;
    }
}

/* Marks the steady models s[0..ns) that kept their order against every
 * other: taken in old rank order, every model ranked above A is still
 * above it, every model tied with it still tied, every model below it
 * still below: max(new rank of those above) < new rank of A < min(new
 * rank of those below), and one new rank for A's old tie. One sort: n log
 * n. */
static void mark_in_order(struct lb_diff *d, size_t *s, size_t ns)
{
    uint32_t *below = xcalloc(ns + 1, sizeof *below), above = 0;
    size_t i, g, h;

    lb_sort_indices(s, ns, cmp_old_rank, d->e);
    /* below[j]: the smallest new rank of s[j..ns) */
    for (i = ns; i-- > 0;) {
        uint32_t r = d->e[s[i]].new_rank2;

        below[i] = i + 1 < ns && below[i + 1] < r ? below[i + 1] : r;
    }
    for (g = 0; g < ns; g = h) {
        uint32_t lo = UINT32_MAX, hi = 0;

        /* [g, h): one tie of the old board */
        for (h = g; h < ns && d->e[s[h]].old_rank2 == d->e[s[g]].old_rank2;
             h++) {
            uint32_t r = d->e[s[h]].new_rank2;

            lo = r < lo ? r : lo;
            hi = r > hi ? r : hi;
        }
        if (lo == hi && above < lo && (h == ns || below[h] > lo))
            for (i = g; i < h; i++)
                mark_moved(d, &d->e[s[i]]);
        above = hi > above ? hi : above;
    }
    free(below);
}

/* Marks the knock-on moves (diff.h). */
static void mark_knock_on(struct lb_diff *d)
{
    size_t *s = xcalloc(d->n + 1, sizeof *s), ns = 0, i;

    for (i = 0; i < d->n; i++)
        if (steady(&d->e[i]))
            s[ns++] = i;
    if (d->own_value) {
        mark_in_order(d, s, ns);
    } else {
        /* a value that ranks each model against the others moves with
         * them: every move of a steady model is theirs */
        for (i = 0; i < ns; i++)
            mark_moved(d, &d->e[s[i]]);
    }
    free(s);
}

/* }====================================================================== */

/* Fills entry i's values, its facts and its status. */
static int fill(struct lb_diff *d, size_t i, struct lb_error *err)
{
    struct lb_diff_entry *e = &d->e[i];
    size_t k;

    if (e->old_row != LB_NPOS) {
        e->old_rank2 = d->old_b->ranking.rank2[e->old_row];
        if (lb_diff_shown_value(d->old_b, e->old_row, &e->old_mean, err) != 0)
            return -1;
    }
    if (e->new_row != LB_NPOS) {
        e->new_rank2 = d->new_b->ranking.rank2[e->new_row];
        if (lb_diff_shown_value(d->new_b, e->new_row, &e->new_mean, err) != 0)
            return -1;
    }
    for (k = 0; k < d->nbench; k++) {
        struct lb_diff_value *ov = &d->old_v[i * d->nbench + k];
        struct lb_diff_value *nv = &d->new_v[i * d->nbench + k];

        if (e->old_row != LB_NPOS &&
            cell_value(d->old_b, d->bench[k].old_col, e->old_row, ov, err) != 0)
            return -1;
        if (e->new_row != LB_NPOS &&
            cell_value(d->new_b, d->bench[k].new_col, e->new_row, nv, err) != 0)
            return -1;
        if (e->old_row != LB_NPOS && e->new_row != LB_NPOS &&
            lb_diff_value_changed(d, ov, nv))
            e->nchanged++;
    }
    if (e->old_row == LB_NPOS) {
        e->status = LB_DIFF_ADDED;
        d->added++;
        return 0;
    }
    if (e->new_row == LB_NPOS) {
        e->status = LB_DIFF_REMOVED;
        d->removed++;
        return 0;
    }
    d->in_both++;
    e->mean_changed = lb_diff_value_changed(d, &e->old_mean, &e->new_mean);
    e->scores_changed = e->nchanged > 0 || (d->own_value && e->mean_changed);
    for (k = 0; k < d->nmeta; k++)
        if (lb_diff_meta_changed(d, i, k))
            e->nmeta_changed++;
    d->scores_changed += e->scores_changed;
    d->meta_changed += e->nmeta_changed > 0;
    if (e->old_rank2 != e->new_rank2) {
        e->status = LB_DIFF_MOVED;
        d->moved++;
    } else if (e->scores_changed) {
        e->status = LB_DIFF_CHANGED;
    } else if (e->nmeta_changed > 0) {
        e->status = LB_DIFF_METADATA;
    } else {
        e->status = LB_DIFF_SAME;
        d->same++;
    }
    return 0;
}

/* Whether the value board b ranks is each model's own: a function of its
 * row alone (a mean of its scores, a column), not of the other rows, as
 * mean-rank and win-rate are. */
static bool own_value(const struct lb_board *b)
{
    return b->sel.sort_col != LB_NPOS ||
           (b->mean.method != LB_METHOD_MEAN_RANK &&
            b->mean.method != LB_METHOD_WIN_RATE);
}

bool lb_diff_lower_is_better(const struct lb_diff *d)
{
    /* the board's own order (core/board.c): a mean rank, a mean of
     * benchmarks whose schema says lower is better, --sort on such a
     * column or with --ascending; lb_diff_compute checked that both
     * boards agree */
    return d->new_b->lower_better;
}

int lb_diff_same_direction(const struct lb_board *old_b,
                          const struct lb_board *new_b, struct lb_error *err)
{
    struct lb_quoted q1, q2;

    if (old_b->lower_better == new_b->lower_better)
        return 0;
    return lb_error_set(err,
                        "%s ranks %s first and %s %s first: their schemas "
                        "disagree on which way is better; give both the same "
                        "schema (" LB_OPT("schema") " FILE) or name the "
                        "benchmarks where lower is better ("
                        LB_OPT("lower-is-better") ")",
                        lb_quotes(&q1, old_b->table->path),
                        old_b->lower_better ? "lowest" : "highest",
                        lb_quotes(&q2, new_b->table->path),
                        new_b->lower_better ? "lowest" : "highest");
}

int lb_diff_compute(struct lb_diff *d, const struct lb_board *old_b,
                    const struct lb_board *new_b, struct lb_dec threshold,
                    struct lb_error *err)
{
    struct keyed ko = {old_b->table, lb_diff_key_column(old_b)};
    struct keyed kn = {new_b->table, lb_diff_key_column(new_b)};
    size_t *old_idx = NULL, *new_idx = NULL, i, n_old = old_b->table->nrows;
    bool *matched = NULL;
    int rc = -1;

    memset(d, 0, sizeof *d);
    d->old_b = old_b;
    d->new_b = new_b;
    d->threshold = threshold.units;
    d->threshold_scale = threshold.scale;
    d->own_value = own_value(old_b) && own_value(new_b);
    if (lb_diff_same_direction(old_b, new_b, err) != 0)
        return -1;
    /* the precision is part of the key only when both files have it */
    if (ko.prec == LB_NPOS || kn.prec == LB_NPOS)
        ko.prec = kn.prec = LB_NPOS;
    d->old_prec = ko.prec;
    d->new_prec = kn.prec;
    if (sort_keys(&ko, &old_idx, err) != 0 || sort_keys(&kn, &new_idx, err) != 0)
        goto out;
    match_benchmarks(d);
    match_columns(d);
    d->e = xcalloc(new_b->table->nrows + n_old + 1, sizeof *d->e);
    matched = xcalloc(n_old + 1, sizeof *matched);
    /* the new board's rows, in its order */
    for (i = 0; i < new_b->ranking.n_listed; i++) {
        size_t row = new_b->ranking.order[i], lo = 0, hi = n_old;
        struct lb_diff_entry *e = &d->e[d->n++];

        e->new_row = row;
        e->old_row = LB_NPOS;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int c = cmp_key(&ko, old_idx[mid], &kn, row);

            if (c == 0) {
                e->old_row = old_idx[mid];
                matched[e->old_row] = true;
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    /* then the old board's rows that are gone, in its order */
    for (i = 0; i < old_b->ranking.n_listed; i++) {
        size_t row = old_b->ranking.order[i];

        if (matched[row])
            continue;
        d->e[d->n].old_row = row;
        d->e[d->n].new_row = LB_NPOS;
        d->n++;
    }
    d->old_v = xcalloc(d->n * d->nbench + 1, sizeof *d->old_v);
    d->new_v = xcalloc(d->n * d->nbench + 1, sizeof *d->new_v);
    for (i = 0; i < d->n; i++)
        if (fill(d, i, err) != 0)
            goto out;
    mark_knock_on(d);
    rc = 0;
out:
    free(old_idx);
    free(new_idx);
    free(matched);
    return rc;
}

void lb_diff_release(struct lb_diff *d)
{
    free(d->bench);
    free(d->old_v);
    free(d->new_v);
    free(d->meta);
    free(d->old_only);
    free(d->new_only);
    free(d->e);
    memset(d, 0, sizeof *d);
}

const char *lb_diff_status_name(enum lb_diff_status s)
{
    static const char *const names[] = {"same",  "added",   "removed",
                                         "moved", "changed", "metadata"};

    return names[s];
}
