/* compare.c: rank --compare-methods as a text table, Markdown, CSV, TSV or
 * JSON: a row per listed model, a column per order (core/compare.h), and
 * Kendall's tau-b of each order against the board's (text, Markdown,
 * JSON). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "export/cells.h"
#include "export/export.h"
#include "export/writers.h"

#define TAU_LABEL "Kendall's tau-b"

/* A rank as text, or "" when not ranked. */
static size_t rank_text(char *buf, uint32_t rank2)
{
    if (rank2 == 0) {
        buf[0] = '\0';
        return 0;
    }
    return lb_format_rank_to(buf, rank2);
}

static size_t tau_text(char *buf, size_t size, double tau)
{
    int n;

    if (isnan(tau)) {
        buf[0] = '\0';
        return 0;
    }
    n = snprintf(buf, size, "%.3f", tau);
    if (strcmp(buf, "-0.000") == 0)
        n = snprintf(buf, size, "0.000");
    return n > 0 ? (size_t)n : 0;
}

/* The title and the footer sentences. */
static void title(const struct lb_board *b, const struct lb_compare *c,
                  struct lb_buf *out)
{
    size_t i, methods = 0;

    for (i = 0; i < c->n; i++)
        methods += !c->orders[i].leave_out;
    lb_buf_addf(out, "Ranks under %zu method%s", methods,
                methods == 1 ? "" : "s");
    if (c->n > methods)
        lb_buf_adds(out, " and with each benchmark left out (w/o NAME)");
    lb_buf_adds(out, ". The board: ");
    cells_title(b, out);
}

static void footer(const struct lb_board *b, const struct lb_compare *c,
                   struct lb_buf *out)
{
    lb_buf_addf(out, "%s: agreement of each order with the %s order (1: the "
                     "same, -1: reversed), over the models ranked by both.\n",
                TAU_LABEL, c->orders[0].name);
    if (c->skipped.len > 0)
        lb_buf_addf(out, "Not compared: %s.\n", lb_buf_str(&c->skipped));
    if (b->opts.rank.ties == LB_TIES_EXACT || b->opts.rank.ties == LB_TIES_ORDINAL)
        lb_buf_addf(out, "Ranks: --ties %s.\n", lb_ties_name(b->opts.rank.ties));
    else
        lb_buf_addf(out, "Scores equal at %u decimal%s share a rank (%s).\n",
                    b->opts.rank.precision,
                    b->opts.rank.precision == 1 ? "" : "s",
                    lb_ties_name(b->opts.rank.ties));
}

/* {======================================================================
 * Text and Markdown
 * ======================================================================= */

static void pad(struct lb_buf *out, size_t n)
{
    lb_buf_addpad(out, ' ', n);
}

