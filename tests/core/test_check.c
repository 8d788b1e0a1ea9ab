#include "test_util.h"

#include <stdlib.h>

#include "core/check.h"
#include "core/schema.h"

/* Loads csv (with every cell's text) and checks it. */
static void check_with(const char *csv, const struct lb_schema *schema,
                       size_t max, struct lb_table *t,
                       struct lb_check_report *r)
{
    struct lb_load_opts lo = {.keep_text = true, .schema = schema};
    struct lb_check_opts o = {max, NULL, 0};
    struct lb_error err;

    lb_error_init(&err);
    if (lb_table_load_mem(t, "t.csv", csv, strlen(csv), &lo, &err) != 0) {
        print_error("unexpected load error: %s\n", err.msg);
        fail();
    }
    lb_check_table(t, &o, r);
}

static void check(const char *csv, size_t max, struct lb_table *t,
                  struct lb_check_report *r)
{
    check_with(csv, NULL, max, t, r);
}

static void done(struct lb_table *t, struct lb_check_report *r)
{
    lb_check_report_release(r);
    lb_table_release(t);
}

static void test_check_clean_file(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    check("model,ARC,MMLU,Average,params_b,license\n"
          "a,50,60,55,7,mit\nb,NA,70,,13,apache-2.0\n",
          0, &t, &r);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.warnings, 0);
    done(&t, &r);
}

static void test_check_every_bad_cell(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    /* the loader keeps the first bad cell of a column; check lists all */
    check("model,ARC,MMLU\na,x,60\nb,y,101\nc,50,z\n", 0, &t, &r);
    assert_int_equal(r.errors, 4);
    assert_int_equal(r.n, 4);
    /* in file order: line, then column */
    assert_int_equal(r.issues[0].line, 2);
    assert_string_equal(as_shown(r.issues[0].msg), "'x' is not a number (column 'ARC')");
    assert_int_equal(r.issues[1].line, 3);
    assert_int_equal(r.issues[1].col, 2);
    assert_int_equal(r.issues[2].col, 3);
    assert_string_equal(as_shown(r.issues[2].msg),
                        "'101' is out of range for 'MMLU' (0 to 100)");
    assert_int_equal(r.issues[3].line, 4);
    done(&t, &r);
}

static void test_check_max_per_column(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    check("model,ARC\na,x\nb,y\nc,z\n", 1, &t, &r);
    assert_int_equal(r.errors, 3); /* counted in full */
    assert_int_equal(r.n, 2);      /* one listed, one summing up */
    assert_int_equal(r.issues[1].line, LB_NPOS);
    assert_string_equal(as_shown(r.issues[1].msg),
                        "2 more cells that are not numbers in column 'ARC' "
                        "(not listed)");
    done(&t, &r);
}

static void test_check_duplicate_keys(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    check("model,ARC,precision\na,1,float16\na,2,bfloat16\nb,3,\na,4,float16\n"
          "b,5,\n",
          0, &t, &r);
    assert_int_equal(r.errors, 2);
    assert_int_equal(r.issues[0].line, 5);
    assert_string_equal(as_shown(r.issues[0].msg), "'a' (precision 'float16') is also "
                                         "on line 2: duplicate key");
    assert_string_equal(as_shown(r.issues[1].msg), "'b' (precision '') is also on line "
                                         "4: duplicate key");
    done(&t, &r);
    /* without a precision column the model is the key */
    check("model,ARC\na,1\na,2\n", 0, &t, &r);
    assert_string_equal(as_shown(r.issues[0].msg), "'a' is also on line 2: duplicate "
                                         "model");
    done(&t, &r);
}

static void test_check_average(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    /* mean 55.005; the tolerance is their rounding: half a unit of the
     * Average's last digit (0.005) plus the mean of the scores' (0.005):
     * 55.01 is within it, 55.02 is not; a row lacking a benchmark has
     * nothing to compare with */
    check("model,ARC,MMLU,Average\na,50.00,60.01,55.01\nb,50.00,60.01,55.02\n"
          "c,50.00,,99\nd,50.00,60.00,55.00\n",
          0, &t, &r);
    assert_int_equal(r.errors, 1);
    assert_int_equal(r.issues[0].line, 3);
    assert_string_equal(as_shown(r.issues[0].msg),
                        "'Average' '55.02' differs from the mean of the 2 "
                        "benchmarks (55.0050) by 0.0150, more than their "
                        "rounding (0.01)");
    done(&t, &r);
    /* scores with more digits: a tighter tolerance */
    check("model,ARC,MMLU,Average\na,50.0000,60.0100,55.0060\n", 0, &t, &r);
    assert_int_equal(r.errors, 1);
    done(&t, &r);
}

/* Scores whose sum does not fit in 128 bits (each fits: 9e18, and one
 * with 18 decimals, across 19 columns): an error as rank gives, not an
 * overflow (UBSan) or a silent skip. */
