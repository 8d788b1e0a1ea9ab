/* rows.c: writing the body rows of a view, in order, with two threads for
 * long outputs.
 *
 * Formatting a row (rounding numbers, escaping text, reading cells that
 * lie far apart in memory) costs much more than writing its bytes, so a
 * helper thread formats every other chunk of rows while this one formats
 * the others, and this one writes the chunks in order. Each thread has its
 * own cells.
 *
 * The rows of a ranking, taken in rank order, lie at random in memory, and
 * waiting for memory is then most of what formatting them costs. A view
 * that says where each row lies (lb_view_source_fn) has the rows of a
 * chunk formatted in that order instead, reading memory forwards, and
 * written from there in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "base/xalloc.h"
#include "export/writer.h"

#define FLUSH_AT (1u << 18) /* bytes gathered before a write: small, and
                               never crossed by a row unless one row is
                               longer, so that the buffer keeps its first
                               size (1 MiB grew to a huge page of 2); at a
                               million rows, 280 writes */

/* Without a chunk size in lb_export_tuning, a chunk holds about
 * CHUNK_BYTES of formatted rows (from the width of the first rows), and
 * from CHUNK_MIN to CHUNK_MAX rows: the more rows, the closer in memory
 * the rows of a ranking's chunk lie; the fewer, the less memory
 * (lb_chunk_rows). */
#define CHUNK_BYTES (7u << 19) /* 3.5 MiB: a little over fits a 4 MiB
                                    buffer; 4 MiB needed 8 (in pairs
                                    at 1e6: CPU 1.01, 2 MiB less) */
#define CHUNK_MIN 8192
#define CHUNK_MAX 65536
/* ... but for rows formatted in the order of their sources that would lie
 * more than twice CHUNK_SPREAD rows apart in memory, a CHUNK_SPREAD-th of
 * the rows (at 10 million rows, 49,000-row chunks read rows 200 apart;
 * 416,000, 24 apart: writing took 3.9 s instead of 4.8, and 6 MB more at
 * the peak; at a million, 33 apart at most, the chunks stay small) */
#define CHUNK_SPREAD 24
#define SAMPLE_ROWS 64
#define SLOTS 1 /* chunks the helper formats ahead */
/* Rows whose cells are read together before they are formatted, in the
 * order of their sources: at 10 million rows, in pairs, 64 took CPU 0.80
 * of none, 32 0.87, 128 0.95 (at a million, where a chunk's rows lie
 * closer together, none of them changed anything measurable). */
#define TOUCH_ROWS 64
/* Rows ahead whose span is fetched when a chunk's rows are put back in
 * order: at 10 million rows, putting them back took 0.22 s with 16 against
 * 0.28 with none and 0.23 with 48 (timed inside, 3 runs each). */
#define GATHER_AHEAD 16

struct lb_export_tuning lb_export_tuning = {65536, 0, false};

struct job {
    const struct lb_view *v;
    lb_row_fn fn;
    const void *ctx;
    size_t chunk_rows; /* rows of a chunk */
};

/* A chunk of formatted rows: in order, or in the order of their sources,
 * row k (within the chunk) then being 'len' bytes at 'start' in text, with
 * span[k] = start << 32 | len. */
struct chunk {
    struct lb_buf text;
    bool by_source;
    size_t n;            /* rows */
    uint64_t *key, *tmp; /* source << 32 | row within the chunk, sorted;
                            tmp: after the sort, the span of each row */
    size_t cap;          /* rows the arrays hold */
    unsigned touched;    /* what lb_view_touch_fn read, summed (unused) */
};

static void chunk_init(struct chunk *c)
{
    memset(c, 0, sizeof *c);
    lb_buf_init(&c->text);
}

static void chunk_release(struct chunk *c)
{
    free(c->key);
    free(c->tmp);
    lb_buf_release(&c->text);
}

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

/* Sorts c->key[0..n) by their upper 32 bits: an LSD radix sort, three
 * passes of 11 bits (each skipped when all keys share its digit). */
static void sort_sources(struct chunk *c, size_t n)
{
    size_t count[2048], pass, i;

    for (pass = 0; pass < 3; pass++) {
        unsigned shift = 32 + 11 * (unsigned)pass;
        size_t sum = 0;
        uint64_t *swap;

        memset(count, 0, sizeof count);
        for (i = 0; i < n; i++)
            count[(c->key[i] >> shift) & 2047]++;
        if (count[(c->key[0] >> shift) & 2047] == n)
            continue;
        for (i = 0; i < 2048; i++) {
            size_t k = count[i];

            count[i] = sum;
            sum += k;
        }
        for (i = 0; i < n; i++)
            c->tmp[count[(c->key[i] >> shift) & 2047]++] = c->key[i];
        swap = c->key;
        c->key = c->tmp;
        c->tmp = swap;
    }
}

#define ROW_OF(key) ((size_t)((key) & UINT32_MAX))

