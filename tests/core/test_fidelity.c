/* Fidelity to the real boards (issue: "tests assert these"): the computed
 * averages against the published ones on the final Open LLM Leaderboard v1
 * and v2 tables in benchmarks/. */
#include "test_util.h"

#include <math.h>

#include "core/aggregate.h"
#include "core/board.h"
#include "core/catalog.h"
#include "core/select.h"

#define V1 LB_SOURCE_DIR "/benchmarks/openllm_v1_final.csv"
#define V2 LB_SOURCE_DIR "/benchmarks/openllm_v2_final.csv"

struct comparison {
    size_t rows;
    size_t equal_at_2; /* computed, rounded half to even, equals published */
    lb_i128 worst;     /* largest |computed - published| in 10^-scale units
                          times the mean's denominator */
    int within;        /* every row within 0.01 */
};

/* Compares the mean of the default benchmarks with the Average column,
 * exactly: |sum/den - avg| <= 0.01 <=> |sum - avg*den| <= den/100. */
static void compare(const char *path, struct comparison *c)
{
    struct lb_table t;
    struct lb_selection sel;
    struct lb_select_opts so = {NULL, 0, NULL, NULL, 0, NULL};
    struct lb_aggregate agg;
    struct lb_error err;
    const struct lb_column *avg;
    unsigned scale;
    size_t r;

    memset(c, 0, sizeof *c);
    c->within = 1;
    assert_int_equal(lb_table_load(&t, path, NULL, &err), 0);
    assert_int_equal(lb_select(&t, &so, &sel, &err), 0);
    assert_int_equal(sel.nbench, 6);
    assert_int_equal(lb_aggregate_mean(&t, &sel, LB_MISSING_EXCLUDE, &agg, &err),
                     0);
    avg = &t.cols[lb_table_find(&t, "Average")];
    assert_true(avg->numeric);
    scale = agg.scale > avg->scale ? agg.scale : avg->scale;
    for (r = 0; r < t.nrows; r++) {
        lb_i128 sum, pub, diff, q, den;

        {
            lb_i128 num;
            uint32_t d;

            assert_true(lb_aggregate_get(&agg, r, &num, &d));
            den = d;
            sum = num * lb_pow10[scale - agg.scale];
        }
        pub = (lb_i128)lb_column_num(avg, r) * lb_pow10[scale - avg->scale];
        diff = sum - pub * den;
        if (diff < 0)
            diff = -diff;
        /* within 0.01: diff <= den * 10^scale / 100 */
        if (diff * 100 > den * lb_pow10[scale])
            c->within = 0;
        if (diff > c->worst)
            c->worst = diff;
        assert_true(lb_aggregate_round(&agg, r, 2, &q));
        if (q * lb_pow10[avg->scale] == (lb_i128)lb_column_num(avg, r) * 100)
            c->equal_at_2++;
        c->rows++;
    }
    lb_aggregate_release(&agg);
    lb_selection_release(&sel);
    lb_table_release(&t);
}

static void test_fidelity_v1_final_table(void **state)
{
    struct comparison c;

    (void)state;
    compare(V1, &c);
    assert_int_equal(c.rows, 7169);
    /* within 0.01 on every row, equal at 2 decimals on >= 6,380 (89%) */
    assert_true(c.within);
    print_message("v1: %zu of %zu rows equal at 2 decimals\n", c.equal_at_2,
                  c.rows);
    assert_true(c.equal_at_2 >= 6380);
}

static void test_fidelity_v2_final_table(void **state)
{
    struct comparison c;

    (void)state;
    compare(V2, &c);
    assert_int_equal(c.rows, 4576);
    assert_true(c.within);
}

/* |value - published| of a row, exactly, as a double for the report:
 * value = num / (den 10^scale), published = pub / 10^ps. */
static double gap(lb_i128 num, uint32_t den, unsigned scale, lb_i128 pub,
                  unsigned ps)
{
    unsigned s = scale > ps ? scale : ps;
    lb_i128 a = num * lb_pow10[s - scale];
    lb_i128 b = pub * lb_pow10[s - ps] * den;
    lb_i128 d = a > b ? a - b : b - a;

    return (double)d / (double)den / (double)lb_pow10[s];
}