static int write_text(FILE *fp, const struct lb_board *b,
                      const struct lb_compare *c, bool markdown)
{
    const struct lb_table *t = b->table;
    const struct lb_ranking *k = &b->ranking;
    size_t *width = xcalloc(c->n + 2, sizeof *width);
    struct lb_buf out = LB_BUF_INIT, raw = LB_BUF_INIT;
    char buf[64];
    size_t i, j, row, len;
    const char *m;

    /* widths: the model column, then each order */
    width[0] = strlen(TAU_LABEL);
    for (i = 0; i < k->n_listed; i++) {
        m = lb_table_model(t, k->order[i], &len);
        if (lb_utf8_width(m, len) > width[0])
            width[0] = lb_utf8_width(m, len);
    }
    for (j = 0; j < c->n; j++) {
        width[j + 1] = lb_utf8_width(c->orders[j].name,
                                     strlen(c->orders[j].name));
        len = tau_text(buf, sizeof buf, c->orders[j].tau);
        if (len > width[j + 1])
            width[j + 1] = len;
        for (i = 0; i < k->n_listed; i++) {
            len = rank_text(buf, c->orders[j].rank2[k->order[i]]);
            if (len > width[j + 1])
                width[j + 1] = len;
        }
    }

    title(b, c, &raw);
    if (markdown) {
        lb_escape_markdown(&out, raw.data, raw.len);
        lb_buf_adds(&out, "\n\n| Model |");
        for (j = 0; j < c->n; j++) {
            lb_buf_addc(&out, ' ');
            lb_escape_markdown(&out, c->orders[j].name,
                               strlen(c->orders[j].name));
            lb_buf_adds(&out, " |");
        }
        lb_buf_adds(&out, "\n|:---|");
        for (j = 0; j < c->n; j++)
            lb_buf_adds(&out, "---:|");
        lb_buf_addc(&out, '\n');
    } else {
        (void)lb_utf8_render(&out, raw.data, raw.len, 0);
        lb_buf_adds(&out, "\n\nModel");
        pad(&out, width[0] - 5);
        for (j = 0; j < c->n; j++) {
            size_t w = lb_utf8_width(c->orders[j].name,
                                     strlen(c->orders[j].name));

            lb_buf_adds(&out, "  ");
            pad(&out, width[j + 1] - w);
            (void)lb_utf8_render(&out, c->orders[j].name,
                                 strlen(c->orders[j].name), 0);
        }
        lb_buf_addc(&out, '\n');
    }
    /* a row per listed model, then the tau row */
    for (i = 0; i <= k->n_listed; i++) {
        size_t start = out.len;

        if (i < k->n_listed) {
            row = k->order[i];
            m = lb_table_model(t, row, &len);
        } else {
            row = LB_NPOS;
            m = TAU_LABEL;
            len = strlen(m);
            if (!markdown)
                lb_buf_addc(&out, '\n');
        }
        if (markdown) {
            lb_buf_adds(&out, "| ");
            lb_escape_markdown(&out, m, len);
            lb_buf_adds(&out, " |");
        } else {
            (void)lb_utf8_render(&out, m, len, 0);
            pad(&out, width[0] - lb_utf8_width(m, len));
        }
        for (j = 0; j < c->n; j++) {
            size_t n = row == LB_NPOS
                           ? tau_text(buf, sizeof buf, c->orders[j].tau)
                           : rank_text(buf, c->orders[j].rank2[row]);

            if (n == 0) {
                buf[0] = '-';
                n = 1;
            }
            if (markdown) {
                lb_buf_addc(&out, ' ');
                lb_buf_add(&out, buf, n);
                lb_buf_adds(&out, " |");
            } else {
                lb_buf_adds(&out, "  ");
                pad(&out, width[j + 1] - n);
                lb_buf_add(&out, buf, n);
            }
        }
        while (out.len > start && out.data[out.len - 1] == ' ')
            out.len--;
        lb_buf_addc(&out, '\n');
    }
    lb_buf_reset(&raw);
    footer(b, c, &raw);
    {
        const char *s = lb_buf_str(&raw), *end = s + raw.len;

        while (s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

            lb_buf_addc(&out, '\n');
            if (markdown)
                lb_escape_markdown(&out, s, n);
            else
                (void)lb_utf8_render(&out, s, n, 0);
            if (markdown)
                lb_buf_addc(&out, '\n');
            s += n + 1;
        }
        if (!markdown)
            lb_buf_addc(&out, '\n');
    }
    fwrite(out.data, 1, out.len, fp);
    lb_buf_release(&out);
    lb_buf_release(&raw);
    free(width);
    return 0;
}

/* }====================================================================== */

/* {======================================================================
 * CSV, TSV, JSON
 * ======================================================================= */

static int write_delimited(FILE *fp, const struct lb_board *b,
                           const struct lb_compare *c, char sep)
{
    void (*escape)(struct lb_buf *, const char *, size_t) =
        sep == ',' ? lb_escape_csv : lb_escape_tsv;
    struct lb_buf out = LB_BUF_INIT;
    char buf[64];
    size_t i, j, len;

    escape(&out, "model", 5);
    for (j = 0; j < c->n; j++) {
        lb_buf_addc(&out, sep);
        escape(&out, c->orders[j].name, strlen(c->orders[j].name));
    }
    lb_buf_addc(&out, '\n');
    for (i = 0; i < b->ranking.n_listed; i++) {
        size_t row = b->ranking.order[i];
        const char *m = lb_table_model(b->table, row, &len);

        escape(&out, m, len);
        for (j = 0; j < c->n; j++) {
            lb_buf_addc(&out, sep);
            lb_buf_add(&out, buf, rank_text(buf, c->orders[j].rank2[row]));
        }
        lb_buf_addc(&out, '\n');
    }
    fwrite(out.data, 1, out.len, fp);
    lb_buf_release(&out);
    return 0;
}

