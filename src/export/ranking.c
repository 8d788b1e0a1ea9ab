/* ranking.c: the view of a board (see ranking.h). The cells of a row come
 * from the table's per-column arrays in rank order, a random walk over
 * memory, so the view tells the cache which rows come next. */
#include "export/ranking.h"

#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "core/aggregate.h"
#include "core/schema.h"
#include "export/meta.h"
#include "export/ranking_words.h"
#include "export/schema_words.h"

/* What a column shows. */
enum kind {
    K_RANK,
    K_MODEL,
    K_VALUE,   /* the board's value (mean or method) */
    K_CI_LO,   /* the value's 95% interval (core/ci.h) */
    K_CI_HI,
    K_RANK_LO, /* the rank's 95% interval */
    K_RANK_HI,
    K_RANK_UB, /* the upper-bound rank */
    K_P_FIRST, /* P(rank 1) */
    K_NUMBER,  /* a numeric column, at the precision */
    K_TEXT,    /* a column shown as written */
    K_NOTE,    /* people: why a row is not ranked */
    K_REASON,  /* JSON: the same */
    K_MISSING, /* JSON: how many scores a marked value lacks */
    K_GROUP    /* group-mean: one group's mean */
};

/* A view column's 'what' is its kind, its 'arg' the table's column
 * (K_MODEL, K_NUMBER, K_TEXT) or the group (K_GROUP). */

/* A per-row array that ranking_touch reads: row r's element lies at
 * base + (r << shift). */
struct far_array {
    const unsigned char *base;
    unsigned shift;
};

/* A text column: row r's cell lies at text + off[r]. */
struct near_text {
    const char *text;
    const uint32_t *off;
};

struct ranking {
    const struct lb_board *b;
    bool marks;   /* values may be marked (people, JSON) */
    bool exact;   /* machine formats (CSV, TSV, JSON): scores as written,
                     the value exact (put_exact_value) */
    char **names; /* headers composed here ("Mean (Retrieval)") */
    size_t nnames;
    /* what ranking_touch reads of a row, listed once (list_touches) */
    struct far_array *far; /* per-row arrays */
    size_t nfar;
    const uint8_t **bits;  /* missing bits (row r's in byte r >> 3) */
    size_t nbits;
    struct near_text *near; /* text the offsets point to */
    size_t nnear;
};

static void ranking_free(void *own)
{
    struct ranking *R = own;
    size_t i;

    for (i = 0; i < R->nnames; i++)
        free(R->names[i]);
    free(R->names);
    free(R->far);
    free(R->bits);
    free(R->near);
    free(R);
}

#define AHEAD_FAR 24  /* rows ahead whose per-row arrays are fetched */
#define AHEAD_NEAR 12 /* rows ahead whose text is fetched */

/* {======================================================================
 * Cells
 * ======================================================================= */

/* A numeric cell: value * 10^-scale at the precision. */
static int put_number(const struct lb_board *b, const struct lb_column *col,
                      size_t row, struct lb_cell *c, struct lb_error *err)
{
    unsigned p = b->opts.rank.precision;
    int64_t m;
    lb_i128 v, q;

    if (lb_column_missing(col, row)) {
        lb_cell_missing(c);
        return 0;
    }
    v = lb_column_num(col, row);
    if (p >= col->scale && v >= INT64_MIN && v <= INT64_MAX &&
        !__builtin_mul_overflow((int64_t)v, lb_pow10[p - col->scale], &m))
        q = m; /* the common case: no rounding, 64 bits */
    else if (!lb_dec_round(v, 1, col->scale, p, &q))
        return lb_error_set(err, "%s:%zu: a value is too large to round at "
                                 "%u decimals",
                            b->table->path, lb_table_line(b->table, row), p);
    lb_cell_dec(c, q, p);
    return 0;
}

/* A numeric cell with the decimals it was written with: no digit lost,
 * none added (33.0279214705869 stays so; 7 stays 7). */
static void put_as_written(const struct lb_column *col, size_t row,
                           struct lb_cell *c)
{
    unsigned d;
    lb_i128 v;

    if (lb_column_missing(col, row)) {
        lb_cell_missing(c);
        return;
    }
    d = lb_column_decimals(col, row);
    v = lb_column_num(col, row);
    if (d == col->scale)
        lb_cell_dec(c, v, d); /* the common case: no division */
    else if (d > col->scale) /* trailing zeros as written: 1.10 */
        lb_cell_dec(c, v * lb_pow10[d - col->scale], d);
    else if (v >= INT64_MIN && v <= INT64_MAX)
        lb_cell_dec(c, (int64_t)v / lb_pow10[col->scale - d], d);
    else
        lb_cell_dec(c, v / lb_pow10[col->scale - d], d);
}

/* The decimals that write num / (den * 10^scale) exactly, or 0 with
 * *finite false when it is not a decimal of at most LB_DEC_MAX_SCALE
 * decimals (den has a prime factor other than 2 and 5, or too many). */
