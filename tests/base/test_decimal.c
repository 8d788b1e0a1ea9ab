#include "test_util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "base/decimal.h"
#include "base/rng.h"

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

/* Only the result has to fit in 128 bits, not num * 10^(precision -
 * scale): the mean of 19 scores of 9e18 at 18 decimals is 9e36 (issue 14:
 * rank --top then dropped the row as if it had no score). */
static void test_decimal_round_only_result_fits(void **state)
{
    const lb_i128 nine = 9000000000000000000LL;
    lb_i128 q, num;
    uint32_t den;
    unsigned s, p;

    (void)state;
    assert_true(lb_dec_round(nine * 19, 19, 0, 18, &q));
    assert_true(q == nine * lb_pow10[18]);
    assert_true(lb_dec_round(-nine * 19 - 1, 19, 0, 18, &q));
    assert_true(q == -nine * lb_pow10[18] - 52631578947368421LL);
    /* half to even, negative values: -1.25 -> -1.2, -1.75 -> -1.8 */
    assert_true(lb_dec_round(-5, 4, 0, 1, &q));
    assert_true(q == -12);
    assert_true(lb_dec_round(-7, 4, 0, 1, &q));
    assert_true(q == -18);
    /* the same as rounding num * 10^k / den wherever that fits */
    for (num = -2000; num <= 2000; num += 7)
        for (den = 1; den <= 40; den++)
            for (s = 0; s <= 3; s++)
                for (p = s; p <= 6; p++) {
                    lb_i128 want = lb_div_round_half_even(
                        num * lb_pow10[p - s], den);

                    assert_true(lb_dec_round(num, den, s, p, &q));
                    assert_true(q == want);
                }
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

static void test_decimal_format_short(void **state)
{
    char buf[LB_DEC_BUFSIZE];

    (void)state;
    assert_int_equal(lb_dec_format_short(buf, 95500, 3), 4);
    assert_string_equal(buf, "95.5");
    lb_dec_format_short(buf, 5000, 2);
    assert_string_equal(buf, "50");
    lb_dec_format_short(buf, -120, 0);
    assert_string_equal(buf, "-120");
    lb_dec_format_short(buf, 0, 4);
    assert_string_equal(buf, "0");
    lb_dec_format_short(buf, 1001, 3);
    assert_string_equal(buf, "1.001");
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

/* What lb_dec_format writes, from printf's digits: at least one before
 * the point, 'precision' after it, '-' before a value below zero. */
static void format_slowly(char *out, uint64_t u, bool neg, unsigned precision)
{
    char digits[64];
    int n = snprintf(digits, sizeof digits, "%0*llu", (int)precision + 1,
                     (unsigned long long)u);
    size_t ip = (size_t)n - precision;

    snprintf(out, LB_DEC_BUFSIZE, "%s%.*s%s%s", neg ? "-" : "", (int)ip,
             digits, precision > 0 ? "." : "", digits + ip);
}

static void format_agrees(uint64_t u, bool neg, unsigned precision)
{
    char got[LB_DEC_BUFSIZE], want[LB_DEC_BUFSIZE], n[24];
    lb_i128 q = neg ? -(lb_i128)u : (lb_i128)u;

    format_slowly(want, u, neg && u != 0, precision);
    assert_int_equal(lb_dec_format(got, q, precision), strlen(want));
    assert_string_equal(got, want);
    snprintf(n, sizeof n, "%llu", (unsigned long long)u);
    assert_int_equal(lb_format_uint(got, u), strlen(n));
    assert_string_equal(got, n);
}

/* Every length of digits (each power of ten, one below it and one above),
 * either sign, at every precision up to 20, and random values: as printf
 * has them. */
static void test_decimal_format_agrees(void **state)
{
    struct lb_rng r;
    uint64_t p = 1;
    unsigned prec, k;

    (void)state;
    lb_rng_seed(&r, 7);
    for (prec = 0; prec <= 20; prec++) {
        format_agrees(0, false, prec);
        format_agrees(UINT64_MAX - 1, true, prec);
        format_agrees(UINT64_MAX - 1, false, prec);
        for (k = 0, p = 1; k < 20; k++, p *= 10) {
            format_agrees(p, k % 2 != 0, prec);
            format_agrees(p - 1, k % 2 == 0, prec);
            format_agrees(p + 1, false, prec);
            if (k < 19)
                format_agrees(p * 10 - 1, true, prec);
        }
        for (k = 0; k < 2000; k++)
            format_agrees(lb_rng_next(&r) >> (k % 64), k % 3 == 0, prec);
    }
}

static lb_i128 gcd_slowly(lb_i128 a, lb_i128 b)
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b != 0) {
        lb_i128 t = a % b;

        a = b;
        b = t;
    }
    return a;
}

