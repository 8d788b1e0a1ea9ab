/* Ratings from votes (core/battles.h): the public test vectors of the
 * rules (arena-rank's Wikipedia example, evalica's simple.csv for
 * Bradley-Terry and Elo), the sandwich against an independent computation
 * (tests/core/battles_reference.py: Zermelo's iteration and numpy's
 * pseudo-inverse), the edge cases (never lost, disconnected, all ties, one
 * vote), the readers (CSV, JSON list, JSON lines, synonyms, bad labels,
 * weights), and the determinism of the bootstrap. */
#include "test_util.h"

#include <math.h>
#include <stdlib.h>

#include "core/battles.h"

#ifndef LB_SOURCE_DIR
#define LB_SOURCE_DIR "."
#endif
#define FIXTURES LB_SOURCE_DIR "/tests/cli/fixtures/battles/"

/* {======================================================================
 * Helpers
 * ======================================================================= */

struct run {
    struct lb_battles_data d;
    struct lb_battles b;
};

static void read_opts(struct lb_battles_read_opts *ro)
{
    memset(ro, 0, sizeof *ro);
    ro->k = LB_BATTLES_K;
}

/* Reads text (CSV or JSON) with ro and computes with o; fails the test on
 * an error. */
static void run_mem(struct run *r, const char *text,
                    const struct lb_battles_read_opts *ro,
                    const struct lb_battles_opts *o)
{
    struct lb_error err;

    lb_error_init(&err);
    lb_battles_data_init(&r->d, ro);
    if (lb_battles_read_mem(&r->d, "v.csv", text, strlen(text), &err) != 0 ||
        lb_battles_compute(&r->b, &r->d, o, &err) != 0) {
        print_error("unexpected error: %s\n", msg_of(&err));
        fail();
    }
}

static void run_file(struct run *r, const char *path,
                     const struct lb_battles_read_opts *ro,
                     const struct lb_battles_opts *o)
{
    struct lb_error err;

    lb_error_init(&err);
    lb_battles_data_init(&r->d, ro);
    if (lb_battles_read(&r->d, path, &err) != 0 ||
        lb_battles_compute(&r->b, &r->d, o, &err) != 0) {
        print_error("unexpected error: %s\n", msg_of(&err));
        fail();
    }
}

static void run_release(struct run *r)
{
    lb_battles_release(&r->b);
    lb_battles_data_release(&r->d);
}

/* The value of the model named name. */
static double value_of(const struct run *r, const char *name)
{
    size_t i = lb_battles_find(&r->d, name, strlen(name));

    assert_true(i != LB_NPOS_BATTLES);
    return r->b.value[i];
}

static size_t model(const struct run *r, const char *name)
{
    size_t i = lb_battles_find(&r->d, name, strlen(name));

    assert_true(i != LB_NPOS_BATTLES);
    return i;
}

/* |got - want| <= tol, with a message. */
#define assert_near(got, want, tol)                                          \
    do {                                                                     \
        double g_ = (got), w_ = (want);                                      \
        if (!(fabs(g_ - w_) <= (tol))) {                                     \
            print_error("%s = %.17g, expected %.17g (+- %g)\n", #got, g_,    \
                        w_, (double)(tol));                                  \
            fail();                                                          \
        }                                                                    \
    } while (0)

/* Reading text must fail with message msg. */
static void read_fails(const char *text, const struct lb_battles_read_opts *ro,
                       const char *msg)
{
    struct lb_battles_data d;
    struct lb_error err;

    lb_error_init(&err);
    lb_battles_data_init(&d, ro);
    if (lb_battles_read_mem(&d, "v.csv", text, strlen(text), &err) == 0) {
        print_error("read of %s succeeded, expected: %s\n", text, msg);
        fail();
    }
    assert_string_equal(msg_of(&err), msg);
    lb_battles_data_release(&d);
}

/* Strength 10^((R - 1000) / 400): the odds scale. */
static double strength(double rating)
{
    return pow(10, (rating - 1000) / 400);
}

/* }====================================================================== */

/* {======================================================================
 * The public test vectors
 * ======================================================================= */

/* arena-rank tests/test_bradley_terry.py::test_wikipedia_example: A-B 2:3,
 * A-D 1:4, B-C 5:3, C-D 1:3 give strengths with geometric mean 1 of A
 * 0.640, B 1.043, C 0.660, D 2.270 (rtol 1e-3); to 1e-9 against Zermelo's
 * iteration run to its fixed point (battles_reference.py). */
static void test_battles_wikipedia_example(void **state)
{
    static const char *const names[] = {"A", "B", "C", "D"};
    static const double published[] = {0.640, 1.043, 0.660, 2.270};
    static const double exact[] = {0.639834815022412, 1.043314403086484,
                                   0.659810195806961, 2.270376628090073};
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t i;

    (void)state;
    read_opts(&ro);
    ro.weight = "n";
    lb_battles_opts_init(&o);
    run_file(&r, FIXTURES "wikipedia.csv", &ro, &o);
    assert_int_equal(r.b.nrated, 4);
    assert_true(r.b.fit.converged);
    for (i = 0; i < 4; i++) {
        double s = strength(value_of(&r, names[i]));

        assert_near(s, published[i], 1e-3 * published[i]);
        assert_near(s, exact[i], 1e-9);
    }
    run_release(&r);
}

/* dustalov/evalica simple.csv (16 votes, 10 ties) and its golden file:
 * Bradley-Terry strengths normalised to sum 1, to 1e-9 (read from
 * simple-golden.csv itself). */
