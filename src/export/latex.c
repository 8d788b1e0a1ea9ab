/* latex.c: a booktabs table for papers.
 *
 *   % Average of 6 benchmarks (Open LLM Leaderboard v1): ARC, ...
 *   % needs \usepackage{booktabs}
 *   \begin{tabular}{rlrrr}
 *   \toprule
 *   Rank & Model & Average & ARC & MMLU \\
 *   \midrule
 *   1 & 01-ai/Yi-34B & 69.42 & 64.59 & 76.35 \\
 *   \bottomrule
 *   \end{tabular}
 *   % 13 of 16 models ranked; ...
 *
 * A tabular alone, to \input inside the paper's own table float; summary
 * rows after a \midrule. Every piece of text in the table passes through
 * lb_escape_latex; in the comments, through the terminal-safe rendering
 * (no line break can end a comment). A missing value is "--". */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "export/format.h"
#include "export/writer.h"

#define MISSING_CELL "--"

/* Characters of ours that LaTeX's default input encoding does not know
 * (the arrows of a diff): written as LaTeX. */
static const struct {
    const char *utf8;
    const char *latex;
} symbols[] = {
    {"\xE2\x86\x91", "$\\uparrow$"},
    {"\xE2\x86\x93", "$\\downarrow$"},
    {"\xE2\x86\x92", "$\\rightarrow$"},
};

/* Writes the symbol at s[0..len) as LaTeX and returns its length, or 0. */
static size_t put_symbol(struct lb_buf *out, const char *s, size_t len)
{
    size_t k;

    for (k = 0; k < sizeof symbols / sizeof symbols[0]; k++) {
        size_t n = strlen(symbols[k].utf8);

        if (len >= n && memcmp(s, symbols[k].utf8, n) == 0) {
            lb_buf_adds(out, symbols[k].latex);
            return n;
        }
    }
    return 0;
}

void lb_escape_latex(struct lb_buf *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        char next = i + 1 < len ? s[i + 1] : '\0';

        if (c >= 0x80) { /* invalid UTF-8, C1 and bidi controls: not raw */
            size_t n = put_symbol(out, s + i, len - i);

            i += n > 0 ? n : lb_put_nonascii(out, s + i, len - i, "?", false);
            continue;
        }
        i++;
        switch (c) {
        case '\\':
            lb_buf_adds(out, "\\textbackslash{}");
            break;
        case '{':
        case '}':
        case '$':
        case '&':
        case '#':
        case '%':
        case '_':
            lb_buf_addc(out, '\\');
            lb_buf_addc(out, (char)c);
            break;
        case '^':
            lb_buf_adds(out, "\\textasciicircum{}");
            break;
        case '~':
            lb_buf_adds(out, "\\textasciitilde{}");
            break;
        case '<':
            lb_buf_adds(out, "\\textless{}");
            break;
        case '>':
            lb_buf_adds(out, "\\textgreater{}");
            break;
        case '|':
            lb_buf_adds(out, "\\textbar{}");
            break;
        case '`':
            lb_buf_adds(out, "\\textasciigrave{}");
            break;
        case '-':
        case '\'':
        case ',':
            /* no ligature: "--" stays two hyphens, "''" two quotes */
            lb_buf_addc(out, (char)c);
            if (next == (char)c)
                lb_buf_adds(out, "{}");
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                lb_buf_addc(out, ' '); /* a line break would end a row */
            else
                lb_buf_addc(out, (char)c);
        }
    }
}

/* "% LINE\n" for each line of text. Inside a comment only a line break
 * matters (it would end the comment): the terminal-safe rendering has
 * none, and shows control bytes as escapes. */
static void put_comments(struct lb_buf *out, const struct lb_buf *text)
{
    const char *s;
    size_t pos = 0, n;

    while (lb_next_line(text, &pos, &s, &n)) {
        lb_buf_adds(out, "% ");
        (void)lb_utf8_render(out, s, n, 0);
        lb_buf_addc(out, '\n');
    }
}

