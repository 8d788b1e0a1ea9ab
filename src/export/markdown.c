/* markdown.c: a GitHub-flavoured Markdown table. */
#include <stdlib.h>
#include <string.h>

#include "export/cells.h"
#include "export/writers.h"

void lb_escape_markdown(struct lb_buf *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80) { /* invalid: U+FFFD; C1, bidi: shown, not obeyed */
            i += cells_put_nonascii(out, s + i, len - i, "\xEF\xBF\xBD", true);
            continue;
        }
        i++;
        if (c < 0x20 || c == 0x7F)
            lb_buf_addc(out, ' ');
        else if (c == '<')
            lb_buf_adds(out, "&lt;");
        else if (c == '>')
            lb_buf_adds(out, "&gt;");
        else if (c == '&')
            lb_buf_adds(out, "&amp;");
        else if (strchr("\\`*_[]|#~!", (int)c) != NULL) {
            lb_buf_addc(out, '\\');
            lb_buf_addc(out, (char)c);
        } else
            lb_buf_addc(out, (char)c);
    }
}

static void put_line(FILE *out, struct lb_buf *line)
{
    lb_buf_addc(line, '\n');
    fwrite(line->data, 1, line->len, out);
    lb_buf_reset(line);
}

static int md_row(const struct lb_board *r, const struct cell_col *cols,
                  size_t ncols, size_t i, struct lb_buf *line, const void *ctx,
                  struct lb_error *err)
{
    size_t row = r->ranking.order[i], j;
    bool notes = *(const bool *)ctx;

    for (j = 0; j < ncols; j++) {
        struct cell v;

        if (cells_get(r, &cols[j], row, &v, err) != 0)
            return -1;
        lb_buf_adds(line, "| ");
        if (v.kind == CELL_IS_MISSING)
            lb_buf_addc(line, '-');
        else
            lb_escape_markdown(line, v.s, v.len);
        if (cols[j].kind == CELL_MEAN && cells_mean_is_marked(r, row))
            lb_buf_adds(line, "\\*");
        lb_buf_addc(line, ' ');
    }
    if (notes) {
        lb_buf_adds(line, "| ");
        if (r->ranking.rank2[row] == 0) {
            struct lb_buf why = LB_BUF_INIT;

            lb_buf_adds(&why, "not ranked: ");
            lb_board_reason(r, row, &why);
            lb_escape_markdown(line, why.data, why.len);
            lb_buf_addc(line, ' ');
            lb_buf_release(&why);
        }
    }
    lb_buf_adds(line, "|\n");
    return 0;
}

int lb_write_markdown(FILE *out, const struct lb_board *r,
                      struct lb_error *err)
{
    struct lb_buf raw = LB_BUF_INIT, line = LB_BUF_INIT;
    size_t ncols, i, j;
    struct cell_col *cols = cells_columns(r, &ncols);
    bool notes = false;
    int rc = 0;

    for (i = 0; i < r->ranking.n_listed; i++)
        if (r->ranking.rank2[r->ranking.order[i]] == 0)
            notes = true;

    cells_title(r, &raw);
    lb_escape_markdown(&line, raw.data, raw.len);
    put_line(out, &line);
    put_line(out, &line);

    for (j = 0; j < ncols; j++) {
        lb_buf_adds(&line, "| ");
        lb_escape_markdown(&line, cols[j].name, strlen(cols[j].name));
        lb_buf_addc(&line, ' ');
    }
    lb_buf_adds(&line, notes ? "| Note |" : "|");
    put_line(out, &line);
    for (j = 0; j < ncols; j++)
        lb_buf_adds(&line, cols[j].right ? "|---:" : "|:---");
    lb_buf_adds(&line, notes ? "|:---|" : "|");
    put_line(out, &line);

    rc = cells_write_rows(out, r, cols, ncols, md_row, &notes, err);
    if (rc == 0) {
        const char *s, *end;

        lb_buf_reset(&raw);
        (void)cells_footer(r, &raw);
        /* each footer sentence its own paragraph */
        for (s = lb_buf_str(&raw), end = s + raw.len; s < end;) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

            put_line(out, &line);
            lb_escape_markdown(&line, s, n);
            put_line(out, &line);
            s += n + 1;
        }
    }
    free(cols);
    lb_buf_release(&raw);
    lb_buf_release(&line);
    return rc;
}
