#include "test_util.h"

#include <stdlib.h>

#include "core/board.h"
#include "core/diff.h"
#include "opts_util.h"

struct pair {
    struct lb_table ot, nt;
    struct lb_board ob, nb;
    struct lb_diff d;
};

/* Compares two boards computed with options o (NULL: the defaults). */
static void compare_with(struct pair *p, const char *old_csv,
                         const char *new_csv, const char *threshold,
                         const struct lb_board_opts *opts)
{
    struct lb_board_opts o;
    struct lb_error err;
    struct lb_dec t;

    if (opts != NULL)
        o = *opts;
    else
        lb_board_opts_init(&o);
    lb_error_init(&err);
    load_ok(&p->ot, old_csv);
    load_ok(&p->nt, new_csv);
    assert_int_equal(lb_board_compute(&p->ob, &p->ot, &o, &err), 0);
    assert_int_equal(lb_board_compute(&p->nb, &p->nt, &o, &err), 0);
    assert_int_equal(lb_dec_parse(threshold, strlen(threshold), &t), LB_NUM_OK);
    if (lb_diff_compute(&p->d, &p->ob, &p->nb, t, &err) != 0) {
        print_error("unexpected error: %s\n", err.msg);
        fail();
    }
}

static void compare(struct pair *p, const char *old_csv, const char *new_csv,
                    const char *threshold)
{
    compare_with(p, old_csv, new_csv, threshold, NULL);
}

/* The entry of model m. */
static const struct lb_diff_entry *entry(const struct pair *p, const char *m)
{
    size_t i, len;

    for (i = 0; i < p->d.n; i++) {
        const struct lb_diff_entry *e = &p->d.e[i];
        const char *s = e->new_row != LB_NPOS
                            ? lb_table_model(&p->nt, e->new_row, &len)
                            : lb_table_model(&p->ot, e->old_row, &len);

        if (len == strlen(m) && memcmp(s, m, len) == 0)
            return e;
    }
    print_error("no entry %s\n", m);
    fail();
    return NULL;
}

static void release(struct pair *p)
{
    lb_diff_release(&p->d);
    lb_board_release(&p->nb);
    lb_board_release(&p->ob);
    lb_table_release(&p->nt);
    lb_table_release(&p->ot);
}

static void test_diff_statuses(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC\na,50\nb,40\nc,30\ngone,10\n",
            "model,ARC\nb,60\na,50\nc,30.004\nnew,20\n", "0");
    /* the new board's order, then what is gone */
    assert_int_equal(p.d.n, 5);
    assert_int_equal(p.d.e[0].status, LB_DIFF_MOVED); /* b: 2 -> 1 */
    assert_int_equal(p.d.e[0].old_rank2, 4);
    assert_int_equal(p.d.e[0].new_rank2, 2);
    assert_true(p.d.e[0].mean_changed);
    assert_int_equal(p.d.e[0].nchanged, 1);
    assert_int_equal(p.d.e[1].status, LB_DIFF_MOVED); /* a: 1 -> 2 */
    assert_false(p.d.e[1].mean_changed);
    /* c: 30.004 shows as 30.00: no change at 2 decimals */
    assert_int_equal(p.d.e[2].status, LB_DIFF_SAME);
    assert_int_equal(p.d.e[3].status, LB_DIFF_ADDED);
    assert_int_equal(p.d.e[4].status, LB_DIFF_REMOVED);
    assert_int_equal(p.d.added, 1);
    assert_int_equal(p.d.removed, 1);
    assert_int_equal(p.d.moved, 2);
    assert_int_equal(p.d.same, 1);
    release(&p);
}

static void test_diff_threshold(void **state)
{
    struct pair p;

    (void)state;
    /* +0.5 is not more than 0.5; +0.51 is */
    compare(&p, "model,ARC,MMLU\na,50,60\nb,10,10\n",
            "model,ARC,MMLU\na,50.5,60.51\nb,10,10\n", "0.5");
    assert_int_equal(p.d.e[0].status, LB_DIFF_CHANGED);
    assert_false(lb_diff_bench_changed(&p.d, 0, 0));
    assert_true(lb_diff_bench_changed(&p.d, 0, 1));
    assert_int_equal(p.d.e[0].nchanged, 1);
    assert_false(p.d.e[0].mean_changed); /* the mean moved 0.505 */
    release(&p);
}

