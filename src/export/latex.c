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
                                   "$^{*}$", lb_escape_latex};

static int write_latex(FILE *out, const struct lb_view *v,
                       struct lb_error *err)
{
    struct lb_buf text = LB_BUF_INIT;
    size_t j;
    int rc = 0;

    put_comments(&text, &v->title);
    if (v->nrows == 0 && v->empty_note != NULL) {
        struct lb_buf note = LB_BUF_INIT;

        lb_buf_adds(&note, v->empty_note);
        put_comments(&text, &note);
        lb_buf_release(&note);
    } else {
        lb_buf_adds(&text, "% needs \\usepackage{booktabs}\n"
                           "\\begin{tabular}{");
        for (j = 0; j < v->ncols; j++)
            lb_buf_addc(&text, v->cols[j].right ? 'r' : 'l');
        lb_buf_adds(&text, "}\n\\toprule\n");
        lb_grid_header(v, &grid, false, &text);
        lb_buf_adds(&text, "\\midrule\n");
        fwrite(text.data, 1, text.len, out);
        lb_buf_reset(&text);
        rc = lb_write_rows(out, v, lb_grid_row, &grid, err);
        if (rc == 0 && v->nsummary > 0) {
            lb_buf_adds(&text, "\\midrule\n");
            rc = lb_put_summary(v, lb_grid_row, &grid, &text, err);
        }
        lb_buf_adds(&text, "\\bottomrule\n\\end{tabular}\n");
    }
    if (rc == 0) {
        put_comments(&text, &v->footer);
        fwrite(text.data, 1, text.len, out);
    }
    lb_buf_release(&text);
    return rc;
}

const struct lb_format lb_format_latex = {
    "latex", "tex", "tex latex", "a booktabs tabular for a paper",
    LB_FOR_PEOPLE, write_latex};
