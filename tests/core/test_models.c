/* Counting models: distinct names, exactly, within bounded memory. */
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/models.h"

static void add(struct lb_model_set *s, const char *name, bool ranked)
{
    lb_model_set_add(s, name, strlen(name), ranked);
}

/* a name counts once; it is ranked when any of its rows is */
static void test_models_distinct_names(void **state)
{
    struct lb_model_set s;

    (void)state;
    lb_model_set_init(&s);
    assert_true(s.counts.known);
    assert_int_equal(s.counts.models, 0);
    add(&s, "org/a", false);
    add(&s, "org/b", true);
    add(&s, "org/a", true);  /* ranked by its second row */
    add(&s, "org/b", false); /* stays ranked */
    add(&s, "org/A", false); /* bytewise: another model */
    add(&s, "", false);      /* the empty name too */
    assert_true(s.counts.known);
    assert_int_equal(s.counts.models, 4);
    assert_int_equal(s.counts.ranked, 2);
    lb_model_set_release(&s);
}

/* thousands of names, each twice, the set growing as they come: exact */
static void test_models_many_names(void **state)
{
    struct lb_model_set s;
    char name[32];
    size_t i, round;

    (void)state;
    lb_model_set_init(&s);
    for (round = 0; round < 2; round++)
        for (i = 0; i < 5000; i++) {
            snprintf(name, sizeof name, "m%zu", i);
            /* ranked: every third by its first row (as the set grows),
             * the even ones by their second */
            add(&s, name, round == 0 ? i % 3 == 0 : i % 2 == 0);
        }
    assert_true(s.counts.known);
    assert_int_equal(s.counts.models, 5000);
    assert_int_equal(s.counts.ranked, 3333);
    lb_model_set_release(&s);
}

/* beyond the limits the count is unknown, never wrong */
static void test_models_limits(void **state)
{
    struct lb_model_set s;
    char name[32], *big;
    size_t i;

    (void)state;
    lb_model_set_init(&s);
    for (i = 0; i < LB_MODELS_MAX; i++) {
        snprintf(name, sizeof name, "%zu", i);
        add(&s, name, true);
    }
    assert_true(s.counts.known);
    assert_int_equal(s.counts.models, LB_MODELS_MAX);
    add(&s, "0", true); /* known already: still counted */
    assert_true(s.counts.known);
    add(&s, "one more", true);
    assert_false(s.counts.known);
    add(&s, "and another", true);
    assert_false(s.counts.known);
    lb_model_set_release(&s);

    big = malloc(LB_MODELS_BYTES + 2);
    memset(big, 'x', LB_MODELS_BYTES + 1);
    big[LB_MODELS_BYTES + 1] = '\0';
    lb_model_set_init(&s);
    add(&s, "a", false);
    add(&s, big, false);
    assert_false(s.counts.known);
    lb_model_set_release(&s);
    free(big);
}

/* the models of a table's rows, all or some, ranked as rank2 says */
static void test_models_of_rows(void **state)
{
    struct lb_table t;
    struct lb_model_counts m;
    const lb_row some[] = {0, 2, 3};
    const uint32_t rank2[] = {2, 0, 4, 0, 0};

    (void)state;
    load_ok(&t, "model,A\nx,1\ny,2\nx,3\nz,4\ny,5\n");
    lb_count_models(&t, NULL, t.nrows, NULL, &m);
    assert_true(m.known);
    assert_int_equal(m.models, 3);
    assert_int_equal(m.ranked, 0);
    assert_false(lb_models_are_rows(&m, t.nrows));
    lb_count_models(&t, NULL, t.nrows, rank2, &m);
    assert_int_equal(m.models, 3);
    assert_int_equal(m.ranked, 1); /* x, by rows 0 and 2 */
    lb_count_models(&t, some, 3, rank2, &m);
    assert_int_equal(m.models, 2); /* x, z */
    assert_int_equal(m.ranked, 1);
    lb_count_models(&t, some + 1, 2, NULL, &m);
    assert_true(lb_models_are_rows(&m, 2)); /* x, z: one row each */
    m.known = false;
    assert_false(lb_models_are_rows(&m, 2)); /* not counted: rows */
    lb_table_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_models_distinct_names),
        cmocka_unit_test(test_models_many_names),
        cmocka_unit_test(test_models_limits),
        cmocka_unit_test(test_models_of_rows),
    };

    return cmocka_run_group_tests_name("models", tests, NULL, NULL);
}
