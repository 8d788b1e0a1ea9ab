/* fuzz_decimal.c: lb_dec_parse against strtod, the reference for what a
 * number is (STYLE.md 10, I/O).
 *
 * For any bytes (spaces and tabs around them ignored, as lb_dec_parse
 * does):
 *   - a number (LB_NUM_OK): strtod reads the whole text, finitely, and
 *     returns the double nearest to our exact value (ties to even): checked
 *     exactly, with integers of a few hundred bits; the value is at the
 *     smallest scale, and lb_dec_format writes it back to the same value;
 *   - not finite: strtod gives an infinity or a NaN;
 *   - too many digits: strtod reads the whole text as a finite double (we
 *     refuse what we could not keep exactly, never what strtod refuses);
 *   - not a number: strtod does not read the whole text, unless it is a hex
 *     float or starts with a space character strtod skips and we do not;
 *   - missing: "", "NA", "N/A" or "-". */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "base/decimal.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT 4096

/* {======================================================================
 * Exact comparison of U / 10^s with M * 2^k
 * ======================================================================= */

#define BIG_WORDS 12 /* 384 bits: U < 2^63 shifted by < 200, M 10^18 2^k */

struct big {
    uint32_t w[BIG_WORDS]; /* little-endian */
};

static void big_set(struct big *b, uint64_t v)
{
    memset(b, 0, sizeof *b);
    b->w[0] = (uint32_t)v;
    b->w[1] = (uint32_t)(v >> 32);
}

static void big_mul(struct big *b, uint32_t m)
{
    uint64_t carry = 0;
    size_t i;

    for (i = 0; i < BIG_WORDS; i++) {
        uint64_t x = (uint64_t)b->w[i] * m + carry;

        b->w[i] = (uint32_t)x;
        carry = x >> 32;
    }
    FUZZ_CHECK(carry == 0, "bignum overflow");
}

static void big_shl(struct big *b, unsigned k)
{
    while (k-- > 0)
        big_mul(b, 2);
}

