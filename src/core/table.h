/* table.h: a score file in memory.
 *
 * One table of N rows and C columns, loaded once from CSV (csv_read.c).
 * Each column keeps what its use needs:
 *   - text: every cell as written, in one arena per column (cells are
 *     NUL-terminated; a per-row 32-bit offset finds them);
 *   - numbers: every cell parsed as an exact decimal (base/decimal.h), all
 *     at the column's scale (the largest number of decimals seen), with a
 *     bitmap of missing cells; in 32-bit integers while every value fits,
 *     else 64, else 128 (95.5 beside 0.30000000000000004 is 955 * 10^16 at
 *     17 decimals: more than 64 bits). Every value lb_score_cell accepts
 *     fits: below 2^63 at its own scale, so below 2^123 at 18 decimals.
 * The model column is text only; the catalog's benchmark columns are numbers
 * only; every other column keeps its text and, while all its cells are
 * numbers, its numbers too. The first cell that stops a column from being
 * numeric (or a catalog benchmark's value out of range) is remembered, so
 * that selecting the column later can report it with its file position. */
#ifndef LB_CORE_TABLE_H
#define LB_CORE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/decimal.h"
#include "base/error.h"
#include "core/catalog.h"

#define LB_NPOS ((size_t)-1)

/* A row index where memory per row counts (orderings, ranks): 32 bits, so
 * a table has at most LB_MAX_ROWS rows (twice a rank must fit too). */
typedef uint32_t lb_row;
#define LB_MAX_ROWS ((size_t)INT32_MAX - 1)

enum lb_bad_kind {
    LB_BAD_NONE,   /* every cell is a number (or the column is not numeric) */
    LB_BAD_NUMBER, /* a cell that is not a number: see 'status' */
    LB_BAD_RANGE   /* a number outside the catalog benchmark's range */
};

struct lb_bad_cell {
    enum lb_bad_kind kind;
    enum lb_num_status status; /* for LB_BAD_NUMBER */
    size_t line;               /* physical line of the cell (1-based) */
    char *value;               /* the cell as written, maybe shortened (owned) */
    size_t value_len;
};

struct lb_field;
struct lb_schema;

struct lb_column {
    char *name;                        /* header text (owned) */
    size_t index;                      /* 0-based position in the header */
    const struct lb_bench_info *bench; /* catalog benchmark, or NULL */
    const struct lb_field *field;      /* what the column is: its field in
                                          the table's schema (after the
                                          load, never NULL) */

    bool has_text;     /* cells kept as text */
    char *text;        /* arena: cells, each NUL-terminated (owned) */
    size_t text_len;   /* bytes used in 'text' */
    size_t text_cap;   /* bytes allocated for 'text' */
    uint32_t *text_off; /* row -> offset of its cell in 'text' (owned) */

    bool numeric;       /* every cell so far is a number or missing */
    int32_t *num32;     /* row -> value * 10^scale, 0 when missing, while
                           every value fits in 32 bits (owned) */
    int64_t *num64;     /* the same once one does not (owned) */
    lb_i128 *num128;    /* the same once one does not fit in 64 bits
                           (owned); a numeric column has exactly one of
                           num32, num64, num128: read them with
                           lb_column_num */
    uint8_t *missing;   /* bit per row: set when the cell is missing (owned) */
    unsigned scale;     /* decimals of 'num' */
    uint8_t *dec;       /* row -> the decimals its number was written with
                           ("50.0": 1; for lossless output), or NULL while
                           every number of the column has 'written'
                           decimals (owned); read with lb_column_decimals */
    uint8_t written;    /* those decimals, while dec is NULL */
    size_t n_present;   /* cells holding a number */
    size_t n_percent;   /* of them, written with '%' after the number
                           ("77.47%", as published boards write them): a
                           column has all or none (else it is bad) */
    size_t n_sentinel;  /* cells read as missing because they held the
                           column's sentinel (-1 meaning unknown) or a
                           number the schema names as missing */
    /* what the values are, over every row read, whether a filter kept it
     * or not (so that what a column is never depends on --where): */
    size_t n_values;    /* numbers read */
    size_t n_minus_one; /* of them, exactly -1 */
    size_t n_negative;  /* below 0, other than -1 */
    bool above_100;     /* one is above 100 */
    struct lb_bad_cell bad; /* why the column is not (fully) usable */
    struct lb_bad_cell unit; /* the first cell written with '%' (kind
                           LB_BAD_NUMBER, status LB_NUM_UNIT), kept until
                           the load ends, or kind LB_BAD_NONE */
};