/* gcd and digit counts: at 0, either sign, values past 64 bits on either
 * side, random ones; against Euclid in 128 bits and the written digits. */
static void test_decimal_gcd_and_digits(void **state)
{
    struct lb_rng r;
    char buf[LB_DEC_BUFSIZE];
    unsigned k;

    (void)state;
    lb_rng_seed(&r, 11);
    assert_true(lb_gcd128(0, 0) == 0);
    assert_true(lb_gcd128(0, -6) == 6);
    assert_true(lb_gcd128(-12, 18) == 6);
    assert_int_equal(lb_gcd64(0, 7), 7);
    assert_int_equal(lb_gcd64(48, 180), 12);
    for (k = 0; k < 4000; k++) {
        lb_i128 a = (lb_i128)lb_rng_next(&r) >> (k % 64);
        lb_i128 b = (lb_i128)(lb_rng_next(&r) >> (k % 61)) + (k % 3);

        if (k % 4 == 1)
            a = a * (lb_i128)(lb_rng_next(&r) >> 2); /* past 64 bits */
        if (k % 4 == 2)
            b = b * (lb_i128)(lb_rng_next(&r) >> 1);
        if (k % 4 == 3) {
            a *= 6;
            b *= 9 * (lb_i128)1000000007;
        }
        if (k % 5 == 0)
            a = -a;
        assert_true(lb_gcd128(a, b) == gcd_slowly(a, b));
        assert_true(lb_gcd128(b, a) == gcd_slowly(a, b));
        if (a >= 0 && a <= (lb_i128)UINT64_MAX && b >= 0 &&
            b <= (lb_i128)UINT64_MAX)
            assert_true(lb_gcd64((uint64_t)a, (uint64_t)b) ==
                        (uint64_t)gcd_slowly(a, b));
        lb_dec_format(buf, a, 0);
        assert_int_equal(lb_dec_digits(a), strlen(buf) - (a < 0));
    }
    assert_int_equal(lb_dec_digits(0), 1);
    assert_int_equal(lb_dec_digits(-9), 1);
    assert_int_equal(lb_dec_digits((lb_i128)UINT64_MAX + 1), 20);
    /* a wide number and a divisor of it, or 0 */
    assert_true(lb_gcd128((lb_i128)UINT64_MAX * 12, (lb_i128)UINT64_MAX * 4) ==
                (lb_i128)UINT64_MAX * 4);
    assert_true(lb_gcd128(-(lb_i128)UINT64_MAX * 3, 0) == (lb_i128)UINT64_MAX * 3);
}

/* {======================================================================
 * Two million seeded random strings against strtod
 * ======================================================================= */

static unsigned pick(struct lb_rng *r, unsigned n)
{
    return (unsigned)(lb_rng_next(r) % n);
}

/* A decimal-looking string: sign, digits (leading zeros too), point,
 * digits, exponent; now and then a stray byte or a part left out. */
static size_t random_number(struct lb_rng *r, char *s)
{
    static const char junk[] = "x.e+- ,\t0_";
    size_t n = 0;
    unsigned i, k;

    k = pick(r, 4);
    if (k == 1)
        s[n++] = '-';
    else if (k == 2)
        s[n++] = '+';
    for (i = pick(r, 12), k = 0; k < i; k++)
        s[n++] = (char)('0' + (pick(r, 3) == 0 ? 0 : pick(r, 10)));
    if (pick(r, 4) != 0) {
        s[n++] = '.';
        for (i = pick(r, 14), k = 0; k < i; k++)
            s[n++] = (char)('0' + pick(r, 10));
    }
    if (pick(r, 5) == 0) {
        s[n++] = pick(r, 2) ? 'e' : 'E';
        k = pick(r, 3);
        if (k == 1)
            s[n++] = '-';
        else if (k == 2)
            s[n++] = '+';
        for (i = pick(r, 3), k = 0; k < i; k++)
            s[n++] = (char)('0' + pick(r, 10));
    }
    if (pick(r, 20) == 0 && n > 0)
        s[pick(r, (unsigned)n)] = junk[pick(r, sizeof junk - 1)];
    s[n] = '\0';
    return n;
}

/* The exact value of a string that strtod read whole, as significant
 * digits without leading or trailing zeros and a power of ten. */
