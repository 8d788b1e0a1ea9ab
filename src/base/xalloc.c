#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void oom(size_t size)
{
    /* The only exit below the CLI: nothing sensible can go on without
     * memory, and every caller would otherwise repeat this. */
    fprintf(stderr, "leaderboard: out of memory (%zu bytes)\n", size);
    exit(1);
}

/* Large arrays are read in rank order, far from one another: with 4 KiB
 * pages every row costs TLB misses (dear under virtualisation). Ask for
 * transparent huge pages on the 2 MiB-aligned part of big blocks; the
 * kernel may ignore it, and nothing else changes. */
#define HUGE_PAGE ((size_t)2 << 20)

static void advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + bytes) & ~(uintptr_t)(HUGE_PAGE - 1);

    if (bytes >= 2 * HUGE_PAGE && end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        oom(size);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p;

    if (size != 0 && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL)
        oom(n * size);
    advise_huge(p, n * size);
    return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    size_t bytes;
    void *q;

    if (size != 0 && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    bytes = n * size;
    q = realloc(p, bytes ? bytes : 1);
    if (q == NULL)
        oom(bytes);
    advise_huge(q, bytes);
    return q;
}

char *xmemdup0(const char *s, size_t len)
{
    char *p;

    if (len == SIZE_MAX)
        oom(len);
    p = xmalloc(len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xmemdup0(s, strlen(s));
}

size_t lb_grow_cap(size_t cap, size_t need)
{
    size_t c = cap ? cap : 16;

    while (c < need) {
        if (c > SIZE_MAX / 2)
            return need;
        c *= 2;
    }
    return c;
}
