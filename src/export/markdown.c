/* markdown.c: a GitHub-flavoured Markdown table; the title and footer lines
 * each a paragraph of its own. */
#include <stdlib.h>
#include <string.h>

#include "export/format.h"
#include "export/writer.h"

void lb_escape_markdown(struct lb_buf *out, const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80) { /* invalid: U+FFFD; C1, bidi: shown, not obeyed */
            i += lb_put_nonascii(out, s + i, len - i, "\xEF\xBF\xBD", true);
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

/* Each line of text, escaped, then 'after'. */
static void put_lines(struct lb_buf *out, const struct lb_buf *text,
                      const char *before, const char *after)
{
    const char *s;
    size_t pos = 0, n;

    while (lb_next_line(text, &pos, &s, &n)) {
        lb_buf_adds(out, before);
        lb_escape_markdown(out, s, n);
        lb_buf_adds(out, after);
    }
}

static int md_row(const struct lb_view *v, size_t i,
                  const struct lb_cell *cells, struct lb_buf *out,
                  const void *ctx, struct lb_error *err)
{
    size_t j;

    (void)i;
    (void)ctx;
    (void)err;
    for (j = 0; j < v->ncols; j++) {
        const struct lb_cell *c = &cells[j];

        lb_buf_adds(out, "| ");
        if (c->kind == LB_CELL_ABSENT)
            continue;
        if (c->kind == LB_CELL_MISSING)
            lb_buf_addc(out, '-');
        else
            lb_escape_markdown(out, c->s, c->len);
        if (c->marked)
            lb_buf_adds(out, "\\*");
        lb_buf_addc(out, ' ');
    }
    lb_buf_adds(out, "|\n");
    return 0;
}

static int write_markdown(FILE *out, const struct lb_view *v,
                          struct lb_error *err)
{
    struct lb_buf text = LB_BUF_INIT;
    size_t j;
    int rc = 0;

    put_lines(&text, &v->title, "", "\n\n");
    if (v->nrows == 0 && v->empty_note != NULL) {
        lb_escape_markdown(&text, v->empty_note, strlen(v->empty_note));
        lb_buf_addc(&text, '\n');
    } else {
        for (j = 0; j < v->ncols; j++) {
            lb_buf_adds(&text, "| ");
            lb_escape_markdown(&text, v->cols[j].name,
                               strlen(v->cols[j].name));
            lb_buf_addc(&text, ' ');
        }
        lb_buf_adds(&text, "|\n");
        for (j = 0; j < v->ncols; j++)
            lb_buf_adds(&text, v->cols[j].right ? "|---:" : "|:---");
        lb_buf_adds(&text, "|\n");
        fwrite(text.data, 1, text.len, out);
        lb_buf_reset(&text);
        rc = lb_write_rows(out, v, md_row, NULL, err);
        if (rc == 0)
            rc = lb_put_summary(v, md_row, NULL, &text, err);
    }
    if (rc == 0) {
        put_lines(&text, &v->footer, "\n", "\n");
        fwrite(text.data, 1, text.len, out);
    }
    lb_buf_release(&text);
    return rc;
}

const struct lb_format lb_format_markdown = {
    "markdown", "md", "md markdown", "a GitHub-flavoured Markdown table",
    LB_FOR_PEOPLE, write_markdown};
