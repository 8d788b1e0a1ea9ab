#include "core/add.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/decimal.h"
#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/csv_write.h"
#include "core/select.h"
#include "core/suggest.h"
#include "core/table.h"

/* {======================================================================
 * Rows as bytes
 * ======================================================================= */

/* A row of the file as bytes: its content and its line end. */
struct span {
    size_t start; /* first byte */
    size_t end;   /* one past the last byte before the line end */
    size_t term;  /* bytes of the line end: 0 (end of file), 1 or 2 (CRLF) */
};

/* Splits data into rows at the line ends that are not inside quotes,
 * skipping blank lines, as the loader does. The file has been parsed with
 * libcsv's strict mode already, so a quote either opens or closes a quoted
 * field or is one of a doubled pair: toggling on each one tracks "inside
 * quotes" exactly. A UTF-8 byte order mark belongs to no row. */
static size_t split_rows(const char *d, size_t len, struct span **out)
{
    struct span *s = NULL;
    size_t n = 0, cap = 0, pos = 0;

    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        size_t start = pos, term = 0;
        bool quoted = false;

        for (; pos < len; pos++) {
            char c = d[pos];

            if (c == '"')
                quoted = !quoted;
            else if (!quoted && (c == '\r' || c == '\n'))
                break;
        }
        if (pos < len)
            term = d[pos] == '\r' && pos + 1 < len && d[pos + 1] == '\n' ? 2 : 1;
        if (pos > start) {
            if (n == cap) {
                cap = lb_grow_cap(cap, n + 1);
                s = xreallocarray(s, cap, sizeof *s);
            }
            s[n++] = (struct span){start, pos, term};
        }
        pos += term;
    }
    *out = s;
    return n;
}

/* }====================================================================== */

/* {======================================================================
 * Keys: (model, precision) -> row, open addressing
 * ======================================================================= */

struct key {
    const char *model;
    size_t model_len;
    const char *prec; /* "" when the file has no precision column */
    size_t prec_len;
};

struct key_set {
    struct key *keys; /* by item: existing rows, then new rows */
    size_t *slot;     /* item + 1, 0 when empty */
    size_t mask;
};

static uint64_t key_hash(const struct key *k)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < k->model_len; i++)
        h = (h ^ (unsigned char)k->model[i]) * 1099511628211ull;
    h = (h ^ 0xFFu) * 1099511628211ull;
    for (i = 0; i < k->prec_len; i++)
        h = (h ^ (unsigned char)k->prec[i]) * 1099511628211ull;
    return h;
}

static bool key_eq(const struct key *a, const struct key *b)
{
    return a->model_len == b->model_len && a->prec_len == b->prec_len &&
           memcmp(a->model, b->model, a->model_len) == 0 &&
           memcmp(a->prec, b->prec, a->prec_len) == 0;
}

static void key_set_init(struct key_set *ks, size_t items)
{
    size_t cap = 16;

    while (cap < 2 * items)
        cap *= 2;
    ks->keys = xcalloc(items + 1, sizeof *ks->keys);
    ks->slot = xcalloc(cap, sizeof *ks->slot);
    ks->mask = cap - 1;
}

/* Inserts item (its key set in ks->keys[item]); returns the item already
 * there with an equal key, or SIZE_MAX when the key is new. */
static size_t key_set_insert(struct key_set *ks, size_t item)
{
    size_t i = (size_t)key_hash(&ks->keys[item]) & ks->mask;

    for (; ks->slot[i] != 0; i = (i + 1) & ks->mask)
        if (key_eq(&ks->keys[ks->slot[i] - 1], &ks->keys[item]))
            return ks->slot[i] - 1;
    ks->slot[i] = item + 1;
    return SIZE_MAX;
}

static void key_set_release(struct key_set *ks)
{
    free(ks->keys);
    free(ks->slot);
}

/* }====================================================================== */

