#include "opts_util.h"

#include <stdlib.h>

#include "base/buf.h"
#include "core/aggregate.h"
#include "core/rank.h"
#include "core/select.h"

/* A table ranked by the mean of some benchmarks. */
struct board {
    struct lb_table t;
    struct lb_selection sel;
    struct lb_aggregate agg;
    struct lb_ranking r;
};

/* Loads csv, ranks it by the mean of 'benchmarks' (NULL: the inferred
 * ones) and checks the order against the definition (lb_ranking_check). */
static void rank_board(struct board *b, const char *csv,
                       const char *benchmarks, enum lb_missing policy,
                       const struct lb_rank_opts *opts)
{
    struct lb_select_opts so = {NULL, 0, NULL, NULL, 0, NULL};
    struct lb_error err;

    SET_NAMES(so.benchmarks, so.nbenchmarks, benchmarks);
    load_ok(&b->t, csv);
    assert_int_equal(lb_select(&b->t, &so, &b->sel, &err), 0);
    assert_int_equal(lb_aggregate_mean(&b->t, &b->sel, policy, &b->agg, &err), 0);
    assert_int_equal(lb_rank(&b->t, &b->agg, opts, &b->r, &err), 0);
    assert_int_equal(lb_ranking_check(&b->t, &b->agg, opts, &b->r), 0);
}

static void board_release(struct board *b)
{
    lb_ranking_release(&b->r);
    lb_aggregate_release(&b->agg);
    lb_selection_release(&b->sel);
    lb_table_release(&b->t);
}

/* Ranks the CSV and returns "model=rank ..." in ranked order, then
 * "model=-" for unranked listed rows; fractional ranks as "2.5". */
static const char *ranked(const char *csv, const char *benchmarks,
                          enum lb_missing policy,
                          const struct lb_rank_opts *opts)
{
    static char out[1024];
    struct board b;
    size_t i, n = 0;

    rank_board(&b, csv, benchmarks, policy, opts);
    out[0] = '\0';
    for (i = 0; i < b.r.n_listed; i++) {
        size_t row = b.r.order[i];
        int64_t k = b.r.rank2[row];

        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s=", i ? " " : "",
                              lb_table_model(&b.t, row, NULL));
        if (k == 0)
            n += (size_t)snprintf(out + n, sizeof out - n, "-");
        else if (k % 2 == 0)
            n += (size_t)snprintf(out + n, sizeof out - n, "%lld",
                                  (long long)(k / 2));
        else
            n += (size_t)snprintf(out + n, sizeof out - n, "%lld.5",
                                  (long long)(k / 2));
    }
    board_release(&b);
    return out;
}

static const char *with_ties(const char *csv, enum lb_ties ties)
{
    struct lb_rank_opts o = {ties, 2, false, 0, 0};

    return ranked(csv, NULL, LB_MISSING_EXCLUDE, &o);
}

/* RULES.md section 3: scores 91, 85, 85, 70 */
static const char *const vector = "model,S\na,91\nb,85\nc,85\nd,70\n";

static void test_rank_ties_competition(void **state)
{
    (void)state;
    assert_string_equal(with_ties(vector, LB_TIES_COMPETITION),
                        "a=1 b=2 c=2 d=4");
}

static void test_rank_ties_dense(void **state)
{
    (void)state;
    assert_string_equal(with_ties(vector, LB_TIES_DENSE), "a=1 b=2 c=2 d=3");
}

static void test_rank_ties_ordinal(void **state)
{
    (void)state;
    assert_string_equal(with_ties(vector, LB_TIES_ORDINAL), "a=1 b=2 c=3 d=4");
}

static void test_rank_ties_fractional(void **state)
{
    (void)state;
    assert_string_equal(with_ties(vector, LB_TIES_FRACTIONAL),
                        "a=1 b=2.5 c=2.5 d=4");
    /* a group of three: (2 + 4) / 2 = 3 */
    assert_string_equal(
        with_ties("model,S\na,9\nb,8\nc,8\nd,8\ne,1\n", LB_TIES_FRACTIONAL),
        "a=1 b=3 c=3 d=3 e=5");
}

