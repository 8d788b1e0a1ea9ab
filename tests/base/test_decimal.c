#include "test_util.h"

#include <stdlib.h>

#include "base/decimal.h"

static void parse_is(const char *s, int64_t units, unsigned scale)
{
    struct lb_dec d;

    if (lb_dec_parse(s, strlen(s), &d) != LB_NUM_OK) {
        print_error("'%s' did not parse\n", s);
        fail();
    }
    if (d.units != units || d.scale != scale) {
        print_error("'%s' gave %lld at scale %u, expected %lld at %u\n", s,
                    (long long)d.units, d.scale, (long long)units, scale);
        fail();
    }
}

static void status_is(const char *s, enum lb_num_status st)
{
    struct lb_dec d;

    if (lb_dec_parse(s, strlen(s), &d) != st) {
        print_error("'%s' did not give status %d\n", s, (int)st);
        fail();
    }
}

static void test_decimal_parse_plain(void **state)
{
    (void)state;
    parse_is("66.04", 6604, 2);
    parse_is("6.90", 69, 1); /* trailing zeros do not raise the scale */
    parse_is("6.9", 69, 1);
    parse_is("25", 25, 0);
    parse_is("100", 100, 0);
    parse_is("0", 0, 0);
    parse_is("-0", 0, 0);
    parse_is("0.000", 0, 0);
    parse_is("-1.5", -15, 1);
    parse_is("+2.25", 225, 2);
    parse_is(".5", 5, 1);
    parse_is("5.", 5, 0);
    parse_is("007.10", 71, 1);
    parse_is("0.330279214705869", 330279214705869LL, 15);
    parse_is("0.0143504531722054", 143504531722054LL, 16);
}

static void test_decimal_parse_exponent(void **state)
{
    (void)state;
    parse_is("1e-3", 1, 3);
    parse_is("1.5E2", 150, 0);
    parse_is("2.5e+1", 25, 0);
    parse_is("1234e-2", 1234, 2);
    parse_is("0e999", 0, 0);
}

static void test_decimal_parse_spaces(void **state)
{
    (void)state;
    parse_is(" 66.04", 6604, 2);
    parse_is("66.04\t ", 6604, 2);
}

static void test_decimal_parse_missing(void **state)
{
    (void)state;
    status_is("", LB_NUM_MISSING);
    status_is("  ", LB_NUM_MISSING);
    status_is("NA", LB_NUM_MISSING);
    status_is("N/A", LB_NUM_MISSING);
    status_is("-", LB_NUM_MISSING);
    status_is(" - ", LB_NUM_MISSING);
    /* only these spellings */
    status_is("na", LB_NUM_SYNTAX);
    status_is("null", LB_NUM_SYNTAX);
}

static void test_decimal_parse_rejects(void **state)
{
    (void)state;
    status_is("abc", LB_NUM_SYNTAX);
    status_is("1,5", LB_NUM_SYNTAX);
    status_is("0x1p3", LB_NUM_SYNTAX);
    status_is("0x10", LB_NUM_SYNTAX);
    status_is("1e", LB_NUM_SYNTAX);
    status_is("1e+", LB_NUM_SYNTAX);
    status_is(".", LB_NUM_SYNTAX);
    status_is("--1", LB_NUM_SYNTAX);
    status_is("1.2.3", LB_NUM_SYNTAX);
    status_is("12a", LB_NUM_SYNTAX);
    status_is("1 2", LB_NUM_SYNTAX);
    status_is("nan", LB_NUM_NONFINITE);
    status_is("NaN", LB_NUM_NONFINITE);
    status_is("-nan", LB_NUM_NONFINITE);
    status_is("inf", LB_NUM_NONFINITE);
    status_is("-Infinity", LB_NUM_NONFINITE);
    status_is("1e999", LB_NUM_NONFINITE);
    status_is("-1e400", LB_NUM_NONFINITE);
    /* 309 integer digits: infinite for strtod only above DBL_MAX (found by
     * fuzz_decimal: 5e308 was reported as having too many digits) */
    status_is("5e308", LB_NUM_NONFINITE);
    status_is("-1.7976931348623159e308", LB_NUM_NONFINITE);
    status_is("1.7976931348623158e308", LB_NUM_DIGITS);
    status_is("1e308", LB_NUM_DIGITS);
    status_is("1e-999", LB_NUM_DIGITS);
    status_is("1e19", LB_NUM_DIGITS);
    status_is("12345678901234567890", LB_NUM_DIGITS);
    status_is("0.1234567890123456789", LB_NUM_DIGITS);
}

