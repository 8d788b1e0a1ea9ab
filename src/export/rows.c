/* rows.c: writing the body rows of a view, in order, with two threads for
 * long outputs.
 *
 * Formatting a row (rounding numbers, escaping text, reading cells that
 * lie far apart in memory) costs much more than writing its bytes, so a
 * helper thread formats every other chunk of rows while this one formats
 * the others, and this one writes the chunks in order. Each thread has its
 * own cells. */
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "export/writer.h"

#define FLUSH_AT (1u << 20) /* bytes gathered before a write */

struct lb_export_tuning lb_export_tuning = {65536, 8192, false};

#define CHUNK_ROWS lb_export_tuning.chunk_rows

struct job {
    const struct lb_view *v;
    lb_row_fn fn;
    const void *ctx;
};

/* Formats rows [from, to) into out. */
static int format_rows(const struct job *j, size_t from, size_t to,
                       struct lb_cell *cells, struct lb_buf *out,
                       struct lb_error *err)
{
    const struct lb_view *v = j->v;
    size_t i;

    for (i = from; i < to; i++) {
        if (v->prefetch != NULL)
            v->prefetch(v, i);
        if (v->cells(v, i, cells, err) != 0 ||
            j->fn(v, i, cells, out, j->ctx, err) != 0)
            return -1;
    }
    return 0;
}

static int format_chunk(const struct job *j, size_t chunk,
                        struct lb_cell *cells, struct lb_buf *out,
                        struct lb_error *err)
{
    size_t from = chunk * CHUNK_ROWS, to = from + CHUNK_ROWS;

    return format_rows(j, from, to < j->v->nrows ? to : j->v->nrows, cells,
                       out, err);
}

struct helper {
    struct job job;
    size_t nchunks;
    mtx_t m;
    cnd_t c;
    struct lb_buf buf[2];  /* the helper's chunks: 2k+1 goes to buf[k % 2] */
    bool full[2];          /* buf[i] holds a chunk not yet written */
    bool stop;             /* the writer gave up */
    int rc;                /* the helper's failure */
    struct lb_error err;
};

static int run_helper(void *arg)
{
    struct helper *h = arg;
    struct lb_cell *cells = lb_cells_new(h->job.v->ncols);
    size_t k;

    for (k = 1; k < h->nchunks; k += 2) {
        int slot = (int)((k / 2) % 2), rc;

        mtx_lock(&h->m);
        while (h->full[slot] && !h->stop)
            cnd_wait(&h->c, &h->m);
        mtx_unlock(&h->m);
        if (h->stop)
            break;
        lb_buf_reset(&h->buf[slot]);
        rc = format_chunk(&h->job, k, cells, &h->buf[slot], &h->err);
        mtx_lock(&h->m);
        h->rc = rc;
        h->full[slot] = true;
        cnd_broadcast(&h->c);
        mtx_unlock(&h->m);
        if (rc != 0)
            break;
    }
    lb_cells_free(cells, h->job.v->ncols);
    return 0;
}

static int write_sequential(FILE *out, const struct job *j,
                            struct lb_cell *cells, struct lb_error *err)
{
    struct lb_buf buf = LB_BUF_INIT;
    size_t i, n = j->v->nrows;
    int rc = 0;

    for (i = 0; i < n && rc == 0; i++) {
        rc = format_rows(j, i, i + 1, cells, &buf, err);
        if (buf.len >= FLUSH_AT || i + 1 == n) {
            fwrite(buf.data, 1, buf.len, out);
            lb_buf_reset(&buf);
        }
    }
    lb_buf_release(&buf);
    return rc;
}

/* The chunks: even ones here, odd ones by the helper thread. */
static int write_parallel(FILE *out, struct helper *h, struct lb_cell *cells,
                          struct lb_error *err)
{
    struct lb_buf mine = LB_BUF_INIT;
    size_t k;
    int rc = 0;

    for (k = 0; k < h->nchunks && rc == 0; k++) {
        if (k % 2 == 0) {
            lb_buf_reset(&mine);
            rc = format_chunk(&h->job, k, cells, &mine, err);
            if (rc == 0)
                fwrite(mine.data, 1, mine.len, out);
        } else {
            int slot = (int)((k / 2) % 2);

            mtx_lock(&h->m);
            while (!h->full[slot] && h->rc == 0)
                cnd_wait(&h->c, &h->m);
            rc = h->rc;
            mtx_unlock(&h->m);
            if (rc != 0) {
                *err = h->err;
                break;
            }
            fwrite(h->buf[slot].data, 1, h->buf[slot].len, out);
            mtx_lock(&h->m);
            h->full[slot] = false;
            cnd_broadcast(&h->c);
            mtx_unlock(&h->m);
        }
    }
    lb_buf_release(&mine);
    return rc;
}

