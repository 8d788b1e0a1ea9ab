/* lb_board_load with --top keeps only the rows that can be listed: what it
 * gives must be what the whole table gives. */
#include "board_util.h"
#include "opts_util.h"

#include <stdlib.h>
#include <unistd.h>

#include "base/buf.h"
#include "core/top.h"

/* The whole table, then the board, against the streaming load. */
static void same_as_whole(const char *path, const struct lb_board_opts *o,
                          bool drops)
{
    struct lb_table whole, kept;
    struct lb_board bw, bk;
    struct lb_load_opts lo = {0};
    struct lb_error err;
    char *a, *b;

    assert_int_equal(lb_table_load(&whole, path, &lo, &err), 0);
    assert_int_equal(lb_board_compute(&bw, &whole, o, &err), 0);
    assert_int_equal(lb_board_load(&kept, &bk, path, &lo, o, &err), 0);
    a = exported(&bw);
    b = exported(&bk);
    assert_string_equal(a, b);
    if (drops)
        assert_true(kept.nrows < whole.nrows / 10); /* it did drop rows */
    free(a);
    free(b);
    lb_board_release(&bw);
    lb_board_release(&bk);
    lb_table_release(&whole);
    lb_table_release(&kept);
}

static void write_random(const char *path, unsigned seed, size_t rows,
                         bool catalog)
{
    FILE *fp = fopen(path, "w");
    size_t i, k;

    assert_non_null(fp);
    srand(seed);
    fputs(catalog ? "model,ARC,MMLU,GSM8K,params_b\n" : "model,A,B,C,params_b\n",
          fp);
    for (i = 0; i < rows; i++) {
        fprintf(fp, "m%d", rand() % 3000);
        for (k = 0; k < 3; k++) {
            if (rand() % 20 == 0)
                fputs(",", fp);
            else
                fprintf(fp, ",%d.%d", rand() % 100, rand() % 10);
        }
        fprintf(fp, ",%d\n", rand() % 200);
    }
    fclose(fp);
}

static void test_top_streaming_equals_whole(void **state)
{
    char path[] = "/tmp/lb_test_top_XXXXXX";
    int fd = mkstemp(path);
    static const size_t tops[] = {1, 3, 10, 57, 20000};
    static const enum lb_ties ties[] = {LB_TIES_COMPETITION, LB_TIES_DENSE,
                                        LB_TIES_ORDINAL, LB_TIES_FRACTIONAL,
                                        LB_TIES_EXACT};
    size_t i;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    write_random(path, 3, 20000, true);
    for (i = 0; i < sizeof tops / sizeof tops[0]; i++) {
        struct lb_board_opts o;
        size_t k;

        for (k = 0; k < sizeof ties / sizeof ties[0]; k++) {
            lb_board_opts_init(&o);
            o.rank.top = tops[i];
            o.rank.ties = ties[k];
            o.rank.precision = k == 2 ? 0 : 1; /* many ties */
            same_as_whole(path, &o, tops[i] < 100);
        }
        lb_board_opts_init(&o);
        o.rank.top = tops[i];
        o.missing = LB_MISSING_PARTIAL;
        same_as_whole(path, &o, tops[i] < 100);
        o.missing = LB_MISSING_ZERO;
        same_as_whole(path, &o, tops[i] < 100);
        lb_board_opts_init(&o);
        o.rank.top = tops[i];
        o.select.sort = "params_b";
        SET_NAMES(o.select.columns, o.select.ncolumns, "params_b");
        same_as_whole(path, &o, tops[i] < 100);
        o.select.sort = "MMLU";
        o.rank.ascending = true;
        same_as_whole(path, &o, tops[i] < 100);
    }
    /* columns the catalog does not know, named: streamed; one turns out
     * to hold a -1 sentinel (missing): read again, the same board */
    {
        FILE *fp = fopen(path, "w");
        struct lb_board_opts o;

        fputs("model,A,B\n", fp);
        for (i = 0; i < 20000; i++)
            fprintf(fp, "m%zu,%zu,%s\n", i, i % 97,
                    i % 1000 == 7 ? "-1" : "50");
        fclose(fp);
        lb_board_opts_init(&o);
        o.rank.top = 3;
        SET_NAMES(o.select.benchmarks, o.select.nbenchmarks, "A,B");
        same_as_whole(path, &o, false);
        o.missing = LB_MISSING_PARTIAL;
        same_as_whole(path, &o, false);
        /* without the sentinel: streamed */
        fp = fopen(path, "w");
        fputs("model,A,B\n", fp);
        for (i = 0; i < 20000; i++)
            fprintf(fp, "m%zu,%zu,50\n", i, i % 97);
        fclose(fp);
        same_as_whole(path, &o, true);
    }
    /* no catalog: every row kept, the same board */
    write_random(path, 4, 3000, false);
    {
        struct lb_board_opts o;

        lb_board_opts_init(&o);
        o.rank.top = 5;
        same_as_whole(path, &o, false);
    }
    unlink(path);
}

