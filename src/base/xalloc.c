#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "base/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <threads.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define MOVE_PIECE ((size_t)2 << 20) /* bytes copied between two releases */
#define RELEASE_UNIT ((uintptr_t)2 << 20) /* a huge page */

void lb_move_out(void *dst, void *src, size_t n)
{
    /* Only whole huge pages are given back: giving back part of one (a
     * block starts a little past a huge-page boundary) would split it into
     * small pages first, which costs more than the copy; the pieces at the
     * two ends go with the block, when it is freed. */
    uintptr_t released = ((uintptr_t)src + RELEASE_UNIT - 1) &
                         ~(RELEASE_UNIT - 1);
    size_t done;

    for (done = 0; done < n; done += MOVE_PIECE) {
        size_t len = n - done < MOVE_PIECE ? n - done : MOVE_PIECE;
        uintptr_t end = ((uintptr_t)src + done + len) & ~(RELEASE_UNIT - 1);

        memcpy((char *)dst + done, (const char *)src + done, len);
        if (end > released) {
            (void)madvise((void *)released, end - released, MADV_DONTNEED);
            released = end;
        }
    }
}

static void oom(size_t size)
{
    /* The only exit below the CLI: nothing sensible can go on without
     * memory, and every caller would otherwise repeat this. */
    fprintf(stderr, "leaderboard: out of memory (%zu bytes)\n", size);
    exit(1);
}

/* Large arrays are read in rank order, far from one another: with 4 KiB
 * pages every row costs TLB misses and every first touch a page fault
 * (both dear under virtualisation). Big blocks therefore ask for
 * transparent huge pages, and are sized so that glibc maps them with a
 * length that is a whole number of huge pages: the kernel (6.7 on) then
 * places the mapping on a huge-page boundary, so all of it, not only its
 * aligned middle, can be huge (as glibc.malloc.hugetlb=1 does). The
 * kernel may ignore the advice, and nothing else changes: the block is
 * merely up to one huge page longer than asked for. */
#define HUGE_PAGE ((size_t)2 << 20)
#if defined(MADV_HUGEPAGE) && !defined(MADV_COLLAPSE)
#define MADV_COLLAPSE 25 /* Linux 6.1; glibc 2.36 does not name it */
#endif
#define HUGE_MIN (HUGE_PAGE / 2 + HUGE_PAGE / 4) /* at most 1/4 more */
#define CHUNK_OVERHEAD 24 /* glibc: an mmapped chunk of n bytes maps
                             n + 24 rounded up to a page (64-bit) */

/* glibc raises its threshold for mapping a block of its own (up to 32
 * MiB) whenever a mapped block is freed; big blocks would then come from
 * the heap, unaligned. A threshold set once stays where it is. */
static void fix_threshold(void)
{
#ifdef __GLIBC__
    (void)mallopt(M_MMAP_THRESHOLD, (int)HUGE_MIN);
#endif
}

static size_t huge_size(size_t bytes)
{
    static once_flag once = ONCE_FLAG_INIT;

    if (bytes < HUGE_MIN || bytes > SIZE_MAX - 2 * HUGE_PAGE)
        return bytes;
    call_once(&once, fix_threshold);
    return ((bytes + CHUNK_OVERHEAD + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)) -
           CHUNK_OVERHEAD;
}

static void advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start = (uintptr_t)p & ~(uintptr_t)4095;
    uintptr_t end = ((uintptr_t)p + bytes + 4095) & ~(uintptr_t)4095;

    if (bytes < HUGE_MIN || end <= start)
        return;
    (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
    /* malloc wrote the block's header before the advice, so its first
     * huge page already has one small page and would stay small: make it
     * huge now (Linux 6.1 on; else nothing happens) */
    if ((start & (HUGE_PAGE - 1)) == 0 && end - start >= HUGE_PAGE)
        (void)madvise((void *)start, HUGE_PAGE, MADV_COLLAPSE);
#else
    (void)p;
    (void)bytes;
#endif
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? huge_size(size) : 1);

    if (p == NULL)
        oom(size);
    advise_huge(p, huge_size(size));
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p;

    if (size != 0 && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    if (n * size >= HUGE_MIN)
        p = calloc(1, huge_size(n * size));
    else
        p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL)
        oom(n * size);
    advise_huge(p, huge_size(n * size));
    return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    size_t bytes;
    void *q;

    if (size != 0 && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    bytes = n * size;
    q = realloc(p, bytes ? huge_size(bytes) : 1);
    if (q == NULL)
        oom(bytes);
    advise_huge(q, huge_size(bytes));
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

/* Capacities of 64 Ki elements or more stop 64 elements short of a power
 * of two: a block of them, with malloc's header, then fills a whole number
 * of huge pages (huge_size adds nothing) instead of needing one more. */
#define GROW_BIG ((size_t)1 << 16)
#define GROW_SLACK 64

static size_t usable(size_t c)
{
    return c >= GROW_BIG ? c - GROW_SLACK : c;
}

size_t lb_grow_cap(size_t cap, size_t need)
{
    size_t c = 16, want;

    if (need <= cap)
        return cap;
    want = cap <= SIZE_MAX / 2 && 2 * cap > need ? 2 * cap : need;
    while (usable(c) < want) {
        if (c > SIZE_MAX / 2)
            return want;
        c *= 2;
    }
    return usable(c);
}