static unsigned exact_decimals(lb_i128 num, uint32_t den, unsigned scale,
                               bool *finite)
{
    /* den reduced by what num shares with it */
    uint64_t b = den / (uint64_t)lb_gcd128(num, den);
    unsigned twos = 0, fives = 0, need;

    while (b % 2 == 0) {
        b /= 2;
        twos++;
    }
    while (b % 5 == 0) {
        b /= 5;
        fives++;
    }
    need = scale + (twos > fives ? twos : fives);
    *finite = b == 1 && need <= LB_DEC_MAX_SCALE;
    return *finite ? need : 0;
}

/* The value for a machine format without -p: exact when it is a decimal of
 * at most 18 decimals (trailing zeros dropped), else rounded (half to even)
 * to 15 significant digits. */
static bool put_exact_value(lb_i128 num, uint32_t den, unsigned scale,
                            struct lb_cell *c)
{
    bool finite;
    unsigned p = exact_decimals(num, den, scale, &finite);
    lb_i128 q;

    if (!finite) {
        unsigned whole;

        if (!lb_fraction_round(num, den, scale, 0, &q))
            return false;
        whole = q != 0 ? lb_dec_digits(q) : 0;
        p = whole >= 15 ? 0 : 15 - whole;
    }
    if (!lb_fraction_round(num, den, scale, p, &q))
        return false;
    if (finite && q >= INT64_MIN && q <= INT64_MAX) {
        int64_t s = (int64_t)q; /* 64 bits: no library call */

        for (; p > 0 && s % 10 == 0; p--)
            s /= 10;
        q = s;
    } else {
        while (finite && p > 0 && q % 10 == 0) {
            q /= 10;
            p--;
        }
    }
    lb_cell_dec(c, q, p);
    return true;
}

static int put_value(const struct ranking *R, size_t row, struct lb_cell *c,
                     struct lb_error *err)
{
    const struct lb_board *b = R->b;
    unsigned p = b->opts.rank.precision;
    lb_i128 num, q;
    uint32_t den;

    if (!lb_aggregate_get(&b->mean, row, &num, &den)) {
        lb_cell_missing(c);
        return 0;
    }
    if (R->exact && !b->opts.precision_given) {
        if (!put_exact_value(num, den, b->mean.scale, c))
            return lb_error_set(err, "%s:%zu: the average is too large to "
                                     "write",
                                b->table->path, lb_table_line(b->table, row));
        c->marked = R->marks && lb_board_marked(b, row);
        return 0;
    }
    if (!lb_fraction_round(num, den, b->mean.scale, p, &q))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            b->table->path, lb_table_line(b->table, row), p);
    lb_cell_dec(c, q, p);
    c->marked = R->marks && lb_aggregate_marked(&b->mean, row);
    return 0;
}

/* A group's mean (group-mean), marked when it leaves out or imputes a
 * score. */
static int put_group(const struct ranking *R, size_t row, uint32_t g,
                     struct lb_cell *c, struct lb_error *err)
{
    const struct lb_board *b = R->b;
    unsigned p = b->opts.rank.precision;
    lb_i128 num, q;
    uint32_t den;
    bool lacking;

    if (!lb_aggregate_group_mean(&b->mean, row, g, &num, &den, &lacking)) {
        lb_cell_missing(c);
        return 0;
    }
    if (!lb_fraction_round(num, den, b->mean.in_scale, p, &q))
        return lb_error_set(err, "%s:%zu: the mean of %s is too large to "
                                 "round at %u decimals",
                            b->table->path, lb_table_line(b->table, row),
                            b->mean.group_name[g], p);
    lb_cell_dec(c, q, p);
    c->marked = R->marks && lacking;
    return 0;
}

/* The cells of the intervals; missing for a row without them. */
static void put_ci(const struct lb_board *b, enum kind k, size_t row,
                   struct lb_cell *c)
{
    const struct lb_ci *ci = &b->ci;
    lb_i128 q;

    if (!ci->has[row]) {
        lb_cell_missing(c);
        return;
    }
    switch (k) {
    case K_CI_LO:
        lb_cell_double(c, ci->lo[row], b->opts.rank.precision);
        break;
    case K_CI_HI:
        lb_cell_double(c, ci->hi[row], b->opts.rank.precision);
        break;
    case K_RANK_LO:
        lb_cell_uint(c, ci->rank_lo[row]);
        break;
    case K_RANK_HI:
        lb_cell_uint(c, ci->rank_hi[row]);
        break;
    case K_RANK_UB:
        lb_cell_uint(c, ci->rank_ub[row]);
        break;
    default: /* K_P_FIRST: draws ranked first / draws, at 3 decimals */
        (void)lb_dec_round(ci->first[row], (uint32_t)ci->draws, 0, 3, &q);
        lb_cell_dec(c, q, 3);
        break;
    }
}

/* Why an unranked row has no rank (absent for a ranked one). */
static void put_reason(const struct lb_board *b, size_t row, bool note,
                       struct lb_cell *c)
{
    struct lb_buf *s;

    if (b->ranking.rank2[row] != 0) {
        lb_cell_absent(c);
        return;
    }
    s = lb_cell_buf(c);
    if (note)
        lb_buf_adds(s, "not ranked: ");
    lb_board_reason(b, row, s);
    lb_cell_take(c);
}

