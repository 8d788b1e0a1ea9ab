#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "test_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "base/xalloc.h"

/* Sizes around the point from which blocks are made a whole number of huge
 * pages long and advised (base/xalloc.c): below it, at it, just under and
 * over a huge page, several huge pages and a byte; in increasing order. */
static const size_t sizes[] = {
    1,
    4096,
    ((size_t)3 << 19) - 1,
    (size_t)3 << 19, /* 1.5 MiB */
    ((size_t)2 << 20) - 24,
    (size_t)2 << 20,
    ((size_t)2 << 20) + 1,
    ((size_t)6 << 20) + 1,
    ((size_t)17 << 20) + 4095,
};
#define NSIZES (sizeof sizes / sizeof sizes[0])

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i * 2654435761u >> 13);
}

static void fill(unsigned char *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        p[i] = pattern(i);
}

static bool holds(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != pattern(i))
            return false;
    return true;
}

/* Every byte asked for is there, zeroed by xcalloc, and keeps what was
 * written through growth and shrinking. */
static void test_xalloc_sizes(void **state)
{
    size_t k;

    (void)state;
    for (k = 0; k < NSIZES; k++) {
        size_t n = sizes[k], i;
        unsigned char *z = xcalloc(n, 1);
        unsigned char *m = xmalloc(n);
        uint32_t *w = xcalloc(n / 4 + 1, sizeof *w);

        for (i = 0; i < n; i++)
            assert_int_equal(z[i], 0);
        for (i = 0; i < n / 4 + 1; i++)
            assert_int_equal(w[i], 0);
        fill(z, 0, n);
        fill(m, 0, n);
        assert_true(holds(z, n));
        assert_true(holds(m, n));
        free(z);
        free(m);
        free(w);
    }
}

static void test_xalloc_grow(void **state)
{
    unsigned char *p = NULL;
    size_t have = 0, k;

    (void)state;
    /* up through every size, as an arena grows */
    for (k = 0; k < NSIZES; k++) {
        p = xreallocarray(p, sizes[k], 1);
        assert_true(holds(p, have));
        fill(p, have, sizes[k]);
        have = sizes[k];
    }
    assert_true(holds(p, have));
    /* and down again */
    for (k = NSIZES; k-- > 0;) {
        p = xreallocarray(p, sizes[k], 1);
        assert_true(holds(p, sizes[k]));
    }
    free(p);
    /* elements of more than a byte */
    {
        uint64_t *q = xreallocarray(NULL, 4, sizeof *q);
        size_t n = ((size_t)5 << 20) / sizeof *q, i;

        for (i = 0; i < 4; i++)
            q[i] = i;
        q = xreallocarray(q, n, sizeof *q);
        for (i = 4; i < n; i++)
            q[i] = i;
        for (i = 0; i < n; i++)
            assert_true(q[i] == i);
        free(q);
    }
}

/* Enough room, at least twice the old room, the old room when it is
 * enough, and big capacities 64 short of a power of two. */
/* lb_move_out copies every byte, from any offset and length (pieces and
 * pages that straddle the copy's ends included), and the source can still
 * be freed. */
static void test_move_out(void **state)
{
    static const size_t lens[] = {0, 1, 4095, 4097, (2u << 20) + 3,
                                  (5u << 20) + 12345};
    size_t i, k;

    (void)state;
    for (i = 0; i < sizeof lens / sizeof *lens; i++) {
        size_t n = lens[i];
        unsigned char *src = xmalloc(n + 7), *dst = xmalloc(n + 1);
        unsigned char *want = xmalloc(n + 1);

        for (k = 0; k < n; k++)
            want[k] = src[k + 7] = (unsigned char)(k * 2654435761u >> 13);
        lb_move_out(dst, src + 7, n);
        assert_memory_equal(dst, want, n);
        free(src);
        free(dst);
        free(want);
    }
}

/* What lb_move_out gives back: every whole huge page of the source (reads
 * as zeros after), and nothing of the huge pages at its two ends, which
 * it would otherwise split (their bytes are still there). */
static void test_move_out_whole_huge_pages(void **state)
{
    const size_t huge = (size_t)2 << 20, n = 3 * huge + 12345;
    unsigned char *map, *base, *src, *dst = xmalloc(n);
    size_t k, first, last;

    (void)state;
    map = mmap(NULL, 6 * huge, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    base = (unsigned char *)(((uintptr_t)map + huge - 1) & ~(uintptr_t)(huge - 1));
    src = base + 4096 + 7; /* as a malloc'd block starts: past a boundary */
    for (k = 0; k < n; k++)
        src[k] = (unsigned char)(k * 2654435761u >> 13 | 1); /* never 0 */
    lb_move_out(dst, src, n);
    first = (size_t)(base + huge - src);     /* the first whole huge page */
    last = (size_t)(base + 3 * huge - src);  /* past the last whole one */
    for (k = 0; k < n; k++) {
        assert_int_equal(dst[k], (unsigned char)(k * 2654435761u >> 13 | 1));
        if (k >= first && k < last)
            assert_int_equal(src[k], 0);
        else
            assert_int_equal(src[k], dst[k]);
    }
    munmap(map, 6 * huge);
    free(dst);
}

static void test_grow_cap(void **state)
{
    size_t cap = 0, need, k;

    (void)state;
    assert_int_equal(lb_grow_cap(100, 100), 100);
    assert_int_equal(lb_grow_cap(100, 7), 100);
    assert_int_equal(lb_grow_cap(0, 1), 16);
    for (k = 0; k < 40; k++) {
        size_t next;

        need = cap + 1 + k * 977;
        next = lb_grow_cap(cap, need);
        assert_true(next >= need);
        assert_true(next >= 2 * cap);
        if (next >= ((size_t)1 << 16)) {
            assert_int_equal((next + 64) & (next + 63), 0);
        }
        cap = next;
    }
    assert_true(cap > ((size_t)1 << 40));
    /* near the top: no wrap */
    assert_true(lb_grow_cap(SIZE_MAX / 2 + 1, SIZE_MAX / 2 + 2) >=
                SIZE_MAX / 2 + 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xalloc_sizes),
        cmocka_unit_test(test_xalloc_grow),
        cmocka_unit_test(test_move_out),
        cmocka_unit_test(test_move_out_whole_huge_pages),
        cmocka_unit_test(test_grow_cap),
    };

    return cmocka_run_group_tests_name("xalloc", tests, NULL, NULL);
}
