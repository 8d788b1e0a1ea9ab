#include "export/export.h"

#include <errno.h>
#include <string.h>

#include "base/quote.h"
#include "export/writers.h"

struct format_name {
    const char *name;
    enum lb_format fmt;
};

static const struct format_name formats[] = {
    {"text", LB_FORMAT_TEXT}, {"markdown", LB_FORMAT_MARKDOWN},
    {"md", LB_FORMAT_MARKDOWN}, {"csv", LB_FORMAT_CSV},
    {"tsv", LB_FORMAT_TSV},   {"json", LB_FORMAT_JSON},
    {"html", LB_FORMAT_HTML}, {"htm", LB_FORMAT_HTML},
    {"latex", LB_FORMAT_LATEX}, {"tex", LB_FORMAT_LATEX},
};

bool lb_format_parse(const char *s, enum lb_format *out)
{
    size_t i;

    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(s, formats[i].name) == 0) {
            *out = formats[i].fmt;
            return true;
        }
    }
    return false;
}

bool lb_format_from_path(const char *path, enum lb_format *out)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');

    if (dot == NULL || (slash != NULL && dot < slash))
        return false;
    if (strcmp(dot, ".txt") == 0) {
        *out = LB_FORMAT_TEXT;
        return true;
    }
    return lb_format_parse(dot + 1, out);
}

/* Checks before writing anything that every number can be rounded at the
 * precision, so that a failure never leaves half an output. */
static int check_rounding(const struct lb_board *r, struct lb_error *err)
{
    const struct lb_table *t = r->table;
    lb_i128 q, big = 0;
    size_t i, k, row = 0;

    big = r->mean.max_abs; /* found when the means were prepared */
    row = r->mean.max_row;
    if (big > 0 && !lb_dec_round(big, 1, r->mean.scale, r->opts.rank.precision, &q))
        return lb_error_set(err, "%s:%zu: the average is too large to round "
                                 "at %u decimals",
                            t->path, lb_table_line(t, row), r->opts.rank.precision);
    for (k = 0; k < r->sel.nbench + r->sel.nextra; k++) {
        size_t col = k < r->sel.nbench ? r->sel.bench[k]
                                        : r->sel.extra[k - r->sel.nbench];
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
        if (big > 0 && !lb_dec_round(big, 1, c->scale, r->opts.rank.precision, &q)) {
            struct lb_quoted qc;

            return lb_error_set(err, "%s:%zu: a value of %s is too large to "
                                     "round at %u decimals",
                                t->path, lb_table_line(t, row),
                                lb_quotes(&qc, c->name), r->opts.rank.precision);
        }
    }
    return 0;
}

int lb_export(FILE *out, enum lb_format fmt, const struct lb_board *r,
              struct lb_error *err)
{
    int rc;

    if (check_rounding(r, err) != 0)
        return -1;
    switch (fmt) {
    case LB_FORMAT_MARKDOWN:
        rc = lb_write_markdown(out, r, err);
        break;
    case LB_FORMAT_CSV:
        rc = lb_write_delimited(out, r, ',', err);
        break;
    case LB_FORMAT_TSV:
        rc = lb_write_delimited(out, r, '\t', err);
        break;
    case LB_FORMAT_JSON:
        rc = lb_write_json(out, r, err);
        break;
    case LB_FORMAT_HTML:
        rc = lb_write_html(out, r, NULL, 0, NULL, err);
        break;
    case LB_FORMAT_LATEX:
        rc = lb_write_latex(out, r, err);
        break;
    case LB_FORMAT_TEXT:
    default:
        rc = lb_write_text(out, r, err);
        break;
    }
    if (rc == 0 && ferror(out)) {
        int e = errno;

        return lb_error_set(err, "write error: %s", strerror(e));
    }
    return rc;
}

int lb_export_html(FILE *out, const struct lb_board *r,
                   const struct lb_html_chart *charts, size_t ncharts,
                   const char *charts_note, struct lb_error *err)
{
    int rc;

    if (check_rounding(r, err) != 0)
        return -1;
    rc = lb_write_html(out, r, charts, ncharts, charts_note, err);
    if (rc == 0 && ferror(out)) {
        int e = errno;

        return lb_error_set(err, "write error: %s", strerror(e));
    }
    return rc;
}