/* A column of the new file. */
struct target {
    const char *name;  /* header name */
    bool is_new;       /* not in the file yet */
    bool benchmark;    /* cells must be numbers in [lo, hi] (or empty) */
    bool metadata;     /* a known metadata column (params_b, license, ...) */
    int lo, hi;
};

struct adder {
    const char *name;             /* file name for messages */
    const struct lb_table *t;
    const struct lb_add_opts *opts;
    struct target *targets;       /* the file's columns, then new ones */
    size_t ntargets;
    size_t prec_col;              /* the precision column, or LB_NPOS */
    const struct lb_assign **cell; /* [row * ntargets + col]: given cells */
    size_t *replaces;             /* new row -> existing row, or SIZE_MAX */
    struct lb_error *err;
};

static bool is_blank_char(char c)
{
    return c == ' ' || c == '\t';
}

/* The value of a benchmark cell without the spaces around it. */
static const char *trimmed(const struct lb_assign *a, size_t *len)
{
    const char *s = a->value;
    size_t n = a->value_len;

    while (n > 0 && is_blank_char(s[n - 1]))
        n--;
    while (n > 0 && is_blank_char(*s)) {
        s++;
        n--;
    }
    *len = n;
    return s;
}

/* A benchmark cell holds a finite number in range (or nothing); a cell
 * given as BENCH=VALUE holds a finite number even in another column. */
static int check_value(struct adder *ad, const struct target *tg,
                       const struct lb_assign *a)
{
    struct lb_quoted qv, qc;
    struct lb_dec d;
    enum lb_num_status st;
    size_t n;
    const char *s = trimmed(a, &n);
    enum lb_bad_kind bad;

    if (!tg->benchmark && !a->benchmark)
        return 0;
    /* what rank's loader accepts, decided by the same function */
    bad = lb_score_cell(s, n, tg->benchmark, tg->lo, tg->hi, &d, &st);
    if (st == LB_NUM_MISSING)
        return 0;
    if (bad == LB_BAD_NUMBER)
        return lb_error_set(ad->err, "%s: %s %s (column %s)%s", a->origin,
                            lb_quote(&qv, a->value, a->value_len),
                            lb_num_status_phrase(st),
                            lb_quotes(&qc, tg->name),
                            tg->benchmark ? ""
                                          : "; use " LB_OPT("set") " for text");
    if (bad == LB_BAD_RANGE)
        return lb_error_set(ad->err, "%s: %s is out of range for %s (%d to %d)",
                            a->origin, lb_quote(&qv, a->value, a->value_len),
                            lb_quotes(&qc, tg->name), tg->lo, tg->hi);
    return 0;
}

/* Refuses text that a spreadsheet would run as a formula (the score file
 * is a CSV people open in spreadsheets), unless it is a number or a missing
 * mark, or the options allow it. 'what' says which cell: "model name",
 * "column name", or NULL for a value of column 'column'. */
static int check_formula(const struct adder *ad, const char *origin,
                         const char *what, const char *s, size_t len,
                         const char *column)
{
    struct lb_quoted qv, qc, qf;
    struct lb_dec d;
    enum lb_num_status st;

    if (ad->opts->allow_formulas || !lb_text_formula_like(s, len))
        return 0;
    st = lb_dec_parse(s, len, &d);
    if (st == LB_NUM_OK || st == LB_NUM_MISSING)
        return 0;
    if (what == NULL)
        snprintf(qc.s, sizeof qc.s, " (column %s)",
                 lb_quotes(&qf, column));
    return lb_error_set(ad->err, "%s: %s%s%s%s starts with %s: a spreadsheet "
                                 "would run it as a formula; "
                                 LB_OPT("allow-formulas") " stores it anyway",
                        origin, what ? what : "", what ? " " : "",
                        lb_quote(&qv, s, len), what ? "" : qc.s,
                        lb_quote(&qf, s, 1));
}

/* The target column that a->column designates, adding it when allowed;
 * LB_NPOS after an error. */
