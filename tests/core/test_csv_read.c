#define _XOPEN_SOURCE 700 /* nftw */
#include "test_util.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/decimal.h"
#include "core/table.h"

#define LOAD_FAILS(csv, msg) load_fails(csv, sizeof(csv) - 1, msg)

static lb_i128 num128(const struct lb_table *t, const char *col, size_t row)
{
    size_t c = lb_table_find(t, col);

    assert_true(c != LB_NPOS);
    assert_true(t->cols[c].numeric);
    assert_false(lb_column_missing(&t->cols[c], row));
    return lb_column_num(&t->cols[c], row);
}

static int64_t num(const struct lb_table *t, const char *col, size_t row)
{
    lb_i128 v = num128(t, col, row);

    assert_true(v >= INT64_MIN && v <= INT64_MAX);
    return (int64_t)v;
}

static bool missing(const struct lb_table *t, const char *col, size_t row)
{
    size_t c = lb_table_find(t, col);

    assert_true(c != LB_NPOS);
    return lb_column_missing(&t->cols[c], row);
}

static void test_csv_read_basic(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,ARC,license\na/b,61.2,mit\nc/d,6.90,\n");
    assert_null(t.row_line); /* regular file: no per-row line array */
    assert_int_equal(t.nrows, 2);
    assert_int_equal(t.ncols, 3);
    assert_int_equal(t.model_col, 0);
    assert_string_equal(cell(&t, "model", 1), "c/d");
    assert_string_equal(cell(&t, "license", 0), "mit");
    assert_string_equal(cell(&t, "license", 1), "");
    /* the column's scale is the largest needed: "6.90" needs one decimal */
    assert_int_equal(t.cols[1].scale, 1);
    assert_int_equal(num(&t, "ARC", 0), 612);
    assert_int_equal(num(&t, "ARC", 1), 69);
    /* a catalog benchmark keeps no text; other columns do */
    assert_false(t.cols[1].has_text);
    assert_true(t.cols[2].has_text);
    assert_int_equal(lb_table_line(&t, 0), 2);
    assert_int_equal(lb_table_line(&t, 1), 3);
    lb_table_release(&t);
}

static void test_csv_read_quoted_fields(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,note\n"
                "\"org/a, with comma\",\"say \"\"hi\"\"\"\n"
                "\"multi\nline\",\"x\r\ny\"\n"
                "plain,\"\"\n");
    assert_int_equal(t.nrows, 3);
    assert_string_equal(cell(&t, "model", 0), "org/a, with comma");
    assert_string_equal(cell(&t, "note", 0), "say \"hi\"");
    assert_string_equal(cell(&t, "model", 1), "multi\nline");
    assert_string_equal(cell(&t, "note", 1), "x\r\ny");
    assert_string_equal(cell(&t, "note", 2), "");
    /* row 2 spans lines 3 to 5 (a LF, then a CRLF inside quotes) */
    assert_int_equal(lb_table_line(&t, 1), 3);
    assert_int_equal(lb_table_line(&t, 2), 6);
    lb_table_release(&t);
}

static void test_csv_read_line_ends(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,x\r\na,1\r\nb,2\r\n");
    assert_int_equal(t.nrows, 2);
    assert_string_equal(cell(&t, "model", 1), "b");
    assert_int_equal(lb_table_line(&t, 1), 3);
    lb_table_release(&t);

    load_ok(&t, "model,x\ra,1\rb,2");
    assert_int_equal(t.nrows, 2);
    assert_int_equal(lb_table_line(&t, 1), 3);
    lb_table_release(&t);

    /* no final newline, blank lines skipped but counted */
    load_ok(&t, "model,x\n\na,1\n\r\n\nb,2");
    assert_int_equal(t.nrows, 2);
    assert_int_equal(lb_table_line(&t, 0), 3);
    assert_int_equal(lb_table_line(&t, 1), 6);
    assert_int_equal(num(&t, "x", 1), 2);
    lb_table_release(&t);
}

static void test_csv_read_bom_stripped(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "\xEF\xBB\xBFmodel,ARC\na,1\n");
    assert_string_equal(t.cols[0].name, "model");
    assert_int_equal(t.model_col, 0);
    lb_table_release(&t);
}

static void test_csv_read_spaces_kept_in_text(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,ARC\n  spaced name ,  61.5 \n");
    assert_string_equal(cell(&t, "model", 0), "  spaced name ");
    assert_int_equal(num(&t, "ARC", 0), 615);
    lb_table_release(&t);
}

