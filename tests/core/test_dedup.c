/* --dedup best|latest, and --where with lb_board_load. */
#include "board_util.h"

#include <stdlib.h>
#include <unistd.h>

#include "core/board.h"
#include "core/filter.h"
#include "core/top.h"

static const char *const dups =
    "model,ARC,MMLU,precision,submitted\n"
    "org/a,60,50,float16,2024-01-02\n"   /* 0: 55 */
    "org/a,62,49,bfloat16,2024-03-01\n"  /* 1: 55.5, latest of a */
    "org/b,70,40,float16,2024-02-01\n"   /* 2: 55 */
    "org/b,,45,8bit,2024-05-01\n"        /* 3: no mean, latest of b */
    "org/c,55,55,float16,\n"             /* 4: 55, no date */
    "org/c,50,50,float16,2023-12-31\n"   /* 5: 50, latest of c */
    "org/d,,,float16,\n";                /* 6: alone */

/* The models and precisions left, in file order: "a/bfloat16 ...". */
static void left(enum lb_dedup how, const char *want, size_t want_dropped)
{
    struct lb_table t;
    struct lb_board_opts o;
    struct lb_error err;
    struct lb_buf got = LB_BUF_INIT;
    size_t dropped, date_col, r;

    load_ok(&t, dups);
    lb_board_opts_init(&o);
    o.dedup = how;
    assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), 0);
    assert_int_equal(dropped, want_dropped);
    if (how == LB_DEDUP_LATEST)
        assert_string_equal(t.cols[date_col].name, "submitted");
    else
        assert_int_equal(date_col, LB_NPOS);
    for (r = 0; r < t.nrows; r++)
        lb_buf_addf(&got, "%s%s/%s", r ? " " : "", cell(&t, "model", r) + 4,
                    cell(&t, "precision", r));
    assert_string_equal(lb_buf_str(&got), want);
    lb_buf_release(&got);
    lb_table_release(&t);
}

static void test_dedup_best_keeps_the_best_row(void **state)
{
    (void)state;
    left(LB_DEDUP_BEST, "a/bfloat16 b/float16 c/float16 d/float16", 3);
    /* the first of c is kept: 55 against 50 */
    {
        struct lb_table t;
        struct lb_board_opts o;
        struct lb_error err;
        size_t dropped, date_col;

        load_ok(&t, dups);
        lb_board_opts_init(&o);
        o.dedup = LB_DEDUP_BEST;
        assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), 0);
        assert_int_equal(lb_table_line(&t, 2), 6);
        lb_table_release(&t);
    }
}

static void test_dedup_best_follows_the_order(void **state)
{
    struct lb_table t;
    struct lb_board_opts o;
    struct lb_error err;
    size_t dropped, date_col;

    (void)state;
    /* lowest ARC first: org/a keeps its 60, org/c its 50 */
    load_ok(&t, dups);
    lb_board_opts_init(&o);
    o.dedup = LB_DEDUP_BEST;
    o.select.sort = "ARC";
    o.rank.ascending = true;
    assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), 0);
    assert_int_equal(lb_table_line(&t, 0), 2);
    assert_int_equal(lb_table_line(&t, 2), 7);
    lb_table_release(&t);
    /* by a column */
    load_ok(&t, dups);
    o.rank.ascending = false;
    o.select.sort = "MMLU";
    assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), 0);
    assert_int_equal(lb_table_line(&t, 0), 2); /* a: MMLU 50 > 49 */
    assert_int_equal(lb_table_line(&t, 1), 5); /* b: MMLU 45 > 40 */
    lb_table_release(&t);
}

static void test_dedup_latest_by_date(void **state)
{
    (void)state;
    left(LB_DEDUP_LATEST, "a/bfloat16 b/8bit c/float16 d/float16", 3);
    {
        struct lb_table t;
        struct lb_board_opts o;
        struct lb_error err;
        size_t dropped, date_col;

        load_ok(&t, dups);
        lb_board_opts_init(&o);
        o.dedup = LB_DEDUP_LATEST;
        assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), 0);
        assert_int_equal(lb_table_line(&t, 2), 7); /* a date beats none */
        lb_table_release(&t);
    }
}