/* How many scores a marked value lacks (absent otherwise). */
static void put_lacking(const struct lb_board *b, size_t row,
                        struct lb_cell *c)
{
    if (b->ranking.rank2[row] == 0 || !lb_aggregate_marked(&b->mean, row)) {
        lb_cell_absent(c);
        return;
    }
    lb_cell_uint(c, b->sel.nbench - lb_aggregate_present(&b->mean, row));
}

/* The cells of the table's row 'row'; those of the columns that 'skip'
 * marks (when not NULL) absent. */
static int row_cells(const struct lb_view *v, size_t row, const bool *skip,
                     struct lb_cell *cells, struct lb_error *err)
{
    const struct ranking *R = v->data;
    const struct lb_board *b = R->b;
    const struct lb_table *t = b->table;
    size_t j, len;
    const char *s;

    for (j = 0; j < v->ncols; j++) {
        struct lb_cell *c = &cells[j];
        const struct lb_view_col *k = &v->cols[j];

        if (skip != NULL && skip[j]) {
            lb_cell_absent(c);
            continue;
        }
        switch ((enum kind)k->what) {
        case K_RANK:
            lb_cell_rank(c, b->ranking.rank2[row]);
            break;
        case K_MODEL:
            s = lb_table_model(t, row, &len);
            lb_cell_text(c, s, len);
            break;
        case K_VALUE:
            if (put_value(R, row, c, err) != 0)
                return -1;
            break;
        case K_NUMBER:
            if (R->exact)
                put_as_written(&t->cols[k->arg], row, c);
            else if (put_number(b, &t->cols[k->arg], row, c, err) != 0)
                return -1;
            break;
        case K_TEXT:
            s = lb_table_text(t, k->arg, row, &len);
            /* a number the schema reads as missing (-1 for unknown) is
             * shown missing, as the filters and charts take it */
            if (len > 0 && !(t->cols[k->arg].numeric &&
                             lb_column_missing(&t->cols[k->arg], row)))
                lb_cell_text(c, s, len);
            else
                lb_cell_missing(c);
            break;
        case K_NOTE:
        case K_REASON:
            put_reason(b, row, k->what == K_NOTE, c);
            break;
        case K_MISSING:
            put_lacking(b, row, c);
            break;
        case K_GROUP:
            if (put_group(R, row, (uint32_t)k->arg, c, err) != 0)
                return -1;
            break;
        default:
            put_ci(b, (enum kind)k->what, row, c);
            break;
        }
    }
    return 0;
}

static int ranking_cells(const struct lb_view *v, size_t i,
                         struct lb_cell *cells, struct lb_error *err)
{
    const struct ranking *R = v->data;

    return row_cells(v, R->b->ranking.order[i], NULL, cells, err);
}

#define LISTED(bits, row) ((((unsigned)(bits)[(row) >> 3]) >> ((row) & 7)) & 1u)

/* The rows of one part of a scan: from..to (exclusive) of the table's,
 * those whose bit is set in 'listed' listed. */
struct part_rows {
    const uint8_t *listed;
    size_t from, to;
};

/* Makes every cell absent for a visit of column j's widest cells alone,
 * and visits its missing cell first when one is missing. */
static int visit_blank(const struct lb_view *v, size_t j, bool missing,
                       struct lb_cell *cells, lb_view_visit_fn visit,
                       void *ctx, struct lb_error *err)
{
    size_t k;

    for (k = 0; k < v->ncols; k++)
        lb_cell_absent(&cells[k]);
    if (!missing)
        return 0;
    lb_cell_missing(&cells[j]);
    return visit(v, cells, ctx, err);
}

/* For a numeric column shown at the precision (to people), visits its
 * widest cells alone: those of its largest and its smallest value among
 * the listed rows, and a missing cell when one is missing. A number's
 * width grows with its distance from zero on either side, and rounding
 * keeps the order, so no other cell of the column is wider. */
static int scan_extremes(const struct lb_view *v, size_t j,
                         const struct part_rows *P, struct lb_cell *cells,
                         lb_view_visit_fn visit, void *ctx,
                         struct lb_error *err)
{
    const struct ranking *R = v->data;
    const struct lb_board *b = R->b;
    const struct lb_column *col = &b->table->cols[v->cols[j].arg];
    size_t row, k, hi = LB_NPOS, lo = LB_NPOS;
    bool missing = false;
    lb_i128 vhi = 0, vlo = 0;

    for (row = P->from; row < P->to; row++) {
        lb_i128 x;

        if (!LISTED(P->listed, row))
            continue;
        if (lb_column_missing(col, row)) {
            missing = true;
            continue;
        }
        x = lb_column_num(col, row);
        if (hi == LB_NPOS || x > vhi) {
            hi = row;
            vhi = x;
        }
        if (lo == LB_NPOS || x < vlo) {
            lo = row;
            vlo = x;
        }
    }
    if (visit_blank(v, j, missing, cells, visit, ctx, err) != 0)
        return -1;
    for (k = 0; k < 2; k++) {
        row = k == 0 ? hi : lo;
        if (row == LB_NPOS)
            continue;
        if (put_number(b, col, row, &cells[j], err) != 0 ||
            visit(v, cells, ctx, err) != 0)
            return -1;
    }
    return 0;
}

