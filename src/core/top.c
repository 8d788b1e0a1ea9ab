/* top.c: loading a score file and computing its board; with --top N, only
 * the rows that can still be among the first N are kept while the file is
 * read, so memory does not grow with the number of rows.
 *
 * Why it is exact: a row's rank depends only on the rows ranked above it
 * (competition: how many are better; dense: how many better values;
 * fractional: its tie group, whose rows show its value; ordinal: its
 * position). The filter keeps every row whose displayed score is not worse
 * than the displayed score of the N-th best row seen so far (that bound only
 * rises), so the first N rows and every row tied with the N-th are kept,
 * together with every row ranked above any of them. The counts of rows and
 * of ranked rows, and their models (core/models.h), are kept aside for the
 * footer. */
#include "core/top.h"

#include <stdlib.h>
#include <string.h>

#include "base/sort.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/filter.h"
#include "core/schema.h"

#define MIN_KEPT 4096 /* rows kept before the first compaction */

struct top {
    const struct lb_board_opts *opts;
    bool active;          /* the benchmarks are known from the header */
    size_t *cols;         /* the columns averaged (or the sort column) */
    size_t ncols;
    bool by_column;       /* --sort: cols[0] is the score */
    bool bound;           /* rows worse than 'worst' are dropped */
    lb_i128 worst;        /* displayed score of the N-th best so far */
    size_t limit;         /* compact when more rows are kept */
    size_t rows;          /* data rows read */
    size_t ranked;        /* rows with a score */
    bool can_reload;      /* the file can be read again (not a pipe) */
    struct lb_model_set models; /* the models of the rows read */
};

/* 1 when a is better than b, 0 when equal, -1 when worse (displayed). */
static int better(const struct top *tp, lb_i128 a, lb_i128 b)
{
    int c = (a > b) - (a < b);

    /* --ascending orders --sort's column (core/board.c) */
    return tp->by_column && tp->opts->rank.ascending ? -c : c;
}

/* The displayed score of a row, if it has one under the options. A score
 * too large to compute is no reason to drop the row: *big is set, and the
 * caller keeps the row for the board to report it. */
static bool row_score(const struct top *tp, const struct lb_table *t,
                      size_t row, lb_i128 *shown, bool *big)
{
    unsigned k = 0, precision = tp->opts->rank.precision;
    uint32_t n = 0, den;
    lb_i128 sum = 0;
    size_t j;
    bool wide = tp->ncols > 16;

    for (j = 0; j < tp->ncols; j++) {
        const struct lb_column *c = &t->cols[tp->cols[j]];

        if (!c->numeric)
            return false; /* a bad cell: the load will report it */
        if (c->scale > k)
            k = c->scale;
        wide |= c->num128 != NULL;
    }
    /* a value at 18 decimals at most is below 2^63 * 10^18 < 2^123: a
     * sum of 16 fits. The common case: 64-bit numbers, 16 columns or
     * fewer; else every addition is checked */
    for (j = 0; j < tp->ncols && !wide; j++) {
        const struct lb_column *c = &t->cols[tp->cols[j]];

        if (lb_column_missing(c, row))
            continue;
        sum += (lb_i128)lb_column_num64(c, row) * lb_pow10[k - c->scale];
        n++;
    }
    for (j = 0; j < tp->ncols && wide; j++) {
        const struct lb_column *c = &t->cols[tp->cols[j]];

        if (lb_column_missing(c, row))
            continue;
        if (__builtin_add_overflow(
                sum, lb_column_num(c, row) * lb_pow10[k - c->scale], &sum)) {
            *big = true;
            return false;
        }
        n++;
    }
    if (tp->by_column) {
        if (n == 0)
            return false;
        den = 1;
    } else {
        switch (tp->opts->missing) {
        case LB_MISSING_EXCLUDE:
            if (n != tp->ncols || n == 0)
                return false;
            den = n;
            break;
        case LB_MISSING_PARTIAL:
            if (n == 0)
                return false;
            den = n;
            break;
        case LB_MISSING_ZERO:
        default:
            if (tp->ncols == 0)
                return false;
            den = (uint32_t)tp->ncols;
            break;
        }
    }
    if (!lb_dec_round(sum, den, k, precision, shown)) {
        *big = true;
        return false;
    }
    return true;
}

struct scored {
    const struct top *tp;
    const lb_i128 *shown;
};

static int cmp_best_first(size_t a, size_t b, void *vctx)
{
    const struct scored *s = vctx;

    return -better(s->tp, s->shown[a], s->shown[b]);
}

/* Raises the bound to the N-th best kept row and drops the rows below it
 * (a row whose score is too large to compute stays: the board reports it). */
