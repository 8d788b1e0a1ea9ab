/* Intervals: Chatbot Arena's upper-bound rank vector (RULES.md section 5),
 * the analytic interval, the bootstrap's determinism, and honesty when
 * error information is missing. */
#include "opts_util.h"

#include <math.h>
#include <stdlib.h>

#include "core/board.h"
#include "core/ci.h"

static const char *const csv =
    "model,MMLU,MMLU_stderr,GSM8K,GSM8K_stderr\n"
    "org/alpha,71.2,1.1,64.0,1.5\n"
    "org/beta,70.8,1.0,63.1,1.4\n"
    "org/gamma,69.9,0.9,66.2,1.6\n"
    "org/delta,65.0,1.2,60.5,1.3\n"
    "org/epsilon,58.3,1.3,55.0,1.8\n"
    "org/zeta,57.9,1.2,54.2,\n";

static void test_ci_arena_upper_bound_vector(void **state)
{
    const double lo[] = {1250, 1240, 1200, 1100};
    const double hi[] = {1270, 1262, 1230, 1150};
    uint32_t ub[4];

    (void)state;
    lb_ci_upper_bound_ranks(lo, hi, 4, false, ub);
    assert_int_equal(ub[0], 1);
    assert_int_equal(ub[1], 1);
    assert_int_equal(ub[2], 3);
    assert_int_equal(ub[3], 4);
    /* lower is better: the mirror image */
    {
        const double l2[] = {-1270, -1262, -1230, -1150};
        const double h2[] = {-1250, -1240, -1200, -1100};

        lb_ci_upper_bound_ranks(l2, h2, 4, true, ub);
        assert_int_equal(ub[0], 1);
        assert_int_equal(ub[1], 1);
        assert_int_equal(ub[2], 3);
        assert_int_equal(ub[3], 4);
    }
}

static void board(struct lb_table *t, struct lb_board *b, const char *data,
                  enum lb_method m, uint64_t seed, const char *stderrs)
{
    struct lb_board_opts o;
    struct lb_error err;