static size_t resolve(struct adder *ad, const struct lb_assign *a)
{
    const struct lb_table *t = ad->t;
    size_t col = lb_table_find(t, a->column), i, same_case = 0;
    struct lb_quoted q, q2;
    const struct lb_bench_info *b;

    if (col != LB_NPOS) {
        if (col == t->model_col) {
            (void)lb_error_set(ad->err, "%s: %s is the model column; give the "
                                        "model with " LB_OPT("model"),
                               a->origin, lb_quotes(&q, a->column));
            return LB_NPOS;
        }
        return col;
    }
    for (i = 0; i < t->ncols; i++)
        same_case += strcasecmp(t->cols[i].name, a->column) == 0;
    if (same_case > 1) {
        (void)lb_error_set(ad->err, "%s: column %s is ambiguous in %s (%zu "
                                    "columns differ only in letter case); "
                                    "give its exact name",
                           a->origin, lb_quotes(&q, a->column),
                           lb_quotes(&q2, ad->name), same_case);
        return LB_NPOS;
    }
    for (i = t->ncols; i < ad->ntargets; i++)
        if (strcasecmp(ad->targets[i].name, a->column) == 0)
            return i;
    if (!ad->opts->new_column) {
        struct lb_did_you_mean dm;
        bool near = *lb_table_did_you_mean(&dm, t, a->column) != '\0';

        /* "; did you mean 'X'? (or add it with --new-column)" */
        (void)lb_error_set(ad->err, "%s: no column %s in %s%s%sadd it with "
                                    LB_OPT("new-column") "%s",
                           a->origin, lb_quotes(&q, a->column),
                           lb_quotes(&q2, ad->name), dm.s,
                           near ? " (or " : "; ", near ? ")" : "");
        return LB_NPOS;
    }
    if (a->column[0] == '\0') {
        (void)lb_error_set(ad->err, "%s: empty column name", a->origin);
        return LB_NPOS;
    }
    if (check_formula(ad, a->origin, "column name", a->column,
                      strlen(a->column), NULL) != 0)
        return LB_NPOS;
    b = lb_catalog_benchmark(a->column);
    ad->targets[ad->ntargets] = (struct target){
        a->column, true,
        b != NULL || (a->benchmark && !lb_catalog_is_metadata(a->column)),
        lb_catalog_is_metadata(a->column), b ? b->lo : 0, b ? b->hi : 100};
    return ad->ntargets++;
}

/* Resolves every cell (first pass, to know the columns), then maps each row's
 * cells by column and validates them. */
static int resolve_rows(struct adder *ad, const struct lb_new_row *rows,
                        size_t nrows)
{
    size_t r, k, total = 0, at = 0, *col;
    struct lb_quoted q;
    int rc = 0;

    for (r = 0; r < nrows; r++)
        total += rows[r].ncells;
    col = xreallocarray(NULL, total + 1, sizeof *col);
    for (r = 0; r < nrows && rc == 0; r++) {
        if (rows[r].model_len == 0) {
            rc = lb_error_set(ad->err, "%s: empty model name", rows[r].origin);
            break;
        }
        if ((rc = check_formula(ad, rows[r].origin, "model name",
                                rows[r].model, rows[r].model_len, NULL)) != 0)
            break;
        for (k = 0; k < rows[r].ncells; k++, at++)
            if ((col[at] = resolve(ad, &rows[r].cells[k])) == LB_NPOS) {
                rc = -1;
                break;
            }
    }
    if (rc == 0) {
        ad->cell = xcalloc(nrows * ad->ntargets + 1, sizeof *ad->cell);
        at = 0;
        for (r = 0; r < nrows && rc == 0; r++) {
            for (k = 0; k < rows[r].ncells && rc == 0; k++, at++) {
                const struct lb_assign *a = &rows[r].cells[k];
                const struct lb_assign **slot = &ad->cell[r * ad->ntargets + col[at]];

                if (*slot != NULL)
                    rc = lb_error_set(ad->err, "%s: column %s is given twice "
                                               "(also %s)",
                                      a->origin,
                                      lb_quotes(&q, ad->targets[col[at]].name),
                                      (*slot)->origin);
                else if ((rc = check_value(ad, &ad->targets[col[at]], a)) == 0 &&
                         (rc = check_formula(ad, a->origin, NULL, a->value,
                                             a->value_len,
                                             ad->targets[col[at]].name)) == 0)
                    *slot = a;
            }
        }
    }
    free(col);
    return rc;
}

