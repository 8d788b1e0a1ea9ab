/* detmath.h: logarithm and exponential that give the same bits on every
 * machine.
 *
 * libm's log and exp may differ in the last bit from one C library (or
 * version) to another. The methods that need them (the geometric mean, the
 * normal draws of the bootstrap) promise the same output on every machine
 * for the same input and seed, so they use these instead: only IEEE 754
 * additions, multiplications, divisions and exact scalings by powers of
 * two, which every conforming machine computes alike (the build turns off
 * contraction into fused multiply-adds: -ffp-contract=off). The error is
 * within a few units in the last place, which is all the methods need. */
#ifndef LB_BASE_DETMATH_H
#define LB_BASE_DETMATH_H

/* The natural logarithm of x, for a finite x > 0 (anything else gives
 * -HUGE_VAL for 0 and NaN for negative or non-finite x). */
double lb_det_log(double x);

/* e^x for finite x; overflows to HUGE_VAL and underflows to 0 as exp. */
double lb_det_exp(double x);

#endif
