/* writer.h: what the writers of src/export share (internal to src/export):
 * the loop over a view's rows, the lines of its title and footer, and the
 * escaping functions, one per format (exposed for tests). */
#ifndef LB_EXPORT_WRITER_H
#define LB_EXPORT_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/error.h"
#include "export/view.h"

/* Appends row i of v, whose cells are in cells, to out in a writer's
 * format; ctx is the writer's (read only: two threads may call it at
 * once). Returns 0, or -1 with a message in err. */
typedef int (*lb_row_fn)(const struct lb_view *v, size_t i,
                         const struct lb_cell *cells, struct lb_buf *out,
                         const void *ctx, struct lb_error *err);

/* Writes the body rows of v with fn, in order. Formatting a row costs much
 * more than writing its bytes, so long outputs are formatted by two
 * threads, a chunk of rows at a time, and written in order (rows.c).
 * Returns 0, or -1 when a row failed (nothing more is written). */
int lb_write_rows(FILE *out, const struct lb_view *v, lb_row_fn fn,
                  const void *ctx, struct lb_error *err);

/* Appends the summary rows of v (after its body rows) to out with fn.
 * Returns 0, or -1 with a message in err. */
int lb_put_summary(const struct lb_view *v, lb_row_fn fn, const void *ctx,
                   struct lb_buf *out, struct lb_error *err);

/* Outputs of parallel_rows rows or more are formatted by two threads,
 * chunk_rows rows at a time (0: as many as make a few MiB); tests lower
 * both to exercise them. */
struct lb_export_tuning {
    size_t parallel_rows;
    size_t chunk_rows;
    bool no_scan; /* text: widths measured in rank order (lb_view_scan_fn
                     not used), for the test that proves the two equal */
};
extern struct lb_export_tuning lb_export_tuning;

/* The rows of a chunk of an output of nrows rows that are about row_bytes
 * bytes each: as many as make a few MiB (8,192 to 65,536); but when the
 * rows are formatted in the order of their sources (lb_view_source_fn)
 * and a chunk's would lie more than 48 rows apart, a 24th of the rows, so
 * that they lie close enough for the cache (the memory a chunk takes then
 * grows with the output: two chunks, a 12th of it). */
size_t lb_chunk_rows(size_t nrows, size_t row_bytes, bool by_source);

/* A grid: the formats that write a row as its cells between separators
 * (CSV, TSV, Markdown, LaTeX); their differences are data. */
struct lb_grid {
    const char *open;    /* before a row's first cell */
    const char *sep;     /* between two cells */
    const char *close;   /* after the last cell, the line end included */
    const char *missing; /* a missing value ("-"; "" in CSV) */
    const char *mark;    /* after a marked cell ("\\*"), or "" */
    void (*escape)(struct lb_buf *out, const char *s, size_t len);
    /* whether escape appends s as it is (the common case, then copied
     * straight), or NULL: escape is always called */
    bool (*plain)(const char *s, size_t len);
};

/* Appends the cells of row i as a row of the grid ctx (an lb_row_fn):
 * text escaped, numbers as they are, an absent cell empty. */
int lb_grid_row(const struct lb_view *v, size_t i, const struct lb_cell *cells,
                struct lb_buf *out, const void *ctx, struct lb_error *err);

/* Appends the header of v as a row of grid g: the columns' names, or their
 * keys with 'keys' (for programs). */
void lb_grid_header(const struct lb_view *v, const struct lb_grid *g,
                    bool keys, struct lb_buf *out);

/* Steps through the lines of text (each ending in '\n', the last maybe
 * not): sets *line and *len to the next one and returns true, or returns
 * false at the end. Start with *pos = 0. */
bool lb_next_line(const struct lb_buf *text, size_t *pos, const char **line,
                  size_t *len);

/* {======================================================================
 * Escaping: every piece of text a writer writes goes through its format's
 * one function
 * ======================================================================= */

void lb_escape_markdown(struct lb_buf *out, const char *s, size_t len);
void lb_escape_csv(struct lb_buf *out, const char *s, size_t len);
void lb_escape_tsv(struct lb_buf *out, const char *s, size_t len);
void lb_escape_json(struct lb_buf *out, const char *s, size_t len);
void lb_escape_html(struct lb_buf *out, const char *s, size_t len);
void lb_escape_latex(struct lb_buf *out, const char *s, size_t len);

/* How a format escapes text, as data (jq's @csv and @tsv differ only in
 * such a table): lb_escape_with applies it. */
struct lb_escapes {
    const char *ascii[128]; /* each ASCII byte's replacement, or NULL: the
                               rules below */
    const char *control;    /* a C0 control or DEL without a replacement:
                               this string, or NULL: \u00XX (JSON) */
    bool raw_controls;      /* ... or as it is (TSV) */
    const char *invalid;    /* a byte that is not UTF-8 (NULL: every byte
                               >= 0x80 as it is) */
    bool show_unsafe;       /* a C1, bidi or other unsafe control as
                               \uHHHH, else as 'invalid' */
};

/* Appends s[0..len) escaped as e says. */
void lb_escape_with(struct lb_buf *out, const char *s, size_t len,
                    const struct lb_escapes *e);

/* Copies the UTF-8 character at s[0] (a byte >= 0x80) to out and returns
 * the bytes it took: a valid, safe character as it is; invalid UTF-8 (one
 * byte taken) as 'invalid'; a C1, bidi or other unsafe control as \uHHHH
 * when 'show' is set, else as 'invalid'. The one place where the escapers
 * treat non-ASCII text. */
size_t lb_put_nonascii(struct lb_buf *out, const char *s, size_t len,
                       const char *invalid, bool show);


/* }====================================================================== */

#endif
