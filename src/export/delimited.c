/* delimited.c: CSV (RFC 4180) and TSV, for programs and spreadsheets.
 *
 * Grids (writer.h): the header holds the columns' keys; a missing value is
 * an empty field. The two formats differ only in their separator and their
 * escaping function. Text that a spreadsheet would run as a formula gets a
 * leading "'". */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "core/csv_write.h"
#include "export/format.h"
#include "export/writer.h"

void lb_escape_csv(struct lb_buf *out, const char *s, size_t len)
{
    if (lb_text_formula_like(s, len)) {
        struct lb_buf guarded = LB_BUF_INIT;

        lb_buf_addc(&guarded, '\'');
        lb_buf_add(&guarded, s, len);
        lb_csv_add_field(out, guarded.data, guarded.len);
        lb_buf_release(&guarded);
        return;
    }
    lb_csv_add_field(out, s, len);
}

/* Whether lb_escape_csv appends s as it is. */
static bool csv_plain(const char *s, size_t len)
{
    return !lb_text_formula_like(s, len) && !lb_csv_needs_quotes(s, len);
}

/* TSV has no quoting: the separator and line ends become backslash
 * escapes; every other byte stays as it is (data). */
static const struct lb_escapes tsv_escapes = {
    {['\\'] = "\\\\", ['\t'] = "\\t", ['\n'] = "\\n", ['\r'] = "\\r"},
    NULL, true, NULL, false};

void lb_escape_tsv(struct lb_buf *out, const char *s, size_t len)
{
    if (lb_text_formula_like(s, len))
        lb_buf_addc(out, '\'');
    lb_escape_with(out, s, len, &tsv_escapes);
}

/* Whether lb_escape_tsv appends s as it is: no byte it replaces (every
 * other byte, controls and bytes above 127 included, goes as it is). */
static bool tsv_plain(const char *s, size_t len)
{
    size_t i;

    if (lb_text_formula_like(s, len))
        return false;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] < 128 &&
            tsv_escapes.ascii[(unsigned char)s[i]] != NULL)
            return false;
    return true;
}

static int write_grid(FILE *out, const struct lb_view *v,
                      const struct lb_grid *g, struct lb_error *err)
{
    struct lb_buf head = LB_BUF_INIT;

    lb_grid_header(v, g, true, &head);
    fwrite(head.data, 1, head.len, out);
    lb_buf_release(&head);
    return lb_write_rows(out, v, lb_grid_row, g, err);
}

static int write_csv(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    static const struct lb_grid csv = {"", ",", "\n", "", "", lb_escape_csv,
                                       csv_plain};

    return write_grid(out, v, &csv, err);
}

static int write_tsv(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    static const struct lb_grid tsv = {"", "\t", "\n", "", "", lb_escape_tsv,
                                       tsv_plain};

    return write_grid(out, v, &tsv, err);
}

const struct lb_format lb_format_csv = {
    "csv", "", "csv", "comma-separated values (RFC 4180)", LB_FOR_TABLES,
    write_csv};

const struct lb_format lb_format_tsv = {
    "tsv", "", "tsv", "tab-separated values", LB_FOR_TABLES, write_tsv};
