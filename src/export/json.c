/* json.c: one JSON object: what was computed, then one row per line.
 *
 *   {"benchmarks": [...], "suite": "openllm-v1", "ranked_by": "average",
 *    "missing": "exclude", "ties": "competition", "precision": 2,
 *    "models": 16, "ranked": 13,
 *    "rows": [
 *     {"rank": 1, "model": "...", "average": 69.42, "scores": {...}},
 *     {"rank": null, "model": "...", "average": null, ..., "reason": "..."}
 *    ]}
 *
 * Numbers are written at the precision; missing values are null. Strings are
 * valid UTF-8: control characters, U+2028, U+2029 and bidi controls are
 * escaped (\uXXXX), invalid bytes become U+FFFD. */
#include <stdlib.h>
#include <string.h>

#include "export/cells.h"
#include "export/writers.h"

void lb_escape_json(struct lb_buf *out, const char *s, size_t len)
{
    size_t i = 0;

    lb_buf_addc(out, '"');
    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80) {
            /* C1 controls, U+2028/9 (line ends to JavaScript), bidi
             * controls: escaped, as a reader's display may obey them */
            i += cells_put_nonascii(out, s + i, len - i, "\\uFFFD", true);
            continue;
        }
        i++;
        switch (c) {
        case '"':
            lb_buf_adds(out, "\\\"");
            break;
        case '\\':
            lb_buf_adds(out, "\\\\");
            break;
        case '\n':
            lb_buf_adds(out, "\\n");
            break;
        case '\r':
            lb_buf_adds(out, "\\r");
            break;
        case '\t':
            lb_buf_adds(out, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                lb_buf_addf(out, "\\u%04X", (unsigned)c);
            else
                lb_buf_addc(out, (char)c);
        }
    }
    lb_buf_addc(out, '"');
}

static void add_key(struct lb_buf *out, const char *key)
{
    lb_escape_json(out, key, strlen(key));
    lb_buf_adds(out, ": ");
}

/* Appends the value of a cell: a number, a string or null. */
static int add_value(const struct lb_board *r, const struct cell_col *c,
                     size_t row, struct lb_buf *line, struct lb_error *err)
{
    struct cell cell;

    if (cells_get(r, c, row, &cell, err) != 0)
        return -1;
    if (cell.kind == CELL_IS_MISSING)
        lb_buf_adds(line, "null");
    else if (cell.kind == CELL_IS_NUMBER)
        lb_buf_add(line, cell.s, cell.len);
    else
        lb_escape_json(line, cell.s, cell.len);
    return 0;
}

/* "method", and the weights, baselines and lower-is-better benchmarks
 * used, for the methods that have them. */
static void add_method(struct lb_buf *line, const struct lb_board *r)
{
    const struct lb_aggregate *a = &r->mean;
    const struct lb_table *t = r->table;
    char buf[LB_DEC_BUFSIZE];
    size_t k, n = 0;

    lb_buf_addf(line, ",\n  \"method\": \"%s\"", lb_method_name(a->method));
    if (a->method == LB_METHOD_WEIGHTED || a->method == LB_METHOD_NORMALIZED) {
        lb_buf_adds(line, a->method == LB_METHOD_WEIGHTED
                              ? ",\n  \"weights\": {"
                              : ",\n  \"baselines\": {");
        for (k = 0; k < a->nbench; k++) {
            const struct lb_term *tm = &a->terms[k];
            const char *name = t->cols[a->cols[k]].name;

            lb_buf_adds(line, k ? ", " : "");
            add_key(line, name);
            if (a->method == LB_METHOD_WEIGHTED) {
                lb_dec_format(buf, tm->weight.units, tm->weight.scale);
                lb_buf_adds(line, buf);
            } else if (tm->as_published) {
                lb_buf_adds(line, "\"published normalized\"");
            } else {
                lb_dec_format(buf, tm->baseline.units, tm->baseline.scale);
                lb_buf_adds(line, buf);
            }
        }
        lb_buf_adds(line, "}");
    }
    for (k = 0; a->terms != NULL && k < a->nbench; k++) {
        const char *name = t->cols[a->cols[k]].name;

        if (!a->terms[k].lower)
            continue;
        lb_buf_adds(line, n++ ? ", " : ",\n  \"lower_is_better\": [");
        lb_escape_json(line, name, strlen(name));
    }
    if (n > 0)
        lb_buf_adds(line, "]");
}

static int write_row(const struct lb_board *r, const struct cell_col *cols,
                     size_t ncols, size_t row, struct lb_buf *line,
                     struct lb_error *err)
{
    size_t j;
    bool scores = false, extra = false;

