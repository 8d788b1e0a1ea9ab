/* --method: each aggregation against hand-computed fractions and the test
 * vectors of RULES.md section 4 (HELM's win rates). */
#include "opts_util.h"

#include <math.h>
#include <stdlib.h>

#include "base/buf.h"
#include "core/aggregate.h"
#include "core/board.h"

struct fixture {
    struct lb_table t;
    struct lb_board b;
};

static int compute_opts(struct fixture *f, const char *csv,
                        const struct lb_board_opts *o, struct lb_error *err)
{
    load_ok(&f->t, csv);
    if (lb_board_compute(&f->b, &f->t, o, err) != 0) {
        lb_board_release(&f->b);
        lb_table_release(&f->t);
        return -1;
    }
    return 0;
}

static void compute(struct fixture *f, const char *csv, enum lb_method m,
                    enum lb_missing missing, const char *weights,
                    const char *baselines, const char *lower)
{
    struct lb_board_opts o;
    struct lb_error err;

    lb_board_opts_init(&o);
    o.method.method = m;
    o.method.given = true;
    SET_VALUES(o.method.weights, o.method.nweights, weights);
    SET_VALUES(o.method.baselines, o.method.nbaselines, baselines);
    SET_NAMES(o.method.lower, o.method.nlower, lower);
    o.missing = missing;
    if (compute_opts(f, csv, &o, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
    /* the fast ranking agrees with the definition */
    assert_int_equal(lb_ranking_check(&f->t, &f->b.mean,
                                      &(struct lb_rank_opts){
                                          f->b.opts.rank.ties,
                                          f->b.opts.rank.precision,
                                          f->b.mean.lower_better, 0},
                                      &f->b.ranking),
                     0);
}

static void release(struct fixture *f)
{
    lb_board_release(&f->b);
    lb_table_release(&f->t);
}

/* Row r's value is exactly n / d. */
static void value_is(const struct fixture *f, size_t r, long long n,
                     long long d)
{
    lb_i128 num;
    uint32_t den;

    if (!lb_aggregate_get(&f->b.mean, r, &num, &den)) {
        print_error("row %zu has no value, expected %lld/%lld\n", r, n, d);
        fail();
    }
    /* num / (den 10^scale) == n / d  <=>  num d == n den 10^scale */
    if (num * d != (lb_i128)n * den * lb_pow10[f->b.mean.scale]) {
        print_error("row %zu: %.12g, expected %lld/%lld = %.12g\n", r,
                    lb_dec_to_double(num, den, f->b.mean.scale), n, d,
                    (double)n / (double)d);
        fail();
    }
}

static void no_value(const struct fixture *f, size_t r)
{
    assert_false(lb_aggregate_has(&f->b.mean, r));
    assert_int_equal(f->b.ranking.rank2[r], 0);
}

/* The reason the board gives for an unranked row. */
static void reason_is(const struct fixture *f, size_t r, const char *want)
{
    struct lb_buf b = LB_BUF_INIT;

    lb_board_reason(&f->b, r, &b);
    assert_string_equal(lb_buf_str(&b), want);
    lb_buf_release(&b);
}

static const char *const two =
    "model,A,B\n"
    "m0,80,60\n"
    "m1,70.5,90\n"
    "m2,,50\n"
    "m3,0,40\n";

static void test_method_weighted_exact(void **state)
{
    struct fixture f;

    (void)state;
    /* (2 * 80 + 60) / 3 = 220/3 */
    compute(&f, two, LB_METHOD_WEIGHTED, LB_MISSING_EXCLUDE, "A=2", NULL, NULL);
    value_is(&f, 0, 220, 3);
    value_is(&f, 1, 231, 3); /* (141 + 90) / 3 */
    no_value(&f, 2);
    value_is(&f, 3, 40, 3);
    release(&f);
    /* decimal weights: (0.5 * 80 + 1.25 * 60) / 1.75 = 115 / 1.75 */
    compute(&f, two, LB_METHOD_WEIGHTED, LB_MISSING_EXCLUDE, "A=0.5,B=1.25",
            NULL, NULL);
    value_is(&f, 0, 11500, 175);
    release(&f);
    /* partial: the weights of the scores present; zero: all of them */
    compute(&f, two, LB_METHOD_WEIGHTED, LB_MISSING_PARTIAL, "A=3", NULL, NULL);
    value_is(&f, 2, 50, 1);
    release(&f);
    compute(&f, two, LB_METHOD_WEIGHTED, LB_MISSING_ZERO, "A=3", NULL, NULL);
    value_is(&f, 2, 50, 4);
    release(&f);
    /* every weight 1 is the mean */
    compute(&f, two, LB_METHOD_WEIGHTED, LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    value_is(&f, 1, 1605, 20);
    release(&f);
}

static void method_fails(enum lb_method m, const char *weights,
                         const char *baselines, const char *lower,
                         const char *csv, const char *benchmarks,
                         const char *msg)
{
    struct fixture f;
    struct lb_board_opts o;
    struct lb_error err;

    lb_board_opts_init(&o);
    o.method.method = m;
    o.method.given = true;
    SET_VALUES(o.method.weights, o.method.nweights, weights);
    SET_VALUES(o.method.baselines, o.method.nbaselines, baselines);
    SET_NAMES(o.method.lower, o.method.nlower, lower);
    SET_NAMES(o.select.benchmarks, o.select.nbenchmarks, benchmarks);
    assert_int_equal(compute_opts(&f, csv, &o, &err), -1);
    assert_string_equal(msg_of(&err), msg);
}

static void test_method_option_errors(void **state)
{
    (void)state;
    method_fails(LB_METHOD_WEIGHTED, "A=-1", NULL, NULL, two, NULL,
                 "--weights: the weight of 'A' is negative (-1)");
    method_fails(LB_METHOD_WEIGHTED, "C=1", NULL, NULL, two, NULL,
                 "--weights: 'C' is not one of the benchmarks averaged ('A', "
                 "'B')");
    method_fails(LB_METHOD_WEIGHTED, "A=0,B=0", NULL, NULL, two, NULL,
                 "--weights: every weight is 0");
    method_fails(LB_METHOD_WEIGHTED, "A=1,a=2", NULL, NULL, two, NULL,
                 "--weights: 'A' is given twice");
    method_fails(LB_METHOD_WEIGHTED, "A=0.0000000001,B=1", NULL, NULL, two,
                 NULL,
                 "--weights: the weights have too many digits to be kept "
                 "exactly (their sum, without the point, must stay below "
                 "4294967296)");
    /* a weight whose rescaling overflows 64 bits is "too many digits",
     * never a wrapped weight (issue 14: 10 at 18 decimals is 10^19) */
    method_fails(LB_METHOD_WEIGHTED, "B=10,A=0.000000000000000001", NULL,
                 NULL, two, NULL,
                 "--weights: the weights have too many digits to be kept "
                 "exactly (their sum, without the point, must stay below "
                 "4294967296)");
    method_fails(LB_METHOD_WEIGHTED, "A=9223372036854775807,B=0.1", NULL,
                 NULL, two, NULL,
                 "--weights: the weights have too many digits to be kept "
                 "exactly (their sum, without the point, must stay below "
                 "4294967296)");
    /* a weight times a score beyond 128 bits: an error, not a wrapped sum */
    method_fails(LB_METHOD_WEIGHTED, "A=100", NULL, NULL,
                 "model,A,B\nm,9000000000000000000,0.000000000000000001\n",
                 "A,B", "t.csv:2: the scores are too large to be kept exactly");
    method_fails(LB_METHOD_NORMALIZED, NULL, NULL, NULL, two, NULL,
                 "--method normalized: no random baseline for 'A'; give one "
                 "with --baseline A=VALUE (the score of a random guess, 0 for "
                 "none)");
    method_fails(LB_METHOD_NORMALIZED, NULL, "A=100,B=0", NULL, two, NULL,
                 "--method normalized: the baseline of 'A' (100) is not "
                 "below a perfect score (100)");
    method_fails(LB_METHOD_NORMALIZED, NULL, "A=0,B=0", "B", two, NULL,
                 "--method normalized: the baseline of 'B' (0) is not below "
                 "a perfect score (lower is better: 0)");
    method_fails(LB_METHOD_NORMALIZED, NULL, NULL, NULL,
                 "model,BBH_raw\na,0.5\n", "BBH_raw",
                 "--method normalized: 'BBH_raw' is the raw score of BBH, "
                 "whose board normalizes each subtask with its own baseline "
                 "(1/num_choices): use the published BBH column, or give "
                 "--baseline BBH_raw=VALUE");
    method_fails(LB_METHOD_MEAN, NULL, NULL, "Z", two, NULL,
                 "--lower-is-better: 'Z' is not one of the benchmarks "
                 "averaged ('A', 'B')");
}

/* v1's catalog baselines (RULES.md section 1): ARC, HellaSwag, MMLU and
 * TruthfulQA 25, Winogrande 50, GSM8K 0. */
static void test_method_normalized_v1_baselines(void **state)
{
    struct fixture f;

    (void)state;
    compute(&f,
            "model,ARC,HellaSwag,MMLU,TruthfulQA,Winogrande,GSM8K\n"
            "mistralai/Mixtral-8x7B-v0.1,66.04,86.49,71.82,46.78,81.93,57.47\n"
            "low,20,25,30,10,40,0\n",
            LB_METHOD_NORMALIZED, LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    /* (41.04 + 61.49 + 46.82 + 21.78) / 75 * 100 = 171.13 * 4 / 3,
     * (31.93) / 50 * 100 = 63.86, 57.47: mean of the six
     * = (684.52/3 + 63.86 + 57.47) / 6 = (684.52 + 363.99) / 18 */
    value_is(&f, 0, 104851, 1800);
    /* below the baseline counts 0: MMLU (30 - 25) / 75 * 100 = 20/3 */
    value_is(&f, 1, 20, 18);
    release(&f);
}

static void test_method_normalized_baselines_and_lower(void **state)
{
    struct fixture f;

    (void)state;
    /* A: (80 - 20) / 80 * 100 = 75; B lower is better, baseline 50, best 0:
     * (50 - 60) / 50 < 0 -> 0; mean 37.5 */
    compute(&f, two, LB_METHOD_NORMALIZED, LB_MISSING_EXCLUDE, NULL,
            "A=20,B=50", "B");
    value_is(&f, 0, 75, 2);
    /* m3: A (0 - 20) -> 0; B (50 - 40) / 50 * 100 = 20; mean 10 */
    value_is(&f, 3, 10, 1);
    release(&f);
    /* a baseline with decimals: (80 - 33.3) / 66.7 * 100 = 46700/667 */
    compute(&f, two, LB_METHOD_NORMALIZED, LB_MISSING_EXCLUDE, NULL,
            "A=33.3,B=0", NULL);
    value_is(&f, 0, 46700 + 60 * 667, 2 * 667);
    release(&f);
}

static void test_method_mean_lower_is_better(void **state)
{
    struct fixture f;

    (void)state;
    struct lb_board_opts o;
    struct lb_error err;
    const char *wer = "model,A,B\na,10,20\nb,5,5.5\nc,,1\n";

    /* only B lower is better: the mean of A and B would mix directions */
    lb_board_opts_init(&o);
    SET_NAMES(o.method.lower, o.method.nlower, "B");
    assert_int_equal(compute_opts(&f, two, &o, &err), -1);
    assert_string_equal(msg_of(&err),
                        "the mean cannot mix benchmarks where lower is "
                        "better ('B') and where higher is better ('A'): "
                        "use --method normalized, mean-rank or win-rate, or "
                        "the benchmarks of one direction (--benchmarks)");
    o.method.method = LB_METHOD_GEOMEAN;
    assert_int_equal(compute_opts(&f, two, &o, &err), -1);
    assert_non_null(strstr(err.msg, "the geometric mean cannot mix"));
    o.method.method = LB_METHOD_WEIGHTED;
    assert_int_equal(compute_opts(&f, two, &o, &err), -1);
    assert_non_null(strstr(err.msg, "the weighted mean cannot mix"));
    /* both: the mean in their own units, lowest first */
    compute(&f, wer, LB_METHOD_MEAN, LB_MISSING_EXCLUDE, NULL, NULL, "A,B");
    value_is(&f, 0, 15, 1);     /* (10 + 20) / 2 */
    value_is(&f, 1, 105, 20);   /* (5 + 5.5) / 2 */
    no_value(&f, 2);
    assert_true(f.b.mean.lower_better);
    assert_true(f.b.lower_better);
    assert_int_equal(f.b.ranking.order[0], 1);
    release(&f);
    /* so do weighted and geomean */
    compute(&f, wer, LB_METHOD_WEIGHTED, LB_MISSING_EXCLUDE, "A=3", NULL,
            "A,B");
    value_is(&f, 0, 50, 4);     /* (3 * 10 + 20) / 4 */
    assert_int_equal(f.b.ranking.order[0], 1);
    release(&f);
    compute(&f, wer, LB_METHOD_GEOMEAN, LB_MISSING_EXCLUDE, NULL, NULL, "A,B");
    assert_int_equal(f.b.ranking.order[0], 1);
    release(&f);
    /* by name (the schema's inference): WER lower is better */
    compute(&f, "model,LS WER,AMI WER\na,2,4\nb,3,5\n", LB_METHOD_MEAN,
            LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    value_is(&f, 0, 3, 1);
    assert_int_equal(f.b.ranking.order[0], 0);
    release(&f);
    /* --missing zero would count a missing score as the best */
    lb_board_opts_init(&o);
    SET_NAMES(o.method.lower, o.method.nlower, "A,B");
    o.missing = LB_MISSING_ZERO;
    assert_int_equal(compute_opts(&f, wer, &o, &err), -1);
    assert_string_equal(msg_of(&err),
                        "--missing zero counts a missing score as 0, the "
                        "best where lower is better: use exclude or "
                        "partial");
    /* the methods that take both directions count B down from 100 */
    compute(&f, two, LB_METHOD_MEAN_RANK, LB_MISSING_EXCLUDE, NULL, NULL,
            "B");
    assert_true(f.b.mean.lower_better);
    release(&f);
}

static void test_method_geomean(void **state)
{
    struct fixture f;
    lb_i128 num;
    uint32_t den;
    double want = sqrt(80.0 * 60.0);

    (void)state;
    compute(&f, two, LB_METHOD_GEOMEAN, LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    assert_true(lb_aggregate_get(&f.b.mean, 0, &num, &den));
    assert_int_equal(f.b.mean.scale, 9);
    assert_true(fabs(lb_dec_to_double(num, den, 9) - want) < 1e-9);
    /* a zero: undefined, not 0, with the reason */
    no_value(&f, 3);
    reason_is(&f, 3, "geometric mean undefined: A counts as 0");
    reason_is(&f, 2, "missing A");
    release(&f);
    /* lower is better for both: in their own units, 0 is undefined too */
    compute(&f, "model,A,B\na,0,50\nb,50,50\n", LB_METHOD_GEOMEAN,
            LB_MISSING_EXCLUDE, NULL, NULL, "A,B");
    no_value(&f, 0);
    value_is(&f, 1, 50, 1);
    release(&f);
}

/* Mean rank: RULES.md section 3's scores share the mean of their places. */
static void test_method_mean_rank(void **state)
{
    struct fixture f;

    (void)state;
    compute(&f, "model,A\nw,91\nx,85\ny,85\nz,70\n", LB_METHOD_MEAN_RANK,
            LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    value_is(&f, 0, 1, 1);
    value_is(&f, 1, 5, 2);
    value_is(&f, 2, 5, 2);
    value_is(&f, 3, 4, 1);
    /* lower is better: rank 1 first */
    assert_int_equal(f.b.ranking.order[0], 0);
    assert_int_equal(f.b.ranking.order[3], 3);
    assert_int_equal(f.b.ranking.rank2[3], 8);
    release(&f);
    /* two benchmarks; under exclude only m0, m1, m3 compete:
     * A: m0 1, m1 2, m3 3; B: m1 1, m0 2, m3 3 */
    compute(&f, two, LB_METHOD_MEAN_RANK, LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    value_is(&f, 0, 3, 2);
    value_is(&f, 1, 3, 2);
    value_is(&f, 3, 3, 1);
    no_value(&f, 2);
    release(&f);
    /* partial: m2 competes on B (m1 1, m0 2, m2 3, m3 4) */
    compute(&f, two, LB_METHOD_MEAN_RANK, LB_MISSING_PARTIAL, NULL, NULL, NULL);
    value_is(&f, 2, 3, 1);
    value_is(&f, 3, 7, 2);
    release(&f);
}

/* HELM's own test vectors (RULES.md section 4, higher is better). */
static void test_method_win_rate_helm_vectors(void **state)
{
    struct fixture f;
    static const enum lb_missing policies[] = {LB_MISSING_EXCLUDE,
                                               LB_MISSING_PARTIAL};
    size_t i;

    (void)state;
    for (i = 0; i < 2; i++) {
        compute(&f, "model,A,B\nm1,1,3\nm2,2,1\nm3,3,2\nm4,4,5\nm5,5,4\n",
                LB_METHOD_WIN_RATE, policies[i], NULL, NULL, NULL);
        value_is(&f, 0, 1, 4);   /* 0.25 */
        value_is(&f, 1, 1, 8);   /* 0.125 */
        value_is(&f, 2, 3, 8);   /* 0.375 */
        value_is(&f, 3, 7, 8);   /* 0.875 */
        value_is(&f, 4, 7, 8);   /* 0.875 */
        assert_false(f.b.mean.rounded);
        release(&f);
    }
    /* a benchmark some models lack: HELM's rule is --missing partial */
    compute(&f, "model,A,B\nm1,1,3\nm2,2,1\nm3,3,\nm4,4,\nm5,5,\n",
            LB_METHOD_WIN_RATE, LB_MISSING_PARTIAL, NULL, NULL, NULL);
    value_is(&f, 0, 1, 2);   /* 0.5 */
    value_is(&f, 1, 1, 8);   /* 0.125 */
    value_is(&f, 2, 1, 2);   /* 0.5 */
    value_is(&f, 3, 3, 4);   /* 0.75 */
    value_is(&f, 4, 1, 1);   /* 1.0 */
    release(&f);
    /* under exclude, only complete rows compete */
    compute(&f, "model,A,B\nm1,1,3\nm2,2,1\nm3,3,\nm4,4,\nm5,5,\n",
            LB_METHOD_WIN_RATE, LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    value_is(&f, 0, 1, 2);
    value_is(&f, 1, 1, 2);
    no_value(&f, 2);
    release(&f);
}

static void test_method_win_rate_edge_cases(void **state)
{
    struct fixture f;

    (void)state;
    /* a benchmark only one model has is skipped; a model with none of the
     * others gets no value, with the reason */
    compute(&f, "model,A,B\nx,1,\ny,2,\nz,,7\n", LB_METHOD_WIN_RATE,
            LB_MISSING_PARTIAL, NULL, NULL, NULL);
    value_is(&f, 0, 0, 1);
    value_is(&f, 1, 1, 1);
    no_value(&f, 2);
    reason_is(&f, 2, "no benchmark that 2 or more models have");
    release(&f);
    /* lower is better flips the comparison; ties count half */
    compute(&f, "model,A\nx,1\ny,2\nz,2\n", LB_METHOD_WIN_RATE,
            LB_MISSING_EXCLUDE, NULL, NULL, "A");
    value_is(&f, 0, 1, 1);
    value_is(&f, 1, 1, 4);
    value_is(&f, 2, 1, 4);
    release(&f);
}

/* Denominators lcm(2 (n_k - 1)) beyond 32 bits: each term is rounded at
 * 18 decimals instead, and the board says so. */
static void test_method_win_rate_rounded(void **state)
{
    struct lb_buf csv = LB_BUF_INIT;
    struct fixture f;
    size_t i, n = 70001;

    (void)state;
    lb_buf_adds(&csv, "model,A,B,C\n");
    for (i = 0; i < n; i++) {
        lb_buf_addf(&csv, "m%zu,%zu,", i, (i * 7919) % 100);
        if (i % 2 == 0)
            lb_buf_addf(&csv, "%zu", (i * 104729) % 97);
        lb_buf_adds(&csv, ",");
        if (i % 3 == 0)
            lb_buf_addf(&csv, "%zu", (i * 31) % 101);
        lb_buf_adds(&csv, "\n");
    }
    compute(&f, csv.data, LB_METHOD_WIN_RATE, LB_MISSING_PARTIAL, NULL, NULL,
            NULL);
    assert_true(f.b.mean.rounded);
    assert_int_equal(f.b.mean.scale, 18);
    assert_int_equal(f.b.ranking.n_ranked, n);
    release(&f);
    lb_buf_release(&csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_method_weighted_exact),
        cmocka_unit_test(test_method_option_errors),
        cmocka_unit_test(test_method_normalized_v1_baselines),
        cmocka_unit_test(test_method_normalized_baselines_and_lower),
        cmocka_unit_test(test_method_mean_lower_is_better),
        cmocka_unit_test(test_method_geomean),
        cmocka_unit_test(test_method_mean_rank),
        cmocka_unit_test(test_method_win_rate_helm_vectors),
        cmocka_unit_test(test_method_win_rate_edge_cases),
        cmocka_unit_test(test_method_win_rate_rounded),
    };

    return cmocka_run_group_tests_name("method", tests, NULL, NULL);
}
