/* add.h: adding rows to a score file without changing anything else.
 *
 * lb_add_apply computes the new content of a score file from its current
 * bytes and the new rows; it does no I/O (cli/add.c locks, reads and
 * replaces the file). Every row that is not added or replaced comes out
 * byte for byte as it was: quoting, number spelling, line ends, a last line
 * without a newline, blank lines, a byte order mark. New rows are written in
 * the file's line-end style, fields quoted only where RFC 4180 requires
 * (libcsv's writer), numbers as the user wrote them.
 *
 * Validation, before anything is built (one bad row: nothing is added):
 *   - every assigned column exists in the file (a catalog benchmark may be
 *     named loosely: "arc" finds ARC), unless new_column: then it is added
 *     at the end of the header and every existing row gets an empty cell;
 *   - a benchmark cell (a catalog benchmark, or a column the file averages
 *     by default, or a new column assigned as a benchmark) holds a finite
 *     number in the benchmark's range (the catalog's, else 0 to 100), or is
 *     empty; a benchmark left out is an empty cell;
 *   - the key (model, and precision when the file has a precision column)
 *     is not in the file, unless replace: then that row is updated in place
 *     (the columns given take the new values, the others keep theirs);
 *   - no key twice among the new rows, no column twice in a row;
 *   - no text that a spreadsheet would run as a formula (the score file is
 *     a CSV people open in spreadsheets): a model name, a cell or a new
 *     column name whose first character is '=', '+', '-', '@', TAB or CR
 *     is refused unless it is a number (-5) or a missing mark (-), or
 *     allow_formulas is set. */
#ifndef LB_CORE_ADD_H
#define LB_CORE_ADD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/error.h"

struct lb_assign {
    const char *column;  /* column name as given */
    const char *value;   /* the text, NUL-terminated */
    size_t value_len;
    bool benchmark;      /* given as BENCH=VALUE: a new column is a benchmark */
    const char *origin;  /* where it came from, to start messages:
                            "argument 'ARC=61'" or "rows.csv:3:2" */
    const char *keep_before; /* NULL: value replaces the old cell. Else,
                            in a text column of a row that replaces one:
                            the old cell's text before this marker (where
                            it starts the cell or follows "; "; no marker:
                            all of it) is kept, then "; " and value (value
                            empty: the kept text alone). import rewrites
                            its own part of the note, not a person's. */
};

struct lb_new_row {
    const char *model;   /* NUL-terminated */
    size_t model_len;
    const char *origin;  /* where the model came from, for messages */
    struct lb_assign *cells;
    size_t ncells;
};

struct lb_add_opts {
    bool replace;        /* update a row whose key exists */
    bool new_column;     /* add columns the file lacks */
    bool allow_formulas; /* store text a spreadsheet would run as it is */
    bool force;          /* accept scores that look like fractions (0 to
                            1) on a board whose scores go above 1 */
    const char *schema_path; /* the board's schema file (--schema, or
                            NAME.schema.json beside the file), or NULL:
                            inferred */
};

/* Computes into 'out' the file 'name' (current content data[0..len)) with
 * the rows added. row_index[i] receives the index, among the data rows of
 * the new content, of new row i; replaced[i] whether it replaced an
 * existing row. Returns 0, or -1 with a message in err. */
int lb_add_apply(const char *name, const char *data, size_t len,
                 const struct lb_new_row *rows, size_t nrows,
                 const struct lb_add_opts *opts, struct lb_buf *out,
                 size_t *row_index, bool *replaced, struct lb_error *err);

/* The content of a new score file holding these rows: a header of "model"
 * and the columns in the order first given, LF line ends. Validated as
 * lb_add_apply would (catalog ranges, duplicates, formulas: only
 * opts->allow_formulas is read). */
int lb_add_create(const char *name, const struct lb_new_row *rows,
                  size_t nrows, const struct lb_add_opts *opts,
                  struct lb_buf *out, struct lb_error *err);

/* The same, with a header that starts with "model" and header[0..nheader)
 * (import's canonical header), then the other columns the rows give. */
int lb_add_create_with(const char *name, const char *const *header,
                       size_t nheader, const struct lb_new_row *rows,
                       size_t nrows, const struct lb_add_opts *opts,
                       struct lb_buf *out, struct lb_error *err);

#endif