static void test_rank_ties_at_displayed_precision(void **state)
{
    const char *csv = "model,S\nb,85.001\na,85.004\nc,84.996\nd,70\n";

    (void)state;
    /* all three show as 85.00: tied; inside the tie, exact value first */
    assert_string_equal(with_ties(csv, LB_TIES_COMPETITION),
                        "a=1 b=1 c=1 d=4");
    /* exact: no tie */
    assert_string_equal(with_ties(csv, LB_TIES_EXACT), "a=1 b=2 c=3 d=4");
}

static void test_rank_tie_order_is_value_then_name(void **state)
{
    (void)state;
    /* equal exact values: by model name, whatever the file order */
    assert_string_equal(with_ties("model,S\nzeta,50\nalpha,50\nmid,50\n",
                                  LB_TIES_COMPETITION),
                        "alpha=1 mid=1 zeta=1");
}

static void test_rank_equal_decimals_tie_in_any_column_order(void **state)
{
    /* as doubles, 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1; as decimals they are
     * equal, so the rows tie even with --ties exact */
    const char *csv = "model,A,B,C\nx,0.1,0.2,0.3\ny,0.3,0.2,0.1\nz,0.2,0.3,0.1\n";

    (void)state;
    assert_string_equal(with_ties(csv, LB_TIES_EXACT), "x=1 y=1 z=1");
}

static void test_rank_missing_rows_last(void **state)
{
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 2, false, 0, 0};
    const char *csv = "model,A,B\nn1,,\nlow,1,1\nn2,5,\nhigh,9,9\n";

    (void)state;
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o),
                        "high=1 low=2 n1=- n2=-");
    assert_string_equal(ranked(csv, NULL, LB_MISSING_PARTIAL, &o),
                        "high=1 n2=2 low=3 n1=-");
    assert_string_equal(ranked(csv, NULL, LB_MISSING_ZERO, &o),
                        "high=1 n2=2 low=3 n1=4");
}

static void test_rank_ascending(void **state)
{
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 2, true, 0, 0};

    (void)state;
    assert_string_equal(ranked(vector, NULL, LB_MISSING_EXCLUDE, &o),
                        "d=1 b=2 c=2 a=4");
}

static void test_rank_top_keeps_ties(void **state)
{
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 2, false, 2, 0};
    const char *csv = "model,S\na,91\nb,85\nc,85\nd,70\ne,\n";

    (void)state;
    /* the second row ties with the third: both are listed; no unranked */
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o),
                        "a=1 b=2 c=2");
    o.top = 1;
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o), "a=1");
    o.top = 2;
    o.ties = LB_TIES_ORDINAL;
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o), "a=1 b=2");
    o.top = 10;
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o),
                        "a=1 b=2 c=3 d=4");
}

static void test_rank_precision_changes_ties(void **state)
{
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 0, false, 0, 0};
    const char *csv = "model,S\na,70.4\nb,69.6\nc,68.5\nd,67.5\n";

    (void)state;
    /* at 0 decimals: 70, 70, 68 (68.5 half to even), 68 (67.5 to even) */
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o),
                        "a=1 b=1 c=3 d=3");
    o.precision = 1;
    assert_string_equal(ranked(csv, NULL, LB_MISSING_EXCLUDE, &o),
                        "a=1 b=2 c=3 d=4");
}

/* Random tables (many ties, missing cells, equal names): the radix path and
 * the comparison path must give the order of the definition. */