/* The largest score of the file's column col, as text in buf, and whether
 * it is above 1 (the column is on a 0 to 100 scale). */
static bool scale_above_one(const struct lb_table *t, size_t col, char *buf)
{
    const struct lb_column *c = &t->cols[col];
    lb_i128 top = 0;
    size_t r;
    bool any = false;

    if (!c->numeric)
        return false;
    for (r = 0; r < t->nrows; r++)
        if (!lb_column_missing(c, r) &&
            (!any || lb_column_num(c, r) > top)) {
            top = lb_column_num(c, r);
            any = true;
        }
    (void)lb_dec_format_short(buf, top, c->scale);
    return any && top > lb_pow10[c->scale];
}

/* Refuses a new row whose benchmark scores all lie in 0 to 1 (one at least
 * with a fraction) when the file's scores of those columns go above 1: a
 * fraction (0.62) on a board of percentages (62) would be ranked last
 * without a word. --force keeps it. */
static int no_fractions(struct adder *ad, size_t nrows)
{
    const struct lb_table *t = ad->t;
    size_t r, k;

    for (r = 0; r < nrows; r++) {
        const struct lb_assign *first = NULL;
        size_t given = 0, above = LB_NPOS;
        bool all_small = true, some_fraction = false;
        char top[LB_DEC_BUFSIZE], tmp[LB_DEC_BUFSIZE];

        for (k = 0; k < t->ncols && all_small; k++) {
            const struct lb_assign *a = ad->cell[r * ad->ntargets + k];
            struct lb_dec d;
            size_t n;
            const char *v;

            if (a == NULL || !ad->targets[k].benchmark)
                continue;
            v = trimmed(a, &n);
            if (lb_dec_parse(v, n, &d) != LB_NUM_OK)
                continue;
            given++;
            all_small = d.units >= 0 && d.units <= lb_pow10[d.scale];
            some_fraction |= d.units % lb_pow10[d.scale] != 0;
            if (first == NULL)
                first = a;
            if (above == LB_NPOS && scale_above_one(t, k, tmp)) {
                above = k;
                memcpy(top, tmp, sizeof top);
            }
        }
        if (given > 0 && all_small && some_fraction && above != LB_NPOS) {
            struct lb_quoted qv, qc, qt, qf;

            return lb_error_set(
                ad->err,
                "%s: %s = %s looks like a fraction: every score given is "
                "between 0 and 1, but %s goes up to %s in %s (scores from 0 "
                "to 100); give percentages (0.62 as 62), or add "
                LB_OPT("force") " to keep them as they are",
                first->origin, lb_quotes(&qc, first->column),
                lb_quote(&qv, first->value, first->value_len),
                lb_quotes(&qt, t->cols[above].name), top,
                lb_quotes(&qf, ad->name));
        }
    }
    return 0;
}

/* The precision a new row gives, or NULL. */
static const struct lb_assign *given_precision(const struct adder *ad, size_t r)
{
    return ad->prec_col != LB_NPOS ? ad->cell[r * ad->ntargets + ad->prec_col]
                                   : NULL;
}

/* --replace without a precision in a file that has a precision column: the
 * row of that model, if there is exactly one. Returns the row, SIZE_MAX when
 * there is none, or LB_NPOS - 1 after an error. */
