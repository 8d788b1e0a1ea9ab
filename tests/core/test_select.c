#include "opts_util.h"

#include <stdlib.h>

#include "core/select.h"

static const char *bench_names(const struct lb_table *t,
                               const struct lb_selection *sel, char *buf,
                               size_t size)
{
    size_t i, n = 0;

    buf[0] = '\0';
    for (i = 0; i < sel->nbench; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "",
                              t->cols[sel->bench[i]].name);
    return buf;
}

static void select_is(const char *csv, const char *benchmarks,
                      const char *want)
{
    struct lb_table t;
    struct lb_selection sel;
    struct lb_select_opts opts = {NULL, 0, NULL, NULL, 0, NULL};
    struct lb_error err;
    char buf[256];

    SET_NAMES(opts.benchmarks, opts.nbenchmarks, benchmarks);
    load_ok(&t, csv);
    if (lb_select(&t, &opts, &sel, &err) != 0) {
        print_error("select failed: %s\n", err.msg);
        fail();
    }
    assert_string_equal(bench_names(&t, &sel, buf, sizeof buf), want);
    lb_selection_release(&sel);
    lb_table_release(&t);
}

static void select_fails(const char *csv, const struct lb_select_opts *opts,
                         const char *msg)
{
    struct lb_table t;
    struct lb_selection sel;
    struct lb_error err;

    load_ok(&t, csv);
    assert_int_equal(lb_select(&t, opts, &sel, &err), -1);
    assert_string_equal(msg_of(&err), msg);
    lb_selection_release(&sel);
    lb_table_release(&t);
}

static void test_select_default_is_catalog(void **state)
{
    (void)state;
    /* catalog benchmarks present win; Average, params_b and X are left out */
    select_is("model,ARC,X,MMLU,Average,params_b\na,1,2,3,4,5\n", NULL,
              "ARC,MMLU");
    /* both suites: every catalog benchmark */
    select_is("model,ARC,IFEval\na,1,2\n", NULL, "ARC,IFEval");
}

static void test_select_default_numeric_columns(void **state)
{
    (void)state;
    select_is("model,B1,B2,license,params_b,note,Average,B1_stderr,empty\n"
              "a,1,2,mit,7,x,1.5,0.1,\n",
              NULL, "B1,B2");
}

static void test_select_named(void **state)
{
    (void)state;
    select_is("model,ARC,MMLU,X\na,1,2,3\n", "X, ARC", "X,ARC");
    /* letter case and the catalog's loose names */
    select_is("model,MATH_Lvl5,GPQA\na,1,2\n", "math lvl 5,gpqa",
              "MATH_Lvl5,GPQA");
}

static void test_select_suite_detected(void **state)
{
    struct lb_table t;
    struct lb_selection sel;
    struct lb_select_opts opts = {NULL, 0, NULL, NULL, 0, NULL};
    struct lb_error err;

    (void)state;
    load_ok(&t, "model,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K\n"
                "a,1,2,3,4,5,6\n");
    assert_int_equal(lb_select(&t, &opts, &sel, &err), 0);
    assert_non_null(sel.suite);
    assert_string_equal(sel.suite->id, "openllm-v1");
    lb_selection_release(&sel);
    SET_NAMES(opts.benchmarks, opts.nbenchmarks, "ARC,MMLU");
    assert_int_equal(lb_select(&t, &opts, &sel, &err), 0);
    assert_null(sel.suite);
    lb_selection_release(&sel);
    lb_table_release(&t);
}

static void test_select_errors(void **state)
{
    struct lb_select_opts o = {NULL, 0, NULL, NULL, 0, NULL};

    (void)state;
    SET_NAMES(o.benchmarks, o.nbenchmarks, "ARC,Nope");
    select_fails("model,ARC,license\na,1,x\n", &o,
                 "--benchmarks: no benchmark 'Nope' in t.csv (columns: "
                 "'ARC', 'license')");
    /* two names of one column (the lists' syntax is the CLI's: its tests) */
    SET_NAMES(o.benchmarks, o.nbenchmarks, "ARC,arc");
    select_fails("model,ARC\na,1\n", &o,
                 "--benchmarks: 'arc' and an earlier name are the same column "
                 "'ARC'");
    SET_NAMES(o.benchmarks, o.nbenchmarks, "license");
    select_fails("model,license\na,mit\n", &o,
                 "t.csv:2:2: 'mit' is not a number (column 'license')");
    SET_NAMES(o.benchmarks, o.nbenchmarks, "model");
    select_fails("model,ARC\na,1\n", &o,
                 "--benchmarks: 'model' is the model column");
    SET_NAMES(o.benchmarks, o.nbenchmarks, NULL);
    select_fails("model,license\na,mit\n", &o,
                 "t.csv: no benchmark columns (no column of the catalog, "
                 "none that the schema names, and no column of numbers from "
                 "0 to 100 other than metadata); name them with --benchmarks "
                 "or in a schema (--schema)");
    /* a catalog benchmark with a bad cell fails even by default */
    select_fails("model,ARC\na,1\nb,x\n", &o,
                 "t.csv:3:2: 'x' is not a number (column 'ARC')");
    o.sort = "license";
    select_fails("model,ARC,license\na,1,mit\n", &o,
                 "t.csv:2:3: 'mit' is not a number (column 'license')");
    o.sort = "zzz";
    select_fails("model,ARC\na,1\n", &o,
                 "--sort: no column 'zzz' in t.csv (columns: 'ARC')");
    o.sort = NULL;
    SET_NAMES(o.columns, o.ncolumns, "zzz");
    select_fails("model,ARC\na,1\n", &o,
                 "--columns: no column 'zzz' in t.csv (columns: 'ARC')");
}