static void test_battles_evalica_bradley_terry(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    FILE *fp;
    char line[256];
    double sum = 0;
    size_t i, checked = 0;

    (void)state;
    read_opts(&ro);
    ro.col_a = "left";
    ro.col_b = "right";
    lb_battles_opts_init(&o);
    run_file(&r, FIXTURES "simple.csv", &ro, &o);
    assert_int_equal(r.d.votes, 16);
    assert_int_equal(r.b.nrated, 5);
    for (i = 0; i < r.b.n; i++)
        sum += strength(r.b.value[i]);
    fp = fopen(FIXTURES "simple-golden.csv", "r");
    assert_non_null(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        char item[16];
        double want;

        if (sscanf(line, "bradley_terry,%15[^,],%lf", item, &want) != 2)
            continue;
        assert_near(strength(value_of(&r, item)) / sum, want, 1e-9);
        checked++;
    }
    fclose(fp);
    assert_int_equal(checked, 5);
    run_release(&r);
}

/* The same file, online Elo (K 4) in file order, against the golden
 * file's "elo" rows, to 1e-9. */
static void test_battles_evalica_elo(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    FILE *fp;
    char line[256];
    size_t checked = 0;

    (void)state;
    read_opts(&ro);
    ro.col_a = "left";
    ro.col_b = "right";
    ro.elo = true;
    lb_battles_opts_init(&o);
    o.method = LB_BATTLES_ELO;
    run_file(&r, FIXTURES "simple.csv", &ro, &o);
    fp = fopen(FIXTURES "simple-golden.csv", "r");
    assert_non_null(fp);
    while (fgets(line, sizeof line, fp) != NULL) {
        char item[16];
        double want;

        if (sscanf(line, "elo,%15[^,],%lf", item, &want) != 2)
            continue;
        assert_near(value_of(&r, item), want, 1e-9);
        checked++;
    }
    fclose(fp);
    assert_int_equal(checked, 5);
    run_release(&r);
}

/* evalica's "counting" rows are each model's points: win-rate's
 * numerators. */
static void test_battles_evalica_counting(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t i;
    static const char *const items[] = {"3", "4", "1", "2", "0"};
    static const double points[] = {4.5, 4.0, 3.0, 3.0, 1.5};

    (void)state;
    read_opts(&ro);
    ro.col_a = "left";
    ro.col_b = "right";
    lb_battles_opts_init(&o);
    o.method = LB_BATTLES_WIN_RATE;
    run_file(&r, FIXTURES "simple.csv", &ro, &o);
    for (i = 0; i < 5; i++) {
        size_t k = model(&r, items[i]);
        double votes = (double)(r.d.won[k] + r.d.tied[k] + r.d.lost[k]);

        assert_near(r.b.value[k] * votes, points[i], 1e-12);
    }
    run_release(&r);
}

/* Chatbot Arena's Rank (UB) vector of the rules, section 5. */
static void test_battles_upper_bound_rank_vector(void **state)
{
    /* two models far above two others, each pair overlapping: their
     * intervals from the sandwich decide it, so the vector is checked on
     * the function the ratings use (core/ci.h) in test_ci; here the
     * ratings' own UB ranks must follow the same rule */
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t i, j;

    (void)state;
    read_opts(&ro);
    ro.weight = "n";
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_SANDWICH;
    run_file(&r, FIXTURES "wikipedia.csv", &ro, &o);
    for (i = 0; i < r.b.n; i++) {
        uint32_t ub = 1;

        for (j = 0; j < r.b.n; j++)
            ub += r.b.lo[j] > r.b.hi[i];
        assert_int_equal(r.b.rank_ub[i], ub);
    }
    run_release(&r);
}

/* }====================================================================== */

/* {======================================================================
 * The sandwich, against an independent computation
 * ======================================================================= */

/* Standard errors (rating points) from battles_reference.py: theta from
 * Zermelo's iteration, V = pinv(H) G pinv(H) with numpy's SVD
 * pseudo-inverse; ours is a Cholesky solve of H + (s/m^2) 1 1^T. */
static void test_battles_sandwich_wikipedia(void **state)
{
    static const char *const names[] = {"A", "B", "C", "D"};
    static const double se[] = {94.562091473790, 84.193180472038,
                                91.753102917630, 108.394683570028};
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t i;

    (void)state;
    read_opts(&ro);
    ro.weight = "n";
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_SANDWICH;
    run_file(&r, FIXTURES "wikipedia.csv", &ro, &o);
    assert_true(r.b.intervals);
    for (i = 0; i < 4; i++) {
        size_t k = model(&r, names[i]);

        assert_near(r.b.se[k], se[i], 1e-9);
        assert_near(r.b.hi[k] - r.b.value[k], LB_BATTLES_Z95 * se[i], 1e-8);
        assert_near(r.b.value[k] - r.b.lo[k], LB_BATTLES_Z95 * se[i], 1e-8);
    }
    assert_int_equal(r.b.rounds_used, LB_BATTLES_DRAWS);
    run_release(&r);
}

/* With ties (the residual of a tie is 1/2 - p). */
static void test_battles_sandwich_ties(void **state)
{
    static const char *const names[] = {"0", "1", "2", "3", "4"};
    static const double se[] = {83.016792179830, 60.201320881480,
                                59.611897585574, 69.766915441703,
                                88.849535468995};
    static const double rating[] = {801.218531138385, 965.982399906177,
                                    966.689587262513, 1129.868733565547,
                                    1136.240748127378};
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t i;

    (void)state;
    read_opts(&ro);
    ro.col_a = "left";
    ro.col_b = "right";
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_SANDWICH;
    run_file(&r, FIXTURES "simple.csv", &ro, &o);
    for (i = 0; i < 5; i++) {
        size_t k = model(&r, names[i]);

        assert_near(r.b.value[k], rating[i], 1e-9);
        assert_near(r.b.se[k], se[i], 1e-9);
    }
    run_release(&r);
}