static void test_diff_key_with_precision(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC,precision\na,50,float16\na,40,8bit\n",
            "model,ARC,precision\na,50,float16\na,45,bfloat16\n", "0");
    assert_int_equal(p.d.added, 1);   /* a bfloat16 */
    assert_int_equal(p.d.removed, 1); /* a 8bit */
    assert_int_equal(p.d.same, 1);
    assert_true(p.d.new_prec != LB_NPOS);
    release(&p);
}

static void test_diff_duplicate_key(void **state)
{
    struct lb_table ot, nt;
    struct lb_board ob, nb;
    struct lb_board_opts o;
    struct lb_diff d;
    struct lb_error err;
    struct lb_dec t = {0, 0};

    (void)state;
    lb_board_opts_init(&o);
    load_ok(&ot, "model,ARC\na,1\na,2\n");
    load_ok(&nt, "model,ARC\na,1\n");
    assert_int_equal(lb_board_compute(&ob, &ot, &o, &err), 0);
    assert_int_equal(lb_board_compute(&nb, &nt, &o, &err), 0);
    assert_int_equal(lb_diff_compute(&d, &ob, &nb, t, &err), -1);
    assert_string_equal(err.msg, "t.csv:3: 'a' is also on line 2: diff matches "
                                 "rows by model, which must be unique");
    lb_diff_release(&d);
    lb_board_release(&nb);
    lb_board_release(&ob);
    lb_table_release(&nt);
    lb_table_release(&ot);
}

/* The reported bug: a model that moved and whose scores changed was not
 * counted as changed ("0 with changed scores" above a row listing them).
 * Moved, scores changed and metadata changed are counted apart. */
static void test_diff_counts_overlap(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC,MMLU,license\na,50,50,mit\nb,40,40,mit\n"
                "c,30,30,mit\n",
            "model,ARC,MMLU,license\nb,60,60,mit\na,50,50,apache-2.0\n"
            "c,30,30,mit\n",
            "0");
    assert_int_equal(entry(&p, "b")->status, LB_DIFF_MOVED);
    assert_true(entry(&p, "b")->scores_changed);
    assert_int_equal(entry(&p, "b")->nchanged, 2);
    assert_int_equal(entry(&p, "a")->status, LB_DIFF_MOVED);
    assert_int_equal(entry(&p, "a")->nmeta_changed, 1);
    assert_int_equal(p.d.in_both, 3);
    assert_int_equal(p.d.moved, 2);          /* a, b */
    assert_int_equal(p.d.scores_changed, 1); /* b, although it moved */
    assert_int_equal(p.d.meta_changed, 1);   /* a, although it moved */
    assert_int_equal(p.d.same, 1);           /* c */
    release(&p);
}

/* Same rank: changed scores, then metadata, then nothing. */
static void test_diff_status_same_rank(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC,type\na,50,chat\nb,40,base\nc,30,base\n",
            "model,ARC,type\na,51,chat\nb,40,chat\nc,30,base\n", "0");
    assert_int_equal(entry(&p, "a")->status, LB_DIFF_CHANGED);
    assert_int_equal(entry(&p, "b")->status, LB_DIFF_METADATA);
    assert_int_equal(entry(&p, "c")->status, LB_DIFF_SAME);
    assert_int_equal(p.d.moved, 0);
    assert_int_equal(p.d.scores_changed, 1);
    assert_int_equal(p.d.meta_changed, 1);
    assert_int_equal(p.d.same, 1);
    assert_string_equal(lb_diff_status_name(LB_DIFF_METADATA), "metadata");
    release(&p);
}

