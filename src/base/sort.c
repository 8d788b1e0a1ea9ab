#include "base/sort.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define INSERTION_MAX 16

static void insertion(size_t *a, size_t n, lb_index_cmp cmp, void *ctx)
{
    size_t i, j;

    for (i = 1; i < n; i++) {
        size_t v = a[i];

        for (j = i; j > 0 && cmp(a[j - 1], v, ctx) > 0; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Sorts a[0..n) using tmp[0..n) as scratch. */
/* Recursion halves n: at most 64 levels deep. */
static void merge_sort(size_t *a, size_t *tmp, size_t n, lb_index_cmp cmp,
                       void *ctx)
{
    size_t mid = n / 2, i = 0, j = mid, k = 0;

    if (n <= INSERTION_MAX) {
        insertion(a, n, cmp, ctx);
        return;
    }
    merge_sort(a, tmp, mid, cmp, ctx);
    merge_sort(a + mid, tmp + mid, n - mid, cmp, ctx);
    if (cmp(a[mid - 1], a[mid], ctx) <= 0)
        return; /* already in order */
    while (i < mid && j < n)
        tmp[k++] = cmp(a[j], a[i], ctx) < 0 ? a[j++] : a[i++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

void lb_sort_indices(size_t *idx, size_t n, lb_index_cmp cmp, void *ctx)
{
    size_t *tmp;

    if (n < 2)
        return;
    tmp = xreallocarray(NULL, n, sizeof *tmp);
    merge_sort(idx, tmp, n, cmp, ctx);
    free(tmp);
}
