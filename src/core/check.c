/* check.c: every problem of a loaded score file (see check.h). */
#include "core/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/quote.h"
#include "base/sort.h"
#include "base/xalloc.h"
#include "core/aggregate.h"
#include "core/catalog.h"
#include "core/schema.h"
#include "core/select.h"


/* Kinds of issue counted per column, for max_per_column. */
enum tally { T_NUMBER, T_RANGE, T_STDERR, T_AVERAGE, T_FRACTION, T_COUNT };

struct checker {
    const struct lb_table *t;
    const struct lb_check_opts *o;
    struct lb_check_report *r;
    size_t *shown;   /* [col * T_COUNT + kind]: issues listed */
    size_t *hidden;  /* the same, not listed */
};

static void add_issue(struct lb_check_report *r, enum lb_check_level level,
                      size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void add_issue(struct lb_check_report *r, enum lb_check_level level,
                      size_t line, size_t col, const char *fmt, ...)
{
    struct lb_check_issue *is;
    va_list ap;
    int n;

    if (r->n == r->cap) {
        r->cap = lb_grow_cap(r->cap, r->n + 1);
        r->issues = xreallocarray(r->issues, r->cap, sizeof *r->issues);
    }
    is = &r->issues[r->n++];
    is->level = level;
    is->line = line;
    is->col = col;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    is->msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    is->msg[0] = '\0';
    if (n > 0) {
        va_start(ap, fmt);
        (void)vsnprintf(is->msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
}

/* Counts an issue of a kind in a column; true when it is to be listed. */
static bool tally(struct checker *ck, enum lb_check_level level, size_t col,
                  enum tally kind)
{
    size_t k = col * T_COUNT + kind;

    if (level == LB_CHECK_ERROR)
        ck->r->errors++;
    else
        ck->r->warnings++;
    if (ck->o->max_per_column == 0 || ck->shown[k] < ck->o->max_per_column) {
        ck->shown[k]++;
        return true;
    }
    ck->hidden[k]++;
    return false;
}

/* {======================================================================
 * Columns
 * ======================================================================= */

/* True for names ending in a standard error's suffix. */
static bool is_stderr_name(const char *name)
{
    static const char *const suffixes[] = {"_stderr", "_se", "_std"};
    size_t n = strlen(name), i, k;

    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t m = strlen(suffixes[i]);

        if (n <= m)
            continue;
        for (k = 0; k < m; k++) {
            char c = name[n - m + k];

            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != suffixes[i][k])
                break;
        }
        if (k == m)
            return true;
    }
    return false;
}

/* Metadata columns that hold numbers (lb_catalog_is_metadata has them all,
 * with the text ones). */
static bool is_numeric_metadata(const char *name)
{
    static const char *const keys[] = {
        "params", "paramsb", "parameters", "numparams", "leaderboardparamsb",
        "contextlength", "contextwindow", "average", "avg", "hubhearts",
        "hublikes", "likes", "downloads", "co2kg", "co2cost"};
    char key[64];
    size_t i;

    if (is_stderr_name(name))
        return true;
    if (strlen(name) >= sizeof key)
        return false;
    lb_catalog_key(name, key, sizeof key);
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* True for NAME_raw where NAME is a catalog benchmark: the raw score the
 * v2 board published beside the normalized one. */
static bool is_raw_of_benchmark(const char *name)
{
    size_t n = strlen(name);
    char *base;
    bool known;

    if (n <= 4 || strcmp(name + n - 4, "_raw") != 0)
        return false;
    base = xmemdup0(name, n - 4);
    known = lb_catalog_benchmark(base) != NULL;
    free(base);
    return known;
}

/* -1, 0 or 1 as a < b, exactly. */
static int dec_cmp(const struct lb_dec *a, const struct lb_dec *b)
{
    unsigned sc = a->scale > b->scale ? a->scale : b->scale;
    lb_i128 x = (lb_i128)a->units * lb_pow10[sc - a->scale];
    lb_i128 y = (lb_i128)b->units * lb_pow10[sc - b->scale];

    return x < y ? -1 : x > y;
}

/* True when d lies outside the constraints of field f. */
static bool out_of_bounds(const struct lb_field *f, const struct lb_dec *d)
{
    return (f->has_min && dec_cmp(d, &f->min) < 0) ||
           (f->has_max && dec_cmp(d, &f->max) > 0);
}

/* "MIN to MAX", "at least MIN" or "at most MAX", in buf. */
static const char *bounds_text(const struct lb_field *f, char *buf,
                               size_t size)
{
    char lo[LB_DEC_BUFSIZE], hi[LB_DEC_BUFSIZE];

    if (f->has_min)
        lb_dec_format(lo, f->min.units, f->min.scale);
    if (f->has_max)
        lb_dec_format(hi, f->max.units, f->max.scale);
    if (f->has_min && f->has_max)
        (void)snprintf(buf, size, "%s to %s", lo, hi);
    else if (f->has_min)
        (void)snprintf(buf, size, "at least %s", lo);
    else
        (void)snprintf(buf, size, "at most %s", hi);
    return buf;
}

/* Checks every cell of column j. */
static void check_column(struct checker *ck, size_t j, bool catalog_in_file)
{
    const struct lb_table *t = ck->t;
    const struct lb_column *c = &t->cols[j];
    size_t r, numbers = 0, others = 0;
    char bounds[2 * LB_DEC_BUFSIZE + 16];
    const struct lb_field *f = c->field;
    bool described = f != NULL && f->described;
    bool averaged = f != NULL && f->role == LB_ROLE_BENCHMARK;
    bool is_se = is_stderr_name(c->name) || (f && f->role == LB_ROLE_STDERR);
    bool expected, unknown;
    struct lb_quoted qv, qc;

    for (r = 0; r < t->nrows; r++) {
        size_t len;
        const char *s = lb_table_text(t, j, r, &len);
        struct lb_dec d;
        enum lb_num_status st;

        (void)lb_score_cell(s, len, false, 0, 0, &d, &st);
        numbers += st == LB_NUM_OK;
        others += st != LB_NUM_OK && st != LB_NUM_MISSING;
    }
    /* a column the schema read describes is what it says: no guess to
     * warn about */
    unknown = c->bench == NULL && !described && !(f && f->by_name) &&
              !lb_catalog_is_metadata(c->name) &&
              !is_raw_of_benchmark(c->name) && numbers > 0 && numbers > others;
    expected = c->bench != NULL || unknown || (described && numbers > 0) ||
               ((is_numeric_metadata(c->name) || is_raw_of_benchmark(c->name)) &&
                numbers > 0);
    if (!expected)
        return;
    if (unknown) {
        ck->r->warnings++;
        add_issue(ck->r, LB_CHECK_WARNING, 0, j + 1,
                  "column %s holds numbers but is not a benchmark that "
                  "leaderboard knows: %s",
                  lb_quotes(&qc, c->name),
                  catalog_in_file
                      ? "not averaged unless named with " LB_OPT("benchmarks")
                  : averaged
                      ? "averaged as one (the file has no catalog benchmark; "
                        "a schema says what it is: leaderboard schema)"
                      : "not averaged (its numbers are not all from 0 to "
                        "100; a schema says what it is: leaderboard schema)");
    }
    for (r = 0; r < t->nrows; r++) {
        size_t len, line = lb_table_line(t, r);
        const char *s = lb_table_text(t, j, r, &len);
        struct lb_dec d;
        enum lb_num_status st;
        /* what rank's loader accepts, decided by the same function */
        enum lb_bad_kind bad =
            lb_score_cell(s, len, c->bench != NULL, c->bench ? c->bench->lo : 0,
                          c->bench ? c->bench->hi : 0, &d, &st);

        if (st == LB_NUM_MISSING)
            continue;
        if (bad == LB_BAD_NUMBER) {
            if (tally(ck, LB_CHECK_ERROR, j, T_NUMBER))
                add_issue(ck->r, LB_CHECK_ERROR, line, j + 1, "%s %s (column %s)",
                          lb_quote(&qv, s, len), lb_num_status_phrase(st),
                          lb_quotes(&qc, c->name));
            continue;
        }
        if (is_se && d.units < 0) {
            if (tally(ck, LB_CHECK_ERROR, j, T_STDERR))
                add_issue(ck->r, LB_CHECK_ERROR, line, j + 1,
                          "%s is negative: a standard error is not "
                          "(column %s)",
                          lb_quote(&qv, s, len), lb_quotes(&qc, c->name));
            continue;
        }
        if (bad == LB_BAD_RANGE) {
            if (tally(ck, LB_CHECK_ERROR, j, T_RANGE))
                add_issue(ck->r, LB_CHECK_ERROR, line, j + 1,
                          "%s is out of range for %s (%d to %d)",
                          lb_quote(&qv, s, len), lb_quotes(&qc, c->name),
                          c->bench->lo, c->bench->hi);
            continue;
        }
        if (described && out_of_bounds(f, &d)) {
            if (tally(ck, LB_CHECK_ERROR, j, T_RANGE))
                add_issue(ck->r, LB_CHECK_ERROR, line, j + 1,
                          "%s is out of range for %s (%s, as %s says)",
                          lb_quote(&qv, s, len), lb_quotes(&qc, c->name),
                          bounds_text(f, bounds, sizeof bounds),
                          t->schema->source ? t->schema->source : "the schema");
            continue;
        }
        if (c->bench != NULL || !(unknown && !catalog_in_file && averaged))
            continue;
        /* an unknown benchmark: a warning outside the scale of a score */
        if (d.units >= 0 && d.units <= (lb_i128)100 * lb_pow10[d.scale])
            continue;
        if (tally(ck, LB_CHECK_WARNING, j, T_RANGE)) {
            add_issue(ck->r, LB_CHECK_WARNING, line, j + 1,
                      "%s is outside 0 to 100, the scale of a score "
                      "(column %s)",
                      lb_quote(&qv, s, len), lb_quotes(&qc, c->name));
        }
    }
}

/* }====================================================================== */

/* {======================================================================
 * Rows: keys and model names
 * ======================================================================= */

struct key_ctx {
    const struct lb_table *t;
    size_t prec; /* the precision column, or LB_NPOS */
};

static int cmp_keys(size_t a, size_t b, void *ctx)
{
    const struct key_ctx *k = ctx;
    size_t la, lb;
    const char *sa = lb_table_model(k->t, a, &la);
    const char *sb = lb_table_model(k->t, b, &lb);
    int c = la == lb ? memcmp(sa, sb, la) : (la < lb ? -1 : 1);

    if (c != 0 || k->prec == LB_NPOS)
        return c;
    sa = lb_table_text(k->t, k->prec, a, &la);
    sb = lb_table_text(k->t, k->prec, b, &lb);
    return la == lb ? memcmp(sa, sb, la) : (la < lb ? -1 : 1);
}

static void check_keys(struct checker *ck)
{
    const struct lb_table *t = ck->t;
    struct key_ctx k = {t, lb_table_find(t, "precision")};
    size_t *idx = xreallocarray(NULL, t->nrows + 1, sizeof *idx), i, first;
    struct lb_quoted qm, qp;

    if (k.prec == t->model_col || (k.prec != LB_NPOS && !t->cols[k.prec].has_text))
        k.prec = LB_NPOS;
    for (i = 0; i < t->nrows; i++)
        idx[i] = i;
    lb_sort_indices(idx, t->nrows, cmp_keys, &k);
    for (i = 1, first = 0; i < t->nrows; i++) {
        size_t len, plen;
        const char *m;

        if (cmp_keys(idx[first], idx[i], &k) != 0) {
            first = i;
            continue;
        }
        /* stable: idx[first] is the earliest row with this key */
        m = lb_table_model(t, idx[i], &len);
        ck->r->errors++;
        if (k.prec != LB_NPOS) {
            const char *p = lb_table_text(t, k.prec, idx[i], &plen);

            add_issue(ck->r, LB_CHECK_ERROR, lb_table_line(t, idx[i]),
                      t->model_col + 1,
                      "%s (precision %s) is also on line %zu: duplicate key",
                      lb_quote(&qm, m, len), lb_quote(&qp, p, plen),
                      lb_table_line(t, idx[first]));
        } else {
            add_issue(ck->r, LB_CHECK_ERROR, lb_table_line(t, idx[i]),
                      t->model_col + 1,
                      "%s is also on line %zu: duplicate model",
                      lb_quote(&qm, m, len), lb_table_line(t, idx[first]));
        }
    }
    free(idx);
    for (i = 0; i < t->nrows; i++) {
        size_t len;
        const char *m = lb_table_model(t, i, &len);

        if (m[0] == ' ' || m[0] == '\t' || m[len - 1] == ' ' ||
            m[len - 1] == '\t') {
            ck->r->warnings++;
            add_issue(ck->r, LB_CHECK_WARNING, lb_table_line(t, i),
                      t->model_col + 1,
                      "model name %s has spaces at its ends",
                      lb_quote(&qm, m, len));
        }
    }
}

/* }====================================================================== */

/* {======================================================================
 * Published averages
 * ======================================================================= */

/* |p / 10^sp - num / (den * 10^s)| > tol; *diff gets the difference as
 * a fraction dnum / (den * 10^*dscale). The difference is exact; tol is a
 * double, so a difference within a billionth of it passes (the tolerance
 * itself is met exactly when the rounding is half-way). */
static bool differs(int64_t p, unsigned sp, lb_i128 num, uint32_t den,
                    unsigned s, double tol, lb_i128 *dnum, unsigned *dscale)
{
    unsigned S = sp > s ? sp : s;
    lb_i128 P, M, D;

    if (S < 2)
        S = 2;
    if (__builtin_mul_overflow((lb_i128)p, (lb_i128)lb_pow10[S - sp], &P) ||
        __builtin_mul_overflow(P, (lb_i128)den, &P) ||
        __builtin_mul_overflow(num, (lb_i128)lb_pow10[S - s], &M) ||
        __builtin_sub_overflow(P, M, &D)) {
        /* not for scores of a sane size: compare as doubles */
        double a = (double)p / (double)lb_pow10[sp];
        double b = lb_dec_to_double(num, den, s);
        double x = (a - b) * 1e6 * den;

        /* a double beyond 128 bits cannot be converted: clamp it */
        *dnum = x >= 1e38 ? (lb_i128)1e38 : x <= -1e38 ? -(lb_i128)1e38
                                                        : (lb_i128)x;
        *dscale = 6;
        return fabs(a - b) > tol * (1 + 1e-9);
    }
    *dnum = D;
    *dscale = S;
    return lb_dec_to_double(D < 0 ? -D : D, den, S) > tol * (1 + 1e-9);
}

/* The most decimals a number of column col is written with: the column's
 * precision (a cell may drop trailing zeros, 78.5 beside 78.25). */
static unsigned column_decimals(const struct lb_table *t, size_t col)
{
    unsigned w = 0, d;
    size_t r, len;

    for (r = 0; r < t->nrows; r++) {
        const char *s = lb_table_text(t, col, r, &len);
        struct lb_dec v;

        if (lb_dec_parse_written(s, len, &v, &d) == LB_NUM_OK && d > w)
            w = d;
    }
    return w;
}

/* Half a unit of the last digit of a number written with w decimals. */
static double half_unit(unsigned w)
{
    double h = 0.5;

    while (w-- > 0)
        h /= 10;
    return h;
}

/* The exact mean of row r's benchmarks cols[0..n), from their text, as
 * *num / (n * 10^*scale); false when a cell is missing or not a number, or
 * when the sum does not fit in 128 bits (*big is set: rank refuses the row
 * too). */
static bool row_mean(const struct lb_table *t, const size_t *cols, size_t n,
                     size_t r, lb_i128 *num, unsigned *scale, bool *big)
{
    struct lb_dec d[64], *dv = n <= 64 ? d : xreallocarray(NULL, n, sizeof *dv);
    unsigned S = 0;
    lb_i128 sum = 0;
    size_t i;
    bool ok = true;

    for (i = 0; i < n && ok; i++) {
        size_t len;
        const char *s = lb_table_text(t, cols[i], r, &len);

        ok = lb_dec_parse(s, len, &dv[i]) == LB_NUM_OK;
        if (ok && dv[i].scale > S)
            S = dv[i].scale;
    }
    /* each product is below 2^63 * 10^18 < 2^123; the sum may not fit */
    for (i = 0; i < n && ok; i++)
        if (__builtin_add_overflow(
                sum, (lb_i128)dv[i].units * lb_pow10[S - dv[i].scale], &sum))
            ok = !(*big = true);
    if (dv != d)
        free(dv);
    *num = sum;
    *scale = S;
    return ok;
}

/* An aggregate is the mean of the benchmarks (the ones given, else the
 * schema's) up to rounding: half a unit of its column's last digit, plus
 * the mean of half a unit of each benchmark column's last digit (published scores are
 * rounded too: the final v1 table's averages, from unrounded scores, are
 * up to 0.0083 from the mean of the two-decimal scores shown). */
/* A row whose benchmark scores all lie in 0 to 1, one at least with a
 * fraction, on a board whose scores of those columns go above 1: 0.62 for
 * 62, ranked last without a word (add and import refuse such a row). A
 * warning on the row, at the model's cell. */
static void check_fractions(struct checker *ck, const size_t *bench,
                            size_t nbench)
{
    const struct lb_table *t = ck->t;
    size_t i, r, above = LB_NPOS;
    char top[LB_DEC_BUFSIZE] = "";
    lb_i128 best = 0;

    for (i = 0; i < nbench; i++) { /* the first column above 1, and its top */
        const struct lb_column *c = &t->cols[bench[i]];

        if (!c->numeric)
            continue;
        for (r = 0; r < t->nrows; r++)
            if (!lb_column_missing(c, r) && lb_column_num(c, r) > best &&
                lb_column_num(c, r) > lb_pow10[c->scale] &&
                (above == LB_NPOS || above == bench[i])) {
                best = lb_column_num(c, r);
                above = bench[i];
            }
    }
    if (above == LB_NPOS)
        return;
    (void)lb_dec_format_short(top, best, t->cols[above].scale);
    for (r = 0; r < t->nrows; r++) {
        size_t given = 0;
        bool small = true, fraction = false;

        for (i = 0; i < nbench && small; i++) {
            const struct lb_column *c = &t->cols[bench[i]];
            lb_i128 v, one;

            if (!c->numeric || lb_column_missing(c, r))
                continue;
            v = lb_column_num(c, r);
            one = lb_pow10[c->scale];
            given++;
            small = v >= 0 && v <= one;
            fraction |= v % one != 0;
        }
        if (given > 0 && small && fraction &&
            tally(ck, LB_CHECK_WARNING, t->model_col, T_FRACTION)) {
            struct lb_quoted qc;

            add_issue(ck->r, LB_CHECK_WARNING, lb_table_line(t, r),
                      t->model_col + 1,
                      "every benchmark score of this row lies between 0 and "
                      "1, but %s goes up to %s: fractions on a board of "
                      "percentages? (0.62 for 62)",
                      lb_quotes(&qc, t->cols[above].name), top);
        }
    }
}

static void check_averages(struct checker *ck)
{
    const struct lb_table *t = ck->t;
    size_t *bench = xreallocarray(NULL, t->ncols + 1, sizeof *bench);
    size_t nbench, j, r;

    if (ck->o->bench != NULL) {
        nbench = ck->o->nbench;
        memcpy(bench, ck->o->bench, nbench * sizeof *bench);
    } else {
        nbench = lb_default_benchmarks(t, bench);
    }
    check_fractions(ck, bench, nbench);

    for (j = 0; j < t->ncols && nbench > 0; j++) {
        const struct lb_column *c = &t->cols[j];
        struct lb_quoted qv, qc;

        double halves = 0, tol;

        if (j == t->model_col ||
            !(lb_catalog_is_average(c->name) ||
              (c->field != NULL && c->field->role == LB_ROLE_AGGREGATE)))
            continue;
        for (r = 0; r < nbench; r++)
            halves += half_unit(column_decimals(t, bench[r]));
        tol = half_unit(column_decimals(t, j)) + halves / (double)nbench;
        for (r = 0; r < t->nrows; r++) {
            lb_i128 num, dnum, mean4, diff4;
            unsigned scale, dscale;
            bool big = false;
            uint32_t den = (uint32_t)nbench;
            size_t len;
            const char *s = lb_table_text(t, j, r, &len);
            struct lb_dec p;
            char m[LB_DEC_BUFSIZE], d[LB_DEC_BUFSIZE];
            double ptol;

            /* a bad Average cell is reported as such; a row lacking a
             * benchmark has no mean to compare with */
            if (lb_dec_parse(s, len, &p) != LB_NUM_OK ||
                !row_mean(t, bench, nbench, r, &num, &scale, &big)) {
                if (big && tally(ck, LB_CHECK_ERROR, j, T_AVERAGE))
                    add_issue(ck->r, LB_CHECK_ERROR, lb_table_line(t, r),
                              j + 1,
                              "the sum of the scores is too large to be kept "
                              "exactly (as rank says): %s cannot be checked",
                              lb_quotes(&qc, c->name));
                continue;
            }
            /* published in binary floating point: a double's rounding
             * (relative 1e-12 covers a mean of a few thousand terms) */
            ptol = fabs((double)p.units / (double)lb_pow10[p.scale]) * 1e-12;
            if (ptol < tol)
                ptol = tol;
            if (!differs(p.units, p.scale, num, den, scale, ptol, &dnum,
                         &dscale))
                continue;
            if (!tally(ck, LB_CHECK_ERROR, j, T_AVERAGE))
                continue;
            if (!lb_fraction_round(num, den, scale, 4, &mean4) ||
                !lb_fraction_round(dnum < 0 ? -dnum : dnum, den, dscale, 4,
                                   &diff4)) {
                mean4 = 0;
                diff4 = 0;
            }
            lb_dec_format(m, mean4, 4);
            lb_dec_format(d, diff4, 4);
            add_issue(ck->r, LB_CHECK_ERROR, lb_table_line(t, r), j + 1,
                      "%s %s differs from the mean of the %zu benchmarks "
                      "(%s) by %s, more than their rounding (%.3g)",
                      lb_quotes(&qc, c->name), lb_quote(&qv, s, len), nbench,
                      m, d, ptol);
        }
    }
    free(bench);
}

/* }====================================================================== */

static int cmp_issues(size_t a, size_t b, void *ctx)
{
    const struct lb_check_issue *is = ctx;

    if (is[a].line != is[b].line)
        return is[a].line < is[b].line ? -1 : 1;
    if (is[a].col != is[b].col)
        return is[a].col < is[b].col ? -1 : 1;
    return 0;
}

static const char *const tally_what[T_COUNT][2] = {
    {"cell that is not a number", "cells that are not numbers"},
    {"value out of range", "values out of range"},
    {"negative standard error", "negative standard errors"},
    {"average that differs", "averages that differ"},
    {"row that looks like fractions", "rows that look like fractions"}};

void lb_check_table(const struct lb_table *t, const struct lb_check_opts *o,
                    struct lb_check_report *r)
{
    struct checker ck;
    size_t j, i, k;
    bool catalog = false;
    size_t *idx;
    struct lb_check_issue *sorted;

    memset(r, 0, sizeof *r);
    ck.t = t;
    ck.o = o;
    ck.r = r;
    ck.shown = xcalloc(t->ncols * T_COUNT + 1, sizeof *ck.shown);
    ck.hidden = xcalloc(t->ncols * T_COUNT + 1, sizeof *ck.hidden);
    for (j = 0; j < t->ncols; j++)
        catalog |= t->cols[j].bench != NULL;
    for (j = 0; j < t->ncols; j++)
        if (j != t->model_col)
            check_column(&ck, j, catalog);
    check_keys(&ck);
    check_averages(&ck);

    /* file order: by line, then column (a stable sort) */
    idx = xreallocarray(NULL, r->n + 1, sizeof *idx);
    for (i = 0; i < r->n; i++)
        idx[i] = i;
    lb_sort_indices(idx, r->n, cmp_issues, r->issues);
    sorted = xreallocarray(NULL, r->cap + 1, sizeof *sorted);
    for (i = 0; i < r->n; i++)
        sorted[i] = r->issues[idx[i]];
    free(r->issues);
    r->issues = sorted;
    r->cap = r->cap + 1;
    free(idx);

    /* then what was counted but not listed, column by column */
    for (j = 0; j < t->ncols; j++)
        for (k = 0; k < T_COUNT; k++) {
            size_t h = ck.hidden[j * T_COUNT + k];
            struct lb_quoted qc;

            if (h == 0)
                continue;
            add_issue(r, (k == T_RANGE && t->cols[j].bench == NULL) ||
                                 k == T_FRACTION
                             ? LB_CHECK_WARNING : LB_CHECK_ERROR,
                      LB_NPOS, j + 1, "%zu more %s in column %s (not listed)",
                      h, tally_what[k][h != 1],
                      lb_quotes(&qc, t->cols[j].name));
        }
    free(ck.shown);
    free(ck.hidden);
}

void lb_check_report_release(struct lb_check_report *r)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        free(r->issues[i].msg);
    free(r->issues);
    memset(r, 0, sizeof *r);
}