static void test_csv_read_missing_cells(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,ARC,MMLU,X\na,,NA,-\nb,1,N/A,2\n");
    assert_true(missing(&t, "ARC", 0));
    assert_true(missing(&t, "MMLU", 0));
    assert_true(missing(&t, "MMLU", 1));
    assert_true(missing(&t, "X", 0));
    assert_false(missing(&t, "X", 1));
    assert_true(t.cols[3].numeric);
    assert_int_equal(t.cols[3].n_present, 1);
    lb_table_release(&t);
}

static void test_csv_read_text_column_not_numeric(void **state)
{
    struct lb_table t;
    struct lb_error err;
    size_t c;

    (void)state;
    load_ok(&t, "model,license,ARC\na,mit,1\nb,7,2\n");
    c = lb_table_find(&t, "license");
    assert_false(t.cols[c].numeric);
    assert_int_equal(lb_table_check_numeric(&t, c, &err), -1);
    assert_string_equal(err.msg,
                        "t.csv:2:2: 'mit' is not a number (column 'license')");
    lb_table_release(&t);
}

static void check_bad_number(const char *csv, const char *msg)
{
    struct lb_table t;
    struct lb_error err;

    load_ok(&t, csv);
    assert_int_equal(lb_table_check_numeric(&t, lb_table_find(&t, "MMLU"), &err),
                     -1);
    assert_string_equal(err.msg, msg);
    lb_table_release(&t);
}

static void test_csv_read_bad_numbers_reported_with_position(void **state)
{
    (void)state;
    check_bad_number("model,ARC,MMLU\na,1,2\nb,3,abc\n",
                     "t.csv:3:3: 'abc' is not a number (column 'MMLU')");
    check_bad_number("model,MMLU\na,nan\n",
                     "t.csv:2:2: 'nan' is not a finite number (column 'MMLU')");
    check_bad_number("model,MMLU\na,inf\n",
                     "t.csv:2:2: 'inf' is not a finite number (column 'MMLU')");
    check_bad_number("model,MMLU\na,1e999\n",
                     "t.csv:2:2: '1e999' is not a finite number (column 'MMLU')");
    check_bad_number("model,MMLU\na,0x1p3\n",
                     "t.csv:2:2: '0x1p3' is not a number (column 'MMLU')");
    check_bad_number("model,MMLU\na,\"1,5\"\n",
                     "t.csv:2:2: '1,5' is not a number (column 'MMLU')");
    check_bad_number("model,MMLU\na,50\nb,100.5\n",
                     "t.csv:3:2: '100.5' is out of range for 'MMLU' (0 to 100)");
    check_bad_number("model,MMLU\na,-1\n",
                     "t.csv:2:2: '-1' is out of range for 'MMLU' (0 to 100)");
    /* the first problem is the one reported */
    check_bad_number("model,MMLU\n\"multi\nline\",x\nb,y\n",
                     "t.csv:3:2: 'x' is not a number (column 'MMLU')");
}

static void test_csv_read_scale_raise_keeps_values(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,X\na,1\nb,0.25\nc,0.001\n");
    assert_int_equal(t.cols[1].scale, 3);
    assert_int_equal(num(&t, "X", 0), 1000);
    assert_int_equal(num(&t, "X", 1), 250);
    assert_int_equal(num(&t, "X", 2), 1);
    lb_table_release(&t);
}

static void test_csv_read_numbers_widen_to_64_bits(void **state)
{
    struct lb_table t;

    (void)state;
    /* 32-bit storage while values fit, 64-bit from the first that does not */
    load_ok(&t, "model,X\na,1\nb,12345678901\nc,-3\n");
    assert_null(t.cols[1].num32);
    assert_int_equal(num(&t, "X", 0), 1);
    assert_int_equal(num(&t, "X", 1), 12345678901LL);
    assert_int_equal(num(&t, "X", 2), -3);
    lb_table_release(&t);
    /* a scale raise that overflows 32 bits half way through */
    load_ok(&t, "model,X\na,1\nb,2000000000\nc,0.5\n");
    assert_int_equal(t.cols[1].scale, 1);
    assert_int_equal(num(&t, "X", 0), 10);
    assert_int_equal(num(&t, "X", 1), 20000000000LL);
    assert_int_equal(num(&t, "X", 2), 5);
    lb_table_release(&t);
    load_ok(&t, "model,X\na,1.5\nb,2\n");
    assert_non_null(t.cols[1].num32);
    assert_null(t.cols[1].num64);
    lb_table_release(&t);
}

/* One column may mix any values that are each within the limits (issue
 * 14): 95.5 beside 0.30000000000000004 (Python's repr of 0.1 + 0.2) is
 * 955 * 10^16 at 17 decimals, more than 64 bits: the column takes 128. */
