/* rng.h: a seeded pseudo-random generator that gives the same numbers on
 * every machine (xoshiro256**, seeded through splitmix64; Blackman and
 * Vigna, 2018), and standard normal draws from it (Marsaglia's polar
 * method, with lb_det_log so that the draws too are the same everywhere).
 * Not for anything secret. */
#ifndef LB_BASE_RNG_H
#define LB_BASE_RNG_H

#include <stdbool.h>
#include <stdint.h>

struct lb_rng {
    uint64_t s[4];     /* xoshiro256** state */
    double spare;      /* the second normal of the last polar pair */
    bool have_spare;   /* 'spare' not yet returned */
};

/* Seeds the generator: the same seed gives the same sequence. */
void lb_rng_seed(struct lb_rng *r, uint64_t seed);

/* The next 64 random bits. */
uint64_t lb_rng_next(struct lb_rng *r);

/* A uniform double in [0, 1), a multiple of 2^-53. */
double lb_rng_uniform(struct lb_rng *r);

/* A standard normal draw (mean 0, standard deviation 1). */
double lb_rng_normal(struct lb_rng *r);

#endif