/* An anchor fixes one rating: the others keep their differences, the
 * anchor's interval has no width, the others' widths are those of the
 * differences. */
static void test_battles_anchor(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run plain, anchored;
    size_t i, d;

    (void)state;
    read_opts(&ro);
    ro.weight = "n";
    lb_battles_opts_init(&o);
    run_file(&plain, FIXTURES "wikipedia.csv", &ro, &o);
    o.anchor = "D";
    o.anchor_rating = 1114;
    o.ci = LB_BATTLES_CI_SANDWICH;
    run_file(&anchored, FIXTURES "wikipedia.csv", &ro, &o);
    d = model(&anchored, "D");
    assert_near(anchored.b.value[d], 1114, 1e-9);
    assert_near(anchored.b.se[d], 0, 1e-9);
    for (i = 0; i < plain.b.n; i++)
        assert_near(anchored.b.value[i] - anchored.b.value[d],
                    plain.b.value[i] - plain.b.value[d], 1e-9);
    run_release(&plain);
    run_release(&anchored);
}

/* }====================================================================== */

/* {======================================================================
 * Who gets a rating
 * ======================================================================= */

static void test_battles_never_lost_never_won(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    struct lb_buf why = LB_BUF_INIT;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&r,
            "model_a,model_b,winner\n"
            "A,B,model_a\nB,A,model_a\nB,C,model_a\nC,A,model_a\n"
            "X,A,model_a\nX,B,model_a\n" /* X never lost */
            "A,Y,model_a\n",             /* Y never won */
            &ro, &o);
    assert_int_equal(r.b.nrated, 3);
    assert_true(isnan(value_of(&r, "X")));
    assert_true(isnan(value_of(&r, "Y")));
    assert_int_equal(r.b.why[model(&r, "X")], LB_WHY_NEVER_LOST);
    assert_int_equal(r.b.why[model(&r, "Y")], LB_WHY_NEVER_WON);
    lb_battles_reason(&r.b, model(&r, "X"), &why);
    assert_string_equal(lb_buf_str(&why),
                        "never lost (won all its 2 votes): no finite rating");
    /* the unrated are listed after the rated */
    assert_int_equal(r.b.ranking.n_listed, 5);
    assert_int_equal(r.b.ranking.n_listed_ranked, 3);
    assert_int_equal(r.b.ranking.rank2[model(&r, "X")], 0);
    lb_buf_release(&why);
    run_release(&r);
}

/* A model above the rated ones through another: it lost, but only to a
 * model that itself never lost. */
static void test_battles_above_and_apart(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&r,
            "model_a,model_b,winner\n"
            "A,B,model_a\nB,A,model_a\nB,C,model_a\nC,A,model_a\n"
            "U,A,model_a\nS,U,model_a\nU,S,tie\n" /* U,S above */
            "A,L,model_a\nL,M,model_a\nM,L,model_a\n" /* L,M below */
            "T,A,tie\nT,A,model_a\n",                /* T won and tied */
            &ro, &o);
    assert_int_equal(r.b.nrated, 4);
    assert_int_equal(r.b.why[model(&r, "U")], LB_WHY_ABOVE);
    assert_int_equal(r.b.why[model(&r, "S")], LB_WHY_ABOVE);
    assert_int_equal(r.b.why[model(&r, "L")], LB_WHY_BELOW);
    assert_int_equal(r.b.why[model(&r, "M")], LB_WHY_BELOW);
    /* a tie links both ways: T is with the rated models */
    assert_int_equal(r.b.why[model(&r, "T")], LB_WHY_RATED);
    run_release(&r);

    /* W met only a model above the rated ones, and lost: nothing places
     * it against them */
    run_mem(&r,
            "model_a,model_b,winner\n"
            "A,B,model_a\nB,A,model_a\n"
            "U,A,model_a\nU,W,model_a\nW,Z,model_a\nZ,W,model_a\n",
            &ro, &o);
    assert_int_equal(r.b.why[model(&r, "W")], LB_WHY_APART);
    assert_int_equal(r.b.why[model(&r, "Z")], LB_WHY_APART);
    run_release(&r);
}

/* Two parts no vote links: the larger is rated, the other is not. */
static void test_battles_disconnected(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&r,
            "model_a,model_b,winner\n"
            "P,Q,model_a\nQ,P,model_a\n"
            "A,B,model_a\nB,C,model_a\nC,A,model_a\n",
            &ro, &o);
    assert_int_equal(r.b.nparts, 2);
    assert_int_equal(r.b.nrated, 3);
    assert_int_equal(r.b.why[model(&r, "P")], LB_WHY_OTHER_PART);
    assert_int_equal(r.b.why[model(&r, "Q")], LB_WHY_OTHER_PART);
    /* A, B, C form a cycle: equal ratings, mean 1000 */
    assert_near(value_of(&r, "A"), 1000, 1e-9);
    assert_near(value_of(&r, "C"), 1000, 1e-9);
    run_release(&r);
    /* parts of equal size: the one with more votes, then the first seen */
    run_mem(&r,
            "model_a,model_b,winner\n"
            "P,Q,model_a\nQ,P,model_a\n"
            "A,B,model_a\nB,A,model_a\nA,B,tie\n",
            &ro, &o);
    assert_int_equal(r.b.why[model(&r, "A")], LB_WHY_RATED);
    assert_int_equal(r.b.why[model(&r, "P")], LB_WHY_OTHER_PART);
    run_release(&r);
}

