/* test_history.c: a board's rankings over time (core/history.h) and the
 * dates of core/githist.h. */
#include "test_util.h"

#include <stdlib.h>

#include "core/board.h"
#include "core/githist.h"
#include "core/history.h"

#define MAXSNAP 4

struct run {
    struct lb_table t[MAXSNAP];
    struct lb_board b[MAXSNAP];
    const struct lb_board *bp[MAXSNAP];
    size_t n;
    struct lb_history h;
};

/* Loads the snapshots csv[0..n) (NULL-terminated), each ranked with o
 * (NULL: the defaults; o2, when not NULL, for the last one), and computes
 * their history; returns what lb_history_compute returned. */
static int compute_with(struct run *r, const char *const *csv,
                        const struct lb_board_opts *o,
                        const struct lb_board_opts *o2, struct lb_error *err)
{
    struct lb_board_opts d;
    size_t i;

    memset(r, 0, sizeof *r);
    lb_board_opts_init(&d);
    for (i = 0; csv[i] != NULL; i++) {
        const struct lb_board_opts *use = o != NULL ? o : &d;

        if (csv[i + 1] == NULL && o2 != NULL)
            use = o2;
        load_ok(&r->t[i], csv[i]);
        assert_int_equal(lb_board_compute(&r->b[i], &r->t[i], use, err), 0);
        r->bp[i] = &r->b[i];
    }
    r->n = i;
    lb_error_init(err);
    return lb_history_compute(&r->h, r->bp, r->n, err);
}

