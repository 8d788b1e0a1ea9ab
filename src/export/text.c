/* text.c: the aligned table for terminals.
 *
 * Columns are aligned by display width (a CJK character takes two columns,
 * a combining mark none); numbers are right-aligned, text left-aligned; no
 * line ends with spaces. Every piece of user text is rendered by
 * lb_utf8_render, so control bytes, bidi overrides and invalid UTF-8 show as
 * visible escapes and never reach the terminal raw. */
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "export/cells.h"
#include "export/writers.h"

#define MISSING_CELL "-"

struct text_layout {
    struct cell_col *cols;
    size_t ncols;
    size_t *width;  /* display width per column */
    bool marked;    /* some listed mean carries the '*' mark */
    bool notes;     /* some listed row is unranked: a Note column */
};

/* Renders raw text line by line: each line terminal-safe, each '\n' kept. */
static void render_lines(struct lb_buf *out, const struct lb_buf *raw)
{
    const char *s = lb_buf_str(raw), *end = s + raw->len;

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end;

        (void)lb_utf8_render(out, s, (size_t)(stop - s), 0);
        if (nl == NULL)
            break;
        lb_buf_addc(out, '\n');
        s = nl + 1;
    }
}

/* Removes the spaces that padding left at the end of a line. */
static void trim_right(struct lb_buf *line)
{
    while (line->len > 0 && line->data[line->len - 1] == ' ')
        line->len--;
    line->data[line->len] = '\0';
}

/* Computes the width of every column over the header and the listed rows. */
static int measure(const struct lb_board *r, struct text_layout *L,
                   struct lb_error *err)
{
    size_t i, j, mean_width = 1;
    int rc = 0;

    L->cols = cells_columns(r, &L->ncols);
    L->width = xcalloc(L->ncols, sizeof *L->width);
    for (j = 0; j < L->ncols; j++)
        L->width[j] = lb_utf8_width(L->cols[j].name, strlen(L->cols[j].name));
    for (i = 0; i < r->ranking.n_listed && rc == 0; i++) {
        size_t row = r->ranking.order[i];

        cells_prefetch(r, L->cols, L->ncols, i);
        if (cells_mean_is_marked(r, row))
            L->marked = true;
        if (r->ranking.rank2[row] == 0)
            L->notes = true;
        for (j = 0; j < L->ncols; j++) {
            struct cell v;
            size_t w;

            rc = cells_get(r, &L->cols[j], row, &v, err);
            if (rc < 0)
                break;
            w = v.kind == CELL_IS_MISSING  ? 1
                : v.kind == CELL_IS_NUMBER ? v.len
                                           : lb_utf8_width(v.s, v.len);
            if (L->cols[j].kind == CELL_MEAN && w + 1 > mean_width)
                mean_width = w + 1; /* with its '*' or ' ' mark */
            else if (w > L->width[j])
                L->width[j] = w;
        }
    }
    /* the mark column exists only when some mean is marked */
    for (j = 0; j < L->ncols; j++) {
        size_t w = L->marked ? mean_width : mean_width - 1;

        if (L->cols[j].kind == CELL_MEAN && w > L->width[j])
            L->width[j] = w;
    }
    return rc;
}

/* Appends one cell, padded to its column's width, after two spaces unless
 * it is the first of its line. A marked mean carries its mark ('*' or ' '). */
static void put_cell(struct lb_buf *out, bool first, const char *s, size_t len,
                     char mark, size_t width, bool right)
{
    size_t w = lb_utf8_width(s, len) + (mark != '\0');
    size_t pad = width > w ? width - w : 0;

    if (!first)
        lb_buf_adds(out, "  ");
    if (right)
        lb_buf_addpad(out, ' ', pad);
    (void)lb_utf8_render(out, s, len, 0);
    if (mark != '\0')
        lb_buf_addc(out, mark);
    if (!right)
        lb_buf_addpad(out, ' ', pad);
}

/* One aligned row (through cells_write_rows), straight into out. */
static int text_row(const struct lb_board *r, const struct cell_col *cols,
                    size_t ncols, size_t i, struct lb_buf *out, const void *ctx,
                    struct lb_error *err)
{
    const struct text_layout *L = ctx;
    size_t row = r->ranking.order[i], j, start = out->len;

    (void)cols;
    (void)ncols;
    for (j = 0; j < L->ncols; j++) {
        const struct cell_col *c = &L->cols[j];
        char mark = '\0';
        struct cell v;

        if (cells_get(r, c, row, &v, err) != 0)
            return -1;
        if (c->kind == CELL_MEAN && L->marked)
            mark = cells_mean_is_marked(r, row) ? '*' : ' ';
        if (v.kind == CELL_IS_MISSING)
            put_cell(out, j == 0, MISSING_CELL, 1, mark, L->width[j], c->right);
        else
            put_cell(out, j == 0, v.s, v.len, mark, L->width[j], c->right);
    }
    if (L->notes && r->ranking.rank2[row] == 0) {
        struct lb_buf why = LB_BUF_INIT;

        lb_buf_adds(&why, "not ranked: ");
        lb_board_reason(r, row, &why);
        put_cell(out, false, why.data, why.len, '\0', 0, false);
        lb_buf_release(&why);
    }
    /* no spaces at the end of a line */
    while (out->len > start && out->data[out->len - 1] == ' ')
        out->len--;
    lb_buf_addc(out, '\n');
    return 0;
}

static int write_rows(FILE *out, const struct lb_board *r,
                      const struct text_layout *L, struct lb_error *err)
{
    struct lb_buf line = LB_BUF_INIT;
    size_t j;
    int rc;

    /* header */
    for (j = 0; j < L->ncols; j++)
        put_cell(&line, j == 0, L->cols[j].name, strlen(L->cols[j].name), '\0',
                 L->width[j], L->cols[j].right);
    if (L->notes)
        put_cell(&line, false, "Note", 4, '\0', 4, false);
    trim_right(&line);
    lb_buf_addc(&line, '\n');
    fwrite(line.data, 1, line.len, out);

    rc = cells_write_rows(out, r, L->cols, L->ncols, text_row, L, err);
    lb_buf_release(&line);
    return rc;
}

int lb_write_text(FILE *out, const struct lb_board *r, struct lb_error *err)
{
    struct text_layout L = {0};
    struct lb_buf raw = LB_BUF_INIT, line = LB_BUF_INIT;
    int rc;

    rc = measure(r, &L, err);
    if (rc == 0) {
        cells_title(r, &raw);
        render_lines(&line, &raw);
        lb_buf_adds(&line, "\n\n");
        fwrite(line.data, 1, line.len, out);
        rc = write_rows(out, r, &L, err);
    }
    if (rc == 0) {
        lb_buf_reset(&raw);
        lb_buf_reset(&line);
        (void)cells_footer(r, &raw);
        lb_buf_addc(&line, '\n');
        render_lines(&line, &raw);
        fwrite(line.data, 1, line.len, out);
    }
    free(L.cols);
    free(L.width);
    lb_buf_release(&raw);
    lb_buf_release(&line);
    return rc;
}
