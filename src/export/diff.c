/* diff.c: writing a comparison of two boards (core/diff.h) in every
 * table format.
 *
 * The rows are first made into plain cells (raw text: model names as they
 * are), then written by one function per format, each passing every cell
 * through that format's one escaping function: terminal-safe rendering for
 * text, lb_escape_markdown, lb_escape_csv, lb_escape_tsv, lb_escape_json. */
#include <stdlib.h>
#include <string.h>

#include "base/decimal.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "export/cells.h"
#include "export/export.h"
#include "export/writers.h"

#define UP "\xE2\x86\x91"   /* U+2191 UPWARDS ARROW */
#define DOWN "\xE2\x86\x93" /* U+2193 DOWNWARDS ARROW */

/* Columns of the people's formats (text, Markdown). */
enum { P_RANK, P_MOVE, P_WAS, P_MODEL, P_PREC, P_AVG, P_CHANGE, P_SCORES,
       P_COUNT };
static const char *const p_names[P_COUNT] = {
    "Rank", "Move", "Was", "Model", "Precision", "Average", "Change",
    "Scores changed"};
static const bool p_right[P_COUNT] = {true, true, true, false, false, true,
                                      true, false};

/* Columns of the programs' formats (CSV, TSV, JSON). */
enum { M_STATUS, M_RANK, M_OLD_RANK, M_RANK_CHANGE, M_MODEL, M_PREC, M_AVG,
       M_OLD_AVG, M_AVG_CHANGE, M_CHANGES, M_COUNT };
static const char *const m_names[M_COUNT] = {
    "status", "rank", "old_rank", "rank_change", "model", "precision",
    "average", "old_average", "average_change", "changes"};
/* JSON: written as numbers (or null when empty) */
static const bool m_number[M_COUNT] = {false, true, true, true, false, false,
                                       true, true, true, false};

static void add_value(struct lb_buf *b, const struct lb_diff_value *v,
                      unsigned p)
{
    char num[LB_DEC_BUFSIZE];

    if (!v->has) {
        lb_buf_addc(b, '-');
        return;
    }
    lb_buf_add(b, num, lb_dec_format(num, v->units, p));
}

/* "+0.52", "-1.20": new - old, both present. */
static void add_delta(struct lb_buf *b, const struct lb_diff_value *o,
                      const struct lb_diff_value *n, unsigned p)
{
    char num[LB_DEC_BUFSIZE];
    lb_i128 d = n->units - o->units;

    if (d > 0)
        lb_buf_addc(b, '+');
    lb_buf_add(b, num, lb_dec_format(num, d, p));
}

static void add_rank(struct lb_buf *b, uint32_t rank2)
{
    if (rank2 == 0)
        lb_buf_addc(b, '-');
    else
        lb_format_rank(b, rank2);
}

/* The changed benchmarks: "ARC 66.04 -> 67.00, MMLU - -> 70.10" (arrow:
 * "→" for people, "->" for programs). */
static void add_changes(struct lb_buf *b, const struct lb_diff *d, size_t i,
                        const char *arrow)
{
    unsigned p = d->new_b->opts.rank.precision;
    size_t k;
    bool first = true;

    if (d->e[i].old_row == LB_NPOS || d->e[i].new_row == LB_NPOS)
        return;
    for (k = 0; k < d->nbench; k++) {
        if (!lb_diff_bench_changed(d, i, k))
            continue;
        lb_buf_addf(b, "%s%s ", first ? "" : ", ", d->bench[k].name);
        add_value(b, &d->old_v[i * d->nbench + k], p);
        lb_buf_adds(b, arrow);
        add_value(b, &d->new_v[i * d->nbench + k], p);
        first = false;
    }
}

static const char *precision_of(const struct lb_diff *d, size_t i,
                                size_t *len)
{
    const struct lb_diff_entry *e = &d->e[i];

    if (e->new_row != LB_NPOS)
        return lb_table_text(d->new_b->table, d->new_prec, e->new_row, len);
    return lb_table_text(d->old_b->table, d->old_prec, e->old_row, len);
}

static const char *model_of(const struct lb_diff *d, size_t i, size_t *len)
{
    const struct lb_diff_entry *e = &d->e[i];

    if (e->new_row != LB_NPOS)
        return lb_table_model(d->new_b->table, e->new_row, len);
    return lb_table_model(d->old_b->table, e->old_row, len);
}