    load_ok(t, data);
    lb_board_opts_init(&o);
    o.method.method = m;
    o.method.given = true;
    o.ci.enabled = true;
    o.ci.seed = seed;
    o.ci.draws = 400;
    SET_VALUES(o.ci.stderrs, o.ci.nstderrs, stderrs);
    if (lb_board_compute(b, t, &o, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

static void test_ci_analytic_interval(void **state)
{
    struct lb_table t;
    struct lb_board b;
    double se = sqrt(1.1 * 1.1 + 1.5 * 1.5) / 2;

    (void)state;
    board(&t, &b, csv, LB_METHOD_MEAN, 1, NULL);
    assert_true(b.ci.available);
    assert_true(b.ci.analytic);
    assert_string_equal(lb_buf_str(&b.ci.sources), "MMLU_stderr, GSM8K_stderr");
    /* org/alpha: 67.6 +- 1.96 SE */
    assert_true(b.ci.has[0]);
    assert_true(fabs(b.ci.lo[0] - (67.6 - 1.959963984540054 * se)) < 1e-9);
    assert_true(fabs(b.ci.hi[0] - (67.6 + 1.959963984540054 * se)) < 1e-9);
    /* org/zeta has no GSM8K error: no interval, counted */
    assert_false(b.ci.has[5]);
    assert_int_equal(b.ci.no_se, 1);
    /* the rank interval holds the rank; P(rank 1) sums to the draws
     * (no ties among continuous draws) */
    {
        size_t r;
        uint32_t firsts = 0;

        for (r = 0; r < t.nrows; r++) {
            firsts += b.ci.first[r];
            if (!b.ci.has[r])
                continue;
            assert_true(b.ci.rank_lo[r] <= b.ranking.rank2[r] / 2);
            assert_true(b.ci.rank_hi[r] >= b.ranking.rank2[r] / 2);
            assert_true(b.ci.rank_ub[r] >= 1);
            assert_true(b.ci.rank_ub[r] <= b.ranking.rank2[r] / 2);
        }
        assert_int_equal(firsts, 400);
    }
    /* org/delta is clear of the top three and of the last two */
    assert_int_equal(b.ci.rank_lo[3], 4);
    assert_int_equal(b.ci.rank_hi[3], 4);
    assert_int_equal(b.ci.rank_ub[3], 4);
    lb_board_release(&b);
    lb_table_release(&t);
}

/* Same seed, same numbers; another seed, other draws. */
static void test_ci_bootstrap_is_deterministic(void **state)
{
    static const enum lb_method methods[] = {
        LB_METHOD_MEAN,     LB_METHOD_GEOMEAN,    LB_METHOD_MEAN_RANK,
        LB_METHOD_WIN_RATE, LB_METHOD_GROUP_MEAN, LB_METHOD_BORDA};
    size_t i, r;

    (void)state;
    for (i = 0; i < 6; i++) {
        struct lb_table t1, t2, t3;
        struct lb_board b1, b2, b3;
        bool differ = false;

        board(&t1, &b1, csv, methods[i], 42, NULL);
        board(&t2, &b2, csv, methods[i], 42, NULL);
        board(&t3, &b3, csv, methods[i], 43, NULL);
        assert_int_equal(b1.ci.analytic, methods[i] == LB_METHOD_MEAN ||
                                             methods[i] == LB_METHOD_GROUP_MEAN);
        for (r = 0; r < t1.nrows; r++) {
            assert_int_equal(b1.ci.has[r], b2.ci.has[r]);
            assert_true(b1.ci.first[r] == b2.ci.first[r]);
            assert_true(b1.ci.rank_lo[r] == b2.ci.rank_lo[r]);
            assert_true(b1.ci.rank_hi[r] == b2.ci.rank_hi[r]);
            assert_true(memcmp(&b1.ci.lo[r], &b2.ci.lo[r], sizeof(double)) == 0);
            assert_true(memcmp(&b1.ci.hi[r], &b2.ci.hi[r], sizeof(double)) == 0);
            differ = differ || b1.ci.first[r] != b3.ci.first[r];
        }
        assert_true(differ);
        lb_board_release(&b1);
        lb_board_release(&b2);
        lb_board_release(&b3);
        lb_table_release(&t1);
        lb_table_release(&t2);
        lb_table_release(&t3);
    }
}

static void grouped_board(struct lb_table *t, struct lb_board *b,
                          enum lb_method m, const char *stderrs,
                          const char *lower)
{
    struct lb_board_opts o;
    struct lb_error err;

    load_ok(t, "model,A,B,C\n"
               "p,90,80,40\n"
               "q,70,75,60\n"
               "r,60,50,55\n"
               "s,20,30,10\n");
    lb_board_opts_init(&o);
    o.method.method = m;
    o.method.given = true;
    o.ci.enabled = true;
    o.ci.draws = 200;
    SET_VALUES(o.ci.stderrs, o.ci.nstderrs, stderrs);
    SET_NAMES(o.method.lower, o.method.nlower, lower);
    if (m == LB_METHOD_GROUP_MEAN)
        SET_TEXTS(o.method.groups, o.method.ngroups, "A=G,B=G");
    if (lb_board_compute(b, t, &o, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

/* group-mean: SE = sqrt(sum (se_k / (G n_g))^2); borda: percentiles. With
 * no error at all, every draw is the board itself: the draws recompute
 * the values as the board does. */
static void test_ci_group_mean_and_borda(void **state)
{
    static const enum lb_method methods[] = {LB_METHOD_GROUP_MEAN,
                                             LB_METHOD_BORDA};
    struct lb_table t;
    struct lb_board b;
    /* G = {A, B} (n_g 2), C alone; G = 2 */
    double se = sqrt(1.0 / 16 + 4.0 / 16 + 9.0 / 4);
    size_t i, r;

    (void)state;
    grouped_board(&t, &b, LB_METHOD_GROUP_MEAN, "A=1,B=2,C=3", NULL);
    assert_true(b.ci.analytic);
    /* p: ((90 + 80) / 2 + 40) / 2 = 62.5 */
    assert_true(fabs(b.ci.lo[0] - (62.5 - 1.959963984540054 * se)) < 1e-9);
    assert_true(fabs(b.ci.hi[0] - (62.5 + 1.959963984540054 * se)) < 1e-9);
    lb_board_release(&b);
    lb_table_release(&t);
    for (i = 0; i < 2; i++) {
        grouped_board(&t, &b, methods[i], "A=0,B=0,C=0", NULL);
        for (r = 0; r < t.nrows; r++) {
            assert_int_equal(b.ci.rank_lo[r], b.ranking.rank2[r] / 2);
            assert_int_equal(b.ci.rank_hi[r], b.ranking.rank2[r] / 2);
        }
        lb_board_release(&b);
        lb_table_release(&t);
    }
    /* lower is better: rank 1 the lowest, in the draws too */
    grouped_board(&t, &b, LB_METHOD_GROUP_MEAN, "A=0,B=0,C=0", "A,B,C");
    assert_int_equal(b.ranking.rank2[3], 2); /* s: the lowest */
    for (r = 0; r < t.nrows; r++)
        assert_int_equal(b.ci.rank_lo[r], b.ranking.rank2[r] / 2);
    assert_int_equal(b.ci.first[3], 200);
    lb_board_release(&b);
    lb_table_release(&t);
}

static void test_ci_says_when_errors_are_missing(void **state)
{
    struct lb_table t;
    struct lb_board b;

    (void)state;
    board(&t, &b, "model,A,B,B_se\nx,1,2,0.5\ny,3,4,0.5\n", LB_METHOD_MEAN, 1,
          NULL);
    assert_false(b.ci.available);
    assert_string_equal(lb_buf_str(&b.ci.lacking), "A");
    assert_null(b.ci.has);
    lb_board_release(&b);
    lb_table_release(&t);
    /* --stderr fills the gap, and wins over a column */
    board(&t, &b, "model,A,B,B_se\nx,1,2,0.5\ny,3,4,0.5\n", LB_METHOD_MEAN, 1,
          "A=0.25,B=1");
    assert_true(b.ci.available);
    assert_string_equal(lb_buf_str(&b.ci.sources), "A=0.25, B=1");
    assert_true(fabs(b.ci.hi[0] - (1.5 + 1.959963984540054 *
                                            sqrt(0.0625 + 1) / 2)) < 1e-9);
    lb_board_release(&b);
    lb_table_release(&t);
}

static void ci_fails(const char *data, const char *stderrs, const char *sort,
                     size_t draws, const char *msg)
{
    struct lb_table t;
    struct lb_board b;
    struct lb_board_opts o;
    struct lb_error err;

    load_ok(&t, data);
    lb_board_opts_init(&o);
    o.ci.enabled = true;
    SET_VALUES(o.ci.stderrs, o.ci.nstderrs, stderrs);
    o.ci.draws = draws;
    o.select.sort = sort;
    assert_int_equal(lb_board_compute(&b, &t, &o, &err), -1);
    assert_string_equal(msg_of(&err), msg);
    lb_board_release(&b);
    lb_table_release(&t);
}

static void test_ci_errors(void **state)
{
    (void)state;
    ci_fails(csv, "MMLU=-1", NULL, 10,
             "--stderr: the standard error of 'MMLU' is below 0");
    ci_fails(csv, "ARC=1", NULL, 10,
             "--stderr: 'ARC' is not one of the benchmarks averaged");
    /* a slip: the nearest benchmark averaged; a column that is not
     * averaged was meant as it is: no suggestion */
    ci_fails(csv, "MLMU=1", NULL, 10,
             "--stderr: 'MLMU' is not one of the benchmarks averaged; did "
             "you mean 'MMLU'?");
    ci_fails(csv, "MMLU_stderr=1", NULL, 10,
             "--stderr: 'MMLU_stderr' is not one of the benchmarks averaged");
    ci_fails(csv, NULL, "MMLU", 10,
             "--ci: intervals are for the aggregate of the benchmarks, not "
             "for --sort");
    ci_fails("model,A,A_stderr\nx,1,big\n", NULL, NULL, 10,
             "t.csv:2:3: 'big' is not a number (column 'A_stderr')");
    ci_fails(csv, NULL, NULL, 10000000,
             "--ci: 10000000 draws of 6 ranked models are more than "
             "leaderboard keeps (50000000 values); lower --bootstrap or rank "
             "fewer models (--where)");
    /* a model with two rows: what is counted is rows */
    ci_fails("model,A,A_stderr\nx,1,1\nx,2,1\ny,3,1\n", NULL, NULL,
             20000000,
             "--ci: 20000000 draws of 3 ranked rows are more than "
             "leaderboard keeps (50000000 values); lower --bootstrap or rank "
             "fewer rows (--where)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ci_arena_upper_bound_vector),
        cmocka_unit_test(test_ci_analytic_interval),
        cmocka_unit_test(test_ci_bootstrap_is_deterministic),
        cmocka_unit_test(test_ci_group_mean_and_borda),
        cmocka_unit_test(test_ci_says_when_errors_are_missing),
        cmocka_unit_test(test_ci_errors),
    };

    return cmocka_run_group_tests_name("ci", tests, NULL, NULL);
}