static void check_random(unsigned seed, bool huge, enum lb_missing policy,
                         bool ascending, size_t parallel_min)
{
    struct lb_buf csv = LB_BUF_INIT;
    struct board b;
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 1, ascending, 0,
                             parallel_min};
    size_t i, k, ranked = 0;

    srand(seed);
    lb_buf_adds(&csv, "model,A,B,C\n");
    for (i = 0; i < 3000; i++) {
        lb_buf_addf(&csv, "m%d", rand() % 500);
        for (k = 0; k < 3; k++) {
            if (rand() % 10 == 0)
                lb_buf_adds(&csv, ",");
            else if (huge)
                /* 19 digits: sums beyond 64 bits */
                lb_buf_addf(&csv, ",%d%09d%09d", rand() % 8 + 1,
                            rand() % 1000000000, rand() % 10);
            else
                lb_buf_addf(&csv, ",%d.%d", rand() % 20, rand() % 10);
        }
        lb_buf_addc(&csv, '\n');
    }
    /* named: huge scores are outside 0 to 100, not benchmarks by inference */
    rank_board(&b, csv.data, "A,B,C", policy, &o);
    for (i = 0; i < b.t.nrows; i++)
        ranked += lb_aggregate_has(&b.agg, i);
    assert_int_equal(b.r.n_ranked, ranked);
    /* ranks never decrease along the order, and a rank is shared only by
     * rows that show the same value */
    for (i = 1; i < b.r.n_listed_ranked; i++)
        assert_true(b.r.rank2[b.r.order[i]] >= b.r.rank2[b.r.order[i - 1]]);
    board_release(&b);
    lb_buf_release(&csv);
}

static void test_rank_fast_and_slow_paths_follow_the_definition(void **state)
{
    (void)state;
    size_t k;

    for (k = 0; k < 2; k++) { /* one thread; two (from 2 rows up) */
        size_t par = k == 0 ? 0 : 2;

        check_random(1, false, LB_MISSING_EXCLUDE, false, par);
        check_random(2, false, LB_MISSING_PARTIAL, false, par); /* lcm of 1..3 */
        check_random(3, false, LB_MISSING_ZERO, true, par);
        check_random(4, true, LB_MISSING_PARTIAL, false, par); /* fractions */
        check_random(5, true, LB_MISSING_EXCLUDE, true, par);
    }
}

/* Two threads make the keys, each from half of the rows, and sort them:
 * counts that occur in one half only (3 in the first, 1 and 2 in the
 * second) must all be in the common multiple; runs of equal keys span the
 * middle. The order is the definition's. */
static void test_rank_two_threads_counts_apart(void **state)
{
    struct lb_buf csv = LB_BUF_INIT;
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 2, false, 0, 2};
    struct board b;
    size_t i;

    (void)state;
    srand(9);
    lb_buf_adds(&csv, "model,A,B,C\n");
    for (i = 0; i < 2000; i++) {
        int a = rand() % 50, c = rand() % 7;

        if (i < 1000)
            lb_buf_addf(&csv, "m%zu,%d,%d,%d\n", i, a, c, rand() % 3);
        else if (i % 2 == 0)
            lb_buf_addf(&csv, "m%zu,%d,,\n", i, a);
        else
            lb_buf_addf(&csv, "m%zu,%d,%d,\n", i, a, c);
    }
    rank_board(&b, csv.data, "A,B,C", LB_MISSING_PARTIAL, &o);
    assert_int_equal(b.r.n_ranked, 2000);
    board_release(&b);
    lb_buf_release(&csv);
}

/* Names that share their first 8, 12 or more bytes, names that are the
 * first bytes of others, bytes above 127, and few distinct scores (runs of
 * hundreds of equal values): the order must still be the definition's
 * (value, then the name as memcmp orders it, then file order), with one
 * thread or two (from parallel_min ranked rows up; 0: the default). */