/* The cells of entry i for people (cell[P_COUNT], each reset first). */
static void people_cells(const struct lb_diff *d, size_t i, struct lb_buf *cell)
{
    const struct lb_diff_entry *e = &d->e[i];
    unsigned p = d->new_b->opts.rank.precision;
    size_t len, j;
    const char *s;

    for (j = 0; j < P_COUNT; j++)
        lb_buf_reset(&cell[j]);
    add_rank(&cell[P_RANK], e->new_rank2);
    switch (e->status) {
    case LB_DIFF_ADDED:
        lb_buf_adds(&cell[P_MOVE], "new");
        break;
    case LB_DIFF_REMOVED:
        lb_buf_adds(&cell[P_MOVE], "removed");
        break;
    default:
        if (e->old_rank2 == 0 && e->new_rank2 != 0)
            lb_buf_adds(&cell[P_MOVE], "ranked");
        else if (e->old_rank2 != 0 && e->new_rank2 == 0)
            lb_buf_adds(&cell[P_MOVE], "unranked");
        else if (e->old_rank2 > e->new_rank2) {
            lb_buf_adds(&cell[P_MOVE], UP " ");
            lb_format_rank(&cell[P_MOVE], e->old_rank2 - e->new_rank2);
        } else if (e->old_rank2 < e->new_rank2) {
            lb_buf_adds(&cell[P_MOVE], DOWN " ");
            lb_format_rank(&cell[P_MOVE], e->new_rank2 - e->old_rank2);
        }
    }
    if (e->old_row != LB_NPOS)
        add_rank(&cell[P_WAS], e->old_rank2);
    s = model_of(d, i, &len);
    lb_buf_add(&cell[P_MODEL], s, len);
    if (d->new_prec != LB_NPOS) {
        s = precision_of(d, i, &len);
        lb_buf_add(&cell[P_PREC], s, len);
    }
    add_value(&cell[P_AVG], e->new_row != LB_NPOS ? &e->new_mean : &e->old_mean,
              p);
    if (e->mean_changed && e->old_mean.has && e->new_mean.has)
        add_delta(&cell[P_CHANGE], &e->old_mean, &e->new_mean, p);
    add_changes(&cell[P_SCORES], d, i, " \xE2\x86\x92 "); /* U+2192 */
}

/* The cells of entry i for programs; an empty cell is a missing value. */
static void machine_cells(const struct lb_diff *d, size_t i,
                          struct lb_buf *cell)
{
    const struct lb_diff_entry *e = &d->e[i];
    unsigned p = d->new_b->opts.rank.precision;
    size_t len, j;
    const char *s;

    for (j = 0; j < M_COUNT; j++)
        lb_buf_reset(&cell[j]);
    lb_buf_adds(&cell[M_STATUS], lb_diff_status_name(e->status));
    if (e->new_rank2 != 0)
        lb_format_rank(&cell[M_RANK], e->new_rank2);
    if (e->old_rank2 != 0)
        lb_format_rank(&cell[M_OLD_RANK], e->old_rank2);
    if (e->old_rank2 != 0 && e->new_rank2 != 0) {
        /* positive: moved up */
        int64_t d2 = (int64_t)e->old_rank2 - (int64_t)e->new_rank2;

        if (d2 < 0)
            lb_buf_addc(&cell[M_RANK_CHANGE], '-');
        lb_format_rank(&cell[M_RANK_CHANGE], d2 < 0 ? -d2 : d2);
    }
    s = model_of(d, i, &len);
    lb_buf_add(&cell[M_MODEL], s, len);
    if (d->new_prec != LB_NPOS) {
        s = precision_of(d, i, &len);
        lb_buf_add(&cell[M_PREC], s, len);
    }
    if (e->new_row != LB_NPOS && e->new_mean.has)
        add_value(&cell[M_AVG], &e->new_mean, p);
    if (e->old_row != LB_NPOS && e->old_mean.has)
        add_value(&cell[M_OLD_AVG], &e->old_mean, p);
    if (e->old_mean.has && e->new_mean.has && e->old_row != LB_NPOS &&
        e->new_row != LB_NPOS)
        add_delta(&cell[M_AVG_CHANGE], &e->old_mean, &e->new_mean, p);
    add_changes(&cell[M_CHANGES], d, i, " -> ");
}

