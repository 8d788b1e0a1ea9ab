/* fuzz_csv_load.c: any bytes as a score file, through the whole pipeline:
 * lb_table_load_mem, then lb_board_compute (with the defaults, and with
 * options chosen by a hash of the input), then every lb_export format into
 * memory. A load or a computation may fail, with a terminal-safe message
 * naming the file; what loads must be a consistent table, and what is
 * written must satisfy outcheck.h. */
#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "core/board.h"
#include "core/table.h"
#include "fuzz.h"
#include "outcheck.h"

#define FUZZ_MAX_INPUT (1u << 20)
#define NAME "fuzz.csv"

static void check_table(const struct lb_table *t, bool allow_no_rows)
{
    size_t r, c;

    FUZZ_CHECK(t->ncols > 0 && t->model_col < t->ncols, "no model column");
    FUZZ_CHECK(t->nrows > 0 || allow_no_rows, "a table without rows");
    for (r = 0; r < t->nrows; r++) {
        size_t len;
        const char *m = lb_table_model(t, r, &len);

        FUZZ_CHECK(len > 0 && strlen(m) == len, "row %zu: model of %zu bytes",
                   r, len);
        FUZZ_CHECK(lb_table_line(t, r) >= 2 &&
                       (r == 0 || lb_table_line(t, r) > lb_table_line(t, r - 1)),
                   "row %zu starts on line %zu", r, lb_table_line(t, r));
    }
    for (c = 0; c < t->ncols; c++) {
        const struct lb_column *col = &t->cols[c];

        FUZZ_CHECK(col->name[0] != '\0', "column %zu has no name", c);
        FUZZ_CHECK(col->has_text || col->numeric || col->bad.kind != LB_BAD_NONE,
                   "column %zu keeps nothing", c);
        FUZZ_CHECK(!col->numeric || col->scale <= LB_DEC_MAX_SCALE,
                   "column %zu at scale %u", c, col->scale);
        if (col->bad.kind != LB_BAD_NONE)
            FUZZ_CHECK(col->bad.line >= 2, "bad cell on line %zu",
                       col->bad.line);
    }
}

/* "a,b,c" from the names of columns [from, to) */
/* The names of columns [from, to) into names (room for to - from);
 * returns how many. */
static size_t names_of(const struct lb_table *t, size_t from, size_t to,
                       const char **names)
{
    size_t i, n = 0;

    for (i = from; i < to && i < t->ncols; i++)
        names[n++] = t->cols[i].name;
    return n;
}

static void rank_and_export(const struct lb_table *t,
                            const struct lb_board_opts *o)
{
    struct lb_board b;
    struct lb_error err;

    lb_error_init(&err);
    if (lb_board_compute(&b, t, o, &err) == 0)
        fuzz_check_exports(&b);
    else
        fuzz_check_message(err.msg);
    lb_board_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fuzz_hash(data, size);
    struct lb_load_opts lo = {.keep_text = (h & 1) != 0, .allow_no_rows = (h & 2) != 0};
    struct lb_table t;
    struct lb_error err;
    struct lb_board_opts o;
    const char **bench = NULL, **cols = NULL;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    lb_error_init(&err);
    if (lb_table_load_mem(&t, NAME, (const char *)data, size, &lo, &err) != 0) {
        fuzz_check_message(err.msg);
        FUZZ_CHECK(strncmp(err.msg, NAME ":", sizeof NAME) == 0,
                   "the message does not start with the file name: %s",
                   err.msg);
        return 0;
    }
    check_table(&t, lo.allow_no_rows);

    lb_board_opts_init(&o);
    rank_and_export(&t, &o);

    o.missing = (enum lb_missing)((h >> 2) % 3);
    o.rank.ties = (enum lb_ties)((h >> 4) % 5);
    o.rank.precision = (unsigned)((h >> 8) % 19);
    o.rank.top = (size_t)((h >> 13) % 4);
    o.rank.ascending = (h >> 15) & 1;
    if ((h >> 16) & 1) {
        bench = calloc(4, sizeof *bench);
        FUZZ_CHECK(bench != NULL, "out of memory");
        o.select.benchmarks = bench;
        o.select.nbenchmarks = names_of(&t, 1, 4, bench);
    }
    if ((h >> 17) & 1) {
        cols = calloc(t.ncols + 1, sizeof *cols);
        FUZZ_CHECK(cols != NULL, "out of memory");
        o.select.columns = cols;
        o.select.ncolumns = names_of(&t, 0, t.ncols, cols);
    }
    if ((h >> 18) & 1)
        o.select.sort = t.cols[t.ncols - 1].name;
    rank_and_export(&t, &o);

    free(bench);
    free(cols);
    lb_table_release(&t);
    return 0;
}