static int write_json(FILE *fp, const struct lb_board *b,
                      const struct lb_compare *c)
{
    const struct lb_table *t = b->table;
    struct lb_buf out = LB_BUF_INIT;
    char buf[64];
    size_t i, j, len, n;

    lb_buf_adds(&out, "{\n  \"benchmarks\": [");
    for (j = 0; j < b->sel.nbench; j++) {
        const char *name = t->cols[b->sel.bench[j]].name;

        lb_buf_adds(&out, j ? ", " : "");
        lb_escape_json(&out, name, strlen(name));
    }
    lb_buf_adds(&out, "],\n  \"reference\": ");
    lb_escape_json(&out, c->orders[0].name, strlen(c->orders[0].name));
    lb_buf_adds(&out, ",\n  \"orders\": [");
    for (j = 0; j < c->n; j++) {
        const struct lb_order *o = &c->orders[j];

        lb_buf_adds(&out, j ? ",\n    {\"name\": " : "\n    {\"name\": ");
        lb_escape_json(&out, o->name, strlen(o->name));
        lb_buf_addf(&out, ", \"left_out\": ");
        if (o->leave_out)
            lb_escape_json(&out, o->name + 4, strlen(o->name + 4));
        else
            lb_buf_adds(&out, "null");
        n = tau_text(buf, sizeof buf, o->tau);
        lb_buf_addf(&out, ", \"ranked\": %zu, \"common\": %zu, \"tau_b\": %s}",
                    o->ranked, o->common, n ? buf : "null");
    }
    lb_buf_adds(&out, "\n  ],\n  \"not_compared\": ");
    if (c->skipped.len > 0)
        lb_escape_json(&out, c->skipped.data, c->skipped.len);
    else
        lb_buf_adds(&out, "null");
    lb_buf_adds(&out, ",\n  \"rows\": [");
    for (i = 0; i < b->ranking.n_listed; i++) {
        size_t row = b->ranking.order[i];
        const char *m = lb_table_model(t, row, &len);

        lb_buf_adds(&out, i ? ",\n    {\"model\": " : "\n    {\"model\": ");
        lb_escape_json(&out, m, len);
        lb_buf_adds(&out, ", \"ranks\": {");
        for (j = 0; j < c->n; j++) {
            lb_buf_adds(&out, j ? ", " : "");
            lb_escape_json(&out, c->orders[j].name, strlen(c->orders[j].name));
            n = rank_text(buf, c->orders[j].rank2[row]);
            lb_buf_adds(&out, ": ");
            if (n > 0)
                lb_buf_add(&out, buf, n);
            else
                lb_buf_adds(&out, "null");
        }
        lb_buf_adds(&out, "}}");
    }
    lb_buf_adds(&out, b->ranking.n_listed ? "\n  ]\n}\n" : "]\n}\n");
    fwrite(out.data, 1, out.len, fp);
    lb_buf_release(&out);
    return 0;
}

/* }====================================================================== */

int lb_export_compare(FILE *out, enum lb_format fmt, const struct lb_board *b,
                      const struct lb_compare *c, struct lb_error *err)
{
    int rc;

    switch (fmt) {
    case LB_FORMAT_MARKDOWN:
        rc = write_text(out, b, c, true);
        break;
    case LB_FORMAT_CSV:
        rc = write_delimited(out, b, c, ',');
        break;
    case LB_FORMAT_TSV:
        rc = write_delimited(out, b, c, '\t');
        break;
    case LB_FORMAT_JSON:
        rc = write_json(out, b, c);
        break;
    case LB_FORMAT_TEXT:
    default:
        rc = write_text(out, b, c, false);
        break;
    }
    if (rc == 0 && ferror(out))
        return lb_error_set(err, "write error");
    return rc;
}