/* For the board's value shown at the precision (to people) when the rows
 * are ranked by it, visits its widest cells alone: the ranking orders the
 * values, and rounding keeps the order, so the widest are those of the
 * first and last ranked rows (as in scan_extremes), taken apart for the
 * marked and the unmarked values (a mark widens a cell), and a missing
 * cell when a listed row has no value. Reads each row's rank and missing
 * bits, not its scores. */
static int scan_value_extremes(const struct lb_view *v, size_t j,
                               const struct part_rows *P, struct lb_cell *cells,
                               lb_view_visit_fn visit, void *ctx,
                               struct lb_error *err)
{
    const struct ranking *R = v->data;
    const struct lb_board *b = R->b;
    const uint32_t *rank2 = b->ranking.rank2;
    size_t row, k;
    size_t first[2] = {LB_NPOS, LB_NPOS}, last[2] = {LB_NPOS, LB_NPOS};
    bool missing = false;

    for (row = P->from; row < P->to; row++) {
        int m;

        if (!LISTED(P->listed, row))
            continue;
        if (rank2[row] == 0) {
            missing = true;
            continue;
        }
        m = R->marks && lb_aggregate_marked(&b->mean, row);
        if (first[m] == LB_NPOS || rank2[row] < rank2[first[m]])
            first[m] = row;
        if (last[m] == LB_NPOS || rank2[row] > rank2[last[m]])
            last[m] = row;
    }
    if (visit_blank(v, j, missing, cells, visit, ctx, err) != 0)
        return -1;
    for (k = 0; k < 4; k++) {
        row = k < 2 ? first[k] : last[k - 2];
        if (row == LB_NPOS)
            continue;
        if (put_value(R, row, &cells[j], err) != 0 ||
            visit(v, cells, ctx, err) != 0)
            return -1;
    }
    return 0;
}

/* Whether the value column's widths may come from scan_value_extremes:
 * shown at the precision, and the order of the ranking (the mean, or the
 * method's value: not a column of --sort). */
static bool value_by_extremes(const struct ranking *R)
{
    return !R->exact && R->b->sel.sort_col == LB_NPOS;
}

/* For the rank column, visits its widest cells alone: a rank's width
 * grows with it, by parity (a shared mid rank ends in ".5"), so those of
 * the largest even and the largest odd rank2 among the listed rows. (A
 * missing rank, '-', is no wider than a rank or the column's name.) */
static int scan_rank_extremes(const struct lb_view *v, size_t j,
                              const struct part_rows *P, struct lb_cell *cells,
                              lb_view_visit_fn visit, void *ctx,
                              struct lb_error *err)
{
    const struct ranking *R = v->data;
    const uint32_t *rank2 = R->b->ranking.rank2;
    size_t row, k;
    uint32_t top[2] = {0, 0};

    for (row = P->from; row < P->to; row++)
        if (LISTED(P->listed, row) && rank2[row] > top[rank2[row] & 1])
            top[rank2[row] & 1] = rank2[row];
    if (visit_blank(v, j, false, cells, visit, ctx, err) != 0)
        return -1;
    for (k = 0; k < 2; k++) {
        if (top[k] == 0)
            continue;
        lb_cell_rank(&cells[j], top[k]);
        if (visit(v, cells, ctx, err) != 0)
            return -1;
    }
    return 0;
}

/* For a column of text shown as written (the model, a text column) when
 * every row is listed: whether the widest cell of rows from..to can be
 * found from the column's text alone, because every cell is printable
 * ASCII (lb_table_text_plain), as wide as it is long; if so, sets
 * *longest to the row of the longest cell (LB_NPOS: no rows). Not when
 * that cell is shown missing ("-1" for unknown, "N/A": another as long
 * may be the widest). A cell shown missing ('-') is no wider than the
 * longest, or than the text that made the column text. */
static bool text_widest(const struct lb_view *v, size_t j, size_t from,
                        size_t to, size_t *longest)
{
    const struct ranking *R = v->data;
    const struct lb_table *t = R->b->table;
    const struct lb_column *c = &t->cols[v->cols[j].arg];

    return (v->cols[j].what == K_MODEL || v->cols[j].what == K_TEXT) &&
           c->has_text &&
           lb_table_text_plain(t, v->cols[j].arg, from, to, longest) &&
           !(c->numeric && *longest != LB_NPOS &&
             lb_column_missing(c, *longest));
}

/* Visits the cell of column j in row 'row' alone (LB_NPOS: none). */
static int visit_cell(const struct lb_view *v, size_t j, size_t row,
                      struct lb_cell *cells, lb_view_visit_fn visit,
                      void *ctx, struct lb_error *err)
{
    bool *only;
    size_t k;
    int rc;

    if (row == LB_NPOS)
        return 0;
    only = xcalloc(v->ncols + 1, sizeof *only);
    for (k = 0; k < v->ncols; k++)
        only[k] = k != j; /* skipped: absent */
    rc = row_cells(v, row, only, cells, err) != 0 ? -1
                                                  : visit(v, cells, ctx, err);
    free(only);
    return rc;
}

