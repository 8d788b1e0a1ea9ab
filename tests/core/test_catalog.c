#include "test_util.h"

#include <string.h>

#include "core/catalog.h"
#include "core/schema.h"

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

/* The suites are Table Schemas read by the reader of a user's: each is one
 * (lb_schema_parse takes it whole), and the catalog holds what they say. */
static void test_catalog_suites_are_schemas(void **state)
{
    const struct lb_suite *const *s = lb_catalog_suites();
    size_t k, i, len;

    (void)state;
    assert_null(lb_catalog_error());
    for (k = 0; s[k] != NULL; k++) {
        const char *text = lb_catalog_suite_text(s[k]->id, &len);
        struct lb_schema sc;
        struct lb_error err;
        size_t nbench = 0;

        assert_non_null(text);
        assert_int_equal(strlen(text), len);
        lb_schema_init(&sc);
        lb_error_init(&err);
        assert_int_equal(lb_schema_parse(&sc, s[k]->id, text, len, &err), 0);
        for (i = 0; i < sc.nfields; i++) {
            const struct lb_field *f = &sc.fields[i];

            if (f->role != LB_ROLE_BENCHMARK)
                continue;
            /* in the schema's order, each the catalog's */
            assert_string_equal(f->name, s[k]->names[nbench]);
            assert_ptr_equal(lb_catalog_benchmark(f->name)->suite, s[k]);
            assert_int_equal(lb_catalog_benchmark(f->name)->higher_is_better,
                             f->better != LB_BETTER_LOWER);
            nbench++;
        }
        assert_int_equal(nbench, s[k]->n);
        lb_schema_release(&sc);
    }
    assert_null(lb_catalog_suite_text("helm", &len));
}

/* What the suites' files say, as RULES.md sections 1 and 2 give it. */
static void test_catalog_suite_facts(void **state)
{
    const struct lb_bench_info *b;
    const struct lb_raw_info *r;

    (void)state;
    assert_string_equal(lb_catalog_suite("openllm-v1")->method, "mean");
    assert_string_equal(lb_catalog_suite("openllm-v2")->method, "normalized");
    assert_string_equal(lb_catalog_suite("openllm-v2")->title,
                        "Open LLM Leaderboard v2");
    assert_null(lb_catalog_suite("openllm-v3"));
    b = lb_catalog_benchmark("Winogrande");
    assert_string_equal(b->norm_baseline, "50");
    assert_string_equal(b->task, "winogrande");
    assert_int_equal(b->shots, 5);
    assert_int_equal(b->lo, 0);
    assert_int_equal(b->hi, 100);
    b = lb_catalog_benchmark("arc_challenge"); /* the alias */
    assert_non_null(b);
    assert_string_equal(b->name, "ARC");
    assert_string_equal(b->metric, "acc_norm");
    b = lb_catalog_benchmark("math_hard");
    assert_string_equal(b->name, "MATH Lvl 5");
    assert_null(b->norm_baseline); /* published normalized */
    assert_string_equal(lb_catalog_benchmark("BBH")->baseline, "1/num_choices");
    r = lb_catalog_raw("GPQA_raw");
    assert_non_null(r);
    assert_string_equal(r->of->name, "GPQA");
    assert_string_equal(r->norm_baseline, "0.25");
    assert_int_equal(r->hi, 1);
    assert_ptr_equal(lb_catalog_raw("math_hard_raw")->of,
                     lb_catalog_raw("MATH_Lvl5_raw")->of);
    assert_null(lb_catalog_raw("MUSR_raw")->norm_baseline);
    assert_null(lb_catalog_raw("IFEval"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_finds_benchmarks_loosely),
        cmocka_unit_test(test_catalog_suites_have_six),
        cmocka_unit_test(test_catalog_metadata),
        cmocka_unit_test(test_catalog_suites_are_schemas),
        cmocka_unit_test(test_catalog_suite_facts),
    };

    return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
