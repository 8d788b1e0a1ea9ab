/* --compare-methods: Kendall's tau-b, and the orders compared. */
#include "opts_util.h"

#include <math.h>
#include <stdlib.h>

#include "core/board.h"
#include "core/compare.h"

/* The definition, pair by pair. */
static double tau_b_slow(const int64_t *x, const int64_t *y, size_t n)
{
    double conc = 0, disc = 0, tx = 0, ty = 0;
    size_t i, j;

    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            int64_t dx = x[i] - x[j], dy = y[i] - y[j];

            if (dx == 0 && dy == 0)
                continue;
            if (dx == 0)
                tx++;
            else if (dy == 0)
                ty++;
            else if ((dx > 0) == (dy > 0))
                conc++;
            else
                disc++;
        }
    return (conc - disc) / sqrt((conc + disc + tx) * (conc + disc + ty));
}

static void test_compare_kendall_tau_b(void **state)
{
    /* scipy.stats.kendalltau's documented example */
    const int64_t x1[] = {12, 2, 1, 12, 2}, y1[] = {1, 4, 7, 1, 0};
    const int64_t up[] = {1, 2, 3, 4}, down[] = {4, 3, 2, 1}, flat[] = {1, 1, 1, 1};
    int64_t x[300], y[300];
    size_t i, round;

    (void)state;
    assert_true(fabs(lb_kendall_tau_b(x1, y1, 5) - (-0.47140452079103173)) <
                1e-12);
    assert_true(lb_kendall_tau_b(up, up, 4) == 1);
    assert_true(lb_kendall_tau_b(up, down, 4) == -1);
    assert_true(isnan(lb_kendall_tau_b(up, flat, 4)));
    assert_true(isnan(lb_kendall_tau_b(up, up, 1)));
    /* random ranks with many ties: the fast count is the definition */
    srand(11);
    for (round = 0; round < 20; round++) {
        for (i = 0; i < 300; i++) {
            x[i] = rand() % (int)(round + 2);
            y[i] = rand() % 7 + x[i] * (int64_t)(round % 3);
        }
        assert_true(fabs(lb_kendall_tau_b(x, y, 300) - tau_b_slow(x, y, 300)) <
                    1e-12);
    }
}

static const char *const csv =
    "model,A,B,C\n"
    "p,90,10,50\n"
    "q,60,60,60\n"
    "r,20,95,40\n"
    "s,55,50,\n";

static void compared(struct lb_board_opts *o, struct lb_compare *c,
                     struct lb_table *t, struct lb_board *b)
{
    struct lb_error err;

