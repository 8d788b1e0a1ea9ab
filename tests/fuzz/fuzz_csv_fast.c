/* fuzz_csv_fast.c: the loader's fast path (quote-free lines split with
 * memchr, csv_read.c) against libcsv alone, on any bytes: the same table
 * (lb_table_same) or the same message. The input is handed to the parser in
 * blocks of a size chosen by a hash of the input (1 to 64 bytes, or whole),
 * so that block ends fall inside quoted fields, CRLFs and rows. */
#include <stdbool.h>
#include <string.h>

#include "core/table.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT (1u << 20)
#define NAME "fuzz.csv"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t h = fuzz_hash(data, size);
    size_t block = (h >> 2) % 4 == 0 ? 0 : (size_t)((h >> 4) % 64) + 1;
    struct lb_load_opts slow = {.keep_text = (h & 1) != 0,
                                .allow_no_rows = (h & 2) != 0,
                                .libcsv_only = true,
                                .block_size = block};
    struct lb_load_opts fast = slow;
    struct lb_table a, b;
    struct lb_error ea, eb;
    char why[256];
    int ra, rb;

    if (size > FUZZ_MAX_INPUT)
        return 0;
    fast.libcsv_only = false;
    lb_error_init(&ea);
    lb_error_init(&eb);
    ra = lb_table_load_mem(&a, NAME, (const char *)data, size, &slow, &ea);
    rb = lb_table_load_mem(&b, NAME, (const char *)data, size, &fast, &eb);
    FUZZ_CHECK(ra == rb && strcmp(ea.msg, eb.msg) == 0,
               "libcsv: %d '%s', fast path: %d '%s' (blocks of %zu)", ra,
               ea.msg, rb, eb.msg, block);
    if (ra != 0)
        return 0;
    FUZZ_CHECK(lb_table_same(&a, &b, why, sizeof why), "%s (blocks of %zu)",
               why, block);
    lb_table_release(&a);
    lb_table_release(&b);
    return 0;
}
