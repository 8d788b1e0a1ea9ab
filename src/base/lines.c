#include "base/lines.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

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

/* The bytes of word equal to b (their high bits). */
static uint64_t word_equal(uint64_t word, char b)
{
    return lb_word_zero(word ^ LB_WORD_ONES * (unsigned char)b);
}

static uint64_t word_special(const char *s, char sep)
{
    uint64_t w;

    memcpy(&w, s, 8);
    return word_equal(w, '\r') | word_equal(w, '\n') | word_equal(w, '"') |
           word_equal(w, sep);
}

bool lb_has_line_end_quote_or(const char *s, size_t n, char sep)
{
    size_t i;

    if (n >= 16) { /* 16 at a time, the last 16 overlapping the others */
        lb_v16s any = {0};
        uint64_t half[2];

        for (i = 0;; i += 16) {
            lb_v16 v;

            if (i + 16 > n)
                i = n - 16;
            memcpy(&v, s + i, 16);
            any |= (v == '\r') | (v == '\n') | (v == '"') |
                   (v == (unsigned char)sep);
            if (i + 16 == n)
                break;
        }
        memcpy(half, &any, 16);
        return (half[0] | half[1]) != 0;
    }
    if (n >= 8) /* two words, overlapping */
        return (word_special(s, sep) | word_special(s + n - 8, sep)) != 0;
    for (i = 0; i < n; i++)
        if (s[i] == '\r' || s[i] == '\n' || s[i] == '"' || s[i] == sep)
            return true;
    return false;
}
