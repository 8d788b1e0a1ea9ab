#include "base/lines.h"

#include <string.h>

/* 16 bytes at once, in the compiler's generic vectors (SSE2 on x86-64,
 * NEON on ARM; plain code elsewhere). A comparison gives -1 where it
 * holds, 0 elsewhere. */
typedef unsigned char lb_v16 __attribute__((vector_size(16)));
typedef signed char lb_v16s __attribute__((vector_size(16)));

/* At most this many vectors are counted in bytes before the bytes are
 * added up: a byte counts to 255. */
#define BATCH 255

/* One byte, as lb_count_lines counts it. */
static void count_byte(char b, struct lb_line_count *c)
{
    if (b == '"')
        c->quoted = !c->quoted;
    else if (b == '\r' || (b == '\n' && !c->prev_cr))
        c->lines++;
    c->prev_cr = b == '\r';
}

void lb_count_lines(const char *s, size_t n, struct lb_line_count *c)
{
    size_t i, k;

    if (n == 0)
        return;
    count_byte(s[0], c); /* from here on, the byte before is in s */
    for (i = 1; i + 16 <= n;) {
        lb_v16 ends = {0}, quotes = {0};
        size_t steps;
        unsigned odd = 0;

        for (steps = 0; steps < BATCH && i + 16 <= n; steps++, i += 16) {
            lb_v16 v, before;
            lb_v16s cr, lf;

            memcpy(&v, s + i, 16);
            memcpy(&before, s + i - 1, 16);
            cr = v == '\r';
            lf = v == '\n';
            ends -= (lb_v16)(cr | (lf & ~(before == '\r')));
            quotes ^= (lb_v16)(v == '"');
        }
        for (k = 0; k < 16; k++) {
            c->lines += ends[k];
            odd ^= quotes[k] & 1u;
        }
        if (odd)
            c->quoted = !c->quoted;
    }
    if (i > 1)
        c->prev_cr = s[i - 1] == '\r';
    for (; i < n; i++)
        count_byte(s[i], c);
}