/* All ties: everybody equal, the gradient 0 from the start. */
static void test_battles_all_ties(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t i;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_SANDWICH;
    run_mem(&r,
            "model_a,model_b,winner\n"
            "A,B,tie\nB,C,tie\nC,A,tie (bothbad)\nA,B,draw\n",
            &ro, &o);
    assert_int_equal(r.b.nrated, 3);
    assert_int_equal(r.d.bothbad, 1);
    for (i = 0; i < 3; i++) {
        assert_near(r.b.value[i], 1000, 1e-12);
        assert_int_equal(r.b.ranking.rank2[i], 2);
        /* every vote is as the fit predicts: the sandwich sees no spread */
        assert_near(r.b.se[i], 0, 1e-12);
    }
    assert_true(r.b.fit.converged);
    run_release(&r);
}

/* One vote: nobody can be rated (a rating of one model means nothing). */
static void test_battles_one_vote(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&r, "model_a,model_b,winner\nA,B,model_a\n", &ro, &o);
    assert_int_equal(r.b.nrated, 0);
    assert_int_equal(r.b.why[model(&r, "A")], LB_WHY_NEVER_LOST);
    assert_int_equal(r.b.why[model(&r, "B")], LB_WHY_NEVER_WON);
    assert_int_equal(r.b.ranking.n_listed, 2);
    assert_int_equal(r.b.ranking.n_listed_ranked, 0);
    run_release(&r);
    /* one tie: both rated, equal */
    run_mem(&r, "model_a,model_b,winner\nA,B,tie\n", &ro, &o);
    assert_int_equal(r.b.nrated, 2);
    assert_near(value_of(&r, "A"), 1000, 1e-12);
    run_release(&r);
    /* win-rate and Elo rate both */
    o.method = LB_BATTLES_WIN_RATE;
    run_mem(&r, "model_a,model_b,winner\nA,B,model_a\n", &ro, &o);
    assert_near(value_of(&r, "A"), 1, 0);
    assert_near(value_of(&r, "B"), 0, 0);
    run_release(&r);
    ro.elo = true;
    o.method = LB_BATTLES_ELO;
    run_mem(&r, "model_a,model_b,winner\nA,B,model_a\n", &ro, &o);
    assert_near(value_of(&r, "A"), 1002, 1e-12);
    assert_near(value_of(&r, "B"), 998, 1e-12);
    run_release(&r);
}

/* }====================================================================== */

/* {======================================================================
 * Reading
 * ======================================================================= */

/* Every spelling of a winner, and a self-battle skipped. */
static void test_battles_winner_synonyms(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;
    size_t a, b;
    const struct lb_battle_pair *p;
    bool flip;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&r,
            "model_a,model_b,winner\n"
            "A,B,model_a\nA,B,Left\nA,B,a\nA,B,A\n" /* 4 wins of A */
            "A,B,model_b\nA,B,RIGHT\nA,B,b\nA,B,B\n" /* 4 of B */
            "A,B,tie\nA,B,Draw\nA,B,tie (bothbad)\nA,B, tie \n"
            "A,A,model_a\n",
            &ro, &o);
    a = model(&r, "A");
    b = model(&r, "B");
    p = lb_battles_pair(&r.d, a, b, &flip);
    assert_non_null(p);
    assert_false(flip);
    assert_int_equal(p->n[LB_OUT_A], 4);
    assert_int_equal(p->n[LB_OUT_B], 4);
    assert_int_equal(p->n[LB_OUT_TIE], 4);
    assert_int_equal(r.d.bothbad, 1);
    assert_int_equal(r.d.self_rows, 1);
    assert_string_equal(r.d.self_where, "v.csv:14");
    assert_int_equal(r.d.votes, 12);
    assert_int_equal(r.d.rows, 13);
    run_release(&r);
}

static void test_battles_bad_labels(void **state)
{
    struct lb_battles_read_opts ro;

    (void)state;
    read_opts(&ro);
    read_fails("model_a,model_b,winner\nA,B,model_a\nA,B,draw!\n", &ro,
               "v.csv:3:3: 'draw!' is not a winner: model_a, model_b, tie, "
               "tie (bothbad), left, right, a, b, draw, or the winning "
               "model's name (column 'winner')");
    read_fails("model_a,model_b,winner\nA,B,\n", &ro,
               "v.csv:2:3: '' is not a winner: model_a, model_b, tie, tie "
               "(bothbad), left, right, a, b, draw, or the winning model's "
               "name (column 'winner')");
    /* a model named like the other side's keyword */
    read_fails("model_a,model_b,winner\nb,x,b\n", &ro,
               "v.csv:2:3: 'b' is ambiguous as a winner: the word for the "
               "second model, and the name of 'b' (column 'winner')");
    read_fails("model_a,model_b,winner\nA,,tie\n", &ro,
               "v.csv:2:2: empty model name (column 'model_b')");
    read_fails("model_a,model_b\nA,B\n", &ro,
               "v.csv: no column 'winner' (columns: 'model_a', 'model_b'); "
               "name the columns with --columns A,B,WINNER");
    read_fails("a,b,winner\nA,B,tie\n", &ro,
               "v.csv:1: no column 'model_a' (columns: 'a', 'b', 'winner'); "
               "name the columns with --columns A,B,WINNER");
    read_fails("", &ro, "v.csv: empty file (expected a header row)");
    read_fails("model_a,model_b,winner\n", &ro,
               "v.csv: no data rows after the header");
    /* the name's own word is fine: 'b' is model_a's name and the winner
     * word for model_b would clash, but 'x' is not a word */
}