/* Reads the cells of the rows of keys[0..n) (lb_view_touch_fn): first what
 * lies in per-row arrays, then what that points to. */
static unsigned touch_rows(const struct lb_view *v, size_t from,
                           const uint64_t *keys, size_t n)
{
    unsigned sum = 0;
    size_t k;

    for (k = 0; k < n; k++)
        sum += v->touch(v, from + ROW_OF(keys[k]), true);
    for (k = 0; k < n; k++)
        sum += v->touch(v, from + ROW_OF(keys[k]), false);
    return sum;
}

/* Formats rows [from, to) into c in the order of their sources. */
static int format_by_source(const struct job *j, size_t from, size_t to,
                            struct lb_cell *cells, struct chunk *c,
                            struct lb_error *err)
{
    const struct lb_view *v = j->v;
    size_t n = to - from, k, start;

    if (n > c->cap) {
        c->key = xreallocarray(c->key, n, sizeof *c->key);
        c->tmp = xreallocarray(c->tmp, n, sizeof *c->tmp);
        c->cap = n;
    }
    for (k = 0; k < n; k++)
        c->key[k] = (uint64_t)v->source(v, from + k) << 32 | k;
    sort_sources(c, n);
    for (k = 0; k < n; k++) {
        size_t row = ROW_OF(c->key[k]);

        if (v->touch != NULL && k % TOUCH_ROWS == 0)
            c->touched += touch_rows(v, from, c->key + k,
                                     n - k < TOUCH_ROWS ? n - k : TOUCH_ROWS);
        start = c->text.len;
        if (v->cells(v, from + row, cells, err) != 0 ||
            j->fn(v, from + row, cells, &c->text, j->ctx, err) != 0 ||
            c->text.len > UINT32_MAX) {
            /* again in order: a failure's message is the first failing
             * row's; a chunk of 4 GiB or more is written as it comes */
            lb_buf_reset(&c->text);
            return format_rows(j, from, to, cells, &c->text, err);
        }
        c->tmp[row] = (uint64_t)start << 32 | (c->text.len - start);
    }
    c->by_source = true;
    return 0;
}

/* Formats chunk 'chunk' of the rows into c. */
static int format_chunk(const struct job *j, size_t chunk,
                        struct lb_cell *cells, struct chunk *c,
                        struct lb_error *err)
{
    size_t from = chunk * j->chunk_rows, to = from + j->chunk_rows;

    if (to > j->v->nrows)
        to = j->v->nrows;
    lb_buf_reset(&c->text);
    c->by_source = false;
    c->n = to - from;
    if (j->v->source != NULL && to - from > 1)
        return format_by_source(j, from, to, cells, c, err);
    return format_rows(j, from, to, cells, &c->text, err);
}

/* Writes the rows of c in order. */
static void write_chunk(FILE *out, const struct chunk *c, struct lb_buf *flush)
{
    size_t k;

    if (!c->by_source) {
        fwrite(c->text.data, 1, c->text.len, out);
        return;
    }
    for (k = 0; k < c->n; k++) {
        size_t len = c->tmp[k] & UINT32_MAX;

        /* the spans lie at random in the chunk: ask for one well ahead */
        if (k + GATHER_AHEAD < c->n)
            __builtin_prefetch(c->text.data + (c->tmp[k + GATHER_AHEAD] >> 32));
        if (flush->len + len > FLUSH_AT && flush->len > 0) {
            fwrite(flush->data, 1, flush->len, out);
            lb_buf_reset(flush);
        }
        lb_buf_add(flush, c->text.data + (c->tmp[k] >> 32), len);
    }
    fwrite(flush->data, 1, flush->len, out);
    lb_buf_reset(flush);
}

struct helper {
    struct job job;
    size_t nchunks;
    mtx_t m;
    cnd_t c;
    struct chunk slot[SLOTS]; /* the helper's chunks: 2k+1 goes to
                                 slot[k % SLOTS] */
    bool full[SLOTS];         /* slot[i] holds a chunk not yet written */
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
        int slot = (int)((k / 2) % SLOTS), rc;

        mtx_lock(&h->m);
        while (h->full[slot] && !h->stop)
            cnd_wait(&h->c, &h->m);
        mtx_unlock(&h->m);
        if (h->stop)
            break;
        rc = format_chunk(&h->job, k, cells, &h->slot[slot], &h->err);
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
    struct chunk mine;
    struct lb_buf flush = LB_BUF_INIT;
    size_t k;
    int rc = 0;

    lb_buf_reserve(&flush, FLUSH_AT);

