/* csv_read.c: loading a score file with libcsv (one of the two files that
 * include csv.h).
 *
 * The file is read in large blocks and each block is handed to csv_parse
 * whole. libcsv calls back once per field (on_field) and once per row end
 * (on_row_end); with CSV_REPALL_NL it also reports every line end outside a
 * record, so the loader can count physical lines exactly: a line ends at LF,
 * at CR, or at CRLF (counted once), and a quoted field adds the line ends it
 * holds. Spaces are not trimmed (RFC 4180: they are part of the field).
 *
 * The fast path: a complete line without a quote, met while libcsv is
 * between rows, is split at its commas here (memchr) and handed to the same
 * callbacks, exactly as libcsv would call them; every other line goes to
 * libcsv, which stays the parser of record and of every message
 * (fast_lines below). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <threads.h>
#include <unistd.h>

#include <csv.h>

#include "base/buf.h"
#include "base/lines.h"
#include "base/quote.h"
#include "base/sort.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "core/schema.h"
#include "core/suggest.h"
#include "core/table.h"

#define READ_BLOCK (1u << 20)  /* bytes handed to libcsv at once */
#define CSV_FIELD_BLOCK 65536u /* libcsv's field buffer grows by this */
#define BAD_VALUE_MAX 256      /* bytes of a bad cell kept for messages */

struct loader {
    struct lb_table *t;
    struct lb_error *err;
    const struct lb_load_opts *opts;
    bool failed;        /* err is set: ignore further callbacks */
    size_t line;        /* physical line where the next field starts */
    bool prev_cr;       /* the last thing seen was a CR ending a line */
    size_t field;       /* fields seen so far in the current row */
    size_t row_line;    /* line where the current row started */
    bool header_done;   /* the header row has been read */
    size_t rows_read;   /* data rows read, kept by the filter or not */
    char **names;       /* header fields while the header is read */
    size_t nnames;
    size_t names_cap;
    size_t expect_bytes; /* bytes of rows this table will hold in the end
                            (0: unknown), to size its arrays once */
    const struct lb_schema *schema; /* the schema read, or NULL */
    bool fast;          /* quote-free lines split here (fast_lines) */
};

/* {======================================================================
 * Messages
 * ======================================================================= */

static void fail_at(struct loader *ld, size_t line, size_t col,
                    const char *what)
{
    if (col > 0)
        (void)lb_error_set(ld->err, "%s:%zu:%zu: %s", ld->t->path, line, col,
                           what);
    else
        (void)lb_error_set(ld->err, "%s:%zu: %s", ld->t->path, line, what);
    ld->failed = true;
}

/* " (column 'NAME')" for the field being read, once the header is known;
 * "" while reading the header or beyond its columns. */
static const char *column_of(const struct loader *ld, struct lb_quoted *q,
                             char *buf, size_t size)
{
    buf[0] = '\0';
    if (ld->header_done && ld->field < ld->t->ncols)
        snprintf(buf, size, " (column %s)",
                 lb_quotes(q, ld->t->cols[ld->field].name));
    return buf;
}

/* }====================================================================== */

/* {======================================================================
 * Storing cells
 * ======================================================================= */

/* Makes every per-row array hold cap rows (cap > t->cap_rows). */
static void grow_rows_to(struct lb_table *t, size_t cap)
{
    size_t old_bytes = (t->cap_rows + 7) / 8, new_bytes = (cap + 7) / 8, i;

    if (t->row_line != NULL)
        t->row_line = xreallocarray(t->row_line, cap, sizeof *t->row_line);
    for (i = 0; i < t->ncols; i++) {
        struct lb_column *c = &t->cols[i];

        if (c->has_text)
            c->text_off = xreallocarray(c->text_off, cap, sizeof *c->text_off);
        if (!c->numeric)
            continue;
        if (c->num32 != NULL)
            c->num32 = xreallocarray(c->num32, cap, sizeof *c->num32);
        else if (c->num64 != NULL)
            c->num64 = xreallocarray(c->num64, cap, sizeof *c->num64);
        else if (c->num128 != NULL)
            c->num128 = xreallocarray(c->num128, cap, sizeof *c->num128);
        else /* the first rows */
            c->num32 = xreallocarray(NULL, cap, sizeof *c->num32);
        c->missing = xreallocarray(c->missing, new_bytes, 1);
        memset(c->missing + old_bytes, 0, new_bytes - old_bytes);
        if (c->dec != NULL)
            c->dec = xreallocarray(c->dec, cap, 1);
    }
    t->cap_rows = cap;
}

static void grow_rows(struct lb_table *t)
{
    grow_rows_to(t, lb_grow_cap(t->cap_rows, t->nrows + 1));
}

/* Sizes the table's arrays for 'expect' bytes of rows, from what the first
 * 'seen' bytes held (plus 3%), so that a big file's arrays are allocated
 * once, in huge pages, instead of doubling: doubling copies them (peak
 * memory) and leaves most of their pages small, and writing rows in rank
 * order reads them at random, where each small page costs a TLB miss. An
 * estimate short of the truth is harmless: the arrays grow as before. */
static void reserve_rows(struct lb_table *t, size_t seen, size_t expect)
{
    double f = (double)expect / (double)seen * 1.03;
    size_t i;

    if ((double)t->nrows * f + 64 > (double)t->cap_rows &&
        (double)t->nrows * f < (double)LB_MAX_ROWS)
        grow_rows_to(t, (size_t)((double)t->nrows * f) + 64);
    for (i = 0; i < t->ncols; i++) {
        struct lb_column *c = &t->cols[i];
        double want = (double)c->text_len * f + 4096;

        if (c->has_text && want > (double)c->text_cap &&
            want < (double)UINT32_MAX) {
            c->text_cap = (size_t)want;
            c->text = xreallocarray(c->text, c->text_cap, 1);
        }
    }
}

/* Rows have started at first_line + row so far; row 'row' starts at
 * 'line'. Keeps the per-row array only once a row breaks the pattern (a
 * blank line, a quoted line break): most files never need it. */
static void note_row_line(struct lb_table *t, size_t row, size_t line)
{
    size_t r;

    if (row == 0)
        t->first_line = line;
    if (t->row_line == NULL) {
        if (line == t->first_line + row)
            return;
        t->row_line = xreallocarray(NULL, t->cap_rows, sizeof *t->row_line);
        for (r = 0; r < row; r++)
            t->row_line[r] = t->first_line + r;
    }
    t->row_line[row] = line;
}

static void drop_numbers(struct lb_column *c)
{
    free(c->num32);
    free(c->num64);
    free(c->num128);
    free(c->missing);
    free(c->dec);
    c->num32 = NULL;
    c->num64 = NULL;
    c->num128 = NULL;
    c->missing = NULL;
    c->dec = NULL;
    c->numeric = false;
}