static size_t only_row_of_model(struct adder *ad, const struct lb_new_row *row)
{
    const struct lb_table *t = ad->t;
    size_t r, found = SIZE_MAX, count = 0;
    struct lb_buf precs = LB_BUF_INIT;
    struct lb_quoted qm, qp;

    for (r = 0; r < t->nrows; r++) {
        size_t len, plen;
        const char *m = lb_table_model(t, r, &len), *p;

        if (len != row->model_len || memcmp(m, row->model, len) != 0)
            continue;
        p = lb_table_text(t, ad->prec_col, r, &plen);
        if (count < 8)
            lb_buf_addf(&precs, "%s%s", count ? ", " : "", lb_quote(&qp, p, plen));
        found = r;
        count++;
    }
    if (count > 1) {
        (void)lb_error_set(ad->err, "%s: model %s has %zu rows in %s "
                                    "(precision %s); choose one with "
                                    LB_OPT("set") " precision=...",
                           row->origin, lb_quote(&qm, row->model, row->model_len),
                           count, ad->name, lb_buf_str(&precs));
        found = SIZE_MAX - 1;
    }
    lb_buf_release(&precs);
    return found;
}

/* Finds the rows that new rows replace, and refuses duplicate keys: twice
 * among the new rows, twice in the file when it is to be replaced, two new
 * rows replacing one. */
static int match_keys(struct adder *ad, const struct lb_new_row *rows,
                      size_t nrows)
{
    const struct lb_table *t = ad->t;
    struct key_set ks;
    size_t r, dup;
    uint8_t *file_dup = xcalloc(t->nrows / 8 + 1, 1); /* key seen twice */
    size_t *claimed = xcalloc(t->nrows + 1, sizeof *claimed); /* by new row+1 */
    int rc = 0;

    key_set_init(&ks, t->nrows + nrows);
    for (r = 0; r < t->nrows; r++) {
        struct key *k = &ks.keys[r];

        k->model = lb_table_model(t, r, &k->model_len);
        k->prec = "";
        if (ad->prec_col != LB_NPOS)
            k->prec = lb_table_text(t, ad->prec_col, r, &k->prec_len);
        dup = key_set_insert(&ks, r);
        if (dup != SIZE_MAX) /* duplicates in the file stay as they are */
            file_dup[dup / 8] = (uint8_t)(file_dup[dup / 8] | (1u << (dup % 8)));
    }
    for (r = 0; r < nrows && rc == 0; r++) {
        struct key *k = &ks.keys[t->nrows + r];
        const struct lb_assign *p = given_precision(ad, r);
        struct lb_quoted qm, qp, qf;
        char prec[LB_QUOTE_SIZE + 32] = "";

        k->model = rows[r].model;
        k->model_len = rows[r].model_len;
        k->prec = p ? p->value : "";
        k->prec_len = p ? p->value_len : 0;
        if (ad->prec_col != LB_NPOS)
            snprintf(prec, sizeof prec, " (precision %s)",
                     lb_quote(&qp, k->prec, k->prec_len));
        ad->replaces[r] = SIZE_MAX;
        dup = key_set_insert(&ks, t->nrows + r);
        if (dup == SIZE_MAX && ad->opts->replace && p == NULL &&
            ad->prec_col != LB_NPOS) {
            dup = only_row_of_model(ad, &rows[r]);
            if (dup == SIZE_MAX - 1) {
                rc = -1;
                break;
            }
        }
        if (dup == SIZE_MAX)
            continue;
        if (dup >= t->nrows) {
            rc = lb_error_set(ad->err, "%s: model %s%s is given twice (also %s)",
                              rows[r].origin,
                              lb_quote(&qm, k->model, k->model_len), prec,
                              rows[dup - t->nrows].origin);
        } else if (!ad->opts->replace) {
            rc = lb_error_set(ad->err,
                              "%s: model %s%s is already in %s (line %zu); "
                              "use " LB_OPT("replace") " to update it",
                              rows[r].origin,
                              lb_quote(&qm, k->model, k->model_len), prec,
                              lb_quotes(&qf, ad->name), lb_table_line(t, dup));
        } else if (((unsigned)file_dup[dup / 8] >> (dup % 8)) & 1u) {
            rc = lb_error_set(ad->err,
                              "%s: model %s%s is in %s more than once (first "
                              "at line %zu); " LB_OPT("replace")
                              " cannot tell which row to update",
                              rows[r].origin,
                              lb_quote(&qm, k->model, k->model_len), prec,
                              lb_quotes(&qf, ad->name), lb_table_line(t, dup));
        } else if (claimed[dup] != 0) {
            rc = lb_error_set(ad->err, "%s: model %s%s is given twice (also %s)",
                              rows[r].origin,
                              lb_quote(&qm, k->model, k->model_len), prec,
                              rows[claimed[dup] - 1].origin);
        } else {
            ad->replaces[r] = dup;
            claimed[dup] = r + 1;
        }
    }
    key_set_release(&ks);
    free(file_dup);
    free(claimed);
    return rc;
}