static const struct lb_grid grid = {"", " & ", " \\\\\n", MISSING_CELL,
                                   "$^{*}$", lb_escape_latex, NULL};

/* {======================================================================
 * The best value of a column in bold, the second underlined
 * ======================================================================= */

/* A column's two best values as shown (equal ones share the mark). */
struct top {
    bool on;           /* a column of scores */
    size_t n;          /* values found: 0 to 2 */
    struct lb_dec v[2];
};

struct latex_ctx {
    const struct lb_grid *g;
    const struct top *top; /* one per column */
};

/* a < b, a == b, a > b: -1, 0, 1 */
static int dec_cmp(struct lb_dec a, struct lb_dec b)
{
    lb_i128 x = a.units, y = b.units;
    unsigned s = a.scale > b.scale ? a.scale : b.scale;

    x *= lb_pow10[s - a.scale];
    y *= lb_pow10[s - b.scale];
    return x < y ? -1 : x > y;
}

/* Whether cell c is a number; its value in *d. */
static bool cell_value(const struct lb_cell *c, struct lb_dec *d)
{
    return c->kind == LB_CELL_NUMBER &&
           lb_dec_parse(c->s, c->len, d) == LB_NUM_OK;
}

/* Puts d among t's two best values (better: 1 higher, -1 lower). */
static void consider(struct top *t, struct lb_dec d, int better)
{
    int c0 = t->n > 0 ? dec_cmp(d, t->v[0]) * better : 1;
    int c1;

    if (t->n == 0 || c0 > 0) {
        if (t->n > 0)
            t->v[1] = t->v[0];
        t->n = t->n > 0 ? 2 : 1;
        t->v[0] = d;
        return;
    }
    if (c0 == 0)
        return;
    c1 = t->n > 1 ? dec_cmp(d, t->v[1]) * better : 1;
    if (c1 > 0) {
        t->v[1] = d;
        t->n = 2;
    }
}

/* The two best values of each column of scores, over the body rows.
 * Returns 0, or -1 with a message in err. */
static int find_top(const struct lb_view *v, struct top *top,
                    struct lb_error *err)
{
    struct lb_cell *cells;
    struct lb_dec d;
    size_t i, j;
    bool any = false;

    for (j = 0; j < v->ncols; j++) {
        top[j].on = v->cols[j].best && v->cols[j].better != 0;
        any = any || top[j].on;
    }
    if (!any)
        return 0;
    cells = lb_cells_new(v->ncols);
    for (i = 0; i < v->nrows; i++) {
        if (v->prefetch != NULL)
            v->prefetch(v, i);
        if (v->cells(v, i, cells, err) != 0) {
            lb_cells_free(cells, v->ncols);
            return -1;
        }
        for (j = 0; j < v->ncols; j++)
            if (top[j].on && cell_value(&cells[j], &d))
                consider(&top[j], d, v->cols[j].better);
    }
    lb_cells_free(cells, v->ncols);
    return 0;
}

/* A row of the grid, each column's best value in bold and its second
 * underlined (an lb_row_fn). */
static int latex_row(const struct lb_view *v, size_t i,
                     const struct lb_cell *cells, struct lb_buf *out,
                     const void *ctx, struct lb_error *err)
{
    const struct latex_ctx *L = ctx;
    const struct lb_grid *g = L->g;
    size_t j;

    (void)err;
    for (j = 0; j < v->ncols; j++) {
        const struct lb_cell *c = &cells[j];
        const struct top *t = &L->top[j];
        const char *wrap = NULL;
        struct lb_dec d;

        if (j > 0)
            lb_buf_adds(out, g->sep);
        if (i < v->nrows && t->on && cell_value(c, &d)) {
            if (t->n > 0 && dec_cmp(d, t->v[0]) == 0)
                wrap = "\\textbf{";
            else if (t->n > 1 && dec_cmp(d, t->v[1]) == 0)
                wrap = "\\underline{";
        }
        if (wrap != NULL)
            lb_buf_adds(out, wrap);
        if (c->kind == LB_CELL_MISSING)
            lb_buf_adds(out, g->missing);
        else if (c->kind == LB_CELL_NUMBER)
            lb_buf_add(out, c->s, c->len);
        else if (c->kind == LB_CELL_TEXT)
            g->escape(out, c->s, c->len);
        if (wrap != NULL)
            lb_buf_addc(out, '}');
        if (c->marked)
            lb_buf_adds(out, g->mark);
    }
    lb_buf_adds(out, g->close);
    return 0;
}

