#include "test_util.h"

#include "base/buf.h"
#include "base/quote.h"
#include "base/utf8.h"

static void render_is(const char *s, size_t len, size_t max, const char *want,
                      size_t want_width)
{
    struct lb_buf b = LB_BUF_INIT;
    size_t w = lb_utf8_render(&b, s, len, max);

    assert_string_equal(lb_buf_str(&b), want);
    assert_int_equal(w, want_width);
    if (max == 0)
        assert_int_equal(lb_utf8_width(s, len), want_width);
    lb_buf_release(&b);
}

static void test_utf8_decode(void **state)
{
    uint32_t cp;

    (void)state;
    assert_int_equal(lb_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(lb_utf8_decode("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(lb_utf8_decode("\xE5\xA4\xA7", 3, &cp), 3);
    assert_int_equal(cp, 0x5927);
    assert_int_equal(lb_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* invalid: truncated, overlong, surrogate, beyond U+10FFFF, stray */
    assert_int_equal(lb_utf8_decode("\xC3", 1, &cp), 0);
    assert_int_equal(lb_utf8_decode("\xC0\xAF", 2, &cp), 0);
    assert_int_equal(lb_utf8_decode("\xE0\x80\xAF", 3, &cp), 0);
    assert_int_equal(lb_utf8_decode("\xED\xA0\x80", 3, &cp), 0);
    assert_int_equal(lb_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0);
    assert_int_equal(lb_utf8_decode("\x80", 1, &cp), 0);
}

static void test_utf8_width_cjk_is_two(void **state)
{
    (void)state;
    /* 十大开源 : four wide characters */
    render_is("\xE5\x8D\x81\xE5\xA4\xA7\xE5\xBC\x80\xE6\xBA\x90", 12, 0,
              "\xE5\x8D\x81\xE5\xA4\xA7\xE5\xBC\x80\xE6\xBA\x90", 8);
    /* e + combining acute: one column */
    render_is("e\xCC\x81", 3, 0, "e\xCC\x81", 1);
    /* Hangul syllable and fullwidth A */
    assert_int_equal(lb_utf8_width("\xEA\xB0\x80\xEF\xBC\xA1", 6), 4);
}

static void test_utf8_render_escapes_controls(void **state)
{
    (void)state;
    render_is("a\x1b[31mb", 7, 0, "a\\x1B[31mb", 10);
    render_is("bell\a", 5, 0, "bell\\x07", 8);
    render_is("t\tn\nr\r", 6, 0, "t\\tn\\nr\\r", 9);
    render_is("del\x7f", 4, 0, "del\\x7F", 7);
    /* C1 control U+009B (CSI) and bidi override U+202E */
    render_is("\xC2\x9B", 2, 0, "\\u009B", 6);
    render_is("a\xE2\x80\xAE" "b", 5, 0, "a\\u202Eb", 8);
    /* a second byte order mark, part of a column name, is not invisible */
    render_is("\xEF\xBB\xBFmodel", 8, 0, "\\uFEFFmodel", 11);
    /* invalid UTF-8 bytes */
    render_is("x\xFFy", 3, 0, "x\\xFFy", 6);
}

static void test_utf8_render_truncates(void **state)
{
    (void)state;
    render_is("abcdefghij", 10, 8, "abcde...", 8);
    render_is("abcdefgh", 8, 8, "abcdefgh", 8);
    /* runs of printable ASCII longer than a word, cut or not */
    render_is("abcdefghijklmnopqrstuvwxyz", 26, 20, "abcdefghijklmnopq...", 20);
    render_is("abcdefghijklmnopqrst", 20, 20, "abcdefghijklmnopqrst", 20);
    /* a wide character is never split */
    render_is("ab\xE5\x8D\x81\xE5\x8D\x81\xE5\x8D\x81", 11, 6, "ab...", 5);
}

/* The word tests against each byte alone: every value at every place,
 * beside neighbours that would borrow or carry into it if the test let
 * them; and lb_ascii_run against the definition, a byte that ends the
 * run at every place of strings 0 to 24 bytes long. */
static void test_utf8_ascii_run(void **state)
{
    static const unsigned char around[] = {0x00, 0x01, 0x1F, 0x20, 0x41,
                                           0x7E, 0x7F, 0x80, 0xFF};
    static const unsigned char ends[] = {0x00, 0x09, 0x1F, 0x7F, 0x80, 0xE5,
                                         0xFF};
    unsigned char bytes[8], want_bad[8], want_zero[8];
    char s[32];
    size_t at, v, n, i, len, e;
    uint64_t word, wbad, wzero;

    (void)state;
    for (at = 0; at < 8; at++)
        for (v = 0; v < 256; v++)
            for (n = 0; n < sizeof around; n++) {
                for (i = 0; i < 8; i++) {
                    bytes[i] = i == at ? (unsigned char)v : around[n];
                    want_bad[i] =
                        bytes[i] < 0x20 || bytes[i] > 0x7E ? 0x80 : 0;
                    want_zero[i] = bytes[i] == 0 ? 0x80 : 0;
                }
                memcpy(&word, bytes, 8);
                memcpy(&wbad, want_bad, 8);
                memcpy(&wzero, want_zero, 8);
                assert_true(lb_word_unprintable(word) == wbad);
                assert_true(lb_word_zero(word) == wzero);
                if (wbad != 0) {
                    for (i = 0; want_bad[i] == 0; i++)
                        ;
                    assert_int_equal(lb_word_first(wbad), i);
                }
            }
    for (len = 0; len <= 24; len++) {
        memset(s, 'a', sizeof s);
        s[len] = '\x01'; /* beyond the string: not read as its */
        assert_int_equal(lb_ascii_run(s, len), len);
        assert_int_equal(lb_utf8_width(s, len), len);
        for (at = 0; at < len; at++)
            for (e = 0; e < sizeof ends; e++) {
                memset(s, '~', sizeof s);
                s[at] = (char)ends[e];
                assert_int_equal(lb_ascii_run(s, len), at);
            }
    }
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(lb_utf8_valid("plain", 5));
    assert_true(lb_utf8_valid("\xE5\xA4\xA7", 3));
    assert_false(lb_utf8_valid("\xE5\xA4", 2));
}

static void test_quote_shortens_and_escapes(void **state)
{
    struct lb_quoted q;
    char big[400];

    (void)state;
    assert_string_equal(lb_quotes(&q, "abc"), "'abc'");
    assert_string_equal(lb_quotes(&q, "a\nb"), "'a\\nb'");
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    lb_quotes(&q, big);
    assert_int_equal(strlen(q.s), 62); /* 57 x, "...", two quotes */
    assert_string_equal(q.s + 58, "...'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_width_cjk_is_two),
        cmocka_unit_test(test_utf8_render_escapes_controls),
        cmocka_unit_test(test_utf8_render_truncates),
        cmocka_unit_test(test_utf8_ascii_run),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_quote_shortens_and_escapes),
    };

    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
