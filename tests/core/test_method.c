/* --method: each aggregation against hand-computed fractions and the test
 * vectors of RULES.md section 4 (HELM's win rates); MTEB's Borda count and
 * Mean (TaskType) (borda, group-mean). */
#include "opts_util.h"

#include <math.h>
#include <stdlib.h>

#include "base/buf.h"
#include "core/aggregate.h"
#include "core/board.h"
#include "core/schema.h"
#include "export/ranking_words.h"

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
                                          f->b.mean.lower_better, 0, 0},
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
    /* weights all 1 are the mean, when given */
    compute(&f, two, LB_METHOD_WEIGHTED, LB_MISSING_EXCLUDE, "A=1", NULL,
            NULL);
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
    /* a slip: the nearest benchmark averaged, for every option that names
     * one; a column that is not averaged was meant as it is */
    method_fails(LB_METHOD_WEIGHTED, "MLMU=2", NULL, NULL,
                 "model,ARC,MMLU,params_b\nx,1,2,3\n", NULL,
                 "--weights: 'MLMU' is not one of the benchmarks averaged; "
                 "did you mean 'MMLU'? ('ARC', 'MMLU')");
    method_fails(LB_METHOD_NORMALIZED, NULL, "ACR=2", NULL,
                 "model,ARC,MMLU,params_b\nx,1,2,3\n", NULL,
                 "--baseline: 'ACR' is not one of the benchmarks averaged; "
                 "did you mean 'ARC'? ('ARC', 'MMLU')");
    method_fails(LB_METHOD_MEAN, NULL, NULL, "mmlu2",
                 "model,ARC,MMLU,params_b\nx,1,2,3\n", NULL,
                 "--lower-is-better: 'mmlu2' is not one of the benchmarks "
                 "averaged; did you mean 'MMLU'? ('ARC', 'MMLU')");
    method_fails(LB_METHOD_WEIGHTED, "params_b=2", NULL, NULL,
                 "model,ARC,MMLU,params_b\nx,1,2,3\n", NULL,
                 "--weights: 'params_b' is not one of the benchmarks "
                 "averaged ('ARC', 'MMLU')");
    method_fails(LB_METHOD_WEIGHTED, "parms_b=2", NULL, NULL,
                 "model,ARC,MMLU,params_b\nx,1,2,3\n", NULL,
                 "--weights: 'parms_b' is not one of the benchmarks "
                 "averaged ('ARC', 'MMLU')");
    method_fails(LB_METHOD_WEIGHTED, "A=0,B=0", NULL, NULL, two, NULL,
                 "--weights: every weight is 0");
    /* no weight at all (nor in the schema): not silently the mean */
    method_fails(LB_METHOD_WEIGHTED, NULL, NULL, NULL, two, NULL,
                 "--method weighted: no weights: give them with --weights "
                 "A=W,... or as a benchmark's \"weight\" in the schema "
                 "(--schema FILE or NAME.schema.json beside the file)");
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
                        "use --method normalized, mean-rank, win-rate or "
                        "borda, or the benchmarks of one direction "
                        "(--benchmarks)");
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

/* Two threads make the keys of a method's values, each from half of the
 * rows: counts above the number of benchmarks (a mean rank's are 2 per
 * score: 6 in the first half, 4 in the second alone) must all be in the
 * common multiple. The order is the definition's. */
