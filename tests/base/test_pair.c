#include "test_util.h"

#include <threads.h>

#include "base/pair.h"

struct job {
    int runs;       /* times fn ran on it */
    thrd_t by;      /* the thread that ran it */
    long sum;       /* its work: 1 + 2 + ... + n */
    long n;
};

static int work(void *arg)
{
    struct job *j = arg;
    long i;

    j->runs++;
    j->by = thrd_current();
    for (i = 1; i <= j->n; i++)
        j->sum += i;
    return 0;
}

/* Both halves done once each, the first on this thread, their results
 * there on return; with no second half, the first alone. */
static void test_run_pair(void **state)
{
    struct job a = {0, thrd_current(), 0, 100000};
    struct job b = {0, thrd_current(), 0, 2000};

    (void)state;
    lb_run_pair(work, &a, &b);
    assert_int_equal(a.runs, 1);
    assert_int_equal(b.runs, 1);
    assert_true(a.sum == 100000L * 100001L / 2);
    assert_true(b.sum == 2000L * 2001L / 2);
    assert_true(thrd_equal(a.by, thrd_current()));
    a.runs = 0;
    a.sum = 0;
    lb_run_pair(work, &a, NULL);
    assert_int_equal(a.runs, 1);
    assert_true(a.sum == 100000L * 100001L / 2);
    assert_int_equal(b.runs, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_pair),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