    lb_buf_adds(line, "{");
    for (j = 0; j < ncols; j++) {
        const struct cell_col *c = &cols[j];

        switch (c->kind) {
        case CELL_RANK:
            add_key(line, "rank");
            break;
        case CELL_MODEL:
            lb_buf_adds(line, ", ");
            add_key(line, "model");
            break;
        case CELL_MEAN:
            lb_buf_adds(line, ", ");
            add_key(line, lb_method_key(r->mean.method));
            break;
        case CELL_EXTRA:
            lb_buf_adds(line, extra ? ", " : ", \"columns\": {");
            extra = true;
            add_key(line, c->name);
            break;
        case CELL_BENCH:
            if (extra && !scores)
                lb_buf_adds(line, "}");
            lb_buf_adds(line, scores ? ", " : ", \"scores\": {");
            scores = true;
            add_key(line, c->name);
            break;
        default: /* intervals, after the value */
            lb_buf_adds(line, ", ");
            add_key(line, cells_key(r, c));
            break;
        }
        if (add_value(r, c, row, line, err) != 0)
            return -1;
    }
    lb_buf_adds(line, scores || extra ? "}" : "");
    if (r->ranking.rank2[row] == 0) {
        struct lb_buf why = LB_BUF_INIT;

        lb_board_reason(r, row, &why);
        lb_buf_adds(line, ", ");
        add_key(line, "reason");
        lb_escape_json(line, why.data, why.len);
        lb_buf_release(&why);
    } else if (cells_mean_is_marked(r, row)) {
        uint32_t present;

        (void)lb_aggregate_sum(&r->mean, row, &present);
        lb_buf_addf(line, ", \"missing_scores\": %zu",
                    r->sel.nbench - present);
    }
    lb_buf_adds(line, "}");
    return 0;
}

static int json_row(const struct lb_board *r, const struct cell_col *cols,
                    size_t ncols, size_t i, struct lb_buf *out, const void *ctx,
                    struct lb_error *err)
{
    (void)ctx;
    lb_buf_adds(out, i == 0 ? "\n    " : ",\n    ");
    return write_row(r, cols, ncols, r->ranking.order[i], out, err);
}

int lb_write_json(FILE *out, const struct lb_board *r, struct lb_error *err)
{
    const struct lb_table *t = r->table;
    const struct lb_selection *sel = &r->sel;
    struct lb_buf line = LB_BUF_INIT;
    size_t ncols, i;
    struct cell_col *cols = cells_columns(r, &ncols);
    int rc;

    lb_buf_adds(&line, "{\n  \"benchmarks\": [");
    for (i = 0; i < sel->nbench; i++) {
        const char *name = t->cols[sel->bench[i]].name;

        if (i > 0)
            lb_buf_adds(&line, ", ");
        lb_escape_json(&line, name, strlen(name));
    }
    lb_buf_adds(&line, "],\n  \"suite\": ");
    if (sel->suite != NULL)
        lb_escape_json(&line, sel->suite->id, strlen(sel->suite->id));
    else
        lb_buf_adds(&line, "null");
    if (r->mean.method != LB_METHOD_MEAN || r->mean.terms != NULL)
        add_method(&line, r);
    if (r->opts.ci.enabled) {
        lb_buf_adds(&line, ",\n  \"intervals\": ");
        if (cells_has_ci(r))
            lb_buf_addf(&line,
                        "{\"level\": 0.95, \"aggregate\": \"%s\", "
                        "\"draws\": %zu, \"seed\": %llu}",
                        r->ci.analytic ? "1.96 standard errors"
                                       : "bootstrap percentiles",
                        r->ci.draws, (unsigned long long)r->ci.seed);
        else
            lb_buf_adds(&line, "null");
    }
    lb_buf_adds(&line, ",\n  \"ranked_by\": ");
    if (sel->sort_col != LB_NPOS)
        lb_escape_json(&line, t->cols[sel->sort_col].name,
                       strlen(t->cols[sel->sort_col].name));
    else
        lb_buf_addf(&line, "\"%s\"", lb_method_key(r->mean.method));
    if (r->opts.where != NULL) {
        lb_buf_adds(&line, ",\n  \"where\": ");
        lb_escape_json(&line, r->opts.where, strlen(r->opts.where));
        lb_buf_addf(&line, ",\n  \"filtered_out\": %zu", r->n_filtered);
    }
    if (r->opts.dedup != LB_DEDUP_NONE) {
        lb_buf_addf(&line, ",\n  \"dedup\": \"%s\"",
                    lb_dedup_name(r->opts.dedup));
        if (r->date_col != LB_NPOS) {
            const char *dc = r->table->cols[r->date_col].name;

            lb_buf_adds(&line, ",\n  \"dedup_date\": ");
            lb_escape_json(&line, dc, strlen(dc));
        }
        lb_buf_addf(&line, ",\n  \"duplicates\": %zu", r->n_duplicates);
    }
    lb_buf_addf(&line,
                ",\n  \"order\": \"%s\",\n  \"missing\": \"%s\",\n"
                "  \"ties\": \"%s\",\n  \"precision\": %u,\n"
                "  \"models\": %zu,\n  \"ranked\": %zu,\n  \"rows\": [",
                r->opts.rank.ascending ? "ascending" : "descending",
                lb_missing_name(r->opts.missing), lb_ties_name(r->opts.rank.ties),
                r->opts.rank.precision, r->ranking.nrows, r->ranking.n_ranked);
    fwrite(line.data, 1, line.len, out);
    rc = cells_write_rows(out, r, cols, ncols, json_row, NULL, err);
    fputs(r->ranking.n_listed > 0 ? "\n  ]\n}\n" : "]\n}\n", out);
    free(cols);
    lb_buf_release(&line);
    return rc;
}
