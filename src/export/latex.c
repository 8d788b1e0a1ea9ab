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
 * A tabular alone, to \input inside the paper's own table float. Every
 * piece of user text in the table passes through lb_escape_latex; in the
 * comments, through the terminal-safe rendering (no line break can end a
 * comment). A missing value is "--". */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "export/cells.h"
#include "export/writers.h"

#define MISSING_CELL "--"

void lb_escape_latex(struct lb_buf *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        char next = i + 1 < len ? s[i + 1] : '\0';

        if (c >= 0x80) { /* invalid UTF-8, C1 and bidi controls: not raw */
            i += cells_put_nonascii(out, s + i, len - i, "?", false);
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

/* "% TEXT\n" for each line of raw. Inside a comment only a line break
 * matters (it would end the comment): the terminal-safe rendering has
 * none, and shows control bytes as escapes. */
static void put_comments(struct lb_buf *out, const struct lb_buf *raw)
{
    const char *s = lb_buf_str(raw), *end = s + raw->len;

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

        lb_buf_adds(out, "% ");
        (void)lb_utf8_render(out, s, n, 0);
        lb_buf_addc(out, '\n');
        s += n + 1;
    }
}

static int latex_row(const struct lb_board *r, const struct cell_col *cols,
                     size_t ncols, size_t i, struct lb_buf *line,
                     const void *ctx, struct lb_error *err)
{
    size_t row = r->ranking.order[i], j;
    bool notes = *(const bool *)ctx;

    for (j = 0; j < ncols; j++) {
        struct cell v;

        if (cells_get(r, &cols[j], row, &v, err) != 0)
            return -1;
        if (j > 0)
            lb_buf_adds(line, " & ");
        if (v.kind == CELL_IS_MISSING)
            lb_buf_adds(line, MISSING_CELL);
        else
            lb_escape_latex(line, v.s, v.len);
        if (cols[j].kind == CELL_MEAN && cells_mean_is_marked(r, row))
            lb_buf_adds(line, "$^{*}$");
    }
    if (notes) {
        lb_buf_adds(line, " & ");
        if (r->ranking.rank2[row] == 0) {
            struct lb_buf why = LB_BUF_INIT;

            lb_buf_adds(&why, "not ranked: ");
            lb_board_reason(r, row, &why);
            lb_escape_latex(line, why.data, why.len);
            lb_buf_release(&why);
        }
    }
    lb_buf_adds(line, " \\\\\n");
    return 0;
}

int lb_write_latex(FILE *out, const struct lb_board *r, struct lb_error *err)
{
    struct lb_buf raw = LB_BUF_INIT, line = LB_BUF_INIT;
    size_t ncols, i, j;
    struct cell_col *cols = cells_columns(r, &ncols);
    bool notes = false;
    int rc;

    for (i = 0; i < r->ranking.n_listed; i++)
        if (r->ranking.rank2[r->ranking.order[i]] == 0)
            notes = true;
    cells_title(r, &raw);
    put_comments(&line, &raw);
    lb_buf_adds(&line, "% needs \\usepackage{booktabs}\n\\begin{tabular}{");
    for (j = 0; j < ncols; j++)
        lb_buf_addc(&line, cols[j].right ? 'r' : 'l');
    lb_buf_adds(&line, notes ? "l}\n\\toprule\n" : "}\n\\toprule\n");
    for (j = 0; j < ncols; j++) {
        if (j > 0)
            lb_buf_adds(&line, " & ");
        lb_escape_latex(&line, cols[j].name, strlen(cols[j].name));
    }
    lb_buf_adds(&line, notes ? " & Note \\\\\n\\midrule\n" : " \\\\\n\\midrule\n");
    fwrite(line.data, 1, line.len, out);
    lb_buf_reset(&line);

    rc = cells_write_rows(out, r, cols, ncols, latex_row, &notes, err);
    if (rc == 0) {
        lb_buf_adds(&line, "\\bottomrule\n\\end{tabular}\n");
        lb_buf_reset(&raw);
        (void)cells_footer(r, &raw);
        put_comments(&line, &raw);
        fwrite(line.data, 1, line.len, out);
    }
    free(cols);
    lb_buf_release(&raw);
    lb_buf_release(&line);
    return rc;
}