/* Starts keeping each cell's decimals: the rows before 'row' were all
 * written with 'scale' decimals. */
static void start_decimals(struct lb_column *c, size_t row, size_t cap,
                           unsigned scale)
{
    c->dec = xreallocarray(NULL, cap, 1);
    memset(c->dec, (int)scale, row);
}

/* Remembers a cell in *b unless it holds one already. */
static void keep_cell(struct lb_bad_cell *b, enum lb_bad_kind kind,
                      enum lb_num_status st, size_t line, const char *s,
                      size_t len)
{
    size_t keep = len < BAD_VALUE_MAX ? len : BAD_VALUE_MAX;

    if (b->kind != LB_BAD_NONE)
        return;
    b->kind = kind;
    b->status = st;
    b->line = line;
    b->value = xmemdup0(s, keep);
    b->value_len = keep;
}

/* Remembers the first bad cell of a column (later ones are not kept). */
static void set_bad(struct lb_column *c, enum lb_bad_kind kind,
                    enum lb_num_status st, size_t line, const char *s,
                    size_t len)
{
    keep_cell(&c->bad, kind, st, line, s, len);
}

/* Moves a column's numbers from 32 to 64 bits. */
static void widen(struct lb_column *c, size_t cap)
{
    size_t r;

    c->num64 = xreallocarray(NULL, cap, sizeof *c->num64);
    for (r = 0; r < cap; r++)
        c->num64[r] = c->num32[r];
    free(c->num32);
    c->num32 = NULL;
}

/* Moves a column's numbers from 32 or 64 bits to 128. */
static void widen128(struct lb_column *c, size_t cap)
{
    size_t r;

    c->num128 = xreallocarray(NULL, cap, sizeof *c->num128);
    for (r = 0; r < cap; r++)
        c->num128[r] = c->num32 != NULL ? c->num32[r] : c->num64[r];
    free(c->num32);
    free(c->num64);
    c->num32 = NULL;
    c->num64 = NULL;
}

/* Stores v (at the column's scale) in row, widening the column first when
 * v does not fit its integers. */
static void put_num(struct lb_column *c, size_t row, size_t cap, lb_i128 v)
{
    if (c->num32 != NULL) {
        if (v >= INT32_MIN && v <= INT32_MAX) {
            c->num32[row] = (int32_t)v;
            return;
        }
        if (v >= INT64_MIN && v <= INT64_MAX)
            widen(c, cap);
        else
            widen128(c, cap);
    } else if (c->num64 != NULL && (v < INT64_MIN || v > INT64_MAX)) {
        widen128(c, cap);
    }
    if (c->num64 != NULL)
        c->num64[row] = (int64_t)v;
    else
        c->num128[row] = v;
}

/* Brings every number stored so far to a larger scale, widening the
 * column when a value needs it. Never overflows: every value came from
 * lb_dec_parse, below 2^63 at its own scale, so below 2^123 at 18
 * decimals. */
static void raise_scale(struct lb_column *c, size_t nrows, size_t cap,
                        unsigned scale)
{
    int64_t f = lb_pow10[scale - c->scale];
    size_t r = 0;

    if (c->num32 != NULL) {
        for (; r < nrows; r++) {
            int32_t v;

            if (__builtin_mul_overflow(c->num32[r], f, &v))
                break;
            c->num32[r] = v;
        }
        /* rows before r are scaled already: widen, then scale the rest */
        if (r < nrows)
            widen(c, cap);
    }
    if (c->num64 != NULL) {
        for (; r < nrows; r++) {
            int64_t v;

            if (__builtin_mul_overflow(c->num64[r], f, &v))
                break;
            c->num64[r] = v;
        }
        if (r < nrows)
            widen128(c, cap);
    }
    if (c->num128 != NULL)
        for (; r < nrows; r++)
            c->num128[r] *= f;
    c->scale = scale;
}

static void store_number(struct lb_column *c, size_t row, size_t cap,
                         size_t line, const char *s, size_t len,
                         const struct lb_schema *schema)
{
    struct lb_dec d;
    /* lb_score_cell's two steps (it decides for check and add too) */
    unsigned written = 0;
    enum lb_num_status st = lb_dec_parse_written(s, len, &d, &written);
    int64_t v;

    /* a cell the schema names as missing ("n/a", "--"): the slow path */
    if (st == LB_NUM_SYNTAX && schema != NULL &&
        lb_schema_missing_text(schema, c->field, s, len))
        st = LB_NUM_MISSING;
    if (st == LB_NUM_MISSING) {
        if (c->num32 != NULL)
            c->num32[row] = 0;
        else if (c->num64 != NULL)
            c->num64[row] = 0;
        else
            c->num128[row] = 0;
        c->missing[row >> 3] = (uint8_t)(c->missing[row >> 3] | (1u << (row & 7)));
        if (c->dec != NULL)
            c->dec[row] = 0;
        return;
    }
    if (st != LB_NUM_OK) {
        /* "77.47%": a number with a unit, as boards publish them; the
         * column must write all its numbers so (lb_table_finish_columns) */
        if (st == LB_NUM_SYNTAX && len > 1 && s[len - 1] == '%' &&
            lb_dec_parse_written(s, len - 1, &d, &written) == LB_NUM_OK) {
            c->n_percent++;
            keep_cell(&c->unit, LB_BAD_NUMBER, LB_NUM_UNIT, line, s, len);
        } else {
            set_bad(c, LB_BAD_NUMBER, st, line, s, len);
            drop_numbers(c);
            return;
        }
    }
    if (c->bench != NULL && !lb_score_in_range(&d, c->bench->lo, c->bench->hi))
        set_bad(c, LB_BAD_RANGE, LB_NUM_OK, line, s, len);
    /* for the schema's inference (schema_infer.c) */
    c->n_values++;
    if (d.units < 0) {
        if (d.units == -lb_pow10[d.scale])
            c->n_minus_one++;
        else
            c->n_negative++;
    } else if (d.units > 100 && !c->above_100) {
        c->above_100 = !lb_score_in_range(&d, 0, 100);
    }
    /* the decimals as written: one count for the column while they agree */
    if (c->dec == NULL && c->n_present == 0)
        c->written = (uint8_t)written;
    else if (c->dec == NULL && written != c->written)
        start_decimals(c, row, cap, c->written);
    if (c->dec != NULL)
        c->dec[row] = (uint8_t)written;
    if (d.scale > c->scale)
        raise_scale(c, row, cap, d.scale);
    if (c->num32 != NULL &&
        lb_dec_rescale(d.units, c->scale - d.scale, &v) && v >= INT32_MIN &&
        v <= INT32_MAX)
        c->num32[row] = (int32_t)v; /* the common case */
    else
        put_num(c, row, cap,
                (lb_i128)d.units * lb_pow10[c->scale - d.scale]);
    c->n_present++;
}

