/* markdown.c: a GitHub-flavoured Markdown table; the title and footer lines
 * each a paragraph of its own. */
#include <stdlib.h>
#include <string.h>

#include "export/format.h"
#include "export/writer.h"

static const struct lb_escapes escapes = {
    {['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['\\'] = "\\\\",
     ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_", ['['] = "\\[",
     [']'] = "\\]", ['|'] = "\\|", ['#'] = "\\#", ['~'] = "\\~",
     ['!'] = "\\!"},
    " ", false, "\xEF\xBF\xBD", true}; /* invalid: U+FFFD; C1, bidi: shown */

void lb_escape_markdown(struct lb_buf *out, const char *s, size_t len)
{
    lb_escape_with(out, s, len, &escapes);
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

static const struct lb_grid grid = {"| ", " | ", " |\n", "-", "\\*",
                                   lb_escape_markdown, NULL};

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
        lb_grid_header(v, &grid, false, &text);
        for (j = 0; j < v->ncols; j++)
            lb_buf_adds(&text, v->cols[j].right ? "|---:" : "|:---");
        lb_buf_adds(&text, "|\n");
        fwrite(text.data, 1, text.len, out);
        lb_buf_reset(&text);
        rc = lb_write_rows(out, v, lb_grid_row, &grid, err);
        if (rc == 0)
            rc = lb_put_summary(v, lb_grid_row, &grid, &text, err);
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
