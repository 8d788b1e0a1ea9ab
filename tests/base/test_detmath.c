#include "test_util.h"

#include <math.h>

#include "base/detmath.h"

/* Distance in units in the last place between two positive doubles. */
static double ulps(double a, double b)
{
    return fabs(a - b) / (nextafter(fabs(b), HUGE_VAL) - fabs(b));
}

static void test_detmath_log_matches_libm(void **state)
{
    double x;

    (void)state;
    for (x = 1e-300; x < 1e300; x *= 1.37)
        assert_true(ulps(lb_det_log(x), log(x)) <= 2 || fabs(log(x)) < 1e-3);
    for (x = 0.5; x < 2; x += 0.001)
        assert_true(fabs(lb_det_log(x) - log(x)) <= 4e-16);
    assert_true(lb_det_log(1) == 0);
    assert_true(lb_det_log(0) == -HUGE_VAL);
    assert_true(isnan(lb_det_log(-1)));
}

static void test_detmath_exp_matches_libm(void **state)
{
    double x;

    (void)state;
    for (x = -700; x < 700; x += 0.73)
        assert_true(ulps(lb_det_exp(x), exp(x)) <= 2);
    assert_true(lb_det_exp(0) == 1);
    assert_true(lb_det_exp(1000) == HUGE_VAL);
    assert_true(lb_det_exp(-1000) == 0);
    /* exp(log(x)) round trip */
    for (x = 0.01; x < 100; x *= 1.11)
        assert_true(fabs(lb_det_exp(lb_det_log(x)) / x - 1) < 1e-14);
}

/* The bits themselves: these values are what every machine must give. */
static void test_detmath_bits_fixed(void **state)
{
    union {
        double d;
        uint64_t u;
    } a, b;

    (void)state;
    a.d = lb_det_log(68.42);
    b.d = lb_det_exp(4.2);
    print_message("log(68.42) = %a, exp(4.2) = %a\n", a.d, b.d);
    assert_true(fabs(a.d - 4.225665) < 1e-6);
    assert_true(fabs(b.d - 66.686331) < 1e-6);
    assert_true(a.u == 0x4010E714C5D80B28ull); /* 0x1.0e714c5d80b28p+2 */
    assert_true(b.u == 0x4050ABECD907C034ull); /* 0x1.0abecd907c034p+6 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detmath_log_matches_libm),
        cmocka_unit_test(test_detmath_exp_matches_libm),
        cmocka_unit_test(test_detmath_bits_fixed),
    };

    return cmocka_run_group_tests_name("detmath", tests, NULL, NULL);
}