static void test_top_errors_as_whole(void **state)
{
    char path[] = "/tmp/lb_test_top_XXXXXX";
    int fd = mkstemp(path);
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_load_opts lo = {0};
    struct lb_error err;
    FILE *fp;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    fp = fopen(path, "w");
    fputs("model,ARC\na,1\nb,2\nc,oops\nd,4\n", fp);
    fclose(fp);
    lb_board_opts_init(&o);
    o.rank.top = 1;
    assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), -1);
    assert_non_null(strstr(err.msg, ":4:2: 'oops' is not a number (column 'ARC')"));
    SET_NAMES(o.select.benchmarks, o.select.nbenchmarks, "Nope");
    assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), -1);
    assert_non_null(strstr(msg_of(&err), "--benchmarks: no benchmark 'Nope'"));
    unlink(path);
}

/* A row whose sum or rounding does not fit is never dropped as if it had
 * no score (issue 14): the bound is set by 5,000 small rows first, then a
 * row of 19 scores of 9e18 (and one of 18 decimals) comes. */
static void test_top_huge_row_as_whole(void **state)
{
    char path[] = "/tmp/lb_test_top_XXXXXX";
    int fd = mkstemp(path);
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_load_opts lo = {0};
    struct lb_error err;
    FILE *fp;
    int i, k;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    fp = fopen(path, "w");
    fputs("model", fp);
    for (k = 0; k < 19; k++)
        fprintf(fp, ",A%d", k);
    fputs(",B\n", fp);
    for (i = 0; i < 5000; i++) {
        fprintf(fp, "m%d", i);
        for (k = 0; k < 19; k++)
            fprintf(fp, ",%d", i % 100);
        fprintf(fp, ",%d\n", i % 2); /* fits 64 bits at 18 decimals */
    }
    fputs("big", fp);
    for (k = 0; k < 19; k++)
        fputs(",9000000000000000000", fp);
    fputs(",0.000000000000000001\n", fp);
    fclose(fp);

    /* the sum overflows 128 bits: the error of the whole table */
    lb_board_opts_init(&o);
    o.rank.top = 1;
    SET_NAMES(o.select.benchmarks, o.select.nbenchmarks,
              "A0,A1,A2,A3,A4,A5,A6,A7,A8,A9,A10,A11,A12,A13,A14,"
              "A15,A16,A17,A18,B");
    assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), -1);
    assert_non_null(strstr(err.msg, ":5002: the sum of the scores is too "
                                    "large to be kept exactly"));
    /* without B it fits; at 18 decimals, 9e36: ranked first */
    SET_NAMES(o.select.benchmarks, o.select.nbenchmarks,
              "A0,A1,A2,A3,A4,A5,A6,A7,A8,A9,A10,A11,A12,A13,A14,"
              "A15,A16,A17,A18");
    o.rank.precision = 18;
    same_as_whole(path, &o, true);
    assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), 0);
    assert_int_equal(b.ranking.n_listed_ranked, 1);
    assert_string_equal(lb_table_model(&t, b.ranking.order[0], NULL), "big");
    lb_board_release(&b);
    lb_table_release(&t);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_top_streaming_equals_whole),
        cmocka_unit_test(test_top_errors_as_whole),
        cmocka_unit_test(test_top_huge_row_as_whole),
    };

    return cmocka_run_group_tests_name("top", tests, NULL, NULL);
}
