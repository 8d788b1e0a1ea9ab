/* Fidelity to the real boards (issue: "tests assert these"): the computed
 * averages against the published ones on the final Open LLM Leaderboard v1
 * and v2 tables in benchmarks/. */
#include "test_util.h"

#include "core/aggregate.h"
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
    struct lb_select_opts so = {NULL, NULL, NULL};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fidelity_v1_final_table),
        cmocka_unit_test(test_fidelity_v2_final_table),
    };

    return cmocka_run_group_tests_name("fidelity", tests, NULL, NULL);
}
