/* text.c: the aligned table for terminals.
 *
 * Columns are aligned by display width (a CJK character takes two columns,
 * a combining mark none); numbers are right-aligned, text left-aligned; no
 * line ends with spaces. A column where some cell is marked gets the mark
 * ('*', or a space) after every cell. Every piece of text is rendered by
 * lb_utf8_render, so control bytes, bidi overrides and invalid UTF-8 show
 * as visible escapes and never reach the terminal raw. */
#include <stdlib.h>
#include <string.h>

#include "base/pair.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "export/format.h"
#include "export/writer.h"

#define MISSING_CELL "-"

struct layout {
    size_t *width; /* display width per column, its mark included */
    bool *marks;   /* some cell of the column is marked */
    size_t line;   /* bytes of a line of plain cells: the widths, the
                      spaces between columns, the line end */
};

/* Renders each line of text, terminal-safe, followed by '\n'. */
static void render_lines(struct lb_buf *out, const struct lb_buf *text)
{
    const char *s;
    size_t pos = 0, n;

    while (lb_next_line(text, &pos, &s, &n)) {
        (void)lb_utf8_render(out, s, n, 0);
        lb_buf_addc(out, '\n');
    }
}

/* Removes the spaces that padding left at the end of the line that starts
 * at 'start', and ends it. */
static void end_line(struct lb_buf *out, size_t start)
{
    while (out->len > start && out->data[out->len - 1] == ' ')
        out->len--;
    lb_buf_addc(out, '\n');
}

static size_t cell_width(const struct lb_cell *c)
{
    switch (c->kind) {
    case LB_CELL_ABSENT:
        return 0;
    case LB_CELL_MISSING:
        return 1;
    case LB_CELL_NUMBER:
        return c->len;
    default:
        return lb_utf8_width(c->s, c->len);
    }
}

struct widest {
    size_t *widest; /* per column, its mark not included */
    bool *marks;    /* per column: a cell is marked */
};

/* Takes one row's cells into the widths. */
static int widen_to(const struct lb_view *v, const struct lb_cell *cells,
                    void *ctx, struct lb_error *err)
{
    struct widest *W = ctx;
    size_t j;

    (void)err;
    for (j = 0; j < v->ncols; j++) {
        size_t w = cell_width(&cells[j]);

        if (w > W->widest[j])
            W->widest[j] = w;
        if (cells[j].marked)
            W->marks[j] = true;
    }
    return 0;
}

/* One part of the scan of the rows (lb_view_scan_fn), into its own
 * widths. */
struct part {
    const struct lb_view *v;
    size_t part, nparts;
    struct widest W;
    struct lb_error err;
    int rc;
};

static void part_init(struct part *p, const struct lb_view *v, size_t part,
                      size_t nparts)
{
    p->v = v;
    p->part = part;
    p->nparts = nparts;
    p->W.widest = xcalloc(v->ncols + 1, sizeof *p->W.widest);
    p->W.marks = xcalloc(v->ncols + 1, sizeof *p->W.marks);
    lb_error_init(&p->err);
    p->rc = 0;
}

static int run_part(void *arg)
{
    struct part *p = arg;
    struct lb_cell *cells = lb_cells_new(p->v->ncols);

    p->rc = p->v->scan(p->v, p->part, p->nparts, cells, widen_to, &p->W,
                       &p->err);
    lb_cells_free(cells, p->v->ncols);
    return 0;
}

/* Scans the body rows into W: in two parts, by two threads, when there
 * are many. Returns 0, or -1 when a row failed. */
static int scan_rows(const struct lb_view *v, struct widest *W)
{
    struct part p[2];
    size_t nparts = v->nrows >= lb_export_tuning.parallel_rows ? 2 : 1, i, j;
    int rc = 0;

    for (i = 0; i < nparts; i++)
        part_init(&p[i], v, i, nparts);
    lb_run_pair(run_part, &p[0], nparts == 2 ? &p[1] : NULL);
    for (i = 0; i < nparts; i++) {
        rc |= p[i].rc;
        for (j = 0; j < v->ncols; j++) {
            if (p[i].W.widest[j] > W->widest[j])
                W->widest[j] = p[i].W.widest[j];
            W->marks[j] = W->marks[j] || p[i].W.marks[j];
        }
        free(p[i].W.widest);
        free(p[i].W.marks);
    }
    return rc != 0 ? -1 : 0;
}

/* The width of every column over the header and every row: the body rows
 * in the order the view reads fastest (a maximum does not depend on it). */
static int measure(const struct lb_view *v, struct layout *L,
                   struct lb_error *err)
{
    struct lb_cell *cells = lb_cells_new(v->ncols);
    size_t *widest = xcalloc(v->ncols + 1, sizeof *widest);
    struct widest W = {widest, L->marks};
    size_t i = 0, j;
    int rc = 0;

    /* a row that fails: the pass in rank order below says which fails
     * first, as the table would */
    if (v->scan != NULL && !lb_export_tuning.no_scan) {
        if (scan_rows(v, &W) == 0) {
            i = v->nrows;
        } else {
            memset(widest, 0, (v->ncols + 1) * sizeof *widest);
            memset(L->marks, 0, v->ncols * sizeof *L->marks);
        }
    }
    for (; i < v->nrows + v->nsummary && rc == 0; i++) {
        if (v->prefetch != NULL && i < v->nrows)
            v->prefetch(v, i);
        rc = v->cells(v, i, cells, err);
        if (rc == 0)
            rc = widen_to(v, cells, &W, err);
    }
    L->line = 1;
    for (j = 0; j < v->ncols; j++) {
        size_t w = widest[j] + (L->marks[j] ? 1 : 0);
        size_t head = lb_utf8_width(v->cols[j].name, strlen(v->cols[j].name));

        L->width[j] = w > head ? w : head;
        L->line += L->width[j] + 2;
    }
    free(widest);
    lb_cells_free(cells, v->ncols);
    return rc;
}

