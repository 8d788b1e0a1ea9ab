/* fuzz_add.c: lb_add_apply on any file content and any new rows.
 *
 * Input: one byte of flags (1 --replace, 2 --new-column, 4 lb_add_create
 * instead, 8 --allow-formulas), then the file's bytes, then optionally "\n==\n" and the new rows
 * up to the first NUL byte (argv and a loaded CSV never hold one): a row per
 * line, fields separated by TAB: the model, then COLUMN=VALUE cells; a
 * leading '!' marks a cell given as BENCH=VALUE. Without rows, one row
 * "fuzz/new" with ARC=50.
 *
 * On success the new content must load again, hold every row it had plus
 * the added ones, each new row's model where row_index says with the
 * values given; without --replace and --new-column it must start with the
 * old content byte for byte; without --allow-formulas, no model name or
 * value given starts as a spreadsheet formula does (=, +, -, @, TAB, CR)
 * unless it is a number or a missing mark. On failure the message must be
 * safe. */
#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "base/utf8.h"
#include "core/add.h"
#include "core/table.h"
#include "fuzz.h"
#include "outcheck.h"

#define FUZZ_MAX_INPUT (1u << 18)
#define MAX_ROWS 16
#define MAX_CELLS 16
#define NAME "fuzz.csv"

struct rows {
    struct lb_new_row row[MAX_ROWS];
    struct lb_assign cell[MAX_ROWS][MAX_CELLS];
    size_t n;
    char *text; /* the rows' text, cut into NUL-terminated pieces */
};

