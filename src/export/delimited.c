/* delimited.c: CSV (RFC 4180) and TSV, for programs and spreadsheets.
 *
 * Header: rank, model, average, the extra columns, the benchmarks. A missing
 * value is an empty cell; unranked rows have an empty rank and come last.
 * Text cells that a spreadsheet would run as a formula get a leading "'". */
#include <stdlib.h>
#include <string.h>

#include "core/csv_write.h"
#include "export/cells.h"
#include "export/writers.h"

void lb_escape_csv(struct lb_buf *out, const char *s, size_t len)
{
    if (cells_formula_like(s, len)) {
        struct lb_buf guarded = LB_BUF_INIT;

        lb_buf_addc(&guarded, '\'');
        lb_buf_add(&guarded, s, len);
        lb_csv_add_field(out, guarded.data, guarded.len);
        lb_buf_release(&guarded);
        return;
    }
    lb_csv_add_field(out, s, len);
}

void lb_escape_tsv(struct lb_buf *out, const char *s, size_t len)
{
    size_t i;

    if (cells_formula_like(s, len))
        lb_buf_addc(out, '\'');
    for (i = 0; i < len; i++) {
        switch (s[i]) {
        case '\\':
            lb_buf_adds(out, "\\\\");
            break;
        case '\t':
            lb_buf_adds(out, "\\t");
            break;
        case '\n':
            lb_buf_adds(out, "\\n");
            break;
        case '\r':
            lb_buf_adds(out, "\\r");
            break;
        default:
            lb_buf_addc(out, s[i]);
        }
    }
}

static int put_row(const struct lb_board *r, const struct cell_col *cols,
                   size_t ncols, size_t i, struct lb_buf *buf, char sep,
                   cells_escape_fn escape, struct lb_error *err)
{
    size_t row = r->ranking.order[i], j;

    for (j = 0; j < ncols; j++) {
        if (j > 0)
            lb_buf_addc(buf, sep);
        if (cells_put(r, &cols[j], row, buf, escape, err) != 0)
            return -1;
    }
    lb_buf_addc(buf, '\n');
    return 0;
}

static int csv_row(const struct lb_board *r, const struct cell_col *cols,
                   size_t ncols, size_t i, struct lb_buf *buf, const void *ctx,
                   struct lb_error *err)
{
    (void)ctx;
    return put_row(r, cols, ncols, i, buf, ',', lb_escape_csv, err);
}

static int tsv_row(const struct lb_board *r, const struct cell_col *cols,
                   size_t ncols, size_t i, struct lb_buf *buf, const void *ctx,
                   struct lb_error *err)
{
    (void)ctx;
    return put_row(r, cols, ncols, i, buf, '\t', lb_escape_tsv, err);
}

int lb_write_delimited(FILE *out, const struct lb_board *r, char sep,
                       struct lb_error *err)
{
    cells_escape_fn escape = sep == ',' ? lb_escape_csv : lb_escape_tsv;
    struct lb_buf buf = LB_BUF_INIT;
    size_t ncols, j;
    struct cell_col *cols = cells_columns(r, &ncols);
    int rc;

    for (j = 0; j < ncols; j++) {
        const char *name = cells_key(r, &cols[j]);

        if (j > 0)
            lb_buf_addc(&buf, sep);
        escape(&buf, name, strlen(name));
    }
    lb_buf_addc(&buf, '\n');
    fwrite(buf.data, 1, buf.len, out);
    lb_buf_release(&buf);
    rc = cells_write_rows(out, r, cols, ncols, sep == ',' ? csv_row : tsv_row,
                          NULL, err);
    free(cols);
    return rc;
}
