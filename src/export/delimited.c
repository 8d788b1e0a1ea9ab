/* delimited.c: CSV (RFC 4180) and TSV, for programs and spreadsheets.
 *
 * The header holds the columns' keys; a missing value is an empty field.
 * The two formats differ only in their separator and their escaping
 * function. Text that a spreadsheet would run as a formula gets a leading
 * "'". */
#include <stdlib.h>
#include <string.h>

#include "core/csv_write.h"
#include "export/format.h"
#include "export/writer.h"

typedef void (*escape_fn)(struct lb_buf *out, const char *s, size_t len);

struct dialect {
    char sep;
    escape_fn escape;
};

void lb_escape_csv(struct lb_buf *out, const char *s, size_t len)
{
    if (lb_formula_like(s, len)) {
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

    if (lb_formula_like(s, len))
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

static int put_row(const struct lb_view *v, size_t i,
                   const struct lb_cell *cells, struct lb_buf *out,
                   const void *ctx, struct lb_error *err)
{
    const struct dialect *d = ctx;
    size_t j;

    (void)i;
    (void)err;
    for (j = 0; j < v->ncols; j++) {
        const struct lb_cell *c = &cells[j];

        if (j > 0)
            lb_buf_addc(out, d->sep);
        if (c->kind == LB_CELL_NUMBER)
            lb_buf_add(out, c->s, c->len);
        else if (c->kind == LB_CELL_TEXT)
            d->escape(out, c->s, c->len);
    }
    lb_buf_addc(out, '\n');
    return 0;
}

static int write_delimited(FILE *out, const struct lb_view *v,
                           const struct dialect *d, struct lb_error *err)
{
    struct lb_buf head = LB_BUF_INIT;
    size_t j;
    int rc;

    for (j = 0; j < v->ncols; j++) {
        if (j > 0)
            lb_buf_addc(&head, d->sep);
        d->escape(&head, v->cols[j].key, strlen(v->cols[j].key));
    }
    lb_buf_addc(&head, '\n');
    fwrite(head.data, 1, head.len, out);
    lb_buf_release(&head);
    rc = lb_write_rows(out, v, put_row, d, err);
    return rc;
}

static int write_csv(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    static const struct dialect csv = {',', lb_escape_csv};

    return write_delimited(out, v, &csv, err);
}

static int write_tsv(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    static const struct dialect tsv = {'\t', lb_escape_tsv};

    return write_delimited(out, v, &tsv, err);
}

const struct lb_format lb_format_csv = {
    "csv", "", "csv", "comma-separated values (RFC 4180)", LB_FOR_TABLES,
    write_csv};

const struct lb_format lb_format_tsv = {
    "tsv", "", "tsv", "tab-separated values", LB_FOR_TABLES, write_tsv};