static void parse_rows(struct rows *rs, const char *s, size_t len)
{
    char *p, *line;

    rs->n = 0;
    rs->text = malloc(len + 1);
    FUZZ_CHECK(rs->text != NULL, "out of memory");
    memcpy(rs->text, s, len);
    rs->text[len] = '\0';
    for (line = rs->text; line != NULL && rs->n < MAX_ROWS; line = p) {
        struct lb_new_row *r = &rs->row[rs->n];
        char *f, *tab;

        p = strchr(line, '\n');
        if (p != NULL)
            *p++ = '\0';
        tab = strchr(line, '\t');
        if (tab != NULL)
            *tab++ = '\0';
        r->model = line;
        r->model_len = strlen(line);
        r->origin = "argument '--model'";
        r->cells = rs->cell[rs->n];
        r->ncells = 0;
        for (f = tab; f != NULL && r->ncells < MAX_CELLS; f = tab) {
            struct lb_assign *a = &rs->cell[rs->n][r->ncells++];
            char *eq;

            tab = strchr(f, '\t');
            if (tab != NULL)
                *tab++ = '\0';
            a->benchmark = f[0] == '!';
            f += a->benchmark;
            eq = strchr(f, '=');
            if (eq != NULL)
                *eq++ = '\0';
            a->column = f;
            a->value = eq != NULL ? eq : "";
            a->value_len = strlen(a->value);
            a->origin = a->benchmark ? "argument 'BENCH=VALUE'"
                                     : "argument '--set'";
            a->keep_before = NULL;
        }
        rs->n++;
    }
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The value as given, or without the spaces around it (a benchmark's). */
static bool same_value(const char *got, size_t got_len,
                       const struct lb_assign *a)
{
    const char *v = a->value;
    size_t n = a->value_len;

    if (got_len == n && memcmp(got, v, n) == 0)
        return true;
    while (n > 0 && blank(v[n - 1]))
        n--;
    while (n > 0 && blank(*v)) {
        v++;
        n--;
    }
    return got_len == n && memcmp(got, v, n) == 0;
}

static void check_result(const char *old, size_t old_len, bool had_file,
                         const struct lb_add_opts *opts, const struct rows *rs,
                         const struct lb_buf *out, const size_t *row_index,
                         const bool *replaced)
{
    struct lb_load_opts lo = {.keep_text = true, .allow_no_rows = true};
    struct lb_table before, after;
    struct lb_error err;
    size_t i, k, added = 0, old_rows = 0;

    lb_error_init(&err);
    if (had_file) {
        FUZZ_CHECK(lb_table_load_mem(&before, NAME, old, old_len, &lo, &err) == 0,
                   "the old file loaded for add, not now: %s", err.msg);
        old_rows = before.nrows;
        lb_table_release(&before);
    }
    FUZZ_CHECK(lb_table_load_mem(&after, NAME, lb_buf_str(out), out->len, &lo,
                                 &err) == 0,
               "the new content does not load: %s", err.msg);
    for (i = 0; i < rs->n; i++)
        added += !replaced[i];
    FUZZ_CHECK(after.nrows == old_rows + added, "%zu rows, expected %zu + %zu",
               after.nrows, old_rows, added);
    if (had_file && !opts->replace && !opts->new_column)
        FUZZ_CHECK(out->len >= old_len && memcmp(out->data, old, old_len) == 0,
                   "the old content is not kept byte for byte");
    for (i = 0; i < rs->n; i++) {
        const struct lb_new_row *r = &rs->row[i];
        size_t len;
        const char *m;

        FUZZ_CHECK(row_index[i] < after.nrows, "row_index %zu", row_index[i]);
        m = lb_table_model(&after, row_index[i], &len);
        FUZZ_CHECK(len == r->model_len && memcmp(m, r->model, len) == 0,
                   "new row %zu is not at %zu", i, row_index[i]);
        for (k = 0; k < r->ncells; k++) {
            size_t col = lb_table_find(&after, r->cells[k].column);
            const char *v;

            FUZZ_CHECK(col != LB_NPOS, "column '%s' not found",
                       r->cells[k].column);
            if (!after.cols[col].has_text)
                continue;
            v = lb_table_text(&after, col, row_index[i], &len);
            FUZZ_CHECK(same_value(v, len, &r->cells[k]),
                       "row %zu, column '%s': '%s' for '%s'", i,
                       r->cells[k].column, v, r->cells[k].value);
        }
    }
    lb_table_release(&after);
}

/* Text a spreadsheet would run, as add refuses it. */
static bool runs(const char *s, size_t len)
{
    struct lb_dec d;
    enum lb_num_status st;

    if (!lb_text_formula_like(s, len))
        return false;
    st = lb_dec_parse(s, len, &d);
    return st != LB_NUM_OK && st != LB_NUM_MISSING;
}

static void check_no_formula(const struct rows *rs)
{
    size_t r, k;

    for (r = 0; r < rs->n; r++) {
        const struct lb_new_row *row = &rs->row[r];

        FUZZ_CHECK(!runs(row->model, row->model_len), "row %zu: a formula "
                   "model name was stored", r);
        for (k = 0; k < row->ncells; k++) {
            const struct lb_assign *a = &row->cells[k];

            FUZZ_CHECK(!runs(a->value, a->value_len), "row %zu: a formula "
                       "value was stored", r);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sep[] = "\n==\n";
    struct rows rs;
    struct lb_add_opts opts;
    struct lb_buf out = LB_BUF_INIT;
    struct lb_error err;
    size_t row_index[MAX_ROWS], file_len, i;
    bool replaced[MAX_ROWS], create;
    const char *file, *rows;
    int rc;

    if (size == 0 || size > FUZZ_MAX_INPUT)
        return 0;
    memset(&opts, 0, sizeof opts);
    opts.replace = data[0] & 1;
    opts.force = (data[0] & 16) != 0;
    opts.new_column = (data[0] & 2) != 0;
    opts.allow_formulas = (data[0] & 8) != 0;
    create = (data[0] & 4) != 0;
    file = (const char *)data + 1;
    file_len = size - 1;
    rows = NULL;
    for (i = 0; i + sizeof sep - 1 <= file_len; i++) {
        if (memcmp(file + i, sep, sizeof sep - 1) == 0) {
            rows = file + i + sizeof sep - 1;
            break;
        }
    }
    if (rows != NULL) {
        size_t n = file_len - (size_t)(rows - file);
        const char *nul = memchr(rows, '\0', n);

        file_len = i + 1; /* the file keeps its last line end */
        parse_rows(&rs, rows, nul != NULL ? (size_t)(nul - rows) : n);
    } else {
        parse_rows(&rs, "fuzz/new\tARC=50", 15);
    }

    lb_error_init(&err);
    memset(row_index, 0, sizeof row_index);
    memset(replaced, 0, sizeof replaced);
    if (create)
        rc = lb_add_create(NAME, rs.row, rs.n, &opts, &out, &err);
    else
        rc = lb_add_apply(NAME, file, file_len, rs.row, rs.n, &opts, &out,
                          row_index, replaced, &err);
    if (rc == 0 && !opts.allow_formulas)
        check_no_formula(&rs);
    if (rc == 0 && !create)
        check_result(file, file_len, true, &opts, &rs, &out, row_index,
                     replaced);
    else if (rc == 0) {
        for (i = 0; i < rs.n; i++)
            row_index[i] = i;
        opts.replace = false;
        opts.new_column = true;
        check_result(NULL, 0, false, &opts, &rs, &out, row_index, replaced);
    } else {
        fuzz_check_message(err.msg);
    }
    lb_buf_release(&out);
    free(rs.text);
    return 0;
}
