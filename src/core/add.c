#include "core/add.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/decimal.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "core/catalog.h"
#include "core/csv_write.h"
#include "core/select.h"
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

static int check_value(struct adder *ad, const struct target *tg,
                       const struct lb_assign *a)
{
    struct lb_quoted qv, qc;
    struct lb_dec d;
    enum lb_num_status st;
    size_t n;
    const char *s = trimmed(a, &n);

    if (!tg->benchmark)
        return 0;
    st = lb_dec_parse(s, n, &d);
    if (st == LB_NUM_MISSING)
        return 0;
    if (st != LB_NUM_OK)
        return lb_error_set(ad->err, "%s: %s %s (column %s)", a->origin,
                            lb_quote(&qv, a->value, a->value_len),
                            lb_num_status_phrase(st),
                            lb_quotes(&qc, tg->name));
    /* 100 * 10^18 does not fit in 64 bits */
    if (d.units < (lb_i128)tg->lo * lb_pow10[d.scale] ||
        d.units > (lb_i128)tg->hi * lb_pow10[d.scale])
        return lb_error_set(ad->err, "%s: %s is out of range for %s (%d to %d)",
                            a->origin, lb_quote(&qv, a->value, a->value_len),
                            lb_quotes(&qc, tg->name), tg->lo, tg->hi);
    return 0;
}

/* The target column that 'name' designates, adding it when allowed;
 * LB_NPOS after an error. */
static size_t resolve(struct adder *ad, const struct lb_assign *a)
{
    const struct lb_table *t = ad->t;
    size_t col = lb_table_find(t, a->column), i;
    struct lb_quoted q, q2;
    const struct lb_bench_info *b;

    if (col != LB_NPOS) {
        if (col == t->model_col) {
            (void)lb_error_set(ad->err, "%s: %s is the model column; give the "
                                        "model with --model",
                               a->origin, lb_quotes(&q, a->column));
            return LB_NPOS;
        }
        return col;
    }
    for (i = t->ncols; i < ad->ntargets; i++)
        if (strcasecmp(ad->targets[i].name, a->column) == 0)
            return i;
    if (!ad->opts->new_column) {
        (void)lb_error_set(ad->err, "%s: no column %s in %s; add it with "
                                    "--new-column",
                           a->origin, lb_quotes(&q, a->column),
                           lb_quotes(&q2, ad->name));
        return LB_NPOS;
    }
    if (a->column[0] == '\0') {
        (void)lb_error_set(ad->err, "%s: empty column name", a->origin);
        return LB_NPOS;
    }
    b = lb_catalog_benchmark(a->column);
    ad->targets[ad->ntargets] = (struct target){
        a->column, true, b != NULL || a->benchmark, b ? b->lo : 0,
        b ? b->hi : 100};
    return ad->ntargets++;
}

/* Resolves and validates every cell of every new row. */
static int resolve_rows(struct adder *ad, const struct lb_new_row *rows,
                        size_t nrows, size_t max_targets)
{
    size_t r, k;
    struct lb_quoted q;

    ad->cell = xcalloc(nrows * max_targets + 1, sizeof *ad->cell);
    for (r = 0; r < nrows; r++) {
        const struct lb_new_row *row = &rows[r];

        if (row->model_len == 0)
            return lb_error_set(ad->err, "%s: empty model name", row->origin);
        for (k = 0; k < row->ncells; k++) {
            const struct lb_assign *a = &row->cells[k];
            size_t col = resolve(ad, a);

            if (col == LB_NPOS)
                return -1;
            if (ad->cell[r * max_targets + col] != NULL)
                return lb_error_set(ad->err, "%s: column %s is given twice",
                                    a->origin,
                                    lb_quotes(&q, ad->targets[col].name));
            ad->cell[r * max_targets + col] = a;
            if (check_value(ad, &ad->targets[col], a) != 0)
                return -1;
        }
    }
    return 0;
}

/* Finds the rows that new rows replace, and refuses duplicate keys. */
static int match_keys(struct adder *ad, const struct lb_new_row *rows,
                      size_t nrows, size_t stride)
{
    const struct lb_table *t = ad->t;
    struct key_set ks;
    size_t r, dup;
    /* existing row -> whether a new row replaces it already */
    bool *taken = xcalloc(t->nrows + 1, sizeof *taken);
    int rc = 0;

    key_set_init(&ks, t->nrows + nrows);
    for (r = 0; r < t->nrows; r++) {
        struct key *k = &ks.keys[r];

        k->model = lb_table_model(t, r, &k->model_len);
        k->prec = "";
        if (ad->prec_col != LB_NPOS)
            k->prec = lb_table_text(t, ad->prec_col, r, &k->prec_len);
        (void)key_set_insert(&ks, r); /* duplicates in the file stay */
    }
    for (r = 0; r < nrows && rc == 0; r++) {
        struct key *k = &ks.keys[t->nrows + r];
        const struct lb_assign *p =
            ad->prec_col != LB_NPOS ? ad->cell[r * stride + ad->prec_col] : NULL;
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
        if (dup == SIZE_MAX)
            continue;
        /* a key already added or already replaced: one of the two would
         * be lost */
        if (dup >= t->nrows || taken[dup])
            rc = lb_error_set(ad->err, "%s: model %s%s is given twice",
                              rows[r].origin,
                              lb_quote(&qm, k->model, k->model_len), prec);
        else if (!ad->opts->replace)
            rc = lb_error_set(ad->err,
                              "%s: model %s%s is already in %s (line %zu); "
                              "use --replace to update it",
                              rows[r].origin,
                              lb_quote(&qm, k->model, k->model_len), prec,
                              lb_quotes(&qf, ad->name), t->row_line[dup]);
        else {
            ad->replaces[r] = dup;
            taken[dup] = true;
        }
    }
    key_set_release(&ks);
    free(taken);
    return rc;
}