static void test_battles_long_name(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_buf text = LB_BUF_INIT;
    struct lb_battles_data d;
    struct lb_error err;

    (void)state;
    read_opts(&ro);
    lb_buf_adds(&text, "model_a,model_b,winner\nA,");
    lb_buf_addpad(&text, 'x', LB_BATTLES_NAME_MAX + 1);
    lb_buf_adds(&text, ",tie\n");
    lb_battles_data_init(&d, &ro);
    lb_error_init(&err);
    assert_int_equal(lb_battles_read_mem(&d, "v.csv", text.data, text.len,
                                         &err),
                     -1);
    assert_non_null(strstr(err.msg, "v.csv:2:2: a model name of 1025 bytes, "
                                    "longer than 1024: 'xxx"));
    lb_battles_data_release(&d);
    /* at the limit, fine */
    lb_buf_reset(&text);
    lb_buf_adds(&text, "model_a,model_b,winner\nA,");
    lb_buf_addpad(&text, 'x', LB_BATTLES_NAME_MAX);
    lb_buf_adds(&text, ",tie\n");
    lb_battles_data_init(&d, &ro);
    assert_int_equal(lb_battles_read_mem(&d, "v.csv", text.data, text.len,
                                         &err),
                     0);
    assert_int_equal(d.nmodels, 2);
    lb_battles_data_release(&d);
    lb_buf_release(&text);
}

/* A plain CSV is read without libcsv: the same votes, the same messages
 * as through the loader, whatever the file holds (quotes, CRLF, blank
 * lines and a byte order mark send it to the loader). */
static void read_both(const char *text, const struct lb_battles_read_opts *ro,
                      struct lb_battles_data *fast, struct lb_battles_data *slow,
                      int *rc_fast, int *rc_slow, struct lb_error *efast,
                      struct lb_error *eslow)
{
    struct lb_battles_read_opts o = *ro;

    lb_error_init(efast);
    lb_error_init(eslow);
    lb_battles_data_init(fast, &o);
    *rc_fast = lb_battles_read_mem(fast, "v.csv", text, strlen(text), efast);
    o.no_fast_path = true;
    lb_battles_data_init(slow, &o);
    *rc_slow = lb_battles_read_mem(slow, "v.csv", text, strlen(text), eslow);
}

static void test_battles_fast_path_equals_loader(void **state)
{
    static const char *const texts[] = {
        "model_a,model_b,winner\nA,B,model_a\nB,C,tie\nC,A,model_b\n",
        "\xEF\xBB\xBFmodel_a,model_b,winner\nA,B,model_a\n\n\nB,C,tie\nC,A,b",
        "model_a,model_b,winner\r\nA,B,model_a\r\nB,C,tie\r\n",
        "model_a,model_b,winner\n\"A,1\",B,model_a\nB,\"C \"\"x\"\"\",tie\n",
        "model_a,model_b,winner,n,anony\nA,B,model_a,3,true\nB,C,tie,2,false\n"
        "C,A,model_b,0,true\nA,A,tie,1,true\n",
        "model_a,model_b,winner\nA,B,model_a\nB,C,tie\nC,A,upset\nC,A,tie\n",
        "model_a,model_b,winner\nA,B,model_a\nB,C,tie,extra\n",
        "model_a,model_b,winner\nA,B,model_a\nB,,tie\n",
        "model_a,model_b,winner\n",
        "a,b,winner\nA,B,tie\n",
        "model_a,model_b\nA,B\n",
        "model_a,model_b,winner,n\nA,B,tie,x\n",
        "model_a,model_b,winner,anony\nA,B,tie,maybe\n",
        /* a refused vote before a row the loader refuses: the vote's
         * message, the first in the file */
        "model_a,model_b,winner\nA,B,upset\n\"x\"\"\",B,tie\n,B,tie\n",
        "model_a,model_b,winner\nA,B,tie\n,B,tie\n",
        /* two byte order marks: the second is text (the header's first
         * column then names no model column), in either path */
        "\xEF\xBB\xBF\xEF\xBB\xBFmodel_a,model_b,winner\nA,B,tie\n",
        "\xEF\xBB\xBF\xEF\xBB\xBF\x9Fn\n@",
    };
    struct lb_battles_read_opts ro;
    size_t k, i;

    (void)state;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        int w;

        for (w = 0; w < 2; w++) {
            struct lb_battles_data fast, slow;
            struct lb_error ef, es;
            int rf, rs;

            read_opts(&ro);
            if (strstr(texts[k], ",n") != NULL)
                ro.weight = "n";
            if (w == 1 && strstr(texts[k], "anony") != NULL)
                ro.where = "anony";
            else if (w == 1)
                ro.where = "winner != \"tie\"";
            read_both(texts[k], &ro, &fast, &slow, &rf, &rs, &ef, &es);
            if (rf != rs || strcmp(ef.msg, es.msg) != 0) {
                print_error("text %zu: fast %d '%s', loader %d '%s'\n", k, rf,
                            ef.msg, rs, es.msg);
                fail();
            }
            if (rf == 0) {
                assert_int_equal(fast.nmodels, slow.nmodels);
                assert_int_equal(fast.npairs, slow.npairs);
                assert_int_equal(fast.votes, slow.votes);
                assert_int_equal(fast.rows, slow.rows);
                assert_int_equal(fast.filtered, slow.filtered);
                assert_int_equal(fast.self_rows, slow.self_rows);
                if (fast.self_where != NULL)
                    assert_string_equal(fast.self_where, slow.self_where);
                for (i = 0; i < fast.npairs; i++)
                    assert_memory_equal(&fast.pairs[i], &slow.pairs[i],
                                        sizeof fast.pairs[i]);
                for (i = 0; i < fast.nmodels; i++)
                    assert_string_equal(lb_battles_name(&fast, i, NULL),
                                        lb_battles_name(&slow, i, NULL));
            }
            lb_battles_data_release(&fast);
            lb_battles_data_release(&slow);
        }
    }
}

