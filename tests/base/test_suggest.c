#include "test_util.h"

#include <stdlib.h>

#include "base/suggest.h"

static const char *at(const void *ctx, size_t i)
{
    const char *const *names = ctx;

    return names[i];
}

static size_t suggest(const char *name, const char *const *names, size_t n)
{
    return lb_suggest(name, n, at, names);
}

/* the nearest name within a third of the name's length (at least 1 edit),
 * a swap of neighbours one edit, letter case ignored */
static void test_suggest_nearest(void **state)
{
    static const char *const names[] = {"ARC", "MMLU", "HellaSwag",
                                        "params_b", "rank", "check"};

    (void)state;
    assert_int_equal(suggest("MLMU", names, 6), 1);
    assert_int_equal(suggest("mmlu", names, 6), 1);
    assert_int_equal(suggest("acr", names, 6), 0);
    assert_int_equal(suggest("hellaswag2", names, 6), 2);
    assert_int_equal(suggest("parms_b", names, 6), 3);
    assert_int_equal(suggest("rnak", names, 6), 4);
    assert_int_equal(suggest("chekc", names, 6), 5);
    /* too far: nothing */
    assert_int_equal(suggest("xyz", names, 6), LB_SUGGEST_NONE);
    assert_int_equal(suggest("GSM8K", names, 6), LB_SUGGEST_NONE);
    assert_int_equal(suggest("pars", names, 6), LB_SUGGEST_NONE);
    assert_int_equal(suggest("", names, 6), LB_SUGGEST_NONE);
    /* a name of one letter is never changed into another */
    assert_int_equal(suggest("C", (const char *const[]){"A", "c"}, 1),
                     LB_SUGGEST_NONE);
    assert_int_equal(suggest("C", (const char *const[]){"A", "c"}, 2), 1);
    assert_int_equal(suggest("AR", names, 6), 0);
    assert_int_equal(suggest("MLMU", names, 0), LB_SUGGEST_NONE);
}

/* the first of equally near names; a nearer later one wins; NULL skipped */
static void test_suggest_ties_and_skips(void **state)
{
    static const char *const names[] = {"abcd", "abce", "abcf"};
    static const char *const later[] = {"abxy", "abcy", "abcd"};
    static const char *const holes[] = {NULL, "abce", NULL};

    (void)state;
    assert_int_equal(suggest("abcz", names, 3), 0);
    assert_int_equal(suggest("abcd", later, 3), 2);
    assert_int_equal(suggest("abcz", holes, 3), 1);
}

/* a name of more than LB_SUGGEST_MAX_BYTES is no slip: nothing, at once */
static void test_suggest_long_names(void **state)
{
    size_t n = 1 << 20;
    char *a = malloc(n + 1), *b = malloc(n + 1);
    const char *names[1];

    (void)state;
    memset(a, 'x', n);
    memset(b, 'x', n);
    a[n] = b[n] = '\0';
    b[0] = 'y';
    names[0] = b;
    assert_int_equal(suggest(a, names, 1), LB_SUGGEST_NONE);
    a[LB_SUGGEST_MAX_BYTES] = b[LB_SUGGEST_MAX_BYTES] = '\0';
    assert_int_equal(suggest(a, names, 1), 0);
    free(a);
    free(b);
}

/* the phrase: quoted as every message quotes user text, or nothing */
static void test_suggest_phrase(void **state)
{
    struct lb_did_you_mean dm;

    (void)state;
    assert_string_equal(lb_did_you_mean(&dm, "MMLU"),
                        "; did you mean 'MMLU'?");
    assert_string_equal(lb_did_you_mean(&dm, NULL), "");
    assert_string_equal(lb_did_you_mean(&dm, "a\x1b[31m"),
                        "; did you mean 'a\\x1B[31m'?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest_nearest),
        cmocka_unit_test(test_suggest_ties_and_skips),
        cmocka_unit_test(test_suggest_long_names),
        cmocka_unit_test(test_suggest_phrase),
    };

    return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