static void test_check_average_of_huge_scores(void **state)
{
    struct lb_table t;
    struct lb_check_report r;
    struct lb_schema schema;
    struct lb_error err;
    char csv[1024], json[2048];
    size_t n = 0, j = 0, k, i;

    (void)state;
    /* outside 0 to 100: benchmarks because the schema says so */
    n += (size_t)snprintf(csv + n, sizeof csv - n, "model");
    j += (size_t)snprintf(json + j, sizeof json - j, "{\"fields\": [");
    for (k = 0; k < 19; k++) {
        n += (size_t)snprintf(csv + n, sizeof csv - n, ",A%zu", k);
        j += (size_t)snprintf(json + j, sizeof json - j,
                              "{\"name\": \"A%zu\", \"role\": \"benchmark\"},", k);
    }
    (void)snprintf(json + j, sizeof json - j,
                   "{\"name\": \"B\", \"role\": \"benchmark\"}]}");
    n += (size_t)snprintf(csv + n, sizeof csv - n, ",B,Average\nm");
    for (k = 0; k < 19; k++)
        n += (size_t)snprintf(csv + n, sizeof csv - n, ",9000000000000000000");
    (void)snprintf(csv + n, sizeof csv - n, ",0.000000000000000001,1\n");
    lb_schema_init(&schema);
    lb_error_init(&err);
    assert_int_equal(lb_schema_parse(&schema, "s.json", json, strlen(json),
                                     &err), 0);
    check_with(csv, &schema, 0, &t, &r);
    lb_schema_release(&schema);
    assert_int_equal(r.errors, 1);
    for (i = 0; i < r.n && r.issues[i].level != LB_CHECK_ERROR; i++)
        ;
    assert_true(i < r.n);
    assert_int_equal(r.issues[i].line, 2);
    assert_int_equal(r.issues[i].col, 22);
    assert_string_equal(r.issues[i].msg,
                        "the sum of the scores is too large to be kept "
                        "exactly (as rank says): 'Average' cannot be checked");
    done(&t, &r);
}

static void test_check_warnings(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    check("model,ARC,Elo,ARC_raw,ARC_stderr\n a ,50,1200,0.5,-1\n", 0, &t, &r);
    assert_int_equal(r.errors, 1);
    assert_int_equal(r.warnings, 2);
    /* column-level first */
    assert_int_equal(r.issues[0].level, LB_CHECK_WARNING);
    assert_int_equal(r.issues[0].line, 0);
    assert_string_equal(as_shown(r.issues[0].msg),
                        "column 'Elo' holds numbers but is not a benchmark "
                        "that leaderboard knows: not averaged unless named "
                        "with --benchmarks");
    assert_string_equal(as_shown(r.issues[1].msg), "model name ' a ' has spaces at its "
                                         "ends");
    assert_string_equal(as_shown(r.issues[2].msg),
                        "'-1' is negative: a standard error is not (column "
                        "'ARC_stderr')");
    done(&t, &r);
    /* no catalog benchmark: unknown columns of numbers from 0 to 100 are
     * the benchmarks; one outside is not averaged, and says so */
    check("model,Elo\na,1200\n", 0, &t, &r);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.warnings, 1);
    assert_string_equal(as_shown(r.issues[0].msg),
                        "column 'Elo' holds numbers but is not a benchmark "
                        "that leaderboard knows: not averaged (its numbers "
                        "are not all from 0 to 100; a schema says what it "
                        "is: leaderboard schema)");
    done(&t, &r);
    /* a column the schema read describes: no warning, and its constraints
     * are checked */
    {
        static const char json[] =
            "{\"fields\": [{\"name\": \"Elo\", \"role\": \"benchmark\", "
            "\"constraints\": {\"minimum\": 0, \"maximum\": 1000.5}}]}";
        struct lb_schema schema;
        struct lb_error err;

        lb_schema_init(&schema);
        lb_error_init(&err);
        assert_int_equal(lb_schema_parse(&schema, "s.json", json,
                                         strlen(json), &err), 0);
        check_with("model,Elo\na,1200\nb,1000.5\n", &schema, 0, &t, &r);
        lb_schema_release(&schema);
        assert_int_equal(r.errors, 1);
        assert_int_equal(r.warnings, 0);
        assert_int_equal(r.issues[0].line, 2);
        assert_string_equal(as_shown(r.issues[0].msg),
                            "'1200' is out of range for 'Elo' (0 to 1000.5, "
                            "as s.json says)");
        done(&t, &r);
    }
}

/* A row whose scores all look like fractions on a board of percentages:
 * a warning at its model cell; a board on 0 to 1, or a row with a score
 * above 1, or whole numbers, is not warned about. */
static void test_check_fractions(void **state)
{
    struct lb_table t;
    struct lb_check_report r;

    (void)state;
    check("model,ARC,MMLU\na,60.5,70\nb,0.62,0.5\nc,0.5,50\nd,0,1\n", 0,
          &t, &r);
    assert_int_equal(r.errors, 0);
    assert_int_equal(r.warnings, 1);
    assert_int_equal(r.issues[0].line, 3);
    assert_int_equal(r.issues[0].col, 1);
    assert_string_equal(as_shown(r.issues[0].msg),
                        "every benchmark score of this row lies between 0 "
                        "and 1, but 'ARC' goes up to 60.5: fractions on a "
                        "board of percentages? (0.62 for 62)");
    done(&t, &r);
    check("model,ARC,MMLU\na,0.605,0.7\nb,0.62,0.5\n", 0, &t, &r);
    assert_int_equal(r.warnings, 0);
    done(&t, &r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_clean_file),
        cmocka_unit_test(test_check_every_bad_cell),
        cmocka_unit_test(test_check_max_per_column),
        cmocka_unit_test(test_check_duplicate_keys),
        cmocka_unit_test(test_check_average),
        cmocka_unit_test(test_check_fractions),
        cmocka_unit_test(test_check_average_of_huge_scores),
        cmocka_unit_test(test_check_warnings),
    };

    return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