/* The listed rows of a part (rows from*n/nparts on) in file order: their
 * cells lie in sequence in memory, where rank order reads them at random.
 * The numeric columns shown at the precision are visited by their widest
 * cells alone (scan_extremes), and so are the value when the ranking is by
 * it (scan_value_extremes) and the rank (scan_rank_extremes). When every
 * row is listed, so is a column of text whose part is all printable ASCII
 * (text_widest). When no column is left, the rows are not read one by one
 * at all. */
static int ranking_scan(const struct lb_view *v, size_t part, size_t nparts,
                        struct lb_cell *cells, lb_view_visit_fn visit,
                        void *ctx, struct lb_error *err)
{
    const struct ranking *R = v->data;
    const struct lb_ranking *k = &R->b->ranking;
    size_t n = R->b->table->nrows, i, row, j;
    struct part_rows P;
    bool all = k->n_listed == n, by_row = false;
    uint8_t *listed = xcalloc(n / 8 + 1, 1);
    bool *skip = xcalloc(v->ncols + 1, sizeof *skip);
    bool *plain = xcalloc(v->ncols + 1, sizeof *plain);
    size_t *longest = xcalloc(v->ncols + 1, sizeof *longest);
    int rc = 0;

    P.listed = listed;
    P.from = n / nparts * part;
    P.to = part + 1 == nparts ? n : P.from + n / nparts;
    if (all)
        memset(listed, 0xFF, n / 8 + 1);
    else
        for (i = 0; i < k->n_listed; i++)
            listed[k->order[i] >> 3] |= (uint8_t)(1u << (k->order[i] & 7));
    for (j = 0; j < v->ncols; j++) {
        plain[j] = all && text_widest(v, j, P.from, P.to, &longest[j]);
        skip[j] = (!R->exact && v->cols[j].what == K_NUMBER) ||
                  (v->cols[j].what == K_VALUE && value_by_extremes(R)) ||
                  v->cols[j].what == K_RANK || plain[j];
        by_row = by_row || !skip[j];
    }
    for (row = P.from; row < P.to && rc == 0 && by_row; row++)
        if (LISTED(listed, row))
            rc = row_cells(v, row, skip, cells, err) != 0
                     ? -1
                     : visit(v, cells, ctx, err);
    for (j = 0; j < v->ncols && rc == 0; j++) {
        if (!skip[j])
            continue;
        if (plain[j])
            rc = visit_cell(v, j, longest[j], cells, visit, ctx, err);
        else if (v->cols[j].what == K_VALUE)
            rc = scan_value_extremes(v, j, &P, cells, visit, ctx, err);
        else if (v->cols[j].what == K_RANK)
            rc = scan_rank_extremes(v, j, &P, cells, visit, ctx, err);
        else
            rc = scan_extremes(v, j, &P, cells, visit, ctx, err);
    }
    free(longest);
    free(plain);
    free(skip);
    free(listed);
    return rc;
}

static uint32_t ranking_source(const struct lb_view *v, size_t i)
{
    const struct ranking *R = v->data;

    return R->b->ranking.order[i];
}

/* Lists what ranking_touch reads: the ranks, and for each column shown
 * from the table, its offsets and text or its numbers and missing bits. */
static void list_touches(struct ranking *R, const struct lb_view *v)
{
    const struct lb_table *t = R->b->table;
    size_t j;

    R->far = xreallocarray(NULL, 2 * v->ncols + 1, sizeof *R->far);
    R->bits = xreallocarray(NULL, v->ncols + 1, sizeof *R->bits);
    R->near = xreallocarray(NULL, v->ncols + 1, sizeof *R->near);
    R->far[R->nfar++] =
        (struct far_array){(const unsigned char *)R->b->ranking.rank2, 2};
    for (j = 0; j < v->ncols; j++) {
        const struct lb_column *c;
        int what = v->cols[j].what;

        if (what != K_MODEL && what != K_TEXT && what != K_NUMBER)
            continue;
        c = &t->cols[v->cols[j].arg];
        if (what != K_NUMBER) {
            if (!c->has_text)
                continue;
            R->far[R->nfar++] =
                (struct far_array){(const unsigned char *)c->text_off, 2};
            R->near[R->nnear++] = (struct near_text){c->text, c->text_off};
        } else if (c->numeric) {
            R->far[R->nfar++] =
                c->num32 != NULL
                    ? (struct far_array){(const unsigned char *)c->num32, 2}
                : c->num64 != NULL
                    ? (struct far_array){(const unsigned char *)c->num64, 3}
                    : (struct far_array){(const unsigned char *)c->num128, 4};
            R->bits[R->nbits++] = c->missing;
        }
    }
}

/* lb_view_touch_fn: the per-row arrays of body row i's cells (far), or the
 * text they point to; a byte of each, summed. */
static unsigned ranking_touch(const struct lb_view *v, size_t i, bool far)
{
    const struct ranking *R = v->data;
    size_t row = R->b->ranking.order[i], k;
    unsigned sum = 0;

    if (!far) {
        for (k = 0; k < R->nnear; k++)
            sum += (unsigned char)R->near[k].text[R->near[k].off[row]];
        return sum;
    }
    for (k = 0; k < R->nfar; k++)
        sum += R->far[k].base[row << R->far[k].shift];
    for (k = 0; k < R->nbits; k++)
        sum += R->bits[k][row >> 3];
    return sum;
}

