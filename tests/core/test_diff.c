#include "test_util.h"

#include <stdlib.h>

#include "core/board.h"
#include "core/diff.h"

struct pair {
    struct lb_table ot, nt;
    struct lb_board ob, nb;
    struct lb_diff d;
};

static void compare(struct pair *p, const char *old_csv, const char *new_csv,
                    const char *threshold)
{
    struct lb_board_opts o;
    struct lb_error err;
    struct lb_dec t;

    lb_board_opts_init(&o);
    lb_error_init(&err);
    load_ok(&p->ot, old_csv);
    load_ok(&p->nt, new_csv);
    assert_int_equal(lb_board_compute(&p->ob, &p->ot, &o, &err), 0);
    assert_int_equal(lb_board_compute(&p->nb, &p->nt, &o, &err), 0);
    assert_int_equal(lb_dec_parse(threshold, strlen(threshold), &t), LB_NUM_OK);
    if (lb_diff_compute(&p->d, &p->ob, &p->nb, t, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

static void release(struct pair *p)
{
    lb_diff_release(&p->d);
    lb_board_release(&p->nb);
    lb_board_release(&p->ob);
    lb_table_release(&p->nt);
    lb_table_release(&p->ot);
}

static void test_diff_statuses(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC\na,50\nb,40\nc,30\ngone,10\n",
            "model,ARC\nb,60\na,50\nc,30.004\nnew,20\n", "0");
    /* the new board's order, then what is gone */
    assert_int_equal(p.d.n, 5);
    assert_int_equal(p.d.e[0].status, LB_DIFF_MOVED); /* b: 2 -> 1 */
    assert_int_equal(p.d.e[0].old_rank2, 4);
    assert_int_equal(p.d.e[0].new_rank2, 2);
    assert_true(p.d.e[0].mean_changed);
    assert_int_equal(p.d.e[0].nchanged, 1);
    assert_int_equal(p.d.e[1].status, LB_DIFF_MOVED); /* a: 1 -> 2 */
    assert_false(p.d.e[1].mean_changed);
    /* c: 30.004 shows as 30.00: no change at 2 decimals */
    assert_int_equal(p.d.e[2].status, LB_DIFF_SAME);
    assert_int_equal(p.d.e[3].status, LB_DIFF_ADDED);
    assert_int_equal(p.d.e[4].status, LB_DIFF_REMOVED);
    assert_int_equal(p.d.added, 1);
    assert_int_equal(p.d.removed, 1);
    assert_int_equal(p.d.moved, 2);
    assert_int_equal(p.d.same, 1);
    release(&p);
}

static void test_diff_threshold(void **state)
{
    struct pair p;

    (void)state;
    /* +0.5 is not more than 0.5; +0.51 is */
    compare(&p, "model,ARC,MMLU\na,50,60\nb,10,10\n",
            "model,ARC,MMLU\na,50.5,60.51\nb,10,10\n", "0.5");
    assert_int_equal(p.d.e[0].status, LB_DIFF_CHANGED);
    assert_false(lb_diff_bench_changed(&p.d, 0, 0));
    assert_true(lb_diff_bench_changed(&p.d, 0, 1));
    assert_int_equal(p.d.e[0].nchanged, 1);
    assert_false(p.d.e[0].mean_changed); /* the mean moved 0.505 */
    release(&p);
}

static void test_diff_key_with_precision(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC,precision\na,50,float16\na,40,8bit\n",
            "model,ARC,precision\na,50,float16\na,45,bfloat16\n", "0");
    assert_int_equal(p.d.added, 1);   /* a bfloat16 */
    assert_int_equal(p.d.removed, 1); /* a 8bit */
    assert_int_equal(p.d.same, 1);
    assert_true(p.d.new_prec != LB_NPOS);
    release(&p);
}

static void test_diff_duplicate_key(void **state)
{
    struct lb_table ot, nt;
    struct lb_board ob, nb;
    struct lb_board_opts o;
    struct lb_diff d;
    struct lb_error err;
    struct lb_dec t = {0, 0};

    (void)state;
    lb_board_opts_init(&o);
    load_ok(&ot, "model,ARC\na,1\na,2\n");
    load_ok(&nt, "model,ARC\na,1\n");
    assert_int_equal(lb_board_compute(&ob, &ot, &o, &err), 0);
    assert_int_equal(lb_board_compute(&nb, &nt, &o, &err), 0);
    assert_int_equal(lb_diff_compute(&d, &ob, &nb, t, &err), -1);
    assert_string_equal(err.msg, "t.csv:3: 'a' is also on line 2: diff matches "
                                 "rows by model, which must be unique");
    lb_diff_release(&d);
    lb_board_release(&nb);
    lb_board_release(&ob);
    lb_table_release(&nt);
    lb_table_release(&ot);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_statuses),
        cmocka_unit_test(test_diff_threshold),
        cmocka_unit_test(test_diff_key_with_precision),
        cmocka_unit_test(test_diff_duplicate_key),
    };

    return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