static void test_csv_read_numbers_widen_to_128_bits(void **state)
{
    struct lb_table t;
    struct lb_error err;
    struct lb_dec d;
    const lb_i128 e16 = lb_pow10[16], e18 = lb_pow10[18];

    (void)state;
    load_ok(&t, "model,X,ARC\na,95.5,0.30000000000000004\n"
                "b,0.30000000000000004,95.5\nc,,-\n");
    assert_int_equal(t.cols[1].scale, 17);
    assert_non_null(t.cols[1].num128);
    assert_true(num128(&t, "X", 0) == 955 * e16);
    assert_true(num128(&t, "X", 1) == 30000000000000004LL);
    assert_true(missing(&t, "X", 2));
    assert_true(num128(&t, "ARC", 1) == 955 * e16);
    assert_int_equal(t.cols[2].bad.kind, LB_BAD_NONE);
    assert_int_equal(lb_table_check_numeric(&t, 1, &err), 0);
    assert_int_equal(lb_table_check_numeric(&t, 2, &err), 0);
    /* as a decimal: at the largest scale that fits 64 bits */
    lb_column_dec(&t.cols[1], 0, &d);
    assert_true(d.units == 955 * lb_pow10[15] && d.scale == 16);
    lb_column_dec(&t.cols[1], 1, &d);
    assert_true(d.units == 30000000000000004LL && d.scale == 17);
    lb_table_release(&t);
    /* from 32 bits, through 64, to 128 while the scale rises */
    load_ok(&t, "model,X\na,1\nb,3000000000\nc,-5\nd,0.000000000000000001\n");
    assert_int_equal(t.cols[1].scale, 18);
    assert_null(t.cols[1].num32);
    assert_null(t.cols[1].num64);
    assert_true(num128(&t, "X", 0) == e18);
    assert_true(num128(&t, "X", 1) == 3000000000 * e18);
    assert_true(num128(&t, "X", 2) == -5 * e18);
    assert_true(num128(&t, "X", 3) == 1);
    lb_table_release(&t);
    /* the widest: 18 significant digits beside 18 decimals, both signs */
    load_ok(&t, "model,X\na,-999999999999999999\nb,0.000000000000000001\n"
                "c,9.99999999999999999\n");
    assert_true(num128(&t, "X", 0) == -999999999999999999LL * e18);
    assert_true(num128(&t, "X", 2) == (lb_i128)999999999999999999LL * 10);
    lb_table_release(&t);
}

static void test_csv_read_range_check_at_many_decimals(void **state)
{
    struct lb_table t;
    struct lb_error err;

    (void)state;
    /* 100 at 17 decimals does not fit in 64 bits: the check must not wrap */
    load_ok(&t, "model,ARC\na,0.00000000000000001\nb,9.5\n");
    assert_int_equal(lb_table_check_numeric(&t, 1, &err), 0);
    lb_table_release(&t);
}

/* found by fuzz_csv_load: the range check of a catalog benchmark at 18
 * decimals computed 100 * 10^18 in 64 bits (UBSan: signed overflow) */
static void test_csv_read_benchmark_range_at_18_decimals(void **state)
{
    struct lb_table t;
    struct lb_error err;

    (void)state;
    load_ok(&t, "model,ARC,MMLU\na,0.000000000000000001,-0.000000000000000001\n");
    assert_int_equal(t.cols[1].scale, 18);
    assert_int_equal(num(&t, "ARC", 0), 1);
    assert_int_equal(t.cols[1].bad.kind, LB_BAD_NONE);
    assert_int_equal(t.cols[2].bad.kind, LB_BAD_RANGE);
    assert_int_equal(lb_table_check_numeric(&t, 2, &err), -1);
    assert_string_equal(err.msg, "t.csv:2:3: '-0.000000000000000001' is out "
                                 "of range for 'MMLU' (0 to 100)");
    lb_table_release(&t);
}