/* FastChat's JSON: a list, and JSON lines; the same votes as the CSV. */
static void test_battles_json(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run csv, list, lines;
    size_t i;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&csv,
            "model_a,model_b,winner\nx,y,model_a\ny,z,tie\nz,x,model_a\n"
            "y,x,model_a\n",
            &ro, &o);
    run_mem(&list,
            "\xEF\xBB\xBF [ {\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
            "\"model_a\", \"anony\": true},\n"
            "  {\"model_a\": \"y\", \"model_b\": \"z\", \"winner\": \"tie\", "
            "\"conv\": {\"a\": [1, \"]}\"]}},\n"
            "  {\"model_a\": \"z\", \"model_b\": \"x\", \"winner\": \"model_a\"},"
            "{\"winner\": \"model_a\", \"model_b\": \"x\", \"model_a\": \"y\"}]\n",
            &ro, &o);
    run_mem(&lines,
            "{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": \"model_a\"}\n"
            "{\"model_a\": \"y\", \"model_b\": \"z\", \"winner\": \"tie\"}\n"
            "\n"
            "{\"model_a\": \"z\", \"model_b\": \"x\", \"winner\": \"model_a\"}"
            "{\"model_a\": \"y\", \"model_b\": \"x\", \"winner\": \"model_a\"}",
            &ro, &o);
    assert_int_equal(list.d.votes, 4);
    assert_int_equal(lines.d.votes, 4);
    for (i = 0; i < 3; i++) {
        assert_true(csv.b.value[i] == list.b.value[i]);
        assert_true(csv.b.value[i] == lines.b.value[i]);
    }
    run_release(&csv);
    run_release(&list);
    run_release(&lines);
}

static void test_battles_json_errors(void **state)
{
    struct lb_battles_read_opts ro;

    (void)state;
    read_opts(&ro);
    read_fails("[1, 2]", &ro,
               "v.csv:1: [0]: a number, not a battle (an object with "
               "model_a, model_b and winner)");
    read_fails("[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
               "\"model_a\"},\n {\"model_a\": \"x\", \"model_b\": \"y\", "
               "\"winner\": \"upset\"}]",
               &ro,
               "v.csv:2: [1]: 'upset' is not a winner: model_a, model_b, tie, "
               "tie (bothbad), left, right, a, b, draw, or the winning "
               "model's name (key 'winner')");
    read_fails("{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
               "\"model_a\"}\n{\"model_a\": \"x\", \"winner\": \"tie\"}\n",
               &ro,
               "v.csv:2: no key 'model_b' (keys: 'model_a', 'winner')");
    read_fails("{\"battles\": [{\"model_a\": \"x\"}]}", &ro,
               "v.csv:1: not a JSON list of battles: its first object has no "
               "key 'model_a' (keys: 'battles'); a battle is an object with "
               "model_a, model_b and winner (--columns names others)");
    read_fails("[{\"model_a\": 3, \"model_b\": \"y\", \"winner\": \"tie\"}]",
               &ro, "v.csv:1: [0]: 'model_a' is a number, not a string");
    read_fails("[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
               "\"tie\"} {}]",
               &ro, "v.csv:1: expected ',' or ']' after a battle, not '{'");
    read_fails("[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
               "\"tie\"},]",
               &ro, "v.csv:1: expected a battle after ',', not ']'");
    read_fails("[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
               "\"tie\"}] x",
               &ro, "v.csv:1: text after the end of the list: 'x'");
    read_fails("[{\"model_a\": \"x\",\n \"model_b\": ", &ro,
               "v.csv:2: the file ends inside a battle (started on line 1)");
    read_fails("[{\"model_a\": \"x\", \"model_b\": \"y\", \"winner\": "
               "\"tie\"}", &ro,
               "v.csv:1: the file ends inside the list (no ']')");
    read_fails("[]", &ro, "v.csv: no battles in the list");
    read_fails("[{\"model_a\": \"x\", \"model_b\": 'y'}]", &ro,
               "v.csv:1: [0]: invalid JSON: invalid token near '''");
    read_fails("[[{\"model_a\": \"x\"}]]", &ro,
               "v.csv:1: [0]: a list, not a battle (an object with model_a, "
               "model_b and winner)");
}

/* --weight: a table of counts gives the result of the votes it counts,
 * bit for bit. */
static void test_battles_weight_equals_votes(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run raw, counted;
    size_t i;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_BOOTSTRAP;
    o.rounds = 20;
    run_mem(&raw,
            "model_a,model_b,winner\n"
            "A,B,model_a\nA,B,model_a\nB,A,model_a\nB,C,tie\nC,B,model_b\n"
            "C,A,model_a\nA,C,model_b\nA,C,tie\nB,C,model_a\n",
            &ro, &o);
    ro.weight = "n";
    run_mem(&counted,
            "model_a,model_b,winner,n\n"
            "A,B,model_a,2\nB,A,model_a,1\nB,C,tie,1\nC,B,model_b,1\n"
            "C,A,model_a,1\nA,C,model_b,1\nA,C,tie,1\nB,C,model_a,1\n"
            "A,B,tie,0\n",
            &ro, &o);
    assert_int_equal(counted.d.votes, raw.d.votes);
    assert_int_equal(counted.d.zero_rows, 1);
    for (i = 0; i < raw.b.n; i++) {
        assert_true(raw.b.value[i] == counted.b.value[i]);
        assert_true(raw.b.lo[i] == counted.b.lo[i]);
        assert_true(raw.b.hi[i] == counted.b.hi[i]);
    }
    run_release(&raw);
    run_release(&counted);
    read_fails("model_a,model_b,winner,n\nA,B,tie,1.5\n", &ro,
               "v.csv:2:4: '1.5' is not a number of votes (a whole number "
               "from 0 to 2^53) (column 'n')");
    read_fails("model_a,model_b,winner,n\nA,B,tie,-1\n", &ro,
               "v.csv:2:4: '-1' is not a number of votes (a whole number "
               "from 0 to 2^53) (column 'n')");
    read_fails("model_a,model_b,winner,n\nA,B,tie,\n", &ro,
               "v.csv:2:4: no weight (column 'n'): each row needs a number "
               "of votes");
}