/* Appends one cell padded to its column's width, after two spaces unless
 * it is the first of its line, and its mark ('*' or ' ') when not '\0'.
 * 'ours' says that s is text of our own in printable ASCII (a number
 * cell, the missing mark): its width is its length, nothing to render, as
 * for any text of printable ASCII alone. */
static void put_cell(struct lb_buf *out, bool first, const char *s, size_t len,
                     bool ours, char mark, size_t width, bool right)
{
    size_t w;

    if (!first)
        lb_buf_adds(out, "  ");
    ours = ours || lb_ascii_run(s, len) == len; /* shown as it is */
    if (right) {
        w = (ours ? len : lb_utf8_width(s, len)) + (mark != '\0');
        lb_buf_addpad(out, ' ', width > w ? width - w : 0);
    }
    if (ours) {
        lb_buf_add(out, s, len);
        w = len;
    } else {
        w = lb_utf8_render(out, s, len, 0);
    }
    if (mark != '\0')
        lb_buf_addc(out, mark);
    w += mark != '\0';
    if (!right)
        lb_buf_addpad(out, ' ', width > w ? width - w : 0);
}

/* put_cell for a cell of printable ASCII no wider than its column, at p
 * in room already reserved (a line's worth: L->line): returns the end, or
 * NULL when the cell is not so (put_cell then appends it). */
static char *put_plain(char *p, bool first, const char *s, size_t len,
                       bool ours, char mark, size_t width, bool right)
{
    size_t w = len + (mark != '\0');

    if (w > width || (!ours && lb_ascii_run(s, len) != len))
        return NULL;
    if (!first) {
        memcpy(p, "  ", 2);
        p += 2;
    }
    if (right) {
        memset(p, ' ', width - w);
        p += width - w;
    }
    memcpy(p, s, len);
    p += len;
    if (mark != '\0')
        *p++ = mark;
    if (!right) {
        memset(p, ' ', width - w);
        p += width - w;
    }
    return p;
}

static int text_row(const struct lb_view *v, size_t i,
                    const struct lb_cell *cells, struct lb_buf *out,
                    const void *ctx, struct lb_error *err)
{
    const struct layout *L = ctx;
    size_t j, start = out->len;

    (void)i;
    (void)err;
    lb_buf_reserve(out, L->line);
    for (j = 0; j < v->ncols; j++) {
        const struct lb_cell *c = &cells[j];
        char mark = L->marks[j] ? (c->marked ? '*' : ' ') : '\0';
        bool missing = c->kind == LB_CELL_MISSING;
        const char *s = missing ? MISSING_CELL : c->s;
        size_t len = missing ? 1 : c->len;
        bool ours = missing || c->kind == LB_CELL_NUMBER;
        char *end = put_plain(out->data + out->len, j == 0, s, len, ours, mark,
                              L->width[j], v->cols[j].right);

        if (end != NULL) {
            out->len = (size_t)(end - out->data);
            continue;
        }
        out->data[out->len] = '\0';
        put_cell(out, j == 0, s, len, ours, mark, L->width[j],
                 v->cols[j].right);
        lb_buf_reserve(out, L->line); /* room for the rest again */
    }
    end_line(out, start);
    return 0;
}

static int write_table(FILE *out, const struct lb_view *v,
                       const struct layout *L, struct lb_error *err)
{
    struct lb_buf line = LB_BUF_INIT;
    size_t j;
    int rc;

    for (j = 0; j < v->ncols; j++)
        put_cell(&line, j == 0, v->cols[j].name, strlen(v->cols[j].name),
                 false, '\0', L->width[j], v->cols[j].right);
    end_line(&line, 0);
    fwrite(line.data, 1, line.len, out);
    lb_buf_reset(&line);
    rc = lb_write_rows(out, v, text_row, L, err);
    /* the summary rows, apart */
    if (rc == 0 && v->nsummary > 0) {
        lb_buf_addc(&line, '\n');
        rc = lb_put_summary(v, text_row, L, &line, err);
        fwrite(line.data, 1, line.len, out);
    }
    lb_buf_release(&line);
    return rc;
}

static int write_text(FILE *out, const struct lb_view *v, struct lb_error *err)
{
    struct layout L;
    struct lb_buf text = LB_BUF_INIT;
    int rc = 0;

    L.width = xcalloc(v->ncols + 1, sizeof *L.width);
    L.line = 1;
    L.marks = xcalloc(v->ncols + 1, sizeof *L.marks);
    render_lines(&text, &v->title);
    lb_buf_addc(&text, '\n');
    if (v->nrows == 0 && v->empty_note != NULL) {
        (void)lb_utf8_render(&text, v->empty_note, strlen(v->empty_note), 0);
        lb_buf_addc(&text, '\n');
        fwrite(text.data, 1, text.len, out);
    } else {
        rc = measure(v, &L, err);
        if (rc == 0) {
            fwrite(text.data, 1, text.len, out);
            rc = write_table(out, v, &L, err);
        }
    }
    if (rc == 0 && v->footer.len > 0) {
        lb_buf_reset(&text);
        lb_buf_addc(&text, '\n');
        render_lines(&text, &v->footer);
        fwrite(text.data, 1, text.len, out);
    }
    free(L.width);
    free(L.marks);
    lb_buf_release(&text);
    return rc;
}

const struct lb_format lb_format_text = {
    "text", "", "txt", "an aligned table for the terminal", LB_FOR_PEOPLE,
    write_text};
