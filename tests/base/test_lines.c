#include "test_util.h"

#include <stdint.h>
#include <string.h>

#include "base/lines.h"

/* What lb_count_lines must do, a byte at a time. */
static void count_slowly(const char *s, size_t n, struct lb_line_count *c)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            c->quoted = !c->quoted;
        else if (s[i] == '\r' || (s[i] == '\n' && !c->prev_cr))
            c->lines++;
        c->prev_cr = s[i] == '\r';
    }
}

static void same_count(const struct lb_line_count *got,
                       const struct lb_line_count *want)
{
    assert_int_equal(got->lines, want->lines);
    assert_int_equal(got->quoted, want->quoted);
    assert_int_equal(got->prev_cr, want->prev_cr);
}

static void test_lines_by_hand(void **state)
{
    struct lb_line_count c = {0, false, false};

    (void)state;
    lb_count_lines("a,b\r\nc,\"d\ne\"\rf\n\n", 17, &c);
    assert_int_equal(c.lines, 5); /* CRLF, quoted LF, CR, LF, LF */
    assert_false(c.quoted);
    assert_false(c.prev_cr);
    lb_count_lines("0123456\r", 8, &c); /* a word ending in CR ... */
    assert_true(c.prev_cr);
    lb_count_lines("\n\"234567", 8, &c); /* ... then its LF */
    assert_int_equal(c.lines, 6);
    assert_true(c.quoted);
    assert_false(c.prev_cr);
}

/* Random bytes that are mostly CR, LF and '"', at every length and
 * alignment, from every starting state, and cut in two at every place (the
 * state carried between the calls): the same as a byte at a time. */
static void test_lines_as_bytes(void **state)
{
    static const char alphabet[] = "\r\n\"a\xff\x0d\x0a\x8d";
    char buf[96];
    uint32_t x = 12345;
    size_t trial, len, off, cut, k;

    (void)state;
    for (trial = 0; trial < 200; trial++) {
        for (k = 0; k < sizeof buf; k++) {
            x = x * 1103515245u + 12345u;
            buf[k] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        for (off = 0; off < 8; off++) {
            for (len = 0; off + len <= sizeof buf; len += 1 + len / 16) {
                for (k = 0; k < 4; k++) {
                    struct lb_line_count start = {k, (k & 1) != 0,
                                                  (k & 2) != 0};
                    struct lb_line_count want = start, got = start;

                    count_slowly(buf + off, len, &want);
                    lb_count_lines(buf + off, len, &got);
                    same_count(&got, &want);
                    for (cut = 0; cut <= len; cut += 1 + cut / 8) {
                        got = start;
                        lb_count_lines(buf + off, cut, &got);
                        lb_count_lines(buf + off + cut, len - cut, &got);
                        same_count(&got, &want);
                    }
                }
            }
        }
    }
}

/* Long buffers, where the counts pass what a byte holds: every byte a
 * line end, every byte a quote, and random bytes. */
static void test_lines_long(void **state)
{
    enum { N = 20011 };
    static char buf[N];
    struct lb_line_count got = {0, false, false}, want = got;
    uint32_t x = 99;
    size_t k;

    (void)state;
    memset(buf, '\n', N);
    lb_count_lines(buf, N, &got);
    assert_int_equal(got.lines, N);
    memset(buf, '"', N);
    lb_count_lines(buf, N, &got);
    assert_true(got.quoted); /* an odd number */
    lb_count_lines(buf, N - 1, &got);
    assert_true(got.quoted);
    for (k = 0; k < N; k++) {
        x = x * 1103515245u + 12345u;
        buf[k] = "\r\n\"ab"[(x >> 16) % 5];
    }
    got = want;
    lb_count_lines(buf, N, &got);
    count_slowly(buf, N, &want);
    same_count(&got, &want);
}

/* Each of the four bytes, at every place of every length to 40 (the
 * byte loop, the two words, the 16-byte steps and their overlapping
 * last), among bytes that differ from them by one bit: found exactly. */
static void test_lines_special_bytes(void **state)
{
    static const char seps[] = {',', '\t'};
    static const char special[] = {'\r', '\n', '"', 0};
    char buf[48];
    size_t len, at, k, m;

    (void)state;
    for (m = 0; m < sizeof seps; m++) {
        char sep = seps[m];

        for (len = 0; len <= 40; len++) {
            for (k = 0; k < len; k++) /* near misses: one bit off */
                buf[k] = "\x0c\x0b\xa2\x2d\x8d\x8a#\x08"[k % 8];
            memcpy(buf + len, "\n\n\n\n\n\n\n\n", 8); /* never read */
            assert_false(lb_has_line_end_quote_or(buf, len, sep));
            for (at = 0; at < len; at++) {
                for (k = 0; k < sizeof special; k++) {
                    char save = buf[at];

                    buf[at] = special[k] != 0 ? special[k] : sep;
                    assert_true(lb_has_line_end_quote_or(buf, len, sep));
                    buf[at] = save;
                }
            }
        }
    }
    /* a tab is no separator for CSV, nor a comma for TSV */
    assert_false(lb_has_line_end_quote_or("a\tb", 3, ','));
    assert_false(lb_has_line_end_quote_or("a,b", 3, '\t'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_by_hand),
        cmocka_unit_test(test_lines_as_bytes),
        cmocka_unit_test(test_lines_long),
        cmocka_unit_test(test_lines_special_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