static bool listed(const struct lb_diff *d, size_t i, bool all)
{
    return all || d->e[i].status != LB_DIFF_SAME;
}

/* "old.csv -> new.csv: 1 added, ..." and the note on benchmarks. */
static void summary(const struct lb_diff *d, const char *old_name,
                    const char *new_name, struct lb_buf *out)
{
    size_t k;
    char num[LB_DEC_BUFSIZE];

    lb_buf_addf(out, "%s -> %s: %zu added, %zu removed, %zu moved, %zu "
                     "with changed scores, %zu unchanged.\n",
                old_name, new_name, d->added, d->removed, d->moved, d->changed,
                d->same);
    lb_dec_format(num, d->threshold, d->threshold_scale);
    lb_buf_addf(out, "Scores compared as shown (%u decimals); changes of more "
                     "than %s count.\n",
                d->new_b->opts.rank.precision, num);
    if (!d->same_benchmarks) {
        lb_buf_adds(out, "The files average different benchmarks; compared: ");
        for (k = 0; k < d->nbench; k++)
            lb_buf_addf(out, "%s%s", k ? ", " : "", d->bench[k].name);
        lb_buf_adds(out, d->nbench == 0 ? "none.\n" : ".\n");
    }
}

/* Renders raw text line by line, terminal-safe. */
static void render_lines(struct lb_buf *out, const struct lb_buf *raw)
{
    const char *s = lb_buf_str(raw), *end = s + raw->len;

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

        (void)lb_utf8_render(out, s, n, 0);
        lb_buf_addc(out, '\n');
        s += n + 1;
    }
}

static bool column_shown(const struct lb_diff *d, size_t j)
{
    return j != P_PREC || d->new_prec != LB_NPOS;
}

static void write_text(FILE *out, const struct lb_diff *d, bool all,
                       const struct lb_buf *head)
{
    struct lb_buf cell[P_COUNT], line = LB_BUF_INIT;
    size_t width[P_COUNT], i, j, shown = 0;

    memset(cell, 0, sizeof cell);
    for (j = 0; j < P_COUNT; j++)
        width[j] = strlen(p_names[j]);
    for (i = 0; i < d->n; i++) {
        if (!listed(d, i, all))
            continue;
        shown++;
        people_cells(d, i, cell);
        for (j = 0; j < P_COUNT; j++) {
            size_t w = lb_utf8_width(cell[j].data ? cell[j].data : "", cell[j].len);

            if (w > width[j])
                width[j] = w;
        }
    }
    render_lines(&line, head);
    if (shown == 0) {
        lb_buf_adds(&line, "\nNo changes.\n");
        fwrite(line.data, 1, line.len, out);
        lb_buf_release(&line);
        return;
    }
    lb_buf_addc(&line, '\n');
    for (i = 0; i <= d->n; i++) {
        size_t start = line.len;
        bool first = true;

        if (i > 0 && !listed(d, i - 1, all))
            continue;
        if (i > 0)
            people_cells(d, i - 1, cell);
        for (j = 0; j < P_COUNT; j++) {
            const char *s = i == 0 ? p_names[j] : lb_buf_str(&cell[j]);
            size_t n = i == 0 ? strlen(s) : cell[j].len;
            size_t w = lb_utf8_width(s, n);
            size_t pad = width[j] - w;

            if (!column_shown(d, j))
                continue;
            if (!first)
                lb_buf_adds(&line, "  ");
            first = false;
            if (p_right[j])
                lb_buf_addpad(&line, ' ', pad);
            (void)lb_utf8_render(&line, s, n, 0);
            if (!p_right[j])
                lb_buf_addpad(&line, ' ', pad);
        }
        while (line.len > start && line.data[line.len - 1] == ' ')
            line.len--;
        lb_buf_addc(&line, '\n');
    }
    fwrite(line.data, 1, line.len, out);
    lb_buf_release(&line);
    for (j = 0; j < P_COUNT; j++)
        lb_buf_release(&cell[j]);
}

