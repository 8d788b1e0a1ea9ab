#include "base/decimal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

const int64_t lb_pow10[LB_DEC_MAX_SCALE + 1] = {
    1LL,
    10LL,
    100LL,
    1000LL,
    10000LL,
    100000LL,
    1000000LL,
    10000000LL,
    100000000LL,
    1000000000LL,
    10000000000LL,
    100000000000LL,
    1000000000000LL,
    10000000000000LL,
    100000000000000LL,
    1000000000000000LL,
    10000000000000000LL,
    100000000000000000LL,
    1000000000000000000LL,
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool equals(const char *s, size_t len, const char *lit)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (lit[i] == '\0' || s[i] != lit[i])
            return false;
    return lit[len] == '\0';
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* True for what strtod would read as an infinity or a NaN. */
static bool is_nonfinite_word(const char *s, size_t len)
{
    static const char *const words[] = {"inf", "infinity", "nan"};
    size_t i, k;

    if (len > 0 && (s[0] == '+' || s[0] == '-')) {
        s++;
        len--;
    }
    for (k = 0; k < sizeof words / sizeof words[0]; k++) {
        const char *w = words[k];

        for (i = 0; i < len && w[i] != '\0'; i++)
            if (lower(s[i]) != w[i])
                break;
        /* "nan(...)" is NaN for strtod too */
        if (w[i] == '\0' && (i == len || (k == 2 && s[i] == '(')))
            return true;
    }
    return false;
}

/* The common case, in a few instructions per byte: [-]digits[.digits]
 * with at most 18 digits, nothing around. Returns false to let the
 * general parser decide (spaces, '+', exponents, NA, errors...). */
static bool parse_short(const char *s, size_t len, struct lb_dec *out,
                        unsigned *written)
{
    const char *p = s, *end = s + len;
    uint64_t v = 0;
    unsigned frac = 0, nd = 0;
    bool neg = false, dot = false;

    if (len == 0 || len > 20)
        return false;
    if (*p == '-') {
        neg = true;
        p++;
    }
    for (; p < end; p++) {
        unsigned d = (unsigned)(unsigned char)*p - '0';

        if (d <= 9) {
            v = v * 10 + d;
            nd++;
            frac += dot;
        } else if (*p == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    if (nd == 0 || nd > 18)
        return false;
    *written = frac;
    /* the smallest scale that holds the value, as the general parser */
    while (frac > 0 && v % 10 == 0) {
        v /= 10;
        frac--;
    }
    out->units = neg ? -(int64_t)v : (int64_t)v;
    out->scale = v == 0 ? 0 : frac;
    return true;
}

/* Whether a number of 309 integer digits rounds to infinity, which it
 * does from about 1.7976931348623158e308 on: strtod, the reference for
 * what a number is, decides. Rare (never a score), so the copy is cheap. */
static bool beyond_double(const char *s, size_t len)
{
    char *copy = xmemdup0(s, len);
    bool inf = isinf(strtod(copy, NULL));

    free(copy);
    return inf;
}

bool lb_is_missing_text(const char *s, size_t len)
{
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    while (len > 0 && is_blank(s[0])) {
        s++;
        len--;
    }
    return len == 0 || equals(s, len, "NA") || equals(s, len, "N/A") ||
           equals(s, len, "-");
}

enum lb_num_status lb_dec_parse(const char *s, size_t len, struct lb_dec *out)
{
    unsigned written;

    return lb_dec_parse_written(s, len, out, &written);
}

enum lb_num_status lb_dec_parse_written(const char *s, size_t len,
                                        struct lb_dec *out, unsigned *written)
{
    size_t i = 0;
    bool neg = false;
    uint64_t mant = 0;   /* significant digits, trailing zeros pending */
    int ndig = 0;        /* digits in mant (after leading zeros) */
    long nsig = 0;       /* digits from the first non-zero one on */
    long pending = 0;    /* zeros seen but not yet multiplied into mant */
    long exp10 = 0;      /* value = mant * 10^(pending + exp10) */
    bool any = false;    /* at least one digit */
    bool overflow = false;

    if (parse_short(s, len, out, written))
        return LB_NUM_OK;
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    while (i < len && is_blank(s[i]))
        i++;
    s += i;
    len -= i;
    if (lb_is_missing_text(s, len))
        return LB_NUM_MISSING;
    if (is_nonfinite_word(s, len))
        return LB_NUM_NONFINITE;

    i = 0;
    if (s[i] == '+' || s[i] == '-')
        neg = s[i++] == '-';
    /* integer part, then fraction: each digit shifts the value left; a
     * fraction digit also lowers the exponent by one */
    for (int part = 0; part < 2; part++) {
        if (part == 1) {
            if (i >= len || s[i] != '.')
                break;
            i++;
        }
        for (; i < len && is_digit(s[i]); i++) {
            int d = s[i] - '0';

            any = true;
            if (part == 1)
                exp10--;
            if (d != 0 || nsig > 0)
                nsig++;
            if (d == 0) {
                if (ndig > 0)
                    pending++;
                continue;
            }
            /* flush pending zeros, then append d */
            while (pending > 0 && !overflow) {
                if (mant > (uint64_t)INT64_MAX / 10)
                    overflow = true;
                else
                    mant *= 10;
                pending--;
                ndig++;
            }
            if (overflow || mant > ((uint64_t)INT64_MAX - (uint64_t)d) / 10) {
                overflow = true;
                continue;
            }
            mant = mant * 10 + (uint64_t)d;
            ndig++;
        }
    }
    if (!any)
        return LB_NUM_SYNTAX;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        bool eneg = false;
        long e = 0;
        size_t start;

        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        start = i;
        for (; i < len && is_digit(s[i]); i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        if (i == start)
            return LB_NUM_SYNTAX;
        exp10 += eneg ? -e : e;
    }
    if (i != len)
        return LB_NUM_SYNTAX;
    /* the fraction's digits, less the exponent's shift (at most 18) */
    *written = exp10 >= 0                 ? 0
               : -exp10 > LB_DEC_MAX_SCALE ? LB_DEC_MAX_SCALE
                                           : (unsigned)-exp10;

    if (mant == 0 && !overflow) {
        out->units = 0;
        out->scale = 0;
        return LB_NUM_OK;
    }
    /* magnitude: the value has ndig + pending + exp10 integer digits */
    if (nsig + exp10 > 309)
        return LB_NUM_NONFINITE; /* strtod would return HUGE_VAL */
    if (nsig + exp10 == 309 && beyond_double(s, len))
        return LB_NUM_NONFINITE; /* 5e308: above DBL_MAX too */
    if (overflow)
        return LB_NUM_DIGITS;
    exp10 += pending; /* trailing zeros: part of the exponent */
    if (exp10 >= 0) {
        int64_t v;

        if (exp10 > LB_DEC_MAX_SCALE ||
            !lb_dec_rescale((int64_t)mant, (unsigned)exp10, &v))
            return LB_NUM_DIGITS;
        out->units = neg ? -v : v;
        out->scale = 0;
    } else {
        if (-exp10 > LB_DEC_MAX_SCALE)
            return LB_NUM_DIGITS;
        out->units = neg ? -(int64_t)mant : (int64_t)mant;
        out->scale = (unsigned)-exp10;
    }
    return LB_NUM_OK;
}

const char *lb_num_status_phrase(enum lb_num_status st)
{
    switch (st) {
    case LB_NUM_OK:
        return "is a number";
    case LB_NUM_MISSING:
        return "is missing";
    case LB_NUM_SYNTAX:
        return "is not a number";
    case LB_NUM_NONFINITE:
        return "is not a finite number";
    case LB_NUM_DIGITS:
        return "has more digits than can be kept exactly "
               "(at most 18 significant digits and 18 decimals)";
    case LB_NUM_UNIT:
        return "is written with a unit ('%') where the column's other "
               "numbers are bare: write all or none with it";
    }
    return "is not a number";
}

bool lb_dec_rescale(int64_t units, unsigned by, int64_t *out)
{
    if (by > LB_DEC_MAX_SCALE)
        return units == 0 ? (*out = 0, true) : false;
    return !__builtin_mul_overflow(units, lb_pow10[by], out);
}

lb_i128 lb_div_round_half_even(lb_i128 num, lb_i128 den)
{
    lb_i128 q = num / den, r = num % den;
    lb_i128 twice;

    if (r < 0)
        r = -r;
    twice = 2 * r; /* r < den, so no overflow for den < 2^126 */
    if (twice > den || (twice == den && (q % 2 != 0)))
        q += num < 0 ? -1 : 1;
    return q;
}

bool lb_dec_round(lb_i128 num, uint32_t den, unsigned scale, unsigned precision,
                  lb_i128 *out)
{
    if (precision > scale) {
        /* num / den = q + r / den: q * m + round(r m / den), so that only
         * the result has to fit, not num * m. m = 10^k with k > 0 is even,
         * so the parity that breaks a tie is that of the second part. */
        lb_i128 m = lb_pow10[precision - scale], q = num / den, r = num % den;

        if (__builtin_mul_overflow(q, m, &q) ||
            __builtin_add_overflow(q, lb_div_round_half_even(r * m, den), out))
            return false;
    } else if (precision == scale) {
        *out = lb_div_round_half_even(num, den);
    } else {
        *out = lb_div_round_half_even(
            num, (lb_i128)den * lb_pow10[scale - precision]);
    }
    return true;
}

/* floor division: q = floor(a / d), r = a - q d in [0, d) */
static void floor_divmod(lb_i128 a, uint32_t d, lb_i128 *q, lb_i128 *r)
{
    *q = a / d;
    *r = a % d;
    if (*r < 0) {
        *r += d;
        *q -= 1;
    }
}

int lb_frac_cmp(lb_i128 a, uint32_t da, lb_i128 b, uint32_t db)
{
    lb_i128 qa, ra, qb, rb, x, y;

    if (da == db)
        return (a > b) - (a < b);
    floor_divmod(a, da, &qa, &ra);
    floor_divmod(b, db, &qb, &rb);
    if (qa != qb)
        return (qa > qb) - (qa < qb);
    /* compare ra/da with rb/db: both in [0, 1), products fit easily */
    x = ra * db;
    y = rb * da;
    return (x > y) - (x < y);
}

static const char two_digits[201] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Writes the decimal digits of u backwards ending at end; returns the
 * first digit's position. */
static char *digits_back64(char *end, uint64_t v);

/* Writes the decimal digits of u backwards ending at end; returns the
 * first digit's position. */
static char *digits_back(char *end, lb_u128 u)
{
    while (u > UINT64_MAX) {
        *--end = (char)('0' + (int)(u % 10));
        u /= 10;
    }
    return digits_back64(end, (uint64_t)u);
}

/* The digits of v (< 2^64) backwards ending at end, two at a time. */
static char *digits_back64(char *end, uint64_t v)
{
    while (v >= 100) {
        unsigned k = (unsigned)(v % 100) * 2;

        v /= 100;
        *--end = two_digits[k + 1];
        *--end = two_digits[k];
    }
    if (v >= 10) {
        unsigned k = (unsigned)v * 2;

        *--end = two_digits[k + 1];
        *--end = two_digits[k];
    } else {
        *--end = (char)('0' + (int)v);
    }
    return end;
}

size_t lb_dec_format_short(char *buf, lb_i128 q, unsigned precision)
{
    size_t n = lb_dec_format(buf, q, precision);

    if (precision == 0)
        return n;
    while (buf[n - 1] == '0')
        n--;
    if (buf[n - 1] == '.')
        n--;
    buf[n] = '\0';
    return n;
}

/* The decimal digits of u (1 for 0): from the bits it takes, then one
 * comparison. */
static unsigned count_digits64(uint64_t u)
{
    static const uint64_t pow10u[20] = {
        1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u,
        100000000u, 1000000000u, 10000000000u, 100000000000u,
        1000000000000u, 10000000000000u, 100000000000000u,
        1000000000000000u, 10000000000000000u, 100000000000000000u,
        1000000000000000000u, 10000000000000000000u};
    /* floor(log10(2^bits)), close to the digits: at most one short */
    unsigned t = (unsigned)((64 - __builtin_clzll(u | 1)) * 1233) >> 12;

    return t + (u >= pow10u[t]) + (t == 0 && u < 1);
}

size_t lb_dec_format(char *buf, lb_i128 q, unsigned precision)
{
    char tmp[LB_DEC_BUFSIZE];
    char *end = tmp + sizeof tmp, *d;
    size_t n, ip, i, len = 0;
    bool neg = q < 0;

    if (q > -(lb_i128)UINT64_MAX && q < (lb_i128)UINT64_MAX) {
        /* most values: written in place from the end, the length known
         * first (no copy) */
        uint64_t u = (uint64_t)(neg ? -q : q);
        unsigned digits = count_digits64(u), k;
        char *p;

        len = (neg ? 1u : 0u) + (digits > precision ? digits - precision : 1u) +
              (precision > 0 ? 1u + precision : 0u);
        p = buf + len;
        *p = '\0';
        for (k = 0; k + 2 <= precision; k += 2) {
            unsigned two = (unsigned)(u % 100) * 2;

            u /= 100;
            *--p = two_digits[two + 1];
            *--p = two_digits[two];
        }
        if (k < precision) {
            *--p = (char)('0' + (int)(u % 10));
            u /= 10;
        }
        if (precision > 0)
            *--p = '.';
        p = digits_back64(p, u);
        if (neg)
            *--p = '-';
        return len;
    }
    d = digits_back(end, neg ? (lb_u128)(-(q + 1)) + 1 : (lb_u128)q);
    n = (size_t)(end - d);
    /* at least one digit before the point */
    while (n <= precision) {
        *--d = '0';
        n++;
    }
    if (neg)
        buf[len++] = '-';
    ip = n - precision;
    for (i = 0; i < ip; i++)
        buf[len++] = d[i];
    if (precision > 0) {
        buf[len++] = '.';
        for (; i < n; i++)
            buf[len++] = d[i];
    }
    buf[len] = '\0';
    return len;
}

size_t lb_format_uint(char *buf, uint64_t v)
{
    unsigned n = count_digits64(v);

    (void)digits_back64(buf + n, v); /* in place: no copy */
    buf[n] = '\0';
    return n;
}

unsigned lb_dec_digits(lb_i128 v)
{
    lb_u128 u = v < 0 ? (lb_u128)(-(v + 1)) + 1 : (lb_u128)v;
    unsigned n = 0;

    while (u > UINT64_MAX) {
        u /= 10;
        n++;
    }
    return n + count_digits64((uint64_t)u);
}

uint64_t lb_gcd64(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;

        a = b;
        b = t;
    }
    return a;
}

lb_i128 lb_gcd128(lb_i128 a, lb_i128 b)
{
    lb_u128 x = a < 0 ? (lb_u128)(-(a + 1)) + 1 : (lb_u128)a;
    lb_u128 y = b < 0 ? (lb_u128)(-(b + 1)) + 1 : (lb_u128)b;

    while (y != 0 && (x > UINT64_MAX || y > UINT64_MAX)) {
        lb_u128 t = x % y;

        x = y;
        y = t;
    }
    return y == 0 ? (lb_i128)x : (lb_i128)lb_gcd64((uint64_t)x, (uint64_t)y);
}

double lb_dec_to_double(lb_i128 num, uint32_t den, unsigned scale)
{
    return (double)num / (double)den / (double)lb_pow10[scale];
}