static int big_cmp(const struct big *a, const struct big *b)
{
    size_t i = BIG_WORDS;

    while (i-- > 0)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* Compares U / 10^s with M * 2^k. */
static int cmp_dec_bin(uint64_t u, unsigned s, uint64_t m, int k)
{
    struct big a, b;
    unsigned i;

    FUZZ_CHECK(k > -200 && k < 200, "exponent %d out of the checked range", k);
    big_set(&a, u);
    big_set(&b, m);
    for (i = 0; i < s; i++)
        big_mul(&b, 10);
    if (k < 0)
        big_shl(&a, (unsigned)-k);
    else
        big_shl(&b, (unsigned)k);
    return big_cmp(&a, &b);
}

/* }====================================================================== */

static bool is_missing_word(const char *s, size_t n)
{
    return n == 0 || (n == 2 && memcmp(s, "NA", 2) == 0) ||
           (n == 3 && memcmp(s, "N/A", 3) == 0) || (n == 1 && s[0] == '-');
}

static void check_number(const char *s, size_t n, struct lb_dec d)
{
    char *end;
    double x, ax;
    uint64_t u, m;
    int e, lo_k, c_lo, c_hi;
    uint64_t lo_m, hi_m;
    char buf[LB_DEC_BUFSIZE];
    struct lb_dec back;

    FUZZ_CHECK(d.scale <= LB_DEC_MAX_SCALE, "scale %u", d.scale);
    FUZZ_CHECK(d.scale == 0 || d.units % 10 != 0,
               "'%.*s' not at its smallest scale (%lld at %u)", (int)n, s,
               (long long)d.units, d.scale);
    FUZZ_CHECK(d.units != 0 || d.scale == 0, "zero at scale %u", d.scale);

    errno = 0;
    x = strtod(s, &end);
    FUZZ_CHECK(end == s + n, "strtod stops at byte %td of '%.*s'", end - s,
               (int)n, s);
    FUZZ_CHECK(isfinite(x) && errno == 0, "strtod: '%.*s' is %g (errno %d)",
               (int)n, s, x, errno);
    if (d.units == 0) {
        FUZZ_CHECK(x == 0, "'%.*s': 0 for us, %.17g for strtod", (int)n, s, x);
        return;
    }
    FUZZ_CHECK((d.units < 0) == (x < 0), "'%.*s': sign differs", (int)n, s);

    /* |x| = m 2^e with m a 53-bit integer; the doubles either side are
     * (m -+ 1) 2^e (below a power of two, the one under is half as far) */
    u = d.units < 0 ? (uint64_t)(-(d.units + 1)) + 1 : (uint64_t)d.units;
    ax = fabs(x);
    m = (uint64_t)ldexp(frexp(ax, &e), 53);
    e -= 53;
    FUZZ_CHECK(m >> 52 == 1, "'%.*s': subnormal %g", (int)n, s, x);
    if (m == (1ull << 52)) {
        lo_m = 4 * m - 1; /* halfway to (2m - 1) 2^(e-1) */
        lo_k = e - 2;
    } else {
        lo_m = 2 * m - 1;
        lo_k = e - 1;
    }
    hi_m = 2 * m + 1;
    c_lo = cmp_dec_bin(u, d.scale, lo_m, lo_k);
    c_hi = cmp_dec_bin(u, d.scale, hi_m, e - 1);
    FUZZ_CHECK(c_lo >= 0 && c_hi <= 0,
               "'%.*s' = %lld/10^%u: strtod's %.17g is not the nearest double",
               (int)n, s, (long long)d.units, d.scale, x);
    FUZZ_CHECK((c_lo != 0 && c_hi != 0) || m % 2 == 0,
               "'%.*s': halfway, strtod's %.17g is not the even neighbour",
               (int)n, s, x);

    /* written back at its scale, it reads as the same value */
    n = lb_dec_format(buf, d.units, d.scale);
    FUZZ_CHECK(lb_dec_parse(buf, n, &back) == LB_NUM_OK &&
                   back.units == d.units && back.scale == d.scale,
               "'%s' does not read back as %lld at %u", buf,
               (long long)d.units, d.scale);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lb_dec d;
    enum lb_num_status st;
    char *s, *t, *end;
    size_t n;
    double x;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    st = lb_dec_parse((const char *)data, size, &d);

    /* the text without the spaces and tabs around it, NUL-terminated */
    s = malloc(size + 1);
    FUZZ_CHECK(s != NULL, "out of memory");
    memcpy(s, data, size);
    s[size] = '\0';
    t = s;
    n = size;
    while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
        n--;
    while (n > 0 && (*t == ' ' || *t == '\t')) {
        t++;
        n--;
    }
    t[n] = '\0';

    /* strtod reads up to a NUL byte, if any */
    errno = 0;
    x = strtod(t, &end);
    switch (st) {
    case LB_NUM_OK:
        check_number(t, n, d);
        break;
    case LB_NUM_MISSING:
        FUZZ_CHECK(is_missing_word(t, n), "'%s' is missing", t);
        break;
    case LB_NUM_NONFINITE:
        FUZZ_CHECK(end > t && (isnan(x) || isinf(x)),
                   "'%s' is not finite for us, %.17g for strtod", t, x);
        break;
    case LB_NUM_DIGITS:
        FUZZ_CHECK(end == t + n && isfinite(x),
                   "'%s' has too many digits for us, strtod: %.17g, %td of "
                   "%zu bytes read",
                   t, x, end - t, n);
        break;
    case LB_NUM_SYNTAX:
        if (end == t + n) {
            const char *p = t + (*t == '+' || *t == '-');

            FUZZ_CHECK(strchr("\n\v\f\r", *t) != NULL ||
                           (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')),
                       "'%s' is not a number for us, %.17g for strtod", t, x);
        }
        break;
    case LB_NUM_UNIT:
        FUZZ_CHECK(false, "lb_dec_parse said '%s' has a unit", t);
        break;
    }
    free(s);
    return 0;
}