static void write_markdown(FILE *out, const struct lb_diff *d, bool all,
                           const struct lb_buf *head)
{
    struct lb_buf cell[P_COUNT], line = LB_BUF_INIT;
    const char *s = lb_buf_str(head), *end = s + head->len;
    size_t i, j;

    memset(cell, 0, sizeof cell);
    /* each sentence its own paragraph */
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

        lb_escape_markdown(&line, s, n);
        lb_buf_adds(&line, "\n\n");
        s += n + 1;
    }
    for (j = 0; j < P_COUNT; j++)
        if (column_shown(d, j))
            lb_buf_addf(&line, "| %s ", p_names[j]);
    lb_buf_adds(&line, "|\n");
    for (j = 0; j < P_COUNT; j++)
        if (column_shown(d, j))
            lb_buf_adds(&line, p_right[j] ? "|---:" : "|:---");
    lb_buf_adds(&line, "|\n");
    for (i = 0; i < d->n; i++) {
        if (!listed(d, i, all))
            continue;
        people_cells(d, i, cell);
        for (j = 0; j < P_COUNT; j++) {
            if (!column_shown(d, j))
                continue;
            lb_buf_adds(&line, "| ");
            lb_escape_markdown(&line, lb_buf_str(&cell[j]), cell[j].len);
            lb_buf_addc(&line, ' ');
        }
        lb_buf_adds(&line, "|\n");
    }
    fwrite(line.data, 1, line.len, out);
    lb_buf_release(&line);
    for (j = 0; j < P_COUNT; j++)
        lb_buf_release(&cell[j]);
}

static bool m_column_shown(const struct lb_diff *d, size_t j)
{
    return j != M_PREC || d->new_prec != LB_NPOS;
}

static void write_delimited(FILE *out, const struct lb_diff *d, bool all,
                            char sep)
{
    cells_escape_fn escape = sep == ',' ? lb_escape_csv : lb_escape_tsv;
    struct lb_buf cell[M_COUNT], line = LB_BUF_INIT;
    size_t i, j;
    bool first = true;

    memset(cell, 0, sizeof cell);
    for (j = 0; j < M_COUNT; j++) {
        if (!m_column_shown(d, j))
            continue;
        if (!first)
            lb_buf_addc(&line, sep);
        first = false;
        lb_buf_adds(&line, m_names[j]);
    }
    lb_buf_addc(&line, '\n');
    for (i = 0; i < d->n; i++) {
        if (!listed(d, i, all))
            continue;
        machine_cells(d, i, cell);
        first = true;
        for (j = 0; j < M_COUNT; j++) {
            if (!m_column_shown(d, j))
                continue;
            if (!first)
                lb_buf_addc(&line, sep);
            first = false;
            /* numbers as they are; text through the format's escaping */
            if (cell[j].len > 0 && (m_number[j] || j == M_STATUS))
                lb_buf_add(&line, cell[j].data, cell[j].len);
            else if (cell[j].len > 0)
                escape(&line, cell[j].data, cell[j].len);
        }
        lb_buf_addc(&line, '\n');
    }
    fwrite(line.data, 1, line.len, out);
    lb_buf_release(&line);
    for (j = 0; j < M_COUNT; j++)
        lb_buf_release(&cell[j]);
}