static void test_csv_read_structure_errors(void **state)
{
    (void)state;
    LOAD_FAILS("", "t.csv: empty file (expected a header row)");
    LOAD_FAILS("\n\n", "t.csv: empty file (expected a header row)");
    LOAD_FAILS("model,ARC\n", "t.csv: no data rows after the header");
    LOAD_FAILS("model,ARC,MMLU\na,1,2\nb,1\n",
               "t.csv:3:3: row has 2 fields, the header has 3 (no value for "
               "column 'MMLU')");
    LOAD_FAILS("model,ARC\na,1\nb,1,2\n",
               "t.csv:3:3: row has more fields than the header's 2 (extra "
               "value '2')");
    LOAD_FAILS("model,ARC\na,1\n\"b,2\n",
               "t.csv:3:1: unterminated quoted field (the file ends inside "
               "'b,2\\n') (column 'model')");
    LOAD_FAILS("model,ARC\na\"b,1\n",
               "t.csv:2:1: '\"' inside an unquoted field 'a\"' (quote the whole "
               "field and double the '\"') (column 'model')");
    LOAD_FAILS("model,ARC\n\"a\"b,1\n",
               "t.csv:2:1: a quoted field must end with '\"' followed by ',' or "
               "a line end (field so far 'a\"b') (column 'model')");
    /* in the header, no column name yet */
    LOAD_FAILS("model,A\"RC\na,1\n",
               "t.csv:1:2: '\"' inside an unquoted field 'A\"' (quote the whole "
               "field and double the '\"')");
    LOAD_FAILS("model,ARC,ARC\na,1,2\n",
               "t.csv:1:3: duplicate column name 'ARC' (also column 2)");
    LOAD_FAILS("model,,ARC\na,1,2\n", "t.csv:1:2: empty column name");
    LOAD_FAILS("llm,ARC\na,1\n",
               "t.csv:1: no model column (model, model_id, model_name or "
               "name; columns: 'llm', 'ARC'); name the column that holds "
               "model names with --model-column");
    LOAD_FAILS("model,ARC\n,1\n", "t.csv:2:1: empty model name");
    LOAD_FAILS("model,ARC\na\0b,1\n", "t.csv:2:1: NUL byte in field");
}

static void test_csv_read_model_column_option(void **state)
{
    struct lb_table t;
    struct lb_error err;
    struct lb_load_opts opts = {.model_column = "name"};
    const char *csv = "id,name,ARC\n1,a,2\n";

    (void)state;
    assert_int_equal(lb_table_load_mem(&t, "t.csv", csv, strlen(csv), &opts,
                                       &err),
                     0);
    assert_int_equal(t.model_col, 1);
    lb_table_release(&t);
    opts.model_column = "nope";
    assert_int_equal(lb_table_load_mem(&t, "t.csv", csv, strlen(csv), &opts,
                                       &err),
                     -1);
    assert_string_equal(msg_of(&err), "t.csv:1: --model-column: no column "
                                      "'nope' (columns: 'id', 'name', 'ARC')");
    /* a slip of the keyboard: the nearest column */
    opts.model_column = "nmae";
    assert_int_equal(lb_table_load_mem(&t, "t.csv", csv, strlen(csv), &opts,
                                       &err),
                     -1);
    assert_string_equal(msg_of(&err),
                        "t.csv:1: --model-column: no column 'nmae'; did you "
                        "mean 'name'? (columns: 'id', 'name', 'ARC')");
    /* "Model" is found without the option */
    load_ok(&t, "Model,ARC\na,1\n");
    assert_int_equal(t.model_col, 0);
    lb_table_release(&t);
    /* then model_id, model_name, name, in that order, any letter case */
    load_ok(&t, "name,Model_Name,model_id,ARC\na,b,c,1\n");
    assert_int_equal(t.model_col, 2);
    lb_table_release(&t);
    load_ok(&t, "name,Model_Name,ARC\na,b,1\n");
    assert_int_equal(t.model_col, 1);
    lb_table_release(&t);
    load_ok(&t, "id,Name,ARC\na,b,1\n");
    assert_int_equal(t.model_col, 1);
    lb_table_release(&t);
}

/* A file larger than one read block, with a quoted field across the block
 * boundary, loads with the right line numbers. */
static void test_csv_read_file_in_blocks(void **state)
{
    char path[] = "/tmp/lb_test_csv_XXXXXX";
    int fd = mkstemp(path);
    FILE *fp;
    size_t i, rows = 40000;
    struct lb_table t;
    struct lb_error err;

    (void)state;
    assert_true(fd >= 0);
    fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs("model,ARC,note\n", fp);
    for (i = 0; i < rows; i++)
        fprintf(fp, "org/model-%zu,%zu.%02zu,\"a note, with\nnewline %zu\"\n",
                i, i % 100, i % 97, i);
    fclose(fp);
    assert_int_equal(lb_table_load(&t, path, NULL, &err), 0);
    assert_int_equal(t.nrows, rows);
    assert_int_equal(lb_table_line(&t, rows - 1), 2 + 2 * (rows - 1));
    assert_string_equal(cell(&t, "model", rows - 1), "org/model-39999");
    assert_int_equal(num(&t, "ARC", 12345), 45 * 100 + 12345 % 97);
    lb_table_release(&t);
    unlink(path);
}

/* Loads the same bytes from a file sequentially and with two threads
 * (parallel_min = 1) and checks that both give the same table or the same
 * error. */