/* The length of the part of old cell s[0..n) before 'marker' (where it
 * starts the cell or follows "; "), without that "; ": what a given cell
 * with keep_before keeps. No marker: all of it. */
static size_t kept_before(const char *s, size_t n, const char *marker)
{
    size_t m = strlen(marker), i;

    for (i = 0; m > 0 && i + m <= n; i++)
        if (memcmp(s + i, marker, m) == 0 &&
            (i == 0 || (i >= 2 && memcmp(s + i - 2, "; ", 2) == 0)))
            return i == 0 ? 0 : i - 2;
    return n;
}

/* Appends new row r as CSV: given cells, else (when replacing) the old
 * row's cells, else empty. */
static void put_row(const struct adder *ad, const struct lb_new_row *row,
                    size_t r, struct lb_buf *out)
{
    const struct lb_table *t = ad->t;
    size_t j, old = ad->replaces[r];

    for (j = 0; j < ad->ntargets; j++) {
        const struct lb_assign *a = ad->cell[r * ad->ntargets + j];
        const char *s = "";
        size_t n = 0;

        if (j > 0)
            lb_buf_addc(out, ',');
        if (j == t->model_col) {
            s = row->model;
            n = row->model_len;
        } else if (a != NULL && a->keep_before != NULL && old != SIZE_MAX &&
                   j < t->ncols && !ad->targets[j].benchmark) {
            struct lb_buf cell = LB_BUF_INIT;

            s = lb_table_text(t, j, old, &n);
            n = kept_before(s, n, a->keep_before);
            lb_buf_add(&cell, s, n);
            if (n > 0 && a->value_len > 0)
                lb_buf_adds(&cell, "; ");
            lb_buf_add(&cell, a->value, a->value_len);
            lb_csv_add_field(out, lb_buf_str(&cell), cell.len);
            lb_buf_release(&cell);
            continue;
        } else if (a != NULL) {
            if (ad->targets[j].benchmark) {
                s = trimmed(a, &n);
            } else {
                s = a->value;
                n = a->value_len;
            }
        } else if (old != SIZE_MAX && j < t->ncols) {
            s = lb_table_text(t, j, old, &n);
        }
        lb_csv_add_field(out, s, n);
    }
}

static int build(struct adder *ad, const char *data, size_t len,
                 const struct lb_new_row *rows, size_t nrows,
                 struct lb_buf *out, size_t *row_index, bool *replaced)
{
    const struct lb_table *t = ad->t;
    struct span *sp;
    size_t ns = split_rows(data, len, &sp), pos = 0, r, j, k, added;
    size_t *by_old = xcalloc(t->nrows + 1, sizeof *by_old);
    const char *eol = "\n";
    size_t eol_len = 1;
    bool final_newline = len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r');

    if (ns != t->nrows + 1) {
        free(sp);
        free(by_old);
        return lb_error_set(ad->err, "%s: internal error: %zu rows read, %zu "
                                     "found again",
                            ad->name, t->nrows + 1, ns);
    }
    if (sp[0].term > 0) {
        eol = data + sp[0].end;
        eol_len = sp[0].term;
    }
    for (r = 0; r < nrows; r++)
        if (ad->replaces[r] != SIZE_MAX)
            by_old[ad->replaces[r]] = r + 1;