static void test_select_sort_and_columns(void **state)
{
    struct lb_table t;
    struct lb_selection sel;
    struct lb_select_opts o = {NULL, 0, "params_b", NULL, 0, NULL};
    struct lb_error err;

    (void)state;
    SET_NAMES(o.columns, o.ncolumns, "license,ARC");
    load_ok(&t, "model,ARC,license,params_b\na,1,mit,7\n");
    assert_int_equal(lb_select(&t, &o, &sel, &err), 0);
    assert_int_equal(sel.sort_col, 3);
    /* ARC is shown already as a benchmark; params_b joins the extras */
    assert_int_equal(sel.nextra, 2);
    assert_int_equal(sel.extra[0], 2);
    assert_int_equal(sel.extra[1], 3);
    lb_selection_release(&sel);
    o.sort = "Average"; /* the default */
    assert_int_equal(lb_select(&t, &o, &sel, &err), 0);
    assert_int_equal(sel.sort_col, LB_NPOS);
    lb_selection_release(&sel);
    lb_table_release(&t);
}

/* lb_table_find in constant time (the loader's index) gives what reading
 * every column gives: exact, then any letter case (ambiguous: none), then
 * the catalog's loose match (ambiguous: none). */
static void test_select_find_indexed_agrees(void **state)
{
    static const char *const queries[] = {
        "ARC", "arc", "Arc", "MMLU", "mmlu", "MATH Lvl 5", "math_lvl5",
        "MATH-LVL-5", "x", "X", "y", "Y", "model", "MODEL", "nope", "",
        "a b", "A_B", "ab", "AB", "Ab", "aB", "a-b", "params_b", "PARAMS_B",
        "0123456789012345678901234567890123456789012345678901234567890123x"};
    struct lb_table t;
    struct lb_col_index *index;
    size_t i;

    (void)state;
    /* case twins (x, X), loose twins (a b, A_B), a long name */
    load_ok(&t, "model,ARC,MATH_Lvl5,x,X,a b,A_B,ab,params_b,"
                "0123456789012345678901234567890123456789012345678901234567890123x\n"
                "m,1,2,3,4,5,6,7,8,9\n");
    assert_non_null(t.index);
    for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        size_t fast = lb_table_find(&t, queries[i]), slow;

        index = t.index;
        t.index = NULL;
        slow = lb_table_find(&t, queries[i]);
        t.index = index;
        if (fast != slow) {
            print_error("'%s': %zu indexed, %zu read\n", queries[i], fast,
                        slow);
            fail();
        }
    }
    assert_int_equal(lb_table_find(&t, "arc"), 1);
    assert_int_equal(lb_table_find(&t, "x"), 3);
    assert_int_equal(lb_table_find(&t, "X"), 4);
    assert_int_equal(lb_table_find(&t, "math lvl 5"), 2);
    assert_int_equal(lb_table_find(&t, "A B"), 5); /* a b, any case */
    assert_int_equal(lb_table_find(&t, "a-b"), LB_NPOS); /* a b, A_B or ab */
    lb_table_release(&t);
}

/* "did you mean": the nearest name within a third of its length (a swap
 * of two neighbours counts one edit), none when nothing is near. */
static void test_select_suggest(void **state)
{
    struct lb_table t;

    (void)state;
    load_ok(&t, "model,ARC,MMLU,HellaSwag,params_b\nm,1,2,3,4\n");
    assert_int_equal(lb_table_suggest(&t, "MLMU"), 2);
    assert_int_equal(lb_table_suggest(&t, "acr"), 1);
    assert_int_equal(lb_table_suggest(&t, "hellaswag2"), 3);
    assert_int_equal(lb_table_suggest(&t, "param_b"), 4);
    assert_int_equal(lb_table_suggest(&t, "xyz"), LB_NPOS);
    assert_int_equal(lb_table_suggest(&t, "GSM8K"), LB_NPOS);
    lb_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_default_is_catalog),
        cmocka_unit_test(test_select_default_numeric_columns),
        cmocka_unit_test(test_select_named),
        cmocka_unit_test(test_select_suite_detected),
        cmocka_unit_test(test_select_errors),
        cmocka_unit_test(test_select_sort_and_columns),
        cmocka_unit_test(test_select_find_indexed_agrees),
        cmocka_unit_test(test_select_suggest),
    };

    return cmocka_run_group_tests_name("select", tests, NULL, NULL);
}
