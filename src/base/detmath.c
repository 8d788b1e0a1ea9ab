#include "base/detmath.h"

#include <math.h>

/* ln 2 split so that k * LN2_HI is exact for |k| < 2^11 (fdlibm) */
#define LN2_HI 6.93147180369123816490e-01
#define LN2_LO 1.90821492927058770002e-10
#define SQRT_HALF 0.70710678118654752440

double lb_det_log(double x)
{
    double m, t, s, term, sum;
    int e, n;

    if (isnan(x) || x < 0 || isinf(x))
        return NAN;
    if (x == 0)
        return -HUGE_VAL;
    /* x = m 2^e with m in [sqrt(1/2), sqrt(2)): frexp and the doubling
     * are exact */
    m = frexp(x, &e);
    if (m < SQRT_HALF) {
        m *= 2;
        e--;
    }
    /* ln m = 2 atanh(t) = 2 (t + t^3/3 + t^5/5 + ...), |t| <= 0.1716, so
     * t^2 <= 0.0295 and 14 terms are far below the last bit */
    t = (m - 1) / (m + 1);
    s = t * t;
    term = t;
    sum = 0;
    for (n = 0; n < 14; n++) {
        sum += term / (double)(2 * n + 1);
        term *= s;
    }
    return (double)e * LN2_HI + ((double)e * LN2_LO + 2 * sum);
}

double lb_det_exp(double x)
{
    double k, r, sum;
    int n;

    if (isnan(x))
        return x;
    if (x > 709.8)
        return HUGE_VAL;
    if (x < -745.2)
        return 0;
    /* x = k ln 2 + r, |r| <= ln 2 / 2; e^x = 2^k e^r */
    k = floor(x / (LN2_HI + LN2_LO) + 0.5);
    r = (x - k * LN2_HI) - k * LN2_LO;
    /* Taylor series in Horner form, 1 + r (1 + r/2 (1 + r/3 (...))):
     * |r| <= 0.35, 22 terms are far below the last bit */
    sum = 1;
    for (n = 22; n >= 1; n--)
        sum = 1 + sum * r / (double)n;
    return ldexp(sum, (int)k);
}