static bool ranking_dim(const struct lb_view *v, size_t i)
{
    const struct ranking *R = v->data;

    return R->b->ranking.rank2[R->b->ranking.order[i]] == 0;
}

/* Asks for the per-row arrays of 'row' (far ahead), or for the text they
 * point to (near ahead, once the offsets are cached). */
static void fetch(const struct lb_view *v, const struct ranking *R, size_t row,
                  bool far)
{
    const struct lb_table *t = R->b->table;
    size_t j;

    if (far)
        __builtin_prefetch(&R->b->ranking.rank2[row]);
    for (j = 0; j < v->ncols; j++) {
        const struct lb_column *c;
        int what = v->cols[j].what;
        bool text = what == K_MODEL || what == K_TEXT;

        if (!text && what != K_NUMBER)
            continue;
        c = &t->cols[v->cols[j].arg];
        if (!far) {
            if (text && c->has_text)
                __builtin_prefetch(c->text + c->text_off[row]);
        } else if (text) {
            if (c->has_text)
                __builtin_prefetch(&c->text_off[row]);
        } else {
            lb_column_prefetch(c, row);
        }
    }
}

static void ranking_prefetch(const struct lb_view *v, size_t i)
{
    const struct ranking *R = v->data;
    const struct lb_ranking *k = &R->b->ranking;

    if (i + AHEAD_FAR < k->n_listed)
        fetch(v, R, k->order[i + AHEAD_FAR], true);
    if (i + AHEAD_NEAR < k->n_listed)
        fetch(v, R, k->order[i + AHEAD_NEAR], false);
}

/* }====================================================================== */

/* {======================================================================
 * Columns
 * ======================================================================= */

/* Whether the board's value is better when lower. */
static bool lower_first(const struct lb_board *b)
{
    return b->lower_better;
}

/* group-mean: a column for each group given (a benchmark alone in its
 * group has its own column already): "Mean (Retrieval)" for people and
 * CSV, "Retrieval" in JSON's "group_means". */
static void add_groups(struct lb_view *v, struct ranking *R,
                       const struct lb_board *b)
{
    const struct lb_aggregate *a = &b->mean;
    struct lb_view_col *c;
    struct lb_buf name = LB_BUF_INIT;
    uint32_t g;

    if (a->method != LB_METHOD_GROUP_MEAN)
        return;
    for (g = 0; g < a->ngroups; g++) {
        if (!a->group_given[g])
            continue;
        lb_buf_reset(&name);
        lb_buf_addf(&name, "Mean (%s)", a->group_name[g]);
        R->names = xreallocarray(R->names, R->nnames + 1, sizeof *R->names);
        R->names[R->nnames] = xstrdup(lb_buf_str(&name));
        c = lb_view_add_num(v, R->names[R->nnames],
                            v->audience == LB_FOR_TREES ? a->group_name[g]
                                                        : R->names[R->nnames],
                            a->lower_better ? -1 : 1);
        R->nnames++;
        c->best = true;
        if (v->audience == LB_FOR_TREES)
            c->group = "group_means";
        lb_view_col_is(c, K_GROUP, g);
    }
    lb_buf_release(&name);
}

/* A column's header: for people, its title in the board's schema when it
 * has one ("MATH Lvl 5"); its name otherwise, and for programs. */
static const char *header(const struct lb_view *v, const struct lb_column *col)
{
    if (v->audience == LB_FOR_PEOPLE && col->field != NULL &&
        col->field->title != NULL && col->field->title[0] != '\0')
        return col->field->title;
    return col->name;
}