/* }====================================================================== */

/* The lines before the tabular: the float with its caption and label, the
 * box that scales it (--caption, --label, --width). */
static void put_open(struct lb_buf *out, const struct lb_publish *p)
{
    bool fl = p != NULL && (p->caption != NULL || p->label != NULL);
    bool box = p != NULL && p->width != NULL;

    lb_buf_adds(out, box ? "% needs \\usepackage{booktabs} and "
                           "\\usepackage{graphicx}\n"
                         : "% needs \\usepackage{booktabs}\n");
    if (fl) {
        lb_buf_adds(out, "\\begin{table}\n\\centering\n");
        if (p->caption != NULL) {
            lb_buf_adds(out, "\\caption{");
            lb_escape_latex(out, p->caption, strlen(p->caption));
            lb_buf_adds(out, "}\n");
        }
        if (p->label != NULL) /* checked: lb_publish_label_check */
            lb_buf_addf(out, "\\label{%s}\n", p->label);
    }
    if (box) /* checked: lb_publish_width_check */
        lb_buf_addf(out, "\\resizebox{%s}{!}{%%\n", p->width);
}

static void put_close(struct lb_buf *out, const struct lb_publish *p)
{
    lb_buf_adds(out, "\\bottomrule\n\\end{tabular}");
    lb_buf_adds(out, p != NULL && p->width != NULL ? "}\n" : "\n");
    if (p != NULL && (p->caption != NULL || p->label != NULL))
        lb_buf_adds(out, "\\end{table}\n");
}

static int write_latex(FILE *out, const struct lb_view *v,
                       struct lb_error *err)
{
    struct lb_buf text = LB_BUF_INIT;
    struct top *top = NULL;
    struct latex_ctx L = {&grid, NULL};
    size_t j;
    int rc = 0;

    put_comments(&text, &v->title);
    if (v->nrows == 0 && v->empty_note != NULL) {
        struct lb_buf note = LB_BUF_INIT;

        lb_buf_adds(&note, v->empty_note);
        put_comments(&text, &note);
        lb_buf_release(&note);
    } else {
        top = xcalloc(v->ncols + 1, sizeof *top);
        L.top = top;
        rc = find_top(v, top, err);
        if (rc != 0)
            goto out;
        put_open(&text, v->publish);
        lb_buf_adds(&text, "\\begin{tabular}{");
        for (j = 0; j < v->ncols; j++)
            lb_buf_addc(&text, v->cols[j].right ? 'r' : 'l');
        lb_buf_adds(&text, "}\n\\toprule\n");
        lb_grid_header(v, &grid, false, &text);
        lb_buf_adds(&text, "\\midrule\n");
        fwrite(text.data, 1, text.len, out);
        lb_buf_reset(&text);
        rc = lb_write_rows(out, v, latex_row, &L, err);
        if (rc == 0 && v->nsummary > 0) {
            lb_buf_adds(&text, "\\midrule\n");
            rc = lb_put_summary(v, latex_row, &L, &text, err);
        }
        put_close(&text, v->publish);
    }
    if (rc == 0) {
        put_comments(&text, &v->footer);
        fwrite(text.data, 1, text.len, out);
    }
out:
    free(top);
    lb_buf_release(&text);
    return rc;
}

const struct lb_format lb_format_latex = {
    "latex", "tex", "tex latex", "a booktabs tabular for a paper",
    LB_FOR_PEOPLE, write_latex};