static unsigned same_both_ways(const char *csv, size_t len)
{
    unsigned threads;
    char path[] = "/tmp/lb_test_par_XXXXXX";
    int fd = mkstemp(path);
    struct lb_table a, b;
    struct lb_error ea, eb;
    struct lb_load_opts seq = {.parallel_min = (size_t)1 << 40};
    struct lb_load_opts par = {.parallel_min = 1, .reserve_min = 1};
    int ra, rb;
    size_t r, j;

    assert_true(fd >= 0);
    assert_int_equal(write(fd, csv, len), (ssize_t)len);
    close(fd);
    lb_error_init(&ea);
    lb_error_init(&eb);
    ra = lb_table_load(&a, path, &seq, &ea);
    rb = lb_table_load(&b, path, &par, &eb);
    unlink(path);
    if (ra != rb || strcmp(ea.msg, eb.msg) != 0) {
        print_error("sequential: %d '%s', parallel: %d '%s'\n", ra, ea.msg, rb,
                    eb.msg);
        fail();
    }
    if (ra != 0)
        return 0;
    assert_int_equal(a.threads, 1);
    threads = b.threads;
    assert_int_equal(a.nrows, b.nrows);
    assert_int_equal(a.ncols, b.ncols);
    for (r = 0; r < a.nrows; r++)
        assert_int_equal(lb_table_line(&a, r), lb_table_line(&b, r));
    for (j = 0; j < a.ncols; j++) {
        const struct lb_column *ca = &a.cols[j], *cb = &b.cols[j];

        assert_int_equal(ca->has_text, cb->has_text);
        assert_int_equal(ca->numeric, cb->numeric);
        assert_int_equal(ca->bad.kind, cb->bad.kind);
        assert_int_equal(ca->bad.line, cb->bad.line);
        if (ca->bad.kind != LB_BAD_NONE)
            assert_string_equal(ca->bad.value, cb->bad.value);
        for (r = 0; r < a.nrows; r++) {
            if (ca->has_text)
                assert_string_equal(lb_table_text(&a, j, r, NULL),
                                    lb_table_text(&b, j, r, NULL));
            if (ca->numeric) {
                assert_int_equal(ca->scale, cb->scale);
                assert_int_equal(lb_column_missing(ca, r),
                                 lb_column_missing(cb, r));
                assert_int_equal(lb_column_num(ca, r), lb_column_num(cb, r));
                if (!lb_column_missing(ca, r))
                    assert_int_equal(lb_column_decimals(ca, r),
                                     lb_column_decimals(cb, r));
            }
        }
        if (ca->numeric) {
            assert_int_equal(ca->n_present, cb->n_present);
            assert_int_equal(ca->n_percent, cb->n_percent);
            assert_int_equal(ca->n_sentinel, cb->n_sentinel);
        }
    }
    lb_table_release(&a);
    lb_table_release(&b);
    return threads;
}

#define BOTH(csv) (void)same_both_ways(csv, sizeof(csv) - 1)