static void store_cell(struct loader *ld, size_t col, size_t line,
                       const char *s, size_t len)
{
    struct lb_table *t = ld->t;
    struct lb_column *c = &t->cols[col];
    size_t row = t->nrows;

    if (c->has_text) {
        if (c->text_len + len + 1 > UINT32_MAX) {
            struct lb_quoted q;
            char what[LB_QUOTE_SIZE + 64];

            snprintf(what, sizeof what,
                     "column %s holds more than 4 GiB of text",
                     lb_quotes(&q, c->name));
            fail_at(ld, line, col + 1, what);
            return;
        }
        if (c->text_len + len + 1 > c->text_cap) {
            c->text_cap = lb_grow_cap(c->text_cap, c->text_len + len + 1);
            c->text = xreallocarray(c->text, c->text_cap, 1);
        }
        c->text_off[row] = (uint32_t)c->text_len;
        /* s is not NUL-terminated on the fast path: end it here */
        memcpy(c->text + c->text_len, s, len);
        c->text[c->text_len + len] = '\0';
        c->text_len += len + 1;
    }
    if (c->numeric)
        store_number(c, row, t->cap_rows, line, s, len, ld->schema);
}

/* }====================================================================== */

/* {======================================================================
 * The header
 * ======================================================================= */

/* The model column: 'want' (--model-column), else the schema's, else the
 * first name of 'usual' that a column has (exactly, then in another
 * letter case). */
static size_t find_model_column(struct lb_table *t, const char *want,
                                const struct lb_schema *schema)
{
    static const char *const usual[] = {"model", "model_id", "model_name",
                                        "name"};
    size_t i, k;

    if (want == NULL && schema != NULL)
        want = lb_schema_model_column(schema);
    if (want != NULL)
        return lb_table_find(t, want);
    for (k = 0; k < sizeof usual / sizeof usual[0]; k++) {
        for (i = 0; i < t->ncols; i++)
            if (strcmp(t->cols[i].name, usual[k]) == 0)
                return i;
        for (i = 0; i < t->ncols; i++)
            if (strcasecmp(t->cols[i].name, usual[k]) == 0)
                return i;
    }
    return LB_NPOS;
}

static int cmp_names(size_t a, size_t b, void *ctx)
{
    const struct lb_table *t = ctx;
    int c = strcmp(t->cols[a].name, t->cols[b].name);

    return c != 0 ? c : (a > b) - (a < b);
}

/* The first column (in header order) whose name an earlier column has:
 * *later and *earlier. Sorting keeps a header of 100,000 columns fast. */
static bool find_duplicate(const struct lb_table *t, size_t *later,
                           size_t *earlier)
{
    size_t *idx = xreallocarray(NULL, t->ncols + 1, sizeof *idx), i, first;
    bool found = false;

    for (i = 0; i < t->ncols; i++)
        idx[i] = i;
    lb_sort_indices(idx, t->ncols, cmp_names, (void *)(uintptr_t)t);
    for (i = 1, first = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[idx[i]].name, t->cols[idx[first]].name) != 0) {
            first = i;
            continue;
        }
        /* idx[first] is the earliest of its name; idx[i] a later one */
        if (!found || idx[i] < *later) {
            *later = idx[i];
            *earlier = idx[first];
            found = true;
        }
    }
    free(idx);
    return found;
}

static void finish_header(struct loader *ld)
{
    struct lb_table *t = ld->t;
    size_t i, j;
    struct lb_quoted q;
    char what[LB_QUOTE_SIZE * 2 + 64];

    t->ncols = ld->nnames;
    t->cols = xcalloc(t->ncols, sizeof *t->cols);
    for (i = 0; i < t->ncols; i++) {
        t->cols[i].name = ld->names[i];
        t->cols[i].index = i;
        ld->names[i] = NULL;
    }
    for (i = 0; i < t->ncols; i++) {
        if (t->cols[i].name[0] == '\0') {
            fail_at(ld, ld->row_line, i + 1, "empty column name");
            return;
        }
    }
    if (find_duplicate(t, &i, &j)) {
        snprintf(what, sizeof what, "duplicate column name %s (also column %zu)",
                 lb_quotes(&q, t->cols[i].name), j + 1);
        fail_at(ld, ld->row_line, i + 1, what);
        return;
    }
    lb_table_index(t);
    t->model_col = find_model_column(t, ld->opts ? ld->opts->model_column
                                                 : NULL,
                                     ld->schema);
    if (t->model_col == LB_NPOS) {
        struct lb_buf cols = LB_BUF_INIT;
        struct lb_did_you_mean dm;

        for (i = 0; i < t->ncols && cols.len < 300; i++)
            lb_buf_addf(&cols, "%s%s", i ? ", " : "",
                        lb_quotes(&q, t->cols[i].name));
        if (i < t->ncols)
            lb_buf_adds(&cols, ", ...");
        if (ld->opts && ld->opts->model_column)
            (void)lb_error_set(ld->err, "%s:%zu: " LB_OPT("model-column")
                               ": no column %s%s (columns: %s)",
                               t->path, ld->row_line,
                               lb_quotes(&q, ld->opts->model_column),
                               lb_table_did_you_mean(&dm, t,
                                                     ld->opts->model_column),
                               lb_buf_str(&cols));
        else if (ld->schema && lb_schema_model_column(ld->schema)) {
            const char *want = lb_schema_model_column(ld->schema);

            (void)lb_error_set(ld->err, "%s:%zu: no column %s, the model "
                                        "column of schema %s%s (columns: %s)",
                               t->path, ld->row_line, lb_quotes(&q, want),
                               ld->schema->source,
                               lb_table_did_you_mean(&dm, t, want),
                               lb_buf_str(&cols));
        }
        else
            (void)lb_error_set(
                ld->err,
                "%s:%zu: no model column (model, model_id, model_name or "
                "name; columns: %s); name the column that holds model names "
                "with " LB_OPT("model-column"),
                t->path, ld->row_line, lb_buf_str(&cols));
        lb_buf_release(&cols);
        ld->failed = true;
        return;
    }
    for (i = 0; i < t->ncols; i++) {
        struct lb_column *c = &t->cols[i];

        if (i == t->model_col) {
            c->has_text = true;
            continue;
        }
        c->bench = lb_catalog_benchmark(c->name);
        /* a catalog benchmark is only ever used as numbers */
        c->has_text = c->bench == NULL || (ld->opts && ld->opts->keep_text);
        c->numeric = true;
    }
    /* the fields the schema read describes, for its missing values (the
     * table's own schema replaces them once loaded: lb_schema_bind) */
    for (i = 0; ld->schema != NULL && i < ld->schema->nfields; i++) {
        j = lb_table_find(t, ld->schema->fields[i].name);
        if (j != LB_NPOS)
            t->cols[j].field = &ld->schema->fields[i];
    }
    ld->header_done = true;
    if (ld->opts && ld->opts->filter && ld->opts->filter->start &&
        ld->opts->filter->start(t, ld->opts->filter->ctx, ld->err) != 0)
        ld->failed = true;
}