    for (k = 0; k < ns; k++) {
        lb_buf_add(out, data + pos, sp[k].start - pos); /* BOM, blank lines */
        if (k > 0 && by_old[k - 1] != 0) {
            put_row(ad, &rows[by_old[k - 1] - 1], by_old[k - 1] - 1, out);
        } else {
            lb_buf_add(out, data + sp[k].start, sp[k].end - sp[k].start);
            for (j = t->ncols; j < ad->ntargets; j++) {
                lb_buf_addc(out, ',');
                if (k == 0)
                    lb_csv_add_field(out, ad->targets[j].name,
                                     strlen(ad->targets[j].name));
            }
        }
        lb_buf_add(out, data + sp[k].end, sp[k].term);
        pos = sp[k].end + sp[k].term;
    }
    lb_buf_add(out, data + pos, len - pos); /* blank lines at the end */

    added = 0;
    for (r = 0; r < nrows; r++) {
        replaced[r] = ad->replaces[r] != SIZE_MAX;
        if (replaced[r]) {
            row_index[r] = ad->replaces[r];
            continue;
        }
        if (out->len > 0 && out->data[out->len - 1] != '\n' &&
            out->data[out->len - 1] != '\r')
            lb_buf_add(out, eol, eol_len);
        put_row(ad, &rows[r], r, out);
        if (final_newline)
            lb_buf_add(out, eol, eol_len);
        row_index[r] = t->nrows + added++;
    }
    free(sp);
    free(by_old);
    return 0;
}

/* The new content must load with every benchmark column it touched still
 * numeric. The loader and check_value decide with the same function
 * (lb_score_cell), and every value that decides to keep fits beside any
 * other (the loader widens to 128 bits): this only guards against a value
 * written otherwise than it was checked. */
static int verify(struct adder *ad, const struct lb_buf *out)
{
    struct lb_table nt;
    struct lb_load_opts lo = {.allow_no_rows = true};
    struct lb_error e;
    size_t j;
    int rc = 0;

    if (lb_table_load_mem(&nt, ad->name, lb_buf_str(out), out->len, &lo, &e) != 0)
        return lb_error_set(ad->err, "%s: internal error: the new content does "
                                     "not load: %s",
                            ad->name, e.msg);
    for (j = 0; j < ad->ntargets && rc == 0; j++) {
        const struct lb_column *c = &nt.cols[j];
        bool was_ok = ad->targets[j].is_new ||
                      (ad->t->cols[j].numeric && ad->t->cols[j].bad.kind == LB_BAD_NONE);

        if (!ad->targets[j].benchmark || !was_ok ||
            (c->numeric && c->bad.kind == LB_BAD_NONE))
            continue;
        rc = lb_table_check_numeric(&nt, j, ad->err);
    }
    lb_table_release(&nt);
    return rc;
}

int lb_add_apply(const char *name, const char *data, size_t len,
                 const struct lb_new_row *rows, size_t nrows,
                 const struct lb_add_opts *opts, struct lb_buf *out,
                 size_t *row_index, bool *replaced, struct lb_error *err)
{
    struct lb_table t;
    struct lb_load_opts lo = {.keep_text = true, .allow_no_rows = true,
                              .schema_path = opts->schema_path};
    struct adder ad;
    size_t i, k, room, *defaults;
    int rc = -1;

    if (lb_table_load_mem(&t, name, data, len, &lo, err) != 0)
        return -1;
    memset(&ad, 0, sizeof ad);
    ad.name = name;
    ad.t = &t;
    ad.opts = opts;
    ad.err = err;
    /* room for every column the new rows could add */
    room = t.ncols;
    for (i = 0; i < nrows; i++)
        room += rows[i].ncells;
    ad.targets = xcalloc(room + 1, sizeof *ad.targets);
    ad.replaces = xcalloc(nrows + 1, sizeof *ad.replaces);
    for (i = 0; i < t.ncols; i++) {
        const struct lb_column *c = &t.cols[i];

        ad.targets[i] = (struct target){c->name, false, c->bench != NULL,
                                        lb_catalog_is_metadata(c->name),
                                        c->bench ? c->bench->lo : 0,
                                        c->bench ? c->bench->hi : 100};
    }
    defaults = xcalloc(t.ncols + 1, sizeof *defaults);
    k = lb_default_benchmarks(&t, defaults);
    for (i = 0; i < k; i++)
        ad.targets[defaults[i]].benchmark = true;
    free(defaults);
    ad.ntargets = t.ncols;
    ad.prec_col = LB_NPOS;
    for (i = 0; i < t.ncols; i++)
        if (strcasecmp(t.cols[i].name, "precision") == 0)
            ad.prec_col = i;

    if (resolve_rows(&ad, rows, nrows) == 0 &&
        (opts->force || no_fractions(&ad, nrows) == 0) &&
        match_keys(&ad, rows, nrows) == 0 &&
        build(&ad, data, len, rows, nrows, out, row_index, replaced) == 0)
        rc = verify(&ad, out);
    if (rc != 0)
        lb_buf_reset(out);
    free(ad.targets);
    free(ad.cell);
    free(ad.replaces);
    lb_table_release(&t);
    return rc;
}

