/* fuzz.h: what the fuzz targets share.
 *
 * Each tests/fuzz/fuzz_NAME.c defines LLVMFuzzerTestOneInput. With clang
 * and LEADERBOARD_FUZZ=ON it is linked with libFuzzer (scripts/fuzz.sh runs
 * it); in every other build it is linked with replay.c, which feeds it the
 * files of tests/fuzz/corpus/NAME/ once each, so the seeds and every input
 * that once crashed are replayed by ctest in the normal, sanitizer and
 * valgrind runs too.
 *
 * A target checks properties of what the code under test returns; a broken
 * property is a crash (FUZZ_CHECK prints it and aborts), so libFuzzer saves
 * the input. */
#ifndef LB_TESTS_FUZZ_H
#define LB_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* FNV-1a of the input: the targets take their options from it, so that an
 * input always replays the same way. */
static inline uint64_t fuzz_fnv1a(const uint8_t *d, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ d[i]) * 1099511628211ull;
    return h;
}

/* The same with its high bits folded into the low ones, for options taken
 * from the low bits. */
static inline uint64_t fuzz_hash(const uint8_t *d, size_t n)
{
    uint64_t h = fuzz_fnv1a(d, n);

    return h ^ (h >> 29);
}

#define FUZZ_CHECK(cond, ...)                                               \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__,          \
                    __LINE__, #cond);                                       \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
            abort();                                                        \
        }                                                                   \
    } while (0)

#endif