static void add_name(struct loader *ld, const char *s, size_t len)
{
    if (ld->nnames == ld->names_cap) {
        ld->names_cap = lb_grow_cap(ld->names_cap, ld->nnames + 1);
        ld->names = xreallocarray(ld->names, ld->names_cap, sizeof *ld->names);
    }
    ld->names[ld->nnames++] = xmemdup0(s, len);
}

/* }====================================================================== */

/* {======================================================================
 * libcsv callbacks
 * ======================================================================= */

/* Forgets the last row read (a filter did not keep it): its text, its
 * numbers; what it taught the columns (scale, first bad cell) stays. */
static void drop_last_row(struct lb_table *t)
{
    size_t row = t->nrows - 1, j;

    for (j = 0; j < t->ncols; j++) {
        struct lb_column *c = &t->cols[j];

        if (c->has_text)
            c->text_len = c->text_off[row];
        if (c->numeric) {
            if (lb_column_missing(c, row))
                c->missing[row >> 3] =
                    (uint8_t)(c->missing[row >> 3] & ~(1u << (row & 7)));
            else
                c->n_present--;
        }
    }
    t->nrows = row;
}

/* Whether s[0..len) holds a byte below 0x0E (CR, LF, NUL, and a few
 * other controls that are rare): eight bytes at a time, as most fields
 * hold none and need no closer look. */
static bool has_low_byte(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t x;

        memcpy(&x, s + i, 8);
        /* exact for thresholds up to 0x80: a byte < 0x0E sets its high bit */
        if (((x - 0x0E * ones) & ~x & highs) != 0)
            return true;
    }
    for (; i < len; i++)
        if ((unsigned char)s[i] < 0x0E)
            return true;
    return false;
}

/* Line ends inside a (quoted) field: CRLF counts once. Also finds NULs. */
static size_t count_line_ends(const char *s, size_t len, bool *has_nul)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c > '\r')
            continue;
        if (c == '\n')
            n += (i == 0 || s[i - 1] != '\r');
        else if (c == '\r')
            n++;
        else if (c == '\0')
            *has_nul = true;
    }
    return n;
}

static void on_field(void *field, size_t len, void *data)
{
    struct loader *ld = data;
    const char *s = field;
    size_t line = ld->line;
    bool has_nul = false;

    ld->prev_cr = false;
    if (ld->failed)
        return;
    if (has_low_byte(s, len))
        ld->line += count_line_ends(s, len, &has_nul);
    if (ld->field == 0) {
        ld->row_line = line;
        if (ld->header_done && ld->t->nrows == ld->t->cap_rows)
            grow_rows(ld->t);
    }
    ld->field++;
    if (has_nul) {
        fail_at(ld, line, ld->field, "NUL byte in field");
        return;
    }
    if (!ld->header_done) {
        add_name(ld, s, len);
        return;
    }
    if (ld->field > ld->t->ncols) {
        struct lb_quoted q;
        char what[LB_QUOTE_SIZE + 96];

        snprintf(what, sizeof what,
                 "row has more fields than the header's %zu (extra value %s)",
                 ld->t->ncols, lb_quote(&q, s, len));
        fail_at(ld, line, ld->field, what);
        return;
    }
    if (ld->field - 1 == ld->t->model_col && len == 0) {
        fail_at(ld, line, ld->field, "empty model name");
        return;
    }
    store_cell(ld, ld->field - 1, line, s, len);
}

static void on_row_end(int c, void *data)
{
    struct loader *ld = data;
    bool blank = ld->field == 0;

    if (!ld->failed && !blank) {
        struct lb_table *t = ld->t;

        if (!ld->header_done) {
            finish_header(ld);
        } else if (ld->field < t->ncols) {
            struct lb_quoted q;
            char what[LB_QUOTE_SIZE + 96];

            snprintf(what, sizeof what,
                     "row has %zu field%s, the header has %zu (no value for "
                     "column %s)",
                     ld->field, ld->field == 1 ? "" : "s", t->ncols,
                     lb_quotes(&q, t->cols[ld->field].name));
            fail_at(ld, ld->line, ld->field + 1, what);
        } else if (t->nrows >= LB_MAX_ROWS) {
            fail_at(ld, ld->row_line, 0, "more rows than leaderboard can rank "
                                         "(2,147,483,646)");
        } else {
            note_row_line(t, t->nrows, ld->row_line);
            t->nrows++;
            ld->rows_read++;
            if (ld->opts && ld->opts->filter &&
                !ld->opts->filter->keep(t, ld->opts->filter->ctx))
                drop_last_row(t);
        }
    }
    ld->field = 0;
    /* the LF of a CRLF was counted with its CR */
    if (blank && c == '\n' && ld->prev_cr) {
        ld->prev_cr = false;
        return;
    }
    if (c == '\r' || c == '\n')
        ld->line++;
    ld->prev_cr = c == '\r';
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* }====================================================================== */

static void describe_parse_error(struct loader *ld, struct csv_parser *p,
                                 const char *block, size_t len, size_t used)
{
    struct lb_quoted q, qc;
    char what[LB_QUOTE_SIZE * 2 + 160], col[LB_QUOTE_SIZE + 16];
    int status = csv_error(p);

    if (status == CSV_EPARSE) {
        /* the field being read, as far as it got, and the byte that broke it */
        struct lb_buf v = LB_BUF_INIT;

        lb_buf_add(&v, (const char *)p->entry_buf, p->entry_pos);
        if (used < len)
            lb_buf_addc(&v, block[used]);
        if (p->quoted)
            snprintf(what, sizeof what,
                     "a quoted field must end with '\"' followed by ',' or "
                     "a line end (field so far %s)%s",
                     lb_quote(&q, v.data, v.len),
                     column_of(ld, &qc, col, sizeof col));
        else
            snprintf(what, sizeof what,
                     "'\"' inside an unquoted field %s (quote the whole field "
                     "and double the '\"')%s",
                     lb_quote(&q, v.data, v.len),
                     column_of(ld, &qc, col, sizeof col));
        lb_buf_release(&v);
    } else {
        snprintf(what, sizeof what, "%s", csv_strerror(status));
    }
    fail_at(ld, ld->line, ld->field + 1, what);
}