static void test_csv_read_two_threads_agree(void **state)
{
    struct lb_buf big = LB_BUF_INIT;
    size_t i;

    (void)state;
    BOTH("model,ARC,note\na,1,x\nb,2,y\nc,3,z\nd,4,w\n");
    BOTH("model,ARC,note\r\na,1,x\r\nb,2,y\r\nc,3,z\r\nd,4,w");
    BOTH("model,ARC,note\ra,1,x\rb,2,y\rc,3,z\rd,4,w\r");
    BOTH("\xEF\xBB\xBFmodel,ARC\na,1\n\n\nb,2\n\r\nc,3\nd,4\n");
    /* quoted line ends around the middle */
    BOTH("model,ARC,note\na,1,\"x\ny\"\nb,2,\"p\r\nq\"\nc,3,\"m,n\"\nd,4,\"\"\"k\"\"\"\n");
    {
        static const char small[] = "model,X\na,1\nb,2\nc,3\nd,4\n";

        assert_int_equal(same_both_ways(small, sizeof small - 1), 2);
    }
    /* scales and widths that differ between the halves */
    BOTH("model,X,Y\na,1,5\nb,2,6\nc,0.125,7\nd,3000000000,0.5\n");
    /* 128 bits in one half only, or after the split */
    BOTH("model,X,Y\na,95.5,5\nb,0.30000000000000004,6\nc,1,7\nd,2,0.5\n");
    BOTH("model,X,Y\na,95.5,5\nb,2,6\nc,1,7\nd,0.30000000000000004,0.5\n");
    BOTH("model,X,Y\na,1,5\nb,2,6\nc,3,0.000000000000000001\nd,95.5,-7\n");
    /* decimals as written, differing in one half only or across */
    BOTH("model,X,Y\na,1.50,5\nb,2.50,6\nc,1.5,7\nd,2,0.5\n");
    BOTH("model,X,Y\na,1.5,5\nb,2.5,6\nc,1.5,7.25\nd,2.5,0.50\n");
    /* units and sentinels */
    BOTH("model,X,Y\na,1%,5\nb,2%,-1\nc,1.5%,7\nd,2%,0.5\n");
    BOTH("model,X,Y\na,1%,5\nb,2%,-1\nc,1.5,7\nd,2%,0.5\n");
    /* problems in either half: the same first problem */
    BOTH("model,ARC,MMLU\na,1,2\nb,x,3\nc,4,5\nd,6,y\n");
    BOTH("model,ARC,MMLU\na,1,2\nb,3,4\nc,4,5\nd,6,200\n");
    BOTH("model,ARC,lic\na,1,2\nb,3,4\nc,4,mit\nd,6,7\n");
    /* structural errors are reported as a sequential parse does */
    BOTH("model,ARC\na,1\nb,2\nc,3,4\nd,5\n");
    BOTH("model,ARC\na,1\nb,2\nc,3\n\"d,5\n");
    BOTH("model,ARC\na,1\nb,2\nc,\"3\"x\nd,5\n");
    BOTH("model,ARC\na,1\nb,2\nc,3\n,5\n");
    BOTH("model,ARC\n");
    BOTH("model,ARC\n\n\n\n");
    /* many rows, with quoted fields, blank lines and a bad cell late */
    lb_buf_adds(&big, "model,ARC,MMLU,note\n");
    for (i = 0; i < 5000; i++) {
        lb_buf_addf(&big, "\"org/m-%zu, v\",%zu.%zu,%zu,\"line\nbreak %zu\"\n", i,
                    i % 100, i % 7, i % 90, i);
        if (i % 777 == 0)
            lb_buf_adds(&big, "\n");
    }
    assert_int_equal(same_both_ways(big.data, big.len), 2); /* it did split */
    lb_buf_adds(&big, "last,1,oops,x\n");
    assert_int_equal(same_both_ways(big.data, big.len), 2);
    lb_buf_release(&big);
    /* several blocks a half: each table is sized from its first block, then
     * outgrows the estimate (longer names, a note only late, more decimals
     * and bigger numbers late) and grows as before */
    lb_buf_adds(&big, "model,ARC,MMLU,note\n");
    for (i = 0; i < 150000; i++) {
        if (i < 100000)
            lb_buf_addf(&big, "org/m-%zu,%zu.%zu,%zu,\n", i, i % 100, i % 10,
                        i % 90);
        else
            lb_buf_addf(&big,
                        "\"org/a-longer-name-%zu, v\",%zu.%03zu,"
                        "%zu000000000,\"note %zu\"\n",
                        i, i % 100, i % 1000, i % 9, i);
    }
    assert_true(big.len > 4 * (1u << 20)); /* more than 2 blocks a half */
    assert_int_equal(same_both_ways(big.data, big.len), 2);
    lb_buf_release(&big);
}

/* {======================================================================
 * The fast path (quote-free lines split with memchr) against libcsv alone
 * ======================================================================= */

/* Loads 'path' with libcsv for every line and with the fast path (one
 * thread, and two threads forced), with and without keep_text: the same
 * table, or the same message. */
static void fast_agrees_file(const char *path)
{
    int k;

    for (k = 0; k < 4; k++) {
        bool keep = (k & 1) != 0, two = (k & 2) != 0;
        struct lb_load_opts slow = {.libcsv_only = true, .keep_text = keep,
                                    .parallel_min = (size_t)1 << 40};
        struct lb_load_opts fast = {.keep_text = keep,
                                    .parallel_min = two ? 1 : (size_t)1 << 40,
                                    .reserve_min = two ? 1 : 0};
        struct lb_table a, b;
        struct lb_error ea, eb;
        char why[256];
        int ra, rb;

        lb_error_init(&ea);
        lb_error_init(&eb);
        ra = lb_table_load(&a, path, &slow, &ea);
        rb = lb_table_load(&b, path, &fast, &eb);
        if (ra != rb || strcmp(ea.msg, eb.msg) != 0) {
            print_error("%s: libcsv: %d '%s', fast path: %d '%s'\n", path, ra,
                        ea.msg, rb, eb.msg);
            fail();
        }
        if (ra != 0)
            continue;
        if (!lb_table_same(&a, &b, why, sizeof why)) {
            print_error("%s (keep_text %d, threads %u): %s\n", path, keep,
                        b.threads, why);
            fail();
        }
        lb_table_release(&a);
        lb_table_release(&b);
    }
}

/* The same for bytes in memory (through a file). */
static void fast_agrees(const char *csv, size_t len)
{
    char path[] = "/tmp/lb_test_fast_XXXXXX";
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, csv, len), (ssize_t)len);
    close(fd);
    fast_agrees_file(path);
    unlink(path);
}

#define FAST(csv) fast_agrees(csv, sizeof(csv) - 1)