/* Appends new row r as CSV: given cells, else (when replacing) the old
 * row's cells, else empty. */
static void put_row(const struct adder *ad, const struct lb_new_row *row,
                    size_t r, size_t stride, struct lb_buf *out)
{
    const struct lb_table *t = ad->t;
    size_t j, old = ad->replaces[r];

    for (j = 0; j < ad->ntargets; j++) {
        const struct lb_assign *a = ad->cell[r * stride + j];
        const char *s = "";
        size_t n = 0;

        if (j > 0)
            lb_buf_addc(out, ',');
        if (j == t->model_col) {
            s = row->model;
            n = row->model_len;
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
                 const struct lb_new_row *rows, size_t nrows, size_t stride,
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
            put_row(ad, &rows[by_old[k - 1] - 1], by_old[k - 1] - 1, stride, out);
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
        put_row(ad, &rows[r], r, stride, out);
        if (final_newline)
            lb_buf_add(out, eol, eol_len);
        row_index[r] = t->nrows + added++;
    }
    free(sp);
    free(by_old);
    return 0;
}

int lb_add_apply(const char *name, const char *data, size_t len,
                 const struct lb_new_row *rows, size_t nrows,
                 const struct lb_add_opts *opts, struct lb_buf *out,
                 size_t *row_index, bool *replaced, struct lb_error *err)
{
    struct lb_table t;
    struct lb_load_opts lo = {.keep_text = true, .allow_no_rows = true};
    struct adder ad;
    size_t i, k, stride, *defaults;
    int rc = -1;

    if (lb_table_load_mem(&t, name, data, len, &lo, err) != 0)
        return -1;
    memset(&ad, 0, sizeof ad);
    ad.name = name;
    ad.t = &t;
    ad.opts = opts;
    ad.err = err;
    /* room for every column a new row could add */
    stride = t.ncols;
    for (i = 0; i < nrows; i++)
        stride += rows[i].ncells;
    ad.targets = xcalloc(stride + 1, sizeof *ad.targets);
    ad.replaces = xcalloc(nrows + 1, sizeof *ad.replaces);
    defaults = xcalloc(t.ncols + 1, sizeof *defaults);
    k = lb_default_benchmarks(&t, defaults);
    for (i = 0; i < t.ncols; i++) {
        const struct lb_column *c = &t.cols[i];

        ad.targets[i] = (struct target){c->name, false, c->bench != NULL,
                                        c->bench ? c->bench->lo : 0,
                                        c->bench ? c->bench->hi : 100};
    }
    for (i = 0; i < k; i++)
        ad.targets[defaults[i]].benchmark = true;
    free(defaults);
    ad.ntargets = t.ncols;
    ad.prec_col = LB_NPOS;
    for (i = 0; i < t.ncols; i++)
        if (strcasecmp(t.cols[i].name, "precision") == 0)
            ad.prec_col = i;

    if (resolve_rows(&ad, rows, nrows, stride) == 0 &&
        match_keys(&ad, rows, nrows, stride) == 0)
        rc = build(&ad, data, len, rows, nrows, stride, out, row_index,
                   replaced);
    free(ad.targets);
    free(ad.cell);
    free(ad.replaces);
    lb_table_release(&t);
    return rc;
}

int lb_add_create(const char *name, const struct lb_new_row *rows,
                  size_t nrows, struct lb_buf *out, struct lb_error *err)
{
    struct lb_buf header = LB_BUF_INIT;
    struct lb_add_opts opts = {false, true};
    size_t *row_index = xcalloc(nrows + 1, sizeof *row_index);
    bool *replaced = xcalloc(nrows + 1, sizeof *replaced);
    int rc;

    /* a header of the model column alone; the new columns are added in
     * the order first given, as --new-column does */
    lb_buf_adds(&header, "model\n");
    rc = lb_add_apply(name, header.data, header.len, rows, nrows, &opts, out,
                      row_index, replaced, err);
    free(row_index);
    free(replaced);
    lb_buf_release(&header);
    return rc;
}