/* --suite openllm-v2 (the board's benchmarks and its normalized mean) on
 * the final v2 table gives the published Average on all 4,576 rows. */
static void test_fidelity_v2_suite_reproduces_average(void **state)
{
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_error err;
    const struct lb_column *avg;
    double worst = 0;
    size_t r, equal_at_2 = 0;

    (void)state;
    assert_int_equal(lb_table_load(&t, V2, NULL, &err), 0);
    lb_board_opts_init(&o);
    o.select.suite = lb_catalog_suite("openllm-v2");
    assert_int_equal(lb_board_compute(&b, &t, &o, &err), 0);
    assert_int_equal(b.mean.method, LB_METHOD_NORMALIZED);
    assert_non_null(b.sel.suite);
    assert_string_equal(b.sel.suite->id, "openllm-v2");
    assert_int_equal(b.ranking.n_ranked, 4576);
    avg = &t.cols[lb_table_find(&t, "Average")];
    for (r = 0; r < t.nrows; r++) {
        lb_i128 num, q, p;
        uint32_t den;
        double g;

        assert_true(lb_aggregate_get(&b.mean, r, &num, &den));
        g = gap(num, den, b.mean.scale, lb_column_num(avg, r), avg->scale);
        worst = g > worst ? g : worst;
        assert_true(lb_fraction_round(num, den, b.mean.scale, 2, &q));
        assert_true(lb_dec_round(lb_column_num(avg, r), 1, avg->scale, 2, &p));
        equal_at_2 += q == p;
    }
    print_message("v2 suite: largest |computed - published Average| = %.3g "
                  "over %zu rows; equal at 2 decimals on %zu\n",
                  worst, t.nrows, equal_at_2);
    assert_true(worst < 1e-12);
    assert_int_equal(equal_at_2, 4576);
    lb_board_release(&b);
    lb_table_release(&t);
}

/* The v2 rule from the catalog's baselines, applied to the raw columns,
 * gives the published normalized GPQA, MMLU-PRO, MATH and IFEval. */
static void test_fidelity_v2_baselines_from_raw(void **state)
{
    static const char *const pairs[][2] = {{"GPQA_raw", "GPQA"},
                                           {"MMLU_PRO_raw", "MMLU_PRO"},
                                           {"MATH_Lvl5_raw", "MATH_Lvl5"},
                                           {"IFEval_raw", "IFEval"}};
    struct lb_table t;
    struct lb_error err;
    size_t i, r;

    (void)state;
    assert_int_equal(lb_table_load(&t, V2, NULL, &err), 0);
    for (i = 0; i < 4; i++) {
        struct lb_board b;
        struct lb_board_opts o;
        const struct lb_column *pub = &t.cols[lb_table_find(&t, pairs[i][1])];
        double worst = 0;

        lb_board_opts_init(&o);
        o.select.benchmarks = &pairs[i][0];
        o.select.nbenchmarks = 1;
        o.method.method = LB_METHOD_NORMALIZED;
        o.method.given = true;
        assert_int_equal(lb_board_compute(&b, &t, &o, &err), 0);
        for (r = 0; r < t.nrows; r++) {
            lb_i128 num;
            uint32_t den;
            double g;

            assert_true(lb_aggregate_get(&b.mean, r, &num, &den));
            g = gap(num, den, b.mean.scale, lb_column_num(pub, r), pub->scale);
            worst = g > worst ? g : worst;
        }
        print_message("%s normalized against %s: largest gap %.3g\n",
                      pairs[i][0], pairs[i][1], worst);
        assert_true(worst < 1e-9);
        lb_board_release(&b);
    }
    lb_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fidelity_v1_final_table),
        cmocka_unit_test(test_fidelity_v2_final_table),
        cmocka_unit_test(test_fidelity_v2_suite_reproduces_average),
        cmocka_unit_test(test_fidelity_v2_baselines_from_raw),
    };

    return cmocka_run_group_tests_name("fidelity", tests, NULL, NULL);
}
