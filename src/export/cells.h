/* cells.h: what every writer shows in a cell, before its own escaping.
 * Internal to src/export. */
#ifndef LB_EXPORT_CELLS_H
#define LB_EXPORT_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "export/export.h"

/* Kinds of listed column. */
enum cell_col_kind {
    CELL_RANK,
    CELL_MODEL,
    CELL_MEAN,
    CELL_EXTRA, /* sel->extra[i] */
    CELL_BENCH  /* sel->bench[i] */
};

struct cell_col {
    enum cell_col_kind kind;
    size_t col;     /* table column (CELL_MODEL, CELL_EXTRA, CELL_BENCH) */
    bool numeric;   /* a number formatted at the precision */
    bool right;     /* right-aligned in tables: the column holds numbers */
    const char *name; /* header text */
};

/* The columns of the board's tables, in output order; caller frees the array. */
struct cell_col *cells_columns(const struct lb_board *r, size_t *n);

/* Appends the cell's content to out; missing values append nothing and
 * return false (each writer shows them its way). Numbers are formatted at
 * the precision; a rank as "3" or "2.5". Returns -1 when a number cannot be
 * rounded (err set), else 1 when something was appended, 0 when missing. */
int cells_value(const struct lb_board *r, const struct cell_col *c,
                size_t row, struct lb_buf *out, struct lb_error *err);

/* True when the row's mean leaves out or imputes a score (--missing
 * partial or zero with a score missing). */
bool cells_mean_is_marked(const struct lb_board *r, size_t row);

/* The line above a table: "Average of 6 benchmarks (Open LLM Leaderboard
 * v1): ARC, HellaSwag, ..." with "Ranked by X. " before it for --sort. */
void cells_title(const struct lb_board *r, struct lb_buf *out);

/* Footer sentences, one per line without the final newline: counts of
 * ranked and unranked rows with the reason, --top, the mark of partial
 * means. Returns the number of lines appended (each ends with '\n'). */
size_t cells_footer(const struct lb_board *r, struct lb_buf *out);

/* True for text that a spreadsheet would read as a formula. */
bool cells_formula_like(const char *s, size_t len);

#endif