struct lb_table {
    char *path;              /* file name for messages ("<stdin>" for -),
                                terminal-safe: control bytes, bidi controls
                                and invalid UTF-8 shown as escapes
                                (lb_utf8_render) */
    size_t ncols;            /* columns in the header */
    struct lb_column *cols;  /* ncols columns (owned) */
    size_t model_col;        /* index of the model column */
    size_t nrows;            /* data rows */
    size_t cap_rows;         /* rows allocated in every per-row array */
    size_t first_line;       /* line where the first data row starts */
    unsigned threads;        /* threads that parsed the file (1 or 2) */
    size_t *row_line;        /* row -> line where it starts, or NULL when
                                row r starts at first_line + r (owned); read
                                with lb_table_line */
    struct lb_col_index *index; /* the columns by name, for lb_table_find
                                   (lb_table_index; owned), or NULL */
    struct lb_schema *schema; /* what each column is (core/schema.h): the
                                 schema read, completed by inference, one
                                 field per column (owned) */
};

/* A filter sees each data row as soon as it is read and says whether the
 * table keeps it: a row not kept takes no memory. (Its cells still count
 * for the first bad cell of a column, as when every row is kept.) */
struct lb_row_filter {
    /* once the header is read (no rows yet): 0, or -1 with err set to fail
     * the load */
    int (*start)(const struct lb_table *t, void *ctx, struct lb_error *err);
    /* the row t->nrows - 1 has just been read: keep it? keep may also drop
     * earlier rows with lb_table_retain */
    bool (*keep)(struct lb_table *t, void *ctx);
    void *ctx;
};

struct lb_load_opts {
    const char *model_column; /* name of the model column; NULL: the
                                 schema's, else the first of model,
                                 model_id, model_name, name (any letter
                                 case) */
    const char *schema_path;  /* --schema FILE; NULL: NAME.schema.json
                                 beside the file, if any (lb_schema_beside),
                                 else inferred */
    const struct lb_schema *schema; /* a schema already read (not kept),
                                 instead of schema_path */
    bool keep_text;           /* keep every column's text, the catalog
                                 benchmarks' too (add needs it) */
    bool allow_no_rows;       /* a header without rows is a valid table */
    size_t parallel_min;      /* files from this size up are parsed by two
                                 threads; 0: the default (16 MiB) */
    size_t reserve_min;       /* a two-thread load of this many bytes or
                                 more sizes its arrays from the first block;
                                 0: the default (16 MiB) */
    const struct lb_row_filter *filter; /* rows to keep, or NULL: all (a
                                 filtered load uses one thread) */
    bool libcsv_only;         /* every line through libcsv, none through the
                                 fast path for quote-free lines (for the
                                 tests that prove the two equal) */
    size_t block_size;        /* lb_table_load_mem: bytes handed to the
                                 parser at once; 0: 1 MiB, as from a file
                                 (tests put block ends everywhere) */
    /* called after each block (1 MiB) of a file is parsed, with the bytes
     * done so far and the file's size (0 when unknown: a pipe), from the
     * loading thread only; NULL: none (the CLI draws a progress bar) */
    void (*progress)(size_t done, size_t total, void *ctx);
    void *progress_ctx;
};