/* A model added at the top moves every other one down: knock-on, all. */
static void test_diff_knock_on_added(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC\na,50\nb,40\nc,40\nd,30\n",
            "model,ARC\nnew,90\na,50\nb,40\nc,40\nd,30\n", "0");
    assert_int_equal(p.d.moved, 4);
    assert_int_equal(p.d.knock_on, 4);
    assert_true(entry(&p, "a")->knock_on);
    assert_true(entry(&p, "b")->knock_on); /* tied with c, still tied */
    assert_true(entry(&p, "c")->knock_on);
    assert_true(entry(&p, "d")->knock_on);
    assert_false(entry(&p, "new")->knock_on);
    release(&p);
}

/* A model whose scores changed passes others: its move is its own, theirs
 * are knock-on; a removed row moves those below it up, knock-on too. */
static void test_diff_knock_on_changed(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC\na,50\nb,40\nc,30\ngone,20\nd,10\n",
            "model,ARC\nc,60\na,50\nb,40\nd,10\n", "0");
    assert_int_equal(entry(&p, "c")->status, LB_DIFF_MOVED);
    assert_false(entry(&p, "c")->knock_on);
    assert_true(entry(&p, "a")->knock_on);
    assert_true(entry(&p, "b")->knock_on);
    assert_int_equal(entry(&p, "d")->old_rank2, 10);
    assert_int_equal(entry(&p, "d")->new_rank2, 8);
    assert_true(entry(&p, "d")->knock_on);
    assert_int_equal(p.d.moved, 4);
    assert_int_equal(p.d.knock_on, 3);
    release(&p);
}

/* Two models whose scores did not change (within the threshold) trade
 * places: neither move is knock-on; a model below them that moved down
 * because one was added still is. */
static void test_diff_knock_on_order_kept(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC\na,50\nb,49.8\nc,30\n",
            "model,ARC\nb,50.2\na,50\nnew,40\nc,30\n", "0.5");
    assert_false(entry(&p, "b")->scores_changed); /* +0.4: within 0.5 */
    assert_int_equal(entry(&p, "b")->status, LB_DIFF_MOVED);
    assert_false(entry(&p, "a")->knock_on);
    assert_false(entry(&p, "b")->knock_on);
    assert_true(entry(&p, "c")->knock_on);
    assert_int_equal(p.d.knock_on, 1);
    release(&p);
}

/* Tied before, not after: the tie was broken by a change within the
 * threshold, so the move is not knock-on. */
static void test_diff_knock_on_tie_broken(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC\na,50\nb,50\n", "model,ARC\na,50.3\nb,50\n",
            "0.5");
    assert_int_equal(entry(&p, "a")->status, LB_DIFF_SAME);
    assert_int_equal(entry(&p, "b")->status, LB_DIFF_MOVED); /* 1 -> 2 */
    assert_false(entry(&p, "b")->knock_on);
    release(&p);
}

/* A model ranked in one board only is not a knock-on mover. */
static void test_diff_knock_on_ranked_in_both(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,ARC,MMLU\na,50,50\nb,40,\n",
            "model,ARC,MMLU\nnew,90,90\na,50,50\nb,40,\n", "0");
    assert_int_equal(entry(&p, "b")->old_rank2, 0);
    assert_false(entry(&p, "b")->knock_on);
    assert_int_equal(entry(&p, "b")->status, LB_DIFF_SAME);
    assert_true(entry(&p, "a")->knock_on);
    release(&p);
}

/* With mean-rank a model's value changes when others change: that is not
 * a change of its scores, and its moves are knock-on, even where two
 * such models trade places because of a new one. */