static void test_csv_read_fast_path_agrees(void **state)
{
    static const char *const lines[] = {
        "a,1,x", "b,,", "\"q,1\",2,y", "c,3,\"say \"\"hi\"\"\"", "d,4,\"two\nlines\"",
        "", "e,5,z\r", "f,1%,w", "g,-1,v", "h,1e2,u", "i,abc,t", " j , 6 , s ",
        "k,7", "l,8,9,10", ",9,r", "m,\"1\"x,q", "n,1\r2,p", "o,0.30000000000000004,o",
        "p,\"\",", "\r", "q,1,\"x\r\ny\"",
    };
    struct lb_buf big = LB_BUF_INIT;
    size_t i, n = sizeof lines / sizeof lines[0];
    uint64_t h = 88172645463325252ull;

    (void)state;
    FAST("model,ARC,note\na,1,x\nb,2,y\n");
    FAST("model,ARC,note\r\na,1,x\r\nb,2,y\r\n\r\nc,3,z");
    FAST("model,ARC,note\ra,1,x\rb,2,y\r");
    FAST("\xEF\xBB\xBFmodel,ARC\n\na,1\n\n\nb,2\n\r\nc,3\n");
    FAST("model,ARC,note\na,1,\"x\ny\"\nb,2,\"p\r\nq\"\nc,3,\"m,n\"\n");
    FAST("model,ARC\na,1\nb,2\nc,3,4\nd,5\n");       /* extra field */
    FAST("model,ARC,x\na,1\n");                      /* too few */
    FAST("model,ARC\na,1\nb,2\nc,\"3\"x\nd,5\n");     /* bad quote */
    FAST("model,ARC\na,1\nb,2\nc,3\"x\nd,5\n");       /* quote inside */
    FAST("model,ARC\na,1\n\"b,2\n");                 /* unterminated */
    FAST("model,ARC\na,1\n,5\n");                    /* empty model */
    FAST("model,ARC\na,1\nb\0c,2\n");                /* NUL byte */
    FAST("model,,ARC\na,1,2\n");                     /* empty name */
    FAST("model,ARC,ARC\na,1,2\n");                  /* duplicate */
    FAST("name,x\n");
    FAST("model,ARC\n\n\n");
    FAST("");
    FAST("\n");
    FAST("model, ARC ,note \n a ,1 , x\n");          /* spaces kept */
    /* random rows from the lines above, across the 1 MiB blocks: quoted
     * fields and CRLFs straddle block ends, and the two halves' split */
    lb_buf_adds(&big, "model,ARC,note\n");
    while (big.len < (3u << 20) + 4096) {
        h ^= h << 13;
        h ^= h >> 7;
        h ^= h << 17;
        i = (size_t)(h % (n * 8));
        if (i >= n) /* mostly plain rows, so that the file loads */
            lb_buf_addf(&big, "m%zu,%zu.%zu,x%zu\n", (size_t)(h >> 20) % 99999,
                        (size_t)(h >> 8) % 100, (size_t)(h >> 40) % 100,
                        (size_t)(h >> 33) % 7);
        else if (i < 5 || i == 6 || i == 7 || i == 17 || i == 18 || i == 20)
            lb_buf_addf(&big, "%s\n", lines[i]);
        else if (i == 5)
            lb_buf_adds(&big, "\n");
    }
    fast_agrees(big.data, big.len);
    lb_buf_release(&big);
    /* each problem line once, after a few good ones */
    for (i = 0; i < n; i++) {
        lb_buf_adds(&big, "model,ARC,note\na,1,x\nb,2,y\n");
        lb_buf_addf(&big, "%s\nz,3,w\n", lines[i]);
        fast_agrees(big.data, big.len);
        lb_buf_release(&big);
    }
}

static int n_files;

static int visit(const char *path, const struct stat *st, int flag,
                 struct FTW *ftw)
{
    size_t len = strlen(path);

    (void)st;
    (void)ftw;
    if (flag == FTW_F && len > 4 && strcmp(path + len - 4, ".csv") == 0) {
        fast_agrees_file(path);
        n_files++;
    }
    return 0;
}

/* Every score file of the tests and the benchmarks, good and bad. */
static void test_csv_read_fast_path_agrees_on_every_file(void **state)
{
    (void)state;
    n_files = 0;
    assert_int_equal(nftw(LB_SOURCE_DIR "/tests", visit, 16, FTW_PHYS), 0);
    assert_int_equal(nftw(LB_SOURCE_DIR "/benchmarks", visit, 16, FTW_PHYS), 0);
    assert_true(n_files > 100);
}

/* }====================================================================== */