/* What we accept is a subset of what strtod accepts, with the same value. */
static void test_decimal_parse_agrees_with_strtod(void **state)
{
    static const char *const ok[] = {"66.04", "1e-3", "-0.5", "+7", ".25",
                                     "3.", "1.5E2", "0.330279214705869"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct lb_dec d;
        double x = strtod(ok[i], NULL);

        assert_int_equal(lb_dec_parse(ok[i], strlen(ok[i]), &d), LB_NUM_OK);
        assert_true((double)d.units / (double)lb_pow10[d.scale] - x < 1e-12 &&
                    x - (double)d.units / (double)lb_pow10[d.scale] < 1e-12);
    }
}

static void test_decimal_round_half_even(void **state)
{
    (void)state;
    /* 474.39 / 6 = 79.065 exactly: half to even gives 79.06 */
    lb_i128 q;

    assert_true(lb_dec_round(47439, 6, 2, 2, &q));
    assert_true(q == 7906);
    /* 474.45 / 6 = 79.075: gives 79.08 */
    assert_true(lb_dec_round(47445, 6, 2, 2, &q));
    assert_true(q == 7908);
    /* 0.125 at 2 decimals: 0.12; 0.135: 0.14 */
    assert_true(lb_dec_round(125, 1, 3, 2, &q));
    assert_true(q == 12);
    assert_true(lb_dec_round(135, 1, 3, 2, &q));
    assert_true(q == 14);
    /* negative half-way: -0.125 gives -0.12 */
    assert_true(lb_dec_round(-125, 1, 3, 2, &q));
    assert_true(q == -12);
    /* not half-way: 410.53 / 6 = 68.42166... */
    assert_true(lb_dec_round(41053, 6, 2, 2, &q));
    assert_true(q == 6842);
    /* precision above the scale multiplies */
    assert_true(lb_dec_round(6604, 1, 2, 4, &q));
    assert_true(q == 660400);
}

static void test_decimal_round_overflow_reported(void **state)
{
    lb_i128 q, big = (lb_i128)INT64_MAX * INT64_MAX;

    (void)state;
    assert_false(lb_dec_round(big, 1, 0, 18, &q));
}

static void test_decimal_frac_cmp(void **state)
{
    (void)state;
    assert_int_equal(lb_frac_cmp(1, 3, 2, 6), 0);
    assert_true(lb_frac_cmp(1, 3, 1, 4) > 0);
    assert_true(lb_frac_cmp(-1, 3, -1, 4) < 0);
    assert_true(lb_frac_cmp(-7, 2, -3, 1) < 0); /* -3.5 < -3 */
    assert_true(lb_frac_cmp(7, 2, 3, 1) > 0);
    assert_int_equal(lb_frac_cmp(0, 5, 0, 1), 0);
}

static void test_decimal_format(void **state)
{
    char buf[LB_DEC_BUFSIZE];

    (void)state;
    lb_dec_format(buf, 6842, 2);
    assert_string_equal(buf, "68.42");
    lb_dec_format(buf, 690, 2);
    assert_string_equal(buf, "6.90");
    lb_dec_format(buf, 5, 2);
    assert_string_equal(buf, "0.05");
    lb_dec_format(buf, -5, 2);
    assert_string_equal(buf, "-0.05");
    lb_dec_format(buf, 0, 2);
    assert_string_equal(buf, "0.00");
    lb_dec_format(buf, 7, 0);
    assert_string_equal(buf, "7");
    lb_dec_format(buf, -123456, 3);
    assert_string_equal(buf, "-123.456");
    lb_dec_format(buf, (lb_i128)INT64_MAX * 1000, 0);
    assert_string_equal(buf, "9223372036854775807000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_parse_plain),
        cmocka_unit_test(test_decimal_parse_exponent),
        cmocka_unit_test(test_decimal_parse_spaces),
        cmocka_unit_test(test_decimal_parse_missing),
        cmocka_unit_test(test_decimal_parse_rejects),
        cmocka_unit_test(test_decimal_parse_agrees_with_strtod),
        cmocka_unit_test(test_decimal_round_half_even),
        cmocka_unit_test(test_decimal_round_overflow_reported),
        cmocka_unit_test(test_decimal_frac_cmp),
        cmocka_unit_test(test_decimal_format),
    };

    return cmocka_run_group_tests_name("decimal", tests, NULL, NULL);
}
