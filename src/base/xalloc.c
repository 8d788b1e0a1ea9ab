#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t size)
{
    /* The only exit below the CLI: nothing sensible can go on without
     * memory, and every caller would otherwise repeat this. */
    fprintf(stderr, "leaderboard: out of memory (%zu bytes)\n", size);
    exit(1);
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