static void check_names(unsigned seed, int distinct, size_t parallel_min)
{
    static const char *const stems[] = {
        "eleuther",      "eleuther-",     "eleuther-105",  "eleuther-105/",
        "eleuther-105/llama", "eleuther-105/llamb", "eleuther-1050",
        "\xc3\xa9leuther-105", "eleuther\xc3\xa9", "eleuther-10\xff",
        "a\xc3",         "b\xc3",         "eleuther-a\xc3", "eleuther-b\xc3",
        "a",             "",
    };
    struct lb_buf csv = LB_BUF_INIT;
    struct board b;
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 2, false, 0, parallel_min};
    bool *seen;
    size_t i, k;

    srand(seed);
    lb_buf_adds(&csv, "model,A,B\n");
    for (i = 0; i < 4000; i++) {
        const char *stem = stems[(size_t)rand() % (sizeof stems / sizeof *stems)];

        /* an empty stem gets a suffix: a name is never empty */
        if (rand() % 2 == 0 && stem[0] != '\0')
            lb_buf_adds(&csv, stem);
        else
            lb_buf_addf(&csv, "%s%d", stem, rand() % 40);
        for (k = 0; k < 2; k++)
            lb_buf_addf(&csv, ",%d", rand() % distinct);
        lb_buf_addc(&csv, '\n');
    }
    rank_board(&b, csv.data, "A,B", LB_MISSING_EXCLUDE, &o);
    /* every row once */
    assert_int_equal(b.r.n_listed, b.t.nrows);
    seen = calloc(b.t.nrows, sizeof *seen);
    assert_non_null(seen);
    for (i = 0; i < b.r.n_listed; i++) {
        assert_false(seen[b.r.order[i]]);
        seen[b.r.order[i]] = true;
    }
    free(seen);
    board_release(&b);
    lb_buf_release(&csv);
}

static void test_rank_ties_by_long_and_shared_names(void **state)
{
    (void)state;
    check_names(1, 2, 0);   /* runs of about a thousand */
    check_names(2, 5, 0);   /* of about 160 */
    check_names(3, 100, 0); /* of about 2 */
    check_names(4, 1000, 0);
    /* the same with two threads (each takes half of the runs) */
    check_names(5, 2, 2);
    check_names(6, 5, 2);
    check_names(7, 100, 2);
    check_names(8, 1, 2); /* one run: no middle to split at, one thread */
}

/* Keys more than 2^32 apart take the comparison sort of keys. */
static void test_rank_wide_keys(void **state)
{
    struct lb_rank_opts o = {LB_TIES_COMPETITION, 2, false, 0, 0};

    (void)state;
    /* outside 0 to 100: a benchmark only when named */
    assert_string_equal(
        ranked("model,S\nc,3\nb,5000000000\na,5000000000\nd,-7000000000\n",
               "S", LB_MISSING_EXCLUDE, &o),
        "a=1 b=1 c=3 d=4");
}

static void test_rank_names(void **state)
{
    enum lb_ties t;

    (void)state;
    assert_true(lb_ties_parse("dense", &t));
    assert_int_equal(t, LB_TIES_DENSE);
    assert_string_equal(lb_ties_name(LB_TIES_FRACTIONAL), "fractional");
    assert_false(lb_ties_parse("min", &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rank_ties_competition),
        cmocka_unit_test(test_rank_ties_dense),
        cmocka_unit_test(test_rank_ties_ordinal),
        cmocka_unit_test(test_rank_ties_fractional),
        cmocka_unit_test(test_rank_ties_at_displayed_precision),
        cmocka_unit_test(test_rank_tie_order_is_value_then_name),
        cmocka_unit_test(test_rank_equal_decimals_tie_in_any_column_order),
        cmocka_unit_test(test_rank_missing_rows_last),
        cmocka_unit_test(test_rank_ascending),
        cmocka_unit_test(test_rank_top_keeps_ties),
        cmocka_unit_test(test_rank_precision_changes_ties),
        cmocka_unit_test(test_rank_fast_and_slow_paths_follow_the_definition),
        cmocka_unit_test(test_rank_two_threads_counts_apart),
        cmocka_unit_test(test_rank_ties_by_long_and_shared_names),
        cmocka_unit_test(test_rank_wide_keys),
        cmocka_unit_test(test_rank_names),
    };

    return cmocka_run_group_tests_name("rank", tests, NULL, NULL);
}