static void compact(struct top *tp, struct lb_table *t)
{
    size_t n = t->nrows, want = tp->opts->rank.top, r, m = 0, kept = 0;
    lb_i128 *shown = xreallocarray(NULL, n + 1, sizeof *shown);
    size_t *idx = xreallocarray(NULL, n + 1, sizeof *idx);
    bool *keep = xreallocarray(NULL, n + 1, sizeof *keep);
    bool *big = xcalloc(n + 1, sizeof *big);
    struct scored ctx = {tp, shown};

    for (r = 0; r < n; r++) {
        keep[r] = row_score(tp, t, r, &shown[r], &big[r]);
        if (keep[r])
            idx[m++] = r;
    }
    lb_sort_indices(idx, m, cmp_best_first, &ctx);
    if (m >= want) { /* at least N scored rows: the bound is the N-th's */
        tp->worst = shown[idx[want - 1]];
        tp->bound = true;
    }
    for (r = 0; r < n; r++) {
        keep[r] = big[r] || (keep[r] && (!tp->bound ||
                                         better(tp, shown[r], tp->worst) >= 0));
        kept += keep[r];
    }
    lb_table_retain(t, keep);
    tp->limit = kept * 2 > MIN_KEPT ? kept * 2 : MIN_KEPT;
    free(shown);
    free(idx);
    free(keep);
    free(big);
}

static int top_start(const struct lb_table *t, void *ctx, struct lb_error *err)
{
    struct top *tp = ctx;
    const struct lb_select_opts *so = &tp->opts->select;
    struct lb_selection sel;
    bool catalog = false;
    size_t i;

    for (i = 0; i < t->ncols; i++) {
        catalog = catalog || t->cols[i].bench != NULL;
        if (t->cols[i].field != NULL)
            return 0; /* a schema read: it may name other benchmarks */
    }
    /* without catalog benchmarks or --benchmarks, which columns are
     * averaged is known only once every value is read: keep every row */
    if (so->sort == NULL && so->benchmarks == NULL && !catalog)
        return 0;
    if (lb_select(t, so, &sel, err) != 0) {
        lb_selection_release(&sel);
        return -1;
    }
    /* the header must decide every row's score: benchmarks where higher
     * is better, that no schema read describes (else keep every row). A
     * column the catalog does not know may still turn out to hold a -1
     * sentinel (known once every value is read): lb_board_load then reads
     * the file again, which standard input cannot be */
    for (i = 0; i < (sel.sort_col != LB_NPOS ? 1 : sel.nbench); i++) {
        const struct lb_column *c =
            &t->cols[sel.sort_col != LB_NPOS ? sel.sort_col : sel.bench[i]];
        bool known = c->bench != NULL ? c->bench->higher_is_better
                                      : tp->can_reload &&
                                            !lb_schema_name_lower(c->name);

        if (!known || c->field != NULL) {
            lb_selection_release(&sel);
            return 0;
        }
    }
    if (sel.sort_col != LB_NPOS) {
        tp->cols = xreallocarray(NULL, 1, sizeof *tp->cols);
        tp->cols[0] = sel.sort_col;
        tp->ncols = 1;
        tp->by_column = true;
    } else {
        tp->cols = sel.bench;
        tp->ncols = sel.nbench;
        sel.bench = NULL;
    }
    lb_selection_release(&sel);
    tp->active = true;
    tp->limit = MIN_KEPT;
    return 0;
}

static bool top_keep(struct lb_table *t, void *ctx)
{
    struct top *tp = ctx;
    lb_i128 shown;
    bool big = false, scored;
    const char *name;
    size_t len;

    tp->rows++;
    if (!tp->active)
        return true;
    scored = row_score(tp, t, t->nrows - 1, &shown, &big);
    if (!tp->opts->skip_models) {
        name = lb_table_model(t, t->nrows - 1, &len);
        lb_model_set_add(&tp->models, name, len, scored);
    }
    if (!scored)
        return big; /* not ranked: counted, not listed under --top */
    tp->ranked++;
    if (tp->bound && better(tp, shown, tp->worst) < 0)
        return false;
    if (t->nrows > tp->limit)
        compact(tp, t);
    return true;
}

/* --where during the load, then --top's filter on the rows it keeps. */
struct where {
    struct lb_filter *filter; /* NULL: every row */
    struct top *tp;           /* --top, or NULL */
    size_t read;              /* data rows read */
    size_t kept;              /* rows the expression kept */
    bool failed;              /* a cell could not be read: err is set */
    struct lb_error err;
};

static int where_start(const struct lb_table *t, void *ctx,
                       struct lb_error *err)
{
    struct where *w = ctx;

    if (w->filter != NULL && lb_filter_bind(w->filter, t, err) != 0)
        return -1;
    return w->tp != NULL ? top_start(t, w->tp, err) : 0;
}

