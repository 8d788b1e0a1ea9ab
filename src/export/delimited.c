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

int lb_write_delimited(FILE *out, const struct lb_board *r, char sep,
                       struct lb_error *err)
{
    void (*escape)(struct lb_buf *, const char *, size_t) =
        sep == ',' ? lb_escape_csv : lb_escape_tsv;
    struct lb_buf line = LB_BUF_INIT, cell = LB_BUF_INIT;
    size_t ncols, i, j;
    struct cell_col *cols = cells_columns(r, &ncols);
    int rc = 0;

    for (j = 0; j < ncols; j++) {
        const char *name = cols[j].kind == CELL_RANK    ? "rank"
                           : cols[j].kind == CELL_MODEL ? "model"
                           : cols[j].kind == CELL_MEAN  ? "average"
                                                        : cols[j].name;
        if (j > 0)
            lb_buf_addc(&line, sep);
        escape(&line, name, strlen(name));
    }
    lb_buf_addc(&line, '\n');
    fwrite(line.data, 1, line.len, out);

    for (i = 0; i < r->ranking.n_listed && rc == 0; i++) {
        size_t row = r->ranking.order[i];

        lb_buf_reset(&line);
        for (j = 0; j < ncols; j++) {
            if (j > 0)
                lb_buf_addc(&line, sep);
            lb_buf_reset(&cell);
            rc = cells_value(r, &cols[j], row, &cell, err);
            if (rc < 0)
                break;
            if (rc > 0 && !cols[j].numeric)
                escape(&line, cell.data, cell.len);
            else
                lb_buf_add(&line, cell.data, cell.len);
            rc = 0;
        }
        lb_buf_addc(&line, '\n');
        fwrite(line.data, 1, line.len, out);
    }
    free(cols);
    lb_buf_release(&line);
    lb_buf_release(&cell);
    return rc;
}
