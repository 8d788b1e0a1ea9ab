#include "opts_util.h"

#include "core/aggregate.h"
#include "core/select.h"

struct fixture {
    struct lb_table t;
    struct lb_selection sel;
    struct lb_aggregate agg;
};

static void compute(struct fixture *f, const char *csv, const char *benchmarks,
                    enum lb_missing policy)
{
    struct lb_select_opts o = {NULL, 0, NULL, NULL, 0, NULL};
    struct lb_error err;

    SET_NAMES(o.benchmarks, o.nbenchmarks, benchmarks);
    load_ok(&f->t, csv);
    assert_int_equal(lb_select(&f->t, &o, &f->sel, &err), 0);
    assert_int_equal(lb_aggregate_mean(&f->t, &f->sel, policy, &f->agg, &err), 0);
}

static void release(struct fixture *f)
{
    lb_aggregate_release(&f->agg);
    lb_selection_release(&f->sel);
    lb_table_release(&f->t);
}

/* The mean of row r, rounded at 'p' decimals, as an integer. */
static long long shown(const struct fixture *f, size_t r, unsigned p)
{
    lb_i128 q;

    assert_true(lb_aggregate_has(&f->agg, r));
    assert_true(lb_aggregate_round(&f->agg, r, p, &q));
    /* the fast path agrees with the general rounding */
    {
        lb_i128 slow;

        lb_i128 num;
        uint32_t den;

        assert_true(lb_aggregate_get(&f->agg, r, &num, &den));
        assert_true(lb_dec_round(num, den, f->agg.scale, p, &slow));
        assert_true(slow == q);
    }
    return (long long)q;
}

static const char *const seed =
    "model,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K\n"
    "mistralai/Mixtral-8x7B-v0.1,66.04,86.49,71.82,46.78,81.93,57.47\n"
    "01-ai/Yi-34B,64.59,85.69,76.35,56.23,83.03,50.64\n"
    "org/partial,60,,70,,80,\n"
    "org/none,,,,,,\n";

static void test_aggregate_mean_exact(void **state)
{
    struct fixture f;

    (void)state;
    compute(&f, seed, NULL, LB_MISSING_EXCLUDE);
    /* RULES.md: Mixtral's six give 68.42; Yi-34B's 69.42 */
    assert_int_equal(shown(&f, 0, 2), 6842);
    assert_int_equal(shown(&f, 1, 2), 6942);
    {
        lb_i128 num;
        uint32_t den;

        assert_true(lb_aggregate_get(&f.agg, 0, &num, &den));
        assert_true(num == 41053 && den == 6);
    }
    assert_false(lb_aggregate_has(&f.agg, 2));
    assert_false(lb_aggregate_has(&f.agg, 3));
    {
        uint32_t n;

        (void)lb_aggregate_sum(&f.agg, 2, &n);
        assert_int_equal(n, 3);
        (void)lb_aggregate_sum(&f.agg, 3, &n);
        assert_int_equal(n, 0);
    }
    release(&f);
}

static void test_aggregate_mean_of_four_differs(void **state)
{
    struct fixture f;

    (void)state;
    /* RULES.md: the mean of the first four only is 67.78 */
    compute(&f, seed, "ARC,HellaSwag,MMLU,TruthfulQA", LB_MISSING_EXCLUDE);
    assert_int_equal(shown(&f, 0, 2), 6778);
    release(&f);
}

static void test_aggregate_missing_policies(void **state)
{
    struct fixture f;

    (void)state;
    compute(&f, seed, NULL, LB_MISSING_PARTIAL);
    assert_int_equal(shown(&f, 2, 2), 7000); /* (60 + 70 + 80) / 3 */
    assert_false(lb_aggregate_has(&f.agg, 3));          /* nothing to average */
    release(&f);
    compute(&f, seed, NULL, LB_MISSING_ZERO);
    assert_int_equal(shown(&f, 2, 2), 3500); /* 210 / 6 */
    assert_int_equal(shown(&f, 3, 2), 0);
    release(&f);
}

static void test_aggregate_mixed_scales_exact(void **state)
{
    struct fixture f;

    (void)state;
    /* 0.1 + 0.25 + 0.003 = 0.353 exactly, whatever the column order */
    compute(&f, "model,A,B,C\nx,0.1,0.25,0.003\ny,0.003,0.1,0.25\n", NULL,
            LB_MISSING_EXCLUDE);
    assert_int_equal(f.agg.scale, 3);
    {
        uint32_t n;

        assert_true(lb_aggregate_sum(&f.agg, 0, &n) == 353);
        assert_true(lb_aggregate_sum(&f.agg, 1, &n) == 353);
    }
    release(&f);
}

static void test_aggregate_half_way_means(void **state)
{
    struct fixture f;

    (void)state;
    /* 474.39 / 6 = 79.065 and 474.45 / 6 = 79.075: half to even */
    compute(&f, "model,A,B,C,D,E,F\n"
                "x,79.06,79.07,79.06,79.07,79.06,79.07\n"
                "y,79.07,79.08,79.07,79.08,79.07,79.08\n",
            NULL, LB_MISSING_EXCLUDE);
    assert_int_equal(shown(&f, 0, 2), 7906);
    assert_int_equal(shown(&f, 1, 2), 7908);
    release(&f);
}

