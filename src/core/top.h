/* top.h: load a score file and compute its board in one step. With
 * opts->rank.top > 0 (and benchmarks known from the header: catalog columns,
 * --benchmarks or --sort), rows that cannot be among the first N are dropped
 * as the file is read: memory holds the rows kept, not the file. The board
 * is the one lb_board_compute gives on the whole file, with the same counts
 * of rows and ranked rows. */
#ifndef LB_CORE_TOP_H
#define LB_CORE_TOP_H

#include <stdbool.h>

#include "base/error.h"
#include "core/board.h"
#include "core/table.h"

/* Whether lb_board_load drops rows while reading for --top (only for a
 * plain mean, and when nothing after the load needs every row: no
 * --dedup, no intervals). */
bool lb_board_streams_top(const struct lb_board_opts *bo);

/* Loads 'path' into *t and computes *b: rows for which bo->where is not
 * true are dropped as they are read (counted in b->n_filtered), then
 * bo->dedup keeps one row per model (b->n_duplicates), then the board is
 * computed on the rows kept. Returns 0, or -1 with a message in
 * err (then *t is released and *b empty). Release both on success. */
int lb_board_load(struct lb_table *t, struct lb_board *b, const char *path,
                  const struct lb_load_opts *lo, const struct lb_board_opts *bo,
                  struct lb_error *err);

/* The same from data[0..len) (a file's bytes at a git commit), named
 * 'name' in messages: no schema is looked for beside it (give lo->schema
 * or lo->schema_path). */
int lb_board_load_mem(struct lb_table *t, struct lb_board *b, const char *name,
                      const char *data, size_t len,
                      const struct lb_load_opts *lo,
                      const struct lb_board_opts *bo, struct lb_error *err);

#endif