/* Loads a score file: 'path' ("-" for standard input) is read with libcsv in
 * large blocks (RFC 4180; LF, CRLF or CR line ends; a UTF-8 byte order mark
 * is skipped; blank lines are skipped). On success fills *t (which the
 * caller releases with lb_table_release) and returns 0. On failure returns
 * -1 with a message "FILE[:LINE[:COLUMN]]: ..." in err and leaves *t empty.
 * A file with no header, a header without rows, a row whose number of fields
 * differs from the header's, a bad quote, a duplicate or empty column name,
 * a missing model column, an empty model name or a NUL byte are errors.
 * The schema (opts->schema, else opts->schema_path, else the file's
 * NAME.schema.json, else none) is bound to the table (lb_schema_bind):
 * t->schema says what each column is. */
int lb_table_load(struct lb_table *t, const char *path,
                  const struct lb_load_opts *opts, struct lb_error *err);

/* Same, from a memory buffer; 'name' is used in messages. */
int lb_table_load_mem(struct lb_table *t, const char *name, const char *data,
                      size_t len, const struct lb_load_opts *opts,
                      struct lb_error *err);

/* Keeps only the rows whose keep[row] is true, in their order, and frees
 * nothing (the arrays keep their size for the rows to come). */
void lb_table_retain(struct lb_table *t, const bool *keep);

/* Whether two loads of the same bytes gave the same table: rows, lines,
 * every cell's text, number and decimals, what each column learned (scale,
 * counts, first bad cell). If not, says where first in why[0..size). For
 * the tests that prove two ways of loading equal (one or two threads, the
 * fast path or libcsv alone). */
bool lb_table_same(const struct lb_table *a, const struct lb_table *b,
                   char *why, size_t size);

/* Frees everything the table owns; accepts an empty table. */
void lb_table_release(struct lb_table *t);

/* The text of a cell (NUL-terminated) and its length; the column must have
 * text (has_text). */
const char *lb_table_text(const struct lb_table *t, size_t col, size_t row,
                          size_t *len);

/* The model name of a row. */
const char *lb_table_model(const struct lb_table *t, size_t row, size_t *len);

/* Whether every cell of rows from..to (exclusive) of a text column is
 * printable ASCII (bytes 0x20 to 0x7E), read in one pass over the column's
 * text rather than a cell at a time. If so, sets *longest to the row of
 * the longest cell (the first of them; LB_NPOS when from == to) and
 * returns true; else returns false. */
bool lb_table_text_plain(const struct lb_table *t, size_t col, size_t from,
                         size_t to, size_t *longest);

/* The value of a numeric column's cell, times 10^scale (0 when missing):
 * below 2^63 * 10^scale in magnitude. */
static inline lb_i128 lb_column_num(const struct lb_column *c, size_t row)
{
    if (c->num32 != NULL)
        return c->num32[row];
    return c->num64 != NULL ? c->num64[row] : c->num128[row];
}

/* The same for a column without 128-bit numbers (num128 NULL), in 64 bits:
 * for loops that choose the width once per column. */
static inline int64_t lb_column_num64(const struct lb_column *c, size_t row)
{
    return c->num32 != NULL ? c->num32[row] : c->num64[row];
}

/* The decimals a numeric cell was written with (its value, shown so,
 * gives back its digits). */
static inline unsigned lb_column_decimals(const struct lb_column *c,
                                          size_t row)
{
    return c->dec != NULL ? c->dec[row] : c->written;
}

/* The same value as an exact decimal: at the column's scale when that fits
 * in 64 bits, else at a smaller one (it always fits at the scale it was
 * written with). */
void lb_column_dec(const struct lb_column *c, size_t row, struct lb_dec *d);