static void test_aggregate_column(void **state)
{
    struct lb_table t;
    struct lb_aggregate agg;

    (void)state;
    load_ok(&t, "model,params_b\na,6.74\nb,\n");
    lb_aggregate_column(&t, 1, &agg);
    assert_int_equal(agg.scale, 2);
    {
        uint32_t n;

        assert_true(lb_aggregate_has(&agg, 0));
        assert_true(lb_aggregate_sum(&agg, 0, &n) == 674);
    }
    assert_false(lb_aggregate_has(&agg, 1));
    lb_aggregate_release(&agg);
    lb_table_release(&t);
}

static void test_aggregate_policy_names(void **state)
{
    enum lb_missing m;

    (void)state;
    assert_true(lb_missing_parse("partial", &m));
    assert_int_equal(m, LB_MISSING_PARTIAL);
    assert_string_equal(lb_missing_name(LB_MISSING_ZERO), "zero");
    assert_false(lb_missing_parse("drop", &m));
}

/* The check of a plain mean's sums on two threads (each half of the rows)
 * and on one: the same largest value and row (the first of equals), the
 * same 64-bit answer, the same first row too large. */
static char both_msg[LB_ERROR_MAX];

static int mean_both_ways(const char *csv, const char *benchmarks)
{
    struct lb_select_opts o = {NULL, 0, NULL, NULL, 0, NULL};
    struct lb_table t;
    struct lb_selection sel;
    struct lb_aggregate one, two;
    struct lb_error e1, e2;
    size_t saved = lb_aggregate_parallel_min;
    int r1, r2;

    SET_NAMES(o.benchmarks, o.nbenchmarks, benchmarks);
    load_ok(&t, csv);
    assert_int_equal(lb_select(&t, &o, &sel, &e1), 0);
    lb_error_init(&e1);
    lb_error_init(&e2);
    lb_aggregate_parallel_min = (size_t)-1;
    r1 = lb_aggregate_mean(&t, &sel, LB_MISSING_PARTIAL, &one, &e1);
    lb_aggregate_parallel_min = 1;
    r2 = lb_aggregate_mean(&t, &sel, LB_MISSING_PARTIAL, &two, &e2);
    lb_aggregate_parallel_min = saved;
    assert_int_equal(r1, r2);
    assert_string_equal(e1.msg, e2.msg);
    snprintf(both_msg, sizeof both_msg, "%s", e1.msg);
    if (r1 == 0) {
        assert_true(one.max_abs == two.max_abs);
        assert_int_equal(one.max_row, two.max_row);
        assert_int_equal(one.fits64, two.fits64);
        lb_aggregate_release(&one);
        lb_aggregate_release(&two);
    }
    lb_selection_release(&sel);
    lb_table_release(&t);
    return r1;
}

static void test_aggregate_two_threads_agree(void **state)
{
    (void)state;
    assert_int_equal(mean_both_ways(seed, "ARC,MMLU,GSM8K"), 0);
    /* the largest in both halves: the first row */
    mean_both_ways("model,A,B\na,10,20\nb,5,5\nc,10,20\nd,1,1\n", "A,B");
    mean_both_ways("model,A,B\na,1,1\nb,2,2\nc,3,3\nd,90,90\n", "A,B");
    mean_both_ways("model,A,B\na,1,1\nb,-2,2\nc,3,-3\nd,-90,-90\n", "A,B");
    /* a sum past 64 bits in one half only (10^18 times 9 * 10^9) */
    mean_both_ways("model,A,B\na,1,0.000000000000000001\nb,2,1\nc,3,1\n"
                   "d,9000000000,1\n",
                   "A,B");
    mean_both_ways("model,A,B\na,9000000000,0.000000000000000001\nb,2,1\n"
                   "c,3,1\nd,4,1\n",
                   "A,B");
    /* sums past 128 bits (19 times 9 * 10^36): the first such row, in
     * either half or both */
    {
        static const char *const rows[][4] = {
            {"a", "b", "c", "H"}, {"a", "H", "c", "d"}, {"H", "b", "H", "d"}};
        static const char *const line[] = {":5:", ":3:", ":2:"};
        struct lb_buf csv = LB_BUF_INIT, names = LB_BUF_INIT;
        size_t i, r, k;

        for (k = 0; k < 19; k++)
            lb_buf_addf(&names, "%sA%zu", k ? "," : "", k);
        lb_buf_adds(&names, ",B");
        for (i = 0; i < 3; i++) {
            lb_buf_reset(&csv);
            lb_buf_addf(&csv, "model,%s\n", lb_buf_str(&names));
            for (r = 0; r < 4; r++) {
                bool huge = rows[i][r][0] == 'H';

                lb_buf_addf(&csv, "%c%zu", 'm', r);
                for (k = 0; k < 19; k++)
                    lb_buf_adds(&csv, huge ? ",9000000000000000000" : ",1");
                lb_buf_adds(&csv, ",0.000000000000000001\n");
            }
            assert_int_equal(mean_both_ways(lb_buf_str(&csv),
                                            lb_buf_str(&names)),
                             -1);
            assert_non_null(strstr(both_msg, line[i]));
        }
        lb_buf_release(&csv);
        lb_buf_release(&names);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aggregate_mean_exact),
        cmocka_unit_test(test_aggregate_mean_of_four_differs),
        cmocka_unit_test(test_aggregate_missing_policies),
        cmocka_unit_test(test_aggregate_mixed_scales_exact),
        cmocka_unit_test(test_aggregate_half_way_means),
        cmocka_unit_test(test_aggregate_column),
        cmocka_unit_test(test_aggregate_policy_names),
        cmocka_unit_test(test_aggregate_two_threads_agree),
    };

    return cmocka_run_group_tests_name("aggregate", tests, NULL, NULL);
}