static void test_dedup_latest_needs_a_date(void **state)
{
    struct lb_table t;
    struct lb_board_opts o;
    struct lb_error err;
    size_t dropped, date_col;

    (void)state;
    load_ok(&t, "model,ARC\na,1\na,2\n");
    lb_board_opts_init(&o);
    o.dedup = LB_DEDUP_LATEST;
    assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), -1);
    assert_string_equal(msg_of(&err),
                        "--dedup latest: t.csv has no date column (submitted, "
                        "submission_date, upload_date or date)");
    lb_table_release(&t);
    /* later rows win among equal dates; the first date column found */
    load_ok(&t, "model,ARC,upload_date,submission_date\n"
                "a,1,2024-09-01,2024-01-01\na,2,2024-01-01,2024-01-01\n");
    assert_int_equal(lb_dedup_date_column(&t), 3);
    assert_int_equal(lb_dedup_rows(&t, &o, &dropped, &date_col, &err), 0);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(lb_table_line(&t, 0), 3);
    lb_table_release(&t);
}

/* lb_board_load with --where (and --top, and --dedup) gives the board of
 * the rows kept, with the counts of rows left out. */
static void test_dedup_where_while_loading(void **state)
{
    char path[] = "/tmp/lb_test_dedup_XXXXXX";
    int fd = mkstemp(path);
    struct lb_table t, whole;
    struct lb_board b, bw;
    struct lb_board_opts o;
    struct lb_load_opts lo = {0};
    struct lb_filter *f;
    struct lb_error err;
    size_t dropped, i;
    FILE *fp;
    char *x, *y;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    fp = fopen(path, "w");
    fputs("model,ARC,MMLU,params_b,license\n", fp);
    for (i = 0; i < 3000; i++)
        fprintf(fp, "org/m%zu,%zu.%zu,%zu,%zu,%s\n", i % 1700, (i * 37) % 100,
                i % 10, (i * 11) % 100, i % 90,
                i % 3 == 0 ? "mit" : i % 3 == 1 ? "apache-2.0" : "");
    fclose(fp);
    lb_board_opts_init(&o);
    o.where = "license == \"mit\" || params_b < 30";
    for (i = 0; i < 3; i++) {
        o.rank.top = i == 0 ? 0 : 10;
        o.dedup = i == 2 ? LB_DEDUP_BEST : LB_DEDUP_NONE;
        assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), 0);
        /* the same, step by step */
        assert_int_equal(lb_table_load(&whole, path, &lo, &err), 0);
        assert_int_equal(lb_filter_parse(o.where, &f, &err), 0);
        assert_int_equal(lb_filter_retain(f, &whole, &dropped, &err), 0);
        lb_filter_free(f);
        assert_int_equal(dropped, b.n_filtered);
        assert_true(dropped > 500 && dropped < 2500);
        if (o.dedup != LB_DEDUP_NONE) {
            size_t nd, dc;

            assert_int_equal(lb_dedup_rows(&whole, &o, &nd, &dc, &err), 0);
            assert_int_equal(nd, b.n_duplicates);
            assert_true(nd > 0);
        }
        assert_int_equal(lb_board_compute(&bw, &whole, &o, &err), 0);
        bw.n_filtered = dropped;
        bw.n_duplicates = b.n_duplicates;
        x = exported(&b);
        y = exported(&bw);
        assert_string_equal(x, y);
        free(x);
        free(y);
        lb_board_release(&b);
        lb_board_release(&bw);
        lb_table_release(&t);
        lb_table_release(&whole);
    }
    /* an error while reading a row: named with its line */
    o.where = "license > 1";
    o.rank.top = 0;
    assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), -1);
    assert_non_null(strstr(msg_of(&err), ":2:5: 'mit' is not a number (column "
                                    "'license', in --where)"));
    o.where = "nope > 1";
    assert_int_equal(lb_board_load(&t, &b, path, &lo, &o, &err), -1);
    assert_true(strncmp(msg_of(&err), "--where: no column 'nope'", 25) == 0);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dedup_best_keeps_the_best_row),
        cmocka_unit_test(test_dedup_best_follows_the_order),
        cmocka_unit_test(test_dedup_latest_by_date),
        cmocka_unit_test(test_dedup_latest_needs_a_date),
        cmocka_unit_test(test_dedup_where_while_loading),
    };

    return cmocka_run_group_tests_name("dedup", tests, NULL, NULL);
}