/* Asks for the cell's number to be brought into the cache. */
static inline void lb_column_prefetch(const struct lb_column *c, size_t row)
{
    if (c->num32 != NULL)
        __builtin_prefetch(&c->num32[row]);
    else if (c->num64 != NULL)
        __builtin_prefetch(&c->num64[row]);
    else
        __builtin_prefetch(&c->num128[row]);
    __builtin_prefetch(&c->missing[row >> 3]);
}

/* Whether lower values of the column are better: its schema says so (or
 * the inference, or the catalog). */
bool lb_column_lower_better(const struct lb_column *c);

/* Whether the number d lies in lo..hi (a catalog benchmark's range). */
static inline bool lb_score_in_range(const struct lb_dec *d, int lo, int hi)
{
    /* 64 bits while the bounds fit (|bound| < 2^31, 10^9 < 2^30: up to 9
     * decimals), else 128: 100 * 10^18 does not fit in 64 */
    if (d->scale <= 9)
        return d->units >= (int64_t)lo * lb_pow10[d->scale] &&
               d->units <= (int64_t)hi * lb_pow10[d->scale];
    return d->units >= (lb_i128)lo * lb_pow10[d->scale] &&
           d->units <= (lb_i128)hi * lb_pow10[d->scale];
}

/* What a score cell s[0..len) holds, decided here once for every command
 * that reads or writes scores (check, add, import; rank's loader applies
 * its two steps, lb_dec_parse then lb_score_in_range, inline):
 *   LB_BAD_NONE    a number, exact in *d (*st LB_NUM_OK), or a missing cell
 *                  (*st LB_NUM_MISSING): it can be kept beside any other
 *                  value of its column;
 *   LB_BAD_NUMBER  not a number that can be kept (*st says why);
 *   LB_BAD_RANGE   a number (in *d), but 'ranged' and outside lo..hi. */
static inline enum lb_bad_kind lb_score_cell(const char *s, size_t len,
                                             bool ranged, int lo, int hi,
                                             struct lb_dec *d,
                                             enum lb_num_status *st)
{
    *st = lb_dec_parse(s, len, d);
    if (*st == LB_NUM_MISSING)
        return LB_BAD_NONE;
    if (*st != LB_NUM_OK)
        return LB_BAD_NUMBER;
    return ranged && !lb_score_in_range(d, lo, hi) ? LB_BAD_RANGE
                                                   : LB_BAD_NONE;
}

/* The physical line (1-based) where a data row starts. */
static inline size_t lb_table_line(const struct lb_table *t, size_t row)
{
    return t->row_line != NULL ? t->row_line[row] : t->first_line + row;
}

/* Whether a numeric column's cell is missing. */
static inline bool lb_column_missing(const struct lb_column *c, size_t row)
{
    return ((unsigned)c->missing[row >> 3] >> (row & 7)) & 1u;
}

/* Finds a column by name: an exact match first, then a match ignoring
 * letter case, then (for catalog benchmarks) the catalog's loose match.
 * Returns its index, or LB_NPOS when there is none or the loose matches are
 * ambiguous. In constant time once the table is indexed (lb_table_index:
 * the loader does it), so that looking up every column is linear. */
size_t lb_table_find(const struct lb_table *t, const char *name);

/* The column whose name is nearest to 'name' (edit distance, any letter
 * case), when near enough to be what was meant (at most a third of the
 * name's length, and at least 1); else LB_NPOS. For "did you mean" in
 * messages about a name that no column has. */
size_t lb_table_suggest(const struct lb_table *t, const char *name);

/* Indexes the columns' names for lb_table_find (again after a column is
 * added or renamed). */
void lb_table_index(struct lb_table *t);

/* When column 'col' cannot be used as numbers (a bad cell, or text only),
 * writes the reason into err and returns -1; otherwise returns 0. The
 * message names the file, line, column, the column name and the value:
 * "FILE:LINE:COL: 'abc' is not a number (column 'MMLU')". */
int lb_table_check_numeric(const struct lb_table *t, size_t col,
                           struct lb_error *err);

#endif