static bool where_keep(struct lb_table *t, void *ctx)
{
    struct where *w = ctx;
    enum lb_truth v = LB_TRUE;

    w->read++;
    if (w->failed)
        return false;
    if (w->filter != NULL &&
        lb_filter_eval(w->filter, t, t->nrows - 1, &v, &w->err) != 0) {
        w->failed = true;
        return false;
    }
    if (v != LB_TRUE)
        return false;
    w->kept++;
    return w->tp != NULL ? top_keep(t, w->tp) : true;
}

/* Whether the rows --top kept while the file was read are those it would
 * keep now that the columns are known: no cell it scored became missing,
 * and higher is still better. */
static bool streamed_right(const struct lb_table *t, const struct top *tp)
{
    size_t j;

    for (j = 0; j < tp->ncols; j++) {
        const struct lb_column *c = &t->cols[tp->cols[j]];

        if (c->field->sentinel || lb_column_lower_better(c))
            return false;
    }
    return true;
}

bool lb_board_streams_top(const struct lb_board_opts *bo)
{
    /* row_score computes a plain mean */
    return bo->rank.top > 0 && bo->dedup == LB_DEDUP_NONE && !bo->ci.enabled &&
           lb_board_method(bo) == LB_METHOD_MEAN && bo->method.nlower == 0;
}

/* Reads the table from 'path', or from data[0..len) (named 'path') when
 * data is not NULL. */
static int read_table(struct lb_table *t, const char *path, const char *data,
                      size_t len, const struct lb_load_opts *lo,
                      struct lb_error *err)
{
    return data != NULL ? lb_table_load_mem(t, path, data, len, lo, err)
                        : lb_table_load(t, path, lo, err);
}

static int board_load(struct lb_table *t, struct lb_board *b, const char *path,
                      const char *data, size_t len,
                      const struct lb_load_opts *lo,
                      const struct lb_board_opts *bo, struct lb_error *err)
{
    struct lb_load_opts opts = *lo;
    struct top tp;
    struct where w;
    struct lb_row_filter filter = {where_start, where_keep, &w};
    size_t dups = 0, date_col = LB_NPOS;
    int rc;

    memset(b, 0, sizeof *b);
    memset(&tp, 0, sizeof tp);
    memset(&w, 0, sizeof w);
    tp.opts = bo;
    lb_model_set_init(&tp.models);
    if (bo->where != NULL && lb_filter_parse(bo->where, &w.filter, err) != 0)
        return -1;
    if (lb_board_streams_top(bo))
        w.tp = &tp;
    if (w.filter != NULL || w.tp != NULL)
        opts.filter = &filter;
    tp.can_reload = data != NULL || strcmp(path, "-") != 0;
    rc = read_table(t, path, data, len, &opts, err);
    if (rc == 0 && !w.failed && tp.active && !streamed_right(t, &tp)) {
        /* a column turned out to hold a sentinel: every row again */
        lb_table_release(t);
        free(tp.cols);
        lb_model_set_release(&tp.models);
        memset(&tp, 0, sizeof tp);
        lb_model_set_init(&tp.models);
        w.tp = NULL;
        w.read = w.kept = 0;
        rc = read_table(t, path, data, len, &opts, err);
    }
    if (rc == 0 && w.failed) {
        *err = w.err;
        lb_table_release(t);
        rc = -1;
    }
    lb_filter_free(w.filter);
    if (rc != 0) {
        free(tp.cols);
        lb_model_set_release(&tp.models);
        return -1;
    }
    rc = lb_dedup_rows(t, bo, &dups, &date_col, err);
    if (rc == 0)
        rc = lb_board_compute(b, t, bo, err);
    if (rc == 0 && tp.active) {
        /* the footer counts every row read, not only those kept */
        b->ranking.nrows = tp.rows;
        b->ranking.n_ranked = tp.ranked;
        b->models_read = true;
        b->read_models = tp.models.counts;
        b->read_models.known = tp.models.counts.known && !bo->skip_models;
    }
    if (rc == 0) {
        b->n_filtered = w.read - w.kept;
        b->n_duplicates = dups;
        b->date_col = date_col;
        if (!tp.active)
            b->ranking.nrows = t->nrows;
    }
    if (rc != 0) {
        lb_board_release(b);
        lb_table_release(t);
    }
    free(tp.cols);
    lb_model_set_release(&tp.models);
    return rc;
}

int lb_board_load(struct lb_table *t, struct lb_board *b, const char *path,
                  const struct lb_load_opts *lo, const struct lb_board_opts *bo,
                  struct lb_error *err)
{
    return board_load(t, b, path, NULL, 0, lo, bo, err);
}

int lb_board_load_mem(struct lb_table *t, struct lb_board *b, const char *name,
                      const char *data, size_t len,
                      const struct lb_load_opts *lo,
                      const struct lb_board_opts *bo, struct lb_error *err)
{
    return board_load(t, b, name, data, len, lo, bo, err);
}