int lb_add_create(const char *name, const struct lb_new_row *rows,
                  size_t nrows, const struct lb_add_opts *create_opts,
                  struct lb_buf *out, struct lb_error *err)
{
    return lb_add_create_with(name, NULL, 0, rows, nrows, create_opts, out,
                              err);
}

int lb_add_create_with(const char *name, const char *const *head,
                       size_t nhead, const struct lb_new_row *rows,
                       size_t nrows, const struct lb_add_opts *create_opts,
                       struct lb_buf *out, struct lb_error *err)
{
    struct lb_buf header = LB_BUF_INIT;
    struct lb_add_opts opts = {false, false, create_opts->allow_formulas,
                               false, NULL};
    struct adder ad = {.opts = &opts, .err = err};
    const char **cols = NULL;
    size_t ncols = 0, r, k, j;
    size_t *row_index = xcalloc(nrows + 1, sizeof *row_index);
    bool *replaced = xcalloc(nrows + 1, sizeof *replaced);
    int rc;

    /* the header: model, then each column in the order first given (letter
     * case aside); then the rows are checked against it like any file's */
    lb_buf_adds(&header, "model");
    for (k = 0; k < nhead; k++) {
        const char *c = head[k];

        for (j = 0; j < ncols && strcasecmp(cols[j], c) != 0; j++)
            ;
        if (j < ncols || strcasecmp(c, "model") == 0 || c[0] == '\0')
            continue;
        if (check_formula(&ad, "--create", "column name", c, strlen(c),
                          NULL) != 0) {
            rc = -1;
            goto out;
        }
        cols = xreallocarray(cols, ncols + 1, sizeof *cols);
        cols[ncols++] = c;
        lb_buf_addc(&header, ',');
        lb_csv_add_field(&header, c, strlen(c));
    }
    for (r = 0; r < nrows; r++) {
        for (k = 0; k < rows[r].ncells; k++) {
            const char *c = rows[r].cells[k].column;

            for (j = 0; j < ncols && strcasecmp(cols[j], c) != 0; j++)
                ;
            if (j < ncols || strcasecmp(c, "model") == 0 || c[0] == '\0')
                continue;
            /* the header is a row of text cells too */
            if (check_formula(&ad, rows[r].cells[k].origin, "column name", c,
                              strlen(c), NULL) != 0) {
                rc = -1;
                goto out;
            }
            cols = xreallocarray(cols, ncols + 1, sizeof *cols);
            cols[ncols++] = c;
            lb_buf_addc(&header, ',');
            lb_csv_add_field(&header, c, strlen(c));
        }
    }
    lb_buf_addc(&header, '\n');
    rc = lb_add_apply(name, header.data, header.len, rows, nrows, &opts, out,
                      row_index, replaced, err);
out:
    free(cols);
    free(row_index);
    free(replaced);
    lb_buf_release(&header);
    return rc;
}