    chunk_init(&mine);
    for (k = 0; k < h->nchunks && rc == 0; k++) {
        if (k % 2 == 0) {
            rc = format_chunk(&h->job, k, cells, &mine, err);
            if (rc == 0)
                write_chunk(out, &mine, &flush);
        } else {
            int slot = (int)((k / 2) % SLOTS);

            mtx_lock(&h->m);
            while (!h->full[slot] && h->rc == 0)
                cnd_wait(&h->c, &h->m);
            rc = h->rc;
            mtx_unlock(&h->m);
            if (rc != 0) {
                *err = h->err;
                break;
            }
            write_chunk(out, &h->slot[slot], &flush);
            mtx_lock(&h->m);
            h->full[slot] = false;
            cnd_broadcast(&h->c);
            mtx_unlock(&h->m);
        }
    }
    chunk_release(&mine);
    lb_buf_release(&flush);
    return rc;
}

size_t lb_chunk_rows(size_t nrows, size_t row_bytes, bool by_source)
{
    size_t rows = CHUNK_BYTES / (row_bytes > 0 ? row_bytes : 1);

    if (rows < CHUNK_MIN)
        rows = CHUNK_MIN;
    if (rows > CHUNK_MAX)
        rows = CHUNK_MAX;
    if (by_source && nrows / (2 * CHUNK_SPREAD) > rows)
        rows = nrows / CHUNK_SPREAD;
    return rows;
}

/* The rows of a chunk: lb_export_tuning's, else lb_chunk_rows' from the
 * width of the first rows (formatted here once more). */
static int chunk_rows(struct job *j, struct lb_cell *cells,
                      struct lb_error *err)
{
    struct lb_buf sample = LB_BUF_INIT;
    size_t n = j->v->nrows < SAMPLE_ROWS ? j->v->nrows : SAMPLE_ROWS, per;
    int rc;

    if (lb_export_tuning.chunk_rows != 0) {
        j->chunk_rows = lb_export_tuning.chunk_rows;
        return 0;
    }
    rc = format_rows(j, 0, n, cells, &sample, err);
    per = n > 0 ? sample.len / n + 1 : 1;
    lb_buf_release(&sample);
    j->chunk_rows = lb_chunk_rows(j->v->nrows, per, j->v->source != NULL);
    return rc;
}

int lb_write_rows(FILE *out, const struct lb_view *v, lb_row_fn fn,
                  const void *ctx, struct lb_error *err)
{
    struct lb_cell *cells = lb_cells_new(v->ncols);
    struct helper h;
    thrd_t thr;
    size_t i;
    int rc;

    h.job.v = v;
    h.job.fn = fn;
    h.job.ctx = ctx;
    if (v->nrows < lb_export_tuning.parallel_rows ||
        chunk_rows(&h.job, cells, err) != 0 ||
        mtx_init(&h.m, mtx_plain) != thrd_success) {
        lb_error_init(err);
        rc = write_sequential(out, &h.job, cells, err);
        lb_cells_free(cells, v->ncols);
        return rc;
    }
    h.nchunks = (v->nrows + h.job.chunk_rows - 1) / h.job.chunk_rows;
    for (i = 0; i < SLOTS; i++) {
        chunk_init(&h.slot[i]);
        h.full[i] = false;
    }
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
    for (i = 0; i < SLOTS; i++)
        chunk_release(&h.slot[i]);
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

/* Copies n bytes to p and returns their end. */
static inline char *put(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* The grid's row with every piece copied into room reserved once (at most
 * the pieces' and the cells' lengths): text through g->escape only when
 * g->plain says it changes it. */
int lb_grid_row(const struct lb_view *v, size_t i, const struct lb_cell *cells,
                struct lb_buf *out, const void *ctx, struct lb_error *err)
{
    const struct lb_grid *g = ctx;
    size_t open = strlen(g->open), sep = strlen(g->sep),
           close = strlen(g->close), miss = strlen(g->missing),
           mark = strlen(g->mark), room = open + close, j;
    char *p;

    (void)i;
    (void)err;
    for (j = 0; j < v->ncols; j++)
        room += sep + mark + (cells[j].kind == LB_CELL_MISSING ? miss
                                                               : cells[j].len);
    lb_buf_reserve(out, room);
    p = put(out->data + out->len, g->open, open);
    for (j = 0; j < v->ncols; j++) {
        const struct lb_cell *c = &cells[j];

        if (j > 0)
            p = put(p, g->sep, sep);
        if (c->kind == LB_CELL_MISSING) {
            p = put(p, g->missing, miss);
        } else if (c->kind == LB_CELL_NUMBER ||
                   (c->kind == LB_CELL_TEXT && g->plain != NULL &&
                    g->plain(c->s, c->len))) {
            p = put(p, c->s, c->len);
        } else if (c->kind == LB_CELL_TEXT) {
            out->len = (size_t)(p - out->data);
            g->escape(out, c->s, c->len);
            lb_buf_reserve(out, room); /* room for the rest again */
            p = out->data + out->len;
        }
        if (c->marked)
            p = put(p, g->mark, mark);
    }
    p = put(p, g->close, close);
    out->len = (size_t)(p - out->data);
    out->data[out->len] = '\0';
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
