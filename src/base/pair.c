#include "base/pair.h"

#include <stddef.h>
#include <threads.h>

void lb_run_pair(int (*fn)(void *), void *a, void *b)
{
    thrd_t thr;

    if (b != NULL && thrd_create(&thr, fn, b) == thrd_success) {
        (void)fn(a);
        thrd_join(thr, NULL);
        return;
    }
    (void)fn(a);
    if (b != NULL)
        (void)fn(b);
}