#define ROW_NOT_BEGUN 0 /* libcsv's pstate for "between rows" */

/* Hands the fields of the quote-free line s[0..len) (no line end, len > 0)
 * to on_field: the bytes between commas, as libcsv reads an unquoted field
 * under CSV_STRICT with no_space (nothing trimmed). */
static void fast_fields(struct loader *ld, const char *s, size_t len)
{
    const char *end = s + len;

    for (;;) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma != NULL ? comma : end;

        on_field((void *)(uintptr_t)s, (size_t)(stop - s), ld);
        if (comma == NULL)
            return;
        s = comma + 1;
    }
}

/* The fast path, from a point where libcsv is between rows: the complete
 * lines at the start of s[0..len) that hold no '"' and no CR (but a CRLF
 * at their end) are read here with the calls libcsv would make: the
 * fields (none for an empty line), then on_row_end with '\r' and '\n' for
 * a CRLF, or with '\n' (CSV_REPALL_NL reports the line end of an empty
 * line too). Stops at the first other line, which libcsv reads, or once a
 * callback failed. Returns the bytes read. */
static size_t fast_lines(struct loader *ld, const char *s, size_t len)
{
    size_t pos = 0;

    while (pos < len && !ld->failed) {
        const char *line = s + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n, body;

        if (nl == NULL)
            break; /* the line goes on in the next block */
        n = (size_t)(nl - line);
        body = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
        if (memchr(line, '"', body) != NULL || memchr(line, '\r', body) != NULL)
            break;
        if (body > 0)
            fast_fields(ld, line, body);
        if (body < n)
            on_row_end('\r', ld);
        on_row_end('\n', ld);
        pos += n + 1;
    }
    return pos;
}

/* Parses a block: the fast path while it can, libcsv for the rest, a line
 * at a time (a quoted field may take several), so that the fast path can
 * take over again once libcsv is between rows. */
static int parse_block(struct loader *ld, struct csv_parser *p,
                       const char *block, size_t len)
{
    size_t pos = 0;

    while (pos < len) {
        const char *s, *nl;
        size_t n, used;

        if (ld->fast && p->pstate == ROW_NOT_BEGUN) {
            pos += fast_lines(ld, block + pos, len - pos);
            if (ld->failed)
                return -1;
            if (pos == len)
                break;
        }
        s = block + pos;
        nl = ld->fast ? memchr(s, '\n', len - pos) : NULL;
        n = nl != NULL ? (size_t)(nl - s) + 1 : len - pos;
        used = csv_parse(p, s, n, on_field, on_row_end, ld);
        if (ld->failed)
            return -1;
        if (used < n) {
            describe_parse_error(ld, p, s, n, used);
            return -1;
        }
        pos += n;
    }
    return 0;
}

static int finish(struct loader *ld, struct csv_parser *p)
{
    struct lb_table *t = ld->t;

    if (csv_fini(p, on_field, on_row_end, ld) != 0) {
        struct lb_quoted q, qc;
        char what[LB_QUOTE_SIZE * 2 + 96], col[LB_QUOTE_SIZE + 16];

        if (ld->failed)
            return -1;
        snprintf(what, sizeof what,
                 "unterminated quoted field (the file ends inside %s)%s",
                 lb_quote(&q, (const char *)p->entry_buf, p->entry_pos),
                 column_of(ld, &qc, col, sizeof col));
        fail_at(ld, ld->line, ld->field + 1, what);
        return -1;
    }
    if (ld->failed)
        return -1;
    if (!ld->header_done)
        return lb_error_set(ld->err, "%s: empty file (expected a header row)",
                            t->path);
    if (ld->rows_read == 0 && !(ld->opts && ld->opts->allow_no_rows))
        return lb_error_set(ld->err, "%s: no data rows after the header",
                            t->path);
    return 0;
}

static void loader_init(struct loader *ld, struct lb_table *t,
                        const char *name, const struct lb_load_opts *opts,
                        struct lb_error *err)
{
    struct lb_buf shown = LB_BUF_INIT;

    memset(t, 0, sizeof *t);
    memset(ld, 0, sizeof *ld);
    /* every message names the file through t->path: rendered once here,
     * so that no control byte of a file name reaches a terminal */
    (void)lb_utf8_render(&shown, name, strlen(name), 0);
    t->path = xstrdup(lb_buf_str(&shown));
    lb_buf_release(&shown);
    t->model_col = LB_NPOS;
    ld->t = t;
    ld->err = err;
    ld->opts = opts;
    ld->line = 1;
    ld->fast = !(opts && opts->libcsv_only);
}

static void loader_release(struct loader *ld)
{
    size_t i;

    for (i = 0; i < ld->nnames; i++)
        free(ld->names[i]);
    free(ld->names);
}

static bool parser_init(struct csv_parser *p)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
                        CSV_REPALL_NL) != 0)
        return false;
    csv_set_space_func(p, no_space);
    csv_set_blk_size(p, CSV_FIELD_BLOCK);
    return true;
}