int lb_write_rows(FILE *out, const struct lb_view *v, lb_row_fn fn,
                  const void *ctx, struct lb_error *err)
{
    struct lb_cell *cells = lb_cells_new(v->ncols);
    struct helper h;
    thrd_t thr;
    int rc;

    h.job.v = v;
    h.job.fn = fn;
    h.job.ctx = ctx;
    if (v->nrows < lb_export_tuning.parallel_rows || CHUNK_ROWS == 0 ||
        mtx_init(&h.m, mtx_plain) != thrd_success) {
        rc = write_sequential(out, &h.job, cells, err);
        lb_cells_free(cells, v->ncols);
        return rc;
    }
    h.nchunks = (v->nrows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    lb_buf_init(&h.buf[0]);
    lb_buf_init(&h.buf[1]);
    h.full[0] = h.full[1] = false;
    h.stop = false;
    h.rc = 0;
    lb_error_init(&h.err);
    if (cnd_init(&h.c) != thrd_success) {
        mtx_destroy(&h.m);
        rc = write_sequential(out, &h.job, cells, err);
    } else if (thrd_create(&thr, run_helper, &h) != thrd_success) {
        cnd_destroy(&h.c);
        mtx_destroy(&h.m);
        rc = write_sequential(out, &h.job, cells, err);
    } else {
        rc = write_parallel(out, &h, cells, err);
        mtx_lock(&h.m);
        h.stop = true;
        cnd_broadcast(&h.c);
        mtx_unlock(&h.m);
        thrd_join(thr, NULL);
        cnd_destroy(&h.c);
        mtx_destroy(&h.m);
    }
    lb_buf_release(&h.buf[0]);
    lb_buf_release(&h.buf[1]);
    lb_cells_free(cells, v->ncols);
    return rc;
}

int lb_put_summary(const struct lb_view *v, lb_row_fn fn, const void *ctx,
                   struct lb_buf *out, struct lb_error *err)
{
    struct lb_cell *cells = lb_cells_new(v->ncols);
    size_t i;
    int rc = 0;

    for (i = v->nrows; i < v->nrows + v->nsummary && rc == 0; i++) {
        rc = v->cells(v, i, cells, err);
        if (rc == 0)
            rc = fn(v, i, cells, out, ctx, err);
    }
    lb_cells_free(cells, v->ncols);
    return rc;
}

bool lb_next_line(const struct lb_buf *text, size_t *pos, const char **line,
                  size_t *len)
{
    const char *s = lb_buf_str(text) + *pos, *end = lb_buf_str(text) + text->len;
    const char *nl;

    if (s >= end)
        return false;
    nl = memchr(s, '\n', (size_t)(end - s));
    *line = s;
    *len = nl ? (size_t)(nl - s) : (size_t)(end - s);
    *pos += *len + (nl ? 1 : 0);
    return true;
}

int lb_grid_row(const struct lb_view *v, size_t i, const struct lb_cell *cells,
                struct lb_buf *out, const void *ctx, struct lb_error *err)
{
    const struct lb_grid *g = ctx;
    size_t j;

    (void)i;
    (void)err;
    lb_buf_adds(out, g->open);
    for (j = 0; j < v->ncols; j++) {
        const struct lb_cell *c = &cells[j];

        if (j > 0)
            lb_buf_adds(out, g->sep);
        if (c->kind == LB_CELL_MISSING)
            lb_buf_adds(out, g->missing);
        else if (c->kind == LB_CELL_NUMBER)
            lb_buf_add(out, c->s, c->len);
        else if (c->kind == LB_CELL_TEXT)
            g->escape(out, c->s, c->len);
        if (c->marked)
            lb_buf_adds(out, g->mark);
    }
    lb_buf_adds(out, g->close);
    return 0;
}

void lb_grid_header(const struct lb_view *v, const struct lb_grid *g,
                    bool keys, struct lb_buf *out)
{
    size_t j;

    lb_buf_adds(out, g->open);
    for (j = 0; j < v->ncols; j++) {
        const char *name = keys ? v->cols[j].key : v->cols[j].name;

        if (j > 0)
            lb_buf_adds(out, g->sep);
        g->escape(out, name, strlen(name));
    }
    lb_buf_adds(out, g->close);
}