static void test_diff_knock_on_mean_rank(void **state)
{
    struct lb_board_opts o;
    struct pair p;

    (void)state;
    lb_board_opts_init(&o);
    o.method.method = LB_METHOD_MEAN_RANK;
    o.method.given = true;
    /* a: ranks 1, 2 (mean 1.5), b: 2, 1 (1.5): tied first. With n: a 1, 3
     * (2), b 3, 2 (2.5), n 2, 1 (1.5): n, a, b */
    compare_with(&p, "model,ARC,MMLU\na,50,10\nb,40,30\n",
                 "model,ARC,MMLU\na,50,10\nb,40,30\nn,45,40\n", "0", &o);
    assert_false(p.d.own_value);
    assert_true(lb_diff_lower_is_better(&p.d));
    assert_true(entry(&p, "a")->mean_changed);
    assert_false(entry(&p, "a")->scores_changed);
    assert_int_equal(p.d.scores_changed, 0);
    assert_int_equal(entry(&p, "a")->new_rank2, 4);
    assert_int_equal(entry(&p, "b")->new_rank2, 6);
    assert_true(entry(&p, "a")->knock_on);
    assert_true(entry(&p, "b")->knock_on);
    assert_int_equal(p.d.knock_on, 2);
    release(&p);

    /* ranked by the mean: b (35), a (30); n (42.5) above both moves each
     * one place: knock-on */
    compare(&p, "model,ARC,MMLU\na,50,10\nb,40,30\n",
            "model,ARC,MMLU\na,50,10\nb,40,30\nn,45,40\n", "0");
    assert_true(p.d.own_value);
    assert_false(lb_diff_lower_is_better(&p.d));
    assert_true(entry(&p, "a")->knock_on);
    assert_true(entry(&p, "b")->knock_on);
    release(&p);
}

/* The metadata compared: not the key, the benchmarks, the --sort column or
 * a published average; numbers as numbers, missing cells alike. */
static void test_diff_metadata_columns(void **state)
{
    struct lb_board_opts o;
    struct pair p;

    (void)state;
    lb_board_opts_init(&o);
    SET_NAMES(o.select.benchmarks, o.select.nbenchmarks, "X");
    compare_with(&p,
                 "model,X,Y,Average,precision,params_b,license,old_col\n"
                 "a,1,5,1,float16,13,,x\n"
                 "b,2,6,2,float16,7,mit,y\n",
                 "model,X,Y,Average,precision,params_b,license,new_col\n"
                 "a,1,9,9,float16,13.0,NA,x\n"
                 "b,2,6,2,float16,7.5,apache-2.0,y\n",
                 "0", &o);
    /* Y: a number column the file would average by default: a score */
    assert_int_equal(p.d.nmeta, 2);
    assert_string_equal(p.d.meta[0].name, "params_b");
    assert_true(p.d.meta[0].numeric);
    assert_string_equal(p.d.meta[1].name, "license");
    assert_false(p.d.meta[1].numeric);
    /* a: 13 = 13.0, empty = NA; b: 7 -> 7.5, mit -> apache-2.0 */
    assert_int_equal(entry(&p, "a")->nmeta_changed, 0);
    assert_int_equal(entry(&p, "b")->nmeta_changed, 2);
    assert_int_equal(p.d.n_old_only, 1);
    assert_string_equal(p.ot.cols[p.d.old_only[0]].name, "old_col");
    assert_int_equal(p.d.n_new_only, 1);
    assert_string_equal(p.nt.cols[p.d.new_only[0]].name, "new_col");
    release(&p);

    /* ranked by params_b: its change is the value's, not metadata */
    lb_board_opts_init(&o);
    o.select.sort = "params_b";
    compare_with(&p, "model,ARC,params_b,type\na,1,13,x\n",
                 "model,ARC,params_b,type\na,1,14,x\n", "0", &o);
    assert_int_equal(p.d.nmeta, 1); /* type */
    assert_int_equal(entry(&p, "a")->nmeta_changed, 0);
    assert_true(entry(&p, "a")->scores_changed);
    assert_int_equal(entry(&p, "a")->status, LB_DIFF_CHANGED);
    release(&p);

    /* a raw score published beside a benchmark is a score too */
    compare(&p, "model,ARC,IFEval_raw,type\na,1,0.5,x\n",
            "model,ARC,IFEval_raw,type\na,1,0.6,y\n", "0");
    assert_int_equal(p.d.nmeta, 1);
    assert_string_equal(p.d.meta[0].name, "type");
    release(&p);
}

/* The direction is the boards' own (lb_board.lower_better, from the
 * schema: here inferred from the names): on word error rates a model
 * whose WER fell moved up. */