static void compute(struct run *r, const char *const *csv)
{
    struct lb_error err;

    if (compute_with(r, csv, NULL, NULL, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

static void release(struct run *r)
{
    size_t i;

    lb_history_release(&r->h);
    for (i = 0; i < r->n; i++) {
        lb_board_release(&r->b[i]);
        lb_table_release(&r->t[i]);
    }
}

/* The index of model m in the history. */
static size_t model(const struct run *r, const char *m)
{
    size_t i, len;

    for (i = 0; i < r->h.nm; i++) {
        const char *s = lb_history_model_name(&r->h, i, &len);

        if (len == strlen(m) && memcmp(s, m, len) == 0)
            return i;
    }
    print_error("no model %s\n", m);
    fail();
    return 0;
}

static uint32_t rank2(const struct run *r, const char *m, size_t s)
{
    return r->h.rank2[model(r, m) * r->h.ns + s];
}

static bool present(const struct run *r, const char *m, size_t s)
{
    return r->h.row[model(r, m) * r->h.ns + s] != LB_NPOS;
}

/* A model absent from a snapshot has no row, no rank and no value there
 * (not zero); it counts as gone, then new again. */
static void test_history_absent_is_blank(void **state)
{
    static const char *const csv[] = {
        "model,ARC\na,50\nb,40\nc,30\n",
        "model,ARC\na,50\nc,30\n",
        "model,ARC\nb,60\na,50\nc,30\n", NULL};
    struct run r;
    size_t b;

    (void)state;
    compute(&r, csv);
    assert_int_equal(r.h.ns, 3);
    assert_int_equal(r.h.nm, 3);
    b = model(&r, "b");
    assert_false(present(&r, "b", 1));
    assert_int_equal(rank2(&r, "b", 1), 0);
    assert_false(r.h.value[b * 3 + 1].has);
    assert_true(r.h.value[b * 3 + 2].has);
    assert_true(r.h.value[b * 3 + 2].units == 6000);
    assert_int_equal(rank2(&r, "b", 0), 4);
    assert_int_equal(rank2(&r, "b", 2), 2);
    assert_int_equal(r.h.s[1].gone, 1);
    assert_int_equal(r.h.s[1].added, 0);
    assert_int_equal(r.h.s[2].added, 1);
    assert_int_equal(r.h.s[2].gone, 0);
    assert_int_equal(r.h.m[b].first, 0);
    assert_int_equal(r.h.m[b].last, 2);
    /* from rank 2 to rank 1: one place up */
    assert_int_equal(r.h.m[b].move2, 2);
    release(&r);
}

/* Present without a rank (a missing score) is present, not ranked. */
static void test_history_unranked_is_present(void **state)
{
    static const char *const csv[] = {"model,ARC,MMLU\na,50,50\nb,40,\n",
                                      "model,ARC,MMLU\na,50,50\nb,40,40\n",
                                      NULL};
    struct run r;

    (void)state;
    compute(&r, csv);
    assert_true(present(&r, "b", 0));
    assert_int_equal(rank2(&r, "b", 0), 0);
    assert_int_equal(rank2(&r, "b", 1), 4);
    assert_int_equal(r.h.s[0].present, 2);
    assert_int_equal(r.h.s[0].ranked, 1);
    assert_int_equal(r.h.s[1].ranked, 2);
    /* ranked in one snapshot only: no move */
    assert_int_equal(r.h.m[model(&r, "b")].move2, 0);
    release(&r);
}

/* The models of the last snapshot come first, in its order; then those
 * gone, the most recently gone first. */
static void test_history_order(void **state)
{
    static const char *const csv[] = {
        "model,ARC\nold,90\nmid,80\nx,10\n",
        "model,ARC\nmid,80\nx,10\n",
        "model,ARC\nx,10\nnew,20\n", NULL};
    struct run r;
    size_t len;
    const char *s;

    (void)state;
    compute(&r, csv);
    assert_int_equal(r.h.nm, 4);
    s = lb_history_model_name(&r.h, 0, &len);
    assert_memory_equal(s, "new", 3);
    s = lb_history_model_name(&r.h, 1, &len);
    assert_memory_equal(s, "x", 1);
    s = lb_history_model_name(&r.h, 2, &len);
    assert_memory_equal(s, "mid", 3);
    s = lb_history_model_name(&r.h, 3, &len);
    assert_memory_equal(s, "old", 3);
    release(&r);
}

/* The largest movers, most first, each way. */
static void test_history_movers(void **state)
{
    static const char *const csv[] = {
        "model,ARC\na,90\nb,80\nc,70\nd,60\ne,50\n",
        "model,ARC\ne,95\nd,85\na,75\nb,65\nc,55\n", NULL};
    struct run r;
    size_t len;
    const char *s;

    (void)state;
    compute(&r, csv);
    assert_int_equal(r.h.nup, 2);
    s = lb_history_model_name(&r.h, r.h.up[0], &len);
    assert_memory_equal(s, "e", 1); /* 5 -> 1 */
    assert_int_equal(r.h.m[r.h.up[0]].move2, 8);
    s = lb_history_model_name(&r.h, r.h.up[1], &len);
    assert_memory_equal(s, "d", 1); /* 4 -> 2 */
    assert_int_equal(r.h.ndown, 3);
    /* a, b, c each two places down: in the models' order */
    s = lb_history_model_name(&r.h, r.h.down[0], &len);
    assert_memory_equal(s, "a", 1);
    assert_int_equal(r.h.m[r.h.down[0]].move2, -4);
    release(&r);
}

/* Tied models share a rank, as the board ranks them (competition by
 * default, halves with fractional ties). */
static void test_history_ties(void **state)
{
    static const char *const csv[] = {"model,ARC\na,50\nb,50\nc,40\n",
                                      "model,ARC\na,50\nb,45\nc,50\n", NULL};
    struct lb_board_opts o;
    struct lb_error err;
    struct run r;

    (void)state;
    compute(&r, csv);
    assert_int_equal(rank2(&r, "a", 0), 2);
    assert_int_equal(rank2(&r, "b", 0), 2);
    assert_int_equal(rank2(&r, "c", 0), 6);
    assert_int_equal(rank2(&r, "c", 1), 2);
    assert_int_equal(r.h.m[model(&r, "c")].move2, 4);
    release(&r);
    lb_board_opts_init(&o);
    o.rank.ties = LB_TIES_FRACTIONAL;
    assert_int_equal(compute_with(&r, csv, &o, NULL, &err), 0);
    assert_int_equal(rank2(&r, "a", 0), 3); /* 1.5 */
    assert_int_equal(rank2(&r, "c", 1), 3);
    assert_int_equal(r.h.m[model(&r, "c")].move2, 3);
    release(&r);
}

/* The precision is part of the key when every snapshot has it; a key twice
 * in one snapshot is an error naming both lines. */
static void test_history_precision_key(void **state)
{
    static const char *const both[] = {
        "model,precision,ARC\na,float16,50\na,8bit,40\n",
        "model,precision,ARC\na,float16,50\na,8bit,60\n", NULL};
    static const char *const one[] = {
        "model,precision,ARC\na,float16,50\na,8bit,40\n",
        "model,ARC\na,50\n", NULL};
    struct lb_error err;
    struct run r;

    (void)state;
    compute(&r, both);
    assert_int_equal(r.h.nm, 2);
    release(&r);
    assert_int_equal(compute_with(&r, one, NULL, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "t.csv:3: 'a' is also on line 2"));
    release(&r);
}

/* Snapshots ranked in opposite directions are refused. */
static void test_history_direction(void **state)
{
    static const char *const csv[] = {"model,ARC\na,50\n",
                                      "model,ARC\na,50\n", NULL};
    static const char *const low[] = {"ARC"};
    struct lb_board_opts o;
    struct lb_error err;
    struct run r;

    (void)state;
    lb_board_opts_init(&o);
    o.method.lower = low; /* lower is better in the last one only */
    o.method.nlower = 1;
    assert_int_equal(compute_with(&r, csv, NULL, &o, &err), -1);
    assert_non_null(strstr(err.msg, "ranks highest first"));
    release(&r);
}

static void test_history_parse_date(void **state)
{
    int64_t t;

    (void)state;
    assert_true(lb_git_parse_date("1970-01-01", &t));
    assert_true(t == 0);
    assert_true(lb_git_parse_date("2024-02-29", &t));
    assert_true(t == 1709164800);
    assert_false(lb_git_parse_date("2023-02-29", &t));
    assert_false(lb_git_parse_date("2024-13-01", &t));
    assert_false(lb_git_parse_date("2024-1-01", &t));
    assert_false(lb_git_parse_date("2024-01-01x", &t));
    assert_false(lb_git_parse_date("", &t));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_absent_is_blank),
        cmocka_unit_test(test_history_unranked_is_present),
        cmocka_unit_test(test_history_order),
        cmocka_unit_test(test_history_movers),
        cmocka_unit_test(test_history_ties),
        cmocka_unit_test(test_history_precision_key),
        cmocka_unit_test(test_history_direction),
        cmocka_unit_test(test_history_parse_date),
    };

    return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
