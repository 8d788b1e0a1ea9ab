/* cells.h: what every writer shows in a cell, before its own escaping.
 * Internal to src/export. */
#ifndef LB_EXPORT_CELLS_H
#define LB_EXPORT_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "export/export.h"

/* Kinds of listed column. */
enum cell_col_kind {
    CELL_RANK,
    CELL_MODEL,
    CELL_MEAN,
    CELL_EXTRA, /* sel->extra[i] */
    CELL_BENCH, /* sel->bench[i] */
    CELL_CI_LO, /* the aggregate's 95% interval (core/ci.h) */
    CELL_CI_HI,
    CELL_RANK_LO, /* the rank's 95% interval */
    CELL_RANK_HI,
    CELL_RANK_UB, /* the upper-bound rank */
    CELL_P_FIRST  /* P(rank 1) */
};

struct cell_col {
    enum cell_col_kind kind;
    size_t col;     /* table column (CELL_MODEL, CELL_EXTRA, CELL_BENCH) */
    bool numeric;   /* a number formatted at the precision */
    bool right;     /* right-aligned in tables: the column holds numbers */
    const char *name; /* header text */
};

/* The columns of the board's tables, in output order; caller frees the array.
 * With intervals: after the value, CI low, CI high, Rank low, Rank high,
 * UB rank, P(rank 1). */
struct cell_col *cells_columns(const struct lb_board *r, size_t *n);

/* Whether the board shows intervals (asked for and available). */
bool cells_has_ci(const struct lb_board *r);

/* The column's name in CSV and JSON: "rank", "model", the method's key
 * ("average"), "ci_low", ..., "p_rank1", else the column's header. */
const char *cells_key(const struct lb_board *r, const struct cell_col *c);

/* A cell's content: text (pointing into the table), a number formatted at
 * the precision (in num), or nothing. */
enum cell_kind { CELL_IS_MISSING, CELL_IS_TEXT, CELL_IS_NUMBER };

struct cell {
    enum cell_kind kind;
    const char *s;  /* the content, not NUL-terminated for text */
    size_t len;
    char num[LB_DEC_BUFSIZE]; /* where numbers are formatted */
};

/* Fills *out with row's cell of column c: ranks as "3" or "2.5", numbers at
 * the precision. Returns 0, or -1 when a number cannot be rounded (err
 * set). */
int cells_get(const struct lb_board *r, const struct cell_col *c, size_t row,
              struct cell *out, struct lb_error *err);

/* Appends row's cell of column c to out: text through escape (or as it
 * is when escape is NULL), numbers formatted in place, nothing for a
 * missing cell. Returns 0, or -1 when a number cannot be rounded. */
typedef void (*cells_escape_fn)(struct lb_buf *out, const char *s, size_t len);
int cells_put(const struct lb_board *r, const struct cell_col *c, size_t row,
              struct lb_buf *out, cells_escape_fn escape, struct lb_error *err);

/* Appends the i-th listed row of r to out in a writer's format; ctx is
 * the writer's (read only: two threads may call fn at once). */
typedef int (*cells_row_fn)(const struct lb_board *r,
                            const struct cell_col *cols, size_t ncols,
                            size_t i, struct lb_buf *out, const void *ctx,
                            struct lb_error *err);

/* Writes every listed row with fn, in order; long outputs are formatted by
 * two threads (export/rows.c). Returns 0, or -1 when fn failed. */
int cells_write_rows(FILE *out, const struct lb_board *r,
                     const struct cell_col *cols, size_t ncols,
                     cells_row_fn fn, const void *ctx, struct lb_error *err);

/* True when the row's mean leaves out or imputes a score (--missing
 * partial or zero with a score missing). */
bool cells_mean_is_marked(const struct lb_board *r, size_t row);

/* The line above a table: "Average of 6 benchmarks (Open LLM Leaderboard
 * v1): ARC, HellaSwag, ..." with "Ranked by X. " before it for --sort; for
 * other methods "Weighted mean of 6 benchmarks ...: ARC x2, ...",
 * "Normalized mean ..., 0 = random guess, 100 = perfect: ARC (baseline
 * 25), ...", and "(lower is better)" after such a benchmark. */
void cells_title(const struct lb_board *r, struct lb_buf *out);

/* "Average of 6 benchmarks", "Mean win rate (HELM) over 6 benchmarks",
 * ...: what the value is (capitalized or not). */
void cells_value_phrase(const struct lb_board *r, struct lb_buf *out,
                        bool capital);

/* Footer sentences, one per line without the final newline: counts of
 * ranked and unranked rows with the reason, --top, the mark of partial
 * means. Returns the number of lines appended (each ends with '\n'). */
size_t cells_footer(const struct lb_board *r, struct lb_buf *out);

/* Output follows the rank order, so every row's cells are in memory far
 * from the previous row's: writers tell the cache which rows come next.
 * cells_prefetch_far(row) asks for the per-row arrays of 'row' (call it
 * CELLS_AHEAD_FAR rows ahead), cells_prefetch_near(row) for the text they
 * point to (CELLS_AHEAD_NEAR rows ahead, once the offsets are cached). */
#define CELLS_AHEAD_FAR 24
#define CELLS_AHEAD_NEAR 12
void cells_prefetch_far(const struct lb_board *r, const struct cell_col *cols,
                        size_t ncols, size_t row);
void cells_prefetch_near(const struct lb_board *r, const struct cell_col *cols,
                         size_t ncols, size_t row);

/* Both, for position i of the listed rows. */
void cells_prefetch(const struct lb_board *r, const struct cell_col *cols,
                    size_t ncols, size_t i);

/* True for text that a spreadsheet would read as a formula. */
/* Copies the UTF-8 character at s[0] (a byte >= 0x80) to out and returns
 * the bytes it took: a valid, safe character as it is; invalid UTF-8 (one
 * byte taken) as 'invalid'; a C1, bidi or other unsafe control as \uHHHH
 * when 'show' is set, else as 'invalid'. The one place where the escapers
 * treat non-ASCII text. */
size_t cells_put_nonascii(struct lb_buf *out, const char *s, size_t len,
                          const char *invalid, bool show);

bool cells_formula_like(const char *s, size_t len);

#endif