static void test_diff_direction_lower(void **state)
{
    struct pair p;

    (void)state;
    compare(&p, "model,AMI WER,LS WER\na,10,5\nb,12,6\nc,14,8\n",
            "model,AMI WER,LS WER\na,10,5\nb,12,6\nc,8,4\n", "0");
    assert_true(p.nb.lower_better);
    assert_true(lb_diff_lower_is_better(&p.d));
    /* c: mean 11 (third) -> 6 (first) */
    assert_int_equal(entry(&p, "c")->old_rank2, 6);
    assert_int_equal(entry(&p, "c")->new_rank2, 2);
    assert_true(entry(&p, "c")->scores_changed);
    assert_false(entry(&p, "c")->knock_on);
    /* a and b only made room: knock-on moves down */
    assert_int_equal(entry(&p, "a")->new_rank2, 4);
    assert_true(entry(&p, "a")->knock_on);
    release(&p);
}

/* Two boards ranked in opposite directions (their inferred schemas
 * disagree: a published aggregate listed lowest first in one file, highest
 * first in the other) are refused. */
static void test_diff_direction_mismatch(void **state)
{
    struct lb_board_opts o;
    struct lb_table ot, nt;
    struct lb_board ob, nb;
    struct lb_diff d;
    struct lb_error err;
    struct lb_dec t = {0, 0};

    (void)state;
    lb_board_opts_init(&o);
    lb_error_init(&err);
    load_ok(&ot, "model,Avg,X,Y\na,10,10,10\nb,20,20,20\nc,30,30,30\n");
    load_ok(&nt, "model,Avg,X,Y\nc,30,30,30\nb,20,20,20\na,10,10,10\n");
    assert_int_equal(lb_board_compute(&ob, &ot, &o, &err), 0);
    assert_int_equal(lb_board_compute(&nb, &nt, &o, &err), 0);
    assert_true(ob.lower_better);
    assert_false(nb.lower_better);
    assert_int_equal(lb_diff_compute(&d, &ob, &nb, t, &err), -1);
    assert_non_null(strstr(err.msg, "disagree on which way is better"));
    lb_diff_release(&d);
    lb_board_release(&nb);
    lb_board_release(&ob);
    lb_table_release(&nt);
    lb_table_release(&ot);
}

/* What is metadata is the schema's role: a column of numbers outside 0 to
 * 100 (not averaged), one named as metadata (RTFx) and text are; a
 * published aggregate (Avg. WER) and a standard error are not. */
static void test_diff_metadata_roles(void **state)
{
    struct pair p;

    (void)state;
    compare(&p,
            "model,Avg. WER,RTFx,tokens,WER,WER_stderr,License\n"
            "a,5,100,1000,5,0.1,Open\n",
            "model,Avg. WER,RTFx,tokens,WER,WER_stderr,License\n"
            "a,6,120,2000,5,0.2,Closed\n",
            "0");
    assert_int_equal(p.d.nmeta, 3);
    assert_string_equal(p.d.meta[0].name, "RTFx");
    assert_string_equal(p.d.meta[1].name, "tokens");
    assert_string_equal(p.d.meta[2].name, "License");
    assert_int_equal(entry(&p, "a")->nmeta_changed, 3);
    assert_false(entry(&p, "a")->scores_changed);
    release(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_statuses),
        cmocka_unit_test(test_diff_threshold),
        cmocka_unit_test(test_diff_key_with_precision),
        cmocka_unit_test(test_diff_duplicate_key),
        cmocka_unit_test(test_diff_counts_overlap),
        cmocka_unit_test(test_diff_status_same_rank),
        cmocka_unit_test(test_diff_knock_on_added),
        cmocka_unit_test(test_diff_knock_on_changed),
        cmocka_unit_test(test_diff_knock_on_order_kept),
        cmocka_unit_test(test_diff_knock_on_tie_broken),
        cmocka_unit_test(test_diff_knock_on_ranked_in_both),
        cmocka_unit_test(test_diff_knock_on_mean_rank),
        cmocka_unit_test(test_diff_metadata_columns),
        cmocka_unit_test(test_diff_direction_lower),
        cmocka_unit_test(test_diff_direction_mismatch),
        cmocka_unit_test(test_diff_metadata_roles),
    };

    return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