static void add_columns(struct lb_view *v, struct ranking *R,
                        const struct lb_board *b)
{
    static const char *const ci_names[] = {"CI low",    "CI high",
                                           "Rank low",  "Rank high",
                                           "UB rank",   "P(rank 1)"};
    static const char *const ci_keys[] = {"ci_low",    "ci_high", "rank_low",
                                          "rank_high", "rank_ub", "p_rank1"};
    static const int ci_better[] = {1, 1, -1, -1, -1, 1};
    const struct lb_table *t = b->table;
    const struct lb_selection *sel = &b->sel;
    struct lb_view_col *c;
    size_t i;

    c = lb_view_add_num(v, "Rank", "rank", -1);
    c->rank = true;
    lb_view_col_is(c, K_RANK, 0);
    c = lb_view_add_col(v, "Model", "model");
    c->names = true;
    lb_view_col_is(c, K_MODEL, t->model_col);
    c = lb_view_add_num(v, lb_method_header(b->mean.method),
                        lb_method_key(b->mean.method),
                        lower_first(b) ? -1 : 1);
    c->best = true;
    lb_view_col_is(c, K_VALUE, 0);
    if (lb_board_has_ci(b))
        for (i = 0; i < 6; i++)
            /* the value's interval sorts as the value does */
            lb_view_col_is(lb_view_add_num(v, ci_names[i], ci_keys[i],
                                           i < 2 && lower_first(b)
                                               ? -ci_better[i]
                                               : ci_better[i]),
                           (enum kind)(K_CI_LO + i), 0);
    add_groups(v, R, b);
    /* an extra column is shown as written when its text is kept (params_b
     * stays "13.0"), else as a number at the precision; either way a column
     * of numbers sorts as numbers */
    for (i = 0; i < sel->nextra; i++) {
        const struct lb_column *col = &t->cols[sel->extra[i]];

        c = lb_view_add_col(v, header(v, col), col->name);
        c->number = col->numeric && col->n_values > 0;
        c->right = col->numeric;
        c->field = col->field;
        c->group = "columns";
        lb_view_col_is(c, col->has_text ? K_TEXT : K_NUMBER, sel->extra[i]);
    }
    for (i = 0; i < sel->nbench; i++) {
        const struct lb_term *tm = b->mean.terms ? &b->mean.terms[i] : NULL;

        c = lb_view_add_num(v, header(v, &t->cols[sel->bench[i]]),
                            t->cols[sel->bench[i]].name,
                            (tm != NULL && tm->lower) ||
                                    lb_column_lower_better(
                                        &t->cols[sel->bench[i]])
                                ? -1
                                : 1);
        c->group = "scores";
        c->field = t->cols[sel->bench[i]].field;
        c->best = true;
        lb_view_col_is(c, K_NUMBER, sel->bench[i]);
    }
    if (v->audience == LB_FOR_PEOPLE &&
        b->ranking.n_listed > b->ranking.n_listed_ranked)
        lb_view_col_is(lb_view_add_col(v, "Note", "note"), K_NOTE, 0);
    if (v->audience == LB_FOR_TREES) {
        lb_view_col_is(lb_view_add_col(v, "Reason", "reason"), K_REASON, 0);
        lb_view_col_is(lb_view_add_num(v, "Missing scores", "missing_scores", 0),
            K_MISSING, 0);
    }
}

/* }====================================================================== */

/* {======================================================================
 * What JSON says before the rows
 * ======================================================================= */

/* "method", and the weights, baselines and lower-is-better benchmarks
 * used, for the methods that have them. */
static void meta_method(struct lb_meta *m, const struct lb_board *b)
{
    const struct lb_aggregate *a = &b->mean;
    const struct lb_table *t = b->table;
    char buf[LB_DEC_BUFSIZE];
    struct lb_meta *list = NULL;
    size_t k;

    lb_meta_str(m, "method", lb_method_name(a->method));
    if (a->method == LB_METHOD_WEIGHTED || a->method == LB_METHOD_NORMALIZED) {
        struct lb_meta *o = lb_meta_object(
            m, a->method == LB_METHOD_WEIGHTED ? "weights" : "baselines");

        for (k = 0; k < a->nbench; k++) {
            const struct lb_term *tm = &a->terms[k];
            const char *name = t->cols[a->cols[k]].name;

            if (a->method == LB_METHOD_WEIGHTED) {
                lb_dec_format(buf, tm->weight.units, tm->weight.scale);
                lb_meta_num(o, name, buf);
            } else if (tm->as_published) {
                lb_meta_str(o, name, "published normalized");
            } else {
                lb_dec_format(buf, tm->baseline.units, tm->baseline.scale);
                lb_meta_num(o, name, buf);
            }
        }
    }
    if (a->method == LB_METHOD_GROUP_MEAN) {
        struct lb_meta *o = lb_meta_object(m, "groups");
        uint32_t g, i;

        for (g = 0; g < a->ngroups; g++) {
            struct lb_meta *l = lb_meta_list(o, a->group_name[g]);

            for (i = a->group_start[g]; i < a->group_start[g + 1]; i++)
                lb_meta_str(l, NULL, t->cols[a->cols[a->group_member[i]]].name);
        }
    }
    if (a->method == LB_METHOD_BORDA)
        lb_meta_uint(m, "borda_models", a->nmodels);
    /* every benchmark where lower is better: counted down (terms) or, when
     * all are, averaged in their own units */
    for (k = 0; k < a->nbench; k++) {
        if (!(a->terms != NULL && a->terms[k].lower) &&
            !lb_column_lower_better(&t->cols[a->cols[k]]))
            continue;
        if (list == NULL)
            list = lb_meta_list(m, "lower_is_better");
        lb_meta_str(list, NULL, t->cols[a->cols[k]].name);
    }
}

static struct lb_meta *ranking_meta(const struct lb_board *b)
{
    const struct lb_table *t = b->table;
    const struct lb_selection *sel = &b->sel;
    struct lb_meta *m = lb_meta_new(), *list;
    struct lb_model_counts models;
    size_t i;

