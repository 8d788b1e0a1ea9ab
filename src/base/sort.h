/* sort.h: a stable merge sort of indices with a context-aware comparator
 * (qsort has no context argument and is not stable). */
#ifndef LB_BASE_SORT_H
#define LB_BASE_SORT_H

#include <stddef.h>

/* Returns <0 when the item a comes first, >0 when b does, 0 when equal. */
typedef int (*lb_index_cmp)(size_t a, size_t b, void *ctx);

/* Sorts idx[0..n) so that cmp is non-decreasing; equal items keep their
 * order. Allocates n indices of scratch space. */
void lb_sort_indices(size_t *idx, size_t n, lb_index_cmp cmp, void *ctx);

#endif