static void test_method_two_threads_counts_apart(void **state)
{
    struct lb_buf csv = LB_BUF_INIT;
    struct lb_board_opts o;
    struct lb_error err;
    struct fixture f;
    size_t i;

    (void)state;
    srand(10);
    lb_buf_adds(&csv, "model,A,B,C\n");
    for (i = 0; i < 2000; i++)
        lb_buf_addf(&csv, i < 1000 ? "m%zu,%d,%d,%d\n" : "m%zu,%d,%d,\n", i,
                    rand() % 60, rand() % 60, rand() % 60);
    lb_board_opts_init(&o);
    o.method.method = LB_METHOD_MEAN_RANK;
    o.method.given = true;
    o.missing = LB_MISSING_PARTIAL;
    o.rank.parallel_min = 2;
    assert_int_equal(compute_opts(&f, lb_buf_str(&csv), &o, &err), 0);
    assert_int_equal(f.b.ranking.n_ranked, 2000);
    assert_int_equal(lb_ranking_check(&f.t, &f.b.mean,
                                      &(struct lb_rank_opts){
                                          f.b.opts.rank.ties,
                                          f.b.opts.rank.precision,
                                          f.b.mean.lower_better, 0, 0},
                                      &f.b.ranking),
                     0);
    release(&f);
    lb_buf_release(&csv);
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

/* {======================================================================
 * group-mean and borda (MTEB)
 * ======================================================================= */

static void compute_groups(struct fixture *f, const char *csv,
                           enum lb_method m, enum lb_missing missing,
                           const char *groups, const char *lower)
{
    struct lb_board_opts o;
    struct lb_error err;

    lb_board_opts_init(&o);
    o.method.method = m;
    o.method.given = true;
    SET_TEXTS(o.method.groups, o.method.ngroups, groups);
    SET_NAMES(o.method.lower, o.method.nlower, lower);
    o.missing = missing;
    if (compute_opts(f, csv, &o, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
    assert_int_equal(lb_ranking_check(&f->t, &f->b.mean,
                                      &(struct lb_rank_opts){
                                          f->b.opts.rank.ties,
                                          f->b.opts.rank.precision,
                                          lb_method_lower_is_better(
                                              &f->b.mean),
                                          0, 0},
                                      &f->b.ranking),
                     0);
}

static void groups_fail(const char *csv, const char *groups,
                        const char *lower, const char *msg)
{
    struct fixture f;
    struct lb_board_opts o;
    struct lb_error err;

    lb_board_opts_init(&o);
    o.method.method = LB_METHOD_GROUP_MEAN;
    o.method.given = true;
    SET_TEXTS(o.method.groups, o.method.ngroups, groups);
    SET_NAMES(o.method.lower, o.method.nlower, lower);
    assert_int_equal(compute_opts(&f, csv, &o, &err), -1);
    assert_string_equal(msg_of(&err), msg);
}

/* Group g's mean in row r is exactly n / d (d 0: none). */
static void group_is(const struct fixture *f, size_t r, uint32_t g,
                     long long n, long long d, bool lacking)
{
    lb_i128 num;
    uint32_t den;
    bool lack;

    if (d == 0) {
        assert_false(lb_aggregate_group_mean(&f->b.mean, r, g, &num, &den,
                                             &lack));
        return;
    }
    assert_true(lb_aggregate_group_mean(&f->b.mean, r, g, &num, &den, &lack));
    assert_true(num * d == (lb_i128)n * den * lb_pow10[f->b.mean.in_scale]);
    assert_int_equal(lack, lacking);
}

static const char *const grouped =
    "model,A,B,C\n"
    "m0,80,60,50\n"
    "m1,70,,90\n"
    "m2,,,\n";

/* MTEB's Mean (TaskType): the mean of the groups' means, exact. */
static void test_method_group_mean(void **state)
{
    struct fixture f;

    (void)state;
    /* G = {A, B}, C alone: m0 ((80 + 60) / 2 + 50) / 2 = 60 */
    compute_groups(&f, grouped, LB_METHOD_GROUP_MEAN, LB_MISSING_EXCLUDE,
                   "A=G,B=G", NULL);
    assert_int_equal(f.b.mean.ngroups, 2);
    assert_string_equal(f.b.mean.group_name[0], "G");
    assert_true(f.b.mean.group_given[0]);
    assert_string_equal(f.b.mean.group_name[1], "C");
    assert_false(f.b.mean.group_given[1]);
    assert_false(lb_method_lower_is_better(&f.b.mean));
    value_is(&f, 0, 60, 1);
    no_value(&f, 1); /* skipna=False: B is missing */
    reason_is(&f, 1, "missing B");
    no_value(&f, 2);
    group_is(&f, 0, 0, 70, 1, false);
    group_is(&f, 1, 0, 0, 0, false); /* G lacks B: none */
    group_is(&f, 1, 1, 90, 1, false); /* C is complete: shown */
    assert_false(lb_aggregate_marked(&f.b.mean, 0));
    release(&f);
    /* partial (MTEB's lenient means): m1 (70 + 90) / 2 = 80, marked */
    compute_groups(&f, grouped, LB_METHOD_GROUP_MEAN, LB_MISSING_PARTIAL,
                   "A=G,B=G", NULL);
    value_is(&f, 0, 60, 1);
    value_is(&f, 1, 80, 1);
    no_value(&f, 2);
    group_is(&f, 1, 0, 70, 1, true);
    assert_true(lb_aggregate_marked(&f.b.mean, 1));
    assert_int_equal(f.b.ranking.order[0], 1);
    release(&f);
    /* zero: m1 G (70 + 0) / 2 = 35, (35 + 90) / 2 = 125/2 */
    compute_groups(&f, grouped, LB_METHOD_GROUP_MEAN, LB_MISSING_ZERO,
                   "A=G,B=G", NULL);
    value_is(&f, 1, 125, 2);
    group_is(&f, 1, 0, 35, 1, true);
    value_is(&f, 2, 0, 1);
    release(&f);
    /* exact thirds: G = {A, B, C} 7/3, D 7: (7/3 + 7) / 2 = 14/3 */
    compute_groups(&f, "model,A,B,C,D\nx,1,2,4,7\n", LB_METHOD_GROUP_MEAN,
                   LB_MISSING_EXCLUDE, "A=G, B=G, C=G", NULL);
    value_is(&f, 0, 14, 3);
    assert_false(f.b.mean.rounded);
    release(&f);
    /* no groups: every benchmark alone, the mean */
    compute_groups(&f, grouped, LB_METHOD_GROUP_MEAN, LB_MISSING_PARTIAL,
                   NULL, NULL);
    assert_int_equal(f.b.mean.ngroups, 3);
    value_is(&f, 0, 190, 3);
    value_is(&f, 1, 80, 1);
    release(&f);
    /* a group named after a benchmark alone takes it in: G = {A, C} */
    compute_groups(&f, grouped, LB_METHOD_GROUP_MEAN, LB_MISSING_EXCLUDE,
                   "C=A", NULL);
    assert_int_equal(f.b.mean.ngroups, 2);
    assert_string_equal(f.b.mean.group_name[0], "A");
    assert_true(f.b.mean.group_given[0]);
    value_is(&f, 0, 125, 2); /* ((80 + 50) / 2 + 60) / 2 */
    release(&f);
}

/* Lower-is-better benchmarks stay in their units, and so does the value:
 * lower is better, rank 1 the lowest. */
static void test_method_group_mean_lower(void **state)
{
    struct fixture f;

    (void)state;
    compute_groups(&f, "model,A,B\nx,10,20\ny,5,\nz,2,4\n",
                   LB_METHOD_GROUP_MEAN, LB_MISSING_EXCLUDE, NULL, "A,B");
    assert_true(lb_method_lower_is_better(&f.b.mean));
    value_is(&f, 0, 15, 1);
    value_is(&f, 2, 3, 1);
    no_value(&f, 1);
    assert_int_equal(f.b.ranking.order[0], 2);
    assert_int_equal(f.b.ranking.order[1], 0);
    release(&f);
    /* --missing zero: refused, as for mean (0 would be the best score) */
    {
        struct lb_board_opts o;
        struct lb_error err;

        lb_board_opts_init(&o);
        o.method.method = LB_METHOD_GROUP_MEAN;
        o.method.given = true;
        SET_TEXTS(o.method.groups, o.method.ngroups, "A=W,B=W");
        SET_NAMES(o.method.lower, o.method.nlower, "A,B");
        o.missing = LB_MISSING_ZERO;
        assert_int_equal(compute_opts(&f, "model,A,B\nx,10,20\ny,5,\n", &o,
                                      &err),
                         -1);
        assert_string_equal(msg_of(&err),
                            "--missing zero counts a missing score as 0, the "
                            "best where lower is better: use exclude or "
                            "partial");
    }
}

static void test_method_group_mean_errors(void **state)
{
    (void)state;
    /* the refusal of mean, named for group-mean */
    groups_fail(two, NULL, "B",
                "the mean of group means cannot mix benchmarks where lower "
                "is better ('B') and where higher is better ('A'): use "
                "--method normalized, mean-rank, win-rate or borda, or the "
                "benchmarks of one direction (--benchmarks)");
    groups_fail("model,A,B,C,D,E,F\nx,1,2,3,4,5,6\n", NULL, "A,B,C,D,E",
                "the mean of group means cannot mix benchmarks where lower "
                "is better ('A', 'B', 'C', 'D', ...) and where higher is "
                "better ('F'): use --method normalized, mean-rank, win-rate "
                "or borda, or the benchmarks of one direction "
                "(--benchmarks)");
    groups_fail(two, "Z=G", NULL,
                "--groups: 'Z' is not one of the benchmarks averaged ('A', "
                "'B')");
    groups_fail(two, "A=G,a=H", NULL, "--groups: 'A' is given twice");
}

/* Denominators lcm(c_g) G beyond 32 bits: each group's mean is rounded at
 * 18 decimals instead, and the board says so. Groups of 2, 3, 5, ..., 29
 * benchmarks: lcm 6469693230. */
static void test_method_group_mean_rounded(void **state)
{
    static const unsigned sizes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
    struct lb_buf csv = LB_BUF_INIT, groups = LB_BUF_INIT, foot = LB_BUF_INIT;
    struct fixture f;
    lb_i128 num;
    uint32_t den;
    double want = 0;
    size_t g, i, k = 0;

    (void)state;
    lb_buf_adds(&csv, "model");
    for (g = 0; g < 10; g++)
        for (i = 0; i < sizes[g]; i++, k++) {
            lb_buf_addf(&csv, ",b%zu", k);
            lb_buf_addf(&groups, "%sb%zu=g%zu", k ? "," : "", k, g);
        }
    /* each group: 1 then zeros, its mean 1 / size */
    lb_buf_adds(&csv, "\nx");
    for (g = 0; g < 10; g++) {
        for (i = 0; i < sizes[g]; i++)
            lb_buf_adds(&csv, i == 0 ? ",1" : ",0");
        want += 1.0 / sizes[g];
    }
    lb_buf_adds(&csv, "\n");
    compute_groups(&f, csv.data, LB_METHOD_GROUP_MEAN, LB_MISSING_EXCLUDE,
                   groups.data, NULL);
    assert_true(f.b.mean.rounded);
    assert_int_equal(f.b.mean.scale, 18);
    assert_true(lb_aggregate_get(&f.b.mean, 0, &num, &den));
    assert_true(fabs(lb_dec_to_double(num, den, 18) - want / 10) < 1e-15);
    lb_ranking_footer(&f.b, &foot);
    assert_non_null(strstr(lb_buf_str(&foot), "Group means are rounded at "
                                              "18 decimals"));
    release(&f);
    lb_buf_release(&csv);
    lb_buf_release(&groups);
    lb_buf_release(&foot);
}

/* MTEB's Borda count: n_models - rank on each benchmark, ties averaged. */
static void test_method_borda(void **state)
{
    static const enum lb_missing policies[] = {
        LB_MISSING_EXCLUDE, LB_MISSING_PARTIAL, LB_MISSING_ZERO};
    struct fixture f;
    size_t i;

    (void)state;
    /* RULES.md section 3's scores: places 1, 2.5, 2.5, 4 of 4 */
    compute(&f, "model,A\nw,91\nx,85\ny,85\nz,70\n", LB_METHOD_BORDA,
            LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    assert_int_equal(f.b.mean.nmodels, 4);
    assert_false(lb_method_lower_is_better(&f.b.mean));
    value_is(&f, 0, 3, 1);
    value_is(&f, 1, 3, 2);
    value_is(&f, 2, 3, 2);
    value_is(&f, 3, 0, 1); /* last: 0 points, still ranked */
    assert_int_equal(f.b.ranking.order[0], 0);
    assert_int_equal(f.b.ranking.rank2[3], 8);
    release(&f);
    /* a missing score earns 0 whatever the policy: A m0 3, m1 2, m3 1;
     * B m1 3, m0 2, m2 1, m3 0 */
    for (i = 0; i < 3; i++) {
        compute(&f, two, LB_METHOD_BORDA, policies[i], NULL, NULL, NULL);
        value_is(&f, 0, 5, 1);
        value_is(&f, 1, 5, 1);
        value_is(&f, 2, 1, 1);
        value_is(&f, 3, 1, 1);
        /* equal sums share the smallest rank (rank(method="min")) */
        assert_int_equal(f.b.ranking.rank2[0], 2);
        assert_int_equal(f.b.ranking.rank2[1], 2);
        assert_int_equal(f.b.ranking.rank2[2], 6);
        assert_int_equal(f.b.ranking.rank2[3], 6);
        assert_true(lb_aggregate_marked(&f.b.mean, 2));
        assert_false(lb_aggregate_marked(&f.b.mean, 0));
        release(&f);
    }
}

/* n_models is every row with a score, not the benchmark's count; a row
 * without any is not ranked. */
static void test_method_borda_n_models(void **state)
{
    struct fixture f;

    (void)state;
    /* n 3: A x 3 - 1; B y 3 - 1, z 3 - 2 */
    compute(&f, "model,A,B\nx,10,\ny,,5\nz,,4\nw,,\n", LB_METHOD_BORDA,
            LB_MISSING_EXCLUDE, NULL, NULL, NULL);
    assert_int_equal(f.b.mean.nmodels, 3);
    value_is(&f, 0, 2, 1);
    value_is(&f, 1, 2, 1);
    value_is(&f, 2, 1, 1);
    no_value(&f, 3);
    reason_is(&f, 3, "no scores");
    release(&f);
    /* lower is better: x first; y and z share places 2 and 3 */
    compute(&f, "model,A\nx,1\ny,2\nz,2\n", LB_METHOD_BORDA,
            LB_MISSING_EXCLUDE, NULL, NULL, "A");
    value_is(&f, 0, 2, 1);
    value_is(&f, 1, 1, 2);
    value_is(&f, 2, 1, 2);
    release(&f);
}

/* Borda and mean-rank on incomplete data: a model that ran one benchmark
 * and won it has the best mean rank (partial) but few Borda points. */
static void test_method_borda_vs_mean_rank(void **state)
{
    static const char *const csv = "model,A,B,C\n"
                                   "one,99,,\n"
                                   "all,90,80,70\n"
                                   "low,50,40,30\n";
    struct fixture f;

    (void)state;
    compute(&f, csv, LB_METHOD_MEAN_RANK, LB_MISSING_PARTIAL, NULL, NULL,
            NULL);
    value_is(&f, 0, 1, 1); /* first on A, its only benchmark */
    assert_int_equal(f.b.ranking.order[0], 0);
    release(&f);
    /* n 3: one 2; all 1 + 2 + 2 = 5; low 0 + 1 + 1 = 2 */
    compute(&f, csv, LB_METHOD_BORDA, LB_MISSING_PARTIAL, NULL, NULL, NULL);
    value_is(&f, 0, 2, 1);
    value_is(&f, 1, 5, 1);
    value_is(&f, 2, 2, 1);
    assert_int_equal(f.b.ranking.order[0], 1);
    assert_int_equal(f.b.ranking.rank2[0], 4);
    release(&f);
}

/* }====================================================================== */

/* {======================================================================
 * The schema's weight, baseline and group
 * ======================================================================= */

/* Loads csv with the schema text json and computes method m with the
 * options given (NULL: none); returns 0 or -1 with a message in err. */
static int compute_schema(struct fixture *f, const char *csv,
                          const char *json, enum lb_method m,
                          const char *weights, const char *baselines,
                          const char *groups, struct lb_error *err)
{
    struct lb_schema s;
    struct lb_load_opts lo = {0};
    struct lb_board_opts o;

    lb_error_init(err);
    assert_int_equal(lb_schema_parse(&s, "s.json", json, strlen(json), err),
                     0);
    lo.schema = &s;
    if (lb_table_load_mem(&f->t, "t.csv", csv, strlen(csv), &lo, err) != 0)
        fail_msg("%s", err->msg);
    lb_schema_release(&s);
    lb_board_opts_init(&o);
    o.method.method = m;
    o.method.given = true;
    SET_VALUES(o.method.weights, o.method.nweights, weights);
    SET_VALUES(o.method.baselines, o.method.nbaselines, baselines);
    SET_TEXTS(o.method.groups, o.method.ngroups, groups);
    if (lb_board_compute(&f->b, &f->t, &o, err) != 0) {
        lb_board_release(&f->b);
        lb_table_release(&f->t);
        return -1;
    }
    return 0;
}

static const char *const three =
    "model,A,B,C\n"
    "m0,80,60,40\n"
    "m1,50,70,90\n";

static const char *const three_schema =
    "{\"fields\": ["
    "{\"name\": \"model\", \"role\": \"model\"},"
    "{\"name\": \"A\", \"role\": \"benchmark\", \"weight\": 3,"
    " \"baseline\": 50, \"group\": \"G\"},"
    "{\"name\": \"B\", \"role\": \"benchmark\", \"baseline\": 20,"
    " \"group\": \"G\"},"
    "{\"name\": \"C\", \"role\": \"benchmark\"}]}";

/* A field's weight weighs its benchmark under weighted; --weights wins
 * for a benchmark it names; none from either is an error. */
static void test_method_schema_weights(void **state)
{
    struct fixture f;
    struct lb_error err;

    (void)state;
    /* A 3, B and C 1: m0 (240 + 60 + 40) / 5 = 68 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_WEIGHTED, NULL, NULL, NULL, &err),
                     0);
    value_is(&f, 0, 340, 5);
    value_is(&f, 1, 310, 5); /* 150 + 70 + 90 */
    release(&f);
    /* --weights A=1 wins over the schema's 3; C=2 adds: (80 + 60 + 80) / 4 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_WEIGHTED, "A=1,C=2", NULL, NULL,
                                    &err),
                     0);
    value_is(&f, 0, 220, 4);
    release(&f);
    /* the schema's weights are not for the other methods */
    assert_int_equal(compute_schema(&f, three, three_schema, LB_METHOD_MEAN,
                                    NULL, NULL, NULL, &err),
                     0);
    value_is(&f, 0, 180, 3);
    release(&f);
    /* a schema without weights and no --weights: refused */
    assert_int_equal(compute_schema(&f, three,
                                    "{\"fields\": [{\"name\": \"A\", "
                                    "\"group\": \"G\"}]}",
                                    LB_METHOD_WEIGHTED, NULL, NULL, NULL, &err),
                     -1);
    assert_string_equal(msg_of(&err),
                        "--method weighted: no weights: give them with "
                        "--weights A=W,... or as a benchmark's \"weight\" in "
                        "the schema (--schema FILE or NAME.schema.json beside "
                        "the file)");
}

/* A field's baseline normalizes its benchmark: --baseline wins, then the
 * schema, then the catalog. */
static void test_method_schema_baselines(void **state)
{
    struct fixture f;
    struct lb_error err;
    const char *v1 = "model,ARC\nm0,62.5\n";

    (void)state;
    /* A (80 - 50) * 2 = 60, B (60 - 20) * 1.25 = 50, C (baseline 0) 40:
     * (60 + 50 + 40) / 3 = 50 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_NORMALIZED, NULL, "C=0", NULL,
                                    &err),
                     0);
    value_is(&f, 0, 50, 1);
    assert_int_equal(f.b.mean.terms[0].baseline.units, 50);
    release(&f);
    /* --baseline A=0 wins over the schema's 50: (80 + 50 + 40) / 3 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_NORMALIZED, NULL, "A=0,C=0", NULL,
                                    &err),
                     0);
    value_is(&f, 0, 170, 3);
    release(&f);
    /* C has none in the schema nor on the command line */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_NORMALIZED, NULL, NULL, NULL,
                                    &err),
                     -1);
    assert_string_equal(msg_of(&err),
                        "--method normalized: no random baseline for 'C'; "
                        "give one with --baseline C=VALUE (the score of a "
                        "random guess, 0 for none)");
    /* the schema's wins over the catalog's (ARC: 25): (62.5 - 50) * 2 */
    assert_int_equal(compute_schema(&f, v1,
                                    "{\"fields\": [{\"name\": \"ARC\", "
                                    "\"baseline\": 50}]}",
                                    LB_METHOD_NORMALIZED, NULL, NULL, NULL,
                                    &err),
                     0);
    value_is(&f, 0, 25, 1);
    release(&f);
    /* without one in the schema, the catalog's: (62.5 - 25) * 4 / 3 */
    assert_int_equal(compute_schema(&f, v1,
                                    "{\"fields\": [{\"name\": \"ARC\"}]}",
                                    LB_METHOD_NORMALIZED, NULL, NULL, NULL,
                                    &err),
                     0);
    value_is(&f, 0, 50, 1);
    release(&f);
}

/* A field's group groups its benchmark under group-mean; --groups wins
 * for a benchmark it names. */
static void test_method_schema_groups(void **state)
{
    struct fixture f;
    struct lb_error err;

    (void)state;
    /* G = {A, B}, C alone: m0 ((80 + 60) / 2 + 40) / 2 = 55 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_GROUP_MEAN, NULL, NULL, NULL,
                                    &err),
                     0);
    assert_int_equal(f.b.mean.ngroups, 2);
    assert_string_equal(f.b.mean.group_name[0], "G");
    assert_true(f.b.mean.group_given[0]);
    assert_false(f.b.mean.group_given[1]);
    value_is(&f, 0, 55, 1);
    value_is(&f, 1, 75, 1); /* (60 + 90) / 2 */
    release(&f);
    /* --groups B=H moves B out of the schema's G: (80 + 60 + 40) / 3 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_GROUP_MEAN, NULL, NULL, "B=H",
                                    &err),
                     0);
    assert_int_equal(f.b.mean.ngroups, 3);
    value_is(&f, 0, 60, 1);
    release(&f);
    /* --groups C=G joins C to the schema's G: (80 + 60 + 40) / 3 */
    assert_int_equal(compute_schema(&f, three, three_schema,
                                    LB_METHOD_GROUP_MEAN, NULL, NULL, "C=G",
                                    &err),
                     0);
    assert_int_equal(f.b.mean.ngroups, 1);
    value_is(&f, 0, 60, 1);
    release(&f);
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
        cmocka_unit_test(test_method_two_threads_counts_apart),
        cmocka_unit_test(test_method_win_rate_helm_vectors),
        cmocka_unit_test(test_method_win_rate_edge_cases),
        cmocka_unit_test(test_method_win_rate_rounded),
        cmocka_unit_test(test_method_group_mean),
        cmocka_unit_test(test_method_group_mean_lower),
        cmocka_unit_test(test_method_group_mean_errors),
        cmocka_unit_test(test_method_group_mean_rounded),
        cmocka_unit_test(test_method_borda),
        cmocka_unit_test(test_method_borda_n_models),
        cmocka_unit_test(test_method_borda_vs_mean_rank),
        cmocka_unit_test(test_method_schema_weights),
        cmocka_unit_test(test_method_schema_baselines),
        cmocka_unit_test(test_method_schema_groups),
    };

    return cmocka_run_group_tests_name("method", tests, NULL, NULL);
}