    list = lb_meta_list(m, "benchmarks");
    for (i = 0; i < sel->nbench; i++)
        lb_meta_str(list, NULL, t->cols[sel->bench[i]].name);
    lb_meta_str_or_null(m, "suite", sel->suite ? sel->suite->id : NULL);
    if (b->mean.method != LB_METHOD_MEAN || b->mean.terms != NULL ||
        b->mean.lower_better)
        meta_method(m, b);
    if (b->opts.ci.enabled && lb_board_has_ci(b)) {
        struct lb_meta *o = lb_meta_object(m, "intervals");

        lb_meta_num(o, "level", "0.95");
        lb_meta_str(o, "aggregate", b->ci.analytic ? "1.96 standard errors"
                                                   : "bootstrap percentiles");
        lb_meta_uint(o, "draws", b->ci.draws);
        lb_meta_uint(o, "seed", b->ci.seed);
    } else if (b->opts.ci.enabled) {
        lb_meta_null(m, "intervals");
    }
    if (sel->sort_col != LB_NPOS)
        lb_meta_str(m, "ranked_by", t->cols[sel->sort_col].name);
    else
        lb_meta_str(m, "ranked_by", lb_method_key(b->mean.method));
    if (b->opts.where != NULL) {
        lb_meta_str(m, "where", b->opts.where);
        lb_meta_uint(m, "filtered_out", b->n_filtered);
    }
    if (b->opts.dedup != LB_DEDUP_NONE) {
        lb_meta_str(m, "dedup", lb_dedup_name(b->opts.dedup));
        if (b->date_col != LB_NPOS)
            lb_meta_str(m, "dedup_date", t->cols[b->date_col].name);
        lb_meta_uint(m, "duplicates", b->n_duplicates);
    }
    lb_meta_str(m, "order", b->lower_better ? "ascending" : "descending");
    lb_meta_str(m, "missing", lb_missing_name(b->opts.missing));
    lb_meta_str(m, "ties", lb_ties_name(b->opts.rank.ties));
    lb_meta_uint(m, "precision", b->opts.rank.precision);
    /* "models" and "ranked" count models (distinct names: core/models.h);
     * when a model has several rows, or there were too many names to
     * count (null), the rows' counts follow */
    lb_board_models(b, &models);
    if (lb_models_are_rows(&models, b->ranking.nrows)) {
        lb_meta_uint(m, "models", b->ranking.nrows);
        lb_meta_uint(m, "ranked", b->ranking.n_ranked);
    } else {
        if (models.known) {
            lb_meta_uint(m, "models", models.models);
            lb_meta_uint(m, "ranked", models.ranked);
        } else {
            lb_meta_null(m, "models");
            lb_meta_null(m, "ranked");
        }
        lb_meta_uint(m, "row_count", b->ranking.nrows);
        lb_meta_uint(m, "ranked_rows", b->ranking.n_ranked);
    }
    lb_schema_meta(b, m);
    return m;
}

/* }====================================================================== */

/* Checks before anything is written that every number can be rounded at
 * the precision, so that a failure never leaves half an output. */
static int check_rounding(const struct lb_board *b, struct lb_error *err)
{
    const struct lb_table *t = b->table;
    unsigned p = b->opts.rank.precision;
    lb_i128 q, big;
    size_t i, k, row;

    big = b->mean.max_abs; /* found when the means were prepared */
    row = b->mean.max_row;
    if (big > 0 && !lb_dec_round(big, 1, b->mean.scale, p, &q))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            t->path, lb_table_line(t, row), p);
    for (k = 0; k < b->sel.nbench + b->sel.nextra; k++) {
        size_t col = k < b->sel.nbench ? b->sel.bench[k]
                                       : b->sel.extra[k - b->sel.nbench];
        const struct lb_column *c = &t->cols[col];

        if (c->has_text)
            continue;
        big = 0;
        for (i = 0; i < t->nrows; i++) {
            lb_i128 v = lb_column_num(c, i);

            if ((v < 0 ? -v : v) > big) {
                big = v < 0 ? -v : v;
                row = i;
            }
        }
        if (big > 0 && !lb_dec_round(big, 1, c->scale, p, &q)) {
            struct lb_quoted qc;

            return lb_error_set(err, "%s:%zu: a value of %s is too large to "
                                     "round at %u decimals",
                                t->path, lb_table_line(t, row),
                                lb_quotes(&qc, c->name), p);
        }
    }
    return 0;
}

int lb_view_ranking(struct lb_view *v, const struct lb_board *b,
                    enum lb_audience a, struct lb_error *err)
{
    struct ranking *R = xcalloc(1, sizeof *R);

    lb_view_init(v, a);
    R->b = b;
    /* borda marks a missing score whatever --missing: its policy is
     * partial */
    R->marks = a != LB_FOR_TABLES && b->mean.policy != LB_MISSING_EXCLUDE;
    R->exact = a != LB_FOR_PEOPLE;
    lb_view_bind(v, R, ranking_free, ranking_cells);
    v->prefetch = ranking_prefetch;
    v->scan = ranking_scan;
    v->source = ranking_source;
    v->touch = ranking_touch;
    v->dim = ranking_dim;
    v->nrows = b->ranking.n_listed;
    add_columns(v, R, b);
    list_touches(R, v);
    if (a == LB_FOR_TREES)
        v->meta = ranking_meta(b);
    if (a == LB_FOR_PEOPLE) {
        lb_ranking_title(b, &v->title);
        lb_buf_addc(&v->title, '\n');
        lb_ranking_footer(b, &v->footer);
        lb_schema_footer(b, &v->footer);
    }
    return check_rounding(b, err);
}