/* --where on CSV and on JSON. */
static void test_battles_where(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.method = LB_BATTLES_WIN_RATE;
    ro.where = "anony == true && language == \"English\"";
    run_mem(&r,
            "model_a,model_b,winner,anony,language\n"
            "A,B,model_a,true,English\nA,B,model_b,false,English\n"
            "A,B,model_b,true,German\nB,A,tie,TRUE,English\n",
            &ro, &o);
    assert_int_equal(r.d.rows, 4);
    assert_int_equal(r.d.filtered, 2);
    assert_near(value_of(&r, "A"), 0.75, 0);
    run_release(&r);
    run_mem(&r,
            "[{\"model_a\": \"A\", \"model_b\": \"B\", \"winner\": \"model_a\", "
            "\"anony\": true, \"language\": \"English\"},"
            "{\"model_a\": \"A\", \"model_b\": \"B\", \"winner\": \"model_b\", "
            "\"anony\": false, \"language\": \"English\"},"
            "{\"model_a\": \"A\", \"model_b\": \"B\", \"winner\": \"model_b\", "
            "\"anony\": true},"
            "{\"model_a\": \"B\", \"model_b\": \"A\", \"winner\": \"tie\", "
            "\"anony\": true, \"language\": \"English\"}]",
            &ro, &o);
    assert_int_equal(r.d.filtered, 2);
    assert_near(value_of(&r, "A"), 0.75, 0);
    run_release(&r);
    ro.where = "turn > 1";
    read_fails("[{\"model_a\": \"A\", \"model_b\": \"B\", \"winner\": "
               "\"model_a\", \"turn\": \"two\"}]",
               &ro,
               "v.csv:1:4: 'two' is not a number (column 'turn', in --where)");
}

/* Online Elo by a column: sorted stably by its numbers. */
static void test_battles_elo_order(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run sorted, byfile;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.method = LB_BATTLES_ELO;
    ro.order = "tstamp";
    run_mem(&sorted,
            "model_a,model_b,winner,tstamp\n"
            "A,B,model_b,3\nA,B,model_a,1.5\nB,C,tie,2\nC,A,model_a,1.5\n",
            &ro, &o);
    ro.order = NULL;
    ro.elo = true;
    run_mem(&byfile,
            "model_a,model_b,winner\n"
            "A,B,model_a\nC,A,model_a\nB,C,tie\nA,B,model_b\n",
            &ro, &o);
    assert_true(value_of(&sorted, "A") == value_of(&byfile, "A"));
    assert_true(value_of(&sorted, "B") == value_of(&byfile, "B"));
    assert_true(value_of(&sorted, "C") == value_of(&byfile, "C"));
    run_release(&sorted);
    run_release(&byfile);
    ro.elo = false;
    ro.order = "tstamp";
    read_fails("model_a,model_b,winner,tstamp\nA,B,tie,\n", &ro,
               "v.csv:2:4: '' is missing, needed to order the votes (column "
               "'tstamp')");
}

/* }====================================================================== */

/* {======================================================================
 * Determinism, the solvers, the bootstrap
 * ======================================================================= */

/* A synthetic arena: n models, every pair meets, outcomes from a fixed
 * generator (a linear congruence: the same text everywhere). */
static char *arena(size_t nmodels, size_t votes, uint64_t seed)
{
    struct lb_buf b = LB_BUF_INIT;
    uint64_t s = seed;
    size_t v;

    lb_buf_adds(&b, "model_a,model_b,winner\n");
    for (v = 0; v < votes; v++) {
        size_t a, c;
        unsigned u;

        s = s * 6364136223846793005ull + 1442695040888963407ull;
        a = (size_t)(s >> 33) % nmodels;
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        c = (size_t)(s >> 33) % (nmodels - 1);
        c += c >= a;
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        u = (unsigned)(s >> 33) % 100;
        /* model i wins more often the larger i is */
        lb_buf_addf(&b, "m%zu,m%zu,%s\n", a, c,
                    u < 10 ? "tie"
                    : u < 10 + 80 * (a + 1) / (a + c + 2) ? "model_a"
                                                           : "model_b");
    }
    return b.data;
}

/* Conjugate gradients (many models) reach the Cholesky solution. */
static void test_battles_cg_equals_cholesky(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run dense, sparse;
    char *text = arena(30, 3000, 7);
    size_t i;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    run_mem(&dense, text, &ro, &o);
    o.dense_max = 5;
    run_mem(&sparse, text, &ro, &o);
    assert_string_equal(sparse.b.fit.algorithm, "newton (conjugate gradients)");
    assert_true(dense.b.fit.converged && sparse.b.fit.converged);
    assert_int_equal(dense.b.nrated, 30);
    for (i = 0; i < dense.b.n; i++)
        assert_near(sparse.b.value[i], dense.b.value[i], 1e-9);
    run_release(&dense);
    run_release(&sparse);
    free(text);
}

/* The same seed gives the same bytes, with one thread or two; another
 * seed other intervals. */