    load_ok(t, csv);
    if (lb_board_compute(b, t, o, &err) != 0 || lb_compare(b, c, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

static const struct lb_order *order(const struct lb_compare *c,
                                    const char *name)
{
    size_t i;

    for (i = 0; i < c->n; i++)
        if (strcmp(c->orders[i].name, name) == 0)
            return &c->orders[i];
    return NULL;
}

/* The order, which must be there. */
static const struct lb_order *must(const struct lb_compare *c,
                                   const char *name)
{
    const struct lb_order *o = order(c, name);

    if (o == NULL) {
        print_error("no order %s\n", name);
        abort();
    }
    return o;
}

static void test_compare_orders(void **state)
{
    struct lb_board_opts o;
    struct lb_compare c;
    struct lb_table t;
    struct lb_board b;
    const struct lb_order *x;

    (void)state;
    lb_board_opts_init(&o);
    compared(&o, &c, &t, &b);
    /* the board's first; no weights, no baselines: those left out */
    assert_string_equal(c.orders[0].name, "mean");
    assert_true(c.orders[0].tau == 1);
    assert_null(order(&c, "weighted"));
    assert_null(order(&c, "normalized"));
    assert_non_null(strstr(lb_buf_str(&c.skipped),
                           "weighted: no " LB_OPT("weights")));
    assert_non_null(strstr(lb_buf_str(&c.skipped),
                           "normalized: no random baseline for 'A'"));
    /* means: p 50, q 60, r 51.67; s unranked */
    assert_int_equal(c.orders[0].rank2[1], 2);
    assert_int_equal(c.orders[0].rank2[3], 0);
    /* mean rank: A p1 q2 r3; B r1 q2 p3; C q1 p2 r3: q 5/3 first */
    x = must(&c, "mean-rank");
    assert_int_equal(x->rank2[1], 2);
    /* leaving out C: s is complete and ranked */
    x = must(&c, "w/o C");
    assert_true(x->leave_out);
    assert_int_equal(x->ranked, 4);
    assert_int_equal(x->common, 3);
    assert_non_null(order(&c, "w/o A"));
    assert_non_null(order(&c, "geomean"));
    assert_non_null(order(&c, "win-rate"));
    assert_non_null(order(&c, "borda"));
    /* group-mean without groups would be the mean: left out */
    assert_null(order(&c, "group-mean"));
    assert_non_null(strstr(lb_buf_str(&c.skipped),
                           "group-mean: no " LB_OPT("groups")
                           " (it would be the mean)"));
    /* mean, geomean, mean-rank, win-rate, borda, w/o A, B, C */
    assert_int_equal(c.n, 8);
    lb_compare_release(&c);
    lb_board_release(&b);
    lb_table_release(&t);
}

static void test_compare_keeps_the_options(void **state)
{
    struct lb_board_opts o;
    struct lb_compare c;
    struct lb_table t;
    struct lb_board b;

    (void)state;
    lb_board_opts_init(&o);
    o.method.method = LB_METHOD_NORMALIZED;
    o.method.given = true;
    SET_VALUES(o.method.baselines, o.method.nbaselines, "A=0,B=50,C=0");
    SET_NAMES(o.method.lower, o.method.nlower, "B");
    compared(&o, &c, &t, &b);
    assert_string_equal(c.orders[0].name, "normalized");
    /* leaving a benchmark out drops its baseline and direction too */
    assert_non_null(order(&c, "w/o B"));
    assert_non_null(order(&c, "w/o A"));
    assert_null(order(&c, "weighted"));
    lb_compare_release(&c);
    lb_board_release(&b);
    lb_table_release(&t);

    lb_board_opts_init(&o);
    SET_VALUES(o.method.weights, o.method.nweights, "A=2");
    compared(&o, &c, &t, &b);
    assert_non_null(order(&c, "weighted"));
    lb_compare_release(&c);
    lb_board_release(&b);
    lb_table_release(&t);
}

/* group-mean: its groups follow a benchmark left out; a method the data
 * cannot support is said without its name twice. */
static void test_compare_groups(void **state)
{
    struct lb_board_opts o;
    struct lb_compare c;
    struct lb_table t;
    struct lb_board b;
    const struct lb_order *x;

    (void)state;
    lb_board_opts_init(&o);
    o.method.method = LB_METHOD_GROUP_MEAN;
    o.method.given = true;
    SET_TEXTS(o.method.groups, o.method.ngroups, "A=G,B=G");
    compared(&o, &c, &t, &b);
    assert_string_equal(c.orders[0].name, "group-mean");
    /* G (A, B) and C: p (50 + 50) / 2, q 60, r (57.5 + 40) / 2 */
    assert_int_equal(c.orders[0].rank2[1], 2);
    assert_int_equal(c.orders[0].rank2[0], 4);
    assert_int_equal(c.orders[0].rank2[2], 6);
    /* without A, G is B alone: p 30, q 60, r 67.5 */
    x = must(&c, "w/o A");
    assert_int_equal(x->rank2[2], 2);
    assert_int_equal(x->rank2[0], 6);
    lb_compare_release(&c);
    lb_board_release(&b);
    lb_table_release(&t);

    /* groups given (through core) to a board of another method, with
     * benchmarks of both directions: group-mean is left out, and why */
    lb_board_opts_init(&o);
    o.method.method = LB_METHOD_MEAN_RANK;
    o.method.given = true;
    SET_TEXTS(o.method.groups, o.method.ngroups, "A=G");
    SET_NAMES(o.method.lower, o.method.nlower, "B");
    compared(&o, &c, &t, &b);
    assert_null(order(&c, "group-mean"));
    assert_non_null(strstr(lb_buf_str(&c.skipped),
                           "group-mean: the mean of group means cannot mix "
                           "benchmarks where lower is better ('B') and "
                           "where higher is better ('A', 'C')"));
    lb_compare_release(&c);
    lb_board_release(&b);
    lb_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_kendall_tau_b),
        cmocka_unit_test(test_compare_orders),
        cmocka_unit_test(test_compare_keeps_the_options),
        cmocka_unit_test(test_compare_groups),
    };

    return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
