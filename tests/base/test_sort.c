#include "test_util.h"

#include <stdlib.h>

#include "base/sort.h"

static int by_key(size_t a, size_t b, void *ctx)
{
    const int *key = ctx;

    return (key[a] > key[b]) - (key[a] < key[b]);
}

static void test_sort_is_stable_and_ordered(void **state)
{
    enum { N = 1000 };
    int key[N];
    size_t idx[N], i;

    (void)state;
    srand(7);
    for (i = 0; i < N; i++) {
        key[i] = rand() % 10; /* many equal keys */
        idx[i] = i;
    }
    lb_sort_indices(idx, N, by_key, key);
    for (i = 1; i < N; i++) {
        assert_true(key[idx[i - 1]] <= key[idx[i]]);
        if (key[idx[i - 1]] == key[idx[i]])
            assert_true(idx[i - 1] < idx[i]); /* stable */
    }
}

static void test_sort_small_and_empty(void **state)
{
    int key[3] = {3, 1, 2};
    size_t idx[3] = {0, 1, 2};

    (void)state;
    lb_sort_indices(idx, 0, by_key, key);
    lb_sort_indices(idx, 3, by_key, key);
    assert_int_equal(idx[0], 1);
    assert_int_equal(idx[1], 2);
    assert_int_equal(idx[2], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort_is_stable_and_ordered),
        cmocka_unit_test(test_sort_small_and_empty),
    };

    return cmocka_run_group_tests_name("sort", tests, NULL, NULL);
}