static void write_json(FILE *out, const struct lb_diff *d, bool all,
                       const char *old_name, const char *new_name)
{
    struct lb_buf cell[M_COUNT], line = LB_BUF_INIT;
    unsigned p = d->new_b->opts.rank.precision;
    size_t i, j, k, n = 0;
    char num[LB_DEC_BUFSIZE];

    memset(cell, 0, sizeof cell);
    lb_buf_adds(&line, "{\n  \"old\": ");
    lb_escape_json(&line, old_name, strlen(old_name));
    lb_buf_adds(&line, ",\n  \"new\": ");
    lb_escape_json(&line, new_name, strlen(new_name));
    lb_buf_adds(&line, ",\n  \"benchmarks\": [");
    for (k = 0; k < d->nbench; k++) {
        if (k > 0)
            lb_buf_adds(&line, ", ");
        lb_escape_json(&line, d->bench[k].name, strlen(d->bench[k].name));
    }
    lb_dec_format(num, d->threshold, d->threshold_scale);
    lb_buf_addf(&line,
                "],\n  \"same_benchmarks\": %s,\n  \"precision\": %u,\n"
                "  \"threshold\": %s,\n  \"added\": %zu,\n  \"removed\": %zu,\n"
                "  \"moved\": %zu,\n  \"changed\": %zu,\n  \"unchanged\": %zu,\n"
                "  \"rows\": [",
                d->same_benchmarks ? "true" : "false", p, num, d->added,
                d->removed, d->moved, d->changed, d->same);
    for (i = 0; i < d->n; i++) {
        bool first = true;

        if (!listed(d, i, all))
            continue;
        machine_cells(d, i, cell);
        lb_buf_adds(&line, n++ ? ",\n    {" : "\n    {");
        for (j = 0; j < M_CHANGES; j++) {
            if (!m_column_shown(d, j))
                continue;
            lb_buf_adds(&line, first ? "" : ", ");
            first = false;
            lb_escape_json(&line, m_names[j], strlen(m_names[j]));
            lb_buf_adds(&line, ": ");
            if (cell[j].len == 0)
                lb_buf_adds(&line, "null"); /* JSON numbers have no '+' */
            else if (m_number[j] && cell[j].data[0] == '+')
                lb_buf_add(&line, cell[j].data + 1, cell[j].len - 1);
            else if (m_number[j])
                lb_buf_add(&line, cell[j].data, cell[j].len);
            else
                lb_escape_json(&line, cell[j].data, cell[j].len);
        }
        /* "changes": {"ARC": {"old": 66.04, "new": 67.00}, ...} */
        lb_buf_adds(&line, ", \"changes\": {");
        if (d->e[i].old_row != LB_NPOS && d->e[i].new_row != LB_NPOS) {
            bool any = false;

            for (k = 0; k < d->nbench; k++) {
                const struct lb_diff_value *ov = &d->old_v[i * d->nbench + k];
                const struct lb_diff_value *nv = &d->new_v[i * d->nbench + k];

                if (!lb_diff_bench_changed(d, i, k))
                    continue;
                lb_buf_adds(&line, any ? ", " : "");
                any = true;
                lb_escape_json(&line, d->bench[k].name,
                               strlen(d->bench[k].name));
                lb_buf_adds(&line, ": {\"old\": ");
                if (ov->has)
                    lb_buf_add(&line, num, lb_dec_format(num, ov->units, p));
                else
                    lb_buf_adds(&line, "null");
                lb_buf_adds(&line, ", \"new\": ");
                if (nv->has)
                    lb_buf_add(&line, num, lb_dec_format(num, nv->units, p));
                else
                    lb_buf_adds(&line, "null");
                lb_buf_adds(&line, "}");
            }
        }
        lb_buf_adds(&line, "}}");
    }
    lb_buf_adds(&line, n > 0 ? "\n  ]\n}\n" : "]\n}\n");
    fwrite(line.data, 1, line.len, out);
    lb_buf_release(&line);
    for (j = 0; j < M_COUNT; j++)
        lb_buf_release(&cell[j]);
}

int lb_export_diff(FILE *out, enum lb_format fmt, const struct lb_diff *d,
                   const char *old_name, const char *new_name, bool all,
                   struct lb_error *err)
{
    struct lb_buf head = LB_BUF_INIT;

    if (fmt == LB_FORMAT_TEXT || fmt == LB_FORMAT_MARKDOWN) {
        cells_title(d->new_b, &head);
        lb_buf_addc(&head, '\n');
        summary(d, old_name, new_name, &head);
    }
    switch (fmt) {
    case LB_FORMAT_MARKDOWN:
        write_markdown(out, d, all, &head);
        break;
    case LB_FORMAT_CSV:
        write_delimited(out, d, all, ',');
        break;
    case LB_FORMAT_TSV:
        write_delimited(out, d, all, '\t');
        break;
    case LB_FORMAT_JSON:
        write_json(out, d, all, old_name, new_name);
        break;
    case LB_FORMAT_TEXT:
    default:
        write_text(out, d, all, &head);
        break;
    }
    lb_buf_release(&head);
    if (ferror(out))
        return lb_error_set(err, "write error");
    return 0;
}