static void test_battles_bootstrap_deterministic(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run one, two, other;
    char *text = arena(8, 2000, 3);
    size_t i;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_BOOTSTRAP;
    o.rounds = 50;
    o.threads = 1;
    run_mem(&one, text, &ro, &o);
    o.threads = 2;
    run_mem(&two, text, &ro, &o);
    o.seed = 2;
    run_mem(&other, text, &ro, &o);
    assert_int_equal(one.b.rounds_used, 50);
    for (i = 0; i < one.b.n; i++) {
        assert_true(memcmp(&one.b.lo[i], &two.b.lo[i], sizeof(double)) == 0);
        assert_true(memcmp(&one.b.hi[i], &two.b.hi[i], sizeof(double)) == 0);
        assert_int_equal(one.b.rank_lo[i], two.b.rank_lo[i]);
        assert_int_equal(one.b.first[i], two.b.first[i]);
        /* the point estimate does not move with the seed */
        assert_true(one.b.value[i] == other.b.value[i]);
        assert_true(one.b.lo[i] <= one.b.value[i] + 1e-9 &&
                    one.b.value[i] <= one.b.hi[i] + 1e-9);
    }
    assert_true(memcmp(one.b.lo, other.b.lo, one.b.n * sizeof(double)) != 0);
    run_release(&one);
    run_release(&two);
    run_release(&other);
    free(text);
}

/* The bootstrap's spread is the sandwich's, roughly, on a big sample: both
 * estimate the same standard error. */
static void test_battles_bootstrap_agrees_with_sandwich(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run boot, sand;
    char *text = arena(6, 20000, 11);
    size_t i;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_BOOTSTRAP;
    o.rounds = 400;
    run_mem(&boot, text, &ro, &o);
    o.ci = LB_BATTLES_CI_SANDWICH;
    run_mem(&sand, text, &ro, &o);
    for (i = 0; i < boot.b.n; i++) {
        double wb = boot.b.hi[i] - boot.b.lo[i];
        double ws = sand.b.hi[i] - sand.b.lo[i];

        assert_true(wb > 0.8 * ws && wb < 1.25 * ws);
    }
    run_release(&boot);
    run_release(&sand);
    free(text);
}

/* A round where a model never loses has no finite maximum: left out and
 * counted. */
static void test_battles_bootstrap_degenerate_rounds(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;

    (void)state;
    read_opts(&ro);
    ro.weight = "n";
    lb_battles_opts_init(&o);
    o.ci = LB_BATTLES_CI_BOOTSTRAP;
    o.rounds = 100;
    run_file(&r, FIXTURES "wikipedia.csv", &ro, &o);
    assert_true(r.b.rounds_used < 100);
    assert_true(r.b.rounds_used > 50);
    run_release(&r);
}

static void test_battles_quantile(void **state)
{
    const double v[] = {1, 2, 3, 4, 5};

    (void)state;
    /* numpy: np.quantile([1..5], 0.025) = 1.1, 0.975 -> 4.9 */
    assert_near(lb_battles_quantile(v, 5, 0.025), 1.1, 1e-12);
    assert_near(lb_battles_quantile(v, 5, 0.975), 4.9, 1e-12);
    assert_near(lb_battles_quantile(v, 5, 0.5), 3, 0);
    assert_near(lb_battles_quantile(v, 1, 0.975), 1, 0);
}

/* Ties at the displayed precision share a rank; --top keeps ties. */
static void test_battles_ranks(void **state)
{
    struct lb_battles_read_opts ro;
    struct lb_battles_opts o;
    struct run r;

    (void)state;
    read_opts(&ro);
    lb_battles_opts_init(&o);
    o.method = LB_BATTLES_WIN_RATE;
    o.rank.top = 1;
    run_mem(&r,
            "model_a,model_b,winner\n"
            "A,B,tie\nC,D,model_a\nD,C,model_a\nA,C,tie\nB,D,tie\n",
            &ro, &o);
    /* A, B, C, D all 0.5: one rank, all listed */
    assert_int_equal(r.b.ranking.n_listed, 4);
    assert_int_equal(r.b.ranking.rank2[model(&r, "D")], 2);
    run_release(&r);
}

/* }====================================================================== */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_battles_wikipedia_example),
        cmocka_unit_test(test_battles_evalica_bradley_terry),
        cmocka_unit_test(test_battles_evalica_elo),
        cmocka_unit_test(test_battles_evalica_counting),
        cmocka_unit_test(test_battles_upper_bound_rank_vector),
        cmocka_unit_test(test_battles_sandwich_wikipedia),
        cmocka_unit_test(test_battles_sandwich_ties),
        cmocka_unit_test(test_battles_anchor),
        cmocka_unit_test(test_battles_never_lost_never_won),
        cmocka_unit_test(test_battles_above_and_apart),
        cmocka_unit_test(test_battles_disconnected),
        cmocka_unit_test(test_battles_all_ties),
        cmocka_unit_test(test_battles_one_vote),
        cmocka_unit_test(test_battles_winner_synonyms),
        cmocka_unit_test(test_battles_bad_labels),
        cmocka_unit_test(test_battles_long_name),
        cmocka_unit_test(test_battles_fast_path_equals_loader),
        cmocka_unit_test(test_battles_json),
        cmocka_unit_test(test_battles_json_errors),
        cmocka_unit_test(test_battles_weight_equals_votes),
        cmocka_unit_test(test_battles_where),
        cmocka_unit_test(test_battles_elo_order),
        cmocka_unit_test(test_battles_cg_equals_cholesky),
        cmocka_unit_test(test_battles_bootstrap_deterministic),
        cmocka_unit_test(test_battles_bootstrap_agrees_with_sandwich),
        cmocka_unit_test(test_battles_bootstrap_degenerate_rounds),
        cmocka_unit_test(test_battles_quantile),
        cmocka_unit_test(test_battles_ranks),
    };

    return cmocka_run_group_tests_name("battles", tests, NULL, NULL);
}