static size_t skip_bom(const char *s, size_t len)
{
    return len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static int load_mem(struct lb_table *t, const char *name, const char *data,
                    size_t len, const struct lb_load_opts *opts,
                    const struct lb_schema *schema, struct lb_error *err)
{
    struct loader ld;
    struct csv_parser p;
    size_t off;
    int rc = -1;

    loader_init(&ld, t, name, opts, err);
    ld.schema = schema;
    if (!parser_init(&p)) {
        loader_release(&ld);
        lb_table_release(t);
        return lb_error_set(err, "%s: cannot start the CSV parser", name);
    }
    off = skip_bom(data, len);
    /* blocks, as from a file, so both paths meet the same parser states */
    while (off < len) {
        size_t block = opts && opts->block_size ? opts->block_size : READ_BLOCK;
        size_t n = len - off < block ? len - off : block;

        if (parse_block(&ld, &p, data + off, n) != 0)
            goto out;
        off += n;
    }
    rc = finish(&ld, &p);
out:
    csv_free(&p);
    loader_release(&ld);
    if (rc != 0)
        lb_table_release(t);
    return rc;
}

/* Reads up to size bytes, at offset off (pread) or, when off < 0, from the
 * current position (read: pipes); fewer only at the end of the file.
 * Returns the bytes read, or -1 (errno set). */
static ssize_t read_full(int fd, char *buf, size_t size, off_t off)
{
    size_t got = 0;

    while (got < size) {
        ssize_t n = off < 0 ? read(fd, buf + got, size - got)
                            : pread(fd, buf + got, size - got, off + (off_t)got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* {======================================================================
 * Two threads for large files
 *
 * A regular file of PARALLEL_MIN bytes or more is parsed in two halves at
 * once: the header first, then the data split at a line end that is outside
 * any quoted field (an even number of quotes before it), each half parsed
 * by its own libcsv parser in its own thread into its own table, and the
 * second table appended to the first. The first half must end in libcsv's
 * "row not begun" state, which proves the split was a row boundary; if it
 * does not, or either half finds an error, the file is parsed again by one
 * thread, so results and messages are always those of a sequential parse.
 * ======================================================================= */

#define PARALLEL_MIN ((size_t)16 << 20)
/* from this size on, the tables' arrays are sized once from the first block
 * (see reserve_rows); below it, doubling costs little */
#define RESERVE_MIN ((size_t)16 << 20)

/* Parses bytes [start, end) of fd into ld; block is READ_BLOCK bytes.
 * 'total' > 0: report progress to ld's options as if the other half went
 * at the same pace (the first half's thread only). */
static int parse_range(struct loader *ld, struct csv_parser *p, int fd,
                       const char *path, size_t start, size_t end, char *block,
                       size_t total)
{
    size_t off = start;
    struct lb_quoted q;

    while (off < end) {
        size_t want = end - off < READ_BLOCK ? end - off : READ_BLOCK;
        ssize_t n = read_full(fd, block, want, (off_t)off);

        if (n < 0) {
            int e = errno;

            ld->failed = true;
            return lb_error_set(ld->err, "cannot read %s: %s",
                                lb_quotes(&q, path), strerror(e));
        }
        if (n == 0)
            break;
        if (parse_block(ld, p, block, (size_t)n) != 0)
            return -1;
        if (off == start && ld->expect_bytes > (size_t)n &&
            ld->expect_bytes >= (ld->opts && ld->opts->reserve_min
                                     ? ld->opts->reserve_min
                                     : RESERVE_MIN))
            reserve_rows(ld->t, (size_t)n, ld->expect_bytes);
        off += (size_t)n;
        if (total > 0 && ld->opts && ld->opts->progress)
            ld->opts->progress(start + 2 * (off - start), total,
                               ld->opts->progress_ctx);
    }
    return 0;
}

/* Where the header row ends (just after its line end), or 0 when the file
 * does not start with a plain header line (blank lines, no line end in the
 * first block...): then the file is read by one thread. */
static size_t header_end(const char *b, size_t n, size_t bom)
{
    bool quoted = false;
    size_t i;

    if (n <= bom || b[bom] == '\r' || b[bom] == '\n')
        return 0;
    for (i = bom; i < n; i++) {
        if (b[i] == '"') {
            quoted = !quoted;
        } else if (!quoted && (b[i] == '\r' || b[i] == '\n')) {
            if (b[i] == '\r' && i + 1 < n && b[i + 1] == '\n')
                i++;
            return i + 1 < n ? i + 1 : 0;
        }
    }
    return 0;
}

/* Scans [from, size) for the first line end outside quotes at or after
 * 'mid', counting the line ends before it as the loader does (CRLF once,
 * quoted ones too). Returns the offset just after that line end, or 0 when
 * there is none. */
static size_t find_split(int fd, size_t from, size_t mid, size_t size,
                         char *block, size_t *lines)
{
    struct lb_line_count before = {0, false, false};
    size_t off = from, n_lines;
    bool quoted, prev_cr;

    /* up to 'mid', only the counts matter: 16 bytes at a time */
    while (off < mid) {
        size_t want = mid - off < READ_BLOCK ? mid - off : READ_BLOCK;
        ssize_t n = read_full(fd, block, want, (off_t)off);

        if (n <= 0)
            return 0;
        lb_count_lines(block, (size_t)n, &before);
        off += (size_t)n;
    }
    n_lines = before.lines;
    quoted = before.quoted;
    prev_cr = before.prev_cr;
    while (off < size) {
        size_t want = size - off < READ_BLOCK ? size - off : READ_BLOCK, i;
        ssize_t n = read_full(fd, block, want, (off_t)off);

        if (n <= 0)
            return 0;
        for (i = 0; i < (size_t)n; i++) {
            size_t pos = off + i;
            char c = block[i], next;

            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n') {
                if (!prev_cr)
                    n_lines++;
                if (!quoted && pos >= mid) {
                    *lines = n_lines;
                    return pos + 1;
                }
            } else if (c == '\r') {
                n_lines++;
                if (!quoted && pos >= mid) {
                    /* a lone CR ends the line; with a LF, the LF does */
                    if (i + 1 < (size_t)n)
                        next = block[i + 1];
                    else if (pos + 1 >= size ||
                             read_full(fd, &next, 1, (off_t)(pos + 1)) != 1)
                        next = '\0';
                    if (next != '\n') {
                        *lines = n_lines;
                        return pos + 1;
                    }
                }
            }
            prev_cr = c == '\r';
        }
        off += (size_t)n;
    }
    return 0;
}

/* The second half's table: the columns as the header made them. */
static void clone_layout(const struct lb_table *a, struct lb_table *b)
{
    size_t i;

    memset(b, 0, sizeof *b);
    b->path = xstrdup(a->path);
    b->ncols = a->ncols;
    b->model_col = a->model_col;
    b->cols = xcalloc(a->ncols, sizeof *b->cols);
    for (i = 0; i < a->ncols; i++) {
        const struct lb_column *ca = &a->cols[i];
        struct lb_column *cb = &b->cols[i];

        cb->name = ca->name; /* borrowed: cleared before release */
        cb->index = ca->index;
        cb->bench = ca->bench;
        cb->field = ca->field;
        cb->has_text = ca->has_text;
        cb->numeric = ca->numeric;
    }
}

static void release_half(struct lb_table *b)
{
    size_t i;

    for (i = 0; i < b->ncols; i++)
        b->cols[i].name = NULL;
    lb_table_release(b);
}

/* Sets the missing bits of rows na.. of a's column ca for b's column cb's
 * rows 0..nb (missing cells are few: their bits are visited alone). */
static void append_missing(struct lb_column *ca, size_t na,
                           const struct lb_column *cb, size_t nb)
{
    size_t i, r;

    for (i = 0; i < (nb + 7) / 8; i++) {
        unsigned bits = cb->missing[i];

        while (bits != 0) {
            r = i * 8 + (size_t)__builtin_ctz(bits);
            bits &= bits - 1;
            if (r < nb)
                ca->missing[(na + r) >> 3] = (uint8_t)(
                    ca->missing[(na + r) >> 3] | (1u << ((na + r) & 7)));
        }
    }
}

/* Appends table b's rows to a (same columns). False when there are too
 * many rows or text passes 4 GiB: then the caller parses again
 * sequentially, which reports it properly. */
static bool append_half(struct lb_table *a, struct lb_table *b)
{
    size_t na = a->nrows, nb = b->nrows, j, r;

    if (nb == 0)
        return true;
    if (na + nb > LB_MAX_ROWS)
        return false; /* the sequential parse says so */
    while (a->cap_rows < na + nb) {
        a->nrows = a->cap_rows; /* grow_rows grows past nrows */
        grow_rows(a);
    }
    a->nrows = na;
    for (j = 0; j < a->ncols; j++) {
        struct lb_column *ca = &a->cols[j], *cb = &b->cols[j];

        if (ca->has_text) {
            if (ca->text_len + cb->text_len > UINT32_MAX)
                return false;
            if (ca->text_len + cb->text_len > ca->text_cap) {
                ca->text_cap = ca->text_len + cb->text_len;
                ca->text = xreallocarray(ca->text, ca->text_cap, 1);
            }
            /* the arena a piece at a time, each piece of the second
             * half's given back once copied: no second whole copy */
            lb_move_out(ca->text + ca->text_len, cb->text, cb->text_len);
            for (r = 0; r < nb; r++)
                ca->text_off[na + r] = cb->text_off[r] + (uint32_t)ca->text_len;
            ca->text_len += cb->text_len;
            free(cb->text);
            cb->text = NULL;
        }
        if (ca->numeric && !cb->numeric) {
            drop_numbers(ca);
        } else if (ca->numeric) {
            lb_i128 f;

            if (ca->dec == NULL && cb->n_present > 0) {
                if (ca->n_present == 0 && cb->dec == NULL)
                    ca->written = cb->written;
                else if (cb->dec != NULL || cb->written != ca->written)
                    start_decimals(ca, na, a->cap_rows, ca->written);
            }
            if (ca->dec != NULL)
                for (r = 0; r < nb; r++)
                    ca->dec[na + r] = (uint8_t)lb_column_decimals(cb, r);
            if (cb->scale > ca->scale)
                raise_scale(ca, na, a->cap_rows, cb->scale);
            f = lb_pow10[ca->scale - cb->scale];
            if (f == 1 && ca->num32 != NULL && cb->num32 != NULL) {
                /* the common case: the numbers as they are (a missing
                 * cell's is 0 in both), and the missing cells' bits */
                memcpy(ca->num32 + na, cb->num32, nb * sizeof *cb->num32);
                append_missing(ca, na, cb, nb);
                r = nb;
            } else {
                r = 0;
            }
            for (; r < nb; r++) {
                if (lb_column_missing(cb, r)) {
                    put_num(ca, na + r, a->cap_rows, 0);
                    ca->missing[(na + r) >> 3] = (uint8_t)(
                        ca->missing[(na + r) >> 3] | (1u << ((na + r) & 7)));
                } else { /* fits: see raise_scale */
                    put_num(ca, na + r, a->cap_rows, lb_column_num(cb, r) * f);
                }
            }
            ca->n_present += cb->n_present;
            ca->n_percent += cb->n_percent;
            ca->n_values += cb->n_values;
            ca->n_minus_one += cb->n_minus_one;
            ca->n_negative += cb->n_negative;
            ca->above_100 |= cb->above_100;
        }
        if (ca->bad.kind == LB_BAD_NONE && cb->bad.kind != LB_BAD_NONE) {
            ca->bad = cb->bad; /* the first problem in file order */
            cb->bad.value = NULL;
            cb->bad.kind = LB_BAD_NONE;
        }
        if (ca->unit.kind == LB_BAD_NONE && cb->unit.kind != LB_BAD_NONE) {
            ca->unit = cb->unit;
            cb->unit.value = NULL;
            cb->unit.kind = LB_BAD_NONE;
        }
        /* this column of the second half is copied: free it now, so that
         * the two halves never both hold the whole table */
        free(cb->text_off);
        free(cb->num32);
        free(cb->num64);
        free(cb->num128);
        free(cb->missing);
        free(cb->dec);
        cb->dec = NULL;
        cb->text_off = NULL;
        cb->num32 = NULL;
        cb->num64 = NULL;
        cb->num128 = NULL;
        cb->missing = NULL;
    }
    if (na == 0)
        a->first_line = b->first_line;
    if (a->row_line != NULL || b->row_line != NULL ||
        b->first_line != a->first_line + na) {
        if (a->row_line == NULL) {
            a->row_line = xreallocarray(NULL, a->cap_rows, sizeof *a->row_line);
            for (r = 0; r < na; r++)
                a->row_line[r] = a->first_line + r;
        }
        for (r = 0; r < nb; r++)
            a->row_line[na + r] = lb_table_line(b, r);
    }
    a->nrows = na + nb;
    return true;
}

struct half {
    struct loader ld;
    struct csv_parser p;
    struct lb_table t;
    struct lb_error err;
    int fd;
    const char *path;
    size_t start, end;
    char *block;
    int rc;
};

static int run_half(void *arg)
{
    struct half *h = arg;

    h->rc = parse_range(&h->ld, &h->p, h->fd, h->path, h->start, h->end,
                        h->block, 0);
    if (h->rc == 0)
        h->rc = csv_fini(&h->p, on_field, on_row_end, &h->ld) != 0 ||
                        h->ld.failed
                    ? -1
                    : 0;
    return 0;
}

/* Tries the two-thread parse of a regular file. Returns 0 with *t loaded,
 * 1 to say "parse it sequentially instead" (with *t released), or -1 on a
 * read error. */
static int load_parallel(struct lb_table *t, int fd, const char *path,
                         const char *name, size_t size,
                         const struct lb_load_opts *opts,
                         const struct lb_schema *schema, struct lb_error *err)
{
    struct loader ld;
    struct csv_parser p;
    struct half h;
    thrd_t thr;
    char *block = xmalloc(READ_BLOCK);
    size_t bom, hdr, split, lines = 0;
    ssize_t n;
    int rc = 1;
    bool ok;

    loader_init(&ld, t, name, opts, err);
    ld.schema = schema;
    if (!parser_init(&p)) {
        free(block);
        loader_release(&ld);
        lb_table_release(t);
        return 1;
    }
    n = read_full(fd, block, READ_BLOCK, 0);
    bom = n > 0 ? skip_bom(block, (size_t)n) : 0;
    hdr = n > 0 ? header_end(block, (size_t)n, bom) : 0;
    if (hdr == 0 || parse_block(&ld, &p, block + bom, hdr - bom) != 0 ||
        !ld.header_done)
        goto out;
    split = find_split(fd, hdr, hdr + (size - hdr) / 2, size, block, &lines);
    if (split == 0 || split >= size)
        goto out;
    ld.expect_bytes = size - hdr; /* the second half is appended to it */
    /* the line count covers [hdr, split); the header took its lines */
    memset(&h, 0, sizeof h);
    clone_layout(t, &h.t);
    h.ld.t = &h.t;
    h.ld.err = &h.err;
    h.ld.opts = opts;
    h.ld.fast = ld.fast;
    h.ld.header_done = true;
    h.ld.schema = schema;
    h.ld.expect_bytes = size - split;
    h.ld.line = ld.line + lines;
    h.fd = fd;
    h.path = path;
    h.start = split;
    h.end = size;
    h.block = xmalloc(READ_BLOCK);
    if (!parser_init(&h.p)) {
        free(h.block);
        release_half(&h.t);
        goto out;
    }
    if (thrd_create(&thr, run_half, &h) != thrd_success) {
        csv_free(&h.p);
        free(h.block);
        release_half(&h.t);
        goto out;
    }
    ok = parse_range(&ld, &p, fd, path, hdr, split, block, size) == 0 &&
         !ld.failed && p.pstate == ROW_NOT_BEGUN;
    thrd_join(thr, NULL);
    ok = ok && h.rc == 0 && append_half(t, &h.t);
    csv_free(&h.p);
    free(h.block);
    release_half(&h.t);
    /* no rows at all: let the sequential parse say so */
    if (ok && (t->nrows > 0 || (opts && opts->allow_no_rows))) {
        t->threads = 2;
        rc = 0;
    }
out:
    csv_free(&p);
    free(block);
    loader_release(&ld);
    if (rc != 0) {
        lb_table_release(t);
        lb_error_init(err); /* the sequential parse says what is wrong */
        rc = 1;
    }
    return rc;
}

/* }====================================================================== */

static int load_file(struct lb_table *t, const char *path,
                     const struct lb_load_opts *opts,
                     const struct lb_schema *schema, struct lb_error *err)
{
    struct loader ld;
    struct csv_parser p;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    struct lb_quoted q;
    struct stat st;
    char *block = NULL;
    bool first = true, parser = false;
    size_t done = 0;
    int fd, rc = -1;

    loader_init(&ld, t, name, opts, err);
    ld.schema = schema;
    memset(&st, 0, sizeof st); /* a failed fstat: not a regular file */
    fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;

        (void)lb_error_set(err, "cannot open %s: %s", lb_quotes(&q, path),
                           strerror(e));
        goto out;
    }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        (void)lb_error_set(err, "cannot read %s: it is a directory",
                           lb_quotes(&q, path));
        goto out;
    }
    if (S_ISREG(st.st_mode) && !(opts && opts->filter) &&
        (size_t)st.st_size >= (opts && opts->parallel_min ? opts->parallel_min
                                                           : PARALLEL_MIN) &&
        fd != STDIN_FILENO) {
        loader_release(&ld);
        lb_table_release(t);
        if (load_parallel(t, fd, path, name, (size_t)st.st_size, opts, schema,
                          err) == 0) {
            close(fd);
            return 0;
        }
        loader_init(&ld, t, name, opts, err);
    }
    ld.schema = schema;
    if (!parser_init(&p)) {
        (void)lb_error_set(err, "%s: cannot start the CSV parser", name);
        goto out;
    }
    parser = true;
    block = xmalloc(READ_BLOCK);
    for (;;) {
        ssize_t n = read_full(fd, block, READ_BLOCK, -1);
        size_t skip = 0;

        if (n < 0) {
            int e = errno;

            (void)lb_error_set(err, "cannot read %s: %s", lb_quotes(&q, path),
                               strerror(e));
            goto out;
        }
        if (n == 0)
            break;
        if (first)
            skip = skip_bom(block, (size_t)n);
        first = false;
        if (parse_block(&ld, &p, block + skip, (size_t)n - skip) != 0)
            goto out;
        done += (size_t)n;
        if (opts && opts->progress)
            opts->progress(done, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0,
                           opts->progress_ctx);
    }
    rc = finish(&ld, &p);
    t->threads = 1;
out:
    free(block);
    if (parser)
        csv_free(&p);
    if (fd > STDIN_FILENO)
        close(fd);
    loader_release(&ld);
    if (rc != 0)
        lb_table_release(t);
    return rc;
}

/* {======================================================================
 * The schema
 * ======================================================================= */

/* The schema to read for 'path' (NULL: "<stdin>" or a buffer): the one
 * given, else --schema's file, else NAME.schema.json beside the file, read
 * into *own; *out is NULL when there is none. */
static int find_schema(const char *path, const struct lb_load_opts *opts,
                       struct lb_schema *own, const struct lb_schema **out,
                       struct lb_error *err)
{
    char *beside = NULL;
    int rc = 0;

    *out = NULL;
    if (opts != NULL && opts->schema != NULL) {
        *out = opts->schema;
        return 0;
    }
    if (opts != NULL && opts->schema_path != NULL)
        rc = lb_schema_read_file(own, opts->schema_path, err);
    else if (path != NULL && (beside = lb_schema_beside(path)) != NULL)
        rc = lb_schema_read_file(own, beside, err);
    else
        return 0;
    free(beside);
    if (rc == 0)
        *out = own;
    return rc;
}

/* Binds the schema to a table just loaded (or releases it on failure). */
static int bind(struct lb_table *t, int rc, const struct lb_schema *schema,
                struct lb_error *err)
{
    if (rc == 0 && lb_schema_bind(t, schema, err) != 0) {
        lb_table_release(t);
        rc = -1;
    }
    return rc;
}

int lb_table_load(struct lb_table *t, const char *path,
                  const struct lb_load_opts *opts, struct lb_error *err)
{
    struct lb_schema own;
    const struct lb_schema *schema;
    int rc;

    lb_schema_init(&own);
    memset(t, 0, sizeof *t);
    if (find_schema(path, opts, &own, &schema, err) != 0)
        return -1;
    rc = bind(t, load_file(t, path, opts, schema, err), schema, err);
    lb_schema_release(&own);
    return rc;
}

int lb_table_load_mem(struct lb_table *t, const char *name, const char *data,
                      size_t len, const struct lb_load_opts *opts,
                      struct lb_error *err)
{
    struct lb_schema own;
    const struct lb_schema *schema;
    int rc;

    lb_schema_init(&own);
    memset(t, 0, sizeof *t);
    if (find_schema(NULL, opts, &own, &schema, err) != 0)
        return -1;
    rc = bind(t, load_mem(t, name, data, len, opts, schema, err), schema, err);
    lb_schema_release(&own);
    return rc;
}

/* }====================================================================== */
