/* The boundary between user text and a gnuplot script (export/gp_quote.h):
 * the quoting function's vectors (GNUPLOT.md section 1), tic labels, which
 * gnuplot reads as formats, and label text. */
#include "test_util.h"

#include <stdlib.h>

#include "base/buf.h"
#include "export/gp_quote.h"

static void quotes_to(const char *in, size_t len, const char *want)
{
    struct lb_buf b = LB_BUF_INIT;

    lb_gp_quote(&b, in, len, LB_GP_TEXT);
    assert_string_equal(lb_buf_str(&b), want);
    lb_buf_release(&b);
}

#define QUOTE(in, want) quotes_to(in, sizeof(in) - 1, want)

static void text_is(const char *in, size_t max, const char *want)
{
    struct lb_buf b = LB_BUF_INIT;

    lb_gp_text(&b, in, strlen(in), max);
    assert_string_equal(lb_buf_str(&b), want);
    lb_buf_release(&b);
}

static void test_gp_quote_vectors(void **state)
{
    (void)state;
    /* GNUPLOT.md section 1, "Reference behaviour for the quoting function" */
    QUOTE("it's", "'it''s'");
    QUOTE("'", "''''");
    QUOTE("", "''");
    QUOTE("evil `touch x` m", "'evil `touch x` m'");
    QUOTE("semi; system(\"x\") #", "'semi; system(\"x\") #'");
    QUOTE("back\\slash\\", "'back\\slash\\'");
    QUOTE("l1\nl2", "'l1 l2'");
    QUOTE("a\r\tb", "'a  b'");
    QUOTE("@cmd", "'@cmd'");
    QUOTE("Llama \"3\" 70B^2", "'Llama \"3\" 70B^2'");
    /* every control byte and DEL is a space; bytes >= 0x80 pass */
    QUOTE("\x01\x1f\x7f", "'   '");
    QUOTE("EOD\nsystem('x')", "'EOD system(''x'')'");
    QUOTE("nul\0x", "'nul x'");
    QUOTE("\xE5\xA4\xA7\xFF", "'\xE5\xA4\xA7\xFF'");
}

static void test_gp_quote_text(void **state)
{
    (void)state;
    text_is("org/model-7b", 0, "org/model-7b");
    /* invalid UTF-8 bytes become '?', control characters (C0, DEL, C1) a
     * space */
    text_is("bad\xFF\xC3", 0, "bad??");
    text_is("a\tb\nc\x7f\xC2\x85", 0, "a b c  ");
    /* cut at a character boundary, "..." included in the count */
    text_is("abcdefghij", 10, "abcdefghij");
    text_is("abcdefghijk", 10, "abcdefg...");
    text_is("\xE5\xA4\xA7\xE5\xA4\xA7\xE5\xA4\xA7\xE5\xA4\xA7\xE5\xA4\xA7", 4,
            "\xE5\xA4\xA7...");
    /* quotes are left to lb_gp_quote */
    text_is("O'Brien", 0, "O'Brien");
}

/* A tic label is a format for gnuplot: '%' is doubled, so that a name is
 * shown as written ("50%-pruned") and "%s" formats nothing; elsewhere '%'
 * stays as it is (gnuplot shows it as written). */
static void test_gp_quote_formats(void **state)
{
    struct lb_buf b = LB_BUF_INIT;

    (void)state;
    lb_gp_quote(&b, "org/model-50%-pruned", 20, LB_GP_FORMAT);
    assert_string_equal(lb_buf_str(&b), "'org/model-50%%-pruned'");
    lb_buf_reset(&b);
    lb_gp_quote(&b, "org/%s%d%%'x", 12, LB_GP_FORMAT);
    assert_string_equal(lb_buf_str(&b), "'org/%%s%%d%%%%''x'");
    lb_buf_reset(&b);
    lb_gp_quote(&b, "50%", 3, LB_GP_TEXT);
    assert_string_equal(lb_buf_str(&b), "'50%'");
    lb_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gp_quote_vectors),
        cmocka_unit_test(test_gp_quote_text),
        cmocka_unit_test(test_gp_quote_formats),
    };

    return cmocka_run_group_tests_name("gp_quote", tests, NULL, NULL);
}
