#include "test_util.h"

#include "core/catalog.h"

static void test_catalog_finds_benchmarks_loosely(void **state)
{
    const struct lb_bench_info *b;

    (void)state;
    b = lb_catalog_benchmark("ARC");
    assert_non_null(b);
    assert_string_equal(b->suite->id, "openllm-v1");
    assert_int_equal(b->shots, 25);
    assert_non_null(lb_catalog_benchmark("hellaswag"));
    b = lb_catalog_benchmark("MATH_Lvl5");
    assert_non_null(b);
    assert_string_equal(b->name, "MATH Lvl 5");
    assert_string_equal(b->suite->id, "openllm-v2");
    assert_ptr_equal(lb_catalog_benchmark("MMLU-PRO"),
                     lb_catalog_benchmark("MMLU_PRO"));
    /* MMLU and MMLU-PRO are different benchmarks */
    assert_true(lb_catalog_benchmark("MMLU") != lb_catalog_benchmark("MMLU_PRO"));
    assert_null(lb_catalog_benchmark("IFEval_raw"));
    assert_null(lb_catalog_benchmark("Average"));
    assert_null(lb_catalog_benchmark("MyBench"));
}

static void test_catalog_suites_have_six(void **state)
{
    const struct lb_suite *const *s = lb_catalog_suites();
    size_t i, k;

    (void)state;
    for (k = 0; s[k] != NULL; k++) {
        assert_int_equal(s[k]->n, 6);
        for (i = 0; i < s[k]->n; i++)
            assert_ptr_equal(lb_catalog_benchmark(s[k]->names[i])->suite, s[k]);
    }
    assert_int_equal(k, 2);
}

static void test_catalog_metadata(void **state)
{
    (void)state;
    assert_true(lb_catalog_is_metadata("params_b"));
    assert_true(lb_catalog_is_metadata("context_length"));
    assert_true(lb_catalog_is_metadata("License"));
    assert_true(lb_catalog_is_metadata("Average"));
    assert_true(lb_catalog_is_metadata("ARC_stderr"));
    assert_true(lb_catalog_is_metadata("co2_kg"));
    assert_false(lb_catalog_is_metadata("squad_en"));
    assert_false(lb_catalog_is_metadata("MyBench"));
    assert_true(lb_catalog_is_average("average"));
    assert_true(lb_catalog_is_average("Avg"));
    assert_false(lb_catalog_is_average("ARC"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_finds_benchmarks_loosely),
        cmocka_unit_test(test_catalog_suites_have_six),
        cmocka_unit_test(test_catalog_metadata),
    };

    return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