static void test_csv_read_file_errors(void **state)
{
    struct lb_table t;
    struct lb_error err;

    (void)state;
    assert_int_equal(lb_table_load(&t, "/nonexistent/x.csv", NULL, &err), -1);
    assert_string_equal(err.msg, "cannot open '/nonexistent/x.csv': No such "
                                 "file or directory");
    assert_int_equal(lb_table_load(&t, "/tmp", NULL, &err), -1);
    assert_string_equal(err.msg, "cannot read '/tmp': it is a directory");
    assert_int_equal(lb_table_load(&t, "/dev/null", NULL, &err), -1);
    assert_string_equal(err.msg, "/dev/null: empty file (expected a header row)");
}

/* lb_table_text_plain against the definition (each cell of the range
 * read alone): a column of cells 0 to 17 bytes long, then the same with
 * one byte that is not printable ASCII at every place of every cell in
 * turn (in a word read whole or in the bytes after the last), for every
 * range of rows. */
static void text_plain_agrees(const struct lb_table *t, size_t col)
{
    size_t from, to, r, i, len, longest, want_longest, most;

    for (from = 0; from <= t->nrows; from++)
        for (to = from; to <= t->nrows; to++) {
            bool want = true;

            want_longest = LB_NPOS;
            most = 0;
            for (r = from; r < to; r++) {
                const char *s = lb_table_text(t, col, r, &len);

                for (i = 0; i < len; i++)
                    want = want && (unsigned char)s[i] >= 0x20 &&
                           (unsigned char)s[i] < 0x7F;
                if (want_longest == LB_NPOS || len > most) {
                    want_longest = r;
                    most = len;
                }
            }
            assert_int_equal(lb_table_text_plain(t, col, from, to, &longest),
                             want);
            if (want)
                assert_int_equal(longest, want_longest);
        }
}

static void test_csv_read_text_plain(void **state)
{
    static const unsigned char bad[] = {0x01, 0x09, 0x1F, 0x7F, 0x80, 0xC3,
                                        0xFF};
    static const size_t lens[] = {3, 0, 17, 8, 9, 1, 16, 7, 17, 0, 2, 15};
    const size_t nrows = sizeof lens / sizeof *lens;
    struct lb_buf csv = LB_BUF_INIT;
    struct lb_table t;
    size_t r, at, b, i;

    (void)state;
    for (r = 0; r <= nrows; r++) /* r == nrows: every cell plain */
        for (at = 0; at < (r < nrows ? lens[r] : 1); at++)
            for (b = 0; b < (r < nrows ? sizeof bad : 1); b++) {
                lb_buf_reset(&csv);
                lb_buf_adds(&csv, "model,t\n");
                for (i = 0; i < nrows; i++) {
                    size_t k;

                    lb_buf_addf(&csv, "m%zu,", i);
                    for (k = 0; k < lens[i]; k++)
                        lb_buf_addc(&csv, i == r && k == at
                                              ? (char)bad[b]
                                              : (char)('a' + (i + k) % 26));
                    lb_buf_addc(&csv, '\n');
                }
                load_ok(&t, lb_buf_str(&csv));
                text_plain_agrees(&t, 1);
                text_plain_agrees(&t, 0); /* the model: all plain */
                lb_table_release(&t);
            }
    lb_buf_release(&csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_read_basic),
        cmocka_unit_test(test_csv_read_quoted_fields),
        cmocka_unit_test(test_csv_read_line_ends),
        cmocka_unit_test(test_csv_read_bom_stripped),
        cmocka_unit_test(test_csv_read_spaces_kept_in_text),
        cmocka_unit_test(test_csv_read_missing_cells),
        cmocka_unit_test(test_csv_read_text_column_not_numeric),
        cmocka_unit_test(test_csv_read_bad_numbers_reported_with_position),
        cmocka_unit_test(test_csv_read_scale_raise_keeps_values),
        cmocka_unit_test(test_csv_read_numbers_widen_to_128_bits),
        cmocka_unit_test(test_csv_read_numbers_widen_to_64_bits),
        cmocka_unit_test(test_csv_read_range_check_at_many_decimals),
        cmocka_unit_test(test_csv_read_benchmark_range_at_18_decimals),
        cmocka_unit_test(test_csv_read_structure_errors),
        cmocka_unit_test(test_csv_read_model_column_option),
        cmocka_unit_test(test_csv_read_file_in_blocks),
        cmocka_unit_test(test_csv_read_two_threads_agree),
        cmocka_unit_test(test_csv_read_fast_path_agrees),
        cmocka_unit_test(test_csv_read_fast_path_agrees_on_every_file),
        cmocka_unit_test(test_csv_read_file_errors),
        cmocka_unit_test(test_csv_read_text_plain),
    };

    return cmocka_run_group_tests_name("csv_read", tests, NULL, NULL);
}
