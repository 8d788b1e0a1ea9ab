/* pair.h: running a job on two halves of the work at once. */
#ifndef LB_BASE_PAIR_H
#define LB_BASE_PAIR_H

/* Runs fn(a) on this thread and fn(b) on a second one at the same time,
 * and returns once both have returned; when no thread can be started,
 * runs fn(a) then fn(b) here (the work must not depend on which). b NULL:
 * fn(a) alone. What fn returns is not used: it leaves its results in its
 * argument. */
void lb_run_pair(int (*fn)(void *), void *a, void *b);

#endif
