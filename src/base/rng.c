#include "base/rng.h"

#include <math.h>

#include "base/detmath.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void lb_rng_seed(struct lb_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    int i;

    for (i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x); /* never all zero: splitmix64 is a bijection
                                     of distinct inputs */
    r->have_spare = false;
    r->spare = 0;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t lb_rng_next(struct lb_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double lb_rng_uniform(struct lb_rng *r)
{
    return (double)(lb_rng_next(r) >> 11) * 0x1.0p-53;
}

double lb_rng_normal(struct lb_rng *r)
{
    double u, v, s, f;

    if (r->have_spare) {
        r->have_spare = false;
        return r->spare;
    }
    do {
        u = 2 * lb_rng_uniform(r) - 1;
        v = 2 * lb_rng_uniform(r) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    /* sqrt is correctly rounded (IEEE 754): the same everywhere */
    f = sqrt(-2 * lb_det_log(s) / s);
    r->spare = v * f;
    r->have_spare = true;
    return u * f;
}