static void canonical(const char *s, char *digits, long *exp10, bool *neg)
{
    size_t n = 0;
    long e = 0;
    bool point = false;

    *neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    for (; *s != '\0' && *s != 'e' && *s != 'E'; s++) {
        if (*s == '.') {
            point = true;
            continue;
        }
        if (n > 0 || *s != '0')
            digits[n++] = *s;
        if (point)
            e--;
    }
    if (*s != '\0')
        e += strtol(s + 1, NULL, 10);
    while (n > 0 && digits[n - 1] == '0') {
        n--;
        e++;
    }
    digits[n] = '\0';
    *exp10 = n == 0 ? 0 : e;
    if (n == 0)
        *neg = false;
}

static void test_decimal_random_strings_agree_with_strtod(void **state)
{
    struct lb_rng r;
    char s[64], want[64], got[64];
    unsigned long i, accepted = 0;

    (void)state;
    lb_rng_seed(&r, 20261127);
    for (i = 0; i < 2000000; i++) {
        size_t len = random_number(&r, s);
        struct lb_dec d;
        enum lb_num_status st = lb_dec_parse(s, len, &d);
        char *end;
        double x;
        bool whole;

        char t[64];
        size_t a = strspn(s, " \t"), b = len, tlen;

        /* lb_dec_parse ignores spaces and tabs around the number */
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        tlen = b - a;
        memcpy(t, s + a, tlen);
        t[tlen] = '\0';
        errno = 0;
        x = strtod(t, &end);
        whole = tlen > 0 && end == t + tlen && t[0] != ' ' && t[0] != '\t';
        if (st == LB_NUM_MISSING) {
            /* nothing but spaces and tabs, or a lone '-' */
            size_t k = strspn(s, " \t");

            if (!(k == len || (s[k] == '-' && strspn(s + k + 1, " \t") ==
                                                    len - k - 1))) {
                print_error("'%s': said to be missing\n", s);
                fail();
            }
            continue;
        }
        if (st == LB_NUM_SYNTAX) {
            /* what strtod reads whole and we refuse: hex floats only */
            if (whole && strpbrk(t, "xX") == NULL) {
                print_error("'%s': refused, strtod reads it\n", s);
                fail();
            }
            continue;
        }
        if (!whole) {
            print_error("'%s': status %d, strtod stops at byte %td\n", t,
                        (int)st, end - t);
            fail();
        }
        if (st == LB_NUM_DIGITS || st == LB_NUM_NONFINITE) {
            /* kept only when exact; not finite only beyond a double */
            if ((st == LB_NUM_DIGITS) != (isfinite(x) != 0)) {
                print_error("'%s': status %d, strtod gives %g\n", t, (int)st,
                            x);
                fail();
            }
            continue;
        }
        assert_int_equal(st, LB_NUM_OK);
        accepted++;
        {
            char digits[64], ours[64];
            long e, oe;
            bool neg, oneg;

            /* the exact value: the same digits and power of ten */
            canonical(t, digits, &e, &neg);
            lb_dec_format(got, d.units, 0);
            canonical(got, ours, &oe, &oneg);
            oe -= (long)d.scale;
            if (ours[0] == '\0')
                oe = 0;
            if (strcmp(digits, ours) != 0 || e != oe || neg != oneg) {
                print_error("'%s': %s%se%ld, expected %s%se%ld\n", s,
                            oneg ? "-" : "", ours, oe, neg ? "-" : "",
                            digits, e);
                fail();
            }
            /* and written back, strtod reads the same double */
            lb_dec_format(want, d.units, d.scale);
            if (strtod(want, NULL) != x) {
                print_error("'%s' -> '%s': strtod differs\n", s, want);
                fail();
            }
        }
    }
    /* the generator reaches every branch: most strings are numbers */
    assert_true(accepted > 1000000);
}

/* The one rule for a missing cell, which numbers, filters and dates share. */
static void test_decimal_missing_text(void **state)
{
    static const char *const yes[] = {"", " ", "\t", "NA", "N/A", "-",
                                      " NA ", "\tN/A", "- "};
    static const char *const no[] = {"na", "n/a", "--", "0", "NaN", "N/A.",
                                     "NA x", "-1"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(lb_is_missing_text(yes[i], strlen(yes[i])));
    for (i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(lb_is_missing_text(no[i], strlen(no[i])));
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
        cmocka_unit_test(test_decimal_round_only_result_fits),
        cmocka_unit_test(test_decimal_frac_cmp),
        cmocka_unit_test(test_decimal_format),
        cmocka_unit_test(test_decimal_format_short),
        cmocka_unit_test(test_decimal_format_agrees),
        cmocka_unit_test(test_decimal_gcd_and_digits),
        cmocka_unit_test(test_decimal_random_strings_agree_with_strtod),
        cmocka_unit_test(test_decimal_missing_text),
    };

    return cmocka_run_group_tests_name("decimal", tests, NULL, NULL);
}
