/* rows.c: writing the listed rows of a board, in order, with two threads
 * for long outputs.
 *
 * Formatting a row (rounding numbers, escaping text, reading cells that
 * lie far apart in memory) costs much more than writing its bytes, so a
 * helper thread formats every other chunk of rows while this one formats
 * the others, and this one writes the chunks in order. */
#include <stdlib.h>
#include <threads.h>

#include "export/cells.h"

#define FLUSH_AT (1u << 20) /* bytes gathered before a write */

struct lb_export_tuning lb_export_tuning = {65536, 8192};

#define CHUNK_ROWS lb_export_tuning.chunk_rows

struct helper {
    const struct lb_board *r;
    const struct cell_col *cols;
    size_t ncols;
    cells_row_fn fn;
    const void *ctx;
    size_t nchunks;
    mtx_t m;
    cnd_t c;
    struct lb_buf buf[2];  /* the helper's chunks: 2k+1 goes to buf[k % 2] */
    bool full[2];          /* buf[i] holds a chunk not yet written */
    bool stop;             /* the writer gave up */
    int rc;                /* the helper's failure */
    struct lb_error err;
};

static int format_chunk(const struct lb_board *r, const struct cell_col *cols,
                        size_t ncols, cells_row_fn fn, const void *ctx,
                        size_t chunk, struct lb_buf *out, struct lb_error *err)
{
    size_t i = chunk * CHUNK_ROWS, end = i + CHUNK_ROWS;

    if (end > r->ranking.n_listed)
        end = r->ranking.n_listed;
    for (; i < end; i++) {
        cells_prefetch(r, cols, ncols, i);
        if (fn(r, cols, ncols, i, out, ctx, err) != 0)
            return -1;
    }
    return 0;
}

static int run_helper(void *arg)
{
    struct helper *h = arg;
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
        rc = format_chunk(h->r, h->cols, h->ncols, h->fn, h->ctx, k,
                          &h->buf[slot], &h->err);
        mtx_lock(&h->m);
        h->rc = rc;
        h->full[slot] = true;
        cnd_broadcast(&h->c);
        mtx_unlock(&h->m);
        if (rc != 0)
            break;
    }
    return 0;
}

static int write_sequential(FILE *out, const struct lb_board *r,
                            const struct cell_col *cols, size_t ncols,
                            cells_row_fn fn, const void *ctx,
                            struct lb_error *err)
{
    struct lb_buf buf = LB_BUF_INIT;
    size_t i;
    int rc = 0;

    for (i = 0; i < r->ranking.n_listed && rc == 0; i++) {
        cells_prefetch(r, cols, ncols, i);
        rc = fn(r, cols, ncols, i, &buf, ctx, err);
        if (buf.len >= FLUSH_AT || i + 1 == r->ranking.n_listed) {
            fwrite(buf.data, 1, buf.len, out);
            lb_buf_reset(&buf);
        }
    }
    lb_buf_release(&buf);
    return rc;
}

int cells_write_rows(FILE *out, const struct lb_board *r,
                     const struct cell_col *cols, size_t ncols,
                     cells_row_fn fn, const void *ctx, struct lb_error *err)
{
    struct helper h;
    struct lb_buf mine = LB_BUF_INIT;
    thrd_t thr;
    size_t k;
    int rc = 0;

    if (r->ranking.n_listed < lb_export_tuning.parallel_rows ||
        CHUNK_ROWS == 0)
        return write_sequential(out, r, cols, ncols, fn, ctx, err);
    h.r = r;
    h.cols = cols;
    h.ncols = ncols;
    h.fn = fn;
    h.ctx = ctx;
    h.nchunks = (r->ranking.n_listed + CHUNK_ROWS - 1) / CHUNK_ROWS;
    lb_buf_init(&h.buf[0]);
    lb_buf_init(&h.buf[1]);
    h.full[0] = h.full[1] = false;
    h.stop = false;
    h.rc = 0;
    lb_error_init(&h.err);
    if (mtx_init(&h.m, mtx_plain) != thrd_success)
        return write_sequential(out, r, cols, ncols, fn, ctx, err);
    if (cnd_init(&h.c) != thrd_success) {
        mtx_destroy(&h.m);
        return write_sequential(out, r, cols, ncols, fn, ctx, err);
    }
    if (thrd_create(&thr, run_helper, &h) != thrd_success) {
        cnd_destroy(&h.c);
        mtx_destroy(&h.m);
        return write_sequential(out, r, cols, ncols, fn, ctx, err);
    }
    for (k = 0; k < h.nchunks && rc == 0; k++) {
        if (k % 2 == 0) {
            lb_buf_reset(&mine);
            rc = format_chunk(r, cols, ncols, fn, ctx, k, &mine, err);
            if (rc == 0)
                fwrite(mine.data, 1, mine.len, out);
        } else {
            int slot = (int)((k / 2) % 2);

            mtx_lock(&h.m);
            while (!h.full[slot] && h.rc == 0)
                cnd_wait(&h.c, &h.m);
            rc = h.rc;
            mtx_unlock(&h.m);
            if (rc != 0) {
                *err = h.err;
                break;
            }
            fwrite(h.buf[slot].data, 1, h.buf[slot].len, out);
            mtx_lock(&h.m);
            h.full[slot] = false;
            cnd_broadcast(&h.c);
            mtx_unlock(&h.m);
        }
    }
    mtx_lock(&h.m);
    h.stop = true;
    cnd_broadcast(&h.c);
    mtx_unlock(&h.m);
    thrd_join(thr, NULL);
    cnd_destroy(&h.c);
    mtx_destroy(&h.m);
    lb_buf_release(&h.buf[0]);
    lb_buf_release(&h.buf[1]);
    lb_buf_release(&mine);
    return rc;
}
